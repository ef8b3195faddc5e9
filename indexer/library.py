"""The library: one data home holding stored documents, the working catalogue and the index.

    home/catalogue.json      what is installed (file, sha256, source) and added entries
    home/documents/ID/FILE   the stored source files
    home/index -> index-N/   the Whoosh index of passages (a link swapped atomically)
    home/lexmig.lock         held (flock) by the process that changes the library

The facade every command goes through:

    lib = Library(home)
    lib.fetch(["c097"], mirror=Path("../shared/corpus"))
    lib.add([Path("c143.pdf")], {"id": "c143"})
    lib.passages("C97")            # aliases resolve

Every change follows one order, so that a process killed at any moment leaves a library
that `verify` finds clean or repairs with one command (`lexmig verify --fix`), and that
search answers as before: stored files first (temp file + rename), then the index (one
Whoosh commit), then the catalogue (temp file + rename). Search only shows documents the
catalogue lists, so an index change without its catalogue change stays invisible.
"""

from __future__ import annotations

import contextlib
import copy
import datetime
import fcntl
import hashlib
import json
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import time
from pathlib import Path

from . import index as windex
from . import settings
from .catalogue import ID_RE, Catalogue, Entry, builtin_path, load_catalogue, load_toml, new_entry, validate_entry
from .errors import (BadFile, CatalogueError, DuplicateDocument, FetchError, IndexDamaged, InvalidMetadata,
                     LexmigError, LibraryLocked, NotInstalled, WriteFailed)
from .kinds import FINGERPRINT_KINDS
from .models import FetchResult, IndexSummary, InstalledDoc, MirrorExtra, Prepared, Problem, QualityReport, Repairs
from .passage import Passage
from .source import SourceText

# Reading and segmenting (readers, clean, segment) and downloading (urllib) are imported
# where they are used: a search never needs them, and its start-up time is what users feel.

STATE_VERSION = 1
DEFAULT_MAX_BYTES = 50 * 1024 * 1024
DEFAULT_LOCK_WAIT = 30.0
DEFAULT_FETCH_DEADLINE = 300.0  # seconds for a whole download
FINGERPRINT_CHARS = 4000
# A file given to `update` is another document when its text is less like the stored one's
# (rapidfuzz ratio of the fingerprints) and its title less like the document's full names
# than these: the reference corpus's texts are 35-66% alike (the Covenants 85%), its
# renderings of one text 100%; its titles at most 86% like another's full name.
SAME_DOCUMENT_TEXT, SAME_DOCUMENT_TITLE = 70, 90
MAX_META_BYTES = 64 * 1024  # a sidecar metadata file
META_KEYS = {"id", "title", "short_title", "cite_as", "type", "body", "date", "adopted", "symbol", "lang",
             "url", "aliases", "long_title", "number", "author", "event", "place", "country"}


def default_home() -> Path:
    from platformdirs import user_data_dir

    return Path(user_data_dir("lexmig", appauthor=False))


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fault(point: str):
    """Fault injection for the crash tests: LEXMIG_FAULT=point kills this process there."""
    if point in settings.faults():
        os.kill(os.getpid(), signal.SIGKILL)


_HELD_LOCKS: set[int] = set()  # descriptors of the library locks this process holds
_FORKING: list[int] = [0]  # the pid of the process that forks


def _after_fork_in_child():
    """A process forked while a library lock is held (Whoosh's indexing workers) must not
    keep the lock when its parent is killed, and must not outlive it."""
    if not _HELD_LOCKS:
        return
    # Its errors (a full disk) are its parent's to report, in one line: multiprocessing
    # would print each worker's traceback.
    sys.stderr = open(os.devnull, "w")  # for the life of the process
    null = os.open(os.devnull, os.O_RDONLY)
    for fd in _HELD_LOCKS:
        os.dup2(null, fd)  # the descriptor stays valid, but no longer refers to the lock file
    os.close(null)
    _HELD_LOCKS.clear()
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG (Linux)
        if os.getppid() != _FORKING[0]:  # the parent died before that took effect
            os._exit(1)


os.register_at_fork(before=lambda: _FORKING.__setitem__(0, os.getpid()), after_in_child=_after_fork_in_child)


def _dead(pid: str) -> bool:
    """Whether the process with this id (as a lock file records it) no longer exists."""
    if not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return False


def ocr_leftovers() -> list[Path]:
    """This user's temporary folders of OCR runs that are over (killed outright:
    indexer.ocr): nobody holds the folder's IN_USE lock, or, before the run made it, the
    process its name gives is gone. Another user's folders are theirs to remove."""
    from .ocr import TEMPORARY_PREFIX

    found = []
    for folder in Path(tempfile.gettempdir()).glob(TEMPORARY_PREFIX + "*"):
        pid = folder.name[len(TEMPORARY_PREFIX):].split("-", 1)[0]
        try:
            info = folder.lstat()
        except OSError:  # removed meanwhile
            continue
        if stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid():
            held = _in_use(folder)
            if held is False or (held is None and _dead(pid)):
                found.append(folder)
    return sorted(found)


def _in_use(folder: Path) -> bool | None:
    """Whether a live OCR run holds the folder's IN_USE lock; None when there is no such file."""
    from .ocr import IN_USE

    try:
        fd = os.open(folder / IN_USE, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    except OSError:  # unreadable: not ours to judge
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # (closing releases a lock just taken)
    return False


def remove_ocr_leftovers() -> tuple[list[str], list[tuple[str, str]]]:
    """Remove `ocr_leftovers()`: (the folders removed, (folder, why) of those that could not be)."""
    removed, failed = [], []
    for folder in ocr_leftovers():
        try:
            shutil.rmtree(folder)
            removed.append(str(folder))
        except OSError as exc:
            failed.append((str(folder), exc.strerror or str(exc)))
    return removed, failed


def _same_file(handle, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


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


class Library:
    def __init__(self, home: Path | None = None, notify=None, max_bytes: int = DEFAULT_MAX_BYTES,
                 lock_wait: float | None = None):
        self.home = Path(home) if home else default_home()
        self.state_path = self.home / "catalogue.json"
        self.index_path = self.home / "index"
        self.documents_path = self.home / "documents"
        self.unlisted_path = self.home / "unlisted"  # where verify --fix sets aside files no entry names
        self.lock_path = self.home / "lexmig.lock"
        self.notify = notify or (lambda message: print(message, file=sys.stderr))
        self.max_bytes = max_bytes
        self.fetch_deadline = settings.fetch_deadline(DEFAULT_FETCH_DEADLINE)
        self.lock_wait = float(settings.lock_wait() or DEFAULT_LOCK_WAIT) if lock_wait is None else lock_wait
        self._builtin = load_catalogue()
        self._builtin_fingerprints: dict[str, str] = {}  # the built-in note's, computed once
        self._reload()

    def _reload(self):
        self._resolved: dict[str, Path | None] = {}  # _stored_path's answers for this state
        self._documents_resolved: Path | None = None
        self._state = self._load_state()
        self.catalogue = self._merged_catalogue()
        self._installed = None

    # -- state ------------------------------------------------------------------------------

    def _load_state(self) -> dict:
        try:
            raw = self.state_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {"lexmig": STATE_VERSION, "installed": {}, "entries": {}, "hidden": []}
        try:
            state = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise CatalogueError(f"{self.state_path}: not valid JSON ({exc.msg}, line {exc.lineno}); "
                                 "restore it from a backup, or remove it and fetch again.") from None
        except RecursionError:
            raise CatalogueError(f"{self.state_path}: its values nest too deeply to read; restore it from a "
                                 "backup, or remove it and fetch again.") from None
        if not isinstance(state, dict) or state.get("lexmig") != STATE_VERSION:
            raise CatalogueError(f"{self.state_path}: not a lexmig {STATE_VERSION} working catalogue.")
        state.setdefault("hidden", [])
        state.setdefault("entries", {})
        state.setdefault("installed", {})
        for key, kind in (("installed", dict), ("entries", dict), ("hidden", list)):
            if not isinstance(state[key], kind):
                raise CatalogueError(f"{self.state_path}: '{key}' must be a {'table' if kind is dict else 'list'}; "
                                     "restore the file from a backup, or remove it and fetch again.")
        for doc_id, record in state["installed"].items():
            self._check_record(doc_id, record)
        return state

    def _check_record(self, doc_id: str, record):
        """An installed document's record: its fields, and a stored file inside the data home
        (a hand-edited catalogue once made update and verify --fix delete a file elsewhere)."""
        def fail(problem: str):
            raise CatalogueError(f"{self.state_path}: installed document '{doc_id}': {problem}; fix or remove "
                                 "that entry (or remove the file and fetch again).")

        if not isinstance(record, dict):
            fail("not a table of fields")
        for key in ("file", "sha256", "source"):
            if not isinstance(record.get(key), str) or not record[key].strip():
                fail(f"field '{key}' is missing or not a string")
        if not re.fullmatch(r"[0-9a-f]{64}", record["sha256"]):
            fail("field 'sha256' is not a sha256")
        if record.get("passages") is not None and (not isinstance(record["passages"], int)
                                                   or isinstance(record["passages"], bool)):
            fail("field 'passages' is not a number")
        if not self._stored_path(record["file"]):
            fail(f"its file '{record['file']}' is outside {self.documents_path}")

    def _stored_path(self, file: str) -> Path | None:
        """Where a recorded file is, resolved; None when that is outside home/documents.
        Answered once per file and state read (checking the state and listing the installed
        documents both ask, for every document: thousands of path resolutions at start-up)."""
        if file not in self._resolved:
            if self._documents_resolved is None:
                self._documents_resolved = self.documents_path.resolve()
            documents = self._documents_resolved
            plain = _plain_under(documents, file)  # inside documents/ by construction
            path = plain or (self.home / file).resolve()
            self._resolved[file] = path if plain or (path.is_relative_to(documents) and path != documents) else None
        return self._resolved[file]

    def _save_state(self):
        data = json.dumps(self._state, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
        self._installed = None
        write_atomic(self.state_path, data.encode("utf-8"))

    def _merged_catalogue(self) -> Catalogue:
        entries = dict(self._builtin.entries)
        for doc_id, raw in self._state.get("entries", {}).items():
            entries[doc_id] = validate_entry(raw, str(self.state_path.name))
        return Catalogue(entries)

    def installed(self) -> dict[str, InstalledDoc]:
        """Every document whose text we have, by id."""
        if self._installed is None:
            self._installed = self._find_installed()
        return self._installed

    def _find_installed(self) -> dict[str, InstalledDoc]:
        found: dict[str, InstalledDoc] = {}
        for entry in self.catalogue:
            if entry.builtin and entry.id not in self._state["hidden"]:
                path = builtin_path().parent / entry.builtin
                found[entry.id] = InstalledDoc(entry.id, path, sha256_bytes(path.read_bytes()), "built in",
                                               builtin=True)
        for doc_id, record in self._state.get("installed", {}).items():
            if doc_id not in self.catalogue:  # left out until verify --fix sets its file aside
                continue
            path = self._stored_path(record["file"])
            assert path is not None  # a file outside documents/ is refused when the state is read
            found[doc_id] = InstalledDoc.from_record(doc_id, record, path)
        return found

    def _undescribed(self) -> list[str]:
        """Ids the working catalogue records as installed that no catalogue entry describes (an
        added entry deleted by hand, a built-in entry another lexmig version no longer has):
        every command that read the index once stopped at them; now search leaves them out,
        verify names them and --fix sets their files aside in HOME/unlisted."""
        return sorted(doc_id for doc_id in self._state["installed"] if doc_id not in self.catalogue)

    # -- the lock -------------------------------------------------------------------------------

    @contextlib.contextmanager
    def lock(self):
        """Hold the library for one change. Waits up to `lock_wait` seconds for another process.

        The lock is an flock, which the kernel releases when every process holding the file
        open has died: a lock file left by a killed process is stale, is detected as such
        (nobody holds it) and is taken over. Processes forked while it is held (Whoosh's
        indexing workers) do not keep it and die with their parent; a lock still held after
        the process that took it has died (by such workers of an earlier version) is taken
        over too.
        """
        self.home.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + self.lock_wait
        orphaned_since = None
        while True:
            try:
                handle = open(self.lock_path, "a+")
            except OSError as exc:  # a read-only home (a mount, a backup copy), a home one may not write to
                raise WriteFailed(f"cannot change the library in {self.home}: {exc.strerror or exc}; make it "
                                  "writable, or choose another home with --home (nothing was changed).") from None
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                if _same_file(handle, self.lock_path):
                    break
                handle.close()  # taken over meanwhile: lock the file that is there now
                continue
            except BlockingIOError:
                handle.seek(0)
                holder = handle.read().strip() or "unknown"
                handle.close()
            if _dead(holder):
                # Held, but the process that took it is gone: its forked children hold it.
                # Seen twice, a second apart, so as not to catch a new holder before it has
                # written its pid.
                orphaned_since = orphaned_since or time.monotonic()
                if time.monotonic() - orphaned_since >= 1.0 and self._take_over(holder):
                    self.notify(f"Took over the lock of {self.home}, left by a killed lexmig process (pid {holder}).")
                    orphaned_since = None
                    continue
            else:
                orphaned_since = None
            if time.monotonic() >= deadline:
                raise LibraryLocked(
                    f"another lexmig process (pid {holder}) is changing {self.home}; waited "
                    f"{self.lock_wait:g} s. Try again when it has finished, or wait longer with "
                    "--wait SECONDS.") from None
            time.sleep(0.05)
        try:
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            _HELD_LOCKS.add(handle.fileno())
            self._reload()  # what another process committed while we waited
            yield
        finally:
            _HELD_LOCKS.discard(handle.fileno())
            handle.close()

    def _take_over(self, holder: str) -> bool:
        """Replace a lock file whose holder is dead by a fresh one (another inode, so the
        orphans' lock no longer counts). One process at a time, checked again under a guard."""
        guard_path = self.lock_path.with_name(self.lock_path.name + ".takeover")
        with open(guard_path, "a+") as guard:
            fcntl.flock(guard, fcntl.LOCK_EX)
            with open(self.lock_path, "a+") as current:
                current.seek(0)
                if current.read().strip() != holder:
                    return False  # another process took it over first
                try:
                    fcntl.flock(current, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    fcntl.flock(current, fcntl.LOCK_UN)
                    return True  # free after all: lock it the ordinary way
                except BlockingIOError:
                    pass
            fd, tmp = tempfile.mkstemp(prefix=f".{self.lock_path.name}.", dir=self.home)
            os.close(fd)
            os.replace(tmp, self.lock_path)
        return True

    # -- preparing documents ----------------------------------------------------------------

    def prepare(self, path: Path, meta: dict | None = None, accept_unstructured: bool = False,
                ocr: str | None = None, batch: Catalogue | None = None) -> Prepared:
        """Read, segment and check a local file, with its quality report; nothing is stored.

        `ocr` (Tesseract languages, "eng"): a scanned PDF gets an OCR text layer first, and
        that copy is what is stored (indexer.ocr); the temporary folders of OCR runs that
        were killed are removed first. `batch`: the catalogue with the entries of the files
        added before it in the same command, whose names a new entry must not take."""
        from .readers import shown

        meta = self._metadata(path, meta)
        path = Path(path)
        name = shown(path.name)  # as messages show it
        data, source, stored_name = self._read(path, name, ocr)
        doc_id = meta.get("id") or _slug(path.stem)
        existing = self.catalogue.find(doc_id)
        installed = self.installed()
        if existing is not None and existing.id in installed and existing.id != doc_id and "id" not in meta:
            # "note.md" was "'ecosoc-2006-rt6' is already in the library; ... lexmig update ecosoc-2006-rt6 note.md":
            # followed, that advice replaced the founding note with an unrelated file
            raise DuplicateDocument(f"{name}: its name '{doc_id}' is already a name of '{existing.id}' "
                                    f"({existing.short_title}); give the file an id of its own with --id.")
        if existing is not None and existing.id in installed:
            raise DuplicateDocument(f"'{existing.id}' is already in the library; choose another --id, "
                                    f"or replace its text with: lexmig update {existing.id} {shown(path)}")
        if existing is not None:
            entry = existing  # a catalogued document whose text we did not have
            extra = sorted(set(meta) - {"id", _DATE_NAMED})
            if extra:
                option = extra[0].replace("_", "-").replace("adopted", "date")
                raise InvalidMetadata(f"'{entry.id}' is described by the catalogue; drop --{option} "
                                      "(the catalogue's value is used).")
        else:
            if "id" not in meta and not re.match(r"^[a-z0-9][a-z0-9-]*$", doc_id):
                raise InvalidMetadata(f"{name}: no id can be made from the file name; give one "
                                      "with --id (like 'c143').")
            entry = self._new_entry(doc_id, meta, source, path, batch or self.catalogue)
        prepared = self._check(entry, data, name, f"added {path.resolve()}", source, accept_unstructured,
                               new=existing is None)
        prepared.file_name = stored_name
        return prepared

    def _read(self, path: Path, name: str, ocr: str | None) -> tuple[bytes, SourceText, str]:
        """A local file's bytes and text as they will be stored, and the name to store them
        under: with `ocr` (Tesseract languages), the PDF with the text layer OCR made (of an
        image too: "scan.png" is stored as "scan.pdf"), the temporary folders of OCR runs that
        were killed removed first."""
        from .ocr import read_with_ocr
        from .readers import detect_format, load_file, read_bytes

        data = load_file(path, self.max_bytes)
        if not ocr:
            return data, read_bytes(data, name), _safe_name(name)
        remove_ocr_leftovers()  # what it cannot remove, `lexmig verify` names
        was_pdf = detect_format(data) == "pdf"
        data, source = read_with_ocr(data, name, ocr, self.notify)
        return data, source, _safe_name(f"{Path(name).stem}.pdf" if source.format == "pdf" and not was_pdf else name)

    def _metadata(self, path: Path, meta: dict | None) -> dict:
        """Options given on the command line over those of a sidecar TOML file (--meta)."""
        from .readers import regular_file_size

        _refuse_bad_id(meta, self.catalogue)
        meta = {k: v for k, v in (meta or {}).items() if v not in (None, "", ())}
        sidecar = meta.pop("meta", None)
        if sidecar:
            with contextlib.suppress(OSError):  # a missing file is named by load_toml
                try:
                    size = regular_file_size(sidecar, "a TOML metadata file")  # a FIFO would block or never end
                except BadFile as exc:
                    raise InvalidMetadata(str(exc)) from None
                if size > MAX_META_BYTES:
                    raise InvalidMetadata(f"{sidecar}: over {MAX_META_BYTES // 1024} KB; a metadata file holds a few "
                                          "short fields (title, type, date ...).")
            loaded = load_toml(sidecar, InvalidMetadata, "no such metadata file; check the --meta path.")
            unknown = sorted(set(loaded) - META_KEYS)
            if unknown:
                raise InvalidMetadata(f"{sidecar}: unknown key '{unknown[0]}' (known: {', '.join(sorted(META_KEYS))}).")
            for key, value in loaded.items():
                if key == "aliases" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                    raise InvalidMetadata(f"{sidecar}: 'aliases' must be a list of names, like aliases = "
                                          "[\"C143\", \"Convention No. 143\"].")
                if key != "aliases" and isinstance(value, (list, dict)):
                    raise InvalidMetadata(f"{sidecar}: '{key}' must be a single value, not a "
                                          f"{'list' if isinstance(value, list) else 'table'}.")
                if isinstance(value, (bool, float)):  # `title = true` was the title "True"
                    written = str(value).lower() if isinstance(value, bool) else str(value)
                    raise InvalidMetadata(f"{sidecar}: '{key}' must be text in quotes, like {key} = \"...\", not {written}.")
                if key != "id" and isinstance(value, str) and not value.strip():  # (an empty id says more below)
                    raise InvalidMetadata(f"{sidecar}: '{key}' is empty; give it a value, or leave the key out.")
            _refuse_bad_id(loaded, self.catalogue, f"{sidecar}: 'id'")
            if "adopted" in loaded and "adopted" not in meta and "date" not in loaded:
                meta[_DATE_NAMED] = "adopted"  # the one way to name the date otherwise than --date or `date =`
            meta = {**{k: str(v) if not isinstance(v, list) else v for k, v in loaded.items()}, **meta}
        if "date" in meta:  # (--date, given as "adopted", wins over a metadata file's `date`, as every option does)
            meta.setdefault("adopted", meta.pop("date"))
        return meta

    def _new_entry(self, doc_id: str, meta: dict, source, path: Path, catalogue: Catalogue) -> Entry:
        from .catalogue import normalise_name
        from .metadata import citing_names, country_of, document_metadata

        printed = document_metadata(source)  # what the document prints: title, symbol, date, language
        printed["adopted"] = printed.pop("date", "")  # (an empty value is dropped below)
        # A PDF's first page read by its reader, then the librarian's options, win.
        meta = {**{k: v for k, v in printed.items() if v}, **source.front, **meta}
        # failing all, the file's name, its underscores as the spaces they stand for
        title = meta.get("title") or " ".join(path.stem.replace("_", " ").split()) or path.stem
        # What the title and symbol say (body, cite_as, its own short name), where not given;
        # a name another entry has already (the same act in another language) is left out.
        taken = catalogue.names()
        derived = citing_names(title, meta.get("symbol"))
        if normalise_name(derived.get("short_title", "")) in taken:
            derived.pop("short_title")
        derived["aliases"] = [a for a in derived.get("aliases", []) if normalise_name(a) not in taken]
        if "body" not in derived and "country" not in meta:  # not a UN document or an EU act
            derived["country"] = country_of(source)
            derived["body"] = derived["country"]  # a national law's issuer: its state
        meta = {**{k: v for k, v in derived.items() if v}, **meta}
        raw = {
            "id": doc_id, "type": meta.get("type", "document"), "body": meta.get("body", "Unknown"),
            "title": title, "cite_as": meta.get("cite_as") or title,
            "short_title": meta.get("short_title") or doc_id.upper(),
            "languages": [meta["lang"]], "text_available": True,
        }
        for key in ("adopted", "symbol", "url", "long_title", "number", "author", "event", "place", "country"):
            if key in meta:
                raw[key] = meta[key]
        if "aliases" in meta:
            raw["aliases"] = list(meta["aliases"])
        try:
            entry = new_entry(raw)
        except InvalidMetadata as exc:  # the date named as typed (--date, `date =`), not the catalogue's 'adopted'
            raise InvalidMetadata(str(exc).replace("field 'adopted'", f"field '{meta.get(_DATE_NAMED, 'date')}'")) from None
        try:
            catalogue.with_entry(entry)
        except CatalogueError as exc:
            raise InvalidMetadata(str(exc).replace("catalogue:", "metadata:")) from None
        return entry

    def _check(self, entry: Entry, data: bytes, file_name: str, source_name: str, source,
               accept_unstructured: bool, new: bool) -> Prepared:
        from .segment import duplicate_ids, segment

        sha = sha256_bytes(data)
        installed = self.installed()
        same = _installed_as(installed, sha, other_than=entry.id)
        if same is not None:
            raise DuplicateDocument(f"{file_name}: the same file is already in the library as "
                                    f"'{same}'; nothing to add.")
        seg = segment(source, entry.id, allow_unstructured=accept_unstructured)
        report = quality_report(source, seg, file_name)
        links = seg.stats.get("link_share")
        if links and not accept_unstructured:
            raise BadFile(f"{file_name}: the page is a list of links ({links[0]} links, {links[1]:.0%} of its text: "
                          "search results or a list of documents), not a document's text; open the document in your "
                          "browser and save its own page, or add this one anyway with --accept-unstructured.")
        if not report.structured and seg.stats.get("sign_in_form") and not accept_unstructured:
            raise BadFile(f"{file_name}: the page is a sign-in form (it asks for a password), not the document; sign in "
                          "in your browser, open the document and save its page, then add that.")
        if not report.structured and not accept_unstructured:
            raise BadFile(f"{file_name}: no legal structure found (no articles, paragraphs, sections or "
                          "footnotes); check the file, or add it as one unit with --accept-unstructured.")
        empty = [n for n in report.pages_without_text if n not in report.blank_pages]  # blank: not a scan
        if report.pages and len(empty) * 2 > report.pages and not accept_unstructured:
            raise BadFile(f"{file_name}: {len(empty)} of {report.pages} pages have no text (scanned?); run "
                          "OCR on them with --ocr, or add it anyway with --accept-unstructured.")
        if not seg.passages:
            raise BadFile(f"{file_name}: no text could be segmented into passages; check the file.")
        repeated = duplicate_ids(seg.passages)
        if repeated:  # two units one citation cannot tell apart: never stored
            raise BadFile(f"{file_name}: two units would share the passage id '{repeated[0]}' ({len(repeated)} in "
                          "all); lexmig cannot cite them apart: report the file as a segmentation bug.")
        prepared = Prepared(entry, data, _safe_name(file_name), source_name, sha, seg, report, new_entry=new)
        prepared.warnings = self._near_duplicates(prepared, installed)
        return prepared

    def _fingerprint_of(self, doc_id: str, record: InstalledDoc) -> str | None:
        """An installed document's fingerprint (a built-in one's segmented once, not once per added file)."""
        theirs = record.fingerprint
        if theirs is None and record.builtin:
            theirs = self._builtin_fingerprints.get(doc_id)
            if theirs is None:
                theirs = self._builtin_fingerprints[doc_id] = _fingerprint(self.segment_document(doc_id))
        return theirs

    def _another_document(self, prepared: Prepared, record: InstalledDoc, source) -> str | None:
        """Why a file given to replace a document's text looks like another document (its text
        unlike the stored one's, and the title it prints none of the document's names), or None.
        The same text in another layout (a PDF for a web page) is 100% like it; two instruments
        of one family, the UN's two Protocols of 2000, 66%."""
        from rapidfuzz import fuzz

        from .catalogue import normalise_name
        from .metadata import document_metadata

        mine, theirs = _fingerprint(prepared.segmentation), self._fingerprint_of(prepared.entry.id, record)
        if not mine or not theirs:
            return None  # no English text to compare: not known to be another document
        similarity = fuzz.ratio(mine, theirs)
        if similarity >= SAME_DOCUMENT_TEXT:
            return None
        title = source.front.get("title") or document_metadata(source).get("title")
        if title:
            entry = prepared.entry  # its full names: a short one ("Convention No. 97") is in many titles
            names = [n for n in (entry.title, entry.cite_as, entry.long_title) if n]
            if max(fuzz.token_sort_ratio(normalise_name(title), normalise_name(n)) for n in names) >= SAME_DOCUMENT_TITLE:
                return None  # a new version of the same instrument
            return f"its text is {similarity:.0f}% like the stored one's and its title is '{title}'"
        return f"its text is {similarity:.0f}% like the stored one's"

    def _near_duplicates(self, prepared: Prepared, installed: dict) -> list[str]:
        from rapidfuzz import fuzz

        warnings = []
        mine = _fingerprint(prepared.segmentation)
        for doc_id, record in installed.items():
            if doc_id == prepared.entry.id:
                continue
            theirs = self._fingerprint_of(doc_id, record)
            if theirs and mine:
                similarity = fuzz.ratio(mine, theirs)
                if similarity >= 90:
                    warnings.append(f"its text is {similarity:.0f}% like '{doc_id}' (a near-duplicate?)")
        for entry in self.catalogue:
            if entry.id != prepared.entry.id and any(
                    fuzz.token_set_ratio(prepared.entry.title.lower(), name.lower()) >= 95
                    for name in (entry.title, entry.long_title) if name):
                warnings.append(f"its title matches '{entry.id}' ({entry.title})" + (
                    "" if entry.id in installed else f", whose text is not installed: add it with --id {entry.id}"))
        return warnings

    # -- getting documents in ------------------------------------------------------------

    def fetch(self, ids: list[str], mirror: Path | None = None) -> list[FetchResult]:
        """Install catalogue documents from a mirror folder, or from their official address."""
        from .readers import read_bytes

        installed = self.installed()
        if not ids:
            if mirror is not None:
                # a catalogued folder without its provenance.json fails saying so, not silently
                ids = sorted(e.id for e in self.catalogue if (mirror / e.id).is_dir())
            else:
                ids = [e.id for e in self.catalogue if e.id not in installed]
        results: list[FetchResult] = []
        ready: list[Prepared] = []
        asked: set[str] = set()
        for name in ids:
            entry = self.catalogue.find(name)
            if entry is None:
                results.append(FetchResult(name, False, "not in the catalogue; add a file with: lexmig add FILE --id ID"))
                continue
            if entry.id in asked:  # "fetch c181 C181": once, where it was installed (and counted) twice
                continue
            asked.add(entry.id)
            try:
                data, file_name, source, checked = (self._from_mirror(entry, mirror) if mirror is not None
                                                    else self._download(entry))
                if entry.id in installed and installed[entry.id].sha256 == sha256_bytes(data) \
                        and _intact(installed[entry.id]):  # a stored file deleted or damaged is installed again
                    results.append(FetchResult(entry.id, True))
                    continue
                prepared = self._check(entry, data, file_name, source, read_bytes(data, file_name),
                                       accept_unstructured=False, new=False)
                ready.append(prepared)
                results.append(FetchResult(entry.id, True, source=source,
                                           passages=len(prepared.segmentation.passages),
                                           checked=checked or mirror is None))
            except LexmigError as exc:
                results.append(FetchResult(entry.id, False, str(exc)))
        if ready:
            with self.lock():
                # Checked again under the lock: a document updated, removed or added by another
                # process while this one read the mirror keeps what that process stored (its text
                # was replaced by the mirror's; an added document removed meanwhile was installed
                # again with no catalogue entry).
                moved = {p.entry.id: how for p in ready if (how := self._changed_meanwhile(p.entry.id, installed))}
                results = [FetchResult(r.doc_id, False, f"was {moved[r.doc_id]} by another process meanwhile; not "
                                                        f"fetched (run lexmig fetch {r.doc_id} again to replace it).")
                           if r.doc_id in moved else r for r in results]
                ready = [p for p in ready if p.entry.id not in moved]
                if ready:
                    self.commit(ready, locked=True)
        return results

    def _changed_meanwhile(self, doc_id: str, read: dict[str, InstalledDoc]) -> str | None:
        """Under the lock, how another process changed `doc_id` since `read` (what was installed
        when this one started) was taken: "removed", "updated" or "added"; None if it did not."""
        now, was = self.installed().get(doc_id), read.get(doc_id)
        if doc_id in self.catalogue and (now and now.sha256) == (was and was.sha256):
            return None
        return "removed" if now is None else "updated" if was else "added"

    def _from_mirror(self, entry: Entry, mirror: Path) -> tuple[bytes, str, str, bool]:
        """A mirror copy's bytes, its file name, the source to record and whether its sha256
        was checked. Regular files only, within the size limit (`readers.load_file`)."""
        from .readers import load_file

        folder = mirror / entry.id
        provenance = _provenance(folder)
        if provenance is None:
            raise FetchError(f"not in the mirror ({folder} has no provenance.json)")
        file_name = provenance.get("file")
        if not isinstance(file_name, str) or "/" in file_name or file_name.startswith("."):
            raise FetchError(f"{folder / 'provenance.json'} names no plain 'file'")
        path = folder / file_name
        try:
            data = load_file(path, self.max_bytes)
        except BadFile as exc:
            raise FetchError(str(exc)) from None
        expected = provenance.get("sha256")
        if expected is not None and not isinstance(expected, str):
            raise FetchError(f"{folder / 'provenance.json'}: 'sha256' is not a string")
        if expected and sha256_bytes(data) != expected.lower():
            raise FetchError(f"{path} does not match the sha256 in provenance.json; the mirror copy is damaged")
        return data, file_name, f"mirror {mirror}", bool(expected)

    def mirror_extras(self, mirror: Path) -> list[MirrorExtra]:
        """Folders of a mirror that the catalogue does not describe, each with the file and id
        `lexmig add` would take (fetch installs catalogue documents only)."""
        extras = []
        for folder in sorted(p for p in Path(mirror).iterdir() if p.is_dir()):
            if self.catalogue.find(folder.name) is not None:
                continue
            try:
                provenance = _provenance(folder)
            except FetchError:
                continue
            if provenance is None:
                continue
            name = provenance.get("file")
            target = folder / name if isinstance(name, str) and "/" not in name else folder / "FILE"
            doc_id = _slug(folder.name) or "ID"
            extras.append(MirrorExtra(folder.name, target, doc_id))
        return extras

    def _download(self, entry: Entry) -> tuple[bytes, str, str, bool]:
        """An official address's bytes: http(s) at every redirect, within the size limit and the
        overall deadline (`fetch_deadline` seconds), as long as its Content-Length says."""
        import http.client
        import urllib.error
        import urllib.request

        if not entry.url:
            raise FetchError("no official address in the catalogue; add a copy with: "
                             f"lexmig add FILE --id {entry.id}")
        if not re.match(r"^https?://", entry.url):
            raise FetchError(f"{entry.url} is not an http(s) address")
        deadline = time.monotonic() + self.fetch_deadline
        opener = urllib.request.build_opener(_http_only_redirects())
        try:
            with opener.open(entry.url, timeout=min(20.0, self.fetch_deadline)) as response:
                final = response.geturl()
                declared = response.headers.get("Content-Length")
                declared = int(declared) if declared and declared.strip().isdigit() else None
                if declared is not None and declared > self.max_bytes:
                    raise FetchError(f"{entry.url} is {declared:,} bytes, over the size limit of "
                                     f"{self.max_bytes:,} bytes")
                chunks, size = [], 0
                while True:
                    if time.monotonic() > deadline:
                        raise FetchError(f"cannot download {entry.url} (no complete answer within "
                                         f"{self.fetch_deadline:g} s); try again later, or use --mirror DIR or "
                                         f"lexmig add FILE --id {entry.id}")
                    try:
                        chunk = response.read1(65536)
                    except http.client.IncompleteRead:  # closed before Content-Length: said below
                        break
                    if not chunk:
                        break
                    chunks.append(chunk)
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"{entry.url} is over the size limit of {self.max_bytes:,} bytes")
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            reason = (f"HTTP {exc.code} {exc.reason}" if isinstance(exc, urllib.error.HTTPError)
                      else getattr(exc, "reason", None) or exc or type(exc).__name__)
            raise FetchError(f"cannot download {entry.url} ({reason}); use --mirror DIR or "
                             f"lexmig add FILE --id {entry.id}") from None
        if declared is not None and size < declared:
            raise FetchError(f"cannot download {entry.url} (the answer was cut short: {size:,} of {declared:,} "
                             f"bytes); try again, or use --mirror DIR or lexmig add FILE --id {entry.id}")
        name = re.sub(r"[^A-Za-z0-9._-]+", "-", final.rstrip("/").rsplit("/", 1)[-1])[:80] or "download"
        return b"".join(chunks), name, final, False

    def add(self, paths: list[Path], meta: dict | None = None, accept_unstructured: bool = False,
            dry_run: bool = False, progress=None, ocr: str | None = None) -> tuple[list[Prepared], list[str]]:
        """Add local files (a folder adds every file in it): each is checked before anything
        is written; bad files are skipped with their reason. Returns (added, refused)."""
        from .readers import regular_file_size, shown

        _refuse_bad_id(meta, self.catalogue)  # before a folder is read: every file would be refused for it
        files: list[Path] = []
        outside: list[str] = []
        for path in paths:
            path = Path(path)
            if path.is_dir() and (len(paths) > 1 or not meta or not meta.get("id")):
                inside = path.resolve()
                pages = _saved_page_folders(path)
                for folder, page in sorted(pages.items()):
                    self.notify(f"Skipped: {shown(folder.name)}: the images, styles and scripts of the saved web page "
                                f"{shown(page)}; not documents.")
                for found in sorted(p for p in path.rglob("*") if not p.is_dir() and not p.name.startswith(".")
                                    and not any(f in pages for f in p.parents)):
                    if not found.is_file():  # a FIFO, a socket, a device, a broken link: said, not skipped silently
                        try:
                            regular_file_size(found)
                        except (BadFile, OSError) as exc:
                            outside.append(str(exc) if isinstance(exc, BadFile) else
                                           f"{shown(found)}: {exc.strerror or exc}; not read.")
                    elif found.resolve().is_relative_to(inside):
                        files.append(found)
                    else:  # a link out of the folder: not what the librarian chose to add
                        outside.append(f"{found.name}: a link to {found.resolve()}, outside {path}; not followed "
                                       "(add that file by its own path).")
            else:
                files.append(path)
        files = self._once(files)
        if len(files) > 1 and meta and any(meta.get(k) for k in META_KEYS - {"meta"}):
            raise InvalidMetadata("--id, --title and the other metadata options describe one file; "
                                  "add several files without them, or one at a time.")
        if not files:
            raise BadFile(f"{paths[0]}: the folder holds no files to add" + (f" ({outside[0]})" if outside else "."))
        ready: list[Prepared] = []
        refused: list[str] = list(outside)
        shas: set[str] = set()
        batch = self.catalogue  # and the new entries of the files before: two files of one title
        for path in (progress(files) if progress else files):
            try:
                prepared = self.prepare(path, meta, accept_unstructured, ocr, batch)
                if prepared.sha in shas or prepared.entry.id in {p.entry.id for p in ready}:
                    raise DuplicateDocument(f"{shown(path.name)}: the same file or id is already in this batch")
                shas.add(prepared.sha)
                ready.append(prepared)
                batch = batch.with_entry(prepared.entry)
            except LexmigError as exc:
                if len(files) == 1:
                    raise
                refused.append(str(exc))
        if ready and not dry_run:
            with self.lock():
                # Checked again under the lock: another process may have added them meanwhile.
                for prepared in ready:
                    if prepared.entry.id in self.installed():
                        raise DuplicateDocument(f"'{prepared.entry.id}' was added by another process "
                                                "meanwhile; nothing was changed.")
                    same = _installed_as(self.installed(), prepared.sha)
                    if same is not None:
                        raise DuplicateDocument(f"{prepared.file_name}: the same file was added by another process "
                                                f"meanwhile, as '{same}'; nothing was changed.")
                try:  # a name it took from the file (its title) may have been taken meanwhile too
                    batch = self.catalogue
                    for prepared in ready:
                        batch = batch.with_entry(prepared.entry)
                except CatalogueError as exc:
                    raise DuplicateDocument(f"{str(exc).removeprefix('catalogue: ')}, added by another process "
                                            "meanwhile; nothing was changed: run the same add again.") from None
                self.commit(ready, locked=True)
        return ready, refused

    def _once(self, files: list[Path]) -> list[Path]:
        """Each file of a batch once: a file named twice ("lexmig add a.pdf a.pdf", or by its path and in its
        folder) is added once and the repeat said (it was refused as its own duplicate, and the add exited 2)."""
        from .readers import shown

        seen: dict[Path, Path] = {}
        for path in files:
            first = seen.setdefault(path.resolve(), path)
            if first is not path:
                also = f" (as {shown(str(first))})" if str(first) != str(path) else ""
                self.notify(f"Skipped: {shown(str(path))}: the same file named twice{also}; added once.")
        return list(seen.values())

    def update(self, name: str, path: Path, accept_unstructured: bool = False, dry_run: bool = False,
               ocr: str | None = None, force: bool = False) -> Prepared:
        """Replace the text of an installed document, keeping its id and catalogue entry
        (`ocr`: Tesseract's languages, as for `prepare`); a file that looks like another
        document is refused unless `force`."""
        from .readers import shown

        entry = self.catalogue.resolve(name)
        installed = self.installed()
        if entry.id not in installed:
            raise NotInstalled(entry.id, f"'{entry.id}' has no text to update; add one with: lexmig add {shown(path)} "
                                         f"--id {entry.id}")
        path = Path(path)
        file_name = shown(path.name)  # as messages show it
        data, source, stored_name = self._read(path, file_name, ocr)
        if sha256_bytes(data) == installed[entry.id].sha256 and _intact(installed[entry.id]):
            raise DuplicateDocument(f"{file_name}: is the text '{entry.id}' already has; nothing to update.")
        prepared = self._check(entry, data, file_name, f"updated from {path.resolve()}", source,
                               accept_unstructured, new=False)
        prepared.file_name = stored_name
        other = None if force else self._another_document(prepared, installed[entry.id], source)
        if other:
            raise DuplicateDocument(f"{file_name}: looks like another document, not '{entry.id}' ({other}); add it "
                                    f"with lexmig add {shown(path)} --id NEW-ID, or replace the text of {entry.id} "
                                    f"anyway with lexmig update {entry.id} {shown(path)} --force.")
        if not dry_run:
            with self.lock():
                # Checked again under the lock: a remove or an update by another process while this
                # one read the file was undone by it (a removed added document's text stored, and
                # indexed, with no catalogue entry; "Updated" said).
                moved = self._changed_meanwhile(entry.id, installed)
                if moved:
                    raise DuplicateDocument(f"'{entry.id}' was {moved} by another process meanwhile; nothing was changed.")
                self.commit([prepared], locked=True)
        return prepared

    def remove(self, name: str, force: bool = False) -> Entry:
        """Remove a document's stored file, catalogue entry (if it was added) and passages."""
        entry = self.catalogue.resolve(name)
        with self.lock():
            installed = self.installed()
            if entry.id not in installed:
                raise NotInstalled(entry.id, f"'{entry.id}' is not installed; nothing to remove.")
            record = installed[entry.id]
            if record.builtin and not force:
                raise LexmigError(f"'{entry.id}' is the built-in founding note; to hide it from this library "
                                  f"anyway, run: lexmig remove {entry.id} --force")
            # Catalogue first: from then on search no longer shows the document.
            before = copy.deepcopy(self._state)
            if record.builtin:
                self._state["hidden"].append(entry.id)
            else:
                self._state["installed"].pop(entry.id, None)
                self._state["entries"].pop(entry.id, None)
            try:
                self._save_state()
            except OSError as exc:  # a full disk: the catalogue file is as it was
                self._state = before
                raise self._write_failed(exc) from None
            fault("remove-after-catalogue")
            self.catalogue = self._merged_catalogue()
            try:
                self.update_index(locked=True)
            except WriteFailed:  # the index is as it was: so is the catalogue, where it can be written
                self._state = before
                try:
                    self._save_state()
                except OSError:
                    raise WriteFailed(f"cannot write to {self.home} (no space left?): '{entry.id}' is out of the "
                                      "catalogue, and search no longer shows it, but the index still holds it; "
                                      "free some space and run: lexmig verify --fix") from None
                self.catalogue = self._merged_catalogue()
                raise
            fault("remove-after-index")
            if not record.builtin:
                shutil.rmtree(self.documents_path / entry.id, ignore_errors=True)
        return entry

    def commit(self, ready: list[Prepared], locked: bool = False):
        """Store files, index passages and record the catalogue, in that order."""
        if not locked:
            with self.lock():
                return self.commit(ready, locked=True)
        written: list[Path] = []
        old_files: list[Path] = []
        where: dict[str, Path] = {}  # entry id -> the path its new file is stored at
        try:
            for prepared in ready:
                stored = self.documents_path / prepared.entry.id / prepared.file_name
                previous = self._state["installed"].get(prepared.entry.id)
                old = self._stored_path(previous["file"]) if previous else None
                if old is not None and old == stored.resolve():
                    # An update from a file of the same name: the new text goes beside the old
                    # one, which the catalogue names until it is saved (a kill or a full disk
                    # before that must not leave the old text overwritten).
                    stored = _free_name(stored)
                if old is not None and old != stored.resolve():  # (its file deleted by hand: the new one takes its name)
                    old_files.append(old)
                write_atomic(stored, prepared.data)
                written.append(stored)
                where[prepared.entry.id] = stored
            fault("add-after-files")
            catalogue = self.catalogue
            for prepared in ready:
                catalogue = catalogue.with_entry(prepared.entry)
            self.catalogue = catalogue
            self.update_index(prepared={p.entry.id: (p.sha, p.segmentation.passages) for p in ready}, locked=True)
            fault("add-after-index")
            for prepared in ready:
                if prepared.new_entry:
                    self._state["entries"][prepared.entry.id] = prepared.entry.to_dict()
                if prepared.entry.id in self._state["hidden"]:
                    self._state["hidden"].remove(prepared.entry.id)
                self._state["installed"][prepared.entry.id] = {
                    "file": str(where[prepared.entry.id].relative_to(self.home)),
                    "sha256": prepared.sha, "source": prepared.source, "installed": _now(),
                    "passages": len(prepared.segmentation.passages),
                    "fingerprint": _fingerprint(prepared.segmentation),
                }
            self._save_state()
            fault("add-after-catalogue")
        except OSError as exc:
            self._roll_back(written, [self.documents_path / p.entry.id for p in ready])
            raise self._write_failed(exc) from None
        except BaseException:
            self._roll_back(written, [self.documents_path / p.entry.id for p in ready])
            raise
        for old in old_files:
            old.unlink(missing_ok=True)

    def _roll_back(self, written: list[Path], folders: list[Path]):
        """Undo a commit that failed before the catalogue was saved (its files, and the folders
        made for them: a full disk once left empty ones)."""
        self._reload()
        recorded = {self._stored_path(r["file"]) for r in self._state["installed"].values()}
        for path in written:
            if path.resolve() not in recorded:
                path.unlink(missing_ok=True)
        for folder in folders:
            with contextlib.suppress(OSError):  # not empty, or never made
                folder.rmdir()

    # -- the index ----------------------------------------------------------------------------

    def segment_document(self, doc_id: str):
        """The document's text read and segmented again (a `segment.Segmentation`)."""
        from .readers import read_file
        from .segment import segment

        record = self.installed()[doc_id]
        try:
            return segment(read_file(record.path), doc_id, allow_unstructured=True)
        except BadFile as exc:  # its message says what to do with a file being added: not this one
            why = str(exc).split(";")[0].rstrip(".")
            raise BadFile(f"{doc_id}: its stored file {record.path} cannot be read ({why}); run lexmig verify, "
                          "which names the fix.") from None

    def index_is_current(self) -> bool:
        """Whether the index (of the current format) was built from the installed texts."""
        wanted = {d: r.sha256 for d, r in self.installed().items()}
        return windex.read_manifest(self.index_path) == wanted and \
            windex.version(self.index_path) == windex.current_version()

    def _index_inputs(self) -> list[Path]:
        """The files the index is built from: the working catalogue and the stored files (not the built-in ones)."""
        return [self.state_path, *(r.path for r in self.installed().values() if not r.builtin)]

    def index_age_warning(self) -> str | None:
        """A one-line warning when the index is older than the catalogue or a stored file."""
        manifest = self.index_path / windex.MANIFEST_FILE
        try:
            built = manifest.stat().st_mtime
        except OSError:
            return None
        newer = [p for p in self._index_inputs() if p.exists() and p.stat().st_mtime > built + 1]
        if self.index_is_current() and not newer:
            return None
        return (f"the index is older than the catalogue or the stored files ({len(newer) or 'some'} changed); "
                "results may be out of date. Run: lexmig verify")

    def ensure_index(self):
        """The open index, built first where there is none (saying so)."""
        if not windex.exists(self.index_path):
            reason = "index format changed" if windex.version(self.index_path) else "first use"
            self.notify(f"Building the index in {self.index_path} ({reason}) ...")
            self.update_index(rebuild=True)
        try:
            return windex.open_index(self.index_path)
        except IndexDamaged as exc:
            self.notify(f"The index in {self.index_path} is damaged ({exc.reason}); rebuilding it ...")
            self.update_index(rebuild=True)
            return windex.open_index(self.index_path)

    def update_index(self, rebuild: bool = False, prepared: dict | None = None, locked: bool = False,
                     progress=None, purge: bool = False) -> IndexSummary:
        """Bring the index in line with the installed documents; returns what changed.
        `purge` also rewrites segments holding passages deleted by an older lexmig."""
        if not locked:
            with self.lock():
                return self.update_index(rebuild, prepared, locked=True, progress=progress, purge=purge)
        try:
            return self._update_index(rebuild, prepared, progress, purge)
        except OSError as exc:  # a full disk: the previous index is left as it was (or kept, renamed)
            raise self._write_failed(exc) from None

    def _write_failed(self, exc: OSError) -> WriteFailed:
        return WriteFailed(f"cannot write to {self.home}: {exc.strerror or exc}; free some space or fix "
                           "the permissions and try again (nothing was changed).")

    def _update_index(self, rebuild: bool, prepared: dict | None, progress, purge: bool) -> IndexSummary:
        prepared = dict(prepared or {})
        wanted = {d: r.sha256 for d, r in self.installed().items()}
        for doc_id, (sha, _) in prepared.items():
            wanted[doc_id] = sha
        started = time.perf_counter()
        fresh = rebuild or not windex.exists(self.index_path)
        if not fresh:
            try:
                ix = windex.open_index(self.index_path)
            except IndexDamaged as exc:
                self.notify(f"The index in {self.index_path} is damaged ({exc.reason}); rebuilding it ...")
                fresh = True
        if fresh:
            target = windex.new_version_dir(self.index_path)
            ix = windex.create(target)
            have: dict[str, str] = {}
        else:
            target = self.index_path
            manifest = windex.read_manifest(self.index_path)
            have = manifest if manifest is not None else windex.indexed_documents(ix)
        changed = [d for d in wanted if have.get(d) != wanted[d]]
        removed = [d for d in have if d not in wanted]
        carried: dict[str, tuple] = {}  # documents sharing a segment with a change: indexed again as they are
        if not fresh and (changed or removed or purge):
            touched = set(removed) | {d for d in changed if d in have}
            for doc_id in sorted(windex.segments_to_rewrite(ix, touched, purge) & set(wanted) - set(changed)):
                carried[doc_id] = (have.get(doc_id, wanted[doc_id]), windex.document_passages(ix, doc_id))
        passages = 0
        if changed or removed or fresh or carried or purge:
            writer = windex.writer(ix, self.lock_wait, bulk=fresh and len(changed) > 20)
            try:
                for doc_id in removed:
                    windex.delete_document(writer, doc_id)
                for doc_id in (progress(changed) if progress else changed):
                    sha, found = prepared.get(doc_id) or (wanted[doc_id], self.segment_document(doc_id).passages)
                    windex.add_document(writer, self.catalogue.get(doc_id), sha, found)
                    passages += len(found)
                for doc_id, (sha, found) in carried.items():
                    windex.add_document(writer, self.catalogue.get(doc_id), sha, found)
                fault("index-before-commit")
                if not fresh:  # killed between the commit and the new manifest, the index is read instead
                    windex.set_manifest_aside(target)
                if fresh:
                    writer.commit()
                    # Whoosh's indexing workers may fail (a full disk, a file size limit) without
                    # its commit noticing: it then commits what it has, and the index swapped
                    # in would be empty. Count what the new index holds first.
                    written = windex.open_index(target).doc_count()
                    if written != passages + len(changed):  # a document's passages and its vocabulary
                        raise WriteFailed(
                            f"cannot write to {self.home}: the index was not written in full ({written:,} of "
                            f"{passages + len(changed):,} records; a full disk?); free some space or fix the "
                            "permissions and try again (nothing was changed).")
                else:
                    windex.commit(writer)
            except BaseException:
                # A commit that failed (a full disk) has closed the writer itself: cancelling it
                # again would raise "This writer is closed" over the real error.
                if not getattr(writer, "is_closed", False):
                    with contextlib.suppress(Exception):
                        writer.cancel()
                windex.stop_workers(writer)
                if fresh:
                    shutil.rmtree(target, ignore_errors=True)
                else:
                    if not windex.restore_manifest(target):  # the previous commit's, as it was
                        with contextlib.suppress(OSError):
                            windex.write_manifest(target, have)
                    windex.discard_unfinished(target)
                raise
            fault("index-after-commit")
            windex.record_checksums(target)
            windex.write_manifest(target, wanted)
            (target / windex.MANIFEST_ASIDE).unlink(missing_ok=True)
            if fresh:
                windex.point_to(self.index_path, target)
        else:  # up to date: saying so clears the "index is older than ..." warning
            windex.write_manifest(self.index_path, wanted)
        return IndexSummary(documents=len(changed), removed=len(removed), passages=passages,
                            seconds=round(time.perf_counter() - started, 2), rebuilt=fresh)

    def passages(self, name: str) -> tuple[Entry, list[Passage]]:
        entry = self.catalogue.resolve(name)
        if entry.id not in self.installed():
            raise NotInstalled(entry.id)
        ix = self.ensure_index()
        return entry, windex.document_passages(ix, entry.id)

    # -- verify ------------------------------------------------------------------------------

    def verify(self) -> list[Problem]:
        """Catalogue <-> stored files (checksums) <-> index (passage counts, format version).

        A change another process is making is waited for, as a change waits (`lock`): until it
        commits, its files are half written, and verify called them left by a killed process and
        told to run verify --fix. A read-only home is checked as it is (nobody can be changing it)."""
        try:
            with self.lock():
                problems = self._problems()
                if not problems:  # the index checked against a catalogue saved after it (an entry edited by hand):
                    with contextlib.suppress(OSError):  # search stops saying "out of date. Run: lexmig verify"
                        checked = max([time.time()] + [p.stat().st_mtime for p in self._index_inputs() if p.exists()])
                        os.utime(self.index_path / windex.MANIFEST_FILE, (checked, checked))
                return problems
        except WriteFailed:
            return self._problems()

    def _problems(self) -> list[Problem]:
        problems: list[Problem] = []
        fix = "lexmig verify --fix"
        installed = self.installed()
        problems += [Problem(f"{self.state_path.name} records '{doc_id}' as installed, but no catalogue entry "
                             "describes it (an entry removed by hand, or a catalogue of another lexmig version)", fix)
                     for doc_id in self._undescribed()]
        for doc_id, record in sorted(installed.items()):
            path = record.path
            if not path.exists():
                problems.append(Problem(f"{doc_id}: its stored file {path} is missing",
                                        f"lexmig update {doc_id} FILE (or lexmig remove {doc_id})"))
            elif sha256_bytes(path.read_bytes()) != record.sha256:
                problems.append(Problem(f"{doc_id}: its stored file {path} does not match its sha256 "
                                        "(changed or damaged on disk)",
                                        f"lexmig update {doc_id} FILE (or lexmig remove {doc_id})"))
        known = {record.path.resolve() for record in installed.values()}
        if self.documents_path.exists():
            for path in sorted(self.documents_path.rglob("*")):
                if path.is_file() and path.resolve() not in known:
                    problems.append(Problem(f"{path.relative_to(self.home)} belongs to no catalogue entry "
                                            "(left by an interrupted add or remove?)", fix))
            for folder in sorted(self.documents_path.iterdir()):
                if folder.is_dir() and not any(folder.iterdir()):
                    problems.append(Problem(f"{folder.relative_to(self.home)} is an empty folder (left by an "
                                            "interrupted add or remove?)", fix))
        problems += [Problem(f"{folder} is the temporary folder of an OCR run that was killed", fix)
                     for folder in ocr_leftovers()]
        if not windex.exists(self.index_path):
            problems.append(Problem("the index is missing or of an older format" if self.index_path.exists()
                                    else "there is no index yet", fix))
            return problems
        try:
            ix = windex.check(self.index_path)
        except IndexDamaged as exc:
            problems.append(Problem(f"the index is damaged ({exc.reason})", fix))
            return problems
        counts = windex.passage_counts(ix)
        unfinished = windex.unfinished_files(self.index_path.resolve())
        if windex.MANIFEST_ASIDE in unfinished:  # a whole file, renamed aside on purpose: not half written
            unfinished.remove(windex.MANIFEST_ASIDE)
            problems.append(Problem(f"a change was stopped (killed) during its index commit and left the index's list "
                                    f"of the texts it was built from set aside ({windex.MANIFEST_ASIDE}); nothing is "
                                    "lost (the index itself is read instead)", fix))
        if unfinished:
            files = "1 file" if len(unfinished) == 1 else f"{len(unfinished)} files"
            problems.append(Problem(f"the index folder holds {files} no commit lists, like "
                                    f"{unfinished[0]} (left half written by a killed process or a full disk)", fix))
        for doc_id in sorted(set(counts) - set(installed)):
            problems.append(Problem(f"the index holds '{doc_id}', which the catalogue does not list "
                                    "(an interrupted add or remove?)", fix))
        for doc_id, record in sorted(installed.items()):
            if doc_id not in counts:
                problems.append(Problem(f"{doc_id}: not in the index", fix))
            elif record.passages is not None and counts[doc_id] != record.passages:
                problems.append(Problem(f"{doc_id}: the index holds {counts[doc_id]} passages, the catalogue "
                                        f"recorded {record.passages}", fix))
        for doc_id in self._described_otherwise(ix, [d for d in installed if d in counts], counts):
            entry = self.catalogue.get(doc_id)
            problems.append(Problem(f"{doc_id}: the index files it under another type, year or body than its catalogue "
                                    f"entry ({entry.type}, {entry.year or 'no year'}, {entry.body}): the entry was "
                                    "changed by hand, and --type, --year and --body filters would miss it", fix))
        manifest = windex.read_manifest(self.index_path)
        if manifest is not None and manifest != {d: r.sha256 for d, r in installed.items()} and \
                not any(p.fix == fix for p in problems):
            problems.append(Problem("the index was built from other versions of the documents", fix))
        elif manifest is None and (self.index_path / windex.MANIFEST_FILE).exists():
            # search then warns that the index is out of date, and names verify
            problems.append(Problem(f"the index's list of the texts it was built from ({windex.MANIFEST_FILE}) "
                                    "is unreadable", fix))
        deleted = windex.deleted_count(ix)
        if deleted:
            problems.append(Problem(f"the index still holds {deleted} deleted passages, which skew ranking (words "
                                    "look more common than they are)", fix))
        return problems

    def _described_otherwise(self, ix, doc_ids: list[str], counts: dict[str, int]) -> list[str]:
        """The documents whose passages the index files under another type, year or body than their catalogue
        entry says: an entry edited by hand in catalogue.json after indexing. Search filtered by them silently
        missed (or found) the document, and verify said the library was consistent."""
        from whoosh.query import And, NumericRange, Term

        out = []
        with ix.searcher() as searcher:
            for doc_id in doc_ids:
                entry = self.catalogue.get(doc_id)
                year = entry.year or 0
                body = [Term("body", t.text) for t in ix.schema["body"].analyzer(entry.body, mode="query")]
                query = And([Term("doc_id", doc_id), Term("doc_type", entry.type), NumericRange("year", year, year), *body])
                if sum(1 for _ in searcher.docs_for_query(query)) != counts[doc_id]:
                    out.append(doc_id)
        return out

    def repair(self) -> Repairs:
        """Apply the fixes verify names with `lexmig verify --fix`; returns what was done.

        A stored file no catalogue entry names is moved to HOME/unlisted, not deleted: it may be
        the only copy of a document whose entry was lost (a working catalogue deleted or
        replaced by an older copy), and `lexmig add` takes it back from there. A temporary file
        a killed write left (".NAME.XXXXXXXX", never renamed into place) is deleted."""
        files: list[tuple[str, str]] = []
        folders: list[str] = []
        unfinished: list[str] = []
        damaged, deleted = "", 0
        with self.lock():
            undescribed = self._undescribed()
            if undescribed:  # their files are then set aside as no entry's below
                for doc_id in undescribed:
                    del self._state["installed"][doc_id]
                self._save_state()
            installed = self.installed()
            known = {record.path.resolve() for record in installed.values()}
            if self.documents_path.exists():
                for path in sorted(self.documents_path.rglob("*")):
                    if not path.is_file() or path.resolve() in known:
                        continue
                    if _TEMPORARY_RE.match(path.name):
                        path.unlink()
                        files.append((str(path.relative_to(self.home)), ""))
                        continue
                    target = _free_name(self.unlisted_path / path.relative_to(self.documents_path))
                    target.parent.mkdir(parents=True, exist_ok=True)
                    os.replace(path, target)
                    files.append((str(path.relative_to(self.home)), str(target)))
                for folder in sorted(self.documents_path.iterdir(), reverse=True):
                    if folder.is_dir() and not any(folder.iterdir()):
                        folder.rmdir()
                        folders.append(str(folder.relative_to(self.home)))
            leftovers, stuck = remove_ocr_leftovers()
            rebuild = not windex.exists(self.index_path)
            if not rebuild:
                try:
                    counts = windex.passage_counts(windex.check(self.index_path))
                    unfinished = windex.discard_unfinished(self.index_path.resolve())
                    rebuild = any(r.passages is not None and counts.get(d) != r.passages for d, r in installed.items()) \
                        or bool(self._described_otherwise(windex.open_index(self.index_path),
                                                          [d for d in installed if d in counts], counts))
                except IndexDamaged as exc:
                    damaged = exc.reason
                    rebuild = True
            summary = self.update_index(rebuild=rebuild, locked=True)
            if not summary.rebuilt:
                deleted = windex.deleted_count(windex.open_index(self.index_path))
                if deleted:
                    self.update_index(locked=True, purge=True)
        return Repairs(tuple(files), tuple(folders), len(unfinished), damaged, deleted,
                       summary if summary.changed else None, tuple(leftovers), tuple(stuck))


# write_atomic's temporary files: "." + the file's name + "." + mkstemp's eight characters.
_TEMPORARY_RE = re.compile(r"^\..+\.[A-Za-z0-9_]{8}$")


def _free_name(path: Path) -> Path:
    """`path`, or "STEM-2.SUFFIX", "STEM-3.SUFFIX" ... where a file of that name is already there."""
    candidate, n = path, 1
    while candidate.exists() or candidate.is_symlink():
        n += 1
        candidate = path.with_name(f"{path.stem}-{n}{path.suffix}")
    return candidate


def _saved_page_folders(folder: Path) -> dict[Path, str]:
    """The folders of web pages saved with their resources ("Save page as": "Act.html" and
    "Act_files/", its images, styles, scripts and framed pages), each with its page's name."""
    pages = {}
    for page in folder.rglob("*"):
        if page.suffix.lower() in {".html", ".htm", ".xhtml", ".shtml"} and page.is_file():
            resources = page.with_name(f"{page.stem}_files")
            if resources.is_dir() and not resources.is_symlink():
                pages[resources] = page.name
    return pages


def _intact(record: InstalledDoc) -> bool:
    """Whether a document's stored file is on disk with the sha256 its installation recorded."""
    try:
        return sha256_bytes(record.path.read_bytes()) == record.sha256
    except OSError:
        return False


def _installed_as(installed: dict[str, InstalledDoc], sha: str, other_than: str | None = None) -> str | None:
    """The id of an installed document whose file has this sha256 (other than `other_than`)."""
    return next((d for d, r in installed.items() if r.sha256 == sha and d != other_than), None)


def _plain_under(documents: Path, file: str) -> Path | None:
    """What `(home / file).resolve()` gives, found with two lstat calls, for the usual
    recorded file "documents/<id>/<name>" whose folder and file are no symlinks (documents:
    home/documents resolved); None for anything else (then the full resolution decides).
    Path.resolve checks every component of the path, for each of thousands of documents."""
    import stat

    parts = file.split("/")
    if len(parts) != 3 or parts[0] != "documents" or any(p in ("", ".", "..") for p in parts[1:]):
        return None
    path = str(documents)
    for part in parts[1:]:  # joined as strings: a Path per step cost more than the lstat
        path = f"{path}/{part}"
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return None
        except OSError:
            return None
    return Path(path)


def _provenance(folder: Path) -> dict | None:
    """A mirror folder's provenance.json (None when there is none); FetchError when it is not
    a JSON object."""
    path = folder / "provenance.json"
    try:
        if not path.is_file() or path.stat().st_size > MAX_META_BYTES * 16:
            return None if not path.exists() else _bad_provenance(path, "not a small regular file")
        provenance = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise FetchError(f"{path} cannot be read ({getattr(exc, 'strerror', None) or exc})") from None
    if not isinstance(provenance, dict):
        _bad_provenance(path, f"a JSON {type(provenance).__name__}, not an object")
    return provenance


def _bad_provenance(path: Path, what: str):
    raise FetchError(f"{path} is {what}; it must be a JSON object with 'file' and 'sha256'")


def _http_only_redirects():
    """urllib's redirect handler, refusing any hop that is not http(s) (it follows ftp://)."""
    import urllib.request

    class HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if not re.match(r"^https?://", newurl, re.I):
                raise FetchError(f"{req.full_url} redirects to {newurl}, which is not an http(s) address; "
                                 "nothing was downloaded")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return HttpOnlyRedirects


def quality_report(source, seg, name: str) -> QualityReport:
    """What a librarian checks before a document goes in."""
    stats = seg.stats
    words = long_words = 0
    for word in re.finditer(r"[A-Za-z]+", seg.cleaned):  # no list: a text may be a whole book
        words += 1
        long_words += word.end() - word.start() >= 18
    return QualityReport(
        file=name, format=source.format, pages=source.pages or 0,
        pages_without_text=list(stats.get("pages_without_text", [])),
        ocr_pages=list(stats.get("ocr_pages", [])),
        characters=stats.get("characters", 0), units=stats.get("units", {}),
        hyphenations_repaired=stats.get("hyphenations_repaired", 0),
        header_footer_lines_removed=stats.get("header_footer_lines_removed", 0),
        boilerplate_lines_removed=stats.get("boilerplate_lines_removed", 0),
        glued_words_split=stats.get("glued_words_split", 0),
        glued_word_ratio=round(long_words / words, 4) if words else 0.0,
        footnotes=sum(n for k, n in stats.get("units", {}).items() if k.startswith("footnote")),
        structured=stats.get("structured", False), blank_pages=list(stats.get("blank_pages", [])),
    )


def _fingerprint(seg) -> str:
    text = " ".join(p.text for p in seg.passages if p.lang == "en" and p.kind in FINGERPRINT_KINDS)
    return " ".join(text.lower().split())[:FINGERPRINT_CHARS]


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


_DATE_NAMED = "date named"  # (a key of the metadata `_metadata` reads: how its date was named, where not "date")


def _refuse_bad_id(meta: dict | None, catalogue: Catalogue, what: str = "--id"):
    """An id given empty (or only spaces) is an error, not a request to make one from the file name;
    one that is no id ("...", "C 143") is refused before any file is read, saying what an id is,
    unless it names a catalogued document (an alias: `--id C143`)."""
    from .readers import shown

    value = (meta or {}).get("id")
    if value is None:
        return
    if not str(value).strip():
        raise InvalidMetadata(f"{what} is empty; give the document's id (lower-case letters, digits and hyphens, "
                              "like 'c143'), or leave it out to make one from the file name.")
    if not ID_RE.fullmatch(str(value)) and catalogue.find(str(value)) is None:
        raise InvalidMetadata(f"{what} '{shown(value)}' is not an id: an id is lower-case letters (a-z), digits and "
                              "hyphens, starting with a letter or digit, at most 63 characters (like 'c143' or "
                              "'migration-act-1958'); or leave it out to make one from the file name.")


def _slug(stem: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:60]


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).lstrip(".") or "document"
