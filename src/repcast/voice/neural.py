"""Piper, the optional neural engine (the ``piper`` extra).

A model is loaded only when a clip is not in the cache, so a warm build never pays for it;
one model per process, shared by every phrase.

A Piper model draws random noise inside itself (two RandomNormalLike nodes: phoneme
durations and the voice's variation) from a generator that onnxruntime seeds once per
session and never resets, so the same text came out different on every call ("three":
0.41 to 0.45 s). When the model is loaded, those nodes are replaced by slices of noise
that RepCast passes in, drawn from a generator seeded by the phonemes and settings: a
clip's samples then depend only on what is spoken and how, not on what came before.
"""

from __future__ import annotations

import concurrent.futures
import ctypes
import ctypes.util
import dataclasses
import functools
import hashlib
import importlib.util
import json
import logging
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import platformdirs

from ..errors import EngineError, InputError, RepcastError, install_hint
from ..files import atomic_path, atomic_write, file_sha256
from ..routine.model import Voice

INSTALL_HINT = install_hint("piper")
_SENTENCE_GAP = 0.2  # seconds between sentences; Piper speaks each sentence on its own
_REFERENCE_RATE = 165  # words a minute that Piper's own length scale stands for
_NOISE = "repcast_noise_"  # the inputs that replace the model's random nodes
_PATCH_FORMAT = 2  # part of the repeatable copy's name: a new format makes a new copy
# The model's memory grows with the length of what it renders at once (measured: about
# 25 MB a second of speech, 600 MB for a 60-word sentence), so long sentences are spoken a
# clause at a time, and a clause that is still long, a few words at a time.
_CHUNK = 30  # phonemes
# How a clip is rendered from the model (the pieces above, the seeded noise): part of the
# speech cache's key, so a change here makes new clips instead of mixing old and new.
RENDERING = f"clauses of {_CHUNK}, noise by phonemes"
_FRAMES_PER_PHONEME = 24  # a first guess at the noise a sentence needs; doubled if short
_DIGESTS = 64  # models whose digests are remembered; more start the list afresh
# A routine's phrases share many pieces ("Next up:", a short cue that begins its long
# form): each piece is rendered once and its audio kept for the others, up to this much.
_KEPT_SECONDS = 120

log = logging.getLogger("repcast.piper")


def available() -> bool:
    """Whether the extra is installed, without importing it (onnxruntime is slow to load)."""
    try:
        return importlib.util.find_spec("piper") is not None
    except (ImportError, ValueError):
        return False


def read_config(model: Path, config: Path) -> dict[str, Any]:
    """The voice's JSON config, checked for what synthesis needs."""
    try:
        data = json.loads(config.read_text("utf-8"))
        rate = int(data["audio"]["sample_rate"])
        ids = data["phoneme_id_map"]
        data["espeak"]["voice"]
        if rate < 8000 or not ids or not isinstance(ids, dict):
            raise ValueError
    except FileNotFoundError as exc:
        raise InputError(
            f"no voice config {config.name} beside the model", file=str(model)
        ) from exc
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError("is not a Piper voice config", file=str(config)) from exc
    return data


def length_scale(voice: Voice, config: dict[str, Any]) -> float:
    """Piper's length scale for the voice's rate: 165 words a minute is the model's own pace."""
    base = float(config.get("inference", {}).get("length_scale", 1.0))
    return round(base * _REFERENCE_RATE / voice.rate, 4)


class Piper:
    """One Piper voice model, loaded on first use."""

    def __init__(self, model: Path, config: Path):
        self.model = model
        self.config_path = config
        self.config = read_config(model, config)
        self.rate = int(self.config["audio"]["sample_rate"])
        self._voice: Any = None
        self._inputs: dict[str, Any] = {}
        self._loading = threading.Lock()
        self._kept: dict[tuple[tuple[int, ...], float], concurrent.futures.Future[Any]] = {}
        self._keeping = threading.Lock()

    def _load(self) -> Any:
        with self._loading:  # clips are spoken from several threads: load once
            return self._voice or self._load_now()

    def _load_now(self) -> Any:
        name = str(self.model)
        try:
            # onnx rewrites the model, once: only looked for here, as importing it takes
            # longer than onnxruntime and piper together.
            if importlib.util.find_spec("onnx") is None:
                raise ImportError("onnx")
            import onnxruntime
            from piper import PiperConfig, PiperVoice
        except ImportError as exc:
            raise InputError(
                f"Piper voices need the neural engine: {INSTALL_HINT}", field="voice.name"
            ) from exc
        try:
            path, shape = seeded_model(self.model)
        except Exception as exc:  # onnx raises its own types for a file that is no model
            raise _unloadable(name) from exc
        # A config made for another model names phoneme ids the model has no embedding for,
        # or leaves out its speaker: the model's shapes show either without speaking.
        ids = [i for ids in self.config["phoneme_id_map"].values() for i in ids]
        speakers = int(self.config.get("num_speakers", 1))
        if max(ids, default=0) >= shape.symbols or (speakers > 1) != (shape.speakers > 1):
            raise InputError(
                f"the config {self.config_path.name} does not belong to this model", file=name
            )
        options = onnxruntime.SessionOptions()
        # Off: measured, the arena grows by doubling, and two runs at once sent a build past
        # 700 MB now and then; without it the peak stays near 370 MB for 1.6 s more CPU.
        options.enable_cpu_mem_arena = False
        # One thread a run, and runs side by side (speech.synthesize): measured 20 x realtime
        # against 13 x for one run on both cores, and the same bits whatever the core count.
        options.intra_op_num_threads = 1
        try:
            session = onnxruntime.InferenceSession(
                str(path), options, providers=["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own types for a bad model
            raise _unloadable(name) from exc
        voice = PiperVoice(session=session, config=PiperConfig.from_dict(self.config))
        self._inputs = {i.name: i for i in session.get_inputs()}
        self._voice = voice
        log.debug("loaded Piper voice %s", self.model)
        return voice

    def _piece(self, ids: list[int], scale: float) -> Any:
        """A piece's audio, rendered once: the same phonemes at the same scale are the same
        samples (their noise is seeded by them), so a piece said again, or being rendered on
        the other thread, is not rendered twice."""
        key = (tuple(ids), scale)
        with self._keeping:
            future = self._kept.get(key)
            mine = future is None
            if future is None:
                future = self._kept[key] = concurrent.futures.Future()
        if not mine:
            return future.result()
        try:
            audio = self._run(ids, scale)
        except BaseException as exc:
            with self._keeping:
                self._kept.pop(key, None)  # not kept: the next caller tries again
            future.set_exception(exc)
            raise
        audio.setflags(write=False)
        future.set_result(audio)
        with self._keeping:
            done = [k for k, f in self._kept.items() if f.done()]
            kept = sum(len(self._kept[k].result()) for k in done)
            for k in done:  # the oldest go first
                if kept <= _KEPT_SECONDS * self.rate:
                    break
                kept -= len(self._kept.pop(k).result())
        return audio

    def _run(self, ids: list[int], scale: float) -> Any:
        """One sentence's phoneme ids to float audio, with noise seeded by what is said."""
        import numpy as np

        inference = self.config.get("inference", {})
        feed = {
            "input": np.array([ids], dtype=np.int64),
            "input_lengths": np.array([len(ids)], dtype=np.int64),
            "scales": np.array(
                [inference.get("noise_scale", 0.667), scale, inference.get("noise_w", 0.8)],
                dtype=np.float32,
            ),
        }
        if "sid" in self._inputs:
            feed["sid"] = np.array([self.config.get("default_speaker_id", 0)], dtype=np.int64)
        seed = int.from_bytes(hashlib.sha256(repr((ids, scale)).encode()).digest()[:8], "little")
        size = len(ids) * _FRAMES_PER_PHONEME * max(1.0, scale)
        while True:
            rng = np.random.default_rng(seed)
            noise = {
                n: rng.standard_normal(int(size * 256), dtype=np.float32)
                for n in self._inputs
                if n.startswith(_NOISE)
            }
            try:
                return self._voice.session.run(None, {**feed, **noise})[0].squeeze()
            except Exception:
                if size > len(ids) * 4096:  # far more than any sentence: a real failure
                    raise
                size *= 4  # a slow sentence needs more noise than the first guess

    def synth(self, text: str, voice: Voice) -> bytes:
        """Mono 16-bit PCM at ``self.rate``, the sentences joined by a short pause."""
        import numpy as np

        model = self._load()
        scale = length_scale(voice, self.config)
        gap = np.zeros(int(self.rate * _SENTENCE_GAP), dtype=np.float32)
        parts: list[Any] = []
        try:
            for sentence in model.phonemize(text):
                pieces = [self._piece(model.phonemes_to_ids(p), scale) for p in _clauses(sentence)]
                if pieces:
                    parts += [gap, *pieces] if parts else pieces
        except Exception as exc:
            raise EngineError(f"Piper failed to speak {text!r}: {exc}") from exc
        if not parts:
            raise EngineError(f"Piper produced no audio for {text!r}")
        pcm = np.clip(np.concatenate(parts) * 32767, -32767, 32767).astype("<i2").tobytes()
        del parts
        _give_back_memory()
        return pcm


def _unloadable(model: str) -> InputError:
    return InputError("is not a Piper voice model (it cannot be loaded)", file=model)


@functools.cache
def _malloc_trim() -> Any:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None  # not glibc: nothing to give back this way


def _give_back_memory() -> None:
    """onnxruntime's threads allocate each clip's tensors in glibc's per-thread arenas,
    which keep the freed memory: a build's peak crept up by 130 MB over the built-in
    routine's phrases. Returning it after each clip keeps the peak near one clip's need."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


def _clauses(phonemes: list[str]) -> list[list[str]]:
    """A sentence's phonemes in pieces of about _CHUNK: cut after a comma, semicolon or
    colon once a piece has a third of that, else between words once it has all of it."""
    pieces: list[list[str]] = []
    current: list[str] = []
    for p in phonemes:
        current.append(p)
        if (p in ",;:" and len(current) >= _CHUNK // 3) or (p == " " and len(current) >= _CHUNK):
            pieces.append(current)
            current = []
    if any(p.strip() for p in current):
        pieces.append(current)
    return pieces


def models_dir() -> Path:
    """Where the repeatable copies of voice models are kept (the user cache)."""
    return Path(platformdirs.user_cache_dir("repcast")) / "models"


def model_digest(model: Path) -> str:
    """The SHA-256 of a model file, hashed again only when the file may have changed: a
    warm build need not read 60 MB to know its voice. The file's identity (size,
    modification and change times, inode) is kept with the digest beside the models; the
    change time moves on every write, so no edit can keep an old digest."""
    info = model.stat()
    stamp = [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]
    store = models_dir() / "digests.json"
    key = str(model.absolute())
    try:
        known = json.loads(store.read_text("utf-8"))
        entry = known[key]
        if entry["stamp"] == stamp and isinstance(entry["sha256"], str):
            return str(entry["sha256"])
    except (OSError, ValueError, KeyError, TypeError):
        known = {}  # none yet, or damaged: hashed again below
    digest = file_sha256(model)
    if not isinstance(known, dict) or len(known) >= _DIGESTS:
        known = {}
    known[key] = {"stamp": stamp, "sha256": digest}
    try:
        store.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(store, json.dumps(known).encode("utf-8"))
    except (OSError, RepcastError):
        pass  # an unwritable cache costs the next build a hash, nothing more
    return digest


@dataclass(frozen=True)
class Shape:
    """What a config must fit: the phoneme ids the model has embeddings for, its speakers."""

    symbols: int
    speakers: int


def seeded_model(model: Path) -> tuple[Path, Shape]:
    """The repeatable copy of ``model`` and its shape, made once per model and kept in the
    user cache. It is made in this process (a child process cost a second to start and
    import onnx again); the few MB its parsed nodes took are freed with the rewrite, and
    glibc is asked to return them to the system before the model is loaded."""
    folder = models_dir()
    target = folder / f"{model_digest(model)}-{_PATCH_FORMAT}.onnx"
    facts = target.with_suffix(".json")
    try:
        return target, Shape(**json.loads(facts.read_text("utf-8")))
    except (OSError, ValueError, TypeError):
        pass  # not made yet (or damaged): made below
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_path(target) as tmp:
        shape = _write_seeded(model, tmp)
    _give_back_memory()
    atomic_write(facts, json.dumps(dataclasses.asdict(shape)).encode("utf-8"))
    return target, shape


def _write_seeded(model: Path, out: Path) -> Shape:
    """Write the model with each RandomNormalLike node replaced by a slice of an input
    (``repcast_noise_N``), reshaped like the tensor the node copied its shape from; return
    the sizes of its phoneme and speaker embeddings (the tables its inputs index).

    The file is streamed, not loaded: only the graph's nodes are parsed, a weight tensor is
    read for its name and first dimension alone (its data is skipped, not read), and
    everything else is copied as it is, so the rewrite takes a few MB however large the
    model. A model is a protobuf message whose graph is one of its fields; a field of a
    message is its number, then its value or its length and bytes."""
    from onnx import NodeProto, TensorProto, helper

    with model.open("rb") as f:
        top = list(_fields(f, 0, os.fstat(f.fileno()).st_size))
        graph = [field for field in top if field.number == _GRAPH]
        if len(graph) != 1:
            raise ValueError("not one graph")
        fields = list(_fields(f, graph[0].value, graph[0].end))

        def parsed(message: Any, field: _Field) -> Any:
            f.seek(field.value)
            return message.FromString(f.read(field.end - field.value))

        nodes = {field: parsed(NodeProto, field) for field in fields if field.number == _NODE}
        tables = dict(
            row for field in fields if field.number == _INITIALIZER and (row := _rows(f, field))
        )
        rows = {
            node.input[1]: tables[node.input[0]]
            for node in nodes.values()
            if node.op_type == "Gather" and node.input[0] in tables
        }
        if "input" not in rows:
            raise ValueError("no phoneme embedding")
        zero = "repcast_zero"
        added = [(_INITIALIZER, helper.make_tensor(zero, TensorProto.INT64, [1], [0]))]
        inputs = sum(field.number == _INPUT for field in fields)
        pieces: list[bytes | _Field] = []
        for field in fields:
            node = nodes.get(field)
            if node is None or node.op_type != "RandomNormalLike":
                pieces.append(field)
                continue
            noise = f"{_NOISE}{inputs}"
            inputs += 1
            added.append((_INPUT, helper.make_tensor_value_info(noise, TensorProto.FLOAT, ["n"])))
            shape, count, flat = (f"{noise}_{x}" for x in ("shape", "count", "flat"))
            pieces += [
                _field(_NODE, n.SerializeToString())
                for n in (
                    helper.make_node("Shape", [node.input[0]], [shape]),
                    helper.make_node("ReduceProd", [shape], [count], keepdims=1),
                    helper.make_node("Slice", [noise, zero, count], [flat]),
                    helper.make_node("Reshape", [flat, shape], [node.output[0]]),
                )
            ]
        # Appended after the fields of their kind, as the graph's own lists would grow.
        pieces += [_field(number, message.SerializeToString()) for number, message in added]
        size = sum(len(p) if isinstance(p, bytes) else p.end - p.start for p in pieces)
        with out.open("wb") as w:
            for field in top:
                if field.number != _GRAPH:
                    _copy(f, field, w)
                    continue
                w.write(_varint(_GRAPH << 3 | _LENGTH) + _varint(size))
                for piece in pieces:
                    if isinstance(piece, bytes):
                        w.write(piece)
                    else:
                        _copy(f, piece, w)
    return Shape(int(rows["input"]), int(rows.get("sid", 1)))


# Protobuf field numbers of ONNX's messages (onnx.proto), and the wire type for a length.
_GRAPH = 7  # ModelProto.graph
_NODE, _INITIALIZER, _INPUT = 1, 5, 11  # GraphProto's
_DIMS, _NAME = 1, 8  # TensorProto's
_LENGTH = 2


def _rows(f: BinaryIO, tensor: _Field) -> tuple[str, int] | None:
    """A weight tensor's name and first dimension (or None: a scalar has none), read from its
    fields without its data: parsing the whole tensor to learn these held megabytes.
    Dimensions come one varint a field or packed in one field: either way the first is
    where the first such field's value starts. Fields of another wire type are what a
    protobuf parser keeps aside as unknown, so they are passed over here too."""
    name, first = "", None
    for part in _fields(f, tensor.value, tensor.end):
        if part.number == _NAME and part.kind == _LENGTH:
            f.seek(part.value)
            name = f.read(part.end - part.value).decode("utf-8")  # the last one counts
        elif part.number == _DIMS and part.kind in (0, _LENGTH) and first is None:
            if part.value == part.end:
                continue  # an empty packed list holds none
            f.seek(part.value)
            number = _read_varint(f, part.value)[0] & (1 << 64) - 1
            first = number - (number >> 63 << 64)  # an int64, as protobuf reads it
    return None if first is None else (name, first)


@dataclass(frozen=True)
class _Field:
    """One field of a message in a file: its wire type (``kind``), its bytes from ``start``
    (its key) to ``end``, the value (a nested message's bytes) from ``value``."""

    number: int
    kind: int
    start: int
    value: int
    end: int


def _fields(f: BinaryIO, start: int, end: int) -> Iterator[_Field]:
    """The fields of the message in bytes ``start`` to ``end`` of ``f``, in order; a
    ValueError for anything that is not a well-formed message there."""
    pos = start
    while pos < end:  # every field moves on by its key at least
        f.seek(pos)
        key, value = _read_varint(f, pos)
        kind = key & 7
        if kind == 0:
            _, stop = _read_varint(f, value)
        elif kind == _LENGTH:
            length, value = _read_varint(f, value)
            stop = value + length
        elif kind in (1, 5):  # 64- and 32-bit numbers
            stop = value + (8 if kind == 1 else 4)
        else:
            raise ValueError(f"wire type {kind} at byte {pos}")
        if key >> 3 == 0 or stop > end:
            raise ValueError(f"a field at byte {pos} is cut short or malformed")
        yield _Field(key >> 3, kind, pos, value, stop)
        pos = stop


def _read_varint(f: BinaryIO, pos: int) -> tuple[int, int]:
    """The varint at ``pos`` (where ``f`` stands) and the position after it."""
    number = 0
    for shift in range(0, 70, 7):  # ten bytes at most
        byte = f.read(1)
        if not byte:
            raise ValueError("the file ends inside a number")
        number |= (byte[0] & 0x7F) << shift
        pos += 1
        if byte[0] < 0x80:
            return number, pos
    raise ValueError(f"a number longer than ten bytes before byte {pos}")


def _varint(number: int) -> bytes:
    out = bytearray()
    while number >= 0x80:
        out.append(number & 0x7F | 0x80)
        number >>= 7
    return bytes([*out, number])


def _field(number: int, payload: bytes) -> bytes:
    return _varint(number << 3 | _LENGTH) + _varint(len(payload)) + payload


def _copy(f: BinaryIO, field: _Field, out: BinaryIO) -> None:
    """A field's bytes as they are, a MB at a time."""
    f.seek(field.start)
    left = field.end - field.start
    while left:
        block = f.read(min(left, 1 << 20))
        if not block:
            raise ValueError("the file ends inside a field")
        out.write(block)
        left -= len(block)


_LOADED: dict[tuple[Path, Path], Piper] = {}


def release() -> None:
    """Let go of every loaded model (about 150 MB each); the next clip loads it again."""
    for voice in _LOADED.values():
        voice._voice = None
        voice._kept.clear()
    _give_back_memory()


def piper(model: Path, config: Path) -> Piper:
    """The process's instance of a voice model: each model is loaded once."""
    key = (model.absolute(), config.absolute())
    if key not in _LOADED:
        _LOADED[key] = Piper(model, config)
    return _LOADED[key]
