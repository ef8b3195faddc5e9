"""The passage record: one citable unit of a document (article, paragraph, point, footnote ...)."""

from __future__ import annotations

from dataclasses import dataclass

# Levels that are part of a pinpoint citation and of the passage id. Parts, chapters and
# sections only name themselves: "Article 6" is cited without its chapter.
CITED_KINDS = ("annex", "article", "paragraph", "point", "subpoint", "footnote")

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


def int_to_roman(number: int) -> str:
    out = []
    for value, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"),
                           (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


@dataclass(frozen=True)
class PathStep:
    kind: str  # preamble, part, chapter, section, annex, article, paragraph, point, subpoint, footnote, text
    label: str  # as normalised: "II", "6", "XIX", "III bis", "a", "iii", "7"

    def slug(self) -> str:
        label = self.label.lower().replace(" ", "-")
        if self.kind == "annex":
            number = roman_to_int(self.label)
            return f"annex-{number}" if number else ("annex" if not self.label else f"annex-{label}")
        prefix = {
            "preamble": "preamble", "part": "part-", "chapter": "ch-", "section": "sec-",
            "article": "art-", "footnote": "fn-",
        }.get(self.kind, "")
        if self.kind in ("preamble", "text"):
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

    @property
    def passage_id(self) -> str:
        return passage_id(self.doc_id, self.path, self.lang)


def passage_id(doc_id: str, path, lang: str = "en") -> str:
    """`c097/annex-2/art-4/2`: the cited levels of the path, or the unit itself.

    A paragraph directly under the document (the note's) is `para-11`; other languages
    than English are prefixed (`c097/nl/art-4`).
    """
    steps = [s for s in path if s.kind in CITED_KINDS] or list(path[-1:])
    if path and path[-1] not in steps:
        steps.append(path[-1])
    slugs = []
    for i, step in enumerate(steps):
        if step.kind == "paragraph" and not any(s.kind == "article" for s in steps[:i]):
            slugs.append(f"para-{step.label}")
        else:
            slugs.append(step.slug())
    prefix = [doc_id] + ([lang] if lang != "en" else [])
    return "/".join(prefix + slugs)


def article_key(passage_id: str) -> str:
    """The article-level unit a passage belongs to: `c097/annex-2/art-4/2` -> `c097/annex-2/art-4`."""
    parts = passage_id.split("/")
    keep = [parts[0]]
    for part in parts[1:]:
        keep.append(part)
        if not part.startswith("annex") and part != "nl":
            break
    return "/".join(keep)
