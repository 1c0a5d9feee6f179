"""Bad input is a Python exception with the CLI's message, never a crash."""

from __future__ import annotations

import pathlib

import pytest

import whosaid


def test_binary_input_is_a_value_error_naming_it() -> None:
    with pytest.raises(ValueError, match=r"^doc: looks like binary data \(NUL byte at offset 3\), not text$"):
        whosaid.analyze(b"abc\x00def", id="doc")
    with pytest.raises(ValueError, match="NUL byte at offset 2"):
        whosaid.analyze("ab\x00c")
    with pytest.raises(ValueError, match="looks like binary data"):
        whosaid.analyze_html(b"<html>\x00\x01\x02" * 100, id="page")


def test_invalid_utf8_is_a_value_error_with_its_offset() -> None:
    with pytest.raises(ValueError, match=r"^text: invalid UTF-8 at byte offset 5$"):
        whosaid.analyze(b"Hello\xff world")
    with pytest.raises(ValueError, match="not valid Unicode"):
        whosaid.analyze("lone \udc80 surrogate")


def test_empty_input_and_wrong_types() -> None:
    with pytest.raises(ValueError, match=r"^text: the input is empty$"):
        whosaid.analyze("  \n ")
    with pytest.raises(TypeError, match="text must be str or bytes, not int"):
        whosaid.analyze(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match=r"kb must be a whosaid.KB \(load it once"):
        whosaid.analyze("He said so.", kb="kb.jsonl")  # type: ignore[arg-type]


def test_a_page_without_an_article_says_why() -> None:
    with pytest.raises(ValueError, match=r"^https://ex\.org/list: "):
        whosaid.extract("<html><body><ul><li><a href=/a>A</a></li></ul></body></html>", url="https://ex.org/list")


def test_a_missing_kb_is_an_os_error(tmp_path: pathlib.Path) -> None:
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(FileNotFoundError, match="nope.jsonl: cannot read the knowledge base: "):
        whosaid.KB.load(missing)
    with pytest.raises(OSError):
        whosaid.KB.load(tmp_path)


def test_a_malformed_kb_names_its_file_and_line(tmp_path: pathlib.Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "Q1", "name": "A B", "type": "person"}\n{"id": "Q2", "name": \n')
    with pytest.raises(ValueError, match=r"bad\.jsonl:2: "):
        whosaid.KB.load(bad)
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n")
    with pytest.raises(ValueError, match="the knowledge base is empty"):
        whosaid.KB.load(empty)
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(b'{"id": "\xff"}\n')
    with pytest.raises(ValueError, match="invalid UTF-8 at byte offset 8"):
        whosaid.KB.load(binary)


def test_a_bad_store_is_a_store_error(tmp_path: pathlib.Path) -> None:
    with pytest.raises(whosaid.StoreError, match="cannot connect to PostgreSQL"):
        whosaid.Store("postgres://nobody@127.0.0.1:1/none?connect_timeout=2")
    with pytest.raises(whosaid.StoreError, match="use lower-case letters"):
        whosaid.Store("postgres://nobody@127.0.0.1:1/none?schema=Bad-Name")
    with pytest.raises(whosaid.StoreError, match="nonexistent-dir"):
        whosaid.Store(tmp_path / "nonexistent-dir" / "x" / "y.db")
    assert issubclass(whosaid.StoreError, Exception)
    # the password never shows in the message
    with pytest.raises(whosaid.StoreError) as e:
        whosaid.Store("postgres://user:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in str(e.value)


def test_a_closed_store_says_so(tmp_path: pathlib.Path) -> None:
    s = whosaid.Store(tmp_path / "s.db")
    s.close()
    with pytest.raises(whosaid.StoreError, match="the store is closed"):
        s.stats()


def test_bad_query_arguments_are_value_errors(tmp_path: pathlib.Path) -> None:
    with whosaid.Store(tmp_path / "s.db") as s:
        with pytest.raises(ValueError, match=r'since="last week": expected a date like 2022-01-31'):
            s.quotes(since="last week")
        with pytest.raises(ValueError, match="limit=0"):
            s.quotes(limit=0)
        with pytest.raises(ValueError, match="kind="):
            s.quotes(kind="shouted")  # type: ignore[arg-type]
        with pytest.raises(KeyError, match="no article with this id"):
            s.article("missing")
