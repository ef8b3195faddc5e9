"""Options and arguments shared by several commands, declared once (as sqlite-utils'
`output_options`). Each takes the help text where the commands say it differently."""

from __future__ import annotations

import re

import click


def json_option(help: str = "Print JSON."):
    return click.option("--json", "as_json", is_flag=True, help=help)


def language_code(ctx, param, value):
    """A --lang value as the catalogue keeps it, whatever the case typed (EN is en); None stays None."""
    from lexmig.indexer.catalogue import LANG_RE

    if value is None:
        return None
    code = value.lower()
    if not LANG_RE.fullmatch(code):
        raise click.BadParameter(f"'{value}' is not a two-letter language code (en, fr, de, nl ...).")
    return code


def added_language(ctx, param, value):
    """`add --lang` as the catalogue keeps it, in lower case ("EN" is en). Two letters that no
    language has (`xx`) are refused here, as a typo; any other form is left to the catalogue
    entry's own check, which says what is wrong with it. (Only for a new entry: a catalogue
    already holding such a code still loads.)"""
    if not value:
        return value
    code = value.lower()
    if re.fullmatch(r"[a-z]{2}", code):
        import pycountry

        if pycountry.languages.get(alpha_2=code) is None:
            raise click.BadParameter(f"'{value}' is not a language's two-letter code (ISO 639-1: en, fr, es, ar, km ...).")
    return code


def lang_option(help: str | None = None, default: str | None = "en"):
    """The language of the passages a command reads, as a two-letter code (a librarian may
    add a text in any language: `add --lang km`). Without a default: English, and each
    document that has no English text in its own language."""
    if default is None:
        help = f"{help or 'Language of the passages.'} [default: English, and a document without English in its own]"
    return click.option("--lang", default=default, show_default=default is not None, callback=language_code,
                        metavar="CODE", help=help)


class WholeNumber(click.IntRange):
    """click's IntRange, named as users say it: "'1e9' is not a valid whole number", not "integer range"."""
    name = "whole number"


def filter_option(*decls: str, help: str):
    """A search filter (--doc, --type, --body, --year, --subject). Given empty (`--doc "$DOC"`
    with DOC unset) it is an error, never no filter: the search would have run on everything."""
    def given(ctx, param, value):
        if value is not None and not value.strip():
            raise click.UsageError(f"{param.opts[0]} is empty: give a value or leave {param.opts[0]} out "
                                   "(is the shell variable that holds it set?).")
        return value
    return click.option(*decls, help=help, callback=given)


def limit_option(default: int, most: int, help: str | None = None):
    return click.option("--limit", default=default, show_default=True, type=WholeNumber(1, most), help=help)


def words_argument(name: str, empty: str):
    """Words typed as one argument or several ("family reunion" or family reunion), never
    blank or wordless: `lexmig search ""` and `lexmig search -- "*"` are errors saying so, not
    a search for nothing or for everything. `empty` says what is wrong, a colon, what to do."""
    def nonblank(ctx, param, value):
        typed = " ".join(value or ())
        if value and not typed.strip():
            raise click.UsageError(empty)
        if value and not re.search(r"\w", typed):
            raise click.UsageError(f"'{typed.strip()}' has no word in it: {empty.split(': ', 1)[1]}")
        return value
    return click.argument(name, nargs=-1, required=True, callback=nonblank)


def path_argument(name: str, what: str, nargs: int = 1, required: bool = True):
    """A file (or folder) argument, never empty: `lexmig add "$FILE"` with FILE unset is an
    error, where the empty path was read as the current folder (and every file in it added)."""
    from pathlib import Path

    def given(ctx, param, value):
        values = value if nargs != 1 else (value,)
        if any(v is not None and not v.strip() for v in values):
            raise click.UsageError(f"the path of the {what} is empty: give the path (is the shell variable that holds it set?).")
        return tuple(Path(v) for v in value) if nargs != 1 else (Path(value) if value is not None else None)
    return click.argument(name, nargs=nargs, required=required, type=click.Path(), callback=given)


def document_argument(name: str, nargs: int = 1, **kwargs):
    """A document's id or alias (or several), never blank: `lexmig fetch "$ID"` with ID unset
    is an error saying so, where it was looked up as a document named ''."""
    from lexmig.indexer.catalogue import EMPTY_NAME

    def given(ctx, param, value):
        values = value if nargs != 1 else (value,)
        if any(v is not None and not v.strip() for v in values):
            raise click.UsageError(EMPTY_NAME)
        return value
    return click.argument(name, nargs=nargs, callback=given, **kwargs)


def citation_argument():
    """A citation typed as one or more words ("C97 art. 6(1)(b)" or C97 art. 6(1)(b))."""
    return words_argument("citation", "the citation is empty: give a unit, as in \"C97 art. 6(1)(b)\"")


def dry_run_option():
    return click.option("--dry-run", is_flag=True, help="Print the quality report and change nothing.")


def accept_unstructured_option(help: str):
    return click.option("--accept-unstructured", is_flag=True, help=help)


def ocr_options(command):
    """--ocr and --ocr-lang (add, update); the command receives `ocr`: Tesseract's languages, or None."""
    def languages(ctx, param, value):
        from lexmig.indexer.ocr import DEFAULT_LANGUAGES

        wanted = ctx.params.pop("ocr_flag", False)
        return value or (DEFAULT_LANGUAGES if wanted else None)

    command = click.option("--ocr-lang", "ocr", metavar="LANGS", callback=languages,
                           help="Tesseract languages for --ocr, joined by '+' (default eng; e.g. khm+eng). "
                                "Implies --ocr.")(command)
    return click.option("--ocr", "ocr_flag", is_flag=True, is_eager=True,
                        help="Run OCR (ocrmypdf, Tesseract) on PDF pages without text, or on a scan saved "
                             "as an image; needs lexmig[ocr], see README.")(command)
