"""ID3 tags, written with mutagen after encoding (never by a second ffmpeg pass)."""

from __future__ import annotations

from pathlib import Path

from mutagen.id3 import COMM, ID3, TCON, TIT2, TLEN, TPE1, TSSE

from . import __version__
from .routine import Routine


def write_tags(path: Path, routine: Routine, total_ms: int) -> None:
    tags = ID3()
    tags.add(TIT2(encoding=3, text=routine.title))
    tags.add(TPE1(encoding=3, text="RepCast"))
    tags.add(TCON(encoding=3, text="Fitness"))
    tags.add(TLEN(encoding=3, text=str(total_ms)))
    tags.add(TSSE(encoding=3, text=f"RepCast {__version__}"))
    if routine.description:
        tags.add(COMM(encoding=3, lang="eng", desc="", text=routine.description))
    tags.save(path, v2_version=4)
