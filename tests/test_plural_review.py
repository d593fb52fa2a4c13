"""PO plural forms in review: every msgstr[n] can be corrected, listed, applied,
undone and exported (PO and TMX)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reviewer.project import FORM_SEP, Project
from reviewer.runner import plan_checks

REPO = Path(__file__).resolve().parents[1]

PO_RU = '''msgid ""
msgstr ""
"Language: ru\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "%d file"
msgid_plural "%d files"
msgstr[0] "%d файл"
msgstr[1] "%d файла"
msgstr[2] "файлов"

msgid "Open"
msgstr "Открыть"
'''


@pytest.fixture()
def app_po(tmp_path: Path) -> Path:
    dst = tmp_path / "app.en-it.po"
    shutil.copy(REPO / "samples/formats/app.en-it.po", dst)
    return dst


@pytest.fixture()
def ru_po(tmp_path: Path) -> Path:
    p = tmp_path / "files.ru.po"
    p.write_text(PO_RU, encoding="utf-8")
    return p


def _plural_pos(p: Project) -> int:
    return next(i for i, s in enumerate(p.segments) if s.plural_targets)


def test_correct_second_form_and_export_po(app_po: Path, tmp_path: Path) -> None:
    with Project.open(app_po, reviewer="t") as p:
        i = _plural_pos(p)
        before = p.segment(i).plural_targets
        assert before[1] == "rapporti selezionati"
        assert any(f.form == 1 and f.check == "placeholder" for f in p.findings(plan_checks())
                   if f.index == p.segment(i).index)
        p.correct(i, "%d rapporti selezionati", form=1)
        seg = p.segment(i)
        assert seg.plural_targets == (before[0], "%d rapporti selezionati")
        assert seg.target == before[0]
        assert not any(f.index == seg.index and f.check == "placeholder"
                       for f in p.findings(plan_checks()))
        [c] = p.corrections()
        assert (c.form, c.before, c.after) == (1, "rapporti selezionati", "%d rapporti selezionati")
        assert c.to_dict()["form"] == 1 and FORM_SEP not in c.to_dict()["after"]
        out = tmp_path / "out.po"
        p.export(out)
    text = out.read_text(encoding="utf-8")
    assert 'msgstr[1] "%d rapporti selezionati"' in text
    assert f'msgstr[0] "{before[0]}"' in text
    assert "\nmsgstr[1] \"rapporti selezionati\"" not in text


def test_three_forms_each_editable_and_undo(ru_po: Path, tmp_path: Path) -> None:
    with Project.open(ru_po, reviewer="t") as p:
        i = _plural_pos(p)
        p.correct(i, "%d файлов", form=2)
        p.correct(i, "%d фаила", form=1)
        assert p.segment(i).plural_targets == ("%d файл", "%d фаила", "%d файлов")
        p.undo(i)  # the form-1 edit only
        assert p.segment(i).plural_targets == ("%d файл", "%d файла", "%d файлов")
        with pytest.raises(Exception, match="no plural form 5"):
            p.correct(i, "x", form=5)
        out = tmp_path / "out.tmx"
        n = p.export(out, to="tmx")
    tmx = out.read_text(encoding="utf-8")
    assert n >= 3
    for form in ("%d файл", "%d файла", "%d файлов"):
        assert f"<seg>{form}</seg>" in tmx
    assert "<seg>%d files</seg>" in tmx and "<seg>%d file</seg>" in tmx
    assert 'tuid="%d file[2]"' in tmx


def test_apply_with_a_plural_forms_text(ru_po: Path) -> None:
    """A correction record naming the text of form 2 (no ``form`` key) applies to form
    2; with ``form`` it applies to that form; a wrong ``before`` is a conflict."""
    with Project.open(ru_po, reviewer="t") as p:
        r = p.apply_corrections([{"unit": "%d file", "before": "файлов", "after": "%d файлов"}])
        assert r.applied == ["%d file"] and not r.conflicts
        r = p.apply_corrections([{"unit": "%d file", "form": 1, "before": "%d файла",
                                  "after": "%d файла!"}])
        assert r.applied == ["%d file"]
        r = p.apply_corrections([{"unit": "%d file", "form": 0, "before": "nope",
                                  "after": "%d файл!"}])
        assert r.conflicts and not r.applied
        i = _plural_pos(p)
        assert p.segment(i).plural_targets == ("%d файл", "%d файла!", "%d файлов")
        dicts = [c.to_dict() for c in p.corrections()]
        assert [d["form"] for d in dicts] == [1, 2]
        json.dumps(dicts)  # plain JSON


def test_singular_units_unchanged(ru_po: Path) -> None:
    with Project.open(ru_po, reviewer="t") as p:
        j = next(i for i, s in enumerate(p.segments) if not s.plural_targets)
        p.correct(j, "Открыть файл")
        [c] = p.corrections()
        assert c.form is None and "form" not in c.to_dict()
        with pytest.raises(Exception, match="no plural forms"):
            p.correct(j, "x", form=1)
