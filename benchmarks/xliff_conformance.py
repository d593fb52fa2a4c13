"""XLIFF 2.2 test suite conformance: every ``core/valid`` file must read, every
``core/invalid`` file must be rejected with a one-line ReviewerError, none may crash.

Run: ``python benchmarks/xliff_conformance.py [--suite ../shared/data/xliff-2.2-test-suite]``
(prints SKIP and exits 0 when the suite is absent).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reviewer.errors import ReviewerError  # noqa: E402
from reviewer.formats import ReadOptions, open_document  # noqa: E402


def run(folder: Path, must_fail: bool) -> tuple[int, int, list[str], list[str]]:
    """(files, as expected, unexpected outcomes, crashes) for one folder."""
    files = sorted(p for p in folder.rglob("*") if p.is_file()
                   and (must_fail or p.suffix.lower() in (".xlf", ".xliff")))  # valid/ also holds .xsl, .html
    ok, wrong, crashed = 0, [], []
    for f in files:
        try:
            # conformance is --strict reading: a malformed unit refuses the file
            list(open_document(f, ReadOptions(strict=True)))
            (wrong.append(f.name) if must_fail else None)
            ok += 0 if must_fail else 1
        except ReviewerError as e:
            if must_fail and "\n" not in str(e):
                ok += 1
            else:
                wrong.append(f"{f.name}: {e}")
        except Exception as e:  # noqa: BLE001 - a crash is what we count
            crashed.append(f"{f.name}: {e!r}")
    return len(files), ok, wrong, crashed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--suite", type=Path, default=REPO.parent / "shared" / "data" / "xliff-2.2-test-suite")
    args = ap.parse_args()
    if not args.suite.is_dir():
        print(f"SKIP: {args.suite} is absent")
        return 0
    status = 0
    for part, must_fail in (("core/valid", False), ("core/invalid", True),
                            ("modules/valid", False), ("modules/invalid", True)):
        n, ok, wrong, crashed = run(args.suite / part, must_fail)
        verb = "rejected with a one-line message" if must_fail else "read without error"
        print(f"{part:16} {ok}/{n} {verb}; crashes: {len(crashed)}")
        for w in (wrong + crashed)[:5]:
            print(f"    {w[:160]}")
        if part.startswith("core") and (ok != n or crashed):
            status = 1
        if crashed:
            status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
