"""Ranking quality summed over every judged set already measured (the sets a round tunes on).

    python bench/seen_sets.py HOME NATIONAL_HOME                       # per set, then the sums
    python bench/seen_sets.py HOME NATIONAL_HOME --save before.json    # keep every query's scores
    python bench/seen_sets.py HOME NATIONAL_HOME --compare before.json # and list the queries that moved

HOME is a lexmig data home with the reference corpus only (`lexmig --home HOME fetch --mirror
../shared/corpus`), where the sets on the reference instruments are measured; NATIONAL_HOME
holds the reference corpus and the three national laws the national sets judge (`lexmig
--home NATIONAL_HOME eval --set national` names their add commands), where those sets are
measured. Measured in one home, the laws' thousands of passages would count as wrong answers
to the reference questions, which judge none of them. Printed per set and summed over the sets: P@1, MRR@10 and nDCG@10 of all its
queries, and the first hits that answer (grade 2) among the plain-language queries (kinds
question and vocabulary), the figure the issue's 70% target counts. The sums are of the
sets' means (each set counts once, whatever its size) and of the answering first hits. lexmig alone is
scored, as `lexmig eval` scores it (search.evaluation.scores), without the BM25 baseline.

The newest held-out set (`HELD_OUT`) is never read here: it is measured once, at the end of
the round it was written for, by whoever merges the round.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Not shipped yet, or shipped and not yet measured: kept out of every tuning run. fresh19 was
# measured once on the twentieth round and is seen; the next round's set is fresh20.
HELD_OUT = ("fresh20",)
PLAIN = ("question", "vocabulary")


def seen_sets() -> list[str]:
    from lexmig.search.evaluation import SETS

    return [name for name in SETS if name not in HELD_OUT]


def measure(home: Path, national_home: Path) -> dict[str, list[dict]]:
    """Every query's scores per seen set: those judging added documents in `national_home`."""
    from lexmig.indexer.errors import LexmigError
    from lexmig.indexer.library import Library
    from lexmig.search.evaluation import (lexmig_ids, load_documents, load_qrels, require_documents, scores, shipped_sets,
                                          unique_keys)
    from lexmig.search.rank import Engine

    rows: dict[str, list[dict]] = {}
    engines: dict[Path, Engine] = {}
    try:
        for name, path in shipped_sets(seen_sets()):
            where = national_home if load_documents(path) else home
            if where not in engines:
                engines[where] = Engine(Library(where))
            require_documents(engines[where].installed, name, path)
            rows[name] = [{"query": item.text, "kind": item.kind,
                           **scores(unique_keys(lexmig_ids(engines[where], item.text), 10), item.relevant)}
                          for item in load_qrels(path)]
    except LexmigError as error:
        sys.exit(f"seen_sets: {error}")
    return rows


def totals(rows: list[dict]) -> tuple[float, float, float, int, int]:
    plain = [r for r in rows if r["kind"] in PLAIN]
    return (sum(r["p1"] for r in rows), sum(r["mrr"] for r in rows), sum(r["ndcg"] for r in rows),
            int(sum(r["answers1"] for r in plain)), len(plain))


def _line(name: str, rows: list[dict]) -> str:
    p1, mrr, ndcg, answers, plain = totals(rows)
    n = len(rows)
    return f"{name:<11} {len(rows):>4} {p1 / n:>7.3f} {mrr / n:>7.3f} {ndcg / n:>7.3f} {answers:>5} of {plain}"


def report(rows: dict[str, list[dict]]) -> list[str]:
    lines = [f"{'set':<11} {'n':>4} {'P@1':>7} {'MRR@10':>7} {'nDCG@10':>7}  answering first hits (plain)"]
    lines += [_line(name, set_rows) for name, set_rows in rows.items()]
    # each set counts once, whatever its size: the sums are of the sets' means
    means = [sum(totals(r)[i] / len(r) for r in rows.values()) for i in range(3)]
    answers, plain = (sum(totals(r)[i] for r in rows.values()) for i in (3, 4))
    lines.append(f"{'sum':<11} {len(rows):>4} {means[0]:>7.3f} {means[1]:>7.3f} {means[2]:>7.3f} {answers:>5} of {plain}")
    return lines


def compare(rows: dict[str, list[dict]], before: dict[str, list[dict]]) -> list[str]:
    """The queries whose MRR@10 or answering first hit changed against a saved run."""
    lines, up, down = [], 0, 0
    for name, set_rows in rows.items():
        old = {r["query"]: r for r in before.get(name, [])}
        for row in set_rows:
            was = old.get(row["query"])
            if not was or (was["mrr"], was["answers1"]) == (row["mrr"], row["answers1"]):
                continue
            better = (row["answers1"], row["mrr"]) > (was["answers1"], was["mrr"])
            up, down = up + better, down + (not better)
            lines.append(f"{'+' if better else '-'} {name:<10} MRR {was['mrr']:.2f} -> {row['mrr']:.2f} "
                         f"answers {int(was['answers1'])} -> {int(row['answers1'])}  {row['query']}")
    return lines + [f"{up} queries up, {down} down"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("home", type=Path, help="a home with the reference corpus only")
    parser.add_argument("national_home", type=Path, help="a home with the reference corpus and the national laws")
    parser.add_argument("--save", type=Path, help="write every query's scores to this JSON file")
    parser.add_argument("--compare", type=Path, help="a JSON file --save wrote: list the queries that moved")
    args = parser.parse_args()
    rows = measure(args.home, args.national_home)
    print("\n".join(report(rows)))
    if args.save:
        args.save.write_text(json.dumps(rows, indent=1), encoding="utf-8")
    if args.compare:
        print()
        print("\n".join(compare(rows, json.loads(args.compare.read_text(encoding="utf-8")))))


if __name__ == "__main__":
    main()
