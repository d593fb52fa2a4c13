"""A problem repeated on several plural forms of one unit is reported once, on the
first form, naming the forms (issue 20); a problem of one form keeps its form."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.formats import ReadOptions, open_document
from reviewer.model import Finding
from reviewer.runner import plan_checks

HEADERS = {
    "ru": ("nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
           "(n%100<10 || n%100>=20) ? 1 : 2);"),
    "pl": ("nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
           "n%100>=20) ? 1 : 2);"),
    "ar": ("nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && "
           "n%100<=10 ? 3 : n%100>=11 ? 4 : 5);"),
    "de": "nplurals=2; plural=(n != 1);",
}


def po(tmp_path: Path, lang: str, forms: list[str]) -> Path:
    body = "\n".join(f'msgstr[{i}] "{t}"' for i, t in enumerate(forms))
    p = tmp_path / f"{lang}.po"
    p.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {lang}\\n"\n"Plural-Forms: {HEADERS[lang]}\\n"\n\n'
        'msgid "%d file was deleted."\nmsgid_plural "%d files were deleted."\n'
        f"{body}\n", encoding="utf-8")
    return p


def run(p: Path, check: str) -> list[Finding]:
    return [f for f in plan_checks().run(open_document(p, ReadOptions(source_lang="en")))
            if f.check == check]


@pytest.mark.parametrize("lang, forms, missing", [
    ("ru", ["%d файл удалён", "%d файла удалены", "%d файлов удалено."], [0, 1]),
    ("pl", ["%d plik usunięty", "%d pliki usunięte", "%d plików usuniętych"], [0, 1, 2]),
    ("ar", ["لم يُحذف أي ملف.", "حُذف ملف واحد.", "حُذف ملفان.", "حُذفت %d ملفات",
            "حُذف %d ملفًا", "حُذف %d ملف"], [3, 4, 5]),
    ("de", ["%d Datei gelöscht", "%d Dateien gelöscht"], [0, 1]),
])
def test_a_problem_on_several_forms_is_reported_once(tmp_path: Path, lang: str,
                                                     forms: list[str], missing: list[int]) -> None:
    found = run(po(tmp_path, lang, forms), "punctuation")
    assert len(found) == 1, [f.message for f in found]
    f = found[0]
    assert f.form == missing[0]
    assert f.message.endswith(f"(forms {', '.join(map(str, missing))}).")


@pytest.mark.parametrize("lang, forms, bad", [
    ("ru", ["%d файл удалён.", "%d файла удалены", "%d файлов удалено."], 1),
    ("de", ["%d Datei gelöscht.", "%d Dateien gelöscht"], 1),
    ("pl", ["%d plik usunięty", "%d pliki usunięte.", "%d plików usuniętych."], 0),
])
def test_a_problem_of_one_form_keeps_its_form(tmp_path: Path, lang: str, forms: list[str],
                                             bad: int) -> None:
    found = run(po(tmp_path, lang, forms), "punctuation")
    assert [f.form for f in found] == [bad]
    assert "(forms" not in found[0].message


def test_different_problems_on_two_forms_stay_two(tmp_path: Path) -> None:
    """Two forms each missing a different placeholder: two findings, one per form."""
    p = tmp_path / "ru.po"
    p.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: ru\\n"\n"Plural-Forms: {HEADERS["ru"]}\\n"\n\n'
        'msgid "%(n)d file in %(dir)s."\nmsgid_plural "%(n)d files in %(dir)s."\n'
        'msgstr[0] "%(n)d файл."\nmsgstr[1] "Файла в %(dir)s."\n'
        'msgstr[2] "%(n)d файлов в %(dir)s."\n', encoding="utf-8")
    found = run(p, "placeholder")
    assert sorted((f.form, f.text) for f in found) == [(0, "%(dir)s"), (1, "%(n)d")]
    assert not any("(forms" in f.message for f in found)


@pytest.mark.parametrize("lang, forms, target_form, source_form", [
    # form 1's translation lacks the period; form 2 lost its %d (checked against msgid_plural)
    ("ru", ["%d файл удалён.", "%d файла\"\n\" удалены", "файлов удалено."], 1, 2),
    ("pl", ["%d plik usunięty.", "%d pliki usunięte", "plików usuniętych."], 1, 2),
    ("ar", ["لم يُحذف أي ملف.", "حُذف ملف واحد.", "حُذف ملفان.", "حُذفت %d ملفات",
            "حُذف %d ملفًا.", "حُذف ملف."], 3, 5),
])
def test_a_forms_finding_points_at_its_msgstr_and_msgid_plural(
        tmp_path: Path, lang: str, forms: list[str], target_form: int, source_form: int) -> None:
    """A finding on plural form n points at ``msgstr[n]`` (even when an earlier form
    spans several lines); a source-side finding of a form checked against
    ``msgid_plural`` points at ``msgid_plural``."""
    p = po(tmp_path, lang, forms)
    lines = p.read_text(encoding="utf-8").split("\n")
    found = [f for f in plan_checks().run(open_document(p, ReadOptions(source_lang="en")))
             if f.check in ("punctuation", "placeholder")]
    by_form = {(f.check, f.form): f for f in found}
    tgt = by_form[("punctuation", target_form)]
    assert lines[tgt.line - 1].startswith(f"msgstr[{target_form}]")
    src = by_form[("placeholder", source_form)]
    assert src.side == "source" and lines[src.line - 1].startswith("msgid_plural ")
