"""The phrasebook: every sentence the coach says, kept as data so wording is not code.

Built-in phrasebooks exist for English, German and Spanish. A user's phrasebook (a copy of
``repcast phrases`` output, edited) names its ``language``, which must be the workout's, has
exactly the built-in keys and may use only the placeholders the built-in entry uses.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import yaml

from ..errors import InputError, quoted
from .documents import load_document
from .schema import Checker, Spec

LANGUAGES = ("en", "de", "es")
VERBOSITY = ("minimal", "standard", "full")
# The espeak-ng voice used when a routine names a language but no voice.
DEFAULT_VOICES = MappingProxyType({"en": "en-us", "de": "de", "es": "es"})
LANGUAGE_KEY = "language"  # a phrasebook's first entry: the language it is written in
_NAMES = MappingProxyType({"en": "English", "de": "German", "es": "Spanish"})
PRONOUNCE = "pronounce"  # the phrasebook's optional mapping of written words to spoken ones
PRONOUNCE_SPEC = Spec(
    "words",
    "how to say words the voice gets wrong: written word or phrase -> what to say "
    "(whole words, any case; transcripts keep the written words)",
)
PHRASE = Spec("str", "what the coach says", required=True)
MAX_SAID = 5000
"""The most characters one cue (or one ``repcast say``) may say: some five minutes of speech.
Texts are put together from the routine's names and the phrasebook's phrases, so their
length is bounded here, before anything is synthesized."""
MAX_RESPELT = 2 * MAX_SAID
"""The most characters a text may have once respelt: a pronunciation may lengthen a word
("TRX" -> "tee are ex") but not multiply it."""


@dataclass(frozen=True)
class Phrasebook:
    language: str
    texts: Mapping[str, str]
    pronounce: Mapping[str, str] = field(default_factory=dict)

    def say(self, key: str, **values: object) -> str:
        return self.texts[key].format(**values)

    def count(self, key: str, n: int, words: str) -> str:
        """A counted phrase ("one rep", "ten reps"): the entry is "singular|plural"."""
        one, _, many = self.texts[key].partition("|")
        return (one if n == 1 else many or one).format(n=words)


def builtin_text(language: str) -> str:
    if language not in LANGUAGES:
        raise InputError(
            f"no phrasebook for {language!r}; choose one of {', '.join(LANGUAGES)}",
            field="language",
        )
    return resources.files("repcast").joinpath(f"data/phrases-{language}.yaml").read_text("utf-8")


def phrasebook_for(language: str) -> Phrasebook:
    data = yaml.safe_load(builtin_text(language))
    del data[LANGUAGE_KEY]
    words = data.pop(PRONOUNCE, {})
    return Phrasebook(language, MappingProxyType(data), MappingProxyType(words))


def pronouncer(words: Mapping[str, str], source: str = "") -> Callable[[str], str]:
    """A function that respells ``words`` (whole words or phrases, any case) in a text;
    an InputError naming ``source``'s pronounce if the text grows past MAX_RESPELT."""
    if not words:
        return str
    spoken = {k.lower(): v for k, v in words.items()}
    alternatives = "|".join(re.escape(k) for k in sorted(spoken, key=len, reverse=True))
    pattern = re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)

    def respell(text: str) -> str:
        said = pattern.sub(lambda m: spoken[m.group(0).lower()], text)
        if len(said) > MAX_RESPELT:
            raise InputError(
                f"makes {quoted(text)} {len(said)} characters long to say; at most "
                f"{MAX_RESPELT} are allowed",
                file=source or None,
                field=PRONOUNCE,
            )
        return said

    return respell


def _fields(template: str) -> Counter[str]:
    """The placeholders of a template; positional ones ("{}", "{0}") count as named "0".
    Only plain ones are allowed: a format spec, a conversion or a lookup ("{title:>99999999}",
    "{n:d}", "{title.upper}") could take any time and memory, or fail mid-build."""
    names: Counter[str] = Counter()
    for _, name, spec, conversion in string.Formatter().parse(template):
        if name is None:
            continue
        if spec or conversion or not re.fullmatch(r"\w*", name):
            written = (
                "{" + name + (f"!{conversion}" if conversion else "") + f":{spec}" * bool(spec)
            )
            raise ValueError(
                f"{quoted(written + '}')} is not allowed; use only plain placeholders like {{name}}"
            )
        names[name if name and not name.isdigit() else "0"] += 1
    return names


def load_phrasebook(path: Path, language: str) -> Phrasebook:
    """A user's phrasebook for ``language``, checked against the built-in one."""
    name = str(path)
    data = load_document(path, "a phrasebook")
    if not isinstance(data, dict):
        raise InputError("expected a mapping of phrase names to text", file=name)
    data = dict(data)
    _check_language(data.pop(LANGUAGE_KEY, None), language, name)
    c = Checker(name)
    words = c.check(data.pop(PRONOUNCE, None) or {}, PRONOUNCE_SPEC, PRONOUNCE)
    base = phrasebook_for(language).texts
    missing = sorted(set(base) - set(data))
    extra = sorted(str(k) for k in set(data) - set(base))
    if missing:
        raise InputError(f"missing phrases: {', '.join(missing)}", file=name)
    if extra:
        raise InputError(f"unknown phrases: {', '.join(extra)}", file=name)
    texts = c.obj(data, {key: PHRASE for key in base}, "")
    for key, text in texts.items():
        try:
            fields, allowed_fields = _fields(text), _fields(base[key])
        except ValueError as exc:
            raise InputError(f"bad placeholder: {exc}", file=name, field=key) from exc
        unknown = set(fields) - set(allowed_fields)
        if unknown:
            allowed = ", ".join("{" + f + "}" for f in sorted(allowed_fields)) or "none"
            raise InputError(
                f"unknown placeholder {{{sorted(unknown)[0]}}} (allowed: {allowed})",
                file=name,
                field=key,
            )
        # Each placeholder is filled in with up to a line of text: used no more often than
        # the built-in phrase uses it, a phrase stays about as long as it looks.
        for placeholder, times in fields.items():
            if times > allowed_fields[placeholder]:
                raise InputError(
                    f"uses {{{placeholder}}} {times} times; at most "
                    f"{allowed_fields[placeholder]}, as the built-in phrase does",
                    file=name,
                    field=key,
                )
    return Phrasebook(language, MappingProxyType(texts), MappingProxyType(words))


def _check_language(written: object, language: str, name: str) -> None:
    """Numbers, durations and the voice follow the workout's language, so a phrasebook in
    another one would mix two languages in one sentence."""
    if written == language:
        return
    if written is None:
        reason = f"missing; add '{LANGUAGE_KEY}: {language}' if the phrases are in "
        reason += _NAMES[language]
    elif written in _NAMES:
        reason = (
            f"the phrases are in {_NAMES[str(written)]} but the workout is in "
            f"{_NAMES[language]}; use --lang {written}, or start from "
            f"'repcast phrases --lang {language}'"
        )
    else:
        reason = f"expected one of {', '.join(LANGUAGES)}, got {written!r}"
    raise InputError(reason, file=name, field=LANGUAGE_KEY)
