"""Encode streamed PCM with ffmpeg straight into a temporary file beside the target.

Output goes to a seekable file (not a pipe) so ffmpeg can go back and finish its headers:
the MP3's Xing/LAME header (players then know the exact length and decoders trim the
encoder delay), the M4A's index.
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import proc
from ..errors import InputError
from ..timing import SAMPLE_RATE


@dataclass(frozen=True)
class Format:
    name: str
    codec: str
    muxer: str
    lossy: bool
    # Chapters go into the stream as ffmpeg muxes it (M4A); MP3's go into its ID3 tag.
    muxed_chapters: bool = False


FORMATS = {
    f.name: f
    for f in (
        Format("mp3", "libmp3lame", "mp3", True),
        Format("m4a", "aac", "ipod", True, muxed_chapters=True),
        Format("ogg", "libopus", "ogg", True),
        Format("flac", "flac", "flac", False),
        Format("wav", "pcm_s16le", "wav", False),
    )
}
_ALIASES = {"opus": "ogg", "mp4": "m4a"}


def format_for(path: Path, name: str | None = None) -> Format:
    """The format asked for by name, else by the file's extension; MP3 when there is no
    file name either. An extension that is no audio format, or that names another format
    than ``name``, is an error: the file would be mistaken for something else (or be
    something else: a sidecar, a routine). So is a file name without an extension and
    without ``name``: nothing would tell what the file is."""
    suffix = Path(path).suffix.lstrip(".").lower()
    by_suffix = _ALIASES.get(suffix, suffix)
    if suffix == "aac":
        # An .aac file is raw ADTS: no tags, no index to seek by. MP4 holds the same AAC.
        raise InputError(
            ".aac is raw AAC, without tags or an index; use .m4a for AAC audio", file=str(path)
        )
    # A folder is left to the message every output gives it, when it is opened.
    if name is None and not suffix and Path(path).name and not Path(path).is_dir():
        raise InputError(
            f"has no extension; name the format, e.g. {Path(path).name}.mp3 (or give --format)",
            file=str(path),
        )
    if name is not None:
        key = _ALIASES.get(name.lower(), name.lower())
        if key not in FORMATS:
            raise InputError(
                f"unknown format {name!r}; choose one of {', '.join(FORMATS)}", field="--format"
            )
        if suffix and by_suffix != key:
            raise InputError(f"the name ends in .{suffix} but the format is {key}", file=str(path))
        return FORMATS[key]
    if suffix and by_suffix not in FORMATS:
        raise InputError(
            f".{suffix} is not an audio format; use one of "
            f"{', '.join('.' + f for f in FORMATS)} (or --format)",
            file=str(path),
        )
    return FORMATS[by_suffix or "mp3"]


def encode_args(
    fmt: Format,
    output: Path,
    *,
    bitrate: str = "96k",
    channels: int = 1,
    source: str = "pipe:0",
    chapters: Path | None = None,
) -> list[str]:
    """The ffmpeg command that encodes raw PCM from ``source`` (our pipe, or a file: the
    benchmark times the same command as its floor), with the chapters of the ffmetadata
    file ``chapters`` muxed in."""
    args = proc.ffmpeg_command(
        "-y",
        "-f",
        "s16le",
        "-ar",
        str(SAMPLE_RATE),
        "-ac",
        str(channels),
        "-i",
        source,
    )
    if chapters is not None:
        args += ["-f", "ffmetadata", "-i", str(chapters), "-map", "0:a", "-map_chapters", "1"]
    args += ["-c:a", fmt.codec]
    if fmt.lossy:
        args += ["-b:a", bitrate]
    return [*args, "-f", fmt.muxer, str(output)]


def encode(
    chunks: Iterable[bytes],
    path: Path,
    fmt: Format,
    *,
    bitrate: str = "96k",
    channels: int = 1,
    on_chunk: Callable[[], None] | None = None,
    chapters: str = "",
) -> None:
    """Encode into ``path``; ``chapters`` (ffmetadata text) is muxed in by formats that
    keep chapters in the stream, and left to the tags by the others."""
    with contextlib.ExitStack() as stack:
        listing = None
        if chapters and fmt.muxed_chapters:
            work = stack.enter_context(tempfile.TemporaryDirectory(prefix="repcast-"))
            listing = Path(work) / "chapters.txt"
            listing.write_text(chapters, "utf-8")
        args = encode_args(fmt, path, bitrate=bitrate, channels=channels, chapters=listing)
        with proc.feed(args) as stdin:
            for chunk in chunks:
                stdin.write(chunk)
                if on_chunk:
                    on_chunk()


def decode(path: Path) -> bytes:
    """Decode any audio file to mono 16-bit PCM at SAMPLE_RATE (used by checks and tests)."""
    return proc.run(proc.decode_args(path))
