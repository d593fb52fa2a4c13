"""Inflection-tolerant term matching on the Universal Dependencies test treebanks.

Data: ``../shared/data/ud-test`` (Russian GSD, Polish PDB, Finnish TDT, Turkish IMST;
CoNLL-U, each token with its lemma, part of speech and dependency relation; not part
of the project; the script exits with a message when absent).

**Single words.** Content words (NOUN, PROPN, ADJ, VERB) made only of letters. For every
lemma with two or more distinct forms (case folded), a glossary entry written as the
lemma (Finnish compound boundaries ``#`` removed) must match every form that differs
from it (*recall*, target >= 0.95), and must not match the forms of any other lemma
sharing its first four letters (*false matches*, target <= 1%; a form that the
treebank also gives the entry's own lemma is not counted).

**Multi-word terms.** Adjective + noun in agreement: an ``amod`` ADJ immediately next
to its NOUN head. The entry is an occurrence in the nominative singular when the
treebank has one, else the two lemmas; it must match every other occurrence of the
pair (other cases and numbers), and must not match pairs whose two words share the
entry words' first four letters but differ in a lemma.

**Methods**, word by word (a multi-word entry matches when each word does):

* ``suffix``: the hand-written ending rules (``reviewer.terms.morphology._stem`` and
  its tables; before issue 18 the matcher's only inflection knowledge);
* ``snowball``: equal Snowball stems (``snowballstemmer``, when installed);
* ``simplemma``: equal simplemma lemmas, its guessing rules included for unknown words;
* ``lex+suffix`` / ``lex+snowball`` / ``lex+exact``: equal lemmas when the lexicon
  knows both words (different lemmas: no match), else the fallback named;
* ``lex+analogy``: equal lemmas, else an ending change the lexicon attests for other
  lemmas (``reviewer.terms.paradigms``: "celach" is "cel" + "ach" though the lexicon
  files it under "cela"), not for a text word that is a lemma of its own; languages
  with a shipped table only;
* ``reviewer``: the real matcher end to end (:class:`reviewer.terms.Glossary`, one
  glossary of every entry, each form scanned as a text; a hit counts for recall when
  it covers the whole form; compound-part hits, the design in compound languages, are
  counted apart and not as false matches).

The ``unknown`` columns repeat recall over the pairs where the lexicon does not know
the form or the entry: the measure of the fallback.

With ``--configs`` the real matcher is also run under every setting of
``reviewer.terms.morphology._FALLBACK`` (lemma of the lemma or not; fallback for
unknown words: ending rules, Snowball, simplemma's guess, or a guess then either): the
per-language choice in that table is the best recall with false matches <= 1%.

``--show N`` prints N misses and N false matches of the real matcher per language, and
the misses counted by what the lexicon says of the form (unknown to it, a lemma of its
own, filed under another lemma): where the remaining recall is.

Run: ``python benchmarks/bench_morphology.py [DATA_DIR] [--lang ru] [--limit N]
[--configs] [--show N]`` (``--limit``: first N sentences per treebank, for quick runs).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterator

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from reviewer import morph  # noqa: E402
from reviewer.terms import Entry, Glossary, fold  # noqa: E402
from reviewer.terms.morphology import _ENDINGS, _NAME_SUFFIXES, _stem, word_key  # noqa: E402
from reviewer.terms.paradigms import table as paradigm_table  # noqa: E402

DEFAULT = Path(os.environ.get("REVIEWER_SHARED_DATA", REPO.parent / "shared" / "data")) / "ud-test"
FILES = {"ru": "ru_gsd-ud-test.conllu", "pl": "pl_pdb-ud-test.conllu",
         "fi": "fi_tdt-ud-test.conllu", "tr": "tr_imst-ud-test.conllu"}
SNOWBALL = {"ru": "russian", "pl": "polish", "fi": "finnish", "tr": "turkish"}
CONTENT = {"NOUN", "PROPN", "ADJ", "VERB"}

Tok = tuple[str, str, str, dict[str, str], int, str]  # form, lemma, upos, feats, head, deprel


def sentences(path: Path, limit: int | None) -> Iterator[list[Tok]]:
    """The sentences of a CoNLL-U file (multi-word token ranges and empty nodes left out)."""
    sent: list[Tok] = []
    n = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if sent:
                    yield sent
                    n += 1
                    if limit and n >= limit:
                        return
                sent = []
                continue
            if line.startswith("#"):
                continue
            c = line.split("\t")
            if len(c) < 8 or not c[0].isdigit():
                continue
            feats = dict(x.split("=", 1) for x in c[5].split("|") if "=" in x)
            head = int(c[6]) if c[6].isdigit() else 0
            sent.append((c[1], c[2].replace("#", ""), c[3], feats, head, c[7]))
    if sent:
        yield sent


def word_sets(sents: list[list[Tok]]) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
    """``(lemma key -> lemma as written, lemma key -> {folded form: form as first
    written})``: forms are told apart case-insensitively and tested as written."""
    written: dict[str, str] = {}
    forms: dict[str, dict[str, str]] = defaultdict(dict)
    for s in sents:
        for form, lemma, upos, _f, _h, _d in s:
            if upos not in CONTENT or not form.isalpha() or not lemma.replace("-", "").isalpha():
                continue
            k = fold(lemma)
            written.setdefault(k, lemma)
            forms[k].setdefault(fold(form), form)
    return written, forms


def phrase_sets(
    sents: list[list[Tok]],
) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], dict[str, str]]]:
    """Adjective + noun pairs: ``(key -> entry text, key -> distinct folded surfaces)``."""
    entry: dict[tuple[str, str], str] = {}
    fallback: dict[tuple[str, str], str] = {}
    surf: dict[tuple[str, str], dict[str, str]] = defaultdict(dict)
    for s in sents:
        for i, (form, lemma, upos, feats, head, deprel) in enumerate(s, 1):
            if upos != "ADJ" or deprel != "amod" or abs(head - i) != 1 or not 1 <= head <= len(s):
                continue
            nform, nlemma, nupos, nfeats, _h, _d = s[head - 1]
            if nupos != "NOUN" or not (form.isalpha() and nform.isalpha()):
                continue
            key = (fold(lemma), fold(nlemma))
            pair = (form, nform) if i < head else (nform, form)
            text = " ".join(pair)
            surf[key].setdefault(fold(text), text)
            nom = nfeats.get("Case") == "Nom" and nfeats.get("Number") == "Sing"
            if nom and key not in entry:
                entry[key] = text
            fallback.setdefault(key, " ".join((lemma, nlemma) if i < head else (nlemma, lemma)))
    return {k: entry.get(k, fallback[k]) for k in surf}, surf


# ------------------------------------------------------------------ word methods


def suffix_match(lang: str) -> Callable[[str, str], bool]:
    """Today's ending rules, word against word (no compounds)."""
    endings = _ENDINGS.get(lang)

    def ok(entry: str, tok: str) -> bool:
        if tok == entry:
            return True
        st, mx = _stem(entry, entry, lang)
        if not tok.startswith(st):
            return False
        rest = tok[len(st):]
        if not rest:
            return True
        if mx < 0:
            return rest in _NAME_SUFFIXES
        return rest in endings if endings is not None else len(rest) <= mx

    return ok


def snowball_match(lang: str) -> Callable[[str, str], bool] | None:
    try:
        import snowballstemmer
    except ImportError:
        return None
    st = snowballstemmer.stemmer(SNOWBALL[lang])
    cache: dict[str, str] = {}

    def stem(w: str) -> str:
        s = cache.get(w)
        if s is None:
            s = cache[w] = st.stemWord(w)
        return s

    return lambda entry, tok: tok == entry or stem(entry) == stem(tok)


def simplemma_match(lang: str) -> Callable[[str, str], bool]:
    return lambda entry, tok: tok == entry or morph.lemma(entry, lang) == morph.lemma(tok, lang)


def lexicon_then(lang: str, fallback: Callable[[str, str], bool] | None) -> Callable[[str, str], bool]:
    def ok(entry: str, tok: str) -> bool:
        if tok == entry:
            return True
        ka, kb = word_key(entry, lang), word_key(tok, lang)
        if ka is not None and kb is not None:
            return ka == kb
        return fallback(entry, tok) if fallback is not None else False

    return ok


def lexicon_analogy(lang: str) -> Callable[[str, str], bool] | None:
    """Equal lemmas when the lexicon knows both words, else (or when they differ and
    the form is not a lemma of its own) an ending change the lexicon attests
    (``reviewer.terms.paradigms``); None without a shipped table."""
    para = paradigm_table(morph.lexicon_lang(lang))
    if para is None:
        return None

    def ok(entry: str, tok: str) -> bool:
        if tok == entry:
            return True
        ka, kb = word_key(entry, lang), word_key(tok, lang)
        if ka is not None and kb is not None and (ka == kb or kb == tok):
            return ka == kb
        return para.related(ka or entry, tok)

    return ok


def methods(lang: str) -> dict[str, Callable[[str, str], bool]]:
    out: dict[str, Callable[[str, str], bool]] = {"suffix": suffix_match(lang)}
    sb = snowball_match(lang)
    if sb is not None:
        out["snowball"] = sb
    out["simplemma"] = simplemma_match(lang)
    out["lex+suffix"] = lexicon_then(lang, suffix_match(lang))
    if sb is not None:
        out["lex+snowball"] = lexicon_then(lang, sb)
    out["lex+exact"] = lexicon_then(lang, None)
    la = lexicon_analogy(lang)
    if la is not None:
        out["lex+analogy"] = la
    return out


# ------------------------------------------------------------------ measuring


def pairs_single(written: dict[str, str], forms: dict[str, dict[str, str]]) -> tuple[list, list]:
    """``(positive pairs, negative pairs)`` of (entry key, form as written)."""
    pos = [(k, fs[f]) for k, fs in forms.items() if len(fs) >= 2 for f in sorted(fs) if f != k]
    by4: dict[str, list[str]] = defaultdict(list)
    for k in forms:
        by4[k[:4]].append(k)
    neg = []
    for k, fs in forms.items():
        if len(fs) < 2 or len(k) < 4:
            continue
        for k2 in by4[k[:4]]:
            if k2 == k:
                continue
            neg.extend((k, forms[k2][f2]) for f2 in sorted(forms[k2]) if f2 not in fs and f2 != k)
    return pos, neg


def reviewer_hits(entries: dict[str, str], texts: set[str], lang: str) -> dict[str, dict[str, bool]]:
    """text -> {entry key: whole-text (True) or compound-part (False) hit}, by the real
    matcher with one glossary of every entry."""
    g = Glossary(Entry(w, (w,)) for w in entries.values())
    src_key = {e: k for k, e in entries.items()}
    out: dict[str, dict[str, bool]] = {}
    for t in texts:
        hits: dict[str, bool] = {}
        for m in g.find_target_terms(t, lang):
            k = src_key.get(m.entry.source)
            if k is None:
                continue
            whole = m.start == 0 and m.end == len(t) and not m.compound
            hits[k] = hits.get(k, False) or whole
        out[t] = hits
    return out


def known_pair(lang: str, a: str, b: str) -> bool:
    return all(word_key(fold(x), lang) is not None for x in a.split() + b.split())



CONFIGS = [(chain, fb) for chain in (False, True)
           for fb in ("suffix", "snowball", "guess", "guess|suffix", "guess|snowball",
                      "snowball+stem", "guess|snowball+stem")]


def run_configs(lang: str, path: Path, limit: int | None) -> None:
    """The real matcher under every (chain, fallback) setting of
    ``reviewer.terms.morphology._FALLBACK``: how the per-language choice is made."""
    from reviewer.terms import morphology as M

    sents = list(sentences(path, limit))
    written, forms = word_sets(sents)
    pos, neg = pairs_single(written, forms)
    entries = {k: written[k] for k, fs in forms.items() if len(fs) >= 2}
    texts = {f for _, f in pos} | {f for _, f in neg}
    pentry, psurf = phrase_sets(sents)
    ppos = [(k, ss[s]) for k, ss in psurf.items() for s in sorted(ss) if s != fold(pentry[k])]
    saved = M._FALLBACK.get(lang)
    print(f"\n-- {lang}: the matcher per setting (chain, fallback): recall, false, phrase recall")
    try:
        for cfg in CONFIGS:
            M._FALLBACK[lang] = cfg
            M.morph_for.cache_clear()
            hits = reviewer_hits(entries, texts, lang)
            rec = sum(hits[f].get(k, False) for k, f in pos) / max(1, len(pos))
            fal = sum(hits[f].get(k) is True for k, f in neg) / max(1, len(neg))
            g = Glossary(Entry(e, (e,)) for e in pentry.values())
            src = {e: k for k, e in pentry.items()}
            prec = sum(
                any(src.get(m.entry.source) == k and m.start == 0 and m.end == len(s)
                    for m in g.find_target_terms(s, lang)) for k, s in ppos
            ) / max(1, len(ppos))
            mark = " <- in use" if cfg == saved else ""
            print(f"  chain={'yes' if cfg[0] else 'no ':<4} {cfg[1]:<15} {rec:.3f} {fal:6.2%}  {prec:.3f}{mark}")
    finally:
        if saved is None:
            M._FALLBACK.pop(lang, None)
        else:
            M._FALLBACK[lang] = saved
        M.morph_for.cache_clear()


def run_lang(lang: str, path: Path, limit: int | None) -> dict[str, object]:
    t0 = time.perf_counter()
    sents = list(sentences(path, limit))
    written, forms = word_sets(sents)
    pos, neg = pairs_single(written, forms)
    ms = methods(lang)
    res: dict[str, dict[str, float]] = {}
    unk_pos = [p for p in pos if not known_pair(lang, p[0], p[1])]
    for name, ok in ms.items():
        rec = sum(ok(k, fold(f)) for k, f in pos) / max(1, len(pos))
        fal = sum(ok(k, fold(f)) for k, f in neg) / max(1, len(neg))
        unk = sum(ok(k, fold(f)) for k, f in unk_pos) / max(1, len(unk_pos))
        res[name] = {"recall": rec, "false": fal, "unknown": unk}
    # the real matcher
    entries = {k: written[k] for k, fs in forms.items() if len(fs) >= 2}
    texts = {f for _, f in pos} | {f for _, f in neg}
    hits = reviewer_hits(entries, texts, lang)
    rec = sum(hits[f].get(k, False) for k, f in pos) / max(1, len(pos))
    fal = sum(hits[f].get(k) is True for k, f in neg) / max(1, len(neg))
    comp = sum(hits[f].get(k) is False for k, f in neg) / max(1, len(neg))
    unk = sum(hits[f].get(k, False) for k, f in unk_pos) / max(1, len(unk_pos))
    res["reviewer"] = {"recall": rec, "false": fal, "unknown": unk, "compound": comp}
    misses = [(written[k], f) for k, f in pos if not hits[f].get(k, False)]
    wrong = [(written[k], f) for k, f in neg if hits[f].get(k) is True]

    # multi-word
    pentry, psurf = phrase_sets(sents)
    ppos = [(k, ss[s]) for k, ss in psurf.items() for s in sorted(ss) if s != fold(pentry[k])]
    by4: dict[tuple[str, str], list[tuple[str, str]]] = defaultdict(list)
    for k in psurf:
        by4[(k[0][:4], k[1][:4])].append(k)
    pneg = [
        (k, psurf[k2][s]) for k in psurf for k2 in by4[(k[0][:4], k[1][:4])] if k2 != k
        for s in sorted(psurf[k2]) if s not in psurf[k]
    ]
    pres: dict[str, dict[str, float]] = {}
    for name, ok in ms.items():
        def pm(k: tuple[str, str], s: str) -> bool:
            a, b = fold(pentry[k]).split(), fold(s).split()
            return len(a) == len(b) and all(ok(x, y) for x, y in zip(a, b))
        pres[name] = {"recall": sum(pm(k, s) for k, s in ppos) / max(1, len(ppos)),
                      "false": sum(pm(k, s) for k, s in pneg) / max(1, len(pneg))}
    pkeys = {k: pentry[k] for k in psurf}
    g = Glossary(Entry(e, (e,)) for e in pkeys.values())
    src = {e: k for k, e in pkeys.items()}

    def rv(k: tuple[str, str], s: str) -> bool:
        return any(src.get(m.entry.source) == k and m.start == 0 and m.end == len(s)
                   for m in g.find_target_terms(s, lang))

    pres["reviewer"] = {"recall": sum(rv(k, s) for k, s in ppos) / max(1, len(ppos)),
                        "false": sum(rv(k, s) for k, s in pneg) / max(1, len(pneg))}
    return {"lang": lang, "lemmas": len(entries), "pos": len(pos), "neg": len(neg),
            "unknown": len(unk_pos), "single": res, "phrases": len(psurf), "ppos": len(ppos),
            "pneg": len(pneg), "multi": pres, "seconds": time.perf_counter() - t0,
            "misses": misses, "wrong": wrong}


def _kind(lang: str, entry: str, form: str) -> str:
    """Why the matcher may miss ``form`` of ``entry``: the lexicon does not know the
    form, knows it as a lemma of its own, or files it under another lemma."""
    f = fold(form)
    if word_key(f, lang) is None:
        return "unknown form"
    lem = morph.lemma(f, lang) or f
    return "form is a lemma of its own" if lem == f else f"filed under {lem!r}"


def show(r: dict[str, object], lang: str, n: int) -> None:
    """``n`` misses and ``n`` false matches of the real matcher, with what the lexicon
    says of the form, and the misses counted by that (``--show``)."""
    from collections import Counter

    misses = r["misses"]  # type: ignore[assignment]
    kinds = Counter(_kind(lang, e, f).split(" '")[0] for e, f in misses)  # type: ignore[union-attr]
    print(f"  misses by what the lexicon says of the form: {dict(kinds)}")
    for e, f in misses[:: max(1, len(misses) // n)][:n]:  # type: ignore[index]
        print(f"  miss   {e} -> {f}  ({_kind(lang, e, f)})")
    for e, f in r["wrong"][:n]:  # type: ignore[index]
        print(f"  false  {e} -> {f}  ({_kind(lang, e, f)})")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", nargs="?", default=str(DEFAULT))
    ap.add_argument("--lang", action="append", choices=sorted(FILES))
    ap.add_argument("--limit", type=int, default=None, help="first N sentences per treebank")
    ap.add_argument("--show", type=int, default=0, metavar="N",
                    help="print N misses and N false matches of the matcher per language")
    ap.add_argument("--configs", action="store_true",
                    help="also run the matcher under every per-language setting (slower)")
    a = ap.parse_args()
    data = Path(a.data)
    if not data.is_dir():
        print(f"bench_morphology: no treebanks at {data}", file=sys.stderr)
        return 2
    ok = True
    for lang in a.lang or list(FILES):
        r = run_lang(lang, data / FILES[lang], a.limit)
        print(f"\n== {lang}: {r['lemmas']} lemmas with >= 2 forms; {r['pos']} forms to match "
              f"({r['unknown']} with a word the lexicon lacks), {r['neg']} forms of other lemmas "
              f"sharing 4 letters; {r['seconds']:.1f}s")
        print(f"{'method':<14}{'recall':>8}{'false':>8}{'unknown':>9}   "
              f"| phrases: {r['phrases']} pairs, {r['ppos']} forms, {r['pneg']} others")
        single, multi = r["single"], r["multi"]
        for name in single:  # type: ignore[union-attr]
            s, m = single[name], multi[name]  # type: ignore[index]
            extra = f"  compound-part hits {s['compound']:.2%}" if "compound" in s else ""
            print(f"{name:<14}{s['recall']:>8.3f}{s['false']:>8.2%}{s['unknown']:>9.3f}   "
                  f"| recall {m['recall']:.3f} false {m['false']:.2%}{extra}")
        rs = single["reviewer"]  # type: ignore[index]
        rm = multi["reviewer"]  # type: ignore[index]
        met = rs["recall"] >= 0.95 and rs["false"] <= 0.01 and rm["recall"] >= 0.95 and rm["false"] <= 0.01
        ok = ok and met
        print(f"target (reviewer: recall >= 0.95, false <= 1%, single and phrases): "
              f"{'met' if met else 'NOT met'}")
        if a.show:
            show(r, lang, a.show)
        if a.configs:
            run_configs(lang, data / FILES[lang], a.limit)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
