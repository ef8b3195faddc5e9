"""Segmentation: cleaned lines -> the document's legal structure -> citable passages.

One general recogniser for every document (no per-document code paths):

- divisions: parts, chapters (also a lone roman numeral heading), the note's sections
  ("III. Protection of migrant workers"), annexes with their own article numbering;
- articles: "Article 6", "ARTICLE XXVII", "Article III bis", "Artikel 4", titled or not;
- numbered paragraphs "1." / "1.This", lettered points "(a)", "a)", "a.", roman sub-points
  "(i)"; bullets stay in the text of the unit they follow;
- the preamble (the text before the first division, when it reads as one);
- footnotes: page-bottom bodies (anchored to the unit whose text carries the call) and
  footnotes printed inline (children of the unit they annotate).

Numbering decides where a marker belongs: "(b)" opens a point only where the nearest
container's last point is "(a)", so a wrapped PDF line that starts "(b) of Article 19"
stays text. Headings (Markdown, HTML) are trusted; bare lines (PDF) must continue a sequence.
A file holding a text followed by its translation is split where the language changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .clean import Vocabulary, join_wrapped, remove_boilerplate, unglue
from .ocr import flag_ocr_passages
from .passage import Passage, PathStep, passage_id, roman_to_int
from .readers import INLINE_NOTE_RE, MARKER_RE, Line, SourceText

_ARTICLE_RE = re.compile(
    r"^(?:Article|ARTICLE|Artikel|ARTIKEL|Art\.)\s+(\d+|[IVXLC]+)(?:\s*(bis|ter|quater|BIS|TER))?"
    r"\s*(?:[.:\-–—]\s*(.*)|)$")
_ANNEX_RE = re.compile(r"^(?:ANNEX|Annex|BIJLAGE|Bijlage)(?:\s+([IVXLC]+|\d+))?\s*$")
_DIVISION_RE = re.compile(
    r"^(PART|Part|DEEL|Deel|CHAPTER|Chapter|HOOFDSTUK|Hoofdstuk|SECTION|Section|AFDELING|Afdeling)"
    r"\s+([IVXLC]+|\d+)\s*(?:[.:\-–—]\s*(.*)|)$")
_LONE_ROMAN_RE = re.compile(r"^([IVXLC]+)(?:\.?|\s+([^.\s].*))$")  # "IV", "IV SLOTBEPALINGEN"
_SECTION_RE = re.compile(r"^([IVXLC]+)\.\s+(\S.{0,150})$")
_PARAGRAPH_RE = re.compile(r"^(\d{1,3})\.(?!\d)\s*([^\s\d].*)?$")
_POINT_RES = (re.compile(r"^\(([a-z])\)\s*(.*)$"), re.compile(r"^([a-z])\)\s*(.*)$"),
              re.compile(r"^([a-z])\.\s*([^\s.].*)$"))
_SUBPOINT_RES = (re.compile(r"^\(([ivx]+)\)\s*(.*)$"), re.compile(r"^([ivx]+)\)\s*(.*)$"),
                 re.compile(r"^\((\d{1,2})\)\s*(.*)$"))
_BULLET_RE = re.compile(r"^[-•–·]\s+(.*)$")
_PREAMBLE_WORD_RE = re.compile(r"^(?:Preamble|PREAMBLE|Preambule|Considerans)\b[\s.:]*")

_DIVISION_KINDS = {"part": "part", "deel": "part", "chapter": "chapter", "hoofdstuk": "chapter",
                   "section": "section", "afdeling": "section"}
# Rank in the tree: a new unit closes every open unit of the same or a lower rank.
_RANK = {"root": -1, "annex": 0, "part": 1, "chapter": 2, "section": 3, "preamble": 4, "article": 4,
         "paragraph": 5, "point": 6, "subpoint": 7, "footnote": 8}
_PROVISION_KINDS = ("article", "paragraph", "point", "subpoint", "preamble", "footnote")

_EN_WORDS = frozenset("the of and to shall be for or any by which with this that is are on as its "
                      "their from such has have may other".split())
_NL_WORDS = frozenset("de het van en een te voor zijn die dat wordt worden op met aan bij door "
                      "niet deze dit zal ter onder hun als ook".split())


@dataclass
class _Node:
    kind: str
    label: str = ""
    title: str | None = None
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)
    first_line: int | None = None
    last_line: int | None = None

    def last_child(self, kind: str) -> "_Node | None":
        for child in reversed(self.children):
            if child.kind == kind:
                return child
        return None

    def touch(self, index: int, page: int | None):
        if self.first_line is None:
            self.first_line = index
        self.last_line = index
        if page is not None:
            self.pages.add(page)


@dataclass
class Segmentation:
    passages: list[Passage]
    cleaned: str  # the cleaned text; passages' start/end are offsets into it
    stats: dict


def segment(source: SourceText, doc_id: str, allow_unstructured: bool = False) -> Segmentation:
    """Find the structure of a read document and return its passages in document order.

    A text in which no structure is found yields no passages, unless `allow_unstructured`:
    then it is one unit of kind "text"."""
    lines = [_normalise(line) for line in source.lines]
    boilerplate = 0 if source.wrapped else remove_boilerplate(lines)
    vocab = Vocabulary(l.text for l in lines)
    offsets, cleaned = _offsets(lines)
    passages: list[Passage] = []
    glued = 0
    for lang, start, end in split_languages(lines):
        builder = _Builder(lines, start, end, source.wrapped, vocab)
        root = builder.build()
        if source.wrapped:
            builder.unglue_all()
        glued += builder.glued
        passages.extend(_passages(root, doc_id, lang, offsets, lines, len(passages)))
    kinds: dict[str, int] = {}
    for p in passages:
        kinds[f"{p.kind}:{p.lang}"] = kinds.get(f"{p.kind}:{p.lang}", 0) + 1
    if not passages and allow_unstructured and cleaned.strip():
        # No structure at all: the whole text is one unit, cited by the document's name.
        text = "\n".join(_strip_notes(l.text) for l in lines if not l.footnote and not l.continues_footnote)
        pages = tuple(sorted({l.page for l in lines if l.page}))
        passages = [Passage(doc_id, (PathStep("text", ""),), text.strip(), 0, split_languages(lines)[0][0],
                            None, pages, 0, len(cleaned))]
        kinds = {f"text:{passages[0].lang}": 1}
    stats = dict(source.stats, boilerplate_lines_removed=boilerplate, glued_words_split=glued,
                 hyphenations_repaired=vocab.hyphens_repaired, units=kinds, characters=len(cleaned),
                 structured=any(p.kind not in ("preamble", "text") for p in passages))
    passages = flag_ocr_passages(passages, source.stats.get("ocr_pages"))
    return Segmentation(passages, cleaned, stats)


def _normalise(line: Line) -> Line:
    """Typographic apostrophes as plain ones, so that "women’s" finds "women's"."""
    text = line.text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00ad", "")
    return Line(text, line.page, line.heading, line.footnote, line.continues_footnote)


def _offsets(lines: list[Line]) -> tuple[list[tuple[int, int]], str]:
    spans, parts, position = [], [], 0
    for line in lines:
        text = _strip_notes(line.text)
        spans.append((position, position + len(text)))
        parts.append(text)
        position += len(text) + 1
    return spans, "\n".join(parts)


def _strip_notes(text: str) -> str:
    return INLINE_NOTE_RE.sub("", MARKER_RE.sub("", text))


def _language_score(text: str) -> int:
    words = re.findall(r"[a-zà-ÿ]+", text.lower())
    return sum(w in _EN_WORDS for w in words) - sum(w in _NL_WORDS for w in words)


def split_languages(lines: list[Line]) -> list[tuple[str, int, int]]:
    """[(lang, start, end)]: where a heading starts a run of text in the other language.

    The cut is the heading that best separates English before it from Dutch after it
    (maximum of score-before minus score-after); no cut when the tail is not clearly Dutch.
    """
    scores = [_language_score(l.text) for l in lines]
    total = sum(scores)
    best, best_gain, before = None, 0, 0
    for i, line in enumerate(lines):
        if line.heading and not _is_structural(line.text) and i > 0:
            after = total - before
            if after < -30 and before > 30 and before - after > best_gain:
                best, best_gain = i, before - after
        before += scores[i]
    if best is None:
        return [("en" if total >= 0 else "nl", 0, len(lines))]
    return [("en", 0, best), ("nl", best, len(lines))]


def _is_structural(text: str) -> bool:
    return bool(_ARTICLE_RE.match(text) or _ANNEX_RE.match(text) or _DIVISION_RE.match(text)
                or _LONE_ROMAN_RE.match(text))


class _Builder:
    """Walks the lines of one language and builds the tree of units."""

    def __init__(self, lines: list[Line], start: int, end: int, wrapped: bool, vocab: Vocabulary):
        self.lines, self.start, self.end = lines, start, end
        self.wrapped, self.vocab = wrapped, vocab
        self.root = _Node("root")
        self.current = self.root
        self.front: list[tuple[int, Line]] = []  # text before the first division
        self.started = False
        self.last_paragraph = 0  # the last paragraph number outside articles (the note's 1-25)
        self.footnote: _Node | None = None
        self.glued = 0

    # -- the walk ----------------------------------------------------------------------

    def build(self) -> _Node:
        for index in range(self.start, self.end):
            line = self.lines[index]
            text = line.text.strip()
            if not text:
                continue
            if line.footnote is not None:
                self.footnote = _Node("footnote", line.footnote, parent=self.root)
                self.root.children.append(self.footnote)
                self._add_text(self.footnote, text, index, line.page)
                continue
            if line.continues_footnote:
                target = self.footnote or self.root.last_child("footnote")
                if target is not None:
                    self._add_text(target, text, index, line.page)
                continue
            if not self._structure(text, line, index):
                self._text(text, line, index)
        self._finish_front()
        if any(n.kind == "section" for n in self.root.children):
            # A policy paper's front matter is its title page, not a preamble.
            self.root.children = [n for n in self.root.children if n.kind != "preamble"]
        return self.root

    def _structure(self, text: str, line: Line, index: int) -> bool:
        heading = line.heading > 0
        page = line.page
        match = _ANNEX_RE.match(text)
        if match:
            self._open("annex", _roman_label(match.group(1) or ""), index, page, self.root)
            return True
        match = _DIVISION_RE.match(text)
        if match and (heading or not match.group(3)):
            kind = _DIVISION_KINDS[match.group(1).lower()]
            node = self._open(kind, _roman_label(match.group(2)), index, page, self._division_parent(kind))
            node.title = match.group(3) or None
            return True
        match = _LONE_ROMAN_RE.match(text)
        if heading and match:
            node = self._open("chapter", _roman_label(match.group(1)), index, page,
                              self._division_parent("chapter"))
            node.title = match.group(2) or None
            return True
        match = _ARTICLE_RE.match(text)
        if match and (heading or not match.group(3)):
            label = match.group(1) + (f" {match.group(2).lower()}" if match.group(2) else "")
            if heading or self._next_article(label):
                node = self._open("article", label, index, page, self._article_parent())
                node.title = match.group(3) or None
                return True
        match = _SECTION_RE.match(text)
        if match and not _PARAGRAPH_RE.match(text) and (heading or self._next_section(match)):
            node = self._open("section", match.group(1), index, page, self._division_parent("section"))
            node.title = match.group(2).strip()
            return True
        if heading:
            return self._heading_title(text)
        match = _PARAGRAPH_RE.match(text)
        if match and self.started:
            parent = self._paragraph_parent(int(match.group(1)))
            if parent is not None:
                self._open("paragraph", match.group(1), index, page, parent, match.group(2))
                if not self._in_article(parent):
                    self.last_paragraph = int(match.group(1))
                return True
        elif match and not self.started and int(match.group(1)) == 1 and not self.wrapped:
            self._finish_front()
            self.started = True
            self._open("paragraph", "1", index, page, self.root, match.group(2))
            self.last_paragraph = 1
            return True
        if self.started:
            return self._point(text, index, page)
        return False

    def _point(self, text: str, index: int, page: int | None) -> bool:
        for regex in _POINT_RES:
            match = regex.match(text)
            if match:
                parent = self._point_parent(match.group(1))
                if parent is not None:
                    self._open("point", match.group(1), index, page, parent, match.group(2))
                    return True
        for regex in _SUBPOINT_RES:
            match = regex.match(text)
            if match:
                parent = self._subpoint_parent(match.group(1))
                if parent is not None:
                    self._open("subpoint", match.group(1), index, page, parent, match.group(2))
                    return True
        return False

    def _heading_title(self, text: str) -> bool:
        """A heading right after a division or article heading is its title."""
        node = self.current
        if node is not self.root and node.kind != "preamble" and not node.lines and \
                not node.children and node.title is None:
            node.title = text
            return True
        if not self.started:
            return True  # a title of the document: the catalogue has it
        return False

    def _text(self, text: str, line: Line, index: int):
        if not self.started:
            self.front.append((index, line))
            return
        split = self._inline_paragraph(text)
        if split:  # "... international instrument. 3. In so far as ...": a paragraph run in
            self._text(text[:split].rstrip(), line, index)
            rest = text[split:].lstrip()
            if not self._structure(rest, line, index):
                self._text(rest, line, index)
            return
        node = self.current
        if self.wrapped and node.kind in ("annex", "part", "chapter", "section") and \
                not node.children and (node.title is None or not node.title.endswith((".", ";", ":"))):
            node.title = join_wrapped(node.title, text, self.vocab) if node.title else text
            node.touch(index, line.page)
            return
        bullet = _BULLET_RE.match(text)
        if bullet:
            text = "- " + bullet.group(1)
            node.lines.append(text)
            node.touch(index, line.page)
            return
        self._add_text(node, text, index, line.page)

    def _inline_paragraph(self, text: str) -> int | None:
        """Where a converter ran the next numbered paragraph into the text before it, the
        offset at which it starts; only the number that continues the article's paragraphs."""
        article = self.current
        while article is not None and article.kind != "article":
            article = article.parent
        last = article.last_child("paragraph") if article is not None else None
        if last is None:
            return None
        match = re.search(rf"(?<=[.;:])\s+({int(last.label) + 1})\.(?=\s+[A-Z]|\s*$)", text)
        return match.start() if match else None

    def _add_text(self, node: _Node, text: str, index: int, page: int | None):
        last = node.lines[-1] if node.lines else None
        if last is not None and self.wrapped:
            node.lines[-1] = join_wrapped(last, text, self.vocab)
        elif last is not None and not last.startswith("- ") and _continues(last, text):
            node.lines[-1] = f"{last} {text}"
        else:
            node.lines.append(text)
        node.touch(index, page)

    def unglue_all(self, node: _Node | None = None):
        """Split words glued by tight justification, in every unit's text (PDF only)."""
        node = node or self.root
        if node.title:
            node.title, count = unglue(node.title, self.vocab)
            self.glued += count
        for i, text in enumerate(node.lines):
            node.lines[i], count = unglue(text, self.vocab)
            self.glued += count
        for child in node.children:
            self.unglue_all(child)

    # -- opening units --------------------------------------------------------------------

    def _open(self, kind: str, label: str, index: int, page: int | None, parent: _Node,
              text: str | None = None) -> _Node:
        if not self.started:
            self._finish_front()
            self.started = True
        node = _Node(kind, label, parent=parent)
        parent.children.append(node)
        node.touch(index, page)
        self.current = node
        self.footnote = None
        if text:
            text = text.strip()
            split = self._inline_paragraph(text)
            node.lines.append(text[:split].rstrip() if split else text)
            if split:
                rest = text[split:].lstrip()
                line = self.lines[index]
                if not self._structure(rest, line, index):
                    self._text(rest, line, index)
        return node

    def _finish_front(self):
        """The text before the first division: a preamble when it reads as one."""
        if self.started or not self.front:
            self.front = []
            return
        # Title lines come first ("Verdrag betreffende ...", "INTERNATIONAL LABOUR CONFERENCE",
        # "CONVENTION 97"): the preamble starts after the last line in capitals near the top.
        front = self.front
        capitals = [n for n, (_, l) in enumerate(front[:8]) if re.fullmatch(r"[^a-z]{1,60}", l.text.strip())]
        if capitals:
            front = front[capitals[-1] + 1:]
        if sum(len(line.text.split()) for _, line in front) >= 40:
            node = _Node("preamble", "", parent=self.root)
            self.root.children.append(node)
            for index, line in front:
                self._add_text(node, _PREAMBLE_WORD_RE.sub("", line.text.strip()), index, line.page)
        self.front = []

    def _division_parent(self, kind: str) -> _Node:
        node = self.current
        while node is not self.root and _RANK[node.kind] >= _RANK[kind]:
            node = node.parent
        if node.kind not in ("root", "annex", "part", "chapter", "section"):
            node = self._nearest(node, ("root", "annex", "part", "chapter", "section"))
        return node

    def _article_parent(self) -> _Node:
        return self._division_parent("article")

    def _nearest(self, node: _Node, kinds) -> _Node:
        while node.kind not in kinds:
            node = node.parent
        return node

    def _scope(self) -> _Node:
        """The container whose articles are numbered together: an annex or the document."""
        return self._nearest(self.current, ("annex", "root"))

    def _articles_in(self, scope: _Node) -> list[_Node]:
        found = []
        stack = list(scope.children)
        while stack:
            node = stack.pop(0)
            if node.kind == "article":
                found.append(node)
            elif node.kind in ("part", "chapter", "section"):
                stack[:0] = node.children
        return found

    def _next_article(self, label: str) -> bool:
        articles = self._articles_in(self._scope())
        if not articles:
            return _number(label) == 1
        last = articles[-1].label
        if label.endswith((" bis", " ter", " quater")):
            return label.split()[0] == last.split()[0]
        return _number(label) == _number(last.split()[0]) + 1

    def _next_section(self, match: re.Match) -> bool:
        title = match.group(2)
        if title.endswith(".") or len(title.split()) > 14:
            return False
        sections = [n for n in self._all(self.root) if n.kind == "section"]
        want = roman_to_int(sections[-1].label) + 1 if sections else 1
        return roman_to_int(match.group(1)) == want

    def _all(self, node: _Node):
        for child in node.children:
            yield child
            yield from self._all(child)

    def _in_article(self, node: _Node) -> bool:
        while node is not None:
            if node.kind == "article":
                return True
            node = node.parent
        return False

    def _paragraph_parent(self, number: int) -> _Node | None:
        """The nearest container in which paragraph `number` continues the numbering."""
        node = self.current
        while node is not None:
            if node.kind in ("article", "section", "chapter", "part", "annex", "root"):
                last = node.last_child("paragraph")
                if last is not None:
                    return node if int(last.label) + 1 == number else None
                if number == 1:
                    return node
                if not self._in_article(node) and number == self.last_paragraph + 1:
                    return node
                if node.kind == "article":
                    return None
            node = node.parent
        return None

    def _point_parent(self, letter: str) -> _Node | None:
        node = self.current
        while node is not None and node.kind != "root":
            if node.kind in ("paragraph", "article", "preamble"):
                last = node.last_child("point")
                if last is None:
                    return node if letter == "a" else None
                return node if ord(letter) == ord(last.label) + 1 else None
            node = node.parent
        return None

    def _subpoint_parent(self, numeral: str) -> _Node | None:
        node = self.current
        while node is not None and node.kind != "root":
            if node.kind in ("point", "paragraph", "article"):
                last = node.last_child("subpoint")
                want = _number(last.label) + 1 if last else 1
                if _number(numeral) == want:
                    return node
                if node.kind != "point" or last is not None:
                    return None
            node = node.parent
        return None


def _continues(previous: str, text: str) -> bool:
    """A logical line that goes on with the previous one (text cut by a page break)."""
    return text[:1].islower() and not previous.rstrip().endswith((".", ";", ":", "?", "!"))


def _roman_label(label: str) -> str:
    return label.upper() if roman_to_int(label) else label


def _number(label: str) -> int:
    head = label.split()[0]
    return int(head) if head.isdigit() else (roman_to_int(head) or 0)


# -- the tree -> passages --------------------------------------------------------------------

_PREFIX = {"paragraph": "{}. ", "point": "({}) ", "subpoint": "({}) "}


def _passages(root: _Node, doc_id: str, lang: str, offsets, lines, order: int) -> list[Passage]:
    out: list[Passage] = []
    anchors: dict[str, str] = {}
    inline: dict[int, list[tuple[str, str]]] = {}

    def own_text(node: _Node) -> str:
        text = "\n".join(node.lines)
        notes = INLINE_NOTE_RE.findall(text)
        if notes:
            inline[id(node)] = notes
        return re.sub(r"[ \t]+", " ", _strip_notes(text)).strip()

    def full_text(node: _Node) -> str:
        parts = [own_text(node)] if node.lines else []
        if node.kind in ("article", "paragraph", "point", "subpoint"):
            for child in node.children:
                if child.kind in _PREFIX:
                    parts.append(_PREFIX[child.kind].format(child.label) + full_text(child))
        return "\n".join(p for p in parts if p)

    def pages_of(node: _Node) -> set[int]:
        pages = set(node.pages)
        if node.kind in _PROVISION_KINDS:
            for child in node.children:
                pages |= pages_of(child)
        return pages

    def span(node: _Node) -> tuple[int, int]:
        first, last = node.first_line, node.last_line
        for child in node.children:
            if node.kind in _PROVISION_KINDS and child.last_line is not None:
                last = max(last, child.last_line)
        return offsets[first][0], offsets[last][1]

    def walk(node: _Node, path: tuple[PathStep, ...]):
        nonlocal order
        for child in node.children:
            step = PathStep(child.kind, child.label)
            child_path = (step,) if child.kind == "footnote" and node is root else path + (step,)
            text = full_text(child)
            for label in MARKER_RE.findall("\n".join(child.lines)):
                if not anchors.get(label):
                    anchors[label] = passage_id(doc_id, child_path, lang)
            start, end = span(child)
            title = " ".join(_strip_notes(child.title).split()) if child.title else None
            out.append(Passage(doc_id, child_path, text, order, lang, title,
                               tuple(sorted(pages_of(child))), start, end))
            order += 1
            for label, note in inline.pop(id(child), []):
                note_path = child_path + (PathStep("footnote", label),)
                out.append(Passage(doc_id, note_path, " ".join(note.split()), order, lang, None,
                                   tuple(sorted(child.pages)), start, end,
                                   anchor=passage_id(doc_id, child_path, lang)))
                order += 1
            walk(child, child_path)

    walk(root, ())
    # Page-bottom footnotes learn their anchor once the whole text has been walked.
    return [
        Passage(p.doc_id, p.path, p.text, p.order, p.lang, p.title, p.pages, p.start, p.end,
                anchors.get(p.label) or None)
        if p.kind == "footnote" and len(p.path) == 1 else p
        for p in out
    ]
