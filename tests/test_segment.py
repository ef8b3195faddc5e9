import dataclasses
import re
from collections import Counter

import pytest

import lexmig.indexer.segment as segmenter
from lexmig.indexer.citation import pinpoint
from lexmig.indexer.readers import read_file, read_markdown
from lexmig.indexer.segment import RECOGNISERS, segment
from tests.conftest import corpus_path, source_file


def units(doc_id: str, path=None):
    return segment(read_file(path or source_file(doc_id)), doc_id).passages


def labels(passages, kind, lang="en"):
    return [p.label for p in passages if p.kind == kind and p.lang == lang]


def arabic(n):
    return [str(i) for i in range(1, n + 1)]


ROMAN_I_XXIX = ("I II III IV V VI VII VIII IX X XI XII XIII XIV XV XVI XVII XVIII XIX XX XXI "
                "XXII XXIII XXIV XXV XXVI XXVII XXVIII XXIX").split()


@pytest.mark.parametrize("doc_id, kind, expected", [
    ("c118", "article", arabic(21)),
    ("c181", "article", arabic(24)),
    ("c189", "article", arabic(27)),
    ("c189", "preamble", [""]),
    ("ets093", "article", arabic(38)),
    ("smuggling-protocol", "article", arabic(25)),
    ("trafficking-protocol", "article", arabic(20)),
    ("iom-constitution", "article", arabic(31)),
    ("c088", "article", arabic(22)),
    ("gats-mnp", "paragraph", arabic(4)),
    ("gats-mnp-decision", "paragraph", arabic(4)),
])
def test_expected_units_per_document(doc_id, kind, expected):
    assert labels(units(doc_id), kind) == expected


def test_gats_has_32_roman_articles_with_bis_articles_in_six_parts():
    found = units("gats")
    expected = ROMAN_I_XXIX[:]
    for after, bis in (("III", "III bis"), ("V", "V bis"), ("XIV", "XIV bis")):
        expected.insert(expected.index(after) + 1, bis)
    assert labels(found, "article") == expected and len(expected) == 32
    assert labels(found, "part") == ["I", "II", "III", "IV", "V", "VI"]
    article = next(p for p in found if p.passage_id == "gats/art-xxvii")
    assert article.title == "DENIAL OF BENEFITS"
    assert [s.kind for s in article.path] == ["part", "article"]


def test_c097_has_preamble_23_articles_and_three_annexes_in_both_languages():
    found = units("c097")
    for lang in ("en", "nl"):
        articles = [p for p in found if p.kind == "article" and p.lang == lang]
        assert len(articles) == 46
        annexes = Counter(next((s.label for s in p.path if s.kind == "annex"), "-") for p in articles)
        assert annexes == {"-": 23, "I": 8, "II": 13, "III": 2}
        assert labels(found, "preamble", lang) == [""]
    assert [p.passage_id for p in found if p.kind == "annex"] == [
        "c097/annex-1", "c097/annex-2", "c097/annex-3", "c097/nl/annex-1", "c097/nl/annex-2", "c097/nl/annex-3"]
    dutch = next(p for p in found if p.passage_id == "c097/nl/art-9")
    assert dutch.text.startswith("Elk Lid, waarvoor dit Verdrag van kracht is")


def test_languages_are_never_mixed():
    found = units("c097")
    english = " ".join(p.text for p in found if p.lang == "en")
    dutch = " ".join(p.text for p in found if p.lang == "nl")
    assert " betreffende " not in english and " the " not in dutch


@pytest.mark.parametrize("doc_id, chapters, titled", [
    ("ets093", ["I", "II", "III", "IV", "V", "VI"], 38),
    ("smuggling-protocol", ["I", "II", "III", "IV"], 25),
    ("iom-constitution", ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"], 0),
])
def test_articles_sit_in_chapters_with_their_titles(doc_id, chapters, titled):
    found = units(doc_id)
    assert labels(found, "chapter") == chapters
    articles = [p for p in found if p.kind == "article" and p.lang == "en"]
    assert articles and all(p.path[0].kind == "chapter" for p in articles)
    assert sum(1 for p in articles if p.title) == titled


def test_ets093_article_12_is_family_reunion():
    article = next(p for p in units("ets093") if p.passage_id == "ets093/art-12")
    assert article.title == "Family reunion"
    assert [s.label for s in article.path] == ["III", "12"]


C097_RENDERINGS = ["renderings/c097-en-libreoffice.pdf", "renderings/c097-en-twocolumn-latex.pdf",
                   "renderings/c097-en-webpage.html"]


@pytest.mark.parametrize("rendering", C097_RENDERINGS)
def test_c097_renderings_give_the_same_units_and_text(rendering):
    """Every unit (46 articles, their paragraphs, points and sub-points), with the same
    text modulo whitespace and hyphenation, whatever the rendering."""
    def squeeze(text):
        return re.sub(r"\s+", "", text)

    source = {p.passage_id: squeeze(p.text) for p in units("c097") if p.lang == "en"}
    other = {p.passage_id: squeeze(p.text) for p in units("c097", corpus_path("c097", rendering))}
    assert len(source) == 178
    assert list(other) == list(source)
    assert other == source


def test_pdf_passages_record_their_pages():
    found = {p.passage_id: p for p in units("c097", corpus_path("c097", C097_RENDERINGS[0]))}
    assert found["c097/art-1"].pages == (1,)
    assert found["c097/art-6"].pages == (2, 3)
    assert found["c097/annex-3/art-2"].page == 16


def test_two_column_pdf_hyphenation_and_glued_words_are_repaired():
    found = {p.passage_id: p.text for p in units("c097", corpus_path("c097", C097_RENDERINGS[1]))}
    assert "Revised 1949" in found["c097/preamble"]  # "Re-\nvised"
    assert "act in co-operation with" in found["c097/art-3"]  # "co-\noperation" elsewhere keeps its hyphen
    assert "other services connected with migration will co-operatein" in found["c097/art-7"]


NOTE_ANCHORS = {"1": "1", "2": "2", "3": "2", "4": "3", "5": "8", "6": "8", "7": "18", "8": "20", "9": "22"}


@pytest.mark.parametrize("path", ["", "renderings/issues-note-latex.pdf"])
def test_note_sections_paragraphs_and_anchored_footnotes(path):
    found = units("ecosoc-2006-rt6", corpus_path("ecosoc-2006-rt6", path) if path else None)
    assert labels(found, "section") == ["I", "II", "III", "IV", "V"]
    assert labels(found, "paragraph") == arabic(25)
    assert sorted(labels(found, "footnote"), key=int) == arabic(9)
    assert labels(found, "preamble") == []
    anchors = {p.label: p.anchor for p in found if p.kind == "footnote"}
    assert anchors == {fn: f"ecosoc-2006-rt6/para-{para}" for fn, para in NOTE_ANCHORS.items()}
    sections = {p.label: p.title for p in found if p.kind == "section"}
    assert sections["III"] == "Protection of migrant workers"


def test_note_paragraph_22_is_one_passage_across_the_page_break_and_footnote_block():
    found = {p.passage_id: p for p in units("ecosoc-2006-rt6")}
    para = found["ecosoc-2006-rt6/para-22"]
    assert para.pages == (4, 5)
    assert "regional and bilateral levels, also can contribute to a global regime" in para.text
    assert para.text.endswith("on temporary migration, trade and development.")
    assert "op.cit" not in para.text


def test_note_footnote_3_gets_back_the_url_that_opens_page_2():
    found = {p.passage_id: p for p in units("ecosoc-2006-rt6")}
    fn3 = found["ecosoc-2006-rt6/fn-3"]
    assert fn3.text.endswith("Davos (25 January 2006) http://www.ilo.org/public/english/bureau/dgo/speeches/somavia/2006/davos.pdf")
    assert fn3.pages == (1, 2)


def test_note_bullets_belong_to_their_paragraph_and_markers_leave_the_text():
    found = {p.passage_id: p for p in units("ecosoc-2006-rt6")}
    para13 = found["ecosoc-2006-rt6/para-13"].text
    assert para13.count("\n- ") == 4
    assert "state sovereignty. Yet globalization" in found["ecosoc-2006-rt6/para-1"].text


def test_inline_footnote_of_gats_mnp_is_a_child_of_paragraph_4():
    found = units("gats-mnp")
    note = found[-1]
    assert note.passage_id == "gats-mnp/para-4/fn-1"
    assert note.anchor == "gats-mnp/para-4"
    assert note.text.startswith("The sole fact of requiring a visa")
    assert "visa" not in found[-2].text


def test_database_boilerplate_lines_are_removed():
    seg = segment(read_file(source_file("c189")), "c189")
    assert seg.stats["boilerplate_lines_removed"] == 28
    assert not any("Treedt in werking" in p.text for p in seg.passages)


@pytest.mark.parametrize("lines, expected", [
    (["### Article 1", "1.This applies.", "2.That too."], ["x/art-1", "x/art-1/1", "x/art-1/2"]),
    (["### Article 1", "Chapeau:", "(a)information;", "(b)more;"], ["x/art-1", "x/art-1/a", "x/art-1/b"]),
    (["### Article 1", "1. Chapeau:", "a) one;", "i) sub;", "ii) sub;", "b) two."],
     ["x/art-1", "x/art-1/1", "x/art-1/1/a", "x/art-1/1/a/i", "x/art-1/1/a/ii", "x/art-1/1/b"]),
    (["### ARTICLE XXVII", "Text.", "### Article XXVII bis", "Text."], ["x/art-xxvii", "x/art-xxvii-bis"]),
    (["### Article 1", "Text (b) of Article 19.", "(b) of Article 19 is not a point."], ["x/art-1"]),
    (["### Article 1", "1. One.", "3. Not a paragraph: 2 is missing."], ["x/art-1", "x/art-1/1"]),
    (["### PART II", "####TITLE", "### Article 4", "Text."], ["x/part-ii", "x/art-4"]),
    (["### Article 1"] + [f"({c})x" for c in "abcdefghi"], ["x/art-1"] + [f"x/art-1/{c}" for c in "abcdefghi"]),
    (["### Article 1", "(a)x", "(i)sub", "(ii)sub"], ["x/art-1", "x/art-1/a", "x/art-1/a/i", "x/art-1/a/ii"]),
])
def test_structure_recognition(lines, expected):
    seg = segment(read_markdown("\n\n".join(lines)), "x")
    assert [p.passage_id for p in seg.passages] == expected


@pytest.mark.parametrize("marker", ["Art. {n}.- ", "Article {n}. ", "Artículo {n}.– "])
def test_an_article_printed_with_its_text_on_the_heading_line_is_an_article(marker):
    # National codes print "Art. 1.- This law ..."; a title-like rest ("Article 2. Scope") is
    # a title, and an article number that does not continue the numbering stays text.
    sentences = ["This law governs the employment of foreign workers in the territory of the State.",
                 "For the purposes of this law a foreign worker is any person who works for an employer.",
                 "No employer may employ a foreign worker who does not hold a valid work permit."]
    lines = ["LAW ON FOREIGN WORKERS", ""]
    for n, sentence in enumerate(sentences, 1):
        lines += [marker.format(n=n) + sentence, ""]
    lines += [marker.format(n=7) + "This line does not continue the numbering of the articles above.", ""]
    passages = segment(read_markdown("\n".join(lines)), "law").passages
    assert [(p.passage_id, p.text) for p in passages] == [
        ("law/art-1", sentences[0]), ("law/art-2", sentences[1]),
        ("law/art-3", sentences[2] + "\n" + marker.format(n=7) +
         "This line does not continue the numbering of the articles above.")]


# -- the table of recognisers ----------------------------------------------------------------

def test_recognisers_are_tried_in_this_order():
    assert [(r.name, r.lines) for r in RECOGNISERS] == [
        ("act-after-memorandum", "heading"), ("paragraph-heading", "heading"), ("heading-as-title", "heading"),
        ("appended", "heading"), ("appended-act", "heading"), ("titled-annex", "heading"), ("numbered-section", "heading"),
        ("numbered-heading", "heading"), ("lettered-heading", "heading"),
        ("annex", "any"), ("annexed-preamble", "any"), ("keyword-section", "any"), ("division", "any"),
        ("lone-roman", "heading"), ("statute-group", "heading"),
        ("article-with-text", "body"), ("article", "any"), ("printed-article", "any"),
        ("titled-printed-article", "any"), ("chapter-in-words", "any"), ("table", "body"), ("sign-section", "any"),
        ("separate-opinion", "pdf"), ("document-end", "pdf"), ("added-text-heading", "pdf"),
        ("added-text", "pdf"), ("statute-group", "pdf"), ("statute-section", "pdf"), ("subsection", "body"),
        ("noted-section", "body"), ("numbered-section", "body"), ("lettered-section", "body"),
        ("resolution-part", "any"), ("section", "any"),
        ("heading-title", "heading"), ("paragraph", "body"), ("first-paragraph", "body"), ("dated-paragraph", "body"),
        ("inserted-paragraph", "body"),
        ("point", "body"), ("point", "body"), ("point", "body"),
        ("subpoint", "body"), ("subpoint", "body"), ("subpoint", "body")]


@pytest.mark.parametrize("path, opened", [
    (("c097", "BWBV0005528_README.md"),
     {"heading-title": 9, "annex": 6, "article": 92, "paragraph": 135, "point": 98, "subpoint": 16}),
    (("c097", "renderings", "c097-en-libreoffice.pdf"),
     {"annex": 3, "article": 46, "paragraph": 66, "point": 51, "subpoint": 11}),
])
def test_which_recogniser_takes_the_lines_of_a_real_file(monkeypatch, path, opened):
    """Each entry is a plain record: wrapping its method counts the lines it takes."""
    counts: dict[str, int] = {}

    def counting(recogniser):
        def accept(builder, *args):
            took = recogniser.accept(builder, *args)
            counts[recogniser.name] = counts.get(recogniser.name, 0) + took
            return took
        return dataclasses.replace(recogniser, accept=accept)

    monkeypatch.setattr(segmenter, "RECOGNISERS", tuple(counting(r) for r in segmenter.RECOGNISERS))
    segment(read_file(corpus_path(*path)), "c097")
    assert {name: n for name, n in counts.items() if n} == opened


def test_a_new_numbering_style_is_one_new_entry(monkeypatch):
    """"Rule 1", "Rule 2" open articles once one entry says so; before, they are text."""
    text = "# Rules of procedure\n\nRule 1\n\nThe Committee shall meet once a year.\n\nRule 2\n\nIt elects its chair."
    before = segment(read_markdown(text), "rules").passages
    assert [p.passage_id for p in before] == []

    def open_rule(builder, match, text, line, index):
        builder._open("article", match.group(1), index, line.page, builder._article_parent())
        return True

    rule = segmenter.Recogniser("rule", "body", re.compile(r"^Rule (\d+)$"), open_rule, "article")
    at = [r.name for r in RECOGNISERS].index("section")
    monkeypatch.setattr(segmenter, "RECOGNISERS", RECOGNISERS[:at] + (rule,) + RECOGNISERS[at:])
    after = segment(read_markdown(text), "rules").passages
    assert [(p.passage_id, p.text) for p in after] == [
        ("rules/art-1", "The Committee shall meet once a year."), ("rules/art-2", "It elects its chair.")]


def test_the_next_article_is_checked_against_the_last_one_even_inside_chapters():
    # Each new article listed every earlier one (a file of 30,000 articles took 8 minutes):
    # now the last one is found from the end, through the chapters that hold it.
    chapters = []
    for chapter in range(1, 41):
        articles = "".join(f"Article {n}\n\nThe Member shall apply measure {n}.\n\n"
                           for n in range(chapter * 100 - 99, chapter * 100 + 1))
        chapters.append(f"Chapter {chapter}\n\n{articles}")
    text = "".join(chapters) + "Article 4002\n\nA number that skips one is text, not an article.\n"
    passages = segment(read_markdown(text), "many").passages
    articles = [p for p in passages if p.kind == "article"]
    assert len(articles) == 4000 and articles[-1].passage_id == "many/art-4000"
    assert [s.kind for s in articles[-1].path] == ["chapter", "article"]
    assert articles[-1].text.endswith("measure 4000.\nArticle 4002\nA number that skips one is text, not an article.")


# -- national laws' numbering styles (text written for these tests) ----------------------------

ACT_SECTIONS = """MIGRANT WORKERS (PROTECTION) ACT

PART I
PRELIMINARY

1. Short title and commencement
(1) This Act may be cited as the Migrant Workers (Protection) Act.
(2) This Act comes into force on a date appointed by the Minister.

2. Interpretation
In this Act a recruitment agency means a person licensed to place workers abroad.

PART II
RECRUITMENT

3. Contracts
(1) Every migrant worker shall be given a written contract in a language the worker understands.
(2) The contract shall state—
(a) the wages payable;
(b) the hours of work.
"""
RUN_IN_SECTIONS = """THE EMIGRATION ACT

1. Short title, extent and commencement.—(1) This Act may be called the Emigration Act.
(2) It extends to the whole of the country.

2. Definitions.—(1) In this Act, unless the context otherwise requires,—
(a) "emigrant" means any citizen who intends to emigrate;
(b) "employer" means a person who employs emigrants.

3. Protector General of Emigrants.—The Government may appoint a Protector General of Emigrants.
"""
KEYWORD_SECTIONS = """AN ACT INSTITUTING THE POLICIES OF OVERSEAS EMPLOYMENT

SECTION 1. Short Title. - This Act shall be known as the Overseas Workers Act.

SEC. 2. Declaration of Policies. -
(a) The State shall protect the dignity of its citizens working abroad.
(b) The State shall afford full protection to labour at home and abroad.

Sec. 3. Definitions. - For purposes of this Act an overseas worker is a person engaged in remunerated work abroad.
"""
SIGN_SECTIONS = """Gesetz über die Beschäftigung ausländischer Arbeitnehmer

§ 1 Anwendungsbereich
(1) Dieses Gesetz gilt für ausländische Arbeitnehmer.
(2) Es gilt nicht für Seeleute.

§ 2 Gleichbehandlung
Ausländische Arbeitnehmer haben Anspruch auf gleiches Entgelt.
"""
REGULATIONS = """The Work Permit Regulations

Citation
1. These Regulations may be cited as the Work Permit Regulations.

Interpretation
2.—(1) In these Regulations a permit means a work permit.
(2) A reference to an employer includes a recruitment agency.

3.—(1) An application must be made in writing.
"""
FIRST_ARTICLES = """Loi relative aux travailleurs migrants

{first}
La présente loi s'applique aux travailleurs migrants et aux membres de leur famille.

Article 2
Tout employeur remet au travailleur un contrat écrit.
"""
GULF_ARTICLES = """Federal Law on Domestic Workers

Article (1)
Definitions
In the application of this Law the following words have the meanings set forth.

Article (2)
Recruitment
1. No agency may recruit a worker without a licence.
2. The agency shall not charge the worker any fee.
"""


@pytest.mark.parametrize("text, expected", [
    (ACT_SECTIONS, [("part-i", "PRELIMINARY"), ("s-1", "Short title and commencement"), ("s-1/1", None),
                    ("s-1/2", None), ("s-2", "Interpretation"), ("part-ii", "RECRUITMENT"), ("s-3", "Contracts"), ("s-3/1", None),
                    ("s-3/2", None), ("s-3/2/a", None), ("s-3/2/b", None)]),
    (RUN_IN_SECTIONS, [("s-1", "Short title, extent and commencement"), ("s-1/1", None), ("s-1/2", None),
                       ("s-2", "Definitions"), ("s-2/1", None), ("s-2/1/a", None), ("s-2/1/b", None),
                       ("s-3", "Protector General of Emigrants")]),
    (KEYWORD_SECTIONS, [("s-1", "Short Title"), ("s-2", "Declaration of Policies"), ("s-2/a", None),
                        ("s-2/b", None), ("s-3", "Definitions")]),
    (SIGN_SECTIONS, [("de/s-1", "Anwendungsbereich"), ("de/s-1/1", None), ("de/s-1/2", None),
                     ("de/s-2", "Gleichbehandlung")]),
    (REGULATIONS, [("s-1", "Citation"), ("s-2", "Interpretation"), ("s-2/1", None), ("s-2/2", None), ("s-3", None),
                   ("s-3/1", None)]),
    (GULF_ARTICLES, [("art-1", "Definitions"), ("art-2", "Recruitment"), ("art-2/1", None), ("art-2/2", None)]),
])
def test_national_laws_sections_and_articles_in_a_text_file(text, expected):
    # An Act's sections as Commonwealth, Philippine and German laws print them, a statutory
    # instrument's "2.—(1)", a Gulf law's "Article (1)": before, each was refused ("no legal
    # structure") or cut into paragraphs whose citations were wrong ("para. 3(a)" for s. 3(2)(a)).
    passages = segment(read_markdown(text), "act").passages
    assert [(p.passage_id.removeprefix("act/"), p.title) for p in passages] == expected


def test_a_section_run_in_after_its_heading_keeps_its_text_and_cites_its_subsections():
    passages = {p.passage_id: p for p in segment(read_markdown(RUN_IN_SECTIONS), "act").passages}
    assert passages["act/s-1/1"].text == "This Act may be called the Emigration Act."
    assert passages["act/s-3"].text == "The Government may appoint a Protector General of Emigrants."
    assert pinpoint(passages["act/s-2/1/a"].path) == "section 2(1)(a)"


def test_a_codes_articles_with_their_heading_run_in():
    # "ART. 1. Name of Decree. - This Decree ...": before, no legal structure was found.
    text = ("LABOUR CODE\n\nART. 1. Name of Decree. - This Decree shall be known as the Labour Code.\n\n"
            "ART. 2. Declaration of basic policy. - The State shall afford protection to labour.\n")
    passages = segment(read_markdown(text), "code").passages
    assert [(p.passage_id, p.title, p.text) for p in passages] == [
        ("code/art-1", "Name of Decree", "This Decree shall be known as the Labour Code."),
        ("code/art-2", "Declaration of basic policy", "The State shall afford protection to labour.")]


@pytest.mark.parametrize("first", ["Article premier", "Article 1er", "Art. 1er", "ARTICLE PREMIER", "Artículo 1o.",
                                   "Art. 1º"])
def test_the_first_article_printed_as_an_ordinal_is_article_1(first):
    passages = segment(read_markdown(FIRST_ARTICLES.format(first=first)), "loi").passages
    assert [(p.passage_id, p.text[:22]) for p in passages] == [
        ("loi/fr/art-1", "La présente loi s'appl"), ("loi/fr/art-2", "Tout employeur remet a")]


def test_an_eu_acts_section_of_articles_stays_a_division():
    text = ("REGULATION ON WORKERS\n\nSection 1\n\nGeneral provisions\n\nArticle 1\n\nThis Regulation applies "
            "to workers.\n\nSection 2 — Permits\n\nArticle 2\n\nA permit is issued for one year.\n")
    passages = segment(read_markdown(text), "reg").passages
    assert [p.passage_id for p in passages] == ["reg/sec-1", "reg/art-1", "reg/sec-2", "reg/art-2"]


@pytest.mark.parametrize("text, expected", [
    (ACT_SECTIONS, ["part-i", "s-1", "s-1/1", "s-1/2", "s-2", "part-ii", "s-3", "s-3/1", "s-3/2", "s-3/2/a",
                    "s-3/2/b"]),
    (RUN_IN_SECTIONS, ["s-1", "s-1/1", "s-1/2", "s-2", "s-2/1", "s-2/1/a", "s-2/1/b", "s-3"]),
    (KEYWORD_SECTIONS, ["s-1", "s-2", "s-2/a", "s-2/b", "s-3"]),
])
def test_national_laws_sections_in_a_pdf(tmp_path, text, expected):
    passages = segment(read_file(pdf_of(text, tmp_path / "act.pdf")), "act").passages
    assert [p.passage_id.removeprefix("act/") for p in passages] == expected


def html_passages(page: str, tmp_path, doc_id: str):
    """The passages of a web page `page`, saved and read as `lexmig add` reads it."""
    (tmp_path / f"{doc_id}.html").write_text(page, encoding="utf-8")
    return segment(read_file(tmp_path / f"{doc_id}.html"), doc_id).passages


def pdf_of(text: str, path):
    """A PDF of `text`, one printed line per line (long ones wrapped), as a text layer."""
    from fpdf import FPDF  # installed with ocrmypdf (the test extra's OCR tools)

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)  # a core font: Latin-1, so the dashes are printed "-"
    for line in text.replace("—", "-").replace("–", "-").splitlines():
        pdf.multi_cell(0, 6, line or " ", new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_an_acts_sections_as_html_headings(tmp_path):
    # legislation sites print "1 Short title" (or "1. Short title") as a heading above the
    # subsections, and "Part 1 Preliminary" with no dash; before, the page had "no legal structure".
    page = ("<html><body><h1>Migrant Workers Act</h1><h2>Part 1 Preliminary</h2><h3>1 Short title</h3>"
            "<p>(1) This Act may be cited as the Migrant Workers Act.</p><p>(2) It comes into force on 1 July.</p>"
            "<h3>2. Interpretation</h3><p>In this Act an employer is a person who employs a worker.</p>"
            "<h2>Part 2 Recruitment</h2><h3>3 Fees</h3><p>(1) No agency shall charge a fee.</p>"
            "<p>(2) An agency that contravenes subsection (1) commits an offence.</p></body></html>")
    passages = html_passages(page, tmp_path, "act")
    assert [(p.passage_id, p.title) for p in passages] == [
        ("act/part-1", "Preliminary"), ("act/s-1", "Short title"), ("act/s-1/1", None), ("act/s-1/2", None),
        ("act/s-2", "Interpretation"), ("act/part-2", "Recruitment"), ("act/s-3", "Fees"), ("act/s-3/1", None),
        ("act/s-3/2", None)]


def test_a_resolutions_preamble_is_split_into_its_clauses_in_a_text_file_too():
    # Before, only a PDF's were: a resolution saved as text or HTML had one "Preamble" holding
    # the masthead and every clause.
    text = ("United Nations A/RES/99/1\n\nGeneral Assembly\n\n99/1. Migration and development\n\n"
            "The General Assembly,\n\nRecalling its resolution 60/206 on international migration,\n\n"
            "Deeply concerned about the situation of migrant workers,\n\n"
            "1. Calls upon all Member States to protect migrants:\n\n(a) By ensuring access to justice;\n\n"
            "2. Decides to consider the question at its next session.\n")
    passages = segment(read_markdown(text), "res").passages
    assert [(p.passage_id, p.text[:20]) for p in passages] == [
        ("res/preamble", "The General Assembly"), ("res/recital-1", "Recalling its resolu"),
        ("res/recital-2", "Deeply concerned abo"), ("res/para-1", "Calls upon all Membe"),
        ("res/para-1/a", "By ensuring access t"), ("res/para-2", "Decides to consider ")]


def test_a_text_files_article_title_line_and_chapters_numbered_in_words():
    # Before, outside PDFs "Definitions" under "Article 1" was the article's text, and
    # "CHAPTER TWO" ran on into Article 2's text.
    text = ("Labour Law\n\nCHAPTER ONE\nGENERAL PROVISIONS\n\nArticle 1\nDefinitions\nIn this Law the words below "
            "have these meanings.\n\nArticle 2\nScope\nThis Law applies to all workers.\n\nCHAPTER TWO\nRECRUITMENT\n\n"
            "Article 3\nLicences\nNo agency may operate without a licence.\n")
    passages = segment(read_markdown(text), "law").passages
    assert [(p.passage_id, p.title, p.text) for p in passages] == [
        ("law/ch-1", "GENERAL PROVISIONS", ""),
        ("law/art-1", "Definitions", "In this Law the words below have these meanings."),
        ("law/art-2", "Scope", "This Law applies to all workers."), ("law/ch-2", "RECRUITMENT", ""),
        ("law/art-3", "Licences", "No agency may operate without a licence.")]


def test_french_divisions_numbered_as_ordinals():
    # "TITRE Ier", "CHAPITRE PREMIER": before, text of the unit above them.
    text = ("Code du travail\n\nTITRE Ier\nDISPOSITIONS GÉNÉRALES\n\nArticle premier\nLe présent code s'applique "
            "aux travailleurs.\n\nTITRE II\nDU CONTRAT DE TRAVAIL\n\nCHAPITRE PREMIER\nDISPOSITIONS COMMUNES\n\n"
            "Article 2\nLe contrat est écrit.\n")
    passages = segment(read_markdown(text), "code").passages
    assert [(p.passage_id, p.title) for p in passages] == [
        ("code/fr/title-i", "DISPOSITIONS GÉNÉRALES"), ("code/fr/art-1", None),
        ("code/fr/title-ii", "DU CONTRAT DE TRAVAIL"), ("code/fr/title-ii/ch-i", "DISPOSITIONS COMMUNES"),
        ("code/fr/art-2", None)]
