"""The cleaning pipeline: one ordered list of named steps, run once on every file read."""

import pytest

from lexmig.indexer.clean import CLEANING_STEPS, clean_text
from lexmig.indexer.readers import read_file, read_html, read_markdown
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
