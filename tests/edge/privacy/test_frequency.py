"""Word frequencies of English and Spanish (`wordfreq`): what makes a lower-case word rare."""

from __future__ import annotations

from edge.privacy import frequency


def test_common_words_are_common_in_their_language() -> None:
    assert frequency.zipf("the", "en") > 7
    assert frequency.zipf("casa", "es") > 5
    assert frequency.most("odometer") > 2  # seen in English text
    assert frequency.zipf("odometer", "es") < frequency.zipf("odometer", "en")


def test_names_of_other_countries_are_rare_in_both() -> None:
    for name in ("haruto", "kwame", "benjelloun"):
        assert frequency.rare(name, 3.0)
    for word in ("price", "precio", "lease", "enganche"):
        assert not frequency.rare(word, 3.0)


def test_an_unseen_word_has_zero() -> None:
    assert frequency.zipf("qxzvjwk", "en") == 0.0
    assert frequency.most("qxzvjwk") == 0.0


def test_a_redactor_loads_the_lists_at_its_start() -> None:
    from edge.privacy.redact import Redactor

    Redactor()
    assert frequency._table.cache_info().currsize == len(frequency.LANGUAGES)


def test_every_word_of_the_redaction_and_understanding_files_reads_as_wordfreq_reads_it() -> None:
    """The compact table is exact: the same Zipf figure as `wordfreq.zipf_frequency` itself."""
    import json
    from pathlib import Path

    from wordfreq import zipf_frequency

    files = sorted(Path(__file__).parents[3].joinpath("eval", "data").glob("*.jsonl"))
    words = {"o'brien", "al-sayed", "4x4", "f-150", "2021", "josé", "niño", "", "¿qué"}
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line).get("text", "")
            words.update(word.lower().strip('.,;:!?"()') for word in text.split())
    assert len(words) > 5000
    for language in frequency.LANGUAGES:
        differ = [w for w in words if frequency.zipf(w, language) != zipf_frequency(w, language)]
        assert differ == [], differ[:10]


def test_both_lists_take_far_less_memory_than_wordfreqs_own() -> None:
    """Under 20 MB for both languages (wordfreq's dict and list of lists: about 70 MB)."""
    import subprocess
    import sys

    script = (
        "from edge.privacy import frequency\n"
        "def rss():\n"
        "    status = open('/proc/self/status').read()\n"
        "    return int(status.split('VmRSS:')[1].split()[0]) // 1024\n"
        "before = rss()\n"
        "frequency.load()\n"
        "print(rss() - before)\n"
    )
    grown = int(
        subprocess.run(
            [sys.executable, "-c", script], check=True, capture_output=True, text=True
        ).stdout
    )
    assert grown < 20, f"{grown} MiB"
