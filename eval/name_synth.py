"""Synthetic training lines for the name scorer: names put into real showroom talk.

The retired redaction files hold ~300 names, and every blind split brought names said in ways
none of them showed ("oye yoandri", "somebody called Giorgos", "Emeka's date of birth").
These lines give the token model many more contexts, none written with a test line in view:

- carriers: the lines of the retired understanding files (real showroom talk, almost free
  of names; a line where the cue rules find a name is left out);
- names: the first names and surnames of faker's person providers of every locale written
  in Latin letters (many more countries than `world_names.LOCALES`, so most names are in no
  list the features look at, as on a blind split), and no word of showroom talk;
- frames: how a name joins a line in either language, by position and by the kind of word
  around it (vocative at either end, a verb of saying after it, a preposition of company or a
  hand-over before it, a possessive), not sentences of any eval file;
- negatives: every carrier line as it is, so capitalised words that open a sentence ("Mark my
  words", "Summer's the best time") are seen as words;
- case: each version also as an ASR without capitals or punctuation writes it.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import random
import re
from pathlib import Path

import faker.providers.person

DATA = Path(__file__).parent / "data"
_LATIN = re.compile(r"[a-zà-öø-ÿ'-]{3,}")

#: How a name joins a line: {n} the name, {l} the line (first letter lower case, no closing
#: stop), {L} the line as written.
FRAMES_EN = (
    "{n}, {l}.",
    "{l}, {n}.",
    "Hey {n}, {l}.",
    "{n} said {l}.",
    "{n} told me {l}.",
    "I talked to {n} and {l}.",
    "{n} and I think {l}.",
    "My buddy {n} says {l}.",
    "{L} I'll ask {n}.",
    "{L} Let me check with {n}.",
    "{n}'s been saying {l}.",
    "{L} {n} thinks so too.",
    "Somebody called {n} told me {l}.",
    "{L} That's what {n} said.",
    "So {n} and me, {l}.",
    "{L} You can reach {n} tomorrow.",
)
FRAMES_ES = (
    "{n}, {l}.",
    "{l}, {n}.",
    "Oye {n}, {l}.",
    "{n} me dijo que {l}.",
    "Hablé con {n} y {l}.",
    "{n} y yo pensamos que {l}.",
    "{L} Le voy a preguntar a {n}.",
    "{L} Eso dice {n}.",
    "Mi compadre {n} dice que {l}.",
    "{L} Mañana viene {n}.",
    "Ahorita {n} me comentó que {l}.",
    "{L} Déjeme consultarlo con {n}.",
)
UNDERSTAND_EN = (
    "understand.jsonl",
    "understand_val.jsonl",
    "understand_test.jsonl",
    "understand_test2.jsonl",
    "understand_test3.jsonl",
    "understand_test4.jsonl",
    "understand_weak.jsonl",
)
UNDERSTAND_ES = (
    "understand_es.jsonl",
    "understand_es_test.jsonl",
    "understand_es_test2.jsonl",
    "understand_es_test3.jsonl",
    "understand_es_weak.jsonl",
)

Spans = list[dict[str, object]]


def name_pool(showroom: frozenset[str]) -> tuple[list[str], list[str]]:
    """First names and surnames of every Latin-script faker locale, as written, no words."""
    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(faker.providers.person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attribute, into in (
            ("first_names", first),
            ("first_names_male", first),
            ("first_names_female", first),
            ("last_names", last),
        ):
            values = getattr(provider, attribute, ())
            if not isinstance(values, (dict, list, tuple)):
                continue  # a property of the provider, not a list
            for value in values.keys() if isinstance(values, dict) else values:
                word = str(value)
                if " " in word or not _LATIN.fullmatch(word.lower()):
                    continue
                if word.lower() not in showroom and word[0].isupper():
                    into.add(word)
    return sorted(first), sorted(last)


def carriers(files: tuple[str, ...]) -> list[str]:
    """The text of the lines of `files`."""
    texts = []
    for name in files:
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(str(json.loads(line)["text"]))
    return texts


def _name(first: list[str], last: list[str], rng: random.Random) -> str:
    given = rng.choice(first)
    return given if rng.random() < 0.6 else f"{given} {rng.choice(last)}"


def framed(line: str, frame: str, name: str) -> tuple[str, Spans]:
    """The line put into a frame with a name; the name's span."""
    body = line.strip().rstrip(".!?")
    lower = body[:1].lower() + body[1:] if body[1:2].islower() or len(body) < 2 else body
    whole = line.strip() if line.strip()[-1:] in ".!?" else line.strip() + "."
    text = frame.replace("{l}", lower).replace("{L}", whole)
    start = text.index("{n}")
    text = text.replace("{n}", name, 1)
    return text, [{"start": start, "end": start + len(name), "kind": "name"}]


def lines(
    carriers_en: list[str],
    carriers_es: list[str],
    first: list[str],
    last: list[str],
    per_frame: int,
    seed: int = 14,
) -> list[tuple[str, Spans]]:
    """Labelled synthetic lines: framed names (`per_frame` per frame) and plain carriers."""
    rng = random.Random(seed)
    out: list[tuple[str, Spans]] = [(text, []) for text in carriers_en + carriers_es]
    for frames, pool in ((FRAMES_EN, carriers_en), (FRAMES_ES, carriers_es)):
        for frame in frames:
            for _ in range(per_frame):
                line = rng.choice(pool)
                if len(line) > 160:
                    continue
                out.append(framed(line, frame, _name(first, last, rng)))
    return out
