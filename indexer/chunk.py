"""Bounded chunks for a text without legal structure.

A document added with `--accept-unstructured` has no articles or paragraphs to cite. Kept
whole, a 2 MB text would be one passage that every common word matches and that every
snippet and highlight must read through. Such a text is cut into chunks of at most
`MAX_CHARS` characters, at a line end where possible, else at a sentence end, else at a
space, and each chunk is a citable unit: "A letter, chunk 12" (with its pages, where the
source has pages). A text that fits in one chunk stays one unit of kind "text", cited by
the document's name alone.
"""

from __future__ import annotations

import bisect
import re

from .passage import Passage, PathStep

MAX_CHARS = 2000
_SENTENCE_END = re.compile(r"[.;:?!][\"')\]]*(?=\s)")


def chunk_bounds(text: str, max_chars: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each chunk of `text`: at most `max_chars` (default MAX_CHARS) long,
    blank space between chunks left out, cut no earlier than half-way through a chunk."""
    max_chars = max_chars or MAX_CHARS
    bounds: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while True:
        while start < length and text[start].isspace():
            start += 1
        if start >= length:
            return bounds
        end = min(length, start + max_chars)
        if end < length:
            floor = start + max_chars // 2
            cut = text.rfind("\n", floor, end)
            if cut < 0:
                sentence = None
                for sentence in _SENTENCE_END.finditer(text, floor, end):
                    pass
                cut = sentence.end() if sentence else text.rfind(" ", floor, end)
            if cut > start:
                end = cut
        stop = end
        while stop > start and text[stop - 1].isspace():
            stop -= 1
        bounds.append((start, stop))
        start = end


def unstructured_passages(lines: list[tuple[str, int | None, int]], doc_id: str, lang: str) -> list[Passage]:
    """The passages of a text without structure. `lines`: (text, page, offset of the line
    in the cleaned text), in order."""
    text = "\n".join(line for line, _, _ in lines)
    starts, position = [], 0  # where each line begins in `text`
    for line, _, _ in lines:
        starts.append(position)
        position += len(line) + 1
    bounds = chunk_bounds(text)
    if len(bounds) <= 1:
        first, last = (bounds[0] if bounds else (0, 0))
        pages = tuple(sorted({page for _, page, _ in lines if page}))
        return [Passage(doc_id, (PathStep("text", ""),), text.strip(), 0, lang, None, pages,
                        _offset(lines, starts, first), _offset(lines, starts, last))]
    passages = []
    for number, (start, end) in enumerate(bounds, 1):
        first_line = bisect.bisect_right(starts, start) - 1
        last_line = bisect.bisect_right(starts, max(start, end - 1)) - 1
        pages = tuple(sorted({page for i in range(first_line, last_line + 1) if (page := lines[i][1])}))
        passages.append(Passage(doc_id, (PathStep("chunk", str(number)),), text[start:end], number - 1, lang,
                                None, pages, _offset(lines, starts, start), _offset(lines, starts, end)))
    return passages


def _offset(lines, starts: list[int], position: int) -> int:
    """A position in the joined text as an offset into the cleaned text."""
    if not lines:
        return 0
    index = max(0, bisect.bisect_right(starts, position) - 1)
    return lines[index][2] + position - starts[index]
