"""The one citation grammar: a tokenizer of citations, used for queries, running text,
footnotes and `lexmig cite` alike (eyecite's design: one table of token extractors feeds
every consumer).

`tokenize(text)` finds, with their spans:

- `instrument` tokens: an instrument's number as people write it: "C97", "R 86", "P29",
  "ETS No. 93", "Convention No. 143", "Domestic Workers Convention, 2011 (No. 189)";
- `symbol` tokens: document symbols and act numbers: "A/RES/55/25, annex II",
  "GA res. 45/158, annex", "TD/B/COM.1/EM.25/2", "Regulation (EU) 2016/679",
  "Regulation 2022/868", "Directive 2004/38/EC";
- `pinpoint` tokens, each body's grammar: ILO "Art. 6(1)(b)"; UN "art. 22, para. 3",
  "op. para. 5", "preambular para. 3"; WTO "Art. I:2(d)", "Article XIX:1"; Council of
  Europe "Article 12 § 1"; EU "Article 6(1)(a)", "Recital 12"; national "s 5AAA",
  "section 5AAA(1)(b)", "§ 39.13"; and "Annex II", "para. 11", "fn. 7", "Preamble",
  "Chapter III", "chunk 3";
- `short` tokens, a footnote's short forms: "Ibid", "Idem", "op. cit.", "loc. cit.", "supra".

`scope_of` reads what follows a pinpoint in running text: whose unit it is ("Article 3 of
this Annex", "paragraph 1 of Annex II") or that it is another instrument's ("Article 102 of
the Charter of the United Nations").

`find_document` and `find_citation` read a query (for `search`, `show` and `cite`);
`candidate_ids` turns a citation into the passage ids it may denote (the index decides
which exist); `CatalogueKeys` matches instrument and symbol tokens against the catalogue's
own fields (`number`, `symbol`), tokenized by the same grammar.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lexmig.indexer.catalogue import TYPES, Catalogue, Entry, normalise_name
from lexmig.indexer.kinds import ARTICLE_KINDS, DIVISION_KINDS, RANK
from lexmig.indexer.passage import (NUMBER_WORDS, ORDINAL_WORDS, PathStep, int_to_roman, number_in_words, ordinal_number,
                                    passage_id, roman_to_int)

_ROMAN = r"[IVXLCivxlc]+"
# "(1)(b)(ii)"; also written with dots ("6.1.b", the WTO's "Article 4.2") or a letter run on
# after a number or a bracket ("6(1)b", "para. 1b"): pasted so, they were silently dropped.
# A point with its closing bracket only, as French and Spanish laws write it ("art. 2 a)"), too.
# A year in brackets after it is the document's ("C97 Art. 6 (1949)", as a bibliography gives it), no point.
_YEAR = r"(?:1[89]|20)\d\d"  # a year as bibliographies print it after a unit: never a unit's number
_SUBS = r"((?:\s*\(\s*(?!" + _YEAR + r"\s*\))[0-9a-zA-Z]{1,5}\s*\)|\.(?:\d{1,3}|(?-i:[ivx]{1,4}|[a-z]))\b" \
        r"|(?<=[\d)])(?-i:[a-z])\b" \
        r"|\s*(?-i:[a-z]|[ivx]{1,4})\))*)"
# The first article as an ordinal ("art. 1er", "article premier", "Artículo 1o", "Art. 1º") is 1.
_ORDINAL_ARTICLE = r"premier|primero|1(?:er|re|º|°|o)"
# An article's lettered section written apart from its number: "Art. 1 A (2)", "Article 1, section A"
# (read as "1A", as lawyers write it: `_candidate_ids` tries article 1A, then Article 1, section A).
_LETTERED_SECTION = r"\d{1,3}(?:\s+(?-i:[A-Z])(?=\s*\(|\s*$)|,?\s*section\s+(?-i:[A-Z]))"
# A paragraph named in the law's own language: German "Abs. 2", French "al. 2" (alinéa), Spanish "párrafo 2";
# "par. 2" or "par 2", as some English and French footnotes abbreviate it, and "¶ 2" (before, "C97 art 6 par 1"
# and "C97 art. 6, ¶ 1" showed the whole of Article 6, the paragraph silently dropped).
# French "paragraphe 1" and "alinéa 2" (a paragraph of a French law's article; before, "paragraphe 1" was read as
# "paragraph e" and "C97 article 6, paragraphe 1" as Article 6(e)).
_PARAGRAPH_WORDS = r"para(?:graph(?:e\b)?)?\.?|par\b\.?|§|¶|abs(?:atz)?\.?|al(?:\.|in[ée]a\b)|p[áa]rrafo"
# A point named in words after an article or its paragraph: "art. 3, subpara. (a)", "Article 19,
# paragraph 4, sub-paragraph a", "Art. 2, point (1)", "Art. 4, lit. b" (before: silently dropped).
# (French "alinéa a)", Spanish "apartado a)", "inciso a)", "literal a)": a lettered point of a paragraph)
_SUBPARAGRAPH = r"(?:,?\s*(?:sub-?para(?:graph)?\.?|point|letter|lit\.?|item|(?:alin[ée]a|apartado|inciso|literal)" \
    r"(?=\s*\(?(?-i:[a-z])\)))\s*\(?((?-i:[a-z]|[ivx]{1,4})|\d{1,3})\)?(?!\w)" \
    + _SUBS + ")?"  # and its own points: "Art. 6(1), point (a)(ii)" (before, "(ii)" was left unread)
# A paragraph or point numbered in words, as treaties and judgments write them: "the first paragraph",
# "paragraph one", "the 2nd subparagraph" (before, "C97 art. 6, first paragraph" showed Article 6 whole).
_ORDINAL = rf"(?:{'|'.join(ORDINAL_WORDS)}|\d{{1,2}}(?:st|nd|rd|th))"
_COUNT = rf"(?:\d+|{'|'.join(NUMBER_WORDS)})"
_SUB_RE = re.compile(r"\(\s*([0-9a-zA-Z]{1,5})\s*\)|\.?([0-9a-z]{1,4})")
# A footnote's pointer to an earlier footnote of the same text, which it cites again: "supra note 3",
# "supra, n. 3", "above n 3" (Australian style), "note 3 above" (Chicago). One pattern for the grammar's
# short form and for search.sources, which spelt it apart ("supra n 3" was an op. cit. there).
SUPRA_NOTE_RE = re.compile(r"\b(?:(?:supra|above),?\s+(?:note|n\.?)\s*(\d+)|(?:note|n\.?)\s*(\d+),?\s+(?:supra|above))\b",
                           re.I)
_ANNEX_TAIL = r"(?:,?\s*\b[Aa]nnex\b(?:\s+([IVXL]+|\d+)\b)?)?"  # ", annex II" after a symbol


@dataclass(frozen=True)
class Token:
    """One citation piece found in a text, with its span (eyecite keeps offsets the same way)."""

    kind: str  # "instrument", "symbol", "treaty" (UN Treaty Series), "pinpoint" or "short" (a footnote's "Ibid", "op. cit.")
    start: int
    end: int
    text: str
    key: str = ""  # instrument "c189", "ets93", "p29"; symbol "A/RES/55/25", "regulation 2022/868";
    # short "ibid" or "op-cit"
    annex: str | None = None  # symbol: None (no annex named), "" ("annex"), "II"
    steps: tuple[PathStep, ...] = ()  # pinpoint: the path asked for; "sub" steps are "(1)", "(b)"


def _subs(groups: str | None) -> list[PathStep]:
    return [PathStep("sub", m.group(1) or m.group(2)) for m in _SUB_RE.finditer(groups or "")]


def _count(word: str) -> str:
    """A paragraph's number as written, as digits: "3", "three", "third" and "3rd" are all "3"."""
    word = word.lower()
    if word in ORDINAL_WORDS:
        return str(ORDINAL_WORDS.index(word) + 1)
    return number_in_words(word) if word in NUMBER_WORDS else str(int(re.sub(r"\D", "", word)))


def _roman_or(label: str) -> str:
    return label.upper() if roman_to_int(label) else label


# -- instrument numbers -------------------------------------------------------------------

def _ilo_prefix(word: str) -> str:
    return {"convention": "c", "conv.": "c", "recommendation": "r", "protocol": "p"}[word.lower()]


def _numbered(m: re.Match) -> str:
    prefix = m.group(1).lower()
    return {"cets": "ets"}.get(prefix, prefix) + str(int(m.group(2)))


_KIND_WORD_RE = re.compile(r"\b(Convention|Recommendation|Protocol)\b")


def kind_word_before(text: str, at: int) -> tuple[str, int] | None:
    """'Domestic Workers Convention, 2011 (No. 189)': the kind of instrument a bracketed
    number at `at` has is the nearest of these words in the 160 characters before it.
    Returns the word and where it starts in `text`."""
    window = max(0, at - 160)
    found = None
    for found in _KIND_WORD_RE.finditer(text[window:at]):
        pass
    return (found.group(1), window + found.start()) if found else None


def _no_in_brackets(m: re.Match) -> str | None:
    kind = kind_word_before(m.string, m.start())
    return _ilo_prefix(kind[0]) + str(int(m.group(1))) if kind else None


# -- symbols ------------------------------------------------------------------------------

def _un_symbol(text: str) -> str:
    return re.sub(r"\s+", "", text).upper()


_UNTS = r"(?-i:U\.?\s?N\.?\s?T\.?\s?S\.?)"


def _unts(m: re.Match) -> str | None:
    """A UN Treaty Series reference as the catalogue writes it: "2220 UNTS 3" (volume, page)."""
    volume, page = int(m.group(1)), int(m.group(2) or -1)
    return None if not (volume and page) else f"{volume} UNTS" if page < 0 else f"{volume} UNTS {page}"


def _eu_act(m: re.Match) -> str:
    number = m.group(3)
    first, second = number.split("/")
    if len(second) == 4 and len(first) < 4:  # "No 883/2004": number/year
        number = f"{second}/{first}"
    return f"{m.group(1).lower()} {number}"


# -- pinpoints ----------------------------------------------------------------------------

def _article(m: re.Match) -> tuple[PathStep, ...]:
    if re.fullmatch(_ORDINAL_ARTICLE, m.group(1), re.I):
        label = ordinal_number(m.group(1))
    else:
        label = _roman_or(m.group(1)) if not m.group(1)[0].isdigit() else re.sub(r"\W|section", "", m.group(1), flags=re.I)
    if m.group(2):
        label += " " + m.group(2).lower()
    steps = [PathStep("article", label)]
    for extra in (m.group(3), m.group(4)):  # WTO "I:2", Council of Europe "12 § 1"
        if extra:
            steps.append(PathStep("sub", extra))
    steps += _subs(m.group(5))
    if m.group(6):  # UN "art. 22, para. 3"
        steps.append(PathStep("sub", m.group(6).strip("()")))
        steps += _subs(m.group(7))
    if m.group(8):  # "art. 3, subpara. (a)", "Article 19, paragraph 4, sub-paragraph a"
        steps += [PathStep("sub", m.group(8)), *_subs(m.group(9))]
    return tuple(steps)


def _section(m: re.Match) -> tuple[PathStep, ...]:
    label = m.group(1)
    steps = [PathStep("statute-section", label[0] + label[1:].upper()), *_subs(m.group(2))]
    if m.group(3):  # "§ 2 Abs. 1": its subsection
        steps += [PathStep("sub", m.group(3)), *_subs(m.group(4))]
    return tuple(steps)


_DIVISION_ABBREVIATIONS = {"ch": "chapter", "chap": "chapter", "pt": "part", "div": "division",
                           "sec": "section",  # as lexmig prints some ("ECOSOC RT6 Note, Sec. I")
                           "subpt": "subpart", "subdiv": "subdivision"}


def _division(m: re.Match) -> tuple[PathStep, ...]:
    label = m.group(2)  # "Book One" is "book-1", as indexer.segment numbers it
    kind = m.group(1).lower().rstrip(".")
    return (PathStep(_DIVISION_ABBREVIATIONS.get(kind, kind),
                     number_in_words(label) if label.lower() in NUMBER_WORDS else _roman_or(label)),)


@dataclass(frozen=True)
class _Extractor:
    kind: str
    pattern: re.Pattern
    build: Callable[[re.Match], Any]  # -> key (instrument, symbol) or steps (pinpoint); None drops the match
    annex_group: int | None = None


def _x(kind, pattern, build, flags=re.I, annex_group=None) -> _Extractor:
    return _Extractor(kind, re.compile(pattern, flags), build, annex_group)


# The grammar, one table. Where two matches overlap, the longer wins, then the earlier entry.
EXTRACTORS: tuple[_Extractor, ...] = (
    # instruments by number
    # "C97", "C 97", "C-097" (not a court's case number: "Case C-97/12")
    _x("instrument", r"\b(C|R)(?:\s|-(?!\d+/))?(?:No\.?\s*)?0*(\d{1,3})\b", _numbered),
    _x("instrument", r"\b(P)\s?0*(\d{1,3})\b", _numbered, flags=0),
    _x("instrument", r"\b(ETS|CETS)\s?(?:No\.?\s*)?0*(\d{1,3})\b", _numbered),
    # ("Conv. 97", as bibliographies abbreviate it; not "Rec.", which is also a recital)
    _x("instrument", r"\b(?:ILO\s+)?(Convention|Conv\.|Recommendation|Protocol)\s*(?:No\.?\s*)?0*(\d{1,3})\b(?!\s*/)",
       lambda m: _ilo_prefix(m.group(1)) + str(int(m.group(2)))),
    _x("instrument", r"\(\s*No\.?\s*0*(\d{1,3})\s*\)", _no_in_brackets),
    # document symbols and act numbers
    _x("symbol", r"\b(?:GA|General\s+Assembly)\s+res(?:olution)?\.?\s*(\d{1,3})/(\d{1,4})\b" + _ANNEX_TAIL,
       lambda m: f"A/RES/{m.group(1)}/{m.group(2)}", annex_group=3),
    _x("symbol", r"(?<![\w/])resolution\s+(\d{1,3})/(\d{1,4})\b" + _ANNEX_TAIL,
       lambda m: f"A/RES/{m.group(1)}/{m.group(2)}", annex_group=3),
    _x("symbol", r"\b([A-Z]{1,6}(?:/(?:[A-Z0-9]+(?:\.[A-Z0-9]+)*(?:\([A-Z]+\))?))+)(?<=\d|\))" + _ANNEX_TAIL,
       lambda m: _un_symbol(m.group(1)) if re.search(r"\d", m.group(1)) else None, flags=0, annex_group=2),
    _x("symbol", r"\b(Regulation|Directive|Decision)\s*(?:\((EU|EC|EEC|Euratom)\)\s*)?(?:No\.?\s*)?"
                 r"(\d{4}/\d{1,4}|\d{1,4}/\d{4})(?:/(?:EU|EC|EEC))?\b", _eu_act),
    # a treaty by its United Nations Treaty Series volume and page: "2220 UNTS 3", "189 U.N.T.S. 137",
    # "U.N.T.S. vol. 2220, p. 3", the UN's own "United Nations, Treaty Series, vol. 2220, No. 39481, p. 3"
    _x("treaty", rf"(?<![\w/.])(\d{{1,4}})\s*{_UNTS}\s*(?:,\s*)?(?:p\.?\s*)?(\d{{1,4}})\b", _unts, flags=0),
    # (the UN's footnotes give the volume and the registration number only: "vol. 2220, No. 39481" is the volume's)
    _x("treaty", rf"(?:(?<!\w){_UNTS}|\bUnited\s+Nations,?\s+Treaty\s+Series),?\s*vol(?:ume)?\.?\s*(\d{{1,4}})"
                 r"(?:,?\s*(?:No\.\s*\d+,?\s*)?(?:p\.?|page|at)\s*(\d{1,4})\b|,?\s*No\.\s*\d+\b)", _unts),
    # pinpoints
    _x("pinpoint", rf"\b(?:articles?|arts?\.?|artikel|art[ií]culo)\s*"
                   rf"({_ORDINAL_ARTICLE}|{_LETTERED_SECTION}|\d+[A-Za-z]?|{_ROMAN})"
                   r"(?:\b|(?<=[º°]))(?:\s*(bis|ter|quater|quinquies)\b)?(?::(\d+))?(?:\s*§\s*(\d+))?" + _SUBS +
                   # a paragraph's number, or its letter, as the Palermo Protocol's are cited ("art. 3, para. (a)")
                   rf"(?:,?\s*(?:{_PARAGRAPH_WORDS})\s*(\d+|\((?-i:[a-z])\)|(?-i:[a-z])\b)" + _SUBS + ")?" + _SUBPARAGRAPH,
       _article),
    _x("pinpoint", r"\b(?:recitals?|preambular\s+para(?:graph)?s?\.?)\s*\(?(\d+)\)?",
       lambda m: (PathStep("recital", m.group(1)),)),
    # UN drafters' shorthand: "PP3" a preambular, "OP5" an operative paragraph
    _x("pinpoint", r"\b(PP|OP)\s?(\d+)\b",
       lambda m: (PathStep("recital" if m.group(1) == "PP" else "paragraph", m.group(2)),), flags=0),
    _x("pinpoint", rf"(?:\b(?:op(?:erative)?\.?\s+)?\b(?:sub-?)?para(?:graph)?s?\.?|¶)\s*({_COUNT})"
                   r"(?:\b|(?=(?-i:[a-z])\b))" + _SUBS,
       lambda m: (PathStep("paragraph", _count(m.group(1))),) + tuple(_subs(m.group(2)))),
    # "the first paragraph", "2nd subparagraph" (of an article: `_pieces_of`)
    _x("pinpoint", rf"\b({_ORDINAL})\s+(?:sub-?)?para(?:graph)?\b\.?",
       lambda m: (PathStep("paragraph", _count(m.group(1))),)),
    # a point named apart from its article, joined to it by `_pieces_of`: "point (b) of the first paragraph
    # of Article 6", "Article 6, first paragraph, sub-paragraph (a)" (before, the point was silently dropped)
    # ("sub (b)", "sub b": the point as Dutch and some English footnotes write it; before, silently dropped)
    _x("pinpoint", r"\b(?:(?:sub-?para(?:graph)?|lit|sub)\b\.?\s*\(?|(?:point|letter|item)\s*\()\s*"
                   r"((?-i:[a-z]|[ivx]{1,4})|\d{1,3})\s*\)?(?!\w)" + _SUBS,
       lambda m: (PathStep("sub", m.group(1)), *_subs(m.group(2)))),
    # (not a treaty series' "120 U.N.T.S. 71": a stop before the "S" makes it an abbreviation's letter)
    _x("pinpoint", r"(?:(?<![\w'’.])(?:ss?|secs?|sections?)\.?\s*|§\s*)(\d+(?:\.\d+)?[A-Za-z]{0,4})\b" + _SUBS +
                   rf"(?:,?\s*(?:{_PARAGRAPH_WORDS}|subs(?:ection)?\.?)\s*(\d+)" + _SUBS + ")?", _section),
    # "footnote 4", "fn. 4", "note 4", "n. 4"; not "supra note 4" (Bluebook's "the source cited in
    # footnote 4" of the citing text: a short form, below), nor OSCOLA's "(n 4)", which says the same
    _x("pinpoint", r"\b(?:footnote|fn\.?|(?<!supra\s)note|n\.)\s*(\d+)\b", lambda m: (PathStep("footnote", m.group(1)),)),
    _x("pinpoint", r"\bpreamble\b", lambda m: (PathStep("preamble", ""),)),
    # a piece of a text without structure (indexer.chunk): "chunk 3"
    _x("pinpoint", r"\bchunk\s+(\d+)\b", lambda m: (PathStep("chunk", m.group(1)),)),
    # A capital letter ("Annex A", or a mistyped "Annex M") is a label too: dropping it would
    # cite the main body's article of the same number. Points written on the annex are its
    # points: "IOM Constitution, Annex (d)" (a document's one annex, unnumbered) is annex/d, and
    # "Annex II(6)" no longer shows the whole of Annex II.
    # an unnumbered annex ends the citation ("IOM Constitution, Annex", as lexmig prints it)
    _x("pinpoint", rf"\bannex(?:\s+({_ROMAN}|(?-i:[A-Z])|\d+)\b|(?=\s*\()|(?=\s*$))" + _SUBS,
       lambda m: (PathStep("annex", _roman_or(m.group(1) or "")),) + tuple(_subs(m.group(2)))),
    # an instrument appended in the same file, capitalised as its heading ("ICCPR, Optional
    # Protocol, Art. 1"): "the schedule of specific commitments" is no citation; a lettered schedule is
    # cited with its letter ("Schedule A, para. 2"); the points written on it are its points ("Schedule(b)", as
    # lexmig prints a schedule's lettered item, was "lexmig reads act, Schedule in it, but not '(b)'")
    _x("pinpoint", r"\b(Optional\s+Protocol|Appendix|Schedule(?:\s+[A-Z]\b(?![.’']))?|Final\s+Act)\b" + _SUBS,
       lambda m: (PathStep("appended", " ".join(m.group(1).split())), *_subs(m.group(2))), flags=0),
    # a New Zealand Act's subpart of a Part, an Australian Act's subdivision of a Division, lettered
    # too: "Part 1, Subpart 2", "Division 3, Subdivision AA"
    _x("pinpoint", r"\b(subpart|subpt\.?|subdivision|subdiv\.?)\s*(?<=\.|\s)"
                   r"(\d{1,3}(?-i:[A-Z]{0,3})|(?-i:[A-Z]{1,3}))\b", _division),
    _x("pinpoint", rf"\b(chapter|ch\.|chap\.?|part|pt\.?|section|sec\.|book|rule|title|division|div\.?)\s*"
                   rf"(?<=\.|\s)({_ROMAN}|\d+|{'|'.join(NUMBER_WORDS)})\b", _division),
    # short forms of footnotes (eyecite's IdToken and SupraToken): "Ibid", "op. cit.", "supra"
    _x("short", r"\b(ibid|ibidem|idem|id)\b\.?", lambda m: "ibid"),
    _x("short", r"\b(op\.?\s*cit|loc\.?\s*cit|supra)\b\.?", lambda m: "op-cit"),
    _x("short", SUPRA_NOTE_RE.pattern, lambda m: "op-cit"),
)


def supra_note(text: str) -> str | None:
    """The earlier footnote a footnote's short form names ("See supra note 3, art. 6", "above n 3",
    "note 3 above"), whose sources it cites (search.sources); None without one.

    >>> supra_note("Smith, supra n. 2, at 4"), supra_note("above n 3"), supra_note("supra, at 4")
    ('2', '3', None)
    """
    m = SUPRA_NOTE_RE.search(text)
    return (m.group(1) or m.group(2)) if m else None


def tokenize(text: str) -> list[Token]:
    """Every citation token of `text`, in order, none overlapping another."""
    found: list[tuple[int, int, int, Token]] = []
    for rank, extractor in enumerate(EXTRACTORS):
        for m in extractor.pattern.finditer(text):
            built = extractor.build(m)
            if not built:
                continue
            if extractor.kind == "pinpoint":
                token = Token("pinpoint", m.start(), m.end(), m.group(0), steps=built)
            else:
                annex = None
                if extractor.annex_group and re.search(r"annex", m.group(0), re.I):
                    annex = (m.group(extractor.annex_group) or "").upper()
                token = Token(extractor.kind, m.start(), m.end(), m.group(0).strip(), key=built, annex=annex)
            found.append((m.start(), -(m.end() - m.start()), rank, token))
    tokens: list[Token] = []
    for _, _, _, token in sorted(found, key=lambda f: (f[0], f[1], f[2])):
        if tokens and token.start < tokens[-1].end:
            continue
        tokens.append(token)
    return tokens


# -- what follows a pinpoint in running text ----------------------------------------------

# Whose unit it is: "Article 3 of this Annex", "paragraph 1 of this Article", "of Annex II".
_SCOPE_RE = re.compile(r"\s+(?:of|in)\s+(?:(this|the|that)\s+((?i:annex|article|convention|protocol|agreement|"
                       r"constitution|covenant))\b|(Annex)\s+([IVXL]+|\d+)\b)")
# ... or that it is another instrument's: "article 12 of the International Covenant ...",
# "paragraph 3 of its resolution 72/3", "Article 6 of Regulation (EU) 2016/679".
_ELSEWHERE_RE = re.compile(r"\s+of\s+(?:the\s+|its\s+|that\s+)?(?!Annex\b|Part\b|Chapter\b|Section\b|Appendix\b)"
                           r"(?:[A-Z]|resolution\b|decision\b|regulation\b|directive\b)")


@dataclass(frozen=True)
class Scope:
    """Whose unit a pinpoint of running text names, read from the words after it."""

    end: int  # where the reference ends: after "of this Annex", else at the pinpoint's end
    unit: str | None = None  # "Annex", "Article", "Convention"...: "of this Annex", "of Annex II"
    annex: str | None = None  # "II" in "of Annex II"
    elsewhere: bool = False  # "of the Charter of the United Nations": another instrument's unit


def scope_of(text: str, token: Token) -> Scope:
    """The scope said after a pinpoint `token` of `text`: "Article 1 of this Convention"
    has unit "Convention"; "paragraph 2 of Article 35 of the Constitution" is elsewhere."""
    scoped = _SCOPE_RE.match(text, token.end)
    if scoped:
        return Scope(scoped.end(), (scoped.group(2) or scoped.group(3)).capitalize(),
                     scoped.group(4).upper() if scoped.group(4) else None)
    return Scope(token.end, elsewhere=bool(_ELSEWHERE_RE.match(text, token.end)))


# -- the catalogue side -------------------------------------------------------------------

@dataclass(frozen=True)
class KeyMatch:
    """A catalogue entry an instrument or symbol token names, and why."""

    doc_id: str
    token: Token
    why: str  # "ILO number 143", "document symbol A/RES/55/25, annex II"
    adopted_by: str | None = None  # for an instrument a resolution adopts: its symbol


class CatalogueKeys:
    """The catalogue's numbers and symbols, tokenized by the same grammar as the texts."""

    def __init__(self, entries: tuple[Entry, ...]):
        self.numbers: dict[str, str] = {}  # "c143" -> entry id
        self.symbols: dict[str, list[tuple[str | None, str]]] = {}  # "A/RES/55/25" -> [(annex, id)]
        self.treaties = {entry.unts: entry.id for entry in entries if entry.unts}  # "999 UNTS 171" -> id
        volumes = [entry.unts.split(" UNTS")[0] + " UNTS" for entry in entries if entry.unts]
        self.treaties.update({key: doc_id for (key, doc_id) in zip(volumes, self.treaties.values())
                              if volumes.count(key) == 1})  # "999 UNTS": a volume of one catalogued treaty
        for entry in entries:
            for text in filter(None, (entry.number and f"{entry.type} {entry.number}", entry.number)):
                for token in tokenize(text):
                    if token.kind == "instrument":
                        self.numbers.setdefault(token.key, entry.id)
            for token in tokenize(entry.symbol or ""):
                if token.kind == "symbol":
                    self.symbols.setdefault(token.key, []).append((token.annex, entry.id))

    def match(self, token: Token) -> list[KeyMatch]:
        """The entries a token names; several only for a resolution that adopts several
        instruments (then the resolution first, then what it adopts, each with its annex)."""
        if token.kind == "instrument":
            doc_id = self.numbers.get(token.key)
            return [KeyMatch(doc_id, token, f"instrument number {_number_words(token.key)}")] if doc_id else []
        if token.kind == "treaty":
            doc_id = self.treaties.get(token.key)
            return [KeyMatch(doc_id, token, f"treaty series reference {token.key}")] if doc_id else []
        if token.kind != "symbol":
            return []
        owners = self.symbols.get(token.key, [])
        written = "" if _un_symbol(token.text).startswith(_un_symbol(token.key)) else f", written '{token.text}'"
        bare = [d for a, d in owners if a is None]
        annexed = [(a, d) for a, d in owners if a is not None]
        if token.annex:
            exact = [d for a, d in annexed if a == token.annex]
            if exact:
                return [KeyMatch(exact[0], token, f"document symbol {token.key}, annex {token.annex}{written}")]
        if token.annex is not None and len(annexed) == 1 and not token.annex:
            return [KeyMatch(annexed[0][1], token, f"document symbol {token.key}, annex{written}")]
        if bare:
            out = [KeyMatch(bare[0], token, f"document symbol {token.key}{written}")]
            return out + [KeyMatch(d, token, f"adopted by {token.key} as its annex {a}".rstrip(), token.key)
                          for a, d in sorted(annexed, key=lambda p: roman_to_int(p[0] or "") or 0)]
        if len(annexed) == 1:
            a, d = annexed[0]
            return [KeyMatch(d, token, f"adopted by {token.key} as its annex {a}".rstrip(), token.key)]
        return []


def _number_words(key: str) -> str:
    """'c143' -> 'C143', 'ets93' -> 'ETS 93'."""
    m = re.match(r"([a-z]+)(\d+)$", key)
    if not m:
        return key
    return f"{m.group(1).upper()}{' ' if len(m.group(1)) > 1 else ''}{m.group(2)}"


@functools.lru_cache(maxsize=8)
def _keys(entries: tuple[Entry, ...]) -> CatalogueKeys:
    return CatalogueKeys(entries)


def catalogue_keys(catalogue: Catalogue) -> CatalogueKeys:
    """The keys of a catalogue, cached by its content (a replaced catalogue gets its own)."""
    return per_catalogue(catalogue, "keys", lambda: _keys(tuple(catalogue)))


def key_matches(text: str, catalogue: Catalogue, tokens: list[Token] | None = None) -> list[KeyMatch]:
    """Every catalogue entry named by number or symbol in `text`, in order."""
    keys = catalogue_keys(catalogue)
    return [match for token in (tokenize(text) if tokens is None else tokens) for match in keys.match(token)]


# -- queries ------------------------------------------------------------------------------

@dataclass(frozen=True)
class CitationRef:
    """A citation found in a query: its document, the pinpoint asked for, and where it stood."""

    doc_id: str
    steps: tuple[PathStep, ...]
    spans: tuple[tuple[int, int], ...]  # the characters of the query that make the citation
    evidence: str = ""  # how the document was recognised: "instrument number C189", "names it", "title"
    named: str = ""  # the document's name as typed: "Qatar Labour Law"

    def remainder(self, query: str) -> str:
        """The query without the citation's words."""
        keep = [c for i, c in enumerate(query) if not any(a <= i < b for a, b in self.spans)]
        text = "".join(keep)
        text = re.sub(r"\b(of|in|the)\b(?=\s*(,|$))", " ", text, flags=re.I)
        return " ".join(text.replace(",", " ").split())

    def unread(self, query: str) -> str | None:
        """What follows one of the citation's pinpoints in `query` and reads as more of it, points
        or further units the grammar did not take ("1 b" of "Article 6 1 b", "through 8" of
        "Articles 6 through 8", "-99999" of "arts. 1-99999"), up to the next piece of the citation;
        None when nothing does ("Article 6 of C97", "C97 art. 6 [nl]")."""
        starts = sorted(a for a, _ in self.spans)
        for start, end in self.spans[1:]:  # the first is the document's name: "C97 (1949) art. 6"
            stop = next((a for a in starts if a >= end), len(query))
            if _UNREAD_RE.match(query, end, stop):
                return " ".join(query[end:stop].split())
        return None

    def unused(self, query: str) -> str | None:
        """A unit `query` cites that the citation leaves out: the second unit of "C97 art. 6 art. 7",
        the paragraph of "para. 1 Article 6"; None when it reads every one."""
        return next((" ".join(t.text.split()) for t in tokenize(query) if t.kind == "pinpoint"
                     and not any(a <= t.start < b for a, b in self.spans)), None)

    def leftover(self, query: str, catalogue: Catalogue) -> str | None:
        """The words of `query` the citation does not read, less those that say nothing of the unit (a
        footnote's "see", "of the", a date, "supra note 4", the document named again, as a full citation
        does: "ICCPR, 16 December 1966, 999 UNTS 171, art. 26"): "first" of "C97 Art. 6 first", which
        was shown as Article 6, the word dropped. None when there are none."""
        rest = _DATE_RE.sub(" ", SUPRA_NOTE_RE.sub(" ", self.remainder(query)))
        again = find_document(rest, catalogue)
        while again and again[0] == self.doc_id:
            rest = rest[:again[1][0]] + " " + rest[again[1][1]:]
            again = find_document(rest, catalogue)
        words = [w for w in _LEFTOVER_WORD_RE.findall(rest)
                 if re.search(r"\w", w) and w.lower() not in _FILLER_WORDS and not re.fullmatch(_YEAR, w)]
        return " ".join(words) or None

    def describe(self) -> str:
        """The pinpoint as asked for: "Annex II, Article 4(2)", "para. 11", "fn. 7"."""
        from lexmig.indexer.citation import pinpoint

        main = [s for s in self.steps if s.kind != "sub"]
        text = pinpoint(main) if main else ""
        subs = "".join(f"({s.label})" for s in self.steps if s.kind == "sub")
        if subs:
            head, _, tail = text.partition(", fn.")
            text = head + subs + (f", fn.{tail}" if tail else "")
        return text


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DATE_RE = re.compile(rf"\b(?:\d{{1,2}}\s+{_MONTHS}\s+|{_MONTHS}\s+\d{{1,2}},?\s+){_YEAR}\b", re.I)  # "16 December 1966"
_LEFTOVER_WORD_RE = re.compile(r"[^\s.,:;()\[\]\"'?!“”‘’]+")
# Words a pasted citation carries that name no unit: a footnote's signals, links, the ILO's name.
_FILLER_WORDS = frozenset(("of", "in", "the", "and", "see", "also", "cf", "eg", "e.g", "ie", "i.e", "ILO", "ilo", "at", "under",
                           "to", "&"))
# A sentence of a unit, as lawyers cite it: "Article 6(1), first sentence", "art. 6(1) sentence 2", "the last
# sentence of Article 6(1)", German "Abs. 1 Satz 2" (before, the whole unit was shown and the words dropped).
_SENTENCE_RE = re.compile(rf",?\s*\b(?:(?:the\s+)?({_ORDINAL}|last)\s+sentence\b(?:\s+of\b)?"
                          r"|(?:sentence|sent\.|satz)\s*(\d{1,2})\b)", re.I)
# Where a unit's text ends a sentence: a full stop, "!" or "?", then a capital or an opening bracket or
# quote; not after an abbreviation ("No. 97", "Art. 6", "e.g. The") or an initial ("U.N. General").
_SENTENCE_END_RE = re.compile(r"(\S*)[.!?](?=\s+[\"“(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset(("no", "nos", "art", "arts", "para", "paras", "vol", "p", "pp", "cf", "e.g", "i.e", "s", "ss"))


def unknown_treaty(text: str, catalogue: Catalogue) -> str | None:
    """What to say of a UN Treaty Series reference no catalogue entry records ("1 UNTS 15"); None when
    `text` holds none or each is recorded."""
    keys = catalogue_keys(catalogue)
    unknown = next((t.key for t in tokenize(text) if t.kind == "treaty" and not keys.match(t)), None)
    if unknown is None:
        return None
    return (f"no catalogue entry records the UN Treaty Series reference '{unknown}'; cite the treaty by its name "
            f"or number instead ('ICCPR art. 26', 'C97 art. 6'), or see lexmig catalogue.")


def sentence_pinpoint(text: str) -> tuple[str, int | None]:
    """A citation of one sentence of a unit -> the citation of the unit and the sentence's number
    (-1 for "last"); the text unchanged and None when it names no sentence.

    >>> sentence_pinpoint("C97 art. 6(1), first sentence"), sentence_pinpoint("the last sentence of C97 art. 6(1)")
    (('C97 art. 6(1)', 1), ('C97 art. 6(1)', -1))
    """
    match = _SENTENCE_RE.search(text)
    if match is None:
        return text, None
    word, number = match.group(1), match.group(2)
    asked = int(number) if number else -1 if word.lower() == "last" else int(_count(word))
    return " ".join((text[:match.start()] + " " + text[match.end():]).split()), asked


def sentences(text: str) -> list[str]:
    """A unit's text in sentences: its points stay in the sentence that introduces them."""
    def end(m: re.Match) -> str:
        word = m.group(1).lstrip("(\"“")
        abbreviation = word.lower() in _ABBREVIATIONS or (word[-1:].isupper() and len(word.replace(".", "")) <= 3)
        return m.group(0) if abbreviation else m.group(0) + "\0"

    return [part.strip() for part in _SENTENCE_END_RE.sub(end, text).split("\0") if part.strip()]


def sentence_of(unit, asked: int, entry: Entry, citation: str) -> tuple[str, str]:
    """The sentence `asked` (1 the first, -1 the last) of a unit, and how a citation names it
    ("first sentence", "last sentence"); UnknownCitation when the unit has fewer sentences."""
    from lexmig.indexer.citation import format_citation
    from lexmig.indexer.errors import UnknownCitation

    parts = sentences(unit.text or "")
    if not parts or asked > len(parts):
        count = "one sentence" if len(parts) == 1 else f"{len(parts)} sentences"
        raise UnknownCitation(f"'{citation}': {format_citation(unit, entry)} has {count}; ask for "
                              f"{'the first' if len(parts) == 1 else f'sentence 1 to {len(parts)}'}, or cite the unit alone.")
    words = "last sentence" if asked == -1 or (asked == len(parts) > 1) else f"{ORDINAL_WORDS[asked - 1]} sentence"
    return words, parts[asked - 1 if asked > 0 else -1]


_WORD_RE = re.compile(r"[^\s.,:;()\"'?!]+")  # the words normalise_name keeps, less "?" ("the Social Charter?")


def find_document(query: str, catalogue: Catalogue) -> tuple[str, tuple[int, int]] | None:
    """The catalogue document a query names, and where. A number or symbol that matches
    the catalogue is decisive; otherwise the longest name (id, short title, alias, title)."""
    found = _find_document(query, catalogue)
    return (found[0], found[1]) if found else None


def _find_document(query: str, catalogue: Catalogue,
                   tokens: list[Token] | None = None) -> tuple[str, tuple[int, int], str] | None:
    tokens = tokenize(query) if tokens is None else tokens
    keyed = key_matches(query, catalogue, tokens)
    if keyed:
        first = keyed[0]
        return first.doc_id, (first.token.start, first.token.end), first.why
    names, titles, longest = _names_titles_longest(catalogue)
    unordered = _names_unordered(catalogue)
    words_at = list(_WORD_RE.finditer(query))
    words = [normalise_name(t.group(0)) for t in words_at]
    best: tuple[int, int, str, str] | None = None
    for i in range(len(words_at)):
        for n in range(min(longest, len(words_at) - i), 0, -1):
            phrase = " ".join(words[i:i + n])
            doc_id = names.get(phrase) or titles.get(phrase) or \
                (unordered.get(frozenset(words[i:i + n])) if 1 < n <= UNORDERED_WORDS and
                 len(set(words[i:i + n])) == n else None)
            if doc_id:
                start, end = words_at[i].start(), words_at[i + n - 1].end()
                if best is None or end - start > best[1] - best[0]:
                    best = (start, end, doc_id, "names it" if phrase in names else "title")
                break
    return (best[2], (best[0], best[1]), best[3]) if best else None


UNORDERED_WORDS = 4


def _names_unordered(catalogue: Catalogue) -> dict[frozenset[str], str]:
    """A name of two to UNORDERED_WORDS words by its words in any order ("GATS Annex MNP" is
    the "GATS MNP Annex"), where no other name has the same words; once per catalogue."""
    def made():
        owners: dict[frozenset[str], set[str]] = {}
        for name, doc_id in catalogue.names().items():
            words = name.split()
            if 1 < len(words) <= UNORDERED_WORDS and len(set(words)) == len(words):
                owners.setdefault(frozenset(words), set()).add(doc_id)
        return {words: next(iter(docs)) for words, docs in owners.items() if len(docs) == 1}

    return per_catalogue(catalogue, "unordered", made)


def _names_titles_longest(catalogue: Catalogue) -> tuple[dict[str, str], dict[str, str], int]:
    """The catalogue's names, its full titles and the most words any of them has: read by
    every query, computed once per catalogue (a library's lists thousands of documents)."""
    def measured():
        names, titles = catalogue.names(), _titles(catalogue)
        return names, titles, max((len(n.split()) for n in [*names, *titles]), default=0)

    return per_catalogue(catalogue, "names", measured)


# -- instruments named by description ------------------------------------------------------
# People describe an instrument more often than they title it: "the 1958 ILO convention",
# "the ILO agencies convention", "the convention against racial discrimination", "the UN
# covenant on economic and social rights", "the WTO annex on natural persons". Such a phrase is
# headed by a word for a kind of instrument: the catalogue's types of one word (but "article",
# "document" and "speech", a part or a genre), the words conventions are titled by, and those
# of national laws and EU acts ("the labour law", "the domestic workers decree-law").
_KIND_WORDS = frozenset(t for t in TYPES if " " not in t and t not in ("article", "document", "speech")) | \
    {"covenant", "charter", "treaty", "law", "act", "decree", "regulation", "directive", "code", "ordinance"}
# Words for an instrument of any kind ("under ILO rules", "the Council of Europe treaty", "which
# ILO rule"): they head a description that every instrument (not a report, note or speech) may fit.
_ANY_KIND_WORDS = frozenset({"treaty", "rule", "rules"})
_KIND_WORDS = _KIND_WORDS | _ANY_KIND_WORDS
_KIND_RE = re.compile(r"\b(?:" + "|".join(sorted(_KIND_WORDS)) + r")\b", re.I)
# The words that open a description's complement after its head ("the convention against
# racial discrimination", "the annex on natural persons", "the protocol to the ...").
_COMPLEMENT = frozenset({"on", "against", "concerning", "relating", "regarding", "respecting", "for", "of", "to", "in"})
_DESCRIPTION_TOKEN_RE = re.compile(r"\w[\w'\u2019-]*|[^\w\s]")  # a word, or a punctuation mark (a boundary)


@dataclass(frozen=True)
class _Facts:
    """What a catalogue entry can be described by: its kinds (its type, and the first word
    for a kind in each of its names: ICCPR's type is convention, its title a Covenant), and the
    stems of its names, titles, type and body, its body's and titles' initials ("United Nations
    General Assembly": "UN", "UNGA"; the ILO's and WTO's are written in the body), and the year
    it was adopted (no other number: the title of the Protocol of 2014 names the 1930 Convention)."""

    doc_id: str
    kinds: frozenset[str]
    facts: frozenset[str]


def _initials(text: str) -> set[str]:
    """The initials of each run of two or more capitalised words ("United Nations" "UN")."""
    out: set[str] = set()
    for run in re.findall(r"(?:\b[A-Z][a-z]+\b\s*){2,}", text):
        letters = [word[0] for word in run.split()]
        out.update("".join(letters[i:j]).lower() for i in range(len(letters)) for j in range(i + 2, len(letters) + 1))
    return out


def _facts_of(entry: Entry) -> _Facts:
    from lexmig.indexer.thesaurus import stems

    names = (entry.title, entry.long_title or "", entry.cite_as, entry.short_title, *entry.aliases)
    kinds = {entry.type} | {found.group(0).lower() for found in map(_KIND_RE.search, names) if found}
    if entry.type not in ("report", "issues note", "speech", "article", "document"):
        kinds |= _ANY_KIND_WORDS
    words = {s for s in stems(" ".join((*names, entry.type, entry.body, entry.country or ""))) if not s.isdigit()}
    words.update(stems(" ".join(_initials(f"{entry.body}. {entry.title}. {entry.long_title or ''}"))))
    if entry.adopted:
        words.add(entry.adopted[:4])
    return _Facts(entry.id, frozenset(kinds & _KIND_WORDS), frozenset(words))


def _described_by_kind(catalogue: Catalogue) -> dict[str, tuple[_Facts, ...]]:
    """The catalogue's entries by the kinds they can be described by, once per catalogue."""
    def made():
        by_kind: dict[str, list[_Facts]] = {}
        for facts in map(_facts_of, catalogue):
            for kind in facts.kinds:
                by_kind.setdefault(kind, []).append(facts)
        return {kind: tuple(found) for kind, found in by_kind.items()}

    return per_catalogue(catalogue, "described", made)


def find_described(query: str, catalogue: Catalogue) -> list[tuple[tuple[str, ...], tuple[int, int]]]:
    """The instruments a query describes, and where: for each phrase headed by a word for a
    kind of instrument, the catalogue entries of that kind whose facts (`_Facts`) hold every
    other word of the phrase (on stems), and the phrase's span. The phrase is the head, the
    words before it up to a stop word or punctuation mark ("the", "under", "a"; "and" between
    two words it holds: "the civil and political covenant"), and a complement after it opened
    by a preposition ("against racial discrimination"); each reaches as far as some entry
    holds its words. A phrase of the head alone describes nothing ("any convention", "the
    Covenant": named_in reads capitalised names), nor one whose words no entry holds ("a
    bilateral agreement"). Entries in catalogue order; the caller decides what one or several
    name."""
    if not _KIND_RE.search(query):  # most queries: no table is read
        return []
    from lexmig.indexer.thesaurus import stems

    by_kind = _described_by_kind(catalogue)
    tokens = list(_DESCRIPTION_TOKEN_RE.finditer(query))
    words = [t.group(0) for t in tokens]
    found = []
    for i, head in enumerate(words):
        # a compound head is either of its words' kind: "decree-law" a decree or a law
        candidates = next((by_kind[k] for k in (head.lower(), *head.lower().split("-")) if k in by_kind), ())
        if not candidates:
            continue
        described, first, last = 0, i, i

        def narrowed(j: int) -> tuple[_Facts, ...]:
            held = stems(words[j])
            return tuple(c for c in candidates if all(s in c.facts for s in held))

        j = i - 1
        while j >= 0 and stems(words[j]):
            held = narrowed(j)
            if not held:
                break
            candidates, described, first = held, described + 1, j
            j -= 1
            if j > 0 and words[j].lower() == "and" and stems(words[j - 1]) and narrowed(j - 1):
                j -= 1
        if i + 1 < len(words) and words[i + 1].lower() in _COMPLEMENT:
            for j in range(i + 2, len(words)):
                if not words[j][0].isalnum() and words[j][0] != "_":
                    break  # punctuation
                if not stems(words[j]):
                    continue  # "the", "of", "and"
                held = narrowed(j)
                if not held:
                    break
                candidates, described, last = held, described + 1, j
        if described:
            found.append((tuple(c.doc_id for c in candidates), (tokens[first].start(), tokens[last].end())))
    return found


def per_catalogue(catalogue: Catalogue, what: str, make):
    """make() once per catalogue object and content: hashing a catalogue's thousands of
    entries (the caches by content) for every query cost more than the look-ups."""
    kept = catalogue.__dict__.setdefault("_citation_tables", {})
    if what not in kept or kept[what][0] is not catalogue.entries or kept[what][1] != len(catalogue.entries):
        kept[what] = (catalogue.entries, len(catalogue.entries), make())
    return kept[what][2]


@functools.lru_cache(maxsize=8)
def _titles_of(entries: tuple[Entry, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for entry in entries:
        for title in (entry.title, entry.cite_as):
            out.setdefault(normalise_name(title), entry.id)
    return out


def _titles(catalogue: Catalogue) -> dict[str, str]:
    """Normalised full titles and citation names -> id ("Migration Act 1958" typed in full)."""
    return per_catalogue(catalogue, "titles", lambda: _titles_of(tuple(catalogue)))


# Several units cited at once: "Articles 6-8", "arts. 6 and 7", "Articles 6, 7 and 9",
# "paras. 4 to 6", "ss 3-5". Each is shown; a range of more than RANGE_LIMIT units is refused.
# A unit of the list may name a point of it, "Articles 6-8(1)" (Article 6, Article 7 and
# Article 8(1)), "arts. 6(1) and 7(2)": the point is that unit's alone.
_NUMBER_POINTS = r"\d{1,4}(?:\s?\([0-9a-z]{1,4}\))*"
_UNIT_END = rf"(?:{_NUMBER_POINTS}|(?:\s?\([0-9a-z]{{1,4}}\))+)"  # "8(1)", or a point of the first: "6(1)(a)-(c)"
# A range's dash as typed or pasted from a PDF: hyphen, en dash, em dash, non-breaking hyphen, minus sign.
_DASH = "-|\u2013|\u2014|\u2011|\u2212"
_RANGE_WORDS = r"to|through|thru"  # "Articles 6 to 8", "Articles 6 through 8" (American)
# After a pinpoint, what reads as more of it: a number or a point ("6 1 b", "6(99999999999999999999)"),
# another unit after a list's or a range's word ("6 & 7", "6, 7", "1-99999", "6 through 8"); not a
# year, as a bibliography gives it after the unit ("Art. 6 (1949)", "art. 6, 1949"); and "et seq.", "ff.",
# "and following": the units after it, which lexmig cannot count ("C97 Art. 6 et seq." showed Article 6 alone);
# a page ("art. 6, p. 3"), which a unit has none of.
_UNREAD_RE = re.compile(rf"\s*(?:(?:,|&|and|{_RANGE_WORDS}|{_DASH})\s*)?\(?(?:(?!{_YEAR}\b)\d"
                        rf"|(?-i:[a-z]|[ivx]{{1,4}})\b(?![.'’]))|\s*(?:et\s+seq|ff|and\s+following)\b"
                        r"|\s*,?\s*(?:pp?\.|pages?)\s*\d"
                        # a word lexmig does not read as a unit's before a number: "cl. 1", "sub 2", "item 3";
                        # a section's capital letter apart from its number ("Refugee Convention art 1 A 2")
                        rf"|\s*,?\s*(?:(?-i:[a-z]{{1,12}})\.?|(?-i:[A-Z]))\s*\(?(?!{_YEAR}\b)\d", re.I)
_UNITS_RE = re.compile(
    r"\b(?P<word>articles|arts\.?|paragraphs|paras\.?|sections|ss\.?|article|art\.?|paragraph|para\.?|section|s\.?)\s*"
    # (not a year after a comma: "arts. 6 and 7, 1949" is no Article 1949)
    rf"(?P<list>{_NUMBER_POINTS}(?:\s*(?:,\s*(?:and|&)|{_DASH}|{_RANGE_WORDS}|and|&)\s*{_UNIT_END}"
    rf"|\s*,\s*(?!{_YEAR}\b){_UNIT_END})+)(?![\w(])", re.I)
_SINGULAR = {"articles": "Article", "arts": "Art.", "paragraphs": "paragraph", "paras": "para.",
             "sections": "section", "ss": "s", "article": "Article", "art": "Art.", "paragraph": "paragraph",
             "para": "para.", "section": "section", "s": "s"}
_SINGULAR_WORDS = frozenset(("article", "art", "paragraph", "para", "section", "s"))
_LIST_RE = re.compile(r"\s*(?:,\s*(?:and|&)|and|,|&)\s*", re.I)
RANGE_LIMIT = 20
_CITED_DIVISIONS = ("book", "part", "title", "chapter", "division", "section", "rule", "subpart", "subdivision")


_LANGUAGE_TAG = re.compile(r"\s*\[([a-z]{2})\]\s*$")


def language_tag(text: str) -> tuple[str, str | None]:
    """A citation as lexmig prints a unit of another language ("C097, Art. 6 [nl]": `format_citation`)
    -> the citation without the tag, and the language it names (None without one)."""
    tag = _LANGUAGE_TAG.search(text)
    return (text[:tag.start()], tag.group(1)) if tag else (text, None)


def cited_units(text: str) -> list[str] | None:
    """The citations of each unit a citation of several names, in order ("Articles 6-8 of C97":
    "Article 6 of C97", "Article 7 of C97", "Article 8 of C97"); None when it names one.
    A range's ends keep their points: "Articles 6-8(1)" is Article 6, 7 and 8(1); a range of
    one unit's points is written with the word in the singular too: "Article 6(1)(a)-(c)".
    Raises ValueError when a range is backwards or holds more than RANGE_LIMIT units.

    >>> cited_units("C97 arts. 6 and 7"), cited_units("C97 arts. 6-8(1)")
    (['C97 Art. 6', 'C97 Art. 7'], ['C97 Art. 6', 'C97 Art. 7', 'C97 Art. 8(1)'])
    >>> cited_units("C97 Art. 6(1)(a)-(c)")
    ['C97 Art. 6(1)(a)', 'C97 Art. 6(1)(b)', 'C97 Art. 6(1)(c)']
    """
    match = _UNITS_RE.search(text)
    if match is None:
        return None
    # (the document named after the list is no unread point: "Arts 6-8 C97" was refused for "-8")
    named = next((t.start for t in tokenize(text) if t.kind in ("instrument", "symbol") and t.start >= match.end()), len(text))
    if _UNREAD_RE.match(text, match.end(), named):  # "arts 6-7 1 b": whose points? (not Article 6's)
        return None
    word, parts = match.group("word").lower().rstrip("."), _LIST_RE.split(match.group("list"))
    if word in _SINGULAR_WORDS and not all(part.startswith("(") for part in parts[1:]):
        return None  # a list takes the plural: "Article 6, 1958" is no list; one unit's points do not: "6(1)(a) and (b)"
    units: list[str] = []
    for i, part in enumerate(parts):
        ends = re.split(rf"\s*(?:{_DASH}|{_RANGE_WORDS})\s*", part, flags=re.I)
        for at, end in enumerate(ends):
            if end.startswith("("):  # "6(1)(a)-(c)", "6(1)(a) and (b)": its points replace those of the unit before
                before = ends[at - 1] if at else (units[-1] if i else "")
                head = re.fullmatch(rf"(.*?)(?:\s?\(\w+\)){{{end.count('(')}}}", before)
                if head is None or not head.group(1):
                    return None
                ends[at] = head.group(1) + end.replace(" ", "")
        first, last = (int(end.split("(")[0]) for end in (ends[0], ends[-1]))
        if first > last:
            raise ValueError(f"the range {part} runs backwards; write it from the first unit to the last.")
        between = [str(n) for n in range(first + 1, last)] if first < last else _points_between(ends[0], ends[-1])
        units.extend([ends[0]] if len(ends) == 1 else [ends[0], *between, ends[-1]])
        if len(units) > RANGE_LIMIT:
            raise ValueError(f"'{match.group(0)}' names more than {RANGE_LIMIT} units; show fewer at a time.")
    return [f"{text[:match.start()]}{_SINGULAR[word]} {unit.replace(' ', '')}{text[match.end():]}"
            for unit in dict.fromkeys(units)]


def _points_between(first: str, last: str) -> list[str]:
    """The points of one unit between a range's ends that differ in their last point only:
    "6(1)-6(3)" holds 6(2), "6(1)(a)-6(1)(c)" 6(1)(b), "6(1)(i)-6(1)(iii)" 6(1)(ii).
    Raises ValueError when the points run backwards."""
    ends = [re.fullmatch(r"(.*?)\s?\((\w+)\)", end) for end in (first, last)]
    if not (ends[0] and ends[1]) or ends[0].group(1) != ends[1].group(1):
        return []
    head, a, b = ends[0].group(1), ends[0].group(2), ends[1].group(2)
    label: Callable[[int], str]
    if a.isdigit() and b.isdigit():
        numbers, label = (int(a), int(b)), str
    elif roman_to_int(a) and roman_to_int(b) and (a.startswith("i") or len(a + b) > 2):  # (i)-(v); not (c)-(d)
        numbers, label = (roman_to_int(a) or 0, roman_to_int(b) or 0), lambda n: int_to_roman(n).lower()
    elif len(a) == len(b) == 1 and a.isalpha() and b.isalpha():
        numbers, label = (ord(a), ord(b)), chr
    else:
        return []
    if numbers[0] > numbers[1]:
        raise ValueError(f"the range {first}-{last} runs backwards; write it from the first unit to the last.")
    return [f"{head}({label(n)})" for n in range(numbers[0] + 1, numbers[1])]


def unknown_name(text: str) -> str | None:
    """The name a citation gives its document beside a pinpoint, when `find_citation` found
    no catalogued document in it: "UDHR" of "UDHR art 13(2)", "the Geneva Conventions" of
    "Article 5 of the Geneva Conventions"; None when the text holds no pinpoint or no name.

    >>> unknown_name("UDHR art 13(2)"), unknown_name("art. 5"), unknown_name("family reunion")
    ('UDHR', None, None)
    """
    pinpoints = [t for t in tokenize(text) if t.kind == "pinpoint"]
    if not pinpoints:
        return None
    rest = f"{text[:pinpoints[0].start]} {text[pinpoints[-1].end:]}"
    name = re.sub(r"^[\s,;:]*(?:of\b|in\b)?\s*|[\s,;:.]+$", "", " ".join(rest.split()), flags=re.I)
    return name or None


def footnote_short_form(text: str, quote: str = "'", first: bool = False) -> str | None:
    """What to say of a citation that starts with a footnote's short form ("ibid., art. 7",
    "Smith, op. cit., p. 3"): it stands for a document a footnote before it names, which a
    citation pasted alone does not show; None without one (or, `first`, with one after other words:
    "Global Economic Prospects, supra" may name its document).

    >>> footnote_short_form("ibid., art. 7")  # doctest: +NORMALIZE_WHITESPACE
    "'ibid.' stands for the document an earlier footnote names, which lexmig cannot see;
    put that document's name or number in its place, as in 'C97 art. 7'."
    >>> footnote_short_form("C97 art. 7"), footnote_short_form("wages id 3")
    (None, None)
    """
    short = next((t for t in tokenize(text) if t.kind == "short"), None)
    before = r"\s*" if first else r"(?:[^,]*,)?\s*"  # first, or after an author's name
    if short is None or not re.fullmatch(before, text[:short.start]):
        return None
    rest = re.sub(r"^at\s+", "", " ".join(text[short.end:].strip(" ,;").split()), flags=re.I)  # Bluebook's "Id. at art. 3"
    example = f"C97 {rest}" if any(t.kind == "pinpoint" for t in tokenize(rest)) else "C97 art. 6"
    return (f"{quote}{short.text}{quote} stands for the document an earlier footnote names, which lexmig cannot see; "
            f"put that document's name or number in its place, as in {quote}{example}{quote}.")


def unit_without_document(text: str) -> bool:
    """Whether `text` is a unit's citation and nothing else, no document named: "art. 6.12",
    "Annex II, Art. 4 para. 2" (a citation pasted without the name before it).

    >>> unit_without_document("art. 6.12"), unit_without_document("UDHR art 13(2)"), unit_without_document("wages")
    (True, False, False)
    """
    return any(t.kind == "pinpoint" for t in tokenize(text)) and unknown_name(text) is None


def no_document_hint(example: str, quote: str = "'") -> str:
    """What to do with a unit cited without its document (`unit_without_document`)."""
    return f"names a unit but no document; put the document's name or number before it, as in {quote}{example}{quote}."


def _described_document(query: str, catalogue: Catalogue,
                        tokens: list[Token]) -> tuple[str, tuple[int, int], str] | None:
    """The one document a citation with a pinpoint describes where it names none, as people
    cite national laws: "Qatar Labour Law, art. 73", "the UAE domestic workers decree-law,
    Art. 8", "the Australian Migration Act s 5AAA" (`find_described`)."""
    pinpoints = [t for t in tokens if t.kind == "pinpoint"]
    if not pinpoints:
        return None
    return next(((ids[0], span, "describes it") for ids, span in find_described(query, catalogue)
                 if len(ids) == 1 and not any(t.start < span[1] and span[0] < t.end for t in pinpoints)), None)


def find_citation(query: str, catalogue: Catalogue) -> CitationRef | None:
    """A pinpoint citation in `query`, or None when it names no unit of a document."""
    tokens = tokenize(query)
    document = _find_document(query, catalogue, tokens) or _described_document(query, catalogue, tokens)
    if document is None:
        return None
    doc_id, doc_span, evidence = document
    if any(t.kind == "short" and t.start < doc_span[1] and doc_span[0] < t.end for t in tokens):
        return None  # "supra note 3, art. 6" names no note: it is a footnote's short form (footnote_short_form)
    pinpoints = [t for t in tokens if t.kind == "pinpoint"
                 and not (t.start < doc_span[1] and doc_span[0] < t.end)]
    spans = [doc_span]
    steps: list[PathStep] = []

    def first(*kinds) -> Token | None:
        return next((t for t in pinpoints if t.steps[0].kind in kinds), None)

    appended = first("appended") or _appended_instrument(tokens, doc_span)
    annex = first("annex")
    for token in (appended, annex):
        if token:
            steps += token.steps
            spans.append((token.start, token.end))
    unit = first("article", "statute-section", "recital") or first("paragraph") or first("preamble") or first("chunk")
    part = first("part")  # inside an appended instrument a part is cited: "Appendix, Part II, Art. 4", and
    if part and appended:  # is a unit of its own: "ESC 1961, Appendix, Part II" (once the whole Appendix)
        steps += part.steps
        spans.append((part.start, part.end))
    # The divisions cited, outermost first: "Book One, Title I, Chapter II"; "Book I, Rule II,
    # section 1"; "Title II, Article 5" (a code whose articles are numbered anew in each title).
    divisions = sorted((t for t in pinpoints if t.steps[0].kind in _CITED_DIVISIONS and not (appended and t is part)),
                       key=lambda t: RANK[t.steps[0].kind])
    if unit is None and annex is None and divisions:
        unit = divisions.pop()  # "Chapter II", "Book Two": the innermost division is the unit
    for token in divisions:
        steps += token.steps
        spans.append((token.start, token.end))
    if unit:
        pieces, joined = _pieces_of(query, unit, pinpoints, doc_span)  # "paragraph 1 of Article 6" is Article 6(1)
        steps += [unit.steps[0], *pieces]
        spans += [(token.start, token.end) for token in (unit, *joined)]
        section = first("statute-section")  # a section of an article (bylaws): "Article II, section 2"
        if unit.steps[0].kind == "article" and section and section.start > unit.end:
            steps += section.steps
            spans.append((section.start, section.end))
    footnote = first("footnote")
    if footnote:
        steps += footnote.steps
        spans.append((footnote.start, footnote.end))
        if footnote.start < doc_span[0]:  # "footnote 7 of the note"
            between = query[footnote.end:doc_span[0]]
            if re.fullmatch(r"\s*(of|in)?\s*(the)?\s*", between, re.I):
                spans.append((footnote.end, doc_span[0]))
    if not steps:
        return None
    return CitationRef(doc_id, tuple(steps), tuple(spans), evidence, query[doc_span[0]:doc_span[1]])


def _pieces_of(query: str, unit: Token, pinpoints: list[Token],
               doc_span: tuple[int, int]) -> tuple[list[PathStep], list[Token]]:
    """The paragraph and point of an article, or the point of a paragraph, cited apart from it, as the
    treaties cite their own ("paragraph 1 of Article 6", "para. 1(b) of art. 6", "point (b) of the first
    paragraph of Article 6"), with the document's name between ("Article 6 of C97, paragraph 1") or after
    it ("C97 art. 6, first paragraph, point (b)"): the unit's own points with those, paragraph first, and
    the tokens joined. Before, the paragraph or the point was dropped and the article shown whole."""
    own = [s.label for s in unit.steps[1:]]
    if unit.steps[0].kind not in ("article", "paragraph") or any(s.kind != "sub" for s in unit.steps[1:]):
        return list(unit.steps[1:]), []
    name = query[doc_span[0]:doc_span[1]]
    paragraph: list[str] = []
    point: list[str] = []
    joined: list[Token] = []
    grew = True
    while grew:
        grew = False
        for token in pinpoints:
            labels = [s.label for s in token.steps]
            if token in joined or not any(_joined(query, token, other, name) for other in (unit, *joined)):
                continue
            if token.steps[0].kind == "paragraph" and unit.steps[0].kind == "article" and not paragraph \
                    and not (own and own[0].isdigit()) and not (point and not all(x.isdigit() for x in labels)):
                paragraph = labels
            elif token.steps[0].kind == "sub" and not point and all(x.isdigit() for x in paragraph + own):
                point = labels
            else:
                continue
            joined.append(token)
            grew = True
    return [PathStep("sub", label) for label in paragraph + own + point], joined


def _joined(query: str, token: Token, other: Token, name: str) -> bool:
    """Whether two pinpoints of a query are one citation: only commas, brackets, "of (the)", a year or the
    document's name between them ("paragraph 1 of Article 6", "Article 6 of C97, paragraph 1")."""
    between = query[token.end:other.start] if token.end <= other.start else query[other.end:token.start]
    return bool(re.fullmatch(rf"[\s,()]*(?:(?:of|in)\s+)?(?:the\s+)?[\s,()]*(?:{_YEAR}[\s,()]*)?",
                             between.replace(name, " ", 1) if name else between, re.I))


def _appended_instrument(tokens: list[Token], doc_span: tuple[int, int]) -> Token | None:
    """"C138, Recommendation No. 146, para. 3": a numbered instrument after the document's
    name that the catalogue does not hold as a document of its own is appended to it."""
    for token in tokens:
        m = re.match(r"(Recommendation|Protocol)\s+No\.?\s*0*(\d+)$", token.text, re.I)
        if token.kind == "instrument" and token.start >= doc_span[1] and m:
            label = f"{m.group(1).capitalize()} No. {int(m.group(2))}"
            return Token("pinpoint", token.start, token.end, token.text, steps=(PathStep("appended", label),))
    return None


def candidate_ids(ref: CitationRef, lang: str = "en", appended: tuple[str, ...] = ()) -> list[str]:
    """The passage ids a citation may denote, most likely first.

    Parenthesised groups are read by their form: digits a paragraph, a letter a point,
    a roman numeral a sub-point or a point ("(i)" may be either). A numbered section is an
    Act's section ("s 5AAA") or a division of a paper ("Section 2"): both are tried.

    `appended` are the labels of the instruments appended in the document ("Labour Law"
    attached to the law that promulgates it). A citation that names none of them is tried
    in the main text first, then in each; one whose typed name holds a label ("Qatar Labour
    Law art 40", not the promulgating law's full title) in that instrument first.
    """
    ids = _candidate_ids(ref, lang)
    if not appended or any(s.kind == "appended" for s in ref.steps):
        return ids
    typed = f" {normalise_name(ref.named)} "
    preferred = [a for a in appended if ref.evidence != "title" and f" {normalise_name(a)} " in typed]
    others = [a for a in appended if a not in preferred]

    def inside(labels):
        return [i for a in labels for i in _candidate_ids(
            CitationRef(ref.doc_id, (PathStep("appended", a),) + ref.steps, ref.spans), lang)]

    return list(dict.fromkeys(inside(preferred) + ids + inside(others)))


def _number_forms(step: PathStep) -> list[PathStep]:
    """A division or an article as cited and in the other numbering: "Book I" is "Book One"
    (printed in words, numbered "1" by indexer.segment), "Book 1" is "Book I", and "GATS Art. 19"
    is the Article XIX that GATS prints (as "C97 Article VI" is C97's Article 6)."""
    if step.kind not in DIVISION_KINDS + ("article",):
        return [step]
    number = roman_to_int(step.label) if not step.label.isdigit() else int(step.label)
    other = (str(number) if not step.label.isdigit() else int_to_roman(number)) if number else None
    return [step] + ([PathStep(step.kind, other)] if other else [])


def _candidate_ids(ref: CitationRef, lang: str) -> list[str]:
    fixed = [s for s in ref.steps if s.kind != "sub"]
    subs = [s.label for s in ref.steps if s.kind == "sub"]
    head = [s for s in fixed if s.kind != "footnote"]
    tail = [s for s in fixed if s.kind == "footnote"]
    heads = [list(h) for h in itertools.product(*map(_number_forms, head))]
    if head[-1:] and head[-1].kind not in DIVISION_KINDS and any(s.kind in DIVISION_KINDS for s in head):
        # "Chapter II, Article 6" where articles are numbered through the chapters
        heads.append([s for s in head if s.kind not in DIVISION_KINDS])
    if head and head[-1].kind == "statute-section" and not subs and not tail:
        heads += [h[:-1] + [PathStep("section", h[-1].label)] for h in heads]
    if head and head[-1].kind == "statute-section":
        # "§ 6", "Section 6", "s. 6(1)" of a document numbered by articles (the German "§" is
        # its article), else by paragraphs (a Recommendation's "§ 12"): tried after its sections.
        heads += [h[:-1] + [PathStep(kind, h[-1].label)] for kind in ("article", "paragraph") for h in list(heads)
                  if h[-1].kind == "statute-section"]
    # "Art. 1A(2)": article 1A, else section A of Article 1 (the Refugee Convention's 1A-1F: indexer.segment)
    heads += [h[:i] + [PathStep("article", s.label[:-1]), PathStep("article-section", s.label[-1])] + h[i + 1:]
              for h in list(heads) for i, s in enumerate(h) if s.kind == "article" and re.fullmatch(r"\d+[A-Z]", s.label)]
    in_article = any(s.kind in ARTICLE_KINDS for s in head)
    options: list[list[PathStep]] = []
    for i, label in enumerate(subs):
        choices = []
        if label.isdigit():
            choices.append(PathStep("paragraph" if in_article and i == 0 else "subpoint", label))
        else:
            lower = label.lower()
            if len(lower) == 1:
                choices.append(PathStep("point", lower))
            if roman_to_int(lower):
                choices.append(PathStep("subpoint", lower))
        options.append(choices or [PathStep("point", label.lower())])
    ids: list[str] = []
    for start in heads:
        for combo in itertools.product(*options) if options else [()]:
            path = tuple(start) + tuple(combo) + tuple(tail)
            if path:
                ids.append(passage_id(ref.doc_id, path, lang))
    if head and tail:  # "para. 11, footnote 4": a footnote numbered through the whole document
        ids.append(passage_id(ref.doc_id, tuple(tail), lang))
    return list(dict.fromkeys(ids))
