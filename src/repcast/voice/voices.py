"""Every voice RepCast can speak with, from both engines, under one name space.

espeak-ng voices are found by name, identifier or language code, as espeak knows them.
Piper voices come from installed voice packages (distributions named ``*-piper-voice``),
from ``*.onnx`` + ``*.onnx.json`` pairs in the voices folder, or from a path to a model
file; any unambiguous part of a Piper voice's name selects it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Literal

import platformdirs

from ..errors import InputError
from ..routine.model import Voice
from ..routine.phrases import DEFAULT_VOICES
from . import neural
from .espeak import espeak

EngineName = Literal["espeak", "piper"]


@dataclass(frozen=True)
class VoiceInfo:
    name: str  # what `repcast voices` shows and voice.name may say
    engine: EngineName
    languages: tuple[str, ...]  # lowercase, dash-separated: en-us, de
    sample_rate: int
    source: str  # where it comes from, for people: "espeak-ng (bundled)", a package, a file
    identifier: str  # the espeak-ng identifier, or the model file for Piper
    config: str = ""  # Piper only: the model's JSON config
    title: str = ""  # espeak-ng only: its own name for the voice, "English (America)"

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else ""

    def speaks(self, language: str) -> bool:
        return any(x == language or x.startswith(language + "-") for x in self.languages)


def voices_dir() -> Path:
    env = os.environ.get("REPCAST_VOICES_DIR")
    return Path(env) if env else Path(platformdirs.user_data_dir("repcast")) / "voices"


def _espeak_voices() -> list[VoiceInfo]:
    eng = espeak()
    source = f"espeak-ng {eng.version.split()[0] if eng.version else ''} ({eng.source})"
    return [
        VoiceInfo(
            v.identifier,
            "espeak",
            tuple(x.lower() for x in v.languages),
            eng.rate,
            source,
            v.identifier,
            title=v.name,
        )
        for v in eng.voices()
    ]


def piper_voice(model: Path, source: str) -> VoiceInfo:
    """A Piper voice from its model file (the config lies beside it)."""
    model = model.expanduser()
    if not model.is_file():
        raise InputError("no such voice model", file=str(model))
    config = model.with_name(model.name + ".json")
    data = neural.read_config(model, config)
    code = str(data.get("language", {}).get("code") or data["espeak"]["voice"])
    return VoiceInfo(
        model.name.removesuffix(".onnx"),
        "piper",
        (code.replace("_", "-").lower(),),
        int(data["audio"]["sample_rate"]),
        source,
        str(model),
        str(config),
    )


@lru_cache(maxsize=1)
def _packaged_models() -> tuple[tuple[Path, str], ...]:
    found = []
    for dist in metadata.distributions():
        name = dist.metadata["Name"] or ""
        if not name.lower().endswith("-piper-voice"):
            continue
        for file in dist.files or ():
            if file.name.endswith(".onnx"):
                found.append((Path(str(dist.locate_file(file))), f"package {name}"))
    return tuple(sorted(found))


def _piper_voices() -> list[VoiceInfo]:
    folder = voices_dir()
    models = [*_packaged_models(), *((p, "voices folder") for p in sorted(folder.glob("*.onnx")))]
    found = []
    for model, source in models:
        try:
            found.append(piper_voice(model, source))
        except InputError:
            continue  # a stray or half-copied file in the folder is not a voice to offer
    return found


def all_voices() -> list[VoiceInfo]:
    return [*_espeak_voices(), *_piper_voices()]


def resolve(voice: Voice, source: str = "", field: str = "voice.name") -> VoiceInfo:
    """The voice that ``voice.name`` names, or an InputError saying what it could be."""
    wanted = voice.name or DEFAULT_VOICES["en"]
    where = {"file": source or None, "field": field}
    if wanted.lower().endswith(".onnx"):
        path = Path(wanted).expanduser()
        if source and not path.is_absolute():
            path = Path(source).parent / path  # relative to the routine, like its other files
        return _usable(piper_voice(path, "file"), field)
    want = wanted.strip().lower()
    everything = all_voices()
    for v in everything:  # exact names first, espeak's language codes among them
        keys = {v.name.lower(), v.title.lower(), v.identifier.rsplit("/", 1)[-1].lower()}
        if v.engine == "espeak":
            keys |= set(v.languages)
        if want in keys:
            return _usable(v, field)
    partial = [v for v in everything if v.engine == "piper" and want in v.name.lower()]
    if len(partial) == 1:
        return _usable(partial[0], field)
    if partial:
        names = ", ".join(v.name for v in partial[:8]) + (", ..." if len(partial) > 8 else "")
        raise InputError(f"{wanted!r} could be any of: {names}", **where)
    hint = "" if neural.available() else f"; natural voices: {neural.INSTALL_HINT}"
    raise InputError(f"unknown voice {wanted!r} (see 'repcast voices'{hint})", **where)


def _usable(info: VoiceInfo, field: str) -> VoiceInfo:
    if info.engine == "piper" and not neural.available():
        raise InputError(
            f"{info.name} is a Piper voice, which needs the neural engine: {neural.INSTALL_HINT}",
            field=field,
        )
    return info


def notes(info: VoiceInfo, voice: Voice, language: str) -> list[str]:
    """What the voice will do differently from what was asked, for one-line notes."""
    out = []
    if not info.speaks(language):
        out.append(
            f"voice {info.name} speaks {info.language or 'an unknown language'}, "
            f"the phrases are in {language}"
        )
    if info.engine == "piper" and voice.pitch != Voice.pitch:
        out.append(f"Piper voices have no pitch setting: pitch {voice.pitch} is not used")
    return out
