"""lexmig benchmarks: speed and memory, side by side with a floor and an embedded baseline.

    python bench/run.py                          # reference corpus, 10k and 100k passages (~10 min)
    python bench/run.py --sizes ref              # the reference corpus only (about a minute)
    python bench/run.py --sizes 1m --out bench/results/1m.json   # a million passages (on demand, ~1 h)
    python bench/run.py --table bench/results/latest.json bench/results/1m.json   # one table, with growth
    python bench/run.py --sizes 100k --baseline main   # and main's queries on the same index, side by side

Everything runs on this machine in one go and is reported as medians and p95s, and as
ratios against what ran beside it: a Python process that only starts (the floor for a
cold command) and SQLite FTS5 with bm25 over the same passages (the embedded baseline).
Absolute times drift on shared machines; the ratios are what to compare between runs.
Results go to bench/results/latest.json and a Markdown table on stdout.

Sizes are absolute ("10k", "100k", "1m" passages written; "ref" is the reference corpus as
the mirror holds it), so figures stay comparable when the mirror grows. Synthetic corpora
are made from the reference passages, recombined into new documents (sentences of several
passages shuffled into new articles) with a fixed seed, so every run indexes the same text
for a given mirror. The machine's load average is recorded beside each size: on a loaded
machine absolute times mean little (bench/counts.py counts the work instead).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
PYTHON = sys.executable
LEXMIG = str(Path(PYTHON).parent / "lexmig")

QUERIES = {  # a fixed mix: words, phrases, citations, typos
    "words": ["family reunion", "remittances", "recruitment fees", "social security acquired rights",
              "medical examination before departure", "migrant domestic workers"],
    "phrase": ['"equal treatment"', '"transfer of savings"', '"travel or identity documents"'],
    "citation": ["C97 art. 6(1)(b)", "note para 11", "GATS Article XIX"],
    "typo": ["remitances", "xenophobya", "smugling of migrants"],
}


def parse_size(text: str) -> int | None:
    """ "ref" -> None (the reference corpus), "10k" -> 10000, "1m" -> 1000000."""
    text = text.strip().lower()
    if text == "ref":
        return None
    match = re.fullmatch(r"(\d+(?:\.\d+)?)([km]?)", text)
    if not match:
        raise argparse.ArgumentTypeError(f"size {text!r}: write ref, a number, or one like 10k or 1m")
    return int(float(match.group(1)) * {"": 1, "k": 1000, "m": 1000000}[match.group(2)])


def size_name(passages: int | None) -> str:
    if passages is None:
        return "ref"
    for unit, name in ((1000000, "m"), (1000, "k")):
        if passages >= unit and passages % unit == 0:
            return f"{passages // unit}{name}"
    return str(passages)


def load() -> float:
    """The machine's 1-minute load average (2 cores: above 2, processes wait for a core)."""
    return round(os.getloadavg()[0], 2)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def summary(values: list[float]) -> dict:
    return {"median": statistics.median(values), "p95": percentile(values, 0.95), "n": len(values)}


def run_child(args: list[str], env=None, cpu: dict | None = None) -> tuple[float, int, str]:
    """Wall time (s), peak RSS (KiB) and stdout of one process; `cpu`, if given, receives
    the CPU seconds (user and system) of the process and the children it waited for.

    The peak is measured by GNU time (Debian's `time` package), because a forked child's
    rusage counts the parent's pages it started with; without it the peak is reported as 0.
    It is the peak of the largest single process (the index writer's workers are separate).
    """
    gnu_time = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    with tempfile.NamedTemporaryFile("r") as peak_file:
        command = [gnu_time, "-f", "%M %U %S", "-o", peak_file.name, *args] if gnu_time else args
        start = time.perf_counter()
        done = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        elapsed = time.perf_counter() - start
        text = peak_file.read().strip().splitlines()
    figures = text[-1].split() if gnu_time and text else []
    peak = int(figures[0]) if figures and figures[0].isdigit() else 0
    if cpu is not None and len(figures) == 3:
        cpu["seconds"] = float(figures[1]) + float(figures[2])
    return elapsed, peak, done.stdout.decode("utf-8", "replace")


# -- corpora -------------------------------------------------------------------------------

def reference_home(home: Path) -> dict:
    from lexmig.indexer.library import Library

    started = time.perf_counter()
    lib = Library(home, notify=lambda m: None)
    lib.fetch([], mirror=CORPUS)
    return {"seconds": time.perf_counter() - started}


def reference_passages(home: Path) -> list[str]:
    from lexmig.indexer.library import Library

    lib = Library(home, notify=lambda m: None)
    texts = []
    for doc_id in sorted(lib.installed()):
        texts.extend(p.text for p in lib.segment_document(doc_id).passages if p.lang == "en" and p.text)
    return texts


def synthetic_home(home: Path, texts: list[str], passages_wanted: int, seed: int = 1) -> int:
    """Write recombined documents as Markdown files and register them in a data home."""
    rng = random.Random(seed)
    sentences = [s for t in texts for s in re.split(r"(?<=[.;:])\s+", " ".join(t.split())) if len(s) > 20]
    (home / "documents").mkdir(parents=True, exist_ok=True)
    state = {"lexmig": 1, "installed": {}, "entries": {}}
    total, number = 0, 0
    while total < passages_wanted:
        number += 1
        doc_id = f"syn-{number:05d}"
        lines = [f"# Synthetic instrument {number}", "",
                 " ".join(rng.sample(sentences, 4)), ""]
        for article in range(1, 21):
            lines += [f"### Article {article}", ""]
            for paragraph in (1, 2):
                lines += [f"{paragraph}. " + " ".join(rng.sample(sentences, rng.randint(1, 3))), ""]
        data = "\n".join(lines).encode("utf-8")
        path = home / "documents" / doc_id / f"{doc_id}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        import hashlib

        state["installed"][doc_id] = {"file": str(path.relative_to(home)),
                                      "sha256": hashlib.sha256(data).hexdigest(), "source": "bench"}
        state["entries"][doc_id] = {"id": doc_id, "type": "document", "body": "Bench",
                                    "title": f"Synthetic instrument {number}", "cite_as": f"Synthetic {number}",
                                    "short_title": f"SYN{number}", "languages": ["en"], "text_available": True}
        total += 1 + 20 * 3
    (home / "catalogue.json").write_text(json.dumps(state))
    return total


# -- measurements ---------------------------------------------------------------------------

def byte_compile(*trees: Path) -> bool:
    """Compile the measured code to bytecode first, as installing a package does: with
    PYTHONDONTWRITEBYTECODE set (it is on these machines) Python never writes it for an
    editable install or a PYTHONPATH tree, and every cold command compiled lexmig's modules
    from source again (about 60 ms CPU a command, whatever the corpus)."""
    import compileall

    return all(compileall.compile_dir(str(tree), quiet=1) for tree in trees if tree.is_dir())


def cold_search(home: Path, repeat: int) -> dict:
    """`lexmig search` from a cold process on a corpus of any size: time and peak memory."""
    env = dict(os.environ, LEXMIG_HOME=str(home), NO_COLOR="1")
    args = [LEXMIG, "search", "family reunion", "--limit", "10"]
    run_child(args, env)
    times, peaks, cpus = [], [], []
    for _ in range(repeat):
        cpu: dict = {}
        elapsed, peak, _ = run_child(args, env, cpu)
        times.append(elapsed)
        peaks.append(peak / 1024)
        cpus.append(cpu.get("seconds", 0.0))
    return {"seconds": summary(times), "cpu_seconds": summary(cpus), "peak_mib": max(peaks)}


def cold_commands(home: Path, repeat: int) -> dict:
    env = dict(os.environ, LEXMIG_HOME=str(home), NO_COLOR="1")
    results = {}
    for name, args in {
        "floor: python -c pass": [PYTHON, "-c", "pass"],
        "import whoosh.index": [PYTHON, "-c", "import whoosh.index"],
        "lexmig search": [LEXMIG, "search", "family reunion", "--limit", "10"],
        "lexmig show": [LEXMIG, "show", "C97 art. 6(1)(b)"],
    }.items():
        run_child(args, env)  # warm the page cache
        times, peaks = [], []
        for _ in range(repeat):
            elapsed, peak, _ = run_child(args, env)
            times.append(elapsed)
            peaks.append(peak / 1024)
        results[name] = {"seconds": summary(times), "peak_mib": max(peaks)}
    floor = results["floor: python -c pass"]["seconds"]["median"]
    for name in results:
        results[name]["x_floor"] = results[name]["seconds"]["median"] / floor
    return results


def query_latency(home: Path, repeat: int) -> dict:
    from lexmig.indexer.library import Library
    from lexmig.search.rank import Engine

    engine = Engine(Library(home, notify=lambda m: None))
    out = {}
    every, every_cpu = [], []
    for kind, queries in QUERIES.items():
        times, cpu = [], []
        for query in queries:
            engine.search(query)
            for _ in range(repeat):
                start, start_cpu = time.perf_counter(), time.process_time()
                engine.search(query)
                times.append((time.perf_counter() - start) * 1000)
                cpu.append((time.process_time() - start_cpu) * 1000)
        out[kind] = dict(summary(times), cpu=summary(cpu))
        every += times
        every_cpu += cpu
    out["all"] = dict(summary(every), cpu=summary(every_cpu))  # CPU time: what load changes least
    engine.close()
    return out


def baseline_tree(rev: str, work: Path) -> Path:
    """Another version of lexmig (a git revision of this repository, e.g. main) laid out
    as the installed namespace (lexmig.corpus, lexmig.indexer, lexmig.search) in `work`:
    with it first on PYTHONPATH, a process runs that version's code."""
    tree, package = work / "baseline-src", work / "baseline" / "lexmig"
    shutil.rmtree(tree, ignore_errors=True)
    shutil.rmtree(package.parent, ignore_errors=True)
    tree.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], stdout=subprocess.PIPE, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    shutil.copytree(tree / "lexmig", package)
    for name in ("corpus", "indexer", "search"):
        shutil.copytree(tree / name, package / name)
    return package.parent


def in_baseline(tree: Path, args: list[str]) -> dict:
    """Run this script's `args` with the baseline's code; its JSON answer."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    done = subprocess.run([PYTHON, __file__, *args], stdout=subprocess.PIPE, env=env, check=True)
    return json.loads(done.stdout)


def index_version() -> str:
    from lexmig.indexer.index import current_version

    return current_version()


def baseline_figures(tree: Path, home: Path, repeat: int) -> dict:
    """Query latency and cold search of the baseline on the same data home, when its index
    format is this version's (else the baseline would rebuild the index: not measured)."""
    theirs = in_baseline(tree, ["--index-version"])["version"]
    if theirs != index_version():
        return {"skipped": f"index format {theirs} differs from this version's {index_version()}"}
    figures = in_baseline(tree, ["--latency-of", str(home), "--repeat", str(repeat)])
    env = dict(os.environ, LEXMIG_HOME=str(home), NO_COLOR="1", PYTHONPATH=str(tree))
    args = [PYTHON, "-m", "lexmig", "search", "family reunion", "--limit", "10"]
    run_child(args, env)
    cpus = []
    for _ in range(repeat):
        cpu: dict = {}
        run_child(args, env, cpu)
        cpus.append(cpu.get("seconds", 0.0))
    figures["cold_search_cpu"] = summary(cpus)
    return figures


def fts5(home: Path, repeat: int) -> dict:
    """The same English passages in SQLite FTS5 (porter stemming), queried with bm25."""
    from lexmig.indexer.index import open_index, passage_from_record
    from lexmig.indexer.library import Library

    lib = Library(home, notify=lambda m: None)
    ix = open_index(lib.index_path)
    with ix.reader() as reader:  # every stored passage once (one search per document is slow at 1M)
        texts = [p.text for p in (passage_from_record(f["data"]) for f in reader.all_stored_fields()
                                  if "data" in f and f.get("lang") == "en")]
    db = sqlite3.connect(":memory:")
    start = time.perf_counter()
    db.execute("CREATE VIRTUAL TABLE p USING fts5(text, tokenize='porter')")
    db.executemany("INSERT INTO p(text) VALUES (?)", ((t,) for t in texts))
    db.commit()
    build = time.perf_counter() - start
    every = []
    for queries in QUERIES.values():
        for query in queries:
            words = re.findall(r'"[^"]+"|\w+', query)
            match = " OR ".join(w if w.startswith('"') else f'"{w}"' for w in words)
            for _ in range(repeat):
                start = time.perf_counter()
                db.execute("SELECT rowid, snippet(p, 0, '[', ']', '…', 20) FROM p WHERE p MATCH ? "
                           "ORDER BY bm25(p) LIMIT 10", (match,)).fetchall()
                every.append((time.perf_counter() - start) * 1000)
    db.close()
    return {"passages": len(texts), "build_seconds": build, "query_ms": summary(every)}


def build_index(home: Path) -> dict:
    """`lexmig index --rebuild` in its own process: time, CPU time (all its processes), peak
    memory, index size."""
    env = dict(os.environ, LEXMIG_HOME=str(home))
    cpu: dict = {}
    elapsed, peak, out = run_child([LEXMIG, "index", "--rebuild"], env, cpu)
    size = sum(f.stat().st_size for f in (home / "index").rglob("*") if f.is_file())
    return {"seconds": elapsed, "cpu_seconds": cpu.get("seconds"), "peak_mib": peak / 1024,
            "index_mib": size / 2**20, "output": out.strip()}


def add_one(home: Path, texts: list[str], repeat: int) -> dict:
    """Adding one 61-passage document to the index, through `lexmig add`, in a copy each time."""
    from lexmig.indexer.library import Library

    installed = Library(home, notify=lambda m: None).installed()
    first = next(n for n in range(0, 10**6, repeat) if not any(f"bench-add-{n + i}" in installed for i in range(repeat)))
    times = []
    for i in range(repeat):  # new ids each run (a kept home may hold those of an earlier run)
        doc = home / f"bench-add-{first + i}.md"
        rng = random.Random(100 + first + i)  # a new text too: the same one would be refused as a duplicate
        body = "\n\n".join(f"### Article {a}\n\n1. {rng.choice(texts)}\n\n2. {rng.choice(texts)}" for a in range(1, 21))
        doc.write_text(f"# Added {first + i}\n\n{body}\n")
        env = dict(os.environ, LEXMIG_HOME=str(home))
        elapsed, _, _ = run_child([LEXMIG, "add", str(doc), "--id", f"bench-add-{first + i}"], env)
        times.append(elapsed)
    return summary(times)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="ref,10k,100k",
                        help="corpora to measure: ref (the reference corpus) and passage counts (10k, 100k, 1m)")
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--out", default=str(ROOT / "bench" / "results" / "latest.json"))
    parser.add_argument("--keep", metavar="DIR", help="make the data homes in DIR and keep them (for bench/counts.py)")
    parser.add_argument("--reuse", action="store_true",
                        help="with --keep: measure the homes an earlier run kept, without writing and building them again "
                             "(the build figures are those of that run)")
    parser.add_argument("--table", nargs="+", metavar="JSON", help="print the tables of earlier results, merged")
    parser.add_argument("--baseline", metavar="REV",
                        help="also measure the query latency and cold search of this git revision (e.g. main) "
                             "on the same data homes, in the same run")
    parser.add_argument("--latency-of", metavar="HOME", help=argparse.SUPPRESS)  # what --baseline runs
    parser.add_argument("--index-version", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.index_version:
        print(json.dumps({"version": index_version()}))
        return
    if args.latency_of:
        print(json.dumps(query_latency(Path(args.latency_of), args.repeat)))
        return
    if args.table:
        merged: dict = {"sizes": {}}
        for name in args.table:
            report = json.loads(Path(name).read_text())
            merged.setdefault("cold", report.get("cold"))
            merged["sizes"].update(report["sizes"])
        print(markdown(merged))
        return
    sizes = [parse_size(s) for s in args.sizes.split(",")]
    if not CORPUS.is_dir():
        sys.exit(f"bench: the reference corpus is missing: {CORPUS}")
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="lexmig-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    report: dict = {"machine": {"cpus": os.cpu_count(), "python": sys.version.split()[0],
                                "load_at_start": load()}, "sizes": {}}
    try:
        baseline = baseline_tree(args.baseline, work) if args.baseline else None
        if baseline:
            report["baseline"] = args.baseline
        report["machine"]["bytecode"] = byte_compile(*(ROOT / name for name in ("lexmig", "corpus", "indexer", "search")),
                                                     *([baseline] if baseline else []))
        ref = work / "reference"
        shutil.rmtree(ref, ignore_errors=True)
        report["reference_fetch"] = reference_home(ref)
        texts = reference_passages(ref)
        if None in sizes:
            report["cold"] = cold_commands(ref, args.repeat)
        for size in sizes:
            home = ref if size is None else work / size_name(size)
            row: dict = {"load": [load()]}
            few = max(3, args.repeat // 3) if (size or 0) < 500000 else 3
            built = home / "bench-build.json"
            if args.reuse and size is not None and built.is_file():
                row.update(json.loads(built.read_text()), reused=True)
            else:
                if size is not None:
                    shutil.rmtree(home, ignore_errors=True)
                    row["passages_written"] = synthetic_home(home, texts, size)
                row["build"] = build_index(home)
                row["build"]["load"] = load()
                built.write_text(json.dumps({k: row[k] for k in ("build", "passages_written") if k in row}))
            row["cold_search"] = cold_search(home, few)
            row["query_ms"] = query_latency(home, few)
            if baseline:  # right after this version's, at about the same load
                row["baseline"] = baseline_figures(baseline, home, few)
            row["fts5"] = fts5(home, few)
            row["add_one"] = add_one(home, texts, 3)
            row["query_ms_after_adds"] = query_latency(home, few)
            row["fts5_ratio"] = row["query_ms"]["all"]["median"] / row["fts5"]["query_ms"]["median"]
            row["load"].append(load())
            report["sizes"][size_name(size)] = row
            print(f"{size_name(size)}: {json.dumps(row['build'])}, load {row['load']}", file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(report, indent=2))
    print(markdown(report))


def indexed(row: dict) -> int:
    found = re.search(r"([\d,]+) passages indexed", row["build"]["output"])
    return int(found.group(1).replace(",", "")) if found else 0


def _cpu(figures: dict | None, *keys: str) -> str:
    """CPU figures of a summary, or "-" for results written before they were recorded."""
    if not figures:
        return "-"
    return " / ".join(f"{figures[k]:.2f}" if figures[k] < 1 else f"{figures[k]:.1f}" for k in keys)


def markdown(report: dict) -> str:
    lines = []
    if report.get("cold"):
        lines += ["| cold process (reference corpus) | median s | p95 s | x floor | peak MiB |",
                  "| --- | --- | --- | --- | --- |"]
        for name, row in report["cold"].items():
            lines.append(f"| {name} | {row['seconds']['median']:.3f} | {row['seconds']['p95']:.3f} | "
                         f"{row['x_floor']:.1f} | {row['peak_mib']:.1f} |")
        lines.append("")
    lines += ["| corpus | passages indexed (English) | build s (CPU s) | build peak MiB | index MiB | "
              "cold search s (CPU s) / peak MiB | query p50 / p95 ms | words / phrase / citation / typo p50 ms | "
              "FTS5 p50 ms | lexmig / FTS5 | typo p50 after adds ms | add one doc s | load |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
    for name, row in report["sizes"].items():
        q = row["query_ms"]
        cold = row["cold_search"]
        kinds = " / ".join(f"{q[k]['median']:.0f}" for k in QUERIES)
        lines.append(
            f"| {name} | {indexed(row):,} ({row['fts5']['passages']:,}) | "
            f"{row['build']['seconds']:.1f} ({_cpu(row['build'], 'cpu_seconds') if row['build'].get('cpu_seconds') else '-'}) | "
            f"{row['build']['peak_mib']:.0f} | {row['build']['index_mib']:.1f} | "
            f"{cold['seconds']['median']:.2f} ({_cpu(cold.get('cpu_seconds'), 'median')}) / "
            f"{cold['peak_mib']:.0f} | "
            f"{q['all']['median']:.1f} / {q['all']['p95']:.1f} ({_cpu(q['all'].get('cpu'), 'median', 'p95')}) | {kinds} | "
            f"{row['fts5']['query_ms']['median']:.2f} | {row['fts5_ratio']:.0f} | "
            f"{row['query_ms_after_adds']['typo']['median']:.1f} | {row['add_one']['median']:.2f} | "
            f"{' -> '.join(f'{x:.1f}' for x in row.get('load', []))} |")
    compared = [(name, row) for name, row in report["sizes"].items() if "all" in row.get("baseline", {})]
    if compared:
        lines += ["", f"| side by side with {report.get('baseline', 'the baseline')} (CPU) | query p50 / p95 ms | "
                  "baseline p50 / p95 ms | cold search s | baseline cold search s |", "| --- | --- | --- | --- | --- |"]
        for name, row in compared:
            mine, theirs = row["query_ms"]["all"]["cpu"], row["baseline"]["all"]["cpu"]
            lines.append(f"| {name} | {_cpu(mine, 'median', 'p95')} | {_cpu(theirs, 'median', 'p95')} | "
                         f"{_cpu(row['cold_search'].get('cpu_seconds'), 'median')} | "
                         f"{_cpu(row['baseline']['cold_search_cpu'], 'median')} |")
    synthetic = [(name, row) for name, row in report["sizes"].items() if name != "ref"]
    if len(synthetic) > 1:
        lines += ["", "| growth | passages | build s | build peak MiB | index MiB | cold search s | "
                  "query p50 | query p95 | FTS5 p50 |", "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        measures = [lambda r: indexed(r), lambda r: r["build"]["seconds"], lambda r: r["build"]["peak_mib"],
                    lambda r: r["build"]["index_mib"], lambda r: r["cold_search"]["seconds"]["median"],
                    lambda r: r["query_ms"]["all"]["median"], lambda r: r["query_ms"]["all"]["p95"],
                    lambda r: r["fts5"]["query_ms"]["median"]]
        for (small, a), (large, b) in zip(synthetic, synthetic[1:]):
            cells = [f"{m(b) / m(a):.1f}x" if m(a) else "?" for m in measures]
            lines.append(f"| {small} -> {large} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
