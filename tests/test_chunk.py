"""A text without structure is cut into bounded, citable chunks (indexer.chunk).

The long texts here are generated from a few ordinary words with a fixed seed: no text of
the reference corpus is copied.
"""

import json
import random

from click.testing import CliRunner

from lexmig.indexer.chunk import MAX_CHARS, chunk_bounds, unstructured_passages
from lexmig.search.cli import cli
from lexmig.search.query import Highlight
from lexmig.search.render import SNIPPET_WORDS, snippet

WORDS = ("the of and to in for on by with as committee member report meeting session agenda budget office "
         "river harbour railway bridge garden museum weather season market morning letter station village "
         "county island coast water bread orchard engine factory school teacher lesson").split()


def generated_text(characters: int, seed: int = 7, marker: str = "", at: int = 0) -> str:
    """Sentences of ordinary words on one line; `marker` as the first word of the sentence
    that starts after character `at`."""
    rng = random.Random(seed)
    out, size = [], 0
    while size < characters:
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 25))]
        if marker and size >= at:
            words[0], marker = marker, ""
        sentence = " ".join(words).capitalize() + ". "
        out.append(sentence)
        size += len(sentence)
    return "".join(out).strip()


def test_chunks_are_bounded_cut_at_sentence_ends_and_lose_nothing():
    text = generated_text(60_000)
    bounds = chunk_bounds(text)
    assert len(bounds) == 31
    assert all(0 < end - start <= MAX_CHARS for start, end in bounds)
    assert all(text[end - 1] == "." for start, end in bounds)  # no line breaks: sentence ends
    assert "".join(text[a:b] for a, b in bounds).replace(" ", "") == text.replace(" ", "")


def test_a_text_without_spaces_is_still_cut():
    assert chunk_bounds("x" * 4500) == [(0, 2000), (2000, 4000), (4000, 4500)]


def test_chunks_carry_their_pages_and_a_short_text_stays_one_unit():
    line = generated_text(900)
    lines, offset = [], 0
    for page in (1, 2, 3, 4):
        lines.append((line, page, offset))
        offset += len(line) + 1
    passages = unstructured_passages(lines, "minutes", "en")
    assert [(p.passage_id, p.pages) for p in passages] == [
        ("minutes/chunk-1", (1, 2)), ("minutes/chunk-2", (3, 4))]
    assert passages[1].start == lines[2][2]
    single = unstructured_passages(lines[:1], "minutes", "en")
    assert [(p.passage_id, p.kind, p.pages) for p in single] == [("minutes/text", "text", (1,))]


def test_a_large_unstructured_file_becomes_citable_chunks(tmp_path):
    text = generated_text(200_000, marker="Lighthouse", at=25_000)
    source = tmp_path / "minutes.txt"
    source.write_text(text + "\n", encoding="utf-8")
    expected = next(n for n, (a, b) in enumerate(chunk_bounds(text), 1) if "Lighthouse" in text[a:b])

    def run(*args):
        return CliRunner().invoke(cli, ["--home", str(tmp_path / "home"), *args], catch_exceptions=False)

    added = run("add", str(source), "--accept-unstructured", "--id", "minutes", "--title", "Minutes")
    assert added.exit_code == 0, added.output
    assert "  units: 104 chunk en" in added.stdout.splitlines()
    assert run("passages", "minutes").stdout.splitlines()[1].split()[:3] == ["chunk-1", "chunk", "1"]
    found = json.loads(run("search", "lighthouse", "--json").stdout)["hits"]
    assert [(h["citation"], h["short_citation"]) for h in found] == [
        (f"Minutes, chunk {expected}", f"Minutes, chunk {expected}")]
    assert len(found[0]["text"]) <= MAX_CHARS
    shown = run("show", f"minutes chunk {expected}")
    assert shown.stdout.splitlines()[0] == f"Minutes, chunk {expected}"


def test_the_snippet_of_a_huge_passage_is_bounded():
    text = generated_text(2_000_000, marker="Lighthouse", at=1_000)
    marked = snippet(text, Highlight(words=frozenset({"lighthous"})))
    assert "**Lighthouse**" in marked
    assert marked.endswith(" …")
    assert len(marked.split()) <= SNIPPET_WORDS + 16  # back to the sentence start: up to 15 words more


def test_a_huge_unstructured_line_is_prepared_in_memory_proportional_to_it(tmp_path):
    # A 47 MB line took 680 MB to read, segment and report on: the language guess, the
    # document's vocabulary, the front matter's word count, the spacing of a unit's text and
    # the quality report each made a list of every word of it.
    import tracemalloc

    from lexmig.indexer.library import Library

    text = generated_text(4_000_000)
    source, small = tmp_path / "minutes.txt", tmp_path / "small.txt"
    source.write_text(text + "\n", encoding="utf-8")
    small.write_text(generated_text(4_000) + "\n", encoding="utf-8")
    library = Library(tmp_path / "home")
    library.prepare(small, {"id": "small"}, accept_unstructured=True)  # the modules it imports, imported
    tracemalloc.start()
    try:
        prepared = library.prepare(source, {"id": "minutes"}, accept_unstructured=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert prepared.report.units == {"chunk:en": len(chunk_bounds(text))}
    assert prepared.report.glued_word_ratio == 0.0 and prepared.report.characters == len(text)
    assert peak < 5 * len(text), f"{peak:,} bytes for a line of {len(text):,}"  # it took 14 times
