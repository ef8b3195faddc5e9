"""Scanned PDFs: `lexmig add --ocr` (ocrmypdf and Tesseract), and passages that record OCR.

The scans are read from ../shared/realdocs, never copied. Each is OCR'd once per session
(the `scans` fixture); the other tests read the library it built.
"""

from __future__ import annotations

import hashlib
import io
import json
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from lexmig.indexer.library import Library
from tests.conftest import corpus_path, realdoc, run

UN_SCAN = ("un-a-47-60-scan", "1991-12-30_Buravkin_to_UN.pdf")
KH_SCAN = ("kh-molvt-recruitment-agencies-kuwait-scan", "migration_agency_kuwait.pdf")
UN_OCRD = ("un-a-l632-1971-ocr", "1971-09-29_A_L.632-EN.pdf")  # OCR'd elsewhere (Acrobat Paper Capture)
NOTE_SCAN = ("ecosoc-2006-rt6", "renderings", "issues-note-scanned-pages-1-2.pdf")
NO_TEXT = "the PDF has no text layer (scanned images); "
INSTALL = "pip install 'lexmig[ocr]' && apt-get install tesseract-ocr tesseract-ocr-eng"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def passages(home, doc_id: str) -> list[dict]:
    result = run(home, "passages", doc_id, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="session")
def scans(tmp_path_factory):
    """One library with both scans added through the CLI with OCR: {"home", "un", "kh"} (results)."""
    home = tmp_path_factory.mktemp("ocrhome")
    un = run(home, "add", "--ocr", str(realdoc(*UN_SCAN)), "--id", "a-47-60", "--symbol", "A/47/60")
    kh = run(home, "add", "--ocr-lang", "khm+eng", str(realdoc(*KH_SCAN)), "--id", "kh-kuwait", "--lang", "km",
             "--accept-unstructured")
    return {"home": home, "un": un, "kh": kh}


def test_a_scan_added_without_ocr_gets_one_line_advice(tmp_path):
    result = run(tmp_path / "home", "add", str(realdoc(*UN_SCAN)))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: 1991-12-30_Buravkin_to_UN.pdf: {NO_TEXT}add it with --ocr to run OCR on it "
                             "(ocrmypdf and Tesseract).\n")
    assert not (tmp_path / "home" / "documents").exists()


def test_without_tesseract_the_error_names_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no tesseract program on it
    home = tmp_path / "home"
    plain = run(home, "add", str(realdoc(*UN_SCAN)))
    assert plain.exit_code == 2
    assert plain.stderr == (f"Error: 1991-12-30_Buravkin_to_UN.pdf: {NO_TEXT}to run OCR on it, install ocrmypdf and "
                            f"Tesseract ({INSTALL}), then add it with --ocr.\n")
    ocr = run(home, "add", "--ocr", str(realdoc(*UN_SCAN)))
    assert ocr.exit_code == 2
    assert ocr.stderr == (f"Error: 1991-12-30_Buravkin_to_UN.pdf: the PDF has no text layer (scanned images) and OCR "
                          f"is not installed (no tesseract program); install it with: {INSTALL}\n")
    assert not (home / "documents").exists()


def test_without_ocrmypdf_the_error_names_the_install_command(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "ocrmypdf", None)  # as if the extra were not installed
    result = run(tmp_path / "home", "add", "--ocr", str(realdoc(*UN_SCAN)))
    assert result.exit_code == 2
    assert result.stderr == (f"Error: 1991-12-30_Buravkin_to_UN.pdf: the PDF has no text layer (scanned images) and "
                             f"OCR is not installed (no ocrmypdf package); install it with: {INSTALL}\n")


def test_a_language_tesseract_lacks_names_its_package(tmp_path):
    result = run(tmp_path / "home", "add", "--ocr-lang", "eng+fra", str(realdoc(*UN_SCAN)))
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: 1991-12-30_Buravkin_to_UN.pdf: Tesseract has no language data for fra "
                                     "(installed: eng")
    assert result.stderr.endswith("install it with: apt-get install tesseract-ocr-fra\n")
    bad = run(tmp_path / "home", "add", "--ocr-lang", "english", str(realdoc(*UN_SCAN)))
    assert bad.exit_code == 2
    assert bad.stderr == ("Error: 1991-12-30_Buravkin_to_UN.pdf: 'english' is not a list of Tesseract language "
                          "codes; give codes joined by '+', like --ocr-lang eng or --ocr-lang khm+eng.\n")


def test_the_un_scan_is_ocrd_and_reported(scans):
    result = scans["un"]
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("1991-12-30_Buravkin_to_UN.pdf: pdf, 11 pages (0 without text, 11 OCR), ")
    assert lines[-1].startswith("Added a-47-60: ")
    assert result.stderr == ""  # ocrmypdf's page-by-page log stays out of lexmig's output


def test_the_stored_copy_has_the_text_layer_and_the_users_file_is_untouched(scans):
    original = realdoc(*UN_SCAN)
    provenance = json.loads((original.parent / "provenance.json").read_text(encoding="utf-8"))
    assert sha256(original) == provenance["sha256"]
    stored = scans["home"] / "documents" / "a-47-60" / "1991-12-30_Buravkin_to_UN.pdf"
    assert sha256(stored) != provenance["sha256"]
    reader = PdfReader(stored)
    assert len(reader.pages) == 11
    # The UN symbol is typed in each page's running header: OCR reads it on the first pages.
    assert "A/47/60" in reader.pages[0].extract_text()
    assert "A/47/60" in reader.pages[2].extract_text()


def test_every_passage_of_a_scan_records_ocr(scans):
    found = passages(scans["home"], "a-47-60")
    assert found and all(p["ocr"] is True for p in found)
    assert all(1 <= page <= 11 for p in found for page in p["pages"])
    assert "Commonwealth of Independent States" in " ".join(p["text"] for p in found)


def test_ocr_text_is_searchable_and_the_hit_says_ocr(scans):
    result = run(scans["home"], "search", "Commonwealth of Independent States", "--doc", "a-47-60", "--json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)["hits"]
    assert hits and all(h["doc_id"] == "a-47-60" and h["ocr"] is True for h in hits)


def test_an_index_rebuild_keeps_the_ocr_flag(scans):
    result = run(scans["home"], "index", "--rebuild")
    assert result.exit_code == 0
    # Read again from the stored copy: its text is known to be OCR from the PDF itself.
    found = passages(scans["home"], "a-47-60")
    assert len(found) == 13  # Annex III among them, its heading read by OCR as "Annex II1" (indexer.segment._ocr_heading)
    assert all(p["ocr"] is True for p in found)


def test_the_khmer_scan_is_read_in_khmer_and_english(scans):
    result = scans["kh"]
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("migration_agency_kuwait.pdf: pdf, 4 pages (0 without text, 4 OCR), ")
    found = passages(scans["home"], "kh-kuwait")
    text = " ".join(p["text"] for p in found)
    assert "ក្រសួងការងារ" in text  # "Ministry of Labour", in the letterhead and the first paragraph
    assert "Phnom Penh" in text  # the agencies' addresses, in English
    # "recruitment": Khmer clusters come out whole (an fpdf2 text layer gives pypdf stray "&&" in them)
    assert "ជ្រើសរើស" in text
    assert all(p["ocr"] is True for p in found)


def test_an_image_of_a_scan_is_ocrd_and_stored_as_the_pdf_ocr_made(tmp_path):
    """A scan saved as an image (here the note's first scanned page, rendered at 200 dpi):
    --ocr makes it a PDF (img2pdf, lossless) and reads it; without --ocr, one line says so."""
    import pypdfium2

    image = tmp_path / "note-p1.png"
    pypdfium2.PdfDocument(str(corpus_path(*NOTE_SCAN)))[1].render(scale=200 / 72).to_pil().save(image, dpi=(200, 200))
    before = sha256(image)
    home = tmp_path / "home"
    plain = run(home, "add", str(image))
    assert (plain.exit_code, plain.stderr) == (2, "Error: note-p1.png: an image (PNG), not a text; add it with --ocr "
                                                  "to read it by OCR.\n")
    added = run(home, "add", "--ocr", str(image), "--id", "note-p1", "--accept-unstructured")
    assert added.exit_code == 0, added.stderr
    assert added.stdout.startswith("note-p1.png: pdf, 1 pages (0 without text, 1 OCR), ")
    assert sha256(image) == before
    assert [p.name for p in (home / "documents" / "note-p1").iterdir()] == ["note-p1.pdf"]
    found = passages(home, "note-p1")
    assert [p["passage_id"] for p in found if p["kind"] == "paragraph"] == [f"note-p1/para-{n}" for n in (1, 2, 3, 4)]
    assert all(p["ocr"] is True for p in found)
    again = tmp_path / "note-p1-again.jpg"  # a new scan replaces it: update takes --ocr too
    pypdfium2.PdfDocument(str(corpus_path(*NOTE_SCAN)))[1].render(scale=200 / 72).to_pil().convert("RGB").save(
        again, dpi=(200, 200), quality=90)
    assert run(home, "update", "note-p1", str(again)).stderr == (
        "Error: note-p1-again.jpg: an image (JPG), not a text; add it with --ocr to read it by OCR.\n")
    updated = run(home, "update", "note-p1", "--ocr", str(again), "--accept-unstructured")
    assert updated.exit_code == 0, updated.stderr
    assert [p.name for p in (home / "documents" / "note-p1").iterdir()] == ["note-p1-again.pdf"]
    assert len(passages(home, "note-p1")) == len(found)
    broken = tmp_path / "broken.png"
    broken.write_bytes(image.read_bytes()[:200])
    refused = run(home, "add", "--ocr", str(broken))
    assert (refused.exit_code, refused.stderr) == (2, "Error: broken.png: it is an image (PNG), which cannot be read "
                                                      "(damaged, or a kind Pillow does not read); save it again as PNG "
                                                      "or TIFF and try again.\n")


def test_a_pdf_with_text_given_to_ocr_is_read_as_it_is(tmp_path):
    result = run(tmp_path / "home", "add", "--ocr", str(corpus_path("c097", "renderings", "c097-en-libreoffice.pdf")),
                 "--id", "c097-print", "--dry-run")
    assert result.exit_code == 0
    assert result.stderr == ("c097-en-libreoffice.pdf: the PDF already has a text layer on every page; no OCR "
                             "needed, reading it as it is.\n")
    assert " OCR)" not in result.stdout.splitlines()[0]
    prepared = Library(tmp_path / "home", notify=lambda m: None).prepare(
        corpus_path("c097", "renderings", "c097-en-libreoffice.pdf"), {"id": "c097-print"}, ocr="eng")
    assert prepared.segmentation.passages and not any(p.ocr for p in prepared.segmentation.passages)


def test_a_pdf_ocrd_elsewhere_is_read_as_any_pdf_and_marked_ocr(tmp_path):
    path = realdoc(*UN_OCRD)
    result = run(tmp_path / "home", "add", str(path), "--id", "a-l632", "--accept-unstructured")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("1971-09-29_A_L.632-EN.pdf: pdf, 1 pages (0 without text, 1 OCR), ")
    found = passages(tmp_path / "home", "a-l632")
    assert found and all(p["ocr"] is True for p in found)


def test_only_the_pages_without_text_are_ocrd(tmp_path):
    """A typed page followed by three scanned ones (the first of them blank): OCR on the scans
    only, flags by page."""
    writer = PdfWriter()
    writer.add_page(PdfReader(corpus_path("c097", "renderings", "c097-en-libreoffice.pdf")).pages[0])
    for page in PdfReader(corpus_path(*NOTE_SCAN)).pages:
        writer.add_page(page)
    mixed = tmp_path / "mixed.pdf"
    with open(mixed, "wb") as handle:
        writer.write(handle)
    before = sha256(mixed)
    prepared = Library(tmp_path / "home", notify=lambda m: None).prepare(
        mixed, {"id": "mixed"}, accept_unstructured=True, ocr="eng")
    assert sha256(mixed) == before
    assert prepared.report.pages == 4
    assert prepared.report.ocr_pages == [3, 4]
    assert prepared.report.pages_without_text == [2]  # blank: OCR finds nothing there either
    found = prepared.segmentation.passages
    assert any(p.ocr for p in found) and any(not p.ocr for p in found)
    assert all(p.ocr == any(page >= 3 for page in p.pages) for p in found)
    reader = PdfReader(io.BytesIO(prepared.data))
    assert "Convention concerning Migration for Employment" in reader.pages[0].extract_text()  # typed, kept
    assert "remittances" in reader.pages[3].extract_text()  # the note's second page, OCR'd


def test_ocr_leaves_other_files_and_bad_pdfs_to_the_normal_reader(tmp_path):
    from tests.test_readers import _encrypted_pdf

    home = tmp_path / "home"
    markdown = run(home, "add", "--ocr", str(corpus_path("c097", "BWBV0005528_README.md")), "--id", "c097-readme",
                   "--accept-unstructured", "--dry-run")
    assert markdown.exit_code == 0
    assert markdown.stderr == "BWBV0005528_README.md: not a PDF, so no OCR; reading it as it is.\n"
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(_encrypted_pdf())
    result = run(home, "add", "--ocr", str(locked))
    assert result.exit_code == 2
    assert result.stderr == ("Error: locked.pdf: the PDF is encrypted with a password; remove it (e.g. qpdf --decrypt) "
                             "and add the decrypted copy.\n")
    assert not (home / "documents").exists()


def test_a_scan_in_which_ocr_finds_nothing_is_refused_in_one_line(tmp_path, monkeypatch):
    """... and an OCR run first removes the folder a killed run left (its process is gone)."""
    import subprocess
    import tempfile

    from PIL import Image

    blank = tmp_path / "blank.pdf"  # a scan of a white page (a page without an image is not a scan)
    Image.new("RGB", (595, 842), "white").save(blank, "PDF", resolution=72)
    ended = subprocess.Popen(["true"])
    ended.wait()
    temporary = tmp_path / "tmp"
    (temporary / f"lexmig-ocr-{ended.pid}-abcdefgh" / "ocrmypdf.io.abcdefgh").mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))
    result = run(tmp_path / "home", "add", "--ocr", str(blank))
    assert result.exit_code == 2
    assert result.stderr == ("Error: blank.pdf: OCR found no text on any page (blank or unreadable images); check the "
                             "scan (resolution, orientation) and the language (--ocr-lang, now eng).\n")
    assert not (tmp_path / "home" / "documents").exists()
    assert list(temporary.iterdir()) == []


def test_an_ocr_run_ended_by_kill_cleans_up_and_changes_nothing(tmp_path):
    """`kill` (SIGTERM) during `add --ocr` ends lexmig as Ctrl-C does: Tesseract's processes
    and the temporary files of the run are gone, the one-line "Aborted!", exit 1, and the
    catalogue is as it was (Python's default ended it at once and left them behind)."""
    import os
    import signal
    import subprocess
    import time

    temporary, home = tmp_path / "tmp", tmp_path / "home"
    temporary.mkdir()
    env = dict(os.environ, TMPDIR=str(temporary))
    command = [sys.executable, "-m", "lexmig", "--home", str(home), "add", "--ocr", str(realdoc(*UN_SCAN))]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(temporary.glob("lexmig-ocr-*/ocrmypdf.io.*/*.png")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the OCR run ended before it could be stopped"
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=60)
    assert (process.returncode, stderr) == (1, "\nAborted!\n")
    assert list(temporary.iterdir()) == []
    assert not [cmd for cmd in map(_command_line, Path("/proc").glob("[0-9]*/cmdline")) if str(temporary).encode() in cmd]
    assert Library(home, notify=lambda message: None).installed().keys() == {"ecosoc-2006-rt6"}


def test_an_ocr_run_killed_outright_leaves_one_folder_that_verify_fix_removes(tmp_path):
    """SIGKILL cannot be caught: lexmig and its OCR processes end at once. Every temporary
    file of the run, ocrmypdf's included, is in one folder named for lexmig's process, which
    `verify` reports and `verify --fix` removes once that process is gone (a live run's
    folder is left alone); the library is unchanged."""
    import os
    import signal
    import subprocess
    import time

    temporary, home = tmp_path / "tmp", tmp_path / "home"
    temporary.mkdir()
    live = temporary / f"lexmig-ocr-{os.getpid()}-running"
    live.mkdir()
    env = dict(os.environ, TMPDIR=str(temporary))
    command = [sys.executable, "-m", "lexmig", "--home", str(home), "add", "--ocr", str(realdoc(*UN_SCAN))]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(temporary.glob("lexmig-ocr-*/ocrmypdf.io.*/*.png")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert process.poll() is None, "the OCR run ended before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)  # lexmig and every OCR process it started
    process.communicate(timeout=60)
    left = sorted(path.name for path in temporary.iterdir() if path != live)
    assert len(left) == 1 and left[0].startswith(f"lexmig-ocr-{process.pid}-") and live.is_dir(), left

    def run(*args):
        return subprocess.run([sys.executable, "-m", "lexmig", "--home", str(home), *args], env=env,
                              capture_output=True, text=True, timeout=300)

    checked = run("verify")
    assert checked.returncode == 1
    assert f"{temporary / left[0]} is the temporary folder of an OCR run that was killed" in checked.stdout
    fixed = run("verify", "--fix")
    assert f"removed {temporary / left[0]} (the temporary folder of an OCR run that was killed)" in fixed.stdout
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert [path.name for path in temporary.iterdir()] == [live.name]
    assert Library(home, notify=lambda message: None).installed().keys() == {"ecosoc-2006-rt6"}


def test_a_killed_run_s_folder_that_cannot_be_removed_is_said_not_removed(tmp_path, monkeypatch):
    import shutil
    import subprocess
    import tempfile

    from lexmig.search.render import repair_lines

    ended = subprocess.Popen(["true"])
    ended.wait()
    temporary = tmp_path / "tmp"
    left = temporary / f"lexmig-ocr-{ended.pid}-abcdefgh"
    left.mkdir(parents=True)
    monkeypatch.setattr(tempfile, "tempdir", str(temporary))

    def refuse(path, *args, **kwargs):
        raise PermissionError(1, "Operation not permitted", str(path))

    monkeypatch.setattr(shutil, "rmtree", refuse)  # as an immutable file or another user's folder does
    library = Library(tmp_path / "home", notify=lambda message: None)
    lines = repair_lines(library.repair())
    assert f"could not remove {left} (the temporary folder of an OCR run that was killed): Operation not " \
           "permitted; remove it by hand" in lines
    assert not [line for line in lines if line.startswith("removed")]
    assert left.is_dir()


def _command_line(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # the process has ended meanwhile
        return b""


def test_a_run_s_folder_is_judged_by_its_lock_not_only_by_its_pid(tmp_path, monkeypatch):
    """A /tmp shared across pid namespaces (containers) or a pid reused: the name's pid
    misleads. The run's flock on IN_USE says whether it lives (the kernel drops it at death)."""
    import fcntl
    import os
    import subprocess
    import tempfile

    from lexmig.indexer.library import ocr_leftovers
    from lexmig.indexer.ocr import IN_USE

    ended = subprocess.Popen(["true"])
    ended.wait()
    temporary = tmp_path / "tmp"
    elsewhere = temporary / f"lexmig-ocr-{ended.pid}-running"  # a live run whose pid we cannot see
    reused = temporary / f"lexmig-ocr-{os.getpid()}-killed"  # a dead run whose pid is taken again
    for folder in (elsewhere, reused):
        folder.mkdir(parents=True)
        (folder / IN_USE).write_text("")
    holder = subprocess.Popen([sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1]); "
                               "fcntl.flock(f, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)",
                               str(elsewhere / IN_USE)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline() == "held\n"
        monkeypatch.setattr(tempfile, "tempdir", str(temporary))
        assert ocr_leftovers() == [reused]
    finally:
        holder.kill()
        holder.wait()
    assert ocr_leftovers() == sorted([elsewhere, reused])  # the lock went with its process
    with open(elsewhere / IN_USE) as mark:  # (and this process may take it again)
        fcntl.flock(mark, fcntl.LOCK_EX | fcntl.LOCK_NB)


def test_a_page_tesseract_gives_up_on_is_said_not_read_as_blank(tmp_path, monkeypatch):
    """ocrmypdf leaves a page Tesseract timed out on without text, and says so only in its log:
    on a loaded machine a scan was reported as "OCR found no text on any page". The pages it
    gave up on are counted and said; the library is unchanged. (Tesseract runs with one
    OpenMP thread unless the user set OMP_THREAD_LIMIT: with two, a busy machine made it spin
    past the timeout.)"""
    import os

    import lexmig.indexer.ocr as ocr

    monkeypatch.setattr(ocr, "PAGE_TIMEOUT", 0.01)
    monkeypatch.delenv("OMP_THREAD_LIMIT", raising=False)
    result = run(tmp_path / "home", "add", "--ocr", str(corpus_path(*NOTE_SCAN)))
    assert (result.exit_code, result.stderr) == (
        2, "Error: issues-note-scanned-pages-1-2.pdf: Tesseract took more than 0.01 s on 3 pages and gave up; try "
           "again when the machine is less busy, or split the scan.\n")
    assert "OMP_THREAD_LIMIT" not in os.environ
    assert Library(tmp_path / "home", notify=lambda message: None).installed().keys() == {"ecosoc-2006-rt6"}
