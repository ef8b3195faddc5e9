"""Reliability: search after adds and removes, killed writers, damaged indexes, hostile
input, paths outside the home, fetching. Every input here is made in tmp_path or read from
../shared; nothing may print a traceback."""

import random
from pathlib import Path

import indexer.index as windex
from indexer.library import Library
from search.rank import Engine
from tests.conftest import corpus_path, source_file
from tests import test_librarian

run = test_librarian.run
template, home = test_librarian.template, test_librarian.home  # the fixtures: a small library per test


def quiet(where) -> Library:
    return Library(where, notify=lambda m: None)


def results(where, queries, limit=10) -> dict:
    """Each query's hits as (passage id, score): what a user sees, and how it was ranked."""
    engine = Engine(quiet(where))
    try:
        return {q: [(h.passage.passage_id, round(h.score, 4)) for h in engine.search(q, limit=limit).hits]
                for q in queries}
    finally:
        engine.close()


# Real files of the mirror that can be added beside what the template holds.
EXTRA = {
    "c097-pdf": ("c097", "renderings", "c097-en-libreoffice.pdf"),
    "c097-tex": ("c097", "renderings", "c097-en-twocolumn-latex.pdf"),
    "mnp": ("gats-mnp", "BWBV0001160_annex_mnp_excerpt.md"),
    "ets": None,  # the primary file of ets093
}
QUERIES = ["recruitment", "family reunion", "domestic workers wages", "movement of natural persons",
           "equality of treatment social security", "migrant"]


def extra_file(doc_id: str) -> Path:
    return corpus_path(*EXTRA[doc_id]) if EXTRA[doc_id] else source_file("ets093")


def test_search_after_any_adds_and_removes_equals_search_after_a_rebuild(home):
    # Removing and adding C97's PDF three times once cut "recruitment" from 10 hits to 3.
    rng = random.Random(12)
    installed: set[str] = set()
    for _ in range(10):
        candidates = sorted(EXTRA)
        doc_id = rng.choice(candidates)
        if doc_id in installed:
            quiet(home).remove(doc_id)
            installed.discard(doc_id)
        else:
            quiet(home).add([extra_file(doc_id)], {"id": doc_id})
            installed.add(doc_id)
        assert windex.deleted_count(windex.open_index(home / "index")) == 0
    incremental = results(home, QUERIES)
    assert incremental["recruitment"] and incremental["migrant"]
    assert run(home, "index", "--rebuild").exit_code == 0
    assert results(home, QUERIES) == incremental


def test_verify_reports_deleted_passages_and_fix_merges_them_away(home, monkeypatch):
    # An index written without merging (by an earlier lexmig) still holds deleted passages.
    from whoosh.writing import NO_MERGE

    monkeypatch.setattr(windex, "_merge_small_and_deleted", NO_MERGE)
    for _ in range(2):
        added, _ = quiet(home).add([extra_file("c097-pdf")], {"id": "c097-pdf"})
        quiet(home).remove("c097-pdf")
    monkeypatch.undo()
    deleted = windex.deleted_count(windex.open_index(home / "index"))
    assert deleted == 2 * (len(added[0].segmentation.passages) + 1)  # and its vocabulary entry, twice
    result = run(home, "verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"the index still holds {deleted} deleted passages, which skew ranking (words look more common than they "
        "are); fix: lexmig verify --fix"]
    fixed = run(home, "verify", "--fix")
    assert fixed.exit_code == 0, fixed.output
    assert f"merged away the index's {deleted} deleted passages" in fixed.stdout
    assert windex.deleted_count(windex.open_index(home / "index")) == 0
    repaired = results(home, QUERIES)
    assert run(home, "index", "--rebuild").exit_code == 0
    assert results(home, QUERIES) == repaired
