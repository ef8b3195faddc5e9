import hashlib
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lexmig.search.cli import cli
from tests.conftest import corpus_path, run


def snapshot(home: Path) -> dict:
    """Every file of a data home with its sha256: to prove that nothing changed."""
    return {str(p.relative_to(home)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(home.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def home(tmp_path_factory, corpus):
    home = tmp_path_factory.mktemp("clihome")
    result = run(home, "fetch", "--mirror", str(corpus))
    assert result.exit_code == 0, result.output
    return home


def test_fetch_reports_one_line_per_document(home, corpus):
    result = run(home, "fetch", "--mirror", str(corpus))
    lines = result.stdout.splitlines()
    assert lines[0] == "c019: already installed"
    assert "ecosoc-2006-rt6: already installed" in lines
    assert lines[-1] == "25 installed or up to date, 0 failed."


def test_fetch_without_an_address_or_network_fails_per_document_and_installs_the_rest(tmp_path, corpus):
    result = run(tmp_path, "fetch", "c143", "gcim-2005", "nosuch", "c189", "--mirror", str(corpus))
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        f"c143: not in the mirror ({corpus / 'c143'} has no provenance.json)",
        f"gcim-2005: not in the mirror ({corpus / 'gcim-2005'} has no provenance.json)",
        "nosuch: not in the catalogue; add a file with: lexmig add FILE --id ID",
    ]
    assert result.stdout.splitlines() == ["c189: installed from mirror " + str(corpus) + " (93 passages)",
                                          "1 installed or up to date, 3 failed."]
    result = run(tmp_path, "fetch", "gcim-2005")
    assert result.stderr == ("gcim-2005: no official address in the catalogue; add a copy with: "
                             "lexmig add FILE --id gcim-2005\n")


def test_passages_shows_c097_in_order(home):
    result = run(home, "passages", "c097")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ("c097: Migration for Employment Convention (Revised), 1949 (No. 97): "
                        "349 passages (en 178, nl 171)")
    assert lines[1].split()[:2] == ["preamble", "Preamble"]
    assert lines[2].split()[:3] == ["art-1", "Art.", "1"]
    assert lines[3].split()[:2] == ["art-1/a", "(a)"]
    assert any(line.startswith("annex-2/art-4/2 ") for line in lines)


def test_passages_json_gives_the_passage_shape(home):
    result = run(home, "passages", "C97", "--json", "--lang", "en")
    data = json.loads(result.stdout)
    articles = [p for p in data if p["kind"] == "article"]
    assert len(articles) == 46
    unit = next(p for p in data if p["passage_id"] == "c097/annex-2/art-4/2")
    assert unit["citation"] == "Migration for Employment Convention (Revised), 1949 (No. 97), Annex II, Article 4(2)"
    assert unit["short_citation"] == "C097, Annex II, Art. 4(2)"
    assert unit["text"] == ("The administrative costs of recruitment, introduction and placing shall not be borne "
                            "by the migrants.")


def test_passages_in_a_language_the_document_lacks_is_an_error_naming_its_languages(home):
    # It printed "c097: ...: 0 passages ()" and exited 0, as if the document were empty.
    result = run(home, "passages", "C97", "--lang", "fr")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "Error: C097 has no text in 'fr'; its text is in en, nl: try --lang en.\n")


def test_a_fresh_home_builds_the_index_on_first_use_saying_so(tmp_path):
    result = run(tmp_path, "passages", "note")
    assert result.exit_code == 0
    assert result.stderr == f"Building the index in {tmp_path / 'index'} (first use) ...\n"
    first = result.stdout.splitlines()[0]
    assert first == "ecosoc-2006-rt6: ECOSOC Issues Note, Roundtable 6 (2006): 39 passages (en 39)"
    assert run(tmp_path, "passages", "note").stderr == ""


def test_catalogue_lists_and_shows_entries(home):
    result = run(home, "catalogue")
    assert result.stdout.splitlines()[-1] == "42 documents; * installed, - no text available (cite only)."
    lines = result.stdout.splitlines()
    assert "* c097                     convention      1949-07-01  C097" in lines
    assert "- icrmw                    convention      1990-12-18  ICRMW" in lines
    # the columns are as wide as the longest id and type: the longest id keeps two spaces
    assert "* refugee-convention-1951  convention      1951-07-28  Refugee Convention" in lines
    assert "- r086                     recommendation  1949-07-01  R086" in lines
    shown = run(home, "catalogue", "1990 Convention").stdout
    assert "symbol:         A/RES/45/158" in shown
    assert json.loads(run(home, "catalogue", "C97", "--json").stdout)["installed"] is True


@pytest.mark.parametrize("args, message", [
    (["passages", "C9"], "Error: No document 'C9' in the catalogue. Did you mean: "),
    (["passages", "C143"], "Error: 'c143' is catalogued but its text is not installed; get it with "
                           "lexmig fetch c143 (or lexmig add FILE --id c143).\n"),
])
def test_unknown_or_uninstalled_documents_are_one_line_errors(home, args, message):
    result = run(home, *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1


def test_add_refuses_bad_files_and_changes_nothing(home, tmp_path):
    before = snapshot(home)
    scanned = corpus_path("ecosoc-2006-rt6", "renderings", "issues-note-scanned-pages-1-2.pdf")
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    for path, message in [
        (scanned, "issues-note-scanned-pages-1-2.pdf: the PDF has no text layer (scanned images)"),
        (empty, "empty.pdf: the file is empty; there is nothing to add."),
        (tmp_path / "missing.md", f"{tmp_path / 'missing.md'}: no such file; check the path."),
        (corpus_path("c097", "BWBV0005528_README.md"),
         "BWBV0005528_README.md: the same file is already in the library as 'c097'; nothing to add."),
    ]:
        result = run(home, "add", str(path))
        assert result.exit_code == 2
        assert result.stderr.startswith("Error: " + message)
        assert result.stderr.count("\n") == 1
    assert snapshot(home) == before


def test_add_a_rendering_as_a_new_document_then_list_it(tmp_path, corpus):
    pdf = corpus / "c097" / "renderings" / "c097-en-libreoffice.pdf"
    result = run(tmp_path, "add", str(pdf), "--id", "c097-pdf", "--title", "C97 as PDF", "--type", "convention",
                 "--date", "1949-07-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "Added c097-pdf: C97 as PDF (178 passages)"
    listed = run(tmp_path, "passages", "c097-pdf").stdout.splitlines()
    assert listed[0] == "c097-pdf: C97 as PDF: 178 passages (en 178)"
    bad = run(tmp_path, "add", str(corpus / "c189" / "BWBV0005977_README.md"), "--id", "c189x", "--date", "2011-13")
    assert bad.exit_code == 2
    assert bad.stderr == ("Error: metadata: entry 'c189x', field 'date': '2011-13' is not a date "
                          "(YYYY, YYYY-MM or YYYY-MM-DD)\n")


def test_index_rebuild_reports_what_it_did(home):
    result = run(home, "index")
    assert result.stdout == "The index is up to date.\n"
    result = run(home, "index", "--rebuild")
    assert result.stdout.startswith("Rebuilt the index: 25 documents, 4936 passages indexed, 0 removed, in ")


def test_every_command_has_help_with_an_example():
    for name in cli.commands:
        result = CliRunner().invoke(cli, [name, "--help"])
        assert result.exit_code == 0
        assert "Example:" in result.stdout, name
    assert CliRunner().invoke(cli, ["-h"]).exit_code == 0


def test_search_prints_ranked_cited_highlighted_passages(home):
    result = run(home, "search", "brain drain", "--limit", "1")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[:3] == [
        " 1. ECOSOC Issues Note, Roundtable 6 (2006), para. 11",
        "    ECOSOC RT6 Note, para. 11 · p. 3",
        "    One important source of concern is the growing **emigration of skilled persons** from",
    ]
    assert "the **brain drain** - which" in result.stdout


def test_search_names_the_article_around_a_paragraph(home):
    result = run(home, "search", "shall not be returned illness contracted", "--limit", "1")
    assert result.stdout.splitlines()[:2] == [
        " 1. Migration for Employment Convention (Revised), 1949 (No. 97), Article 8(1)",
        "    C097, Art. 8(1) · in C097, Art. 8",
    ]


def test_search_says_what_it_searched_for(home):
    result = run(home, "search", "remitances", "--limit", "1")
    assert result.stdout.splitlines()[0] == 'Showing results for "remittances" (you typed "remitances").'


def test_search_json_has_the_documented_shape(home):
    result = run(home, "search", "remitances", "--json", "--limit", "2")
    data = json.loads(result.stdout)
    assert list(data) == ["query", "corrected", "expansions", "notes", "hits"]
    assert data["query"] == "remitances" and data["corrected"] == "remittances" and data["notes"] == []
    assert data["expansions"][0]["group"] == "remittances"
    hit = data["hits"][0]
    for key in ("doc_id", "passage_id", "path", "label", "citation", "short_citation", "lang", "page", "text",
                "rank", "score", "snippet"):
        assert key in hit
    assert hit["rank"] == 1 and isinstance(hit["score"], float)
    assert hit["snippet"].startswith("For some countries migrants' **remittances** constitute the main source")


def test_search_exit_codes(home):
    assert run(home, "search", "zzzzqqq").exit_code == 1
    assert run(home, "search", "zzzzqqq").stderr == \
        'No passages found for "zzzzqqq". Try fewer or other words, or another --lang.\n'
    bad = run(home, "search", "recruitment", "--doc", "C9")
    assert bad.exit_code == 2
    assert bad.stderr.startswith("Error: No document 'C9' in the catalogue. Did you mean: ")
    year = run(home, "search", "recruitment", "--year", "19x")
    assert year.exit_code == 2
    assert year.stderr == "Error: --year: '19x' is not a year or a range FROM..TO (e.g. 1949..1975, 1990.., ..2000).\n"


def test_search_puts_a_typed_citation_first_and_can_show_neighbours(home):
    result = run(home, "search", "C97 art. 6(1)(b)", "--limit", "2", "--context", "1")
    lines = result.stdout.splitlines()
    assert lines[0] == " 1. Migration for Employment Convention (Revised), 1949 (No. 97), Article 6(1)(b)"
    assert lines[1] == "    C097, Art. 6(1)(b) · in C097, Art. 6 · the unit cited"
    assert lines[2].startswith("    [C097, Art. 6(1)(a)] in so far as such matters")
    assert any(line.startswith("    [C097, Art. 6(1)(c)] employment taxes") for line in lines)


def test_search_full_prints_whole_passages_without_colour_when_piped(home):
    result = run(home, "search", "customs duties tools", "--limit", "1", "--full")
    assert "\x1b[" not in result.stdout
    assert "**customs duties**" in result.stdout
    assert result.stdout.rstrip().endswith("in the course of their occupation.")


def test_search_explain_shows_corrections_expansions_and_scores(home):
    result = run(home, "search", "remitances", "--explain", "--limit", "1")
    lines = result.stdout.splitlines()
    assert "  corrected: remitances -> remittances" in lines
    assert "  expanded: remittances -> transfer of earnings, transfer of savings, earnings and savings, " \
           "transfer of funds, money sent home (weight 0.6, thesaurus group 'remittances')" in lines
    assert any(line.startswith("    score ") and "by field: text" in line for line in lines)
    plain = run(home, "search", "remittances", "--no-expand", "--explain", "--limit", "1")
    assert "expanded:" not in plain.stdout


def test_show_prints_a_unit_with_its_sub_units_and_footnotes(home):
    result = run(home, "show", "C97 art. 6(1)(b)")
    lines = result.stdout.splitlines()
    assert lines[0] == "Migration for Employment Convention (Revised), 1949 (No. 97), Article 6(1)(b)"
    assert lines[1] == "C097, Art. 6(1)(b)"
    assert lines[3].startswith("social security (that is to say")
    assert lines[-1] == "Units: C097, Art. 6(1)(b)(i); C097, Art. 6(1)(b)(ii)"
    note = run(home, "show", "note para 18").stdout
    assert note.splitlines()[-1].startswith("[ECOSOC RT6 Note, fn. 7] ILO (2005). Draft ILO Multilateral Framework")
    unknown = run(home, "show", "C97 art. 99")
    assert unknown.exit_code == 2
    assert unknown.stderr.startswith("Error: C097 has no Article 99. Nearest: C097, Art. 9")
    # a point of a document's one unnumbered annex, as its citation prints it (before: no citation)
    annexed = run(home, "show", "IOM Constitution, Annex(d)")
    assert annexed.stdout.splitlines()[:2] == [
        "Constitution of the International Organization for Migration, Annex(d)", "IOM Constitution, Annex(d)"]
    # an article typed in the other numbering than the text prints (before: "GATS has no Article 19")
    assert run(home, "show", "GATS Art. 19").stdout.splitlines()[1] == "GATS, Art. XIX"


def test_show_prints_each_unit_of_a_range_or_list(home):
    # before: "Articles 6-7 of C97" showed Article 6 alone, saying nothing of Article 7
    shown = run(home, "show", "Articles 6-7 of C97")
    assert shown.exit_code == 0
    assert [line for line in shown.stdout.splitlines() if line.startswith("C097, Art.")] == \
        ["C097, Art. 6", "C097, Art. 7"]
    assert shown.stdout == run(home, "show", "C97 arts. 6 and 7").stdout
    assert run(home, "show", "C97 Articles 6, 7, and 8").stdout.count("\nC097, Art. ") == 3  # a serial comma
    alone = run(home, "show", "paras 1-3")
    assert (alone.exit_code, alone.stderr) == (2, "Error: 'paras 1-3' names a unit but no document; put the "
                                                  "document's name or number before it, as in 'C97 paras 1-3'.\n")
    listed = json.loads(run(home, "show", "note paras 10, 11 and 14", "--json").stdout)
    assert [unit["passage_id"] for unit in listed] == [
        "ecosoc-2006-rt6/para-10", "ecosoc-2006-rt6/para-11", "ecosoc-2006-rt6/para-14"]
    # a range's last unit keeps its point (before: "Articles 6-8(1)" showed Article 6 alone)
    pointed = run(home, "show", "Articles 6-8(1) of C97")
    assert [line for line in pointed.stdout.splitlines() if line.startswith("C097, Art.")] == \
        ["C097, Art. 6", "C097, Art. 7", "C097, Art. 8(1)"]
    # a range of one article's points, also with the word in the singular and the first's
    # points left out (before: "Articles 6(1)(a)-6(1)(c)" skipped (b); "Art. 6(1)(a)-(c)" showed (a) alone)
    for points in ("Articles 6(1)(a)-6(1)(c) of C97", "C97 Art. 6(1)(a)-(c)"):
        assert [line for line in run(home, "show", points).stdout.splitlines() if line.startswith("C097, Art.")] == \
            ["C097, Art. 6(1)(a)", "C097, Art. 6(1)(b)", "C097, Art. 6(1)(c)"]
    backwards = run(home, "show", "Articles 8-6 of C97")
    assert (backwards.exit_code, backwards.stderr) == (
        2, "Error: 'Articles 8-6 of C97': the range 8-6 runs backwards; write it from the first unit to the last.\n")
    # a range pasted with an em dash or a minus sign (before: "6—1" showed Article 6 alone, exit 0)
    assert run(home, "show", "C97 art. 6—1").stderr == (
        "Error: 'C97 art. 6—1': the range 6—1 runs backwards; write it from the first unit to the last.\n")
    for dash in ("—", "−", "‑"):
        assert [line for line in run(home, "show", f"C97 arts. 6{dash}7").stdout.splitlines()
                if line.startswith("C097, Art.")] == ["C097, Art. 6", "C097, Art. 7"]
    assert run(home, "show", "C97 Art. 6(1)(c)-(a)").stderr == (
        "Error: 'C97 Art. 6(1)(c)-(a)': the range 6(1)(c)-6(1)(a) runs backwards; write it from the first unit to the "
        "last.\n")
    many = run(home, "show", "C97 Articles 1-30")
    assert (many.exit_code, many.stderr) == (
        2, "Error: 'C97 Articles 1-30': 'Articles 1-30' names more than 20 units; show fewer at a time.\n")


def test_show_leaves_out_only_divisions_and_sections_not_paragraphs_or_annexes(home):
    # before: "C97 art 6A" named Art. 6(1)(a) and two annexes' points as its places, and
    # "C97 art 6(3)" showed Annex II's Article 6(3): a paragraph or an annex left out of a citation
    for citation, nearest in (("C97 art 6A", "Article 6A. Nearest: C097, Art. 6; C097, Art. 16; C097, Art. 6(1)(a); "
                                             "C097, Art. 1(a)."),
                              ("C97 art 6(3)", "Article 6(3). Nearest: C097, Art. 16(3); C097, Art. 6(1); C097, Art. "
                                               "6(2); C097, Art. 3.")):
        shown = run(home, "show", citation)
        assert (shown.exit_code, shown.stderr) == (2, f"Error: C097 has no {nearest}\n")
    # an article's lettered sections may be left out: each that has the paragraph is named
    sections = run(home, "show", "Refugee Convention art. 1(2)")
    assert (sections.exit_code, sections.stderr) == (
        2, "Error: Refugee Convention has an Article 1(2) in 3 places: Refugee Convention, Art. 1A(2); Refugee "
           "Convention, Art. 1B(2); Refugee Convention, Art. 1C(2); cite one of them.\n")


def test_show_names_a_document_the_catalogue_lacks(home):
    # before: "'UDHR art 13(2)' is not a citation lexmig can read", as if its form were wrong
    result = run(home, "show", "UDHR art 13(2)")
    assert (result.exit_code, result.stderr) == (
        2, "Error: 'UDHR art 13(2)': No document 'UDHR' in the catalogue. List them with lexmig catalogue, "
           "or add the document with lexmig add FILE.\n")
    assert run(home, "show", "C9 art 3").stderr.startswith(
        "Error: 'C9 art 3': No document 'C9' in the catalogue. Did you mean: c097, c019, c029?")


def test_show_takes_a_passage_id_as_passages_and_json_print_it(home):
    assert run(home, "show", "c097/art-6/1/b").stdout == run(home, "show", "C97 art. 6(1)(b)").stdout
    assert run(home, "show", "c097/nl/art-3/2").stdout.splitlines()[0].endswith("Article 3(2) [nl]")
    unknown = run(home, "show", "c097/art-99")
    assert (unknown.exit_code, unknown.stderr) == (2, "Error: C097 has no passage 'c097/art-99'. Nearest: C097, "
                                                      "Art. 9; C097, Art. 19; C097, Art. 1; C097, Art. 2.\n")


def test_sources_prints_each_footnote_with_its_resolution(home):
    result = run(home, "sources")
    lines = result.stdout.splitlines()
    assert lines[0].startswith("fn. 1 (in ECOSOC RT6 Note, para. 1): See WCSDG (2004), A fair globalization")
    assert lines[1] == \
        "  -> wcsdg-2004: WCSDG, A fair globalization: Creating opportunities for all (2004) [title, 0.98]"
    data = json.loads(run(home, "sources", "note", "--json").stdout)
    assert data["doc_id"] == "ecosoc-2006-rt6"
    fn8 = data["footnotes"][7]
    assert (fn8["label"], fn8["anchor"]) == ("8", "ecosoc-2006-rt6/para-20")
    assert [(r["resolved_to"], r["rule"]) for r in fn8["references"]] == [("un-sg-ep-2004", "op-cit-catalogue")]
    assert set(fn8["references"][0]) == {"text", "resolved_to", "confidence", "rule", "evidence", "fields"}
    assert run(home, "sources", "c097").stdout == "c097 has no footnotes.\n"


def test_cite_prints_the_entry_the_passage_and_exit_codes(home):
    result = run(home, "cite", "ILO C181, art. 7(1)")
    lines = result.stdout.splitlines()
    assert lines[0] == "c181: Private Employment Agencies Convention, 1997 (No. 181)"
    assert lines[-1] == ("Private employment agencies shall not charge directly or indirectly, in whole or in part, "
                         "any fees or costs to workers.")
    data = json.loads(run(home, "cite", "A/RES/45/158", "--json").stdout)
    # The symbol is the resolution's; it lists the Convention it adopts as its annex (issue 13).
    assert (data["input"], data["resolved_to"], data["passage"]) == ("A/RES/45/158", "a-res-45-158", None)
    assert data["alternatives"] == [{"id": "icrmw", "confidence": 0.9, "rule": "adopted",
                                     "reason": "adopted by A/RES/45/158 as its annex"}]
    unknown = run(home, "cite", "Harry Potter and the Goblet of Fire")
    assert unknown.exit_code == 1
    assert unknown.stderr.startswith('No catalogue document matches "Harry Potter and the Goblet of Fire". Nearest: ')


def test_related_and_support_commands(home):
    result = run(home, "related", "C97 art. 9")
    lines = result.stdout.splitlines()
    assert lines[0] == "Migration for Employment Convention (Revised), 1949 (No. 97), Article 9"
    i = lines.index("Closest provisions in other instruments:")
    assert lines[i + 1] == ("  European Social Charter (ETS No. 35, 1961), Article 19 — The right of migrant workers "
                            "and their families to protection and assistance")
    assert lines[i + 2].startswith("    why: shares earnings, savings")
    assert lines[i + 3] == ("  European Convention on the Legal Status of Migrant Workers (ETS No. 93), Article 17 "
                            "— Transfer of savings")
    data = json.loads(run(home, "support", "note para 18", "--json").stdout)
    assert [m["doc_id"] for m in data["mentions"]] == ["c097", "c143", "icrmw", "mflm"]
    assert data["sources"][0]["resolved_to"] == "mflm" and data["sources"][0]["footnote"] == "7"


def test_exports(home):
    bib = run(home, "catalogue", "--format", "bibtex", "c097", "icrmw").stdout
    assert bib.count("@misc{") == 2 and "number = {A/RES/45/158, annex}" in bib
    items = json.loads(run(home, "catalogue", "--format", "csl-json").stdout)
    assert len(items) == 42
    hits = json.loads(run(home, "search", "family reunion", "--limit", "2", "--format", "csl-json").stdout)
    assert hits[0]["id"] == "ets093/art-12" and hits[0]["section"] == "Art. 12"


def test_a_query_that_only_excludes_is_an_error_and_minus_words_need_no_quotes(home):
    result = run(home, "search", "-sea")
    assert result.exit_code == 2
    assert result.stderr == "Error: '-sea' only excludes words; add a word to search for, e.g. 'smuggling -sea'.\n"
    assert run(home, "search", "NOT", "migrant").exit_code == 2
    result = run(home, "search", "smuggling", "-sea", "--limit", "3", "--json")
    hits = json.loads(result.stdout)["hits"]
    assert len(hits) == 3 and not any("sea" in h["text"].lower().split() for h in hits)


def test_a_citation_of_a_document_without_text_says_so(home):
    result = run(home, "search", "C143 art 1", "--limit", "1")
    assert result.stdout.splitlines()[0] == ("C143 is catalogued but its text is not installed (lexmig fetch c143, "
                                             "or lexmig add FILE --id c143); showing search results.")


@pytest.mark.parametrize("query", [
    "what does the 1990 Convention say about family reunification",
    # its title's own capitalised words ("Migrant Workers") name no other instrument
    "International Convention on the Protection of the Rights of All Migrant Workers and Members of Their Families",
])
def test_a_question_naming_a_document_without_text_says_so(home, query):
    result = run(home, "search", query, "--limit", "1")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == ("ICRMW is catalogued but its text is not installed (lexmig fetch icrmw, "
                                             "or lexmig add FILE --id icrmw); showing the installed documents' passages.")
    assert result.stdout.splitlines()[1].startswith(" 1. ")


def test_an_instrument_described_is_searched_first(home):
    question = ("A firm only takes on applicants whose parents were born in the country. Is that the kind of "
                "unequal treatment the 1958 ILO convention covers?")
    lines = run(home, "search", question, "--limit", "1").stdout.splitlines()
    assert lines[0] == " 1. Discrimination (Employment and Occupation) Convention, 1958 (No. 111), Article 1(1)"
    assert lines[1] == "    C111, Art. 1(1) · in C111, Art. 1"


def test_an_instrument_described_without_its_text_says_so(home):
    result = run(home, "search", "What does the 1975 ILO convention on migrant workers say about equal treatment?",
                 "--limit", "1")
    assert result.stdout.splitlines()[0] == ("C143 is catalogued but its text is not installed (lexmig fetch c143, "
                                             "or lexmig add FILE --id c143); showing the installed documents' passages.")


def test_a_correction_shows_the_named_instrument_s_words_not_searched(home):
    lines = run(home, "search", "Under the European Social Charter, can a migrant wokrer bring his family?",
                "--limit", "1").stdout.splitlines()
    assert lines[0] == ('Showing results for "Under the European Social Charter, can a migrant worker bring his '
                        'family?" (you typed "Under the European Social Charter, can a migrant wokrer bring his family?").')
    assert lines[1].startswith(" 1. European Social Charter (ETS No. 35, 1961), Article 19 ")


def test_a_citation_of_a_document_without_text_says_so_once(home):
    lines = run(home, "search", "--limit", "1", "--", "ICRMW art. 44").stdout.splitlines()
    assert lines[0].endswith("; showing search results.") and lines[1].startswith(" 1. ")
    data = json.loads(run(home, "search", "--limit", "1", "--json", "--", "ICRMW art. 44").stdout)
    assert data["notes"] == [lines[0]] and len(data["hits"]) == 1


@pytest.mark.parametrize("query, why", [
    ("C97", "it names C097 and no words to look for in it; add them after its name, or list its units: "
            "lexmig passages c097"),
    ("ICRMW", "it names ICRMW, whose text is not installed"),
])
def test_a_search_for_a_document_s_name_alone_says_what_to_do(home, query, why):
    result = run(home, "search", query)
    assert (result.exit_code, result.stderr) == (1, f'No passages found for "{query}": {why}\n')


def test_a_data_home_that_cannot_be_created_is_one_line():
    result = CliRunner().invoke(cli, ["--home", "/proc/lexmig-home", "search", "remittances"])
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == ("Error: /proc/lexmig-home: No such file or directory; check the path and "
                                              "its permissions (choose the data home with --home or LEXMIG_HOME).")


def test_show_finds_a_unit_cited_without_the_divisions_that_hold_it(tmp_path):
    from tests.test_segment_acts import BYLAWS_NUMBERED_BY_ARTICLE
    from tests.test_segment_layouts import IMPLEMENTING_RULES, LABOR_CODE

    home = tmp_path / "home"
    for name, text in (("bylaws.txt", BYLAWS_NUMBERED_BY_ARTICLE), ("rules.txt", IMPLEMENTING_RULES),
                       ("code.txt", LABOR_CODE)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert run(home, "add", str(tmp_path / name), "--id", name[:-4]).exit_code == 0
    # a plain text's title in capitals is its title (before: "(b) as otherwise permitted by law",
    # a clause that ends with "law"), its law's word as a title prints it (before: "Labor CODE")
    bylaws = "Amended and Restated Bylaws of the Migrant Workers Center, Inc"
    # "section 2.02" is Article II's; "Rule II" is Book I's alone (before: "has no section 2.02")
    for citation, first_line in (("bylaws section 2.02(b)", f"{bylaws}, Article II, section 2.02(b)"),
                                 ("rules Rule II, section 1", "Rules Implementing the Labor Code, Book I, Rule II, "
                                                              "section 1 — Application for licence")):
        shown = run(home, "show", citation)
        assert (shown.exit_code, shown.stdout.splitlines()[0]) == (0, first_line)
    # a Book numbered in words, and a Chapter cited by its Book without the Title between
    # (before: "Book One" was no citation; the code was titled by its first article's text);
    # a division is cited with the divisions it sits in, as its id names them (before: "Chapter II")
    chapter = "The Labor Code of the Republic, Book 1, Title I, Chapter II — REGULATION OF RECRUITMENT AND PLACEMENT " \
              "ACTIVITIES"
    for citation, first_line in (("code Book One", "The Labor Code of the Republic, Book 1 — PRE-EMPLOYMENT"),
                                 ("code Book One, Chapter II", chapter),
                                 # "Title" is a division; "Book I" is the Book printed "BOOK ONE", and
                                 # "Book 2" the one printed "BOOK II" (before: "no Title I", "no Book I")
                                 ("code Book I, Title I, Chapter II", chapter), ("code Chapter 2 of Title I", chapter),
                                 ("code Book Two, Title I", "The Labor Code of the Republic, Book 2, Title I — NATIONAL "
                                                            "MANPOWER DEVELOPMENT PROGRAM"),
                                 ("rules Book 2, Rule I, section 1", "Rules Implementing the Labor Code, Book II, Rule I, "
                                                                     "section 1 — Apprenticeable occupations")):
        shown = run(home, "show", citation)
        assert (shown.exit_code, shown.stdout.splitlines()[0]) == (0, first_line)
    titles = run(home, "show", "code Title I")  # each Book has a Title I: name the Book
    assert (titles.exit_code, titles.stderr) == (
        2, "Error: CODE has a Title I in 2 places: CODE, Book 1, Title I; CODE, Book 2, Title I; cite one of them.\n")
    both = run(home, "show", "rules Rule I, section 1")  # Book I and Book II each have one: name the Book
    rules = "Rules Implementing the Labor Code"
    assert (both.exit_code, both.stderr) == (
        2, f"Error: {rules} has a Rule I, section 1 in 2 places: {rules}, Book I, Rule I, s. 1; {rules}, Book II, "
           "Rule I, s. 1; cite one of them.\n")
