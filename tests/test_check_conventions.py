"""Must-flag / must-not-flag tables for the punctuation and number family's language
rules (issues 16, 17, 24): each row is a segment pair in one language direction and
the findings of one check on it, in Latin, Cyrillic, Greek, Arabic, Hebrew,
Devanagari, Bengali, Chinese, Japanese, Korean and Thai texts."""

from __future__ import annotations

import pytest

from reviewer.checks import all_checks
from reviewer.checks.base import CheckContext
from reviewer.checks.punctuation import gershayim, scan_quotes
from reviewer.model import Segment


def run(check: str, source: str, target: str, sl: str, tl: str) -> list[tuple[str, str]]:
    """``(side, flagged text)`` of one check's findings on one pair."""
    seg = Segment(id="1", index=0, source=source, target=target)
    found = list(all_checks()[check]().run(seg, CheckContext(source_lang=sl, target_lang=tl)))
    for f in found:
        side = target if f.side == "target" else source
        assert side[f.start : f.end] == f.text
    return [(f.side, f.text) for f in found]


LONG_EN = "He said the disappearance of the old bars in the city was understandable."

# (check, source, target, source lang, target lang)
MUST_NOT_FLAG = [
    # Thai and Lao end sentences and questions without a mark
    ("punctuation", "Why has President Trump given up so much?",
     "ทำไมประธานาธิบดีทรัมป์ถึงยอมแพ้ได้ขนาดนี้", "en", "th"),
    ("punctuation", "ทำไมประธานาธิบดีทรัมป์ถึงยอมแพ้ได้ขนาดนี้",
     "Why has President Trump given up so much?", "th", "en"),
    ("punctuation", "Thank you for coming!", "ขอบคุณที่มา", "en", "th"),
    # a fragment turned into a label: word order moves the rest after the colon
    ("punctuation", "Authorize access for", "次へのアクセスを許可：", "en", "ja"),
    ("punctuation", "Show details for", "세부 정보 표시:", "en", "ko"),
    # a sentence that introduces the next one: colon or full stop
    ("punctuation", LONG_EN, "Исчезновение старых баров в городе, по его словам, можно понять:", "en", "ru"),
    ("punctuation", LONG_EN, "Er sagte, das Verschwinden der alten Bars in der Stadt sei verständlich:", "en", "de"),
    ("punctuation", "他说，城市里老酒吧的消失是可以理解的，这一点大家都明白：",
     "He said the disappearance of the old bars in the city was understandable.", "zh-TW", "en"),
    # Hebrew: a quotation opened after a one-letter proclitic; gershayim in abbreviations
    ("quotes", 'One member said his group was concerned "it rhymes with Twp and Pwp."',
     "חבר אחד אמר שאנשיו חוששים ש“זה יתחרז עם Twp ועם Pwp“.", "en", "he"),
    ("quotes", 'They called it "a treasure" and "an instrument."',
     "הם כינו אותו „אוצר“ ו“כלי נגינה“.", "en", "he"),
    ("stray-punctuation", "Send an e-mail to the army", 'שלחו דוא"ל לצה"ל', "en", "he"),
    ("stray-punctuation", "George said so", "ג'ורג' אמר כך", "en", "he"),
    # an apostrophe or geresh is no lost quotation; a mark of any kind keeps it
    ("quotes", '„Das ist gut, sagte er.', '"That is good, he said.', "de", "en"),
    ("quotes", "「これは良い。", "“This is good.", "ja", "en"),
    # stray-punctuation: suffixes after abbreviations, Greek question marks, sources
    # that have the mark, a CJK text's ASCII colon (the punctuation check's)
    ("stray-punctuation", "in the EU and the USA", "EU:n ja USA:n alueella", "en", "fi"),
    ("stray-punctuation", "How are you? Fine.", "Τι κάνεις; Καλά.", "en", "el"),
    ("stray-punctuation", "Wait; then go", "Warte; dann geh", "en", "de"),
    ("stray-punctuation", "Authorize access for", "次へのアクセスを許可:", "en", "ja"),
    # whitespace: no joining space in unspaced scripts; Thai phrase spaces
    ("whitespace", "Add ", "添加", "en", "zh-CN"),
    ("whitespace", "Add ", "追加", "en", "ja"),
    ("whitespace", "Nobody could believe it, the launch was so close.",
     "ไม่มีใครเชื่อว่าเรื่องนี้จะเกิดขึ้น  เพราะใกล้ถึงวันเปิดตัวเต็มทีแล้ว", "en", "th"),
    # length: short Chinese and Japanese UI strings condense
    ("length", "Download full text documents", "下载全文", "en", "zh-CN"),
    ("length", "The configuration is completed", "設定完了", "en", "ja"),
    # brackets: %(name)s is syntax; inflection markers; a quoted label as [label]
    ("brackets", "Deleting this page will also delete %(count)s translation.",
     "При удалении этой страницы будут удалены и %(count)s перевода.", "en", "ru"),
    ("brackets", "Tag(s) %(value)s are over %(max)d characters.",
     "Тег(и) %(value)s превыша(ет/ют) %(max)d символов.", "en", "ru"),
    ("brackets", "Click 'Open'.", "[開く]をクリックします。", "en", "ja"),
    ("brackets", 'Select "Save as" in the menu.', "在菜单中选择[另存为]。", "en", "zh-CN"),
    # number: rounded unit conversions, glued units, inflected unit words
    ("number", "A forensic examination confirmed that the 550 pound hog had mauled the farmer.",
     "Η εξέταση επιβεβαίωσε ότι ο χοίρος που ζύγιζε 227 κιλά είχε τραυματίσει τον αγρότη.", "en", "el"),
    ("number", "Ten years previously, a 650 pound pig pinned a Welsh farmer.",
     "Δέκα χρόνια πριν, ένας χοίρος 295 κιλών έριξε έναν αγρότη.", "en", "el"),
    ("number", "Ten years previously, a 650 pound pig pinned a Welsh farmer.",
     "O deset let dříve 300kg prase přimáčklo velšského farmáře.", "en", "cs"),
    ("number", "He was about 30 yards out from the goal.", "Si trovava a circa 25 metri dalla porta.", "en", "it"),
    # number: abbreviated percent words; adjectives of currency names are no currency
    ("number", "More than 10 percent of the population moved.",
     "Daugiau nei 10 proc. gyventojų persikėlė.", "en", "lt"),
    ("number", "Jones has a 40% stake in the firm.", "Jonesil on 40% suurune osalus firmas.", "et", "en"),
    ("number", "Kes jätkas 18 aastat tagasi suurema kariljoni mängimist.",
     "Who moved to the larger carillon 18 years ago.", "et", "en"),
    ("number", "China meldet Anstieg von 14 % bei neuen Fällen", "China reports 14% surge in new cases", "de", "en"),
    ("number", "Nạn nhân 44 tuổi được phát hiện.", "The 44-year-old was found.", "vi", "en"),
    ("number", "Thieves take $26,750 during ATM refill", "चोरों ने 26,750 डॉलर चुरा लिए", "en", "hi"),
    ("number", "More than 10 percent moved.", "১০ শতাংশের বেশি মানুষ সরে গেছে।", "en", "bn"),
    # placeholder: Qt's %1 with a unit glued on
    ("placeholder", "%1s", "%1 秒", "en", "zh-CN"),
    ("placeholder", "%1s", "%1 с", "en", "ru"),
    # empty: a joining word rendered by a sign
    ("empty", "of", "/", "en", "ja"),
]

MUST_FLAG = [
    # (check, source, target, sl, tl, expected (side, text))
    ("punctuation", "Name:", "Name.", "en", "de", ("target", ".")),
    ("punctuation", "Why has he given up so much?", "Почему он так много уступил", "en", "ru", ("target", "")),
    ("punctuation", "Why has he given up so much?", "他为什么让步这么多", "en", "zh-CN", ("target", "")),
    ("quotes", 'He said "this is good" today.', "הוא אמר “זה טוב היום.", "en", "he", ("target", "“")),
    ("quotes", '„Aber es ist sechs Uhr morgens, sagte er.',
     "But it's six in the morning, he said.", "de", "en", ("source", "„")),
    ("quotes", "次のように述べた。「製品は革新的だ。", "He commented: The product is revolutionary.",
     "ja", "en", ("source", "「")),
    ("stray-punctuation", "Around 16,700 people were evacuated to 24 centers in Palu.",
     "Around 16,700 people were evacuated to 24 centers in P;alu.", "en", "en", ("target", ";")),
    ("stray-punctuation", "More than 20 million people watched", "شاهد أكثر من 20 ملي;ون شخص", "en", "ar", ("target", ";")),
    ("stray-punctuation", "create their own personal online data store",
     "ihren eigenen Datenspeich:er erstellen", "en", "de", ("target", ":")),
    ("stray-punctuation", "Livingston miss chances against blunt visitors",
     "Livingston verpasst Chancen; gegen freimütig spielende Gäste", "en", "de", ("target", ";")),
    ("stray-punctuation", "for investigation and safety purposes",
     "जांच और; सुरक्षा उद्देश्य से", "en", "hi", ("target", ";")),
    ("whitespace", "Nobody could believe it.", "Niekas  negalėjo patikėti.", "en", "lt", ("target", "  ")),
    ("whitespace", "Nobody could believe it.", "아무도  믿을 수 없었다.", "en", "ko", ("target", "  ")),
    ("length", "Download full text documents", "下", "en", "ko", ("target", "下")),
    ("length", "Download all of the full text documents from the server and open them in the viewer",
     "下载", "en", "zh-CN", ("target", "下载")),
    ("brackets", "Delete (all) old files now", "Alte Dateien jetzt löschen", "en", "de", ("target", "")),
    ("number", "Ten years previously, a 650 pound pig pinned a Welsh farmer.",
     "O deset let dříve 200kg prase přimáčklo velšského farmáře.", "en", "cs", ("source", "650")),
    ("number", "Thieves take $26,750 during ATM refill",
     "Des voleurs subtilisent 26 750 lors du rechargement", "en", "fr", ("target", "26 750")),
    ("number", "The agency confirmed that 70 percent of those arrested had no record.",
     "L’agence a confirmé que 70 des personnes arrêtées n’avaient pas d’antécédents.", "en", "fr", ("target", "70")),
    ("number", "Diebe stehlen 26.750 US-Dollar während der Auffüllung",
     "Thieves take 26,750 during ATM refill", "de", "en", ("target", "26,750")),
    ("number", "More than 10 percent of the population moved.",
     "Daugiau nei 10 gyventojų persikėlė.", "en", "lt", ("target", "10")),
    ("number", "שלפחות 10 מיליארד דולר מהן כבר הוצאו", "at least 10 billion of which were spent", "he", "en",
     ("target", "10")),
    ("placeholder", "Wait %1s", "Warte", "en", "de", ("source", "%1s")),
    ("empty", "Open the file", ".", "en", "ja", ("target", ".")),
]


@pytest.mark.parametrize("check,source,target,sl,tl", MUST_NOT_FLAG)
def test_must_not_flag(check: str, source: str, target: str, sl: str, tl: str) -> None:
    assert run(check, source, target, sl, tl) == []


@pytest.mark.parametrize("check,source,target,sl,tl,expected", MUST_FLAG)
def test_must_flag(check: str, source: str, target: str, sl: str, tl: str,
                   expected: tuple[str, str]) -> None:
    assert expected in run(check, source, target, sl, tl)


def test_tables_cover_the_scripts() -> None:
    langs = {r[3] for r in MUST_NOT_FLAG + MUST_FLAG} | {r[4] for r in MUST_NOT_FLAG + MUST_FLAG}
    for code in ("de", "ru", "el", "ar", "he", "hi", "bn", "zh-CN", "ja", "ko", "th", "fr"):
        assert code in langs


@pytest.mark.parametrize("text,i,expected", [
    ('צה"ל', 2, True), ('דוא"ל', 3, True), ('ש"ח', 1, True), ("ארה“ב", 3, True),
    ("ש“זה", 1, False), ('he said "x"', 8, False), ('a"b', 1, False),
])
def test_gershayim(text: str, i: int, expected: bool) -> None:
    assert gershayim(text, i) is expected


def test_hebrew_quotation_after_proclitic_pairs() -> None:
    unmatched, pairs = scan_quotes("הם כינו אותו „אוצר“ ו“כלי נגינה“.", "he")
    assert unmatched == [] and len(pairs) == 2
