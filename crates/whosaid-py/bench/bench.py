"""Measures the Python package against the CLI, on the same machine in one run.

    python crates/whosaid-py/bench/bench.py [--cli target/release/whosaid] [--data ../shared/data/polnear/dev.jsonl]

1. analyze_many over the corpus repeated to 4,200 articles, against `whosaid analyze FILE --format jsonl`
   over the same 4,200 articles (articles/s, wall time, both on all cores);
2. the per-call overhead of analyze on a ~3 KB article: the time of one `whosaid.analyze` call
   against the analysis time alone (`whosaid bench` on that article, one thread);
3. prints both ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

import whosaid

REPO = pathlib.Path(__file__).resolve().parents[3]


def cpu_per_call(f: "object", seconds: float = 0.6, rounds: int = 5) -> float:
    """Median CPU seconds per call of f over a few rounds (CPU time: steadier on a busy machine)."""
    per = []
    for _ in range(rounds):
        n = 0
        t0 = time.process_time()
        while time.process_time() - t0 < seconds:
            f()  # type: ignore[operator]
            n += 1
        per.append((time.process_time() - t0) / n)
    return statistics.median(per)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=str(REPO / "target" / "release" / "whosaid"))
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data" / "polnear" / "dev.jsonl"))
    ap.add_argument("--articles", type=int, default=4200)
    ap.add_argument("--rounds", type=int, default=3, help="best of this many runs of each")
    a = ap.parse_args()
    if not os.path.exists(a.data):
        print(f"bench: skipped: {a.data} not found (the shared evaluation data is absent)")
        return 0
    if not os.path.exists(a.cli):
        print(f"bench: {a.cli} not found: build it with cargo build --release", file=sys.stderr)
        return 1
    with open(a.data, encoding="utf-8") as f:
        corpus = [json.loads(line) for line in f if line.strip()]
    records = [{"id": f"{r['id']}#{i}", "text": r["text"]} for i, r in enumerate(corpus * (a.articles // len(corpus) + 1))][: a.articles]

    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "many.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for r in records:
                f.write(json.dumps(r) + "\n")
        whosaid.analyze("warm up the lexicons.")  # built once per process, as the CLI builds them once
        # wall time (articles/s) and CPU time (articles per CPU-second: steadier on a busy machine)
        cli, py, cli_cpu, py_cpu = [], [], [], []
        for _ in range(a.rounds):
            c0, t = os.times(), time.perf_counter()
            subprocess.run([a.cli, "analyze", path, "--format", "jsonl"], stdout=subprocess.DEVNULL, check=True)
            cli.append(time.perf_counter() - t)
            c1 = os.times()
            cli_cpu.append(c1.children_user + c1.children_system - c0.children_user - c0.children_system)
            c0, t = os.times(), time.perf_counter()
            n = sum(1 for _ in whosaid.analyze_many(records))
            py.append(time.perf_counter() - t)
            c1 = os.times()
            py_cpu.append(c1.user + c1.system - c0.user - c0.system)
            assert n == len(records)
        n = len(records)
        cli_rate, py_rate = n / min(cli), n / min(py)
        print(f"analyze_many: {n} articles, best of {a.rounds}: CLI {cli_rate:,.0f} articles/s, "
              f"Python {py_rate:,.0f} articles/s: {100 * py_rate / cli_rate:.0f}% of the CLI "
              f"(per CPU-second: CLI {n / min(cli_cpu):,.0f}, Python {n / min(py_cpu):,.0f}: "
              f"{100 * min(cli_cpu) / min(py_cpu):.0f}%)")

        # per-call overhead on the article nearest 3 KB
        art = min(corpus, key=lambda r: abs(len(r["text"].encode()) - 3000))
        one = os.path.join(tmp, "one.jsonl")
        with open(one, "w", encoding="utf-8") as f:
            f.write(json.dumps({"id": art["id"], "text": art["text"]}) + "\n")
        out = subprocess.run([a.cli, "bench", "--data", one, "--threads", "1", "--seconds", "3"],
                             capture_output=True, text=True, check=True).stdout
        cpu = re.search(r"([\d.]+) articles per CPU-second", out)
        wall = re.search(r"in [\d.]+ s: ([\d.]+) articles/s", out)
        rate = float((cpu or wall).group(1))  # type: ignore[union-attr]
        analysis = 1 / rate
        text = art["text"]
        record = json.dumps(whosaid.analyze(text))
        call = cpu_per_call(lambda: whosaid.analyze(text))
        tiny = cpu_per_call(lambda: whosaid.analyze("He said so."))
        loads = cpu_per_call(lambda: json.loads(record))
        print(f"analyze on a {len(text.encode()):,}-byte article: {call * 1e6:.0f} µs a call (CPU), "
              f"analysis alone {analysis * 1e6:.0f} µs (whosaid bench, one thread): "
              f"everything beyond the analysis {100 * (call - analysis) / analysis:.1f}% of it")
        print(f"  the fixed cost of a call (analyze('He said so.'), its analysis included): {tiny * 1e6:.1f} µs, "
              f"{100 * tiny / analysis:.1f}% of the article's analysis time")
        print(f"  for scale, json.loads of the same record ({len(record):,} bytes of JSON) alone: {loads * 1e6:.0f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
