"""The unseen judged set (corpus/qrels-unseen.toml) loads, every unit it judges exists, and
`lexmig eval` measures it only when it is named.

The set is held out: these tests check its form and its ids against the units of the
reference corpus, never what the ranking scores on it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from rapidfuzz import fuzz

from lexmig.indexer.passage import article_key
from lexmig.search.cli import cli
from lexmig.search.evaluation import load_qrels, shipped_sets

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture(scope="module")
def unseen():
    return load_qrels(CORPUS_DIR / "qrels-unseen.toml")


def test_the_set_has_77_plain_language_questions_with_348_judgments(unseen):
    assert len(unseen) == 77
    assert Counter(item.kind for item in unseen) == {"question": 77}
    grades = Counter(g for item in unseen for g in item.relevant.values())
    assert grades == {2: 147, 1: 201}


def test_every_question_is_distinct_and_has_a_unit_that_answers_it(unseen):
    texts = [item.text for item in unseen]
    assert len(set(texts)) == len(texts)
    assert [item.text for item in unseen if 2 not in item.relevant.values()] == []


def test_every_judged_unit_is_an_article_level_unit_of_the_mirror(unseen, english_article_units):
    known = set().union(*english_article_units.values())
    judged = {unit for item in unseen for unit in item.relevant}
    assert sorted(judged - known) == []
    # `lexmig eval` scores articles: a paragraph id could never match a hit
    assert sorted(unit for unit in judged if article_key(unit) != unit) == []


def test_the_questions_cover_all_25_installed_instruments(unseen, english_article_units):
    judged_docs = {unit.split("/")[0] for item in unseen for unit in item.relevant}
    assert len(english_article_units) == 25
    assert judged_docs == set(english_article_units)


def test_no_question_repeats_one_of_the_other_judged_sets(unseen):
    """Not word for word, and not nearly (a question of another set with its words
    reordered or one of them changed scores 90 or more)."""
    others = [item.text.lower() for name in ("qrels.toml", "qrels-heldout.toml")
              for item in load_qrels(CORPUS_DIR / name)]
    repeated = [item.text for item in unseen
                if max(fuzz.token_sort_ratio(item.text.lower(), other) for other in others) >= 90]
    assert repeated == []


def test_eval_measures_the_unseen_set_only_when_it_is_named():
    assert [name for name, _ in shipped_sets()] == ["tuning", "heldout"]
    assert shipped_sets(["unseen"]) == [("unseen", CORPUS_DIR / "qrels-unseen.toml")]
    help_text = CliRunner().invoke(cli, ["eval", "--help"]).output
    assert "unseen (corpus/qrels-unseen.toml, measured only when named)" in " ".join(help_text.split())
