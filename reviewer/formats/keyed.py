"""Shared machinery of key-value resource formats (Android, Apple, Java, ARB, JSON,
.resx, YAML, and the bilingual ``.xcstrings``/Qt ``.ts`` readers built on it).

A format module parses a file into :class:`Entry` objects: a key, the text checks see,
and the ``[start, end)`` span of the raw value in the file text. Reading pairs a target
file with its source file by key (``--source``, or found beside it by the directory
convention of :func:`find_source`); writing replaces the spans of changed values and
leaves every other character as it was, so a file with no change is written back
byte for byte.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import ClassVar, Iterator, Mapping

from ..errors import InputError
from ..model import Document, InlineCode, Segment
from ..plurals import exact_category, singular_category
from ..status import default_status
from .base import Format, ReadOptions, atomic_write_bytes, read_text

__all__ = ["Entry", "Parsed", "KeyedFormat", "find_source", "lang_from_path"]


@dataclass(slots=True)
class Entry:
    """One value of a resource file.

    ``key`` is the unit id (a plural form's key names its category: ``files[one]``,
    ``files_one``); ``base`` the key without it and ``plural`` the CLDR category.
    ``start``/``end`` span the raw value in the file text (None: not writable in place).
    """

    key: str
    value: str
    start: int | None
    end: int | None
    line: int
    codes: tuple[InlineCode, ...] = ()
    notes: tuple[str, ...] = ()
    base: str | None = None
    plural: str | None = None
    status: str | None = None
    translatable: bool = True
    problems: tuple[tuple[int | None, str], ...] = ()
    raw: str = ""
    #: what disambiguates the text (Qt's comment): consistency compares within it
    context: str | None = None


@dataclass(slots=True)
class Parsed:
    """A parsed file: its entries, and what the file itself says of its languages."""

    entries: list[Entry]
    source_lang: str | None = None
    target_lang: str | None = None
    problems: list[tuple[int | None, str]] = field(default_factory=list)
    meta: dict[str, object] = field(default_factory=dict)


# a language tag as it appears in resource paths: ru, zh-Hans, zh_CN, pt-rBR, en-US
_TAG = re.compile(r"(?<![A-Za-z0-9])([a-z]{2,3}(?:[-_](?:r?[A-Z]{2}|[A-Z][a-z]{3}|\d{3}))?"
                  r"(?:[-_][A-Z]{2})?)(?![A-Za-z0-9])")
SOURCE_NAMES = ("en", "en-US", "en_US", "en-GB", "en_GB", "Base", "base")


def _is_lang(tag: str) -> bool:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(re.sub(r"[-_]r([A-Z]{2})$", r"_\1", tag).replace("-", "_")) is not None
    except (UnknownLocaleError, ValueError, TypeError):
        return False


def _norm_tag(tag: str) -> str:
    return re.sub(r"[-_]r([A-Z]{2})$", r"-\1", tag).replace("_", "-")


def _lang_token(path: Path) -> tuple[int, int, str] | None:
    """``(start, end, tag)`` of the language token in ``str(path)``: the last one in the
    file name (its suffix excluded), else the last in the directory names."""
    s = str(path)
    name_at = len(s) - len(path.name)
    stem_end = name_at + len(path.name) - len(path.suffix)
    best: tuple[int, int, str] | None = None
    for m in _TAG.finditer(s, 0, stem_end):
        if _is_lang(m.group(1)):
            if best is None or (m.start() >= name_at) or best[0] < name_at:
                best = (m.start(1), m.end(1), m.group(1))
    return best


def lang_from_path(path: str | Path) -> str | None:
    """The language a resource path names (``values-ru`` -> ``ru``, ``zh-Hans.lproj``,
    ``JabRef_zh_CN.properties`` -> ``zh-CN``), or None."""
    tok = _lang_token(Path(path))
    return None if tok is None else _norm_tag(tok[2])


def find_source(path: str | Path) -> Path | None:
    """The source-language file beside a target resource file, by the usual layouts:
    the language token removed (``values-ru/`` -> ``values/``, ``X.ar.resx`` ->
    ``X.resx``, ``JabRef_ru`` -> ``JabRef``) or replaced by ``en``/``en-US``/``Base``
    (``ru.lproj`` -> ``en.lproj``, ``intl_ar.arb`` -> ``intl_en.arb``). None when the
    file names no language, or no such file exists."""
    p = Path(path)
    tok = _lang_token(p)
    if tok is None:
        return None
    s = str(p)
    a, b, _ = tok
    cands = []
    if a > 0 and s[a - 1] in "-_.":
        cands.append(s[: a - 1] + s[b:])
    cands += [s[:a] + name + s[b:] for name in SOURCE_NAMES]
    here = p.resolve()
    for c in cands:
        cp = Path(c)
        if cp.is_file() and cp.resolve() != here:
            return cp
    return None


_WORDS = re.compile(r"[^\W\d_]{2,}")


def sniff_english(texts: list[str], sample: int = 300) -> str | None:
    """``"en"`` when the texts read as English (at least 70% of the words of a sample
    of them are in English's lexicon), else None: a source file that names no
    language (Android ``values/``, ``Foo.resx``) is most often English, and when it is
    not the language stays unknown rather than guessed."""
    from .. import morph

    if not morph.has_lexicon("en"):
        return None
    step = max(1, len(texts) // sample)
    words = [w for t in texts[::step] for w in _WORDS.findall(t)][:2000]
    if len(words) < 20:
        return None
    known = sum(1 for w in words if morph.is_known(w, "en"))
    return "en" if known >= 0.7 * len(words) else None


class KeyedFormat(Format):
    """Base of key-value resource formats: subclasses implement :meth:`parse` and
    :meth:`encode`; reading, pairing and in-place writing are shared."""

    monolingual: ClassVar[bool] = True
    #: an empty value means "not translated yet" (i18next, Rails YAML)
    empty_is_untranslated: ClassVar[bool] = True

    # -- to implement ------------------------------------------------------------
    def parse(self, text: str, path: Path) -> Parsed:
        """Parse the decoded file text."""
        raise NotImplementedError

    def encode(self, value: str, entry: Entry, text: str) -> str:
        """The raw file text for ``value`` replacing ``entry``'s span."""
        raise NotImplementedError

    # -- bytes ---------------------------------------------------------------------
    def load(self, path: Path) -> tuple[str, bytes]:
        """Decoded text and the BOM (or b"") it began with."""
        data = _read_bytes(path)
        bom = b"\xef\xbb\xbf" if data.startswith(b"\xef\xbb\xbf") else b""
        return read_text(path), bom

    def dump(self, text: str, bom: bytes) -> bytes:
        """File bytes for ``text``."""
        return bom + text.encode("utf-8")

    # -- reading -----------------------------------------------------------------
    def parse_file(self, path: Path) -> Parsed:
        text, _ = self.load(path)
        try:
            return self.parse(text, path)
        except InputError:
            raise
        except ValueError as e:
            line = getattr(e, "line", None)
            raise InputError(f"not a valid {self.name} file: {e}", path, line) from None

    def read(self, path: Path, options: ReadOptions) -> Document:
        tgt = self.parse_file(path)
        spath = Path(options.source_file) if options.source_file else find_source(path)
        src = self.parse_file(spath) if spath is not None else None
        tlang = options.target_lang or tgt.target_lang or lang_from_path(path)
        slang = options.source_lang or tgt.source_lang or (
            (src.target_lang or lang_from_path(spath)) if src is not None and spath else None)
        if slang is None and src is not None:
            slang = sniff_english([e.value for e in src.entries])
        if src is None:
            segs = list(self._target_only(tgt))
        else:
            segs = key_contexts(list(self.pair(src, tgt, tlang)))
        segs = _dedupe_ids(segs)
        meta: dict[str, object] = dict(tgt.meta)
        meta["resource"] = True  # app strings (labels, fragments), not running text
        if spath is not None:
            meta["source_path"] = str(spath)
        if tgt.problems:
            meta["problems"] = list(tgt.problems)
        return Document(path=str(path), format=self.name, source_lang=slang,
                        target_lang=tlang, segments=segs, target_only=src is None, meta=meta)

    def _target_only(self, tgt: Parsed) -> Iterator[Segment]:
        for e in tgt.entries:
            yield self._segment(0, e.key, None, e)

    def _segment(self, index: int, key: str, s: Entry | None, t: Entry | None) -> Segment:
        target = None if t is None else t.value
        status = t.status if t is not None and t.status else None
        if status is None:
            if t is None or (target == "" and self.empty_is_untranslated):
                status = "untranslated"
            else:
                status = default_status(target) if target is not None else "untranslated"
        flags: frozenset[str] = frozenset()
        if (t is not None and not t.translatable) or (s is not None and not s.translatable):
            flags = frozenset({"obsolete"})
        ref = t if t is not None else s
        assert ref is not None
        notes = tuple(dict.fromkeys((s.notes if s else ()) + (t.notes if t else ())))
        return Segment(
            id=key, index=index, source=s.value if s is not None else "",
            target=target, line=ref.line,
            source_codes=s.codes if s is not None else (),
            target_codes=t.codes if t is not None else (),
            notes=notes, status=status, flags=flags,
            context=_context(s, t),
            problems=(t.problems if t is not None else ()),
        )

    def pair(self, src: Parsed, tgt: Parsed, tlang: str | None = None) -> Iterator[Segment]:
        """Units in source order, each with the target entry of the same key; a plural
        form the source lacks takes the source's ``other`` form; target keys the source
        no longer has come last, flagged obsolete."""
        by_key = {e.key: e for e in tgt.entries}
        t_groups: dict[str, list[Entry]] = {}
        for e in tgt.entries:
            if e.plural is not None and e.base is not None:
                t_groups.setdefault(e.base, []).append(e)
        s_forms: dict[str, dict[str, Entry]] = {}
        for e in src.entries:
            if e.plural is not None and e.base is not None:
                s_forms.setdefault(e.base, {})[e.plural] = e
        used: set[int] = set()
        done_groups: set[str] = set()
        for s in src.entries:
            if s.plural is not None and s.base is not None and s.base in t_groups:
                if s.base in done_groups:
                    continue
                done_groups.add(s.base)
                forms = s_forms[s.base]
                for t in t_groups[s.base]:
                    used.add(id(t))
                    cat = t.plural or ""
                    # a target 'one' that also means 21, 31... translates the 'other' form
                    same = cat != "one" or singular_category(tlang, "one")
                    se = (forms.get(cat) if same else None) or forms.get("other") or s
                    seg = self._segment(0, t.key, se, t)
                    if cat and exact_category(tlang, cat):  # may leave the count out
                        seg = replace(seg, flags=seg.flags | EXACT_COUNT)
                    yield seg
                continue
            match = by_key.get(s.key)
            if match is not None:
                used.add(id(match))
            yield self._segment(0, s.key, s, match)
        for t in tgt.entries:
            if id(t) not in used:
                seg = self._segment(0, t.key, None, t)
                yield replace(seg, flags=seg.flags | {"obsolete"})

    # -- writing -----------------------------------------------------------------
    def write(self, path: Path, out: Path, changes: Mapping[int, Segment],
              options: ReadOptions) -> None:
        text, bom = self.load(path)
        parsed = self.parse(text, path)
        ids = {s.index: s.id for s in self.read(path, options).segments}
        by_key = {e.key: e for e in parsed.entries}
        edits: list[tuple[int, int, str]] = []
        for idx, seg in changes.items():
            key = ids.get(idx, seg.id)
            e = by_key.get(key)
            if e is None or e.start is None or e.end is None:
                raise InputError(f"cannot write {key!r}: the key is not in this file "
                                 "(adding keys is not supported)", path)
            new = seg.target if seg.target is not None else ""
            if new == e.value and tuple(seg.target_codes) == tuple(e.codes):
                continue
            edits.append((e.start, e.end, self.encode(new, replace(e, codes=seg.target_codes), text)))
        for a, b, raw in sorted(edits, reverse=True):
            text = text[:a] + raw + text[b:]
        atomic_write_bytes(out, self.dump(text, bom))


#: flag of a plural form used for one number only (see :func:`reviewer.plurals.exact_category`):
#: the placeholder check lets its text leave the count out
EXACT_COUNT = frozenset({"exact-count"})


def key_contexts(segs: list[Segment], prefix: str = "") -> list[Segment]:
    """In a file whose keys are mostly the source text itself (iOS ``.strings``, String
    Catalogs, JabRef-style ``.properties``), a key that differs from its source text is
    there to tell two uses of one text apart ("Left fan" and "Left alignment", both
    "Left"): that key becomes the unit's context, as a PO ``msgctxt`` would, so the
    consistency check does not compare the two. Files keyed by identifiers
    (``menu.open``), where few keys equal their text, are left as they are. ``prefix``:
    a prefix of every id that is not part of the key (a catalog's ``lang:``)."""
    plain = [sg for sg in segs if sg.source and sg.context is None]
    if not plain or 2 * sum(sg.id[len(prefix):] == sg.source for sg in plain) <= len(plain):
        return segs
    return [replace(sg, context=sg.id[len(prefix):])
            if sg.source and sg.context is None and sg.id[len(prefix):] != sg.source else sg
            for sg in segs]


def _context(s: Entry | None, t: Entry | None) -> str | None:
    """The unit's context: the format's own (Qt comment), else, for a plural form, its
    category: forms of one message differ by design and are compared only with the
    same form of other messages."""
    for e in (t, s):
        if e is not None and e.context:
            return e.context
    e = t if t is not None else s
    return f"plural form {e.plural}" if e is not None and e.plural else None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path) from None
    except OSError as e:
        raise InputError(f"cannot read: {e.strerror}", path) from None


def unique_id(seg: Segment, seen: dict[str, int]) -> Segment:
    """The unit with a unique id: the ``n``-th repeat of an id becomes ``id#n``, with a
    ``format`` problem saying so (the same rule in every format). ``seen`` counts the
    ids met so far in the file."""
    n = seen.get(seg.id, 0) + 1
    seen[seg.id] = n
    if n == 1:
        return seg
    new = f"{seg.id}#{n}"
    while new in seen:  # an id that already looks like a disambiguated one
        n += 1
        new = f"{seg.id}#{n}"
    seen[new] = 1
    return replace(seg, id=new, problems=seg.problems + (
        (seg.line, f"duplicate id {seg.id!r} (occurrence {n}); this unit is named {new}"),))


def _dedupe_ids(segs: list[Segment]) -> list[Segment]:
    """Index the units and make their ids unique (:func:`unique_id`)."""
    seen: dict[str, int] = {}
    return [replace(unique_id(s, seen), index=i) for i, s in enumerate(segs)]
