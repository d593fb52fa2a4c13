"""variant in bilingual documents: the source's spelling in the unit itself is never
'corrected' away, and a source name with case endings is not a variant of itself.
Must-flag / must-not-flag cases in several languages and scripts."""

from __future__ import annotations

import pytest

from reviewer.checks.base import CheckContext
from reviewer.checks.variant import VariantCheck
from reviewer.model import Segment


def run_pairs(pairs: list[tuple[str, str]], sl: str, tl: str) -> list[str]:
    segs = [Segment(str(i + 1), i, s, t) for i, (s, t) in enumerate(pairs)]
    ctx = CheckContext(source_lang=sl, target_lang=tl)
    return [f.text for _seg, f in VariantCheck().run_document(segs, ctx)]


VARIANT_BILINGUAL_PASSES = [
    # the unit's own source writes 'Encinitas'; another unit's source misspells it
    ([("The attack was near Beacon's Beach in Encinitas.", "K útoku došlo u pláže Beacon's Beach v Encinitas."),
      ("Access closed from Ponto Beach to Swami's in Ecinitas.", "Přístup uzavřen od Ponto Beach po Swami's v Ecinitas.")],
     "en", "cs"),
    # Finnish, Hungarian, Turkish case endings on a source name
    ([("The situation in Palu is grave.", "Palun tilanne on vakava."),
      ("A ship is heading to Palu now.", "Alus on matkalla Paluun nyt."),
      ("The city of Palu was hit.", "Palun kaupunki kärsi.")], "en", "fi"),
    ([("Anyone in Birkenhead who saw it.", "Kaikki Birkenheadissä olleet."),
      ("A woman from Birkenhead was found.", "Nainen Birkenheadistä löydettiin.")], "en", "fi"),
    ([("He flew to Budapest on Monday.", "Hétfőn Budapestre repült."),
      ("He lives in Budapest now.", "Most Budapesten él."),
      ("He left Budapest quickly.", "Gyorsan elhagyta Budapestet.")], "en", "hu"),
    ([("They went to Ankara together.", "Birlikte Ankaraya gittiler."),
      ("They live in Ankara now.", "Şimdi Ankarada yaşıyorlar.")], "en", "tr"),
    # the source's own (inflected) form of the name in that unit: Slovak 'Encinitase'
    ([("Útok sa stal pri pláži v Encinitase.", "The attack occurred near the beach in Encinitas."),
      ("Pláž od Ponto po Swami v Ecinitase.", "The beach from Ponto to Swami's in Ecinitas."),
      ("Polícia v Encinitase pátra.", "Police in Encinitas are searching.")], "sk", "en"),
    # two names once each, no source form to go by: no majority to follow
    ([("Его звали Кристиан.", "His name was Christian."),
      ("Её звали Кристина.", "Her name was Christine.")], "ru", "en"),
    # Norwegian genitive of a source name
    ([("The Cromwell Society said so.", "Cromwell Society sa det."),
      ("The figure of Oliver Cromwell.", "Oliver Cromwells figur.")], "en", "nb"),
]  # fmt: skip

VARIANT_BILINGUAL_FLAGS = [
    # a slip beside the source's spelling, in Latin, Cyrillic and Greek targets
    ([("Chelsea play in the UEFA Europa League.", "Chelsea faces Videoton in the UEFA Europa Leaguge."),
      ("The League is strong.", "The League is strong.")], "de", "en", ["Leaguge"]),
    ([("Talks with Vodafone began.", "Переговоры с Vodafone начались."),
      ("Vodafone said it.", "Вчера Vodafome заявила.")], "en", "ru", ["Vodafome"]),
    ([("Then Microsoft said so.", "Η Microsoft είπε."),
      ("Then Microsoft agreed.", "Η Mircosoft συμφώνησε.")], "en", "el", ["Mircosoft"]),
    # an ending on a misspelt stem is still a slip
    ([("He flew to Budapest.", "Ő Budapestre repült."),
      ("He lives in Budapest.", "Ő Budapetsen él."),
      ("He works in Budapest.", "Ő Budapesten dolgozik.")], "en", "hu", ["Budapetsen"]),
]  # fmt: skip


@pytest.mark.parametrize("pairs, sl, tl", VARIANT_BILINGUAL_PASSES)
def test_variant_bilingual_passes(pairs: list[tuple[str, str]], sl: str, tl: str) -> None:
    assert run_pairs(pairs, sl, tl) == []


@pytest.mark.parametrize("pairs, sl, tl, texts", VARIANT_BILINGUAL_FLAGS)
def test_variant_bilingual_flags(pairs: list[tuple[str, str]], sl: str, tl: str, texts: list[str]) -> None:
    assert run_pairs(pairs, sl, tl) == texts


def run_targets(targets: list[str], tl: str) -> list[str]:
    segs = [Segment(str(i + 1), i, "", t) for i, t in enumerate(targets)]
    ctx = CheckContext(source_lang="en", target_lang=tl, target_only=True)
    return [f.text for _seg, f in VariantCheck().run_document(segs, ctx)]


#: A common word of the language written in capitals as a label's styling, beside
#: the same word in lower case: not a variant (issue 24's real-file false alarms).
CAPS_LABEL_PASSES = [
    (["DISCARD", "Discard changes?", "Discard the draft", "Discard all"], "en"),
    (["BASIC", "Basic settings", "Basic mode", "Basic"], "en"),
    (["ЛИБО", "Либо одно, либо другое", "Либо так"], "ru"),
    (["ABBRECHEN", "Abbrechen", "Abbrechen und schließen"], "de"),
    (["ANNULER", "Annuler", "Annuler la commande"], "fr"),
    (["ΑΚΥΡΩΣΗ", "Ακύρωση", "Ακύρωση παραγγελίας"], "el"),
]

#: A name (not a word of the language) in two cases is still one name spelled two ways.
CAPS_NAME_FLAGS = [
    (["Nvidia shares rose.", "The Nvidia chip.", "NVIDIA said so."], "en", "Nvidia"),
    (["Компания Openai сообщила.", "Openai выпустила модель.", "OpenAI заявила."], "ru", "Openai"),
]


@pytest.mark.parametrize("targets,tl", CAPS_LABEL_PASSES)
def test_caps_label_is_not_a_variant(targets: list[str], tl: str) -> None:
    assert run_targets(targets, tl) == []


@pytest.mark.parametrize("targets,tl,word", CAPS_NAME_FLAGS)
def test_name_in_two_cases_is_flagged(targets: list[str], tl: str, word: str) -> None:
    assert word in run_targets(targets, tl)


# issue 16: different names, and the target language's own name, are not variants
VARIANT_NOT_VARIANTS = [
    # two names whose source spellings sound apart ('Johnstone' beside 'Johnson')
    ([("Then Johnstone scored twice.", "После Джонстън вкара два пъти."),
      ("Then Johnson said so.", "После Джонсън каза така."),
      ("Then Johnson left.", "После Джонсън си тръгна.")], "en", "bg"),
    # the target language's exonym, a word of its lexicon, beside a name kept as is
    ([("The team from Scotland won the match.", "Het team uit Schotland won de wedstrijd."),
      ("Reporters of BBC Scotland said so.", "Verslaggevers van BBC Scotland zeiden het.")],
     "en", "nl"),
    # two names the lexicon lists, in a text whose source has no capitals
    ([("قال كريستيان ذلك.", "Then Christian said so."),
      ("قالت كريستين ذلك.", "Then Christine said so."),
      ("غادرت كريستين.", "Then Christine left.")], "ar", "en"),
]


@pytest.mark.parametrize("pairs, sl, tl", VARIANT_NOT_VARIANTS)
def test_variant_not_different_names_or_exonyms(pairs: list[tuple[str, str]], sl: str, tl: str) -> None:
    assert run_pairs(pairs, sl, tl) == []


def test_variant_slip_in_a_name_beside_its_exonym_rule() -> None:
    # 'Calfornia' is no word of Dutch: still a slip in the source's name
    pairs = [("The fires in California spread.", "De branden in Calfornia breidden zich uit."),
             ("California is dry.", "Het weer in California is droog.")]
    assert run_pairs(pairs, "en", "nl") == ["Calfornia"]
