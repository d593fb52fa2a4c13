"""reviewer.morph's lexicons: the cached block index answers exactly as simplemma's own
backends do, a bad cache file is rebuilt, no cache directory still works, and importing
the module does not import simplemma."""

from __future__ import annotations

import os
import random
import subprocess
import sys

import pytest

from reviewer import morph

pytest.importorskip("simplemma")


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A private cache directory and no lexicon loaded in this process."""
    monkeypatch.setenv("REVIEWER_LEXICON_CACHE", str(tmp_path / "lex"))
    for f in (morph._forms, morph._factory, morph._lemmatizer, morph._lemma,
              morph._lemma_light, morph._known, morph._is_lemma):
        f.cache_clear()
    yield tmp_path / "lex"
    for f in (morph._forms, morph._factory, morph._lemmatizer, morph._lemma,
              morph._lemma_light, morph._known, morph._is_lemma):
        f.cache_clear()


def _reload():
    for f in (morph._forms, morph._factory, morph._lemmatizer, morph._lemma, morph._known):
        f.cache_clear()


# Latin, Cyrillic, Arabic script; small lexicons so the test stays quick
@pytest.mark.parametrize("code", ["en", "bg", "ar"])
def test_lookups_equal_simplemma_built_and_cached(fresh, code):
    from simplemma.strategies.dictionaries.dictionary_factory import _load_dictionary_from_disk

    raw = _load_dictionary_from_disk(code)
    keys = random.Random(7).sample(sorted(raw), 400)
    for attempt in ("built", "cached"):
        d = morph._forms(code)
        assert len(d) == len(raw)
        for k in keys:
            assert d.get(k.decode()) == raw[k].decode(), (attempt, k)
            assert d.get(k.decode() + "qzx") is None  # must not invent a form
        lemmas = frozenset(raw.values())
        assert all(d.is_lemma_bytes(v) for v in random.Random(8).sample(sorted(lemmas), 400))
        forms_only = [k for k in keys if k not in lemmas][:50]
        assert forms_only and not any(d.is_lemma_bytes(k) for k in forms_only)
        assert len(d.lemma_keys) == len(lemmas)
        _reload()
    assert list(fresh.glob(f"simplemma-{code}-*.idx"))


def test_lookups_do_not_import_simplemma(tmp_path):
    """is_known / is_lemma / near_known on a cached lexicon leave simplemma's package
    (whose import compiles every language's rules) unimported; lemma imports it."""
    code = (
        "import sys\n"
        "from reviewer import morph\n"
        "assert morph.is_known('Häuser', 'de') and not morph.is_known('Hxqzäuser', 'de')\n"
        "assert morph.is_lemma('Haus', 'de') and not morph.is_lemma('Häuser', 'de')\n"
        "assert morph.near_known('hauss', 'de')\n"
        "assert 'simplemma' not in sys.modules, 'lookups imported simplemma'\n"
        "assert morph.lemma('Häuser', 'de') == 'haus' and 'simplemma' in sys.modules\n"
    )
    env = {**os.environ, "REVIEWER_LEXICON_CACHE": str(tmp_path / "lex")}
    for _ in range(2):  # built, then mapped from the cache
        r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
        assert r.returncode == 0, r.stderr


@pytest.mark.parametrize("code,words", [
    ("de", ["Häuser", "ging", "Bücher", "xyzzyq"]),
    ("ru", ["домами", "шёл", "книги", "йцукенгш"]),
    ("en", ["running", "geese", "was", "qwrtzp"]),
])
def test_lemmas_equal_simplemma_default(fresh, code, words):
    import simplemma

    full = simplemma.Lemmatizer()  # simplemma's in-memory dict backend
    for w in words:
        assert morph.lemma(w, code) == str(full.lemmatize(w, lang=code)).lower()
        assert morph.lemma_light(w, code) == morph.lemma(w, code)


def test_corrupt_cache_is_rebuilt(fresh):
    assert morph.is_known("house", "en")
    (path,) = fresh.glob("simplemma-en-*.idx")
    path.write_bytes(morph._STREAM_MAGIC + b"garbage")
    _reload()
    assert morph.is_known("house", "en") and not morph.is_known("hxqzouse", "en")
    assert path.read_bytes().startswith(morph._STREAM_MAGIC) and len(path.read_bytes()) > 1000


def test_truncated_cache_is_rebuilt(fresh):
    """A cache file cut short (its stream is mapped, not read) is refused at load, not
    met as a corrupt stream in the middle of a run."""
    assert morph.is_known("house", "en")
    (path,) = fresh.glob("simplemma-en-*.idx")
    whole = path.read_bytes()
    path.write_bytes(whole[:-4096])
    _reload()
    assert morph.is_known("house", "en") and morph.is_known("zebras", "en")
    assert not morph.is_known("hxqzouse", "en")
    assert path.read_bytes() == whole


def test_no_cache_directory(monkeypatch):
    monkeypatch.setenv("REVIEWER_LEXICON_CACHE", "off")
    assert morph.lexicon_cache_dir() is None
    _reload()
    try:
        assert morph.is_known("Häuser", "de") and not morph.is_known("Hxqzäuser", "de")
    finally:
        _reload()


def test_unwritable_cache_directory(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("REVIEWER_LEXICON_CACHE", str(blocker / "lex"))
    _reload()
    try:
        assert morph.is_known("maison", "fr") and not morph.is_known("mqzaison", "fr")
    finally:
        _reload()


def test_unknown_language_stays_silent():
    assert not morph.has_lexicon("tlh") and morph.lemma("Qapla", "tlh") is None
    assert morph.is_known("Qapla", "tlh") is False


def test_import_does_not_load_simplemma():
    code = ("import sys, reviewer.morph as m; m.has_lexicon('de'); "
            "print('simplemma' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_shipped_suffix_share_is_the_live_figure():
    """The s/es plural share in lexicon_stats.json (read instead of a pass over the
    lexicon) is what the lexicon gives, in languages that do and do not make -s
    plurals."""
    from reviewer import morph

    stats = morph._stats()
    checked = 0
    for code in ("en", "de", "fr", "pl", "ru", "fi"):
        if code not in stats or not morph.has_lexicon(code):
            continue
        assert stats[code]["s_share"] == morph._suffix_share(code, ("s", "es")), code
        checked += 1
    assert checked >= 4
    assert morph.suffix_share("en") > 0.1 > morph.suffix_share("pl")


def test_stream_items_are_the_mapping_items():
    """iter_items decodes the stream in one pass and gives what items() gives."""
    from itertools import islice

    from reviewer import morph

    for code in ("de", "ru", "ar"):
        lex = morph._forms(morph.lexicon_lang(code))
        fast = list(islice(lex.iter_items(), 3000))
        slow = list(islice(lex.items(), 3000))
        assert fast == slow and len(fast) == 3000
