"""Tags and chapters, written with mutagen after encoding: never by a second ffmpeg pass,
which would also move the chapters (every remux shifts them 25 ms)."""

from __future__ import annotations

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
from mutagen.id3._tags import save_frame
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
    """CHAP frames for the chapters, in time order, and one top-level CTOC listing them all
    in that order. No nested tables per block: a player that reads only the top-level
    table (most do) would see a block's table as one entry and hide its chapters."""
    ids = [f"ch{n}" for n in range(1, len(items) + 1)]
    toc = CTOC(
        element_id="toc",
        flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED,
        child_element_ids=ids,
        sub_frames=[_text(TIT2, "Chapters")],
    )
    chaps = [
        CHAP(
            element_id=element,
            start_time=chapter.start_ms,
            end_time=chapter.end_ms,
            sub_frames=[_text(TIT2, chapter.title)],
        )
        for element, chapter in zip(ids, items, strict=True)
    ]
    return [toc, *chaps]


class _InOrder(ID3):
    """An ID3 tag written with its frames in the order they were added. mutagen sorts them
    by size when saving (its issue #506, with no option to turn that off), and ffmpeg and
    the players built on it list CHAP frames in file order, not by time."""

    def _write(self, config):  # type: ignore[no-untyped-def]
        return bytearray().join(save_frame(frame, config=config) for frame in self.values())


def _id3(meta: Meta, total_ms: int, items: tuple[Chapter, ...]) -> ID3:
    """The tag: text frames first, then the chapters in time order, the picture last (the
    order mutagen would give them, which some players rely on)."""
    tags = _InOrder()
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
    for frame in _chapter_frames(items) if items else []:
        tags.add(frame)
    if meta.cover:
        mime = image_type(meta.cover) or "image/jpeg"
        tags.add(APIC(encoding=3, mime=mime, type=3, desc="Cover", data=meta.cover))
    return tags


def write_tags(
    path: Path, fmt: str, meta: Meta, total_ms: int, items: tuple[Chapter, ...] = ()
) -> None:
    """Tag the file; chapters go into an MP3's tag (ID3 CHAP/CTOC; an M4A has them from
    its encoding, and mutagen keeps them)."""
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
