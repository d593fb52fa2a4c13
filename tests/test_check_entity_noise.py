"""The entity check on good translations and on removed or replaced names, in many
languages and scripts: names found again by family name, through Hebrew prefixes and
the v letter Indic scripts write for W, inflected CLDR places through the lexicon's
lemma, names in German (where every noun is capitalised) told apart by the lexicon
and by decompounding, given names dropped from a full name."""

from __future__ import annotations

import pytest

from reviewer.checks.base import CheckContext
from reviewer.checks.entities import EntityCheck
from reviewer.checks.names import find_names, found_by_sound
from reviewer.model import Finding, Segment, Severity


def run(source: str, target: str, sl: str, tl: str) -> list[Finding]:
    seg = Segment(id="1", index=0, source=source, target=target)
    out = list(EntityCheck().run(seg, CheckContext(source_lang=sl, target_lang=tl)))
    for f in out:
        side = source if f.side == "source" else target
        assert side[f.start : f.end] == f.text
    return out


# (source, target, sl, tl): good translations, nothing to report
MUST_NOT_FLAG = [
    # Latin
    ("As Willoughby, 37, left, Jones flew out.", "Als Willoughby, 37, ging, flog Jones davon.", "en", "de"),
    ("Über 20 Millionen sahen die Anhörung von Kavanaugh.", "Over 20 million watched the Kavanaugh hearing.", "de", "en"),
    ("Die Pharmazieabteilungen des Drogeriehändlers schlossen.", "The chemist's pharmacy departments closed.", "de", "en"),
    ("Hyvä uutinen Yhdysvaltojen taloudelle.", "Good news for the United States economy.", "fi", "en"),
    ("Jones jetted out of Britain.", "Jones fløj ud af Storbritannien.", "en", "da"),
    ('Planos para alterar o nome da assembleia para "Parlamento Galês".',
     "Plans to change the name of the assembly to the Welsh Parliament.", "pt", "en"),
    # Cyrillic
    ("Джонс вылетел из Великобритании.", "Jones jetted out of Britain.", "ru", "en"),
    ("Напрежение в Индонезия расте.", "Tension in Indonesia is rising.", "bg", "en"),
    # Greek
    ("Η Χόλι Γουίλομπι έφυγε.", "Holly Willoughby left.", "el", "en"),
    # Arabic script
    ("قال رئيس مقدونيا جورج إيفانوف إنه سيرفض.", "Macedonian President Gjorge Ivanov said he will refuse.", "ar", "en"),
    ("من مرمى تشيلسي", "from the Chelsea goal", "ar", "en"),
    ("رئیس جمهور مقدونیه جورج ایوانف گفت.", "President Gjorge Ivanov said.", "fa", "en"),
    # Hebrew (a prefix written onto the name)
    ("As Willoughby, 37, left.", "בשעה שווילאבי בת ה- 37 עזבה.", "en", "he"),
    # Devanagari, Bengali
    ("As Willoughby, 37, left.", "37 वर्षीय विलुबी ने घोषणा की।", "en", "hi"),
    ("Holly Willoughby left.", "হলি উইলোবি চলে গেলেন।", "en", "bn"),
    # Chinese, Japanese, Korean, Thai
    ("Holly Willoughby left.", "霍莉·威洛比离开了。", "en", "zh"),
    ("Holly Willoughby left.", "ホリー・ウィロビーが去った。", "en", "ja"),
    ("Holly Willoughby left.", "홀리 윌로비가 떠났다.", "en", "ko"),
    ("Holly Willoughby left.", "ฮอลลี วิลโลบี ลาออกแล้ว", "en", "th"),
]


@pytest.mark.parametrize("source,target,sl,tl", MUST_NOT_FLAG)
def test_must_not_flag(source: str, target: str, sl: str, tl: str) -> None:
    assert run(source, target, sl, tl) == []


# (source, target, sl, tl, side, flagged text): a name removed or replaced
MUST_FLAG = [
    # Latin: German sources have names (lexicon + decompounding), a full name's
    # family name replaced, a given name replaced
    ("Über 20 Millionen sahen die Anhörung von Kavanaugh.", "Over 20 million watched the hearing.", "de", "en", "source", "Kavanaugh"),
    ("Millions watched the Brett Kavanaugh hearing.", "Des millions ont regardé l'audition de Brett Sanford.", "en", "fr", "source", "Brett Kavanaugh"),
    ("Millions watched the Brett Kavanaugh hearing.", "Miliony oglądały przesłuchanie Bretta Sanforda.", "en", "pl", "target", "Sanforda"),
    # Cyrillic: an inflected CLDR place lost (Индонезии = Индонезия)
    ("Джоко испытывает давление в Индонезии.", "Joko is facing pressure in Arizona.", "ru", "en", "source", "Индонезии"),
    ("Вчера Старридж забил гол.", "Kavanaugh scored a goal yesterday.", "ru", "en", "source", "Старридж"),
    # Greek
    ("Η Χόλι Γουίλομπι έφυγε.", "Holly left.", "el", "en", "source", "Γουίλομπι"),
    # Arabic, Hebrew
    ("As Sturridge, 37, left.", "غادرت جونز البالغة 37 عامًا.", "en", "ar", "source", "Sturridge"),
    ("As Sturridge, 37, left.", "בשעה שג'ונס בת ה- 37 עזבה.", "en", "he", "source", "Sturridge"),
    # Devanagari, Bengali
    ("As Sturridge, 37, left.", "37 वर्षीय जोन्स ने घोषणा की।", "en", "hi", "source", "Sturridge"),
    ("As Sturridge, 37, left.", "৩৭ বছর বয়সী জোনস চলে গেলেন।", "en", "bn", "source", "Sturridge"),
    # Korean, Thai (Chinese characters, and Japanese text with them, cannot be judged)
    ("As Sturridge, 37, left.", "37세인 존스가 떠났다.", "en", "ko", "source", "Sturridge"),
    ("As Sturridge, 37, left.", "โจนส์วัย 37 ปีลาออก", "en", "th", "source", "Sturridge"),
]


@pytest.mark.parametrize("source,target,sl,tl,side,text", MUST_FLAG)
def test_must_flag(source: str, target: str, sl: str, tl: str, side: str, text: str) -> None:
    found = run(source, target, sl, tl)
    assert (side, text) in [(f.side, f.text) for f in found], found


@pytest.mark.parametrize("source,target,sl,tl", [
    ("More than 20 million watched the Brett Kavanaugh hearing.",
     "Plus de 20 millions ont regardé l'audition de Kavanaugh.", "en", "fr"),
    ("More than 20 million watched the Brett Kavanaugh hearing.",
     "Mehr als 20 Millionen sahen die Anhörung von Kavanaugh.", "en", "de"),
])
def test_given_name_left_out_of_a_full_name_is_minor(source: str, target: str, sl: str, tl: str) -> None:
    found = run(source, target, sl, tl)
    assert [(f.side, f.text, f.severity) for f in found] == [("source", "Brett", Severity.MINOR)]


def test_full_name_kept_whole_is_not_flagged_across_scripts() -> None:
    assert run("More than 20 million watched the Brett Kavanaugh hearing.",
               "Более 20 млн смотрели слушания по делу Бретта Кавано.", "en", "ru") == []


def test_added_place_name_is_context_not_a_wrong_name() -> None:
    # the translation names the country the source leaves implicit: no finding
    assert run("Instead, he noted, the U.S. is continuing sanctions.",
               "Hän totesi Yhdysvaltojen jatkavan pakotteitaan.", "en", "fi") == []


def test_german_common_nouns_and_compounds_are_not_names() -> None:
    text = ("Die Denuklearisierungsverhandlungen und die Geschichtsdebatten gehen weiter, "
            "sagte Kavanaugh in der Unabhängigkeits-Debatte.")
    assert [n.text for n in find_names(text, "de")] == ["Kavanaugh"]


def test_a_title_of_common_words_is_not_a_name() -> None:
    # Welsh Parliament: every word is a word of English, translations translate it
    assert run("It was renamed the Welsh Parliament in May.",
               "Il a été renommé Parlement gallois en mai.", "en", "fr") == []
    assert run("It was renamed the Welsh Parliament in May.",
               "웨일스 의회로 5월에 이름이 바뀌었다.", "en", "ko") == []


@pytest.mark.parametrize("name,text,expected", [
    ("Willoughby", "37 वर्षीय विलुबी ने घोषणा की", True),  # W written with व
    ("Willoughby", "בשעה שווילאבי בת ה- 37", True),  # Hebrew prefix ש
    ("Willoughby", "היום מזג האוויר טוב", False),
    ("Willoughby", "आज मौसम अच्छा है", False),
    ("Chelsea", "مرمى تشيلسي مع", True),  # تش = ch
    ("Gjorge Ivanov", "قال جورج إيفانوف", True),  # the family name is enough
    ("Jeff Flake", "Senator Jeff News", False),  # a given name alone is not
    ("Великобритании", "Jones jetted out of Britain", True),
    ("Великобритании", "Jones jetted out of Berlin", False),
])
def test_found_by_sound(name: str, text: str, expected: bool) -> None:
    assert found_by_sound(name, text) is expected
