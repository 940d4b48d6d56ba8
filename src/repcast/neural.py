"""Piper, the optional neural engine (``pip install 'repcast[piper]'``).

A model is loaded only when a clip is not in the cache, so a warm build never pays for it;
one model per process, shared by every phrase. Piper samples noise inside the model on
every call, with no seed that can be set, so the same text comes out slightly different
each time: RepCast relies on the speech cache for repeatable builds (see the README).
"""

from __future__ import annotations

import importlib.util
import json
import logging
from pathlib import Path
from typing import Any

from .errors import EngineError, InputError
from .routine import Voice

INSTALL_HINT = "pip install 'repcast[piper]'"
_SENTENCE_GAP = 0.2  # seconds between sentences; Piper speaks each sentence on its own
_REFERENCE_RATE = 165  # words a minute that Piper's own length scale stands for

log = logging.getLogger("repcast.piper")


def available() -> bool:
    """Whether the extra is installed, without importing it (onnxruntime is slow to load)."""
    try:
        return importlib.util.find_spec("piper") is not None
    except (ImportError, ValueError):
        return False


def read_config(model: Path, config: Path) -> dict[str, Any]:
    """The voice's JSON config, checked for what synthesis needs."""
    try:
        data = json.loads(config.read_text("utf-8"))
        rate = int(data["audio"]["sample_rate"])
        ids = data["phoneme_id_map"]
        data["espeak"]["voice"]
        if rate < 8000 or not ids or not isinstance(ids, dict):
            raise ValueError
    except FileNotFoundError:
        raise InputError(
            f"no voice config {config.name} beside the model", file=str(model)
        ) from None
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError("is not a Piper voice config", file=str(config)) from exc
    return data


def length_scale(voice: Voice, config: dict[str, Any]) -> float:
    """Piper's length scale for the voice's rate: 165 words a minute is the model's own pace."""
    base = float(config.get("inference", {}).get("length_scale", 1.0))
    return round(base * _REFERENCE_RATE / voice.rate, 4)


class Piper:
    """One Piper voice model, loaded on first use."""

    def __init__(self, model: Path, config: Path):
        self.model = model
        self.config_path = config
        self.config = read_config(model, config)
        self.rate = int(self.config["audio"]["sample_rate"])
        self._voice: Any = None

    def _load(self) -> Any:
        if self._voice is not None:
            return self._voice
        try:
            from piper import PiperVoice
        except ImportError:
            raise InputError(
                f"Piper voices need the neural engine: {INSTALL_HINT}", field="voice.name"
            ) from None
        name = str(self.model)
        try:
            voice = PiperVoice.load(self.model, config_path=self.config_path)
        except Exception as exc:  # onnxruntime raises its own types for a bad model
            raise InputError("is not a Piper voice model (it cannot be loaded)", file=name) from exc
        # A config made for another model names phoneme ids the model does not have, or
        # leaves out its speaker input: speaking every id once shows either at once.
        probe = sorted({i for ids in voice.config.phoneme_id_map.values() for i in ids})
        try:
            voice.phoneme_ids_to_audio(probe)
        except Exception as exc:
            raise InputError(
                f"the config {self.config_path.name} does not belong to this model", file=name
            ) from exc
        log.debug("loaded Piper voice %s", self.model)
        self._voice = voice
        return voice

    def synth(self, text: str, voice: Voice) -> bytes:
        """Mono 16-bit PCM at ``self.rate``, the sentences joined by a short pause."""
        import numpy as np
        from piper import SynthesisConfig

        model = self._load()
        settings = SynthesisConfig(
            length_scale=length_scale(voice, self.config), normalize_audio=False
        )
        gap = np.zeros(int(self.rate * _SENTENCE_GAP), dtype=np.int16)
        parts: list[Any] = []
        try:
            for chunk in model.synthesize(text, syn_config=settings):
                parts += [gap, chunk.audio_int16_array] if parts else [chunk.audio_int16_array]
        except Exception as exc:
            raise EngineError(f"Piper failed to speak {text!r}: {exc}") from exc
        if not parts:
            raise EngineError(f"Piper produced no audio for {text!r}")
        return np.concatenate(parts).astype("<i2").tobytes()


_LOADED: dict[tuple[Path, Path], Piper] = {}


def piper(model: Path, config: Path) -> Piper:
    """The process's instance of a voice model: each model is loaded once."""
    key = (model.absolute(), config.absolute())
    if key not in _LOADED:
        _LOADED[key] = Piper(model, config)
    return _LOADED[key]
