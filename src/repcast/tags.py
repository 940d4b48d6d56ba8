"""Tags, written with mutagen after encoding (never by a second ffmpeg pass, which would
also move chapters)."""

from __future__ import annotations

from pathlib import Path

import mutagen
from mutagen.id3 import COMM, ID3, TCON, TIT2, TLEN, TPE1, TSSE
from mutagen.wave import WAVE

from . import __version__
from .errors import OutputError
from .routine import Routine

ARTIST = "RepCast"
GENRE = "Fitness"


def _id3(routine: Routine, total_ms: int) -> ID3:
    tags = ID3()
    tags.add(TIT2(encoding=3, text=routine.title))
    tags.add(TPE1(encoding=3, text=ARTIST))
    tags.add(TCON(encoding=3, text=GENRE))
    tags.add(TLEN(encoding=3, text=str(total_ms)))
    tags.add(TSSE(encoding=3, text=f"RepCast {__version__}"))
    if routine.description:
        tags.add(COMM(encoding=3, lang="eng", desc="", text=routine.description))
    return tags


def write_tags(path: Path, fmt: str, routine: Routine, total_ms: int) -> None:
    try:
        if fmt == "mp3":
            _id3(routine, total_ms).save(path, v2_version=4)
        elif fmt == "wav":
            wav = WAVE(path)
            wav.add_tags()
            for frame in _id3(routine, total_ms).values():
                wav.tags.add(frame)
            wav.save()
        else:
            f = mutagen.File(path, easy=True)
            if f is None:
                raise OutputError(f"cannot tag the {fmt} file", file=str(path))
            if f.tags is None:
                f.add_tags()
            f["title"], f["artist"], f["genre"] = routine.title, ARTIST, GENRE
            f.save()
    except mutagen.MutagenError as exc:
        raise OutputError(f"cannot write tags: {exc}", file=str(path)) from None
