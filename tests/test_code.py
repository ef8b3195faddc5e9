"""The code itself is checked by the test command: lint (ruff), types (mypy), doctests.

Rules and options live in pyproject.toml ([tool.ruff], [tool.mypy]); each test runs the
tool of the running environment (the `test` extra installs both) and fails with its
findings.
"""

import json
import subprocess
import sys

from conftest import ROOT


def run(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True)


def test_ruff_finds_nothing_in_the_repository():
    done = run("-m", "ruff", "check", "--no-cache", "--output-format", "concise", ".")
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip() == "All checks passed!"


def test_mypy_finds_no_type_error_in_indexer_and_search(tmp_path):
    # mypy cannot follow the package-dir mapping of the editable install, so it checks
    # the folders through a tree laid out as installed: lexmig/indexer -> indexer/ ...
    package = tmp_path / "lexmig"
    package.mkdir()
    (package / "__init__.py").write_text((ROOT / "lexmig" / "__init__.py").read_text(encoding="utf-8"))
    for folder in ("corpus", "indexer", "search"):
        (package / folder).symlink_to(ROOT / folder, target_is_directory=True)
    done = run("-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "--cache-dir", str(ROOT / ".mypy_cache"),
               "-p", "lexmig.indexer", "-p", "lexmig.search", cwd=tmp_path)
    findings = done.stdout.replace("lexmig/indexer/", "indexer/").replace("lexmig/search/", "search/")
    assert done.returncode == 0, findings + done.stderr
    assert findings.splitlines()[-1].startswith("Success: no issues found in "), findings


COLLECT = """
import json, sys
import pytest
code = pytest.main(["-q", "--collect-only", "-p", "no:cacheprovider", "indexer", "search"])
print(json.dumps({"code": int(code), "top_level": sorted({"corpus", "indexer", "search"} & set(sys.modules))}))
"""


def test_doctests_are_collected_from_the_installed_modules_once():
    done = run("-c", COLLECT)
    *items, summary = [line for line in done.stdout.splitlines() if line.strip()]
    result = json.loads(summary)
    assert result == {"code": 0, "top_level": []}, done.stdout
    doctests = [line for line in items if "::" in line]
    assert "indexer/citation.py::lexmig.indexer.citation" in doctests
    for item in doctests:  # indexer/x.py::lexmig.indexer.x[.function], each once
        path, name = item.split("::")
        assert name.startswith("lexmig." + path.removesuffix(".py").replace("/", ".")), item
    assert len(doctests) == len(set(doctests))
