"""Citation strings, computed from a passage's path. The only place they are assembled.

>>> from indexer.passage import Passage, PathStep
>>> p = Passage("c097", (PathStep("annex", "II"), PathStep("article", "4"), PathStep("paragraph", "2")), "", 0)
>>> pinpoint(p.path)
'Annex II, Article 4(2)'
>>> pinpoint(p.path, short=True)
'Annex II, Art. 4(2)'
"""

from __future__ import annotations

from .catalogue import Entry
from .passage import Passage, PathStep

_NAMES = {
    "preamble": ("Preamble", "Preamble"),
    "part": ("Part", "Part"),
    "chapter": ("Chapter", "Ch."),
    "section": ("Section", "Sec."),
    "annex": ("Annex", "Annex"),
    "article": ("Article", "Art."),
    "paragraph": ("para.", "para."),
    "footnote": ("fn.", "fn."),
}


def pinpoint(path: tuple[PathStep, ...] | list[PathStep], short: bool = False) -> str:
    """The part of a citation after the document name: 'Annex II, Article 6(1)(b)'."""
    has_article = any(s.kind == "article" for s in path)
    cited = [s for s in path if s.kind in ("annex", "article", "paragraph", "point", "subpoint",
                                           "footnote", "preamble")]
    if not cited:  # a part, chapter or section cites itself
        cited = list(path[-1:])
    pieces: list[str] = []
    for step in cited:
        name = _NAMES.get(step.kind, ("", ""))[1 if short else 0]
        if step.kind in ("point", "subpoint") or (step.kind == "paragraph" and has_article):
            if pieces:
                pieces[-1] += f"({step.label})"
            else:
                pieces.append(f"({step.label})")
        elif step.kind == "paragraph" and pieces and pieces[-1].startswith("para."):
            pieces[-1] += f"({step.label})"
        elif step.kind == "preamble":
            pieces.append(name)
        else:
            pieces.append(f"{name} {step.label}".strip())
    return ", ".join(pieces)


def format_citation(passage: Passage, entry: Entry, short: bool = False) -> str:
    """'Migration for Employment Convention (Revised), 1949 (No. 97), Annex II, Article 4(2)'.

    Short form: 'C097, Annex II, Art. 4(2)'. Passages in another language than English
    carry it in brackets: '..., Article 4(2) [nl]'.
    """
    name = entry.short_title if short else entry.cite_as
    point = pinpoint(passage.path, short) if passage.kind != "text" else ""
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
