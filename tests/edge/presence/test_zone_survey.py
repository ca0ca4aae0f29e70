"""Zone surveys: learning, the file (round trip, bad files refused whole), marks, the locator."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from contract.ids import HubAddress
from edge.events import MemorySink
from edge.presence.service import PresenceService
from edge.presence.settings import PresenceSettings, ZoneSettings
from edge.presence.zone_survey import (
    MarkedZones,
    Method,
    SurveyError,
    ZoneSurvey,
    adjacent_zones,
    learn,
    load_survey,
    read_marks,
    save,
)
from edge.presence.zones import ZoneLocator
from tests.edge.presence.beacons import SITE_KEY

HUBS = ["h1", "h2", "h3"]
HUB = HubAddress.of("acme", "downtown", "h1")


def fingerprints(seed: int = 0, n: int = 60) -> list[tuple[np.ndarray, str]]:
    """Zone a: h1 loud; zone b: h2 loud; h3 hears nothing in zone a (NaN)."""
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        out.append((np.array([-55.0, -75.0, np.nan]) + rng.normal(0, 3, 3), "a"))
        out.append((np.array([-75.0, -55.0, -70.0]) + rng.normal(0, 3, 3), "b"))
    return out


def _learn(method: Method) -> ZoneSurvey:
    return learn(
        fingerprints(), HUBS, method=method, rssi_process_noise=2.0, rssi_measurement_noise=36.0
    )


@pytest.mark.parametrize("method", ["lda", "knn"])
def test_a_survey_learns_the_zones_and_survives_its_file(tmp_path: Path, method: Method) -> None:
    survey = _learn(method)
    assert survey.zones == ["a", "b"] and survey.samples_per_zone == {"a": 60, "b": 60}
    assert survey.missing_rssi[2] < -70  # h3 was silent in zone a: below its weakest
    path = tmp_path / "zones.survey.json"
    save(survey, path)
    assert json.loads(path.read_text())["format"] == "showfloor-zone-survey"
    loaded = load_survey(path)
    assert loaded == survey
    compiled = loaded.compile()
    near_h1 = compiled.probabilities({"h1": -56.0, "h2": -74.0})  # h3 not heard: missing
    near_h2 = compiled.probabilities({"h1": -76.0, "h2": -54.0, "h3": -71.0})
    assert near_h1["a"] > 0.9 and near_h2["b"] > 0.9
    assert sum(near_h1.values()) == pytest.approx(1.0, abs=1e-5)
    assert compiled.probabilities({"h1": -56.0, "elsewhere": -40.0})["a"] > 0.9  # unknown hub


def test_nothing_to_learn_is_refused_with_the_reason() -> None:
    one_zone = [item for item in fingerprints() if item[1] == "a"]
    with pytest.raises(SurveyError, match="marks only"):
        learn(one_zone, HUBS, method="lda", rssi_process_noise=2, rssi_measurement_noise=36)
    silent = [(np.array([v[0], v[1], np.nan]), z) for v, z in fingerprints()]
    with pytest.raises(SurveyError, match=r"hub\(s\) h3 never heard"):
        learn(silent, HUBS, method="knn", rssi_process_noise=2, rssi_measurement_noise=36)
    with pytest.raises(SurveyError, match="nothing to learn"):
        learn([], HUBS, method="knn", rssi_process_noise=2, rssi_measurement_noise=36)


def _good(tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "good.json"
    save(_learn("lda"), path)
    document: dict[str, object] = json.loads(path.read_text())
    return document


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"format": "other-survey"}, "format"),
        ({"version": 2}, "version"),
        ({"missing_rssi": [-80.0]}, "missing_rssi needs one value per hub"),
        ({"zones": ["a", "a"]}, "must not repeat"),
        ({"lda": None}, "method lda needs an lda section"),
        ({"method": "pickle"}, "method"),
        ({"unexpected": 1}, "unexpected"),
    ],
)
def test_a_bad_survey_file_is_refused_whole_naming_the_file(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(_good(tmp_path) | change), encoding="utf-8")
    with pytest.raises(SurveyError, match=f"survey {path} is not a showfloor-zone-survey") as err:
        load_survey(path)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_broken_bytes_and_numbers_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(SurveyError, match="is not a showfloor-zone-survey version 1 file"):
        load_survey(path)
    document = _good(tmp_path)
    path.write_text(json.dumps(document | {"missing_rssi": [float("nan")] * 3}), encoding="utf-8")
    with pytest.raises(SurveyError, match="finite"):
        load_survey(path)
    with pytest.raises(SurveyError, match="cannot be read"):
        load_survey(tmp_path / "absent.json")


def test_a_failed_save_leaves_the_previous_survey_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "zones.survey.json"
    save(_learn("lda"), path)
    before = path.read_bytes()
    (tmp_path / "zones.survey.json.partial").mkdir()  # the write cannot happen
    with pytest.raises(SurveyError, match="cannot be written"):
        save(_learn("knn"), path)
    assert path.read_bytes() == before and load_survey(path).method == "lda"


def _site(**overrides: object) -> PresenceSettings:
    zones = [ZoneSettings(name="a", hub="h1"), ZoneSettings(name="b", hub="h2")]
    zones.append(ZoneSettings(name="b", hub="h3"))
    return PresenceSettings.model_validate({"zones": zones} | overrides)


def test_a_locator_refuses_a_survey_of_other_hubs_or_zones() -> None:
    survey = _learn("knn")
    ZoneLocator(_site(), "h1", survey)  # matches
    other = PresenceSettings(zones=[ZoneSettings(name="a", hub="h1"), ZoneSettings(name="c")])
    with pytest.raises(SurveyError, match="hubs not anchoring a zone: h2, h3; zones not con"):
        ZoneLocator(other, "h1", survey)


def test_a_hub_with_a_bad_survey_does_not_start(tmp_path: Path) -> None:
    path = tmp_path / "zones.survey.json"
    path.write_text('{"format": "showfloor-zone-survey", "version": 1}', encoding="utf-8")
    with pytest.raises(SurveyError, match="is not a showfloor-zone-survey version 1 file"):
        PresenceService(_site(survey=path), MemorySink(HUB), site_key=SITE_KEY, hub="h1")
    save(_learn("lda"), path)
    service = PresenceService(_site(survey=path), MemorySink(HUB), site_key=SITE_KEY, hub="h1")
    assert service.locator.locate("nobody", 0.0) is None


def test_marks_come_as_time_zone_or_as_a_truth_file(tmp_path: Path) -> None:
    simple = tmp_path / "marks.csv"
    simple.write_text("time,zone\n10,a\n20,-\n30,b\n", encoding="utf-8")
    zones = MarkedZones(read_marks(simple), {"tag"})
    assert [zones.at("tag", t) for t in (5, 10, 19.9, 25, 31)] == [None, "a", "a", None, "b"]
    assert zones.zones() == {"a", "b"}
    truth = tmp_path / "truth.csv"
    truth.write_text("time,beacon,zone,x,y\n1,t1,a,0,0\n2,t2,b,1,1\n", encoding="utf-8")
    both = MarkedZones(read_marks(truth), {"t1", "t2", "t3"})
    assert (both.at("t1", 3), both.at("t2", 3), both.at("t3", 3)) == ("a", "b", None)
    with pytest.raises(SurveyError, match="the marks name no beacon and the trace holds 2"):
        MarkedZones(read_marks(simple), {"t1", "t2"})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("when,zone\n1,a\n", "the header must have time and zone"),
        ("time,zone\n1,a\nsoon,b\n", "line 3: time is not a number"),
        ("time,zone\n2,a\n1,b\n", "line 3: time goes backwards"),
        ("time,zone\n", "no marks"),
    ],
)
def test_bad_marks_name_their_line(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "marks.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SurveyError, match=message):
        read_marks(path)


def test_another_hubs_smoothed_value_is_taken_as_it_is_only_with_a_survey() -> None:
    with_survey = ZoneLocator(_site(), "h1", _learn("knn"))
    without = ZoneLocator(_site(), "h1")
    for locator in (with_survey, without):
        locator.observe("h2", "tag", -70.0, 0.0, merged=True)
        locator.observe("h1", "tag", -70.0, 0.0)
        locator.observe("h1", "tag", -50.0, 1.0)  # this hub's own reading: smoothed
    assert with_survey.observe("h2", "tag", -50.0, 1.0, merged=True) == -50.0
    assert -70.0 < (without.observe("h2", "tag", -50.0, 1.0, merged=True) or 0.0) < -55.0
    assert with_survey.smoothed("tag", "h1") == without.smoothed("tag", "h1")
    assert -70.0 < (with_survey.smoothed("tag", "h1") or 0.0) < -55.0


def _three_zones(seed: int = 0, n: int = 40) -> list[tuple[np.ndarray, str]]:
    """Zones a, b, c, each loudest at its own hub (h1, h2, h3)."""
    rng = np.random.default_rng(seed)
    centres = {"a": [-55.0, -72.0, -80.0], "b": [-72.0, -55.0, -72.0], "c": [-80.0, -72.0, -55.0]}
    return [
        (np.array(centre) + rng.normal(0, 2, 3), zone)
        for _ in range(n)
        for zone, centre in centres.items()
    ]


def test_relative_fingerprints_ignore_a_tag_louder_or_quieter_everywhere() -> None:
    common = {"rssi_process_noise": 2.0, "rssi_measurement_noise": 36.0, "method": "knn"}
    relative = learn(_three_zones(), HUBS, feature="relative", **common).compile()  # type: ignore[arg-type]
    absolute = learn(_three_zones(), HUBS, **common).compile()  # type: ignore[arg-type]
    near_b = {"h1": -72.0, "h2": -55.0, "h3": -72.0}
    quieter = {hub: rssi - 12.0 for hub, rssi in near_b.items()}  # a weaker tag, same place
    assert relative.probabilities(quieter) == relative.probabilities(near_b)
    assert max(relative.probabilities(quieter).items(), key=lambda kv: kv[1])[0] == "b"
    assert absolute.vector(quieter)[1] == -67.0 and relative.vector(quieter)[1] == 0.0


def test_kernel_weighting_gives_the_nearer_neighbours_more_say() -> None:
    common = {"rssi_process_noise": 2.0, "rssi_measurement_noise": 36.0, "method": "knn", "k": 80}
    vote = learn(_three_zones(), HUBS, **common).compile()  # type: ignore[arg-type]
    kernel = learn(_three_zones(), HUBS, weighting="kernel", **common).compile()  # type: ignore[arg-type]
    near_a = {"h1": -55.0, "h2": -72.0, "h3": -80.0}
    # 80 neighbours reach into zone b; the kernel discounts those far ones
    assert kernel.probabilities(near_a)["a"] > vote.probabilities(near_a)["a"]
    assert sum(kernel.probabilities(near_a).values()) == pytest.approx(1.0)


def test_centered_fingerprints_are_blind_to_a_tag_louder_everywhere() -> None:
    common = {"rssi_process_noise": 2.0, "rssi_measurement_noise": 36.0, "method": "knn"}
    centered = learn(_three_zones(), HUBS, feature="centered", **common).compile()  # type: ignore[arg-type]
    near_b = {"h1": -72.0, "h2": -55.0, "h3": -72.0}
    louder = {hub: rssi + 9.0 for hub, rssi in near_b.items()}
    assert centered.probabilities(louder) == centered.probabilities(near_b)
    assert max(centered.probabilities(louder).items(), key=lambda kv: kv[1])[0] == "b"
    assert centered.vector(near_b).tolist() == pytest.approx([-5.667, 11.333, -5.667], abs=1e-3)


def test_inverse_distance_weighting_gives_the_nearer_neighbours_more_say() -> None:
    common = {"rssi_process_noise": 2.0, "rssi_measurement_noise": 36.0, "method": "knn", "k": 80}
    vote = learn(_three_zones(), HUBS, **common).compile()  # type: ignore[arg-type]
    inverse = learn(_three_zones(), HUBS, weighting="inverse", **common).compile()  # type: ignore[arg-type]
    near_a = {"h1": -55.0, "h2": -72.0, "h3": -80.0}
    assert inverse.probabilities(near_a)["a"] > vote.probabilities(near_a)["a"]
    assert sum(inverse.probabilities(near_a).values()) == pytest.approx(1.0)


def test_a_survey_keeps_its_median_window_and_the_locator_smooths_with_it(
    tmp_path: Path,
) -> None:
    survey = learn(
        _three_zones(), HUBS, method="knn", rssi_process_noise=8.0, rssi_measurement_noise=36.0,
        rssi_median_of=5,
    )  # fmt: skip
    save(survey, tmp_path / "s.json")
    assert load_survey(tmp_path / "s.json").rssi_median_of == 5
    zones = [ZoneSettings(name=z, hub=h) for z, h in zip("abc", HUBS, strict=True)]
    locator = ZoneLocator(PresenceSettings(zones=zones), "h1", load_survey(tmp_path / "s.json"))
    for t in range(5):
        locator.observe("h1", "tag", -55.0, float(t))
    assert locator.observe("h1", "tag", -90.0, 5.0) == pytest.approx(-55.0)  # a lone fade
    document = json.loads((tmp_path / "s.json").read_text())
    del document["rssi_median_of"]  # a survey made before the window existed: none
    (tmp_path / "old.json").write_text(json.dumps(document))
    assert load_survey(tmp_path / "old.json").rssi_median_of == 1


def test_the_walks_adjacency_and_a_forward_filter_between_ticks(tmp_path: Path) -> None:
    walked = [(0.0, "a"), (1.0, "a"), (2.0, "b"), (3.0, "b"), (60.0, "c"), (61.0, "b")]
    assert adjacent_zones(walked) == [("a", "b"), ("b", "c")]  # b -> c was a pause, 57 s
    survey = learn(
        _three_zones(), HUBS, method="knn", rssi_process_noise=2.0, rssi_measurement_noise=36.0,
        rate_per_s=0.1, adjacent=[("a", "b"), ("b", "c")],
    )  # fmt: skip
    save(survey, tmp_path / "s.json")
    assert load_survey(tmp_path / "s.json") == survey
    compiled = survey.compile()
    at_a = compiled.posterior({"h1": -55.0, "h2": -72.0, "h3": -80.0})
    at_c = compiled.posterior({"h1": -80.0, "h2": -72.0, "h3": -55.0})
    belief = compiled.forward(None, at_a, 0.0)
    assert belief[0] > 0.9
    once = compiled.forward(belief, at_c, 1.0)  # one tick says c: the belief holds back
    assert once[2] < 0.6 < at_c[2]
    for _ in range(4):  # c, sustained, wins
        belief = compiled.forward(belief if _ else once, at_c, 1.0)
    assert belief[2] > 0.9
    document = json.loads((tmp_path / "s.json").read_text())
    document["transitions"]["adjacent"] = [["a", "cellar"]]
    (tmp_path / "bad.json").write_text(json.dumps(document))
    with pytest.raises(SurveyError, match="transitions name unknown zones: cellar"):
        load_survey(tmp_path / "bad.json")


def test_a_filtered_survey_keeps_the_zone_through_a_one_tick_glitch() -> None:
    settings = PresenceSettings(
        zones=[ZoneSettings(name=z, hub=h) for z, h in zip("abc", HUBS, strict=True)],
        switch_after_s=0.0,
    )
    common = {"rssi_process_noise": 2.0, "rssi_measurement_noise": 36.0, "method": "knn"}
    plain = learn(_three_zones(), HUBS, **common)  # type: ignore[arg-type]
    filtered = learn(_three_zones(), HUBS, rate_per_s=0.01, **common)  # type: ignore[arg-type]
    decided = {}
    for name, survey in (("plain", plain), ("filtered", filtered)):
        locator = ZoneLocator(settings, "h1", survey)
        zones = []
        for second in range(12):
            at = {"h1": -55.0, "h2": -72.0, "h3": -80.0}
            if second in (6, 7):  # a glitch: for two ticks the fingerprint is c's
                at = {"h1": -80.0, "h2": -72.0, "h3": -55.0}
            for hub, rssi in at.items():
                locator.observe(hub, "tag", rssi, float(second), merged=True)
            zones.append(locator.locate("tag", float(second)))
        decided[name] = zones
    assert "c" in decided["plain"]
    assert decided["filtered"] == ["a"] * 12
