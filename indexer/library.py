"""The library: one data home holding stored documents, the working catalogue and the index.

    home/catalogue.json      what is installed (file, sha256, source) and added entries
    home/documents/ID/FILE   the stored source files
    home/index/              the Whoosh index of passages

The facade every command goes through:

    lib = Library(home)
    lib.fetch(["c097"], mirror=Path("../shared/corpus"))
    lib.passages("C97")            # aliases resolve
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from . import index as windex
from .catalogue import Catalogue, Entry, builtin_path, load_catalogue, new_entry, validate_entry
from .errors import (BadFile, CatalogueError, DuplicateDocument, FetchError, InvalidMetadata,
                     LexmigError, NoText)
from .passage import Passage
from .readers import read_bytes, read_file
from .segment import Segmentation, segment

STATE_VERSION = 1
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
LOCK_TIMEOUT = 10.0


def default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("lexmig", appauthor=False))


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_atomic(path: Path, data: bytes):
    """Write through a temporary file and a rename: readers see the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@dataclass
class FetchResult:
    doc_id: str
    ok: bool
    message: str


@dataclass
class AddResult:
    entry: Entry
    passages: int
    stats: dict = field(default_factory=dict)


class Library:
    def __init__(self, home: Path | None = None, notify=None, max_bytes: int = DEFAULT_MAX_BYTES):
        self.home = Path(home) if home else default_home()
        self.state_path = self.home / "catalogue.json"
        self.index_path = self.home / "index"
        self.documents_path = self.home / "documents"
        self.notify = notify or (lambda message: print(message, file=sys.stderr))
        self.max_bytes = max_bytes
        self._builtin = load_catalogue()
        self._state = self._load_state()
        self.catalogue = self._merged_catalogue()

    # -- state ------------------------------------------------------------------------------

    def _load_state(self) -> dict:
        try:
            raw = self.state_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {"lexmig": STATE_VERSION, "installed": {}, "entries": {}}
        try:
            state = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CatalogueError(f"{self.state_path}: not valid JSON ({exc.msg}, line {exc.lineno}); "
                                 "restore it from a backup or remove it and fetch again.") from None
        if not isinstance(state, dict) or state.get("lexmig") != STATE_VERSION:
            raise CatalogueError(f"{self.state_path}: not a lexmig {STATE_VERSION} working catalogue.")
        return state

    def _save_state(self):
        data = json.dumps(self._state, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        write_atomic(self.state_path, data.encode("utf-8"))

    def _merged_catalogue(self) -> Catalogue:
        entries = dict(self._builtin.entries)
        for doc_id, raw in self._state.get("entries", {}).items():
            entries[doc_id] = validate_entry(raw, str(self.state_path.name))
        return Catalogue(entries)

    def installed(self) -> dict[str, dict]:
        """doc_id -> {"path", "sha256", "source"} for every document whose text we have."""
        found: dict[str, dict] = {}
        for entry in self.catalogue:
            if entry.builtin:
                path = builtin_path().parent / entry.builtin
                found[entry.id] = {"path": path, "sha256": sha256_bytes(path.read_bytes()),
                                   "source": "built in"}
        for doc_id, record in self._state.get("installed", {}).items():
            found[doc_id] = dict(record, path=self.home / record["file"])
        return found

    # -- getting documents in ------------------------------------------------------------

    def fetch(self, ids: list[str], mirror: Path | None = None) -> list[FetchResult]:
        """Install catalogue documents from a mirror folder, or from their official address."""
        installed = self.installed()
        if not ids:
            if mirror is not None:
                ids = sorted(e.id for e in self.catalogue if (mirror / e.id / "provenance.json").is_file())
            else:
                ids = [e.id for e in self.catalogue if e.id not in installed]
        results: list[FetchResult] = []
        prepared: dict[str, tuple[str, list[Passage]]] = {}
        for name in ids:
            entry = self.catalogue.find(name)
            if entry is None:
                results.append(FetchResult(name, False, f"{name}: not in the catalogue; add a file "
                                                        "with: lexmig add FILE --id ID"))
                continue
            try:
                data, file_name, source = (self._from_mirror(entry, mirror) if mirror is not None
                                           else self._download(entry))
                sha = sha256_bytes(data)
                if installed.get(entry.id, {}).get("sha256") == sha:
                    results.append(FetchResult(entry.id, True, f"{entry.id}: already installed"))
                    continue
                seg = segment(read_bytes(data, file_name), entry.id)
                if not seg.passages:
                    raise BadFile(f"{file_name}: no passages found")
                stored = self.documents_path / entry.id / file_name
                write_atomic(stored, data)
                self._state["installed"][entry.id] = {
                    "file": str(stored.relative_to(self.home)), "sha256": sha, "source": source,
                    "installed": _now(),
                }
                prepared[entry.id] = (sha, seg.passages)
                results.append(FetchResult(entry.id, True,
                                           f"{entry.id}: installed from {source} ({len(seg.passages)} passages)"))
            except LexmigError as exc:
                results.append(FetchResult(entry.id, False, f"{entry.id}: {exc}"))
        if prepared:
            self.update_index(prepared=prepared)
            self._save_state()
        return results

    def _from_mirror(self, entry: Entry, mirror: Path) -> tuple[bytes, str, str]:
        folder = mirror / entry.id
        try:
            provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise FetchError(f"not in the mirror ({folder} has no provenance.json)") from None
        except (OSError, json.JSONDecodeError) as exc:
            raise FetchError(f"{folder / 'provenance.json'} cannot be read ({exc})") from None
        file_name = provenance.get("file")
        if not isinstance(file_name, str) or "/" in file_name or file_name.startswith("."):
            raise FetchError(f"{folder / 'provenance.json'} names no plain 'file'")
        try:
            data = (folder / file_name).read_bytes()
        except OSError as exc:
            raise FetchError(f"{folder / file_name} cannot be read ({exc.strerror})") from None
        expected = provenance.get("sha256")
        if expected and sha256_bytes(data) != expected:
            raise FetchError(f"{folder / file_name} does not match the sha256 in provenance.json; "
                             "the mirror copy is damaged")
        return data, file_name, f"mirror {mirror}"

    def _download(self, entry: Entry) -> tuple[bytes, str, str]:
        if not entry.url:
            raise FetchError("no official address in the catalogue; add a copy with: "
                             f"lexmig add FILE --id {entry.id}")
        try:
            with urllib.request.urlopen(entry.url, timeout=20) as response:
                data = response.read(self.max_bytes + 1)
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = (f"HTTP {exc.code} {exc.reason}" if isinstance(exc, urllib.error.HTTPError)
                      else getattr(exc, "reason", exc))
            raise FetchError(f"cannot download {entry.url} ({reason}); use --mirror DIR or "
                             f"lexmig add FILE --id {entry.id}") from None
        if len(data) > self.max_bytes:
            raise FetchError(f"{entry.url} is over the size limit of {self.max_bytes:,} bytes")
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", entry.url.rstrip("/").rsplit("/", 1)[-1])[:80] or "download"
        return data, name, entry.url

    def add(self, path: Path, meta: dict | None = None) -> AddResult:
        """Add a local file. Everything is checked before anything is written."""
        meta = {k: v for k, v in (meta or {}).items() if v not in (None, "", ())}
        path = Path(path)
        source = read_file(path, self.max_bytes)
        data = path.read_bytes()
        sha = sha256_bytes(data)
        for doc_id, record in self.installed().items():
            if record["sha256"] == sha:
                raise DuplicateDocument(f"{path.name}: the same file is already in the library as "
                                        f"'{doc_id}'; nothing to add.")
        doc_id = meta.get("id") or _slug(path.stem)
        existing = self.catalogue.find(doc_id)
        if existing is not None and existing.id in self.installed():
            raise DuplicateDocument(f"'{existing.id}' is already in the library; choose another "
                                    "--id for this file.")
        if existing is not None:
            entry = existing  # a catalogued document whose text we did not have
            extra = set(meta) - {"id"}
            if extra:
                raise InvalidMetadata(f"'{entry.id}' is described by the catalogue; drop "
                                      f"--{sorted(extra)[0].replace('_', '-')} (the catalogue's value is used).")
        else:
            if "id" not in meta and not re.match(r"^[a-z0-9][a-z0-9-]*$", doc_id):
                raise InvalidMetadata(f"{path.name}: no id can be made from the file name; give one "
                                      "with --id (like 'c143').")
            title = meta.get("title") or _first_heading(source) or path.stem
            raw = {
                "id": doc_id, "type": meta.get("type", "document"), "body": meta.get("body", "Unknown"),
                "title": title, "cite_as": meta.get("cite_as") or title,
                "short_title": meta.get("short_title") or doc_id.upper(),
                "languages": [meta.get("lang", "en")], "text_available": True,
            }
            for key in ("adopted", "symbol", "url"):
                if key in meta:
                    raw[key] = meta[key]
            if "aliases" in meta:
                raw["aliases"] = list(meta["aliases"])
            entry = new_entry(raw)
            self.catalogue.with_entry(entry)  # checks that its names are free
        seg = segment(source, entry.id)
        if not seg.passages:
            raise BadFile(f"{path.name}: no text could be segmented into passages; check the file.")
        stored = self.documents_path / entry.id / _safe_name(path.name)
        write_atomic(stored, data)
        try:
            self.catalogue = self.catalogue.with_entry(entry)
            self.update_index(prepared={entry.id: (sha, seg.passages)})
        except BaseException:
            stored.unlink(missing_ok=True)
            self.catalogue = self._merged_catalogue()
            raise
        if existing is None:
            self._state["entries"][entry.id] = entry.to_dict()
        self._state["installed"][entry.id] = {
            "file": str(stored.relative_to(self.home)), "sha256": sha, "source": f"added {path.resolve()}",
            "installed": _now(),
        }
        self._save_state()
        return AddResult(entry, len(seg.passages), seg.stats)

    # -- the index ----------------------------------------------------------------------------

    def segment_document(self, doc_id: str) -> Segmentation:
        record = self.installed()[doc_id]
        return segment(read_file(record["path"]), doc_id)

    def index_is_current(self) -> bool:
        if not windex.exists(self.index_path):
            return False
        wanted = {d: r["sha256"] for d, r in self.installed().items()}
        return windex.read_manifest(self.index_path) == wanted

    def ensure_index(self):
        """The open index, built or brought up to date first where needed (saying so)."""
        if not windex.exists(self.index_path):
            reason = "index format changed" if windex.version(self.index_path) else "first use"
            self.notify(f"Building the index in {self.index_path} ({reason}) ...")
            self.update_index(rebuild=True)
        elif not self.index_is_current():
            self.update_index()
        return windex.open_index(self.index_path)

    def update_index(self, rebuild: bool = False, prepared: dict | None = None) -> dict:
        """Bring the index in line with the installed documents; returns what changed."""
        prepared = dict(prepared or {})
        wanted = {d: r["sha256"] for d, r in self.installed().items()}
        for doc_id, (sha, _) in prepared.items():
            wanted[doc_id] = sha
        started = time.perf_counter()
        if rebuild or not windex.exists(self.index_path):
            new = self.index_path.with_name("index.new")
            if new.exists():
                shutil.rmtree(new)
            ix = windex.create(new)
            have: dict[str, str] = {}
        else:
            new = None
            ix = windex.open_index(self.index_path)
            have = windex.read_manifest(self.index_path)
            if have is None:
                have = windex.indexed_documents(ix)
        changed = [d for d in wanted if have.get(d) != wanted[d]]
        removed = [d for d in have if d not in wanted]
        passages = 0
        if changed or removed or new is not None:
            writer = windex.writer(ix, LOCK_TIMEOUT)
            try:
                for doc_id in removed:
                    writer.delete_by_term("doc_id", doc_id)
                for doc_id in changed:
                    sha, found = prepared.get(doc_id) or (wanted[doc_id], self.segment_document(doc_id).passages)
                    windex.add_document(writer, self.catalogue.get(doc_id), sha, found)
                    passages += len(found)
                writer.commit()
            except BaseException:
                writer.cancel()
                raise
            windex.write_manifest(new or self.index_path, wanted)
            if new is not None:
                windex.swap_in(new, self.index_path)
        elif windex.read_manifest(self.index_path) != wanted:
            windex.write_manifest(self.index_path, wanted)
        summary = {"documents": len(changed), "removed": len(removed), "passages": passages,
                   "seconds": round(time.perf_counter() - started, 2), "rebuilt": new is not None}
        return summary

    def passages(self, name: str) -> tuple[Entry, list[Passage]]:
        entry = self.catalogue.resolve(name)
        if entry.id not in self.installed():
            raise NoText(f"'{entry.id}' is catalogued but its text is not installed; get it with "
                         f"lexmig fetch {entry.id} (or lexmig add FILE --id {entry.id}).")
        ix = self.ensure_index()
        return entry, windex.document_passages(ix, entry.id)


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60]


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).lstrip(".") or "document"


def _first_heading(source) -> str | None:
    for line in source.lines[:20]:
        if line.heading:
            return line.text
    return None
