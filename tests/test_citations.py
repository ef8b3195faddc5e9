import pytest

from lexmig.indexer.catalogue import load_catalogue, new_entry
from lexmig.indexer.errors import LexmigError
from lexmig.indexer.passage import PathStep, passage_id
from lexmig.search.citations import Scope, candidate_ids, find_citation, find_described, find_document, scope_of, tokenize

CATALOGUE = load_catalogue()


@pytest.mark.parametrize("text, ids", [
    ("C97 article 6", ["c097/art-6"]),
    ("Convention No. 97, Annex II, Article 4", ["c097/annex-2/art-4"]),
    ("GATS Article XIX", ["gats/art-xix"]),
    ("gats art xiv bis", ["gats/art-xiv-bis"]),
    ("C181 Art. 7", ["c181/art-7"]),
    ("ets093 art 12(1)", ["ets093/art-12/1"]),
    ("note para 11", ["ecosoc-2006-rt6/para-11"]),
    ("footnote 7 of the note", ["ecosoc-2006-rt6/fn-7"]),
    ("C97 art. 6(1)(b)", ["c097/art-6/1/b"]),
    ("C97 art. 6(1)(a)(i)", ["c097/art-6/1/a/i"]),
    ("C 97, Art. 1(i)", ["c097/art-1/i"]),
    ("Article 3 of the Smuggling Protocol", ["smuggling-protocol/art-3"]),
    ("ILO Convention No. 189 article 8(1)", ["c189/art-8/1"]),
    ("ETS No. 93, Chapter III", ["ets093/ch-iii"]),
    ("C189 preamble", ["c189/preamble"]),
    ("GATS MNP Annex para 4 fn 1", ["gats-mnp/para-4/fn-1"]),
    # points written with dots (the WTO's "Article 4.2") or run on after a number or bracket
    ("C97 art 6.1.b", ["c097/art-6/1/b"]),
    ("C97 art. 6.1.a.i", ["c097/art-6/1/a/i"]),
    ("C97 art. 6(1)b", ["c097/art-6/1/b"]),
    ("C97 art. 6 para 1b", ["c097/art-6/1/b"]),
    ("Convention No. 97, Annex II, Article 4.2", ["c097/annex-2/art-4/2"]),
    ("GATS Art. XIX.1", ["gats/art-xix/1"]),
    ("C97 art. 6. The", ["c097/art-6"]),  # a sentence's end is no point
    # as French, Spanish and German laws write them: a point with its closing bracket only, an
    # ordinal first article, a paragraph named in the law's language (before: read as the
    # whole article, or no citation at all)
    ("C97 art. 6 (1) a)", ["c097/art-6/1/a"]),
    ("C97 art. 1er", ["c097/art-1"]),
    ("C97 article premier", ["c097/art-1"]),
    ("C97 Art. 1º", ["c097/art-1"]),
    ("C97 Artikel 6 Absatz 1", ["c097/art-6/1"]),
    ("C97 art. 6, al. 1", ["c097/art-6/1"]),
    # a point named in words, a footnote as "note 4" or under the paragraph that calls it
    # (before: the point dropped, "note 4" not a citation, "has no para. 11, fn. 4")
    ("Trafficking Protocol, Art. 3, subpara. (a)", ["trafficking-protocol/art-3/a"]),
    ("Article 19, paragraph 4, sub-paragraph a, of the European Social Charter", ["esc-1961/art-19/4/a"]),
    ("C97 art. 6(1)(a), item ii", ["c097/art-6/1/a/ii"]),
    ("C97 art 6 para 1 lit b", ["c097/art-6/1/b"]),  # "lit" without its stop (before: the point dropped)
    ("ECOSOC note, note 4", ["ecosoc-2006-rt6/fn-4"]),
    ("ECOSOC note, para. 11, footnote 4", ["ecosoc-2006-rt6/para-11/fn-4", "ecosoc-2006-rt6/fn-4"]),
    # a name's words in another order (before: "GATS" alone was found, and GATS has no para. 2)
    ("GATS Annex MNP paragraph 2", ["gats-mnp/para-2"]),
    ("Protocol Trafficking art 3", ["trafficking-protocol/art-3"]),
    # the ILO's own short form with a hyphen (before: not a citation)
    ("C-97 art. 6", ["c097/art-6"]),
    ("ILO C-097, Art. 6(1)(b)", ["c097/art-6/1/b"]),
    # as Bluebook and OSCOLA print them: a treaty series after the pinpoint, a footnote as "n. 4"
    # (before: "U.N.T.S. 71" was section 71 of Article 6; "n. 4" was dropped, showing para. 11)
    ("Migration for Employment Convention (Revised), July 1, 1949, art. 6, 120 U.N.T.S. 71", ["c097/art-6"]),
    ("ECOSOC note, para. 11, n. 4", ["ecosoc-2006-rt6/para-11/fn-4", "ecosoc-2006-rt6/fn-4"]),
    # divisions in the forms lexmig prints them ("ETS 93, Ch. II"), a Part and its Division
    ("ETS 93, Ch. II", ["ets093/ch-ii"]),
    ("ESC 1961 Pt. II", ["esc-1961/part-ii"]),
    # a point of an annex, of a document's one unnumbered annex too (before: no citation, and
    # "Annex II(6)" was the whole of Annex II)
    ("IOM Constitution, Annex(d)", ["iom-constitution/annex/d"]),
    ("IOM Constitution, Annex (d)", ["iom-constitution/annex/d"]),
    ("C97 Annex II(6)", ["c097/annex-2/6"]),
    # an article in the other numbering: GATS prints roman numbers, C97 arabic (before: only as typed)
    ("GATS Art. 19(1)", ["gats/art-19/1", "gats/art-xix/1"]),
    ("C97 Article VI", ["c097/art-vi", "c097/art-6"]),
])
def test_typed_citations_become_passage_ids(text, ids):
    ref = find_citation(text, CATALOGUE)
    assert ref is not None
    assert candidate_ids(ref)[:len(ids)] == ids


def test_other_languages_are_prefixed():
    # each article also in the other numbering, after it (as "GATS Art. 19" finds Art. XIX)
    assert candidate_ids(find_citation("C97 art 3(2)", CATALOGUE), "nl") == ["c097/nl/art-3/2", "c097/nl/art-iii/2"]


@pytest.mark.parametrize("text", ["family reunion", "remittances of migrant workers", "C97", "article 6",
                                  "GATS schedule of specific commitments"])
def test_text_without_a_document_and_a_pinpoint_is_not_a_citation(text):
    assert find_citation(text, CATALOGUE) is None


def test_the_remainder_is_what_is_left_to_search():
    ref = find_citation("C97 art 9 transfer of savings", CATALOGUE)
    assert ref.remainder("C97 art 9 transfer of savings") == "transfer of savings"
    ref = find_citation("footnote 7 of the note", CATALOGUE)
    assert ref.remainder("footnote 7 of the note") == ""


@pytest.mark.parametrize("text, doc_id", [
    ("what does the 1990 Convention say", "icrmw"),
    ("R86 on recruitment", "r086"),
    ("Recommendation No. 151", "r151"),
    ("the Palermo Protocol", "trafficking-protocol"),
    ("TD/B/COM.1/EM.25/2", "unctad-em25-2"),
])
def test_documents_are_found_by_any_name(text, doc_id):
    assert find_document(text, CATALOGUE)[0] == doc_id


@pytest.mark.parametrize("text, described", [
    # a year, a body's initials and a title's word before the head: the entry that holds them all
    ("Is that the kind of unequal treatment the 1958 ILO convention covers?", [(("c111",), "1958 ILO convention")]),
    ("a country that ratified the 1925 ILO accident convention", [(("c019",), "1925 ILO accident convention")]),
    ("What can the government do under the ILO agencies convention?", [(("c181",), "ILO agencies convention")]),
    ("compensation under the 2014 forced labour protocol?", [(("p029",), "2014 forced labour protocol")]),
    ("Does the UN trafficking protocol help?", [(("trafficking-protocol",), "UN trafficking protocol")]),
    # a complement after the head; "and" between words the entry holds
    ("without breaching the convention against racial discrimination?",
     [(("cerd",), "convention against racial discrimination")]),
    ("protected by the UN covenant on economic and social rights?",
     [(("icescr",), "UN covenant on economic and social rights")]),
    ("my rights under the civil and political covenant", [(("iccpr",), "civil and political covenant")]),
    ("does anything in the WTO annex on natural persons stop us", [(("gats-mnp",), "WTO annex on natural persons")]),
    ("Does the WTO services agreement cover them?", [(("gats",), "WTO services agreement")]),
    # a year alone with a head; an instrument catalogued without its text is described too
    ("the 2014 protocol", [(("p029",), "2014 protocol")]),
    ("the 1975 ILO convention on migrant workers", [(("c143",), "1975 ILO convention on migrant workers")]),
    # several instruments hold the words: all of them, in catalogue order (the caller decides)
    ("the 1966 covenant", [(("iccpr", "icescr"), "1966 covenant")]),
    ("Does the migrant workers convention cover seafarers?",
     [(("c143", "icrmw", "ets093"), "migrant workers convention")]),
    # the head alone, or words no entry of its kind holds, describe nothing
    ("Does any convention forbid that?", []),
    ("Does the Covenant protect the family?", []),
    ("a bilateral agreement between two countries", []),
    ("the national legal framework", []),
    ("the constitution of my country", []),
    ("the decision to expel him", []),
    # a subject without a word for a kind of instrument names nothing
    ("Is forced labour banned for domestic workers?", []),
    ("What do trafficking victims get?", []),
])
def test_an_instrument_is_described_by_its_catalogue_facts(text, described):
    assert [(ids, text[start:end]) for ids, (start, end) in find_described(text, CATALOGUE)] == described


def test_a_name_before_a_question_mark_is_found():
    assert find_document("Is it in the Social Charter?", CATALOGUE) == ("esc-1961", (13, 27))


# -- the one grammar: every body's pinpoint forms, parsed --------------------------------


def _added(**fields):
    raw = {"type": "document", "body": "B", "cite_as": fields["title"], "short_title": fields["id"].upper()}
    return new_entry({**raw, **fields})


# Documents of ../shared/realdocs described as a librarian adding them would (metadata only).
REAL = CATALOGUE
for _entry in (
    _added(id="ares-73-7", type="resolution", title="Report of the International Criminal Court", symbol="A/RES/73/7"),
    _added(id="dga", title="Data Governance Act", symbol="Regulation (EU) 2022/868 (OJ L 152, 3.6.2022, p. 1)"),
    _added(id="gdpr", title="General Data Protection Regulation", symbol="Regulation (EU) 2016/679"),
    _added(id="au-migration-act", type="document", title="Migration Act 1958"),
    _added(id="qa-labour-law", title="Law No. (14) of 2004 Promulgating the Labour Law", aliases=["Qatar Labour Law"]),
):
    REAL = REAL.with_entry(_entry)


def steps(text):
    ref = find_citation(text, REAL)
    return ref and (ref.doc_id, [(s.kind, s.label) for s in ref.steps])


@pytest.mark.parametrize("text, doc_id, path", [
    # ILO
    ("C97 Art. 6(1)(b)", "c097", [("article", "6"), ("sub", "1"), ("sub", "b")]),
    ("Convention on Domestic Workers, 2011 (No. 189), Article 15", "c189", [("article", "15")]),
    # UN
    ("ICCPR art. 22, para. 3", "iccpr", [("article", "22"), ("sub", "3")]),
    ("GA res. 45/158, annex, art. 22", "icrmw", [("article", "22")]),
    ("A/RES/55/25, annex II, article 3(a)", "trafficking-protocol", [("article", "3"), ("sub", "a")]),
    ("A/RES/73/7 para 5", "ares-73-7", [("paragraph", "5")]),
    ("GA res 73/7, op. para. 5", "ares-73-7", [("paragraph", "5")]),
    ("A/RES/73/7 para 5b", "ares-73-7", [("paragraph", "5"), ("sub", "b")]),
    ("A/RES/73/7, preambular para. 3", "ares-73-7", [("recital", "3")]),
    ("A/RES/73/7 PP3", "ares-73-7", [("recital", "3")]),
    ("A/RES/73/7 OP 5", "ares-73-7", [("paragraph", "5")]),
    # WTO
    ("GATS Art. I:2(d)", "gats", [("article", "I"), ("sub", "2"), ("sub", "d")]),
    ("GATS Article XIX:1", "gats", [("article", "XIX"), ("sub", "1")]),
    # Council of Europe
    ("ETS 93 Article 12 § 1", "ets093", [("article", "12"), ("sub", "1")]),
    # EU
    ("Article 6(1)(a) of Regulation (EU) 2016/679", "gdpr", [("article", "6"), ("sub", "1"), ("sub", "a")]),
    ("Recital 12 of Regulation (EU) 2022/868", "dga", [("recital", "12")]),
    ("Article 6(1)(a) of Regulation 2022/868", "dga", [("article", "6"), ("sub", "1"), ("sub", "a")]),
    ("GDPR Recital 12", "gdpr", [("recital", "12")]),
    ("Recital 12", None, None),  # no document: not a citation
    ("Case C-97/12, para. 5", None, None),  # a court's case number names no Convention
    # national
    ("Migration Act 1958 s 5AAA", "au-migration-act", [("statute-section", "5AAA")]),
    ("Migration Act 1958, section 5AAA(1)(b)", "au-migration-act",
     [("statute-section", "5AAA"), ("sub", "1"), ("sub", "b")]),
    ("Qatar Labour Law art 40", "qa-labour-law", [("article", "40")]),
    ("Migration Act 1958 § 5AAA Abs. 3", "au-migration-act", [("statute-section", "5AAA"), ("sub", "3")]),
    ("Migration Act 1958, section 5AAA, subsection 3", "au-migration-act", [("statute-section", "5AAA"), ("sub", "3")]),
])
def test_every_body_s_pinpoint_grammar_is_parsed(text, doc_id, path):
    assert steps(text) == ((doc_id, path) if doc_id else None)


def test_a_numbered_section_is_an_act_s_section_or_a_paper_s_division():
    ref = find_citation("Migration Act 1958 s 5AAA", REAL)
    assert candidate_ids(ref) == [passage_id_of("au-migration-act", ("statute-section", "5AAA")),
                                  "au-migration-act/sec-5aaa", "au-migration-act/art-5aaa", "au-migration-act/para-5aaa"]
    ref = find_citation("Migration Act 1958 s 5AAA(1)(b)", REAL)
    assert candidate_ids(ref) == [passage_id_of("au-migration-act", ("statute-section", "5AAA"), ("paragraph", "1"),
                                                ("point", "b")),
                                  "au-migration-act/art-5aaa/1/b", "au-migration-act/para-5aaa/1/b"]


@pytest.mark.parametrize("text, unit", [
    ("C97 § 6", "c097/art-6"), ("C97 Section 6", "c097/art-6"), ("C97 s. 6", "c097/art-6"),
    ("C97 sec. 6(1)", "c097/art-6/1"), ("C97 §6 Abs. 1", "c097/art-6/1"), ("C97 § 6(1)(b)", "c097/art-6/1/b"),
    ("ECOSOC note § 11", "ecosoc-2006-rt6/para-11"),
])
def test_a_section_of_a_document_numbered_by_articles_or_paragraphs_is_its_article_or_paragraph(library, text, unit):
    # "C97 § 6" stopped with "C097 has no section 6. Nearest: C097, Art. 6; ...": a user
    # pasting a German "§ 6" or "Section 6" means the unit numbered 6.
    from lexmig.search.rank import Engine

    assert Engine(library).show(text).passage_id == unit


def passage_id_of(doc_id, *path):
    return passage_id(doc_id, tuple(PathStep(k, v) for k, v in path))


@pytest.mark.parametrize("text, tokens", [
    ("the Domestic Workers Convention, 2011 (No. 189) and the Convention No. 97",
     [("instrument", "(No. 189)", "c189"), ("instrument", "Convention No. 97", "c97")]),
    ("UNCTAD reports (TD/B/COM.1/EM.25/2) and (TD/B/COM.1/EM.22/2)",
     [("symbol", "TD/B/COM.1/EM.25/2", "TD/B/COM.1/EM.25/2"), ("symbol", "TD/B/COM.1/EM.22/2", "TD/B/COM.1/EM.22/2")]),
    ("Regulation (EC) No 883/2004 and Directive 2004/38/EC",
     [("symbol", "Regulation (EC) No 883/2004", "regulation 2004/883"),
      ("symbol", "Directive 2004/38/EC", "directive 2004/38")]),
    ("paragraph 1 of this Article", [("pinpoint", "paragraph 1", "")]),
    ("§ 39.13 (a)", [("pinpoint", "§ 39.13 (a)", "")]),
])
def test_running_text_and_footnotes_are_read_by_the_same_tokenizer(text, tokens):
    assert [(t.kind, t.text, t.key) for t in tokenize(text)] == tokens


@pytest.fixture(scope="module")
def engine(library):
    from lexmig.search.rank import Engine

    return Engine(library)


def _steps(token):
    return tuple((s.kind, s.label) for s in token.steps)


# Whole passages of the corpus, read from ../shared: every token the one grammar finds in
# them, in order, and what each pinpoint's following words say (the scope) as running text.
@pytest.mark.parametrize("passage_id, tokens", [
    # a cross-reference inside a provision, scoped to its own instrument
    ("c029/art-5", [("pinpoint", "Article 1", "", (("article", "1"),), "Article 1 of this Convention",
                     "Convention", False)]),
    ("c088/art-13/2", [("pinpoint", "paragraph 1", "", (("paragraph", "1"),), "paragraph 1 of this Article",
                        "Article", False)]),
    ("c097/annex-2/art-9", [("pinpoint", "Article 3", "", (("article", "3"),), "Article 3 of this Annex",
                             "Annex", False)]),
    ("gats/art-xx/1", [("pinpoint", "Part III", "", (("part", "III"),), "Part III of this Agreement", "Agreement",
                        False),
                       ("pinpoint", "Schedule", "", (("appended", "Schedule"),), "Schedule", None, False)]),
    # another instrument's unit: "paragraph 7 (b) of Article 19 of the Constitution ..."
    ("c097/art-6/2", [("pinpoint", "paragraph 7 (b)", "", (("paragraph", "7"), ("sub", "b")), "paragraph 7 (b)",
                       None, True),
                      ("pinpoint", "Article 19", "", (("article", "19"),), "Article 19 of the Constitution",
                       "Constitution", False)]),
    # instruments named by their bracketed number
    ("c189/preamble", [("instrument", f"(No. {n})", key, (), f"(No. {n})", None, False)
                       for n, key in [(97, "c97"), (143, "c143"), (156, "c156"), (181, "c181"), (198, "r198")]]),
    # footnotes: document symbols and the short forms
    ("ecosoc-2006-rt6/fn-9", [("symbol", s, s, (), s, None, False)
                              for s in ("TD/B/COM.1/EM.25/2", "TD/B/COM.1/EM.22/2")]),
    ("ecosoc-2006-rt6/fn-2", [("short", "Ibid", "ibid", (), "Ibid", None, False)]),
    ("ecosoc-2006-rt6/fn-4", [("short", "op. cit.", "op-cit", (), "op. cit.", None, False)]),
    ("ecosoc-2006-rt6/fn-8", [("short", "op.cit.", "op-cit", (), "op.cit.", None, False)]),
])
def test_the_one_tokenizer_reads_provisions_and_footnotes_of_the_corpus(engine, passage_id, tokens):
    text = engine.passage(passage_id).text
    found = []
    for token in tokenize(text):
        scope = scope_of(text, token)
        assert text[token.start:token.end].strip() == token.text
        found.append((token.kind, token.text, token.key, _steps(token), text[token.start:scope.end], scope.unit,
                      scope.elsewhere))
    assert found == tokens


@pytest.mark.parametrize("text, tokens", [
    # the citation strings of README.md and the `cite` command's help, one token each
    ("ILO C181, art. 7(1)", [("instrument", "C181", "c181", ()),
                             ("pinpoint", "art. 7(1)", "", (("article", "7"), ("sub", "1")))]),
    ("Convention on Domestic Workers, 2011 (No. 189), Article 15",
     [("instrument", "(No. 189)", "c189", ()), ("pinpoint", "Article 15", "", (("article", "15"),))]),
    ("A/RES/45/158, annex", [("symbol", "A/RES/45/158, annex", "A/RES/45/158", ())]),
    ("ICCPR, Optional Protocol, Art. 1", [("pinpoint", "Optional Protocol", "", (("appended", "Optional Protocol"),)),
                                         ("pinpoint", "Art. 1", "", (("article", "1"),))]),
    ("See ibid.; supra note 3, para. 11", [("short", "ibid.", "ibid", ()), ("short", "supra note 3", "op-cit", ()),
                                          ("pinpoint", "para. 11", "", (("paragraph", "11"),))]),
])
def test_queries_and_cite_inputs_are_read_by_the_same_table(text, tokens):
    assert [(t.kind, t.text, t.key, _steps(t)) for t in tokenize(text)] == tokens


def test_a_named_annex_and_another_instrument_s_unit_are_told_apart():
    text = "as provided in Article 3 of Annex II and in article 12 of the International Covenant"
    article, annex, other = tokenize(text)
    assert [article.text, annex.text, other.text] == ["Article 3", "Annex II", "article 12"]
    assert scope_of(text, article) == Scope(annex.end, "Annex", "II")
    assert scope_of(text, other) == Scope(other.end, elsewhere=True)


def test_an_exact_number_wins_over_a_longer_name():
    # "Migration for Employment Convention" is a name of C97; the number says C143
    assert find_document("Migration for Employment Convention No. 143", CATALOGUE)[0] == "c143"


def test_a_name_holding_an_appended_instrument_s_label_looks_there_first():
    appended = ("Labour Law",)
    typed = candidate_ids(find_citation("Qatar Labour Law art 40", REAL), "en", appended)
    assert typed == ["qa-labour-law/labour-law/art-40", "qa-labour-law/labour-law/art-xl", "qa-labour-law/art-40",
                     "qa-labour-law/art-xl"]
    title = find_citation("Law No. (14) of 2004 Promulgating the Labour Law, art 4", REAL)
    assert candidate_ids(title, "en", appended) == ["qa-labour-law/art-4", "qa-labour-law/art-iv",
                                                    "qa-labour-law/labour-law/art-4", "qa-labour-law/labour-law/art-iv"]
    explicit = find_citation("ICCPR, Optional Protocol, Art. 1", CATALOGUE)
    assert candidate_ids(explicit, "en", ("Optional Protocol",)) == ["iccpr/optional-protocol/art-1",
                                                                     "iccpr/optional-protocol/art-i"]


def test_every_short_citation_lexmig_prints_shows_its_own_unit(engine, library):
    # A citation lexmig prints must be one a user can paste back: "ECOSOC RT6 Note, Sec. I"
    # (5 sections) and "IOM Constitution, Annex" (2 unnumbered annexes) were not citations
    # lexmig could read, and "ESC 1961, Appendix, Part II" (3 parts) showed the whole Appendix.
    from lexmig.indexer.citation import format_citation

    wrong, count = [], 0
    for doc_id in sorted(library.installed()):
        entry = library.catalogue.get(doc_id)
        for unit in library.passages(doc_id)[1]:
            if unit.lang != "en":
                continue
            count += 1
            cited = format_citation(unit, entry, short=True)
            try:
                shown = engine.show(cited).passage_id
            except LexmigError as exc:
                shown = str(exc)
            if shown != unit.passage_id:
                wrong.append((cited, unit.passage_id, shown))
    assert (count, wrong) == (2695, [])
