"""Background music: a playlist decoded as a stream, levelled, faded and ducked under the cues.

The music arrives as windows of mono 16-bit PCM aligned with ``render.render``'s, so the two
can be mixed window by window and memory stays flat however long the workout is. Gains are
piecewise-linear envelopes on the sample clock: constant stretches cost one ``audioop.mul``,
ramps are applied in 5 ms blocks, so there is no per-sample Python anywhere.

Decoding runs one ffmpeg at a time, one per track (a single-track playlist loops inside a
single ffmpeg). A concat demuxer list cannot be used: it decodes every file with the first
file's decoder, so a folder mixing mp3, flac and m4a fails; the concat filter opens every
input at once and could only loop by buffering the whole playlist.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import logging
import math
import random
from collections.abc import Generator, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import proc
from ..audio import audioop
from ..coach.cues import ClipKey
from ..errors import InputError, ToolError
from ..files import open_regular
from ..routine.plan import IntervalKind
from ..timing import SAMPLE_RATE, WIDTH, ms_to_samples
from .render import WINDOW, render
from .timeline import Timeline

log = logging.getLogger("repcast.music")

EXTENSIONS = frozenset({"aac", "flac", "m4a", "mp3", "ogg", "opus", "wav"})
# Played at the rest level, if one is set.
RESTING: frozenset[IntervalKind] = frozenset({"lead-in", "rest", "switch", "outro"})

LEVEL_DB = -18.0
DUCK_DB = 15.0
MIN_DUCK_DB = 12.0
FADE_MS = 3000
ATTACK_MS = 80  # the duck is complete when a cue starts: it begins this long before
RELEASE_MS = 300  # and the music comes back over this long after
HOLD_MS = 800  # cues closer than this stay under one duck (no pumping between "3, 2, 1")
LEVEL_RAMP_MS = 1000  # a change between work and rest level glides over this long

BLOCK = SAMPLE_RATE // 200  # 5 ms: the gain is constant within a block of a ramp
CHUNK = 1 << 16  # bytes read from ffmpeg at a time


@dataclass(frozen=True)
class Music:
    """What to play under the workout and how loud. Levels are gains in dB applied to the
    decoded tracks; ``rest_level_db`` (when set) applies to lead-in, rests and outro."""

    tracks: tuple[Path, ...]
    level_db: float = LEVEL_DB
    rest_level_db: float | None = None
    fade_ms: int = FADE_MS
    duck_db: float = DUCK_DB
    channels: int = 1  # 2 when any track is stereo: then the whole output is stereo

    def __post_init__(self) -> None:
        if not self.tracks:
            raise InputError("no music tracks", field="music")
        for name, value in (("music level", self.level_db), ("rest level", self.rest_level_db)):
            if value is not None and not -60.0 <= value <= 0.0:
                raise InputError(f"must be between -60 and 0 dB, got {value:g}", field=name)
        if not MIN_DUCK_DB <= self.duck_db <= 60.0:
            raise InputError(
                f"must be between {MIN_DUCK_DB:g} and 60 dB, got {self.duck_db:g}",
                field="music ducking",
            )
        if self.fade_ms < 0:
            raise InputError(f"must not be negative, got {self.fade_ms}", field="music fade")


# --- choosing and checking the tracks ------------------------------------------------------


def playlist(source: Path, seed: int) -> tuple[Path, ...]:
    """``source`` itself, or the audio files in that folder (by extension, not recursive,
    hidden files skipped) sorted by name then shuffled reproducibly by ``seed``."""
    source = Path(source)
    if source.is_dir():
        try:
            entries = list(source.iterdir())
        except OSError as exc:
            raise InputError(f"cannot list this folder: {exc.strerror}", file=str(source)) from exc
        found = sorted(
            (
                p
                for p in entries
                if p.suffix[1:].lower() in EXTENSIONS
                and not p.name.startswith(".")
                and not p.is_dir()
            ),
            key=lambda p: p.name,
        )
        if not found:
            kinds = ", ".join(sorted(EXTENSIONS))
            raise InputError(f"no audio files ({kinds}) in this folder", file=str(source))
        random.Random(seed).shuffle(found)
        tracks = tuple(found)
    elif source.exists():
        tracks = (source,)
    else:
        raise InputError("no such file or folder", file=str(source))
    for path in tracks:
        try:
            # A regular file only: ffmpeg would wait on a FIFO for ever.
            with open_regular(path, "music"):
                pass
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror}", file=str(path)) from exc
    return tracks


def probe(path: Path) -> int:
    """Raise InputError unless ffmpeg can decode sound from the first second of ``path``;
    return its channels: 2 if its left and right differ there, else 1."""
    try:
        pcm = proc.run(proc.decode_args(Path(path), seconds=1, channels=2))
    except ToolError as exc:
        if not exc.stderr:  # ffmpeg itself would not start: not the file's fault
            raise
        log.debug("probe %s: %s", path, exc.stderr.strip())
        raise InputError("not an audio file ffmpeg can read", file=str(path)) from exc
    if len(pcm) < WIDTH:
        raise InputError("not an audio file ffmpeg can read: no sound in it", file=str(path))
    # ffmpeg copies a mono track to both sides, so differing sides mean a stereo source.
    return 2 if audioop.tomono(pcm, WIDTH, 1, 0) != audioop.tomono(pcm, WIDTH, 0, 1) else 1


def load(source: Path, seed: int) -> tuple[tuple[Path, ...], int]:
    """The playlist, every track probed (all the checking, before any rendering starts),
    and the channels the output needs: stereo if any track is."""
    tracks = playlist(source, seed)
    return tracks, max(probe(path) for path in tracks)


def decode(tracks: Sequence[Path], channels: int = 1) -> Generator[bytes, None, None]:
    """The playlist decoded to PCM, over and over, without end: close it when done. Pieces
    are of any length in whole samples. One ffmpeg runs at a time; closing stops it."""
    loop = len(tracks) == 1
    while True:
        got = 0
        for path in tracks:
            args = proc.decode_args(path, loop=loop, channels=channels)
            with contextlib.closing(proc.stream(args, CHUNK)) as pcm:
                for piece in pcm:
                    got += len(piece)
                    yield piece
        if got < WIDTH:
            raise InputError("the music has no sound to play", file=str(tracks[0]))


# --- gain envelopes ------------------------------------------------------------------------


class _Curve:
    """A piecewise-linear function of the sample clock through ``points`` (sorted by time; a
    repeated time is a step), constant before the first point and after the last."""

    def __init__(self, points: Sequence[tuple[float, float]]):
        self.ts = [float(t) for t, _ in points]
        self.vs = [float(v) for _, v in points]
        if not self.ts or any(a > b for a, b in itertools.pairwise(self.ts)):
            raise ValueError("curve points must be given in time order")

    def at(self, t: float) -> float:
        return self._value(t, bisect.bisect_right(self.ts, t))

    def before(self, t: float) -> float:
        """The limit from the left at ``t`` (differs from ``at`` only at a step)."""
        return self._value(t, bisect.bisect_left(self.ts, t))

    def _value(self, t: float, i: int) -> float:
        if i == 0:
            return self.vs[0]
        if i == len(self.ts):
            return self.vs[-1]
        t0, t1, v0, v1 = self.ts[i - 1], self.ts[i], self.vs[i - 1], self.vs[i]
        return v0 + (v1 - v0) * (t - t0) / (t1 - t0)


class Envelope:
    """A gain over the sample clock: ``amp(t) * 10 ** (db(t) / 20)``, both piecewise linear.

    Precomputed as segments between breakpoints, each either constant (one ``audioop.mul``
    however long) or a ramp (one ``mul`` per 5 ms block, the gain taken at its middle).
    """

    def __init__(
        self,
        db: Sequence[tuple[float, float]] = ((0, 0.0),),
        amp: Sequence[tuple[float, float]] = ((0, 1.0),),
    ):
        self._db, self._amp = _Curve(db), _Curve(amp)
        breaks = sorted(set(self._db.ts) | set(self._amp.ts))
        bounds = [-math.inf, *breaks, math.inf]
        self._starts: list[float] = []
        self._gains: list[float | None] = []  # None: a ramp
        for lo, hi in itertools.pairwise(bounds):
            flat = all(c.at(lo) == c.before(hi) for c in (self._db, self._amp))
            gain = self.gain(lo) if flat else None
            if gain is not None and self._gains and self._gains[-1] == gain:
                continue  # the same level carries on
            self._starts.append(lo)
            self._gains.append(gain)
        self._starts.append(math.inf)

    def gain(self, t: float) -> float:
        return self._amp.at(t) * 10.0 ** (self._db.at(t) / 20.0)

    def db(self, t: float) -> float:
        """The gain at sample ``t`` in dB (-inf for silence): for checks and tests."""
        g = self.gain(t)
        return 20.0 * math.log10(g) if g > 0 else -math.inf

    def apply(self, pcm: bytes, start: int, channels: int = 1) -> bytes:
        """``pcm`` (s16le frames of ``channels`` starting at sample ``start``) with the gain
        applied."""
        frame = WIDTH * channels
        end = start + len(pcm) // frame
        k = bisect.bisect_right(self._starts, start) - 1
        parts: list[bytes] = []
        pos = start
        while pos < end:
            stop = int(min(self._starts[k + 1], end))
            gain = self._gains[k]
            if gain is not None:
                part = pcm[(pos - start) * frame : (stop - start) * frame]
                parts.append(part if gain == 1.0 else audioop.mul(part, WIDTH, gain))
            else:
                for b0 in range(pos, stop, BLOCK):
                    b1 = min(b0 + BLOCK, stop)
                    part = pcm[(b0 - start) * frame : (b1 - start) * frame]
                    parts.append(audioop.mul(part, WIDTH, self.gain((b0 + b1 - 1) / 2)))
            pos = stop
            k += 1
        return b"".join(parts)


def level_envelope(timeline: Timeline, music: Music) -> Envelope:
    """The music's own level: ``level_db`` (``rest_level_db`` in lead-in, rests and outro,
    gliding between the two), faded in from silence at the start and out to it at the end."""
    total = timeline.total
    ramp = ms_to_samples(LEVEL_RAMP_MS)
    rest = music.level_db if music.rest_level_db is None else music.rest_level_db
    db: list[tuple[float, float]] = []
    for iv in timeline.script.plan.intervals:
        level = rest if iv.kind in RESTING else music.level_db
        if not db:
            db.append((iv.start, level))
        elif level != db[-1][1]:
            db += [(iv.start, db[-1][1]), (iv.start + min(ramp, iv.length), level)]
    fade = min(ms_to_samples(music.fade_ms), total // 2)
    amp = [(0, 0.0), (fade, 1.0), (total - fade, 1.0), (total, 0.0)] if fade else [(0, 1.0)]
    return Envelope(db or [(0, music.level_db)], amp)


def duck_envelope(timeline: Timeline, music: Music) -> Envelope:
    """``-duck_db`` under every placed clip (speech, counts and tones), reached ATTACK_MS
    before it starts and released over RELEASE_MS after it ends; 0 dB elsewhere."""
    attack, release = ms_to_samples(ATTACK_MS), ms_to_samples(RELEASE_MS)
    hold = max(ms_to_samples(HOLD_MS), attack + release)  # so ramps never overlap
    spans: list[list[int]] = []
    for p in timeline.placed:
        if spans and p.start - spans[-1][1] < hold:
            spans[-1][1] = max(spans[-1][1], p.end)
        else:
            spans.append([p.start, p.end])
    depth = -music.duck_db
    db: list[tuple[float, float]] = [(0, 0.0)] if not spans else []
    for s, e in spans:
        db += [(s - attack, 0.0), (s, depth), (e, depth), (e + release, 0.0)]
    return Envelope(db)


# --- the bed and the mix -------------------------------------------------------------------


def bed(timeline: Timeline, music: Music) -> Generator[bytes, None, None]:
    """The music alone, levelled and faded (not ducked), as windows aligned with
    ``render.render``: the same sizes, together exactly ``timeline.total`` samples. The
    playlist loops as often as needed; ffmpeg is stopped as soon as the bed is complete."""
    total = timeline.total
    env = level_envelope(timeline, music)
    buf = bytearray()
    with contextlib.closing(decode(music.tracks, music.channels)) as source:
        for w0 in range(0, total, WINDOW):
            need = (min(total, w0 + WINDOW) - w0) * WIDTH * music.channels
            while len(buf) < need:
                buf += next(source)
            window = bytes(buf[:need])
            del buf[:need]
            yield env.apply(window, w0, music.channels)


def mix(cues: bytes, music: bytes, start: int, duck: Envelope, channels: int = 1) -> bytes:
    """One output window: the (mono) cue window, centred, plus the music window (both
    starting at sample ``start``) ducked by ``duck``. Sums saturate rather than wrap."""
    if channels == 2:
        cues = audioop.tostereo(cues, WIDTH, 1, 1)
    return audioop.add(cues, duck.apply(music, start, channels), WIDTH)


def mixed(timeline: Timeline, clips: Mapping[ClipKey, bytes], music: Music) -> Iterator[bytes]:
    """``render.render(timeline, clips)`` with the music mixed in: a drop-in replacement."""
    duck = duck_envelope(timeline, music)
    with contextlib.closing(bed(timeline, music)) as beds:
        for k, cues in enumerate(render(timeline, clips)):
            yield mix(cues, next(beds), k * WINDOW, duck, music.channels)
