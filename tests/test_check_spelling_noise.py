"""Spelling on good translations (issue 16) and on planted slips (issue 17): what a
typo looks like (one edit inside a listed word, not in its first letter, not only
its last) against what a name, a foreign phrase, a reduplication or a source word
looks like, in many languages and scripts."""

from __future__ import annotations

import pytest

from reviewer.checks.base import CheckContext
from reviewer.checks.spelling import SpellingCheck, suggest
from reviewer.model import Finding

from .checkcontract import run_check


def run(target: str, lang: str, source: str = "") -> list[Finding]:
    return run_check(SpellingCheck, source, target, "en", lang, target_only=not source,
                     category="linguistic")


# (target, language, the slip, its source or "" for a target-only file)
MUST_FLAG = [
    ("The government announced a new polcy on Monday.", "en", "polcy", ""),
    ("The goverment said the plan was ready.", "en", "goverment",
     "Die Regierung sagte, der Plan sei fertig."),
    ("He was determind to win.", "en", "determind", ""),  # not 'deter' + 'mind'
    ("It rained. Teh game was late.", "en", "Teh", ""),  # a swap at a sentence start
    ("Die Regierung hat eine neue Verordnug beschlossen.", "de", "Verordnug", ""),
    ("Le gouvernement a annoncé une nouvelle poltique.", "fr", "poltique", ""),
    ("El gobierno anunció un nuevo presupusto.", "es", "presupusto", ""),
    ("Il governo ha annunciato una nuova poltica.", "it", "poltica", ""),
    ("O governo anunciou um novo orçamneto.", "pt", "orçamneto", ""),
    ("De regering heeft een nieuw beleid aangekondgd.", "nl", "aangekondgd", ""),
    ("Правительство объявило о новой полтике.", "ru", "полтике", ""),
    # a swap the lemmatizer's rules would take for a form of an unlisted lemma
    ("Магазин находится неподаелку от вокзала.", "ru", "неподаелку", ""),
    # the word list lacks the form; the lexicon has it one swap away
    ("Новые супермаректы открылись в городе.", "ru", "супермаректы", ""),
    ("Los votnates eligieron al alcalde.", "es", "votnates", ""),
    ("Vláda oznámila nový rozpčet.", "cs", "rozpčet", ""),
    ("Rząd ogłosił nową poltykę.", "pl", "poltykę", ""),
    ("Regeringen har meddelat en ny poltik.", "sv", "poltik", ""),
    ("Уряд оголосив про нову полтику.", "uk", "полтику", ""),
    ("Η κυβέρνηση ανακοίνωσε νέα πολτική.", "el", "πολτική", ""),
    ("Hükümet yeni bir poltika açıkladı.", "tr", "poltika", ""),
    ("Правителството обяви нова полтика.", "bg", "полтика", ""),
    ("Hallitus ilmoitti uudesta poltiikasta.", "fi", "poltiikasta", ""),
    ("Pemerintah mengumumkan angaran baru.", "id", "angaran", ""),
    # beside words a lexicon of inflected forms lacks ('myös', 'otettuaan'): no
    # 'foreign phrase' where the lexicon alone judges
    ("Glenn Middleton vaati myös rangaistupotkua otettuaan yhteen Jacobsin kanssa.", "fi",
     "rangaistupotkua", "Glenn Middleton had another claim for a penalty."),
    ("A kormány új poltikát jelentett be.", "hu", "poltikát", ""),
]


@pytest.mark.parametrize("target,lang,word,source", MUST_FLAG)
def test_slips_flagged(target: str, lang: str, word: str, source: str) -> None:
    found = [f.text for f in run(target, lang, source)]
    assert word in found, found


# (target, language, source): good translations
MUST_NOT_FLAG = [
    # names at a sentence start, the source in a script without capitals
    ("Pelosi said the vote was close.", "en", "قالت بيلوسي إن التصويت كان متقاربا."),
    ("Hammel added that the shark was big.", "en", "وأضاف هاميل أن القرش كان كبيرا."),
    ("Dwyer made sure the Giants took a lead.", "en", "ডায়ার নিশ্চিত করেন।"),
    ("Ronaldo's lawyers are preparing to sue.", "en", "Οι δικηγόροι του Ρονάλντο ετοιμάζονται."),
    ("Menga goal downs Gerrard's men.", "en", "Гол Менги."),
    # a phrase of another language quoted as it is
    ("Il faut bien le faire.", "en", "علينا أن نحقق ذلك."),
    # a rare word whose nearest listed words differ in the first or the last letter
    ("A pig farmer prepares to vaccinate pigs at a hoggery.", "en", "养猪户准备给猪打疫苗。"),
    ("Fashion and homeware sales fall back.", "en", ""),
    # the source's word in another script, or with another accent or ending
    ("Зинке утверждает, что это предлог.", "ru", "Zinke alleged that it is a pretext."),
    ("Séoul affirme que la frontière est fermée.", "fr", "Seoul says the border is closed."),
    ("Holts Team hätte führen müssen.", "de", "Holt's team should have led."),
    # a case suffix on a name after an apostrophe
    ("Şam, Suriye'deki operasyonlarını sürdürüyor.", "tr",
     "Damascus continues its operations in Syria."),
    # reduplication and suspended compounds
    ("Врешті-решт, я останній з них.", "uk", "After all, I am the last of them."),
    ("Været og store sports- og sosiale arrangementer er viktige.", "nb",
     "Weather and big sporting and social events matter."),
    # a word used twice in one sentence is meant
    ("Он сделал богги, а потом ещё одно богги.", "ru", "He made a bogey and then another bogey."),
    # a three-letter word is one edit from too many
    ("Вместо того чтобы отправить смс мужу, она ошиблась.", "ru",
     "Instead of texting her husband, she erred."),
    # decomposed accents are part of the word
    ("Dann erreichte ein Freistoß den Kapita\u0308n Craig Halkett.", "de",
     "Then a free kick found captain Craig Halkett."),
]


@pytest.mark.parametrize("target,lang,source", MUST_NOT_FLAG)
def test_good_translations_not_flagged(target: str, lang: str, source: str) -> None:
    assert run(target, lang, source) == []


# scripts without capitals: names cannot be told from slips, or no lexicon: silent,
# and the reason is given for the statistics
SILENT = [
    ("قال الرئيس إن الحكومه ستعلن خطه جديده.", "ar"),
    ("הממשלה הודיע על תכנית חדשה.", "he"),
    ("सरकार ने नई नीती की घोषणा की।", "hi"),
    ("সরকার নতুন নীতী ঘোষণা করেছে।", "bn"),
    ("政府宣布了新的政测。", "zh"),
    ("政府は新しい政作を発表した。", "ja"),
    ("정부는 새로운 정책을 발효했다.", "ko"),
    ("รัฐบาลประกาศนโยบายใหม", "th"),
]


@pytest.mark.parametrize("target,lang", SILENT)
def test_silent_and_says_why_where_it_cannot_judge(target: str, lang: str) -> None:
    assert run(target, lang, "The government announced a new policy.") == []
    assert SpellingCheck().skip_reason(CheckContext(source_lang="en", target_lang=lang))


def test_suggestion_prefers_the_shape_of_a_slip() -> None:
    # the same first letter before a more frequent word ('order'), a swap first
    assert suggest("en", "brder") == ("border", 1)
    assert suggest("en", "teh") == ("the", 1)
