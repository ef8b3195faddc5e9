"""Cleaning: remove what is not the document and repair what text extraction broke.

`clean_text(source)` runs `CLEANING_STEPS` in order on a read document (`indexer.readers`
calls it once, on every file it reads); each step is named, says what it does, and runs
only on the texts it applies to:

1. `pdf-pages` (PDF): page texts -> lines: running headers and footers, page numbers, a UN
   document's print chrome, a table of contents; page-bottom footnotes taken out of the
   running text, their glued calls "sovereignty.1 Yet" turned into markers; the first
   page's title, symbol and date (`front_matter`);
2. `typography`: typographic apostrophes as plain ones, soft hyphens removed, ligatures as
   letters ("bene ﬁ cial" -> "beneficial"), labels without spaces inside brackets ("( a)");
3. `boilerplate` (HTML, Markdown, text): lines repeated through the file (a database's
   "in force" note).

Two repairs need the units, so the segmenter makes them with this module's functions and
the document's own `Vocabulary`: end-of-line hyphenation when it joins a unit's wrapped
lines (`join_wrapped`: "Re-\\nvised" -> "Revised", "co-\\noperation" stays), then words glued
together by tight justification in each unit's text (`unglue`: "servicesconnectedwith").
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import math
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import islice

from .source import Line, SourceText, marker

_WORD_RE = re.compile(r"[A-Za-zÀ-ÿ]+(?:-[A-Za-zÀ-ÿ]+)*")
_PAGE_NUMBER_RE = re.compile(r"^\s*(?:page\s+)?[-–]?\s*\d{1,4}\s*[-–]?\s*(?:of\s+\d+)?\s*$", re.I)
_FOOTNOTE_START_RE = re.compile(r"^(\d{1,2})(?=[A-Za-z“\"‘'(])(.*)$")
# A footnote below a separator rule ("__________"): its number may stand apart ("1  A/73/85.").
_RULE_RE = re.compile(r"^[_\u2014\u2013-]{8,}$")
# A separator rule drawn as a line comes out of text extraction as a run of spaces.
_BLANK_RULE_RE = re.compile(r"[ \t]{20,}")
_NOTE_END = (".", ".’’", ".''", ".”", '."', ".)")
_STAR_NOTE_RE = re.compile(r"^(\*{1,3})\s*([A-Z].*)$")
# A page-bottom note marked by a symbol ("♣ Amended by the First Amendment.", "∝ Deleted by
# ...", "• It came into force ...", a dingbat that extraction gives as its glyph name:
# "/handwriteleft Inserted by ..."), below the page's rule; its calls are the same symbol above.
_SYMBOL_NOTE_RE = re.compile(r"^([^\w\s()\[\]{}<>\"'“”‘’.,;:!?_*§¶#%&+=/\\|~^`$@–—…·-]|/[a-z]{4,}(?![a-z]))\s*(\S.*)$")
_RULED_NOTE_RE = re.compile(r"^(\d{1,3})\s+(\S.*)$")
_DOTTED_NOTE_RE = re.compile(r"^(\d{1,3})\.\s+(\S.*)$")  # "1. Subs. by Act 43 of 1986, s. 2 ..."
# Lines of a UN document's print chrome, on any page: job number ("18-18142 (E) 021118"),
# barcode ("*1818142*"), a job number with the page counter ("18-18142 2/5", "3/5 18-18142"),
# a bare page counter ("2/5").
_JOB_RE = r"\d{2}-\d{5}(?:\s*\([A-Z]\))?"
_CHROME_RE = re.compile(rf"^(?:{_JOB_RE}(?:\s+\d{{6}})?|\*\d{{6,}}\*|{_JOB_RE}\s+\d+/\d+|\d+/\d+\s+{_JOB_RE})$")
# Its distribution lines: "Distr.: General", "Distr. LIMITED", "Original: English".
_DISTRIBUTION_RE = re.compile(r"^(?:Distr\.?:?\s*(?:General|Limited|Restricted)|Original:\s*[A-Za-z]+)$", re.I)
_PAGE_COUNTER_RE = re.compile(r"^(\d{1,3})/(\d{1,3})$")  # "2/5", at the top or bottom of a page
_COUNTER_RE = re.compile(rf"^(?:{_JOB_RE}\s+\d+/\d+|\d+/\d+\s+{_JOB_RE})$")
_SPACES_RE = re.compile(r"\s+")
# A unit's heading alone on its line: "Article (2)", "ARTICLE 14", "Section 5", "CHAPTER IV".
_UNIT_HEADING_RE = re.compile(r"^(?:article|section|chapter|part|schedule|annex)\s*\(?\s*(?:\d+|[IVXLC]+)\s*\)?\s*\**$",
                              re.I)
_LEADER_RE = re.compile(r"(?:\.\s?){4,}\s*(?:\d+|[ivxlc]+)$|…{2,}\s*\d+$")


def clean_pdf_pages(pages: list[str]) -> tuple[list[Line], dict]:
    """Page texts -> body lines and footnote lines, each with its page number.

    Page-bottom footnotes are found by their numbering: a line "4Towards a fair deal ..."
    starts footnote 4 only if 4 is the next footnote number and its call ("persecution.4")
    is found in the text before it. Everything after it on the page is footnote text.
    """
    page_lines = [["_" * 10 if _BLANK_RULE_RE.fullmatch(l) else l.strip()
                   for l in text.splitlines() if l.strip() or _BLANK_RULE_RE.fullmatch(l)] for text in pages]
    removed = _remove_print_chrome(page_lines) + _remove_sales_notice(page_lines)
    for body in page_lines:  # a typescript's amendment notes without a rule: where the rule would be
        if not any(_RULE_RE.match(l) for l in body) and (start := _unruled_notes(body)) is not None:
            body.insert(start, "_" * 10)
    # A footnote block below a rule is no running footer, however alike its lines.
    rules = [next((i for i, l in enumerate(body) if _RULE_RE.match(l)), len(body)) for body in page_lines]
    blocks = [body[rule:] for body, rule in zip(page_lines, rules)]
    first_page = list(page_lines[0]) if page_lines else []
    page_lines = [body[:rule] for body, rule in zip(page_lines, rules)]
    removed += _remove_header_blocks(page_lines)
    removed += _remove_running_lines(page_lines)
    page_lines = [body + block for body, block in zip(page_lines, blocks)]
    front = front_matter(page_lines[0] if page_lines else [])
    if "title" not in front and "title" in (printed := front_matter(first_page)):
        front = printed  # the title at the foot of a cover page, taken for the running header it is on later pages
    contents = _remove_contents(page_lines)
    lines: list[Line] = []
    expected = 1
    # Where each page's notes start if numbered from 1; on two pages or more, each page's notes
    # are numbered from 1 (as the India Code prints an Act's amendment notes) and labelled by page.
    first_notes = [_ruled_notes(body, 1) for body in page_lines]
    by_page = sum(1 for rule in first_notes if rule is not None) >= 2
    for number, body in enumerate(page_lines, 1):
        page_body = [Line(t, number) for t in body]
        if by_page:
            expected = 1  # ("p3-1": note 1 of page 3)
        ruled = first_notes[number - 1] if expected == 1 else _ruled_notes(body, expected)
        if ruled is not None:
            expected = _add_ruled_notes(lines, page_body, ruled, expected, number, by_page)
            continue
        leading = _leading_notes(page_body, expected)
        if leading:  # a gazette column's notes come first in the text of its page
            for line in page_body[leading:]:
                lines.append(line)
            for line in page_body[:leading]:
                match = _RULED_NOTE_RE.match(line.text) or _FOOTNOTE_START_RE.match(line.text)
                if match and int(match.group(1)) == expected:
                    _mark_call(list(reversed(page_body[leading:])), match.group(1), detached=True)
                    lines.append(Line(match.group(2).strip(), number, footnote=match.group(1)))
                    expected += 1
                else:
                    lines.append(Line(line.text, number, continues_footnote=True))
            continue
        starred = _starred_note(page_body)
        if starred is not None:  # "* The article is amended ...", called by "Article 23 *"
            lines.extend(page_body[:starred])
            head = _STAR_NOTE_RE.match(page_body[starred].text)
            assert head  # _starred_note matched it
            lines.append(Line(head.group(2), number, footnote=head.group(1)))
            lines.extend(Line(l.text, number, continues_footnote=True) for l in page_body[starred + 1:])
            continue
        symbols = _symbol_notes(page_body)
        if symbols is not None:  # "♣ Amended by ...", called by "♣7. Appointment ..." above it
            rule, marks = symbols
            for line in page_body[:rule]:
                for mark in marks:
                    line.text = line.text.replace(mark, marker(_symbol_label(mark)))
            lines.extend(page_body[:rule])
            for line in page_body[rule + 1:]:
                head = _SYMBOL_NOTE_RE.match(line.text)
                if head and head.group(1) in marks:
                    lines.append(Line(head.group(2), number, footnote=_symbol_label(head.group(1))))
                else:
                    lines.append(Line(line.text, number, continues_footnote=True))
            continue
        notes_at = None
        for i, text in enumerate(body):
            match = _FOOTNOTE_START_RE.match(text)
            if match and i > 0 and int(match.group(1)) == expected and \
                    _mark_call(lines + page_body[:i], match.group(1)):
                notes_at = i
                break
        if notes_at is None:
            lines.extend(page_body)
            continue
        lines.extend(page_body[:notes_at])
        for index, text in enumerate(body[notes_at:]):
            match = _FOOTNOTE_START_RE.match(text)
            if match and int(match.group(1)) == expected and (index == 0 or _mark_call(lines, match.group(1))):
                lines.append(Line(match.group(2).strip(), number, footnote=match.group(1)))
                expected += 1
            else:
                lines.append(Line(text, number, continues_footnote=True))
    return lines, {"header_footer_lines_removed": removed, "footnotes": expected - 1,
                   "contents_lines_removed": contents, "front": front}


_UN_SYMBOL_RE = re.compile(r"(?<![\w/])((?:A|S|E|TD|ST|[A-Z]{2,8})/(?:[A-Z0-9.]+/)*[A-Z0-9.]*\d[A-Z0-9.]*)(?![\w/])")
_RESOLUTION_TITLE_RE = re.compile(r"^\d{1,3}/\d{1,4}\s*\.\s+(\S.*)$")
# A resolution's enacting words: the organ that speaks, alone on its line ("The General Assembly,");
# without the comma when its only clause follows, operative ("The General Assembly" / "Adopts the
# following political declaration ...:"), as a resolution that adopts a declaration prints it.
ORGAN_RE = re.compile(r"^The\s+[A-Z][\w'-]*(?:\s+(?:of|the|and|on|for|[A-Z][\w'-]*))*\s*(,?)$")
OPERATIVE_RE = re.compile(r"^[A-Z][a-z]+s\s+(?:that|to|the|its|all|upon|on|a|an)\b")


def speaking_organ(text: str, following: str) -> bool:
    """Whether `text` is a resolution's organ that speaks, the clause after it being `following`."""
    match = ORGAN_RE.match(text)
    return bool(match and (match.group(1) or OPERATIVE_RE.match(following)))


_MONTHS = ("january february march april may june july august september october november "
           "december").split()
_DATE_RE = re.compile(r"\b(\d{1,2})\s+(" + "|".join(_MONTHS) + r")\s+(\d{4})\b", re.I)
# The words a national law's name ends with, as its title prints them: "Migration Act 1958",
# "Labour Code", "Federal Decree-Law No. 9", "Immigration Regulations" (metadata reads a
# title by them, segment whether a text is a law).
LAW_NAME_WORDS = ("Act", "Law", "Code", "Decree", "Ordinance", "Proclamation", "Regulations", "Rules")
# A law's name ending with its year, as a title prints it: "Labour Act,2048 (1992)", "THE EMIGRATION ACT, 1983".
_LAW_YEAR_RE = re.compile(r"\b(?:" + "|".join(w for word in LAW_NAME_WORDS for w in (word, word.upper())) +
                          r")\s*,\s*(?:No\.\s*\d{1,4}\s+(?:of|OF)\s+)?\d{4}(?:\s*\(\d{4}\))?$")  # "ACT, No. 11 OF 2025" too
LAW_NUMBER_RE = re.compile(r"\b(?:Federal\s+)?(?:Decree-Law|Law|Act|Decree|Ordinance),?\s+No\.\s*\(?\d+\)?,?\s+of\s+\d{4}")
# Words of another language's title ("Verdrag betreffende ...", "Gesetz über ..."): English
# comes first in the catalogue.
_FOREIGN_RE = re.compile(r"\b(?:betreffende|het|van|een|voor|und|der|die|das|über|für|relative|relatif|"
                         r"concernant|sobre|del|los|las|por|para)\b", re.I)
# A title line of a document other than a UN one names its kind of instrument.
# A division heading: the text has begun ("PART I", "CHAPTER 1", "Article 1", "TITRE Ier"); an online
# service's label of the unit below ("Preamble 1 - MOTOR VEHICLES ACT, 1988", as "Section 1 - Short title").
_DIVISION_LINE_RE = re.compile(r"^(?:part|chapter|title|titre|chapitre|section|article|book|schedule|preamble)\s+"
                               r"(?:[IVXLC]+|\d+|one|premier)\b", re.I)
_INSTRUMENT_RE = re.compile(r"\b(?:Law|Act|Decree|Code|Convention|Regulations?|Ordinance|Directive|Protocol|Resolution|"
                            r"Agreement|Treaty|Constitution|Decision|Statute|Order \d{4}|Rules \d{4})\b", re.I)
# A statutory instrument's dates under its title end the title: "Made 14th November 2007".
# A law's number printed alone above its title, as Malaysia's revised Acts print it: "Act 800", "Act A1727"
# (not a year: "ACT 1966" is the end of a title).
_LAW_LABEL_RE = re.compile(r"^(?:Act|ACT|Ordinance|ORDINANCE)\s+(?!(?:18|19|20)\d\d$)[A-Z]{0,3}\d{1,4}[A-Z]?$")
# ... and a title's last line that is its law's word and year alone: "ACT 1966".
_YEAR_ONLY_TITLE_RE = re.compile(r"^(?:Act|ACT|Law|LAW|Ordinance|ORDINANCE),?\s+(?:No\.\s*\d{1,4}\s+(?:of|OF)\s+)?"
                                 r"(?:18|19|20)\d\d$")  # "ACT, No. 13 OF 2025" too
_OPENING_NUMBER_RE = re.compile(r"^(?:Federal\s+|Cabinet\s+|Ministerial\s+)?(?:Decree-Law|Law|Act|Decree|Ordinance|Resolution|"
                                r"Decision|Order)\s+No\.\s*\(?\d+\)?,?\s+of\s+\d{4}", re.I)
_TITLE_JOINS = frozenset("and of the for on in to concerning relating".split())
_MADE_RE = re.compile(r"^(?:Made|Laid before|Coming into force)\b")
_ADOPTED_RE = re.compile(r"\badopted\b.{0,60}?\bon\b", re.I)


# A court's decision as its first page prints it: "CASE OF VAN MARLE AND OTHERS v. THE NETHERLANDS" (the European
# Court of Human Rights' judgments, under the chamber's name), "AFFAIRE ... c. ...", or a resolution's block of
# lines in capitals: "RESOLUCIÓN DE LA" / "CORTE INTERAMERICANA DE DERECHOS HUMANOS" / "DEL 29 DE JULIO DE 1991" /
# "MEDIDAS PROVISIONALES ..." / "CASO CHUNIMA", up to the court speaking ("LA CORTE ...,").
_CASE_TITLE_RE = re.compile(r"^(?:CASE OF|AFFAIRE|CASO)\s+\S.*\s(?:v\.|c\.|vs\.?|contra)\s+\S")
_COURT_DECISION_RE = re.compile(r"^(?:RESOLUCI[OÓ]N|SENTENCIA|AUTO|ORDONNANCE|ARRÊT)\s+(?:DE|DEL|DU)\b")


def court_title(lines: list[str]) -> list[str]:
    """The title lines of a court's judgment or resolution on its first page (none if it is no such)."""
    for index, line in enumerate(lines[:12]):
        if _CASE_TITLE_RE.match(line):
            return [_court_case(line)]
        if _COURT_DECISION_RE.match(line):
            block = []
            for following in lines[index:index + 10]:
                if not in_capitals(following) or following.endswith((",", ":")):
                    break
                block.append(following)
            return [_court_case(" ".join(block))]
    return []


# A note verbale's opening: "The Office of Legal Affairs ... presents its compliments to the Permanent Mission of
# Ukraine to the United Nations and has the honour to ...": its sender and its addressee.
_COMPLIMENTS_RE = re.compile(r"\b(?:The|the)\s+([^.;]{3,150}?)\s+presents\s+its\s+compliments\s+to\s+the\s+([^.;]{3,150}?)"
                             r"\s+and\s+has\s+the\s+honou?r\b")


def note_verbale_title(lines: list[str]) -> list[str]:
    """A note verbale's title, from its opening (it prints none): "Note verbale from the Office of Legal Affairs
    ... to the Permanent Mission of Ukraine to the United Nations" (none if the page opens no note)."""
    opening = _COMPLIMENTS_RE.search(" ".join(lines[:25]))
    return [f"Note verbale from the {opening.group(1)} to the {opening.group(2)}"] if opening else []


# Words a court's title prints in lower case: "Case of X and Others v. the Netherlands", "Resolución de la Corte
# ... del 29 de julio de 1991".
_COURT_SMALL_WORDS = frozenset("of the and v. c. vs. de del la las los el un una y por en a al para contra du des le les et "
                               "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre".split())


def _court_case(text: str) -> str:
    """A court's title printed in capitals, in title case (its small words in lower case)."""
    words = text.split()
    return " ".join(word if not word.isupper() and not word[:1].isupper() or len(word) == 1 and n
                    else word.lower() if n and word.lower() in _COURT_SMALL_WORDS else word[:1] + word[1:].lower()
                    for n, word in enumerate(words))


def front_matter(page: list[str]) -> dict:
    """Title, symbol and date as a document's first page prints them.

    A UN document: its symbol ("A/RES/73/7"), the title of the resolution ("73/7. Report
    of ..." and its continuation lines) or its capitalised heading, the date it was
    adopted ("Resolution adopted by the General Assembly on 29 October 2018"). Another
    document: its first run of one to three short heading lines ("Migration Act 1958";
    "FEDERAL DECREE-LAW NO.9 OF 2022" / "CONCERNING DOMESTIC WORKERS").
    """
    lines = [_SPACES_RE.sub(" ", line).strip() for line in page]
    front: dict = {}
    symbol = next((m.group(1) for line in lines[:12] for m in [_UN_SYMBOL_RE.search(line)]
                   if m and len(line.split()) <= 4 and _is_un_symbol(m.group(1))), None)
    text = " ".join(lines)
    adopted = _ADOPTED_RE.search(text)
    # The date it was adopted, or a UN document's date; not a compilation's or a print date.
    date = _DATE_RE.search(text, adopted.end()) if adopted else _DATE_RE.search(text) if symbol else None
    if date:
        front["adopted"] = _iso_date(date.group(3), date.group(2), date.group(1))
    title: list[str] = []
    label = None  # a law's number printed alone above its title
    if symbol:
        front["symbol"] = symbol
        start, heading = next(((i, m) for i, line in enumerate(lines) if (m := _RESOLUTION_TITLE_RE.match(line))),
                              (None, None))
        if start is not None and heading is not None:
            title = [heading.group(1)]
            for at, line in enumerate(lines[start + 1:start + 4], start + 1):
                if speaking_organ(line, lines[at + 1] if at + 1 < len(lines) else ""):
                    break
                title.append(line)
        else:  # "RESTORATION OF THE LAWFUL RIGHTS ..." under the symbol and distribution lines
            for line in lines:
                if re.fullmatch(r"[^a-z]{12,}", line) and len(line.split()) >= 3 and "/" not in line \
                        and not line.endswith(":"):
                    title.append(line)
                elif title:
                    break
    elif court := court_title(lines) or note_verbale_title(lines):
        title = court
    elif any(line.startswith("AGENCY:") for line in lines):
        # A gazette's rule document: its subject line(s) stand between its RIN or docket
        # number and "AGENCY:" ("Airworthiness Directives; The Boeing Company Airplanes").
        agency = next(i for i, line in enumerate(lines) if line.startswith("AGENCY:"))
        for line in reversed(lines[max(0, agency - 4):agency]):
            if re.match(r"^(?:RIN|\[?Docket|\d+\s+CFR|Identifier)\b", line) or line.endswith("]"):
                break
            title.insert(0, line)
        front.update(federal_register(text))
    else:
        masthead = _masthead(lines)
        for index, line in enumerate(lines[:15]):
            if index < masthead:
                continue
            if _DIVISION_LINE_RE.match(line) and not title:
                continue  # a gazette's masthead: "PART II—Section 1" above the Act's name
            if _DIVISION_LINE_RE.match(line) or _MADE_RE.match(line):
                break  # "PART I" under the Act's name opens its text
            if _LAW_LABEL_RE.match(line) and not title:
                label = label or line  # "Act 800" above "EMPLOYMENT INSURANCE SYSTEM ACT 2017": its number
                continue
            if not title and _is_heading_line(line) and _INSTRUMENT_RE.search(line):
                # under a masthead, every line down to it is the title's ("NATIONAL INSTITUTE OF LABOUR" /
                # "STUDIES ACT, No. 12 OF 2010")
                title.extend(_title_above(lines[masthead:index], line, whole=bool(masthead) and index - masthead <= 2))
            if _FOREIGN_RE.search(line) or line.endswith("-"):
                if title:  # a translation's title, or a line cut by hyphenation: not the title
                    break
                continue
            if _is_heading_line(line) and (title or _INSTRUMENT_RE.search(line)) and \
                    (not title or in_capitals(line) == in_capitals(title[-1])):
                title.append(re.sub(r"\s[1-9]$", "", line))  # a footnote call after the title
                if len(title) == 3 and index + 1 < len(lines) and _YEAR_ONLY_TITLE_RE.match(lines[index + 1]):
                    title.append(lines[index + 1])  # a long name's fourth line: "ACT, No. 30 OF 2005"
                    break
                if len(title) == 3 or _LAW_YEAR_RE.search(line):
                    break  # (a law's name ends with its year: "Date of Authentication" under it is not the title's)
            elif title:
                break
    if title:
        joined = re.sub(r",(?=\d)", ", ", " ".join(title).strip())  # "Act,2048" printed without its space
        front["title"] = re.sub(r"\bNo\.(?=\d)", "No. ", _title_case(joined) if in_capitals(joined) else joined)
        # the number of the instrument the title names first: "Cabinet Resolution No. 106 of 2022
        # pertaining to ... Federal Decree Law No. 9 of 2022" is Resolution No. 106
        number = _OPENING_NUMBER_RE.match(front["title"]) or LAW_NUMBER_RE.search(front["title"])
        if number and not symbol:
            front["symbol"] = number.group(0)
        elif not symbol and label:
            front["symbol"] = _title_case(label) if label.isupper() else label
        elif not symbol and title[-1] in lines:  # the number printed above the title or just under it
            under = lines.index(title[-1]) + 1
            printed = next((n for line in lines[:under + 2] if (n := law_number_printed(line, title[-1]))), None)
            if printed:
                front["symbol"] = printed
    if symbol:  # a UN document is cited by its symbol: "A/RES/73/7, preambular para. 3"
        front.update(cite_as=symbol, short_title=symbol)
        if "/RES/" in symbol:
            front["type"] = "resolution"
    return front


# The legislature or state that prints its Acts under its name, above their titles: "PARLIAMENT OF
# THE DEMOCRATIC" / "SOCIALIST REPUBLIC OF" / "SRI LANKA".
_MASTHEAD_RE = re.compile(r"(?:THE\s+)?(?:PARLIAMENT|NATIONAL\s+ASSEMBLY|GOVERNMENT|CONGRESS)\s+OF\s+(?:THE\s+)?"
                          r"(?:[A-Z]+\s+){0,3}(?:REPUBLIC|KINGDOM|FEDERATION|STATE|UNION)\s+OF\s+(?:THE\s+)?[A-Z]+(?:\s+[A-Z]+)?")


def _masthead(lines: list[str]) -> int:
    """How many first lines name the legislature or state above the title, on up to four lines."""
    return next((count for count in range(1, 5) if _MASTHEAD_RE.fullmatch(" ".join(lines[:count]))), 0)


def _is_un_symbol(symbol: str) -> bool:
    """A UN organ's symbol: "A/RES/73/7", "E/CN.7/2003/10", a treaty body's "CRC/C/GC/1"; not a
    gazette's "GI/2025" (its issue's mark under "PUBLISHED BY AUTHORITY"), two letters and a year."""
    return symbol.split("/")[0] in ("A", "S", "E", "TD", "ST") or symbol.count("/") >= 2


def _title_above(above: list[str], first: str, whole: bool = False) -> list[str]:
    """The lines of a title printed above the line naming its instrument: the name above the law's
    word and year alone ("CHILDREN AND YOUNG" / "PERSONS (EMPLOYMENT)" / "ACT 1966"), or a line
    cut after a small word ("OCCUPATIONAL SAFETY AND" / "HEALTH ACT 1994"); at most two."""
    lines: list[str] = []
    # a line opening with a bracket goes on from the one above: "NATIONAL MINIMUM WAGE OF WORKERS" /
    # "(AMENDMENT) ACT, No. 11 OF 2025"
    year_only = whole or _YEAR_ONLY_TITLE_RE.match(first) or first.startswith("(")
    for line in reversed(above[-2:]):
        if not _is_heading_line(line) or in_capitals(line) != in_capitals(first) or _LAW_LABEL_RE.match(line) or \
                not (year_only or line.split()[-1].lower() in _TITLE_JOINS):
            break
        lines.insert(0, line)
    return lines


# A law's number as printed on the line under its title: Australia's "No. 62, 1958", the UK's
# "2016 CHAPTER 19" and, for a statutory instrument, "2019 No. 1234".
_NUMBER_UNDER_TITLE_RE = re.compile(r"^(?:No\.\s*(?P<number>\d+),\s*(?P<year>\d{4})|(?P<chapter_year>\d{4})\s+"
                                    r"(?:CHAPTER|Chapter|c\.)\s+(?P<chapter>\d+)|(?P<si_year>\d{4})\s+No\.\s*(?P<si>\d+))$")


def law_number_printed(line: str, title: str) -> str | None:
    """The number a line under a law's title gives it, as the law is cited: "Act No. 62,
    1958" (its kind from the title), "2016 c. 19", "SI 2019/1234"; None for another line.

    >>> law_number_printed("No. 62, 1958", "Migration Act 1958"), law_number_printed("2019 No. 1234", "The Order 2019")
    ('Act No. 62, 1958', 'SI 2019/1234')
    """
    m = _NUMBER_UNDER_TITLE_RE.match(line.strip())
    if m is None:
        return None
    if m.group("number"):
        kind = next((w for w in reversed(_WORD_RE.findall(title)) if w in ("Act", "Law", "Ordinance", "Decree")), "")
        return f"{kind} No. {m.group('number')}, {m.group('year')}".strip()
    if m.group("chapter"):
        return f"{m.group('chapter_year')} c. {m.group('chapter')}"
    return f"SI {m.group('si_year')}/{m.group('si')}"


# The United States Federal Register's page header, in either order: "Federal Register / Vol.
# 85, No. 152 / Thursday, August 6, 2020 / Proposed Rules 47698", or as its first page prints
# it, "Proposed Rules Federal Register 47698 Vol. 85, No. 152 Thursday, August 6, 2020".
_FEDERAL_REGISTER_RE = re.compile(
    r"Federal Register\s*/?\s*(?P<first>\d{1,6}\s+)?Vol\.\s*(?P<volume>\d{1,3}),\s*No\.\s*\d{1,3}\s*/?\s*"
    r"\w+day,\s+(?P<month>[A-Z][a-z]+)\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})"
    r"(?:\s*/\s*(?:Rules and Regulations|Proposed Rules|Notices|Presidential Documents)\s+(?P<last>\d{1,6}))?")
# Its agency ("AGENCY: Federal Aviation Administration (FAA), DOT.") and the document's kind;
# the agency is the first named, before its initials or its department ("U.S. Citizenship and
# Immigration Services (USCIS), Department of Homeland Security (DHS).").
_AGENCY_RE = re.compile(r"\bAGENCY:\s*(?P<agency>.+?)\s*\bACTION:\s*(?P<action>[^.]+)")


def federal_register(text: str) -> dict:
    """How a rule document of the US Federal Register is cited, from its first page: by
    volume and first page ("85 FR 47698", its symbol, citation name and short title), its
    issue's date, its agency as body, the United States as its country, and a final rule's
    type (a regulation). Nothing when the page prints no Federal Register header.

    >>> federal_register("Rules Federal Register 47698 Vol. 85, No. 152 Thursday, August 6, 2020 "
    ...                  "AGENCY: Federal Aviation Administration (FAA), DOT. ACTION: Final rule.")["cite_as"]
    '85 FR 47698'
    """
    header = _FEDERAL_REGISTER_RE.search(text)
    if header is None or header.group("month").lower() not in _MONTHS:
        return {}
    page = (header.group("first") or header.group("last") or "").strip()
    found: dict = {"adopted": _iso_date(header.group("year"), header.group("month"), header.group("day")),
                   "country": "United States"}
    if page:
        cite = f"{header.group('volume')} FR {page}"
        found.update(symbol=cite, cite_as=cite, short_title=cite)
    agency = _AGENCY_RE.search(text)
    if agency:
        found["body"] = re.split(r"\s*[(,;]", " ".join(agency.group("agency").split()))[0].rstrip(". ")
        if re.match(r"(?:Final rule|Interim final rule)", agency.group("action").strip(), re.I):
            found["type"] = "regulation"
    return found


def _iso_date(year: str, month: str, day: str) -> str:
    """"2020", "August", "6" -> "2020-08-06" (an English month's name, any case)."""
    return f"{year}-{_MONTHS.index(month.lower()) + 1:02d}-{int(day):02d}"


def _is_heading_line(line: str) -> bool:
    """A short title line; the comma before a law's year is a title's ("Labour Act, 2048 (1992)")."""
    return 0 < len(line.split()) <= 12 and "," not in _LAW_YEAR_RE.sub("", line) and not line.endswith((".", ":")) and \
        not _DATE_RE.search(line) and not _PAGE_NUMBER_RE.match(line) and not _RULE_RE.match(line) \
        and line.lstrip("(")[:1].isupper() and not _NOT_A_TITLE_RE.search(line)


# A line about the document, not its title: "This Act can be downloaded from www.documents.gov.lk",
# and the ministry that publishes it in a gazette ("MINISTRY OF LAW AND JUSTICE").
_NOT_A_TITLE_RE = re.compile(r"^(?:This|These)\s|\bwww\.|https?://|^(?i:ministry|department)\s+(?i:of)\s")


def in_capitals(line: str) -> bool:
    """A line printed in capitals, but for its number's "No.": "(AMENDMENT) ACT, No. 11 OF 2025"."""
    return not re.search(r"[a-zß-ÿ]", re.sub(r"\bNo\.", "", line))


def _title_case(text: str) -> str:
    """"FEDERAL DECREE-LAW NO.9 OF 2022" -> "Federal Decree-Law No.9 of 2022"."""
    small = {"of", "the", "and", "in", "on", "for", "to", "a", "an", "by", "or", "at"}
    words = text.lower().split()
    def capital(part: str) -> str:  # "(protection)" -> "(Protection)"
        lead = len(part) - len(part.lstrip("(\"'“"))
        return part[:lead] + part[lead:lead + 1].upper() + part[lead + 1:]

    out = [w if i and w in small else "-".join(map(capital, w.split("-"))) for i, w in enumerate(words)]
    # a bracket printed without its space ("EMPLOYMENT(AMENDMENT) ACT"): "Employment (Amendment) Act"
    return re.sub(r"(?<=[a-z])\((\w)", lambda m: " (" + m.group(1).upper(), " ".join(out)).replace("'S ", "'s ")


def _remove_print_chrome(page_lines: list[list[str]]) -> int:
    """Drop a UN document's job numbers, barcodes and page counters; on a page whose
    top lines end with the job number and counter, the lines above it are its running
    header (the symbol, sometimes the title)."""
    removed = 0
    for number, body in enumerate(page_lines):
        if number:  # the running symbol alone at a page's top or bottom ("A/RES/73/7")
            edge = [i for i, line in enumerate(body) if (i < 3 or i >= len(body) - 3)
                    and _UN_SYMBOL_RE.fullmatch(line.strip()) and "/" in line]
            for i in reversed(edge):
                del body[i]
            removed += len(edge)
        top = next((i for i, line in enumerate(body[:6]) if _COUNTER_RE.match(_SPACES_RE.sub(" ", line))), None)
        if top is not None:
            removed += top + 1
            del body[:top + 1]
        kept = [line for i, line in enumerate(body) if not _CHROME_RE.match(_SPACES_RE.sub(" ", line))
                and not _DISTRIBUTION_RE.match(_SPACES_RE.sub(" ", line))
                and not (_is_page_counter(line) and (i < 3 or i >= len(body) - 3))]
        removed += len(body) - len(kept)
        body[:] = kept
    return removed


# The printer's sales notice on an Act's last page (Sri Lanka's: "Annual subscription of English Bills
# and Acts ... Payable to the Superintendent ...", "English Acts of the Parliament can be purchased at ...").
_SALES_NOTICE_RE = re.compile(r"^(?:Annual\s+subscription\b|.{0,80}\bcan\s+be\s+purchased\s+(?:at|from)\b)", re.I)


def _remove_sales_notice(page_lines: list[list[str]]) -> int:
    """Drop the sales notice that ends the last page (of a file of two pages or more): it and
    the few lines after it (the publisher's address) are no part of the last unit's text."""
    if len(page_lines) < 2:
        return 0
    body = page_lines[-1]
    start = next((i for i, line in enumerate(body) if _SALES_NOTICE_RE.match(line)), None)
    if start is None or len(body) - start > 6:
        return 0
    removed = len(body) - start
    del body[start:]
    return removed


def _is_page_counter(line: str) -> bool:
    match = _PAGE_COUNTER_RE.match(line.strip())
    return match is not None and 0 < int(match.group(1)) <= int(match.group(2))


def _leading_notes(page_body: list[Line], expected: int) -> int:
    """How many lines at the top of a page are footnotes that text extraction put before
    the body (a multi-column gazette): they start with the next footnote number, its call
    is in the page's body, and the block ends with a sentence not followed by the next note."""
    first = page_body[0].text if page_body else ""
    match = _RULED_NOTE_RE.match(first) or _FOOTNOTE_START_RE.match(first)
    if not match or int(match.group(1)) != expected:
        return 0
    number, end = expected, None
    for i, line in enumerate(page_body[1:], 1):
        start = _RULED_NOTE_RE.match(line.text) or _FOOTNOTE_START_RE.match(line.text)
        if start and int(start.group(1)) == number + 1 and page_body[i - 1].text.rstrip().endswith(_NOTE_END):
            number += 1
            continue
        # Notes are set smaller than the text: after a sentence ends, lines that are
        # clearly shorter are the body's column.
        if page_body[i - 1].text.rstrip().endswith(_NOTE_END) and \
                _mean_length(page_body[i:i + 6]) < 0.88 * _mean_length(page_body[:i]):
            end = i
            break
    if end is None or not _find_call(page_body[end:], str(expected)):
        return 0
    return end


def _mean_length(lines: list[Line]) -> float:
    return sum(len(l.text) for l in lines) / len(lines) if lines else 0.0


def _find_call(body: list[Line], label: str) -> bool:
    pattern = _call_pattern(label, detached=True)
    return any(pattern.search(line.text) for line in body)


def _starred_note(page_body: list[Line]) -> int | None:
    """A page-bottom note marked by asterisks, whose call ends a line above it on the page."""
    for i in range(len(page_body) - 1, 0, -1):
        match = _STAR_NOTE_RE.match(page_body[i].text)
        if not match:
            continue
        call = re.compile(rf"(?<=\S)\s*({re.escape(match.group(1))})\s*$")
        for line in page_body[:i]:
            if call.search(line.text):
                line.text = _replace_last(call, line.text, marker(match.group(1)))
                return i
    return None


def _symbol_notes(page_body: list[Line]) -> tuple[int, set[str]] | None:
    """A page's notes marked by symbols: the rule above them and the symbols called in the text
    above it (a mark that opens a line with a space after it is a bullet, no call), or None."""
    for i, line in enumerate(page_body[:-1]):
        if not _RULE_RE.match(line.text):
            continue
        first = _SYMBOL_NOTE_RE.match(page_body[i + 1].text)
        if first is None:
            return None
        marks = {m.group(1) for l in page_body[i + 1:] if (m := _SYMBOL_NOTE_RE.match(l.text))}
        called = {mark for mark in marks
                  if any(mark in re.sub(rf"^{re.escape(mark)}\s", "", l.text) for l in page_body[:i])}
        return (i, called) if first.group(1) in called else None
    return None


def _symbol_label(mark: str) -> str:
    """A symbol note's label: the symbol, or the glyph's name ("/scissors" is "scissors")."""
    return mark.lstrip("/")


def _ruled_notes(body: list[str], expected: int) -> int | None:
    """Where a page's footnote block starts: a separator rule followed by the next footnote
    ("1 A/73/85.", "1Ibid.", or "1. Subs. by Act 43 of 1986 ..." where its call "1[" or "date1"
    is on the page above the rule)."""
    for i, line in enumerate(body):
        if _RULE_RE.match(line) and i + 1 < len(body):
            match = _note_start(body[i + 1])
            if match and int(match.group(1)) == expected and (
                    not _DOTTED_NOTE_RE.match(body[i + 1]) or _find_call([Line(t) for t in body[:i]], match.group(1))):
                return i
    return None


def _unruled_notes(body: list[str]) -> int | None:
    """Where a page's amendment notes start when no rule is printed above them, as a typescript
    Act prints them: "1  Subs. for “Province” by ...", "2 Amended by ..." to the page's end, each
    numbered from 1 on the page and called above them by "1[State]", "2[(3) (a) ...", "3*"."""
    for i in range(len(body) - 1, 0, -1):
        first = _RULED_NOTE_RE.match(body[i])
        if not (first and first.group(1) == "1"):
            continue
        above = [Line(t) for t in body[:i]]
        numbers = [int(m.group(1)) for l in body[i:] if (m := _RULED_NOTE_RE.match(l))]
        amended = re.compile(r"(?<![\w.\[(])(\d{1,2})(?=\[\S|\*)")
        if numbers == list(range(1, len(numbers) + 1)) and all(
                any(m.group(1) == str(n) for line in above for m in amended.finditer(line.text)) for n in numbers):
            return i
        return None
    return None


def _note_start(text: str) -> re.Match | None:
    return _RULED_NOTE_RE.match(text) or _FOOTNOTE_START_RE.match(text) or _DOTTED_NOTE_RE.match(text)


def _add_ruled_notes(lines: list[Line], page_body: list[Line], rule: int, expected: int, page: int,
                     by_page: bool = False) -> int:
    """Body lines before the rule, then each footnote (the next number) with its text; notes
    numbered page by page are labelled by their page too ("p3-1": note 1 of page 3), so that
    each has its own id and its call on that page anchors it."""
    lines.extend(page_body[:rule])
    for line in page_body[rule + 1:]:
        match = _note_start(line.text)
        if match and int(match.group(1)) == expected:
            label = f"p{page}-{match.group(1)}" if by_page else match.group(1)
            if not (by_page and _mark_calls(page_body[:rule], match.group(1), label)):
                _mark_call(lines, match.group(1), as_label=label)
            lines.append(Line(match.group(2).strip(), page, footnote=label))
            expected += 1
        else:
            lines.append(Line(line.text, page, continues_footnote=True))
    return expected


def _mark_call(lines: list[Line], label: str, detached: bool = False, as_label: str | None = None) -> bool:
    """Turn the glued call of footnote `label` ("sovereignty.1 Yet") into a marker (of
    `as_label`, where the note is labelled otherwise than it is printed).

    Searches the latest body lines backwards (the call may sit on the previous page).
    Returns False where no call is found: then the candidate line is not a footnote.
    """
    pattern = _call_pattern(label, detached)
    for line in reversed(lines[-80:]):
        if line.footnote is None and not line.continues_footnote and pattern.search(line.text):
            line.text = _replace_last(pattern, line.text, marker(as_label or label))
            return True
    return False


def _mark_calls(body: list[Line], printed: str, label: str) -> bool:
    """Turn every call of a page's note `printed` on that page into a marker of `label` (a note
    numbered page by page may be called more than once: "within 3[three months]" in three
    clauses); False where the page has none."""
    pattern = _call_pattern(printed)
    found = False
    for line in body:
        if line.footnote is None and not line.continues_footnote and pattern.search(line.text):
            line.text = pattern.sub(lambda _: marker(label), line.text)
            found = True
    return found


def mark_footnote_call(lines: list[Line], label: str) -> bool:
    """Turn the call of footnote `label` in the latest body lines into a marker (the readers'
    plain-text footnotes below a rule); False where none is found."""
    return _mark_call(lines, label)


def _call_pattern(label: str, detached: bool = False) -> re.Pattern:
    """A footnote call: glued ("sovereignty.1"), after a quote, set apart by two spaces or
    ending the line; `detached`, also between two words ("Reports 1 from")."""
    # (an amendment's call before the bracket that opens the text it changed: "punishable 6[with
    # imprisonment", "1[4. Penalty for ...", "4*  *  *" where text was omitted)
    return re.compile(rf"(?<=[^\s\d–—\[-])({label})(?=[\s,.;:]|$)|(?<=[”\"’)])\s+({label})(?=\s|$)"
                      rf"|(?<=[A-Za-z0-9,;.])\s({label})(?=\s{{2}}|\s*$)|(?<![\w.\[(])({label})(?=\[\S|\*)"
                      + (rf"|(?<=[a-z)])\s({label})(?=\s[a-z])" if detached else ""))


def _replace_last(pattern: re.Pattern, text: str, replacement: str) -> str:
    match = list(pattern.finditer(text))[-1]
    return text[:match.start()] + replacement + text[match.end():]


def _remove_running_lines(page_lines: list[list[str]]) -> int:
    """Drop page numbers and lines repeated at the top or bottom of many pages."""
    removed = 0
    # Two pages alike in a line's shape prove little (a list of dates, "58/7 of 4 November 2003,
    # 59/11 of ..."); there a line must repeat exactly (a page number is taken as such), but for
    # its numbers where it has four words or more of three letters (a journal's running header).
    # A unit's heading alone on its line ("Article (2)", "Section 14") opens many a page of a law:
    # it is running only where printed identically, never by its shape.
    shape = _edge_key if len(page_lines) >= 3 else \
        (lambda line: _edge_key(line) if len(re.findall(r"[^\W\d_]{3,}", line)) >= 4 else _exact_key(line))

    def key(line: str) -> str:
        return _exact_key(line) if _UNIT_HEADING_RE.match(line) else shape(line)
    if len(page_lines) >= 2:
        counts: Counter[str] = Counter()
        for body in page_lines:
            keys = {key(l) for l in body[:2] + body[-2:]}
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
                if key(line) in running or _PAGE_NUMBER_RE.match(line):
                    body.pop(index)
                    removed += 1
                else:
                    break
    return removed


def _remove_header_blocks(page_lines: list[list[str]]) -> int:
    """A running header of several lines (an Act's part, division and section, its page
    number, then a fixed line such as "Compilation No. 164 Compilation date: 21/02/2025"):
    every line down to a line printed identically near the top of most pages."""
    if len(page_lines) < 5:
        return 0
    counts = Counter(line for body in page_lines for line in {_SPACES_RE.sub(" ", l) for l in body[:6]})
    fixed = {line for line, n in counts.items() if n >= 0.6 * len(page_lines)}
    removed = 0
    for body in page_lines:
        last = max((i for i, line in enumerate(body[:6]) if _SPACES_RE.sub(" ", line) in fixed), default=None)
        if last is not None:
            removed += last + 1
            del body[:last + 1]
    return removed


def _remove_contents(page_lines: list[list[str]]) -> int:
    """A table of contents (most lines end in a dot leader and a page number) is not the
    text; nor are the cover pages before it."""
    pages = [i for i, body in enumerate(page_lines)
             if body and sum(bool(_LEADER_RE.search(l)) for l in body) >= 0.4 * len(body)]
    if not pages or pages[0] > 5 + len(page_lines) // 10:
        return 0
    removed = 0
    for body in page_lines[:pages[-1] + 1]:
        removed += len(body)
        body.clear()
    return removed


def _exact_key(line: str) -> str:
    return " ".join(line.split()).lower()


def _edge_key(line: str) -> str:
    """A running line's shape: its words without their numbers, in any order (a journal prints
    "12.5.2031 EN Official Journal ... L 123/1" on odd pages, "L 123/2 EN Official Journal ...
    12.5.2031" on even ones)."""
    return " ".join(sorted(re.sub(r"\d+", "#", line.lower()).split()))


def remove_boilerplate(lines: list[Line]) -> int:
    """Remove body lines (4+ words, no digits) repeated 3+ times: notes of the source
    database such as "Treedt in werking op een nader te bepalen tijdstip", not law."""
    counts = Counter(l.text for l in lines if not l.heading and not l.footnote)
    repeated = {t for t, n in counts.items()
                if n >= 3 and len(t.split()) >= 4 and not re.search(r"\d", t)}
    before = len(lines)
    lines[:] = [l for l in lines if l.heading or l.text not in repeated]
    return before - len(lines)


def has_words(texts: Iterable[str], wanted: int) -> bool:
    """Whether `texts` hold `wanted` words, counted without a list of them all (a line may
    be a whole book)."""
    words = (word for text in texts for word in re.finditer(r"\S+", text))
    return next(islice(words, wanted - 1, None), None) is not None


class Vocabulary:
    """The words of one document, to decide hyphenation and glued words by the document itself."""

    def __init__(self, texts):
        self.words: Counter[str] = Counter()
        self.compounds: Counter[str] = Counter()
        self.hyphens_repaired = 0  # counted by join_wrapped, for the quality report
        cut = False  # the previous line ended in a hyphenated fragment
        for text in texts:
            tokens = (m.group() for m in _WORD_RE.finditer(text))  # no list: a line may be a whole book
            if cut:
                next(tokens, None)  # "grants" of "immi-/grants" is no word of its own
            end = text.rstrip()[-2:]
            cut = end.endswith("-") and end[:1].isalpha()
            held = next(tokens, None)
            for token in tokens:
                self._count(held)
                held = token
            if held is not None and not cut:  # "immi-" is no word of its own either
                self._count(held)

    def _count(self, token: str):
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
    word = re.match(r"[A-Za-zÀ-ÿ]+", line)
    if not word:  # a lower-case letter outside Latin-1 ("ő"): no repair attempted
        return text + line
    tail = word.group(0)
    joined, hyphenated = (head + tail).lower(), f"{head}-{tail}".lower()
    if hyphenated in vocab.compounds:
        return text + line  # "co-operation" is written so elsewhere: keep the hyphen
    if len(head) > 2 and len(tail) > 2 and joined not in vocab.words and \
            head.lower() in vocab.words and tail.lower() in vocab.words:
        return f"{text} {line}"  # "employment- and": a dash, not a hyphenation
    if joined not in vocab.words and joined not in english_words() and len(head) > 2 and len(tail) > 3 \
            and head.lower() in english_words() and tail.lower() in english_words():
        return text + line  # "post-/conflict": a compound, neither the document nor English joins it
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


def rejoin_split(text: str, vocab: Vocabulary) -> tuple[str, int]:
    """Join a word a PDF's text layer splits in two where a line's text was set in two runs
    ("All St ates", "global and national progres s"): the two parts are the document's word,
    written whole at least twice elsewhere, and one of them is neither an English word nor one
    the document writes anywhere else ("ates", "progres"). Two words that make a third ("a
    broad" / "abroad", "in to") stay apart: both are words."""
    spaces: list[int] = []  # where a space splits a word: each pair of words is looked at, overlapping ("global progres s")
    for match in _SPLIT_WORD_RE.finditer(text):
        head, tail = match.group(1).lower(), match.group(2).lower()
        if vocab.words[head + tail] >= 2 and not all(p in english_words() or vocab.words[p] > 1 for p in (head, tail)) \
                and not (spaces and spaces[-1] == match.start() - 1):  # "St ates" joined: "ates" joins nothing more
            spaces.append(match.start() + len(head))
    for space in reversed(spaces):
        text = text[:space] + text[space + 1:]
    return text, len(spaces)


_SPLIT_WORD_RE = re.compile(r"\b(?=([A-Za-z]+) ([a-z]+)\b)")  # zero-width: every pair of words, overlapping


@functools.cache
def english_words() -> frozenset[str]:
    """A general English lexicon: the 82,765-word frequency list that ships with symspellpy."""
    return frozenset(english_frequencies())


@functools.cache
def english_frequencies() -> dict[str, int]:
    """Each word of the English lexicon with its count in symspellpy's frequency list
    (found without importing symspellpy, read in one pass)."""
    fields = _lexicon_text().split()  # lines are "word count"
    return dict(zip(fields[0::2], map(int, fields[1::2])))


def is_english_word(word: str) -> bool:
    """Whether `word` (lower case) is in the English lexicon, looked up in the list's text
    as it is on disk (about 0.2 ms a word): a search asks about a few words, and building
    `english_words()` for them cost 60 ms of a cold search. The indexer, which asks about
    every long token, uses the set."""
    return f"\n{word} " in _lexicon_text()


@functools.cache
def _lexicon_text() -> str:
    """symspellpy's frequency list, its lines "word count", after a newline: a word is
    "\nword " in it."""
    spec = importlib.util.find_spec("symspellpy")
    assert spec and spec.submodule_search_locations, "symspellpy (a dependency) is not installed"
    path = os.path.join(spec.submodule_search_locations[0], "frequency_dictionary_en_82_765.txt")
    with open(path, encoding="utf-8") as handle:
        return "\n" + handle.read()


def _segment_words(token: str, vocab: Vocabulary) -> list[str] | None:
    """The best split of `token` into known words: the document's own (seen twice, or as a
    compound) or the English lexicon's.

    Best is, in this order: the fewest words; then the fewest one-letter words; then the
    words the document itself uses most (the sum of the logarithms of their counts in it);
    then the words most frequent in English (the same sum over the lexicon's counts). So
    "annexisinforce" is "annex is in force", not "annex i sin force": both are four words,
    but "i" is one letter, and "is" and "in" are far more common than "i" and "sin".
    The costs add up word by word and are compared in that order, so the dynamic
    programme below finds the best split exactly."""
    lexicon = english_frequencies()
    lower = token.lower()
    n = len(lower)
    best: list[tuple[tuple[float, ...], list[str]] | None] = [None] * (n + 1)
    best[0] = ((0, 0, 0.0, 0.0), [])
    for end in range(1, n + 1):
        for start in range(max(0, end - 24), end):
            before, current = best[start], best[end]
            if before is None:
                continue
            piece = lower[start:end]
            known = vocab.compounds[piece] >= 2 or (piece in lexicon and (len(piece) > 1 or piece in "ai")) \
                or (vocab.words[piece] >= 2 and len(piece) > 1)
            if not known:
                continue
            (words, short, in_document, in_english), parts = before
            cost = (words + 1, short + (len(piece) == 1), in_document - math.log1p(vocab.words[piece]),
                    in_english - math.log1p(lexicon.get(piece, 0)))
            if current is None or cost < current[0]:
                best[end] = (cost, parts + [token[start:end]])
    found = best[n]
    return found[1] if found is not None else None


# A typeset PDF's ligatures ("ﬁ", "ﬂ" ...), which its text layer gives as one character, often
# with a space after it and sometimes one before ("bene ﬁ cial", "Certiﬁ ed").
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st",
              "\ufb06": "st"}
_LIGATURE_RE = re.compile(r"(?P<before>[^\W\d_]*)(?P<gap> ?)(?P<ligature>[\ufb00-\ufb06]) ?(?P<after>[^\W\d_]*)")
# A label printed with a space inside its brackets: "( a)", "( iv )", as some gazettes' PDFs give them.
_SPACED_LABEL_RE = re.compile(r"\(\s+([a-z]{1,4}|\d{1,3}[A-Z]?)\s*\)|\(([a-z]{1,4}|\d{1,3}[A-Z]?)\s+\)")


def normalise_typography(line: Line) -> Line:
    """Typographic apostrophes as plain ones, so that "women’s" finds "women's"; no soft hyphens;
    ligatures as their letters ("beneﬁ cial" -> "beneficial"); labels without the spaces a PDF
    put inside their brackets ("( a)" -> "(a)")."""
    text = line.text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00ad", "")
    if "(" in text:
        text = _SPACED_LABEL_RE.sub(lambda m: f"({m.group(1) or m.group(2)})", text)
    if any(ligature in text for ligature in _LIGATURES):
        text = _LIGATURE_RE.sub(_expand_ligature, text)
    return dataclasses.replace(line, text=text)


def _expand_ligature(match: re.Match) -> str:
    """The ligature's letters joined to the rest of its word. A space after a ligature is the
    PDF's; one before it is the word's own break only if the letters after it make an English
    word and the whole does not ("terrorist ﬁ nancing", but "bene ﬁ cial")."""
    before, after = match.group("before"), match.group("after")
    tail = _LIGATURES[match.group("ligature")] + after
    if not before:
        return match.group("gap") + tail
    if match.group("gap"):
        words = english_words()
        if tail.lower() in words or (before + tail).lower() not in words:
            return f"{before} {tail}"
    return before + tail


# -- the steps ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Step:
    """One cleaning step: a function from a read text to a cleaner one."""

    name: str
    does: str  # what it removes or repairs, in a few words
    run: Callable[[SourceText], SourceText]
    formats: tuple[str, ...] = ("pdf", "html", "md")  # the formats it applies to

    def applies(self, source: SourceText) -> bool:
        return source.format in self.formats


def _pdf_pages(source: SourceText) -> SourceText:
    lines, stats = clean_pdf_pages(source.page_texts)
    front = stats.pop("front", {})
    lines = place_margin_notes(lines, source.margin_notes)
    return dataclasses.replace(source, lines=lines, stats={**stats, **source.stats}, front=front, page_texts=[])


def place_margin_notes(lines: list[Line], notes: dict[int, list[tuple[str, str]]]) -> list[Line]:
    """Each marginal note (`indexer.readers.margin_notes`) on the line it stands beside, the first
    of its page to start as the note's line does: the heading of the section that line starts.
    A note in quotes heads a section an amendment inserts, inside the quoted text: it is printed
    as a line of that text, above the section's first."""
    placed = list(lines)
    for page, found in notes.items():
        for start, note in found:
            key = _SPACES_RE.sub("", start)[:24]
            at = next((i for i, line in enumerate(placed) if line.page == page and not line.footnote
                       and not line.continues_footnote and _SPACES_RE.sub("", line.text).startswith(key)), None)
            if at is None:  # (kept in the text, at its page's end, as the text layer gave it)
                at = max((i + 1 for i, line in enumerate(placed) if line.page == page), default=len(placed))
                placed.insert(at, Line(note, page))
            elif note[:1] in "“\"":
                placed.insert(at, Line(note, page))
            else:
                placed[at] = dataclasses.replace(placed[at], note=note)
    return placed


def _typography(source: SourceText) -> SourceText:
    return dataclasses.replace(source, lines=[normalise_typography(line) for line in source.lines])


def _boilerplate(source: SourceText) -> SourceText:
    lines = list(source.lines)
    removed = remove_boilerplate(lines)
    return dataclasses.replace(source, lines=lines, stats={**source.stats, "boilerplate_lines_removed": removed})


CLEANING_STEPS = (
    Step("pdf-pages", "page texts to lines: headers, footers, page numbers, contents and page-bottom footnotes "
         "taken out", _pdf_pages, formats=("pdf",)),
    Step("typography", "typographic apostrophes as plain ones, soft hyphens removed, ligatures as letters", _typography),
    # A PDF's repeated lines are its running headers and footers, which `pdf-pages` removes.
    Step("boilerplate", "body lines repeated through the file removed", _boilerplate, formats=("html", "md")),
)


def clean_text(source: SourceText, steps: Iterable[Step | str] = CLEANING_STEPS) -> SourceText:
    """The source after each of `steps` (`Step`s, or names of `CLEANING_STEPS`) that applies
    to it, in order; a step it has already been through (`source.cleaned`) is not run again.

    `clean_text(source, ["typography"])` runs that step alone."""
    for step in steps:
        if isinstance(step, str):
            step = _step_named(step)
        if step.name not in source.cleaned and step.applies(source):
            source = step.run(source)
            source = dataclasses.replace(source, cleaned=source.cleaned + (step.name,))
    return source


def _step_named(name: str) -> Step:
    for step in CLEANING_STEPS:
        if step.name == name:
            return step
    raise ValueError(f"no cleaning step named {name!r}; the steps are {', '.join(s.name for s in CLEANING_STEPS)}")
