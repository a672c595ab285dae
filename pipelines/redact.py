"""Remove names, email and postal addresses and phone numbers from free text before anything is stored or shown.

Emails and phone numbers are found by their shape. Names cannot be found reliably, so three rules catch the
usual cases: the respondent's own name from the export's name columns, a capitalised name after a phrase
that introduces one ("my name is", "speak to", "my son", "Mrs"), and common first names with a surname.
"""

import re

from pipelines.vocabulary import COMMON_FIRST_NAMES

EMAIL_MARK, PHONE_MARK, NAME_MARK = "[email removed]", "[phone removed]", "[name removed]"
ADDRESS_MARK = "[address removed]"
# UK postcodes (e.g. PO1 2AB, SW1A 1AA) and house-number-plus-street addresses ("12 Albert Road").
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
STREET = re.compile(
    r"\b\d{1,4}[a-zA-Z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Place|Gardens|Court|Terrace|Grove|Hill|Square)\b"
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<![\d\w])(?:\+44\s?(?:\(0\)\s?)?|\(?0)(?:\d[\s-]?\)?\s?){8,9}\d(?!\d)")
CAPITALISED = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
INTRODUCERS = (
    r"my name is|my name's|i am|i'm|i am called|i'm called|call me|named|called|ask for|speak to|spoke to|spoken to|"
    r"speaking to|talk to|talked to|thanks to|thank you|my (?:son|daughter|child|boy|girl|brother|sister|"
    r"mum|mom|dad|carer|worker|teacher|key worker|social worker)(?:'s name is)?"
)
INTRODUCED_NAME = re.compile(rf"\b((?i:{INTRODUCERS})),?\s+({CAPITALISED}(?:\s+{CAPITALISED})?)")
TITLED_NAME = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+{CAPITALISED}(?:\s+{CAPITALISED})?")
KNOWN_FIRST_NAME = re.compile(
    rf"\b(?:{'|'.join(sorted(COMMON_FIRST_NAMES, key=len, reverse=True))})\b(?:\s+{CAPITALISED})?"
)
# Capitalised words after an introducer that are not names ("speak to Someone", "thanks to School").
NOT_NAMES = {
    "the", "a", "an", "our", "my", "your", "their", "his", "her", "them", "him", "us", "me", "someone", "anyone",
    "everyone", "people", "staff", "school", "college", "social", "services", "service", "council", "team",
    "teachers", "teacher", "senco", "sendiass", "everybody", "somebody", "all", "you", "for", "about", "and",
    "autistic", "dyslexic", "deaf", "blind", "disabled", "happy", "sad", "very", "not", "really", "so", "still",
    "now", "always", "never", "sure", "glad", "pleased", "grateful", "worried", "angry", "frustrated", "unhappy",
    "young", "parent", "carer", "mum", "dad", "in", "at", "on", "it", "this", "that", "there", "here",
}  # fmt: skip


def redact_free_text(text: object, names: list[str] | None = None) -> object:
    """Return free text with names, email and postal addresses and phone numbers replaced by a marker."""
    if not isinstance(text, str):
        return text
    text = PHONE.sub(PHONE_MARK, EMAIL.sub(EMAIL_MARK, text))
    text = POSTCODE.sub(ADDRESS_MARK, STREET.sub(ADDRESS_MARK, text))
    for name in sorted({n for n in names or [] if n and len(n.strip()) > 1}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name.strip())}\b", NAME_MARK, text, flags=re.IGNORECASE)
    text = INTRODUCED_NAME.sub(_introduced, text)
    text = TITLED_NAME.sub(NAME_MARK, text)
    return KNOWN_FIRST_NAME.sub(NAME_MARK, text)


def name_parts(*values: object) -> list[str]:
    """Return the words of a respondent's name columns, to remove them wherever they appear in free text."""
    parts = []
    for value in values:
        if isinstance(value, str) and value.strip().lower() not in ("anonymous", "prefer not to say"):
            parts.append(value.strip())
            parts += [word for word in re.split(r"[\s,]+", value) if len(word) > 2 and "@" not in word]
    return parts


def _introduced(match: re.Match) -> str:
    words = match.group(2).split()
    if words[0].lower() in NOT_NAMES:
        return match.group(0)
    return f"{match.group(1)} {NAME_MARK}"
