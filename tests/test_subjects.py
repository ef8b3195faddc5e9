"""The subject index: the data file, the assignment rules, browse and filter, ranking evidence."""

import json
import shutil

import pytest
from click.testing import CliRunner

from lexmig.indexer.subjects import (
    Assignment,
    SubjectError,
    assign,
    find_subject,
    load_subjects,
    parse_subjects,
    subject_counts,
    subjects_in_query,
)
from lexmig.search.cli import cli
from tests.conftest import corpus_path, first_ids, run


@pytest.fixture(scope="module")
def engine(library):
    from lexmig.search.rank import Engine

    return Engine(library)


def filed(library, doc_id: str) -> dict[str, list[Assignment]]:
    """passage_id -> subjects of the English passages of an installed document."""
    _, passages = library.passages(doc_id)
    passages = [p for p in passages if p.lang == "en"]
    return dict(zip((p.passage_id for p in passages), assign(passages)))


def names(assignments) -> set[str]:
    return {a.subject for a in assignments}


# -- the data file ---------------------------------------------------------------------------

def test_the_shipped_subjects_are_between_50_and_80_and_each_is_complete():
    subjects = load_subjects()
    assert 50 <= len(subjects) <= 80
    assert len({s.token for s in subjects}) == len(subjects)
    for subject in subjects:
        assert subject.scope and "\n" not in subject.scope
        assert subject.legal and subject.everyday
    issue_list = ["equality of treatment", "remuneration", "recruitment", "recruitment fees and costs",
                  "public employment services", "information and misleading propaganda", "medical examination",
                  "travel and identity documents", "entry and admission", "work permits and change of employer",
                  "loss of employment and unemployment", "expulsion", "return and reintegration",
                  "family reunification", "social security", "portability of social security",
                  "transfer of earnings and savings", "housing and standard of living",
                  "trade unions and freedom of association", "vocational training and guidance",
                  "trafficking in persons", "definition of trafficking", "protection of victims of trafficking",
                  "prevention of trafficking", "smuggling of migrants", "criminal liability of smuggled migrants",
                  "protection of smuggled migrants", "domestic work", "private employment agencies",
                  "irregular migration", "skilled emigration and brain drain",
                  "trade in services and movement of natural persons", "forced labour",
                  "child labour and minimum age", "non-discrimination", "refugees' right to work"]
    assert [n for n in issue_list if n not in {s.name for s in subjects}] == []


@pytest.mark.parametrize("text, message", [
    ('[[subject]]\nscope = "x"\nlegal = ["wages"]\neveryday = ["pay"]\n',
     "subjects.toml: subject 1, field 'name': missing or empty"),
    ('[[subject]]\nname = "pay"\nlegal = ["wages"]\neveryday = ["pay"]\n',
     "subjects.toml: subject 'pay', field 'scope': needs one line saying what belongs here"),
    ('[[subject]]\nname = "pay"\nscope = "Wages."\nlegal = []\neveryday = ["pay"]\n',
     "subjects.toml: subject 'pay', field 'legal': needs a list of one or more expressions "
     "(words, not only stop words)"),
    ('[[subject]]\nname = "pay"\nscope = "Wages."\nlegal = ["wages"]\neveryday = ["the"]\n',
     "subjects.toml: subject 'pay', field 'everyday': needs a list of one or more expressions "
     "(words, not only stop words)"),
    ('[[subject]]\nname = "pay"\nscope = "Wages."\nlegal = ["wages"]\neveryday = ["pay"]\ntitles = "Wages"\n',
     "subjects.toml: subject 'pay', field 'titles': must be a list of expressions"),
    ('[[subject]]\nname = "pay"\nscope = "Wages."\nlegal = ["wages"]\neveryday = ["pay"]\nweight = 2\n',
     "subjects.toml: subject 'pay', field 'weight': unknown field (fields: name, scope, legal, everyday, titles)"),
    ('[[subject]]\nname = "Pay"\nscope = "W."\nlegal = ["wages"]\neveryday = ["pay"]\n'
     '[[subject]]\nname = "pay"\nscope = "W."\nlegal = ["wages"]\neveryday = ["pay"]\n',
     "subjects.toml: subject 'pay', field 'name': the same name as subject 'Pay'"),
    ('', "subjects.toml: no [[subject]] entries"),
])
def test_an_invalid_subject_file_is_named_in_one_line(text, message):
    with pytest.raises(SubjectError) as error:
        parse_subjects(text)
    assert str(error.value) == message


def test_a_subject_file_that_is_not_toml_is_named_in_one_line():
    with pytest.raises(SubjectError) as error:
        parse_subjects('[[subject]\n')
    assert str(error.value).startswith("subjects.toml: not valid TOML (")
    assert str(error.value).endswith("(at line 1, column 10)); fix the file.")


# -- assignment rules, on the reference corpus -------------------------------------------------

def test_a_paragraph_inherits_its_articles_title(library):
    ets = filed(library, "ets093")
    assert ets["ets093/art-12"][0] == Assignment("family reunification", "title", "Family reunion")
    assert ets["ets093/art-12/1"][0] == Assignment("family reunification", "article", "Family reunion")
    assert ets["ets093/art-17/1"][0] == Assignment("transfer of earnings and savings", "article", "Transfer of savings")


def test_a_unit_inherits_the_heading_it_stands_under(library):
    smuggling = filed(library, "smuggling-protocol")
    assert Assignment("smuggling by sea", "heading", "Smuggling of migrants by sea") in \
        smuggling["smuggling-protocol/art-7"]
    refugees = filed(library, "refugee-convention-1951")
    assert Assignment("refugees' right to work", "title", "Wage-earning Employment") in \
        refugees["refugee-convention-1951/art-17"]
    trafficking = filed(library, "trafficking-protocol")
    assert Assignment("protection of victims of trafficking", "title",
                      "Assistance to and protection of victims of trafficking in persons") in \
        trafficking["trafficking-protocol/art-6"]


def test_a_text_expression_counts_twice_in_an_instrument_whose_articles_have_no_titles(library):
    from lexmig.indexer.subjects import index_terms

    # C118 (an ILO Convention: no article titles) Art. 5, benefits paid on residence abroad
    c118 = {a.subject: a for a in filed(library, "c118")["c118/art-5"]}
    portability = c118["portability of social security"]
    assert (portability.rule, portability.untitled, portability.weight) == ("text", True, 2)
    # ETS 93 titles its articles: a text expression there counts once, a title three times
    ets = {a.subject: a for a in filed(library, "ets093")["ets093/art-18"]}
    assert [(a.rule, a.untitled, a.weight) for a in (ets["portability of social security"], ets["social security"])] \
        == [("text", False, 1), ("title", False, 3)]
    assert index_terms([portability, ets["social security"]]).split() == \
        ["portability_of_social_security"] * 2 + ["social_security"] * 3


def test_a_point_inherits_the_words_introducing_its_list_and_is_filed_by_its_text(library):
    c097 = filed(library, "c097")
    point = c097["c097/art-6/1/a/i"]
    assert Assignment("equality of treatment", "chapeau", "treatment no less favourable") in point
    assert Assignment("remuneration", "text", "remuneration") in point
    assert "remuneration" not in names(c097["c097/art-6/1/b"])
    assert "equality of treatment" in names(c097["c097/art-6/1/b"])
    assert "equality of treatment" not in names(c097["c097/art-6/2"])


def test_provisions_without_titles_are_filed_by_their_legal_vocabulary(library):
    assert "retention of identity documents" in names(filed(library, "c189")["c189/art-9/c"])
    assert "recruitment fees and costs" in names(filed(library, "c181")["c181/art-7/1"])
    assert "forced labour" in names(filed(library, "c029")["c029/art-2/1"])
    assert "child labour and minimum age" in names(filed(library, "c138")["c138/art-2/1"])


def test_a_footnote_is_not_filed_by_the_source_it_cites(library):
    note = filed(library, "ecosoc-2006-rt6")
    assert "transfer of earnings and savings" in names(note["ecosoc-2006-rt6/para-10"])
    assert note["ecosoc-2006-rt6/fn-6"] == []


# -- questions ----------------------------------------------------------------------------------

# question -> each subject it asks about, with the words that ask
QUESTIONS = {
    "can I bring my wife and kids": {"family reunification": "bring my wife"},
    "will my husband and children be able to join me": {"family reunification": "husband and children"},
    "the same pay as local workers": {"equality of treatment": "same as local workers", "remuneration": "same pay"},
    "My employer took my passport": {"travel and identity documents": "passport",
                                     "retention of identity documents": "took my passport"},
    "Can I be sent home if I lose my job?": {"loss of employment and unemployment": "lose my job",
                                             "expulsion": "sent home"},
    "Who pays the recruitment fees?": {"remuneration": "pay", "recruitment": "recruitment",
                                       "recruitment fees and costs": "recruitment fee"},
}


@pytest.mark.parametrize("question", QUESTIONS)
def test_everyday_words_ask_about_a_subject(question):
    assert {m.subject.name: m.expression for m in subjects_in_query(question)} == QUESTIONS[question]


def test_filler_words_are_not_searched(engine):
    plan = engine.search("What happens if I lose my job, is it allowed?", limit=1).plan
    from lexmig.search.query import _positive_terms

    assert _positive_terms(plan.base) == {"lose", "job"}
    assert [m.subject.name for m in plan.subjects] == ["loss of employment and unemployment"]


def test_a_question_in_everyday_words_finds_the_provision_that_answers(engine):
    hits = engine.search("can I bring my wife and kids", limit=3).hits
    assert hits[0].passage.passage_id == "ets093/art-12"
    assert {"name": "family reunification", "rule": "title", "evidence": "Family reunion"} in hits[0].subjects
    # As lexmig eval asks (30 hits, so that 10 articles are scored); the first 10 are kept.
    pay = [h.passage.passage_id for h in engine.search("the same pay as local workers", limit=30).hits][:10]
    assert any(pid == "c097/art-6/1/a" or pid.startswith("c097/art-6/1/a/") for pid in pay)


def test_a_short_passage_repeating_migrant_worker_does_not_outrank_the_answer(engine):
    hits = engine.search("deportation of sick migrant workers", limit=3).hits
    assert hits[0].passage.passage_id == "c097/art-8/1"
    assert engine.search("What happens if a migrant worker loses their job?", limit=1).hits[0].passage.passage_id \
        == "ets093/art-25"


# -- the command line ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def home(tmp_path_factory, corpus):
    home = tmp_path_factory.mktemp("subjectshome")
    assert run(home, "fetch", "--mirror", str(corpus)).exit_code == 0
    return home


def test_subjects_lists_every_subject_with_its_provisions(home):
    result = run(home, "subjects")
    lines = result.stdout.splitlines()
    assert result.exit_code == 0
    assert lines[0] == "  32 in 10  equality of treatment"
    assert "   5 in  3  family reunification" in lines
    assert lines[-1] == ("80 subjects; provisions (articles) filed under each, in how many instruments. "
                         "lexmig subjects NAME lists them.")
    data = json.loads(run(home, "subjects", "--json").stdout)
    assert len(data) == 80
    assert data[0] == {"name": "equality of treatment", "scope": load_subjects()[0].scope, "provisions": 32,
                       "instruments": 10}


def test_subject_counts_decode_no_passage_record(engine, monkeypatch):
    import lexmig.indexer.index as windex
    from lexmig.indexer.passage import article_key
    from lexmig.indexer.subjects import browse

    def decoded(data):
        raise AssertionError("a passage record was decoded to count")

    expected = {}
    for subject in load_subjects():  # the provisions the browse view lists, counted
        units = browse(engine.searcher, subject, engine.installed)
        expected[subject.name] = (len({article_key(f.passage.passage_id) for f in units}),
                                  len({f.passage.doc_id for f in units}))
    monkeypatch.setattr(windex, "passage_from_record", decoded)
    counts = subject_counts(engine.searcher, engine.installed)
    assert counts == expected
    assert counts["family reunification"] == (5, 3)


def test_subjects_name_browses_one_subject_across_instruments(home):
    result = run(home, "subjects", "family", "reunification")
    lines = result.stdout.splitlines()
    assert lines[0] == f"family reunification: {find_subject('family reunification').scope}"
    assert lines[1] == "5 provisions (5 articles) in 3 instruments."
    assert "  ETS 93, Art. 12 — Family reunion  (its title 'Family reunion')" in lines
    assert "  ESC 1961, Art. 19(6)  (its text has 'reunion of the families')" in lines
    data = json.loads(run(home, "subjects", "remuneration", "--json").stdout)
    assert set(data) == {"name", "scope", "legal", "everyday", "provisions"}
    point = next(p for p in data["provisions"] if p["passage_id"] == "c097/art-6/1/a/i")
    assert point["short_citation"] == "C097, Art. 6(1)(a)(i)"
    assert point["filed"] == {"name": "remuneration", "rule": "text", "evidence": "remuneration"}


def test_an_unknown_subject_names_the_nearest_and_exits_2(home):
    typed = "recruitment cost fees paid"  # "paid" is in no subject's name
    for args in (("subjects", typed), ("search", "agency", "--subject", typed)):
        result = run(home, *args)
        assert result.exit_code == 2
        assert result.stderr == (f"Error: no subject '{typed}'; the nearest is 'recruitment fees and costs' "
                                 "(lexmig subjects lists them all).\n")
    assert run(home, "subjects", "pay").stderr.startswith("Error: no subject 'pay'; the nearest is 'remuneration'")


def test_a_subject_is_named_by_words_of_its_name_that_only_it_holds(home):
    # before: "no subject 'brain drain'; the nearest is 'skilled emigration and brain drain'"
    assert run(home, "subjects", "brain drain").stdout == run(home, "subjects", "skilled emigration and brain drain").stdout
    assert run(home, "search", "fee", "--subject", "recruitment fee").stdout == \
        run(home, "search", "fee", "--subject", "recruitment fees and costs").stdout
    several = run(home, "subjects", "family")
    assert (several.exit_code, several.stderr) == (2, "Error: 'family' is in the names of 2 subjects: 'family "
                                                      "reunification', 'protection of the family'; give one of them.\n")


def test_search_subject_filters_and_json_and_explain_show_subjects(home):
    data = json.loads(run(home, "search", "who pays", "--subject", "Recruitment fees and costs", "--json").stdout)
    assert data["hits"]
    for hit in data["hits"]:
        assert "recruitment fees and costs" in [s["name"] for s in hit["subjects"]]
    explained = run(home, "search", "can I bring my wife and kids", "--explain", "--limit", "1").stdout
    assert "  subject: 'bring my wife' asks about 'family reunification'" in explained.splitlines()
    assert ("subject 'family reunification': the query says 'bring my wife', its title 'Family reunion'"
            in explained)
    assert "    subjects: family reunification (its title 'Family reunion'); " in explained


def test_a_document_a_librarian_adds_is_filed_under_subjects(tmp_path):
    home = tmp_path / "home"
    rendering = corpus_path("c097", "renderings", "c097-en-webpage.html")
    added = run(home, "add", str(rendering), "--id", "c097-web", "--title", "C97 (web page)", "--type", "convention")
    assert added.exit_code == 0, added.output
    data = json.loads(run(home, "subjects", "remuneration", "--json").stdout)
    assert "c097-web/art-6/1/a/i" in [p["passage_id"] for p in data["provisions"]]
    own = tmp_path / "agreement.md"
    own.write_text("# Model Agreement\n\n## Article 1 — Family reunion\n\n1. A worker who has held a permit for "
                   "one year may be joined by the spouse and minor children.\n\n2. The authorities shall decide "
                   "within three months.\n\n## Article 2\n\nEach Party shall ensure that a worker's passport is "
                   "not taken away.\n", encoding="utf-8")
    added = run(home, "add", str(own), "--id", "model", "--title", "Model Agreement", "--type", "agreement")
    assert added.exit_code == 0
    browse = run(home, "subjects", "family reunification").stdout.splitlines()
    assert "  Model Agreement, Art. 1 — Family reunion  (its title 'Family reunion')" in browse
    hits = json.loads(run(home, "search", "bring my wife", "--doc", "model", "--json").stdout)["hits"]
    assert hits[0]["passage_id"].startswith("model/art-1")
    assert hits[0]["subjects"][0] == {"name": "family reunification", "rule": hits[0]["subjects"][0]["rule"],
                                      "evidence": "Family reunion"}
    shutil.rmtree(home)


def test_subjects_help_has_an_example():
    result = CliRunner().invoke(cli, ["subjects", "--help"])
    assert "Example:\n    lexmig subjects\n    lexmig subjects family reunification\n" in result.output


# -- what an expression marks: stems, compounds, any-order words (issue 10: fix the kind) -----

def test_a_word_that_shares_its_stem_with_a_common_word_files_nothing(library):
    # 'placing' is the stem 'place' ('in place of'), 'accession' is 'access' ('access to the
    # courts'), 'discharge' is 'discharge of functions' in every provision that has it.
    iccpr, ets, iom = filed(library, "iccpr"), filed(library, "ets093"), filed(library, "iom-constitution")
    assert "recruitment" not in names(iccpr["iccpr/art-21"])
    assert "final clauses" not in names(ets["ets093/art-26"])
    assert "access to courts and remedies" in names(ets["ets093/art-26"])
    assert "loss of employment and unemployment" not in names(iom["iom-constitution/art-13"])


def test_a_hyphenated_compound_is_one_word_when_provisions_are_filed(library):
    refugee, ets = filed(library, "refugee-convention-1951"), filed(library, "ets093")
    # 'Wage-earning Employment' is about the right to work, not about wages.
    assert "remuneration" not in names(refugee["refugee-convention-1951/art-17"])
    assert "refugees' right to work" in names(refugee["refugee-convention-1951/art-17"])
    # 'non-' words keep what they negate; 're-employment' still matches 're-employment'.
    assert [a.rule for a in refugee["refugee-convention-1951/art-33"] if a.subject == "non-refoulement"] == ["title"]
    assert [a.evidence for a in ets["ets093/art-25"] if a.subject == "loss of employment and unemployment"] == \
        ["Re-employment"]


def test_a_title_with_contracting_parties_is_not_about_the_employment_contract(library):
    esc = filed(library, "esc-1961")
    assert "employment contract" not in names(esc["esc-1961/art-18"])


def test_words_that_set_many_questions_do_not_ask_about_a_subject():
    asked = {m.subject.name for m in subjects_in_query("What should workers be told before they leave home to "
                                                       "work abroad?")}
    assert "domestic work" not in asked and "information and misleading propaganda" in asked
    asked = {m.subject.name for m in subjects_in_query("getting fired from a job abroad")}
    assert asked == {"loss of employment and unemployment"}
    assert "definitions and scope" in {m.subject.name for m in subjects_in_query("What counts as forced labour?")}


def test_movement_of_natural_persons_is_not_every_mention_of_service_suppliers(library):
    gats = filed(library, "gats")
    assert "trade in services and movement of natural persons" not in names(gats["gats/art-viii"])
    assert "trade in services and movement of natural persons" in names(gats["gats/art-i/2/d"])


# -- definitions: asked by the form of a question, filed by definitions (issue 10: fix the kind) --

@pytest.mark.parametrize("question, asked", [
    ("What is forced labour?", "What is"),
    ("Who is a refugee?", "Who is a"),
    ("What does non-refoulement mean?", "What does"),
    ("Define trafficking", "Define"),
    # a longer question of the same form asks about a rule, "the rights of" about what the law gives
    ("What is the minimum age for a child to start working?", None),
    ("What are the rights of migrant workers?", None),
    ("What is the minimum working age?", None),
    ("What is the role of the IOM?", None),
    # whether a case falls under a term, whatever the first words (quality13)
    ("Is army service counted as forced labour?", "counted as"),
    ("Does a rule on civil service posts count as racial discrimination?", "count as"),
    ("Is military service considered forced labour?", "considered"),
    ("Is a worker regarded as a migrant after ten years?", "regarded as"),
    # "considered" of a request, "count" of a sum, ask about no term
    ("Will my application be considered by the committee?", None),
    ("Does my time abroad count towards my pension?", None),
])
def test_a_question_that_asks_what_a_term_means_asks_about_definitions(question, asked):
    from lexmig.indexer.subjects import definition_asked

    assert definition_asked(question) == asked
    assert ("definitions and scope" in {m.subject.name for m in subjects_in_query(question)}) == bool(asked)


def test_a_statement_of_purpose_is_not_filed_as_a_definition(library):
    smuggling = filed(library, "smuggling-protocol")
    assert "definitions and scope" not in names(smuggling["smuggling-protocol/art-2"])
    assert [a.rule for a in smuggling["smuggling-protocol/art-3"] if a.subject == "definitions and scope"] == ["title"]


def test_a_definition_question_finds_the_definition_first(engine):
    assert engine.search("What is forced labour?", limit=1).hits[0].passage.passage_id in ("c029/art-2", "c029/art-2/1")
    assert engine.search("What counts as migrant smuggling?", limit=1).hits[0].passage.passage_id == \
        "smuggling-protocol/art-3/a"


# -- vocabulary gaps found on the unseen set: real vocabulary of the field, not its questions ----

@pytest.mark.parametrize("question, subject, words", [
    ("misleading advertising aimed at emigrants", "information and misleading propaganda", "misleading advertising"),
    ("must the home country readmit its nationals", "return and reintegration", "readmit"),
    ("the victim consented to the work", "definition of trafficking", "victim consented"),
    ("may foreign workers send part of their earnings to their families", "transfer of earnings and savings",
     "send earnings"),
])
def test_everyday_vocabulary_of_the_field_asks_about_its_subject(question, subject, words):
    assert {m.subject.name: m.expression for m in subjects_in_query(question)}[subject] == words


def test_leave_to_remain_in_the_territory_is_filed_under_residence(library):
    trafficking = filed(library, "trafficking-protocol")
    assert [a.evidence for a in trafficking["trafficking-protocol/art-7/1"] if a.subject == "residence permits"] == \
        ["remain in its territory"]


# -- the everyday vocabulary of each subject, broad and precise (issue 10, eighth round) -----

@pytest.mark.parametrize("question, subject, words", [
    ("She was told not to come back after she said she was expecting a baby", "maternity protection",
     "expecting a baby"),
    ("She was told not to come back after she said she was expecting a baby", "loss of employment and unemployment",
     "told not to come back"),
    ("I was let go without notice", "loss of employment and unemployment", "let go"),
    ("my employer docked my pay for breakages", "remuneration", "docked my pay"),
    ("a nanny for two small children", "domestic work", "nanny"),
    ("paid a coyote to take us north", "smuggling of migrants", "coyote"),
])
def test_everyday_expressions_written_from_the_subjects_ask_about_them(question, subject, words):
    assert {m.subject.name: m.expression for m in subjects_in_query(question)}[subject] == words


@pytest.mark.parametrize("question, subject", [
    # "told" alone said nothing of information given to migrants
    ("She was told not to come back after she said she was expecting a baby", "information and misleading propaganda"),
    # phrases that are one common stem once stop words are gone were dropped
    ("Is it trafficking if the employer keeps the wages?", "definition of trafficking"),
    ("Can a worker leave the country when the contract ends?", "forced labour"),
])
def test_a_common_word_alone_does_not_ask_about_a_subject(question, subject):
    assert subject not in {m.subject.name for m in subjects_in_query(question)}


def test_a_group_heading_files_the_sections_under_it(tmp_path):
    # A Canadian act's group heading ("Recruitment" above the notes "Prohibition" and
    # "Contracts") names what its sections are about, as a chapter's title does (before: only
    # s. 3(1), whose text has "recruitment", was filed; s. 4 on contracts was not).
    from tests.test_segment_layouts import CANADIAN_ACT

    act = tmp_path / "act.txt"
    act.write_text(CANADIAN_ACT, encoding="utf-8")
    home = tmp_path / "home"
    assert run(home, "add", str(act), "--id", "saw").exit_code == 0
    filed = {p["passage_id"]: p["filed"] for p in json.loads(run(home, "subjects", "recruitment", "--json").stdout)
             ["provisions"] if p["doc_id"] == "saw"}
    assert filed == {"saw/part-1/heading-3": {"name": "recruitment", "rule": "title", "evidence": "Recruitment"},
                     "saw/s-3": {"name": "recruitment", "rule": "heading", "evidence": "Recruitment"},
                     "saw/s-4": {"name": "recruitment", "rule": "heading", "evidence": "Recruitment"}}


def test_a_national_law_s_words_for_money_due_at_the_end_of_a_job_are_field_vocabulary(gulf_laws):
    # The Gulf laws pay an "end of service gratuity"; people ask for severance pay. Before the
    # subject 'loss of employment and unemployment' knew the gratuity and the thesaurus joined
    # the two, no gratuity came first (the UAE decree's Art. 20, when the contract ends).
    assert first_ids(gulf_laws, "is there severance pay when my contract ends") == [
        "qa-labour/labour-law/art-54", "qa-labour/labour-law/art-72", "qa-labour/labour-law/art-59"]
    assert first_ids(gulf_laws, "what severance pay does a domestic worker get when the contract ends") == [
        "uae-domestic-workers/art-22", "qa-labour/labour-law/art-54", "uae-domestic-workers/art-20"]
    # "severance payment" and "severance money" are the gratuity too (Porter makes "severance"
    # alone "sever", as "severe" is, so the thesaurus holds the phrases): before, Art. 15(2) on
    # the salary came first, and Art. 22 on the gratuity was not in the first three.
    assert first_ids(gulf_laws, "severance payment for a maid in the UAE", limit=1) == ["uae-domestic-workers/art-22"]


def test_fired_asks_for_the_articles_on_dismissal(gulf_laws):
    # "fired" finds a labour law's "dismiss the Worker without notice" (Qatar Art. 61), which
    # was not in the first three before the thesaurus joined fired, sacked and dismissal.
    assert first_ids(gulf_laws, "can my employer fire me without notice") == [
        "qa-labour/labour-law/art-39", "qa-labour/labour-law/art-61", "qa-labour/labour-law/art-49"]


# -- another instrument's words for a subject (issue 10, nineteenth round) ------------------------

def test_cedaw_s_traffic_in_women_is_filed_under_trafficking(library):
    # CEDAW Art. 6 ("traffic in women and exploitation of prostitution of women") was filed
    # under women only, so the Trafficking Protocol came first for the women's convention.
    assert Assignment("trafficking in persons", "text", "traffic in women") in filed(library, "cedaw")["cedaw/art-6"]


@pytest.mark.parametrize("question, asked, not_asked", [
    # a criminal charge is no fee: 'charged' alone asked about recruitment fees
    ("Can the prosecutor charge the passengers too, or only the gang?", "criminal liability of smuggled migrants",
     "recruitment fees and costs"),
    ("Was I charged a fee the agency may not take?", "recruitment fees and costs", None),
])
def test_a_charge_asks_about_fees_only_as_a_fee(question, asked, not_asked):
    names_asked = {m.subject.name for m in subjects_in_query(question)}
    assert asked in names_asked and not_asked not in names_asked


# -- the everyday words for a whole subject (issue 10, vocabulary of everyday questions) ----------

@pytest.mark.parametrize("question, subject, words", [
    # a degree or diploma earned abroad is accepted: the recognition of qualifications
    ("accepting engineering degrees earned in other countries", "vocational training and guidance", "degree"),
    # a country losing its trained people: the emigration of skilled workers
    ("hospitals losing staff to richer countries", "skilled emigration and brain drain", "losing staff"),
    # GATS Art. I's modes of supply, in words
    ("the four ways services cross borders", "trade in services: commitments and treatment", "services cross borders"),
    # the migrant who paid to be smuggled asks whether he can be prosecuted
    ("I paid a man to get me across the border. Can I be prosecuted for that?",
     "criminal liability of smuggled migrants", "paid prosecuted"),
    # the public employment service by what people call its offices
    ("Should the staff of the public job offices be political appointees who change every time the government "
     "changes?", "public employment services", "job office"),
])
def test_everyday_words_for_a_whole_subject_ask_about_it(question, subject, words):
    assert {m.subject.name: m.expression for m in subjects_in_query(question)}[subject] == words


# -- the twentieth round: subjects that questions by different writers asked in other words -------

@pytest.mark.parametrize("question, subject, words", [
    # a people or an origin named, not "race": fresh17's "African origin", fresh18's Roma
    ("A Roma man was told at the factory gate that they do not hire his kind. Can he go to court and get "
     "compensation?", "racial discrimination and xenophobia", "roma"),
    ("Landlords in our town refuse to rent flats to people of African origin.", "racial discrimination and xenophobia",
     "african origin"),
    # a march or a rally is an assembly
    ("Can the police ban a peaceful march by migrant workers demanding their unpaid wages?",
     "freedom of thought, religion and expression", "march"),
])
def test_a_people_an_origin_or_a_march_asks_about_its_subject(question, subject, words):
    assert {m.subject.name: m.expression for m in subjects_in_query(question)}[subject] == words


def test_a_people_an_origin_or_the_security_of_the_state_in_other_words_finds_its_provision(engine):
    from lexmig.indexer.passage import article_key

    def first(question):
        return article_key(engine.search(question, limit=30).hits[0].passage.passage_id)

    # before, the answer was second (MRR 0.50) in three, eighth in the first (C29 Art. 2(2)(c), a
    # court's sentence, first); CEDAW Art. 11 (dismissal) before C111 Art. 4 in the third
    # (fresh18, fresh8, fresh18, fresh17: sets by three writers)
    assert first("A Roma man was told at the factory gate that they do not hire his kind. Can he go to court and "
                 "get compensation?") == "cerd/art-6"
    assert first("A hotel chain hires only people of one ethnic group for its front desks. Must the state step in "
                 "to stop that?") == "cerd/art-5"
    assert first("A worker was dismissed because the intelligence service suspects him of activities against the "
                 "state. Is that discrimination, and can he appeal?") == "c111/art-4"
    assert first("A civil servant is suspected of spying for a foreign power and is refused a promotion. Does that "
                 "count as discrimination?") == "c111/art-4"


def test_the_recognition_of_diplomas_and_degrees_is_filed_under_vocational_training(library):
    # Before, only ETS 93 Art. 14 (by its title) was: GATS Art. VII, the Refugee Convention's
    # liberal professions were filed under neither training nor recognition.
    gats, refugee = filed(library, "gats"), filed(library, "refugee-convention-1951")

    def evidence(units, pid):
        return [a.evidence for a in units[pid] if a.subject == "vocational training and guidance"]

    assert evidence(gats, "gats/art-vii/1") == ["education or experience obtained"]
    assert evidence(gats, "gats/art-vii/3") == ["accord recognition"]
    assert evidence(refugee, "refugee-convention-1951/art-19/1") == ["diplomas recognized"]


def test_everyday_words_for_a_whole_subject_find_its_provisions(engine):
    from lexmig.indexer.passage import article_key

    def first(question):
        return article_key(engine.search(question, limit=30).hits[0].passage.passage_id)

    # before: GATS Art. IV (developing countries), Art. VII second; C29 Art. 17 (health of
    # forced labourers) with the answer ninth; C29 Art. 1 (the duty to suppress) before the
    # exceptions; the Smuggling Protocol's Art. 6 (the smuggler's crime) before Art. 5
    assert first("Must a country accept a foreign professional's diploma or licence?") == "gats/art-vii"
    assert first("hospitals back home losing their trained staff to rich countries") == "ecosoc-2006-rt6/para-11"
    # both state the military-service exception (C29 Art. 2(2)(a), ICCPR Art. 8(3)(c)(ii))
    assert first("army service as an exception to the ban on forced labour") in ("c029/art-2", "iccpr/art-8")
    assert first("If someone took money to get people across the border, should the people who paid him also be "
                 "prosecuted?") == "smuggling-protocol/art-5"


@pytest.mark.parametrize("question, subject", [
    # 'remains' is 'remain': a victim allowed to remain is no death
    ("Will a woman rescued from traffickers get a permit to remain, for a while or for good?",
     "death of a migrant worker"),
    # 'rescue' was people rescued from traffickers or a brothel, not smuggled migrants at sea
    ("A woman rescued from a brothel fears returning home; can the authorities give her a permit to remain?",
     "protection of smuggled migrants"),
    # 'get paid' was a migrant who paid a smuggler to get across; 'paid holidays' are holidays
    ("Is a migrant who paid a smuggler to get across committing a crime under the smuggling protocol?", "remuneration"),
    ("How many days of paid holiday a year does the European Social Charter promise workers?", "remuneration"),
    # 'killed' at work is an accident, 'broke his leg' no poverty, a 'consultant' no consulted union
    ("A foreign factory worker was killed in an accident. Is his widow entitled to the same compensation?",
     "torture and inhuman treatment"),
    ("My cousin from Portugal broke his leg on a building site in France", "social and medical assistance"),
    ("Does mode 4 give a foreign IT consultant the right to settle permanently?",
     "trade unions and freedom of association"),
    # a complaint to a UN committee is no labour inspection; a 'post' is a job, not a posted worker
    ("How can an individual complain to the UN committee about racial discrimination?",
     "labour inspection and enforcement"),
    ("My manager told me I would lose my post if I went on maternity leave",
     "trade in services and movement of natural persons"),
    # 'parents' language' is the mother tongue, 'girls' who consented a question of trafficking
    ("Do migrant children get lessons in their parents' language at school?", "protection of the family"),
    ("Is it still trafficking if the girl agreed to go with them at the start?", "women and gender equality"),
    # 'back home' is where savings are sent, not a return
    ("Can migrant workers send all their savings back home?", "return and reintegration"),
])
def test_an_expression_that_was_rarely_right_no_longer_asks(question, subject):
    assert subject not in {m.subject.name for m in subjects_in_query(question)}


def test_no_papers_is_irregular_status_and_the_papers_a_migrant_obtains_are_documents(library):
    # 'papers' alone asked about travel and identity documents in 32 seen questions, 15 of them
    # people "without papers" (irregular status), and drew the Smuggling Protocol's Art. 6
    # (fraudulent documents) before ICESCR Art. 12 for undocumented migrants' health care.
    asked = {m.subject.name for m in subjects_in_query("Do migrants without papers still have the right to see a doctor?")}
    assert "irregular migration" in asked and "travel and identity documents" not in asked
    assert "travel and identity documents" in {m.subject.name for m in subjects_in_query("travel papers for refugees")}
    ets = filed(library, "ets093")
    assert [a.evidence for a in ets["ets093/art-4/3"] if a.subject == "travel and identity documents"] == \
        ["papers required"]
