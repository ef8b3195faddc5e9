"""Formatting citations: the citation string of a passage, computed from its path. The only
place they are assembled (reading citations is `search/citations.py`; resolving a pasted
one, `lexmig cite`, is `search/sources.py: resolve_citation`).

A paragraph of a court's resolution is cited by its part's name: "Considerando 2", "Resolutivo 1".
A recital (a clause of a preamble) is "Recital 12" (EU usage), or "preambular para. 3"
in a UN resolution; an Act's section is "section 5AAA" ("s. 5AAA" short); an article's lettered
section is run on after its number, as lawyers cite the Refugee Convention: "Article 1A(2)"
("Art. 1A(2)" short), "Article 1F(b)".

>>> from lexmig.indexer.passage import Passage, PathStep
>>> p = Passage("c097", (PathStep("annex", "II"), PathStep("article", "4"), PathStep("paragraph", "2")), "", 0)
>>> pinpoint(p.path)
'Annex II, Article 4(2)'
>>> pinpoint(p.path, short=True)
'Annex II, Art. 4(2)'
>>> pinpoint((PathStep("article", "1"), PathStep("article-section", "A"), PathStep("paragraph", "2")), short=True)
'Art. 1A(2)'
>>> pinpoint((PathStep("appended", "Recommendation No. 146"), PathStep("chapter", "I"), PathStep("paragraph", "3")))
'Recommendation No. 146, para. 3'
>>> pinpoint((PathStep("resolution-part", "Considerando"), PathStep("paragraph", "2")))
'Considerando 2'
"""

from __future__ import annotations

import re

from .catalogue import Entry
from .kinds import ARTICLE_KINDS, POINT_KINDS
from .passage import Passage, PathStep, cited_steps, id_steps

_NAMES = {  # kind: (long name, short name)
    "preamble": ("Preamble", "Preamble"), "part": ("Part", "Part"), "book": ("Book", "Book"),
    "rule": ("Rule", "Rule"), "title": ("Title", "Title"),
    "chapter": ("Chapter", "Ch."), "section": ("Section", "Sec."), "division": ("Division", "Div."),
    "subdivision": ("Subdivision", "Subdiv."), "subpart": ("Subpart", "Subpt."), "annex": ("Annex", "Annex"),
    "article": ("Article", "Art."),
    "statute-section": ("section", "s."), "recital": ("Recital", "Recital"), "paragraph": ("para.", "para."),
    "footnote": ("fn.", "fn."), "chunk": ("chunk", "chunk"),  # chunk: a piece of a text without structure
    "heading": ("heading", "heading"),  # an unnumbered heading over sections, by its order: "heading 2"
}


# UN document symbols: "A/RES/73/7", "E/CN.4/1998/53", "S/23329", "TD/B/COM.1/EM.25/2".
_UN_SYMBOL_RE = re.compile(r"^(?:A|S|E|TD|ST)/(?:[A-Z0-9.]+/)*[A-Z0-9.]+\b")
_PREAMBULAR = ("preambular para.", "preambular para.")


def recital_style(entry: Entry | None) -> str:
    """'un' for a resolution or a UN document (preambular paragraphs), else 'eu' (recitals)."""
    if entry is not None and (entry.type == "resolution" or _UN_SYMBOL_RE.match(entry.symbol or "")):
        return "un"
    return "eu"


def pinpoint(path: tuple[PathStep, ...] | list[PathStep], short: bool = False, recitals: str = "eu") -> str:
    """The part of a citation after the document name: 'Annex II, Article 6(1)(b)'.

    `recitals` is the style of `recital_style`: 'Recital 12' or 'preambular para. 3'.
    """
    has_article = any(s.kind in ARTICLE_KINDS for s in path)
    named = cited_steps(path)
    cited = [s for s in path if s.kind == "preamble" or s in named]
    if any(s.kind == "recital" for s in cited):  # "Recital 3", not "Preamble, Recital 3"
        cited = [s for s in cited if s.kind != "preamble"]
    if path and path[-1] not in cited:  # a division cites itself with those it sits in, as its id names it
        cited = id_steps(path)
    pieces: list[str] = []
    previous = None
    for step in cited:
        after, previous = previous, step.kind
        names = _PREAMBULAR if step.kind == "recital" and recitals == "un" else _NAMES.get(step.kind, ("", ""))
        name = names[1 if short else 0]
        if step.kind == "article-section" and pieces:  # "Article 1A": the section's letter after the number
            pieces[-1] += step.label
        # A paragraph of an article is "Art. 4(2)"; of text appended to a section, "para. h".
        elif step.kind in POINT_KINDS or (step.kind == "paragraph" and has_article and after != "appended"):
            if pieces:
                pieces[-1] += f"({step.label})"
            else:
                pieces.append(f"({step.label})")
        elif step.kind == "paragraph" and after == "resolution-part":  # "Considerando 2", "Resolutivo 1"
            pieces[-1] += f" {step.label}"
        elif step.kind == "paragraph" and pieces and pieces[-1].startswith("para."):
            pieces[-1] += f"({step.label})"
        elif step.kind == "preamble":
            pieces.append(name)
        elif step.kind == "appended":  # an instrument in the same file cites by its name
            pieces.append(step.label)
        else:
            pieces.append(f"{name} {step.label}".strip())
    return ", ".join(pieces)


def format_citation(passage: Passage, entry: Entry, short: bool = False) -> str:
    """'Migration for Employment Convention (Revised), 1949 (No. 97), Annex II, Article 4(2)'.

    Short form: 'C097, Annex II, Art. 4(2)'. Passages in another language than English
    carry it in brackets: '..., Article 4(2) [nl]'.
    """
    name = entry.short_title if short else entry.cite_as
    point = pinpoint(passage.path, short, recital_style(entry)) if passage.kind != "text" else ""
    text = f"{name}, {point}" if point else name
    if passage.lang != "en":
        text += f" [{passage.lang}]"
    return text


def passage_json(passage: Passage, entry: Entry) -> dict:
    """The passage shape used by every --json output (documented in README.md)."""
    return {
        "doc_id": passage.doc_id,
        "passage_id": passage.passage_id,
        "path": [{"kind": s.kind, "label": s.label} for s in passage.path],
        "label": passage.label,
        "citation": format_citation(passage, entry),
        "short_citation": format_citation(passage, entry, short=True),
        "lang": passage.lang,
        "page": passage.page,
        "text": passage.text,
        "kind": passage.kind,
        "title": passage.title,
        "pages": list(passage.pages),
        "order": passage.order,
        "anchor": passage.anchor,
        "ocr": passage.ocr,
    }
