"""Rendering results: snippets with the matched words highlighted, human and JSON output.

Highlights mark the words as written in the passage (not their stems), and a run of
matched words ("transfer of earnings and savings") is one highlight. In plain output a
highlight is `**word**`; on a terminal it is coloured instead (never when NO_COLOR is set).
"""

from __future__ import annotations

import bisect
import os
import re
import textwrap

from lexmig.indexer.citation import format_citation, passage_json

from lexmig.indexer.thesaurus import analyzer

from .query import Highlight

MARK_START, MARK_END = "**", "**"
# Words too common to highlight alone (they may come from a thesaurus phrase).
_QUIET = frozenset("his her him their them they its he she which who this that".split())
SNIPPET_WORDS = 40
SCAN_CHARS = 20_000  # of a passage, read to choose its snippet


def use_colour(stream) -> bool:
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def highlight_spans(text: str, highlight: Highlight) -> list[tuple[int, int]]:
    """Character spans to mark: words of the query as written in `text`, and phrases of
    the query (typed or from the thesaurus) as one span each. Neighbouring marks that only
    stopwords separate merge, so "earnings and savings" is one highlight."""
    tokens = [(t.text, t.startchar, t.endchar, t.stopped)
              for t in analyzer()(text, chars=True, removestops=False)]
    spans: list[tuple[int, int]] = []
    for stem, start, end, stopped in tokens:
        if not stopped and stem in highlight.words and text[start:end].lower() not in _QUIET:
            spans.append((start, end))
    content = [(stem, start, end) for stem, start, end, stopped in tokens if not stopped]
    stems_only = [stem for stem, _, _ in content]
    for phrase in highlight.phrases:
        n = len(phrase)
        for i in range(len(content) - n + 1):
            if tuple(stems_only[i:i + n]) == phrase:
                spans.append((content[i][1], content[i + n - 1][2]))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and (start <= merged[-1][1] or
                       re.fullmatch(r"[\s\-–]*(?:(?:of|and|the|or|in|to)\s+)?", text[merged[-1][1]:start])):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def snippet(text: str, highlight: Highlight, words: int = SNIPPET_WORDS, full: bool = False) -> str:
    """The part of `text` with the most matched words, about `words` words long, marked.

    The window starts at the beginning of its sentence where that is close. Only the first
    SCAN_CHARS characters of a longer passage are read for it, so that one very large
    passage costs no more per hit than an ordinary one."""
    scanned = text if full else text[:SCAN_CHARS]
    spans = highlight_spans(scanned, highlight)
    if full:
        start, end = 0, len(text)
    else:
        bounds = [m.start() for m in re.finditer(r"\S+", scanned)]
        if not bounds or (len(bounds) <= words and len(scanned) == len(text)):
            start, end = 0, len(scanned)
        else:
            starts = [a for a, _ in spans]  # sorted
            best, best_count = 0, -1
            for i in range(0, max(1, len(bounds) - words + 1), 4):
                lo, hi = bounds[i], bounds[min(i + words, len(bounds)) - 1]
                count = bisect.bisect_right(starts, hi) - bisect.bisect_left(starts, lo)
                if count > best_count:
                    best, best_count = i, count
            first = best
            for back in range(best, max(-1, best - 15), -1):  # back to the sentence start
                if back == 0 or re.search(r"[.;:?!]\W*$", text[bounds[back - 1]:bounds[back]]):
                    first = back
                    break
            start = bounds[first]
            last = min(len(bounds), first + words)
            # Going back to the sentence start must not push the window's marks out of it.
            lo, hi = bounds[best], bounds[min(best + words, len(bounds)) - 1]
            marked = starts[bisect.bisect_left(starts, lo):bisect.bisect_right(starts, hi)]
            if marked:
                last = max(last, bisect.bisect_right(bounds, marked[-1]))
            end = bounds[last] if last < len(bounds) else len(scanned)
    out, position = [], start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        out.append(text[position:a])
        out.append(MARK_START + text[a:b] + MARK_END)
        position = b
    out.append(text[position:end])
    body = " ".join("".join(out).split())
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


def colourise(text: str) -> str:
    return re.sub(r"\*\*(.+?)\*\*", "\x1b[1;33m\\1\x1b[0m", text)


def hit_json(hit, catalogue, full: bool = False) -> dict:
    entry = catalogue.get(hit.passage.doc_id)
    data = passage_json(hit.passage, entry)
    data.update(rank=hit.rank, score=round(hit.score, 4), snippet=snippet(hit.passage.text, hit.terms, full=full),
                match=hit.match, subjects=hit.subjects)
    data["parent"] = None
    if hit.parent is not None:
        data["parent"] = {"passage_id": hit.parent.passage_id, "citation": format_citation(hit.parent, entry),
                          "title": hit.parent.title}
    if hit.explain is not None:
        data["explain"] = hit.explain
    return data


def result_json(result, catalogue, full: bool = False) -> dict:
    plan = result.plan
    return {
        "query": result.query,
        "corrected": plan.corrected if plan else None,
        "expansions": [e.to_json() for e in plan.expansions] if plan else [],
        "hits": [hit_json(h, catalogue, full) for h in result.hits],
    }


def format_hit(hit, catalogue, full: bool = False, colour: bool = False, context=()) -> list[str]:
    """The lines that show one hit to a person."""
    entry = catalogue.get(hit.passage.doc_id)
    passage = hit.passage
    head = f"{hit.rank:>2}. {format_citation(passage, entry)}"
    if passage.title and passage.kind not in ("paragraph", "point", "subpoint"):
        head += f" — {passage.title}"
    facts = [format_citation(passage, entry, short=True)]
    if passage.page:
        pages = passage.pages
        facts.append(f"p. {pages[0]}" + (f"-{pages[-1]}" if len(pages) > 1 else ""))
    if hit.parent is not None:
        label = "note to" if passage.kind == "footnote" else "in"
        facts.append(f"{label} {format_citation(hit.parent, entry, short=True)}"
                     + (f" ({hit.parent.title})" if hit.parent.title else ""))
    if hit.match == "citation":
        facts.append("the unit cited")
    lines = [_bold(head, colour), "    " + _dim(" · ".join(facts), colour)]
    for before in context[0] if context else ():
        lines.append("    " + _dim(f"[{format_citation(before, entry, short=True)}] " + _first_words(before.text), colour))
    text = snippet(passage.text, hit.terms, full=full)
    if colour:
        text = colourise(text)
    width = 96
    if full:
        for paragraph in text.split("\n"):
            lines.extend(textwrap.wrap(paragraph, width, initial_indent="    ", subsequent_indent="    ") or [""])
    else:
        lines.extend(textwrap.wrap(text, width, initial_indent="    ", subsequent_indent="    "))
    for after in context[1] if context else ():
        lines.append("    " + _dim(f"[{format_citation(after, entry, short=True)}] " + _first_words(after.text), colour))
    if hit.explain:
        lines.append("    " + _dim(_explain_line(hit.explain), colour))
        if hit.subjects:
            lines.append("    " + _dim("subjects: " + "; ".join(f"{s['name']} ({_why(s)})" for s in hit.subjects), colour))
    return lines


def _explain_line(explain: dict) -> str:
    parts = ", ".join(f"{k} {v}" for k, v in explain["parts"].items())
    fields = ", ".join(f"{k} {v}" for k, v in explain["fields"].items())
    line = f"score {explain['score']}: {parts}; by field: {fields}"
    if explain.get("collapsed_from"):
        line += f"; smallest unit inside {explain['collapsed_from']} holding every matched word"
    for subject in explain.get("subjects", ()):
        line += f"; subject '{subject['name']}': the query says '{subject['query']}', {_why(subject)}"
    return line


def _why(subject: dict) -> str:
    """Why a unit has a subject, in words (the rules of indexer.subjects)."""
    from lexmig.indexer.subjects import Assignment

    return Assignment(subject["name"], subject["rule"], subject["evidence"]).describe()


def _first_words(text: str, n: int = 14) -> str:
    words = text.split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def _bold(text: str, colour: bool) -> str:
    return f"\x1b[1m{text}\x1b[0m" if colour else text


def _dim(text: str, colour: bool) -> str:
    return f"\x1b[2m{text}\x1b[0m" if colour else text
