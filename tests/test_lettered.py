"""An article's lettered sections ("A.", "B." ... of the Refugee Convention's Article 1): units of
their article, holding their own paragraphs and points, cited "Article 1A(2)" (indexer.segment,
indexer.citation, search.citations)."""

import pytest

from lexmig.indexer.citation import pinpoint
from lexmig.indexer.readers import read_file, read_markdown
from lexmig.indexer.segment import segment
from tests.conftest import run, source_file
from tests.test_segment import pdf_of

# Before, "A." stayed in Article 1's text and B's paragraphs were filed under A's paragraph 2
# ("art-1/2/1" was B(1), "art-1/2/c" F(c)).
REFUGEE_ARTICLE_1 = [
    ("art-1", "A. For the"), ("art-1/a", "For the purposes"), ("art-1/a/1", "Has been considered"),
    ("art-1/a/2", "As a result"), ("art-1/b", "(1) For the"), ("art-1/b/1", "For the purposes"),
    ("art-1/b/1/a", '"events occurring in'), ("art-1/b/1/b", '"events occurring in'), ("art-1/b/2", "Any Contracting State"),
    ("art-1/c", "This Convention shall"), ("art-1/c/1", "He has voluntarily"), ("art-1/c/2", "Having lost his"),
    ("art-1/c/3", "He has acquired"), ("art-1/c/4", "He has voluntarily"), ("art-1/c/5", "He can no"),
    ("art-1/c/6", "Being a person"), ("art-1/d", "This Convention shall"), ("art-1/e", "This Convention shall"),
    ("art-1/f", "The provisions of"), ("art-1/f/a", "he has committed"), ("art-1/f/b", "he has committed"),
    ("art-1/f/c", "he has been"),
]


def test_the_refugee_conventions_article_1_is_read_by_its_lettered_sections_in_both_languages():
    passages = segment(read_file(source_file("refugee-convention-1951")), "rc").passages
    english = [p for p in passages if p.lang == "en" and (p.passage_id + "/").startswith("rc/art-1/")]
    assert [(p.passage_id[3:], " ".join(p.text.split()[:3])) for p in english] == REFUGEE_ARTICLE_1
    cited = {p.passage_id: p for p in english}
    assert [pinpoint(cited[f"rc/{pid}"].path) for pid in ("art-1/a", "art-1/a/2", "art-1/b/1/a", "art-1/f/b")] == [
        "Article 1A", "Article 1A(2)", "Article 1B(1)(a)", "Article 1F(b)"]
    assert pinpoint(cited["rc/art-1/c/5"].path, short=True) == "Art. 1C(5)"
    assert [p.kind for p in english[:4]] == ["article", "article-section", "paragraph", "paragraph"]
    # the Dutch text prints "A." ... "F." too: its units have the same ids, as a translation's do
    dutch = [p for p in passages if p.lang == "nl" and (p.passage_id + "/").startswith("rc/nl/art-1/")]
    assert [p.passage_id.replace("/nl/", "/") for p in dutch] == [p.passage_id for p in english]
    assert dutch[1].text.startswith("Voor de toepassing van dit Verdrag geldt als")


@pytest.mark.parametrize("cited, first", [
    ("Refugee Convention art. 1A(2)", "Convention relating to the Status of Refugees (1951), Article 1A(2)"),
    ("Refugee Convention art 1(A)(2)", "Convention relating to the Status of Refugees (1951), Article 1A(2)"),
    ("Refugee Convention Art. 1 A (2)", "Convention relating to the Status of Refugees (1951), Article 1A(2)"),
    ("Refugee Convention Article 1, section A, paragraph 2",
     "Convention relating to the Status of Refugees (1951), Article 1A(2)"),
    ("Refugee Convention Article 1F(b)", "Convention relating to the Status of Refugees (1951), Article 1F(b)"),
    ("Refugee Convention Article 1C(5)", "Convention relating to the Status of Refugees (1951), Article 1C(5)"),
])
def test_show_finds_a_lettered_section_as_lawyers_cite_it(library, cited, first):
    lines = run(library, "show", cited).stdout.splitlines()
    assert lines[0] == first
    assert lines[1] == "Refugee Convention, " + first.split(", ")[-1].replace("Article", "Art.")


def test_show_prints_a_lettered_section_with_its_points(library):
    result = run(library, "show", "Refugee Convention art 1F")
    lines = result.stdout.splitlines()
    assert lines[:2] == ["Convention relating to the Status of Refugees (1951), Article 1F", "Refugee Convention, Art. 1F"]
    assert lines[3].startswith("The provisions of this Convention shall not apply to any person with respect to whom")
    assert [line[:20] for line in lines[4:7]] == ["(a) he has committed", "(b) he has committed", "(c) he has been guil"]
    assert lines[-1] == "Units: Refugee Convention, Art. 1F(a); Refugee Convention, Art. 1F(b); Refugee Convention, Art. 1F(c)"
    missing = run(library, "show", "Refugee Convention Article 1G")
    assert missing.exit_code == 2
    assert missing.stderr.startswith("Error: Refugee Convention has no Article 1G. Nearest: Refugee Convention, Art. 1;")


# Written for this test: an article with lettered sections (C a roman numeral too), and the
# guards: "J. Smith" in an article, a single "A." with no "B.", an annex's "A." list, and a
# report's "A. General principles" heading outside articles, which read as before.
CONVENTION = """CONVENTION ON THE MOVEMENT OF SEASONAL WORKERS

Article 1
Definitions
A. For the purposes of this Convention, the term "seasonal worker" shall apply to any person who:
(1) Is employed for part of the year only; or
(2) Returns to the country of origin between seasons.
B.
(1) The words "part of the year" in section A shall mean either:
(a) less than six months in any year; or
(b) less than nine months in any year.
(2) Each State shall declare which meaning it applies.
C. This Convention shall not apply to any person who:
(a) is employed by an international organisation;
(b) is a member of the armed forces.

Article 2
Reports
1. Each State shall report to the Director every two years.
2. The reports shall be signed by the minister, as the first one was:
J. Smith, Minister of Labour.

Article 3
Notices
A. Notices under this Convention shall be given in writing.
(a) by post; or
(b) by electronic means.

Annex
A. Seasonal work in agriculture and forestry.
B. Seasonal work in tourism and catering.
"""

REPORT = """REPORT OF THE SECRETARY-GENERAL ON SEASONAL WORK

I. Introduction
1. The present report is submitted in accordance with the resolution on seasonal work.
II. Recommendations
A. General principles
2. States should protect the rights of seasonal workers in every sector.
B. Implementation
3. States should report on the measures they have taken.
"""


def passages_of(text: str, fmt: str, tmp_path):
    return segment(read_markdown(text) if fmt == "text" else read_file(pdf_of(text, tmp_path / "d.pdf")), "d").passages


@pytest.mark.parametrize("fmt", ["text", "pdf"])
def test_lettered_sections_of_an_article_and_the_lines_that_stay_as_they_were(fmt, tmp_path):
    passages = passages_of(CONVENTION, fmt, tmp_path)
    assert [(p.passage_id, " ".join(p.text.split()[:2])) for p in passages][:15] == [
        ("d/art-1", "A. For"), ("d/art-1/a", "For the"), ("d/art-1/a/1", "Is employed"),
        ("d/art-1/a/2", "Returns to"), ("d/art-1/b", "(1) The"), ("d/art-1/b/1", "The words"),
        ("d/art-1/b/1/a", "less than"), ("d/art-1/b/1/b", "less than"), ("d/art-1/b/2", "Each State"),
        ("d/art-1/c", "This Convention"), ("d/art-1/c/a", "is employed"), ("d/art-1/c/b", "is a"),
        ("d/art-2", "1. Each"), ("d/art-2/1", "Each State"), ("d/art-2/2", "The reports")]
    cited = {p.passage_id: p for p in passages}
    assert pinpoint(cited["d/art-1/b/1/b"].path) == "Article 1B(1)(b)"
    assert cited["d/art-1"].text.splitlines()[:4] == [
        'A. For the purposes of this Convention, the term "seasonal worker" shall apply to any person who:',
        "(1) Is employed for part of the year only; or", "(2) Returns to the country of origin between seasons.",
        'B. (1) The words "part of the year" in section A shall mean either:']
    # guards: an initial, a single "A." (its points are the article's), an annex's list
    assert " ".join(cited["d/art-2/2"].text.split()).endswith("as the first one was: J. Smith, Minister of Labour.")
    assert [(p.passage_id, p.text[:25]) for p in passages[15:18]] == [
        ("d/art-3", "A. Notices under this Con"), ("d/art-3/a", "by post; or"), ("d/art-3/b", "by electronic means.")]
    assert [p.passage_id for p in passages[18:]] == ["d/annex"]
    assert "B. Seasonal work in tourism and catering." in cited["d/annex"].text
    assert not any(p.kind == "article-section" for p in passages[12:])
    report = passages_of(REPORT, fmt, tmp_path)
    assert [(p.passage_id, p.text[:20]) for p in report] == [
        ("d/sec-i", ""), ("d/para-1", "The present report i"),
        ("d/sec-ii", "" if fmt == "pdf" else "A. General principle"),
        ("d/para-2", "States should protec"), ("d/para-3", "States should report")]
