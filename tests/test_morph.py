"""reviewer.morph's lexicons: the cached block index answers exactly as simplemma's own
backends do, a bad cache file is rebuilt, no cache directory still works, and importing
the module does not import simplemma."""

from __future__ import annotations

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
              morph._lemma_light, morph._known, morph._lemma_set, morph._is_lemma):
        f.cache_clear()
    yield tmp_path / "lex"
    for f in (morph._forms, morph._factory, morph._lemmatizer, morph._lemma,
              morph._lemma_light, morph._known, morph._lemma_set, morph._is_lemma):
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
        assert morph._lemma_set(code) == frozenset(raw.values())
        _reload()
        morph._lemma_set.cache_clear()
    assert list(fresh.glob(f"simplemma-{code}-*.idx"))


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
