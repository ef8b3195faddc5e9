"""Published layouts of national laws, codes, bylaws and regulations, each in a text file and
in a PDF the test builds (text written for these tests, printed as such documents are)."""

import pytest

from lexmig.indexer.citation import pinpoint
from lexmig.indexer.readers import read_file, read_markdown
from lexmig.indexer.segment import segment
from tests.test_segment import pdf_of


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
