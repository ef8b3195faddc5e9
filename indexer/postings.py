"""The postings of lexmig's stemmed fields (text, title, body), made without Whoosh's token objects.

Whoosh indexes a TEXT field by running its analyzer, a chain of generators (tokenizer,
lower case, stop words, stems) that hands one token object through four calls per word,
then counting the tokens. Most of a build's time went there. This format gives the same
postings (words, frequencies, weights, positions, in the same order) from one loop over
the analyzer's own regular expression, stop list and stem cache, when the analyzer is a
StemmingAnalyzer's chain; any other analyzer or call goes through Whoosh as before. They
only make postings: searching, decoding and the query parser use Whoosh's formats.

    from lexmig.indexer.postings import StemmedPositions
    field.format = StemmedPositions()  # for a TEXT field with phrases (Whoosh's default)
"""

from __future__ import annotations

from typing import Any

from whoosh import formats
from whoosh.analysis import LowercaseFilter, RegexTokenizer, StemFilter, StopFilter
from whoosh.analysis.analyzers import CompositeAnalyzer

_CHAIN = (RegexTokenizer, LowercaseFilter, StopFilter, StemFilter)


def _stemmed(analyzer, value, kwargs) -> list[tuple[str, int]] | None:
    """(stem, position) of each token the StemmingAnalyzer chain `analyzer` keeps from
    `value`, as Whoosh numbers them; None when `analyzer` or the call is another kind."""
    if type(value) is not str or kwargs != {"mode": "index"} or type(analyzer) is not CompositeAnalyzer:
        return None
    chain: tuple[Any, ...] = tuple(analyzer.items)
    if tuple(map(type, chain)) != _CHAIN or chain[0].gaps:
        return None
    tokenizer, _, stops, stemmer = chain
    stoplist, shortest, longest, renumber = stops.stops, stops.min, stops.max, stops.renumber
    stem, ignore = stemmer._stem, stemmer.ignore
    found = []
    kept = None  # StopFilter's renumbering: the first kept word keeps its place, the others follow it
    for place, match in enumerate(tokenizer.expression.finditer(value)):
        word = match.group(0).lower()
        if len(word) < shortest or (longest is not None and len(word) > longest) or word in stoplist:
            continue
        kept = place if kept is None or not renumber else kept + 1
        found.append((word if word in ignore else stem(word), kept))
    return found


class StemmedPositions(formats.Positions):
    """formats.Positions (a phrase field), its postings made by `_stemmed`."""

    def word_values(self, value, analyzer, **kwargs):
        found = _stemmed(analyzer, value, kwargs)
        if found is None:
            yield from super().word_values(value, analyzer, **kwargs)
            return
        places: dict[str, list[int]] = {}
        for word, place in found:
            places.setdefault(word, []).append(place)
        boost = self.field_boost
        for word, held in places.items():
            yield word, len(held), float(len(held)) * boost, self.encode(held)

