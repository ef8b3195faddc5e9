"""indexer/clean.py: the cleaning pipeline (one ordered list of named steps, run once on
every file read), then what its steps do to real files of ../shared: PDF pages to clean
lines, footnotes, running headers, front matter, hyphenation, glued words, boilerplate."""

import pytest
from pypdf import PdfReader

from lexmig.indexer.clean import (CLEANING_STEPS, Vocabulary, clean_pdf_pages, clean_text, english_words,
                                  front_matter, is_english_word, join_wrapped, normalise_typography, remove_boilerplate,
                                  unglue)
from lexmig.indexer.readers import read_file, read_html, read_markdown
from lexmig.indexer.source import Line, marker
from tests.conftest import corpus_path, realdoc, source_file


def test_the_steps_and_their_order():
    assert [(s.name, s.formats) for s in CLEANING_STEPS] == [
        ("pdf-pages", ("pdf",)), ("typography", ("pdf", "html", "md")), ("boilerplate", ("html", "md"))]


def test_reading_a_file_runs_the_steps_of_its_format_once():
    pdf = read_file(corpus_path("ecosoc-2006-rt6", "renderings", "issues-note-latex.pdf"))
    assert pdf.cleaned == ("pdf-pages", "typography")
    assert pdf.page_texts == [] and len(pdf.lines) > 100
    assert pdf.stats["footnotes"] == 9 and "boilerplate_lines_removed" not in pdf.stats
    treaty = read_file(source_file("c189"))
    assert treaty.cleaned == ("typography", "boilerplate")
    assert treaty.stats["boilerplate_lines_removed"] == 28
    assert clean_text(treaty) is treaty  # nothing left to run


def test_a_raw_reader_leaves_cleaning_to_clean_text():
    raw = read_html(realdoc("eu-reg-2022-868-dga-html").read_text(encoding="utf-8"), "dga.html")
    assert raw.cleaned == () and sum("\u2019" in line.text for line in raw.lines) == 53
    cleaned = clean_text(raw)
    assert cleaned.cleaned == ("typography", "boilerplate")
    assert not any("\u2019" in line.text for line in cleaned.lines)
    assert cleaned.stats == {"boilerplate_lines_removed": 0}
    assert len(cleaned.lines) == len(raw.lines)


def test_a_chosen_list_of_steps_runs_only_those():
    raw = read_markdown(source_file("c189").read_text(encoding="utf-8"))
    only = clean_text(raw, CLEANING_STEPS[1:2])
    assert only.cleaned == ("typography",) and len(only.lines) == len(raw.lines)
    assert len(clean_text(only).lines) == len(raw.lines) - 28  # the rest of the list


def test_steps_can_be_named():
    raw = read_markdown(source_file("c189").read_text(encoding="utf-8"))
    assert clean_text(raw, ["boilerplate"]).cleaned == ("boilerplate",)
    with pytest.raises(ValueError) as error:
        clean_text(raw, ["hyphenation"])
    assert str(error.value) == "no cleaning step named 'hyphenation'; the steps are pdf-pages, typography, boilerplate"


# -- what the steps do -------------------------------------------------------------------------

def pages_of(path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


@pytest.fixture(scope="module")
def note_pdf():
    return clean_pdf_pages(pages_of(corpus_path("ecosoc-2006-rt6", "renderings", "issues-note-latex.pdf")))


@pytest.fixture(scope="module")
def c097_print():
    return clean_pdf_pages(pages_of(corpus_path("c097", "renderings", "c097-en-twocolumn-latex.pdf")))


def test_page_bottom_footnotes_are_taken_out_by_their_numbering(note_pdf):
    lines, report = note_pdf
    notes = [(line.footnote, line.page) for line in lines if line.footnote]
    assert notes == [("1", 1), ("2", 1), ("3", 1), ("4", 1), ("5", 2), ("6", 2), ("7", 4), ("8", 4), ("9", 5)]
    assert report["footnotes"] == 9
    assert report["header_footer_lines_removed"] == 12
    first = next(line.text for line in lines if line.footnote == "1")
    assert first.startswith("See WCSDG (2004), A fair globalization")


def test_a_glued_footnote_call_becomes_a_marker(note_pdf):
    lines, _ = note_pdf
    called = [line.text for line in lines if marker("1") in line.text]
    assert len(called) == 1
    assert f"state sovereignty.{marker('1')} Yet globalization" in called[0]


def test_running_headers_are_removed_and_a_print_has_no_footnotes(c097_print):
    lines, report = c097_print
    assert (report["header_footer_lines_removed"], report["footnotes"], report["contents_lines_removed"]) == (8, 0, 0)
    assert report["front"] == {"title": "Convention 97"}
    assert not any(line.footnote for line in lines)


def test_a_un_resolution_s_first_page_gives_its_symbol_title_and_date():
    lines, report = clean_pdf_pages(pages_of(realdoc("un-ares-73-7")))
    assert report["front"] == {"adopted": "2018-10-29", "symbol": "A/RES/73/7",
                               "title": "Report of the International Criminal Court", "cite_as": "A/RES/73/7",
                               "short_title": "A/RES/73/7", "type": "resolution"}
    assert (report["header_footer_lines_removed"], report["footnotes"]) == (11, 9)
    assert [line.page for line in lines if line.footnote] == [1, 2, 2, 2, 2, 3, 3, 3, 4]


def test_front_matter_of_a_page_without_a_heading_is_empty(note_pdf):
    assert front_matter([]) == {}
    assert note_pdf[1]["front"] == {}


@pytest.mark.parametrize("text, line, joined, repaired", [
    ("Migration for Employment (Re-", "vised)", "Migration for Employment (Revised)", 1),
    ("the Organisation for the purpose of co-", "operation", "the Organisation for the purpose of co-operation", 0),
    ("employment-", "and", "employment- and", 0),  # a dash before "and", not a hyphenation
    ("the post-", "conflict", "the post-conflict", 0),  # a compound neither the text nor English joins
    ("the", "Convention", "the Convention", 0),
    ("the con-", "őrség", "the con-őrség", 0),  # a letter past Latin-1: kept as printed (it crashed)
])
def test_end_of_line_hyphenation_is_decided_by_the_document_s_own_words(c097_print, text, line, joined, repaired):
    vocab = Vocabulary(line.text for line in c097_print[0])
    assert join_wrapped(text, line, vocab) == joined
    assert vocab.hyphens_repaired == repaired


def test_words_glued_by_justification_are_split_with_the_document_s_words(c097_print):
    vocab = Vocabulary(line.text for line in c097_print[0])
    assert unglue("exclusive of frontierworkers", vocab) == ("exclusive of frontier workers", 1)
    assert unglue("such agreements apply", vocab) == ("such agreements apply", 0)


@pytest.mark.parametrize("glued, split", [
    ("annexisinforce", "annex is in force"),  # not "annex i sin force": as few words, but one of one letter
    ("thisannexisinforce", "this annex is in force"),
    ("ofthepresentconvention", "of the present convention"),
    ("Membersforwhichthisconventionisinforce", "Members for which this convention is in force"),
])
def test_a_glued_token_with_several_splits_of_as_few_words_takes_the_most_usual_words(c097_print, glued, split):
    vocab = Vocabulary(line.text for line in c097_print[0])
    assert unglue(glued, vocab) == (split, 1)


@pytest.mark.parametrize("doc_id, lines, removed", [("c189", 136, 28), ("p029", 55, 13)])
def test_lines_a_source_database_repeats_are_removed_as_boilerplate(doc_id, lines, removed):
    read = read_markdown(source_file(doc_id).read_text(encoding="utf-8")).lines
    kept = list(read)
    assert (len(read), remove_boilerplate(kept)) == (lines, removed)
    assert len(kept) == lines - removed
    assert all(line.heading or len(line.text.split()) < 4 or read.count(line) < 3 for line in kept)


def test_front_matter_of_an_act_stops_at_its_first_part():
    # Before: "Migrant Workers (protection) Act 2019 Part I Preliminary".
    page = ["MIGRANT WORKERS (PROTECTION) ACT 2019", "PART I", "PRELIMINARY", "1. Short title and commencement",
            "(1) This Act may be cited as the Migrant Workers (Protection) Act 2019."]
    assert front_matter(page) == {"title": "Migrant Workers (Protection) Act 2019"}


def test_front_matter_skips_an_online_services_label_of_the_preamble():
    # An online service prints each unit's label above it ("Preamble 1 - SEAFARERS ACT, 2031",
    # as "Section 1 - Short title"): the title is the Act's own line under it, not the label.
    page = ["SEAFARERS ACT, 2031 (Amended Upto 2040)", "(Page 1 of 9)", "Preamble 1 - SEAFARERS ACT, 2031",
            "THE SEAFARERS ACT, 2031", "[Act, No. 4 of 2031]", "PREAMBLE", "An Act to protect seafarers.",
            "Section 1 - Short title"]
    assert front_matter(page)["title"] == "The Seafarers Act, 2031"


@pytest.mark.parametrize("page, front", [
    # a law's number printed beside its title, as the UK prints an Act's chapter and a statutory
    # instrument's number (before: no symbol; the instrument's title was not found at all)
    (["Immigration Act 2016", "2016 CHAPTER 19", "An Act to make provision about immigration."],
     {"title": "Immigration Act 2016", "symbol": "2016 c. 19"}),
    (["STATUTORY INSTRUMENTS", "2007 No. 3290", "IMMIGRATION", "The Immigration (Employment) Order 2007",
      "Made 14th November 2007", "Coming into force 29th February 2008"],
     {"title": "The Immigration (Employment) Order 2007", "symbol": "SI 2007/3290"}),
])
def test_front_matter_reads_a_law_s_number_printed_beside_its_title(page, front):
    assert front_matter(page) == front


def test_an_english_word_is_looked_up_as_the_lexicon_set_holds_it():
    lexicon = sorted(english_words())
    assert len(lexicon) == 82834
    assert all(is_english_word(word) for word in lexicon[::97])
    # a word is a whole line's first field: not the start of one ("migran"), nor a count
    assert [is_english_word(w) for w in ("nurses", "kids", "refugess", "agencys", "migran", "migrant", "23135851162",
                                         "")] == [True, True, False, False, False, True, False, False]


def test_notes_marked_by_a_symbol_below_the_rule_are_footnotes_and_their_calls_markers():
    rule = " " * 30
    lines, _ = clean_pdf_pages(["♣3. Fees: No agency shall charge a fee.\nA licence is valid for ∝two years.\n"
                                f"{rule}\n♣ Amended by the First Amendment.\n∝ Inserted by the\nSecond Amendment."])
    assert [(line.text, line.footnote, line.continues_footnote) for line in lines] == [
        (f"{marker('♣')}3. Fees: No agency shall charge a fee.", None, False),
        (f"A licence is valid for {marker('∝')}two years.", None, False),
        ("Amended by the First Amendment.", "♣", False), ("Inserted by the", "∝", False),
        ("Second Amendment.", None, True)]


def test_a_typescripts_amendment_notes_without_a_rule_are_footnotes_numbered_by_page():
    # A typescript Act prints no rule above its amendment notes, numbered from 1 on each page and
    # called by "1[State]": they are notes, not its text (before, "1  Subs. ..." stayed a line of
    # text, which the segmenter took for a second section 1); a page whose "1 ..." line has no
    # call above stays as it is.
    pages = ["1. Short title.- This Act extends to the whole of the 1[State].\n2[2. Definitions- In this Act ...]\n"
             "1  Subs. for \u201cProvince\u201d by the Adaptation Order of 1950\n2 Ins. by Act 9 of 1951",
             "3. Hours of work.- No person shall work more than 1[nine] hours\nin a day.\n1  Subs. by Act 4 of 1960",
             "4. Holidays.- Every person shall have one day of rest\n1 day in each week."]
    lines, _ = clean_pdf_pages(pages)
    assert [(line.text, line.footnote) for line in lines] == [
        (f"1. Short title.- This Act extends to the whole of the {marker('p1-1')}[State].", None),
        (f"{marker('p1-2')}[2. Definitions- In this Act ...]", None),
        ("Subs. for \u201cProvince\u201d by the Adaptation Order of 1950", "p1-1"), ("Ins. by Act 9 of 1951", "p1-2"),
        (f"3. Hours of work.- No person shall work more than {marker('p2-1')}[nine] hours", None), ("in a day.", None),
        ("Subs. by Act 4 of 1960", "p2-1"),
        ("4. Holidays.- Every person shall have one day of rest", None), ("1 day in each week.", None)]


def test_a_bulleted_list_above_and_below_a_rule_is_no_footnotes():
    # A bullet that opens a line ("• item") is no note's call, so the lines below the rule stay text.
    rule = " " * 30
    lines, _ = clean_pdf_pages([f"Workers may:\n• apply for a permit;\n{rule}\n• Source: Ministry of Labour."])
    assert not any(line.footnote or line.continues_footnote for line in lines)
    assert "• Source: Ministry of Labour." in [line.text for line in lines]


def test_a_laws_title_with_a_comma_before_its_year_ends_with_the_year():
    # Nepal's Acts print "Labour Act,2048 (1992)" above "Date of Authentication": the comma kept the
    # line from being a title (the document was titled by its long title, "An Act to provide for ...").
    page = ["1", "Domestic Workers Act,2031 (1974)", "Date of Authentication", "2 Baisakh 2031 (April 14, 1974)",
            "An Act to provide for domestic workers"]
    assert front_matter(page) == {"title": "Domestic Workers Act, 2031 (1974)"}
    assert front_matter(["THE EMIGRATION ACT, 1983", "ARRANGEMENT OF SECTIONS"]) == {"title": "The Emigration Act, 1983"}


def test_a_two_page_journal_loses_its_running_header_printed_in_mirror_order():
    # The Official Journal prints its header with the page number and date swapped on even pages;
    # on two pages only an exact repeat was taken as a header, so both stayed in the text.
    pages = ["12.5.2031 EN Official Journal of the European Union L 123/1\nREGULATION (EU) 2031/5 OF THE COUNCIL\n"
             "Article 1\nThis Regulation applies to seasonal workers.",
             "L 123/2 EN Official Journal of the European Union 12.5.2031\nArticle 2\n"
             "This Regulation shall enter into force on the day of its publication."]
    lines, report = clean_pdf_pages(pages)
    assert [line.text for line in lines] == [
        "REGULATION (EU) 2031/5 OF THE COUNCIL", "Article 1", "This Regulation applies to seasonal workers.", "Article 2",
        "This Regulation shall enter into force on the day of its publication."]
    assert report["header_footer_lines_removed"] == 2


def test_two_pages_whose_edge_lines_differ_in_their_numbers_keep_them():
    # "3 May 2031" / "4 May 2031" at the top of two pages are a list's entries, not a header, and
    # so are a resolution's dates wrapped at a page's end and the next page's top.
    lines, report = clean_pdf_pages(["3 May 2031\nThe workers met.", "4 May 2031\nThe workers met again."])
    assert [line.text for line in lines] == ["3 May 2031", "The workers met.", "4 May 2031", "The workers met again."]
    assert report["header_footer_lines_removed"] == 0
    dates = ["Recalling its resolutions\n57/11 of 12 November 2002, 58/7 of 4 November 2003,",
             "60/12 of 8 November 2005, 61/11 of 8 November 2006,\nand 62/3 of 30 October 2007,"]
    assert [line.text for line in clean_pdf_pages(dates)[0]] == [
        "Recalling its resolutions", "57/11 of 12 November 2002, 58/7 of 4 November 2003,",
        "60/12 of 8 November 2005, 61/11 of 8 November 2006,", "and 62/3 of 30 October 2007,"]


def test_an_article_heading_opening_many_pages_is_no_running_header():
    # A law printed with each article on a new page under a running title: "Article (2)"
    # opens most pages, each with its own number; only the title and page number repeat.
    titles = ["Definitions", "Scope", "Work Permits", "Wages", "Leave", "Penalties"]
    pages = [f"Cabinet Resolution Concerning the Regulations of a Labour Law\n{n}\nArticle ({n})\n"
             f"{title}\nThe rules on {title.lower()} apply to every worker.\n" for n, title in enumerate(titles, 1)]
    lines, report = clean_pdf_pages(pages)
    assert [line.text for line in lines if line.text.startswith("Article")] == [f"Article ({n})" for n in range(1, 7)]
    assert report["header_footer_lines_removed"] == 12  # the title and the page number of each page


@pytest.mark.parametrize("page, title, symbol", [
    # a revised Act's number printed alone above its title
    (["LAWS OF ARCADIA", "Act 912", "SEAFARERS WELFARE FUND ACT 2019", "As at 1 June 2024"],
     "Seafarers Welfare Fund Act 2019", "Act 912"),
    # the name above the law's word and year alone
    (["LAWS OF ARCADIA", "Act A77", "DOMESTIC AND FARM", "WORKERS (WAGES)", "ACT 1961", "As at 1 May 2020"],
     "Domestic and Farm Workers (Wages) Act 1961", "Act A77"),
    # a title cut after a small word
    (["RECRUITMENT AGENCIES AND", "EMPLOYMENT BUREAUX ACT 1990"], "Recruitment Agencies and Employment Bureaux Act 1990", None),
    # a resolution is numbered by its own number, not by the law it implements
    (["Cabinet Resolution No. (4) of 2023", "Concerning the Implementing Regulations of Federal Law No. (7) of 2020",
      "The Cabinet,"],
     "Cabinet Resolution No. (4) of 2023 Concerning the Implementing Regulations of Federal Law No. (7) of 2020",
     "Cabinet Resolution No. (4) of 2023"),
])
def test_a_law_s_title_and_number_on_its_first_page(page, title, symbol):
    front = front_matter(page)
    assert (front.get("title"), front.get("symbol")) == (title, symbol)


@pytest.mark.parametrize("page, front", [
    # A gazette-printed Act: its title under the printer's lines and a line giving its web address,
    # in two lines, the second opening with a bracket or its law's word. Before: the title was
    # "This Act can be downloaded from www.laws.gov.at", or none.
    (["PARLIAMENT OF THE REPUBLIC OF", "ATLANTIS", "PRINTED AT THE GOVERNMENT PRESS, ATLANTIS",
      "Price : Rs. 20.00 Postage : Rs. 150.00", "This Act can be downloaded from www.laws.gov.at", "SEASONAL WORKERS",
      "(AMENDMENT) ACT, No. 4 OF 2031", "[Certified on 2nd of May, 2031]", "Printed on the Order of Government"],
     {"title": "Seasonal Workers (Amendment) Act, No. 4 of 2031", "symbol": "Act, No. 4 of 2031"}),
    (["This Act can be downloaded from QRWDQDGGUHVV", "RECRUITMENT AGENCIES (AMENDMENT)", "ACT, No. 13 OF 2031",
      "Printed on the Order of Government"],
     {"title": "Recruitment Agencies (Amendment) Act, No. 13 of 2031", "symbol": "Act, No. 13 of 2031"}),
    # A gazette's masthead: its issue's mark "GI/2031" is no UN symbol, its "PART II - Section 1" no
    # part of the Act, its ministry no title. Before: titled "Published by Authority", cited "GI/2031".
    (["REGISTERED NO. DL-(N)04/0007/2003-31", "The Gazette of India", "EXTRAORDINARY", "PART II - Section 1",
      "PUBLISHED BY AUTHORITY", "GI/2031", "No. 12] NEW DELHI, MONDAY, MAY 5, 2031", "MINISTRY OF LAW AND JUSTICE",
      "THE SEASONAL WORKERS ACT, 2031", "No. 7 of 2031", "An Act to provide for seasonal workers."],
     {"title": "The Seasonal Workers Act, 2031"}),
])
def test_front_matter_of_a_gazette_printed_act_skips_its_masthead(page, front):
    assert front_matter(page) == front


@pytest.mark.parametrize("printed, read", [
    # a typeset PDF's ligatures, with the spaces its text layer puts around them
    ("the bene ﬁ cial owners speci ﬁ ed in", "the beneficial owners specified in"),
    ("[Certiﬁ ed on 4th of May] the ofﬁ ce", "[Certified on 4th of May] the office"),
    ("terrorist ﬁ nancing within ﬁ ve days; Auﬂage (PDF), ﬁrms", "terrorist financing within five days; Auflage (PDF), firms"),
    # a label with a space inside its brackets
    ("(4) ( a) The company under paragraph ( b) and ( iv )", "(4) (a) The company under paragraph (b) and (iv)"),
])
def test_typography_reads_ligatures_and_spaced_labels_as_letters(printed, read):
    assert normalise_typography(Line(printed, 1)).text == read


def test_a_word_the_text_layer_split_in_two_is_joined_by_the_documents_own_words():
    # UN resolutions set in Word: "in the Interest of All St ates" (A/RES/73/6), "national
    # progres s", "public hea lth" (A/RES/73/3). Two words that make a third stay apart.
    from lexmig.indexer.clean import Vocabulary, rejoin_split

    vocab = Vocabulary(["All States shall report on their progress in public health.",
                        "States, progress and health are known words, and so are abroad, abroad, a, broad, in, to, into, into.",
                        "The Interest of All St ates, global progres s and public hea lth, a broad mandate, in to."])
    assert rejoin_split("The Interest of All St ates, global progres s and public hea lth, a broad mandate, in to.",
                        vocab) == ("The Interest of All States, global progress and public health, a broad mandate, in to.", 3)
