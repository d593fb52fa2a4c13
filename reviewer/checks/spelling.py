"""Spelling check: words of the target that the target language's dictionary lacks.

Dictionaries are pyspellchecker's (the languages it ships: en, es, fr, pt, de, it, ru,
ar, eu, lv, nl, fa); a language it lacks makes the check do nothing. Its word lists
are frequency lists with gaps (Italian lacks "infrastruttura"), so a word also passes
when a sibling form of the same paradigm is known (``innovativo`` by ``innovative``,
``annunciato`` by ``annunciare``), when it is a known word behind a common prefix
(``ecosistema``), or, in German and Dutch, a compound of known words.

Skipped: names (capitalised words inside a sentence, mixed case, all caps, and
sentence-initial capitalised words used as names elsewhere in the document), words
found in the source (names, brands, loanwords), glossary terms, loanwords from
``reviewer/data/loanwords.txt``, the user's words (options ``words`` and
``wordlist_file``), URLs, e-mails, placeholders, paths, code-like tokens, words with
digits, words of one or two letters. Elided forms (``dell'intelligenza``, ``qu'il``)
are checked after the apostrophe, English clitics (``OpenAI's``, ``don't``) before it,
hyphenated compounds part by part.

The module also provides the helpers the entity check shares: :func:`dictionary`,
:func:`iter_words`, :func:`skip_spans`, :func:`glossary_entries`. They live in its parts,
split along their seams and re-exported here: :mod:`.spelling_lexicon` (the
dictionaries), :mod:`.spelling_morphology` (when an unlisted word is still a word),
:mod:`.spelling_tokens` (the words of a text), :mod:`.spelling_words` (loanwords, word
lists, glossary terms).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Iterator, Mapping, Sequence



from .. import morph
from ..lang import KNOWN_NAMES, base, language_name, language_names
from ..scripts import language_scripts, letter_script
from ..model import Finding, Segment, Severity
from .base import CheckContext, DocumentCheck, Fetch
from .spelling_words import (  # noqa: F401 (re-exported)
    DATA_DIR,
    LANGUAGE_NAMES,
    NOUN_CAPS,
    _glossary_words,
    _wordlist_file,
    entry_parts,
    glossary_entries,
    loanwords,
)
from .spelling_lexicon import (  # noqa: F401 (re-exported)
    Lexicon,
    dictionary,
    lexicon_cache_dir,
    supported_languages,
)
from .spelling_morphology import (  # noqa: F401 (re-exported)
    RICH_INFLECTION,
    _CLOSED_COMPOUNDS,
    _COMPOUNDING,
    _compound_known,
    _two_words,
    is_known,
    lexicon_only,
    rich_ending,
    spelling_skip_reason,
    suggest,
)
from .spelling_tokens import (  # noqa: F401 (re-exported)
    Word,
    _NEXT_RE,
    _abbreviated,
    _has_upper,
    is_sentence_initial,
    iter_words,
    name_form,
    skip_spans,
)
from .spelling_shape import (
    _folded_set,
    _from_source,
    _hyphen_part_skipped,
    _initial_typo,
    _swapped_word,
    _twice,
    _typo_of_listed,
    _typo_shape,
)
from .spelling_document import SpellingCounts, SpellingMerge, SpellingState, Rows, spelling_counts, unknown_words

__all__ = [
    "SpellingCheck",
    "CHECKS",
    "Word",
    "dictionary",
    "supported_languages",
    "is_known",
    "suggest",
    "iter_words",
    "skip_spans",
    "is_sentence_initial",
    "glossary_entries",
    "entry_parts",
    "loanwords",
    "Lexicon",
    "lexicon_cache_dir",
]

# --- the check ------------------------------------------------------------------------


@dataclass(slots=True)
class _Env:
    """What one run knows: language, accepted words, names seen in the document."""

    code: str
    accept: frozenset[str]
    names: set[str]
    name_forms: dict[str, str]
    frequent: frozenset[str] = frozenset()
    #: the language inflects richly (see :data:`RICH_INFLECTION`)
    rich: bool = False
    #: judged by the lexicon of inflected forms alone (see :func:`lexicon_only`)
    lexonly: bool = False


_ACCEL_BEFORE = frozenset("]&_~")
_ACCEL_AFTER = frozenset("[&")
_PREV_RE = re.compile(r"(\w+)[ \u00a0]+$")
_PREV_WINDOW = 256  # characters before a word where the previous word is looked for


def _in_name_run(text: str, w: Word, code: str) -> bool:
    """A capitalised word next to another capitalised word: part of a multiword name.
    Sentence-initial words count in every language; in languages that capitalise
    nouns, only words next to a capitalised word the dictionary lacks."""
    nxt = _NEXT_RE.match(text, w.end)
    nxt_cap = nxt is not None and nxt.group(1)[:1].isupper()
    if code not in NOUN_CAPS:
        return w.initial and nxt_cap
    d: Mapping[str, int] = dictionary(code) or {}
    if nxt is not None and nxt_cap:
        m = re.match(r"\w+", text[nxt.start(1):])
        if m and m.group().lower() not in d:
            return True
    # the word before, looked for just before ``w`` (a search from 0 made every word
    # cost the whole text: quadratic on one long line)
    prev = _PREV_RE.search(text, max(0, w.start - _PREV_WINDOW), w.start)
    return prev is not None and prev.group(1)[:1].isupper() and prev.group(1).lower() not in d


class SpellingCheck(DocumentCheck):
    """Words of the target missing from the target language's dictionary."""

    id = "spelling"
    name = "Spelling"
    category = "linguistic"
    severity = Severity.MINOR
    needs_source = False
    description = "Words the target language's dictionary does not know, with a suggestion."

    def skip_reason(self, context: CheckContext) -> str | None:
        """Why the check cannot judge this target language (None: it can)."""
        return spelling_skip_reason(context.target_lang)

    def _env(self, context: CheckContext) -> _Env | None:
        code = base(context.target_lang)
        if spelling_skip_reason(context.target_lang) is not None:
            return None
        accept: set[str] = set(loanwords(code))
        words = context.option("words", []) or []
        if isinstance(words, str):
            words = words.split()
        accept.update(str(w).lower() for w in words)
        path = context.option("wordlist_file", None)
        if path:
            accept |= _wordlist_file(str(path))
        accept |= _glossary_words(context.glossary)
        rich = (morph.forms_per_lemma(code) or 0.0) >= RICH_INFLECTION
        return _Env(code, frozenset(accept), set(), {}, rich=rich, lexonly=lexicon_only(code))

    @staticmethod
    def _learn(env: _Env, text: str) -> None:
        """Record the names of ``text``: capitalised inside a sentence, caps, mixed."""
        SpellingCheck._learn_words(env, iter_words(text))

    @staticmethod
    def _learn_words(env: _Env, words: Iterable[Word]) -> None:
        names, forms = env.names, env.name_forms
        for w in words:
            mixed = name_form(w)
            if mixed is None:
                continue
            t = w.text
            names.add(t)
            low = t.lower()
            if low != t and (mixed or low not in forms):
                forms[low] = t

    def run(self, segment: Segment, context: CheckContext) -> Iterable[Finding]:
        """Check one segment (names are learnt from this segment only)."""
        env = self._env(context)
        if env is None or not segment.target:
            return []
        self._learn(env, segment.target)
        return list(self._check(segment, env, context))

    #: every chunk needs the whole document's names and frequent words
    per_unit_verdicts = False

    def statistics(self, segments: Sequence[Segment],
                   context: CheckContext) -> tuple[SpellingCounts | None, Rows | None]:
        """Step 1: the names and unknown words of some units (see
        :func:`spelling_counts`); the words to look at again stay with the chunk."""
        env = self._env(context)
        if env is None:
            return None, None
        return spelling_counts(segments, lambda w: _word_known(env, w), not context.target_only)

    def merge(self, total: SpellingMerge | None, part: SpellingCounts | None,
              shift: int) -> SpellingMerge:
        """Step 2: sets united, counts summed, the first plain and last mixed forms kept."""
        total = total if total is not None else SpellingMerge()
        total.add(part)
        return total

    def decide(self, stats: SpellingMerge, context: CheckContext,
               fetch: Fetch | None = None) -> SpellingState | None:
        """Step 3: the document's names, name forms and frequent words."""
        return stats.state(int(context.option("min_doc_frequency", MIN_DOC_FREQUENCY) or 0), context.target_only)

    def emit(self, segments: Sequence[Segment], verdicts: SpellingState, context: CheckContext,
             local: Rows | None = None) -> Iterator[tuple[Segment, Finding]]:
        """Step 4: the findings on the words of ``segments`` the language does not
        know (``local``: their positions, from :meth:`statistics`)."""
        env = self._env(context)
        if env is None:
            return
        env.names, env.name_forms = verdicts["names"], verdicts["forms"]
        env.frequent = verdicts["frequent"]
        for seg, bad in unknown_words(segments, local, lambda w: _word_known(env, w)):
            for f in self._check(seg, env, context, bad):
                yield seg, f

    def _check(
        self, seg: Segment, env: _Env, context: CheckContext,
        words: Sequence[Word] | None = None, source_words: set[str] | None = None,
    ) -> Iterator[Finding]:
        """Findings on the target of ``seg``, looking at ``words`` of it (default:
        all); ``source_words``: the lowercased words of its source, when known."""
        target = seg.target or ""
        if source_words is not None:
            source_words = set(source_words)
        elif seg.source and not context.target_only:
            source_words = {w.text.lower() for w in iter_words(seg.source)}
        else:
            source_words = set()
        for _, t in seg.terms:
            source_words.update(w.text.lower() for w in iter_words(t))
        folded = _folded_set(source_words)
        foreign: set[int] | None = None
        for w in iter_words(target) if words is None else words:
            t = w.text
            if len(t) <= 2 or not t[0].isalpha():
                continue  # never flagged (see _word)
            if (w.start and target[w.start - 1] in _ACCEL_BEFORE) or target[w.end:w.end + 1] in _ACCEL_AFTER:
                continue  # "[a]ccetta", "&File": a word cut by an accelerator mark
            if _abbreviated(target, w.end):
                continue  # "bijv. ö = o", "z. B. die": an abbreviation mid-sentence
            if w.text[:1].isupper() and _in_name_run(target, w, env.code):
                continue  # "Jensen Huang": a word of a multiword name
            if _hyphen_part_skipped(target, w):
                continue  # 'jalan-jalan', 'врешті-решт', 'sports- og'
            if foreign is None:
                foreign = _foreign_runs(target, env)
            if w.start in foreign:
                continue  # 'Il faut bien le faire' in English: another language, not typos
            if t.lower() not in env.name_forms and _twice(target, t):
                continue  # 'богги ... богги': a word used twice in a sentence is meant
            f = self._word(w, env, source_words, folded)
            if f is not None:
                yield f

    def _word(self, w: Word, env: _Env, source_words: set[str],
              folded: frozenset[str] = frozenset()) -> Finding | None:
        t = w.text
        if len(t) <= 2 or not t[0].isalpha():
            return None
        if not t.isascii() and not unicodedata.is_normalized("NFC", t):
            t = unicodedata.normalize("NFC", t)  # 'Kapita\u0308n': decomposed letters
        low = t.lower()
        if low in env.accept or low in source_words:
            return None
        if t.isupper() or _has_upper(t, 1):
            return None
        cap = t[0].isupper()
        noun_caps = env.code in NOUN_CAPS
        if cap and not noun_caps and not (w.initial and not w.elided and _initial_typo(env.code, low)):
            # a capitalised word of a language that capitalises only names and
            # sentence starts: a name the lexicon cannot know ('Pelosi', 'Scherzer'),
            # at a sentence start as much as inside one; unless it has the shape of
            # a slip no name has (see _initial_typo: 'Teh', 'Riducando')
            return None
        if cap and t in env.names and w.initial:
            return None  # a noun-capitalising language: the name seen inside sentences
        if folded and _from_source(low, folded, cap):
            # the source's word in another script or accents ('Зинке' for 'Zinke',
            # 'Séoul' for 'Seoul'), or a name of it with a case ending ('Holts')
            return None
        if len(t) < MIN_LENGTH and not _swapped_word(env.code, low):
            return None  # 'смс': a short word is one edit from too many others ('teh' is judged)
        if low in KNOWN_NAMES and cap:
            return None
        if _word_known(env, low):
            return None  # either lexicon knows it: the frequency list or the inflections
        if not _in_script(low, env.code):
            return None  # '日本語' in an English list of languages: not a word of it
        if (env.code in _CLOSED_COMPOUNDS and not cap and _two_words(low, dictionary(env.code) or {})
                and not _typo_of_listed(env.code, low)):
            # 'homeware': two words written together; not a word of the lexicon
            # (other checks ask is_known whether 'Castleford' is a common word).
            # One edit from a listed word, the typo is likelier ('determind' is
            # 'deter' + 'mind' but 'determined' lost a letter)
            return None
        lang = LANGUAGE_NAMES.get(env.code) or language_name(env.code)
        if not cap and low in env.name_forms and low not in env.frequent and not env.lexonly:
            form = env.name_forms[low]
            return self.flag(
                "target", w.start, w.end, t,
                f"'{t}' is written '{form}' elsewhere in the document.",
                suggestion=form,
            )
        if low in KNOWN_NAMES or low in env.frequent or low in language_names(env.code):
            return None
        if env.lexonly:
            return self._lexicon_typo(w, env, lang)
        near: str | None = None
        if env.rich:
            lem = morph.lemma_light(low, env.code)
            if (lem != low and lem is not None and morph.is_lemma(lem, env.code)) or _short_form(low, env.code):
                # the lemmatizer's rules make it a form of a listed lemma, or it begins
                # a listed form: an inflection the lists lack. (A lemma the rules guess
                # and no lexicon lists, 'неподаелка' of 'неподаелку', clears nothing.)
                return None
            near = morph.near_form(low, env.code, sub_end=rich_ending(low), indel_end=1,
                                   start=1, swap_end=2)
            if near is None:
                # A richly inflecting language: no word list holds every form, so only
                # the shape of a typo counts, one edit from a listed form; another
                # letter in the ending is another inflection, another first letter
                # another prefix ('окажет' / 'скажет'), not a typo.
                return None
        hit = suggest(env.code, low)
        if hit is None and near is not None:
            hit = (near, 1)  # the word list lacks the form the lexicon lists
        if hit is None or not _typo_shape(low, hit[0], env.rich):
            # no listed word one or two edits away: not the shape of a typo of a
            # word of the language, but a word the list lacks ('denuclearization')
            return None
        if cap and not w.initial and hit[1] > 1:
            return None  # a capitalised word of a noun-capitalising language: a name?
        sugg = hit[0]
        if cap:
            sugg = sugg[:1].upper() + sugg[1:]
        return self.flag(
            "target", w.start, w.end, t,
            f"'{t}' is not in the {lang} dictionary; did you mean '{sugg}'?",
            suggestion=sugg,
        )


    def _lexicon_typo(self, w: Word, env: _Env, lang: str) -> Finding | None:
        """A word the lexicon of inflected forms lacks, in a language without a
        word list: flagged only in the shape of a typo of a listed form (see
        :func:`lexicon_typo`)."""
        t, low = w.text, w.text.lower()
        if not t.islower() or len(t) < LEXICON_MIN_LENGTH:
            # without a word list, a capitalised word the lexicon lacks is most often
            # a name, and a short one a particle it does not list
            return None
        sugg = lexicon_typo(low, env.code, env.rich)
        if sugg is None:
            return None
        if t[:1].isupper():
            sugg = sugg[:1].upper() + sugg[1:]
        return self.flag(
            "target", w.start, w.end, t,
            f"'{t}' is not in the {lang} lexicon; did you mean '{sugg}'?",
            suggestion=sugg,
        )


#: the shortest word judged by a lexicon of inflected forms alone
LEXICON_MIN_LENGTH = 4
#: the typos a lexicon of inflected forms alone can tell (see :func:`morph.near_form`):
#: two neighbours swapped, a letter lost. A word one letter longer than a listed
#: form, or with one letter replaced, is as often a correct form the lexicon lacks
#: (measured on NTREX-128: 132 of 141 false alarms in 16 languages were of these two
#: kinds), so they are not told.
LEXICON_EDITS = "si"


def lexicon_typo(low: str, code: str, rich: bool) -> str | None:
    """The listed form that the lowercase ``low``, a word the lexicon of ``code``
    lacks, is a typo of, or None. A compound of listed words in a compounding
    language clears it, and so (richly inflecting) does being the start of a listed
    form. A typo is two neighbours swapped (not the last letter) or a letter lost
    (in a richly inflecting language not within its :func:`rich_ending`: another
    case ending, Hungarian 'tesztelését' / 'tesztelésért'), not in the first letter
    (another prefix): :data:`LEXICON_EDITS`. A word the lexicon's lemmatizer takes
    for a form of a listed lemma ('saaneet' of 'saada') is cleared too; one it
    gives a lemma the lexicon does not list ('възможости' -> 'възможосът') is not."""
    if len(low) < LEXICON_MIN_LENGTH:
        return None
    lem = morph.lemma_light(low, code)
    if lem != low and lem is not None and morph.is_lemma(lem, code):
        return None  # the lemmatizer's rules make it a form of a listed word ('saaneet')
    if code in _COMPOUNDING and _compound_known(low, _LexForms(code)):
        return None
    if rich and _short_form(low, code):
        return None
    return morph.near_form(low, code, start=1, swap_end=2, edits=LEXICON_EDITS,
                           ins_end=rich_ending(low) if rich else 0)


def _short_form(low: str, code: str) -> bool:
    """Whether ``low`` begins a listed form a few letters longer: a short form the
    lexicon omits ('показан' of 'показанный', 'поручен' of 'порученный'), another
    inflection rather than a typo."""
    return len(low) >= 5 and morph.truncated_form(low, code)


class _LexForms:
    """The forms of a :mod:`reviewer.morph` lexicon as a container (``in`` only)."""

    __slots__ = ("code",)

    def __init__(self, code: str) -> None:
        self.code = code

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and morph.is_known(word, self.code)


def _word_known(env: _Env, low: str) -> bool:
    """Whether the lowercase ``low`` is a word of the run's language: in its word
    list (with the list's morphology) or its lexicon of inflected forms."""
    if env.lexonly:
        # a lemma with no other form (an adverb: 'obecnie', 'vždy') is listed only
        # as a lemma
        return (low in env.accept or morph.is_known(low, env.code)
                or morph.is_lemma(low, env.code))
    return is_known(env.code, low) or morph.is_known(low, env.code)


@lru_cache(maxsize=65536)
def _in_script(low: str, code: str) -> bool:
    """Whether every letter of ``low`` is of a script ``code`` is written in (CLDR);
    True when the scripts are not known."""
    scripts = language_scripts(code)
    if not scripts:
        return True
    return all(letter_script(c) in scripts for c in low if c.isalpha())


#: uses of one unknown word in a document from which it is a word the lexicons lack,
#: not a typo (option ``min_doc_frequency``); twice in one segment is enough (see
#: :meth:`SpellingCheck._check`)
MIN_DOC_FREQUENCY = 3

#: the shortest word flagged: a word of three letters is one edit from dozens of
#: listed ones ('смс' / 'сми'), so that closeness says nothing
MIN_LENGTH = 4


#: lowercase words the lexicons lack, one after another, that make a phrase of
#: another language rather than typos
FOREIGN_RUN = 3


def _foreign_runs(target: str, env: _Env) -> set[int]:
    """Starts of the words of runs of :data:`FOREIGN_RUN` or more lowercase words
    the language's lexicons lack, one after another (over words of one or two
    letters): a phrase of another language quoted in the text ('Il faut bien le
    faire' in English), not typos, which come one at a time. Only where a word
    list backs the lexicon: a lexicon of inflected forms alone lacks too many
    common words (Finnish 'myös', 'jälleen') for a run of them to mean anything."""
    if env.lexonly:
        return set()
    words = [w for w in iter_words(target) if len(w.text) >= 3]
    out: set[int] = set()
    run: list[int] = []
    for w in words + [None]:  # type: ignore[list-item]
        if w is not None and w.text.islower() and w.text.isalpha() and not _word_known(env, w.text):
            run.append(w.start)
            continue
        if len(run) >= FOREIGN_RUN:
            out.update(run)
        run = []
    return out


CHECKS = [SpellingCheck]
