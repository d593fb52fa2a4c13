"""Table-driven tests of the URL and e-mail checks (reviewer/checks/links.py)."""

from __future__ import annotations

import pytest

from reviewer.checks.links import (
    CHECKS,
    EmailCheck,
    UrlCheck,
    find_emails,
    find_urls,
    urls_equivalent,
)
from reviewer.model import Finding, Severity

from .checkcontract import run_check

URL = UrlCheck()
EMAIL = EmailCheck()


def run(
    check: UrlCheck | EmailCheck,
    source: str,
    target: str,
    langs: tuple[str, str] = ("en", "it"),
    **options: object,
) -> list[Finding]:
    return run_check(check, source, target, *langs, options=dict(options), category="accuracy")


MAJ = Severity.MAJOR
MIN = Severity.MINOR

# (source, target, expected [(side, text, severity)])
URL_FAILS = [
    ("See https://example.com/docs.", "Vedi la documentazione.",
     [("source", "https://example.com/docs", MAJ)]),
    ("See https://example.com/docs.", "Vedi https://example.com/doc.",
     [("target", "https://example.com/doc", MAJ)]),
    ("Read more (blogs.nvidia.com)", "Leggi di più", [("source", "blogs.nvidia.com", MAJ)]),
    ("Visit www.example.org today", "Visita www.exemple.org oggi",
     [("target", "www.exemple.org", MAJ)]),
    ("Read the docs", "Leggi la documentazione su https://docs.example.com",
     [("target", "https://docs.example.com", MIN)]),
    ("Get it from ftp://ftp.example.net/pub/file.tar.gz", "Scaricalo",
     [("source", "ftp://ftp.example.net/pub/file.tar.gz", MAJ)]),
    ("Go to https://a.example.com/en/help", "Vai a https://zzz.org/it/x",
     [("source", "https://a.example.com/en/help", MAJ), ("target", "https://zzz.org/it/x", MIN)]),
    ("See https://x.com/en/cats", "Vedi https://x.com/it/dogs",
     [("source", "https://x.com/en/cats", MAJ), ("target", "https://x.com/it/dogs", MIN)]),
    ("See https://example.com/en/categories", "Vedi https://example.com/it/categorie",
     [("target", "https://example.com/it/categorie", MAJ)]),
]

URL_PASSES = [
    ("See https://example.com/docs.", "Vedi https://example.com/docs."),
    ("See https://example.com/docs/", "Vedi https://example.com/docs"),
    ("See https://Example.com/docs", "Vedi https://example.com/docs"),
    ("Docs: https://example.com/en/docs", "Documentazione: https://example.com/it/docs"),
    ("Docs: https://en.example.com/docs", "Documentazione: https://it.example.com/docs"),
    ("Docs: https://example.com/en-us/docs", "Doc: https://example.com/it-it/docs"),
    ("Docs: https://example.com/docs?lang=en", "Doc: https://example.com/docs?lang=it"),
    ("(see https://en.wikipedia.org/wiki/Foo_(bar))", "(vedi https://en.wikipedia.org/wiki/Foo_(bar))"),
    ("Read more (blogs.nvidia.com)", "Per saperne di più (blogs.nvidia.com)"),
    ("Edit README.md and config.py", "Modifica README.md e config.py"),
    ("Node.js and Vue.js, e.g. this", "Node.js e Vue.js, ad es. questo"),
    ("Write to info@example.com", "Scrivi a info@example.com"),
    ("No links", "Nessun link"),
    ("See https://example.com, then", "Vedi https://example.com e poi"),
    ("链接：https://example.com/a。", "Link: https://example.com/a."),
    ("Built with ASP.NET and Node.js.It works", "Creato con ASP.NET e Node.js. Funziona"),
]


@pytest.mark.parametrize("source,target,expected", URL_FAILS)
def test_url_fails(source: str, target: str, expected: list[tuple[str, str, Severity]]) -> None:
    findings = run(URL, source, target)
    assert sorted((f.side, f.text, f.severity) for f in findings) == sorted(expected)


@pytest.mark.parametrize("source,target", URL_PASSES)
def test_url_passes(source: str, target: str) -> None:
    assert run(URL, source, target) == []


EMAIL_FAILS = [
    ("Write to info@example.com", "Scrivi al supporto", [("source", "info@example.com", MAJ)]),
    ("Write to info@example.com", "Scrivi a info@exemple.com", [("target", "info@exemple.com", MAJ)]),
    ("Write to us", "Scrivici a help@example.it", [("target", "help@example.it", MIN)]),
    ("a@example.com or b@example.com", "a@example.com", [("source", "b@example.com", MAJ)]),
]

EMAIL_PASSES = [
    ("Write to info@example.com.", "Scrivi a info@example.com."),
    ("Write to Info@Example.com", "Scrivi a info@example.com"),
    ("Mail <first.last+tag@mail.example.co.uk>", "Posta <first.last+tag@mail.example.co.uk>"),
    ("Follow @nvidia on X", "Segui @nvidia su X"),
    ("No address", "Nessun indirizzo"),
]


@pytest.mark.parametrize("source,target,expected", EMAIL_FAILS)
def test_email_fails(source: str, target: str, expected: list[tuple[str, str, Severity]]) -> None:
    findings = run(EMAIL, source, target)
    assert sorted((f.side, f.text, f.severity) for f in findings) == sorted(expected)


@pytest.mark.parametrize("source,target", EMAIL_PASSES)
def test_email_passes(source: str, target: str) -> None:
    assert run(EMAIL, source, target) == []


def test_changed_url_has_score_and_suggestion() -> None:
    (f,) = run(URL, "See https://example.com/docs.", "Vedi https://example.com/doc.")
    assert f.suggestion == "https://example.com/docs"
    assert f.score is not None and 80 <= f.score < 100
    assert "differs" in f.message


def test_missing_url_message() -> None:
    (f,) = run(URL, "See https://example.com/docs.", "Vedi.")
    assert f.message == "URL https://example.com/docs is missing from the translation"


def test_localized_reported_as_neutral_on_request() -> None:
    src, tgt = "Docs: https://example.com/en/docs", "Doc: https://example.com/it/docs"
    (f,) = run(URL, src, tgt, report_localized=True)
    assert f.severity == Severity.NEUTRAL and f.text == "https://example.com/it/docs"


def test_min_score_option() -> None:
    findings = run(URL, "See https://example.com/docs.", "Vedi https://example.com/doc.", min_score=99)
    assert sorted(f.side for f in findings) == ["source", "target"]


def test_finders() -> None:
    assert [u.text for u in find_urls("a (blogs.nvidia.com) b https://x.org/a).")] == [
        "blogs.nvidia.com",
        "https://x.org/a",
    ]
    assert find_urls("mail a@b.com") == []
    assert [e.text for e in find_emails("x a.b@c.de, y")] == ["a.b@c.de"]


@pytest.mark.parametrize(
    "a,b,langs,expected",
    [
        ("https://x.com/en/a", "https://x.com/it/a", ("en", "it"), True),
        ("https://x.com/en/a", "https://x.com/de/a", ("en", "it"), False),
        ("https://x.com/en/a", "https://x.com/de/a", (None, None), True),
        ("https://x.com/en/a", "https://x.com/en/b", ("en", "it"), False),
        ("https://x.com/a", "https://x.com/a/", ("en", "it"), True),
    ],
)
def test_urls_equivalent(a: str, b: str, langs: tuple[str | None, str | None], expected: bool) -> None:
    assert urls_equivalent(a, b, *langs) is expected


def test_registry_export() -> None:
    assert CHECKS == [UrlCheck, EmailCheck]
    assert (UrlCheck.id, EmailCheck.id) == ("url", "email")


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    pass
else:
    TRICKY = st.text(alphabet="htps:/w.excom@ab()-_ ?=en", max_size=50)

    @settings(max_examples=300, deadline=None)
    @given(TRICKY, TRICKY)
    def test_property_spans_exact_and_identity_clean(source: str, target: str) -> None:
        for check in (URL, EMAIL):
            run(check, source, target or "x")
            assert run(check, source, source) == []
