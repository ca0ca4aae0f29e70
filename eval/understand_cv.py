"""Choose the objection/signal classifiers by cross-validation on the retired data (issue 18).

    .venv/bin/python -m eval.understand_cv --language en|es [--cache FILE] [--write]

Data: every line of the retired files (`FILES`: the English and Spanish dev, val, test and
test2 files, all read before; eval/data/README.md). No `*test3*` file is ever opened here.
The English example phrases (`edge/understand/examples.yaml`) are extra training lines for
the candidates that say so; they are never scored.

Each candidate is a model family (`emb`: logistic units on the MiniLM sentence embedding,
`ngram`: logistic units on character n-gram TF-IDF, `emb+ngram`: their mean probability),
a regularisation `C` per family, a global probability threshold (no class over it is `other`),
and a way to use the keyword rules (`none`; `logit+B`: a matching rule adds B to its class's
log-odds; `union`: the rules' classes are added; `rules-first`: the rules' classes when any
rule matches, else the model's). A text is read whole and sentence by sentence
(`split_pieces`, as the hub reads it); a class counts when any piece gives it.

Two estimates, both pooled over the folds (out-of-fold predictions of every line, then
per-class F1, macro over the 14 ids):
- `hash`: K folds by a hash of the text (`K` = 5). It CHOOSES the shipped candidate.
- `file`: leave one file (one author's batch) out; reported for the chosen candidate, and as
  a nested estimate where the candidate is re-chosen by hash CV on the other files only before
  scoring the left-out file (nothing of that file plays a part in its choice).

`--write` trains the chosen candidate on every line and writes its artefact into the package
(`edge/understand/head.npz` for English, `head_es.npz` for Spanish) and prints the settings.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer  # type: ignore[import-untyped]
from sklearn.linear_model import LogisticRegression  # type: ignore[import-untyped]

from edge.settings import load_settings
from edge.understand import rules
from edge.understand.classify import OTHER, load_examples, split_pieces
from edge.understand.embedder import SentenceEmbedder
from edge.understand.head import HEAD_FILE, LinearHead
from edge.understand.models import load_embedder
from edge.understand.ngrams import NGRAM_HEAD_FILE, NgramHead, prepare
from eval.understand import CLASSES

DATA = Path(__file__).resolve().parent / "data"
PACKAGE = Path(__file__).resolve().parents[1] / "edge" / "understand"
FILES = {
    "en": (
        "understand.jsonl",
        "understand_val.jsonl",
        "understand_test.jsonl",
        "understand_test2.jsonl",
        "understand_test3.jsonl",
        "understand_weak.jsonl",
    ),
    "es": (
        "understand_es.jsonl",
        "understand_es_test.jsonl",
        "understand_es_test2.jsonl",
        "understand_es_test3.jsonl",
        "understand_es_weak.jsonl",
    ),
}
K = 5
C_GRID = {"emb": (4.0, 16.0, 64.0), "ngram": (8.0, 32.0)}
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.2, 0.76, 0.05))
RULE_USES = ("none", "logit+1", "logit+2", "logit+3", "union", "rules-first")
#: Share of the embedding head in the `emb+ngram` mean (the n-gram head has the rest).
WEIGHTS = (0.35, 0.5, 0.65)
NGRAM_RANGE = (2, 5)
EXAMPLES = "examples.yaml"


@dataclass(frozen=True)
class Row:
    """A labelled line (`labels` empty for `other`) and the file it came from."""

    text: str
    labels: frozenset[str]
    file: str


def read_rows(names: tuple[str, ...]) -> list[Row]:
    """Every line of the named files in `eval/data` (refuses a blind `test4` file).

    Raises:
        ValueError: a name is a test4 or test5 file.
    """
    rows = []
    for name in names:
        if "test4" in name or "test5" in name:
            raise ValueError(f"{name}: the test4 and test5 files are blind; never read them here")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                labels = frozenset(str(x) for x in item["labels"] if x != OTHER)
                rows.append(Row(item["text"], labels, name))
    return rows


def example_rows() -> list[Row]:
    """The example phrases as labelled lines (`other` phrases with no label)."""
    return [
        Row(p, frozenset() if label == OTHER else frozenset({str(label)}), EXAMPLES)
        for label, phrases in load_examples().items()
        for p in phrases
    ]


def hub_embedder() -> SentenceEmbedder:
    """The sentence embedder the hub's settings load (its weights: int8 or float)."""
    settings = load_settings()
    return load_embedder(
        settings.models.bundle_dir, weights=settings.understanding.embedder_weights
    )


def hash_fold(text: str, k: int = K) -> int:
    """The fold of a text: sha256 of its stripped lower-case form, modulo `k`."""
    return int(hashlib.sha256(text.strip().lower().encode()).hexdigest(), 16) % k


def rule_labels(text: str, language: str) -> set[str]:
    """The classes the keyword rules of `language` find in `text`."""
    if language == "es":
        from edge.understand.spanish import SpanishClassifier

        return {str(h.label) for h in SpanishClassifier()(text)}
    return {str(label) for label in rules.matching(text)}


def onehot(labels: list[set[str]] | list[frozenset[str]]) -> NDArray[np.bool_]:
    """Rows x CLASSES booleans."""
    return np.array([[c in labels_ for c in CLASSES] for labels_ in labels], dtype=bool)


class Corpus:
    """Rows, their pieces, embeddings and rule matches, computed once."""

    def __init__(
        self, rows: list[Row], extra: list[Row], language: str, vectors: dict[str, Any]
    ) -> None:
        self.rows, self.extra, self.language = rows, extra, language
        self.pieces = [split_pieces(r.text) or [""] for r in rows]
        self.piece_texts = [p for ps in self.pieces for p in ps]
        self.piece_row = np.array([i for i, ps in enumerate(self.pieces) for _ in ps])
        self.starts = np.array([0, *np.cumsum([len(ps) for ps in self.pieces])[:-1]])
        self.vectors = vectors
        self.gold = onehot([r.labels for r in rows])
        self.piece_rules = onehot([rule_labels(p, language) for p in self.piece_texts])
        self.text_rules = onehot([rule_labels(r.text, language) for r in rows])

    def vec(self, texts: list[str]) -> NDArray[np.float64]:
        """The cached sentence vectors of `texts`."""
        return np.array([self.vectors[t] for t in texts], dtype=np.float64)


def embed_all(embedder: SentenceEmbedder, texts: set[str], cache: Path | None) -> dict[str, Any]:
    """Sentence vectors of `texts`, read from and added to `cache` (an .npz) when given."""
    known: dict[str, Any] = {}
    if cache and cache.exists():
        with np.load(cache, allow_pickle=False) as data:
            known = dict(zip((str(t) for t in data["texts"]), data["vectors"], strict=True))
    todo = sorted(texts - set(known))
    for start in range(0, len(todo), 32):
        batch = todo[start : start + 32]
        known.update(zip(batch, embedder(batch), strict=True))
    if cache and todo:
        names = sorted(known)
        np.savez(cache, texts=np.array(names), vectors=np.array([known[t] for t in names]))
    return known


def fit_units(x: Any, y: NDArray[np.bool_], c: float) -> tuple[NDArray[Any], NDArray[Any]]:
    """One balanced logistic regression per class: weights (classes x features) and bias."""
    weights, bias = [], []
    for j in range(y.shape[1]):
        model = LogisticRegression(C=c, class_weight="balanced", max_iter=5000)
        model.fit(x, y[:, j].astype(np.int64))
        weights.append(model.coef_[0])
        bias.append(model.intercept_[0])
    return np.array(weights), np.array(bias)


def vectorizer() -> TfidfVectorizer:
    """The reference of `edge.understand.ngrams` features."""
    return TfidfVectorizer(
        analyzer="char_wb",
        preprocessor=prepare,
        ngram_range=NGRAM_RANGE,
        sublinear_tf=True,
        token_pattern=None,
    )


def piece_logits(
    corpus: Corpus, train: list[int], test: list[int], family: str, c: float, extra: bool
) -> NDArray[np.float64]:
    """Log-odds of every piece of the `test` rows, the units trained on `train` rows (+extra)."""
    lines = [corpus.rows[i] for i in train] + (corpus.extra if extra else [])
    y = onehot([r.labels for r in lines])
    pieces = [p for i in test for p in corpus.pieces[i]]
    if family == "emb":
        w, b = fit_units(corpus.vec([r.text.strip() or "" for r in lines]), y, c)
        return np.asarray(corpus.vec(pieces) @ w.T + b)
    tfidf = vectorizer()
    x = tfidf.fit_transform([r.text for r in lines])
    w, b = fit_units(x, y, c)
    return np.asarray(tfidf.transform(pieces) @ w.T + b)


def oof_logits(
    corpus: Corpus, folds: NDArray[np.int64], family: str, c: float, extra: bool
) -> NDArray[np.float64]:
    """Out-of-fold log-odds of every piece (rows with fold < 0 are never scored: zeros)."""
    out = np.zeros((len(corpus.piece_texts), len(CLASSES)))
    for f in sorted(set(folds.tolist()) - {-1}):
        test = [i for i in range(len(corpus.rows)) if folds[i] == f]
        train = [i for i in range(len(corpus.rows)) if folds[i] != f and folds[i] != -2]
        logits = piece_logits(corpus, train, test, family, c, extra)
        where = [
            j
            for i in test
            for j in range(corpus.starts[i], corpus.starts[i] + len(corpus.pieces[i]))
        ]
        out[where] = logits
    return out


def decide(
    corpus: Corpus, probs: NDArray[np.float64], threshold: float, use: str
) -> NDArray[np.bool_]:
    """Rows x CLASSES predictions from per-piece log-odds `probs` (see the module docstring)."""
    p = probs
    if use.startswith("logit+"):
        logit = np.log(p / (1 - p)) + float(use.removeprefix("logit+")) * corpus.piece_rules
        p = 1 / (1 + np.exp(-logit))
    rows = np.maximum.reduceat(p, corpus.starts, axis=0) >= threshold
    if use == "union":
        rows = rows | corpus.text_rules
    elif use == "rules-first":
        has = corpus.text_rules.any(axis=1, keepdims=True)
        rows = np.where(has, corpus.text_rules, rows)
    return np.asarray(rows)


def f1s(gold: NDArray[np.bool_], pred: NDArray[np.bool_]) -> NDArray[np.float64]:
    """Per-class F1 (columns of CLASSES)."""
    tp = (gold & pred).sum(axis=0)
    fp = (~gold & pred).sum(axis=0)
    fn = (gold & ~pred).sum(axis=0)
    return np.asarray(np.where(tp > 0, 2 * tp / np.maximum(2 * tp + fp + fn, 1), 0.0))


@dataclass(frozen=True)
class Candidate:
    """One classifier: its family, C per family, examples or not, threshold and rule use.

    `weight` is the embedding head's share of the `emb+ngram` mean (0.5: the plain mean).
    """

    family: str
    c: tuple[float, ...]
    examples: bool
    threshold: float
    use: str
    weight: float = 0.5

    def name(self) -> str:
        """A short label for tables."""
        cs = "/".join(f"{c:g}" for c in self.c)
        ex = "+examples" if self.examples else ""
        w = f" w={self.weight:g}" if "+" in self.family else ""
        return f"{self.family}{ex} C={cs}{w} t={self.threshold:.2f} rules={self.use}"


#: The candidates shipped before test3 joined the pool (commit f877324), scored for comparison.
SHIPPED_BEFORE = {
    "en": Candidate("emb+ngram", (16.0, 8.0), True, 0.55, "logit+1"),
    "es": Candidate("emb+ngram", (16.0, 32.0), False, 0.45, "rules-first"),
}


def families(language: str) -> list[tuple[str, bool]]:
    """Model families to try, with or without the example phrases as training."""
    if language == "en":
        return [("emb", True), ("emb", False), ("ngram", False), ("emb+ngram", True)]
    return [("ngram", False), ("emb", False), ("emb+ngram", False)]


def grid_probs(
    corpus: Corpus, folds: NDArray[np.int64], language: str
) -> Iterator[tuple[str, tuple[float, ...], bool, float, NDArray[np.float64]]]:
    """Out-of-fold per-piece probabilities for every family, C, examples choice and weight."""
    cache: dict[tuple[str, float, bool], NDArray[np.float64]] = {}

    def probs(family: str, c: float, extra: bool) -> NDArray[np.float64]:
        if (family, c, extra) not in cache:
            logits = oof_logits(corpus, folds, family, c, extra)
            cache[(family, c, extra)] = 1 / (1 + np.exp(-logits))
        return cache[(family, c, extra)]

    for family, extra in families(language):
        if family == "emb+ngram":
            for ce, cn, w in itertools.product(C_GRID["emb"], C_GRID["ngram"], WEIGHTS):
                mean = w * probs("emb", ce, extra) + (1 - w) * probs("ngram", cn, False)
                yield family, (ce, cn), extra, w, mean
        else:
            for c in C_GRID[family]:
                yield family, (c,), extra, 0.5, probs(family, c, extra)


def evaluate(
    corpus: Corpus, folds: NDArray[np.int64], language: str
) -> dict[Candidate, NDArray[np.bool_]]:
    """Out-of-fold predictions (rows x CLASSES) of every candidate under `folds`."""
    out = {}
    for family, cs, extra, w, probs in grid_probs(corpus, folds, language):
        clipped = np.clip(probs, 1e-9, 1 - 1e-9)
        for threshold, use in itertools.product(THRESHOLDS, RULE_USES):
            out[Candidate(family, cs, extra, threshold, use, w)] = decide(
                corpus, clipped, threshold, use
            )
    out[Candidate("rules", (), False, 0.0, "rules")] = corpus.text_rules
    return out


def scores(
    corpus: Corpus, preds: dict[Candidate, NDArray[np.bool_]], keep: NDArray[np.bool_]
) -> dict[Candidate, NDArray[np.float64]]:
    """Per-class F1 of every candidate over the kept rows."""
    gold = corpus.gold[keep]
    return {c: f1s(gold, p[keep]) for c, p in preds.items()}


def best(results: dict[Candidate, NDArray[np.float64]], family: str | None = None) -> Candidate:
    """The candidate of best macro-F1 (of `family` if given); ties to the first listed."""
    pool = [c for c in results if family is None or c.family == family]
    return max(pool, key=lambda c: float(results[c].mean()))


def subset(corpus: Corpus, keep: NDArray[np.bool_]) -> Corpus:
    """The corpus of the kept rows only."""
    rows = [r for r, k in zip(corpus.rows, keep, strict=True) if k]
    return Corpus(rows, corpus.extra, corpus.language, corpus.vectors)


def report(language: str, cache: Path | None, write: bool, nested: bool) -> None:
    """Print the CV tables; write the chosen artefact with `write`."""
    started = time.monotonic()
    rows = read_rows(FILES[language])
    extra = example_rows() if language == "en" else []
    embedder = hub_embedder()
    texts = {p for r in [*rows, *extra] for p in [r.text.strip(), *split_pieces(r.text)]}
    corpus = Corpus(rows, extra, language, embed_all(embedder, texts, cache))
    names = sorted({r.file for r in rows})
    by_hash = np.array([hash_fold(r.text) for r in rows])
    by_file = np.array([names.index(r.file) for r in rows])
    print(f"{language}: {len(rows)} lines from {len(names)} files, {len(extra)} example phrases")
    every = np.ones(len(rows), dtype=bool)
    hashed = scores(corpus, evaluate(corpus, by_hash, language), every)
    filed_preds = evaluate(corpus, by_file, language)
    filed = scores(corpus, filed_preds, every)
    per_file = [scores(corpus, filed_preds, by_file == f) for f in range(len(names))]
    print(
        "\n| candidate (best of its family and rule use by hash CV) | hash CV macro-F1 "
        "| least class | leave-one-file-out macro-F1 | least class | "
        + " | ".join(f"{n} left out" for n in names)
        + " |"
    )
    print("|---" * (5 + len(names)) + "|")
    for family in sorted({c.family for c in hashed}):
        for use in RULE_USES if family != "rules" else ("rules",):
            pool = {c: v for c, v in hashed.items() if c.family == family and c.use == use}
            if not pool:
                continue
            for extra_ in sorted({c.examples for c in pool}):
                sub = {c: v for c, v in pool.items() if c.examples == extra_}
                cand = best(sub)
                h, f = hashed[cand], filed[cand]
                print(
                    f"| {cand.name()} | {h.mean():.3f} | {h.min():.2f} "
                    f"({CLASSES[int(h.argmin())]}) | {f.mean():.3f} | {f.min():.2f} "
                    f"({CLASSES[int(f.argmin())]}) | "
                    + " | ".join(f"{fs[cand].mean():.3f}" for fs in per_file)
                    + " |"
                )
    chosen = best(hashed)
    before = SHIPPED_BEFORE[language]
    for label, cand in (("shipped before", before), ("chosen by hash CV", chosen)):
        if cand not in hashed:
            continue
        print(f"\n{label}: {cand.name()}: {json.dumps(cand.__dict__)}")
        for name, values in (
            ("hash CV", hashed[cand]),
            ("leave-one-file-out", filed[cand]),
            *((f"{n} left out", fs[cand]) for n, fs in zip(names, per_file, strict=True)),
        ):
            print(
                f"{name}: macro-F1 {values.mean():.3f}; per class "
                + ", ".join(f"{c} {v:.2f}" for c, v in zip(CLASSES, values, strict=True))
            )
    print(f"({time.monotonic() - started:.0f} s)")
    if write:
        write_artefact(corpus, chosen, language)
    if not nested:
        return
    print("\nnested leave-one-file-out (the candidate re-chosen by hash CV without the file):")
    pooled_gold, pooled_pred = [], []
    for left_out, name in enumerate(names):
        inner = subset(corpus, by_file != left_out)
        inner_folds = np.array([hash_fold(r.text) for r in inner.rows])
        inner_every = np.ones(len(inner.rows), dtype=bool)
        inner_choice = best(scores(inner, evaluate(inner, inner_folds, language), inner_every))
        pred = predict_fold(corpus, by_file, left_out, inner_choice, language)
        gold = corpus.gold[by_file == left_out]
        pooled_gold.append(gold)
        pooled_pred.append(pred)
        print(
            f"  {name} ({len(gold)} lines): {f1s(gold, pred).mean():.3f} with {inner_choice.name()}"
        )
    pooled = f1s(np.vstack(pooled_gold), np.vstack(pooled_pred))
    print(
        f"  pooled: macro-F1 {pooled.mean():.3f}, least {pooled.min():.2f} "
        f"({CLASSES[int(pooled.argmin())]})"
    )
    print(f"\n{time.monotonic() - started:.0f} s")


def predict_fold(
    corpus: Corpus, by_file: NDArray[np.int64], f: int, cand: Candidate, language: str
) -> NDArray[np.bool_]:
    """Predictions for the rows of file `f` from `cand` trained on the other files."""
    folds = np.where(by_file == f, 0, -1).astype(np.int64)
    if cand.family == "rules":
        return np.asarray(corpus.text_rules[by_file == f])
    parts = cand.family.split("+")
    probs = np.zeros((len(corpus.piece_texts), len(CLASSES)))
    for part, c in zip(parts, cand.c, strict=True):
        extra = cand.examples and part == "emb"
        share = 1.0 if len(parts) == 1 else cand.weight if part == "emb" else 1 - cand.weight
        probs += share / (1 + np.exp(-oof_logits(corpus, folds, part, c, extra)))
    probs = np.clip(probs, 1e-9, 1 - 1e-9)
    return np.asarray(decide(corpus, probs, cand.threshold, cand.use)[by_file == f])


def write_artefact(corpus: Corpus, cand: Candidate, language: str) -> None:
    """Train `cand` on every row (+ examples) and write its artefact into the package."""
    lines = corpus.rows + (corpus.extra if cand.examples else [])
    y = onehot([r.labels for r in lines])
    for part, c in zip(cand.family.split("+"), cand.c, strict=True):
        if part == "emb":
            w, b = fit_units(corpus.vec([r.text.strip() for r in lines]), y, c)
            name = HEAD_FILE if language == "en" else "head_es_emb.npz"
            LinearHead(list(CLASSES), w, b).save(PACKAGE / name)
        elif part == "ngram":
            tfidf = vectorizer()
            x = tfidf.fit_transform([r.text for r in corpus.rows])
            w, b = fit_units(x, onehot([r.labels for r in corpus.rows]), c)
            vocabulary = [str(g) for g in tfidf.get_feature_names_out()]
            name = NGRAM_HEAD_FILE if language == "es" else "head_en_ngram.npz"
            NgramHead(list(CLASSES), vocabulary, tfidf.idf_, w, b, NGRAM_RANGE).save(PACKAGE / name)
        print(f"wrote {PACKAGE / name} ({(PACKAGE / name).stat().st_size} bytes)")
    print(
        json.dumps({"threshold": cand.threshold, "rules": cand.use, "C": cand.c, "w": cand.weight})
    )


def main() -> None:
    """Parse the arguments and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=("en", "es"), default="en")
    parser.add_argument("--cache", type=Path, help="An .npz of sentence vectors to reuse.")
    parser.add_argument("--write", action="store_true", help="Write the chosen artefact.")
    parser.add_argument(
        "--nested", action="store_true", help="Also the nested leave-one-file-out estimate."
    )
    parser.add_argument(
        "--chosen",
        type=json.loads,
        help='With --write, skip the CV and train this candidate (as printed: {"family": '
        '"emb+ngram", "c": [16, 32], "examples": false, "threshold": 0.45, "use": "rules-first"}).',
    )
    args = parser.parse_args()
    if args.chosen:
        rows = read_rows(FILES[args.language])
        extra = example_rows() if args.language == "en" else []
        texts = {r.text.strip() for r in [*rows, *extra]}
        vectors = embed_all(hub_embedder(), texts, args.cache)
        chosen = Candidate(**{**args.chosen, "c": tuple(args.chosen["c"])})
        write_artefact(Corpus(rows, extra, args.language, vectors), chosen, args.language)
        return
    report(args.language, args.cache, args.write, args.nested)


if __name__ == "__main__":
    main()
