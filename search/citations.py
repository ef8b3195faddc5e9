"""Citations typed by people: "C97 art. 6(1)(b)", "Convention No. 97, Annex II, Article 4",
"GATS Article XIX", "ets093 art 12(1)", "note para 11", "footnote 7 of the note".

`find_citation` finds a document reference and a pinpoint in free text; `candidate_ids`
turns it into the passage ids it may denote (the index decides which exist).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from indexer.catalogue import Catalogue, normalise_name
from indexer.passage import PathStep, passage_id, roman_to_int

_ROMAN = r"[IVXLCivxlc]+"
_GROUPS = r"((?:\s*\(\s*[0-9a-zA-Z]{1,5}\s*\))*)"
_ANNEX_RE = re.compile(rf"\bannex\s+({_ROMAN}|\d+)\b", re.I)
_ARTICLE_RE = re.compile(rf"\b(?:articles?|arts?\.?|artikel)\s*(\d+|{_ROMAN})\b(?:\s*(bis|ter|quater)\b)?{_GROUPS}", re.I)
_PARAGRAPH_RE = re.compile(rf"(?:\bpara(?:graph)?s?\.?|¶)\s*(\d+){_GROUPS}", re.I)
_FOOTNOTE_RE = re.compile(r"\b(?:footnote|fn\.?)\s*(\d+)\b", re.I)
_PREAMBLE_RE = re.compile(r"\bpreamble\b", re.I)
# A clause of a preamble: "Recital 12", "preambular para. 3" (not the operative para. 3).
_RECITAL_RE = re.compile(r"\b(?:recital|preambular\s+para(?:graph)?\.?)\s*(\d+)\b", re.I)
_CHUNK_RE = re.compile(r"\bchunk\s+(\d+)\b", re.I)  # a piece of a text without structure (indexer.chunk)
_DIVISION_RE = re.compile(rf"\b(chapter|part|section)\s+({_ROMAN}|\d+)\b", re.I)
# Numbered instruments written the way people write them: "C97", "C 181", "R86", "ETS 93".
_NUMBERED_RE = re.compile(r"\b(C|R|ETS|CETS)\s?(?:No\.?\s*)?0*(\d{1,3})\b", re.I)
_CONVENTION_NO_RE = re.compile(r"\b(?:ILO\s+)?(Convention|Recommendation)\s+(?:No\.?\s*)?0*(\d{1,3})\b", re.I)


@dataclass(frozen=True)
class CitationRef:
    """A citation found in a query: its document, the pinpoint asked for, and where it stood."""

    doc_id: str
    steps: tuple[PathStep, ...]
    spans: tuple[tuple[int, int], ...]  # the characters of the query that make the citation

    def remainder(self, query: str) -> str:
        """The query without the citation's words."""
        keep = [c for i, c in enumerate(query) if not any(a <= i < b for a, b in self.spans)]
        text = "".join(keep)
        text = re.sub(r"\b(of|in|the)\b(?=\s*(,|$))", " ", text, flags=re.I)
        return " ".join(text.replace(",", " ").split())

    def describe(self) -> str:
        """The pinpoint as asked for: "Annex II, Article 4(2)", "para. 11", "fn. 7"."""
        from indexer.cite import pinpoint

        main = [s for s in self.steps if s.kind != "sub"]
        text = pinpoint(main) if main else ""
        subs = "".join(f"({s.label})" for s in self.steps if s.kind == "sub")
        if subs:
            head, _, tail = text.partition(", fn.")
            text = head + subs + (f", fn.{tail}" if tail else "")
        return text


_TOKEN_RE = re.compile(r"[^\s.,:;()\"']+")  # the words normalise_name keeps


def find_document(query: str, catalogue: Catalogue) -> tuple[str, tuple[int, int]] | None:
    """The catalogue document a query names, and where: the longest name wins."""
    found: list[tuple[int, int, str]] = []
    for match in _NUMBERED_RE.finditer(query):
        prefix = {"c": "c", "r": "r", "ets": "ets", "cets": "ets"}[match.group(1).lower()]
        doc_id = f"{prefix}{int(match.group(2)):03d}"
        if doc_id in catalogue:
            found.append((match.start(), match.end(), doc_id))
    for match in _CONVENTION_NO_RE.finditer(query):
        doc_id = f"{match.group(1)[0].lower()}{int(match.group(2)):03d}"
        if doc_id in catalogue:
            found.append((match.start(), match.end(), doc_id))
    # Every run of words is looked up among the normalised names (ids, short titles, aliases).
    names = catalogue.names()
    longest = max((len(n.split()) for n in names), default=0)
    tokens = list(_TOKEN_RE.finditer(query))
    words = [normalise_name(t.group(0)) for t in tokens]
    for i in range(len(tokens)):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            doc_id = names.get(" ".join(words[i:i + n]))
            if doc_id:
                found.append((tokens[i].start(), tokens[i + n - 1].end(), doc_id))
                break
    if not found:
        return None
    start, end, doc_id = max(found, key=lambda f: (f[1] - f[0], -f[0]))
    return doc_id, (start, end)


def _group_labels(groups: str) -> list[str]:
    return re.findall(r"\(\s*([0-9a-zA-Z]{1,5})\s*\)", groups or "")


def find_citation(query: str, catalogue: Catalogue) -> CitationRef | None:
    """A pinpoint citation in `query`, or None when it names no unit of a document."""
    document = find_document(query, catalogue)
    if document is None:
        return None
    doc_id, doc_span = document
    spans = [doc_span]
    steps: list[PathStep] = []
    annex = _ANNEX_RE.search(query)
    if annex:
        label = annex.group(1)
        steps.append(PathStep("annex", label.upper() if roman_to_int(label) else label))
        spans.append(annex.span())
    article = _ARTICLE_RE.search(query)
    recital = _RECITAL_RE.search(query)
    paragraph = None if recital else _PARAGRAPH_RE.search(query)
    footnote = _FOOTNOTE_RE.search(query)
    if recital and not article:
        steps.append(PathStep("recital", recital.group(1)))
        spans.append(recital.span())
    elif article:
        label = article.group(1)
        label = label.upper() if not label.isdigit() else label
        if article.group(2):
            label += " " + article.group(2).lower()
        steps.append(PathStep("article", label))
        steps.extend(PathStep("sub", g) for g in _group_labels(article.group(3)))
        spans.append(article.span())
    elif paragraph:
        steps.append(PathStep("paragraph", paragraph.group(1)))
        steps.extend(PathStep("sub", g) for g in _group_labels(paragraph.group(2)))
        spans.append(paragraph.span())
    elif _PREAMBLE_RE.search(query):
        steps.append(PathStep("preamble", ""))
        spans.append(_PREAMBLE_RE.search(query).span())
    elif _CHUNK_RE.search(query):
        chunk = _CHUNK_RE.search(query)
        steps.append(PathStep("chunk", chunk.group(1)))
        spans.append(chunk.span())
    elif not annex:
        division = _DIVISION_RE.search(query)
        if division:
            label = division.group(2)
            steps.append(PathStep(division.group(1).lower(), label.upper() if roman_to_int(label) else label))
            spans.append(division.span())
    if footnote and not (paragraph and footnote.start() == paragraph.start()):
        steps.append(PathStep("footnote", footnote.group(1)))
        spans.append(footnote.span())
        if footnote.start() < doc_span[0]:  # "footnote 7 of the note"
            between = query[footnote.end():doc_span[0]]
            if re.fullmatch(r"\s*(of|in)?\s*(the)?\s*", between, re.I):
                spans.append((footnote.end(), doc_span[0]))
    if not steps:
        return None
    return CitationRef(doc_id, tuple(steps), tuple(spans))


def candidate_ids(ref: CitationRef, lang: str = "en") -> list[str]:
    """The passage ids a citation may denote, most likely first.

    Parenthesised groups are read by their form: digits a paragraph, a letter a point,
    a roman numeral a sub-point or a point ("(i)" may be either).
    """
    fixed = [s for s in ref.steps if s.kind != "sub"]
    subs = [s.label for s in ref.steps if s.kind == "sub"]
    head = [s for s in fixed if s.kind != "footnote"]
    tail = [s for s in fixed if s.kind == "footnote"]
    options: list[list[PathStep]] = []
    for i, label in enumerate(subs):
        choices = []
        if label.isdigit():
            in_article = any(s.kind == "article" for s in head)
            choices.append(PathStep("paragraph" if in_article and i == 0 else "subpoint", label))
        else:
            lower = label.lower()
            if len(lower) == 1:
                choices.append(PathStep("point", lower))
            if roman_to_int(lower):
                choices.append(PathStep("subpoint", lower))
        options.append(choices or [PathStep("point", label.lower())])
    ids: list[str] = []
    for combo in itertools.product(*options) if options else [()]:
        path = tuple(head) + tuple(combo) + tuple(tail)
        if path:
            ids.append(passage_id(ref.doc_id, path, lang))
    return list(dict.fromkeys(ids))
