"""Background music: playlist, probing, the streamed bed, ducking and mixing. Test music is
made by the real ffmpeg (lavfi sources) and every measurement is taken on real PCM."""

from __future__ import annotations

import math
import random
import time
from pathlib import Path

import numpy as np
import pytest

from repcast import proc
from repcast.coach.cues import Cue, CueScript, make_cues
from repcast.errors import InputError, ToolError
from repcast.routine.model import parse_text
from repcast.routine.plan import Interval, Plan, make_plan
from repcast.sound import music
from repcast.sound.encode import FORMATS, encode
from repcast.sound.render import WINDOW, render
from repcast.sound.timeline import Placed, Timeline, schedule
from repcast.timing import SAMPLE_RATE

from .conftest import ROOT, decoded, make_audio

SR = SAMPLE_RATE


def timeline(
    seconds: float,
    cues: tuple[tuple[float, float], ...] = (),
    intervals: tuple[tuple[str, float], ...] = (),
) -> Timeline:
    """A hand-made timeline: ``intervals`` as (kind, seconds) (one work interval filling it
    by default) and silent speech clips placed at (start, length) in seconds."""
    total = round(seconds * SR)
    ivs, at = [], 0
    for i, (kind, secs) in enumerate(intervals or (("work", seconds),)):
        length = round(secs * SR) if i < len(intervals) - 1 else total - at
        ivs.append(Interval(i, kind, at, length))
        at += length
    plan = Plan(routine=None, intervals=tuple(ivs))  # type: ignore[arg-type]
    placed = []
    for k, (start, length) in enumerate(cues):
        cue = Cue(round(start * SR), "speech", f"cue {k}", 0, "at", "test", 0)
        placed.append(Placed(cue, cue.at, round(length * SR), cue.text))
    return Timeline(CueScript(plan, ()), tuple(placed), ())


def silent_clips(tl: Timeline) -> dict[tuple[str, str], bytes]:
    return {(p.cue.kind, p.text): bytes(p.length * 2) for p in tl.placed}


def pcm(chunks) -> np.ndarray:
    return np.frombuffer(b"".join(chunks), dtype="<i2").astype(np.float64) / 32768.0


def rms_db(x: np.ndarray, a: float, b: float) -> float:
    seg = x[round(a * SR) : round(b * SR)]
    return 20 * math.log10(math.sqrt(float(np.mean(seg**2))) + 1e-12)


@pytest.fixture(scope="module")
def noise(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_audio(tmp_path_factory.mktemp("music") / "noise.flac", "anoisesrc=d=30:a=0.5")


@pytest.fixture(scope="module")
def beep(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One second of sine: loops many times in any bed."""
    return make_audio(tmp_path_factory.mktemp("music") / "beep.mp3", "sine=f=440:d=1")


# --- playlist and probe --------------------------------------------------------------------


def test_playlist_is_sorted_then_shuffled_reproducibly(tmp_path: Path) -> None:
    names = [f"{n:02d}.{ext}" for n, ext in enumerate(sorted(music.EXTENSIONS))]
    names += ["07-b.mp3", "08-c.mp3", "09-loud.MP3"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "notes.txt").write_bytes(b"x")
    (tmp_path / "._09-loud.mp3").write_bytes(b"x")  # a macOS resource fork
    (tmp_path / "album.mp3").mkdir()

    first = music.playlist(tmp_path, 7)
    assert sorted(p.name for p in first) == sorted(names)
    assert music.playlist(tmp_path, 7) == first
    expected = sorted(names)
    random.Random(7).shuffle(expected)
    assert [p.name for p in first] == expected
    assert music.playlist(tmp_path, 8) != first
    assert len({music.playlist(tmp_path, s) for s in range(10)}) > 5


def test_playlist_of_one_file(beep: Path) -> None:
    assert music.playlist(beep, 1) == (beep,)


def test_playlist_errors_name_the_path(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file") as missing:
        music.playlist(tmp_path / "nowhere", 1)
    assert str(tmp_path / "nowhere") in str(missing.value)

    (tmp_path / "readme.txt").write_text("not music")
    with pytest.raises(InputError, match="no audio files") as empty:
        music.playlist(tmp_path, 1)
    assert str(tmp_path) in str(empty.value)
    assert empty.value.exit_code == 2

    (tmp_path / "gone.mp3").symlink_to(tmp_path / "deleted.mp3")
    with pytest.raises(InputError, match="cannot read") as unreadable:
        music.playlist(tmp_path, 1)
    assert str(tmp_path / "gone.mp3") in str(unreadable.value)


def test_probe_accepts_audio_and_rejects_the_rest(tmp_path: Path, noise: Path, beep: Path) -> None:
    music.probe(noise)
    music.probe(beep)
    fake = tmp_path / "song.mp3"
    fake.write_text("These are the lyrics, not the song.\n" * 50)
    with pytest.raises(InputError, match="not an audio file ffmpeg can read") as bad:
        music.probe(fake)
    assert str(fake) in str(bad.value)
    assert bad.value.exit_code == 2


def test_load_checks_every_track_before_rendering(tmp_path: Path) -> None:
    make_audio(tmp_path / "a.ogg", "sine=f=330:d=2")
    (tmp_path / "b.wav").write_bytes(b"RIFF nonsense")
    with pytest.raises(InputError, match="not an audio file") as bad:
        music.load(tmp_path, 3)
    assert str(tmp_path / "b.wav") in str(bad.value)
    (tmp_path / "b.wav").unlink()
    assert music.load(tmp_path, 3) == ((tmp_path / "a.ogg",), 1)  # upmixed mono: mono


def test_stereo_music_makes_a_stereo_track(tmp_path: Path, cache_dir: Path) -> None:
    from mutagen.mp3 import MP3

    from repcast.build import Settings, build
    from repcast.routine.model import parse_text

    song = make_audio(
        tmp_path / "stereo.flac", "aevalsrc=sin(330*2*PI*t)|sin(440*2*PI*t):d=3:s=44100"
    )
    tracks, channels = music.load(song, 0)
    assert channels == 2
    routine = parse_text(
        "title: T\ndefaults: {lead_in: 5s, outro: 5s}\nexercises: [{name: Plank, work: 12s}]\n",
        "t.yaml",
    )
    out = tmp_path / "t.mp3"
    result = build(
        routine,
        out,
        Settings(cache_dir=cache_dir, sidecars=False, music=music.Music(tracks, channels=2)),
    )
    info = MP3(out).info
    assert info.channels == 2
    assert abs(info.length - result.timeline.total / SAMPLE_RATE) < 0.05
    left_right = np.frombuffer(
        proc.run(
            [proc.ffmpeg(), "-v", "error", "-i", str(out), "-f", "s16le", "-ac", "2", "pipe:1"]
        ),
        dtype="<i2",
    ).reshape(-1, 2)
    assert len(left_right) == result.timeline.total
    assert not np.array_equal(left_right[:, 0], left_right[:, 1])  # the music is stereo


def test_settings_are_checked(beep: Path) -> None:
    with pytest.raises(InputError, match="music level"):
        music.Music((beep,), level_db=3)
    with pytest.raises(InputError, match="rest level"):
        music.Music((beep,), rest_level_db=-80)
    with pytest.raises(InputError, match="ducking"):
        music.Music((beep,), duck_db=6)
    with pytest.raises(InputError):
        music.Music(())


# --- the bed -------------------------------------------------------------------------------


def test_bed_matches_render_windows_and_loops_a_short_file(beep: Path) -> None:
    tl = timeline(23.7)
    windows = list(music.bed(tl, music.Music((beep,), level_db=0, fade_ms=0)))
    assert [len(w) for w in windows] == [len(w) for w in render(tl, {})]
    assert sum(len(w) for w in windows) == tl.total * 2
    x = pcm(windows)
    # A one-second file looped for 23.7 s: sound in every second, right to the end.
    for s in range(23):
        assert rms_db(x, s + 0.1, s + 0.9) == pytest.approx(rms_db(x, 0.1, 0.9), abs=1)
    assert rms_db(x, 23.0, 23.7) == pytest.approx(rms_db(x, 0.1, 0.9), abs=1)


def test_bed_plays_a_playlist_of_mixed_formats_in_order(tmp_path: Path) -> None:
    tracks = (
        make_audio(tmp_path / "1.mp3", "sine=f=300:d=2"),
        make_audio(tmp_path / "2.flac", "sine=f=900:d=2", channels=1),
        make_audio(tmp_path / "3.m4a", "sine=f=2700:d=2"),
    )
    x = pcm(music.bed(timeline(12.0), music.Music(tracks, level_db=0, fade_ms=0)))
    assert len(x) == 12 * SR

    def pitch(a: float) -> float:
        seg = x[round(a * SR) : round(a * SR) + SR // 2]
        spectrum = np.abs(np.fft.rfft(seg * np.hanning(len(seg))))
        return float(np.argmax(spectrum)) * SR / len(seg)

    # 2 s each, back to back, then round again (allow for codec padding at the seams).
    for start, freq in [(0.5, 300), (2.5, 900), (4.5, 2700), (6.5, 300), (8.5, 900)]:
        assert pitch(start) == pytest.approx(freq, abs=10)


def test_bed_level_and_fades(noise: Path) -> None:
    tl = timeline(20.0)
    raw = pcm(music.bed(tl, music.Music((noise,), level_db=0, fade_ms=0)))
    x = pcm(music.bed(tl, music.Music((noise,), level_db=-18, fade_ms=3000)))
    assert rms_db(x, 5, 15) - rms_db(raw, 5, 15) == pytest.approx(-18, abs=0.2)
    # Fade in: silent at first, about half amplitude (-6 dB) half way, full after 3 s.
    assert rms_db(x, 0, 0.05) < rms_db(x, 5, 15) - 30
    assert rms_db(x, 1.45, 1.55) - rms_db(raw, 1.45, 1.55) == pytest.approx(-18 - 6, abs=1)
    assert rms_db(x, 3.0, 4.0) - rms_db(raw, 3.0, 4.0) == pytest.approx(-18, abs=0.2)
    # Fade out to silence at the very end.
    assert rms_db(x, 19.95, 20.0) < rms_db(x, 5, 15) - 30
    assert rms_db(x, 18.45, 18.55) - rms_db(raw, 18.45, 18.55) == pytest.approx(-24, abs=1)
    assert abs(x[-1]) < 0.002


def test_rest_intervals_have_their_own_level(noise: Path) -> None:
    tl = timeline(20.0, intervals=(("work", 10.0), ("rest", 10.0)))
    x = pcm(music.bed(tl, music.Music((noise,), level_db=-10, rest_level_db=-25, fade_ms=0)))
    assert rms_db(x, 12, 19) - rms_db(x, 2, 9) == pytest.approx(-15, abs=0.5)
    # It glides rather than jumps: half way through the ramp it is in between.
    assert -12 < rms_db(x, 10.45, 10.55) - rms_db(x, 2, 9) < -3


def test_bed_streams_and_stops_ffmpeg_early(noise: Path) -> None:
    """The first window of a 3-hour bed comes at once: nothing is decoded ahead."""
    tl = timeline(3 * 3600.0)
    start = time.perf_counter()
    beds = music.bed(tl, music.Music((noise,)))
    first = next(beds)
    beds.close()
    assert len(first) == WINDOW * 2
    assert time.perf_counter() - start < 3


# --- ducking and mixing --------------------------------------------------------------------


def test_ducking_lowers_the_music_under_a_cue(tmp_path: Path, noise: Path) -> None:
    tl = timeline(14.0, cues=((6.0, 1.5),))
    out = tmp_path / "mixed.mp3"
    encode(music.mixed(tl, silent_clips(tl), music.Music((noise,))), out, FORMATS["mp3"])
    x = decoded(out)
    before = rms_db(x, 4.5, 5.0)  # about one second before the cue
    during = rms_db(x, 6.0, 7.5)
    assert before - during >= 10
    assert before - during == pytest.approx(music.DUCK_DB, abs=1.5)
    # Fully back a second after the cue.
    assert rms_db(x, 8.5, 9.0) == pytest.approx(before, abs=1)


def test_the_duck_starts_before_the_cue(noise: Path) -> None:
    tl = timeline(10.0, cues=((4.0, 1.0),))
    m = music.Music((noise,))
    duck = music.duck_envelope(tl, m)
    start, end = 4 * SR, 5 * SR
    attack = SR * music.ATTACK_MS // 1000
    release = SR * music.RELEASE_MS // 1000
    assert duck.db(start - attack - 1) == 0
    assert duck.db(start - attack // 2) < -3  # well on the way down before the cue
    assert duck.db(start) == pytest.approx(-music.DUCK_DB)
    assert duck.db(end - 1) == pytest.approx(-music.DUCK_DB)
    assert -music.DUCK_DB < duck.db(end + release // 2) < 0
    assert duck.db(end + release + 1) == 0

    x = pcm(music.mixed(tl, silent_clips(tl), m))
    lead = rms_db(x, 4.0 - music.ATTACK_MS / 2000, 4.0)  # the last half of the attack
    assert rms_db(x, 3.0, 3.5) - lead > 3
    assert rms_db(x, 3.0, 3.5) - rms_db(x, 4.0, 4.05) >= 12  # fully ducked as it starts


def test_close_cues_share_one_duck(noise: Path) -> None:
    tl = timeline(10.0, cues=((3.0, 0.3), (3.8, 0.3), (4.6, 0.3)))
    duck = music.duck_envelope(tl, music.Music((noise,)))
    for t in np.arange(3.0, 4.9, 0.05):
        assert duck.db(round(t * SR)) == pytest.approx(-music.DUCK_DB)


def test_envelope_ramps_are_smooth() -> None:
    env = music.Envelope(db=[(1000, 0.0), (1000 + 80 * 441, -15.0)])
    gains = np.array([env.gain(t) for t in range(0, 50000, 441)])
    assert np.all(np.diff(gains) <= 0)
    x = np.frombuffer(env.apply(np.full(50000, 10000, "<i2").tobytes(), 0), "<i2")
    steps = np.abs(np.diff(x.astype(np.float64))) / 10000
    assert steps.max() < 10 ** (-15 / 20) * 0.1  # no step bigger than ~1 dB of the ramp
    assert x[0] == 10000 and x[-1] == round(10000 * 10 ** (-15 / 20))


def test_mix_adds_and_saturates_rather_than_wrapping() -> None:
    duck = music.Envelope()
    loud = np.full(1000, 30000, "<i2").tobytes()
    out = np.frombuffer(music.mix(loud, loud, 0, duck), "<i2")
    assert np.all(out == 32767)
    quiet = np.full(1000, 100, "<i2").tobytes()
    assert np.all(np.frombuffer(music.mix(quiet, quiet, 0, duck), "<i2") == 200)


def test_mixed_is_a_drop_in_for_render(beep: Path) -> None:
    tl = timeline(25.0, cues=((2.0, 0.5), (15.0, 1.0)))
    clips = {k: np.full(len(v) // 2, 5000, "<i2").tobytes() for k, v in silent_clips(tl).items()}
    plain = list(render(tl, clips))
    mixed = list(music.mixed(tl, clips, music.Music((beep,))))
    assert [len(w) for w in mixed] == [len(w) for w in plain]
    x = pcm(mixed)
    assert np.all(np.abs(x[2 * SR + 100 : 2 * SR + SR // 2 - 100] - 5000 / 32768) < 0.05)


def test_mixing_45_minutes_is_fast() -> None:
    """Levels, ducking and the sum for a real 46-minute timeline (1,400+ cues), measured
    without decoding: far less than ffmpeg needs to encode it."""
    text = (ROOT / "examples" / "tabata.yaml").read_text().replace("rounds: 8", "rounds: 80")
    lengths = {"speech": SR // 2, "count": SR // 3, "beep": SR // 10, "final": SR // 3}
    tl = schedule(make_cues(make_plan(parse_text(text, "tabata"))), lambda k, t: lengths[k])
    assert tl.total > 45 * 60 * SR and len(tl.placed) > 1000
    clips = {(p.cue.kind, p.text): bytes(p.length * 2) for p in tl.placed}
    m = music.Music((Path("unused.mp3"),), rest_level_db=-24)
    song = np.random.default_rng(1).integers(-8000, 8000, WINDOW, dtype="<i2").tobytes()
    start = time.perf_counter()
    level = music.level_envelope(tl, m)
    duck = music.duck_envelope(tl, m)
    n = 0
    for k, cues in enumerate(render(tl, clips)):
        bed = level.apply(song[: len(cues)], k * WINDOW)
        n += len(music.mix(cues, bed, k * WINDOW, duck))
    elapsed = time.perf_counter() - start
    assert n == tl.total * 2
    assert elapsed < 5, f"mixing 46 minutes took {elapsed:.1f} s"


# --- proc.stream ---------------------------------------------------------------------------


def test_stream_reports_ffmpeg_failure_with_its_stderr(tmp_path: Path) -> None:
    args = [proc.ffmpeg(), "-hide_banner", "-i", str(tmp_path / "none.mp3"), "-f", "s16le", "-"]
    with pytest.raises(ToolError) as failed:
        list(proc.stream(args))
    assert "No such file" in failed.value.stderr
    assert failed.value.command == args


def test_stream_stops_an_endless_program_when_closed() -> None:
    args = [proc.ffmpeg(), "-v", "error", "-f", "lavfi", "-i", "anoisesrc", "-f", "s16le", "-"]
    pieces = proc.stream(args, 4096)
    assert len(next(pieces)) == 4096
    start = time.perf_counter()
    pieces.close()  # kills it: no ToolError for the kill, no hang
    assert time.perf_counter() - start < 2
