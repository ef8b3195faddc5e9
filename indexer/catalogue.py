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
    "resolution", "declaration", "law", "regulation", "directive", "document",
)
ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
LANG_RE = re.compile(r"^[a-z]{2}$")
UNTS_RE = re.compile(r"[1-9]\d{0,3} UNTS [1-9]\d{0,3}")  # "999 UNTS 171": volume, page
EMPTY_NAME = ("the document id is empty: give a catalogue id or alias, like 'c097' (lexmig catalogue lists them; "
              "is the shell variable that holds it set?)")


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
    long_title: str | None = None  # the official long title: "Convention concerning Decent Work for ..."
    number: str | None = None  # the instrument's number as printed: "No. 189", "ETS No. 93"
    author: str | None = None  # speaker or author of a speech, report or press piece
    event: str | None = None  # the event or series: "World Economic Forum"
    place: str | None = None  # where it was given or published: "Davos"
    country: str | None = None  # the country whose law or page it is: "Qatar" (a question may name it)
    unts: str | None = None  # its UN Treaty Series reference, "volume UNTS page": "999 UNTS 171"
    url: str | None = None
    languages: tuple[str, ...] = ("en",)
    text_available: bool = False
    builtin: str | None = None

    @property
    def year(self) -> int | None:
        return int(self.adopted[:4]) if self.adopted else None

    def names(self) -> tuple[str, ...]:
        """The names a text may call it by: id, short title, aliases and the official long title."""
        return (self.id, self.short_title, *self.aliases) + ((self.long_title,) if self.long_title else ())

    def to_dict(self, full: bool = False) -> dict:
        """The record as in the data file: empty optional fields left out unless `full`."""
        data = {k: v for k, v in dataclasses.asdict(self).items() if full or v is not None}
        data["aliases"] = list(self.aliases)
        data["languages"] = list(self.languages)
        return data


_FIELDS = {f.name: f for f in dataclasses.fields(Entry)}


# -- field rules: each takes a value and returns its problems (none when it is good) -----

def _text(value) -> list[str]:
    return [] if isinstance(value, str) and value.strip() else ["must be a non-empty string"]


def _required(check=None):
    """A field every entry has: a non-empty string, then `check`."""
    def rule(value) -> list[str]:
        if not isinstance(value, str) or not value.strip():
            return ["missing or empty"]
        return check(value) if check else []
    return rule


def _strings(value) -> list[str]:
    ok = isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
    return [] if ok else ["must be a list of non-empty strings"]


def _languages(value) -> list[str]:
    return _strings(value) or [f"'{lang}' is not a two-letter language code" for lang in value if not LANG_RE.fullmatch(lang)]


def _date(value) -> list[str]:
    ok = isinstance(value, str) and DATE_RE.fullmatch(value) and _real_date(value)
    return [] if ok else [f"'{value}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"]


def _url(value) -> list[str]:
    return [] if isinstance(value, str) and re.fullmatch(r"https?://\S+", value) else [f"'{value}' is not an http(s) address"]


RULES = {
    "id": _required(lambda v: [] if ID_RE.fullmatch(v) else
                    ["must be lower-case letters, digits and hyphens (like 'c097'), not a path"]),
    "type": _required(lambda v: [] if v in TYPES else [f"'{v}' is not one of: {', '.join(TYPES)}"]),
    "body": _required(), "title": _required(), "cite_as": _required(), "short_title": _required(),
    "aliases": _strings, "languages": _languages, "adopted": _date, "url": _url,
    "symbol": _text, "builtin": _text, "long_title": _text, "number": _text, "author": _text, "event": _text,
    "place": _text, "country": _text,
    "unts": lambda v: [] if isinstance(v, str) and UNTS_RE.fullmatch(v) else
    [f"'{v}' is not a UN Treaty Series reference written 'volume UNTS page' (like '999 UNTS 171')"],
    "text_available": lambda v: [] if isinstance(v, bool) else ["must be true or false"],
}
# Required fields are checked when absent too; the others only when given.
_REQUIRED = ("id", "type", "body", "title", "cite_as", "short_title")


MAX_FIELD_CHARS, MAX_LIST_ITEMS = 2000, 200


def _size(value) -> list[str]:
    """A 60 MB title once made every search slow: every field is bounded."""
    texts = value if isinstance(value, list) else [value]
    too_long = any(isinstance(v, str) and len(v) > MAX_FIELD_CHARS for v in texts) or len(texts) > MAX_LIST_ITEMS
    return [f"too long (at most {MAX_FIELD_CHARS:,} characters, {MAX_LIST_ITEMS} items)"] if too_long else []


def validate_entry(raw: dict, where: str, error=CatalogueError) -> Entry:
    """Check one raw record against the field rules and build its Entry.

    Every problem is reported, one line each, naming the entry and the field.
    """
    if not isinstance(raw, dict):
        raise error(f"{where}: an entry is {type(raw).__name__ if raw is not None else 'null'}, not a table of "
                    "fields; fix or remove it.")
    name = raw.get("id") if isinstance(raw.get("id"), str) else "?"
    problems = [(key, f"unknown field (known: {', '.join(_FIELDS)})") for key in raw if key not in _FIELDS]
    for key, rule in RULES.items():
        if key in raw or key in _REQUIRED:
            problems += [(key, problem) for problem in rule(raw.get(key))]
    problems += [(key, problem) for key, value in raw.items() for problem in _size(value)]
    if problems:  # a value's newline escaped ('en\\n'), so that each problem stays one line
        from .readers import shown

        raise error("\n".join(f"{where}: entry '{shown(name)}', field '{key}': {shown(problem)}"
                              for key, problem in problems))
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
            for name in entry.names():
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
        """Every normalised name (id, short title, alias, long title) -> entry id."""
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
        if not name.strip():
            return EMPTY_NAME + "."
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
    from lexmig import corpus

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
