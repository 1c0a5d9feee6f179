"""Fixtures for the tests of the built wheel (run from .ci/run in a fresh venv)."""

from __future__ import annotations

import os
import pathlib
import uuid
from typing import Iterator

import pytest

HERE = pathlib.Path(__file__).resolve().parent
REPO = HERE.parents[2]
SEED = REPO / "examples" / "seed-article.txt"
DATA = HERE / "data"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def kb_path() -> pathlib.Path:
    return DATA / "kb.jsonl"


@pytest.fixture
def page_html() -> str:
    return (DATA / "page.html").read_text(encoding="utf-8")


def _pg_url() -> str | None:
    return os.environ.get("WHOSAID_TEST_PG") or None


@pytest.fixture(params=["sqlite", "postgres"])
def db(request: pytest.FixtureRequest, tmp_path: pathlib.Path) -> Iterator[str]:
    """A fresh store: a SQLite file, and a PostgreSQL schema of its own when
    WHOSAID_TEST_PG holds a server's URL (.ci/run sets it)."""
    if request.param == "sqlite":
        yield str(tmp_path / "whosaid.db")
        return
    url = _pg_url()
    if url is None:
        pytest.skip("WHOSAID_TEST_PG is unset: no PostgreSQL server to test the store on")
    schema = "py_" + uuid.uuid4().hex[:12]
    sep = "&" if "?" in url else "?"
    yield f"{url}{sep}schema={schema}"
