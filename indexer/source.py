"""The text of a document as read: lines with their page, heading level and footnote marks.

Readers (`indexer.readers`) make a `SourceText`, cleaning (`indexer.clean`) edits it, the
segmenter (`indexer.segment`) reads it. Footnotes are carried inside line text as
private-use markers (see `marker`), so that the segmenter can anchor them to the unit
whose text carries them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Footnote markers inside text: MARK_OPEN label MARK_CLOSE; an inline footnote body (a note
# printed where it is called, as in the GATS files): BODY_OPEN label BODY_SEP text BODY_CLOSE.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
BODY_OPEN, BODY_SEP, BODY_CLOSE = "\ue002", "\ue003", "\ue004"
MARKER_RE = re.compile(f"{MARK_OPEN}([^{MARK_CLOSE}]+){MARK_CLOSE}")
INLINE_NOTE_RE = re.compile(f"{BODY_OPEN}([^{BODY_SEP}]+){BODY_SEP}([^{BODY_CLOSE}]*){BODY_CLOSE}")


def marker(label: str) -> str:
    return f"{MARK_OPEN}{label}{MARK_CLOSE}"


def inline_note(label: str, text: str) -> str:
    return f"{BODY_OPEN}{label}{BODY_SEP}{text}{BODY_CLOSE}"


def strip_notes(text: str) -> str:
    """The text without its footnote markers and inline footnote bodies."""
    return INLINE_NOTE_RE.sub("", MARKER_RE.sub("", text))


@dataclass
class Line:
    text: str
    page: int | None = None
    heading: int = 0  # Markdown/HTML heading level; 0 for body text
    footnote: str | None = None  # label, when the line starts a footnote body
    continues_footnote: bool = False  # a footnote's text carried over (e.g. to the next page)
    note: str | None = None  # the marginal note printed beside the line: the heading of the section it starts


@dataclass
class SourceText:
    lines: list[Line]
    format: str  # "pdf", "html", "md"
    wrapped: bool = False  # physical lines: continuation lines are joined, hyphenation repaired
    pages: int | None = None
    stats: dict = field(default_factory=dict)
    # What the document says of itself on its first page (PDF): title, symbol, date
    # ("adopted", ISO); the catalogue entry takes them when the librarian gives none.
    front: dict = field(default_factory=dict)
    # A PDF's text page by page, as extracted: cleaning turns it into `lines`.
    page_texts: list[str] = field(default_factory=list)
    # A PDF's marginal notes by page: (the start of the line beside it, the note); cleaning puts
    # each on its line (`Line.note`).
    margin_notes: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    # The names of the cleaning steps (`indexer.clean.CLEANING_STEPS`) it has been through.
    cleaned: tuple[str, ...] = ()
