"""The `lexmig cite` command: citations pasted from other papers, resolved (formatting is
tests/test_citation.py)."""

import json

import pytest
from click.testing import CliRunner

from lexmig.search.cli import cli
from tests.conftest import REALDOCS, run

# -- citations as researchers paste them (issue 13), through the commands ---------------


@pytest.mark.parametrize("text, first, facts", [
    ("Convention on Domestic Workers, 2011 (No. 189), Article 15",
     "c189: Domestic Workers Convention, 2011 (No. 189)",
     ["  confidence 0.97 (citation): names C189 (instrument number C189) and the unit Article 15", "",
      "Domestic Workers Convention, 2011 (No. 189), Article 15", "C189, Art. 15"]),
    ("Convention concerning Decent Work for Domestic Workers (2011)",
     "c189: Domestic Workers Convention, 2011 (No. 189)",
     ["  confidence 0.98 (title): long title 'convention concerning decent work for domestic workers' (100% match)"]),
    ("GATS Art. I:2(d)", "gats: General Agreement on Trade in Services (GATS)",
     ["  confidence 0.97 (citation): names GATS and the unit Article I(2)(d)", "",
      "General Agreement on Trade in Services (GATS), Article I(2)(d)", "GATS, Art. I(2)(d)"]),
    ("ILO Convention No. 143 (1975)", "c143: Migrant Workers (Supplementary Provisions) Convention, 1975 (No. 143)",
     ["  confidence 0.99 (number): instrument number C143; year 1975 matches"]),
    ("Kofi Annan, address to the European Parliament, Brussels, 29 January 2004",
     "un-sg-ep-2004: UN Secretary-General, Address to the European Parliament (Brussels, 29 January 2004)",
     ["  confidence 0.98 (fields): speaker 'Kofi Annan', event 'European Parliament', place 'Brussels', "
      "date '2004-01-29' (fields of the catalogue entry)"]),
    ("J. Somavia, speech at the World Economic Forum, Davos, 25 January 2006",
     "somavia-davos-2006: J. Somavia, Dealing with the Global Jobs Crisis, World Economic Forum, Davos "
     "(25 January 2006)",
     ["  confidence 0.98 (alias): names it: 'Somavia'; speaker 'Juan Somavia', event 'World Economic Forum', "
      "place 'Davos', date '2006-01-25'"]),
])
def test_cite_resolves_citations_as_papers_write_them(library, text, first, facts):
    result = run(library, "cite", text)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == first
    assert lines[3:3 + len(facts)] == facts
    assert not any(line.startswith("  also close") for line in lines)  # an exact number is decisive


def test_a_symbol_that_adopts_several_instruments_lists_each_and_resolves_none_silently(library):
    result = run(library, "cite", "A/RES/55/25")
    assert result.stdout.splitlines()[:8] == [
        "a-res-55-25: GA res. 55/25 (2000)",
        "  resolution · United Nations General Assembly · 2000-11-15 · A/RES/55/25",
        "  https://docs.un.org/en/A/RES/55/25",
        "  confidence 0.99 (symbol): document symbol A/RES/55/25",
        "  It adopts 3 instruments; cite the one you mean (e.g. 'A/RES/55/25, annex I'):",
        "    untoc: United Nations Convention against Transnational Organized Crime (2000) "
        "(adopted by A/RES/55/25 as its annex I)",
        "    trafficking-protocol: Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women "
        "and Children (2000) (adopted by A/RES/55/25 as its annex II)",
        "    smuggling-protocol: Protocol against the Smuggling of Migrants by Land, Sea and Air (2000) "
        "(adopted by A/RES/55/25 as its annex III)"]
    data = json.loads(run(library, "cite", "A/RES/55/25", "--json").stdout)
    assert (data["resolved_to"], data["rule"]) == ("a-res-55-25", "symbol")
    assert data["alternatives"] == [
        {"id": "untoc", "confidence": 0.9, "rule": "adopted", "reason": "adopted by A/RES/55/25 as its annex I"},
        {"id": "trafficking-protocol", "confidence": 0.9, "rule": "adopted",
         "reason": "adopted by A/RES/55/25 as its annex II"},
        {"id": "smuggling-protocol", "confidence": 0.9, "rule": "adopted",
         "reason": "adopted by A/RES/55/25 as its annex III"}]
    annexed = json.loads(run(library, "cite", "A/RES/55/25, annex III, art. 6", "--json").stdout)
    assert (annexed["resolved_to"], annexed["passage"]["passage_id"], annexed["alternatives"]) == (
        "smuggling-protocol", "smuggling-protocol/art-6", [])


# Each body's pinpoint grammar on a unit that exists: show, cite and search all accept it.
PINPOINTS = [
    ("C97 Art. 6(1)(b)", "c097/art-6/1/b", "C097, Art. 6(1)(b)"),  # ILO
    ("ICCPR art. 22, para. 3", "iccpr/art-22/3", "ICCPR, Art. 22(3)"),  # UN
    ("GATS Art. I:2(d)", "gats/art-i/2/d", "GATS, Art. I(2)(d)"),  # WTO
    ("GATS Article XIX:1", "gats/art-xix/1", "GATS, Art. XIX(1)"),
    ("ETS 93 Article 12 § 1", "ets093/art-12/1", "ETS 93, Art. 12(1)"),  # Council of Europe
    ("European Social Charter, Article 19 § 6", "esc-1961/art-19/6", "ESC 1961, Art. 19(6)"),
    ("A/RES/55/25, annex II, art. 5", "trafficking-protocol/art-5", "Trafficking Protocol, Art. 5"),
    # instruments appended in the same file
    ("ICCPR, Optional Protocol, Art. 5(2)", "iccpr/optional-protocol/art-5/2", "ICCPR, Optional Protocol, Art. 5(2)"),
    ("C138, Recommendation No. 146, para. 3", "c138/recommendation-146/para-3",
     "C138, Recommendation No. 146, para. 3"),
    ("European Social Charter, Appendix, Part II, Art. 4", "esc-1961/appendix/part-ii/art-4",
     "ESC 1961, Appendix, Part II, Art. 4"),
    ("Refugee Convention, Schedule, para. 6(2)", "refugee-convention-1951/schedule/para-6/2",
     "Refugee Convention, Schedule, para. 6(2)"),
]


def assert_the_unit_is_shown_cited_and_searched(home, text, pid, short):
    """`show` prints the unit under its short citation; `cite` and `search` name it first."""
    shown = run(home, "show", text)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines()[1].split(" · ")[0] == short
    cited = json.loads(run(home, "cite", text, "--json").stdout)
    assert (cited["rule"], cited["passage"]["passage_id"]) == ("citation", pid)
    hits = json.loads(run(home, "search", text, "--json", "--limit", "2").stdout)["hits"]
    assert (hits[0]["passage_id"], hits[0]["match"]) == (pid, "citation")


@pytest.mark.parametrize("text, pid, short", PINPOINTS)
def test_each_pinpoint_grammar_works_in_show_cite_and_search(library, text, pid, short):
    assert_the_unit_is_shown_cited_and_searched(library, text, pid, short)


def test_a_un_annex_pinpoint_of_an_instrument_without_text_says_so(library):
    shown = run(library, "show", "GA res. 45/158, annex, art. 22")
    assert shown.exit_code == 2
    assert shown.stderr == ("Error: 'icrmw' is catalogued but its text is not installed; get it with lexmig fetch "
                            "icrmw (or lexmig add FILE --id icrmw).\n")
    cited = run(library, "cite", "GA res. 45/158, annex, art. 22").stdout.splitlines()
    assert cited[0].startswith("icrmw: International Convention on the Protection of the Rights of All Migrant")
    assert cited[3:] == [
        "  confidence 0.90 (citation): names ICRMW (document symbol A/RES/45/158, annex, "
        "written 'GA res. 45/158, annex') and the unit Article 22",
        "  Its text is not installed: lexmig fetch icrmw (or lexmig add FILE --id icrmw)."]
    searched = run(library, "search", "GA res. 45/158, annex, art. 22", "--limit", "1").stdout.splitlines()
    assert searched[0] == ("ICRMW is catalogued but its text is not installed (lexmig fetch icrmw, or lexmig add "
                           "FILE --id icrmw); showing search results.")


def test_support_lists_sources_then_named_instruments_each_with_why(library):
    result = run(library, "support", "note para 18")
    lines = result.stdout.splitlines()
    assert lines[2:5] == ["Its subjects: none that the thesaurus knows", "What supports or concerns it:",
                          "  mflm: ILO Multilateral Framework on Labour Migration (2006)"]
    assert lines[5].startswith("    why: its fn. 7 cites it: title 'ilo multilateral framework on labour migration")
    para11 = run(library, "support", "note para 11")
    assert para11.exit_code == 1
    assert para11.stdout.splitlines()[2:] == [
        "Its subjects: brain drain",
        "Nothing supports it that lexmig can show: no footnote source, no instrument named, no provision sharing "
        "its subjects (shared words alone are not evidence)."]


# -- issue 9's citation forms, end to end on real published files -----------------------


REAL_META = {
    "ares-73-7": ("un-ares-73-7/A_RES_73_7-EN.pdf", {
        "id": "ares-73-7", "type": "resolution", "title": "Report of the International Criminal Court",
        "short_title": "A/RES/73/7", "symbol": "A/RES/73/7", "date": "2018-10-29"}),
    "dga": ("eu-reg-2022-868-dga-html/dga.html", {
        "id": "dga", "type": "document", "title": "Regulation (EU) 2022/868 on European data governance "
        "(Data Governance Act)", "short_title": "DGA", "symbol": "Regulation (EU) 2022/868", "date": "2022-05-30",
        "aliases": ["Data Governance Act"]}),
    "au-migration-act-1958": ("au-migration-act-1958-vol1/Migration_Act_1958_Volume_1.pdf", {
        "id": "au-migration-act-1958", "type": "document", "title": "Migration Act 1958",
        "short_title": "Migration Act 1958", "number": "Act No. 62, 1958"}),
    "qa-labour-law-2004": ("qa-labour-law-14-2004/Qatar_Labor_Law_As_of_2024_1728321402.pdf", {
        "id": "qa-labour-law-2004", "type": "document", "title": "Law No. (14) of 2004 Promulgating the Labour Law",
        "short_title": "Law No. 14 of 2004", "symbol": "Law No. (14) of 2004", "aliases": ["Qatar Labour Law"]}),
}


def _toml(meta: dict) -> str:
    return "".join(f"{k} = {json.dumps(v, ensure_ascii=False)}\n" for k, v in meta.items())


@pytest.fixture(scope="module")
def realhome(tmp_path_factory):
    """A fresh data home holding four real published files, added as a librarian would."""
    home = tmp_path_factory.mktemp("realhome")
    for doc_id, (file, meta) in REAL_META.items():
        sidecar = home.parent / f"{doc_id}.toml"
        sidecar.write_text(_toml(meta), encoding="utf-8")
        result = CliRunner().invoke(cli, ["--home", str(home), "add", str(REALDOCS / file), "--meta", str(sidecar)],
                                    catch_exceptions=False)
        assert result.exit_code == 0, result.output
    return home


REAL_FORMS = [
    ("A/RES/73/7 para 5", "ares-73-7/para-5", "A/RES/73/7, para. 5"),
    ("GA res 73/7, op. para. 5", "ares-73-7/para-5", "A/RES/73/7, para. 5"),
    ("A/RES/73/7, preambular para. 3", "ares-73-7/recital-3", "A/RES/73/7, preambular para. 3"),
    ("Migration Act 1958 s 5AAA", "au-migration-act-1958/s-5aaa", "Migration Act 1958, s. 5AAA"),
    ("Migration Act 1958, section 5AAA(3)(b)", "au-migration-act-1958/s-5aaa/3/b", "Migration Act 1958, s. 5AAA(3)(b)"),
    ("A/RES/73/7 PP3", "ares-73-7/recital-3", "A/RES/73/7, preambular para. 3"),
    # the attached Labour Law, not the promulgating law's Article 4
    ("Qatar Labour Law art 40", "qa-labour-law-2004/labour-law/art-40", "Law No. 14 of 2004, Labour Law, Art. 40"),
    ("Qatar Labour Law art 4", "qa-labour-law-2004/labour-law/art-4", "Law No. 14 of 2004, Labour Law, Art. 4"),
    ("Law No. (14) of 2004 Promulgating the Labour Law, art 4", "qa-labour-law-2004/art-4",
     "Law No. 14 of 2004, Art. 4"),
    ("Recital 12 of Regulation (EU) 2022/868", "dga/recital-12", "DGA, Recital 12"),
    ("Data Governance Act, recital 12", "dga/recital-12", "DGA, Recital 12"),
    ("Article 5(3)(a) of Regulation (EU) 2022/868", "dga/art-5/3/a", "DGA, Art. 5(3)(a)"),
    ("Article 3(1)(a) of Regulation 2022/868", "dga/art-3/1/a", "DGA, Art. 3(1)(a)"),
]


@pytest.mark.parametrize("text, pid, short", REAL_FORMS)
def test_real_documents_are_cited_as_their_readers_cite_them(realhome, text, pid, short):
    assert_the_unit_is_shown_cited_and_searched(realhome, text, pid, short)


@pytest.mark.parametrize("text, message", [
    # the forms of issue 9 whose unit the published text does not have: said, with the nearest
    ("Article 6(1)(a) of Regulation 2022/868",
     "Error: DGA has no Article 6(1)(a). Nearest: DGA, Art. 1(1)(a); DGA, Art. 3(1)(a); DGA, Art. 6(5)(a); "
     "DGA, Art. 6(1).\n"),
    ("Migration Act 1958, section 5AAA(1)(b)",
     "Error: Migration Act 1958 has no section 5AAA(1)(b). Nearest: Migration Act 1958, s. 5AA(1)(b); "
     "Migration Act 1958, s. 245AAA(1)(b); Migration Act 1958, s. 5AAA(3)(b); Migration Act 1958, s. 5AAA(4)(b).\n"),
])
def test_a_real_document_s_missing_unit_is_named_with_the_nearest(realhome, text, message):
    shown = run(realhome, "show", text)
    assert (shown.exit_code, shown.stderr) == (2, message)
    # cite resolves the document and names the same nearest units (before: "has no ..." alone)
    cited = run(realhome, "cite", text)
    assert (cited.exit_code, cited.stdout.splitlines()[-1]) == (0, "  " + message[len("Error: "):-1])
    data = json.loads(run(realhome, "cite", text, "--json").stdout)
    assert (data["passage"], data["unit_missing"]) == (None, message[len("Error: "):-1])
