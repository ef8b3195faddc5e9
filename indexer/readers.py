"""Readers: bytes of a PDF, HTML, Markdown or text file -> lines of text with page numbers.

Content decides the format, not the file name. `read_bytes` reads a file with the reader
of its format into an `indexer.source.SourceText`, then runs the cleaning steps
(`indexer.clean.clean_text`: running headers, page numbers, footnotes, boilerplate ...);
`indexer.segment` then finds its structure.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import re
import stat
from pathlib import Path
from typing import Any

from .clean import clean_text, mark_footnote_call
from .errors import BadFile
from .source import BODY_OPEN, MARK_OPEN, Line, SourceText, inline_note, marker


def detect_format(data: bytes) -> str:
    """'pdf', 'html' or 'md' from the bytes themselves."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if re.match(rb"<(!doctype html|html|head|body)\b", head) or re.search(rb"<html[\s>]", head):
        return "html"
    return "md"


def read_file(path: Path, max_bytes: int | None = None) -> SourceText:
    """Read a document file of any supported format; BadFile says what is wrong."""
    return read_bytes(load_file(path, max_bytes), shown(Path(path).name or str(path)))


def shown(name) -> str:
    """A file name or path as a message shows it: a newline or another control character in
    it escaped as Python writes it ("bad\\nname.md"), so that an error stays one line."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(name))


def load_file(path: Path, max_bytes: int | None = None) -> bytes:
    """A document file's bytes; BadFile for a folder, a missing, unreadable or too large file,
    and for anything that is not a regular file (a FIFO or a device would block or never end).

    The one place a document file is read (`lexmig add`, `update`, a mirror copy): the file is
    opened without blocking, checked to be a regular file through its descriptor (so a file
    swapped for a FIFO after the check is refused too), and read to the limit and no further
    (a file that grows while it is read is refused, not read without end)."""
    path = Path(path)
    try:
        regular_file_size(path)  # a FIFO is refused before it is opened: opening one can block
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise _unreadable(path, exc) from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise _not_regular(path, info.st_mode)
        if max_bytes is not None and info.st_size > max_bytes:
            raise _too_large(path, info.st_size, max_bytes)
        size = info.st_size if max_bytes is None else min(info.st_size, max_bytes)
        try:
            # What the file holds and a byte more (read(n) allocates n bytes at once); a file
            # that grew since is read on, to the limit.
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(-1 if max_bytes is None else max_bytes + 1 - len(data))
        except OSError as exc:
            raise _unreadable(path, exc) from None
    if max_bytes is not None and len(data) > max_bytes:
        raise _too_large(path, len(data), max_bytes)
    return data


DOCUMENT_FILE = "a document file (PDF, HTML, Markdown or text)"


def regular_file_size(path: Path, wanted: str = DOCUMENT_FILE) -> int:
    """The size of a regular file (links followed); BadFile for anything else: a folder, a
    FIFO, a socket, a device (its message asks for `wanted`). OSError when it cannot be
    looked at (missing, no permission)."""
    info = Path(path).stat()
    if not stat.S_ISREG(info.st_mode):
        raise _not_regular(Path(path), info.st_mode, wanted)
    return info.st_size


def _not_regular(path: Path, mode: int, wanted: str = DOCUMENT_FILE) -> BadFile:
    if stat.S_ISDIR(mode):
        return BadFile(f"{shown(path)}: is a directory; give {wanted}.")
    what = ("a named pipe (FIFO)" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a plain file")
    return BadFile(f"{shown(path)}: is {what}, not a regular file; give {wanted} saved on disk.")


def _too_large(path: Path, size: int, max_bytes: int) -> BadFile:
    return BadFile(f"{shown(path.name or path)}: {size:,} bytes is over the size limit of {max_bytes:,} bytes; "
                   "split the document or raise the limit.")


def _unreadable(path: Path, exc: OSError) -> BadFile:
    if isinstance(exc, FileNotFoundError):
        return BadFile(f"{shown(path)}: no such file; check the path.")
    if isinstance(exc, PermissionError):
        return BadFile(f"{shown(path)}: cannot be read (permission denied); check the file's permissions.")
    if isinstance(exc, IsADirectoryError):
        return _not_regular(path, stat.S_IFDIR)
    return BadFile(f"{shown(path)}: cannot be read ({exc.strerror or type(exc).__name__}); check the file.")


def read_bytes(data: bytes, name: str) -> SourceText:
    """A document file's bytes read by the reader of its format, and cleaned."""
    if not data.strip():
        raise BadFile(f"{name}: the file is empty; there is nothing to add.")
    data = _utf8_from_utf16(data, name)  # so that an HTML page saved as UTF-16 is seen to be HTML
    data = _page_of_web_archive(data, name)
    kind = detect_format(data)
    try:
        if kind == "pdf":
            return clean_text(read_pdf(data, name))
        if kind == "md":
            _refuse_other_formats(data, name)
        text = decode_text(data, name, _declared_charset(data) if kind == "html" else None)
        if kind == "html":
            return clean_text(read_html(text, name))
        return clean_text(read_markdown(text, name))
    except BadFile:
        raise
    except RecursionError:
        raise BadFile(f"{name}: its structure nests too deeply to read; check the file.") from None
    except Exception as exc:  # a malformed file can make a parser raise anything: one line, not a traceback
        detail = " ".join(str(exc).split())[:80]
        raise BadFile(f"{name}: the {kind.upper() if kind != 'md' else 'text'} file cannot be read "
                      f"({type(exc).__name__}{': ' + detail if detail else ''}); check the file, or save it "
                      "again from its source.") from None


_WEB_ARCHIVE = re.compile(rb"^(?:[\w-]+:[^\n]*\n|[ \t][^\n]*\n)*?content-type:\s*multipart/related", re.I)


def _page_of_web_archive(data: bytes, name: str) -> bytes:
    """The page a web archive holds (MHTML, a browser's "Save as single file": the page and
    its images in one MIME message, the page quoted-printable or base64), as its bytes;
    other data as it is. Read as a file, its encoding's "=3D" and soft line breaks ("migr=")
    were left in the text."""
    if not _WEB_ARCHIVE.match(data[:4096].replace(b"\r\n", b"\n")):
        return data
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            page = part.get_payload(decode=True)
            if isinstance(page, bytes) and page.strip():
                return page
    raise BadFile(f"{name}: a web archive (MHTML) without a page in it; save the page again from the browser "
                  "(as 'Web page, HTML only') and add that.")


# Formats people have documents in that lexmig does not read, told by their first bytes
# (the filetype package's signatures), each with what to do instead.
_ARCHIVES = {"zip", "tar", "gz", "bz2", "xz", "7z", "rar", "zst", "lz", "cab", "Z"}


def other_format(data: bytes) -> tuple[str, str] | None:
    """("image", "PNG"), ("archive", "ZIP"), ("document", "DOCX") ... for a file of a format
    lexmig reads only through OCR or not at all, told by its first bytes; else None."""
    import filetype

    found = filetype.guess(data[:8192])
    if found is None:
        return None
    what = found.extension.upper()
    if found.mime.startswith("image/"):
        return "image", what
    if found.extension in _ARCHIVES:
        return "archive", what
    return ("document", what) if found.mime.startswith("application/") else None


def _refuse_other_formats(data: bytes, name: str):
    """BadFile for an image (without --ocr: indexer.ocr reads one), an office document or an
    archive given as a document."""
    found = other_format(data)
    if found is None:
        return
    kind, what = found
    if kind == "image":
        raise BadFile(f"{name}: an image ({what}), not a text; add it with --ocr to read it by OCR.")
    if kind == "archive":
        raise BadFile(f"{name}: an archive ({what}); unpack it and add the documents in it "
                      "(lexmig add FOLDER).")
    raise BadFile(f"{name}: {what} is not a format lexmig reads; save it as PDF or HTML and add that.")


def decode_text(data: bytes, name: str, declared: str | None = None) -> str:
    """The text of a file: UTF-8 (with or without a BOM), or the encoding an HTML page
    declares (`<meta charset="windows-1252">`: pages saved from older sites)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if declared and _decodes(data, declared):
            text = data.decode(declared)
            if not _looks_binary(text[:8192]):
                return text
        if _looks_binary(data[:8192].decode("latin-1")):
            raise BadFile(f"{name}: not a PDF, HTML, Markdown or text file (binary data); "
                          "add the document in one of those formats.") from None
        # Bytes 0x80-0x9F are Windows-1252's quotes and dashes, and control characters in
        # Latin-1: converting such a file "from Latin-1" would garble it.
        windows = re.search(rb"[\x80-\x9f]", data) is not None and _decodes(data, "cp1252")
        raise BadFile(f"{name}: the text is not UTF-8; convert it to UTF-8 (e.g. iconv -f "
                      f"{'WINDOWS-1252' if windows else 'LATIN1'} -t UTF-8) and try again.") from None
    if _looks_binary(text[:8192]):
        raise BadFile(f"{name}: not a PDF, HTML, Markdown or text file (binary data); "
                      "add the document in one of those formats.")
    return text


_CHARSET_RE = re.compile(rb"""<meta\b[^>]*?charset\s*=\s*["']?([A-Za-z0-9_.:-]{1,40})""", re.I)


def _declared_charset(data: bytes) -> str | None:
    """The encoding an HTML page declares in its head, as Python names it (None when it
    declares none, or one Python does not know). "iso-8859-1" is read as Windows-1252, as
    browsers do: pages that say Latin-1 use its quotes and dashes."""
    import codecs

    found = _CHARSET_RE.search(data[:4096])
    if not found:
        return None
    try:
        name = codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None
    return "cp1252" if name in ("iso8859-1", "ascii") else name


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _utf8_from_utf16(data: bytes, name: str) -> bytes:
    """UTF-16 text (Windows' "Unicode" text, with or without its byte order mark) as UTF-8;
    other bytes as they are. Without a mark, UTF-16 is recognised by its zero bytes: text in
    a Latin script has one in every other byte, at odd offsets (little-endian) or even ones
    (big-endian), and almost none at the others."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    else:
        sample = data[:8192]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        half = len(sample) // 2
        if half < 8 or b"%PDF-" in data[:1024]:
            return data
        if odd > half * 0.3 and even < half * 0.02:
            encoding = "utf-16-le"
        elif even > half * 0.3 and odd < half * 0.02:
            encoding = "utf-16-be"
        else:
            return data
    try:
        return data.decode(encoding).encode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadFile(f"{name}: the text is not valid UTF-16 ({exc.reason} at byte {exc.start:,}); convert "
                      "it to UTF-8 and try again.") from None


def _looks_binary(sample: str) -> bool:
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\f\r")
    return "\x00" in sample or controls > len(sample) * 0.05


# --- Markdown and plain text -------------------------------------------------------------

# Every pattern here runs in time linear in its line: no nested or overlapping repeats, and
# no repeat that can run past the next opening character (a line of 30,000 unclosed "<sup>"
# or "[" once took minutes).
_HEADING_RE = re.compile(r"#{1,6}")
_LINK_RE = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()\s]*\))*\)")  # URLs may hold "(herzien)"
_AUTOLINK_RE = re.compile(r"<(https?://[^<>\s]+)>")
_TAG_RE = re.compile(r"</?[a-zA-Z][^<>]*>")
_URL_LINE_RE = re.compile(r"^\s*<?https?://\S+>?\s*$")
_FOOTNOTE_LINE_RE = re.compile(r"^\s*<sup>\s*(\d+)\s*</sup>\s*(.*)$")
_PLAIN_FOOTNOTE_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$")  # "1 United Nations, Treaty Series ..." below a rule
# Markdown's footnotes: a definition "[^1]: Text" (its further lines indented) and a call "[^1]" in the text.
_MD_NOTE_RE = re.compile(r"^\[\^([^\]\s]{1,20})\]:\s*(.*)$")
_MD_CALL_RE = re.compile(r"\[\^([^\]\s]{1,20})\](?!:)")


def _heading(line: str) -> tuple[int, str]:
    """A Markdown heading's level and text ("## Article 3 ##" -> 2, "Article 3"); 0 for body text."""
    hashes = _HEADING_RE.match(line)
    if not hashes:
        return 0, line
    return len(hashes.group()), line[hashes.end():].strip().rstrip("#").strip()


def _replace_sups(text: str) -> str:
    """Each <sup>...</sup> through `_sup`, in one pass (a regex with a lazy repeat rescans the
    rest of the line from every unclosed tag)."""
    out, position = [], 0
    while True:
        start = text.find("<sup>", position)
        end = text.find("</sup>", start + 5) if start >= 0 else -1
        if end < 0:
            out.append(text[position:])
            return "".join(out)
        out.append(text[position:start])
        out.append(_sup(text[start + 5:end]))
        position = end + 6


def _sup(inner: str) -> str:
    inner = inner.strip()
    if inner.isdigit():
        return marker(inner)
    note = re.match(r"^(\d+)\)\s*(.*)$", inner, re.S)
    if note:  # a footnote printed inline: "<sup> 1) The sole fact ... </sup>"
        return inline_note(note.group(1), _inline_markup(note.group(2)))
    return inner  # "92<sup>nd</sup>"


def _inline_markup(text: str) -> str:
    text = _MD_CALL_RE.sub(lambda call: marker(call.group(1)), text)
    text = _LINK_RE.sub(r"\1", text)
    text = _AUTOLINK_RE.sub(r"\1", text)
    text = _replace_sups(text)
    text = _TAG_RE.sub("", text)
    text = re.sub(r"\*+", "", text)
    text = text.replace("\\$", "$").replace("\\*", "*").replace("\\_", "_")
    text = text.replace("&nbsp;", " ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    return _SPACES_RE.sub(" ", text).strip()


# What " ".join(text.split()) replaces, matched only where a single space is not already
# there: that made a list of every word of a line (a 47 MB line took 900 MB).
_SPACES_RE = re.compile(r"\s{2,}|[^\S ]")


def read_markdown(text: str, name: str = "") -> SourceText:
    """Markdown or plain text. One line of the file is one logical line.

    A `---` rule followed by `<sup>N</sup>` lines is a page's footnote block, or by plain
    "N Text" lines numbered on from the last footnote whose call ends a word of the text above
    ("Families,1"); a bare URL there continues the previous footnote (the note's page 2 opens
    with footnote 3's URL).
    Where a document has footnote blocks, each block ends a page, so passages get pages.
    Markdown's own footnotes are read too: "[^1]: Text" defines note 1 (its lines indented by
    four spaces or a tab go on with it), "[^1]" in the text calls it.
    """
    lines: list[Line] = []
    page = 1
    in_notes = False  # inside a footnote block
    after_rule = False
    last_note = 0
    in_md_note = False  # inside a Markdown footnote's definition ("[^1]: ...")
    for raw in text.splitlines():
        stripped = raw.strip()
        if not stripped or stripped.startswith("<meta") or re.fullmatch(r"~{3,}|`{3,}", stripped):
            continue
        if re.fullmatch(r"(-\s*){3,}|(\*\s*){3,}|(_\s*){3,}", stripped):
            after_rule = True
            continue
        defined = _MD_NOTE_RE.match(stripped)
        if defined or (in_md_note and raw[:1] in ("\t", " ") and raw.startswith(("\t", "    "))):
            in_md_note = True
            text = _inline_markup(defined.group(2) if defined else stripped)
            if defined:
                lines.append(Line(text, page, footnote=defined.group(1)))
            elif text:
                lines.append(Line(text, page, continues_footnote=True))
            continue
        in_md_note = False
        note = _FOOTNOTE_LINE_RE.match(raw)
        plain = _PLAIN_FOOTNOTE_RE.match(stripped) if (in_notes or after_rule) and not note else None
        if plain and int(plain.group(1)) == last_note + 1 and mark_footnote_call(lines, plain.group(1)):
            note = plain
        if note:
            in_notes = True
            last_note = int(note.group(1))
            lines.append(Line(_inline_markup(note.group(2)), page, footnote=note.group(1)))
            continue
        if (in_notes or after_rule) and _URL_LINE_RE.match(raw) and any(l.footnote for l in lines):
            lines.append(Line(_inline_markup(stripped), page, continues_footnote=True))
            in_notes = True
            continue
        if in_notes:  # body text after a footnote block: a new page
            page += 1
            in_notes = False
        after_rule = False
        level, stripped = _heading(stripped)
        clean = _inline_markup(stripped)
        if clean:
            lines.append(Line(clean, page, heading=level))
    has_pages = any(l.footnote for l in lines) and page > 1
    if not has_pages:
        for line in lines:
            line.page = None
    return SourceText(lines, "md", wrapped=False, pages=page if has_pages else None)


# --- HTML ----------------------------------------------------------------------------------

_CHROME_TAGS = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form",
                "iframe", "button", "svg", "template")
# (and a consolidated EUR-Lex text's note that it is a documentation tool, class "disclaimer"; a
# legislation site's buttons, "legislationActions": "Previous section", "Next hit", "pageOptions")
_CHROME_NAMES = re.compile(r"cookie|consent|banner|breadcrumb|sidebar|menu|navbar|navigation|"
                           r"share|social|advert|skip-link|disclaimer|toolbar|actions\b|pageoptions", re.I)
# A page's table of contents, its entries and the site's own header, named so: id or class
# "contents", "toc", "TocParagraph" (Singapore Statutes Online's entries, which link nowhere; see
# `_is_contents` for those that link), "print-header" (the site's name and the date printed). Not
# "tocView", which holds the document after its contents on the same site.
_CONTENTS_NAMES = re.compile(r"^(?:contents|table-of-contents|toc|[Tt]oc-?(?:[Pp]aragraph|[Ee]ntry|[Ii]tem|[Cc]olumn\d*)|"
                             r"(?:print|site|page)-header)$")
# Text printed for screen readers only ("Marginal note:" before a Canadian act's notes): not the document's.
# ... and what its own style hides (Singapore Statutes Online's search options, "All of these words",
# and collections menu, kept in the page after the Act for a pop-up): never shown, not the document's.
_HIDDEN_STYLE_RE = re.compile(r"(?:^|;)\s*(?:display\s*:\s*none|visibility\s*:\s*hidden)\b", re.I)
_HIDDEN_NAMES = re.compile(r"^(?:wb-invisible|sr-only|visually-hidden|visuallyhidden|screen-reader-text)$")
# An Act's amendment history as its publisher prints it: a block classed "history" or "history-note"
# (a note under each section: "Section 8A: repealed, on 21 April 2005, by ..."), or one whose own
# heading is "Legislative History" (a table of predecessor Acts at the end). The publisher's notes,
# not the Act's text.
_HISTORY_CLASS_RE = re.compile(r"^(?:[\w]+-)?history(?:-notes?)?$", re.I)
_HISTORY_HEADING_RE = re.compile(r"^(?:(?:legislative|amendment)\s+history|comparative\s+table)$", re.I)
# ... and the key to its abbreviations printed after it ("Abbreviations": "Parl. | Parliament ...").
_ABBREVIATIONS_RE = re.compile(r"^abbreviations$", re.I)
# A pop-up the page opens on demand (Singapore Statutes Online's "Help"): never shown with the document.
_POP_UP_ROLES = ("dialog", "alertdialog")
_BLOCKS = ("p", "div", "section", "article", "main", "blockquote", "li", "dd", "dt", "td", "th",
           "pre", "figure", "figcaption", "center")
# Paragraph classes of the EUR-Lex and Commission (LegisWrite) HTML dialects: those that print
# the act's own title ("oj-doc-ti", "Typedudocument", "Titreobjet", "Statut": "Proposal for
# a"), and those that are headings ("oj-ti-art", "oj-sti-art", "oj-ti-section-1",
# "Titrearticle", "SectionTitle", "Annexetitre", "Exposdesmotifstitre", "ManualHeading1",
# "title-article-norm" ...). Title lines become level-1 headings, other headings level 2.
_TITLE_CLASS_RE = re.compile(r"(?:^|-)doc-ti$|^title-doc-(?:first|last)$|^(?:Statut|Typedudocument|Titreobjet)(?:_cp)?$",
                             re.I)  # "title-doc-first": a consolidated text's title block
_HEADING_CLASS_RE = re.compile(r"(?i:(?:^|-)s?ti(?:-|$)|title|titre|heading)|[a-z\d](?:Hdr|Hd)$")  # "prov1Hdr", "partHdr"
# Amendment markers of consolidated texts: "▼B", "►M1 ... ◄", "▼C1".
_AMENDMENT_MARK_RE = re.compile(r"[▼►◄](?:\s*[A-Z]\d{0,3}\b)?")
_BREAK = "\ue010"
# Spaces that joining inline tags puts before a stop or inside brackets: "Committee (1) ,",
# "( OJ L 151, 7.6.2019, p. 70 )".
_SPACED_STOP_RE = re.compile(r"\s+([,.)])(?=\s|$|[,.;:])|(?<=\()\s+")


def _closed_up(text: str) -> str:
    """`text` on one line, without the spaces joining inline tags put before stops and inside brackets."""
    return _SPACED_STOP_RE.sub(lambda m: m.group(1) or "", " ".join(text.split()))


_NOTE_LABEL_RE = re.compile(r"^\(?\s*(\d{1,3})\s*\)?$")
# A table row whose first cell only numbers the second: "(1) | The Treaty ...", "(a) | data ...".
_ROW_LABEL_RE = re.compile(r"^(?:\(?[0-9a-zA-Z]{1,5}\)|[0-9]{1,3}\.|[ivxlc]{1,6}\.|[-–—•])$")


def _html_classes(tag) -> list[str]:
    return list(tag.get("class") or [])


def _is_history(tag, heading: re.Pattern = _HISTORY_HEADING_RE) -> bool:
    """A block of the publisher's amendment history (see _HISTORY_CLASS_RE), or one headed as
    `heading` says."""
    if heading is _HISTORY_HEADING_RE and any(_HISTORY_CLASS_RE.match(c) for c in _html_classes(tag)):
        return True
    if tag.name not in ("div", "td", "section", "table"):
        return False
    first = next((s for s in tag.stripped_strings), "")
    return bool(heading.match(" ".join(first.split())))


CONTENTS_LINKS = 10  # a table of contents links to at least this many places in its page


def _is_contents(tag) -> bool:
    """A page's table of contents: a block of links to places in the page itself (`CONTENTS_LINKS`
    or more, "#DLM58320"), which is nearly all its text (a heading "Contents" besides). Its
    entries repeat the headings below ("Part 1 Key provisions", "3 Object of this Act"), which,
    read as the text, open each unit twice. A list of footnotes links back to the calls too, but
    its notes' words are not links."""
    links = [a for a in tag.find_all("a", href=True) if str(a["href"]).startswith("#") and len(a["href"]) > 1]
    if len(links) < CONTENTS_LINKS:
        return False
    linked = sum(len("".join(a.get_text().split())) for a in links)
    return linked >= 0.9 * len("".join(tag.get_text().split()))


def _html_heading_level(tag) -> int:
    classes = _html_classes(tag)
    if any(_TITLE_CLASS_RE.search(c) for c in classes):
        return 1
    return 2 if any(_HEADING_CLASS_RE.search(c) for c in classes) else 0


# The words a cross-reference's number follows ("section 162", "sections 247, 248, and 250").
_REFERENCE_WORDS_RE = re.compile(r"(?:\b(?:sections?|ss?|clauses?|subclauses?|regulations?|rules?|articles?|parts?|"
                                 r"schedules?|paragraphs?|subparagraphs?|points?|chapters?|recitals?|and|or|to|"
                                 r"artikels?|absatz|absätze|unterabsatz|unterabsätze|nummer|nummern|ziffer|ziffern|"
                                 r"kapitels?|erwägungsgrund|erwägungsgründe|anhangs?|und|oder|bis|"
                                 r"paragraphes?|alinéas?|chapitres?|considérants?|annexes?|et|ou)|,)\s*$", re.I)


def _data_table(table) -> bool:
    """Whether a table holds data under column headings (two or more `th` cells in its first
    row, as a correlation table prints "Diese Verordnung | Richtlinie 2006/48/EG"), not a layout."""
    first = table.find("tr")
    return first is not None and sum(1 for c in first.find_all("th", recursive=False) if c.get_text(strip=True)) >= 2


def _cross_reference(link) -> bool:
    """A link to another section printed as its bare number after "section" or in a list of
    them ("sections 247, 248, and 250"): a cross-reference, never a footnote's call or body,
    though a number links it to a place in the page as a note's call does."""
    text = link.get_text("", strip=True)
    before = link.find_previous(string=True)
    return text.isdigit() and before is not None and bool(_REFERENCE_WORDS_RE.search(str(before)))


def _html_footnotes(root, marker_text) -> dict:
    """Footnote calls and bodies linked to each other inside the page (EUR-Lex "(1)" links,
    Word's "footnoteRef"): a numbered link that points forward is a call, and becomes a
    marker; one that points back to its call opens the note's body, and so does one that opens
    its block and points to a call the page does not hold (a consolidated EUR-Lex text leaves
    out the preamble, where the first notes were called, and keeps their bodies: "(1) OJ C 365
    E, ..." would be read as a paragraph 1). A block a call points forward to that opens with the
    call's number is the note's body too, where it links nowhere (`_called_notes`). Returns
    {block: label}."""
    from bs4 import NavigableString, Tag

    position = {id(tag): n for n, tag in enumerate(root.find_all(True))}
    ids = {tag.get("id"): tag for tag in root.find_all(id=True)} | \
        {tag.get("name"): tag for tag in root.find_all("a", attrs={"name": True})}
    bodies = {}
    called: list[tuple[object, object, str]] = []  # (call's marker, the block it points to, label)
    for link in root.find_all("a", href=True):
        href = link["href"]
        label = _NOTE_LABEL_RE.match(link.get_text("", strip=True))
        target = ids.get(href[1:]) if href.startswith("#") else None
        if not label or link.decomposed or _cross_reference(link):
            continue
        if target is None:
            if not (href.startswith("#") and len(href) > 1 and _opens_block(link)):
                continue
        elif position.get(id(target), 0) > position.get(id(link), 0):
            wrapper = link.parent if link.parent is not None and link.parent.name == "span" and \
                link.parent.get_text("", strip=True) == link.get_text("", strip=True) else link
            _unbracket(wrapper)
            call = NavigableString(marker_text(label.group(1)))
            wrapper.replace_with(call)
            called.append((call, target, label.group(1)))
            continue
        block = link
        while block.parent is not None and block.name not in ("p", "dd", "li", "div", "td"):
            block = block.parent
        if isinstance(block, Tag):
            bodies[id(block)] = label.group(1)
            _unbracket(link)
            link.replace_with("")
    bodies.update(_called_notes(called, bodies))
    return bodies


def _called_notes(called: list, bodies: dict) -> dict:
    """The bodies of notes whose calls point to them and which point nowhere: a block (a
    paragraph, item or cell) that opens with the call's number, "(1) ABl. L 81 ...". Where the
    numbers start again under each unit (Lexparency prints each article's notes below it, every
    article's first "(1)"), each note is printed where it is called, as an inline note of the
    unit that calls it: two notes 1 of the page could not be told apart. Returns {block: label}."""
    from bs4 import NavigableString

    found: list[tuple[Any, Any, str]] = []  # (the call, the block: bs4 elements, its label)
    for call, target, label in called:
        block = target
        while block is not None and block.name not in ("p", "dd", "li", "div", "td"):
            block = block.parent
        if block is None or id(block) in bodies or block.decomposed:
            continue
        first = next((t for t in block.find_all(string=True) if t.strip()), None)
        opening = _NOTE_LABEL_RE.match(first.strip()) if first is not None else None
        if opening and opening.group(1) == label and not any(b is block for _, b, _ in found):
            found.append((call, block, label))
    labels = [label for _, _, label in found]
    anew = len(set(labels)) < len(labels)
    notes = {}
    for call, block, label in found:
        first = next(t for t in block.find_all(string=True) if t.strip())
        first.replace_with("")  # the printed number: the note's label
        if anew:
            call.replace_with(NavigableString(inline_note(label, _closed_up(block.get_text(" ")))))
            block.decompose()
        else:
            notes[id(block)] = label
    return notes


def _opens_block(link) -> bool:
    """Whether nothing but a bracket comes before `link` in the paragraph or item it is in."""
    block = link.parent
    while block is not None and block.name not in ("p", "dd", "li", "div", "td"):
        block = block.parent
    if block is None:
        return False
    before = []
    for string in block.find_all(string=True):
        if link in string.parents:
            break
        before.append(str(string))
    return "".join(before).strip() in ("", "(")


def _unbracket(tag) -> None:
    """Drop the brackets printed around a footnote's number outside its link, as a consolidated
    EUR-Lex text prints its calls and notes ("(<a>8</a>)"): they would stay as "()"."""
    from bs4 import NavigableString

    before, after = tag.previous_sibling, tag.next_sibling
    if isinstance(before, NavigableString) and isinstance(after, NavigableString) and \
            before.rstrip().endswith("(") and after.lstrip().startswith(")"):
        before.replace_with(before.rstrip()[:-1])
        after.replace_with(after.lstrip()[1:])


# A page whose text is mostly its links (at least LINK_COUNT of them, LINK_SHARE of its characters)
# lists documents (search results, a site's list of acts) and holds none: a law's page cites
# other provisions in a few words among its own (the realdocs' HTML: 0-1% of their text).
LINK_COUNT, LINK_SHARE = 5, 0.35
MAX_HTML_DEPTH = 200  # real pages nest 20-60 deep; reading walks the tree recursively


def _depth(node, limit: int) -> int:
    """How deep elements nest under `node`, counted without recursion; stops past `limit`."""
    from bs4 import Tag

    deepest, stack = 0, [(node, 0)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        if deepest > limit:
            break
        stack.extend((child, depth + 1) for child in node.children if isinstance(child, Tag))
    return deepest


def read_html(text: str, name: str = "") -> SourceText:
    """An HTML page: the document's own text, without the site around it."""
    from bs4 import BeautifulSoup, Comment, NavigableString, Tag  # only HTML needs it

    soup = BeautifulSoup(text, "html.parser")
    depth = _depth(soup, MAX_HTML_DEPTH)
    if depth > MAX_HTML_DEPTH:
        raise BadFile(f"{name}: the HTML nests its elements more than {MAX_HTML_DEPTH} deep (no real document "
                      "does); save the document's own page (e.g. its printable version) and try again.")
    frames = [str(f["src"]) for f in soup.find_all(("frame", "iframe")) if f.get("src")]
    # A sign-in page saved where the document was meant (its form goes with the site's chrome below)
    stats: dict = {"sign_in_form": True} if soup.find("input", attrs={"type": re.compile("^password$", re.I)}) else {}
    # a news or blog page's one <article>; a law's page that marks up each of its articles (and
    # its preamble) as one is read whole: its first <article> alone held the preamble and no unit
    articles = [a for a in soup.find_all("article") if a.find_parent("article") is None]
    root = soup.find("main") or soup.find(role="main") or (articles[0] if len(articles) == 1 else None) \
        or soup.body or soup
    for tag in root.find_all(_CHROME_TAGS):
        tag.decompose()
    for comment in root.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()  # Word's docVars, converter notes
    history = False  # the publisher's amendment history seen: its key of abbreviations may follow
    for tag in root.find_all(True):
        if tag.decomposed or tag.attrs is None:
            continue
        names = " ".join([str(tag.get("id") or "")] + list(tag.get("class") or []))
        if names.strip() and _CHROME_NAMES.search(names) or any(_HIDDEN_NAMES.match(c) for c in _html_classes(tag)) \
                or any(_CONTENTS_NAMES.match(n) for n in names.split()) or _HIDDEN_STYLE_RE.search(str(tag.get("style") or "")) \
                or str(tag.get("role") or "").lower() in _POP_UP_ROLES:
            tag.decompose()
        elif _is_history(tag) or history and _is_history(tag, _ABBREVIATIONS_RE):
            history = True
            tag.decompose()
    for tag in root.find_all(("div", "table", "ul", "ol", "section")):
        if not tag.decomposed and _is_contents(tag):
            tag.decompose()
    bodies = _html_footnotes(root, marker)
    for sup in root.find_all("sup"):
        inner = sup.get_text(" ", strip=True)
        sup.replace_with(marker(inner) if inner.isdigit() else inner)
    for br in root.find_all("br"):
        br.replace_with(_BREAK)  # a new line in a heading ("Article 1<br>Subject matter"), else a space

    lines: list[Line] = []

    def clean(value: str, heading: int = 0) -> list[str]:
        value = _AMENDMENT_MARK_RE.sub(" ", value)
        parts = _heading_lines(value) if heading else [value.replace(_BREAK, " ")]
        spaced = (_closed_up(part).replace(" " + MARK_OPEN, MARK_OPEN).replace(" " + BODY_OPEN, BODY_OPEN)
                  for part in parts)
        return [part for part in spaced if part]

    def emit(value: str, heading: int = 0, footnote: str | None = None):
        for n, part in enumerate(clean(value, heading)):
            lines.append(Line(part, heading=heading, footnote=footnote if n == 0 else None,
                              continues_footnote=footnote is not None and n > 0))

    def text_of(node) -> str:
        parts = []
        for child in node.children:
            if isinstance(child, Tag) and child.name in ("ol", "ul"):
                continue
            parts.append(child.get_text(" ") if isinstance(child, Tag) else str(child))
        return " ".join(parts)

    def walk(node):
        for child in node.children:
            visit(child)

    def visit(child):
        if isinstance(child, NavigableString):
            if child.strip() and child.parent is not None:
                emit(str(child))
            return
        if isinstance(child, Tag):
            if id(child) in bodies:
                emit(child.get_text(" "), footnote=bodies[id(child)])
            elif re.fullmatch(r"h[1-6]", child.name):
                emit(child.get_text(" "), heading=int(child.name[1]))
            elif child.name in ("ol", "ul"):
                emit_list(child)
            elif child.name == "table":
                emit_table(child)
            elif any(d.name in _BLOCKS or re.fullmatch(r"h[1-6]", d.name or "") or d.name in ("ol", "ul")
                     for d in child.find_all(True)):
                walk(child)
            else:
                emit(child.get_text(" "), heading=_html_heading_level(child))

    def emit_table(table):
        """One line a row; a table inside a cell (EUR-Lex prints a point's sub-points so)
        follows its row. A data table's row (one under column headings) keeps the places of its
        empty cells: "Artikel 1 | |" in a correlation table lists a provision, it opens none."""
        columns = _data_table(table)
        for row in table.find_all("tr"):
            if row.find_parent("table") is not table:
                continue
            cells, inner = [], []
            for cell in row.find_all(("td", "th"), recursive=False):
                inner += [t.extract() for t in cell.find_all("table") if t.find_parent("table") is table]
                cells.append(" ".join(cell.get_text(" ").split()))
            if not (columns and sum(map(bool, cells)) == 1):  # (a layout's empty cells are no text)
                cells = [c for c in cells if c]
            level = _html_heading_level(row.find(("td", "th"))) if len(cells) == 1 and not inner else 0
            if level:  # a page laid out in tables: a heading in a row of its own ("Short title")
                emit(cells[0], heading=level)
            elif len(cells) >= 2 and _ROW_LABEL_RE.match("".join(cells[0].split())):
                # (a label set in parts, "(<em>a</em>)", is read "( a )": the row's label all the same)
                emit("".join(cells[0].split()) + " " + " | ".join(cells[1:]))
            elif cells:
                emit(" | ".join(cells))
            for nested in inner:
                emit_table(nested)

    def emit_list(lst):
        start = str(lst.get("start", "1"))
        first = int(start) if start.isdigit() else 1
        n = first - 1
        for item in lst.children:
            if getattr(item, "name", None) != "li":
                visit(item)  # a heading, paragraph or list set in the list itself (invalid, but printed)
                continue
            n += 1
            if lst.name == "ul" and item.find("p", recursive=False):
                walk(item)  # an item of paragraphs (a Canadian act's "ProvisionList"): no bullet
                continue
            printed = _printed_item_label(item)
            prefix = f"{printed} " if printed else f"{n}. " if lst.name == "ol" else "- "
            body = clean(text_of(item))
            if body:
                emit(prefix + body[0])
            for nested in item.find_all(("ol", "ul"), recursive=False):
                emit_list(nested)

    links = [" ".join(a.get_text(" ").split()) for a in root.find_all("a")]
    shown_text = len(" ".join(root.get_text(" ").split()))
    if len(links) >= LINK_COUNT and shown_text and sum(map(len, links)) >= LINK_SHARE * shown_text:
        stats["link_share"] = (len(links), sum(map(len, links)) / shown_text)  # search results, a list of documents
    walk(root)
    if not lines and frames:
        shown = ", ".join(frames[:3]) + (f" and {len(frames) - 3} more" if len(frames) > 3 else "")
        raise BadFile(f"{name}: the HTML page only frames other pages ({shown}); save the framed page that "
                      "holds the document's text and add that.")
    if not lines:
        raise BadFile(f"{name}: the HTML page has no document text once navigation and scripts "
                      "are removed; save the document's own page and try again.")
    return SourceText(_numbered_headings(_run_in_labels(lines)), "html", wrapped=False, stats=stats)


def _printed_item_label(item) -> str | None:
    """The label a list item prints, where the page gives it as the item's attribute and not in
    its text: Lexparency's EU acts number each item so ('<li data-title="(1)">', '"a)"'), and a
    recital "(1)" or a point "a)" read as the list's running number "1." was no recital or point."""
    label = " ".join(str(item.get("data-title") or "").split())
    return label if _ROW_LABEL_RE.match(label) and label not in "-–—•" else None


_LONE_LABEL_RE = re.compile(r"^\((?:\d{1,3}[A-Za-z]{0,3}|[a-z]{1,2}|[ivxlc]{1,6})\)$")


# A heading line ending with a unit's number: "Article 1", "Artikel 4", "CHAPTER I", "ANHANG II".
_LABEL_END_RE = re.compile(r"(?:^|\s)(?:\d+[A-Za-z]{0,3}|[IVXLC]+)\.?$")


def _heading_lines(value: str) -> list[str]:
    """A heading's lines: a new line after a unit's number ("Article 1<br>Subject matter",
    "Artikel 4<br>Änderungen des Anhangs I") starts its title, and so does a line in another case
    or opening a unit ("ANHANG I<br>TECHNIKEN ...<br>gemäß Artikel 3", "LISTE ...<br>Abschnitt A –
    ..."); a break between capitalised words of the same case only fits a long heading to the
    page ("Foreign Employee<br>Dormitories Act 2015", "LICENSING OF FOREIGN EMPLOYEE<br>DORMITORY
    OPERATORS"): one line."""
    lines: list[str] = []
    for part in value.split(_BREAK):
        before, after = (lines[-1].strip(), part.strip()) if lines else ("", "")
        if before and after[:1].isupper() and before.isupper() == after.isupper() and \
                not _LABEL_END_RE.search(before) and not _UNIT_HEADING_RE.match(after):
            lines[-1] = f"{lines[-1]} {part}"
        else:
            lines.append(part)
    return lines


def _run_in_labels(lines: list[Line]) -> list[Line]:
    """A subsection's or paragraph's label the page sets in a block of its own, often a heading
    ("(1)" / "In this Act ...", "<h5>(a)</h5>" / "who has not yet ..."), is run into its text, as
    printed: "(1) In this Act ...". A label is no heading: set as one, it would stand with the
    sections' own headings."""
    out: list[Line] = []
    for n, line in enumerate(lines):
        before = lines[n - 1] if n else None
        if before is not None and _LONE_LABEL_RE.match(before.text) and not before.footnote \
                and not line.heading and not line.footnote and not line.continues_footnote:
            out[-1] = Line(f"{before.text} {line.text}", line.page)
            continue
        out.append(line)
    return out


# A provision's text that opens with its number ("2. —(1) In this Act ...", "21E. An employer ..."),
# and headings that name a unit or a group themselves ("Article 1", "PART 2", "Annex").
_NUMBER_OPENED_RE = re.compile(r"^(\d{1,4}[A-Z]{0,3})\.\s*(?:[\u2014\u2013-]\s*)?(\S.*)$")
_UNIT_HEADING_RE = re.compile(r"^(?:Article|Art\.|Section|Sec\.|Rule|Regulation|Paragraph|Part|Chapter|Title|Annex|"
                              r"Schedule|Division|Book|Appendix|§)\b|^\d", re.I)


def _numbered_headings(lines: list[Line]) -> list[Line]:
    """A page that prints a section's heading in a block of its own above its text, the number
    opening the text ("Short title" / "1. This Act is ..."): the number goes to the heading
    ("1 Short title" / "This Act is ..."), as the Act's printed contents pair them. Only where the
    numbers so headed run on through the page, as an Act's sections do (at least three, most of
    them each after the last, which are the ones taken: an annex's titled blocks "1. ..." numbered
    anew are paragraphs, a schedule's too), never under a
    heading that numbers a unit ("Article 1" / "Subject matter" / "1. This Regulation ..."), nor a
    heading naming a group or holding a number itself. A group's heading with its title above
    ("Division 1 — Establishment of tribunals" / "Establishment of tribunals" / "8. The President
    may ...") is no unit's number: the section under it is paired."""
    pairs = []
    for n, line in enumerate(lines[:-1]):
        following = lines[n + 1]
        opened = _NUMBER_OPENED_RE.match(following.text) if not following.heading and not following.footnote else None
        above = lines[n - 1] if n else None
        if line.heading and opened and not _UNIT_HEADING_RE.match(line.text) and line.text[:1].isupper() \
                and not (above is not None and above.heading and _UNIT_HEADING_RE.match(above.text)
                         and len(above.text.split()) <= 3):
            pairs.append((line, following, opened))
    running, last = [], (-1, "")
    for pair in pairs:
        number = pair[2].group(1)
        digits = int(re.match(r"\d+", number).group())  # type: ignore[union-attr]
        if digits > last[0] or digits == last[0] and number != last[1]:  # "23AA" comes before "23A"
            running.append(pair)
            last = (digits, number)
    if len(running) < 3 or len(running) * 2 < len(pairs):
        return lines
    for line, following, opened in running:
        line.text = f"{opened.group(1)} {line.text}"
        following.text = opened.group(2)
    return lines


# --- PDF -----------------------------------------------------------------------------------

@contextlib.contextmanager
def _fonts_read_once():
    """While a PDF's pages are read, each font the pages share is read once, not once a page.

    pypdf reads a page's fonts (their /ToUnicode maps) anew for every page it extracts; a map
    printed as one range over all 65,536 codes ("<0000> <FFFF> <0000>", as mPDF writes it) is
    expanded each time: 10-20 s a page for an Indian Act of 226 pages set in five such fonts
    (pypdf 7.1). The pages' font dictionaries are one object each in the reader, so the font
    read for the first page serves the others. A pypdf without this method reads as before."""
    try:
        from pypdf import _page

        original = _page.Font.__dict__["from_font_resource"]
    except (ImportError, AttributeError, KeyError):
        yield
        return
    read: dict[int, tuple[object, object]] = {}

    def once(cls, font_dict):
        known = read.get(id(font_dict))
        if known is None or known[0] is not font_dict:  # (the dictionary kept: its id stays its own)
            known = read[id(font_dict)] = (font_dict, original.__func__(cls, font_dict))
        return known[1]

    _page.Font.from_font_resource = classmethod(once)
    try:
        yield
    finally:
        _page.Font.from_font_resource = original


def read_pdf(data: bytes, name: str = "") -> SourceText:
    """A PDF's text layer, page by page, via pypdf (`page_texts`); cleaning (`indexer.clean`)
    makes its lines."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    if b"%%EOF" not in data[-2048:]:
        raise BadFile(f"{name}: the PDF is truncated (no end-of-file marker); "
                      "get a complete copy and try again.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise BadFile(f"{name}: the PDF is encrypted with a password; remove it "
                                  "(e.g. qpdf --decrypt) and add the decrypted copy.")
            except BadFile:
                raise
            except Exception:
                raise BadFile(f"{name}: the PDF is encrypted; remove the encryption "
                              "(e.g. qpdf --decrypt) and add the decrypted copy.") from None
        with _fonts_read_once():
            pages, notes, drawn = [], {}, []
            for page in reader.pages:
                fragments: list[_Fragment] = []
                pages.append(page.extract_text(visitor_text=_collect(fragments)) or "")
                drawn.append(fragments)
            # the body type of the whole document: a page set mostly in small type (a schedule's table) has
            # its marginal notes in the same type as that
            floor = _body_size([fragment for fragments in drawn for fragment in fragments])
            for number, fragments in enumerate(drawn, 1):
                pages[number - 1], notes[number] = margin_notes(pages[number - 1], fragments, floor)
        for number, text in enumerate(pages):
            if len(text.strip()) < 20 and (contents := reader.pages[number].get_contents()) is not None:
                contents.get_data()  # text lost to a stream past the limit?
    except BadFile:
        raise
    except LimitReachedError:
        raise BadFile(f"{name}: the PDF holds a compressed stream that expands past pypdf's safety limit (a "
                      "decompression bomb, or a damaged file); get a clean copy and try again.") from None
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as exc:
        detail = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        raise BadFile(f"{name}: the PDF is corrupt ({detail}); get a complete copy and try again.") from None
    if not pages:
        raise BadFile(f"{name}: the PDF has no pages; get a complete copy and try again.")
    from .ocr import no_text_layer, page_layers

    empty = [i + 1 for i, text in enumerate(pages) if len(text.strip()) < 20]
    ocr, blank = page_layers(reader, empty)  # blank: no image either, nothing for OCR to read
    if len(blank) == len(pages):
        raise BadFile(f"{name}: the PDF's {len(pages)} page{'s are' if len(pages) > 1 else ' is'} blank (no text and "
                      "no images); there is nothing to add: check that it is the file you meant.")
    if len(empty) == len(pages):
        raise no_text_layer(name)
    stats = {"pages_without_text": empty, "blank_pages": blank,
             "ocr_pages": ocr}  # text recognised from page images (indexer.ocr)
    return SourceText([], "pdf", wrapped=True, pages=len(pages), stats=stats, page_texts=pages,
                      margin_notes={page: found for page, found in notes.items() if found})


# A page's piece of text as drawn: where it starts (x, y, in points from the page's lower left),
# the size of its type, the text.
_Fragment = tuple[float, float, float, str]
# A section's number where a line starts: "8.", "37A.", "“60B." (a section an amendment inserts).
_SECTION_START_RE = re.compile(r"^[“\"]?\d{1,4}\s?[A-Z]{0,4}\.(?:\s|$|\()")


def _collect(fragments: list[_Fragment]):
    """A pypdf `visitor_text` that keeps each piece of text with its place and type size."""
    def visit(text, cm, tm, font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = ((tm[2] * cm[0] + tm[3] * cm[2]) ** 2 + (tm[2] * cm[1] + tm[3] * cm[3]) ** 2) ** 0.5
            fragments.append((x, y, (size or 0) * scale, text.strip()))
    return visit


def margin_notes(text: str, fragments: list[_Fragment], floor: float = 0.0) -> tuple[str, list[tuple[str, str]]]:
    """A page's text without the marginal notes printed beside its sections, and the notes:
    (the start of the line of the section beside it, the note).

    Acts of Sri Lanka and other Commonwealth printers set each section's heading in the margin,
    in smaller type, its first line level with the section's first ("Short title." beside
    "1. This Act may be cited as ..."); the text layer gives them as a block at the page's end or
    top, not always in the sections' order. A note is told by its type (smaller than the page's
    body), its short lines stacked in a column, and the section number that starts the body line
    level with its first line; a note found once in the page's text is taken out of it. A note
    beside no section's number stays where it is. The body's type is the page's, or `floor` (the
    document's) where larger."""
    body_size = max(_body_size(fragments), floor)
    if not body_size:
        return text, []
    small = [i for i, f in enumerate(fragments) if 0 < f[2] <= body_size * 0.9 and len(f[3]) <= 30]
    if not small:
        return text, []
    found = []
    for note in _note_columns(fragments, small):
        top = fragments[note[0]]
        # (a stray mark level with it, no letter, digit or quote, is no part of the line: a printer's "`" in the margin)
        level = sorted((f for f in fragments if f[2] > body_size * 0.9 and abs(f[1] - top[1]) <= 4
                        and re.search(r"[\w“\"]", f[3])), key=lambda f: f[0])
        line = " ".join(f[3] for f in level)
        if not _SECTION_START_RE.match(line) or level[0][0] < top[0] < level[-1][0]:
            continue  # level with no section's first line, or printed inside the text's column
        words = " ".join(fragments[i][3] for i in note)
        if not re.match(r"[“\"]?[A-Z]", words) or not re.search(r"[A-Za-z]{3}", words):
            continue  # a superscript's number, a stray letter: no heading
        cut = _printed_span(text, "".join(fragments[i][3] for i in sorted(note)))
        if cut is None:
            continue
        text = text[:cut[0]] + "\n" + text[cut[1]:]
        found.append((line, re.sub(r"\s+", " ", words)))
    return text, found


def _body_size(fragments: list[_Fragment]) -> float:
    """The size of a page's body type: the size most of its characters are set in."""
    sizes: dict[float, int] = {}
    for fragment in fragments:
        sizes[round(fragment[2], 1)] = sizes.get(round(fragment[2], 1), 0) + len(fragment[3])
    return max(sizes, key=lambda size: sizes[size]) if sizes else 0.0


def _note_columns(fragments: list[_Fragment], small: list[int]) -> list[list[int]]:
    """The small-type lines `small` grouped into notes, top to bottom: the lines of one column
    (their left edges within a letter's width: a line may be indented) each at most a line and a
    half below the last."""
    notes: list[list[int]] = []
    for i in sorted(small, key=lambda i: (-fragments[i][1], fragments[i][0])):
        x, y, size, _ = fragments[i]
        note = next((note for note in reversed(notes) if abs(fragments[note[-1]][0] - x) <= size
                     and 0 < fragments[note[-1]][1] - y <= size * 1.6), None)
        if note is None:
            notes.append([i])
        else:
            note.append(i)
    return notes


def _printed_span(text: str, wanted: str) -> tuple[int, int] | None:
    """Where `wanted` stands in `text`, whitespace aside, when it stands there once, or once on
    lines of its own (a note "Code of Conduct" beside a section that says "the Code of Conduct")."""
    squeezed, places = [], []
    for place, char in enumerate(text):
        if not char.isspace():
            squeezed.append(char)
            places.append(place)
    joined, key = "".join(squeezed), re.sub(r"\s+", "", wanted)
    if not key:
        return None
    spans = [(places[m.start()], places[m.start() + len(key) - 1] + 1) for m in re.finditer(re.escape(key), joined)]
    if len(spans) > 1:
        spans = [(start, end) for start, end in spans
                 if re.search(r"(?:^|\n)[ \t]*$", text[:start]) and re.match(r"[ \t]*(?:\n|$)", text[end:])]
    return spans[0] if len(spans) == 1 else None
