"""What capping the offline clustering costs: DER with every piece clustered, and with fewer.

    PYTHONPATH=$PWD .venv/bin/python -m eval.diarization_cap --data ../shared/data

`transcribe` clusters at most `diarize_offline.MAX_CLUSTERED` speech pieces; beyond that, the
others join the nearest centroid (`clustering.spectral_bounded`). No shared file is long enough
to reach that cap, so this forces smaller ones (`--caps`) on the shared diarization files and on
two recordings of one meeting each made by joining its excerpts (ami_dev00 + ami_dev01,
ami_trn07 + ami_trn08: the same people), and scores the diarizer alone under the shipped
settings (DER collar 0, overlap scored, UEM). A check of the approximation, not a choice: the
cap is fixed for memory, and nothing here changes a setting.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from edge.listen import models as listen_models
from edge.listen.diarize_offline import MAX_CLUSTERED, OfflineDiarizer, cluster_windows
from edge.settings import load_settings
from eval.diarization_cache import Recording, error, recordings

MEETINGS = (("ami_dev00", "ami_dev01"), ("ami_trn07", "ami_trn08"))


def joined(first: Recording, second: Recording) -> Recording:
    """`first` then `second` as one recording, the second's reference and UEM shifted."""
    from pyannote.core import Annotation, Segment, Timeline

    shift = first.duration
    reference = Annotation(uri=f"{first.name}+{second.name}")
    for part, offset in ((first, 0.0), (second, shift)):
        for segment, track, label in part.reference.itertracks(yield_label=True):
            reference[Segment(segment.start + offset, segment.end + offset), track] = label
    uem = Timeline(
        [Segment(s.start, s.end) for s in first.uem]
        + [Segment(s.start + shift, s.end + shift) for s in second.uem]
    )
    samples = np.concatenate([first.samples, second.samples])
    return Recording(reference.uri, samples, reference, uem)


def main() -> None:
    """Command line: one row per recording, the pooled DER per cap last."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, required=True, help="The shared data directory.")
    parser.add_argument("--caps", type=int, nargs="+", default=[40, 20])
    args = parser.parse_args()
    settings = load_settings()
    models = listen_models.load(settings)
    diarizer = OfflineDiarizer(models.segmenter, models.embedder, settings.diarization)
    files = recordings(args.data)
    by_name = {f.name: f for f in files}
    files += [joined(by_name[a], by_name[b]) for a, b in MEETINGS]
    caps = [MAX_CLUSTERED, *args.caps]
    totals = {cap: [0.0, 0.0] for cap in caps}
    print("recording | pieces | " + " | ".join(f"DER cap {cap}" for cap in caps))
    for recording in files:
        analysed = diarizer.analyse(recording.samples)
        pieces = sum(len(w.pieces) for w in analysed)
        cells = []
        for cap in caps:
            turns = cluster_windows(analysed, recording.duration, settings.diarization, cap).turns
            wrong, total = error(recording, turns)
            if "+" not in recording.name:  # the joined ones repeat single files: not pooled
                totals[cap][0] += wrong
                totals[cap][1] += total
            cells.append(f"{100 * wrong / max(total, 1e-9):.1f}%")
        print(f"{recording.name} | {pieces} | " + " | ".join(cells), flush=True)
    pooled = [f"{100 * wrong / total:.1f}%" for wrong, total in totals.values()]
    print("pooled, the 11 files | | " + " | ".join(pooled))


if __name__ == "__main__":
    main()
