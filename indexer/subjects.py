"""The subject index (corpus/subjects.toml): which subjects each provision is about.

Subjects are assigned at index time by rules on a unit's title, its place and its text
(see the header of subjects.toml), never by a list of provision ids, so that a document a
librarian adds is classified like the reference corpus:

    from lexmig.indexer.subjects import assign
    assign(passages)[i]  # the subjects of passages[i], e.g. ETS 93 Art. 12(1):
    # [Assignment(subject='family reunification', rule='article', evidence='Family reunion'), ...]

Expressions are matched on stems with the thesaurus' machinery (`ExpressionTable`). A
question is matched more loosely (`subjects_in_query`): all the words of an expression, in
any order ("bring my wife and the kids" holds "wife and kids").
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tomllib
from dataclasses import dataclass, field

from .errors import SubjectError
from .kinds import CITING_KINDS, HEADING_KINDS
from .passage import Passage
from .thesaurus import ExpressionTable, compounds_joined, stems


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
    rule: str  # "title", "article", "heading", "chapeau" or "text"
    evidence: str  # the title or heading, or the expression found in the text
    # Its document's articles have no titles (the ILO Conventions, the UN Covenants): see `weight`.
    untitled: bool = field(default=False, compare=False)

    # A unit's own title and its article's title say what it is about; a heading (a
    # chapter's) or one expression in the text is weaker evidence. Where the drafters gave
    # no article a title, the text is the best evidence there is: its expression counts 2,
    # so that such instruments' provisions are not ranked below a titled instrument's
    # (ETS 93, the Refugee Convention) on a question of the same subject.
    @property
    def weight(self) -> int:
        if self.rule in ("title", "article"):
            return 3
        return UNTITLED_TEXT_WEIGHT if self.untitled and self.rule == "text" else 1

    def describe(self) -> str:
        where = {"title": "its title", "article": "its article's title", "heading": "the heading",
                 "chapeau": "the words introducing its list have", "text": "its text has"}[self.rule]
        return f"{where} '{self.evidence}'"

    def to_json(self) -> dict:
        return {"name": self.subject, "rule": self.rule, "evidence": self.evidence}


RULES = ("title", "article", "heading", "chapeau", "text")
# How many times a text expression is indexed in an instrument without article titles
# (1 elsewhere, 3 for a title): measured 2 and 3 on the six judged sets, 2 best.
UNTITLED_TEXT_WEIGHT = 2
_FIELDS = ("name", "scope", "legal", "everyday", "titles")


def _source() -> str:
    from .catalogue import corpus_dir

    return (corpus_dir() / "subjects.toml").read_text(encoding="utf-8")


# Bump when the assignment rules change what is filed where: the search index is rebuilt.
RULES_VERSION = "6"


def digest() -> str:
    """Changes whenever the subject index or its rules do: the search index records it and
    is rebuilt."""
    return hashlib.sha256(f"{RULES_VERSION}\n{_source()}".encode("utf-8")).hexdigest()[:12]


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


def load_subjects() -> tuple[Subject, ...]:
    """The curated subjects of corpus/subjects.toml, validated."""
    return _vocabulary().subjects


@dataclass(frozen=True)
class _Vocabulary:
    """The subjects and the table a question is matched against (`_query_expressions`): what
    reading and stemming subjects.toml gives, about 30 ms a process. The index keeps a copy
    (`stored_vocabulary`), so that a search reads it in about 3 ms instead."""

    subjects: tuple[Subject, ...]
    # (stems, expression, subject, an everyday expression or the name, a hyphenated compound)
    expressions: tuple[tuple[frozenset[str], str, Subject, bool, bool], ...]
    # each subject's token -> the stem runs of its law's words, in order (`law_runs`)
    runs: dict[str, tuple[tuple[str, ...], ...]]


_loaded: list[_Vocabulary] = []  # the one a process uses, once read or computed


def _vocabulary() -> _Vocabulary:
    if not _loaded:
        subjects = parse_subjects(_source())
        _loaded.append(_Vocabulary(subjects, _expressions_of(subjects), _law_runs_of(subjects)))
    return _loaded[0]


def law_runs() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Each subject's index token -> the stem runs of its legal expressions and titles, in
    their order (what marks the subject in a text; the ranking's proximity reads them)."""
    return _vocabulary().runs


def _law_runs_of(subjects: tuple[Subject, ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    return {s.token: tuple(sorted({run for t in s.legal + s.titles if (run := tuple(stems(t)))})) for s in subjects}


# Bump when `stored_vocabulary`'s layout changes (an index keeps the old one: it is recomputed).
VOCABULARY_FORMAT = "2"


def stored_vocabulary() -> str:
    """The vocabulary as the index keeps it (JSON), with the digest of the subject index it
    was made from."""
    vocabulary = _vocabulary()
    position = {subject.name: i for i, subject in enumerate(vocabulary.subjects)}
    return json.dumps([VOCABULARY_FORMAT, digest(),
                       [[s.name, s.scope, s.legal, s.everyday, s.titles] for s in vocabulary.subjects],
                       [[sorted(found), expression, position[subject.name], plain, compound]
                        for found, expression, subject, plain, compound in vocabulary.expressions],
                       vocabulary.runs],
                      ensure_ascii=False)


def use_stored_vocabulary(text: str) -> bool:
    """Take the vocabulary an index kept, when nothing was read yet and it was made from
    this subject index in this layout; False (then it is computed when needed) otherwise,
    a damaged copy included."""
    if _loaded:
        return False
    try:
        form, made_from, raw_subjects, raw_expressions, raw_runs = json.loads(text)
        if form != VOCABULARY_FORMAT or made_from != digest():
            return False
        subjects = tuple(Subject(name, scope, tuple(legal), tuple(everyday), tuple(titles))
                         for name, scope, legal, everyday, titles in raw_subjects)
        expressions = tuple((frozenset(found), expression, subjects[i], plain, compound)
                            for found, expression, i, plain, compound in raw_expressions)
        runs = {token: tuple(tuple(run) for run in found) for token, found in raw_runs.items()}
    except (ValueError, TypeError, IndexError, AttributeError):  # JSONDecodeError is a ValueError
        return False
    _loaded.append(_Vocabulary(subjects, expressions, runs))
    return True


def find_subject(name: str) -> Subject:
    """A subject by name (case and punctuation ignored), or the one subject whose name holds
    all its words ("brain drain": "skilled emigration and brain drain"); several such
    subjects, or none: SubjectError listing them, or naming the nearest."""
    if not re.search(r"\w", name):  # `lexmig subjects "$NAME"` with NAME unset
        raise SubjectError(f"the subject's name {'is empty' if not name.strip() else repr(name) + ' has no word'}: "
                           "give one (lexmig subjects lists them all).")
    wanted = token_of(name)
    for subject in load_subjects():
        if subject.token == wanted:
            return subject
    words = set(stems(name))
    holding = [s for s in load_subjects() if words and words <= set(stems(s.name))]
    if len(holding) == 1:
        return holding[0]
    if holding:
        raise SubjectError(f"'{name}' is in the names of {len(holding)} subjects: "
                           f"{', '.join(repr(s.name) for s in holding)}; give one of them.")
    nearest = nearest_subject(name)
    if nearest is None:  # "xyz" was told "the nearest is 'protection of the family'"
        raise SubjectError(f"no subject '{name}', nor one near it (lexmig subjects lists them all).")
    raise SubjectError(f"no subject '{name}'; the nearest is '{nearest.name}' (lexmig subjects lists them all).")


NEAR_SPELLING = 70  # rapidfuzz's WRatio of a name that shares no word with the one typed ("famly": 72)


def nearest_subject(name: str) -> Subject | None:
    """The subject whose name holds the most of the words of `name` (stems), then one its
    words ask about, then the most alike in spelling: "recruitment fee" -> "recruitment fees
    and costs", "pay" -> "remuneration", "famly" -> "family reunification"; None when none is
    near ("xyz": no word shared, none asked about, spelt alike below NEAR_SPELLING)."""
    from rapidfuzz import fuzz

    wanted = set(stems(name))
    asked = {match.subject.name for match in subjects_in_query(name)}

    def key(subject: Subject):
        held = set(stems(subject.name))
        return (len(wanted & held), subject.name in asked, fuzz.WRatio(name.lower(), subject.name))

    best = max(load_subjects(), key=key)
    shared, asked_about, spelling = key(best)
    return best if shared or asked_about or spelling >= NEAR_SPELLING else None


@functools.cache
def _text_table() -> ExpressionTable:
    return ExpressionTable((compounds_joined(t), s.name) for s in load_subjects() for t in s.legal)


@functools.cache
def _title_table() -> ExpressionTable:
    return ExpressionTable((compounds_joined(t), s.name) for s in load_subjects() for t in s.legal + s.titles)


def assign(passages: list[Passage]) -> list[list[Assignment]]:
    """The subjects of each passage of one document (one Assignment per subject, by the
    strongest rule), in the order of `passages`. A list, not a mapping by passage id: a
    document may hold two units with one id (an appendix that repeats article numbers)."""
    headings = {(p.lang, p.path): p.title for p in passages if p.title}
    untitled = not any(p.title for p in passages if p.kind == "article")
    chapeaus = {(p.lang, p.path): _chapeau(p.text) for p in passages}
    text_cache: dict = {}
    title_cache: dict = {}
    out: list[list[Assignment]] = []
    for passage in passages:
        found: dict[str, Assignment] = {}

        def note(subject: str, rule: str, evidence: str):
            if subject not in found or RULES.index(rule) < RULES.index(found[subject].rule):
                found[subject] = Assignment(subject, rule, evidence, untitled)

        titled = [(passage.title, "title")] if passage.title else []
        for i in range(len(passage.path) - 1, 0, -1):
            title = headings.get((passage.lang, passage.path[:i]))
            kind = passage.path[i - 1].kind
            if title and kind == "article":
                titled.append((title, "article"))
            elif title and kind in HEADING_KINDS:
                titled.append((title, "heading"))
        for title, rule in titled:
            for subject in _title_table().find(compounds_joined(title), title_cache):
                note(subject, rule, title)
        for i in range(len(passage.path) - 1, 0, -1):
            chapeau = chapeaus.get((passage.lang, passage.path[:i]))
            for subject, expression in _text_table().find(compounds_joined(chapeau), text_cache).items() \
                    if chapeau else ():
                note(subject, "chapeau", expression)
        # A footnote's text cites sources; a preamble recalls other instruments by their
        # titles ("the Forced Labour Convention"): neither is about what their words name.
        if passage.kind not in CITING_KINDS:
            for subject, expression in _text_table().find(compounds_joined(passage.text), text_cache).items():
                note(subject, "text", expression)
        out.append(sorted(found.values(), key=lambda a: (RULES.index(a.rule), _order()[a.subject])))
    return out


_LABELLED = re.compile(r"^\(?[0-9a-zA-Z]{1,5}[.)]\s")
_INTRODUCES_LIST = re.compile(r"[:—–-]\s*$")


def _chapeau(text: str) -> str | None:
    """The words that introduce a unit's list of points ("... in respect of the following
    matters:"), which govern every point of it; None when its first line is not such words
    (an article whose first line is its paragraph 1 is labelled "1.")."""
    first = text.split("\n", 1)[0]
    if "\n" in text and _INTRODUCES_LIST.search(first) and not _LABELLED.match(first):
        return first
    return None


@functools.cache
def _order() -> dict[str, int]:
    return {s.name: i for i, s in enumerate(load_subjects())}


def index_terms(assignments: list[Assignment]) -> str:
    """The subjects field of a passage: each subject's token as many times as its evidence
    weighs (`Assignment.weight`: three for a title or an article title, two for a text
    expression of an instrument without article titles, else one), so that BM25 weighs a
    title above a heading or one expression in the text."""
    return " ".join(" ".join([token_of(a.subject)] * a.weight) for a in assignments)


@dataclass(frozen=True)
class QueryMatch:
    subject: Subject
    expression: str  # what the question holds
    stems: tuple[str, ...]  # the question's stems it covers
    everyday: bool = True  # asked in everyday words (or by the subject's name), not only in the law's


def _query_expressions() -> tuple[tuple[frozenset[str], str, Subject, bool, bool], ...]:
    return _vocabulary().expressions


def _expressions_of(subjects: tuple[Subject, ...]) -> tuple[tuple[frozenset[str], str, Subject, bool, bool], ...]:
    rows = []
    for subject in subjects:
        everyday = (subject.name,) + subject.everyday
        for expression in dict.fromkeys(everyday + subject.legal + subject.titles):
            expression_stems = frozenset(stems(expression))
            if expression_stems:
                # A hyphenated compound ("live-in worker") is one word: its parts apart in a
                # question ("a worker ... if they live in another country") are not the compound.
                compound = compounds_joined(expression) != expression
                rows.append((expression_stems, expression, subject, expression in everyday, compound))
    return tuple(rows)


def subjects_in_query(text: str, loose: frozenset[str] = frozenset()) -> list[QueryMatch]:
    """The subjects a question asks about: those one of whose expressions (its name, the
    everyday words, the legal vocabulary, a title word) has all its words in the question.
    Each subject once, by the longest expression found; `everyday` says whether any of its
    everyday expressions (or its name) was found, not only the law's words.

    An expression holding one of the `loose` stems (the words any question uses: "what",
    "get", "allowed") or a hyphenated compound must stand together in the question, its
    words in any order with at most one other between them ("get a job", not "get the same
    compensation ... on the job"; "what is trafficking", not "What help do trafficking
    victims get?"); other expressions may be spread over the question."""
    sequence = stems(text)
    query_stems = set(sequence)
    best: dict[str, QueryMatch] = {}
    everyday: set[str] = set()
    for expression_stems, expression, subject, plain, compound in _query_expressions():
        if expression_stems <= query_stems and (len(expression_stems) < 2 or not (compound or expression_stems & loose)
                                                or _together(sequence, expression_stems)):
            if plain:
                everyday.add(subject.name)
            current = best.get(subject.name)
            if current is None or len(expression_stems) > len(current.stems):
                best[subject.name] = QueryMatch(subject, expression, tuple(sorted(expression_stems)))
    matches = [QueryMatch(m.subject, m.expression, m.stems, m.subject.name in everyday) for m in best.values()]
    asked = definition_asked(text)
    if asked and not any(m.subject.name == DEFINITIONS for m in matches):
        defined = next((s for s in load_subjects() if s.name == DEFINITIONS), None)
        if defined is not None:
            matches.append(QueryMatch(defined, asked, ()))
    return matches


def _together(sequence: list[str], wanted: frozenset[str]) -> bool:
    """Whether all of `wanted` stand within len(wanted) + 1 consecutive stems of `sequence`."""
    width = len(wanted) + 1
    return any(wanted <= set(sequence[i:i + width]) for i in range(max(1, len(sequence) - width + 1)))


# The subject of definitions, which a question asks about by its form ("What is forced
# labour?") as well as by its words ("what counts as").
DEFINITIONS = "definitions and scope"
# "What is X?", "Who are X?", "What does X mean?", "Define X": X a term of a few words. A
# longer question of this form asks about a rule ("What is the minimum age for a child to
# start working?"), not about what a term means.
_DEFINITION_QUESTION = re.compile(
    r"^\s*(?:(?:what|who)\s+(?:is|are)\s+(?:an?\s+|the\s+)?(?P<term>[^?]+?)|what\s+(?:does|do)\s+(?:an?\s+|the\s+)?"
    r"(?P<meant>[^?]+?)\s+mean|define\s+(?P<defined>[^?]+?))\s*\??\s*$", re.I)
DEFINED_TERM_WORDS = 4
# "What are the rights of migrant workers?", "What is the role of the IOM?", "What is the
# minimum working age?" ask what the law gives or sets, not what a term means.
_CONTENT_ASKED = frozenset("right rights duty duties obligation obligations rule rules role purpose purposes "
                           "procedure procedures penalty penalties punishment minimum maximum difference".split())


# "Is army service counted as forced labour?", "does that count as racial discrimination?",
# "Is military service considered forced labour?": whether a case falls under a term is asked
# of the term's definition, whatever the question's first words.
_COUNTS_AS = re.compile(r"\b(?:(?:counts?|counted|regarded|deemed|classed|classified)\s+as|considered(?:\s+(?:as|to\s+be))?"
                        r"(?!\s+(?:by|for|in|on|at|when|if|under|before|after|and|or|with|from)\b))\s+\w", re.I)


def definition_asked(text: str) -> str | None:
    """The words that make a question ask what a term means ("What is", "Define", "counted
    as"), or None.

    >>> definition_asked("What is forced labour?")
    'What is'
    >>> definition_asked("What is the minimum age for a child to start working?") is None
    True
    """
    match = _DEFINITION_QUESTION.match(text)
    if not match:
        counts = _COUNTS_AS.search(text)
        return " ".join(counts.group()[:-1].split()) if counts else None
    term = match.group("term") or match.group("meant") or match.group("defined")
    words = term.split()
    if not 1 <= len(words) <= DEFINED_TERM_WORDS or words[0].lower() in _CONTENT_ASKED:
        return None
    return " ".join(text[:match.start(next(g for g in ("term", "meant", "defined") if match.group(g)))].split())


# -- the subject index of a library (lexmig subjects) -------------------------------------------

@dataclass(frozen=True)
class Filed:
    """A provision filed under a subject, as the browse view lists it."""

    passage: Passage
    assignment: Assignment


def _filed_query(subject: Subject, lang: str):
    """The query for the units of one language filed under `subject`."""
    from whoosh import query as wq

    return wq.And([wq.Term("subjects", subject.token), wq.Term("lang", lang)])


def _filed_passages(searcher, subject: Subject, installed, lang: str):
    """(passage, its assignment for `subject`) of every indexed unit filed under it."""
    import json

    from .index import passage_from_record

    for hit in searcher.search(_filed_query(subject, lang), limit=None):
        if hit["doc_id"] not in installed:
            continue
        why = next(a for a in json.loads(hit["subject_why"]) if a["name"] == subject.name)
        yield passage_from_record(hit["data"]), Assignment(subject.name, why["rule"], why["evidence"])


def subject_counts(searcher, installed, lang: str = "en") -> dict[str, tuple[int, int]]:
    """subject name -> (provisions, instruments): provisions are article-level units (an
    article, an annex's article, a paragraph of a paper) holding the subject anywhere."""
    from whoosh import query as wq

    from .passage import article_key

    counts = {}
    for subject in load_subjects():
        # Only three stored fields are needed: no passage record or assignment is decoded to
        # count, and the language is read from each record (an And with the language term
        # walks all of its postings: most of the index).
        records = map(searcher.stored_fields, searcher.docs_for_query(wq.Term("subjects", subject.token)))
        filed = [(fields["passage_id"], fields["doc_id"]) for fields in records
                 if fields["lang"] == lang and fields["doc_id"] in installed]
        counts[subject.name] = (len({article_key(pid) for pid, _ in filed}), len({doc for _, doc in filed}))
    return counts


BROWSE_UNITS = 3  # more units of one article than this: the browse view cites the article


def browse(searcher, subject: Subject, installed, lang: str = "en") -> list[Filed]:
    """A subject's provisions across the instruments, in document order, each cited at the
    level that carries it: an article whose title (or heading) gives the subject is cited
    whole; otherwise the smallest units whose text holds it ("C097, Art. 6(1)(a)(i)"), or the
    article when more than BROWSE_UNITS of its units do."""
    from .passage import article_key

    groups: dict[str, dict[str, Filed]] = {}
    for passage, assignment in _filed_passages(searcher, subject, installed, lang):
        groups.setdefault(article_key(passage.passage_id), {})[passage.passage_id] = Filed(passage, assignment)
    out: list[Filed] = []
    for key, units in groups.items():
        whole = units.get(key)
        if whole is not None and (whole.assignment.rule != "text" or len(units) == 1):
            out.append(whole)
            continue
        smallest = [f for f in units.values() if not any(f.passage.contains(other) for other in units)]
        out.extend([whole] if whole is not None and len(smallest) > BROWSE_UNITS else smallest)
    return sorted(out, key=lambda f: (f.passage.doc_id, f.passage.order))
