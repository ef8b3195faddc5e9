"""Adding a long document: the 563-page Migration Act 1958 (vol. 1) of ../shared/realdocs.

    python bench/long_document.py              # 3 runs of each (about 2 minutes)
    python bench/long_document.py --runs 1

Beside `lexmig add` (read, clean, segment, check, store, index) it runs pypdf's bare text
extraction of the same file in a process of its own: the floor, as nothing can segment a
PDF faster than its text can be read. Reported: median wall time and peak memory of each,
and lexmig's time as a multiple of the floor. Targets (issue 9): within 3x the floor and
under 400 MB. Results go to bench/results/long_document.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import LEXMIG, PYTHON, ROOT, run_child  # noqa: E402  (one way to time a process)

ACT = ROOT.parent / "shared" / "realdocs" / "au-migration-act-1958-vol1" / "Migration_Act_1958_Volume_1.pdf"
FLOOR = ("import logging, sys; from pypdf import PdfReader; logging.getLogger('pypdf').setLevel(logging.ERROR); "
         "print(sum(len(p.extract_text() or '') for p in PdfReader(sys.argv[1]).pages))")


def measure(runs: int) -> dict:
    floor, add = [], []
    for _ in range(runs):
        floor.append(run_child([PYTHON, "-c", FLOOR, str(ACT)])[:2])
        home = Path(tempfile.mkdtemp(prefix="lexmig-long-"))
        try:
            elapsed, peak, out = run_child([LEXMIG, "--home", str(home), "add", str(ACT), "--id", "migration-act"])
            if "Added migration-act" not in out:
                raise SystemExit(f"lexmig add failed: {out[-300:]}")
            add.append((elapsed, peak))
        finally:
            shutil.rmtree(home, ignore_errors=True)
    result = {}
    for name, values in (("pypdf_extract_text", floor), ("lexmig_add", add)):
        result[name] = {"seconds": statistics.median(v[0] for v in values),
                        "peak_mib": max(v[1] for v in values) / 1024, "runs": len(values)}
    result["time_ratio"] = result["lexmig_add"]["seconds"] / result["pypdf_extract_text"]["seconds"]
    result["targets"] = {"time_ratio_max": 3.0, "peak_mib_max": 400 / 1.048576}
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if not ACT.is_file():
        raise SystemExit(f"missing {ACT}: clone lexmig next to shared/")
    result = measure(args.runs)
    out = ROOT / "bench" / "results" / "long_document.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=2) + "\n")
    floor, add = result["pypdf_extract_text"], result["lexmig_add"]
    print("| process (563 pages) | median s | peak MiB | x floor |")
    print("| --- | --- | --- | --- |")
    print(f"| floor: pypdf extract_text | {floor['seconds']:.1f} | {floor['peak_mib']:.0f} | 1.0 |")
    print(f"| lexmig add | {add['seconds']:.1f} | {add['peak_mib']:.0f} | {result['time_ratio']:.1f} |")
    met = result["time_ratio"] <= 3.0 and add["peak_mib"] * 1.048576 <= 400
    print(f"targets (<= 3x floor, < 400 MB): {'met' if met else 'NOT met'}")


if __name__ == "__main__":
    main()
