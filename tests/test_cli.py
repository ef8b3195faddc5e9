import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from search.cli import cli
from tests.conftest import corpus_path


def run(home, *args):
    return CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)


def snapshot(home: Path) -> dict:
    """Every file of a data home with its sha256: to prove that nothing changed."""
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def home(tmp_path_factory, corpus):
    home = tmp_path_factory.mktemp("clihome")
    result = run(home, "fetch", "--mirror", str(corpus))
    assert result.exit_code == 0, result.output
    return home


def test_fetch_reports_one_line_per_document(home, corpus):
    result = run(home, "fetch", "--mirror", str(corpus))
    lines = result.stdout.splitlines()
    assert lines[0] == "c088: already installed"
    assert "ecosoc-2006-rt6: already installed" in lines
    assert lines[-1] == "13 installed or up to date, 0 failed."


def test_fetch_without_an_address_or_network_fails_per_document_and_installs_the_rest(tmp_path, corpus):
    result = run(tmp_path, "fetch", "c143", "gcim-2005", "nosuch", "c189", "--mirror", str(corpus))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"c143: not in the mirror ({corpus / 'c143'} has no provenance.json)",
        f"gcim-2005: not in the mirror ({corpus / 'gcim-2005'} has no provenance.json)",
        "nosuch: not in the catalogue; add a file with: lexmig add FILE --id ID",
    ]
    assert result.stdout.splitlines() == ["c189: installed from mirror " + str(corpus) + " (93 passages)",
                                          "1 installed or up to date, 3 failed."]
    result = run(tmp_path, "fetch", "gcim-2005")
    assert result.stderr == ("gcim-2005: no official address in the catalogue; add a copy with: "
                             "lexmig add FILE --id gcim-2005\n")


def test_passages_shows_c097_in_order(home):
    result = run(home, "passages", "c097")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ("c097: Migration for Employment Convention (Revised), 1949 (No. 97): "
                        "349 passages (en 178, nl 171)")
    assert lines[1].split()[:2] == ["preamble", "Preamble"]
    assert lines[2].split()[:3] == ["art-1", "Art.", "1"]
    assert lines[3].split()[:2] == ["art-1/a", "(a)"]
    assert any(line.startswith("annex-2/art-4/2 ") for line in lines)


def test_passages_json_gives_the_passage_shape(home):
    result = run(home, "passages", "C97", "--json", "--lang", "en")
    data = json.loads(result.stdout)
    articles = [p for p in data if p["kind"] == "article"]
    assert len(articles) == 46
    unit = next(p for p in data if p["passage_id"] == "c097/annex-2/art-4/2")
    assert unit["citation"] == "Migration for Employment Convention (Revised), 1949 (No. 97), Annex II, Article 4(2)"
    assert unit["short_citation"] == "C097, Annex II, Art. 4(2)"
    assert unit["text"] == "The administrative costs of recruitment, introduction and placing shall not be borne by the migrants."


def test_a_fresh_home_builds_the_index_on_first_use_saying_so(tmp_path):
    result = run(tmp_path, "passages", "note")
    assert result.exit_code == 0
    assert result.stderr == f"Building the index in {tmp_path / 'index'} (first use) ...\n"
    assert result.stdout.splitlines()[0] == "ecosoc-2006-rt6: ECOSOC Issues Note, Roundtable 6 (2006): 39 passages (en 39)"
    assert run(tmp_path, "passages", "note").stderr == ""


def test_catalogue_lists_and_shows_entries(home):
    result = run(home, "catalogue")
    assert result.stdout.splitlines()[-1] == "27 documents; * installed, - no text available (cite only)."
    assert "* c097                  convention     1949-07-01  C097" in result.stdout
    assert "- icrmw                 convention     1990-12-18  ICRMW" in result.stdout
    shown = run(home, "catalogue", "1990 Convention").stdout
    assert "symbol:         A/RES/45/158" in shown
    assert json.loads(run(home, "catalogue", "C97", "--json").stdout)["installed"] is True


@pytest.mark.parametrize("args, message", [
    (["passages", "C9"], "Error: No document 'C9' in the catalogue. Did you mean: "),
    (["passages", "C143"], "Error: 'c143' is catalogued but its text is not installed; get it with "
                           "lexmig fetch c143 (or lexmig add FILE --id c143).\n"),
])
def test_unknown_or_uninstalled_documents_are_one_line_errors(home, args, message):
    result = run(home, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_add_refuses_bad_files_and_changes_nothing(home, tmp_path):
    before = snapshot(home)
    scanned = corpus_path("ecosoc-2006-rt6", "renderings", "issues-note-scanned-pages-1-2.pdf")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    for path, message in [
        (scanned, "issues-note-scanned-pages-1-2.pdf: the PDF has no text layer (scanned images)"),
        (empty, "empty.pdf: the file is empty; there is nothing to add."),
        (tmp_path / "missing.md", f"{tmp_path / 'missing.md'}: no such file; check the path."),
        (corpus_path("c097", "BWBV0005528_README.md"),
         "BWBV0005528_README.md: the same file is already in the library as 'c097'; nothing to add."),
    ]:
        result = run(home, "add", str(path))
        assert result.exit_code == 2
        assert result.stderr.startswith("Error: " + message)
        assert result.stderr.count("\n") == 1
    assert snapshot(home) == before


def test_add_a_rendering_as_a_new_document_then_list_it(tmp_path, corpus):
    pdf = corpus / "c097" / "renderings" / "c097-en-libreoffice.pdf"
    result = run(tmp_path, "add", str(pdf), "--id", "c097-pdf", "--title", "C97 as PDF", "--type", "convention",
                 "--date", "1949-07-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Added c097-pdf: C97 as PDF (156 passages: ")
    listed = run(tmp_path, "passages", "c097-pdf").stdout.splitlines()
    assert listed[0] == "c097-pdf: C97 as PDF: 156 passages (en 156)"
    bad = run(tmp_path, "add", str(corpus / "c189" / "BWBV0005977_README.md"), "--id", "c189x", "--date", "2011-13")
    assert bad.exit_code == 2
    assert bad.stderr == ("Error: metadata: entry 'c189x', field 'adopted': '2011-13' is not a date "
                          "(YYYY, YYYY-MM or YYYY-MM-DD)\n")


def test_index_rebuild_reports_what_it_did(home):
    result = run(home, "index")
    assert result.stdout == "The index is up to date.\n"
    result = run(home, "index", "--rebuild")
    assert result.stdout.startswith("Rebuilt the index: 13 documents, 2146 passages indexed, 0 removed, in ")


def test_every_command_has_help_with_an_example():
    for name, command in cli.commands.items():
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.stdout, name
    assert CliRunner().invoke(cli, ["-h"]).exit_code == 0
