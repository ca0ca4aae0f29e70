"""Words to speakers, with aligned word times and with estimated ones."""

from edge.listen.asr import Recognition, join_words, spread_words
from edge.listen.attribute import split_by_speaker
from edge.listen.reconstruct import Turn

# salesperson (0) until 2.0 s, a gap, then the customer (1) from 2.3 s
TURNS = [Turn(0.1, 2.0, 0), Turn(2.3, 4.6, 1)]


def test_timed_words_go_to_the_turn_that_covers_them() -> None:
    words = [
        *spread_words(" Let me check.", 0.2, 1.9, 0.0),
        *spread_words(" Can I?", 2.4, 4.5, 0.0),
    ]
    recognition = Recognition(join_words(words), "en", tuple(words), timed=True)
    runs = split_by_speaker(recognition, 0.0, TURNS, 0)
    assert [(who, text) for who, _, _, text in runs] == [(0, "Let me check."), (1, "Can I?")]


def test_estimated_times_attribute_whole_sentences() -> None:
    # one Whisper segment over both turns: word by word, the estimates would give "that." to
    # the customer; sentence by sentence each goes to the turn it overlaps most
    words = spread_words(
        " Let me see what I can do on that. Can I take it for a drive?", 0.0, 4.6, 0.0
    )
    recognition = Recognition(join_words(words), "en", tuple(words), timed=False)
    runs = split_by_speaker(
        recognition, 10.0, [Turn(t.start + 10, t.end + 10, t.speaker) for t in TURNS], 0
    )
    assert [(who, text) for who, _, _, text in runs] == [
        (0, "Let me see what I can do on that."),
        (1, "Can I take it for a drive?"),
    ]
    assert runs[1][1] == runs[0][2] and runs[1][2] == 14.6
