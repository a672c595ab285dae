"""Match question wordings on their words: the area's own name, small words and scale hints set aside.

"Which area of Portsmouth do you live in?" and "Which area do you live in?" share their words once the area's name
(config.AREA_NAME) and small words are set aside; so do "Views make a difference (1-5)" and "My views make a
difference". A header matches a wording by words only when both have exactly the same words left, and no other
field or question has those words too; "not", "no" and "never" are never set aside, so a negated statement never
matches its positive.
"""

import re

from impact import config
from pipelines.formats import simple

SMALL_WORDS = set(
    "a an the of in on at to for about from do does did you your yours i me my we our us is are am was were be been "
    "how what which who whom where when this that these those with and or please much any there it its have has "
    "would could should can will".split()
)
# "(1-5)", "(Y/N)", "(tick all that apply)": what typed-up forms and tools add after a question.
HINT = re.compile(r"\s*\(([^)]*)\)\s*$")


def without_hint(text: str) -> str:
    """Return a header without a trailing bracketed hint such as '(1-5)' or '(Y/N)'."""
    return HINT.sub("", text).strip()


def area_words() -> set[str]:
    """Return the words of the configured area name, simplified."""
    return set(simple(config.area_name()).split())


def words(text: str) -> frozenset[str]:
    """Return the words of a simplified wording that carry its meaning."""
    drop = SMALL_WORDS | area_words()
    return frozenset(w for w in simple(text).split() if w not in drop)


def word_match(parts: list[str], wordings: dict[str, str]) -> str | None:
    """Return the target of the wording with the same words as one of the parts, when only one target has them."""
    by_words: dict[frozenset, set[str]] = {}
    for wording, target in wordings.items():
        if found := words(wording):
            by_words.setdefault(found, set()).add(target)
    for part in reversed(parts):
        targets = by_words.get(words(part), set())
        if len(targets) == 1:
            return next(iter(targets))
    return None
