"""The review store: one SQLite file per reviewed input, holding every decision.

Layout (schema version 1)::

    schema_version  the one schema version number (migrations below)
    fingerprints    every input fingerprint seen (sha256, size, path, format), appended
    actions         the append-only log of changes, one row a change of one segment
                    (kind: correct, status, annotate, unannotate, dismiss, undo)
    corrections     append-only correction history: unit, source, before, after,
                    reviewer, time, note; an undo appends a reverting row
    statuses        append-only status history (unreviewed/accepted/corrected/rejected)
    annotations     MQM annotations; removal marks them deleted, never deletes
    dismissals      dismissed findings keyed by content (source, target, check, side,
                    flagged text), so they survive re-exports and moved segments
    glossary        glossary entries added during review
    dismiss_rules   (v3) findings dismissed wholesale: every finding of a check, or of a
                    check on one flagged text (a term, a pattern), with the reason;
                    restoring marks the rule deleted, never deletes
    session         (v3) small named values of the review session (where the reviewer
                    left off), one row a name

Segments are keyed by ``(unit id, source text)``; :mod:`reviewer.project` maps keys to
the segments of the current input. The file is opened in WAL mode with
``synchronous=FULL`` (a committed write survives a crash or SIGKILL), a 5 s busy
timeout, and every write is one short ``BEGIN IMMEDIATE`` transaction.

Before anything else touches an existing file it is validated without side effects:
the 16-byte SQLite header, then ``PRAGMA quick_check`` over a read-only (immutable
when no ``-wal``/``-shm`` exists) connection. A damaged or foreign file is an
:class:`~reviewer.errors.InputError` naming the file, which is left byte-identical.

Its parts: :mod:`.store_schema` (tables, migrations, validation), :mod:`.store_records`
(the rows read and written). :class:`Store` itself (~500 lines) is every query of the
one connection, kept together so that each write's transaction is read in one place.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from .errors import InputError, ReviewerError
from .model import Content
from .store_records import (
    AnnotationRow,
    Change,
    CorrectionRow,
    Dismissal,
    DismissRule,
    Fingerprint,
    GlossaryRow,
    Key,
    State,
    correction_row,
    same_file,
)
from .store_schema import (
    BUSY_TIMEOUT_MS,
    MIGRATIONS,
    ROW_SQL,
    SQLITE_HEADER,
    latest_version,
    newer_error,
    validate,
)

STATUSES = ("unreviewed", "accepted", "corrected", "rejected")
SUFFIX = ".review.sqlite"
MEMORY = ":memory:"  # the path of an in-memory store (Store.memory)

__all__ = ["Store", "StoreBusyError", "ConflictError", "STATUSES", "SUFFIX", "MEMORY", "now_iso",
           "default_store_path", "Key", "Content", "CorrectionRow", "AnnotationRow", "Change",
           "GlossaryRow", "DismissRule", "Dismissal", "State", "Fingerprint", "SQLITE_HEADER",
           "BUSY_TIMEOUT_MS", "MIGRATIONS", "latest_version", "validate"]

class StoreBusyError(ReviewerError):
    """Another process held the store's write lock for longer than the busy timeout."""


class ConflictError(ReviewerError):
    """A correction expected a target text that is no longer the current one."""

    def __init__(self, message: str, expected: str | None, actual: str | None) -> None:
        super().__init__(message)
        self.expected = expected
        self.actual = actual


def now_iso() -> str:
    """The current time, ISO 8601 in UTC with milliseconds (``...T12:00:00.000Z``)."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _rowid(cur: sqlite3.Cursor) -> int:
    """The id of the row the cursor's INSERT just wrote."""
    rowid = cur.lastrowid
    if rowid is None:  # not after an INSERT: a bug
        raise RuntimeError("no row was inserted")
    return rowid


def default_store_path(input_path: str | os.PathLike[str]) -> Path:
    """``FILE.review.sqlite`` beside the input."""
    return Path(str(input_path) + SUFFIX)


# ------------------------------------------------------------------------ the store


class Store:
    """An open review store. Methods taking a key write one short transaction."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = threading.RLock()

    # -- opening ---------------------------------------------------------------

    @classmethod
    def open(cls, path: str | os.PathLike[str], create: bool = True) -> "Store":
        """Open (validating first) or create the store at ``path``; migrate it to the
        latest schema."""
        p = Path(path)
        if p.exists():
            validate(p)
        elif not create:
            raise InputError("no review store here (nothing was reviewed yet?)", p)
        elif not p.parent.is_dir():
            raise InputError("cannot create the review store: directory does not exist", p)
        try:
            conn = sqlite3.connect(str(p), timeout=BUSY_TIMEOUT_MS / 1000,
                                   isolation_level=None, check_same_thread=False)
        except sqlite3.Error as e:
            raise InputError(f"cannot open the review store: {e}", p) from None
        store = cls(p, conn)
        try:
            store._setup()
            store._migrate()
        except BaseException:
            conn.close()
            raise
        return store

    @classmethod
    def memory(cls) -> "Store":
        """A new, empty store in memory (nothing durable): for a project over segments
        that no file holds (benchmarks, tests, demos)."""
        conn = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        store = cls(Path(MEMORY), conn)
        conn.execute("PRAGMA foreign_keys = ON")
        store._migrate()
        return store

    @property
    def in_memory(self) -> bool:
        """True for a store made by :meth:`memory`."""
        return str(self.path) == MEMORY

    def _setup(self) -> None:
        c = self._conn
        c.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                mode = c.execute("PRAGMA journal_mode = WAL").fetchone()[0]
                break
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) or time.monotonic() > deadline:
                    raise self._error(e) from None
                time.sleep(0.05)
        if str(mode).lower() != "wal":
            raise InputError(f"cannot put the review store in WAL mode (got {mode})", self.path)
        c.execute("PRAGMA synchronous = FULL")
        c.execute("PRAGMA foreign_keys = ON")

    def _migrate(self) -> None:
        with self.write() as cur:
            tables = {r[0] for r in cur.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            version = 0
            if "schema_version" in tables:
                row = cur.execute("SELECT max(version) FROM schema_version").fetchone()
                version = int(row[0]) if row and row[0] is not None else 0
            elif tables - {"sqlite_sequence"}:
                raise InputError("not a review store: an SQLite database without reviewer's tables",
                                 self.path)
            if version > latest_version():
                raise newer_error(version, self.path)
            for v in range(version + 1, latest_version() + 1):
                MIGRATIONS[v](cur)
                cur.execute("DELETE FROM schema_version")
                cur.execute("INSERT INTO schema_version (version) VALUES (?)", (v,))

    def close(self) -> None:
        """Close the connection (a no-op when closed already)."""
        with self._lock:
            self._conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions ----------------------------------------------------------

    def _error(self, e: sqlite3.Error) -> ReviewerError:
        msg = str(e)
        if "locked" in msg or "busy" in msg:
            return StoreBusyError(
                f"the review store is busy: another process kept it locked for more than "
                f"{BUSY_TIMEOUT_MS // 1000} s; nothing was saved, try again", self.path)
        return InputError(f"review store error: {msg}", self.path)

    @contextmanager
    def write(self) -> Iterator[sqlite3.Cursor]:
        """One ``BEGIN IMMEDIATE`` transaction: committed (durably) on success, rolled
        back on any error. SQLite errors become :class:`ReviewerError`."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as e:
                raise self._error(e) from None
            try:
                cur = self._conn.cursor()
                yield cur
                self._conn.execute("COMMIT")
            except BaseException as e:
                if self._conn.in_transaction:
                    self._conn.execute("ROLLBACK")
                if isinstance(e, sqlite3.Error):
                    raise self._error(e) from None
                raise

    def _read(self, sql: str, args: Sequence[object] = ()) -> list[tuple]:
        with self._lock:
            try:
                return self._conn.execute(sql, args).fetchall()
            except sqlite3.Error as e:
                raise self._error(e) from None

    def data_version(self) -> int:
        """Changes when another connection commits (``PRAGMA data_version``)."""
        return int(self._read("PRAGMA data_version")[0][0])

    def schema_version(self) -> int:
        """The store's schema version."""
        return int(self._read("SELECT max(version) FROM schema_version")[0][0])

    # -- fingerprints ----------------------------------------------------------

    def fingerprint(self) -> Fingerprint | None:
        """The latest input fingerprint recorded, if any."""
        rows = self._read("SELECT path, format, sha256, size, source_path, source_sha256 "
                          "FROM fingerprints ORDER BY id DESC LIMIT 1")
        return Fingerprint(*rows[0]) if rows else None

    def record_fingerprint(self, fp: Fingerprint) -> Fingerprint | None:
        """Record ``fp`` when it differs from the latest one; return the previous one."""
        with self.write() as cur:
            row = cur.execute("SELECT path, format, sha256, size, source_path, source_sha256 "
                              "FROM fingerprints ORDER BY id DESC LIMIT 1").fetchone()
            prev = Fingerprint(*row) if row else None
            if prev is not None and not same_file(prev, fp):
                raise InputError(
                    f"this review store belongs to {prev.path}, not to {fp.path} (another "
                    "name and other content): give this file its own store (--store)",
                    self.path)
            if prev != fp:
                cur.execute(
                    "INSERT INTO fingerprints (path, format, sha256, size, source_path, "
                    "source_sha256, time) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (fp.path, fp.format, fp.sha256, fp.size, fp.source_path,
                     fp.source_sha256, now_iso()))
            return prev

    # -- reading state ---------------------------------------------------------

    def load_state(self) -> State:
        """Everything current: latest correction/status per key, live annotations and
        dismissals, and the keys in order of their first action."""
        corr = {
            (r[1], r[2]): correction_row(r)
            for r in self._read(
                ROW_SQL + " WHERE c.id IN (SELECT max(id) FROM corrections GROUP BY unit, source)")
        }
        statuses = {
            (r[0], r[1]): r[2]
            for r in self._read(
                "SELECT unit, source, status FROM statuses "
                "WHERE id IN (SELECT max(id) FROM statuses GROUP BY unit, source)")
        }
        ann: dict[Key, list[AnnotationRow]] = {}
        for r in self._read(
            'SELECT id, unit, source, side, start, "end", category, severity, comment, '
            "reviewer, time FROM annotations WHERE deleted = 0 ORDER BY id"
        ):
            ann.setdefault((r[1], r[2]), []).append(AnnotationRow(*r))
        dismissed = self.dismissed()
        keys = [(r[0], r[1]) for r in self._read(
            "SELECT unit, source FROM actions GROUP BY unit, source ORDER BY min(id)")]
        return State(corr, statuses, ann, dismissed, keys, self.dismiss_rules())

    def key_state(self, key: Key) -> tuple[CorrectionRow | None, str | None, list[AnnotationRow]]:
        """Latest correction, latest status and live annotations of one key."""
        c = self._read(ROW_SQL + " WHERE c.unit = ? AND c.source = ? ORDER BY c.id DESC LIMIT 1",
                       key)
        s = self._read("SELECT status FROM statuses WHERE unit = ? AND source = ? "
                       "ORDER BY id DESC LIMIT 1", key)
        a = self._read('SELECT id, unit, source, side, start, "end", category, severity, comment, '
                       "reviewer, time FROM annotations WHERE unit = ? AND source = ? AND deleted = 0 "
                       "ORDER BY id", key)
        return (correction_row(c[0]) if c else None, s[0][0] if s else None,
                [AnnotationRow(*r) for r in a])

    def state_of(self, keys: Iterable[Key]) -> State:
        """:meth:`load_state` for the given keys alone (a few indexed queries a key, no
        pass over the store): what a screen showing a file's first units needs."""
        corr: dict[Key, CorrectionRow] = {}
        statuses: dict[Key, str] = {}
        ann: dict[Key, list[AnnotationRow]] = {}
        seen: list[Key] = []
        for key in dict.fromkeys(keys):
            row, status, anns = self.key_state(key)
            if row is not None:
                corr[key] = row
            if status is not None:
                statuses[key] = status
            if anns:
                ann[key] = anns
            if row is not None or status is not None or anns or self._read(
                    "SELECT 1 FROM actions WHERE unit = ? AND source = ? LIMIT 1", key):
                seen.append(key)
        return State(corr, statuses, ann, self.dismissed(), seen, self.dismiss_rules())

    def keys_with_source(self, source: str) -> list[Key]:
        """Every stored key whose source text is ``source``."""
        return [(r[0], r[1]) for r in self._read(
            "SELECT DISTINCT unit, source FROM actions WHERE source = ?", (source,))]

    def dismissed(self) -> set[Content]:
        """The content keys of every live dismissal."""
        return {(r[0], r[1], r[2], r[3], r[4]) for r in self._read(
            "SELECT source, target, check_id, side, text FROM dismissals WHERE deleted = 0")}

    def history(self, key: Key) -> list[Change]:
        """The action log of one key, oldest first."""
        unit, source = key
        undone = {r[0] for r in self._read(
            "SELECT undoes FROM actions WHERE unit = ? AND source = ? AND undoes IS NOT NULL",
            key)}
        out: list[Change] = []
        for aid, kind, ref, undoes, reviewer, t in self._read(
            "SELECT id, kind, ref, undoes, reviewer, time FROM actions "
            "WHERE unit = ? AND source = ? ORDER BY id", key
        ):
            extra: dict[str, Any] = {}  # Change's optional fields, read from the database
            c = self._read("SELECT before, after, note FROM corrections WHERE action = ? "
                           "ORDER BY id DESC LIMIT 1", (aid,))
            if c:
                extra.update(before=c[0][0], after=c[0][1], note=c[0][2])
            s = self._read("SELECT status FROM statuses WHERE action = ? ORDER BY id DESC LIMIT 1",
                           (aid,))
            if s:
                extra["status"] = s[0][0]
            if kind == "annotate":
                a = self._read("SELECT id FROM annotations WHERE action = ?", (aid,))
                extra["annotation"] = a[0][0] if a else None
            elif kind == "unannotate":
                extra["annotation"] = ref
            elif kind == "dismiss":
                d = self._read("SELECT check_id FROM dismissals WHERE action = ?", (aid,))
                extra["check"] = d[0][0] if d else None
            out.append(Change(aid, kind, unit, reviewer, t, undoes=undoes,
                              undone=aid in undone, **extra))
        return out

    def dismiss_rules(self) -> list[DismissRule]:
        """The live rules dismissing findings by check (and flagged text), oldest first."""
        return [DismissRule(*r) for r in self._read(
            "SELECT id, check_id, text, reason, reviewer, time FROM dismiss_rules "
            "WHERE deleted = 0 ORDER BY id")]

    def dismissals(self) -> list[Dismissal]:
        """The live single-finding dismissals, oldest first."""
        return [Dismissal(*r) for r in self._read(
            "SELECT id, unit, source, target, check_id, side, text, reviewer, time "
            "FROM dismissals WHERE deleted = 0 ORDER BY id")]

    def session_value(self, name: str) -> str | None:
        """A named value of the review session (None when never set)."""
        rows = self._read("SELECT value FROM session WHERE name = ?", (name,))
        return rows[0][0] if rows else None

    def glossary_entries(self) -> list[GlossaryRow]:
        """Glossary entries added during review, oldest first."""
        return [GlossaryRow(*r) for r in self._read(
            "SELECT id, source, target, note, reviewer, time FROM glossary ORDER BY id")]

    def count(self, table: str) -> int:
        """Rows in one of the store's tables (for tests and statistics)."""
        if table not in ("actions", "corrections", "statuses", "annotations", "dismissals",
                         "glossary", "fingerprints", "dismiss_rules", "session"):
            raise ValueError(f"unknown table {table!r}")
        return int(self._read(f"SELECT count(*) FROM {table}")[0][0])

    # -- writing ---------------------------------------------------------------

    @staticmethod
    def _action(cur: sqlite3.Cursor, key: Key, kind: str, reviewer: str | None, t: str,
                ref: int | None = None, undoes: int | None = None) -> int:
        cur.execute("INSERT INTO actions (unit, source, kind, ref, undoes, reviewer, time) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?)", (*key, kind, ref, undoes, reviewer, t))
        return _rowid(cur)

    @staticmethod
    def _latest_correction(cur: sqlite3.Cursor, key: Key, below: int | None = None) -> tuple | None:
        """The latest correction row of ``key`` (below id ``below``): the columns of
        :class:`CorrectionRow`, ``original`` at index 9."""
        sql = ROW_SQL + " WHERE c.unit = ? AND c.source = ?"
        args: list[object] = list(key)
        if below is not None:
            sql += " AND c.id < ?"
            args.append(below)
        return cur.execute(sql + " ORDER BY c.id DESC LIMIT 1", args).fetchone()

    @staticmethod
    def _current(last: tuple | None, original: str | None) -> str | None:
        """The key's current text: its latest correction, unless that was made on
        another input text than ``original`` (the input changed since: the input's
        text is current) or went back to the input's text."""
        if last is None or last[4] is None or (last[9] or "") != (original or ""):
            return original
        return last[4]

    @staticmethod
    def _latest_status(cur: sqlite3.Cursor, key: Key, below: int | None = None) -> str:
        sql = "SELECT status FROM statuses WHERE unit = ? AND source = ?"
        args: list[object] = list(key)
        if below is not None:
            sql += " AND id < ?"
            args.append(below)
        row = cur.execute(sql + " ORDER BY id DESC LIMIT 1", args).fetchone()
        return row[0] if row else "unreviewed"

    def _correct(self, cur: sqlite3.Cursor, key: Key, after: str, original: str | None,
                 reviewer: str | None, note: str | None, t: str, check: bool,
                 expected: str | None) -> tuple[str, CorrectionRow | None, str | None]:
        """Inside a transaction: ``("applied", row, current)``, ``("unchanged", None,
        current)`` or ``("conflict", None, current)``."""
        last = self._latest_correction(cur, key)
        current = self._current(last, original)
        if after == current:
            return "unchanged", None, current
        if check and (expected or "") != (current or ""):
            return "conflict", None, current
        aid = self._action(cur, key, "correct", reviewer, t)
        cur.execute("INSERT INTO corrections (action, unit, source, before, after, reviewer, "
                    "time, note, original) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (aid, *key, current, after, reviewer, t, note, original))
        row = CorrectionRow(_rowid(cur), *key, current, after, reviewer, t, note,
                            None, original, True)
        cur.execute("INSERT INTO statuses (action, unit, source, status, reviewer, time) "
                    "VALUES (?, ?, ?, 'corrected', ?, ?)", (aid, *key, reviewer, t))
        return "applied", row, current

    def record_correction(self, key: Key, after: str, original: str | None,
                          reviewer: str | None, note: str | None = None,
                          expected: str | None = None, check: bool = False,
                          time_: str | None = None) -> CorrectionRow | None:
        """Append a correction of ``key`` (and status ``corrected``); None when ``after``
        is already the current text. With ``check``, raise :class:`ConflictError` when
        the current text is not ``expected``."""
        with self.write() as cur:
            result, row, current = self._correct(cur, key, after, original, reviewer, note,
                                                 time_ or now_iso(), check, expected)
            if result == "conflict":
                raise ConflictError(f"unit {key[0]!r} changed meanwhile: expected {expected!r}, "
                                    f"found {current!r}", expected, current)
            return row

    def record_corrections(
        self, items: Sequence[tuple[Key, str, str | None, str | None, str | None, str | None, str]]
    ) -> list[tuple[str, str | None]]:
        """Apply many checked corrections in one transaction. Each item is ``(key,
        after, expected, original, reviewer, note, time)``; each result ``(outcome,
        current text)`` with outcome ``applied``, ``unchanged`` or ``conflict``."""
        out: list[tuple[str, str | None]] = []
        with self.write() as cur:
            for key, after, expected, original, reviewer, note, t in items:
                result, _, current = self._correct(cur, key, after, original, reviewer, note,
                                                   t, True, expected)
                out.append((result, current))
        return out

    def set_status(self, key: Key, status: str, reviewer: str | None) -> None:
        """Append a status change (no-op when it is the current status already)."""
        if status not in STATUSES:
            raise ValueError(f"unknown status {status!r}")
        with self.write() as cur:
            if self._latest_status(cur, key) == status:
                return
            t = now_iso()
            aid = self._action(cur, key, "status", reviewer, t)
            cur.execute("INSERT INTO statuses (action, unit, source, status, reviewer, time) "
                        "VALUES (?, ?, ?, ?, ?, ?)", (aid, *key, status, reviewer, t))

    def add_annotation(self, key: Key, side: str, start: int, end: int, category: str,
                       severity: str, comment: str, reviewer: str | None) -> AnnotationRow:
        """Record an MQM annotation; return it with its id."""
        t = now_iso()
        with self.write() as cur:
            aid = self._action(cur, key, "annotate", reviewer, t)
            cur.execute('INSERT INTO annotations (action, unit, source, side, start, "end", '
                        "category, severity, comment, reviewer, time) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (aid, *key, side, start, end, category, severity, comment, reviewer, t))
            return AnnotationRow(_rowid(cur), *key, side, start, end, category,
                                 severity, comment, reviewer, t)

    def remove_annotation(self, ann_id: int, reviewer: str | None) -> Key:
        """Mark an annotation deleted (an ``unannotate`` action); return its key."""
        with self.write() as cur:
            row = cur.execute("SELECT unit, source, deleted FROM annotations WHERE id = ?",
                              (ann_id,)).fetchone()
            if row is None or row[2]:
                raise ReviewerError(f"no annotation with id {ann_id}")
            key = (row[0], row[1])
            self._action(cur, key, "unannotate", reviewer, now_iso(), ref=ann_id)
            cur.execute("UPDATE annotations SET deleted = 1 WHERE id = ?", (ann_id,))
            return key

    def dismiss(self, key: Key, content: Content, reviewer: str | None) -> bool:
        """Record a dismissed finding by content; False when it was dismissed already."""
        with self.write() as cur:
            if cur.execute("SELECT 1 FROM dismissals WHERE source = ? AND target = ? AND "
                           "check_id = ? AND side = ? AND text = ? AND deleted = 0",
                           content).fetchone():
                return False
            t = now_iso()
            aid = self._action(cur, key, "dismiss", reviewer, t)
            cur.execute("INSERT INTO dismissals (action, unit, source, target, check_id, side, "
                        "text, reviewer, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (aid, key[0], *content, reviewer, t))
            return True

    def add_dismiss_rule(self, check: str, text: str | None, reason: str,
                         reviewer: str | None) -> DismissRule:
        """Dismiss every finding of ``check`` (on flagged ``text`` only, when given)."""
        t = now_iso()
        with self.write() as cur:
            cur.execute("INSERT INTO dismiss_rules (check_id, text, reason, reviewer, time) "
                        "VALUES (?, ?, ?, ?, ?)", (check, text, reason, reviewer, t))
            return DismissRule(_rowid(cur), check, text, reason, reviewer, t)

    def restore_dismiss_rule(self, rule_id: int) -> DismissRule:
        """Take a dismissal rule back (marked deleted); the rule."""
        with self.write() as cur:
            row = cur.execute("SELECT id, check_id, text, reason, reviewer, time, deleted "
                              "FROM dismiss_rules WHERE id = ?", (rule_id,)).fetchone()
            if row is None or row[6]:
                raise ReviewerError(f"no dismissal rule with id {rule_id}")
            cur.execute("UPDATE dismiss_rules SET deleted = 1 WHERE id = ?", (rule_id,))
            return DismissRule(*row[:6])

    def restore_dismissal(self, dismissal_id: int, reviewer: str | None) -> Key:
        """Restore one dismissed finding (an ``undo`` of its dismiss action, so the
        segment's history says so); its key."""
        with self.write() as cur:
            row = cur.execute("SELECT d.unit, d.source, d.action, d.deleted FROM dismissals d "
                              "WHERE d.id = ?", (dismissal_id,)).fetchone()
            if row is None or row[3]:
                raise ReviewerError(f"no dismissed finding with id {dismissal_id}")
            key = (row[0], row[1])
            self._action(cur, key, "undo", reviewer, now_iso(), undoes=row[2])
            cur.execute("UPDATE dismissals SET deleted = 1 WHERE id = ?", (dismissal_id,))
            return key

    def set_session_value(self, name: str, value: str) -> None:
        """Set a named value of the review session (e.g. where the reviewer left off)."""
        with self.write() as cur:
            cur.execute("INSERT INTO session (name, value, time) VALUES (?, ?, ?) "
                        "ON CONFLICT(name) DO UPDATE SET value = excluded.value, "
                        "time = excluded.time", (name, value, now_iso()))

    def add_glossary_entry(self, source: str, target: str, note: str | None,
                           reviewer: str | None) -> GlossaryRow:
        """Record a glossary entry made during review."""
        t = now_iso()
        with self.write() as cur:
            cur.execute("INSERT INTO glossary (source, target, note, reviewer, time) "
                        "VALUES (?, ?, ?, ?, ?)", (source, target, note, reviewer, t))
            return GlossaryRow(_rowid(cur), source, target, note, reviewer, t)

    def undo(self, key: Key, original: str | None, reviewer: str | None) -> Change | None:
        """Revert the latest change of ``key`` not undone yet, by appending reverting
        rows and an ``undo`` action; None when there is nothing to undo."""
        with self.write() as cur:
            row = cur.execute(
                "SELECT id, kind, ref FROM actions a WHERE unit = ? AND source = ? "
                "AND kind != 'undo' AND NOT EXISTS (SELECT 1 FROM actions u WHERE u.undoes = a.id) "
                "ORDER BY id DESC LIMIT 1", key).fetchone()
            if row is None:
                return None
            target_id, kind, ref = row
            t = now_iso()
            uid = self._action(cur, key, "undo", reviewer, t, undoes=target_id)
            for cid, in cur.execute("SELECT id FROM corrections WHERE action = ? ORDER BY id",
                                    (target_id,)).fetchall():
                prev = self._latest_correction(cur, key, below=cid)
                restore = prev[4] if prev is not None else None
                last = self._latest_correction(cur, key)
                current = self._current(last, original)
                cur.execute("INSERT INTO corrections (action, unit, source, before, after, "
                            "reviewer, time, note, reverts, original) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (uid, *key, current, restore, reviewer, t, "undo", cid, original))
            for sid, in cur.execute("SELECT id FROM statuses WHERE action = ? ORDER BY id",
                                    (target_id,)).fetchall():
                restore_status = self._latest_status(cur, key, below=sid)
                cur.execute("INSERT INTO statuses (action, unit, source, status, reviewer, time) "
                            "VALUES (?, ?, ?, ?, ?, ?)", (uid, *key, restore_status, reviewer, t))
            if kind == "annotate":
                cur.execute("UPDATE annotations SET deleted = 1 WHERE action = ?", (target_id,))
            elif kind == "unannotate":
                cur.execute("UPDATE annotations SET deleted = 0 WHERE id = ?", (ref,))
            elif kind == "dismiss":
                cur.execute("UPDATE dismissals SET deleted = 1 WHERE action = ?", (target_id,))
            return Change(uid, "undo", key[0], reviewer, t, undoes=target_id)
