"""Reliability: search after adds and removes, killed writers, damaged indexes, hostile
input, paths outside the home, fetching. Every input here is made in tmp_path or read from
../shared; nothing may print a traceback."""

import fcntl
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import indexer.index as windex
from indexer.library import Library
from search.rank import Engine
from tests.conftest import corpus_path, source_file
from tests import test_librarian

run, cli_process = test_librarian.run, test_librarian.cli_process
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


def processes_using(home: Path, name: str = "") -> list[int]:
    """The processes that hold a file of the data home open (only `name`, if given)."""
    target = str(home.resolve() / name)
    found = set()
    for fd in Path("/proc").glob("[0-9]*/fd/*"):
        try:
            if os.readlink(fd).startswith(target):
                found.add(int(fd.parts[2]))
        except OSError:
            continue
    return sorted(found - {os.getpid()})


@pytest.fixture()
def big_home(library, tmp_path):
    """A copy of the session's library of every mirror document (25 + the note: a rebuild
    of more than 20 documents uses Whoosh's worker processes)."""
    target = tmp_path / "big"
    shutil.copytree(library.home, target, symlinks=True)
    assert len(quiet(target).installed()) > 20
    return target


def test_a_rebuild_killed_with_its_workers_running_does_not_lock_the_library(big_home):
    code, _, _ = cli_process(big_home, "index", "--rebuild", fault="index-before-commit")
    assert code == -signal.SIGKILL
    try:
        deadline = time.monotonic() + 10
        while processes_using(big_home) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert processes_using(big_home) == []  # the workers died with their parent
        code, out, err = cli_process(big_home, "--wait", "3", "add", str(extra_file("c097-pdf")), "--id", "c097-pdf")
        assert (code, err) == (0, "")
        assert out.splitlines()[-1].startswith("Added c097-pdf:")
        assert quiet(big_home).verify() == []
    finally:
        for pid in processes_using(big_home):  # workers left by a lexmig without the fix
            os.kill(pid, signal.SIGKILL)


def test_a_lock_held_by_the_orphans_of_a_killed_process_is_taken_over(home):
    # What an earlier lexmig left: the lock file names a dead process, and a process it
    # forked (here: a sleeping child holding the same open file) still holds the flock.
    holder = subprocess.Popen([sys.executable, "-c", "pass"])
    holder.wait()  # a dead pid
    handle = open(home / "lexmig.lock", "a+")
    fcntl.flock(handle, fcntl.LOCK_EX)
    handle.seek(0)
    handle.truncate()
    handle.write(str(holder.pid))
    handle.flush()
    orphan = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"], pass_fds=[handle.fileno()])
    handle.close()  # only the orphan holds it now
    try:
        code, out, err = cli_process(home, "--wait", "5", "add", str(corpus_path(*test_librarian.MNP)), "--id", "mnp")
        assert code == 0
        assert err == f"Took over the lock of {home}, left by a killed lexmig process (pid {holder.pid}).\n"
        assert out.splitlines()[-1].startswith("Added mnp:")
        assert quiet(home).verify() == []
    finally:
        orphan.kill()
        orphan.wait()


def damage(home: Path, how: str):
    index = (home / "index").resolve()
    segment = sorted(index.glob("*.seg"))[0]
    toc = sorted(index.glob("_MAIN_*.toc"))[-1]
    if how == "truncated":
        segment.write_bytes(segment.read_bytes()[:segment.stat().st_size // 2])
    elif how == "emptied":
        segment.write_bytes(b"")
    elif how == "zeroed toc":
        toc.write_bytes(bytes(toc.stat().st_size))
    else:
        segment.unlink()
    return segment.name


DAMAGE = {"truncated": "a file is cut short or empty", "emptied": "a file is cut short or empty",
          "zeroed toc": "unreadable: IndexError: Index was created on different architecture: saved int = 0, this "
                        "computer = 4",
          "deleted": "{segment} is missing"}


@pytest.mark.parametrize("how", sorted(DAMAGE))
def test_a_damaged_index_is_reported_repaired_and_rebuilt_saying_so(home, how):
    before = results(home, QUERIES)
    reason = DAMAGE[how].format(segment=damage(home, how))
    checked = run(home, "verify")
    assert (checked.exit_code, checked.stdout) == (1, f"the index is damaged ({reason}); fix: lexmig verify --fix\n")
    fixed = run(home, "verify", "--fix")
    assert fixed.exit_code == 0
    assert fixed.stdout.splitlines()[0] == f"the index was damaged ({reason})"
    assert run(home, "verify").stdout == f"The library in {home} is consistent: 3 documents.\n"
    assert results(home, QUERIES) == before
    reason = DAMAGE[how].format(segment=damage(home, how))
    searched = run(home, "search", "migrant workers", "--limit", "1")  # any command rebuilds it, saying so
    assert searched.exit_code == 0
    assert searched.stderr == f"The index in {home / 'index'} is damaged ({reason}); rebuilding it ...\n"
    assert results(home, QUERIES) == before


def test_a_segment_damaged_in_the_middle_is_found_by_verify(home):
    segment = sorted((home / "index").resolve().glob("*.seg"))[0]
    data = bytearray(segment.read_bytes())
    middle = len(data) // 2
    data[middle:middle + 4096] = bytes(4096)
    segment.write_bytes(bytes(data))
    checked = run(home, "verify")
    assert (checked.exit_code, checked.stdout) == (1, f"the index is damaged ({segment.name} does not match the "
                                                      "checksum recorded at its commit); fix: lexmig verify --fix\n")
    assert run(home, "verify", "--fix").exit_code == 0
    assert run(home, "verify").exit_code == 0


BODY = "Article 1\n\nEach Member shall apply this Convention.\n\nArticle 2\n\nEach Member shall report.\n"
HOSTILE = {  # made here, in tmp_path: what a hostile or broken file may hold
    "heading.md": "# Convention" + " " * 40000 + "x\n\n" + BODY,  # the heading regex once backtracked cubically
    "sups.md": BODY + "Article 3\n\n" + "Text <sup>" * 30000 + "\n",  # unclosed tags: quadratic
    "brackets.md": BODY + "Article 3\n\n" + "[<a " * 30000 + "\n",
    "deep1000.html": "<html><body>" + "<div>" * 1000 + "<p>Article 1. Each Member shall apply it.</p>" +
                     "</div>" * 1000 + "</body></html>",  # a RecursionError traceback
    "deep100000.html": "<html><body>" + "<div>" * 100000 + "<p>Article 1. Each Member shall apply it.</p>",
}
TOO_DEEP = ("Error: {name}: the HTML nests its elements more than 200 deep (no real document does); save the "
            "document's own page (e.g. its printable version) and try again.\n")


@pytest.mark.parametrize("name,code,last", [
    ("heading.md", 0, "Would add heading: Convention x (2 passages)"),
    ("sups.md", 0, "Would add sups: sups (3 passages)"),
    ("brackets.md", 0, "Would add brackets: brackets (3 passages)"),
    ("deep1000.html", 2, None),
    ("deep100000.html", 2, None),
])
def test_hostile_files_are_read_in_linear_time_or_refused_past_the_depth_limit(home, tmp_path, name, code, last):
    path = tmp_path / name
    path.write_text(HOSTILE[name], encoding="utf-8")
    # In a subprocess with a bound: on the code before the fix these ran for minutes.
    returned, out, err = cli_process(home, "add", str(path), "--dry-run")
    assert returned == code
    if last:
        assert out.splitlines()[-2:] == [last, "Dry run: nothing was changed."]
    else:
        assert err == TOO_DEEP.format(name=name)


def test_metadata_and_a_working_catalogue_nested_too_deeply_are_one_line_errors(home, tmp_path):
    meta = tmp_path / "meta.toml"
    meta.write_text("title = " + "[" * 5000 + "]" * 5000 + "\n")
    result = run(home, "add", str(corpus_path(*test_librarian.MNP)), "--meta", str(meta), "--dry-run")
    assert (result.exit_code, result.stderr) == (2, f"Error: {meta}: its values nest too deeply to read; fix the "
                                                    "file.\n")
    (home / "catalogue.json").write_text("[" * 100000 + "]" * 100000)
    listed = run(home, "catalogue")
    assert (listed.exit_code, listed.stderr) == (2, f"Error: {home / 'catalogue.json'}: its values nest too deeply "
                                                    "to read; restore it from a backup, or remove it and fetch "
                                                    "again.\n")


def encrypted_pdf(path: Path, password: str) -> Path:
    """C97's PDF rendering encrypted with AES-256 by pypdf's writer."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(extra_file("c097-pdf")))
    writer.encrypt(user_password=password, owner_password="owner", algorithm="AES-256")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def bomb_pdf(path: Path) -> Path:
    """One page whose content stream inflates to 100 MB of zeros (past pypdf's limit)."""
    import zlib

    from pypdf import PdfWriter
    from pypdf.generic import NameObject, StreamObject

    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    stream = StreamObject()
    stream.set_data(zlib.compress(bytes(100 * 1024 * 1024), 1))
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def test_an_aes_encrypted_pdf_is_read_and_a_password_is_asked_for_where_needed(home, tmp_path):
    opened = run(home, "add", str(encrypted_pdf(tmp_path / "open.pdf", "")), "--id", "c097-aes", "--dry-run")
    assert opened.exit_code == 0, opened.output
    assert opened.stdout.splitlines()[-2] == "Would add c097-aes: Convention 97 (178 passages)"
    locked = run(home, "add", str(encrypted_pdf(tmp_path / "locked.pdf", "secret")), "--dry-run")
    assert (locked.exit_code, locked.stderr) == (2, "Error: locked.pdf: the PDF is encrypted with a password; remove "
                                                    "it (e.g. qpdf --decrypt) and add the decrypted copy.\n")


def test_bad_files_in_a_folder_are_refused_in_one_line_each_and_the_others_added(home, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    shutil.copy(corpus_path(*test_librarian.MNP), folder / "mnp.md")
    encrypted_pdf(folder / "locked.pdf", "secret")
    bomb_pdf(folder / "bomb.pdf")
    (folder / "utf16.txt").write_bytes(b"\xff\xfe" + "Article 1\n\nText ".encode("utf-16-le") + b"\x00\xd8" +
                                       "x\n".encode("utf-16-le"))  # an unpaired surrogate
    result = run(home, "add", str(folder))
    assert result.exit_code == 2
    assert result.stdout.splitlines()[-1] == "1 added, 3 refused."
    assert result.stderr.splitlines() == [
        "Refused: bomb.pdf: the PDF holds a compressed stream that expands past pypdf's safety limit (a "
        "decompression bomb, or a damaged file); get a clean copy and try again.",
        "Refused: locked.pdf: the PDF is encrypted with a password; remove it (e.g. qpdf --decrypt) and add the "
        "decrypted copy.",
        "Refused: utf16.txt: the text is not valid UTF-16 (illegal UTF-16 surrogate at byte 34); convert it to UTF-8 "
        "and try again.",
    ]
    assert "mnp" in quiet(home).installed()


def test_a_full_disk_during_the_index_commit_is_one_line_and_changes_nothing(home, monkeypatch):
    from whoosh.writing import SegmentWriter

    before = test_librarian.snapshot(home)

    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(SegmentWriter, "_finalize_segment", full)
    result = run(home, "add", str(corpus_path(*test_librarian.MNP)), "--id", "mnp")
    monkeypatch.undo()
    assert (result.exit_code, result.stderr) == (2, f"Error: cannot write to {home}: No space left on device; free "
                                                    "some space or fix the permissions and try again (nothing was "
                                                    "changed).\n")
    assert test_librarian.snapshot(home) == before
    assert quiet(home).verify() == []
