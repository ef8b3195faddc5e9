"""One very large unstructured document must not slow every search (issue 10, section 3).

    python bench/large_document.py            # about a minute
    python bench/large_document.py --add-peak 47000000   # adding a 47 MB text: peak memory, 3 minutes

Three libraries of the reference corpus (../shared/corpus), searched with the same queries
in one process each (warm: the median of several runs per query):

- small: the reference corpus plus a 20 kB single-line text of the same kind, added with
  --accept-unstructured (so that all three indexes have the same layout: an incremental
  add leaves a second index segment, which alone costs time);
- chunked: the corpus plus a 2 MB single-line text added the same way, cut into bounded
  chunks as lexmig does (indexer.chunk);
- one unit: the same 2 MB text kept as one passage (chunking switched off), as before.

The large text is generated from a few ordinary words with a fixed seed (no text of the
corpus is copied); its words ("committee", "report", "government", "member") also occur in
the legal instruments, so ordinary queries meet it. Results are reported as ratios to the
library with the small text, and saved to bench/results/large_document.json.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
sys.path.insert(0, str(ROOT))

from bench.run import QUERIES  # noqa: E402  (the fixed query mix of bench/run.py)

# Queries whose words the large document is made of: they are the ones it could slow down.
MEETING = ["government authority", "annual report of the committee", "member state", "meeting of the council",
           "school teacher", "railway station"]
WORDS = ("the a of and to in for on by with as at from that which shall be may not any other such its their "
         "committee member state government authority council report meeting session agenda budget programme "
         "office officer secretary minutes draft proposal decision amendment annual review record procedure "
         "river mountain harbour railway bridge garden library museum weather season harvest market price "
         "morning evening letter parcel telephone journey ticket station village county province island coast "
         "water bread cheese apple orchard machine engine factory school teacher student lesson chapter").split()


def large_text(characters: int, seed: int = 7) -> str:
    rng = random.Random(seed)
    out, size = [], 0
    while size < characters:
        sentence = " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 25))).capitalize() + ". "
        out.append(sentence)
        size += len(sentence)
    return "".join(out).strip() + "\n"


def library(home: Path, large: Path, chunked: bool = True):
    import lexmig.indexer.chunk
    from lexmig.indexer.library import Library

    lib = Library(home, notify=lambda message: None)
    results = lib.fetch([], mirror=CORPUS)
    assert all(r.ok for r in results), [r.message for r in results if not r.ok]
    lib.ensure_index()
    saved = lexmig.indexer.chunk.MAX_CHARS
    lexmig.indexer.chunk.MAX_CHARS = saved if chunked else 10 ** 9
    try:
        added, refused = lib.add([large], {"id": "minutes", "title": "Minutes"}, True, False, lambda items: items)
    finally:
        lexmig.indexer.chunk.MAX_CHARS = saved
    assert added and not refused, refused
    print(f"  added {large.name}: {len(added[0].segmentation.passages)} passages", file=sys.stderr)
    return Library(home, notify=lambda message: None)


def timings(lib, queries: list[str], repeat: int) -> dict[str, float]:
    """Median milliseconds per query: search and render every hit, as `lexmig search` does."""
    from lexmig.search.rank import Engine
    from lexmig.search.render import format_hit

    engine = Engine(lib)
    for query in queries:  # warm up: caches of the process and of this engine
        engine.search(query)
    found = {}
    for query in queries:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            result = engine.search(query)
            for hit in result.hits:
                format_hit(hit, lib.catalogue)
            times.append((time.perf_counter() - start) * 1000)
        found[query] = statistics.median(times)
    engine.close()
    return found


def add_peak(size: int) -> None:
    """Peak memory and CPU of `lexmig add` of one single-line text of `size` characters to a
    library holding the note, with the incremental writer's postings buffer at lexmig's size
    (index.INCREMENTAL_LIMIT_MB) and at Whoosh's default (128 MB), side by side."""
    import resource
    import subprocess

    from lexmig.indexer import index as windex

    program = ("import sys; import lexmig.indexer.index as w; w.INCREMENTAL_LIMIT_MB = int(sys.argv.pop(1)); "
               "from lexmig.search.cli import main; main()")
    with tempfile.TemporaryDirectory(prefix="lexmig-add-peak-") as tmp:
        text = Path(tmp) / "minutes.txt"
        text.write_text(large_text(size), encoding="utf-8")
        rows = {}
        for limit in (windex.INCREMENTAL_LIMIT_MB, 128):
            home = Path(tmp) / f"home-{limit}"
            run = [sys.executable, "-c", program, str(limit), "--home", str(home)]
            subprocess.run(run + ["search", "migrant", "--limit", "1"], check=True, capture_output=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run(run + ["add", str(text), "--id", "minutes", "--accept-unstructured"], check=True,
                           capture_output=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            # ru_maxrss of children is the largest any child reached: the adds run largest last
            rows[limit] = {"peak_mib": after.ru_maxrss / 1024,
                           "cpu_s": after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime}
    ours, whoosh = rows[windex.INCREMENTAL_LIMIT_MB], rows[128]
    print(f"| add of a {size / 1e6:g} MB single-line text | peak MiB | CPU s |")
    print("| --- | --- | --- |")
    print(f"| postings buffer {windex.INCREMENTAL_LIMIT_MB} MB (lexmig) | {ours['peak_mib']:.0f} | {ours['cpu_s']:.1f} |")
    print(f"| postings buffer 128 MB (Whoosh's default) | {whoosh['peak_mib']:.0f} | {whoosh['cpu_s']:.1f} |")
    print(f"| ratio | {ours['peak_mib'] / whoosh['peak_mib']:.2f} | {ours['cpu_s'] / whoosh['cpu_s']:.2f} |")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2_000_000, help="characters of the large text")
    parser.add_argument("--small", type=int, default=20_000, help="characters of the small text")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--add-peak", type=int, metavar="CHARACTERS",
                        help="instead: the peak memory of adding one text of this many characters "
                             "(e.g. 47000000, under the 50 MB file limit)")
    args = parser.parse_args()
    if args.add_peak:
        return add_peak(args.add_peak)
    if not CORPUS.is_dir():
        sys.exit(f"the reference corpus is missing: {CORPUS}")
    queries = [q for kind in QUERIES.values() for q in kind] + MEETING
    with tempfile.TemporaryDirectory(prefix="lexmig-large-") as tmp:
        texts = {"small": Path(tmp) / "small" / "minutes.txt", "large": Path(tmp) / "large" / "minutes.txt"}
        for key, size in (("small", args.small), ("large", args.size)):
            texts[key].parent.mkdir()
            texts[key].write_text(large_text(size), encoding="utf-8")
        runs = {}
        for name, text, chunked in (("small", "small", True), ("chunked", "large", True),
                                    ("one unit", "large", False)):
            print(f"{name} ...", file=sys.stderr)
            lib = library(Path(tmp) / name.replace(" ", "-"), texts[text], chunked)
            runs[name] = timings(lib, queries, args.repeat)
    rows = []
    for query in queries:
        base = runs["small"][query]
        rows.append({"query": query, "small_ms": base, "chunked_ms": runs["chunked"][query],
                     "one_unit_ms": runs["one unit"][query],
                     "chunked_ratio": runs["chunked"][query] / base, "one_unit_ratio": runs["one unit"][query] / base})
    medians = {name: statistics.median(r[name] for r in rows) for name in
               ("small_ms", "chunked_ms", "one_unit_ms", "chunked_ratio", "one_unit_ratio")}
    print(f"| query | {args.small // 1000} kB text, ms | {args.size / 1e6:g} MB chunked, ms | x | "
          f"{args.size / 1e6:g} MB one unit, ms | x |")
    print("| --- | --- | --- | --- | --- | --- |")
    for row in rows:
        print(f"| {row['query']} | {row['small_ms']:.1f} | {row['chunked_ms']:.1f} | {row['chunked_ratio']:.2f} | "
              f"{row['one_unit_ms']:.1f} | {row['one_unit_ratio']:.2f} |")
    print(f"| **median** | {medians['small_ms']:.1f} | {medians['chunked_ms']:.1f} | {medians['chunked_ratio']:.2f} | "
          f"{medians['one_unit_ms']:.1f} | {medians['one_unit_ratio']:.2f} |")
    out = ROOT / "bench" / "results" / "large_document.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"size": args.size, "small": args.small, "repeat": args.repeat, "rows": rows,
                               "medians": medians}, indent=2))


if __name__ == "__main__":
    main()
