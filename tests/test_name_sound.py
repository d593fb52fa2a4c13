"""The coarse phonetic skeleton (reviewer.checks.name_sound) and CLDR places in any
form (reviewer.checks.name_places): names found again across scripts, and ordinary
words that must not pass for them."""

from __future__ import annotations

import pytest

from reviewer.checks.entities import EntityCheck
from reviewer.checks.name_places import place_codes, place_found
from reviewer.checks.name_sound import close, coarse_found, coarse_key, coarse_readings

from .checkcontract import run_check

# (name, text of another script): the name is there
FOUND = [
    ("Washington", "เครมลินแย้งว่าการคัดค้านของวอชิงตันนั้น"),  # Thai, no spaces
    ("Washington", "크렘린은 워싱턴에서 주장합니다."),  # Korean, particle
    ("Harvard", "올해 하버드 대학의 새로운 강좌는"),  # Korean: silent r
    ("Reuters", "익명을 요구한 대변인은 로이터스에 말했다"),
    ("Chelsea", "דניאל סטרידג‘ הציל את ליברפול מהפסד לצ‘לסי בפרמייר ליג"),  # Hebrew geresh
    ("Jaynes", "„זה דבר חיובי מאוד“, אמר ג‘יינס."),
    ("Gerrard", "Ο Μένγκα βάζει γκολ στους άνδρες του Τζέραρντ"),  # Greek, soft g
    ("Rangers", "με την αμεσότητά της να φέρνει σε δύσκολη θέση τους Ρέιντζερς."),
    ("Massachusetts", "Στη Μασαχουσέτη"),
    ("Kavanaugh", "डॉ. कवानाघ ने कहा"),  # Devanagari
    ("Abercrombie", "נתנו לאברקומבי חמצן"),  # Hebrew prefix
]


@pytest.mark.parametrize("name,text", FOUND)
def test_found(name: str, text: str) -> None:
    from reviewer.checks.names import found_by_sound

    assert found_by_sound(name, text), (coarse_readings(name), text)


# (name, text): not there, whatever sounds a little like it
NOT_FOUND = [
    ("Moll", "قال الدكتور إن الأمر خطير."),  # أمر (matter): two classes in an abjad
    ("Moll", "박사는 심각하다고 말했다."),  # 말했다 (said) is longer than a particle
    ("Washington", "크렘린은 이 사업에 대한 미국의 열렬한 반대는"),  # 미국: the USA
    ("Ronaldo", "제출된 서류에 의하면 그는 섹스를 한 사실을 인정하지만"),
    ("Harvard", "Στο πανεπιστήμιο φέτος"),
    ("Chelsea", "Он спас Ливерпуль от поражения."),
]


@pytest.mark.parametrize("name,text", NOT_FOUND)
def test_not_found(name: str, text: str) -> None:
    assert not coarse_found(name, text, cased=text[:1].isupper() and text.isascii())


def test_skeleton_classes() -> None:
    assert coarse_key("Washington") == coarse_key("워싱턴") == coarse_key("วอชิงตัน")
    assert coarse_key("Chelsea") == coarse_key("צ׳לסי") == coarse_key("צ‘לסי")
    assert coarse_key("하버드") in coarse_readings("Harvard")  # a silent r
    assert close("snktn", "snktns")  # an ending
    assert not close("nr", "nrt")  # two classes: equal only
    assert not close("krs", "tnb")


# (word, language, CLDR code it names)
PLACES = [
    ("Великобританії", "uk", "t:GB"),
    ("Великобританією", "uk", "t:GB"),
    ("Ühendkuningriigis", "et", "t:GB"),
    ("Storbritannien", "sv", "t:GB"),
    ("Yhdysvaltain", "fi", "t:US"),
    ("Indonesia", "en", "t:ID"),
]


@pytest.mark.parametrize("word,lang,code", PLACES)
def test_place_codes(word: str, lang: str, code: str) -> None:
    assert code in place_codes(word, lang)


@pytest.mark.parametrize("word", ["Donald", "Thomson", "Abercrombie", "Sanford", "Rushden"])
def test_names_are_no_places(word: str) -> None:
    assert place_codes(word, "en") == frozenset()


def test_place_found_by_initials_and_code() -> None:
    gb = frozenset({"t:GB"})
    assert place_found(gb, "negotiations between the UK and EU", "en")
    assert place_found(frozenset({"t:US"}), "the U.S. president", "en")
    assert place_found(gb, "in the United Kingdom", "en")
    assert place_found(gb, "in France", "en") is False


# good translations in twelve languages and scripts: nothing to report
PASSES = [
    ("Daniel Sturridge saved Liverpool from a loss to Chelsea.",
     "דניאל סטרידג‘ הציל את ליברפול מהפסד לצ‘לסי.", "en", "he"),
    ("A new course at Harvard University this year.", "올해 하버드 대학의 새로운 강좌는.", "en", "ko"),
    ("The Kremlin argues that Washington is wrong.", "เครมลินแย้งว่าวอชิงตันนั้นผิด", "en", "th"),
    ("Λίβινγκστον - Ρέιντζερς 1-0: Ο Μένγκα βάζει γκολ στους άνδρες του Τζέραρντ",
     "Livingston 1 - 0 Rangers: Menga goal downs Gerrard's men", "el", "en"),
    ("Фрімен написала: переговори між Великобританією та ЄС тривали.",
     "Freeman wrote: negotiations between the UK and EU have continued.", "uk", "en"),
    ("I brevet skrev Freeman: förhandlingarna mellan Storbritannien och EU fortsatte.",
     "In her letter, Freeman wrote: negotiations between the UK and EU continued.", "sv", "en"),
    ("Det Insp Bob Blemmings said damage was caused.",
     "Detektiv inspektor Bob Blemmings uvedl, že došlo k poškození.", "en", "cs"),
    ("Det Insp Bob Blemmings said damage was caused.",
     "Детектив інспектор Боб Блеммінгс зауважив, що було пошкоджено.", "en", "uk"),
    ("He lived in Harlem and Croydon.", "वह हार्लेम और क्रॉयडन में रहता था।", "en", "hi"),
    ("He lived in Harlem and Croydon.", "তিনি হারলেম এবং ক্রয়ডনে থাকতেন।", "en", "bn"),
    ("Trainers gave Abercrombie oxygen.", "أعطى المدربون أبركرومبي الأكسجين.", "en", "ar"),
    ("Trainers gave Abercrombie oxygen.", "トレーナーはアバクロンビーに酸素を与えた。", "en", "ja"),
    ("Trainers gave Abercrombie oxygen.", "训练员给阿伯克龙比输氧。", "en", "zh"),  # not judged
]


@pytest.mark.parametrize("source,target,sl,tl", PASSES)
def test_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run_check(EntityCheck, source, target, sl, tl) == []


# (source, target, sl, tl, side, flagged text): a name removed or replaced
FAILS = [
    ("Trainers gave Abercrombie oxygen yesterday.", "נתנו חמצן אתמול.", "en", "he", "source", "Abercrombie"),
    ("Trainers gave Abercrombie oxygen yesterday.", "트레이너들은 어제 산소를 주었다.", "en", "ko", "source", "Abercrombie"),
    ("Trainers gave Abercrombie oxygen yesterday.", "ผู้ฝึกสอนให้ออกซิเจนเมื่อวานนี้", "en", "th", "source", "Abercrombie"),
    ("Trainers gave Abercrombie oxygen yesterday.", "Οι προπονητές έδωσαν οξυγόνο χθες.", "en", "el", "source", "Abercrombie"),
    ("Trainers gave Abercrombie oxygen yesterday.", "प्रशिक्षकों ने कल ऑक्सीजन दी।", "en", "hi", "source", "Abercrombie"),
    ("Trainers gave Abercrombie oxygen yesterday.", "প্রশিক্ষকরা গতকাল অক্সিজেন দিয়েছেন।", "en", "bn", "source", "Abercrombie"),
    ("Trainers gave Abercrombie oxygen yesterday.", "Тренеры вчера дали кислород.", "en", "ru", "source", "Abercrombie"),
    ("Тренеры дали Аберкромби кислород.", "Trainers gave Castleford oxygen.", "ru", "en", "source", "Аберкромби"),
    ("His comments drew boos, Variety reported.", "Jego uwagi wywołały buczenie, poinformował Tellis.",
     "en", "pl", "target", "Tellis"),
    ("His comments drew boos, Variety reported.", "Ses propos ont été hués, a rapporté Tellis.",
     "en", "fr", "target", "Tellis"),
    ("Переговори між Великобританією та ЄС тривали.", "Negotiations between France and the EU continued.",
     "uk", "en", "source", "Великобританією"),
]


@pytest.mark.parametrize("source,target,sl,tl,side,text", FAILS)
def test_fails(source: str, target: str, sl: str, tl: str, side: str, text: str) -> None:
    found = run_check(EntityCheck, source, target, sl, tl)
    assert (side, text) in [(f.side, f.text) for f in found], found


# two-consonant skeletons: an initial h/g or a silent final d/t may differ, nothing
# else (Palu is no Близо, Arizona no Роза)
SHORT = [
    ("Palu", "Близо 16 700 души бяха евакуирани в 24 центъра в.", False),
    ("Arizona", "Рядко се случва да бъде ударена, докато ураганът Роза се носи.", False),
    ("Harlem", "Он жил в Гарлеме.", True),
    ("Hazard", "Гол забил Азар.", True),
]


@pytest.mark.parametrize("name,text,found", SHORT)
def test_two_consonant_names(name: str, text: str, found: bool) -> None:
    from reviewer.checks.names import found_by_sound

    assert found_by_sound(name, text) is found


def test_plural_of_a_word_is_a_name_translations_translate() -> None:
    # Olympics (olympic + s) translated, in languages that pluralise with -s and not
    assert run_check(EntityCheck, "He cared less about winning the Olympics.",
                     "Mniej obchodziło go wygranie olimpiady.", "en", "pl") == []
    assert run_check(EntityCheck, "He cared less about winning the Olympics.",
                     "Il tenait moins à gagner les Jeux olympiques.", "en", "fr") == []
    # a person's name ending in s is still required (Jacobs: jacob is no word)
    found = run_check(EntityCheck, "A deep free-kick by Jacobs found the skipper.",
                      "Głęboki rzut wolny znalazł kapitana.", "en", "pl")
    assert [f.text for f in found] == ["Jacobs"]


# titles and codes a translation writes out or abbreviates; derived words and compounds
WRITTEN_OUT = [
    ("Det Insp Bob Blemmings said damage was caused.",
     "Politiinspektør Bob Blemmings sagde, at der opstod skade.", "en", "da"),
    ("Detektif Inspektur Bob Blemmings mengatakan kerusakan terjadi.",
     "Det Insp Bob Blemmings said damage was caused.", "id", "en"),
    ("It was the stand out piece in the La Riviera SS19 collection.",
     "Das Stück der Sommer-2019-Kollektion „La Riviera“ stach hervor.", "en", "de"),
    ("The aspiration is not being endorsed by the Labour Party as a whole.",
     "Tato aspirace však není schválena labouristickou stranou jako celkem.", "en", "cs"),
]


@pytest.mark.parametrize("source,target,sl,tl", WRITTEN_OUT)
def test_written_out(source: str, target: str, sl: str, tl: str) -> None:
    assert run_check(EntityCheck, source, target, sl, tl) == []


def test_a_code_whose_number_is_gone_is_still_missing() -> None:
    found = run_check(EntityCheck, "It was the stand out piece in the SS19 collection.",
                      "Das Stück der Sommerkollektion stach hervor.", "en", "de")
    assert [(f.text, f.severity.name) for f in found] == [("SS19", "MAJOR")]


def test_ui_label_after_markup_is_no_name() -> None:
    # a label's first word after an inline tag or a menu separator is capitalised as
    # a sentence's is: no replaced name (Czech TMX of a user guide)
    found = run_check(EntityCheck, "Go to <f0>Format > Sparklines > Ungroup</f0> on the Menu bar.",
                      "Přejděte na <f0>Formát > Minigrafy > Zrušit skupinu</f0> na panelu nabídek.",
                      "en", "cs")
    assert all(f.side == "source" and f.severity.name == "MINOR" for f in found), found
