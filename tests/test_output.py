"""Findings output helpers: spreadsheet-safe CSV cells and excerpts."""

from __future__ import annotations

import pytest

from reviewer.output import csv_cell, excerpt


@pytest.mark.parametrize("value, expected", [
    ("=1+1", "'=1+1"),
    (" =HYPERLINK(\"x\")", "' =HYPERLINK(\"x\")"),
    ("+cmd", "'+cmd"),
    ("-x", "'-x"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"),
    ("-3.5", "-3.5"),
    ("hello = world", "hello = world"),
    (None, ""),
    (12, "12"),
])
def test_csv_cell_neutralises_formulas(value: object, expected: str) -> None:
    assert csv_cell(value) == expected


def test_excerpt_marks_span_and_shows_invisibles() -> None:
    assert excerpt("a  b\nc", 1, 3, colour=False) == "a[[  ]]b⏎c"
    long = "x" * 100 + "ERR" + "y" * 100
    out = excerpt(long, 100, 103, colour=False, width=5)
    assert out == "…xxxxx[[ERR]]yyyyy…"
