"""Other writings of the same figures (reviewer/checks/number_equiv.py and the unit words
of number_forms): must-flag and must-not-flag tables in many languages and scripts.

Each PASS row is a convention a professional translation follows (read from NTREX-128:
times on the other clock, conversions given in brackets, years of another era, day and
month in digits, unit words in other forms); each FAIL row is the same text with the
figure really changed or the unit really lost, which must still be found.
"""

from __future__ import annotations

import pytest

from reviewer.checks.numbers import NumberCheck
from reviewer.checks.punctuation import BracketsCheck, QuotesCheck
from reviewer.model import Finding

from .checkcontract import run_check

NUMBER = NumberCheck()

# (source, target, source lang, target lang)
NUMBER_PASSES = [
    # a time on the other clock (CLDR day periods: PM, 午後, 오후, 下午)
    ("Perfect time for a pint is 5.30pm on a Saturday", "Der perfekte Zeitpunkt ist samstags um 17:30 Uhr", "en", "de"),
    ("Perfect time for a pint is 5.30pm on a Saturday", "L’heure idéale est 17 h 30 le samedi.", "en", "fr"),
    ("Perfect time for a pint is 5.30pm on a Saturday", "Идеальное время для пинты пива — 17:30 в субботу", "en", "ru"),
    ("Perfect time for a pint is 5.30pm on a Saturday", "Η τέλεια ώρα για μια μπίρα είναι 17:30 το Σάββατο", "en", "el"),
    ("Perfect time for a pint is 5.30pm on a Saturday", "השעה המושלמת לבירה היא 17:30 ביום שבת", "en", "he"),
    ("Perfect time for a pint is 5.30pm on a Saturday", "เวลาที่เหมาะคือ 17.30 น. ในวันเสาร์", "en", "th"),
    ("Perfect time for a pint is 5.30pm on a Saturday", "শনিবার ১৭:৩০ বিয়ারের জন্য সেরা সময়", "en", "bn"),
    ("The meeting starts at 17:30.", "会议于下午5:30开始。", "en", "zh"),
    ("会議は17時30分に始まる。", "The meeting starts at 5.30 p.m.", "ja", "en"),
    ("회의는 오후 5:30에 시작한다.", "Die Sitzung beginnt um 17:30 Uhr.", "ko", "de"),
    # a conversion the source gives in brackets, left out or added
    ("at speeds of 800 kph (497 mph) before striking", "rychlostí 800 km/h, než narazila", "en", "cs"),
    ("within 200 miles of Phoenix", "в межах 200 миль (322 км) від Фенікса", "en", "uk"),
    # a year of another era, or in a code
    ("more than 4,000 adults in 2013", "ผู้ใหญ่กว่า 4,000 คนในปี 2556", "en", "th"),
    ("It happened in 2018.", "این در سال ۱۳۹۷ اتفاق افتاد.", "en", "fa"),
    ("the La Riviera SS19 collection", "kolekce La Riviera jaro/léto 2019", "en", "cs"),
    # a numeric day and month for a month name (CLDR month names)
    ("a summit in Singapore on June 12, when Kim", "huippukokouksessa Singaporessa 12.6. Lausunnossa", "en", "fi"),
    ("denied her request for asylum July 20.", "epäsivät häneltä turvapaikan 20.7.", "en", "fi"),
    # unit words in another form than CLDR's
    ("a 20-degree temperature difference", "প্রায় ২০ ডিগ্রি তাপমাত্রার পার্থক্য", "en", "bn"),
    ("a 20-degree temperature difference", "ほぼ20度の気温差がある。", "en", "ja"),
    ("a 20-degree temperature difference", "거의 20도의 온도차가 있었다.", "en", "ko"),
    ("a 20-degree temperature difference", "διαφορά σχεδόν 10 βαθμών", "en", "el"),
    ("a 20-degree temperature difference", "közel 10 fok a hőmérséklet-eltérés", "en", "hu"),
    ("a 20-degree temperature difference", "Chênh lệch nhiệt độ gần 20 độ giữa", "en", "vi"),
    ("a temperature difference of nearly 20 degrees Fahrenheit", "ein Temperaturunterschied von fast 11 ºC", "en", "de"),
    ("Of those, 70 percent said they would vote yes.", "وقال 70 في المائة من هؤلاء أنهم سيصوتون بنعم.", "en", "ar"),
    # no currency read into ordinary words
    ("Επιπλέον, το 38% δήλωσε ότι πίστεψε", "Additionally, 38 percent said they thought", "el", "en"),
    ("يبلغ 20 درجة بين كانساس سيتي وأوماها", "a 20-degree difference between Kansas City and Omaha", "ar", "en"),
    ("Попытка на 14 минуте, реализованная Фрезером", "The 14th minute try, converted by Frazier", "ru", "en"),
    ("Europe have the advantage, four points ahead with twelve more in play.",
     "欧州選抜が12試合を残して4ポイントリードしている。", "en", "ja"),
    # a small number with a Chinese, Japanese or Korean counter, said in words
    ("そのあだ名は彼の8番目のアルバムのタイトル", "the title of his eighth album", "ja", "en"),
    ("行われる第9シリーズがショーの最後", "the upcoming ninth series will be the last", "ja", "en"),
    ("어느 힙합 3인조는 그들의 음악을", "A hip hop trio wants to", "ko", "en"),
    ("这是第三次，也是10年来的第一次", "C'est la première fois en une décennie", "zh", "fr"),
    # a phone number read back in another order; an Arabic word that starts like a unit
    ("contact Crimestoppers on 0800 555 111 quoting log 247", "الاتصال على الرقم 111 555 0800 مع ذكر السجل 247", "en", "ar"),
    ("ولعب 32 مباراة، 10 منها كانت بالموسم الماضي", "Sims played in 32 games with 10 starts last season", "ar", "en"),
    # an ambiguous source number: the target's own reading, not a 'wrong separator'
    ("trên 4,000 người trưởng thành", "more than 4,000 adults", "vi", "en"),
    ("מעל 4,000 מבוגרים", "більше 4 000 дорослих", "he", "uk"),
    ("४,००० से अधिक वयस्क", "more than 4,000 adults", "hi", "en"),
    ("od války v roce 1953 30 000 Severokorejců", "30,000 North Koreans since the war in 1953", "cs", "en"),
]

# (source, target, source lang, target lang, texts that must be flagged)
NUMBER_FAILS = [
    ("Perfect time for a pint is 5.30pm on a Saturday", "Der perfekte Zeitpunkt ist samstags um 18:30 Uhr", "en", "de", {"18"}),
    ("Perfect time for a pint is 5.30 on a Saturday", "L’heure idéale est 17 h 30 le samedi.", "en", "fr", {"17"}),
    ("Perfect time for a pint is 5.30pm on a Saturday", "Идеальное время для пинты пива — 16:30 в субботу", "en", "ru", {"16"}),
    ("会議は17時30分に始まる。", "The meeting starts at 6.30 p.m.", "ja", "en", {"6.30"}),
    ("at speeds of 800 kph (497 mph) before striking", "rychlostí 900 km/h, než narazila", "en", "cs", {"900"}),
    ("within 200 miles of Phoenix", "в межах 537 миль (322 км) від Фенікса", "en", "uk", {"537"}),
    ("more than 4,000 adults in 2013", "ผู้ใหญ่กว่า 4,000 คนในปี 2557", "en", "th", {"2557"}),
    ("the La Riviera SS19 collection", "kolekce La Riviera jaro/léto 2018", "en", "cs", {"2018"}),
    ("a summit in Singapore on June 12, when Kim", "huippukokouksessa Singaporessa 13.6. Lausunnossa", "en", "fi", {"13.6"}),
    ("It is 20°C outside.", "外は20です。", "en", "ja", {"20"}),
    ("Of those, 70% said yes.", "그 중 70명이 찬성했다.", "en", "ko", {"70"}),
    ("It was 20° in the shade.", "Trong bóng râm là 20 người.", "en", "vi", {"20"}),
    ("Of those, 70% said yes.", "وقال 70 شخصا من هؤلاء نعم.", "en", "ar", {"70"}),
    ("Επιπλέον, το 38% δήλωσε ότι πίστεψε", "Additionally, 38 people said they thought", "el", "en", {"38"}),
    ("뉴욕 남부 법원이 사형 구형을 내린 지 10년이 다 됐다.", "It has been 11 years since the last case", "ko", "en", {"10", "11"}),
    ("彼の8番目のアルバム", "his 9th album", "ja", "en", {"9th"}),
    ("Of those, 70 بالمائة said yes", "Of those, 70 said yes", "ar", "en", {"70"}),
    ("contact Crimestoppers on 0800 555 111 quoting log 247", "الاتصال على الرقم 111 555 0900 مع ذكر السجل 247", "en", "ar", {"0900"}),
    ("Over 1,000,000 downloads", "Более 2 000 000 загрузок", "en", "ru", {"2 000 000"}),
    ("Costs 1,000 euros", "Costa 1,000 euro", "en", "it", {"1,000"}),
    ("od války v roce 1953 30 000 Severokorejců", "40,000 North Koreans since the war in 1953", "cs", "en", {"40,000"}),
]


def _texts(found: list[Finding]) -> set[str]:
    return {f.text for f in found}


@pytest.mark.parametrize(("source", "target", "sl", "tl"), NUMBER_PASSES)
def test_number_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run_check(NUMBER, source, target, sl, tl) == []


@pytest.mark.parametrize(("source", "target", "sl", "tl", "flagged"), NUMBER_FAILS)
def test_number_fails(source: str, target: str, sl: str, tl: str, flagged: set[str]) -> None:
    assert flagged <= _texts(run_check(NUMBER, source, target, sl, tl))


BRACKETS = BracketsCheck()
_LONG = " before it struck the coast and the houses along the shore of the bay."

BRACKET_PASSES = [
    (f"The tsunami had traveled at 800 kph (497 mph){_LONG}", "Vlna tsunami se šířila rychlostí 800 km/h, než zasáhla pobřeží a domy podél zálivu.", "en", "cs"),
    (f"The damage was along the coastline 300 km (190 miles) north of Palu{_LONG}", "Η ζημιά ήταν κατά μήκος της ακτής 300 χλμ. βόρεια του Παλού, πριν χτυπήσει τα σπίτια.", "en", "el"),
    (f"The tsunami had traveled at 800 kph (497 mph){_LONG}", "Цунами двигалось со скоростью 800 км/ч, прежде чем обрушилось на побережье и дома у залива.", "en", "ru"),
    (f"The tsunami had traveled at 800 kph (497 mph){_LONG}", "津波は時速800キロで移動し、その後海岸と湾岸の家々を襲った。", "en", "ja"),
]

BRACKET_FAILS = [
    (f"The damage was along the coastline 300 km (190 people) north of Palu{_LONG}", "Η ζημιά ήταν κατά μήκος της ακτής 300 χλμ. βόρεια του Παλού, πριν χτυπήσει τα σπίτια.", "en", "el"),
    ("Open the file (config.yaml) first.", "Otevřete nejprve soubor config.yaml.", "en", "cs"),
]


@pytest.mark.parametrize(("source", "target", "sl", "tl"), BRACKET_PASSES)
def test_brackets_conversion_dropped(source: str, target: str, sl: str, tl: str) -> None:
    assert run_check(BRACKETS, source, target, sl, tl) == []


@pytest.mark.parametrize(("source", "target", "sl", "tl"), BRACKET_FAILS)
def test_brackets_content_dropped(source: str, target: str, sl: str, tl: str) -> None:
    assert run_check(BRACKETS, source, target, sl, tl) != []


QUOTES = QuotesCheck()

QUOTE_PASSES = [
    ('"I think the messages were not delivered," he said.', "তিনি বলেছিলেন,”তার মানে বার্তাটি প্রেরণ করা হয়নি।”", "en", "bn"),
    ('She said her partner "and his sons," abused her.', "그녀는 파트너가 ”그리고 그의 아들들이,” 자신을 학대했다고 말했다.", "en", "ko"),
    ('"Hello," he said.', "”Hej”, sa han.", "en", "sv"),
    ('"Hello," he said.', "”Hei”, hän sanoi.", "en", "fi"),
    ('"Hello," he said.', "„Hallo“, sagte er.", "en", "de"),
]

QUOTE_FAILS = [
    ('"Hello," he said.', "Hallo,“ sagte er.", "en", "de"),
    ('"Hello," he said.', "Hej,” sa han.", "en", "sv"),
    ('"I think the messages were not delivered," he said.', "তিনি বলেছিলেন, ”তার মানে বার্তাটি প্রেরণ করা হয়নি।", "en", "bn"),
    ('"Hello," he said.', "«Привет, сказал он.", "en", "ru"),
]


@pytest.mark.parametrize(("source", "target", "sl", "tl"), QUOTE_PASSES)
def test_quotes_same_mark_both_ends(source: str, target: str, sl: str, tl: str) -> None:
    assert run_check(QUOTES, source, target, sl, tl) == []


@pytest.mark.parametrize(("source", "target", "sl", "tl"), QUOTE_FAILS)
def test_quotes_unpaired(source: str, target: str, sl: str, tl: str) -> None:
    assert run_check(QUOTES, source, target, sl, tl) != []
