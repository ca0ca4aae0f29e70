"""Synthetic name lines: the name's span points at the name, carriers stay as written."""

from __future__ import annotations

from eval.name_synth import FRAMES_EN, FRAMES_ES, framed, lines, name_pool


def test_framed_line_marks_the_name() -> None:
    text, spans = framed("Is the red one still here?", "{n} told me {l}.", "Thanasis")
    assert text == "Thanasis told me is the red one still here."
    (span,) = spans
    assert text[int(str(span["start"])) : int(str(span["end"]))] == "Thanasis"


def test_lines_hold_every_carrier_unlabelled_and_names_in_every_frame() -> None:
    out = lines(["Too pricey for me."], ["Está muy caro."], ["Ngozi"], ["Okafor"], per_frame=2)
    assert ("Too pricey for me.", []) in out and ("Está muy caro.", []) in out
    named = [(t, s) for t, s in out if s]
    assert len(named) == 2 * (len(FRAMES_EN) + len(FRAMES_ES))
    for text, (span,) in named:
        assert text[int(str(span["start"])) : int(str(span["end"]))] in {"Ngozi", "Ngozi Okafor"}


def test_name_pool_is_wider_than_the_feature_lists_and_holds_no_showroom_word() -> None:
    first, last = name_pool(frozenset({"mark", "grant"}))
    assert "Mark" not in first and "Grant" not in first
    assert {"Emeka", "Chinedu", "Aroha"} <= set(first)  # in no list of `world_names`
    assert len(first) > 10_000 and len(last) > 10_000
