"""Query understanding: lenient syntax, spelling correction, thesaurus expansion.

`plan_query` turns what a person typed into a Whoosh query plus what it did to get there
(the corrected text, the expansions), so that the output can say "Showing results for ...".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from indexer.errors import LexmigError
from indexer.subjects import QueryMatch, subjects_in_query
from indexer.thesaurus import load_thesaurus, stems

FIELD_BOOSTS = {"text": 1.0, "title": 1.0}
CONCEPT_BOOST = 2.0  # a thesaurus group's term scores about its idf; this puts it near a phrase match
NAMED_DOCUMENT_BOOST = 3.0  # added to passages of a document the query names ("C97 remittances")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
# Words of a question that say nothing about its subject.
QUESTION_WORDS = frozenset(
    "what which who whom whose when where why how does do did is are was were can could should "
    "would may might must shall will there their they them it its about say says said any some "
    "rule rules provision provisions".split())
# The filler of everyday questions ("what happens if", "is it allowed", "rights of", "my"):
# as search words they only pull in passages that happen to use them; what such a question
# is about is read by the subject index (indexer.subjects) from the whole question.
FILLER = frozenset(
    "if me my mine our we you your happens happen happened allowed allow entitled rights right "
    "get gets got need needs want wants someone anyone person people still also".split())
SUBJECT_BOOST = 2.0  # a subject the question asks about: evidence beside its words (cf. CONCEPT_BOOST)


class QueryError(LexmigError):
    """A query that cannot be searched as typed."""


@dataclass
class Expansion:
    matched: str  # the expression of the query that triggered the group
    group: str
    terms: list[str]
    weight: float

    def to_json(self) -> dict:
        return {"matched": self.matched, "group": self.group, "terms": self.terms, "weight": self.weight}


@dataclass(frozen=True)
class Highlight:
    """What to mark in a passage: single words (stems) and phrases (runs of stems)."""

    words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()


@dataclass
class Plan:
    typed: str  # what the person typed
    text: str  # what is searched (corrected)
    query: object  # the Whoosh query, expansions included
    base: object  # the same without expansions
    corrections: list[tuple[str, str]] = field(default_factory=list)
    expansions: list[Expansion] = field(default_factory=list)
    highlight: Highlight = Highlight()
    concepts: list[frozenset[str]] = field(default_factory=list)  # per typed word: it and its expansions
    subjects: list[QueryMatch] = field(default_factory=list)  # subjects the query asks about

    @property
    def corrected(self) -> str | None:
        return self.text if self.corrections else None


def expansions_for(text: str) -> list[Expansion]:
    """The thesaurus groups a query touches, each with the expressions it adds."""
    query_stems = stems(text)
    found: list[Expansion] = []
    for group in load_thesaurus():
        for term in group.terms:
            term_stems = stems(term)
            if term_stems and _contains(query_stems, term_stems):
                others = [t for t in group.terms if not _contains(query_stems, stems(t))]
                if others:
                    found.append(Expansion(term, group.name, others, group.weight))
                break
    return found


def _contains(seq: list[str], sub: list[str]) -> bool:
    n = len(sub)
    return any(seq[i:i + n] == sub for i in range(len(seq) - n + 1))


def lenient(text: str) -> str:
    """Repair what a terminal user types by accident: curly or unbalanced quotes, stray
    operators at the ends, empty parentheses, and the punctuation of a sentence ("...as
    nationals?" would otherwise be a wildcard)."""
    text = text.replace("“", '"').replace("”", '"').replace("„", '"')
    text = re.sub(r"(?<=\w)[?!.,;:]+(?=\s|\"|$)", "", text)
    if text.count('"') % 2:
        index = text.rfind('"')
        text = text[:index] + text[index + 1:]
    if text.count("(") != text.count(")"):
        text = text.replace("(", " ").replace(")", " ")
    words = text.split()
    while words and words[0].upper() in _OPERATORS - {"NOT"}:
        words.pop(0)
    while words and words[-1].upper() in _OPERATORS | {"-", "+"}:
        words.pop()
    return " ".join(words)


_DROPPED = QUESTION_WORDS | FILLER


def _parser(schema, fields=("text", "title")):
    from whoosh import qparser

    parser = qparser.MultifieldParser(list(fields), schema,
                                      fieldboosts={f: FIELD_BOOSTS[f] for f in fields},
                                      group=qparser.OrGroup.factory(0.9))
    parser.remove_plugin_class(qparser.FieldsPlugin)
    parser.remove_plugin_class(qparser.RangePlugin)
    parser.add_plugin(qparser.PlusMinusPlugin())
    return parser


def parse(text: str, schema, fields=("text", "title")):
    """A Whoosh query for `text`; whatever the syntax, never an exception."""
    from whoosh import query as wq

    cleaned = lenient(text)
    words = [w for w in cleaned.split() if w.lower().rstrip("?") not in _DROPPED]
    cleaned = " ".join(words) if words else cleaned
    try:
        parsed = _parser(schema, fields).parse(cleaned)
    except Exception:  # Whoosh's parser can fail on odd input; fall back to plain words
        plain = " ".join(re.findall(r"\w+", cleaned))
        parsed = _parser(schema, fields).parse(plain) if plain else wq.NullQuery
    return parsed


def correct(text: str, reader, skip: frozenset[str] = frozenset()) -> tuple[str, list[tuple[str, str]]]:
    """Replace words the corpus does not use by the nearest word it uses.

    A word is corrected when no document uses it, it is no English word either, and a word
    the documents use is one or two edits away; aliases ("C97") and operators are left alone.
    """
    corrections: list[tuple[str, str]] = []

    def fix(match: re.Match) -> str:
        word = match.group(0)
        lower = word.lower()
        if len(lower) < 4 or word in _OPERATORS or lower in skip or lower in QUESTION_WORDS:
            return word
        freq = reader.doc_frequency("words", lower)  # how many documents use the word
        if freq or _is_english(lower):
            return word
        best = _nearest_word(lower, reader)
        if best is None:
            return word
        corrections.append((word, best))
        return best

    fixed = re.sub(r"(?<![\w-])[A-Za-z]+(?![\w-])", fix, text)
    return fixed, corrections


def english_words() -> frozenset[str]:
    from indexer.clean import english_words as words  # only when a query has a rare word

    return words()


def _is_english(word: str) -> bool:
    """A real word the corpus happens not to use ("nurses") is not a typo."""
    if word in english_words():
        return True
    return word.endswith("s") and word[:-1] in english_words()


def _nearest_word(word: str, reader) -> str | None:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    vocabulary = _vocabulary(reader)
    limit = 1 if len(word) <= 5 else 2
    candidates = process.extract(word, vocabulary, scorer=Levenshtein.distance, score_cutoff=limit,
                                 limit=20)
    best, best_key = None, None
    for candidate, distance, _ in candidates:
        df = reader.doc_frequency("words", candidate)
        if df == 0:
            continue
        key = (distance, -df)
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


_VOCABULARY: dict[int, list[str]] = {}


def _vocabulary(reader) -> list[str]:
    key = id(reader)
    if key not in _VOCABULARY:
        _VOCABULARY.clear()
        _VOCABULARY[key] = [t.decode("utf-8") if isinstance(t, bytes) else t
                            for t in reader.lexicon("words")]
    return _VOCABULARY[key]


def plan_query(text: str, searcher, skip_words: frozenset[str] = frozenset(), expand: bool = True,
               spell: bool = True, named_doc: str | None = None) -> Plan:
    """Everything lexmig does to a free-text query before ranking.

    A query that names a document ("C97 remittances") favours that document's passages
    among those that match its words.
    """
    from whoosh import query as wq

    schema = searcher.schema
    searched, corrections = correct(text, searcher.reader(), skip_words) if spell else (text, [])
    base = parse(searched, schema)
    if not _positive_terms(base) and re.search(r"(^|\s)(NOT\s|-\w)", lenient(searched)):
        raise QueryError(f"'{text}' only excludes words; add a word to search for, e.g. 'smuggling -sea'.")
    expansions = expansions_for(searched) if expand else []
    reader = searcher.reader()
    groups = {g.name: g for g in load_thesaurus()}
    extra = []
    for expansion in expansions:
        if not any(reader.doc_frequency("text", s) for s in stems(expansion.matched)):
            # The words typed find nothing ("deportation"): the law's words stand in for them.
            expansion.weight = 1.0
        # Indexing marked every passage holding an expression of the group: one term.
        extra.append(wq.Term("concepts", groups[expansion.group].token, boost=CONCEPT_BOOST * expansion.weight))
    matches = subjects_in_query(searched) if expand else []
    on_subjects = [wq.Term("subjects", m.subject.token, boost=SUBJECT_BOOST) for m in matches]
    if _excludes(base):  # a subject must not bring back what the query excludes: it only adds
        query = _rare_first(base, extra, searcher)
        if on_subjects:
            query = wq.AndMaybe(query, wq.Or(on_subjects))
    else:
        query = _rare_first(base, extra, searcher, always=on_subjects)
    if named_doc:
        query = wq.AndMaybe(query, wq.ConstantScoreQuery(wq.Term("doc_id", named_doc), NAMED_DOCUMENT_BOOST))
    highlight = _highlight(query)
    words, phrases = set(highlight.words), list(highlight.phrases)
    for expansion in expansions:
        for term in expansion.terms:
            term_stems = tuple(stems(term))
            if len(term_stems) == 1:
                words.add(term_stems[0])
            elif term_stems:
                phrases.append(term_stems)
    concepts = {stem: {stem} for stem in sorted(_positive_terms(base))}
    for expansion in expansions:
        for stem in stems(expansion.matched):
            if stem in concepts:
                concepts[stem].add(groups[expansion.group].token)
    subject_concepts = []
    for match in matches:  # a word the subject's expression holds is covered by the subject
        covered = [stem for stem in match.stems if stem in concepts]
        for stem in covered:
            concepts[stem].add(match.subject.token)
        if not covered:
            subject_concepts.append(frozenset([match.subject.token]))
    return Plan(text, searched, query, base, corrections, expansions,
                Highlight(frozenset(words), tuple(dict.fromkeys(phrases))),
                [frozenset(c) for c in concepts.values()] + subject_concepts, matches)


def _excludes(query) -> bool:
    """Whether a query excludes something (NOT, -word)."""
    from whoosh import query as wq

    return isinstance(query, wq.Not) or any(_excludes(child) for child in query.children())


COMMON_SHARE = 0.05  # a word in more than this share of passages is "common" (cf. Lucene's common-terms cutoff)


def _rare_first(base, extra: list, searcher, always: list = ()):
    """Match on the rarer words and concepts; let the common ones only add to the score.

    "migrant domestic workers": nearly every passage says "migrant" or "workers", so an OR
    of the three scores the whole collection; AndMaybe(domestic, migrant OR workers) scores
    only the passages that say "domestic", and ranks them the same way. This is Lucene's
    common-terms query; its cutoff here (5% of the passages) is above Lucene's usual 0.1-1%,
    so only really common words are demoted. A query of common words only is searched as
    it is. The price: a passage holding none of the rarer words is not found. `always`
    (the subjects the query asks about) can always match on their own.
    """
    from whoosh import query as wq

    words = list(base.subqueries) if isinstance(base, wq.Or) else [base]
    total = max(1, searcher.doc_count())
    rare, common = [], []
    for part in words + extra:
        terms = _plain_terms(part)
        if not terms:  # a phrase, NOT, AND ...: part of what must match
            rare.append(part)
            continue
        share = max(searcher.doc_frequency(f, t) for f, t in terms) / total
        (common if share > COMMON_SHARE else rare).append(part)
    rare.extend(always)
    if not rare or not common or not isinstance(base, wq.Or):
        extra = extra + list(always)
        return wq.Or([base] + extra) if extra else base
    scale = getattr(base, "scale", None)
    return wq.AndMaybe(wq.Or(rare, scale=scale) if len(rare) > 1 else rare[0], wq.Or(common))


def _plain_terms(query):
    """The (field, text) terms of a word's query (a Term or an Or of Terms), else None."""
    from whoosh import query as wq

    if isinstance(query, wq.Term):
        return [(query.fieldname, query.text)]
    if isinstance(query, wq.Or) and all(isinstance(c, wq.Term) for c in query.subqueries):
        return [(c.fieldname, c.text) for c in query.subqueries]
    return None


def _highlight(query) -> Highlight:
    from whoosh import query as wq

    words: set[str] = set()
    phrases: list[tuple[str, ...]] = []

    def walk(q):
        if isinstance(q, wq.Not):
            return
        if isinstance(q, wq.Term) and q.fieldname in ("text", "title"):
            words.add(q.text if isinstance(q.text, str) else q.text.decode("utf-8"))
        elif isinstance(q, wq.Phrase) and q.fieldname in ("text", "title"):
            phrases.append(tuple(q.words))
        for child in q.children():
            walk(child)

    walk(query)
    return Highlight(frozenset(words), tuple(dict.fromkeys(phrases)))


def _positive_terms(query) -> set[str]:
    """Stems of the text terms a hit may contain (not those under NOT)."""
    marks = _highlight(query)
    return set(marks.words).union(*marks.phrases)
