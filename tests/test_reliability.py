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

import lexmig.indexer.index as windex
from bench.fault_soak import processes_using
from lexmig.indexer.library import Library
from lexmig.indexer.models import Repairs
from lexmig.search.rank import Engine
from lexmig.search.render import fetch_line, repair_lines
from tests import test_librarian
from tests.conftest import corpus_path, source_file

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
    # An index written by an earlier lexmig (Whoosh's plain commits) still holds deleted passages.
    monkeypatch.setattr(windex, "commit", lambda writer: writer.commit(merge=False))
    monkeypatch.setattr(windex, "segments_to_rewrite", lambda *args: set())
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


def edit_state(home: Path, change):
    import json

    state = json.loads((home / "catalogue.json").read_text(encoding="utf-8"))
    change(state)
    (home / "catalogue.json").write_text(json.dumps(state), encoding="utf-8")


@pytest.mark.parametrize("file", ["{outside}", "../outside.md", "documents/../../outside.md", "documents"])
def test_a_stored_path_outside_the_home_is_refused_and_nothing_outside_is_touched(home, tmp_path, file):
    outside = tmp_path / "outside.md"
    outside.write_bytes(source_file("c189").read_bytes())
    edit_state(home, lambda state: state["installed"]["c189"].update(file=file.format(outside=outside)))
    message = (f"Error: {home / 'catalogue.json'}: installed document 'c189': "
               f"its file '{file.format(outside=outside)}' "
               f"is outside {home / 'documents'}; fix or remove that entry (or remove the file and fetch again).\n")
    for args in (["verify", "--fix"], ["update", "c189", str(corpus_path(*test_librarian.MNP))], ["search", "wages"],
                 ["remove", "c189"], ["verify"]):
        result = run(home, *args)
        assert (result.exit_code, result.stderr) == (2, message), args
    assert outside.read_bytes() == source_file("c189").read_bytes()


@pytest.mark.parametrize("change,problem", [
    (lambda s: s["installed"]["c189"].pop("sha256"), "installed document 'c189': field 'sha256' is missing or not a "
                                                     "string"),
    (lambda s: s["installed"]["c189"].update(file=None), "installed document 'c189': field 'file' is missing or not "
                                                         "a string"),
    (lambda s: s["installed"].update(c189=None), "installed document 'c189': not a table of fields"),
    (lambda s: s["installed"]["c189"].update(passages="many"), "installed document 'c189': field 'passages' is not "
                                                               "a number"),
])
def test_a_working_catalogue_with_missing_or_null_keys_is_one_line_naming_the_entry(home, change, problem):
    edit_state(home, change)
    for args in (["search", "wages"], ["verify"], ["catalogue"]):
        result = run(home, *args)
        assert (result.exit_code, result.stderr) == (2, f"Error: {home / 'catalogue.json'}: {problem}; fix or remove "
                                                        "that entry (or remove the file and fetch again).\n"), args


def test_an_added_entry_that_is_null_is_one_line(home):
    edit_state(home, lambda s: s["entries"].update(mine=None))
    result = run(home, "catalogue")
    assert (result.exit_code, result.stderr) == (2, "Error: catalogue.json: an entry is null, not a table of fields; "
                                                    "fix or remove it.\n")


@pytest.fixture()
def server():
    """A small web server on 127.0.0.1 (only), for the duration of one test."""
    import http.server
    import threading

    body = corpus_path(*test_librarian.MNP).read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def answer(self, length, data=b"", code=200, location=None):
            self.send_response(code)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Length", str(length))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self):
            if self.path == "/doc.md":
                self.answer(len(body), body)
            elif self.path == "/to-doc":
                self.answer(0, code=302, location="/doc.md")
            elif self.path == "/to-ftp":
                self.answer(0, code=302, location="ftp://127.0.0.1:1/doc.md")
            elif self.path == "/short":
                self.answer(5000, body[:100])
            elif self.path == "/huge":
                self.answer(10 ** 9)
            elif self.path == "/slow":  # one byte at a time, for at most 30 s
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                for byte in body[:100]:
                    try:
                        self.wfile.write(bytes([byte]))
                        self.wfile.flush()
                    except OSError:
                        return
                    time.sleep(0.3)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def fetch_from(home, url, deadline=5.0):
    edit_state(home, lambda s: s["entries"].update(local={
        "id": "local", "type": "annex", "body": "WTO", "title": "Annex on Movement of Natural Persons (web copy)",
        "cite_as": "MNP (web)", "short_title": "MNP web", "languages": ["en"], "text_available": True, "url": url}))
    lib = quiet(home)
    lib.fetch_deadline = deadline
    [result] = lib.fetch(["local"])
    return result


def test_fetch_follows_http_redirects_and_records_the_final_address(home, server):
    result = fetch_from(home, f"{server}/to-doc")
    assert (result.ok, fetch_line(result)) == (True, f"local: installed from {server}/doc.md (5 passages)")
    assert quiet(home).installed()["local"].source == f"{server}/doc.md"


@pytest.mark.parametrize("path,message", [
    ("/to-ftp", "local: {server}/to-ftp redirects to ftp://127.0.0.1:1/doc.md, which is not an http(s) address; "
                "nothing was downloaded"),
    ("/short", "local: cannot download {server}/short (the answer was cut short: 100 of 5,000 bytes); try again, "
               "or use --mirror DIR or lexmig add FILE --id local"),
    ("/huge", "local: {server}/huge is 1,000,000,000 bytes, over the size limit of 52,428,800 bytes"),
    ("/slow", "local: cannot download {server}/slow (no complete answer within 1.5 s); try again later, or use "
              "--mirror DIR or lexmig add FILE --id local"),
])
def test_fetch_refuses_other_schemes_short_huge_and_endless_answers(home, server, path, message):
    before = test_librarian.snapshot(home)
    result = fetch_from(home, server + path, deadline=1.5)
    assert (result.ok, fetch_line(result)) == (False, message.format(server=server))
    assert "local" not in quiet(home).installed()
    assert {k for k, v in test_librarian.snapshot(home).items() if before.get(k) != v} == {"catalogue.json"}


@pytest.fixture()
def mirror(tmp_path):
    """A mirror of four real documents, each copy broken in its own way, and one folder the
    catalogue does not know."""
    import json

    root = tmp_path / "mirror"
    for doc_id in ("c097", "c189", "c088", "c181", "gats-mnp"):
        shutil.copytree(corpus_path(doc_id), root / doc_id, symlinks=True)

    def provenance(doc_id):
        return json.loads((root / doc_id / "provenance.json").read_text(encoding="utf-8"))

    unchecked = provenance("c097")
    unchecked.pop("sha256")
    (root / "c097" / "provenance.json").write_text(json.dumps(unchecked), encoding="utf-8")
    device = root / "c189" / provenance("c189")["file"]
    device.unlink()
    device.symlink_to("/dev/zero")
    fifo = root / "c088" / provenance("c088")["file"]
    fifo.unlink()
    os.mkfifo(fifo)
    (root / "c181" / "provenance.json").write_text("[1, 2]", encoding="utf-8")
    os.rename(root / "gats-mnp", root / "my-annex")
    return root


def test_fetch_from_a_mirror_reads_regular_files_only_and_says_what_it_did_not_check(tmp_path, mirror):
    home = tmp_path / "fresh"
    code, out, err = cli_process(home, "fetch", "--mirror", str(mirror))
    assert code == 2
    annex = mirror / "my-annex" / test_librarian.MNP[1]
    assert out.splitlines() == [
        f"c097: installed from mirror {mirror} (349 passages; no sha256 recorded, so the copy was not checked)",
        f"my-annex: in the mirror but not in the catalogue; add it with: lexmig add {annex} --id my-annex",
        "1 installed or up to date, 3 failed.",
    ]
    not_regular = "not a regular file; give a document file (PDF, HTML, Markdown or text) saved on disk."
    assert err.splitlines() == [
        f"c088: {mirror / 'c088' / source_file('c088').name}: is a named pipe (FIFO), {not_regular}",
        f"c181: {mirror / 'c181' / 'provenance.json'} is a JSON list, not an object; it must be a JSON object with "
        "'file' and 'sha256'",
        f"c189: {mirror / 'c189' / source_file('c189').name}: is a device, {not_regular}",
    ]


def test_fetch_from_a_mirror_keeps_to_the_size_limit(home, tmp_path):
    root = tmp_path / "mirror"
    shutil.copytree(corpus_path("c088"), root / "c088")
    lib = quiet(home)
    lib.max_bytes = 1000
    [result] = lib.fetch(["c088"], mirror=root)
    size = source_file("c088").stat().st_size
    assert (result.ok, fetch_line(result)) == (False, f"c088: {source_file('c088').name}: {size:,} bytes "
                                                  "is over the size limit of 1,000 bytes; split the document or "
                                                  "raise the limit.")


def test_the_same_bytes_added_at_once_under_two_ids_land_once(home):
    lib = quiet(home)
    with lib.lock():  # both wait for the lock, each having checked the library before
        first = cli_process(home, "add", str(corpus_path(*test_librarian.MNP)), "--id", "one", wait_for=False)
        second = cli_process(home, "add", str(corpus_path(*test_librarian.MNP)), "--id", "two", wait_for=False)
        time.sleep(3)
    outcomes = sorted((p.communicate(timeout=120), p.returncode) for p in (first, second))
    codes = sorted(code for _, code in outcomes)
    assert codes == [0, 2]
    installed = quiet(home).installed()
    assert len({"one", "two"} & set(installed)) == 1
    kept = "one" if "one" in installed else "two"
    refused = next(err for (out, err), code in outcomes if code == 2)
    assert refused == (f"Error: {test_librarian.MNP[1]}: the same file was added by another process meanwhile, as "
                       f"'{kept}'; nothing was changed.\n")


@pytest.mark.parametrize("options,message", [
    (["--id", "mine\n"], "Error: --id 'mine\\n' is not an id: an id is lower-case letters (a-z), digits and hyphens, "
                         "starting with a letter or digit, at most 63 characters (like 'c143' or 'migration-act-1958'); "
                         "or leave it out to make one from the file name.\n"),
    (["--lang", "en\n"], "Error: metadata: entry 'mnp', field 'languages': 'en\\n' is not a two-letter language "
                         "code\n"),
    (["--date", "1994-04-15\n"], "Error: metadata: entry 'mnp', field 'date': '1994-04-15\\n' is not a date "
                                 "(YYYY, YYYY-MM or YYYY-MM-DD)\n"),
    (["--title", "T" * 5000], "Error: metadata: entry 'mnp', field 'title': too long (at most 2,000 characters, 200 "
                              "items)\nmetadata: entry 'mnp', field 'cite_as': too long (at most 2,000 characters, "
                              "200 items)\n"),
])
def test_metadata_with_a_trailing_newline_or_too_long_is_refused(home, options, message):
    args = ["--id", "mnp"] if options[0] != "--id" else []
    result = run(home, "add", str(corpus_path(*test_librarian.MNP)), *args, *options, "--dry-run")
    assert (result.exit_code, result.stderr) == (2, message)


@pytest.mark.parametrize("text,message", [
    ('aliases = "text"\n', "'aliases' must be a list of names, like aliases = [\"C143\", \"Convention No. 143\"]."),
    ('title = ["a", "b"]\n', "'title' must be a single value, not a list."),
    # `title = true` was the title "True", `title = ""` the file's name, as if no title were given
    ("title = true\n", "'title' must be text in quotes, like title = \"...\", not true."),
    ("number = 1.5\n", "'number' must be text in quotes, like number = \"...\", not 1.5."),
    ('title = ""\n', "'title' is empty; give it a value, or leave the key out."),
    ('symbol = "  "\n', "'symbol' is empty; give it a value, or leave the key out."),
    ("title = '" + "x" * 70000 + "'\n", "over 64 KB; a metadata file holds a few short fields (title, type, date "
                                        "...)."),
])
def test_a_metadata_file_of_the_wrong_shape_or_size_is_refused(home, tmp_path, text, message):
    meta = tmp_path / "meta.toml"
    meta.write_text('id = "mnp"\n' + text, encoding="utf-8")
    result = run(home, "add", str(corpus_path(*test_librarian.MNP)), "--meta", str(meta), "--dry-run")
    assert (result.exit_code, result.stderr) == (2, f"Error: {meta}: {message}\n")


def test_a_folder_add_does_not_follow_links_out_of_the_folder(home, tmp_path):
    folder = tmp_path / "incoming"
    folder.mkdir()
    shutil.copy(corpus_path(*test_librarian.MNP), folder / "mnp.md")
    secret = tmp_path / "elsewhere.md"
    secret.write_bytes(source_file("gats-mnp-decision").read_bytes())
    (folder / "link.md").symlink_to(secret)
    result = run(home, "add", str(folder))
    assert result.stderr.splitlines() == [f"Refused: link.md: a link to {secret}, outside {folder}; not followed "
                                          "(add that file by its own path)."]
    assert result.stdout.splitlines()[-1] == "1 added, 1 refused."
    assert not any("elsewhere" in str(p) for p in (home / "documents").rglob("*"))


def test_show_with_an_annex_the_document_lacks_names_the_nearest_units(home):
    result = run(home, "show", "C97 Annex M art 1")
    assert (result.exit_code, result.stderr) == (2, "Error: C097 has no Annex M, Article 1. Nearest: C097, Annex I, "
                                                    "Art. 1; C097, Annex II, Art. 1; C097, Annex III, Art. 1; C097, "
                                                    "Annex II, Art. 10.\n")


def test_index_clears_the_stale_index_warning(home):
    later = (home / "index" / "lexmig-manifest.json").stat().st_mtime + 5
    os.utime(home / "catalogue.json", (later, later))  # the catalogue looks newer than the index
    assert run(home, "search", "wages", "--limit", "1").stderr.startswith("Warning: the index is older")
    assert run(home, "index").exit_code == 0
    assert run(home, "search", "wages", "--limit", "1").stderr == ""


def test_verify_reports_unfinished_index_files_and_empty_document_folders(home):
    index = (home / "index").resolve()
    (index / "MAIN_half0written.seg").write_bytes(b"\0" * 100)
    (home / "documents" / "c143").mkdir()
    result = run(home, "verify")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "documents/c143 is an empty folder (left by an interrupted add or remove?); fix: lexmig verify --fix",
        "the index folder holds 1 file no commit lists, like MAIN_half0written.seg (left half written by a killed "
        "process or a full disk); fix: lexmig verify --fix",
    ]
    fixed = run(home, "verify", "--fix")
    assert fixed.exit_code == 0
    assert "removed the empty folder documents/c143" in fixed.stdout
    assert "removed 1 unfinished index files" in fixed.stdout
    assert run(home, "verify").exit_code == 0


def test_repair_returns_what_it_did_as_a_record_that_render_prints(home):
    (home / "index").resolve().joinpath("MAIN_half0written.seg").write_bytes(b"\0" * 100)
    (home / "documents" / "c143").mkdir()
    (home / "documents" / "old").mkdir()
    (home / "documents" / "old" / "stray.md").write_text("Article 1\n\nA file no entry names.\n")
    repairs = quiet(home).repair()
    unlisted = home / "unlisted" / "old" / "stray.md"
    assert repairs == Repairs(set_aside=(("documents/old/stray.md", str(unlisted)),),
                              removed_folders=("documents/old", "documents/c143"), unfinished=1)
    assert unlisted.read_text() == "Article 1\n\nA file no entry names.\n"
    assert repair_lines(repairs) == [f"moved documents/old/stray.md (no catalogue entry) to {unlisted}; to keep it: "
                                     f"lexmig add {unlisted} --id old",
                                     "removed the empty folder documents/old", "removed the empty folder documents/c143",
                                     "removed 1 unfinished index files"]
    assert quiet(home).repair() == Repairs()


def test_search_over_every_mirror_document_equals_search_after_a_rebuild(big_home):
    # Whoosh's collector pruned the common-terms query by a bound that is not one, so the
    # hits depended on how the two indexing workers had split the documents into segments.
    queries = QUERIES + ["domestic workers wages", "migrant workers social security", "trafficking victims"]
    before = results(big_home, queries)
    assert run(big_home, "index", "--rebuild").exit_code == 0
    assert results(big_home, queries) == before


@pytest.mark.parametrize("command", [["add", str(corpus_path(*test_librarian.MNP)), "--id", "mnp"], ["remove", "c189"]])
def test_a_change_killed_between_the_index_commit_and_its_manifest_is_repaired(home, command):
    # The manifest (what the index holds) was written after the commit: killed between the
    # two, repair trusted the old manifest and left the added document in the index.
    code, _, _ = cli_process(home, *command, fault="index-after-commit")
    assert code == -signal.SIGKILL
    lib = quiet(home)
    assert lib.verify() != []
    lib.repair()
    assert quiet(home).verify() == []
    repaired = results(home, QUERIES)
    assert run(home, "index", "--rebuild").exit_code == 0
    assert results(home, QUERIES) == repaired


def test_a_rebuild_that_fails_while_its_workers_wait_for_work_stops_them(big_home, monkeypatch):
    # Whoosh's cancel only flags its workers in this process: a worker waiting for the next
    # batch waited for ever, and lexmig with it (joining it at exit), holding the lock.
    import multiprocessing

    from lexmig.indexer.errors import WriteFailed

    real_add = windex.add_document
    added: list = []

    def add_then_fail(w, entry, sha, passages):
        added.append(entry.id)
        if len(added) < 20:
            return real_add(w, entry, sha, passages)
        deadline = time.monotonic() + 20  # the workers have taken every batch and wait for more
        while not w.jobqueue.empty() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(1)
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(windex, "add_document", add_then_fail)
    try:
        with pytest.raises(WriteFailed, match="No space left on device"):
            quiet(big_home).update_index(rebuild=True)
        for worker in multiprocessing.active_children():
            worker.join(10)
        assert multiprocessing.active_children() == []
    finally:
        for worker in multiprocessing.active_children():  # the workers a lexmig without the fix left
            worker.kill()
    monkeypatch.undo()
    assert quiet(big_home).verify() == []


def test_an_installed_document_no_catalogue_entry_describes_is_left_out_named_and_set_aside(home):
    # Its entry deleted by hand (or a built-in entry another lexmig version lacks): every
    # command that read the index stopped at "No document 'mnp' in the catalogue", and
    # verify --fix, which named the fix, stopped there too.
    assert run(home, "add", str(corpus_path(*test_librarian.MNP)), "--id", "mnp").exit_code == 0
    edit_state(home, lambda s: s["entries"].pop("mnp"))
    found = run(home, "search", "natural persons", "--limit", "1")
    assert found.exit_code == 0, found.stderr
    assert "mnp" not in found.stdout
    assert [p.message for p in quiet(home).verify()] == [
        "catalogue.json records 'mnp' as installed, but no catalogue entry describes it (an entry removed by hand, "
        "or a catalogue of another lexmig version)",
        f"documents/mnp/{test_librarian.MNP[1]} belongs to no catalogue entry (left by an interrupted add or remove?)",
        "the index holds 'mnp', which the catalogue does not list (an interrupted add or remove?)",
    ]
    fixed = run(home, "verify", "--fix")
    moved = home / "unlisted" / "mnp" / test_librarian.MNP[1]
    assert (fixed.exit_code, fixed.stderr) == (0, "")
    assert fixed.stdout.splitlines()[0] == (f"moved documents/mnp/{test_librarian.MNP[1]} (no catalogue entry) to "
                                            f"{moved}; to keep it: lexmig add {moved} --id mnp")
    assert quiet(home).verify() == []
    assert run(home, "add", str(moved), "--id", "mnp").exit_code == 0


def test_an_unreadable_index_manifest_is_named_by_verify_and_rewritten_by_fix(home):
    # search warned "the index is older than ... Run: lexmig verify", and verify found the
    # library consistent: the warning stayed, pointing at a command that saw nothing.
    assert run(home, "index").exit_code == 0
    (home / "index" / windex.MANIFEST_FILE).write_text('{"c097": [', encoding="utf-8")
    warned = run(home, "search", "wages", "--limit", "1")
    assert (warned.exit_code, warned.stderr) == (0, "Warning: the index is older than the catalogue or the stored files "
                                                    "(some changed); results may be out of date. Run: lexmig verify\n")
    assert [(p.message, p.fix) for p in quiet(home).verify()] == [
        ("the index's list of the texts it was built from (lexmig-manifest.json) is unreadable", "lexmig verify --fix")]
    assert run(home, "verify", "--fix").exit_code == 0
    assert (run(home, "search", "wages", "--limit", "1").stderr, quiet(home).verify()) == ("", [])


def test_two_files_of_one_folder_with_the_same_title_are_added_as_one_at_a_time_would_be(home, tmp_path):
    # The second took the first's short title ("Convention on Things"), which only the
    # commit checked: the whole folder stopped with "catalogue: entry 'second', field
    # 'aliases': ... is already a name of 'first'", the bad file's reason unsaid.
    folder = tmp_path / "batch"
    folder.mkdir()
    text = "Convention on Things\n\nArticle 1\n\nEach Member shall keep {} records.\n"
    (folder / "first.txt").write_text(text.format("written"), encoding="utf-8")
    (folder / "second.txt").write_text(text.format("printed"), encoding="utf-8")
    (folder / "third.txt").write_bytes(b"")
    result = run(home, "add", str(folder))
    assert (result.exit_code, result.stderr) == (2, "Refused: third.txt: the file is empty; there is nothing to add.\n")
    assert result.stdout.splitlines()[-1] == "2 added, 1 refused."
    library = quiet(home)
    assert [library.catalogue.get(d).short_title for d in ("first", "second")] == ["Convention on Things", "SECOND"]
    assert run(home, "show", "SECOND art. 1").stdout.splitlines()[:2] == ["Convention on Things, Article 1",
                                                                          "SECOND, Art. 1"]
    assert library.verify() == []


def test_fetch_from_a_mirror_names_a_catalogued_folder_without_its_provenance(tmp_path):
    # It was left out without a word: "1 installed or up to date, 0 failed." for two folders.
    root = tmp_path / "mirror"
    for doc_id in ("c021", "c088"):
        shutil.copytree(corpus_path(doc_id), root / doc_id)
    (root / "c021" / "provenance.json").unlink()
    code, out, err = cli_process(tmp_path / "fresh", "fetch", "--mirror", str(root))
    assert (code, out.splitlines()[1:], err) == (
        2, ["1 installed or up to date, 1 failed."],
        f"c021: not in the mirror ({root / 'c021'} has no provenance.json)\n")
    assert out.startswith(f"c088: installed from mirror {root} (")


def test_a_stored_file_damaged_on_disk_stops_a_rebuild_naming_the_document_and_verify(home):
    # The reader's own message ("the file is empty; there is nothing to add.") told a
    # librarian who ran `index --rebuild` about a file they were not adding.
    before = test_librarian.snapshot(home)
    stored = quiet(home).installed()["c189"].path
    stored.write_bytes(b"")
    result = run(home, "index", "--rebuild")
    assert (result.exit_code, result.stderr) == (2, f"Error: c189: its stored file {stored} cannot be read ({stored.name}: "
                                                    "the file is empty); run lexmig verify, which names the fix.\n")
    after = test_librarian.snapshot(home)
    assert {k for k in before if before[k] != after.get(k)} == {str(stored.relative_to(home))}


def test_a_name_another_process_took_meanwhile_is_one_line_and_the_add_again_takes_another(home, tmp_path):
    # Checked only by the commit's catalogue, the clash once read "catalogue: entry 'first',
    # field 'aliases': ..." after the file had been written (and rolled back).
    from lexmig.indexer.errors import DuplicateDocument

    text = "Convention on Things\n\nArticle 1\n\nEach Member shall keep {} records.\n"
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(text.format("written"), encoding="utf-8")
    second.write_text(text.format("printed"), encoding="utf-8")
    lib = quiet(home)
    real = Library.prepare
    before: list[dict] = []

    def prepare_while_another_adds(path, *args, **kwargs):
        prepared = real(lib, path, *args, **kwargs)
        quiet(home).add([second])  # another process, meanwhile
        before.append(test_librarian.snapshot(home))
        return prepared

    lib.prepare = prepare_while_another_adds  # type: ignore[method-assign]
    with pytest.raises(DuplicateDocument) as raised:
        lib.add([first])
    assert str(raised.value) == ("entry 'first', field 'aliases': 'Convention on Things' is already a name of "
                                 "'second', added by another process meanwhile; nothing was changed: run the same "
                                 "add again.")
    assert quiet(home).verify() == [] and [test_librarian.snapshot(home)] == before
    quiet(home).add([first])
    assert quiet(home).catalogue.get("first").short_title == "FIRST"


def test_an_update_while_another_process_removes_the_document_changes_nothing(home, tmp_path):
    # The update read its file while a remove ran in another process, then stored and indexed
    # the text of a document no catalogue entry described, saying "Updated" (verify: 3 problems).
    from lexmig.indexer.errors import DuplicateDocument

    text = "Convention on Things\n\nArticle 1\n\nEach Member shall keep {} records.\n\nArticle 2\n\nIt shall report.\n"
    (tmp_path / "things.txt").write_text(text.format("written"), encoding="utf-8")
    (tmp_path / "newer.txt").write_text(text.format("printed"), encoding="utf-8")
    quiet(home).add([tmp_path / "things.txt"])
    lib = quiet(home)
    real = Library._check
    before: list[dict] = []

    def check_while_another_removes(*args, **kwargs):
        prepared = real(lib, *args, **kwargs)
        quiet(home).remove("things")  # another process, meanwhile
        before.append(test_librarian.snapshot(home))
        return prepared

    lib._check = check_while_another_removes  # type: ignore[method-assign]
    with pytest.raises(DuplicateDocument) as raised:
        lib.update("things", tmp_path / "newer.txt")
    assert str(raised.value) == "'things' was removed by another process meanwhile; nothing was changed."
    assert quiet(home).verify() == [] and [test_librarian.snapshot(home)] == before


def test_a_fetch_while_another_process_updates_the_document_keeps_the_update(home, tmp_path):
    # fetch read the mirror's C189 while an update stored the librarian's own text in another
    # process, then replaced that text by the mirror's, saying "installed": the update was lost.
    quiet(home).fetch(["c189"], mirror=corpus_path())
    mine = tmp_path / "BWBV0005977_README.md"
    mine.write_text(source_file("c189").read_text(encoding="utf-8") + "\nA note of mine.\n", encoding="utf-8")
    lib = quiet(home)
    lib._state["installed"]["c189"]["sha256"] = "0" * 64  # as if a damaged copy were fetched again
    real = Library._check
    after: list[dict] = []

    def check_while_another_updates(*args, **kwargs):
        prepared = real(lib, *args, **kwargs)
        quiet(home).update("c189", mine)  # another process, meanwhile
        after.append(test_librarian.snapshot(home))
        return prepared

    lib._check = check_while_another_updates  # type: ignore[method-assign]
    [result] = lib.fetch(["c189"], mirror=corpus_path())
    assert (result.ok, result.error) == (False, "was updated by another process meanwhile; not fetched "
                                                "(run lexmig fetch c189 again to replace it).")
    assert quiet(home).verify() == [] and [test_librarian.snapshot(home)] == after
