"""The title, symbol and date `lexmig add` takes from a document when the librarian gives none:
the document's own title in its first language (not its translation's), an EU act's title
block, its symbol and date; the librarian's options still win."""

import json

import pytest
from click.testing import CliRunner

from lexmig.indexer.library import Library
from lexmig.indexer.metadata import citing_names, country_of, document_metadata
from lexmig.indexer.readers import read_file, read_markdown
from lexmig.search.cli import cli
from tests.conftest import realdoc, run, source_file


@pytest.mark.parametrize("doc_id, title", [
    # Each file opens with the Dutch title ("##Internationaal Verdrag ...", "##Verdrag betreffende ...").
    ("iccpr", "International Covenant on Civil and Political Rights"),
    ("c138", "Convention concerning minimum age for admission to employment"),
    ("esc-1961", "European Social Charter"),
    ("refugee-convention-1951", "Convention relating to the status of refugees"),  # printed in capitals
    ("p029", "Protocol of 2014 to the Forced Labour Convention, 1930"),  # English only, Dutch title line
    ("c097", "Convention concerning Migration for Employment (Revised 1949)"),  # a masthead, then the title as text
    ("c019", "Convention Concerning equality of treatment for national and foreign workers as regards "
             "workmen's compensation for accidents"),
    ("gats", "General agreement on trade in services"),
])
def test_title_is_the_documents_own_in_its_first_language(doc_id, title):
    assert document_metadata(read_file(source_file(doc_id)))["title"] == title


def test_eu_regulation_title_block_symbol_and_date():
    found = document_metadata(read_file(realdoc("eu-reg-2022-868-dga-html", "dga.html")))
    assert found == {
        "lang": "en",
        "title": "Regulation (EU) 2022/868 of the European Parliament and of the Council of 30 May 2022 on European "
                 "data governance and amending Regulation (EU) 2018/1724 (Data Governance Act)",
        "symbol": "Regulation (EU) 2022/868",
        "date": "2022-05-30",  # adopted, not the Official Journal's 3.6.2022
    }


def test_german_proposal_title_in_its_own_case_symbol_and_date():
    found = document_metadata(read_file(realdoc("eu-com-2021-206-de-html", "proposal_raw.html")))
    assert found["title"] == ("Vorschlag für eine Verordnung des Europäischen Parlaments und des Rates zur Festlegung "
                              "harmonisierter Vorschriften für künstliche Intelligenz (Gesetz über künstliche "
                              "Intelligenz) und zur Änderung bestimmter Rechtsakte der Union")
    assert (found["symbol"], found["date"], found["lang"]) == ("COM(2021) 206 final", "2021-04-21", "de")


def test_add_takes_the_printed_metadata_and_options_override_it(tmp_path):
    lib = Library(tmp_path / "home", notify=lambda m: None)
    dga = realdoc("eu-reg-2022-868-dga-html", "dga.html")
    entry = lib.prepare(dga, {"id": "dga"}).entry
    assert (entry.title, entry.symbol, entry.adopted, entry.languages) == (
        "Regulation (EU) 2022/868 of the European Parliament and of the Council of 30 May 2022 on European data "
        "governance and amending Regulation (EU) 2018/1724 (Data Governance Act)",
        "Regulation (EU) 2022/868", "2022-05-30", ("en",))
    entry = lib.prepare(dga, {"id": "dga", "title": "Data Governance Act", "symbol": "OJ L 152, 3.6.2022",
                              "adopted": "2022-06-03"}).entry
    assert (entry.title, entry.symbol, entry.adopted) == ("Data Governance Act", "OJ L 152, 3.6.2022", "2022-06-03")
    iccpr = lib.prepare(source_file("iccpr"), {"id": "covenant"}).entry
    assert iccpr.title == "International Covenant on Civil and Political Rights"


def test_add_dry_run_names_the_act_by_its_title(tmp_path):
    result = CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), "add",
                                      str(realdoc("eu-com-2021-206-de-html", "proposal_raw.html")),
                                      "--id", "ai-act-proposal", "--dry-run"], catch_exceptions=False)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1] == ("  units: 9 annex de, 2 appended de, 85 article de, 10 chapter de, 81 footnote de, "
                        "382 paragraph de, 217 point de, 1 preamble de, 89 recital de, 10 section de, 17 subpoint de, "
                        "12 title de")
    assert lines[-2] == ("Would add ai-act-proposal: Vorschlag für eine Verordnung des Europäischen Parlaments und des "
                         "Rates zur Festlegung harmonisierter Vorschriften für künstliche Intelligenz (Gesetz über "
                         "künstliche Intelligenz) und zur Änderung bestimmter Rechtsakte der Union (915 passages)")


@pytest.mark.parametrize("head, title", [
    ("MIGRANT WORKERS (PROTECTION) ACT 2019\n\nPART I\nPRELIMINARY\n\n", "Migrant Workers (Protection) Act 2019"),
    ("THE EMIGRATION ACT, 1983\n\nCHAPTER I\nPRELIMINARY\n\n", "The Emigration Act, 1983"),
    ("Republic Act No. 8042\n\nAN ACT TO INSTITUTE THE POLICIES OF OVERSEAS EMPLOYMENT\n\n", "Republic Act No. 8042"),
])
def test_a_national_law_is_named_by_its_short_title(head, title):
    # The title ends with the law's word, not starts with it: before, a text file's Act had no
    # title and was cited by its file name ("act-en, section 3(1)").
    body = "1. Short title\n(1) This Act may be cited by its short title.\n(2) It comes into force at once.\n"
    assert document_metadata(read_markdown(head + body))["title"] == title


def test_add_takes_how_an_act_is_cited_from_its_title_and_symbol(tmp_path):
    lib = Library(tmp_path / "home", notify=lambda m: None)
    dga = lib.prepare(realdoc("eu-reg-2022-868-dga-html", "dga.html"), {"id": "dga"}).entry
    assert (dga.body, dga.cite_as, dga.short_title, dga.aliases, dga.type) == (
        "European Union", "Regulation (EU) 2022/868", "Data Governance Act", ("DGA",), "regulation")
    resolution = lib.prepare(realdoc("un-ares-73-8"), {"id": "cuba"}).entry
    assert (resolution.body, resolution.cite_as, resolution.type) == (
        "United Nations General Assembly", "A/RES/73/8", "resolution")
    proposal = lib.prepare(realdoc("eu-com-2021-206-de-html", "proposal_raw.html"), {"id": "ki"}).entry
    # its own name is mid-title: the Commission's symbol is how it is cited (before: "KI", its id,
    # and cited by its 30-word title)
    assert (proposal.body, proposal.cite_as, proposal.short_title) == (
        "European Commission", "COM(2021) 206 final", "COM(2021) 206 final")
    act = lib.prepare(realdoc("au-migration-act-1958-vol1"), {"id": "act"}).entry
    law = lib.prepare(realdoc("qa-labour-law-14-2004"), {"id": "law"}).entry
    # a short title is its own short name, a law's number is how it is cited (before: "ACT", "LAW");
    # a law's title gives its type, as an EU act's symbol does (before: "document" for all three)
    assert (act.short_title, law.short_title) == ("Migration Act 1958", "Law No. (14) of 2004")
    assert (act.type, law.type, proposal.type) == ("law", "law", "document")
    given = lib.prepare(realdoc("eu-reg-2022-868-dga-html", "dga.html"),
                        {"id": "dga", "body": "EU", "short_title": "Reg. 2022/868"}).entry
    assert (given.body, given.short_title, given.aliases) == ("EU", "Reg. 2022/868", ("DGA",))


def test_a_short_name_another_entry_has_is_left_to_it(tmp_path):
    home = tmp_path / "home"
    assert run(home, "add", str(realdoc("eu-reg-2022-868-dga-html", "dga.html")), "--id", "dga").exit_code == 0
    shown = run(home, "show", "Data Governance Act, Article 5(3)")
    assert shown.stdout.splitlines()[:2] == ["Regulation (EU) 2022/868, Article 5(3)", "Data Governance Act, Art. 5(3)"]
    # the same act as a text of its own: added, named by its id (the name and "DGA" are taken)
    (tmp_path / "dga-text.md").write_text(
        "# Regulation (EU) 2022/868 of the European Parliament and of the Council of 30 May 2022 on European data "
        "governance (Data Governance Act)\n\nArticle 1\n\nThis Regulation lays down rules.\n\nArticle 2\n\n"
        "Definitions apply.\n", encoding="utf-8")
    added = run(home, "add", str(tmp_path / "dga-text.md"), "--id", "dga-text")
    assert added.exit_code == 0
    entry = Library(home, notify=lambda m: None).catalogue.get("dga-text")
    assert (entry.short_title, entry.aliases, entry.cite_as) == ("DGA-TEXT", (), "Regulation (EU) 2022/868")


@pytest.mark.parametrize("folder, country", [
    ("qa-labour-law-14-2004", "Qatar"),
    ("ae-domestic-workers-decree-law-9-2022", "United Arab Emirates"),  # "UAE" in its text
    ("ae-u-ae-work-permits-webpage", "United Arab Emirates"),
    ("au-migration-act-1958-vol1", "Australia"),
    ("un-ares-73-8", None),  # names Cuba and the United States of America, as a resolution on them
    ("eu-reg-2022-868-dga-html", None),
    ("us-federal-register-2020-17221", None),
])
def test_the_country_a_national_text_names_as_its_own(folder, country):
    assert country_of(read_file(realdoc(folder))) == country


def test_an_added_national_law_records_its_country_and_a_question_naming_it_finds_it(tmp_path):
    home = tmp_path / "home"
    for folder, doc_id in (("qa-labour-law-14-2004", "qa-labour"), ("ae-domestic-workers-decree-law-9-2022", "uae-dw")):
        assert run(home, "add", str(realdoc(folder)), "--id", doc_id).exit_code == 0
    entry = Library(home, notify=lambda m: None).catalogue.get("qa-labour")
    assert (entry.country, entry.body, entry.adopted, entry.type) == ("Qatar", "Qatar", "2004", "law")
    laws = run(home, "search", "annual leave", "--type", "law", "--json")  # before: "law" was no type (exit 2)
    # cited as people cite national laws, by what they are (before: "No document 'Qatar Labour Law'")
    for citation, first_line in (("Qatar Labour Law art 73", "Law No. (14) of 2004 Promulgating the Labour Law, "
                                                             "Labour Law, Article 73"),
                                 ("the UAE domestic workers decree-law, Art. 8", "Federal Decree-Law No. 9 of 2022 "
                                  "Concerning Domestic Workers, Article 8 — Probation Period")):
        shown = run(home, "show", citation)
        assert (shown.exit_code, shown.stdout.splitlines()[0]) == (0, first_line)
    assert {hit["doc_id"] for hit in json.loads(laws.stdout)["hits"]} == {"qa-labour", "uae-dw"}
    # before: the UAE decree's articles on a worker's rest came first for a question about Qatar
    qatar, uae = "Law No. (14) of 2004", "Federal Decree-Law No. 9 of 2022"  # their short titles: their numbers
    for query, first in (("How many days of annual leave does a worker get in Qatar?", qatar),
                         ("what does the Qatari labour law say about end of service gratuity", qatar),
                         ("end of service gratuity in the UAE", uae),
                         # a law described by its kind and year, as a convention is ("the 1958 ILO convention")
                         ("the 2004 law on end of service", qatar),
                         ("under the domestic workers decree-law can the employer keep the passport", uae),
                         # the country named by the question's first word (before: the UAE decree first,
                         # as a first word was taken for a sentence's capital)
                         ("Qatar end of service gratuity", qatar), ("Qatari rules on annual leave", qatar)):
        found = run(home, "search", query, "--limit", "1")
        assert found.stdout.splitlines()[1].split(",")[0].strip() == first, query


@pytest.mark.parametrize("title, year", [
    ("Law No. (14) of 2004 Promulgating the Labour Law", "2004"),
    ("Federal Decree-Law No. 9 of 2022 Concerning Domestic Workers", "2022"),
    ("Migration Act 1958", "1958"),
    ("The Emigration Act, 1983", "1983"),
    ("Report of the International Criminal Court", None),
    ("Act on the 1990 Convention", None),  # a year the title names is not the law's
])
def test_a_law_s_title_gives_its_year(title, year):
    assert citing_names(title, None).get("adopted") == year


def test_a_title_from_the_file_s_name_reads_its_underscores_as_spaces(tmp_path):
    lib = Library(tmp_path / "home", notify=lambda m: None)
    page = lib.prepare(realdoc("ae-u-ae-work-permits-webpage"), {"id": "permits"}, accept_unstructured=True).entry
    assert (page.title, page.country) == ("Work permits The Official Platform of the UAE Government",
                                          "United Arab Emirates")


@pytest.mark.parametrize("word, country", [
    ("Qatari", "Qatar"), ("Australian", "Australia"), ("Emirati", "United Arab Emirates"),  # the name and an ending
    ("Canadian", "Canada"), ("Lebanese", "Lebanon"), ("Peruvian", "Peru"), ("Portuguese", "Portugal"),
    ("Swedish", "Sweden"), ("Chinese", "China"), ("Korean", "South Korea"),  # the name less a letter or two, an ending
    ("British", "United Kingdom"), ("American", "United States"), ("Filipino", "Philippines"),  # no ending makes them
])
def test_a_question_names_a_country_by_its_adjective(word, country):
    from lexmig.indexer.thesaurus import stems
    from lexmig.search.rank import country_names, is_adjective_of

    owns = [own for name in country_names(country) for own in stems(name) if len(own) >= 4]
    assert any(is_adjective_of(stem, own) for stem in stems(word) for own in owns)


@pytest.mark.parametrize("word, country", [("Children", "Chile"), ("Austrian", "Australia"), ("Indonesian", "India")])
def test_a_word_that_only_begins_like_a_country_is_not_its_adjective(word, country):
    from lexmig.indexer.thesaurus import stems
    from lexmig.search.rank import country_names, is_adjective_of

    owns = [own for name in country_names(country) for own in stems(name) if len(own) >= 4]
    assert not any(is_adjective_of(stem, own) for stem in stems(word) for own in owns)


def test_a_question_naming_a_country_by_an_irregular_adjective_finds_its_law(tmp_path):
    # Two laws made for the test, on the same rule; "Filipino" and "Canadian" name neither's text
    # (before: only a name with an ending was an adjective, "Qatari", "Australian").
    laws = {"ph-law.md": ("# Overseas Workers Act of the Philippines", "Republic of the Philippines"),
            "ca-law.md": ("# Foreign Workers Protection Act of Canada", "Canada")}
    home = tmp_path / "home"
    for name, (title, country) in laws.items():
        text = (f"{title}\n\nEnacted by the Congress of {country}. This Act applies throughout {country}.\n\n"
                "## Section 1\n\nA recruitment agency shall not charge any placement fee to a worker.\n\n"
                "## Section 2\n\nThe employer shall not keep the passport of a worker.\n")
        (tmp_path / name).write_text(text, encoding="utf-8")
        assert run(home, "add", str(tmp_path / name), "--id", name[:2]).exit_code == 0
    assert Library(home, notify=lambda m: None).catalogue.get("ph").country == "Philippines"
    for query, first in (("can a recruiter charge Filipino workers a placement fee", "PH"),
                         ("can a Canadian employer keep my passport", "CA")):
        found = run(home, "search", query, "--limit", "1")
        assert found.stdout.splitlines()[1].split(",")[0].strip() == first, query


def test_a_federal_register_document_is_cited_by_volume_and_page(tmp_path):
    # before: cited by its title, body "Unknown", no date, no country
    entry = Library(tmp_path / "home", notify=lambda m: None).prepare(
        realdoc("us-federal-register-2020-17221"), {"id": "fr"}).entry
    assert (entry.cite_as, entry.short_title, entry.symbol, entry.body, entry.country, entry.adopted, entry.type) == (
        "85 FR 47698", "85 FR 47698", "85 FR 47698", "Federal Aviation Administration", "United States",
        "2020-08-06", "document")  # a proposed rule: not yet a regulation


CONSOLIDATED = """<html><body>
<p class="hd-date">02009L0052 — EN — 01.01.2024 — 001.001</p>
<p class="disclaimer">This text is meant purely as a documentation tool and has no legal effect.</p>
<p class="hd-modifiers">▼B</p>
<p class="title-doc-first">DIRECTIVE 2009/52/EC OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL</p>
<p class="title-doc-first">of 18 June 2009</p>
<p class="title-doc-last">on sanctions against employers of workers without a right to stay</p>
<p class="title-article-norm">Article 1</p>
<p class="stitle-article-norm">Subject matter</p>
<p class="norm">This Directive lays down the sanctions of the Member States against such employers.</p>
<p class="title-article-norm">Article 3</p>
<p class="stitle-article-norm">Prohibition</p>
<p class="norm">1. Member States shall prohibit such employment.</p>
<p class="hd-modifiers">▼M1</p>
<p class="norm">2. A Member State may exempt ►M1 persons whose removal was postponed ◄ from it.</p>
</body></html>
"""


def test_a_consolidated_eu_act_is_cited_by_its_number_and_dated_by_its_title(tmp_path):
    # EUR-Lex's consolidated text: the title block in "title-doc-first" / "title-doc-last", a
    # directive numbered as before 2015 ("2009/52/EC"), the consolidation's date printed first.
    # Before: titled "Directive 2009/52/Ec of the European Parliament and of the Council",
    # no symbol, cited by that title, dated 2024-01-01, body "Unknown", type "document".
    page = tmp_path / "consolidated.html"
    page.write_text(CONSOLIDATED, encoding="utf-8")
    entry = Library(tmp_path / "home", notify=lambda m: None).prepare(page, {"id": "dir"}).entry
    assert (entry.title, entry.cite_as, entry.short_title, entry.adopted, entry.body, entry.type) == (
        "Directive 2009/52/EC of the European Parliament and of the Council of 18 June 2009 on sanctions "
        "against employers of workers without a right to stay", "Directive 2009/52/EC", "Directive 2009/52/EC",
        "2009-06-18", "European Union", "directive")


@pytest.mark.parametrize("title, symbol, cite_as", [
    # its author before its number (before: cited by the whole title)
    ("Council Directive 96/71/EC of 16 December 1996 concerning the posting of workers", "Directive 96/71/EC",
     "Directive 96/71/EC"),
    ("Commission Implementing Regulation (EU) 2019/1234 of 3 July 2019 laying down rules",
     "Regulation (EU) 2019/1234", "Regulation (EU) 2019/1234"),
    # a national act that names the directive it transposes is not the directive
    ("Act transposing Directive 2009/52/EC on sanctions", "Directive 2009/52/EC", None),
])
def test_an_eu_act_is_cited_by_its_number_after_its_author(title, symbol, cite_as):
    names = citing_names(title, symbol)
    assert (names.get("cite_as"), names.get("body")) == (cite_as, cite_as and "European Union")


def test_a_title_in_capitals_prints_its_laws_word_as_a_title_does():
    # "CODE" written so in the text (a heading, "LABOR CODE" cited in capitals) was kept in capitals
    # as an acronym would be: "Rules Implementing the Labor CODE".
    text = ("RULES IMPLEMENTING THE LABOR CODE\n\nRULE I\nDEFINITIONS\n\nSection 1. Definitions. - In these Rules "
            "the CODE means the LABOR CODE and the ILO the International Labour Organization.\n")
    assert document_metadata(read_markdown(text))["title"] == "Rules Implementing the Labor Code"


def test_a_law_titled_in_two_eras_was_adopted_in_the_common_eras_year():
    # "Labour Act, 2048 (1992)": 2048 is the Bikram Sambat year; before, it was the adoption year.
    assert citing_names("Domestic Workers Act, 2031 (1974)", None) == {
        "adopted": "1974", "type": "law", "short_title": "Domestic Workers Act, 2031 (1974)"}
    assert citing_names("Migration Act 1958", None)["adopted"] == "1958"


OLD_EUR_LEX_PAGE = """<html><head><title>EUR-Lex - 32031R0007 - EN</title></head><body>
<h1>32031R0007</h1>
<p><strong>Council Regulation (EC) No 7/2031 of 14 March 2031 on seasonal workers </strong><br><em>
<br>Official Journal L 005 , 20/03/2031 P. 0001 - 0009<br></em></p>
<div><p>Council Regulation (EC) No 7/2031</p><p>of 14 March 2031</p><p>on seasonal workers</p>
<p>THE COUNCIL OF THE EUROPEAN UNION,</p><p>Having regard to the Treaty,</p><p>Whereas:</p>
<p>(1) Seasonal workers need protection.</p><p>HAS ADOPTED THIS REGULATION:</p>
<p>Article 1</p><p>Scope</p><p>This Regulation applies to seasonal workers.</p></div></body></html>"""


def test_an_old_eur_lex_page_is_titled_by_its_act_not_its_register_number(tmp_path):
    # EUR-Lex's pages before 2011 print the act's CELEX number as their heading ("32002R0006"),
    # the act's title under it with the Official Journal's reference: Council Regulation (EC)
    # No 6/2002 was titled and cited "32002R0006", type "document", body "Unknown"; an old
    # regulation's number of one digit ("No 6/2002") was no symbol.
    page = tmp_path / "old.html"
    page.write_text(OLD_EUR_LEX_PAGE, encoding="utf-8")
    entry = Library(tmp_path / "home", notify=lambda m: None).prepare(page, {"id": "reg"}).entry
    assert (entry.title, entry.cite_as, entry.symbol, entry.adopted, entry.body, entry.type) == (
        "Council Regulation (EC) No 7/2031 of 14 March 2031 on seasonal workers", "Regulation (EC) No 7/2031",
        "Regulation (EC) No 7/2031", "2031-03-14", "European Union", "regulation")



@pytest.mark.parametrize("block, title, symbol, date", [
    # German, as Lexparency prints an EU act's title block: paragraphs, the first in capitals with "Nr."
    (["VERORDNUNG (EU) Nr. 7/2031 DES EUROPÄISCHEN PARLAMENTS UND DES RATES", "vom 3. März 2031",
      "über die Saisonarbeit in der Landwirtschaft", "(Saisonarbeitsverordnung)"],
     "Verordnung (EU) Nr. 7/2031 des Europäischen Parlaments und des Rates vom 3. März 2031 über die Saisonarbeit "
     "in der Landwirtschaft", "Verordnung (EU) Nr. 7/2031", "2031-03-03"),
    # English, its number in sentence case ("No") among capitals
    (["REGULATION (EU) No 7/2031 OF THE EUROPEAN PARLIAMENT AND OF THE COUNCIL", "of 3 March 2031",
      "on seasonal work in agriculture"],
     "Regulation (EU) No 7/2031 of the European Parliament and of the Council of 3 March 2031 on seasonal work in "
     "agriculture", "Regulation (EU) No 7/2031", "2031-03-03"),
])
def test_an_eu_acts_title_block_printed_as_paragraphs_is_its_title(block, title, symbol, date):
    # Before, the title was the first line alone, in capitals: 'VERORDNUNG (EG) Nr. 810/2009 DES
    # EUROPÄISCHEN PARLAMENTS UND DES RATES' for the Visa Code ("Nr." read as the title's own case).
    from lexmig.indexer.readers import read_html

    text = ("<p>Der Rat und das Europäische Parlament des Rates und der Union.</p><p>The Council and the European "
            "Parliament of the Union.</p>") * 2
    page = "<html><body>" + "".join(f"<p>{line}</p>" for line in block) + f"<h1>Artikel 1</h1><h1>Article 1</h1>{text}"
    found = document_metadata(read_html(page + "</body></html>"))
    assert (found["title"], found["symbol"], found["date"]) == (title, symbol, date)


def test_an_old_eur_lex_pages_register_number_is_its_symbol_and_its_title_block_its_title():
    # EUR-Lex's old page of a framework decision (2002/584/JHA, in German): titled and cited by its
    # CELEX number, "32002F0584", "Rahmenbeschluss" being no title word; a table's row listing an
    # amending act ('| Rahmenbeschluss des Rates vom ... | L 182 |') is no title either.
    from lexmig.indexer.readers import read_html

    page = ("<html><body><h1>32031F0001</h1><table><tr><td>Rahmenbeschluss des Rates vom 5. Mai 2031</td><td>L 182</td>"
            "</tr></table><p>Rahmenbeschluss des Rates</p><p>vom 3. März 2031</p><p>über die Saisonarbeit</p>"
            "<p>DER RAT DER EUROPÄISCHEN UNION -</p><p>Artikel 1</p><p>Dieser Rahmenbeschluss gilt.</p></body></html>")
    found = document_metadata(read_html(page))
    assert (found["title"], found["symbol"]) == ("Rahmenbeschluss des Rates vom 3. März 2031 über die Saisonarbeit",
                                                 "32031F0001")
    row_only = page.replace("<p>Rahmenbeschluss des Rates</p><p>vom 3. März 2031</p><p>über die Saisonarbeit</p>", "")
    assert document_metadata(read_html(row_only))["title"] == "32031F0001"


@pytest.mark.parametrize("block, symbol", [
    # EUR-Lex's old German page of the framework decision on the European arrest warrant prints
    # "(2002/584/JI)" under its title: the page was cited by its CELEX number, "32002F0584".
    (["Rahmenbeschluss des Rates", "vom 3. März 2031", "über die Saisonarbeit", "(2031/7/JI)"], "Rahmenbeschluss 2031/7/JI"),
    (["Décision-cadre du Conseil", "du 3 mars 2031", "relative au travail saisonnier", "(2031/7/JAI)"],
     "Décision-cadre 2031/7/JAI"),
    # English: "Council Framework Decision" alone on its line was no title (its kind's words are its author's)
    (["Council Framework Decision", "of 3 March 2031", "on seasonal work", "(2031/7/JHA)"], "Framework Decision 2031/7/JHA"),
])
def test_a_decisions_number_in_brackets_under_its_title_is_its_symbol(block, symbol):
    from lexmig.indexer.readers import read_html

    page = ("<html><body><h1>32031F0007</h1>" + "".join(f"<p>{line}</p>" for line in block) +
            "<p>DER RAT -</p><p>Artikel 1</p><p>Dieser Rahmenbeschluss gilt.</p></body></html>")
    found = document_metadata(read_html(page))
    assert found["symbol"] == symbol
    assert citing_names(found["title"], found["symbol"]) == {
        "body": "European Union", "cite_as": symbol, "type": "decision", "short_title": symbol}


def test_a_number_in_brackets_under_a_title_of_no_kind_of_act_is_the_symbol_alone():
    from lexmig.indexer.readers import read_html

    page = ("<html><body><h1>31998F0699</h1><p>Massnahme des Rates</p><p>vom 3. März 2031</p><p>(2031/7/JI)</p>"
            "<p>Artikel 1</p><p>Diese Massnahme gilt.</p></body></html>")
    assert document_metadata(read_html(page))["symbol"] == "2031/7/JI"
    # the number of another act, not printed under this title, is not how this one is cited
    assert "cite_as" not in citing_names("Decision of the Council on Directive 2031/7/EC", "Decision 2031/8/EC")


def test_a_note_to_a_states_permanent_mission_is_not_that_states_text():
    # A UN Secretariat's note verbale (OCR of a 2022 note from the Office of Legal Affairs) was
    # filed as Ukraine's text, body "Ukraine", from "the Permanent Mission of Ukraine" twice.
    note = read_markdown("The Office of Legal Affairs of the Secretariat of the United Nations presents its compliments "
                         "to the Permanent Mission of Ukraine to the United Nations and refers to its note.\n\nThe Office "
                         "avails itself of this opportunity to renew to the Permanent Mission of Ukraine the assurances "
                         "of its highest consideration.\n")
    assert country_of(note) is None
    law = read_markdown("# Labour Law of Ukraine\n\nThis Law applies in Ukraine to every employer in Ukraine.\n")
    assert country_of(law) == "Ukraine"


def test_a_joint_actions_title_block_in_capitals_with_a_sharp_s():
    # EUR-Lex's consolidated German page of a 1998 joint action (98/699/JI) was titled by its
    # register line, "1998F0699 — DE — 05.07.2001 — 001.001", dated by it (2001-07-05) and cited by
    # nothing: "GEMEINSAME MAßNAHME" was no title line, and its "ß" read as the title's own lower case.
    from lexmig.indexer.readers import read_html

    page = ("<html><body><p>1998F0699 — DE — 05.07.2001 — 001.001</p><p>GEMEINSAME MAßNAHME</p><p>vom 3. Dezember 2031</p>"
            "<p>— vom Rat angenommen — betreffend die Saisonarbeit</p><p>(2031/7/JI)</p><p>DER RAT -</p>"
            "<p>Artikel 1</p><p>Diese Gemeinsame Maßnahme gilt für die Saisonarbeit.</p></body></html>")
    found = document_metadata(read_html(page))
    assert (found["title"], found["symbol"], found["date"]) == (
        "Gemeinsame Maßnahme vom 3. Dezember 2031 — vom Rat angenommen — betreffend die Saisonarbeit",
        "Gemeinsame Maßnahme 2031/7/JI", "2031-12-03")
    assert citing_names(found["title"], found["symbol"])["cite_as"] == "Gemeinsame Maßnahme 2031/7/JI"


def test_an_international_courts_resolution_about_a_state_is_not_that_states_text():
    # A 1991 resolution of the Inter-American Court of Human Rights on provisional measures
    # "respecto de Guatemala" (huridocs/pdf-document-layout-analysis) was filed under Guatemala.
    resolution = read_markdown("RESOLUCIÓN DE LA\n\nCORTE INTERAMERICANA DE DERECHOS HUMANOS\n\nDEL 3 DE MARZO DE 2031\n\n"
                               "MEDIDAS PROVISIONALES RESPECTO DE GUATEMALA\n\n1. Los escritos del Gobierno de Guatemala.\n\n"
                               "2. Las medidas que ha tomado el Gobierno de Guatemala.\n")
    assert country_of(resolution) is None
    law = read_markdown("# Ley de Migración de Guatemala\n\nEsta ley rige en Guatemala para el Gobierno de Guatemala.\n")
    assert country_of(law) == "Guatemala"


def test_a_spanish_date_with_de_is_read():
    # "29 de julio de 1991", as Spanish texts print dates, was no date.
    from lexmig.indexer.readers import read_html

    page = ("<html><body><p>Resolución de la Corte Interamericana de Derechos Humanos</p><p>del 3 de marzo de 2031</p>"
            "<p>sobre medidas provisionales</p><h1>Artículo 1</h1><p>La Corte resuelve convocar una audiencia.</p></body></html>")
    assert document_metadata(read_html(page))["date"] == "2031-03-03"
