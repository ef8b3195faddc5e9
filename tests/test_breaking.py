"""A hostile librarian: files that are not files, odd names and encodings, commands killed or
run together, a read-only home. Every error is one line on stderr with exit code 2, and the
library (catalogue, stored files, index) is byte for byte what it was."""

import os
import subprocess

import pytest

from tests import test_librarian
from tests.conftest import corpus_path

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


def test_an_error_naming_a_file_with_a_newline_in_its_name_is_still_one_line(home, tmp_path):
    odd = tmp_path / "minutes\nof the meeting.md"
    odd.write_text("Minutes of a meeting without numbered provisions.\n", encoding="utf-8")
    assert refused(home, "add", str(odd)) == (
        "Error: minutes\\nof the meeting.md: no legal structure found (no articles, paragraphs, sections or "
        "footnotes); check the file, or add it as one unit with --accept-unstructured.")
