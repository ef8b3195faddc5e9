"""Telling languages apart: the language of a text, where its translation starts."""

from lexmig.indexer.language import guess_language, language_score
from lexmig.indexer.readers import read_file
from lexmig.indexer.segment import is_structural, split_languages
from tests.conftest import corpus_path, realdoc, source_file


def test_a_treaty_and_its_dutch_translation_split_at_the_dutch_title():
    lines = read_file(source_file("c097")).lines
    assert split_languages(lines) == [("en", 0, 207), ("nl", 207, 412)]
    assert lines[207].text == "Verdrag (No. 97) betreffende migrerende arbeiders (herzien) 1949"
    assert sum(language_score(line.text) for line in lines[:207]) == 2225
    assert sum(language_score(line.text) for line in lines[207:]) == -1761


def test_a_one_language_document_is_tagged_with_its_language():
    german = read_file(realdoc("eu-com-2021-206-de-html")).lines
    assert split_languages(german) == [("de", 0, 1532)]
    note = read_file(corpus_path("ecosoc-2006-rt6", "issues-note.md")).lines
    assert guess_language(note) == "en" and split_languages(note) == [("en", 0, 59)]


def test_structural_headings_are_never_the_cut():
    lines = read_file(source_file("c097")).lines
    structural = [line.text for line in lines if line.heading and is_structural(line.text)]
    assert len(structural) == 98 and structural[:3] == ["Article 1", "Article 2", "Article 3"]
    assert not is_structural(lines[207].text)


def test_a_text_in_ukrainian_or_russian_is_no_english_text():
    # before, Cyrillic words were not counted: a judgment's Ukrainian translation was filed as English
    from lexmig.indexer.readers import read_markdown

    ukrainian = read_markdown("1. Заявник стверджував, що суд не розглянув його скаргу, і що це порушило його права.\n"
                              "2. Уряд заперечив та зазначив, що скарга була подана із запізненням.\n").lines
    russian = read_markdown("1. Заявитель утверждал, что суд не рассмотрел его жалобу и что это нарушило его права.\n"
                            "2. Правительство возразило, что жалоба была подана с опозданием.\n").lines
    assert (guess_language(ukrainian), guess_language(russian)) == ("uk", "ru")
