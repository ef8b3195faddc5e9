"""Where a search spends its work, in counts that do not depend on the machine's load.

    python bench/counts.py HOME                 # per kind of query: ms, postings blocks, bytes ...
    python bench/counts.py HOME --cprofile 30   # and the 30 costliest functions (cProfile)
    python bench/counts.py HOME --cold          # the same counts for opening the index (Engine)

HOME is a lexmig data home (`lexmig --home HOME fetch --mirror ../shared/corpus`, or one that
bench/run.py made and kept with --keep). The query mix is bench/run.py's. Counted, per
query (medians over the queries of a kind):

- blocks: postings blocks decoded (ids, weights and positions are read a block at a time);
- scored: postings scored while collecting the top passages (search.collect);
- lengths: field lengths read (BM25 needs one per scored passage and field);
- stored: stored records read (a passage's JSON);
- reads / KiB: read system calls and bytes read from files (/proc/self/io).

Times on a loaded machine are unreliable; these counts are not, and they say which change
removes work. Compare two versions of the code by running this script from each worktree.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

COUNTED = ("blocks", "scored", "lengths", "stored")
counts = dict.fromkeys(COUNTED, 0)


def _counting(owner, name: str, key: str):
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        counts[key] += 1
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)


def install_counters():
    from whoosh import collectors
    from whoosh.codec import whoosh3

    from lexmig.search import collect

    _counting(whoosh3.W3LeafMatcher, "_read_data", "blocks")
    _counting(collectors.ScoredCollector, "collect", "scored")  # Whoosh's collector, where it still runs
    postings, stepped = collect._postings, collect._stepped

    def scored_postings(*args, **kwargs):  # search.collect's term-at-a-time scoring
        found = postings(*args, **kwargs)
        counts["scored"] += len(found)
        return found

    def scored_steps(*args, **kwargs):  # and the matchers it steps through
        found = stepped(*args, **kwargs)
        counts["scored"] += len(found[0])
        return found

    collect._postings, collect._stepped = scored_postings, scored_steps
    _counting(whoosh3.W3PerDocReader, "doc_field_length", "lengths")
    _counting(whoosh3.W3PerDocReader, "stored_fields", "stored")


def io_counts() -> tuple[int, int]:
    """(read system calls, bytes read) of this process so far."""
    fields = dict(line.split(": ") for line in Path("/proc/self/io").read_text().splitlines())
    return int(fields["syscr"]), int(fields["rchar"])


@contextmanager
def measured(into: dict):
    for key in COUNTED:
        counts[key] = 0
    calls, read = io_counts()
    start = time.perf_counter()
    yield
    into["ms"] = (time.perf_counter() - start) * 1000
    after_calls, after_read = io_counts()
    into.update(counts, reads=after_calls - calls, kib=(after_read - read) / 1024)


def main(argv=None):
    from run import QUERIES

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--cprofile", type=int, default=0, metavar="N", help="print the N costliest functions")
    parser.add_argument("--cold", action="store_true", help="count opening the index too")
    args = parser.parse_args(argv)
    install_counters()
    from lexmig.indexer.library import Library
    from lexmig.search.rank import Engine

    opened: dict = {}
    with measured(opened):
        engine = Engine(Library(args.home, notify=lambda m: None))
        first: dict = {}
    if args.cold:
        with measured(first):
            engine.search("family reunion")
        print("open: " + ", ".join(f"{k} {v:.0f}" for k, v in opened.items()))
        print("first search: " + ", ".join(f"{k} {v:.0f}" for k, v in first.items()))
    for queries in QUERIES.values():  # warm: the lexicons and caches every later search uses
        for query in queries:
            engine.search(query)
    columns = ["ms", *COUNTED, "reads", "kib"]
    print("| kind | " + " | ".join(columns) + " |")
    print("|" + " --- |" * (len(columns) + 1))
    rows: dict[str, list[dict]] = {}
    for kind, queries in QUERIES.items():
        for query in queries:
            row: dict = {}
            with measured(row):
                engine.search(query)
            rows.setdefault(kind, []).append(row)
            rows.setdefault("all", []).append(row)
    for kind, found in rows.items():
        cells = [statistics.median(r[c] for r in found) for c in columns]
        print(f"| {kind} | " + " | ".join(f"{v:.1f}" if c == "ms" else f"{v:.0f}" for c, v in zip(columns, cells)) + " |")
    if args.cprofile:
        profile = cProfile.Profile()
        profile.enable()
        for queries in QUERIES.values():
            for query in queries:
                engine.search(query)
        profile.disable()
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.cprofile)
    engine.close()


if __name__ == "__main__":
    main()
