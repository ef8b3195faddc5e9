"""Every environment variable lexmig reads, read here and nowhere else.

    LEXMIG_HOME            the data home (what --home gives)
    LEXMIG_LOCK_WAIT       seconds to wait for another process changing the library (--wait)
    LEXMIG_FETCH_DEADLINE  seconds a whole download may take
    LEXMIG_FAULT           crash points, comma-separated, for the fault tests (bench/fault_soak.py)
    NO_COLOR, TERM         no colour on a terminal when NO_COLOR is set or TERM is "dumb"
    OMP_THREAD_LIMIT       Tesseract's OpenMP threads during OCR: 1 unless the user set it
                           (`single_threaded_tesseract`, indexer.ocr)

An empty value counts as unset, as click counts it for the options that have a variable.
"""

from __future__ import annotations

import contextlib
import os

HOME = "LEXMIG_HOME"
LOCK_WAIT = "LEXMIG_LOCK_WAIT"
FETCH_DEADLINE = "LEXMIG_FETCH_DEADLINE"
FAULT = "LEXMIG_FAULT"


def _value(name: str) -> str | None:
    return os.environ.get(name) or None


def home() -> str | None:
    """The data home named by LEXMIG_HOME, as written (the CLI checks it as it checks --home)."""
    return _value(HOME)


def lock_wait() -> str | None:
    """LEXMIG_LOCK_WAIT as written (the CLI checks it as it checks --wait)."""
    return _value(LOCK_WAIT)


def fetch_deadline(default: float) -> float:
    value = _value(FETCH_DEADLINE)
    return float(value) if value is not None else default


def faults() -> list[str]:
    """The crash points LEXMIG_FAULT asks for (read at each point: tests set it per process)."""
    return (_value(FAULT) or "").split(",")


def colour_allowed() -> bool:
    """Whether colour may be used on a terminal (https://no-color.org: NO_COLOR set, even empty)."""
    return "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


@contextlib.contextmanager
def single_threaded_tesseract():
    """OMP_THREAD_LIMIT=1 for the OCR run in the block (ocrmypdf already reads pages in
    parallel: with two threads each, a loaded machine made Tesseract spin until pages timed
    out), unless the user set it; restored after."""
    chosen = "OMP_THREAD_LIMIT" in os.environ
    if not chosen:
        os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        yield
    finally:
        if not chosen:
            os.environ.pop("OMP_THREAD_LIMIT", None)
