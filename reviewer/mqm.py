"""MQM: error typologies, weight profiles, scores, and Google's MQM TSV format.

Typologies: MQM 2.0 (seven dimensions with their subcategories) and Google's WMT
variant. Profiles weigh an error by severity and category:

- ``mqm``: neutral 0, minor 1, major 5, critical 25, normalised per word;
- ``google-wmt`` (Freitag et al. 2021): minor 1, major 5, neutral 0, major
  Non-translation 25, minor Fluency/Punctuation 0.1; no per-word normalisation; a
  segment's score is minus its summed weights averaged over the raters who rated it;
- ``taus-dqf``: neutral 0, minor 1, major 5, critical 10, normalised per word;
- user profiles from ``reviewer.toml`` (``[mqm.profiles.NAME]``).

For per-word profiles, the MQM 2.0 scoring model: absolute penalty total (APT), per-word
penalty (APT / evaluated words), normed penalty per 1,000 words, raw quality score
``100 * (1 - APT/words)``, and a calibrated score ``100 - normed * scale`` where
``scale = (100 - pass_threshold) / tolerance``: a text with ``tolerance`` penalty points
per 1,000 words lands exactly on the pass threshold. A critical error fails the
document when the profile says so.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from . import safejson
from .errors import ConfigError, InputError
from .safetext import csv_cell, split_lines

MQM_2_0: dict[str, tuple[str, ...]] = {
    "Terminology": ("Inconsistent with terminology resource", "Inconsistent use of terminology",
                    "Wrong term"),
    "Accuracy": ("Mistranslation", "Overtranslation", "Undertranslation", "Addition", "Omission",
                 "Do not translate", "Untranslated"),
    "Linguistic conventions": ("Grammar", "Punctuation", "Spelling", "Unintelligible",
                               "Character encoding", "Textual conventions"),
    "Style": ("Organizational style", "Third-party style", "Inconsistent with external reference",
              "Language register", "Awkward style", "Unidiomatic style", "Inconsistent style"),
    "Locale conventions": ("Number format", "Currency format", "Measurement format", "Time format",
                           "Date format", "Address format", "Telephone format", "Shortcut key"),
    "Audience appropriateness": ("Culture-specific reference", "Offensive", "Inappropriate"),
    "Design and markup": ("Layout", "Markup tag", "Truncation/text expansion", "Missing text",
                          "Link/cross-reference"),
}

GOOGLE_WMT: dict[str, tuple[str, ...]] = {
    "Accuracy": ("Addition", "Omission", "Mistranslation", "Untranslated text"),
    "Fluency": ("Punctuation", "Spelling", "Grammar", "Register", "Inconsistency",
                "Character encoding"),
    "Terminology": ("Inappropriate for context", "Inconsistent use of terminology"),
    "Style": ("Awkward",),
    "Locale convention": ("Address format", "Currency format", "Date format", "Name format",
                          "Telephone format", "Time format"),
    "Non-translation": (),
    "Other": (),
    "Source error": (),
}

TYPOLOGIES = {"mqm-2.0": MQM_2_0, "google-wmt": GOOGLE_WMT}

# Our check categories (interfaces.md) -> MQM 2.0 dimension names
CHECK_CATEGORY_TO_MQM = {
    "terminology": "Terminology", "accuracy": "Accuracy", "linguistic": "Linguistic conventions",
    "style": "Style", "locale": "Locale conventions", "audience": "Audience appropriateness",
    "markup": "Design and markup",
}

SEVERITIES = ("neutral", "minor", "major", "critical")


@dataclass(frozen=True)
class Profile:
    """A weight profile: severity weights, (category, severity) overrides, and how
    scores are normalised."""

    name: str
    weights: dict[str, float]
    overrides: dict[tuple[str, str], float] = field(default_factory=dict)
    per_word: bool = True
    pass_threshold: float = 90.0
    tolerance: float = 10.0  # penalty points per 1,000 words that land on the threshold
    critical_fails: bool = True

    def weight(self, category: str, severity: str) -> float:
        """The weight of one error (category ``Top/Sub`` or ``Top``)."""
        sev = severity.strip().lower()
        if sev in ("no-error", "none", ""):
            return 0.0
        cat = category.strip().lower()
        for (c, s), w in self.overrides.items():
            if s == sev and (cat == c or cat.startswith(c + "/")):
                return w
        if sev not in self.weights:
            raise ValueError(f"unknown severity {severity!r}")
        return self.weights[sev]


PROFILES: dict[str, Profile] = {
    "mqm": Profile("mqm", {"neutral": 0, "minor": 1, "major": 5, "critical": 25}),
    "google-wmt": Profile(
        "google-wmt", {"neutral": 0, "minor": 1, "major": 5, "critical": 5},
        overrides={("non-translation", "major"): 25, ("non-translation!", "major"): 25,
                   ("fluency/punctuation", "minor"): 0.1},
        per_word=False, critical_fails=False,
    ),
    "taus-dqf": Profile("taus-dqf", {"neutral": 0, "minor": 1, "major": 5, "critical": 10}),
}


def get_profile(name: str, config_raw: dict[str, Any] | None = None) -> Profile:
    """A built-in profile, or one defined in ``reviewer.toml``::

        [mqm.profiles.strict]
        weights = { neutral = 0, minor = 2, major = 10, critical = 50 }
        overrides = [ { category = "Style", severity = "minor", weight = 0.5 } ]
        per_word = true
        pass_threshold = 95
    """
    mqm = (config_raw or {}).get("mqm") or {}
    user = mqm.get("profiles") or {} if isinstance(mqm, dict) else {}
    if not isinstance(user, dict):
        raise ConfigError("[mqm] profiles must be a table of profiles ([mqm.profiles.NAME])")
    if name in user:
        return _user_profile(name, user[name])
    if name not in PROFILES:
        raise ConfigError(f"unknown MQM profile {name!r} (known: {', '.join(sorted(PROFILES))}"
                          + (", " + ", ".join(sorted(user)) if user else "") + ")")
    return PROFILES[name]


_PROFILE_KEYS = {"base", "weights", "overrides", "per_word", "pass_threshold", "tolerance",
                 "critical_fails"}


def _number(value: Any, what: str, name: str, low: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != value:
        raise ConfigError(f"mqm profile {name!r}: {what} must be a number, not {value!r}")
    if value < low:
        raise ConfigError(f"mqm profile {name!r}: {what} must be {low:g} or more, not {value!r}")
    return float(value)


def _flag(value: Any, what: str, name: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"mqm profile {name!r}: {what} must be true or false, not {value!r}")
    return value


def _user_profile(name: str, t: Any) -> Profile:
    """A profile from ``[mqm.profiles.NAME]``, every key and value checked (a weight
    ``"abc"``, a negative weight or a misspelt key is a :class:`ConfigError`)."""
    if not isinstance(t, dict):
        raise ConfigError(f"mqm profile {name!r} must be a table")
    unknown = sorted(set(t) - _PROFILE_KEYS)
    if unknown:
        raise ConfigError(f"mqm profile {name!r}: unknown key(s) {', '.join(map(repr, unknown))} "
                          f"(known: {', '.join(sorted(_PROFILE_KEYS))})")
    base_name = t.get("base", "mqm")
    if not isinstance(base_name, str) or base_name not in PROFILES:
        raise ConfigError(f"mqm profile {name!r}: base must be one of {', '.join(PROFILES)}")
    base = PROFILES[base_name]
    raw_w = t.get("weights", {})
    if not isinstance(raw_w, dict):
        raise ConfigError(f"mqm profile {name!r}: weights must be a table (severity = number)")
    weights = dict(base.weights)
    for k, v in raw_w.items():
        if k.lower() not in SEVERITIES:
            raise ConfigError(f"mqm profile {name!r}: unknown severity {k!r} in weights "
                              f"(known: {', '.join(SEVERITIES)})")
        weights[k.lower()] = _number(v, f"weight {k!r}", name)
    raw_o = t.get("overrides", [])
    if not isinstance(raw_o, list):
        raise ConfigError(f"mqm profile {name!r}: overrides must be an array of tables")
    ov: dict[tuple[str, str], float] = {}
    for o in raw_o:
        if not (isinstance(o, dict) and isinstance(o.get("category"), str)
                and isinstance(o.get("severity"), str)):
            raise ConfigError(f"mqm profile {name!r}: each override needs a category, a "
                              "severity and a weight")
        ov[(o["category"].lower(), o["severity"].lower())] = _number(
            o.get("weight"), "an override's weight", name)
    threshold = _number(t.get("pass_threshold", base.pass_threshold), "pass_threshold", name)
    if threshold > 100:
        raise ConfigError(f"mqm profile {name!r}: pass_threshold must be 100 or less")
    tolerance = _number(t.get("tolerance", base.tolerance), "tolerance", name)
    if tolerance == 0:
        raise ConfigError(f"mqm profile {name!r}: tolerance must be more than 0")
    return Profile(name, weights, ov, _flag(t.get("per_word", base.per_word), "per_word", name),
                   threshold, tolerance,
                   _flag(t.get("critical_fails", base.critical_fails), "critical_fails", name))


@dataclass
class Annotation:
    """One rated error (or a ``No-error`` rating) of one segment by one rater."""

    system: str
    doc: str
    seg_id: str
    rater: str
    category: str
    severity: str
    source: str = ""
    target: str = ""
    side: str | None = None  # "source"/"target" when a span is marked
    start: int | None = None
    end: int | None = None
    doc_id: str = ""
    comment: str = ""
    line: int | None = None

    @property
    def is_error(self) -> bool:
        """False for ``No-error`` ratings (they still count the rater)."""
        return self.severity.lower() not in ("no-error", "none", "") and \
            self.category.lower() not in ("no-error", "")


_MARK = re.compile(r"</?v>")


def _unmark(text: str, path: str | Path | None = None, line: int | None = None
            ) -> tuple[str, int | None, int | None]:
    """``text`` without its ``<v>…</v>`` marks, and the marked span's offsets.

    An unclosed ``<v>`` marks up to the end of the text, a lone ``</v>`` from its
    start (both occur in Google's published data). Two spans in one field cannot be
    one annotation: :class:`InputError`.
    """
    marks = list(_MARK.finditer(text))
    if not marks:
        return text, None, None
    opens = [m for m in marks if m.group() == "<v>"]
    closes = [m for m in marks if m.group() == "</v>"]
    if len(opens) > 1 or len(closes) > 1:
        raise InputError("more than one <v>…</v> span in one field (one annotation marks "
                         "one span: give each its own row)", path, line)
    clean = _MARK.sub("", text)
    if opens and closes:
        if closes[0].start() < opens[0].start():
            raise InputError("</v> before <v> in one field", path, line)
        start = opens[0].start()
        return clean, start, closes[0].start() - len("<v>")
    if opens:
        return clean, opens[0].start(), len(clean)
    return clean, 0, closes[0].start()


GOOGLE_COLUMNS = ("system", "doc", "doc_id", "seg_id", "rater", "source", "target",
                  "category", "severity")


def read_google_tsv(path: str | Path) -> list[Annotation]:
    """Read Google's MQM TSV (spans marked ``<v>…</v>`` in source or target)."""
    from .formats.base import read_text  # the formats package: only to read a file

    text = read_text(path)
    lines = split_lines(text)
    if not lines or not lines[0].strip():
        return []
    header = [h.strip().lower() for h in lines[0].split("\t")]
    missing = [c for c in ("system", "seg_id", "rater", "category", "severity") if c not in header]
    if missing:
        raise InputError(f"not an MQM TSV: missing column(s) {', '.join(missing)}", path, 1)
    col = {h: i for i, h in enumerate(header)}
    out: list[Annotation] = []
    for n, raw in enumerate(lines[1:], start=2):
        if not raw.strip():
            continue
        cells = raw.split("\t")
        if len(cells) != len(header):
            raise InputError(f"expected {len(header)} tab-separated columns, found {len(cells)}", path, n)
        get = lambda c: cells[col[c]] if c in col else ""  # noqa: E731
        sev = get("severity").strip()
        if sev.lower() not in SEVERITIES + ("no-error",):
            raise InputError(f"unknown severity {sev!r}", path, n)
        src, s0, s1 = _unmark(get("source"), path, n)
        tgt, t0, t1 = _unmark(get("target"), path, n)
        side, start, end = ("target", t0, t1) if t0 is not None else (
            ("source", s0, s1) if s0 is not None else (None, None, None))
        out.append(Annotation(system=get("system"), doc=get("doc"), seg_id=get("seg_id"),
                              rater=get("rater"), category=get("category").strip(), severity=sev,
                              source=src, target=tgt, side=side, start=start, end=end,
                              doc_id=get("doc_id"), comment=get("comment"), line=n))
    return out


def write_google_tsv(annotations: Iterable[Annotation], out: io.TextIOBase | Any) -> None:
    """Write annotations back in Google's TSV layout, spans re-marked with ``<v>``; a
    ``comment`` column follows when any annotation has a comment. The layout has no
    quoting: a field holding a tab or a line break is refused (:class:`InputError`
    naming the annotation's line) rather than written as a broken row."""
    items = list(annotations)
    comments = any(a.comment for a in items)
    rows = []
    for a in items:
        src, tgt = a.source, a.target
        if a.side is not None and a.start is not None and a.end is not None:
            t = tgt if a.side == "target" else src
            t = t[: a.start] + "<v>" + t[a.start: a.end] + "</v>" + t[a.end:]
            src, tgt = (src, t) if a.side == "target" else (t, tgt)
        cells = [a.system, a.doc, a.doc_id, a.seg_id, a.rater, src, tgt, a.category, a.severity]
        names = list(GOOGLE_COLUMNS)
        if comments:
            cells.append(a.comment)
            names.append("comment")
        for name, cell in zip(names, cells):
            bad = next((c for c in ("\t", "\n", "\r") if c in cell), None)
            if bad is None and split_lines(cell + "x") != [cell + "x"]:
                bad = "\n"
            if bad is not None:
                what = "a tab" if bad == "\t" else "a line break"
                at = f" (input line {a.line})" if a.line is not None else ""
                raise InputError(f"the {name} of an annotation{at} holds {what}, which Google's "
                                 "MQM TSV cannot carry: export to .jsonl instead")
        rows.append("\t".join(cells) + "\n")
    out.write("\t".join(GOOGLE_COLUMNS + (("comment",) if comments else ())) + "\n")
    for row in rows:
        out.write(row)


def write_jsonl(annotations: Iterable[Annotation], out: Any) -> None:
    """One JSON object an annotation."""
    for a in annotations:
        d = asdict(a)
        d.pop("line", None)
        out.write(json.dumps(d, ensure_ascii=False) + "\n")


_TEXT_FIELDS = ("system", "doc", "seg_id", "rater", "category", "severity", "source",
                "target", "doc_id", "comment")
_REQUIRED = ("system", "seg_id", "rater", "category", "severity")


def _annotation(d: Any, path: str | Path, n: int) -> Annotation:
    """An :class:`Annotation` from one decoded JSONL value, every field checked."""
    if not isinstance(d, dict):
        raise InputError(f"an MQM annotation must be a JSON object, found a JSON "
                         f"{type(d).__name__}", path, n)
    kw: dict[str, Any] = {}
    for k in _TEXT_FIELDS:
        v = d.get(k)
        if v is None:
            if k in _REQUIRED:
                raise InputError(f"bad MQM annotation: no {k!r}", path, n)
            continue
        if isinstance(v, bool) or not isinstance(v, (str, int, float)):
            raise InputError(f"bad MQM annotation: {k!r} must be a string, found a JSON "
                             f"{type(v).__name__}", path, n)
        kw[k] = str(v)
    kw.setdefault("doc", "")
    side, start, end = d.get("side"), d.get("start"), d.get("end")
    if side is None and start is None and end is None:
        return Annotation(**kw, line=n)
    if side not in ("source", "target"):
        raise InputError("bad MQM annotation: 'side' must be \"source\" or \"target\"", path, n)
    text = kw.get(side, "")
    if not (type(start) is int and type(end) is int and 0 <= start <= end <= len(text)):
        raise InputError(f"bad MQM annotation: 'start'/'end' must be offsets within the "
                         f"{side} text (0-{len(text)})", path, n)
    return Annotation(**kw, side=side, start=start, end=end, line=n)


def read_jsonl(path: str | Path) -> list[Annotation]:
    """Read annotations written by :func:`write_jsonl` (one object a line; every field
    checked, errors name the line)."""
    from .formats.base import read_text  # the formats package: only to read a file

    out = []
    for n, line in enumerate(split_lines(read_text(path)), start=1):
        if not line.strip():
            continue
        out.append(_annotation(safejson.loads(line, path, n), path, n))
    return out


def read_annotations(path: str | Path) -> list[Annotation]:
    """Google MQM TSV or our JSONL, by suffix."""
    return read_jsonl(path) if str(path).lower().endswith(".jsonl") else read_google_tsv(path)


@dataclass
class ScoreRow:
    """One score line of ``reviewer mqm score`` (interfaces.md), with extra figures."""

    system: str
    doc: str | None
    seg_id: str | None
    score: float
    raters: int
    errors: int
    words: int = 0
    penalty: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The JSON object (interfaces.md fields first)."""
        d = {"system": self.system, "doc": self.doc, "seg_id": self.seg_id,
             "score": round(self.score, 6), "raters": self.raters, "errors": self.errors}
        d.update(self.extra)
        return d


def _words(text: str) -> int:
    return len(text.split())


def segment_scores(annotations: Sequence[Annotation], profile: Profile) -> list[ScoreRow]:
    """Per (system, segment): minus summed weights averaged over raters (google-wmt),
    or the per-word figures of the MQM scoring model."""
    groups: dict[tuple[str, str, str], list[Annotation]] = defaultdict(list)
    for a in annotations:
        groups[(a.system, a.doc, a.seg_id)].append(a)
    rows = []
    for (system, doc, seg), items in groups.items():
        raters = {a.rater for a in items}
        penalty = 0.0
        for a in items:
            if a.is_error:
                try:
                    penalty += profile.weight(a.category, a.severity)
                except ValueError as e:
                    raise InputError(str(e), None, a.line) from None
        errors = sum(1 for a in items if a.is_error)
        avg = penalty / max(len(raters), 1)
        words = _words(items[0].target or items[0].source)
        rows.append(ScoreRow(system, doc, seg, -avg, len(raters), errors, words, avg,
                             {"critical": any(a.severity.lower() == "critical" for a in items)}))
    return rows


def aggregate(rows: Sequence[ScoreRow], profile: Profile, by: str) -> list[ScoreRow]:
    """Scores ``by`` ``segment``, ``document`` or ``system``.

    google-wmt (not per word): the mean of segment scores. Per-word profiles: penalty
    per 1,000 words and the raw and calibrated MQM quality scores with pass/fail.
    """
    if by == "segment":
        keyed = [(r, (r.system, r.doc, r.seg_id)) for r in rows]
    elif by == "document":
        keyed = [(r, (r.system, r.doc, None)) for r in rows]
    elif by == "system":
        keyed = [(r, (r.system, None, None)) for r in rows]
    else:
        raise ValueError(f"unknown grouping {by!r}")
    groups: dict[tuple[str, str | None, str | None], list[ScoreRow]] = defaultdict(list)
    for r, k in keyed:
        groups[k].append(r)
    out = []
    for (system, doc, seg), items in groups.items():
        penalty = sum(r.penalty for r in items)
        words = sum(r.words for r in items)
        raters = max(r.raters for r in items)
        errors = sum(r.errors for r in items)
        critical = any(r.extra.get("critical") for r in items)
        if profile.per_word:
            per_word = penalty / words if words else 0.0
            normed = per_word * 1000
            raw = 100 * (1 - per_word)
            calibrated = 100 - normed * (100 - profile.pass_threshold) / profile.tolerance
            passed = calibrated >= profile.pass_threshold and not (critical and profile.critical_fails)
            extra = {"words": words, "penalty": round(penalty, 6),
                     "penalty_per_1000_words": round(normed, 6), "raw_quality": round(raw, 6),
                     "calibrated_quality": round(calibrated, 6), "pass": passed}
            score = raw
        else:
            score = sum(r.score for r in items) / len(items)
            extra = {}
        out.append(ScoreRow(system, doc if by != "system" else None,
                            seg if by == "segment" else None, score, raters, errors, words,
                            penalty, extra))
    return out


def score(annotations: Sequence[Annotation], profile: Profile, by: str = "segment") -> list[ScoreRow]:
    """Score annotations with a profile, grouped ``by`` segment, document or system."""
    return aggregate(segment_scores(annotations, profile), profile, by)


def iter_jsonl(rows: Iterable[ScoreRow]) -> Iterator[str]:
    """Score rows as JSON lines."""
    for r in rows:
        yield json.dumps(r.to_dict(), ensure_ascii=False)


def write_csv_rows(rows: Sequence[ScoreRow], out: Any) -> None:
    """Score rows as CSV (with a byte-order mark: spreadsheets read UTF-8 only so)."""
    out.write("\ufeff")
    w = csv.writer(out, lineterminator="\n")
    w.writerow(["system", "doc", "seg_id", "score", "raters", "errors"])
    for r in rows:
        w.writerow([csv_cell(r.system), csv_cell(r.doc), csv_cell(r.seg_id), f"{r.score:.6f}",
                    r.raters, r.errors])
