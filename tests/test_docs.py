"""The documentation tells the truth: generated pages are fresh, every command is documented."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest

from cloud.__main__ import build_parser as cloud_parser
from edge.__main__ import build_parser as edge_parser
from edge.listen.transcript import Transcript
from models.__main__ import _parser as models_parser
from tools import gen_config_docs

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
PARSERS = {
    "showfloor-edge": edge_parser,
    "showfloor-models": models_parser,
    "showfloor-cloud": cloud_parser,
}


def _readme() -> str:
    return README.read_text(encoding="utf-8")


def _subcommands(parser: argparse.ArgumentParser) -> list[str]:
    return [
        name
        for action in parser._actions
        if isinstance(action, argparse._SubParsersAction)
        for name in action.choices
    ]


def _code_blocks(text: str, language: str) -> list[str]:
    return re.findall(rf"^```{language}\n(.*?)^```", text, flags=re.MULTILINE | re.DOTALL)


def test_configuration_page_is_not_stale() -> None:
    page = ROOT / "docs" / "configuration.md"
    assert page.read_text(encoding="utf-8") == gen_config_docs.render(), (
        "docs/configuration.md is stale: run `.venv/bin/python -m tools.gen_config_docs`"
    )


@pytest.mark.parametrize(
    ("program", "command"),
    [(program, command) for program, make in PARSERS.items() for command in _subcommands(make())],
)
def test_every_subcommand_is_in_the_readme(program: str, command: str) -> None:
    assert f"{program} {command}" in _readme()


def test_readme_names_only_real_subcommands() -> None:
    for program, make in PARSERS.items():
        real = set(_subcommands(make()))
        mentioned = set(re.findall(rf"{program} ([a-z][a-z-]*)", _readme()))
        assert mentioned <= real, f"{program}: README mentions {mentioned - real}"


def test_readme_examples_parse() -> None:
    lines = [
        line
        for block in _code_blocks(_readme(), "sh")
        for line in block.splitlines()
        if line.split(" ", 1)[0] in PARSERS
    ]
    assert lines
    for line in lines:
        program, *argv = shlex.split(line.split("#", 1)[0])
        PARSERS[program]().parse_args(argv)  # exits (SystemExit) on a bad example


def test_readme_json_example_is_a_transcript() -> None:
    (example,) = _code_blocks(_readme(), "json")
    transcript = Transcript.model_validate_json(example)
    assert {s.role for s in transcript.segments} == {"salesperson", "customer"}


def test_readme_starts_with_the_two_commands() -> None:
    head = "\n".join(_readme().splitlines()[:8])
    assert "make demo" in head
    assert "make test" in head


def test_readme_make_targets_exist() -> None:
    targets = set(re.findall(r"^([a-z][a-z-]*):", (ROOT / "Makefile").read_text(), re.MULTILINE))
    mentioned = set(re.findall(r"`make ([a-z][a-z-]*)`", _readme()))
    assert mentioned
    assert mentioned <= targets, f"README mentions make targets {mentioned - targets}"


def test_readme_links_resolve() -> None:
    links = re.findall(r"\]\(([^)#:]+)\)", _readme())
    assert links
    missing = [link for link in links if not (ROOT / link).exists()]
    assert not missing, f"README links to missing files: {missing}"


def test_ci_runs_make_test() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if not line.strip().startswith("#")]
    assert "make test" in commands
