"""Basic checks (empty, untranslated, whitespace, length) and reviewer.lang: table-driven
``fails``/``passes`` cases. Spans must slice exactly to the flagged text."""

from __future__ import annotations

from typing import Any

import pytest

from reviewer import lang
from reviewer.checks.base import Check, CheckContext
from reviewer.checks.basic import (
    CHECKS,
    EmptyCheck,
    LengthCheck,
    UntranslatedCheck,
    WhitespaceCheck,
    translatable_words,
)
from reviewer.model import Finding, Segment, Severity

from .checkcontract import run_check

ANY = object()


def run(
    cls: type[Check],
    source: str,
    target: str | None,
    sl: str | None = "en",
    tl: str | None = "it",
    target_only: bool = False,
    options: dict[str, Any] | None = None,
    **seg: Any,
) -> list[Finding]:
    """Run one check on one segment (the finding contract asserted)."""
    return run_check(cls, source, target, sl, tl, target_only=target_only, options=options,
                     sentence=True, **seg)


def test_registry_ids() -> None:
    assert [c.id for c in CHECKS] == ["empty", "untranslated", "whitespace", "length"]
    assert EmptyCheck.precondition and UntranslatedCheck.precondition
    assert not EmptyCheck.needs_translation and not UntranslatedCheck.needs_translation
    assert EmptyCheck.severity is Severity.MAJOR and UntranslatedCheck.severity is Severity.MAJOR


# --- empty -------------------------------------------------------------------------------

EMPTY_FAILS = [
    ("Hello", None, ""),
    ("Hello", "", ""),
    ("Hello", "   ", "   "),
    ("La genesi", "\n", "\n"),
]


@pytest.mark.parametrize("source,target,text", EMPTY_FAILS)
def test_empty_fails(source: str, target: str | None, text: str) -> None:
    found = run(EmptyCheck, source, target)
    assert [(f.side, f.text) for f in found] == [("target", text)]
    assert found[0].severity is Severity.MAJOR and found[0].category == "accuracy"


EMPTY_PASSES = [
    ("Hello", "Ciao", False),
    ("", "", False),
    ("   ", "", False),
    ("", "Ciao", True),
    ("Hello", "", True),  # a target-only document: the runner would skip it anyway
]


@pytest.mark.parametrize("source,target,target_only", EMPTY_PASSES)
def test_empty_passes(source: str, target: str, target_only: bool) -> None:
    assert run(EmptyCheck, source, target, target_only=target_only) == []


# --- untranslated ------------------------------------------------------------------------

UNTRANSLATED_FAILS = [
    ("Save changes", "Save changes", "en", "it"),
    ("Settings", "Settings", "en", "it"),
    ("The genesis of the partnership", "The genesis of the partnership", "en", "it"),
    ("  Open file ", "Open file", "en", "it"),
    ("Email address", "Email address", "en", "de"),
    ("Cancel", "Cancel", "en", "pt-BR"),
    ("Delete %s?", "Delete %s?", "en", "fr"),
    ("Click <b>here</b> to continue", "Click <b>here</b> to continue", "en", "es"),
    ("Gigawatt systems", "Gigawatt systems", "en", "ja"),
    ("Save", "Save", None, None),  # languages unknown: still a copy
    # a Latin-script language name in an English file copied to Russian: still a copy
    ("English settings", "English settings", "en", "ru"),
    # real files: English left in Chinese, Japanese, German and Arabic
    ("Opening player…", "Opening player…", "en", "zh"),
    ("Publication date of the work.", "Publication date of the work.", "en", "zh-CN"),
    ("Add Membership", "Add Membership", "en", "ja"),
    ("Review backup", "Review backup", "en", "de"),
    ("Bold", "Bold", "en", "ar"),
    # text in the source's own script (a Russian source copied to Japanese): a copy
    ("Сохранить изменения", "Сохранить изменения", "ru", "ja"),
]


@pytest.mark.parametrize("source,target,sl,tl", UNTRANSLATED_FAILS)
def test_untranslated_fails(source: str, target: str, sl: str, tl: str) -> None:
    found = run(UntranslatedCheck, source, target, sl, tl)
    assert len(found) == 1
    f = found[0]
    assert (f.side, f.start, f.end, f.text) == ("target", 0, len(target), target)
    assert f.severity is Severity.MAJOR


UNTRANSLATED_PASSES = [
    ("OpenAI", "OpenAI", "en", "it"),
    ("NVIDIA", "NVIDIA", "en", "it"),
    ("Nvidia", "Nvidia", "en", "it"),
    ("OK", "OK", "en", "it"),
    ("Yes", "Yes", "en", "it"),  # a single word under 4 letters
    ("42", "42", "en", "it"),
    ("3.14", "3.14", "en", "it"),
    ("https://blogs.nvidia.com", "https://blogs.nvidia.com", "en", "it"),
    ("info@example.com", "info@example.com", "en", "it"),
    ("%s", "%s", "en", "it"),
    ("%(name)s: %(count)d", "%(name)s: %(count)d", "en", "it"),
    ("{count} GB", "{count} GB", "en", "it"),
    ("<b>%s</b>", "<b>%s</b>", "en", "it"),
    ("\ue000\ue001", "\ue000\ue001", "en", "it"),
    ("config.json", "config.json", "en", "it"),
    ("user_name", "user_name", "en", "it"),
    ("v2.0.1", "v2.0.1", "en", "it"),
    ("iPhone", "iPhone", "en", "it"),
    ("GPU CUDA", "GPU CUDA", "en", "it"),
    ("Chat", "Chat", "en", "de"),
    ("Email", "Email", "en", "it"),
    ("Online Backup", "Online Backup", "en", "de"),
    ("Linux", "Linux", "en", "ru"),
    ("Hello world", "Hello world", "en", "en-GB"),
    ("Colour settings", "Colour settings", "en-GB", "en-US"),
    ("Save changes", "Salva modifiche", "en", "it"),
    ("Save", "", "en", "it"),
    ("Ok", "Ok", "en", "it"),
    # real git.po units kept as they are on purpose: keywords, options, command lines
    ("rebase", "rebase", "en", "it"),
    ("repository", "repository", "en", "it"),
    ("git merge --abort", "git merge --abort", "en", "it"),
    ("git stash clear", "git stash clear", "en", "it"),
    ("git remote [-v | --verbose]", "git remote [-v | --verbose]", "en", "it"),
    ("--no-verify", "--no-verify", "en", "it"),
    # language menus: a name in the target language's own script, copied from an English
    # (or Latin-script) source file, is already translated
    ("Русский", "Русский", "en", "ru"),
    ("日本語", "日本語", "en", "ja"),
    ("简体中文", "简体中文", "en", "zh-CN"),
    ("العربية", "العربية", "fr", "ar"),
    # not source-language text: a language's own name (CLDR), a key chord, another
    # script, names the lexicon lacks, a quotation in a third language
    ("Italiano", "Italiano", "en", "ru"),
    ("Português", "Português", "en", "zh"),
    ("Ctrl+F", "Ctrl+F", "en", "zh"),
    ("العربية", "العربية", "en", "ru"),
    ("Xtream Codes", "Xtream Codes", "en", "zh"),
    ("Celia Palacios", "Celia Palacios", "en", "cs"),
    ("Il faut bien le faire.", "Il faut bien le faire.", "de", "en"),
    # words of the target language too
    ("Horizontal", "Horizontal", "en", "de"),
    ("Document", "Document", "en", "fr"),
    # an identifier (an icon's name)
    ("check-bold", "check-bold", "en", "zh"),
]


@pytest.mark.parametrize("source,target,sl,tl", UNTRANSLATED_PASSES)
def test_untranslated_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run(UntranslatedCheck, source, target, sl, tl) == []


def test_untranslated_allow_option() -> None:
    # (a name the source's lexicon lacks, 'Gemma', is not flagged at all now: the
    # option matters for words of the language a project keeps as they are)
    assert run(UntranslatedCheck, "Gemma", "Gemma") == []
    assert run(UntranslatedCheck, "Cancel", "Cancel") != []
    assert run(UntranslatedCheck, "Cancel", "Cancel", options={"allow": ["cancel"]}) == []


def test_translatable_words() -> None:
    assert translatable_words("Open %s in https://x.org, OpenAI's API") == ["Open", "in"]
    assert translatable_words("don't stop") == ["don't", "stop"]


# --- whitespace --------------------------------------------------------------------------

WHITESPACE_FAILS = [
    # source, target, flagged text, suggestion
    (" Hello", "Ciao", "", " "),
    ("Hello ", "Ciao", "", " "),
    ("Hello", "Ciao ", " ", ""),
    ("Hello", "\tCiao", "\t", ""),
    ("Hello:\n", "Ciao: ", " ", "\n"),
    ("Hello world", "Ciao  mondo", "  ", " "),
    ("The genesis of the partnership", "La genesi   della partnership", "   ", " "),
    ("Line one\nLine two", "Riga uno riga due", "", None),
    ("One line", "Una\nriga", "", None),
]


@pytest.mark.parametrize("source,target,text,suggestion", WHITESPACE_FAILS)
def test_whitespace_fails(source: str, target: str, text: str, suggestion: str | None) -> None:
    found = run(WhitespaceCheck, source, target)
    assert [(f.side, f.text, f.suggestion) for f in found] == [("target", text, suggestion)]
    assert found[0].category == "linguistic" and found[0].severity is Severity.MINOR


def test_whitespace_newline_message_counts() -> None:
    (f,) = run(WhitespaceCheck, "a\n\nb\nc", "a\nb c")
    assert "3" in f.message and "1" in f.message
    assert (f.start, f.end) == (5, 5) and f.severity is Severity.MINOR


@pytest.mark.parametrize(
    "source,target",
    [
        # real git.po / gnupg2.po units: re-wrapped lines and column alignment
        ("Automatic merge failed; fix conflicts\nand then commit the result.\n",
         "Merge automatico fallito; risolvi i conflitti\ned esegui il commit\ndel "
         "risultato.\n"),
        ("             unchanged: %lu\n", "        non modificate: %lu\n"),
        ("  Push  URL: %s", "      URL push: %s"),
        ("Password:  ", "Password: "),
    ],
)  # fmt: skip
def test_whitespace_neutral(source: str, target: str) -> None:
    (f,) = run(WhitespaceCheck, source, target)
    assert f.severity is Severity.NEUTRAL


WHITESPACE_PASSES = [
    ("Hello", "Ciao", False),
    (" Hello ", " Ciao ", False),
    ("Hello\n", "Ciao\n", False),
    ("\nHello", "\nCiao", False),
    ("Hello.  World", "Ciao.  Mondo", False),
    ("Line\nTwo", "Riga\nDue", False),
    ("", "Ciao mondo ", True),  # target-only: no source to compare edges with
    ("", "Il 22 settembre 2025, Nvidia ha svelato i piani", True),
]


@pytest.mark.parametrize("source,target,target_only", WHITESPACE_PASSES)
def test_whitespace_passes(source: str, target: str, target_only: bool) -> None:
    assert run(WhitespaceCheck, source, target, target_only=target_only) == []


def test_whitespace_target_only_doubled_space() -> None:
    (f,) = run(WhitespaceCheck, "", "Ciao  mondo", target_only=True)
    assert f.text == "  " and f.suggestion == " "


# --- length ------------------------------------------------------------------------------

LENGTH_FAILS: list[tuple[str, str, str, str, dict[str, Any], dict[str, Any], Severity]] = [
    (
        "This is a reasonably long sentence to translate.",
        "Breve.",
        "en", "it", {}, {}, Severity.MINOR,
    ),
    (
        "Save the file now, please.",
        "Salvare il file adesso, per favore, premendo il pulsante in basso a destra della "
        "finestra principale dell'applicazione.",
        "en", "it", {}, {}, Severity.MINOR,
    ),
    (
        "The file was saved successfully.",
        "Il file è stato salvato correttamente, senza alcun errore di alcun tipo.",
        "en", "it", {"max_ratio": 1.5}, {}, Severity.MINOR,
    ),
    (
        "The file was saved.",  # under 20 characters, but a limit is set
        "Il file è stato salvato.",
        "en", "it", {}, {"max_length": 20}, Severity.MAJOR,
    ),
    (
        "The file was saved successfully.",
        "文件已成功保存到磁盘上的默认文件夹中，您现在可以关闭此窗口了，或者继续编辑其他的文件。",
        "en", "zh-Hans", {}, {}, Severity.MINOR,
    ),
]  # fmt: skip


@pytest.mark.parametrize("source,target,sl,tl,options,seg,severity", LENGTH_FAILS)
def test_length_fails(
    source: str,
    target: str,
    sl: str,
    tl: str,
    options: dict[str, Any],
    seg: dict[str, Any],
    severity: Severity,
) -> None:
    found = run(LengthCheck, source, target, sl, tl, options=options, **seg)
    assert len(found) == 1
    f = found[0]
    assert (f.side, f.start, f.end, f.text) == ("target", 0, len(target), target)
    assert f.severity is severity and f.category == "style"


def test_length_max_message_has_both_numbers() -> None:
    (f,) = run(LengthCheck, "Save", "Salva tutto", max_length=5)
    assert "11" in f.message and "5" in f.message


def test_length_max_ignores_inline_codes() -> None:
    assert run(LengthCheck, "Save", "\ue000Salva\ue001", max_length=5) == []


LENGTH_PASSES: list[tuple[str, str, str, str, dict[str, Any], dict[str, Any]]] = [
    ("Save", "Salvare tutte le modifiche", "en", "it", {}, {}),  # short source: no ratio
    ("The file was saved successfully.", "Il file è stato salvato correttamente.",
     "en", "it", {}, {}),
    ("The file was saved successfully.", "Die Datei wurde erfolgreich gespeichert.",
     "en", "de", {}, {}),
    ("The file was saved successfully.", "文件已成功保存。", "en", "zh-Hans", {}, {}),
    ("The file was saved successfully.", "ファイルは正常に保存されました。", "en", "ja", {}, {}),
    ("文件已成功保存。文件已成功保存。文件已成功保存。", "The file was saved successfully. "
     "The file was saved successfully. The file was saved.", "zh", "en", {}, {}),
    ("This is a reasonably long sentence to translate.", "Breve.", "en", "it",
     {"min_ratio": 0.1}, {}),
    ("Save", "Salva", "en", "it", {}, {"max_length": 5}),
    # short sources get a wider band (real git.po pairs)
    ("Cannot come back to cwd", "impossibile tornare alla directory di lavoro corrente",
     "en", "it", {}, {}),
    ("Revert currently in progress.", "Revert in corso.", "en", "it", {}, {}),
    ("", "Una traduzione qualsiasi senza sorgente", "en", "it", {}, {}),
]  # fmt: skip


@pytest.mark.parametrize("source,target,sl,tl,options,seg", LENGTH_PASSES)
def test_length_passes(
    source: str, target: str, sl: str, tl: str, options: dict[str, Any], seg: dict[str, Any]
) -> None:
    assert run(LengthCheck, source, target, sl, tl, options=options, **seg) == []


# --- reviewer.lang -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "code,primary",
    [("it", "it"), ("pt-BR", "pt"), ("fr_CA", "fr"), ("zh-Hans", "zh"), ("EL", "el"),
     (None, ""), ("", "")],
)  # fmt: skip
def test_base(code: str | None, primary: str) -> None:
    assert lang.base(code) == primary


def test_lang_tables() -> None:
    assert lang.is_cjk("zh-Hant") and lang.is_cjk("ja") and not lang.is_cjk("it")
    assert not lang.has_case("ja") and lang.has_case("el") and lang.has_case(None)
    assert lang.french_spacing("fr")["?"] == lang.NNBSP
    assert lang.french_spacing("fr-CA") == {":": lang.NBSP}
    assert lang.french_spacing("it") == {}
    assert lang.end_class(";", "el") == lang.QUESTION and lang.end_class(";", "en") == lang.SEMICOLON
    assert lang.end_class("؟", "ar") == lang.QUESTION and lang.end_class("।", "hi") == lang.FULL_STOP
    assert lang.end_mark(lang.QUESTION, "zh-Hans") == "？" and lang.end_mark(lang.FULL_STOP, "hi") == "।"
    assert lang.quote_pairs("pt-BR")[0] == ("“", "”") and lang.quote_pairs("pt")[0] == ("«", "»")
    assert lang.quote_pairs("de-CH")[0] == ("«", "»") and lang.quote_pairs("xx") is None
    assert lang.quote_roles("de")["“"] == "close" and lang.quote_roles("en")["“"] == "open"
    assert lang.quote_roles("sv")["”"] == ""
    assert lang.length_band("xx", "yy") == (0.5, 2.0)
    lo, hi = lang.length_band("en", "zh")
    assert 0.15 <= lo <= 0.3 and 0.7 <= hi <= 1.0
    assert lang.repeat_allowed("Nous", "fr") and not lang.repeat_allowed("di", "it")


def test_empty_leaves_alignment_omissions_to_the_alignment_check() -> None:
    from reviewer.checks.basic import EmptyCheck

    seg = Segment(id="1", index=0, source="A sentence.", target="", flags=frozenset({"align:1-0"}))
    assert list(EmptyCheck().run(seg, CheckContext(source_lang="en", target_lang="it"))) == []
    seg2 = Segment(id="1", index=0, source="A sentence.", target="")
    assert len(list(EmptyCheck().run(seg2, CheckContext(source_lang="en", target_lang="it")))) == 1
