"""Who said what, to whom, and when: attributed statements, speakers and entities from news.

The same Rust code as the ``whosaid`` command line, in-process::

    import whosaid
    rec = whosaid.analyze(text)
    for q in rec["quotes"]:
        print(q["speaker"] and q["speaker"]["name"], text[q["start"]:q["end"]])

- ``analyze(text)``, ``analyze_html(html, url=...)``: one record (the JSON output contract as
  Python objects; offsets are code point offsets, so ``text[q["start"]:q["end"]]`` is the statement).
- ``analyze_many(texts_or_records)``: the same for many, on all cores, streaming, in input order.
- ``extract(html)``: the article text and metadata of a page, without analysis.
- ``KB.load(path)``: a knowledge base to link entities to, parsed once (``kb=`` in every call).
- ``Store(db)``: the record, a SQLite file or a ``postgres://`` URL: ``ingest``, ``quotes``,
  ``speakers``, ``article``, ``stats``, ``errors``, ``quotes_frame`` (pandas or pyarrow).

Errors: ``ValueError`` for bad input, ``OSError`` for files, ``whosaid.StoreError`` for the
store, each with the CLI's message; a bug inside analysis is a ``RuntimeError`` for its
document, never a crash.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Dict, Iterable, Optional, Union

from ._whosaid import (
    KB,
    AnalyzeMany,
    StoreError,
    __version__,
    _expected_articles,
    analyze,
    analyze_html,
    analyze_many,
    extract,
)
from ._whosaid import Store as _NativeStore

if TYPE_CHECKING:
    import datetime

    import pandas
    import pyarrow

    DateArg = Union[str, datetime.date, None]

__all__ = [
    "KB",
    "AnalyzeMany",
    "Store",
    "StoreError",
    "__version__",
    "analyze",
    "analyze_html",
    "analyze_many",
    "extract",
]

Input = Union[str, "os.PathLike[str]", Dict[str, Any]]

# The columns of quotes_frame, in order, with their dtypes.
_PANDAS_DTYPES = {
    "quote_id": "int64",
    "article_id": "int64",
    "doc_id": "string",
    "source": "string",
    "speaker_id": "Int64",
    "speaker": "string",
    "kb_id": "string",
    "resolution": "string",
    "kind": "string",
    "start": "int64",
    "end": "int64",
    "text": "string",
    "cue": "string",
    "confidence": "float64",
}


class _Progress:
    """Ingest progress: tqdm's bar (a widget in notebooks) when tqdm is installed, else a
    line on stderr when it is a terminal, else nothing."""

    def __init__(self, items: Any) -> None:
        self.bar: Any = None
        self.line = False
        try:
            from tqdm.auto import tqdm
        except ImportError:
            self.line = sys.stderr.isatty()
            return
        self.bar = tqdm(total=_total(items), unit=" articles", desc="whosaid ingest")

    def __call__(self, c: Dict[str, int]) -> None:
        if self.bar is not None:
            self.bar.update(c["read"] - self.bar.n)
            self.bar.set_postfix(
                stored=c["stored"], duplicates=c["duplicates"], errors=c["errors"], refresh=False
            )
        elif self.line:
            sys.stderr.write(
                f"\r{c['read']} articles, {c['stored']} stored, "
                f"{c['duplicates']} already stored, {c['errors']} errors"
            )
            sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        elif self.line:
            sys.stderr.write("\n")


def _total(items: Any) -> Optional[int]:
    """How many articles a list of inputs holds (one per record, the lines of a .jsonl
    file, one per other file); None when that is not known beforehand."""
    if isinstance(items, (str, os.PathLike)):
        return _expected_articles([os.fspath(items)])
    if not isinstance(items, (list, tuple)):
        return None
    paths = [os.fspath(i) for i in items if isinstance(i, (str, os.PathLike))]
    counted = _expected_articles(paths)
    return None if counted is None else counted + len(items) - len(paths)


class Store(_NativeStore):
    """The record of a whosaid store: a SQLite file (created on first use) or a
    ``postgres://`` URL (``?schema=NAME`` keeps the tables in a schema of their own).

    Raises ``whosaid.StoreError`` when it cannot be opened. Use it as a context manager, or
    call ``close()``, to release the connection.
    """

    def ingest(
        self,
        items: Union[Input, Iterable[Input]],
        *,
        progress: bool = True,
        kb: Optional[KB] = None,
        quotes_only: bool = False,
        batch: int = 1000,
    ) -> Dict[str, Any]:
        """Analyses articles and stores what they say, as ``whosaid ingest`` does.

        ``items`` is a path (a file, a folder read recursively, a ``.jsonl`` file, a WARC
        archive, a feed, an http(s) URL) or an iterable of paths and of records
        (``{"id", "text"}`` or ``{"id", "html", "url"}`` dicts). Articles already stored (same
        normalised text or URL) are skipped; an input that cannot be read is recorded in the
        store with its error (see ``errors()``) and the others go in.

        ``progress`` shows a bar (tqdm's, in notebooks and terminals, when tqdm is installed).
        Returns ``{"read", "stored", "duplicates", "errors", "seconds", "error_messages"}``.
        Ctrl-C stops reading; the batches stored so far stay, and running the same ingest
        again completes it.
        """
        bar = _Progress(items) if progress else None
        try:
            return self._ingest(items, on_progress=bar, kb=kb, quotes_only=quotes_only, batch=batch)
        finally:
            if bar is not None:
                bar.close()

    def quotes_frame(
        self,
        speaker: Optional[str] = None,
        about: Optional[str] = None,
        since: DateArg = None,
        until: DateArg = None,
        source: Optional[str] = None,
        kind: Optional[str] = None,
        limit: Optional[int] = None,
        *,
        as_arrow: bool = False,
    ) -> Union[pandas.DataFrame, pyarrow.Table]:
        """The statements ``quotes(...)`` finds (every match unless ``limit``), one row each,
        as a pandas DataFrame, or a pyarrow Table with ``as_arrow=True``.

        Columns: ``quote_id``, ``article_id`` (int64), ``doc_id``, ``source`` (string),
        ``published`` (a UTC timestamp; missing when the article has no date), ``speaker_id``
        (nullable Int64), ``speaker``, ``kb_id``, ``resolution``, ``kind`` (string),
        ``start``, ``end`` (int64, code point offsets into the article's text), ``text``,
        ``cue`` (string), ``confidence`` (float64).
        Raises ImportError naming the package to install when pandas (or pyarrow) is missing.
        """
        if as_arrow:
            try:
                import pyarrow as pa
            except ImportError as e:
                raise ImportError(
                    "Store.quotes_frame(as_arrow=True) needs pyarrow, which is not installed: "
                    "pip install pyarrow (or pip install 'whosaid[arrow]')"
                ) from e
        else:
            try:
                import pandas as pd
            except ImportError as e:
                raise ImportError(
                    "Store.quotes_frame needs pandas, which is not installed: pip install pandas "
                    "(or pip install 'whosaid[pandas]'); as_arrow=True gives a pyarrow Table instead"
                ) from e
        cols = self._quote_columns(speaker, about, since, until, source, kind, limit)
        if not cols:
            cols = {name: [] for name in ["published", *_PANDAS_DTYPES]}
        if as_arrow:
            arrow_types = {"int64": pa.int64(), "Int64": pa.int64(), "string": pa.string(), "float64": pa.float64()}
            fields = []
            arrays = []
            for name, values in cols.items():
                if name == "published":
                    t = pa.timestamp("us", tz="UTC")
                else:
                    t = arrow_types.get(_PANDAS_DTYPES.get(name, ""), None)
                arrays.append(pa.array(values, type=t))
                fields.append(pa.field(name, arrays[-1].type))
            return pa.Table.from_arrays(arrays, schema=pa.schema(fields))
        data: Dict[str, Any] = {}
        for name, values in cols.items():
            if name == "published":
                data[name] = pd.to_datetime(pd.array(values, dtype="Int64"), unit="us", utc=True)
            elif name in _PANDAS_DTYPES:
                data[name] = pd.array(values, dtype=_PANDAS_DTYPES[name])
            else:
                data[name] = values
        return pd.DataFrame(data)

