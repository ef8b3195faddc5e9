"""Search on the index built from ../shared/corpus: ranking, citations, typos, expansion."""

import re
from types import SimpleNamespace

import pytest

from lexmig.indexer.errors import NotInstalled, UnknownCitation, UnknownDocument
from lexmig.indexer.thesaurus import stems
from lexmig.search.query import Highlight, lenient
from lexmig.search.rank import Engine, Filters
from lexmig.search.render import highlight_spans, snippet
from tests.conftest import first_ids


@pytest.fixture(scope="module")
def engine(library):
    return Engine(library)


def ids(result):
    return [h.passage.passage_id for h in result.hits]


@pytest.mark.parametrize("query, first", [
    ("family reunion", "ets093/art-12"),
    ("brain drain", "ecosoc-2006-rt6/para-11"),
    ("minimum age for domestic workers", "c189/art-4"),
    ("customs duties on tools", "c097/annex-3/art-2/2"),
    ("penalties for promoting clandestine immigration", "c097/annex-1/art-8"),
])
def test_the_right_unit_comes_first(engine, query, first):
    assert ids(engine.search(query, limit=3))[0] == first


def test_a_hit_is_the_smallest_unit_holding_every_matched_word(engine):
    result = engine.search('"transfer of such part of the earnings"', Filters(doc="C97"), limit=1)
    assert ids(result) == ["c097/art-9"]
    result = engine.search("shall not be returned illness contracted", limit=1)
    hit = result.hits[0]
    assert hit.passage.passage_id == "c097/art-8/1"
    assert hit.parent.passage_id == "c097/art-8"


def test_several_paragraphs_of_one_article_show_as_the_article(engine):
    result = engine.search("family reunion", limit=5)
    assert ids(result).count("ets093/art-12") == 1
    assert not any(pid.startswith("ets093/art-12/") for pid in ids(result))


@pytest.mark.parametrize("query, cited", [
    ("C97 article 6", "c097/art-6"),
    ("Convention No. 97, Annex II, Article 4", "c097/annex-2/art-4"),
    ("GATS Article XIX", "gats/art-xix"),
    ("C181 Art. 7", "c181/art-7"),
    ("ets093 art 12(1)", "ets093/art-12/1"),
    ("note para 11", "ecosoc-2006-rt6/para-11"),
    ("footnote 7 of the note", "ecosoc-2006-rt6/fn-7"),
])
def test_a_typed_citation_puts_its_unit_first(engine, query, cited):
    result = engine.search(query, limit=5)
    assert result.hits[0].passage.passage_id == cited
    assert result.hits[0].match == "citation"
    assert len(result.hits) == 5
    assert all(h.match == "search" for h in result.hits[1:])


def test_a_citation_with_words_searches_the_words_after_the_unit(engine):
    result = engine.search("C97 art 9 family", limit=4)
    assert ids(result)[0] == "c097/art-9"
    assert result.plan.text == "family"


@pytest.mark.parametrize("typed, corrections, top", [
    ("remitances", [("remitances", "remittances")], "ecosoc-2006-rt6/para-10"),
    ("xenophobya", [("xenophobya", "xenophobia")], "ecosoc-2006-rt6/para-17"),
    # a word spelled right ("workers") is not listed
    ("migrent domestik workers", [("migrent", "migrant"), ("domestik", "domestic")], "c189/art-8"),
])
def test_misspelled_words_are_corrected_and_said(engine, typed, corrections, top):
    result = engine.search(typed, limit=3)
    corrected = typed
    for wrong, right in corrections:
        corrected = corrected.replace(wrong, right)
    assert (result.plan.corrected, result.plan.corrections) == (corrected, corrections)
    assert ids(result)[0] == top
    word = corrected.split()[0]
    assert word in result.hits[0].passage.text.lower()


def test_real_words_the_corpus_lacks_are_not_corrected(engine):
    result = engine.search("Can a worker be sent back", limit=3)
    assert result.plan.corrections == []
    assert result.plan.corrected is None


def test_thesaurus_expansion_finds_the_law_s_words_and_can_be_turned_off(engine):
    result = engine.search("remittances", limit=10)
    groups = [e.group for e in result.plan.expansions]
    assert groups == ["remittances"]
    assert "c097/art-9" in ids(result)
    plain = engine.search("remittances", limit=10, expand=False)
    assert plain.plan.expansions == []
    assert "c097/art-9" not in ids(plain)


def test_smuggling_and_trafficking_are_kept_apart(engine):
    result = engine.search("migrant smuggling", limit=10)
    assert {e.group for e in result.plan.expansions} == {"smuggling of migrants"}
    assert not any(pid.startswith("trafficking-protocol") for pid in ids(result)[:3])


def test_filters_by_document_type_body_year_and_language(engine):
    assert {h.passage.doc_id for h in engine.search("recruitment", Filters(doc="C97")).hits} == {"c097"}
    assert {h.passage.doc_id for h in engine.search("recruitment", Filters(doc_type="protocol")).hits} == {
        "trafficking-protocol", "p029"}
    assert {h.passage.doc_id for h in engine.search("services", Filters(body="WTO")).hits} == {"gats", "gats-mnp"}
    years = {h.passage.doc_id for h in engine.search("migrants", Filters(years=(1940, 1965)), limit=30).hits}
    assert years == {"c097", "iom-constitution", "esc-1961"}
    dutch = engine.search("gezinshereniging", Filters(lang="nl"), limit=3)
    assert dutch.hits and all(h.passage.lang == "nl" for h in dutch.hits)


def test_an_unknown_document_filter_suggests_the_nearest(engine):
    message = ("No document 'C9' in the catalogue. Did you mean: c097, c019, c029? "
               "Try --doc with an id or alias from lexmig catalogue")
    with pytest.raises(UnknownDocument, match=f"^{re.escape(message)}$"):
        engine.search("recruitment", Filters(doc="C9"))


@pytest.mark.parametrize("query, first", [
    ('"family reunion', "ets093/art-12"),  # the unclosed phrase is read as the phrase
    ("remittances OR", "ecosoc-2006-rt6/para-10"),
    ("AND", None), ("-", None), ("((", None), ("NOT NOT", None), ('""', None),  # nothing to search
])
def test_malformed_queries_are_read_leniently(engine, query, first):
    found = ids(engine.search(query, limit=3))
    assert (found[0] if found else None) == first


def test_minus_excludes_a_word(engine):
    result = engine.search("smuggling -sea", limit=10)
    assert result.hits
    assert not any("sea" in h.passage.text.lower().split() for h in result.hits)


def test_lenient_repairs():
    assert lenient('"family reunion') == "family reunion"
    assert lenient("remittances AND") == "remittances"
    assert lenient("“family reunion”") == '"family reunion"'
    assert lenient("the same pay as nationals?") == "the same pay as nationals"


def test_highlights_mark_words_as_written_and_phrases_whole():
    text = "the transfer of such part of the earnings and savings of the migrant"
    marked = snippet(text, Highlight(frozenset(stems("earnings savings migrants"))))
    assert marked == "the transfer of such part of the **earnings and savings** of the **migrant**"
    assert highlight_spans("Remittances are private", Highlight(frozenset(stems("remittance")))) == [(0, 11)]
    phrase = Highlight(phrases=(tuple(stems("transfer of savings")),))
    assert snippet("no transfer here; the transfer of savings is free", phrase) == \
        "no transfer here; the **transfer of savings** is free"


def test_show_prints_one_unit_or_lists_the_nearest(engine):
    assert engine.show("C97 art. 6(1)(b)").passage_id == "c097/art-6/1/b"
    assert engine.show("C97 art 6(1)(a)(i)").passage_id == "c097/art-6/1/a/i"
    assert engine.show("GATS Article XIV bis").title == "Security Exceptions"
    with pytest.raises(UnknownCitation) as info:
        engine.show("C97 art. 99")
    assert str(info.value).startswith("C097 has no Article 99. Nearest: C097, Art. 9")
    with pytest.raises(NotInstalled) as info:
        engine.show("C143 art 1")
    assert str(info.value) == ("'c143' is catalogued but its text is not installed; get it with "
                               "lexmig fetch c143 (or lexmig add FILE --id c143).")


def _stream(tty: bool) -> SimpleNamespace:
    """A stream whose isatty() says `tty`."""
    return SimpleNamespace(isatty=lambda: tty)


def test_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch):
    from lexmig.search.render import colourise, use_colour

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert use_colour(_stream(True)) is True
    assert use_colour(_stream(False)) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_colour(_stream(True)) is False
    assert colourise("the **brain drain** - which") == "the \x1b[1;33mbrain drain\x1b[0m - which"


def test_points_and_paragraphs_of_one_article_merge_up_to_the_article(engine):
    result = engine.search("What is the definition of a migrant worker?", limit=3)
    assert ids(result)[0] == "ets093/art-1"
    assert not any(pid.startswith("ets093/art-1/") for pid in ids(result))


def test_a_search_reads_each_hit_s_subjects_from_the_record_it_has_already_read(engine, monkeypatch):
    hits = engine.search("family reunion", limit=5).hits
    expected = [(h.passage.passage_id, h.subjects) for h in hits]
    assert any(subjects for _, subjects in expected)
    looked_up: list[str] = []
    document = engine.searcher.document

    def counting(**terms):
        looked_up.append(terms.get("passage_id"))
        return document(**terms)

    monkeypatch.setattr(engine.searcher, "document", counting)
    again = engine.search("family reunion", limit=5).hits
    assert [(h.passage.passage_id, h.subjects) for h in again] == expected
    assert [h.subjects == engine.subjects_of(h.passage.passage_id) for h in again] == [True] * 5
    assert len(looked_up) == len(set(looked_up)), looked_up  # no stored record is read twice


@pytest.mark.parametrize("query, named", [
    ("what does the European Social Charter say about family reunion", ["esc-1961"]),
    ("Is a worker covered by the Charter when moving?", ["esc-1961"]),  # a capitalised word only its names hold
    ("What does the IOM do for returning migrants?", ["iom-constitution"]),
    ("Does GATS let service suppliers stay for good?", ["gats", "gats-mnp"]),  # the Annex's title names GATS
    ("Is the Protocol on forced labour in force?", []),  # three instruments' names hold "Protocol"
    # a capitalised word that two instruments' names hold (and no other) names both
    ("help for workers going to work in another European country", ["esc-1961", "ets093"]),
    ("Does the Covenant protect the family?", ["iccpr", "icescr"]),
    ("can I bring my wife and kids", []),
])
def test_a_question_that_names_an_instrument_prefers_it(engine, query, named):
    assert sorted(engine.named_in(query, None)) == named


@pytest.mark.parametrize("query, named, family", [
    ("the kind of unequal treatment the 1958 ILO convention covers", ("c111", (34, 53)), ["c111"]),
    # a longer description wins over the name it holds (the UN's "Migrant Workers Convention")
    ("Under the Council of Europe migrant workers convention, can my family join me?",
     ("ets093", (21, 54)), ["ets093"]),
    # the described instrument's family: the Protocol to the Forced Labour Convention
    ("Is that allowed under the ILO forced labour convention?", ("c029", (26, 54)), ["c029", "p029"]),
    ("Does the migrant workers convention cover seafarers?", ("icrmw", (9, 35)), []),  # not installed
    ("the 1966 covenant on work", None, []),  # two instruments, of no one family
])
def test_a_question_that_describes_an_instrument_names_it(engine, query, named, family):
    from lexmig.search.citations import find_document

    found, families, _ = engine.described_in(query, find_document(query, engine.catalogue))
    assert (found, sorted(families)) == (named, family)


ILO_INSTALLED = ["c019", "c021", "c029", "c088", "c097", "c111", "c118", "c138", "c181", "c189"]


@pytest.mark.parametrize("query, group", [
    ("Does the UN covenant let a poor country keep some jobs for citizens?", ["iccpr", "icescr"]),
    ("Can the passengers be charged under the UN protocol?", ["smuggling-protocol", "trafficking-protocol"]),
    ("Does any ILO convention forbid lower child allowances for foreigners?", ILO_INSTALLED),
    # "rules", "rule" and "treaty" head a description of an instrument of any kind (not a report)
    ("Is being passed over for my religion discrimination under ILO rules?", ILO_INSTALLED + ["p029"]),
    ("Does the Council of Europe treaty let laid-off workers stay?", ["esc-1961", "ets093"]),
    ("the 1966 covenant on work", ["iccpr", "icescr"]),
    # one instrument or one family is named, not grouped; one installed instrument of three fits no group
    ("Is that allowed under the ILO forced labour convention?", []),
    ("What are the WTO services rules on visas?", []),
    ("Does the migrant workers convention cover seafarers?", []),
    ("What are the rules?", []),  # the head word alone describes nothing
])
def test_a_description_that_fits_a_few_instruments_groups_them(engine, query, group):
    from lexmig.search.citations import find_document

    assert sorted(engine.described_in(query, find_document(query, engine.catalogue))[2]) == group


def test_a_described_group_s_instruments_rank_before_others(engine):
    # GATS Art. V (developing countries, economic integration) came first; the Covenants
    # described as a group count twice, and ICESCR Art. 2(3) on developing countries answers.
    question = "A poor country wants to keep some economic benefits for its citizens only; does the UN covenant allow that?"
    result = engine.search(question, limit=3, explain=True)
    assert ids(result)[0].startswith("icescr/art-2")
    assert result.hits[0].explain["named"] == {"factor": 2.0, "by": "description"}


@pytest.mark.parametrize("query, searched", [
    # the capitalised words and years of a name or description of several words are not searched
    ("Under the European Social Charter, can a migrant worker bring his family?",
     "Under the , can a migrant worker bring his family?"),
    ("Does the WTO services agreement cover seasonal work?", "Does the services agreement cover seasonal work?"),
    ("compensated under the 1925 ILO accident convention?", "compensated under the accident convention?"),
    ("What does the forced labour protocol require?", "What does the forced labour protocol require?"),
    ("Does GATS give a right to stay?", "Does GATS give a right to stay?"),  # a name of one word is searched
    ("the European Social Charter", "the European Social Charter"),  # nothing left to search
])
def test_a_named_instrument_s_proper_name_is_not_searched(engine, query, searched):
    from lexmig.search.citations import find_document
    from lexmig.search.rank import _without_proper_name

    named, _, _ = engine.described_in(query, find_document(query, engine.catalogue))
    assert _without_proper_name(query, named[1]) == searched


def test_within_a_named_instrument_the_question_s_own_words_choose_the_article(engine):
    question = "Is there a rule in the Social Charter about giving migrants free advice and help when they leave and arrive?"
    # Art. 19 (migrant workers: free services to assist them) before Art. 13 (social assistance),
    # which the word "Social" of the Charter's name favoured.
    assert ids(engine.search(question, limit=2))[0] == "esc-1961/art-19"


def test_the_table_of_name_words_is_read_only_for_a_query_with_a_capitalised_word(library):
    """A search's start-up cost grows with the catalogue: the table is not read for a query
    that cannot name an instrument by a capitalised word."""
    fresh = Engine(library)
    try:
        assert fresh.named_in("family reunion of migrant workers", None) == frozenset()
        assert fresh._names_held is None
        assert fresh.named_in("family reunion under the Charter", None) == frozenset({"esc-1961"})
        assert fresh._names_held is not None
    finally:
        fresh.close()


def test_below_the_first_hit_the_hits_filed_under_its_subjects_rise(engine):
    from lexmig.indexer.passage import article_key
    from lexmig.search.render import _explain_line

    question = "Can a country still require visas from service suppliers under the trade rules?"
    hits = engine.search(question, limit=30, explain=True).hits
    top = list(dict.fromkeys(article_key(h.passage.passage_id) for h in hits))[:10]
    # The GATS Annex on natural persons, para. 4 (visas), shares the first hit's subjects (GATS
    # Art. XVI: trade in services, movement of natural persons); it was 11th by its score alone.
    assert top[0] == "gats/art-xvi" and "gats-mnp/para-4" in top
    # The scores shown are those the hits are ordered by, and --explain says what raised them.
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    visas = next(h for h in hits if article_key(h.passage.passage_id) == "gats-mnp/para-4")
    # Filed under both of the first hit's subjects (x1.3), both asked by the question (x1.4),
    # and in the Annex under the first hit's GATS (x1.6).
    both = ["trade in services and movement of natural persons", "trade in services: commitments and treatment"]
    assert visas.explain["feedback"] == {"factor": 2.91, "shared": both, "asked": both, "family": "gats"}
    assert visas.explain["score"] == round(visas.score, 3)
    assert "subject feedback x2.91: filed under 'trade in services and movement of natural persons' and " \
           "'trade in services: commitments and treatment', as the first hit is; filed under " \
           "'trade in services and movement of natural persons' and 'trade in services: commitments and " \
           "treatment', as the query asks; of the first hit's family (gats)" in _explain_line(visas.explain)
    # None is shown above the first hit, which stays first.
    assert max(h.score for h in hits) == hits[0].score
    # A query of one word is searched as it is: nothing is raised.
    one = engine.search("services", limit=20, explain=True).hits
    assert len(one) == 20 and not any("feedback" in h.explain for h in one)
    # A first hit filed under none of the subjects asked is no guide: nothing moves. ('abuse'
    # asks about torture and inhuman treatment; the note's para. 14, "The most vulnerable workers
    # to abuse ... are women migrant workers", is filed under discrimination, domestic work ...)
    result = engine.search("Which migrants are most at risk of abuse?", limit=20, explain=True)
    assert {m.subject.name for m in result.plan.subjects} == {"torture and inhuman treatment"}
    assert result.hits[0].passage.passage_id == "ecosoc-2006-rt6/para-14"
    assert "torture and inhuman treatment" not in {s["name"] for s in result.hits[0].subjects}
    assert not any("feedback" in h.explain for h in result.hits)


@pytest.mark.parametrize("signal, question, first_two, without", [
    # C111 Art. 1(1)(a) holds "distinction, exclusion or preference made on the basis of race,
    # colour, sex, religion": the question's concepts close together; the ICCPR's Art. 4, first
    # by its words alone, holds "religion" far from the rest. (The ninth round's question here,
    # "expelled without a chance to argue against it", needs proximity no more since the
    # sixteenth round's thesaurus group of procedural safeguards against expulsion.)
    ("PROXIMITY", "Can a bank refuse to hire a man because he wears a turban for religious reasons?",
     ["c111/art-1/1/a", "iccpr/art-4"], ["iccpr/art-4", "c111/art-1/1/a"]),
    # The question asks about child labour; the Minimum Age Convention's Art. 7 (light work)
    # comes before the Social Charter's Art. 7, whose title names no subject the question asks.
    # (The ninth round's question here, an old-age pension paid at home, needs the focus no
    # more since the sixteenth round's group of benefits paid abroad.)
    ("FOCUS", "Can children of 13 do light work after school?",
     ["c138/art-7", "esc-1961/art-7"], ["esc-1961/art-7", "c138/art-7"]),
])
def test_a_signal_of_the_ninth_round_moves_the_answer_first(engine, monkeypatch, signal, question, first_two,
                                                             without):
    import lexmig.search.rank as rank

    assert ids(engine.search(question, limit=2)) == first_two
    monkeypatch.setattr(rank, signal, 0.0)
    assert ids(engine.search(question, limit=2)) == without


def test_explain_names_the_proximity_and_the_instrument_focus(engine):
    from lexmig.search.render import _explain_line

    question = "I retired and want to move back to my home country. Is my old-age pension still paid?"
    first = engine.search(question, limit=1, explain=True).hits[0]
    assert first.passage.passage_id == "c118/art-5"
    assert first.explain["focus"] == 1.23  # 1 + 0.45 x 1/2: C118's title names "social security", one of two asked
    line = _explain_line(first.explain)
    assert "; instrument focus x1.23: its instrument's title names a subject the query asks" in line
    expelled = engine.search("Can someone be expelled without a chance to argue against it?", limit=1, explain=True)
    assert "; proximity x" in _explain_line(expelled.hits[0].explain)


def test_an_instrument_whose_title_names_only_other_subjects_counts_less(engine, monkeypatch):
    import lexmig.search.rank as rank
    from lexmig.search.render import _explain_line

    # A question on schooling: CEDAW ("Discrimination against Women") and the Trafficking
    # Protocol are about other subjects, and fall; the Covenant and ETS 93, whose titles name
    # no subject, keep their scores (before: CEDAW Art. 16, on marriage, fourth; the
    # Refugee Convention, "Status of Refugees", falls too)
    question = "Does the state have to make primary school free for children of migrants?"
    result = engine.search(question, limit=10, explain=True)
    assert ids(result)[:5] == ["icescr/art-13", "ets093/art-14", "icescr/art-14", "icescr/art-10/1", "iccpr/art-18/4"]
    assert {h.passage.doc_id for h in result.hits if h.explain.get("focus") == 0.83} == {"cedaw", "refugee-convention-1951"}
    cedaw = next(h for h in result.hits if h.passage.doc_id == "cedaw")
    assert "; instrument focus x0.83: its instrument's title names other subjects than the query asks" in \
        _explain_line(cedaw.explain)
    monkeypatch.setattr(rank, "AWAY", 0.0)
    assert ids(engine.search(question, limit=4)) == ["icescr/art-13", "ets093/art-14", "icescr/art-14", "cedaw/art-16"]
    # the Domestic Workers Convention, on a job lost by any migrant (before: second)
    monkeypatch.setattr(rank, "AWAY", 0.2)
    assert ids(engine.search("Can a migrant be sent home when he loses his job before his contract ends?", limit=3)) == \
        ["ets093/art-24", "ets093/art-25", "c189/art-8"]


def test_nearness_is_the_largest_weighted_share_of_concepts_a_window_holds(engine):
    from lexmig.search.rank import _nearness

    words = stems(engine.passage("iccpr/art-13").text)  # "... compelling reasons of national security ..."
    expel, reason, security = ((("expel",), ("expuls",)), 2.0), ((("reason",),), 1.0), ((("nation", "secur"),), 1.0)
    concepts = [expel, reason, security]
    # One word holds one concept ("expelled", 2 of 4); six, "reasons against his expulsion"
    # (3 of 4); twelve, "compelling reasons of national security ... against his expulsion" (all).
    assert [_nearness(concepts, words, width) for width in (1, 6, 12)] == [0.5, 0.75, 1.0]
    # A concept the text does not hold adds nothing; one concept alone is no proximity.
    assert _nearness([expel, ((("famili",),), 1.0)], words, 40) == 2 / 3
    assert _nearness([expel], words, 6) == 0.0


def test_a_title_names_a_subject_by_a_run_of_its_law_words(engine):
    from lexmig.search.rank import _subjects_titled

    assert engine._title_stems("c118") == " equal treatment social secur convent 1962 no 118 "
    asked = ["return_and_reintegration", "social_security", "portability_of_social_security"]
    assert _subjects_titled(engine._title_stems("c118"), asked, engine._token_runs) == 1  # "social security"
    assert _subjects_titled(engine._title_stems("refugee-convention-1951"), asked, engine._token_runs) == 0
    # whole words only: "secur" alone is no run of the subject's
    assert _subjects_titled(" social securities ", ["social_security"], engine._token_runs) == 0


def test_a_definition_question_puts_the_instrument_s_definitions_first_among_its_units(engine, monkeypatch):
    import lexmig.search.rank as rank
    from lexmig.search.render import _explain_line

    # "still trafficking" asks the definition of trafficking; the Protocol's Art. 3 ("Use of
    # terms") takes the place its Art. 8 (repatriation) held (the ECOSOC paragraph, whose
    # document's title names another subject, falls below them: AWAY).
    question = "The workers agreed to the job at the start, so is it still trafficking?"
    result = engine.search(question, limit=3, explain=True)
    assert ids(result) == ["trafficking-protocol/art-3", "trafficking-protocol/art-8", "trafficking-protocol/art-6"]
    assert result.hits[0].explain["within"] == "rank 3 -> 1: a definitions unit, and the question asks what a term means"
    assert "; within its instrument, rank 3 -> 1: a definitions unit" in _explain_line(result.hits[0].explain)
    monkeypatch.setattr(rank, "DEFINES", 0.0)
    assert ids(engine.search(question, limit=3)) == \
        ["trafficking-protocol/art-8", "ecosoc-2006-rt6/para-20", "trafficking-protocol/art-6"]
    monkeypatch.setattr(rank, "HEADING_AWAY", 0.0)  # "Use of terms" files Art. 3 under no subject asked
    assert ids(engine.search(question, limit=3)) == \
        ["trafficking-protocol/art-8", "trafficking-protocol/art-3", "ecosoc-2006-rt6/para-20"]


def test_a_question_whether_a_case_counts_as_a_term_finds_the_term_s_definition_first(engine):
    # "counted as", "count as" ask whether a case falls under the term's definition: C29 Art. 2
    # ("the term forced or compulsory labour shall mean ...") and ICERD Art. 1 come first
    # (before: C29 Art. 14, on paying for forced labour, and ICERD Art. 4(c), on public authorities)
    assert ids(engine.search("Is unpaid work by prisoners counted as forced labour?", limit=3)) == \
        ["c029/art-2", "p029/art-1/1", "p029/art-4/2"]
    assert ids(engine.search("Does keeping public office for nationals count as race discrimination?", limit=3)) == \
        ["cerd/art-1", "cerd/art-4/c", "cerd/art-2/1"]
    # ICERD Art. 1(1) defines in its text ("the term 'racial discrimination' shall mean"), untitled:
    # a definitions unit, it takes the place Art. 2(1)(c) held (before: third)
    result = engine.search("Does reserving civil service posts for nationals count as racial discrimination under ICERD?",
                           limit=3, explain=True)
    assert ids(result) == ["cerd/art-1/1", "cerd/art-2/1/c", "cerd/art-8/1"]
    assert result.hits[0].explain["within"] == "rank 3 -> 1: a definitions unit, and the question asks what a term means"


def test_a_question_on_what_an_instrument_leaves_out_is_no_definition_question(engine):
    # "exceptions" asks the subject of definitions and scope by its scope half: the GATS's
    # general exceptions (Art. XIV) come first, not its definitions (before: Art. XXVIII, Art. I)
    result = engine.search("Which exceptions allow a WTO member to restrict services, for example to protect "
                           "public morals?", limit=2, explain=True)
    assert ids(result)[0] == "gats/art-xiv"
    assert not any("definitions unit" in (hit.explain.get("within") or "") for hit in result.hits)


def test_a_definitions_unit_is_filed_under_definitions_by_its_title_or_a_defining_phrase(engine):
    from lexmig.search.rank import _defines

    assert _defines(engine.subjects_of("trafficking-protocol/art-3"))  # "Use of terms"
    assert _defines(engine.subjects_of("trafficking-protocol/art-3/a"))  # inside it
    assert _defines(engine.subjects_of("gats/art-i/2"))  # "Scope and Definition"
    assert not _defines(engine.subjects_of("trafficking-protocol/art-8"))  # "Repatriation of victims ..."
    # an untitled article that defines in its text: "For the purpose of this Convention the
    # term ...", "shall mean" (before, only a title or heading made a definitions unit)
    assert [s["rule"] for s in engine.subjects_of("c097/art-11") if s["name"] == "definitions and scope"] == ["text"]
    assert _defines(engine.subjects_of("c097/art-11"))
    assert _defines(engine.subjects_of("cerd/art-1"))
    # a phrase of scope in its text is no definition
    scope = [{"name": "definitions and scope", "rule": "text", "evidence": "shall not apply to"}]
    assert not _defines(scope)


def test_within_an_instrument_the_unit_whose_heading_holds_the_question_s_concepts_comes_first(engine, monkeypatch):
    import lexmig.search.rank as rank

    # ETS 93 Art. 24 ("Expiry of contract and discharge") takes the place its Art. 1(2), in
    # "Definition", held; Art. 5 ("... the work contract") rises above it too.
    question = "contracts of guest workers"
    result = engine.search(question, limit=3, explain=True)
    assert ids(result) == ["ets093/art-24", "ets093/art-5", "ets093/art-1/2"]
    assert result.hits[0].explain["within"] == "rank 2 -> 1: its heading is nearer to what the query asks"
    monkeypatch.setattr(rank, "HEADING", 0.0)
    monkeypatch.setattr(rank, "HEADING_AWAY", 0.0)  # "Definition" files Art. 1(2) under no subject asked
    assert ids(engine.search(question, limit=3)) == ["ets093/art-1/2", "ets093/art-24", "ets093/art-5"]


def test_within_an_instrument_a_unit_headed_only_by_subjects_not_asked_comes_later(engine, monkeypatch):
    import lexmig.search.rank as rank

    # The Refugee Convention's Art. 4, "Religion", grants religious education in its text; its
    # heading files it under freedom of religion, which the question does not ask: Art. 22,
    # "Public Education", takes its place.
    question = "refugee children in school"
    result = engine.search(question, limit=2, explain=True)
    assert ids(result) == ["refugee-convention-1951/art-22/2", "refugee-convention-1951/art-4"]
    assert result.hits[0].explain["within"] == "rank 2 -> 1: its heading is nearer to what the query asks"
    monkeypatch.setattr(rank, "HEADING_AWAY", 0.0)
    assert ids(engine.search(question, limit=2)) == ["refugee-convention-1951/art-4", "refugee-convention-1951/art-22/2"]


def test_within_an_instrument_holding_the_narrower_subject_asked_the_broader_one_counts_less(engine, monkeypatch):
    import lexmig.search.rank as rank

    # fresh6: "smuggler's boat" asks about smuggling of migrants and "prosecuted" about the
    # narrower criminal liability of smuggled migrants, under which the Smuggling Protocol files
    # its Art. 5: its Art. 8 on smuggling by sea, filed under the broader subject only, counts
    # less, and Art. 5 ("Criminal liability of migrants") takes its place.
    question = "Should the people on a smuggler's boat be prosecuted themselves?"
    result = engine.search(question, limit=2, explain=True)
    assert ids(result) == ["smuggling-protocol/art-5", "smuggling-protocol/art-8"]
    assert result.hits[0].explain["within"].endswith(
        ": it is filed under the narrower subject asked, or its heading is nearer to what the query asks")
    # heldout: the portability of social security asked beside social security: ETS 93's Art. 18
    # ("Social Security") before its Art. 30 on returning home.
    pension = "What happens to a migrant worker's pension when they go home?"
    assert ids(engine.search(pension, limit=1)) == ["ets093/art-18"]
    monkeypatch.setattr(rank, "NARROWER", 0.0)
    assert ids(engine.search(question, limit=2)) == ["smuggling-protocol/art-8", "smuggling-protocol/art-8/2/a"]
    assert ids(engine.search(pension, limit=1)) == ["ets093/art-30/2"]


def test_the_broader_subjects_asked_are_those_whose_names_a_narrower_one_asked_holds(engine):
    from lexmig.search.rank import Hit, _narrowed

    def hit(pid, *names):
        return Hit(engine.passage(pid), 1.0, subjects=[{"name": n, "rule": "text", "evidence": ""} for n in names])

    asked = {"smuggling of migrants", "criminal liability of smuggled migrants", "expulsion"}
    window = [hit("smuggling-protocol/art-8", "smuggling of migrants"),
              hit("smuggling-protocol/art-5", "criminal liability of smuggled migrants"),
              hit("trafficking-protocol/art-8", "smuggling of migrants", "expulsion")]
    assert _narrowed(window, asked) == {"smuggling-protocol": [("smuggling of migrants",
                                                                {"criminal liability of smuggled migrants"})]}
    assert _narrowed(window, {"smuggling of migrants", "expulsion"}) == {}


def test_a_number_in_words_also_searches_its_digits(engine):
    from lexmig.search.query import _NUMBERS

    # fresh17: C138 Art. 7 permits light work for "persons 13 to 15 years of age".
    question = "Can thirteen year olds be allowed to do small jobs after school, like helping in a shop?"
    result = engine.search(question, limit=1)
    assert ids(result) == ["c138/art-7"]
    assert _NUMBERS["thirteen"] == "13" and _NUMBERS["18"] == "eighteen" and _NUMBERS["twenti"] == "20"
    assert "one" not in _NUMBERS


def test_a_heading_s_share_is_the_weighted_share_of_concepts_its_words_hold(engine):
    from lexmig.search.rank import _heading_share

    heading = stems(engine.passage("ets093/art-5").title)  # "Formalities and procedure relating to the work contract"
    contract, guest, worker = ((("contract",),), 2.0), ((("guest",),), 1.0), ((("worker",), ("work", "contract")), 1.0)
    assert _heading_share([contract, guest, worker], heading) == 0.75  # "contract", and "work contract" as a run
    assert _heading_share([guest], heading) == 0.0
    assert _heading_share([((("contr",),), 1.0)], heading) == 0.0  # whole words only


def test_below_the_first_five_hits_the_articles_numbered_next_to_the_first_hit_s_rise(engine, monkeypatch):
    import lexmig.search.rank as rank

    # C189 Art. 15 (private employment agencies, complaints about their abuses) comes first;
    # Art. 16 (access to courts and other dispute resolution) and Art. 14 beside it rise into
    # the top 10, the first five hits keep their places.
    question = "Where can a domestic worker complain about abuse?"
    result = engine.search(question, limit=10, explain=True)
    assert ids(result) == ["c189/art-15/1/b", "c189/art-5", "c189/art-17/1", "c181/art-10", "ecosoc-2006-rt6/para-14",
                           "c189/art-14", "c189/art-16", "c189/art-1/b", "c189/art-13", "c189/art-15/2"]
    assert result.hits[6].explain["neighbour"] == "1.20: next to c189/art-15"
    assert "neighbour" not in result.hits[7].explain
    monkeypatch.setattr(rank, "NEIGHBOUR", 0.0)
    assert ids(engine.search(question, limit=10)) == [
        "c189/art-15/1/b", "c189/art-5", "c189/art-17/1", "c181/art-10", "ecosoc-2006-rt6/para-14", "c189/art-1/b",
        "c189/art-13", "c189/art-14", "c189/art-15/2", "c189/art-2"]


def test_articles_are_next_to_each_other_when_numbered_one_after_the_other_in_one_container(engine):
    from lexmig.indexer.passage import article_key
    from lexmig.search.rank import _next_to

    def key(pid):
        assert engine.passage(pid) is not None, pid  # real units of the reference corpus
        return article_key(pid)

    assert _next_to(key("c189/art-14/2"), key("c189/art-15"))
    assert _next_to(key("c189/art-16"), key("c189/art-15"))
    assert _next_to(key("gats/art-xix"), key("gats/art-xx"))  # roman numerals
    assert _next_to(key("c097/art-6"), key("c097/art-7"))
    assert not _next_to(key("c097/art-6"), key("c097/annex-2/art-7"))  # another container
    assert not _next_to(key("c097/art-6"), key("c189/art-7"))  # another instrument
    assert not _next_to(key("c189/art-15"), key("c189/art-15/1"))  # the same article
    assert not _next_to(key("c189/art-14/2"), key("c189/art-16"))  # two apart


def test_the_feedback_window_bounds_the_reorderings_at_the_default_limit(engine, monkeypatch):
    import lexmig.search.rank as rank

    # The window (20) bounds what the reorderings reach; with 40, measured and not kept for its
    # cost, the 2014 Protocol's provisions (of the first hit's family, C29's, and filed under
    # forced labour as it is) come from below the 20th hit into the top 10, its Art. 3 among them.
    question = "damages owed to people trapped in forced work"
    assert ids(engine.search(question)) == [
        "c029/art-21", "p029/art-1/2", "c029/art-12", "c029/art-11/2", "c029/art-7", "c029/art-4/1", "c029/art-8",
        "c029/art-5/2", "c029/art-23/1", "c029/art-1"]
    monkeypatch.setattr(rank, "FEEDBACK_WINDOW", 40)
    assert ids(engine.search(question)) == [
        "c029/art-21", "p029/art-1/2", "p029/art-2/f", "p029/art-2/b", "p029/art-1/3", "p029/art-2/e",
        "p029/art-2/c/i", "p029/art-5", "p029/art-3", "c029/art-12"]


def test_an_appended_instrument_that_is_most_of_its_document_counts_as_its_main_text(gulf_laws, engine):
    # The Qatar law's file is the four-article law that promulgates the Labour Law, appended
    # after it with its 160 articles: those are the law, not a supplement counting half.
    # Before, the UAE decree's Art. 17(1) (leave on a medical certificate) came before the
    # Qatar law's Art. 97 on maternity leave.
    assert first_ids(gulf_laws, "maternity leave") == [
        "qa-labour/labour-law/art-96", "qa-labour/labour-law/art-97", "uae-domestic-workers/art-17/1"]
    # The reference instruments' appended texts (C138's Recommendation, the ESC's Appendix,
    # the ICCPR's Optional Protocol, the Refugee Convention's Schedule) are a smaller part.
    assert [engine._substance_appended(doc) for doc in ("c138", "esc-1961", "iccpr", "refugee-convention-1951")] == \
        [False] * 4


def test_the_name_of_the_country_a_question_asks_about_is_not_searched_in_its_law(gulf_laws):
    # "Qatar" chose the Qatar law; searched as a word it put the Labour Law's definitions
    # (Art. 1, "the State of Qatar") before Art. 82 on sick leave.
    assert first_ids(gulf_laws, "paid sick days Qatar", limit=1) == ["qa-labour/labour-law/art-82"]
    # A query that is the country's name alone is searched as it is.
    assert first_ids(gulf_laws, "Qatar", limit=1)[0].startswith("qa-labour/")


def test_a_city_a_question_names_chooses_its_countrys_law(gulf_laws):
    # No installed law says which country Dubai or Doha is in: "annual leave in Dubai" gave the
    # Qatar Labour Law's Art. 80 first, "probation period in Doha" the UAE decree's Art. 8.
    assert first_ids(gulf_laws, "annual leave in Dubai", limit=1) == ["uae-domestic-workers/art-10"]
    assert first_ids(gulf_laws, "probation period in Doha", limit=1) == ["qa-labour/labour-law/art-39"]
    # in lower case too: no installed text holds the word
    assert first_ids(gulf_laws, "overtime pay in dubai", limit=1) == ["uae-domestic-workers/art-7/2"]
    assert first_ids(gulf_laws, "overtime pay in doha", limit=1) == ["qa-labour/labour-law/art-74"]


def test_a_country_typed_in_lower_case_names_its_law(gulf_laws):
    # Before, "uae" was only a word: the Qatar law's Art. 80 on annual leave came first, and
    # its Art. 39 on probation second.
    assert first_ids(gulf_laws, "annual leave uae", limit=1) == ["uae-domestic-workers/art-10"]
    assert [pid.split("/")[0] for pid in first_ids(gulf_laws, "probation period uae")] == ["uae-domestic-workers"] * 3


@pytest.mark.parametrize("question, first", [
    ("When does someone stop being a refugee?", "refugee-convention-1951/art-1/c"),  # "shall cease to apply"
    ("May a refugee open a shop of his own?", "refugee-convention-1951/art-18"),  # "self-employment ... commerce"
    ("Can a village headman order people to work on his fields?", "c029/art-10"),  # forced labour exacted by "chiefs"
    ("Does a baby born abroad have the right to a birth certificate and a nationality?", "iccpr/art-24"),
])
def test_the_fifteenth_round_s_vocabulary_puts_the_law_s_expression_first(engine, question, first):
    """Questions in the public's words whose answer says it in the law's: the thesaurus groups
    of the fifteenth round (cessation of refugee status, self-employment, chiefs, birth
    registration and nationality) add the law's words, and its provision comes first."""
    assert ids(engine.search(question, limit=3))[0] == first


@pytest.mark.parametrize("question, first", [
    ("Can the minimum working age be ignored on small farms?", "c138/art-5"),  # "family and small-scale holdings"
    ("Are conscripts doing national service in forced labour?", "iccpr/art-8/3"),  # "service of a military character"
    ("Can a domestic worker be paid in board and lodging?", "c189/art-12"),  # "payments in kind"
    ("Who pays the workers if a temp agency goes bust?", "c181/art-12"),  # "insolvency", "user enterprises"
    ("May a WTO member give one country's firms better access to its services market than another's?", "gats/art-ii"),
    ("Can an employer turn down an applicant for his political views?", "c111/art-1/1"),  # "political opinion"
    ("When were the talks on natural persons supposed to finish?", "gats-mnp-decision/para-3"),  # "conclude these negotiations"
    ("Does mode 4 let a foreign engineer settle permanently?", "gats-mnp/para-2"),  # "on a permanent basis"
    ("Can a shop sack a saleswoman because she is pregnant?", "cedaw/art-11/2"),  # "dismissal on the grounds of pregnancy"
    ("Can a refugee take a job here?", "refugee-convention-1951/art-17"),  # "wage-earning employment"
    ("Can a foreigner living here lawfully be ordered out with no hearing?", "iccpr/art-13"),  # "reasons against his expulsion"
    ("Can any state join the International Organization for Migration?", "iom-constitution/art-2"),  # "The Members ... shall be"
])
def test_the_sixteenth_round_s_vocabulary_puts_the_law_s_expression_first(engine, question, first):
    """The sixteenth round's thesaurus groups (family farms, military service, payment in kind,
    insolvency, user enterprises, most-favoured-nation treatment, political opinion, end of
    negotiations, permanent settlement, dismissal for pregnancy, wage-earning employment,
    procedural safeguards against expulsion, membership of the organization) add the law's
    words to a question in the public's, and its provision comes first."""
    assert ids(engine.search(question, limit=3))[0] == first


def test_development_aid_brings_the_note_s_comparison_with_oda(engine):
    # The note's para. 9 says "more than double the level of ODA", never "development aid"
    # (before: paras. 3, 10 and 6 first, para. 9 not among the first three)
    assert ids(engine.search("Are the sums migrants send home bigger than development aid?", limit=2)) == \
        ["ecosoc-2006-rt6/para-10", "ecosoc-2006-rt6/para-9"]
