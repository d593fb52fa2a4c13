"""The ``reviewer check`` command end to end, in real subprocesses: outputs, exit
statuses and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "samples" / "article.en-it.tsv"


def reviewer(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reviewer.cli", *args],
        capture_output=True, text=True, cwd=cwd or REPO, timeout=120,
    )


def one_line_error(p: subprocess.CompletedProcess[str]) -> str:
    assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
    assert "Traceback" not in p.stderr
    lines = p.stderr.strip().splitlines()
    assert len(lines) == 1, p.stderr
    return lines[0]


def test_sample_text_output_exits_zero_without_fail_on() -> None:
    p = reviewer("check", str(SAMPLE), "--source-lang", "en", "--target-lang", "it")
    assert p.returncode == 0, p.stderr
    assert "article.en-it.tsv:" in p.stdout


def test_jsonl_fields_and_spans_match_segment_text() -> None:
    from reviewer.formats import ReadOptions, open_document

    p = reviewer("check", str(SAMPLE), "--format", "jsonl", "--source-lang", "en",
                 "--target-lang", "it")
    assert p.returncode == 0, p.stderr
    rows = [json.loads(line) for line in p.stdout.splitlines()]
    assert rows, "the sample article has errors to find"
    segs = {s.index: s for s in open_document(SAMPLE, ReadOptions(source_lang="en", target_lang="it"))}
    keys = ["file", "unit", "index", "line", "check", "category", "severity", "side",
            "start", "end", "text", "message", "suggestion", "score"]
    for r in rows:
        assert list(r)[: len(keys)] == keys
        seg = segs[r["index"]]
        side = seg.source if r["side"] == "source" else seg.target
        assert side[r["start"]: r["end"]] == r["text"]
        assert r["unit"] == str(seg.line) and r["line"] == seg.line
    assert [r["index"] for r in rows] == sorted(r["index"] for r in rows)


def test_json_has_findings_and_stats() -> None:
    p = reviewer("check", str(SAMPLE), "--format", "json")
    data = json.loads(p.stdout)
    assert data["stats"]["units"] == 24
    assert data["stats"]["findings"]["total"] == len(data["findings"])


def test_fail_on_sets_exit_status(tmp_path: Path) -> None:
    p = reviewer("check", str(SAMPLE), "--fail-on", "neutral", "--format", "jsonl")
    assert p.returncode == 1
    clean = tmp_path / "clean.tsv"
    clean.write_text("source\ttarget\nHello world.\tCiao mondo.\n", encoding="utf-8")
    assert reviewer("check", str(clean), "--fail-on", "neutral").returncode == 0


def test_output_file_and_csv(tmp_path: Path) -> None:
    out = tmp_path / "f.csv"
    p = reviewer("check", str(SAMPLE), "--format", "csv", "-o", str(out))
    assert p.returncode == 0 and p.stdout == ""
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")  # a BOM: spreadsheets read UTF-8
    header = out.read_text(encoding="utf-8-sig").splitlines()[0]
    assert header.startswith("file,unit,index,line,check")


def test_list_checks_names_core_checks() -> None:
    p = reviewer("check", "--list-checks")
    ids = {line.split()[1] for line in p.stdout.splitlines()}
    assert {"placeholder", "markup", "number", "punctuation", "empty"} <= ids


@pytest.mark.parametrize(
    "name, content, expect",
    [
        ("bad.tsv", b"source\ttarget\nok\tbene\nbad\t\xff\xfe\n", ["bad.tsv:3", "byte offset 26"]),
        ("bad.xlf", b'<?xml version="1.0"?>\n<xliff version="2.0" srcLang="en">\n<file id="f"><unit id="u">\n</xliff>\n', ["bad.xlf:", "malformed XML"]),
        ("xxe.xlf", b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<xliff version="1.2"><file source-language="en" datatype="plaintext" original="x"><body><trans-unit id="1"><source>&xxe;</source></trans-unit></body></file></xliff>', ["xxe.xlf", "entity"]),
        ("bomb.tmx", b'<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>\n<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&lol2;</seg></tuv></tu></body></tmx>', ["bomb.tmx", "entity"]),
        ("bin.po", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00", ["bin.po", "binary"]),
        ("missing.po", None, ["missing.po", "no such file"]),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, name: str, content: bytes | None,
                                      expect: list[str]) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    msg = one_line_error(reviewer("check", str(path)))
    for part in expect:
        assert part.lower() in msg.lower(), msg


def test_pair_with_different_line_counts_names_both(tmp_path: Path) -> None:
    (tmp_path / "en.txt").write_text("a\nb\nc\n", encoding="utf-8")
    (tmp_path / "it.txt").write_text("a\nb\n", encoding="utf-8")
    msg = one_line_error(reviewer("check", "--source", str(tmp_path / "en.txt"),
                                  "--target", str(tmp_path / "it.txt")))
    assert "3" in msg and "2" in msg


def test_utf16_with_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "u16.tsv"
    path.write_bytes("source\ttarget\nHello.\tCiao.\n".encode("utf-16"))
    p = reviewer("check", str(path), "--format", "json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["stats"]["units"] == 1


@pytest.mark.parametrize("name", ["empty.po", "empty.tsv", "empty.jsonl", "empty.xlf", "empty.tmx"])
def test_empty_file_is_zero_units_exit_0(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"")
    p = reviewer("check", str(path), "--format", "json")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["stats"]["units"] == 0


def test_bad_options_exit_2() -> None:
    assert one_line_error(reviewer("check", str(SAMPLE), "--enable", "nope")).count("nope") == 1
    p = reviewer("check", str(SAMPLE), "--format", "yaml")
    assert p.returncode == 2 and "Traceback" not in p.stderr
    one_line_error(reviewer("check"))


def test_config_file_in_cwd_disables_a_check(tmp_path: Path) -> None:
    (tmp_path / "reviewer.toml").write_text('[check]\ndisable = ["all"]\n', encoding="utf-8")
    p = reviewer("check", str(SAMPLE), "--format", "jsonl", cwd=tmp_path)
    assert p.returncode == 0 and p.stdout == ""


def test_glossary_and_term_adherence_in_json(tmp_path: Path) -> None:
    g = tmp_path / "g.tsv"
    g.write_text("source\ttarget\tforbidden\nscale\tpotenziare|scalare\tridimensionare\n"
                 "data center\tdata center|centro dati\t\n", encoding="utf-8")
    tsv = tmp_path / "t.tsv"
    tsv.write_text("source\ttarget\n"
                   "We scale the data center.\tRidimensioniamo il data center.\n"
                   "We scale it.\tLo potenziamo.\n", encoding="utf-8")
    p = reviewer("check", str(tsv), "-g", str(g), "--source-lang", "en", "--target-lang", "it",
                 "--format", "json", "--stats")
    assert p.returncode == 0, p.stderr
    data = json.loads(p.stdout)
    assert data["stats"]["term_adherence"] == {"found": 3, "approved": 2, "rate": 0.6667}
    checks = {(f["check"], f["text"]) for f in data["findings"]}
    assert ("forbidden-term", "Ridimensioniamo") in checks
    assert "term adherence: 2/3" in p.stderr


def test_no_glossary_means_no_term_adherence_key() -> None:
    p = reviewer("check", str(SAMPLE), "--format", "json")
    assert "term_adherence" not in json.loads(p.stdout)["stats"]


def test_align_pairs_documents_that_are_not_line_aligned(tmp_path: Path) -> None:
    en, it = tmp_path / "en.txt", tmp_path / "it.txt"
    en.write_text("NVIDIA will invest up to $100 billion in OpenAI. The first gigawatt comes "
                  "online in 2026.\nOpenAI has more than 700 million weekly users.\n", encoding="utf-8")
    it.write_text("NVIDIA investirà fino a 100 miliardi di dollari in OpenAI.\nIl primo gigawatt "
                  "entrerà in funzione nel 2026. OpenAI ha oltre 700 milioni di utenti settimanali.\n",
                  encoding="utf-8")
    three = tmp_path / "three.txt"
    three.write_text("a\nb\nc\n", encoding="utf-8")
    msg = one_line_error(reviewer("check", "--source", str(three), "--target", str(it)))
    assert "--align" in msg
    p = reviewer("check", "--source", str(en), "--target", str(it), "--align",
                 "--source-lang", "en", "--target-lang", "it", "--format", "json")
    assert p.returncode == 0, p.stderr
    found = [(f["check"], f["side"]) for f in json.loads(p.stdout)["findings"]]
    # the sentence moved across a paragraph break is an omission and an addition;
    # the addition has no source, so no number finding for its "2026"
    assert ("alignment", "source") in found and ("alignment", "target") in found
    assert all(check == "alignment" for check, _ in found)
    one_line_error(reviewer("check", "--target", str(it), "--align"))


def test_review_align_opens_what_check_align_checks(tmp_path: Path) -> None:
    """`review --align` and `check --align` read one aligned document: the same units,
    ids and `alignment` findings (the store is TARGET.aligned.review.sqlite)."""
    from reviewer.formats import ReadOptions
    from reviewer.inputs import aligned_document
    from reviewer.project import Project
    from reviewer.runner import plan_checks

    en, it = tmp_path / "en.txt", tmp_path / "it.txt"
    en.write_text("NVIDIA will invest up to $100 billion in OpenAI. The first gigawatt comes "
                  "online in 2026.\nOpenAI has more than 700 million weekly users.\n", encoding="utf-8")
    it.write_text("NVIDIA investirà fino a 100 miliardi di dollari in OpenAI.\nIl primo gigawatt "
                  "entrerà in funzione nel 2026. OpenAI ha oltre 700 milioni di utenti settimanali.\n",
                  encoding="utf-8")
    ro = ReadOptions(source_lang="en", target_lang="it")
    checked = aligned_document(str(en), str(it), ro).materialize()
    with Project.open(it, source_path=en, read_options=ro, aligned=True) as p:
        assert p.store.path == tmp_path / "it.txt.aligned.review.sqlite"
        units = [(s.id, s.source, s.target) for s in p.segments]
        found = [(f.check, f.unit) for f in p.findings(plan_checks(enable=["alignment"]))]
    assert units == [(s.id, s.source, s.target) for s in checked]
    p = reviewer("check", "--source", str(en), "--target", str(it), "--align",
                 "--source-lang", "en", "--target-lang", "it", "--format", "jsonl",
                 "--enable", "alignment")
    from_check = [(d["check"], d["unit"]) for d in map(json.loads, p.stdout.splitlines())]
    assert found and {c for c, _ in found} == {"alignment"}
    assert sorted(found) == sorted(from_check)
    assert "--align needs" in one_line_error(reviewer("review", "--align", "--target", str(it)))


def test_help_lists_every_command_and_check_loads_none_of_the_others() -> None:
    """Subcommands in other modules load on first use: `reviewer --help` still lists
    them all, and `reviewer check` imports neither the store nor the aligner's CLI."""
    out = subprocess.run([sys.executable, "-m", "reviewer.cli", "--help"],
                         capture_output=True, text=True, check=True).stdout
    for name in ("align", "apply", "check", "corrections", "export", "mqm", "replace",
                 "report", "review", "score"):
        assert f"  {name} " in out
    code = (
        "import sys\n"
        "from reviewer.cli import main\n"
        "try:\n"
        "    main(['check', '--list-checks'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print([m for m in ('reviewer.cli_store', 'reviewer.cli_align', 'reviewer.cli_review',"
        " 'reviewer.distributed', 'reviewer.store') if m in sys.modules])\n"
    )
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert res.stdout.strip().splitlines()[-1] == "[]"


def test_check_align_sees_the_review_align_store(tmp_path: Path) -> None:
    """A correction made in `review --align` (its store TARGET.aligned.review.sqlite)
    is what `check --align` checks next (the findings policy)."""
    from reviewer.formats import ReadOptions
    from reviewer.project import Project

    en, it = tmp_path / "en.txt", tmp_path / "it.txt"
    en.write_text("The first gigawatt comes online in 2026. OpenAI has 700 million users.\n",
                  encoding="utf-8")
    it.write_text("Il primo gigawatt entrerà in funzione nel 2025. OpenAI ha 700 milioni di "
                  "utenti.\n", encoding="utf-8")
    args = ("check", "--source", str(en), "--target", str(it), "--align", "--source-lang", "en",
            "--target-lang", "it", "--format", "jsonl", "--disable", "all", "--enable", "number")
    before = [json.loads(x) for x in reviewer(*args).stdout.splitlines()]
    assert before and before[0]["check"] == "number"
    ro = ReadOptions(source_lang="en", target_lang="it")
    with Project.open(it, source_path=en, read_options=ro, aligned=True, reviewer="t") as p:
        i = p.find_unit(before[0]["unit"])
        assert i is not None
        p.correct(i, p.segment(i).target.replace("2025", "2026"))
    assert reviewer(*args).stdout == ""
    assert reviewer(*args, "--no-store").stdout.strip()
