"""The held-out judged set (corpus/qrels-heldout.toml) loads, and every unit it judges exists.

The set is measured, never tuned on: these tests check its form and its ids against the
units of the reference corpus, not any ranking.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from lexmig.search.evaluation import load_qrels

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def heldout():
    return load_qrels(CORPUS_DIR / "qrels-heldout.toml")


@pytest.fixture(scope="module")
def english_units(english_article_units):
    """Every article-level unit of the English text of the mirror documents."""
    return set().union(*english_article_units.values())


def test_the_set_has_at_least_60_questions_of_the_three_plain_language_kinds(heldout):
    kinds = Counter(item.kind for item in heldout)
    assert len(heldout) >= 60
    assert set(kinds) == {"question", "vocabulary", "typo"}
    assert kinds["vocabulary"] >= 10 and kinds["typo"] >= 5


def test_every_judged_unit_exists_in_a_home_built_from_the_mirror(heldout, english_units):
    missing = [(item.text, unit) for item in heldout for unit in item.relevant if unit not in english_units]
    assert missing == []


def test_each_question_has_one_to_six_units_and_one_that_answers_it(heldout):
    assert [item.text for item in heldout if not 1 <= len(item.relevant) <= 6] == []
    assert [item.text for item in heldout if 2 not in item.relevant.values()] == []


def test_the_held_out_questions_are_apart_from_the_tuning_set(heldout):
    tuned = {item.text.casefold() for item in load_qrels(CORPUS_DIR / "qrels.toml")}
    texts = [item.text.casefold() for item in heldout]
    assert len(set(texts)) == len(texts)
    assert tuned.isdisjoint(texts)
