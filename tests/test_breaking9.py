"""breaker9: citations researchers paste (a unit's sentence, words left after a citation, UNTS
references), and a librarian's attempts to lose data, each a bug found by trying it (see the
commit messages)."""

from __future__ import annotations

import json

import pytest

from lexmig.search.citations import sentence_pinpoint, sentences
from tests import test_breaking, test_librarian
from tests.conftest import run

home, template, snapshot, refused = (test_librarian.home, test_librarian.template, test_librarian.snapshot,
                                     test_breaking.refused)


@pytest.fixture(scope="module")
def mirror(library):
    """The home with every mirror document (read only: tests that change a home use `home`)."""
    return library.home


@pytest.mark.parametrize("cited, unit, first_words", [
    ("ICCPR art. 14(1), first sentence", "ICCPR, Art. 14(1), first sentence", "All persons shall be equal"),
    ("ICCPR art. 14(1), second sentence", "ICCPR, Art. 14(1), second sentence", "In the determination of any"),
    ("ICCPR art. 14(1) sentence 2", "ICCPR, Art. 14(1), second sentence", "In the determination of any"),
    ("ICCPR art. 14(1), 2nd sentence", "ICCPR, Art. 14(1), second sentence", "In the determination of any"),
    ("ICCPR art. 14(1), last sentence", "ICCPR, Art. 14(1), last sentence", "The Press and the public"),
    ("ICCPR art. 14(1), third sentence", "ICCPR, Art. 14(1), last sentence", "The Press and the public"),
    ("the first sentence of Article 14(1) of ICCPR", "ICCPR, Art. 14(1), first sentence", "All persons shall be"),
    ("ICCPR Art. 14 Abs. 1 Satz 2", "ICCPR, Art. 14(1), second sentence", "In the determination of any"),
])
def test_a_sentence_of_a_unit_is_that_sentence_cited_as_lawyers_cite_it(mirror, cited, unit, first_words):
    # Each showed the whole of Article 14(1), the sentence asked dropped.
    shown = run(mirror, "show", cited)
    lines = shown.stdout.splitlines()
    assert (shown.exit_code, lines[1]) == (0, unit), cited
    assert lines[3].startswith(first_words) and "\n" not in lines[3] and len(lines) == 4, shown.stdout


def test_a_sentence_past_the_last_is_an_error_that_counts_them(mirror):
    assert refused(mirror, "show", "ICCPR art. 14(1), sentence 7") == (
        "Error: 'ICCPR art. 14(1), sentence 7': International Covenant on Civil and Political Rights (1966), Article 14(1) "
        "has 3 sentences; ask for sentence 1 to 3, or cite the unit alone.")
    assert refused(mirror, "show", "C97 art. 6(1), second sentence") == (
        "Error: 'C97 art. 6(1), second sentence': Migration for Employment Convention (Revised), 1949 (No. 97), "
        "Article 6(1) has one sentence; ask for the first, or cite the unit alone.")


def test_show_and_cite_json_give_the_sentence(mirror):
    data = json.loads(run(mirror, "show", "--json", "ICCPR art. 14(1), second sentence").stdout)
    assert data["sentence"]["short_citation"] == "ICCPR, Art. 14(1), second sentence"
    assert data["sentence"]["text"].startswith("In the determination") and data["units"] == []
    cited = json.loads(run(mirror, "cite", "--json", "ICCPR, art. 14(1), last sentence").stdout)
    assert (cited["passage"]["short_citation"], cited["sentence"]["words"]) == ("ICCPR, Art. 14(1)", "last sentence")
    assert cited["sentence"]["text"].startswith("The Press and the public")
    assert run(mirror, "cite", "ICCPR art. 14(1), sentence 2").stdout.splitlines()[-2] == "ICCPR, Art. 14(1), second sentence"


def test_sentences_keep_abbreviations_and_points_whole():
    assert sentences("See No. 97 and Art. 6. It applies (e.g. The rule).\n(a) to U.N. Members; and\n(b) others. Done?") == [
        "See No. 97 and Art. 6.", "It applies (e.g. The rule).\n(a) to U.N. Members; and\n(b) others.", "Done?"]
    assert sentence_pinpoint("C97 art 6") == ("C97 art 6", None)


@pytest.mark.parametrize("cited, left", [
    ("C97 arts 6-8 first", "'C97 arts 6-8 first': lexmig reads C097, the units listed in it, but not 'first'"),
    ("C97 art. 6 first", "'C97 art. 6 first': lexmig reads C097, Article 6 in it, but not 'first'"),
    ("C97 art. 6(1) whereas", "'C97 art. 6(1) whereas': lexmig reads C097, Article 6(1) in it, but not 'whereas'"),
])
def test_words_left_after_a_citation_are_an_error_never_dropped(mirror, cited, left):
    # Each showed the unit (or Articles 6 to 8), the word silently dropped.
    assert refused(mirror, "show", cited) == (f"Error: {left}; cite the unit alone, or a sentence of it as "
                                            "'C97 art. 6(1), first sentence'.")


@pytest.mark.parametrize("cited", ["see C97 art. 6", "C97 Article 6 (1949)", "ILO C97, Art. 6", "C97, supra note 4, art. 6",
                                   "Article 6 of the Migration for Employment Convention"])
def test_words_that_name_no_unit_are_no_leftover(mirror, cited):
    shown = run(mirror, "show", cited)
    assert (shown.exit_code, shown.stdout.splitlines()[1]) == (0, "C097, Art. 6"), cited


@pytest.mark.parametrize("cited, unit", [
    ("189 UNTS 137, art. 33", "Refugee Convention, Art. 33"),
    ("999 U.N.T.S. 171, art. 14(1)", "ICCPR, Art. 14(1)"),
    ("U.N.T.S. vol. 999, p. 171, art. 2", "ICCPR, Art. 2"),
    ("United Nations, Treaty Series, vol. 999, No. 14668, p. 171, art. 2", "ICCPR, Art. 2"),
    ("ICCPR, 16 December 1966, 999 UNTS 171, art. 26", "ICCPR, Art. 26"),
    ("International Covenant on Civil and Political Rights, Dec. 16, 1966, 999 U.N.T.S. 171, art. 26", "ICCPR, Art. 26"),
    ("120 U.N.T.S. 71, Art. 6(1)", "C097, Art. 6(1)"),
])
def test_a_un_treaty_series_reference_names_its_treaty(mirror, cited, unit):
    # Each was "not a citation lexmig can read" (the catalogue recorded no UNTS volume and page).
    shown = run(mirror, "show", cited)
    assert (shown.exit_code, shown.stdout.splitlines()[1]) == (0, unit), cited


def test_cite_resolves_a_un_treaty_series_reference_alone(mirror):
    cited = json.loads(run(mirror, "cite", "--json", "2220 U.N.T.S. 3").stdout)
    assert (cited["resolved_to"], cited["rule"], cited["evidence"]) == ("icrmw", "symbol", "treaty series reference 2220 UNTS 3")


def test_a_un_treaty_series_reference_no_entry_records_is_said_plainly(mirror):
    # "1 UNTS 15, art. 2" was "No document '1 UNTS 15' in the catalogue. Did you mean: unctad-em25-2, ...".
    hint = ("no catalogue entry records the UN Treaty Series reference '1 UNTS 15'; cite the treaty by its name or number "
            "instead ('ICCPR art. 26', 'C97 art. 6'), or see lexmig catalogue.")
    assert refused(mirror, "show", "1 UNTS 15, art. 2") == f"Error: '1 UNTS 15, art. 2': {hint}"
    unresolved = run(mirror, "cite", "U.N.T.S. vol. 1, p. 15")
    assert (unresolved.exit_code, unresolved.stderr) == (1, f'No catalogue document matches "U.N.T.S. vol. 1, p. 15": {hint}\n')


def test_the_catalogue_validates_a_unts_reference():
    from lexmig.indexer.catalogue import CatalogueError, validate_entry

    raw = {"id": "x", "type": "convention", "body": "UN", "title": "X", "cite_as": "X", "short_title": "X"}
    assert validate_entry({**raw, "unts": "999 UNTS 171"}, "test").unts == "999 UNTS 171"
    with pytest.raises(CatalogueError) as error:
        validate_entry({**raw, "unts": "999 U.N.T.S. 171"}, "test")
    assert str(error.value) == ("test: entry 'x', field 'unts': '999 U.N.T.S. 171' is not a UN Treaty Series reference "
                                "written 'volume UNTS page' (like '999 UNTS 171')")


@pytest.mark.parametrize("cited, unit", [
    ("C97 article 6, paragraphe 1, alinéa a)", "C097, Art. 6(1)(a)"),  # was read as Article 6(e) ("paragraph e")
    ("C97 article 6, paragraphe 1", "C097, Art. 6(1)"),
    ("C97 article 6, alinéa 2", "C097, Art. 6(2)"),  # a French law's paragraph
    ("C97 artículo 6, párrafo 1, apartado b)", "C097, Art. 6(1)(b)"),
    ("C97 artículo 6, párrafo 1, inciso b)", "C097, Art. 6(1)(b)"),
    ("Conv. 97, Art. 6", "C097, Art. 6"),  # was "No document 'Conv. 97' in the catalogue"
    ("C097-Art.6", "C097, Art. 6"),
])
def test_french_and_spanish_points_and_an_abbreviated_convention_are_read(mirror, cited, unit):
    shown = run(mirror, "show", cited)
    assert (shown.exit_code, shown.stdout.splitlines()[1]) == (0, unit), cited


PAPER = "# Money sent home by workers abroad\n\n1. Migrants send money home.[^1]\n\n2. The flows grow.\n\n" \
        "[^1]: See General Assembly resolution A/RES/45/158 of 18 December 1990, annex, art. 47.\n"


def test_a_file_named_as_another_documents_alias_is_not_offered_its_place(home, tmp_path):
    # "note.md" was "'ecosoc-2006-rt6' is already in the library; ... replace its text with: lexmig update
    # ecosoc-2006-rt6 note.md": followed, that replaced the founding note with an unrelated paper.
    paper = tmp_path / "note.md"
    paper.write_text(PAPER, encoding="utf-8")
    assert refused(home, "add", str(paper)) == (
        "Error: note.md: its name 'note' is already a name of 'ecosoc-2006-rt6' (ECOSOC RT6 Note); give the file an id "
        "of its own with --id.")
    assert run(home, "add", str(paper), "--id", "money").exit_code == 0


def test_a_symbol_in_a_short_papers_footnote_is_not_its_own(home, tmp_path):
    # The paper was catalogued as resolution A/RES/45/158 of 1990-12-18 (its footnote's source).
    paper = tmp_path / "money.md"
    paper.write_text(PAPER, encoding="utf-8")
    assert run(home, "add", str(paper)).exit_code == 0
    entry = json.loads(run(home, "catalogue", "money", "--json").stdout)
    entry = entry[0] if isinstance(entry, list) else entry
    assert (entry["title"], entry.get("symbol"), entry.get("adopted"), entry["cite_as"]) == (
        "Money sent home by workers abroad", None, None, "Money sent home by workers abroad")


def test_the_uns_own_footnote_form_names_the_volume_of_one_catalogued_treaty(mirror):
    # "United Nations, Treaty Series, vol. 2220, No. 39481" (how UN resolutions' footnotes cite a treaty) was unresolved.
    cited = json.loads(run(mirror, "cite", "--json", "United Nations, Treaty Series, vol. 2220, No. 39481.").stdout)
    assert (cited["resolved_to"], cited["evidence"]) == ("icrmw", "treaty series reference 2220 UNTS")
    shown = run(mirror, "show", "United Nations, Treaty Series, vol. 999, No. 14668, art. 2")
    assert (shown.exit_code, shown.stdout.splitlines()[1]) == (0, "ICCPR, Art. 2")
