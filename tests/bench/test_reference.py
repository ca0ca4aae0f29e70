"""Reference TSVs for timing prompts from the end of speech, and the scripted dialogues."""

import itertools
from pathlib import Path

import pytest

from bench.dialogues import DIALOGUES, HELDOUT5, names, split_of, write
from bench.reference import ReferenceError, read_reference, reference_end


def test_a_reference_is_read_line_by_line(tmp_path: Path) -> None:
    tsv = tmp_path / "ref.tsv"
    tsv.write_text(
        "# start end role label text\n"
        "0.70\t3.10\tsalesperson\t-\tWelcome in.\n"
        "3.80\t6.25\tcustomer\tprice,trade_in\tToo much, and my trade?\n"
    )
    first, second = read_reference(tsv)
    assert (first.role, first.labels) == ("salesperson", ())
    assert (second.start, second.end, second.labels) == (3.8, 6.25, ("price", "trade_in"))
    assert second.text == "Too much, and my trade?"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("1.0\t2.0\tcustomer\tprice", "want 5 tab-separated fields, got 4"),
        ("one\t2.0\tcustomer\tprice\tToo much.", "start and end must be seconds"),
        ("3.0\t2.0\tcustomer\tprice\tToo much.", "end before start"),
        ("1.0\t2.0\tmanager\tprice\tToo much.", "role not customer/salesperson"),
    ],
)
def test_a_bad_line_is_named(tmp_path: Path, line: str, message: str) -> None:
    tsv = tmp_path / "bad.tsv"
    tsv.write_text("0.0\t1.0\tsalesperson\t-\tHello.\n" + line + "\n")
    with pytest.raises(ReferenceError, match=f"bad.tsv:2: {message}"):
        read_reference(tsv)


def test_an_empty_reference_is_an_error(tmp_path: Path) -> None:
    tsv = tmp_path / "empty.tsv"
    tsv.write_text("# nothing\n")
    with pytest.raises(ReferenceError, match="no turns"):
        read_reference(tsv)


def test_a_prompt_is_timed_from_the_last_customer_turn_its_turn_overlaps(tmp_path: Path) -> None:
    tsv = tmp_path / "ref.tsv"
    tsv.write_text(
        "0.0\t2.0\tsalesperson\t-\tHi.\n"
        "2.5\t4.0\tcustomer\tprice\tToo much.\n"
        "4.3\t6.0\tcustomer\ttest_drive\tCan I drive it?\n"
        "6.5\t8.0\tsalesperson\t-\tSure.\n"
    )
    turns = read_reference(tsv)
    both = reference_end(turns, 2.4, 6.2)  # one hub turn over two customer turns
    assert both is not None and both.end == 6.0
    first = reference_end(turns, 2.4, 4.1)
    assert first is not None and first.end == 4.0
    assert reference_end(turns, 6.6, 8.0) is None  # the salesperson's speech: no customer


def test_dialogues_split_by_hash_and_write_their_reference(tmp_path: Path) -> None:
    assert sorted(names("tune") + names("heldout")) == sorted(DIALOGUES)
    assert split_of("dialogue03") == "tune" and split_of("demo_showroom") == "heldout"
    # the third pass's held-out set is apart: never in the development data
    assert names("heldout5") == list(HELDOUT5) and len(HELDOUT5) >= 6
    assert not set(HELDOUT5) & set(names("all")) and not set(HELDOUT5) & set(DIALOGUES)
    assert all(split_of(name) == "heldout5" for name in HELDOUT5)
    said = {line.text for lines in DIALOGUES.values() for line in lines}
    assert not said & {line.text for lines in HELDOUT5.values() for line in lines}
    wav, tsv = write("dialogue03", tmp_path)
    turns = read_reference(tsv)
    assert wav.exists() and len(turns) == len(DIALOGUES["dialogue03"])
    assert [t.role for t in turns][:2] == ["salesperson", "customer"]
    assert turns[1].labels == ("think_it_over",)
    assert all(a.end <= b.start for a, b in itertools.pairwise(turns))
