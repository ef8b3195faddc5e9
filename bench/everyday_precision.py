"""How often each question expression of the subject index and the thesaurus is right.

    python bench/everyday_precision.py HOME [--worst 40] [--min-fires 3] [--tsv FILE]

HOME is a lexmig data home with the reference corpus installed (`lexmig --home HOME fetch
--mirror ../shared/corpus`). Over every query of the judged sets that are tuned on
(every seen set of `seen_sets.py` on the reference instruments: never the
held-out set kept for the next measurement), each expression that fires
in a question (all its words there, as `subjects_in_query` reads a question; a thesaurus
term as `expansions_for` finds it) is counted, and the question is "right" for it when one
of its relevant units (grade >= 1, at article level) is filed under the expression's subject
(for a thesaurus term: holds one of its group's terms). "alone" counts the questions where
no other expression of the same subject fires, so that dropping the expression would drop
the subject. Printed worst first: expressions that fire often and are rarely right.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def _queries():
    """Every seen set's questions on the reference instruments (`seen_sets`: never the newest
    held-out set, measured once by the lead); the sets judging added laws (national, national2)
    are left out, their provisions are not in a home with the reference corpus only."""
    from lexmig.search.evaluation import load_documents, load_qrels, shipped_sets
    from seen_sets import seen_sets

    for name, path in shipped_sets(seen_sets()):
        if load_documents(path):
            continue
        for item in load_qrels(path):
            if item.kind != "citation":
                yield name, item


def _filed(engine) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """article key -> subjects filed on any of its units; article key -> thesaurus groups held."""
    from lexmig.indexer.passage import article_key
    from lexmig.indexer.thesaurus import concepts_in

    subjects: dict[str, set[str]] = defaultdict(set)
    groups: dict[str, set[str]] = defaultdict(set)
    reader = engine.searcher.reader()
    for _, fields in reader.iter_docs():
        if fields.get("lang") != "en":
            continue
        key = article_key(fields["passage_id"])
        subjects[key].update(a["name"] for a in json.loads(fields.get("subject_why") or "[]"))
        data = json.loads(fields["data"]) if isinstance(fields.get("data"), str) else fields.get("data") or {}
        text = f"{data.get('text', '')}\n{data.get('title') or ''}"
        groups[key].update(concepts_in(text))
    return subjects, groups


def fired_expressions(text: str):
    """(subject name, expression) of every subject expression the question holds."""
    from lexmig.indexer.subjects import _query_expressions, _together
    from lexmig.indexer.thesaurus import stems
    from lexmig.search.query import _PAY_NOUN, _PAY_VERB, _loose_stems

    sequence = stems(text)
    held = set(sequence)
    loose = _loose_stems()
    paying = bool(_PAY_VERB.search(text))
    for expression_stems, expression, subject, _plain, compound in _query_expressions():
        if not expression_stems <= held:
            continue
        if len(expression_stems) >= 2 and (compound or expression_stems & loose) \
                and not _together(sequence, expression_stems):
            continue
        if paying and tuple(sorted(expression_stems)) in _PAY_NOUN:
            continue
        yield subject.name, expression


def table(home: Path):
    from lexmig.indexer.library import Library
    from lexmig.indexer.thesaurus import load_thesaurus
    from lexmig.search.query import expansions_for
    from lexmig.search.rank import Engine

    engine = Engine(Library(home))
    subjects, groups = _filed(engine)
    tokens = {g.name: g.token for g in load_thesaurus()}
    # fires, right, alone, alone and right, answers (a grade-2 unit filed under it)
    rows: dict[tuple[str, str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for _set, item in _queries():
        relevant = [key for key, grade in item.relevant.items() if grade >= 1]
        answers = [key for key, grade in item.relevant.items() if grade == 2]
        fired = list(fired_expressions(item.text))
        per_subject: dict[str, int] = defaultdict(int)
        for subject, _ in fired:
            per_subject[subject] += 1
        for subject, expression in dict.fromkeys(fired):
            right = any(subject in subjects.get(key, ()) for key in relevant)
            alone = per_subject[subject] == 1
            row = rows[("subject", subject, expression)]
            row[0] += 1
            row[1] += right
            row[2] += alone
            row[3] += alone and right
            row[4] += any(subject in subjects.get(key, ()) for key in answers)
        for expansion in expansions_for(item.text):
            right = any(tokens[expansion.group] in groups.get(key, ()) for key in relevant)
            row = rows[("thesaurus", expansion.group, expansion.matched)]
            row[0] += 1
            row[1] += right
            row[2] += 1
            row[3] += right
            row[4] += any(tokens[expansion.group] in groups.get(key, ()) for key in answers)
    engine.close()
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("home", type=Path)
    parser.add_argument("--worst", type=int, default=40)
    parser.add_argument("--min-fires", type=int, default=3)
    parser.add_argument("--tsv", type=Path, help="write every row here (kind, subject or group, expression, counts)")
    args = parser.parse_args(argv)
    rows = table(args.home)
    if args.tsv:
        with args.tsv.open("w", encoding="utf-8") as out:
            for (kind, owner, expression), counts in sorted(rows.items()):
                out.write("\t".join([kind, owner, expression, *map(str, counts)]) + "\n")
    # worst: many wrong firings, low precision
    # worst first: the most firings where no judged unit is filed under it, then the fewest answers
    ranked = sorted(((f - r, f - ans, key, (f, r, a, ar, ans)) for key, (f, r, a, ar, ans) in rows.items()
                     if f >= args.min_fires), key=lambda t: (-t[0], -t[1]))
    print(f"{'kind':9} {'subject or group':38} {'expression':28} fires right  prec answers alone a.right")
    for _, _, (kind, owner, expression), (f, r, a, ar, ans) in ranked[:args.worst]:
        print(f"{kind:9} {owner[:38]:38} {expression[:28]:28} {f:5} {r:5} {r / f:5.2f} {ans:7} {a:5} {ar:7}")
    fires = sum(v[0] for v in rows.values())
    right = sum(v[1] for v in rows.values())
    print(f"all expressions: {len(rows)} fired, {fires} firings, {right} right ({right / max(fires, 1):.2f})")


if __name__ == "__main__":
    main()
