"""The make/model/trim catalogue (`catalog.yaml`), indexed by spoken form.

Every name and alias is indexed by its *key*: lower case, letters and digits only, so
"CR-V", "cr v" and "CRV" are one key. A model that is also a common word ("Escape"), or
whose name is only digits ("1500"), is marked `common`; so is a make that is also a common
word or name ("Dodge"): the mention finder trusts those only in context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def key(text: str) -> str:
    """`text` as an index key: lower case, letters and digits only."""
    return _NOT_ALNUM.sub("", text.lower())


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z0-9]+", text))


@dataclass(frozen=True)
class Make:
    """A make as the lead spells it, and whether it is also a common word."""

    name: str
    common: bool = False


@dataclass(frozen=True)
class Model:
    """A model of `make`, and whether it is also a common word (or only digits)."""

    make: str
    name: str
    common: bool = False


@dataclass
class Catalog:
    """Makes, models and trims by key; `span` is the most words any spoken form has."""

    makes: dict[str, Make] = field(default_factory=dict)
    models: dict[str, list[Model]] = field(default_factory=dict)
    trims: dict[str, str] = field(default_factory=dict)
    span: int = 1

    def _index(self, table: dict[str, Any], spoken: str, value: Any) -> None:
        self.span = max(self.span, _words(spoken))
        if isinstance(table.get(key(spoken)), list):
            if value not in table[key(spoken)]:
                table[key(spoken)].append(value)
        else:
            table.setdefault(key(spoken), value)

    def add_make(self, name: str, entry: dict[str, Any]) -> None:
        """Index one make of the YAML file and its models."""
        make = Make(name, common=bool(entry.get("ambiguous", False)))
        for spoken in [name, *entry.get("say", [])]:
            self._index(self.makes, str(spoken), make)
        for item in entry.get("models", []):
            text = str(item)
            common = text.endswith("*")
            model_name, _, aliases = text.rstrip("*").partition("=")
            model = Model(name, model_name, common=common or model_name.isdigit())
            for spoken in [model_name, *filter(None, aliases.split("/"))]:
                self.models.setdefault(key(spoken), [])
                self._index(self.models, spoken, model)


@cache
def catalog() -> Catalog:
    """The catalogue shipped with the package (read once)."""
    text = resources.files(__package__).joinpath("catalog.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    found = Catalog()
    for trim in data.pop("trims"):
        found._index(found.trims, str(trim), str(trim))
    for name, entry in data.items():
        found.add_make(str(name), entry or {})
    return found
