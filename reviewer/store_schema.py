"""The review store's schema: its tables (version by version, each migration a
step), and the validation of an existing file without side effects (the 16-byte
SQLite header, then ``PRAGMA quick_check`` over a read-only connection). See
:mod:`reviewer.store` for the layout."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Callable

from .errors import InputError

__all__ = ["SQLITE_HEADER", "BUSY_TIMEOUT_MS", "MIGRATIONS", "ORIGINAL_SQL", "ROW_SQL",
           "latest_version", "newer_error", "validate"]

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000


_V1 = """
CREATE TABLE schema_version (version INTEGER NOT NULL);
CREATE TABLE fingerprints (
    id INTEGER PRIMARY KEY AUTOINCREMENT, path TEXT NOT NULL, format TEXT NOT NULL,
    sha256 TEXT NOT NULL, size INTEGER NOT NULL, source_path TEXT, source_sha256 TEXT,
    time TEXT NOT NULL);
CREATE TABLE actions (
    id INTEGER PRIMARY KEY AUTOINCREMENT, unit TEXT NOT NULL, source TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN
        ('correct', 'status', 'annotate', 'unannotate', 'dismiss', 'undo')),
    ref INTEGER, undoes INTEGER REFERENCES actions(id), reviewer TEXT, time TEXT NOT NULL);
CREATE INDEX actions_key ON actions(unit, source, id);
CREATE INDEX actions_undoes ON actions(undoes);
CREATE TABLE corrections (
    id INTEGER PRIMARY KEY AUTOINCREMENT, action INTEGER NOT NULL REFERENCES actions(id),
    unit TEXT NOT NULL, source TEXT NOT NULL, before TEXT, after TEXT, reviewer TEXT,
    time TEXT NOT NULL, note TEXT, reverts INTEGER REFERENCES corrections(id));
CREATE INDEX corrections_key ON corrections(unit, source, id);
CREATE TABLE statuses (
    id INTEGER PRIMARY KEY AUTOINCREMENT, action INTEGER NOT NULL REFERENCES actions(id),
    unit TEXT NOT NULL, source TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('unreviewed', 'accepted', 'corrected', 'rejected')),
    reviewer TEXT, time TEXT NOT NULL);
CREATE INDEX statuses_key ON statuses(unit, source, id);
CREATE TABLE annotations (
    id INTEGER PRIMARY KEY AUTOINCREMENT, action INTEGER NOT NULL REFERENCES actions(id),
    unit TEXT NOT NULL, source TEXT NOT NULL,
    side TEXT NOT NULL CHECK (side IN ('source', 'target')),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, category TEXT NOT NULL,
    severity TEXT NOT NULL, comment TEXT NOT NULL DEFAULT '', reviewer TEXT,
    time TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX annotations_key ON annotations(unit, source);
CREATE TABLE dismissals (
    id INTEGER PRIMARY KEY AUTOINCREMENT, action INTEGER NOT NULL REFERENCES actions(id),
    unit TEXT NOT NULL, source TEXT NOT NULL, target TEXT NOT NULL,
    check_id TEXT NOT NULL, side TEXT NOT NULL, text TEXT NOT NULL, reviewer TEXT,
    time TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0);
CREATE INDEX dismissals_content ON dismissals(source, target, check_id);
CREATE TABLE glossary (
    id INTEGER PRIMARY KEY AUTOINCREMENT, source TEXT NOT NULL, target TEXT NOT NULL,
    note TEXT, reviewer TEXT, time TEXT NOT NULL);
"""


_V3 = """
CREATE TABLE dismiss_rules (
    id INTEGER PRIMARY KEY AUTOINCREMENT, check_id TEXT NOT NULL, text TEXT,
    reason TEXT NOT NULL DEFAULT '', reviewer TEXT, time TEXT NOT NULL,
    deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE session (name TEXT PRIMARY KEY, value TEXT NOT NULL, time TEXT NOT NULL);
"""


def _run_script(cur: sqlite3.Cursor, script: str) -> None:
    """Run ``;``-separated statements inside the current transaction (executescript
    would commit first)."""
    for stmt in script.split(";"):
        if stmt.strip():
            cur.execute(stmt)


# MIGRATIONS[v] upgrades a store at version v-1 to version v (v1 creates everything).
MIGRATIONS: dict[int, Callable[[sqlite3.Cursor], None]] = {
    1: lambda cur: _run_script(cur, _V1),
    # v2: the input's target each correction was made on, so a correction applies only
    # while the input still has that text (rows from v1 stores: NULL, see ORIGINAL_SQL).
    2: lambda cur: _run_script(cur, "ALTER TABLE corrections ADD COLUMN original TEXT"),
    # v3: findings dismissed by check (and flagged text) with a reason; session values
    3: lambda cur: _run_script(cur, _V3),
}

# A correction row's original target: its own column, else (rows written by a v1 store)
# the text the key's first correction replaced.
ORIGINAL_SQL = ("coalesce(c.original, (SELECT f.before FROM corrections f WHERE f.unit = c.unit "
                "AND f.source = c.source ORDER BY f.id LIMIT 1))")
ROW_SQL = ("SELECT c.id, c.unit, c.source, c.before, c.after, c.reviewer, c.time, c.note, "
            f"c.reverts, {ORIGINAL_SQL}, c.original IS NOT NULL FROM corrections c")


def latest_version() -> int:
    """The schema version this code writes."""
    return max(MIGRATIONS)


def newer_error(version: int, path: Path) -> InputError:
    return InputError(
        f"the review store has schema version {version}, newer than this reviewer "
        f"understands ({latest_version()}): upgrade reviewer to open it",
        path,
    )


def _side_files(path: Path) -> bool:
    return any(Path(str(path) + s).exists() for s in ("-wal", "-shm"))


def _stat_key(path: Path) -> tuple[int, int]:
    st = os.stat(path)
    return st.st_size, st.st_mtime_ns


def validate(path: Path) -> int | None:
    """Check an existing store file without changing it.

    Returns its schema version, or None for a blank file (0 bytes, or an SQLite file
    with no tables yet: a store another process is creating). Raises
    :class:`InputError` naming the file when it is not an SQLite database, is damaged,
    is some other program's database, or has a newer schema.
    """
    try:
        with open(path, "rb") as f:
            head = f.read(100)
    except IsADirectoryError:
        raise InputError("the review store is a directory, not a file", path) from None
    except OSError as e:
        raise InputError(f"cannot read the review store: {e.strerror}", path) from None
    if not head:
        return None
    if not head.startswith(SQLITE_HEADER):
        raise InputError("not a review store: the file is not an SQLite database", path)
    locking = _side_files(path)
    problem = ""
    for _attempt in range(3):
        before = _stat_key(path)
        uri = path.resolve().as_uri() + ("?mode=ro" if locking else "?mode=ro&immutable=1")
        try:
            conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                rows = conn.execute("PRAGMA quick_check").fetchall()
                problem = "" if rows == [("ok",)] else "; ".join(str(r[0]) for r in rows[:3])
                if not problem:
                    tables = {r[0] for r in conn.execute(
                        "SELECT name FROM sqlite_master WHERE type = 'table'")}
                    if not tables - {"sqlite_sequence"}:
                        return None
                    if "schema_version" not in tables:
                        raise InputError(
                            "not a review store: an SQLite database without reviewer's tables",
                            path,
                        )
                    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
                    version = int(row[0]) if row and row[0] is not None else 0
                    if version > latest_version():
                        raise newer_error(version, path)
                    return version
            finally:
                conn.close()
        except sqlite3.DatabaseError as e:
            problem = str(e)
        # A concurrent writer may have changed the file under an immutable read:
        # retry with locking; an unchanged file that failed is damaged.
        if _stat_key(path) == before and (locking or not _side_files(path)):
            break
        locking = True
    raise InputError(f"the review store is damaged or not a database ({problem})", path)
