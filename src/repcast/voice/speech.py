"""Speech: one clip per phrase from the voice's engine (espeak-ng or Piper), cached on disk.

A clip's samples depend only on its cache key: espeak-ng speaks every clip from the same
pristine state (see espeak.py), and Piper, whose output varies from call to call, is made
repeatable by the cache (see neural.py).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Protocol

import platformdirs

from ..audio import peak
from ..errors import InputError, RepcastError, quoted
from ..files import atomic_write, file_sha256
from ..routine.model import Voice
from ..timing import WIDTH
from . import neural
from .espeak import espeak
from .voices import VoiceInfo, resolve

CACHE_FORMAT = 2  # 2: espeak clips spoken from a pristine engine state
_MAGIC = b"RCPCM3"  # then the rate, the checksum (of the rate and the PCM) and the PCM
MAX_CLIP_SECONDS = 15 * 60
"""The longest clip: a cue's text is bounded, and so is what the engine makes of it."""
_SILENCE = 200  # peak amplitude below which a 5 ms block counts as silence
_PAD = 0.02  # seconds of silence kept after the last audible block


@dataclass(frozen=True)
class Clip:
    """Mono 16-bit PCM at the engine's rate, silence trimmed from both ends."""

    pcm: bytes
    rate: int

    @property
    def frames(self) -> int:
        return len(self.pcm) // WIDTH


class Speaker(Protocol):
    """One voice of one engine, ready to speak."""

    @property
    def info(self) -> VoiceInfo: ...

    @property
    def rate(self) -> int: ...

    @property
    def threads(self) -> int:
        """How many clips it can speak at once (from as many threads)."""
        ...

    def identity(self) -> list[object]:
        """Everything besides the text that changes the sound, for the cache key."""
        ...

    def synth(self, text: str) -> bytes:
        """Untrimmed PCM at ``rate``; raises EngineError rather than return nothing."""
        ...


@dataclass(frozen=True)
class EspeakSpeaker:
    info: VoiceInfo
    voice: Voice

    @property
    def rate(self) -> int:
        return espeak().rate

    @property
    def threads(self) -> int:
        return 1  # a fork a clip: 4 ms each, nothing to gain

    def identity(self) -> list[object]:
        eng = espeak()
        return [
            "espeak",
            eng.source,
            eng.version,
            eng.rate,
            self.info.identifier,
            self.voice.rate,
            self.voice.pitch,
        ]

    def synth(self, text: str) -> bytes:
        return espeak().synth(text, self.info.identifier, self.voice.rate, self.voice.pitch)


@dataclass(frozen=True)
class PiperSpeaker:
    info: VoiceInfo
    voice: Voice

    @property
    def _model(self) -> neural.Piper:
        return neural.piper(Path(self.info.identifier), Path(self.info.config))

    @property
    def rate(self) -> int:
        return self._model.rate

    @property
    def threads(self) -> int:
        return min(2, os.cpu_count() or 1)  # each run's tensors cost memory: two at most

    def identity(self) -> list[object]:
        model = self._model
        return [
            "piper",
            metadata.version("piper-tts"),
            metadata.version("onnxruntime"),
            neural.model_digest(Path(self.info.identifier)),
            file_sha256(Path(self.info.config)),
            neural.length_scale(self.voice, model.config),
            neural.RENDERING,
        ]

    def synth(self, text: str) -> bytes:
        return self._model.synth(text, self.voice)


def speaker(voice: Voice, source: str = "", field: str = "voice.name") -> Speaker:
    """The engine and voice that ``voice`` names; an InputError if there is none."""
    info = resolve(voice, source, field)
    return PiperSpeaker(info, voice) if info.engine == "piper" else EspeakSpeaker(info, voice)


def speak(who: Speaker, text: str) -> Clip:
    clip = Clip(_trim(who.synth(text), who.rate), who.rate)
    if clip.frames > MAX_CLIP_SECONDS * clip.rate:
        raise InputError(
            f"takes {clip.frames // clip.rate} seconds to say; a clip lasts at most "
            f"{MAX_CLIP_SECONDS} seconds",
            field=quoted(text),
        )
    return clip


def _trim(pcm: bytes, rate: int) -> bytes:
    """Cut leading and trailing silence: an engine's trailing pause varies from clip to clip,
    and the scheduler needs a clip's length to be its audible length."""
    block = rate // 200 * WIDTH
    blocks = range(0, len(pcm), block)
    loud = [i for i in blocks if peak(pcm[i : i + block]) > _SILENCE]
    if not loud:
        return pcm
    end = min(len(pcm), loud[-1] + block + int(rate * _PAD) * WIDTH)
    return pcm[loud[0] : end]


def default_cache_dir() -> Path:
    env = os.environ.get("REPCAST_CACHE_DIR")
    return Path(env) if env else Path(platformdirs.user_cache_dir("repcast")) / "speech"


class SpeechCache:
    """Clips on disk, keyed by everything that changes the sound. Each entry carries a
    checksum, so a truncated or corrupt entry is re-synthesized rather than played."""

    def __init__(self, root: Path | None, who: Speaker):
        self.root = root
        self.speaker = who
        self._identity: list[object] | None = None

    def key(self, text: str) -> str:
        if self._identity is None:
            self._identity = [CACHE_FORMAT, *self.speaker.identity()]
        blob = json.dumps([*self._identity, text])
        return hashlib.sha256(blob.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.pcm"

    def get(self, text: str) -> tuple[Clip, bool]:
        """The clip for ``text``, and whether it came from the cache."""
        if self.root is None:
            return speak(self.speaker, text), False
        path = self._path(self.key(text))
        try:
            blob = path.read_bytes()
        except OSError:
            blob = b""
        if clip := _entry(blob):
            return clip, True
        clip = speak(self.speaker, text)
        header = clip.rate.to_bytes(4, "little")
        entry = _MAGIC + header + hashlib.sha256(header + clip.pcm).digest()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, entry + clip.pcm)
        except (OSError, RepcastError):
            pass  # an unwritable cache slows the next build down; it must not fail this one
        return clip, False


def _entry(blob: bytes) -> Clip | None:
    """The clip a cache entry holds, or None if it is damaged: the checksum covers the
    header too, so a changed rate is caught like a changed sample."""
    head = len(_MAGIC) + 4 + 32
    header, checksum, pcm = blob[len(_MAGIC) : head - 32], blob[head - 32 : head], blob[head:]
    if (
        blob[: len(_MAGIC)] != _MAGIC
        or not pcm
        or hashlib.sha256(header + pcm).digest() != checksum
    ):
        return None
    rate = int.from_bytes(header, "little")
    return Clip(pcm, rate) if len(pcm) <= MAX_CLIP_SECONDS * rate * WIDTH else None


def synthesize(
    texts: Iterable[str],
    who: Speaker,
    cache_dir: Path | None,
    progress: Callable[[int, int], None] | None = None,
    spoken: Callable[[str], str] = str,
) -> Iterator[tuple[str, Clip]]:
    """One clip per unique text, as each is ready (so a caller converting them need never
    hold all of them twice). ``spoken(text)`` is what the engine is given for ``text`` (its
    pronunciations applied). ``progress(done, total)`` is called as clips arrive."""
    unique = list(dict.fromkeys(texts))
    if who.threads > 1:
        # The longest first, so that the threads run out of work together rather than one
        # finishing a long clip alone at the end.
        unique.sort(key=len, reverse=True)
    cache = SpeechCache(cache_dir, who)

    def one(text: str) -> Clip:
        return cache.get(spoken(text))[0]

    pool = concurrent.futures.ThreadPoolExecutor(who.threads) if who.threads > 1 else None
    try:
        clips = pool.map(one, unique) if pool else map(one, unique)
        for i, (text, clip) in enumerate(zip(unique, clips, strict=True), 1):
            if progress:
                progress(i, len(unique))
            yield text, clip
    finally:
        if pool:  # on Ctrl-C or an error, drop the clips not yet begun
            pool.shutdown(wait=False, cancel_futures=True)


def cache_usage(root: Path) -> tuple[int, int]:
    """How many clips the cache holds, and their total size in bytes."""
    sizes = [p.stat().st_size for p in root.glob("??/*.pcm")] if root.is_dir() else []
    return len(sizes), sum(sizes)


def cache_clear(root: Path) -> int:
    """Delete every cached clip (and nothing else); return how many."""
    removed = 0
    for path in root.glob("??/*.pcm") if root.is_dir() else ():
        path.unlink(missing_ok=True)
        removed += 1
    return removed
