"""The entity check across languages and scripts: names found again through
transliteration (anyascii), inflected and respelt names, CLDR names that translations
change, silence where the script cannot be judged, and names removed or replaced."""

from __future__ import annotations

import pytest

from reviewer.checks.base import CheckContext
from reviewer.checks.entities import EntityCheck
from reviewer.checks.names import can_judge, find_names, found_by_sound, translit_key
from reviewer.model import Finding, Segment


def run(source: str, target: str, sl: str, tl: str) -> list[Finding]:
    seg = Segment(id="1", index=0, source=source, target=target)
    out = list(EntityCheck().run(seg, CheckContext(source_lang=sl, target_lang=tl)))
    for f in out:
        side = source if f.side == "source" else target
        assert side[f.start : f.end] == f.text
    return out


# (source, target, source lang, target lang): good translations, nothing to report
PASSES = [
    ("Dr. Tony Moll said it was serious.", "डॉ. टोनी मोल ने कहा कि यह गंभीर है।", "en", "hi"),
    ("Dr. Tony Moll said it was serious.", "قال الدكتور توني مول إن الأمر خطير.", "en", "ar"),
    ("Dr. Tony Moll said it was serious.", "トニー・モル博士は深刻だと述べた。", "en", "ja"),
    ("Dr. Tony Moll said it was serious.", "토니 몰 박사는 심각하다고 말했다.", "en", "ko"),
    ("Dr. Tony Moll said it was serious.", "ড. টনি মল বলেছেন এটি গুরুতর।", "en", "bn"),
    ("Dr. Tony Moll said it was serious.", "ดร. โทนี่ มอลล์ กล่าวว่าเรื่องนี้ร้ายแรง", "en", "th"),
    ("Dr. Tony Moll said it was serious.", "托尼·莫尔博士说情况很严重。", "en", "zh"),  # cannot judge
    ("TV presenter Holly Willoughby left.", "Η παρουσιάστρια Χόλι Γουίλομπι έφυγε.", "en", "el"),
    ("Presenter Holly Willoughby left.", "Ведущая Холли Уиллоуби ушла.", "en", "ru"),
    ("Вчера Джонс прилетел в Лондон.", "Yesterday Jones flew to London.", "ru", "en"),
    ("Члены Национальной Ассамблеи Уэльса встревожены.",
     "Members of the National Assembly for Wales are alarmed.", "ru", "en"),
    ("因与PCOO一名受感染的职员有接触，他被隔离。",
     "He was isolated after contact with an infected PCOO employee.", "zh", "en"),
    ("ウェールズ議会議員の呼称をAMからMWPに変更する。",
     "The title of Welsh Assembly Members changes from AM to MWP.", "ja", "en"),
    ("Hän asui Harlemissa ja Croydonissa.", "He lived in Harlem and Croydon.", "fi", "en"),
    ("Makedonijos prezidentas kalbėjo.", "The president of Macedonia spoke.", "lt", "en"),
    ("Prezydent ONZ przemawiał.", "The UN president spoke.", "pl", "en"),
    ("Sturridge received a pass from Shaqiri.", "Старридж получил пас от Шакири.", "en", "ru"),
    ("Pak Nugroho mengatakan pada hari Sabtu.", "Mr Nugroho said on Saturday.", "id", "en"),
]


@pytest.mark.parametrize("source,target,sl,tl", PASSES)
def test_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run(source, target, sl, tl) == []


# (source, target, sl, tl, side, flagged text)
FAILS = [
    ("Yesterday Tony Moll said it was serious.", "डॉ. ने कहा कि यह गंभीर है।", "en", "hi", "source", "Tony Moll"),
    ("Yesterday Tony Moll said it was serious.", "قال الدكتور إن الأمر خطير.", "en", "ar", "source", "Tony Moll"),
    ("Yesterday Tony Moll said it was serious.", "박사는 심각하다고 말했다.", "en", "ko", "source", "Tony Moll"),
    ("Вчера Старридж забил гол.", "He scored a goal.", "ru", "en", "source", "Старридж"),
    ("Η Χόλι Γουίλομπι έφυγε χθες.", "Holly left yesterday.", "el", "en", "source", "Γουίλομπι"),
    ("因与PCOO一名受感染的职员有接触。", "After contact with an infected employee.", "zh", "en", "source", "PCOO"),
    ("市民協議ではMWPの案が支持を集めた。", "The proposal won support.", "ja", "en", "source", "MWP"),
    ("Der Unfall geschah gestern in Nellingen.", "The accident happened yesterday in Castleford.",
     "de", "en", "target", "Castleford"),
    ("Yesterday Kavanaugh testified in Washington.", "Wczoraj Castleford zeznawał w Waszyngtonie.",
     "en", "pl", "target", "Castleford"),
    ("Yesterday Kavanaugh testified.", "Včera svědčil.", "en", "cs", "source", "Kavanaugh"),
    ("Вчера Кавано давал показания.", "Yesterday Castleford testified.", "ru", "en", "source", "Кавано"),
]


@pytest.mark.parametrize("source,target,sl,tl,side,text", FAILS)
def test_fails(source: str, target: str, sl: str, tl: str, side: str, text: str) -> None:
    found = run(source, target, sl, tl)
    assert [(f.side, f.text) for f in found] == [(side, text)], found


def test_replaced_name_is_one_finding_naming_both() -> None:
    (f,) = run("Le maire de Nellingen a parlé hier.", "The mayor of Castleford spoke yesterday.", "fr", "en")
    assert f.side == "target" and f.text == "Castleford" and "Nellingen" in f.message
    assert f.suggestion == "Nellingen"


@pytest.mark.parametrize(
    "a,b",
    [("Tony Moll", "टोनी मोल"), ("Tony Moll", "توني مول"), ("Tony Moll", "トニー・モル"),
     ("Tony Moll", "토니 몰"), ("Tony Moll", "Τόνι Μολ"), ("Jones", "Джонсу"),
     ("Willoughby", "Γουίλομπι"), ("Harlem", "Χάρλεμ"), ("Celesio", "Селесио")],
)  # fmt: skip
def test_translit_key_across_scripts(a: str, b: str) -> None:
    assert translit_key(a.replace(" ", "")) and found_by_sound(a, b)


@pytest.mark.parametrize("a,b", [("Nellingen", "Rosenberg"), ("Kavanaugh", "Уиллоуби"), ("Moll", "Ivanov")])
def test_different_names_do_not_match(a: str, b: str) -> None:
    assert not found_by_sound(a, b)


def test_words_are_split_where_the_script_changes() -> None:
    names = [n.text for n in find_names("因与PCOO一名受感染的职员有接触", "zh")]
    assert names == ["PCOO"]
    assert [n.text for n in find_names("議員の呼称をAMからMWPに", "ja")] == ["MWP"]


def test_chinese_characters_cannot_be_judged() -> None:
    assert not can_judge("LATIN", "HAN", "zh")
    assert can_judge("LATIN", "DEVANAGARI", "hi") and can_judge("CYRILLIC", "LATIN", "en")
