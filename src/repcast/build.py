"""Wire one build: routine → plan → cues → speech → timeline → PCM → MP3 with tags."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from . import audio, music, sounds, speech
from .cues import SPEECH_KINDS, TONE_KINDS, make_cues
from .encode import encode, format_for
from .files import atomic_path
from .music import Music
from .plan import make_plan
from .render import render, windows
from .routine import Routine
from .tags import write_tags
from .timeline import Timeline, schedule
from .timing import SAMPLE_RATE

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: stage is "speech" or "render"."""


@dataclass(frozen=True)
class Prepared:
    timeline: Timeline
    clips: dict[tuple[str, str], bytes]


@dataclass(frozen=True)
class BuildResult:
    output: Path
    timeline: Timeline


@dataclass(frozen=True)
class Settings:
    """How a routine is turned into sound (the routine says what is said and when)."""

    cache_dir: Path | None = None  # None: synthesize every clip afresh
    sounds: Mapping[str, bytes] | None = None  # None: the "beeps" kit
    music: Music | None = None
    fmt: str | None = None  # None: from the output's extension, else MP3
    bitrate: str = "96k"


def prepare(
    routine: Routine, settings: Settings = Settings(), progress: Progress | None = None
) -> Prepared:
    """Everything up to the audio: plan, cues, speech clips and the scheduled timeline."""
    script = make_cues(make_plan(routine))
    voice = routine.speaking_voice
    speech.engine().resolve(voice, routine.source)
    spoken = [c for c in script.cues if c.spoken]
    texts = [t for c in spoken for t in (c.text, c.short) if t]
    report = (lambda d, t: progress("speech", d, t)) if progress else None
    raw = speech.synthesize(texts, voice, settings.cache_dir, report)
    voiced = {text: audio.prepare_speech(clip.pcm, clip.rate) for text, clip in raw.items()}
    clips = {(kind, text): pcm for text, pcm in voiced.items() for kind in SPEECH_KINDS}
    tones = settings.sounds or sounds.kit("beeps")
    clips.update({(kind, kind): tones[kind] for kind in TONE_KINDS})
    timeline = schedule(script, lambda kind, text: len(clips[kind, text]) // audio.WIDTH)
    return Prepared(timeline, clips)


def build(
    routine: Routine,
    output: Path,
    settings: Settings = Settings(),
    progress: Progress | None = None,
) -> BuildResult:
    """Build the audio file. ``output`` is replaced atomically: on any failure (or Ctrl-C)
    it is left as it was."""
    fmt = format_for(Path(output), settings.fmt)
    prepared = prepare(routine, settings, progress)
    timeline = prepared.timeline
    total_windows = windows(timeline)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress("render", done, total_windows)

    with atomic_path(Path(output)) as tmp:
        if settings.music:
            pcm = music.mixed(timeline, prepared.clips, settings.music)
        else:
            pcm = render(timeline, prepared.clips)
        encode(pcm, tmp, fmt, bitrate=settings.bitrate, on_chunk=tick)
        write_tags(tmp, fmt.name, routine, timeline.total * 1000 // SAMPLE_RATE)
    return BuildResult(Path(output), timeline)


def output_name(routine: Routine, suffix: str = ".mp3") -> str:
    """A safe file name from the title: ASCII, lowercase, dashes, never empty."""
    ascii_title = unicodedata.normalize("NFKD", routine.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].strip("-")
    return (slug or "workout") + suffix
