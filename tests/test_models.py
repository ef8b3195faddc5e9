"""The library's typed records (indexer.models): what installed(), prepare() and
update_index() return, read from a home built from ../shared/corpus."""

import dataclasses
import json

import pytest

from lexmig.indexer.models import IndexSummary, InstalledDoc, QualityReport
from tests.conftest import corpus_path, realdoc


def test_installed_documents_are_frozen_records(library, corpus):
    installed = library.installed()
    c097 = installed["c097"]
    provenance = json.loads(corpus_path("c097", "provenance.json").read_text(encoding="utf-8"))
    assert isinstance(c097, InstalledDoc)
    assert (c097.doc_id, c097.sha256, c097.source, c097.file, c097.passages, c097.builtin) == (
        "c097", provenance["sha256"], f"mirror {corpus}", f"documents/c097/{provenance['file']}", 349, False)
    assert c097.path == library.home / "documents" / "c097" / provenance["file"]
    note = installed["ecosoc-2006-rt6"]
    assert (note.source, note.file, note.passages, note.builtin) == ("built in", None, None, True)
    assert note.path.name == "ecosoc-2006-rt6.md"
    with pytest.raises(dataclasses.FrozenInstanceError):
        c097.sha256 = "0" * 64
    assert "fingerprint" not in repr(c097)  # 4000 characters of text are not a summary


def test_a_quality_report_is_a_record_with_its_json(library):
    report = library.prepare(realdoc("un-ares-73-7")).report
    assert isinstance(report, QualityReport)
    assert (report.file, report.format, report.pages, report.pages_without_text, report.structured) == (
        "A_RES_73_7-EN.pdf", "pdf", 5, [], True)
    assert report.footnotes == report.units["footnote:en"] > 0
    data = report.to_json()
    assert list(data) == [f.name for f in dataclasses.fields(QualityReport)]
    assert data["pages"] == 5 and json.loads(json.dumps(data)) == data


def test_an_index_update_with_nothing_to_do_says_so(library):
    summary = library.update_index()
    assert isinstance(summary, IndexSummary)
    assert (summary.documents, summary.removed, summary.passages, summary.rebuilt, summary.changed) == (
        0, 0, 0, False, False)
