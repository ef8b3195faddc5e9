"""Shared fixtures. Tests read the reference corpus from ../shared/corpus and never copy it.

A missing corpus is a failure, not a skip: CI must not pass without the real data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
REALDOCS = ROOT.parent / "shared" / "realdocs"


def corpus_path(*parts: str) -> Path:
    if not CORPUS.is_dir():
        pytest.fail(f"the reference corpus is missing: {CORPUS} (clone lexmig next to shared/)")
    return CORPUS.joinpath(*parts)


def source_file(doc_id: str) -> Path:
    """The primary file of a mirror folder, as its provenance.json names it."""
    provenance = json.loads(corpus_path(doc_id, "provenance.json").read_text(encoding="utf-8"))
    return corpus_path(doc_id, provenance["file"])


def realdoc(folder: str, name: str | None = None) -> Path:
    """A file of ../shared/realdocs: `name`, or the primary file its provenance.json names."""
    if name is None:
        provenance = json.loads(realdoc(folder, "provenance.json").read_text(encoding="utf-8"))
        name = provenance["file"]
    path = REALDOCS / folder / name
    if not path.is_file():
        pytest.fail(f"the real documents are missing: {path} (clone lexmig next to shared/)")
    return path


def run(home, *args):
    """`lexmig --home HOME ARGS...` in-process; `home` is a folder or a Library."""
    from click.testing import CliRunner

    from lexmig.indexer.library import Library
    from lexmig.search.cli import cli

    path = home.home if isinstance(home, Library) else home  # (a Path's .home is Path.home())
    return CliRunner().invoke(cli, ["--home", str(path), *args], catch_exceptions=False)


@pytest.fixture(scope="session")
def corpus() -> Path:
    return corpus_path()


@pytest.fixture(scope="session")
def library(tmp_path_factory, corpus):
    """A data home with every mirror document fetched and indexed, built once."""
    from lexmig.indexer.library import Library

    lib = Library(tmp_path_factory.mktemp("home"), notify=lambda message: None)
    results = lib.fetch([], mirror=corpus)
    assert all(r.ok for r in results), [r.error for r in results if not r.ok]
    return lib


@pytest.fixture(scope="session")
def english_article_units(library) -> dict[str, set[str]]:
    """Every article-level unit (as `lexmig eval` scores them) of the English text of the
    mirror documents, by document id: what a judged set may name."""
    from lexmig.indexer.passage import article_key

    units = {}
    for doc_id in library.installed():
        _, passages = library.passages(doc_id)
        units[doc_id] = {article_key(p.passage_id) for p in passages if p.lang == "en"}
    return units


@pytest.fixture(scope="session")
def national_units(tmp_path_factory) -> dict[str, set[str]]:
    """The article-level units of the three national laws the national sets judge, added to a
    new home as a user adds them (`lexmig add FILE --id ID`, the files and ids of the national
    set's [[document]] tables), by document id; built once for every module that asks."""
    from lexmig.indexer.library import Library
    from lexmig.indexer.passage import article_key
    from lexmig.search.evaluation import SETS, load_documents

    home = tmp_path_factory.mktemp("national-home")
    for doc in load_documents(ROOT / "corpus" / SETS["national"]):
        path = realdoc(*(ROOT / doc.file).parts[-2:])
        result = run(home, "add", str(path), "--id", doc.id)
        assert result.exit_code == 0, result.output
    lib = Library(home)
    return {doc_id: {article_key(p.passage_id) for p in lib.passages(doc_id)[1]} for doc_id in lib.installed()}


@pytest.fixture(scope="session")
def gulf_laws(tmp_path_factory):
    """A home holding only the Qatar Labour Law and the UAE decree on domestic workers, added
    from ../shared/realdocs as a user adds them, built once."""
    home = tmp_path_factory.mktemp("gulf-home")
    for folder, doc_id in (("qa-labour-law-14-2004", "qa-labour"),
                           ("ae-domestic-workers-decree-law-9-2022", "uae-domestic-workers")):
        result = run(home, "add", str(realdoc(folder)), "--id", doc_id)
        assert result.exit_code == 0, result.output
    return home


def first_ids(home, query: str, limit: int = 3) -> list[str]:
    """The passage ids of a search's first hits (`lexmig search QUERY --json`)."""
    result = run(home, "search", query, "--json", "--limit", str(limit))
    assert result.exit_code == 0, result.output
    return [hit["passage_id"] for hit in json.loads(result.stdout)["hits"]]
