"""The learned name scorer: names in no list and with no cue rule, and the words it leaves."""

from __future__ import annotations

import pytest

from edge.privacy.names import NameFinder
from edge.privacy.redact import Redactor
from edge.privacy.scorer import NameScorer, features, key, lexicon, nameness, ngrams


@pytest.fixture(scope="module")
def scorer() -> NameScorer:
    """The shipped model."""
    finder = NameFinder()
    return NameScorer(lexicon(finder.first, finder.common_first, finder.last))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("has Tendai finished the paperwork", "has [NAME] finished the paperwork"),
        (
            "my stepfather Oyelaran Bakare is co-signing",
            "my stepfather [NAME] is co-signing",
        ),
        ("Wierzbicki is the surname on the loan", "[NAME] is the surname on the loan"),
        ("la camioneta es para Xóchitl y para mí", "la camioneta es para [NAME] y para mí"),
    ],
)
def test_names_in_no_list_are_found(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "the Sierra Denali in Midnight Blue",
        "we drove down from Fort Worth this morning",
        "is the XC60 Ultimate the top trim",
        "it rides better than the F-150 Raptor",
        "the Honda place on Route 66 quoted less",
        "we need it before Thanksgiving",
        "do you take Zelle or only checks",
        "TPMS light came on, 32 PSI all round",
        "soy de Hermosillo y vine por la Tacoma",
        "la sucursal de avenida Chapultepec tiene el color",
        "mira, la verdad esta muy cara",
    ],
)
def test_car_place_and_everyday_words_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


def test_the_rules_alone_miss_what_the_scorer_finds() -> None:
    text = "has Tendai finished the paperwork"
    assert Redactor(learned_names=False)(text).text == text


def test_features_see_shape_lists_and_context(scorer: NameScorer) -> None:
    words = ["my", "brother", "Kofi", "is", "here"]
    starts = [True, False, False, False, False]
    logit = nameness(key("Kofi"), scorer.ngram, scorer.ngram_bias)
    feats = features(words, 2, starts, scorer.lex, logit)
    assert "cap_mid" in feats
    assert "p1:kin" in feats
    assert "p1=brother" in feats
    assert "n1=is" in feats


def test_names_look_more_like_names_than_words(scorer: NameScorer) -> None:
    def logit(word: str) -> float:
        return nameness(word, scorer.ngram, scorer.ngram_bias)

    assert logit("okonkwo") > logit("paperwork")
    assert logit("nakamura") > logit("financing")
    assert ngrams("ab") == ["^a", "ab", "b$", "^ab", "ab$", "^ab$"]


def test_a_model_with_a_bad_weight_is_refused(scorer: NameScorer) -> None:
    with pytest.raises(ValueError, match="number"):
        NameScorer(
            scorer.lex, {"token": {}, "ngram": {}, "ngram_bias": "x", "bias": 0.0, "threshold": 0.5}
        )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("everyone calls me tavi", "everyone calls me [NAME]"),
        ("hi im tamara okafor from the credit union", "hi im [NAME] from the credit union"),
        (
            "my granddaughter saoirse wants the blue one",
            "my granddaughter [NAME] wants the blue one",
        ),
        ("my brother in law tomasz is coming", "my brother in law [NAME] is coming"),
    ],
)
def test_lower_case_names_after_a_strong_cue(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "im tryna get the payment down",
        "i'm stoked about the sunroof",
        "this is gorgeous inside",
        "my wife loves the third row",
        "i'm will from accounting",
        "it's similar to the old one",
        "im hella excited about the sunroof",
        "i'm vegan so no leather seats",
        "this is bananas for a base model",
        "i'm lowkey into the blue one",
    ],
)
def test_lower_case_words_after_a_cue_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("i'm aroha ngata over from auckland", "i'm [NAME] over from auckland"),
        ("hi there i'm marcus bell", "hi there i'm [NAME]"),
        ("i'm fatima al-sayed we emailed", "i'm [NAME] we emailed"),
        ("put it under mrs agnieszka wróblewska please", "put it under [NAME] please"),
        ("la señora chen xiaoling viene mañana", "la señora [NAME] viene mañana"),
        ("oye yoandri tráeme las llaves", "oye [NAME] tráeme las llaves"),
        ("gracias nayeli muy amable", "gracias [NAME] muy amable"),
        ("le dejé un mensaje a rogelio", "le dejé un mensaje a [NAME]"),
        ("ayer vino mi papá con su amigo chucho", "ayer vino mi papá con su amigo [NAME]"),
        ("my partner's name is bongani dlamini", "my partner's name is [NAME]"),
        ("firmará mi mamá, maría elena castillo", "firmará mi mamá, [NAME]"),  # with the tagger
        ("declan can you grab the keys", "[NAME] can you grab the keys"),
        ("jacinto anota las placas", "[NAME] anota las placas"),
        ("you can call me jimmy and my cell is new", "you can call me [NAME] and my cell is new"),
        ("my name's bill and this is my wife", "my name's [NAME] and this is my wife"),
    ],
)
def test_names_after_titles_forms_of_address_and_plain_cues(
    redactor: Redactor, text: str, expected: str
) -> None:
    assert redactor(text).text == expected


@pytest.mark.parametrize(
    "text",
    [
        "oye güey mira esta",
        "gracias mijo",
        "thanks dude",
        "talk to corporate about it",
        "ask for financing options",
        "dile a tu jefe",
        "con permiso",
        "i'm leaning toward the sport trim",
        "i'm torn between them",
        "hello everyone",
        "check it out at autotrader dot com",
        "we looked at the big dealers dot com",
        "ok can you show me",
        "sure can you send it",
        "bueno puedes",
        "oiga por favor",
        "call me ok",
        "call me so we can talk",
        "call me may i ask",
        "la quiero con clara",
        "la camioneta fue gloria",
        "negra y celeste",
    ],
)
def test_words_after_those_cues_stay(redactor: Redactor, text: str) -> None:
    assert redactor(text).text == text
