"""Query understanding: lenient syntax, spelling correction, thesaurus expansion.

`plan_query` turns what a person typed into a Whoosh query plus what it did to get there
(the corrected text, the expansions), so that the output can say "Showing results for ...".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from lexmig.indexer.errors import QueryError
from lexmig.indexer.passage import NUMBER_WORDS, number_in_words
from lexmig.indexer.subjects import QueryMatch, load_subjects, subjects_in_query
from lexmig.indexer.thesaurus import load_thesaurus, stems

if TYPE_CHECKING:  # Whoosh's query module is imported where a query is built (start-up time)
    from whoosh.query import Query

FIELD_BOOSTS = {"text": 1.0, "title": 1.0}
CONCEPT_BOOST = 3.0  # a thesaurus group's term scores about its idf; this puts it near a phrase match
NAMED_DOCUMENT_BOOST = 3.0  # added to passages of the documents the query names ("C97 remittances", "the IOM")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
# Words of a question that say nothing about its subject.
QUESTION_WORDS = frozenset(
    "what which who whom whose when where why how does do did is are was were can could should "
    "would may might must shall will there their they them it its about say says said any some "
    "rule rules provision provisions".split())
# The filler of everyday and policy questions ("what happens if", "is it allowed", "rights
# of", "my", "which instruments deal with"):
# as search words they only pull in passages that happen to use them; what such a question
# is about is read by the subject index (indexer.subjects) from the whole question.
FILLER = frozenset(
    "if me my mine our we you your happens happen happened allowed allow entitled rights right "
    "get gets got need needs want wants someone anyone person people still also "
    "instrument instruments treaty treaties deal deals dealt cover covers address addresses "
    "regulate regulates govern governs mention mentions "
    # the generic masculine: the law writes "he", "his" of any person ("his own country"), so
    # they say nothing; "she", "her" mark provisions on women (CEDAW Art. 9) and are searched
    "he his him himself "
    # the forms of the auxiliaries and of "get" that the stop list misses ("being" is the stem
    # "be", which every "shall be" holds), and conjunctions of an explanation
    "be being been am has had having getting able because".split())
# The frames of a question, which say what kind of answer is wanted, never what it is about:
# whether something is lawful ("Is that lawful?", "was that allowed", "is it against the
# law"), whether a State must or may act ("Are countries supposed to", "do governments have
# to", "is a state obliged to": the State is kept), and what the law says ("What rules stop", "what does the
# law say", "is there anything in"). Their words are dropped from the search and from the
# subjects read in the question, wherever the frame stands; the same words elsewhere
# ("lawful residence", "the State of origin", "obliged to work") are searched as before.
_FRAMES = re.compile(
    r"\b(?:"
    # legality and permission: "Is that lawful?", "was this legal", "is it OK for an agency"
    r"(?:is|was|are|were|isn't|wasn't|aren't)\s+(?:that|this|it|they|such\s+a\s+thing|such\s+practices?)\s+"
    r"(?:(?:really|even|still|actually)\s+)?(?:lawful|legal|legally\s+allowed|permitted|permissible|ok|okay|"
    r"acceptable|allowed)"
    r"|(?:is|was)\s+(?:that|this|it)\s+against\s+the\s+law|(?:does|do)\s+the\s+law\s+(?:allow|permit|say)"
    # duty and permission of a State: "Are countries supposed to", "must the government"
    r"|(?:are|is|do|does|must|should|can|may|will)\s+(?:the\s+|a\s+|an\s+)?(?:host\s+|receiving\s+|member\s+)?"
    r"(?P<state>countries|country|states|state|governments|government|authorities)\s+(?:(?:legally|really)\s+)?"
    r"(?:supposed|required|obliged|obligated|bound|expected|have|allowed|permitted)\s+to"
    # what the law says: "What rules stop", "which laws protect", "is there anything in"
    r"|(?:what|which)\s+(?:international\s+)?(?:rules?|laws?|standards?|norms?)\s+(?:stop|stops|prevent|prevents|"
    r"protect|protects|apply|applies|exist|say|says)"
    r"|(?:is\s+there|does)\s+anything\s+(?:in|under)"
    r")\b", re.I)


def without_frames(text: str) -> str:
    """`text` without the frames of a question (`_FRAMES`): "Was she dismissed? Is that
    lawful?" -> "Was she dismissed? ?". All of it when it is nothing but a frame."""
    # a State named in a frame of duty stays: "Do countries have to recognise diplomas" is
    # about what countries do (GATS Art. VII's "countries"), only "have to" is the frame
    content = _FRAMES.sub(lambda m: f" {m.group('state') or ''} ", text)
    return content if re.search(r"\w", content) else text


# "pay" is both the noun (wages) and the verb of a cost: "who pays for the trip", "do I
# have to pay tax", "pays the fees" ask who bears a cost, not about remuneration. Where the
# question uses the verb so, "pay" alone adds neither the wages group nor a subject.
_PAY_VERB = re.compile(r"\b(?:who\s+pays?|pa(?:y|ys|id|ying)\s+for|(?:have|has|had|need|needs)\s+to\s+pay|"
                       r"must\s+pay|pays\s+the|"
                       # a contribution paid into a fund: "paid into their pension", "pay into the scheme"
                       r"pa(?:y|ys|id|ying)\s+into|"
                       # an amount paid to someone: "paid 1500 dollars to a recruiter", "pay money to the agent"
                       r"pa(?:y|ys|id|ying)\s+(?:[$€£]?\d[\d,.]*(?:\s+[a-z]+)?|(?:some\s+)?money|a\s+fee|fees|"
                       r"bribes?)\s+to|"
                       # a debt, a duty or a tax paid, or a payee who is no worker: "pay back the debt",
                       # "paying customs", "pay more tax", "paid smugglers"
                       r"pa(?:y|ys|id|ying)\s+(?:back|off|(?:(?:the|a|an|any|more|no|their|my)\s+)?"
                       r"(?:customs|dut(?:y|ies)|tax(?:es)?|contributions?|debts?|rent|smugglers?|traffickers?|"
                       r"recruiters?|brokers?|agents?|agenc(?:y|ies))))\b", re.I)
_PAY_NOUN = {("pai",), ("paid",)}  # the stems of "pay", "pays" and "paid"
SUBJECT_BOOST = 2.0  # a subject the question asks about: evidence beside its words (cf. CONCEPT_BOOST)


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

    def found_in(self, text: str) -> bool:
        """Whether `text` holds one of the words or phrases."""
        seq = stems(text)
        return bool(self.words.intersection(seq)) or any(_contains(seq, list(p)) for p in self.phrases)


@dataclass
class Plan:
    typed: str  # what the person typed
    text: str  # what is searched (corrected)
    query: Query  # the Whoosh query, expansions included
    base: Query  # the same without expansions
    corrections: list[tuple[str, str]] = field(default_factory=list)
    expansions: list[Expansion] = field(default_factory=list)
    highlight: Highlight = Highlight()
    concepts: list[frozenset[str]] = field(default_factory=list)  # per typed word: it and its expansions
    excluded: Highlight = Highlight()  # what a hit must not hold ("-sea", "NOT fees")
    subjects: list[QueryMatch] = field(default_factory=list)  # subjects the query asks about
    named: frozenset[str] = frozenset()  # the instruments it names (search.rank.NAMED_FACTOR)
    grouped: frozenset[str] = frozenset()  # the instruments a description of several fits (search.rank.GROUP_FACTOR)

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


# A phrase's quotes as typed or pasted: curly, German („...“) and French or Swiss guillemets («...», ‹...›);
# the guillemets were read as a word's letters, so that «social security» searched two words, not the phrase.
_QUOTES = str.maketrans(dict.fromkeys("“”„«»‹›", '"'))


def straight_quotes(text: str) -> str:
    """`text` with its phrase quotes made '"' (one character for one: offsets stay)."""
    return text.translate(_QUOTES)


def lenient(text: str) -> str:
    """Repair what a terminal user types by accident: curly or unbalanced quotes, stray
    operators at the ends, empty parentheses, and the punctuation of a sentence ("...as
    nationals?" would otherwise be a wildcard)."""
    text = straight_quotes(text)
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


@functools.cache
def _loose_stems() -> frozenset[str]:
    """The stems of the words any question uses (those not searched, but "right", "rights",
    which name subjects: "right to work"): an everyday expression that holds one must stand
    together in the question (indexer.subjects.subjects_in_query)."""
    return frozenset(stems(" ".join(sorted(_DROPPED - {"right", "rights"}))))


def _parser(schema, fields=("text", "title")):
    from whoosh import qparser

    parser = _parser_class()(None, schema, group=qparser.OrGroup.factory(0.9))
    parser.add_plugin(qparser.MultifieldPlugin(list(fields), fieldboosts={f: FIELD_BOOSTS[f] for f in fields}))
    parser.remove_plugin_class(qparser.FieldsPlugin)
    parser.remove_plugin_class(qparser.RangePlugin)
    # Only a "-" that starts a word excludes it: "most-favoured-nation" is one word.
    parser.add_plugin(qparser.PlusMinusPlugin(plusexpr=r"(?<![^\s(])\+", minusexpr=r"(?<![^\s(])-"))
    return parser


@functools.cache
def _parser_class():
    from whoosh import qparser, query as wq

    class HyphenAwareParser(qparser.QueryParser):
        """A hyphenated word ("self-employed", "co-operation") is the phrase of its parts
        or the same word written closed ("cooperation"), never an exclusion."""

        def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
            query = super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
            if "-" not in text.strip("-") or not isinstance(query, wq.Or):
                return query
            parts = [t.text for t in query.subqueries]
            closed = super().term_query(fieldname, text.replace("-", ""), termclass, boost, tokenize, removestops)
            phrase = wq.Phrase(fieldname, parts, boost=boost)
            return wq.Or([phrase, closed]) if isinstance(closed, wq.Term) else phrase

    return HyphenAwareParser


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
    the documents use is one or two edits away; aliases ("C97"), operators and abbreviations
    typed in capitals ("UNTS", "OHCHR": "999 UNTS 171" was searched as "999 units 171") are left alone.
    """
    corrections: list[tuple[str, str]] = []

    def fix(match: re.Match) -> str:
        word = match.group(0)
        lower = word.lower()
        if len(lower) < 4 or word in _OPERATORS or lower in skip or lower in QUESTION_WORDS or _abbreviation(word):
            return word
        freq = reader.doc_frequency("words", lower)  # how many documents use the word
        if freq or lower in vocabulary_words() or _is_english(lower):
            return word
        best = _nearest_word(lower, reader)
        if best is None:
            return word
        corrections.append((word, best))
        return best

    fixed = _CORRECTABLE_RE.sub(fix, text)
    return fixed, corrections


def _abbreviation(word: str) -> bool:
    """A word of two to five capitals, as abbreviations are typed ("UNTS", "OHCHR"), not a misspelt word."""
    return word.isupper() and len(word) <= 5


_CORRECTABLE_RE = re.compile(r"(?<![\w-])[A-Za-z]+(?![\w-])")  # a word `correct` may replace


def corrected(text: str, corrections: list[tuple[str, str]]) -> str:
    """`text` with the corrections `correct` made applied to it (the query as typed, around
    the words a search left out)."""
    fixes = dict(corrections)
    return _CORRECTABLE_RE.sub(lambda m: fixes.get(m.group(0), m.group(0)), text)


def english_word(word: str) -> bool:
    from lexmig.indexer.clean import is_english_word  # only when a query has a rare word

    return is_english_word(word)


# A word that takes "es" or "ies" in the plural ("refuge" -> "refuges", "agency" ->
# "agencies"): the same word with a bare "s" added is a typo ("refugess", "agencys").
_NOT_PLURAL_WITH_S = re.compile(r"(?:s|x|z|ch|sh|[^aeiou]y)$")


def _is_english(word: str) -> bool:
    """A real word the corpus happens not to use ("nurses"), or its regular plural, is not
    a typo; a word with an "s" its plural does not take ("refugess", "agencys") is.

    >>> _is_english("nurses"), _is_english("refugess"), _is_english("agencys"), _is_english("days")
    (True, False, False, True)
    """
    if english_word(word):
        return True
    singular = word[:-1]
    return word.endswith("s") and english_word(singular) and not _NOT_PLURAL_WITH_S.search(singular)


def _nearest_word(word: str, reader) -> str | None:
    """The word of the documents or the thesaurus nearest to `word`: fewest edits (two
    letters swapped count as one: "chlid" is "child"), then an English word before one of
    another language the index holds ("inspecter" is "inspector", not "inspecteur"), then
    the word more passages use."""
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    vocabulary = _vocabulary(reader)
    limit = 1 if len(word) <= 5 else 2
    candidates = process.extract(word, vocabulary, scorer=OSA.distance, score_cutoff=limit, limit=20)
    best, best_key = None, None
    known = vocabulary_words()
    for candidate, distance, _ in candidates:
        df = reader.doc_frequency("words", candidate)
        if df == 0 and candidate not in known:
            continue
        key = (distance, not english_word(candidate) and candidate not in known, -df)
        if best_key is None or key < best_key:
            best, best_key = candidate, key
    return best


_VOCABULARY: dict[tuple[str, ...], list[str]] = {}


@functools.cache
def vocabulary_words() -> frozenset[str]:
    """Words lexmig understands although no document may use them: those of the thesaurus
    ("deportation" stands for the law's "expulsion"). A typo of one is corrected to it."""
    return frozenset(w.lower() for group in load_thesaurus() for term in group.terms
                     for w in re.findall(r"[^\W\d_]{2,}", term))


def _vocabulary(reader) -> list[str]:
    """The words of the index and of the thesaurus, sorted (what a typo is corrected to).

    Cached by the segments the reader reads, never by the reader object: a commit replaces
    the index and a new reader may take the freed old one's id(). Each segment has its own
    random id and its words never change (deleted documents keep their terms until a merge
    writes a new segment), so the same segments always have the same words.
    """
    key = tuple(sorted(segment.segment_id() for segment in reader.segments() or ()))
    if key not in _VOCABULARY:
        _VOCABULARY.clear()
        words = [t.decode("utf-8") if isinstance(t, bytes) else t for t in reader.lexicon("words")]
        _VOCABULARY[key] = sorted(set(words) | vocabulary_words())
    return _VOCABULARY[key]


# What a query leaves out: "-sea", '-"high seas"', "NOT fees", 'AND NOT "recruitment fees"'.
EXCLUDED_RE = re.compile(r'(?:^|(?<=\s))(?:-|NOT\s+)("[^"]*"|\S+)')


def plan_query(text: str, searcher, skip_words: frozenset[str] = frozenset(), expand: bool = True,
               spell: bool = True, named_docs: frozenset[str] = frozenset(), within: set[int] | None = None) -> Plan:
    """Everything lexmig does to a free-text query before ranking.

    A query that names documents ("C97 remittances", `named_docs`) favours their passages
    among those that match its words. `within`: the passages a filter allows (which words
    are common is then judged among them).
    """
    from whoosh import query as wq

    schema = searcher.schema
    searched, corrections = correct(text, searcher.reader(), skip_words) if spell else (text, [])
    content = without_frames(searched)  # what the question is about, its frames dropped
    positive, excluded = split_exclusions(parse(content, schema))
    positive, forms = _with_word_forms(positive, content, searcher.reader())
    if not _positive_terms(positive) and (excluded or re.search(r"(^|\s)(NOT\s|-\w)", lenient(searched))):
        raise QueryError(f"'{text}' only excludes words; add a word to search for, e.g. 'smuggling -sea'.")
    exclusion = (wq.Or(excluded) if len(excluded) > 1 else excluded[0]) if excluded else None
    excluded_marks = _highlight(exclusion) if exclusion is not None else Highlight()
    banned = set(excluded_marks.words).union(*excluded_marks.phrases)
    if exclusion is not None and (named := _subjects_named(excluded_marks)):
        # What is filed under a subject the excluded word names is about it, whatever its own
        # words: "migrants NOT smuggling" drops the Smuggling Protocol's article on the
        # criminal liability of migrants, which never says "smuggling".
        exclusion = wq.Or([exclusion] + [wq.Term("subjects", token) for token in named])
    # An excluded word adds no thesaurus group ("migrants -smuggling" is not about smuggling).
    paying = bool(_PAY_VERB.search(searched))
    expansions = [e for e in (expansions_for(content) if expand else [])
                  if not banned.intersection(stems(e.matched))
                  and not (paying and tuple(stems(e.matched)) in _PAY_NOUN)]
    reader = searcher.reader()
    groups = {g.name: g for g in load_thesaurus()}
    extra = []
    for expansion in expansions:
        if not any(reader.doc_frequency("text", s) for s in stems(expansion.matched)):
            # The words typed find nothing ("deportation"): the law's words stand in for them.
            expansion.weight = 1.0
        # Indexing marked every passage holding an expression of the group: one term.
        extra.append(wq.Term("concepts", groups[expansion.group].token, boost=CONCEPT_BOOST * expansion.weight))
    # Nor a subject ("trafficking -victims" is not about the protection of victims).
    asked = EXCLUDED_RE.sub(" ", content)
    matches = [m for m in (subjects_in_query(asked, _loose_stems()) if expand else []) if not banned.intersection(m.stems)
               and not (paying and tuple(m.stems) in _PAY_NOUN)]
    # A subject asked in everyday words can match on its own (the law does not use them);
    # one asked only in the law's words ("co-operation") adds to the passages that hold
    # them, and brings in none that do not.
    on_subjects = [wq.Term("subjects", m.subject.token, boost=SUBJECT_BOOST) for m in matches if m.everyday]
    in_law_words = [wq.Term("subjects", m.subject.token, boost=SUBJECT_BOOST) for m in matches if not m.everyday]
    positive = _covered_words_scaled(positive, matches, set(stems(asked)))
    query = _rare_first(positive, extra, searcher, within, always=on_subjects)
    if in_law_words:
        query = wq.AndMaybe(query, wq.Or(in_law_words))
    base = positive
    if exclusion is not None:  # what is excluded is excluded from the expansions and subjects too
        query, base = wq.AndNot(query, exclusion), wq.AndNot(positive, exclusion)
    if named_docs:
        bonus = [wq.ConstantScoreQuery(wq.Term("doc_id", doc_id), NAMED_DOCUMENT_BOOST) for doc_id in sorted(named_docs)]
        query = wq.AndMaybe(query, wq.Or(bonus) if len(bonus) > 1 else bonus[0])
    highlight = _highlight(query)
    words, phrases = set(highlight.words), list(highlight.phrases)
    for expansion in expansions:
        for term in expansion.terms:
            term_stems = tuple(stems(term))
            if len(term_stems) == 1:
                words.add(term_stems[0])
            elif term_stems:
                phrases.append(term_stems)
    concepts = {stem: {stem} for stem in sorted(_positive_terms(positive) - set(forms))}
    for form, stem in forms.items():  # "discriminating" and "discrimination": one word
        concepts[stem].add(form)
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
                [frozenset(c) for c in concepts.values()] + subject_concepts, excluded_marks, matches)


# Porter's stems part a verb's forms from its noun: "discriminated", "discriminating" are
# "discriminat", "discriminate", "discrimination" are "discrimin" (so "compensated" /
# "compensation", "emigrating" / "emigration"). A question's -ated / -ating word also
# searches the noun's stem, when the passages use it: "agencies discriminating against
# applicants" finds "without discrimination". Likewise a question's word for a person or a
# party also searches the noun of their standing, when the passages use it: "become
# citizens" finds "citizenship", "members of IOM" its "Membership", "partner country"
# "partnership" (the law names the status, the question the people).
_ATED = re.compile(r"[a-z]{4,}at(?:ed|ing)\b")
_STANDING = "ship"


# A number is written in words or in digits, by the question and by the law alike ("thirteen
# year olds", C138 Art. 7's "persons 13 to 15 years of age"; "18 years", C29's "eighteen
# years"): each form typed also searches the other, one concept ("one", a pronoun as often as
# a number, is left out). Over the 22 seen sets (summed P@1 / MRR@10 / nDCG@10, answering first
# hits of the plain-language questions): 18.311 / 19.441 / 15.969, 836 -> 18.311 / 19.441 /
# 15.973, 837 (fresh17's thirteen-year-olds in a shop: C138 Art. 7 first; no query lower).
_TENS = "thirty forty fifty sixty seventy eighty ninety".split()
_NUMBERS = {**{stems(word)[0]: number_in_words(word) for word in NUMBER_WORDS if word != "one"},
            **{stems(word)[0]: str(10 * n) for n, word in enumerate(_TENS, 3)}}
_NUMBERS.update({digits: word_stem for word_stem, digits in list(_NUMBERS.items())})


def _with_word_forms(query, text: str, reader) -> tuple:
    """`query` with each word of the -ated/-ating form also searching its -ate/-ation stem,
    each number its other form (words or digits: _NUMBERS), and each other word of four
    letters or more its -ship noun, where a passage holds that stem; and {added stem: the
    word's stem} (one concept)."""
    from whoosh import query as wq

    other: dict[str, str] = {}
    for word in _ATED.findall(text.lower()):
        word_stem = stems(word)[0]  # a word of seven letters or more: never a stop word
        if word_stem.endswith("at"):
            other[word_stem] = word_stem[:-2]
    typed = _positive_terms(query)
    for word_stem in typed:
        if word_stem in _NUMBERS:
            other[word_stem] = _NUMBERS[word_stem]
    for word_stem in typed:
        if len(word_stem) >= 4 and word_stem not in other:
            other[word_stem] = word_stem + _STANDING
    forms = {form: s for s, form in other.items()
             if s in typed and form not in typed and reader.doc_frequency("text", form)}
    if not forms:
        return query, {}
    wanted = set(forms.values())

    def widen(q):
        terms = _plain_terms(q)
        if not terms or not any(t in wanted for _, t in terms):
            return q
        leaves = list(q.subqueries) if isinstance(q, wq.Or) else [q]
        added = [wq.Term(leaf.fieldname, form, boost=leaf.boost) for leaf in leaves
                 for form, s in forms.items() if leaf.text == s]
        return wq.Or(leaves + added, boost=q.boost if isinstance(q, wq.Or) else 1.0)

    if isinstance(query, wq.Or) and not _plain_terms(query):
        return wq.Or([widen(q) for q in query.subqueries], boost=query.boost, scale=query.scale), forms
    return widen(query), forms


# An everyday expression of several words that asks about a subject ("same as local
# workers", "sent home", "lose my job") is read whole by the subject index; its words one by
# one say less ("same" in "the same employer", "home" in "home work"), so as search words
# they count this much. A one-word expression ("pension", "housing") keeps its full weight.
COVERED_BOOST = 0.5


def _covered_words_scaled(query, matches: list[QueryMatch], asked: set[str]):
    """`query` with the words of the everyday expressions of several words that the question
    (its stems `asked`) holds of the subjects of `matches` weighted COVERED_BOOST (in the text
    and title fields). The words of a subject's name or legal vocabulary keep their weight:
    they are the law's own words ("forced labour")."""
    from whoosh import query as wq

    covered = {stem for m in matches if m.everyday for expression in m.subject.everyday
               for stem in _held(stems(expression), asked)}
    if not covered:
        return query

    def scale(q):
        if isinstance(q, wq.Term) and q.fieldname in ("text", "title") and q.text in covered:
            q = q.copy()
            q.boost *= COVERED_BOOST
        return q

    return query.accept(scale)


def _held(expression: list[str], asked: set[str]) -> list[str]:
    """The stems of an expression of several words that the question holds all of, else none."""
    return expression if len(expression) > 1 and asked.issuperset(expression) else []


def _subjects_named(excluded: Highlight) -> list[str]:
    """The tokens of the subjects whose names hold an excluded word, or an excluded phrase's
    words side by side ("family reunification", not "protection of the family")."""
    return [token for token, name in _subject_names() if excluded.words.intersection(name) or any(
            name[i:i + len(phrase)] == phrase for phrase in excluded.phrases for i in range(len(name)))]


@functools.cache
def _subject_names() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(token, stems of the name) of every subject, stemmed once a process."""
    return tuple((subject.token, tuple(stems(subject.name))) for subject in load_subjects())


def split_exclusions(query: Query) -> tuple[Query, list[Query]]:
    """(what to search, what to exclude) of a parsed query.

    Whoosh reads "migrants NOT smuggling" as "migrants OR (anything but smuggling)", which
    matches nearly everything; a NOT, like "-smuggling" and "AND NOT", excludes instead.
    """
    from whoosh import query as wq

    if isinstance(query, wq.AndNot):
        positive, excluded = split_exclusions(query.a)
        return positive, excluded + [query.b]
    if isinstance(query, wq.Not):
        return wq.NullQuery, [query.query]
    if isinstance(query, (wq.Or, wq.And)) and any(isinstance(q, wq.Not) for q in query.subqueries):
        kept = [q for q in query.subqueries if not isinstance(q, wq.Not)]
        excluded = [q.query for q in query.subqueries if isinstance(q, wq.Not)]
        if not kept:
            return wq.NullQuery, excluded
        if len(kept) == 1:
            return kept[0], excluded
        if isinstance(query, wq.Or):
            return wq.Or(kept, boost=query.boost, scale=query.scale), excluded
        return wq.And(kept, boost=query.boost), excluded
    return query, []


# What the common words add to a passage that matches a rarer one, against their full
# score: in "migrant workers and collective bargaining" the words "migrant workers" should
# not lift every short passage on migrant workers that mentions bargaining above the
# provision on it that says "immigrants" (C97 Art. 6(1)(a)(ii)). Measured from 0.15 to 1.0
# on the three judged sets: 0.4-0.6 best on each.
COMMON_BOOST = 0.5
COMMON_SHARE = 0.05  # a word in more than this share of passages is "common" (cf. Lucene's common-terms cutoff)


def _rare_first(base, extra: list, searcher, within: set[int] | None = None, always: list | tuple = ()):
    """Match on the rarer words and concepts; let the common ones only add to the score
    (COMMON_BOOST of it).

    "migrant domestic workers": nearly every passage says "migrant" or "workers", so an OR
    of the three scores the whole collection; AndMaybe(domestic, migrant OR workers) scores
    only the passages that say "domestic", and ranks them the same way. This is Lucene's
    common-terms query; its cutoff here (5% of the passages) is above Lucene's usual 0.1-1%,
    so only really common words are demoted. A query of common words only, or of one word,
    is searched as it is. The price: a passage holding none of the rarer words is not
    found; so under a filter (`within`), shares are counted among the passages it allows
    ("migrant" is common in the corpus but says what to find in C189).
    `always` (the subjects the query asks about) can always match on their own.
    """
    from whoosh import query as wq

    parts = list(base.subqueries) if isinstance(base, wq.Or) else [base]
    if all(_plain_terms(p) for p in parts) and len({t for p in parts for _, t in _plain_terms(p)}) == 1:
        # One word, in its fields: nothing rarer to match first.
        extra = extra + list(always)
        return wq.Or([base] + extra) if extra else base
    frequency = _frequency(searcher, within)
    total = max(1, len(within) if within is not None else searcher.doc_count())
    rare: list = []
    common: list = []
    titled: list = []  # the rare parts that are a common word in the titles
    for part in parts + extra:
        terms = _plain_terms(part)
        if not terms:  # a phrase, NOT, AND ...: part of what must match
            rare.append(part)
            continue
        share = max(frequency(f, t) for f, t in terms) / total
        if share and share <= COMMON_SHARE and all(f == "title" for f, _ in terms):
            # rare in the titles: a reason to match when the question has a rarer word too
            text_share = max(frequency("text", t) for _, t in terms) / total
            if text_share > COMMON_SHARE:
                titled.append(part)
        if share:  # a word no passage holds ("guest") must not decide what matches
            (common if share > COMMON_SHARE else rare).append(part)
    # Every rarer part a common word's title: the passages titled with it score as below,
    # but the others may match too ("travailleurs migrants" in a library of four laws whose
    # articles have no titles, where one English section's title says "migrant").
    optional = bool(rare) and len(titled) == len(rare)
    rare.extend(always)
    if not rare or not common or not isinstance(base, wq.Or):
        extra = extra + list(always)
        return wq.Or([base] + extra) if extra else base
    scale = getattr(base, "scale", None)
    first, then = wq.Or(rare, scale=scale) if len(rare) > 1 else rare[0], wq.Or(common, boost=COMMON_BOOST)
    return wq.Or([first, then]) if optional else wq.AndMaybe(first, then)


def _frequency(searcher, within: set[int] | None):
    """How many passages hold a term: in the whole index, or among `within`."""
    if within is None:
        return searcher.doc_frequency
    from .collect import term_frequencies

    def count(fieldname, text):  # only the postings blocks that hold allowed passages are read
        return len(term_frequencies(searcher, fieldname, text, within))

    return count


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
        if isinstance(q, wq.AndNot):  # what it excludes is never in a hit
            walk(q.a)
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
