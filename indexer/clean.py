"""Cleaning: remove what is not the document and repair what text extraction broke.

- PDF pages: running headers and footers, page numbers, page-bottom footnotes (taken out
  of the running text, their glued markers "sovereignty.1 Yet" turned into markers);
- any format: boilerplate lines repeated through the file (a database's "in force" note);
- wrapped lines: end-of-line hyphenation ("Re-\\nvised" -> "Revised", "co-\\noperation"
  stays) and words glued together by tight justification ("servicesconnectedwith").
"""

from __future__ import annotations

import functools
import importlib.util
import os
import re
from collections import Counter

from .readers import Line, marker

_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*")
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?\s*(?:of\s+\d+)?\s*$", re.I)
_FOOTNOTE_START_RE = re.compile(r"^(\d{1,2})(?=[A-Za-z“\"‘'(])(.*)$")


def clean_pdf_pages(pages: list[str]) -> tuple[list[Line], dict]:
    """Page texts -> body lines and footnote lines, each with its page number.

    Page-bottom footnotes are found by their numbering: a line "4Towards a fair deal ..."
    starts footnote 4 only if 4 is the next footnote number and its call ("persecution.4")
    is found in the text before it. Everything after it on the page is footnote text.
    """
    page_lines = [[l.strip() for l in text.splitlines() if l.strip()] for text in pages]
    removed = _remove_running_lines(page_lines)
    lines: list[Line] = []
    expected = 1
    for number, body in enumerate(page_lines, 1):
        page_body = [Line(t, number) for t in body]
        notes_at = None
        for i, line in enumerate(body):
            match = _FOOTNOTE_START_RE.match(line)
            if match and i > 0 and int(match.group(1)) == expected and \
                    _mark_call(lines + page_body[:i], match.group(1)):
                notes_at = i
                break
        if notes_at is None:
            lines.extend(page_body)
            continue
        lines.extend(page_body[:notes_at])
        for index, line in enumerate(body[notes_at:]):
            match = _FOOTNOTE_START_RE.match(line)
            if match and int(match.group(1)) == expected and (index == 0 or _mark_call(lines, match.group(1))):
                lines.append(Line(match.group(2).strip(), number, footnote=match.group(1)))
                expected += 1
            else:
                lines.append(Line(line, number, continues_footnote=True))
    return lines, {"header_footer_lines_removed": removed, "footnotes": expected - 1}


def _mark_call(lines: list[Line], label: str) -> bool:
    """Turn the glued call of footnote `label` ("sovereignty.1 Yet") into a marker.

    Searches the latest body lines backwards (the call may sit on the previous page).
    Returns False where no call is found: then the candidate line is not a footnote.
    """
    pattern = re.compile(rf"(?<=[^\s\d])({label})(?=[\s,.;:]|$)|(?<=[”\"’)])\s+({label})(?=\s|$)")
    for line in reversed(lines[-80:]):
        if line.footnote is None and not line.continues_footnote and pattern.search(line.text):
            line.text = _replace_last(pattern, line.text, marker(label))
            return True
    return False


def _replace_last(pattern: re.Pattern, text: str, replacement: str) -> str:
    match = list(pattern.finditer(text))[-1]
    return text[:match.start()] + replacement + text[match.end():]


def _remove_running_lines(page_lines: list[list[str]]) -> int:
    """Drop page numbers and lines repeated at the top or bottom of many pages."""
    removed = 0
    if len(page_lines) >= 2:
        counts: Counter[str] = Counter()
        for body in page_lines:
            keys = {_edge_key(l) for l in body[:2] + body[-2:]}
            counts.update(keys)
        threshold = max(2, int(len(page_lines) * 0.4))
        running = {key for key, n in counts.items() if n >= threshold}
    else:
        running = set()
    for body in page_lines:
        for position in (0, 1, -1, -2):
            for _ in range(2):
                if not body:
                    break
                index = 0 if position >= 0 else len(body) - 1
                line = body[index]
                if _edge_key(line) in running or _PAGE_NUMBER_RE.match(line):
                    body.pop(index)
                    removed += 1
                else:
                    break
    return removed


def _edge_key(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def remove_boilerplate(lines: list[Line]) -> int:
    """Remove body lines (4+ words, no digits) repeated 3+ times: notes of the source
    database such as "Treedt in werking op een nader te bepalen tijdstip", not law."""
    counts = Counter(l.text for l in lines if not l.heading and not l.footnote)
    repeated = {t for t, n in counts.items()
                if n >= 3 and len(t.split()) >= 4 and not re.search(r"\d", t)}
    before = len(lines)
    lines[:] = [l for l in lines if l.heading or l.text not in repeated]
    return before - len(lines)


class Vocabulary:
    """The words of one document, to decide hyphenation and glued words by the document itself."""

    def __init__(self, texts):
        self.words: Counter[str] = Counter()
        self.compounds: Counter[str] = Counter()
        self.hyphens_repaired = 0  # counted by join_wrapped, for the quality report
        cut = False  # the previous line ended in a hyphenated fragment
        for text in texts:
            tokens = _WORD_RE.findall(text)
            if cut and tokens:
                tokens = tokens[1:]  # "grants" of "immi-/grants" is no word of its own
            cut = text.rstrip().endswith("-") and text.rstrip()[-2:-1].isalpha()
            if cut and tokens:
                tokens = tokens[:-1]
            for token in tokens:
                lower = token.lower()
                if "-" in lower:
                    self.compounds[lower] += 1
                    self.words.update(p for p in lower.split("-") if p)
                else:
                    self.words[lower] += 1

    def __contains__(self, word: str) -> bool:
        return word.lower() in self.words


def join_wrapped(text: str, line: str, vocab: Vocabulary) -> str:
    """Append a wrapped physical line, repairing end-of-line hyphenation."""
    match = re.search(r"([A-Za-zÀ-ÿ]+)-$", text)
    if not match or not line[:1].isalpha() or not line[:1].islower():
        return f"{text} {line}" if text else line
    head = match.group(1)
    tail = re.match(r"[A-Za-zÀ-ÿ]+", line).group(0)
    joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if hyphenated in vocab.compounds:
        return text + line  # "co-operation" is written so elsewhere: keep the hyphen
    if len(head) > 2 and len(tail) > 2 and joined not in vocab.words and \
            head.lower() in vocab.words and tail.lower() in vocab.words:
        return f"{text} {line}"  # "employment- and": a dash, not a hyphenation
    vocab.hyphens_repaired += 1
    return text[:-1] + line


def unglue(text: str, vocab: Vocabulary) -> tuple[str, int]:
    """Split tokens that are several of the document's words run together."""
    count = 0

    def split(match: re.Match) -> str:
        nonlocal count
        token = match.group(0)
        lower = token.lower()
        if len(token) < 14 or vocab.words[lower] >= 2 or lower in english_words():
            return token
        parts = _segment_words(token, vocab)
        if parts is None or len(parts) < 2:
            return token
        count += 1
        return " ".join(parts)

    return re.sub(r"[A-Za-z][a-z]+", split, text), count


@functools.cache
def english_words() -> frozenset[str]:
    """A general English lexicon: the 82,765-word frequency list that ships with symspellpy.

    Found without importing symspellpy and read in one pass (about 20 ms): a search that
    meets a rare word pays for it once.
    """
    spec = importlib.util.find_spec("symspellpy")
    path = os.path.join(spec.submodule_search_locations[0], "frequency_dictionary_en_82_765.txt")
    with open(path, encoding="utf-8") as handle:
        return frozenset(handle.read().split()[0::2])  # lines are "word count"


def _segment_words(token: str, vocab: Vocabulary) -> list[str] | None:
    """Fewest-words split of `token` into known words: the document's own (seen twice, or
    as a compound) or the English lexicon's."""
    lexicon = english_words()
    lower = token.lower()
    n = len(lower)
    best: list[list[str] | None] = [None] * (n + 1)
    best[0] = []
    for end in range(1, n + 1):
        for start in range(max(0, end - 24), end):
            if best[start] is None:
                continue
            piece = lower[start:end]
            known = vocab.compounds[piece] >= 2 or (piece in lexicon and (len(piece) > 1 or piece in "ai")) \
                or (vocab.words[piece] >= 2 and len(piece) > 1)
            if known and (best[end] is None or len(best[start]) + 1 < len(best[end])):
                best[end] = best[start] + [token[start:end]]
    return best[n]
