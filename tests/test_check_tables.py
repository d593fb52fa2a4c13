"""Check tables in Weblate's ``CheckTestCase`` shape (:mod:`tests.checkcontract`): per
check, pairs it must leave alone and pairs it must flag, in several languages and
scripts, run by one helper."""

from __future__ import annotations

from reviewer.checks.links import UrlCheck
from reviewer.checks.numbers import NumberCheck
from reviewer.checks.text import RepeatedWordCheck

from .checkcontract import CheckTestCase, Pair


class TestNumberTable(CheckTestCase):
    check = NumberCheck
    good = (
        Pair("Delete 3 files?", "Eliminare 3 file?"),
        Pair("It costs 1,250.50 euros.", "Es kostet 1.250,50 Euro.", tl="de"),
        Pair("Wait 5 minutes.", "Подождите 5 минут.", tl="ru"),
        Pair("Version 2.0 was released in 2024.", "2.0版于2024年发布。", tl="zh"),
    )
    bad = (
        Pair("Delete 3 files?", "Eliminare 4 file?", flagged="4"),
        Pair("It costs 1,250.50 euros.", "Es kostet 1.205,50 Euro.", tl="de"),
        Pair("Wait 5 minutes.", "Подождите 15 минут.", tl="ru", flagged="15"),
        Pair("Version 2.0 was released in 2024.", "2.0版于2023年发布。", tl="zh"),
    )


class TestRepeatedWordTable(CheckTestCase):
    check = RepeatedWordCheck
    good = (
        Pair("Use the same word.", "Usa la stessa parola."),
        Pair("Open the file.", "Откройте файл.", tl="ru"),
        Pair("He said it was so.", "Er sagte, dass das Auto rot ist.", tl="de"),
        # German allows "die die" (article + relative pronoun): not a typo
        Pair("The women who came.", "Die Frauen, die die Tür öffneten.", tl="de"),
    )
    bad = (
        Pair("Use the same word.", "Usa la la stessa parola.", flagged=" la"),
        Pair("Open the file.", "Откройте файл файл.", tl="ru"),
        Pair("Open the file now.", "Öffnen Sie die Datei Datei jetzt.", tl="de"),
    )


class TestUrlTable(CheckTestCase):
    check = UrlCheck
    good = (
        Pair("See https://example.com/docs.", "Vedi https://example.com/docs."),
        Pair("See https://example.com/docs.", "См. https://example.com/docs.", tl="ru"),
        Pair("See https://example.com/docs.", "انظر https://example.com/docs.", tl="ar"),
    )
    bad = (
        Pair("See https://example.com/docs.", "Vedi https://example.org/docs."),
        Pair("See https://example.com/docs.", "См. документацию.", tl="ru"),
        Pair("See https://example.com/docs.", "انظر https://exampel.com/docs.", tl="ar"),
    )
