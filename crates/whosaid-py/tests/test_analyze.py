"""One document at a time: analyze, analyze_html, extract, KB."""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest

import whosaid
from conftest import REPO, SEED


def blinken(rec: dict) -> list[dict]:
    """The statements of the entity one of whose mentions is "Blinken" (without a KB it is
    named by its first spelling, "Bellingen")."""
    ids = {e["id"] for e in rec["entities"] if any(m["text"] == "Blinken" for m in e["mentions"])}
    assert len(ids) == 1, rec["entities"]
    return [q for q in rec["quotes"] if q["speaker"] and q["speaker"]["entity"] in ids]


def test_the_example_article_gives_blinkens_statements_at_their_offsets(seed_text: str) -> None:
    rec = whosaid.analyze(seed_text, id="seed")
    assert rec["id"] == "seed"
    assert rec["text"] == seed_text
    said = blinken(rec)
    assert len(said) >= 5, [q["text"] for q in rec["quotes"]]
    joined = " ".join(q["text"] for q in said)
    assert "serious diplomatic path" in joined
    assert "There will be no change" in joined
    # the page calls him Bellingen and Blingen: one speaker, found by fuzzy spelling
    spellings = {q["speaker"]["mention"]["text"] for q in said if q["speaker"]["mention"]}
    assert {"Bellingen", "Blingen", "Blinken"} <= spellings
    assert {"named", "fuzzy", "pronoun"} <= {q["speaker"]["resolution"] for q in said}
    for q in rec["quotes"]:
        # code point offsets: Python slicing gives the statement, curly quotes and all
        assert seed_text[q["start"] : q["end"]] == q["text"]
        assert q["kind"] in ("direct", "mixed", "indirect")
        assert 0.0 <= q["confidence"] <= 1.0
        if q["cue"]:
            assert seed_text[q["cue"]["start"] : q["cue"]["end"]] == q["cue"]["text"]
        for a, b in q.get("fragments", []):
            assert q["start"] <= a < b <= q["end"]
    for e in rec["entities"]:
        for m in e["mentions"]:
            assert seed_text[m["start"] : m["end"]] == m["text"]
    assert any(b["reason"] == "see-also" for b in rec["boilerplate"])


def test_the_record_is_the_clis_json_output(seed_text: str) -> None:
    exe = pathlib.Path(os.environ.get("WHOSAID_BIN", REPO / "target" / "release" / "whosaid"))
    if not exe.exists():
        pytest.skip(f"{exe} not built: no CLI to compare with (set WHOSAID_BIN)")
    out = subprocess.run(
        [str(exe), "analyze", str(SEED), "--format", "json"], capture_output=True, check=True
    ).stdout
    assert whosaid.analyze(seed_text, id="seed-article") == json.loads(out)


SHARED = REPO.parent / "shared" / "data"
EDGE_TEXTS = [
    "Tab\there, bell \x07, CRLF\r\n“Zoë 😀 said «ça»,” said Ünal Öz. \\ \" /\n\nEnd.",
    "\ufeff“We will talk,” said Antony Blinken on Monday. He told reporters it was “fine.”",
    "Plain words, nobody speaks.",
]


def cli_records(inputs: list[dict], tmp_path: pathlib.Path, *flags: str) -> list[str]:
    """The CLI's JSON Lines records of these inputs, one line each."""
    exe = pathlib.Path(os.environ.get("WHOSAID_BIN", REPO / "target" / "release" / "whosaid"))
    if not exe.exists():
        pytest.skip(f"{exe} not built: no CLI to compare with (set WHOSAID_BIN)")
    path = tmp_path / "in.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in inputs), encoding="utf-8")
    out = subprocess.run(
        [str(exe), "analyze", str(path), "--format", "jsonl", *flags], capture_output=True, check=True
    ).stdout.decode("utf-8")
    lines = out.splitlines()
    assert len(lines) == len(inputs)
    return lines


def same_as_cli(rec: dict, line: str) -> None:
    """Equal to the CLI's record, and printed the same: the same keys in the same order, the
    same strings and numbers (json.dumps in serde_json's style gives the CLI's very line)."""
    assert rec == json.loads(line)
    assert json.dumps(rec, ensure_ascii=False, separators=(",", ":")) == line


@pytest.mark.parametrize("quotes_only", [False, True])
def test_records_are_the_clis_json_lines_records_key_for_key(
    seed_text: str, tmp_path: pathlib.Path, quotes_only: bool
) -> None:
    inputs = [{"id": "seed", "text": seed_text}] + [{"id": f"edge{i}", "text": t} for i, t in enumerate(EDGE_TEXTS)]
    # with the shared evaluation data, every PolNeAR dev article and the context set (with
    # publication dates, so statements carry their dates); without it, the texts above
    for name in ("polnear/dev.jsonl", "context/dev.jsonl"):
        path = SHARED / name
        if path.exists():
            with path.open(encoding="utf-8") as f:
                for line in f:
                    r = json.loads(line)
                    inputs.append({k: r[k] for k in ("id", "text", "published") if k in r})
    flags = ["--quotes-only"] if quotes_only else []
    lines = cli_records(inputs, tmp_path, *flags)
    for r, rec, line in zip(inputs, whosaid.analyze_many(inputs, quotes_only=quotes_only), lines):
        same_as_cli(rec, line)
        if "published" not in r:
            same_as_cli(whosaid.analyze(r["text"], id=r["id"], quotes_only=quotes_only), line)


def test_the_record_holds_the_text_it_was_given(seed_text: str) -> None:
    # the record's text is the caller's str itself (no copy), whatever the input's form
    assert whosaid.analyze(seed_text)["text"] is seed_text
    items = [seed_text, {"id": "d", "text": seed_text}, seed_text.encode()]
    recs = list(whosaid.analyze_many(items))
    assert recs[0]["text"] is seed_text and recs[1]["text"] is seed_text
    assert recs[2]["text"] == seed_text and recs[2]["text"] is not seed_text

    class Text(str):
        pass

    # a str subclass is read as text, and the record holds a plain str, as json.loads gives
    sub = Text(seed_text)
    for rec in [whosaid.analyze(sub), next(whosaid.analyze_many([sub]))]:
        assert type(rec["text"]) is str and rec["text"] == seed_text


def test_quotes_only_leaves_out_reported_speech(seed_text: str) -> None:
    full = whosaid.analyze(seed_text)
    only = whosaid.analyze(seed_text, quotes_only=True)
    assert {q["kind"] for q in only["quotes"]} <= {"direct", "mixed"}
    assert any(q["kind"] == "indirect" for q in full["quotes"])
    assert len(only["quotes"]) < len(full["quotes"])


def test_bytes_are_utf8_and_lose_a_bom_as_files_do() -> None:
    text = "“We will talk,” said Antony Blinken on Monday."
    a = whosaid.analyze(text)
    b = whosaid.analyze(b"\xef\xbb\xbf" + text.encode())
    assert a["quotes"] == b["quotes"]
    assert a["id"] == "text"
    # a str keeps its BOM, so offsets stay offsets into it
    c = whosaid.analyze("\ufeff" + text)
    assert c["quotes"][0]["start"] == a["quotes"][0]["start"] + 1


def test_kb_links_entities_and_is_reused(seed_text: str, kb_path: pathlib.Path) -> None:
    kb = whosaid.KB.load(kb_path)
    assert len(kb) == 2 and kb.path == str(kb_path)
    for _ in range(2):
        rec = whosaid.analyze(seed_text, kb=kb)
        linked = [e for e in rec["entities"] if e.get("kb_id") == "Q7821917"]
        assert [e["name"] for e in linked] == ["Antony Blinken"]
    quotes = whosaid.analyze(seed_text, kb=kb, quotes_only=True)
    assert any(e.get("kb_id") == "Q7821917" for e in quotes["entities"])
    assert "entries" in repr(kb)


def test_analyze_html_reads_the_page_then_analyses(page_html: str) -> None:
    rec = whosaid.analyze_html(page_html, url="https://news.example.org/world/talks-go-on.html")
    assert rec["id"] == "talks-go-on"
    assert rec["meta"]["title"] == "Talks go on, minister says"
    assert rec["meta"]["published"].startswith("2022-01-27")
    assert rec["meta"]["url"] == "https://news.example.org/world/talks-go-on.html"
    assert "Home" not in rec["text"]
    speakers = {q["speaker"]["name"] for q in rec["quotes"] if q["speaker"]}
    assert "Maria Lindqvist" in speakers
    for q in rec["quotes"]:
        assert rec["text"][q["start"] : q["end"]] == q["text"]
    # bytes in the charset the page declares read the same
    raw = page_html.encode("cp1252")
    assert whosaid.analyze_html(raw, id="p")["text"] == rec["text"]


def test_extract_gives_text_and_meta_without_analysis(page_html: str) -> None:
    rec = whosaid.extract(page_html, id="p1")
    assert set(rec) == {"id", "text", "meta"}
    assert rec["id"] == "p1"
    assert "“We will keep talking" in rec["text"]
    assert rec["meta"]["authors"] == ["Ada Lindgren"]
    assert rec["meta"]["date_source"]["published"]


def test_every_character_survives_the_trip(tmp_path: pathlib.Path) -> None:
    # control characters, tabs and line ends are escaped in the record's JSON; astral
    # characters are one code point each in the offsets
    text = "Tab\there, bell \x07, CRLF\r\n“Zoë 😀 said «ça»,” said Ünal Öz. \\ \" /\n\nEnd."
    rec = whosaid.analyze(text)
    assert rec["text"] == text
    for q in rec["quotes"]:
        assert text[q["start"] : q["end"]] == q["text"]
    assert whosaid.analyze_many([{"id": "x", "text": text}]).__next__()["text"] == text


def test_the_bench_hook_times_the_analysis_alone(seed_text: str) -> None:
    # bench/bench.py measures the per-call overhead of analyze against this
    times = whosaid._whosaid._analysis_seconds(seed_text, 3)
    assert len(times) == 3 and all(0 < t < 10 for t in times)
    with pytest.raises(ValueError, match="binary"):
        whosaid._whosaid._analysis_seconds("a\x00b", 1)


def test_the_bench_hook_times_the_record_alone(seed_text: str) -> None:
    # bench/bench.py compares the record stage of a call with records built back to back
    times = whosaid._whosaid._record_seconds(seed_text, 3)
    assert len(times) == 3 and all(0 < t < 10 for t in times)
    with pytest.raises(ValueError, match="binary"):
        whosaid._whosaid._record_seconds("a\x00b", 1)


def test_the_stage_timers_time_each_stage_of_a_call_when_armed(seed_text: str) -> None:
    # bench/bench.py breaks a call's time down with these; off, nothing is noted
    w = whosaid._whosaid
    whosaid.analyze(seed_text)
    assert w._stages_take() == []
    w._stages(True)
    try:
        rec = whosaid.analyze(seed_text)
        marks = w._stages_take()
    finally:
        w._stages(False)
    names = [m[0] for m in marks]
    assert names == ["enter", "text", "analyzer", "released", "analysis", "offsets", "reacquired", "record", "dropped"]
    assert marks[0][1] == 0 and all(ns >= 0 for _, ns in marks)
    assert dict(marks)["analysis"] > 0 and rec["quotes"]
    whosaid.analyze(seed_text)
    assert w._stages_take() == []
