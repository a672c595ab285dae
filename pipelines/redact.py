"""Remove names, email and postal addresses and phone numbers from free text before anything is stored or shown.

Emails, phone numbers (also written 0044), NHS numbers (10 digits whose modulus 11 check digit is right), dates of
birth, postcodes and house, flat and street numbers are found by their shape. Names cannot be found reliably, so
rules catch the usual cases: the respondent's own name from the export's name columns, a name after a phrase
that introduces one ("my name is", "speak to", "our son Kwame", "mum is sarah", "Mrs"), surnames with a prefix
(O'Brien, McKay, MacLeod, D'Souza), and common first names with a surname. Local schools and settings come from a
list the officer keeps (pipelines/mappings/local_settings.txt). scripts/pii_corpus.py measures what is removed.
"""

import re
from functools import cache, lru_cache
from pathlib import Path

from pipelines.vocabulary import COMMON_FIRST_NAMES

EMAIL_MARK, PHONE_MARK, NAME_MARK = "[email removed]", "[phone removed]", "[name removed]"
ADDRESS_MARK = "[address removed]"
NHS_MARK, BIRTH_MARK, SETTING_MARK = "[NHS number removed]", "[date of birth removed]", "[school removed]"
LOCAL_SETTINGS = Path(__file__).resolve().parent / "mappings" / "local_settings.txt"
NHS_NUMBER = re.compile(r"(?<![\d+])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
DATE = (
    r"(?:\d{1,2}[/.-]\d{1,2}[/.-](?:\d{4}|\d{2})|\d{4}-\d{1,2}-\d{1,2}"
    rf"|(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?(?:\s+of)?\s+{MONTHS},?\s+\d{{4}}|{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}})"
)
BIRTH_DATE = re.compile(
    rf"\b(d\.?o\.?b\.?|date of birth|birth ?date|birthday|born(?:\s+on|\s+in)?)(\s*(?:is|was|:|-)?\s*){DATE}",
    re.IGNORECASE,
)
# Flat and house numbers in any case: "flat 3", "apartment 12b", "12 albert rd" (not "2 hours on the way").
FLAT = re.compile(r"\b(?:flat|apartment|apt|unit|maisonette)\.?\s+(?:no\.?\s*)?\d{1,4}[a-z]?\b", re.IGNORECASE)
STREET_WORD = r"(?!(?:the|a|an|to|on|in|of|and|for|my|our|this|that|with|at|by|times|hours|days|weeks|years)\b)"
LOWER_STREET = re.compile(
    rf"\b\d{{1,4}}[a-z]?,?\s+(?:{STREET_WORD}[a-z][a-z']+\s+){{1,3}}"
    r"(?:road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|cres|place|gardens|gdns|court|ct|terrace"
    r"|grove|hill|square|walk|row|mews|parade)\b",
    re.IGNORECASE,
)
PREFIXED_SURNAME = re.compile(r"\b(?:[A-Z][a-z]+\s+)?(?:O['’]|Mc|Mac|D['’])[A-Z][a-z]+(?:-[A-Z][a-z]+)?\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
PHONE = re.compile(r"(?<![\d\w])(?:(?:\+44|0044)[\s-]?(?:\(0\)\s?)?|\(?0)(?:\d[\s-]?\)?\s?){8,9}\d(?!\d)")
CAPITALISED = r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?"
FAMILY = (
    r"son|daughter|child|boy|girl|brother|sister|twin|baby|mum|mom|mother|dad|father|stepson|stepdaughter|"
    r"grandson|granddaughter|grandchild|nan|nana|gran|grandma|grandad|grandpa|aunt|auntie|uncle|cousin|nephew|niece|"
    r"husband|wife|partner|foster child|foster son|foster daughter"
)
# "our son Kwame", "my daughter, Amelia": a capitalised name straight after a family word.
FAMILY_NAME = re.compile(rf"\b((?i:(?:my|our|his|her|their|your|the)\s+(?:{FAMILY})s?),?)\s+({CAPITALISED})")
# "mum is sarah", "my son is called kwame", "her brother's name is leo": any case after is / called / named.
FAMILY_SAYS_NAME = re.compile(
    rf"\b((?:{FAMILY})(?:'s name is|s? (?:is|are) called|s? (?:is|are) named| is| called| named))\s+([A-Za-z][a-z]+)",
    re.IGNORECASE,
)
# UK postcodes (e.g. PO1 2AB, SW1A 1AA) and house-number-plus-street addresses ("12 Albert Road").
POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
STREET = re.compile(
    r"\b\d{1,4}[a-zA-Z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Place|Gardens|Court|Terrace|Grove|Hill|Square)\b"
)
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
    "has", "had", "have", "is", "was", "were", "are", "be", "been", "does", "did", "do", "can", "could", "will",
    "would", "should", "may", "might", "must", "who", "which", "what", "when", "where", "why", "how", "with",
    "without", "but", "or", "if", "because", "as", "to", "of", "by", "from", "too", "also", "just", "only", "ok",
    "okay", "fine", "well", "better", "worse", "good", "bad", "great", "upset", "anxious", "scared", "tired",
    "ill", "poorly", "sick", "older", "younger", "eldest", "youngest", "little", "big", "one", "two", "three",
    "both", "then", "than", "no", "yes", "left", "right", "home", "out", "off", "up", "down", "over", "able",
    "unable", "going", "getting", "struggling", "waiting", "included", "listened", "heard", "ignored", "being",
}  # fmt: skip
# Word endings that mark an adjective, verb or adverb, not a name ("mum is exhausted", "dad is coping").
NOT_NAME_ENDINGS = ("ed", "ing", "ly", "ful", "ous", "ive", "able", "ible", "less", "ness", "ment", "ic", "ical")


def redact_free_text(text: object, names: list[str] | None = None) -> object:
    """Return free text with names, email and postal addresses and phone numbers replaced by a marker."""
    if not isinstance(text, str):
        return text
    if not names:
        return _redacted(text)
    return _redact(text, names)


@lru_cache(maxsize=100_000)
def _redacted(text: str) -> str:
    # A file's comments are read twice (stored, and shown as given for rejected rows): redacted once.
    return _redact(text, None)


def _redact(text: str, names: list[str] | None) -> str:
    text = BIRTH_DATE.sub(lambda m: f"{m.group(1)}{m.group(2)}{BIRTH_MARK}", EMAIL.sub(EMAIL_MARK, text))
    text = PHONE.sub(PHONE_MARK, NHS_NUMBER.sub(_nhs_number, text))
    text = POSTCODE.sub(ADDRESS_MARK, STREET.sub(ADDRESS_MARK, text))
    text = LOWER_STREET.sub(ADDRESS_MARK, FLAT.sub(ADDRESS_MARK, text))
    if settings := local_settings_pattern():
        text = settings.sub(SETTING_MARK, text)
    for name in sorted({n for n in names or [] if n and len(n.strip()) > 1}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name.strip())}\b", NAME_MARK, text, flags=re.IGNORECASE)
    text = FAMILY_NAME.sub(_introduced, FAMILY_SAYS_NAME.sub(_named_by_family, text))
    text = INTRODUCED_NAME.sub(_introduced, text)
    text = TITLED_NAME.sub(NAME_MARK, PREFIXED_SURNAME.sub(NAME_MARK, text))
    return KNOWN_FIRST_NAME.sub(NAME_MARK, text)


def is_nhs_number(digits: str) -> bool:
    """Return whether ten digits are a valid NHS number (modulus 11 check digit)."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    check = 11 - sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True)) % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


@cache
def local_settings_pattern(path: Path = LOCAL_SETTINGS) -> re.Pattern | None:
    """Return one pattern for the local settings' names (whole names, any case), or None when the list is empty."""
    names = [line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]
    if not names:
        return None
    parts = [r"\s+".join(re.escape(w).replace("'", "['’]?") for w in name.split()) for name in names]
    return re.compile(rf"\b(?:{'|'.join(sorted(parts, key=len, reverse=True))})\b", re.IGNORECASE)


def _nhs_number(match: re.Match) -> str:
    return NHS_MARK if is_nhs_number("".join(match.groups())) else match.group(0)


def _named_by_family(match: re.Match) -> str:
    word = match.group(2).lower()
    if word in NOT_NAMES or word.endswith(NOT_NAME_ENDINGS):
        return match.group(0)
    return f"{match.group(1)} {NAME_MARK}"


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
