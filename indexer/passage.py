"""The passage record: one citable unit of a document (article, paragraph, point, footnote ...)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .kinds import CITED_KINDS, DIVISION_KINDS, PARAGRAPH_NUMBERING_KINDS, UNLABELLED_KINDS

ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def roman_to_int(text: str) -> int | None:
    text = text.lower()
    if not text or any(c not in ROMAN for c in text):
        return None
    total = 0
    for i, c in enumerate(text):
        value = ROMAN[c]
        total += -value if i + 1 < len(text) and ROMAN[text[i + 1]] > value else value
    return total


# The first article as French, Spanish, Portuguese and Italian laws print it: "Article premier",
# "Art. 1er", "Artículo 1o.", "Art. 1º" (the segmenter reads them in a text, search.citations in a citation).
FIRST_ARTICLE_WORDS = ("premier", "primero", "primeiro", "primo")


NUMBER_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
                "fifteen sixteen seventeen eighteen nineteen twenty").split()
# The same numbers as ordinals: "the first paragraph", "FIRST SCHEDULE" (one list for the citation grammar
# and for segmentation, which reads its first twelve only).
ORDINAL_WORDS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
                 "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()


def number_in_words(word: str) -> str:
    """"Eleven" -> "11" (a word of NUMBER_WORDS, any case): "Book One", "Article Four"."""
    return str(NUMBER_WORDS.index(word.lower()) + 1)


def ordinal_number(label: str) -> str:
    """An article number printed as an ordinal, as a number: "premier", "1er", "1º", "1o" -> "1"."""
    if label.lower() in FIRST_ARTICLE_WORDS:
        return "1"
    return re.sub(r"(?<=\d)(?:er|re|º|°|ª|o)$", "", label)


ROMAN_LIMIT = 399  # CCCXCIX: the largest number ROMAN's numerals write in standard form


def int_to_roman(number: int) -> str:
    """6 -> "VI", 19 -> "XIX"; "" for a number below 1 or past ROMAN_LIMIT (an article number typed
    as "99999999999999999999" was written out as that many hundreds, "C" by "C", and hung the command)."""
    if not 1 <= number <= ROMAN_LIMIT:
        return ""
    out = []
    for value, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                           (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, number = divmod(number, value)
        out.append(numeral * count)
    return "".join(out)


@dataclass(frozen=True)
class PathStep:
    # appended, preamble, recital, part, chapter, section, annex, article, statute-section,
    # paragraph, point, subpoint, footnote, text, chunk. A "section" is a division ("Sec. I" of a paper);
    # a "statute-section" is the article-level unit of an Act ("section 5AAA", "§ 39.13"); an
    # "appended" division is a second instrument in the same file ("Optional Protocol").
    kind: str
    label: str  # as normalised: "II", "6", "XIX", "III bis", "a", "iii", "7"
    # The second unit printed with the same number in one container ("Article 17" twice)
    # is occurrence 2: its id ends in "-2", so that no two passages share an id.
    occurrence: int = 1

    def slug(self) -> str:
        slug = self._slug()
        return slug if self.occurrence == 1 else f"{slug}-{self.occurrence}"

    def _slug(self) -> str:
        label = re.sub(r"[\s\\/]+", "-", self.label.lower())
        if self.kind == "appended":  # "Recommendation No. 146" -> recommendation-146
            return re.sub(r"[^a-z0-9]+", "-", re.sub(r"\bno\.\s*", "", self.label.lower())).strip("-")
        if self.kind == "resolution-part":  # "Considerando" -> considerando
            return re.sub(r"[^\w]+", "-", self.label.lower()).strip("-")
        if self.kind == "annex":
            number = roman_to_int(self.label)
            return f"annex-{number}" if number else ("annex" if not self.label else f"annex-{label}")
        prefix = {
            "preamble": "preamble", "part": "part-", "book": "book-", "title": "title-", "chapter": "ch-", "section": "sec-",
            "article": "art-", "footnote": "fn-", "recital": "recital-", "statute-section": "s-",
            "division": "div-", "subdivision": "subdiv-", "subpart": "subpart-", "rule": "rule-", "chunk": "chunk-",
            "heading": "heading-",
        }.get(self.kind, "")
        if self.kind in UNLABELLED_KINDS:
            return self.kind
        if self.kind == "paragraph" and not prefix:
            return label
        return prefix + label


@dataclass(frozen=True)
class Passage:
    """A citable unit. `text` includes the labelled text of its sub-units."""

    doc_id: str
    path: tuple[PathStep, ...]
    text: str
    order: int
    lang: str = "en"
    title: str | None = None
    pages: tuple[int, ...] = ()
    start: int = 0
    end: int = 0
    anchor: str | None = None  # footnotes: the passage whose text carries the marker
    ocr: bool = False  # its text was recognised from a page image (indexer.ocr), not typed

    @property
    def kind(self) -> str:
        return self.path[-1].kind

    @property
    def label(self) -> str:
        return self.path[-1].label

    @property
    def page(self) -> int | None:
        return self.pages[0] if self.pages else None

    @functools.cached_property
    def passage_id(self) -> str:  # computed once: the tree methods below compare ids often
        return passage_id(self.doc_id, self.path, self.lang)

    # -- the tree ----------------------------------------------------------------------
    # A unit's place in its document is its path; ids nest as their paths do
    # (`c097/annex-2/art-4/2` is inside `c097/annex-2/art-4`), so units and ids are compared
    # by these methods, never by slicing ids.

    @property
    def parent_id(self) -> str | None:
        """The id of the unit this one sits in (`c097/art-6/1/b` -> `c097/art-6/1`); None at the top."""
        return passage_id(self.doc_id, self.path[:-1], self.lang) if len(self.path) > 1 else None

    def ancestor_id(self, kinds: tuple[str, ...]) -> str | None:
        """The id of the nearest unit of one of `kinds` that this one sits in (None if none):
        `ancestor_id(("article",))` of `c097/annex-2/art-4/2` is `c097/annex-2/art-4`."""
        for length in range(len(self.path) - 1, 0, -1):
            if self.path[length - 1].kind in kinds:
                return passage_id(self.doc_id, self.path[:length], self.lang)
        return None

    def contains(self, other: "Passage | str") -> bool:
        """Whether `other` (a passage or an id) is a unit inside this one."""
        return id_inside(other if isinstance(other, str) else other.passage_id, self.passage_id)

    def holds(self, other: "Passage | str") -> bool:
        """Whether `other` (a passage or an id) is this unit or a unit inside it."""
        pid = other if isinstance(other, str) else other.passage_id
        return pid == self.passage_id or self.contains(pid)


def id_steps(path) -> list[PathStep]:
    """The steps of a path its passage id names, one slug each: the cited levels, or a
    division with those it sits in ("title-vi/ch-1", "part-2/div-3")."""
    steps = cited_steps(path)
    if path and path[-1] not in steps:
        steps = [s for s in path if s in steps or s.kind in DIVISION_KINDS or s is path[-1]]
    return steps


def passage_id(doc_id: str, path, lang: str = "en") -> str:
    """`c097/annex-2/art-4/2`: the cited levels of the path, or the unit itself.

    A paragraph directly under the document (the note's) is `para-11`; other languages
    than English are prefixed (`c097/nl/art-4`).
    """
    steps = id_steps(path)
    slugs = []
    for i, step in enumerate(steps):
        if step.kind == "paragraph" and not any(s.kind in PARAGRAPH_NUMBERING_KINDS for s in steps[:i]):
            slugs.append(f"para-{step.slug()}")
        else:
            slugs.append(step.slug())
    prefix = [doc_id] + ([lang] if lang != "en" else [])
    return "/".join(prefix + slugs)


def cited_steps(path) -> list[PathStep]:
    """The steps of a path that a pinpoint names. Inside an appended instrument (an appendix
    keyed to the main text's parts: "Appendix, Part II, Art. 4") parts are named too, and
    inside an annex its sections, whose points number anew ("Annex II, Section B, para. 1"), and
    the book above a rule, whose rules number anew ("Book II, Rule I, section 1")."""
    return [s for i, s in enumerate(path) if s.kind in CITED_KINDS
            or (s.kind == "part" and any(t.kind == "appended" for t in path[:i]))
            or (s.kind == "book" and any(t.kind == "rule" for t in path[i + 1:]))
            or (s.kind == "section" and any(t.kind == "annex" for t in path[:i]))]


_UNIT_SLUG_RE = re.compile(r"^(art-|s-|para-|fn-|recital|preamble|text|ch-|sec-)")


def article_key(passage_id: str) -> str:
    """The article-level unit a passage belongs to: `c097/annex-2/art-4/2` -> `c097/annex-2/art-4`,
    `iccpr/optional-protocol/art-1/2` -> `iccpr/optional-protocol/art-1`."""
    parts = passage_id.split("/")
    keep = [parts[0]]
    for part in parts[1:]:
        keep.append(part)
        if _UNIT_SLUG_RE.match(part):
            break
    return "/".join(keep)


# -- ids as a tree ---------------------------------------------------------------------------
# Where only ids are at hand (an index's stored fields), these answer the same questions.

def id_inside(inner: str, outer: str) -> bool:
    """Whether the unit `inner` sits inside the unit `outer` (`c097/art-6/1` in `c097/art-6`)."""
    return inner.startswith(outer + "/")


def ids_nest(a: str, b: str) -> bool:
    """Whether two units are the same or one holds the other."""
    return a == b or id_inside(a, b) or id_inside(b, a)


def id_parent(pid: str) -> str:
    """The id one level up: `c097/art-6/1/b` -> `c097/art-6/1` (a document's own id stays)."""
    return pid.rsplit("/", 1)[0] if "/" in pid else pid


def id_depth(pid: str) -> int:
    """How many levels below its document a unit's id is: `c097/art-6/1` is 2."""
    return pid.count("/")


def id_ancestors(pid: str) -> list[str]:
    """The ids above a unit's, outermost first, without the document's own:
    `c097/annex-2/art-4/2` -> [`c097/annex-2`, `c097/annex-2/art-4`]."""
    parts = pid.split("/")
    return ["/".join(parts[:i]) for i in range(2, len(parts))]
