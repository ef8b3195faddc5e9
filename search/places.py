"""The places a question names ("annual leave in Dubai", "a worker from Kerala", "Abu Dhabi
employers"): the country each lies in, read from the gazetteer corpus/places.tsv (GeoNames
cities of at least 100,000 people and ISO 3166-2 first-level subdivisions, made by
corpus/make_places.py). A question that names a city asks about its country's law, as one that
names the country does; the installed documents rarely say which country a city is in.
"""

from __future__ import annotations

import functools
import re

_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")


@functools.cache
def _places() -> tuple[dict[str, str], int]:
    """Each place name in lower case -> its country's name; and the most words a name has."""
    from lexmig.indexer.catalogue import corpus_dir

    table = {}
    for line in (corpus_dir() / "places.tsv").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, country = line.split("\t")
            table[name.lower()] = country
    return table, max((name.count(" ") + 1 for name in table), default=1)


def places_in(text: str) -> list[tuple[str, str]]:
    """The places `text` names, as typed, with the country of each: the longest name at each
    word ("New Delhi" before "Delhi"), in any case.

    >>> places_in("Can my employer in Abu Dhabi keep my passport? I am from Kerala.")
    [('Abu Dhabi', 'United Arab Emirates'), ('Kerala', 'India')]
    """
    table, most = _places()
    words = list(_WORD_RE.finditer(text))
    found, at = [], 0
    while at < len(words):
        for size in range(min(most, len(words) - at), 0, -1):
            typed = text[words[at].start():words[at + size - 1].end()]
            country = table.get(" ".join(typed.split()).lower())
            if country:
                found.append((typed, country))
                at += size
                break
        else:
            at += 1
    return found
