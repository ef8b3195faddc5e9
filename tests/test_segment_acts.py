"""More published layouts of Acts, each in a text file and in a PDF the test builds (text
written for these tests, printed as such Acts are)."""

import pytest

from lexmig.indexer.citation import pinpoint
from tests.test_segment import html_passages
from tests.test_segment_layouts import passages_of

ACT_WITH_STOPPED_HEADINGS = """THE WORKERS PROTECTION ACT, 2031

An Act to provide for the protection of migrant workers.

1. Short title.
This Act may be cited as the Workers Protection Act, 2031.

2. Interpretation.
In this Act, unless the context otherwise requires, "worker" means a migrant worker.

3. Prohibition of fees.
(1) No person shall charge a worker a fee for recruitment.
(2) Subsection (1) does not apply to a fee paid by the employer.

4. Act to have overriding effect.
This Act shall have effect notwithstanding anything in any other law.
"""
REPORT_WITH_SHORT_PARAGRAPHS = """Report of the Committee on Migrant Workers

Introduction

1. The present report is submitted to the Assembly.
It covers the period from January to June.

2. The Committee held two sessions.
Both sessions were held in Geneva.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_an_acts_section_headings_printed_with_a_stop_on_their_own_line(fmt, tmp_path):
    # Before, "1. Short title." above its text was read as numbered paragraphs ("para. 1", its
    # heading the start of its text) in a text file, and as one preamble in a PDF.
    passages = passages_of(ACT_WITH_STOPPED_HEADINGS, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/s-1", "Short title"), ("d/s-2", "Interpretation"), ("d/s-3", "Prohibition of fees"), ("d/s-3/1", None),
        ("d/s-3/2", None), ("d/s-4", "Act to have overriding effect")]
    assert passages[0].text == "This Act may be cited as the Workers Protection Act, 2031."
    assert pinpoint(passages[4].path) == "section 3(2)"


def test_a_reports_short_numbered_sentences_stay_paragraphs():
    # A sentence with a stop ("1. The present report is submitted ...") is no heading.
    passages = passages_of(REPORT_WITH_SHORT_PARAGRAPHS, "text", None)
    assert [(p.passage_id, " ".join(p.text.split())) for p in passages] == [
        ("d/para-1", "The present report is submitted to the Assembly. It covers the period from January to June."),
        ("d/para-2", "The Committee held two sessions. Both sessions were held in Geneva.")]


CANADIAN_ACT_AS_PUBLISHED = """Seasonal Agricultural Workers Act

S.C. 2031, c. 4

Assented to 2031-06-22

An Act respecting the protection of seasonal agricultural workers

His Majesty, by and with the advice and consent of the Senate and House of Commons of Canada, enacts as follows:

Short Title

Short title

1 This Act may be cited as the Seasonal Agricultural Workers Act.

Interpretation

Definitions

2 The following definitions apply in this Act.

PART 1

Protection of Workers

Recruitment

Prohibition

3 (1) No person shall charge a worker a fee for recruitment.

Exception

(2) Subsection (1) does not apply to a fee paid by the employer.

Contracts

4 Every employer shall give the worker a copy of the contract.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_canadian_acts_group_headings_under_its_enacting_clause_are_kept(fmt, tmp_path):
    # Before, "Short Title" under "... enacts as follows:" was the end of the preamble's text, and
    # "Interpretation" and "Recruitment" were dropped: each is now a `heading` over its sections.
    passages = passages_of(CANADIAN_ACT_AS_PUBLISHED, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/preamble", None), ("d/heading-1", "Short Title"), ("d/s-1", "Short title"),
        ("d/heading-2", "Interpretation"), ("d/s-2", "Definitions"), ("d/part-1", "Protection of Workers"),
        ("d/part-1/heading-3", "Recruitment"), ("d/s-3", "Prohibition"), ("d/s-3/1", None), ("d/s-3/2", "Exception"),
        ("d/s-4", "Contracts")]
    assert " ".join(passages[0].text.split()).endswith("House of Commons of Canada, enacts as follows:")
    assert [s.kind for s in passages[2].path] == ["heading", "statute-section"]


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_an_acts_title_above_its_first_marginal_note_is_no_group_heading(fmt, tmp_path):
    text = "Seasonal Workers Act\n\nShort title\n1 This Act may be cited as the Seasonal Workers Act.\n" \
           "Definitions\n2 In this Act, worker means a seasonal worker.\n"
    assert [(p.passage_id, p.title) for p in passages_of(text, fmt, tmp_path)] == [
        ("d/s-1", "Short title"), ("d/s-2", "Definitions")]


BYLAWS_NUMBERED_BY_ARTICLE = """AMENDED AND RESTATED BYLAWS OF THE MIGRANT WORKERS CENTER, INC.

ARTICLE I
NAME AND OFFICES

Section 1.01 Name. The name of the corporation is the Migrant Workers Center, Inc.

Section 1.02 Principal Office. The principal office of the corporation shall be in the City of Riverside.

ARTICLE II
PURPOSES

Section 2.01 Purposes. The corporation is organized to assist migrant workers and their families.

Section 2.02 Limitations. No part of the net earnings of the corporation shall inure to any member:
(a) except as reasonable compensation; or
(b) as otherwise permitted by law.

ARTICLE III
MEMBERS

Section 3.01 Classes of Members. The corporation shall have one class of members.
Section 3.02 Annual Meeting. An annual meeting of members shall be held in June.
"""
BYLAWS_WITHOUT_ARTICLES = """BYLAWS OF THE DOMESTIC WORKERS ALLIANCE

Section 1.01. Name. The name of the association is the Domestic Workers Alliance.
Section 1.02. Office. The office of the association is in Springfield.
Section 2.01. Members. Any domestic worker may become a member.
Section 2.02. Dues. Members shall pay dues set by the Board.
Section 2.04. Meetings. This line skips a number and stays text of section 2.02.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_bylaws_sections_numbered_after_their_article(fmt, tmp_path):
    # Before, "Section 1.01" opened section "1" whose text began "01 Name."; every later one was
    # text of its article (in a file without articles, all were one preamble).
    passages = passages_of(BYLAWS_NUMBERED_BY_ARTICLE, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/art-i", "NAME AND OFFICES"), ("d/art-i/s-1.01", "Name"), ("d/art-i/s-1.02", "Principal Office"),
        ("d/art-ii", "PURPOSES"), ("d/art-ii/s-2.01", "Purposes"), ("d/art-ii/s-2.02", "Limitations"),
        ("d/art-ii/s-2.02/a", None), ("d/art-ii/s-2.02/b", None), ("d/art-iii", "MEMBERS"),
        ("d/art-iii/s-3.01", "Classes of Members"), ("d/art-iii/s-3.02", "Annual Meeting")]
    assert passages[1].text == "The name of the corporation is the Migrant Workers Center, Inc."
    assert pinpoint(passages[7].path) == "Article II, section 2.02(b)"
    loose = passages_of(BYLAWS_WITHOUT_ARTICLES, fmt, tmp_path, "e")
    assert [(p.passage_id, p.title) for p in loose] == [
        ("e/s-1.01", "Name"), ("e/s-1.02", "Office"), ("e/s-2.01", "Members"), ("e/s-2.02", "Dues")]
    assert " ".join(loose[-1].text.split()) == ("Members shall pay dues set by the Board. Section 2.04. Meetings. "
                                                "This line skips a number and stays text of section 2.02.")
    assert pinpoint(loose[3].path) == "section 2.02"


US_PUBLIC_LAW = """PUBLIC LAW 121–45—MAR. 3, 2031
An Act
To protect seasonal agricultural workers, and for other purposes.
Be it enacted by the Senate and House of Representatives of the United States of America in Congress assembled,
SECTION 1. SHORT TITLE.
This Act may be cited as the "Seasonal Workers Protection Act of 2031".
SEC. 2. DEFINITIONS.
In this Act:
(1) EMPLOYER.—The term "employer" means a person who employs a seasonal worker.
(2) SEASONAL WORKER.—The term "seasonal worker" means an individual employed in seasonal work.
SEC. 3. PROHIBITION ON RECRUITMENT FEES.
(a) IN GENERAL.—No employer may charge a seasonal worker a recruitment fee.
(b) EXCEPTION.—Subsection (a) does not apply to—
(1) a fee for a passport; or
(2) a fee for a visa.
"""
US_CODE = """§ 1101. Definitions
(a) As used in this chapter—
(1) The term "administrator" means the official designated by the Secretary of State.
(2) The term "advocates" means to advocate.
(b) As used in subchapters I and II—
(1) The term "child" means an unmarried person under twenty-one years of age.
§ 1102. Diplomatic immunities
Except as otherwise provided in this chapter, nothing in this chapter shall be construed to repeal any law.
§ 1103. Powers and duties of the Secretary
(a) The Secretary of Homeland Security shall be charged with the administration of this chapter.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_us_public_law_and_a_us_code_section(fmt, tmp_path):
    # Before, "SECTION 1. SHORT TITLE." above its text opened nothing (the law was one preamble),
    # and "(1)" under "(b) ... apply to—" was subsection (1) of the section; "§ 1101. Definitions"
    # was text in a text file ("1101" does not continue a numbering from 1) and in a PDF titled
    # ". Definitions".
    law = passages_of(US_PUBLIC_LAW, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in law] == [
        ("d/s-1", "SHORT TITLE"), ("d/s-2", "DEFINITIONS"), ("d/s-2/1", None), ("d/s-2/2", None),
        ("d/s-3", "PROHIBITION ON RECRUITMENT FEES"), ("d/s-3/a", None), ("d/s-3/b", None), ("d/s-3/b/1", None),
        ("d/s-3/b/2", None)]
    assert law[0].text == 'This Act may be cited as the "Seasonal Workers Protection Act of 2031".'
    assert pinpoint(law[-1].path) == "section 3(b)(2)"
    code = passages_of(US_CODE, fmt, tmp_path, "c")
    assert [(p.passage_id, p.title) for p in code] == [
        ("c/s-1101", "Definitions"), ("c/s-1101/a", None), ("c/s-1101/a/1", None), ("c/s-1101/a/2", None),
        ("c/s-1101/b", None), ("c/s-1101/b/1", None), ("c/s-1102", "Diplomatic immunities"),
        ("c/s-1103", "Powers and duties of the Secretary"), ("c/s-1103/a", None)]
    assert pinpoint(code[5].path) == "section 1101(b)(1)"


def test_a_section_sign_in_running_text_opens_no_section():
    text = "# Act\n\nArticle 1\n\nThe fees are set out in\n§ 5 of the regulation on fees.\n"
    assert [p.passage_id for p in passages_of(text, "text", None)] == ["d/art-1"]


ILO_RECOMMENDATION = """R999 - Seasonal Workers Recommendation, 2031
Recommendation concerning Seasonal Workers
The General Conference of the International Labour Organization,
Having been convened at Geneva by the Governing Body of the International Labour Office, and having met \
in its 119th Session on 1 June 2031, and
Having decided upon the adoption of certain proposals with regard to seasonal workers, which is the fourth \
item on the agenda of the session, and
Having determined that these proposals shall take the form of a Recommendation,
adopts this twentieth day of June of the year two thousand and thirty-one the following Recommendation, \
which may be cited as the Seasonal Workers Recommendation, 2031.
I. DEFINITIONS AND SCOPE
1. (1) For the purposes of this Recommendation, the term seasonal worker means a worker employed in seasonal work.
(2) This Recommendation applies to all seasonal workers.
2. Members should take measures to protect seasonal workers.
II. RECRUITMENT
3. (1) Recruitment should be free of charge for the worker.
(2) Members should regulate private recruitment agencies.
"""
KENYAN_ACT_WITHOUT_HEADINGS = """THE LABOUR MIGRATION ACT, 2031
AN ACT of Parliament to provide for the regulation of labour migration; and for connected purposes
PART I—PRELIMINARY
1. (1) This Act may be cited as the Labour Migration Act, 2031.
(2) This Act shall come into operation on such date as the Cabinet Secretary may appoint.
2. In this Act, "agency" means a private employment agency.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_an_ilo_recommendations_paragraphs_and_preamble(fmt, tmp_path):
    # Before, "1. (1) For the purposes ..." opened "section 1" (as a South African act's "3. (1)"
    # under its side heading), and the preamble was dropped as a paper's title page, its clauses
    # ending ", and" read as one.
    passages = passages_of(ILO_RECOMMENDATION, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/preamble", None), ("d/recital-1", None), ("d/recital-2", None), ("d/recital-3", None),
        ("d/sec-i", "DEFINITIONS AND SCOPE"), ("d/para-1", None), ("d/para-1/1", None), ("d/para-1/2", None),
        ("d/para-2", None), ("d/sec-ii", "RECRUITMENT"), ("d/para-3", None), ("d/para-3/1", None), ("d/para-3/2", None)]
    assert passages[6].text == ("For the purposes of this Recommendation, the term seasonal worker means a worker "
                                "employed in seasonal work.")
    assert pinpoint(passages[7].path) == "para. 1(2)"
    # A Kenyan act's "1. (1) This Act may be cited as ..." without a heading stays its section 1.
    act = passages_of(KENYAN_ACT_WITHOUT_HEADINGS, fmt, tmp_path, "k")
    assert [(p.passage_id, p.title) for p in act] == [
        ("k/part-i", "PRELIMINARY"), ("k/s-1", None), ("k/s-1/1", None), ("k/s-1/2", None), ("k/s-2", None)]


IRISH_ACT = """Number 14 of 2031
Employment Permits (Seasonal Workers) Act 2031
CONTENTS
PART 1
Preliminary and General
Section
1. Short title and commencement
2. Interpretation
PART 2
Seasonal Employment Permits
3. Grant of seasonal employment permit
An Act to provide for the grant of seasonal employment permits; and to provide for related matters.
[14th July, 2031]
Be it enacted by the Oireachtas as follows:
PART 1
Preliminary and General
Short title and commencement
1. (1) This Act may be cited as the Employment Permits (Seasonal Workers) Act 2031.
(2) This Act shall come into operation on such day as the Minister may appoint.
Interpretation
2. In this Act "permit" means a seasonal employment permit.
PART 2
Seasonal Employment Permits
Grant of seasonal employment permit
3. (1) The Minister may grant a seasonal employment permit to a foreign national.
(2) A permit shall be valid for nine months.
"""
KENYAN_ACT_WITH_ARRANGEMENT = """THE LABOUR MIGRATION ACT, 2031
No. 5 of 2031
ARRANGEMENT OF SECTIONS
Section
PART I—PRELIMINARY
1—Short title.
2—Interpretation.
PART II—REGISTRATION OF AGENCIES
3—Registration of agencies.
THE LABOUR MIGRATION ACT, 2031
AN ACT of Parliament to provide for the regulation of labour migration; and for connected purposes
ENACTED by the Parliament of Kenya, as follows—
PART I—PRELIMINARY
1. This Act may be cited as the Labour Migration Act, 2031.
2. In this Act, "agency" means a private employment agency.
PART II—REGISTRATION OF AGENCIES
3. (1) No person shall operate an agency unless registered under this Act.
(2) An application for registration shall be made to the Cabinet Secretary.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_an_acts_table_of_contents_printed_as_text_is_no_part_of_it(fmt, tmp_path):
    # Before, the Irish act's contents opened "Part 1" and "Part 2" with "para. 1" to "para. 3"
    # (its entries), the body's parts being "part-1-2" and "part-2-2"; the Kenyan act's body
    # printed "PART I" again inside the contents' "PART II", which held all its sections.
    irish = passages_of(IRISH_ACT, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in irish] == [
        ("d/part-1", "Preliminary and General"), ("d/s-1", "Short title and commencement"), ("d/s-1/1", None),
        ("d/s-1/2", None), ("d/s-2", "Interpretation"), ("d/part-2", "Seasonal Employment Permits"),
        ("d/s-3", "Grant of seasonal employment permit"), ("d/s-3/1", None), ("d/s-3/2", None)]
    kenyan = passages_of(KENYAN_ACT_WITH_ARRANGEMENT, fmt, tmp_path, "k")
    assert [(p.passage_id, p.title, [s.kind for s in p.path]) for p in kenyan] == [
        ("k/part-i", "PRELIMINARY", ["part"]), ("k/s-1", None, ["part", "statute-section"]),
        ("k/s-2", None, ["part", "statute-section"]), ("k/part-ii", "REGISTRATION OF AGENCIES", ["part"]),
        ("k/s-3", None, ["part", "statute-section"]), ("k/s-3/1", None, ["part", "statute-section", "paragraph"]),
        ("k/s-3/2", None, ["part", "statute-section", "paragraph"])]
    assert kenyan[0].text == "" and [s.label for s in kenyan[2].path] == ["I", "2"]


def gazette_pdf(pages: list[str], path, header=lambda n: "KENYA GAZETTE SUPPLEMENT", footer=lambda n: str(40 + n)):
    """A gazette's PDF: its running header ("KENYA GAZETTE SUPPLEMENT") and footer (the page
    number) on every page, each made from the page's number."""
    from fpdf import FPDF

    class Gazette(FPDF):
        def header(self):
            self.set_font("Helvetica", size=9)
            self.cell(0, 6, header(self.page_no()), new_x="LMARGIN", new_y="NEXT", align="C")
            self.ln(2)

        def footer(self):
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 6, footer(self.page_no()), align="C")

    pdf = Gazette()
    for page in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        for line in page.replace("—", "-").splitlines():
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.output(str(path))
    return path


def test_a_gazettes_act_over_pages_under_a_running_header(tmp_path):
    # Already read so: the header and page numbers are taken out, and a section goes on across pages.
    from lexmig.indexer.readers import read_file
    from lexmig.indexer.segment import segment

    body = KENYAN_ACT_WITH_ARRANGEMENT.split("ENACTED")[1].splitlines()
    pages = ["\n".join(KENYAN_ACT_WITH_ARRANGEMENT.split("ENACTED")[0].splitlines()[:2]),
             "ENACTED" + "\n".join(body[:6]), "\n".join(body[6:]) + "\n4. An agency shall not charge a worker any fee."]
    passages = segment(read_file(gazette_pdf(pages, tmp_path / "gazette.pdf")), "k").passages
    assert [(p.passage_id, p.pages) for p in passages] == [
        ("k/part-i", (2,)), ("k/s-1", (2,)), ("k/s-2", (2,)), ("k/part-ii", (2,)), ("k/s-3", (2, 3)), ("k/s-3/1", (2,)),
        ("k/s-3/2", (3,)), ("k/s-4", (3,))]
    assert not any("GAZETTE" in p.text or "42" in p.text for p in passages)
    assert passages[4].text.endswith("(2) An application for registration shall be made to the Cabinet Secretary.")


def justice_laws_page() -> str:
    """A Canadian act as the federal legislation site serves it: group headings as headings, each
    marginal note after a "Marginal note:" only screen readers show, sections with subsections as
    lists of paragraphs."""
    def note(text: str) -> str:
        return f'<p class="MarginalNote"><span class="wb-invisible">Marginal note:</span>{text}</p>'

    def label(number: str) -> str:
        return f'<strong><a class="sectionLabel"><span class="sectionLabel">{number}</span></a></strong> '

    body = [
        '<h1 class="Title-of-Act">Seasonal Agricultural Workers Act</h1>',
        '<p class="LongTitle">An Act respecting the protection of seasonal agricultural workers</p>',
        '<p class="EnactingClause">His Majesty, by and with the advice and consent of the Senate and House of '
        'Commons of Canada, enacts as follows:</p>',
        '<h2 class="Part"><span class="HTitleText1">Short Title</span></h2>', note("Short title"),
        f'<p class="Section">{label("1")}This Act may be cited as the <cite>Seasonal Agricultural Workers Act</cite>.</p>',
        '<h2 class="Part"><span class="HTitleText1">Interpretation</span></h2>', note("Definitions"),
        f'<ul class="Section ProvisionList"><li><p class="Subsection">{label("2")}<span class="lawLabel">(1)</span> '
        'The following definitions apply in this Act.</p></li>',
        f'<li>{note("Contracts")}<p class="Subsection"><span class="lawLabel">(2)</span> A reference to a contract '
        'includes its renewal.</p></li></ul>',
        '<h2 class="Part"><span class="HLabel HLabel1">PART 1</span> <span class="HTitleText1">Protection of Workers'
        '</span></h2>', '<h3 class="Subheading"><span class="HTitleText2">Recruitment</span></h3>', note("Prohibition"),
        f'<p class="Section">{label("3")}No person shall charge a worker a fee for recruitment.</p>',
    ]
    return "<html><body><header><nav>Justice Laws Website</nav></header><main>" + "".join(body) + "</main></body></html>"


def test_a_canadian_acts_web_page(tmp_path):
    # Before, each note read "Marginal note: Definitions" (a screen reader's words) and a section
    # printed as a list of paragraphs was a bullet ("- 2 (1) ..."): only section 1 was found, the
    # rest its text and the part's; a subheading under the part's heading was the part's text.
    passages = html_passages(justice_laws_page(), tmp_path, "d")
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/heading-1", "Short Title"), ("d/s-1", "Short title"), ("d/heading-2", "Interpretation"),
        ("d/s-2", "Definitions"), ("d/s-2/1", None), ("d/s-2/2", "Contracts"), ("d/part-1", "Protection of Workers"),
        ("d/part-1/heading-3", "Recruitment"), ("d/s-3", "Prohibition")]
    assert passages[1].text == "This Act may be cited as the Seasonal Agricultural Workers Act."
    assert passages[5].text == "A reference to a contract includes its renewal."


NIGERIAN_ACT = """LABOUR MIGRATION ACT, 2031
ARRANGEMENT OF SECTIONS
PART I—PRELIMINARY
1. Short title.
2. Interpretation.
PART II—REGISTRATION OF AGENCIES
3. Registration of agencies.
LABOUR MIGRATION ACT, 2031
An Act to provide for the regulation of labour migration; and for related matters.
ENACTED by the National Assembly of the Federal Republic of Nigeria—
PART I—PRELIMINARY
Short title.
1. This Act may be cited as the Labour Migration Act, 2031.
Interpretation.
2. In this Act, unless the context otherwise requires, "agency" means a private employment agency.
PART II—REGISTRATION OF AGENCIES
Registration of agencies.
3. (1) No person shall operate an agency unless registered under this Act.
(2) An application for registration shall be made to the Minister.
Fees.
4. An agency shall not charge a worker any fee.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_an_acts_marginal_notes_printed_with_a_stop_above_its_sections(fmt, tmp_path):
    # Before, each note ("Short title.", "Fees.") was the end of the text before it (in a PDF, of
    # the title of the part above), and the sections had no titles.
    passages = passages_of(NIGERIAN_ACT, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/part-i", "PRELIMINARY"), ("d/s-1", "Short title"), ("d/s-2", "Interpretation"),
        ("d/part-ii", "REGISTRATION OF AGENCIES"), ("d/s-3", "Registration of agencies"), ("d/s-3/1", None),
        ("d/s-3/2", None), ("d/s-4", "Fees")]
    assert [p.text for p in passages if p.kind == "part"] == ["", ""]
    assert passages[6].text == "An application for registration shall be made to the Minister."


@pytest.mark.parametrize("headings", [("1 Short title", "2 Interpretation"), ("1. Short title.", "2. Interpretation.")])
def test_an_acts_section_headings_as_web_page_and_markdown_headings_above_plain_text(headings, tmp_path):
    # Before, a section heading printed as a heading above plain text (no subsection "(1)" below
    # it) was taken for the document's title: no structure was found.
    first, second = headings
    page = (f"<html><body><h1>Workers Act</h1><h3>{first}</h3><p>This Act may be cited as the Workers Act.</p>"
            f"<h3>{second}</h3><p>In this Act, worker means a migrant worker.</p></body></html>")
    markdown = (f"# Workers Act\n\n## {first}\n\nThis Act may be cited as the Workers Act.\n\n## {second}\n\n"
                "In this Act, worker means a migrant worker.\n")
    for passages in (html_passages(page, tmp_path, "d"), passages_of(markdown, "text", tmp_path)):
        assert [(p.passage_id, p.title, p.text) for p in passages] == [
            ("d/s-1", "Short title", "This Act may be cited as the Workers Act."),
            ("d/s-2", "Interpretation", "In this Act, worker means a migrant worker.")]


def test_a_papers_numbered_headings_open_no_acts_sections():
    # A paper's "## 1. Introduction" (a stop after the number, none after the title) is no Act's
    # section heading (such a paper's first headings are read as its title, as before).
    paper = "# Policy paper\n\n## 1. Introduction\n\nMigration is rising.\n\n## 2. Background\n\nIt rose in 2030.\n"
    assert "statute-section" not in {p.kind for p in passages_of(paper, "text", None)}


US_LAW_WITH_TITLES = """PUBLIC LAW 121–46—APR. 1, 2031
An Act
To reform the admission of seasonal workers.
Be it enacted by the Senate and House of Representatives of the United States of America in Congress assembled,
SECTION 1. SHORT TITLE; TABLE OF CONTENTS.
(a) SHORT TITLE.—This Act may be cited as the "Seasonal Workforce Act of 2031".
(b) TABLE OF CONTENTS.—The table of contents for this Act is as follows:
Sec. 1. Short title; table of contents.
TITLE I—ADMISSION
Sec. 101. Admission of seasonal workers.
Sec. 102. Wages.
TITLE II—ENFORCEMENT
Sec. 201. Penalties.
TITLE I—ADMISSION
SEC. 101. ADMISSION OF SEASONAL WORKERS.
The Secretary of Homeland Security shall admit seasonal workers.
SEC. 102. WAGES.
(a) IN GENERAL.—An employer shall pay the prevailing wage.
(b) RECORDS.—An employer shall keep records of wages.
TITLE II—ENFORCEMENT
SEC. 201. PENALTIES.
An employer who violates section 102 shall be liable for a civil penalty.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_us_laws_titles_number_their_sections_by_the_hundred(fmt, tmp_path):
    # Before, "SECTION 1. SHORT TITLE; TABLE OF CONTENTS." opened nothing (a ";" inside), the
    # contents' "Sec. 1." opened section 1, and "SEC. 101." after "TITLE I" did not continue
    # section 1: the body was text of the contents' last title.
    passages = passages_of(US_LAW_WITH_TITLES, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/s-1", "SHORT TITLE; TABLE OF CONTENTS"), ("d/s-1/a", None), ("d/s-1/b", None),
        ("d/title-i", "ADMISSION"), ("d/s-101", "ADMISSION OF SEASONAL WORKERS"), ("d/s-102", "WAGES"),
        ("d/s-102/a", None), ("d/s-102/b", None), ("d/title-ii", "ENFORCEMENT"), ("d/s-201", "PENALTIES")]
    assert " ".join(passages[2].text.split()).endswith("The table of contents for this Act is as follows:")
    assert passages[-1].text == "An employer who violates section 102 shall be liable for a civil penalty."


INDIAN_ACT_WITH_ARRANGEMENT = """THE SEASONAL WORKERS ACT, 2031
ARRANGEMENT OF SECTIONS
CHAPTER I
PRELIMINARY
SECTIONS
1. Short title and commencement.
2. Definitions.
CHAPTER II
PERMITS
3. Grant, renewal, etc., of a permit.
4. Power to exempt certain workers from the provisions of this Act in the interests of the general
public.
SECTIONS
CHAPTER III
MISCELLANEOUS
5. Power to make rules.
THE SEASONAL WORKERS ACT, 2031
BE it enacted by Parliament as follows:—
CHAPTER I
PRELIMINARY
1. Short title and commencement.—This Act may be called the Seasonal Workers Act, 2031.
2. Definitions.—In this Act, "permit" means a seasonal work permit.
CHAPTER II
PERMITS
3. Grant, renewal, etc., of a permit.—The Protector may grant or renew a permit.
4. Power to exempt.—The Government may exempt any worker.
CHAPTER III
MISCELLANEOUS
5. Power to make rules.—The Government may make rules.
"""


def test_an_arrangement_of_sections_with_abbreviations_wrapped_entries_and_a_column_heading_per_page(tmp_path):
    # Before, the contents ended at "3. Grant, renewal, etc., of a permit." (a period inside):
    # its chapters II and III were units above the Act's own, which became "ch-ii-2", "ch-iii-2".
    passages = passages_of(INDIAN_ACT_WITH_ARRANGEMENT, "text", tmp_path)
    assert [(p.passage_id, p.title) for p in passages if p.kind in ("chapter", "statute-section")] == [
        ("d/ch-i", "PRELIMINARY"), ("d/s-1", "Short title and commencement"), ("d/s-2", "Definitions"),
        ("d/ch-ii", "PERMITS"), ("d/s-3", "Grant, renewal, etc., of a permit"), ("d/s-4", "Power to exempt"),
        ("d/ch-iii", "MISCELLANEOUS"), ("d/s-5", "Power to make rules")]


def test_a_schedules_name_ending_a_wrapped_sentence_or_table_cell_opens_no_schedule(tmp_path):
    # A PDF's line "Schedule." ending "... of that" and a table's cell "2 Fourth" / "Schedule" each
    # opened a schedule: s. 3 was the text of a first "Schedule", the table three more.
    from lexmig.indexer.readers import read_file
    from lexmig.indexer.segment import segment

    page = ("An Act to amend the Seasonal Workers Act\nBE it enacted by the Parliament of Atlantis as follows: -\n"
            "1. This Act may be cited as the Seasonal Workers (Amendment) Act, No. 4 of 2031.\n"
            "2. The sections of the principal enactment specified in\nColumn I of the Schedule hereto are amended "
            "as set out in\nColumn II of that\nSchedule.\n3. The Sinhala text of this Act shall prevail.\nSCHEDULE\n"
            "[section 2]\nNo. Column I Column II\n1 First\nSchedule\n\"employer\" \"employer or agent\"\n2 Fourth\n"
            "Schedule\n\"worker\" \"seasonal worker\"")
    passages = segment(read_file(gazette_pdf([page], tmp_path / "act.pdf", header=lambda n: "")), "w").passages
    assert [p.passage_id for p in passages] == ["w/s-1", "w/s-2", "w/s-3", "w/schedule"]
    assert passages[2].text == "The Sinhala text of this Act shall prevail."
    assert passages[3].text.endswith("2 Fourth Schedule \"worker\" \"seasonal worker\"")


def margin_noted_pdf(path):
    """An amending Act printed as Sri Lanka's are: each section's heading a marginal note in
    smaller type, level with the section's first line, written after the page's text (so that the
    text layer gives the notes as a block at the page's end, the second before the first); the
    note of a section the amendment inserts in quotes, beside it."""
    from fpdf import FPDF

    body = [(40, "THE MIGRANT WORKERS (AMENDMENT) ACT, No. 3 OF 2031"),
            (55, "BE it enacted by the Parliament as follows:-"),
            (70, "1. This Act may be cited as the Migrant Workers (Amendment)"),
            (77, "Act, No. 3 of 2031."),
            (92, "2. Section 12 of the Migrant Workers Act, No. 9 of 2020 is"),
            (99, "hereby amended by the repeal of subsection (2) thereof."),
            (114, "3. The following new section is hereby inserted immediately"),
            (121, "after section 14 of the principal enactment:-"),
            (136, "14A. No agency shall charge a worker any fee for finding"),
            (143, "work abroad.\".")]
    notes = [(114, ["Insertion of new", "section 14A."]), (70, ["Short title."]),
             (92, ["Amendment of", "section 12 of Act,", "No. 9 of 2020."]), (136, ["\"Prohibition of", "fees."])]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for y, text in body:
        pdf.text(60 if not text.startswith("14A") else 70, y, text)
    pdf.set_font("Helvetica", size=8)
    for y, lines in notes:
        for n, text in enumerate(lines):
            indent = 1 if text.startswith("section 12") else 0  # a line of a note set a little in
            pdf.text((12 if not text.startswith("\"") and y != 136 else 40) + indent, y + n * 3.5, text)
    pdf.output(str(path))
    return path


def test_an_acts_marginal_notes_given_as_a_block_at_the_pages_end_title_the_sections_beside_them(tmp_path):
    # Before, the notes were read as the text of the last unit on the page ("... fee for finding
    # work abroad.". Insertion of new section 14A. Short title. Amendment of ...") and no section
    # had a title; the inserted section's note is a line of the quoted text, above it.
    from lexmig.indexer.readers import read_file
    from lexmig.indexer.segment import segment

    passages = segment(read_file(margin_noted_pdf(tmp_path / "act.pdf")), "a").passages
    assert [(p.passage_id, p.title) for p in passages] == [
        ("a/s-1", "Short title"), ("a/s-2", "Amendment of section 12 of Act, No. 9 of 2020"),
        ("a/s-3", "Insertion of new section 14A")]
    assert passages[1].text == ("Section 12 of the Migrant Workers Act, No. 9 of 2020 is hereby amended by the repeal "
                                "of subsection (2) thereof.")
    assert passages[2].text == ("The following new section is hereby inserted immediately after section 14 of the "
                                "principal enactment:- \"Prohibition of fees. 14A. No agency shall charge a worker any "
                                "fee for finding work abroad.\".")


def test_a_reference_wrapped_before_its_number_opens_no_point_or_sub_point(tmp_path):
    # "(a) by the renumbering of that section as subsection" / "(1) of that section; and": before,
    # "(1)" opened a sub-point of (a) (and "(a) of that subsection" a point of (1)), its text the
    # reference's end.
    from tests.test_segment import pdf_of

    act = """THE WORKERS (AMENDMENT) ACT, 2031
An Act to amend the Workers Act, 2020.
BE it enacted by the Parliament as follows:-
1. This Act may be cited as the Workers (Amendment) Act, 2031.
2. Section 5 of the principal enactment is hereby amended as follows:-
(a) by the renumbering of that section as subsection
(1) of that section; and
(b) by the addition of a new subsection on agency fees.
3. Section 8 of the principal enactment is hereby amended as follows:-
(1) by the re-lettering of that subsection as paragraph
(a) of that subsection; and
(2) by the addition of a new paragraph on travel costs."""
    from lexmig.indexer.readers import read_file
    from lexmig.indexer.segment import segment

    passages = segment(read_file(pdf_of(act, tmp_path / "act.pdf")), "w").passages
    assert [p.passage_id for p in passages] == ["w/s-1", "w/s-2", "w/s-2/a", "w/s-2/b", "w/s-3", "w/s-3/1", "w/s-3/2"]
    assert passages[2].text == "by the renumbering of that section as subsection (1) of that section; and"
    assert passages[5].text == "by the re-lettering of that subsection as paragraph (a) of that subsection; and"


def test_a_new_zealand_acts_subparts_are_divisions_of_their_part(tmp_path):
    # "Subpart 1—Key principles" under "Part 2—Duties": before, a `heading` division labelled by
    # its order ("part-2/heading-1", titled "Subpart 1 —Key principles"), not the Act's Subpart 1.
    headings = {"h2": ["Part 1—Preliminary provisions", "Part 2—Duties"],
                "h3": ["1 Title", "Subpart 1 —Key principles", "2 Duties not transferable", "Subpart 2—Duties of employers",
                       "3 Primary duty of care"]}
    text = ["This Act is the Workplace Safety Act 2031.", "A duty under this Act cannot be transferred to another person.",
            "(1) An employer must ensure the health and safety of workers.", "(2) This applies at all times."]
    order = [("h2", 0), ("h3", 0), ("p", 0), ("h2", 1), ("h3", 1), ("h3", 2), ("p", 1), ("h3", 3), ("h3", 4), ("p", 2), ("p", 3)]
    body = "".join(f"<{tag}>{text[n] if tag == 'p' else headings[tag][n]}</{tag}>" for tag, n in order)
    passages = html_passages(f"<html><body><h1>Workplace Safety Act 2031</h1>{body}</body></html>", tmp_path, "act")
    assert [(p.passage_id, p.title) for p in passages] == [
        ("act/part-1", "Preliminary provisions"), ("act/s-1", "Title"), ("act/part-2", "Duties"),
        ("act/part-2/subpart-1", "Key principles"), ("act/s-2", "Duties not transferable"),
        ("act/part-2/subpart-2", "Duties of employers"), ("act/s-3", "Primary duty of care"), ("act/s-3/1", None),
        ("act/s-3/2", None)]
    assert pinpoint(passages[3].path) == "Part 2, Subpart 1"


ACT_WITH_A_TITLE_PAGE = """PARLIAMENT OF THE REPUBLIC
THE SEASONAL WORKERS (AMENDMENT) ACT, No. 4 OF 2031
Printed on the Order of Government
Sold at the Government Bookshop, Harbour Road, for one hundred rupees, postage twenty rupees
Published as a Supplement to the Gazette of the Republic of the first of March 2031
An Act to amend the Seasonal Workers Act, No. 2 of 2020, so that workers hired for a harvest are paid for travel.
BE it enacted by the Parliament of the Republic as follows:-
1. This Act may be cited as the Seasonal Workers (Amendment) Act, No. 4 of 2031.
2. Section 6 of the Seasonal Workers Act, No. 2 of 2020 is hereby repealed.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_an_acts_preamble_opens_with_its_long_title_not_its_title_page(fmt, tmp_path):
    # Before, the preamble began with the printer's and the gazette's lines above the long title.
    passages = passages_of(ACT_WITH_A_TITLE_PAGE, fmt, tmp_path)
    assert [p.passage_id for p in passages] == ["d/preamble", "d/s-1", "d/s-2"]
    assert " ".join(passages[0].text.split()) == (
        "An Act to amend the Seasonal Workers Act, No. 2 of 2020, so that workers hired for a harvest are paid for travel. "
        "BE it enacted by the Parliament of the Republic as follows:-")


def singapore_page() -> str:
    """An Act as Singapore Statutes Online serves it: each Part's number with the note of the Act
    that amended it ("PART 1 [3/2031]") above its heading, a long heading ending "etc.", "THE SCHEDULE", the publisher's table of
    renumbered provisions after the Act, and the site's search options kept hidden in the page."""
    return ("<html><body><h2>Foreign Workers Act 2031</h2>"
            "<p>PART 1 [3/2031]</p><h2>PRELIMINARY</h2><h2>1 Short title</h2><p>This Act is the Foreign Workers Act 2031.</p>"
            "<p>PART 2 [3/2031; 7/2032]</p><h2>WORK PASSES</h2><h2>2 Work pass required</h2>"
            "<p>(1) No person may employ a foreign worker without a work pass.</p><p>(2) Subsection (1) applies to all.</p>"
            "<h2>2A Power of officers to enter and inspect dormitories and other work places, etc.</h2>"
            "<p>(1) An officer may enter any dormitory.</p><p>(2) An officer may inspect any work place.</p>"
            "<h2>THE SCHEDULE</h2><p>1. A passport.</p><p>2. A photograph.</p>"
            "<table><tr><td><p>COMPARATIVE TABLE</p><p>2031 Ed. | 2020 Ed.</p><p>2 | 3</p></td></tr></table>"
            "<div style=\"display: none\"><p>All of these words</p><p>Any of these words</p></div></body></html>")


def test_a_singapore_acts_parts_with_their_amending_acts_and_its_schedule(tmp_path):
    # Before, "PART 1 [3/2031]" opened no Part (its heading a `heading` division, "part-1" never
    # cited), a section headed in more than ten words ending "etc." was read into the one above,
    # "THE SCHEDULE" opened nothing (its items were paragraphs of the document), and the
    # renumbering table and the hidden search options ended the last unit's text.
    passages = html_passages(singapore_page(), tmp_path, "fw")
    assert [(p.passage_id, p.title) for p in passages] == [
        ("fw/part-1", "PRELIMINARY"), ("fw/s-1", "Short title"), ("fw/part-2", "WORK PASSES"),
        ("fw/s-2", "Work pass required"), ("fw/s-2/1", None), ("fw/s-2/2", None),
        ("fw/s-2a", "Power of officers to enter and inspect dormitories and other work places, etc."), ("fw/s-2a/1", None),
        ("fw/s-2a/2", None), ("fw/schedule", None),
        ("fw/schedule/para-1", None), ("fw/schedule/para-2", None)]
    assert passages[-1].text == "A photograph."


# An Act as Sri Lanka's government printer sets it (text written for this test): the long title
# in small capitals the text layer splits ("AN A CT"), a reference wrapped before a label and its
# closing bracket ("[except paragraphs (a), (d) and" / "(i)] of ..."), and a schedule headed with
# the sections it serves.
SRI_LANKAN_ACT = """PARLIAMENT OF THE DEMOCRATIC SOCIALIST REPUBLIC OF SRI LANKA

WORKERS WELFARE ACT, No. 7 OF 2031

Printed on the Order of Government

Preamble.

[Certified on 3rd March, 2031]

L.D.-O. 12/2030.

AN A CT TO PROVIDE FOR THE WELFARE OF MIGRANT WORKERS AND FOR MATTERS CONNECTED THEREWITH

WHEREAS workers who leave Sri Lanka for employment abroad and the families they leave behind
are in need of protection and of assistance before they leave, while they are abroad and on
their return:

NOW THEREFORE be it enacted by the Parliament of the Democratic Socialist Republic of Sri Lanka as follows:-

1. This Act may be cited as the Workers Welfare Act, No. 7 of 2031.

2. (1) Where an employer fails to pay any sum due to a worker, the provisions of
subsection (1) of section 291 [except paragraphs (a), (d) and
(i)] of the Code of Criminal Procedure Act shall apply.
(2) The Minister may make regulations for the purposes of this section.

3. The offences set out in the Schedule are offences for the purposes of this Act.

SCHEDULE (Sections 3 and 4)
(a) Recruiting a worker for a fee;
(b) Keeping a worker's passport.
"""


def test_a_sri_lankan_acts_long_title_wrapped_reference_and_schedule(tmp_path):
    # Before, "AN A CT" was no long title (the Convention on ... Trafficking ... Act, No. 30 of
    # 2005's preamble began "[Certified on ..." / "L.D.—O. 49/2003."); "(i)] of the Code ..."
    # opened a sub-point (i) of subsection (1); "SCHEDULE (Sections 3 and 4)" opened nothing, its
    # items read as points of section 3 (and then, realdocs15's Left, as one unit, the schedule's text).
    passages = passages_of(SRI_LANKAN_ACT, "pdf", tmp_path, "ww")
    assert [p.passage_id for p in passages] == [
        "ww/preamble", "ww/s-1", "ww/s-2", "ww/s-2/1", "ww/s-2/2", "ww/s-3", "ww/schedule", "ww/schedule/a", "ww/schedule/b"]
    assert passages[8].text == "Keeping a worker's passport." and pinpoint(passages[8].path) == "Schedule(b)"
    from lexmig.indexer.segment import _LONG_TITLE_RE  # the long title that opens a preamble

    assert _LONG_TITLE_RE.match("AN A CT TO GIVE EFFECT TO THE SAARC CONVENTION")
    assert " ".join(passages[3].text.split()).endswith("[except paragraphs (a), (d) and (i)] of the Code of Criminal "
                                                        "Procedure Act shall apply.")
    assert " ".join(passages[5].text.split()) == "The offences set out in the Schedule are offences for the purposes of this Act."
    assert passages[6].text.startswith("(Sections 3 and 4)")


def test_the_printers_sales_notice_on_an_acts_last_page_is_not_text():
    # Before, "Annual subscription of English Bills and Acts ..." (and "English Acts of the
    # Parliament can be purchased at ...") ended the text of the Act's last section.
    from lexmig.indexer.clean import clean_pdf_pages

    for notice in (["Annual subscription of English Bills and Acts of the Parliament Rs. 900 (Local),",
                    "Payable to the Superintendent, Government Publications Bureau, Colombo before 15th", "December."],
                   ["English Acts of the Parliament can be purchased at the Government Publications Bureau,",
                    "Colombo 5."]):
        pages = ["1. This Act may be cited as the Workers Welfare Act.",
                 "\n".join(["2. In the event of any inconsistency between the Sinhala and Tamil texts of this Act,",
                            "the Sinhala text shall prevail.", *notice])]
        lines, stats = clean_pdf_pages(pages)
        assert [line.text for line in lines][-1] == "the Sinhala text shall prevail."
    lines, _ = clean_pdf_pages(["\n".join(["1. The annual fee.", "Annual subscription rates are fixed by the Minister."])])
    assert lines[-1].text == "Annual subscription rates are fixed by the Minister."  # one page: an Act's own text


def test_a_marginal_note_run_into_an_inserted_sections_note_ends_at_its_stop():
    # Before, s. 19 of the Sri Lanka Bureau of Foreign Employment (Amendment) Act, No. 56 of 2009
    # was titled "Insertion of new sections 69A and 69B in the principal enactment.“Powers of".
    from lexmig.indexer.segment import _note_title

    assert _note_title("Insertion of new sections 69A and 69B in the principal enactment.“Powers of") == \
        "Insertion of new sections 69A and 69B in the principal enactment"
    assert _note_title("Short title.") == "Short title"
    assert _note_title("Powers of officers, etc.") == "Powers of officers, etc."


def noted_act_pdf(path, lines: list[tuple[str, list[str]]]):
    """A PDF of an Act's lines, each with the marginal note printed beside it in smaller type (no
    note: []), as Sri Lanka's government printer sets its Acts."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    y = 30
    for text, note in lines:
        if y > 270:
            pdf.add_page()
            y = 30
        pdf.set_font("Helvetica", size=11)
        pdf.text(60, y, text)
        pdf.set_font("Helvetica", size=8)
        for n, part in enumerate(note):
            pdf.text(12, y + n * 3.5, part)
        y += 7 + (3.5 * (len(note) - 1) if len(note) > 2 else 0)
    pdf.output(str(path))
    return path


INTEGRITY_ACT = [
    ("INTEGRITY COMMISSION ACT, No. 4 OF 2031", []),
    ("BE it enacted by the Parliament of the Republic as follows:-", []),
    ("1. This Act may be cited as the Integrity Commission Act, No. 4 of 2031.", ["Short title."]),
    ("CHAPTER I", []),
    ("FINANCE", []),
    ("2. (1) (a) The Commission shall prepare the annual", ["Budget estimates."]),
    ("budget estimates of the Commission.", []),
    ("(b) The estimates shall be submitted to the Speaker.", []),
    ("(2) All expenses shall be charged on the Consolidated Fund.", []),
    ("CHAPTER II", []),
    ("PROTECTION OF INFORMERS, WITNESSES AND OTHER", []),
    ("PERSONS ASSISTING THE COMMISSION", []),
    ("3. (1) Where the Commission receives any information, the", ["Protection of", "informers."]),
    ("informer shall not be named in any proceedings.", []),
    ("(2) In this section, public authority shall include the", []),
    ("Department of Inland Revenue, Department of Motor Traffic,", []),
    ("Department of Immigration and Emigration, Department of", []),
    ("Customs and Registrar General of Lands and Registrar", []),
    ("General of Title.", []),
    ("(3) The declarations shall be kept by an officer appointed on the recommendation of the", []),
    ("Constitutional Council to be the Chairman of the", []),
    ("Commission.", []),
    ("4. The Attorney-General, the Commission, the", ["Power to call for", "declarations."]),
    ("Inspector-General of Police may call for any declaration.", []),
    ("5. A person shall be disqualified from being appointed,", ["Disqualifications."]),
    ("or continuing as a member of the Commission.", []),
    ("SCHEDULE A", []),
    ("[Section 4]", []),
    ("1. Extortion.", []),
    ("2. Cheating.", []),
    ("SCHEDULE B", []),
    ("[Section 4]", []),
    ("1. Forgery.", []),
]


def test_a_sri_lankan_acts_chapters_noted_sections_and_lettered_schedules(tmp_path):
    # Before (the Anti-Corruption Act, No. 9 of 2023): "2. (1) (a) The Commission ..." opened no
    # section (the section after it neither, out of sequence): both were read into the chapter's
    # title; the second line of a chapter's title in capitals titled the section below it, over
    # its marginal note; the end of a sentence wrapped after "... Department of" ("Customs and
    # ..." / "General of Title.") was a group heading and the next section's title; "SCHEDULE A"
    # and "SCHEDULE B" were "schedule" and "schedule-2", titled "A" and "B".
    from lexmig.indexer.readers import read_file
    from lexmig.indexer.segment import segment

    passages = segment(read_file(noted_act_pdf(tmp_path / "act.pdf", INTEGRITY_ACT)), "ic").passages
    assert [(p.passage_id, p.title) for p in passages] == [
        ("ic/s-1", "Short title"), ("ic/ch-i", "FINANCE"), ("ic/s-2", "Budget estimates"), ("ic/s-2/1", None),
        ("ic/s-2/1/a", None), ("ic/s-2/1/b", None), ("ic/s-2/2", None),
        ("ic/ch-ii", "PROTECTION OF INFORMERS, WITNESSES AND OTHER PERSONS ASSISTING THE COMMISSION"),
        ("ic/s-3", "Protection of informers"), ("ic/s-3/1", None), ("ic/s-3/2", None), ("ic/s-3/3", None),
        ("ic/s-4", "Power to call for declarations"), ("ic/s-5", "Disqualifications"), ("ic/schedule-a", None),
        ("ic/schedule-a/para-1", None),
        ("ic/schedule-a/para-2", None), ("ic/schedule-b", None), ("ic/schedule-b/para-1", None)]
    assert passages[4].text == "The Commission shall prepare the annual budget estimates of the Commission."
    assert passages[10].text.endswith("Department of Immigration and Emigration, Department of Customs and Registrar "
                                      "General of Lands and Registrar General of Title.")
    assert pinpoint(passages[16].path) == "Schedule A, para. 2"


def test_capitalised_lines_that_end_a_wrapped_sentence_are_no_heading_above_a_section():
    # Before, in the Anti-Corruption Act, No. 9 of 2023, "... Department of Motor Traffic,
    # Department of" / "Customs and Registrar General of Lands and Registrar" / "General of Title."
    # / "86. The Attorney-General, ...": the last two lines were a group heading and the title of
    # s. 86, over its marginal note (and "... Chairman of the" / "Commission." titled s. 5).
    from lexmig.indexer.segment import Vocabulary, _Builder
    from lexmig.indexer.source import Line

    texts = ["(2) In this Part, a public authority shall include the Department of",
             "Labour, the Department of Motor Traffic, Department of",
             "Immigration and Registrar General of Companies and Registrar",
             "General of Deeds.",
             "4. The Minister, the Commission, the"]
    builder = _Builder([Line(text, 1) for text in texts], 0, len(texts), True, Vocabulary(texts))
    assert builder._heading_above(4) is None
    assert builder._heading_above(3) is None
    texts[1:3] = ["Labour and the Department of Immigration.", "Powers of Registrars"]
    builder = _Builder([Line(text, 1) for text in texts], 0, len(texts), True, Vocabulary(texts))
    assert builder._heading_above(3) == (2, "Powers of Registrars")  # after a sentence's end, a heading


@pytest.mark.parametrize("text, path", [
    ("Migration Act 1958, Part 2, Division 3, Subdivision AA",
     [("part", "2"), ("division", "3"), ("subdivision", "AA")]),
    ("Migration Act 1958 Pt 2 Div 3 Subdiv AB", [("part", "2"), ("division", "3"), ("subdivision", "AB")]),
    ("Migration Act 1958, Part 1, Subpart 2", [("part", "1"), ("subpart", "2")]),
    ("Migration Act 1958, Part 1, Subpt. 2, s 5AAA", [("part", "1"), ("subpart", "2"), ("statute-section", "5AAA")]),
    ("Migration Act 1958, Part 2, Division 3", [("part", "2"), ("division", "3")]),
    # a lettered schedule, as Sri Lanka's Anti-Corruption Act, No. 9 of 2023 prints them ("SCHEDULE A")
    ("Migration Act 1958, Schedule A, para. 2", [("appended", "Schedule A"), ("paragraph", "2")]),
    ("Migration Act 1958, Schedule, para. 2", [("appended", "Schedule"), ("paragraph", "2")]),
    # a schedule's lettered item, as lexmig prints it ("Schedule(b)": before, the point was not read)
    ("Migration Act 1958, Schedule(b)", [("appended", "Schedule"), ("sub", "b")]),
    ("Migration Act 1958, Schedule A (c)", [("appended", "Schedule A"), ("sub", "c")]),
])
def test_a_typed_subpart_or_subdivision_is_cited(text, path):
    # Before, "Part 1, Subpart 2" (a New Zealand Act's) and "Division 3, Subdivision AA" (the
    # Australian Migration Act's) found the Part or the Division: the subpart and subdivision
    # typed were not read; "Schedule A, para. 2" was "Schedule, para. 2".
    from lexmig.search.citations import find_citation
    from tests.test_citations import REAL

    ref = find_citation(text, REAL)
    assert (ref.doc_id, [(s.kind, s.label) for s in ref.steps]) == ("au-migration-act", path)


def test_words_that_only_look_like_a_subdivision_are_no_citation():
    from lexmig.search.citations import find_citation
    from tests.test_citations import REAL

    assert [(s.kind, s.label) for s in find_citation("Migration Act 1958 s 5AAA on the subdivision of land", REAL).steps] \
        == [("statute-section", "5AAA")]


def test_a_sri_lankan_acts_long_name_on_four_lines_and_a_bracket_without_its_space():
    # Before, the Convention on Preventing and Combating Trafficking in Women and Children for
    # Prostitution Act, No. 30 of 2005 was titled without "Act, No. 30 of 2005" (a name's first
    # three lines only), and had no number; "EMPLOYMENT(AMENDMENT) ACT" was "Employment(amendment) Act".
    from lexmig.indexer.clean import front_matter

    page = ["PARLIAMENT OF THE DEMOCRATIC", "SOCIALIST REPUBLIC OF", "SRI LANKA", "CONVENTION ON THE PROTECTION OF",
            "MIGRANT WORKERS AND MEMBERS OF", "THEIR FAMILIES", "ACT, No. 12 OF 2031", "Printed on the Order of Government"]
    assert front_matter(page) == {"title": "Convention on the Protection of Migrant Workers and Members of Their Families "
                                           "Act, No. 12 of 2031", "symbol": "Act, No. 12 of 2031"}
    page = ["MIGRANT WORKERS WELFARE FUND(AMENDMENT)", "ACT, No. 3 OF 2032", "Printed on the Order of Government"]
    assert front_matter(page)["title"] == "Migrant Workers Welfare Fund (Amendment) Act, No. 3 of 2032"


def test_a_sri_lankan_acts_title_under_the_parliaments_masthead():
    # Before, the masthead's last line began the title ("Sri Lanka Maternity Benefits (Amendment)
    # Act, No. 15 of 2018", the Industrial Disputes (Amendment) Act, No. 56 of 1999 too), and a name
    # on two lines lost its first ("Studies Act, No. 12 of 2010" for the National Institute of
    # Labour Studies Act): the line above a name's last was kept only after a small word.
    from lexmig.indexer.clean import front_matter

    masthead = ["PARLIAMENT OF THE DEMOCRATIC", "SOCIALIST REPUBLIC OF", "SRI LANKA"]
    page = [*masthead, "MIGRANT WORKERS WELFARE (AMENDMENT)", "ACT, No. 3 OF 2032", "Printed on the Order of Government"]
    assert front_matter(page)["title"] == "Migrant Workers Welfare (Amendment) Act, No. 3 of 2032"
    page = [*masthead, "NATIONAL INSTITUTE OF MIGRATION", "STUDIES ACT, No. 12 OF 2031", "Printed on the Order of Government"]
    assert front_matter(page) == {"title": "National Institute of Migration Studies Act, No. 12 of 2031",
                                  "symbol": "Act, No. 12 of 2031"}
    # without a masthead, a line above the name's last is still the title's only after a small word
    assert front_matter(["MIGRATION SURVEY", "STUDIES ACT, No. 12 OF 2031"])["title"] == "Studies Act, No. 12 of 2031"


def test_an_acts_title_at_the_foot_of_its_cover_page_that_heads_the_pages_after():
    # Before, the Immigrants and Emigrants (Amendment) Act, No. 27 of 2021 had no title: its name,
    # printed last on the cover page, is each later page's running header, and was taken off the
    # cover with them.
    from lexmig.indexer.clean import clean_pdf_pages

    cover = "\n".join(["PARLIAMENT OF THE DEMOCRATIC", "SOCIALIST REPUBLIC OF", "SRI LANKA",
                       "Printed on the Order of Government", "[Certified on 12th of November, 2031]",
                       "MIGRANT WORKERS (AMENDMENT)", "ACT, No. 27 OF 2031"])
    sections = ["1. This Act may be cited as the Migrant Workers (Amendment) Act.",
                "2. In the event of any inconsistency, the Sinhala text shall prevail."]  # (three pages, as printed)
    pages = [cover] + ["\n".join(["Migrant Workers (Amendment)", "Act, No. 27 of 2031", str(n), section])
                       for n, section in enumerate(sections, 1)]
    lines, stats = clean_pdf_pages(pages)
    assert stats["front"]["title"] == "Migrant Workers (Amendment) Act, No. 27 of 2031"
    assert [line.text for line in lines if line.page == 2] == [sections[0]]  # the running header is no text


def test_a_marginal_note_beside_a_stray_mark_or_repeated_in_its_sections_text_is_found():
    # Before, in the Anti-Corruption Act, No. 9 of 2023 the note "Code of Conduct" (s. 15), also words
    # of the section beside it, was not found (a note had to stand once in the page's text), nor, in the
    # Maternity Benefits (Amendment) Act, No. 15 of 2018, the note of s. 8, level with a printer's stray
    # "`" in the margin; on a page set mostly in a schedule's small type, s. 19's note of the Minimum
    # Retirement Age of Workers Act, No. 28 of 2021 was taken for body text.
    from lexmig.indexer.readers import margin_notes

    text = ("15. (1) The members shall be subject to the\nCode of Conduct of the Commission. The Code of\n"
            "Conduct shall be published.\n`\n16. The Commission may\nmake rules.\nCode of Conduct\nRules\n")
    fragments = [(223.0, 629.0, 10.0, "15."), (245.0, 629.0, 10.0, "(1) The members shall be subject to the"),
                 (143.0, 617.0, 10.0, "Code of Conduct of the Commission. The Code of"),
                 (143.0, 605.0, 10.0, "Conduct shall be published."), (62.0, 582.0, 12.0, "`"),
                 (223.0, 581.0, 10.0, "16."), (245.0, 581.0, 10.0, "The Commission may"), (143.0, 569.0, 10.0, "make rules."),
                 (395.0, 630.0, 8.0, "Code of Conduct"), (395.0, 581.5, 8.0, "Rules")]
    cut, found = margin_notes(text, fragments)
    assert found == [("15. (1) The members shall be subject to the", "Code of Conduct"),
                     ("16. The Commission may", "Rules")]
    assert cut.count("Code of Conduct") == 1 and "make rules.\n" in cut and not cut.rstrip().endswith("Rules")
    schedule = [(143.0, 500.0 - 10 * n, 8.0, f"{n}. Any worker in the public sector of the Republic.") for n in range(1, 9)]
    page = [(223.0, 583.0, 10.0, "19. In the event of any inconsistency"), (395.0, 583.5, 8.0, "Sinhala text to"),
            (395.0, 574.0, 8.0, "prevail."), *schedule]
    text = "19. In the event of any inconsistency\nSinhala text to\nprevail.\n"
    assert margin_notes(text, page)[1] == []  # the page's own type is the schedule's
    assert margin_notes(text, page, 10.0)[1] == [("19. In the event of any inconsistency", "Sinhala text to prevail.")]


def test_a_parts_title_wrapped_after_a_small_word_is_no_heading_of_the_section_below():
    # Before, in the Minimum Retirement Age of Workers Act, No. 28 of 2021, "PART III" / "ADMINISTRATION
    # OF THE ACT AND POWERS OF THE" / "COMMISSIONER-GENERAL" / "7. The Commissioner-General ...": the
    # title's last line was taken off the Part's title to title s. 7, over its marginal note.
    from lexmig.indexer.segment import Vocabulary, _Builder, _Node
    from lexmig.indexer.source import Line

    texts = ["PART III", "ADMINISTRATION OF THE ACT AND POWERS OF THE", "COMMISSIONER-GENERAL",
             "7. The Commissioner-General of Labour shall be in charge"]
    builder = _Builder([Line(text, 1) for text in texts], 0, len(texts), True, Vocabulary(texts))
    builder.started = True
    part = _Node("part", "iii", "ADMINISTRATION OF THE ACT AND POWERS OF THE COMMISSIONER-GENERAL")
    assert builder._cross_heading(3, part) is None
    assert part.title == "ADMINISTRATION OF THE ACT AND POWERS OF THE COMMISSIONER-GENERAL"
    texts[1] = "ADMINISTRATION AND POWERS"  # a heading of its own after a title that ends
    builder = _Builder([Line(text, 1) for text in texts], 0, len(texts), True, Vocabulary(texts))
    builder.started = True
    part = _Node("part", "iii", "ADMINISTRATION AND POWERS COMMISSIONER-GENERAL")
    assert builder._cross_heading(3, part) == "COMMISSIONER-GENERAL" and part.title == "ADMINISTRATION AND POWERS"


RETIREMENT_ACT = [
    ("RETIREMENT AGE ACT, No. 8 OF 2031", []),
    ("BE it enacted by the Parliament of the Republic as follows:-", []),
    ("1. This Act may be cited as the Retirement Age Act, No. 8 of 2031.", ["Short title."]),
    ("2. (1) Every tribunal shall have the powers of a court.", ["Jurisdiction."]),
    ("(2) The jurisdiction of a tribunal shall be limited to a judicial division of a", []),
    ("Magistrate's Court as may be demarcated under subsection", []),
    ("(3) of section 5 of the Judicature Act.", []),
    ("(3) The Minister may make regulations.", []),
    ("3. No employer shall retire a worker before the age in Schedule I.", ["Retirement", "age."]),
    ("SCHEDULE I section 3", []),
    ("54 or above and below 55 years 57 years", []),
    ("Below 52 years 60 years", []),
    ("SCHEDULE II section 3(1)", []),
    ("1. Any worker in the public sector.", []),
    ("2. Any domestic service.", []),
    ("Schedule III", []),
    ("[section 2(3)]", []),
    ("1. Labour Tribunal No. 1.", []),
]


def test_a_schedules_number_and_enabling_reference_and_a_reference_wrapped_after_a_capitalised_line(tmp_path):
    # Before, in the Minimum Retirement Age of Workers Act, No. 28 of 2021, "SCHEDULE I section 2" and
    # "SCHEDULE II section 3(1)" opened nothing (both schedules read as subsections of the last section);
    # in the Industrial Disputes (Special Provisions) Act, No. 19 of 2022, "Schedule II" was "schedule"
    # titled "II", and "... Magistrate's Court as may be demarcated under subsection" / "(3) of section 5
    # of the Judicature Act" opened a subsection (3) (a capitalised line was taken for a heading).
    from lexmig.indexer.readers import read_file
    from lexmig.indexer.segment import segment

    passages = segment(read_file(noted_act_pdf(tmp_path / "act.pdf", RETIREMENT_ACT)), "ra").passages
    assert [(p.passage_id, p.title) for p in passages] == [
        ("ra/s-1", "Short title"), ("ra/s-2", "Jurisdiction"), ("ra/s-2/1", None), ("ra/s-2/2", None),
        ("ra/s-2/3", None), ("ra/s-3", "Retirement age"), ("ra/schedule-i", None), ("ra/schedule-ii", None),
        ("ra/schedule-ii/para-1", None),
        ("ra/schedule-ii/para-2", None), ("ra/schedule-iii", None), ("ra/schedule-iii/para-1", None)]
    assert passages[3].text.endswith("as may be demarcated under subsection (3) of section 5 of the Judicature Act.")
    assert passages[4].text == "The Minister may make regulations."
    assert passages[6].text.startswith("section 3 54 or above") and passages[7].text == "section 3(1)"
    assert pinpoint(passages[9].path) == "Schedule II, para. 2"


INSTITUTE_ACT = [
    ("MIGRATION STUDIES INSTITUTE ACT, No. 12 OF 2031", []),
    ("BE it enacted by the Parliament of the Republic as follows:-", []),
    ("1. This Act may be cited as the Migration Studies Institute Act, No. 12 of 2031.", ["Short title."]),
    ("ESTABLISHMENT OF THE INSTITUTE", []),
    ("2. (1) There shall be established an Institute.", ["Establishment of", "the Institute."]),
    ("(2) The Institute shall be a body corporate.", []),
    ("STAFF OF THE INSTITUTE", []),
    ("3. The Board shall have the power to appoint officers.", ["Staff of the", "Institute"]),
    ("CHAPTER II", []),
    ("FINANCE AND OTHER", []),
    ("MATTERS", []),
    ("4. (1) The Institute shall have its own fund.", ["Fund of the", "Institute."]),
]


def test_a_group_heading_in_capitals_above_sections_beside_their_notes(tmp_path):
    # Before, in the National Institute of Labour Studies Act, No. 12 of 2010, "ESTABLISHMENT OF THE
    # NATIONAL INSTITUTE OF LABOUR STUDIES" above "2. (1) ..." ended the text of s. 1 (and "FINANCE",
    # "GENERAL PROVISIONS" the text of ss. 20 and 23), and "STAFF OF THE INSTITUTE" above "14. Subject
    # to ..." titled s. 14 over its marginal note: none opened a group of sections.
    from lexmig.indexer.readers import read_file
    from lexmig.indexer.segment import segment

    passages = segment(read_file(noted_act_pdf(tmp_path / "act.pdf", INSTITUTE_ACT)), "mi").passages
    assert [(p.passage_id, p.title) for p in passages] == [
        ("mi/s-1", "Short title"), ("mi/heading-1", "ESTABLISHMENT OF THE INSTITUTE"),
        ("mi/s-2", "Establishment of the Institute"), ("mi/s-2/1", None), ("mi/s-2/2", None),
        ("mi/heading-2", "STAFF OF THE INSTITUTE"), ("mi/s-3", "Staff of the Institute"),
        ("mi/ch-ii", "FINANCE AND OTHER MATTERS"), ("mi/s-4", "Fund of the Institute"), ("mi/s-4/1", None)]
    assert passages[0].text == "This Act may be cited as the Migration Studies Institute Act, No. 12 of 2031."


def test_a_singapore_acts_commencement_note_abbreviations_and_help_are_no_part_of_it(tmp_path):
    # Before, in the Work Injury Compensation Act 2019's page, the note of when its parts came into
    # force ("[1 September 2020: Except sections ... ;" / "1 January 2021: Sections ... ]") opened a
    # section 1 titled "January 2021" (the real s. 1 read into Part 1's title); and in every Singapore
    # Statutes Online page the publisher's key of abbreviations after the Legislative History and the
    # site's "Help" pop-up's heading ended the last unit's text (realdocs11's Left).
    page = singapore_page().replace(
        "<p>PART 1 [3/2031]</p>",
        "<h2>An Act to provide for the employment of foreign workers.</h2>"
        "<p>[1 September 2031: Except sections 2 and 2A ;</p><p>1 January 2032: Sections 2 and 2A ]</p>"
        "<p>PART 1 [3/2031]</p>").replace(
        "<div style=\"display: none\">",
        "<table><tr><td class=\"LH\"><p>LEGISLATIVE HISTORY</p><p>Foreign Workers Act 2031</p></td></tr></table>"
        "<table><tr><td class=\"LH\"><p>Abbreviations</p><p>G.N. | Gazette Notification</p><p>Parl. | Parliament</p>"
        "</td></tr></table><div class=\"modal fade\" role=\"dialog\"><h4>Help</h4></div><div style=\"display: none\">")
    passages = html_passages(page, tmp_path, "fw")
    assert [(p.passage_id, p.title) for p in passages][:2] == [("fw/part-1", "PRELIMINARY"), ("fw/s-1", "Short title")]
    assert passages[1].text == "This Act is the Foreign Workers Act 2031."
    assert passages[-1].passage_id == "fw/schedule/para-2" and passages[-1].text == "A photograph."
    # a report's own list of abbreviations, with no history before it, is its text
    from lexmig.indexer.readers import read_file

    (tmp_path / "rm.html").write_text("<html><body><h2>Report on Migration 2031</h2><div><p>Abbreviations</p>"
                                      "<p>ILO: International Labour Office</p></div><p>The report covers 2031.</p></body></html>")
    lines = [line.text for line in read_file(tmp_path / "rm.html").lines]
    assert lines[1:3] == ["Abbreviations", "ILO: International Labour Office"]
