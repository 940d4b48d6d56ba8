"""The espeak-ng engine, through pyttsx3's own binding, one instance per process.

pyttsx3's event loop loses, truncates or cancels clips when used for batches (see
docs/how-it-works.md, "Time, speech and files"), so we drive its espeak binding directly
in synchronous mode and collect the PCM in the synth callback: each call returns only
when its clip is complete.

espeak-ng keeps state from one utterance to the next (pitch flutter and waveform phase
live in static variables that neither re-initialising nor reseeding resets), so the same
text came out a few samples different depending on what was said before it. Each clip is
therefore spoken by a child forked from an engine that has never spoken: every clip starts
from the same state, and its samples depend only on its text and voice settings.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ..errors import EngineError
from ..timing import WIDTH

_VOICE_FAILED = 3  # child exit codes, told apart in the parent's message
_SYNTH_FAILED = 4


@dataclass(frozen=True)
class EspeakVoice:
    name: str
    identifier: str
    languages: tuple[str, ...]


def _load_binding() -> tuple[ModuleType, str]:
    """Import pyttsx3's espeak binding, preferring a system libespeak-ng.

    pyttsx3 looks the library up by soname; when the system has none we load the copy in
    the espeakng-loader wheel first (so that lookup finds it) and point espeak at the
    wheel's data, without which espeak calls exit(1) and the process dies silently. The
    library is loaded RTLD_LOCAL: Piper carries its own espeak-ng, and global symbols
    would make the two copies call into each other's state (a crash).
    """
    chosen = os.environ.get("REPCAST_ESPEAK_LIBRARY")
    system = chosen or ctypes.util.find_library("espeak-ng")
    source = f"system {system}" if system else "bundled"
    if chosen:
        try:
            ctypes.CDLL(chosen, mode=ctypes.RTLD_LOCAL)
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
            ctypes.CDLL(lib + ".1" if Path(lib + ".1").exists() else lib, mode=ctypes.RTLD_LOCAL)
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


class Espeak:
    """The process's one espeak-ng instance. Use ``espeak()`` to get it."""

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
        self._voices: tuple[EspeakVoice, ...] | None = None

    def _collect(self, wav, count, events) -> int:  # type: ignore[no-untyped-def]
        if wav and count > 0:
            self._chunks.append(ctypes.string_at(wav, count * WIDTH))
        return 0

    def voices(self) -> tuple[EspeakVoice, ...]:
        if self._voices is None:
            found = []
            for v in self._es.ListVoices(None):
                # Each language entry is a priority byte, then a NUL-terminated name.
                langs = tuple(s[1:].decode() for s in (v.languages or b"").split(b"\0") if s)
                found.append(EspeakVoice(v.name.decode(), v.identifier.decode(), langs))
            self._voices = tuple(sorted(found, key=lambda x: x.identifier))
        return self._voices

    def synth(self, text: str, identifier: str, rate: int, pitch: int) -> bytes:
        """Untrimmed PCM for ``text``, spoken from the engine's pristine state; raises
        EngineError rather than return nothing."""
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: speak, hand the PCM over, leave without cleanup
            os.close(read)
            code = self._speak_here(text, identifier, rate, pitch, write)
            os._exit(code)
        os.close(write)
        with os.fdopen(read, "rb") as pipe:
            pcm = pipe.read()
        _, status = os.waitpid(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        if code == _VOICE_FAILED:
            raise EngineError(f"espeak-ng could not select voice {identifier}")
        if code or not pcm:
            raise EngineError(f"espeak-ng produced no audio for {text!r} (exit {code})")
        return pcm

    def _speak_here(self, text: str, identifier: str, rate: int, pitch: int, out: int) -> int:
        try:
            es = self._es
            if es.SetVoiceByName(identifier.encode()) != es.EE_OK:
                return _VOICE_FAILED
            es.SetParameter(es.RATE, rate, 0)
            es.SetParameter(es.PITCH, pitch, 0)
            # No SSML or phoneme flags: markup and [[phonemes]] in user text are read
            # literally.
            if es.Synth(text, flags=es.CHARS_UTF8) != es.EE_OK:
                return _SYNTH_FAILED
            with os.fdopen(out, "wb") as pipe:
                pipe.write(b"".join(self._chunks))
            return 0
        except BaseException:
            return _SYNTH_FAILED


_ESPEAK: Espeak | None = None


def espeak() -> Espeak:
    global _ESPEAK
    if _ESPEAK is None:
        _ESPEAK = Espeak()
    return _ESPEAK
