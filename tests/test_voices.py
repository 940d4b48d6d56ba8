"""Voices from both engines: the Piper neural voice for real (the packaged en_US joe model),
names resolved across engines, every bad voice file refused, pronunciations, the soxr
resampler measured on real speech, and repeatable neural builds from the cache."""

from __future__ import annotations

import concurrent.futures
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from repcast import build, builtin_routine, load_routine
from repcast.audio import WIDTH, prepare_speech, segment
from repcast.build import Settings, prepare
from repcast.cli import cli
from repcast.errors import InputError
from repcast.routine.model import Voice, parse_text, with_voice
from repcast.routine.phrases import phrasebook_for, pronouncer
from repcast.timing import SAMPLE_RATE
from repcast.voice import neural
from repcast.voice.speech import speak, speaker, synthesize

JOE = "en_US-joe-medium"
SHORT = """\
title: Short neural check
defaults: {lead_in: 6s, outro: 6s}
exercises:
  - name: Push-ups
    sets: 2
    reps: 5
    rest: 10s
  - name: Plank
    work: 20s
"""


def run(*args: object):
    return CliRunner().invoke(cli, [str(a) for a in args])


def fails(*args: object) -> str:
    """Exit 2, exactly one line on stderr, nothing on stdout: that line."""
    res = run(*args)
    assert res.exit_code == 2, res.output
    assert res.stdout == ""
    assert res.stderr.count("\n") == 1, res.stderr
    return res.stderr.strip()


@pytest.fixture(scope="module")
def joe_files() -> tuple[Path, Path]:
    info = speaker(Voice(name="joe")).info
    return Path(info.identifier), Path(info.config)


def _voice_copy(folder: Path, joe: tuple[Path, Path], name: str) -> Path:
    """A copy of the packaged model under another name (a symlink: it is 60 MB)."""
    folder.mkdir(parents=True, exist_ok=True)
    model = folder / f"{name}.onnx"
    model.symlink_to(joe[0])
    shutil.copy(joe[1], folder / f"{name}.onnx.json")
    return model


# --- names -------------------------------------------------------------------------------


def test_voices_lists_both_engines() -> None:
    res = run("voices", "--lang", "en")
    assert res.exit_code == 0, res.output
    rows = [line.split() for line in res.stdout.splitlines()]
    assert rows[0] == ["NAME", "ENGINE", "LANGUAGE", "RATE", "SOURCE"]
    joe = next(r for r in rows if r[0] == JOE)
    assert joe[1:5] == ["piper", "en-us", "22050", "package"]
    assert any("espeak" in r and "en-us" in r for r in rows)


@pytest.mark.parametrize("name", ["joe", "JOE", "us-joe", JOE, "joe-medium"])
def test_any_unambiguous_part_names_the_piper_voice(name: str) -> None:
    info = speaker(Voice(name=name)).info
    assert (info.engine, info.name, info.sample_rate) == ("piper", JOE, 22050)


@pytest.mark.parametrize("name", ["en-us", "en", "de", "English (America)"])
def test_espeak_names_still_mean_espeak(name: str) -> None:
    assert speaker(Voice(name=name)).info.engine == "espeak"


def test_voices_folder_and_model_path(
    tmp_path: Path, joe_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "voices"
    model = _voice_copy(folder, joe_files, "en_US-coachjoe-medium")
    monkeypatch.setenv("REPCAST_VOICES_DIR", str(folder))
    info = speaker(Voice(name="coachjoe")).info
    assert (info.name, info.source) == ("en_US-coachjoe-medium", "voices folder")
    # "joe" is now in two names: ambiguous, and the message lists both.
    with pytest.raises(InputError) as err:
        speaker(Voice(name="joe"))
    assert str(err.value) == (
        "voice.name: 'joe' could be any of: en_US-joe-medium, en_US-coachjoe-medium"
    )
    assert speaker(Voice(name=str(model))).info.source == "file"
    # A routine's model path is relative to the routine.
    routine = tmp_path / "r.yaml"
    routine.write_text(SHORT + "voice: {name: voices/en_US-coachjoe-medium.onnx}\n")
    assert speaker(load_routine(routine).voice, str(routine)).info.identifier == str(model)


# --- bad voices: one line, exit 2, nothing written -------------------------------------


def _say_fails(tmp_path: Path, voice: str) -> str:
    out = tmp_path / "clip.wav"
    line = fails("say", "Hello.", "--voice", voice, "-o", out)
    assert not out.exists()
    return line


def test_unknown_and_missing_voices(tmp_path: Path) -> None:
    assert _say_fails(tmp_path, "nobody") == (
        "repcast: error: --voice: unknown voice 'nobody' (see 'repcast voices')"
    )
    missing = tmp_path / "gone.onnx"
    assert _say_fails(tmp_path, str(missing)) == (f"repcast: error: {missing}: no such voice model")


def test_model_without_config(tmp_path: Path, joe_files: tuple[Path, Path]) -> None:
    model = tmp_path / "lonely.onnx"
    model.symlink_to(joe_files[0])
    assert _say_fails(tmp_path, str(model)) == (
        f"repcast: error: {model}: no voice config lonely.onnx.json beside the model"
    )


def test_corrupt_config(tmp_path: Path, joe_files: tuple[Path, Path]) -> None:
    model = _voice_copy(tmp_path, joe_files, "broken")
    config = tmp_path / "broken.onnx.json"
    config.write_text(config.read_text()[:500])
    assert _say_fails(tmp_path, str(model)) == (
        f"repcast: error: {config}: is not a Piper voice config"
    )


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: 3 << 20],  # cut inside the graph
        lambda data: b"",
        lambda data: b"\xff" * 64,  # a number that never ends
        lambda data: b"\x3f" + data[1:],  # a field of no known wire type
        lambda data: bytes(64),  # a field numbered 0
    ],
)
def test_damaged_model(
    tmp_path: Path, joe_files: tuple[Path, Path], damage: Callable[[bytes], bytes]
) -> None:
    model = tmp_path / "cut.onnx"
    model.write_bytes(damage(joe_files[0].read_bytes()))
    shutil.copy(joe_files[1], tmp_path / "cut.onnx.json")
    assert _say_fails(tmp_path, str(model)) == (
        f"repcast: error: {model}: is not a Piper voice model (it cannot be loaded)"
    )


REWRITE = """
import resource, sys
from pathlib import Path
import onnx
from repcast.voice import neural
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(neural._write_seeded(Path(sys.argv[1]), Path(sys.argv[2])).symbols)
print((resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) * 1024)
"""


def test_the_repeatable_copy_is_streamed(tmp_path: Path, joe_files: tuple[Path, Path]) -> None:
    """The model's random nodes become slices of inputs, every weight is kept as it was,
    and the rewrite holds a few MB, not the 60 MB model (loaded whole, it took 200 MB)."""
    import onnx

    out = tmp_path / "seeded.onnx"
    done = subprocess.run(
        [sys.executable, "-c", REWRITE, str(joe_files[0]), str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    symbols, grew = map(int, done.stdout.split())
    assert symbols == 256
    assert grew < joe_files[0].stat().st_size / 4
    old, new = onnx.load(str(joe_files[0])), onnx.load(str(out))
    assert [n.op_type for n in new.graph.node].count("RandomNormalLike") == 0
    noise = [i.name for i in new.graph.input if i.name.startswith("repcast_noise_")]
    assert len(noise) == [n.op_type for n in old.graph.node].count("RandomNormalLike") == 2
    assert list(new.graph.initializer)[:-1] == list(old.graph.initializer)
    assert list(new.graph.output) == list(old.graph.output)
    kept = [n for n in old.graph.node if n.op_type != "RandomNormalLike"]
    assert [n for n in new.graph.node if n in kept] == kept  # in their order
    assert len(new.graph.node) == len(kept) + 4 * 2


class _Counted(io.BytesIO):
    """Bytes that count how many of them were read."""

    taken = 0

    def read(self, size: int | None = -1) -> bytes:
        block = super().read(size)
        self.taken += len(block)
        return block


def test_a_weight_is_read_for_its_name_and_rows_alone() -> None:
    """Its data is passed over, not read; its dimensions may come one a field (as onnx
    writes them) or packed in one field (as other writers may), and a scalar has none."""
    from onnx import numpy_helper

    weights = np.zeros((300, 4), dtype=np.float32)
    loose = numpy_helper.from_array(weights, "embedding").SerializeToString()
    dims = neural._varint(300) + neural._varint(4)
    packed = b"".join(  # dims (field 1) in one field, name (8), raw_data (9)
        neural._field(number, value)
        for number, value in [(1, dims), (8, b"embedding"), (9, weights.tobytes())]
    )
    scalar = numpy_helper.from_array(np.array(1, dtype=np.float32), "gain").SerializeToString()
    for data, row in [(loose, ("embedding", 300)), (packed, ("embedding", 300)), (scalar, None)]:
        f = _Counted(data)
        assert neural._rows(f, neural._Field(5, 2, 0, 0, len(data))) == row
        assert f.taken < 40


def test_config_of_another_model(tmp_path: Path, joe_files: tuple[Path, Path]) -> None:
    model = _voice_copy(tmp_path, joe_files, "mismatch")
    config = tmp_path / "mismatch.onnx.json"
    data = json.loads(config.read_text())
    data["phoneme_id_map"]["ʘ"] = [4000]  # a symbol this model has no embedding for
    config.write_text(json.dumps(data))
    assert _say_fails(tmp_path, str(model)) == (
        f"repcast: error: {model}: the config mismatch.onnx.json does not belong to this model"
    )


def test_config_for_several_speakers_on_a_single_speaker_model(
    tmp_path: Path, joe_files: tuple[Path, Path]
) -> None:
    model = _voice_copy(tmp_path, joe_files, "speakers")
    config = tmp_path / "speakers.onnx.json"
    config.write_text(json.dumps({**json.loads(config.read_text()), "num_speakers": 4}))
    assert _say_fails(tmp_path, str(model)) == (
        f"repcast: error: {model}: the config speakers.onnx.json does not belong to this model"
    )


def test_a_model_is_hashed_again_only_when_it_may_have_changed(tmp_path: Path) -> None:
    """A warm build identifies its model from the digest kept with the file's identity; any
    write to the file, even one that keeps its size and modification time, hashes it again."""
    model = tmp_path / "m.onnx"
    model.write_bytes(b"first model")
    first = neural.model_digest(model)
    assert first == hashlib.sha256(b"first model").hexdigest()
    store = neural.models_dir() / "digests.json"
    known = json.loads(store.read_text())
    known[str(model)]["sha256"] = "kept"  # what is remembered is what is returned
    store.write_text(json.dumps(known))
    assert neural.model_digest(model) == "kept"
    mtime = model.stat().st_mtime_ns
    model.write_bytes(b"other model")  # same size
    os.utime(model, ns=(mtime, mtime))
    assert neural.model_digest(model) == hashlib.sha256(b"other model").hexdigest()
    store.write_text("{damaged")
    assert neural.model_digest(model) == hashlib.sha256(b"other model").hexdigest()


def test_piper_voice_without_the_extra_says_how_to_install(tmp_path: Path) -> None:
    """With the piper package hidden (as if the extra were not installed)."""
    out = tmp_path / "clip.wav"
    code = (
        "import sys; sys.modules['piper'] = None\n"
        "from repcast.cli import main\n"
        f"sys.argv = ['repcast', 'say', 'Hello.', '--voice', {{}}, '-o', {str(out)!r}]\n"
        "main()\n"
    )
    for voice, line in [
        (
            "joe",
            f"repcast: error: --voice: {JOE} is a Piper voice, which needs the neural engine: "
            "install the piper extra (from a clone: pip install '.[piper]')",
        ),
        (
            "nobody",
            "repcast: error: --voice: unknown voice 'nobody' (see 'repcast voices'; "
            "natural voices: install the piper extra (from a clone: pip install '.[piper]'))",
        ),
    ]:
        res = subprocess.run(
            [sys.executable, "-c", code.format(repr(voice))], capture_output=True, text=True
        )
        assert res.returncode == 2, res.stderr
        assert res.stderr.strip() == line
        assert not out.exists()


def test_notes_for_language_and_pitch(tmp_path: Path) -> None:
    routine = tmp_path / "r.yaml"
    routine.write_text(SHORT)
    res = run("script", routine, "--voice", "joe", "--lang", "de", "--pitch", "70")
    assert res.exit_code == 0, res.output
    notes = [line for line in res.stderr.splitlines() if "voice" in line or "pitch" in line]
    assert notes == [
        f"repcast: note: voice {JOE} speaks en-us, the phrases are in de",
        "repcast: note: Piper voices have no pitch setting: pitch 70 is not used",
    ]


# --- the neural engine ---------------------------------------------------------------------


def test_say_with_the_neural_voice(tmp_path: Path) -> None:
    out = tmp_path / "joe.wav"
    res = run("say", "Rest, thirty seconds.", "--voice", "joe", "-o", out)
    assert res.exit_code == 0, res.output
    with wave.open(str(out)) as w:
        # The clip as a build places it: resampled to the track's rate.
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate()) == (1, 2, SAMPLE_RATE)
        pcm = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    assert 0.8 < len(pcm) / SAMPLE_RATE < 3.0
    assert np.abs(pcm).max() > 3000


def test_rate_maps_onto_piper_length_scale() -> None:
    slow = speak(speaker(Voice(name="joe", rate=110)), "Keep your elbows tucked.")
    fast = speak(speaker(Voice(name="joe", rate=300)), "Keep your elbows tucked.")
    assert slow.frames > 1.8 * fast.frames


def test_a_piece_said_again_is_rendered_once(
    joe_files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The model renders a piece (same phonemes, same rate) once per process, also when two
    threads ask for it at once; what it returns is the very audio a fresh render gives, and
    what is kept for later is bounded."""
    runs: list[int] = []
    render = neural.Piper._run

    def counted(self: neural.Piper, ids: list[int], scale: float) -> object:
        runs.append(len(ids))
        return render(self, ids, scale)

    monkeypatch.setattr(neural.Piper, "_run", counted)
    rest = neural.Piper(*joe_files).synth("Rest.", Voice())
    assert len(runs) == 1
    runs.clear()
    model = neural.Piper(*joe_files)
    gap = bytes(WIDTH * int(model.rate * 0.2))
    assert model.synth("Rest. Rest. Rest.", Voice()) == gap.join([rest] * 3)
    assert len(runs) == 1
    arrived = threading.Event()  # the other thread is inside: waiting for the lock or past it
    asked: list[int] = []
    book = threading.Lock()  # the watch's own bookkeeping

    class Watched(dict):  # type: ignore[type-arg]
        """The first thread to look a piece up waits there until the other has come in."""

        def get(self, key: object, default: object = None) -> object:
            found = super().get(key, default)
            with book:
                asked.append(threading.get_ident())
                waits = len(asked) == 1
            if waits:
                assert arrived.wait(120), "the other thread never came in"
            else:
                arrived.set()
            return found

    class WatchedLock:
        def __init__(self, lock: threading.Lock) -> None:
            self.lock = lock

        def __enter__(self) -> None:
            if not self.lock.acquire(blocking=False):
                arrived.set()  # held by the other thread: this one waits for it
                self.lock.acquire()

        def __exit__(self, *_: object) -> None:
            self.lock.release()

    model._kept = Watched(model._kept)
    model._keeping = WatchedLock(model._keeping)  # type: ignore[assignment]
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        both = list(pool.map(model.synth, ["Keep your elbows tucked."] * 2, [Voice()] * 2))
    assert len(set(asked)) == 2  # both threads looked it up, one while the other was inside
    assert both[0] == both[1] and len(runs) == 2
    slower = model.synth("Rest.", Voice(rate=120))  # another scale: rendered anew
    assert len(runs) == 3 and len(slower) > len(rest)
    monkeypatch.setattr(neural, "_KEPT_SECONDS", 1)
    for text in ("Squat low.", "Breathe out as you push.", "Hold it there."):
        model.synth(text, Voice())
    kept = [f.result() for f in model._kept.values()]
    assert kept and sum(len(a) for a in kept) <= model.rate
    assert len(runs) == 6


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: one clip at a time")
def test_clips_spoken_side_by_side_start_with_the_longest() -> None:
    """With two threads, the longest text is begun first, so neither thread is left with a
    long clip alone at the end; one thread keeps the routine's order."""
    texts = ["Go.", "Keep your back straight and your knees soft.", "Rest, ten seconds."]
    piper = speaker(Voice(name="joe"))
    assert piper.threads == 2
    assert [t for t, _ in synthesize(texts, piper, None)] == sorted(texts, key=len)[::-1]
    assert [t for t, _ in synthesize(texts, speaker(Voice()), None)] == texts


def test_warm_neural_build_is_identical_and_loads_no_model(tmp_path: Path) -> None:
    """A build whose clips are all cached never loads the model, and gives the same file;
    so does a build from an empty cache."""
    routine = with_voice(parse_text(SHORT, "short.yaml"), voice="joe")
    cache = tmp_path / "cache"
    neural._LOADED.clear()
    first = build(routine, tmp_path / "a.mp3", Settings(cache_dir=cache)).output
    entries = sorted(p.name for p in cache.rglob("*.pcm"))
    assert entries
    neural._LOADED.clear()
    second = build(routine, tmp_path / "b.mp3", Settings(cache_dir=cache)).output
    assert sorted(p.name for p in cache.rglob("*.pcm")) == entries
    assert neural._LOADED  # the voice was looked up for the cache key...
    assert all(m._voice is None for m in neural._LOADED.values())  # ...and never loaded
    assert first.read_bytes() == second.read_bytes()
    third = build(routine, tmp_path / "c.mp3", Settings(cache_dir=tmp_path / "empty")).output
    assert third.read_bytes() == first.read_bytes()


# --- resampling ------------------------------------------------------------------------------


def _image_level_db(pcm: bytes) -> float:
    """The loudest 12-20 kHz component relative to the loudest speech component (100 Hz to
    5 kHz), from an averaged spectrum at 44.1 kHz."""
    x = np.frombuffer(pcm, dtype="<i2").astype(np.float64)
    n = 4096
    frames = [x[i : i + n] * np.hanning(n) for i in range(0, len(x) - n, n // 2)]
    power = np.mean([np.abs(np.fft.rfft(f)) ** 2 for f in frames], axis=0)
    freqs = np.fft.rfftfreq(n, 1 / SAMPLE_RATE)
    speech = power[(freqs > 100) & (freqs < 5000)].max()
    images = power[(freqs > 12000) & (freqs < 20000)].max()
    return float(10 * np.log10(images / speech))


SIBILANT = "Sit straight, squeeze the shoulders, six slow steps, such stress, so strong."


@pytest.mark.parametrize("voice", ["en-us", "joe"])
def test_resampled_speech_has_no_image_band(voice: str) -> None:
    clip = speak(speaker(Voice(name=voice)), SIBILANT)
    assert clip.rate == 22050
    ours = _image_level_db(prepare_speech(clip.pcm, clip.rate))
    assert ours < -70, ours
    # The linear interpolation this replaced leaves the images far closer: the measure
    # would have caught it.
    linear = segment(clip.pcm, clip.rate).set_frame_rate(SAMPLE_RATE).raw_data
    assert _image_level_db(linear) > -50


def test_neural_build_speech_has_no_image_band(tmp_path: Path, cache_dir: Path) -> None:
    routine = with_voice(parse_text(SHORT, "short.yaml"), voice="joe")
    result = build(routine, tmp_path / "w.wav", Settings(cache_dir=cache_dir))
    with wave.open(str(result.output)) as w:
        pcm = w.readframes(w.getnframes())
    spoken = b"".join(
        pcm[p.start * WIDTH : p.end * WIDTH] for p in result.timeline.placed if p.cue.spoken
    )
    assert len(spoken) > SAMPLE_RATE * WIDTH * 5
    assert _image_level_db(spoken) < -70


# --- pronunciations ------------------------------------------------------------------------


def test_pronouncer_whole_words_any_case() -> None:
    say = pronouncer({"EMOM": "E-mom", "push-ups": "push ups"})
    assert say("EMOM, emom and Emom; not DEMOMAN or EMOMs.") == (
        "E-mom, E-mom and E-mom; not DEMOMAN or EMOMs."
    )
    assert say("Ten Push-ups.") == "Ten push ups."
    assert pronouncer({})("EMOM") == "EMOM"


def test_builtin_phrasebooks_respell_jargon() -> None:
    assert phrasebook_for("en").pronounce["EMOM"] == "E-mom"
    assert phrasebook_for("de").pronounce["Burpees"] == "Börpies"
    assert builtin_routine().spoken("Ten minute EMOM.") == "Ten minute E-mom."


@pytest.mark.parametrize("voice", ["en-us", "joe"])
def test_pronounce_changes_the_sound_not_the_script(cache_dir: Path, voice: str) -> None:
    say = "push ups, the kind with your hands flat on the floor"
    plain = with_voice(parse_text(SHORT, "short.yaml"), voice=voice)
    respelled = with_voice(
        parse_text(SHORT + f"pronounce: {{Push-ups: {say!r}}}\n", "short.yaml"), voice=voice
    )
    a = prepare(plain, Settings(cache_dir=cache_dir))
    b = prepare(respelled, Settings(cache_dir=cache_dir))
    texts = [c.text for c in a.timeline.script.cues]
    assert texts == [c.text for c in b.timeline.script.cues]  # the written words stay
    cue = next(t for t in texts if "Push-ups" in t)
    assert len(b.clips["speech", cue]) > 1.5 * len(a.clips["speech", cue])


def test_script_shows_written_words(tmp_path: Path) -> None:
    routine = tmp_path / "r.yaml"
    routine.write_text(SHORT + "pronounce: {Push-ups: pushy ups}\n")
    res = run("script", routine)
    assert res.exit_code == 0, res.output
    assert "Push-ups" in res.stdout and "pushy" not in res.stdout


def test_phrasebook_pronounce_is_checked(tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    text = run("phrases").stdout
    book.write_text(text.replace('  HIIT: "hit"', '  HIIT: "hit"\n  Plank: "plonk"'))
    routine = tmp_path / "r.yaml"
    routine.write_text(SHORT)
    assert run("script", routine, "--phrases", book).exit_code == 0
    book.write_text(text.split("pronounce:")[0] + "pronounce: [a, b]\n")
    assert fails("script", routine, "--phrases", book) == (
        f"repcast: error: {book}: pronounce: expected a mapping of words to what to say, got a list"
    )
    routine.write_text(SHORT + "pronounce: [Plank]\n")
    assert fails("script", routine) == (
        f"repcast: error: {routine}: pronounce: expected a mapping of words to what to say, "
        "got a list"
    )


def test_batch_in_the_neural_voice(tmp_path: Path, cache_dir: Path) -> None:
    """Episodes whose routines name the Piper voice build in the batch's worker processes,
    and their audio has speech where the script says."""
    from .conftest import ROOT, decoded

    routines = tmp_path / "routines"
    routines.mkdir()
    for i, move in enumerate(["Push-ups", "Squats"]):
        text = SHORT.replace("Short neural check", f"Neural {move}").replace("Push-ups", move)
        (routines / f"{i}.yaml").write_text(text + "voice: {name: joe}\n")
    out = tmp_path / "public"
    res = run(
        "batch", routines, "--feed", ROOT / "examples" / "podcast.yaml", "--out", out,
        "--cache-dir", cache_dir, "--jobs", "2",
    )  # fmt: skip
    assert res.exit_code == 0, res.output
    assert res.stdout.startswith("built 2, skipped 0, failed 0")
    episodes = sorted((out / "episodes").glob("*.mp3"))
    assert len(episodes) == 2
    for mp3 in episodes:
        x = decoded(mp3)
        transcript = mp3.with_suffix(".vtt").read_text()
        move = "Push-ups" if "push-ups" in mp3.name else "Squats"
        assert f"Neural {move}" in transcript and f"First up: {move}." in transcript
        assert float(np.sqrt(np.mean(x**2))) > 0.01
