"""The learned sequence tagger: the shipped model, its union with the rules, its errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import SecretStr, ValidationError

from edge.privacy.gate import PrivacyGate
from edge.privacy.names import NameFinder
from edge.privacy.redact import Redactor
from edge.privacy.scorer import Lexicon, lexicon
from edge.privacy.settings import PrivacySettings
from edge.privacy.spans import Kind, merge
from edge.privacy.tagger import Tagger, TaggerError, labels, tokens

# Lines written for these tests, in no eval file.
_LINES = (
    "ask desmond about the warranty",
    "we want the hybrid in silver with the tow package",
    "my number is 555 201 7788 and I'm Priya",
    "la camioneta roja cuesta treinta mil",
    "if mark calls tell him the truck is ready",
)


@pytest.fixture(scope="module")
def lex() -> Lexicon:
    """The census and shipped word lists."""
    finder = NameFinder()
    return lexicon(finder.first, finder.common_first, finder.last)


@pytest.fixture(scope="module")
def tagger(lex: Lexicon) -> Tagger:
    """The shipped model at the shipped threshold."""
    return Tagger(lex)


def test_shipped_model_finds_a_name_without_a_cue(tagger: Tagger) -> None:
    text = "ask desmond about the warranty"
    assert [(text[s.start : s.end], s.kind) for s in tagger.find(text)] == [("desmond", Kind.NAME)]


def test_shipped_model_leaves_a_detail_free_line(tagger: Tagger) -> None:
    assert list(tagger.find("we want the hybrid in silver with the tow package")) == []
    assert list(tagger.find("")) == []


def test_marginals_are_probabilities(tagger: Tagger) -> None:
    toks, probs = tagger.marginals("ask desmond about the warranty")
    assert [t.text for t in toks] == ["ask", "desmond", "about", "the", "warranty"]
    for prob in probs:
        assert sum(prob.values()) == pytest.approx(1.0)


def test_redactor_with_tagger_is_the_union_with_the_rules(tagger: Tagger) -> None:
    rules, both = Redactor(tagger=False), Redactor(tagger=True)
    for text in _LINES:
        assert both.spans(text) == merge([*rules.spans(text), *tagger.find(text)])


def test_setting_off_builds_no_tagger_and_gives_the_rules() -> None:
    off = PrivacyGate(PrivacySettings(tagger=False, site_key=SecretStr("k" * 16)))
    assert off._redact._tagger is None
    rules = Redactor(tagger=False)
    for text in _LINES:
        assert off._redact.spans(text) == rules.spans(text)


def test_settings_reach_the_tagger() -> None:
    gate = PrivacyGate(
        PrivacySettings(tagger=True, tagger_threshold=0.8, site_key=SecretStr("k" * 16))
    )
    assert gate._redact._tagger is not None
    assert gate._redact._tagger.threshold == 0.8
    with pytest.raises(ValidationError, match="tagger_threshold"):
        PrivacySettings(tagger_threshold=0.0)


def test_missing_model_file_is_a_clear_error(lex: Lexicon, tmp_path: Path) -> None:
    missing = tmp_path / "none.crfsuite"
    with pytest.raises(TaggerError, match="does not exist"):
        Tagger(lex, model=missing)


def test_corrupt_model_file_is_a_clear_error(lex: Lexicon, tmp_path: Path) -> None:
    bad = tmp_path / "bad.crfsuite"
    bad.write_bytes(b"not a model at all")
    with pytest.raises(TaggerError, match="is not a CRF model"):
        Tagger(lex, model=bad)


def test_labels_are_bio_and_leave_edge_punctuation_out() -> None:
    text = "I'm Ann Lee, call 555 1234."
    toks = tokens(text)
    spans = [(4, 11, "name"), (18, 26, "phone")]
    got = dict(zip((t.text for t in toks), labels(toks, spans, blind=False), strict=False))
    assert [got["Ann"], got["Lee"], got[","], got["555"], got["1234"], got["."]] == [
        "B-name",
        "I-name",
        "O",
        "B-phone",
        "I-phone",
        "O",
    ]
    assert labels(toks, spans, blind=True)[1:4] == ["O", "O", "B-D"]
