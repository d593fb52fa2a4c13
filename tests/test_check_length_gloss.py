"""The length check leaves bracketed glosses in another script out of the lengths it
compares (reviewer/checks/basic.py ``_without_glosses``): must-flag and must-not-flag
cases across scripts."""

from __future__ import annotations

import pytest

from reviewer.checks.basic import LengthCheck, _without_glosses

from .checkcontract import run_check

CHECK = LengthCheck()

SRC = "Sarah Palin cites Track Palin's PTSD at Donald Trump rally"

PASSES = [
    (SRC, "세라 페일린(Sarah Palin) 도널드 트럼프(Donald Trump) 집회에서 트랙 페일린(Track Palin)의 외상 후 스트레스 장애(PTSD) 인용", "en", "ko"),
    ("Il faut bien le faire.", "Il faut bien le faire. (それを成すべきだ)", "fr", "ja"),
    ("Il faut bien le faire. (それを成すべきだ)", "Il faut bien le faire.", "ja", "fr"),
    (SRC, "莎拉·佩林（Sarah Palin）在唐纳德·特朗普（Donald Trump）集会上谈及特拉克·佩林（Track Palin）的创伤后应激障碍（PTSD）", "en", "zh"),
    (SRC, "Сара Пейлин (Sarah Palin) на митинге Дональда Трампа (Donald Trump) говорит о ПТСР сына (Track Palin, PTSD)", "en", "ru"),
    (SRC, "Η Σάρα Πέιλιν (Sarah Palin) αναφέρεται στο PTSD του Τρακ Πέιλιν (Track Palin) σε συγκέντρωση του Ντόναλντ Τραμπ (Donald Trump)", "en", "el"),
    (SRC, "שרה פיילין (Sarah Palin) מזכירה את הפוסט-טראומה של טרק פיילין (Track Palin) בעצרת של דונלד טראמפ (Donald Trump)", "en", "he"),
    (SRC, "سارة بالين (Sarah Palin) تذكر اضطراب ما بعد الصدمة لدى تراك بالين (Track Palin) في تجمع دونالد ترامب (Donald Trump)", "en", "ar"),
    (SRC, "सारा पॉलिन (Sarah Palin) ने डोनाल्ड ट्रम्प (Donald Trump) की रैली में ट्रैक पॉलिन (Track Palin) के PTSD का ज़िक्र किया", "en", "hi"),
    (SRC, "ซาราห์ เพลิน (Sarah Palin) กล่าวถึง PTSD ของแทร็ก เพลิน (Track Palin) ที่การชุมนุมของโดนัลด์ ทรัมป์ (Donald Trump)", "en", "th"),
    (SRC, "সারা পেলিন (Sarah Palin) ডোনাল্ড ট্রাম্পের (Donald Trump) সমাবেশে ট্র্যাক পেলিনের (Track Palin) PTSD-র কথা বলেন", "en", "bn"),
    (SRC, "Sarah Palin zitiert bei einer Kundgebung von Donald Trump die PTBS von Track Palin", "en", "de"),
]

FAILS = [
    ("Sarah Palin cites PTSD", "세라 페일린(Sarah Palin) 도널드 트럼프(Donald Trump) 집회에서 트랙 페일린(Track Palin)의 외상 후 스트레스 장애(PTSD) 인용 및 기타 많은 일들", "en", "ko"),
    ("Sarah Palin cites PTSD", "Сара Пейлин (Sarah Palin) на большом митинге Дональда Трампа в Огайо говорит о посттравматическом стрессовом расстройстве сына", "en", "ru"),
    ("Sarah Palin cites PTSD", "Sarah Palin (Alaska) zitiert bei einer großen Kundgebung von Donald Trump in Ohio die posttraumatische Belastungsstörung ihres Sohnes", "en", "de"),
]


@pytest.mark.parametrize(("source", "target", "sl", "tl"), PASSES)
def test_gloss_not_counted(source: str, target: str, sl: str, tl: str) -> None:
    assert run_check(CHECK, source, target, sl, tl) == []


@pytest.mark.parametrize(("source", "target", "sl", "tl"), FAILS)
def test_long_still_flagged(source: str, target: str, sl: str, tl: str) -> None:
    assert run_check(CHECK, source, target, sl, tl) != []


def test_without_glosses() -> None:
    assert _without_glosses("세라 페일린(Sarah Palin) 인용") == "세라 페일린 인용"
    assert _without_glosses("Napoli (Italia) e Roma") == "Napoli (Italia) e Roma"  # same script
    assert _without_glosses("a (b") == "a (b"  # unpaired: left alone
