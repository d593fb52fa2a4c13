"""Term adherence into Spanish and Russian (issue 18: the hidden English->Spanish and
English->Russian figures): inflected target terms count as approved (plural, gender
agreement in multi-word terms, Russian cases), other words sharing a stem do not.
Must-match and must-not-match cases through the glossary, the adherence figure and the
``term`` check, in Latin and Cyrillic script."""

from __future__ import annotations

import pytest

from reviewer.checks.base import CheckContext
from reviewer.checks.terms import TermCheck
from reviewer.model import Segment
from reviewer.terms import Entry, Glossary
from reviewer.terms.morphology import morph_for

ENTRIES = [
    Entry("data center", ("центр обработки данных",)),
    Entry("neural network", ("нейронная сеть",)),
    Entry("machine learning", ("машинное обучение",)),
    Entry("language model", ("языковая модель",)),
    Entry("user", ("пользователь",)),
    Entry("hard drive", ("disco duro",)),
    Entry("public key", ("clave pública",)),
    Entry("machine translation", ("traducción automática",)),
    Entry("registered user", ("usuario registrado",)),
    Entry("compressed file", ("archivo comprimido",)),
    Entry("database", ("base de datos",)),
]
G = Glossary(ENTRIES)

APPROVED = [
    # (source, target, language): the approved term is there, inflected
    ("data centers", "Мы строим пять центров обработки данных.", "ru"),  # genitive plural
    ("data center", "В центре обработки данных тихо.", "ru"),  # prepositional
    ("data center", "Центром обработки данных управляет он.", "ru"),  # instrumental, capital
    ("neural networks", "Нейронные сети учатся.", "ru"),  # plural: adjective agrees
    ("neural network", "с нейронной сетью", "ru"),
    ("machine learning", "методы машинного обучения", "ru"),  # neuter genitive
    ("large language models", "большие языковые модели", "ru"),
    ("users", "Для всех пользователей", "ru"),
    ("hard drives", "Los discos duros fallan.", "es"),  # plural of noun and adjective
    ("public keys", "Las claves públicas caducan.", "es"),  # feminine plural
    ("machine translations", "Dos traducciones automáticas.", "es"),
    ("registered users", "Los usuarios registrados.", "es"),  # participle adjective
    ("registered users", "Las usuarias registradas.", "es"),  # feminine agreement
    ("compressed files", "Tres archivos comprimidos.", "es"),
    ("databases", "Las bases de datos.", "es"),  # plural inside a phrase
]

MISSING = [
    # (source, target, language): a word sharing a stem, but not the term
    ("data center", "Центральная обработка данных.", "ru"),  # derived adjective
    ("neural network", "нейронный сетевой модуль", "ru"),  # "network" adjective
    ("machine learning", "машинист обучения", "ru"),  # another noun
    ("language model", "языковед моделирует", "ru"),  # a linguist models
    ("user", "пользовательский интерфейс", "ru"),  # the adjective of "user"
    ("public key", "La clave privada.", "es"),  # another adjective
    ("machine translation", "El traductor automático.", "es"),  # translator: derived
    ("registered user", "El usuario registra sus datos.", "es"),  # the verb
    ("compressed file", "El archivo comprime los datos.", "es"),
    ("database", "Un modelo basado en datos.", "es"),
    ("hard drive", "Un disco blando.", "es"),
]


@pytest.mark.parametrize("src, tgt, lang", APPROVED)
def test_inflected_approved_term_counts(src: str, tgt: str, lang: str) -> None:
    seg = Segment("1", 0, src, tgt)
    assert G.adherence(seg, "en", lang) == (1, 1)
    assert list(TermCheck().run(seg, CheckContext(source_lang="en", target_lang=lang, glossary=G))) == []


@pytest.mark.parametrize("src, tgt, lang", MISSING)
def test_word_sharing_a_stem_is_not_the_term(src: str, tgt: str, lang: str) -> None:
    seg = Segment("1", 0, src, tgt)
    assert G.adherence(seg, "en", lang) == (1, 0)
    fs = list(TermCheck().run(seg, CheckContext(source_lang="en", target_lang=lang, glossary=G)))
    assert len(fs) == 1 and fs[0].check == "term"


def test_adherence_rate_over_a_document() -> None:
    # three of four segments carry an approved form (two of them inflected)
    segs = [
        Segment("1", 0, "the data center", "центр обработки данных"),
        Segment("2", 1, "two data centers", "два центра обработки данных"),
        Segment("3", 2, "hard drives", "los discos duros"),
        Segment("4", 3, "a hard drive", "un disco blando"),
    ]
    langs = ["ru", "ru", "es", "es"]
    got = [G.adherence(s, "en", tl) for s, tl in zip(segs, langs)]
    assert got == [(1, 1), (1, 1), (1, 1), (1, 0)]


def test_participle_agreement_is_narrow_in_spanish() -> None:
    m = morph_for("es")
    # the adjective's own forms, though the lexicon files them under the verb
    assert m.compare("registrado", "registradas") == 1
    # the verb's other forms are not the adjective
    assert m.compare("registrado", "registra") == 0
    assert m.compare("registrado", "registro") == 0


# Every case and number of Russian terms (single nouns of three declensions, adjective +
# noun in agreement, a head noun inflected before a genitive modifier that stays fixed)
# and Spanish plural and gender agreement, each inside a sentence.
PARADIGMS = {
    ("file", "файл", "ru"): "файла файлу файлом файле файлы файлов файлам файлами файлах",
    ("word", "слово", "ru"): "слова слову словом слове слов словам словами словах",
    ("mouse", "мышь", "ru"): "мыши мышью мышей мышам мышами мышах",
    ("neural network", "нейронная сеть", "ru"):
        "нейронной_сети нейронную_сеть нейронной_сетью нейронные_сети нейронных_сетей "
        "нейронным_сетям нейронными_сетями нейронных_сетях",
    ("large language model", "большая языковая модель", "ru"):
        "большой_языковой_модели большую_языковую_модель большие_языковые_модели "
        "больших_языковых_моделей большими_языковыми_моделями",
    ("knowledge base", "база знаний", "ru"):
        "базы_знаний базе_знаний базу_знаний базой_знаний баз_знаний базам_знаний базами_знаний",
    ("attention mechanism", "механизм внимания", "ru"):
        "механизма_внимания механизму_внимания механизмом_внимания механизме_внимания "
        "механизмы_внимания механизмов_внимания",
    ("data center", "центр обработки данных", "ru"):
        "центра_обработки_данных центру_обработки_данных центрами_обработки_данных "
        "центрах_обработки_данных",
    ("active user", "usuario activo", "es"): "usuarios_activos usuaria_activa usuarias_activas",
    ("smart city", "ciudad inteligente", "es"): "ciudades_inteligentes",
    ("solar panel", "panel solar", "es"): "paneles_solares",
    ("civil war", "guerra civil", "es"): "guerras_civiles",
    ("programming language", "lenguaje de programación", "es"): "lenguajes_de_programación",
    ("voice", "voz", "es"): "voces",
}
PG = Glossary(Entry(s, (t,)) for (s, t, _l) in PARADIGMS)


@pytest.mark.parametrize("src, term, lang, form", [
    (s, t, lg, f.replace("_", " ")) for (s, t, lg), fs in PARADIGMS.items() for f in fs.split()
])
def test_every_case_and_number_counts(src: str, term: str, lang: str, form: str) -> None:
    tgt = f"Здесь {form} и всё." if lang == "ru" else f"Aquí {form} y nada más."
    assert PG.adherence(Segment("1", 0, src, tgt), "en", lang) == (1, 1)


@pytest.mark.parametrize("src, tgt, lang", [
    ("file", "Это файловый менеджер.", "ru"),  # the adjective of "file"
    ("word", "Откройте словарь.", "ru"),  # dictionary: a derived noun
    ("large language model", "больной языковой модели", "ru"),  # "sick", not "large"
    ("knowledge base", "базовых знаний", "ru"),  # "basic knowledge"
    ("attention mechanism", "механика внимания", "ru"),  # mechanics
    ("active user", "usuario activista", "es"),  # activist
    ("voice", "vocal", "es"),
])
def test_related_words_are_not_the_term(src: str, tgt: str, lang: str) -> None:
    assert PG.adherence(Segment("1", 0, src, tgt), "en", lang) == (1, 0)
