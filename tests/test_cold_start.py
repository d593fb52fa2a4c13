"""What a small ``reviewer check`` loads: nothing it does not need (issue 21). The
figures are measured by benchmarks/bench_check.py --cold; these tests pin the
modules, which do not depend on the machine's load."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

_PO = """\
msgid ""
msgstr ""
"Language: {lang}\\n"
"Content-Type: text/plain; charset=UTF-8\\n"

{units}"""


def _po(tmp_path: Path, lang: str, pairs: list[tuple[str, str]]) -> Path:
    units = "".join(f'msgid "{s}"\nmsgstr "{t}"\n\n' for s, t in pairs)
    p = tmp_path / f"{lang}.po"
    p.write_text(_PO.format(lang=lang, units=units), encoding="utf-8")
    return p


_PROBE = textwrap.dedent("""
    import sys
    sys.argv = ["reviewer", "check", *sys.argv[1:]]
    from reviewer.cli import main
    try:
        main()
    except SystemExit:
        pass
    heavy = ("simplemma", "lxml", "numpy", "importlib.metadata",
             "reviewer.glossary_io")
    print("LOADED", " ".join(m for m in heavy if m in sys.modules))
""")


def _loaded(path: Path, env_extra: dict[str, str] | None = None) -> tuple[set[str], str]:
    env = {**os.environ, "PYTHONPATH": str(REPO), **(env_extra or {})}
    r = subprocess.run([sys.executable, "-c", _PROBE, str(path)], capture_output=True,
                       text=True, env=env, cwd=path.parent)
    line = next((x for x in r.stdout.splitlines() if x.startswith("LOADED")), None)
    assert line is not None, r.stderr
    return set(line.split()[1:]), r.stdout


@pytest.mark.parametrize("lang,pairs", [
    ("de", [("Open file", "Datei öffnen"), ("Save the document", "Dokument speichern"),
            ("Quit the application", "Anwendung beenden")]),
    ("ru", [("Open file", "Открыть файл"), ("Delete 3 items?", "Удалить 3 элемента?")]),
    ("ja", [("Open file", "ファイルを開く"), ("Settings", "設定")]),
])
def test_small_check_loads_no_heavy_module(tmp_path, lang, pairs):
    path = _po(tmp_path, lang, pairs)
    _loaded(path)  # the first run may build the lexicon caches (numpy sorts them)
    loaded, out = _loaded(path)
    assert loaded == set(), f"a {lang} check of {len(pairs)} units imported {loaded}"


def test_review_store_still_read(tmp_path):
    """The glossary readers are imported when a review store sits beside the file."""
    p = _po(tmp_path, "de", [("Open file", "Datei öffnen")])
    from reviewer.store import SUFFIX

    Path(str(p) + SUFFIX).write_bytes(b"")  # not a database: the reader says so
    loaded, _ = _loaded(p)
    assert "reviewer.glossary_io" in loaded


def test_plugin_found_by_the_quick_scan(tmp_path):
    """A check registered under the ``reviewer.checks`` entry point still runs when
    the quick scan (no importlib.metadata unless some distribution declares the
    group) is in front."""
    site = tmp_path / "site"
    info = site / "fakeplug-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplug\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[reviewer.checks]\nfake = fakeplug:CHECKS\n")
    (site / "fakeplug.py").write_text(textwrap.dedent("""
        from reviewer.checks.base import Check
        class Fake(Check):
            id = "fake-plugin"
            name = "Fake"
            category = "other"
            def run(self, segment, context):
                return []
        CHECKS = [Fake]
    """))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(REPO), str(site)])}
    r = subprocess.run([sys.executable, "-c", "from reviewer.cli import main; main()",
                        "check", "--list-checks"], capture_output=True, text=True, env=env)
    assert "fake-plugin" in r.stdout, r.stderr
    env["PYTHONPATH"] = str(REPO)
    r = subprocess.run([sys.executable, "-c", "from reviewer.cli import main; main()",
                        "check", "--list-checks"], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and "fake-plugin" not in r.stdout and "spelling" in r.stdout


@pytest.mark.parametrize("lang,text,marks,flagged", [
    ("ru", "Открыть файл файл", False, "файл"),
    ("el", "Άνοιγμα αρχείου αρχείου", False, "αρχείου"),
    ("ru", "Открыть файл", False, None),
    ("hi", "फ़ाइल से से खोलें", True, "से"),  # combining nukta and vowel signs
    ("hi", "फ़ाइल खोलें", True, None),
])
def test_repeated_word_needs_the_mark_patterns_only_for_marks(lang, text, marks, flagged):
    """text._no_marks asks the distinct characters: Cyrillic or Greek text uses the
    plain patterns (no compile of every Unicode mark), Devanagari the mark-aware ones,
    and the check finds the same repetitions either way."""
    from reviewer.checks import text as T
    from reviewer.checks.base import CheckContext
    from reviewer.model import Segment

    assert T._no_marks(text) is (not marks)
    seg = Segment(id="1", index=0, source="Open file", target=text)
    found = list(T.RepeatedWordCheck().run(seg, CheckContext(source_lang="en", target_lang=lang)))
    assert [f.text.split()[0] for f in found] == ([flagged] if flagged else [])
