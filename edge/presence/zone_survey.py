"""Zone fingerprints from an installer's site survey (`beacons survey`), used by `ZoneLocator`.

At installation someone walks a tag through every zone, marking which zone they are in. The
readings go through the hubs' own smoothing (`ZoneLocator`'s Kalman filters, decided every
`tick_s`), and each tick gives one fingerprint: the smoothed RSSI of every surveyed hub (a hub
with no fresh reading counts as `missing_rssi`, a little below the weakest it was heard at).
From those, a zone model:

- `lda`: linear discriminant analysis (class means, one pooled covariance shrunk towards a
  scaled identity by `shrinkage`); a decision is one small matrix-vector product.
- `knn`: the `k` nearest survey fingerprints vote (Euclidean, in dB); `weighting: kernel`
  weighs each by exp(-d² / 2h²), h² the median squared distance of the `k` (a posterior that
  says how near, not only how many); `weighting: inverse` weighs each by 1 / (d + 1 dB).

`features: relative` takes each fingerprint less its loudest hub (RSSI differences, blind to
a tag that is louder or quieter than the surveyed one by the same dB at every hub);
`centered` takes it less the mean of its hubs (blind alike, and not tied to one hub's noise).

Each returns a probability per zone. With `transitions` (a forward filter, the forward pass of
a hidden Markov model over zones), each tick's probabilities (floored at `EMISSION_FLOOR`,
divided by the zone's share of the survey: a likelihood) update a belief carried from the
previous tick, where a tag leaves its zone at `rate_per_s`, to a zone the survey walk went to
directly from it (`adjacent`) `1 / NON_ADJACENT` times likelier than to any other. The
locator's hysteresis (`switch_ratio`, `switch_after_s`) then acts on those probabilities as it
acts on distances without a survey.

The file is JSON with a format name and version (no pickle): `save`/`load_survey`. A survey
made with other smoothing settings would see other fingerprints, so it records its own and
the locator smooths with them.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import itertools
import math
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Final, Literal

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from edge.presence.errors import PresenceError
from edge.presence.trace import Reading

FORMAT: Final = "showfloor-zone-survey"
VERSION: Final = 1
#: A hub not heard counts this far below the weakest smoothed RSSI the survey saw at it, dB.
MISSING_MARGIN_DB = 5.0
#: Floor of a zone's probability, so that the hysteresis ratio stays defined.
MIN_PROBABILITY = 1e-6
#: Forward filter: a zone's probability counts at least this much as evidence (k-NN says 0).
EMISSION_FLOOR = 0.02
#: Forward filter: a move to a zone the walk never went to directly, relative to one it did.
NON_ADJACENT = 0.05
#: Survey fingerprints this close in time, in different zones, make the two zones adjacent, s.
ADJACENT_GAP_S = 2.5
Method = Literal["lda", "knn"]
Features = Literal["rssi", "relative", "centered"]
Weighting = Literal["vote", "kernel", "inverse"]
#: `inverse` weighting: a neighbour at distance d (dB) weighs 1 / (d + this).
INVERSE_OFFSET_DB = 1.0


class SurveyError(PresenceError):
    """A survey (or its marks) that cannot be learned, read or used, with the reason."""


class Mark(BaseModel):
    """From `time` on, the surveyed tag (`beacon`; None: the only one) is in `zone`."""

    model_config = ConfigDict(frozen=True)

    time: float
    beacon: str | None = None
    zone: str | None


class _Lda(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    weights: list[list[float]] = Field(description="One row per zone, one column per hub.")
    bias: list[float] = Field(description="One per zone.")
    shrinkage: float = Field(ge=0.0, le=1.0)


class _Knn(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    k: int = Field(ge=1)
    samples: list[list[float]] = Field(description="Survey fingerprints, one column per hub.")
    labels: list[int] = Field(description="Index into `zones` of each sample.")
    weighting: Weighting = Field(
        default="vote",
        description="vote: one per neighbour; kernel: exp(-d²/2h²); inverse: 1/(d + 1 dB).",
    )


class _Transitions(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    rate_per_s: float = Field(gt=0.0, description="How often a tag leaves its zone, per s.")
    adjacent: list[tuple[str, str]] = Field(
        default_factory=list, description="Zone pairs the survey walk went between directly."
    )


class ZoneSurvey(BaseModel):
    """A zone model learned from a site survey; what `presence.survey` names."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    format: Literal["showfloor-zone-survey"] = FORMAT
    version: Literal[1] = VERSION
    created: str = Field(description="When it was learned, ISO 8601 UTC.")
    hubs: list[str] = Field(min_length=1, description="Hub ids, in fingerprint order.")
    zones: list[str] = Field(min_length=2, description="Zone names, in model order.")
    missing_rssi: list[float] = Field(description="Per hub: the value of 'not heard', dBm.")
    rssi_process_noise: float = Field(gt=0.0)
    rssi_measurement_noise: float = Field(gt=0.0)
    rssi_median_of: int = Field(default=1, ge=1, le=15)
    samples_per_zone: dict[str, int]
    method: Method
    features: Features = "rssi"
    lda: _Lda | None = None
    knn: _Knn | None = None
    transitions: _Transitions | None = None

    @model_validator(mode="after")
    def _shapes(self) -> ZoneSurvey:
        hubs, zones = len(self.hubs), len(self.zones)
        if len(set(self.hubs)) != hubs or len(set(self.zones)) != zones:
            raise ValueError("hubs and zones must not repeat")
        if len(self.missing_rssi) != hubs:
            raise ValueError("missing_rssi needs one value per hub")
        if self.method == "lda":
            if self.lda is None:
                raise ValueError("method lda needs an lda section")
            if len(self.lda.bias) != zones or len(self.lda.weights) != zones:
                raise ValueError("lda needs one weight row and one bias per zone")
            if any(len(row) != hubs for row in self.lda.weights):
                raise ValueError("each lda weight row needs one value per hub")
        if self.method == "knn":
            if self.knn is None:
                raise ValueError("method knn needs a knn section")
            if len(self.knn.samples) != len(self.knn.labels) or not self.knn.samples:
                raise ValueError("knn needs as many labels as samples, and some")
            if any(len(row) != hubs for row in self.knn.samples):
                raise ValueError("each knn sample needs one value per hub")
            if any(not 0 <= label < zones for label in self.knn.labels):
                raise ValueError("a knn label is not a zone index")
        if self.transitions is not None:
            strangers = {z for pair in self.transitions.adjacent for z in pair} - set(self.zones)
            if strangers:
                raise ValueError(f"transitions name unknown zones: {', '.join(sorted(strangers))}")
        values = [*self.missing_rssi]
        for section in (self.lda.weights if self.lda else [], self.knn.samples if self.knn else []):
            for row in section:
                values.extend(row)
        if not all(math.isfinite(value) for value in values):
            raise ValueError("every number must be finite")
        return self

    def compile(self) -> CompiledSurvey:
        """The arrays a locator decides with."""
        return CompiledSurvey(self)


class CompiledSurvey:
    """A survey as numpy arrays: `probabilities(fresh)` per decision (`forward` to filter)."""

    def __init__(self, survey: ZoneSurvey) -> None:
        self.survey = survey
        self.hubs = survey.hubs
        self.zones = survey.zones
        self._missing = np.array(survey.missing_rssi)
        self._index = {hub: i for i, hub in enumerate(survey.hubs)}
        self._relative = survey.features == "relative"
        self._weighting = survey.knn.weighting if survey.knn is not None else "vote"
        counts = np.array([survey.samples_per_zone.get(z, 0) for z in survey.zones], float)
        self._share = np.maximum(counts, 1.0) / max(1.0, counts.sum())
        self.filtered = survey.transitions is not None
        if survey.transitions is not None:
            self._rate = survey.transitions.rate_per_s
            self._moves = _moves(survey.zones, survey.transitions.adjacent)
        if survey.lda is not None and survey.method == "lda":
            self._weights = np.array(survey.lda.weights)
            self._bias = np.array(survey.lda.bias)
        if survey.knn is not None and survey.method == "knn":
            self._samples = np.array(survey.knn.samples)
            self._labels = np.array(survey.knn.labels, dtype=np.int64)
            self._k = min(survey.knn.k, len(survey.knn.samples))

    def vector(self, fresh: dict[str, float]) -> NDArray[np.float64]:
        """The fingerprint of smoothed RSSI by hub (absent hubs: `missing_rssi`)."""
        out = self._missing.copy()
        for hub, rssi in fresh.items():
            at = self._index.get(hub)
            if at is not None:
                out[at] = rssi
        return features(out, self.survey.features)

    def posterior(self, fresh: dict[str, float]) -> NDArray[np.float64]:
        """Probability per zone (in `zones` order) from the smoothed RSSI of the hubs heard now."""
        x = self.vector(fresh)
        if self.survey.method == "lda":
            scores = self._weights @ x + self._bias
            scores -= scores.max()
            p = np.exp(scores)
        else:
            squared = ((self._samples - x) ** 2).sum(axis=1)
            nearest = np.argpartition(squared, self._k - 1)[: self._k]
            weights = None
            near = squared[nearest]
            if self._weighting == "kernel":
                weights = np.exp(-near / (2.0 * max(float(np.median(near)), 1e-6)))
            elif self._weighting == "inverse":
                weights = 1.0 / (np.sqrt(near) + INVERSE_OFFSET_DB)
            p = np.bincount(self._labels[nearest], weights, minlength=len(self.zones))
            p = p.astype(np.float64)
        p = np.maximum(p / p.sum(), MIN_PROBABILITY)
        return np.asarray(p / p.sum(), dtype=np.float64)

    def forward(
        self, belief: NDArray[np.float64] | None, p: NDArray[np.float64], elapsed_s: float
    ) -> NDArray[np.float64]:
        """The belief after `elapsed_s` and this tick's `posterior` (None: a fresh arrival)."""
        likelihood = (p + EMISSION_FLOOR) / self._share
        if belief is None:
            predicted = np.full(len(self.zones), 1.0 / len(self.zones))
        else:
            leave = 1.0 - math.exp(-self._rate * max(0.0, elapsed_s))
            predicted = (1.0 - leave) * belief + leave * (belief @ self._moves)
        out = np.maximum(predicted * likelihood, 0.0)
        out = np.maximum(out / out.sum(), MIN_PROBABILITY)
        return np.asarray(out / out.sum(), dtype=np.float64)

    def probabilities(self, fresh: dict[str, float]) -> dict[str, float]:
        """Zone name -> probability, from the smoothed RSSI of the hubs heard now."""
        return dict(zip(self.zones, self.posterior(fresh).tolist(), strict=True))


def features(x: NDArray[np.float64], kind: Features) -> NDArray[np.float64]:
    """A fingerprint as the model sees it (`relative`: less its loudest hub; `centered`: mean)."""
    if kind == "relative":
        return np.asarray(x - x.max(axis=-1, keepdims=True), dtype=np.float64)
    if kind == "centered":
        return np.asarray(x - x.mean(axis=-1, keepdims=True), dtype=np.float64)
    return x


def _moves(zones: list[str], adjacent: Sequence[tuple[str, str]]) -> NDArray[np.float64]:
    """Row i: where a tag leaving zone i goes (adjacent zones 1, others `NON_ADJACENT`)."""
    index = {zone: i for i, zone in enumerate(zones)}
    moves = np.full((len(zones), len(zones)), NON_ADJACENT)
    for a, b in adjacent:
        moves[index[a], index[b]] = moves[index[b], index[a]] = 1.0
    np.fill_diagonal(moves, 0.0)
    return np.asarray(moves / moves.sum(axis=1, keepdims=True), dtype=np.float64)


def adjacent_zones(marked: Sequence[tuple[float, str]]) -> list[tuple[str, str]]:
    """Zone pairs of consecutive (time, zone) fingerprints `ADJACENT_GAP_S` apart at most."""
    pairs: set[tuple[str, str]] = set()
    for (t0, a), (t1, b) in itertools.pairwise(marked):
        if a != b and t1 - t0 <= ADJACENT_GAP_S:
            pairs.add((min(a, b), max(a, b)))
    return sorted(pairs)


def learn(
    fingerprints: Sequence[tuple[NDArray[np.float64], str]],
    hubs: list[str],
    *,
    method: Method,
    rssi_process_noise: float,
    rssi_measurement_noise: float,
    rssi_median_of: int = 1,
    shrinkage: float = 0.1,
    k: int = 15,
    weighting: Weighting = "vote",
    feature: Features = "rssi",
    rate_per_s: float | None = None,
    adjacent: Sequence[tuple[str, str]] = (),
) -> ZoneSurvey:
    """A survey from labelled fingerprints (raw: NaN where a hub had no fresh reading).

    `rate_per_s`: filter forward (see the module) with these `adjacent` zone pairs.
    """
    if not fingerprints:
        raise SurveyError("no fingerprint falls inside a marked zone: nothing to learn from")
    raw = np.array([vector for vector, _ in fingerprints], dtype=np.float64)
    names = [zone for _, zone in fingerprints]
    zones = sorted(set(names))
    if len(zones) < 2:
        raise SurveyError(f"the survey marks only {zones}: walk through two zones at least")
    weakest = np.nanmin(np.where(np.isnan(raw), np.inf, raw), axis=0)
    if not np.all(np.isfinite(weakest)):
        silent = [hub for hub, value in zip(hubs, weakest, strict=True) if not np.isfinite(value)]
        raise SurveyError(f"hub(s) {', '.join(silent)} never heard the surveyed tag")
    missing = weakest - MISSING_MARGIN_DB
    x = features(np.where(np.isnan(raw), missing, raw), feature)
    y = np.array([zones.index(zone) for zone in names], dtype=np.int64)
    counts = {zone: int((y == i).sum()) for i, zone in enumerate(zones)}
    common = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "hubs": hubs,
        "zones": zones,
        "missing_rssi": [round(float(v), 2) for v in missing],
        "rssi_process_noise": rssi_process_noise,
        "rssi_measurement_noise": rssi_measurement_noise,
        "rssi_median_of": rssi_median_of,
        "samples_per_zone": counts,
        "method": method,
        "features": feature,
        "transitions": None
        if rate_per_s is None
        else _Transitions(rate_per_s=rate_per_s, adjacent=list(adjacent)),
    }
    if method == "knn":
        knn = _Knn(k=k, samples=np.round(x, 1).tolist(), labels=y.tolist(), weighting=weighting)
        return ZoneSurvey.model_validate(common | {"knn": knn})
    return ZoneSurvey.model_validate(common | {"lda": _lda(x, y, len(zones), shrinkage)})


def _lda(x: NDArray[np.float64], y: NDArray[np.int64], zones: int, shrinkage: float) -> _Lda:
    means = np.stack([x[y == i].mean(axis=0) for i in range(zones)])
    centred = x - means[y]
    covariance = centred.T @ centred / max(1, len(x) - zones)
    scale = float(np.trace(covariance)) / len(covariance) or 1.0
    covariance = (1.0 - shrinkage) * covariance + shrinkage * scale * np.eye(len(covariance))
    inverse = np.linalg.inv(covariance)
    weights = means @ inverse
    priors = np.bincount(y, minlength=zones) / len(y)
    bias = -0.5 * np.einsum("ij,ij->i", weights, means) + np.log(priors)
    return _Lda(weights=weights.tolist(), bias=bias.tolist(), shrinkage=shrinkage)


def save(survey: ZoneSurvey, path: Path) -> None:
    """Write `survey` as JSON, atomically (a failed write leaves any old file as it was)."""
    partial = path.with_name(path.name + ".partial")
    try:
        partial.write_text(survey.model_dump_json() + "\n", encoding="utf-8")
        partial.replace(path)
    except OSError as err:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise SurveyError(f"{path}: cannot be written: {err}") from err


def load_survey(path: Path) -> ZoneSurvey:
    """Read and check a survey file; any fault is a `SurveyError` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise SurveyError(f"survey {path}: cannot be read: {err}") from err
    try:
        return ZoneSurvey.model_validate_json(text)
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "file"
        raise SurveyError(
            f"survey {path} is not a {FORMAT} version {VERSION} file (make one with "
            f"`showfloor-edge beacons survey`): {where}: {first['msg']}"
        ) from err


def read_marks(path: Path) -> list[Mark]:
    """Zone marks: `time,zone` or a truth file's `time,beacon,zone,x,y`, in time order.

    An empty zone or `-` marks a pause (the walker is not surveying from then on).
    """
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            columns = set(reader.fieldnames or ())
            if not {"time", "zone"} <= columns:
                raise SurveyError(
                    f"{path}: the header must have time and zone (time,zone or "
                    f"time,beacon,zone,x,y; found {','.join(reader.fieldnames or []) or 'nothing'})"
                )
            marks: list[Mark] = []
            for row in reader:
                try:
                    when = float(row["time"])
                except (TypeError, ValueError) as err:
                    raise SurveyError(
                        f"{path}, line {reader.line_num}: time is not a number"
                    ) from err
                if not math.isfinite(when) or (marks and when < marks[-1].time):
                    raise SurveyError(f"{path}, line {reader.line_num}: time goes backwards")
                zone = (row["zone"] or "").strip()
                beacon = (row.get("beacon") or "").strip() or None
                marks.append(
                    Mark(time=when, beacon=beacon, zone=None if zone in ("", "-") else zone)
                )
    except (OSError, UnicodeDecodeError, csv.Error) as err:
        raise SurveyError(f"{path}: cannot be read: {err}") from err
    if not marks:
        raise SurveyError(f"{path}: no marks")
    return marks


class MarkedZones:
    """The zone marked in force for a beacon at a time (the last mark at or before it)."""

    def __init__(self, marks: list[Mark], beacons: set[str]) -> None:
        named = {mark.beacon for mark in marks} - {None}
        if not named and len(beacons) != 1:
            raise SurveyError(
                f"the marks name no beacon and the trace holds {len(beacons)} "
                "(give marks with a beacon column)"
            )
        only = next(iter(beacons)) if not named else None
        self._times: dict[str, list[float]] = {}
        self._zones: dict[str, list[str | None]] = {}
        for mark in marks:
            beacon = mark.beacon or only
            if beacon is None:
                raise SurveyError("some marks name a beacon and some do not")
            self._times.setdefault(beacon, []).append(mark.time)
            self._zones.setdefault(beacon, []).append(mark.zone)

    def beacons(self) -> list[str]:
        """The surveyed beacons."""
        return list(self._times)

    def at(self, beacon: str, when: float) -> str | None:
        """The zone marked for `beacon` at `when` (None: before the marks or paused)."""
        times = self._times.get(beacon)
        if not times:
            return None
        index = bisect.bisect_right(times, when) - 1
        return self._zones[beacon][index] if index >= 0 else None

    def zones(self) -> set[str]:
        """Every zone named."""
        return {zone for zones in self._zones.values() for zone in zones if zone is not None}


def ticks(readings: Sequence[Reading], tick_s: float) -> Iterator[tuple[float, int]]:
    """(decision time, number of readings before it) every `tick_s` over the readings."""
    if not readings:
        return
    now = math.floor(readings[0].time / tick_s) * tick_s + tick_s
    index = 0
    while True:
        while index < len(readings) and readings[index].time < now:
            index += 1
        if index >= len(readings):
            return
        yield now, index
        now += tick_s
