"""PO/POT reading and splicing writer: hand-written samples and real Debian catalogs."""

from __future__ import annotations

import codecs
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import polib
import pytest

from reviewer.errors import InputError
from reviewer.formats import ReadOptions, get_format, open_document, write_document
from reviewer.formats.po import parse_catalog, parse_ignore
from reviewer.formats.po_write import _msgstr_block, _old_forms, detect_width, format_field

DATA = Path(__file__).parent / "data" / "po"
SAMPLE = DATA / "sample.po"


def read(path: Path, **opts: str) -> tuple[object, list]:
    doc = open_document(path, ReadOptions(**opts))
    return doc, doc.materialize()


# ------------------------------------------------------------------------- reading


def test_sample_units_ids_and_languages() -> None:
    doc, segs = read(SAMPLE)
    assert doc.format == "po"
    assert doc.source_lang == "en" and doc.target_lang == "it"
    assert [s.index for s in segs] == list(range(9))
    assert segs[0].id == "Hello, %s!" and segs[0].target == "Ciao, %s!"
    assert segs[1].id == "menu\u0004Open" and segs[1].context == "menu"
    assert segs[1].source == "Open" and segs[1].target == "Apri"


def test_sample_metadata_of_units() -> None:
    _, segs = read(SAMPLE)
    first = segs[0]
    assert first.flags == {"c-format"}
    assert first.notes == ("Shown on the start screen",)
    assert first.line == 13  # the entry's first line (its "#." comment)
    assert segs[1].line == 19
    fuzzy = segs[3]
    assert "fuzzy" in fuzzy.flags and fuzzy.state == "fuzzy"
    untranslated = segs[6]
    assert untranslated.target == "" and not untranslated.translated
    long = segs[7]
    assert long.source.endswith("page width.\nSecond line.")
    assert long.target.startswith("Questo è un messaggio lungo")
    obsolete = segs[8]
    assert obsolete.flags == {"obsolete"} and obsolete.target == "Vecchia stringa"


def test_plural_entry() -> None:
    _, segs = read(SAMPLE)
    p = segs[2]
    assert p.source == "%d file" and p.plural_source == "%d files"
    assert p.plural_targets == ("%d file", "%d file") and p.target == "%d file"
    forms = list(p.forms())
    assert [(f, s.source) for f, s in forms] == [(0, "%d file"), (1, "%d files")]


def test_ignore_from_comment_and_flag() -> None:
    _, segs = read(SAMPLE)
    assert segs[4].ignore == {"placeholder", "number"}
    assert segs[5].ignore == {"punctuation"}
    assert segs[0].ignore == frozenset()


@pytest.mark.parametrize(
    "flags, comments, expected",
    [
        (["reviewer-ignore-placeholder"], [], {"placeholder"}),
        (["reviewer-ignore: placeholder", "number", "c-format"], [], {"placeholder", "number"}),
        (["fuzzy", "reviewer-ignore-url", "reviewer-ignore-email"], [], {"url", "email"}),
        (["reviewer-ignore"], [], {"*"}),
        ([], ["note\nreviewer-ignore: length,  spelling"], {"length", "spelling"}),
        (["c-format", "fuzzy"], ["nothing to see"], set()),
    ],
)
def test_parse_ignore(flags: list[str], comments: list[str], expected: set[str]) -> None:
    assert parse_ignore(flags, comments) == expected


def test_pot_targets_are_empty_and_language_from_options() -> None:
    doc, segs = read(DATA / "template.pot", target_lang="de", source_lang="en-GB")
    assert doc.target_lang == "de" and doc.source_lang == "en-GB"
    assert [s.target for s in segs] == ["", ""]
    assert segs[1].plural_targets == ("", "")
    assert doc.meta["pot"] is True


def test_header_language_wins_over_options() -> None:
    doc, _ = read(SAMPLE, target_lang="fr")
    assert doc.target_lang == "it"


def test_syntax_error_has_path_and_line() -> None:
    with pytest.raises(InputError) as e:
        read(DATA / "broken.po")
    assert e.value.line == 4
    assert str(e.value).startswith(f"{DATA / 'broken.po'}:4: PO syntax error")
    assert "\n" not in str(e.value)


def test_unescaped_quote_is_reported(tmp_path: Path) -> None:
    p = tmp_path / "q.po"
    p.write_text('msgid "a"\nmsgstr "b"\n\nmsgid "x"\nmsgstr "say "hi""\n', encoding="utf-8")
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.line == 5 and "unescaped double quote" in e.value.message


def test_invalid_utf8_is_reported_with_offset(tmp_path: Path) -> None:
    p = tmp_path / "bad.po"
    p.write_bytes(b'msgid "a"\nmsgstr "\xff\xfe"\n')
    with pytest.raises(InputError) as e:
        read(p)
    assert e.value.line == 2 and "byte offset 18" in e.value.message


def test_binary_file_rejected(tmp_path: Path) -> None:
    p = tmp_path / "x.po"
    p.write_bytes(b"\xde\x12\x04\x95\x00\x00\x00\x00" * 8)
    with pytest.raises(InputError, match="binary"):
        read(p)


@pytest.mark.parametrize("content", [b"", b"\n\n", b"# only a comment\n"])
def test_empty_catalog_has_no_units(tmp_path: Path, content: bytes) -> None:
    p = tmp_path / "empty.po"
    p.write_bytes(content)
    _, segs = read(p)
    assert segs == []


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "nope.po")


def test_latin1_catalog_uses_declared_charset(tmp_path: Path) -> None:
    text = (
        'msgid ""\nmsgstr ""\n"Language: fr\\n"\n"Content-Type: text/plain; charset=ISO-8859-1\\n"\n\n'
        'msgid "Yes"\nmsgstr "Très bien"\n'
    )
    p = tmp_path / "l1.po"
    p.write_bytes(text.encode("latin-1"))
    doc, segs = read(p)
    assert segs[0].target == "Très bien" and doc.target_lang == "fr"
    out = tmp_path / "out.po"
    write_document(p, out, {0: replace(segs[0], target="Déjà")})
    assert out.read_bytes() == text.replace("Très bien", "Déjà").encode("latin-1")


@pytest.mark.parametrize("codec, bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-8", codecs.BOM_UTF8)])
def test_bom_files_read_and_written_back(tmp_path: Path, codec: str, bom: bytes) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    p = tmp_path / "bom.po"
    p.write_bytes(bom + text.encode(codec))
    _, segs = read(p)
    assert len(segs) == 9 and segs[1].target == "Apri"
    out = tmp_path / "out.po"
    write_document(p, out, {1: replace(segs[1], target="Apri…")})
    assert out.read_bytes() == bom + text.replace('"Apri"', '"Apri…"').encode(codec)


# ------------------------------------------------------------------------- writing


def test_no_changes_is_byte_identical(tmp_path: Path) -> None:
    out = tmp_path / "out.po"
    write_document(SAMPLE, out, {})
    assert out.read_bytes() == SAMPLE.read_bytes()


def test_unchanged_values_are_byte_identical(tmp_path: Path) -> None:
    _, segs = read(SAMPLE)
    out = tmp_path / "out.po"
    write_document(SAMPLE, out, {s.index: s for s in segs})
    assert out.read_bytes() == SAMPLE.read_bytes()


def test_changes_touch_only_their_msgstr_lines(tmp_path: Path) -> None:
    _, segs = read(SAMPLE)
    long_target = (
        "Un messaggio molto lungo, lunghissimo, che supera certamente la larghezza "
        "della pagina di settantanove colonne.\nSeconda."
    )
    changes = {
        3: replace(segs[3], target="Salva con nome"),
        2: replace(segs[2], plural_targets=("%d file", "%d files")),
        7: replace(segs[7], target=long_target),
        8: replace(segs[8], target='Nuova "stringa"'),
    }
    out = tmp_path / "out.po"
    write_document(SAMPLE, out, changes)
    old = SAMPLE.read_text(encoding="utf-8").splitlines()
    new = out.read_text(encoding="utf-8").splitlines()
    assert len(old) == len(new)
    changed = {i + 1 for i, (a, b) in enumerate(zip(old, new)) if a != b}
    assert changed == {29, 34, 53, 54, 55, 58}
    assert new[33] == 'msgstr "Salva con nome"'
    assert new[28] == 'msgstr[1] "%d files"'
    assert new[52:55] == [
        '"Un messaggio molto lungo, lunghissimo, che supera certamente la larghezza "',
        '"della pagina di settantanove colonne.\\n"',
        '"Seconda."',
    ]
    assert new[57] == '#~ msgstr "Nuova \\"stringa\\""'
    _, again = read(out)
    assert again[3].target == "Salva con nome" and again[7].target == long_target
    assert again[2].plural_targets == ("%d file", "%d files")
    assert again[8].target == 'Nuova "stringa"' and "obsolete" in again[8].flags
    assert [s.target for i, s in enumerate(again) if i not in changes] == [
        s.target for i, s in enumerate(segs) if i not in changes
    ]


def test_target_form_zero_of_plural(tmp_path: Path) -> None:
    _, segs = read(SAMPLE)
    out = tmp_path / "out.po"
    write_document(SAMPLE, out, {2: replace(segs[2], target="%d documento", plural_targets=())})
    _, again = read(out)
    assert again[2].plural_targets == ("%d documento", "%d file")


def test_crlf_line_ends_kept(tmp_path: Path) -> None:
    p = tmp_path / "crlf.po"
    p.write_bytes(SAMPLE.read_bytes().replace(b"\n", b"\r\n"))
    _, segs = read(p)
    out = tmp_path / "out.po"
    write_document(p, out, {0: replace(segs[0], target="Salve, %s!")})
    data = out.read_bytes()
    assert b'msgstr "Salve, %s!"\r\n' in data and b"\n" not in data.replace(b"\r\n", b"")


def test_write_to_same_path_is_atomic_replace(tmp_path: Path) -> None:
    p = tmp_path / "s.po"
    shutil.copy(SAMPLE, p)
    _, segs = read(p)
    write_document(p, p, {1: replace(segs[1], target="Apri file")})
    _, again = read(p)
    assert again[1].target == "Apri file"
    assert [x.name for x in tmp_path.iterdir()] == ["s.po"]


@pytest.mark.parametrize(
    "value, width, lines",
    [
        ("short", 79, ['msgstr "short"']),
        ("", 79, ['msgstr ""']),
        ("a\nb", 79, ['msgstr ""', '"a\\n"', '"b"']),
        ("line\n", 79, ['msgstr "line\\n"']),
        ("x" * 75, 79, ['msgstr ""', '"' + "x" * 75 + '"']),
        ("aaa bbb ccc", 8, ['msgstr ""', '"aaa "', '"bbb "', '"ccc"']),
        ("aaa bbb ccc", 10, ['msgstr ""', '"aaa bbb "', '"ccc"']),
        ("see --git-dir now", 12, ['msgstr ""', '"see --git-"', '"dir now"']),
        ("see --git-dir now", 10, ['msgstr ""', '"see --"', '"git-dir "', '"now"']),
        ("aaa bbb ccc", 0, ['msgstr "aaa bbb ccc"']),
        ('tab\there "q"', 79, ['msgstr "tab\\there \\"q\\""']),
    ],
)
def test_format_field_wraps_like_gettext(value: str, width: int, lines: list[str]) -> None:
    assert format_field("msgstr", value, width) == lines


def test_format_field_obsolete_prefix() -> None:
    assert format_field("msgstr", "a\nb", 79, "#~ ") == ['#~ msgstr ""', '#~ "a\\n"', '#~ "b"']


# ---------------------------------------------------------------- real catalogs

CATALOGS = ["git", "coreutils", "dpkg", "apt", "glib20", "gettext-tools"]


def _real_po(tmp_path: Path, name: str, lang: str = "it") -> Path:
    mo = Path(f"/usr/share/locale/{lang}/LC_MESSAGES/{name}.mo")
    if shutil.which("msgunfmt") is None or not mo.is_file():
        pytest.skip(f"msgunfmt or {mo} is missing")
    out = tmp_path / f"{name}.po"
    subprocess.run(["msgunfmt", str(mo), "-o", str(out)], check=True, capture_output=True)
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", CATALOGS)
def test_real_catalog_reads_all_messages(tmp_path: Path, name: str) -> None:
    po = _real_po(tmp_path, name)
    doc, segs = read(po)
    mo = polib.mofile(f"/usr/share/locale/it/LC_MESSAGES/{name}.mo")
    expected = {e.msgid_with_context: e for e in mo if e.msgid}
    ids = {s.id for s in segs}
    assert set(expected) <= ids
    # polib's .mo reader drops the system-dependent strings (``%<PRIuMAX>``)
    assert all("%<PRI" in i for i in ids - set(expected))
    for s in segs:
        e = expected.get(s.id)
        if e is None:
            continue
        if e.msgstr_plural:
            assert s.plural_targets == tuple(e.msgstr_plural[i] for i in sorted(e.msgstr_plural))
        else:
            assert s.target == e.msgstr
    assert doc.target_lang in ("it", None) or doc.target_lang.startswith("it")
    lines = po.read_text(encoding="utf-8").splitlines()
    for s in segs:  # each unit's line starts its entry: a comment, msgctxt or msgid
        assert s.line and lines[s.line - 1].startswith(("#", "msgctxt", "msgid"))


@pytest.mark.slow
@pytest.mark.parametrize("name", CATALOGS)
def test_real_catalog_round_trip(tmp_path: Path, name: str) -> None:
    po = _real_po(tmp_path, name)
    _, segs = read(po)
    out = tmp_path / "same.po"
    write_document(po, out, {s.index: s for s in segs})
    assert out.read_bytes() == po.read_bytes()
    # Change every seventh unit; the others keep their exact bytes and values.
    changes = {}
    for s in segs[::7]:
        if s.plural_targets:
            forms = tuple(t + " [x]" for t in s.plural_targets)
            changes[s.index] = replace(s, target=forms[0], plural_targets=forms)
        else:
            changes[s.index] = replace(s, target=s.target + " — rivisto")
    write_document(po, out, changes)
    _, again = read(out)
    assert len(again) == len(segs)
    for old, new in zip(segs, again):
        assert new.id == old.id
        if old.index in changes:
            want = changes[old.index]
            assert (new.target, new.plural_targets) == (want.target, want.plural_targets)
        else:
            assert (new.target, new.plural_targets) == (old.target, old.plural_targets)
    # polib agrees with what we wrote
    assert len(polib.pofile(str(out))) == len(segs)


@pytest.mark.slow
@pytest.mark.parametrize("name", CATALOGS)
def test_real_catalog_rewrap_matches_gettext(tmp_path: Path, name: str) -> None:
    """Re-formatting each msgstr with its own value reproduces gettext's lines for
    (nearly) every entry: our wrapping matches msgunfmt's."""
    po = _real_po(tmp_path, name)
    text = po.read_text(encoding="utf-8")
    cat = parse_catalog(text, po)
    lines = text.splitlines(keepends=True)
    width = detect_width(lines)
    assert width == 79
    same = 0
    for e in cat:
        a, b = _msgstr_block(e, lines, po)
        new: list[str] = []
        for k, v in _old_forms(e):
            new += format_field(k, v, width)
        same += new == [ln.rstrip("\n") for ln in lines[a : b + 1]]
    assert same / len(cat) > 0.995


def test_registry_resolves_po() -> None:
    assert type(get_format("po")).__name__ == "PoFormat"
    assert get_format("po").sniff(b'# x\nmsgid ""\nmsgstr ""\n')
    assert not get_format("po").sniff(b"<?xml version='1.0'?><tmx/>")
