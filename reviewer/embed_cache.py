"""A small SQLite cache of sentence embeddings, keyed by (model id, sha1 of the text).

The meaning check embeds every source and target of a file; a second run over the same
file (or a file sharing most of its strings, the usual case in localisation) should not
pay for that again. One table::

    embeddings(model TEXT, sha1 BLOB, vec BLOB)   unique (model, sha1)

``vec`` is the embedding as little-endian float32 bytes. The cache is an optimisation
only: every failure (unwritable directory, a damaged or locked file, a full disk) is
logged once and turns the cache off for the rest of the process; it never raises.

Where it lives: the ``REVIEWER_EMBED_CACHE`` environment variable (a path; ``off``,
``none``, ``0`` or an empty value disable it), else ``$XDG_CACHE_HOME/reviewer/
embeddings.sqlite``, else ``~/.cache/reviewer/embeddings.sqlite``. The meaning check's
``cache`` option (a path, or ``false``) overrides both; a review store may put one
beside itself with :func:`beside`.

It is separate from the review store on purpose: the store holds review decisions (one
schema version, migrations, durability with ``synchronous=FULL``), this holds derived
data that may be deleted at any time.
"""

from __future__ import annotations

import hashlib
import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Sequence

if TYPE_CHECKING:  # numpy is only needed once embeddings exist
    import numpy as np

__all__ = ["EmbedCache", "default_cache_path", "beside", "text_key", "ENV_VAR"]

log = logging.getLogger(__name__)

ENV_VAR = "REVIEWER_EMBED_CACHE"
FILE_NAME = "embeddings.sqlite"
_OFF = frozenset({"", "0", "off", "none", "false", "no"})
_CHUNK = 500  # keys per SELECT ... IN (...), below SQLite's variable limit
_BUSY_MS = 2000

# A rowid table: 2 KB rows are too wide for WITHOUT ROWID (they would overflow pages).
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS embeddings ("
    " model TEXT NOT NULL, sha1 BLOB NOT NULL, vec BLOB NOT NULL)",
    "CREATE UNIQUE INDEX IF NOT EXISTS embeddings_key ON embeddings(model, sha1)",
)


def text_key(text: str) -> bytes:
    """The cache key of a text: the 20-byte SHA-1 of its UTF-8 bytes."""
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


def default_cache_path() -> Path | None:
    """The cache file to use when nothing else is configured, or None when the
    ``REVIEWER_EMBED_CACHE`` environment variable turns caching off."""
    env = os.environ.get(ENV_VAR)
    if env is not None:
        return None if env.strip().lower() in _OFF else Path(env).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join("~", ".cache")
    return Path(base).expanduser() / "reviewer" / FILE_NAME


def beside(store_path: str | os.PathLike[str]) -> Path:
    """A cache path next to a review store (``FILE.review.sqlite`` ->
    ``FILE.review.embeddings.sqlite``), for projects that keep everything together."""
    p = Path(store_path)
    stem = p.name[: -len(".sqlite")] if p.name.endswith(".sqlite") else p.name
    return p.with_name(stem + ".embeddings.sqlite")


class EmbedCache:
    """Embeddings by (model id, text). Thread-safe; never raises on I/O problems.

    The connection is opened on first use. ``path=None`` gives a disabled cache (every
    lookup misses, writes are dropped), so callers need no special case.
    """

    def __init__(self, path: str | os.PathLike[str] | None) -> None:
        self.path = None if path is None else Path(path)
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        self._broken = self.path is None
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        """False once the cache is off (no path, or an error turned it off)."""
        return not self._broken

    def _fail(self, what: str, e: BaseException) -> None:
        if not self._broken:
            log.warning("embedding cache %s disabled: cannot %s (%s)", self.path, what, e)
        self._broken = True
        self._drop()

    def _drop(self) -> None:
        """Close the connection, if any (an error closing it changes nothing)."""
        if self._conn is not None:
            try:
                self._conn.close()
            except sqlite3.Error:
                pass
            self._conn = None

    def _connect(self) -> sqlite3.Connection | None:
        if self._broken or self.path is None:
            return None
        if self._conn is not None:
            return self._conn
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                str(self.path), timeout=_BUSY_MS / 1000, isolation_level=None,
                check_same_thread=False,
            )
            conn.execute(f"PRAGMA busy_timeout = {_BUSY_MS}")
            # 2 KB rows: 16 KB pages hold 7 of them (4 KB pages only one); new files only
            conn.execute("PRAGMA page_size = 16384")
            try:
                conn.execute("PRAGMA journal_mode = WAL")
            except sqlite3.OperationalError:
                pass  # e.g. a file system without shared memory: rollback journal is fine
            conn.execute("PRAGMA synchronous = NORMAL")
            for stmt in _SCHEMA:
                conn.execute(stmt)
        except (sqlite3.Error, OSError) as e:
            self._fail("open it", e)
            return None
        self._conn = conn
        return conn

    def get_many(self, model: str, texts: Sequence[str], dim: int) -> dict[int, "np.ndarray"]:
        """Cached embeddings of ``texts``: ``{position in texts: float32 vector}`` for
        the texts found (vectors whose size is not ``dim`` are ignored)."""
        import numpy as np

        out: dict[int, np.ndarray] = {}
        with self._lock:
            conn = self._connect()
            if conn is None:
                self.misses += len(texts)
                return out
            keys = [text_key(t) for t in texts]
            where: dict[bytes, list[int]] = {}
            for i, k in enumerate(keys):
                where.setdefault(k, []).append(i)
            uniq = list(where)
            try:
                for a in range(0, len(uniq), _CHUNK):
                    chunk = uniq[a : a + _CHUNK]
                    marks = ",".join("?" * len(chunk))
                    rows = conn.execute(
                        f"SELECT sha1, vec FROM embeddings WHERE model = ? AND sha1 IN ({marks})",
                        (model, *chunk),
                    ).fetchall()
                    for key, blob in rows:
                        if len(blob) != 4 * dim:
                            continue
                        vec = np.frombuffer(blob, dtype="<f4").astype(np.float32)
                        for i in where.get(bytes(key), ()):
                            out[i] = vec
            except sqlite3.Error as e:
                self._fail("read it", e)
                out.clear()
        self.hits += len(out)
        self.misses += len(texts) - len(out)
        return out

    def put_many(self, model: str, items: Iterable[tuple[str, "np.ndarray"]]) -> None:
        """Store ``(text, vector)`` pairs (one short transaction; dropped on error)."""
        import numpy as np

        with self._lock:
            conn = self._connect()
            if conn is None:
                return
            rows = [
                (model, text_key(t), np.asarray(v, dtype="<f4").tobytes()) for t, v in items
            ]
            if not rows:
                return
            try:
                conn.execute("BEGIN IMMEDIATE")
                conn.executemany(
                    "INSERT OR REPLACE INTO embeddings (model, sha1, vec) VALUES (?, ?, ?)", rows
                )
                conn.execute("COMMIT")
            except sqlite3.Error as e:
                try:
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                self._fail("write it", e)

    def count(self, model: str | None = None) -> int:
        """Number of cached embeddings (of one model, or all); 0 when off."""
        with self._lock:
            conn = self._connect()
            if conn is None:
                return 0
            try:
                if model is None:
                    row = conn.execute("SELECT count(*) FROM embeddings").fetchone()
                else:
                    row = conn.execute(
                        "SELECT count(*) FROM embeddings WHERE model = ?", (model,)
                    ).fetchone()
            except sqlite3.Error as e:
                self._fail("read it", e)
                return 0
        return int(row[0])

    def close(self) -> None:
        """Close the connection (it reopens on next use)."""
        with self._lock:
            self._drop()
