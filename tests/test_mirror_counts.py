"""Exact unit counts of the instruments added to the mirror (issue 9), per language.

The expected figures are those of ../shared/corpus/README.md, counted from the texts: an
instrument's articles in order, and a second instrument in the same file (Optional
Protocol, Recommendation, Appendix, Schedule) as its own division.
"""

import pytest

from lexmig.indexer.citation import format_citation


def numbered(n: int) -> list[str]:
    return [str(i) for i in range(1, n + 1)]


def top_units(passages, lang: str, appended: str | None, kind: str) -> list[str]:
    """Labels of the units of `kind` directly under the instrument (or its appended one)."""
    found = []
    for p in passages:
        steps = [s for s in p.path if s.kind not in ("part", "chapter", "section", "title")]
        division = next((s.label for s in steps if s.kind == "appended"), None)
        units = [s for s in steps if s.kind != "appended"]
        if p.lang == lang and division == appended and len(units) == 1 and units[0].kind == kind:
            found.append(units[0].label)
    return found


@pytest.mark.parametrize("doc_id, appended, kind, labels, languages", [
    ("c019", None, "article", numbered(12), ("en", "nl")),
    ("c021", None, "article", numbered(15), ("en", "nl")),
    ("c029", None, "article", numbered(33), ("en", "nl")),
    ("p029", None, "article", numbered(12), ("en",)),
    ("c111", None, "article", numbered(14), ("en", "nl")),
    ("c138", None, "article", numbered(18), ("en", "nl")),
    ("c138", "Recommendation No. 146", "paragraph", numbered(16), ("en", "nl")),
    ("iccpr", None, "article", numbered(53), ("en", "nl")),
    ("iccpr", "Optional Protocol", "article", numbered(14), ("en", "nl")),
    ("icescr", None, "article", numbered(31), ("en", "nl")),
    ("cerd", None, "article", numbered(25), ("en", "nl")),
    ("cedaw", None, "article", numbered(30), ("en", "nl")),
    ("esc-1961", None, "article", numbered(38), ("en", "nl")),
    ("esc-1961", None, "paragraph", numbered(19), ("en", "nl")),  # Part I: the 19 rights
    ("esc-1961", "Appendix", "article", ["1", "4", "6", "7", "12", "13", "19", "20", "30"], ("en", "nl")),
    ("refugee-convention-1951", None, "article", numbered(46), ("en", "nl")),
    ("refugee-convention-1951", "Schedule", "paragraph", numbered(16), ("en", "nl")),
])
def test_new_mirror_instruments_have_every_unit_once(library, doc_id, appended, kind, labels, languages):
    _, passages = library.passages(doc_id)
    for lang in ("en", "nl"):
        expected = labels if lang in languages else []
        assert top_units(passages, lang, appended, kind) == expected, (doc_id, lang)


@pytest.mark.parametrize("doc_id, passage_id, short", [
    ("iccpr", "iccpr/optional-protocol/art-1", "ICCPR, Optional Protocol, Art. 1"),
    ("iccpr", "iccpr/art-1", "ICCPR, Art. 1"),
    ("c138", "c138/recommendation-146/para-3", "C138, Recommendation No. 146, para. 3"),
    ("refugee-convention-1951", "refugee-convention-1951/schedule/para-6", "Refugee Convention, Schedule, para. 6"),
])
def test_appended_instruments_are_cited_as_their_own_division(library, doc_id, passage_id, short):
    entry, passages = library.passages(doc_id)
    passage = next(p for p in passages if p.passage_id == passage_id)
    assert format_citation(passage, entry, short=True) == short
