"""indexer/citation.py: citation strings computed from a passage's path (the doctest of the
module runs here too)."""

import doctest

import pytest

from lexmig.indexer import citation
from lexmig.indexer.catalogue import load_catalogue
from lexmig.indexer.citation import format_citation, passage_json
from lexmig.indexer.passage import Passage, PathStep

CATALOGUE = load_catalogue()


def passage(doc_id, *steps, lang="en"):
    return Passage(doc_id, tuple(PathStep(kind, label) for kind, label in steps), "text", 0, lang)


@pytest.mark.parametrize("unit, full, short, pid", [
    (passage("c097", ("annex", "II"), ("article", "4"), ("paragraph", "2")),
     "Migration for Employment Convention (Revised), 1949 (No. 97), Annex II, Article 4(2)",
     "C097, Annex II, Art. 4(2)", "c097/annex-2/art-4/2"),
    (passage("c097", ("article", "6"), ("paragraph", "1"), ("point", "b"), ("subpoint", "i")),
     "Migration for Employment Convention (Revised), 1949 (No. 97), Article 6(1)(b)(i)",
     "C097, Art. 6(1)(b)(i)", "c097/art-6/1/b/i"),
    (passage("c097", ("article", "1"), ("point", "a")),
     "Migration for Employment Convention (Revised), 1949 (No. 97), Article 1(a)", "C097, Art. 1(a)", "c097/art-1/a"),
    (passage("ecosoc-2006-rt6", ("section", "II"), ("paragraph", "11")),
     "ECOSOC Issues Note, Roundtable 6 (2006), para. 11", "ECOSOC RT6 Note, para. 11", "ecosoc-2006-rt6/para-11"),
    (passage("ecosoc-2006-rt6", ("footnote", "7")),
     "ECOSOC Issues Note, Roundtable 6 (2006), fn. 7", "ECOSOC RT6 Note, fn. 7", "ecosoc-2006-rt6/fn-7"),
    (passage("gats", ("part", "IV"), ("article", "XIX")),
     "General Agreement on Trade in Services (GATS), Article XIX", "GATS, Art. XIX", "gats/art-xix"),
    (passage("gats", ("part", "II"), ("article", "III bis")),
     "General Agreement on Trade in Services (GATS), Article III bis", "GATS, Art. III bis", "gats/art-iii-bis"),
    (passage("ets093", ("chapter", "III")),
     "European Convention on the Legal Status of Migrant Workers (ETS No. 93), Chapter III", "ETS 93, Ch. III",
     "ets093/ch-iii"),
    (passage("c189", ("preamble", "")), "Domestic Workers Convention, 2011 (No. 189), Preamble",
     "C189, Preamble", "c189/preamble"),
    (passage("gats-mnp", ("paragraph", "4"), ("footnote", "1")),
     "GATS Annex on Movement of Natural Persons Supplying Services, para. 4, fn. 1", "GATS MNP Annex, para. 4, fn. 1",
     "gats-mnp/para-4/fn-1"),
    (passage("c097", ("annex", "II"), ("article", "4"), lang="nl"),
     "Migration for Employment Convention (Revised), 1949 (No. 97), Annex II, Article 4 [nl]",
     "C097, Annex II, Art. 4 [nl]", "c097/nl/annex-2/art-4"),
])
def test_citations_are_computed_from_the_path(unit, full, short, pid):
    entry = CATALOGUE.get(unit.doc_id)
    assert format_citation(unit, entry) == full
    assert format_citation(unit, entry, short=True) == short
    assert unit.passage_id == pid


def test_passage_json_has_the_documented_shape():
    unit = passage("c097", ("annex", "II"), ("article", "4"), ("paragraph", "2"))
    data = passage_json(unit, CATALOGUE.get("c097"))
    assert list(data)[:9] == ["doc_id", "passage_id", "path", "label", "citation", "short_citation",
                              "lang", "page", "text"]
    assert data["path"] == [{"kind": "annex", "label": "II"}, {"kind": "article", "label": "4"},
                            {"kind": "paragraph", "label": "2"}]
    assert data["label"] == "2" and data["page"] is None


def test_the_module_s_examples_run():
    assert doctest.testmod(citation) == doctest.TestResults(failed=0, attempted=7)
