"""Punctuation, brackets and quotes checks: table-driven ``fails``/``passes`` cases.
False alarms matter as much as misses, so the ``passes`` tables are long."""

from __future__ import annotations

from typing import Any

import pytest

from reviewer.checks.base import Check
from reviewer.checks.punctuation import (
    CHECKS,
    BracketsCheck,
    PunctuationCheck,
    QuotesCheck,
    scan_brackets,
    scan_quotes,
)
from reviewer.model import Finding, Severity

from .checkcontract import run_check

NBSP, NNBSP = "\u00a0", "\u202f"

SEED_EN = (
    "On September 22, 2025, Nvidia unveiled plans to invest up to $100 billion in "
    "OpenAI, signaling a deepening of their long-standing collaboration. (blogs.nvidia.com)"
)
SEED_IT = (
    "Il 22 settembre 2025, Nvidia ha svelato i piani per investire fino a $ 100 miliardi "
    "in Openi, segnalando un approfondimento della loro collaborazione di lunga data. "
    "(blogs.nvidia.com)"
)


def run(
    cls: type[Check],
    source: str,
    target: str,
    sl: str | None = "en",
    tl: str | None = "it",
    target_only: bool = False,
    options: dict[str, Any] | None = None,
) -> list[Finding]:
    """Run one check on one segment (the finding contract asserted)."""
    return run_check(cls, source, target, sl, tl, target_only=target_only, options=options,
                     category="linguistic", sentence=True)


def test_registry_ids() -> None:
    assert [c.id for c in CHECKS] == ["punctuation", "brackets", "quotes"]
    assert not any(c.needs_source for c in CHECKS)


# --- punctuation -------------------------------------------------------------------------

PUNCT_FAILS = [
    # source, target, source lang, target lang, flagged text, suggestion
    ("Hello world.", "Ciao mondo", "en", "it", "", "."),
    ("Are you sure?", "Sei sicuro.", "en", "it", ".", "?"),
    ("Hello world", "Ciao mondo!", "en", "it", "!", ""),
    ("Loading...", "Caricamento.", "en", "it", ".", "..."),
    ("Loading…", "Caricamento", "en", "it", "", "…"),
    ("Warning!", "Attenzione:", "en", "it", ":", "!"),
    ("Name:", "Nome", "en", "it", "", ":"),
    ("Are you sure?", "Είστε σίγουροι", "en", "el", "", "\u037e"),
    ("Are you sure?", "هل أنت متأكد.", "en", "ar", ".", "؟"),
    ("Save it.", "इसे सहेजें", "en", "hi", "", "।"),
    ("Saved.", "已保存", "en", "zh-Hans", "", "。"),
    ("Saved.", "保存しました", "en", "ja", "", "。"),
    ("Are you sure?", "Êtes-vous sûr", "en", "fr", "", NNBSP + "?"),
    # language conventions
    ("Saved.", "已保存.", "en", "zh-Hans", ".", "。"),
    ("Done, next", "完成,下一步", "en", "zh-Hant", ",", "，"),
    ("Done, next", "完了,次へ", "en", "ja", ",", "、"),
    ("What?", "Τι?", "en", "el", "?", "\u037e"),
    ("Name?", "Nom?", "en", "fr", "?", NNBSP + "?"),
    ("Stop!", "Arrêtez!", "en", "fr-FR", "!", NNBSP + "!"),
    ("Name:", "Nom:", "en", "fr", ":", NBSP + ":"),
    ("Name:", "Nom:", "en", "fr-CA", ":", NBSP + ":"),
    ("Really?", "Davvero ?", "en", "it", " ?", "?"),
    ("Note: this", "Nota : questo", "en", "it", " :", ":"),
    ("Remarque : ceci", "Note : this", "fr", "en", " :", ":"),
    ("Are you sure?", "Estás seguro?", "en", "es", "", "¿"),
    ("Great!", "Genial!", "en", "es-MX", "", "¡"),
    ("Done. Are you sure?", "Hecho. Estás seguro?", "en", "es", "", "¿"),
    ("Hello, world", "Ciao , mondo", "en", "it", " ,", ","),
    ("It is fine. Next step", "Va bene.Prossimo passo", "en", "it", ".", ". "),
    ("Yes, no", "Sì,no grazie", "en", "it", ",", ", "),
]


@pytest.mark.parametrize("source,target,sl,tl,text,suggestion", PUNCT_FAILS)
def test_punctuation_fails(
    source: str, target: str, sl: str, tl: str, text: str, suggestion: str
) -> None:
    found = run(PunctuationCheck, source, target, sl, tl)
    assert [(f.side, f.text, f.suggestion) for f in found] == [("target", text, suggestion)]
    assert found[0].severity is Severity.MINOR


def test_punctuation_inverted_mark_position() -> None:
    (f,) = run(PunctuationCheck, "OK. Really?", "Vale. «De verdad?»", "en", "es")
    assert f.start == f.end == 7 and f.suggestion == "¿"


PUNCT_PASSES = [
    # a full stop added to a heading is house style (NTREX headlines), in any script
    ("Hello world", "Ciao mondo.", "en", "it"),
    ("Police clash with separatists", "Полиция столкнулась с сепаратистами.", "en", "ru"),
    ("Hurricane remnants bring rain", "إعصار يجلب الأمطار.", "en", "ar"),
    ("Hello world.", "Ciao mondo.", "en", "it"),
    ("What?", "Τι;", "en", "el"),
    ("What?", "Τι\u037e", "en", "el"),
    ("What; then", "Τι· τότε", "en", "el"),
    ("What?", "ما هذا؟", "en", "ar"),
    ("Saved.", "已保存。", "en", "zh-Hans"),
    ("保存しました。", "Saved.", "ja", "en"),
    ("Save it.", "इसे सहेजें।", "en", "hi"),
    ("Saved.", "บันทึกแล้ว", "en", "th"),
    ("Loading...", "Caricamento…", "en", "it"),
    ("Loading…", "Caricamento...", "en", "it"),
    ("Loading ...", "Caricamento ...", "en", "it"),
    ('He said "fine."', "Ha detto «bene».", "en", "it"),
    ("The end.", "La fine.»", "en", "it"),
    ("He said “Stop!”.", "Ha detto «Fermati!»", "en", "it"),
    ('He said "Stop!"', "Ha detto «Fermati!».", "en", "it"),
    ("Hello (world)", "Ciao (mondo)", "en", "it"),
    ("He said: “Go!”", "Er sagte: „Geh!“", "en", "de"),
    ("He said: “Go!”", "Han sagde: »Gå!«", "en", "da"),
    ("The U.S. market", "Il mercato U.S.A.", "en", "it"),
    ("Made by Apple Inc.", "Prodotto da Apple Inc", "en", "it"),
    ("Files, folders etc.", "File, cartelle ecc.", "en", "it"),
    ("Hello (world).", "Ciao (mondo.)", "en", "it"),
    ("Name:", "Nom :", "en", "fr"),
    ("Name:", "Nom" + NBSP + ":", "en", "fr"),
    ("Really?", "Vraiment" + NNBSP + "?", "en", "fr"),
    ("Really?!", "Vraiment ?!", "en", "fr"),
    ("Time: 10:30", "Heure : 10:30", "en", "fr"),
    ("See http://example.com/?a=1", "Voir http://example.com/?a=1", "en", "fr"),
    ("Name?", "Nom?", "en", "fr-CA"),
    ("Name?", "Nom ?", "en", "fr-CA"),
    ("Are you sure?", "¿Estás seguro?", "en", "es"),
    ("Great!", "¡Genial!", "en", "es"),
    ("If you want, are you coming?", "Si quieres, ¿vienes?", "en", "es"),
    ("Are you using v1.2?", "¿Usas la v1.2?", "en", "es"),
    ("What? Really?", "¿Qué? ¿De verdad?", "en", "es"),
    ("Open config.json now", "Apri config.json ora", "en", "it"),
    ("Use Node.js", "Usa Node.js", "en", "it"),
    ("See System.String", "Vedi System.String", "en", "it"),
    ("e.g. this", "z.B. das", "en", "de"),
    ("Visit www.Example.com", "Visita www.Example.com", "en", "it"),
    ("Version 2.0", "版本 2.0", "en", "zh-Hans"),
    ("Open file.txt", "打开 file.txt", "en", "zh-Hans"),
    ("Price: 5 €", "Prezzo: 5 €", "en", "it"),
    ("a ? b : c", "a ? b : c", "en", "it"),
    ("Smile :)", "Sorridi :)", "en", "it"),
    ("Items:", "Elementi:", "en", "it"),
    ("Click OK.", "Fare clic su OK.", "en", "it"),
    ("Loading, please wait", "Caricamento, attendere", "en", "it"),
    ("3.5 GB, 1,5 GB", "3,5 GB, 1.5 GB", "en", "it"),
    (SEED_EN, SEED_IT, "en", "it"),
    ("The genesis of the partnership", "la genesi della partnership", "en", "it"),
    ("", "Il 22 settembre 2025, Nvidia ha svelato i piani.", "en", "it"),
    ("", "Ciao mondo.", None, None),
]


@pytest.mark.parametrize("source,target,sl,tl", PUNCT_PASSES)
def test_punctuation_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run(PunctuationCheck, source, target, sl, tl, target_only=not source) == []


def test_punctuation_target_only_runs_target_rules() -> None:
    (f,) = run(PunctuationCheck, "", "Nom?", None, "fr", target_only=True)
    assert f.text == "?" and f.suggestion == NNBSP + "?"


# --- brackets ----------------------------------------------------------------------------

BRACKET_FAILS = [
    # source, target, source lang, target lang, flagged text
    ("Open (file)", "Apri (file", "en", "it", "("),
    ("Open file", "Apri file)", "en", "it", ")"),
    ("See [1]", "Vedi [1", "en", "it", "["),
    ("a (b [c] d)", "a (b [c d)", "en", "it", "["),
    ("(Optional)", "（可选", "en", "zh-Hans", "（"),
    ("Open (file)", "Apri file", "en", "it", ""),
    ("Open file %s", "Apri (%s) file", "en", "it", "(%s)"),
    ("Open [file]", "Apri (file)", "en", "it", ""),
]


@pytest.mark.parametrize("source,target,sl,tl,text", BRACKET_FAILS)
def test_brackets_fails(source: str, target: str, sl: str, tl: str, text: str) -> None:
    found = run(BracketsCheck, source, target, sl, tl)
    assert found and all(f.side == "target" for f in found)
    assert text in [f.text for f in found]


def test_brackets_added_pairs_are_neutral() -> None:
    (f,) = run(BracketsCheck, "Submodule path '%s' not initialized",
               "Percorso del sottomodulo ('%s') non inizializzato")  # fmt: skip
    assert f.text == "('%s')" and f.severity is Severity.NEUTRAL
    (f,) = run(BracketsCheck, "git switch [<options>] [<branch>]",
               "git switch [<opzioni>] <branch>")  # fmt: skip
    assert f.text == "" and f.severity is Severity.MINOR


def test_brackets_glosses_in_another_script() -> None:
    # the original form of a name added or dropped in brackets: Thai, Chinese,
    # Japanese, Korean, Russian, Hindi, Arabic targets and sources
    for src, tgt, sl, tl in (
        ("Nielsen said so.", "เนลสัน (Nielsen) กล่าว", "en", "th"),
        ("Fisk University students", "菲斯克大学（Fisk University）的学生", "en", "zh"),
        ("菲斯克大学（Fisk University）的学生", "Fisk University students", "zh", "en"),
        ("Nielsen said so.", "ニールセン（Nielsen）は言った", "en", "ja"),
        ("Nielsen said so.", "닐슨(Nielsen)은 말했다", "en", "ko"),
        ("Nielsen said so.", "Нильсен (Nielsen) сказал", "en", "ru"),
        ("Nielsen said so.", "नील्सन (Nielsen) ने कहा", "en", "hi"),
        ("Nielsen said so.", "قال نيلسن (Nielsen)", "en", "ar"),
    ):
        assert run(BracketsCheck, src, tgt, sl, tl) == [], (src, tgt)
    # a gloss in the same script is content: still counted
    assert run(BracketsCheck, "Open (file)", "Apri file")
    (f,) = run(BracketsCheck, "Нильсен (Nielsen) сказал (вчера)", "Nielsen said", "ru", "en")
    assert f.severity is Severity.MINOR


def test_brackets_added_explanations_in_prose_are_style() -> None:
    # a translator's added explanation or acronym: not reported, in several languages
    for src, tgt, tl in (
        ("Open file", "Apri (il) file", "it"),
        ("at Stadio San Paolo in Naples, Italy.", "au stade San Paolo de Naples (Italie).", "fr"),
        ("Obrador pledged.", "Andrés Manuel López Obrador (AMLO) zobowiązał się.", "pl"),
        ("around 7:30 pm", "около 19:30 по британскому времени (BST)", "ru"),
        ("the vestry wrote", "η επιτροπή (το διοικητικό όργανο) έγραψε", "el"),
    ):
        assert run(BracketsCheck, src, tgt, "en", tl) == [], tgt
    # a dropped bracket whose numbers stay in the translation: a conversion kept
    assert run(BracketsCheck, "45 miles (72 kilometers) away", "a 72 km de distancia", "en", "es") == []
    # dropped words are still lost content
    assert run(BracketsCheck, "the volcano (Popocatépetl) erupted", "il vulcano è esploso", "en", "it")


def test_brackets_count_message() -> None:
    (f,) = run(BracketsCheck, "Open (a) (b)", "Apri (a) b")
    assert "2" in f.message and "1" in f.message and (f.start, f.end) == (10, 10)


BRACKET_PASSES = [
    ("Open (file)", "Apri (file)", "en", "it"),
    ("Open (file)", "打开（文件）", "en", "zh-Hans"),
    ("%d file(s)", "%d file", "en", "it"),
    ("a) first b) second", "a) primo b) secondo", "en", "it"),
    ("1) Open", "1) Apri", "en", "it"),
    ("Hello :)", "Ciao :)", "en", "it"),
    ("Sad :-(", "Triste :-(", "en", "it"),
    ("Open (file", "Apri (file", "en", "it"),
    ("[Unused]", "[Inutilizzato]", "en", "it"),
    ("{count, plural, one {# file} other {# files}}",
     "{count, plural, one {# plik} few {# pliki} many {# plików} other {# pliku}}", "en", "pl"),
    (SEED_EN, SEED_IT, "en", "it"),
    ("", "Apri (file)", "en", "it"),
    ("", "a) primo, b) secondo", "en", "it"),
]  # fmt: skip


@pytest.mark.parametrize("source,target,sl,tl", BRACKET_PASSES)
def test_brackets_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run(BracketsCheck, source, target, sl, tl, target_only=not source) == []


def test_scan_brackets() -> None:
    unmatched, pairs = scan_brackets("a (b [c] d) end)")
    assert unmatched == [15]
    assert pairs == [("[", 5, 8), ("(", 2, 11)]


# --- quotes ------------------------------------------------------------------------------

QUOTE_FAILS = [
    # source, target, source lang, target lang, flagged text, suggestion
    ("Save “this”", "Salva «questo", "en", "it", "«", None),
    ("Save “this”", "Salva questo»", "en", "it", "»", None),
    ('Say "hi"', 'Di\' "ciao', "en", "it", '"', None),
    ("He said “hello”", "Er sagte „hallo", "en", "de", "„", None),
    ("Say “hi”", "「こんにちは", "en", "ja", "「", None),
    ("", "Ha detto «ciao", None, "it", "«", None),
    ("Save “this”", 'Salva "questo"', "en", "it", '"questo"', "«questo»"),
    ("Save “this”", 'Enregistrer "ceci"', "en", "fr", '"ceci"', f"«{NBSP}ceci{NBSP}»"),
    ("Press “OK”", 'Drücken Sie "OK"', "en", "de", '"OK"', "„OK“"),
    ("Press “OK”", 'Pressione "OK"', "en", "pt-BR", '"OK"', "“OK”"),
    ("Press “OK”", '按"确定"', "en", "zh-Hans", '"确定"', "“确定”"),
    # the source's quotations pair up, so the target's lone mark is an error
    ('He said "we won" today.', "Он сказал «мы победили сегодня.", "en", "ru", "«", None),
    ('He said "we won" today.', "Είπε «κερδίσαμε σήμερα.", "en", "el", "«", None),
    ('He said "we won" today.', "قال «لقد فزنا اليوم.", "en", "ar", "«", None),
    ('Er sagte „wir haben gewonnen“.', 'He said "we won.', "de", "en", '"', None),
    ('He said "we won" today.', "彼は「勝った」と今日言った」", "en", "ja", "」", None),
]

# the source quotes a statement; the translation has no quotation mark at all
QUOTE_LOST = [
    ('He said: "We will win this match easily."', "Он сказал: мы легко выиграем этот матч.", "en", "ru"),
    ('He said: "We will win this match easily."', "Είπε: θα κερδίσουμε εύκολα αυτόν τον αγώνα.", "en", "el"),
    ('Er sagte: „Wir werden dieses Spiel leicht gewinnen.“', "He said we would win the match easily.", "de", "en"),
]


@pytest.mark.parametrize("source,target,sl,tl", QUOTE_LOST)
def test_quotes_lost(source: str, target: str, sl: str, tl: str) -> None:
    (f,) = run(QuotesCheck, source, target, sl, tl)
    assert f.side == "source" and source[f.start] in "\"„" and f.suggestion is None


def test_quotes_lost_not_where_the_convention_is_unknown() -> None:
    # direct speech turned into indirect ("said that ...") in a language whose
    # quotation-mark convention the check does not know: it cannot judge, so silent
    for tgt, tl in (
        ("उसने कहा कि हम यह मैच आसानी से जीतेंगे।", "hi"),
        ("انہوں نے کہا کہ ہم یہ میچ آسانی سے جیتیں گے۔", "ur"),
        ("তিনি বলেছেন যে আমরা এই ম্যাচটি সহজেই জিতব।", "bn"),
        ("เขากล่าวว่าเราจะชนะการแข่งขันนี้ได้อย่างง่ายดาย", "th"),
    ):
        assert run(QuotesCheck, 'He said: "We will win this match easily."', tgt, "en", tl) == [], tl
    # an unpaired mark is still an error there
    (f,) = run(QuotesCheck, 'He said: "We will win this match easily."',
               "उसने कहा, “हम यह मैच आसानी से जीतेंगे।", "en", "hi")
    assert f.text == "“"


def test_quotes_lost_not_for_names() -> None:
    # a quoted name or title may lose its marks by the target's conventions
    assert run(QuotesCheck, 'He was known as "Yuan" there.', "Беше известен като Юан.", "en", "bg") == []
    assert run(QuotesCheck, 'The show "This Morning" ended.', "Ο «This Morning» έληξε.", "en", "el") == []


def test_french_guillemet_spacing() -> None:
    (f,) = run(PunctuationCheck, 'He said "yes".', "Il a dit «oui »." , "en", "fr")
    assert f.text == "«" and f.suggestion == "«" + NBSP
    (f,) = run(PunctuationCheck, 'He said "yes".', "Il a dit « oui».", "en", "fr")
    assert f.text == "»" and f.suggestion == NBSP + "»"
    assert run(PunctuationCheck, 'He said "yes".', f"Il a dit «{NBSP}oui{NBSP}».", "en", "fr") == []
    assert run(PunctuationCheck, 'He said "yes".', "Il a dit « oui ».", "en", "fr") == []
    # Swiss French and other languages set guillemets without spaces
    assert run(PunctuationCheck, 'He said "yes".', "Il a dit «oui».", "en", "fr-CH") == []
    assert run(PunctuationCheck, 'He said "yes".', "Он сказал «да».", "en", "ru") == []


@pytest.mark.parametrize("source,target,sl,tl,text,suggestion", QUOTE_FAILS)
def test_quotes_fails(
    source: str, target: str, sl: str, tl: str, text: str, suggestion: str | None
) -> None:
    found = run(QuotesCheck, source, target, sl, tl, target_only=not source)
    assert [(f.side, f.text, f.suggestion) for f in found] == [("target", text, suggestion)]
    assert found[0].severity is Severity.MINOR


def test_quotes_typographic_option_is_neutral() -> None:
    opts = {"typographic": True}
    (f,) = run(QuotesCheck, 'Save "this"', 'Salva "questo"', options=opts)
    assert f.severity is Severity.NEUTRAL and f.suggestion == "«questo»"
    assert run(QuotesCheck, 'Save "this"', 'Salva "questo"') == []


QUOTE_PASSES = [
    # English straight quotes are ordinary typography (unless opted in)
    ("Er sagte „hallo“", 'He said "hello"', "de", "en"),
    ("彼は「こんにちは」と言った", 'He said "hello"', "ja", "en"),
    # a quotation spanning segments: the source's own mark has no partner either
    ('Then he "realized that he was yelling, \'I got bit!', "Dann erkannte er: „Ich bin gebissen worden!", "en", "de"),
    ("Now we have this great relationship.\"", "Jetzt haben wir diese Beziehung.“", "en", "de"),
    # the source has no quotation marks at all (some translations drop them)
    ("اب ہمارے تعلقات زبردست ہیں۔", 'Now we have this great relationship."', "ur", "en"),
    # single quotes used as quotation marks in the source
    ("He said: 'The case is open.", "Він сказав: «Справа відкрита.", "en", "uk"),
    # Hebrew gershayim inside a word, in any mark
    ("the U.S. and the U.N.", "ארה“ב והאו“ם", "en", "he"),
    ('the U.S. and the U.N.', 'ארה"ב והאו"ם', "en", "he"),
    # mixed styles still pair
    ('He said "devastated".', "Er sagte „erschüttert\".", "en", "de"),
    ('He said "devastated".', 'Он сказал "потрясены».', "en", "ru"),
    ("He said “hello”", "เขาพูดว่า “สวัสดี”", "en", "th"),
    ("He said “hello”", "그는 “안녕”이라고 말했다", "en", "ko"),
    ("Save “this”", "Salva «questo»", "en", "it"),
    ("Save “this”", "Salva “questo”", "en", "it"),
    ("Don't save", "Non salvare l'intelligenza", "en", "it"),
    ("The AI’s future", "Il futuro dell’IA", "en", "it"),
    ('Save "this"', 'Salva "questo"', "en", "it"),
    ('A 27" monitor', 'Un monitor da 27"', "en", "it"),
    ("He said “hello”", "Er sagte „hallo“", "en", "de"),
    ("He said “hello”", "Er sagte »hallo«", "en", "de"),
    ("He said “hello”", "Han sa ”hej”", "en", "sv"),
    ("He said “hello”", "Han sagde »hej«", "en", "da"),
    ("He said “hello”", f"Il a dit «{NBSP}bonjour{NBSP}»", "en", "fr"),
    ("He said “hello”", "Il a dit « bonjour ».", "en", "fr"),
    ("He said “hello”", "他说“你好”。", "en", "zh-Hans"),
    ("He said “hello”", "彼は「こんにちは」と言った", "en", "ja"),
    ("He said “Say ‘hi’”", "Ha detto «Di’ “ciao”»", "en", "it"),
    ('Click <a href="x">here</a>', 'Fai clic <a href="x">qui</a>', "en", "it"),
    ("“Hello", "«Ciao", "en", "it"),
    ("The “army”", 'צה"ל הוא “צבא”', "en", "he"),
    ("", "Ha detto «ciao» e “arrivederci”", None, "it"),
    (SEED_EN, SEED_IT, "en", "it"),
]


@pytest.mark.parametrize("source,target,sl,tl", QUOTE_PASSES)
def test_quotes_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run(QuotesCheck, source, target, sl, tl, target_only=not source) == []


def test_scan_quotes_roles() -> None:
    unmatched, pairs = scan_quotes("„Er sagte ‚hallo‘“ und ging.", "de")
    assert unmatched == [] and pairs == [(0, 18, 1)]
    unmatched, _ = scan_quotes('Il "file', "it")
    assert unmatched == [(3, 0)]


def test_quotes_skip_reason_names_unknown_conventions() -> None:
    from reviewer.checks.base import CheckContext

    assert QuotesCheck().skip_reason(CheckContext(target_lang="it")) is None
    assert QuotesCheck().skip_reason(CheckContext(target_lang="ja")) is None
    why = QuotesCheck().skip_reason(CheckContext(target_lang="bn"))
    assert why and "unpaired" in why


# an aside of running prose folded into the sentence (a region, an acronym, a gloss of
# a term kept untranslated) is style; in a label, or with code or a lost number, it is not
PROSE_ASIDE_PASSES = [
    ("Le Plaid Cymru (Parti du Pays de Galles) n'est pas satisfait et a proposé d'autres formules.",
     "Plaid Cymru is not happy and has put forward other options.", "fr", "en"),
    ("Liverpool zmierzy się z klubem Napoli w środę na Stadio San Paolo w Neapolu (Włochy).",
     "Liverpool play Napoli on Wednesday at Stadio San Paolo in Naples, Italy.", "pl", "en"),
    ("Die Polizei hat einen Spieler an der Louisiana State University (LSU) festgenommen und befragt.",
     "Police have arrested and questioned a player at LSU.", "de", "en"),
    ("Полиция просит связаться через Twitter (@MerPolCC) или позвонить по номеру 101 сегодня.",
     "Police ask people to DM @MerPolCC or call 101 today.", "ru", "en"),
    ("Ο βουλευτής της Ουαλίας (Welsh Parliament) δήλωσε ότι το κόμμα δεν είναι ικανοποιημένο σήμερα.",
     "The Welsh Parliament member said the party is not satisfied today.", "el", "en"),
    ("المتحدث باسم الوكالة قال في مؤتمر صحفي (الجمعة) إن كثيرا من الناس عالقون تحت الأنقاض",
     "The agency spokesman told a news conference that many people were trapped.", "ar", "en"),
    ("הדובר אמר במסיבת עיתונאים (ביום שישי) כי אנשים רבים לכודים מתחת להריסות הבניינים",
     "The spokesman told a news conference that many people were trapped.", "he", "en"),
    ("प्रवक्ता ने एक संवाददाता सम्मेलन (शुक्रवार) में कहा कि कई लोग मलबे में फंसे हुए हैं",
     "The spokesman told a news conference that many people were trapped.", "hi", "en"),
    ("মুখপাত্র একটি সংবাদ সম্মেলনে (শুক্রবার) বলেছেন যে অনেক মানুষ ধ্বংসস্তূপে আটকে আছে",
     "The spokesman told a news conference that many people were trapped.", "bn", "en"),
    ("龙目岛地震过后，例如国外的非政府组织被告知无需其帮助（援助），许多人仍然被困。",
     "After the Lombok earthquake, foreign NGOs were told their help was not needed.", "zh", "en"),
    ("地震の後、外国の非政府組織は支援（援助）は必要ないと伝えられ、多くの人が取り残された。",
     "After the earthquake, foreign NGOs were told their help was not needed.", "ja", "en"),
    ("지진 이후 외국 비정부기구들은 도움(원조)이 필요 없다는 말을 들었고 많은 사람들이 갇혔다.",
     "After the earthquake, foreign NGOs were told their help was not needed.", "ko", "en"),
    ("หลังแผ่นดินไหว องค์กรพัฒนาเอกชนต่างชาติได้รับแจ้งว่าไม่ต้องการความช่วยเหลือ (การสนับสนุน) จากพวกเขา",
     "After the earthquake, foreign NGOs were told their help was not needed.", "th", "en"),
]  # fmt: skip

PROSE_ASIDE_FAILS = [
    # a label, not prose
    ("Save the file (optional)", "Datei speichern", "en", "de"),
    ("Открыть файл (только чтение)", "Open file", "ru", "en"),
    ("ファイルを開く（読み取り専用）", "Open file", "ja", "en"),
    # prose, but code or a number the translation lacks is in the brackets
    ("Run the installer again and then restart the computer (see %s for details).",
     "Führen Sie das Installationsprogramm erneut aus und starten Sie den Computer neu.", "en", "de"),
    ("Waves reached as high as twenty feet along the coast of the island (6 metres) on Friday.",
     "Οι κυματισμοί έφτασαν τα είκοσι πόδια στην ακτή του νησιού την Παρασκευή.", "en", "el"),
]  # fmt: skip


@pytest.mark.parametrize("source,target,sl,tl", PROSE_ASIDE_PASSES)
def test_brackets_prose_asides_dropped_are_style(source: str, target: str, sl: str, tl: str) -> None:
    assert run(BracketsCheck, source, target, sl, tl) == []


@pytest.mark.parametrize("source,target,sl,tl", PROSE_ASIDE_FAILS)
def test_brackets_dropped_in_labels_or_with_code(source: str, target: str, sl: str, tl: str) -> None:
    (f,) = run(BracketsCheck, source, target, sl, tl)
    assert f.severity is Severity.MINOR and "0" in f.message


def test_quotes_arabic_conjunction_before_a_quotation() -> None:
    # 'و"أنه': the conjunction written onto the quotation; its mark opens a pair
    assert run(QuotesCheck, 'It was "folly" and "attempting to rewrite history."',
               'وصفوه بأنه "أحمق" و"أنه محاولة لإعادة كتابة التاريخ."', "en", "ar") == []
    # Hebrew gershayim inside a word stay no quotation mark
    assert run(QuotesCheck, 'The "IDF" said.', 'צה"ל אמר "כן".', "en", "he") == []


# a quotation that goes on in the next sentence, dialogue-dash style: not unpaired
DIALOGUE_PASSES = [
    ('"People socialize in a different way" nowadays, he said.',
     "„Šiais laikais žmonės bendrauja kitaip, – sakė jis.", "lt"),
    ('"Bars are no longer neighborhood living rooms."',
     "– Barai nebėra kaimynystės svetainės.“", "lt"),
    ('"People socialize in a different way" nowadays, he said.',
     "„Az emberek manapság már máshogy járnak társaságba – mondja.", "hu"),
    ('"Today, there\'s neither."', "– Ma már egyikből sincs.”", "hu"),
    ('"Today, there\'s neither."', "— Сегодня нет ни того, ни другого».", "ru"),
]  # fmt: skip


@pytest.mark.parametrize("source,target,tl", DIALOGUE_PASSES)
def test_quotes_dialogue_dash_continues(source: str, target: str, tl: str) -> None:
    assert run(QuotesCheck, source, target, "en", tl) == []


def test_quotes_unpaired_without_dialogue_dash() -> None:
    for tgt, tl in (("„Šiais laikais žmonės bendrauja kitaip, sakė jis.", "lt"),
                    ("Barai nebėra kaimynystės svetainės.“", "lt"),
                    ("«Сегодня нет ни того, ни другого, сказал он.", "ru"),
                    ("Сегодня нет ни того, ни другого».", "ru")):
        assert run(QuotesCheck, '"Today, there\'s neither," he said.', tgt, "en", tl), tgt


# guillemets with French spacing in a language that sets them tight
SPACED_GUILLEMETS_FAILS = [
    ("Он сказал « да ».", "ru", "«да»"),
    ("Він сказав « так ».", "uk", "«так»"),
    ("Είπε « ναι ».", "el", "«ναι»"),
    ("Disse « sì ».", "it", "«sì»"),
    ("Dijo « sí ».", "es", "«sí»"),
    ("Han sa « ja ».", "nb", "«ja»"),
    ("Han sagde » ja «.", "da", "»ja«"),
    ("قال « نعم ».", "ar", "«نعم»"),
    ("گفت « بله ».", "fa", "«بله»"),
    ("Er sagte « ja ».", "de-CH", "«ja»"),
]
SPACED_GUILLEMETS_PASSES = [
    ("Он сказал «да».", "ru"),
    ("Han sagde »ja«.", "da"),
    ("Azt mondta: »Cápa van a vízben«.", "hu"),
    ("Il a dit « oui ».", "fr"),
    ("گفت « شهر ارواح».", "fa"),  # one side spaced: left alone
    ("Disse «sì» e « »", "it"),  # no word inside
]


@pytest.mark.parametrize("target,tl,suggestion", SPACED_GUILLEMETS_FAILS)
def test_spaced_guillemets_flagged(target: str, tl: str, suggestion: str) -> None:
    found = [f for f in run(PunctuationCheck, 'He said "yes".', target, "en", tl)
             if "guillemets" in f.message]
    assert [f.suggestion for f in found] == [suggestion]


@pytest.mark.parametrize("target,tl", SPACED_GUILLEMETS_PASSES)
def test_spaced_guillemets_not_flagged(target: str, tl: str) -> None:
    assert not [f for f in run(PunctuationCheck, 'He said "yes".', target, "en", tl)
                if "guillemets" in f.message]


# a quotation going on beyond the segment: the source's lone mark, the target's none
CONTINUED_LOST_FAILS = [
    ('Risa Kusuma told Sky News: "Every minute an ambulance brings in bodies.',
     "Риса Кусума рассказала Sky News: скорая привозит тела каждую минуту.", "en", "ru"),
    ('Risa Kusuma told Sky News: "Every minute an ambulance brings in bodies.',
     "Risa Kusuma erzählte Sky News: Jede Minute kommt ein Krankenwagen mit Toten.", "en", "de"),
    ('Risa Kusuma told Sky News: "Every minute an ambulance brings in bodies.',
     "35岁的母亲丽萨·库苏马告诉天空新闻频道：每分钟都有救护车送来尸体。", "en", "zh"),
    ('Risa Kusuma told Sky News: "Every minute an ambulance brings in bodies.',
     "ريسا كوسوما قالت لسكاي نيوز: كل دقيقة تأتي سيارة إسعاف بجثث.", "en", "ar"),
    ('There is a warehouse full of goods which are ready to be sold."',
     "Υπάρχει μια αποθήκη γεμάτη εμπορεύματα έτοιμα για πώληση.", "en", "el"),
    ("«Чому президент Трамп пішов на такі великі поступки?",
     "Why has President Trump given up so much?", "uk", "en"),
]  # fmt: skip
CONTINUED_LOST_PASSES = [
    # the target marks it (any kind of mark)
    ('Risa Kusuma told Sky News: "Every minute an ambulance brings in bodies.',
     "Риса Кусума рассказала Sky News: «Скорая привозит тела каждую минуту.", "en", "ru"),
    ('"Every minute an ambulance brings in bodies.', "「毎分救急車が遺体を運んでくる。", "en", "ja"),
    # a dialogue dash marks the speech instead
    ('"We were going to war with North Korea.', "– Úgy volt, hogy háborúzni fogunk.", "en", "hu"),
    # a mark mid-sentence is an apostrophe as often as a quotation mark
    ('Holly Willoughby has left Dragons" Den star Peter Jones fuming.',
     "Holly Willoughby a laissé Peter Jones furieux.", "en", "fr"),
    # an inch mark
    ('The screen is 27" wide.', "Der Bildschirm ist 27 Zoll breit.", "en", "de"),
    # a language whose quotation convention is unknown
    ('He told Sky News: "Every minute an ambulance brings in bodies.',
     "उन्होंने स्काई न्यूज़ को बताया कि हर मिनट एक एम्बुलेंस शव लाती है।", "en", "hi"),
]  # fmt: skip


@pytest.mark.parametrize("source,target,sl,tl", CONTINUED_LOST_FAILS)
def test_continued_quotation_lost(source: str, target: str, sl: str, tl: str) -> None:
    (f,) = run(QuotesCheck, source, target, sl, tl)
    assert f.side == "source" and f.end - f.start == 1 and "quotation mark" in f.message


@pytest.mark.parametrize("source,target,sl,tl", CONTINUED_LOST_PASSES)
def test_continued_quotation_kept_or_unjudged(source: str, target: str, sl: str, tl: str) -> None:
    assert run(QuotesCheck, source, target, sl, tl) == []
