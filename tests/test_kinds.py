"""The unit kinds: every kind the segmenter makes has a rank and belongs to the named groups."""

from lexmig.indexer import kinds
from lexmig.indexer.readers import read_file
from lexmig.indexer.segment import segment
from tests.conftest import realdoc, source_file


def test_every_kind_in_a_group_has_a_rank():
    grouped = {k for name in dir(kinds) if name.endswith("_KINDS") for k in getattr(kinds, name)}
    assert grouped - set(kinds.RANK) == {"text"}  # a text without structure: never inside another unit
    assert set(kinds.RANK) - grouped == set()


def test_the_kinds_of_real_documents_are_named():
    found = set()
    for path in (source_file("c097"), source_file("iccpr"), realdoc("eu-reg-2022-868-dga-html")):
        found |= {p.kind for p in segment(read_file(path), "x").passages}
    assert found == {"annex", "appended", "article", "chapter", "footnote", "paragraph", "part", "point",
                     "preamble", "recital", "subpoint"}
    assert found <= set(kinds.RANK)
    assert {"article", "article-section", "paragraph", "point", "subpoint"} == set(kinds.CONTAINING_KINDS)
