"""Make the demo's recordings with espeak-ng (run once; the FLAC files are committed).

    .venv/bin/python -m demo.make_recordings

`showroom.flac`: Sam (salesperson) and a customer through a price objection, a trade-in question
and a test drive. `sam-enrollment.flac`: Sam reading enrollment sentences, for `enroll`.
"""

from __future__ import annotations

from pathlib import Path

import soundfile as sf

from harness.speech import CUSTOMER, SALESPERSON, make_dialogue

HERE = Path(__file__).parent
CONVERSATION = [
    (SALESPERSON, "Good morning, welcome to the showroom. I'm Sam. What can I help you with?"),
    (CUSTOMER, "Hi Sam. I like the hybrid SUV, but honestly the price is too high for me."),
    (SALESPERSON, "I hear you. What monthly payment would fit your budget?"),
    (
        CUSTOMER,
        "Maybe four hundred a month. And how much will you give me for my old car as a trade in?",
    ),
    (SALESPERSON, "We can appraise your car today. Would you like a test drive while we do?"),
    (CUSTOMER, "Yes, I would love to take it for a test drive. Can we go now?"),
    (SALESPERSON, "Absolutely. I will grab the keys."),
]
ENROLLMENT = [
    (SALESPERSON, "Hello, my name is Sam Carter and I work on the sales floor."),
    (
        SALESPERSON,
        "I help customers find the right car, arrange test drives and explain financing.",
    ),
    (SALESPERSON, "This recording teaches the hub what my voice sounds like."),
]


def main() -> None:
    """Write both recordings beside this file."""
    for name, turns in (("showroom", CONVERSATION), ("sam-enrollment", ENROLLMENT)):
        wav = HERE / f"{name}.wav"
        make_dialogue(turns, wav, gap_s=0.7)
        samples, rate = sf.read(wav, dtype="int16")
        sf.write(HERE / f"{name}.flac", samples, rate, format="FLAC")
        wav.unlink()


if __name__ == "__main__":
    main()
