"""EUR-Lex web pages as published (../shared/realdocs): recitals, citations in the preamble,
articles, footnotes, annexes and the texts around a proposal, counted against the answer
key in ../shared/realdocs/expected.json; and the structure words of five languages, the
amendment markers of consolidated texts and inserted articles, on small pages of our own."""

import json

import pytest

from lexmig.indexer.catalogue import new_entry
from lexmig.indexer.citation import format_citation
from lexmig.indexer.readers import read_file, read_html
from lexmig.indexer.segment import segment
from tests.conftest import REALDOCS


def expected(folder: str) -> dict:
    if not REALDOCS.is_dir():
        pytest.fail(f"the real documents are missing: {REALDOCS}")
    return json.loads((REALDOCS / "expected.json").read_text(encoding="utf-8"))[folder]


@pytest.fixture(scope="module")
def dga():
    return segment(read_file(REALDOCS / "eu-reg-2022-868-dga-html" / expected("eu-reg-2022-868-dga-html")["file"]),
                   "dga").passages


@pytest.fixture(scope="module")
def ai_act():
    return segment(read_file(REALDOCS / "eu-com-2021-206-de-html" / expected("eu-com-2021-206-de-html")["file"]),
                   "ai-act").passages


def labels(passages, kind, top=None):
    """Labels of a kind, optionally only those directly under a top-level division."""
    return [p.label for p in passages if p.kind == kind
            and (top is None or (p.path[0].kind, p.path[0].label) == top and len(p.path) == 2)
            and (top is not None or p.path[0].kind not in ("appended", "annex"))]


def entry(doc_id, short_title):
    return new_entry({"id": doc_id, "type": "document", "body": "European Union", "title": short_title,
                      "cite_as": short_title, "short_title": short_title, "languages": ["en"],
                      "text_available": True})


def test_data_governance_act_matches_the_answer_key(dga):
    key = expected("eu-reg-2022-868-dga-html")
    assert labels(dga, "recital") == [str(n) for n in range(1, key["recitals"] + 1)]
    assert labels(dga, key["provision_kind"]) == key["provisions"]
    assert [p.label for p in dga if p.kind == "footnote"] == key["footnotes"]
    assert [p for p in dga if p.kind in ("annex", "appended")] == key["appended"] == []
    assert {p.lang for p in dga} == {key["language"]}


def test_data_governance_act_recitals_citations_and_footnotes_are_units(dga):
    units = {p.passage_id: p for p in dga}
    act = entry("dga", "DGA")
    assert format_citation(units["dga/recital-12"], act, short=True) == "DGA, Recital 12"
    assert units["dga/recital-12"].text.startswith("The re-use regime provided for in this Regulation")
    preamble = units["dga/preamble"].text
    assert preamble.startswith("THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,")
    assert "Having regard to the proposal from the European Commission," in preamble
    assert "(1)" not in preamble and "Official Journal" not in preamble  # recitals and masthead are not in it
    assert format_citation(units["dga/art-5/3/a/i"], act, short=True) == "DGA, Art. 5(3)(a)(i)"
    assert units["dga/art-1"].title == "Subject matter and scope"
    assert units["dga/ch-iii"].title == "Requirements applicable to data intermediation services"
    note = units["dga/fn-1"]
    assert (note.text, note.anchor) == ("OJ C 286, 16.7.2021, p. 38.", "dga/preamble")
    assert units["dga/fn-3"].anchor == "dga/recital-2"
    assert "\ue000" not in "".join(p.text for p in dga)


def test_german_ai_act_proposal_matches_the_answer_key(ai_act):
    key = expected("eu-com-2021-206-de-html")
    assert {p.lang for p in ai_act} == {key["language"]}
    assert labels(ai_act, "recital") == [str(n) for n in range(1, key["recitals"] + 1)]
    assert labels(ai_act, key["provision_kind"]) == key["provisions"]
    assert [p.label for p in ai_act if p.kind == "footnote"] == key["footnotes"]
    # The memorandum before the act, the financial statement after it, Annexes I-IX.
    found = []
    for p in ai_act:
        if len(p.path) == 1 and p.kind in ("appended", "annex"):
            children = [c for c in ai_act if len(c.path) == 2 and c.path[0] == p.path[0]
                        and c.kind in ("section", "paragraph", "point")]
            found.append({"provision_kind": key["appended"][len(found)]["provision_kind"],
                          "provisions": [c.label for c in children]})
    assert found == [{"provision_kind": a["provision_kind"], "provisions": a["provisions"]} for a in key["appended"]]


def test_german_ai_act_divisions_and_citations(ai_act):
    units = {p.passage_id: p for p in ai_act}
    act = entry("ai-act", "KI-VO")
    assert format_citation(units["ai-act/de/recital-89"], act, short=True) == "KI-VO, Recital 89 [de]"
    assert format_citation(units["ai-act/de/art-5/1/a"], act, short=True) == "KI-VO, Art. 5(1)(a) [de]"
    assert format_citation(units["ai-act/de/annex-2/sec-b/para-7"], act, short=True) == \
        "KI-VO, Annex II, Sec. B, para. 7 [de]"
    assert format_citation(units["ai-act/de/explanatory-memorandum/sec-3"], act, short=True) == \
        "KI-VO, Explanatory Memorandum, Sec. 3 [de]"
    assert units["ai-act/de/explanatory-memorandum/sec-3"].title.startswith("ERGEBNISSE DER EX-POST-BEWERTUNG")
    assert units["ai-act/de/art-1"].title == "Gegenstand"
    assert units["ai-act/de/title-viii/ch-3"].title == "Durchsetzung"
    assert units["ai-act/de/annex-1"].title == "TECHNIKEN UND KONZEPTE DER KÜNSTLICHEN INTELLIZENZ"
    assert units["ai-act/de/preamble"].text.startswith("DAS EUROPÄISCHE PARLAMENT UND DER RAT DER EUROPÄISCHEN UNION")
    assert units["ai-act/de/fn-31"].anchor == "ai-act/de/preamble"


STRUCTURE = [
    ("en", "Article", "CHAPTER", "Annex", "Section"),
    ("fr", "Article", "CHAPITRE", "Annexe", "Section"),
    ("de", "Artikel", "KAPITEL", "Anhang", "Abschnitt"),
    ("nl", "Artikel", "HOOFDSTUK", "Bijlage", "Afdeling"),
    ("es", "Artículo", "CAPÍTULO", "Anexo", "Sección"),
]


@pytest.mark.parametrize("lang, article, chapter, annex, section", STRUCTURE)
def test_structure_words_of_five_languages(lang, article, chapter, annex, section):
    page = (f"<html><body><h2>{chapter} I</h2><h3>{section} 1</h3><p class='oj-ti-art'>{article} 1</p><p>Text one.</p>"
            f"<p class='oj-ti-art'>{article} 2</p><p>Text two.</p><h2>{chapter} II</h2>"
            f"<p class='oj-ti-art'>{article} 3</p><p>Text three.</p>"
            f"<p class='oj-ti-annex'>{annex} I</p><p>1. Point one.</p><p>2. Point two.</p></body></html>")
    found = segment(read_html(page), "x").passages
    assert [(p.kind, p.label) for p in found if p.kind in ("chapter", "section", "article", "annex")] == \
        [("chapter", "I"), ("section", "1"), ("article", "1"), ("article", "2"), ("chapter", "II"),
         ("article", "3"), ("annex", "I")]
    assert [p.passage_id.split("/", 1)[1] for p in found if p.kind == "paragraph"] == \
        [f"{'' if p.lang == 'en' else p.lang + '/'}annex-1/para-{n}" for n, p in
         enumerate((q for q in found if q.kind == "paragraph"), 1)]


def test_consolidated_text_markers_are_removed_and_inserted_articles_kept():
    page = ("<html><body><p>▼B</p><p class='title-article-norm'>Article 14</p><p class='stitle-article-norm'>Fees</p>"
            "<p>1. Fees shall be ►M1 reasonable and published ◄.</p>"
            "<p>▼M1</p><p class='title-article-norm'>Article 14a</p><p class='stitle-article-norm'>Waivers</p>"
            "<p>Waivers shall be granted ►C1 in writing ◄.</p><p>▼B</p>"
            "<p class='title-article-norm'>Article 15</p><p>Entry into force.</p></body></html>")
    found = segment(read_html(page), "x").passages
    assert [(p.label, p.title) for p in found if p.kind == "article"] == \
        [("14", "Fees"), ("14a", "Waivers"), ("15", None)]
    units = {p.passage_id: p.text for p in found}
    assert units["x/art-14/1"] == "Fees shall be reasonable and published."
    assert units["x/art-14a"] == "Waivers shall be granted in writing."
    assert not any(mark in "".join(units.values()) for mark in "▼►◄")
