"""Free text loses NHS numbers, dates of birth, 0044 phone numbers, flat and house numbers, names after family words,
names with prefixes and local schools before storage: measured on a seeded corpus (scripts/pii_corpus.py)."""

import pytest

from pipelines.redact import redact_free_text
from scripts.pii_corpus import KINDS, shares_removed


def test_at_least_99_percent_of_each_kind_of_planted_identifier_is_removed():
    shares = shares_removed(per_kind=300)
    assert set(shares) == set(KINDS)
    assert {kind: share for kind, share in shares.items() if share < 0.99} == {}


@pytest.mark.parametrize(
    "text",
    [
        "It took 2 hours on the way home.",
        "My son has autism and mum is exhausted.",
        "Our daughter is happy at school now.",
        "Reference 943 476 5918 is not an NHS number (its check digit is wrong).",
        "The event on Tuesday had 12 young people.",
    ],
)
def test_ordinary_comments_keep_their_words(text):
    assert redact_free_text(text) == text


def test_an_nhs_number_with_a_valid_check_digit_is_removed_with_or_without_spaces():
    assert redact_free_text("NHS 943 476 5919") == "NHS [NHS number removed]"
    assert redact_free_text("NHS 9434765919.") == "NHS [NHS number removed]."
