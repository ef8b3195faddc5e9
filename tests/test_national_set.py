"""The national judged set (corpus/qrels-national.toml): questions about three national laws a
user adds from ../shared/realdocs. It loads with its exact counts, every unit it judges exists
once the laws are added as its [[document]] tables say, `lexmig eval` names the add commands
when they are missing and measures the set only when it is named.

These tests check the set's form and ids, never what the ranking scores on it.
"""

from __future__ import annotations

from collections import Counter

import pytest

from lexmig.indexer.errors import QrelsError
from lexmig.indexer.passage import article_key
from lexmig.search.evaluation import (DEFAULT_SETS, SETS, JudgedDocument, load_documents, require_documents,
                                      shipped_sets)
from tests.conftest import ROOT, run
from tests.test_held_out_sets import CORPUS_DIR, judged, normalised, repeats

QATAR = "../shared/realdocs/qa-labour-law-14-2004/Qatar_Labor_Law_As_of_2024_1728321402.pdf"
UAE = ("../shared/realdocs/ae-domestic-workers-decree-law-9-2022/"
       "Federal_Decree-Law_No_9_of_2022_Concerning_Domestic_Workers.pdf")
ACT = "../shared/realdocs/au-migration-act-1958-vol1/Migration_Act_1958_Volume_1.pdf"
DOCUMENTS = [JudgedDocument("qa-labour", QATAR), JudgedDocument("uae-domestic-workers", UAE),
             JudgedDocument("au-migration-act", ACT)]
MISSING = ("Error: the national set judges qa-labour, uae-domestic-workers, au-migration-act, not installed: "
           f"add them with lexmig add {QATAR} --id qa-labour; lexmig add {UAE} --id uae-domestic-workers; "
           f"lexmig add {ACT} --id au-migration-act\n")


def unmatched_units(name: str, national_units, english_article_units) -> tuple[list[str], list[str]]:
    """The units set `name` judges that no installed text has, and those below article level
    (`lexmig eval` scores articles, an Australian section: a paragraph id could never match a hit)."""
    known = set().union(*national_units.values(), *english_article_units.values())
    units = {unit for item in judged(name) for unit in item.relevant}
    return sorted(units - known), sorted(unit for unit in units if article_key(unit) != unit)


def assert_set_counts(name: str, kinds: dict, grades: dict, units_judged: int, by_document: dict,
                      unanswered: list[str]):
    """A national set's exact counts: query kinds, grades, units judged (in all and by
    document), no question twice, and the questions no unit answers (graded 2)."""
    items = judged(name)
    assert Counter(item.kind for item in items) == kinds
    assert Counter(g for item in items for g in item.relevant.values()) == grades
    units = {unit for item in items for unit in item.relevant}
    assert len(units) == units_judged
    assert Counter(unit.split("/")[0] for unit in units) == by_document
    texts = [normalised(item.text) for item in items]
    assert len(set(texts)) == len(texts)
    assert [item.text for item in items if 2 not in item.relevant.values()] == unanswered


def test_the_set_has_its_questions_and_judgments():
    # the Qatar law has no article on a worker's passport: only a unit that bears on it
    assert_set_counts("national", {"question": 28, "vocabulary": 12, "typo": 5}, {2: 59, 1: 213}, 207, {
        "au-migration-act": 113, "qa-labour": 66, "uae-domestic-workers": 21, "c189": 3, "ets093": 2,
        "c029": 1, "c181": 1}, ["Is my employer in Qatar allowed to keep my passport?"])


def test_the_set_names_the_files_a_user_adds_and_their_ids():
    assert load_documents(CORPUS_DIR / SETS["national"]) == DOCUMENTS
    assert [(ROOT / doc.file).is_file() for doc in DOCUMENTS] == [True, True, True]


def test_every_judged_unit_exists_once_the_laws_are_added(national_units, english_article_units):
    # the ECOSOC note is built in: installed in every home
    assert sorted(national_units) == ["au-migration-act", "ecosoc-2006-rt6", "qa-labour", "uae-domestic-workers"]
    assert unmatched_units("national", national_units, english_article_units) == ([], [])


def test_eval_without_the_laws_names_the_commands_that_add_them(library):
    before = sorted(library.installed())
    result = run(library, "eval", "--set", "national")
    assert (result.exit_code, result.output) == (2, MISSING)
    assert sorted(library.installed()) == before


def test_eval_names_only_the_laws_that_are_missing():
    with pytest.raises(QrelsError) as error:
        require_documents({"qa-labour", "uae-domestic-workers", "c097"}, "national", CORPUS_DIR / SETS["national"])
    assert str(error.value) == ("the national set judges au-migration-act, not installed: "
                                f"add it with lexmig add {ACT} --id au-migration-act")
    require_documents({doc.id for doc in DOCUMENTS}, "national", CORPUS_DIR / SETS["national"])


def test_a_document_table_without_its_file_is_an_error(library, tmp_path):
    qrels = tmp_path / "mine.toml"
    qrels.write_text('[[document]]\nid = "my-law"\n\n[[query]]\ntext = "my question"\nkind = "question"\n'
                     'relevant = { "c097/art-6" = 2 }\n', encoding="utf-8")
    result = run(library, "eval", str(qrels))
    assert (result.exit_code, result.output) == (2, f"Error: {qrels}: document 1, field 'file': missing or empty\n")


def test_eval_measures_the_set_only_when_it_is_named():
    assert "national" not in DEFAULT_SETS
    assert [shipped for shipped, _ in shipped_sets()] == ["tuning", "heldout"]
    assert shipped_sets(["national"]) == [("national", CORPUS_DIR / "qrels-national.toml")]
    help_text = " ".join(run(ROOT, "eval", "--help").output.split())
    assert ("national and national2, questions about three national laws a user adds, measured only when named "
            "(eval names the add commands when they are missing).") in help_text


def test_no_question_repeats_one_of_another_judged_set():
    """Not after normalising case, punctuation and spaces, and not nearly (token sort ratio 90)."""
    assert repeats("national") == []
