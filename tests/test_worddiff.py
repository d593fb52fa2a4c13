"""Word-level diffs of corrections (``reviewer corrections``, the screen's history)."""

from __future__ import annotations

import pytest

from reviewer.worddiff import inline, tokens, visible_codes, word_diff


@pytest.mark.parametrize("before, after, expected", [
    ("la genesi della partnership", "La genesi della partnership",
     "[-la-]{+La+} genesi della partnership"),
    ("Conserva i rapporti per 3 giorni", "Conserva i rapporti per 30 giorni",
     "Conserva i rapporti per [-3-]{+30+} giorni"),
    ("Откройте файл сейчас", "Откройте папку сейчас", "Откройте [-файл-]{+папку+} сейчас"),
    ("我喜欢吃苹果和香蕉", "我喜欢吃梨和香蕉", "我喜欢吃[-苹果-]{+梨+}和香蕉"),
    ("مرحبا بالعالم", "مرحبا بكم", "مرحبا [-بالعالم-]{+بكم+}"),
])
def test_only_the_changed_words_are_marked(before: str, after: str, expected: str) -> None:
    assert inline(before, after) == expected


def test_unchanged_text_is_not_marked() -> None:
    assert inline("Guten Tag", "Guten Tag") == "Guten Tag"
    assert [p.op for p in word_diff("a b", "a b")] == ["="]


def test_a_changed_inline_code_is_visible() -> None:
    """Only a code moved: the old output showed two identical lines."""
    before, after = "Click \ue000here\ue001 now", "Click here \ue000now\ue001"
    out = inline(before, after)
    assert "⟦1⟧" in out and "⟦2⟧" in out and ("[-" in out and "{+" in out)
    assert visible_codes("a\ue002b") == "a⟦3⟧b"


def test_long_paragraph_is_cut_to_context() -> None:
    words = " ".join(f"parola{i}" for i in range(60))
    after = words.replace("parola30", "termine30")
    out = inline(words, after)
    assert "[-parola30-]{+termine30+}" in out
    assert out.startswith("… ") and out.endswith(" …")
    assert "parola0 " not in out and "parola59" not in out
    assert len(out) < len(words) // 2
    assert inline(words, after, context=False).startswith("parola0 ")


def test_tokens_split_wide_scripts_per_character() -> None:
    assert tokens("東京都") == ["東", "京", "都"]
    assert tokens("hello, world") == ["hello", ",", " ", "world"]


def test_corrections_diff_shows_a_code_change() -> None:
    """corrections --format diff: a correction that only moved an inline code shows
    two different lines (⟦n⟧), plus the word diff, never raw private-use characters."""
    import io

    from reviewer.cli_store import write_corrections
    from reviewer.project import Correction

    c = Correction("u1", "Click here now", "Klicken Sie \ue000hier\ue001 jetzt",
                   "Klicken Sie hier \ue000jetzt\ue001", "ann", None, None, 0)
    out = io.StringIO()
    write_corrections([c], "diff", "x.xlf", out)
    text = out.getvalue()
    assert "-Klicken Sie ⟦1⟧hier⟦2⟧ jetzt" in text and "+Klicken Sie hier ⟦1⟧jetzt⟦2⟧" in text
    assert not any(0xE000 <= ord(ch) <= 0xF8FF for ch in text)
    assert "\n~" in text
