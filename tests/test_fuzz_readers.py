"""Fuzzing the readers: any bytes in, a document or a :class:`ReviewerError` out.

Every reader registered in :data:`reviewer.formats.FORMAT_MODULES` (forced with
``ReadOptions(format=NAME)``) and :func:`reviewer.formats.plaintext.read_pair` gets
arbitrary bytes in a file with its suffix, and the whole segment stream is consumed.
Anything but success or a ``ReviewerError`` (a user-facing one-line error) is a bug:
a traceback a user would see (exit 3).

Purely random bytes rarely get past a parser's first check, so four strategies feed
each reader: random bytes; sequences of format fragments (``<trans-unit``,
``msgid "``, BOMs, NULs, entity declarations, JSON keys...); small valid seed
documents of each format, mutated (spliced fragments, deleted, duplicated or swapped
slices and lines, flipped bytes, truncation, UTF-16 re-encoding); and generated
documents of the format, mostly well-formed, with random units, inline codes and
text (placeholders, private-use and astral characters, controls).

``REVIEWER_FUZZ_EXAMPLES`` raises the examples per test for a longer local run.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import os
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reviewer.errors import ReviewerError
from reviewer.formats import FORMAT_MODULES, SUFFIXES, ReadOptions, open_document

EXAMPLES = int(os.environ.get("REVIEWER_FUZZ_EXAMPLES", "150"))

FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=timedelta(seconds=5),  # catches pathological (e.g. regex) slowness only
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def suffix_for(name: str) -> str:
    """The first registered suffix of format ``name`` (``.po``, ``.xlf``, ...)."""
    for suffix, fmt in SUFFIXES.items():
        if fmt == name:
            return suffix
    return "." + name


def require_format(name: str) -> None:
    """Skip the test when the format's module is not written yet."""
    modname = FORMAT_MODULES[name].partition(":")[0]
    try:
        importlib.import_module(modname)
    except ModuleNotFoundError as e:
        if e.name == modname:
            pytest.skip(f"{modname} does not exist yet")
        raise


# ------------------------------------------------------------------- seed documents

PO_SEED = b"""# Translator comment
msgid ""
msgstr ""
"Project-Id-Version: demo 1.0\\n"
"Language: de\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

#. extracted comment
#: src/main.c:42
#, c-format, fuzzy
#| msgid "Old %s"
msgid "Open %s"
msgstr "%s \xc3\xb6ffnen"

msgctxt "menu"
msgid "File"
msgstr "Datei"

#, reviewer-ignore: punctuation
msgid "One file"
msgid_plural "%d files"
msgstr[0] "Eine Datei"
msgstr[1] "%d Dateien"

msgid ""
"multi "
"line\\n"
msgstr ""
"mehr "
"zeilig\\n"

#~ msgid "obsolete"
#~ msgstr "veraltet"
"""

XLIFF12_SEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
 <file source-language="en" target-language="fr" datatype="plaintext" original="a.txt">
  <body>
   <trans-unit id="1" maxwidth="40" size-unit="char">
    <source>Hello <g id="1">world</g> <x id="2"/></source>
    <seg-source><mrk mtype="seg" mid="1">Hello</mrk></seg-source>
    <target state="translated">Bonjour <g id="1">monde</g> <x id="2"/></target>
    <note>a note</note>
   </trans-unit>
   <group id="g"><trans-unit id="2" translate="yes">
    <source>Bold <bpt id="1">&lt;b&gt;</bpt>text<ept id="1">&lt;/b&gt;</ept> <ph id="3">{0}</ph> <it id="4" pos="open">&lt;i&gt;</it></source>
    <target>Gras <bpt id="1">&lt;b&gt;</bpt>texte<ept id="1">&lt;/b&gt;</ept> <ph id="3">{0}</ph></target>
   </trans-unit></group>
   <trans-unit id="3"><source>Untranslated</source></trans-unit>
  </body>
 </file>
</xliff>
"""

XLIFF2_SEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="de"
  xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0">
 <file id="f1">
  <unit id="u1">
   <gls:glossary><gls:glossEntry><gls:term>file</gls:term><gls:translation>Datei</gls:translation></gls:glossEntry></gls:glossary>
   <notes><note>n</note></notes>
   <segment id="s1" state="translated"><source>Save <pc id="1">file</pc> <ph id="2"/></source><target>Speichern <pc id="1">Datei</pc> <ph id="2"/></target></segment>
   <ignorable><source> </source></ignorable>
   <segment id="s2"><source>Open <sc id="3"/>x<ec startRef="3"/></source><target>\xc3\x96ffnen</target></segment>
  </unit>
  <group id="g"><unit id="u2"><segment><source>Only</source></segment></unit></group>
 </file>
</xliff>
"""

TMX_SEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE tmx SYSTEM "tmx14.dtd">
<tmx version="1.4">
 <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en-US" datatype="plaintext"/>
 <body>
  <tu tuid="1"><prop type="x-note">p</prop>
   <tuv xml:lang="en-US"><seg>Hello <bpt i="1" x="1">&lt;b&gt;</bpt>world<ept i="1">&lt;/b&gt;</ept> <ph x="2">{0}</ph></seg></tuv>
   <tuv xml:lang="fr-FR"><seg>Bonjour <bpt i="1" x="1">&lt;b&gt;</bpt>monde<ept i="1">&lt;/b&gt;</ept> <ph x="2">{0}</ph></seg></tuv>
  </tu>
  <tu><tuv lang="en-US"><seg>A <hi>b</hi> <it pos="begin">&lt;i&gt;</it><ut>x</ut></seg></tuv><tuv lang="fr-FR"><seg>Un</seg></tuv></tu>
 </body>
</tmx>
"""

TSV_SEED = (
    b"source\ttarget\tid\tnote\n"
    b"Hello\tHallo\tk1\tgreeting\n"
    b"\"quoted\ttab\"\t\"zit\"\"iert\"\tk2\t\n"
    b"Empty\t\tk3\t\n"
    b"\n"
    b"Last\tLetzte\tk4\tx\r\n"
)

CSV_SEED = (
    b"source,target,id\r\n"
    b"Hello,Hallo,k1\r\n"
    b"\"a, b\",\"c \"\"d\"\"\",k2\r\n"
    b"\"multi\nline\",\"mehr\nzeilig\",k3\r\n"
    b",,k4\r\n"
)

JSONL_SEED = (
    b'{"source": "Hello", "target": "Hallo", "id": "1"}\n'
    b'{"source": "File", "target": "Datei", "reference": "Datei", "terms": {"File": "Datei"}}\n'
    b'{"source": "x", "target": null, "notes": ["n"]}\n'
    b"\n"
    b'{"source": "\\u00e9\\ud83d\\ude00", "target": "", "terms": [["a", "b"]]}\n'
)

TXT_SEED = b"First line.\nSecond line\xe2\x80\xa6\n\n  indented\r\nlast"

SEEDS: dict[str, list[bytes]] = {
    "po": [PO_SEED],
    "xliff": [XLIFF12_SEED, XLIFF2_SEED],
    "tmx": [TMX_SEED],
    "tsv": [TSV_SEED],
    "csv": [CSV_SEED],
    "jsonl": [JSONL_SEED],
    "txt": [TXT_SEED],
    # app resource formats (issue 24)
    "json": [b'{"a": {"b": "Hello {{name}}"}, "item_one": "{{count}} item", "item_other": "x", "arr": ["a", 1]}\n'],
    "arb": [b'{"@@locale": "de", "hi": "Hallo {name}", "@hi": {"description": "d"},\n'
            b' "n": "{n, plural, one {# Datei} other {# Dateien}}"}\n'],
    "xcstrings": [b'{"sourceLanguage": "en", "strings": {"%lld files": {"comment": "c", "localizations": '
                  b'{"de": {"variations": {"plural": {"one": {"stringUnit": {"state": "translated", "value": "x"}}}}},'
                  b' "ja": {"stringUnit": {"state": "needs_review", "value": "y"}}}}, "K": {"shouldTranslate": false}},'
                  b' "version": "1.0"}\n'],
    "android": [b'<?xml version="1.0" encoding="utf-8"?>\n<resources xmlns:xliff="urn:oasis:names:tc:xliff:document:1.2">\n'
                b'<string name="a">Don\\\'t <b>x</b> <xliff:g id="n">%d</xliff:g>\\n</string>\n'
                b'<string-array name="d"><item>Mon</item></string-array>\n'
                b'<plurals name="p"><item quantity="one">%d m</item><item quantity="other">%d ms</item></plurals>\n'
                b'</resources>\n'],
    "resx": [b'\xef\xbb\xbf<root><data name="A" xml:space="preserve"><value>Open &amp; close</value>'
             b'<comment>c</comment></data><data name="B"><value /></data></root>\n'],
    "ts": [b'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="ru">\n<context><name>M</name>\n'
           b'<message><source>&amp;Open</source><translation>&amp;\xd0\x9e</translation></message>\n'
           b'<message numerus="yes"><source>%n f</source><translation><numerusform>a</numerusform>'
           b'<numerusform>b</numerusform></translation></message>\n'
           b'<message><source>S</source><translation type="unfinished"/></message>\n</context>\n</TS>\n'],
    "strings": [b'/* note */\n"hi" = "Hello \\"you\\"";\nplain = "P";\n// c\n"u" = "\\U00e9";\n'],
    "stringsdict": [b'<?xml version="1.0"?><plist version="1.0"><dict><key>f</key><dict>'
                    b'<key>NSStringLocalizedFormatKey</key><string>%#@n@</string><key>n</key><dict>'
                    b'<key>one</key><string>%d file</string><key>other</key><string>%d files</string>'
                    b'</dict></dict></dict></plist>\n'],
    "properties": [b'# c\ntitle=Title\nlong=one \\\n  two\nkey\\ sp=V \\u00e4\n! x\nk: v\n'],
    "yaml": [b"en:\n  hello: Hello\n  star: ! '*'\n  msgs:\n    one: One\n    other: '%{count} m'\n  n: 3\n"
             b"  list:\n    - a\n    - b\n"],
}

# Fragments that steer parsers into their deeper paths.
COMMON_FRAGMENTS: list[bytes] = [
    b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf", b"\x00", b"\xff", b"\xc3", b"\xed\xa0\x80",
    b"\n", b"\r\n", b"\r", b"\t", b" ", b'"', b"'", b"\\", b"\\n", b"\\u", b"\\x",
    b"\xe2\x80\xa8", b"\xef\xbf\xbe", b"\xee\x80\x80", b"%s", b"{0}", b"&amp;", b"&#0;",
    b"&#x110000;", b"&lt;", b"&undefined;", b"0", b"-1", b"99999999999999999999",
]
XML_FRAGMENTS: list[bytes] = [
    b'<?xml version="1.0" encoding="UTF-8"?>', b'<?xml version="1.0" encoding="latin-1"?>',
    b'<?xml version="1.0" encoding="bogus"?>', b'<?xml version="1.0" encoding="UTF-16"?>',
    b"<!DOCTYPE x [", b'<!ENTITY e "', b"<!ENTITY", b"]>", b"&e;", b"<![CDATA[", b"]]>",
    b"<!--", b"-->", b"<?pi ?>", b'<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
    b'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr">',
    b"<xliff", b"</xliff>", b"<file", b'<file id="f" source-language="en" target-language="de">',
    b"</file>", b"<body>", b"</body>", b"<group>", b"</group>", b"<trans-unit", b' id="1"',
    b' id=""', b">", b"/>", b"</trans-unit>", b"<unit", b"</unit>", b"<segment", b"</segment>",
    b"<source>", b"</source>", b"<target>", b"</target>", b"<target state=\"final\">",
    b"<seg-source>", b'<mrk mtype="seg" mid="1">', b"</mrk>", b'<g id="1">', b"</g>",
    b'<x id="1"/>', b'<bx id="1"/>', b'<ex id="1"/>', b'<bpt id="1" i="1">', b"</bpt>",
    b'<ept id="1" i="1">', b"</ept>", b'<ph id="1">', b'<ph id="1"/>', b"</ph>",
    b'<pc id="1">', b"</pc>", b'<sc id="1"/>', b'<ec startRef="1"/>', b'<ec id="9"/>',
    b'<it pos="open">', b"</it>", b"<hi>", b"</hi>", b"<ut>", b"</ut>", b"<sub>", b"</sub>",
    b"<note>", b"</note>", b"<notes>", b"</notes>", b"<ignorable>", b"</ignorable>",
    b"<gls:glossary>", b'xmlns:gls="urn:oasis:names:tc:xliff:glossary:2.0"',
    b'<tmx version="1.4">', b"</tmx>", b'<header srclang="en" adminlang="en"/>',
    b'<header srclang="*all*"/>', b"<tu>", b'<tu tuid="1">', b"</tu>", b'<tuv xml:lang="en">',
    b'<tuv lang="de">', b"</tuv>", b"<seg>", b"</seg>", b'<prop type="x">', b"</prop>",
    b'xml:space="preserve"', b'maxwidth="-3"', b'size-unit="byte"', b'translate="no"',
]
LINE_FRAGMENTS: list[bytes] = [
    b'msgid "', b'msgstr "', b'msgctxt "', b'msgid_plural "', b'msgstr[0] "', b'msgstr[1] "',
    b'msgstr[9] "', b'"\n', b'msgid ""\nmsgstr ""\n', b'"Content-Type: text/plain; charset=',
    b"UTF-8\\n\"\n", b"ISO-8859-1\\n\"\n", b"bogus-charset\\n\"\n", b'"Plural-Forms: nplurals=',
    b"#, fuzzy\n", b"#, c-format\n", b"#: a.c:1\n", b"#~ ", b"#| ", b"#. ", b"# ",
    b'{"source":', b'{"target":', b'"source": "a", "target": "b"}', b'{"id": 1}', b"{}",
    b"[]", b"null", b"true", b"1e999", b'"terms": {', b'"terms": [', b'"reference":', b"}",
    b"{", b",", b":", b"source\ttarget\n", b"source,target\n", b"id", b'"a""b"', b'"\n"',
]


def fragments_for(name: str) -> list[bytes]:
    """Fragments for a format: XML ones for the XML formats, line ones for the rest."""
    xml = name in ("xliff", "tmx")
    return COMMON_FRAGMENTS + (XML_FRAGMENTS if xml else LINE_FRAGMENTS) + (
        LINE_FRAGMENTS[:8] if xml else XML_FRAGMENTS[:12]
    )


def fragment_docs(name: str) -> st.SearchStrategy[bytes]:
    """Byte strings assembled from format fragments and short random runs."""
    piece = st.one_of(
        st.sampled_from(fragments_for(name)),
        st.binary(max_size=12),
        st.text(max_size=12).map(lambda s: s.encode("utf-8", "surrogatepass")),
    )
    return st.lists(piece, max_size=60).map(b"".join)


INTERESTING_BYTES = b"\"'\\<>&;=/\n\r\t #{}[],:%0\x00\xff\xc3"


@st.composite
def mutated_seed(draw: st.DrawFn, name: str) -> bytes:
    """A seed document of the format with a few random mutations (byte- and
    line-level), sometimes re-encoded as UTF-16 or with a UTF-8 BOM."""
    data = bytearray(draw(st.sampled_from(SEEDS[name])))
    frags = fragments_for(name)
    for _ in range(draw(st.sampled_from([0, 1, 1, 1, 2, 2, 3, 5]))):
        op = draw(st.sampled_from(
            ["insert", "delete", "dup", "flip", "truncate", "random", "line-dup",
             "line-del", "line-swap"]
        ))
        i = draw(st.integers(0, len(data)))
        if op == "insert":
            data[i:i] = draw(st.sampled_from(frags))
        elif op == "delete":
            data[i : i + draw(st.integers(1, 40))] = b""
        elif op == "dup":
            j = min(len(data), i + draw(st.integers(1, 200)))
            data[j:j] = data[i:j]
        elif op == "flip" and data:
            k = min(i, len(data) - 1)
            data[k] = draw(st.sampled_from(INTERESTING_BYTES) | st.integers(0, 255))
        elif op == "truncate":
            del data[i:]
        elif op == "random":
            data[i:i] = draw(st.binary(min_size=1, max_size=8))
        elif op.startswith("line-"):
            lines = bytes(data).split(b"\n")
            k = draw(st.integers(0, len(lines) - 1))
            if op == "line-dup":
                lines.insert(k, lines[k])
            elif op == "line-del":
                del lines[k]
            else:
                m = draw(st.integers(0, len(lines) - 1))
                lines[k], lines[m] = lines[m], lines[k]
            data = bytearray(b"\n".join(lines))
    out = bytes(data)
    encoding = draw(st.sampled_from([None] * 6 + ["utf-16", "utf-16-be", "utf-8-sig"]))
    if encoding is not None:
        text = out.decode("utf-8", "replace")
        if encoding == "utf-16-be":
            out = b"\xfe\xff" + text.encode("utf-16-be")
        else:
            out = text.encode(encoding)
    return out


# ----------------------------------------------------- generated, well-formed-ish input

# Text that stresses content handling: placeholders, markup-like text, inline-code
# private-use characters, controls, astral characters, odd whitespace.
TEXT = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(["%s", "%1$d", "{0}", "<b>", "&", "\\", '"', "\n", "\t", "\ue000",
                         "\u2028", "\x0b", "\U0001f600", "\u200b", " "]),
    ),
    max_size=20,
).map("".join)


# Characters str.splitlines() breaks on besides \n and \r: PO has no escape for them.
LINE_BREAKERS = frozenset("\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
PO_TEXT = TEXT.map(lambda s: "".join(c for c in s if c not in LINE_BREAKERS))


def po_quote(text: str) -> str:
    """A PO string literal for ``text`` (the escapes a PO file uses)."""
    return '"' + (text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                  .replace("\t", "\\t").replace("\r", "\\r")) + '"'


@st.composite
def generated_po(draw: st.DrawFn) -> bytes:
    """A PO file with random entries: contexts, plurals, flags, comments, obsolete."""
    out = ['msgid ""', 'msgstr ""',
           po_quote("Content-Type: text/plain; charset=UTF-8\n"),
           po_quote(draw(st.sampled_from([
               "Plural-Forms: nplurals=2; plural=(n != 1);\n",
               "Plural-Forms: nplurals=3; plural=n%10==1 ? 0 : 1;\n",
               "Plural-Forms: nonsense\n", "Language: pt_BR\n", "X: y\n",
           ]))), ""]
    for _ in range(draw(st.integers(0, 6))):
        prefix = "#~ " if draw(st.integers(0, 9)) == 0 else ""
        for comment in draw(st.lists(st.sampled_from(
            ["#, fuzzy", "#, c-format", "#, python-format, no-wrap", "#: a.c:1 b.c:2",
             "#. note", "# translator", '#| msgid "old"', "#, reviewer-ignore: number"]),
            max_size=3)):
            out.append(comment)
        if draw(st.booleans()):
            out.append(prefix + "msgctxt " + po_quote(draw(PO_TEXT)))
        out.append(prefix + "msgid " + po_quote(draw(PO_TEXT)))
        if draw(st.booleans()):
            out.append(prefix + "msgid_plural " + po_quote(draw(PO_TEXT)))
            for k in range(draw(st.sampled_from([0, 1, 2, 2, 2, 3, 3, 4, 6]))):
                out.append(prefix + f"msgstr[{k}] " + po_quote(draw(PO_TEXT)))
        else:
            out.append(prefix + "msgstr " + po_quote(draw(PO_TEXT)))
        out.append("")
    return "\n".join(out).encode("utf-8", "surrogatepass")


JSON_VALUE = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def generated_jsonl(draw: st.DrawFn) -> bytes:
    """JSON Lines whose objects have the usual keys with values of any JSON type."""
    lines = []
    messy = draw(st.integers(0, 3)) == 0  # else every line is a well-formed unit
    for _ in range(draw(st.integers(0, 6))):
        keys = draw(st.lists(st.sampled_from(
            ["reference", "id", "terms", "notes", "note", "extra"]), max_size=4, unique=True))
        if not messy or draw(st.integers(0, 9)):
            keys = ["source", "target", *keys]
        obj: dict[str, object] = {}
        for k in keys:
            if k == "terms" and draw(st.booleans()):
                obj[k] = draw(st.dictionaries(TEXT, TEXT, max_size=3))
            elif not messy or k in ("notes", "note", "extra") or draw(st.integers(0, 9)):
                obj[k] = draw(TEXT)
            else:
                obj[k] = draw(JSON_VALUE)
        top = draw(st.sampled_from(["obj"] * 18 + ["list", "scalar"])) if messy else "obj"
        value = obj if top == "obj" else list(obj.values()) if top == "list" else draw(JSON_VALUE)
        lines.append(json.dumps(value, ensure_ascii=draw(st.booleans())))
    return "\n".join(lines).encode("utf-8", "surrogatepass")


@st.composite
def generated_table(draw: st.DrawFn, delimiter: str) -> bytes:
    """A TSV/CSV table with random header names, quoting and ragged rows."""
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter,
                        quoting=draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])),
                        lineterminator=draw(st.sampled_from(["\n", "\r\n"])))
    header = draw(st.lists(st.sampled_from(
        ["source", "target", "id", "reference", "note", "Source", "x", ""]),
        max_size=5))
    if header:
        writer.writerow(header)
    width = max(1, len(header))
    for _ in range(draw(st.integers(0, 6))):
        n = draw(st.sampled_from([width, width, width, width - 1, width + 1]))
        writer.writerow([draw(TEXT) for _ in range(max(0, n))])
    return buf.getvalue().encode("utf-8", "surrogatepass")


def xml_escape(text: str) -> str:
    """Escape text for XML content and attribute values."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _xml_char(c: str) -> bool:
    o = ord(c)
    return c in "\t\n\r" or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000


# Characters XML 1.0 allows (else the parser stops at once; the mutated seeds and the
# fragment soup bring the forbidden ones).
XML_TEXT = TEXT.map(lambda s: "".join(c for c in s if _xml_char(c)))

XLIFF12_INLINE = ["g", "x", "bx", "ex", "bpt", "ept", "ph", "it", "mrk", "sub"]
XLIFF2_INLINE = ["pc", "ph", "sc", "ec", "sm", "em", "mrk", "cp"]
# mostly the version's own inline elements, now and then the other version's
XLIFF12_MIX = XLIFF12_INLINE * 6 + XLIFF2_INLINE
XLIFF2_MIX = XLIFF2_INLINE * 6 + XLIFF12_INLINE
TMX_INLINE = ["bpt", "ept", "ph", "it", "hi", "ut", "sub"]
ATTRS = ["id", "mid", "i", "x", "rid", "startRef", "pos", "type", "mtype", "ctype", "equiv-text",
         "canCopy", "dataRef", "isolated", "xml:space"]


@st.composite
def xml_content(draw: st.DrawFn, names: list[str], depth: int = 0) -> str:
    """Mixed content: escaped text and random inline elements, nested a few levels."""
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(names))
            attrs = "".join(
                f' {a}="{xml_escape(draw(st.sampled_from(["1", "2", "", "open", "close", "yes", "x"]) | XML_TEXT))}"'
                for a in draw(st.lists(st.sampled_from(ATTRS), max_size=3, unique=True))
            )
            if draw(st.booleans()):
                parts.append(f"<{tag}{attrs}/>")
            else:
                parts.append(f"<{tag}{attrs}>{draw(xml_content(names, depth + 1))}</{tag}>")
        else:
            parts.append(xml_escape(draw(XML_TEXT)))
    return "".join(parts)


def _xml_bytes(text: str) -> bytes:
    # XML 1.0 forbids most C0 controls; keep some so the parsers' errors are exercised.
    return text.encode("utf-8", "surrogatepass")


@st.composite
def generated_xliff(draw: st.DrawFn) -> bytes:
    """An XLIFF 1.2 or 2.0 document with random units and inline markup."""
    units = []
    if draw(st.booleans()):
        for i in range(draw(st.integers(0, 4))):
            uid = draw(st.sampled_from([str(i)] * 8 + ["", "dup"]))
            tgt = (f'<target state="{draw(st.sampled_from(["translated", "final", "new", "x"]))}">'
                   f"{draw(xml_content(XLIFF12_MIX))}</target>") if draw(st.booleans()) else ""
            units.append(f'<trans-unit id="{uid}"><source>{draw(xml_content(XLIFF12_MIX))}'
                         f"</source>{tgt}</trans-unit>")
        body = "".join(units)
        doc = ('<?xml version="1.0" encoding="UTF-8"?><xliff version="1.2" '
               'xmlns="urn:oasis:names:tc:xliff:document:1.2"><file source-language="en" '
               f'target-language="de" datatype="plaintext" original="o"><body>{body}'
               "</body></file></xliff>")
    else:
        for i in range(draw(st.integers(0, 4))):
            segs = []
            for j in range(draw(st.sampled_from([0, 1, 1, 1, 1, 1, 1, 2, 3]))):
                tgt = f"<target>{draw(xml_content(XLIFF2_MIX))}</target>" if draw(st.booleans()) else ""
                kind = draw(st.sampled_from(["segment"] * 5 + ["ignorable"]))
                segs.append(f'<{kind} id="s{j}"><source>{draw(xml_content(XLIFF2_MIX))}</source>'
                            f"{tgt}</{kind}>")
            units.append(f'<unit id="{draw(st.sampled_from([str(i)] * 8 + ["", "u"]))}">{"".join(segs)}</unit>')
        doc = ('<?xml version="1.0" encoding="UTF-8"?><xliff version="2.0" '
               'xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="fr">'
               f'<file id="f">{"".join(units)}</file></xliff>')
    return _xml_bytes(doc)


@st.composite
def generated_tmx(draw: st.DrawFn) -> bytes:
    """A TMX document with random translation units, languages and inline codes."""
    tus = []
    for i in range(draw(st.integers(0, 4))):
        tuvs = "".join(
            f'<tuv xml:lang="{draw(st.sampled_from(["en", "en-US", "de", "fr-FR", "", "EN"]))}">'
            f"<seg>{draw(xml_content(TMX_INLINE))}</seg></tuv>"
            for _ in range(draw(st.integers(0, 3)))
        )
        tuid = f' tuid="{i}"' if draw(st.booleans()) else ""
        tus.append(f"<tu{tuid}>{tuvs}</tu>")
    srclang = draw(st.sampled_from(["en", "en-US", "*all*", "xx"]))
    return _xml_bytes(
        f'<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="{srclang}" '
        f'adminlang="en" segtype="sentence" datatype="plaintext" o-tmf="x" creationtool="t" '
        f'creationtoolversion="1"/><body>{"".join(tus)}</body></tmx>'
    )


GENERATED: dict[str, st.SearchStrategy[bytes]] = {
    "po": generated_po(),
    "jsonl": generated_jsonl(),
    "tsv": generated_table("\t"),
    "csv": generated_table(","),
    "txt": st.lists(TEXT, max_size=8).map(lambda ls: "\n".join(ls).encode("utf-8", "surrogatepass")),
    "xliff": generated_xliff(),
    "tmx": generated_tmx(),
}


def any_input(name: str) -> st.SearchStrategy[bytes]:
    """Random bytes, fragment soup, a mutated seed or a generated document."""
    strategies = [st.binary(max_size=600), fragment_docs(name), mutated_seed(name)]
    if name in GENERATED:
        strategies.append(GENERATED[name])
    return st.one_of(*strategies)


# --------------------------------------------------------------------------- tests


def read_all(path: Path, options: ReadOptions | None = None) -> None:
    """Open and fully consume a document; only :class:`ReviewerError` may escape."""
    try:
        doc = open_document(path, options)
        segments = list(doc)
    except ReviewerError:
        return
    for seg in segments:
        assert isinstance(seg.source, str)
        assert seg.target is None or isinstance(seg.target, str)


FORMATS = sorted(FORMAT_MODULES)


@pytest.mark.parametrize("name", FORMATS)
def test_reader_forced_format(name: str, tmp_path: Path) -> None:
    """Each reader, forced by name, on fuzzed input: a document or a ReviewerError."""
    require_format(name)
    path = tmp_path / f"input{suffix_for(name)}"
    options = ReadOptions(format=name)

    @FUZZ
    @given(data=any_input(name))
    def run(data: bytes) -> None:
        path.write_bytes(data)
        read_all(path, options)

    run()


@pytest.mark.parametrize("name", FORMATS)
def test_reader_detected_format(name: str, tmp_path: Path) -> None:
    """Detection by suffix and content (no format forced) on fuzzed input."""
    require_format(name)
    for other in ("xliff", "tmx", "po", "jsonl"):  # the content sniffers detection uses
        require_format(other)
    path = tmp_path / f"input{suffix_for(name)}"

    @settings(FUZZ, max_examples=max(10, EXAMPLES // 3))
    @given(data=any_input(name))
    def run(data: bytes) -> None:
        path.write_bytes(data)
        read_all(path)

    run()


def test_jsonl_with_key_options(tmp_path: Path) -> None:
    """The JSONL reader with the key options (``--id-key`` and friends) set."""
    require_format("jsonl")
    path = tmp_path / "input.jsonl"
    options = ReadOptions(format="jsonl", id_key="id", source_key="src",
                          target_key="target", terms_key="proper")
    frag = [b'{"src": ', b'"id": ', b'"proper": ', b"{", b"}", b"[", b"]", b'"x"', b"1",
            b"null", b", ", b"\n", b'{"src": "a", "target": "b", "id": "k"}\n']
    docs = st.lists(st.sampled_from(frag) | st.binary(max_size=6), max_size=40).map(b"".join)

    @FUZZ
    @given(data=docs)
    def run(data: bytes) -> None:
        path.write_bytes(data)
        read_all(path, options)

    run()


def test_read_pair(tmp_path: Path) -> None:
    """Two plain-text files paired line by line: a document or a ReviewerError."""
    try:
        from reviewer.formats.plaintext import read_pair
    except ModuleNotFoundError as e:  # pragma: no cover - until the module lands
        pytest.skip(f"reviewer.formats.plaintext does not exist yet ({e})")
    src = tmp_path / "source.txt"
    tgt = tmp_path / "target.txt"

    @FUZZ
    @given(a=any_input("txt"), b=any_input("txt"))
    def run(a: bytes, b: bytes) -> None:
        src.write_bytes(a)
        tgt.write_bytes(b)
        try:
            doc = read_pair(src, tgt)
            list(doc)
        except ReviewerError:
            pass

    run()
