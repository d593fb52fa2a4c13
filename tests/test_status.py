"""One status model: XLIFF 1.2/2 and PO states, untranslated units counted not flagged,
--states, --include-untranslated, invalid states, duplicate ids, key-as-source,
HTML whitespace, gettext plural forms for one number (issue 24)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reviewer.cli import main
from reviewer.formats import ReadOptions, open_document
from reviewer.plurals import exact_forms, singular_forms
from reviewer.status import parse_states, xliff12_status, xliff2_status

X12 = ('<?xml version="1.0"?>\n<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
       '<file source-language="en" target-language="{lang}" datatype="plaintext" original="x"><body>\n{units}</body></file></xliff>\n')


def unit(uid: str, src: str, tgt: str | None, state: str | None = None, extra: str = "") -> str:
    t = "" if tgt is None else f'<target{f" state={chr(34)}{state}{chr(34)}" if state else ""}>{tgt}</target>'
    return f'<trans-unit id="{uid}"{extra}><source>{src}</source>{t}</trans-unit>\n'


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as e:
        main(args)
    out = capsys.readouterr()
    return int(e.value.code or 0), out.out, out.err


@pytest.mark.parametrize("state, target, status", [
    ("new", "Same", "new"), ("needs-translation", None, "untranslated"),
    ("needs-review-translation", "Übersetzt", "fuzzy"), ("translated", "Übersetzt", "translated"),
    ("signed-off", "Übersetzt", "reviewed"), ("final", "Übersetzt", "final"),
    (None, None, "untranslated"), (None, "Übersetzt", "translated"), ("x-custom", "Übersetzt", "translated"),
])
def test_xliff12_status(state: str | None, target: str | None, status: str) -> None:
    assert xliff12_status(state, target) == (status, None)


def test_invalid_states_are_problems() -> None:
    assert "trqnslqted" in (xliff12_status("trqnslqted", "x")[1] or "")
    assert "bogus" in (xliff2_status("bogus", "x")[1] or "")
    assert xliff2_status("initial", None) == ("new", None)
    with pytest.raises(ValueError):
        parse_states("translated,dunno")


def test_new_and_missing_targets_are_counted_not_flagged(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "a.xlf"
    p.write_text(X12.format(lang="de", units=(
        unit("1", "Save the file", "Save the file", "new")          # a copy of the source, not translated yet
        + unit("2", "Open the file", None)                          # no target
        + unit("3", "Close the file", "Datei schließen", "final")
        + unit("4", "Print the file", "Datei drucken", "trqnslqted"))), encoding="utf-8")
    code, out, err = run_cli(["check", str(p), "--format", "json"], capsys)
    data = json.loads(out)
    checks = [(f["unit"], f["check"]) for f in data["findings"]]
    assert ("1", "untranslated") not in checks and ("2", "empty") not in checks
    assert ("4", "format") in checks  # the invalid state value is reported
    assert data["stats"]["not_translated"] == 2 and data["stats"]["checked"] == 2
    assert data["stats"]["statuses"] == {"new": 1, "untranslated": 1, "final": 1, "translated": 1}
    code, out, err = run_cli(["check", str(p), "--format", "jsonl", "--include-untranslated"], capsys)
    assert {json.loads(x)["unit"] for x in out.splitlines()} >= {"1", "2"}
    code, out, err = run_cli(["check", str(p), "--format", "text", "--color", "never"], capsys)
    assert "2 units not translated yet" in err
    code, out, err = run_cli(["check", str(p), "--format", "json", "--states", "final"], capsys)
    assert json.loads(out)["stats"]["checked"] == 1
    code, out, err = run_cli(["check", str(p), "--states", "finished"], capsys)
    assert code == 2 and "unknown status" in err and "Traceback" not in err


def test_po_empty_and_fuzzy_and_credits(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "ru.po"
    p.write_text('msgid ""\nmsgstr ""\n"Language: ru\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                 'msgid "Open"\nmsgstr ""\n\n#, fuzzy\nmsgid "Close"\nmsgstr "Закрыть"\n\n'
                 'msgid "translator-credits"\nmsgstr "Иван Иванов <ivan@example.org>, 2024 lorem lorem"\n',
                 encoding="utf-8")
    segs = {s.source: s for s in open_document(p)}
    assert segs["Open"].status == "untranslated" and segs["Close"].status == "fuzzy"
    code, out, err = run_cli(["check", str(p), "--format", "jsonl"], capsys)
    assert not [json.loads(x) for x in out.splitlines() if json.loads(x)["check"] == "empty"]
    assert not [x for x in out.splitlines() if "translator-credits" in x]


def test_duplicate_ids_lenient_and_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "d.xlf"
    p.write_text('<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">'
                 '<file id="f"><unit id="u"><segment state="translated"><source>a</source><target>b</target></segment></unit>'
                 '<unit id="u"><segment state="translated"><source>c</source><target>d</target></segment></unit>'
                 '</file></xliff>', encoding="utf-8")
    assert [s.id for s in open_document(p)] == ["u", "u#2"]
    code, out, err = run_cli(["check", str(p), "--format", "jsonl"], capsys)
    assert [json.loads(x)["unit"] for x in out.splitlines() if json.loads(x)["check"] == "format"] == ["u#2"]
    code, out, err = run_cli(["check", str(p), "--strict"], capsys)
    assert code == 2 and "duplicate id" in err


def test_key_as_source_resolved_from_the_source_language_file(tmp_path: Path) -> None:
    (tmp_path / "messages.en.xlf").write_text(X12.format(lang="en", units=(
        unit("a", "help.more_information", "For more information, see the docs.")
        + unit("b", "post.title", "Post title") + unit("c", "menu.back", "Back"))), encoding="utf-8")
    tgt = tmp_path / "messages.de.xlf"
    tgt.write_text(X12.format(lang="de", units=(
        unit("a", "help.more_information", "Weitere Informationen in der Doku.")
        + unit("b", "post.title", "Titel") + unit("c", "menu.back", "Zurück")
        + unit("d", "menu.unknown_key", "Unbekannt"))), encoding="utf-8")
    segs = {s.id: s for s in open_document(tgt)}
    assert segs["a"].source == "For more information, see the docs." and "key: help.more_information" in segs["a"].notes
    assert segs["d"].source == ""  # no text for this key: checked target-only
    alone = tmp_path / "solo" / "messages.de.xlf"
    alone.parent.mkdir()
    alone.write_bytes(tgt.read_bytes())
    assert open_document(alone).target_only


def test_ordinary_sources_are_not_keys(tmp_path: Path) -> None:
    p = tmp_path / "m.de.xlf"
    p.write_text(X12.format(lang="de", units=unit("a", "Save file", "Datei speichern") + unit("b", "e.g. this", "z. B. das")
                            + unit("c", "Open", "Öffnen")), encoding="utf-8")
    assert [s.source for s in open_document(p)] == ["Save file", "e.g. this", "Open"]


def test_html_units_collapse_whitespace(tmp_path: Path) -> None:
    p = tmp_path / "h.xlf"
    p.write_text(X12.format(lang="zh", units=unit("1", "\n   Open   the\n   file ", "打开  文件", extra=' datatype="html"')
                            + unit("2", " Keep  it ", " 保留 ")), encoding="utf-8")
    a, b = open_document(p)
    assert (a.source, a.target) == ("Open the file", "打开 文件")
    assert (b.source, b.target) == (" Keep  it ", " 保留 ")  # plain text keeps its spaces


def test_gettext_forms_for_one_number() -> None:
    ar = "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
    ru = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
    assert exact_forms(ar) == {0, 1, 2} and singular_forms(ar) == {1}
    assert exact_forms(ru) == frozenset() and singular_forms(ru) == frozenset()  # form 0 is also 21, 31...
    assert exact_forms("nplurals=2; plural=(n != 1);") == {0} and exact_forms(None) == frozenset()


def test_arabic_dual_may_omit_the_count(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "ar.po"
    p.write_text('msgid ""\nmsgstr ""\n"Language: ar\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
                 '"Plural-Forms: nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;\\n"\n\n'
                 '#, python-format\nmsgid "%(count)s file"\nmsgid_plural "%(count)s files"\n'
                 'msgstr[0] "لا ملفات %(count)s"\nmsgstr[1] "ملف واحد"\nmsgstr[2] "ملفان"\n'
                 'msgstr[3] "%(count)s ملفات"\nmsgstr[4] "%(count)s ملفًا"\nmsgstr[5] "ملف"\n', encoding="utf-8")
    code, out, err = run_cli(["check", str(p), "--format", "jsonl", "--disable", "all", "--enable", "placeholder"], capsys)
    forms = sorted(json.loads(x)["form"] for x in out.splitlines())
    assert forms == [5]  # forms 1 ("one") and 2 ("two") may omit it; form 5 (100+) may not


def test_consistency_compares_within_the_same_angular_meaning(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    def u(uid: str, tgt: str, meaning: str) -> str:
        return (f'<trans-unit id="{uid}" datatype="html"><source>Order</source><target>{tgt}</target>'
                f'<note priority="1" from="meaning">{meaning}</note></trans-unit>\n')

    p = tmp_path / "m.xlf"
    p.write_text(X12.format(lang="de", units=u("1", "Bestellung", "shop") + u("2", "Reihenfolge", "sorting")
                            + u("3", "Auftrag", "shop")), encoding="utf-8")
    code, out, err = run_cli(["check", str(p), "--format", "jsonl", "--disable", "all", "--enable", "consistency"],
                             capsys)
    units = {json.loads(x)["unit"] for x in out.splitlines()}
    assert "2" not in units and units & {"1", "3"}  # different meanings are different strings


GERMAN = ["Die Datei wurde erfolgreich gespeichert und kann jetzt geöffnet werden.",
          "Bitte geben Sie Ihren Namen und Ihre Adresse in das Formular ein.",
          "Der Server antwortet nicht, versuchen Sie es später noch einmal.",
          "Alle Änderungen gehen verloren, wenn Sie das Fenster schließen.",
          "Möchten Sie die ausgewählten Dateien wirklich löschen?",
          "Die Verbindung zum Netzwerk wurde unterbrochen und wird neu aufgebaut."]
RUSSIAN = ["Файл успешно сохранён и теперь может быть открыт.",
           "Пожалуйста, введите ваше имя и адрес в форму.",
           "Сервер не отвечает, попробуйте ещё раз позже.",
           "Все изменения будут потеряны, если вы закроете окно.",
           "Вы действительно хотите удалить выбранные файлы?",
           "Соединение с сетью было прервано и будет восстановлено."]


@pytest.mark.parametrize("declared, texts, flagged", [
    ("en-US", GERMAN, True),   # the case: source-language="en-US" on a German source
    ("de", GERMAN, False),
    ("ru", GERMAN, True),
    ("ru", RUSSIAN, False),
])
def test_declared_source_language_is_checked(tmp_path: Path, declared: str, texts: list[str], flagged: bool) -> None:
    p = tmp_path / "l.xlf"
    body = "".join(unit(str(i), t, "x") for i, t in enumerate(texts * 2))
    p.write_text(X12.format(lang="fr", units=body).replace('source-language="en"', f'source-language="{declared}"'),
                 encoding="utf-8")
    first = next(iter(open_document(p)))
    assert any("source language" in m for _l, m in first.problems) == flagged


X2 = ('<?xml version="1.0" encoding="UTF-8"?>\n<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" '
      'srcLang="en" trgLang="{lang}">\n<file id="f"><unit id="keep"><segment state="translated">'
      '<source>Save the file</source><target>{keep}</target></segment></unit>\n'
      '<unit id="gone" name="old.key"><notes><note category="state">{state}</note></notes>'
      '<segment state="translated"><source>Close the file</source><target>{gone}</target></segment></unit>\n'
      '</file></xliff>\n')


@pytest.mark.parametrize("lang, keep, gone", [
    ("de", "Datei speichern", "Close the file"),  # an untranslated copy of the source
    ("ru", "Сохранить файл", "Закрыть файл!!"),
    ("ja", "ファイルを保存", "Close the file"),
])
def test_symfony_obsolete_state_note_is_not_reviewed(tmp_path: Path, lang: str, keep: str, gone: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "messages.xlf"
    p.write_text(X2.format(lang=lang, keep=keep, gone=gone, state="obsolete"), encoding="utf-8")
    code, out, err = run_cli(["check", str(p), "--format", "json"], capsys)
    data = json.loads(out)
    assert data["stats"]["units"] == 1 and not [f for f in data["findings"] if f["unit"] == "gone"]
    # the same unit with another state note is reviewed
    p.write_text(X2.format(lang=lang, keep=keep, gone=gone, state="new"), encoding="utf-8")
    code, out, err = run_cli(["check", str(p), "--format", "json"], capsys)
    data = json.loads(out)
    assert data["stats"]["units"] == 2 and [f for f in data["findings"] if f["unit"] == "gone"]
