"""lexmig: retrieval of legal instruments on international labour migration.

The repository keeps the user's folders at its top (``corpus/``, ``indexer/``,
``search/``); installed, they are the subpackages ``lexmig.corpus``,
``lexmig.indexer`` and ``lexmig.search`` (``package-dir`` in pyproject.toml).
Run the command line as ``lexmig`` or ``python -m lexmig``.
"""
from pkgutil import extend_path

# Run from a clone with a non-editable install, this folder is found before the
# installed package (the current directory comes first on sys.path): extending
# the path lets ``lexmig.search`` and the others be found in the installed copy.
__path__ = extend_path(__path__, __name__)
