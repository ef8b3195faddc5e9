"""The `lexmig` command line: thin commands over `indexer.library.Library`.

Exit codes: 0 success (found), 1 nothing found, 2 error. Errors are one line, no traceback.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import click

from indexer.errors import LexmigError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Exit(click.ClickException):
    """A one-line error with lexmig's exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.exit_code = code

    def show(self, file=None):
        click.echo(f"Error: {self.format_message()}", err=True)


def _library(ctx: click.Context):
    from indexer.library import Library

    try:
        return Library(ctx.obj["home"])
    except LexmigError as exc:
        raise Exit(str(exc), exc.exit_code) from None


def _run(fn, *args, **kwargs):
    try:
        return fn(*args, **kwargs)
    except LexmigError as exc:
        raise Exit(str(exc), exc.exit_code) from None


@click.group(context_settings=CONTEXT)
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="LEXMIG_HOME",
              help="Data directory for stored documents, the working catalogue and the index "
                   "[env: LEXMIG_HOME; default: the per-user data directory].")
@click.version_option(None, "--version", package_name="lexmig", prog_name="lexmig")
@click.pass_context
def cli(ctx, home):
    """lexmig: find and cite the provisions of labour migration instruments.

    \b
    Example:
      lexmig fetch --mirror ../shared/corpus
      lexmig passages c097
    """
    ctx.ensure_object(dict)
    ctx.obj["home"] = home


@cli.command(context_settings=CONTEXT)
@click.argument("ids", nargs=-1)
@click.option("--mirror", type=click.Path(exists=True, file_okay=False, path_type=Path),
              help="A folder laid out like ../shared/corpus (one folder per id with provenance.json).")
@click.pass_context
def fetch(ctx, ids, mirror):
    """Install catalogue documents from a mirror folder or their official address.

    Without IDS, every catalogue document found in the mirror (or, without --mirror, every
    document not yet installed). One line per document; failures do not stop the others.

    \b
    Example:
      lexmig fetch --mirror ../shared/corpus
      lexmig fetch c097 c189 --mirror ../shared/corpus
    """
    lib = _library(ctx)
    results = _run(lib.fetch, list(ids), mirror)
    failed = [r for r in results if not r.ok]
    for result in results:
        click.echo(result.message, err=not result.ok)
    click.echo(f"{len(results) - len(failed)} installed or up to date, {len(failed)} failed.")
    if failed:
        ctx.exit(2)


@cli.command(context_settings=CONTEXT)
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "doc_id", help="Catalogue id (lower-case letters, digits, hyphens).")
@click.option("--title", help="Full title.")
@click.option("--short-title", help="Name used in short citations.")
@click.option("--cite-as", help="Name used in full citations (default: the title).")
@click.option("--type", "doc_type", help="convention, recommendation, protocol, report, ...")
@click.option("--body", help="Issuing body.")
@click.option("--date", "adopted", help="Date of adoption: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--symbol", help="Document symbol, e.g. A/RES/45/158.")
@click.option("--lang", help="Language code of the text (default en).")
@click.pass_context
def add(ctx, file, doc_id, title, short_title, cite_as, doc_type, body, adopted, symbol, lang):
    """Add a local PDF, HTML, Markdown or text file to the library.

    The file is read and segmented before anything is stored; a bad file is refused
    with one line saying why, and nothing changes.

    \b
    Example:
      lexmig add c143.pdf --id c143
      lexmig add report.html --title "My report" --type report --date 2005
    """
    lib = _library(ctx)
    meta = {"id": doc_id, "title": title, "short_title": short_title, "cite_as": cite_as,
            "type": doc_type, "body": body, "adopted": adopted, "symbol": symbol, "lang": lang}
    result = _run(lib.add, file, meta)
    units = ", ".join(f"{n} {k}" for k, n in sorted(result.stats.get("units", {}).items()))
    click.echo(f"Added {result.entry.id}: {result.entry.title} ({result.passages} passages: {units})")


@cli.command(context_settings=CONTEXT)
@click.option("--rebuild", is_flag=True, help="Rebuild from scratch instead of updating.")
@click.pass_context
def index(ctx, rebuild):
    """Bring the search index up to date with the installed documents.

    \b
    Example:
      lexmig index
      lexmig index --rebuild
    """
    lib = _library(ctx)
    summary = _run(lib.update_index, rebuild=rebuild)
    if not summary["documents"] and not summary["removed"] and not summary["rebuilt"]:
        click.echo("The index is up to date.")
        return
    verb = "Rebuilt the index" if summary["rebuilt"] else "Updated the index"
    click.echo(f"{verb}: {summary['documents']} documents, {summary['passages']} passages indexed, "
               f"{summary['removed']} removed, in {summary['seconds']:.1f} s.")


@cli.command(context_settings=CONTEXT)
@click.argument("name", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def catalogue(ctx, name, as_json):
    """List the catalogue, or show one entry (by id or alias).

    \b
    Example:
      lexmig catalogue
      lexmig catalogue "1990 Convention"
    """
    lib = _library(ctx)
    installed = lib.installed()
    if name:
        entry = _run(lib.catalogue.resolve, name)
        data = dict(entry.to_dict(full=True), installed=entry.id in installed)
        if as_json:
            click.echo(json.dumps(data, indent=2, ensure_ascii=False))
            return
        for key, value in data.items():
            if value in (None, [], ()):
                continue
            if isinstance(value, (list, tuple)):
                value = ", ".join(value)
            click.echo(f"{key + ':':<16}{value}")
        return
    entries = sorted(lib.catalogue, key=lambda e: e.id)
    if as_json:
        click.echo(json.dumps([dict(e.to_dict(full=True), installed=e.id in installed) for e in entries],
                              indent=2, ensure_ascii=False))
        return
    for entry in entries:
        mark = "*" if entry.id in installed else ("-" if not entry.text_available else " ")
        click.echo(f"{mark} {entry.id:<22}{entry.type:<15}{entry.adopted or '':<12}{entry.short_title}")
    click.echo(f"{len(entries)} documents; * installed, - no text available (cite only).")


@cli.command(context_settings=CONTEXT)
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of passages.")
@click.option("--lang", help="Only passages in this language (en, nl).")
@click.pass_context
def passages(ctx, name, as_json, lang):
    """List a document's passages in order: id, unit, page, first words.

    The tool to check segmentation by eye.

    \b
    Example:
      lexmig passages c097
      lexmig passages "C97" --lang nl --json
    """
    from indexer.cite import passage_json, pinpoint

    lib = _library(ctx)
    entry, found = _run(lib.passages, name)
    if lang:
        found = [p for p in found if p.lang == lang]
    if as_json:
        click.echo(json.dumps([passage_json(p, entry) for p in found], indent=2, ensure_ascii=False))
        return
    by_lang: dict[str, int] = {}
    for p in found:
        by_lang[p.lang] = by_lang.get(p.lang, 0) + 1
    langs = ", ".join(f"{k} {v}" for k, v in by_lang.items())
    click.echo(f"{entry.id}: {entry.cite_as}: {len(found)} passages ({langs})")
    prefix = len(entry.id) + 1
    for p in found:
        depth = sum(1 for s in p.path if s.kind in ("point", "subpoint", "paragraph")) \
            if p.kind != "footnote" else 0
        unit = "  " * depth + pinpoint(p.path[-1:] if p.kind in ("point", "subpoint") else p.path, short=True)
        page = f"p.{p.page}" if p.page else ""
        words = " ".join(p.text.split()[:9]) or (p.title or "")
        click.echo(f"{p.passage_id[prefix:]:<26} {unit:<24} {page:<5} {words}")


def _years(value: str | None) -> tuple[int | None, int | None] | None:
    if not value:
        return None
    import re

    match = re.fullmatch(r"\s*(\d{4})?\s*(\.\.)?\s*(\d{4})?\s*", value)
    if not match or not (match.group(1) or match.group(3)) or (match.group(3) and not match.group(2)):
        raise Exit(f"--year: '{value}' is not a year or a range FROM..TO (e.g. 1949..1975, 1990.., ..2000).")
    low = int(match.group(1)) if match.group(1) else None
    high = int(match.group(3)) if match.group(3) else (low if not match.group(2) else None)
    return low, high


@cli.command(context_settings=CONTEXT)
@click.argument("query", nargs=-1, required=True)
@click.option("--doc", help="Only this document (id or alias: C97, \"1990 Convention\").")
@click.option("--type", "doc_type", help="Only documents of this type (convention, protocol, ...).")
@click.option("--body", help="Only documents of this issuing body (ILO, WTO, ...).")
@click.option("--year", help="Adopted in FROM..TO (1949..1975, 1990.., ..2000, 1949).")
@click.option("--lang", default="en", show_default=True, type=click.Choice(["en", "nl"]),
              help="Language of the passages.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="Number of hits.")
@click.option("--full", is_flag=True, help="Print whole passages instead of snippets.")
@click.option("--context", default=0, type=click.IntRange(0, 20), help="Also show N neighbouring units.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see README).")
@click.option("--explain", is_flag=True, help="Show corrections, expansions and each hit's score breakdown.")
@click.option("--no-expand", is_flag=True, help="Do not add thesaurus expansions.")
@click.pass_context
def search(ctx, query, doc, doc_type, body, year, lang, limit, full, context, as_json, explain, no_expand):
    """Search passages: words, "quoted phrases", AND/OR/NOT, -word, or a citation.

    The best unit comes first: the smallest article, paragraph or point that answers.
    A query that names a unit ("C97 article 6", "note para 11") puts that unit first.
    Exit code 0 with hits, 1 with none, 2 on error.

    \b
    Example:
      lexmig search "family reunion"
      lexmig search remittances --doc C97 --full
      lexmig search "equal treatment" --year 1949..1975 --json
    """
    from search.rank import Engine, Filters
    from search.render import format_hit, result_json, use_colour

    text = " ".join(query)
    lib = _library(ctx)
    engine = _run(Engine, lib)
    filters = Filters(doc=doc, doc_type=doc_type, body=body, years=_years(year), lang=lang)
    result = _run(engine.search, text, filters, limit=limit, expand=not no_expand, explain=explain)
    if as_json:
        click.echo(json.dumps(result_json(result, lib.catalogue, full), indent=2, ensure_ascii=False))
        ctx.exit(0 if result.hits else 1)
    colour = use_colour(sys.stdout)
    plan = result.plan
    for note in result.notes:
        click.echo(note)
    if plan and plan.corrections:
        click.echo(f'Showing results for "{plan.text}" (you typed "{plan.typed}").')
    if plan and explain:
        for typed, fixed in plan.corrections:
            click.echo(f"  corrected: {typed} -> {fixed}")
        for expansion in plan.expansions:
            click.echo(f"  expanded: {expansion.matched} -> {', '.join(expansion.terms)} "
                       f"(weight {expansion.weight}, thesaurus group '{expansion.group}')")
    if not result.hits:
        click.echo(f'No passages found for "{text}". Try fewer or other words, or another --lang.', err=True)
        ctx.exit(1)
    for hit in result.hits:
        neighbours = engine.neighbours(hit.passage, context) if context else ()
        click.echo("\n".join(format_hit(hit, lib.catalogue, full, colour, neighbours)))
        click.echo()


@cli.command(context_settings=CONTEXT)
@click.argument("citation", nargs=-1, required=True)
@click.option("--lang", default="en", show_default=True, type=click.Choice(["en", "nl"]))
@click.option("--json", "as_json", is_flag=True, help="Print the passage, its sub-units and footnotes as JSON.")
@click.pass_context
def show(ctx, citation, lang, as_json):
    """Print one unit by its citation, with its sub-units and footnotes.

    \b
    Example:
      lexmig show "C97 art. 6(1)(b)"
      lexmig show "note para 11"
      lexmig show "GATS Article XIX"
    """
    from indexer.cite import format_citation, passage_json
    from search.rank import Engine

    text = " ".join(citation)
    lib = _library(ctx)
    engine = _run(Engine, lib)
    unit = _run(engine.show, text, lang)
    entry = lib.catalogue.get(unit.doc_id)
    inside = engine.children(unit)
    notes = [p for p in inside if p.kind == "footnote"]
    subunits = [p for p in inside if p.kind != "footnote"]
    if as_json:
        data = passage_json(unit, entry)
        data["units"] = [passage_json(p, entry) for p in subunits]
        data["footnotes"] = [passage_json(p, entry) for p in notes]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    head = format_citation(unit, entry)
    click.echo(head + (f" — {unit.title}" if unit.title else ""))
    facts = [format_citation(unit, entry, short=True)] + ([f"p. {unit.page}"] if unit.page else [])
    click.echo(" · ".join(facts))
    click.echo()
    click.echo(unit.text or unit.title or "")
    if subunits:
        click.echo()
        click.echo("Units: " + "; ".join(format_citation(p, entry, short=True) for p in subunits))
    for note in notes:
        click.echo()
        click.echo(f"[{format_citation(note, entry, short=True)}] {note.text}")


@cli.command("eval", context_settings=CONTEXT)
@click.argument("qrels", type=click.Path(path_type=Path), default="corpus/qrels.toml", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the report, per query, as JSON.")
@click.option("--queries", is_flag=True, help="Also list each query with its scores.")
@click.pass_context
def evaluate(ctx, qrels, as_json, queries):
    """Measure ranking quality on judged queries: lexmig beside a plain-BM25 baseline.

    Prints MRR@10, nDCG@10 and Recall@10 at article level, per query kind.

    \b
    Example:
      lexmig eval corpus/qrels.toml
      lexmig eval corpus/qrels.toml --queries
    """
    from search.evaluation import evaluate as run_eval, format_report, load_qrels
    from search.rank import Engine

    judged = _run(load_qrels, qrels)
    lib = _library(ctx)
    engine = _run(Engine, lib)
    report = run_eval(engine, judged)
    if as_json:
        click.echo(json.dumps(report, indent=2))
        return
    for line in format_report(report):
        click.echo(line)
    if queries:
        click.echo()
        for row in report["queries"]:
            click.echo(f"{row['lexmig']['ndcg']:.2f} {row['baseline']['ndcg']:.2f}  {row['kind']:<10} "
                       f"{row['query']}  -> {', '.join(row['top'])}")


def main():
    cli(prog_name="lexmig")


if __name__ == "__main__":
    main()
