"""More published layouts of Acts, each in a text file and in a PDF the test builds (text
written for these tests, printed as such Acts are)."""

import pytest

from lexmig.indexer.citation import pinpoint
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
