"""The national2 judged set (corpus/qrels-national2.toml): a second, held-out set of questions
about the three national laws of the national set, written and judged by another session for
the next ranking round (measured once at the end of the thirteenth, 2026-12-01). It loads with
its exact counts, adds the same laws as the national set, judges a question that names a
country on that country's law only, every unit it judges exists once the laws are added,
`lexmig eval` names the add commands when they are missing and measures the set only when it is
named.

These tests check the set's form and ids, never what the ranking scores on it.
"""

from __future__ import annotations

import re

from lexmig.search.evaluation import DEFAULT_SETS, SETS, load_documents, shipped_sets
from tests.conftest import ROOT, run
from tests.test_held_out_sets import CORPUS_DIR, judged, repeats
from tests.test_national_set import DOCUMENTS, MISSING, assert_set_counts, unmatched_units

# the words by which a question names a country (or one of its cities, or its law): such a
# question is judged on that country's law only
NAMES = {"qa-labour": r"\b(Qatar|Qatari|Doha)\b", "uae-domestic-workers": r"\b(UAE|Emirates|Dubai|Abu Dhabi)\b",
         "au-migration-act": r"\b(Australia|Australian|Sydney|Melbourne|Migration Act)\b"}


def test_the_set_has_its_questions_and_judgments():
    assert_set_counts("national2", {"question": 36, "vocabulary": 9, "typo": 5}, {2: 69, 1: 216}, 215, {
        "au-migration-act": 121, "qa-labour": 60, "uae-domestic-workers": 19, "c189": 4, "esc-1961": 4,
        "c181": 2, "c029": 1, "c097": 1, "ets093": 1, "iccpr": 1, "refugee-convention-1951": 1}, [])


def test_a_question_naming_a_country_is_judged_on_its_law_only():
    items = judged("national2")
    named = {doc_id: [item for item in items if re.search(pattern, item.text)] for doc_id, pattern in NAMES.items()}
    assert {doc_id: len(found) for doc_id, found in named.items()} == {
        "qa-labour": 9, "uae-domestic-workers": 7, "au-migration-act": 8}
    assert {doc_id: sorted({unit.split("/")[0] for item in found for unit in item.relevant})
            for doc_id, found in named.items()} == {doc_id: [doc_id] for doc_id in NAMES}
    # the others name no country and are judged on every installed text
    unnamed = [item for item in items if not any(re.search(pattern, item.text) for pattern in NAMES.values())]
    assert len(unnamed) == 26
    assert len({unit.split("/")[0] for item in unnamed for unit in item.relevant}) == 11


def test_the_set_adds_the_same_laws_as_the_national_set():
    assert load_documents(CORPUS_DIR / SETS["national2"]) == DOCUMENTS


def test_every_judged_unit_exists_once_the_laws_are_added(national_units, english_article_units):
    assert unmatched_units("national2", national_units, english_article_units) == ([], [])


def test_eval_without_the_laws_names_the_commands_that_add_them(library):
    before = sorted(library.installed())
    result = run(library, "eval", "--set", "national2")
    assert (result.exit_code, result.output) == (2, MISSING.replace("the national set", "the national2 set"))
    assert sorted(library.installed()) == before


def test_eval_measures_the_set_only_when_it_is_named():
    assert "national2" not in DEFAULT_SETS
    assert shipped_sets(["national2"]) == [("national2", CORPUS_DIR / "qrels-national2.toml")]
    help_text = " ".join(run(ROOT, "eval", "--help").output.split())
    assert ("national and national2, questions about three national laws a user adds, measured only when named "
            "(eval names the add commands when they are missing).") in help_text


def test_no_question_repeats_one_of_another_judged_set():
    assert repeats("national2") == []
