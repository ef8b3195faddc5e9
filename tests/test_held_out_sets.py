"""The held-out judged sets (unseen, fresh, fresh2, fresh3, fresh4, fresh5, fresh6,
fresh7, fresh8, fresh9, fresh10, fresh11, fresh12, fresh13, fresh14, fresh15, fresh16,
fresh17, fresh18, fresh19) load, every unit they judge exists at article level, they cover every installed
instrument, no question repeats one of another set, and `lexmig eval` measures each only
when it is named.

These tests check the sets' form and ids against the units of the reference corpus, never
what the ranking scores on them.
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
from lexmig.search.evaluation import DEFAULT_SETS, SETS, load_qrels, shipped_sets

CORPUS_DIR = Path(__file__).resolve().parent.parent / "corpus"

# name: (query kinds, grades, units judged, questions without a unit that answers them)
HELD_OUT = {
    "unseen": ({"question": 77}, {2: 147, 1: 201}, 219, []),
    # the instruments have no rule on women inspectors: only units that bear on it
    "fresh": ({"question": 65, "vocabulary": 9, "typo": 4}, {2: 108, 1: 195}, 168,
              ["woman inspector for women emigrants travelling by sea"]),
    "fresh2": ({"question": 41, "vocabulary": 18, "typo": 5}, {2: 98, 1: 251}, 216, []),
    "fresh3": ({"question": 35, "vocabulary": 26, "typo": 5}, {2: 107, 1: 320}, 250, []),
    "fresh4": ({"question": 44, "vocabulary": 17, "typo": 5}, {2: 126, 1: 282}, 242, []),
    "fresh5": ({"question": 48, "vocabulary": 14, "typo": 5}, {2: 117, 1: 368}, 291, []),
    "fresh6": ({"question": 49, "vocabulary": 13, "typo": 5}, {2: 98, 1: 236}, 227, []),
    "fresh7": ({"question": 41, "vocabulary": 8, "typo": 5}, {2: 85, 1: 246}, 225, []),
    # no instrument states whether a hospital may refuse urgent care to someone without a
    # residence permit: only units that bear on it
    "fresh8": ({"question": 36, "vocabulary": 12, "typo": 4}, {2: 71, 1: 157}, 180,
               ["Can a hospital turn away someone without a residence permit who needs urgent treatment?"]),
    "fresh9": ({"question": 41, "vocabulary": 7, "typo": 4}, {2: 67, 1: 197}, 188, []),
    "fresh10": ({"question": 40, "vocabulary": 8, "typo": 4}, {2: 76, 1: 231}, 232, []),
    "fresh11": ({"question": 41, "vocabulary": 9, "typo": 5}, {2: 88, 1: 222}, 203, []),
    "fresh12": ({"question": 44, "vocabulary": 11, "typo": 5}, {2: 85, 1: 216}, 199, []),
    "fresh13": ({"question": 43, "vocabulary": 12, "typo": 5}, {2: 83, 1: 195}, 211, []),
    "fresh14": ({"question": 43, "vocabulary": 12, "typo": 5}, {2: 82, 1: 146}, 170, []),
    "fresh15": ({"question": 42, "vocabulary": 13, "typo": 5}, {2: 76, 1: 131}, 175, []),
    "fresh16": ({"question": 42, "vocabulary": 13, "typo": 5}, {2: 90, 1: 123}, 157, []),
    "fresh17": ({"question": 42, "vocabulary": 13, "typo": 5}, {2: 74, 1: 129}, 163, []),
    "fresh18": ({"question": 42, "vocabulary": 13, "typo": 5}, {2: 62, 1: 99}, 147, []),
    "fresh19": ({"question": 42, "vocabulary": 13, "typo": 5}, {2: 71, 1: 83}, 129, []),
}


def normalised(text: str) -> str:
    """Lower case, punctuation dropped, spaces collapsed: how two questions are compared."""
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def judged(name: str):
    return load_qrels(CORPUS_DIR / SETS[name])


def repeats(name: str) -> list[str]:
    """The questions of set `name` that repeat one of another judged set: the same after
    normalising case, punctuation and spaces, or nearly (a question of another set with its
    words reordered or one of them changed scores 90 or more)."""
    others = [normalised(item.text) for other in SETS if other != name for item in judged(other)]
    assert len(others) > 200
    ours = [normalised(item.text) for item in judged(name)]
    return [text for text in ours if text in others or max(fuzz.token_sort_ratio(text, other) for other in others) >= 90]


@pytest.mark.parametrize("name", HELD_OUT)
def test_the_set_has_its_questions_and_judgments(name):
    kinds, grades, _, unanswered = HELD_OUT[name]
    items = judged(name)
    assert Counter(item.kind for item in items) == kinds
    assert Counter(g for item in items for g in item.relevant.values()) == grades
    texts = [normalised(item.text) for item in items]
    assert len(set(texts)) == len(texts)
    assert [item.text for item in items if 2 not in item.relevant.values()] == unanswered


@pytest.mark.parametrize("name", HELD_OUT)
def test_every_judged_unit_is_an_article_level_unit_of_the_mirror(name, english_article_units):
    known = set().union(*english_article_units.values())
    units = {unit for item in judged(name) for unit in item.relevant}
    assert len(units) == HELD_OUT[name][2]
    assert sorted(units - known) == []
    # `lexmig eval` scores articles: a paragraph id could never match a hit
    assert sorted(unit for unit in units if article_key(unit) != unit) == []


@pytest.mark.parametrize("name", HELD_OUT)
def test_units_of_all_25_installed_instruments_answer_its_questions(name, english_article_units):
    answering = {unit.split("/")[0] for item in judged(name) for unit, grade in item.relevant.items() if grade == 2}
    assert len(english_article_units) == 25
    assert answering == set(english_article_units)


@pytest.mark.parametrize("name", HELD_OUT)
def test_no_question_repeats_one_of_another_judged_set(name):
    """Not after normalising case, punctuation and spaces, and not nearly (`repeats`)."""
    assert repeats(name) == []


@pytest.mark.parametrize("name", HELD_OUT)
def test_eval_measures_the_set_only_when_it_is_named(name):
    assert name not in DEFAULT_SETS
    assert [shipped for shipped, _ in shipped_sets()] == ["tuning", "heldout"]
    assert shipped_sets([name]) == [(name, CORPUS_DIR / f"qrels-{name}.toml")]


def test_eval_help_names_the_held_out_sets_from_the_shipped_ones():
    help_text = " ".join(CliRunner().invoke(cli, ["eval", "--help"]).output.split())
    assert ("--set NAME A shipped judged set, corpus/qrels-NAME.toml: tuning (corpus/qrels.toml) and heldout, measured "
            "when no set is named; unseen, fresh and fresh2 to fresh19, the later held-out sets of plain-language "
            "questions, measured only when named;") in help_text
