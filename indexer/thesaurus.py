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

from .errors import LexmigError


class ThesaurusError(LexmigError):
    """The thesaurus data file is invalid."""


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


@functools.lru_cache(maxsize=100_000)
def _stem(word: str) -> str:
    from whoosh.lang.porter import stem

    return stem(word)


def stems(text: str) -> list[str]:
    """What StemmingAnalyzer makes of `text` (tokens, lower case, no stop words, Porter
    stems), computed without its token objects: concepts are matched in every line indexed."""
    stop = _stop_words()
    return [_stem(w) for w in (m.group(0).lower() for m in _TOKEN_RE.finditer(text))
            if len(w) >= 2 and w not in stop]


def _source() -> str:
    from .catalogue import corpus_dir

    return (corpus_dir() / "thesaurus.toml").read_text(encoding="utf-8")


def digest() -> str:
    """Changes whenever the thesaurus does: the index records it and is rebuilt on change."""
    return hashlib.sha256(_source().encode("utf-8")).hexdigest()[:12]


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


@functools.cache
def _expressions() -> dict[str, list[tuple[tuple[str, ...], Group]]]:
    """First stem -> [(stems of an expression, its group)]."""
    table: dict[str, list[tuple[tuple[str, ...], Group]]] = {}
    for group in load_thesaurus():
        for term in group.terms:
            term_stems = tuple(stems(term))
            if term_stems:
                table.setdefault(term_stems[0], []).append((term_stems, group))
    return table


def concepts_in(text: str, cache: dict | None = None) -> set[str]:
    """The tokens of the thesaurus groups whose expressions occur in `text`.

    Matched line by line; give a `cache` (line -> concepts) when the same lines recur, as
    they do in a document whose articles include the text of their paragraphs.
    """
    found: set[str] = set()
    for line in text.split("\n"):
        if cache is not None and line in cache:
            found |= cache[line]
            continue
        concepts = _line_concepts(line)
        if cache is not None:
            cache[line] = concepts
        found |= concepts
    return found


def _line_concepts(line: str) -> set[str]:
    table = _expressions()
    found: set[str] = set()
    seq = stems(line)
    for i, stem in enumerate(seq):
        for expression, group in table.get(stem, ()):
            if tuple(seq[i:i + len(expression)]) == expression:
                found.add(group.token)
    return found
