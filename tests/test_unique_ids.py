"""No document has two passages with one id: every file of the reference mirror and of the
real published files (those with a text layer) is checked, and `add` refuses a file whose
segmentation would give one id twice."""

import dataclasses
import json
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from lexmig.indexer.readers import read_file
from lexmig.indexer.segment import duplicate_ids, segment
from lexmig.search.cli import cli
from tests.conftest import REALDOCS, corpus_path, realdoc, source_file

MIRROR_IDS = ("c019 c021 c029 c088 c097 c111 c118 c138 c181 c189 cedaw cerd ecosoc-2006-rt6 esc-1961 ets093 "
              "gats gats-mnp gats-mnp-decision iccpr icescr iom-constitution p029 refugee-convention-1951 "
              "smuggling-protocol trafficking-protocol").split()
# The real files with a text layer whose segmentation is checked here (the scans need OCR).
REALDOC_IDS = ("ae-domestic-workers-decree-law-9-2022 ae-u-ae-work-permits-webpage au-migration-act-1958-vol1 "
               "eu-com-2021-206-de-html "
               "eu-reg-2022-868-dga-html qa-labour-law-14-2004 un-a-l632-1971-ocr un-ares-73-7 un-ares-73-8 "
               "us-federal-register-2020-17221").split()


def repeated(path: Path, doc_id: str) -> list[str]:
    passages = segment(read_file(path), doc_id, allow_unstructured=True).passages
    assert passages
    counts = Counter(p.passage_id for p in passages)
    return sorted(pid for pid, n in counts.items() if n > 1)


def test_every_mirror_folder_is_checked():
    assert sorted(p.name for p in corpus_path().iterdir() if p.is_dir()) == sorted(MIRROR_IDS)


def test_every_real_document_with_a_text_layer_is_checked():
    key = json.loads((REALDOCS / "expected.json").read_text(encoding="utf-8"))
    typeset = {folder for folder, doc in key.items() if doc["kind"] != "pdf-scanned"}
    assert typeset <= set(REALDOC_IDS)
    assert set(REALDOC_IDS) - typeset == {"un-a-l632-1971-ocr"}  # a scan, but with an OCR text layer


@pytest.mark.parametrize("doc_id", MIRROR_IDS)
def test_mirror_document_has_unique_passage_ids(doc_id):
    assert repeated(source_file(doc_id), doc_id) == []


@pytest.mark.parametrize("folder", REALDOC_IDS)
def test_real_document_has_unique_passage_ids(folder):
    assert repeated(realdoc(folder), folder) == []


def test_duplicate_ids_lists_each_repeated_id_once_in_order():
    passages = segment(read_file(source_file("c189")), "c189").passages
    doubled = passages + [passages[3], passages[1], passages[3]]
    assert duplicate_ids(doubled) == [passages[3].passage_id, passages[1].passage_id]
    assert duplicate_ids(passages) == []


def test_add_refuses_a_segmentation_with_a_repeated_id_and_writes_nothing(tmp_path, monkeypatch):
    import lexmig.indexer.segment as segmenter

    real = segmenter.segment

    def doubling(source, doc_id, allow_unstructured=False):  # a segmenter bug, simulated
        seg = real(source, doc_id, allow_unstructured)
        return dataclasses.replace(seg, passages=seg.passages + [seg.passages[5]])

    monkeypatch.setattr(segmenter, "segment", doubling)
    home = tmp_path / "home"
    home.mkdir()
    before = sorted(p.name for p in home.rglob("*"))
    result = CliRunner().invoke(cli, ["--home", str(home), "add", str(source_file("c189")), "--id", "c189-copy"],
                                catch_exceptions=False)
    assert result.exit_code == 2
    assert result.stderr == ("Error: BWBV0005977_README.md: two units would share the passage id 'c189-copy/art-2' "
                             "(1 in all); lexmig cannot cite them apart: report the file as a segmentation bug.\n")
    assert "Traceback" not in result.output
    assert sorted(p.name for p in home.rglob("*") if p.name != "lexmig.lock") == before
