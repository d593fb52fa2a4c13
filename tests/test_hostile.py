"""Hostile and broken inputs against every command (issue 19), table-driven.

Each :class:`Case` makes its input files in a fresh folder, runs one ``reviewer``
command in a real subprocess (as a user would), and states the expected exit status
and what stderr must say. Every case also asserts what holds for all of them: no
traceback, no hang (a timeout far above the normal run time), and for exit 2 exactly
one line of error. Cases with an outcome to inspect (an exported file read back, a
store's contents) carry an ``after`` function.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

REPO = Path(__file__).resolve().parents[1]

Maker = Callable[[Path], list[str]]
After = Callable[[subprocess.CompletedProcess[str], Path], None]


@dataclass(frozen=True)
class Case:
    """One hostile input: ``make`` writes files into a folder and returns the command's
    arguments; ``status`` and ``message`` (a regex searched in stderr) are expected."""

    id: str
    make: Maker
    status: int
    message: str | None = None
    after: After | None = None
    stdin: str | None = ""
    timeout: float = 120
    env: dict[str, str] = field(default_factory=dict)


def run(args: list[str], cwd: Path, stdin: str | None = "", timeout: float = 120,
        env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """``reviewer ARGS`` in ``cwd`` with this checkout first on the path."""
    e = {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "reviewer.cli", *args], cwd=cwd,
                          input=stdin, capture_output=True, text=True, timeout=timeout,
                          env=e, encoding="utf-8", errors="replace")


def w(path: Path, text: str, encoding: str = "utf-8", newline: str = "") -> Path:
    """Write ``text`` exactly (no newline translation)."""
    with open(path, "w", encoding=encoding, newline=newline) as f:
        f.write(text)
    return path


def jl(*objs: object) -> str:
    return "".join(json.dumps(o, ensure_ascii=False) + "\n" for o in objs)


# ----------------------------------------------------------------------- inputs

BIG = "9" * 5000
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" datatype="plaintext" segtype="sentence"
 adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/><body>
<tu tuid="1"><tuv xml:lang="en"><seg>Hello world</seg></tuv><tuv xml:lang="de"><seg>Hallo Welt</seg></tuv></tu>
<tu tuid="2"><tuv xml:lang="en"><seg>Good night</seg></tuv><tuv xml:lang="de"><seg>Gute Nacht</seg></tuv></tu>
</body></tmx>
"""
XLF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a" source-language="en" target-language="ja" datatype="plaintext"><body>
<trans-unit id="a1"><source>Open the file</source><target>ファイルを開く</target></trans-unit>
<trans-unit id="a2"><source>Save</source><target>保存</target></trans-unit>
</body></file></xliff>
"""
XLF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="ru">
<file id="f1"><unit id="u1"><segment><source>Open the file</source><target>Открыть файл</target></segment></unit>
<unit id="u2"><segment><source>Save</source><target>Сохранить</target></segment></unit>
</file></xliff>
"""
PO = """msgid ""
msgstr ""
"Language: pl\\n"
"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "One file"
msgid_plural "%d files"
msgstr[0] "Jeden plik"
msgstr[1] "%d pliki"
msgstr[2] "%d plików"

msgid "Save"
msgstr "Zapisz"
"""


def tsv(tmp: Path, name: str = "in.tsv") -> Path:
    return w(tmp / name, "source\ttarget\nHello world\tHallo Welt\nGood night\tGute Nacht\n"
             "Thank you\tDanke\n")


def corrections(tmp: Path, *objs: object, name: str = "c.jsonl") -> Path:
    return w(tmp / name, jl(*objs))


def apply_then(fmt_text: str, suffix: str, unit: str, before: str, after: str,
               extra: list[str] | None = None) -> Maker:
    """Input of one format, a correction of ``unit`` applied, then export."""
    def make(tmp: Path) -> list[str]:
        f = w(tmp / f"in{suffix}", fmt_text)
        c = corrections(tmp, {"unit": unit, "before": before, "after": after})
        p = run(["apply", str(f), str(c)], tmp)
        assert p.returncode == 0, p.stderr
        return ["export", str(f), "-o", str(tmp / f"out{suffix}"), *(extra or [])]
    return make


def apply_refused(fmt_text: str, suffix: str, unit: str, before: str, after: str) -> Maker:
    def make(tmp: Path) -> list[str]:
        f = w(tmp / f"in{suffix}", fmt_text)
        c = corrections(tmp, {"unit": unit, "before": before, "after": after})
        return ["apply", str(f), str(c)]
    return make


# ----------------------------------------------------------------------- checks


def read_back(name: str, unit_index: int, text: str) -> After:
    """The exported file reads back, by the tool, with ``text`` as that unit's target."""
    def after(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
        from reviewer.formats import ReadOptions, open_document

        segs = open_document(tmp / name, ReadOptions()).materialize()
        assert segs[unit_index].target == text
    return after


def lxml_reads(name: str, text: str, unit_index: int = 1) -> After:
    """The reference XML parser reads the export with ``text`` in it (CR kept as CR)."""
    def after(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
        from lxml import etree

        root = etree.parse(str(tmp / name)).getroot()
        assert text in ["".join(e.itertext()) for e in root.iter()]
        read_back(name, unit_index, text)(p, tmp)
    return after


def stdout_has(*needles: str) -> After:
    def after(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
        for n in needles:
            assert n in p.stdout, (n, p.stdout)
    return after


def stdout_lacks(*needles: str) -> After:
    def after(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
        for n in needles:
            assert n not in p.stdout, (n, p.stdout)
    return after


def csv_safe(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
    """No CSV cell of stdout starts with a formula character."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(p.stdout)))
    assert len(rows) > 1, p.stdout
    for row in rows:
        for cell in row:
            assert not cell.lstrip(" ").startswith(("=", "+", "@")), row
            assert not (cell.startswith("-") and not re.fullmatch(r"-[\d.]+", cell)), row


def no_escape(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
    assert "\x1b" not in p.stdout and "\x07" not in p.stdout, repr(p.stdout)
    assert "␛" in p.stdout, p.stdout


def file_equals(name: str, expected: bytes) -> After:
    def after(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
        assert (tmp / name).read_bytes() == expected
    return after


def both(*checks: After) -> After:
    def after(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
        for c in checks:
            c(p, tmp)
    return after


# ----------------------------------------------------------------------- cases


def _big_int(cmd: list[str]) -> Maker:
    def make(tmp: Path) -> list[str]:
        w(tmp / "in.jsonl", '{"source": %s, "target": "x"}\n' % BIG)
        return [a.replace("FILE", str(tmp / "in.jsonl")) for a in cmd]
    return make


def _deep(tmp: Path) -> list[str]:
    w(tmp / "in.jsonl", '{"source": "a", "target": "b", "x": %s%s}\n' % ("[" * 100_000, "]" * 100_000))
    return ["check", "in.jsonl"]


def _surrogate(cmd: str) -> Maker:
    def make(tmp: Path) -> list[str]:
        w(tmp / "in.jsonl", '{"source": "Hello  world", "target": "Hallo  Welt \\ud800"}\n')
        return {"check": ["check", "in.jsonl"], "report": ["report", "in.jsonl", "-o", "r.json"]}[cmd]
    return make


def _surrogate_apply(tmp: Path) -> list[str]:
    tsv(tmp)
    w(tmp / "c.jsonl", '{"unit": "2", "before": "Hallo Welt", "after": "Hallo \\udc00"}\n')
    return ["apply", "in.tsv", "c.jsonl"]


def _score_empty(tmp: Path) -> list[str]:
    w(tmp / "h.txt", "")
    w(tmp / "r.txt", "")
    return ["score", "h.txt", "-r", "r.txt"]


def _score(extra: list[str], hyp: str = "Hallo Welt\nGute Nacht\n", name: str = "h.txt") -> Maker:
    def make(tmp: Path) -> list[str]:
        w(tmp / name, hyp)
        w(tmp / "r.txt", "Hallo Welt\nGute Nacht!\n")
        return ["score", name, "-r", "r.txt", *extra]
    return make


def _mqm(lines: str, cmd: str) -> Maker:
    def make(tmp: Path) -> list[str]:
        w(tmp / "a.jsonl", lines)
        return {"score": ["mqm", "score", "a.jsonl"],
                "export": ["mqm", "export", "a.jsonl", "-o", "o.tsv"]}[cmd]
    return make


ANN = {"system": "sysA", "doc": "d", "seg_id": "1", "rater": "r1", "category": "Accuracy",
       "severity": "Major", "source": "Hello", "target": "Hallo"}


def _mqm_tsv(rows: list[str], cmd: list[str]) -> Maker:
    def make(tmp: Path) -> list[str]:
        head = "system\tdoc\tdoc_id\tseg_id\trater\tsource\ttarget\tcategory\tseverity\n"
        w(tmp / "a.tsv", head + "".join(r + "\n" for r in rows))
        return cmd
    return make


def _profile(body: str) -> Maker:
    def make(tmp: Path) -> list[str]:
        w(tmp / "a.jsonl", jl(ANN))
        w(tmp / "reviewer.toml", "[mqm.profiles.bad]\n" + body)
        return ["mqm", "score", "a.jsonl", "--profile", "bad"]
    return make


def _workers(tmp: Path) -> list[str]:
    tsv(tmp)
    return ["check", "in.tsv", "--workers", "100000"]


def _cluster_bad_file(tmp: Path) -> list[str]:
    w(tmp / "in.jsonl", '{"source": "a", "target": \n')
    return ["check", "in.jsonl", "--cluster", "local:2"]


def _cluster_unreachable(tmp: Path) -> list[str]:
    tsv(tmp)
    return ["check", "in.tsv", "--cluster", "tcp://127.0.0.1:1"]


def _huge_line(cmd: str) -> Maker:
    def make(tmp: Path) -> list[str]:
        words = ("lorem ipsum dolor sit amet 42 consectetur " * 40_000)  # ~1.7 MB
        w(tmp / "big.txt", words + "\n")
        w(tmp / "ref.txt", words + "\n")
        return {"check": ["check", "--target", "big.txt", "--target-lang", "it"],
                "score": ["score", "big.txt", "-r", "ref.txt", "-m", "chrf"]}[cmd]
    return make


def _review_no_tty(tmp: Path) -> list[str]:
    tsv(tmp)
    return ["review", "in.tsv"]


def _dup_ids(tmp: Path) -> list[str]:
    w(tmp / "in.jsonl", jl({"id": "1", "source": "Hello", "target": "Hallo"},
                           {"id": "1", "source": "Hello", "target": "Servus"}))
    corrections(tmp, {"unit": "1", "before": "Hallo", "after": "Guten Tag"})
    return ["apply", "in.jsonl", "c.jsonl"]


def _dup_po(tmp: Path) -> list[str]:
    w(tmp / "in.po", 'msgid "Save"\nmsgstr "Zapisz"\n\nmsgid "Save"\nmsgstr "Zachowaj"\n')
    corrections(tmp, {"unit": "Save", "before": "Zapisz", "after": "Zapisz plik"})
    return ["apply", "in.po", "c.jsonl"]


def _insert_row_above(tmp: Path) -> list[str]:
    f = w(tmp / "in.tsv", "source\ttarget\nYes\tJa\nYes\tJo\n")
    corrections(tmp, {"unit": "3", "before": "Jo", "after": "Ja"})
    assert run(["apply", str(f), "c.jsonl"], tmp).returncode == 0
    w(f, "source\ttarget\nNew\tNeu\nYes\tJa\nYes\tJo\n")
    return ["export", "in.tsv", "-o", "out.tsv"]


def _target_changed_upstream(strict: bool) -> Maker:
    def make(tmp: Path) -> list[str]:
        f = tsv(tmp)
        corrections(tmp, {"unit": "2", "before": "Hallo Welt", "after": "Hallo, Welt"})
        assert run(["apply", str(f), "c.jsonl"], tmp).returncode == 0
        w(f, f.read_text().replace("Hallo Welt", "Hallo schöne Welt"))
        return ["export", "in.tsv", "-o", "out.tsv", *(["--strict"] if strict else [])]
    return make


def _unit_gone(tmp: Path) -> list[str]:
    f = tsv(tmp)
    corrections(tmp, {"unit": "4", "before": "Danke", "after": "Danke schön"})
    assert run(["apply", str(f), "c.jsonl"], tmp).returncode == 0
    w(f, "source\ttarget\nHello world\tHallo Welt\nGood night\tGute Nacht\n")
    return ["export", "in.tsv", "-o", "out.tsv", "--strict"]


def _other_store(tmp: Path) -> list[str]:
    f = tsv(tmp)
    corrections(tmp, {"unit": "2", "before": "Hallo Welt", "after": "Hallo, Welt"})
    assert run(["apply", str(f), "c.jsonl"], tmp).returncode == 0
    w(tmp / "other.tsv", "source\ttarget\nCat\tKatze\nDog\tHund\n")
    return ["export", "other.tsv", "--store", "in.tsv.review.sqlite", "-o", "out.tsv"]


def _jsonl_splice(tmp: Path) -> list[str]:
    w(tmp / "in.jsonl", '{"id": "a", "source": "Hi", "target": "Hallo", "score": 1e400, '
      '"p": 0.10000000000000000001, "k": 1, "k": 2}\n{"id": "b", "source": "Bye", "target": "Tschüss"}\n')
    corrections(tmp, {"unit": "a", "before": "Hallo", "after": "Hallo!"})
    assert run(["apply", "in.jsonl", "c.jsonl"], tmp).returncode == 0
    return ["export", "in.jsonl", "-o", "out.jsonl"]


def _export_checks(name: str, args: list[str], out: str, expected: str) -> After:
    """Then export: exit 0 and exactly ``expected`` in ``out``."""
    def after(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
        q = run(args, tmp)
        assert q.returncode == 0, q.stderr
        assert (tmp / out).read_text(encoding="utf-8") == expected
    return after


def _po_plural_index(tmp: Path) -> list[str]:
    w(tmp / "in.po", 'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "plik"\nmsgstr[99999999] "pliki"\n'
      '\nmsgid "Save"\nmsgstr "Zapisz"\n')
    corrections(tmp, {"unit": "Save", "before": "Zapisz", "after": "Zapisz plik"})
    assert run(["apply", "in.po", "c.jsonl"], tmp).returncode == 0
    return ["export", "in.po", "-o", "out.po"]


def _po_plural_corrected(tmp: Path) -> list[str]:
    """A plural entry with an odd index and one with more forms than nplurals, both
    corrected in form 0: the other forms keep their lines, none is added."""
    w(tmp / "in.po", 'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
      'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "plik"\nmsgstr[99999999] "pliki"\n\n'
      'msgid "dir"\nmsgid_plural "dirs"\nmsgstr[0] "a"\nmsgstr[1] "b"\nmsgstr[2] "c"\n')
    corrections(tmp, {"unit": "file", "before": "plik", "after": "plik!"},
                {"unit": "dir", "before": "a", "after": "A"})
    assert run(["apply", "in.po", "c.jsonl"], tmp).returncode == 0
    return ["export", "in.po", "-o", "out.po"]


def _po_unchanged_entry_kept(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
    out = (tmp / "out.po").read_text()
    assert 'msgstr[99999999] "pliki"' in out and 'msgstr[1]' not in out
    assert 'msgstr "Zapisz plik"' in out


def _check_text_escape(tmp: Path) -> list[str]:
    w(tmp / "in.tsv", "source\ttarget\nHello  world\tHallo  Welt \x1b]2;pwned\x07\x1b[2J\n")
    return ["check", "in.tsv"]


def _corrections_csv(tmp: Path) -> list[str]:
    f = tsv(tmp)
    corrections(tmp, {"unit": "2", "before": "Hallo Welt", "after": "=HYPERLINK(\"x\")",
                      "note": "@SUM(1)", "reviewer": "+evil"})
    assert run(["apply", str(f), "c.jsonl"], tmp).returncode == 0
    return ["corrections", "in.tsv", "--format", "csv"]


def _glossary_cells(tmp: Path) -> list[str]:
    w(tmp / "in.tsv", "source\ttarget\nOpen the file\tApri il documento\n")
    w(tmp / "g.tsv", "source\ttarget\tnote\nfile\tfile\tsee\u2028below\u0085here\n")
    return ["check", "in.tsv", "-g", "g.tsv", "--format", "jsonl", "--enable", "term"]


def _corrections_roundtrip(tmp: Path) -> list[str]:
    f = tsv(tmp)
    corrections(tmp, {"unit": "2", "before": "Hallo Welt", "after": "Hallo\u2028Welt\u0085!"})
    assert run(["apply", str(f), "c.jsonl"], tmp).returncode == 0
    p = run(["corrections", str(f), "--format", "jsonl"], tmp)
    w(tmp / "again.jsonl", p.stdout)
    (tmp / "in.tsv.review.sqlite").unlink()
    return ["apply", "in.tsv", "again.jsonl"]


def _unterminated_quote(tmp: Path) -> list[str]:
    w(tmp / "in.csv", 'source,target\nHello,"Hallo\nGood night,Gute Nacht\nThanks,Danke\n')
    return ["check", "in.csv"]


def _cr_only(tmp: Path) -> list[str]:
    w(tmp / "in.tsv", "source\ttarget\rHello world\tHallo Welt\rGood night\tGute Nacht\r")
    return ["check", "in.tsv", "--format", "jsonl", "--enable", "all"]


def _cr_only_corrections(tmp: Path) -> list[str]:
    tsv(tmp)
    w(tmp / "c.jsonl", '{"unit": "2", "before": "Hallo Welt", "after": "Hallo, Welt"}\r'
      '{"unit": "3", "before": "Gute Nacht", "after": "Gute Nacht!"}\r')
    return ["apply", "in.tsv", "c.jsonl"]


def _concurrent(tmp: Path) -> list[str]:
    """An open session (the review screen's Project) and ``apply`` edit one unit."""
    tsv(tmp)
    code = (
        "import subprocess, sys\n"
        "from reviewer.project import Project, ConflictError\n"
        "p = Project.open('in.tsv')\n"
        "seen = p.segment(0).target\n"
        "open('c.jsonl','w').write('{\"unit\": \"2\", \"before\": \"Hallo Welt\", \"after\": \"Hallo, Welt\"}\\n')\n"
        "r = subprocess.run([sys.executable, '-m', 'reviewer.cli', 'apply', 'in.tsv', 'c.jsonl'])\n"
        "assert r.returncode == 0\n"
        "try:\n"
        "    p.correct(0, 'Hallo liebe Welt', expected=seen, check=True)\n"
        "except ConflictError as e:\n"
        "    print('conflict:', e.actual)\n"
        "print('now:', p.segment(0).target)\n"
    )
    w(tmp / "session.py", code)
    return ["--version"]  # the work is in ``after``


def _concurrent_after(p: subprocess.CompletedProcess[str], tmp: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    q = subprocess.run([sys.executable, "session.py"], cwd=tmp, capture_output=True, text=True,
                       env=env, timeout=120)
    assert q.returncode == 0, q.stderr
    assert "conflict: Hallo, Welt" in q.stdout and "now: Hallo, Welt" in q.stdout, q.stdout


def _store_rows(tmp: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(tmp / "in.tsv.review.sqlite")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


CASES: list[Case] = [
    # --- JSON values: huge integers, deep nesting, lone surrogates
    Case("bigint-check", _big_int(["check", "FILE", "--enable", "all"]), 0),
    Case("bigint-check-workers", _big_int(["check", "FILE", "--workers", "2"]), 0),
    Case("bigint-apply", lambda t: (tsv(t), w(t / "c.jsonl", '{"unit": %s, "after": "x"}\n' % BIG),
                                     ["apply", "in.tsv", "c.jsonl"])[-1], 1, r"unknown units"),
    Case("bigint-mqm", _mqm('{"system": "s", "seg_id": %s, "rater": "r", "category": "Accuracy", '
                            '"severity": "Minor"}\n' % BIG, "score"), 0),
    Case("deep-nesting", _deep, 2, r"in\.jsonl:1: JSON nested too deeply"),
    Case("surrogate-check", _surrogate("check"), 2, r"in\.jsonl:1: .*lone UTF-16 surrogate"),
    Case("surrogate-report", _surrogate("report"), 2, r"in\.jsonl:1: .*lone UTF-16 surrogate"),
    Case("surrogate-apply", _surrogate_apply, 2, r"c\.jsonl:1: .*lone UTF-16 surrogate"),
    # --- score
    Case("score-empty", _score_empty, 2, r"r\.txt: no segment to score"),
    Case("score-n-samples", _score(["--confidence", "--n-samples", "-1"]), 2, r"--n-samples"),
    Case("score-no-metric", _score(["-m", ","]), 2, r"no metric"),
    Case("score-csv-injection", _score(["--format", "csv"], name="=cmd.txt"), 0, after=csv_safe),
    Case("score-latex", _score(["--format", "latex", "--name", r"\input{|id}$#"]), 0,
         after=both(stdout_has(r"\textbackslash{}input\{|id\}\$\#"), stdout_lacks(r"\input{"))),
    Case("score-cr-only", _score([], hyp="Hallo Welt\rGute Nacht\r"), 0, after=stdout_has("BLEU")),
    # --- mqm
    Case("mqm-array-line", _mqm("[1, 2]\n", "score"), 2, r"a\.jsonl:1: .*JSON object"),
    Case("mqm-string-line", _mqm('"x"\n', "export"), 2, r"a\.jsonl:1: .*JSON object"),
    Case("mqm-null-field", _mqm(jl({**ANN, "category": None}), "score"), 2, r"a\.jsonl:1: .*category"),
    Case("mqm-number-field", _mqm(jl({**ANN, "seg_id": 7, "rater": 3}), "score"), 0,
         after=stdout_has('"seg_id": "7"')),
    Case("mqm-bad-span", _mqm(jl({**ANN, "side": "target", "start": 3, "end": 99}), "score"), 2,
         r"a\.jsonl:1: .*start"),
    Case("mqm-export-tab", _mqm(jl({**ANN, "target": "Hal\tlo"}), "export"), 2, r"tab"),
    Case("mqm-export-comment", _mqm(jl({**ANN, "comment": "wrong word"}), "export"), 0,
         after=lambda p, t: (_ for _ in ()).throw(AssertionError((t / "o.tsv").read_text()))
         if "comment" not in (t / "o.tsv").read_text().split("\n")[0]
         or "wrong word" not in (t / "o.tsv").read_text() else None),
    Case("mqm-two-spans", _mqm_tsv(["s\td\t1\t1\tr\tHi\t<v>Ha</v>l<v>lo</v>\tAccuracy\tMinor"],
                                   ["mqm", "import", "a.tsv"]), 2, r"a\.tsv:2: .*more than one"),
    Case("mqm-unclosed-span", _mqm_tsv(["s\td\t1\t1\tr\tHi\tHal<v>lo\tAccuracy\tMinor"],
                                       ["mqm", "import", "a.tsv"]), 0,
         after=stdout_has('"target": "Hallo"', '"start": 3', '"end": 5')),
    Case("mqm-profile-string", _profile('weights = { major = "abc" }\n'), 2, r"weight 'major'"),
    Case("mqm-profile-negative", _profile("weights = { minor = -1 }\n"), 2, r"0 or more"),
    Case("mqm-profile-unknown-key", _profile('major = "abc"\n'), 2, r"unknown key"),
    Case("mqm-score-csv", lambda t: (w(t / "a.jsonl", jl({**ANN, "system": "=1+1", "doc": "@x"})),
                                     ["mqm", "score", "a.jsonl", "--format", "csv"])[-1],
         0, after=csv_safe),
    # --- inline-code characters and controls in corrections
    Case("pua-tmx", apply_refused(TMX, ".tmx", "1", "Hallo Welt", "Hallo\ue005 Welt"), 2,
         r"private-use character \(U\+E005\)"),
    Case("pua-xliff12", apply_refused(XLF12, ".xlf", "a2", "保存", "保\ue005存"), 2,
         r"private-use character"),
    Case("pua-xliff2", apply_refused(XLF2, ".xlf", "u2", "Сохранить", "\ue005Сохранить"), 2,
         r"private-use character"),
    Case("pua-tsv-is-text", apply_then("source\ttarget\nA\tB\n", ".tsv", "2", "B", "B\ue005"), 0,
         after=read_back("out.tsv", 0, "B\ue005")),
    Case("control-tmx", apply_refused(TMX, ".tmx", "1", "Hallo Welt", "Hallo\x01Welt"), 2,
         r"U\+0001"),
    Case("control-xliff12", apply_refused(XLF12, ".xlf", "a2", "保存", "保\x0c存"), 2, r"U\+000C"),
    Case("nul-tsv", apply_refused("source\ttarget\nA\tB\n", ".tsv", "2", "B", "B\x00"), 2, r"U\+0000"),
    Case("escape-tsv", apply_refused("source\ttarget\nA\tB\n", ".tsv", "2", "B", "B\x1b[1m"), 2,
         r"U\+001B"),
    # --- CR / CRLF kept in XML targets
    Case("crlf-xliff12", apply_then(XLF12, ".xlf", "a2", "保存", "保\r\n存"), 0,
         after=lxml_reads("out.xlf", "保\r\n存")),
    Case("cr-xliff2", apply_then(XLF2, ".xlf", "u2", "Сохранить", "Сохра\rнить"), 0,
         after=lxml_reads("out.xlf", "Сохра\rнить")),
    Case("crlf-tmx", apply_then(TMX, ".tmx", "2", "Gute Nacht", "Gute\r\nNacht"), 0,
         after=lxml_reads("out.tmx", "Gute\r\nNacht")),
    # --- JSONL export touches only the corrected field; PO plural indices
    Case("jsonl-splice", _jsonl_splice, 0, after=file_equals(
        "out.jsonl", ('{"id": "a", "source": "Hi", "target": "Hallo!", "score": 1e400, '
                      '"p": 0.10000000000000000001, "k": 1, "k": 2}\n{"id": "b", "source": "Bye", '
                      '"target": "Tschüss"}\n').encode())),
    Case("po-plural-index", _po_plural_index, 0, after=_po_unchanged_entry_kept),
    Case("po-plural-corrected", _po_plural_corrected, 0, after=file_equals("out.po", (
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "file"\nmsgid_plural "files"\nmsgstr[0] "plik!"\nmsgstr[99999999] "pliki"\n\n'
        'msgid "dir"\nmsgid_plural "dirs"\nmsgstr[0] "A"\nmsgstr[1] "b"\nmsgstr[2] "c"\n').encode())),
    Case("po-plural-roundtrip", apply_then(PO, ".po", "Save", "Zapisz", "Zapisz plik"), 0,
         after=lambda p, t: _polib_same(t)),
    # --- unit identity
    Case("dup-ids-jsonl", _dup_ids, 0, r"1 applied", after=_export_checks(
        "in.jsonl", ["export", "in.jsonl", "-o", "out.jsonl"], "out.jsonl",
        '{"id": "1", "source": "Hello", "target": "Guten Tag"}\n'
        '{"id": "1", "source": "Hello", "target": "Servus"}\n')),
    Case("dup-ids-po", _dup_po, 0, r"1 applied", after=_export_checks(
        "in.po", ["export", "in.po", "-o", "out.po"], "out.po",
        'msgid "Save"\nmsgstr "Zapisz plik"\n\nmsgid "Save"\nmsgstr "Zachowaj"\n')),
    Case("dup-ids-second", lambda t: (_dup_ids(t), corrections(
        t, {"unit": "1#2", "before": "Servus", "after": "Grüß Gott"}), ["apply", "in.jsonl", "c.jsonl"])[-1],
        0, r"1 applied", after=_export_checks(
            "in.jsonl", ["export", "in.jsonl", "-o", "out.jsonl"], "out.jsonl",
            '{"id": "1", "source": "Hello", "target": "Hallo"}\n'
            '{"id": "1", "source": "Hello", "target": "Grüß Gott"}\n')),
    Case("insert-row-above", _insert_row_above, 0,
         after=file_equals("out.tsv", b"source\ttarget\nNew\tNeu\nYes\tJa\nYes\tJa\n")),
    Case("target-changed-upstream", _target_changed_upstream(False), 0,
         r"not applied: unit '2'.*target changed",
         after=file_equals("out.tsv", "source\ttarget\nHello world\tHallo schöne Welt\nGood night\t"
                           "Gute Nacht\nThank you\tDanke\n".encode())),
    Case("target-changed-strict", _target_changed_upstream(True), 1, r"not applied: unit '2'"),
    Case("target-changed-listed", lambda t: (_target_changed_upstream(False)(t), [
        "corrections", "in.tsv", "--format", "jsonl"])[-1], 0,
        after=stdout_has('"before": "Hallo Welt", "after": "Hallo, Welt"', '"stale": true')),
    Case("corrections-text-escapes", lambda t: (tsv(t), corrections(
        t, {"unit": "2", "before": "Hallo Welt", "after": "Hallo \u009b2J Welt", "note": "\u202eevil"}),
        run(["apply", "in.tsv", "c.jsonl"], t), ["corrections", "in.tsv"])[-1], 0,
        after=both(stdout_has("<U+009B>", "<U+202E>"), stdout_lacks("\u009b", "\u202e"))),
    Case("unit-gone-strict", _unit_gone, 1, r"not applied: unit '4'.*no longer in"),
    Case("other-files-store", _other_store, 2, r"belongs to .*in\.tsv"),
    Case("concurrent-edit", _concurrent, 0, after=_concurrent_after),
    # --- injection and terminal safety
    Case("check-text-escapes", _check_text_escape, 0, after=no_escape),
    Case("corrections-csv", _corrections_csv, 0, after=csv_safe),
    # --- line splitting
    Case("glossary-u2028", _glossary_cells, 0, after=stdout_has('"check": "term"')),
    Case("corrections-u2028-roundtrip", _corrections_roundtrip, 0, r"1 applied"),
    Case("unterminated-csv-quote", _unterminated_quote, 2, r"in\.csv:2: .*quote"),
    Case("cr-only-tsv", _cr_only, 0, after=stdout_lacks('"check": "format"')),
    Case("cr-only-corrections", _cr_only_corrections, 0, r"2 applied"),
    # --- resources
    Case("workers-capped", _workers, 0, r"--workers 100000 capped at \d+"),
    Case("cluster-bad-file", _cluster_bad_file, 2, r"in\.jsonl:1:.*invalid JSON", timeout=180),
    Case("cluster-unreachable", _cluster_unreachable, 2, r"cannot reach the Dask scheduler", timeout=15),
    # a hang guard only (bench_huge_line.py measures the cost): far above the run time
    Case("huge-line-check", _huge_line("check"), 0, timeout=600),
    Case("huge-line-score", _huge_line("score"), 0, timeout=600),
    Case("review-no-terminal", _review_no_tty, 2, r"needs a terminal", timeout=30),
]


def _polib_same(tmp: Path) -> None:
    import polib

    a = {e.msgid: e for e in polib.pofile(str(tmp / "in.po"))}
    b = {e.msgid: e for e in polib.pofile(str(tmp / "out.po"))}
    assert b["Save"].msgstr == "Zapisz plik"
    assert b["One file"].msgstr_plural == a["One file"].msgstr_plural


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile(case: Case, tmp_path: Path) -> None:
    args = case.make(tmp_path)
    p = run(args, tmp_path, case.stdin, case.timeout, case.env)
    assert "Traceback" not in p.stderr, p.stderr
    assert p.returncode == case.status, (p.returncode, p.stdout[-2000:], p.stderr[-2000:])
    if case.status == 2:
        lines = p.stderr.strip().splitlines()
        assert len(lines) == 1, p.stderr
    if case.message is not None:
        assert re.search(case.message, p.stderr), p.stderr
    if case.after is not None:
        case.after(p, tmp_path)


def test_every_issue_case_is_in_the_table() -> None:
    """The table keeps a case for each hostile input named in issue 19 (in this scope)."""
    ids = {c.id for c in CASES}
    assert len(ids) == len(CASES)
    for needed in ("bigint-check", "deep-nesting", "surrogate-check", "score-empty",
                   "score-n-samples", "mqm-array-line", "pua-tmx", "workers-capped",
                   "cluster-unreachable", "huge-line-check", "review-no-terminal",
                   "dup-ids-jsonl", "insert-row-above", "target-changed-upstream",
                   "other-files-store", "concurrent-edit", "jsonl-splice", "po-plural-index",
                   "check-text-escapes", "glossary-u2028", "unterminated-csv-quote",
                   "score-no-metric"):
        assert needed in ids


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c"])
@pytest.mark.parametrize("name", ["g.tsv", "g.csv"])
def test_glossary_cells_keep_unicode_line_separators(sep: str, name: str) -> None:
    """U+2028, U+0085 and the other characters ``str.splitlines`` breaks at are cell
    text in a glossary: one entry, the note intact (and CR-only files still split)."""
    from reviewer.glossary_io import read_table

    d = "\t" if name.endswith(".tsv") else ","
    for eol in ("\n", "\r\n", "\r"):
        text = f"source{d}target{d}note{eol}file{d}Datei{d}see{sep}below{eol}Ordner{d}dossier{d}{eol}"
        g = read_table(text, name)
        assert [(e.source, e.note) for e in g.entries] == [("file", f"see{sep}below"),
                                                           ("Ordner", "")]
