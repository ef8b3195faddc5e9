import re

import pytest

from lexmig.indexer.catalogue import load_catalogue, validate_entry
from lexmig.indexer.errors import CatalogueError, UnknownDocument

REQUIRED_IDS = {
    "ecosoc-2006-rt6", "c097", "c088", "c118", "c181", "c189", "ets093", "smuggling-protocol",
    "trafficking-protocol", "iom-constitution", "gats", "gats-mnp", "gats-mnp-decision",
    "c143", "icrmw", "mflm", "unctad-em25-2", "unctad-em22-2", "r086", "r151", "wcsdg-2004",
    "ilo-2004-report-vi", "somavia-davos-2006", "iom-wmr-2005", "wb-gep-2006", "un-sg-ep-2004",
    "gcim-2005", "c019", "c021", "c029", "p029", "c111", "c138", "iccpr", "icescr", "cerd",
    "cedaw", "esc-1961", "refugee-convention-1951", "untoc", "a-res-55-25", "a-res-45-158",
}


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def test_catalogue_describes_every_required_document(catalogue):
    assert {e.id for e in catalogue} == REQUIRED_IDS


def test_text_is_available_exactly_for_the_mirror_documents(catalogue, corpus):
    mirrored = {p.name for p in corpus.iterdir() if (p / "provenance.json").is_file()}
    assert {e.id for e in catalogue if e.text_available} == mirrored


@pytest.mark.parametrize("name, doc_id", [
    ("C97", "c097"), ("C097", "c097"), ("Convention No. 97", "c097"), ("ILO Convention 97", "c097"),
    ("convention no 97", "c097"), ("ICRMW", "icrmw"), ("1990 Convention", "icrmw"),
    ("Migrant Workers Convention", "icrmw"), ("A/RES/45/158", "a-res-45-158"), ("C143", "c143"),
    ("note", "ecosoc-2006-rt6"), ("ETS 93", "ets093"), ("GATS", "gats"),
    ("TD/B/COM.1/EM.22/2", "unctad-em22-2"), ("Multilateral Framework", "mflm"),
])
def test_aliases_people_type_resolve(catalogue, name, doc_id):
    assert catalogue.resolve(name).id == doc_id


def test_unknown_name_suggests_the_nearest(catalogue):
    message = "No document 'C9' in the catalogue. Did you mean: c097, c019, c029? List them with: lexmig catalogue"
    with pytest.raises(UnknownDocument, match=f"^{re.escape(message)}$"):
        catalogue.resolve("C9")


def test_entries_carry_citation_facts(catalogue):
    c097 = catalogue.get("c097")
    assert c097.cite_as == "Migration for Employment Convention (Revised), 1949 (No. 97)"
    assert c097.short_title == "C097"
    assert c097.adopted == "1949-07-01" and c097.year == 1949
    assert c097.languages == ("en", "nl")
    assert catalogue.get("icrmw").symbol == "A/RES/45/158, annex"
    assert catalogue.get("unctad-em25-2").symbol == "TD/B/COM.1/EM.25/2"


GOOD = {"id": "x1", "type": "report", "body": "B", "title": "T", "cite_as": "T", "short_title": "X1"}


@pytest.mark.parametrize("change, message", [
    ({"type": "novel"}, "catalogue.toml: entry 'x1', field 'type': 'novel' is not one of: "),
    ({"adopted": "1949-13-01"}, "catalogue.toml: entry 'x1', field 'adopted': '1949-13-01' is not a date"),
    ({"id": "../x"}, "catalogue.toml: entry '../x', field 'id': must be lower-case letters"),
    ({"title": ""}, "catalogue.toml: entry 'x1', field 'title': missing or empty"),
    ({"colour": "red"}, "catalogue.toml: entry 'x1', field 'colour': unknown field"),
    ({"url": "ftp://x"}, "catalogue.toml: entry 'x1', field 'url': 'ftp://x' is not an http(s) address"),
    ({"languages": ["english"]}, "catalogue.toml: entry 'x1', field 'languages': 'english' is not a two-letter"),
])
def test_a_bad_entry_names_the_entry_and_the_field(change, message):
    with pytest.raises(CatalogueError) as info:
        validate_entry(dict(GOOD, **change), "catalogue.toml")
    assert str(info.value).startswith(message)


def test_a_duplicate_id_in_the_data_file_is_refused(tmp_path):
    record = '[[document]]\nid = "x1"\ntype = "report"\nbody = "B"\ntitle = "T"\ncite_as = "T"\nshort_title = "X{}"\n'
    path = tmp_path / "catalogue.toml"
    path.write_text(record.format(1) + record.format(2))
    with pytest.raises(CatalogueError, match=r"^catalogue.toml: entry 'x1', field 'id': defined twice$"):
        load_catalogue(path)


def test_every_entry_carries_its_names_as_issued_and_as_used(catalogue):
    assert all(e.long_title and e.aliases and e.year for e in catalogue)
    ilo = [e for e in catalogue if e.id[0] in "crp" and e.id[1:].isdigit()]
    assert len(ilo) == 14 and all(e.number for e in ilo)
    assert catalogue.get("c189").long_title == "Convention concerning Decent Work for Domestic Workers"
    assert (catalogue.get("ets093").number, catalogue.get("c143").number) == ("ETS No. 93", "No. 143")
    speeches = [e for e in catalogue if e.type == "speech"]
    assert [(e.id, e.author, e.event, e.place) for e in speeches] == [
        ("somavia-davos-2006", "Juan Somavia", "World Economic Forum", "Davos"),
        ("un-sg-ep-2004", "Kofi Annan", "European Parliament", "Brussels")]


@pytest.mark.parametrize("field", ["long_title", "number", "author", "event", "place"])
def test_the_new_text_fields_must_be_non_empty_strings(field):
    message = rf"^catalogue.toml: entry 'x1', field '{field}': must be a non-empty string$"
    with pytest.raises(CatalogueError, match=message):
        validate_entry(dict(GOOD, **{field: ""}), "catalogue.toml")


def test_every_problem_of_an_entry_is_one_line():
    with pytest.raises(CatalogueError) as info:
        validate_entry(dict(GOOD, type="novel", number=3, text_available="yes", colour="red"), "catalogue.toml")
    assert [line.split("field '")[1].split("'")[0] for line in str(info.value).splitlines()] == [
        "colour", "type", "number", "text_available"]
