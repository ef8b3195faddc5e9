"""Query syntax, filters, options and typo correction, on the index built from ../shared/corpus.

Each test pins down a bug of issue 10 section 3 (and issue 12 point 3): what a person
types must mean what it says, and a filter is never silently dropped.
"""

import re

import pytest
from click.testing import CliRunner

from lexmig.indexer.passage import article_key
from lexmig.indexer.thesaurus import stems
from lexmig.search.cli import cli
from lexmig.search.rank import Engine, Filters
from tests.conftest import run


@pytest.fixture(scope="module")
def engine(library):
    return Engine(library)


def ids(result):
    return [h.passage.passage_id for h in result.hits]


def words_of(passage) -> set[str]:
    return set(stems(passage.text + " " + (passage.title or "")))


# -- NOT and hyphens -------------------------------------------------------------------------

def test_binary_not_excludes_like_minus_and_and_not(engine):
    results = {q: engine.search(q) for q in ("migrants NOT smuggling", "migrants -smuggling",
                                             "migrants AND NOT smuggling")}
    lists = {q: ids(r) for q, r in results.items()}
    assert len(set(map(tuple, lists.values()))) == 1, lists  # the three spellings mean the same
    hits = results["migrants NOT smuggling"].hits
    assert len(hits) == 10
    assert all("smuggl" not in words_of(h.passage) and "migrant" in words_of(h.passage) for h in hits)
    # An excluded word brings in no thesaurus group of its own ("smuggling of migrants").
    assert results["migrants -smuggling"].plan.expansions == []


def test_not_excludes_what_is_filed_under_a_subject_the_word_names(engine):
    # The Smuggling Protocol's Art. 5 never says "smuggling"; it is filed under the
    # criminal liability of smuggled migrants, and so is about smuggling.
    assert "smuggling-protocol/art-5" in ids(engine.search("migrants", limit=10))
    result = engine.search("migrants NOT smuggling", limit=200)
    assert "smuggling-protocol/art-5" not in ids(result)
    assert not [h.passage.passage_id for h in result.hits if any("smuggl" in s["name"] for s in h.subjects)]
    assert len(result.hits) == 98


def test_an_excluded_phrase_excludes_the_subjects_named_by_it_whole(engine):
    # ETS 93 Art. 12 ("Family reunion") is filed under family reunification; ESC Art. 16
    # under the protection of the family, which holds "family" but not the phrase.
    kept = ids(engine.search('family NOT "family reunification"', limit=1000))
    assert "esc-1961/art-16" in kept and "ets093/art-12" not in kept
    assert "ets093/art-12" in ids(engine.search("family", limit=1000))


def test_not_in_the_middle_of_a_query_excludes_from_the_whole_query(engine):
    result = engine.search("recruitment NOT fees agencies", limit=20)
    assert result.hits
    assert all("fee" not in words_of(h.passage) for h in result.hits)


@pytest.mark.parametrize("query, first, written", [
    ("most-favoured-nation treatment", "gats/art-ii", "most-favoured-nation"),
    ("self-employed", "esc-1961/art-19/10", "self-employed"),
    ("non-discrimination", "refugee-convention-1951/art-3", "non-discrimination"),
])
def test_a_hyphenated_word_is_a_word(engine, query, first, written):
    result = engine.search(query, limit=5)
    assert ids(result)[0] == first
    top = result.hits[0].passage
    assert written in (top.text + " " + (top.title or "")).lower()


def test_co_operation_finds_the_hyphenated_and_the_closed_spelling(engine):
    result = engine.search("co-operation", limit=10)
    assert len(result.hits) == 10
    for hit in result.hits:
        text = (hit.passage.text + " " + (hit.passage.title or "")).lower()
        assert re.search(r"\bco-?operat", text), hit.passage.passage_id


# -- filters that choose nothing ---------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["--doc", "icrmw"], "'icrmw' is catalogued but its text is not installed; get it with lexmig fetch icrmw "
                         "(or lexmig add FILE --id icrmw)."),
    (["--type", "speech"], "no installed document is of type 'speech'."),
    (["--year", "1800..1900"], "no installed document was adopted in 1800..1900 (installed documents: 1925..2014)."),
    (["--year", "1800..1801"], "no installed document was adopted in 1800..1801 (installed documents: 1925..2014)."),
    (["--doc", "c097", "--type", "protocol"],
     "no installed document meets all of these filters (--doc c097, --type protocol)."),
    (["--doc", "c189", "--lang", "nl"], "no nl passages in the documents chosen by --doc c189; try another --lang."),
])
def test_a_valid_filter_that_chooses_no_installed_text_finds_nothing_and_says_why(library, args, message):
    result = run(library, "search", "family", *args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == f'No passages found for "family": {message}\n'


@pytest.mark.parametrize("args, message", [
    (["--type", "foo"], "--type: 'foo' is not a document type; use one of: convention, recommendation, protocol, "
                        "agreement, annex, decision, constitution, framework, report, issues note, speech, article, "
                        "resolution, declaration, law, regulation, directive, document."),
    (["--body", "Nobody"], "--body: no catalogue document is issued by 'Nobody'; see each document's body with "
                           "lexmig catalogue NAME."),
    (["--year", "1990..1950"], "--year: '1990..1950' ends before it starts; write the range FROM..TO "
                               "(e.g. 1950..1990)."),
])
def test_a_filter_value_no_document_can_have_is_an_error(library, args, message):
    result = run(library, "search", "family", *args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"


def test_an_empty_filter_is_never_read_as_no_filter(engine):
    # Whoosh ignores an empty set of allowed documents; lexmig must not.
    from lexmig.search.rank import NoMatchingDocuments

    with pytest.raises(NoMatchingDocuments):
        engine.search("family", Filters(years=(1800, 1801)))


@pytest.mark.parametrize("doc, query", [("c189", "migrant"), ("c181", "migrant workers")])
def test_a_filter_with_common_words_returns_the_documents_matching_units(engine, doc, query):
    result = engine.search(query, Filters(doc=doc), limit=50)
    with_migrant = {article_key(p.passage_id) for p in engine.document_passages(doc, "en")
                    if "migrant" in words_of(p)}
    assert with_migrant
    assert {article_key(pid) for pid in ids(result)} == with_migrant


# -- options ----------------------------------------------------------------------------------

@pytest.mark.parametrize("args, message", [
    (["search", "brain drain", "--home", "/tmp/elsewhere"],
     "--home is an option of lexmig, not of 'search': put it before the command, e.g. "
     "lexmig --home /tmp/elsewhere search ..."),
    (["search", "brain drain", "--limt", "2"],
     "no such option: --limt (did you mean --limit?); to search for a word that starts with '--', "
     "put -- before the query; see lexmig search -h."),
    (["show", "C97 art. 9", "--home=/tmp/elsewhere"],
     "--home is an option of lexmig, not of 'show': put it before the command, e.g. "
     "lexmig --home /tmp/elsewhere show ..."),
    (["related", "C97 art. 9", "--limt", "2"],
     "no such option: --limt (did you mean --limit?); see lexmig related -h."),
    (["catalogue", "--jsn"], "no such option: --jsn (did you mean --json?); see lexmig catalogue -h."),
    (["search"], "Missing argument 'QUERY...'; see lexmig search -h."),
    # a blank argument is no query (before: "No passages found for \"\"", exit 1; cite: "No
    # catalogue document matches", exit 1)
    (["search", ""], "the query is empty: give the words to search for; see lexmig search -h."),
    (["search", " ", " "], "the query is empty: give the words to search for; see lexmig search -h."),
    (["show", ""], 'the citation is empty: give a unit, as in "C97 art. 6(1)(b)"; see lexmig show -h.'),
    (["cite", ""], "the text to resolve is empty: paste the citation; see lexmig cite -h."),
])
def test_unknown_and_misplaced_options_are_one_line_errors(library, args, message):
    result = run(library, *args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"


def test_every_command_refuses_an_unknown_long_option(library):
    for name in cli.commands:
        result = run(library, name, "x", "--no-such-option")
        assert result.exit_code == 2, name
        assert result.stderr.startswith("Error: no such option: --no-such-option"), (name, result.stderr)


def test_a_double_dash_lets_a_query_start_with_dashes(library):
    result = run(library, "search", "--limit", "2", "--json", "--", "--limit", "brain", "drain")
    assert result.exit_code == 0
    assert '"query": "--limit brain drain"' in result.stdout
    excluded = run(library, "search", "--json", "--", "-sea", "smuggling")
    assert excluded.exit_code == 0
    assert '"query": "-sea smuggling"' in excluded.stdout


# -- spelling ---------------------------------------------------------------------------------

def test_a_typo_of_a_thesaurus_word_is_corrected_to_it(engine):
    result = engine.search("deportaion")
    assert result.plan.corrections == [("deportaion", "deportation")]
    assert [e.group for e in result.plan.expansions] == ["expulsion and return"]
    assert result.hits


def test_an_abbreviation_in_capitals_is_not_corrected(engine):
    """"999 UNTS 171" was searched as "999 units 171"; a typo in small letters still is."""
    assert engine.search("refugees UNTS").plan.corrections == []
    assert engine.search("refugees unts").plan.corrections == [("unts", "units")]


def test_a_thesaurus_word_no_document_uses_is_not_corrected_away(engine):
    assert engine.search("deportation").plan.corrections == []


def test_a_typo_is_corrected_to_a_word_the_index_gained_under_the_same_reader(library, corpus, tmp_path):
    """The words a typo is corrected to are cached by the index's segments, not by the
    reader's id(): after a commit a new reader may take the freed old one's id and was then
    served the old index's words. Here one reader object gains the whole corpus's segments."""
    from whoosh.reading import MultiReader

    from lexmig.indexer.library import Library
    from lexmig.search.query import correct

    small = Library(tmp_path / "home", notify=lambda message: None)
    assert [r.ok for r in small.fetch(["c029"], mirror=corpus)] == [True]
    one, every = small.ensure_index().reader(), library.ensure_index().reader()
    try:
        reader = MultiReader([leaf for leaf, _ in one.leaf_readers()])
        assert correct("achivement", reader) == ("achivement", [])  # C29 has no "achievement"
        for leaf, _ in every.leaf_readers():
            reader.add_reader(leaf)
        assert correct("achivement", reader) == ("achievement", [("achivement", "achievement")])
    finally:
        one.close()
        every.close()


def test_an_s_that_a_plural_does_not_take_is_a_typo(engine):
    """'refuges' is English ('refuge'), 'agency' too: 'refugess' and 'agencys' are typos of the
    corpus's 'refugees' and 'agencies', not plurals the corpus happens not to use."""
    result = engine.search("can refugess take paid jobs")
    assert result.plan.corrections == [("refugess", "refugees")]
    top = list(dict.fromkeys(article_key(pid) for pid in ids(result)))
    assert top[0].startswith("refugee-convention-1951/") and "refugee-convention-1951/art-17" in top[:5]
    assert engine.search("recruitment agencys").plan.corrections == [("agencys", "agency")]  # the nearest word
    assert engine.search("nurses abroad").plan.corrections == []  # a real plural no document uses


def test_swapped_letters_are_one_edit_and_an_english_word_is_preferred(engine):
    # "chlid" is two Levenshtein edits from "child" (too many for five letters), one swap
    assert engine.search("minimun age for chlid labour").plan.corrections == \
        [("minimun", "minimum"), ("chlid", "child")]
    # "inspecteur" (French passages) and "inspector" are both one edit away
    assert engine.search("emigrant ship inspecter on board").plan.corrections == [("inspecter", "inspector")]


def test_a_verb_form_also_searches_the_stem_of_its_noun(engine):
    """Porter makes 'discriminating' 'discriminat' and 'discrimination' 'discrimin': the
    question's -ating / -ated word also searches the noun's stem, as one concept."""
    plan = engine.search("recruitment agencies discriminating against applicants", limit=1).plan
    texts = {text for field, text in (
        (t.fieldname, t.text) for t in plan.base.leaves() if hasattr(t, "fieldname")) if field == "text"}
    assert {"discriminat", "discrimin"} <= texts
    holding = [concept for concept in plan.concepts if concept & {"discriminat", "discrimin"}]
    assert len(holding) == 1 and {"discriminat", "discrimin"} <= holding[0]
    top = list(dict.fromkeys(article_key(pid) for pid in ids(engine.search(
        "recruitment agencies discriminating against applicants", limit=30))))
    assert "c181/art-5" in top[:3]  # '... private employment agencies treat workers without discrimination'
    # a noun's stem is left alone: 'discrimination' does not add 'discriminat'
    assert "discriminat" not in {t.text for t in engine.search("discrimination", limit=1).plan.base.leaves()
                                 if hasattr(t, "text")}


def test_a_word_for_people_also_searches_the_noun_of_their_standing(engine):
    """The law names the status ('citizenship', 'Membership'), the question the people
    ('become citizens', 'a member of IOM'): the word also searches its -ship noun, as one
    concept, where a passage holds it."""
    plan = engine.search("Can foreigners become citizens?", limit=1).plan
    holding = [concept for concept in plan.concepts if "citizen" in concept]
    assert len(holding) == 1 and "citizenship" in holding[0]
    top = list(dict.fromkeys(article_key(pid) for pid in ids(engine.search(
        "How does a State become a member of IOM?", limit=30))))
    assert "iom-constitution/art-2" in top[:3]  # its title, 'Membership'; it was 6th
    # no -ship noun in any passage: nothing added ('worker' has no 'workership')
    assert not any("workership" in concept for concept in engine.search("foreign worker", limit=1).plan.concepts)


def test_the_generic_masculine_and_auxiliaries_are_not_searched_but_she_and_her_are(engine):
    from lexmig.search.rank import _leaf_terms

    def searched(query):
        return {text for field, text, _ in _leaf_terms(engine.search(query, limit=1).plan.base) if field == "text"}

    assert not {"he", "hi", "him"} & searched("Does a migrant keep his pension when he returns home?")
    assert "pension" in searched("Does a migrant keep his pension when he returns home?")
    assert "her" in searched("Can a woman keep her nationality when she marries a foreigner?")
    # nor the forms of the auxiliaries: "being" is the stem "be" of every "shall be"
    assert searched("Can a foreigner be deported without being able to argue against it?") == \
        {"foreign", "deport", "without", "argu", "against"}
    top = list(dict.fromkeys(article_key(pid) for pid in ids(engine.search(
        "Does a migrant keep his pension rights when he returns to his home country?", limit=30))))
    assert {"c118/art-7", "esc-1961/art-12"} & set(top[:10])  # totalisation, acquired rights abroad


def test_a_language_no_installed_document_has_finds_nothing_and_says_so(tmp_path):
    result = CliRunner().invoke(cli, ["--home", str(tmp_path), "search", "family", "--lang", "nl"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == ('No passages found for "family": no nl passages in the installed '
                                              'documents; try another --lang.')


def test_a_typed_citation_outside_the_filters_is_not_shown_first(engine):
    result = engine.search("C97 art 6 equality", Filters(doc="c189"), limit=5)
    assert result.notes == ["C097, Article 6 is outside --doc c189; showing search results."]
    assert result.hits and {h.passage.doc_id for h in result.hits} == {"c189"}
    inside = engine.search("C97 art 6", Filters(doc="c097"), limit=1)
    assert (ids(inside), inside.hits[0].match) == (["c097/art-6"], "citation")


# -- issue 10, failure kinds of plain-language questions ------------------------------------

def test_who_pays_for_asks_who_bears_a_cost_not_about_wages(engine):
    costs = engine.search("Who pays for the migrant's trip to the country where the job is?", limit=3)
    assert {m.subject.name for m in costs.plan.subjects} == {"recruitment fees and costs",
                                                              "departure, travel and reception"}
    assert "pay" not in [e.group for e in costs.plan.expansions]
    # 'the cost of travel ... shall never be borne by the migrant worker' (the paragraph, or its article)
    assert article_key(costs.hits[0].passage.passage_id) == "ets093/art-7"
    wages = engine.search("Is it discrimination to pay women less?", limit=1)
    assert "remuneration" in {m.subject.name for m in wages.plan.subjects}


def test_a_debt_a_duty_or_a_payee_who_is_no_worker_makes_pay_the_verb_of_a_cost(engine):
    customs = engine.search("Can I bring my tools and household things without paying customs when I move abroad "
                            "for work?", limit=1)
    assert "remuneration" not in {m.subject.name for m in customs.plan.subjects}
    # C97 Annex III Art. 2(2): 'exemption from customs duties' for tools and household effects
    assert customs.hits[0].passage.passage_id == "c097/annex-3/art-2/2"
    debt = engine.search("My employer took my passport and says I have to work until I pay back the recruitment "
                         "debt. Is this forced labour?", limit=1)
    assert "remuneration" not in {m.subject.name for m in debt.plan.subjects}
    assert "remuneration" not in {m.subject.name for m in engine.search("paid smugglers", limit=1).plan.subjects}
    # a contribution paid into a fund or scheme is no wage; wages paid in cash are
    assert "remuneration" not in {m.subject.name for m in engine.search(
        "Do I lose what I paid into the pension scheme when I leave?", limit=1).plan.subjects}
    assert "remuneration" in {m.subject.name for m in engine.search("wages paid in cash", limit=1).plan.subjects}
    assert "remuneration" in {m.subject.name for m in engine.search("equal pay for women and men", limit=1).plan.subjects}


def test_an_expression_with_a_question_word_or_a_compound_stands_together_in_the_question(engine):
    def asked(question):
        return {m.subject.name: m.expression for m in engine.search(question, limit=1).plan.subjects}

    # 'live-in worker' is no worker who lives somewhere; 'What ... trafficking' is no 'what is trafficking'
    killed = asked("Do the family of a foreign worker killed at work get compensation if they live in another country?")
    assert "domestic work" not in killed
    assert killed["employment injury compensation"] == "killed at work"  # a fatal accident at work
    assert "definition of trafficking" not in asked("What help do trafficking victims get?")
    assert asked("What is trafficking?")["definition of trafficking"] == "what is trafficking"
    assert asked("My sister is a live-in worker")["domestic work"] == "live-in worker"
    # spread expressions without such words still ask ('same' ... 'as local workers')
    assert asked("Do migrant workers get the same pay as local workers?")["equality of treatment"] == \
        "same as local workers"
    # 'organize' is Porter's 'organ', the stem of 'Organization'
    assert "trade unions and freedom of association" not in asked("how a country joins the International "
                                                                  "Organization for Migration")


def test_an_untitled_instruments_provision_is_not_ranked_below_a_titled_one_on_its_subject(engine):
    result = engine.search("Can a foreigner who goes back to his own country keep getting his pension?", limit=3)
    # C118 Art. 5 (benefits to a beneficiary resident abroad), before ETS 93 Art. 18 'Social Security'
    assert ids(result)[:2] == ["c118/art-5", "ets093/art-18"]


def test_a_chapter_heading_over_one_untitled_article_says_what_it_is_about(engine):
    # the IOM Constitution's Chapter I, 'Purposes and functions', holds Art. 1 alone
    assert ids(engine.search("What is IOM for, what are its functions?", limit=1)) == ["iom-constitution/art-1"]


def test_a_heading_or_an_appended_instrument_does_not_outrank_the_provisions(engine):
    # The Smuggling Protocol's Chapter II is the heading 'Smuggling of migrants by sea'.
    kinds = [h.passage.kind for h in engine.search("smuggling of migrants by sea", limit=5).hits]
    assert "chapter" not in kinds
    # R146 follows C138 in its file; the Convention's articles come first.
    first = engine.search("At what age can a child start working?", limit=3).hits
    assert all("recommendation-146" not in h.passage.passage_id for h in first)


# -- the words of an everyday expression that asked about a subject (issue 10: filler) --------

def test_the_words_of_an_everyday_expression_count_half_as_search_words(engine):
    from lexmig.search.rank import _leaf_terms

    def weights(query):
        return {text: boost for field, text, boost in _leaf_terms(engine.search(query, limit=1).plan.base)
                if field == "text"}

    # "same as local workers" and "same wages as" asked about equality of treatment; "foreign" is no part of them
    assert weights("do foreign workers get the same wages as local workers") == \
        {"foreign": 1.0, "wage": 0.5, "same": 0.5, "local": 0.5, "worker": 0.5}
    # a subject's name or the law's words keep their weight
    assert weights("What is forced labour?") == {"forc": 1.0, "labour": 1.0}
    top = [article_key(pid) for pid in ids(engine.search("do foreign workers get the same wages as local workers",
                                                           limit=30))]
    top = list(dict.fromkeys(top))[:10]
    # ETS 93 Art. 8(2) ('the same employer or the same locality') is no longer among them
    assert "c097/art-6" in top[:5] and "ets093/art-8" not in top


def test_common_words_add_half_their_score_to_a_passage_that_matches_a_rarer_word(engine):
    from whoosh import query as wq

    from lexmig.search.query import COMMON_BOOST

    plan = engine.search("migrant workers and collective bargaining", limit=1).plan
    assert isinstance(plan.query, wq.AndMaybe) and plan.query.b.boost == COMMON_BOOST == 0.5
    assert {t.text for t in plan.query.b.leaves()} == {"migrant", "worker"}
    top = list(dict.fromkeys(article_key(pid) for pid in ids(engine.search(
        "migrant workers and collective bargaining", limit=30))))[:10]
    assert "c097/art-6" in top  # 'immigrants', 'collective bargaining': C97 Art. 6(1)(a)(ii)


# -- the frames of a question (issue 10: filler by kind) -------------------------------------

def test_the_frames_of_a_question_are_not_searched_but_the_same_words_elsewhere_are(engine):
    from lexmig.search.rank import _leaf_terms

    def searched(query):
        return {text for field, text, _ in _leaf_terms(engine.search(query, limit=1).plan.base) if field == "text"}

    def asked(query):
        return {m.subject.name for m in engine.search(query, limit=1).plan.subjects}

    # legality: "lawful" is the stem "law", which every "national laws and regulations" holds
    assert searched("A cashier was dismissed when she was pregnant. Is that lawful?") == \
        {"cashier", "dismiss", "she", "pregnant"}
    assert searched("Is it against the law for an employer to keep my passport?") == {"employer", "keep", "passport"}
    assert "law" in searched("lawful residence of migrant workers")
    # duty of a State: the State stays, the frame goes
    assert searched("Are countries supposed to stop misleading adverts?") == {"countri", "stop", "mislead", "advert"}
    # what the law says: "laws" is no subject of the question
    assert searched("What laws protect domestic workers?") == {"domest", "worker"}
    assert "domestic work" in asked("What laws protect domestic workers?")
    # a query that is nothing but a frame is searched as typed
    assert searched("is it legal") == {"legal"}
