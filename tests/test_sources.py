"""Footnote sources of the note, citation resolution, mentions, related, support, export."""

import json
import re

import pytest

from lexmig.indexer.catalogue import load_catalogue, normalise_name
from lexmig.indexer.passage import Passage
from lexmig.search.export import bibtex, csl_item
from lexmig.search.rank import Engine
from lexmig.search import related, sources
from lexmig.search.related import Relations, find_mentions, internal_references
from lexmig.search.sources import Resolver, parse_fields, resolve_citation, resolve_footnotes, split_references

CATALOGUE = load_catalogue()

EXPECTED = {  # issue table: footnote -> [(resolved_to, rule)]
    "1": [("wcsdg-2004", "title")],
    "2": [("wcsdg-2004", "ibid"), ("ilo-2004-report-vi", "title")],
    "3": [("somavia-davos-2006", "title")],
    "4": [("ilo-2004-report-vi", "op-cit")],
    "5": [("ilo-2004-report-vi", "op-cit"), ("iom-wmr-2005", "title")],
    "6": [("wb-gep-2006", "title")],
    "7": [("mflm", "title")],
    "8": [("un-sg-ep-2004", "op-cit-catalogue")],
    "9": [("unctad-em25-2", "symbol"), ("unctad-em22-2", "symbol")],
}


@pytest.fixture(scope="module")
def engine(library):
    return Engine(library)


@pytest.fixture(scope="module")
def note_footnotes(engine):
    passages = engine.document_passages("ecosoc-2006-rt6", "en")
    notes = [(p.label, p.anchor, p.text) for p in passages if p.kind == "footnote"]
    return {f.label: f for f in resolve_footnotes(notes, CATALOGUE)}


@pytest.mark.parametrize("label", list(EXPECTED))
def test_each_footnote_of_the_note_resolves_as_expected(note_footnotes, label):
    found = [(r.resolved_to, r.rule) for r in note_footnotes[label].references]
    assert found == EXPECTED[label]
    assert all(r.confidence >= 0.8 and r.evidence for r in note_footnotes[label].references)


def test_ibid_and_op_cit_say_which_footnote_they_follow(note_footnotes):
    assert note_footnotes["2"].references[0].evidence == "Ibid: the source of the preceding footnote, fn. 1"
    assert note_footnotes["4"].references[0].evidence.startswith("op. cit.: the full citation in fn. 2 (")
    assert note_footnotes["8"].references[0].evidence.startswith(
        "op. cit. with no earlier full citation in this document; resolved by the catalogue instead: title")


def test_footnote_3_keeps_its_address_and_parsed_fields(note_footnotes):
    fields = note_footnotes["3"].references[0].fields
    assert fields["address"] == "http://www.ilo.org/public/english/bureau/dgo/speeches/somavia/2006/davos.pdf"
    assert fields["title"] == "Dealing with the Global Jobs Crisis"
    assert fields["author"] == "Juan Somavia"
    assert fields["date"] == "25 January 2006"
    fields2 = note_footnotes["2"].references[1].fields
    assert fields2 == {"year": 2004, "author": "ILO", "report": "Report VI",
                       "meeting": "International Labour Conference, 92nd Session",
                       "title": "Towards a fair deal for migrant workers in the global economy"}


def test_unresolvable_references_are_reported_not_guessed():
    found = resolve_footnotes([("1", None, "Smith (1999), Unknown Things, Oxford."), ("2", None, "Ibid.")], CATALOGUE)
    assert [(r.resolved_to, r.rule) for r in found[0].references] == [(None, "unresolved")]
    assert [(r.resolved_to, r.rule, r.evidence) for r in found[1].references] == [
        (None, "ibid", "fn. 1 has an unresolved source")]


def test_supra_note_resolves_to_the_sources_of_the_footnote_it_names():
    # "See supra note 1" was searched in the catalogue as a title, and its word "note" made it
    # the ECOSOC note (op-cit-catalogue, 0.72); the "Ibid." after it followed it there.
    found = resolve_footnotes([
        ("1", None, "Domestic Workers Convention, 2011 (No. 189); Migration for Employment Convention (Revised), "
                    "1949 (No. 97)."),
        ("2", None, "Smith (1999), Unknown Things, Oxford."),
        ("3", None, "See supra note 1, Art. 15."), ("4", None, "Ibid."), ("5", None, "Smith, supra n. 2, at 4."),
        ("6", None, "Supra note 9.")], CATALOGUE)
    assert [(r.resolved_to, r.rule, r.evidence) for r in found[2].references] == [
        ("c189", "supra-note", "supra note 1: the source of fn. 1"), ("c097", "supra-note", "supra note 1: the source of fn. 1")]
    assert [r.resolved_to for r in found[3].references] == ["c189", "c097"]
    assert [(r.resolved_to, r.rule, r.evidence) for r in found[4].references] == [
        (None, "supra-note", "fn. 2 has an unresolved source")]
    assert [(r.resolved_to, r.rule, r.evidence) for r in found[5].references] == [
        (None, "supra-note", "supra note 9: no earlier fn. 9 in this document")]


def test_ibid_after_two_sources_says_it_may_mean_either():
    # Ibid stands for the one source of the note before it: after a note citing two, both were
    # given at 0.95 as if Ibid named them both for certain.
    found = resolve_footnotes([
        ("1", None, "Domestic Workers Convention, 2011 (No. 189); Migration for Employment Convention (Revised), "
                    "1949 (No. 97)."),
        ("2", None, "Ibid., Art. 3."), ("3", None, "Ibid.")], CATALOGUE)
    assert [(r.resolved_to, r.confidence, r.evidence) for r in found[1].references] == [
        (doc, 0.5, "Ibid: the source of the preceding footnote, fn. 1, which cites 2 sources: Ibid may mean any of them")
        for doc in ("c189", "c097")]
    assert [r.resolved_to for r in found[2].references] == ["c189", "c097"]


def test_op_cit_follows_its_full_citation_resolved_or_not_and_is_never_surer():
    # An op. cit. of an uncatalogued source said "no earlier full citation" (there was one, in
    # fn. 3) and fell back to the catalogue; one of a doubtful full citation (0.707, the wrong
    # edition's year) was 0.95 sure.
    found = resolve_footnotes([
        ("1", None, "OECD (2003), World Migration Report 2003: Managing Migration, OECD, Paris."),
        ("2", None, "OECD (2003), World Migration Report, op. cit., p. 4."),
        ("3", None, "Smith (1999), Unknown Things, Oxford."), ("4", None, "Smith (1999), op. cit.")], CATALOGUE)
    first, second = found[0].references[0], found[1].references[0]
    assert (second.resolved_to, second.rule, second.confidence) == ("iom-wmr-2005", "op-cit", round(first.confidence, 3))
    assert first.confidence < 0.75
    assert [(r.resolved_to, r.rule, r.evidence) for r in found[3].references] == [
        (None, "op-cit", "op. cit.: the full citation in fn. 3 ('Smith (1999), Unknown Things, Oxford.'), which no "
                         "catalogue entry matches")]


def test_references_split_at_semicolons_and_per_symbol():
    assert split_references("Ibid; ILO 2004. Report VI") == ["Ibid", "ILO 2004. Report VI"]
    parts = split_references('UNCTAD reports on "A" (TD/B/COM.1/EM.25/2), and "B" (TD/B/COM.1/EM.22/2).')
    assert len(parts) == 2 and parts[0].endswith("EM.25/2)") and parts[1].endswith("EM.22/2)")
    assert parse_fields("IOM (2005). World Migration Report 2005")["author"] == "IOM"


@pytest.mark.parametrize("text, doc_id, rule, passage", [
    ("World Bank, Global Economic Prospects 2006", "wb-gep-2006", "title", None),
    ("ILC 92nd Session, Report VI", "ilo-2004-report-vi", "title", None),
    ("A/RES/45/158", "a-res-45-158", "symbol", None),
    ("A/RES/45/158, annex", "icrmw", "symbol", None),
    ("TD/B/COM.1/EM.22/2", "unctad-em22-2", "symbol", None),
    ("Convention No. 143", "c143", "number", None),
    ("ILO C181, art. 7(1)", "c181", "citation", "c181/art-7/1"),
])
def test_cite_resolves_each_kind_of_input(engine, text, doc_id, rule, passage):
    result = resolve_citation(text, CATALOGUE, engine)
    assert (result.resolved_to, result.rule) == (doc_id, rule)
    assert (result.passage.passage_id if result.passage else None) == passage
    assert result.confidence >= 0.8


def test_a_year_is_strong_evidence_for_or_against(engine):
    wrong = resolve_citation("Domestic Workers Convention (1990)", CATALOGUE, engine)
    assert (wrong.resolved_to, round(wrong.confidence, 2), wrong.evidence) == (
        "c189", 0.8, "title 'domestic workers convention' (100% match); but the year 1990 is not its year (2011)")
    number = resolve_citation("Convention No. 97 (1975)", CATALOGUE, engine)
    assert (number.resolved_to, number.confidence, number.evidence) == (
        "c097", 0.9, "instrument number C97; but the year 1975 is not its year (1949)")


def test_a_speech_footnote_names_the_fields_that_matched(note_footnotes):
    assert note_footnotes["3"].references[0].evidence == (
        "long title 'dealing with the global jobs crisis' (100% match); speaker 'Juan Somavia', "
        "event 'World Economic Forum', place 'Davos', date '2006-01-25'")


def test_cite_of_something_unknown_gives_the_nearest(engine):
    result = resolve_citation("Harry Potter and the Goblet of Fire", CATALOGUE, engine)
    assert result.resolved_to is None and len(result.alternatives) == 3


def test_mentions_in_note_paragraph_18_and_the_c189_preamble(engine):
    para18 = engine.show("note para 18")
    assert [m.doc_id for m in find_mentions(para18.text, CATALOGUE, "ecosoc-2006-rt6")] == [
        "c097", "c143", "icrmw", "mflm"]
    preamble = engine.show("C189 preamble")
    found = [m.doc_id for m in find_mentions(preamble.text, CATALOGUE, "c189")]
    assert [d for d in found if d] == ["c097", "c143", "c181", "mflm", "iccpr", "icescr", "cerd",
                                       "cedaw", "untoc", "trafficking-protocol", "smuggling-protocol", "icrmw"]
    unknown = [m.label for m in find_mentions(preamble.text, CATALOGUE, "c189") if m.doc_id is None]
    assert unknown == ["Workers with Family Responsibilities Convention, 1981 (No. 156)",
                       "Employment Relationship Recommendation, 2006 (No. 198)"]


def test_internal_references_resolve_within_the_instrument(engine):
    relations = Relations(engine)
    found = relations.related(engine.show("C97 Annex II art. 3"))
    assert [(link.label, link.target) for link in found.cites] == [("Article 2", "c097/annex-2/art-2")]
    citing = [p.passage_id for p, link in found.cited_by if link.kind == "internal"]
    assert citing == ["c097/annex-2/art-9", "c097/annex-2/art-10", "c097/annex-2/art-11"]
    article8 = relations.related(engine.show("C97 art 8(2)"))
    assert [(link.label, link.target) for link in article8.cites] == [("paragraph 1 of this Article", "c097/art-8/1")]


def test_internal_references_in_un_style_and_references_to_other_instruments(engine):
    unit = engine.show("ICCPR art. 5(1)")
    existing = {p.passage_id for p in engine.document_passages("iccpr", "en")}
    text = ("Nothing in article 12 of the International Covenant on Economic, Social and Cultural Rights, "
            "paragraph 3 of its resolution 72/3 or Article 6 of Regulation (EU) 2016/679; see article 2 and "
            "paragraph 2 of this article and article 4 of the Covenant.")
    made = Passage(unit.doc_id, unit.path, text, unit.order)
    assert [(link.label, link.target, link.why) for link in internal_references(made, existing)] == [
        ("article 2", "iccpr/art-2", "in the same instrument"),
        ("paragraph 2 of this article", "iccpr/art-5/2", "of this Article"),
        ("article 4 of the Covenant", "iccpr/art-4", "of this Covenant")]


@pytest.mark.parametrize("unit, expected, within", [
    ("C97 art. 9", "esc-1961/art-19", 1),  # ESC Art. 19(9): transfer of earnings and savings
    ("C97 art. 9", "ets093/art-17", 2),
    ("C97 art. 6", "refugee-convention-1951/art-24", 5),  # labour legislation and social security
    # sixth since the thesaurus group 'annual leave' joined C97 Art. 6(1)(a)(i)'s "holidays with
    # pay" to the provisions on paid holidays (ESC Art. 7, the Recommendation to C138, para. 13)
    ("C97 art. 6", "c181/art-12", 6),
])
def test_related_finds_the_concordance_in_other_instruments(engine, unit, expected, within):
    found = Relations(engine).related(engine.show(unit), limit=6)
    ids = [c.passage.passage_id for c in found.closest]
    assert expected in ids[:within]
    assert all(c.why for c in found.closest)
    assert all(not pid.startswith("c097/") for pid in ids)


def test_related_lists_who_names_the_instrument(engine):
    found = Relations(engine).related(engine.show("C97 art. 9"))
    assert [p.passage_id for p, _ in found.cited_by] == ["c181/preamble", "c189/preamble", "ecosoc-2006-rt6/para-18",
                                                                 "p029/preamble"]


def test_support_gives_sources_names_and_provisions(engine):
    found = Relations(engine).support(engine.show("note para 18"))
    assert [(label, ref.resolved_to) for label, ref in found.sources] == [("7", "mflm")]
    assert [m.doc_id for m in found.mentions] == ["c097", "c143", "icrmw", "mflm"]
    assert [(i.kind, i.doc_id, i.passage.passage_id if i.passage else None) for i in found.items] == [
        ("source", "mflm", None), ("named", "c143", None), ("named", "icrmw", None),
        ("named", "c097", "c097/art-1"), ("named", "c097", "c097/preamble")]
    assert found.items[0].why.startswith("its fn. 7 cites it: title 'ilo multilateral framework on labour migration")
    assert found.items[1].why == ("the paragraph names it: 'Migrant Workers (Supplementary Provisions) Convention, "
                                  "1975 (No. 143)' (its text is not installed)")
    assert found.items[3].why.startswith(
        "the paragraph names C097: 'ILO Migration for Employment Convention, 1949 (No. 97)'")


def test_support_finds_the_instruments_a_paragraph_names_once(engine, monkeypatch):
    # It searched the paragraph for names three times, and twice more per instrument it names.
    searched: list[str] = []

    def counting(text, catalogue, self_doc=None):
        searched.append(text)
        return find_mentions(text, catalogue, self_doc)

    monkeypatch.setattr(related, "find_mentions", counting)
    unit = engine.show("note para 18")
    found = Relations(engine).support(unit)
    assert [m.doc_id for m in found.mentions] == ["c097", "c143", "icrmw", "mflm"]
    assert searched == [unit.text]


@pytest.mark.parametrize("para, kinds", [
    ("11", []),  # brain drain: no installed provision supports it
    ("16", ["subject"] * 8),
    ("18", ["source"] + ["named"] * 4),
])
def test_every_support_item_names_a_source_an_instrument_or_a_subject(engine, para, kinds):
    found = Relations(engine).support(engine.show(f"note para {para}"))
    assert [item.kind for item in found.items] == kinds
    for item in found.items:
        assert re.match(r"its fn\. \d+ cites|the paragraph names|shares the subject '", item.why), item.why
        assert all(p.doc_id != "ecosoc-2006-rt6" for p in [item.passage] if p)


def test_support_on_a_subject_quotes_the_words_of_both_sides(engine):
    found = Relations(engine).support(engine.show("note para 16"))
    assert found.subjects == ["mode 4", "temporary and circular migration"]
    assert (found.items[0].passage.passage_id, found.items[0].why) == (
        "gats-mnp/para-4",
        "shares the subject 'mode 4' (paragraph: 'Mode 4'; provision: 'movement of natural persons')")
    # "another mode of settlement" (ICERD Art. 22) shares a stem with "mode 4", not the subject
    assert "cerd/art-22" not in [i.passage.passage_id for i in found.items]
    assert {i.kind for i in found.items} == {"subject"} and len(found.items) == 8


def test_words_shared_without_a_subject_are_not_support(engine):
    found = Relations(engine).support(engine.show("note para 11"))
    # brain drain: no installed provision has the subject; "developing countries" is not evidence
    assert found.subjects == ["brain drain"] and found.items == []


def test_exports_for_reference_managers():
    items = [csl_item(CATALOGUE.get(i)) for i in ("c097", "icrmw", "wcsdg-2004")]
    assert [i["type"] for i in items] == ["treaty", "treaty", "report"]
    assert items[1]["number"] == "A/RES/45/158, annex"
    assert items[0]["issued"] == {"date-parts": [[1949, 7, 1]]}
    json.dumps(items)
    text = bibtex([CATALOGUE.get("c097"), CATALOGUE.get("wcsdg-2004")])
    assert text.startswith("@misc{c097,\n  title = {Migration for Employment Convention (Revised), 1949 (No. 97)},\n"
                           "  author = {{International Labour Organization (ILO)}},\n  year = {1949},")
    assert "@techreport{wcsdg-2004," in text


def test_a_bibtex_field_keeps_a_title_s_braces_and_backslashes_literal():
    # "Rules }odd{ case \\ of" was written as it is: the stray brace ended the field, and
    # "\\emph{x}" was a LaTeX command; a reference manager could not read the entry.
    import dataclasses

    entry = dataclasses.replace(CATALOGUE.get("c097"), title="Rules }odd{ case \\emph{x} ~ 5% #1")
    title = bibtex([entry]).splitlines()[1]
    assert title == ("  title = {Rules \\textbraceright{}odd\\textbraceleft{} case \\textbackslash{}emph\\textbraceleft{}x"
                     "\\textbraceright{} \\textasciitilde{} 5\\% \\#1},")
    depth = 0
    for char in bibtex([entry]):  # BibTeX counts every brace, escaped or not
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0


def test_a_reference_is_normalised_once_not_once_per_catalogue_entry(monkeypatch):
    reference = "Report of the Global Commission on International Migration, 2005"
    normalised: list[str] = []

    def counting(text):
        normalised.append(text)
        return normalise_name(text)

    monkeypatch.setattr(sources, "normalise_name", counting)
    resolver = Resolver(CATALOGUE)
    [best] = resolver.candidates(reference)  # the entries' title forms are worked out here, once
    assert (best.doc_id, best.rule, best.confidence) == ("gcim-2005", "title", 0.98)
    assert normalised.count(reference) == 1
    normalised.clear()
    assert [c.doc_id for c in resolver.candidates(reference)] == ["gcim-2005"]
    assert normalised == [reference]


def test_supra_note_in_other_styles_and_op_cit_after_the_full_title():
    # "supra n 1" (no stop) was an op. cit. with 'no earlier full citation and no catalogue match',
    # "above n 1" (Australian style) and "note 2 above" (Chicago) were unresolved: sources.py spelt
    # "supra note" apart from the citation grammar. "ICCPR, op. cit." after the Covenant's full
    # title said 'op. cit. with no earlier full citation in this document'.
    found = resolve_footnotes([
        ("1", None, "Migration for Employment Convention (Revised), 1949 (No. 97)."),
        ("2", None, "International Covenant on Civil and Political Rights, 1966."),
        ("3", None, "See supra n 1, art. 6."), ("4", None, "Smith, above n 1, 45."), ("5", None, "See note 2 above, art. 26."),
        ("6", None, "ICCPR, op. cit., art. 2."), ("7", None, "Op. cit., art. 3.")], CATALOGUE)
    assert [[(r.resolved_to, r.rule, r.evidence) for r in f.references] for f in found[2:5]] == [
        [("c097", "supra-note", "supra note 1: the source of fn. 1")],
        [("c097", "supra-note", "supra note 1: the source of fn. 1")],
        [("iccpr", "supra-note", "supra note 2: the source of fn. 2")]]
    assert [(r.resolved_to, r.rule, r.evidence) for r in found[5].references] == [
        ("iccpr", "op-cit", "op. cit.: the full citation in fn. 2 ('International Covenant on Civil and Political Rights, "
                            "1966.'), the document its words name (names it: 'ICCPR')")]
    assert [(r.resolved_to, r.rule, r.evidence) for r in found[6].references] == [
        (None, "op-cit", "op. cit. matching no earlier full citation by its words, and no catalogue entry")]
