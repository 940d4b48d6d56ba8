"""Speech: espeak-ng through pyttsx3's own binding, one engine per process, clips cached.

pyttsx3's event loop loses, truncates or cancels clips when used for batches (see the
README's design notes), so we drive its espeak binding directly in synchronous mode and
collect the PCM in the synth callback: each call returns only when its clip is complete.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from .audio import peak
from .errors import EngineError, InputError, RepcastError
from .files import atomic_write
from .phrases import DEFAULT_VOICES
from .routine import Voice
from .timing import WIDTH

CACHE_FORMAT = 1
_MAGIC = b"RCPCM1"
_SILENCE = 200  # peak amplitude below which a 5 ms block counts as silence
_PAD = 0.02  # seconds of silence kept after the last audible block


@dataclass(frozen=True)
class VoiceInfo:
    name: str
    identifier: str
    languages: tuple[str, ...]

    @property
    def language(self) -> str:
        return self.languages[0] if self.languages else ""


@dataclass(frozen=True)
class Clip:
    """Mono 16-bit PCM at the engine's rate, silence trimmed from both ends."""

    pcm: bytes
    rate: int

    @property
    def frames(self) -> int:
        return len(self.pcm) // WIDTH


def _load_binding() -> tuple[ModuleType, str]:
    """Import pyttsx3's espeak binding, preferring a system libespeak-ng.

    pyttsx3 looks the library up by soname; when the system has none we load the copy in
    the espeakng-loader wheel first (so that lookup finds it) and point espeak at the
    wheel's data, without which espeak calls exit(1) and the process dies silently.
    """
    chosen = os.environ.get("REPCAST_ESPEAK_LIBRARY")
    system = chosen or ctypes.util.find_library("espeak-ng")
    source = f"system {system}" if system else "bundled"
    if chosen:
        try:
            ctypes.CDLL(chosen, mode=ctypes.RTLD_GLOBAL)
        except OSError as exc:
            raise EngineError(f"cannot load espeak-ng from {chosen}: {exc}") from exc
    if not system:
        try:
            import espeakng_loader
        except ImportError as exc:
            raise EngineError("no espeak-ng library: install espeak-ng or espeakng-loader") from exc
        os.environ.setdefault("ESPEAK_DATA_PATH", espeakng_loader.get_data_path())
        lib = espeakng_loader.get_library_path()
        try:
            ctypes.CDLL(lib + ".1" if Path(lib + ".1").exists() else lib, mode=ctypes.RTLD_GLOBAL)
        except OSError as exc:
            raise EngineError(f"cannot load the bundled espeak-ng: {exc}") from exc
    data = os.environ.get("ESPEAK_DATA_PATH")
    if data and not (Path(data) / "phontab").is_file():
        # espeak-ng would call exit(1) on missing data: the process would end in silence.
        raise EngineError(f"no espeak-ng data in {data} (ESPEAK_DATA_PATH)")
    try:
        from pyttsx3.drivers import _espeak
    except (ImportError, RuntimeError, OSError) as exc:
        raise EngineError(f"cannot load espeak-ng through pyttsx3: {exc}") from exc
    return _espeak, source


class Engine:
    """The process's one espeak-ng instance. Use ``engine()`` to get it."""

    def __init__(self) -> None:
        self._es, self.source = _load_binding()
        es = self._es
        rate = es.Initialize(es.AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0)
        if rate <= 0:
            raise EngineError("espeak-ng failed to start")
        self.rate = rate
        self.version = (es.Info() or b"").decode("utf-8", "replace")
        self._chunks: list[bytes] = []
        es.SetSynthCallback(self._collect)
        self._voice: tuple[str, int, int] | None = None
        self._voices: tuple[VoiceInfo, ...] | None = None

    def _collect(self, wav, count, events) -> int:  # type: ignore[no-untyped-def]
        if wav and count > 0:
            self._chunks.append(ctypes.string_at(wav, count * WIDTH))
        return 0

    def voices(self) -> tuple[VoiceInfo, ...]:
        if self._voices is None:
            found = []
            for v in self._es.ListVoices(None):
                # Each language entry is a priority byte, then a NUL-terminated name.
                langs = tuple(s[1:].decode() for s in (v.languages or b"").split(b"\0") if s)
                found.append(VoiceInfo(v.name.decode(), v.identifier.decode(), langs))
            self._voices = tuple(sorted(found, key=lambda x: x.identifier))
        return self._voices

    def resolve(self, voice: Voice, source: str = "", field: str = "voice.name") -> VoiceInfo:
        """The installed voice that ``voice.name`` names, or an InputError."""
        want = (voice.name or DEFAULT_VOICES["en"]).strip().lower()
        for v in self.voices():
            keys = {
                v.name.lower(),
                v.identifier.lower(),
                v.identifier.rsplit("/", 1)[-1].lower(),
                *(lang.lower() for lang in v.languages),
            }
            if want in keys:
                return v
        raise InputError(
            f"unknown voice {voice.name!r} (see 'repcast voices')",
            file=source or None,
            field=field,
        )

    def speak(self, text: str, voice: Voice) -> Clip:
        return Clip(_trim(self.synth(text, voice), self.rate), self.rate)

    def synth(self, text: str, voice: Voice) -> bytes:
        """Untrimmed PCM for ``text``; raises EngineError rather than return nothing."""
        info = self.resolve(voice)
        es = self._es
        setting = (info.identifier, voice.rate, voice.pitch)
        if setting != self._voice:
            if es.SetVoiceByName(info.identifier.encode()) != es.EE_OK:
                raise EngineError(f"espeak-ng could not select voice {info.identifier}")
            es.SetParameter(es.RATE, voice.rate, 0)
            es.SetParameter(es.PITCH, voice.pitch, 0)
            self._voice = setting
        self._chunks = []
        # No SSML or phoneme flags: markup and [[phonemes]] in user text are read literally.
        status = es.Synth(text, flags=es.CHARS_UTF8)
        pcm = b"".join(self._chunks)
        self._chunks = []
        if status != es.EE_OK or not pcm:
            raise EngineError(f"espeak-ng produced no audio for {text!r} (status {status})")
        return pcm


def _trim(pcm: bytes, rate: int) -> bytes:
    """Cut leading and trailing silence: espeak's trailing pause varies from clip to clip,
    and the scheduler needs a clip's length to be its audible length."""
    block = rate // 200 * WIDTH
    blocks = range(0, len(pcm), block)
    loud = [i for i in blocks if peak(pcm[i : i + block]) > _SILENCE]
    if not loud:
        return pcm
    end = min(len(pcm), loud[-1] + block + int(rate * _PAD) * WIDTH)
    return pcm[loud[0] : end]


_ENGINE: Engine | None = None


def engine() -> Engine:
    global _ENGINE
    if _ENGINE is None:
        _ENGINE = Engine()
    return _ENGINE


def default_cache_dir() -> Path:
    env = os.environ.get("REPCAST_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs  # only the commands that speak need it: the others start faster

    return Path(platformdirs.user_cache_dir("repcast")) / "speech"


class SpeechCache:
    """Clips on disk, keyed by everything that changes the sound. Each entry carries a
    checksum, so a truncated or corrupt entry is re-synthesized rather than played."""

    def __init__(self, root: Path | None, eng: Engine):
        self.root = root
        self.engine = eng

    def key(self, text: str, voice: Voice) -> str:
        info = self.engine.resolve(voice)
        blob = json.dumps(
            [
                CACHE_FORMAT,
                self.engine.source,
                self.engine.version,
                self.engine.rate,
                info.identifier,
                voice.rate,
                voice.pitch,
                text,
            ]
        )
        return hashlib.sha256(blob.encode()).hexdigest()

    def _path(self, key: str) -> Path:
        assert self.root is not None
        return self.root / key[:2] / f"{key}.pcm"

    def get(self, text: str, voice: Voice) -> tuple[Clip, bool]:
        """The clip for ``text``, and whether it came from the cache."""
        if self.root is None:
            return self.engine.speak(text, voice), False
        path = self._path(self.key(text, voice))
        try:
            blob = path.read_bytes()
        except OSError:
            blob = b""
        head = len(_MAGIC) + 32
        if (
            blob[: len(_MAGIC)] == _MAGIC
            and hashlib.sha256(blob[head:]).digest() == blob[len(_MAGIC) : head]
            and len(blob) > head
        ):
            return Clip(blob[head:], self.engine.rate), True
        clip = self.engine.speak(text, voice)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, _MAGIC + hashlib.sha256(clip.pcm).digest() + clip.pcm)
        except (OSError, RepcastError):
            pass  # an unwritable cache slows the next build down; it must not fail this one
        return clip, False


def synthesize(
    texts: Iterable[str],
    voice: Voice,
    cache_dir: Path | None,
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[tuple[str, Clip]]:
    """One clip per unique text, as each is ready (so a caller converting them need never
    hold all of them twice). ``progress(done, total)`` is called as clips arrive."""
    unique = list(dict.fromkeys(texts))
    cache = SpeechCache(cache_dir, engine())
    for i, text in enumerate(unique, 1):
        clip, _ = cache.get(text, voice)
        if progress:
            progress(i, len(unique))
        yield text, clip


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
