import pytest

from indexer.catalogue import load_catalogue
from search.citations import candidate_ids, find_citation, find_document

CATALOGUE = load_catalogue()


@pytest.mark.parametrize("text, ids", [
    ("C97 article 6", ["c097/art-6"]),
    ("Convention No. 97, Annex II, Article 4", ["c097/annex-2/art-4"]),
    ("GATS Article XIX", ["gats/art-xix"]),
    ("gats art xiv bis", ["gats/art-xiv-bis"]),
    ("C181 Art. 7", ["c181/art-7"]),
    ("ets093 art 12(1)", ["ets093/art-12/1"]),
    ("note para 11", ["ecosoc-2006-rt6/para-11"]),
    ("footnote 7 of the note", ["ecosoc-2006-rt6/fn-7"]),
    ("C97 art. 6(1)(b)", ["c097/art-6/1/b"]),
    ("C97 art. 6(1)(a)(i)", ["c097/art-6/1/a/i"]),
    ("C 97, Art. 1(i)", ["c097/art-1/i"]),
    ("Article 3 of the Smuggling Protocol", ["smuggling-protocol/art-3"]),
    ("ILO Convention No. 189 article 8(1)", ["c189/art-8/1"]),
    ("ETS No. 93, Chapter III", ["ets093/ch-iii"]),
    ("C189 preamble", ["c189/preamble"]),
    ("GATS MNP Annex para 4 fn 1", ["gats-mnp/para-4/fn-1"]),
])
def test_typed_citations_become_passage_ids(text, ids):
    ref = find_citation(text, CATALOGUE)
    assert ref is not None
    assert candidate_ids(ref)[:len(ids)] == ids


def test_other_languages_are_prefixed():
    assert candidate_ids(find_citation("C97 art 3(2)", CATALOGUE), "nl") == ["c097/nl/art-3/2"]


@pytest.mark.parametrize("text", ["family reunion", "remittances of migrant workers", "C97", "article 6"])
def test_text_without_a_document_and_a_pinpoint_is_not_a_citation(text):
    assert find_citation(text, CATALOGUE) is None


def test_the_remainder_is_what_is_left_to_search():
    ref = find_citation("C97 art 9 transfer of savings", CATALOGUE)
    assert ref.remainder("C97 art 9 transfer of savings") == "transfer of savings"
    ref = find_citation("footnote 7 of the note", CATALOGUE)
    assert ref.remainder("footnote 7 of the note") == ""


@pytest.mark.parametrize("text, doc_id", [
    ("what does the 1990 Convention say", "icrmw"),
    ("R86 on recruitment", "r086"),
    ("Recommendation No. 151", "r151"),
    ("the Palermo Protocol", "trafficking-protocol"),
    ("TD/B/COM.1/EM.25/2", "unctad-em25-2"),
])
def test_documents_are_found_by_any_name(text, doc_id):
    assert find_document(text, CATALOGUE)[0] == doc_id
