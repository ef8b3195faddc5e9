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

import heapq


def top_passages(searcher, query, limit: int, allow=None, restrict=None) -> list[tuple[float, int]]:
    """The `limit` best (score, docnum) of `query`, best first, as Whoosh's TopCollector
    (inside a FilterCollector for `allow` and `restrict`) gives them."""
    context = searcher.context()
    found: dict[int, float] = {}
    for subsearcher, offset in searcher.leaf_searchers():
        scores, _ = _evaluate(query.matcher(subsearcher, context), False)
        if offset:
            scores = {offset + docnum: score for docnum, score in scores.items()}
        found.update(scores)
    if allow:  # an empty set is no filter, as in Whoosh
        found = {d: s for d, s in found.items() if d in allow}
    if restrict:
        found = {d: s for d, s in found.items() if d not in restrict}
    # Whoosh keeps a document only if it beats the lowest of the top so far, and sees
    # documents in order: the top by score, then by docnum.
    best = heapq.nsmallest(limit, ((-score, docnum) for docnum, score in found.items()))
    return [(-negated, docnum) for negated, docnum in best]


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
    return _stepped(matcher, counting)


def _postings(matcher, within: set[int] | None = None) -> dict[int, float]:
    """A term's postings scored with the BM25F of `indexer.index.bm25f`, block by block;
    with `within`, only the blocks that hold one of those documents are decoded."""
    idf, plus_one, norms, lengths = matcher.scorer.fast
    wanted = sorted(within) if within is not None else None
    if wanted is not None and not wanted:
        return {}
    j, passed = 0, -1  # wanted[j]: the first wanted document after the blocks passed
    scores: dict[int, float] = {}
    while not matcher._atend and matcher._i < matcher._blocklength:
        if wanted is not None:
            while j < len(wanted) and wanted[j] <= passed:
                j += 1
            if j == len(wanted):
                break
            passed = matcher._maxid  # the block's last id, known from its header
            if wanted[j] > passed:
                matcher._next_block()
                continue
        if matcher._ids is None:
            matcher._read_ids()
        if matcher._weights is None:
            matcher._read_weights()
        start = matcher._i
        ids, weights = matcher._ids, matcher._weights
        if start:
            ids, weights = ids[start:], weights[start:]
        if wanted is None:
            scores.update({d: idf * ((tf * plus_one) / (tf + norms[lengths[d]])) for d, tf in zip(ids, weights)})
        else:
            scores.update({d: idf * ((tf * plus_one) / (tf + norms[lengths[d]]))
                           for d, tf in zip(ids, weights) if d in within})
        matcher._next_block()
    return scores


def _added(a: dict[int, float], b: dict[int, float], union: bool) -> dict[int, float]:
    """a's score plus b's where both match (an addition: the order of a and b does not
    change the float); with `union`, also the documents only one of them matches."""
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    if not union:
        return {d: s + large[d] for d, s in small.items() if d in large}
    scores = dict(large)
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
        if counting:
            counts[docnum] = sum(1 for _ in matcher.matching_terms(docnum))
        matcher.next()
    return scores, counts
