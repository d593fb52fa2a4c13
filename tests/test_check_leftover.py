"""Issue 17's rule checks: words left untranslated, stray punctuation, a translation
that is only punctuation, length of short sources, dropped markup attributes.
Must-flag and must-not-flag tables in many languages and scripts."""

from __future__ import annotations

import pytest

from reviewer.checks.base import Check
from reviewer.checks.basic import EmptyCheck, LengthCheck
from reviewer.checks.leftover import StrayPunctuationCheck, UntranslatedWordsCheck
from reviewer.checks.markup import MarkupCheck
from reviewer.model import Finding

from .checkcontract import run_check


def run(check: Check, sl: str, tl: str, source: str, target: str) -> list[Finding]:
    return run_check(check, source, target, sl, tl)


# (source lang, target lang, source, target, flagged text)
UNTRANSLATED_FLAG = [
    ("zh", "en", "在狗粮中发现了三聚氰胺和氰尿酸。", "Cyanuric acid and 三聚氰胺 were found in the pet food.", "三聚氰胺"),
    ("hi", "en", "डॉ. टोनी मोल ने यह खोज की।", "Dr. टोनी Moll made the discovery.", "टोनी"),
    ("ru", "en", "Президент подписал указ в понедельник.", "The president signed the указ on Monday.", "указ"),
    ("ja", "en", "東京で会議が開かれた。", "A meeting was held in 東京.", "東京"),
    ("el", "en", "Η κυβέρνηση ανακοίνωσε νέα μέτρα.", "The government announced new μέτρα.", "μέτρα"),
    ("ar", "en", "أعلنت الحكومة عن إجراءات جديدة.", "The government announced new إجراءات today.", "إجراءات"),
    ("de", "en", "Der 24jährigen Motorradfahrer wurde verletzt.", "The 24jährigen motorcyclist was injured.", "jährigen"),
    ("fr", "en", "Les ministres ont discuté du budget.", "The ministres discussed the budget.", "ministres"),
    ("es", "en", "Los estudiantes protestaron ayer.", "The estudiantes protested yesterday.", "estudiantes"),
    ("en", "ja", "The two countries have not exchanged ambassadors.", "両国は大使をexchangedしていない。", "exchanged"),
    ("en", "ru", "The talks collapsed on Friday.", "Переговоры collapsed в пятницу.", "collapsed"),
]

UNTRANSLATED_PASS = [
    # names and brands stay in Latin letters in a non-Latin target
    ("en", "ru", "Apple released the iPhone in California.", "Apple выпустила iPhone в Калифорнии."),
    ("en", "zh", "He works at Brigham and Women's Hospital.", "他在 Brigham and Women's Hospital 工作。"),
    ("en", "ja", "She posted it on Twitter.", "彼女はそれをTwitterに投稿した。"),
    # loanwords the target lexicon may lack
    ("en", "it", "The tsunami hit the coast.", "Lo tsunami ha colpito la costa."),
    ("en", "fr", "The staff went on strike.", "Le staff s'est mis en grève."),
    ("en", "de", "The referendum failed.", "Das Referendum scheiterte."),
    # an -ing noun is a lemma of its own, and the classic loan
    ("en", "it", "Online shopping is growing.", "Lo shopping online è in crescita."),
    # Japanese writes Han characters: a Chinese source shares them
    ("zh", "ja", "东京举行了会议。", "東京で会議が開かれた。"),
    # names transliterated, not copied
    ("hi", "en", "डॉ. टोनी मोल ने यह खोज की।", "Dr. Tony Moll made the discovery."),
    ("ru", "en", "Путин встретился с Макроном.", "Putin met Macron."),
    # same language, or a whole copy (the untranslated check's business)
    ("en", "en-GB", "The color is red.", "The colour is red."),
    ("de", "en", "Guten Morgen allerseits", "Guten Morgen allerseits"),
    # URLs, e-mail, code in a non-Latin target
    ("en", "zh", "Visit example.org/help for details.", "详情请访问 example.org/help。"),
    ("pl", "en", "Spotkanie odbyło się w Warszawie.", "The meeting took place in Warsaw."),
    ("cs", "en", "Vláda schválila rozpočet.", "The government approved the budget."),
]


@pytest.mark.parametrize("sl,tl,source,target,flagged", UNTRANSLATED_FLAG)
def test_untranslated_words_flagged(sl: str, tl: str, source: str, target: str, flagged: str) -> None:
    found = run(UntranslatedWordsCheck(), sl, tl, source, target)
    assert any(flagged in f.text for f in found), found
    assert all(f.check == "untranslated-words" and f.side == "target" for f in found)


@pytest.mark.parametrize("sl,tl,source,target", UNTRANSLATED_PASS)
def test_untranslated_words_not_flagged(sl: str, tl: str, source: str, target: str) -> None:
    assert run(UntranslatedWordsCheck(), sl, tl, source, target) == []


# languages not declared (a file that does not name them): the scripts of the texts
# and, within one script, letters the rest of the translation never uses
UNDECLARED_FLAG = [
    ("在狗粮中发现了三聚氰胺和氰尿酸。", "Cyanuric acid and 三聚氰胺 were found in the pet food.", "三聚氰胺"),
    ("डॉ. टोनी मोल ने यह खोज की।", "Dr. टोनी Moll made the discovery.", "टोनी"),
    ("Президент подписал указ в понедельник.", "The president signed the указ on Monday.", "указ"),
    ("東京で会議が開かれた。", "A meeting was held in 東京 yesterday.", "東京"),
    ("أعلنت الحكومة عن إجراءات جديدة.", "The government announced new إجراءات today.", "إجراءات"),
    ("Η κυβέρνηση ανακοίνωσε νέα μέτρα.", "The government announced new μέτρα.", "μέτρα"),
    ("정부는 새로운 조치를 발표했다.", "The government announced new 조치를 today.", "조치를"),
    ("Der 24-jährige Motorradfahrer wurde schwer verletzt.", "The 24jährigen motorcyclist was seriously injured.", "jährigen"),
    ("Spotkanie odbyło się w Warszawie.", "The meeting odbyło in Warsaw yesterday.", "odbyło"),
    ("Vláda schválila rozpočet na příští rok.", "The government approved the rozpočet for next year.", "rozpočet"),
]

UNDECLARED_PASS = [
    # cognates share a stem with a source word, not their accented letters
    ("The police confirmed the category of the crime.", "La policía confirmó la categoría del delito."),
    ("The separatists travelled two kilometres.", "Separatisté urazili dva kilometrů cesty."),
    ("डॉ. टोनी मोल ने यह खोज की।", "Dr. Tony Moll made the discovery."),
    ("东京举行了会议。", "東京で会議が開かれた。"),
    ("Путин встретился с Макроном.", "Putin met Macron in Paris."),
    ("Der Minister besuchte das Hotel in München.", "The minister visited the hotel in Munich."),
    ("La réunion a eu lieu à Genève.", "The meeting took place in Genève, Switzerland."),
    ("Vláda schválila rozpočet.", "The government approved the budget."),
    ("The talks collapsed on Friday.", "Переговоры провалились в пятницу."),
    ("The government approved the budget.", "政府批准了预算。"),
]


@pytest.mark.parametrize("source,target,flagged", UNDECLARED_FLAG)
def test_untranslated_words_flagged_without_languages(source: str, target: str, flagged: str) -> None:
    found = run(UntranslatedWordsCheck(), "", "", source, target)
    assert any(flagged in f.text for f in found), found


@pytest.mark.parametrize("source,target", UNDECLARED_PASS)
def test_untranslated_words_not_flagged_without_languages(source: str, target: str) -> None:
    assert run(UntranslatedWordsCheck(), "", "", source, target) == []


@pytest.mark.parametrize("sl,tl,source,target,flagged", [
    # another inflection of a source word: the stem is the source's
    ("de", "en", "Der 24-jährige Motorradfahrer wurde verletzt.", "The 24jährigen motorcyclist was injured.", "jährigen"),
    # grammar words are never borrowed bare, unlike nouns
    ("en", "de", "Police used their batons.", "Die Polizei setzte their Schlagstöcke ein.", "their"),
    ("en", "it", "We will wait until Monday.", "Aspetteremo until lunedì.", "until"),
])
def test_untranslated_words_inflected_or_grammar_word(
    sl: str, tl: str, source: str, target: str, flagged: str
) -> None:
    found = run(UntranslatedWordsCheck(), sl, tl, source, target)
    assert any(f.text == flagged for f in found), found


def test_untranslated_words_one_span_for_a_name_in_one_script() -> None:
    (f,) = run(UntranslatedWordsCheck(), "hi", "en", "डॉ. टोनी मोल आए।", "Dr. टोनी मोल came.")
    assert f.text == "टोनी मोल"


STRAY_FLAG = [
    # an ASCII ; or : against punctuation, or against letters of a script without spaces
    ("en", "de", "a challenge to the new US policy", "ein Rechtsbehelf zur neuen US;-Politik", ";"),
    ("en", "zh", "A survey of 20,000 pupils revealed it.", "一项针对:20,000名中学生的调查显示了这一点。", ":"),
    ("en", "ja", "He was charged with assault, and released.", "彼は暴行罪で起訴され;、釈放された。", ";"),
    # a quote or apostrophe before a vowel sign or virama splits an Indic word
    ("en", "hi", "He got a pass in midfield.", "उसे मिडफ\"ील्ड में पास मिला।", '"'),
    ("en", "bn", "Bernard Vann was honoured.", "বার্ন'ার্ড ভ্যানকে সম্মানিত করা হয়েছে।", "'"),
    ("zh", "en", "在狗粮中发现了三聚氰胺。", "Cyanuric acid and melamine~ were found in pet food.", "~"),
    ("de", "en", "Der Park umfasst zehn Hektar.", "The park' covers ten hectares.", "'"),
    ("fr", "en", "Il est dans la maison.", "He is in_ the house.", "_"),
    ("en", "de", "The two countries have not exchanged ambassadors.", "Die beiden Länder haben keine Botschafter ausge_tauscht.", "_"),
    ("en", "ru", "His comments drew boos.", "Его комментарии вызвали ос*уждение.", "*"),
    ("en", "zh", "The talks ended on Friday.", "会谈于周五|结束。", "|"),
    ("en", "hi", "The injury was serious.", "चोट गंभीर थी और दब:ाव बढ़ा।", ":"),
    ("en", "it", "The government approved the budget.", "Il governo ha approvato il bil,ancio.", ","),
    ("en", "es", "The survey of pupils was published.", "La encuesta de; alumnos fue publicada.", ";"),
    ("en", "ja", "The pump made the headlines.", "ポンプが#話題になった。", "#"),
]

STRAY_PASS = [
    ("en", "de", "At 10:30 he said no.", "Um 10:30 sagte er: „Nein“."),
    ("en", "zh", "The meeting starts at 10:30.", "会议在10:30开始。"),
    ("en", "ja", "Note: see the manual.", "注意:マニュアルを参照してください。"),
    ("en", "hi", "He said \"no\".", "उसने \"नहीं\" कहा।"),
    ("en", "fr", "She said that she would run.", "Elle a dit qu’elle se présenterait."),
    ("en", "it", "They came back a bit different.", "Sono tornati un po’ diversi."),
    ("en", "it", "For half an hour", "Da mezz’ora"),
    ("de", "en", "Das Haus der Eltern", "The parents' house"),
    ("de", "en", "Er sagte: 'Ja'", "He said: 'yes'"),
    ("en", "sv", "The EU's decision", "EU:s beslut"),
    ("en", "ja", "Recommended: Aguero scores", "おすすめ:アグエロがゴール"),
    ("en", "en-GB", "Use snake_case names", "Use snake_case names"),
    ("en", "de", "#MeToo spread quickly.", "#MeToo verbreitete sich schnell."),
    ("en", "el", "throughout the season", "καθ' όλη τη σεζόν"),
    ("en", "ru", "He said: we must go.", "Он сказал: мы должны идти."),
    ("en", "pl", "Donggala, which lies north", "Donggala,który leży na północ"),
    ("en", "nl", "Kavanaugh was emotional; he shouted.", "Kavanaugh was geëmotioneerd; hij schreeuwde."),
]


@pytest.mark.parametrize("sl,tl,source,target,flagged", STRAY_FLAG)
def test_stray_punctuation_flagged(sl: str, tl: str, source: str, target: str, flagged: str) -> None:
    found = run(StrayPunctuationCheck(), sl, tl, source, target)
    assert [f.text for f in found] == [flagged], found
    assert found[0].suggestion == ""


@pytest.mark.parametrize("sl,tl,source,target", STRAY_PASS)
def test_stray_punctuation_not_flagged(sl: str, tl: str, source: str, target: str) -> None:
    assert run(StrayPunctuationCheck(), sl, tl, source, target) == []


@pytest.mark.parametrize(
    "sl,tl,source,target,flag",
    [
        ("en", "de", "Melamine was found in the food.", ".", True),
        ("zh", "en", "发现了三聚氰胺。", "…", True),
        ("ru", "en", "Президент подписал указ.", " - ", True),
        ("ar", "fr", "أعلنت الحكومة", "?", True),
        ("en", "ja", "Loading...", "。。。", True),
        ("en", "de", "...", "…", False),
        ("en", "de", "123", "-", False),
        ("en", "hi", "OK", "✓", False),
        ("en", "fr", "Save", "Enregistrer", False),
    ],
)
def test_punctuation_only_translation(sl: str, tl: str, source: str, target: str, flag: bool) -> None:
    found = run(EmptyCheck(), sl, tl, source, target)
    assert bool(found) is flag, found
    if flag:
        assert found[0].check == "empty" and "punctuation" in found[0].message


@pytest.mark.parametrize(
    "sl,tl,source,target,flag",
    [
        ("en", "de", "Open file", "Datei öffnen und dann noch sehr viel mehr Text, der hier gar nicht hingehört, wirklich", True),
        ("en", "fr", "Save", "Enregistrer le document actuel sous un autre nom dans le dossier choisi", True),
        ("en", "ja", "Cancel", "キャンセルしてから、すべての変更を元に戻し、最初の画面に戻って、もう一度最初からやり直してください", True),
        ("en", "de", "Settings", "Einstellungen", False),
        ("en", "fr", "Open file", "Ouvrir le fichier", False),
        ("en", "ru", "Delete", "Удалить выбранные элементы", False),
        ("en", "zh", "Settings", "设置", False),
        ("en", "fi", "Print", "Tulosta asiakirja", False),
    ],
)
def test_length_of_short_sources(sl: str, tl: str, source: str, target: str, flag: bool) -> None:
    found = run(LengthCheck(), sl, tl, source, target)
    assert bool(found) is flag, found


def test_markup_dropped_attribute_and_escaped_brackets() -> None:
    src = '<a href="https://example.org" target="_blank">Help</a>'
    (f,) = run(MarkupCheck(), "en", "de", src, '<a href="https://example.org">Hilfe</a>')
    assert "target" in f.message and f.suggestion and "_blank" in f.suggestion
    # translatable attribute values may change; the attribute stays
    assert run(MarkupCheck(), "en", "fr", '<img src="a.png" alt="Logo">', '<img src="a.png" alt="Le logo">') == []
    (f,) = run(MarkupCheck(), "en", "it", "Use &lt;file&gt; here", "Usa &lt;file qui")
    assert f.text == "&gt;"
    # &amp; may become a word
    assert run(MarkupCheck(), "en", "it", "Tom &amp; Jerry", "Tom e Jerry") == []


# An English word at a sentence's end (its full stop is no dot of code), and an
# English -s plural copied into a language that makes no plurals with -s (a loan
# there would take the language's own ending); loans and names stay silent.
UNTRANSLATED_PLURAL_FLAG = [
    ("en", "ar", "We want to set our own laws in this country.",
     "نرغب في وضع قوانيننا الخاصة في country.", "country"),
    ("en", "bg", "Officers resorted to batons to control the situation.",
     "Полицаите прибегнаха до палките си, за да овладеят batons.", "batons"),
    ("en", "cs", "Officials closed the beach for safety purposes.",
     "Úřady uzavřely pláž z bezpečnostních purposes.", "purposes"),
    ("en", "pl", "The officials closed the beach for safety purposes.",
     "Urzędnicy zamknęli plażę ze względów purposes bezpieczeństwa.", "purposes"),
    ("en", "fi", "The company published two reports this year.",
     "Yhtiö julkaisi tänä vuonna kaksi reports.", "reports"),
    ("en", "tr", "The company published two reports this year.",
     "Şirket bu yıl iki reports yayınladı.", "reports"),
]
UNTRANSLATED_PLURAL_PASS = [
    # German and French make plurals with -s: an English plural may be a loan
    ("en", "de", "The tweets were deleted.", "Die Tweets wurden gelöscht.", None),
    ("en", "fr", "She likes the podcasts.", "Elle aime les podcasts.", None),
    # a bare (singular) loan in a language without -s plurals
    ("en", "cs", "The lifestyle brand grew.", "Lifestylová značka lifestyle rostla.", None),
    # a name at the end of a Cyrillic sentence
    ("en", "ru", "He works for Sky News.", "Он работает на Sky News.", None),
]


@pytest.mark.parametrize("sl,tl,source,target,word", UNTRANSLATED_PLURAL_FLAG)
def test_untranslated_plural_and_final_word(sl: str, tl: str, source: str, target: str,
                                            word: str) -> None:
    got = run(UntranslatedWordsCheck(), sl, tl, source, target)
    assert [f.text for f in got] == [word]


@pytest.mark.parametrize("sl,tl,source,target,word", UNTRANSLATED_PLURAL_PASS)
def test_untranslated_loans_stay_silent(sl: str, tl: str, source: str, target: str,
                                        word: None) -> None:
    assert run(UntranslatedWordsCheck(), sl, tl, source, target) == []


# --- issue 17 / 24: words of the source left, judged from lexicons; text kept on purpose

SOURCE_WORDS_FLAG = [
    # a bare English word is not a loan without evidence (the target's word list,
    # international vocabulary): "safety", "hearing", "almost" are words left
    ("en", "de", "Officials closed the beach for safety reasons.",
     "Beamte sperrten den Strand aus safety Gründen.", "safety"),
    ("en", "fr", "More than 20 million people watched the hearing.",
     "Plus de 20 millions de personnes ont regardé la hearing.", "hearing"),
    ("en", "it", "Members of the majority embraced a conservative faith.",
     "I members della maggioranza hanno abbracciato una fede conservatrice.", "members"),
    ("en", "es", "It happened almost a year ago.", "Sucedió almost hace un año.", "almost"),
    # a source language without a lexicon: a copied word the target's lexicon lacks
    ("vi", "en", "Các quan chức đã đóng cửa bãi biển trong 48 giờ.",
     "Officials closed the beach trong 48 hours.", "trong"),
    # a hyphen joining two scripts is not an identifier's
    ("bg", "en", "както и чуждестранни компании", "as well as foreign-чуждестранни companies",
     "чуждестранни"),
    # a sentence left in English inside a Russian one
    ("en", "ru", "Another application may be using it. Try specifying another port.",
     "Не удалось открыть порт; another application may be using it.", "another"),
]

SOURCE_WORDS_PASS = [
    # quotations and placeholders the source has too
    ("en", "zh", "Move DOIs from 'note' field", "将 DOI 从 'note' 字段移动"),
    ("en", "ru", "This won't match \"who\" or \"Who\".", "Это не найдёт \"who\" или \"Who\"."),
    ("en", "ru", "Convert timestamp field to field 'modificationdate'",
     "Преобразовать поле 'timestamp' в поле 'modificationdate'"),
    ("en", "ar", "Failed to delete cluster: {{ error }}", "فشل حذف الكتلة: {{ error }}"),
    # a file extension, a quantity with its unit
    ("en", "ja", "Import citations from BibTeX (.bib) files",
     "BibTeX （.bib）ファイルから引用文献をインポートします。"),
    ("en", "ja", "300 km (190 miles) north of Palu", "パルの北部300 km (190 miles) の沿岸"),
    # the translator's gloss of a term they translated
    ("en", "he", "If both use mutual mode, encryption is on.",
     "אם שניהם מפעילים מצב הדדי (mutual mode), ההצפנה מופעלת."),
    ("en", "tr", "They won the fourball and foursome matches.",
     "Fourball ve dörtlü (foursome) maçlarını kazandılar."),
    # loans the grammar of the language has taken in
    ("en", "pl", "Moliwood avoided bogeys on Saturday.", "Moliwood uniknęli bogey’ów w sobotę."),
    ("en", "fr", "Use spaces for indentation", "Utiliser des espaces pour l’indentation"),
    # a borrowed two-word term; international vocabulary
    ("en", "it", "Green cards should be offered automatically.",
     "Le green card dovrebbero essere offerte automaticamente."),
    ("en", "ru", "IPTVnator is a free open source project.", "IPTVnator — бесплатный open source проект."),
    ("en", "fr", "The tsunami hit the coast.", "Le tsunami a frappé la côte."),
    ("en", "pt", "The trio released a new album.", "O trio lançou um novo álbum."),
]


@pytest.mark.parametrize("sl,tl,source,target,word", SOURCE_WORDS_FLAG)
def test_source_words_flagged(sl: str, tl: str, source: str, target: str, word: str) -> None:
    assert word in [f.text for f in run(UntranslatedWordsCheck(), sl, tl, source, target)]


@pytest.mark.parametrize("sl,tl,source,target", SOURCE_WORDS_PASS)
def test_source_words_kept_on_purpose(sl: str, tl: str, source: str, target: str) -> None:
    assert run(UntranslatedWordsCheck(), sl, tl, source, target) == []


def test_icon_and_code_elements_are_not_text() -> None:
    """An icon's name between the codes of an icon element (Angular's ``<x>``
    placeholders standing for ``<sh-icon>`` and ``</sh-icon>``) is not text left in
    English; a word outside them is."""
    from reviewer.checks.base import CheckContext
    from reviewer.model import InlineCode, Segment

    codes = (InlineCode("standalone", "START_TAG_SH_ICON", "<x/>", equiv="<sh-icon>"),
             InlineCode("standalone", "CLOSE_TAG_SH_ICON", "<x/>", equiv="</sh-icon>"))
    ctx = CheckContext(source_lang="en", target_lang="zh-Hans")

    def found(src: str, tgt: str) -> list[str]:
        seg = Segment(id="1", index=0, source=src, target=tgt, source_codes=codes,
                      target_codes=codes)
        return [f.text for f in UntranslatedWordsCheck().run(seg, ctx)]

    assert found("Remote control is enabled \ue000info\ue001", "远程控制已启用\ue000info\ue001") == []
    assert found("Remote control is enabled on this machine \ue000info\ue001",
                 "此计算机上的远程控制已 enabled \ue000info\ue001") == ["enabled"]
