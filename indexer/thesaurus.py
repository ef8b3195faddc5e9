"""The thesaurus (corpus/thesaurus.toml) and the concepts it finds in a text.

Indexing records, for every passage, the thesaurus groups whose expressions it contains
(matched on stems, phrases as runs of stems), so that a query expanded to a group is one
cheap term lookup instead of a disjunction of phrase queries.
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from dataclasses import dataclass

from .errors import ThesaurusError


@dataclass(frozen=True)
class Group:
    name: str
    terms: tuple[str, ...]
    weight: float
    note: str = ""

    @property
    def token(self) -> str:
        """The group as an index term: "family reunification" -> "family_reunification"."""
        return self.name.replace(" ", "_")


@functools.cache
def analyzer():
    from whoosh.analysis import StemmingAnalyzer

    return StemmingAnalyzer()


_TOKEN_RE = re.compile(r"\w+(?:\.?\w+)*")  # StemmingAnalyzer's tokenizer


@functools.cache
def _stop_words() -> frozenset[str]:
    from whoosh.analysis import STOP_WORDS

    return frozenset(STOP_WORDS)


def _stem(word: str) -> str:  # cached by `stems` (_WORD_STEMS)
    from whoosh.lang.porter import stem

    return stem(word)


def stems(text: str) -> list[str]:
    """What StemmingAnalyzer makes of `text` (tokens, lower case, no stop words, Porter
    stems), computed without its token objects: concepts are matched in every line indexed."""
    known = _WORD_STEMS
    if len(known) > 200_000:  # a bound, for very large collections
        known.clear()
    out = []
    for token in _TOKEN_RE.findall(text):
        word = token.lower()
        stem = known.get(word)
        if stem is None:  # "" for a stop word or a single letter
            stem = known[word] = _stem(word) if len(word) >= 2 and word not in _stop_words() else ""
        if stem:
            out.append(stem)
    return out


_WORD_STEMS: dict[str, str] = {}  # word (lower case) -> its stem, "" if StemmingAnalyzer drops it


def _source() -> str:
    from .catalogue import corpus_dir

    return (corpus_dir() / "thesaurus.toml").read_text(encoding="utf-8")


# Bump when the way concepts are found in a passage changes: the search index is rebuilt.
RULES_VERSION = "2"


def digest() -> str:
    """Changes whenever the thesaurus or its rules do: the index records it and is rebuilt on change."""
    return hashlib.sha256(f"{RULES_VERSION}\n{_source()}".encode("utf-8")).hexdigest()[:12]


@functools.cache
def load_thesaurus() -> tuple[Group, ...]:
    """The curated groups of corpus/thesaurus.toml, validated."""
    data = tomllib.loads(_source())
    groups = []
    for i, raw in enumerate(data.get("group", []), 1):
        name = raw.get("name")
        terms = raw.get("terms")
        weight = raw.get("weight", 0.5)
        if not isinstance(name, str) or not name:
            raise ThesaurusError(f"thesaurus.toml: group {i}, field 'name': missing")
        if not isinstance(terms, list) or len(terms) < 2 or not all(isinstance(t, str) and t for t in terms):
            raise ThesaurusError(f"thesaurus.toml: group '{name}', field 'terms': needs two or more expressions")
        if not isinstance(weight, (int, float)) or not 0 < weight <= 1:
            raise ThesaurusError(f"thesaurus.toml: group '{name}', field 'weight': must be in (0, 1]")
        groups.append(Group(name, tuple(terms), float(weight), raw.get("note", "")))
    return tuple(groups)


class ExpressionTable:
    """Expressions matched on stems, phrases as runs of stems, each marking a key (a
    thesaurus group's token, a subject's name). Shared by the thesaurus and the subject index."""

    def __init__(self, pairs):
        # first stem -> [(stems of an expression, its key, the expression as written)]
        self.table: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        for expression, key in pairs:
            expression_stems = tuple(stems(expression))
            if expression_stems:
                self.table.setdefault(expression_stems[0], []).append((expression_stems, key, expression))

    def find(self, text: str, cache: dict | None = None) -> dict[str, str]:
        """key -> the first expression of it that occurs in `text`.

        Matched line by line; give a `cache` (line -> matches) when the same lines recur, as
        they do in a document whose articles include the text of their paragraphs.
        """
        found: dict[str, str] = {}
        for line in text.split("\n"):
            if cache is not None and line in cache:
                matches = cache[line]
            else:
                matches = self._find_line(line)
                if cache is not None:
                    cache[line] = matches
            for key, expression in matches.items():
                found.setdefault(key, expression)
        return found

    def _find_line(self, line: str) -> dict[str, str]:
        found: dict[str, str] = {}
        seq = _line_stems(line)
        table = self.table
        for i in [i for i, stem in enumerate(seq) if stem in table]:  # most stems begin no expression
            for expression, key, written in table[seq[i]]:
                if seq[i:i + len(expression)] == expression:
                    found.setdefault(key, written)
        return found


@functools.lru_cache(maxsize=20_000)
def _line_stems(line: str) -> tuple[str, ...]:
    """A line's stems, kept for a while: the thesaurus and the subject index read the same
    lines of a document one after the other (20,000 lines hold a large document)."""
    return tuple(stems(line))


# Not after "non": "non-refoulement" and "non-discrimination" are about what they negate.
# The hyphen first: the regular expression engine then looks only at hyphens (40 times faster).
_COMPOUND = re.compile(r"-(?<=[^\W\d_]-)(?<!\bnon-)(?<!\bNon-)(?=[^\W\d_])")


def compounds_joined(text: str) -> str:
    """A hyphenated compound as one word, in provisions and in the expressions filed on
    them: "Wage-earning employment" is not about wages, nor "Contracting-Party" about a
    contract; "co-operation" still matches "co-operation" (both become "cooperation"); a
    "non-" word stays two ("non-refoulement" is about refoulement)."""
    return _COMPOUND.sub("", text)


@functools.cache
def _expressions() -> ExpressionTable:
    return ExpressionTable((compounds_joined(term), group.token) for group in load_thesaurus() for term in group.terms)


def concepts_in(text: str, cache: dict | None = None) -> set[str]:
    """The tokens of the thesaurus groups whose expressions occur in `text` (see
    `ExpressionTable.find` for the `cache`); a hyphenated compound is one word, as when
    provisions are filed under subjects ("Wage-earning employment" holds no wages)."""
    return set(_expressions().find(compounds_joined(text), cache))
