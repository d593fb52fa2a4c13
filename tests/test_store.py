"""The SQLite review store: schema and migrations, WAL settings, validation of damaged
or foreign files (clear error, file left byte-identical), append-only history."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from reviewer import store as store_mod
from reviewer.errors import InputError
from reviewer.store import (
    SQLITE_HEADER,
    ConflictError,
    Store,
    default_store_path,
    latest_version,
    now_iso,
    validate,
)

KEY = ("u1", "Hello")


@pytest.fixture
def st(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "a.review.sqlite")
    yield s
    s.close()


def test_default_path_is_beside_the_input(tmp_path: Path) -> None:
    assert default_store_path(tmp_path / "x.po") == tmp_path / "x.po.review.sqlite"


def test_new_store_settings_and_schema(st: Store) -> None:
    conn = sqlite3.connect(st.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert {"schema_version", "fingerprints", "actions", "corrections", "statuses",
            "annotations", "dismissals", "glossary"} <= tables
    assert st.schema_version() == latest_version() == 2  # v2: corrections.original
    assert int(st._read("PRAGMA synchronous")[0][0]) == 2  # FULL
    assert int(st._read("PRAGMA busy_timeout")[0][0]) >= 5000


def test_time_is_iso_utc() -> None:
    t = now_iso()
    assert t.endswith("Z") and "T" in t and len(t) == len("2024-01-01T00:00:00.000Z")


def test_correction_history_is_append_only(st: Store) -> None:
    st.record_correction(KEY, "Ciao", "Salve", "ann")
    st.record_correction(KEY, "Ciao!", "Salve", "bob", note="punct")
    assert st.record_correction(KEY, "Ciao!", "Salve", "bob") is None  # no-op
    state = st.load_state()
    row = state.corrections[KEY]
    assert (row.before, row.after, row.reviewer, row.note) == ("Ciao", "Ciao!", "bob", "punct")
    assert state.statuses[KEY] == "corrected"
    st.undo(KEY, "Salve", "ann")
    st.undo(KEY, "Salve", "ann")
    assert st.count("corrections") == 4  # two corrections, two reverting rows
    state = st.load_state()
    assert state.corrections[KEY].after is None  # back to the input's own text
    assert KEY not in state.statuses or state.statuses[KEY] == "unreviewed"
    assert st.undo(KEY, "Salve", "ann") is None  # nothing left
    hist = st.history(KEY)
    assert [h.kind for h in hist] == ["correct", "correct", "undo", "undo"]
    assert hist[0].undone and hist[1].undone


def test_checked_correction_conflict(st: Store) -> None:
    st.record_correction(KEY, "Ciao", "Salve", "ann")
    with pytest.raises(ConflictError) as e:
        st.record_correction(KEY, "Hey", "Salve", "bob", expected="Salve", check=True)
    assert e.value.actual == "Ciao"
    assert st.load_state().corrections[KEY].after == "Ciao"


def test_annotations_removed_by_marking(st: Store) -> None:
    a = st.add_annotation(KEY, "target", 0, 4, "accuracy", "major", "wrong", "ann")
    st.remove_annotation(a.id, "ann")
    assert st.load_state().annotations == {}
    assert st.count("annotations") == 1
    st.undo(KEY, None, "ann")  # undo the removal
    assert [x.id for x in st.load_state().annotations[KEY]] == [a.id]
    with pytest.raises(Exception):
        st.remove_annotation(9999, "ann")


def test_glossary_and_fingerprint(st: Store) -> None:
    st.add_glossary_entry("file", "file", "keep", "ann")
    assert [(g.source, g.target, g.note) for g in st.glossary_entries()] == [("file", "file", "keep")]
    fp = store_mod.Fingerprint("a.po", "po", "0" * 64, 10)
    assert st.record_fingerprint(fp) is None
    assert st.record_fingerprint(fp) == fp
    assert st.count("fingerprints") == 1


# ------------------------------------------------------------------ damaged files


def _bytes(p: Path) -> bytes:
    return p.read_bytes()


@pytest.mark.parametrize("content", [
    b"this is not a database at all\n" * 10,
    b"\x00" * 4096,
    SQLITE_HEADER + b"\xff" * 4000,
])
def test_foreign_or_damaged_file_is_refused_and_untouched(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "bad.review.sqlite"
    p.write_bytes(content)
    with pytest.raises(InputError) as e:
        Store.open(p)
    assert str(p) in str(e.value)
    assert _bytes(p) == content
    assert sorted(os.listdir(tmp_path)) == ["bad.review.sqlite"]


def test_truncated_store_is_refused_and_untouched(tmp_path: Path) -> None:
    p = tmp_path / "t.review.sqlite"
    s = Store.open(p)
    for k in range(200):
        s.record_correction((f"u{k}", "src" * 50), "x" * 300, None, "ann")
    s.close()
    data = p.read_bytes()
    assert not Path(str(p) + "-wal").exists()  # checkpointed on close
    damaged = data[:100] + bytes(b ^ 0x5A for b in data[100:len(data) // 2]) + data[len(data) // 2:]
    p.write_bytes(damaged)
    with pytest.raises(InputError) as e:
        Store.open(p)
    assert "damaged" in str(e.value) and str(p) in str(e.value)
    assert p.read_bytes() == damaged
    assert sorted(os.listdir(tmp_path)) == ["t.review.sqlite"]


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "other.sqlite"
    conn = sqlite3.connect(p)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = p.read_bytes()
    with pytest.raises(InputError, match="not a review store"):
        Store.open(p)
    assert p.read_bytes() == before


def test_empty_file_becomes_a_store(tmp_path: Path) -> None:
    p = tmp_path / "empty.review.sqlite"
    p.write_bytes(b"")
    Store.open(p).close()
    assert validate(p) == latest_version()


def test_missing_store_without_create(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no review store"):
        Store.open(tmp_path / "none.sqlite", create=False)
    assert not (tmp_path / "none.sqlite").exists()


# ------------------------------------------------------------------ migrations


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "new.review.sqlite"
    Store.open(p).close()
    conn = sqlite3.connect(p)
    conn.execute("UPDATE schema_version SET version = 99")
    conn.commit()
    conn.close()
    before = p.read_bytes()
    with pytest.raises(InputError, match="newer than this reviewer understands"):
        Store.open(p)
    assert p.read_bytes() == before


def test_older_schema_is_upgraded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "old.review.sqlite"
    s = Store.open(p)
    s.record_correction(KEY, "Ciao", "Salve", "ann")
    s.close()
    v2 = lambda cur: cur.execute("ALTER TABLE corrections ADD COLUMN origin TEXT")  # noqa: E731
    monkeypatch.setitem(store_mod.MIGRATIONS, 3, v2)
    s = Store.open(p)
    assert s.schema_version() == 3
    cols = [r[1] for r in s._read("PRAGMA table_info(corrections)")]
    assert "origin" in cols
    assert s.load_state().corrections[KEY].after == "Ciao"  # data kept
    s.close()


def test_failed_migration_rolls_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = tmp_path / "old.review.sqlite"
    Store.open(p).close()

    def broken(cur: sqlite3.Cursor) -> None:
        cur.execute("ALTER TABLE corrections ADD COLUMN origin TEXT")
        raise RuntimeError("boom")

    monkeypatch.setitem(store_mod.MIGRATIONS, 3, broken)
    with pytest.raises(RuntimeError):
        Store.open(p)
    monkeypatch.delitem(store_mod.MIGRATIONS, 3)
    s = Store.open(p)
    assert s.schema_version() == 2
    assert "origin" not in [r[1] for r in s._read("PRAGMA table_info(corrections)")]
    s.close()
