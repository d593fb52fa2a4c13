"""TMX reading (streaming, languages, inline codes), splicing writer and safety."""

from __future__ import annotations

import codecs
import subprocess
import sys
import types
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.errors import InputError
from reviewer.formats import ReadOptions, get_format, open_document, write_document
from reviewer.formats.tmx import pick, render
from reviewer.model import InlineCode

DATA = Path(__file__).parent / "data" / "tmx"
SAMPLE = DATA / "sample.tmx"


def read(path: Path, **opts: str) -> tuple[object, list]:
    doc = open_document(path, ReadOptions(**opts))
    return doc, doc.materialize()


def test_languages_known_before_streaming() -> None:
    doc = open_document(SAMPLE)
    assert isinstance(doc.segments, types.GeneratorType)
    assert (doc.source_lang, doc.target_lang) == ("en-US", "de-DE")
    assert doc.meta["srclang"] == "en-US" and doc.meta["version"] == "1.4"


def test_sample_units() -> None:
    _, segs = read(SAMPLE)
    assert [s.id for s in segs] == ["greet", "2", "only-source", "iso"]
    assert [s.index for s in segs] == [0, 1, 2, 3]
    assert [s.line for s in segs] == [7, 12, 16, 19]
    assert segs[0].notes == ("Start screen",)
    assert segs[2].source == "No translation & no target" and segs[2].target is None


def test_paired_codes() -> None:
    _, segs = read(SAMPLE)
    s = segs[0]
    assert s.source == "Hello, \ue000world\ue001!"
    assert s.target == "Hallo, \ue000Welt\ue001!"
    bpt, ept = s.source_codes
    assert (bpt.kind, bpt.id, bpt.display) == ("open", "1", "<b>")
    assert bpt.data == '<bpt i="1" x="1">&lt;b&gt;</bpt>'
    assert (ept.kind, ept.id, ept.data) == ("close", "1", '<ept i="1">&lt;/b&gt;</ept>')
    assert [c.id for c in s.target_codes] == ["1", "1"]


def test_ph_hi_and_it_codes() -> None:
    _, segs = read(SAMPLE)
    s = segs[1]
    assert s.source == "Press \ue000 to \ue001continue\ue002."
    ph, hi_open, hi_close = s.source_codes
    assert (ph.kind, ph.id, ph.data, ph.display) == ("standalone", "2", '<ph x="2">{0}</ph>', "{0}")
    assert (hi_open.kind, hi_open.data) == ("open", '<hi type="em">')
    assert (hi_close.kind, hi_close.data) == ("close", "</hi>")
    assert hi_open.id == hi_close.id
    it = segs[3].source_codes[0]
    assert (it.kind, it.id, it.display) == ("isolated", "3", "<i>")
    assert segs[3].source == "\ue000Italic start"


def test_code_data_excludes_tail() -> None:
    _, segs = read(SAMPLE)
    assert all(not c.data.endswith("world") for c in segs[0].source_codes)
    assert segs[0].source_codes[0].data.endswith("</bpt>")


def test_srclang_all_and_target_choice() -> None:
    doc, segs = read(DATA / "multi.tmx")
    assert doc.source_lang == "en" and doc.target_lang == "pt-BR"
    assert [s.target for s in segs] == ["Cor (BR)", "Vermelho"]
    _, segs = read(DATA / "multi.tmx", target_lang="pt-pt")
    assert [s.target for s in segs] == ["Cor (PT)", None]
    _, segs = read(DATA / "multi.tmx", target_lang="fr")
    assert [s.target for s in segs] == ["Couleur", None]
    # bare "pt": ambiguous in the first unit, the only Portuguese in the second
    _, segs = read(DATA / "multi.tmx", target_lang="pt")
    assert [s.target for s in segs] == [None, "Vermelho"]


def test_tmx11_lang_attribute() -> None:
    doc, segs = read(DATA / "v11.tmx")
    assert (doc.source_lang, doc.target_lang) == ("en", "FR")
    assert [(s.id, s.source, s.target) for s in segs] == [("1", "Yes", "Oui"), ("2", "No", None)]


def test_units_without_source_variant_are_skipped(tmp_path: Path) -> None:
    p = tmp_path / "s.tmx"
    p.write_text(
        '<tmx version="1.4"><header srclang="en"/><body>'
        '<tu><tuv xml:lang="fr"><seg>Seul</seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg>A</seg></tuv><tuv xml:lang="fr"><seg>B</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    doc, segs = read(p, target_lang="fr")
    assert [(s.id, s.index, s.source, s.target) for s in segs] == [("2", 0, "A", "B")]


@pytest.mark.parametrize(
    "langs, wanted, exclude, expected",
    [
        (["en", "de"], "DE", None, 1),
        (["en", "pt-BR", "pt-PT"], "pt-pt", None, 2),
        (["en", "pt-BR", "pt-PT"], "pt", None, None),
        (["en", "pt-BR"], "pt", None, 1),
        (["en", "pt"], "pt-BR", None, 1),
        (["en-US", "en-GB"], "en-US", 0, None),
        (["en-US", "en-GB"], "en-GB", 0, 1),
        (["en-US", "en-GB"], "en", 0, 1),
        (["en", "pt-BR"], "pt-PT", None, None),
        (["EN", "PT-br"], "pt-br", None, 1),
        ([], "en", None, None),
    ],
)
def test_pick(langs: list[str], wanted: str, exclude: int | None, expected: int | None) -> None:
    assert pick(langs, wanted, exclude) == expected


# ------------------------------------------------------------------------ errors


def test_malformed_xml_has_line_and_column(tmp_path: Path) -> None:
    p = tmp_path / "bad.tmx"
    p.write_text('<tmx version="1.4"><header srclang="en"/><body>\n<tu><tuv xml:lang="en"><seg>a</tuv></tu>\n</body></tmx>')
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.line == 2 and e.value.column
    assert e.value.message.startswith("malformed XML")


def test_error_after_first_unit_raises_while_streaming(tmp_path: Path) -> None:
    p = tmp_path / "late.tmx"
    p.write_text(
        '<tmx version="1.4"><header srclang="en"/><body>\n'
        '<tu><tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="de"><seg>b</seg></tuv></tu>\n'
        "<tu><tuv xml:lang='en'><seg>c &bogus; </seg></tuv></tu>\n</body></tmx>"
    )
    doc = open_document(p)
    with pytest.raises(InputError) as e:
        list(doc)
    assert e.value.line == 3 and "bogus" in e.value.message


XXE = """<?xml version="1.0"?>
<!DOCTYPE tmx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<tmx version="1.4"><header srclang="en"/><body>
<tu><tuv xml:lang="en"><seg>&xxe;</seg></tuv></tu></body></tmx>
"""
LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<tmx version="1.4"><header srclang="en"/><body><tu><tuv xml:lang="en"><seg>&lol3;</seg></tuv></tu></body></tmx>
"""


@pytest.mark.parametrize("content", [XXE, LAUGHS])
def test_entity_attacks_rejected(tmp_path: Path, content: str) -> None:
    p = tmp_path / "evil.tmx"
    p.write_text(content)
    with pytest.raises(InputError, match="entity declarations are not allowed"):
        read(p)


def test_binary_and_invalid_utf8(tmp_path: Path) -> None:
    p = tmp_path / "bin.tmx"
    p.write_bytes(b"<tmx>\x00\x01\x02" * 20)
    with pytest.raises(InputError, match="binary"):
        read(p)
    p.write_bytes(b'<tmx version="1.4"><header srclang="en"/><body>\n<tu><tuv xml:lang="en"><seg>\xff\xfe</seg></tuv></tu></body></tmx>')
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.line == 2


def test_not_a_tmx_root(tmp_path: Path) -> None:
    p = tmp_path / "x.tmx"
    p.write_text("<xliff version='1.2'/>")
    with pytest.raises(InputError, match="not a TMX file"):
        read(p)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "nope.tmx")


# ------------------------------------------------------------------------ writing


def test_no_changes_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "o.tmx"
    write_document(SAMPLE, out, {})
    assert out.read_bytes() == SAMPLE.read_bytes()
    _, segs = read(SAMPLE)
    write_document(SAMPLE, out, {s.index: s for s in segs})
    assert out.read_bytes() == SAMPLE.read_bytes()


def test_change_target_and_add_missing_variant(tmp_path: Path) -> None:
    _, segs = read(SAMPLE)
    out = tmp_path / "o.tmx"
    changes = {
        0: replace(segs[0], target="Hallo \ue000schöne\ue001 Welt & <Mond>"),
        2: replace(segs[2], target="Keine Übersetzung"),
    }
    write_document(SAMPLE, out, changes)
    old = SAMPLE.read_text(encoding="utf-8").splitlines()
    new = out.read_text(encoding="utf-8").splitlines()
    assert new[9] == (
        '      <tuv xml:lang="de-DE"><seg>Hallo <bpt i="1" x="1">&lt;b&gt;</bpt>schöne'
        '<ept i="1">&lt;/b&gt;</ept> Welt &amp; &lt;Mond&gt;</seg></tuv>'
    )
    assert new[17] == '      <tuv xml:lang="de-DE"><seg>Keine Übersetzung</seg></tuv>'
    assert new[:9] + new[10:17] + new[18:] == old[:9] + old[10:]
    _, again = read(out)
    assert [s.target for s in again] == [
        changes[0].target, segs[1].target, "Keine Übersetzung", segs[3].target
    ]
    assert again[0].target_codes == segs[0].target_codes


def test_self_closing_seg_and_lang_attribute(tmp_path: Path) -> None:
    p = tmp_path / "v.tmx"
    p.write_text(
        '<tmx version="1.1"><header srclang="en"/><body>\n'
        '<tu><tuv lang="en"><seg>Yes</seg></tuv><tuv lang="fr"><seg/></tuv></tu>\n'
        '<tu><tuv lang="en"><seg>No</seg></tuv></tu>\n</body></tmx>\n'
    )
    _, segs = read(p)
    assert segs[0].target == ""
    out = tmp_path / "o.tmx"
    write_document(p, out, {0: replace(segs[0], target="Oui"), 1: replace(segs[1], target="Non")})
    text = out.read_text()
    assert '<tuv lang="fr"><seg>Oui</seg></tuv>' in text
    assert '<tuv lang="en"><seg>No</seg></tuv>\n<tuv lang="fr"><seg>Non</seg></tuv></tu>' in text


@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF8, "utf-8")])
def test_bom_round_trip(tmp_path: Path, bom: bytes, codec: str) -> None:
    text = SAMPLE.read_text(encoding="utf-8").replace('encoding="UTF-8"', f'encoding="{"UTF-16" if "16" in codec else "UTF-8"}"')
    p = tmp_path / "b.tmx"
    p.write_bytes(bom + text.encode(codec))
    _, segs = read(p)
    assert segs[1].target.startswith("Drücken")
    out = tmp_path / "o.tmx"
    write_document(p, out, {3: replace(segs[3], target="\ue000Neu")})
    want = text.replace("Kursiver Anfang", "Neu")
    assert out.read_bytes() == bom + want.encode(codec)


def test_render_escapes_text_and_restores_codes() -> None:
    codes = (InlineCode("standalone", "1", '<ph x="1">&lt;br/&gt;</ph>'),)
    assert render("a < b & \ue000c", codes) == 'a &lt; b &amp; <ph x="1">&lt;br/&gt;</ph>c'
    with pytest.raises(ValueError):
        render("\ue001", codes)


def test_registry_and_sniff() -> None:
    fmt = get_format("tmx")
    assert fmt.sniff(b'<?xml version="1.0"?>\n<tmx version="1.4">')
    assert not fmt.sniff(b'<?xml version="1.0"?>\n<xliff version="1.2">')


# ------------------------------------------------------------------------ memory

_GEN = """
import sys
def gen(path, mb):
    pad = "lorem ipsum dolor sit amet " * 25
    unit = ('<tu tuid="u{i}"><note>n{i}</note><tuv xml:lang="en"><seg>Source {i} <ph x="1">{{0}}</ph> '
            + pad + '</seg></tuv><tuv xml:lang="de"><seg>Ziel {i} <ph x="1">{{0}}</ph> ' + pad
            + '</seg></tuv></tu>\\n')
    with open(path, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\\n<tmx version="1.4"><header srclang="en"/><body>\\n')
        size, i = 0, 0
        while size < mb * 1024 * 1024:
            u = unit.format(i=i)
            f.write(u)
            size += len(u)
            i += 1
        f.write("</body></tmx>\\n")
    return i
"""

_MEASURE = """
import resource, sys
from reviewer.formats import open_document
doc = open_document(sys.argv[1])
it = iter(doc)
next(it)
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
n = 1 + sum(1 for _ in it)
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(n, (peak - base) // 1024)
"""


@pytest.mark.slow
def test_streaming_memory_stays_flat(tmp_path: Path, repo_root: Path) -> None:
    path = tmp_path / "big.tmx"
    ns: dict[str, object] = {}
    exec(_GEN, ns)
    units = ns["gen"](path, 50)  # type: ignore[operator]
    assert path.stat().st_size > 50 * 1024 * 1024
    res = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(path)],
        capture_output=True, text=True, cwd=repo_root, timeout=120,
    )
    assert res.returncode == 0, res.stderr
    n, growth_mb = map(int, res.stdout.split())
    assert n == units
    assert growth_mb < 25, f"peak RSS grew by {growth_mb} MB reading a 50 MB TMX"


@pytest.mark.parametrize("lang, target", [
    ("es", "Quieres guardar los cambios"),      # no "¿", no final "?"
    ("ru", "Сохранить изменения"),
    ("ja", "変更を保存しますか"),
])
def test_findings_point_at_their_variant(tmp_path: Path, lang: str, target: str) -> None:
    """A finding on the translation points at the target variant's <seg> line, one on
    the source at the source's, not at the <tu> that holds them."""
    from reviewer.runner import plan_checks

    p = tmp_path / "m.tmx"
    p.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n'
        '<header srclang="en" datatype="plaintext" segtype="sentence" adminlang="en" '
        'o-tmf="x" creationtool="t" creationtoolversion="1"/>\n<body>\n<tu tuid="a">\n'
        '  <tuv xml:lang="en">\n    <seg>Save the changes at 5 pm?</seg>\n  </tuv>\n'
        f'  <tuv xml:lang="{lang}">\n    <seg>{target}</seg>\n  </tuv>\n</tu>\n</body>\n</tmx>\n',
        encoding="utf-8")
    lines = p.read_text(encoding="utf-8").split("\n")
    found = list(plan_checks().run(open_document(p, ReadOptions(source_lang="en", target_lang=lang))))
    sides = {f.side for f in found}
    assert "target" in sides and (lang != "es" or "source" in sides)  # es: "5" lost, on the source
    for f in found:
        want = "Save the changes" if f.side == "source" else target
        assert want in lines[f.line - 1], (f.check, f.side, f.line)
