"""The `lexmig` command line: thin commands over `indexer.library.Library`.

Exit codes: 0 success (found), 1 nothing found, 2 error. Errors are one line, no traceback.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lexmig.indexer.errors import LexmigError

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


class Exit(click.ClickException):
    """A one-line error with lexmig's exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.exit_code = code

    def show(self, file=None):
        click.echo(f"Error: {self.format_message()}", err=True)


class _StrictCommand(click.Command):
    """A command whose options are checked strictly: an unknown "--option", or an option of
    lexmig itself placed after the command, is an error, never a query word. (A word of a
    query may start with one "-": `lexmig search smuggling -sea`; `--` ends the options.)
    Usage errors are one line, like every other error."""

    def parse_args(self, ctx, args):
        _check_long_options(self, ctx, args)
        return _one_line_usage_errors(super().parse_args, ctx, args, f"lexmig {self.name}")


class _Group(click.Group):
    command_class = _StrictCommand

    def parse_args(self, ctx, args):
        return _one_line_usage_errors(super().parse_args, ctx, args, "lexmig")


def _one_line_usage_errors(parse, ctx, args, where: str):
    try:
        return parse(ctx, args)
    except click.exceptions.NoArgsIsHelpError:
        raise
    except click.UsageError as exc:
        raise Exit(f"{exc.format_message().rstrip('.')}; see {where} -h.") from None


def _check_long_options(command: click.Command, ctx: click.Context, args: list[str]):
    takes_value = {}
    for param in command.get_params(ctx):
        if isinstance(param, click.Option):
            for name in param.opts + param.secondary_opts:
                takes_value[name] = not (param.is_flag or param.count)
    parent = ctx.parent.command if ctx.parent else None
    lexmig_options = {name for param in (parent.params if parent else ()) if isinstance(param, click.Option)
                      for name in param.opts}
    position = 0
    while position < len(args):
        arg = args[position]
        position += 1
        if arg == "--":
            return
        name = arg.split("=", 1)[0]
        if name in takes_value:
            position += takes_value[name] and "=" not in arg
        elif name in lexmig_options:
            value = arg.split("=", 1)[1] if "=" in arg else (args[position] if position < len(args) else "VALUE")
            raise Exit(f"{name} is an option of lexmig, not of '{command.name}': put it before the command, "
                       f"e.g. lexmig {name} {value} {command.name} ...")
        elif arg.startswith("--") and len(arg) > 2:
            import difflib

            near = difflib.get_close_matches(name, [n for n in takes_value if n.startswith("--")], n=1)
            hint = f" (did you mean {near[0]}?)" if near else ""
            words = "; to search for a word that starts with '--', put -- before the query" \
                if command.context_settings.get("ignore_unknown_options") else ""
            raise Exit(f"no such option: {name}{hint}{words}; see lexmig {command.name} -h.")


def _library(ctx: click.Context):
    from lexmig.indexer.library import Library

    return _run(Library, ctx.obj["home"], lock_wait=ctx.obj.get("wait"))


def _run(fn, *args, **kwargs):
    """Call into the library; its errors, and the operating system's, become one line."""
    try:
        return fn(*args, **kwargs)
    except LexmigError as exc:
        raise Exit(str(exc), exc.exit_code) from None
    except OSError as exc:  # a data home that cannot be created, a full disk ...
        where = f"{exc.filename}: " if exc.filename else ""
        raise Exit(f"{where}{exc.strerror or exc}; check the path and its permissions "
                   "(choose the data home with --home or LEXMIG_HOME).") from None


@click.group(cls=_Group, context_settings=CONTEXT)
@click.option("--home", type=click.Path(file_okay=False, path_type=Path), envvar="LEXMIG_HOME",
              help="Data directory for stored documents, the working catalogue and the index "
                   "[env: LEXMIG_HOME; default: the per-user data directory].")
@click.option("--wait", type=click.FloatRange(0), envvar="LEXMIG_LOCK_WAIT",
              help="Seconds to wait for another lexmig process changing the library [default: 30].")
@click.version_option(None, "--version", package_name="lexmig", prog_name="lexmig")
@click.pass_context
def cli(ctx, home, wait):
    """lexmig: find and cite the provisions of labour migration instruments.

    \b
    Example:
      lexmig fetch --mirror ../shared/corpus
      lexmig passages c097
    """
    ctx.ensure_object(dict)
    ctx.obj["home"] = home
    ctx.obj["wait"] = wait


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
    if mirror is not None and not ids:  # what fetch cannot install, and how to add it
        for line in _run(lib.mirror_extras, mirror):
            click.echo(line)
    click.echo(f"{len(results) - len(failed)} installed or up to date, {len(failed)} failed.")
    if failed:
        ctx.exit(2)


def _progress(label: str):
    """A progress bar on a terminal; nothing when stderr is piped."""
    def wrap(items):
        items = list(items)
        if not sys.stderr.isatty() or len(items) < 2:
            return items
        return _ProgressIter(items, label)
    return wrap


class _ProgressIter:
    def __init__(self, items, label):
        self.items, self.label = items, label

    def __iter__(self):
        with click.progressbar(self.items, label=self.label, file=sys.stderr) as bar:
            yield from bar


def _report_lines(report: dict) -> list[str]:
    units = ", ".join(f"{n} {k.replace(':', ' ')}" for k, n in sorted(report["units"].items())) or "none"
    ocr = f", {len(report['ocr_pages'])} OCR" if report.get("ocr_pages") else ""
    pages = f"{report['pages']} pages ({len(report['pages_without_text'])} without text{ocr}), " if report["pages"] else ""
    return [
        f"{report['file']}: {report['format']}, {pages}{report['characters']:,} characters",
        f"  units: {units}",
        f"  repaired: {report['hyphenations_repaired']} hyphenations, {report['glued_words_split']} glued words split; "
        f"removed: {report['header_footer_lines_removed']} header/footer lines, "
        f"{report['boilerplate_lines_removed']} boilerplate lines; glued-word ratio {report['glued_word_ratio']:.2%}",
    ]


@cli.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--id", "doc_id", help="Catalogue id (lower-case letters, digits, hyphens).")
@click.option("--title", help="Full title.")
@click.option("--short-title", help="Name used in short citations.")
@click.option("--cite-as", help="Name used in full citations (default: the title).")
@click.option("--type", "doc_type", help="convention, recommendation, protocol, report, ...")
@click.option("--body", help="Issuing body.")
@click.option("--date", "adopted", help="Date of adoption: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--symbol", help="Document symbol, e.g. A/RES/45/158.")
@click.option("--lang", help="Language code of the text (default en).")
@click.option("--meta", type=click.Path(path_type=Path), help="A TOML file with the metadata (options win).")
@click.option("--dry-run", is_flag=True, help="Print the quality report and change nothing.")
@click.option("--accept-unstructured", is_flag=True,
              help="Add a document without legal structure (or mostly empty pages) as one unit.")
@click.option("--max-size", type=click.IntRange(1), help="Size limit in bytes (default 50 MB).")
@click.option("--ocr", is_flag=True, help="Run OCR (ocrmypdf, Tesseract) on PDF pages without text; "
                                          "needs lexmig[ocr], see README.")
@click.option("--ocr-lang", metavar="LANGS", help="Tesseract languages for --ocr, joined by '+' "
                                                   "(default eng; e.g. khm+eng). Implies --ocr.")
@click.pass_context
def add(ctx, files, doc_id, title, short_title, cite_as, doc_type, body, adopted, symbol, lang, meta, dry_run,
        accept_unstructured, max_size, ocr, ocr_lang):
    """Add local PDF, HTML, Markdown or text files (or every file in a folder).

    Each file is read and segmented first, with a quality report; a bad file is refused
    with one line saying why, and nothing changes. In a folder, bad files are skipped and
    listed at the end.

    \b
    Example:
      lexmig add c143.pdf --id c143
      lexmig add report.html --title "My report" --type report --date 2005 --dry-run
      lexmig add incoming/
      lexmig add --ocr scan.pdf
      lexmig add --ocr-lang khm+eng notice-scan.pdf
    """
    lib = _library(ctx)
    if max_size:
        lib.max_bytes = max_size
    options = {"id": doc_id, "title": title, "short_title": short_title, "cite_as": cite_as, "type": doc_type,
               "body": body, "adopted": adopted, "symbol": symbol, "lang": lang, "meta": meta}
    from lexmig.indexer.ocr import DEFAULT_LANGUAGES

    added, refused = _run(lib.add, list(files), options, accept_unstructured, dry_run, _progress("Reading"),
                          ocr=ocr_lang or (DEFAULT_LANGUAGES if ocr else None))
    for prepared in added:
        for line in _report_lines(prepared.report):
            click.echo(line)
        for warning in prepared.warnings:
            click.echo(f"  warning: {warning}")
        verb = "Would add" if dry_run else "Added"
        click.echo(f"{verb} {prepared.entry.id}: {prepared.entry.title} "
                   f"({len(prepared.segmentation.passages)} passages)")
    for reason in refused:
        click.echo(f"Refused: {reason}", err=True)
    if dry_run:
        click.echo("Dry run: nothing was changed.")
    if len(added) + len(refused) > 1:
        click.echo(f"{len(added)} added, {len(refused)} refused." if not dry_run else
                   f"{len(added)} would be added, {len(refused)} refused.")
    if refused:
        ctx.exit(2)


@cli.command(context_settings=CONTEXT)
@click.argument("name")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Print the quality report and change nothing.")
@click.option("--accept-unstructured", is_flag=True, help="Accept a text without legal structure.")
@click.pass_context
def update(ctx, name, file, dry_run, accept_unstructured):
    """Replace the text of an installed document, keeping its id and catalogue entry.

    \b
    Example:
      lexmig update c097 c097-corrected.md
    """
    lib = _library(ctx)
    prepared = _run(lib.update, name, file, accept_unstructured, dry_run)
    for line in _report_lines(prepared.report):
        click.echo(line)
    click.echo(("Would update " if dry_run else "Updated ") +
               f"{prepared.entry.id}: {len(prepared.segmentation.passages)} passages")


@cli.command(context_settings=CONTEXT)
@click.argument("name")
@click.option("--force", is_flag=True, help="Also hide the built-in founding note.")
@click.pass_context
def remove(ctx, name, force):
    """Remove a document: its stored file, its catalogue entry (if added) and its passages.

    \b
    Example:
      lexmig remove my-report
    """
    lib = _library(ctx)
    entry = _run(lib.remove, name, force)
    click.echo(f"Removed {entry.id}: {entry.title}")


@cli.command(context_settings=CONTEXT)
@click.option("--fix", is_flag=True, help="Apply the fixes (orphan files, index out of line).")
@click.pass_context
def verify(ctx, fix):
    """Check catalogue, stored files (checksums) and index against each other.

    Each problem comes with the command that fixes it. Exit 0 when clean, 1 otherwise.

    \b
    Example:
      lexmig verify
      lexmig verify --fix
    """
    lib = _library(ctx)
    if fix:
        for line in _run(lib.repair):
            click.echo(line)
    elif not lib.index_path.exists():
        _run(lib.ensure_index)  # a fresh home: build the index first, as any command would
    problems = _run(lib.verify)
    if not problems:
        count = len(lib.installed())
        click.echo(f"The library in {lib.home} is consistent: {count} document{'' if count == 1 else 's'}.")
        return
    for problem in problems:
        click.echo(f"{problem.message}; fix: {problem.fix}")
    ctx.exit(1)


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
    summary = _run(lib.update_index, rebuild=rebuild, progress=_progress("Indexing"))
    if not summary["documents"] and not summary["removed"] and not summary["rebuilt"]:
        click.echo("The index is up to date.")
        return
    verb = "Rebuilt the index" if summary["rebuilt"] else "Updated the index"
    click.echo(f"{verb}: {summary['documents']} documents, {summary['passages']} passages indexed, "
               f"{summary['removed']} removed, in {summary['seconds']:.1f} s.")


@cli.command(context_settings=CONTEXT)
@click.argument("names", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--format", "export", type=click.Choice(["bibtex", "csl-json"]),
              help="Export the entries (all, or those named) for a reference manager.")
@click.pass_context
def catalogue(ctx, names, as_json, export):
    """List the catalogue, show one entry (by id or alias), or export entries.

    \b
    Example:
      lexmig catalogue
      lexmig catalogue "1990 Convention"
      lexmig catalogue --format bibtex c097 icrmw
    """
    lib = _library(ctx)
    installed = lib.installed()
    if export:
        from lexmig.search.export import bibtex, csl_item

        chosen = [_run(lib.catalogue.resolve, n) for n in names] or sorted(lib.catalogue, key=lambda e: e.id)
        if export == "bibtex":
            click.echo(bibtex(chosen), nl=False)
        else:
            click.echo(json.dumps([csl_item(e) for e in chosen], indent=2, ensure_ascii=False))
        return
    if len(names) > 1:
        raise Exit("give one name to show an entry, or use --format to export several.")
    if names:
        entry = _run(lib.catalogue.resolve, names[0])
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
    from lexmig.indexer.citation import passage_json, pinpoint, recital_style

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
        unit = "  " * depth + pinpoint(p.path[-1:] if p.kind in ("point", "subpoint") else p.path, short=True,
                                       recitals=recital_style(entry))
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
    if low is not None and high is not None and low > high:
        raise Exit(f"--year: '{value}' ends before it starts; write the range FROM..TO (e.g. {high}..{low}).")
    return low, high


@cli.command(context_settings=dict(CONTEXT, ignore_unknown_options=True))
@click.argument("query", nargs=-1, required=True)
@click.option("--doc", help="Only this document (id or alias: C97, \"1990 Convention\").")
@click.option("--type", "doc_type", help="Only documents of this type (convention, protocol, ...).")
@click.option("--body", help="Only documents of this issuing body (ILO, WTO, ...).")
@click.option("--year", help="Adopted in FROM..TO (1949..1975, 1990.., ..2000, 1949).")
@click.option("--subject", help="Only provisions filed under this subject (see lexmig subjects).")
@click.option("--lang", default="en", show_default=True, type=click.Choice(["en", "nl"]),
              help="Language of the passages.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000), help="Number of hits.")
@click.option("--full", is_flag=True, help="Print whole passages instead of snippets.")
@click.option("--context", default=0, type=click.IntRange(0, 20), help="Also show N neighbouring units.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (see README).")
@click.option("--explain", is_flag=True, help="Show corrections, expansions and each hit's score breakdown.")
@click.option("--no-expand", is_flag=True, help="Do not add thesaurus expansions.")
@click.option("--format", "export", type=click.Choice(["csl-json"]),
              help="Print the hits as CSL-JSON items for a reference manager.")
@click.pass_context
def search(ctx, query, doc, doc_type, body, year, subject, lang, limit, full, context, as_json, explain, no_expand,
           export):
    """Search passages: words, "quoted phrases", AND/OR/NOT, -word, or a citation.

    The best unit comes first: the smallest article, paragraph or point that answers.
    A query that names a unit ("C97 article 6", "note para 11") puts that unit first.
    NOT, AND NOT and -word exclude; a hyphenated word is one word. Options go before --,
    the query may follow it. Exit code 0 with hits, 1 with none (with the reason when the
    filters choose no installed text), 2 on error.

    \b
    Example:
      lexmig search "family reunion"
      lexmig search remittances --doc C97 --full
      lexmig search "equal treatment" --year 1949..1975 --json
      lexmig search --limit 3 -- -sea smuggling
      lexmig search "can I bring my wife and kids" --explain
      lexmig search "who pays" --subject "recruitment fees and costs"
    """
    from lexmig.search.rank import Engine, Filters, NoMatchingDocuments
    from lexmig.search.render import format_hit, result_json, use_colour

    text = " ".join(query)
    lib = _library(ctx)
    engine = _run(Engine, lib)
    filters = Filters(doc=doc, doc_type=doc_type, body=body, years=_years(year), lang=lang, subject=subject)

    def search_or_why():
        try:
            return engine.search(text, filters, limit=limit, expand=not no_expand, explain=explain), None
        except NoMatchingDocuments as exc:  # the filters choose no installed text: nothing found, and why
            return None, str(exc)

    result, why = _run(search_or_why)
    if why:
        click.echo(f'No passages found for "{text}": {why}', err=True)
        ctx.exit(1)
    if as_json:
        click.echo(json.dumps(result_json(result, lib.catalogue, full), indent=2, ensure_ascii=False))
        ctx.exit(0 if result.hits else 1)
    if export:
        from lexmig.search.export import hit_csl_item

        items = [hit_csl_item(h.passage, lib.catalogue.get(h.passage.doc_id)) for h in result.hits]
        click.echo(json.dumps(items, indent=2, ensure_ascii=False))
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
        for match in plan.subjects:
            click.echo(f"  subject: '{match.expression}' asks about '{match.subject.name}'")
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
    Every body's pinpoint style is read: "Art. 6(1)(b)", "art. 22, para. 3", "Art. I:2(d)",
    "Article 12 § 1", "Recital 12", "s 5AAA", "GA res. 45/158, annex, art. 22".

    \b
    Example:
      lexmig show "C97 art. 6(1)(b)"
      lexmig show "note para 11"
      lexmig show "GATS Art. I:2(d)"
      lexmig show "ETS 93 Article 12 § 1"
    """
    from lexmig.indexer.citation import format_citation, passage_json
    from lexmig.search.rank import Engine

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
@click.argument("qrels", type=click.Path(path_type=Path), required=False)
@click.option("--set", "sets", multiple=True, metavar="NAME",
              help="A shipped judged set: tuning (corpus/qrels.toml) or heldout (corpus/qrels-heldout.toml); "
                   "repeat for several [default: every shipped set].")
@click.option("--json", "as_json", is_flag=True, help="Print the report, per set and per query, as JSON.")
@click.option("--queries", is_flag=True, help="Also list each query with its scores.")
@click.pass_context
def evaluate(ctx, qrels, sets, as_json, queries):
    """Measure ranking quality on judged queries: lexmig beside a plain-BM25 baseline.

    Prints P@1, MRR@10 and nDCG@10 at article level (a paragraph counts as its article), per
    judged set and per query kind, and the share of plain-language questions whose first hit
    answers them. Without QRELS, every judged set shipped with lexmig, each reported apart:
    the tuning set (corpus/qrels.toml) and the held-out set (corpus/qrels-heldout.toml).
    Fetch the reference corpus first: the judgements are about its documents.

    \b
    Example:
      lexmig eval
      lexmig eval --set heldout --queries
      lexmig eval my-qrels.toml --json
    """
    from lexmig.search.evaluation import evaluate as run_eval, format_report, load_qrels, shipped_sets
    from lexmig.search.rank import Engine

    if qrels and sets:
        raise Exit("give a QRELS file or --set, not both.")
    chosen = [(Path(qrels).name, Path(qrels))] if qrels else _run(shipped_sets, list(sets) or None)
    judged = [(name, _run(load_qrels, path)) for name, path in chosen]
    lib = _library(ctx)
    engine = _run(Engine, lib)
    reports = {name: run_eval(engine, items) for name, items in judged}
    if as_json:
        click.echo(json.dumps({"sets": reports}, indent=2))
        return
    for i, (name, report) in enumerate(reports.items()):
        if i:
            click.echo()
        for line in format_report(report, name):
            click.echo(line)
        if queries:
            click.echo()
            for row in report["queries"]:
                click.echo(f"{row['lexmig']['ndcg']:.2f} {row['baseline']['ndcg']:.2f}  {row['kind']:<10} "
                           f"{row['query']}  -> {', '.join(row['top'])}")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


@cli.command(context_settings=CONTEXT)
@click.argument("name", nargs=-1)
@click.option("--lang", default="en", show_default=True, type=click.Choice(["en", "nl"]),
              help="Language of the provisions.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (see README).")
@click.pass_context
def subjects(ctx, name, lang, as_json):
    """List the subjects with their number of provisions, or browse one subject.

    Provisions are filed under subjects (corpus/subjects.toml) by their titles, their
    article's title, the heading they stand under and the legal vocabulary of their text.
    With NAME, the subject's provisions across all instruments, cited, each with why it is
    filed there. `lexmig search --subject NAME` searches within one subject.

    \b
    Example:
      lexmig subjects
      lexmig subjects family reunification
      lexmig subjects "recruitment fees and costs" --json
    """
    from lexmig.indexer.citation import format_citation, passage_json
    from lexmig.indexer.passage import article_key
    from lexmig.indexer.subjects import browse, find_subject, load_subjects, subject_counts
    from lexmig.search.rank import Engine

    lib = _library(ctx)
    engine = _run(Engine, lib)
    if not name:
        counts = subject_counts(engine.searcher, engine.installed, lang)
        if as_json:
            click.echo(json.dumps([{"name": s.name, "scope": s.scope, "provisions": counts[s.name][0],
                                    "instruments": counts[s.name][1]} for s in load_subjects()],
                                  indent=2, ensure_ascii=False))
            return
        for subject in load_subjects():
            provisions, instruments = counts[subject.name]
            click.echo(f"{provisions:>4} in {instruments:>2}  {subject.name}")
        click.echo(f"{len(counts)} subjects; provisions (articles) filed under each, in how many instruments. "
                   "lexmig subjects NAME lists them.")
        return
    subject = _run(find_subject, " ".join(name))
    filed = browse(engine.searcher, subject, engine.installed, lang)
    if as_json:
        click.echo(json.dumps({"name": subject.name, "scope": subject.scope, "legal": list(subject.legal),
                               "everyday": list(subject.everyday), "provisions": [
                                   dict(passage_json(f.passage, lib.catalogue.get(f.passage.doc_id)),
                                        filed=f.assignment.to_json()) for f in filed]},
                              indent=2, ensure_ascii=False))
        ctx.exit(0 if filed else 1)
    click.echo(f"{subject.name}: {subject.scope}")
    documents = list(dict.fromkeys(f.passage.doc_id for f in filed))
    articles = {article_key(f.passage.passage_id) for f in filed}  # what `lexmig subjects` counts
    click.echo(f"{_count(len(filed), 'provision')} ({_count(len(articles), 'article')}) "
               f"in {_count(len(documents), 'instrument')}.")
    for doc_id in documents:
        entry = lib.catalogue.get(doc_id)
        click.echo()
        click.echo(entry.cite_as)
        for f in (f for f in filed if f.passage.doc_id == doc_id):
            unit = format_citation(f.passage, entry, short=True)
            title = f" — {f.passage.title}" if f.passage.title else ""
            click.echo(f"  {unit}{title}  ({f.assignment.describe()})")
    if not filed:
        click.echo("No installed provision is filed under it.", err=True)
        ctx.exit(1)


@cli.command(context_settings=CONTEXT)
@click.argument("name", required=False, default="ecosoc-2006-rt6")
@click.option("--json", "as_json", is_flag=True, help="Print the footnotes and their references as JSON.")
@click.pass_context
def sources(ctx, name, as_json):
    """The sources behind a document's footnotes, each resolved to the catalogue.

    Ibid and op. cit. resolve backwards to earlier footnotes; what cannot be resolved is
    said, never guessed. NAME defaults to the ECOSOC note.

    \b
    Example:
      lexmig sources
      lexmig sources note --json
    """
    from lexmig.search.sources import resolve_footnotes

    lib = _library(ctx)
    entry, found = _run(lib.passages, name)
    notes = [(p.label, p.anchor, p.text) for p in found if p.kind == "footnote" and p.lang == "en"]
    resolved = resolve_footnotes(notes, lib.catalogue)
    if as_json:
        click.echo(json.dumps({"doc_id": entry.id, "footnotes": [f.to_json() for f in resolved]},
                              indent=2, ensure_ascii=False))
        return
    if not resolved:
        click.echo(f"{entry.id} has no footnotes.")
        ctx.exit(1)
    anchors = {p.passage_id: p for p in found}
    from lexmig.indexer.citation import format_citation

    for note in resolved:
        where = anchors.get(note.anchor)
        place = f" (in {format_citation(where, entry, short=True)})" if where else ""
        click.echo(f"fn. {note.label}{place}: {note.text}")
        for ref in note.references:
            if ref.resolved_to:
                target = lib.catalogue.get(ref.resolved_to)
                click.echo(f"  -> {ref.resolved_to}: {target.cite_as} [{ref.rule}, {ref.confidence:.2f}]")
            else:
                click.echo(f"  -> unresolved [{ref.rule}]")
            click.echo(f"     {ref.evidence}")
        click.echo()


@cli.command("cite", context_settings=CONTEXT)
@click.argument("text", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the resolution as JSON.")
@click.pass_context
def cite_command(ctx, text, as_json):
    """Resolve a citation pasted from another paper to the catalogue (and the passage).

    Takes a bibliographic string, a document symbol, an instrument name, long title or
    number, a speech by speaker, forum and date, with or without a pinpoint. An exact
    number or symbol is decisive; a resolution that adopts several instruments lists them.
    Exit 1 when nothing matches, with the nearest candidates.

    \b
    Example:
      lexmig cite "World Bank, Global Economic Prospects 2006"
      lexmig cite A/RES/55/25
      lexmig cite "Convention on Domestic Workers, 2011 (No. 189), Article 15"
      lexmig cite "ILO C181, art. 7(1)" --json
    """
    from lexmig.indexer.citation import format_citation, passage_json
    from lexmig.search.rank import Engine
    from lexmig.search.sources import resolve_citation

    query = " ".join(text)
    lib = _library(ctx)
    engine = _run(Engine, lib)
    result = resolve_citation(query, lib.catalogue, engine)
    if as_json:
        passage = None
        if result.passage is not None:
            passage = passage_json(result.passage, lib.catalogue.get(result.passage.doc_id))
        click.echo(json.dumps({
            "input": result.input, "resolved_to": result.resolved_to, "passage": passage,
            "confidence": round(result.confidence, 3), "rule": result.rule, "evidence": result.evidence,
            "alternatives": [{"id": c.doc_id, "confidence": round(c.confidence, 3), "rule": c.rule,
                              "reason": c.evidence} for c in result.alternatives],
        }, indent=2, ensure_ascii=False))
        ctx.exit(0 if result.resolved_to else 1)
    if result.resolved_to is None:
        near = ", ".join(c.doc_id for c in result.alternatives) or "none"
        click.echo(f'No catalogue document matches "{query}". Nearest: {near}.', err=True)
        ctx.exit(1)
    entry = lib.catalogue.get(result.resolved_to)
    click.echo(f"{entry.id}: {entry.cite_as}")
    facts = [entry.type, entry.body] + ([entry.adopted] if entry.adopted else []) + \
        ([entry.symbol] if entry.symbol else [])
    click.echo("  " + " · ".join(facts))
    if entry.url:
        click.echo(f"  {entry.url}")
    click.echo(f"  confidence {result.confidence:.2f} ({result.rule}): {result.evidence}")
    if result.passage is not None:
        click.echo()
        click.echo(format_citation(result.passage, entry))
        click.echo(format_citation(result.passage, entry, short=True))
        click.echo(result.passage.text)
    elif result.pinpoint_missing:
        click.echo(f"  {entry.short_title} has no {result.pinpoint_missing}.")
    elif entry.id not in lib.installed() and result.rule == "citation":
        click.echo(f"  Its text is not installed: lexmig fetch {entry.id} (or lexmig add FILE --id {entry.id}).")
    adopted = [c for c in result.alternatives if c.rule == "adopted"]
    if adopted:
        example = lib.catalogue.get(adopted[0].doc_id).symbol or ""
        click.echo(f"  It adopts {len(adopted)} instrument{'s' if len(adopted) > 1 else ''}; "
                   f"cite the one you mean{f' (e.g. {example!r})' if example else ''}:")
        for c in adopted:
            click.echo(f"    {c.doc_id}: {lib.catalogue.get(c.doc_id).cite_as} ({c.evidence})")
    others = [c for c in result.alternatives if c.rule != "adopted"]
    if others:
        click.echo("  also close: " + ", ".join(f"{c.doc_id} ({c.confidence:.2f}, {c.rule})" for c in others))


def _link_line(link, catalogue) -> str:
    if link.kind == "internal":
        return f"{link.label} -> {link.target}"
    if link.doc_id is None:
        return f"{link.label} -> not in the catalogue ({link.why})"
    return f"{link.label} -> {link.doc_id}: {catalogue.get(link.doc_id).cite_as}"


@cli.command(context_settings=CONTEXT)
@click.argument("citation", nargs=-1, required=True)
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1, 50),
              help="How many close provisions of other instruments.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def related(ctx, citation, limit, as_json):
    """What a unit cites, what cites it, and the closest provisions of other instruments.

    \b
    Example:
      lexmig related "C97 art. 9"
      lexmig related "C97 Annex II art. 3"
    """
    from lexmig.indexer.citation import passage_json

    lib, unit, relations = _unit_relations(ctx, citation)
    found = relations.related(unit, limit)
    cat = lib.catalogue

    def cite(p):
        return _citation(p, cat)

    if as_json:
        click.echo(json.dumps({
            "unit": passage_json(unit, cat.get(unit.doc_id)),
            "cites": [link.to_json() for link in found.cites],
            "cited_by": [dict(link.to_json(), passage=passage_json(p, cat.get(p.doc_id))) for p, link in found.cited_by],
            "closest": _closes_json(found.closest, cat),
        }, indent=2, ensure_ascii=False))
        return
    click.echo(cite(unit) + (f" — {unit.title}" if unit.title else ""))
    click.echo()
    click.echo("Cites:" if found.cites else "Cites: nothing lexmig recognises.")
    for link in found.cites:
        click.echo("  " + _link_line(link, cat))
    click.echo("Cited by:" if found.cited_by else "Cited by: no unit lexmig knows.")
    for passage, link in found.cited_by:
        click.echo(f"  {cite(passage)} ('{link.label}')")
    _echo_closes("Closest provisions in other instruments", found.closest, cat)


@cli.command(context_settings=CONTEXT)
@click.argument("citation", nargs=-1, required=True)
@click.option("--limit", default=8, show_default=True, type=click.IntRange(1, 50))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def support(ctx, citation, limit, as_json):
    """What supports or concerns a paragraph of a policy paper, each item with why.

    First the paragraph's own footnote sources, then the provisions of the instruments it
    names, then provisions of binding instruments that share one of its subjects (thesaurus
    groups); words shared without a subject are not evidence. Exit 1 when nothing is found.

    \b
    Example:
      lexmig support "note para 11"
      lexmig support "note para 18" --json
    """
    from lexmig.indexer.citation import passage_json

    lib, unit, relations = _unit_relations(ctx, citation)
    found = relations.support(unit, limit)
    cat = lib.catalogue
    if as_json:
        click.echo(json.dumps({
            "unit": passage_json(unit, cat.get(unit.doc_id)),
            "subjects": found.subjects,
            "sources": [dict(ref.to_json(), footnote=label) for label, ref in found.sources],
            "mentions": [link.to_json() for link in found.mentions],
            "items": [{"kind": i.kind, "doc_id": i.doc_id, "why": i.why, "score": round(i.score, 3),
                       "passage": passage_json(i.passage, cat.get(i.doc_id)) if i.passage else None}
                      for i in found.items],
        }, indent=2, ensure_ascii=False))
        ctx.exit(0 if found.items else 1)
    click.echo(_citation(unit, cat))
    click.echo()
    click.echo("Its subjects: " + (", ".join(found.subjects) or "none that the thesaurus knows"))
    if not found.items:
        click.echo("Nothing supports it that lexmig can show: no footnote source, no instrument named, no "
                   "provision sharing its subjects (shared words alone are not evidence).")
        ctx.exit(1)
    click.echo("What supports or concerns it:")
    for item in found.items:
        if item.passage is not None:
            title = f" — {item.passage.title}" if item.passage.title else ""
            click.echo(f"  {_citation(item.passage, cat)}{title}")
        else:
            click.echo(f"  {item.doc_id}: {cat.get(item.doc_id).cite_as}")
        click.echo(f"    why: {item.why}")


def _unit_relations(ctx, citation):
    from lexmig.search.rank import Engine
    from lexmig.search.related import Relations

    lib = _library(ctx)
    engine = _run(Engine, lib)
    unit = _run(engine.show, " ".join(citation))
    return lib, unit, Relations(engine)


def _citation(passage, catalogue) -> str:
    from lexmig.indexer.citation import format_citation

    return format_citation(passage, catalogue.get(passage.doc_id))


def _closes_json(closes, catalogue) -> list[dict]:
    from lexmig.indexer.citation import passage_json

    return [{"passage": passage_json(c.passage, catalogue.get(c.passage.doc_id)), "score": round(c.score, 3),
             "why": c.why} for c in closes]


def _echo_closes(heading: str, closes, catalogue):
    click.echo(f"{heading}:" if closes else f"{heading}: none found.")
    for close in closes:
        title = f" — {close.passage.title}" if close.passage.title else ""
        click.echo(f"  {_citation(close.passage, catalogue)}{title}")
        click.echo(f"    why: {close.why}")


def main():
    cli(prog_name="lexmig")
