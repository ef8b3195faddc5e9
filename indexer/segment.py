"""Segmentation: cleaned lines -> the document's legal structure -> citable passages.

One general recogniser for every document (no per-document code paths):

- divisions: parts, chapters (also a lone roman numeral heading), the note's sections
  ("III. Protection of migrant workers"), annexes with their own article numbering;
- articles: "Article 6", "ARTICLE XXVII", "Article III bis", "Artikel 4", titled or not;
- numbered paragraphs "1." / "1.This", lettered points "(a)", "a)", "a.", roman sub-points
  "(i)"; bullets stay in the text of the unit they follow;
- the preamble (the text before the first division, when it reads as one);
- footnotes: page-bottom bodies (anchored to the unit whose text carries the call) and
  footnotes printed inline (children of the unit they annotate).

Each way a line opens a unit is one entry of `RECOGNISERS`, an ordered table (as Whoosh's
query parser is a list of plugins): the lines it reads (headings, body lines, a PDF's
lines), the pattern they must match, the kind of unit it opens, and the builder's method
that decides. The first entry that accepts a line wins; a new numbering style is a new entry.

Numbering decides where a marker belongs: "(b)" opens a point only where the nearest
container's last point is "(a)", so a wrapped PDF line that starts "(b) of Article 19"
stays text. Headings (Markdown, HTML) are trusted; bare lines (PDF) must continue a sequence.
A file holding a text followed by its translation is split where the language changes.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .chunk import unstructured_passages
from .clean import (LAW_NAME_WORDS, OPERATIVE_RE, Vocabulary, clean_text, has_words, in_capitals, join_wrapped, speaking_organ,
                    rejoin_split, unglue)
from .ocr import flag_ocr_passages
from .kinds import (ARTICLE_KINDS, BRACKETED_PARAGRAPH_KINDS, BRACKETED_PARAGRAPH_PARENT_KINDS, DIVISION_KINDS,
                    DIVISION_PARENT_KINDS, INSTRUMENT_KINDS, PARAGRAPH_PARENT_KINDS,
                    POINT_PARENT_KINDS, PROVISION_KINDS, RANK, SCOPE_KINDS, STATUTE_SCOPE_KINDS,
                    SUBPOINT_PARENT_KINDS, SUBSECTION_SCOPE_KINDS, TEXT_HOLDING_KINDS, TOP_LEVEL_KINDS,
                    UNSTRUCTURED_KINDS, UNTITLED_KINDS, WORDED_DIVISION_KINDS, WRAPPED_TITLE_KINDS)
from .passage import (FIRST_ARTICLE_WORDS, NUMBER_WORDS, ORDINAL_WORDS as ALL_ORDINAL_WORDS, Passage, PathStep, number_in_words,
                      ordinal_number, passage_id, roman_to_int)
from .language import guess_language, language_score
from .source import INLINE_NOTE_RE, MARKER_RE, Line, SourceText, strip_notes

# The words that open units, in English, French, German, Dutch and Spanish (Portuguese and
# Italian where they differ), printed in Title case or in capitals.
STRUCTURE_WORDS = {
    "article": ("Article", "Artikel", "Artículo", "Articulo", "Artigo", "Articolo"),
    "annex": ("Annex", "Annexe", "Anhang", "Bijlage", "Anexo", "Allegato"),
    "part": ("Part", "Partie", "Teil", "Deel", "Parte"),
    "book": ("Book", "Livre", "Buch", "Boek", "Libro", "Livro"),
    "title": ("Title", "Titre", "Titel", "Título", "Titolo"),
    "chapter": ("Chapter", "Chapitre", "Kapitel", "Hoofdstuk", "Capítulo", "Capitolo"),
    "section": ("Section", "Abschnitt", "Afdeling", "Sección", "Secção", "Sezione"),
    "rule": ("Rule",),  # implementing rules' groups of sections ("RULE II" / "DEFINITIONS" / "Section 1.")
}


def _printed(*kinds: str) -> str:
    words = [w for kind in kinds for word in STRUCTURE_WORDS[kind] for w in (word, word.upper())]
    return "|".join(sorted(set(words), key=len, reverse=True))




# "Article 6", "ARTICLE XXVII", "Article III bis", "Artikel 4", "Article 14a" (inserted by an amendment);
# the first article as French and Spanish laws print it ("Article premier", "Art. 1er", "Artículo 1o.",
# "Art. 1º"): `_article_label` makes it "1"; numbered in its chapter ("Article 1.2"); titled after a
# separator ("Article 1 – Purpose") or a space ("Article 1 Purpose": `_Builder._article` decides).
_ORDINAL = r"(?:er|re|º|°|ª|o(?=\.))"
_ARTICLE_RE = re.compile(
    rf"^(?:{_printed('article')}|Art\.|ART\.)\s+(\d{{1,3}}\.\d{{1,3}}(?![\d.])|\d+(?:{_ORDINAL}|[a-z](?![a-z]))?|[IVXLC]+|"
    + "|".join(w for word in FIRST_ARTICLE_WORDS + tuple(sorted(NUMBER_WORDS, key=len, reverse=True))
               for w in (word, word.title(), word.upper())) + r")"  # "Article Four:" (a Gulf law's translation)
    r"(?:\s*(bis|ter|quater|BIS|TER))?"
    r"\s*(?:(?:[.:\-–—]\s*|(?<=\s)(?=[A-Z]))(.*)|)$")
_ANNEX_RE = re.compile(rf"^(?:{_printed('annex')})(?:\s+([IVXLC]+|\d+))?\s*$")
# "CHAPTER - 2" too; "TITRE Ier", "CHAPITRE PREMIER"; an inserted "Part 6AB".
_DIVISION_RE = re.compile(
    rf"^({_printed('part', 'book', 'title', 'chapter', 'section', 'rule')})"
    r"\s+(?:[-–—]\s+)?([IVXLC]+(?:er|re)?|\d+[A-Z]{1,3}(?=\s|$)|\d+(?:er|re)?|[Pp]remi[eè]re?|PREMI[EÈ]RE?|[A-Z])"
    r"(?:\s+\[\d{1,4}/\d{4}(?:\s*;\s*\d{1,4}/\d{4})*\])?"  # (Singapore's note of the Acts that amended it: "PART 1 [24/2012]")
    r"\s*(?:(?:[.:\-–—]\s*|(?<=\s)(?=[A-Z]))(.*)|)$")  # "Part 1 Preliminary" too
_LONE_ROMAN_RE = re.compile(r"^([IVXLC]+)(?:\.?|\s+([^.\s].*))$")  # "IV", "IV SLOTBEPALINGEN"
_SECTION_RE = re.compile(r"^([IVXLC]+)\.\s+(\S.{0,150})$")
# A heading lettered in order: an EU annex's "A. 'General'", "B. 'Active end users'" ... (a letter
# that reads as a roman number, "C.", "D.", continues the letters).
_LETTERED_HEADING_RE = re.compile(r"^([A-Z])\.\s+(\S.{0,150})$")
_PARAGRAPH_RE = re.compile(r"^(\d{1,3})\.(?!\d)\s*([^\s\d].*)?$")
# A paragraph an amendment inserted, as a consolidated text prints it: "1a." after "1.", then "1b.".
# A paragraph whose text opens with a date, as judgments number their facts: "4. 17 February 2009 the Court ...",
# "4. 17 лютого 2009 року Суд ..." (a day and a word: not "2. 1 500 euros" nor a table's "3. 4 5").
_DATED_PARAGRAPH_RE = re.compile(r"^(\d{1,3})\.\s+(\d{1,2}\s+[^\W\d_]{3,}.*)$")
_INSERTED_PARAGRAPH_RE = re.compile(r"^(\d{1,3})([a-z])\.\s*([^\s\d].*)?$")
# A consolidated text's mark of a deleted unit (EUR-Lex prints "—————" where point (e) was).
_DELETED_RE = re.compile(r"^[\u2014\u2013]{3,7}$")
# A label followed by a closing bracket ends a wrapped reference ("[except paragraphs (a), (d) and" /
# "(i)] of the Code ..."): it opens nothing.
_POINT_RES = (re.compile(r"^\(([a-z])\)(?![\])])\s*(.*)$"), re.compile(r"^([a-z])\)\s*(.*)$"),
              re.compile(r"^([a-z])\.\s*([^\s.].*)$"))
_SUBPOINT_RES = (re.compile(r"^\(([ivx]+)\)(?![\])])\s*(.*)$"), re.compile(r"^([ivx]+)\)\s*(.*)$"),
                 re.compile(r"^\((\d{1,2})\)(?![\])])\s*(.*)$"))
_BULLET_RE = re.compile(r"^[-•–·]\s+(.*)$")
# An Act's long title, which opens its preamble: "An Act to amend ...", "AN ACT TO PROVIDE FOR ...",
# "An Act relating to ...", "AN A CT TO GIVE ..." (small capitals the text layer splits).
_LONG_TITLE_RE = re.compile(r"^An?\s+(?:A\s?ct|B\s?ill|O\s?rdinance)\s+(?:to|for|relating\s+to|respecting|concerning)\s", re.I)
_PREAMBLE_WORD_RE = re.compile(r"^(?:Preamble|PREAMBLE|Preambule|Considerans)\b[\s.:]*")
_PREAMBLE_LINE_RE = re.compile(r"^(?:Preamble|PREAMBLE|Preambule|Considerans)[.:]?$")

# A second instrument in the same file (a protocol after its covenant, a recommendation after
# its convention, an appendix, a schedule, a final act): the English name it is cited by, and
# the words that open it in English, French, German, Dutch and Spanish. Longer names first.
APPENDED_NAMES = (
    ("Optional Protocol", ("optional protocol", "protocole facultatif", "fakultativprotokoll",
                           "facultatief protocol", "protocolo facultativo")),
    ("Final Act", ("final act", "acte final", "schlussakte", "slotakte", "acta final")),
    ("Protocol", ("protocol", "protocole", "protokoll", "protocolo")),
    ("Recommendation", ("recommendation", "recommandation", "empfehlung", "aanbeveling",
                        "recomendación")),
    ("Appendix", ("appendix", "appendice", "aanhangsel", "apéndice")),
    ("Schedule", ("schedule",)),
    ("Declaration", ("declaration", "déclaration", "erklärung", "verklaring", "declaración")),
    ("Legislative Financial Statement", ("legislative financial statement", "finanzbogen zu rechtsakten",
                                         "fiche financière législative", "ficha financiera legislativa")),
    ("Explanatory Memorandum", ("explanatory memorandum", "begründung", "exposé des motifs",
                                "memorie van toelichting", "toelichting", "exposición de motivos")),
)
# The appended texts printed before the act they accompany (a proposal's memorandum): the
# act's own title, when it follows, ends them and the act starts over with its preamble.
PRECEDING_NAMES = ("Explanatory Memorandum",)
_APPENDED_WORDS = {word: name for name, words in APPENDED_NAMES for word in words}
# A Commonwealth Act's schedules numbered by ordinals: "FIRST SCHEDULE", "Second Schedule".
ORDINAL_WORDS = ALL_ORDINAL_WORDS[:12]  # as before: a schedule numbered past the twelfth was not seen
# ... or with the article: "THE SCHEDULE", "THE FIRST SCHEDULE" (Singapore's).
_ORDINAL_SCHEDULE_RE = re.compile(r"^\**(?:the\s+)?(" + "|".join(ORDINAL_WORDS) + r")\s+(?=schedule\b)", re.I)
_APPENDED_RE = re.compile(
    r"^\**(?:the\s+(?=(?:\w+\s+)?schedule\b))?(?:(?:" + "|".join(ORDINAL_WORDS) + r")\s+(?=schedule\b))?("
    + "|".join(sorted(map(re.escape, _APPENDED_WORDS), key=len, reverse=True)) + r")\b"
    r"(?:\s+(?:No\.?|Nr\.?|n[o°º]\.?)?\s*(\d+(?:[A-Z]{1,3}(?=\s|$))?)\b)?(.*)$", re.I)  # (an inserted "Schedule 1AA")
# An annex heading with a title ("ANHANG I TECHNIKEN ...", "Bijlage bij het Sociale Handvest").
ANNEX_WORDS = ("annex", "annexe", "anhang", "bijlage", "anexo")
_TITLED_ANNEX_RE = re.compile(r"^(?:" + "|".join(ANNEX_WORDS) + r")\b(?:\s+([IVXLC]+|\d+)\b)?(?:\s*[.:\-–—]?\s*(.+))?$",
                              re.I)
# A heading that only numbers a paragraph: "Paragraph 3" (a schedule's), "paragraph 2" (an
# appendix note on an article's paragraph), "1" (a charter's numbered rights).
PARAGRAPH_WORDS = ("paragraph", "paragraaf", "paragraphe", "absatz", "párrafo", "lid", "alinéa")
_NUMBERED_HEADING_RE = re.compile(r"^(\d{1,2})\.\s*([^\d\s.].*)$")  # "1. KONTEXT DES VORSCHLAGS": a section
# EU acts: "Whereas:" ends the citations ("Having regard to ..."), then the recitals "(1)".."(N)".
WHEREAS_WORDS = ("whereas", "in erwägung nachstehender gründe", "considérant ce qui suit",
                 "overwegende hetgeen volgt", "considerando lo siguiente", "considerando o seguinte",
                 "considerando quanto segue")
_WHEREAS_RE = re.compile(r"^(?:" + "|".join(WHEREAS_WORDS) + r")\b", re.I)
_RECITAL_RE = re.compile(r"^\((\d{1,3})\)\s*(.*)$")
_PARAGRAPH_HEADING_RE = re.compile(r"^(?:(?:" + "|".join(PARAGRAPH_WORDS) + r")\s+)?(\d{1,3})\.?$", re.I)
# A UN resolution's preamble: the organ that speaks ("The General Assembly,"), then clauses
# that each open with a participle or adjective ("Recalling", "Deeply concerned", "Mindful")
# and end with a comma; the operative part is numbered, or a clause opening with a verb
# ("Decides that ...").
_PREAMBULAR_RE = re.compile(r"^(?:[A-Z][a-z]+ly\s+[a-z]+|[A-Z][a-z]+(?:ing|ed)|Mindful|Aware|Conscious|"
                            r"Desirous|Cognizant|Bearing|Having|Further|Guided|Also|Pursuant)\b")
_CLAUSE_END = (",", ";", ":")


def _open_quotation(text: str) -> bool:
    """Whether `text` ends inside a quotation: a resolution's clause citing a title that runs on
    past a comma and a line that opens as a clause would ("... entitled “Declaration on ... of All
    States,” / “Taking into Particular Account the Needs of Developing Countries”, ...")."""
    return text.count("\u201c") > text.count("\u201d")


def _as_printed_in_lower_case(text: str) -> str:
    """A line whose opening words are in capitals ("THE GENERAL ASSEMBLY,", "NOTING WITH CONCERN
    the ...", as older resolutions print them) with those words in title or lower case, as the
    patterns of a resolution's clauses read them ("The General Assembly,", "Noting with concern")."""
    match = re.match(r"^(?:[A-Z][A-Z'-]+\b[\s,]*)+", text)
    if match is None or len(match.group(0).strip(" ,")) < 4:
        return text
    words = match.group(0)
    if text == words and words.rstrip().endswith(","):  # the organ that speaks: every word capitalised
        return " ".join(w if w.lower() in ("of", "the", "and", "on", "for") and i else w.title()
                        for i, w in enumerate(words.lower().split(" ")))
    return words[:1] + words[1:].lower() + text[len(words):]

# An article heading as national laws print it, alone on its line: "Article (6)",
# "Article 23 *" (a footnote call), "Article (115 bis\\1)", "Article (145 bis/1)".
_PRINTED_ARTICLE_RE = re.compile(r"^(?:Article|ARTICLE)\s*(\()?\s*(\d+)(?:\s*(bis|ter|quater|BIS|TER))?"
                                 r"(?:\s*([\\/])\s*(\d+))?\s*(?(1)\))\s*\**$")
# ... and with its title on the same line: "Article (1) Definitions", "Article (3): Weekly Rest".
_TITLED_PRINTED_ARTICLE_RE = re.compile(r"^(?:Article|ARTICLE)\s*\(\s*(\d+)(?:\s*(bis|ter|quater|BIS|TER))?\s*\)"
                                        r"\s*(?:[.:\-–—]\s*)?([A-Z]\S*(?:\s+\S+){0,9})$")

# An Act's sections and their groups, as legislation registers print them: "5AAA  Title"
# (two spaces after the label), "Part 2—Arrival, presence ...", "Division 3—Visas",
# "Subdivision AB—...", New Zealand's "Subpart 2—Duties of PCBUs", and subsections "(1)", "(1A)" inside a section.
_STATUTE_SECTION_RE = re.compile(r"^(\d{1,4}[A-Z]{0,5})\s{2,}([A-Z(].{0,200})$")
_STATUTE_GROUP_RE = re.compile(r"^(Part|PART|Subpart|Division|Subdivision)\s+(\d{1,3}[A-Z]{0,3}|[A-Z]{1,3}|[IVXLC]+)"
                               r"\s*[—–]\s*(\S.*)$")
# A second instrument in a PDF: its title line above a rule ("Labour Law and the Amendments
# Thereof" / "_______"), once the first instrument has articles; tables and schedules at the
# end ("Table No (1) Occupational Diseases"); chapters numbered in words ("Chapter Eleven bis").
_RULE_LINE_RE = re.compile(r"^[_\u2014\u2013-]{8,}$")
_AMENDED_RE = re.compile(r",?\s+(?:and the amendments thereof|and its amendments|as amended)$", re.I)
# A table or schedule after the articles: "SCHEDULE NO.(1): ..." too, not "FORM OF THE CONTRACT" (a title).
_TABLE_RE = re.compile(r"^(Table|TABLE|Schedule|SCHEDULE|Form|FORM|Explanatory Note|EXPLANATORY NOTE)"
                       r"(?!\s+(?:of|OF)\b)(?:\s+(?:No|NO)\.?\s*\(?(\d+)\)?)?\s*[:.\-–—]?\s*(.*)$")
# A schedule's enabling reference printed beside its heading: "SCHEDULE (Sections 7,8, and 9)", "[Section 2A]".
_ENABLING_RE = re.compile(r"^[(\[]\s*(?:Sections?|Regulations?|Rules?|Articles?|ss?\.|regs?\.)\s+\d[^)\]]*[)\]]$", re.I)
# ... or after its number without brackets: "SCHEDULE I section 2", "SCHEDULE II section 3(1)".
_UNIT_NUMBER = r"\d{1,4}[A-Z]{0,3}(?:\(\d{1,3}\))?"
_BARE_ENABLING_RE = re.compile(rf"^([A-Z]|[IVXLC]+)\s+((?:sections?|regulations?|rules?|articles?)\s+{_UNIT_NUMBER}"
                               rf"(?:\s*(?:,|and|to)\s*{_UNIT_NUMBER})*)$", re.I)
_WORD_CHAPTER_RE = re.compile(r"^(Chapter|Part|Book|Title)\s+(" + "|".join(NUMBER_WORDS) + r")(?:\s+(bis|ter))?\s*$",
                              re.I)  # "BOOK ONE", "TITLE TWO" too
# A gazette's regulatory text: "§ 39.13 [Amended]" is a section; an amendatory instruction
# ending "... adding the following new AD:" introduces added text, cited as its own unit,
# whose top-level "(a) Comments Due Date" headings are paragraphs; "[FR Doc. ... Filed ...]"
# ends the document, and the next one in the same file follows.
_SIGN_SECTION_RE = re.compile(r"^§\s*(\d+(?:\.\d+)*(?:[a-z](?![a-z]))?)(?:\.(?!\d))?\s*(.*)$")  # "§ 1101. Definitions" too
_ADDING_RE = re.compile(r"\b(?:adding|add|insert|inserting)\s+the\s+following\b[^:]{0,40}:$", re.I)
_LETTER_HEADING_RE = re.compile(r"^\(([a-z])\)\s+([A-Z].{0,80})$")
_DOCUMENT_END_RE = re.compile(r"^\[FR Doc\.[^\]]*\]$")
# The formulas that open the parts of a court's or body's resolution, each numbering its paragraphs
# anew ("VISTOS:" / "1. La resolución ..." / "CONSIDERANDO:" / "1. Que ..." / "RESUELVE:" / "1. Convocar
# ..."), with the name each part's paragraphs are cited by ("Considerando 2", "Resolutivo 1").
# A judge's opinion annexed to a judgment: "DISSENTING OPINION OF JUDGE CREMONA", "JOINT CONCURRING OPINION
# OF JUDGES ...", "OPINION DISSIDENTE DU JUGE ...", "VOTO RAZONADO DEL JUEZ ...", printed in capitals.
_OPINION_RE = re.compile(r"^(?:(?:JOINT |PARTLY )*(?:SEPARATE|CONCURRING|DISSENTING|PARTLY DISSENTING|PARTLY CONCURRING)"
                         r" OPINION|OPINION (?:SÉPARÉE|CONCORDANTE|DISSIDENTE|EN PARTIE DISSIDENTE)|"
                         r"VOTO (?:RAZONADO|DISIDENTE|CONCURRENTE|PARCIALMENTE DISIDENTE))\b(?:\s+\S.*)?$")
# The heading of a judgment's first part, above its paragraph 1 (the European Court of Human Rights').
_JUDGMENT_PART_RE = re.compile(r"^(?:PROCEDURE|PROCÉDURE|(?:AS TO )?THE FACTS|EN FAIT|PROCEDIMIENTO|HECHOS|ПРОЦЕДУРА)$")
RESOLUTION_PARTS = {
    "vistos": "Vistos", "visto": "Visto", "considerando": "Considerando", "resuelve": "Resolutivo",
    "resuelven": "Resolutivo", "decide": "Resolutivo", "declara": "Declarativo",
    "having seen": "Having seen", "considering": "Considering", "decides": "Operative", "resolves": "Operative",
    "declares": "Operative", "vu": "Vu", "considérant": "Considérant", "décide": "Dispositif",
}
# ... and a judgment's operative part: "FOR THESE REASONS, THE COURT (UNANIMOUSLY)" / "1. Holds that ...".
OPERATIVE_PARTS = {"for these reasons": "Operative", "par ces motifs": "Dispositif", "por estas razones": "Resolutivo",
                   "з цих підстав": "Operative", "за цих підстав": "Operative", "по этим основаниям": "Operative"}
_RESOLUTION_PART_RE = re.compile(r"^(" + "|".join(sorted(RESOLUTION_PARTS, key=len, reverse=True)) + r")\s*:?$|"
                                 r"^(" + "|".join(OPERATIVE_PARTS) +
                                 r"),?\s+(?:the court|la cour|la corte|суд)(?!\w)[^.;]{0,40}$",
                                 re.I)
# A line ending with a reference to a unit, whose number the next line opens ("... as subsection" / "(1) of").
_UNIT_NAMED_RE = re.compile(r"\b(?:as|under|of|in|to|by|and|or|that|this|said|the|with|from)\s+"
                            r"(?:sub-?sections?|sections?|sub-?paragraphs?|paragraphs?|clauses?|regulations?|articles?)$")
_REFERENCE_END_RE = re.compile(r"\b(?:of|in|to|under|and|or|the|by|with|for|from|see|at|this)$")
# A line a sentence goes on from: it ends with a comma or a small word.
_GOES_ON_RE = re.compile(r"(?:,|\b(?:a|an|the|of|in|to|under|and|or|by|with|for|from|at|as|this|that))$")
# ... and the words before an appended text's name in a sentence or a table's cell, the name wrapped
# onto a line of its own: "... in Column III of that" / "Schedule.", "86 Fourth" / "Schedule".
_NAME_WRAPPED_RE = re.compile(r"(?:\b(?:that|said|such)|\S\s+(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|"
                              r"Ninth|Tenth))$")
_SUBSECTION_RE = re.compile(r"^\((\d{1,3}[A-Z]{0,3})\)(?![\])])\s*(.*)$")
# An Act's sections as national laws print them in every format: after the word ("SECTION 1.
# Short Title. - This Act ...", "SEC. 2. Declaration of Policies. -", "Sec. 3", "Section 4 Workers"),
# or after the number alone with the heading run in and ended by a dash ("1. Short title, extent
# and commencement.—(1) This Act ...") or on its own line above subsection "(1)" ("1. Short title
# and commencement"). `_Builder._keyword_section` and `_numbered_section` decide.
# An Act's section heading printed after a dash, as online law services print Acts ("Section 2 -
# Definitions" above "In this Act ..."); an EU act's "Section 1 - General provisions" heads articles.
_DASH_TITLE_RE = re.compile(r"^[-–—]\s*([A-Z][^.;:]{0,150}?)\.?$")
_KEYWORD_SECTION_RE = re.compile(r"^(SECTION|Section|SEC\.|Sec\.|SECT\.|Sect\.)\s*(\d{1,4}(?:\.\d{1,3})?[A-Z]{0,3})\b\.?\s*(.*)$")
_NUMBERED_SECTION_RE = re.compile(r"^(\d{1,4}[A-Z]{0,4})(?:\.?\s+([A-Z].*)|\.\s*[—–-]\s*(\(1\).*))$")
_DATE_LINE_RE = re.compile(r"^\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|"
                           r"December)\s+\d{4}\b")
# Sections under marginal notes: "2 (1) The following definitions ...", "4 Every employer ..." (Canadian
# acts: no stop after the number), "3. (1) An employer may not ...", "1. In this Act ..." (South African),
# "31. (1) (a) The Commission shall ..." (a subsection opening with its first paragraph, Sri Lanka's).
_NOTED_SECTION_RE = re.compile(r"^(\d{1,4}(?:\.\d{1,2})?[A-Z]{0,3})(?<!\.)\.?\s+"
                               r"(?:\((1)\)\s+((?:\([a-z]\)\s+)?[A-Z].*)|([A-Z].*))$")
# An instrument's first provision, its citation clause: "These Rules may be cited as ...", "This Act
# shall be called ...".
_CITATION_CLAUSE_RE = re.compile(r"^(?:These|This)\s+[A-Z][a-z]+\s+(?:may|shall|are to|is to)\s+be\s+(?:cited|called|known)\b")
# A table of contents printed as text: its heading, and its entries ("1—Short title.", "2. Interpretation", "12A Fees").
_CONTENTS_RE = re.compile(r"^(?:TABLE OF CONTENTS|Table of Contents|CONTENTS|Contents|ARRANGEMENT OF "
                          r"(?:SECTIONS|REGULATIONS|RULES|CLAUSES|PARAGRAPHS)|Arrangement of (?:Sections|Regulations|Rules))\.?$")
_CONTENTS_CLAUSE_RE = re.compile(r"\btable of contents (?:for|of) this \w+ is as follows:$", re.I)  # a US law's
_CONTENTS_ENTRY_RE = re.compile(r"^\d{1,4}[A-Z]{0,3}(?:\.\s+|\s*[—–-]\s*|\s+)[A-Z](?:[^.;:]|(?<=\betc)\.|(?<=\bNo)\.){0,120}\.?$")
# ("14. Cancellation, suspension, etc., of a certificate." is an entry too)
# Footnote calls that open a line, before the number of the unit they annotate ("♣7. ...").
_LEADING_CALLS_RE = re.compile(f"^(?:{MARKER_RE.pattern}\\s*)+")
# The bracket that opens a unit substituted or inserted by an amendment, after its note's call
# ("1[4. Penalty for demanding dowry.—...]", "9[(2) Nothing in ...]": the India Code's print).
_AMENDED_OPEN_RE = re.compile(r"^\[(?=[\d(])")
_RUN_IN_TITLE_RE = re.compile(r"^([A-Z](?:[^.—–]|(?<=\betc)\.){0,150}?)\s*(?:\.\s*[-—–]+|[—–]+)\s*(.*)$")  # "etc.," too
# ... and after a dash typed as hyphens, an Act's typescript: "7. Opening hours of shops-- (1) Save ...",
# "2. Definitions- In this Act ..." (a hyphen that ends a word, not one inside it: "part-time").
_TYPED_RUN_IN_RE = re.compile(r"^([A-Z](?:[^.—–:]|(?<=\betc)\.){0,150}?)\s*(?:-{2,}|(?<=\w)-(?=\s))\s*(\S.*)$")
# A law's section heading run in before a colon ("3. Classification of Job: (1) The Proprietor ...",
# "10. Security of Service : The service of ...", "2. Definitions . In this Act ..."), as Nepal's
# and other translated acts print them; the colon may end the line.
_COLON_TITLE_RE = re.compile(r"^([A-Z][^.:;—–()\ue000]{0,120}?)(?:\s*:|\s+\.)\s*"
                             r"((?:\ue000[^\ue001]*\ue001\s*)*(?:[A-Z\"“‘']|\(\s?1\)).*)?$")  # (a call first: "♣ (1)")
# A law names itself in its title or opening lines ("... ACT, 2031", "Decree-Law No. 9", "These Regulations"),
# or enacts itself ("Be it enacted by ...", "HAVE ADOPTED THIS REGULATION:"): `_is_law`.
_LAW_WORD_RE = re.compile(r"\b(?:" + "|".join(f"{w}|{w.upper()}" for w in (*LAW_NAME_WORDS, "Regulation", "Statute", "Bill"))
                          + r")\b")
_ENACTING_FORMULA_RE = re.compile(r"\b(?:enact(?:s|ed)?|ENACT(?:S|ED)?|decree[sd]?|DECREE[SD]?|promulgate[sd]?|"
                                  r"PROMULGATE[SD]?|HA(?:VE|S)\s+ADOPTED)\b")
# A law's closing block after its last provision: the testimonium and signatures ("IN WITNESS WHEREOF
# ...", "Done at Brussels, 30 May 2022.", "Approved," / "(Sgd.) JUAN DELA CRUZ" / "Speaker of the House",
# "Approved: June 1, 2031", "Signed by ..."), which is no text of that provision (`_Builder._closing`).
# A UN resolution's closing lines: "85th plenary meeting" / "1 June 2031" (after its last paragraph).
_MEETING_RE = re.compile(r"^\d{1,4}(?:st|nd|rd|th) (?:plenary )?meeting$")
_CLOSING_RE = re.compile(r"^(?:Approved(?:\s*[:,.]|$)|APPROVED(?:\s*[:,.]|$)|\(Sgd\.?\)|Sgd\.|IN WITNESS WHEREOF|"
                         r"In [Ww]itness [Ww]hereof|(?:Done|DONE) (?:at|in|on) \S|"
                         r"(?:Original(?:ly| is| was)? [Ss]|S)igned (?:by|at|in) [A-Z]|Signed:|SIGNED:)")
# ("Original is signed by His Highness" heads a translation's signature)
# A signature printed without a marker under a law's last provision: the signer's name, then the
# office on the next line ("Mohamed Bin Zayed Al Nahyan" / "President of the United Arab Emirates").
_SIGNER_RE = re.compile(r"^(?:[A-Z][\w'’.-]*|bin|bint|ibn|al|el|de|da|del|van|von|der)(?:\s+(?:[A-Z][\w'’.-]*|bin|bint|"
                        r"ibn|al|el|de|da|del|van|von|der)){1,6}$")
_OFFICE_RE = re.compile(r"^(?:The\s+)?(?:Vice[- ])?(?:President|Prime Minister|Minister|King|Queen|Amir|Emir|Sultan|"
                        r"Governor|Chairman|Chairperson|Head of State)\b")
# A document about a law, not one: "Report on the implementation of the ... Act", "Minutes of ...".
_ABOUT_A_LAW_RE = re.compile(r"^(?:\W*)(?:Report|REPORT|Minutes|MINUTES|Summary|SUMMARY|Record|Note|NOTE|Letter|LETTER|"
                             r"Commentary|Guide|GUIDE|Review|Analysis|Study|Comments|Observations|Memorandum|"
                             r"Submission|Briefing|Agenda|AGENDA|Statement|Explanatory|Questions?|FAQ)\b")
# The units a recogniser opens inside a provision: never from a law's closing block.
_INSIDE_A_PROVISION = ("paragraph", "point", "subpoint", "article-section")
# How many section numbers a law may skip from one printed section to the next (a repealed section
# left out, a page lost in conversion): "1." then "3." opens section 3, not subsection 1(3).
SECTION_GAP = 10

# OCR's confusions in a heading's first word and number: "Art1cle 2", "ARTlCLE 4", "Artic1e 3",
# "Article l2" (l, I, 1 and |; O and 0). `_ocr_heading` prints them as the document meant.
_OCR_LOOKALIKE = {"i": "[iIl1|!]", "l": "[lLI1|]", "o": "[oO0]"}
_OCR_WORD_RE = re.compile(  # (capitalised, as a heading prints it: "section 3 of" stays a reference)
    r"^(" + "|".join(word[0] + "".join(_OCR_LOOKALIKE.get(c.lower(), f"[{c.lower()}{c.upper()}]") for c in word[1:])
                     for word in sorted({w for words in STRUCTURE_WORDS.values() for w in words if len(w) > 4},
                                        key=len, reverse=True)) + r")(?=\s+\S)")
_OCR_NUMBER_RE = re.compile(r"^(\S+\s+)((?=[\dlIO]*\d)[\dlIO]{2,4})(?=$|[\s.:\-–—])")
_STRUCTURE_WORD = {w.lower(): w for words in STRUCTURE_WORDS.values() for w in words}


def _ocr_heading(text: str) -> str:
    """`text` with OCR's confusions in a heading's word and number undone ("Art1cle 2" is
    "Article 2", "ARTlCLE l2" "ARTICLE 12"); other lines as they are."""
    match = _OCR_WORD_RE.match(text)
    if match is None:
        return text
    printed = match.group(1)
    word = next((w for w in _STRUCTURE_WORD.values()
                 if re.fullmatch("".join(_OCR_LOOKALIKE.get(c.lower(), f"[{c.lower()}{c.upper()}]") for c in w), printed)),
                printed)
    word = word.upper() if sum(c.isupper() for c in printed) > len(printed) // 2 else word
    text = word + text[len(printed):]
    number = _OCR_NUMBER_RE.match(text)
    if number:
        printed = number.group(2)
        if "I" in printed and not printed.strip("I1l"):  # "II1": a roman III with a stroke read as "1"
            label = printed.translate(str.maketrans("1l", "II"))
        else:
            label = printed.translate(str.maketrans("lIO", "110"))
        text = number.group(1) + label + text[number.end(2):]
    return text


_DIVISION_KINDS = {word.lower(): kind for kind in WORDED_DIVISION_KINDS for word in STRUCTURE_WORDS[kind]}

@dataclass
class _Node:
    kind: str
    label: str = ""
    title: str | None = None
    parent: "_Node | None" = None
    children: list["_Node"] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    pages: set[int] = field(default_factory=set)
    first_line: int | None = None
    last_line: int | None = None
    container: bool = False  # a paragraph opened by a heading ("Paragraph 6"): it holds paragraphs

    def last_child(self, kind: str) -> "_Node | None":
        for child in reversed(self.children):
            if child.kind == kind:
                return child
        return None

    def touch(self, index: int, page: int | None):
        if self.first_line is None:
            self.first_line = index
        self.last_line = index
        if page is not None:
            self.pages.add(page)


@dataclass
class Segmentation:
    passages: list[Passage]
    cleaned: str  # the cleaned text; passages' start/end are offsets into it
    stats: dict


def segment(source: SourceText, doc_id: str, allow_unstructured: bool = False) -> Segmentation:
    """Find the structure of a read document and return its passages in document order.

    A text in which no structure is found yields no passages, unless `allow_unstructured`:
    then it is one unit of kind "text". A source not yet cleaned (`indexer.clean`) is cleaned first."""
    source = clean_text(source)
    lines = source.lines
    vocab = Vocabulary(l.text for l in lines)
    offsets, cleaned = _offsets(lines)
    passages: list[Passage] = []
    glued = closing = rejoined = 0
    first_root = None
    for lang, start, end in split_languages(lines):
        builder = _Builder(lines, start, end, source.wrapped, vocab)
        root = builder.build()
        if first_root is None:
            first_root = root
        else:
            align_divisions(first_root, root)
        if source.wrapped:
            builder.unglue_all()
        glued += builder.glued
        rejoined += builder.rejoined
        closing += builder.closing_lines
        passages.extend(_passages(root, doc_id, lang, offsets, lines, len(passages)))
    kinds: dict[str, int] = {}
    for p in passages:
        kinds[f"{p.kind}:{p.lang}"] = kinds.get(f"{p.kind}:{p.lang}", 0) + 1
    structured = any(p.kind not in UNSTRUCTURED_KINDS for p in passages)
    if not structured and allow_unstructured and cleaned.strip():
        # No structure: one unit (a preamble, or the text cited by the document's name),
        # or, when longer than a chunk, bounded chunks (indexer.chunk).
        body = [(strip_notes(l.text), l.page, offsets[i][0]) for i, l in enumerate(lines)
                if not l.footnote and not l.continues_footnote]
        chunks = unstructured_passages(body, doc_id, split_languages(lines)[0][0])
        if not passages or chunks[0].kind == "chunk":
            passages = chunks
            kinds = {f"{chunks[0].kind}:{chunks[0].lang}": len(chunks)}
    stats = dict(source.stats, boilerplate_lines_removed=source.stats.get("boilerplate_lines_removed", 0),
                 glued_words_split=glued, split_words_joined=rejoined, closing_block_lines=closing,
                 hyphenations_repaired=vocab.hyphens_repaired, units=kinds, characters=len(cleaned),
                 structured=structured)
    passages = flag_ocr_passages(passages, source.stats.get("ocr_pages"))
    return Segmentation(passages, cleaned, stats)


def duplicate_ids(passages: list[Passage]) -> list[str]:
    """The passage ids given to more than one passage, in document order (none, normally)."""
    seen: set[str] = set()
    repeated: list[str] = []
    for p in passages:
        if p.passage_id in seen and p.passage_id not in repeated:
            repeated.append(p.passage_id)
        seen.add(p.passage_id)
    return repeated


def align_divisions(original: _Node, translation: _Node):
    """A translation's annexes and appended instruments take the original's names, so that
    both have the same ids: the Dutch "BIJLAGE" holding the Schedule's paragraphs is the
    Schedule. Only when both list as many of them (else each keeps its own)."""
    theirs = [n for n in original.children if n.kind in TOP_LEVEL_KINDS]
    mine = [n for n in translation.children if n.kind in TOP_LEVEL_KINDS]
    if len(theirs) == len(mine):
        for node, model in zip(mine, theirs):
            node.kind, node.label = model.kind, model.label


def _offsets(lines: list[Line]) -> tuple[list[tuple[int, int]], str]:
    spans, parts, position = [], [], 0
    for line in lines:
        text = strip_notes(line.text)
        spans.append((position, position + len(text)))
        parts.append(text)
        position += len(text) + 1
    return spans, "\n".join(parts)


def split_languages(lines: list[Line]) -> list[tuple[str, int, int]]:
    """[(lang, start, end)]: where a heading starts a run of text in the other language.

    The cut is the heading that best separates English before it from Dutch after it
    (maximum of score-before minus score-after); no cut when the tail is not clearly Dutch.
    """
    scores = [language_score(l.text) for l in lines]
    total = sum(scores)
    best, best_gain, before = None, 0, 0
    for i, line in enumerate(lines):
        if line.heading and not is_structural(line.text) and i > 0:
            after = total - before
            if after < -30 and before > 30 and before - after > best_gain:
                best, best_gain = i, before - after
        before += scores[i]
    if best is None:
        return [(guess_language(lines), 0, len(lines))]
    return [("en", 0, best), ("nl", best, len(lines))]


def is_structural(text: str) -> bool:
    """Whether a line reads as a unit's heading: an article, annex, division or lone roman numeral."""
    return bool(_ARTICLE_RE.match(text) or _ANNEX_RE.match(text) or _DIVISION_RE.match(text)
                or _LONE_ROMAN_RE.match(text))


class _Builder:
    """Walks the lines of one language and builds the tree of units."""

    def __init__(self, lines: list[Line], start: int, end: int, wrapped: bool, vocab: Vocabulary):
        self.lines, self.start, self.end = lines, start, end
        self.wrapped, self.vocab = wrapped, vocab
        self.root = _Node("root")
        self.current = self.root
        self.front: list[tuple[int, Line]] = []  # text before the first division
        self.started = False
        self.last_paragraph = 0  # the last paragraph number outside articles (the note's 1-25)
        self.footnote: _Node | None = None
        self.glued = 0
        self.rejoined = 0  # words split in two, joined (`rejoin_split`)
        self.masthead = 0  # front lines printed before the document's title
        self.title_at: int | None = None  # a line known to be the title of the heading before it
        self.noted = False  # sections printed under marginal notes: their subsections' notes title them
        self.headings: dict[int, int] = {}  # id(instrument node) -> how many group headings it has (`_group_heading`)
        self.closing = False  # in a law's closing block (signatures): its lines are no unit's text
        self.closing_lines = 0
        self.law = self._is_law()  # numbered headings above text are an Act's sections only in a law

    # -- the walk ----------------------------------------------------------------------

    def build(self) -> _Node:
        contents = self._table_of_contents()
        for index in range(self.start, self.end):
            line = self.lines[index]
            text = line.text.strip()
            if not text or index in contents:
                continue
            if line.footnote is not None:
                self.footnote = _Node("footnote", line.footnote, parent=self.root)
                self.root.children.append(self.footnote)
                self._add_text(self.footnote, text, index, line.page)
                continue
            if line.continues_footnote:
                target = self.footnote or self.root.last_child("footnote")
                if target is not None:
                    self._add_text(target, text, index, line.page)
                continue
            repaired = _ocr_heading(text)
            if repaired != text and self._structure(repaired, line, index):
                continue  # "Art1cle 2": a heading as OCR read it
            called = _LEADING_CALLS_RE.match(text)
            if called and self._structure(_AMENDED_OPEN_RE.sub("", text[called.end():]), line, index):
                opened = self.current  # (the unit the line opened, not a subsection run in after it)
                while opened.parent is not None and opened.parent.first_line == index:
                    opened = opened.parent
                opened.lines.append(called.group(0).strip())  # anchors its notes
                continue  # "♣7. Appointment in ...": a section amended, its note's call first
            if not self._structure(text, line, index):
                self._text(text, line, index)
        self._finish_front()
        # A preamble left with no text (its lines taken as the title above it) is no unit.
        self.root.children = [n for n in self.root.children if n.kind != "preamble" or n.children or n.lines]
        if any(n.kind == "section" for n in self.root.children):
            # A policy paper's front matter is its title page, not a preamble (an ILO
            # Recommendation's, in clauses after "The General Conference ...,", is one).
            self.root.children = [n for n in self.root.children if n.kind != "preamble" or n.children]
        return self.root

    def _table_of_contents(self) -> range:
        """The lines of an Act's table of contents printed as text ("ARRANGEMENT OF SECTIONS",
        "CONTENTS", then "PART I—PRELIMINARY", "1—Short title.", "2. Interpretation" ...), which
        the body prints again: from its heading to its last entry (a PDF's with dot leaders and
        page numbers are removed in cleaning). Only where its first entry is printed again below
        it; the long title and enacting formula after it stay."""
        lines = [strip_notes(self.lines[i].text).strip() for i in range(self.start, self.end)]
        head = next((n for n, text in enumerate(lines[:400]) if _CONTENTS_RE.match(text) or _CONTENTS_CLAUSE_RE.search(text)),
                    None)
        if head is None:
            return range(0)
        entries = [n for n in range(head + 1, min(len(lines), head + 2000)) if lines[n]]
        if entries and lines[entries[0]].lower() in ("section", "sections"):  # the column's heading
            entries = entries[1:]
        if not entries:
            return range(0)
        last, seen = entries[0], {lines[entries[0]]}
        for n in entries[1:]:
            text = lines[n]
            if text.lower() in ("section", "sections") or text[:1].islower() and not lines[last].endswith("."):
                last = n  # the column's heading again on the next page; an entry's wrapped line
                continue
            if text in seen or not (
                    _CONTENTS_ENTRY_RE.match(text) or _KEYWORD_SECTION_RE.match(text) or is_structural(text)
                    or _STATUTE_GROUP_RE.match(text) or (_is_heading_text(text) or _section_title(text))
                    and len(text.split()) <= 10):
                break  # (an entry printed again: the body starts)
            last = n
            seen.add(text)
        # printed again below: its first entry, or its first division ("TITLE I—ADMISSION")
        listed = [lines[n] for n in entries if entries[0] <= n <= last]
        again = next((text for text in listed if is_structural(text) or _STATUTE_GROUP_RE.match(text)), listed[0])
        if again not in lines[last + 1:]:
            return range(0)
        return range(self.start + head + (0 if _CONTENTS_RE.match(lines[head]) else 1), self.start + last + 1)

    def _is_law(self) -> bool:
        """Whether the document reads as a law: its opening lines, up to its first numbered line,
        name it ("THE WORKERS PROTECTION ACT, 2031", "Federal Decree-Law No. 9") or enact it ("Be it
        enacted ...", "... enacts as follows:"), or it cites itself ("This Act may be cited as ...").
        Minutes and reports ("1. Opening of the meeting." / "The Chair opened ...") are not, so their
        numbered items stay paragraphs."""
        seen = 0
        for index in range(self.start, self.end):
            text = strip_notes(self.lines[index].text).strip()
            if not text:
                continue
            if _LAW_WORD_RE.search(text) and (_is_heading_text(text) or text.isupper() or len(text.split()) <= 12) \
                    and not _ABOUT_A_LAW_RE.match(text) or _ENACTING_FORMULA_RE.search(text) \
                    or _CITATION_CLAUSE_RE.search(text):
                return True
            seen += 1
            if seen >= 40 or _PARAGRAPH_RE.match(text) or is_structural(text):  # the first unit
                return any(_CITATION_CLAUSE_RE.search(re.sub(r"^\d{1,4}[A-Z]{0,3}\.?\s+", "",
                                                             strip_notes(self.lines[n].text).strip()))
                           for n in range(index, min(self.end, index + 6)))
        return False

    def _structure(self, text: str, line: Line, index: int) -> bool:
        """Whether the line opens a unit, or titles one: the first of `RECOGNISERS` (tried in
        their order) that reads such lines, matches the line and accepts it."""
        bare = None
        for recogniser in RECOGNISERS:
            if not recogniser.reads(line, self.wrapped) or self.closing and recogniser.opens in _INSIDE_A_PROVISION:
                continue  # (a closing block's "A. NAME" / "B. NAME" are no sections of the article it closed)
            match = None
            if recogniser.pattern is not None:
                if recogniser.bare and bare is None:
                    bare = strip_notes(text).strip()
                match = recogniser.pattern.match(bare if recogniser.bare else text)
                if match is None:
                    continue
            if recogniser.accept(self, match, text, line, index):
                return True
        return False

    # -- recognisers: each opens (or titles) a unit from a line its pattern matched ----------
    # Their order, and the lines each reads, are in RECOGNISERS below the class.

    def _act_after_memorandum(self, match, text: str, line: Line, index: int) -> bool:
        """The act's own title (a level-1 heading) after the memorandum printed before it:
        the act starts over."""
        scope = self._nearest(self.current, SCOPE_KINDS)
        if line.heading == 1 and self.started and scope.kind == "appended" and scope.label in PRECEDING_NAMES \
                and all(n.kind == "appended" for n in self.root.children):
            self.current, self.started, self.front, self.last_paragraph, self.masthead = self.root, False, [], 0, 0
            return True
        return False

    def _paragraph_heading(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"Paragraph 3", "1": a heading that numbers a paragraph (of a schedule, a charter)."""
        if not self.started:
            return False
        node = self.current
        number = match.group(1)
        parent: _Node | None
        if node.kind == "article":
            parent = node
        else:
            parent = self._paragraph_parent(int(number)) if text[:1].isdigit() else None
            parent = parent or self._nearest(node, DIVISION_PARENT_KINDS)
        opened = self._open("paragraph", number, index, line.page, parent)
        opened.container = not text[:1].isdigit() and parent.kind != "article"
        if not self._in_article(parent):
            self.last_paragraph = int(number)
        return True

    def _opening_heading(self, text: str) -> bool:
        """Before the document starts, a heading is its own title; only the name of a text
        printed before the act (its memorandum) opens a unit there."""
        match = _APPENDED_RE.match(text)
        return self.started or bool(match and _APPENDED_WORDS[match.group(1).lower()] in PRECEDING_NAMES)

    def _heading_as_title(self, match, text: str, line: Line, index: int) -> bool:
        """"Appendix" right under an article heading: the article's title, or an instrument's
        full name under its heading."""
        node = self.current
        fresh = node.kind not in UNTITLED_KINDS and not node.lines and not node.children and node.title is None
        if fresh and self._annex_schedule(text):
            self._add_text(node, text, index, line.page)
            return True
        if fresh and self._opening_heading(text) and \
                (_ANNEX_RE.match(text) or _APPENDED_RE.match(text) or _TITLED_ANNEX_RE.match(text)):
            node.title = text
            return True
        return False

    def _appended(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """A second instrument in the same file: "Optional Protocol", "Recommendation No. 146";
        not its name ending a PDF's wrapped sentence or table cell ("... of that" / "Schedule.")."""
        if not self._opening_heading(text) or self._continues_reference(index, _NAME_WRAPPED_RE):
            return False
        if self._annex_table(match.group(3)):
            return False
        name = _APPENDED_WORDS[match.group(1).lower()]
        ordinal = _ORDINAL_SCHEDULE_RE.match(text)
        number = match.group(2) or (str(ORDINAL_WORDS.index(ordinal.group(1).lower()) + 1) if ordinal else None)
        label = f"{name} No. {number}" if number else name
        repeated = self._appended_named(label)
        if repeated is not None:  # printed again after its table of contents
            self.current = repeated
            return True
        node = self._open("appended", label, index, line.page, self.root)
        node.title = text if match.group(3).strip() else None
        self.last_paragraph = 0
        return True

    def _appended_named(self, label: str) -> "_Node | None":
        """The instrument after the document's text labelled so, if it was opened already."""
        return next((n for n in self.root.children if n.kind == "appended" and n.label == label), None)

    def _annex_schedule(self, text: str) -> bool:
        """Whether `text` heads an annex's first lettered schedule ("ANNEX I" / "SCHEDULE A"): the
        annex's text, as "SCHEDULE B" is, not its title."""
        match = _APPENDED_RE.match(text)
        return match is not None and self._annex_table(match.group(3))

    def _annex_table(self, label: str | None) -> bool:
        """Whether a schedule or table lettered "A", "B" is an annex's own (the UCITS Directive's
        Annex I prints Schedules A and B), not an instrument after it."""
        return self._scope().kind == "annex" and bool(re.fullmatch(r"\s*[A-Z]", label or ""))

    def _appended_act(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """Another law's name as a title (a level-1 heading) below the document's text: a law
        printed with it, numbered anew, as New Zealand's pages print the provisions of amendment
        Acts still in force after the Act ("Employment Relations Amendment Act 2006" / "1 Title"
        ...), which are no part of the Act's last schedule."""
        if line.heading != 1 or not self.started or not _LAW_WORD_RE.search(text) or \
                not re.search(r"\b(?:1[89]|20)\d\d\b", text):
            return False
        self.current = self._appended_named(text) or self._open("appended", text, index, line.page, self.root)
        self.last_paragraph = 0
        return True

    def _titled_annex(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """An annex heading with a title: "ANHANG I TECHNIKEN ...", "Bijlage bij het Sociale Handvest"."""
        if not self._opening_heading(text) or _ANNEX_RE.match(text):
            return False
        node = self._open("annex", _roman_label(match.group(1) or ""), index, line.page, self.root)
        node.title = match.group(2) if match.group(1) else text
        self.last_paragraph = 0
        return True

    def _numbered_heading(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"1. KONTEXT DES VORSCHLAGS": a numbered section of a paper."""
        if not self._opening_heading(text):
            return False
        parent = self._division_parent("section")
        repeated = next((n for n in parent.children if n.kind == "section" and n.label == match.group(1)), None)
        if repeated is not None:  # the body after a table of contents
            self.current = repeated
            return True
        self._open("section", match.group(1), index, line.page, parent).title = match.group(2)
        return True

    def _annex(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"Annex II", "ANNEX": an annex, numbering its articles anew; on a bare line of a text
        file, the title line under it is its title ("Annex" / "Convention on the Rights of ...")."""
        node = self._open("annex", _roman_label(match.group(1) or ""), index, line.page, self.root)
        self._title_below(node, index, line)
        return True

    def _annexed_preamble(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"Preamble" on its own line in an annex or appended instrument before its first article
        (a convention annexed to a resolution): the instrument's preamble."""
        scope = self._scope()
        if not self.started or scope is self.root or self._last_article(scope) is not None or \
                scope.last_child("preamble") is not None:
            return False
        self._open("preamble", "", index, line.page, scope)
        return True

    def _division(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"Part II", "CHAPTER 3 - Title", "Section B": on a bare line only when untitled or
        continuing its siblings' numbering, and not ending a sentence ("... of Part 2")."""
        if not (line.heading or not match.group(3) or self._next_division(match)) or self._continues_reference(index):
            return False
        kind = _DIVISION_KINDS[match.group(1).lower()]
        if kind == "rule" and not roman_to_int(match.group(2)):
            return False  # "Rule 1" of rules of procedure is a provision, not a group of sections
        node = self._open(kind, _roman_label(match.group(2)), index, line.page, self._division_parent(kind))
        node.title = match.group(3) or None
        self._title_below(node, index, line)
        return True

    def _title_below(self, node: _Node, index: int, line: Line):
        """An untitled division on a bare line of a text file: the title line under it
        ("PART I" / "PRELIMINARY"), also in sentence case where a section's heading follows it
        ("Part 1" / "Preliminary provisions" / "3 Purpose"); a PDF's wrapped lines give theirs (`_text`)."""
        if node.title is None and not line.heading and not self.wrapped and not self._annex_schedule(self._next_text(index + 1)):
            self.title_at = self._title_line(index + 1)
            below = index + 1
            if self.title_at is None and below < self.end and _is_heading_text(self.lines[below].text.strip()) and \
                    len(self.lines[below].text.split()) <= 8 and self._section_heading(below + 1):
                self.title_at = below

    def _section_heading(self, index: int) -> bool:
        """Whether line `index` heads a section: "3 Purpose", "4. Interpretation"."""
        match = _NUMBERED_SECTION_RE.match(self._next_text(index))
        return bool(match and match.group(2) and _section_title(match.group(2)))

    def _lone_roman(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """A heading that is a roman numeral ("IV", "IV SLOTBEPALINGEN"): a chapter."""
        node = self._open("chapter", _roman_label(match.group(1)), index, line.page, self._division_parent("chapter"))
        node.title = match.group(2) or None
        return True

    def _article_with_text(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"Art. 1.- This law governs ...": the article's text on its heading line, as national
        codes print it; only where the numbering continues."""
        if _spaced_title(match):
            return False  # "Article 1 Purpose": a title (`_article`)
        run_in = _RUN_IN_TITLE_RE.match(match.group(3) or "")  # "ART. 1. Name of Decree. - This Decree ..."
        if run_in and run_in.group(2) and len(run_in.group(1).split()) <= 15:
            title, inline = run_in.group(1), run_in.group(2)
        else:
            title, inline = None, _inline_article_text(match.group(3))
        if not inline:
            return False
        label = _article_label(match)
        if not self._next_article(label):
            return False
        self._open("article", label, index, line.page, self._article_parent(), inline).title = title
        return True

    def _article(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"Article 6", "ARTICLE XXVII", "Article III bis - Title": a heading, or a bare line
        without a title that continues the numbering."""
        heading = line.heading > 0
        titled = match.group(3)
        if titled and any(_ARTICLE_RE.match(cell) for cell in titled.split(" | ")[1:]):
            return False  # a correlation table's row: "Artikel 1 Absatz 1 | Artikel 1 Absatz 1"
        if not (heading or not titled or _is_heading_text(titled) or titled.isupper()):
            return False  # "Article 5: see ...", "Article 2. A foreign worker is ...": text
        if titled and not heading and re.match(r"(?:of|OF)\s", titled):
            return False  # "ARTICLE 1 OF PROTOCOL NO. 1 (P1-1)": another instrument's, named in a wrapped heading
        if _spaced_title(match) and not heading and (not _is_short_title(titled) or self._continues_reference(index)):
            return False  # "Article 1 Purpose" is a heading; "... under" / "Article 12 The Committee shall" is text
        label = _article_label(match)
        repeated = self._repeated_article(label) if heading else None
        if repeated is not None:  # notes keyed to articles: "Article 4 / paragraph 5" again
            self.current = repeated
            return True
        if not (heading or self._next_article(label, self._deleted_before(index))):
            return False
        node = self._open("article", label, index, line.page, self._article_parent())
        node.title = match.group(3) or None
        if node.title is None and not heading:
            self.title_at = self._title_line(index + 1)
        return True

    def _repeated_article(self, label: str) -> "_Node | None":
        parent = self._article_parent()
        return next((n for n in parent.children if n.kind == "article" and n.label == label), None)

    def _printed_article(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """A PDF's article heading line: in sequence, in brackets, or followed by its title
        (so that a misprinted number, "Article 17" after "Article 26", still opens one)."""
        label = match.group(2) + (f" {match.group(3).lower()}" if match.group(3) else "")
        if match.group(4):
            label += match.group(4) + match.group(5)
        title = self._title_line(index + 1)
        if not (match.group(1) or title is not None or self._next_article(label)):
            return False
        node = self._open("article", label, index, line.page, self._article_parent())
        node.lines.extend(m.group(0) for m in MARKER_RE.finditer(text))  # anchors its footnotes
        if title is not None:
            self.title_at = title
        return True

    def _titled_printed_article(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"Article (1) Definitions", "Article (4) - Annual Leave": a national law's article with
        its title on the heading line, where the numbering goes on or the title is one ("Weekly
        Rest"); "Article (3) of this Law ..." stays text."""
        label = match.group(1) + (f" {match.group(2).lower()}" if match.group(2) else "")
        title = match.group(3)
        if not _is_heading_text(title) or not (self._next_article(label) or _is_title(title)):
            return False
        self._open("article", label, index, line.page, self._article_parent()).title = title
        return True

    def _chapter_in_words(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"Chapter Eleven bis": a chapter (or part) numbered in words."""
        kind = match.group(1).lower()
        label = number_in_words(match.group(2)) + (f" {match.group(3)}" if match.group(3) else "")
        node = self._open(kind, label, index, line.page, self._division_parent(kind))
        node.lines.extend(m.group(0) for m in MARKER_RE.finditer(text))
        self._title_below(node, index, line)
        return True

    def _table(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"Table No (1) Occupational Diseases": a table or schedule after the articles (or an
        instrument's sections: "SCHEDULE", "EXPLANATORY NOTE" after regulations); not its name
        ending a PDF's wrapped sentence or table cell ("... of that" / "Schedule.")."""
        title = match.group(3)
        enabling = _ENABLING_RE.match(title or "")  # "SCHEDULE (Sections 7, 8 and 9)": the sections it serves
        reference, bare = (enabling.group(0) if enabling else None), None
        if enabling:
            title = None
        elif bare := _BARE_ENABLING_RE.match(title or ""):
            title, reference = bare.group(1), bare.group(2)
        if not (any(n.kind in ("article", "statute-section") for n in self._all(self.root))
                and _is_title(title or "Table")) or self._continues_reference(index, _NAME_WRAPPED_RE) \
                or self._annex_table(title):
            return False
        label = match.group(1).title() + (f" No. {match.group(2)}" if match.group(2) else "")
        if not match.group(2) and title and re.fullmatch(r"[A-Z]|[IVXLC]+", title):
            label, title = f"{label} {title}", None  # "SCHEDULE A", "SCHEDULE B": lettered; "Schedule II": numbered
        node = self._open("appended", label, index, line.page, self.root)
        node.title = title or None
        if reference:
            self._add_text(node, reference, index, line.page)
        node.lines.extend(m.group(0) for m in MARKER_RE.finditer(text))
        return True

    def _sign_section(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """A gazette's "§ 39.13 [Amended]", a code's "§ 1 Anwendungsbereich": a section; outside
        a PDF, a heading or a bare line that continues the sections' numbering and is no sentence,
        or, titled, numbers them upwards (a US code's "§ 1101. Definitions", "§ 1103", "§ 1103a")."""
        title, label = match.group(2).strip(), match.group(1)
        last = self._last_of(self._scope(), "statute-section")
        upwards = bool(title) and _is_heading_text(title) and (
            last is None or _number(label) > _number(last.label) or label[:-1] == last.label and label[-1:].isalpha())
        if not (self.wrapped or line.heading or upwards or
                (self._next_statute_section(label) and (not title or _is_heading_text(title)))):
            return False
        node = self._open("statute-section", match.group(1), index, line.page, self._division_parent("statute-section"))
        node.title = title or None
        return True

    def _keyword_section(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"SECTION 1. Short Title. - This Act ...", "SEC. 2. Declaration of Policies. -",
        "Sec. 3", "Section 4 Workers": an Act's section, where the sections' numbering goes on
        (or starts again at 1 in a new rule, book or chapter of implementing rules).
        "Section 1" alone is left to `_division`, and so is "Section 1 - Title" where an article
        has been opened or follows (an EU act's group of articles); in a text without articles
        it is an Act's section ("Section 2 - Definitions" / "In this Act ..."). Inside an
        article, see `_article_section`."""
        abbreviated, rest = match.group(1).endswith("."), match.group(3).strip()
        if self._in_article(self.current) or "." in match.group(2):  # bylaws' "Section 2.03"
            return self._article_section(match.group(2), rest, index, line)
        run_in = _RUN_IN_TITLE_RE.match(rest)
        if run_in:
            title, body = run_in.group(1), run_in.group(2)
        elif rest and _section_title(rest):  # "SECTION 1. SHORT TITLE." above its text (a US public law)
            title, body = _section_title(rest), ""
        elif abbreviated:
            title, body = None, rest
        elif (dashed := _DASH_TITLE_RE.match(rest)) and self._last_article(self._scope()) is None \
                and not _ARTICLE_RE.match(self._next_text(index + 1)):
            title, body = dashed.group(1), ""  # "Section 2 - Definitions" above its text, no article near
        else:
            return False
        if not (line.heading or self._next_statute_section(match.group(2)) or self._first_in_division(match.group(2))
                or title is not None and self._skips_sections(match.group(2))):  # "SEC. 4. Fees. -" after "SEC. 2."
            return False
        self._open_section(match.group(2), title, body, index, line)
        return True

    def _first_in_division(self, label: str) -> bool:
        """Section "1" in a division that holds no section yet, after sections of the
        divisions before it ("RULE II" / "Section 1." of implementing rules)."""
        parent = self._division_parent("statute-section")
        first = label == "1" or label.isdigit() and parent.kind in DIVISION_KINDS and \
            int(label) == 100 * _number(parent.label) + 1  # a US law's "TITLE II" / "SEC. 201."
        return first and parent.kind in DIVISION_KINDS and self._last_of(parent, "statute-section") is None \
            and self._last_of(self._scope(), "statute-section") is not None

    def _article_section(self, label: str, rest: str, index: int, line: Line) -> bool:
        """"Section 1. The name of this organization shall be ...", "Section 2. Dues. Each
        member ...": a section of an article, as bylaws and constitutions of associations
        number them ("ARTICLE III — MEMBERSHIP"), cited "Article III, section 2"; only where
        the article's sections' numbering goes on, with text or a title after the number, and
        a title alone not above an article (an EU act's "Section 2 — Permits" / "Article 5"
        groups articles). Bylaws number them after their article's number too ("Section 2.03":
        `_follows_decimal`), also where no article holds them (cited "section 2.03")."""
        article = self._nearest(self.current, ("article", "root"))
        rest = re.sub(r"^[-–—:]\s*", "", rest)  # "Section 1 - Name. The ...", "Section 1: Eligibility"
        if "." in label:
            last = article.last_child("statute-section") if article.kind == "article" else \
                self._last_of(self._scope(), "statute-section")
            if not rest or not _follows_decimal(last, label):
                return False
        elif article.kind != "article" or not rest or not _follows(article.last_child("statute-section"), label):
            return False
        titled = re.match(r"^([A-Z][^.]{0,60})\.\s+(\S.*)$", rest)  # "Dues. Each member shall pay ..."
        run_in = _RUN_IN_TITLE_RE.match(rest)
        if run_in:
            title, body = run_in.group(1), run_in.group(2)
        elif titled and _is_title(titled.group(1)):
            title, body = titled.group(1), titled.group(2)
        elif _is_heading_text(rest):
            title, body = rest, ""
        else:
            title, body = None, rest
        if not body and self._above_article(index):
            return False
        self._open_section(label, title, body, index, line, article if article.kind == "article" else None)
        return True

    def _above_article(self, index: int) -> bool:
        """Whether an article heading follows, on the next line or under a title line there
        (a group of articles' heading: "Section 2" / "Permits" / "Article 5")."""
        for _ in range(2):
            while index + 1 < self.end and not self.lines[index + 1].text.strip():
                index += 1
            index += 1
            following = strip_notes(self.lines[index].text).strip() if index < self.end else ""
            if _ARTICLE_RE.match(following):
                return True
            if not _is_heading_text(following) or _KEYWORD_SECTION_RE.match(following):
                return False
        return False

    def _numbered_section(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"1. Short title, extent and commencement.—(1) This Act ...": an Act's section with
        its heading run in; "1. Short title and commencement" on its own line, when subsection
        "(1)" follows or the sections' numbering goes on. Never inside an article, whose
        numbered lines are its paragraphs."""
        label = match.group(1)
        if self._in_article(self.current) or _DATE_LINE_RE.match(text):
            return False  # (a date: "1 January 2021: Sections 36(1) and 44 to 47 ]", when parts of an Act came into force)
        if match.group(3):  # "2.—(1) In these Regulations ...": untitled; it may start the text
            last = self._scope().last_child("paragraph")
            if not (self._next_statute_section(label) or self._skips_sections(label) or self._regulation_one(label)
                    or not self.started or (
                    self._last_of(self._scope(), "statute-section") is None and last is not None
                    and last.label.isdigit() and int(last.label) + 1 == _number(label))):
                return False
            self._open_section(label, self._cross_heading(index, self.current), match.group(3), index, line)
            return True
        rest = match.group(2).strip()
        follows = self._next_statute_section(label) or bool(line.heading) and self._inserted_section(label)
        if not (follows or self._skips_sections(label)):
            return False
        if line.note:  # a PDF's marginal note beside it is its heading: the line is all text
            self._open_section(label, None, rest, index, line)
            return True
        run_in = _RUN_IN_TITLE_RE.match(rest) or _TYPED_RUN_IN_RE.match(rest)
        if run_in and len(run_in.group(1).split()) <= 15 and run_in.group(2):
            self._open_section(label, run_in.group(1), run_in.group(2), index, line)
            return True  # (a dash that ends the line opens a list: "... unless the context otherwise requires—")
        ending = _RUN_IN_END_RE.match(self._next_text(index + 1)) if self.wrapped else None
        if ending and ending.group(2) and len(rest.split()) <= 20 and _RUN_IN_TITLE_RE.match(f"{rest} {ending.group(0)}"):
            # "30. Power to prohibit emigration ... general public," / "etc.—(1) Where ...": a run-in
            # heading wrapped onto the next line, which ends it (`_text` joins it to the title)
            self._open_section(label, rest, "", index, line)
            return True
        colon = _COLON_TITLE_RE.match(rest) if self.law else None
        if colon and _run_in_heading(colon.group(1), bool(colon.group(2))):
            self._open_section(label, colon.group(1), colon.group(2) or "", index, line)
            return True
        if follows and (self._after_regulation() or
                        label == "1" and _CITATION_CLAUSE_RE.match(rest) and self._scope() is self.root):
            # "4. The Secretary of State may ...", after "3.—(1) ..."; "1. These Rules may be cited as ..."
            self._open_section(label, self._cross_heading(index, self.current), rest, index, line)
            return True
        if not self.law:
            return False  # minutes' "1. Opening of the meeting." / "The Chair opened ...": a paragraph
        if not follows:  # a gap ("1." then "3."): only a heading printed as the last section's was
            return self._skipped_section(label, rest, index, line)
        following, title = self._text_below_heading(index), _section_title(rest, line)
        if title is None and _SUBSECTION_RE.match(following) and _misprinted_title(rest):
            title = rest[:-1]  # "6. Refusal of passports, travel documents. etc." / "(1) Subject to ..."
        if title is None or title != rest and not (_SUBSECTION_RE.match(following) or _plain_text(following)):
            return False  # "1. Short title." is a heading above its text or its subsection "(1)"
        if not (_SUBSECTION_RE.match(following) or self._headed_next(index, text, line) or
                self._last_of(self._scope(), "statute-section") is not None):
            return False
        self._open_section(label, title, "", index, line)
        return True

    def _skips_sections(self, label: str) -> bool:
        """Whether section `label` goes on from the last section of its scope past a gap in the
        numbering (at most `SECTION_GAP` numbers: a repealed section left out, a lost page)."""
        last = self._last_of(self._scope(), "statute-section")
        if last is None or not re.fullmatch(r"\d+[A-Z]*", label) or not re.match(r"\d+[A-Z]*$", last.label):
            return False
        return 0 < _number(label) - _number(last.label) <= SECTION_GAP

    def _skipped_section(self, label: str, rest: str, index: int, line: Line) -> bool:
        """"3. Prohibition of fees." after section 1 (section 2 repealed, not printed): a section
        where its heading, on its own line above its text or subsection "(1)", is printed as the
        last section's heading was ("1. Short title." / "This Act may be cited ...")."""
        last = self._last_of(self._scope(), "statute-section")
        title, following = _section_title(rest, line), self._text_below_heading(index)
        if last is None or last.first_line is None or last.title is None or title is None or \
                not (_SUBSECTION_RE.match(following) or _plain_text(following)):
            return False
        first = strip_notes(self.lines[last.first_line].text).strip()
        printed = _NUMBERED_SECTION_RE.match(first)
        printed_title = printed.group(2).strip() if printed and printed.group(2) else ""
        heading = _section_title(printed_title) if printed_title else None
        if not (heading and last.title.startswith(heading)  # (its title may go on below: a wrapped heading)
                and (title == rest) == (heading == printed_title)
                and _label_end(first) == _label_end(strip_notes(self.lines[index].text).strip())):
            return False  # (with a stop, or without, as the last one: "5  Interpretation" is another style)
        previous = self._previous_text(index)
        if self.wrapped and previous and not (_ends_sentence(previous) or _section_title(previous)):
            return False  # a PDF's wrapped sentence going on: "... 2 pm on" / "8 September 2001 by ..."
        self._open_section(label, title, "", index, line)
        return True

    def _headed_next(self, index: int, text: str, line: Line) -> bool:
        """Whether a section's heading without a stop on a bare line of a text or web page ("1 Title"
        / "This Act is ..." / "2 Commencement") has a next section headed so too, below its text
        (a PDF's line may be a paragraph's first, wrapped; "1. Einleitung" numbers a paragraph)."""
        printed = text.split()[0]
        label = printed.rstrip(".")
        if line.heading and printed != label and not text.endswith("."):
            return False  # a paper's "## 1. Introduction" (a web page's "1 Title", an Act's "1. Short title." are sections)
        if not label.isalnum() or (printed != label and self._scope() is not self.root):
            return False  # "1. Einleitung" in an annex numbers its paragraphs
        previous = strip_notes(self.lines[index - 1].text).strip() if index > self.start else ""
        if self.wrapped and previous and not (_ends_sentence(previous) or is_structural(previous)) \
                or len(text.split()) > 8:
            return False  # a PDF's wrapped sentence going on: "... weapons. By" / "1 July 1992 the Republic of ..."
        number = _number(label)
        if self._section_heading(index + 1):
            return False  # a list of headings (a table of contents), not a section and its text
        for later in range(index + 2, min(self.end, index + 400)):
            match = _NUMBERED_SECTION_RE.match(strip_notes(self.lines[later].text).strip())
            if match and match.group(1).isdigit() and number < int(match.group(1)) <= number + SECTION_GAP:
                # the next section printed (past a gap: "1. Short title." then "3. Prohibition of fees.")
                title = _section_title(match.group(2)) if match.group(2) else None
                if title is None:
                    return False
                # with a stop, an Act's where its subsection "(1)" shows it ("2. Interpretation" / "(1) In this Act"),
                # or where both headings end with a stop too ("1. Short title." / "This Act ..." / "2. Interpretation.")
                below = self._next_text(later + 1)
                return printed == label or bool(_SUBSECTION_RE.match(below)) or \
                    title != match.group(2) and text.endswith(".") and _plain_text(below)
        return False

    def _after_regulation(self) -> bool:
        """Whether the last section of the scope is a statutory instrument's regulation printed
        "3.—(1) ..." (its regulations without paragraphs are printed "4. The ..."), or one printed
        "1. These Rules may be cited ..." without a heading (the next is "2. In these Rules ...")."""
        last = self._last_of(self._scope(), "statute-section")
        if last is None or last.first_line is None:
            return False
        first = strip_notes(self.lines[last.first_line].text).strip()
        numbered, noted = _NUMBERED_SECTION_RE.match(first), _NOTED_SECTION_RE.match(first)
        if numbered and numbered.group(3) or noted and noted.group(2) and last.title is None:
            return True  # "3.—(1) ...", "3. (1) ..."
        return bool(numbered and last.title is None)

    def _regulation_one(self, label: str) -> bool:
        """Before regulation "2.—(1)": regulation 1 ("1. These Regulations may be cited as
        ..."), which a text file read as a paragraph and a PDF as front matter, becomes section
        1, titled by its cross-heading ("Citation and commencement")."""
        if label != "2" or self._last_of(self._scope(), "statute-section") is not None:
            return False
        if not self.started:  # a PDF: the front matter ends with it
            first = next((n for n in range(len(self.front) - 1, -1, -1)
                          if re.match(r"^1\.\s+[A-Z]", self.front[n][1].text.strip())), None)
            if first is None:
                return False
            tail, self.front = self.front[first:], self.front[:first]
            index, line = tail[0]
            title = self._cross_heading(index, None)
            self._open_section("1", title, line.text.strip()[2:].strip(), index, line)
            for index, line in tail[1:]:
                text = line.text.strip()
                if not self._structure(text, line, index):
                    self._text(text, line, index)
            return True
        scope = self._scope()
        paragraph = scope.last_child("paragraph")
        if paragraph is None or paragraph.label != "1" or paragraph.first_line is None:
            return False
        siblings = scope.children
        before = siblings[siblings.index(paragraph) - 1] if siblings.index(paragraph) else None
        paragraph.kind = "statute-section"
        if before is not None and before.kind == "preamble":
            paragraph.title = self._cross_heading(paragraph.first_line, before)
        elif before is None:  # the front matter, too short for a preamble, was dropped
            paragraph.title = self._cross_heading(paragraph.first_line, None, kept=False)
        return True

    def _cross_heading(self, index: int, holder: _Node | None, kept: bool = True, enacted: bool = False,
                       found: tuple[int, str] | None = None) -> str | None:
        """The line above line `index` when it is a regulation's cross-heading ("Interpretation"
        above "2.—(1)", `_heading_above`, or the heading `found` otherwise), taken out of the text of
        `holder`, the unit it was read into (or of the front matter, before the first unit or when
        `holder` is None; from nowhere when the line was not `kept`; `enacted`: see `_heading_above`)."""
        found = found or self._heading_above(index, enacted)
        if found is None:
            return None
        above, text = found
        title = _section_title(text) or text  # a note printed with a stop: "Short title."
        if not kept:
            return title
        if holder is None or not self.started:
            if self.front and self.front[-1][0] == above:
                self.front.pop()
                return title
            # a heading below the document's title, which the catalogue took with it
            return title if self.lines[above].heading and any(l.heading for l in self.lines[self.start:above]) else None
        if not holder.lines and holder.kind in DIVISION_KINDS and holder.title and holder.title.endswith(" " + text):
            rest = holder.title[:-len(text)].rstrip()
            if _REFERENCE_END_RE.search(rest.lower()):
                return None  # the title's own last line, after a small word ("... AND POWERS OF THE" / "COMMISSIONER-GENERAL")
            holder.title = rest  # a PDF's division title runs on into it
            return title
        if not holder.lines or not holder.lines[-1].endswith(text):
            return None
        holder.lines[-1] = holder.lines[-1][:-len(text)].rstrip()
        if not holder.lines[-1]:
            holder.lines.pop()
        return title

    def _noted_next(self, index: int, label: str) -> bool:
        """Whether the next section after line `index` is printed under a marginal note too."""
        want = str(_number(label) + 1)
        for later in range(index + 1, min(self.end, index + 400)):
            match = _NOTED_SECTION_RE.match(strip_notes(self.lines[later].text).strip())
            if match and match.group(1) == want:
                return match.group(2) is not None or self._heading_above(later) is not None
        return False

    def _heading_above(self, index: int, enacted: bool = False) -> tuple[int, str] | None:
        """(index, text) of the line above line `index` when it reads as a heading of its own:
        short, capitalised, without closing punctuation, after a line that ends a sentence or
        another heading (the document's title); also after a colon when `enacted` (a group's
        heading under the enacting clause: "... enacts as follows:" / "Short Title")."""
        above = index - 1
        while above >= self.start and not self.lines[above].text.strip():
            above -= 1
        if above < self.start or self.lines[above].footnote or self.lines[above].continues_footnote:
            return None
        text = strip_notes(self.lines[above].text).strip()
        stopped = not _is_heading_text(text) and _section_title(text) is not None and len(text.split()) <= 8
        if not (_is_heading_text(text) or stopped) or len(text.split()) > 10 or is_structural(text) or \
                any(regex.match(text) for regex in (_PARAGRAPH_RE, _SUBSECTION_RE, *_POINT_RES)):
            return None
        before = above - 1
        while before >= self.start and not self.lines[before].text.strip():
            before -= 1
        previous = strip_notes(self.lines[before].text).strip() if before >= self.start else ""
        division = _DIVISION_RE.match(previous) or _STATUTE_GROUP_RE.match(previous)
        if is_structural(previous) and not (division and division.group(3)) and \
                not self.lines[above].heading > self.lines[before].heading > 0:
            return None  # a division's title ("PART 1" / "Protection of Workers"), not a web page's subheading
        # a sentence's end, or a bilingual act's defined term in the other language: "... worker. (employeur)"
        ended = previous.endswith((".", ";", ":") if enacted else (".", ";")) or re.search(r"\s\([a-zà-ÿ]{3,}\)$", previous)
        if previous and not self.lines[above].heading and not ended and \
                not (_is_heading_text(previous) and len(previous.split()) <= 10):
            return None  # the end of a wrapped sentence, not a line of its own
        if previous and not self.lines[above].heading and not ended and \
                (self.wrapped and _REFERENCE_END_RE.search(previous) or self._wrapped_before(before)):
            return None  # ... as is a line of capitalised names after one that ends "... Department of"
        return above, text

    def _wrapped_before(self, index: int) -> bool:
        """Whether PDF line `index` goes on from the line above, which ends with a word no heading
        or sentence ends with ("... Department of Motor Traffic, Department of" / "Customs and
        Registrar General of Lands and Registrar" / "General of Title.")."""
        before = index - 1
        while before >= self.start and not self.lines[before].text.strip():
            before -= 1
        return self.wrapped and before >= self.start and \
            bool(_REFERENCE_END_RE.search(strip_notes(self.lines[before].text).strip()))

    def _noted_section(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"2 (1) The following definitions apply ...", "4 Every employer shall ...": an Act's
        section as Canadian acts print it, the number without a stop, under its marginal note
        ("Definitions"), which titles it (a heading above the note, grouping sections, is
        dropped from the text before); where the sections' numbering goes on, and the number
        is not the end of a reference ("... under section" / "3 (1) of this Act")."""
        label = match.group(1)
        follows = self._next_statute_section(label) or self.noted and self._skips_sections(label)
        if self._in_article(self.current) or not follows or self._continues_reference(index):
            return False
        note = self._heading_above(index)
        if not self._next_statute_section(label) and note is None:
            return False  # past a gap in the numbering, only under its marginal note
        if match.group(2) is None and (note is None or not (self.noted or self._noted_next(index, label))):
            return False  # a paper's "Introduction" / "1. The present report ...": one note is no Act's
        if match.group(2) is not None and note is None and self._last_of(self._scope(), "statute-section") is None \
                and not _CITATION_CLAUSE_RE.match(match.group(3)):
            return False  # an ILO Recommendation's "1. (1) For the purposes of ...": a paragraph
        # a marginal note printed beside the line titles it: the line above is the end of a
        # division's heading in capitals ("CHAPTER V" / "PROTECTION OF INFORMERS ... AND OTHER" /
        # "PERSONS ASSISTING THE COMMISSION" / "73. (1) Where ..."), no note
        if line.note and note is not None and note[1].isupper():
            # a heading in capitals above a section beside its own note groups the sections below it
            # ("ESTABLISHMENT OF THE INSTITUTE" / "2. (1) ..." beside "Establishment of the Institute."),
            # but under a division's heading it is the end of the division's title
            title = None
            if not (self.current.kind in DIVISION_KINDS and not self.current.lines) and \
                    (group := self._cross_heading(index, self.current)) is not None:
                self._open_group_heading(group, note[0], self.lines[note[0]].page)
        else:
            title = None if line.note and match.group(2) else self._cross_heading(index, self.current)
        if match.group(2) is None and title is None and not line.note:
            return False  # a heading that opened a unit, or titled one, is no marginal note
        if note is not None and title is not None:
            self.noted = True
            self._group_heading(note[0])
        self._open_section(label, title, f"(1) {match.group(3)}" if match.group(2) else match.group(4), index, line)
        return True

    def _group_heading(self, note: int):
        """The heading of a group of sections above a section's marginal note (a Canadian act's
        "Interpretation" above "Definitions" / "2 (1) ..."): taken out of the text before, it opens
        a `heading` division, labelled by its order in the instrument, whose title it is. Before
        the first unit, only a short one (not the act's long title above its first note)."""
        above = self._heading_above(note, enacted=True)
        if above is None or not self.started and (len(above[1].split()) > 6 or not self.front
                                                  or self.front[0][0] >= above[0]):
            return  # (the document's own title, on its first line, is no group's heading)
        title = self._cross_heading(note, self.current, enacted=True)
        if title is None:
            return
        self._open_group_heading(title, above[0], self.lines[above[0]].page)

    def _open_group_heading(self, title: str, index: int, page: int | None):
        """A `heading` division over the sections below, labelled by its order in its instrument."""
        instrument = self._nearest(self.current, INSTRUMENT_KINDS)
        self.headings[id(instrument)] = order = self.headings.get(id(instrument), 0) + 1
        self._open("heading", str(order), index, page, self._division_parent("heading")).title = title

    def _open_section(self, label: str, title: str | None, body: str, index: int, line: Line,
                      parent: _Node | None = None):
        """An Act's section, with the text run in after its heading: its subsection "(1)" when
        the text opens with one."""
        node = self._open("statute-section", label, index, line.page, parent or self._division_parent("statute-section"))
        node.title = title or _note_title(line.note) or None  # (a PDF's marginal note beside its first line)
        self._section_text(node, body, index, line)

    def _section_text(self, node: _Node, body: str, index: int, line: Line):
        """The text run in after a section's heading: its subsection "(1)" when it opens with one,
        and the subsection's point "(a)" when it opens with one ("31. (1) (a) The Commission ...")."""
        subsection = _SUBSECTION_RE.match(body)
        if subsection and subsection.group(1) == "1":
            point = _POINT_RES[0].match(subsection.group(2))
            opened = self._open("paragraph", "1", index, line.page, node, None if point and point.group(1) == "a"
                                else subsection.group(2))
            if point and point.group(1) == "a":
                self._open("point", "a", index, line.page, opened, point.group(2))
        elif body:
            self._add_text(node, body, index, line.page)

    def _inserted_section(self, label: str) -> bool:
        """Whether section `label`, set as a heading of the page, is one inserted among the last
        section's number's: "69AB" after "69AAL", "69A" after "69ABK" (New Zealand numbers the
        sections inserted before "69A" "69AA", "69AB" ..., so their letters do not sort), each
        once in its scope. A page's heading is no sentence's wrapped end, which a bare line may be."""
        last = self._last_of(self._scope(), "statute-section")
        this, before = re.fullmatch(r"(\d+)[A-Z]*", label), re.fullmatch(r"(\d+)[A-Z]*", last.label) if last else None
        if this is None or before is None or this.group(1) != before.group(1):
            return False
        return not any(n.kind == "statute-section" and n.label == label for n in self._all(self._scope()))

    def _next_statute_section(self, label: str) -> bool:
        """Whether section `label` continues the numbering of the sections of its scope, as
        subsections do: "1" first, then "2", or "5A" after "5"."""
        return _follows(self._last_of(self._scope(), "statute-section"), label)

    def _text_below_heading(self, index: int) -> str:
        """The text below a section's heading on line `index`, past the heading's wrapped end
        ("19. Passports ... invalid for travel to" / "certain countries" / "Upon the issue ...")."""
        following = self._next_text(index + 1)
        if not (self.wrapped and _WRAPPED_HEADING_RE.match(following)):
            return following
        below = index + 1
        while not self.lines[below].text.strip():
            below += 1
        return self._next_text(below + 1)

    def _previous_text(self, index: int) -> str:
        """The text of the last non-blank line before `index` (empty at the start)."""
        index -= 1
        while index >= self.start and not self.lines[index].text.strip():
            index -= 1
        return strip_notes(self.lines[index].text).strip() if index >= self.start else ""

    def _next_text(self, index: int) -> str:
        """The next non-blank line's text from `index` (empty at the end)."""
        while index < self.end and not self.lines[index].text.strip():
            index += 1
        return strip_notes(self.lines[index].text).strip() if index < self.end else ""

    def _document_end(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"[FR Doc. ... Filed ...]" ends a gazette's document; the next one follows."""
        if not self.started:
            return False
        node = self._open("appended", "Next document", index, line.page, self.root)
        node.title = match.string
        return True

    def _added_text_heading(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"(a) Comments Due Date": a lettered heading of the text an instruction adds."""
        node = self._nearest(self.current, INSTRUMENT_KINDS)
        if node.kind != "appended" or node.label != "Added text":
            return False
        last = node.last_child("paragraph")
        if not (_is_title(match.group(2)) and ord(match.group(1)) == (ord(last.label) + 1 if last else ord("a"))):
            return False
        opened = self._open("paragraph", match.group(1), index, line.page, node)
        opened.title = match.group(2)
        return True

    def _added_text(self, match, text: str, line: Line, index: int) -> bool:
        """The line after an amendatory instruction ("... adding the following new AD:") opens
        the text it adds, cited as its own unit."""
        node = self._nearest(self.current, STATUTE_SCOPE_KINDS)
        if not (node.kind == "statute-section" and self.current.lines and _ADDING_RE.search(self.current.lines[-1])):
            return False
        appended = self._open("appended", "Added text", index, line.page, node)
        appended.title = strip_notes(text).strip()
        return True

    def _statute_group(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """An Act's "Part 2—Arrival ...", "Division 3—Visas", "Subdivision AB—..."."""
        kind = match.group(1).lower()
        node = self._open(kind, _roman_label(match.group(2)), index, line.page, self._division_parent(kind))
        node.title = match.group(3).strip()
        return True

    def _statute_section(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """An Act's "5AAA  Title" (two spaces after the label): a section; not a number lower than the
        last section's (a page's amendment note printed so: "1  Subs. for “Province” by ...")."""
        last = self._last_of(self._scope(), "statute-section")
        if last is not None and last.label[:1].isdigit() and (_number(match.group(1)) < _number(last.label)
                                                               or match.group(1) == last.label):
            return False
        node = self._open("statute-section", match.group(1), index, line.page, self._division_parent("statute-section"))
        node.title = match.group(2).strip()
        return True

    def _subsection(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"(1)", "(1A)" inside an Act's section, in sequence."""
        section = self._nearest(self.current, SUBSECTION_SCOPE_KINDS)
        if not (section.kind == "statute-section" and _follows(section.last_child("paragraph"), match.group(1))):
            return False
        if self._wrapped_reference(index):
            return False
        if self.current.kind == "point" and section.last_child("paragraph") is None and self.current.lines and \
                self.current.lines[-1].endswith(("—", "–", "-", ":")):
            return False  # a US law's "(b) EXCEPTION.—... apply to—" / "(1) a fee ...": its point's paragraph
        # "Exception" / "(2) ...": a heading over the subsections below it, under a marginal note or in
        # a PDF ("Action by Minister—natural justice applies" / "(1) If ..."), not the end of the text above
        heading = None if self.noted else self._subsection_heading(index)
        title = self._cross_heading(index, self.current, found=heading) if self.noted or heading else None
        self._open("paragraph", match.group(1), index, line.page, section, match.group(2)).title = title
        return True

    def _subsection_heading(self, index: int) -> tuple[int, str] | None:
        """Whether a PDF prints a heading of its own above subsection line `index`: a few words without
        a stop, after a line that ends a sentence or after the section's heading line ("(2) ... the
        grounds." / "Action by Minister—natural justice does not apply" / "(3) The Minister may ..."),
        never a sentence's wrapped end ("... (Resolving the Asylum Legacy" / "Caseload) Act 2014.")."""
        if not self.wrapped:
            return None
        above = index - 1
        while above > self.start and not self.lines[above].text.strip():
            above -= 1
        text, previous = strip_notes(self.lines[above].text).strip(), self._previous_text(above)
        if not (_is_heading_text(text) and len(text.split()) <= 10) or is_structural(text) or \
                text.endswith(("-", "—", "–")) or self.lines[above].footnote or self.lines[above].continues_footnote:
            return None  # (a sentence that opens a list ends with a dash: "... unless the context otherwise requires,-")
        under_heading = any(node.kind == "statute-section" and node.first_line == above - 1 and not node.children
                            for node in self._open_nodes())
        return (above, text) if previous.endswith((".", ";", ":")) or under_heading else None

    # An article's lettered section: "A. For the purposes of ...", "B." alone on its line.
    _LETTERED_SECTION_RE = re.compile(r"^([A-Z])\.(?:\s+(\S.*))?$")

    def _lettered_section(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"A. For the purposes ...", "B.": a lettered section of the article the line is in (the
        Refugee Convention's Article 1A to 1F), holding the numbered paragraphs and points after
        it. "A." only before the article's first paragraph or point and where "B." follows in the
        same article; the next letter only after the one before ("J. Smith" stays text)."""
        article = next((n for n in self._open_nodes() if n.kind == "article"), None)
        if article is None or not self.started:
            return False
        letter, last = match.group(1), article.last_child("article-section")
        if last is None:
            if letter != "A" or article.children:
                return False
            for later in range(index + 1, min(self.end, index + 1000)):
                following = self.lines[later]
                after = strip_notes(following.text).strip()
                if following.heading or is_structural(after) or _PRINTED_ARTICLE_RE.match(after):
                    return False  # the article ends without a "B."
                found = self._LETTERED_SECTION_RE.match(after)
                if found and found.group(1) == "B" and not following.footnote:
                    break
            else:
                return False
        elif ord(letter) != ord(last.label) + 1:
            return False
        self._open("article-section", letter, index, line.page, article, match.group(2))
        return True

    def _lettered_heading(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"A. 'General'" / "B. 'Active end users'": headings lettered from A, in order, sections
        (the Digital Markets Act's Annex; its "C." was read as section 100 and "D." ran into it)."""
        if not self.started or match.group(2).endswith("."):
            return False
        parent = self._division_parent("section")
        labels = [n.label for n in parent.children if n.kind == "section"]
        if labels != [chr(ord("A") + n) for n in range(len(labels))] or match.group(1) != chr(ord("A") + len(labels)):
            return False
        self._open("section", match.group(1), index, line.page, parent).title = match.group(2).strip()
        return True

    def _resolution_part(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"CONSIDERANDO:" on its own line, printed in capitals or with a capital, when paragraph "1."
        follows and the document has no articles: a part of a resolution, its paragraphs numbered anew."""
        word = match.group(1) or match.group(2)
        if not (word.isupper() or word[0].isupper()) or self._last_article(self._scope()) is not None:
            return False
        below = index + 1
        while below < self.end and not self.lines[below].text.strip():
            below += 1
        following = _PARAGRAPH_RE.match(strip_notes(self.lines[below].text).strip()) if below < self.end else None
        if following is None or following.group(1) != "1":
            return False
        name = RESOLUTION_PARTS.get(word.lower()) or OPERATIVE_PARTS[word.lower()]
        self._open("resolution-part", name, index, line.page, self._division_parent("resolution-part"))
        return True

    def _section(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """A paper's "III. Protection of migrant workers": a heading, or a bare line that
        continues the sections' numbering."""
        if _PARAGRAPH_RE.match(text) or not (line.heading or self._next_section(match)):
            return False
        node = self._open("section", match.group(1), index, line.page, self._division_parent("section"))
        node.title = match.group(2).strip()
        return True

    def _heading_title(self, match, text: str, line: Line, index: int) -> bool:
        """A heading right after a division or article heading is its title."""
        node = self.current
        if node is not self.root and node.kind != "preamble" and not node.lines and \
                not node.children and node.title is None:
            node.title = text
            return True
        if not self.started:
            if self._whereas(self.front) is None:  # (not a heading after an EU act's recitals)
                self.masthead = len(self.front)  # what came before the title is no preamble
            return True  # a title of the document: the catalogue has it
        if not text[:1].isdigit() and self._last_of(self._scope(), "statute-section") is not None and \
                self._headed_section_below(index):
            # a web page's cross-heading over the sections below ("Good faith employment relations"
            # / "4 Parties to employment relationship ..."): a group, not the end of the text above
            self._open_group_heading(text, index, line.page)
            return True
        return False

    def _headed_section_below(self, index: int) -> bool:
        """Whether the next line is a page's heading that opens a section ("4 Parties to ...")."""
        below = index + 1
        while below < self.end and not self.lines[below].text.strip():
            below += 1
        if below >= self.end or not self.lines[below].heading:
            return False
        match = _NUMBERED_SECTION_RE.match(strip_notes(self.lines[below].text).strip())
        return bool(match and match.group(2) and _section_title(match.group(2), self.lines[below]))

    def _paragraph(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"3. In so far as ...": the paragraph that continues the nearest container's numbering."""
        if not self.started or self._numbered_subheading(int(match.group(1)), index):
            return False
        parent = self._paragraph_parent(int(match.group(1)))
        if parent is None:
            return False
        self._open_paragraph(match.group(1), index, line.page, parent, match.group(2))
        if not self._in_article(parent):
            self.last_paragraph = int(match.group(1))
        return True

    def _first_paragraph(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"1. Recent globalization ...": a paper's first paragraph starts the document (in a
        PDF, only after a resolution's preamble)."""
        if self.started or int(match.group(1)) != 1 or (self.wrapped and self._enacting_line() is None
                                                          and not self._after_judgment_heading(index)):
            return False
        self._finish_front()
        self.started = True
        self._open_paragraph("1", index, line.page, self.root, match.group(2))
        self.last_paragraph = 1
        return True

    def _separate_opinion(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """A judge's opinion after a judgment's paragraphs: an instrument appended to it, its
        paragraphs numbered anew, labelled by its order ("Separate Opinion No. 2"). Its heading
        printed again (atop its pages, or wrapped otherwise) opens nothing."""
        if not self.started or self._last_article(self._scope()) is not None:
            return False
        heading = " ".join(text.split())
        for node in self.root.children:
            if node.kind == "appended" and node.title and \
                    (node.title.startswith(heading) or heading.startswith(node.title)):
                return True  # (a running header: the text goes on in the unit it was in)
        number = sum(n.kind == "appended" and n.label.startswith("Separate Opinion") for n in self.root.children) + 1
        node = self._open("appended", f"Separate Opinion No. {number}", index, line.page, self.root)
        node.title = heading
        self.last_paragraph = 0
        return True

    def _numbered_subheading(self, number: int, index: int) -> bool:
        """"1. Конституція України" / "35. Відповідні положення ...": a sub-heading numbered in its
        section, between paragraphs numbered on through the document (a judgment's) - the next
        line goes on with their numbering."""
        if number != 1 or self.last_paragraph < 2:
            return False
        below = index + 1
        while below < self.end and not self.lines[below].text.strip():
            below += 1
        following = _PARAGRAPH_RE.match(self.lines[below].text.strip()) or _DATED_PARAGRAPH_RE.match(
            self.lines[below].text.strip()) if below < self.end else None
        return following is not None and int(following.group(1)) == self.last_paragraph + 1

    def _dated_paragraph(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"4. 17 лютого 2009 року ...": the paragraph after paragraph 3 of the same container, its text a date."""
        number = int(match.group(1))
        parent = self._paragraph_parent(number) if self.started and number > 1 else None
        last = parent.last_child("paragraph") if parent is not None else None
        if last is None or last.label != str(number - 1):
            return False
        return self._paragraph(match, text, line, index)

    def _after_judgment_heading(self, index: int) -> bool:
        """Whether the line above is the heading of a judgment's first part ("PROCEDURE", "THE
        FACTS"): its paragraphs, numbered on through the judgment, start there."""
        above = index - 1
        while above >= self.start and not self.lines[above].text.strip():
            above -= 1
        return above >= self.start and bool(_JUDGMENT_PART_RE.match(self.lines[above].text.strip()))

    def _open_paragraph(self, label: str, index: int, page: int | None, parent: _Node, text: str | None):
        """A numbered paragraph; one whose text opens with its first subparagraph ("1. (1) For
        the purposes of this Recommendation ...") or its first point ("2. (a) The term "frontier
        worker" ...", as the 1990 Convention prints its Article 2) holds it, as "(2)" or "(b)" on
        the next line follows."""
        subparagraph, point = _SUBSECTION_RE.match(text or ""), _POINT_RES[0].match(text or "")
        if subparagraph is not None and subparagraph.group(1) == "1" and parent.kind != "article":
            kind, first = "subpoint", subparagraph
        elif point is not None and point.group(1) == "a" and point.group(2):
            kind, first = "point", point
        else:
            return self._open("paragraph", label, index, page, parent, text)
        paragraph = self._open("paragraph", label, index, page, parent)
        self._open(kind, first.group(1), index, page, paragraph, first.group(2))
        return paragraph

    def _point(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"(b)", "b)", "b.": the point that follows the nearest container's last one."""
        parent = self._point_parent(match.group(1), self._deleted_before(index)) if self.started else None
        if parent is None or self._wrapped_reference(index):
            return False  # (a PDF's "... as paragraph" / "(a) of that subsection; and" is a reference)
        self._open("point", match.group(1), index, line.page, parent, match.group(2))
        return True

    def _subpoint(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"(ii)", "ii)", "(2)": the sub-point that follows; "(1)" right under an article is
        its paragraph (EU acts in German, French ...)."""
        parent = self._subpoint_parent(match.group(1)) if self.started else None
        if parent is None or self._wrapped_reference(index):
            return False  # (a PDF's "... as subsection" / "(1) of that section; and" is a reference)
        kind = "paragraph" if parent.kind in BRACKETED_PARAGRAPH_PARENT_KINDS and match.group(1).isdigit() else "subpoint"
        self._open(kind, match.group(1), index, line.page, parent, match.group(2))
        return True

    def _rule(self, index: int, line: Line):
        """A rule is never text. Below a title line, after articles, it opens the next
        instrument of the file (a law attached to the law that promulgates it)."""
        title = strip_notes(self.lines[index - 1].text).strip()
        node = self.current
        if not (self._last_article(self.root) is not None and _is_title(title) and node.lines and node.lines[-1].endswith(title)):
            return
        node.lines[-1] = node.lines[-1][:-len(title)].rstrip()
        if not node.lines[-1]:
            node.lines.pop()
        appended = self._open("appended", _AMENDED_RE.sub("", title), index - 1, line.page, self.root)
        appended.title = title

    def _wrapped_reference(self, index: int) -> bool:
        """A PDF's reference wrapped before its number: "(a) by the renumbering of that section as
        subsection" / "(1) of that section; and" opens no subsection (a heading above it, "Visa
        classes covered by this section" / "(1) ...", is none)."""
        previous = self._previous_text(index) if self.wrapped else ""
        if not _UNIT_NAMED_RE.search(previous):
            return False
        # capitalised ("Magistrate's Court as may be demarcated under subsection" / "(3) of section 5"), it is
        # still a sentence's wrapped line where the line above it goes on ("... to a judicial division of a")
        above = index - 1
        while above > self.start and not self.lines[above].text.strip():
            above -= 1
        return not _is_heading_text(previous) or bool(_GOES_ON_RE.search(self._previous_text(above)))

    def _continues_reference(self, index: int, also: re.Pattern | None = None) -> bool:
        """A PDF line such as "Part 2." that ends a sentence ("... under Subdivision B of
        Division 3 of") rather than heading a division; or one the line above `also` ends."""
        previous = self.lines[index - 1].text.strip() if self.wrapped and index > self.start else ""
        return bool(_REFERENCE_END_RE.search(previous) or also and also.search(previous))

    def _title_line(self, index: int) -> int | None:
        """The index of the next line when it reads as a heading's title: short, capitalised,
        not a numbered paragraph or point and without closing punctuation."""
        while index < self.end and not self.lines[index].text.strip():
            index += 1
        if index >= self.end or self.lines[index].footnote or self.lines[index].continues_footnote:
            return None
        text = strip_notes(self.lines[index].text).strip()
        if not text[:1].isupper() or len(text.split()) > 10 or text.endswith((".", ",", ";", ":", "—", "-")) or \
                _PARAGRAPH_RE.match(text) or _PRINTED_ARTICLE_RE.match(text) or is_structural(text):
            return None
        if not _is_short_title(text):
            return None  # a title capitalises its words ("Scope of Application"), or is short: an EU act's "Subject matter"
        after = self.lines[index + 1].text.strip() if index + 1 < self.end else ""
        if not (after[:1].isupper() or _PARAGRAPH_RE.match(after)):  # a sentence goes on, or a list
            return None
        return index

    def _next_division(self, match: re.Match) -> bool:
        """A titled division on a bare line ("Section B – List of ..."): only the one that
        continues its siblings' lettering or numbering, or the first ("Part 1—Preliminary")."""
        kind = _DIVISION_KINDS[match.group(1).lower()]
        last = self._division_parent(kind).last_child(kind)
        if not match.group(3):
            return False
        label = _roman_label(match.group(2))
        if last is None:  # the first, with a heading's title: "Part 1—Preliminary" of a web page
            return label in ("1", "I", "A") and _is_heading_text(match.group(3))
        if len(label) == 1 == len(last.label) and label.isalpha() and not roman_to_int(label):
            return ord(label) == ord(last.label) + 1
        return _number(label) == _number(last.label) + 1

    def _text(self, text: str, line: Line, index: int):
        if not self.started:
            self.front.append((index, line))
            return
        if self.closing or self._closing(text, index):
            self.closing_lines += 1
            return
        split = self._inline_paragraph(text)
        if split:  # "... international instrument. 3. In so far as ...": a paragraph run in
            self._text(text[:split].rstrip(), line, index)
            rest = text[split:].lstrip()
            if not self._structure(rest, line, index):
                self._text(rest, line, index)
            return
        node = self.current
        if self.wrapped and _RULE_LINE_RE.match(text):
            self._rule(index, line)
            return
        if index == self.title_at:  # the title line of a heading found by _printed_article
            node.title = text
            node.touch(index, line.page)
            return
        if self.wrapped and node.kind in WRAPPED_TITLE_KINDS and \
                not node.children and (node.title is None or not node.title.endswith((".", ";", ":"))) and \
                not (node.title and text.endswith(".") and _section_title(text) is None):  # "Documents" / "The work contract."
            node.title = join_wrapped(node.title, text, self.vocab) if node.title else text
            node.touch(index, line.page)
            return
        ending = _RUN_IN_END_RE.match(text)
        if self.wrapped and node.kind == "statute-section" and node.title and not node.children \
                and all(_LEADING_CALLS_RE.fullmatch(held) for held in node.lines) \
                and ending and ending.group(2) and not node.title.endswith((".", ";", ":")):
            # the end of a run-in heading wrapped onto this line: "etc.—(1) Where ..." (`_numbered_section`);
            # the section's only lines may be the calls of its notes (a section amended: "♣[8. Offences ...")
            end = ending.group(1) + ("." if ending.group(1).endswith("etc") else "")  # "etc." keeps its stop
            node.title = join_wrapped(node.title, end, self.vocab)
            self._section_text(node, ending.group(2), index, line)
            return
        if self.wrapped and node.kind == "statute-section" and node.title and not node.lines and not node.children \
                and _WRAPPED_HEADING_RE.match(text) and not node.title.endswith((".", ";", ":")):
            # an Act's heading over two lines: "48  Non-citizen refused a visa ... may only apply" /
            # "for particular visas" / "(1) A non-citizen ...": the second line is its title's end
            node.title = join_wrapped(node.title, text, self.vocab)
            node.touch(index, line.page)
            return
        if (node.kind == "annex" or node.kind == "appended" and node.label.split(" ")[0] in _TITLED_APPENDED) and \
                not node.lines and not node.children and _capital_title(text) and not self._annex_schedule(text):
            # a schedule's or annex's title in capitals over several lines: "SCHEDULE NO.(1)" /
            # "DOMESTIC WORKERS PROFESSIONS" / "ANNEXED TO CABINET RESOLUTION NO. 106 OF 2022"
            node.title = f"{node.title} {text}" if node.title else text
            node.touch(index, line.page)
            return
        bullet = _BULLET_RE.match(text)
        if bullet:
            text = "- " + bullet.group(1)
            node.lines.append(text)
            node.touch(index, line.page)
            return
        self._add_text(node, text, index, line.page)

    def _closing(self, text: str, index: int) -> bool:
        """Whether line `index` opens a law's closing block: after a provision's sentence ends,
        its testimonium or signatures ("Done at ...", "IN WITNESS WHEREOF", "Approved:", "(Sgd.)",
        "Signed by ...", a name above an office: "Mohamed Bin Zayed Al Nahyan" / "President of ...").
        The block is left out of every unit (the lines up to the next unit: an annex, a schedule
        or the next instrument opens as before)."""
        if _MEETING_RE.match(text) and self.current.kind == "paragraph":
            self.closing = True
            return True
        office = self._next_text(index + 1)
        signed = _SIGNER_RE.match(text) and not _DIVISION_RE.match(text) and _OFFICE_RE.match(office) \
            and not _FINITE_VERB_RE.search(office)
        if not (_CLOSING_RE.match(text) or signed) or not any(n.kind in ARTICLE_KINDS for n in self._open_nodes()):
            return False
        self.closing = self._previous_text(index).endswith((".", ";", ":"))
        return self.closing

    def _inline_paragraph(self, text: str) -> int | None:
        """Where a converter ran the next numbered paragraph into the text before it, the
        offset at which it starts; only the number that continues the article's paragraphs."""
        article: _Node | None = self.current
        while article is not None and article.kind != "article":
            article = article.parent
        last = article.last_child("paragraph") if article is not None else None
        if last is None:
            return None
        if not last.label.isdigit():  # "(1A)" subsections, "(a)" lettered paragraphs
            return None
        match = re.search(rf"(?<=[.;:])\s+({int(last.label) + 1})\.(?=\s+[A-Z]|\s*$)", text)
        return match.start() if match else None

    def _add_text(self, node: _Node, text: str, index: int, page: int | None):
        last = node.lines[-1] if node.lines else None
        if last is not None and (self.wrapped or re.search(r"[A-Za-zÀ-ÿ]-$", last) and text[:1].islower()):
            # a PDF's wrapped line; a text file's word hyphenated at its line's end (OCR's "recruit-" / "ment")
            node.lines[-1] = join_wrapped(last, text, self.vocab)
        elif last is not None and not last.startswith("- ") and _continues(last, text):
            node.lines[-1] = f"{last} {text}"
        else:
            node.lines.append(text)
        node.touch(index, page)

    def unglue_all(self, node: _Node | None = None):
        """Split words glued by tight justification, and join words split in two (`rejoin_split`),
        in every unit's text (PDF only)."""
        node = node or self.root
        if node.title:
            node.title, count = unglue(node.title, self.vocab)
            node.title, joined = rejoin_split(node.title, self.vocab)
            self.glued += count
            self.rejoined += joined
        for i, text in enumerate(node.lines):
            node.lines[i], count = unglue(text, self.vocab)
            node.lines[i], joined = rejoin_split(node.lines[i], self.vocab)
            self.glued += count
            self.rejoined += joined
        for child in node.children:
            self.unglue_all(child)

    # -- opening units --------------------------------------------------------------------

    def _open(self, kind: str, label: str, index: int, page: int | None, parent: _Node,
              text: str | None = None) -> _Node:
        if not self.started:
            self._finish_front()
            self.started = True
        node = _Node(kind, label, parent=parent)
        parent.children.append(node)
        node.touch(index, page)
        self.closing = False
        self.current = node
        self.footnote = None
        if text:
            text = text.strip()
            split = self._inline_paragraph(text)
            node.lines.append(text[:split].rstrip() if split else text)
            if split:
                rest = text[split:].lstrip()
                line = self.lines[index]
                if not self._structure(rest, line, index):
                    self._text(rest, line, index)
        return node

    def _finish_front(self):
        """The text before the first division: a preamble when it reads as one."""
        if self.started or not self.front:
            self.front = []
            return
        # Title lines come first ("Verdrag betreffende ...", "INTERNATIONAL LABOUR CONFERENCE",
        # "CONVENTION 97"): the preamble starts after the last line in capitals near the top.
        enacting = self._enacting_line()
        if enacting is not None:
            self._recitals(self.front[enacting:])
            self.front = []
            return
        front = self.front
        # (Not an enacting formula that ends a short preamble: "HAVE ADOPTED THIS DIRECTIVE:".)
        capitals = [n for n, (_, l) in enumerate(front[:8]) if re.fullmatch(r"[^a-z]{1,60}(?<!:)", l.text.strip())]
        if capitals:
            front = front[capitals[-1] + 1:]
        # ... and the lines above a "Preamble" heading on its own line are the title ("Council of
        # Europe Convention on ..." / "Preamble" / "The member States ...").
        named = next((n for n, (_, l) in enumerate(front[:12]) if _PREAMBLE_WORD_RE.fullmatch(l.text.strip())), None)
        if named:
            front = front[named:]
        # ... nor is the note of when it came into force ("[1 September 2020: Except sections 36(1) ... ;" /
        # "1 January 2021: Sections 36(1) and 44 to 47 ]"), as a consolidated Act prints it under its long title
        start = next((n for n, (_, l) in enumerate(front) if _DATE_LINE_RE.match(l.text.strip().lstrip("["))
                      and l.text.strip().startswith("[")), None)
        end = next((n for n, (_, l) in enumerate(front)
                    if start is not None and n >= start and l.text.strip().endswith("]")), None)
        if start is not None and end is not None:
            front = front[:start] + front[end + 1:]
        if has_words((line.text for _, line in front), 40 if named is None else 6):
            # an Act's long title ("An Act to amend ...") opens it: above are the title page's
            # printer, price and gazette lines, or a web page's version note
            front = front[next((n for n, (_, l) in enumerate(front) if _LONG_TITLE_RE.match(l.text.strip())), 0):]
            node = _Node("preamble", "", parent=self.root)
            self.root.children.append(node)
            target = node
            whereas = self._whereas(front)
            if whereas is not None and self.masthead:  # an EU act: the Official Journal's masthead
                front = self.front[self.masthead:]
                whereas = self._whereas(front)
            for n, (index, line) in enumerate(front):
                text = _PREAMBLE_WORD_RE.sub("", line.text.strip())
                if whereas is not None and n > whereas:
                    target, text = self._recital(node, target, text)
                self._add_text(target, text, index, line.page)
        self.front = []

    @staticmethod
    def _whereas(front: list[tuple[int, Line]]) -> int | None:
        """Where an EU act's recitals begin: its "Whereas:" line, when "(1)" follows."""
        for n, (_, line) in enumerate(front):
            if _WHEREAS_RE.match(line.text.strip()):
                following = front[n + 1][1].text.strip() if n + 1 < len(front) else ""
                return n if following.startswith("(1)") else None
        return None

    @staticmethod
    def _recital(preamble: _Node, target: _Node, text: str) -> tuple[_Node, str]:
        """The unit a line after "Whereas:" belongs to: recital N opens with "(N)"; the
        enacting formula in capitals ("HAVE ADOPTED THIS REGULATION:") is the preamble's."""
        match = _RECITAL_RE.match(text)
        if match and int(match.group(1)) == len(preamble.children) + 1:
            recital = _Node("recital", match.group(1), parent=preamble)
            preamble.children.append(recital)
            return recital, match.group(2)
        if not re.search(r"[a-zß-ÿ]", text):
            return preamble, text
        return target, text

    def _enacting_line(self) -> int | None:
        """In the front matter, the line "The General Assembly," that opens a preamble of
        comma-separated clauses (the next line opens the first clause), or its only clause,
        operative ("Adopts the following declaration ...:", the declaration's paragraphs after)."""
        for n, (_, line) in enumerate(self.front[:-1]):
            text, following = line.text.strip(), self.front[n + 1][1].text.strip()
            if _as_printed_in_lower_case(following) != following:  # "THE GENERAL ASSEMBLY," / "RECALLING ..."
                text, following = _as_printed_in_lower_case(text), _as_printed_in_lower_case(following)
            if speaking_organ(text, following) and (_PREAMBULAR_RE.match(following) or OPERATIVE_RE.match(following)):
                return n
        return None

    def _recitals(self, front: list[tuple[int, Line]]):
        """The preamble from its enacting line: each clause a recital, numbered in order."""
        node = _Node("preamble", "", parent=self.root)
        self.root.children.append(node)
        target, previous, operative = node, "", False
        for n, (index, line) in enumerate(front):
            text = line.text.strip()
            quoting = target is not node and _open_quotation(" ".join(target.lines))
            if (previous.endswith(_CLAUSE_END + (", and",)) or target is node) and not quoting:  # an ILO instrument's "..., and"
                if not operative and _PREAMBULAR_RE.match(_as_printed_in_lower_case(text)):
                    target = _Node("recital", str(len(node.children) + 1), parent=node)
                    node.children.append(target)
                elif (target is not node or n == 1) and OPERATIVE_RE.match(_as_printed_in_lower_case(text)):
                    # an unnumbered operative clause; the first after the organ: a resolution
                    # without a preamble, whose lines up to its numbered paragraphs are no recitals
                    target, operative = node, True
            self._add_text(target, text, index, line.page)
            previous = strip_notes(text).rstrip()

    def _division_parent(self, kind: str) -> _Node:
        node = self.current
        while node is not self.root and RANK[node.kind] >= RANK[kind]:
            node = node.parent or self.root  # (only the root has no parent)
        if node.kind not in DIVISION_PARENT_KINDS:
            node = self._nearest(node, DIVISION_PARENT_KINDS)
        return node

    def _article_parent(self) -> _Node:
        return self._division_parent("article")

    def _nearest(self, node: _Node, kinds) -> _Node:
        while node.kind not in kinds:
            assert node.parent is not None, f"no {kinds} above a {node.kind}"  # the root is one of them
            node = node.parent
        return node

    def _scope(self) -> _Node:
        """The container whose articles are numbered together: an annex, an appended
        instrument or the document."""
        return self._nearest(self.current, SCOPE_KINDS)

    def _last_article(self, scope: _Node) -> _Node | None:
        """The last article of `scope` in document order (inside its parts, chapters ...)."""
        return self._last_of(scope, "article")

    def _last_of(self, scope: _Node, kind: str) -> _Node | None:
        """The last unit of `kind` in `scope` in document order (inside its parts, chapters
        ...), found from the end: listing them all for each new article made a file of
        30,000 articles take 8 minutes."""
        for node in reversed(scope.children):
            if node.kind == kind:
                return node
            if node.kind in DIVISION_KINDS:
                found = self._last_of(node, kind)
                if found is not None:
                    return found
        return None

    def _next_article(self, label: str, deleted: int = 0) -> bool:
        """Whether article `label` continues the numbering, past `deleted` articles a consolidated
        text marks as deleted ("Article 2", "—————", "Article 4")."""
        article = self._last_article(self._scope())
        if re.fullmatch(r"\d+\.\d+", label):  # "Article 2.1" after "Article 1.3": numbered in its chapter
            return _follows_decimal(article, label) and (article is None or "." in article.label or label == "1.1")
        if article is None:
            return 1 <= _number(label) <= 1 + deleted
        last = article.label
        if label.endswith((" bis", " ter", " quater")) or re.fullmatch(r"\d+[a-z]", label):
            return _number(label) == _number(last)
        return 0 <= _number(label) - _number(last.split()[0]) - 1 <= deleted

    def _next_section(self, match: re.Match) -> bool:
        title = match.group(2)
        if title.endswith(".") or len(title.split()) > 14:
            return False
        sections = [n for n in self._all(self.root) if n.kind == "section"]
        want = (roman_to_int(sections[-1].label) or 0) + 1 if sections else 1
        return roman_to_int(match.group(1)) == want

    def _all(self, node: _Node):
        for child in node.children:
            yield child
            yield from self._all(child)

    def _in_article(self, node: _Node | None) -> bool:
        while node is not None:
            if node.kind == "article" or node.container:
                return True
            node = node.parent
        return False

    def _open_nodes(self, with_root: bool = False) -> Iterator[_Node]:
        """The current node and its ancestors, nearest first (the root only when asked)."""
        node: _Node | None = self.current
        while node is not None and (with_root or node.kind != "root"):
            yield node
            node = node.parent

    def _paragraph_parent(self, number: int) -> _Node | None:
        """The nearest container in which paragraph `number` continues the numbering."""
        for node in self._open_nodes(with_root=True):
            if node.kind in PARAGRAPH_PARENT_KINDS or node.container:
                last = node.last_child("paragraph")
                if last is not None:  # (after an inserted "1b.", "2.")
                    return node if re.fullmatch(r"\d+[a-z]?", last.label) and _number(last.label) + 1 == number else None
                if number == 1:
                    return node
                if not self._in_article(node) and number == self.last_paragraph + 1:
                    return node
                if number == 2 and node.kind == "article" and node.lines and node.last_child("point") is not None:
                    return node  # "2." after the lead-in and points of an unnumbered paragraph 1
                if node.kind == "article" or node.container:
                    return None
        return None

    def _point_parent(self, letter: str, deleted: int = 0) -> _Node | None:
        """The nearest container whose points `letter` continues; past `deleted` points a
        consolidated text marks as deleted ("(d)", "—————", "(f)")."""
        for node in self._open_nodes():
            # (an Act's schedule lists its items by letter: "SCHEDULE (Sections 7, 8 and 9)" / "(a) Keeping ...")
            if node.kind in POINT_PARENT_KINDS or node.kind == "appended" and node.label.startswith("Schedule"):
                last = node.last_child("point")
                if last is None:
                    return node if letter == "a" else None
                return node if 1 <= ord(letter) - ord(last.label) <= 1 + deleted else None
        return None

    def _deleted_before(self, index: int) -> int:
        """How many marks of a deleted unit ("—————") stand right above line `index`."""
        count = 0
        index -= 1
        while index >= self.start and (not self.lines[index].text.strip() or _DELETED_RE.match(self.lines[index].text.strip())):
            count += bool(self.lines[index].text.strip())
            index -= 1
        return count

    def _inserted_paragraph(self, match: re.Match, text: str, line: Line, index: int) -> bool:
        """"1a." after paragraph "1." of an article (then "1b."): a paragraph an amendment inserted,
        as a consolidated text prints it."""
        article = next((n for n in self._open_nodes() if n.kind == "article"), None) if self.started else None
        last = article.last_child("paragraph") if article is not None else None
        number, letter = match.group(1), match.group(2)
        if article is None or last is None or last.label not in ({number} if letter == "a" else {number + chr(ord(letter) - 1)}):
            return False
        self._open("paragraph", number + letter, index, line.page, article, match.group(3))
        return True

    def _subpoint_parent(self, numeral: str) -> _Node | None:
        for node in self._open_nodes():
            if node.kind in SUBPOINT_PARENT_KINDS:
                last = node.last_child("paragraph" if node.kind in BRACKETED_PARAGRAPH_PARENT_KINDS and numeral.isdigit()
                                       else "subpoint")
                want = _number(last.label) + 1 if last else 1
                if _number(numeral) == want:
                    return node
                if node.kind == "paragraph" and numeral.isdigit() and last is None and node.parent is not None \
                        and node.parent.kind in BRACKETED_PARAGRAPH_PARENT_KINDS:
                    continue  # "(2)" after the article's paragraph "(1)": try the article
                if node.kind != "point" or last is not None:
                    return None
        return None


@dataclass(frozen=True)
class Recogniser:
    """One way a line opens a unit (or titles one): which lines it reads, what they must
    match, and the builder's method that decides and opens the unit."""

    name: str
    lines: str  # "heading" (a Markdown or HTML heading), "body" (any other line), "pdf" (a PDF's body line), "any"
    pattern: re.Pattern | None  # None: the method reads the line itself
    accept: Callable[..., bool]  # _Builder method (builder, match, text, line, index) -> whether it took the line
    opens: str  # the kind of unit it opens, or "title" (it titles the current unit), "return" (to an earlier one)
    bare: bool = False  # matched against the line without its footnote calls

    def reads(self, line: Line, wrapped: bool) -> bool:
        if self.lines == "any":
            return True
        if self.lines == "heading":
            return line.heading > 0
        return line.heading == 0 and (self.lines == "body" or wrapped)


# The segmenter tries these in order on each line; the first that accepts it wins. A new
# numbering style is one new entry, placed before the entries it must win against.
RECOGNISERS = (
    # Headings (Markdown, HTML) first: they are trusted.
    Recogniser("act-after-memorandum", "heading", None, _Builder._act_after_memorandum, "return"),
    Recogniser("paragraph-heading", "heading", _PARAGRAPH_HEADING_RE, _Builder._paragraph_heading, "paragraph"),
    Recogniser("heading-as-title", "heading", None, _Builder._heading_as_title, "title"),
    Recogniser("appended", "heading", _APPENDED_RE, _Builder._appended, "appended"),
    Recogniser("appended-act", "heading", None, _Builder._appended_act, "appended"),
    Recogniser("titled-annex", "heading", _TITLED_ANNEX_RE, _Builder._titled_annex, "annex"),
    Recogniser("numbered-section", "heading", _NUMBERED_SECTION_RE, _Builder._numbered_section, "statute-section"),
    Recogniser("numbered-heading", "heading", _NUMBERED_HEADING_RE, _Builder._numbered_heading, "section"),
    Recogniser("lettered-heading", "heading", _LETTERED_HEADING_RE, _Builder._lettered_heading, "section"),
    # Annexes, divisions and articles, headed or on a bare line.
    Recogniser("annex", "any", _ANNEX_RE, _Builder._annex, "annex"),
    Recogniser("annexed-preamble", "any", _PREAMBLE_LINE_RE, _Builder._annexed_preamble, "preamble"),
    Recogniser("keyword-section", "any", _KEYWORD_SECTION_RE, _Builder._keyword_section, "statute-section"),
    Recogniser("division", "any", _DIVISION_RE, _Builder._division, "part, title, chapter or section"),
    Recogniser("lone-roman", "heading", _LONE_ROMAN_RE, _Builder._lone_roman, "chapter"),
    Recogniser("statute-group", "heading", _STATUTE_GROUP_RE, _Builder._statute_group, "division or subdivision"),
    Recogniser("article-with-text", "body", _ARTICLE_RE, _Builder._article_with_text, "article"),
    Recogniser("article", "any", _ARTICLE_RE, _Builder._article, "article"),
    # A PDF's national laws, Acts and gazettes.
    Recogniser("printed-article", "any", _PRINTED_ARTICLE_RE, _Builder._printed_article, "article", bare=True),
    Recogniser("titled-printed-article", "any", _TITLED_PRINTED_ARTICLE_RE, _Builder._titled_printed_article,
               "article", bare=True),
    Recogniser("chapter-in-words", "any", _WORD_CHAPTER_RE, _Builder._chapter_in_words, "chapter or part", bare=True),
    Recogniser("table", "body", _TABLE_RE, _Builder._table, "appended", bare=True),
    Recogniser("sign-section", "any", _SIGN_SECTION_RE, _Builder._sign_section, "statute-section", bare=True),
    Recogniser("separate-opinion", "pdf", _OPINION_RE, _Builder._separate_opinion, "appended", bare=True),
    Recogniser("document-end", "pdf", _DOCUMENT_END_RE, _Builder._document_end, "appended", bare=True),
    Recogniser("added-text-heading", "pdf", _LETTER_HEADING_RE, _Builder._added_text_heading, "paragraph", bare=True),
    Recogniser("added-text", "pdf", None, _Builder._added_text, "appended"),
    Recogniser("statute-group", "pdf", _STATUTE_GROUP_RE, _Builder._statute_group, "part, division or subdivision"),
    Recogniser("statute-section", "pdf", _STATUTE_SECTION_RE, _Builder._statute_section, "statute-section"),
    Recogniser("subsection", "body", _SUBSECTION_RE, _Builder._subsection, "paragraph"),
    Recogniser("noted-section", "body", _NOTED_SECTION_RE, _Builder._noted_section, "statute-section"),
    Recogniser("numbered-section", "body", _NUMBERED_SECTION_RE, _Builder._numbered_section, "statute-section"),
    Recogniser("lettered-section", "body", _Builder._LETTERED_SECTION_RE, _Builder._lettered_section, "article-section"),
    Recogniser("resolution-part", "any", _RESOLUTION_PART_RE, _Builder._resolution_part, "resolution-part"),
    # A paper's sections; a heading nothing above took titles the unit before it.
    Recogniser("section", "any", _SECTION_RE, _Builder._section, "section"),
    Recogniser("heading-title", "heading", None, _Builder._heading_title, "title"),
    # Numbered paragraphs, lettered points, roman sub-points, where their numbering continues.
    Recogniser("paragraph", "body", _PARAGRAPH_RE, _Builder._paragraph, "paragraph"),
    Recogniser("first-paragraph", "body", _PARAGRAPH_RE, _Builder._first_paragraph, "paragraph"),
    Recogniser("dated-paragraph", "body", _DATED_PARAGRAPH_RE, _Builder._dated_paragraph, "paragraph"),
    Recogniser("inserted-paragraph", "body", _INSERTED_PARAGRAPH_RE, _Builder._inserted_paragraph, "paragraph"),
    *(Recogniser("point", "body", regex, _Builder._point, "point") for regex in _POINT_RES),
    *(Recogniser("subpoint", "body", regex, _Builder._subpoint, "subpoint") for regex in _SUBPOINT_RES),
)


def _is_title(text: str) -> bool:
    """A heading's title: short, capitalised words ("Occupational Diseases", "Scope of Application")."""
    words = re.findall(r"[A-Za-z][\w'-]*", text)
    return 0 < len(words) <= 14 and text[:1].isupper() and \
        not any(w[:1].islower() for w in words if len(w) > 3) and not text.endswith((".", ",", ";", ":"))


_TITLED_APPENDED = ("Schedule", "Appendix", "Table", "Form")  # whose heading a title in capitals may follow


def _capital_title(text: str) -> bool:
    """A heading's line in capitals that no sentence or unit opens or ends: "DOMESTIC WORKERS PROFESSIONS"."""
    return bool(re.search(r"[A-Z]{2}", re.sub(r"\bNo\.", "", text))) and in_capitals(text) and len(text.split()) <= 12 \
        and not text.endswith((".", ",", ";", ":")) and not is_structural(text) and not _PARAGRAPH_RE.match(text)


def _is_short_title(text: str) -> bool:
    """A title line: its words capitalised ("Scope of Application"), or at most five words in
    sentence case that are no sentence (an EU act's "Subject matter")."""
    if not any(w[:1].islower() for w in re.findall(r"[A-Za-z][\w'-]{3,}", text)):
        return True
    return len(text.split()) <= 5 and _section_title(text) == text and not _SENTENCE_START_RE.match(text)


def _spaced_title(match: re.Match) -> bool:
    """Whether an `_ARTICLE_RE` match has its title after a space alone ("Article 1 Purpose")."""
    return match.group(3) is not None and not re.search(r"[.:\-–—]\s*$", match.string[:match.start(3)])


def _is_heading_text(text: str) -> bool:
    """A heading printed in sentence case ("Short title and commencement", "Anwendungsbereich"):
    capitalised, at most 14 words, without the punctuation that ends or runs on a sentence."""
    return text[:1].isupper() and len(text.split()) <= 14 and not text.endswith((".", ",", ";", ":")) and \
        not re.search(r"[.;:]\s", text) and not _LEAD_IN_RE.search(text)


# The end of a sentence's lead-in, a dash after its colon: "... Sri Lanka as follows:—", "as follows: -".
_LEAD_IN_RE = re.compile(r"[:;,]\s*[-—–]+$")


# The second line of an Act's section heading: a few words in lower case, no sentence's end.
_WRAPPED_HEADING_RE = re.compile(r"^(?:[a-z][\w,'’()-]*(?:\s+[\w,'’()-]+){0,8}(?:\s+etc\.)?|etc\.)$")


# The end of a run-in heading wrapped onto the next line, and the text after its dash:
# "etc.—(1) Where ...", "non-compoundable.—(1) The Code ...", "and festivals -- On any ...".
_RUN_IN_END_RE = re.compile(r"^([a-z][\w,'’()-]*(?:\s+[\w,'’()-]+){0,8}?(?:\s+etc)?)"
                            r"(?:\.\s*[-—–]+|\s*(?:-{2,}|[—–]+))\s*(\S.*)?$")


def _misprinted_title(text: str) -> bool:
    """A section's heading ending with a stop, with a stop misprinted for a comma inside it
    ("Refusal of passports, travel documents. etc."): a few words, no sentence."""
    inner = text[:-1].replace(". ", ", ")
    return text.endswith(".") and len(text.split()) <= 10 and text.count(". ") == 1 and \
        _section_title(inner + ".") is not None


def _marked_up_title(text: str) -> str | None:
    """A section's heading a page marks up as a heading (HTML "<h5>45 One or more unions proposing
    to initiate bargaining with 2 or more employers for single collective agreement</h5>"): as
    `_is_heading_text`, however many its words; None for a sentence."""
    ended = text.endswith((".", ",", ";", ":")) and not text.endswith(" etc.")  # ("... authorised area, etc.")
    return text if text[:1].isupper() and not ended and \
        not re.search(r"[.;]\s", text) else None  # ("69OAA False warranty: exempt employer")


def _ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence, also inside an amendment's closing bracket ("... thereof.]")
    or as the mark of text left out ("13[***]", "* * *"): a heading may follow it."""
    text = text.rstrip("] ")
    return text.endswith((".", ";", ":")) or bool(_OMITTED_RE.fullmatch(text))


# The mark of text an amendment left out: "[***]", "13[***]" (its note's call first), "* * *".
_OMITTED_RE = re.compile(r"\d{0,3}\[?(?:\*\s*){3,}")


def _section_title(text: str, line: Line | None = None) -> str | None:
    """A section's heading as an Act prints it on its own line: "Short title and commencement",
    or with a stop, "Short title." (at most ten words), which the title drops; None for a sentence.
    On a `line` a page marks up as a heading, however many its words (`_marked_up_title`)."""
    if _is_heading_text(text):
        return text
    if line is not None and line.heading and _marked_up_title(text):
        return text
    if text.endswith(".") and not text.endswith("..") and len(text.split()) <= 10 and _is_heading_text(text[:-1]) \
            and not _FINITE_VERB_RE.search(text) and not _SENTENCE_START_RE.match(text):
        return text if text.endswith(" etc.") else text[:-1]  # (an abbreviation keeps its stop: "Grant of licence, etc.")
    if text.endswith(".") and text.isupper() and len(text.split()) <= 14 and not re.search(r"[.:]\s", text):
        return text[:-1]  # a US law's "SHORT TITLE; TABLE OF CONTENTS."
    return None


# A sentence's finite verb or subject: "The present report is submitted.", "It covers the period
# from June." are no headings ("Act to have overriding effect.", "Registration of agencies." are).
_FINITE_VERB_RE = re.compile(r"\b(?:is|are|was|were|shall|will|may|must|has|had|can|should|would)\b", re.I)
_SENTENCE_START_RE = re.compile(r"^(?:It|The|This|These|Those|That|They|There|He|She|We|I|A|An|Such|Each|Every|No|"
                                r"Any|All|Its|Their)\s", re.I)


def _note_title(note: str | None) -> str | None:
    """A marginal note as a section's title: "Short title." -> "Short title" (an abbreviation
    keeps its stop: "... &c.", "... etc."). A note the PDF runs into the next, an inserted
    section's note in quotes ("... principal enactment.“Powers of"), ends at its stop."""
    if note and (glued := re.match(r"(.+?\.)\s*[“\"]\S", note)):
        note = glued.group(1)
    if note and note.endswith(".") and not note.endswith((" etc.", "&c.")):
        return note[:-1]
    return note


def _run_in_heading(text: str, text_follows: bool) -> bool:
    """A heading run in before a colon, its text after it starting with a capital or "(1)":
    "Short title and commencement", "Order may be issued to End the Strike"; never a sentence's
    start ("The following shall apply:", "Each employer must keep:"). Alone on its line, a
    heading's words are capitalised ("Business of Hotel, Travel, Trekking etc:")."""
    return len(text.split()) <= 14 and _is_heading_text(text) and not _SENTENCE_START_RE.match(text) \
        and (text_follows or _is_title(text))


def _plain_text(text: str) -> bool:
    """A line of plain text: a sentence's start, not a numbered unit's or a heading's."""
    return text[:1].isupper() and not (_PARAGRAPH_RE.match(text) or _NUMBERED_SECTION_RE.match(text)
                                       or is_structural(text))


def _label_end(text: str) -> str:
    """How a numbered line prints the end of its number: "1. Short title." gives ". ", "5  Interpretation" "  "."""
    match = re.match(r"\d+[A-Z]*(\.?\s*)", text)
    return match.group(1) if match else ""


def _follows(last: "_Node | None", label: str) -> bool:
    """Whether subsection `label` comes next after `last`: (1), (2); (1), (1A), (1B), (2)."""
    this = re.match(r"(\d+)([A-Z]*)", label)
    if last is None or this is None:
        return label == "1"
    before = re.match(r"(\d+)([A-Z]*)", last.label)
    if before is None:
        return False
    (number, letters), (last_number, last_letters) = this.groups(), before.groups()
    if int(number) == int(last_number) + 1:
        return not letters
    return int(number) == int(last_number) and letters > last_letters and \
        (len(letters) > len(last_letters) or letters[-1:] > last_letters[-1:])


def _follows_decimal(last: "_Node | None", label: str) -> bool:
    """Whether bylaws' section `label` ("2.03": article 2, its section 3) comes next after
    `last`: the first one of its article ("2.01"), or the next in it or in the next article."""
    this = re.match(r"(\d+)\.(\d+)", label)
    before = re.match(r"(\d+)\.(\d+)", last.label) if last is not None else None
    if this is None:
        return False
    major, minor = int(this.group(1)), int(this.group(2))
    if before is None:
        return minor == 1
    return (major, minor) in ((int(before.group(1)), int(before.group(2)) + 1), (int(before.group(1)) + 1, 1))


def _inline_article_text(rest: str | None) -> str | None:
    """The text printed after an article number on the same line, if it is text and not a
    title: after a dash ("Art. 1.- This law ...", "Artículo 3.– Los ...") or a sentence of
    eight words or more ending in a stop ("Article 2. A foreign worker is ... employer.")."""
    if not rest:
        return None
    if re.match(r"^[-–—]\s*\S", rest):
        return re.sub(r"^[-–—]\s*", "", rest)
    if len(rest.split()) >= 8 and rest.rstrip().endswith((".", ";", ":")):
        return rest
    if len(rest.split()) >= 3 and rest.rstrip().endswith(".") and \
            (_FINITE_VERB_RE.search(rest) or _SENTENCE_START_RE.match(rest)):
        return rest  # a short sentence: "Art. 2. An agency shall hold a licence."
    return None


def _continues(previous: str, text: str) -> bool:
    """A logical line that goes on with the previous one (text cut by a page break)."""
    return text[:1].islower() and not previous.rstrip().endswith((".", ";", ":", "?", "!"))


def _roman_label(label: str) -> str:
    """A division's label: "II", "3", "B"; a French ordinal first ("Ier", "1er", "premier") is "I" or "1"."""
    if re.fullmatch(r"premi[eè]re?", label, re.I):
        return "I"
    label = re.sub(r"(?<=[IVXLC\d])(?:er|re)$", "", label)
    return label.upper() if roman_to_int(label) else label


def _article_label(match: re.Match) -> str:
    """An `_ARTICLE_RE` match's label: "6", "III bis", "14a"; an ordinal first article
    ("premier", "1er", "1o.", "1º") is "1", an article numbered in words ("Four") its number."""
    label = match.group(1)
    label = number_in_words(label) if label.lower() in NUMBER_WORDS else ordinal_number(label)
    return label + (f" {match.group(2).lower()}" if match.group(2) else "")


def _number(label: str) -> int:
    head = label.split()[0]
    digits = re.match(r"\d+", head)  # "14a": an article inserted after 14
    return int(digits.group(0)) if digits else (roman_to_int(head) or 0)


# -- the tree -> passages --------------------------------------------------------------------

_PREFIX = {"article-section": "{}. ", "paragraph": "{}. ", "point": "({}) ", "subpoint": "({}) "}
# Runs of spaces and tabs made one space, matched only where one space is not already there:
# a match per word would make a list of every word of a line (a 47 MB line, 570 MB).
_BLANKS_RE = re.compile(r"[ \t]{2,}|\t")


def _inline_notes(node: _Node) -> list[tuple[str, str]]:
    """(label, text) of each footnote printed inside the unit's own text (the GATS files')."""
    return INLINE_NOTE_RE.findall("\n".join(node.lines))


def _passages(root: _Node, doc_id: str, lang: str, offsets, lines, order: int) -> list[Passage]:
    out: list[Passage] = []
    anchors: dict[str, str] = {}

    def own_text(node: _Node) -> str:
        return _BLANKS_RE.sub(" ", strip_notes("\n".join(node.lines))).strip()

    def full_text(node: _Node) -> str:
        parts = [own_text(node)] if node.lines else []
        if node.kind in TEXT_HOLDING_KINDS:
            for child in node.children:
                if child.kind in _PREFIX:
                    # an Act's subsections and a lettered section's paragraphs are printed "(1)", an article's "1."
                    bracketed = node.kind in BRACKETED_PARAGRAPH_KINDS and child.kind == "paragraph"
                    prefix = "({}) " if bracketed else _PREFIX[child.kind]
                    parts.append(prefix.format(child.label) + full_text(child))
        return "\n".join(p for p in parts if p)

    def pages_of(node: _Node) -> set[int]:
        pages = set(node.pages)
        if node.kind in PROVISION_KINDS:
            for child in node.children:
                pages |= pages_of(child)
        return pages

    def span(node: _Node) -> tuple[int, int]:
        first, last = node.first_line, node.last_line
        for child in node.children:
            if node.kind in PROVISION_KINDS and child.last_line is not None:
                last = child.last_line if last is None else max(last, child.last_line)
        return offsets[first][0], offsets[last][1]

    used: set[str] = set()

    def walk(node: _Node, path: tuple[PathStep, ...]):
        nonlocal order
        for child in node.children:
            step = PathStep(child.kind, child.label)
            child_path = (step,) if child.kind == "footnote" and node is root else path + (step,)
            while passage_id(doc_id, child_path, lang) in used:  # a number printed twice
                step = PathStep(step.kind, step.label, step.occurrence + 1)
                child_path = child_path[:-1] + (step,)
            used.add(passage_id(doc_id, child_path, lang))
            text = full_text(child)
            for label in MARKER_RE.findall("\n".join(child.lines)):
                if not anchors.get(label):
                    anchors[label] = passage_id(doc_id, child_path, lang)
            start, end = span(child)
            title = " ".join(strip_notes(child.title).split()) if child.title else None
            out.append(Passage(doc_id, child_path, text, order, lang, title,
                               tuple(sorted(pages_of(child))), start, end))
            order += 1
            for label, note in _inline_notes(child):
                note_path = child_path + (PathStep("footnote", label),)
                out.append(Passage(doc_id, note_path, " ".join(note.split()), order, lang, None,
                                   tuple(sorted(child.pages)), start, end,
                                   anchor=passage_id(doc_id, child_path, lang)))
                order += 1
            walk(child, child_path)

    walk(root, ())
    # Page-bottom footnotes learn their anchor once the whole text has been walked.
    return [
        Passage(p.doc_id, p.path, p.text, p.order, p.lang, p.title, p.pages, p.start, p.end,
                anchors.get(p.label) or None)
        if p.kind == "footnote" and len(p.path) == 1 else p
        for p in out
    ]
