"""The store round trip on SQLite and PostgreSQL, and quotes_frame."""

from __future__ import annotations

import datetime
import itertools
import pathlib
import signal
import sys
import threading
import time
from typing import Iterator

import pytest

import whosaid
from conftest import SEED

NEWS = [
    {
        "id": "n1",
        "text": "“We will keep talking,” Antony Blinken told reporters on Monday. "
        "“There is a path,” he added.",
        "published": "2022-01-10",
        "publisher": "Example Wire",
    },
    {
        "id": "n2",
        "text": "“The door stays open,” said Antony Blinken in Brussels. Jens Stoltenberg said "
        "that the alliance would answer in writing.",
        "published": "2022-01-19T10:00:00Z",
        "publisher": "Daily Example",
    },
    {
        "id": "n3",
        "text": "“Nothing has changed,” Sergei Lavrov said in Moscow on Friday.",
        "published": "2022-02-04",
        "publisher": "Example Wire",
    },
]


def filled(db: str) -> whosaid.Store:
    s = whosaid.Store(db)
    out = s.ingest([str(SEED), *NEWS], progress=False)
    assert (out["read"], out["stored"], out["duplicates"], out["errors"]) == (4, 4, 0, 0), out
    return s


def test_round_trip(db: str) -> None:
    s = filled(db)
    st = s.stats()
    assert st["articles"] == 4 and st["quotes"] >= 8 and st["speakers"] >= 3, st
    # the same again adds nothing
    again = s.ingest([str(SEED), *NEWS], progress=False)
    assert (again["stored"], again["duplicates"]) == (0, 4)
    assert s.stats() == st

    quotes = s.quotes(speaker="Blinken")
    texts = " ".join(q["text"] for q in quotes)
    assert "serious diplomatic path" in texts and "The door stays open" in texts
    assert {q["speaker"] for q in quotes} <= {"Antony Blinken", "Bellingen"}
    # the garbled spelling finds the example article's statements
    garbled = s.quotes(speaker="Bellingen")
    assert {q["doc_id"] for q in garbled} == {"seed-article"}
    assert {q["quote_id"] for q in garbled} < {q["quote_id"] for q in quotes}
    assert [q["doc_id"] for q in s.quotes(speaker="Blinken", since="2022-01-15")] == ["n2"]
    assert [q["doc_id"] for q in s.quotes(speaker="Blinken", since=datetime.date(2022, 1, 15))] == ["n2"]
    assert {q["doc_id"] for q in s.quotes(until="2022-01-10")} == {"n1"}
    assert {q["doc_id"] for q in s.quotes(source="daily")} == {"n2"}
    assert s.quotes(about="door")[0]["doc_id"] == "n2"
    assert len(s.quotes(limit=2)) == 2
    assert all(q["kind"] == "direct" for q in s.quotes(kind="direct"))

    # offsets are code point offsets into the stored text
    for q in quotes:
        art = s.article(q["article_id"])
        assert art["text"][q["start"] : q["end"]] == q["text"]
    art = s.article("n1")
    assert art["store"]["published"] == "2022-01-10"
    assert art["quotes"][0]["speaker"]["name"] == "Antony Blinken"

    top = s.speakers(top=2)
    assert top[0]["name"] == "Bellingen" and top[0]["quotes"] == len(garbled)
    assert {"Bellingen", "Blingen", "Blinken"} <= set(top[0]["aliases"])
    assert top[0]["articles"] == 1 and top[0]["type"] == "person"
    s.close()


def test_bad_inputs_are_recorded_and_the_rest_stored(db: str, tmp_path: pathlib.Path) -> None:
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"abc\x00def")
    with whosaid.Store(db) as s:
        out = s.ingest([binary, {"id": "ok", "text": NEWS[0]["text"]}, {"id": "x"}], progress=False)
        assert (out["read"], out["stored"], out["errors"]) == (3, 1, 2), out
        assert any("NUL byte" in m for m in out["error_messages"])
        recorded = s.errors()
        assert {e["input"] for e in recorded} == {str(binary), "record"}
        assert any(e["message"].startswith('record:2: the record has no "text"') for e in recorded)
        assert s.stats()["errors"] == 2
        with pytest.raises(TypeError, match="ingest takes paths"):
            s.ingest([3.5], progress=False)


def test_progress_reaches_the_callback_and_tqdm(db: str) -> None:
    with whosaid.Store(db) as s:
        seen: list[dict] = []
        s._ingest(NEWS, on_progress=seen.append)
        assert seen and seen[-1]["read"] == 3 and seen[-1]["stored"] == 3
    pytest.importorskip("tqdm")
    with whosaid.Store(db) as s:
        out = s.ingest([str(SEED)], progress=True)
        assert out["stored"] == 1


def test_quotes_frame_columns_and_dtypes(db: str) -> None:
    pd = pytest.importorskip("pandas")
    s = filled(db)
    df = s.quotes_frame()
    assert list(df.columns) == list(s.quotes(limit=1)[0].keys())
    assert len(df) == s.stats()["quotes"]
    dt = df.dtypes
    for c in ["quote_id", "article_id", "start", "end"]:
        assert dt[c] == "int64", c
    assert dt["speaker_id"] == "Int64"
    assert dt["confidence"] == "float64"
    for c in ["doc_id", "source", "speaker", "kb_id", "resolution", "kind", "text", "cue"]:
        assert pd.api.types.is_string_dtype(dt[c]), (c, dt[c])
    assert isinstance(dt["published"], pd.DatetimeTZDtype) and str(dt["published"].tz) == "UTC"
    n2 = df[df.doc_id == "n2"].iloc[0]
    assert n2.published == pd.Timestamp("2022-01-19T10:00:00Z")
    assert df[df.doc_id == "seed-article"].published.isna().all()
    # the notebook example: statements per week for a speaker
    weekly = s.quotes_frame(speaker="Blinken").dropna(subset=["published"]).set_index("published").resample("W").size()
    assert weekly.sum() == 3
    empty = s.quotes_frame(speaker="Nobody Atall")
    assert len(empty) == 0 and "published" in empty.columns


def test_quotes_frame_as_arrow(db: str) -> None:
    pa = pytest.importorskip("pyarrow")
    s = filled(db)
    t = s.quotes_frame(speaker="Blinken", as_arrow=True)
    assert isinstance(t, pa.Table)
    assert t.schema.field("published").type == pa.timestamp("us", tz="UTC")
    assert t.schema.field("quote_id").type == pa.int64()
    assert t.schema.field("text").type == pa.string()
    assert t.num_rows == len(s.quotes(speaker="Blinken"))


def test_quotes_frame_without_pandas_says_what_to_install(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with whosaid.Store(tmp_path / "s.db") as s:
        with pytest.raises(ImportError, match="needs pandas, which is not installed: pip install pandas"):
            s.quotes_frame()
        with pytest.raises(ImportError, match="needs pyarrow, which is not installed: pip install pyarrow"):
            s.quotes_frame(as_arrow=True)


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs pthread_kill")
def test_ctrl_c_stops_an_ingest_and_a_rerun_completes_it(tmp_path: pathlib.Path) -> None:
    def slow_feed() -> Iterator[dict]:
        for i in itertools.count():
            time.sleep(0.01)
            yield {"id": f"s{i}", "text": f"“Number {i} is in,” said Antony Blinken."}

    main = threading.get_ident()
    timer = threading.Timer(0.5, lambda: signal.pthread_kill(main, signal.SIGINT))
    db = str(tmp_path / "s.db")
    with whosaid.Store(db) as s:
        timer.start()
        start = time.perf_counter()
        try:
            with pytest.raises(KeyboardInterrupt):
                s.ingest(slow_feed(), progress=False)
        finally:
            timer.cancel()
        assert time.perf_counter() - start < 10
        stored = s.stats()["articles"]
        first = [{"id": f"s{i}", "text": f"“Number {i} is in,” said Antony Blinken."} for i in range(stored + 5)]
        out = s.ingest(first, progress=False)
        assert (out["duplicates"], out["stored"]) == (stored, 5)
        assert s.stats()["articles"] == stored + 5
