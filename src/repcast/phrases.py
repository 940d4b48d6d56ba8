"""The phrasebook: every sentence the coach says, kept as data so wording is not code."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from types import MappingProxyType

import yaml


@dataclass(frozen=True)
class Phrasebook:
    language: str
    texts: Mapping[str, str]

    def say(self, key: str, **values: object) -> str:
        return self.texts[key].format(**values)

    def count(self, key: str, n: int, words: str) -> str:
        """A counted phrase ("one rep", "ten reps"): the entry is "singular|plural"."""
        one, _, many = self.texts[key].partition("|")
        return (one if n == 1 else many or one).format(n=words)


def builtin_phrasebook(language: str = "en") -> Phrasebook:
    text = resources.files("repcast").joinpath(f"data/phrases-{language}.yaml").read_text("utf-8")
    return Phrasebook(language, MappingProxyType(yaml.safe_load(text)))
