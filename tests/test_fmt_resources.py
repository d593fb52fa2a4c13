"""App resource formats: reading, pairing by key, in-place writing (issue 24)."""

from __future__ import annotations

import csv
from dataclasses import replace
from pathlib import Path

import pytest

from reviewer.formats import ReadOptions, detect_format, open_document, open_documents, open_pair
from reviewer.formats.keyed import find_source, lang_from_path
from reviewer.model import Segment


def units(doc) -> dict[str, Segment]:  # type: ignore[no-untyped-def]
    return {s.id: s for s in doc.materialize()}


def change(path: Path, out: Path, key: str, text: str, opts: ReadOptions = ReadOptions()) -> Segment:
    fmt = detect_format(path)
    seg = units(fmt.read(path, opts))[key]
    fmt.write(path, out, {seg.index: replace(seg, target=text)}, opts)
    return units(fmt.read(out, opts))[key]


# ------------------------------------------------------------------ Android


def test_android_strings_arrays_plurals_escapes_and_pairing(tmp_path: Path) -> None:
    (tmp_path / "values").mkdir()
    (tmp_path / "values-ru").mkdir()
    src = tmp_path / "values" / "strings.xml"
    src.write_text('<?xml version="1.0" encoding="utf-8"?>\n<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">\n'
                   '  <string name="hello">Don\\\'t  panic\\n</string>\n'
                   '  <string name="app" translatable="false">K-9</string>\n'
                   '  <string name="count">Get <xliff:g id="n">%d</xliff:g> more</string>\n'
                   '  <string-array name="days"><item>Mon</item><item>Tue</item></string-array>\n'
                   '  <plurals name="msgs"><item quantity="one">%d message</item>'
                   '<item quantity="other">%d messages</item></plurals>\n'
                   '  <string name="gone">Removed</string>\n</resources>\n', encoding="utf-8")
    tgt = tmp_path / "values-ru" / "strings.xml"
    tgt.write_text('<?xml version="1.0" encoding="utf-8"?>\n<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">\n'
                   '  <string name="hello">"Не  паникуй"</string>\n'
                   '  <string name="count">Ещё <xliff:g id="n">%d</xliff:g></string>\n'
                   '  <string-array name="days"><item>Пн</item><item>Вт</item></string-array>\n'
                   '  <plurals name="msgs"><item quantity="one">%d сообщение</item>'
                   '<item quantity="few">%d сообщения</item><item quantity="many">%d сообщений</item>'
                   '<item quantity="other">%d сообщения</item></plurals>\n</resources>\n', encoding="utf-8")
    assert find_source(tgt) == src and lang_from_path(tgt) == "ru"
    doc = open_document(tgt)
    assert (doc.format, doc.target_lang, doc.target_only) == ("android", "ru", False)
    u = units(doc)
    assert u["hello"].source == "Don't panic\n" and u["hello"].target == "Не  паникуй"  # quoted: kept
    assert u["count"].target.count("\ue000") == 1 and u["count"].target_codes[0].kind == "open"
    assert u["days[1]"].target == "Вт"
    # the Russian 'few' form is paired with the English 'other' form
    # Russian 'one' is also 21, 31...: it is checked against the English 'other' form
    assert u["msgs[few]"].source == "%d messages" and u["msgs[one]"].source == "%d messages"
    assert u["gone"].target is None and u["gone"].status == "untranslated"
    assert "obsolete" in u["app"].flags  # translatable="false": not a unit to check
    out = tmp_path / "out.xml"
    fmt = detect_format(tgt)
    fmt.write(tgt, out, {}, ReadOptions())
    assert out.read_bytes() == tgt.read_bytes()
    new = change(tgt, out, "days[0]", "Понедельник's \"день\" & <ночь>")
    assert new.target == "Понедельник's \"день\" & <ночь>"
    raw = out.read_text(encoding="utf-8")
    assert "Понедельник\\'s \\\"день\\\" &amp; &lt;ночь&gt;" in raw
    assert raw.replace("Понедельник\\'s \\\"день\\\" &amp; &lt;ночь&gt;", "Пн") == tgt.read_text(encoding="utf-8")


def test_android_without_source_is_target_only(tmp_path: Path) -> None:
    p = tmp_path / "strings.xml"
    p.write_text('<resources><string name="a">مرحبا</string></resources>', encoding="utf-8")
    doc = open_document(p, ReadOptions(target_lang="ar"))
    assert doc.target_only and [s.target for s in doc] == ["مرحبا"]


def test_xml_suffix_still_reads_xliff(tmp_path: Path) -> None:
    p = tmp_path / "a.xml"
    p.write_text('<xliff version="1.2"><file source-language="en" target-language="de"><body>'
                 '<trans-unit id="x"><source>A</source><target>B</target></trans-unit></body></file></xliff>')
    assert open_document(p).format == "xliff"


# ------------------------------------------------------------------ Apple


def test_apple_strings_comments_escapes_utf16_and_lenient(tmp_path: Path) -> None:
    (tmp_path / "en.lproj").mkdir()
    (tmp_path / "ja.lproj").mkdir()
    (tmp_path / "en.lproj" / "L.strings").write_text(
        '/* Greeting */\n"hi" = "Hello \\"you\\"";\n"bye" = "Bye";\nplain = "Plain";\n', encoding="utf-8")
    tgt = tmp_path / "ja.lproj" / "L.strings"
    body = '/* Greeting */\n"hi" = "こんにちは\\n";\n"bye" = "さようなら"\n"broken = ;\nplain = "プレーン";\n'
    tgt.write_bytes(b"\xff\xfe" + body.encode("utf-16-le"))
    doc = open_document(tgt)
    u = units(doc)
    assert doc.target_lang == "ja" and u["hi"].source == 'Hello "you"' and u["hi"].target == "こんにちは\n"
    assert u["hi"].notes == ("Greeting",)
    assert u["plain"].target == "プレーン"
    assert any("cannot read" in m for s in u.values() for _l, m in s.problems)
    out = tmp_path / "o.strings"
    detect_format(tgt).write(tgt, out, {}, ReadOptions())
    assert out.read_bytes() == tgt.read_bytes()
    assert change(tgt, out, "plain", 'a"b').target == 'a"b'
    assert out.read_bytes().startswith(b"\xff\xfe")


def test_stringsdict_plural_forms(tmp_path: Path) -> None:
    p = tmp_path / "Localizable.stringsdict"
    p.write_text('<?xml version="1.0"?><plist version="1.0"><dict><key>files</key><dict>'
                 '<key>NSStringLocalizedFormatKey</key><string>%#@n@</string><key>n</key><dict>'
                 '<key>NSStringFormatSpecTypeKey</key><string>NSStringPluralRuleType</string>'
                 '<key>one</key><string>%d Datei</string><key>other</key><string>%d Dateien</string>'
                 '</dict></dict></dict></plist>', encoding="utf-8")
    u = units(open_document(p, ReadOptions(target_lang="de")))
    assert u["files/n[one]"].target == "%d Datei" and u["files/n[other]"].target == "%d Dateien"
    assert change(p, tmp_path / "o.stringsdict", "files/n[one]", "1 Datei & mehr").target == "1 Datei & mehr"


# ------------------------------------------------------------------ Java, JSON, ARB, YAML, resx, ts


def test_properties_escapes_continuations_latin1(tmp_path: Path) -> None:
    (tmp_path / "App.properties").write_text("# title\ntitle=Title\nlong=one \\\n    two\nkey\\ with\\ space=Value\n",
                                             encoding="utf-8")
    tgt = tmp_path / "App_de.properties"
    tgt.write_bytes("# title\ntitle=Gr\xfc\xdfe\nlong=eins \\\n    zwei\nkey\\ with\\ space=Wert \\u00e4\n".encode("iso-8859-1"))
    doc = open_document(tgt)
    u = units(doc)
    assert doc.target_lang == "de" and u["title"].target == "Grüße" and u["title"].notes == ("title",)
    assert u["long"].source == "one two" and u["long"].target == "eins zwei"
    assert u["key with space"].target == "Wert ä"
    out = tmp_path / "o.properties"
    detect_format(tgt).write(tgt, out, {}, ReadOptions())
    assert out.read_bytes() == tgt.read_bytes()
    assert change(tgt, out, "title", "Größe 中").target == "Größe 中"
    assert b"Gr\xf6\xdfe \\u4e2d" in out.read_bytes()  # ISO-8859-1 kept, the rest escaped


def test_i18next_nested_plurals_and_empty_untranslated(tmp_path: Path) -> None:
    (tmp_path / "en").mkdir()
    (tmp_path / "ar").mkdir()
    (tmp_path / "en" / "translation.json").write_text(
        '{"a": {"b": "Hello {{name}}"}, "item_one": "{{count}} item", "item_other": "{{count}} items", "c": "Cancel"}')
    tgt = tmp_path / "ar" / "translation.json"
    tgt.write_text('{\n  "a": {"b": "مرحبا {{name}}"},\n  "item_zero": "لا عناصر", "item_one": "عنصر",\n'
                   '  "item_two": "عنصران", "item_few": "{{count}} عناصر", "item_many": "{{count}} عنصرًا",\n'
                   '  "item_other": "{{count}} عنصر", "c": ""\n}\n', encoding="utf-8")
    doc = open_document(tgt)
    u = units(doc)
    assert doc.format == "json" and u["a.b"].source == "Hello {{name}}"
    assert u["item_few"].source == "{{count}} items" and u["item_one"].source == "{{count}} item"
    assert u["c"].status == "untranslated"
    out = tmp_path / "o.json"
    detect_format(tgt).write(tgt, out, {}, ReadOptions())
    assert out.read_bytes() == tgt.read_bytes()
    assert change(tgt, out, "c", "إلغاء \"x\"").target == "إلغاء \"x\""


def test_json_lines_named_json_still_jsonl(tmp_path: Path) -> None:
    p = tmp_path / "data.json"
    p.write_text('{"source": "a", "target": "b"}\n{"source": "c", "target": "d"}\n')
    assert open_document(p).format == "jsonl"


def test_arb_metadata_locale_and_duplicate_keys(tmp_path: Path) -> None:
    (tmp_path / "intl_en.arb").write_text('{"@@locale": "en", "hi": "Hi {name}", "@hi": {"description": "greeting"}}')
    tgt = tmp_path / "intl_hi.arb"
    tgt.write_text('{"@@locale": "hi", "hi": "नमस्ते {name}", "hi": "नमस्ते"}', encoding="utf-8")
    doc = open_document(tgt)
    u = units(doc)
    assert doc.target_lang == "hi" and u["hi"].notes == ("greeting",)
    assert u["hi#2"].problems and "duplicate" in u["hi#2"].problems[0][1]


def test_xcstrings_one_document_per_language(tmp_path: Path) -> None:
    p = tmp_path / "L.xcstrings"
    p.write_text('{"sourceLanguage": "en", "strings": {"%lld files": {"comment": "count", "localizations": {'
                 '"de": {"variations": {"plural": {"one": {"stringUnit": {"state": "translated", "value": "%lld Datei"}},'
                 '"other": {"stringUnit": {"state": "translated", "value": "%lld Dateien"}}}}},'
                 '"ja": {"stringUnit": {"state": "needs_review", "value": "%lld ファイル"}}}},'
                 '"Skip": {"shouldTranslate": false}}, "version": "1.0"}', encoding="utf-8")
    docs = open_documents(p)
    assert [d.target_lang for d in docs] == ["de", "ja"]
    de, ja = (units(d) for d in docs)
    assert de["%lld files[one]"].target == "%lld Datei" and de["%lld files[one]"].notes == ("count",)
    assert ja["%lld files"].status == "fuzzy"
    out = tmp_path / "o.xcstrings"
    opts = ReadOptions(target_lang="de")
    detect_format(p).write(p, out, {}, opts)
    assert out.read_bytes() == p.read_bytes()
    assert change(p, out, "%lld files[one]", "eine Datei", opts).target == "eine Datei"


def test_yaml_rails_root_language_plurals_nonspecific_tag(tmp_path: Path) -> None:
    (tmp_path / "en.yml").write_text("en:\n  hello: Hello\n  star: ! '*'\n  msgs:\n    one: One message\n    other: '%{count} messages'\n  n: 3\n")
    tgt = tmp_path / "ru.yml"
    tgt.write_text("ru:\n  # greeting\n  hello: Привет\n  star: ! '*'\n  msgs:\n    one: Одно сообщение\n"
                   "    few: '%{count} сообщения'\n    other: '%{count} сообщений'\n  n: 3\n", encoding="utf-8")
    doc = open_document(tgt)
    u = units(doc)
    assert (doc.source_lang, doc.target_lang) == ("en", "ru")
    assert u["msgs.few"].source == "%{count} messages" and u["star"].target == "*" and "n" not in u
    out = tmp_path / "o.yml"
    detect_format(tgt).write(tgt, out, {}, ReadOptions())
    assert out.read_bytes() == tgt.read_bytes()
    assert change(tgt, out, "hello", "Привет: \"мир\"").target == "Привет: \"мир\""
    assert "# greeting" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("lang, one, other, one_source", [
    # Thai and Japanese have no 'one' category: a 'one' form in the file translates the
    # source's 'one' (and is never shown); it is not compared with '%{count} ...'
    ("th", "โอกาสหนึ่งรายการ", "%{count} โอกาส", "1 opportunity"),
    ("ja", "1件の商談", "%{count}件の商談", "1 opportunity"),
    # French 'one' is 0 and 1: the source's 'one'; Russian 'one' is also 21, 31...
    ("fr", "1 opportunité", "%{count} opportunités", "1 opportunity"),
    ("ru", "%{count} сделка", "%{count} сделок", "%{count} opportunities"),
])
def test_a_one_form_pairs_with_the_source_form_it_translates(tmp_path: Path, lang: str, one: str, other: str,
                                                            one_source: str) -> None:
    (tmp_path / "en.yml").write_text("en:\n  opportunity:\n    one: 1 opportunity\n"
                                     "    other: '%{count} opportunities'\n", encoding="utf-8")
    tgt = tmp_path / f"{lang}.yml"
    tgt.write_text(f"{lang}:\n  opportunity:\n    one: '{one}'\n    other: '{other}'\n", encoding="utf-8")
    u = units(open_document(tgt))
    assert u["opportunity.one"].source == one_source
    assert u["opportunity.other"].source == "%{count} opportunities"


def test_resx_and_qt_ts(tmp_path: Path) -> None:
    (tmp_path / "R.resx").write_text('<root><data name="A" xml:space="preserve"><value>Open &amp; close</value>'
                                     '<comment>menu</comment></data><data name="Img" type="System.Drawing.Bitmap">'
                                     '<value>AAAA</value></data></root>')
    tgt = tmp_path / "R.ja.resx"
    tgt.write_bytes(b"\xef\xbb\xbf" + '<root><data name="A" xml:space="preserve"><value>開く &amp; 閉じる</value></data></root>'.encode())
    u = units(open_document(tgt))
    assert u["A"].source == "Open & close" and u["A"].target == "開く & 閉じる" and u["A"].notes == ("menu",)
    assert "Img" not in u
    assert change(tgt, tmp_path / "o.resx", "A", "<開く>").target == "<開く>"
    assert (tmp_path / "o.resx").read_bytes().startswith(b"\xef\xbb\xbf")
    ts = tmp_path / "app_ru.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="ru">\n<context><name>Main</name>\n'
                  '<message><source>Open</source><translation>Открыть</translation></message>\n'
                  '<message><source>Save</source><translation type="unfinished"></translation></message>\n'
                  '<message numerus="yes"><source>%n file(s)</source><translation><numerusform>%n файл</numerusform>'
                  '<numerusform>%n файла</numerusform><numerusform>%n файлов</numerusform></translation></message>\n'
                  '<message><source>Old</source><translation type="vanished">Старый</translation></message>\n'
                  '</context>\n</TS>\n', encoding="utf-8")
    doc = open_document(ts)
    u = units(doc)
    assert doc.target_lang == "ru" and u["Main/Open"].target == "Открыть"
    assert u["Main/Save"].status == "untranslated" and u["Main/%n file(s)[2]"].target == "%n файлов"
    assert "obsolete" in u["Main/Old"].flags
    out = tmp_path / "o.ts"
    detect_format(ts).write(ts, out, {}, ReadOptions())
    assert out.read_bytes() == ts.read_bytes()


def test_open_pair_by_key_and_bad_source(tmp_path: Path) -> None:
    s = tmp_path / "a.json"
    t = tmp_path / "b.json"
    s.write_text('{"k": "Key", "x": "X"}')
    t.write_text('{"x": "Икс", "k": "Ключ"}', encoding="utf-8")
    doc = open_pair(s, t, ReadOptions(target_lang="ru"))
    assert [(x.id, x.source, x.target) for x in doc] == [("k", "Key", "Ключ"), ("x", "X", "Икс")]
    from reviewer.errors import InputError

    with pytest.raises(InputError):
        open_pair(tmp_path / "missing.json", t)
    bad = tmp_path / "bad.json"
    bad.write_text('{"k": "Key",\n "x": }')
    with pytest.raises(InputError) as e:
        open_document(bad)
    assert e.value.line == 2


# ------------------------------------------------------------------ real files


def _real_rows(root: Path) -> list[dict[str, str]]:
    with open(root / "SOURCES.tsv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def test_every_real_file_reads_and_round_trips_byte_identically(shared_data: Path, tmp_path: Path) -> None:
    """Each of the real files is read (none refused) and written back unchanged byte
    for byte when nothing changed; one changed value reads back as written."""
    root = shared_data / "real-files"
    if not root.is_dir():
        pytest.skip("real-files absent")
    formats = set()
    for row in _real_rows(root):
        p = root / row["path_here"]
        fmt = detect_format(p)
        formats.add(fmt.name)
        opts = ReadOptions(target_lang="de") if fmt.name == "xcstrings" else ReadOptions()
        docs = open_documents(p)
        assert docs and all(d.materialize() is not None for d in docs)
        out = tmp_path / p.name
        fmt.write(p, out, {}, opts)
        assert out.read_bytes() == p.read_bytes(), p
        segs = [s for s in fmt.read(p, opts).materialize() if s.target and "obsolete" not in s.flags]
        if segs:
            seg = segs[len(segs) // 2]
            fmt.write(p, out, {seg.index: replace(seg, target=seg.target + " «X» & <y>")}, opts)
            back = {s.index: s for s in fmt.read(out, opts).materialize()}[seg.index]
            assert back.target.strip() == (seg.target + " «X» & <y>").strip(), p
    assert formats >= {"android", "strings", "xcstrings", "properties", "arb", "json", "ts", "resx", "yaml"}


def test_plural_forms_are_not_compared_with_each_other_for_consistency(tmp_path: Path) -> None:
    from reviewer.runner import plan_checks

    (tmp_path / "values").mkdir()
    (tmp_path / "values-cs").mkdir()
    (tmp_path / "values" / "strings.xml").write_text(
        '<resources><plurals name="m"><item quantity="one">%d match</item><item quantity="other">%d matches</item>'
        '</plurals><plurals name="n"><item quantity="one">%d match</item><item quantity="other">%d matches</item>'
        '</plurals></resources>')
    t = tmp_path / "values-cs" / "strings.xml"
    t.write_text('<resources><plurals name="m"><item quantity="one">%d shoda</item><item quantity="few">%d shody</item>'
                 '<item quantity="many">%d shody</item><item quantity="other">%d shod</item></plurals>'
                 '<plurals name="n"><item quantity="one">%d shoda</item><item quantity="few">%d shody</item>'
                 '<item quantity="many">%d shody</item><item quantity="other">%d výsledků</item></plurals></resources>',
                 encoding="utf-8")
    found = [f for f in plan_checks(enable=["consistency"], disable=["all"]).run(open_document(t))]
    # 'few'/'many'/'other' of one message share a source but are different forms: no
    # finding among them; the two messages' 'other' forms do differ (shod / výsledků)
    assert {f.unit for f in found} <= {"m[other]", "n[other]"} and found


def test_qt_mnemonics_are_inline_codes(tmp_path: Path) -> None:
    from reviewer.runner import plan_checks

    ts = tmp_path / "app_zh_CN.ts"
    ts.write_text('<?xml version="1.0" encoding="utf-8"?>\n<TS version="2.1" language="zh_CN">\n<context><name>M</name>\n'
                  '<message><source>&amp;Copy</source><translation>复制(&amp;C)</translation></message>\n'
                  '<message><source>Tom &amp;&amp; Jerry</source><translation>汤姆 &amp;&amp; 杰瑞</translation></message>\n'
                  '</context>\n</TS>\n', encoding="utf-8")
    u = units(open_document(ts))
    copy = u["M/&Copy"]
    assert copy.source == "\ue000Copy" and copy.target == "复制\ue000"
    assert [c.data for c in copy.target_codes] == ["(&C)"]
    assert u["M/Tom && Jerry"].target == "汤姆 && 杰瑞"  # '&&' is a literal ampersand
    found = list(plan_checks(enable=["brackets", "markup"], disable=["all"]).run(open_document(ts)))
    assert found == []  # '(&C)' is not a pair of brackets, and the mnemonic is kept
    new = change(ts, tmp_path / "o.ts", "M/&Copy", "拷贝\ue000")
    assert new.target == "拷贝\ue000" and "拷贝(&amp;C)" in (tmp_path / "o.ts").read_text(encoding="utf-8")


RESX_ENTRY = '<data name="{k}" xml:space="preserve">{nl}    <value>{v}</value>{nl}  </data>{nl}'


def _resx(entries: dict[str, str], nl: str) -> bytes:
    body = "".join(RESX_ENTRY.format(k=k, v=v, nl=nl) for k, v in entries.items())
    return ("\ufeff<?xml version=\"1.0\" encoding=\"utf-8\"?>" + nl + "<root>" + nl + body
            + "</root>" + nl).encode("utf-8")


@pytest.mark.parametrize("lang, title, details, shout", [
    ("ja", "エラー", "エラーの詳細：", "注意"),
    ("ar", "خطأ", "تفاصيل الخطأ:", "تنبيه"),
    ("de", "Fehler", "Fehlerdetails:", "Achtung"),
])
def test_xml_line_ends_read_as_an_xml_parser_reads_them(tmp_path: Path, lang: str, title: str,
                                                        details: str, shout: str) -> None:
    """A source .resx saved with CRLF line ends and a translation saved with LF hold the
    same line breaks (XML 1.0 normalises CRLF to LF, as .NET's reader does): no
    whitespace finding for the file's line-end style; a line break really missing, or
    a ``&#13;`` written as a character reference, still counts."""
    from reviewer.runner import plan_checks

    src = {"Title": "Error", "Details": "\r\n\r\nError details:\r\n", "Shout": "Note&#13;"}
    (tmp_path / "R.resx").write_bytes(_resx(src, "\r\n").replace(b"\r\n\r\nError", b"\r\n\r\nError"))
    tgt = tmp_path / f"R.{lang}.resx"
    tgt.write_bytes(_resx({"Title": title, "Details": f"\n\n{details}\n", "Shout": shout}, "\n"))
    doc = open_document(tgt)
    u = units(doc)
    assert u["Details"].source == "\n\nError details:\n" and "\r" not in u["Title"].source
    assert u["Shout"].source == "Note\r"  # the character reference is a real carriage return
    found = [f for f in plan_checks().run(open_document(tgt)) if f.check == "whitespace"]
    assert [f.unit for f in found] == ["Shout"]
    # the translation loses its final line break: flagged, whatever the file's line ends
    tgt.write_bytes(_resx({"Title": title, "Details": f"\r\n\r\n{details}", "Shout": shout + "&#13;"}, "\r\n"))
    found = [f for f in plan_checks().run(open_document(tgt)) if f.check == "whitespace"]
    assert [f.unit for f in found] == ["Details"]
    # writing one correction leaves every other byte of the CRLF file as it was
    before = tgt.read_bytes()
    out = tmp_path / "o.resx"
    assert change(tgt, out, "Title", title + "!").target == title + "!"
    assert out.read_bytes() == before.replace(f"<value>{title}</value>".encode(),
                                              f"<value>{title}!</value>".encode())


def _strings_pair(tmp_path: Path, lang: str, rows: list[tuple[str, str, str]]) -> Path:
    (tmp_path / "en.lproj").mkdir(parents=True, exist_ok=True)
    (tmp_path / f"{lang}.lproj").mkdir(exist_ok=True)
    (tmp_path / "en.lproj" / "L.strings").write_text(
        "".join(f'"{k}" = "{s}";\n' for k, s, _t in rows), encoding="utf-8")
    tgt = tmp_path / f"{lang}.lproj" / "L.strings"
    tgt.write_text("".join(f'"{k}" = "{t}";\n' for k, _s, t in rows), encoding="utf-8")
    return tgt


TEXT_KEYS = [("Open", "Open"), ("Save", "Save"), ("Print", "Print"), ("Close Editor", "Close Editor"),
             ("Close editor", "Close editor")]


@pytest.mark.parametrize("lang, left_fan, left_align, close_a, close_b, words", [
    ("zh-Hans", "左侧风扇", "左对齐", "关闭编辑器", "关闭分栏", ["打开", "保存", "打印"]),
    ("ar", "المروحة اليسرى", "يسار", "إغلاق المحرر", "أغلق المحرر", ["فتح", "حفظ", "طباعة"]),
    ("de", "Linker Lüfter", "Links", "Editor schließen", "Schließe den Editor", ["Öffnen", "Sichern", "Drucken"]),
])
def test_a_text_key_that_differs_from_its_text_is_its_context(
        tmp_path: Path, lang: str, left_fan: str, left_align: str, close_a: str, close_b: str,
        words: list[str]) -> None:
    """In a .strings file keyed by the source text, "Left fan" = "Left" and "Left
    alignment" = "Left" are two uses of one word, told apart by their keys: not an
    inconsistency. Two keys that are the text itself ("Close Editor", "Close editor")
    translated two ways still are; in a file keyed by identifiers nothing changes."""
    from reviewer.runner import plan_checks

    rows = [(k, s, t) for (k, s), t in zip(TEXT_KEYS, [*words, close_a, close_b])]
    rows += [("Left fan", "Left", left_fan), ("Left alignment", "Left", left_align)]
    tgt = _strings_pair(tmp_path / "text", lang, rows)
    u = units(open_document(tgt))
    assert u["Left fan"].context == "Left fan" and u["Open"].context is None
    found = [f for f in plan_checks().run(open_document(tgt)) if f.check == "consistency"]
    assert {f.unit for f in found} <= {"Close Editor", "Close editor"} and found
    ids = [("menu.open", "Open", words[0]), ("menu.save", "Save", words[1]),
           ("fan.left", "Left", left_fan), ("align.left", "Left", left_align)]
    tgt = _strings_pair(tmp_path / "ids", lang, ids)
    assert all(s.context is None for s in units(open_document(tgt)).values())
    found = [f for f in plan_checks().run(open_document(tgt)) if f.check == "consistency"]
    assert {f.unit for f in found} & {"fan.left", "align.left"}


@pytest.mark.parametrize("lang, category, exact", [
    ("ru", "zero", True),    # no CLDR 'zero': only Rails' explicit count of 0 reaches it
    ("ar", "zero", True), ("ar", "two", True), ("ar", "one", True), ("en", "one", True),
    ("lv", "zero", False),   # 0, 10-20, 30...
    ("ru", "one", False), ("ru", "few", False), ("ar", "few", False), ("ja", "one", False),
    ("de", "other", False), (None, "one", False),
])
def test_exact_plural_categories(lang: str | None, category: str, exact: bool) -> None:
    from reviewer.plurals import exact_category

    assert exact_category(lang, category) is exact


def test_a_one_number_form_may_leave_the_count_out(tmp_path: Path) -> None:
    """Rails' ``zero:`` in Russian and i18next's Arabic ``_zero``/``_two`` stand for one
    number: their text may leave ``%{count}``/``{{count}}`` out; a form for many
    numbers (Russian 'many', Arabic 'many') may not."""
    from reviewer.runner import plan_checks

    (tmp_path / "en.yml").write_text("en:\n  files:\n    one: '%{count} file'\n    other: '%{count} files'\n")
    ru = tmp_path / "ru.yml"
    ru.write_text("ru:\n  files:\n    zero: Нет файлов\n    one: '%{count} файл'\n"
                  "    few: '%{count} файла'\n    many: файлов\n    other: '%{count} файла'\n", encoding="utf-8")
    found = [f for f in plan_checks().run(open_document(ru)) if f.check == "placeholder"]
    assert [(f.unit, f.text) for f in found] == [("files.many", "%{count}")]
    (tmp_path / "en").mkdir()
    (tmp_path / "ar").mkdir()
    (tmp_path / "en" / "translation.json").write_text(
        '{"item_one": "{{count}} item", "item_other": "{{count}} items"}')
    ar = tmp_path / "ar" / "translation.json"
    ar.write_text('{"item_zero": "لا عناصر", "item_one": "عنصر واحد", "item_two": "عنصران",\n'
                  ' "item_few": "{{count}} عناصر", "item_many": "عنصرًا", "item_other": "{{count}} عنصر"}\n',
                  encoding="utf-8")
    found = [f for f in plan_checks().run(open_document(ar)) if f.check == "placeholder"]
    assert [(f.unit, f.text) for f in found] == [("item_many", "{{count}}")]


def test_a_one_number_form_with_an_ignore_comment_still_may_leave_the_count_out(tmp_path: Path) -> None:
    """The same on a unit read with an ignore list (the slower path of the runner)."""
    from dataclasses import replace as dc_replace

    from reviewer.runner import plan_checks

    (tmp_path / "en.yml").write_text("en:\n  files:\n    one: '%{count} file'\n    other: '%{count} files'\n")
    ru = tmp_path / "ru.yml"
    ru.write_text("ru:\n  files:\n    zero: Нет файлов\n    many: файлов\n    other: '%{count} файла'\n",
                  encoding="utf-8")
    doc = open_document(ru)
    doc.segments = [dc_replace(s, ignore=frozenset({"spelling"})) for s in doc.materialize()]
    found = [f for f in plan_checks().run(doc) if f.check == "placeholder"]
    assert [(f.unit, f.text) for f in found] == [("files.many", "%{count}")]
