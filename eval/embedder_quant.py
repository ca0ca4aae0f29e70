"""Whether a quantized sentence embedder understands as well as the float one (issue 14).

    .venv/bin/python -m eval.embedder_quant --candidate DIR [--reference DIR] [--language en|es]

DIR is a `sentence_embedding` artifact directory (`model.onnx` + `tokenizer.json`, or the file
given by `--candidate-file`); the reference is the bundle's float model. Data: the retired
understanding files of `eval.understand_cv` (never a blind `test4`/`test5` file).

For each language, the shipped classifier recipe (`SHIPPED`: family, C, threshold, rule use and
embedding share, as chosen in docs/benchmarks.md "Understanding retrained with test3") is
cross-validated twice, its embedding head retrained and scored on each model's own vectors:
hash CV (the estimate that chose the recipe), leave-one-file-out and the test3 file left out,
macro-F1 and the least class. Also: the cosine of the two models' vectors, and how many lines
the shipped heads (trained on the float vectors) label differently when fed the candidate's.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from edge.settings import load_settings
from edge.understand.classify import build_classifier, split_pieces
from edge.understand.embedder import SentenceEmbedder
from edge.understand.spanish import build_spanish
from eval.understand import CLASSES
from eval.understand_cv import (
    FILES,
    Candidate,
    Corpus,
    decide,
    embed_all,
    example_rows,
    f1s,
    hash_fold,
    oof_logits,
    read_rows,
)
from models.manifest import Role

#: The recipes shipped (docs/benchmarks.md, "Understanding retrained with test3 ...").
SHIPPED = {
    "en": Candidate("emb+ngram", (16.0, 32.0), True, 0.50, "logit+1", 0.5),
    "es": Candidate("emb+ngram", (4.0, 32.0), False, 0.50, "rules-first", 0.35),
}


def predictions(
    corpus: Corpus, folds: NDArray[np.int64], cand: Candidate, ngram: NDArray[np.float64]
) -> NDArray[np.bool_]:
    """Out-of-fold rows x CLASSES predictions of `cand` (`ngram`: its n-gram probabilities)."""
    emb = 1 / (1 + np.exp(-oof_logits(corpus, folds, "emb", cand.c[0], cand.examples)))
    probs = np.clip(cand.weight * emb + (1 - cand.weight) * ngram, 1e-9, 1 - 1e-9)
    return decide(corpus, probs, cand.threshold, cand.use)


def cross_validate(
    language: str, vectors: dict[str, dict[str, object]], only: str | None = None
) -> None:
    """Print the recipe's CV figures with each model's vectors (`vectors`: name -> text -> v)."""
    rows = read_rows(FILES[language])
    extra = example_rows() if language == "en" else []
    cand = SHIPPED[language]
    names = sorted({r.file for r in rows})
    schemes = {
        "hash CV": np.array([hash_fold(r.text) for r in rows]),
        "leave-one-file-out": np.array([names.index(r.file) for r in rows]),
    }
    test3 = next(n for n in names if "test3" in n)
    schemes["test3 left out"] = np.where(np.array([r.file == test3 for r in rows]), 0, -1).astype(
        np.int64
    )
    if only:
        schemes = {only: schemes[only]}
    corpora = {m: Corpus(rows, extra, language, v) for m, v in vectors.items()}
    first = next(iter(corpora.values()))
    print(f"\n{language}: {len(rows)} lines, {len(extra)} example phrases; {cand.name()}")
    for scheme, folds in schemes.items():
        ngram = 1 / (1 + np.exp(-oof_logits(first, folds, "ngram", cand.c[1], False)))
        keep = folds >= 0
        for model, corpus in corpora.items():
            values = f1s(corpus.gold[keep], predictions(corpus, folds, cand, ngram)[keep])
            least = int(values.argmin())
            print(
                f"  {scheme:20} {model:10} macro-F1 {values.mean():.5f}, least "
                f"{CLASSES[least]} {values[least]:.3f}; "
                + ", ".join(f"{c} {v:.2f}" for c, v in zip(CLASSES, values, strict=True))
            )


def shipped_heads_agree(
    language: str, reference: SentenceEmbedder, candidate: SentenceEmbedder
) -> None:
    """How many lines the shipped classifier labels differently on the candidate's vectors."""
    settings = load_settings().understanding
    build = build_classifier if language == "en" else build_spanish
    ref, cand = build(reference, settings), build(candidate, settings)
    rows = read_rows(FILES[language])
    changed = sum({h.label for h in ref(r.text)} != {h.label for h in cand(r.text)} for r in rows)
    print(
        f"  shipped heads (float-trained) on the candidate: {changed}/{len(rows)} lines relabelled"
    )


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    bundle = load_settings().models.bundle_dir / Role.SENTENCE_EMBEDDING.value
    parser.add_argument("--candidate", type=Path, required=True, help="Artifact directory.")
    parser.add_argument("--candidate-file", default="model.onnx", help="ONNX file in it.")
    parser.add_argument("--reference", type=Path, default=bundle, help="The float model's.")
    parser.add_argument("--language", choices=("en", "es"), action="append")
    parser.add_argument(
        "--scheme",
        choices=("hash CV", "leave-one-file-out", "test3 left out"),
        help="Only this estimate (default: all three).",
    )
    parser.add_argument("--cache", type=Path, help="An .npz of the reference's vectors to reuse.")
    args = parser.parse_args()
    started = time.monotonic()
    reference = SentenceEmbedder(args.reference)
    candidate = SentenceEmbedder(args.candidate, model_file=args.candidate_file)
    for language in args.language or ["en", "es"]:
        rows = read_rows(FILES[language])
        extra = example_rows() if language == "en" else []
        texts = {p for r in [*rows, *extra] for p in [r.text.strip(), *split_pieces(r.text)]}
        vectors = {
            "reference": embed_all(reference, texts, args.cache),
            "candidate": embed_all(candidate, texts, None),
        }
        ordered = sorted(texts)
        x = np.array([vectors["reference"][t] for t in ordered])
        y = np.array([vectors["candidate"][t] for t in ordered])
        cos = (x * y).sum(axis=1)
        print(
            f"\n{language}: {len(ordered)} texts; cosine reference/candidate min {cos.min():.4f}, "
            f"5th percentile {np.percentile(cos, 5):.4f}, median {np.median(cos):.4f}"
        )
        shipped_heads_agree(language, reference, candidate)
        cross_validate(language, vectors, args.scheme)
    print(f"({time.monotonic() - started:.0f} s)")


if __name__ == "__main__":
    main()
