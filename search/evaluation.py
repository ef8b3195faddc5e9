"""Measured quality: P@1, MRR@10, nDCG@10 (and Recall@10) at article level on judged
queries, for lexmig and for a plain-BM25 baseline over the same passages, side by side, per
judged set and per query kind.

The judged sets ship in corpus/ (`SETS`): `qrels.toml` (the tuning set: written alongside
the ranking and used to tune it), `qrels-heldout.toml` (the held-out set: written by someone
else) and the later held-out sets of plain-language questions, each written and judged
before anyone tuned on it (`qrels-unseen.toml`, `qrels-fresh.toml`, `qrels-fresh2.toml`,
`qrels-fresh3.toml`, `qrels-fresh4.toml`, `qrels-fresh5.toml`, `qrels-fresh6.toml`,
`qrels-fresh7.toml`, `qrels-fresh8.toml`, `qrels-fresh9.toml`, `qrels-fresh10.toml`,
`qrels-fresh11.toml`, `qrels-fresh12.toml`, `qrels-fresh13.toml`, `qrels-fresh14.toml`,
`qrels-fresh15.toml`, `qrels-fresh16.toml`, `qrels-fresh17.toml`, `qrels-fresh18.toml`,
`qrels-fresh19.toml`); they are reported apart. Only
the first two are measured when no set is named (`DEFAULT_SETS`): the others only when named (`--set fresh6`),
so that no run made while tuning shows their figures.

A set may also judge documents a user adds (`qrels-national.toml` and `qrels-national2.toml`: three
national laws): its `[[document]]` tables name each one's id and the file to add (`load_documents`),
and eval stops with the add commands when one is not installed (`require_documents`).

The baseline is what Whoosh gives out of the box on the same index: BM25F with default
parameters and field weights over text and titles, query words OR-ed,
no citation handling, no spelling correction, no expansion, no unit selection.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from lexmig.indexer.catalogue import load_toml
from lexmig.indexer.errors import QrelsError
from lexmig.indexer.passage import article_key

KINDS = ("question", "citation", "typo", "vocabulary")
METRICS = ("p1", "answers1", "mrr", "ndcg", "recall")
# name -> file in corpus/, in report order
SETS = {"tuning": "qrels.toml", "heldout": "qrels-heldout.toml", "unseen": "qrels-unseen.toml",
        "fresh": "qrels-fresh.toml", "fresh2": "qrels-fresh2.toml", "fresh3": "qrels-fresh3.toml",
        "fresh4": "qrels-fresh4.toml", "fresh5": "qrels-fresh5.toml",
        "fresh6": "qrels-fresh6.toml", "fresh7": "qrels-fresh7.toml",
        "fresh8": "qrels-fresh8.toml", "fresh9": "qrels-fresh9.toml",
        "fresh10": "qrels-fresh10.toml", "fresh11": "qrels-fresh11.toml", "fresh12": "qrels-fresh12.toml",
        "fresh13": "qrels-fresh13.toml", "fresh14": "qrels-fresh14.toml", "fresh15": "qrels-fresh15.toml",
        "fresh16": "qrels-fresh16.toml", "fresh17": "qrels-fresh17.toml", "fresh18": "qrels-fresh18.toml",
        "fresh19": "qrels-fresh19.toml", "national": "qrels-national.toml", "national2": "qrels-national2.toml"}
# measured when no set is named; the other (held-out) sets are kept out of every run made while tuning
DEFAULT_SETS = ("tuning", "heldout")


@dataclass(frozen=True)
class Judged:
    text: str
    kind: str
    relevant: dict[str, int]


def load_qrels(path: Path) -> list[Judged]:
    data = load_toml(path, QrelsError, "no such file; give a qrels TOML file like the shipped corpus/qrels.toml.")
    judged = []
    for i, raw in enumerate(_tables(data, "query", path), 1):
        text, kind, relevant = raw.get("text"), raw.get("kind"), raw.get("relevant")
        if not isinstance(text, str) or not text.strip():
            raise QrelsError(f"{path}: query {i}, field 'text': missing or empty")
        if kind not in KINDS:
            raise QrelsError(f"{path}: query {i} ('{text}'), field 'kind': must be one of {', '.join(KINDS)}")
        if not isinstance(relevant, dict) or not relevant or \
                not all(isinstance(g, int) and g in (1, 2) for g in relevant.values()):
            raise QrelsError(f"{path}: query {i} ('{text}'), field 'relevant': needs units graded 1 or 2")
        below = next((unit for unit in relevant if article_key(unit) != unit), None)
        if below is not None:  # it never matched a hit, so the query silently scored 0
            raise QrelsError(f"{path}: query {i} ('{text}'), field 'relevant': '{below}' is below article level, "
                             f"where eval counts every hit; judge its article, '{article_key(below)}'")
        judged.append(Judged(text, kind, dict(relevant)))
    if not judged:
        raise QrelsError(f"{path}: no [[query]] entries; judge each query in a [[query]] table with its text, its kind "
                         "and its relevant units graded 1 or 2, as the shipped corpus/qrels.toml does.")
    return judged


def _tables(data: dict, key: str, path: Path) -> list[dict]:
    """The `[[key]]` tables of a qrels file; `query = 5` or a list of values is named, not a traceback."""
    found = data.get(key, [])
    if not isinstance(found, list) or not all(isinstance(item, dict) for item in found):
        raise QrelsError(f"{path}: '{key}' must be [[{key}]] tables, like those of corpus/qrels"
                         f"{'-national' if key == 'document' else ''}.toml")
    return found


@dataclass(frozen=True)
class JudgedDocument:
    """A document a judged set needs beyond the reference corpus, added as `lexmig add FILE --id ID`."""
    id: str
    file: str


def load_documents(path: Path) -> list[JudgedDocument]:
    """The `[[document]]` tables of a qrels file (id and file of each added document it judges)."""
    data = load_toml(path, QrelsError, "no such file; give a qrels TOML file like the shipped corpus/qrels.toml.")
    documents = []
    for i, raw in enumerate(_tables(data, "document", path), 1):
        for field in ("id", "file"):
            if not isinstance(raw.get(field), str) or not raw[field].strip():
                raise QrelsError(f"{path}: document {i}, field '{field}': missing or empty")
        documents.append(JudgedDocument(raw["id"], raw["file"]))
    return documents


def require_documents(installed, name: str, path: Path):
    """Stop, naming the add commands, when a document the set judges is not among `installed` ids:
    in a library with only the reference corpus, the national set raises "the national set judges
    qa-labour, uae-domestic-workers, au-migration-act, not installed: add them with lexmig add
    ../shared/realdocs/qa-labour-law-14-2004/Qatar_Labor_Law_As_of_2024_1728321402.pdf --id qa-labour; ..."."""
    missing = [doc for doc in load_documents(path) if doc.id not in installed]
    if missing:
        them = "them" if len(missing) > 1 else "it"
        adds = "; ".join(f"lexmig add {doc.file} --id {doc.id}" for doc in missing)
        raise QrelsError(f"the {name} set judges {', '.join(doc.id for doc in missing)}, not installed: "
                         f"add {them} with {adds}")


def require_judged_installed(installed, name: str, judged: list[Judged], searcher):
    """Stop, naming it, when a unit the set judges belongs to no installed document (a typing
    slip in an id, or a document not fetched), or is no unit of its installed document in the
    index `searcher` ('c097/art-99'): such a query once scored 0 without a word."""
    for i, item in enumerate(judged, 1):
        unit = next((u for u in item.relevant if u.split("/", 1)[0] not in installed), None)
        if unit is not None:
            raise QrelsError(f"{name}: query {i} ('{item.text}') judges '{unit}', but no installed document has the "
                             f"id '{unit.split('/', 1)[0]}'; fix the id, or install the document (lexmig catalogue "
                             "lists them).")
        unit = next((u for u in item.relevant if not _has_unit(searcher, u)), None)
        if unit is not None:
            doc_id = unit.split("/", 1)[0]
            raise QrelsError(f"{name}: query {i} ('{item.text}') judges '{unit}', but {doc_id} has no such unit; "
                             f"fix the unit (lexmig passages {doc_id} lists them).")


def _has_unit(searcher, unit: str) -> bool:
    """Whether the index holds the unit or a passage inside it (an article printed as its paragraphs)."""
    if "/" not in unit:
        return True  # the document as a whole
    terms = searcher.reader().expand_prefix("passage_id", unit)
    return any(term in (unit, unit + "/") or term.startswith(unit + "/")
               for term in (t.decode() if isinstance(t, bytes) else t for t in terms))


def shipped_sets(names=None) -> list[tuple[str, Path]]:
    """The judged sets shipped in corpus/ (the default sets that exist, or those named), as (name, path)."""
    from lexmig.indexer.catalogue import corpus_dir

    chosen = list(names or DEFAULT_SETS)
    for name in chosen:
        if name not in SETS:
            raise QrelsError(f"no judged set '{name}'; the sets are {', '.join(SETS)}.")
    found = [(name, corpus_dir() / SETS[name]) for name in chosen]
    if names:
        for name, path in found:
            if not path.is_file():
                raise QrelsError(f"the {name} set ({path.name}) is not installed.")
        return found
    return [(name, path) for name, path in found if path.is_file()]


def unique_keys(passage_ids, k: int) -> list[str]:
    keys: list[str] = []
    for pid in passage_ids:
        key = article_key(pid)
        if key not in keys:
            keys.append(key)
        if len(keys) == k:
            break
    return keys


def scores(ranked: list[str], relevant: dict[str, int], k: int = 10) -> dict[str, float]:
    ranked = ranked[:k]
    rr = next((1.0 / (i + 1) for i, key in enumerate(ranked) if key in relevant), 0.0)
    dcg = sum((2 ** relevant.get(key, 0) - 1) / math.log2(i + 2) for i, key in enumerate(ranked))
    ideal = sorted(relevant.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    recall = sum(1 for key in ranked if key in relevant) / len(relevant)
    first = relevant.get(ranked[0], 0) if ranked else 0
    return {"p1": 1.0 if first else 0.0, "answers1": 1.0 if first == 2 else 0.0, "mrr": rr,
            "ndcg": dcg / idcg if idcg else 0.0, "recall": recall}


class Baseline:
    """The plain-BM25 baseline on an engine's index, opened once for a whole judged set:
    Whoosh's BM25F with its default parameters (the same scores, computed faster), its top
    passages computed exactly, equal scores in passage-id order (Whoosh's own collector
    skips on bounds and orders equal scores by document number, so that its answer depended
    on how a build happened to split the passages into segments)."""

    def __init__(self, engine):
        from whoosh import qparser, scoring
        from whoosh import query as wq

        from lexmig.indexer import index as windex

        self.parser = qparser.MultifieldParser(["text", "title"], engine.ix.schema, group=qparser.OrGroup)
        defaults = scoring.BM25F()
        self.searcher = windex.searcher(engine.ix, windex.bm25f(B=defaults.B, K1=defaults.K1))
        self.english = set(self.searcher.docs_for_query(wq.Term("lang", "en")))

    def ids(self, text: str, limit: int = 300) -> list[str]:
        from lexmig.search.collect import passage_ids, top_passages

        try:
            parsed = self.parser.parse(text)
        except Exception:
            return []
        read: dict[int, dict] = {}
        top = top_passages(self.searcher, parsed, limit, allow=self.english, tie=passage_ids(self.searcher, read))
        return [(read.get(docnum) or self.searcher.stored_fields(docnum))["passage_id"] for _, docnum in top]

    def close(self):
        self.searcher.close()


def baseline_ids(engine, text: str, limit: int = 300) -> list[str]:
    """The baseline's passages for one query (`Baseline` for many)."""
    baseline = Baseline(engine)
    try:
        return baseline.ids(text, limit)
    finally:
        baseline.close()


def lexmig_ids(engine, text: str, k: int = 10) -> list[str]:
    return [hit.passage.passage_id for hit in engine.search(text, limit=k * 3).hits]


def evaluate(engine, judged: list[Judged], k: int = 10) -> dict:
    """Per-query and per-kind scores for both systems."""
    rows: list[dict] = []
    baseline = Baseline(engine)  # its searcher and the English passages read once, not per query
    try:
        for item in judged:
            ours = unique_keys(lexmig_ids(engine, item.text, k), k)
            base = unique_keys(baseline.ids(item.text), k)
            rows.append({"query": item.text, "kind": item.kind, "lexmig": scores(ours, item.relevant, k),
                         "baseline": scores(base, item.relevant, k), "top": ours[:3]})
    finally:
        baseline.close()
    summary: dict[str, dict] = {}
    for kind in KINDS + ("all",):
        chosen = [r for r in rows if kind == "all" or r["kind"] == kind]
        if not chosen:
            continue
        summary[kind] = {"n": len(chosen)}
        for system in ("lexmig", "baseline"):
            summary[kind][system] = {m: sum(r[system][m] for r in chosen) / len(chosen) for m in METRICS}
    return {"k": k, "summary": summary, "queries": rows}
