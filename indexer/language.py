"""Which language a text is written in, by the commonest words of each language.

`indexer.segment.split_languages` finds where a file's text gives way to its translation
(English, then Dutch, as the Dutch treaty database prints them); `indexer.metadata` tells a
title in another language from the document's own.
"""

from __future__ import annotations

import re
from collections import Counter

from .source import Line

EN_WORDS = frozenset("the of and to shall be for or any by which with this that is are on as its "
                     "their from such has have may other".split())
NL_WORDS = frozenset("de het van en een te voor zijn die dat wordt worden op met aan bij door "
                     "niet deze dit zal ter onder hun als ook".split())
# The commonest words of each language a one-language document may be written in.
LANGUAGE_WORDS = {
    "en": EN_WORDS,
    "nl": NL_WORDS,
    "de": frozenset("der die das und des den dem ist sind wird werden nicht von mit für auf im zu eine einer "
                    "eines sich oder auch nach bei über durch".split()),
    "fr": frozenset("le la les des et du est sont dans pour une que qui par sur au aux ou ne pas être "
                    "ces cette doit".split()),
    "es": frozenset("el la los las del y en que por para una con se su al sus como o lo debe".split()),
    # Cyrillic: a judgment or treaty in Ukrainian or Russian (before, read as English or German)
    "uk": frozenset("і та що у від це які якщо його її для про є був була було також щодо згідно".split()),
    "ru": frozenset("и что с от это который которые к из его ее для о был была было также согласно".split()),
}


def guess_language(lines: list[Line]) -> str:
    """The language whose commonest words the text uses most (English on a tie)."""
    found = Counter(m.group() for line in lines for m in re.finditer(r"[a-zà-ÿßа-яёіїєґ]+", line.text.lower()))
    counts = {lang: sum(found[word] for word in words) for lang, words in LANGUAGE_WORDS.items()}
    return max(counts, key=lambda lang: (counts[lang], lang == "en"))


def language_score(text: str) -> int:
    """How much more English than Dutch a text reads: its English common words less its Dutch ones."""
    words = (m.group() for m in re.finditer(r"[a-zà-ÿ]+", text.lower()))  # no list: a line may be a whole book
    return sum((w in EN_WORDS) - (w in NL_WORDS) for w in words)
