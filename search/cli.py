"""The `lexmig` command line: thin commands over `indexer.library.Library`.

Exit codes: 0 success (found), 1 nothing found, 2 error. Errors are one line, no traceback.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import signal
import sys
from pathlib import Path

import click

from lexmig.indexer import settings
from lexmig.indexer.errors import LexmigError

from . import render
from .options import (accept_unstructured_option, added_language, citation_argument, document_argument, dry_run_option,
                      filter_option, json_option, lang_option, language_code, limit_option, ocr_options, path_argument,
                      words_argument, WholeNumber)

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _one_output(as_json: bool, export: str | None, command: str):
    """--json and --format name two outputs: one of them was printed, the other silently not."""
    if as_json and export:
        raise Exit(f"--json and --format {export} are two outputs; give one or the other (see lexmig {command} -h).")


class Exit(click.ClickException):
    """A one-line error with lexmig's exit code."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.exit_code = code  # type: ignore[misc]  # click declares it a ClassVar; the instance's is the one read

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


class LexmigGroup(click.Group):
    """lexmig's commands: strict options, and every error one line with its exit code.

    The library's errors (`LexmigError`, with their `exit_code`) and the operating
    system's (a data home that cannot be created, a full disk ...) raised anywhere in a
    command become one line on stderr, never a traceback."""

    command_class = _StrictCommand

    def command(self, *args, **kwargs):
        """A command with lexmig's help options and width (and its own settings, if any)."""
        kwargs["context_settings"] = {**CONTEXT, **kwargs.get("context_settings", {})}
        return super().command(*args, **kwargs)

    def parse_args(self, ctx, args):
        return _one_line_usage_errors(super().parse_args, ctx, args, "lexmig")

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LexmigError as exc:
            raise Exit(str(exc), exc.exit_code) from None
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                _output_closed()
            where = f"{exc.filename}: " if exc.filename else ""
            raise Exit(f"{where}{exc.strerror or exc}; check the path and its permissions "
                       "(choose the data home with --home or LEXMIG_HOME).") from None


def _output_closed():
    """The reader of lexmig's output has gone (`lexmig search ... | head -1`): end quietly with
    the status of a process killed by SIGPIPE (141), as grep and git end, once the command has
    unwound (a change in progress rolled back). Click ended with 1, which lexmig's scripts read
    as "nothing found"."""
    with contextlib.suppress(OSError, ValueError):  # what is still buffered goes nowhere, unsaid
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    raise click.exceptions.Exit(128 + signal.SIGPIPE)


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


def _echo(lines, err: bool = False):
    for line in lines:
        click.echo(line, err=err)


def _echo_json(data):
    click.echo(render.json_text(data))


def _library(ctx: click.Context):
    from lexmig.indexer.library import Library

    return Library(ctx.obj["home"], lock_wait=ctx.obj.get("wait"))


def _home_given(ctx, param, value):
    """`lexmig --home "$H" ...` with H unset is an error: the empty path was the current folder,
    which became a data home (its index, lock and, on add, documents and catalogue)."""
    if value is not None and not value.strip():
        raise click.UsageError("--home is empty: give the data home's folder, or leave --home out for the default "
                               "(is the shell variable that holds it set?).")
    return Path(value) if value is not None else None


@click.group(cls=LexmigGroup, context_settings=CONTEXT)
@click.option("--home", type=click.Path(file_okay=False), default=settings.home, callback=_home_given,
              help="Data directory for stored documents, the working catalogue and the index "
                   "[env: LEXMIG_HOME; default: the per-user data directory].")
@click.option("--wait", type=click.FloatRange(0), default=settings.lock_wait,
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


@cli.command()
@document_argument("ids", nargs=-1)
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
    results = lib.fetch(list(ids), mirror)
    for result in results:
        click.echo(render.fetch_line(result), err=not result.ok)
    if mirror is not None and not ids:  # what fetch cannot install, and how to add it
        _echo(render.mirror_extra_line(extra) for extra in lib.mirror_extras(mirror))
    click.echo(render.fetch_summary(results))
    if not all(r.ok for r in results):
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


@cli.command()
@path_argument("files", "file or folder to add", nargs=-1)
@click.option("--id", "doc_id", help="Catalogue id (lower-case letters, digits, hyphens).")
@click.option("--title", help="Full title.")
@click.option("--short-title", help="Name used in short citations.")
@click.option("--cite-as", help="Name used in full citations (default: the title).")
@click.option("--type", "doc_type", help="convention, recommendation, protocol, report, ...")
@click.option("--body", help="Issuing body.")
@click.option("--date", "adopted", help="Date of adoption: YYYY, YYYY-MM or YYYY-MM-DD.")
@click.option("--symbol", help="Document symbol, e.g. A/RES/45/158.")
@click.option("--lang", callback=added_language, help="Language code of the text (default en).")
@click.option("--meta", type=click.Path(path_type=Path), help="A TOML file with the metadata (options win).")
@dry_run_option()
@accept_unstructured_option("Add a document without legal structure (or mostly empty pages) as one unit.")
@click.option("--max-size", type=WholeNumber(1), help="Size limit in bytes (default 50 MB).")
@ocr_options
@click.pass_context
def add(ctx, files, doc_id, title, short_title, cite_as, doc_type, body, adopted, symbol, lang, meta, dry_run,
        accept_unstructured, max_size, ocr):
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
    added, refused = lib.add(list(files), options, accept_unstructured, dry_run, _progress("Reading"), ocr=ocr)
    for prepared in added:
        _echo(render.added_lines(prepared, dry_run))
    _echo((f"Refused: {reason}" for reason in refused), err=True)
    if dry_run:
        click.echo(render.DRY_RUN)
    if len(added) + len(refused) > 1:
        click.echo(render.add_summary(len(added), len(refused), dry_run))
    if refused:
        ctx.exit(2)


@cli.command()
@document_argument("name")
@path_argument("file", "file with the new text")
@dry_run_option()
@accept_unstructured_option("Accept a text without legal structure.")
@ocr_options
@click.option("--force", is_flag=True, help="Replace the text even when the file looks like another document.")
@click.pass_context
def update(ctx, name, file, dry_run, accept_unstructured, ocr, force):
    """Replace the text of an installed document, keeping its id and catalogue entry.

    A file whose text is unlike the stored one and whose title names another document is
    refused (add it with its own id), unless --force.

    \b
    Example:
      lexmig update c097 c097-corrected.md
      lexmig update a-47-60 --ocr better-scan.pdf
    """
    lib = _library(ctx)
    _echo(render.updated_lines(lib.update(name, file, accept_unstructured, dry_run, ocr, force), dry_run))


@cli.command()
@document_argument("name")
@click.option("--force", is_flag=True, help="Also hide the built-in founding note.")
@click.pass_context
def remove(ctx, name, force):
    """Remove a document: its stored file, its catalogue entry (if added) and its passages.

    \b
    Example:
      lexmig remove my-report
    """
    lib = _library(ctx)
    entry = lib.remove(name, force)
    click.echo(render.removed_line(entry))


@cli.command()
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
        _echo(render.repair_lines(lib.repair()))
    elif not lib.index_path.exists():
        lib.ensure_index()  # a fresh home: build the index first, as any command would
    problems = lib.verify()
    if not problems:
        click.echo(render.consistent_line(lib.home, len(lib.installed())))
        return
    _echo(render.problem_line(problem) for problem in problems)
    ctx.exit(1)


def _why_nothing(text: str, result, lib) -> str | None:
    """Why a query finds nothing where its words cannot be searched for, and what to do: they are
    common words alone ("the of and"), or a document's name alone ("C97")."""
    from lexmig.indexer.thesaurus import stems

    if not stems(text) and not any(c.isdigit() for c in text):
        if all(len(word) < 2 for word in re.findall(r"\w+", text)):  # "ä": a letter, no common word
            return "a single letter is too short to search for; give whole words"
        return "its words are too common to search for; add one that names what you look for"
    if not result.name_only:
        return None
    doc_id, name = result.named, lib.catalogue.get(result.named).short_title
    if doc_id not in lib.installed():
        return f"it names {name}, whose text is not installed"
    return f"it names {name} and no words to look for in it; add them after its name, or list its units: lexmig passages {doc_id}"


@cli.command()
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
    click.echo(render.index_line(lib.update_index(rebuild=rebuild, progress=_progress("Indexing"))))


@cli.command()
@document_argument("names", nargs=-1)
@json_option()
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
    _one_output(as_json, export, "catalogue")
    lib = _library(ctx)
    installed = lib.installed()
    if export:
        from lexmig.search.export import bibtex, csl_item

        chosen = [lib.catalogue.resolve(n) for n in names] or sorted(lib.catalogue, key=lambda e: e.id)
        if export == "bibtex":
            click.echo(bibtex(chosen), nl=False)
        else:
            click.echo(render.json_text([csl_item(e) for e in chosen]))
        return
    if len(names) > 1:
        raise Exit("give one name to show an entry, or use --format to export several.")
    if names:
        entry = lib.catalogue.resolve(names[0])
        if as_json:
            _echo_json(render.entry_json(entry, installed))
        else:
            _echo(render.entry_lines(entry, installed))
        return
    entries = sorted(lib.catalogue, key=lambda e: e.id)
    if as_json:
        _echo_json([render.entry_json(e, installed) for e in entries])
    else:
        _echo(render.catalogue_lines(entries, installed))


@cli.command()
@document_argument("name")
@json_option("Print a JSON list of passages.")
@click.option("--lang", metavar="CODE", callback=language_code,
              help="Only passages in this language (two letters: en, nl, fr ...).")
@click.pass_context
def passages(ctx, name, as_json, lang):
    """List a document's passages in order: id, unit, page, first words.

    The tool to check segmentation by eye.

    \b
    Example:
      lexmig passages c097
      lexmig passages "C97" --lang nl --json
    """
    lib = _library(ctx)
    entry, found = lib.passages(name)
    if lang:
        languages = sorted({p.lang for p in found})
        found = [p for p in found if p.lang == lang]
        if not found and languages:  # as show and search say it, where "0 passages ()" exited 0
            from lexmig.search.rank import no_text_in

            raise Exit(no_text_in(entry.short_title, lang, languages))
    if as_json:
        _echo_json(render.passages_json(entry, found))
    else:
        _echo(render.passages_lines(entry, found))


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


@cli.command(context_settings={"ignore_unknown_options": True})
@words_argument("query", "the query is empty: give the words to search for")
@filter_option("--doc", help="Only this document (id or alias: C97, \"1990 Convention\").")
@filter_option("--type", "doc_type", help="Only documents of this type (convention, protocol, ...).")
@filter_option("--body", help="Only documents of this issuing body (ILO, WTO, ...).")
@filter_option("--year", help="Adopted in FROM..TO (1949..1975, 1990.., ..2000, 1949).")
@filter_option("--subject", help="Only provisions filed under this subject (see lexmig subjects).")
@lang_option("Language of the passages.", default=None)
@limit_option(10, 1000, "Number of hits.")
@click.option("--full", is_flag=True, help="Print whole passages instead of snippets.")
@click.option("--context", default=0, type=WholeNumber(0, 20), help="Also show N neighbouring units.")
@json_option("Print one JSON object (see README).")
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
    from lexmig.indexer.errors import NoMatchingDocuments, QueryError
    from lexmig.search.citations import cited_units
    from lexmig.search.rank import Engine, Filters

    text = " ".join(query)
    _one_output(as_json, export, "search")
    lib = _library(ctx)
    engine = Engine(lib)
    filters = Filters(doc=doc, doc_type=doc_type, body=body, years=_years(year), lang=lang, subject=subject)

    try:
        result = engine.search(text, filters, limit=limit, expand=not no_expand, explain=explain)
    except NoMatchingDocuments as exc:  # the filters choose no installed text: nothing found, and why
        click.echo(render.no_hits_line(text, str(exc)), err=True)
        ctx.exit(1)
    except QueryError:
        # "C97 arts 6-8" said "'-8' only excludes words": a range of units read as a word to exclude
        with contextlib.suppress(ValueError):
            if cited_units(text):
                raise QueryError(f"'{text}' cites several units; show them with: lexmig show \"{text}\"") from None
        raise
    if as_json:
        _echo_json(render.result_json(result, lib.catalogue, full))
        ctx.exit(0 if result.hits else 1)
    if export:
        from lexmig.search.export import hit_csl_item

        items = [hit_csl_item(h.passage, lib.catalogue.get(h.passage.doc_id)) for h in result.hits]
        _echo_json(items)
        ctx.exit(0 if result.hits else 1)
    colour = render.use_colour(sys.stdout)
    _echo(render.plan_lines(result, explain))
    if not result.hits:
        why = _why_nothing(text, result, lib)
        if why is None and filters.describe():  # the words are there, not in what the filters chose
            why = f"no passage that these filters choose ({filters.describe()}) has its words; try without one of them"
        click.echo(render.no_hits_line(text, why), err=True)
        ctx.exit(1)
    for hit in result.hits:
        neighbours = engine.neighbours(hit.passage, context) if context else ()
        click.echo("\n".join(render.format_hit(hit, lib.catalogue, full, colour, neighbours)))
        click.echo()


@cli.command()
@citation_argument()
@lang_option(default=None)
@json_option("Print the passage, its sub-units and footnotes as JSON.")
@click.pass_context
def show(ctx, citation, lang, as_json):
    """Print one unit by its citation or passage id, with its sub-units and footnotes.

    \b
    Every body's pinpoint style is read: "Art. 6(1)(b)", "art. 22, para. 3", "Art. I:2(d)",
    "Article 12 § 1", "Recital 12", "s 5AAA", "GA res. 45/158, annex, art. 22"; a law's own
    "§ 2 Abs. 1", "art. 2 a)", "art. 1er". Several units: "Articles 6-8", "arts. 6 and 7"
    (each shown; --json gives a list).

    \b
    Example:
      lexmig show "C97 art. 6(1)(b)"
      lexmig show "note para 11"
      lexmig show "GATS Art. I:2(d)"
      lexmig show "ETS 93 Article 12 § 1"
      lexmig show c097/art-6/1/b
    """
    from lexmig.search.rank import Engine

    from lexmig.indexer.errors import UnknownCitation
    from lexmig.search.citations import (cited_units, find_citation, language_tag, sentence_of, sentence_pinpoint,
                                         unknown_treaty)

    text, tagged = language_tag(" ".join(citation))  # pasted as lexmig prints it: "C097, Art. 6 [nl]"
    lang = lang or tagged
    asked = text
    text, sentence = sentence_pinpoint(text)  # "C97 art. 6(1), first sentence": that sentence of Article 6(1)
    try:
        texts = cited_units(text)  # "Articles 6-8 of C97": each of them
    except ValueError as exc:
        raise UnknownCitation(f"'{text}': {exc}") from None
    lib = _library(ctx)
    treaty = unknown_treaty(text, lib.catalogue)
    if treaty:  # "1 UNTS 15, art. 2" was "No document '1 UNTS 15' in the catalogue. Did you mean: unctad-em25-2"
        raise UnknownCitation(f"'{asked}': {treaty}")
    engine = Engine(lib)
    shown = []
    for one in texts or [text]:
        try:
            unit = engine.show(one, lang)
        except UnknownCitation as exc:  # "'paras 1-3' names a unit but no document", not "'para. 1'"
            message = str(exc)
            raise UnknownCitation(message.replace(f"{one}'", f"{asked}'") if message.startswith(f"'{one}'")
                                  else message) from None
        ref = find_citation(one, lib.catalogue) if "/" not in one or " " in one.strip() else None
        left = ref.leftover(one, lib.catalogue) if ref else None
        if left:  # "C97 arts 6-8 first" showed Articles 6 to 8, the word dropped
            read = ref.describe() if len(texts or [text]) == 1 else "the units listed"  # not "Article 6" for "arts 6-8"
            raise UnknownCitation(f"'{asked}': lexmig reads {lib.catalogue.get(ref.doc_id).short_title}, {read} "
                                  f"in it, but not '{left}'; cite the unit alone, or a sentence of it as "
                                  f"'C97 art. 6(1), first sentence'.")
        inside = engine.children(unit)
        entry = lib.catalogue.get(unit.doc_id)
        one_sentence = None if sentence is None else sentence_of(unit, sentence, entry, asked)
        shown.append((unit, entry, [p for p in inside if p.kind != "footnote" and one_sentence is None],
                      [p for p in inside if p.kind == "footnote"], one_sentence))
    if as_json:
        found = [render.show_json(*parts) for parts in shown]
        _echo_json(found if texts else found[0])
    else:
        _echo([line for i, parts in enumerate(shown) for line in ([""] if i else []) + render.show_lines(*parts)])

def _judged_sets_help() -> str:
    """`eval --set`'s help, from the shipped sets (evaluation.SETS): a set registered there needs no edit here."""
    from lexmig.search.evaluation import SETS

    fresh = [name for name in SETS if name.startswith("fresh")]
    return ("A shipped judged set, corpus/qrels-NAME.toml: tuning (corpus/qrels.toml) and heldout, measured when no "
            f"set is named; unseen, {fresh[0]} and {fresh[1]} to {fresh[-1]}, the later held-out sets of plain-language "
            "questions, measured only when named; national and national2, questions about three national laws a user "
            "adds, measured only when named (eval names the add commands when they are missing). Repeat for several.")


@cli.command("eval")
@path_argument("qrels", "qrels file", required=False)
@click.option("--set", "sets", multiple=True, metavar="NAME", help=_judged_sets_help())
@json_option("Print the report, per set and per query, as JSON.")
@click.option("--queries", is_flag=True, help="Also list each query with its scores.")
@click.pass_context
def evaluate(ctx, qrels, sets, as_json, queries):
    """Measure ranking quality on judged queries: lexmig beside a plain-BM25 baseline.

    Prints P@1, MRR@10 and nDCG@10 at article level (a paragraph counts as its article), per
    judged set and per query kind, and the share of plain-language questions whose first hit
    answers them. Without QRELS, the judged sets shipped with lexmig, each reported apart:
    the tuning set (corpus/qrels.toml) and the held-out set (corpus/qrels-heldout.toml); the
    later held-out sets only when named with --set.
    Fetch the reference corpus first: the judgements are about its documents.

    \b
    Example:
      lexmig eval
      lexmig eval --set heldout --queries
      lexmig eval my-qrels.toml --json
    """
    from lexmig.search.evaluation import (evaluate as run_eval, load_qrels, require_documents, require_judged_installed,
                                          shipped_sets)
    from lexmig.search.rank import Engine

    if qrels and sets:
        raise Exit("give a QRELS file or --set, not both.")
    chosen = [(Path(qrels).name, Path(qrels))] if qrels else shipped_sets(list(sets) or None)
    judged = [(name, load_qrels(path)) for name, path in chosen]
    lib = _library(ctx)
    for name, path in chosen:
        require_documents(lib.installed(), name, path)
    engine = Engine(lib)
    for name, items in judged:
        require_judged_installed(engine.installed, name, items, engine.searcher)
    reports = {name: run_eval(engine, items) for name, items in judged}
    if as_json:
        click.echo(render.json_text({"sets": reports}, ascii_only=True))
        return
    for i, (name, report) in enumerate(reports.items()):
        if i:
            click.echo()
        _echo(render.eval_report_lines(report, name))
        if queries:
            click.echo()
            _echo(render.eval_query_lines(report))


@cli.command()
@click.argument("name", nargs=-1)
@lang_option("Language of the provisions.")
@json_option("Print JSON (see README).")
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
    from lexmig.indexer.subjects import browse, find_subject, load_subjects, subject_counts
    from lexmig.search.rank import Engine

    lib = _library(ctx)
    engine = Engine(lib)
    if not name:
        counts = subject_counts(engine.searcher, engine.installed, lang)
        if as_json:
            _echo_json(render.subjects_json(load_subjects(), counts))
        else:
            _echo(render.subjects_lines(load_subjects(), counts))
        return
    subject = find_subject(" ".join(name))
    filed = browse(engine.searcher, subject, engine.installed, lang)
    if as_json:
        _echo_json(render.subject_json(subject, filed, lib.catalogue))
        ctx.exit(0 if filed else 1)
    _echo(render.subject_lines(subject, filed, lib.catalogue))
    if not filed:
        click.echo(render.NOTHING_FILED, err=True)
        ctx.exit(1)

@cli.command()
@document_argument("name", required=False, default="ecosoc-2006-rt6")
@json_option("Print the footnotes and their references as JSON.")
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
    entry, found = lib.passages(name)
    notes = [(p.label, p.anchor, p.text) for p in found if p.kind == "footnote" and p.lang == "en"]
    resolved = resolve_footnotes(notes, lib.catalogue)
    if as_json:
        _echo_json(render.sources_json(entry, resolved))
        return
    if not resolved:
        click.echo(render.no_footnotes_line(entry))
        ctx.exit(1)
    _echo(render.sources_lines(entry, resolved, found, lib.catalogue))

@cli.command("cite")
@words_argument("text", "the text to resolve is empty: paste the citation")
@json_option("Print the resolution as JSON.")
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
    from lexmig.indexer.errors import UnknownCitation
    from lexmig.search.citations import cited_units
    from lexmig.search.rank import Engine
    from lexmig.search.sources import resolve_citation, split_citations

    lib = _library(ctx)
    engine = Engine(lib)
    parts = []
    for part in split_citations(" ".join(text), lib.catalogue):
        try:  # "C97 arts. 6-8": each unit, as show gives them (cite gave Article 6 and said it could not read "-8")
            parts += cited_units(part) or [part]
        except ValueError as exc:
            raise UnknownCitation(f"'{part}': {exc}") from None
    results = [resolve_citation(part, lib.catalogue, engine) for part in parts]
    if as_json:
        found = [render.cite_json(result, lib.catalogue) for result in results]
        _echo_json(found[0] if len(found) == 1 else found)
    else:
        for n, result in enumerate(results):
            if n:
                click.echo()
            if result.resolved_to is None:
                click.echo(render.unresolved_line(result.input, result, lib.catalogue), err=True)
            else:
                _echo(render.cite_lines(result, lib.catalogue, lib.installed()))
    ctx.exit(0 if all(result.resolved_to for result in results) else 1)

@cli.command()
@citation_argument()
@limit_option(5, 50, "How many close provisions of other instruments.")
@json_option()
@click.pass_context
def related(ctx, citation, limit, as_json):
    """What a unit cites, what cites it, and the closest provisions of other instruments.

    \b
    Example:
      lexmig related "C97 art. 9"
      lexmig related "C97 Annex II art. 3"
    """
    lib, unit, relations = _unit_relations(ctx, citation)
    found = relations.related(unit, limit)
    if as_json:
        _echo_json(render.related_json(unit, found, lib.catalogue))
    else:
        _echo(render.related_lines(unit, found, lib.catalogue))

@cli.command()
@citation_argument()
@limit_option(8, 50)
@json_option()
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
    lib, unit, relations = _unit_relations(ctx, citation)
    found = relations.support(unit, limit)
    if as_json:
        _echo_json(render.support_json(found, lib.catalogue))
    else:
        _echo(render.support_lines(found, lib.catalogue))
    if not found.items:
        ctx.exit(1)

def _unit_relations(ctx, citation):
    from lexmig.indexer.errors import UnknownCitation
    from lexmig.search.citations import cited_units, language_tag
    from lexmig.search.rank import Engine
    from lexmig.search.related import Relations

    text, lang = language_tag(" ".join(citation))
    with contextlib.suppress(ValueError):  # (a range too long or backwards is said by show, below)
        several = cited_units(text)
        if several:  # "note paras 10 and 11" was told to write "several units as a list or a range"
            raise UnknownCitation(f"'{text}' cites {len(several)} units; {ctx.info_name} takes one, as in '{several[0]}'.")
    lib = _library(ctx)
    engine = Engine(lib)
    unit = engine.show(text, lang)
    return lib, unit, Relations(engine)


def main():
    # `kill` (SIGTERM) ends lexmig as Ctrl-C does: a change in progress is rolled back and
    # the temporary files and Tesseract processes of an OCR run are cleaned up ("Aborted!",
    # exit 1), where Python's default ended the process at once and left them behind.
    signal.signal(signal.SIGTERM, _interrupted)
    # Processes forked from it (Whoosh's indexing workers, OCR's) keep the default.
    os.register_at_fork(after_in_child=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL))
    cli(prog_name="lexmig")


def _interrupted(signum, frame):
    raise KeyboardInterrupt
