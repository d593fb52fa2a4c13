"""Basic checks: empty and untranslated targets (the preconditions), whitespace, length.

``empty`` and ``untranslated`` are preconditions: when either flags a unit, the checks
that need a real translation are skipped for it, so one untranslated unit draws one
finding, not ten.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Iterable

from ..lang import KNOWN_NAMES, LOWERCASE_BRANDS, SHARED_WORDS, base as base_lang, length_band
from ..model import CODE_RE, Finding, Segment, Severity
from ..scripts import dominant_script, language_scripts, letter_script
from .base import Check, CheckContext

__all__ = ["EmptyCheck", "UntranslatedCheck", "WhitespaceCheck", "LengthCheck", "CHECKS"]


def _target_only(segment: Segment, context: CheckContext) -> bool:
    return context.target_only or not segment.source


class EmptyCheck(Check):
    """The target is missing, empty, only whitespace or only punctuation (``.``,
    ``…``, ``-``) while the source has words."""

    id = "empty"
    name = "Empty translation"
    category = "accuracy"
    severity = Severity.MAJOR
    needs_translation = False
    precondition = True
    description = "The translation is missing, empty or only punctuation while the source has text."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        # a plain function: the common unit with nothing to look at costs no generator
        t = segment.target
        if t and not t.isspace() and not _punctuation_only(t):
            return ()
        return self._run(segment, context)

    def _run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        if _target_only(segment, context) or not segment.source.strip():
            return
        if "align:1-0" in segment.flags:
            return  # an omission the alignment check reports, with its cause
        t = segment.target or ""
        if t and not t.isspace():
            if not _punctuation_only(t) or _punctuation_only(segment.source):
                return
            if not any(unicodedata.category(c)[0] == "L" for c in segment.source):
                return  # a source of numbers or symbols: "-" may be its translation
            words = segment.source.split()
            if len(words) == 1 and sum(c.isalpha() for c in words[0]) <= 3:
                return  # a joining word of a fragment: "of" -> "/" (1 / 5), "to" -> "–"
            yield self.flag_span(
                "target", t, 0, len(t),
                "The translation is only punctuation while the source has text.",
            )  # fmt: skip
            return
        yield self.flag_span(
            "target", t, 0, len(t), "The translation is empty while the source has text."
        )


def _punctuation_only(text: str) -> bool:
    """Whether ``text`` has nothing but punctuation and spaces (no letter, digit,
    symbol or inline code)."""
    for c in text:
        cat = unicodedata.category(c)
        if cat[0] not in "PZ" and not c.isspace():
            return False
    return True


# Text that is never translated: URLs, e-mail addresses, placeholders, tags, entities.
_NONTEXT_RE = re.compile(
    r"""(?x)
      (?:[a-zA-Z][a-zA-Z0-9+.-]*://|www\.)\S+
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+
    | %(?:\d+\$)?[-+ 0#]*\d*(?:\.\d+)?(?:hh|h|ll|l|L|q|j|z|t)?[diouxXeEfFgGaAcCsSpn@%]
    | %\([^()\s]+\)[-+0#]*\d*(?:\.\d+)?[a-zA-Z]
    | %L?\d
    | \{\{[^{}]*\}\} | \$?\{[^{}\s]*\} | %\{[^{}]*\} | \$[A-Za-z_]\w*
    | </?[A-Za-z][^<>]*> | &(?:[a-zA-Z]+|\#\d+|\#x[0-9a-fA-F]+);
    """
)
_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_DOTTED_RE = re.compile(r"\w[./\\]\w|_")
_STRIP_CHARS = " \t\n\r\u00a0\u202f.,;:!?¿¡()[]{}<>\"'“”‘’«»„‚‹›*•-–—…/|"
_CODE_WORDS = frozenset({"true", "false", "null", "none", "nil", "nan", "undefined"})


def translatable_words(text: str) -> list[str]:
    """The words of ``text`` a translator would translate.

    Left out: inline codes, URLs, e-mail addresses, placeholders, tags, command-line
    options (``--abort``), tokens with digits, underscores, dots or slashes inside
    (identifiers, file names, versions), and words that look like names: ALL CAPS
    (acronyms) or with inner capitals (OpenAI).
    """
    if CODE_RE.search(text):
        text = CODE_RE.sub(" ", text)
    if "%" in text or "{" in text or "<" in text or "&" in text or "$" in text or (
        "@" in text or "://" in text or "www." in text
    ):
        text = _NONTEXT_RE.sub(" ", text)
    words: list[str] = []
    for tok in text.split():
        core = tok.strip(_STRIP_CHARS)
        if (
            not core
            or tok[0] == "-"
            or _DOTTED_RE.search(core)
            or any(c.isdigit() for c in core)
        ):
            continue  # options (--abort), identifiers, file names, versions
        for w in _WORD_RE.findall(core):
            if len(w) > 1 and (w.isupper() or any(c.isupper() for c in w[1:])):
                continue
            words.append(w)
    return words


def _not_in_source_script(text: str, source_lang: str | None, target_lang: str | None) -> bool:
    """True when ``text``'s letters are all in the target language's scripts and none
    of the source language's (a language name written in its own script in a language
    menu, 'Русский' or '日本語' in an English file): such a source is not source-language
    text, and its copy is the right translation."""
    ss, ts = language_scripts(source_lang), language_scripts(target_lang)
    if not ss or not ts or ss & ts:
        return False
    script = dominant_script(text, share=0.999)
    return script is not None and script in ts


class UntranslatedCheck(Check):
    """The target is the source copied unchanged.

    Not flagged: sources without translatable words (numbers, URLs, placeholders, codes,
    options, acronyms, CamelCase names), fewer than 3 letters, a single word under 4
    letters or all lowercase (keywords, option values), command lines (``git stash``),
    known product names (:data:`reviewer.lang.KNOWN_NAMES`), international words such as
    "Email" or "Online" (:data:`reviewer.lang.SHARED_WORDS`), words in the ``allow`` option, and
    pairs of the same language.
    """

    id = "untranslated"
    name = "Untranslated"
    category = "accuracy"
    severity = Severity.MAJOR
    needs_translation = False
    precondition = True
    description = "The translation is a copy of the source."

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        # a plain function: the common unit with nothing to look at costs no generator
        t = segment.target
        if not t or t.strip() != segment.source.strip():
            return ()
        return self._run(segment, context)

    def _run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        t = segment.target
        if not t or _target_only(segment, context):
            return
        ts = t.strip()
        if not ts or ts != segment.source.strip():
            return
        sb, tb = base_lang(context.source_lang), base_lang(context.target_lang)
        if sb and sb == tb:
            return
        if _not_in_source_script(ts, context.source_lang, context.target_lang):
            return  # 'Русский' in an English file: already the target language's text
        if _not_source_language(segment, ts, context):
            return
        words = translatable_words(_kept_out(segment, context))
        if sum(len(w) for w in words) < 3:
            return
        if len(words) == 1 and (len(words[0]) < 4 or words[0].islower()):
            return  # a short word, or one lowercase word: mostly keywords and values
        if " " not in ts and ts == ts.lower():
            return  # one token in lowercase: an identifier or an icon name (check-bold)
        if _names_or_target_words(words, context.source_lang, context.target_lang):
            return
        first = ts.split(None, 1)[0].lower()
        if (first in KNOWN_NAMES or first in LOWERCASE_BRANDS) and ts == ts.lower():
            return  # a command line: "git stash clear"
        allow = context.option("allow", ())
        if allow:
            if isinstance(allow, str):
                allow = allow.split(",")
            allow = {str(a).strip().lower() for a in allow}
        for w in words:
            lw = w.lower()
            if lw in KNOWN_NAMES or lw in _CODE_WORDS or lw in allow:
                continue
            if lw in SHARED_WORDS:
                continue
            if len(w) < 3 and len(words) > 1:
                continue
            break
        else:
            return
        yield self.flag_span(
            "target", t, 0, len(t), "The translation is identical to the source text."
        )


_KEY_CHORD_RE = re.compile(r"^(?:[A-Za-z][a-z]*\+)+\S+$")


def _not_source_language(segment: Segment, text: str, context: CheckContext) -> bool:
    """Whether a copied text is not the source language's text at all, so its copy
    is right: a language's name in that language ('Italiano', 'Deutsch'; CLDR through
    Babel), a key chord ('Ctrl+F'), or text with no letter of the source
    language's scripts ('العربية' in an English file translated into Russian)."""
    from .verbatim import autonym

    if _KEY_CHORD_RE.match(text) or autonym(text):
        return True
    ss = language_scripts(context.source_lang)
    letters = [c for c in text if c.isalpha()]
    return bool(ss and letters) and not any(letter_script(c) in ss for c in letters)


def _kept_out(segment: Segment, context: CheckContext) -> str:
    """The target without the text kept as it is on purpose (icon and code
    elements, placeholders: :func:`reviewer.checks.verbatim.kept_spans`)."""
    from .verbatim import kept_spans

    t = segment.target or ""
    if not segment.target_codes and not ("{" in t or "%" in t or "$" in t or "<" in t):
        return t
    spans = kept_spans(segment.source, t, segment.source_codes, segment.target_codes,
                       segment.flags, context.source_lang, context.target_lang)
    # a copy: what the source quotes, the target quotes too; only the code and
    # placeholder spans are left out here (a quotation is still text to translate)
    out = list(t)
    for a, b in spans:
        inner = t[a:b]
        if a > 0 and t[a - 1] in "\"'`“”„‘’«»「『":
            continue
        out[a:b] = " " * len(inner)
    return "".join(out)


def _names_or_target_words(words: list[str], sl: str | None, tl: str | None) -> bool:
    """Whether a copy's words are names (capitalised words the source language's
    lexicon lacks: 'Xtream', 'Celia Palacios', 'Il faut bien le faire' in English)
    or all words of the target language too ('Horizontal' in German, 'Document' in
    French, 'Options' in French): nothing was left untranslated."""
    from .. import morph

    if morph.has_lexicon(sl):
        unknown = [w for w in words if not _known_word(w, sl) or w.lower() in KNOWN_NAMES]
        if len(unknown) * 2 > len(words):
            return True  # mostly not words of the source language: names, another language
        if unknown and all(w[:1].isupper() for w in words):
            return True  # a name in title case with a generic word: 'Storj Access Grant'
        if unknown and len(words) >= 3 and _other_language(words, sl, len(words) - len(unknown)):
            return True  # 'Il faut bien le faire.' quoted in French in a German source
    if morph.has_lexicon(tl) and all(morph.is_known(w, tl) or morph.is_known(w.lower(), tl)
                                     for w in words):
        return True
    return False


def _known_word(word: str, lang: str | None) -> bool:
    from .. import morph

    return morph.is_known(word.lower(), lang) or morph.is_known(word, lang)


def _other_language(words: list[str], sl: str | None, known_sl: int) -> bool:
    """Whether another living language's lexicon (of the words' script) knows every
    word of a copy that the source language's knows only in part: the text is in
    that other language, quoted as it is."""
    from .. import morph
    from .verbatim import lexicon_panel

    script = letter_script(words[0][0])
    if script is None:
        return False
    for code in lexicon_panel(script, frozenset({morph.lexicon_lang(sl) or ""})):
        if all(_known_word(w, code) for w in words):
            return True
    return False


_DOUBLE_SPACE_RE = re.compile(r"(?<=\S)  +(?=\S)")


def _lead(s: str) -> str:
    return s[: len(s) - len(s.lstrip())]


def _trail(s: str) -> str:
    return s[len(s.rstrip()) :]


_WS_NAMES: dict[str, str] = {
    " ": "space", "\n": "line break", "\t": "tab", "\r": "carriage return",
    "\u00a0": "no-break space", "\u202f": "narrow no-break space",
}  # fmt: skip


def _show(ws: str) -> str:
    """Whitespace described for a reviewer: ``none``, ``2 spaces``, ``1 line break``."""
    if not ws:
        return "none"
    name = _WS_NAMES.get(ws[0])
    if name and ws == ws[0] * len(ws):
        return f"{len(ws)} {name}{'s' if len(ws) > 1 else ''}"
    return repr(ws)


#: scripts written without spaces between words: a space there separates phrases or
#: sentences (Thai, Lao, Khmer, Myanmar), and a fragment joins the next with none
_PHRASE_SPACE_SCRIPTS = frozenset({"THAI", "LAO", "KHMER", "MYANMAR"})
_UNSPACED_SCRIPTS = _PHRASE_SPACE_SCRIPTS | {"CJK", "HIRAGANA", "KATAKANA"}


@lru_cache(maxsize=256)
def _unspaced(lang: str | None, scripts: frozenset[str] = _UNSPACED_SCRIPTS) -> bool:
    """Whether ``lang`` is written without spaces between words (CLDR's script for it):
    Chinese, Japanese, Thai, Lao, Khmer, Myanmar; not Korean (Hangul spaces words)."""
    ls = language_scripts(lang)
    return bool(ls & scripts) and "HANGUL" not in ls


class WhitespaceCheck(Check):
    """Leading/trailing whitespace that differs from the source, doubled spaces inside the
    target, and a different number of line breaks.

    Neutral rather than minor: edges that are both runs of spaces of different length
    (column alignment), and line counts that differ when both sides are wrapped with
    the same paragraph breaks (re-wrapping). Target-only documents get the
    doubled-space rule only.
    """

    id = "whitespace"
    name = "Whitespace"
    category = "linguistic"
    severity = Severity.MINOR
    needs_source = False
    description = "Leading/trailing spaces, doubled spaces and line breaks."

    def skip_reason(self, context: CheckContext) -> str | None:
        """The part of the check that cannot judge this language, if any."""
        if _unspaced(context.target_lang, _PHRASE_SPACE_SCRIPTS):
            return ("doubled spaces are not checked: the script separates phrases, not "
                    "words, with spaces")
        return None

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        t = segment.target
        if not t:
            return
        s = segment.source
        tonly = _target_only(segment, context)
        if not tonly:
            # (a fragment that joins the next with a space in the source joins it
            # with none in a language written without spaces: "Add " -> "添加")
            if s[:1].isspace() or t[:1].isspace():
                sl, tl = _lead(s), _lead(t)
                if sl != tl and not (sl == " " and not tl and _unspaced(context.target_lang)):
                    yield self.flag_span(
                        "target", t, 0, len(tl),
                        f"Leading whitespace differs: source has {_show(sl)}, "
                        f"translation has {_show(tl)}.",
                        suggestion=sl,
                        severity=_edge_severity(sl, tl),
                    )  # fmt: skip
            if s[-1:].isspace() or t[-1:].isspace():
                st, tt = _trail(s), _trail(t)
                if st != tt and not t.isspace() and not (
                        st == " " and not tt and _unspaced(context.target_lang)):
                    yield self.flag_span(
                        "target", t, len(t) - len(tt), len(t),
                        f"Trailing whitespace differs: source has {_show(st)}, "
                        f"translation has {_show(tt)}.",
                        suggestion=st,
                        severity=_edge_severity(st, tt),
                    )  # fmt: skip
        if "  " in t and not _unspaced(context.target_lang, _PHRASE_SPACE_SCRIPTS):
            # (Thai, Lao, Khmer and Myanmar separate phrases with a space that
            # typists widen: a doubled one there is not a typo anyone can judge)
            before: set[str] = set()
            if not tonly and "  " in s:
                before = {s[m.start() - 1] for m in _DOUBLE_SPACE_RE.finditer(s)}
            for m in _DOUBLE_SPACE_RE.finditer(t):
                if t[m.start() - 1] in before:
                    continue
                yield self.flag_span(
                    "target", t, m.start(), m.end(),
                    f"{m.end() - m.start()} spaces in a row in the translation.",
                    suggestion=" ",
                )  # fmt: skip
        if not tonly and ("\n" in s or "\n" in t):
            sc, tc = s.strip(), t.strip()
            ns, nt = sc.count("\n"), tc.count("\n")
            if ns != nt:
                ps, pt = sc.count("\n\n"), tc.count("\n\n")
                if ns and nt and ps == pt:  # both wrapped, same paragraphs: re-wrapped
                    sev: Severity | None = Severity.NEUTRAL
                    extra = " (re-wrapped lines)"
                else:
                    sev, extra = None, ""
                yield self.flag(
                    "target", len(t), len(t), "",
                    f"The source has {ns} line break{'s' if ns != 1 else ''} but the "
                    f"translation has {nt}{extra}.",
                    severity=sev,
                )  # fmt: skip


def _edge_severity(src: str, tgt: str) -> Severity | None:
    """Neutral when both edges are runs of spaces of different length (alignment), else
    the check's default."""
    if src and tgt and src == " " * len(src) and tgt == " " * len(tgt):
        return Severity.NEUTRAL
    return None


def _visible_len(s: str) -> int:
    n = len(s)
    if n and not s.isascii():
        n -= len(CODE_RE.findall(s))
    return n


def _one_script(a: str, b: str) -> bool:
    """Whether two texts are mostly in the same script."""
    return dominant_script(a) == dominant_script(b)


#: scripts whose characters are words or syllables (Han, kana): short texts in them
#: have no reliable length ratio to an alphabet's
_DENSE_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA"})
#: below this many source characters a Chinese or Japanese translation is not "too short"
_SHORT_CJK = 60


class LengthCheck(Check):
    """A target longer than the unit's maximum length (major), or whose length is out of
    the expected band for the language pair (:func:`reviewer.lang.length_band`).

    The band is widened for short sources (by ``1 + 1.5/sqrt(chars)``: x1.34 at 20
    characters, x1.1 at 200). Options: ``min_ratio``/``max_ratio`` override the band
    exactly, ``min_chars`` (default 20) is the shortest source the ratio rule looks at;
    a shorter source is judged by absolute size: its widened band plus
    ``short_extra`` characters (default 30).
    Inline codes do not count.
    """

    id = "length"
    name = "Length"
    category = "style"
    severity = Severity.MINOR
    needs_source = False
    description = "Translation too long for its limit, or much longer/shorter than usual."

    def skip_reason(self, context: CheckContext) -> str | None:
        """The part of the check that cannot judge this language, if any."""
        if _unspaced(context.target_lang, _DENSE_SCRIPTS):
            return (f"a translation of a source under {_SHORT_CJK} characters is not called "
                    "too short: the script condenses short texts beyond any ratio")
        return None

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        t = segment.target
        if not t:
            return
        if segment.max_length is not None:
            n = _visible_len(t)
            if n > segment.max_length:
                yield self.flag_span(
                    "target", t, 0, len(t),
                    f"The translation has {n} characters, more than the maximum "
                    f"of {segment.max_length}.",
                    severity=Severity.MAJOR,
                )  # fmt: skip
            return
        s = segment.source
        if _target_only(segment, context):
            return
        min_chars = context.option("min_chars", 20)
        ls = _visible_len(s.strip())
        if not ls:
            return
        lo, hi = length_band(context.source_lang, context.target_lang)
        if ls < min_chars:
            # short sources vary too much for a ratio; an absolute excess does not:
            # "Open file" with 80 characters more is not a translation of it
            lt = _visible_len(t.strip())
            limit = ls * hi * (1.0 + 1.5 / ls**0.5) + float(context.option("short_extra", 30))
            if lt > limit and "\n" not in t:
                yield self.flag_span(
                    "target", t, 0, len(t),
                    f"The translation is unusually long: {lt} characters for {ls} in the "
                    f"source (at most about {limit:.0f} expected for so short a text).",
                )  # fmt: skip
            return
        if not (context.source_lang and context.target_lang) and not _one_script(s, t):
            # no languages given and two scripts: Chinese takes a third of English's
            # characters, so no ratio band fits without the languages
            if "min_ratio" not in context.options and "max_ratio" not in context.options:
                return
        lt = _visible_len(t.strip())
        if "(" in t or "(" in s or "（" in t or "（" in s:
            # a gloss in another script ('세라 페일린(Sarah Palin)', 'Il faut bien
            # le faire. (それを成すべきだ)') is added or dropped by the translator's
            # choice: the length compared is the text's own
            t_own, s_own = _without_glosses(t), _without_glosses(s)
            if t_own != t or s_own != s:
                lt = _visible_len(t_own.strip())
                ls = _visible_len(s_own.strip()) or ls
        # short texts vary more: widen the band by 1 + 1.5/sqrt(n) (x1.34 at 20 chars)
        w = 1.0 + 1.5 / ls**0.5
        lo = float(context.option("min_ratio", lo / w))
        hi = float(context.option("max_ratio", hi * w))
        ratio = lt / ls
        if ratio < lo and ls < _SHORT_CJK and _unspaced(context.target_lang, _DENSE_SCRIPTS):
            # a UI string in Chinese or Japanese condenses far more than a sentence
            # does ('Download full text documents' -> '下载全文'): the band, measured
            # on prose, cannot judge it
            return
        if ratio < lo:
            msg = (
                f"The translation is unusually short: {lt} characters for {ls} in the "
                f"source (ratio {ratio:.2f}, expected at least {lo:.2f})."
            )
        elif ratio > hi:
            msg = (
                f"The translation is unusually long: {lt} characters for {ls} in the "
                f"source (ratio {ratio:.2f}, expected at most {hi:.2f})."
            )
        else:
            return
        yield self.flag_span("target", t, 0, len(t), msg)


def _without_glosses(text: str) -> str:
    """``text`` without its bracketed glosses: brackets whose content is written in
    another script than the text around them (the original form of a name)."""
    from .punctuation import _gloss, scan_brackets

    unmatched, pairs = scan_brackets(text)
    if unmatched:
        return text
    spans = sorted((a, b) for _kind, a, b in pairs if _gloss(text, a, b))
    out, pos = [], 0
    for a, b in spans:
        if a < pos:
            continue  # inside a gloss already left out
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    return "".join(out)


CHECKS: list[type[Check]] = [EmptyCheck, UntranslatedCheck, WhitespaceCheck, LengthCheck]
