"""Measure what pipelines/redact.py removes: a seeded corpus of comments with planted identifiers of each kind, and
the share of them gone after redaction.

Usage: python3 scripts/pii_corpus.py [comments per kind]   (prints the share removed per kind)
"""

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipelines.redact import LOCAL_SETTINGS, is_nhs_number, redact_free_text  # noqa: E402

SEED = 12
NAMES = [
    "Kwame", "Amelia", "Oluwaseun", "Siobhan", "Priya", "Zainab", "Tomasz", "Leo", "Ffion", "Aarav", "Chidi", "Maisie",
    "Bartosz", "Niamh", "Yusuf", "Imogen", "Kofi", "Ruby", "Dawid", "Aisha", "Finley", "Tegan", "Ravi", "Esme",
]  # fmt: skip
STEMS = ["Brien", "Neill", "Kay", "Donald", "Leod", "Souza", "Connor", "Intyre", "Kenzie", "Sullivan", "Angelo"]
STREETS = ["albert", "victoria", "kingston", "elm", "copnor", "st mary's", "london", "fawcett", "highland", "queen"]
ROAD_WORDS = ["rd", "road", "street", "st", "avenue", "lane", "close", "drive", "way", "crescent", "grove"]
FAMILY = ["son", "daughter", "child", "brother", "sister", "grandson", "granddaughter", "nephew", "niece", "girl"]
MONTHS = ["January", "March", "May", "July", "September", "November", "Feb", "Oct"]


def nhs_number(rng: random.Random) -> str:
    """Return a valid NHS number, written with or without spaces."""
    while True:
        digits = "".join(str(rng.randint(0, 9)) for _ in range(9))
        for check in "0123456789":
            if is_nhs_number(digits + check):
                number = digits + check
                return rng.choice([number, f"{number[:3]} {number[3:6]} {number[6:]}"])


def birth_date(rng: random.Random) -> str:
    """Return a date of birth in one of the ways people write them."""
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2000, 2023)
    return rng.choice([
        f"{day:02d}/{month:02d}/{year}", f"{day}/{month}/{year}", f"{year}-{month:02d}-{day:02d}",
        f"{day} {rng.choice(MONTHS)} {year}", f"{day}th of {rng.choice(MONTHS)} {year}", f"{day}.{month}.{year}",
    ])  # fmt: skip


def planted(kind: str, rng: random.Random) -> tuple[str, str]:
    """Return a comment with one identifier of the kind planted in it, and the identifier."""
    name = rng.choice(NAMES)
    if kind == "NHS number":
        number = nhs_number(rng)
        return f"Please use NHS number {number} when you call back.", number
    if kind == "date of birth":
        date = birth_date(rng)
        cue = rng.choice(["DOB", "dob:", "Date of birth", "born on", "born", "His birthday is", "d.o.b."])
        return f"My child ({cue} {date}) was not offered a place.", date
    if kind == "phone with 0044":
        number = rng.choice(["0044 7700 9{:05d}", "0044 (0)23 92{:06d}", "0044 23 92{:06d}", "00447700{:06d}"])
        number = number.format(rng.randint(0, 99999))
        return f"Ring me on {number} any time after 4pm.", number
    if kind == "flat or house number":
        address = rng.choice([
            f"flat {rng.randint(1, 40)}", f"flat {rng.randint(1, 40)}{rng.choice('abc')}",
            f"{rng.randint(1, 250)} {rng.choice(STREETS)} {rng.choice(ROAD_WORDS)}",
        ])  # fmt: skip
        return f"The letter went to {address} instead of our house.", address
    if kind == "name after a family word":
        text = rng.choice([
            f"our {rng.choice(FAMILY)} {name} loved the forum",
            f"my {rng.choice(FAMILY)}, {name}, was not listened to",
            f"mum is {name.lower()} and she could not get in",
            f"my {rng.choice(FAMILY)} is called {rng.choice([name, name.lower()])} and is 14",
            f"her {rng.choice(FAMILY)}'s name is {name.lower()}",
        ])  # fmt: skip
        return text, name
    if kind == "name with a prefix":
        surname = rng.choice(["O'", "O’", "Mc", "Mac", "D'"]) + rng.choice(STEMS)
        return f"The worker, {rng.choice(['', name + ' '])}{surname}, never replied.", surname
    if kind == "local school":
        setting = rng.choice(local_settings())
        return f"He goes to {rng.choice([setting, setting.lower(), setting.upper()])} and they did not help.", setting
    raise ValueError(kind)


KINDS = (
    "NHS number", "date of birth", "phone with 0044", "flat or house number", "name after a family word",
    "name with a prefix", "local school",
)  # fmt: skip


def local_settings() -> list[str]:
    """Return the local settings listed in pipelines/mappings/local_settings.txt."""
    lines = LOCAL_SETTINGS.read_text().splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def removed(text: str, identifier: str) -> bool:
    """Return whether no trace of the identifier is left after redaction (compared without case or spaces)."""
    squeezed = "".join(redact_free_text(text).lower().split())
    return "".join(identifier.lower().split()) not in squeezed


def shares_removed(per_kind: int = 400, seed: int = SEED) -> dict[str, float]:
    """Return, per kind of identifier, the share of planted identifiers that redaction removed."""
    rng = random.Random(seed)
    shares = {}
    for kind in KINDS:
        comments = [planted(kind, rng) for _ in range(per_kind)]
        shares[kind] = sum(removed(text, identifier) for text, identifier in comments) / per_kind
    return shares


def main() -> None:
    per_kind = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    for kind, share in shares_removed(per_kind).items():
        print(f"{kind:<26} {100 * share:6.1f}% removed (of {per_kind})")


if __name__ == "__main__":
    main()
