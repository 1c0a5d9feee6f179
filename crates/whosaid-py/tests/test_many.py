"""analyze_many: order, parallelism, streaming, errors, Ctrl-C."""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from typing import Iterator

import pytest

import whosaid

SAID = "“We will talk about {n} things,” said Antony Blinken on Monday. Officials agreed."


def texts(n: int) -> list[str]:
    # sizes vary a lot, so later (short) ones finish before earlier (long) ones
    return [SAID.format(n=i) + (" Filler sentence here." * (200 if i % 7 == 0 else 1)) for i in range(n)]


def threads_now() -> int:
    return len(os.listdir("/proc/self/task"))


def test_records_come_in_input_order_with_their_ids() -> None:
    inputs = texts(60)
    out = list(whosaid.analyze_many(inputs, threads=4))
    assert [r["id"] for r in out] == [str(i) for i in range(60)]
    for i, r in enumerate(out):
        assert r["text"] == inputs[i]
        assert f"{i} things" in r["quotes"][0]["text"]
    # the same as one at a time
    assert out[7] == whosaid.analyze(inputs[7], id="7")


def test_records_keep_their_ids_and_fields() -> None:
    recs = [
        {"id": "a", "text": SAID.format(n=1), "title": "T", "published": "2022-01-02"},
        {"id": 7, "text": SAID.format(n=2)},
        {"text": SAID.format(n=3)},
        SAID.format(n=4).encode(),
    ]
    out = list(whosaid.analyze_many(recs))
    assert [r["id"] for r in out] == ["a", "7", "2", "3"]
    assert out[0]["meta"]["title"] == "T" and out[0]["meta"]["published"] == "2022-01-02"


@pytest.mark.skipif(not os.path.isdir("/proc/self/task"), reason="counts threads through /proc")
def test_work_runs_on_worker_threads_that_go_away() -> None:
    before = threads_now()
    it = whosaid.analyze_many(texts(200), threads=3)
    assert it.threads == 3
    next(it)
    assert threads_now() >= before + 3
    rest = list(it)
    assert len(rest) == 199
    deadline = time.time() + 5
    while threads_now() > before and time.time() < deadline:
        time.sleep(0.01)
    assert threads_now() == before


def test_the_gil_is_released_while_rust_works() -> None:
    ticks = 0
    done = threading.Event()

    def count() -> None:
        nonlocal ticks
        while not done.is_set():
            ticks += 1
            time.sleep(0.001)

    t = threading.Thread(target=count)
    t.start()
    try:
        start = time.perf_counter()
        for _ in whosaid.analyze_many(texts(300), threads=1):
            pass
        took = time.perf_counter() - start
    finally:
        done.set()
        t.join()
    # a thread starved of the GIL would barely tick while the analysis ran
    assert ticks > took * 1000 * 0.2, (ticks, took)


def test_input_is_read_a_window_ahead_not_all_at_once() -> None:
    pulled = 0

    def endless() -> Iterator[str]:
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield SAID.format(n=i)

    it = whosaid.analyze_many(endless(), threads=2)
    first = [next(it) for _ in range(5)]
    assert [r["id"] for r in first] == ["0", "1", "2", "3", "4"]
    assert pulled < 1000
    it.close()
    with pytest.raises(StopIteration):
        next(it)


def test_a_bad_input_raises_in_its_place() -> None:
    it = whosaid.analyze_many(["He said so.", b"bad \xff bytes", "She said so."])
    assert next(it)["id"] == "0"
    with pytest.raises(ValueError, match=r"^item:1: invalid UTF-8 at byte offset 4$"):
        next(it)
    with pytest.raises(StopIteration):
        next(it)


def test_errors_include_yields_them_in_place_and_goes_on() -> None:
    inputs = ["He said so.", b"\x00binary", {"id": "r", "title": "no text"}, "", "She said so."]
    out = list(whosaid.analyze_many(inputs, errors="include"))
    assert [r["id"] for r in out] == ["0", "1", "2", "3", "4"]
    assert "error" not in out[0] and "error" not in out[4]
    assert out[1]["error"] == "item:1: looks like binary data (NUL byte at offset 0), not text"
    assert out[2]["error"] == 'item:2: the record has no "text" or "html" string'
    assert out[3]["error"] == "item:3: the input is empty"


def test_a_wrong_type_or_a_failing_iterator_raises_after_the_inputs_before_it() -> None:
    with pytest.raises(TypeError, match=r"item:1: analyze_many takes str, bytes or dicts"):
        list(whosaid.analyze_many(["ok", 3.5]))

    def broken() -> Iterator[str]:
        yield "He said so."
        raise LookupError("the feed broke")

    it = whosaid.analyze_many(broken())
    assert next(it)["id"] == "0"
    with pytest.raises(LookupError, match="the feed broke"):
        next(it)
    with pytest.raises(TypeError, match="not one text"):
        whosaid.analyze_many("just one text")
    with pytest.raises(ValueError, match="errors="):
        whosaid.analyze_many([], errors="ignore")  # type: ignore[arg-type]
    assert list(whosaid.analyze_many([])) == []


@pytest.mark.skipif(not hasattr(signal, "pthread_kill"), reason="needs pthread_kill")
def test_ctrl_c_stops_cleanly() -> None:
    before = threads_now()
    main = threading.get_ident()
    timer = threading.Timer(0.5, lambda: signal.pthread_kill(main, signal.SIGINT))
    seen = 0
    long_text = SAID.format(n=0) + " Filler sentence here." * 400
    timer.start()
    start = time.perf_counter()
    try:
        with pytest.raises(KeyboardInterrupt):
            for _ in whosaid.analyze_many(itertools.repeat(long_text), threads=2):
                seen += 1
    finally:
        timer.cancel()
    assert time.perf_counter() - start < 10
    assert seen > 0
    # the workers are stopped and joined; the interpreter carries on
    deadline = time.time() + 5
    while threads_now() > before and time.time() < deadline:
        time.sleep(0.01)
    assert threads_now() == before
    assert len(list(whosaid.analyze_many(texts(5)))) == 5
