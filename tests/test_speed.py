"""What lexmig does to search faster gives the results it gave before (speed itself is
measured by bench/, never asserted here)."""

import pytest

from lexmig.indexer import index as windex
from lexmig.search.rank import BM25_B, BM25_K1, Engine, Filters, _scoring

QUERIES = ["family reunion", '"equal treatment"', "recruitment fees", "social security acquired rights",
           "migrant domestic workers", "remitances"]


@pytest.fixture(scope="module")
def engine(library):
    return Engine(library)


def test_lengths_in_memory_and_the_faster_bm25f_give_whoosh_s_scores(library):
    from whoosh import scoring

    ix = windex.open_index(library.index_path)
    whoosh_s = scoring.BM25F(B=BM25_B, K1=BM25_K1, title_B=0.3, concepts_B=0.0)
    fast, plain = windex.searcher(ix, _scoring()), ix.searcher(weighting=whoosh_s)
    perdoc = [r._perdoc for r, _ in fast.reader().leaf_readers()]
    assert all(type(p._readers["_text_len"]).__name__ == "_LengthsInMemory" for p in perdoc)
    leaf = [s for s, _ in fast.leaf_searchers()][0]
    assert "score" in vars(fast.weighting.scorer(leaf, "text", "famili"))  # the faster scorer is used
    for field in ("text", "title", "concepts"):
        assert [fast.doc_field_length(d, field, 1) for d in range(fast.doc_count_all())] == \
               [plain.doc_field_length(d, field, 1) for d in range(plain.doc_count_all())]
    from whoosh.qparser import OrGroup, QueryParser

    for query in QUERIES:
        parsed = QueryParser("text", ix.schema, group=OrGroup).parse(query)
        assert [(h.docnum, h.score) for h in fast.search(parsed, limit=50)] == \
               [(h.docnum, h.score) for h in plain.search(parsed, limit=50)]


def test_postings_are_written_with_pickle_protocol_4_and_read_by_whoosh_s_own_codec(library):
    """Every postings block of the reference index is a protocol-4 pickle (Whoosh writes
    protocol 2); the segments name Whoosh's W3 codec, so Whoosh alone reads them."""
    import zlib

    from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher

    ix = windex.open_index(library.index_path)
    with ix.reader() as reader:
        blocks = 0
        for sub, _ in reader.leaf_readers():
            assert type(sub.codec()) is W3Codec
            for term in ("famili", "migrant", "worker", "state"):
                matcher = sub.postings("text", term)
                while type(matcher) is W3LeafMatcher and not matcher._atend:
                    data = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
                    assert (zlib.decompress(data) if matcher._compression else data)[:2] == b"\x80\x04"
                    blocks += 1
                    matcher._next_block()
    assert blocks >= 5  # the blocks of four common words, in every segment


def test_the_fast_postings_format_gives_whoosh_s_postings_for_every_passage(engine):
    """StemmedPositions makes the postings of every text and title of the reference corpus
    exactly as Whoosh's Positions format and StemmingAnalyzer do (words, frequencies,
    weights, encoded positions), and hands other analyzers and calls to Whoosh."""
    from whoosh import formats
    from whoosh.analysis import SimpleAnalyzer, StemmingAnalyzer

    from lexmig.indexer.postings import StemmedPositions

    analyzer, fast, whoosh_s = StemmingAnalyzer(), StemmedPositions(), formats.Positions()
    passages = [engine.passage(f["passage_id"]) for f in engine.searcher.all_stored_fields() if "passage_id" in f]
    values = [p.text for p in passages] + [p.title for p in passages if p.title]
    values += ["The *starred* word 5.1 of a.b. and I", "the and of", "", "Article 6(1)(b) ** wild*card"]
    assert len(values) > 5000
    for value in values:
        assert list(fast.word_values(value, analyzer, mode="index")) == \
               list(whoosh_s.word_values(value, analyzer, mode="index"))
    plain = SimpleAnalyzer()  # not a stemming chain: Whoosh's own way
    assert list(fast.word_values("The Migrant workers", plain, mode="index")) == \
           list(whoosh_s.word_values("The Migrant workers", plain, mode="index"))
    assert [type(engine.ix.schema[name].format) for name in ("text", "title", "body")] == [StemmedPositions] * 3


def test_a_language_alone_is_searched_through_the_smaller_set(engine):
    """English is most of the reference corpus: the Dutch passages are masked out; Dutch
    is searched among its own passages. Either way the hits are those of the filter."""
    from whoosh import query as wq

    dutch = set(engine.searcher.docs_for_query(wq.Term("lang", "nl")))
    english = set(engine.searcher.docs_for_query(wq.Term("lang", "en")))
    assert len(english) > len(dutch) > 0
    assert engine.allowed_and_masked(Filters()) == (None, dutch)
    assert engine.allowed_and_masked(Filters(lang="nl")) == (dutch, None)
    assert engine.allowed_and_masked(Filters(doc="C97")) == (engine.filter_docs(Filters(doc="C97")), None)
    subject = Filters(subject="family reunification")  # any filter besides the language: its own set
    assert engine.allowed_and_masked(subject) == (engine.filter_docs(subject), None) != (None, dutch)
    exact = Engine(engine.library)
    exact.allowed_and_masked = lambda filters: (exact.filter_docs(filters), None)
    for query, filters in [(q, Filters()) for q in QUERIES] + [("gezinshereniging", Filters(lang="nl"))]:
        found, expected = engine.search(query, filters), exact.search(query, filters)
        assert [(h.passage.passage_id, h.score) for h in found.hits] == \
               [(h.passage.passage_id, h.score) for h in expected.hits]
        assert found.hits and all(h.passage.lang == (filters.lang or "en") for h in found.hits)


WHOLE_MIX = QUERIES + ["migrant domestic workers", '"travel or identity documents"', "smugling of migrants",
                       "migrants -smuggling", "self-employed workers", "C97 remittances",
                       "trafficking NOT victims", '"migrant worker" AND family',
                       "Can migrant workers send their savings home?"]


def _whoosh_top(searcher, query, limit, allow=None, restrict=None):
    from whoosh.collectors import FilterCollector, TopCollector

    collector = TopCollector(limit, replace=0)
    if allow is not None or restrict is not None:
        collector = FilterCollector(collector, allow=allow, restrict=restrict)
    searcher.search_with_collector(query, collector)
    return [(hit.score, hit.docnum) for hit in collector.results()]


@pytest.mark.parametrize("filters", [Filters(), Filters(lang="nl"), Filters(doc="C97"), Filters(years=(1990, None))])
def test_top_passages_term_at_a_time_are_whoosh_s_exactly(engine, filters):
    """The same scores (the same floats) and the same passages in the same order as
    Whoosh's collector, for words, phrases, exclusions, coordination and filters."""
    from lexmig.search.collect import top_passages
    from lexmig.search.query import plan_query

    allow, mask = engine.allowed_and_masked(filters)
    compared = 0
    for text in WHOLE_MIX + ["gezinshereniging", "migrerende werknemers"]:
        plan = plan_query(text, engine.searcher, engine.names)
        expected = _whoosh_top(engine.searcher, plan.query, 60, allow, mask)
        assert top_passages(engine.searcher, plan.query, 60, allow, mask) == expected, text
        compared += bool(expected)
    assert compared >= 5  # Dutch passages answer few of these English words


@pytest.fixture(scope="module")
def resplit(library, tmp_path_factory):
    """The same library indexed again in another physical order and split: its documents
    in reverse order, written by one process in two commits (two segments), where the
    shared library's two-process build split them by timing."""
    import shutil

    from lexmig.indexer.library import Library

    home = tmp_path_factory.mktemp("resplit")
    shutil.copytree(library.home, home, symlinks=True, dirs_exist_ok=True)
    copy = Library(home, notify=lambda message: None)
    installed = copy.installed()
    target = windex.new_version_dir(copy.index_path)
    ix = windex.create(target)
    ids = sorted(installed, reverse=True)
    for part in (ids[:len(ids) // 2], ids[len(ids) // 2:]):
        writer = windex.writer(ix, 5)
        for doc_id in part:
            windex.add_document(writer, copy.catalogue.get(doc_id), installed[doc_id].sha256,
                                copy.segment_document(doc_id).passages)
        windex.commit(writer)
    windex.write_manifest(target, {doc_id: record.sha256 for doc_id, record in installed.items()})
    windex.record_checksums(target)
    windex.point_to(copy.index_path, target)
    return copy


def test_scores_and_hits_do_not_depend_on_how_the_passages_were_split(engine, resplit):
    """Equal scores are common (an article of one paragraph, a term found only through its
    concept): which passages make the top, and in what order, is decided by passage id,
    never by document number, for lexmig and for eval's baseline."""
    from lexmig.search.evaluation import baseline_ids

    other = Engine(resplit)
    first = [r.doc_count_all() for r, _ in engine.searcher.reader().leaf_readers()]
    second = [r.doc_count_all() for r, _ in other.searcher.reader().leaf_readers()]
    assert len(second) == 2 and sorted(first) != sorted(second) and sum(first) == sum(second)
    assert other.searcher.stored_fields(0)["doc_id"] != engine.searcher.stored_fields(0)["doc_id"]
    for text in WHOLE_MIX + ["C97 art. 6(1)(b)", "note para 11", "rights"]:
        for filters in (Filters(), Filters(doc="C97")):
            found, expected = other.search(text, filters), engine.search(text, filters)
            assert [(h.passage.passage_id, h.score) for h in found.hits] == \
                   [(h.passage.passage_id, h.score) for h in expected.hits], text
        assert baseline_ids(other, text) == baseline_ids(engine, text), text


def test_support_and_related_do_not_depend_on_how_the_passages_were_split(engine, resplit):
    """The provisions like a paragraph come in the same order from both builds (equal
    scores by passage id): two provisions sharing a subject with note para. 15 at one score
    came in either order."""
    from lexmig.search.related import Relations

    mine, other = Relations(engine), Relations(Engine(resplit))
    for pid in ("ecosoc-2006-rt6/para-15", "ecosoc-2006-rt6/para-11", "c097/art-6", "ets093/art-12"):
        unit = engine.passage(pid)
        assert [(i.passage and i.passage.passage_id, i.why) for i in other.support(unit).items] == \
               [(i.passage and i.passage.passage_id, i.why) for i in mine.support(unit).items], pid
        assert [(c.passage.passage_id, c.score) for c in other.closest(unit, 8)] == \
               [(c.passage.passage_id, c.score) for c in mine.closest(unit, 8)], pid


def _inverted_index(path):
    """Every term of the one segment at `path` (its key in the term table: field number and
    term), with its term info as stored and the bytes of its postings blocks (none when the
    term info holds its few postings itself); and every stored passage."""
    from whoosh.codec.whoosh3 import W3TermInfo
    from whoosh.filedb.filestore import FileStorage

    with FileStorage(str(path)).open_index().reader() as reader:
        terms, found = reader._terms, {}
        for key, value in terms._tindex.items():
            info = W3TermInfo.from_bytes(value)
            if info.is_inlined():
                found[key] = (value, None)
                continue
            offset, length = info.extent()  # Whoosh's from_bytes leaves the length in a 1-tuple
            found[key] = (value, terms._postfile.get(offset, length[0] if isinstance(length, tuple) else length))
        return found, list(reader.all_stored_fields())


@pytest.mark.parametrize("limitmb", [256, 1])
def test_the_term_pool_writes_whoosh_s_postings_byte_for_byte(library, tmp_path, limitmb):
    """An index written through TermPool and its field writer (and with 1 MB, in runs merged)
    holds the same terms, term statistics, postings blocks and stored passages, byte for
    byte, as one written through Whoosh's own pool and W3 field writer."""
    from whoosh.codec.whoosh3 import W3Codec

    from lexmig.indexer import codec

    installed = library.installed()
    documents = [(library.catalogue.get(doc_id), installed[doc_id].sha256, library.segment_document(doc_id).passages)
                 for doc_id in sorted(installed)]

    def written(name, codec_, pool):
        ix = windex.create(tmp_path / name)
        writer = ix.writer(codec=codec_, limitmb=limitmb)
        assert type(writer.pool) is pool  # a writer with another codec keeps Whoosh's pool
        for entry, sha, passages in documents:
            windex.add_document(writer, entry, sha, passages)
        if pool is codec.TermPool:
            assert (len(writer.pool._runs) > 1) == (limitmb == 1)
        writer.commit()
        return _inverted_index(tmp_path / name)

    whoosh_s = written("whoosh", W3Codec(), codec.WHOOSH_POOL)
    ours = written("ours", codec.WritingCodec(), codec.TermPool)
    assert len(whoosh_s[0]) > 20000 and len(whoosh_s[1]) > 4900
    assert ours == whoosh_s
