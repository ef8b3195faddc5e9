"""Property tests (Hypothesis): the readers, the citation parser and the query parser raise
nothing but lexmig's own errors, whatever they are given. A fixed budget, derandomized, so
that CI runs the same examples in a few seconds."""

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from lexmig.indexer.catalogue import load_catalogue
from lexmig.indexer.errors import LexmigError
from lexmig.indexer.library import Library
from lexmig.indexer.readers import read_bytes
from lexmig.indexer.segment import segment
from lexmig.search.citations import candidate_ids, find_citation, scope_of, tokenize
from lexmig.search.rank import Engine

BUDGET = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Pieces of the syntax each parser looks for, so that examples reach past the first check.
MARKUP = ["# ", "## Article 1", "Article 2", "ANNEX II", "(a) ", "(1) ", "1. ", "<sup>1</sup>", "<sup>", "</sup>",
          "[link](http://x)", "<a href='x'>", "<p>", "</p>", "<div>", "<ol><li>", "<table><tr><td>", "---", "\n",
          "\r\n", "\t", "Part I", "Chapter 3", "Preamble", "\ue000", "\x00", "\ufeff", "é", "§", "*", "`"]
CITATION = ["C97", "C 181", "ETS 93", "note", "GATS", "Convention No. 97", "Annex", "Annex II", "Annex M", "art.",
            "Article", "6", "(1)", "(b)", "(ii)", "bis", "para", "paragraph 11", "fn.", "footnote 7 of the note",
            "preamble", "Part", "XIX", "of", "the", " ", ",", "(", ")", "0", "999"]
# running text and footnotes: scopes after a pinpoint, bracketed numbers, symbols, short forms
RUNNING = CITATION + ["this", "Convention", "Constitution", "in", "(No. 189)", "A/RES/45/158", "annex", "Ibid",
                      "Id.", "op. cit.", "op.cit.", "supra", "loc. cit.", ";", "."]
QUERY = ["family", "reunion", "remittances", "brain drain", '"', "AND", "OR", "NOT", "-", "(", ")", "*", "?", "~",
         "^", ":", "text:", "title:", "C97", "art 6", "remitances", "what", "can", " ", "\\", "[", "]", "{", "}",
         "'", "/"]


def assert_one_line_about(name: str, error: LexmigError):
    """A user's error: one line, naming the file it is about."""
    assert str(error).startswith(f"{name}: ") and "\n" not in str(error), str(error)


def texts(pieces: list[str]):
    """Strings made of the parser's own syntax and arbitrary characters."""
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=12)), max_size=25).map("".join)


@BUDGET
@given(st.binary(max_size=3000))
@example(b"%PDF-1.4\n%%EOF")
@example(b"\xff\xfe\x00\xd8")
@example(b"<html><body>" + b"<div>" * 300)
def test_reading_any_bytes_gives_text_or_a_bad_file_error(data):
    try:
        source = read_bytes(data, "x")
    except LexmigError as error:
        assert_one_line_about("x", error)
    else:
        assert source.format in ("pdf", "html", "md")
        assert all(isinstance(line.text, str) for line in source.lines)


@BUDGET
@given(texts(MARKUP), st.sampled_from(["", "<html><body>"]))
def test_reading_and_segmenting_any_text_raises_only_lexmig_errors(text, prefix):
    try:
        source = read_bytes((prefix + text).encode("utf-8", "surrogatepass"), "x")
        passages = segment(source, "x", allow_unstructured=True).passages
    except LexmigError as error:
        assert_one_line_about("x", error)
    else:
        assert all(p.doc_id == "x" and p.passage_id.startswith("x/") for p in passages)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@BUDGET
@given(text=texts(CITATION))
@example(text="C97 Annex M art 1")
def test_the_citation_parser_takes_any_text(catalogue, text):
    ref = find_citation(text, catalogue)
    if ref is not None:
        assert catalogue.get(ref.doc_id).id == ref.doc_id
        assert all(pid.startswith(f"{ref.doc_id}/") for pid in candidate_ids(ref, "en"))
        assert len(ref.remainder(text)) <= len(text)


@BUDGET
@given(text=texts(RUNNING))
@example(text="Article 3 of Annex II")
def test_the_tokenizer_and_scopes_take_any_text(text):
    end = 0
    for token in tokenize(text):
        assert end <= token.start < token.end <= len(text)  # in order, none overlapping
        assert text[token.start:token.end].strip() == token.text
        assert (token.kind == "short") == (token.key in ("ibid", "op-cit"))
        scope = scope_of(text, token)
        assert token.end <= scope.end <= len(text)
        assert not (scope.elsewhere and scope.unit)
        end = token.end


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    """An engine over a library holding only the built-in note (no download needed)."""
    found = Engine(Library(tmp_path_factory.mktemp("note-home"), notify=lambda m: None))
    yield found
    found.close()


@BUDGET
@given(text=texts(QUERY))
@example(text='"unbalanced')
@example(text="NOT")
@example(text="C97 Annex M art 1")
def test_the_query_parser_takes_any_text(engine, text):
    try:
        found = engine.search(text, limit=3)
    except LexmigError as error:
        assert "\n" not in str(error), str(error)
    else:
        assert len(found.hits) <= 3
        assert [h.rank for h in found.hits] == list(range(1, len(found.hits) + 1))
