"""The passage record as a tree: parents, ancestors and containment, on C97's real passages."""

import pytest

from lexmig.indexer.kinds import PARENT_KINDS
from lexmig.indexer.passage import id_ancestors, id_depth, id_inside, id_parent, ids_nest
from lexmig.indexer.readers import read_file
from lexmig.indexer.segment import segment
from tests.conftest import source_file


@pytest.fixture(scope="module")
def c097():
    passages = segment(read_file(source_file("c097")), "c097").passages
    return passages, {p.passage_id: p for p in passages}


@pytest.mark.parametrize("pid, parent, article", [
    ("c097/annex-2/art-4/2", "c097/annex-2/art-4", "c097/annex-2/art-4"),
    ("c097/art-6/1/b/ii", "c097/art-6/1/b", "c097/art-6"),
    ("c097/art-6/1", "c097/art-6", "c097/art-6"),
    ("c097/annex-2/art-4", "c097/annex-2", None),
    ("c097/nl/art-6/1/a", "c097/nl/art-6/1", "c097/nl/art-6"),
    ("c097/art-6", None, None),
    ("c097/preamble", None, None),
])
def test_parent_and_article_of_real_units(c097, pid, parent, article):
    _, units = c097
    unit = units[pid]
    assert unit.parent_id == parent
    assert unit.ancestor_id(PARENT_KINDS) == article
    assert parent is None or parent in units  # the ids name real units


def test_annex_is_the_ancestor_of_its_articles_points(c097):
    _, units = c097
    assert units["c097/annex-2/art-3/2/b"].ancestor_id(("annex",)) == "c097/annex-2"
    assert units["c097/art-6/1/b/ii"].ancestor_id(("annex",)) is None


def test_contains_lists_exactly_the_units_inside(c097):
    passages, units = c097
    article = units["c097/art-6"]
    assert [p.passage_id for p in passages if article.contains(p)] == [
        "c097/art-6/1", "c097/art-6/1/a", "c097/art-6/1/a/i", "c097/art-6/1/a/ii", "c097/art-6/1/a/iii",
        "c097/art-6/1/b", "c097/art-6/1/b/i", "c097/art-6/1/b/ii", "c097/art-6/1/c", "c097/art-6/1/d",
        "c097/art-6/2"]
    assert not article.contains(article) and article.holds(article)
    assert article.holds("c097/art-6/2") and not article.holds("c097/art-60")  # a prefix of the id is no parent
    assert not units["c097/art-6/1"].contains(units["c097/nl/art-6/1/a"])  # the Dutch text is apart
    assert not units["c097/annex-2/art-4"].contains("c097/art-4/1")


def test_ids_as_a_tree():
    assert id_parent("c097/annex-2/art-4/2") == "c097/annex-2/art-4"
    assert id_parent("c097") == "c097"
    assert id_depth("c097/annex-2/art-4/2") == 3
    assert id_ancestors("c097/annex-2/art-4/2") == ["c097/annex-2", "c097/annex-2/art-4"]
    assert id_ancestors("c097/art-6") == []
    assert id_inside("c097/art-6/1", "c097/art-6") and not id_inside("c097/art-6", "c097/art-6")
    assert ids_nest("c097/art-6", "c097/art-6/1/b") and ids_nest("c097/art-6/1/b", "c097/art-6")
    assert not ids_nest("c097/art-6", "c097/art-60")
