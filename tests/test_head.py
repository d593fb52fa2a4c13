"""The first units of a file read alone (formats.head) and the project over them
(project_head): the same units the full read gives, writes under the same store keys,
refusals where only the whole file can tell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.errors import UsageError
from reviewer.formats import ReadOptions
from reviewer.formats import head as H
from reviewer.inputs import project_document
from reviewer.project import Project
from reviewer.project_head import HeadProject

# (source, target) pairs in several scripts; a unit's number is appended to each
TEXTS = [
    ("The file is saved.", "Il file è salvato."),
    ("Открыть документ", "Otwórz dokument"),
    ("設定を開く", "打开设置"),
    ("حفظ الملف", "שמור את הקובץ"),
    ("Ελέγξτε τη σύνδεση", "Проверьте подключение"),
]


def rows(n: int) -> list[tuple[str, str, str]]:
    """``(id, source, target)`` of ``n`` units."""
    return [(f"u{i + 1}", f"{TEXTS[i % 5][0]} {i + 1}", f"{TEXTS[i % 5][1]} {i + 1}")
            for i in range(n)]


def po_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write(fmt: str, path: Path, units: list[tuple[str, str, str]]) -> Path:
    """``units`` as a file of ``fmt``."""
    with open(path, "w", encoding="utf-8") as f:
        if fmt == "tsv":
            f.write("source\ttarget\n")
            f.writelines(f"{s}\t{t}\n" for _, s, t in units)
        elif fmt == "jsonl":
            f.writelines(json.dumps({"id": i, "source": s, "target": t}, ensure_ascii=False)
                         + "\n" for i, s, t in units)
        elif fmt == "po":
            f.write('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                    '"Language: it\\n"\n\n')
            f.writelines(f"msgctxt {po_str(i)}\nmsgid {po_str(s)}\nmsgstr {po_str(t)}\n\n"
                         for i, s, t in units)
        else:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<xliff version="1.2" '
                    'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" '
                    'source-language="en" target-language="it" datatype="plaintext"><body>\n')
            f.writelines(f'<trans-unit id="{i}"><source>{s}</source><target>{t}</target>'
                         "</trans-unit>\n" for i, s, t in units)
            f.write("</body></file></xliff>\n")
    return path


SUFFIX = {"tsv": "tsv", "jsonl": "jsonl", "po": "po", "xliff": "xlf"}


def fields(segs: list) -> list[tuple]:
    return [(s.id, s.index, s.source, s.target, s.line, s.context) for s in segs]


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "po", "xliff"])
def test_head_is_the_full_reads_first_units(fmt: str, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(H, "PO_HEAD_BYTES", 3000)  # a PO head cut inside the file
    path = write(fmt, tmp_path / f"f.{SUFFIX[fmt]}", rows(300))
    ro = ReadOptions(source_lang="en", target_lang="it")
    head = H.read_head(path, ro, 40)
    assert head is not None and not head.complete
    full = list(project_document(path, ro))
    assert len(head.segments) == 40
    assert fields(head.segments) == fields(full[:40])
    assert head.doc.format == fmt


@pytest.mark.parametrize("fmt", ["tsv", "po", "xliff"])
def test_small_file_head_is_complete(fmt: str, tmp_path: Path) -> None:
    path = write(fmt, tmp_path / f"f.{SUFFIX[fmt]}", rows(7))
    head = H.read_head(path, ReadOptions(), 40)
    assert head is not None and head.complete and len(head.segments) == 7


def test_no_head_where_the_whole_file_decides(tmp_path: Path) -> None:
    tsv = write("tsv", tmp_path / "f.tsv", rows(100))
    assert H.read_head(tsv, ReadOptions(strict=True), 10) is None  # a problem anywhere refuses
    assert H.read_head(tsv, ReadOptions(source_file=str(tsv)), 10) is None
    assert H.read_head(tmp_path / "missing.tsv", ReadOptions(), 10) is None
    props = tmp_path / "app.properties"
    props.write_text("a = b\n", encoding="utf-8")
    assert H.read_head(props, ReadOptions(), 10) is None  # not a streaming format
    keyed = write("xliff", tmp_path / "k.xlf",
                  [(f"k{i}", f"app.menu.item_{i}", f"Voce {i}") for i in range(100)])
    assert H.read_head(keyed, ReadOptions(), 10) is None  # sources come from another file
    utf16 = tmp_path / "w.po"
    utf16.write_bytes(write("po", tmp_path / "x.po", rows(50)).read_text(
        encoding="utf-8").encode("utf-16"))
    assert H.read_head(utf16, ReadOptions(), 10) is None
    # but a plain TSV is read in part
    assert H.read_head(tsv, ReadOptions(), 10) is not None


def test_count_lines(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_bytes(b"one\ntwo\nthree")
    assert H.count_lines(p) == 3
    p.write_bytes(b"one\ntwo\n")
    assert H.count_lines(p, chunk=3) == 2
    p.write_bytes(b"")
    assert H.count_lines(p) == 0


def head_project(path: Path, store: Path, n: int = 20) -> HeadProject:
    ro = ReadOptions(source_lang="en", target_lang="it")
    head = H.read_head(path, ro, n)
    assert head is not None
    return HeadProject.open_head(path, head.segments, head.doc, store_path=store,
                                 reviewer="t", read_options=ro)


@pytest.mark.parametrize("fmt", ["tsv", "po", "xliff"])
def test_head_writes_land_where_the_full_project_reads(fmt: str, tmp_path: Path) -> None:
    path = write(fmt, tmp_path / f"f.{SUFFIX[fmt]}", rows(200))
    store = tmp_path / "s.sqlite"
    with Project.open(path, store_path=store, reviewer="t") as full:
        full.accept(150)  # state beyond the head: not loaded by the head project
    hp = head_project(path, store)
    assert len(hp) == 20
    assert hp.status(4) == "unreviewed"
    hp.correct(3, "Поправлено 4")
    hp.accept(5)
    hp.annotate(6, "target", 0, 3, "accuracy/mistranslation", "minor")
    assert hp.segment(3).target == "Поправлено 4" and hp.status(3) == "corrected"
    with pytest.raises(UsageError, match="still being read"):
        hp.export(tmp_path / "out")
    hp.close()
    with Project.open(path, store_path=store, reviewer="t") as full:
        assert full.segment(3).target == "Поправлено 4"
        assert full.status(3) == "corrected" and full.status(5) == "accepted"
        assert full.status(150) == "accepted" and full.status(4) == "unreviewed"
        assert len(full.annotations(6)) == 1
        assert [c.index for c in full.corrections()] == [3]


def test_head_refuses_what_only_the_whole_file_can_key(tmp_path: Path) -> None:
    units = rows(100)
    units[2] = ("u3", "Same text", "Stesso testo")
    units[60] = ("u61", "Same text", "Stesso testo")  # the same source, beyond the head
    units[4] = ("dup", units[4][1], units[4][2])
    units[7] = ("dup", "Другой текст", "Altro testo")  # a repeated id inside the head
    path = write("jsonl", tmp_path / "f.jsonl", units)
    store = tmp_path / "s.sqlite"
    with Project.open(path, store_path=store, reviewer="t") as full:
        full.correct(60, "Corretto altrove")  # stored under ('u61', 'Same text')
        full.correct(9, "Già corretto")
    hp = head_project(path, store)
    # a stored unit with this source text but another id: only the file can tell
    assert "stored unit with this source" in (hp.not_editable(2) or "")
    with pytest.raises(UsageError):
        hp.correct(2, "No")
    # an id made unique (dup#2): refused; its first occurrence too (the key repeats
    # only if the whole file says so, but the head cannot see further)
    assert hp.original(7).id == "dup#2" and hp.not_editable(7) is not None
    with pytest.raises(UsageError):
        hp.accept(7)
    # units whose key only the head decides: allowed, and a stored one shows its state
    assert hp.not_editable(0) is None and hp.not_editable(9) is None
    assert hp.segment(9).target == "Già corretto"
    hp.correct(9, "Corretto di nuovo", expected="Già corretto", check=True)
    hp.close()
    with Project.open(path, store_path=store, reviewer="t") as full:
        assert full.segment(2).target == "Stesso testo"
        assert full.segment(60).target == "Corretto altrove"
        assert full.segment(9).target == "Corretto di nuovo"
        assert full.status(7) == "unreviewed"
