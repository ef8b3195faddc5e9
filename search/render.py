"""Rendering: everything a command prints, human lines and JSON, built from the library's
records (the CLI only parses options, calls the library and prints what these return).

Search hits are shown as snippets with the matched words highlighted. Highlights mark
the words as written in the passage (not their stems), and a run of matched words
("transfer of earnings and savings") is one highlight. In plain output a highlight is
`**word**`; on a terminal it is coloured instead (never when NO_COLOR is set).
"""

from __future__ import annotations

import bisect
import json
import re
import textwrap
from typing import TYPE_CHECKING

from lexmig.indexer import settings
from lexmig.indexer.citation import format_citation, passage_json
from lexmig.indexer.kinds import POINT_KINDS, SUBUNIT_KINDS

if TYPE_CHECKING:  # the query parser and analyzers are imported by the commands that search
    from .query import Highlight

MARK_START, MARK_END = "**", "**"
# Words too common to highlight alone (they may come from a thesaurus phrase).
_QUIET = frozenset("his her him their them they its he she which who this that".split())
SNIPPET_WORDS = 40
SCAN_CHARS = 20_000  # of a passage, read to choose its snippet


def use_colour(stream) -> bool:
    return stream.isatty() and settings.colour_allowed()


def highlight_spans(text: str, highlight: Highlight) -> list[tuple[int, int]]:
    """Character spans to mark: words of the query as written in `text`, and phrases of
    the query (typed or from the thesaurus) as one span each. Neighbouring marks that only
    stopwords separate merge, so "earnings and savings" is one highlight."""
    from lexmig.indexer.thesaurus import analyzer

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
        "notes": list(result.notes),  # what the text output says before the hits
        "hits": [hit_json(h, catalogue, full) for h in result.hits],
    }


def format_hit(hit, catalogue, full: bool = False, colour: bool = False, context=()) -> list[str]:
    """The lines that show one hit to a person."""
    entry = catalogue.get(hit.passage.doc_id)
    passage = hit.passage
    head = f"{hit.rank:>2}. {format_citation(passage, entry)}"
    if passage.title and passage.kind not in SUBUNIT_KINDS:
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
    if explain.get("named"):
        named = explain["named"]
        line += f"; named x{named['factor']}: the query " + ("names its instrument" if named["by"] == "name" else
                                                              "describes a few instruments, its own among them")
    if explain.get("proximity"):
        line += f"; proximity x{explain['proximity']}: the query's concepts close together in it"
    if explain.get("focus"):
        line += f"; instrument focus x{explain['focus']}: its instrument's title names " + \
            ("a subject the query asks" if explain["focus"] > 1 else "other subjects than the query asks")
    if explain.get("within"):
        line += f"; within its instrument, {explain['within']}"
    feedback = explain.get("feedback")
    if feedback:
        reasons = [f"filed under {' and '.join(repr(n) for n in names)}, {why}" for names, why in (
            (feedback["shared"], "as the first hit is"), (feedback.get("asked", ()), "as the query asks"))
            if names]
        if feedback.get("family"):
            reasons.append(f"of the first hit's family ({feedback['family']})")
        line += f"; subject feedback x{feedback['factor']}: {'; '.join(reasons)}"
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


# -- what each command prints ------------------------------------------------------------------
# Human lines (lists of str, one per printed line) and JSON objects, built from the library's
# records; the CLI only chooses which to print and the exit code.


def json_text(data, ascii_only: bool = False) -> str:
    """The one JSON layout of every --json output."""
    return json.dumps(data, indent=2, ensure_ascii=ascii_only)


def counted(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def citation(passage, catalogue) -> str:
    return format_citation(passage, catalogue.get(passage.doc_id))


def _titled(text: str, passage) -> str:
    return text + (f" — {passage.title}" if passage.title else "")


# fetch, add, update, remove, verify, index

def fetch_line(result) -> str:
    """One document of `lexmig fetch`: installed (from where, how many passages), already
    installed, or why not."""
    if not result.ok:
        return f"{result.doc_id}: {result.error}"
    if not result.source:
        return f"{result.doc_id}: already installed"
    unchecked = "" if result.checked else "; no sha256 recorded, so the copy was not checked"
    return f"{result.doc_id}: installed from {result.source} ({counted(result.passages, 'passage')}{unchecked})"


def mirror_extra_line(extra) -> str:
    return (f"{extra.folder}: in the mirror but not in the catalogue; add it with: lexmig add {extra.file} "
            f"--id {extra.doc_id}")


def repair_lines(repairs) -> list[str]:
    """What `lexmig verify --fix` did, one line per fix."""
    lines = [f"moved {path} (no catalogue entry) to {moved}; to keep it: lexmig add {moved} --id {path.split('/')[1]}"
             if moved else f"removed {path} (a temporary file left by an interrupted write)"
             for path, moved in repairs.set_aside]
    lines += [f"removed the empty folder {folder}" for folder in repairs.removed_folders]
    lines += [f"removed {folder} (the temporary folder of an OCR run that was killed)" for folder in repairs.ocr_folders]
    lines += [f"could not remove {folder} (the temporary folder of an OCR run that was killed): {why}; remove it by hand"
              for folder, why in repairs.ocr_stuck]
    if repairs.unfinished:
        lines.append(f"removed {repairs.unfinished} unfinished index files")
    if repairs.damaged:
        lines.append(f"the index was damaged ({repairs.damaged})")
    if repairs.purged:
        lines.append(f"merged away the index's {repairs.purged} deleted passages")
    if repairs.index is not None:
        summary = repairs.index
        lines.append(("rebuilt" if summary.rebuilt else "updated") + f" the index: {summary.documents} "
                     f"documents indexed, {summary.removed} removed")
    return lines


def fetch_summary(results) -> str:
    failed = sum(1 for r in results if not r.ok)
    return f"{len(results) - failed} installed or up to date, {failed} failed."


def quality_lines(report) -> list[str]:
    """The quality report of a file read for `add` or `update`."""
    units = ", ".join(f"{n} {k.replace(':', ' ')}" for k, n in sorted(report.units.items())) or "none"
    ocr = f", {len(report.ocr_pages)} OCR" if report.ocr_pages else ""
    blank = f", {len(report.blank_pages)} blank" if report.blank_pages else ""
    pages = f"{report.pages} pages ({len(report.pages_without_text)} without text{blank}{ocr}), " if report.pages else ""
    shown = "text" if report.format == "md" else report.format  # a .txt file is read as Markdown: it is text
    return [
        f"{report.file}: {shown}, {pages}{report.characters:,} characters",
        f"  units: {units}",
        f"  repaired: {report.hyphenations_repaired} hyphenations, {report.glued_words_split} glued words split; "
        f"removed: {report.header_footer_lines_removed} header/footer lines, "
        f"{report.boilerplate_lines_removed} boilerplate lines; glued-word ratio {report.glued_word_ratio:.2%}",
    ]


def added_lines(prepared, dry_run: bool) -> list[str]:
    lines = quality_lines(prepared.report) + [f"  warning: {warning}" for warning in prepared.warnings]
    verb = "Would add" if dry_run else "Added"
    passages = counted(len(prepared.segmentation.passages), "passage")
    return lines + [f"{verb} {prepared.entry.id}: {prepared.entry.title} ({passages})"]


DRY_RUN = "Dry run: nothing was changed."


def add_summary(added: int, refused: int, dry_run: bool) -> str:
    return f"{added} added, {refused} refused." if not dry_run else f"{added} would be added, {refused} refused."


def updated_lines(prepared, dry_run: bool) -> list[str]:
    passages = counted(len(prepared.segmentation.passages), "passage")
    return quality_lines(prepared.report) + [("Would update " if dry_run else "Updated ") + f"{prepared.entry.id}: {passages}"]


def removed_line(entry) -> str:
    return f"Removed {entry.id}: {entry.title}"


def consistent_line(home, documents: int) -> str:
    return f"The library in {home} is consistent: {counted(documents, 'document')}."


def problem_line(problem) -> str:
    return f"{problem.message}; fix: {problem.fix}"


def index_line(summary) -> str:
    if not summary.documents and not summary.removed and not summary.rebuilt:
        return "The index is up to date."
    verb = "Rebuilt the index" if summary.rebuilt else "Updated the index"
    return (f"{verb}: {summary.documents} documents, {summary.passages} passages indexed, "
            f"{summary.removed} removed, in {summary.seconds:.1f} s.")


# catalogue, passages

def entry_json(entry, installed) -> dict:
    return dict(entry.to_dict(full=True), installed=entry.id in installed)


def entry_lines(entry, installed) -> list[str]:
    lines = []
    for key, value in entry_json(entry, installed).items():
        if value in (None, [], ()):
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(value)
        lines.append(f"{key + ':':<16}{value}")
    return lines


ID_COLUMN = 30


def catalogue_lines(entries, installed) -> list[str]:
    """One line per entry, in columns as wide as their longest value (an id's at most
    ID_COLUMN: a longer id, from a file's name, overflows its own line) and two spaces: an
    id ("refugee-convention-1951") never runs into its type."""
    id_width = min(max((len(entry.id) for entry in entries), default=0), ID_COLUMN)
    type_width = max((len(entry.type) for entry in entries), default=0)
    lines = []
    for entry in entries:
        mark = "*" if entry.id in installed else ("-" if not entry.text_available else " ")
        lines.append(f"{mark} {entry.id:<{id_width}}  {entry.type:<{type_width}}  {entry.adopted or '':<12}"
                     f"{entry.short_title}")
    return lines + [f"{len(entries)} documents; * installed, - no text available (cite only)."]


def passages_json(entry, passages) -> list[dict]:
    return [passage_json(p, entry) for p in passages]


def passages_lines(entry, passages) -> list[str]:
    """A document's passages in order, one line each: id, unit (indented by depth), page, first words."""
    from lexmig.indexer.citation import pinpoint, recital_style

    by_lang: dict[str, int] = {}
    for p in passages:
        by_lang[p.lang] = by_lang.get(p.lang, 0) + 1
    langs = ", ".join(f"{k} {v}" for k, v in by_lang.items())
    lines = [f"{entry.id}: {entry.cite_as}: {counted(len(passages), 'passage')} ({langs})"]
    prefix = len(entry.id) + 1
    for p in passages:
        depth = sum(1 for s in p.path if s.kind in SUBUNIT_KINDS) \
            if p.kind != "footnote" else 0
        unit = "  " * depth + pinpoint(p.path[-1:] if p.kind in POINT_KINDS else p.path, short=True,
                                       recitals=recital_style(entry))
        page = f"p.{p.page}" if p.page else ""
        words = " ".join(p.text.split()[:9]) or (p.title or "")
        lines.append(f"{p.passage_id[prefix:]:<26} {unit:<24} {page:<5} {words}")
    return lines


# search, show

def plan_lines(result, explain: bool) -> list[str]:
    """What a search did to the query: notes, the corrected text, and with --explain each
    correction, expansion and subject."""
    plan = result.plan
    lines = list(result.notes)
    if plan and plan.corrections:
        lines.append(f'Showing results for {quoted_query(plan.text)} (you typed {quoted_query(plan.typed)}).')
    if plan and explain:
        lines += [f"  corrected: {typed} -> {fixed}" for typed, fixed in plan.corrections]
        lines += [f"  expanded: {e.matched} -> {', '.join(e.terms)} (weight {e.weight}, thesaurus group '{e.group}')"
                  for e in plan.expansions]
        lines += [f"  subject: '{m.expression}' asks about '{m.subject.name}'" for m in plan.subjects]
    return lines


QUOTED_CHARS = 200


def quoted_query(text: str) -> str:
    """A query as a message quotes it: on one line, and a long one (a pasted page) cut to its
    first words with its length, where the whole of it was repeated."""
    text = " ".join(text.split())
    if len(text) <= QUOTED_CHARS:
        return f'"{text}"'
    return f'"{text[:QUOTED_CHARS].rstrip()} …" ({len(text):,} characters)'


def no_hits_line(text: str, why: str | None = None) -> str:
    """Why a search found nothing: `why` (the filters chose no installed text, or the query is
    a document's name alone), or no passage matched."""
    text = quoted_query(text)
    if why:
        return f'No passages found for {text}: {why}'
    return f'No passages found for {text}. Try fewer or other words, or another --lang.'


def show_json(unit, entry, subunits, notes, sentence: tuple[str, str] | None = None) -> dict:
    """`show`'s shape: the unit's passage, its units and footnotes; with a sentence asked
    ("first sentence", its text), "sentence" gives them and the citation names it."""
    data = passage_json(unit, entry)
    if sentence:
        data["sentence"] = {"words": sentence[0], "text": sentence[1],
                            "citation": f"{data['citation']}, {sentence[0]}",
                            "short_citation": f"{data['short_citation']}, {sentence[0]}"}
    data["units"] = [passage_json(p, entry) for p in subunits]
    data["footnotes"] = [passage_json(p, entry) for p in notes]
    return data


def show_lines(unit, entry, subunits, notes, sentence: tuple[str, str] | None = None) -> list[str]:
    """`show`'s text: the unit cited and its text, or the sentence asked of it ("Article 6(1), first sentence")."""
    tail = f", {sentence[0]}" if sentence else ""
    facts = [format_citation(unit, entry, short=True) + tail] + ([f"p. {unit.page}"] if unit.page else [])
    lines = [_titled(format_citation(unit, entry) + tail, unit), " · ".join(facts), "",
             sentence[1] if sentence else unit.text or unit.title or ""]
    if subunits:
        lines += ["", "Units: " + "; ".join(format_citation(p, entry, short=True) for p in subunits)]
    for note in notes:
        lines += ["", f"[{format_citation(note, entry, short=True)}] {note.text}"]
    return lines


def eval_report_lines(report: dict, name: str = "") -> list[str]:
    """An evaluation report (search.evaluation) as a table: per query kind, P@1, MRR@k and
    nDCG@k of lexmig and of the baseline."""
    k = report["k"]
    cells = f"{'P@1':>7}{'MRR@' + str(k):>9}{'nDCG@' + str(k):>9}"
    lines = [f"{name:<12}{'':>4}  {'lexmig':^25}  {'plain BM25 baseline':^25}",
             f"{'kind':<12}{'n':>4}  {cells}  {cells}"]
    for kind, row in report["summary"].items():
        values = "  ".join(f"{row[s]['p1']:>7.3f}{row[s]['mrr']:>9.3f}{row[s]['ndcg']:>9.3f}"
                           for s in ("lexmig", "baseline"))
        lines.append(f"{kind:<12}{row['n']:>4}  {values}")
    total = report["summary"]["all"]
    gain = (total["lexmig"]["ndcg"] / total["baseline"]["ndcg"] - 1) * 100 if total["baseline"]["ndcg"] else 0
    lines.append(f"nDCG@{k}: {total['lexmig']['ndcg']:.3f} vs {total['baseline']['ndcg']:.3f} "
                 f"({gain:+.0f}% over the baseline); MRR@{k}: {total['lexmig']['mrr']:.3f}")
    questions = report["summary"].get("question")
    if questions:
        lines.append(f"The first hit answers (grade 2) {questions['lexmig']['answers1']:.0%} of the "
                     f"{questions['n']} plain-language questions (baseline {questions['baseline']['answers1']:.0%}).")
    return lines


def eval_query_lines(report: dict) -> list[str]:
    return [f"{row['lexmig']['ndcg']:.2f} {row['baseline']['ndcg']:.2f}  {row['kind']:<10} "
            f"{row['query']}  -> {', '.join(row['top'])}" for row in report["queries"]]


# subjects

def subjects_json(subjects, counts) -> list[dict]:
    return [{"name": s.name, "scope": s.scope, "provisions": counts[s.name][0], "instruments": counts[s.name][1]}
            for s in subjects]


def subjects_lines(subjects, counts) -> list[str]:
    lines = [f"{counts[s.name][0]:>4} in {counts[s.name][1]:>2}  {s.name}" for s in subjects]
    return lines + [f"{len(counts)} subjects; provisions (articles) filed under each, in how many instruments. "
                    "lexmig subjects NAME lists them."]


NOTHING_FILED = "No installed provision is filed under it."


def subject_json(subject, filed, catalogue) -> dict:
    return {"name": subject.name, "scope": subject.scope, "legal": list(subject.legal),
            "everyday": list(subject.everyday), "provisions": [
                dict(passage_json(f.passage, catalogue.get(f.passage.doc_id)), filed=f.assignment.to_json())
                for f in filed]}


def subject_lines(subject, filed, catalogue) -> list[str]:
    """One subject's provisions, grouped by instrument, each with why it is filed there."""
    from lexmig.indexer.passage import article_key

    documents = list(dict.fromkeys(f.passage.doc_id for f in filed))
    articles = {article_key(f.passage.passage_id) for f in filed}  # what `lexmig subjects` counts
    lines = [f"{subject.name}: {subject.scope}",
             f"{counted(len(filed), 'provision')} ({counted(len(articles), 'article')}) "
             f"in {counted(len(documents), 'instrument')}."]
    for doc_id in documents:
        entry = catalogue.get(doc_id)
        lines += ["", entry.cite_as]
        for f in (f for f in filed if f.passage.doc_id == doc_id):
            unit = format_citation(f.passage, entry, short=True)
            lines.append(f"  {_titled(unit, f.passage)}  ({f.assignment.describe()})")
    return lines


# sources, cite

def no_footnotes_line(entry) -> str:
    return f"{entry.id} has no footnotes."


def sources_json(entry, resolved) -> dict:
    return {"doc_id": entry.id, "footnotes": [f.to_json() for f in resolved]}


def sources_lines(entry, resolved, passages, catalogue) -> list[str]:
    """Each footnote, where its call is, and each of its references resolved (or not), with why."""
    anchors = {p.passage_id: p for p in passages}
    lines = []
    for note in resolved:
        where = anchors.get(note.anchor)
        place = f" (in {format_citation(where, entry, short=True)})" if where else ""
        lines.append(f"fn. {note.label}{place}: {note.text}")
        for ref in note.references:
            if ref.resolved_to:
                target = catalogue.get(ref.resolved_to)
                lines.append(f"  -> {ref.resolved_to}: {target.cite_as} [{ref.rule}, {ref.confidence:.2f}]")
            else:
                lines.append(f"  -> unresolved [{ref.rule}]")
            lines.append(f"     {ref.evidence}")
        lines.append("")
    return lines


def cite_json(result, catalogue) -> dict:
    passage = None
    if result.passage is not None:
        passage = passage_json(result.passage, catalogue.get(result.passage.doc_id))
    return {
        "input": result.input, "resolved_to": result.resolved_to, "passage": passage,
        "confidence": round(result.confidence, 3), "rule": result.rule, "evidence": result.evidence,
        "alternatives": [{"id": c.doc_id, "confidence": round(c.confidence, 3), "rule": c.rule,
                          "reason": c.evidence} for c in result.alternatives],
        "unit_missing": result.pinpoint_missing,
        "sentence": {"words": result.sentence[0], "text": result.sentence[1]} if result.sentence else None,
    }


def unresolved_line(query: str, result, catalogue) -> str:
    from .citations import footnote_short_form, no_document_hint, unit_without_document, unknown_treaty

    treaty = unknown_treaty(query, catalogue)
    if treaty:  # "1 UNTS 15" was given "Nearest: unctad-em25-2, ..."
        return f"No catalogue document matches {quoted_query(query)}: {treaty}"

    short = footnote_short_form(query, quote='"')
    if short:  # "ibid., art. 7" was given "Nearest: ilo-2004-report-vi, esc-1961, c097"
        return f"No catalogue document matches {quoted_query(query)}: {short}"
    if unit_without_document(query):  # "art. 6.12" was given "Nearest: esc-1961, r086, r151"
        return f"No catalogue document matches {quoted_query(query)}: it " + no_document_hint("C97 art. 6", quote='"')
    near = ", ".join(c.doc_id for c in result.alternatives) or "none"
    return f'No catalogue document matches {quoted_query(query)}. Nearest: {near}.'


def cite_lines(result, catalogue, installed) -> list[str]:
    """A resolved citation: the document, why it was chosen, the unit cited, what else is close."""
    entry = catalogue.get(result.resolved_to)
    facts = [entry.type, entry.body] + ([entry.adopted] if entry.adopted else []) + \
        ([entry.symbol] if entry.symbol else [])
    lines = [f"{entry.id}: {entry.cite_as}", "  " + " · ".join(facts)]
    if entry.url:
        lines.append(f"  {entry.url}")
    lines.append(f"  confidence {result.confidence:.2f} ({result.rule}): {result.evidence}")
    if result.passage is not None:
        tail = f", {result.sentence[0]}" if result.sentence else ""
        lines += ["", format_citation(result.passage, entry) + tail, format_citation(result.passage, entry, short=True) + tail,
                  result.sentence[1] if result.sentence else result.passage.text]
    elif result.pinpoint_missing:
        lines.append(f"  {result.pinpoint_missing}")
    elif entry.id not in installed and result.rule == "citation":
        lines.append(f"  Its text is not installed: lexmig fetch {entry.id} (or lexmig add FILE --id {entry.id}).")
    adopted = [c for c in result.alternatives if c.rule == "adopted"]
    if adopted:
        example = catalogue.get(adopted[0].doc_id).symbol or ""
        lines.append(f"  It adopts {len(adopted)} instrument{'s' if len(adopted) > 1 else ''}; "
                     f"cite the one you mean{f' (e.g. {example!r})' if example else ''}:")
        lines += [f"    {c.doc_id}: {catalogue.get(c.doc_id).cite_as} ({c.evidence})" for c in adopted]
    others = [c for c in result.alternatives if c.rule != "adopted"]
    if others:
        lines.append("  also close: " + ", ".join(f"{c.doc_id} ({c.confidence:.2f}, {c.rule})" for c in others))
    return lines


# related, support

def _link_line(link, catalogue) -> str:
    if link.kind == "internal":
        return f"{link.label} -> {link.target}"
    if link.doc_id is None:
        return f"{link.label} -> not in the catalogue ({link.why})"
    return f"{link.label} -> {link.doc_id}: {catalogue.get(link.doc_id).cite_as}"


def _passage_json(passage, catalogue) -> dict:
    return passage_json(passage, catalogue.get(passage.doc_id))


def related_json(unit, found, catalogue) -> dict:
    return {
        "unit": _passage_json(unit, catalogue),
        "cites": [link.to_json() for link in found.cites],
        "cited_by": [dict(link.to_json(), passage=_passage_json(p, catalogue)) for p, link in found.cited_by],
        "closest": [{"passage": _passage_json(c.passage, catalogue), "score": round(c.score, 3), "why": c.why}
                    for c in found.closest],
    }


def related_lines(unit, found, catalogue) -> list[str]:
    """What a unit cites, what cites it, and the closest provisions of other instruments, with why."""
    lines = [_titled(citation(unit, catalogue), unit), "",
             "Cites:" if found.cites else "Cites: nothing lexmig recognises."]
    lines += ["  " + _link_line(link, catalogue) for link in found.cites]
    lines.append("Cited by:" if found.cited_by else "Cited by: no unit lexmig knows.")
    lines += [f"  {citation(passage, catalogue)} ('{link.label}')" for passage, link in found.cited_by]
    heading = "Closest provisions in other instruments"
    lines.append(f"{heading}:" if found.closest else f"{heading}: none found.")
    for close in found.closest:
        lines += [f"  {_titled(citation(close.passage, catalogue), close.passage)}", f"    why: {close.why}"]
    return lines


def support_json(found, catalogue) -> dict:
    return {
        "unit": _passage_json(found.unit, catalogue),
        "subjects": found.subjects,
        "sources": [dict(ref.to_json(), footnote=label) for label, ref in found.sources],
        "mentions": [link.to_json() for link in found.mentions],
        "items": [{"kind": i.kind, "doc_id": i.doc_id, "why": i.why, "score": round(i.score, 3),
                   "passage": _passage_json(i.passage, catalogue) if i.passage else None}
                  for i in found.items],
    }


def support_lines(found, catalogue) -> list[str]:
    """What supports a paragraph, each item with why; or why nothing does."""
    lines = [citation(found.unit, catalogue), "",
             "Its subjects: " + (", ".join(found.subjects) or "none that the thesaurus knows")]
    if not found.items:
        return lines + ["Nothing supports it that lexmig can show: no footnote source, no instrument named, no "
                        "provision sharing its subjects (shared words alone are not evidence)."]
    lines.append("What supports or concerns it:")
    for item in found.items:
        if item.passage is not None:
            lines.append(f"  {_titled(citation(item.passage, catalogue), item.passage)}")
        else:
            lines.append(f"  {item.doc_id}: {catalogue.get(item.doc_id).cite_as}")
        lines.append(f"    why: {item.why}")
    return lines
