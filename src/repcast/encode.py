"""Encode streamed PCM with ffmpeg straight into a temporary file beside the target.

The MP3 is written to a seekable file (not a pipe) so ffmpeg can go back and fill in the
Xing/LAME header: players then know the exact length and decoders trim the encoder delay.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from . import proc
from .timing import SAMPLE_RATE


def encode_mp3(
    chunks: Iterable[bytes],
    path: Path,
    *,
    bitrate: str = "96k",
    on_chunk: Callable[[], None] | None = None,
) -> None:
    args = [
        proc.ffmpeg(),
        "-hide_banner",
        "-v",
        "error",
        "-y",
        "-f",
        "s16le",
        "-ar",
        str(SAMPLE_RATE),
        "-ac",
        "1",
        "-i",
        "pipe:0",
        "-c:a",
        "libmp3lame",
        "-b:a",
        bitrate,
        "-f",
        "mp3",
        str(path),
    ]
    with proc.feed(args) as stdin:
        for chunk in chunks:
            stdin.write(chunk)
            if on_chunk:
                on_chunk()


def decode(path: Path) -> bytes:
    """Decode any audio file to mono 16-bit PCM at SAMPLE_RATE (used by checks and tests)."""
    return proc.run(
        [
            proc.ffmpeg(),
            "-hide_banner",
            "-v",
            "error",
            "-i",
            str(path),
            "-f",
            "s16le",
            "-ac",
            "1",
            "-ar",
            str(SAMPLE_RATE),
            "pipe:1",
        ]
    )
