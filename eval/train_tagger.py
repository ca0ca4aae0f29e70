"""Train the redaction tagger (`edge/privacy/tagger.py`) and choose its settings by author.

    .venv/bin/python -m eval.train_tagger            # rebuild edge/privacy/data/tagger.crfsuite
    .venv/bin/python -m eval.train_tagger --cv       # leave-one-author-out over the dev groups
    .venv/bin/python -m eval.train_tagger --estimate # test8-10 against the rules of their day

Authors are file groups: the in-house files (`redaction`, `_dev2`, `_es`, `_test`, `_es_test`)
are one, each `testN` pair (English and Spanish) is one, and each Spanish training file
(`_es_traina`, `_es_trainb`: fresh authors asked for training data) is one; every retired group
(in-house, test2..test26, traina, trainb) is read, no other. `--cv` holds out each of
test2..test26, traina and trainb in turn, trains on the other groups (in-house included, never
scored: its rules are in-sample) and scores the held-out lines with the rules of the commit of
that author's blind run (for traina/trainb those of a922696, main before they came, written
without them; a detached worktree in the temporary directory, its `Redactor()` run by
PYTHONPATH) joined with the fold's tagger as the `Redactor` joins them (`tagged.join`, its
vetoes included), for each threshold of `THRESHOLDS` (`--grid`: and each configuration of
`GRID`): removed (kind-blind) and over-redaction per language, pooled over the folds. Per
language it prints the threshold chosen (the lowest whose pooled over-redaction is at most the
rules' own + `OVER_MARGIN` points and at most `OVER_CAP` per cent) and each author's figures at
every threshold; with `--grid`, the configuration chosen (`choose`). `--jobs N` trains N folds
at once. `--in-sample` scores this tree's rules, alone and with the shipped tagger, on every
file (in-sample figures). `--estimate` is round 11's once-only estimate on test8-10.

Training is deterministic (L-BFGS from zero weights, lines in file order), so the default run
rebuilds the shipped model file byte for byte.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pycrfsuite

from edge.privacy import tagged
from edge.privacy.names import NameFinder
from edge.privacy.scorer import Lexicon, lexicon
from edge.privacy.spans import Span, merge
from edge.privacy.tagger import CUES, MODEL, Token, features, labels, spans_at, tokens

DATA = Path(__file__).parent / "data"
OUT = Path(__file__).parent.parent / "edge" / "privacy" / "data" / MODEL
IN_HOUSE = ("redaction", "redaction_dev2", "redaction_es", "redaction_test", "redaction_es_test")
#: Every retired author (round 18: test2..test26, traina, trainb); a file of any other group is
#: never read.
DEV_GROUPS = ("in-house", *(f"test{n}" for n in range(2, 27)), "traina", "trainb")
#: The commit of the rules on which each author's files were first run blind
#: (eval/data/README.md). test11 and test12 were run on 4b2bc73 and 789ab7b, whose rules are
#: those of f3ca9ea (only the tagger and its join were added after it). test13 was run on
#: 35dd56e (round 12's merge), scored here by its rules alone (`Redactor(tagger=False)`);
#: test14 and test15 on 2c7c219 (round 13's merge), likewise; test16 and test17 on 088928d (round
#: 14's merge); test18-20 on 358ac74 (round 15's merge), test21-23 on 24df2d0 (round 16's) and
#: test24-26 on cf75377 (round 17's merge with its blind files). traina and trainb were never
#: run blind (training files from the start): they are scored against the rules of a922696,
#: main when they came, written without them.
BLIND_DEV = {
    "test2": "51e0c54",
    "test3": "82e8df3",
    "test4": "b1a20cc",
    "test5": "b94c3cd",
    "test6": "7858222",
    "test7": "7d61ff3",
    "test8": "150aee6",
    "test9": "a656d3b",
    "test10": "f3ca9ea",
    "test11": "f3ca9ea",
    "test12": "f3ca9ea",
    "test13": "35dd56e",
    "test14": "2c7c219",
    "test15": "2c7c219",
    "test16": "088928d",
    "test17": "088928d",
    "test18": "358ac74",
    "test19": "358ac74",
    "test20": "358ac74",
    "test21": "24df2d0",
    "test22": "24df2d0",
    "test23": "24df2d0",
    "test24": "cf75377",
    "test25": "cf75377",
    "test26": "cf75377",
    "traina": "a922696",
    "trainb": "a922696",
}
#: The once-only estimate of round 11 (test8-10 were blind to the tagger then).
BLIND = {"test8": "150aee6", "test9": "a656d3b", "test10": "f3ca9ea"}


@dataclass(frozen=True)
class Config:
    """One trainable configuration: label scheme, L1/L2 regularisation, feature set.

    `cues`: the context features of `tagger_cues` (`tagger.CUES`).
    """

    blind: bool
    c1: float
    c2: float
    window: int = 2
    iterations: int = 200
    cues: bool = False


#: The configuration of the shipped model (chosen by `--cv`); its `cues` is `tagger.CUES`.
SHIPPED = Config(blind=True, c1=0.1, c2=0.2, cues=CUES)
#: Round 14's configuration: the reference of `choose`.
REFERENCE = Config(blind=True, c1=0.1, c2=0.05)
#: The configurations `--cv --grid` compares (round 15: the context features, regularisation,
#: labels by kind). Rounds 12-14 compared labels, c1/c2 and window 1 without them.
GRID = (
    REFERENCE,
    Config(True, 0.1, 0.05, cues=True),
    Config(True, 0.05, 0.01, cues=True),
    Config(True, 0.3, 0.05, cues=True),
    Config(True, 0.1, 0.2, cues=True),
    Config(False, 0.1, 0.05, cues=True),
)
#: `--cv` chooses, per language, the lowest threshold whose pooled over-redaction of rules +
#: tagger is at most the rules' own + this many points (fixed before round 12's CV ran) and
#: at most `OVER_CAP` per cent (the merger's cap of round 12, added before test13 ran); kept
#: for round 15, committed before any CV figure of round 15 was read; kept for round 17 (with
#: test18-23), committed before any CV figure of round 17 was read; kept for round 18 (with
#: test24-26), committed before any CV figure of round 18 was read. Round 17's rule beyond it,
#: kept for round 18 (docs/benchmarks.md): a language with no threshold chosen keeps its shipped
#: one; then, if a unit test of tests/edge/privacy fails, each language whose line fails is
#: raised to the lowest threshold of `THRESHOLDS` at or above its choice at which every test
#: passes.
OVER_MARGIN = 0.3
OVER_CAP = 0.95
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.88, 0.9, 0.93, 0.95, 0.97, 0.98, 0.99)
#: `choose` keeps a configuration only if its pooled English removal at its English threshold
#: is at least `REFERENCE`'s less this much (a fraction of the English details).
ENGLISH_SLACK = 0.002


@dataclass
class Line:
    """A labelled line, its file's group and language, and its tokens and features."""

    text: str
    spans: list[tuple[int, int, str]]
    group: str
    spanish: bool
    toks: list[Token]
    #: The features of each token, by the neighbour window and `cues` they were made with.
    feats: dict[tuple[int, bool], list[list[str]]]


def group_of(stem: str) -> str:
    """The author group of a redaction file's stem."""
    if stem in IN_HOUSE:
        return "in-house"
    return stem.removeprefix("redaction_").removeprefix("es_")


def files() -> list[Path]:
    """Every retired redaction file (of a group of `DEV_GROUPS`), sorted by name.

    A file of any other group (a blind one written later) is never read.
    """
    return sorted(p for p in DATA.glob("redaction*.jsonl") if group_of(p.stem) in DEV_GROUPS)


def load(lex: Lexicon, configs: Sequence[Config] = (SHIPPED,)) -> list[Line]:
    """Every line of every retired redaction file, its tokens and the features of `configs`."""
    variants = sorted({(c.window, c.cues) for c in configs})
    out = []
    for path in files():
        for raw in path.read_text(encoding="utf-8").splitlines():
            if not raw.strip():
                continue
            item = json.loads(raw)
            text = str(item["text"])
            toks = tokens(text)
            spans = [(int(s["start"]), int(s["end"]), str(s["kind"])) for s in item["spans"]]
            group = group_of(path.stem)
            feats = {(w, c): features(toks, lex, w, c) for w, c in variants}
            out.append(Line(text, spans, group, "_es" in path.stem, toks, feats))
    return out


def train(lines: Iterable[Line], config: Config, path: Path) -> None:
    """Train a CRF on `lines` and write it to `path`."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for line in lines:
        if line.toks:
            trainer.append(
                line.feats[config.window, config.cues],
                labels(line.toks, line.spans, config.blind),
            )
    trainer.set_params(
        {
            "c1": config.c1,
            "c2": config.c2,
            "max_iterations": config.iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(path))


def marginals(model: Path, lines: Sequence[Line], config: Config) -> list[list[dict[str, float]]]:
    """Each line's per-token marginals under `model` (trained with `config`'s features)."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    names = tagger.labels()
    out: list[list[dict[str, float]]] = []
    for line in lines:
        if not line.toks:
            out.append([])
            continue
        tagger.set(line.feats[config.window, config.cues])
        out.append([{n: tagger.marginal(n, i) for n in names} for i in range(len(line.toks))])
    tagger.close()
    return out


@dataclass
class Score:
    """Kind-blind removal and over-redaction counts of one language."""

    expected: int = 0
    removed: int = 0
    words: int = 0
    over: int = 0

    def add(self, line: Line, spans: list[Span]) -> None:
        """Count one line under `spans`."""
        covered = {i for s in spans for i in range(s.start, s.end)}
        for start, end, _ in line.spans:
            self.expected += 1
            self.removed += all(i in covered for i in range(start, end))
        if not line.spans:
            at = 0
            for word in line.text.split():
                begin = line.text.index(word, at)
                at = begin + len(word)
                self.words += 1
                self.over += any(i in covered for i in range(begin, at))

    def text(self) -> str:
        """`removed r/e = x; over o/w = y%`."""
        rem = self.removed / self.expected if self.expected else 0.0
        over = 100 * self.over / self.words if self.words else 0.0
        return (
            f"removed {self.removed}/{self.expected} = {rem:.3f}; "
            f"over {self.over}/{self.words} = {over:.2f}%"
        )


def rule_spans(lines: Sequence[Line], tree: Path | None = None) -> list[list[Span]]:
    """The rules' spans of every line: this tree's `Redactor()`, or that of another tree."""
    if tree is None:
        from edge.privacy.redact import Redactor

        redactor = Redactor()
        return [redactor.spans(line.text) for line in lines]
    with tempfile.TemporaryDirectory() as tmp:
        texts = Path(tmp) / "texts.json"
        texts.write_text(json.dumps([line.text for line in lines]), encoding="utf-8")
        # the rules alone: a tree with the tagger (35dd56e on) is asked for them without it
        code = (
            "import json,sys\nfrom edge.privacy.redact import Redactor\n"
            "try:\n    r = Redactor(tagger=False)\nexcept TypeError:\n    r = Redactor()\n"
            "texts = json.load(open(sys.argv[1], encoding='utf-8'))\n"
            "print(json.dumps([[(s.start, s.end, s.kind.value) for s in r.spans(t)] "
            "for t in texts]))\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code, str(texts)],
            cwd=tree,
            env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    from edge.privacy.spans import Kind

    return [[Span(a, b, Kind(k)) for a, b, k in row] for row in json.loads(out)]


def tree_at(commit: str) -> Path:
    """A detached worktree of `commit` in the temporary directory, rules-COMMIT (made once)."""
    tree = Path(tempfile.gettempdir()) / f"rules-{commit}"
    if not tree.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), commit], check=True)
    return tree


def blind_time_rules(lines: list[Line]) -> list[list[Span]]:
    """Each author's line's spans under the rules of its blind run; the in-house ones: HEAD's."""
    out: list[list[Span]] = rule_spans(lines)
    for commit in sorted(set(BLIND_DEV.values())):
        at = [i for i, line in enumerate(lines) if BLIND_DEV.get(line.group) == commit]
        for i, spans in zip(at, rule_spans([lines[i] for i in at], tree_at(commit)), strict=True):
            out[i] = spans
    return out


@dataclass(frozen=True)
class Outcome:
    """One configuration's CV result: per language the chosen threshold and its pooled score."""

    config: Config
    chosen: dict[bool, float | None]
    score: dict[bool, Score]


def choose(outcomes: Sequence[Outcome]) -> Outcome | None:
    """The configuration `--cv --grid` keeps (round 15's rule, committed before its CV ran).

    Among the configurations with a threshold chosen in both languages whose pooled English
    removal at the English threshold is at least `REFERENCE`'s less `ENGLISH_SLACK`: the one
    that removes the most Spanish details at its Spanish threshold; ties: the most English
    details, then the earlier in `GRID`. None if none qualifies (or `REFERENCE` has no English
    threshold).
    """
    ref = next((o for o in outcomes if o.config == REFERENCE), None)
    if ref is None or ref.chosen[False] is None:
        return None
    floor = ref.score[False].removed / ref.score[False].expected - ENGLISH_SLACK
    ok = [
        o
        for o in outcomes
        if o.chosen[False] is not None
        and o.chosen[True] is not None
        and o.score[False].removed / o.score[False].expected >= floor
    ]
    if not ok:
        return None
    return max(
        ok, key=lambda o: (o.score[True].removed, o.score[False].removed, -outcomes.index(o))
    )


#: The lines of `cross_validate`, for the folds trained in worker processes (fork).
_LINES: list[Line] = []


def _fold(job: tuple[Config, str, list[int], list[int], str]) -> list[list[dict[str, float]]]:
    """Train on the lines `train_at` of `_LINES` and give the marginals of `test_at`."""
    config, _, train_at, test_at, tmp = job
    model = Path(tmp) / f"fold-{job[1]}.crfsuite"
    train((_LINES[i] for i in train_at), config, model)
    return marginals(model, [_LINES[i] for i in test_at], config)


def cross_validate(
    lines: list[Line],
    rules: list[list[Span]],
    lex: Lexicon,
    grid: Sequence[Config] = (SHIPPED,),
    jobs: int = 1,
) -> Outcome | None:
    """Leave-one-author-out over the development groups; print pooled figures per config.

    Scored on test2..test26, traina and trainb (the in-house group trains but, its rules being
    in-sample, is not scored), each against the rules of its blind run (traina/trainb: of
    a922696), the tagger's spans joined to them as the `Redactor` joins them (`tagged.join`,
    with its vetoes). Per language, the threshold chosen is the lowest whose pooled
    over-redaction is at most the rules' own + `OVER_MARGIN` points and at most `OVER_CAP` per
    cent. Returns the configuration `choose` keeps (with one config: that one, if it has both
    thresholds).
    """
    global _LINES
    _LINES = lines
    first_name = lex.first_name
    dev = [i for i, line in enumerate(lines) if line.group in DEV_GROUPS]
    scored = [i for i in dev if lines[i].group in BLIND_DEV]
    base = {False: Score(), True: Score()}
    for i in scored:
        base[lines[i].spanish].add(lines[i], rules[i])
    print(f"rules alone: en {base[False].text()} | es {base[True].text()}", flush=True)
    outcomes: list[Outcome] = []
    with (
        tempfile.TemporaryDirectory() as tmp,
        multiprocessing.get_context("fork").Pool(jobs) as pool,
    ):
        for config in grid:
            folds = [
                (
                    config,
                    held,
                    [i for i in dev if lines[i].group != held],
                    [i for i in scored if lines[i].group == held],
                    tmp,
                )
                for held in BLIND_DEV
            ]
            probs: dict[int, list[dict[str, float]]] = {}
            for job, got_probs in zip(folds, pool.map(_fold, folds, chunksize=1), strict=True):
                for i, p in zip(job[3], got_probs, strict=True):
                    probs[i] = p
            over: dict[tuple[bool, float], int] = {}
            scores: dict[tuple[bool, float], Score] = {}
            for threshold in THRESHOLDS:
                got = {False: Score(), True: Score()}
                for i in scored:
                    line = lines[i]
                    found = spans_at(line.toks, probs[i], threshold)
                    got[line.spanish].add(line, tagged.join(line.text, rules[i], found, first_name))
                for lang in (False, True):
                    over[lang, threshold] = got[lang].over
                    scores[lang, threshold] = got[lang]
                print(
                    f"{config} t={threshold}: en {got[False].text()} | es {got[True].text()}",
                    flush=True,
                )
            chosen: dict[bool, float | None] = {}
            for lang in (False, True):
                allowed = min(
                    base[lang].over + OVER_MARGIN / 100 * base[lang].words,
                    OVER_CAP / 100 * base[lang].words,
                )
                ok = [t for t in THRESHOLDS if over[lang, t] <= allowed]
                chosen[lang] = min(ok) if ok else None
                print(f"{config} chosen {'es' if lang else 'en'}: {chosen[lang]}", flush=True)
            picked = {
                lang: scores[lang, t] if (t := chosen[lang]) is not None else Score()
                for lang in (False, True)
            }
            outcomes.append(Outcome(config, chosen, picked))
            _per_author(lines, scored, rules, probs, first_name)
    if len(outcomes) == 1:
        only = outcomes[0]
        return only if None not in only.chosen.values() else None
    kept = choose(outcomes)
    print(f"configuration chosen: {kept.config if kept else None}", flush=True)
    return kept


def _per_author(
    lines: list[Line],
    scored: list[int],
    rules: list[list[Span]],
    probs: dict[int, list[dict[str, float]]],
    first_name: Callable[[str], bool],
) -> None:
    """Print each held-out author's figures, rules alone and joined, at every threshold.

    Round 17: at every threshold, not only the chosen one, so that a threshold a fallback ships
    has its per-author figures in the same run.
    """
    for held in BLIND_DEV:
        for lang in (False, True):
            at = [i for i in scored if lines[i].group == held and lines[i].spanish == lang]
            if not at:
                continue
            for pick in THRESHOLDS:
                rule, union = Score(), Score()
                for i in at:
                    found = spans_at(lines[i].toks, probs[i], pick)
                    rule.add(lines[i], rules[i])
                    union.add(lines[i], tagged.join(lines[i].text, rules[i], found, first_name))
                print(
                    f"{held}@{BLIND_DEV[held]} {'es' if lang else 'en'} t={pick}: "
                    f"rules {rule.text()} | rules+tagger {union.text()}",
                    flush=True,
                )


def estimate(lines: list[Line], config: Config, threshold: float) -> None:
    """Test8-10 once: rules of their day alone and unioned with the tagger (all but test N).

    Round 11's estimate, kept to reproduce it (one threshold, a plain union, no join).
    """
    pooled = {(lang, what): Score() for lang in (False, True) for what in ("rules", "union")}
    with tempfile.TemporaryDirectory() as tmp:
        for group, commit in BLIND.items():
            held = [line for line in lines if line.group == group]
            old = rule_spans(held, tree_at(commit))
            model = Path(tmp) / "fold.crfsuite"
            train((line for line in lines if line.group != group), config, model)
            probs = marginals(model, held, config)
            score = {(lang, what): Score() for lang in (False, True) for what in ("rules", "union")}
            for line, rule, prob in zip(held, old, probs, strict=True):
                union = merge([*rule, *spans_at(line.toks, prob, threshold)])
                for what, spans in (("rules", rule), ("union", union)):
                    score[line.spanish, what].add(line, spans)
                    pooled[line.spanish, what].add(line, spans)
            for (lang, what), s in score.items():
                print(f"{group}@{commit} {'es' if lang else 'en'} {what:5}: {s.text()}")
    for (lang, what), s in pooled.items():
        print(f"pooled test8-10 {'es' if lang else 'en'} {what:5}: {s.text()}")


def in_sample(lines: list[Line]) -> None:
    """HEAD rules and the shipped tagger (its default thresholds) on every file: IN-SAMPLE."""
    from edge.privacy.redact import Redactor

    rules, both = Redactor(tagger=False), Redactor(tagger=True)
    for group in DEV_GROUPS:
        score = {(lang, what): Score() for lang in (False, True) for what in ("rules", "union")}
        for line in lines:
            if line.group == group:
                score[line.spanish, "rules"].add(line, rules.spans(line.text))
                score[line.spanish, "union"].add(line, both.spans(line.text))
        for (lang, what), s in score.items():
            print(f"IN-SAMPLE {group} {'es' if lang else 'en'} {what:5}: {s.text()}")


def main() -> None:
    """Train the shipped model, or run the cross-validation or the estimate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--grid", action="store_true", help="with --cv: every config of GRID")
    parser.add_argument("--jobs", type=int, default=1, help="with --cv: folds trained at once")
    parser.add_argument("--estimate", action="store_true")
    parser.add_argument("--in-sample", action="store_true")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    finder = NameFinder()
    lex = lexicon(finder.first, finder.common_first, finder.last)
    grid = GRID if args.grid else (SHIPPED,)
    lines = load(lex, grid)
    if args.cv:
        cross_validate(lines, blind_time_rules(lines), lex, grid, args.jobs)
    elif args.estimate:
        estimate(lines, SHIPPED, 0.95)
    elif args.in_sample:
        in_sample(lines)
    else:
        train(lines, SHIPPED, args.out)
        print(f"{args.out}: {args.out.stat().st_size} bytes from {len(lines)} lines")


if __name__ == "__main__":
    main()
