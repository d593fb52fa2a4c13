"""Consistency check: Xbench's two classic inconsistency checks over a whole file.

(a) The same source translated differently: units whose sources are equal once
normalised (case-folded, whitespace collapsed, inline codes removed; units with
different contexts, e.g. PO ``msgctxt``, are different strings) but whose targets
differ in more than inflection (targets compared as lemma sets in the target language,
like (b)'s sources: Russian ``Организация`` / ``организации`` is one translation used in
two sentences). Every unit whose target differs from the most common translation is flagged,
with that translation as suggestion. (b) The same translation used for different
sources: units of one context with equal normalised targets whose sources differ in
more than case, punctuation, whitespace, word order and inflection (sources compared
as the set of their words' lemmas, :mod:`reviewer.morph`: ``Keep entry`` / ``Keep
entries`` or ``Assign to`` / ``Assigned to`` are one source for a language without
those inflections); the units whose source differs from the group's most common source
are flagged.

(b) runs only with the setting ``[checks.consistency] same_target = true``: on the 46
real files of ``benchmarks/bench_real_files.py`` 2 of 23 of its findings judged by hand
were real (synonyms, paraphrases and labels that differ by an article share one
translation in every language); (a) is on by default.

Units with an empty target, or whose source (for b: target) has no letter, are
skipped. One pass with hash maps: linear in the number of units.

The check runs in the steps of :class:`~reviewer.checks.base.DocumentCheck`, so that
a corpus split into chunks (:mod:`reviewer.distributed`) gets the decisions of one
pass: :func:`unit_keys` gives, per chunk, each unit's position and 128-bit digests
of its group key and of its normalised text (32 bytes a unit for each of the two
checks); over the whole document :func:`mixed_groups` finds the groups whose texts
differ, the only units read again (their lemmas looked up), and :func:`conflicts`
finds among them the groups with more than one lemma form, their majority form (its
first five units and its count) and the units to flag (messages:
:func:`same_source_message`, :func:`same_target_message`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Iterable, Iterator, Sequence

if TYPE_CHECKING:
    import numpy as np

from .. import morph
from ..config import typed_option
from ..model import CODE_RE, Finding, Segment, Severity
from .base import CheckContext, DocumentCheck, Fetch

__all__ = ["ConsistencyCheck", "CHECKS", "Messages", "Message", "normalize", "loose", "UnitKeys", "Conflicts",
           "unit_keys", "mixed_groups", "conflicts", "lemma_form", "same_target_on", "same_source_message", "same_target_message"]

_SPACE_RE = re.compile(r"\s+")
_NOT_WORD_RE = re.compile(r"[\W_]+")
_MAX_IDS = 5


def normalize(text: str) -> str:
    """Compare form: inline codes removed, case-folded, whitespace collapsed."""
    return _SPACE_RE.sub(" ", CODE_RE.sub("", text)).strip().casefold()


def loose(text: str) -> str:
    """:func:`normalize` without punctuation and spaces: ``Save file.`` = ``save-file``."""
    return _NOT_WORD_RE.sub("", normalize(text))


_WORD_RE = re.compile(r"[^\W_]+")


def lemma_form(text: str, lang: str | None) -> str:
    """A source's words as their sorted, distinct lemmas in ``lang`` (the words
    themselves, case-folded, for a language without a lexicon): what (b) compares."""
    words = _WORD_RE.findall(normalize(text))
    if not morph.has_lexicon(lang):
        return " ".join(sorted(set(words)))
    return " ".join(sorted({morph.lemma(w, lang) or w for w in words}))


def same_target_on(options: Any) -> bool:
    """Whether (b), the same translation for different sources, runs (the setting
    ``same_target``, off by default)."""
    return bool(typed_option(options or {}, "same_target", False))


def _ctx_key(context: str | None) -> str:
    return "" if context is None else f"{len(context)}:{context}"


def _has_letter(text: str) -> bool:
    return any(c.isalpha() for c in text)


def _id_list(ids: Sequence[str], total: int) -> str:
    """The first units' ids of a group of ``total``: ``"4, 9 and 3 more"``."""
    ids = ids[:_MAX_IDS]
    more = total - len(ids)
    text = ", ".join(ids)
    return f"{text} and {more} more" if more > 0 else text


def _short(text: str, n: int = 60) -> str:
    text = _SPACE_RE.sub(" ", CODE_RE.sub("", text)).strip()
    return text if len(text) <= n else text[: n - 1] + "…"


Message = tuple[str, str | None]  # a finding's (message, suggestion)


class Messages:
    """The findings of a document: for each of the two checks, the flagged unit
    indexes (ascending), their groups and each group's message and suggestion."""

    def __init__(self, parts: list[tuple[Any, Any, list[Message]]]) -> None:
        self.parts = parts

    def between(self, lo: int, hi: int) -> "Messages | None":
        """The messages of the units ``lo <= index < hi`` (None: none)."""
        import numpy as np  # lazily: a small run never makes arrays
        parts: list[tuple[Any, Any, list[Message]]] = []
        found = False
        for flagged, groups, msgs in self.parts:
            a, b = np.searchsorted(flagged, [lo, hi])
            used, inverse = np.unique(groups[a:b], return_inverse=True)
            parts.append((flagged[a:b], inverse.reshape(-1).astype(np.int64),
                          [msgs[g] for g in used.tolist()]))
            found = found or b > a
        return Messages(parts) if found else None

    def by_unit(self) -> dict[int, list[Message]]:
        """Each flagged unit's messages: "same source" before "same target"."""
        out: dict[int, list[Message]] = {}
        for flagged, groups, msgs in self.parts:
            for i, g in zip(flagged.tolist(), groups.tolist()):
                out.setdefault(i, []).append(msgs[g])
        return out


class ConsistencyCheck(DocumentCheck):
    """The same source translated differently, and the same translation used for
    different sources, across the file."""

    id = "consistency"
    name = "Consistency"
    category = "accuracy"
    severity = Severity.MINOR
    needs_source = True
    description = "Same source translated differently, or same translation for different sources."

    def run_document(self, segments: Sequence[Segment],
                     context: CheckContext) -> Iterable[tuple[Segment, Finding]]:
        """The four steps over the whole document; nothing when no two units share a
        key (a source, or a translation), the only case with something to compare:
        a small file then costs no arrays (and no numpy import)."""
        if not _repeated_key(segments, same_target_on(context.options)):
            return ()
        return super().run_document(segments, context)

    def statistics(self, segments: Sequence[Segment],
                   context: CheckContext) -> tuple[list[UnitKeys], None]:
        """The :class:`UnitKeys` of some units (step 1)."""
        return [unit_keys(segments, same_target_on(context.options))], None

    def merge(self, total: list[UnitKeys] | None, part: list[UnitKeys],
              shift: int) -> list[UnitKeys]:
        """Step 2: the chunks' keys in order (joined by :meth:`decide`)."""
        out = total if total is not None else []
        out.extend(k.shifted(shift) for k in part)
        return out

    def decide(self, stats: list[UnitKeys], context: CheckContext,
               fetch: Fetch | None = None) -> Messages | None:
        """Step 3: the flagged units and their messages (None: none). The units of
        the groups whose normalised texts differ are read again through ``fetch``
        (those only): their lemmas decide, and the messages quote the majority's
        first unit. ``stats`` is consumed (emptied)."""
        import numpy as np  # lazily: a small run never makes arrays
        keys = UnitKeys.concat(stats)
        stats.clear()  # the chunks' keys are freed as soon as they are joined
        same_target = same_target_on(context.options)
        mixed_a = mixed_groups(keys.pos_a, keys.key_a, keys.form_a)
        mixed_b = (mixed_groups(keys.pos_b, keys.key_b, keys.form_b) if same_target
                   else np.zeros(0, np.int64))
        if not len(mixed_a) and not len(mixed_b):
            return None
        if fetch is None:
            raise ValueError("ConsistencyCheck.decide needs fetch to read units again")
        units = fetch(sorted(set(mixed_a.tolist()) | set(mixed_b.tolist())))
        parts: list[tuple[Any, Any, list[Message]]] = []
        for mixed, pos, key, lemmas_of, make in (
                (mixed_a, keys.pos_a, keys.key_a,
                 lambda u: lemma_form(u.target or "", context.target_lang),
                 lambda ids, n, u: same_source_message(ids, n, u.target or "")),
                (mixed_b, keys.pos_b, keys.key_b,
                 lambda u: lemma_form(u.source, context.source_lang),
                 lambda ids, n, u: same_target_message(ids, n, u.source))):
            # the keys of the mixed units (both sorted by position), their lemma forms
            at = np.searchsorted(pos, mixed)
            lemmas = _digests([_digest(lemmas_of(units[i])) for i in mixed.tolist()])
            c = conflicts(mixed, key[at], lemmas)
            msgs: list[Message] = [make([units[i].id for i in maj], n, units[maj[0]])
                                   for maj, n in zip(c.majority, c.counts)]
            parts.append((c.flagged, c.groups, msgs))
        if not any(len(flagged) for flagged, _g, _m in parts):
            return None
        return Messages(parts)

    def verdicts_between(self, verdicts: Messages, lo: int, hi: int) -> Messages | None:
        """The messages of the units ``lo <= index < hi``."""
        return verdicts.between(lo, hi)

    def emit(self, segments: Sequence[Segment], verdicts: Messages, context: CheckContext,
             local: None = None) -> Iterator[tuple[Segment, Finding]]:
        """Step 4: the findings of the flagged units among ``segments``: "same
        source" before "same target"."""
        by_unit = verdicts.by_unit()
        for seg in segments:
            for message, suggestion in by_unit.get(seg.index, ()):
                yield seg, self.flag_unit(seg, message, suggestion)

    def flag_unit(self, seg: Segment, message: str, suggestion: str | None) -> Finding:
        """The finding on a unit's whole target."""
        target = seg.target or ""
        return self.flag("target", 0, len(target), target, message, suggestion=suggestion)


def same_source_message(ids: Sequence[str], count: int, model_target: str) -> tuple[str, str]:
    """Message and suggestion for a unit of a group whose majority translation (``count``
    units, the first with ``ids``) is ``model_target``."""
    return (f"The same source is translated differently in unit(s) {_id_list(ids, count)}"
            f" ('{_short(model_target)}').", model_target)


def same_target_message(ids: Sequence[str], count: int, model_source: str) -> tuple[str, None]:
    """Message for a unit whose translation the majority (``count`` units, the first
    with ``ids``, the first's source ``model_source``) uses for another source."""
    return (f"The same translation is used for a different source in unit(s) "
            f"{_id_list(ids, count)} ('{_short(model_source)}').", None)


# --------------------------------------------------------------------------- map-reduce


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


@dataclass
class UnitKeys:
    """The two checks' statistics of some units: for (a) ``same source``, positions
    (unit indexes) with the digests of ``(context, normalize(source))`` and of
    ``normalize(target)``; for (b) ``same target``, the digests of ``(context,
    normalize(target))`` and of ``normalize(source)``. Digests are ``(n, 2)`` uint64 arrays."""

    pos_a: Any
    key_a: Any
    form_a: Any
    pos_b: Any
    key_b: Any
    form_b: Any

    def shifted(self, shift: int) -> "UnitKeys":
        """The same keys with ``shift`` added to every position."""
        if not shift:
            return self
        return UnitKeys(self.pos_a + shift, self.key_a, self.form_a,
                        self.pos_b + shift, self.key_b, self.form_b)

    @staticmethod
    def concat(parts: Sequence["UnitKeys"]) -> "UnitKeys":
        """The keys of several chunks, in order."""
        import numpy as np  # lazily: a small run never makes arrays
        return UnitKeys(*(np.concatenate([getattr(p, n) for p in parts]) if parts else
                          _empty(n) for n in ("pos_a", "key_a", "form_a", "pos_b", "key_b", "form_b")))


def _empty(name: str) -> Any:
    import numpy as np  # lazily: a small run never makes arrays
    return np.zeros(0, np.int64) if name.startswith("pos") else np.zeros((0, 2), np.uint64)


def _digests(items: list[bytes]) -> Any:
    import numpy as np  # lazily: a small run never makes arrays
    return np.frombuffer(b"".join(items), dtype=np.uint64).reshape(-1, 2)


def _unit_texts(segments: Iterable[Segment],
                same_target: bool) -> Iterator[tuple[bool, int, str, str]]:
    """The keyed texts of :func:`unit_keys`: ``(side b, unit index, key, form)``, with
    (a) keyed by the normalised source and (b) (only with ``same_target``) by the
    normalised target, each within its unit's context."""
    for s in segments:
        if not (s.target and s.source):
            continue
        ctx = _ctx_key(s.context) + "\x00"
        src = normalize(s.source)
        tgt = normalize(s.target)
        if _has_letter(s.source):
            yield False, s.index, ctx + src, tgt
        if same_target and _has_letter(s.target):
            yield True, s.index, ctx + tgt, src


def _repeated_key(segments: Iterable[Segment], same_target: bool) -> bool:
    """Whether two units share a key of :func:`unit_keys` (its groups of two or more)."""
    seen: set[tuple[bool, str]] = set()
    for side, _i, key, _form in _unit_texts(segments, same_target):
        if (side, key) in seen:
            return True
        seen.add((side, key))
    return False


def unit_keys(segments: Iterable[Segment], same_target: bool = True) -> UnitKeys:
    """The statistics of ``segments`` (the kept units of a chunk, in order): their
    forms are the digests of the normalised texts (:func:`normalize`), cheap to take;
    the lemmas are only looked up for the groups where those differ (see
    :meth:`ConsistencyCheck.decide`). (b)'s keys only with ``same_target``."""
    import numpy as np  # lazily: a small run never makes arrays
    pos_a: list[int] = []
    key_a: list[bytes] = []
    form_a: list[bytes] = []
    pos_b: list[int] = []
    key_b: list[bytes] = []
    form_b: list[bytes] = []
    for side_b, i, key, form in _unit_texts(segments, same_target):
        pos, keys, forms = (pos_b, key_b, form_b) if side_b else (pos_a, key_a, form_a)
        pos.append(i)
        keys.append(_digest(key))
        forms.append(_digest(form))
    return UnitKeys(np.array(pos_a, np.int64), _digests(key_a), _digests(form_a),
                    np.array(pos_b, np.int64), _digests(key_b), _digests(form_b))


def mixed_groups(pos: Any, key: Any, form: Any) -> Any:
    """The positions (ascending) of the units whose group (equal keys) holds two forms
    or more: the only units whose lemmas can make a difference."""
    import numpy as np  # lazily: a small run never makes arrays
    n = len(pos)
    if n < 2:
        return np.zeros(0, np.int64)
    order = np.lexsort((form[:, 1], form[:, 0], key[:, 1], key[:, 0]))
    k, f = key[order], form[order]
    new_key = np.ones(n, bool)
    new_key[1:] = (k[1:] != k[:-1]).any(axis=1)
    group = np.cumsum(new_key) - 1
    new_form = new_key.copy()
    new_form[1:] |= (f[1:] != f[:-1]).any(axis=1)
    forms = np.bincount(group, weights=new_form)
    return np.sort(pos[order][forms[group] >= 2])


@dataclass
class Conflicts:
    """The groups of one check with more than one form: for group ``g``, the first
    (at most five) positions of its majority form ``majority[g]`` and their number
    ``counts[g]``; the positions to flag ``flagged`` (ascending) and their groups
    ``groups``."""

    majority: list[list[int]] = field(default_factory=list)
    counts: list[int] = field(default_factory=list)
    flagged: Any = None
    groups: Any = None


def conflicts(pos: Any, key: Any, form: Any) -> Conflicts:
    """The decisions of :meth:`ConsistencyCheck.run_document` from unit keys: in each
    group of equal keys with two forms or more, the most common form wins (a tie goes
    to the form seen first) and every unit with another form is flagged."""
    import numpy as np  # lazily: a small run never makes arrays
    n = len(pos)
    out = Conflicts(flagged=np.zeros(0, np.int64), groups=np.zeros(0, np.int64))
    if n < 2:
        return out
    order = np.lexsort((pos, form[:, 1], form[:, 0], key[:, 1], key[:, 0]))
    k, f, p = key[order], form[order], pos[order]
    new_key = np.ones(n, bool)
    new_key[1:] = (k[1:] != k[:-1]).any(axis=1)
    new_run = new_key.copy()
    new_run[1:] |= (f[1:] != f[:-1]).any(axis=1)
    run_start = np.flatnonzero(new_run)
    run_len = np.diff(np.append(run_start, n))
    run_key = np.cumsum(new_key)[run_start] - 1
    nruns = np.bincount(run_key)
    if nruns.max() < 2:
        return out
    # each key's best run: the most units, then the earliest first unit
    o = np.lexsort((p[run_start], -run_len, run_key))
    head = np.ones(len(o), bool)
    head[1:] = run_key[o][1:] != run_key[o][:-1]
    best = o[head]  # best[key id]
    gkeys = np.flatnonzero(nruns >= 2)
    flag_run = nruns[run_key] >= 2
    flag_run[best] = False
    unit_run = np.cumsum(new_run) - 1
    flag_unit = flag_run[unit_run]
    gnum = np.full(len(nruns), -1, np.int64)
    gnum[gkeys] = np.arange(len(gkeys))
    flagged = p[flag_unit]
    groups = gnum[run_key[unit_run[flag_unit]]]
    by_pos = np.argsort(flagged, kind="stable")
    out.flagged, out.groups = flagged[by_pos], groups[by_pos]
    for b in best[gkeys].tolist():
        a = int(run_start[b])
        c = int(run_len[b])
        out.majority.append(p[a:a + min(c, _MAX_IDS)].tolist())
        out.counts.append(c)
    return out


CHECKS = [ConsistencyCheck]
