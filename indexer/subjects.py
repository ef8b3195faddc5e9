"""The subject index (corpus/subjects.toml): which subjects each provision is about.

Subjects are assigned at index time by rules on a unit's title, its place and its text
(see the header of subjects.toml), never by a list of provision ids, so that a document a
librarian adds is classified like the reference corpus:

    from indexer.subjects import assign
    assign(passages)["ets093/art-12/1"]
    # [Assignment(subject='family reunification', rule='article', evidence='Family reunion'), ...]

Expressions are matched on stems with the thesaurus' machinery (`ExpressionTable`). A
question is matched more loosely (`subjects_in_query`): all the words of an expression, in
any order ("bring my wife and the kids" holds "wife and kids").
"""

from __future__ import annotations

import functools
import hashlib
import re
import tomllib
from dataclasses import dataclass

from .errors import LexmigError
from .passage import Passage
from .thesaurus import ExpressionTable, stems


class SubjectError(LexmigError):
    """The subject index data file is invalid, or a subject name is unknown."""


@dataclass(frozen=True)
class Subject:
    name: str
    scope: str
    legal: tuple[str, ...]
    everyday: tuple[str, ...]
    titles: tuple[str, ...] = ()

    @property
    def token(self) -> str:
        """The subject as an index term: "family reunification" -> "family_reunification"."""
        return token_of(self.name)


def token_of(name: str) -> str:
    return re.sub(r"\W+", "_", name.lower()).strip("_")


@dataclass(frozen=True)
class Assignment:
    """Why a unit is filed under a subject: the rule and what it matched."""

    subject: str
    rule: str  # "title", "article", "heading" or "text"
    evidence: str  # the title or heading, or the expression found in the text

    # A unit's own title and its article's title say what it is about; a heading (a
    # chapter's) or one expression in the text is weaker evidence.
    @property
    def weight(self) -> int:
        return 2 if self.rule in ("title", "article") else 1

    def describe(self) -> str:
        where = {"title": "its title", "article": "its article's title", "heading": "the heading",
                 "text": "its text has"}[self.rule]
        return f"{where} '{self.evidence}'"

    def to_json(self) -> dict:
        return {"name": self.subject, "rule": self.rule, "evidence": self.evidence}


RULES = ("title", "article", "heading", "text")
_FIELDS = ("name", "scope", "legal", "everyday", "titles")


def _source() -> str:
    from .catalogue import corpus_dir

    return (corpus_dir() / "subjects.toml").read_text(encoding="utf-8")


def digest() -> str:
    """Changes whenever the subject index does: the search index records it and is rebuilt."""
    return hashlib.sha256(_source().encode("utf-8")).hexdigest()[:12]


def _expressions(value) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(t, str) and stems(t) for t in value)


def parse_subjects(text: str, source: str = "subjects.toml") -> tuple[Subject, ...]:
    """Subjects from TOML text, validated: a problem raises SubjectError naming the subject and field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SubjectError(f"{source}: not valid TOML ({exc}); fix the file.") from None
    subjects: list[Subject] = []
    seen: dict[str, str] = {}
    for i, raw in enumerate(data.get("subject", []), 1):
        name = raw.get("name")
        if not isinstance(name, str) or not name.strip():
            raise SubjectError(f"{source}: subject {i}, field 'name': missing or empty")
        where = f"{source}: subject '{name}'"
        unknown = sorted(set(raw) - set(_FIELDS))
        if unknown:
            raise SubjectError(f"{where}, field '{unknown[0]}': unknown field (fields: {', '.join(_FIELDS)})")
        if token_of(name) in seen:
            raise SubjectError(f"{where}, field 'name': the same name as subject '{seen[token_of(name)]}'")
        seen[token_of(name)] = name
        scope = raw.get("scope")
        if not isinstance(scope, str) or not scope.strip() or "\n" in scope.strip():
            raise SubjectError(f"{where}, field 'scope': needs one line saying what belongs here")
        for key in ("legal", "everyday"):
            if not _expressions(raw.get(key)):
                raise SubjectError(f"{where}, field '{key}': needs a list of one or more expressions "
                                   "(words, not only stop words)")
        titles = raw.get("titles", [])
        if titles and not _expressions(titles):
            raise SubjectError(f"{where}, field 'titles': must be a list of expressions")
        subjects.append(Subject(name, scope.strip(), tuple(raw["legal"]), tuple(raw["everyday"]), tuple(titles)))
    if not subjects:
        raise SubjectError(f"{source}: no [[subject]] entries")
    return tuple(subjects)


@functools.cache
def load_subjects() -> tuple[Subject, ...]:
    """The curated subjects of corpus/subjects.toml, validated."""
    return parse_subjects(_source())


def find_subject(name: str) -> Subject:
    """A subject by name (case and punctuation ignored); unknown: SubjectError naming the nearest."""
    wanted = token_of(name)
    for subject in load_subjects():
        if subject.token == wanted:
            return subject
    from rapidfuzz import fuzz, process

    names = [s.name for s in load_subjects()]
    nearest = process.extractOne(name.lower(), names, scorer=fuzz.WRatio)
    raise SubjectError(f"no subject '{name}'; the nearest is '{nearest[0]}' (lexmig subjects lists them all).")


@functools.cache
def _text_table() -> ExpressionTable:
    return ExpressionTable((t, s.name) for s in load_subjects() for t in s.legal)


@functools.cache
def _title_table() -> ExpressionTable:
    return ExpressionTable((t, s.name) for s in load_subjects() for t in s.legal + s.titles)


# Kinds whose title names what the units inside them are about.
_HEADING_KINDS = ("part", "chapter", "section", "annex")


def assign(passages: list[Passage]) -> dict[str, list[Assignment]]:
    """passage_id -> its subjects (one Assignment per subject, the strongest rule), for the
    passages of one document."""
    headings = {(p.lang, p.path): p.title for p in passages if p.title}
    text_cache: dict = {}
    title_cache: dict = {}
    out: dict[str, list[Assignment]] = {}
    for passage in passages:
        found: dict[str, Assignment] = {}

        def note(subject: str, rule: str, evidence: str):
            if subject not in found or RULES.index(rule) < RULES.index(found[subject].rule):
                found[subject] = Assignment(subject, rule, evidence)

        titled = [(passage.title, "title")] if passage.title else []
        for i in range(len(passage.path) - 1, 0, -1):
            title = headings.get((passage.lang, passage.path[:i]))
            kind = passage.path[i - 1].kind
            if title and kind == "article":
                titled.append((title, "article"))
            elif title and kind in _HEADING_KINDS:
                titled.append((title, "heading"))
        for title, rule in titled:
            for subject in _title_table().find(title, title_cache):
                note(subject, rule, title)
        for subject, expression in _text_table().find(passage.text, text_cache).items():
            note(subject, "text", expression)
        out[passage.passage_id] = sorted(found.values(), key=lambda a: (RULES.index(a.rule), _order()[a.subject]))
    return out


@functools.cache
def _order() -> dict[str, int]:
    return {s.name: i for i, s in enumerate(load_subjects())}


def index_terms(assignments: list[Assignment]) -> str:
    """The subjects field of a passage: each subject's token, twice for a title or an
    article title, so that BM25 weighs them above a heading or one expression in the text."""
    return " ".join(" ".join([token_of(a.subject)] * a.weight) for a in assignments)


@dataclass(frozen=True)
class QueryMatch:
    subject: Subject
    expression: str  # what the question holds
    stems: tuple[str, ...]  # the question's stems it covers


@functools.cache
def _query_expressions() -> tuple[tuple[frozenset[str], str, Subject], ...]:
    rows = []
    for subject in load_subjects():
        for expression in dict.fromkeys((subject.name,) + subject.everyday + subject.legal + subject.titles):
            expression_stems = frozenset(stems(expression))
            if expression_stems:
                rows.append((expression_stems, expression, subject))
    return tuple(rows)


def subjects_in_query(text: str) -> list[QueryMatch]:
    """The subjects a question asks about: those one of whose expressions (its name, the
    everyday words, the legal vocabulary, a title word) has all its words in the question.
    Each subject once, by the longest expression found."""
    query_stems = set(stems(text))
    best: dict[str, QueryMatch] = {}
    for expression_stems, expression, subject in _query_expressions():
        if expression_stems <= query_stems:
            current = best.get(subject.name)
            if current is None or len(expression_stems) > len(current.stems):
                best[subject.name] = QueryMatch(subject, expression, tuple(sorted(expression_stems)))
    return list(best.values())
