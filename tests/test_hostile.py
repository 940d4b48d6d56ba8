"""Hostile input: what expands is bounded, numbers and format specs are refused before any
arithmetic, outputs never replace what they should not, damaged caches are made again,
values that would be published are checked, exported notes are exact and captions cannot
be ended early by their own text."""

from __future__ import annotations

import hashlib
import html
import os
import stat
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from repcast.cli import cli
from repcast.coach.cues import make_cues
from repcast.errors import InputError
from repcast.notes.exporter import export_notes
from repcast.notes.importer import import_text
from repcast.routine import documents
from repcast.routine.model import Voice, parse_routine
from repcast.routine.plan import make_plan
from repcast.show import cover
from repcast.show.feed import load_show
from repcast.sound.report import vtt_lines
from repcast.timing import MAX_MS, SAMPLE_RATE
from repcast.voice import speech
from repcast.voice.speech import SpeechCache, speaker

from .conftest import make_image


def run(*args: str | Path):
    return CliRunner().invoke(cli, [str(a) for a in args])


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --- captions ----------------------------------------------------------------------------

HOSTILE = st.text(alphabet=st.sampled_from("-->&<;gtamp \n\r\t\u2028x"), max_size=200)


@settings(max_examples=300)
@given(HOSTILE)
def test_no_caption_text_holds_an_arrow_or_a_blank_line(text: str) -> None:
    lines = vtt_lines(text)
    assert "-->" not in "\n".join(lines)
    assert all(line.strip() and "\n" not in line and "\r" not in line for line in lines)
    # Nothing is lost: unescaped, the lines are the text with its whitespace folded.
    assert " ".join(html.unescape(line) for line in lines) == " ".join(text.split())


def test_an_exercise_named_with_an_arrow_keeps_its_cue_whole(tmp_path: Path, cache_dir) -> None:
    routine = write(tmp_path / "r.yaml", "title: T\nexercises: [{name: 'Step --->', work: 30s}]")
    res = run("script", routine, "--format", "vtt", "--cache-dir", cache_dir)
    assert res.exit_code == 0, res.output
    cue_lines = [line for line in res.stdout.splitlines()[1:] if " --> " not in line]
    assert not any("-->" in line for line in cue_lines)
    assert "Step ---&gt;" in res.stdout


# --- export is exact ---------------------------------------------------------------------

SPAN = MAX_MS - 2000  # what a workout with a 1 s lead-in and outro has for its exercises


@st.composite
def _spans(draw: st.DrawFn) -> tuple[int, int, int]:
    """Work, rest, work: together at most SPAN, often at the limit."""
    first = draw(st.integers(1, SPAN - 1))
    rest = draw(st.integers(0, SPAN - 1 - first))
    return first, rest, draw(st.integers(1, SPAN - first - rest))


@settings(max_examples=150, deadline=None)
@given(_spans())
@example((1_000_001, 0, 1))
@example((SPAN - 1, 0, 1))  # exactly 24 hours in all
@example((SPAN - 1001, 999, 2))
def test_exported_durations_read_back_exactly(spans: tuple[int, int, int]) -> None:
    first, rest, second = spans
    routine = parse_routine(
        {
            "title": "Exact",
            "defaults": {"lead_in": 1, "outro": 1},
            "exercises": [
                {"name": "Plank", "work": f"{first}ms", "rest_after": f"{rest}ms"},
                {"name": "Wall sit", "work": f"{second}ms"},
            ],
        }
    )
    back = import_text(export_notes(routine), "notes.txt").routine
    assert [(e.work_ms, e.rest_after_ms or 0) for e in back.exercises] == [
        (first, rest),
        (second, 0),
    ]
    assert make_plan(back).total == make_plan(routine).total


# --- format specs and numbers ------------------------------------------------------------

DIGITS = "9" * 400


def one_line_error(res) -> str:
    """The one line a refused input gives, after checking it is exactly that."""
    assert res.exit_code == 2, res.output
    assert res.exception is None or isinstance(res.exception, SystemExit)
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("repcast: error: "), res.stderr
    return lines[0]


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("work: 1.0e+306", "work"),
        ("work: -1.0e+306", "work"),
        (f"work: {DIGITS}", "work"),
        (f"work: '{DIGITS}s'", "work"),
        (f"work: '{'9' * 5000}:00:00'", "work"),
        (f"work: '0{'0' * 5000}1:00:00'", None),  # leading zeros are no size: 1 hour
        (f"reps: 5\n    tempo: '{DIGITS}-1'", "tempo"),
        ("reps: 5\n    tempo: 1.0e+306", "tempo"),
    ],
)
def test_huge_numbers_in_durations_are_refused_before_arithmetic(
    tmp_path: Path, text: str, field: str | None
) -> None:
    routine = write(tmp_path / "r.yaml", f"title: T\nexercises:\n  - name: Plank\n    {text}\n")
    res = run("plan", routine)
    if field is None:
        assert res.exit_code == 0, res.output
        return
    line = one_line_error(res)
    assert f"exercises[0].{field}: " in line
    assert "longer than 24 hours" in line or "must not be negative" in line


def test_huge_numbers_in_json_and_options_are_refused(tmp_path: Path) -> None:
    routine = write(
        tmp_path / "r.json", '{"title": "T", "exercises": [{"name": "P", "work": 1e306}]}'
    )
    assert "longer than 24 hours" in one_line_error(run("plan", routine))
    assert "--work: " in one_line_error(run("plan", "--work", DIGITS))
    assert "--fit: " in one_line_error(run("plan", "--fit", "9" * 5000 + ":00:00"))
    assert "--rounds: " in one_line_error(run("plan", "--rounds", "9" * 5000))


@pytest.mark.parametrize(
    "placeholder", ["{title:>200000000}", "{title:{title}}", "{title!r}", "{title.upper}"]
)
def test_phrasebook_placeholders_are_plain(tmp_path: Path, placeholder: str) -> None:
    book = run("phrases").stdout.replace("Welcome to {title}.", f"Hi {placeholder}.")
    assert placeholder in book
    line = one_line_error(run("plan", "--phrases", write(tmp_path / "p.yaml", book)))
    assert "welcome: " in line and "plain placeholders like {name}" in line


def test_counted_phrases_take_no_format_spec(tmp_path: Path) -> None:
    book = run("phrases").stdout.replace('"{n} set|{n} sets"', '"{n:d} set|{n:d} sets"')
    line = one_line_error(run("plan", "--phrases", write(tmp_path / "p.yaml", book)))
    assert "sets: " in line and "'{n:d}'" in line


SHOW = (
    "title: S\ndescription: D\nauthor: A\nowner: {name: A, email: a@example.org}\n"
    "base_url: https://example.org/\n"
)
SHORT = "title: {}\ndefaults: {{lead_in: 5s, outro: 5s}}\nexercises: [{{name: Plank, work: 10s}}]\n"


@pytest.mark.parametrize(
    ("dates", "says"),
    [
        ("start_date: 2026-01-05\nevery_days: 1000000000\n", "every_days: must be at most"),
        ("start_date: 9999-12-31\n", "episode.date: episode 2 would come after the year 9999"),
    ],
)
def test_show_dates_are_bounded(tmp_path: Path, cache_dir: Path, dates: str, says: str) -> None:
    routines = tmp_path / "routines"
    routines.mkdir()
    for name in ("a", "b"):
        write(routines / f"{name}.yaml", SHORT.format(name.upper()))
    show = write(tmp_path / "podcast.yaml", SHOW + dates)
    out = tmp_path / "public"
    res = run("batch", routines, "--feed", show, "--out", out, "--cache-dir", cache_dir)
    assert says in one_line_error(res)
    assert not (out / "feed.xml").exists()


# --- inputs that expand ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("block", "says"),
    [
        (
            "amrap: {cap: 10m, calls: 1ms, exercises: [Burpees]}",
            "amrap.calls: must be at least 10s",
        ),
        (
            "exercises: [{name: Squats, reps: 500, sets: 100, tempo: 1ms}]",
            "exercises[0].tempo: must be at least 1s",
        ),
        (
            "exercises: [{name: Squats, reps: 500, sets: 100, tempo: 0.5-0.4}]",
            "exercises[0].tempo: must be at least 1s",
        ),
        (
            "exercises: [{name: Squats, reps: 9, tempo: 2s, hold: {what: it, for: 1ms}}]",
            "exercises[0].hold.for: must be at least 1s",
        ),
    ],
)
def test_every_cadence_has_a_floor(tmp_path: Path, block: str, says: str) -> None:
    routine = write(tmp_path / "r.yaml", f"title: T\nblocks:\n  - name: B\n    {block}\n")
    assert f"blocks[0].{says}" in one_line_error(run("plan", routine))


def test_a_long_cap_has_a_bounded_number_of_time_calls(tmp_path: Path) -> None:
    def calls(amrap: dict[str, str]) -> list[int]:
        block = {"name": "B", "amrap": {**amrap, "exercises": ["Plank"]}}
        cues = make_cues(make_plan(parse_routine({"title": "T", "blocks": [block]})))
        return [c.at for c in cues.cues if c.role == "time-left"]

    assert len(calls({"cap": "20m"})) == 20  # a minute apart, and ten seconds left
    long = calls({"cap": "23h"})
    assert len(long) <= 121 and long[1] - long[0] == 12 * 60 * SAMPLE_RATE
    routine = write(
        tmp_path / "r.yaml",
        "title: T\nblocks: [{name: B, amrap: {cap: 23h, calls: 10s, exercises: [P]}}]",
    )
    line = one_line_error(run("plan", routine))
    assert "blocks[0].amrap.calls: 8280 calls in the cap; at most 120: call every 690s" in line


def test_a_pronunciation_cannot_multiply_the_text() -> None:
    copies = " ".join(["go"] * 300)
    routine = parse_routine(
        {"title": copies, "pronounce": {"go": copies}, "exercises": [{"name": "Run"}]}, "r.yaml"
    )
    with pytest.raises(InputError, match=r"^r\.yaml: pronounce: makes 'go go go.* at most 10000"):
        routine.spoken(copies)
    assert routine.spoken("Go now") == copies + " now"


def test_a_pronunciation_that_multiplies_is_refused_before_speech(
    tmp_path: Path, cache_dir: Path
) -> None:
    copies = " ".join(["go"] * 300)
    routine = write(
        tmp_path / "r.yaml",
        f"title: {copies}\npronounce: {{go: {copies}}}\nexercises: [{{name: Run, work: 30s}}]\n",
    )
    line = one_line_error(run("script", routine, "--cache-dir", tmp_path / "cache"))
    assert "r.yaml: pronounce: makes" in line
    assert not list((tmp_path / "cache").rglob("*.pcm"))


def test_a_phrase_uses_a_placeholder_no_more_often_than_the_built_in_one(tmp_path: Path) -> None:
    book = run("phrases").stdout.replace("First up: {name}.", "First up: " + "{name} " * 140)
    line = one_line_error(run("plan", "--phrases", write(tmp_path / "p.yaml", book)))
    assert "first_up: uses {name} 140 times; at most 1" in line


def test_what_one_cue_says_is_bounded(tmp_path: Path) -> None:
    moves = [{"name": f"Move {i}", "cue": f"Keep going {i} " * 70} for i in range(6)]
    with pytest.raises(InputError, match=r"blocks\[0\]\.amrap\.exercises: the round's names"):
        parse_routine(
            {"title": "T", "blocks": [{"name": "B", "amrap": {"cap": "5m", "exercises": moves}}]}
        )
    # Equipment from many exercises comes together in one sentence.
    kit = "".join(
        f"  - {{name: Move {i}, work: 10s, equipment: {'k' * 900}{i}}}\n" for i in range(7)
    )
    routine = write(tmp_path / "r.yaml", f"title: T\nexercises:\n{kit}")
    line = one_line_error(run("script", routine, "--cache-dir", tmp_path / "cache"))
    assert "r.yaml: equipment cue at 0:00.0: would say" in line


def test_say_text_is_bounded(tmp_path: Path) -> None:
    out = tmp_path / "say.wav"
    line = one_line_error(run("say", "Go now. " * 700, "-o", out))
    assert line == "repcast: error: TEXT: is 5600 characters long; at most 5000"
    assert not out.exists()


# --- caches ------------------------------------------------------------------------------


@pytest.mark.parametrize("rate", [0, 1, 8000])
def test_a_cache_entry_with_a_damaged_header_is_made_again(tmp_path: Path, rate: int) -> None:
    cache = SpeechCache(tmp_path, speaker(Voice()))
    first, _ = cache.get("Switch sides.")
    (entry,) = tmp_path.rglob("*.pcm")
    data = bytearray(entry.read_bytes())
    data[6:10] = rate.to_bytes(4, "little")  # the rate, after the six bytes of magic
    entry.write_bytes(bytes(data))
    again, hit = cache.get("Switch sides.")
    assert not hit
    assert (again.rate, again.pcm) == (first.rate, first.pcm)
    assert cache.get("Switch sides.") == (first, True)


# --- outputs never replace what they should not ------------------------------------------

ROUTINE = "title: T\ndefaults: {lead_in: 5s, outro: 5s}\nexercises: [{name: Plank, work: 10s}]\n"


def writers(tmp_path: Path, name: str) -> list[list[str | Path]]:
    """Every command that writes a file the user names, writing ``name`` (without its
    suffix) in ``tmp_path``."""
    routine = write(tmp_path / "r.yaml", ROUTINE)
    notes = write(tmp_path / "n.txt", "# Legs\n- Squats: 3 x 10\n")
    out = tmp_path / name
    return [
        ["plan", routine, "--chart", out.with_suffix(".svg")],
        ["export", routine, "-o", out.with_suffix(".txt")],
        ["import", notes, "-o", out.with_suffix(".yaml")],
        ["say", "Go.", "-o", out.with_suffix(".wav")],
        ["build", routine, "-o", out.with_suffix(".mp3"), "--no-sidecars"],
    ]


def test_a_pipe_or_a_device_is_never_replaced(tmp_path: Path, cache_dir: Path) -> None:
    for command in writers(tmp_path, "special"):
        target = Path(command[-1] if command[0] != "build" else command[-2])
        if os.geteuid() == 0:  # a device node like /dev/null, made here
            os.mknod(target, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        else:
            os.mkfifo(target)
        kind = stat.S_IFMT(target.lstat().st_mode)
        line = one_line_error(
            run(*command, "--cache-dir", cache_dir) if command[0] == "build" else run(*command)
        )
        assert "is not a regular file" in line
        assert stat.S_IFMT(target.lstat().st_mode) == kind
    assert not list(tmp_path.glob(".*.part"))


def test_a_link_is_written_through_and_permissions_are_kept(tmp_path: Path) -> None:
    for command in writers(tmp_path, "linked")[:3]:
        link = Path(command[-1])
        real = tmp_path / "real" / link.name
        real.parent.mkdir(exist_ok=True)
        real.write_text("old\n")
        real.chmod(0o600)
        link.symlink_to(real)
        assert run(*command).exit_code == 0
        assert link.is_symlink() and link.resolve() == real
        assert real.read_text() != "old\n"
        assert stat.S_IMODE(real.stat().st_mode) == 0o600


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_a_new_output_gets_what_the_umask_allows(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        for command in writers(tmp_path, "new")[:3]:
            assert run(*command).exit_code == 0
            assert stat.S_IMODE(Path(command[-1]).stat().st_mode) == mode
    finally:
        os.umask(old)


def test_an_output_is_never_the_commands_own_input(tmp_path: Path) -> None:
    routine = write(tmp_path / "r.txt", ROUTINE)  # a routine, whatever its name
    (tmp_path / "same.svg").symlink_to(routine)
    notes = write(tmp_path / "n.yaml", "# Legs\n- Squats: 3 x 10\n")
    for command in (
        ["plan", routine, "--chart", tmp_path / "same.svg"],
        ["export", routine, "-o", routine],
        ["import", notes, "-o", notes],
    ):
        assert "is the command's input" in one_line_error(run(*command))
    assert routine.read_text() == ROUTINE and notes.read_text().startswith("# Legs")


@pytest.mark.parametrize(
    ("command", "suffix"),
    [
        (["plan", "--chart", "x.mp3"], ".svg"),
        (["export", "-o", "x.yaml"], ".txt"),
        (["import", "-", "-o", "x.txt"], ".yaml"),
    ],
)
def test_an_output_named_for_another_kind_of_file_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], suffix: str
) -> None:
    monkeypatch.chdir(tmp_path)
    line = one_line_error(run(*command))
    assert f"end it with {suffix}" in line
    assert not list(tmp_path.iterdir())


def test_yaml_is_read_by_libyaml_where_installed() -> None:
    assert yaml.__with_libyaml__, "PyYAML without libyaml: the slow loader is tested"
    assert issubclass(documents._Loader, yaml.CSafeLoader)
    assert issubclass(documents._Loader, yaml.constructor.SafeConstructor)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        # About 1 MB of flow scalars: refused from the parser's events, before any node.
        ("title: T\nexercises: [" + ", ".join(["a"] * 330_000) + "]\n", "holds more than 50000"),
        (
            "title: T\nexercises:\n" + "".join(f"  - {{name: E{i}}}\n" for i in range(2000)),
            "exercises: 2000 exercises in all; a routine has at most 1000",
        ),
        (
            "title: T\nblocks:\n  - name: B\n    rounds: 100\n    exercises:\n"
            + "".join(f"      - {{name: E{i}, sets: 100, work: 1s, rest: 0}}\n" for i in range(6)),
            "the workout would have more than 50000 intervals",
        ),
    ],
)
def test_a_large_routine_is_refused_before_it_is_planned(
    tmp_path: Path, text: str, says: str
) -> None:
    assert says in one_line_error(run("plan", write(tmp_path / "r.yaml", text)))


# --- values that would be published ------------------------------------------------------


def show_error(tmp_path: Path, extra: str) -> str:
    """The one line load_show refuses a show config with ``extra`` with."""
    config = write(
        tmp_path / "podcast.yaml", SHOW.replace("base_url: https://example.org/\n", "") + extra
    )
    with pytest.raises(InputError) as caught:
        load_show(config)
    assert "\n" not in str(caught.value)
    return str(caught.value)


@pytest.mark.parametrize(
    ("extra", "says"),
    [
        ("base_url: 'https://example.org/<x>\"''/'", "base_url: must not contain \" ' < >"),
        ("base_url: https://user:pass@example.org/", "base_url: must not contain a user name"),
        (
            "base_url: https://example.org/\nlink: https://example.org/`x`",
            "link: must not contain `",
        ),
        ("base_url: https://example.org/\ncategory: Fitness", "'Fitness' is not an Apple Podcasts"),
        (
            "base_url: https://example.org/\ncategory: Health & Fitness/Running",
            "category: 'Running' is not a subcategory of 'Health & Fitness'",
        ),
        ("base_url: https://example.org/\ncategory: Technology/Gadgets", "has no subcategories"),
    ],
)
def test_published_values_are_checked(tmp_path: Path, extra: str, says: str) -> None:
    assert says in show_error(tmp_path, extra)


def test_apples_categories_pass(tmp_path: Path) -> None:
    for category in ("Sports/Running", "Health & Fitness/Fitness", "True Crime", "TV & Film"):
        config = write(tmp_path / "podcast.yaml", SHOW + f"category: {category}\n")
        assert f"{load_show(config).category}/{load_show(config).subcategory}".startswith(
            category.split("/")[0]
        )


def png_header(width: int, height: int) -> bytes:
    """A PNG that declares ``width`` x ``height`` pixels and holds almost nothing: what a
    decompression bomb looks like before it is decoded."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    ihdr = width.to_bytes(4, "big") + height.to_bytes(4, "big") + bytes([1, 0, 0, 0, 0])
    pixels = zlib.compress(b"\0" * 1000)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(
    ("name", "says"),
    [
        ("bomb.png", "more pixels than it may have; scale it down"),
        ("huge.png", "pixels; scale it down"),
        ("cut.jpg", "is a damaged JPEG"),
    ],
)
def test_a_cover_is_decoded_under_a_pixel_limit(
    tmp_path: Path, cache_dir: Path, name: str, says: str
) -> None:
    image = tmp_path / name
    if name == "cut.jpg":
        whole = make_image(tmp_path / "whole.jpg").read_bytes()
        image.write_bytes(whole[: len(whole) // 2])
    else:
        image.write_bytes(png_header(*((20_000, 20_000) if name == "bomb.png" else (9000, 9000))))
    routine = write(tmp_path / "r.yaml", ROUTINE)
    out = tmp_path / "o.mp3"
    res = run("build", routine, "-o", out, "--cover", image, "--cache-dir", cache_dir)
    line = one_line_error(res)
    assert line.startswith(f"repcast: error: --cover: {image}") and says in line
    assert not out.exists()
    assert says in str(cover.problem(image))  # the show's art, checked the same way


def test_a_cache_entry_longer_than_a_clip_may_be_is_made_again(tmp_path: Path) -> None:
    """Even with a checksum that matches (written by another program), an entry holding
    more than MAX_CLIP_SECONDS at its rate is not played: at rate 1, 2000 bytes would be
    resampled to 88 million samples."""
    cache = SpeechCache(tmp_path, speaker(Voice()))
    first, _ = cache.get("Go.")
    (entry,) = tmp_path.rglob("*.pcm")
    header, pcm = (1).to_bytes(4, "little"), b"\x01\x02" * 1000
    entry.write_bytes(speech._MAGIC + header + hashlib.sha256(header + pcm).digest() + pcm)
    assert cache.get("Go.") == (first, False)


# --- inputs that are not regular files -----------------------------------------------------


def _repcast(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """In a process of its own, with a time limit: what is tested is that it does not wait."""
    return subprocess.run(
        [sys.executable, "-m", "repcast", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.parametrize(
    ("args", "fifo", "says"),
    [
        (["plan", "r.yaml"], "r.yaml", "r.yaml: is not a regular file, so not a routine file"),
        (["import", "n.txt"], "n.txt", "n.txt: is not a regular file, so not workout notes"),
        (["plan", "--phrases", "p.yaml"], "p.yaml", "p.yaml: is not a regular file"),
        (["build", "--music", "m.mp3", "-o", "x.mp3"], "m.mp3", "m.mp3: is not a regular file"),
    ],
)
def test_a_fifo_given_as_an_input_is_refused_at_once(
    tmp_path: Path, args: list[str], fifo: str, says: str
) -> None:
    """Opening a FIFO waits for a writer that never comes: it is refused, not opened."""
    os.mkfifo(tmp_path / fifo)
    res = _repcast(tmp_path, *args)
    assert res.returncode == 2 and res.stderr.startswith(f"repcast: error: {says}"), res.stderr
    assert len(res.stderr.splitlines()) == 1
    assert not (tmp_path / "x.mp3").exists()


def test_a_fifo_in_place_of_the_batch_lock_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "public"
    out.mkdir()
    os.mkfifo(out / ".repcast.lock")
    examples = Path(__file__).parents[1] / "examples"
    res = _repcast(
        tmp_path,
        "batch",
        str(examples),
        "--feed",
        str(examples / "podcast.yaml"),
        "--out",
        str(out),
    )
    assert res.returncode == 2, res.stderr
    assert (
        res.stderr
        == f"repcast: error: {out / '.repcast.lock'}: is not a regular file, so not a lock file\n"
    )
    assert sorted(p.name for p in out.iterdir()) == [".repcast.lock"]


@pytest.mark.parametrize("number", ["0x" + "f" * 5000, "9" * 5000])
def test_an_int_tag_of_thousands_of_digits_is_one_line(tmp_path: Path, number: str) -> None:
    routine = write(
        tmp_path / "r.yaml", f"title: x\nexercises:\n  - name: a\n    reps: !!int {number}\n"
    )
    line = one_line_error(run("plan", routine))
    assert line.startswith(f"repcast: error: {routine}")
