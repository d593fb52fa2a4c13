"""The HTML report in a real headless Chromium (Debian's ``chromium`` package).

The test starts the browser on the report's ``file://`` URL with ``--dump-dom`` and reads
the DOM after the page's script ran: ``<body data-report-ready="1">`` shows it
initialised, ``data-visible-rows`` what the filter (given in the URL fragment) left,
``data-sorted-by`` the sort. The browser's console goes to stderr
(``--enable-logging=stderr``): it must stay empty, so no script error and no resource
blocked by the report's Content-Security-Policy. A screenshot is written under the
test's temporary directory. Skipped when Chromium is not installed
(``apt-get install -y chromium``).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data" / "report"
CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium not installed (Debian: apt-get install -y chromium)",
)

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing may reach the network anyway
    "--enable-logging=stderr", "--v=0",
]
LANGS = ("--source-lang", "en", "--target-lang", "it")


def reviewer(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, CI="1")
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "reviewer.cli", *args], capture_output=True,
                          text=True, cwd=cwd, env=env, timeout=300)


def chromium(tmp: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium on ``url`` with a fresh profile under ``tmp``."""
    assert CHROMIUM is not None
    profile = tmp / f"profile-{len(list(tmp.glob('profile-*')))}"
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *extra, url],
                          capture_output=True, text=True, timeout=180)


def console(stderr: str) -> list[str]:
    """Console messages and CSP refusals the page caused."""
    return [ln for ln in stderr.splitlines() if ":CONSOLE" in ln or "Refused to" in ln]


def dom(tmp: Path, url: str) -> tuple[object, list[str]]:
    """The DOM after load (lxml tree) and the console messages."""
    from lxml import html as lhtml

    p = chromium(tmp, url, "--dump-dom")
    assert p.returncode == 0, p.stderr[-2000:]
    assert p.stdout.strip(), "chromium printed no DOM"
    return lhtml.fromstring(p.stdout), console(p.stderr)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample report (two systems, a glossary, a planted <script>) and its JSON twin."""
    d = tmp_path_factory.mktemp("html")
    for f in DATA.iterdir():
        shutil.copy(f, d / f.name)
    for out in ("report.html", "report.json"):
        p = reviewer("report", "ui.en-it.tsv", "mt.en-it.tsv", "-g", "glossary.tsv", *LANGS,
                     "-o", out, cwd=d)
        assert p.returncode == 0, p.stderr
    return d


def url(site: Path, fragment: str = "") -> str:
    return (site / "report.html").as_uri() + (f"#{fragment}" if fragment else "")


def rows(tree: object) -> list[object]:
    return tree.xpath('//table[@id="segments"]/tbody/tr')  # type: ignore[attr-defined, no-any-return]


def test_script_initialises_without_console_errors(site: Path, tmp_path: Path) -> None:
    tree, messages = dom(tmp_path, url(site))
    body = tree.find("body")  # type: ignore[attr-defined]
    assert body.get("data-report-error") is None
    assert body.get("data-report-ready") == "1"
    assert body.get("data-visible-rows") == "16" == str(len(rows(tree)))
    assert messages == []
    assert tree.xpath('//span[@id="count"]/text()') == ["16 of 16 segments"]  # type: ignore[attr-defined]


@pytest.mark.parametrize("fragment", ["sev=2", "sev=1&file=mt.en-it.tsv", "check=number", "q=GPU", "only=1"])
def test_filtering(fragment: str, site: Path, tmp_path: Path) -> None:
    data = json.loads((site / "report.json").read_text(encoding="utf-8"))
    params = dict(kv.split("=") for kv in fragment.split("&"))
    sev = {"neutral": 0, "minor": 1, "major": 2, "critical": 3}
    expected = []
    for f in data["files"]:
        for s in f["segments"]:
            worst = max((sev[x["severity"]] for x in s["findings"]), default=-1)
            ok = True
            if "sev" in params:
                ok &= worst >= int(params["sev"])
            if "file" in params:
                ok &= f["path"] == params["file"]
            if "check" in params:
                ok &= any(x["check"] == params["check"] for x in s["findings"])
            if "only" in params:
                ok &= worst >= 0
            if "q" in params:
                ok &= params["q"].lower() in (s["source"] + (s["target"] or "")).lower()
            expected.append(ok)
    tree, messages = dom(tmp_path, url(site, fragment))
    body = tree.find("body")  # type: ignore[attr-defined]
    shown = [r.get("hidden") is None for r in rows(tree)]
    assert shown == expected
    assert body.get("data-visible-rows") == str(sum(expected))
    assert 0 < sum(expected) < len(expected)
    assert messages == []


def test_sorting(site: Path, tmp_path: Path) -> None:
    tree, messages = dom(tmp_path, url(site, "sort=-score"))
    assert tree.find("body").get("data-sorted-by") == "score:desc"  # type: ignore[attr-defined]
    scores = [float(r.get("data-score")) for r in rows(tree)]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) > 1
    assert messages == []


def test_planted_markup_is_inert(tmp_path: Path) -> None:
    """Scripts, event handlers and resources in a translation stay text."""
    payloads = [
        "<script>document.body.setAttribute('data-pwned','script')</script>",
        "<img src=x onerror=\"document.body.setAttribute('data-pwned','img')\">",
        "\"><svg onload=\"document.body.setAttribute('data-pwned','svg')\">",
        "<a href=\"https://example.com/x\">link</a> <link rel=stylesheet href=https://example.com/s.css>",
    ]
    lines = [json.dumps({"id": f"p{i}", "source": "Hello", "target": p}) for i, p in enumerate(payloads)]
    (tmp_path / "evil.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    p = reviewer("report", "evil.jsonl", *LANGS, "--title", "<script>t()</script>", "-o", "evil.html",
                 cwd=tmp_path)
    assert p.returncode == 0, p.stderr
    page = (tmp_path / "evil.html").read_text(encoding="utf-8")
    tags = re.compile(r"<(?:img|link|iframe|object|embed|audio|video|source|a)\b|url\(|@import", re.I)
    assert not tags.search(page), tags.search(page)
    tree, messages = dom(tmp_path, (tmp_path / "evil.html").as_uri())
    assert not tree.xpath("//*[@src or @href or @srcset or @poster or @action or @onerror or @onload]")  # type: ignore[attr-defined]
    body = tree.find("body")  # type: ignore[attr-defined]
    assert body.get("data-pwned") is None
    assert body.get("data-report-ready") == "1"
    assert len(tree.xpath("//script")) == 1  # type: ignore[attr-defined]
    assert not tree.xpath("//tbody//img | //tbody//a | //tbody//link")  # type: ignore[attr-defined]
    texts = " ".join(tree.xpath('//table[@id="segments"]//text()'))  # type: ignore[attr-defined]
    assert "setAttribute('data-pwned','script')" in texts
    assert messages == []


def test_screenshot(site: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    p = chromium(tmp_path, url(site), f"--screenshot={shot}", "--window-size=1280,2000",
                 "--hide-scrollbars")
    assert p.returncode == 0, p.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000
    assert console(p.stderr) == []
