"""Code Local Offer comments into themes with the keyword rules in comment_themes.yaml, which officers can read."""

import re
from functools import cache
from pathlib import Path

import pandas as pd
import yaml

RULES_FILE = Path(__file__).resolve().parent / "comment_themes.yaml"
OTHER = "Other"
ALL_COMMENTS = "All comments"  # the row of local_offer_theme_counts that counts the comments themselves


@cache
def theme_rules(path: Path = RULES_FILE) -> dict[str, list[str]]:
    """Return each theme with its keywords, as the rules file lists them."""
    return {theme: [str(k).lower() for k in keywords] for theme, keywords in yaml.safe_load(path.read_text()).items()}


def themes_of(comment: str, rules: dict[str, list[str]]) -> list[str]:
    """Return the themes whose keywords appear in the comment as whole words, or ["Other"]."""
    text = comment.lower()
    found = [theme for theme, keywords in rules.items() if any(_mentions(text, k) for k in keywords)]
    return found or [OTHER]


def theme_counts(comments: pd.Series, rules: dict[str, list[str]]) -> pd.DataFrame:
    """Return comments per theme (a comment can count towards several), every theme listed, Other last."""
    counts = dict.fromkeys([*rules, OTHER], 0)
    for comment in comments.dropna():
        for theme in themes_of(comment, rules):
            counts[theme] += 1
    return pd.DataFrame({"theme": list(counts), "comments": list(counts.values())})


# A character Python's \w matches in text (letters, digits of every script, the underscore), as RE2 spells it.
_WORD = r"\pL\pN_"


def theme_patterns(rules: dict[str, list[str]]) -> dict[str, str]:
    """Return for each theme one RE2 pattern (DuckDB's regexp_matches) that finds a lower-cased comment exactly when
    themes_of finds one of the theme's keywords in it: the keyword whole, not inside a longer word."""
    return {
        theme: rf"(?:^|[^{_WORD}])(?:{'|'.join(_re2_literal(k) for k in keywords)})(?:[^{_WORD}]|$)"
        for theme, keywords in rules.items()
        if keywords
    }


def _re2_literal(keyword: str) -> str:
    # RE2 takes any ASCII punctuation escaped; letters, digits, spaces and other characters stand for themselves.
    return "".join("\\" + ch if ch.isascii() and not ch.isalnum() and ch != " " else ch for ch in keyword)


def _mentions(text: str, keyword: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(keyword)}(?!\w)", text) is not None
