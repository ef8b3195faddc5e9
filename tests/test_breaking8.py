"""breaker8: citations researchers paste from footnotes and bibliographies, and a librarian's
attempts to lose data, each a bug found by trying it (see the commit messages)."""

from __future__ import annotations

import json

import pytest

from tests import test_breaking, test_librarian
from tests.conftest import run

home, template, snapshot, refused = (test_librarian.home, test_librarian.template, test_librarian.snapshot,
                                     test_breaking.refused)


@pytest.mark.parametrize("cited, unit", [
    ("C97 art. 6, first paragraph", "C097, Art. 6(1)"),
    ("Article 6, paragraph one of C97", "C097, Art. 6(1)"),
    ("the first paragraph of Article 6 of C97", "C097, Art. 6(1)"),
    ("C97 art. 6, 1st para.", "C097, Art. 6(1)"),
    ("C97 art. 6, second subparagraph", "C097, Art. 6(2)"),
    ("C97 art 6, point (b) of the first paragraph", "C097, Art. 6(1)(b)"),
    ("point (b) of the first paragraph of Article 6 of C97", "C097, Art. 6(1)(b)"),
    ("subparagraph (b) of paragraph 1 of Article 6 of C97", "C097, Art. 6(1)(b)"),
    ("C97 art 6, first paragraph, sub-paragraph (a)", "C097, Art. 6(1)(a)"),
    ("C97 art. 6, paragraph 1, point (b)", "C097, Art. 6(1)(b)"),
    ("C97 art 6, the first paragraph", "C097, Art. 6(1)"),
    ("C97 Art. 6, par. 1, sub (b)", "C097, Art. 6(1)(b)"),
    ("C97 Art. 6(1), point (a)(ii)", "C097, Art. 6(1)(a)(ii)"),
    ("point (a)(ii) of paragraph 1 of Article 6 of C97", "C097, Art. 6(1)(a)(ii)"),
])
def test_a_paragraph_or_point_numbered_in_words_or_cited_apart_is_that_unit(home, cited, unit):
    # Each showed the whole of Article 6 (the ordinal or spelled-out paragraph not read), or Article 6(1)
    # with the point dropped ("point (b) of paragraph 1 of Article 6"), or refused Article 6(b).
    shown = run(home, "show", cited)
    assert (shown.exit_code, shown.stdout.splitlines()[1]) == (0, unit), cited


def test_cite_reads_a_paragraph_numbered_in_words(home):
    cited = json.loads(run(home, "cite", "Article 6, paragraph one, of ILO Convention No. 97", "--json").stdout)
    assert cited["passage"]["passage_id"] == "c097/art-6/1"


def _act(tmp_path):
    path = tmp_path / "act.txt"
    path.write_text("This Act.\n\nArticle 1\n\nThe first rule.\n\nArticle 2\n\nThe second rule.\n")
    return path


def test_a_wrong_date_is_named_as_the_librarian_wrote_it(home, tmp_path):
    # Each said "field 'adopted'", a name the librarian never typed (--date, `date =`).
    act = _act(tmp_path)
    (tmp_path / "m.toml").write_text('date = "1999-13-40"\n')
    assert refused(home, "add", str(act), "--meta", str(tmp_path / "m.toml")) == (
        "Error: metadata: entry 'act', field 'date': '1999-13-40' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    assert refused(home, "add", str(act), "--date", "1999-02-30") == (
        "Error: metadata: entry 'act', field 'date': '1999-02-30' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    (tmp_path / "m2.toml").write_text('adopted = "19x9"\n')
    assert refused(home, "add", str(act), "--meta", str(tmp_path / "m2.toml")) == (
        "Error: metadata: entry 'act', field 'adopted': '19x9' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
    # the option wins over the file's key, as for every field (the file's date won)
    added = run(home, "add", str(act), "--meta", str(tmp_path / "m.toml"), "--date", "1999", "--id", "act")
    assert added.exit_code == 0, added.output
    assert json.loads(run(home, "catalogue", "act", "--json").stdout)["adopted"] == "1999"


def test_a_file_named_twice_in_one_add_is_added_once(home, tmp_path):
    # "lexmig add act.txt act.txt" refused the second as a duplicate of the first and exited 2.
    act = _act(tmp_path)
    (tmp_path / "sub").mkdir()
    again = tmp_path / "sub" / ".." / "act.txt"
    added = run(home, "add", str(act), str(again))
    assert added.exit_code == 0, added.output
    assert added.stderr.splitlines() == [f"Skipped: {again}: the same file named twice (as {act}); added once."]
    assert added.stdout.splitlines()[-1] == "Added act: This Act (2 passages)"


@pytest.mark.parametrize("cited, units", [("Arts 6-8 C97", [6, 7, 8]), ("arts 6, 7 C97", [6, 7]),
                                          ("Arts. 6 to 8, C97", [6, 7, 8]), ("Articles 6 and 7 C189", [6, 7])])
def test_a_list_of_units_before_the_documents_number_is_each_unit(home, cited, units):
    # Each was refused: the number after the list ("C97") was read as a point the list left unread ("-8").
    shown = json.loads(run(home, "show", cited, "--json").stdout)
    doc = "c189" if "C189" in cited else "c097"
    assert [unit["passage_id"] for unit in shown] == [f"{doc}/art-{n}" for n in units]


def test_cite_resolves_each_unit_of_a_list(home):
    # "C97 arts. 6-8" gave Article 6 and said it could not read '-8', suggesting "C97 arts. 6-8" itself.
    cited = json.loads(run(home, "cite", "C97 arts. 6-8", "--json").stdout)
    assert [c["passage"]["passage_id"] for c in cited] == ["c097/art-6", "c097/art-7", "c097/art-8"]
    assert [c["unit_missing"] for c in cited] == [None] * 3


def test_a_bluebook_id_at_suggests_the_citation_without_at(home):
    assert refused(home, "show", "Id. at art. 3") == (
        "Error: 'Id. at art. 3': 'Id.' stands for the document an earlier footnote names, which lexmig cannot see; "
        "put that document's name or number in its place, as in 'C97 art. 3'.")


def test_a_footnote_citing_an_instrument_by_the_name_it_is_cited_by_is_resolved(home):
    # "lexmig sources" left this footnote unresolved while "lexmig cite" resolved it: the Protocol's catalogue
    # title goes on ("..., supplementing the United Nations Convention ..."), and the name it is cited by was
    # no title form of the footnote resolver.
    from lexmig.indexer.library import Library
    from lexmig.search.sources import Resolver

    found = Resolver(Library(home).catalogue).resolve(
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, Art. 6(3).")
    assert (found.resolved_to, found.rule, found.confidence) == ("trafficking-protocol", "title", 0.95)


def test_verify_finds_an_entry_edited_by_hand_after_indexing(home, tmp_path):
    # The index files each passage under its entry's type, year and body (the search filters); an entry edited
    # in catalogue.json left them stale, --type convention silently missed the document, and verify said
    # "consistent". Search warned "Run: lexmig verify" and kept warning after verify found nothing.
    import os

    assert run(home, "add", str(_act(tmp_path)), "--id", "act").exit_code == 0
    state = home / "catalogue.json"
    saved = json.loads(state.read_text())
    saved["entries"]["act"].update(type="convention", adopted="1990")
    state.write_text(json.dumps(saved))
    os.utime(state, (state.stat().st_mtime + 5,) * 2)
    assert run(home, "search", "second rule", "--type", "convention", "--year", "1990").exit_code == 1
    found = run(home, "verify")
    assert (found.exit_code, found.stdout) == (1, (
        "act: the index files it under another type, year or body than its catalogue entry (convention, 1990, "
        "Unknown): the entry was changed by hand, and --type, --year and --body filters would miss it; fix: "
        "lexmig verify --fix\n"))
    assert run(home, "verify", "--fix").exit_code == 0
    searched = run(home, "search", "second rule", "--type", "convention", "--year", "1990")
    assert searched.stdout.splitlines()[0] == " 1. This Act, Article 2"
    # a catalogue saved after the index, nothing in it differing: verify says so once, and search stops warning
    os.utime(state, (state.stat().st_mtime + 5,) * 2)
    assert "Run: lexmig verify" in run(home, "search", "second rule").stderr
    assert run(home, "verify").exit_code == 0
    assert run(home, "search", "second rule").stderr == ""


def test_search_for_a_range_of_units_says_to_show_them(home):
    # "'-8' only excludes words; add a word to search for": the range's dash was read as a word excluded.
    assert refused(home, "search", "C97 arts 6-8") == (
        "Error: 'C97 arts 6-8' cites several units; show them with: lexmig show \"C97 arts 6-8\"")


def test_related_and_support_say_they_take_one_unit_of_a_list(home):
    # Both answered a list with "write ... several units as a list or a range ('C97 arts. 6-8')", the form typed.
    assert refused(home, "related", "Arts 6-8 C97") == (
        "Error: 'Arts 6-8 C97' cites 3 units; related takes one, as in 'Art. 6 C97'.")
    assert refused(home, "support", "C97 arts. 6 and 7") == (
        "Error: 'C97 arts. 6 and 7' cites 2 units; support takes one, as in 'C97 Art. 6'.")
