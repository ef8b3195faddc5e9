"""A hostile librarian: files that are not files, odd names and encodings, commands killed or
run together, a read-only home. Every error is one line on stderr with exit code 2, and the
library (catalogue, stored files, index) is byte for byte what it was."""

import base64
import errno
import json
import os
import quopri
import shutil
import signal
import subprocess
import sys

import pytest

import lexmig.indexer.index as windex
import lexmig.indexer.library as library_module
from lexmig.indexer.library import Library
from lexmig.indexer.passage import int_to_roman
from tests import test_librarian
from tests.conftest import corpus_path, run, source_file

home, template, snapshot = test_librarian.home, test_librarian.template, test_librarian.snapshot


def refused(home, *args, timeout=60) -> str:
    """Run `lexmig ARGS` on `home` (a process, so a hang fails the test): it must stop with exit
    code 2 and one line on stderr, nothing on stdout, and change nothing. Returns the line."""
    before = snapshot(home)
    process = test_librarian.cli_process(home, *args, wait_for=False)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"lexmig {' '.join(args)} did not end in {timeout} s")
    assert (process.returncode, out) == (2, "")
    assert len(err.splitlines()) == 1 and "Traceback" not in err, err
    assert snapshot(home) == before
    return err.rstrip("\n")


REGULAR = "not a regular file; give a document file (PDF, HTML, Markdown or text) saved on disk."


def test_adding_a_fifo_a_device_or_a_socket_is_refused_at_once(home, tmp_path):
    # `lexmig add` of a named pipe blocked for ever in open().
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    assert refused(home, "add", str(fifo), timeout=30) == f"Error: {fifo}: is a named pipe (FIFO), {REGULAR}"
    assert refused(home, "add", "/dev/zero", "--id", "zero") == f"Error: /dev/zero: is a device, {REGULAR}"
    assert refused(home, "update", "c097", str(fifo), timeout=30) == f"Error: {fifo}: is a named pipe (FIFO), {REGULAR}"
    mnp = corpus_path(*test_librarian.MNP)
    assert refused(home, "add", str(mnp), "--meta", str(fifo), timeout=30) == \
        f"Error: {fifo}: is a named pipe (FIFO), not a regular file; give a TOML metadata file saved on disk."
    assert refused(home, "add", str(tmp_path), "--id", "folder") == \
        f"Error: {tmp_path}: is a directory; give a document file (PDF, HTML, Markdown or text)."


def _pdf(pages: int) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


C097_PDF = ("c097", "renderings", "c097-en-libreoffice.pdf")
MNP_TEXT = ("gats-mnp", "BWBV0001160_annex_mnp_excerpt.md")

HOSTILE = [  # (file name, its bytes, the error after "Error: NAME: ")
    ("empty.md", lambda: b"", "the file is empty; there is nothing to add."),
    ("zero-pages.pdf", lambda: _pdf(0), "the PDF has no pages; get a complete copy and try again."),
    ("blank.pdf", lambda: _pdf(2), "the PDF's 2 pages are blank (no text and no images); there is nothing to add: "
                                   "check that it is the file you meant."),
    ("images-only.pdf", lambda: corpus_path("ecosoc-2006-rt6", "renderings", "issues-note-scanned-pages-1-2.pdf")
     .read_bytes(), "the PDF has no text layer (scanned images); add it with --ocr to run OCR on it (ocrmypdf and "
                    "Tesseract)."),
    ("cut.pdf", lambda: corpus_path(*C097_PDF).read_bytes()[:50_000],
     "the PDF is truncated (no end-of-file marker); get a complete copy and try again."),
    ("cut-but-marked.pdf", lambda: corpus_path(*C097_PDF).read_bytes()[:50_000] + b"\n%%EOF\n",
     "the PDF is corrupt (startxref not found); get a complete copy and try again."),
    ("windows.md", lambda: ("\u201c" + corpus_path(*MNP_TEXT).read_text(encoding="utf-8")).encode("cp1252", "replace"),
     "the text is not UTF-8; convert it to UTF-8 (e.g. iconv -f WINDOWS-1252 -t UTF-8) and try again."),
    ("odd.md", lambda: b"\xff\xfe" + corpus_path(*MNP_TEXT).read_text(encoding="utf-8").encode("utf-16-le")[:-1],
     "the text is not valid UTF-16 (truncated data at byte 3,064); convert it to UTF-8 and try again."),
    ("copy.md", lambda: source_file("c189").read_bytes(),
     "the same file is already in the library as 'c189'; nothing to add."),
]


@pytest.mark.parametrize("name, make, message", HOSTILE, ids=[h[0] for h in HOSTILE])
def test_a_hostile_file_is_one_line_exit_2_and_changes_nothing(home, tmp_path, name, make, message):
    path = tmp_path / name
    path.write_bytes(make())
    assert refused(home, "add", str(path)) == f"Error: {name}: {message}"


def test_an_error_naming_a_file_with_a_newline_in_its_name_is_still_one_line(home, tmp_path):
    odd = tmp_path / "minutes\nof the meeting.md"
    odd.write_text("Minutes of a meeting without numbered provisions.\n", encoding="utf-8")
    assert refused(home, "add", str(odd)) == (
        "Error: minutes\\nof the meeting.md: no legal structure found (no articles, paragraphs, sections or "
        "footnotes); check the file, or add it as one unit with --accept-unstructured.")


def full_disk(*args, **kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def nothing_changed(home) -> str:
    return (f"Error: cannot write to {home}: No space left on device; free some space or fix the permissions and "
            "try again (nothing was changed).")


def test_a_rebuild_on_a_full_disk_is_one_line_and_its_workers_print_no_traceback(library, tmp_path):
    # Whoosh's indexing workers printed their tracebacks and their parent committed without
    # them: an empty index was swapped in for the good one, and the rebuild said it was done.
    home = tmp_path / "big"
    shutil.copytree(library.home, home, symlinks=True)
    assert len(Library(home, notify=lambda m: None).installed()) > 20  # a rebuild of so many uses the workers
    before = snapshot(home)
    code, out, err = test_librarian.cli_process(home, "index", "--rebuild", limit_bytes=1_000_000)
    assert (code, out) == (2, "")
    records = windex.open_index(home / "index").doc_count()  # its passages and each document's vocabulary
    assert err == (f"Error: cannot write to {home}: the index was not written in full (0 of {records:,} records; a "
                   "full disk?); free some space or fix the permissions and try again (nothing was changed).\n")
    assert snapshot(home) == before
    assert sorted(p.name for p in home.iterdir()) == sorted(p.name for p in library.home.iterdir())


def test_remove_on_a_full_disk_leaves_the_catalogue_and_the_index_as_they_were(home, monkeypatch):
    # The catalogue was saved without the document, then the index commit failed: a vague
    # error, and a library that verify found inconsistent.
    from whoosh.writing import SegmentWriter

    before = snapshot(home)
    monkeypatch.setattr(SegmentWriter, "_finalize_segment", full_disk)
    result = run(home, "remove", "c189")
    assert (result.exit_code, result.stderr) == (2, nothing_changed(home) + "\n")
    assert snapshot(home) == before
    monkeypatch.undo()
    monkeypatch.setattr(library_module, "write_atomic", full_disk)  # the catalogue cannot be written
    result = run(home, "remove", "c189")
    assert (result.exit_code, result.stderr) == (2, nothing_changed(home) + "\n")
    monkeypatch.undo()
    assert snapshot(home) == before
    assert Library(home, notify=lambda m: None).verify() == []


def test_remove_that_cannot_restore_the_catalogue_says_how_to_repair(home, monkeypatch):
    from whoosh.writing import SegmentWriter

    saved = []
    write_atomic = library_module.write_atomic

    def one_write(path, data):  # the catalogue without the document is written, then the disk is full
        if saved:
            full_disk()
        saved.append(path)
        write_atomic(path, data)

    monkeypatch.setattr(SegmentWriter, "_finalize_segment", full_disk)
    monkeypatch.setattr(library_module, "write_atomic", one_write)
    result = run(home, "remove", "c189")
    monkeypatch.undo()
    assert (result.exit_code, result.stderr) == (2, (
        f"Error: cannot write to {home} (no space left?): 'c189' is out of the catalogue, and search no longer "
        "shows it, but the index still holds it; free some space and run: lexmig verify --fix\n"))
    assert run(home, "search", "domestic workers", "--doc", "c189").exit_code == 1
    assert run(home, "verify", "--fix").exit_code == 0
    assert run(home, "verify").exit_code == 0
    assert "c189" not in Library(home, notify=lambda m: None).installed()


def test_an_index_command_on_a_full_disk_leaves_no_half_written_file(home):
    before = snapshot(home)
    code, out, err = test_librarian.cli_process(home, "index", limit_bytes=100)  # the manifest is longer
    assert (code, out) == (2, "")
    assert err == (f"Error: cannot write to {home}: File too large; free some space or fix the permissions and "
                   "try again (nothing was changed).\n")
    assert snapshot(home) == before
    assert not list(home.rglob("*.tmp"))


def test_verify_fix_after_the_working_catalogue_is_lost_deletes_no_stored_document(home):
    # With catalogue.json gone, every stored file "belonged to no catalogue entry" and
    # verify --fix deleted them all: an added document's only copy went with them.
    added = run(home, "add", str(corpus_path(*test_librarian.MNP)), "--id", "my-annex")
    assert added.exit_code == 0
    stored = {p.relative_to(home / "documents"): p.read_bytes() for p in (home / "documents").rglob("*") if p.is_file()}
    assert len(stored) == 3  # C97, C189 and the added annex (the note is built in)
    (home / "catalogue.json").unlink()
    (home / "documents" / "c097" / ".BWBV0005528_README.md.a1b2c3d4").write_bytes(b"half a write")
    fixed = run(home, "verify", "--fix")
    assert fixed.exit_code == 0
    unlisted = home / "unlisted"
    assert {p.relative_to(unlisted): p.read_bytes() for p in unlisted.rglob("*") if p.is_file()} == stored
    annex = unlisted / "my-annex" / test_librarian.MNP[1]
    assert (f"moved documents/my-annex/{test_librarian.MNP[1]} (no catalogue entry) to {annex}; to keep it: "
            f"lexmig add {annex} --id my-annex") in fixed.stdout.splitlines()
    assert ("removed documents/c097/.BWBV0005528_README.md.a1b2c3d4 (a temporary file left by an interrupted "
            "write)") in fixed.stdout.splitlines()
    assert run(home, "verify").exit_code == 0
    assert run(home, "add", str(annex), "--id", "my-annex").exit_code == 0
    assert run(home, "show", "my-annex para 1").exit_code == 0


def test_a_fifo_or_a_broken_link_in_a_folder_is_refused_by_name_and_the_rest_added(home, tmp_path):
    # They were skipped without a word (and a FIFO given alone blocked `add` for ever).
    folder = tmp_path / "batch"
    folder.mkdir()
    shutil.copy(corpus_path(*test_librarian.MNP), folder / "annex.md")
    shutil.copy(source_file("ets093"), folder / "ets93.md")
    os.mkfifo(folder / "pipe.md")
    (folder / "gone.md").symlink_to(tmp_path / "nowhere.md")
    result = run(home, "add", str(folder))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"Refused: {folder / 'gone.md'}: No such file or directory; not read.",
                                          f"Refused: {folder / 'pipe.md'}: is a named pipe (FIFO), {REGULAR}"]
    assert result.stdout.splitlines()[-1] == "2 added, 2 refused."
    assert {"annex", "ets93"} <= set(Library(home, notify=lambda m: None).installed())


def test_an_update_under_the_same_file_name_that_fails_keeps_the_stored_text(home, tmp_path, monkeypatch):
    # The new text was written over the stored file in place; when the index commit then
    # failed, "nothing was changed" left the old text lost and a file that failed its sha256.
    from whoosh.writing import SegmentWriter

    stored = source_file("c097")
    edited = tmp_path / stored.name
    edited.write_bytes(stored.read_bytes() + b"\n")
    before = snapshot(home)
    monkeypatch.setattr(SegmentWriter, "_finalize_segment", full_disk)
    result = run(home, "update", "c097", str(edited))
    monkeypatch.undo()
    assert (result.exit_code, result.stderr) == (2, nothing_changed(home) + "\n")
    assert snapshot(home) == before
    assert Library(home, notify=lambda m: None).verify() == []


def test_a_read_only_home_is_searched_and_a_change_to_it_is_one_line(home, monkeypatch):
    # It said "HOME/lexmig.lock: Read-only file system; check the path and its permissions".
    import builtins

    def read_only(path, *args, **kwargs):  # the tests run as root, whom a read-only mode does not stop
        if str(path) == str(home / "lexmig.lock"):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return builtins.open(path, *args, **kwargs)

    before = snapshot(home)
    monkeypatch.setattr(library_module, "open", read_only, raising=False)
    for change in (["add", str(corpus_path(*test_librarian.MNP)), "--id", "mnp"], ["remove", "c189"],
                   ["index", "--rebuild"], ["verify", "--fix"]):
        result = run(home, *change)
        assert (result.exit_code, result.stderr) == (2, f"Error: cannot change the library in {home}: Read-only file "
                                                        "system; make it writable, or choose another home with --home "
                                                        "(nothing was changed).\n")
    assert run(home, "search", "domestic workers", "--limit", "1").exit_code == 0
    monkeypatch.undo()
    assert snapshot(home) == before


EMPTY_ID = ("is empty; give the document's id (lower-case letters, digits and hyphens, like 'c143'), or leave it out "
            "to make one from the file name.")


def test_an_empty_id_is_refused_not_made_from_the_file_name(home, tmp_path):
    # `--id ""` added the file under an id made from its name, as if no --id had been given.
    mnp = corpus_path(*MNP_TEXT)
    copy = tmp_path / "mnp.md"
    copy.write_text(mnp.read_text(encoding="utf-8").replace("Annex", "Annex (copy)", 1), encoding="utf-8")
    assert refused(home, "add", str(copy), "--id", "") == f"Error: --id {EMPTY_ID}"
    assert refused(home, "add", str(copy), "--id", "   ") == f"Error: --id {EMPTY_ID}"
    assert refused(home, "add", str(tmp_path), "--id", "") == f"Error: --id {EMPTY_ID}"
    sidecar = tmp_path / "meta.toml"
    sidecar.write_text('id = ""\ntitle = "Copy"\n', encoding="utf-8")
    assert refused(home, "add", str(copy), "--meta", str(sidecar)) == f"Error: {sidecar}: 'id' {EMPTY_ID}"


def test_an_empty_path_is_refused_not_read_as_the_current_folder(home):
    # `lexmig add "$FILE"` with FILE unset: the empty path was the current folder, and every
    # file in it was added; `update ID ""` said ".: is a directory".
    empty = "the path of the {} is empty: give the path (is the shell variable that holds it set?); see lexmig {} -h."
    assert refused(home, "add", "") == "Error: " + empty.format("file or folder to add", "add")
    assert refused(home, "add", str(corpus_path(*MNP_TEXT)), " ") == "Error: " + empty.format("file or folder to add", "add")
    assert refused(home, "update", "c097", "") == "Error: " + empty.format("file with the new text", "update")
    assert refused(home, "eval", "") == "Error: " + empty.format("qrels file", "eval")


@pytest.mark.parametrize("command", ["add", "remove"])
def test_a_full_disk_at_the_index_commit_keeps_the_index_manifest(home, tmp_path, monkeypatch, command):
    # The manifest was deleted before the commit and written again after it failed; on a
    # full disk that write failed too, and the library was left without its manifest.
    from whoosh.writing import SegmentWriter

    copy = tmp_path / "mnp.md"
    copy.write_text(corpus_path(*MNP_TEXT).read_text(encoding="utf-8").replace("Annex", "Annex (copy)", 1),
                    encoding="utf-8")
    before = snapshot(home)
    monkeypatch.setattr(SegmentWriter, "_finalize_segment", full_disk)
    monkeypatch.setattr(windex, "_write_replacing", full_disk)
    result = run(home, *(["add", str(copy), "--id", "mnp-copy"] if command == "add" else ["remove", "c189"]))
    monkeypatch.undo()
    assert (result.exit_code, result.stderr) == (2, nothing_changed(home) + "\n")
    assert snapshot(home) == before
    assert (home / "index" / windex.MANIFEST_FILE).is_file()
    assert Library(home, notify=lambda m: None).verify() == []


def test_an_update_with_another_documents_file_is_refused_unless_forced(home, tmp_path):
    # `lexmig update c097 FILE` with C189's text replaced C97's without a word.
    other = tmp_path / "c189-copy.md"
    other.write_bytes(source_file("c189").read_bytes() + b"\n")
    assert refused(home, "update", "c097", str(other)) == (
        "Error: c189-copy.md: looks like another document, not 'c097' (its text is 48% like the stored one's and its "
        "title is 'Convention concerning decent work for domestic workers'); add it with lexmig add "
        f"{other} --id NEW-ID, or replace the text of c097 anyway with lexmig update c097 {other} --force.")
    for rendering in ("c097-en-webpage.html", "c097-en-twocolumn-latex.pdf"):  # the same text in another layout
        result = run(home, "update", "c097", str(corpus_path("c097", "renderings", rendering)), "--dry-run")
        assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "Would update c097: 178 passages")
    forced = run(home, "update", "c097", str(other), "--force")
    assert (forced.exit_code, forced.stdout.splitlines()[-1]) == (0, "Updated c097: 93 passages")


def test_blank_pages_are_not_taken_for_a_scan(home, tmp_path):
    # A typed page and three blank ones (no text, no image) was refused: "3 of 4 pages have
    # no text (scanned?); run OCR on them with --ocr".
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_page(PdfReader(corpus_path(*C097_PDF)).pages[0])
    for _ in range(3):
        writer.add_blank_page(612, 792)
    path = tmp_path / "separators.pdf"
    with open(path, "wb") as handle:
        writer.write(handle)
    result = run(home, "add", str(path), "--id", "separators", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == "separators.pdf: pdf, 4 pages (3 without text, 3 blank), 2,049 characters"


EMPTY_NAME = ("the document id is empty: give a catalogue id or alias, like 'c097' (lexmig catalogue lists them; is "
              "the shell variable that holds it set?)")


@pytest.mark.parametrize("command", [["fetch", ""], ["fetch", "c097", " "], ["remove", ""], ["update", "", "x.md"],
                                     ["passages", ""], ["catalogue", ""], ["sources", " "]])
def test_an_empty_document_id_is_refused_saying_it_is_empty(home, command):
    # `lexmig fetch "$ID"` with ID unset said ": not in the catalogue; add a file with ...", the
    # others "No document '' in the catalogue".
    assert refused(home, *command) == f"Error: {EMPTY_NAME}; see lexmig {command[0]} -h."


NOT_AN_ID = ("is not an id: an id is lower-case letters (a-z), digits and hyphens, starting with a letter or digit, "
             "at most 63 characters (like 'c143' or 'migration-act-1958'); or leave it out to make one from the file "
             "name.")


def test_an_id_that_is_no_id_is_refused_saying_what_an_id_is(home, tmp_path):
    # `--id "..."` said "must be lower-case letters, digits and hyphens (like 'c097'), not a path"
    # after the file was read, and an id with a newline made the error two lines.
    mnp = str(corpus_path(*MNP_TEXT))
    assert refused(home, "add", mnp, "--id", "...") == f"Error: --id '...' {NOT_AN_ID}"
    assert refused(home, "add", mnp, "--id", "mine\n") == f"Error: --id 'mine\\n' {NOT_AN_ID}"
    assert refused(home, "add", str(tmp_path), "--id", "My Law") == f"Error: --id 'My Law' {NOT_AN_ID}"
    sidecar = tmp_path / "meta.toml"
    sidecar.write_text('id = "Annex/MNP"\n', encoding="utf-8")
    assert refused(home, "add", mnp, "--meta", str(sidecar)) == f"Error: {sidecar}: 'id' 'Annex/MNP' {NOT_AN_ID}"
    result = run(home, "add", mnp, "--id", "Mode 4 Annex", "--dry-run")  # a catalogued document's alias names it
    assert (result.exit_code, result.stdout.splitlines()[-2]) == (0, "Would add gats-mnp: Annex on Movement of Natural "
                                                                     "Persons Supplying Services under the Agreement "
                                                                     "(GATS) (5 passages)")


def test_a_long_query_that_finds_nothing_is_quoted_short_on_one_line(home):
    # A pasted page of 10,000 characters was repeated in full in "No passages found for ...";
    # a question of a few lines (at most 200 characters) is quoted whole.
    result = run(home, "search", "zqxw " * 2000)
    assert (result.exit_code, result.stderr) == (1, 'No passages found for "' + "zqxw " * 39 + 'zqxw …" (9,999 '
                                                    'characters). Try fewer or other words, or another --lang.\n')
    result = run(home, "search", "zqxw\nqxwz")
    assert result.stderr == 'No passages found for "zqxw qxwz". Try fewer or other words, or another --lang.\n'
    # and so were a corrected query (twice) and a citation cite could not resolve
    result = run(home, "search", "remitances " * 1000, "--limit", "1")
    assert result.stdout.splitlines()[0] == (
        'Showing results for "' + "remittances " * 16 + 'remittan …" (11,999 characters) (you typed "'
        + "remitances " * 18 + 're …" (10,999 characters)).')
    result = run(home, "cite", "zqxw " * 2000)
    assert (result.exit_code, result.stderr.split(". Nearest")[0]) == (
        1, 'No catalogue document matches "' + "zqxw " * 39 + 'zqxw …" (9,999 characters)')


def test_verify_words_a_change_killed_in_its_index_commit_truly(home):
    # The manifest a commit sets aside was reported as "1 files no commit lists ... (left half
    # written by a killed process or a full disk)", and the file a killed remove left "by an
    # interrupted add?".
    before = len(Library(home, notify=lambda m: None).installed())
    code, _, _ = test_librarian.cli_process(home, "remove", "c189", fault="index-after-commit")
    assert code == -signal.SIGKILL
    result = run(home, "verify")
    stored = next((home / "documents" / "c189").iterdir()).name
    assert (result.exit_code, result.stdout.splitlines()) == (1, [
        f"documents/c189/{stored} belongs to no catalogue entry (left by an interrupted add or remove?); fix: lexmig "
        "verify --fix",
        "a change was stopped (killed) during its index commit and left the index's list of the texts it was built "
        "from set aside (lexmig-manifest.json.before); nothing is lost (the index itself is read instead); fix: "
        "lexmig verify --fix"])
    assert run(home, "verify", "--fix").exit_code == 0
    # the remove had saved the catalogue before it was killed: C189 is removed, its file set aside
    assert run(home, "verify").stdout == f"The library in {home} is consistent: {before - 1} documents.\n"


@pytest.mark.parametrize("command", [["search", "migrant workers", "--limit", "50"], ["show", "C97 art. 6"],
                                     ["passages", "c097"]])
def test_output_piped_to_a_reader_that_has_gone_ends_quietly_as_grep_does(home, command):
    # `lexmig search ... | head -1`: once head had gone, lexmig ended with exit code 1 ("nothing
    # found" to a script under `set -o pipefail`). Now it ends silently with 141, the status of
    # a process killed by SIGPIPE, as grep and git do, and changes nothing.
    before = snapshot(home)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader has gone before the first line is written
    env = dict(os.environ, LEXMIG_HOME=str(home), NO_COLOR="1")
    env.pop("LEXMIG_FAULT", None)
    process = subprocess.run([sys.executable, "-m", "lexmig", *command], stdout=write_end, stderr=subprocess.PIPE,
                             env=env, timeout=120, text=True)
    os.close(write_end)
    assert (process.returncode, process.stderr) == (141, "")
    assert snapshot(home) == before


ACT = """THE WORKERS PROTECTION ACT, 2031

An Act to provide for the protection of migrant domestic workers.

1. Short title.
This Act may be cited as the Workers Protection Act, 2031.

2. Interpretation.
In this Act, "recruitment fee" means any fee or cost charged to a worker for recruitment or placement.

3. Prohibition of recruitment fees.
(1) No private employment agency shall charge a domestic worker any recruitment fee or related cost, directly or indirectly.
(2) Subsection (1) does not apply to a fee paid by the employer.

4. Penalty.
A person who contravenes section 3 commits an offence and is liable to a fine.
"""


def test_related_compares_an_acts_sections_as_a_conventions_articles(home, tmp_path):
    # An Act numbered by sections: "section 3" in its section 4 was no reference (Cites:
    # nothing), section 3 was cited by nothing, and no section of a law was ever among the
    # closest provisions of a convention's article (only articles of treaties were compared).
    act = tmp_path / "wpa.txt"
    act.write_text(ACT, encoding="utf-8")
    assert run(home, "add", str(act), "--id", "wpa", "--title", "Workers Protection Act, 2031", "--type", "law",
               "--short-title", "WPA").exit_code == 0
    cites = json.loads(run(home, "related", "WPA s. 4", "--json").stdout)["cites"]
    assert [(c["label"], c["target"], c["why"]) for c in cites] == [("section 3", "wpa/s-3", "in the same instrument")]
    cited_by = json.loads(run(home, "related", "WPA s. 3", "--json").stdout)["cited_by"]
    assert [(c["passage"]["short_citation"], c["label"]) for c in cited_by] == [("WPA, s. 4", "section 3")]
    closest = json.loads(run(home, "related", "C189 art. 15", "--json").stdout)["closest"]
    assert closest[0]["passage"]["short_citation"] == "WPA, s. 3"
    assert closest[0]["why"] == ("shares private, agencies, domestic, workers, employment, recruited; both about "
                                 "recruitment agencies, domestic work, prohibition")


@pytest.mark.parametrize("home_value", ["", "  "])
def test_an_empty_home_is_refused_not_made_the_current_folder(tmp_path, monkeypatch, home_value):
    # `lexmig --home "$H" search ...` with H unset made the current folder a data home: its
    # index and lock (and, on add, the documents and the catalogue) were written there.
    from click.testing import CliRunner

    from lexmig.search.cli import cli

    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["--home", home_value, "search", "brain drain"])
    assert (result.exit_code, result.stderr) == (2, "Error: --home is empty: give the data home's folder, or leave "
                                                    "--home out for the default (is the shell variable that holds it "
                                                    "set?); see lexmig -h.\n")
    assert list(tmp_path.iterdir()) == []


def test_a_citation_pasted_with_its_language_tag_shows_that_language(home):
    # lexmig prints a Dutch unit "C097, Art. 6(1)(b) [nl]"; pasted back, the tag was ignored
    # and the English unit shown (show, related).
    shown = json.loads(run(home, "show", "C097, Art. 6(1)(b) [nl]", "--json").stdout)
    assert (shown["passage_id"], shown["short_citation"]) == ("c097/nl/art-6/1/b", "C097, Art. 6(1)(b) [nl]")
    assert run(home, "show", "C097, Art. 6 [nl]", "--lang", "en").stdout.splitlines()[1] == "C097, Art. 6"
    related = json.loads(run(home, "related", "C097, Art. 6 [nl]", "--json").stdout)
    assert related["unit"]["passage_id"] == "c097/nl/art-6"
    assert refused(home, "show", "C097, Art. 6 [km]") == "Error: C097 has no text in 'km'; its text is in en, nl: try --lang en."


def test_a_document_named_twice_to_fetch_is_installed_and_counted_once(home):
    # "fetch c181 C181" installed C181 twice and said "2 installed or up to date".
    result = run(home, "fetch", "c181", "C181", "c181", "--mirror", str(corpus_path()))
    assert (result.exit_code, result.stdout) == (0, f"c181: installed from mirror {corpus_path()} (170 passages)\n"
                                                    "1 installed or up to date, 0 failed.\n")


def test_option_values_are_read_as_users_type_them(home):
    # "--lang EN" was refused ("not a two-letter language code"; `passages --lang NL` said C97
    # "has no text in 'NL'; its text is in en, nl"), and "--limit 1e9" was "not a valid integer
    # range", click's name for its type.
    dutch = run(home, "passages", "C97", "--lang", "NL")
    assert (dutch.exit_code, dutch.stdout.splitlines()[1].split()[0]) == (0, "nl/preamble")
    assert run(home, "search", "family", "--lang", "EN", "--limit", "1").stdout == \
        run(home, "search", "family", "--lang", "en", "--limit", "1").stdout
    assert refused(home, "search", "family", "--limit", "1e9") == \
        "Error: Invalid value for '--limit': '1e9' is not a valid whole number; see lexmig search -h."
    assert refused(home, "search", "family", "--lang", "ENG") == \
        "Error: Invalid value for '--lang': 'ENG' is not a two-letter language code (en, fr, de, nl ...); see lexmig search -h."


def test_a_plain_text_law_is_reported_as_text_and_titled_as_printed(home, tmp_path):
    # A .txt file was reported as "md", and its title in capitals came out in the case of the
    # words in its text: "The workers protection Act, 2031".
    act = tmp_path / "wpa.txt"
    act.write_text(ACT, encoding="utf-8")
    lines = run(home, "add", str(act), "--dry-run").stdout.splitlines()
    assert lines[0] == "wpa.txt: text, 612 characters"
    assert lines[-2] == "Would add wpa: The Workers Protection Act, 2031 (6 passages)"


def test_a_page_of_frames_names_the_pages_to_save(home, tmp_path):
    # A frameset page was "no document text once navigation and scripts are removed".
    page = tmp_path / "frames.html"
    page.write_text('<html><frameset><frame src="toc.html"><frame src="text.html"></frameset></html>')
    assert refused(home, "add", str(page)) == ("Error: frames.html: the HTML page only frames other pages (toc.html, "
                                               "text.html); save the framed page that holds the document's text and "
                                               "add that.")


def test_a_document_named_without_a_unit_is_answered_with_one_of_its_own(home):
    # `related note` suggested 'note art. 1': the note has paragraphs, no articles.
    assert refused(home, "related", "note") == ("Error: 'note' is not a citation lexmig can read; name a unit of it, "
                                                "e.g. 'ECOSOC RT6 Note, para. 1'.")
    assert refused(home, "related", "c097") == ("Error: 'c097' is not a citation lexmig can read; name a unit of it, "
                                                "e.g. 'C097, Art. 1'.")


def test_a_query_without_words_to_search_for_says_so(home):
    # `search -- "*"` listed every passage (a wildcard for all), and "the of and" found nothing
    # with "Try fewer or other words", though fewer words would find nothing either.
    assert refused(home, "search", "--", "*") == \
        "Error: '*' has no word in it: give the words to search for; see lexmig search -h."
    assert refused(home, "show", "?!") == \
        "Error: '?!' has no word in it: give a unit, as in \"C97 art. 6(1)(b)\"; see lexmig show -h."
    common = run(home, "search", "the of and")
    assert (common.exit_code, common.stdout, common.stderr) == (
        1, "", 'No passages found for "the of and": its words are too common to search for; add one that names what '
               "you look for\n")


@pytest.mark.parametrize("damage", ["deleted", "truncated"])
def test_a_stored_file_deleted_or_damaged_by_hand_is_restored_by_update_or_fetch(home, corpus, damage):
    # With C189's stored file deleted, `update c189 ITS-FILE` stored the new text under the old
    # name, then deleted the old file, which was the new one: "Updated", and no text left; `fetch
    # c189` said "already installed" and `update` with the same file "nothing to update" (the
    # sha256 recorded was compared, not the file on disk), so only remove could repair it.
    stored = next((home / "documents" / "c189").iterdir())
    if damage == "deleted":
        stored.unlink()
        named = f"c189: its stored file {stored} is missing; fix: lexmig update c189 FILE (or lexmig remove c189)"
    else:
        stored.write_bytes(stored.read_bytes()[:3000])
        named = (f"c189: its stored file {stored} does not match its sha256 (changed or damaged on disk); "
                 "fix: lexmig update c189 FILE (or lexmig remove c189)")
    assert run(home, "verify").stdout.splitlines()[0] == named
    spare = home.parent / "spare"
    shutil.copytree(home, spare, symlinks=True)
    updated = run(home, "update", "c189", str(source_file("c189")))
    assert (updated.exit_code, updated.stdout.splitlines()[-1]) == (0, "Updated c189: 93 passages")
    fetched = run(spare, "fetch", "c189", "--mirror", str(corpus))
    assert (fetched.exit_code, fetched.stdout.splitlines()[0]) == (
        0, f"c189: installed from mirror {corpus} (93 passages)")
    for repaired in (home, spare):
        assert len(os.listdir(repaired / "documents" / "c189")) == 1
        assert run(repaired, "verify").stdout == f"The library in {repaired} is consistent: 3 documents.\n"


def test_a_web_page_saved_with_its_files_is_added_without_them(home, tmp_path):
    # "Save page as" writes Act.html and Act_files/ (images, styles, scripts, framed pages):
    # `add` of the folder added a framed page as a document, and refused the style sheet
    # ("add it as one unit with --accept-unstructured") and the logo ("add it with --ocr"), exit 2.
    folder = tmp_path / "saved"
    (folder / "Act_files").mkdir(parents=True)
    (folder / "Act.html").write_text("<html><head><title>Act</title></head><body><h1>Workers Transfer Act 2030</h1>"
                                     "<h2>Article 1</h2><p>This Act applies to every migrant worker.</p>"
                                     "<h2>Article 2</h2><p>An employer shall pay the travel.</p></body></html>")
    (folder / "Act_files" / "style.css").write_text("body { color: black }")
    (folder / "Act_files" / "ad.html").write_text("<html><body><h2>Article 1</h2><p>Buy now.</p></body></html>")
    result = run(home, "add", str(folder))
    assert (result.exit_code, result.stdout.splitlines()[-1]) == (0, "Added act: Workers Transfer Act 2030 (2 passages)")
    assert result.stderr == ("Skipped: Act_files: the images, styles and scripts of the saved web page Act.html; "
                             "not documents.\n")
    assert sorted(os.listdir(home / "documents")) == ["act", "c097", "c189"]


def test_a_list_of_citations_pasted_at_once_is_resolved_citation_by_citation(home):
    # `cite "C97 art. 6(1)(b); C189 art. 3"` resolved C97's unit alone and named C189 "also
    # close", without its Article 3; a list pasted one a line did the same.
    listed = run(home, "cite", "C97 art. 6(1)(b); C189 art. 3", "--json")
    assert listed.exit_code == 0
    assert [(r["input"], r["resolved_to"], r["passage"]["short_citation"]) for r in json.loads(listed.stdout)] == [
        ("C97 art. 6(1)(b)", "c097", "C097, Art. 6(1)(b)"), ("C189 art. 3", "c189", "C189, Art. 3")]
    lines = run(home, "cite", "ILO Convention No. 97, art. 6\nConvention No. 189, Article 10").stdout.splitlines()
    assert [line for line in lines if line.startswith(("C097, Art.", "C189, Art."))] == ["C097, Art. 6", "C189, Art. 10"]
    one = run(home, "cite", "ICCPR, art. 2; see also art. 26", "--json")  # a part that names nothing: one citation
    assert json.loads(one.stdout)["input"] == "ICCPR, art. 2; see also art. 26"


def test_a_removed_document_added_again_without_its_id_is_named(home):
    # After `remove c189`, `add` of its own file made a second entry, 'bwbv0005977-readme',
    # without a word: the title the text prints is C189's long title, not its title.
    assert run(home, "remove", "c189").exit_code == 0
    lines = run(home, "add", str(source_file("c189")), "--dry-run").stdout.splitlines()
    assert "  warning: its title matches 'c189' (Domestic Workers Convention, 2011 (No. 189)), whose text is not " \
           "installed: add it with --id c189" in lines


def test_a_search_its_filters_leave_empty_says_so_not_try_other_words(home):
    # "wages" is in C189 (Art. 11), but not in its provisions on equality of treatment: the
    # line said "Try fewer or other words, or another --lang", as if the words were the fault.
    assert run(home, "search", "wages", "--doc", "c189", "--limit", "1").exit_code == 0
    filtered = run(home, "search", "wages", "--doc", "c189", "--subject", "equality of treatment")
    assert (filtered.exit_code, filtered.stdout, filtered.stderr) == (
        1, "", 'No passages found for "wages": no passage that these filters choose (--doc c189, --subject equality '
               "of treatment) has its words; try without one of them\n")


MHTML = """From: <Saved by Blink>
Snapshot-Content-Location: https://example.gov/act
Subject: Workers Transfer Act 2030
MIME-Version: 1.0
Content-Type: multipart/related;
\ttype="text/html";
\tboundary="----MultipartBoundary--abc----"


------MultipartBoundary--abc----
Content-Type: text/html
Content-Transfer-Encoding: quoted-printable
Content-Location: https://example.gov/act

<!DOCTYPE html><html><head><meta http-equiv=3D"Content-Type" content=3D"text/=
html; charset=3DUTF-8"><title>Act</title></head><body><h1>Workers Transfer Act 2030</h1><h2>Article 1</h2><p>Thi=
s Act applies to every worker who migr=
ates for employment.</p><h2>Article 2</h2><p>An employer shall pay the travel.</p></body></html>
------MultipartBoundary--abc----
Content-Type: image/png
Content-Transfer-Encoding: base64
Content-Location: https://example.gov/logo.png

iVBORw0KGgo=
------MultipartBoundary--abc------
"""


def test_a_web_archive_saved_by_a_browser_is_read_as_its_page(home, tmp_path):
    # A page saved "as a single file" (MHTML) was read as the HTML it quotes: the quoted-printable
    # soft line break stayed in the text ("who migr= ates"), and a base64 page was "no legal
    # structure found".
    archive = tmp_path / "act.mhtml"
    archive.write_text(MHTML)
    assert run(home, "add", str(archive)).exit_code == 0
    assert run(home, "show", "act art. 1").stdout.splitlines()[-1] == \
        "This Act applies to every worker who migrates for employment."
    encoded = tmp_path / "act2.mht"
    page = MHTML.split("Content-Location: https://example.gov/act\n\n")[1].split("\n------")[0]
    encoded.write_text(MHTML.replace("quoted-printable", "base64", 1).replace(
        page, base64.encodebytes(quopri.decodestring(page.encode())).decode()))
    assert run(home, "add", str(encoded), "--dry-run").stdout.splitlines()[1] == "  units: 2 article en"
    empty = tmp_path / "logo.mhtml"
    empty.write_text(MHTML.replace("text/html", "text/css"))
    assert refused(home, "add", str(empty)) == ("Error: logo.mhtml: a web archive (MHTML) without a page in it; save the "
                                                "page again from the browser (as 'Web page, HTML only') and add that.")


def test_a_huge_unit_number_is_answered_at_once_not_written_out_in_roman_numerals(home):
    # "C97 chapter 99999999999999999" (or art.) hung: the number's other form, a roman numeral,
    # was written out a hundred ("C") at a time, for ever.
    assert refused(home, "show", "C97 chapter 99999999999999999", timeout=30) == (
        "Error: C097 has no Chapter 99999999999999999. Nearest: C097, Art. 9; C097, Art. 19; C097, Art. 1; C097, Art. 2.")
    assert refused(home, "related", "C97 art. 99999999999999999999", timeout=30) == (
        "Error: C097 has no Article 99999999999999999999. Nearest: C097, Art. 9; C097, Art. 19; C097, Art. 1; C097, Art. 2.")
    # up to CCCXCIX the numerals are as before
    assert [int_to_roman(n) for n in (4, 19, 399, 400, 0)] == ["IV", "XIX", "CCCXCIX", "", ""]


def test_a_citation_with_parts_lexmig_cannot_read_says_so_not_shows_less(home):
    # Each showed Article 6 alone, silently: its points, or the other units, dropped.
    assert refused(home, "show", "C97 Article 6 1 b") == (
        "Error: 'C97 Article 6 1 b': lexmig reads C097, Article 6 in it, but not '1 b' after it; "
        "did you mean 'C097, Article 6(1)(b)'?")
    assert refused(home, "show", "C97 Article 6 para 1 b") == (
        "Error: 'C97 Article 6 para 1 b': lexmig reads C097, Article 6(1) in it, but not 'b' after it; "
        "did you mean 'C097, Article 6(1)(b)'?")
    assert refused(home, "related", "C97 art. 6, 7") == (
        "Error: 'C97 art. 6, 7': lexmig reads C097, Article 6 in it, but not ', 7' after it; write a unit's points "
        "in brackets ('C97 art. 6(1)(b)') and several units as a list or a range ('C97 arts. 6-8').")
    for ambiguous in ("C97 Art. 6 & 7", "C97 arts. 1-99999", "C97 art. 6(99999999999999999999)"):
        assert "lexmig reads C097, Article" in refused(home, "show", ambiguous)
    # an American range is one
    shown = json.loads(run(home, "show", "C97 Articles 6 through 8", "--json").stdout)
    assert [unit["passage_id"] for unit in shown] == ["c097/art-6", "c097/art-7", "c097/art-8"]
    # what follows a document's name is not read as its unit's: "C97 (1949) art. 6" is Article 6
    for fine in ("C97 (1949) art. 6", "Article 6(1)(b) of the Migration for Employment Convention (Revised), 1949"):
        assert run(home, "show", fine).exit_code == 0


RESULTS_PAGE = """<html><head><title>Search results</title></head><body><h1>Search results</h1>
<p>Your search for "migrant workers" returned 1,245 results.</p><ol>
<li><a href="/a1">Employment of Foreign Workers Act 1990</a> - Singapore - 1990</li>
<li><a href="/a2">Migrant Workers Protection Act 2012</a> - Malaysia - 2012</li>
<li><a href="/a3">Labour Law No. 14 of 2004</a> - Qatar - 2004</li>
<li><a href="/a4">Overseas Employment Act 1991</a> - India - 1991</li>
<li><a href="/a5">Domestic Workers Regulation 2017</a> - UAE - 2017</li></ol>
<p>Page 1 of 125 <a href="?page=2">Next</a></p></body></html>"""
SIGN_IN_PAGE = """<html><head><title>Sign in</title></head><body><h1>Sign in</h1>
<p>You must sign in to view this document.</p><form action="/login" method="post">
<input name="user"><input type="password" name="pass"><button>Sign in</button></form></body></html>"""


def test_a_page_of_search_results_or_a_sign_in_form_is_refused_as_no_document(home, tmp_path):
    # The results page was added as a document of 5 paragraphs (its numbered list); the sign-in
    # page was 'no legal structure found ... add it as one unit with --accept-unstructured'.
    (tmp_path / "results.html").write_text(RESULTS_PAGE, encoding="utf-8")
    (tmp_path / "signin.html").write_text(SIGN_IN_PAGE, encoding="utf-8")
    assert refused(home, "add", str(tmp_path / "results.html")) == (
        "Error: results.html: the page is a list of links (6 links, 49% of its text: search results or a list of "
        "documents), not a document's text; open the document in your browser and save its own page, or add this "
        "one anyway with --accept-unstructured.")
    assert refused(home, "add", str(tmp_path / "signin.html")) == (
        "Error: signin.html: the page is a sign-in form (it asks for a password), not the document; sign in in your "
        "browser, open the document and save its page, then add that.")
    # a law's page with a sign-in box in its header is its law
    law = SIGN_IN_PAGE.replace("</form>", "</form><h2>Article 1</h2><p>Workers shall be paid monthly.</p>"
                                          "<h2>Article 2</h2><p>No fee shall be charged.</p>")
    (tmp_path / "law.html").write_text(law, encoding="utf-8")
    assert run(home, "add", str(tmp_path / "law.html"), "--dry-run").stdout.splitlines()[-2] == \
        "Would add law: Sign in (2 passages)"


def test_a_single_letter_searched_for_is_too_short_not_too_common(home):
    # 'search "ä"' said its words were "too common to search for".
    letter = run(home, "search", "ä")
    assert (letter.exit_code, letter.stdout, letter.stderr) == (
        1, "", 'No passages found for "ä": a single letter is too short to search for; give whole words\n')


def test_a_date_in_a_plain_text_laws_articles_is_not_its_date_of_adoption(home, tmp_path):
    # A plain text's units were all read as its masthead: 'adopted: 2031-01-01', the date its
    # Article 3 brings it into force, for the Act No. 5 of 2030.
    law = tmp_path / "act.txt"
    law.write_text("Migrant Workers Act No. 5 of 2030\n\nArticle 1\nThis Act applies to all migrant workers.\n\n"
                   "Article 2\nEmployers shall pay wages monthly.\n\n"
                   "Article 3\nThis Act enters into force on 1 January 2031.\n", encoding="utf-8")
    assert run(home, "add", str(law)).exit_code == 0
    entry = json.loads(run(home, "catalogue", "act", "--json").stdout)
    assert (entry["title"], entry["adopted"]) == ("Migrant Workers Act No. 5 of 2030", "2030")


def test_a_regulation_numbered_as_a_law_is_titled_as_printed(home, tmp_path):
    # "Employment Regulation No. 5 of 2030" was titled by the file's name, "regs": a law's title
    # ended in Act, Law, Code ... or Regulations, never in Regulation.
    regulation = tmp_path / "regs.txt"
    regulation.write_text("Employment Regulation No. 5 of 2030\n\nArticle 1\nThis Regulation applies to all migrant "
                          "workers.\n\nArticle 2\nEmployers shall pay wages monthly.\n", encoding="utf-8")
    assert run(home, "add", str(regulation), "--dry-run").stdout.splitlines()[-2] == \
        "Would add regs: Employment Regulation No. 5 of 2030 (2 passages)"


def test_an_unknown_or_empty_subject_is_not_given_a_nearest_that_is_not_near(home):
    # "xyz" was told "the nearest is 'protection of the family'", and "" "the nearest is 'equality of treatment'".
    assert refused(home, "subjects", "xyz") == "Error: no subject 'xyz', nor one near it (lexmig subjects lists them all)."
    assert refused(home, "subjects", "") == "Error: the subject's name is empty: give one (lexmig subjects lists them all)."
    assert refused(home, "subjects", "famly") == \
        "Error: no subject 'famly'; the nearest is 'family reunification' (lexmig subjects lists them all)."


def test_a_unit_cited_without_its_document_is_told_to_name_the_document(home):
    # cite "art. 6.12" was 'Nearest: esc-1961, r086, r151' (documents with nothing to do with it),
    # show "art. 6.12" 'not a citation lexmig can read'.
    cited = run(home, "cite", "art. 6.12")
    assert (cited.exit_code, cited.stdout, cited.stderr) == (
        1, "", 'No catalogue document matches "art. 6.12": it names a unit but no document; put the document\'s name '
               'or number before it, as in "C97 art. 6".\n')
    assert refused(home, "show", "Annex II, Art. 4 para. 2") == (
        "Error: 'Annex II, Art. 4 para. 2' names a unit but no document; put the document's name or number before "
        "it, as in 'C97 Annex II, Art. 4 para. 2'.")


def test_cite_says_what_it_did_not_read_after_a_unit(home):
    # cite "C97 Article 6 1 b" gave Article 6 at 0.97, saying nothing of "1 b"; a year after the unit is no unit.
    cited = json.loads(run(home, "cite", "C97 Article 6 1 b", "--json").stdout)
    assert (cited["resolved_to"], cited["passage"], cited["unit_missing"]) == (
        "c097", None, "lexmig reads C097, Article 6 in it, but not '1 b' after it; did you mean 'C097, Article 6(1)(b)'?")
    dated = json.loads(run(home, "cite", "C97 art. 6, 1949", "--json").stdout)
    assert (dated["passage"]["passage_id"], dated["unit_missing"]) == ("c097/art-6", None)


@pytest.mark.parametrize("option", ["--doc", "--type", "--body", "--year", "--subject"])
def test_a_search_filter_given_empty_is_an_error_not_no_filter(home, option):
    # `search migrants --subject "$S"` with S unset searched every document and said nothing
    # (exit 0 with hits from all of them); so did an empty --doc, --type, --body and --year.
    assert refused(home, "search", "migrants", option, " ") == (
        f"Error: {option} is empty: give a value or leave {option} out (is the shell variable that holds it set?); "
        "see lexmig search -h.")


def test_add_refuses_two_letters_that_no_language_has(home, tmp_path):
    # `add --lang xx` was accepted (only the two-letter form was checked), and the document was
    # catalogued in a language that does not exist; EN is still en.
    act = tmp_path / "wpa.txt"
    act.write_text(ACT, encoding="utf-8")
    assert refused(home, "add", str(act), "--lang", "xx") == (
        "Error: Invalid value for '--lang': 'xx' is not a language's two-letter code (ISO 639-1: en, fr, es, ar, km ...); "
        "see lexmig add -h.")
    assert run(home, "add", str(act), "--lang", "EN", "--dry-run").exit_code == 0


def test_a_law_with_a_long_title_is_cited_by_its_number_and_one_passage_is_one(home, tmp_path):
    # "... RECRUITMENT AGENCIES ACT NO. 7 OF 2021" was titled "... Act NO. 7 of 2021" and, its
    # title too long to be its own short name, cited by its id in capitals ("ACT, Art. 1");
    # a document of one unit was "(1 passages)".
    act = tmp_path / "act.txt"
    act.write_text("EMPLOYMENT OF FOREIGN WORKERS AND THEIR RECRUITMENT AGENCIES ACT NO. 7 OF 2021\n\n"
                   "Article 1\n\nThis Act applies to every worker recruited abroad.\n", encoding="utf-8")
    added = run(home, "add", str(act))
    assert added.stdout.splitlines()[-1] == \
        "Added act: Employment of Foreign Workers and Their Recruitment Agencies Act No. 7 of 2021 (1 passage)"
    assert run(home, "show", "act art. 1").stdout.splitlines()[:2] == [
        "Employment of Foreign Workers and Their Recruitment Agencies Act No. 7 of 2021, Article 1",
        "Act No. 7 of 2021, Art. 1"]


def test_citations_pasted_from_a_bibliography_or_a_footnote(home):
    # "C97 Art. 6 (1949)" was 'C097 has no Article 6(1949)' (the year read as a paragraph);
    # "C97 Art. 6 et seq." showed Article 6 alone, saying nothing of the articles after it;
    # "ILO C097" was 'not a citation lexmig can read' with no hint, where "C.97" says to name a unit;
    # "ibid., art. 7" was "No document 'ibid' in the catalogue" (cite: 'Nearest: ilo-2004-report-vi, ...').
    for dated, unit in (("C97 Art. 6 (1949)", "C097, Art. 6"), ("C97 Art. 6(1) (1949)", "C097, Art. 6(1)")):
        shown = run(home, "show", dated)
        assert (shown.exit_code, shown.stdout.splitlines()[1]) == (0, unit)
    assert refused(home, "show", "C97 Art. 6 et seq.") == (
        "Error: 'C97 Art. 6 et seq.': lexmig reads C097, Article 6 in it, but not 'et seq.' after it; write a unit's "
        "points in brackets ('C97 art. 6(1)(b)') and several units as a list or a range ('C97 arts. 6-8').")
    assert json.loads(run(home, "cite", "C97 Art. 6 ff.", "--json").stdout)["unit_missing"] == (
        "lexmig reads C097, Article 6 in it, but not 'ff.' after it; write a unit's points in brackets "
        "('C97 art. 6(1)(b)') and several units as a list or a range ('C97 arts. 6-8').")
    assert refused(home, "show", "ILO C097") == \
        "Error: 'ILO C097' is not a citation lexmig can read; name a unit of it, e.g. 'C097, Art. 1'."
    assert refused(home, "show", "ibid., art. 7") == (
        "Error: 'ibid., art. 7': 'ibid.' stands for the document an earlier footnote names, which lexmig cannot see; "
        "put that document's name or number in its place, as in 'C97 art. 7'.")
    cited = run(home, "cite", "Smith, op. cit., p. 3")
    assert (cited.exit_code, cited.stdout, cited.stderr) == (
        1, "", 'No catalogue document matches "Smith, op. cit., p. 3": "op. cit." stands for the document an earlier '
               'footnote names, which lexmig cannot see; put that document\'s name or number in its place, as in '
               '"C97 art. 6".\n')
    # as researchers paste them, these were and are read
    for pasted, unit in (("ILO Convention No. 97, Article 6(1)(a)(i)", "C097, Art. 6(1)(a)(i)"),
                         ("Art. 6 para. 1 lit. a C97", "C097, Art. 6(1)(a)"),
                         ("article 6(1)(a) of the 1949 Convention", "C097, Art. 6(1)(a)")):
        assert run(home, "show", pasted).stdout.splitlines()[1] == unit


@pytest.mark.parametrize("command, export", [(["search", "migrants"], "csl-json"), (["catalogue"], "bibtex")])
def test_json_and_an_export_format_together_are_one_or_the_other(home, command, export):
    # `search --format csl-json --json` printed lexmig's JSON, the CSL-JSON asked for silently not
    # (and `catalogue --json --format bibtex` BibTeX, the JSON silently not).
    assert refused(home, *command, "--format", export, "--json") == (
        f"Error: --json and --format {export} are two outputs; give one or the other (see lexmig {command[0]} -h).")


def test_an_empty_qrels_file_says_what_to_put_in_it(home):
    # `eval /dev/null` said "no [[query]] entries", and not what to do.
    assert refused(home, "eval", "/dev/null") == (
        "Error: /dev/null: no [[query]] entries; judge each query in a [[query]] table with its text, its kind and "
        "its relevant units graded 1 or 2, as the shipped corpus/qrels.toml does.")


def test_a_paragraph_cited_by_its_letter_is_that_point(home):
    # "Trafficking Protocol, art. 3, para. (a)", as the UN cites its lettered paragraphs, showed
    # the whole of Article 3 and said nothing of "(a)".
    for cited in ("C189 art. 1, para. (a)", "C189 Article 1 paragraph a"):
        assert run(home, "show", cited).stdout.splitlines()[1] == "C189, Art. 1(a)"
    assert run(home, "show", "C97 art. 6, para. 1").stdout.splitlines()[1] == "C097, Art. 6(1)"


def test_a_list_of_units_followed_by_a_year_or_by_points_is_read_as_a_whole(home):
    # "C97 arts. 6 and 7, 1949" was 'C097 has no Article 1949' (the year read as a third unit);
    # "C97 arts 6-7 1 b" was told "did you mean 'C097, Article 6(1)(b)'?" (the range cut at its first unit).
    shown = json.loads(run(home, "show", "C97 arts. 6 and 7, 1949", "--json").stdout)
    assert [unit["passage_id"] for unit in shown] == ["c097/art-6", "c097/art-7"]
    assert refused(home, "show", "C97 arts 6-7 1 b") == (
        "Error: 'C97 arts 6-7 1 b': lexmig reads C097, Article 6 in it, but not '-7 1 b' after it; write a unit's "
        "points in brackets ('C97 art. 6(1)(b)') and several units as a list or a range ('C97 arts. 6-8').")


def test_supra_note_a_page_and_par_after_a_unit(home):
    # "supra note 3, art. 6" showed and cited the ECOSOC RT6 Note ('note' read as its name);
    # "C97 Art. 6 p. 3" and "C97, art. 6 par. 1" showed Article 6, the page and the paragraph silently dropped.
    assert refused(home, "show", "supra note 3, art. 6") == (
        "Error: 'supra note 3, art. 6': 'supra note 3' stands for the document an earlier footnote names, which lexmig "
        "cannot see; put that document's name or number in its place, as in 'C97 art. 6'.")
    cited = run(home, "cite", "supra note 3, art. 6")
    assert (cited.exit_code, cited.stdout, cited.stderr) == (
        1, "", 'No catalogue document matches "supra note 3, art. 6": "supra note 3" stands for the document an earlier '
               'footnote names, which lexmig cannot see; put that document\'s name or number in its place, as in '
               '"C97 art. 6".\n')
    assert run(home, "show", "C97, supra note 4, art. 6").stdout.splitlines()[1] == "C097, Art. 6"
    assert refused(home, "show", "C97 Art. 6, pp. 3-4") == (
        "Error: 'C97 Art. 6, pp. 3-4': lexmig reads C097, Article 6 in it, but not ', pp. 3-4' after it; a unit has "
        "no pages: cite it without them ('C097, Article 6').")
    assert run(home, "show", "C97, art. 6 par. 1").stdout.splitlines()[1] == "C097, Art. 6(1)"


def test_one_units_points_listed_are_each_shown(home):
    # "C97, Art. 6(1)(a) and (b)" was "lexmig reads C097, Article 6(1)(a) in it, but not 'and (b)'": a list
    # of one unit's points (in the singular, as a range of them already was) is each of them.
    for listed, points in (("C97, Art. 6(1)(a) and (b)", "ab"), ("C97 Art. 6(1)(a)-(b) and (c)", "abc")):
        shown = json.loads(run(home, "show", listed, "--json").stdout)
        assert [unit["passage_id"] for unit in shown] == [f"c097/art-6/1/{point}" for point in points]
    assert refused(home, "show", "supra, note 3, art. 6").startswith("Error: 'supra, note 3, art. 6': 'supra, note 3' "
                                                                      "stands for the document an earlier footnote")


def test_a_paragraph_cited_apart_from_its_article_is_that_paragraph(home):
    # Each showed the whole of Article 6, the paragraph silently dropped: "par" without its stop and
    # "¶" were not read as a paragraph's word, and a paragraph cited before its article ("paragraph 1
    # of Article 6", as the treaties cite their own) or after the document's name was left out.
    for cited, unit in (("C97 art 6 par 1", "C097, Art. 6(1)"), ("C97 art. 6, ¶ 1", "C097, Art. 6(1)"),
                        ("C97 art. 6¶1", "C097, Art. 6(1)"), ("paragraph 1 of Article 6 of C97", "C097, Art. 6(1)"),
                        ("C97, para. 1(b) of Article 6", "C097, Art. 6(1)(b)"),
                        ("Article 6 of C97, paragraph 1", "C097, Art. 6(1)"),
                        ("Article 6 of the Migration for Employment Convention (Revised), 1949, paragraph 1(b)",
                         "C097, Art. 6(1)(b)")):
        shown = run(home, "show", cited)
        assert (shown.exit_code, shown.stdout.splitlines()[1]) == (0, unit), cited
    shown = json.loads(run(home, "show", "paragraphs 1 and 2 of Article 6 of C97", "--json").stdout)
    assert [unit["passage_id"] for unit in shown] == ["c097/art-6/1", "c097/art-6/2"]
    assert json.loads(run(home, "cite", "C97 art 6 par 1", "--json").stdout)["passage"]["passage_id"] == "c097/art-6/1"


@pytest.mark.parametrize("citation, unread", [("C97 art. 6 art. 7", "'art. 7' after it"),
                                               ("C97 art 6 A 2", "'A 2' after it"),
                                               ("C97 art. 6 cl. 1", "'cl. 1' after it"),
                                               ("C97 preamble, Article 6", "'preamble'"),
                                               ("C97 Art. 6, ¶¶ 1-2", "'¶ 1'")])
def test_a_unit_or_a_word_of_a_citation_left_unread_is_said_not_dropped(home, citation, unread):
    # Each showed Article 6, exit 0: a second unit, a word lexmig does not read before a number, a
    # section's letter apart from its number (as in "Refugee Convention art 1 A 2"), a unit before the article.
    missing = (f"lexmig reads C097, Article 6 in it, but not {unread}; write a unit's points in brackets "
               "('C97 art. 6(1)(b)') and several units as a list or a range ('C97 arts. 6-8').")
    assert refused(home, "show", citation) == f"Error: '{citation}': {missing}"
    assert json.loads(run(home, "cite", citation, "--json").stdout)["unit_missing"] == missing


def test_a_year_after_a_units_document_is_no_unit_of_it(home):
    for fine in ("C97 art. 6 of 1949", "Article 6 of C97 (1949), para. 2"):
        assert run(home, "show", fine).exit_code == 0


@pytest.mark.parametrize("query", ["remuneration -C189", "remuneration NOT C189",
                                   'remuneration -"Domestic Workers Convention"'])
def test_a_document_excluded_by_its_name_is_left_out_of_the_hits(home, query):
    # A document's number or name after "-" or NOT excluded only the passages that print it (none
    # print their own), and as a name the query gave it put that document's passages first:
    # "remuneration -C189" ranked C189, Art. 7(e) first.
    hits = json.loads(run(home, "search", query, "--json").stdout)["hits"]
    assert hits[0]["passage_id"] == "c097/art-6/1/a/i" and "c189" not in {hit["doc_id"] for hit in hits}
    # a word in lower case stays a word ("-note" is not the ECOSOC note)
    plain = json.loads(run(home, "search", "remuneration -note", "--json").stdout)["hits"]
    assert "ecosoc-2006-rt6" in {hit["doc_id"] for hit in plain}


def test_verify_waits_for_a_change_under_way_not_calls_its_files_left_by_a_killed_process(home):
    # While another process added a document, verify said "the index folder holds 1 file no commit
    # lists, like MAIN.tmp (left half written by a killed process or a full disk)" and to run verify --fix.
    under_way = home / "index" / "MAIN.tmp"
    with Library(home, notify=lambda m: None).lock():
        under_way.mkdir()
        try:
            assert refused(home, "--wait", "0.5", "verify") == (
                f"Error: another lexmig process (pid {os.getpid()}) is changing {home}; waited 0.5 s. Try again when "
                "it has finished, or wait longer with --wait SECONDS.")
        finally:
            under_way.rmdir()
    assert run(home, "verify").exit_code == 0


def test_a_phrase_in_guillemets_is_a_phrase(home):
    # «...» and ‹...› were read as letters of the words beside them: «security social» searched two words
    # (4 hits), and '-«Domestic Workers Convention»' excluded 'Domestic' alone.
    def hits(query):
        return [hit["passage_id"] for hit in json.loads(run(home, "search", query, "--json").stdout)["hits"]]

    assert hits("«security social»") == hits("‹security social›") == ["c189/art-14/1", "c097/art-6/1/b"]
    assert hits("remuneration -«social security»") == hits('remuneration -"social security"')
    assert "c189" not in {pid.split("/")[0] for pid in hits("remuneration -«Domestic Workers Convention»")}
