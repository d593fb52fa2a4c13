"""Shared helpers of the benchmarks: a real PO corpus, the peer's own venv, measuring.

Nothing here is imported by :mod:`reviewer`. The comparison peer (translate-toolkit,
GPL) lives in its own virtual environment, ``benchmarks/.env/``, and is only ever run
as a separate program; it is never installed into the main environment.

Corpus: Debian's compiled catalogs (``/usr/share/locale/*/LC_MESSAGES/*.mo``) turned
back into PO files with ``msgunfmt`` into ``benchmarks/.cache/``. ``msgunfmt`` keeps
msgctxt, msgid, msgid_plural and every msgstr, but a ``.mo`` file has no comments,
source references or flags (no ``#, c-format``), and only translated, non-fuzzy
entries survive compilation: every unit has a non-empty msgstr.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
CACHE = HERE / ".cache"
PEER_ENV = HERE / ".env"
LOCALE_DIR = Path("/usr/share/locale")

# Real software catalogs (not the ISO code lists, whose units are one-word names):
# command-line tools and libraries with printf placeholders, plurals, markup, URLs.
DOMAINS: tuple[str, ...] = (
    "git",
    "postgres-15",
    "glib20",
    "gtk20",
    "coreutils",
    "libc",
    "gnupg2",
    "dpkg",
    "bash",
    "tar",
    "wget",
    "gettext-tools",
)
# Languages in a fixed order: several scripts (Latin, Cyrillic, CJK) and plural rules.
LANGUAGES: tuple[str, ...] = (
    "de",
    "fr",
    "ru",
    "ja",
    "es",
    "pt_BR",
    "zh_CN",
    "pl",
    "it",
    "uk",
    "sv",
    "cs",
)


class BenchError(Exception):
    """A benchmark cannot run (missing tool, offline install); shown as one line."""


# --------------------------------------------------------------------------- corpus


def catalog_candidates(
    locale_dir: Path = LOCALE_DIR,
    languages: Sequence[str] = LANGUAGES,
    domains: Sequence[str] = DOMAINS,
) -> list[Path]:
    """The ``.mo`` files to convert, in a fixed order: language by language, each
    language's catalogs in ``domains`` order; missing ones are skipped."""
    out: list[Path] = []
    for lang in languages:
        for dom in domains:
            mo = locale_dir / lang / "LC_MESSAGES" / f"{dom}.mo"
            if mo.is_file():
                out.append(mo)
    return out


_MSGID = re.compile(rb"^msgid ", re.M)
_CHARSET = re.compile(rb"charset=([A-Za-z0-9_.-]+)")


def count_units(po: Path) -> int:
    """Units of a ``msgunfmt`` output file: ``msgid`` lines, less the header entry.

    Every unit of a ``.mo`` file is translated (non-empty msgstr), so this is also the
    count of units with a non-empty msgstr.
    """
    data = po.read_bytes()
    n = len(_MSGID.findall(data))
    if data.startswith(b'msgid ""\nmsgstr ') or b'\nmsgid ""\nmsgstr ""\n' in data[:2000]:
        n -= 1
    return n


def convert(mo: Path, cache: Path = CACHE) -> Path:
    """``msgunfmt`` one catalog into ``cache`` (once; reused while newer than the .mo).

    The file is named ``LANG.DOMAIN.po`` so one flat directory holds the corpus (the
    peer needs a single input directory). Non-UTF-8 catalogs are converted to UTF-8.
    """
    lang = mo.parts[-3]
    out = cache / f"{lang}.{mo.stem}.po"
    if out.is_file() and out.stat().st_mtime >= mo.stat().st_mtime:
        return out
    if shutil.which("msgunfmt") is None:
        raise BenchError("msgunfmt not found: apt-get install gettext")
    cache.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(f".po.{os.getpid()}.tmp")
    # msgunfmt warns on stderr about control-character escapes in real catalogs.
    subprocess.run(
        ["msgunfmt", str(mo), "-o", str(tmp)], check=True, stderr=subprocess.DEVNULL
    )
    m = _CHARSET.search(tmp.read_bytes()[:2000])
    if m and m.group(1).lower() not in (b"utf-8", b"utf8"):
        subprocess.run(
            ["msgconv", "--to-code=UTF-8", str(tmp), "-o", str(tmp)], check=True
        )
    os.replace(tmp, out)
    return out


@dataclass
class Corpus:
    """A set of PO files in one directory and how many units they hold."""

    directory: Path
    files: list[Path]
    units: int
    per_file: dict[str, int] = field(default_factory=dict)


def build_corpus(min_units: int, cache: Path = CACHE) -> Corpus:
    """Convert catalogs in :func:`catalog_candidates` order until they hold at least
    ``min_units`` units; link them into one directory (``cache/corpus-N``, reused
    when it already holds exactly those files).

    Deterministic on a given machine: the same catalogs, in the same order, each run.
    """
    files: list[Path] = []
    per_file: dict[str, int] = {}
    total = 0
    for mo in catalog_candidates():
        po = convert(mo, cache)
        n = count_units(po)
        if n <= 0:
            continue
        files.append(po)
        per_file[po.name] = n
        total += n
        if total >= min_units:
            break
    if total < min_units:
        raise BenchError(
            f"only {total} units in the available catalogs (wanted {min_units}); "
            f"is the locales data in {LOCALE_DIR} installed?"
        )
    directory = cache / f"corpus-{min_units}"
    linked = [directory / po.name for po in files]
    if not _same_files(directory, files):
        # Build beside it and swap in, so a concurrent reader never sees half a corpus.
        tmp = Path(tempfile.mkdtemp(prefix=f".corpus-{min_units}.", dir=cache))
        for po in files:
            try:
                os.link(po, tmp / po.name)
            except OSError:
                shutil.copyfile(po, tmp / po.name)
        old = cache / f".corpus-{min_units}.old.{os.getpid()}"
        if directory.exists():
            os.replace(directory, old)
        os.replace(tmp, directory)
        shutil.rmtree(old, ignore_errors=True)
    return Corpus(directory, linked, total, per_file)


def _same_files(directory: Path, files: list[Path]) -> bool:
    """True when ``directory`` holds exactly ``files`` (by name, size and mtime)."""
    if not directory.is_dir():
        return False
    names = {p.name for p in directory.iterdir()}
    if names != {f.name for f in files}:
        return False
    for f in files:
        a, b = (directory / f.name).stat(), f.stat()
        if (a.st_size, a.st_mtime_ns) != (b.st_size, b.st_mtime_ns):
            return False
    return True


# ----------------------------------------------------------------- the peer's venv


def peer_bin(name: str, env: Path = PEER_ENV) -> Path:
    """Path of a program installed in the peer's venv."""
    return env / ("Scripts" if os.name == "nt" else "bin") / name


def ensure_translate_toolkit(env: Path = PEER_ENV, quiet: bool = False) -> Path:
    """Make sure ``pofilter`` (translate-toolkit) exists in its own venv ``env``.

    Idempotent: an existing install is reused. Creates the venv with the running
    interpreter (so both sides run the same Python) and pip-installs translate-toolkit
    into it, never into the main environment. Raises :class:`BenchError` when that
    fails (e.g. offline).
    """
    pofilter = peer_bin("pofilter", env)
    if pofilter.is_file():
        return pofilter
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, file=sys.stderr))
    py = peer_bin("python", env)
    if not py.is_file():
        say(f"creating the peer's venv {env} (translate-toolkit lives only there)")
        made = subprocess.run([sys.executable, "-m", "venv", str(env)])
        if made.returncode != 0:
            raise BenchError(f"could not create the venv {env}")
    say(f"installing translate-toolkit into {env} (one time)")
    r = subprocess.run(
        [str(py), "-m", "pip", "install", "--quiet", "translate-toolkit"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    if r.returncode != 0 or not pofilter.is_file():
        tail = " ".join(r.stdout.strip().splitlines()[-2:])
        raise BenchError(
            f"could not install translate-toolkit into {env} (offline?): {tail}"
        )
    return pofilter


def peer_version(env: Path = PEER_ENV) -> str:
    """translate-toolkit's version in the peer venv, or ``"?"``."""
    r = subprocess.run(
        [str(peer_bin("python", env)), "-c", "from translate.__version__ import sver; print(sver)"],
        capture_output=True,
        text=True,
    )
    return r.stdout.strip() or "?"


def reviewer_command() -> list[str]:
    """How to start ``reviewer``: its console script beside this interpreter when
    installed, else the module through this interpreter (no pyenv shim overhead)."""
    script = Path(sys.executable).parent / "reviewer"
    if script.is_file():
        return [str(script)]
    return [
        sys.executable,
        "-c",
        "import sys; from reviewer.cli import main; sys.argv[0] = 'reviewer'; sys.exit(main())",
    ]


# ----------------------------------------------------------------------- measuring


@dataclass
class Run:
    """One measured child process."""

    wall: float  # seconds, start to reaped
    cpu: float  # user + system seconds of the child (and its reaped children)
    maxrss_kib: int  # peak resident set size (ru_maxrss, KiB on Linux)
    returncode: int
    stderr: str
    load_before: float = 0.0  # 1-minute load average when the child started
    load_after: float = 0.0  # and when it was reaped


def run_measured(
    argv: Sequence[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> Run:
    """Run ``argv`` to completion; wall time, CPU time and peak RSS from ``wait4``.

    ``ru_maxrss`` of ``wait4`` is that process's peak (or the largest of it and the
    descendants it waited for), not a sum over processes.
    """
    errpath = CACHE / f".stderr.{os.getpid()}"
    CACHE.mkdir(parents=True, exist_ok=True)
    load_before = _loadavg()
    with open(errpath, "w+b") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            list(argv), cwd=cwd, env=env, stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL, stderr=err,
        )
        _, status, ru = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    errpath.unlink(missing_ok=True)
    return Run(
        wall=wall,
        cpu=ru.ru_utime + ru.ru_stime,
        maxrss_kib=int(ru.ru_maxrss),
        returncode=proc.returncode,
        stderr=stderr,
        load_before=load_before,
        load_after=_loadavg(),
    )


def _loadavg() -> float:
    """The 1-minute load average (0.0 where the OS has none)."""
    try:
        return os.getloadavg()[0]
    except OSError:  # pragma: no cover
        return 0.0
