"""The real program in a real terminal (tmux): open the bundled sample, jump to the
first finding, correct it, save, quit; then ``reviewer export`` carries the correction.

Skipped when tmux is absent. The tmux server runs on a private socket; where it cannot
daemonise (a sandbox whose /dev/null is not a device) it is started in the foreground
(``tmux -D``) from a shell in the background; ``kill-server`` stops it at the end.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = "samples/article.en-it.tsv"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def clean_env() -> dict[str, str]:
    """This environment without COLUMNS/LINES (set by the test runner, they would pin
    the program to 80x24 whatever the pane's size) and without an outer tmux."""
    return {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "TMUX")}


class Tmux:
    """A tmux server on a private socket."""

    def __init__(self, sock: Path) -> None:
        self.sock = sock
        self.foreground = False

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """One tmux command."""
        return subprocess.run(["tmux", "-S", str(self.sock), *args], capture_output=True,
                              text=True, check=check, timeout=20, env=clean_env())

    def start(self, command: str, width: int = 160, height: int = 45) -> None:
        """A detached session of the given size running ``command`` (typed into a shell
        once the size is settled, so the program never sees a resize at startup)."""
        args = ("new-session", "-d", "-s", "review", "-x", str(width), "-y", str(height), "sh")
        if self.run(*args, check=False).returncode != 0:
            # No daemon here: a foreground server (-D) sent to the background by a shell.
            # (Started straight from Popen, its panes got no keyboard input.)
            self.sock.unlink(missing_ok=True)
            sock = shlex.quote(str(self.sock))
            subprocess.run(["sh", "-c", f"(tmux -S {sock} -D -f /dev/null >/dev/null 2>&1 &)"],
                           check=True, timeout=20, env=clean_env())
            self.foreground = True
            for _ in range(100):
                err = self.run("list-sessions", check=False).stderr
                if "no server" not in err and "error connecting" not in err:
                    break
                time.sleep(0.1)
            self.run(*args)
        self.run("resize-window", "-t", "review", "-x", str(width), "-y", str(height), check=False)
        size = f"{width}x{height}"
        for _ in range(50):
            if self.run("display", "-p", "-t", "review", "#{pane_width}x#{pane_height}",
                        check=False).stdout.strip() == size:
                break
            time.sleep(0.1)
        self.keys(command, literal=True)
        self.keys("Enter")

    def screen(self) -> str:
        """The visible pane, as text."""
        return self.run("capture-pane", "-t", "review", "-p", check=False).stdout

    def keys(self, *keys: str, literal: bool = False) -> None:
        """Send keys (tmux names, or literal text)."""
        self.run("send-keys", "-t", "review", *(["-l"] if literal else []), *keys)

    def wait(self, predicate: Callable[[str], bool], timeout: float = 40.0) -> str:
        """Poll the pane until ``predicate`` holds; the pane text."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = self.screen()
            if predicate(text):
                return text
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting; the screen was:\n{text}")

    def stop(self) -> None:
        """Kill the server (a foreground one exits with it too)."""
        self.run("kill-server", check=False)


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    """A private tmux server, stopped afterwards."""
    t = Tmux(tmp_path / "tmux.sock")
    yield t
    t.stop()


def status_line(screen: str) -> str:
    """The review status line (position n/N, counts, figures)."""
    return next((ln for ln in screen.splitlines() if "findings left" in ln), "")


def test_review_correct_save_quit_export(tmux: Tmux, tmp_path: Path) -> None:
    store = tmp_path / "review.sqlite"
    done = tmp_path / "exit-status"
    cmd = (f"cd {shlex.quote(str(REPO))} && unset COLUMNS LINES && "
           f"{shlex.quote(sys.executable)} -m reviewer.cli review "
           f"{SAMPLE} --source-lang en --target-lang it --store {shlex.quote(str(store))}; "
           f"echo $? > {shlex.quote(str(done))}; sleep 30")
    tmux.start(f"sh -c {shlex.quote(cmd)}")
    # loaded, and the checks finished (no progress text in the status line)
    tmux.wait(lambda s: " 1/24" in status_line(s) and "checking" not in status_line(s)
              and "MQM" in status_line(s))
    # n walks the findings of segment 1 first, then moves on to segment 2
    for _ in range(10):
        tmux.keys("n")
        time.sleep(0.3)
        if " 2/24" in status_line(tmux.screen()):
            break
    screen = tmux.wait(lambda s: " 2/24" in status_line(s))
    assert "Findings (" in screen
    tmux.keys("e")
    tmux.wait(lambda s: "^s Save" in s)
    tmux.keys("Rivisto: ", literal=True)
    tmux.wait(lambda s: "Rivisto: In una mossa" in s)
    tmux.keys("C-s")
    screen = tmux.wait(lambda s: "corrected 1" in status_line(s))
    assert "reviewed 1" in status_line(screen)
    tmux.keys("q")
    deadline = time.monotonic() + 20
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert done.read_text().strip() == "0"

    out = tmp_path / "article.reviewed.tsv"
    proc = subprocess.run(
        [sys.executable, "-m", "reviewer.cli", "export", SAMPLE, "--store", str(store), "-o", str(out),
         "--source-lang", "en", "--target-lang", "it"],
        cwd=REPO, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    rows = out.read_text(encoding="utf-8").splitlines()
    original = (REPO / SAMPLE).read_text(encoding="utf-8").splitlines()
    assert rows[2].split("\t")[1] == "Rivisto: " + original[2].split("\t")[1]
    assert [r for i, r in enumerate(rows) if i != 2] == [r for i, r in enumerate(original) if i != 2]
