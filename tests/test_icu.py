"""ICU MessageFormat: structural parsing, branches checked as text, the ``icu`` check."""

from __future__ import annotations

import pytest

from reviewer.checks.base import CheckContext
from reviewer.checks.structure import IcuCheck
from reviewer.icu import IcuError, looks_icu, parse, plural_categories, prepare, variants
from reviewer.model import Segment
from reviewer.runner import plan_checks
from reviewer.model import Document

CHECK = IcuCheck()


def icu(src: str, tgt: str, lang: str | None) -> list[tuple[str, str]]:
    seg = Segment("1", 0, src, tgt)
    return [(f.text, f.message) for f in CHECK.run(seg, CheckContext(source_lang="en", target_lang=lang))]


def test_parse_and_variants_nested_quotes_and_pound() -> None:
    msg = "{g, select, female {{n, plural, one {She has # file} other {She has # files}}} other {'{'x'}' {n} it''s}}"
    v = dict(variants(parse(msg)))
    assert v["g:female/n:one"] == "She has # file"
    assert v["g:other"] == "{x} {n} it's"
    plain = parse("plain {name} text")
    assert plain[0] == "plain " and plain[2] == " text" and plain[1].name == "name"  # type: ignore[union-attr]
    from reviewer.icu import mask

    m = "{n, plural, one {# день} other {# дней}}"
    assert mask(m) == "                 # день         # дней  " and len(mask(m)) == len(m)


@pytest.mark.parametrize("text", ["{n, plural, one {a} other {b}", "{n, plural, one {a} other {b}}}",
                                  "{n, plural, }", "{, plural, one {a}}"])
def test_malformed_messages_raise(text: str) -> None:
    with pytest.raises(IcuError):
        parse(text)


def test_looks_icu() -> None:
    assert looks_icu("{VAR_PLURAL, plural, =1 {via group} other {via groups}}")
    assert looks_icu("{n, pluriel, one {x} other {y}}")  # a translated keyword still looks like one
    assert not looks_icu("Hello {name}, {{ i18next }} and {0}")


@pytest.mark.parametrize("src, tgt, lang, needle", [
    # missing other, translated selector keyword (fr 'autre')
    ("{VAR_PLURAL, plural, =1 {via group} other {via groups}}",
     "{VAR_PLURAL, plural, =1 {via groupe} autre {via groupes}}", "fr", "no 'other'"),
    ("{VAR_PLURAL, plural, =1 {via group} other {via groups}}",
     "{VAR_PLURAL, plural, =1 {via groupe} autre {via groupes}}", "fr", "not a plural category"),
    # translated argument type keyword
    ("{n, plural, one {# file} other {# files}}", "{n, pluriel, one {# fichier} other {# fichiers}}", "fr",
     "was translated"),
    # renamed argument
    ("{n, plural, one {# file} other {# files}}", "{count, plural, other {# ファイル}}", "ja", "renamed"),
    # unbalanced braces
    ("{n, plural, one {# Datei} other {# Dateien}}", "{n, plural, one {# Datei} other {# Dateien}", "de",
     "malformed"),
    # Arabic needs zero/one/two/few/many/other
    ("{n, plural, one {# file} other {# files}}", "{n, plural, one {ملف} other {# ملفات}}", "ar", "lacks zero, two, few, many"),
    # Japanese has no 'one'
    ("{n, plural, one {# file} other {# files}}", "{n, plural, one {# ファイル} other {# ファイル}}", "ja", "no 'one'"),
    # translated select key (Russian)
    ("{g, select, male {He} female {She} other {They}}", "{g, select, мужской {Он} female {Она} other {Они}}",
     "ru", "not one of the source's"),
])
def test_must_flag(src: str, tgt: str, lang: str, needle: str) -> None:
    found = icu(src, tgt, lang)
    assert any(needle in m for _t, m in found), found


@pytest.mark.parametrize("src, tgt, lang", [
    ("{n, plural, one {# file} other {# files}}", "{n, plural, one {# Datei} other {# Dateien}}", "de"),
    ("{n, plural, one {# file} other {# files}}", "{n, plural, other {# ファイル}}", "ja"),
    ("{n, plural, one {# file} other {# files}}",
     "{n, plural, one {# файл} few {# файла} many {# файлов} other {# файла}}", "ru"),
    ("{hours,plural,=1{1 h}other{{hours} h}}",
     "{hours,plural,=1{1 س}zero{{hours} س}two{{hours} س}few{{hours} س}many{{hours} س}other{{hours} س}}", "ar"),
    ("{g, select, male {He} female {She} other {They}}", "{g, select, male {Il} female {Elle} other {Iel}}", "fr"),
    ("Hello {name}", "Bonjour {name}", "fr"),  # not a plural/select message: nothing to judge
    ("{n, plural, one {# file} other {# files}}", "{n, plural, one {# file} other {# files}}", None),
])
def test_must_not_flag(src: str, tgt: str, lang: str | None) -> None:
    assert icu(src, tgt, lang) == []


def test_plural_categories_from_cldr() -> None:
    assert plural_categories("ar") == {"zero", "one", "two", "few", "many", "other"}
    assert plural_categories("ja") == {"other"}
    assert plural_categories("xx-unknown") is None


def test_branches_are_checked_as_text_not_the_syntax() -> None:
    """The French spacing rule must not ask for a no-break space inside ICU syntax, the
    keyword 'plural' is never a word to check; each branch is paired with its source."""
    seg = prepare(Segment("1", 0, "{VAR_SELECT, select, a {Status: ok} other {Status: bad}}",
                          "{VAR_SELECT, select, a {Statut : ok} other {Statut : mauvais}}"), "fr")
    assert seg.branches == (("VAR_SELECT:a", "Status: ok", "Statut : ok"),
                            ("VAR_SELECT:other", "Status: bad", "Statut : mauvais"))
    ru = prepare(Segment("1", 0, "{n, plural, one {# day} other {# days}}",
                         "{n, plural, one {# день} few {# дня} many {# дней} other {# дня}}"), "ru")
    # Russian 'one' is also 21, 31...: it translates the source's 'other' (with the count)
    assert [b[1] for b in ru.branches] == ["# days", "# days", "# days", "# days"]
    de = prepare(Segment("1", 0, "{n, plural, one {# day} other {# days}}",
                         "{n, plural, one {# Tag} other {# Tage}}"), "de")
    assert [b[1] for b in de.branches] == ["# day", "# days"]


def test_runner_reports_structure_once_and_branches_as_forms() -> None:
    doc = Document("x.xlf", "xliff", "en", "fr", [
        Segment("1", 0, "{n, plural, one {# file} other {# files}}", "{n, plural, one {# fichier} autre {# fichiers}}"),
        Segment("2", 1, "{VAR_PLURAL, plural, =1 {via group} other {via groups}}",
                "{VAR_PLURAL, plural, =1 {via groupe} other {via groupes}}"),
    ])
    found = list(plan_checks().run(doc))
    icu_f = [f for f in found if f.check == "icu"]
    assert {f.unit for f in icu_f} == {"1"} and all(f.form is None for f in icu_f)
    # no check sees the keywords: no spelling/variant/capitalization finding on 'plural'
    assert not [f for f in found if f.text in ("plural", "VAR_PLURAL", "autre")and f.check != "icu"]
