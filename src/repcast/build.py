"""Wire one build: routine → plan → cues → speech → timeline → PCM → MP3 with tags."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from . import audio, speech
from .cues import SPEECH_KINDS, TONE_KINDS, make_cues
from .encode import encode_mp3
from .files import atomic_path
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


def prepare(
    routine: Routine, *, cache_dir: Path | None = None, progress: Progress | None = None
) -> Prepared:
    """Everything up to the audio: plan, cues, speech clips and the scheduled timeline."""
    script = make_cues(make_plan(routine))
    eng = speech.engine()
    voice = routine.speaking_voice
    eng.resolve(voice, routine.source)
    spoken = [c for c in script.cues if c.spoken]
    texts = [t for c in spoken for t in (c.text, c.short) if t]
    raw = speech.synthesize(
        texts,
        voice,
        cache_dir,
        (lambda d, t: progress("speech", d, t)) if progress else None,
    )
    voiced = {text: audio.prepare_speech(clip.pcm, clip.rate) for text, clip in raw.items()}
    clips = {(kind, text): pcm for text, pcm in voiced.items() for kind in SPEECH_KINDS}
    clips.update({(kind, kind): audio.tone(kind) for kind in TONE_KINDS})
    timeline = schedule(script, lambda kind, text: len(clips[kind, text]) // audio.WIDTH)
    return Prepared(timeline, clips)


def build(
    routine: Routine,
    output: Path,
    *,
    cache_dir: Path | None = None,
    bitrate: str = "96k",
    progress: Progress | None = None,
) -> BuildResult:
    """Build the MP3. ``output`` is replaced atomically: on any failure it is untouched."""
    prepared = prepare(routine, cache_dir=cache_dir, progress=progress)
    timeline = prepared.timeline
    total_windows = windows(timeline)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress("render", done, total_windows)

    with atomic_path(Path(output)) as tmp:
        encode_mp3(render(timeline, prepared.clips), tmp, bitrate=bitrate, on_chunk=tick)
        write_tags(tmp, routine, timeline.total * 1000 // SAMPLE_RATE)
    return BuildResult(Path(output), timeline)


def output_name(routine: Routine, suffix: str = ".mp3") -> str:
    """A safe file name from the title: ASCII, lowercase, dashes, never empty."""
    ascii_title = unicodedata.normalize("NFKD", routine.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].strip("-")
    return (slug or "workout") + suffix
