"""The catalogue: what every document is, how to cite it, and where to get it.

The built-in catalogue is `corpus/catalogue.toml` (read-only data shipped with lexmig).
Documents a librarian adds are described in the working catalogue of the data home
(see `indexer.library`); both are validated by the same rules.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import CatalogueError, InvalidMetadata, UnknownDocument

TYPES = (
    "convention", "recommendation", "protocol", "agreement", "annex", "decision",
    "constitution", "framework", "report", "issues note", "speech", "article",
    "resolution", "declaration", "document",
)
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LANG_RE = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class Entry:
    """One catalogue record. Frozen: change the data file, not the object."""

    id: str
    type: str
    body: str
    title: str
    cite_as: str
    short_title: str
    aliases: tuple[str, ...] = ()
    adopted: str | None = None
    symbol: str | None = None
    url: str | None = None
    languages: tuple[str, ...] = ("en",)
    text_available: bool = False
    builtin: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.adopted[:4]) if self.adopted else None

    def to_dict(self, full: bool = False) -> dict:
        """The record as in the data file: empty optional fields left out unless `full`."""
        data = {k: v for k, v in dataclasses.asdict(self).items() if full or v is not None}
        data["aliases"] = list(self.aliases)
        data["languages"] = list(self.languages)
        return data


_FIELDS = {f.name: f for f in dataclasses.fields(Entry)}
_REQUIRED = ("id", "type", "body", "title", "cite_as", "short_title")


def validate_entry(raw: dict, where: str, error=CatalogueError) -> Entry:
    """Check one raw record and build its Entry.

    Every problem is reported, one line each, naming the entry and the field.
    """
    name = raw.get("id") if isinstance(raw.get("id"), str) else "?"
    problems: list[str] = []

    def fail(field_name: str, problem: str):
        problems.append(f"{where}: entry '{name}', field '{field_name}': {problem}")

    for key in raw:
        if key not in _FIELDS:
            fail(key, f"unknown field (known: {', '.join(_FIELDS)})")
    for key in _REQUIRED:
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            fail(key, "missing or empty")
    if isinstance(raw.get("id"), str) and raw["id"].strip() and not ID_RE.match(raw["id"]):
        fail("id", "must be lower-case letters, digits and hyphens (like 'c097'), not a path")
    if isinstance(raw.get("type"), str) and raw["type"].strip() and raw["type"] not in TYPES:
        fail("type", f"'{raw['type']}' is not one of: {', '.join(TYPES)}")
    for key in ("aliases", "languages"):
        value = raw.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            fail(key, "must be a list of non-empty strings")
        elif key == "languages":
            for lang in value:
                if not LANG_RE.match(lang):
                    fail("languages", f"'{lang}' is not a two-letter language code")
    adopted = raw.get("adopted")
    if adopted is not None:
        if not isinstance(adopted, str) or not DATE_RE.match(adopted) or not _real_date(adopted):
            fail("adopted", f"'{adopted}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    for key in ("symbol", "builtin"):
        if key in raw and (not isinstance(raw[key], str) or not raw[key].strip()):
            fail(key, "must be a non-empty string")
    url = raw.get("url")
    if url is not None and (not isinstance(url, str) or not re.match(r"^https?://\S+$", url)):
        fail("url", f"'{url}' is not an http(s) address")
    if "text_available" in raw and not isinstance(raw["text_available"], bool):
        fail("text_available", "must be true or false")
    if problems:
        raise error("\n".join(problems))
    values = dict(raw)
    values["aliases"] = tuple(raw.get("aliases", ()))
    values["languages"] = tuple(raw.get("languages", ("en",)))
    return Entry(**values)


def _real_date(text: str) -> bool:
    parts = [int(p) for p in text.split("-")] + [1, 1]
    try:
        datetime.date(parts[0], parts[1], parts[2])
    except ValueError:
        return False
    return True


def normalise_name(text: str) -> str:
    """The form used to compare ids, aliases and titles: 'Convention No. 97' -> 'convention no 97'."""
    text = text.lower().replace("\u2019", "'")
    text = re.sub(r"[.,:;()\"']", " ", text)
    return " ".join(text.split())


@dataclass
class Catalogue:
    """All entries by id, with alias lookup."""

    entries: dict[str, Entry]
    _names: dict[str, str] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._names = {}
        for entry in self.entries.values():
            for name in (entry.id, entry.short_title, *entry.aliases):
                key = normalise_name(name)
                owner = self._names.setdefault(key, entry.id)
                if owner != entry.id:
                    raise CatalogueError(
                        f"catalogue: entry '{entry.id}', field 'aliases': '{name}' is already "
                        f"a name of '{owner}'"
                    )

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self):
        return len(self.entries)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self.entries

    def get(self, doc_id: str) -> Entry:
        try:
            return self.entries[doc_id]
        except KeyError:
            raise UnknownDocument(self.unknown_message(doc_id)) from None

    def find(self, name: str) -> Entry | None:
        """The entry whose id, short title or alias is `name` (case and dots ignored)."""
        if name in self.entries:
            return self.entries[name]
        doc_id = self._names.get(normalise_name(name))
        return self.entries[doc_id] if doc_id else None

    def resolve(self, name: str) -> Entry:
        """Like find, but an unknown name raises UnknownDocument suggesting the nearest."""
        entry = self.find(name)
        if entry is None:
            raise UnknownDocument(self.unknown_message(name))
        return entry

    def names(self) -> dict[str, str]:
        """Every normalised name (id, short title, alias) -> entry id."""
        return dict(self._names)

    def nearest(self, name: str, limit: int = 3) -> list[str]:
        from rapidfuzz import fuzz, process, utils

        matches = process.extract(
            normalise_name(name), list(self._names), scorer=fuzz.WRatio,
            processor=utils.default_process, limit=limit * 3, score_cutoff=60,
        )
        ids: list[str] = []
        for key, _score, _ in matches:
            doc_id = self._names[key]
            if doc_id not in ids:
                ids.append(doc_id)
        return ids[:limit]

    def unknown_message(self, name: str, advice: str = "List them with: lexmig catalogue") -> str:
        near = self.nearest(name)
        hint = f" Did you mean: {', '.join(near)}?" if near else ""
        return f"No document '{name}' in the catalogue.{hint} {advice}"

    def with_entry(self, entry: Entry) -> "Catalogue":
        entries = dict(self.entries)
        entries[entry.id] = entry
        return Catalogue(entries)


def load_toml(path: Path, error=CatalogueError, missing: str = "no such file") -> dict:
    """A TOML data file as a dict; a missing or malformed file raises `error` in one line."""
    try:
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path}: {missing}") from None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise error(f"{path}: not valid TOML ({exc}); fix the file.") from None
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        raise error(f"{path}: its values nest too deeply to read; fix the file.") from None


def corpus_dir() -> Path:
    """The project's own data folder (a package, so that installs carry it)."""
    import corpus

    return Path(corpus.__file__).parent


def builtin_path() -> Path:
    return corpus_dir() / "catalogue.toml"


def load_catalogue(path: Path | None = None) -> Catalogue:
    """Load and validate a catalogue data file (default: the built-in one)."""
    path = path or builtin_path()
    data = load_toml(path)
    records = data.get("document")
    if not isinstance(records, list) or not records:
        raise CatalogueError(f"{path.name}: no [[document]] entries")
    entries: dict[str, Entry] = {}
    for raw in records:
        entry = validate_entry(raw, path.name)
        if entry.id in entries:
            raise CatalogueError(f"{path.name}: entry '{entry.id}', field 'id': defined twice")
        entries[entry.id] = entry
    return Catalogue(entries)


def new_entry(raw: dict) -> Entry:
    """Validate metadata given for a document a librarian adds."""
    return validate_entry(raw, "metadata", error=InvalidMetadata)
