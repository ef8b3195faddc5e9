"""The fresh2 judged set (corpus/qrels-fresh2.toml) loads, every unit it judges exists at
article level, it covers every installed instrument, it repeats no question of the other
sets, and `lexmig eval` measures it only when it is named.

The set is held out for the final measurement: these tests check its form and its ids
against the units of the reference corpus, never what the ranking scores on it.
"""

from __future__ import annotations

from collections import Counter

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from lexmig.indexer.passage import article_key
from lexmig.search.cli import cli
from lexmig.search.evaluation import DEFAULT_SETS, SETS, load_qrels, shipped_sets
from tests.test_fresh import CORPUS_DIR, normalised


@pytest.fixture(scope="module")
def fresh2():
    return load_qrels(CORPUS_DIR / "qrels-fresh2.toml")


def test_the_set_has_64_questions_with_349_judgments(fresh2):
    assert len(fresh2) == 64
    assert Counter(item.kind for item in fresh2) == {"question": 41, "vocabulary": 18, "typo": 5}
    grades = Counter(g for item in fresh2 for g in item.relevant.values())
    assert grades == {2: 98, 1: 251}


def test_every_question_is_distinct_and_has_a_unit_that_answers_it(fresh2):
    texts = [normalised(item.text) for item in fresh2]
    assert len(set(texts)) == len(texts)
    assert [item.text for item in fresh2 if 2 not in item.relevant.values()] == []


def test_every_judged_unit_is_an_article_level_unit_of_the_mirror(fresh2, english_article_units):
    known = set().union(*english_article_units.values())
    judged = {unit for item in fresh2 for unit in item.relevant}
    assert len(judged) == 216
    assert sorted(judged - known) == []
    # `lexmig eval` scores articles: a paragraph id could never match a hit
    assert sorted(unit for unit in judged if article_key(unit) != unit) == []


def test_the_questions_cover_all_25_installed_instruments(fresh2, english_article_units):
    answering_docs = Counter(unit.split("/")[0] for item in fresh2
                             for unit, grade in item.relevant.items() if grade == 2)
    assert len(english_article_units) == 25
    assert set(answering_docs) == set(english_article_units)
    assert min(answering_docs.values()) == 1
    assert answering_docs.most_common(1) == [("esc-1961", 12)]


def test_no_question_repeats_one_of_the_other_judged_sets(fresh2):
    """Not after normalising case, punctuation and spaces, and not nearly (a question of
    another set with its words reordered or one of them changed scores 90 or more)."""
    others = [normalised(item.text) for name, file in SETS.items() if name != "fresh2"
              for item in load_qrels(CORPUS_DIR / file)]
    assert len(others) > 200
    ours = [normalised(item.text) for item in fresh2]
    assert sorted(set(ours) & set(others)) == []
    assert [text for text in ours if max(fuzz.token_sort_ratio(text, other) for other in others) >= 90] == []


def test_eval_measures_the_fresh2_set_only_when_it_is_named():
    assert "fresh2" not in DEFAULT_SETS
    assert [name for name, _ in shipped_sets()] == ["tuning", "heldout"]
    assert shipped_sets(["fresh2"]) == [("fresh2", CORPUS_DIR / "qrels-fresh2.toml")]
    help_text = " ".join(CliRunner().invoke(cli, ["eval", "--help"]).output.split())
    assert "fresh2 (corpus/qrels-fresh2.toml, measured only when named)" in help_text
    assert "the fresh2 set (corpus/qrels-fresh2.toml) only with --set fresh2" in help_text
