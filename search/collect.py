"""The top passages of a query: Whoosh's scores and order, computed term at a time.

Whoosh collects the top passages document at a time: for every passage that matches, a
tree of Python matchers is asked for the next id and the score, about 15 µs a passage, and
at 100k passages a query of common words matches thousands. Here the same matcher tree
(built by Whoosh, so its shape, boosts and coordination factors are Whoosh's) is walked
once per node instead: each term's postings are read a block at a time and scored in a
loop over plain lists, and the nodes combine the scores with the same additions in the
same order, so every score is the same float and the passages chosen are the ones
Whoosh's collector chooses (highest score first, then document order). Matchers this
module does not know (phrases, lists) are stepped through with Whoosh's own calls.

    from lexmig.search.collect import top_passages
    top_passages(searcher, query, 60)   # [(score, docnum), ...], best first
"""

from __future__ import annotations

import gc
import heapq
from array import array
from contextlib import contextmanager


def top_passages(searcher, query, limit: int, allow=None, restrict=None, tie=None) -> list[tuple[float, int]]:
    """The `limit` best (score, docnum) of `query`, best first, as Whoosh's TopCollector
    (inside a FilterCollector for `allow` and `restrict`) gives them.

    Whoosh orders equal scores by document number, which depends on how the passages were
    split into segments (a two-process build splits them by timing). With `tie` (docnum ->
    a key, e.g. `passage_ids(searcher)`), equal scores are ordered by that key instead, and
    the passages kept at the cut are the same whatever the split."""
    _READ.clear()  # blocks decoded for the last search: the next one reads its own
    with no_collection():
        found = _scored(searcher, query, allow)
        if restrict:
            found = {d: s for d, s in found.items() if d not in restrict}
        # Whoosh keeps a document only if it beats the lowest of the top so far, and sees
        # documents in order: the top by score, then by docnum. One more than the limit
        # says whether the cut falls inside a group of equal scores.
        best = heapq.nsmallest(limit + 1, ((-score, docnum) for docnum, score in found.items()))
        if tie is not None and best:
            best = _ties_by(best, found, tie, limit)
        return [(-negated, docnum) for negated, docnum in best[:limit]]


@contextmanager
def no_collection():
    """Python's cyclic garbage collector paused: scoring makes tens of thousands of tuples
    and dicts (none in a cycle), and each run of the collector walked every object the
    search holds, the decoded postings too (10-20% of a query's CPU at 1M passages)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _scored(searcher, query, allow) -> dict[int, float]:
    """docnum -> score of every passage `query` matches (among `allow`, if given)."""
    context = searcher.context()
    found: dict[int, float] = {}
    for subsearcher, offset in searcher.leaf_searchers():
        within = None  # a filter's passages in this segment: the others are not scored at all
        if allow:
            end = offset + subsearcher.reader().doc_count_all()
            within = {d - offset for d in allow if offset <= d < end}
        scores, _ = _evaluate(query.matcher(subsearcher, context), False, within)
        if offset:
            scores = {offset + docnum: score for docnum, score in scores.items()}
        found.update(scores)
    if allow:  # an empty set is no filter, as in Whoosh
        found = {d: s for d, s in found.items() if d in allow}
    return found


def _ties_by(best: list[tuple[float, int]], found: dict[int, float], tie, limit: int) -> list[tuple[float, int]]:
    """`best` (negated score, docnum; the top `limit` and the next one, if any) with equal
    scores ordered by `tie`; when the cut falls inside a group of equal scores, the passages
    of that score are chosen among all of `found` that have it."""
    last = best[:limit][-1][0]
    if len(best) > limit and best[limit][0] == last:
        best = [item for item in best if item[0] != last] + [(last, d) for d, s in found.items() if s == -last]
    else:
        best = best[:limit]
    count: dict[float, int] = {}
    for negated, _ in best:
        count[negated] = count.get(negated, 0) + 1
    if len(count) == len(best):
        return best
    keys = {d: tie(d) for negated, d in best if count[negated] > 1}  # read for the tied ones only
    best.sort(key=lambda item: (item[0], keys.get(item[1], "")))
    return best[:limit]


def passage_ids(searcher, read: dict[int, dict] | None = None):
    """docnum -> its passage id: a key for `top_passages`'s ties that does not depend on
    the split into segments. The stored records read are kept in `read`, if given."""
    kept = {} if read is None else read

    def passage_id(docnum: int) -> str:
        if docnum not in kept:
            kept[docnum] = searcher.stored_fields(docnum)
        return kept[docnum].get("passage_id", "")

    return passage_id


def _evaluate(matcher, counting: bool, within: set[int] | None = None):
    """(docnum -> score, docnum -> number of matching terms or None) of one matcher tree,
    for the documents it matches (those in `within` at least, when it is given: the
    others may be left out). Counts are what Whoosh's CoordMatcher reads
    (`matching_terms`); they are only computed where one asks for them."""
    from whoosh.codec.whoosh3 import W3LeafMatcher
    from whoosh.matching import binary, mcore, wrappers

    kind = type(matcher)
    if kind is W3LeafMatcher and getattr(matcher.scorer, "fast", None) is not None:
        scores = _postings(matcher, within)
        return scores, (dict.fromkeys(scores, 1) if counting else None)
    if kind is mcore.NullMatcherClass:
        return {}, ({} if counting else None)
    if kind in (binary.UnionMatcher, binary.IntersectionMatcher, binary.AndMaybeMatcher, binary.AndNotMatcher):
        a, a_counts = _evaluate(matcher.a, counting, within)
        # The second side matters only where the first matches, but for a union.
        b, b_counts = _evaluate(matcher.b, counting and kind is not binary.AndNotMatcher,
                                within if kind is binary.UnionMatcher else set(a))
        if kind is binary.UnionMatcher:
            scores = _added(a, b, union=True)
        elif kind is binary.IntersectionMatcher:
            scores = _added(a, b, union=False)
        elif kind is binary.AndMaybeMatcher:  # a's documents, b's score added where b matches too
            scores = {d: (s + b[d] if d in b else s) for d, s in a.items()}
        else:  # AndNot: a's documents that b does not match
            scores = {d: s for d, s in a.items() if d not in b}
            b_counts = {}
        counts = None
        if counting:
            counts = {d: a_counts.get(d, 0) + b_counts.get(d, 0) for d in scores}
        return scores, counts
    if kind is wrappers.WrappingMatcher:  # a boost
        child, counts = _evaluate(matcher.child, counting, within)
        boost = matcher.boost
        return {d: s * boost for d, s in child.items()}, counts
    if kind is wrappers.FilterMatcher:  # deleted passages left out (boost 1.0 multiplies as in Whoosh)
        child, counts = _evaluate(matcher.child, counting, within)
        ids, exclude, boost = matcher._ids, matcher._exclude, matcher.boost
        scores = {d: s * boost for d, s in child.items() if (d in ids) != exclude}
        return scores, ({d: counts[d] for d in scores} if counting else None)
    if kind is wrappers.CoordMatcher:
        child, counts = _evaluate(matcher.child, True, within)
        sqr = matcher._sqr
        scores = {d: sqr(s, counts[d]) for d, s in child.items()}
        return scores, (counts if counting else None)
    if kind is _phrase_matcher_class():
        return _phrase(matcher, counting, within)
    return _stepped(matcher, counting)


def _phrase_matcher_class():
    from whoosh.query.spans import SpanNear2

    return SpanNear2.SpanNear2Matcher


def _phrase(matcher, counting: bool, within: set[int] | None):
    """A phrase (Whoosh's SpanNear2 matcher over its words' postings): the passages that
    hold every word are found from the postings, with each word's positions there, and
    Whoosh's own span test is run on those positions only. Its score is its words' scores
    added as Whoosh's binary tree of intersections adds them."""
    from types import SimpleNamespace

    from whoosh.codec.whoosh3 import W3LeafMatcher

    words = matcher.ms
    if not all(type(m) is W3LeafMatcher and getattr(m.scorer, "fast", None) is not None for m in words):
        return _stepped(matcher, counting)
    found: dict[int, tuple[dict[int, float], dict[int, bytes]]] = {}
    for m in sorted(words, key=lambda m: m.scorer.fast[0], reverse=True):  # the rarest word first
        values: dict[int, bytes] = {}
        scores = _postings(m, within, values)
        found[id(m)] = scores, values
        within = set(scores) if within is None else within.intersection(scores)
    spans = [_span_reader(m) for m in words]
    test = SimpleNamespace(slop=matcher.slop, ordered=matcher.ordered, mindist=matcher.mindist)
    span_test = type(matcher)._get_spans
    in_order = [found[id(m)] for m in words]
    scores = {}
    boost = matcher.boost
    for docnum in within or ():
        test.ms = [_Spans(read(values[docnum])) for read, (_, values) in zip(spans, in_order)]
        if span_test(test):
            scores[docnum] = _tree_sum([word[docnum] for word, _ in in_order]) * boost
    return scores, (dict.fromkeys(scores, len(words)) if counting else None)


class _Spans:
    """What Whoosh's span test asks of a word's matcher: its spans in the current passage."""

    def __init__(self, spans):
        self._spans = spans

    def spans(self):
        return self._spans


def _span_reader(matcher):
    """value -> spans, as LeafMatcher.spans makes them from the current posting's value."""
    from whoosh.query.spans import Span

    if matcher.supports("characters"):
        decode = matcher.format.decoder("characters")
        return lambda value: [Span(pos, startchar=start, endchar=end) for pos, start, end in decode(value)]
    decode = matcher.format.decoder("positions")
    return lambda value: [Span(pos) for pos in decode(value)]


def _tree_sum(values: list[float]) -> float:
    """values added as whoosh.util.make_binary_tree pairs them (halves, recursively)."""
    if len(values) == 1:
        return values[0]
    half = len(values) // 2
    return _tree_sum(values[:half]) + _tree_sum(values[half:])


def _postings(matcher, within: set[int] | None = None, values: dict[int, bytes] | None = None) -> dict[int, float]:
    """A term's postings scored with the BM25F of `indexer.index.bm25f`, block by block;
    with `within`, only the blocks that hold one of those documents are decoded. `values`
    receives each scored passage's posting value (its positions), if given."""
    idf, plus_one, norms, lengths = matcher.scorer.fast
    scores: dict[int, float] = {}
    for ids, weights, start in _blocks(matcher, within, values is not None):
        if values is not None:
            values.update((d, v) for d, v in zip(ids, matcher._values[start:])
                          if within is None or d in within)
        if within is None:
            scores.update({d: idf * ((tf * plus_one) / (tf + norms[lengths[d]])) for d, tf in zip(ids, weights)})
        else:
            scores.update({d: idf * ((tf * plus_one) / (tf + norms[lengths[d]]))
                           for d, tf in zip(ids, weights) if d in within})
    return scores


def _blocks(matcher, within: set[int] | None, with_values: bool = False):
    """(ids, weights, start) of each postings block of a W3 leaf matcher from where it
    stands (ids and weights from `start` on); with `within`, only the blocks that hold one
    of those documents (the others are passed by their headers, never decoded)."""
    if type(matcher._postfile) is not _PostingsInMemory:
        key = (id(matcher._postfile), matcher._startoffset)
        if key not in _READ:
            length = matcher._length  # Whoosh's term info reads it from disk as a 1-tuple
            length = length[0] if isinstance(length, tuple) else length
            _READ[key] = (_PostingsInMemory(matcher._postfile, matcher._startoffset, length), {})
        matcher._postfile = _READ[key][0].copy()
    decoded = _READ[(id(matcher._postfile.source), matcher._startoffset)][1]
    wanted = sorted(within) if within is not None else None
    j, passed = 0, -1  # wanted[j]: the first wanted document after the blocks passed
    while not matcher._atend and matcher._i < matcher._blocklength:
        if wanted is not None:
            while j < len(wanted) and wanted[j] <= passed:
                j += 1
            if j == len(wanted):
                return
            passed = matcher._maxid  # the block's last id, known from its header
            if wanted[j] > passed:
                matcher._next_block()
                continue
        if matcher._ids is None:
            block = decoded.get(matcher._dataoffset)
            if block is None:
                _read_ids(matcher)
                _read_weights(matcher)
                decoded[matcher._dataoffset] = matcher._ids, matcher._weights
            else:
                matcher._ids, matcher._weights = block
        if matcher._weights is None:
            _read_weights(matcher)
        if with_values and matcher._values is None:
            matcher._read_values()
        start = matcher._i
        ids, weights = matcher._ids, matcher._weights
        assert ids is not None and weights is not None  # read above
        yield (ids[start:], weights[start:], start) if start else (ids, weights, 0)
        matcher._next_block()


# What one search has read of each term's postings (the top passages, then the terms of
# those passages read the same blocks again): (postings file, term) -> (its postings in
# memory, block position -> its decoded ids and weights).
_READ: dict[tuple[int, int], tuple[_PostingsInMemory, dict[int, tuple]]] = {}


class _PostingsInMemory:
    """One term's postings, read from the postings file with one call, in place of that
    file for its matcher. Indexes are opened without memory maps (indexer.index._storage):
    through the file, each block header took a score of small reads (an int, then a pickle
    read a few bytes at a time)."""

    def __init__(self, postfile, start: int, length: int, data: bytes | None = None):
        import io

        self.source, self._base = postfile, start
        self._data = postfile.get(start, length) if data is None else data
        self._file = io.BytesIO(self._data)

    def copy(self) -> _PostingsInMemory:
        """The same postings with a position of its own (for another matcher)."""
        return _PostingsInMemory(self.source, self._base, 0, self._data)

    def seek(self, position: int, whence: int = 0):
        self._file.seek(position - self._base)

    def tell(self) -> int:
        return self._base + self._file.tell()

    def read(self, size: int = -1) -> bytes:
        return self._file.read(size)

    def read_int(self) -> int:
        from whoosh.system import _INT_SIZE, unpack_int

        return unpack_int(self._file.read(_INT_SIZE))[0]

    def read_pickle(self):
        import pickle

        return pickle.load(self._file)

    def get(self, position: int, length: int) -> bytes:
        start = position - self._base
        return self._data[start:start + length]


def _read_ids(matcher):
    """W3LeafMatcher._read_ids, with its ids' deltas added up by itertools.accumulate (the
    same sums) instead of a Python generator step per id."""
    from itertools import accumulate

    if matcher._data is None:
        matcher._read_data()
    ids = matcher._data[0]
    matcher._ids = ids if matcher._byteids else tuple(accumulate(ids))


def _read_weights(matcher):
    """W3LeafMatcher._read_weights, with a block whose postings all weigh the same (Whoosh
    stores it as one number, None for 1.0) given one shared tuple of that weight, as the
    4-byte float Whoosh's array holds, instead of an array filled a value at a time."""
    if matcher._data is None:
        matcher._read_data()
    weights = matcher._data[1]
    if weights is None or isinstance(weights, float):
        key = (1.0 if weights is None else weights, matcher._blocklength)
        if key not in _SAME_WEIGHTS:
            _SAME_WEIGHTS[key] = (array("f", [key[0]])[0],) * key[1]
        weights = _SAME_WEIGHTS[key]
    matcher._weights = weights


_SAME_WEIGHTS: dict[tuple[float, int], tuple[float, ...]] = {}  # (weight, postings in the block) -> the block's weights


def term_frequencies(searcher, fieldname: str, text, docnums: set[int]) -> dict[int, float]:
    """docnum -> the term's frequency (its posting weight) for those of `docnums` (global
    document numbers) that hold the term, read block by block as `top_passages` reads."""
    from whoosh.codec.whoosh3 import W3LeafMatcher

    if isinstance(text, str):
        text = searcher.schema[fieldname].to_bytes(text)
    found: dict[int, float] = {}
    for subsearcher, offset in searcher.leaf_searchers():
        reader = subsearcher.reader()
        local = {d - offset for d in docnums if offset <= d < offset + reader.doc_count_all()}
        if not local or (fieldname, text) not in reader:
            continue
        matcher = reader.postings(fieldname, text)
        if type(matcher) is W3LeafMatcher:
            for ids, weights, _ in _blocks(matcher, local):
                found.update((offset + d, tf) for d, tf in zip(ids, weights) if d in local)
        else:  # deletions (a FilterMatcher): Whoosh's calls
            while matcher.is_active():
                if matcher.id() in local:
                    found[offset + matcher.id()] = matcher.weight()
                matcher.next()
    return found


def _added(a: dict[int, float], b: dict[int, float], union: bool) -> dict[int, float]:
    """a's score plus b's where both match (an addition: the order of a and b does not
    change the float); with `union`, also the documents only one of them matches. For a
    union the larger of the two is updated in place: every node's scores are its own."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not union:
        return {d: s + large[d] for d, s in small.items() if d in large}
    scores = large
    for d, s in small.items():
        other = scores.get(d)
        scores[d] = s if other is None else s + other
    return scores


def _stepped(matcher, counting: bool) -> tuple[dict[int, float], dict[int, int] | None]:
    """Any other matcher (a phrase, a list of ids): stepped through with Whoosh's calls."""
    scores: dict[int, float] = {}
    counts: dict[int, int] | None = {} if counting else None
    while matcher.is_active():
        docnum = matcher.id()
        scores[docnum] = matcher.score()
        if counts is not None:
            counts[docnum] = sum(1 for _ in matcher.matching_terms(docnum))
        matcher.next()
    return scores, counts
