"""Table-driven tests of sentence splitting (reviewer/sentences.py)."""

from __future__ import annotations

import pytest

from reviewer.sentences import (
    segment_document,
    split_document,
    split_paragraphs,
    split_sentences,
)

# (language, paragraph, expected sentences)
CASES = [
    # English: abbreviations, numbers, etc.
    ("en", "Mr. Smith met Dr. Jones in the U.S. yesterday. They talked.",
     ["Mr. Smith met Dr. Jones in the U.S. yesterday.", "They talked."]),
    ("en", "Use e.g. apples, i.e. fruit. Then stop.", ["Use e.g. apples, i.e. fruit.", "Then stop."]),
    ("en", "Pi is 3.14 roughly. See No. 5 for details.", ["Pi is 3.14 roughly.", "See No. 5 for details."]),
    ("en", "It costs $1,000.50 today. Really.", ["It costs $1,000.50 today.", "Really."]),
    ("en", "Fruits, vegetables, etc. are here. And more.", ["Fruits, vegetables, etc. are here.", "And more."]),
    ("en", "Bring apples, pears, etc. The rest is fine.", ["Bring apples, pears, etc.", "The rest is fine."]),
    ("en", "He lives in the U.S. He likes it.", ["He lives in the U.S.", "He likes it."]),
    ("en", "Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
    ("en", "Building AI Factories with Millions of GPUs", ["Building AI Factories with Millions of GPUs"]),
    # Italian: «…!», ecc., abbreviations, numbers
    ("it", "Ha gridato «Basta!» Poi è tornato.", ["Ha gridato «Basta!»", "Poi è tornato."]),
    ("it", "Disse: «Che bello?» E poi partì.", ["Disse: «Che bello?»", "E poi partì."]),
    ("it", "Ha gridato «Basta così!» e se n'è andato. Poi è tornato.",
     ["Ha gridato «Basta così!» e se n'è andato.", "Poi è tornato."]),
    ("it", "Ci sono mele, pere ecc. Il resto è altro.", ["Ci sono mele, pere ecc.", "Il resto è altro."]),
    ("it", "Compra mele, pere, ecc. e torna a casa. Poi esci.",
     ["Compra mele, pere, ecc. e torna a casa.", "Poi esci."]),
    ("it", "Vedi pag. 5 e art. 3 della legge. Il sig. Rossi e il dott. Bianchi sono arrivati. Il prof. Verdi pure.",
     ["Vedi pag. 5 e art. 3 della legge.", "Il sig. Rossi e il dott. Bianchi sono arrivati.",
      "Il prof. Verdi pure."]),
    ("it", "Il costo è di 1.000,5 euro. Il valore di pi è 3,14 circa.",
     ["Il costo è di 1.000,5 euro.", "Il valore di pi è 3,14 circa."]),
    ("it", "Vedi n. 5 e p.es. questo. Fine.", ["Vedi n. 5 e p.es. questo.", "Fine."]),
    ("it", "Nvidia ha investito $ 100 miliardi. (blogs.nvidia.com)",
     ["Nvidia ha investito $ 100 miliardi.", "(blogs.nvidia.com)"]),
    ("it", "la genesi della partnership", ["la genesi della partnership"]),
    # German
    ("de", "Das ist z. B. ein Test. Und usw. geht weiter.", ["Das ist z. B. ein Test.", "Und usw. geht weiter."]),
    ("de", "Das ist gut usw. Dann kommt mehr.", ["Das ist gut usw.", "Dann kommt mehr."]),
    ("de", "Es kostet 1.000,50 Euro. Gut.", ["Es kostet 1.000,50 Euro.", "Gut."]),
    ("de", "Siehe Nr. 5 bzw. Dr. Müller. Er kommt.", ["Siehe Nr. 5 bzw. Dr. Müller.", "Er kommt."]),
    # A language pysbd does not know: the regex fallback
    ("sv", "Det här är bra. Nästa mening! Och en till? ja.", ["Det här är bra.", "Nästa mening!", "Och en till? ja."]),
    ("xx", "", []),
]


@pytest.mark.parametrize("lang,text,expected", CASES)
def test_split_sentences(lang: str, text: str, expected: list[str]) -> None:
    got = split_sentences(text, lang)
    assert got == expected
    for s in got:  # exact slices of the text
        assert s in text and s == s.strip()


def test_headings_are_their_own_paragraphs() -> None:
    text = "A Historic Investment\nOn September 22, 2025, NVIDIA unveiled plans. It was big.\n\nConclusion\n"
    assert split_document(text, "en") == [
        ["A Historic Investment"],
        ["On September 22, 2025, NVIDIA unveiled plans.", "It was big."],
        ["Conclusion"],
    ]


def test_wrapped_block_is_one_paragraph_with_lines() -> None:
    text = ("This paragraph is wrapped at a narrow width so that\nits sentences run over "
            "lines. The second sentence\ncontinues here.\n\nNext paragraph.\n")
    paras = split_paragraphs(text)
    assert [p.line for p in paras] == [1, 5]
    doc = segment_document(text, "en")
    assert [s.text for s in doc[0]] == [
        "This paragraph is wrapped at a narrow width so that its sentences run over lines.",
        "The second sentence continues here.",
    ]
    assert [s.line for s in doc[0]] == [1, 2]
    assert doc[1][0].line == 5


def test_sample_article_paragraphs(repo_root) -> None:
    en = split_document((repo_root / "samples" / "article.en.txt").read_text("utf-8"), "en")
    it = split_document((repo_root / "samples" / "article.it.txt").read_text("utf-8"), "it")
    assert len(en) == len(it) > 10
    # every line of the article is its own paragraph; headings are one sentence
    assert en[0] == ["NVIDIA and OpenAI's Groundbreaking AI Infrastructure Partnership"]
