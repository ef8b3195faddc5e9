"""Installed, lexmig is one namespace: lexmig.corpus, lexmig.indexer, lexmig.search.

Both kinds of install are built from this clone into a temporary folder and run
by an interpreter that sees only that folder and the installed dependencies
(``-S``: the running environment's own install of lexmig is not on the path).
"""
import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from conftest import ROOT

# The dependencies (click, whoosh, ...) without the site's .pth files, so the
# running environment's own install of lexmig stays out of sight.
DEPENDENCIES = sysconfig.get_paths()["purelib"]

PROBE = """
import json, sys
sys.path.append({dependencies!r})
{setup}
import lexmig.search.cli, lexmig.indexer.catalogue
from lexmig.indexer.catalogue import load_catalogue
print(json.dumps({{
    "cli": lexmig.search.cli.__file__,
    "entries": len(load_catalogue().entries),
    "top_level": sorted(name for name in sys.modules if name in ("corpus", "indexer", "search")),
}}))
"""


def pip(*args, cwd):
    subprocess.run([sys.executable, "-m", "pip", "--disable-pip-version-check", "-q", *args],
                   cwd=cwd, check=True, capture_output=True, text=True)


def probe(setup: str, cwd: Path) -> dict:
    code = PROBE.format(dependencies=DEPENDENCIES, setup=setup)
    done = subprocess.run([sys.executable, "-S", "-c", code], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": ""})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def lexmig_main(setup: str, cwd: Path, home: Path, *args: str) -> subprocess.CompletedProcess:
    """``python -m lexmig ARGS`` as that install runs it, with a home of its own."""
    code = f"import sys; sys.path.append({DEPENDENCIES!r}); {setup}; import runpy; " \
           f"sys.argv = ['lexmig', *{list(args)!r}]; runpy.run_module('lexmig', run_name='__main__')"
    return subprocess.run([sys.executable, "-S", "-c", code], cwd=cwd, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": "", "LEXMIG_HOME": str(home)})


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wheel")
    pip("wheel", "--no-deps", "-w", str(folder), str(ROOT), cwd=folder)
    (built,) = folder.glob("lexmig-*.whl")
    return built


def test_the_wheel_holds_one_top_level_package_with_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(".dist-info")}
    assert top == {"lexmig"}
    assert {"lexmig/__main__.py", "lexmig/corpus/catalogue.toml", "lexmig/corpus/subjects.toml",
            "lexmig/indexer/segment.py", "lexmig/search/cli.py"} <= set(names)
    entry_points = zipfile.ZipFile(wheel).read("lexmig-0.1.0.dist-info/entry_points.txt").decode()
    assert "lexmig = lexmig.search.cli:main" in entry_points


@pytest.mark.parametrize("cwd", ["elsewhere", "clone"])
def test_a_regular_install_runs_from_anywhere(wheel, tmp_path, cwd):
    target = tmp_path / "site"
    pip("install", "--no-deps", "--target", str(target), str(wheel), cwd=tmp_path)
    setup = f"sys.path.append({str(target)!r})"  # after the current directory, as site-packages is
    # From the clone, its lexmig/ folder comes first on the path: the installed
    # subpackages must still be found (lexmig/__init__.py extends the path).
    where = ROOT if cwd == "clone" else tmp_path
    found = probe(setup, where)
    assert found["cli"] == str(target / "lexmig" / "search" / "cli.py")
    assert found["entries"] == 42
    assert found["top_level"] == []
    done = lexmig_main(setup, where, tmp_path / "home", "catalogue", "c097")  # the catalogue is the package's data
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("id:             c097\ntype:           convention\n")


def test_an_editable_install_maps_the_folders_of_the_clone(tmp_path):
    target = tmp_path / "site"
    pip("install", "--no-deps", "--target", str(target), "-e", str(ROOT), cwd=tmp_path)
    setup = f"import site; site.addsitedir({str(target)!r})"  # runs the install's .pth (its finder)
    found = probe(setup, tmp_path)
    assert found["cli"] == str(ROOT / "search" / "cli.py")
    assert found["entries"] == 42
    assert found["top_level"] == []
    done = lexmig_main(setup, tmp_path, tmp_path / "home", "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Usage: lexmig [OPTIONS] COMMAND [ARGS]...")


def test_python_dash_m_lexmig_is_the_command_line_of_the_running_install(tmp_path):
    done = subprocess.run([sys.executable, "-m", "lexmig", "catalogue", "c097"], cwd=tmp_path,
                          capture_output=True, text=True, env={**os.environ, "LEXMIG_HOME": str(tmp_path)})
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("id:             c097\ntype:           convention\n")


def test_dependencies_flow_one_way_search_to_indexer():
    """No module of indexer/ imports from search/ (README, "Architecture")."""
    import ast

    upward = []
    for path in sorted((ROOT / "indexer").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [node.module or ""] if isinstance(node, ast.ImportFrom) else \
                [alias.name for alias in node.names] if isinstance(node, ast.Import) else []
            level = getattr(node, "level", 0)
            for name in names:
                if name.startswith("lexmig.search") or (level == 2 and name.startswith("search")):
                    upward.append(f"{path.name}:{node.lineno} {name}")
    assert len(list((ROOT / "indexer").glob("*.py"))) >= 20
    assert upward == []
