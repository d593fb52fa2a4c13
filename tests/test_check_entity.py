"""The entity check: names that must survive translation, near misses, exonyms."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.checks.base import CheckContext
from reviewer.checks.entities import EntityCheck, find_names
from reviewer.model import Finding, Segment, Severity
from reviewer.terms import Entry, Glossary

from .checkcontract import run_check

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_815c5f6651dda09f.txt"


def run(source: str, target: str, sl: str = "en", tl: str = "it", glossary: object = None) -> list[Finding]:
    return run_check(EntityCheck, source, target, sl, tl, glossary=glossary)


FAILS = [
    # (source, target, sl, tl, flagged text, side, suggestion)
    ("NVIDIA and OpenAI announced a deal.", "Nvidia e OpenAI hanno annunciato un accordo.", "en", "it", "Nvidia", "target", "NVIDIA"),
    ("NVIDIA and OpenAI announced a deal.", "NVIDIA e Openi hanno annunciato un accordo.", "en", "it", "Openi", "target", "OpenAI"),
    ("NVIDIA and OpenAI announced a deal.", "NVIDIA e Openbrai hanno annunciato.", "en", "it", "Openbrai", "target", "OpenAI"),
    ("NVIDIA and OpenAI announced a deal.", "NVIDIA e Openai hanno annunciato.", "en", "it", "Openai", "target", "OpenAI"),
    ("NVIDIA and OpenAI announced a deal.", "L'azienda ha annunciato un accordo con OpenAI.", "en", "it", "NVIDIA", "source", None),
    ("Jensen Huang said it.", "Lo ha detto il CEO.", "en", "it", "Jensen Huang", "source", None),
    ("OpenAI's ChatGPT is fast.", "Il chatgpt di OpenAI è veloce.", "en", "it", "chatgpt", "target", "ChatGPT"),
    ("The H100 chip is fast.", "Il chip è veloce.", "en", "it", "H100", "source", None),
    ("The partnership between NVIDIA and OpenAI is big.", "Die Partnerschaft zwischen NVIDIA und Open AI ist groß.", "en", "de", "Open AI", "target", "OpenAI"),
    ("The partnership between NVIDIA and OpenAI is big.", "Die Partnerschaft zwischen NVIDIA und OpenAl ist groß.", "en", "de", "OpenAl", "target", "OpenAI"),
    ("Die Partnerschaft zwischen NVIDIA und OpenAI ist groß.", "The partnership between Nvidia and OpenAI is big.", "de", "en", "Nvidia", "target", "NVIDIA"),
    ("Die Partnerschaft zwischen NVIDIA und OpenAI ist groß.", "The partnership between them is big.", "de", "en", "OpenAI", "source", None),
    ("La partnership tra NVIDIA e OpenAI è importante.", "The partnership between NVIDIA and Opena is important.", "it", "en", "Opena", "target", "OpenAI"),
    ("Our iPhone app supports iOS.", "La nostra app supporta iOS.", "en", "it", "iPhone", "source", None),
]


@pytest.mark.parametrize("source,target,sl,tl,text,side,suggestion", FAILS)
def test_fails(source: str, target: str, sl: str, tl: str, text: str, side: str, suggestion: str | None) -> None:
    found = [f for f in run(source, target, sl, tl) if f.text == text]
    assert found, run(source, target, sl, tl)
    f = found[0]
    assert f.side == side and f.suggestion == suggestion
    assert f.check == "entity" and f.category == "accuracy"
    if side == "target":
        assert f.score is not None and 0 < f.score <= 100
    else:
        # a name that must be copied (acronym, product, brand) missing is major; a
        # person's or place's name, which a translation may replace by a pronoun, minor
        copied = not all(w[:1].isupper() and w[1:].islower() for w in text.split())
        assert f.severity == (Severity.MAJOR if copied else Severity.MINOR)
        assert "does not appear" in f.message


PASSES = [
    ("NVIDIA and OpenAI announced a deal.", "NVIDIA e OpenAI hanno annunciato un accordo.", "en", "it"),
    ("OpenAI's ChatGPT runs on NVIDIA GPUs.", "ChatGPT dell'OpenAI funziona su GPU NVIDIA.", "en", "it"),
    ("OpenAI's ChatGPT runs on NVIDIA GPUs.", "OpenAIs ChatGPT läuft auf NVIDIAs GPU-Clustern.", "en", "de"),
    ("In September, London and Germany hosted the event on Monday.",
     "A settembre, Londra e la Germania hanno ospitato l'evento lunedì.", "en", "it"),
    ("In September, London and Germany hosted the event on Monday.",
     "Im September waren London und Deutschland am Montag Gastgeber.", "en", "de"),
    ("The CEO of NVIDIA spoke.", "L'amministratore delegato di NVIDIA ha parlato.", "en", "it"),
    ("Strategic Objectives For The Global Market", "Obiettivi strategici per il mercato globale", "en", "it"),
    ("Read more at blogs.nvidia.com today.", "Leggi di più su blogs.nvidia.com oggi.", "en", "it"),
    ("The platform is called Vera Rubin.", "La piattaforma si chiama Vera Rubin.", "en", "it"),
    ("Jensen Huang, CEO of NVIDIA, spoke.", "Jensen Huang, CEO di NVIDIA, ha parlato.", "en", "it"),
    ("The H100 runs at 10 GW.", "L'H100 funziona a 10 GW.", "en", "it"),
    ("Our iPhone app supports iOS.", "La nostra app per iPhone supporta iOS.", "en", "it"),
    ("THIS IS VERY IMPORTANT NEWS", "QUESTA È UNA NOTIZIA MOLTO IMPORTANTE", "en", "it"),
    ("Artificial intelligence (AI) is here.", "L'intelligenza artificiale (IA) è qui.", "en", "it"),
    ("Die Infrastruktur von NVIDIA wächst in Europa.", "NVIDIA's infrastructure is growing in Europe.", "de", "en"),
    ("Il 22 settembre NVIDIA ha investito in Italia.", "On 22 September NVIDIA invested in Italy.", "it", "en"),
    ("The USA and NATO agreed.", "Les États-Unis et l'OTAN sont d'accord.", "en", "fr"),
]


@pytest.mark.parametrize("source,target,sl,tl", PASSES)
def test_passes(source: str, target: str, sl: str, tl: str) -> None:
    assert run(source, target, sl, tl) == []


def test_case_variant_is_minor() -> None:
    (f,) = run("NVIDIA is big.", "Nvidia è grande.")
    assert f.severity == Severity.MINOR and f.score == 100.0 and f.suggestion == "NVIDIA"


def test_near_miss_is_major_with_score() -> None:
    (f,) = run("OpenAI is big.", "Openi è grande.")
    assert f.severity == Severity.MAJOR and 85 < f.score < 95


def test_dnt_glossary_two_letter() -> None:
    g = Glossary([Entry("AI")])
    assert run("AI is here.", "L'IA è qui.", glossary=g)[0].text == "AI"
    assert run("AI is here.", "L'IA è qui.") == []


def test_find_names_possessive_and_plural() -> None:
    names = [n.text for n in find_names("OpenAI's models run on NVIDIA GPUs.", "en")]
    assert names == ["OpenAI", "NVIDIA", "GPU"]


def test_target_only_with_glossary() -> None:
    g = Glossary([Entry("OpenAI"), Entry("NVIDIA")])
    seg = Segment(id="1", index=0, source="", target="Nvidia e Openi con OpenAI.")
    ctx = CheckContext(target_lang="it", glossary=g, target_only=True)
    out = {f.text: f for f in EntityCheck().run(seg, ctx)}
    assert set(out) == {"Nvidia", "Openi"}
    assert out["Openi"].suggestion == "OpenAI" and out["Nvidia"].severity == Severity.MINOR


def test_sample_article() -> None:
    src = (REPO / "samples" / "article.en.txt").read_text(encoding="utf-8").splitlines()
    tgt = (REPO / "samples" / "article.it.txt").read_text(encoding="utf-8").splitlines()
    found: list[Finding] = []
    for i, (s, t) in enumerate(zip(src, tgt)):
        found += run(s, t)
    flagged = {f.text for f in found}
    assert {"Openi", "Openai", "Openbrai", "Nvidia", "chatgpt", "gpu"} <= flagged
    for f in found:
        if f.text in ("Openi", "Openai", "Openbrai"):
            assert f.suggestion == "OpenAI" and f.score is not None
    texts = " ".join(f.text for f in found)
    for ok in ("Vera", "Rubin", "Jensen", "Huang", "blogs", "nvidia.com"):
        assert ok not in texts


def test_seed_target_only() -> None:
    if not SEED.exists():
        pytest.skip("seed article absent")
    g = Glossary([Entry("OpenAI"), Entry("NVIDIA"), Entry("ChatGPT")])
    ctx = CheckContext(target_lang="it", glossary=g, target_only=True)
    found = []
    for i, line in enumerate(SEED.read_text(encoding="utf-8").splitlines()):
        found += list(EntityCheck().run(Segment(id=str(i), index=i, source="", target=line), ctx))
    flagged = {f.text for f in found}
    assert {"Openi", "Openai", "Openbrai", "chatgpt"} <= flagged
    assert not any("nvidia.com" in f.text or f.text in ("Vera", "Rubin", "Jensen", "Huang") for f in found)


@pytest.mark.parametrize("source, target", [
    ("Config file location", "Posizione del file di configurazione"),
    ("Already up to date. Yeeah!", "Già aggiornato. Evviva!"),
    ("Couldn't find remote ref HEAD", "Impossibile trovare il riferimento remoto HEAD"),
    ("Ancillary Commands / Manipulators", "Comandi ausiliari / Manipolatori"),
    ("Linewrap output", "Output con a capo automatico"),
])
def test_sentence_initial_capitals_are_not_names(source: str, target: str) -> None:
    seg = Segment(id="1", index=0, source=source, target=target)
    assert list(EntityCheck().run(seg, CheckContext(source_lang="en", target_lang="it"))) == []
