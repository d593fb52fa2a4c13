"""Chunk planning details: half-size tail ranges and global unit indexes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.chunks import chunk_document, line_boundaries, plan_chunks
from reviewer.formats import ReadOptions, open_document


@pytest.mark.parametrize("n, tail", [(1, 0), (5, 0), (8, 2), (16, 4), (40, 39)])
def test_boundaries_cover_the_file_at_line_starts(tmp_path: Path, n: int, tail: int) -> None:
    lines = [f"line {i} " + "x" * (i % 17) for i in range(500)]
    p = tmp_path / "a.txt"
    data = ("\n".join(lines) + "\n").encode()
    p.write_bytes(data)
    b = line_boundaries(p, n, tail=tail)
    assert b[0][0] == 0 and b[-1][1] == len(data)
    assert all(x[1] == y[0] for x, y in zip(b, b[1:]))
    for start, _end, line in b:
        assert start == 0 or data[start - 1:start] == b"\n"
        assert line == data[:start].count(b"\n") + 1
    sizes = [e - s for s, e, _ in b]
    if tail and len(b) == n and n - tail >= 2:  # the tail ranges are about half as long
        assert max(sizes[-tail:]) < 0.75 * min(sizes[:n - tail])


@pytest.mark.parametrize("fmt", ["tsv", "jsonl", "txt"])
def test_base_gives_global_indexes(tmp_path: Path, fmt: str) -> None:
    rows = [(f"Source {i}", f"Ziel {i}") for i in range(60)]
    if fmt == "tsv":
        text = "source\ttarget\n" + "".join(f"{s}\t{t}\n" + ("\n" if i % 7 == 0 else "")
                                            for i, (s, t) in enumerate(rows))
    elif fmt == "jsonl":
        text = "".join(json.dumps({"source": s, "target": t}) + "\n" for s, t in rows)
    else:
        text = "".join(f"{t}\n\n" for _, t in rows)
    p = tmp_path / f"a.{fmt}"
    p.write_text(text, encoding="utf-8")
    opts = ReadOptions(source_lang="en", target_lang="de")
    want = [(s.id, s.index, s.line, s.target) for s in open_document(p, opts)]
    [chunks] = plan_chunks([str(p)], opts, 2, chunk_bytes=100, min_bytes=1)
    assert len(chunks) > 3
    got, before = [], 0
    for c in chunks:
        segs = list(chunk_document(c, opts, base=before).segments)  # type: ignore[call-overload]
        got += [(s.id, s.index, s.line, s.target) for s in segs]
        before += len(segs)
    assert got == want
