"""Speaker verification with the bundle's embedders on real speech, to choose one and a threshold.

    .venv/bin/python -m eval.embeddings --data ../shared/data [--bundle DIR] [--json]

Single-speaker stretches (no overlap) of at least `--min-s` are cut from each RTTM, split into
pieces of at most `--max-s`, embedded, and every pair of pieces is a trial (speaker labels are
global: AMI's MEE ids are the same person across files). Reports the equal error rate, the
threshold at the EER, and the cosine similarity distributions, over all pairs and over pairs
from the same recording (the hub's case: telling apart people in one room).
"""

from __future__ import annotations

import argparse
import itertools
from collections import defaultdict
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel

from edge.listen.embedding import EmbedderKind, load_embedder
from edge.paths import default_bundle_dir
from models.bundle import verify

RATE = 16000


class Piece(BaseModel):
    """A single-speaker stretch of a recording."""

    recording: str
    speaker: str
    start: float
    end: float


class Distribution(BaseModel):
    """Summary of cosine similarities."""

    count: int
    mean: float
    std: float
    p5: float
    p50: float
    p95: float


class Verification(BaseModel):
    """One embedder on one set of trials."""

    embedder: str
    trials: str
    eer: float
    threshold: float
    same: Distribution
    different: Distribution


def read_pieces(rttm: Path, min_s: float, max_s: float) -> list[Piece]:
    """Non-overlapped single-speaker pieces of `min_s`..`max_s` seconds from an RTTM file."""
    turns: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for line in rttm.read_text().splitlines():
        fields = line.split()
        if fields and fields[0] == "SPEAKER":
            start, duration = float(fields[3]), float(fields[4])
            turns[fields[1]].append((start, start + duration, fields[7]))
    pieces: list[Piece] = []
    for recording, spans in turns.items():
        edges = sorted({t for start, end, _ in spans for t in (start, end)})
        runs: list[tuple[float, float, str]] = []
        for a, b in itertools.pairwise(edges):
            active = {s for start, end, s in spans if start < b and end > a}
            if len(active) != 1:
                continue
            (speaker,) = active
            if runs and runs[-1][2] == speaker and runs[-1][1] == a:
                runs[-1] = (runs[-1][0], b, speaker)
            else:
                runs.append((a, b, speaker))
        for start, end, speaker in runs:
            t = start
            while end - t >= min_s:
                stop = min(end, t + max_s)
                pieces.append(Piece(recording=recording, speaker=speaker, start=t, end=stop))
                t = stop
    return pieces


def equal_error_rate(
    same: NDArray[np.float64], different: NDArray[np.float64]
) -> tuple[float, float]:
    """(EER, threshold): where false accepts of `different` equal false rejects of `same`."""
    best = (1.0, 0.0, 0.0)
    for threshold in np.unique(np.concatenate([same, different])):
        false_reject = float(np.mean(same < threshold))
        false_accept = float(np.mean(different >= threshold))
        gap = abs(false_accept - false_reject)
        if gap < best[0]:
            best = (gap, (false_accept + false_reject) / 2, float(threshold))
    return best[1], best[2]


def _distribution(values: NDArray[np.float64]) -> Distribution:
    p5, p50, p95 = np.percentile(values, [5, 50, 95])
    return Distribution(
        count=values.size, mean=float(values.mean()), std=float(values.std()),
        p5=float(p5), p50=float(p50), p95=float(p95),
    )  # fmt: skip


def verification(kind: str, trials: str, pairs: list[tuple[float, bool]]) -> Verification:
    """EER and distributions of `(cosine, same speaker)` pairs."""
    same = np.array([c for c, s in pairs if s])
    different = np.array([c for c, s in pairs if not s])
    eer, threshold = equal_error_rate(same, different)
    return Verification(
        embedder=kind, trials=trials, eer=eer, threshold=threshold,
        same=_distribution(same), different=_distribution(different),
    )  # fmt: skip


def evaluate(data: Path, bundle_dir: Path, min_s: float, max_s: float) -> list[Verification]:
    """Verification results of both embedders on every RTTM (with its WAVs) under `data`."""
    import soundfile as sf

    folder = data if any(data.glob("*.rttm")) else data / "diarization"
    pieces = [p for rttm in sorted(folder.glob("*.rttm")) for p in read_pieces(rttm, min_s, max_s)]
    audio = {
        r: sf.read(folder / f"{r}.wav", dtype="float32")[0] for r in {p.recording for p in pieces}
    }
    clips = [audio[p.recording][round(p.start * RATE) : round(p.end * RATE)] for p in pieces]
    bundle = verify(bundle_dir)
    results = []
    kinds: tuple[EmbedderKind, ...] = ("campp", "resemblyzer")
    for kind in kinds:
        vectors = load_embedder(kind, bundle, threads=2).batch(clips)
        pairs = [
            (float(vectors[i] @ vectors[j]), pieces[i].speaker == pieces[j].speaker,
             pieces[i].recording == pieces[j].recording)
            for i, j in itertools.combinations(range(len(pieces)), 2)
        ]  # fmt: skip
        results.append(verification(kind, "all pairs", [(c, s) for c, s, _ in pairs]))
        results.append(verification(kind, "same recording", [(c, s) for c, s, r in pairs if r]))
    speakers = len({p.speaker for p in pieces})
    print(f"{len(pieces)} pieces of {min_s}-{max_s} s, {speakers} speakers, from {folder}")
    return results


def main() -> None:
    """Run the evaluation and print a table (or JSON)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="data dir (or its diarization/)")
    parser.add_argument("--bundle", type=Path, default=default_bundle_dir(), help="model bundle")
    parser.add_argument("--min-s", type=float, default=1.5, help="shortest piece, seconds")
    parser.add_argument("--max-s", type=float, default=4.0, help="longest piece, seconds")
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    args = parser.parse_args()
    for result in evaluate(args.data, args.bundle, args.min_s, args.max_s):
        if args.json:
            print(result.model_dump_json())
            continue
        s, d = result.same, result.different
        print(
            f"{result.embedder:12} {result.trials:15} EER {result.eer:6.1%} at cos "
            f"{result.threshold:.3f} | same n={s.count} {s.mean:.3f}±{s.std:.3f} "
            f"[p5 {s.p5:.3f}] | different n={d.count} {d.mean:.3f}±{d.std:.3f} [p95 {d.p95:.3f}]"
        )


if __name__ == "__main__":
    main()
