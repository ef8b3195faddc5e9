"""What a document says about itself: its title, symbol and date, as printed in its first lines.

`lexmig add` uses them for a new catalogue entry when the librarian gives none (a PDF's first
page is read by `indexer.clean.front_matter`; here only its language is guessed):

- the title is the document's own, in its first language: a file holding a text and its
  translation often opens with the translation's title (the Dutch treaty database prints
  "Verdrag betreffende ..." above "Convention concerning ..."), and a masthead ("LEAGUE OF
  NATIONS.", "INTERNATIONAL LABOUR CONFERENCE") is no title;
- an EU act's title is printed over several lines ("REGULATION (EU) 2022/868 OF ...",
  "of 30 May 2022", "on European data governance ..."); lines in capitals get back the
  case the document itself writes each word in ("Regulation (EU) 2022/868 of the European
  Parliament ...");
- the symbol ("Regulation (EU) 2022/868", "COM(2021) 206 final", "A/RES/73/7") and the date
  ("of 30 May 2022", "Brüssel, den 21.4.2021") where printed.
"""

from __future__ import annotations

import functools
import re
from collections import Counter

from .clean import LAW_NAME_WORDS, LAW_NUMBER_RE, clean_text, has_words
from .language import guess_language, language_score
from .segment import is_structural, split_languages
from .source import Line, SourceText

# Words an instrument's title starts with, per language.
TITLE_WORDS = {
    "en": frozenset("convention covenant protocol charter constitution agreement treaty decision annex regulation "
                    "directive declaration recommendation resolution statute act law decree proposal code".split()),
    "fr": frozenset("convention pacte protocole charte constitution accord traité décision annexe règlement "
                    "directive déclaration recommandation résolution statut loi décret proposition".split()),
    "de": frozenset("übereinkommen pakt protokoll charta verfassung abkommen vertrag beschluss rahmenbeschluss anhang "
                    "verordnung "
                    "richtlinie erklärung empfehlung entschließung gesetz vorschlag".split()),
    "nl": frozenset("verdrag protocol handvest statuut overeenkomst besluit bijlage verordening richtlijn "
                    "verklaring aanbeveling resolutie wet voorstel".split()),
    "es": frozenset("convenio convención pacto protocolo carta constitución acuerdo tratado decisión anexo "
                    "reglamento directiva declaración recomendación resolución ley propuesta".split()),
}
MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
    "september": 9, "october": 10, "november": 11, "december": 12,
    "janvier": 1, "février": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "août": 8,
    "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12,
    "januar": 1, "februar": 2, "märz": 3, "juni": 6, "juli": 7, "oktober": 10, "dezember": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
    "enero": 1, "febrero": 2, "marzo": 3, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "agosto": 8,
    "septiembre": 9, "octubre": 10, "noviembre": 11, "diciembre": 12,
}
# An EU act's number in the form it had before 2015, its series last: "2009/52/EC", "2002/584/JHA"
# (justice and home affairs; "JI" in German, "JAI" in French), "2008/944/CFSP".
_PRE_LISBON_NUMBER = r"\d{2,4}/\d{1,4}/(?:EU|EC|EG|CE|UE|EEC|EWG|CEE|EEG|Euratom|JHA|JI|JAI|CFSP|GASP|PESC)\b"
SYMBOL_RES = (
    # EU acts: "Regulation (EU) 2022/868", "Verordnung (EU) Nr. 1215/2012", and before 2015
    # "Directive 2011/24/EU", "Council Directive 96/71/EC", "Directive 2009/52/EC"
    re.compile(r"\b(?:Regulation|Directive|(?:Framework\s+)?Decision|Verordnung|Richtlinie|(?:Rahmen)?[Bb]eschluss|"
               r"Règlement|Directive|Décision(?:-cadre)?|Reglamento|Directiva|Decisión(?:\s+marco)?|Verordening|Richtlijn|"
               r"(?:Kader)?[Bb]esluit|Joint\s+Action|Common\s+Position|Gemeinsame\s+Maßnahme|Gemeinsamer\s+Standpunkt|"
               r"Action\s+commune|Position\s+commune)\s+"
               r"(?:\((?:EU|EC|EG|CE|UE|EEC|EWG|CEE|EEG|Euratom)\)\s+(?:No\.?\s+|Nr\.\s+|n[o°]\s+)?\d{1,4}/\d+"
               r"|" + _PRE_LISBON_NUMBER + r")", re.I),
    re.compile(r"\bCOM\s*\(\d{4}\)\s*\d+(?:\s+final)?"),  # Commission documents
    re.compile(r"\b[A-Z]{1,2}/(?:RES/)?\d+/[\dA-Z.]+\b"),  # UN documents: "A/RES/73/7"
)
# "13. Juli 2009", "29 de julio de 1991"
_DATE_WORDS = r"(\d{1,2})\.?\s+(?:de\s+)?(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\s+(?:de\s+)?(\d{4})\b"
_DATE_WORDS_RE = re.compile(r"\b" + _DATE_WORDS, re.I)
# A footnote in a short paper's first lines that no reader took for one: a number and a citing word ("1 See
# A/RES/45/158"). The symbol it gives was taken as the paper's own (type resolution, cited as A/RES/45/158).
_NOTE_LINE_RE = re.compile(r"\s*\d{1,3}\.?\s+(?:see|cf\.?|ibid|id\.|supra|op\.\s*cit)\b", re.I)


def _footnote(line) -> bool:
    """A footnote, read as one (the readers': Markdown's "[^1]: ...") or looking like one ("1 See ..."): the
    symbol and date it gives are a source's, not the document's."""
    return bool(line.footnote or line.continues_footnote or _NOTE_LINE_RE.match(line.text))


_DATE_DIGITS_RE = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")
_WORD_RE = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")  # "workmen's" is one word
# What a word that is capitalised only because it opens a sentence or a numbered clause follows.
_SENTENCE_START_RE = re.compile(r"(?:^|[.!?:]\s*|^\(\w{1,4}\)\s*|[„“\"']\s*)$")
_GLUED_SENTENCE_RE = re.compile(r"(?<=[.)*])\s*(?=(?:The|Les?|La|Die|Der|De|El|Los)\s)")


def document_metadata(source: SourceText) -> dict[str, str]:
    """{"title", "symbol", "date", "lang"} as far as the document prints them."""
    lines = clean_text(source).lines  # cleaned already when read by indexer.readers
    parts = split_languages(lines)
    found: dict[str, str] = {"lang": parts[0][0] if len(parts) > 1 else guess_language(lines)}
    if source.wrapped:
        return found  # a PDF: its first page is read by indexer.clean.front_matter
    title = document_title(lines, parts)
    # The masthead ends at the first unit, a heading or (a plain text's) a line of its own: a
    # text's "Article 3 ... enters into force on 1 January 2031" is no date of the document.
    first = _first_structure(lines)
    end = next((i for i, l in enumerate(lines[:first]) if is_structural(l.text)), first)
    head = " ".join(l.text for l in lines[:min(end, 15)]  # a date line, not a preamble or a footnote
                    if not has_words([l.text], 13) and not _footnote(l))
    if title:
        found["title"] = title
    for regex in SYMBOL_RES:
        match = regex.search(title or "") or regex.search(head)
        if match:
            found["symbol"] = " ".join(match.group(0).split())
            break
    else:  # failing those, the act's number in brackets under its title, or (failing that too) the
        # number of an old EUR-Lex page's register ("32002F0584"), which users search by
        bracketed = next((m for l in lines[:end] if (m := _BRACKETED_NUMBER_RE.match(l.text.strip()))), None)
        registered = next((l.text for l in lines[:end] if _REGISTER_NUMBER_RE.match(l.text)), None)
        if bracketed:
            kind = _ACT_KIND_RE.match(title or "")
            found["symbol"] = f"{kind.group(1)} {bracketed.group(1)}" if kind else bracketed.group(1)
        elif registered:
            found["symbol"] = registered.split()[0]
    date = _date(title or "") or _date(head)
    if date:
        found["date"] = date
    return found


def document_title(lines: list[Line], parts: list[tuple[str, int, int]]) -> str | None:
    """The document's own title in its first language (see the module's docstring)."""
    end = _first_structure(lines)
    translation = lines[parts[1][1]].text.lower() if len(parts) > 1 else None
    lang = parts[0][0]
    headings = [(i, l) for i, l in enumerate(lines[:end]) if l.heading and l.text.lower() != translation
                and not _other_language(l.text, lang) and not _REGISTER_NUMBER_RE.match(l.text)]
    top = [l.text for _, l in headings if l.heading == 1]
    title: str | None
    if top and _runs_together([i for i, l in headings if l.heading == 1]):
        title = " ".join(_restore_case(t, lines, first=n == 0) for n, t in enumerate(top)
                         if not re.fullmatch(r"\(.*\)", t))  # not "(Text with EEA relevance)"
    else:
        texts = [l.text for _, l in headings]
        # A title run into the text after it: "... ACCIDENTS.The General Conference ..."
        body = [_JOURNAL_TAIL_RE.sub("", _GLUED_SENTENCE_RE.split(l.text, 1)[0]) for l in lines[:end]
                if not l.heading and not _REGISTER_NUMBER_RE.match(l.text)]
        first = next((l.text for l in lines[:2] if not _REGISTER_NUMBER_RE.match(l.text)), "")
        # the register's number only when the page prints nothing else that reads as a title
        registered = next((l.text for l in lines[:end] if _REGISTER_NUMBER_RE.match(l.text)), None)
        # a plain text's first line in capitals, above its units: "THE LABOR CODE OF THE REPUBLIC"
        capitals = _title_block(first, lines, end) if first.isupper() and len(first.split()) <= 20 and not is_structural(first) \
            and not any(l.heading for l in lines[:end]) else None
        in_body = next((t for t in body if (_starts_title(t, lang) or _KIND_LINE_RE.match(t) and _title_block(t, lines, end) != t)
                        and not has_words([t], 31) and "|" not in t), None)  # not a table's row: "| Rahmenbeschluss ... |"
        title = capitals or next((t for t in texts if _starts_title(t, lang)), None) or \
            (_title_block(in_body, lines, end) if in_body else None) or (texts[0] if texts else None) or registered
        title = _restore_case(title.strip(" .*"), lines) if title else None
    return title or None


# The lines of an EU act's title block after its first, where a page prints them as paragraphs and
# not as headings: its date ("vom 13. Juli 2009", "of 30 May 2022") and, below it, its subject in
# lower case ("über einen Visakodex der Gemeinschaft", "on European data governance ...").
_TITLE_DATE_RE = re.compile(r"^(?:of|vom|du|del|de|van)\s*" + _DATE_WORDS + "$", re.I)


def _title_block(first: str, lines: list[Line], end: int) -> str:
    """A title line with the date and subject lines printed under it (see _TITLE_DATE_RE), of the
    masthead (the lines before `end`)."""
    index = next((i for i, l in enumerate(lines[:end]) if not l.heading and "|" not in l.text and l.text.startswith(first)),
                 None)
    following = [l.text for l in lines[index + 1:min(index + 3, end)] if not l.heading] if index is not None else []
    if len(following) < 2 or not _TITLE_DATE_RE.match(following[0]) or not (following[1][:1].islower() or
                                                                           following[1].startswith(("—", "–"))):
        return first
    return " ".join([_restore_case(first, lines), *following])  # its first line's capitals recased alone


def _other_language(text: str, lang: str) -> bool:
    """A heading in another language than the document's first: the translation's title."""
    words = _WORD_RE.findall(text.lower())
    if words and any(words[0] in TITLE_WORDS[other] and words[0] not in TITLE_WORDS.get(lang, ())
                     for other in TITLE_WORDS if other != lang):
        return True
    return lang == "en" and language_score(text) < 0


def _first_structure(lines: list[Line]) -> int:
    """Where the document's units begin (its title and masthead come before)."""
    return next((i for i, l in enumerate(lines[:80]) if l.heading and is_structural(l.text)), min(len(lines), 80))


def _runs_together(indexes: list[int]) -> bool:
    """Title lines printed one after another (an EU act's title block)."""
    return bool(indexes) and indexes[-1] - indexes[0] == len(indexes) - 1


# The last word of a national law's short title: "Migrant Workers (Protection) Act 2019",
# "THE EMIGRATION ACT, 1983", "Republic Act No. 8042", "LABOUR CODE".
_SMALL_WORDS = frozenset("a an and at by for in of on or the to with".split())  # lower case inside a title
NAME_ENDS = frozenset(word.lower() for word in LAW_NAME_WORDS)
# A line that ends so reads as a title; so does a regulation's, numbered as a law is ("Employment
# Regulation No. 5 of 2030": its title was the file's name). Not a word of a law's name to recase
# by: an EU act's long title in capitals ends "(General Data Protection Regulation)".
_TITLE_ENDS = NAME_ENDS | {"regulation"}
# What an EU act's title may print before its kind: its author ("Council Regulation (EC) No 6/2002").
EU_AUTHOR_WORDS = ("Council", "Commission", "Implementing", "Delegated", "Framework", "Rat", "Kommission", "Durchführungs",
                   "Conseil", "d'exécution")
# A document's number in a register, printed above an old EUR-Lex page's text as its heading: the
# CELEX number ("32002R0006"), with a consolidated version's language, date and version
# ("1998F0699 — DE — 05.07.2001 — 001.001"): no title.
_REGISTER_NUMBER_RE = re.compile(r"^\d?\d{4}[A-Z]{1,2}\d{3,4}(?:\(\d{1,2}\))?(?:\s+[—–-]\s+.*)?$")
# A decision's, framework decision's or joint action's number, printed in brackets under its title, before
# 2015: "Rahmenbeschluss des Rates vom 13. Juni 2002 über den Europäischen Haftbefehl ..." / "(2002/584/JI)";
# its symbol is the title's kind of act and that number: "Rahmenbeschluss 2002/584/JI".
_BRACKETED_NUMBER_RE = re.compile(r"^\((" + _PRE_LISBON_NUMBER + r")\)$")
_ACT_KIND_RE = re.compile(r"^(?:(?:Council|Commission)\s+)?(Framework\s+Decision|Decision|Joint\s+Action|Common\s+Position|"
                          r"Rahmenbeschluss|Beschluss|Gemeinsame\s+Maßnahme|Gemeinsamer\s+Standpunkt|Décision-cadre|Décision|"
                          r"Action\s+commune|Position\s+commune|Decisión\s+marco|Decisión|Kaderbesluit|Besluit)\b", re.I)
# A title block's first line naming only the kind of act and its author, the date under it:
# "Council Framework Decision" / "of 13 June 2002", "GEMEINSAME MAßNAHME" / "vom 3. Dezember 1998".
_KIND_LINE_RE = re.compile(_ACT_KIND_RE.pattern + r"(?:\s+(?:des\s+Rates|du\s+Conseil|of\s+the\s+Council))?$", re.I)
# ... and the reference to the Official Journal printed under its title ("... on Community designs" /
# "Official Journal L 003 , 05/01/2002 P. 0001 - 0024"), which a line break joins to it.
_JOURNAL_TAIL_RE = re.compile(r"\s+(?:Official Journal|Journal officiel|Amtsblatt)\s+(?:Nr\.\s+)?[LC]\s*\d.*$")
_NUMBER_TAIL_RE = re.compile(r"(?:[\s,]*(?:No\.?|Nr\.?|of)?\s*[\d/.-]+)+\s*$")


def _starts_title(text: str, lang: str) -> bool:
    """Whether a line reads as an instrument's title: it starts with an instrument's word
    ("Convention concerning ..."), or, in English, ends with a law's ("... Act 2019")."""
    words = _WORD_RE.findall(text)
    while len(words) > 1 and words[0] in EU_AUTHOR_WORDS:
        words = words[1:]
    if words and words[0].lower() in TITLE_WORDS.get(lang, TITLE_WORDS["en"]) and len(words) >= 3:
        return True
    named = _WORD_RE.findall(_NUMBER_TAIL_RE.sub("", text))
    # the law's word capitalised, as a title prints it, on a line that opens no unit or point:
    # not "(b) as permitted by law", "ART. 1. ... shall be known as the Labor Code"
    return lang == "en" and 2 <= len(named) <= 15 and named[-1].lower() in _TITLE_ENDS and named[-1][0].isupper() \
        and not is_structural(text) and not re.match(r"\(?\w{1,4}[.)]\s", text)


def _in_lower_case(word: str) -> bool:
    """Whether a word has letters in lower case ("ß" has no capital form: "MAßNAHME" is in capitals)."""
    return any(c.islower() and c != "ß" for c in word)


def _restore_case(title: str, lines: list[Line], first: bool = True) -> str:
    """Words printed in capitals take the case the document writes them in most often."""
    forms: dict[str, Counter] = {}
    for line in lines:
        if line.heading:
            continue
        for match in _WORD_RE.finditer(line.text):
            word = match.group(0)
            if _SENTENCE_START_RE.search(line.text[:match.start()]):
                continue  # a sentence's first word is capitalised whatever it is
            if _in_lower_case(word) or len(word) <= 4:
                forms.setdefault(word.lower(), Counter())[word] += 1

    if any(re.search(r"[a-zà-öø-ÿ]", word) for word in _WORD_RE.findall(title) if len(word) >= 3):  # (not "ß": "MAßNAHME")
        return title  # printed in its own case (an abbreviation, "Nr.", is written so in capitals too)
    named = _WORD_RE.findall(_NUMBER_TAIL_RE.sub("", title))
    # a law's short title is in title case ("The Workers Protection Act, 2031"), where the text
    # writes its words in lower case ("migrant domestic workers"); an EU act's long title is not
    law_name = bool(named) and named[-1].lower() in NAME_ENDS

    def recase(match: re.Match) -> str:
        word = match.group(0)
        around = match.string[match.start() - 1:match.start()] + match.string[match.end():match.end() + 1]
        if _in_lower_case(word) or around.startswith("/") or around == "()" and len(word) <= 3:
            return word  # and a symbol's letters: "2009/52/EC", "(EU)"
        if word.lower() in _SMALL_WORDS:
            return word.lower()  # "AND", "OF": never an acronym inside a title
        if word.lower() == "no" and re.match(r"\.?\s*\(?\d", match.string[match.end():]):
            return "No"  # "ACT NO. 7 OF 2021": the abbreviation of number, as laws are cited
        if word.lower() in NAME_ENDS:
            return word.capitalize()  # "CODE", "ACT": the law's word, never an acronym ("Labor Code")
        seen = forms.get(word.lower())
        if not seen:
            return word.capitalize()
        # the commonest form; on a tie, one not in capitals (the title line's own "ACT" counts once)
        form = max(seen, key=lambda form: (seen[form], _in_lower_case(form)))
        return word.capitalize() if law_name and form.islower() else form

    restored = _WORD_RE.sub(recase, title)
    return restored[:1].upper() + restored[1:] if first else restored


def _date(text: str) -> str | None:
    """The first date printed: "30 May 2022", "21.4.2021" -> ISO."""
    dates = [(m.start(), f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}-{int(m.group(1)):02d}")
             for m in _DATE_WORDS_RE.finditer(text)]
    dates += [(m.start(), f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}")
              for m in _DATE_DIGITS_RE.finditer(text) if 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(1)) <= 31]
    return min(dates)[1] if dates else None


# -- what the title and symbol say about how the document is cited ---------------------------
# An act's own short name in brackets at the end of its title: "... amending Regulation (EU)
# 2018/1724 (Data Governance Act)", "(General Data Protection Regulation)"; not "(Text with
# EEA relevance)" or "(recast)", whose last word names no kind of act.
_SHORT_NAME_RE = re.compile(
    r"\((?P<name>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|on|and|for|the|in))*\s+"
    r"(?:Act|Regulation|Directive|Code|Law|Convention|Agreement|Charter|Decree|Ordinance))\)\s*$")
_EU_ACT_RE = SYMBOL_RES[0]
# What an EU act's title may print before its number: its author and kind (not "Act transposing").
_EU_AUTHOR_RE = re.compile(r"(?:(?:" + "|".join(EU_AUTHOR_WORDS) + r")\s+)*$", re.I)
# The year a law's title gives it: "Law No. (14) of 2004", "Federal Decree-Law No. 9 of 2022",
# "Migration Act 1958", "The Emigration Act, 1983"; the common era's year where another era's comes
# first: "Labour Act, 2048 (1992)" (Nepal's Bikram Sambat) was adopted in 1992.
_LAW_YEAR_RE = re.compile(r"(?:\bNo\.?\s*\(?\d+\)?\s+of\s+|\b(?:Act|Law|Code|Ordinance|Decree),?\s+)((?:1[89]|20)\d\d)\b"
                          r"(?:\s*\(((?:1[89]|20)\d\d)\))?")
# The type of an EU act, by the first word of its symbol in the languages EUR-Lex serves.
_EU_ACT_TYPES = {word.lower(): kind for kind, words in (
    ("regulation", "Regulation Verordnung Règlement Reglamento Verordening"),
    ("directive", "Directive Richtlinie Directiva Richtlijn"),
    ("decision", "Decision Beschluss Décision Decisión Besluit Framework Rahmenbeschluss Décision-cadre Kaderbesluit"))
    for word in words.split()}
# A national law's title names its kind: "Act", "Law", "Code", "Decree(-Law)", "Ordinance".
_LAW_KIND_RE = re.compile(r"\b(?:Act|Law|Code|Decree|Decree-Law|Ordinance|Proclamation)\b")
SHORT_TITLE_WORDS, SHORT_TITLE_CHARACTERS = 5, 60  # a title this short is its own short name
# A court's case is cited by its parties ("Case of Van Marle and Others v. the Netherlands": "Van Marle and Others v.
# the Netherlands"), a note verbale by its addressee ("Note verbale from ... to the Permanent Mission of Ukraine to
# the United Nations": "Note verbale to the Permanent Mission of Ukraine").
_CASE_NAME_RE = re.compile(r"^(?:Case of|Affaire|Caso)\s+(.+\s(?:v\.|c\.|vs\.?)\s.+)$|\s(Caso\s+[^,]{2,40})$")
_NOTE_VERBALE_RE = re.compile(r"^(Note verbale )from .+? (to the (?:Permanent Mission|Embassy|Ministry|Government)\b.+?)"
                              r"(?: to the United Nations.*)?$")
# The bodies whose documents a symbol names: the UN's principal organs by its first part, the
# EU's acts and the Commission's documents by their form.
_BODIES = (
    (re.compile(r"^A/HRC/"), "United Nations Human Rights Council"),
    (re.compile(r"^A/"), "United Nations General Assembly"),
    (re.compile(r"^S/"), "United Nations Security Council"),
    (re.compile(r"^E/"), "United Nations Economic and Social Council"),
    (re.compile(r"^COM\s*\("), "European Commission"),
    (_EU_ACT_RE, "European Union"),
)


def citing_names(title: str, symbol: str | None) -> dict:
    """What a new entry's title and symbol say about how it is cited: its body, the name it is
    cited by (`cite_as`: a UN document's, a Commission document's or an EU act's symbol, as
    their issuers cite them), its type (a UN resolution; an EU regulation, directive or
    decision; a national law, by its title's kind and year), and its short name (`short_title`):
    its own ("Data Governance Act", with its initials as `aliases`, "DGA"), else the symbol it
    is cited by or a national law's number ("Law No. (14) of 2004"), else a title of at most
    SHORT_TITLE_WORDS words and SHORT_TITLE_CHARACTERS characters ("Migration Act 1958"), else
    its symbol ("SI 2007/3290");
    short citations print it ("Migration Act 1958, s. 5").

    >>> citing_names("Regulation (EU) 2022/868 of ... (Data Governance Act)", "Regulation (EU) 2022/868")["aliases"]
    ['DGA']
    """
    found: dict = {}
    if symbol and _EU_ACT_RE.match(symbol) and symbol in title and \
            not _EU_AUTHOR_RE.match(title[:title.index(symbol)]):
        symbol = None  # an act that names the EU act it transposes ("Act transposing Directive ...")
    if symbol:
        body = next((name for regex, name in _BODIES if regex.search(symbol)), None)
        if body:
            found["body"] = body
        # an EU act whose title opens with its number, after its author's name or none
        # ("Council Directive 96/71/EC of ...", "Commission Implementing Regulation (EU) ...")
        if re.match(r"^[A-Z]{1,2}/|^COM\s*\(", symbol) or \
                _EU_ACT_RE.match(symbol) and (symbol in title or _numbered_under(title, symbol)):
            found["cite_as"] = symbol
        if "/RES/" in symbol:
            found["type"] = "resolution"
        elif _EU_ACT_RE.match(symbol):  # "Regulation (EU) 2022/868", "Richtlinie 2009/52/EG"
            found["type"] = _EU_ACT_TYPES.get(symbol.split()[0].lower())
    year = _LAW_YEAR_RE.search(title)
    if year:
        found["adopted"] = year.group(2) or year.group(1)
        if "type" not in found and _LAW_KIND_RE.search(title):
            found["type"] = "law"  # "Migration Act 1958", "Law No. (14) of 2004", "Federal Decree-Law No. 9 of 2022"
    short = _SHORT_NAME_RE.search(title)
    if short:
        name = " ".join(short.group("name").split())
        found["short_title"] = name
        initials = "".join(word[0] for word in name.split() if word[0].isupper())
        if len(initials) >= 3:
            found["aliases"] = [initials]
    elif symbol and ("cite_as" in found or LAW_NUMBER_RE.fullmatch(symbol)):
        found["short_title"] = symbol  # "A/RES/73/7", "Directive 2009/52/EC", "Law No. (14) of 2004"
    elif len(title.split()) <= SHORT_TITLE_WORDS and len(title) <= SHORT_TITLE_CHARACTERS:
        found["short_title"] = title  # "Migration Act 1958", "Work permits"
    elif addressed := _CASE_NAME_RE.search(title) or _NOTE_VERBALE_RE.match(title):
        found["short_title"] = "".join(addressed.groups(""))  # "Van Marle and Others v. the Netherlands"
    elif number := LAW_NUMBER_RE.search(title):
        found["short_title"] = number.group(0)  # a long title's own number: "... Agencies Act No. 7 of 2021"
    elif symbol:
        found["short_title"] = symbol  # a law's number printed under a long title: "SI 2007/3290"
    return found


def _numbered_under(title: str, symbol: str) -> bool:
    """Whether `symbol` is the number printed under `title`: the title opens with the symbol's kind
    of act and holds no act's number ("Rahmenbeschluss des Rates vom 13. Juni 2002 ...", cited
    "Rahmenbeschluss 2002/584/JI")."""
    kind = _ACT_KIND_RE.match(title)
    return bool(kind and symbol.startswith(kind.group(1) + " ") and not _EU_ACT_RE.search(title))


# -- the country whose law or page a document is ----------------------------------------------
# Names pycountry does not list that official texts use: "UAE", "U.A.E.", "USA", "UK".
_COUNTRY_ABBREVIATIONS = {"UAE": "AE", "U.A.E.": "AE", "USA": "US", "U.S.A.": "US", "UK": "GB", "U.K.": "GB"}
# A state named as its representation to an international organisation is the addressee of the
# organisation's note, not its issuer: "... presents its compliments to the Permanent Mission of Ukraine".
_ADDRESSEE_RE = re.compile(r"\bPermanent\s+(?:Mission|Representative|Observer|Delegation)s?\s+of\s+(?:the\s+)?$", re.I)
# An international body named in a text's first lines (its masthead or title) issued it; the states
# it names are those it addresses or concerns, not its own.
_INTERNATIONAL_BODY_RE = re.compile(
    r"\b(?:United\s+Nations|Nations\s+Unies|Naciones\s+Unidas|Council\s+of\s+Europe|Conseil\s+de\s+l'Europe|"
    r"Consejo\s+de\s+Europa|International\s+Labour\s+(?:Organization|Organisation|Office|Conference)|"
    r"Organización\s+Internacional\s+del\s+Trabajo|Inter-American\s+(?:Court|Commission)|"
    r"(?:Corte|Comisión)\s+Interamericana|European\s+Court\s+of\s+Human\s+Rights|African\s+Commission)\b", re.I)
MASTHEAD_LINES = 3
HEAD_CHARACTERS = 6000  # where a law names its country: its title, enacting words, first articles
COUNTRY_MENTIONS = 2  # the fewest mentions in that head ...
COUNTRY_SHARE = 0.6  # ... and the least share of the countries it mentions


def country_of(source: SourceText) -> str | None:
    """The country a national law, regulation or official page names as its own: the one its
    first HEAD_CHARACTERS characters name at least COUNTRY_MENTIONS times and more than all
    others together (COUNTRY_SHARE): "Qatar" for the Labour Law of the State of Qatar, "United
    Arab Emirates" for a decree-law that writes "UAE". Names are pycountry's (ISO 3166), read
    only when a document is added."""
    head, size = [], 0
    for line in source.lines:  # not the whole text joined: a file may hold 50 MB
        if size >= HEAD_CHARACTERS:
            break
        head.append(line.text)
        size += len(line.text) + 1
    text = " ".join(head)[:HEAD_CHARACTERS]
    if _INTERNATIONAL_BODY_RE.search(" ".join(line.text for line in source.lines[:MASTHEAD_LINES])):
        return None  # an international body's text about a state: "... Corte Interamericana ... respecto de Guatemala"
    names = _country_names()
    counts: Counter = Counter(names[m.group(0)] for m in _country_regex().finditer(text)
                              if not _ADDRESSEE_RE.search(text, max(0, m.start() - 40), m.start()))
    if not counts:
        return None
    code, most = counts.most_common(1)[0]
    if most < COUNTRY_MENTIONS or most < COUNTRY_SHARE * sum(counts.values()):
        return None
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    return getattr(country, "common_name", None) or getattr(country, "name", None)


@functools.cache
def _country_names() -> dict[str, str]:
    """Each name a text may give a country by (pycountry's name, official and common names)
    -> its ISO code."""
    import pycountry

    names = dict(_COUNTRY_ABBREVIATIONS)
    for country in pycountry.countries:
        for name in (country.name, getattr(country, "official_name", None), getattr(country, "common_name", None)):
            if name and "," not in name:  # not "Korea, Republic of": no text writes it so
                names[name] = country.alpha_2
    return names


@functools.cache
def _country_regex() -> re.Pattern:
    names = sorted(_country_names(), key=len, reverse=True)  # the longest first: "Niger" in "Nigeria"
    return re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, names)) + r")(?![\w])")
