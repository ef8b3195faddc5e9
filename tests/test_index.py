"""indexer/index.py: the Whoosh schema, the writer and what it stores, on real passages."""

import pytest

from lexmig.indexer import index as windex
from lexmig.indexer import subjects
from lexmig.indexer.errors import IndexDamaged


@pytest.fixture(scope="module")
def documents(library):
    """Two real documents, as the library stored them: (entry, sha256, passages)."""
    installed = library.installed()
    found = {}
    for doc_id in ("c097", "ecosoc-2006-rt6"):
        entry, passages = library.passages(doc_id)
        found[doc_id] = (entry, installed[doc_id].sha256, passages)
    return found


def build(path, documents, *doc_ids):
    ix = windex.create(path)
    writer = windex.writer(ix, 5)
    for doc_id in doc_ids:
        windex.add_document(writer, *documents[doc_id])
    windex.commit(writer)
    return windex.open_index(path)


def test_a_passage_survives_its_stored_record_exactly(documents):
    _, _, passages = documents["c097"]
    assert len(passages) == 349
    assert [windex.passage_from_record(windex.passage_record(p)) for p in passages] == passages


def test_an_indexed_document_gives_back_its_passages_in_order(tmp_path, documents):
    ix = build(tmp_path / "ix", documents, "c097", "ecosoc-2006-rt6")
    assert windex.passage_counts(ix) == {"c097": 349, "ecosoc-2006-rt6": 39}
    assert windex.indexed_documents(ix) == {doc_id: sha for doc_id, (_, sha, _) in documents.items()}
    assert windex.document_passages(ix, "c097") == documents["c097"][2]
    assert windex.deleted_count(ix) == 0


def test_the_schema_stores_and_scores_the_passage_fields():
    assert sorted(windex.schema().names()) == [
        "body", "concepts", "data", "doc_id", "doc_sha", "doc_type", "kind", "lang", "order", "passage_id",
        "subject_why", "subjects", "text", "title", "vocab_of", "words", "year"]


def test_replacing_a_document_deletes_its_old_passages_and_names_its_segment_neighbours(tmp_path, documents):
    ix = build(tmp_path / "ix", documents, "c097", "ecosoc-2006-rt6")
    writer = windex.writer(ix, 5)
    windex.add_document(writer, *documents["c097"])
    windex.commit(writer)
    ix = windex.open_index(tmp_path / "ix")
    assert windex.passage_counts(ix) == {"c097": 349, "ecosoc-2006-rt6": 39}
    assert windex.deleted_count(ix) == 349 + 1  # the passages and the document's vocabulary record
    # the note shares the first segment with the deleted passages: it must be indexed again
    assert windex.segments_to_rewrite(ix, {"c097"}, deleted_too=True) == {"ecosoc-2006-rt6"}


def test_the_version_names_the_schema_and_the_curated_files(tmp_path, documents):
    build(tmp_path / "ix", documents, "ecosoc-2006-rt6")
    assert windex.exists(tmp_path / "ix")
    assert not windex.exists(tmp_path / "elsewhere")
    assert windex.version(tmp_path / "ix") == windex.current_version()
    assert windex.current_version().startswith(windex.INDEX_VERSION + "-")


def test_a_manifest_is_read_back_as_written(tmp_path):
    (tmp_path / "ix").mkdir()
    windex.write_manifest(tmp_path / "ix", {"c097": "ab" * 32})
    assert windex.read_manifest(tmp_path / "ix") == {"c097": "ab" * 32}
    assert windex.read_manifest(tmp_path / "missing") is None


def test_a_segment_changed_after_its_commit_is_named_by_check(tmp_path, documents):
    build(tmp_path / "ix", documents, "ecosoc-2006-rt6")
    windex.record_checksums(tmp_path / "ix")
    assert windex.check(tmp_path / "ix").doc_count() == 39 + 1  # the passages, the vocabulary record
    (segment,) = (tmp_path / "ix").glob("*.seg")
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    with pytest.raises(IndexDamaged, match=rf"{segment.name} does not match the checksum recorded at its commit"):
        windex.check(tmp_path / "ix")


def test_the_bulk_writer_keeps_each_documents_passages_together_and_in_order(library, tmp_path):
    """Search finds a passage's sub-units as the documents right after it."""
    ix = windex.create(tmp_path / "ix")
    writer = windex.writer(ix, 5, bulk=True)
    for doc_id, record in sorted(library.installed().items()):
        windex.add_document(writer, library.catalogue.get(doc_id), record.sha256,
                            library.segment_document(doc_id).passages)
    writer.commit()
    with ix.searcher() as searcher:
        everything = [searcher.stored_fields(d) for d in range(searcher.doc_count_all())]
    stored = [s for s in everything if "passage_id" in s]  # not the per-document vocabulary entries
    assert len(stored) == 4936 and len(everything) == 4936 + 25
    for before, after in zip(stored, stored[1:]):
        if before["doc_id"] == after["doc_id"]:
            assert after["order"] == before["order"] + 1
    assert len({s["doc_id"] for s in stored}) == 25


def test_a_heading_over_a_few_untitled_articles_is_their_title(library, tmp_path):
    entry, passages = library.passages("iom-constitution")
    headings = windex._narrow_headings(passages)
    english = {path[0].label: title for (lang, path), title in headings.items() if lang == "en"}
    # Chapter I holds Art. 1 alone, Chapter II Arts. 2-4; Chapter IV (Council) holds Arts. 6-11
    assert english["I"] == "PURPOSES AND FUNCTIONS" and english["II"] == "MEMBERSHIP" and "IV" not in english
    # ETS 93 titles its articles: none of its headings is carried
    assert windex._narrow_headings(library.passages("ets093")[1]) == {}
    ix = windex.create(tmp_path / "ix")
    writer = windex.writer(ix, 5)
    windex.add_document(writer, entry, library.installed()["iom-constitution"].sha256, passages)
    windex.commit(writer)
    from whoosh import query as wq

    with windex.open_index(tmp_path / "ix").searcher() as searcher:
        found = {searcher.stored_fields(d)["passage_id"] for d in searcher.docs_for_query(wq.Term("title", "function"))}
    assert "iom-constitution/art-1" in found and "iom-constitution/art-1/1" in found
    assert not any(pid.startswith("iom-constitution/art-6") for pid in found)


def test_the_index_keeps_the_subject_vocabulary_it_was_built_with(tmp_path, documents, monkeypatch):
    """Opened, an index gives the subjects and their question table as computing them would."""
    computed = subjects._vocabulary()
    build(tmp_path / "ix", documents, "ecosoc-2006-rt6")
    monkeypatch.setattr(subjects, "_loaded", [])
    windex.open_index(tmp_path / "ix")
    assert subjects._loaded == [computed] and len(computed.subjects) == 80


def test_a_damaged_subject_vocabulary_is_computed_again_and_named_by_check(tmp_path, documents, monkeypatch):
    build(tmp_path / "ix", documents, "ecosoc-2006-rt6")
    windex.record_checksums(tmp_path / "ix")
    kept = tmp_path / "ix" / windex.SUBJECTS_FILE
    kept.write_text(kept.read_text(encoding="utf-8")[:5000], encoding="utf-8")
    monkeypatch.setattr(subjects, "_loaded", [])
    windex.open_index(tmp_path / "ix")
    assert subjects._loaded == []  # not taken: computed when first asked
    assert subjects.load_subjects()[0].name == "equality of treatment"
    with pytest.raises(IndexDamaged, match="lexmig-subjects.json does not match the checksum recorded at its commit"):
        windex.check(tmp_path / "ix")


def test_a_vocabulary_made_from_another_subject_index_is_not_taken(tmp_path, documents, monkeypatch):
    build(tmp_path / "ix", documents, "ecosoc-2006-rt6")
    monkeypatch.setattr(subjects, "_loaded", [])
    monkeypatch.setattr(subjects, "digest", lambda: "0123456789ab")
    windex.open_index(tmp_path / "ix")
    assert subjects._loaded == []
