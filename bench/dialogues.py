"""Scripted showroom dialogues with references, for timing prompts from the end of speech.

    .venv/bin/python -m bench.dialogues OUT_DIR [--split tune|heldout|all|heldout5]

Writes `NAME.wav` (espeak-ng, two or more voices, `harness.speech.make_dialogue`) and `NAME.tsv`
(one line per turn: `start end role label text`, tab-separated; `label` is the labels a
customer turn should be read as, comma-separated, or `-`) for every dialogue of the split.
`bench.coach --full --audio NAME.wav --reference NAME.tsv` then times each prompt from the end
of the customer's speech.

The split is fixed by the name: `tune` when the first 8 hex digits of sha256(name) are even
(`eval.languages.split_of`, as for the Spanish clips), else `heldout`. Settings are chosen on
`tune` only (docs/benchmarks.md). Since the held-out half was run once (issue 18, second pass),
`all` (tune and the old held-out) is development data, and `heldout5` (`HELDOUT5`, written
before the third pass measured anything, new wording) is the held-out set: never in `all`, run
once at the end.
"""

from __future__ import annotations

import argparse
import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from harness.speech import CUSTOMER, SALESPERSON, make_dialogue

Split = Literal["tune", "heldout", "all", "heldout5"]
OTHER = "en-us+m3"  # a second customer voice (a partner), lower than CUSTOMER


@dataclass(frozen=True)
class Line:
    """One turn of a script: who says what, and the labels a customer turn should get."""

    voice: str
    text: str
    labels: tuple[str, ...] = ()

    @property
    def role(self) -> str:
        """`salesperson` for Sam's voice, else `customer`."""
        return "salesperson" if self.voice == SALESPERSON else "customer"


def _s(text: str) -> Line:
    return Line(SALESPERSON, text)


def _c(text: str, *labels: str, voice: str = CUSTOMER) -> Line:
    return Line(voice, text, labels)


# The demo's conversation and the test and bench dialogues (labels as the playbook should read
# them), then twelve more written for this bench (issue 18).
DIALOGUES: dict[str, list[Line]] = {
    "demo_showroom": [
        _s("Good morning, welcome to the showroom. I'm Sam. What can I help you with?"),
        _c("Hi Sam. I like the hybrid SUV, but honestly the price is too high for me.", "price"),
        _s("I hear you. What monthly payment would fit your budget?"),
        _c(
            "Maybe four hundred a month. And how much will you give me for my old car as a "
            "trade in?",
            "trade_in",
        ),
        _s("We can appraise your car today. Would you like a test drive while we do?"),
        _c("Yes, I would love to take it for a test drive. Can we go now?", "test_drive"),
        _s("Absolutely. I will grab the keys."),
    ],
    "tests_showroom": [
        _s(
            "Good morning and welcome in. My name is Sam and I look after our hybrid and "
            "electric models. What brings you to the dealership today?"
        ),
        _c("Hi. I am looking at the hybrid SUV, but honestly the price seems too high.", "price"),
        _s("I understand. What monthly payment would work for your budget?"),
        _c("Something around four hundred dollars a month, with my trade-in.", "monthly_payment"),
        _s("That is doable. Would you like to take it for a test drive first?"),
        _c("Yes, I would love to drive it today.", "test_drive"),
    ],
    "tests_coaching": [
        _s(
            "Welcome in. I look after our hybrid models. I can show you the whole range, the "
            "trims, the colours and the warranty, and everything we have in stock."
        ),
        _s(
            "We also have service plans, extended coverage and accessories for every model, "
            "and our service department is open on Saturdays."
        ),
        _c("Honestly, the price is way too high for this car.", "price"),
        _s("I hear you. What monthly budget would work for you?"),
        _c("Still, that price is too expensive for me.", "price"),
        _s("Let me see what I can do on that."),
        _c("Can I take it for a test drive today?", "test_drive"),
        _s("Of course, let me get the keys and we can drive it now."),
    ],
    "dialogue01": [
        _s("Hello, thanks for stopping by. Have you had a chance to look around?"),
        _c("We have. The minivan is nice but we were quoted a lot less across town.", "competitor"),
        _s("I'd be glad to look at that quote with you."),
        _c("And we would need it before the baby comes in March.", "timing"),
        _s("We have two in stock right now."),
        _c("Okay. Could we drive one around the block?", "test_drive"),
    ],
    "dialogue02": [
        _s("Hi, I'm Sam. Are you here about the pickup we talked about on the phone?"),
        _c("That's right. I still owe money on my current truck, is that a problem?", "trade_in"),
        _s("Not at all, we handle payoffs every day."),
        _c("My credit took a hit last year, so I'm not sure a bank will approve me.", "financing"),
        _s("We work with lenders for every situation."),
        _c("Alright. What would I have to do to sign today?", "what_would_it_take"),
    ],
    "dialogue03": [
        _s("Good afternoon. What can I show you today?"),
        _c(
            "Just browsing. Honestly I need to sleep on it before I decide anything.",
            "think_it_over",
        ),
        _s("Of course. Can I give you a brochure?"),
        _c(
            "Sure. Is the blue one actually on the lot, or would you have to order it?",
            "availability",
        ),
        _s("It's parked right outside."),
        _c("Then can I take it out for a spin?", "test_drive"),
    ],
    "dialogue04": [
        _s("Welcome back. Did you think about the sedan?"),
        _c("We did, and the sticker price is more than we want to spend.", "price"),
        _s("I understand. Let's look at the numbers together."),
        _c("Five hundred a month is just too much for us.", "monthly_payment"),
        _s("We could stretch the term a little."),
        _c("If you can get it under four fifty, we'll take it home tonight.", "what_would_it_take"),
    ],
    "dialogue05": [
        _s("Hi there. Looking for anything in particular?"),
        _c("Something with three rows. We have four kids and a big dog.", "vehicle_fit"),
        _s("The Highlander might be a good fit."),
        _c("How much would the monthly payment be on that one?", "payment_question"),
        _s("It depends on the down payment and the term."),
        _c("I've read that dealers hide fees in the paperwork. Will you?", "trust"),
    ],
    "dialogue06": [
        _s("Morning. I'm Sam. How can I help?"),
        _c("I saw this exact model online for two grand less at another dealer.", "competitor"),
        _s("Let me see if we can match that."),
        _c("Also, when could I actually pick it up?", "delivery"),
        _s("We could have it ready by Friday."),
        _c("That works. Let's go for a test drive first.", "test_drive"),
    ],
    "dialogue07": [
        _s("Hi, welcome in. Are you shopping for yourself?"),
        _c("For my daughter. She just got her licence.", voice=OTHER),
        _s("Congratulations. Safety is probably important then."),
        _c("It is. But this is a lot more than we budgeted for.", "price"),
        _s("We have some certified used options too."),
        _c("What kind of interest rate could we get on financing?", "financing"),
        _s("Let me check what the banks are offering this week."),
    ],
    "dialogue08": [
        _s("Thanks for coming in today. What are you driving now?"),
        _c("An old Civic. What would you give me for it?", "trade_in"),
        _s("Our appraiser can take a look in ten minutes."),
        _c("The online estimate said six thousand, and I won't take less.", "trade_in"),
        _s("We'll see what the appraisal says."),
        _c("Fine. Do you have the hatchback in red?", "availability"),
    ],
    "dialogue09": [
        _s("Hello. Is this your first time at our dealership?"),
        _c("Yes. My husband and I want to talk it over at home first.", "think_it_over"),
        _s("That makes sense. Can I answer any questions before you go?"),
        _c("Will it fit in a small garage? Ours is really narrow.", "vehicle_fit"),
        _s("It's one of the narrowest in its class."),
        _c("Good. What's the payment if we put three thousand down?", "payment_question"),
    ],
    "dialogue10": [
        _s("Hi, I'm Sam. Can I help you find something?"),
        _c("I'm not in a hurry. Maybe in a few months when my lease ends.", "timing"),
        _s("We can plan ahead for that."),
        _c("Honestly, the last salesman here lied to me about the warranty.", "trust"),
        _s("I'm sorry to hear that. Let me show you the warranty in writing."),
        _c("Okay. If the numbers work, I could sign the papers today.", "what_would_it_take"),
    ],
    "dialogue11": [
        _s("Good evening. We close in an hour, but take your time."),
        _c(
            "Thanks. Is the electric model available now or is there a waiting list?",
            "availability",
        ),
        _s("We have one demo car and two on the way."),
        _c("That's way out of my price range though.", "price"),
        _s("There are tax credits that help a lot."),
        _c("Hmm. I'd need to think about it.", "think_it_over"),
    ],
    "dialogue12": [
        _s("Welcome. Are you interested in the truck out front?"),
        _c("I am. Can I drive it with a trailer hitched to it?", "test_drive"),
        _s("We can arrange that on Saturday."),
        _c("And how long until it could be delivered to my farm?", "delivery"),
        _s("Usually about a week."),
        _c("My brother got a better deal at the Ford place down the road.", "competitor"),
    ],
}


# Held out for the third pass of issue 18: written and committed before any of its
# measurements, in wording none of the dialogues above uses. Run once, by the lead, at the end.
HELDOUT5: dict[str, list[Line]] = {
    "heldout5_01": [
        _s("Hey there, welcome. I'm Sam. Anything catch your eye on the way in?"),
        _c("The silver wagon did, but that number on the windshield made me wince.", "price"),
        _s("Fair enough. Tell me a little about how you'd use it."),
        _c("Weekend camping mostly. Does the roof rack hold two kayaks?", "vehicle_fit"),
        _s("It's rated for that, yes."),
        _c("Great. I'd like to get behind the wheel before we talk more.", "test_drive"),
    ],
    "heldout5_02": [
        _s("Good morning. Were you the one who called about the compact crossover?"),
        _c("Yes. The shop on Fifth Street is asking far less for the same trim.", "competitor"),
        _s("Let's compare what is included in each."),
        _c("Sure. And what if the bank turns down my loan application?", "financing"),
        _s("We have several lenders who can help."),
        _c("Okay. Give me a figure and I'll put down a deposit right now.", "what_would_it_take"),
    ],
    "heldout5_03": [
        _s("Hi, come on in out of the rain. What are you driving these days?"),
        _c("A twelve year old station wagon. How much is it worth to you?", "trade_in"),
        _s("We can have it appraised in a few minutes."),
        _c("Seven hundred dollars a month won't fit in our budget.", "monthly_payment"),
        _s("We can look at a longer term."),
        _c("Let me go home and run the numbers with my wife first.", "think_it_over"),
    ],
    "heldout5_04": [
        _s("Welcome. Is there a particular model you came to see?"),
        _c("The green coupe. Do you actually have one here I could look at?", "availability"),
        _s("There's one in the back lot."),
        _c("How soon could I have it in my driveway?", "delivery"),
        _s("Probably by the middle of next week."),
        _c("To be honest, I've been burned by a dealer before.", "trust"),
    ],
    "heldout5_05": [
        _s("Afternoon. Take a look around, and let me know if you have questions."),
        _c("We're early in the search. Probably nothing until next summer.", "timing"),
        _s("No rush at all. Here's my card."),
        _c("What would the monthly cost be with five years of financing?", "payment_question"),
        _s("I can print a few options for you."),
        _c("Would it be alright if we took it out on the highway?", "test_drive"),
    ],
    "heldout5_06": [
        _s("Hello, I'm Sam. Is this your first electric car?"),
        _c("It is. Could a tall guy like me fit comfortably in the back seat?", "vehicle_fit"),
        _s("There's plenty of headroom, you can try it."),
        _c("Frankly, that's a lot of money for a car this small.", "price"),
        _s("It does come with a longer battery warranty."),
        _c("Can you beat the offer I got from the dealer in the next town?", "competitor"),
    ],
    "heldout5_07": [
        _s("Thanks for waiting. Sorry, it's been a busy Saturday."),
        _c("No problem. My son needs something reliable for college.", voice=OTHER),
        _s("We have a few good ones for new drivers."),
        _c("I don't think a lender would approve someone with no credit history.", "financing"),
        _s("There are first time buyer programs."),
        _c("Is the white one still for sale, or has someone bought it?", "availability"),
        _s("It's still here. Let me show you."),
    ],
    "heldout5_08": [
        _s("Good evening. Did you get a chance to read the offer I sent?"),
        _c("I did. I want more for my van than what you wrote down.", "trade_in"),
        _s("I'll ask my manager about that."),
        _c("How do I know there are no hidden charges in the contract?", "trust"),
        _s("I'll go over every line with you."),
        _c("If you match my price, I'll sign the paperwork tonight.", "what_would_it_take"),
    ],
}


def split_of(name: str) -> Literal["tune", "heldout", "heldout5"]:
    """`heldout5`, `tune` or `heldout`: the third pass's set, else by sha256(name).

    `tune` when the first 8 hex digits of sha256(name) are even, else `heldout`.
    """
    if name in HELDOUT5:
        return "heldout5"
    digits = hashlib.sha256(name.encode()).hexdigest()[:8]
    return "tune" if int(digits, 16) % 2 == 0 else "heldout"


def names(split: Split) -> list[str]:
    """The dialogues of a split, in order (`all`: every development dialogue, not `heldout5`)."""
    if split == "heldout5":
        return list(HELDOUT5)
    return [n for n in DIALOGUES if split == "all" or split_of(n) == split]


def write(name: str, directory: Path) -> tuple[Path, Path]:
    """Synthesize dialogue `name` into `directory`: its WAV and its reference TSV."""
    lines = DIALOGUES[name] if name in DIALOGUES else HELDOUT5[name]
    wav, tsv = directory / f"{name}.wav", directory / f"{name}.tsv"
    timeline = make_dialogue([(line.voice, line.text) for line in lines], wav, gap_s=0.7)
    rows = [
        f"{t.start:.3f}\t{t.end:.3f}\t{line.role}\t{','.join(line.labels) or '-'}\t{line.text}"
        for t, line in zip(timeline, lines, strict=True)
    ]
    tsv.write_text("\n".join(rows) + "\n")
    return wav, tsv


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--split", choices=("tune", "heldout", "all", "heldout5"), default="all")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for name in names(args.split):
        wav, tsv = write(name, args.out)
        print(f"{split_of(name):8} {wav} {tsv}")


if __name__ == "__main__":
    main()
