"""Wire one build: routine → plan → cues → speech → timeline → PCM → MP3 with tags."""

from __future__ import annotations

import contextlib
import math
import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .coach.cues import SPEECH_KINDS, TONE_KINDS, ClipKey, ToneKind, make_cues
from .errors import InputError
from .files import atomic_path, same_file
from .routine.model import Routine
from .routine.phrases import MAX_SAID
from .routine.plan import make_plan
from .sound import music, report
from .sound.chapters import Chapter, chapters, chapters_json, ffmetadata
from .sound.encode import Format, encode, format_for
from .sound.music import Music
from .sound.render import render, windows
from .sound.timeline import Timeline, schedule
from .timing import WIDTH, samples_to_ms

if TYPE_CHECKING:
    from .sound.tags import Meta
    from .voice.speech import Speaker

# Names Windows will not create a file by, whatever the extension.
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
_ISO639_2 = {"en": "eng", "de": "deu", "es": "spa"}
DEFAULT_LOUDNESS = -16.0  # LUFS, what podcast platforms ask for spoken content

Stage = Literal["speech", "render", "episodes"]
Progress = Callable[[Stage, int, int, str], None]
"""``progress(stage, done, total, item)``, for a build and a batch alike: as clips are
spoken, windows rendered and episodes built; ``item`` names what just finished where that
says something (the routine file of an episode), else it is empty."""


@dataclass(frozen=True)
class Prepared:
    timeline: Timeline
    clips: dict[ClipKey, bytes]


@dataclass(frozen=True)
class BuildResult:
    output: Path
    timeline: Timeline
    chapters: tuple[Chapter, ...]
    sidecars: tuple[Path, ...]  # transcript, chapters and script, when asked for


@dataclass(frozen=True)
class Settings:
    """How a routine is turned into sound (the routine says what is said and when)."""

    cache_dir: Path | None = None  # None: synthesize every clip afresh
    sounds: Mapping[ToneKind, bytes] | None = None  # None: the "beeps" kit
    music: Music | None = None
    fmt: str | None = None  # None: from the output's extension, else MP3
    bitrate: str = "96k"
    loudness: float | None = DEFAULT_LOUDNESS  # integrated LUFS; None: leave levels as made
    sidecars: bool = False  # also write NAME.vtt, NAME.chapters.json and NAME.txt
    meta: Meta | None = None  # tags; None: the routine's title and description

    def rebuild_key(self) -> str:
        """The settings' part of a batch episode's rebuild key: the text of every setting
        that changes an episode's files, which are all of them but where clips are cached
        and the tags (a batch keys those from the show). Each value's repr is made of the
        value alone (paths, numbers, bytes, frozen dataclasses of those), so the text is
        the same in every process and run, and a new setting changes it unless listed
        here. Its form is the one existing episodes were keyed with: changing it rebuilds
        every episode of every show once."""
        return repr(replace(self, cache_dir=None, meta=None))


def prepare(
    routine: Routine, settings: Settings = Settings(), progress: Progress | None = None
) -> Prepared:
    """Everything up to the audio: plan, cues, speech clips and the scheduled timeline."""
    # The speech engine's binding and pydub load only when something is spoken.
    import multiprocessing

    from . import audio
    from .sound import sounds
    from .voice import neural, speech

    script = make_cues(make_plan(routine))
    who = speech.speaker(routine.speaking_voice, routine.source)
    spoken = [c for c in script.cues if c.spoken]
    texts = [t for c in spoken for t in (c.text, c.short) if t]
    report = (lambda d, t: progress("speech", d, t, "")) if progress else None
    clips = {}
    for text, clip in speech.synthesize(texts, who, settings.cache_dir, report, routine.spoken):
        pcm = audio.prepare_speech(clip.pcm, clip.rate)
        clips.update({(kind, text): pcm for kind in SPEECH_KINDS})
    if multiprocessing.parent_process() is None:
        # A single build renders next and needs the neural model's memory more than the
        # model; a batch worker keeps it for the episodes to come.
        neural.release()
    tones = settings.sounds or sounds.kit("beeps")
    clips.update({(kind, kind): tones[kind] for kind in TONE_KINDS})
    timeline = schedule(script, lambda kind, text: len(clips[kind, text]) // WIDTH)
    return Prepared(timeline, clips)


def build(
    routine: Routine,
    output: Path,
    settings: Settings = Settings(),
    progress: Progress | None = None,
) -> BuildResult:
    """Build the audio file (and its sidecars). Every output is written beside its target
    and renamed into place at the very end, all together: on any failure (or Ctrl-C) each
    is left as it was. Where an output cannot go is found out before any work starts."""
    output = Path(output)
    fmt = output_format(output, settings.fmt, routine.source)
    with contextlib.ExitStack() as outputs:
        tmp = outputs.enter_context(atomic_path(output))
        sides = (
            {
                kind: outputs.enter_context(atomic_path(path))
                for kind, path in sidecar_paths(output).items()
            }
            if settings.sidecars
            else {}
        )
        timeline, marks = _make(routine, settings, fmt, tmp, progress)
        texts = {
            "transcript": report.script_vtt(timeline),
            "chapters": chapters_json(marks),
            "script": report.script_text(timeline),
        }
        for kind, path in sides.items():
            path.write_bytes(texts[kind].encode("utf-8"))
    written = tuple(sidecar_paths(output).values()) if settings.sidecars else ()
    return BuildResult(output, timeline, marks, written)


def output_format(output: Path, fmt: str | None = None, source: str = "") -> Format:
    """The format to write ``output`` in (see ``format_for``): only audio names are written,
    and never over the file the audio is made from."""
    chosen = format_for(output, fmt)
    if source and same_file(output, source):
        raise InputError("is the routine itself; write the audio somewhere else", file=str(output))
    return chosen


def say(
    text: str,
    who: Speaker,
    output: Path,
    fmt: str | None = None,
    spoken: Callable[[str], str] = str,
) -> Path:
    """Speak one sentence into ``output``, in the format asked for or its name asks for,
    the clip prepared as a build prepares it; ``spoken`` respells it (pronunciations)."""
    if not text.strip():
        raise InputError("is empty; give the words to say", field="TEXT")
    if len(text) > MAX_SAID:
        raise InputError(f"is {len(text)} characters long; at most {MAX_SAID}", field="TEXT")
    from . import audio
    from .voice import speech

    chosen = output_format(output, fmt)
    clip = speech.speak(who, spoken(text))
    with atomic_path(output) as tmp:
        encode([audio.prepare_speech(clip.pcm, clip.rate)], tmp, chosen)
    return output


def _make(
    routine: Routine, settings: Settings, fmt: Format, tmp: Path, progress: Progress | None
) -> tuple[Timeline, tuple[Chapter, ...]]:
    """Plan, speak, level, render and encode into ``tmp``, then tag it."""
    # numpy and mutagen load only when audio is made, like the speech stages above.
    from .sound.loudness import normalize
    from .sound.tags import Meta, write_tags

    prepared = prepare(routine, settings, progress)
    timeline = prepared.timeline
    total_windows = windows(timeline)
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress:
            progress("render", done, total_windows, "")

    clips = prepared.clips
    del prepared  # with loudness on, only the levelled copy of the clips is needed
    channels = settings.music.channels if settings.music else 1
    if settings.loudness is not None:
        # The cues sound in both channels of a stereo track: that reads 3 dB louder.
        normalize(timeline, clips, settings.loudness - 10 * math.log10(channels))
    if settings.music:
        pcm = music.mixed(timeline, clips, settings.music)
    else:
        pcm = render(timeline, clips)
    marks = chapters(timeline)
    encode(
        pcm,
        tmp,
        fmt,
        bitrate=settings.bitrate,
        channels=channels,
        on_chunk=tick,
        chapters=ffmetadata(marks),
    )
    meta = settings.meta or Meta(
        routine.title,
        description=routine.description,
        language=_ISO639_2.get(routine.language, "eng"),
    )
    write_tags(tmp, fmt.name, meta, samples_to_ms(timeline.total), marks)
    return timeline, marks


def sidecar_paths(output: Path) -> dict[str, Path]:
    stem = output.with_suffix("")
    return {
        kind: stem.with_name(stem.name + ext)
        for kind, ext in (
            ("transcript", ".vtt"),
            ("chapters", ".chapters.json"),
            ("script", ".txt"),
        )
    }


def output_name(routine: Routine, suffix: str = ".mp3") -> str:
    """A safe file name from the title: ASCII, lowercase, dashes, never empty."""
    ascii_title = unicodedata.normalize("NFKD", routine.title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:80].strip("-")
    if not slug or slug in _RESERVED:
        slug = "workout" + (f"-{slug}" if slug else "")
    return slug + suffix
