"""The spelling check: pyspellchecker dictionaries, names, code, loanwords, seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from reviewer.checks.base import CheckContext
from reviewer.checks.spelling import SpellingCheck, iter_words, loanwords, supported_languages
from reviewer.errors import ConfigError
from reviewer.model import Finding, Segment
from reviewer.terms import Entry, Glossary

from .checkcontract import run_check

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_815c5f6651dda09f.txt"


def run(target: str, lang: str, source: str = "", **options: object) -> list[Finding]:
    glossary = options.pop("glossary", None)
    out = run_check(SpellingCheck, source, target, "en", lang, target_only=not source,
                    options=dict(options), glossary=glossary, category="linguistic")
    assert all(f.side == "target" for f in out), out
    return out


FAILS = [
    ("The infrastructre is ready.", "en", "infrastructre", "infrastructure"),
    ("Teh results were recieved yesterday.", "en", "recieved", "received"),
    ("Teh results were good.", "en", "Teh", "The"),
    ("Riducando i costi, l'azienda cresce.", "it", "Riducando", "Riducendo"),
    ("La societa ha fatto un investimeto importante.", "it", "investimeto", "investimento"),
    ("Questo è l'infrastrutura dell'azienda.", "it", "infrastrutura", None),
    ("Das Rechenzentrm ist schnel.", "de", "Rechenzentrm", "Rechenzentrum"),
    ("Das Rechenzentrum ist schnel.", "de", "schnel", "schnell"),
    ("Le partenariat est importnt.", "fr", "importnt", "important"),
]


@pytest.mark.parametrize("target,lang,word,suggestion", FAILS)
def test_fails(target: str, lang: str, word: str, suggestion: str | None) -> None:
    found = [f for f in run(target, lang) if f.text == word]
    assert found, run(target, lang)
    if suggestion is not None:
        assert found[0].suggestion == suggestion
    assert found[0].score is None


PASSES = [
    ("We don't know OpenAI's plans; see https://openai.com or mail a.b@c.com.", "en"),
    ("Use %s and {name} in config.yaml, set my_var and $HOME, 10GB on the H100.", "en"),
    ("State-of-the-art models run on NVIDIA GPUs in the data center.", "en"),
    ("Jensen Huang met Satya Nadella in Redmond.", "en"),
    ("Nvidia e innovativo partenariato per infrastrutture AI.", "it"),
    ("L'intelligenza artificiale dell'azienda è qui, d'uso comune.", "it"),
    ("La partnership prevede 10 gigawatt di data center con GPU di Nvidia.", "it"),
    ("Jensen Huang, CEO di Nvidia, ha parlato di software e hardware.", "it"),
    ("Questo investimento è strutturato in fasi, con piattaforme scalabili.", "it"),
    ("Die Infrastruktur wird im Rechenzentrum betrieben.", "de"),
    ("Die Rechenzentrumsbetreiber investieren in Grafikprozessoren.", "de"),
    ("Jensen Huang sprach über die Zusammenarbeit mit OpenAI.", "de"),
    ("Qu'il soit l'infrastructure d'aujourd'hui, c'est bien.", "fr"),
    ("El centro de datos está en Madrid.", "es"),
    ("Anything goes here: xqzt blorf.", "ja"),
]


@pytest.mark.parametrize("target,lang", PASSES)
def test_passes(target: str, lang: str) -> None:
    assert run(target, lang) == []


def test_source_words_accepted() -> None:
    assert run("Il svilupo è pronto.", "it")
    assert run("Il svilupo è pronto.", "it", source="The svilupo is ready.") == []


def test_user_words_and_file(tmp_path: Path) -> None:
    assert run("Il svilupo è pronto.", "it", words=["svilupo"]) == []
    p = tmp_path / "words.txt"
    p.write_text("# mine\nsvilupo\n", encoding="utf-8")
    assert run("Il svilupo è pronto.", "it", wordlist_file=str(p)) == []
    with pytest.raises(ConfigError):
        run("Il svilupo è pronto.", "it", wordlist_file=str(tmp_path / "missing.txt"))


def test_glossary_terms_accepted() -> None:
    g = Glossary([Entry("svilupo", ("svilupo",))])
    assert run("Il svilupo è pronto.", "it", glossary=g) == []


def test_loanwords_file() -> None:
    assert {"partnership", "gigawatt", "software"} <= loanwords("it")


def test_languages() -> None:
    assert {"en", "it", "de", "fr", "es", "pt", "nl"} <= supported_languages()


def test_iter_words_elision_and_clitics() -> None:
    words = [w.text for w in iter_words("dell'OpenAI, l'intelligenza, don't, OpenAI's, e-mail")]
    assert words == ["OpenAI", "intelligenza", "don", "OpenAI", "e", "mail"]


def test_document_learns_names() -> None:
    segs = [
        Segment(id="1", index=0, source="", target="Blorfcorp annuncia un accordo."),
        Segment(id="2", index=1, source="", target="Il partner di Blorfcorp e le blorfcorp."),
    ]
    ctx = CheckContext(target_lang="it", target_only=True)
    out = list(SpellingCheck().run_document(segs, ctx))
    assert [(s.id, f.text, f.suggestion) for s, f in out] == [("2", "blorfcorp", "Blorfcorp")]


def test_seed_false_alarms() -> None:
    if not SEED.exists():
        pytest.skip("seed article absent")
    lines = SEED.read_text(encoding="utf-8").splitlines()
    segs = [Segment(id=str(i + 1), index=i, source="", target=t) for i, t in enumerate(lines)]
    ctx = CheckContext(target_lang="it", target_only=True)
    found = {f.text for _, f in SpellingCheck().run_document(segs, ctx)}
    assert "Riducando" in found
    for ok in ("Nvidia", "GPU", "gigawatt", "partnership", "Openi", "Vera", "Rubin", "blogs", "nvidia"):
        assert ok not in found
    assert len(found) <= 4, found


def test_bilingual_sample() -> None:
    src = (REPO / "samples" / "article.en.txt").read_text(encoding="utf-8").splitlines()
    tgt = (REPO / "samples" / "article.it.txt").read_text(encoding="utf-8").splitlines()
    segs = [Segment(id=str(i + 1), index=i, source=s, target=t) for i, (s, t) in enumerate(zip(src, tgt))]
    ctx = CheckContext(source_lang="en", target_lang="it")
    found = {f.text for _, f in SpellingCheck().run_document(segs, ctx)}
    assert "Riducando" in found and len(found) <= 3, found


def test_document_frequency_and_accelerators_silence_domain_words() -> None:
    """A word used again and again is a domain term the dictionary lacks, not a typo;
    a word cut by an accelerator mark ("[a]ccetta") is not checked; a one-off typo
    still is."""
    from reviewer.checks.base import CheckContext
    from reviewer.checks.spelling import SpellingCheck
    from reviewer.model import Segment

    targets = ["Il commit è stato creato.", "Nessun commit trovato.", "Crea un commit.",
               "COMMIT fallito.", "Vuoi [a]ccetta o [r]ifiuta?", "Riducando i costi."]
    segs = [Segment(str(i), i, "", t) for i, t in enumerate(targets)]
    ctx = CheckContext(target_lang="it", target_only=True)
    flagged = [f.text for _, f in SpellingCheck().run_document(segs, ctx)]
    assert flagged == ["Riducando"]


# A slip the inflection lexicon rules out ('habn' is no form of 'haben'), and a slip
# in the stem of a short word of a richly inflecting language ('déubt')
SLIP_FAILS = [
    ("Über 20 Millionen Zuschauer habn die Anhörung gesehen.", "de", "habn"),
    ("Wir wollen unsere eigneen Gesetze machen.", "de", "eigneen"),
    ("This is not the first time the pump has made the headlins.", "en", "headlins"),
    ("Le buteur a reçu le ballon au déubt de l’action.", "fr", "déubt"),
    ("Des échauffourées ont éclaté plus tard dans la jounrée.", "fr", "jounrée"),
    ("Он сказал, что это неовзможно сделать сегодня.", "ru", "неовзможно"),
]
# Words the lists lack that are no typo of a listed word, closed English compounds,
# Russian forms with another prefix or ending, inflections a lexicon lists
SLIP_PASSES = [
    ("Trump hailed it as a step toward denuclearization of North Korea.", "en"),
    ("Fashion and homeware sales fall back.", "en"),
    ("Это сказал он, двигаясь вперёд.", "ru"),
    ("Gli investimenti crescono.", "it"),
    ("Die Häuser stehen leer.", "de"),
]


@pytest.mark.parametrize("target,lang,word", SLIP_FAILS)
def test_slips_flagged(target: str, lang: str, word: str) -> None:
    assert word in [f.text for f in run(target, lang)]


@pytest.mark.parametrize("target,lang", SLIP_PASSES)
def test_not_slips(target: str, lang: str) -> None:
    assert run(target, lang) == []


# Languages the check cannot judge (no word list, no inflection lexicon, or a script
# without capitals to tell names by): silent even on an obvious slip, and it says why
#: Languages without a pyspellchecker word list but with a lexicon of inflected forms
#: (reviewer.morph): a word in the shape of a typo of a listed form is flagged.
LEXICON_FAILS = [
    ("To jest bardzo ważne sptkanie dla wszystkich.", "pl", "sptkanie"),
    ("Tohle je velmi důležité setkání pro všehcny.", "cs", "všehcny"),
    ("Αυτή είναι μια πολύ σημαντική συνάτνηση για όλους.", "el", "συνάτνηση"),
    ("Regeringen presenterade en ny bugdet i dag.", "sv", "bugdet"),
    ("Hükümet yeni bir bütçe açıkladı ve ekonomi bakanı konşutu.", "tr", "konşutu"),
    ("Уряд представив новий бюджет на засіданні парламнету.", "uk", "парламнету"),
]
#: The same languages, correct text (inflected forms, names, compounds): silent.
LEXICON_PASSES = [
    ("Prezydent Andrzej Duda spotkał się wczoraj z przedstawicielami rządu.", "pl"),
    ("Vláda schválila nový zákon o státním rozpočtu na příští rok.", "cs"),
    ("Η κυβέρνηση ανακοίνωσε νέα μέτρα για την οικονομία της χώρας.", "el"),
    ("Fotbollsspelaren skrev på ett nytt kontrakt med klubben i Göteborg.", "sv"),
    ("Cumhurbaşkanı yarın Ankara'da gazetecilerle görüşecek.", "tr"),
    ("Президент України зустрівся з представниками уряду в Києві.", "uk"),
    ("Язык интерфейса: Türkçe, 日本語, Русский.", "ru"),
    ("Отчёт показан и поручен администратору.", "ru"),
]


@pytest.mark.parametrize("target,lang,word", LEXICON_FAILS)
def test_lexicon_languages_flag_typos(target: str, lang: str, word: str) -> None:
    got = run(target, lang)
    assert [f.text for f in got] == [word]
    assert got[0].suggestion and got[0].suggestion != word
    assert SpellingCheck().skip_reason(CheckContext(source_lang="en", target_lang=lang)) is None


@pytest.mark.parametrize("target,lang", LEXICON_PASSES)
def test_lexicon_languages_silent_on_good_text(target: str, lang: str) -> None:
    assert run(target, lang) == []


def test_language_names_are_not_misspellings() -> None:
    assert run("Language: Türkçe", "en") == []
    assert run("Choose Deutsch, Français or 日本語.", "en") == []
    assert [f.text for f in run("Deutsch is the languge of Berlin.", "en")] == ["languge"]


UNJUDGED = [
    ("זו פגישה חשובה מאוד לכוללם.", "he"),
    ("यह सभी के लिए बहुत महत्वपूर्ण बैठकक है।", "hi"),
    ("এটি সবার জন্য খুব গুরুত্বপূর্ণ সভাা।", "bn"),
    ("这是一次非常重要的会义。", "zh"),
    ("これはとても重要な会義です。", "ja"),
    ("이것은 모두에게 매우 중요한 회으입니다.", "ko"),
    ("นี่เป็นการประชุมที่สำคัญมากสำหรับทุกคนน", "th"),
    ("هذا اجتماع مهم جدا للجميعع.", "ar"),
]


@pytest.mark.parametrize("target,lang", UNJUDGED)
def test_silent_where_it_cannot_judge(target: str, lang: str) -> None:
    assert run(target, lang) == []
    ctx = CheckContext(source_lang="en", target_lang=lang)
    assert SpellingCheck().skip_reason(ctx)


def test_name_after_a_title_abbreviation_is_not_a_sentence_start() -> None:
    # 'Sumbung' after 'Ms.' is a name; after a real sentence end it is judged
    assert run('"It is a bit challenging," Ms. Sumbung said.', "en") == []
    assert run("Dr. Moll und Frau Sumbung kamen.", "de") == []
    assert [f.text for f in run("It rained. Teh game was late.", "en")] == ["Teh"]


def test_english_es_plural_needs_a_sibilant_stem() -> None:
    # 'stirk' is listed, but English does not write 'stirkes': a typo of 'strikes'
    got = run("The Giants led through stirkes from Dwyer.", "en")
    assert [f.text for f in got] == ["stirkes"] and got[0].suggestion == "strikes"
    assert run("The boxes and wishes of the heroes.", "en") == []


@pytest.mark.parametrize("target,lang", [
    ("Zoeken negeert diakritische tekens (bijv. ö = o).", "nl"),
    ("Es kostet ca. drei Euro.", "de"),
    ("Il costo è di circa tre euro, ecc. e altro.", "it"),
])
def test_abbreviation_mid_sentence_is_not_a_misspelling(target: str, lang: str) -> None:
    assert run(target, lang) == []


def test_a_typo_before_a_sentence_end_is_still_flagged() -> None:
    assert [f.text for f in run("Das Rechenzentrm. Es ist schnell.", "de")] == ["Rechenzentrm"]


def test_shipped_autonyms_are_babels():
    """The autonyms shipped in reviewer/data (read instead of loading every CLDR
    locale) are the ones Babel gives, in several scripts."""
    from reviewer import lang

    shipped = lang.autonyms()
    assert shipped == lang._autonyms_live()
    for name in ("deutsch", "русский", "日本語", "türkçe", "العربية"):
        assert name in shipped
    assert "german" not in shipped


def test_shipped_locale_autonyms_are_babels():
    """verbatim's locale autonyms (regional names too) come from the shipped file
    and equal what Babel gives."""
    from reviewer import lang
    from reviewer.checks import verbatim

    shipped = verbatim.autonyms()
    assert shipped == lang.locale_autonyms_live()
    assert verbatim.autonym("Português (Brasil)") and verbatim.autonym("中文")
    assert not verbatim.autonym("Portuguese")
