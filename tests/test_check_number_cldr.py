"""The number check with CLDR data: scale words and CJK units, month names, decades,
native digits, unit conversions, and lost percent / degree / currency marks, in many
languages and scripts (must flag and must not flag)."""

from __future__ import annotations

import pytest

from reviewer import cldr
from reviewer.checks.numbers import NumberCheck, conventions, find_numbers
from reviewer.model import Finding

from .checkcontract import run_check


def run(source: str, target: str, sl: str, tl: str) -> list[Finding]:
    return run_check(NumberCheck, source, target, sl, tl)


PASSES = [
    ("Holly pulls out of £11million deal", "霍莉退出价值1100万英镑的交易", "en", "zh"),
    ("It sold its pharmacies for £125m.", "薬局を1億2,500万ポンドで売却した。", "en", "ja"),
    ("It is worth £2.8bn.", "28億ポンドの価値がある。", "en", "ja"),
    ("It is worth £2.8bn.", "Má hodnotu 2,8 miliardy liber.", "en", "cs"),
    ("More than 380,000 people live there.", "38만명 이상이 산다.", "en", "ko"),
    ("More than 300,000 people live there.", "वहाँ 3 लाख से अधिक लोग रहते हैं।", "en", "hi"),
    ("In June, the Commission published the results.", "6月に委員会が結果を公開した。", "en", "ja"),
    ("6月20日に発表した。", "It was announced on June 20.", "ja", "en"),
    ("It was announced on June 20.", "Es wurde am 20. Juni bekannt gegeben.", "en", "de"),
    ("It was announced on June 20.", "Было объявлено 20 июня.", "en", "ru"),
    ("They moved out in the 1930s.", "Odstěhovali se ve 30. letech 20. století.", "en", "cs"),
    ("They moved out in the 1930s.", "他们在 20 世纪 30 年代搬走了。", "en", "zh"),
    ("They moved out in the 1930s.", "Sie zogen in den Dreißigerjahren aus.", "en", "de"),
    ("Waves as high as 20 feet hit the coast.", "Des vagues de 6 mètres ont frappé la côte.", "en", "fr"),
    ("It was located 385 miles away.", "Se encontraba a 620 km.", "en", "es"),
    ("It has 123.5 points.", "۱۲۳٫۵ امتیاز دارد.", "en", "fa"),
    ("In 2019 it grew 45%.", "في عام ٢٠١٩ نما بنسبة ٤٥٪.", "en", "ar"),
    ("In 2019 it grew 45%.", "ในปี 2019 เติบโต 45 เปอร์เซ็นต์", "en", "th"),
    ("It grew 45%.", "Вырос на 45 процентов.", "en", "ru"),
    ("It costs £5.", "Коштує 5 фунтів.", "en", "uk"),
    ("It was 180° wide.", "Il était large de 180 degrés.", "en", "fr"),
    ("It was 1.8 per cent lower.", "Es lag 1,8 Prozent niedriger.", "en", "de"),
    ("The 19th century", "1800-luku", "en", "fi"),
    ("The 550 pound hog", "Le porc de 250 kilos", "en", "fr"),
]


@pytest.mark.parametrize("source,target,sl,tl", PASSES)
def test_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run(source, target, sl, tl) == []


# (source, target, sl, tl, expected (side, text) findings)
FAILS = [
    ("Holly pulls out of £11million deal", "霍莉退出价值1200万英镑的交易", "en", "zh",
     [("source", "11million"), ("target", "1200")]),
    ("It has 123 points.", "۱۲۴ امتیاز دارد.", "en", "fa", [("source", "123"), ("target", "۱۲۴")]),
    ("More than 300,000 people live there.", "वहाँ 4 लाख से अधिक लोग रहते हैं।", "en", "hi",
     [("source", "300,000"), ("target", "4")]),
    ("In 2019 it grew.", "Το 2018 αυξήθηκε.", "en", "el", [("source", "2019"), ("target", "2018")]),
    ("China reported a 14% jump.", "China meldete einen Anstieg um 14.", "en", "de", [("target", "14")]),
    ("In 2019 it grew 45%.", "في عام ٢٠١٩ نما بنسبة ٤٥.", "en", "ar", [("target", "٤٥")]),
    ("It was 180° wide.", "幅は180だった。", "en", "ja", [("target", "180")]),
    ("It costs £5.", "Коштує 5.", "en", "uk", [("target", "5")]),
    ("Der Markt ist 2,8 Milliarden Pfund wert.", "The market is worth 2.8bn.", "de", "en",
     [("target", "2.8")]),
    ("It was 1.8 per cent lower.", "Es lag 1,8 niedriger.", "en", "de", [("target", "1,8")]),
    ("It was announced on June 20.", "6月21日に発表した。", "en", "ja", [("source", "20"), ("target", "21")]),
]


@pytest.mark.parametrize("source,target,sl,tl,expected", FAILS)
def test_fails(source: str, target: str, sl: str, tl: str, expected: list[tuple[str, str]]) -> None:
    assert sorted((f.side, f.text) for f in run(source, target, sl, tl)) == sorted(expected)


def test_scale_words_come_from_cldr() -> None:
    assert cldr.scale_words("zh")["亿"] == 8 and cldr.scale_words("ja")["億"] == 8
    assert cldr.scale_words("hi")["लाख"] == 5 and cldr.scale_words("ru")["миллионов"] == 6
    assert cldr.scale_words("xx-unknown") == {}


def test_native_digits_and_marks() -> None:
    (n,) = find_numbers("۱۲۳٫۵", "fa")
    assert n.readings[0].value == "123.5" and n.text == "۱۲۳٫۵"
    assert [n.readings[0].value for n in find_numbers("১২৩ জন", "bn")] == ["123"]


def test_conventions_from_cldr() -> None:
    assert conventions("de").decimal == "," and conventions("de").group == "."
    assert conventions("fr").group == "\u202f" and conventions("de-CH").group in "'\u2019"
    assert conventions("en").decimal == "."


def test_babel_is_imported_lazily() -> None:
    import subprocess
    import sys

    code = ("import sys, reviewer.checks.numbers, reviewer.checks.entities; "
            "print('babel' in sys.modules, 'simplemma' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]


# -- percent, currency and degree marks: wordings as a whole, nouns not adjectives ----

MARK_PASSES = [
    # 'per cent' is one wording: 'century' and French 'pour' are no percent
    ("Cromwell lived in the 17th century.", "Кромвель жил в 17 веке.", "en", "ru"),
    ("Cromwell lived in the late 19th century.", "عاش كرومويل في أواخر القرن 19.", "en", "ar"),
    ("Il a payé 30 euros pour 2 livres.", "He paid €30 for 2 books.", "fr", "en"),
    # a word that starts like a currency's place adjective is no currency
    ("מגישת התוכנית בת ה- 37 הודיעה על עזיבתה.", "The presenter, 37, announced she is leaving.", "he", "en"),
    ("Chiunque chiami il 101 indicando il registro 247.", "Anyone calling 101 quoting log 247.", "it", "en"),
    ("Pantai ditutup selama 48 jam.", "The beach was closed for 48 hours.", "id", "en"),
    # a currency written as the English word in the target's script
    ("The market is worth £2.8bn.", "Пазарът се оценява на 2,8 милиарда паунда.", "en", "bg"),
    ("He paid £11 million.", "उन्होंने 11 मिलियन पाउंड दिए।", "en", "hi"),
    ("He paid $2 billion.", "Han betalte 2 milliarder USD.", "en", "da"),
    # a Hungarian case ending after the percent sign
    ("Of those, 70 percent said yes.", "Közülük 70%-a igent mondott.", "en", "hu"),
    # a sign after a scale word (Greek δις with a final sigma)
    ("Η αγορά αξίζει 2,8 δις £.", "The market is worth £2.8bn.", "el", "en"),
    ("It is worth $5 million.", "이것은 500만 달러의 가치가 있다.", "en", "ko"),
    ("It is worth $5 million.", "価値は500万ドルだ。", "en", "ja"),
    ("It rose 4.8%.", "เพิ่มขึ้น 4.8%", "en", "th"),
    # Korean spaces its units (1억 2500만) and borrows 'percent' (퍼센트), which CLDR
    # does not list
    ("It sold for £125m.", "1억 2500만 파운드에 팔렸다.", "en", "ko"),
    ("More than 10 percent moved.", "10퍼센트가 넘는 인구가 이동했다.", "en", "ko"),
    ("More than 10 percent moved.", "10パーセント以上が移動した。", "en", "ja"),
    # a currency's noun in its cases (punnan, naela), not a country's name (인도)
    ("He paid £11 million.", "Hän maksoi 11 miljoonan punnan.", "en", "fi"),
    ("It is worth £2.7bn.", "See on 2,7 miljardi naela väärt.", "en", "et"),
    ("사망자가 832명으로 늘어났다고 인도네시아 당국이 밝혔다.", "The toll climbed to 832, Indonesia said.", "ko", "en"),
]


@pytest.mark.parametrize("source,target,sl,tl", MARK_PASSES)
def test_mark_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run(source, target, sl, tl) == []


MARK_FAILS = [
    ("His bond was set at $350,000.", "La cauzione è stata fissata a 350.000.", "en", "it", [("target", "350.000")]),
    ("Η αγορά αξίζει 2,8 δις £.", "The market is worth 2.8bn.", "el", "en", [("target", "2.8")]),
    ("He paid $2 billion.", "Han betalte 2 milliarder.", "en", "da", [("target", "2")]),
    ("Of those, 70 percent said yes.", "Közülük 70-a igent mondott.", "en", "hu", [("target", "70")]),
    ("It rose 4.8%.", "Вырос на 4,8.", "en", "ru", [("target", "4,8")]),
    ("It rose 4.8%.", "ارتفع بنسبة 4.8.", "en", "ar", [("target", "4.8")]),
    ("It rose 4.8%.", "בשיעור של 4.8.", "en", "he", [("target", "4.8")]),
    ("It rose 4.8%.", "4.8 बढ़ा।", "en", "hi", [("target", "4.8")]),
    ("It rose 4.8%.", "4.8 বেড়েছে।", "en", "bn", [("target", "4.8")]),
    ("It rose 4.8%.", "4.8 증가했다.", "en", "ko", [("target", "4.8")]),
    ("It rose 4.8%.", "เพิ่มขึ้น 4.8", "en", "th", [("target", "4.8")]),
    ("It rose 4.8%.", "Αυξήθηκε 4,8.", "en", "el", [("target", "4,8")]),
    ("More than 10 percent moved.", "10가 넘는 인구가 이동했다.", "en", "ko", [("target", "10")]),
    ("It cost 10,000, 2,500 more.", "Es kostete 12.500 mehr.", "en", "de",
     [("source", "10,000"), ("source", "2,500"), ("target", "12.500")]),
]


@pytest.mark.parametrize("source,target,sl,tl,expected", MARK_FAILS)
def test_mark_fails(source: str, target: str, sl: str, tl: str, expected: list[tuple[str, str]]) -> None:
    assert sorted((f.side, f.text) for f in run(source, target, sl, tl)) == sorted(expected)
