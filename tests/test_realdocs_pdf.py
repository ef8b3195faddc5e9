"""Real published PDFs of ../shared/realdocs, segmented as `lexmig add` does, against the
answer key expected.json: exact counts per kind, labels in order, a few citations."""

from __future__ import annotations

import pytest

from indexer.catalogue import new_entry
from indexer.cite import format_citation, pinpoint
from indexer.passage import Passage, PathStep


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
