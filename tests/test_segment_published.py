"""Published documents that broke the segmenter: a law's section numbering with a gap, minutes'
numbered agenda items, a law's closing signature block, and other published layouts. Each text
is written for these tests, printed as such documents are, in a text file and in a PDF the test
builds (where the layout occurs in PDFs)."""

import pytest

from lexmig.indexer.citation import pinpoint
from lexmig.indexer.readers import read_markdown
from lexmig.indexer.segment import segment
from tests.test_segment import html_passages
from tests.test_segment_layouts import passages_of


def ids_and_titles(passages):
    return [(p.passage_id, p.title) for p in passages]


# -- 1. a gap in an Act's section numbering ------------------------------------------------------

ACT_WITH_A_REPEALED_SECTION = """THE WORKERS PROTECTION ACT, 2031

An Act to provide for the protection of migrant workers.

1. Short title.
This Act may be cited as the Workers Protection Act, 2031.

3. Prohibition of fees.
(1) No person shall charge a worker a fee for recruitment.
(2) Subsection (1) does not apply to a fee paid by the employer.

4. Act to have overriding effect.
This Act shall have effect notwithstanding anything in any other law.
"""
CANADIAN_ACT_WITH_A_GAP = """Seasonal Workers Act

Short title
1 This Act may be cited as the Seasonal Workers Act.

Definitions
2 (1) The following definitions apply in this Act.
(2) A reference to a worker includes a former worker.

Fees prohibited
5 (1) No employer shall charge a fee to a worker.
(2) A fee charged is recoverable.

Offence
6 Every employer who contravenes section 5 is guilty of an offence.
"""
REPUBLIC_ACT_WITH_A_GAP = """REPUBLIC ACT NO. 12345

AN ACT PROTECTING MIGRANT WORKERS

Be it enacted by the Senate and House of Representatives in Congress assembled:

SECTION 1. Short Title. - This Act shall be known as the Migrant Workers Protection Act.

SEC. 2. Declaration of Policy. - The State shall protect migrant workers.

SEC. 4. Prohibited Fees. - No agency shall charge a placement fee.

SEC. 5. Effectivity. - This Act shall take effect fifteen (15) days after its publication.
"""
RUN_IN_ACT_WITH_A_GAP = """THE RECRUITMENT ACT, 2031

1. Short title and commencement.—(1) This Act may be cited as the Recruitment Act, 2031.
(2) It shall come into force on such date as the Minister may appoint.

2. Interpretation.—In this Act, "agency" means a recruitment agency.

4. Licences.—(1) No person shall operate an agency without a licence.
(2) A licence is valid for one year.

5. Penalty.—Any person who contravenes section 4 commits an offence.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_section_after_a_gap_in_the_numbering_opens_that_section(fmt, tmp_path):
    # Before, section 2 left out made "3. Prohibition of fees." subsection 1(3) ("para. 1" in a
    # text file: without a second section, the first was no heading either).
    passages = passages_of(ACT_WITH_A_REPEALED_SECTION, fmt, tmp_path)
    assert ids_and_titles(passages) == [
        ("d/s-1", "Short title"), ("d/s-3", "Prohibition of fees"), ("d/s-3/1", None), ("d/s-3/2", None),
        ("d/s-4", "Act to have overriding effect")]
    assert pinpoint(passages[3].path) == "section 3(2)"
    assert passages[0].text == "This Act may be cited as the Workers Protection Act, 2031."


@pytest.mark.parametrize("fmt", ["text", "pdf"])
@pytest.mark.parametrize("act, want", [
    (CANADIAN_ACT_WITH_A_GAP, [("d/s-1", "Short title"), ("d/s-2", "Definitions"), ("d/s-2/1", None),
                               ("d/s-2/2", None), ("d/s-5", "Fees prohibited"), ("d/s-5/1", None),
                               ("d/s-5/2", None), ("d/s-6", "Offence")]),
    (REPUBLIC_ACT_WITH_A_GAP, [("d/s-1", "Short Title"), ("d/s-2", "Declaration of Policy"),
                               ("d/s-4", "Prohibited Fees"), ("d/s-5", "Effectivity")]),
    (RUN_IN_ACT_WITH_A_GAP, [("d/s-1", "Short title and commencement"), ("d/s-1/1", None), ("d/s-1/2", None),
                             ("d/s-2", "Interpretation"), ("d/s-4", "Licences"), ("d/s-4/1", None),
                             ("d/s-4/2", None), ("d/s-5", "Penalty")]),
], ids=["marginal-notes", "keyword", "run-in"])
def test_a_gap_in_every_section_style(act, want, fmt, tmp_path):
    # Before, the section after the gap stayed text of the section before it ("(2) A reference
    # to a worker includes a former worker. Fees prohibited 5 (1) ...").
    passages = passages_of(act, fmt, tmp_path)
    assert ids_and_titles(passages) == want
    assert passages[-2].text.endswith(("recoverable.", "placement fee.", "valid for one year."))


def test_a_number_too_far_past_the_last_section_stays_text():
    # A gap of more than SECTION_GAP numbers is no gap: "30." after section 1 stays its text
    # (section 4, one number past the last section's 1 ... 3, still opens).
    act = ACT_WITH_A_REPEALED_SECTION.replace("3. Prohibition of fees.", "30. Prohibition of fees.")
    passages = passages_of(act, "text", None)
    assert [p.passage_id for p in passages] == ["d/s-1", "d/s-1/1", "d/s-1/2", "d/s-4"]
    assert passages[0].text.startswith(
        "This Act may be cited as the Workers Protection Act, 2031.\n30. Prohibition of fees.\n(1)")


# -- 2. minutes and reports: numbered items are paragraphs, not an Act's sections ---------------

MINUTES = """Minutes of the third meeting of the Steering Committee on Labour Mobility

Geneva, 14 March 2031

1. Opening of the meeting.
The Chair opened the meeting at 10 a.m. and welcomed the participants.

2. Adoption of the agenda.
The agenda was adopted without amendment.

3. Report of the secretariat.
The secretariat presented its report on recruitment fees.
Members asked for more data on wage theft.

4. Closing of the meeting.
The Chair closed the meeting at noon.
"""


def test_minutes_agenda_items_are_paragraphs_not_sections():
    # Before, "1. Opening of the meeting." above its text read as an Act's section 1 ("s. 1"),
    # as "1. Short title." does in an Act; a document that names no law in its title and
    # enacts nothing is no Act.
    passages = passages_of(MINUTES, "text", None)
    assert [(p.passage_id, " ".join(p.text.split())) for p in passages] == [
        ("d/para-1", "Opening of the meeting. The Chair opened the meeting at 10 a.m. and welcomed the participants."),
        ("d/para-2", "Adoption of the agenda. The agenda was adopted without amendment."),
        ("d/para-3", "Report of the secretariat. The secretariat presented its report on recruitment fees. "
                     "Members asked for more data on wage theft."),
        ("d/para-4", "Closing of the meeting. The Chair closed the meeting at noon.")]
    assert pinpoint(passages[1].path) == "para. 2"


def test_a_report_on_an_act_is_no_act():
    # A title that names an Act as its subject ("Report on the implementation of ... Act") does not
    # make the report one: its numbered headings stay paragraphs.
    report = """Report on the implementation of the Domestic Workers Act

1. Introduction.
This report reviews the first year of the Act.

2. Findings.
Most employers registered their workers.
"""
    passages = passages_of(report, "text", None)
    assert [(p.passage_id, p.text) for p in passages] == [
        ("d/para-1", "Introduction.\nThis report reviews the first year of the Act."),
        ("d/para-2", "Findings.\nMost employers registered their workers.")]


def test_minutes_in_a_pdf_have_no_sections(tmp_path):
    # In a PDF a numbered list outside a resolution stays text (a web page's list of permit
    # types is no provisions: ../shared/realdocs, ae-u-ae-work-permits-webpage).
    assert {p.kind for p in passages_of(MINUTES, "pdf", tmp_path)} == {"preamble"}


def test_the_same_headings_in_a_law_are_its_sections():
    # The rule is on the document: titled as an Act, the same items are sections.
    act = MINUTES.replace("Minutes of the third meeting of the Steering Committee on Labour Mobility",
                          "THE LABOUR MOBILITY ACT, 2031")
    passages = passages_of(act, "text", None)
    assert [p.passage_id for p in passages] == ["d/s-1", "d/s-2", "d/s-3", "d/s-4"]
    assert passages[0].title == "Opening of the meeting"


# -- 3. a law's closing block: signatures are no text of its last provision ----------------------

REPUBLIC_ACT_WITH_SIGNATURES = """REPUBLIC ACT NO. 12345

AN ACT PROTECTING MIGRANT WORKERS

Be it enacted by the Senate and House of Representatives in Congress assembled:

SECTION 1. Short Title. - This Act shall be known as the Migrant Workers Protection Act.

SEC. 2. Declaration of Policy. - The State shall protect migrant workers.

SEC. 3. Effectivity. - This Act shall take effect fifteen (15) days after its publication in the Official Gazette.

Approved,

(Sgd.) JUAN DELA CRUZ
Speaker of the House of Representatives

(Sgd.) PEDRO SANTOS
President of the Senate

This Act which is a consolidation of Senate Bill No. 123 and House Bill No. 456 was passed by the Senate
and the House of Representatives on May 1, 2031.

(Sgd.) MARIA REYES
Secretary General
House of Representatives

Approved: June 1, 2031

(Sgd.) ANA GOMEZ
President of the Philippines
"""
CONVENTION_WITH_TESTIMONIUM_AND_ANNEX = """Convention on the Recruitment of Migrant Workers

Article 1
The Parties shall regulate recruitment agencies.

Article 2
1. This Convention shall enter into force on the thirtieth day after the second ratification.
2. The original of this Convention shall be deposited with the Secretary-General.
IN WITNESS WHEREOF the undersigned, duly authorized, have signed this Convention.
Done at Geneva, this first day of June 2031, in English and French, both texts being equally authentic.

For the Republic of Arcadia
For the Kingdom of Borduria

ANNEX
1. The list of documents that an agency shall keep.
2. The fees that an agency may charge.
"""
REGULATION_PAGE_WITH_SIGNATURES = """<html><body>
<p class="title">REGULATION (EU) 2031/1 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL on seasonal workers</p>
<p>HAVE ADOPTED THIS REGULATION:</p>
<p class="ti-art">Article 1</p><p class="sti-art">Subject matter</p>
<p>This Regulation lays down rules on seasonal work.</p>
<p class="ti-art">Article 2</p><p class="sti-art">Entry into force</p>
<p>This Regulation shall enter into force on the twentieth day following that of its publication.</p>
<p>This Regulation shall be binding in its entirety and directly applicable in all Member States.</p>
<p>Done at Brussels, 1 June 2031.</p>
<p>For the European Parliament</p><p>The President</p><p>A. NAME</p>
<p>For the Council</p><p>The President</p><p>B. NAME</p>
</body></html>
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_republic_acts_signature_block_is_left_out_of_its_last_section(fmt, tmp_path):
    # Before, "Approved," the signatures, "This Act which is a consolidation ..." and "Approved:
    # June 1, 2031" were the end of section 3's text.
    passages = passages_of(REPUBLIC_ACT_WITH_SIGNATURES, fmt, tmp_path)
    assert ids_and_titles(passages) == [("d/s-1", "Short Title"), ("d/s-2", "Declaration of Policy"),
                                        ("d/s-3", "Effectivity")]
    assert passages[-1].text == \
        "This Act shall take effect fifteen (15) days after its publication in the Official Gazette."


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_testimonium_is_left_out_and_the_annex_after_it_opens(fmt, tmp_path):
    passages = passages_of(CONVENTION_WITH_TESTIMONIUM_AND_ANNEX, fmt, tmp_path)
    assert [p.passage_id for p in passages] == [
        "d/art-1", "d/art-2", "d/art-2/1", "d/art-2/2", "d/annex", "d/annex/para-1", "d/annex/para-2"]
    assert passages[3].text == "The original of this Convention shall be deposited with the Secretary-General."
    assert not any("Borduria" in p.text or "WITNESS" in p.text for p in passages)


def test_an_eu_regulations_done_at_and_signatures_are_left_out(tmp_path):
    from tests.test_segment import html_passages

    passages = html_passages(REGULATION_PAGE_WITH_SIGNATURES, tmp_path, "d")
    last = passages[-1]
    assert (last.passage_id, last.title) == ("d/art-2", "Entry into force")
    assert last.text.endswith("directly applicable in all Member States.")


# -- other published layouts ---------------------------------------------------------------------

COUNCIL_OF_EUROPE_CONVENTION = """Council of Europe Convention on the Protection of Seasonal Workers

Preamble

The member States of the Council of Europe and the other signatories hereto,

Considering that the aim of the Council of Europe is to achieve a greater unity between its members;

Have agreed as follows:

Chapter I – Purpose, scope and definitions

Article 1 – Purpose
1. The purpose of this Convention is to protect seasonal workers.
2. Each Party shall take the measures needed to give effect to it.

Article 2 – Definitions
For the purposes of this Convention:
a. "seasonal worker" means a worker employed for a season;
b. "employer" means any person who employs a seasonal worker.

Chapter II – Obligations of the Parties

Article 3 – Equal treatment
Each Party shall ensure equal treatment of seasonal workers.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_council_of_europe_convention_with_en_dash_headings(fmt, tmp_path):
    # Before, the title line above "Preamble" was the preamble's first line (the preamble, 31
    # words after its heading, was kept only because the title made it 40).
    passages = passages_of(COUNCIL_OF_EUROPE_CONVENTION, fmt, tmp_path)
    assert ids_and_titles(passages) == [
        ("d/preamble", None), ("d/ch-i", "Purpose, scope and definitions"), ("d/art-1", "Purpose"),
        ("d/art-1/1", None), ("d/art-1/2", None), ("d/art-2", "Definitions"), ("d/art-2/a", None),
        ("d/art-2/b", None), ("d/ch-ii", "Obligations of the Parties"), ("d/art-3", "Equal treatment")]
    assert passages[0].text.startswith("The member States of the Council of Europe")
    assert pinpoint(passages[7].path) == "Article 2(b)"


EU_DIRECTIVE = """DIRECTIVE (EU) 2031/7 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL

of 1 June 2031

on the conditions of entry of seasonal workers

THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,

Having regard to the Treaty on the Functioning of the European Union, and in particular Article 79(2) thereof,

Whereas:

(1) Seasonal work is needed in agriculture and tourism.

(2) Seasonal workers should be protected against exploitation.

HAVE ADOPTED THIS DIRECTIVE:

CHAPTER I

GENERAL PROVISIONS

Article 1

Subject matter

This Directive lays down:

(a) the conditions of entry of seasonal workers;

(b) their rights, including:

(i) the right to equal pay;

(ii) the right to decent housing.

Article 2

Scope

1. This Directive applies to third-country nationals.

2. It does not apply to posted workers.

Done at Strasbourg, 1 June 2031.

For the European Parliament

The President

ANNEX

PART A

List of sectors

1. Agriculture.

2. Tourism.

PART B

Documents

The work contract.
"""
EU_DIRECTIVE_IDS = [
    ("d/preamble", None), ("d/recital-1", None), ("d/recital-2", None), ("d/ch-i", "GENERAL PROVISIONS"),
    ("d/art-1", "Subject matter"), ("d/art-1/a", None), ("d/art-1/b", None), ("d/art-1/b/i", None),
    ("d/art-1/b/ii", None), ("d/art-2", "Scope"), ("d/art-2/1", None), ("d/art-2/2", None), ("d/annex", None),
    ("d/annex/part-a", "List of sectors"), ("d/annex/para-1", None), ("d/annex/para-2", None),
    ("d/annex/part-b", "Documents")]


@pytest.mark.parametrize("fmt", ["text", "pdf", "html"])
def test_an_eu_directive_with_recitals_points_and_an_annex_in_parts(fmt, tmp_path):
    # Before, an article's title in sentence case ("Subject matter") on the line under a bare
    # "Article 1" was the start of its text (a title had to capitalise its words), and in a PDF
    # "PART B" / "Documents" took the text under it as its title ("Documents The work contract.").
    if fmt == "html":
        from tests.test_segment import html_passages

        page = "<html><body>" + "".join(f"<p>{line}</p>" for line in EU_DIRECTIVE.splitlines() if line) + "</body></html>"
        passages = html_passages(page, tmp_path, "d")
    else:
        passages = passages_of(EU_DIRECTIVE, fmt, tmp_path)
    assert ids_and_titles(passages) == EU_DIRECTIVE_IDS
    assert passages[4].text.startswith("This Directive lays down:\n(a) the conditions")
    assert passages[11].text == "It does not apply to posted workers."
    assert passages[-1].text == "The work contract."
    assert pinpoint(passages[8].path) == "Article 1(b)(ii)"


UN_RESOLUTION_WITH_AN_ANNEXED_CONVENTION = """Resolution adopted by the General Assembly on 1 June 2031

[without reference to a Main Committee (A/86/L.5)]

86/12. Global compact on seasonal workers

The General Assembly,

Recalling its resolution 73/195 of 19 December 2018,

Reaffirming the Universal Declaration of Human Rights,

Deeply concerned about the exploitation of seasonal workers,

1. Adopts the Convention on the Rights of Seasonal Workers, annexed to the present resolution;

2. Requests the Secretary-General to open the Convention for signature.

85th plenary meeting
1 June 2031

Annex

Convention on the Rights of Seasonal Workers

Preamble

The States Parties to the present Convention,

Recognizing the importance of seasonal work,

Have agreed as follows:

Article 1

For the purposes of this Convention, a seasonal worker is a worker employed for a season.

Article 2

1. States Parties shall protect seasonal workers.

2. States Parties shall report on the measures taken.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_un_resolution_with_an_annexed_convention(fmt, tmp_path):
    # Before, "85th plenary meeting" / "1 June 2031" ended operative paragraph 2's text, and the
    # annexed convention's title and preamble were the annex's text (in a PDF, its title).
    passages = passages_of(UN_RESOLUTION_WITH_AN_ANNEXED_CONVENTION, fmt, tmp_path)
    assert ids_and_titles(passages) == [
        ("d/preamble", None), ("d/recital-1", None), ("d/recital-2", None), ("d/recital-3", None),
        ("d/para-1", None), ("d/para-2", None), ("d/annex", "Convention on the Rights of Seasonal Workers"),
        ("d/annex/preamble", None), ("d/annex/art-1", None), ("d/annex/art-2", None), ("d/annex/art-2/1", None),
        ("d/annex/art-2/2", None)]
    assert passages[5].text == "Requests the Secretary-General to open the Convention for signature."
    assert " ".join(passages[7].text.split()) == ("The States Parties to the present Convention, Recognizing the "
                                                  "importance of seasonal work, Have agreed as follows:")
    assert pinpoint(passages[7].path) == "Annex, Preamble"


UN_RESOLUTION_ADOPTING_A_DECLARATION = """United Nations A/RES/86/3

General Assembly

Resolution adopted by the General Assembly on 3 March 2031

86/3. Political declaration of the high-level meeting on
seasonal workers

The General Assembly

Adopts the following political declaration approved by the high-level meeting on seasonal workers on 1 March 2031:

Political declaration of the high-level meeting on seasonal workers

United to protect seasonal workers

We, Heads of State and Government, assembled in New York on 1 March 2031, commit to protecting seasonal workers, and we
therefore:

1. Reaffirm the Global Compact for Safe, Orderly and Regular Migration;

2. Commit to ensuring decent work for seasonal workers;

3. Request the Secretary-General to report in 2033.
"""


def test_a_un_resolution_that_adopts_a_declaration_numbers_its_paragraphs(tmp_path):
    # A resolution without a preamble prints its organ without a comma, its one operative clause
    # after ("The General Assembly" / "Adopts the following political declaration ...:"). Before,
    # a PDF of one had no paragraphs (A/RES/73/3: 53, every one in the preamble), and its title ran
    # on into "The General Assembly Adopts the following ...".
    from lexmig.indexer.clean import front_matter

    passages = passages_of(UN_RESOLUTION_ADOPTING_A_DECLARATION, "pdf", tmp_path)
    assert ids_and_titles(passages) == [("d/preamble", None), ("d/para-1", None), ("d/para-2", None), ("d/para-3", None)]
    assert passages[0].text.startswith("The General Assembly Adopts the following political declaration")
    assert passages[0].text.endswith("and we therefore:")
    assert passages[3].text == "Request the Secretary-General to report in 2033."
    front = front_matter([line for line in UN_RESOLUTION_ADOPTING_A_DECLARATION.splitlines() if line])  # a page's lines
    assert front["title"] == "Political declaration of the high-level meeting on seasonal workers"


def test_a_resolutions_clause_citing_a_title_is_not_split_where_the_title_wraps():
    # A/RES/73/6 cites "Declaration on International Cooperation ... of All States, Taking into
    # Particular Account the Needs of Developing Countries", wrapped after "States,": before,
    # "Taking into ..." opened a recital of its own (25 recitals for 24).
    text = ("86/4. Seasonal work\n\nThe General Assembly,\n\nRecalling its resolution 51/122, entitled \u201cDeclaration on "
            "the Protection of Seasonal Workers of All States,\nTaking into Account the Needs of Developing Countries\u201d, "
            "and the need to implement it,\n\nNoting the report of the Secretary-General,\n\n"
            "1. Decides to consider the question at its next session.\n")
    passages = segment(read_markdown(text), "res").passages
    assert [p.passage_id for p in passages] == ["res/preamble", "res/recital-1", "res/recital-2", "res/para-1"]
    assert passages[1].text.endswith("Needs of Developing Countries\u201d, and the need to implement it,")


def test_an_eu_annexs_lettered_schedules_stay_in_the_annex():
    # The UCITS Directive's Annex I prints two tables, "SCHEDULE A" and "SCHEDULE B": before, the
    # second opened an appended instrument "Schedule" after the annex, holding its rows.
    text = ("Article 1\nThis Directive applies to funds.\n\nANNEX I\n\nSCHEDULE A\n\n1. Information concerning "
            "the fund.\n\n2. Information concerning the depositary.\n\nSCHEDULE B\n\nInformation to be included in the "
            "periodic reports.\n\nANNEX II\n\nFunctions of portfolio management.\n")
    passages = segment(read_markdown(text), "d").passages
    assert [p.passage_id for p in passages] == ["d/art-1", "d/annex-1", "d/annex-1/para-1", "d/annex-1/para-2",
                                                "d/annex-2"]
    assert passages[3].text.endswith("SCHEDULE B\nInformation to be included in the periodic reports.")


def test_an_eu_annexs_first_lettered_schedule_is_no_title_of_the_annex():
    # "ANNEX I" / "SCHEDULE A" (the UCITS Directive's consolidated EUR-Lex page, headings both): the
    # annex was titled "SCHEDULE A", Schedule B being its text; both are its text now.
    from lexmig.indexer.readers import read_html

    text = ("Article 1\nThis Directive applies to funds.\n\nANNEX I\n\nSCHEDULE A\n\n1. Information concerning "
            "the fund.\n\nSCHEDULE B\n\nInformation to be included in the periodic reports.\n")
    page = ('<html><body><p class="title-article-norm">Article 1</p><p>This Directive applies to funds.</p>'
            '<p class="title-annex-1">ANNEX I</p><p class="title-gr-seq-level-1">SCHEDULE A</p><table><tr><td>1. '
            'Information concerning the fund</td><td>1. Information concerning the company</td></tr></table>'
            '<p class="title-gr-seq-level-1">SCHEDULE B</p><p>Information to be included in the periodic reports.</p>'
            '</body></html>')
    for source in (read_markdown(text), read_html(page)):
        annex = [p for p in segment(source, "d").passages if p.passage_id == "d/annex-1"]
        assert [(p.title, p.text) for p in annex] == [(None, "SCHEDULE A")]


LAW_WITH_ARTICLES_NUMBERED_IN_CHAPTERS = """LAW No. 45 OF 2031 ON THE EMPLOYMENT OF FOREIGN WORKERS

CHAPTER 1
GENERAL PROVISIONS

Article 1.1 Purpose
This Law governs the employment of foreign workers.

Article 1.2 Definitions
For the purposes of this Law:
(a) "foreign worker" means a worker who is not a national;
(b) "employer" means a person who employs a foreign worker.

CHAPTER 2
WORK PERMITS

Article 2.1 Work permit
(1) A foreign worker shall hold a work permit.
(2) The permit is issued for two years.

Article 2.2 Fees
No fee shall be charged to the worker.
"""
LAW_WITH_INSERTED_ARTICLES = """LAW No. 46 OF 2031 ON RECRUITMENT AGENCIES

Art. 1. This Law governs recruitment agencies.

Art. 2. An agency shall hold a licence.

Art. 3. The licence is issued by the Ministry.

Art. 3 bis. The Ministry shall publish the list of licensed agencies.

Art. 4. An agency shall not charge fees to workers.

Article 4a
Inspections
The Ministry shall inspect agencies once a year.

Article 5 Penalties
An agency that charges fees shall be fined.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_articles_numbered_in_their_chapter_with_the_title_after_a_space(fmt, tmp_path):
    # Before, "Article 1.1 Purpose" opened nothing (no decimal numbers, no title after a space
    # alone): both chapters held their articles as text.
    passages = passages_of(LAW_WITH_ARTICLES_NUMBERED_IN_CHAPTERS, fmt, tmp_path)
    assert ids_and_titles(passages) == [
        ("d/ch-1", "GENERAL PROVISIONS"), ("d/art-1.1", "Purpose"), ("d/art-1.2", "Definitions"),
        ("d/art-1.2/a", None), ("d/art-1.2/b", None), ("d/ch-2", "WORK PERMITS"), ("d/art-2.1", "Work permit"),
        ("d/art-2.1/1", None), ("d/art-2.1/2", None), ("d/art-2.2", "Fees")]
    assert pinpoint(passages[4].path) == "Article 1.2(b)"
    assert passages[-1].text == "No fee shall be charged to the worker."


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_short_article_texts_and_inserted_articles(fmt, tmp_path):
    # Before, "Art. 1. This Law governs recruitment agencies." (fewer than eight words) was no
    # article's text, so articles 1 to 4 were the preamble's text.
    passages = passages_of(LAW_WITH_INSERTED_ARTICLES, fmt, tmp_path)
    assert [(p.passage_id, p.title, p.text) for p in passages] == [
        ("d/art-1", None, "This Law governs recruitment agencies."),
        ("d/art-2", None, "An agency shall hold a licence."),
        ("d/art-3", None, "The licence is issued by the Ministry."),
        ("d/art-3-bis", None, "The Ministry shall publish the list of licensed agencies."),
        ("d/art-4", None, "An agency shall not charge fees to workers."),
        ("d/art-4a", "Inspections", "The Ministry shall inspect agencies once a year."),
        ("d/art-5", "Penalties", "An agency that charges fees shall be fined.")]


def test_an_article_number_starting_a_wrapped_sentence_stays_text(tmp_path):
    # In a PDF, "Article 2 The Minister" after a line ending "under" continues a sentence.
    law = """LAW No. 48 OF 2031 ON WAGES

Article 1 Purpose
This Law governs the payment of wages, and the remedies available under
Article 2 The Minister
may prescribe.
"""
    passages = passages_of(law, "pdf", tmp_path)
    assert [(p.passage_id, p.title) for p in passages] == [("d/art-1", "Purpose")]
    assert passages[0].text.endswith("available under Article 2 The Minister may prescribe.")


GAZETTE_PAGES = ["""LAW No. 7 OF 2023 ON THE RECRUITMENT OF MIGRANT WORKERS

The President of the Republic promulgates the following Law:

Article 1
Scope
This Law applies to every agency that recruits workers for employment
abroad and to every worker so recruited.

Article 2
Licences
1. No agency shall recruit workers without a licence issued by the
Ministry.""", """2. A licence is valid for two years and may be renewed.

Article 3
Fees
An agency shall not charge any fee to a worker.""", """Article 4
Entry into force
This Law shall enter into force on the day of its publication.

Done at the Capital, 1 March 2023.
The President of the Republic
A. NAME"""]


def test_a_gazettes_law_under_a_running_header_and_footer(tmp_path):
    # The header "OFFICIAL GAZETTE ... No. 12 of 2023 - 2" and footer "Page 2 of 3 No. 12 of 2023"
    # were already taken out; "Done at the Capital, ..." (a place not capitalised) and the
    # signature under it were article 4's text.
    from lexmig.indexer.readers import read_file
    from lexmig.indexer.segment import segment
    from tests.test_segment_acts import gazette_pdf

    path = gazette_pdf(GAZETTE_PAGES, tmp_path / "gazette.pdf",
                       header=lambda n: f"OFFICIAL GAZETTE OF THE REPUBLIC No. 12 of 2023 - {n}",
                       footer=lambda n: f"Page {n} of 3        No. 12 of 2023")
    passages = segment(read_file(path), "g").passages
    assert [(p.passage_id, p.title, p.pages) for p in passages] == [
        ("g/art-1", "Scope", (1,)), ("g/art-2", "Licences", (1, 2)), ("g/art-2/1", None, (1,)),
        ("g/art-2/2", None, (2,)), ("g/art-3", "Fees", (2,)), ("g/art-4", "Entry into force", (3,))]
    assert not any("GAZETTE" in p.text or "2023" in p.text for p in passages)
    assert passages[1].text == ("1. No agency shall recruit workers without a licence issued by the Ministry.\n"
                                "2. A licence is valid for two years and may be renewed.")
    assert passages[-1].text == "This Law shall enter into force on the day of its publication."


LAW_AS_OCR_READ_IT = """LAW No. 9 OF 1998 ON LABOUR RECRUITMENT

Article 1
No person shall carry on the business of recruit-
ment without a licence. The recruitment of minors
is prohibited.

Art1cle 2
A licence shall be issued by the Minister for a peri-
od of two years. The period may be extended.

Artic1e 3
The Minister may revoke a licence where the hol-
der has charged fees to a worker.

ARTlCLE 4
This Law shall enter into force on publication.

Art1cle 5
The Minister shall make regulations under this Law.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_law_as_ocr_read_it(fmt, tmp_path):
    # Before, "Art1cle 2", "Artic1e 3", "ARTlCLE 4" opened nothing (article 1 held the whole law),
    # and a text file kept "recruit- ment" (a PDF's lines were already joined).
    passages = passages_of(LAW_AS_OCR_READ_IT, fmt, tmp_path)
    assert [(p.passage_id, p.text) for p in passages] == [
        ("d/art-1", "No person shall carry on the business of recruitment without a licence. The recruitment of "
                    "minors is prohibited."),
        ("d/art-2", "A licence shall be issued by the Minister for a period of two years. The period may be extended."),
        ("d/art-3", "The Minister may revoke a licence where the holder has charged fees to a worker."),
        ("d/art-4", "This Law shall enter into force on publication."),
        ("d/art-5", "The Minister shall make regulations under this Law.")]


def test_ocr_confusions_are_undone_in_a_headings_word_and_number_only():
    from lexmig.indexer.segment import _ocr_heading

    assert [_ocr_heading(t) for t in ("Art1cle 2", "ARTlCLE 4", "Article l2", "ArticIe 5 bis", "Chapter 1O",
                                      "section 3 of this Act", "Particle 3", "Article I")] == [
        "Article 2", "ARTICLE 4", "Article 12", "Article 5 bis", "Chapter 10", "section 3 of this Act",
        "Particle 3", "Article I"]


RESOLUTION_IN_CAPITALS = """THE GENERAL ASSEMBLY,

RECALLING its resolution 2625 (XXV) of 24 October 1970,

NOTING WITH CONCERN the situation of migrant workers,

1. CALLS UPON all States to protect migrant workers;

2. REQUESTS the Secretary-General to report to it at its next session.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_resolutions_preamble_printed_in_capitals(fmt, tmp_path):
    # Before, the organ and its clauses in capitals were title lines: no preamble in a text file,
    # and nothing at all in a PDF (its paragraphs start only after a resolution's preamble).
    passages = passages_of(RESOLUTION_IN_CAPITALS, fmt, tmp_path)
    assert [(p.passage_id, p.text) for p in passages] == [
        ("d/preamble", "THE GENERAL ASSEMBLY,"),
        ("d/recital-1", "RECALLING its resolution 2625 (XXV) of 24 October 1970,"),
        ("d/recital-2", "NOTING WITH CONCERN the situation of migrant workers,"),
        ("d/para-1", "CALLS UPON all States to protect migrant workers;"),
        ("d/para-2", "REQUESTS the Secretary-General to report to it at its next session.")]
    # An EU act's "THE EUROPEAN PARLIAMENT AND THE COUNCIL ...," / "Having regard to ..." stays its
    # preamble with recitals after "Whereas:" (test_an_eu_directive_with_recitals_points_and_an_annex_in_parts).


STATUTORY_INSTRUMENT_WITH_A_GAP = """STATUTORY INSTRUMENTS

2031 No. 12

The Seasonal Workers Regulations 2031

Citation and commencement
1. These Regulations may be cited as the Seasonal Workers Regulations 2031.

Interpretation
2.—(1) In these Regulations "worker" means a seasonal worker.
(2) A reference to an employer includes an agency.

Fees
4.—(1) No employer may charge a worker a fee.
(2) Paragraph (1) applies to agencies.

5. The Secretary of State may issue guidance.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_statutory_instruments_regulations_with_a_gap(fmt, tmp_path):
    # Regulation 3 revoked: "4.—(1)" opens regulation 4, and "5. The Secretary of State ..." after
    # it regulation 5 (the document is a law although its "2031 No. 12" comes before its title).
    passages = passages_of(STATUTORY_INSTRUMENT_WITH_A_GAP, fmt, tmp_path)
    assert ids_and_titles(passages) == [
        ("d/s-1", "Citation and commencement"), ("d/s-2", "Interpretation"), ("d/s-2/1", None), ("d/s-2/2", None),
        ("d/s-4", "Fees"), ("d/s-4/1", None), ("d/s-4/2", None), ("d/s-5", None)]
    assert passages[-1].text == "The Secretary of State may issue guidance."


# -- a translated Act's run-in headings ended by a colon, and notes marked by symbols --------------

RULE = " " * 30  # a separator rule drawn as a line: extraction gives a run of spaces
COLON_HEADED_ACT_PAGES = [
    "1\nDomestic Workers Act, 2031 (1974)\nAn Act to provide for domestic workers\nChapter 1.\nPreliminary\n"
    "1. Short title and commencement: (1) This Act may be called as the \"Domestic Workers Act, 2031\".\n"
    "(2) It shall come into force immediately. •\n"
    "2. Definitions . In this Act, unless the context otherwise requires,-\n"
    "(a) \"Worker\" means a person employed in a household.\n(b) \"Employer\" means the head of the household.\n"
    f"{RULE}\n• It came into force on 1 July 2031.",
    "2\nCHAPTER - 2\nEmployment\n♣3. Appointment of Worker: (1) An employer shall give a worker an appointment letter.\n"
    "(2) The letter shall state the ♣wages.\n4. Wages shall be Paid Monthly: The wages of a worker shall be paid each month.\n"
    "/handwriteleft4A. Prohibition of Fees:\nNo employer shall take a fee from a worker.\n"
    f"{RULE}\n♣ Amended by the First Amendment.\n/handwriteleft Inserted by the First Amendment.",
]


def colon_headed_act(pages=COLON_HEADED_ACT_PAGES):
    from lexmig.indexer.clean import clean_text
    from lexmig.indexer.segment import segment
    from lexmig.indexer.source import SourceText

    return segment(clean_text(SourceText([], "pdf", wrapped=True, pages=len(pages), page_texts=pages)), "np").passages


def test_an_acts_headings_run_in_before_a_colon_open_its_sections():
    # As Nepal's translated Acts print them ("3. Classification of Job: (1) The Proprietor ...",
    # "2. Definitions . In this Act", "CHAPTER - 2"). Before, every section was a paragraph of the
    # first ("para-1" ... "para-2/b"), and the chapter with a dash no chapter.
    passages = colon_headed_act()
    assert [(p.passage_id, p.title) for p in passages if p.kind != "footnote"] == [
        ("np/ch-1", "Preliminary"), ("np/s-1", "Short title and commencement"), ("np/s-1/1", None), ("np/s-1/2", None),
        ("np/s-2", "Definitions"), ("np/s-2/a", None), ("np/s-2/b", None), ("np/ch-2", "Employment"),
        ("np/s-3", "Appointment of Worker"), ("np/s-3/1", None), ("np/s-3/2", None),
        ("np/s-4", "Wages shall be Paid Monthly"), ("np/s-4a", "Prohibition of Fees")]
    texts = {p.passage_id: p.text for p in passages}
    assert texts["np/s-2"] == ('In this Act, unless the context otherwise requires,-\n(a) "Worker" means a person employed '
                               'in a household.\n(b) "Employer" means the head of the household.')
    assert texts["np/s-4"] == "The wages of a worker shall be paid each month."
    assert texts["np/s-4a"] == "No employer shall take a fee from a worker."
    assert pinpoint(next(p.path for p in passages if p.passage_id == "np/s-3/2")) == "section 3(2)"


def test_notes_marked_by_symbols_are_footnotes_apart_from_the_sections():
    # The amendment notes below each page's rule ("♣ Amended by ...", a dingbat extracted as its
    # glyph's name "/handwriteleft") were the last section's text, and their calls glued to the
    # section numbers ("♣3.", "/handwriteleft4A.") kept those sections from opening.
    passages = colon_headed_act()
    assert [(p.passage_id, p.text, p.anchor) for p in passages if p.kind == "footnote"] == [
        ("np/fn-•", "It came into force on 1 July 2031.", "np/s-1/2"),
        ("np/fn-♣", "Amended by the First Amendment.", "np/s-3"),
        ("np/fn-handwriteleft", "Inserted by the First Amendment.", "np/s-4a")]
    assert not any("Amended" in p.text or "♣" in p.text or "handwrite" in p.text
                   for p in passages if p.kind != "footnote")


def test_a_sentence_before_a_colon_opens_no_section():
    # "The following shall apply:" and a colon before a point "(a)" are a section's text.
    pages = ["Domestic Workers Act, 2031\nChapter 1.\nPreliminary\n1. Short title: This Act may be called the Domestic "
             "Workers Act.\n2. The following shall apply: The Minister may make rules.\n3. Each employer shall keep:\n"
             "(a) a register of workers."]
    passages = colon_headed_act(pages)
    assert [(p.passage_id, p.title) for p in passages] == [
        ("np/ch-1", "Preliminary"), ("np/s-1", "Short title"), ("np/s-1/a", None)]
    assert passages[1].text == ("This Act may be called the Domestic Workers Act. 2. The following shall apply: The "
                                "Minister may make rules. 3. Each employer shall keep:\n(a) a register of workers.")


def test_minutes_items_with_a_colon_stay_paragraphs(tmp_path):
    # Only a law has sections: minutes' "1. Opening of the meeting: The Chair opened ..." are paragraphs.
    minutes = ("Minutes of the third meeting of the Working Group\n\n1. Opening of the meeting: The Chair opened the "
               "meeting at 10 a.m.\n\n2. Adoption of the agenda: The agenda was adopted.\n")
    assert [p.passage_id for p in passages_of(minutes, "text", tmp_path)] == ["d/para-1", "d/para-2"]


# -- a consolidated EU text: inserted paragraphs and deleted points ------------------------------

CONSOLIDATED_DIRECTIVE = """<html><body>
<p>DIRECTIVE 2031/12/EC OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL of 3 May 2031 on seasonal workers</p>
<p class="title-article-norm">Article 1</p><p class="stitle-article-norm">Definitions</p>
<p>For the purposes of this Directive:</p>
<p>(a) 'worker' means a seasonal worker;</p>
<p>(b) 'employer' means any person who employs a worker;</p>
<p>—————</p>
<p>(d) 'agency' means a private employment agency.</p>
<p class="title-article-norm">Article 2</p><p class="stitle-article-norm">Rights</p>
<p>1. Member States shall ensure equal treatment.</p>
<p>1a.</p><p>Paragraph 1 shall apply to housing.</p>
<p>1b.</p><p>Member States shall inform workers of their rights.</p>
<p>2. This Article shall apply from 1 January 2032.</p>
</body></html>"""


def test_a_consolidated_texts_inserted_paragraphs_and_deleted_points(tmp_path):
    # EUR-Lex's consolidated versions print a paragraph an amendment inserted as "1a." and a deleted
    # point as "—————". Before, "1a." and "1b." were paragraph 1's text, and "(d)" after the
    # deleted "(c)" point (b)'s.
    passages = html_passages(CONSOLIDATED_DIRECTIVE, tmp_path, "eu")
    assert [p.passage_id for p in passages if p.kind != "preamble"] == [
        "eu/art-1", "eu/art-1/a", "eu/art-1/b", "eu/art-1/d", "eu/art-2", "eu/art-2/1", "eu/art-2/1a", "eu/art-2/1b",
        "eu/art-2/2"]
    texts = {p.passage_id: p.text for p in passages}
    assert texts["eu/art-2/1a"] == "Paragraph 1 shall apply to housing."
    assert texts["eu/art-1/d"] == "'agency' means a private employment agency."
    assert pinpoint(next(p.path for p in passages if p.passage_id == "eu/art-2/1b")) == "Article 2(1b)"


# -- a signature printed without a marker under a law's last article -----------------------------

SIGNED_DECREE = """Federal Decree-Law No. 4 of 2031 Concerning Seasonal Workers

Article 1
Definitions
In this Decree-Law a worker is a seasonal worker.

Article 2
Publication
This Decree-Law shall be published in the Official Gazette.

Khalid Bin Saeed Al Mansoori
President of the Federation

Issued by us at the Presidential Palace
On 1 March 2031
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_signers_name_above_the_office_ends_the_last_article(fmt, tmp_path):
    # Before, the name, the office and the place and date of issue were article 2's text.
    passages = passages_of(SIGNED_DECREE, fmt, tmp_path)
    assert [(p.passage_id, p.text) for p in passages] == [
        ("d/art-1", "In this Decree-Law a worker is a seasonal worker."),
        ("d/art-2", "This Decree-Law shall be published in the Official Gazette.")]


def test_a_name_above_a_sentence_about_a_minister_stays_text(tmp_path):
    # "Minister of Labour may ..." is the article's sentence going on, not a signer's office.
    text = SIGNED_DECREE.replace("President of the Federation", "Minister of Labour may issue rules.")
    assert passages_of(text, "text", tmp_path)[-1].text.endswith(
        "Khalid Bin Saeed Al Mansoori\nMinister of Labour may issue rules.\nIssued by us at the Presidential Palace\n"
        "On 1 March 2031")


OJ_PAGE = """<html><body>
<p class="doc-ti">REGULATION (EU) No 999/2031 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL</p>
<p class="doc-ti">on seasonal workers</p>
<p>THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,</p>
<p>Having regard to the Treaty on the Functioning of the European Union,</p>
<p>Whereas:</p>
<p>(1) Seasonal workers who come to the Union for a few months each year need protection of their
wages, their housing and their working time, whatever the Member State in which they work.</p>
<p>(2) Common rules on their admission and their rights are needed, so that no Member State gains
an advantage by lowering them.</p>
<p>HAVE ADOPTED THIS REGULATION:</p>
<h2>PART ONE</h2>
<h2>GENERAL PROVISIONS</h2>
<h2>TITLE I</h2>
<h2>SUBJECT MATTER</h2>
<h3>Article 1</h3>
<h3>Scope</h3>
<p>This Regulation applies to seasonal workers.</p>
<h2>PART TWO</h2>
<h2>FINAL PROVISIONS</h2>
<h3>Article 2</h3>
<h3>Entry into force</h3>
<p>This Regulation shall enter into force on the twentieth day following its publication.</p>
</body></html>"""


def test_an_eu_act_s_parts_numbered_in_words_under_headings_keep_its_preamble(tmp_path):
    # Before, "PART ONE" (a heading) was read as the act's title: the preamble and its recitals
    # were dropped as a masthead and the empty preamble left stopped `add` with a traceback.
    passages = html_passages(OJ_PAGE, tmp_path, "d")
    assert [(p.passage_id, p.title) for p in passages] == [
        ("d/preamble", None), ("d/recital-1", None), ("d/recital-2", None),
        ("d/part-1", "GENERAL PROVISIONS"), ("d/part-1/title-i", "SUBJECT MATTER"), ("d/art-1", "Scope"),
        ("d/part-2", "FINAL PROVISIONS"), ("d/art-2", "Entry into force")]
    assert passages[0].text.startswith("THE EUROPEAN PARLIAMENT AND THE COUNCIL OF THE EUROPEAN UNION,")
    assert passages[2].text == ("Common rules on their admission and their rights are needed, so that no Member State "
                                "gains an advantage by lowering them.")


CONSOLIDATED_DELETIONS = """JOINT ACTION of 3 March 2031 on seasonal work

HAS ADOPTED THIS JOINT ACTION:

—————

Article 2

Each Member State shall draw up a guide for seasonal workers.

—————

—————

Article 5

The guides shall be published.

Article 6

This Joint Action shall enter into force on the day of its publication.
"""


def test_a_consolidated_text_s_articles_go_on_past_articles_marked_deleted(tmp_path):
    # Before, "Article 2" after the mark of deleted Article 1 opened nothing: no article at all.
    passages = passages_of(CONSOLIDATED_DELETIONS, "text", tmp_path)
    assert [(p.passage_id, p.text) for p in passages if p.kind == "article"] == [
        ("d/art-2", "Each Member State shall draw up a guide for seasonal workers.\n—————\n—————"),
        ("d/art-5", "The guides shall be published."),
        ("d/art-6", "This Joint Action shall enter into force on the day of its publication.")]
    # a number past more deletions than are marked stays text
    assert [p.passage_id for p in passages_of(CONSOLIDATED_DELETIONS.replace("Article 5", "Article 7"), "text", tmp_path)
            if p.kind == "article"] == ["d/art-2"]


TRANSLATED_RESOLUTION = """CABINET RESOLUTION NO. 12 OF 2031 CONCERNING SEASONAL WORKERS

Article (1)
Definitions
In this Resolution a worker is a seasonal worker.

Article (2)
Publication
This Resolution shall be published in the Official Gazette.

Original is signed by His Highness
Khalid Bin Saeed Al Mansoori
Prime Minister
------------------------------
Dated: 1 March 2031

SCHEDULE NO.(1): SEASONAL OCCUPATIONS
1 Fruit picker
2 Shepherd
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_translation_s_signature_is_no_unit_and_its_numbered_schedule_is_cited_by_number(fmt, tmp_path):
    # Before, "Original is signed by His Highness" and the signer's name were article 2's text,
    # the office above the rule an appended unit "Prime Minister", and the schedule "Schedule"
    # titled "NO.(1): ...".
    passages = passages_of(TRANSLATED_RESOLUTION, fmt, tmp_path)
    assert [(p.passage_id, p.title, p.text) for p in passages] == [
        ("d/art-1", "Definitions", "In this Resolution a worker is a seasonal worker."),
        ("d/art-2", "Publication", "This Resolution shall be published in the Official Gazette."),
        ("d/schedule-1", "SEASONAL OCCUPATIONS", "1 Fruit picker\n2 Shepherd" if fmt == "text" else "1 Fruit picker 2 Shepherd")]
    assert pinpoint(passages[-1].path) == "Schedule No. 1"


# -- an Indian Act as the India Code prints it: notes numbered page by page, amendment calls -----

INDIA_CODE_PAGES = [
    """THE MIGRANT WORKERS (EMIGRATION) ACT, 2031
ACT NO. 7 OF 2031
An Act to regulate the emigration of workers.
BE it enacted by Parliament as follows:-
1. Short title and commencement.-(1) This Act may be called the Migrant Workers (Emigration) Act, 2031.
(2) It shall come into force on such date1 as the Central Government may appoint.
2. Definitions.-In this Act, "emigrant" means a citizen who leaves the country for work abroad.
3. Registration of recruiting agents.-(1) No person shall recruit workers without a certificate.
(2) A certificate shall be valid for 2[five years].
__________
1. 1st April, 2032, vide notification No. S.O. 100.
2. Subs. by Act 9 of 2035, s. 2, for "three years" (w.e.f. 1-1-2036).""",
    """1[4. Fees.-No recruiting agent shall charge a worker any fee 2[exceeding the prescribed amount].]
5. Penalties.-Whoever contravenes section 3 shall be punishable with fine which may extend to 3[fifty thousand
rupees].
__________
1. Subs. by Act 9 of 2035, s. 3, for section 4 (w.e.f. 1-1-2036).
2. Ins. by Act 12 of 2040, s. 2.
3. Subs. by Act 12 of 2040, s. 3, for "ten thousand rupees".""",
]


def test_an_india_code_acts_notes_numbered_page_by_page_and_its_amended_sections(tmp_path):
    # The India Code prints each page's amendment notes below a rule, numbered from 1 on every
    # page ("1. Subs. by Act 9 of 2035 ..."), and calls them before the bracket of the text they
    # changed ("1[4. Fees.-...]", "2[five years]"). Before, the notes were no footnotes (a "1."
    # below the rule was read as text) and a section substituted whole ("1[4. Fees") was lost in
    # the section above it.
    from lexmig.indexer.readers import read_file
    from lexmig.indexer.segment import segment
    from tests.test_segment_acts import gazette_pdf

    path = gazette_pdf(INDIA_CODE_PAGES, tmp_path / "act.pdf", header=lambda n: "", footer=lambda n: str(n))
    passages = segment(read_file(path), "in").passages
    assert [(p.passage_id, p.title, p.anchor) for p in passages] == [
        ("in/s-1", "Short title and commencement", None), ("in/s-1/1", None, None), ("in/s-1/2", None, None),
        ("in/s-2", "Definitions", None), ("in/s-3", "Registration of recruiting agents", None),
        ("in/s-3/1", None, None), ("in/s-3/2", None, None),
        ("in/fn-p1-1", None, "in/s-1/2"), ("in/fn-p1-2", None, "in/s-3/2"),
        ("in/s-4", "Fees", None), ("in/s-5", "Penalties", None),
        ("in/fn-p2-1", None, "in/s-4"), ("in/fn-p2-2", None, "in/s-4"), ("in/fn-p2-3", None, "in/s-5")]
    text = {p.passage_id: p.text for p in passages}
    assert text["in/s-4"] == "No recruiting agent shall charge a worker any fee [exceeding the prescribed amount].]"
    assert text["in/s-3/2"] == "A certificate shall be valid for [five years]."
    assert text["in/fn-p2-1"] == "Subs. by Act 9 of 2035, s. 3, for section 4 (w.e.f. 1-1-2036)."
    assert pinpoint(passages[7].path) == "fn. p1-1"


def test_a_numbered_line_below_a_rule_with_no_call_above_stays_text(tmp_path):
    # "1. ..." below a rule is a note only where its call is on the page above the rule.
    from lexmig.indexer.readers import read_file
    from lexmig.indexer.segment import segment
    from tests.test_segment_acts import gazette_pdf

    pages = [page.replace("date1", "date").replace("2[five years]", "five years") for page in INDIA_CODE_PAGES[:1]]
    passages = segment(read_file(gazette_pdf(pages, tmp_path / "act.pdf", header=lambda n: "",
                                             footer=lambda n: str(n))), "in").passages
    assert not any(p.kind == "footnote" for p in passages)


ACT_AS_A_LAW_SERVICE_PRINTS_IT = """MIGRANT WORKERS ACT, 2031
[Act No. 7 of 2031]
An Act to protect migrant workers.
BE it enacted by Parliament as follows:-
Section 1 - Short title and commencement
(1) This Act may be called the Migrant Workers Act, 2031.
(2) It shall come into force on such date as the Government may appoint.
Section 2 - Definitions
In this Act, unless the context otherwise requires,-
(a) "employer" means a person who employs a worker;
(b) "worker" means a person employed for wages.
Section 3 - Fees prohibited
No recruiting agent shall charge a worker any fee.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_an_acts_sections_headed_after_a_dash_as_online_law_services_print_them(fmt, tmp_path):
    # "Section 2 - Definitions" above its text: an Act's section, where no article is near (an
    # EU act's "Section 1 - General provisions" above "Article 1" stays a group of articles).
    # Before, each was a paper's section ("Sec. 2") with no subsections, and in a PDF its title
    # ran on into its first sentence.
    passages = passages_of(ACT_AS_A_LAW_SERVICE_PRINTS_IT, fmt, tmp_path)
    assert ids_and_titles(passages) == [
        ("d/s-1", "Short title and commencement"), ("d/s-1/1", None), ("d/s-1/2", None), ("d/s-2", "Definitions"),
        ("d/s-2/a", None), ("d/s-2/b", None), ("d/s-3", "Fees prohibited")]
    assert passages[-1].text == "No recruiting agent shall charge a worker any fee."


ACT_WITH_WRAPPED_HEADINGS_AND_OMITTED_SECTIONS = """THE SEAFARERS RECRUITMENT ACT, 2031
ACT NO. 3 OF 2031
An Act to regulate the recruitment of seafarers.
BE it enacted by Parliament as follows:-
1. Short title and commencement
(1) This Act may be called the Seafarers Recruitment Act, 2031.
(2) It shall come into force at once.
2. Registration of recruiting agents and renewal of registration
certificates
(1) No person shall recruit seafarers without a certificate.
(2) A certificate shall be renewed every year.]
4. Fees
No recruiting agent shall charge a seafarer any fee.
[***]
6. Penalties
Whoever contravenes section 4 shall be punishable with fine.
"""


def test_an_acts_heading_over_two_lines_and_sections_after_omitted_ones(tmp_path):
    # A PDF's section heading wrapped onto a second line ("... renewal of registration" /
    # "certificates") is the title's end, not the section's text (110 of the Migration Act's
    # 571 sections began with it); a section after left-out ones opens below the bracket that
    # closes an amended text ("... every year.]") or the mark of omitted text ("[***]"), where
    # before it stayed the text of the section above.
    passages = passages_of(ACT_WITH_WRAPPED_HEADINGS_AND_OMITTED_SECTIONS, "pdf", tmp_path)
    assert ids_and_titles(passages) == [
        ("d/s-1", "Short title and commencement"), ("d/s-1/1", None), ("d/s-1/2", None),
        ("d/s-2", "Registration of recruiting agents and renewal of registration certificates"),
        ("d/s-2/1", None), ("d/s-2/2", None), ("d/s-4", "Fees"), ("d/s-6", "Penalties")]
    assert passages[1].text == "This Act may be called the Seafarers Recruitment Act, 2031."
    assert passages[6].text == "No recruiting agent shall charge a seafarer any fee. [***]"


ACT_WITH_WRAPPED_RUN_IN_HEADINGS = """THE OVERSEAS WORKERS ACT, 2031
ACT NO. 7 OF 2031
An Act to regulate the recruitment of workers for employment abroad.
BE it enacted by Parliament as follows:-
1. Short title and commencement.—(1) This Act may be called the Overseas Workers Act, 2031.
(2) It shall come into force at once.
2. Power to suspend recruitment for any country in the interests of the workers,
etc.—(1) Where the Government has reason to believe that workers are at risk, it may suspend recruitment.
(2) A suspension shall lapse after six months.
3. Refusal of permits, registration certificates. etc.
(1) The Protector shall refuse a permit to a recruiting agent who has no certificate.
(2) A refusal shall be recorded in writing.
4. Permits to be invalid for travel to
certain countries
Upon a notification, a permit shall cease to be valid for travel to a country at war.
[***]
6. Issue of permits to persons who
are not citizens
The Government may issue a permit to a person who is not a citizen.
"""


def test_an_acts_run_in_heading_wrapped_misprinted_or_wrapped_after_a_gap(tmp_path):
    # A run-in heading wrapped onto the next line ("... in the interests of the workers," /
    # "etc.—(1) Where ..."), a heading with a stop misprinted for a comma ("... certificates. etc.")
    # above its "(1)", and headings wrapped onto a second line in lower case, in sequence or past
    # a gap: each opens its section (before, sections 2, 3, 4 and 6 stayed the text of the one above).
    passages = passages_of(ACT_WITH_WRAPPED_RUN_IN_HEADINGS, "pdf", tmp_path)
    assert ids_and_titles(passages) == [
        ("d/s-1", "Short title and commencement"), ("d/s-1/1", None), ("d/s-1/2", None),
        ("d/s-2", "Power to suspend recruitment for any country in the interests of the workers, etc."),
        ("d/s-2/1", None), ("d/s-2/2", None),
        ("d/s-3", "Refusal of permits, registration certificates. etc"), ("d/s-3/1", None), ("d/s-3/2", None),
        ("d/s-4", "Permits to be invalid for travel to certain countries"),
        ("d/s-6", "Issue of permits to persons who are not citizens")]
    assert passages[4].text == "Where the Government has reason to believe that workers are at risk, it may suspend recruitment."
    assert passages[9].text == "Upon a notification, a permit shall cease to be valid for travel to a country at war. [***]"
    assert passages[10].text == "The Government may issue a permit to a person who is not a citizen."


ACT_WITH_SUBSECTION_HEADINGS = """THE MIGRANT SEAFARERS ACT, 2031
ACT NO. 5 OF 2031
An Act to protect migrant seafarers.
BE it enacted by Parliament as follows:-
1. Short title.—(1) This Act may be cited as the Migrant Seafarers
Act, 2031.
(2) It shall come into force at once.
2. Cancelling a permit
Action by the Minister—notice required
(1) The Minister may cancel a permit after giving its holder notice.
(2) The notice must state the grounds.
Action by the Minister—no notice required
(3) The Minister may cancel a permit without notice in an emergency.
3. Definitions
In this Act, unless the context otherwise requires,-
(1) permit means a seafarer's permit;
(2) seafarer means a person employed on a ship.
"""


def test_a_heading_over_an_acts_subsections_titles_them(tmp_path):
    # A PDF Act's heading over a group of subsections ("Action by the Minister—no notice required"
    # / "(3) ..."), as the Migration Act prints them, titles the subsection below it; before, it
    # ended the text of the subsection above (327 of the Migration Act's passages). A sentence that
    # opens a list ("... otherwise requires,-"), nor the end of a sentence run in on a section's heading
    # line ("1. Short title.—(1) ... the Migrant Seafarers" / "Act, 2031."), is no heading.
    passages = passages_of(ACT_WITH_SUBSECTION_HEADINGS, "pdf", tmp_path)
    assert ids_and_titles(passages) == [
        ("d/s-1", "Short title"), ("d/s-1/1", None), ("d/s-1/2", None), ("d/s-2", "Cancelling a permit"),
        ("d/s-2/1", "Action by the Minister-notice required"), ("d/s-2/2", None),
        ("d/s-2/3", "Action by the Minister-no notice required"),
        ("d/s-3", "Definitions"), ("d/s-3/1", None), ("d/s-3/2", None)]
    assert passages[1].text == "This Act may be cited as the Migrant Seafarers Act, 2031."
    assert passages[5].text == "The notice must state the grounds."
    assert passages[8].text == "permit means a seafarer's permit;"


TYPED_ACT = """THE HARBOUR WORKERS ACT, 2031
ACT NO. 9 OF 2031
An Act to regulate the hours of work of harbour workers.
BE it enacted by Parliament as follows:-
1. Short title.- This Act may be called the Harbour Workers Act, 2031.
2. Definitions- In this Act, unless there is anything repugnant in the subject or context,
harbour means a port named in the Schedule.
1  Subs. for "Province" by the Adaptation Order of 1950.
3. Opening and closing hours of harbour offices-- (1) No office shall open before 7 a.m.
(2) No office shall close after 9 p.m.
4. Power of Government to suspend provisions of the Act during fairs
and festivals -- On a special occasion the Government may suspend section 3.
"""


def test_an_acts_headings_run_in_after_a_dash_typed_as_hyphens(tmp_path):
    # A typescript Act types its dash as hyphens ("... harbour offices-- (1) No office ...",
    # "Definitions- In this Act ..."), also where the heading is wrapped ("... during fairs" /
    # "and festivals -- On ..."); a page's amendment note printed "1  Subs. for ..." below section 2
    # opens no section 1 again (before, sections 2 to 4 stayed the text of the one above, and the
    # note was a second section 1).
    passages = passages_of(TYPED_ACT, "pdf", tmp_path)
    assert ids_and_titles(passages) == [
        ("d/s-1", "Short title"), ("d/s-2", "Definitions"),
        ("d/s-3", "Opening and closing hours of harbour offices"), ("d/s-3/1", None), ("d/s-3/2", None),
        ("d/s-4", "Power of Government to suspend provisions of the Act during fairs and festivals")]
    assert passages[1].text.startswith("In this Act, unless there is anything repugnant")
    assert passages[5].text == "On a special occasion the Government may suspend section 3."


UNHEADED_AMENDMENT_PAGES = [
    "AN ACT TO AMEND THE WORKERS ACT, NO. 9 OF 2001\nBE it enacted by the Parliament of the Republic of\n"
    "Examplia as follows:—\n1. This Act may be cited as the Workers (Amendment) Act,\nNo. 3 of 2031.\n"
    "2. Section 16 of the Workers Act, No. 9 of 2001\n(hereinafter referred to as the “principal enactment”)\n"
    "is hereby amended as follows:—\n(a) by the substitution for the word “work” of the\nword “employment”; and\n"
    "(b) by the repeal of paragraph (c) thereof.\n3. Section 27 of the principal enactment is hereby\n"
    "amended as follows:—\n(a) by the renumbering of that section as subsection\n(1) of that section; and\n"
    "(b) by the addition of the following new subsection:—\n4. Section 30 of the principal enactment is hereby\n"
    "repealed.\n5. Section 40 of the principal enactment is hereby amended\nas follows:—\n"
    "(1) in subsection (2) thereof, by the substitution for the words\n“the employer”, of the words “an employer”; and\n"
    "(2) by the repeal of subsection (3) thereof.",
]


def test_an_amending_act_s_unheaded_sections_keep_their_first_lines_and_references_stay_text():
    # As Sri Lanka's Acts print them, each section's heading a marginal note apart from the text:
    # the enacting formula's last line ("... as follows:—") titled section 1, and a section's first
    # line ("Section 16 of the Sri Lanka Bureau of Foreign") its title, its text starting
    # mid-sentence; a reference wrapped before its number ("... as subsection" / "(1) of that
    # section") opened subsection (1).
    passages = colon_headed_act(UNHEADED_AMENDMENT_PAGES)
    assert [(p.passage_id, p.title) for p in passages if p.kind == "statute-section"] == [
        ("np/s-1", None), ("np/s-2", None), ("np/s-3", None), ("np/s-4", None), ("np/s-5", None)]
    texts = {p.passage_id: p.text for p in passages}
    assert texts["np/s-2"].startswith("Section 16 of the Workers Act, No. 9 of 2001 (hereinafter referred to as")
    assert texts["np/s-3/a"] == "by the renumbering of that section as subsection (1) of that section; and"
    assert "np/s-3/1" not in texts and "np/s-3/a/1" not in texts  # (nor a sub-point of (a): realdocs11)
    assert texts["np/s-4"] == "Section 30 of the principal enactment is hereby repealed."
    assert texts["np/s-5/2"] == "by the repeal of subsection (3) thereof."  # after "... “an employer”; and"


DEFINITIONS_WITH_POINTS = """CONVENTION ON THE RIGHTS OF SEASONAL WORKERS, 2031

Article 1

The present Convention applies to seasonal workers and their employers.

Article 2

For the purposes of the present Convention:

1. The term "seasonal worker" refers to a person engaged in work that depends on the seasons.

2. (a) The term "harvest worker" refers to a seasonal worker employed in agriculture;

(b) The term "resort worker" refers to a seasonal worker employed in tourism;

(c) The term "employer" includes an agency that places such workers.

Article 3

The present Convention shall not apply to refugees.
"""


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_a_paragraph_opening_with_its_first_point_holds_its_points(fmt, tmp_path):
    # "2. (a) The term ..." (a paragraph's number and its first point on one line, as the 1990
    # Convention prints its Article 2) was one paragraph holding (a), (b) and (c) as its text:
    # "art. 2(2)(a)" found nothing.
    passages = passages_of(DEFINITIONS_WITH_POINTS, fmt, tmp_path)
    assert [(p.passage_id, " ".join(p.text.split())[:40]) for p in passages] == [
        ("d/art-1", "The present Convention applies to season"),
        ("d/art-2", "For the purposes of the present Conventi"),
        ("d/art-2/1", 'The term "seasonal worker" refers to a p'),
        ("d/art-2/2", '(a) The term "harvest worker" refers to '),
        ("d/art-2/2/a", 'The term "harvest worker" refers to a se'),
        ("d/art-2/2/b", 'The term "resort worker" refers to a sea'),
        ("d/art-2/2/c", 'The term "employer" includes an agency t'),
        ("d/art-3", "The present Convention shall not apply t")]
    assert pinpoint(passages[4].path) == "Article 2(2)(a)"


def test_an_annexs_headings_lettered_in_order_are_its_sections():
    # The Digital Markets Act's Annex heads its parts "A. 'General'" ... "E. 'Specific definitions'"
    # (EUR-Lex page): "A." titled the annex, "B." opened nothing, "C." was section 100 (roman) and
    # "D." and "E." ran into it. A letter out of order is no section.
    from lexmig.indexer.readers import read_html

    page = ("<html><body><h1>Article 1</h1><p>This Regulation applies to seasonal work.</p><h1>ANNEX</h1>"
            "<h2>A. 'General'</h2><p>1. This Annex sets out the method.</p><h2>B. 'Workers'</h2><p>1. Workers are "
            "counted.</p><h2>C. 'Employers'</h2><p>Employers are counted.</p><h2>D. 'Reporting'</h2><p>1. Data are "
            "reported.</p><h2>F. 'Out of order'</h2><p>Text.</p></body></html>")
    passages = segment(read_html(page), "d").passages
    assert [(p.passage_id, p.title) for p in passages if p.kind in ("annex", "section")] == [
        ("d/annex", None), ("d/annex/sec-a", "'General'"), ("d/annex/sec-b", "'Workers'"),
        ("d/annex/sec-c", "'Employers'"), ("d/annex/sec-d", "'Reporting'")]


def test_a_correlation_tables_row_naming_articles_in_two_columns_opens_no_article():
    # Lexparency's MiFID II (Directive 2014/65/EU, German): Annex IV's first row "Artikel 1 Absatz 1 |
    # Artikel 1 Absatz 1" opened Article 1 in the annex, the rows below its text.
    from lexmig.indexer.readers import read_html

    rows = "".join(f"<tr><td>Artikel {a}</td><td>Artikel {b}</td><td></td></tr>"
                   for a, b in (("1 Absatz 1", "1 Absatz 1"), ("4 Absatz 1 Nummer 7", "4 Absatz 1 Nummer 20")))
    page = ("<html><body><h1>Artikel 1</h1><p>Diese Richtlinie gilt für Saisonarbeit.</p><h1>ANHANG</h1>"
            "<p>Entsprechungstabelle</p><table><thead><tr><th>Richtlinie 2001/1/EG</th><th>Diese Richtlinie</th>"
            f"<th>Verordnung (EU) Nr. 1/2031</th></tr></thead><tbody>{rows}</tbody></table></body></html>")
    passages = segment(read_html(page), "d").passages
    assert [p.passage_id for p in passages] == ["d/de/art-1", "d/de/annex"]
    assert passages[-1].text.splitlines()[-1] == "Artikel 4 Absatz 1 Nummer 7 | Artikel 4 Absatz 1 Nummer 20"
