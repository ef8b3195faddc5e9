"""Real published PDFs of ../shared/realdocs, read and segmented as `lexmig add` does
(Library.prepare), against the answer key expected.json: exact labels per kind, in order,
footnotes, appended instruments, unique ids, metadata from the first page and a few
citations. Each file is prepared once per session."""

from __future__ import annotations

import functools
import json

import pytest

from lexmig.indexer.catalogue import new_entry
from lexmig.indexer.citation import format_citation, pinpoint
from lexmig.indexer.errors import BadFile
from lexmig.indexer.library import Library
from lexmig.indexer.passage import Passage, PathStep
from tests.conftest import realdoc

PDFS = ("un-ares-73-7 un-ares-73-8 un-a-l632-1971-ocr qa-labour-law-14-2004 ae-domestic-workers-decree-law-9-2022 "
        "au-migration-act-1958-vol1 us-federal-register-2020-17221").split()
KINDS = {"article": "article", "section": "statute-section", "paragraph": "paragraph", "none": None}


@functools.cache
def expected() -> dict:
    return json.loads(realdoc("un-ares-73-7").parent.parent.joinpath("expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def library(tmp_path_factory):
    return Library(tmp_path_factory.mktemp("realdocs-home"), notify=lambda message: None)


@pytest.fixture(scope="session")
def prepared(library):
    """folder -> Prepared, each file read and segmented once (the Act takes seconds)."""
    return functools.cache(lambda folder: library.prepare(realdoc(folder), {"id": folder}))


def labels(passages, kind) -> list[str]:
    """Labels of the units of `kind` that are not inside another unit of that kind."""
    return [p.label for p in passages if p.kind == kind and sum(s.kind == kind for s in p.path) == 1]


def main_text(passages):
    return [p for p in passages if not any(s.kind in ("annex", "appended") for s in p.path)]


@pytest.mark.parametrize("folder", PDFS)
def test_units_match_the_answer_key(prepared, folder):
    key = expected()[folder]
    passages = prepared(folder).segmentation.passages
    main = main_text(passages)
    assert len(labels(main, "recital")) == key["recitals"]
    assert any(p.kind == "preamble" for p in main) == key["preamble"]
    kind = KINDS[key["provision_kind"]]
    assert (labels(main, kind) if kind else []) == key["provisions"]
    assert [p.label for p in passages if p.kind == "footnote"] == key["footnotes"]
    appended = [p for p in passages if p.kind == "appended"]
    assert len(appended) == len(key["appended"])
    for unit, want in zip(appended, key["appended"]):
        kind = KINDS[want["provision_kind"]]
        inside = [p for p in passages if p.path[:len(unit.path)] == unit.path]
        assert (labels(inside, kind) if kind else []) == want["provisions"], want["name"]


@pytest.mark.parametrize("folder", PDFS)
def test_every_passage_id_is_unique(prepared, folder):
    ids = [p.passage_id for p in prepared(folder).segmentation.passages]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("folder, title, symbol, adopted", [
    ("un-ares-73-7", "Report of the International Criminal Court", "A/RES/73/7", "2018-10-29"),
    ("un-ares-73-8", "Necessity of ending the economic, commercial and financial embargo imposed by the United "
                     "States of America against Cuba", "A/RES/73/8", "2018-11-01"),
    # a law's year from its title where the page prints no date (indexer.metadata.citing_names)
    ("qa-labour-law-14-2004", "Law No. (14) of 2004 Promulgating the Labour Law", "Law No. (14) of 2004", "2004"),
    ("ae-domestic-workers-decree-law-9-2022", "Federal Decree-Law No. 9 of 2022 Concerning Domestic Workers",
     "Federal Decree-Law No. 9 of 2022", "2022"),
    ("au-migration-act-1958-vol1", "Migration Act 1958", "Act No. 62, 1958", "1958"),  # the number under its title
    # a Federal Register document: its volume and page, the date of its issue (before: none)
    ("us-federal-register-2020-17221", "Airworthiness Directives; The Boeing Company Airplanes", "85 FR 47698",
     "2020-08-06"),
])
def test_title_symbol_and_date_come_from_the_first_page(prepared, folder, title, symbol, adopted):
    entry = prepared(folder).entry
    assert (entry.title, entry.symbol, entry.adopted) == (title, symbol, adopted)


def test_options_override_what_the_first_page_says(library):
    options = {"id": "cuba", "title": "Cuba embargo", "cite_as": "GA res 73/8"}
    entry = library.prepare(realdoc("un-ares-73-8"), options).entry
    assert (entry.title, entry.cite_as, entry.symbol) == ("Cuba embargo", "GA res 73/8", "A/RES/73/8")


def cited(prepared, folder, passage_id, short=False):
    found = prepared(folder)
    passage = next(p for p in found.segmentation.passages if p.passage_id == f"{folder}/{passage_id}")
    return format_citation(passage, found.entry, short)


def by_folder(table: dict[str, dict[str, str]]) -> list[tuple[str, str, str]]:
    """{folder: {unit: expected}} as (folder, unit, expected) rows."""
    return [(folder, unit, expected) for folder, units in table.items() for unit, expected in units.items()]


CITATIONS = {
    "un-ares-73-7": {"recital-3": "A/RES/73/7, preambular para. 3", "para-28": "A/RES/73/7, para. 28"},
    "un-ares-73-8": {"fn-1": "A/RES/73/8, fn. 1"},
    "au-migration-act-1958-vol1": {"s-5aaa": "Migration Act 1958, section 5AAA",
                                   "s-5aaa/1": "Migration Act 1958, section 5AAA(1)"},
    "qa-labour-law-14-2004": {
        "labour-law/art-40": "Law No. (14) of 2004 Promulgating the Labour Law, Labour Law, Article 40",
        "labour-law/art-115-bis-1": "Law No. (14) of 2004 Promulgating the Labour Law, Labour Law, Article 115 bis\\1"},
    "ae-domestic-workers-decree-law-9-2022": {
        "art-17-2": "Federal Decree-Law No. 9 of 2022 Concerning Domestic Workers, Article 17"},
    "us-federal-register-2020-17221": {
        "s-39.13/added-text/h": "85 FR 47698, section 39.13, Added text, para. h"},  # as the Register is cited
}


@pytest.mark.parametrize("folder, passage_id, citation", by_folder(CITATIONS))
def test_citations_of_real_documents(prepared, folder, passage_id, citation):
    assert cited(prepared, folder, passage_id) == citation


ANCHORS = {  # footnote -> the unit whose text calls it
    "un-ares-73-7": {"fn-1": "recital-2", "fn-4": "para-1", "fn-9": "para-21"},
    "un-ares-73-8": {"fn-1": "para-1"},
    "ae-domestic-workers-decree-law-9-2022": {"fn-*": "art-23"},
    "qa-labour-law-14-2004": {"fn-3": "art-1", "fn-5": "labour-law/art-1", "fn-27": "table"},
    "us-federal-register-2020-17221": {"fn-1": "preamble"},
}


@pytest.mark.parametrize("folder, footnote, anchor", by_folder(ANCHORS))
def test_footnotes_are_anchored_to_the_unit_that_calls_them(prepared, folder, footnote, anchor):
    note = next(p for p in prepared(folder).segmentation.passages if p.passage_id == f"{folder}/{footnote}")
    assert note.anchor == f"{folder}/{anchor}"


def test_un_print_chrome_is_not_text(prepared):
    text = " ".join(p.text for p in prepared("un-ares-73-7").segmentation.passages)
    for chrome in ("18-18142", "*1818142*", "2/5", "A/RES/73/7"):
        assert chrome not in text


def test_the_acts_table_of_contents_and_running_headers_are_not_text(prepared):
    found = prepared("au-migration-act-1958-vol1")
    text = "\n".join(p.text for p in found.segmentation.passages)
    assert "....." not in text and "Compilation No. 164" not in text and "Authorised Version" not in text
    assert found.report.units["statute-section:en"] == 571
    assert [p.label for p in found.segmentation.passages if p.kind == "division"][:3] == ["1", "2", "3"]
    assert found.segmentation.stats["contents_lines_removed"] > 0
    section = next(p for p in found.segmentation.passages if p.passage_id.endswith("/s-5aaa"))
    assert section.title == "Non-citizen's responsibility in relation to protection claims"
    assert section.text.startswith("(1) This section applies in relation to a non-citizen")


def test_a_printed_web_page_is_refused_unless_accepted_as_unstructured(library):
    path = realdoc("ae-u-ae-work-permits-webpage")
    with pytest.raises(BadFile) as error:
        library.prepare(path, {"id": "work-permits"})
    assert str(error.value) == (f"{path.name}: no legal structure found (no articles, paragraphs, sections or "
                                "footnotes); check the file, or add it as one unit with --accept-unstructured.")
    accepted = library.prepare(path, {"id": "work-permits"}, accept_unstructured=True)
    kinds = {p.kind for p in accepted.segmentation.passages}
    assert kinds & {"article", "statute-section", "paragraph", "recital"} == set()


def _entry(**extra):
    raw = {"id": "doc", "type": "document", "body": "Unknown", "title": "Doc", "cite_as": "Doc",
           "short_title": "DOC", **extra}
    return new_entry(raw)


@pytest.mark.parametrize("extra, full, short", [
    ({"type": "resolution", "cite_as": "A/RES/73/7", "short_title": "A/RES/73/7"},
     "A/RES/73/7, preambular para. 3", "A/RES/73/7, preambular para. 3"),
    ({"symbol": "A/RES/73/8"}, "Doc, preambular para. 3", "DOC, preambular para. 3"),
    ({"cite_as": "Regulation (EU) 2022/868", "short_title": "DGA"},
     "Regulation (EU) 2022/868, Recital 3", "DGA, Recital 3"),
])
def test_a_recital_is_a_preambular_paragraph_of_a_un_document_and_a_recital_elsewhere(extra, full, short):
    recital = Passage("doc", (PathStep("preamble", ""), PathStep("recital", "3")), "", 0)
    assert recital.passage_id == "doc/recital-3"
    assert format_citation(recital, _entry(**extra)) == full
    assert format_citation(recital, _entry(**extra), short=True) == short


def test_an_acts_section_is_cited_like_an_article_with_its_subsections():
    path = (PathStep("part", "2"), PathStep("statute-section", "5AAA"), PathStep("paragraph", "1"))
    assert pinpoint(path) == "section 5AAA(1)"
    assert pinpoint(path, short=True) == "s. 5AAA(1)"
    assert Passage("doc", path, "", 0).passage_id == "doc/s-5aaa/1"



@pytest.mark.parametrize("text, ids", [
    ("A/RES/73/7 preambular para 3", ["un-ares-73-7/recital-3"]),
    ("A/RES/73/7 recital 3", ["un-ares-73-7/recital-3"]),
    ("A/RES/73/7 para 3", ["un-ares-73-7/para-3"]),
])
def test_a_typed_preambular_paragraph_is_not_the_operative_one(library, prepared, text, ids):
    from lexmig.search.citations import candidate_ids, find_citation

    catalogue = library.catalogue.with_entry(prepared("un-ares-73-7").entry)
    assert candidate_ids(find_citation(text, catalogue)) == ids
