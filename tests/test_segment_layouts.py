"""Published layouts of national laws, codes, bylaws and regulations, each in a text file and
in a PDF the test builds (text written for these tests, printed as such documents are)."""

import pytest

from lexmig.indexer.citation import pinpoint
from lexmig.indexer.readers import read_file, read_markdown
from lexmig.indexer.segment import segment
from tests.test_segment import html_passages, pdf_of


def passages_of(text: str, fmt: str, tmp_path, doc_id: str = "d"):
    source = read_markdown(text) if fmt == "text" else read_file(pdf_of(text, tmp_path / f"{doc_id}.pdf"))
    return segment(source, doc_id).passages


BYLAWS = """BYLAWS OF THE RIVERSIDE MIGRANT WORKERS ASSOCIATION

ARTICLE I — NAME
Section 1. The name of this organization shall be the Riverside Migrant Workers Association.
Section 2. The Association is a non-profit organization.

ARTICLE II — MEMBERSHIP
Section 1. Eligibility. Membership shall be open to any worker employed in the region.
Section 2. Dues. Each member shall pay annual dues set by the Board:
(a) in one payment; or
(b) in two payments.
Section 3. Termination. A member who fails to pay dues for two years ceases to be a member.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_the_sections_of_a_bylaws_articles_are_units_of_their_article(fmt, tmp_path):
    # Before, "Section 1. The name ..." stayed text of its article (a section is never one
    # inside an article, so that an EU act's "Section 2" of articles stays a division).
    passages = passages_of(BYLAWS, fmt, tmp_path)
    assert [(p.passage_id, p.title, p.text[:30]) for p in passages] == [
        ("d/art-i", "NAME", ""), ("d/art-i/s-1", None, "The name of this organization "),
        ("d/art-i/s-2", None, "The Association is a non-profi"), ("d/art-ii", "MEMBERSHIP", ""),
        ("d/art-ii/s-1", "Eligibility", "Membership shall be open to an"),
        ("d/art-ii/s-2", "Dues", "Each member shall pay annual d"), ("d/art-ii/s-2/a", None, "in one payment; or"),
        ("d/art-ii/s-2/b", None, "in two payments."),
        ("d/art-ii/s-3", "Termination", "A member who fails to pay dues")]
    cited = {p.passage_id: p for p in passages}
    assert pinpoint(cited["d/art-ii/s-2/b"].path) == "Article II, section 2(b)"
    assert pinpoint(cited["d/art-ii/s-1"].path, short=True) == "Art. II, s. 1"


LABOR_CODE = """THE LABOR CODE OF THE REPUBLIC

PRELIMINARY TITLE

CHAPTER I
GENERAL PROVISIONS

ART. 1. Name of Decree. - This Decree shall be known as the Labor Code.

ART. 2. Date of effectivity. - This Code shall take effect six months after its promulgation.

BOOK ONE
PRE-EMPLOYMENT

ART. 3. Statement of objectives. - It is the policy of the State to promote full employment.

TITLE I
RECRUITMENT AND PLACEMENT OF WORKERS

CHAPTER I
GENERAL PROVISIONS

ART. 4. Definitions. - Worker means any member of the labor force, whether employed or unemployed.

CHAPTER II
REGULATION OF RECRUITMENT AND PLACEMENT ACTIVITIES

ART. 5. Private sector participation. - The private sector shall participate in the recruitment of workers.

BOOK TWO
HUMAN RESOURCES DEVELOPMENT

TITLE I
NATIONAL MANPOWER DEVELOPMENT PROGRAM

ART. 6. Statement of objective. - It is the objective of this Title to develop human resources.
"""
IMPLEMENTING_RULES = """RULES IMPLEMENTING THE LABOR CODE

BOOK I
PRE-EMPLOYMENT

RULE I
DEFINITIONS

Section 1. Definitions. - As used in this Book, the Department means the Department of Labor.

Section 2. Coverage. - These Rules apply to all recruitment agencies.

RULE II
LICENSING OF AGENCIES

Section 1. Application for licence. - An agency shall file its application with the Bureau.

Section 2. Fees. - The applicant shall pay a filing fee.

BOOK II
HUMAN RESOURCES DEVELOPMENT

RULE I
APPRENTICESHIP

Section 1. Apprenticeable occupations. - The Bureau shall determine the apprenticeable occupations.
"""


CODE_UNITS = [
    ("d/ch-i", "GENERAL PROVISIONS"), ("d/art-1", "Name of Decree"), ("d/art-2", "Date of effectivity"),
    ("d/book-1", "PRE-EMPLOYMENT"), ("d/art-3", "Statement of objectives"),
    ("d/book-1/title-i", "RECRUITMENT AND PLACEMENT OF WORKERS"), ("d/book-1/title-i/ch-i", "GENERAL PROVISIONS"),
    ("d/art-4", "Definitions"), ("d/book-1/title-i/ch-ii", "REGULATION OF RECRUITMENT AND PLACEMENT ACTIVITIES"),
    ("d/art-5", "Private sector participation"), ("d/book-2", "HUMAN RESOURCES DEVELOPMENT"),
    ("d/book-2/title-i", "NATIONAL MANPOWER DEVELOPMENT PROGRAM"), ("d/art-6", "Statement of objective")]
RULES_UNITS = [
    ("d/book-i", "PRE-EMPLOYMENT"), ("d/book-i/rule-i", "DEFINITIONS"), ("d/book-i/rule-i/s-1", "Definitions"),
    ("d/book-i/rule-i/s-2", "Coverage"), ("d/book-i/rule-ii", "LICENSING OF AGENCIES"),
    ("d/book-i/rule-ii/s-1", "Application for licence"), ("d/book-i/rule-ii/s-2", "Fees"),
    ("d/book-ii", "HUMAN RESOURCES DEVELOPMENT"), ("d/book-ii/rule-i", "APPRENTICESHIP"),
    ("d/book-ii/rule-i/s-1", "Apprenticeable occupations")]


@pytest.mark.parametrize("fmt", ["text", "pdf"])
@pytest.mark.parametrize("text, expected", [(LABOR_CODE, CODE_UNITS), (IMPLEMENTING_RULES, RULES_UNITS)])
def test_a_codes_books_titles_chapters_and_rules(fmt, text, expected, tmp_path):
    # Before, "BOOK ONE" was text of the article above it and both books' "TITLE I" were one
    # title printed twice ("title-i", "title-i-2"); "RULE II" and every section after it were
    # text of the section before.
    assert [(p.passage_id, p.title) for p in passages_of(text, fmt, tmp_path)] == expected


def test_a_books_units_carry_it_in_their_path_and_a_rules_sections_cite_it():
    article = next(p for p in segment(read_markdown(LABOR_CODE), "d").passages if p.passage_id == "d/art-5")
    assert [(s.kind, s.label) for s in article.path] == [("book", "1"), ("title", "I"), ("chapter", "II"),
                                                          ("article", "5")]
    assert article.text == "The private sector shall participate in the recruitment of workers."
    assert pinpoint(article.path) == "Article 5"  # the articles of a code are numbered through its books
    fees = next(p for p in segment(read_markdown(IMPLEMENTING_RULES), "d").passages
                if p.passage_id == "d/book-i/rule-ii/s-2")
    assert fees.text == "The applicant shall pay a filing fee."
    assert pinpoint(fees.path) == "Book I, Rule II, section 2"


def test_rules_of_procedure_numbered_in_figures_are_no_group_of_sections():
    # "Rule 1" of a committee's rules of procedure is a provision: it opens no "rule" division.
    text = "# Rules of procedure\n\nRule 1\n\nThe Committee shall meet once a year.\n"
    assert segment(read_markdown(text), "rules").passages == []


REGULATIONS = """The Seasonal Workers (Employment) Regulations 2031

Made 3rd March 2031

The Secretary of State makes these Regulations in exercise of the powers conferred by section 4 of the Workers Act 2030.

Citation and commencement
1. These Regulations may be cited as the Seasonal Workers (Employment) Regulations 2031 and come into force
on 1st April 2031.

Interpretation
2.—(1) In these Regulations "employer" means a person who employs a seasonal worker.
(2) A reference to a licence is to a licence granted under regulation 4.

Written statement of terms
3.—(1) An employer must give a seasonal worker a written statement of terms before the work begins.
(2) The statement must be in a language the worker understands.

Licences
4. The Secretary of State may grant a licence to a person who supplies seasonal workers.

Revocation
5.—(1) The Seasonal Workers Regulations 2020 are revoked.
(2) Paragraph (1) does not affect a licence granted before 1st April 2031.
"""
REGULATION_UNITS = [
    ("d/s-1", "Citation and commencement", "These Regulations may be cited as the Seasonal Workers (Employment) "
                                           "Regulations 2031 and come into force on 1st April 2031."),
    ("d/s-2", "Interpretation", None), ("d/s-2/1", None, None),
    ("d/s-2/2", None, "A reference to a licence is to a licence granted under regulation 4."),
    ("d/s-3", "Written statement of terms", None), ("d/s-3/1", None, None),
    ("d/s-3/2", None, "The statement must be in a language the worker understands."),
    ("d/s-4", "Licences", "The Secretary of State may grant a licence to a person who supplies seasonal workers."),
    ("d/s-5", "Revocation", None), ("d/s-5/1", None, None),
    ("d/s-5/2", None, "Paragraph (1) does not affect a licence granted before 1st April 2031.")]


def regulations_page(tmp_path):
    """The regulations as a legislation site serves them: cross-headings as headings."""
    headings = {"Citation and commencement", "Interpretation", "Written statement of terms", "Licences", "Revocation"}
    lines = [line for line in REGULATIONS.splitlines()[1:] if line]
    body = "".join(f"<h3>{line}</h3>" if line in headings else f"<p>{line}</p>" for line in lines)
    page = (f"<html><body><nav>Home | Browse legislation</nav><main><h1>{REGULATIONS.splitlines()[0]}</h1>"
            f"{body}</main></body></html>")
    (tmp_path / "regs.html").write_text(page, encoding="utf-8")
    return read_file(tmp_path / "regs.html")


@pytest.mark.parametrize("fmt", ["text", "pdf", "html"])
def test_a_regulations_cross_heading_titles_it_and_regulation_1_is_a_unit(fmt, tmp_path):
    # Before, each cross-heading ("Interpretation") was text at the end of the regulation above
    # it; regulation 1 was a paragraph ("para-1") in a text file and front matter in a PDF, and
    # regulation 4, printed without paragraphs ("4. The Secretary of State ..."), text of 3(2).
    if fmt == "html":
        passages = segment(regulations_page(tmp_path), "d").passages
    else:
        passages = passages_of(REGULATIONS.replace("\non 1st", " on 1st") if fmt == "pdf" else REGULATIONS,
                               fmt, tmp_path)
    assert [(p.passage_id, p.title, p.text if text else None) for p, (_, _, text) in zip(passages, REGULATION_UNITS)] \
        == REGULATION_UNITS and len(passages) == len(REGULATION_UNITS)
    assert pinpoint(passages[2].path) == "section 2(1)"


GULF_RESOLUTION = """Ministerial Resolution No. (44) of 2031
On Working Hours of Domestic Workers

The Minister of Labour,
Having perused the Labour Law promulgated by Law No. (14) of 2004,
Has decided the following:

Article (1) Definitions
In the application of this Resolution, the Worker means a domestic worker.

Article (2) Working hours
The working hours shall not exceed ten hours a day, as provided in
Article (3) of the Labour Law.

Article (3): Weekly Rest
The worker shall be entitled to a weekly rest of not less than twenty-four consecutive hours.

Article (4) - Annual Leave
The worker shall be entitled to an annual leave of three weeks.

Article (5)
The competent authorities, each within its competence, shall implement this Resolution.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_gulf_laws_article_with_its_title_on_the_heading_line(fmt, tmp_path):
    # Before, "Article (1) Definitions", "Article (3): Weekly Rest" and "Article (4) - Annual
    # Leave" were text: only "Article (5)" was found, after the preamble.
    passages = passages_of(GULF_RESOLUTION, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages if p.kind == "article"] == [
        ("d/art-1", "Definitions"), ("d/art-2", "Working hours"), ("d/art-3", "Weekly Rest"),
        ("d/art-4", "Annual Leave"), ("d/art-5", None)]
    second = next(p for p in passages if p.passage_id == "d/art-2")
    assert " ".join(second.text.split()).endswith("as provided in Article (3) of the Labour Law.")  # text


CANADIAN_ACT = """Seasonal Agricultural Workers Act
S.C. 2031, c. 4

An Act respecting the protection of seasonal agricultural workers

Short Title
Short title
1 This Act may be cited as the Seasonal Agricultural Workers Act.

Interpretation
Definitions
2 (1) The following definitions apply in this Act.
employer means a person who employs a seasonal worker. (employeur)
Contracts
(2) A reference to a contract includes its renewal.

PART 1
Protection of Workers

Recruitment
Prohibition
3 (1) No person shall charge a worker a fee for recruitment under
section 2 of the Recruitment Act.
Exception
(2) Subsection (1) does not apply to a fee paid by the employer.
Contracts
4 Every employer shall give the worker a copy of the contract in a language the worker understands.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_an_acts_sections_under_marginal_notes(fmt, tmp_path):
    # Canadian acts print "2 (1) The following ..." and "4 Every employer ..." (no stop after
    # the number) under a marginal note; before, no section was found: every line was text of
    # the preamble or of the part above. A definition ending in its French term ("(employeur)")
    # ends a sentence: the note under it titles subsection (2). The heading of a group of
    # sections above a note ("Interpretation"), once dropped, is a `heading` numbered in order.
    passages = passages_of(CANADIAN_ACT, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/heading-1", "Short Title"), ("d/s-1", "Short title"), ("d/heading-2", "Interpretation"),
        ("d/s-2", "Definitions"), ("d/s-2/1", None), ("d/s-2/2", "Contracts"),
        ("d/part-1", "Protection of Workers"), ("d/part-1/heading-3", "Recruitment"), ("d/s-3", "Prohibition"),
        ("d/s-3/1", None), ("d/s-3/2", "Exception"), ("d/s-4", "Contracts")]
    text = {p.passage_id: " ".join(p.text.split()) for p in passages}
    assert text["d/s-3/1"] == "No person shall charge a worker a fee for recruitment under section 2 of the Recruitment Act."
    assert text["d/part-1"] == text["d/part-1/heading-3"] == ""  # a group's heading is no text
    cited = {p.passage_id: p for p in passages}
    assert [(s.kind, s.label) for s in cited["d/s-4"].path] == [("part", "1"), ("heading", "3"), ("statute-section", "4")]
    assert pinpoint(cited["d/s-3/2"].path) == "section 3(2)" and pinpoint(cited["d/part-1/heading-3"].path) == "Part 1, heading 3"
    assert text["d/s-4"] == "Every employer shall give the worker a copy of the contract in a language the worker understands."


SOUTH_AFRICAN_ACT = """REPUBLIC OF SOUTH AFRICA

EMPLOYMENT SERVICES AMENDMENT ACT

ACT
To provide for the regulation of private employment agencies; and to provide for matters connected therewith.

BE IT ENACTED by the Parliament of the Republic of South Africa, as follows:—

CHAPTER 1
DEFINITIONS, PURPOSE AND APPLICATION

Definitions
1. In this Act, unless the context indicates otherwise—
"Minister" means the Minister of Employment and Labour.

Purpose of Act
2. The purpose of this Act is to—
(a) promote employment;
(b) regulate the employment of foreign nationals.

CHAPTER 2
EMPLOYMENT OF FOREIGN NATIONALS

Employment of foreign nationals
3. (1) An employer may not employ a foreign national who does not hold a visa.
(2) An employer who employs a foreign national must ascertain that the foreign national is entitled to work.

Short title and commencement
4. This Act is called the Employment Services Amendment Act, 2031.
"""
REPORT = """Report of the Secretary-General on international migration

Introduction
1. The present report is submitted pursuant to General Assembly resolution 79/100.
2. It reviews the measures taken by Member States since the last report.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_south_african_acts_sections_under_their_side_headings(fmt, tmp_path):
    # Before, in a text file section 1 was titled with its own first words ("In this Act, unless
    # the context indicates otherwise") and sections 3 and 4 were text of chapter 2; in a PDF
    # every section was a paragraph ("para-1") and each side heading ran on into a chapter's title.
    passages = passages_of(SOUTH_AFRICAN_ACT, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/ch-1", "DEFINITIONS, PURPOSE AND APPLICATION"), ("d/s-1", "Definitions"), ("d/s-2", "Purpose of Act"),
        ("d/s-2/a", None), ("d/s-2/b", None), ("d/ch-2", "EMPLOYMENT OF FOREIGN NATIONALS"),
        ("d/s-3", "Employment of foreign nationals"), ("d/s-3/1", None), ("d/s-3/2", None),
        ("d/s-4", "Short title and commencement")]
    first = next(p for p in passages if p.passage_id == "d/s-1")
    assert first.text.startswith("In this Act, unless the context indicates otherwise")
    assert pinpoint(passages[3].path) == "section 2(a)"


@pytest.mark.parametrize("fmt, expected", [("text", ["d/para-1", "d/para-2"]), ("pdf", [])])
def test_a_reports_numbered_paragraphs_under_one_heading_stay_paragraphs(fmt, expected, tmp_path):
    # One heading above "1." is no marginal note: an Act prints one above every section (a
    # PDF's "1." before any structure is front matter, as before).
    assert [p.passage_id for p in passages_of(REPORT, fmt, tmp_path)] == expected


def directive_page(tmp_path):
    """A short directive as EUR-Lex serves it in English: its classes, recitals and points in
    two-cell tables, a footnote call in the citations."""
    def cells(label: str, text: str) -> str:
        return (f'<table><col width="4%"/><col width="96%"/><tbody><tr><td><p class="oj-normal">({label})</p></td>'
                f'<td><p class="oj-normal">{text}</p></td></tr></tbody></table>')

    body = [
        '<p class="oj-doc-ti">DIRECTIVE (EU) 2031/7 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL</p>',
        '<p class="oj-doc-ti">of 3 March 2031</p>',
        '<p class="oj-doc-ti">on the entry and residence of third-country seasonal workers</p>',
        '<p class="oj-normal">THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,</p>',
        '<p class="oj-normal">Having regard to the Treaty on the Functioning of the European Union,</p>',
        '<p class="oj-normal">Having regard to the opinion of the Committee <a id="ntc1" href="#ntr1">'
        '(<span class="oj-super oj-note-tag">1</span>)</a>,</p>',
        '<p class="oj-normal">Whereas:</p>',
        cells("1", "Seasonal work is a recurring need of agriculture in the Member States."),
        cells("2", "Seasonal workers should enjoy equal treatment as regards working conditions."),
        '<p class="oj-normal">HAVE ADOPTED THIS DIRECTIVE:</p>',
        '<p class="oj-ti-art">Article 1</p><p class="oj-sti-art">Definitions</p>',
        '<p class="oj-normal">For the purposes of this Directive:</p>',
        cells("a", "‘seasonal worker’ means a third-country national who stays for seasonal work;"),
        cells("b", "‘employer’ means a person who employs a seasonal worker."),
        '<p class="oj-ti-art">Article 2</p><p class="oj-sti-art">Addressees</p>',
        '<p class="oj-normal">This Directive is addressed to the Member States.</p>',
        '<p class="oj-note"><a id="ntr1" href="#ntc1">(<span class="oj-super">1</span>)</a>  OJ C 12, 1.1.2031, p. 1.</p>',
    ]
    page = "<html><body><header>EUR-Lex Access to European Union law</header>" + "".join(body) + "</body></html>"
    (tmp_path / "directive.html").write_text(page, encoding="utf-8")
    return read_file(tmp_path / "directive.html")


def test_a_directive_with_few_recitals_keeps_its_preamble(tmp_path):
    # Before, its enacting formula in capitals ("HAVE ADOPTED THIS DIRECTIVE:"), among the first
    # eight lines of a short preamble, was taken for a title line: the preamble and its recitals
    # were dropped as the title page.
    passages = segment(directive_page(tmp_path), "d").passages
    assert [(p.passage_id, p.title, p.anchor) for p in passages] == [
        ("d/preamble", None, None), ("d/recital-1", None, None), ("d/recital-2", None, None),
        ("d/art-1", "Definitions", None), ("d/art-1/a", None, None), ("d/art-1/b", None, None),
        ("d/art-2", "Addressees", None), ("d/fn-1", None, "d/preamble")]
    assert passages[0].text.startswith("THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,")
    assert passages[2].text == "Seasonal workers should enjoy equal treatment as regards working conditions."


RESOLUTION = """United Nations A/RES/80/15
General Assembly Distr.: General
10 December 2031

80/15. Protection of migrant workers

The General Assembly,

Recalling its resolution 78/20 of 7 December 2023,

Recalling also the International Convention on the Protection of the Rights of All Migrant Workers,1

Deeply concerned at the growing number of migrants in vulnerable situations,

Taking note of the report of the Secretary-General,2

1. Calls upon all States to protect the human rights of migrants;

2. Decides to include in the provisional agenda of its next session the item "Protection of migrant workers".

__________________
1 United Nations, Treaty Series, vol. 2220, No. 39481.
2 A/80/300.
"""


def test_a_resolution_as_text_with_its_footnotes_below_a_rule():
    # Before, "1 United Nations, Treaty Series ..." was text of operative paragraph 2, and the
    # call glued to a clause ("Workers,1") ran the next clause into it (three recitals, not four).
    passages = segment(read_markdown(RESOLUTION), "res").passages
    assert [(p.passage_id, p.anchor) for p in passages] == [
        ("res/preamble", None), ("res/recital-1", None), ("res/recital-2", None), ("res/recital-3", None),
        ("res/recital-4", None), ("res/para-1", None), ("res/para-2", None),
        ("res/fn-1", "res/recital-2"), ("res/fn-2", "res/recital-4")]
    text = {p.passage_id: p.text for p in passages}
    assert text["res/recital-2"].endswith("Migrant Workers,")
    assert text["res/para-2"].endswith('the item "Protection of migrant workers".')
    assert text["res/fn-2"] == "A/80/300."


CONSTITUTION = """CONSTITUTION OF THE DOMESTIC WORKERS UNION

ARTICLE I
NAME

Section 1 - Name. The name of this union shall be the Domestic Workers Union.

ARTICLE II
MEMBERSHIP

Section 1: Eligibility
Any domestic worker may become a member.

Section 2: Dues
Members shall pay monthly dues of one per cent of their wages.

ARTICLE III
OFFICERS

Sec. 1. The officers shall be a President, a Secretary and a Treasurer.
Sec. 2. Officers are elected for two years.
"""
NEW_ZEALAND_ACT = """Recognised Seasonal Employer Act 2031

Public Act 2031 No 12

The Parliament of New Zealand enacts as follows:

1 Title
This Act is the Recognised Seasonal Employer Act 2031.

2 Commencement
This Act comes into force on the day after the date of Royal assent.

Part 1
Preliminary provisions

3 Purpose
The purpose of this Act is to protect seasonal workers.

4 Interpretation
(1) In this Act, worker means a person employed under this Act.
(2) A reference to a visa is to a visa granted under the Immigration Act 2009.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
@pytest.mark.parametrize("text, expected", [
    # Before, the dash or colon after the number was the start of the section's text.
    (CONSTITUTION, [("d/art-i", "NAME"), ("d/art-i/s-1", "Name"), ("d/art-ii", "MEMBERSHIP"),
                    ("d/art-ii/s-1", "Eligibility"), ("d/art-ii/s-2", "Dues"), ("d/art-iii", "OFFICERS"),
                    ("d/art-iii/s-1", None), ("d/art-iii/s-2", None)]),
    # Before, no section was found (the first heading "1 Title" is above text, not a subsection
    # "(1)"), and "Part 1" had no title (in sentence case).
    (NEW_ZEALAND_ACT, [("d/s-1", "Title"), ("d/s-2", "Commencement"), ("d/part-1", "Preliminary provisions"),
                       ("d/s-3", "Purpose"), ("d/s-4", "Interpretation"), ("d/s-4/1", None), ("d/s-4/2", None)]),
])
def test_more_published_forms_of_sections(fmt, text, expected, tmp_path):
    assert [(p.passage_id, p.title) for p in passages_of(text, fmt, tmp_path)] == expected


INSTRUMENT_WITH_SCHEDULE = """The Immigration (Seasonal Workers) Regulations 2031

Made 1st March 2031

The Secretary of State makes these Regulations in exercise of the powers conferred by section 3 of the Immigration Act.

Citation and commencement
1.—(1) These Regulations may be cited as the Immigration (Seasonal Workers) Regulations 2031.
(2) These Regulations come into force on 1st April 2031.

Fees
2. The fees set out in the Schedule are payable.

SCHEDULE
Regulation 2
1. The fee for an application is 100 pounds.
2. The fee for a renewal is 50 pounds.

EXPLANATORY NOTE
(This note is not part of the Regulations)
These Regulations set the fees payable by seasonal workers.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_statutory_instruments_schedule_and_explanatory_note_are_appended(fmt, tmp_path):
    # Before, both were text of the last regulation (a schedule was one only after articles, and
    # only in a PDF).
    passages = passages_of(INSTRUMENT_WITH_SCHEDULE, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/s-1", "Citation and commencement"), ("d/s-1/1", None), ("d/s-1/2", None), ("d/s-2", "Fees"),
        ("d/schedule", None), ("d/schedule/para-1", None), ("d/schedule/para-2", None), ("d/explanatory-note", None)]
    assert passages[3].text == "The fees set out in the Schedule are payable."
    assert " ".join(passages[-1].text.split()) == ("(This note is not part of the Regulations) These Regulations "
                                                    "set the fees payable by seasonal workers.")


def test_an_acts_web_page_with_its_parts_and_sections_as_paragraphs(tmp_path):
    # A legislation register's page prints headings as paragraphs of their own classes
    # ("Part 1—Preliminary", "1  Short title"); before, the first part was dropped with the
    # front matter and the second was text of the section above it.
    paragraphs = [
        ("ShortT", "Seasonal Workers Act 2031"),
        ("ActHead2", '<span class="CharPartNo">Part 1</span>—<span class="CharPartText">Preliminary</span>'),
        ("ActHead5", '<span class="CharSectno">1</span>  Short title'),
        ("subsection", "  This Act is the <i>Seasonal Workers Act 2031</i>."),
        ("ActHead5", '<span class="CharSectno">2</span>  Definitions'),
        ("subsection", "(1)  In this Act, employer means a person who employs a seasonal worker."),
        ("subsection", "(2)  A visa is a visa under the Migration Act 1958."),
        ("ActHead2", '<span class="CharPartNo">Part 2</span>—<span class="CharPartText">Obligations</span>'),
        ("ActHead5", '<span class="CharSectno">3</span>  Employer must pay wages'),
        ("subsection", "  An employer must pay a seasonal worker at least the minimum wage."),
    ]
    page = "<html><body><nav>Federal Register of Legislation</nav>" + "".join(
        f'<p class="{name}">{content}</p>' for name, content in paragraphs) + "</body></html>"
    passages = html_passages(page, tmp_path, "d")
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/part-1", "Preliminary"), ("d/s-1", "Short title"), ("d/s-2", "Definitions"), ("d/s-2/1", None),
        ("d/s-2/2", None), ("d/part-2", "Obligations"), ("d/s-3", "Employer must pay wages")]
    assert passages[4].text == "A visa is a visa under the Migration Act 1958."


GAZETTE_RULES = """Kenya Gazette Supplement No. 44

LEGAL NOTICE No. 12

IN EXERCISE of the powers conferred by section 20 of the Labour Migration Act, the Cabinet Secretary makes the following Rules—

THE LABOUR MIGRATION (AGENCIES) RULES, 2031

1. These Rules may be cited as the Labour Migration (Agencies) Rules, 2031.

2. In these Rules, "agency" has the meaning assigned to it in the Act.

3. (1) An application for registration shall be made in Form A.
(2) The application shall be accompanied by a fee of ten thousand shillings.

4. A registered agency shall keep a register of workers.
"""
KENYAN_ACT = """LABOUR MIGRATION ACT
No. 5 of 2031

PART I—PRELIMINARY
1. Short title and commencement
This Act may be cited as the Labour Migration Act, 2031.
2. Interpretation
(1) In this Act "agency" means a private employment agency.
(2) A reference to a worker includes a prospective worker.

PART II—REGISTRATION OF AGENCIES
3. Fees
An agency shall not charge a worker any fee.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
@pytest.mark.parametrize("text, expected", [
    # Rules in a gazette, their sections untitled: before, paragraphs in a text file ("para. 3(1)")
    # and in a PDF one preamble holding them all.
    (GAZETTE_RULES, [("d/s-1", None), ("d/s-2", None), ("d/s-3", None), ("d/s-3/1", None), ("d/s-3/2", None),
                     ("d/s-4", None)]),
    # Before, paragraphs whose text opened with their headings ("para-1": "Short title and ...").
    (KENYAN_ACT, [("d/part-i", "PRELIMINARY"), ("d/s-1", "Short title and commencement"), ("d/s-2", "Interpretation"),
                  ("d/s-2/1", None), ("d/s-2/2", None), ("d/part-ii", "REGISTRATION OF AGENCIES"), ("d/s-3", "Fees")]),
])
def test_sections_that_open_with_the_citation_clause_or_a_heading_with_a_stop(fmt, text, expected, tmp_path):
    passages = passages_of(text, fmt, tmp_path)
    assert [(p.passage_id, p.title) for p in passages if p.kind != "preamble"] == expected
    assert passages[-1].text.endswith("shall keep a register of workers." if text is GAZETTE_RULES
                                      else "An agency shall not charge a worker any fee.")


def test_a_rules_and_an_articles_sections_are_found_by_their_citations(tmp_path):
    # Before, "Book I, Rule II, section 2" was "no section 2" (the reader knew no book or rule),
    # and "Article II, section 2" showed the whole article.
    from tests.conftest import run

    home = tmp_path / "home"
    for doc_id, title, text in (("irr", "Implementing Rules", IMPLEMENTING_RULES), ("bylaws", "Bylaws", BYLAWS)):
        (tmp_path / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        assert run(home, "add", str(tmp_path / f"{doc_id}.txt"), "--id", doc_id, "--title", title).exit_code == 0
    for query, shown in (("irr, Book I, Rule II, section 2", "Implementing Rules, Book I, Rule II, section 2 — Fees"),
                         ("irr Book II Rule I s 1", "Implementing Rules, Book II, Rule I, section 1 — Apprenticeable "
                                                    "occupations"),
                         ("bylaws, Article II, section 2(b)", "Bylaws, Article II, section 2(b)"),
                         ("bylaws art. II", "Bylaws, Article II — MEMBERSHIP")):
        assert run(home, "show", query).output.splitlines()[0] == shown


GULF_LAW_IN_WORDS = """Labor Law

Article One:
Name of the Law
This Law shall be called the Labor Law.

Article Two:
Definitions
In this Law, the Ministry means the Ministry of Labor.

ARTICLE THREE
The employer shall provide a copy of the contract to the worker.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_articles_numbered_in_words(fmt, tmp_path):
    # Before, "Article One:" was text: no legal structure was found.
    passages = passages_of(GULF_LAW_IN_WORDS, fmt, tmp_path)
    assert [(p.passage_id, p.title, p.text) for p in passages] == [
        ("d/art-1", "Name of the Law", "This Law shall be called the Labor Law."),
        ("d/art-2", "Definitions", "In this Law, the Ministry means the Ministry of Labor."),
        ("d/art-3", None, "The employer shall provide a copy of the contract to the worker.")]


def test_a_pdfs_wrapped_line_opening_with_a_date_opens_no_section(tmp_path):
    # A first version of the "1 Title" rule made "1 July 2032 the Republic ..." (a sentence
    # wrapped before a date) a section titled with the rest of the line.
    text = ("AGREEMENT ON THE WITHDRAWAL OF WEAPONS\n\nThe parties agree to the following measures, which each shall take by\n"
            "1 July 2032 the Republic and the Kingdom\nshall ensure the withdrawal of weapons to the central bases.\n"
            "The parties also agree that by\n2 August 2032 the States concerned\nshall report to the Council on the measures.\n")
    assert "statute-section" not in {p.kind for p in passages_of(text, "pdf", tmp_path, "agreement")}


DECISION_WITH_AN_UNNUMBERED_FIRST_PARAGRAPH = """Cabinet Decision No. 7 of 2031 Concerning Seasonal Workers

Article (1)
This Decision applies to seasonal workers.

Article (2)
The employer shall:
a. provide the worker with a copy of the contract;
b. pay the wage monthly;
c. provide housing.
2. The employer may not keep the worker's passport.
3. The employer shall bear the cost of the return ticket.

Article (3)
This Decision shall come into force on the date of its publication.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_numbered_paragraph_2_after_an_unnumbered_lead_in_and_its_points(fmt, tmp_path):
    # The decision prints no "1." before the lead-in of Article 2's first paragraph and its points;
    # before, "2." and "3." were the text of point (c).
    passages = passages_of(DECISION_WITH_AN_UNNUMBERED_FIRST_PARAGRAPH, fmt, tmp_path)
    assert [(p.passage_id, p.text) for p in passages if p.passage_id.startswith("d/art-2/")] == [
        ("d/art-2/a", "provide the worker with a copy of the contract;"), ("d/art-2/b", "pay the wage monthly;"),
        ("d/art-2/c", "provide housing."), ("d/art-2/2", "The employer may not keep the worker's passport."),
        ("d/art-2/3", "The employer shall bear the cost of the return ticket.")]


DECISION_WITH_SCHEDULES_TITLED_IN_CAPITALS = """Cabinet Decision No. 7 of 2031 Concerning Seasonal Workers

Article (1)
This Decision applies to seasonal workers.

Article (2)
This Decision shall come into force on the date of its publication.

SCHEDULE NO.(1)
SEASONAL WORKERS OCCUPATIONS
ANNEXED TO CABINET DECISION NO. 7 OF 2031
1. Fruit picker
2. Vineyard worker

ANNEX II
FORM OF THE EMPLOYMENT CONTRACT
FOR SEASONAL WORKERS
The contract states the wage.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_schedules_and_an_annexs_title_over_several_lines_in_capitals(fmt, tmp_path):
    # Before: the schedule's title lines were its text, and "FORM OF THE EMPLOYMENT CONTRACT" opened
    # a "Form" titled "OF THE EMPLOYMENT CONTRACT", leaving Annex II empty.
    passages = passages_of(DECISION_WITH_SCHEDULES_TITLED_IN_CAPITALS, fmt, tmp_path)
    assert [(p.passage_id, p.title, p.text) for p in passages if not p.passage_id.startswith("d/art-")] == [
        ("d/schedule-1", "SEASONAL WORKERS OCCUPATIONS ANNEXED TO CABINET DECISION NO. 7 OF 2031", ""),
        ("d/schedule-1/para-1", None, "Fruit picker"), ("d/schedule-1/para-2", None, "Vineyard worker"),
        ("d/annex-2", "FORM OF THE EMPLOYMENT CONTRACT FOR SEASONAL WORKERS", "The contract states the wage.")]
