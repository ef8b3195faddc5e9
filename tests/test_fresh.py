"""The fresh judged set (corpus/qrels-fresh.toml) loads, every unit it judges exists, it
covers every installed instrument, it repeats no question of the other sets, and
`lexmig eval` measures it only when it is named.

The set is held out: these tests check its form and its ids against the units of the
reference corpus, never what the ranking scores on it.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from lexmig.indexer.passage import article_key
from lexmig.search.cli import cli
from lexmig.search.evaluation import SETS, load_qrels, shipped_sets

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"


def normalised(text: str) -> str:
    """Lower case, punctuation dropped, spaces collapsed: how two questions are compared."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


@pytest.fixture(scope="module")
def fresh():
    return load_qrels(CORPUS_DIR / "qrels-fresh.toml")


def test_the_set_has_78_questions_with_303_judgments(fresh):
    assert len(fresh) == 78
    assert Counter(item.kind for item in fresh) == {"question": 65, "vocabulary": 9, "typo": 4}
    grades = Counter(g for item in fresh for g in item.relevant.values())
    assert grades == {2: 108, 1: 195}


def test_every_question_is_distinct_and_all_but_one_have_a_unit_that_answers_it(fresh):
    texts = [normalised(item.text) for item in fresh]
    assert len(set(texts)) == len(texts)
    # the instruments have no rule on women inspectors: only units that bear on it
    assert [item.text for item in fresh if 2 not in item.relevant.values()] == [
        "woman inspector for women emigrants travelling by sea"]


def test_every_judged_unit_is_an_article_level_unit_of_the_mirror(fresh, english_article_units):
    known = set().union(*english_article_units.values())
    judged = {unit for item in fresh for unit in item.relevant}
    assert len(judged) == 168
    assert sorted(judged - known) == []
    # `lexmig eval` scores articles: a paragraph id could never match a hit
    assert sorted(unit for unit in judged if article_key(unit) != unit) == []


def test_the_questions_cover_all_25_installed_instruments(fresh, english_article_units):
    answering_docs = {unit.split("/")[0] for item in fresh
                      for unit, grade in item.relevant.items() if grade == 2}
    assert len(english_article_units) == 25
    assert answering_docs == set(english_article_units)


def test_no_question_repeats_one_of_the_other_judged_sets(fresh):
    """Not after normalising case, punctuation and spaces, and not nearly (a question of
    another set with its words reordered or one of them changed scores 90 or more)."""
    others = [normalised(item.text) for name, file in SETS.items() if name != "fresh"
              for item in load_qrels(CORPUS_DIR / file)]
    assert len(others) > 200
    ours = [normalised(item.text) for item in fresh]
    assert sorted(set(ours) & set(others)) == []
    assert [text for text in ours if max(fuzz.token_sort_ratio(text, other) for other in others) >= 90] == []


def test_eval_measures_the_fresh_set_only_when_it_is_named():
    assert [name for name, _ in shipped_sets()] == ["tuning", "heldout"]
    assert shipped_sets(["fresh"]) == [("fresh", CORPUS_DIR / "qrels-fresh.toml")]
    help_text = " ".join(CliRunner().invoke(cli, ["eval", "--help"]).output.split())
    assert "fresh (corpus/qrels-fresh.toml, measured only when named)" in help_text
    assert "the fresh set (corpus/qrels-fresh.toml) only with --set fresh" in help_text
