"""Output: the one writer behind every ``-o`` (:func:`output_stream`,
:func:`output_file`), and the findings formats ``text`` (for people, colour on a
terminal), ``jsonl``, ``json``, ``csv``. Findings writers take a stream of findings and
write as they come where the format allows (``json`` needs the run's statistics, so it
writes at the end).

The ``-o`` rules, the same for every command: ``-`` (or no ``-o``) is standard output;
a regular file is written atomically (temporary file, then rename; a symlink is
followed and its target replaced, the link kept); a FIFO, character device or
``/dev/...`` path is written through, never replaced; a directory or an empty path is a
one-line error; so is any path that is an input of the run, a review store, or a
store's ``-wal``/``-shm`` file.
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Callable, Iterable, Iterator

from . import safetext
from .errors import UsageError
from .model import CODE_RE, Finding, Severity, chip

if TYPE_CHECKING:  # runner imports the checks: not needed to write findings
    from .runner import RunStats

FORMATS = ("text", "jsonl", "json", "csv")

FIELDS = (
    "file", "unit", "index", "line", "check", "category", "severity", "side",
    "start", "end", "text", "message", "suggestion", "score",
)

_COLOURS = {
    Severity.NEUTRAL: "\x1b[2m",
    Severity.MINOR: "\x1b[36m",
    Severity.MAJOR: "\x1b[33m",
    Severity.CRITICAL: "\x1b[1;31m",
}
_RESET = "\x1b[0m"
_HILITE = "\x1b[7m"


def _visible(text: str) -> str:
    """Make invisible characters visible in a one-line excerpt."""
    out = []
    for ch in text:
        o = ord(ch)
        if ch == "\n":
            out.append("⏎")
        elif ch == "\t":
            out.append("⇥")
        elif ch in "\u00a0\u202f":
            out.append("⍽")
        elif 0xE000 <= o <= 0xF8FF:
            out.append(f"⟦{o - 0xE000 + 1}⟧")  # as the review editor writes it
        else:
            out.append(ch)
    return safetext.terminal_safe("".join(out))


def excerpt(side_text: str, start: int, end: int, colour: bool, width: int = 50) -> str:
    """The flagged span in context: up to ``width`` characters each side, the span
    marked (reverse video on a terminal, ``[[...]]`` otherwise)."""
    a = max(0, start - width)
    b = min(len(side_text), end + width)
    before = ("…" if a > 0 else "") + _visible(side_text[a:start])
    span = _visible(side_text[start:end])
    after = _visible(side_text[end:b]) + ("…" if b < len(side_text) else "")
    if colour:
        mark = f"{_HILITE}{span or ' '}{_RESET}"
    else:
        mark = f"[[{span}]]"
    return before + mark + after


def write_text(
    findings: Iterable[Finding],
    out: IO[str],
    colour: bool = False,
    side_texts: Callable[[Finding], str | None] | None = None,
) -> None:
    """Readable lines: ``file:line: severity check [unit]: message`` then the span in
    context and the suggestion, if any."""
    for f in findings:
        sev = str(f.severity)
        if colour:
            sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
        loc = f"{f.file}:{f.line}" if f.line is not None else f.file
        unit = f.unit if len(f.unit) <= 40 else f.unit[:39] + "…"
        form = f" form {f.form}" if f.form is not None else ""
        out.write(f"{_visible(loc)}: {sev} {f.check} [{_visible(unit)}{form}]: {_visible(f.message)}\n")
        text = side_texts(f) if side_texts else None
        if text is not None:
            out.write(f"    {f.side}: {excerpt(text, f.start, f.end, colour)}\n")
        elif f.text:
            out.write(f"    {f.side}: {_visible(f.text)}\n")
        if f.suggestion is not None:
            extra = f" (similarity {f.score:.0f})" if f.score is not None else ""
            out.write(f"    suggestion: {_visible(f.suggestion)!s}{extra}\n")


def summary_line(stats: dict[str, Any]) -> str:
    """One line closing ``check`` on a terminal: findings by severity and by check."""
    f = stats["findings"]
    if not f["total"]:
        return f"{stats['units']:,} units, no findings"
    sev = ", ".join(f"{k} {v}" for k, v in f["by_severity"].items() if v)
    top = sorted(f["by_check"].items(), key=lambda kv: (-kv[1], kv[0]))
    checks = ", ".join(f"{k} {v}" for k, v in top)
    return f"{f['total']:,} findings ({sev}) in {stats['units']:,} units; by check: {checks}"


def write_jsonl(findings: Iterable[Finding], out: IO[str]) -> None:
    """One JSON object a line, one line a finding."""
    for f in findings:
        out.write(json.dumps(f.to_dict(), ensure_ascii=False))
        out.write("\n")


def write_json(findings: Iterable[Finding], out: IO[str], stats: RunStats,
               extra: dict[str, Any] | None = None) -> None:
    """One object: ``findings`` and ``stats`` (plus ``extra`` keys)."""
    items = [f.to_dict() for f in findings]
    doc: dict[str, Any] = {"findings": items, "stats": stats.to_dict()}
    if extra:
        doc.update(extra)
    json.dump(doc, out, ensure_ascii=False, indent=2)
    out.write("\n")


# One helper for every CSV the tool writes (see reviewer.safetext).
csv_cell = safetext.csv_cell


def write_csv(findings: Iterable[Finding], out: IO[str]) -> None:
    """A header row then one row a finding, spreadsheet-safe."""
    out.write("\ufeff")  # spreadsheets read UTF-8 (accents, other scripts) only with a BOM
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(FIELDS)
    for f in findings:
        d = f.to_dict()
        for k in ("text", "suggestion"):  # inline codes as ⟦n⟧, never private-use characters
            v = d[k]
            if isinstance(v, str) and v:
                d[k] = CODE_RE.sub(lambda m: chip(ord(m.group()) - 0xE000), v)
        w.writerow([csv_cell(d[k]) for k in FIELDS])


# --------------------------------------------------------------------- the -o writer

STORE_SUFFIXES = (".review.sqlite", ".review.sqlite-wal", ".review.sqlite-shm")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def protected_paths(inputs: Iterable[str | os.PathLike[str] | None],
                    stores: Iterable[str | os.PathLike[str] | None] = ()) -> list[str]:
    """The files an output may not replace: the run's inputs, the review store of each
    input (``FILE.review.sqlite``) and every given store, each with ``-wal``/``-shm``."""
    out: list[str] = []
    for p in inputs:
        if p:
            out.append(str(p))
            out.extend(str(p) + s for s in STORE_SUFFIXES)
    for st in stores:
        if st:
            out.extend((str(st), f"{st}-wal", f"{st}-shm"))
    return out


def check_output(path: str | None, protect: Iterable[str] = ()) -> str:
    """Classify ``path`` as an output: ``"stdout"``, ``"stream"`` (written through) or
    ``"file"`` (atomic); refuse (one line, exit 2) what must not be written."""
    if path is None or path == "-":
        return "stdout"
    if path == "" or not path.strip():
        raise UsageError("the output path is empty (use -o - for standard output)")
    if path.endswith(STORE_SUFFIXES):
        raise UsageError("refusing to write over a review store (its name ends in "
                         ".review.sqlite); choose another output", path)
    for p in protect:
        if os.path.lexists(p) and os.path.lexists(path) and _same_file(p, path):
            what = "a review store" if str(p).endswith(STORE_SUFFIXES) else "an input of this run"
            raise UsageError(f"refusing to write over {what} ({p}); choose another output", path)
        if os.path.realpath(p) == os.path.realpath(path):
            raise UsageError(f"refusing to write over an input of this run ({p})", path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        parent = Path(path).parent
        if not parent.is_dir():
            raise UsageError("cannot write output: directory does not exist", path) from None
        return "file"
    except OSError as e:
        raise UsageError(f"cannot write output: {e.strerror}", path) from None
    if stat.S_ISDIR(st.st_mode):
        raise UsageError("the output is a directory; give a file name", path)
    if not stat.S_ISREG(st.st_mode) or path.startswith(("/dev/", "/proc/")):
        return "stream"
    return "file"


def _target(path: str) -> str:
    """A symlink's final target (the link itself is kept)."""
    return os.path.realpath(path) if os.path.islink(path) else path


@contextlib.contextmanager
def output_stream(path: str | None, protect: Iterable[str] = (),
                  binary: bool = False) -> Iterator[IO[Any]]:
    """The stream behind ``-o PATH`` (see the module docstring for the rules)."""
    kind = check_output(path, protect)
    if kind == "stdout":
        yield sys.stdout.buffer if binary else sys.stdout
        if not binary:
            sys.stdout.flush()
        return
    assert path is not None
    try:
        if kind == "stream":
            if binary:
                with open(path, "wb") as fb:
                    yield fb
            else:
                with open(path, "w", encoding="utf-8", newline="") as ft:
                    yield ft
            return
        from .formats.base import atomic_writer

        with atomic_writer(_target(path), "wb" if binary else "w") as f:
            yield f
    except FileNotFoundError:
        raise UsageError("cannot write output: directory does not exist", path) from None
    except PermissionError:
        raise UsageError("cannot write output: permission denied", path) from None
    except IsADirectoryError:
        raise UsageError("the output is a directory; give a file name", path) from None


@contextlib.contextmanager
def output_file(path: str | None, protect: Iterable[str] = ()) -> Iterator[Path]:
    """A file path for writers that need one (exports): the real target for a regular
    file (the writer writes it atomically), else a temporary file copied to standard
    output or through the FIFO/device when the writer is done."""
    kind = check_output(path, protect)
    if kind == "file":
        assert path is not None
        yield Path(_target(path))
        return
    tmpdir = tempfile.mkdtemp(prefix="reviewer-out-")
    try:
        name = Path(path).name if kind == "stream" and path else "stdout"
        tmp = Path(tmpdir) / name
        yield tmp
        with open(tmp, "rb") as src, output_stream(path, protect, binary=True) as dst:
            shutil.copyfileobj(src, dst)
            dst.flush()
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
