"""Doctests of the library: `--doctest-modules` (pyproject.toml) over indexer/ and search/.

Those folders are installed as lexmig.indexer and lexmig.search (package-dir mapping), so
their doctests run against the installed modules, imported by those names. pytest's own
collection would import indexer/cite.py from the clone as a top-level `indexer.cite`, a
second copy of every module (and `import indexer` would seem to work in tests).
"""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from _pytest.doctest import DoctestModule

ROOT = Path(__file__).resolve().parent
# folder of the clone -> the installed package it is
PACKAGES = {"corpus": "lexmig.corpus", "indexer": "lexmig.indexer", "search": "lexmig.search"}


def installed_name(path: Path) -> str | None:
    """`indexer/cite.py` -> `lexmig.indexer.cite`; None outside the mapped folders.

    >>> installed_name(ROOT / "search" / "__init__.py")
    'lexmig.search'
    """
    relative = path.resolve().relative_to(ROOT) if path.resolve().is_relative_to(ROOT) else None
    if relative is None or relative.parts[0] not in PACKAGES:
        return None
    parts = [PACKAGES[relative.parts[0]], *relative.with_suffix("").parts[1:]]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


class InstalledDoctestModule(DoctestModule):
    """A module's doctests, found in the module imported by its installed name."""

    def _getobj(self):
        return importlib.import_module(installed_name(self.path))


@pytest.hookimpl(tryfirst=True)
def pytest_collect_directory(path: Path, parent):
    # A plain folder, not a Package: pytest's Package imports `indexer/__init__.py` as `indexer`.
    if installed_name(path / "__init__.py"):
        return pytest.Dir.from_parent(parent, path=path)
    return None


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent):
    collected = yield
    if not installed_name(file_path):
        return collected
    return [InstalledDoctestModule.from_parent(parent, path=file_path) if type(node) is DoctestModule else node
            for node in collected]
