"""Errors: every domain exception in one module, and the CLI turning each (and the operating
system's) into one line with its exit code, wherever in a command it is raised."""

import importlib
import inspect
import os
import pkgutil
import subprocess
import sys

from lexmig.indexer import errors
from lexmig.indexer.errors import LexmigError, NotInstalled
from tests.conftest import ROOT, run


def test_every_exception_class_of_lexmig_is_defined_in_indexer_errors():
    defined = {}
    names = [f"lexmig.{package}.{module.name}" for package in ("corpus", "indexer", "search")
             for module in pkgutil.iter_modules(importlib.import_module(f"lexmig.{package}").__path__)]
    assert len(names) > 20 and "lexmig.search.cli" in names
    for module_name in names:
        for name, value in vars(importlib.import_module(module_name)).items():
            if inspect.isclass(value) and issubclass(value, Exception) and value.__module__.startswith("lexmig."):
                defined[name] = value.__module__
    elsewhere = {name: where for name, where in defined.items() if where != errors.__name__}
    assert elsewhere == {"Exit": "lexmig.search.cli"}  # click's one-line message, not a domain error
    assert {"UnknownCitation", "NotInstalled", "QueryError", "SubjectError", "ThesaurusError", "QrelsError",
            "BadFilter", "NoMatchingDocuments"} <= set(defined)
    assert all(issubclass(getattr(errors, name), LexmigError) for name in defined if name != "Exit")


def test_a_text_not_installed_is_one_error_class_for_show_and_passages(library):
    from lexmig.search.rank import Engine

    shown = passages = None
    try:
        Engine(library).show("C143 art 1")
    except NotInstalled as exc:
        shown = exc
    try:
        library.passages("C143")
    except NotInstalled as exc:
        passages = exc
    assert (shown.doc_id, passages.doc_id) == ("c143", "c143")
    assert str(shown) == str(passages) == ("'c143' is catalogued but its text is not installed; get it with "
                                           "lexmig fetch c143 (or lexmig add FILE --id c143).")
    assert shown.exit_code == 2


def test_a_full_disk_while_writing_the_output_is_one_line_and_exit_2(library):
    # Exporting to a full device: the operating system's error is raised by the output of a
    # command, where no call was wrapped before (a traceback and exit 1).
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "lexmig", "--home", str(library.home), "catalogue",
                               "--format", "bibtex", "c097"], cwd=ROOT, stdout=full, stderr=subprocess.PIPE,
                              text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr == ("Error: No space left on device; check the path and its permissions (choose the data "
                           "home with --home or LEXMIG_HOME).\n")


def test_a_broken_pipe_still_ends_quietly(library):
    # Output piped to a reader that has gone (`lexmig passages c097 | head -1`): a quiet ending,
    # not an error line about the data home, with the status of a process killed by SIGPIPE
    # (141) as grep's, not click's 1 ("nothing found"; test_breaking checks search and show).
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = subprocess.run([sys.executable, "-m", "lexmig", "--home", str(library.home), "passages", "c097"],
                              cwd=ROOT, stdout=writer, stderr=subprocess.PIPE, text=True, timeout=120)
    finally:
        os.close(writer)
    assert (done.returncode, done.stderr) == (141, "")


def test_library_errors_keep_their_exit_code(library):
    not_found = run(library, "search", "remittances", "--doc", "c143")
    assert not_found.exit_code == 1  # NoMatchingDocuments: a valid request with no answer
    unknown = run(library, "show", "C143 art 1")
    assert (unknown.exit_code, unknown.stderr) == (2, "Error: 'c143' is catalogued but its text is not installed; "
                                                      "get it with lexmig fetch c143 (or lexmig add FILE --id c143).\n")
