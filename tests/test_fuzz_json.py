"""Fuzzing the JSON(L) readers (issue 19): any text in, a result or a one-line
:class:`ReviewerError` out, never another exception.

Readers: the JSONL format reader (units streamed to the end), ``apply``'s Corrections
reader and the MQM annotation reader. Lines are generated JSON values (objects with the
keys the readers look for, values of every JSON type, huge integers, lone surrogate
escapes, U+2028/U+0085 in strings, deep nesting) and mutations of them (cut, spliced,
raw fragments). The JSONL writer's splice is checked as a property: the rewritten line
decodes to the same object with only the target changed.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.errors import ReviewerError

EXAMPLES = int(os.environ.get("REVIEWER_FUZZ_EXAMPLES", "80"))
FUZZ = settings(max_examples=EXAMPLES, deadline=timedelta(seconds=5),
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

KEYS = ["source", "target", "id", "unit", "before", "after", "reviewer", "note", "time",
        "system", "doc", "seg_id", "rater", "category", "severity", "side", "start", "end",
        "comment", "terms", "reference", "context"]
TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", "\u2028", "a\u0085b", "\ue005", "\x00", "\x1b[2J", "Major", "target", "Accuracy"])
# "@BIG@" becomes an integer of 5,000 digits in the line (json.dumps cannot write one)
SCALAR = (st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | TEXT
          | st.just("@BIG@"))
VALUE = st.recursive(SCALAR, lambda kids: st.lists(kids, max_size=3)
                     | st.dictionaries(st.sampled_from(KEYS) | TEXT, kids, max_size=3),
                     max_leaves=10)
OBJECT = st.dictionaries(st.sampled_from(KEYS), VALUE, max_size=8)
FRAGMENTS = st.sampled_from(['"\\ud800"', '"\\udc00\\ud800"', "[" * 3000, "]" * 3000,
                             "9" * 5000, "1e400", "-0", '{"', "}", ",", ":", "\u2028",
                             "\u0085", "\r", "NaN", "Infinity", '"\\u0000"', "\ufeff"])


def _dump(obj: object) -> str:
    return json.dumps(obj, ensure_ascii=False).replace('"@BIG@"', "-" + "9" * 5000)


@st.composite
def lines(draw: st.DrawFn) -> str:
    """One line of a JSONL file: valid, or mutated."""
    kind = draw(st.integers(0, 3))
    if kind == 0:
        return _dump(draw(OBJECT))
    if kind == 1:
        return _dump(draw(VALUE))
    text = _dump(draw(OBJECT))
    pos = draw(st.integers(0, len(text)))
    if kind == 2:
        return text[:pos] + draw(FRAGMENTS) + text[pos:]
    return text[:pos]


FILES = st.lists(lines(), min_size=1, max_size=5).map("\n".join)


def _write(tmp: Path, name: str, text: str) -> Path:
    p = tmp / name
    p.write_bytes(text.encode("utf-8", "surrogatepass"))
    return p


@FUZZ
@given(FILES)
def test_jsonl_reader(tmp_path: Path, text: str) -> None:
    from reviewer.formats import ReadOptions, open_document

    p = _write(tmp_path, "f.jsonl", text)
    try:
        segs = open_document(p, ReadOptions(format="jsonl")).materialize()
    except ReviewerError as e:
        assert "\n" not in str(e)
        return
    for s in segs:
        assert isinstance(s.source, str) and (s.target is None or isinstance(s.target, str))
        s.source.encode("utf-8")  # no lone surrogate gets through


@FUZZ
@given(FILES)
def test_corrections_reader(tmp_path: Path, text: str) -> None:
    from reviewer.cli_store import read_corrections

    p = _write(tmp_path, "c.jsonl", text)
    try:
        records = read_corrections(str(p))
    except ReviewerError as e:
        assert "\n" not in str(e)
        return
    for r in records:
        assert isinstance(r["unit"], str) and isinstance(r["after"], str)
        r["after"].encode("utf-8")


@FUZZ
@given(FILES)
def test_mqm_reader(tmp_path: Path, text: str) -> None:
    from reviewer.mqm import get_profile, read_jsonl, score

    p = _write(tmp_path, "a.jsonl", text)
    try:
        anns = read_jsonl(p)
        score(anns, get_profile("mqm"), "system")
    except ReviewerError as e:
        assert "\n" not in str(e)
        return
    for a in anns:
        assert all(isinstance(getattr(a, k), str) for k in ("system", "seg_id", "category"))


@FUZZ
@given(OBJECT, st.one_of(st.none(), TEXT), st.sampled_from(["", " ", "  "]))
def test_splice_changes_only_the_target(obj: dict, new: str | None, space: str) -> None:
    from reviewer.formats.jsonl import splice_value

    line = json.dumps(obj, ensure_ascii=False, separators=("," + space, ":" + space))
    line = line.replace('"@BIG@"', "9" * 5000)
    out = splice_value(line, "target", new)
    from reviewer.safejson import loads

    assert loads(out) == loads(line[:0] + json.dumps({**obj, "target": new}, ensure_ascii=False,
                                                   separators=("," + space, ":" + space)
                                                   ).replace('"@BIG@"', "9" * 5000))
    if "target" in obj:
        a = line.index('"target"')
        assert out[:a] == line[:a]  # everything before the value is byte-identical


@pytest.mark.parametrize("line", ['{"a": 1, "a": 2, "target": "x", "n": 1e400}',
                                  '{"target": "x", "p": 0.10000000000000000001}'])
def test_splice_keeps_number_spellings_and_duplicate_keys(line: str) -> None:
    from reviewer.formats.jsonl import splice_value

    out = splice_value(line, "target", "y")
    assert out == line.replace('"x"', '"y"')
