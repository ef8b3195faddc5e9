"""The library's records: what its functions return, typed and (where nothing changes them
after they are made) frozen. The passage record is `indexer.passage.Passage`; a catalogue
record is `indexer.catalogue.Entry`.

    lib.installed()["c097"]        InstalledDoc   a document whose text the library holds
    lib.prepare(path).report       QualityReport  what a librarian checks before it goes in
    lib.update_index()             IndexSummary   what an index update changed
    lib.fetch([...])               [FetchResult]  one per document asked for
    lib.mirror_extras(mirror)      [MirrorExtra]  a mirror folder the catalogue does not describe
    lib.verify()                   [Problem]      a problem and the command that fixes it
    lib.repair()                   Repairs        what verify --fix did
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # segment imports the readers: a search never needs them
    from .catalogue import Entry
    from .segment import Segmentation


@dataclass(frozen=True)
class InstalledDoc:
    """A document whose text the library holds: the built-in note, or a stored file."""

    doc_id: str
    path: Path  # the stored file (or the built-in note's file in the package)
    sha256: str
    source: str  # where it came from: "built in", a mirror folder, an address, "added /path"
    file: str | None = None  # the stored file, relative to the data home (None when built in)
    installed: str | None = None  # when, ISO 8601 (UTC)
    passages: int | None = None  # as counted when it was stored
    fingerprint: str | None = field(default=None, repr=False)  # its first words, to warn of near-duplicates
    builtin: bool = False

    @classmethod
    def from_record(cls, doc_id: str, record: dict, path: Path) -> InstalledDoc:
        """From the working catalogue's record of a stored file (catalogue.json)."""
        return cls(doc_id, path, record["sha256"], record["source"], file=record["file"],
                   installed=record.get("installed"), passages=record.get("passages"),
                   fingerprint=record.get("fingerprint"))


@dataclass(frozen=True)
class QualityReport:
    """What a librarian checks before a document goes in (`lexmig add` prints it)."""

    file: str
    format: str  # pdf, html, markdown, text
    pages: int  # 0 for a format without pages
    pages_without_text: list[int]
    ocr_pages: list[int]  # pages whose text was recognised from their image
    characters: int
    units: dict[str, int]  # "article:en" -> how many
    hyphenations_repaired: int
    header_footer_lines_removed: int
    boilerplate_lines_removed: int
    glued_words_split: int
    glued_word_ratio: float  # share of words of 18 letters or more: words glued together
    footnotes: int
    structured: bool  # any legal structure found
    blank_pages: list[int] = field(default_factory=list)  # of the pages without text, those without images too

    def to_json(self) -> dict:
        return dataclasses.asdict(self)


@dataclass(frozen=True)
class IndexSummary:
    """What bringing the index up to date changed."""

    documents: int  # documents (re)indexed
    removed: int  # documents taken out
    passages: int  # passages indexed
    seconds: float
    rebuilt: bool  # built from scratch

    @property
    def changed(self) -> bool:
        return bool(self.documents or self.removed or self.rebuilt)


@dataclass(frozen=True)
class FetchResult:
    """What fetch did with one document: installed it (`source` and `passages` set), found it
    already installed (`source` empty), or not (`error`: the one-line reason)."""

    doc_id: str
    ok: bool
    error: str = ""
    source: str = ""  # where it was installed from: "mirror DIR" or the official address
    passages: int = 0
    checked: bool = True  # False: the mirror recorded no sha256, so the copy was not checked


@dataclass(frozen=True)
class MirrorExtra:
    """A mirror folder the catalogue does not describe, and the file `lexmig add` would take."""

    folder: str
    file: Path
    doc_id: str


@dataclass(frozen=True)
class Repairs:
    """What `lexmig verify --fix` did."""

    # Files no catalogue entry names: (where it was, relative to the home; where it was moved
    # to under HOME/unlisted, or "" for a killed write's temporary file, deleted).
    set_aside: tuple[tuple[str, str], ...] = ()
    removed_folders: tuple[str, ...] = ()  # empty document folders
    unfinished: int = 0  # unfinished index files removed
    damaged: str = ""  # why the index was found damaged (then rebuilt)
    purged: int = 0  # deleted passages merged away
    index: IndexSummary | None = None  # the index update, when it changed anything
    ocr_folders: tuple[str, ...] = ()  # temporary folders of OCR runs that were killed, removed
    ocr_stuck: tuple[tuple[str, str], ...] = ()  # (folder, why) of those that could not be removed


@dataclass
class Prepared:
    """A document read, segmented and checked, not yet stored."""

    entry: Entry
    data: bytes
    file_name: str
    source: str
    sha: str
    segmentation: Segmentation
    report: QualityReport
    warnings: list[str] = field(default_factory=list)
    new_entry: bool = True


@dataclass(frozen=True)
class Problem:
    """What `verify` found, and the command that fixes it."""

    message: str
    fix: str
