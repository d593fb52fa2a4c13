"""A whole review session in a real terminal (tmux) on a PO catalog with plural
forms: fix msgstr[1], bulk-replace a misspelling in 10 entries and undo one, dismiss a
check with a reason and restore it, quit, reopen at the same place, export from the
screen, and check the exported catalog. Skipped when tmux is absent."""

from __future__ import annotations

import re
import shlex
import shutil
import sys
import time
from pathlib import Path

import pytest

from reviewer.project import Project

from .test_tui_tmux import REPO, Tmux, status_line

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

WRONG, RIGHT = "Sincronizazione", "Sincronizzazione"


def catalog() -> str:
    """A small Italian catalog: a plural entry whose msgstr[1] lost its %d, a
    placeholder dropped, two entries differing by context only, and ten entries with
    the same misspelling."""
    out = ['msgid ""', 'msgstr ""', '"Language: it\\n"',
           '"Content-Type: text/plain; charset=UTF-8\\n"',
           '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"', "",
           'msgid "%d file synced"', 'msgid_plural "%d files synced"',
           'msgstr[0] "%d file sincronizzato"', 'msgstr[1] "file sincronizzati"', "",
           'msgid "Hello %s"', 'msgstr "Ciao"', "",
           'msgctxt "menu"', 'msgid "Open"', 'msgstr "Apri"', "",
           'msgctxt "file"', 'msgid "Open"', 'msgstr "Aperto"', ""]
    for k in range(1, 11):
        out += [f'msgid "Sync of item {k}"', f'msgstr "{WRONG} dell\'elemento {k}"', ""]
    return "\n".join(out)


def _wait_exit(done: Path) -> None:
    deadline = time.monotonic() + 20
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert done.exists() and done.read_text().strip() == "0"


def _command(po: Path, store: Path, done: Path) -> str:
    """The review command, typed into the pane's shell (which stays for the next one)."""
    return (f"cd {shlex.quote(str(po.parent))} && unset COLUMNS LINES && "
            f"PYTHONPATH={shlex.quote(str(REPO))} {shlex.quote(sys.executable)} -m reviewer.cli "
            f"review {po.name} --store {shlex.quote(str(store))} --reviewer tmux; "
            f"echo $? > {shlex.quote(str(done))}")


def _ready(s: str) -> bool:
    line = status_line(s)
    return "/14" in line and "checking" not in line and "MQM" in line


def test_whole_session_on_a_po_with_plurals(tmp_path: Path) -> None:
    po = tmp_path / "sync.it.po"
    po.write_text(catalog(), encoding="utf-8")
    store = tmp_path / "sync.review.sqlite"
    tmux = Tmux(tmp_path / "tmux.sock")
    try:
        done = tmp_path / "exit-1"
        tmux.start(_command(po, store, done), 120, 36)
        screen = tmux.wait(_ready)
        # both plural forms on screen, contexts shown as such (no raw \x04)
        assert "[1] file sincronizzati" in screen and "context: menu" in screen
        assert "\\x04" not in screen and "menuOpen" not in screen

        # 1. fix msgstr[1]: select the form, edit, save
        tmux.keys("v")
        tmux.wait(lambda s: "plural form [1] of 2" in s)
        tmux.keys("e")
        tmux.wait(lambda s: "plural form [1] · ctrl+s save" in s)
        tmux.keys("Home")
        tmux.keys("%d ", literal=True)
        tmux.keys("C-s")
        tmux.wait(lambda s: "corrected 1" in status_line(s))

        # 2. bulk replace in 10 entries, then undo one
        tmux.keys("R")
        tmux.wait(lambda s: "Replace in every translation" in s)
        tmux.keys(WRONG, literal=True)
        tmux.keys("Enter")  # previews (replacing by nothing so far), moves on
        tmux.wait(lambda s: "10 replacements in 10 segments" in s)
        tmux.keys(RIGHT, literal=True)
        tmux.wait(lambda s: f"{WRONG}  " in s and RIGHT in s)
        tmux.keys("Enter")
        tmux.wait(lambda s: "10 replacements in 10 segments" in s)
        tmux.keys("C-s")
        tmux.wait(lambda s: "corrected 11" in status_line(s))
        tmux.keys(":", literal=True)
        tmux.wait(lambda s: "Go to segment" in s)
        tmux.keys("8", literal=True)
        tmux.keys("Enter")
        tmux.wait(lambda s: " 8/14" in status_line(s))
        tmux.keys("u")
        tmux.wait(lambda s: "corrected 10" in status_line(s))

        # 3. dismiss the placeholder check with a reason, then restore it
        tmux.keys("g")
        tmux.wait(lambda s: " 1/14" in status_line(s))
        tmux.keys("n")
        tmux.wait(lambda s: " 2/14" in status_line(s) and "placeholder" in s)
        left = int(re.search(r"findings left (\d+)", status_line(tmux.screen())).group(1))
        tmux.keys("X")
        tmux.wait(lambda s: "reason" in s)
        tmux.keys("greeting is generic on purpose", literal=True)
        tmux.keys("Enter")
        tmux.wait(lambda s: f"findings left {left - 1}" in status_line(s))
        with Project.open(po, store_path=store, create=False) as p:
            [rule] = p.dismiss_rules()
            assert (rule.check, rule.reason) == ("placeholder", "greeting is generic on purpose")
        tmux.keys("z")
        tmux.wait(lambda s: "Dismissed (1)" in s)
        tmux.keys("Enter")
        tmux.wait(lambda s: f"findings left {left}" in status_line(s)
                  and "checking" not in status_line(s))

        # 4. leave on entry 6, quit
        tmux.keys(":", literal=True)
        tmux.wait(lambda s: "Go to segment" in s)
        tmux.keys("6", literal=True)
        tmux.keys("Enter")
        tmux.wait(lambda s: " 6/14" in status_line(s))
        tmux.keys("q")
        _wait_exit(done)

        # 5. reopen (in the same terminal): same place; export from the screen, quit
        done = tmp_path / "exit-2"
        tmux.keys("clear; " + _command(po, store, done), literal=True)
        tmux.keys("Enter")
        screen = tmux.wait(lambda s: _ready(s) and " 6/14" in status_line(s))
        assert "Resumed at segment 6" in screen
        tmux.keys("C-e")
        tmux.wait(lambda s: "Export the corrected file to" in s and "sync.it.reviewed.po" in s)
        tmux.keys("Enter")
        tmux.wait(lambda s: "Exported to" in s)
        tmux.keys("q")
        _wait_exit(done)
    finally:
        tmux.stop()

    out = (tmp_path / "sync.it.reviewed.po").read_text(encoding="utf-8")
    assert 'msgstr[1] "%d file sincronizzati"' in out
    assert 'msgstr[0] "%d file sincronizzato"' in out
    assert len(re.findall(f'msgstr "{RIGHT} ', out)) == 9
    assert len(re.findall(f'msgstr "{WRONG} ', out)) == 1  # the one undone
    assert 'msgstr "Ciao"' in out  # dismissing changes no text
    assert po.read_text(encoding="utf-8") == catalog()  # the input is never written
    # every other line as it was
    src_lines, out_lines = catalog().splitlines(), out.splitlines()
    assert len(src_lines) == len(out_lines)
    changed = [i for i, (a, b) in enumerate(zip(src_lines, out_lines)) if a != b]
    assert len(changed) == 10
