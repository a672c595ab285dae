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


def _mentions(text: str, keyword: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(keyword)}(?!\w)", text) is not None
