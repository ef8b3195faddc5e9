"""Instruments appended in the same file (an Optional Protocol after its Covenant, a
Recommendation after its Convention, an Appendix, a Schedule, a Final Act) are divisions of
their own, with their own ids and citations, in the original and in its translation."""

from collections import Counter

import pytest

from lexmig.indexer.catalogue import load_catalogue
from lexmig.indexer.citation import format_citation
from lexmig.indexer.readers import read_file
from lexmig.indexer.segment import segment
from tests.conftest import source_file


def units(doc_id):
    return segment(read_file(source_file(doc_id)), doc_id).passages


def by_id(passages):
    return {p.passage_id: p for p in passages}


def cite(passage, short=True):
    return format_citation(passage, load_catalogue().get(passage.doc_id), short=short)


def appended(passages, lang="en"):
    return [(p.kind, p.label) for p in passages if p.lang == lang and len(p.path) == 1
            and p.kind in ("appended", "annex")]


@pytest.mark.parametrize("doc_id, divisions", [
    ("iccpr", [("appended", "Optional Protocol")]),
    ("c138", [("appended", "Recommendation No. 146")]),
    ("esc-1961", [("appended", "Appendix")]),
    ("refugee-convention-1951", [("appended", "Schedule"), ("annex", ""), ("appended", "Final Act")]),
])
def test_each_appended_instrument_is_one_division_in_both_languages(doc_id, divisions):
    found = units(doc_id)
    assert appended(found, "en") == divisions
    assert appended(found, "nl") == divisions  # "Facultatief Protocol", "Aanbeveling", "BIJLAGE", "SLOTAKTE"


@pytest.mark.parametrize("doc_id", ["iccpr", "c138", "esc-1961", "refugee-convention-1951"])
def test_no_two_passages_share_an_id(doc_id):
    counts = Counter(p.passage_id for p in units(doc_id))
    assert [pid for pid, n in counts.items() if n > 1] == []


def test_iccpr_optional_protocol_has_its_own_articles_1_to_14():
    found = units("iccpr")
    protocol = [p.label for p in found if p.kind == "article" and p.lang == "en"
                and p.path[0].kind == "appended"]
    covenant = [p.label for p in found if p.kind == "article" and p.lang == "en"
                and p.path[0].kind != "appended"]
    assert protocol == [str(n) for n in range(1, 15)]
    assert covenant == [str(n) for n in range(1, 54)]
    units_by_id = by_id(found)
    assert cite(units_by_id["iccpr/optional-protocol/art-1"]) == "ICCPR, Optional Protocol, Art. 1"
    assert cite(units_by_id["iccpr/optional-protocol/art-5/2"], short=False) == \
        "International Covenant on Civil and Political Rights (1966), Optional Protocol, Article 5(2)"
    assert cite(units_by_id["iccpr/nl/optional-protocol/art-1"]) == "ICCPR, Optional Protocol, Art. 1 [nl]"
    assert cite(units_by_id["iccpr/art-1"]) == "ICCPR, Art. 1"


def test_c138_recommendation_paragraphs_run_on_across_its_titled_sections():
    found = units("c138")
    paragraphs = [p for p in found if p.kind == "paragraph" and p.lang == "en" and p.path[0].kind == "appended"
                  and len([s for s in p.path if s.kind == "paragraph"]) == 1]
    assert [p.label for p in paragraphs] == [str(n) for n in range(1, 17)]
    sections = [(p.label, p.title) for p in found if p.kind == "chapter" and p.lang == "en"]
    assert sections == [("I", "National policy"), ("II", "Minimum age"), ("III", "Hazardous employment or work"),
                        ("IV", "Conditions of employment"), ("V", "Enforcement")]
    para = by_id(found)["c138/recommendation-146/para-3"]
    assert cite(para) == "C138, Recommendation No. 146, para. 3"
    assert [s.kind for s in para.path] == ["appended", "chapter", "paragraph"]
    assert len([p for p in found if p.kind == "article" and p.lang == "en"]) == 18


def test_esc_appendix_notes_are_keyed_to_the_charters_parts_and_articles():
    found = units("esc-1961")
    units_by_id = by_id(found)
    note = units_by_id["esc-1961/appendix/part-ii/art-4"]
    assert cite(note) == "ESC 1961, Appendix, Part II, Art. 4"
    assert cite(units_by_id["esc-1961/appendix/part-ii/art-4/5"]) == "ESC 1961, Appendix, Part II, Art. 4(5)"
    assert [p.label for p in found if p.lang == "en" and p.kind == "article" and p.path[0].kind == "appended"] == \
        ["1", "4", "6", "7", "12", "13", "19", "20", "30"]
    # The Charter itself: Part I's 19 numbered rights, Articles 1-38 (one printed "Artikel 36").
    charter = [p.label for p in found if p.lang == "en" and p.kind == "article" and p.path[0].kind != "appended"]
    assert charter == [str(n) for n in range(1, 39)]
    rights = [p.label for p in found if p.lang == "en" and p.kind == "paragraph" and p.path[0].label == "I"]
    assert rights == [str(n) for n in range(1, 20)]
    assert units_by_id["esc-1961/art-38"].title == "Appendix"
    assert cite(units_by_id["esc-1961/nl/appendix/part-ii/art-19/6"]) == "ESC 1961, Appendix, Part II, Art. 19(6) [nl]"


def test_refugee_convention_schedule_paragraphs_and_final_act():
    found = units("refugee-convention-1951")
    units_by_id = by_id(found)
    schedule = [p.label for p in found if p.lang == "en" and p.path[0].label == "Schedule" and len(p.path) == 2]
    assert schedule == [str(n) for n in range(1, 17)]
    assert cite(units_by_id["refugee-convention-1951/schedule/para-6/2"]) == "Refugee Convention, Schedule, para. 6(2)"
    assert cite(units_by_id["refugee-convention-1951/nl/schedule/para-16"]) == \
        "Refugee Convention, Schedule, para. 16 [nl]"
    assert units_by_id["refugee-convention-1951/annex"].title == "Specimen Travel Document"
    assert cite(units_by_id["refugee-convention-1951/final-act"]) == "Refugee Convention, Final Act"
    assert [p.label for p in found if p.lang == "en" and p.kind == "article"] == [str(n) for n in range(1, 47)]
