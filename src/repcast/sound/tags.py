"""Tags and chapters, written with mutagen after encoding: never by a second ffmpeg pass,
which would also move the chapters (every remux shifts them 25 ms)."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from pathlib import Path

import mutagen
from mutagen.id3 import (
    APIC,
    CHAP,
    COMM,
    CTOC,
    ID3,
    TALB,
    TCON,
    TDRC,
    TIT2,
    TLEN,
    TPE1,
    TRCK,
    TSSE,
    CTOCFlags,
)
from mutagen.wave import WAVE

from ..errors import InputError, OutputError
from ..files import read_bytes
from ..version import __version__
from .chapters import Chapter

# Embedded in every episode: Apple asks for well under 1 MB; this only stops a mistake.
MAX_COVER_BYTES = 10_000_000
# How the two image formats podcast apps take begin, and their types.
IMAGE_TYPES = {b"\xff\xd8\xff": "image/jpeg", b"\x89PNG\r\n\x1a\n": "image/png"}


def image_type(data: bytes) -> str | None:
    """The MIME type of a JPEG or PNG image from its first bytes, else None."""
    return next((kind for magic, kind in IMAGE_TYPES.items() if data.startswith(magic)), None)


@dataclass(frozen=True)
class Meta:
    title: str
    artist: str = "RepCast"
    album: str = ""
    track: int | None = None
    date: str = ""  # YYYY-MM-DD
    genre: str = "Fitness"
    description: str = ""
    cover: bytes | None = None  # JPEG or PNG
    language: str = "eng"  # ISO 639-2, for the comment frame


def _text(frame, value: str):  # type: ignore[no-untyped-def]
    return frame(encoding=3, text=[value])


def _chapter_frames(items: tuple[Chapter, ...]) -> list:
    """CHAP frames for the chapters; CTOC frames list them: one table of contents per block
    under the top-level one, so a player can show blocks and exercises."""
    frames: list = []
    top: list[str] = []
    for n, chapter in enumerate(items, 1):
        frames.append(
            CHAP(
                element_id=f"ch{n}",
                start_time=chapter.start_ms,
                end_time=chapter.end_ms,
                sub_frames=[_text(TIT2, chapter.title)],
            )
        )
    numbered = list(enumerate(items, 1))
    for block_no, (block, group) in enumerate(itertools.groupby(numbered, lambda x: x[1].block)):
        ids = [f"ch{n}" for n, _ in group]
        if not block:
            top += ids
            continue
        toc = f"toc{block_no}"
        frames.append(
            CTOC(
                element_id=toc,
                flags=CTOCFlags.ORDERED,
                child_element_ids=ids,
                sub_frames=[_text(TIT2, block)],
            )
        )
        top.append(toc)
    frames.append(
        CTOC(
            element_id="toc",
            flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
            child_element_ids=top,
            sub_frames=[_text(TIT2, "Chapters")],
        )
    )
    return frames


def _id3(meta: Meta, total_ms: int, items: tuple[Chapter, ...]) -> ID3:
    tags = ID3()
    tags.add(_text(TIT2, meta.title))
    tags.add(_text(TPE1, meta.artist))
    tags.add(_text(TCON, meta.genre))
    tags.add(_text(TLEN, str(total_ms)))
    tags.add(_text(TSSE, f"RepCast {__version__}"))
    if meta.album:
        tags.add(_text(TALB, meta.album))
    if meta.track is not None:
        tags.add(_text(TRCK, str(meta.track)))
    if meta.date:
        tags.add(_text(TDRC, meta.date))
    if meta.description:
        tags.add(COMM(encoding=3, lang=meta.language, desc="", text=[meta.description]))
    if meta.cover:
        mime = image_type(meta.cover) or "image/jpeg"
        tags.add(APIC(encoding=3, mime=mime, type=3, desc="Cover", data=meta.cover))
    for frame in _chapter_frames(items) if items else []:
        tags.add(frame)
    return tags


def write_tags(
    path: Path, fmt: str, meta: Meta, total_ms: int, items: tuple[Chapter, ...] = ()
) -> None:
    """Tag the file; chapters go into MP3 (ID3 CHAP/CTOC) only."""
    try:
        if fmt == "mp3":
            _id3(meta, total_ms, items).save(path, v2_version=4)
        elif fmt == "wav":
            wav = WAVE(path)
            wav.add_tags()
            assert wav.tags is not None
            for frame in _id3(meta, total_ms, ()).values():
                wav.tags.add(frame)
            wav.save()
        else:
            f = mutagen.File(path, easy=True)
            if f is None:
                raise OutputError(f"cannot tag the {fmt} file", file=str(path))
            if f.tags is None:
                f.add_tags()
            f["title"], f["artist"], f["genre"] = meta.title, meta.artist, meta.genre
            if meta.album:
                f["album"] = meta.album
            f.save()
    except mutagen.MutagenError as exc:
        raise OutputError(f"cannot write tags: {exc}", file=str(path)) from exc


def read_image(path: Path) -> bytes:
    """A cover image, checked to be a JPEG or PNG of at most MAX_COVER_BYTES."""
    data = read_bytes(path, "a cover image", MAX_COVER_BYTES)
    if image_type(data) is None:
        raise InputError("is not a JPEG or PNG image", file=str(path))
    return data
