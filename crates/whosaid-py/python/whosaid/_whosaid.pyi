# Types of the native module (crates/whosaid-py/src). Records are plain dicts: the JSON
# output contract of the CLI (README, "Output contract"), so fields added there appear
# without a change here.
import datetime
import os
from typing import Any, Callable, Dict, Iterable, Iterator, List, Literal, Optional, Tuple, TypeVar, Union

Record = Dict[str, Any]
"""One analysed document: id, meta, text, boilerplate, entities, quotes, events (code point offsets)."""

Text = Union[str, bytes]
Path = Union[str, "os.PathLike[str]"]
DateArg = Union[str, datetime.date, None]
_S = TypeVar("_S", bound="Store")

__version__: str

class StoreError(Exception):
    """The store failed: it cannot be opened, or a query or write failed."""

class KB:
    """A knowledge base of actors, parsed once and reused by every call given ``kb=``."""

    @staticmethod
    def load(path: Path) -> KB: ...
    @property
    def path(self) -> str: ...
    def __len__(self) -> int: ...

def analyze(
    text: Text, *, id: Optional[str] = None, kb: Optional[KB] = None, quotes_only: bool = False
) -> Record: ...
def analyze_html(
    html: Text,
    *,
    url: Optional[str] = None,
    id: Optional[str] = None,
    kb: Optional[KB] = None,
    quotes_only: bool = False,
) -> Record: ...
def extract(html: Text, *, url: Optional[str] = None, id: Optional[str] = None) -> Record: ...

class AnalyzeMany(Iterator[Record]):
    """The records of ``analyze_many``'s inputs, in input order."""

    def __iter__(self) -> AnalyzeMany: ...
    def __next__(self) -> Record: ...
    def close(self) -> None: ...
    @property
    def threads(self) -> int: ...

def analyze_many(
    items: Iterable[Union[Text, Dict[str, Any]]],
    *,
    threads: Optional[int] = None,
    kb: Optional[KB] = None,
    quotes_only: bool = False,
    errors: Literal["raise", "include"] = "raise",
) -> AnalyzeMany: ...
def _expected_articles(paths: List[str]) -> Optional[int]: ...
def _analysis_seconds(text: Text, repeat: int, *, kb: Optional[KB] = None, quotes_only: bool = False) -> List[float]: ...
def _record_seconds(text: Text, repeat: int, *, kb: Optional[KB] = None, quotes_only: bool = False) -> List[float]: ...
def _stages(on: bool) -> None: ...
def _stages_take() -> List[Tuple[str, int]]: ...

class Store:
    def __init__(self, db: Path) -> None: ...
    @property
    def db(self) -> str: ...
    def close(self) -> None: ...
    def __enter__(self: _S) -> _S: ...
    def __exit__(self, *exc: object) -> bool: ...
    def _ingest(
        self,
        items: Any,
        *,
        on_progress: Optional[Callable[[Dict[str, int]], object]] = None,
        kb: Optional[KB] = None,
        quotes_only: bool = False,
        batch: int = 1000,
    ) -> Dict[str, Any]: ...
    def quotes(
        self,
        speaker: Optional[str] = None,
        about: Optional[str] = None,
        since: DateArg = None,
        until: DateArg = None,
        source: Optional[str] = None,
        kind: Optional[Literal["direct", "mixed", "indirect"]] = None,
        limit: Optional[int] = None,
    ) -> List[Dict[str, Any]]: ...
    def _quote_columns(
        self,
        speaker: Optional[str] = None,
        about: Optional[str] = None,
        since: DateArg = None,
        until: DateArg = None,
        source: Optional[str] = None,
        kind: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> Dict[str, List[Any]]: ...
    def speakers(self, top: int = 20) -> List[Dict[str, Any]]: ...
    def article(self, id: Union[int, str]) -> Record: ...
    def stats(self) -> Dict[str, int]: ...
    def errors(self, limit: int = 20) -> List[Dict[str, str]]: ...
