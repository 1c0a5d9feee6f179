"""Measures the Python package against the CLI, on the same machine in one run.

    python crates/whosaid-py/bench/bench.py [--cli target/release/whosaid] [--data ../shared/data/polnear/dev.jsonl]

1. analyze_many over the corpus repeated to 4,200 articles, against `whosaid analyze FILE --format jsonl`
   over the same 4,200 articles (articles/s, wall time, both on all cores);
2. the per-call overhead of analyze on the article nearest 3 KB: the wall time of one
   `whosaid.analyze(text)` call minus the time of the Rust analysis of the same text (in this
   process and build, `_whosaid._analysis_seconds`: a document made, analysed and dropped, no
   record), over the analysis time. Both are timed one call at a time, in alternating blocks
   (the machine's speed drifts), and the medians compared; `whosaid bench` on that article
   (the CLI, one thread) is printed beside them as a check. Then where a call's time goes:
   Rust-side timers inside `analyze` (src/stages.rs, armed only for that pass) time each stage
   (the text conversion, GIL release, the analysis, code point offsets, the GIL back, the
   record's objects, freeing the document), and "call" is the wall time left outside them.
   The binding's own work is the wall time of a call minus the analysis timed inside that
   very call; the analysis inside a call is slower than back to back, and `conditions` shows
   that this follows from what ran before it (a record built and freed), not from the call;
   and the record built back to back (`_whosaid._record_seconds`: what its objects cost with
   the caches warm for them, the floor of that stage);
3. prints both ratios.

    python crates/whosaid-py/bench/bench.py --only overhead    # the per-call overhead alone

For instruction counts (callgrind; steady on a busy machine), `--only calls` makes `--calls`
calls on the same 3 KB article and nothing else: `analyze` (record built and freed each time)
or, with `--alone`, the Rust analysis alone, one per Python call:

    valgrind --tool=callgrind python crates/whosaid-py/bench/bench.py --only calls --calls 300 [--alone]
    callgrind_annotate --inclusive=yes callgrind.out.PID | grep -E 'Analyzer::analyze|record::to_py'
"""

from __future__ import annotations

import argparse
import json
import marshal
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

import whosaid
from whosaid import _whosaid

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


def call_overhead(text: str, calls: int, blocks: int, quotes_only: bool = False) -> "tuple[float, float, float, float]":
    """Medians of the wall time of one `whosaid.analyze(text)` call and of the Rust analysis
    alone of the same text, in seconds, over `blocks` alternating blocks of `calls` each; the
    median of the per-block overheads (a check on the pooled figure: the two should agree);
    and the median time of freeing a record afterwards (when the caller lets go of it: not
    part of the call, which returns it)."""
    analyze = whosaid.analyze
    clock = time.perf_counter_ns
    wall: "list[float]" = []
    rust: "list[float]" = []
    free: "list[float]" = []
    per_block = []
    for _ in range(blocks):
        w = []
        for _ in range(calls):
            t = clock()
            rec = analyze(text, quotes_only=quotes_only)
            w.append((clock() - t) / 1e9)
            t = clock()
            del rec
            free.append((clock() - t) / 1e9)
        r = _whosaid._analysis_seconds(text, calls, quotes_only=quotes_only)
        wall += w
        rust += r
        per_block.append(statistics.median(w) / statistics.median(r) - 1)
    return statistics.median(wall), statistics.median(rust), statistics.median(per_block), statistics.median(free)


# The stages of one `analyze` call, as the Rust-side timers name them (src/stages.rs), each
# timed from the end of the one before it; "call" is what Python's clock sees outside them.
STAGES = {
    "call": "the call itself (Python's call, PyO3's argument parsing, the return)",
    "text": "str -> Rust text (UTF-8, the size and NUL checks, the copy)",
    "analyzer": "the analyzer (default or KB) for the call",
    "released": "releasing the GIL, the Document made",
    "analysis": "the analysis",
    "offsets": "code point offsets (CharOffsets)",
    "reacquired": "taking the GIL back",
    "record": "the record's Python objects",
    "dropped": "freeing the analysed document",
}


def stage_breakdown(text: str, calls: int) -> "dict[str, float]":
    """Medians, in seconds, of each stage of `calls` calls of `whosaid.analyze(text)`, timed
    inside the call by the Rust-side timers (armed for this only: the overhead figure is taken
    with them off), and of "call": the wall time of the call minus the stages inside it."""
    analyze = whosaid.analyze
    clock = time.perf_counter_ns
    per: "dict[str, list[float]]" = {k: [] for k in STAGES}
    per["wall"] = []
    per["binding"] = []
    _whosaid._stages(True)
    try:
        for _ in range(calls):
            _whosaid._stages_take()
            t = clock()
            rec = analyze(text)
            wall = clock() - t
            del rec
            marks = _whosaid._stages_take()
            assert [m[0] for m in marks] == ["enter"] + list(STAGES)[1:], marks
            per["call"].append((wall - sum(d for _, d in marks)) / 1e9)
            for name, d in marks[1:]:
                per[name].append(d / 1e9)
            per["wall"].append(wall / 1e9)
            per["binding"].append(wall / 1e9 - per["analysis"][-1])
    finally:
        _whosaid._stages(False)
    return {k: statistics.median(v) for k, v in per.items()}


def conditions(text: str, calls: int, blocks: int) -> "dict[str, float]":
    """The Rust analysis alone of `text` (median seconds) in three conditions, in alternating
    blocks: back to back in Rust (the overhead's baseline), one per Python call, and one per
    Python call right after a record of `analyze` was built and freed (what a loop of `analyze`
    calls does between two analyses). The analysis runs the same instructions in all three
    (callgrind); what differs is how warm the CPU's caches and branch predictors are for it."""
    an = _whosaid._analysis_seconds
    out: "dict[str, list[float]]" = {"back to back": [], "one per call": [], "after a record": []}
    for _ in range(blocks):
        out["back to back"] += an(text, calls)
        for _ in range(calls):
            out["one per call"] += an(text, 1)
        for _ in range(calls):
            rec = whosaid.analyze(text)
            del rec
            out["after a record"] += an(text, 1)
    return {k: statistics.median(v) for k, v in out.items()}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cli", default=str(REPO / "target" / "release" / "whosaid"))
    ap.add_argument("--data", default=str(REPO.parent / "shared" / "data" / "polnear" / "dev.jsonl"))
    ap.add_argument("--articles", type=int, default=4200)
    ap.add_argument("--rounds", type=int, default=3, help="best of this many runs of each")
    ap.add_argument("--only", choices=["many", "overhead", "calls"], help="run one of the measurements")
    ap.add_argument("--alone", action="store_true", help="calls: the Rust analysis alone, not analyze")
    ap.add_argument("--calls", type=int, default=200, help="overhead: calls in a block")
    ap.add_argument("--blocks", type=int, default=15, help="overhead: alternating blocks of each")
    a = ap.parse_args()
    if not os.path.exists(a.data):
        print(f"bench: skipped: {a.data} not found (the shared evaluation data is absent)")
        return 0
    if not os.path.exists(a.cli):
        print(f"bench: {a.cli} not found: build it with cargo build --release", file=sys.stderr)
        return 1
    with open(a.data, encoding="utf-8") as f:
        corpus = [json.loads(line) for line in f if line.strip()]
    whosaid.analyze("warm up the lexicons.")  # built once per process, as the CLI builds them once
    if a.only == "calls":
        text = min(corpus, key=lambda r: abs(len(r["text"].encode()) - 3000))["text"]
        for _ in range(a.calls):
            if a.alone:
                _whosaid._analysis_seconds(text, 1)
            else:
                rec = whosaid.analyze(text)
                del rec
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        if a.only != "overhead":
            many_vs_cli(a, corpus, tmp)
        if a.only != "many":
            overhead(a, corpus, tmp)
    return 0


def many_vs_cli(a: argparse.Namespace, corpus: "list[dict]", tmp: str) -> None:
    records = [{"id": f"{r['id']}#{i}", "text": r["text"]} for i, r in enumerate(corpus * (a.articles // len(corpus) + 1))][: a.articles]
    path = os.path.join(tmp, "many.jsonl")
    with open(path, "w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
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


def overhead(a: argparse.Namespace, corpus: "list[dict]", tmp: str) -> None:
    art = min(corpus, key=lambda r: abs(len(r["text"].encode()) - 3000))
    text = art["text"]
    rec = whosaid.analyze(text)
    record = json.dumps(rec)
    objects = count_objects(rec)
    call, rust, blockwise, free = call_overhead(text, a.calls, a.blocks)
    print(f"analyze on {art['id']} ({len(text.encode()):,} bytes, {len(rec['quotes'])} statements, "
          f"{objects} Python objects in its record), median of {a.calls * a.blocks} calls each: "
          f"whosaid.analyze {call * 1e6:.1f} µs, the Rust analysis alone {rust * 1e6:.1f} µs: "
          f"overhead {(call - rust) * 1e6:.1f} µs, {100 * (call - rust) / rust:.1f}% of the analysis "
          f"(median of the {a.blocks} blocks' own ratios: {100 * blockwise:.1f}%)")
    print(f"  freeing the record later (del rec, not part of the call): {free * 1e6:.1f} µs, "
          f"{100 * free / rust:.1f}% of the analysis")
    stages = stage_breakdown(text, a.calls * a.blocks)
    print(f"  where a call's time goes (Rust-side timers inside the call, median of "
          f"{a.calls * a.blocks} calls per stage; % of the analysis alone, {rust * 1e6:.1f} µs):")
    for k, what in STAGES.items():
        print(f"    {k:<11} {stages[k] * 1e6:7.2f} µs {100 * stages[k] / rust:6.1f}%  {what}")
    print(f"    (the analysis inside the call against the analysis alone: "
          f"{100 * (stages['analysis'] / rust - 1):+.1f}%)")
    inside = stages["analysis"]
    print(f"  the binding's own work (wall time of a call minus the analysis timed inside that same "
          f"call, median): {stages['binding'] * 1e6:.1f} µs, {100 * stages['binding'] / inside:.1f}% of "
          f"the analysis inside the call ({inside * 1e6:.1f} µs)")
    warm = statistics.median(_whosaid._record_seconds(text, a.calls * a.blocks))
    print(f"  the record built back to back from one analysed document (caches warm for it, median of "
          f"{a.calls * a.blocks}): {warm * 1e6:.2f} µs, {100 * warm / rust:.1f}% of the analysis alone "
          f"(inside a call, after an analysis: {stages['record'] * 1e6:.2f} µs)")
    cond = conditions(text, a.calls, max(3, a.blocks // 3))
    print("  the analysis alone, by what ran before it (median µs): " + ", ".join(
        f"{k} {v * 1e6:.1f} ({100 * (v / cond['back to back'] - 1):+.0f}%)" for k, v in cond.items()))
    tiny, tiny_rust, _, _ = call_overhead("He said so.", a.calls, max(3, a.blocks // 3))
    print(f"  the fixed cost of a call (analyze('He said so.') minus its analysis): {(tiny - tiny_rust) * 1e6:.1f} µs")
    one = os.path.join(tmp, "one.jsonl")
    with open(one, "w", encoding="utf-8") as f:
        f.write(json.dumps({"id": art["id"], "text": art["text"]}) + "\n")
    out = subprocess.run([a.cli, "bench", "--data", one, "--threads", "1", "--seconds", "3"],
                         capture_output=True, text=True, check=True).stdout
    cpu = re.search(r"([\d.]+) articles per CPU-second", out)
    wall = re.search(r"in [\d.]+ s: ([\d.]+) articles/s", out)
    rate = float((cpu or wall).group(1))  # type: ignore[union-attr]
    loads = cpu_per_call(lambda: json.loads(record))
    dumped = marshal.dumps(rec)
    unmarshal = cpu_per_call(lambda: marshal.loads(dumped))
    print(f"  for scale: the CLI's `whosaid bench` on the article {1e6 / rate:.0f} µs of CPU an analysis; "
          f"json.loads of the same record ({len(record):,} bytes of JSON) {loads * 1e6:.0f} µs of CPU; "
          f"marshal.loads of it (CPython's own quickest loader of dicts, lists, str and numbers, "
          f"freeing included) {unmarshal * 1e6:.1f} µs of CPU")


def count_objects(o: object) -> int:
    """The Python objects of a record: dicts, lists, keys and values."""
    if isinstance(o, dict):
        return 1 + sum(1 + count_objects(v) for v in o.values())
    if isinstance(o, list):
        return 1 + sum(count_objects(v) for v in o)
    return 1


if __name__ == "__main__":
    sys.exit(main())
