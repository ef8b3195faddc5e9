"""indexer/thesaurus.py: the curated groups of corpus/thesaurus.toml and how text is matched
to them, on the note and C97 as installed."""

import re

import pytest

from lexmig.indexer import thesaurus
from lexmig.indexer.thesaurus import ExpressionTable, ThesaurusError, concepts_in, load_thesaurus, stems


@pytest.fixture(scope="module")
def units(library):
    found = {}
    for doc_id in ("note", "c097"):
        _, passages = library.passages(doc_id)
        found.update({p.passage_id: p for p in passages})
    return found


def test_the_shipped_thesaurus_loads_its_groups():
    groups = load_thesaurus()
    assert len(groups) == 65
    assert groups[0].name == "irregular migration"
    assert groups[0].weight == 0.6
    assert groups[0].terms[:3] == ("irregular migration", "irregular status", "undocumented")
    assert all(0 < group.weight <= 1 and len(group.terms) >= 2 for group in groups)


def test_words_are_stemmed_as_the_index_stems_them():
    assert stems("Remittances of migrant workers' earnings") == ["remitt", "migrant", "worker", "earn"]


@pytest.mark.parametrize("passage_id, groups", [
    ("ecosoc-2006-rt6/para-10", {"remittances", "development_aid"}),
    ("ecosoc-2006-rt6/para-11", {"brain_drain"}),
    ("ecosoc-2006-rt6/para-18", {"family_reunification"}),
    ("c097/art-9", {"remittances"}),  # "transfer ... earnings and savings": the law's words
    ("c097/annex-1/art-8", {"irregular_migration"}),  # "clandestine or illegal immigration"
    ("c097/art-6/1/a/i", {"pay", "annual_leave"}),  # "remuneration ... holidays with pay"
    ("ecosoc-2006-rt6/para-9", {"remittances", "development_aid"}),  # "more than double the level of ODA"
])
def test_a_passage_touches_the_groups_whose_expressions_it_holds(units, passage_id, groups):
    assert concepts_in(units[passage_id].text) == groups


def test_a_stage_of_procedure_is_no_artistic_performance():
    # The group's "on stage" was the one stem "stage" (a stop word dropped): CEDAW Art. 15(2)
    # and the Trafficking Protocol's Art. 6, on stages of court proceedings, came first for
    # children acting on stage.
    assert concepts_in("treat them equally in all stages of procedure in courts and tribunals") == set()
    assert concepts_in("children who perform on stage") == {"artistic_performances"}


def test_spying_and_the_intelligence_service_are_the_security_of_the_state():
    # C111 Art. 4 "activities prejudicial to the security of the State": questions by two
    # writers (fresh17, fresh18) said "spying" and "the intelligence service suspects him"
    assert concepts_in("activities prejudicial to the security of the State") == {"security_of_the_State"}
    assert concepts_in("suspected of spying for a foreign power") == {"security_of_the_State"}
    assert concepts_in("the intelligence service suspects him") == {"security_of_the_State"}


def test_smuggling_and_trafficking_are_kept_apart():
    assert concepts_in("smuggling of migrants") == {"smuggling_of_migrants"}
    assert concepts_in("trafficking in persons") == {"trafficking_in_persons"}


def test_an_expression_matches_as_a_run_of_stems_within_a_line():
    table = ExpressionTable([("family reunion", "family"), ("transfer of savings", "money")])
    assert table.find("the reunion of the family") == {}  # a phrase, in its order
    assert table.find("Family reunion shall be facilitated") == {"family": "family reunion"}
    assert table.find("transfer of\nsavings") == {}  # matched line by line
    assert table.find("the transfer of their savings; family reunions") == {"family": "family reunion"}


@pytest.mark.parametrize("toml, message", [
    ('[[group]]\nterms = ["a b", "c d"]\n', "thesaurus.toml: group 1, field 'name': missing"),
    ('[[group]]\nname = "pay"\nterms = ["wages"]\n',
     "thesaurus.toml: group 'pay', field 'terms': needs two or more expressions"),
    ('[[group]]\nname = "pay"\nterms = ["wages", "pay"]\nweight = 1.5\n',
     "thesaurus.toml: group 'pay', field 'weight': must be in (0, 1]"),
])
def test_a_bad_group_is_refused_naming_the_group_and_the_field(monkeypatch, toml, message):
    monkeypatch.setattr(thesaurus, "_source", lambda: toml)
    load_thesaurus.cache_clear()
    try:
        with pytest.raises(ThesaurusError, match=f"^{re.escape(message)}$"):
            load_thesaurus()
    finally:
        load_thesaurus.cache_clear()


def test_the_digest_changes_with_the_file(monkeypatch):
    shipped = thesaurus.digest()
    assert len(shipped) == 12 and int(shipped, 16) >= 0
    monkeypatch.setattr(thesaurus, "_source", lambda: '[[group]]\nname = "pay"\nterms = ["wages", "pay"]\n')
    assert thesaurus.digest() != shipped


def test_a_hyphenated_compound_is_one_word_when_concepts_are_found(library):
    _, passages = library.passages("refugee-convention-1951")
    art17 = next(p for p in passages if p.passage_id == "refugee-convention-1951/art-17" and p.lang == "en")
    # 'Wage-earning employment' is the right to work, not pay; 'co-operation' is still co-operation
    assert "wage-earning employment" in art17.text and "pay" not in concepts_in(art17.text)
    assert concepts_in("wages and remuneration") == {"pay"}
    assert thesaurus.compounds_joined("co-operation, non-refoulement") == "cooperation, non-refoulement"
