"""The command line, for the commands that need no speech engine: plan, schema, help."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

from repcast import __version__
from repcast.cli import cli
from repcast.routine.model import builtin_routine, json_schema, load_routine
from repcast.routine.plan import make_plan
from repcast.sound.report import plan_table

GOOD = "title: Quick\nexercises:\n  - name: Squats\n    work: 30s\n    sets: 2\n"


def run(*args: str) -> Result:
    # Click 8.2+ keeps stderr apart from stdout (result.stdout / result.stderr).
    return CliRunner().invoke(cli, list(args), prog_name="repcast", env={"REPCAST_DEBUG": None})


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Run in an empty folder so that file names in messages are short and known."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout == f"repcast, version {__version__}\n"


@pytest.mark.parametrize("flag", ["--help", "-h"])
def test_help(flag: str) -> None:
    result = run(flag)
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: repcast [OPTIONS] COMMAND [ARGS]...")
    for name in cli.commands:
        assert f"  {name} " in result.stdout
    assert result.stderr == ""


def _groups(group: click.Group, prefix: str = "") -> list[str]:
    return [prefix] + [
        g
        for name, cmd in group.commands.items()
        if isinstance(cmd, click.Group)
        for g in _groups(cmd, f"{prefix}{name} ")
    ]


@pytest.mark.parametrize("group", _groups(cli))
def test_a_group_without_its_command_shows_its_help(group: str) -> None:
    result = run(*group.split())
    assert result.exit_code == 2
    assert result.stdout == ""
    help_text = run(*group.split(), "--help").stdout
    assert help_text.startswith(f"Usage: repcast {group}[OPTIONS] COMMAND [ARGS]...")
    assert result.stderr == help_text


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_command_help(name: str) -> None:
    result = run(name, "--help")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: repcast {name} ")
    first_line = (cli.commands[name].help or "").splitlines()[0]
    assert first_line in result.stdout
    assert result.stderr == ""


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    out = []
    for name, cmd in group.commands.items():
        out.append((prefix + name, cmd))
        if isinstance(cmd, click.Group):
            out += _commands(cmd, f"{prefix}{name} ")
    return out


def test_every_command_and_option_has_help_text_and_docs() -> None:
    commands = _commands(cli)
    missing = [name for name, cmd in commands if not (cmd.help or "").strip()]
    assert missing == [], f"commands without help text: {missing}"
    missing = [
        f"{name} {param.opts[0]}"
        for name, cmd in [("repcast", cli), *commands]
        for param in cmd.params
        if isinstance(param, click.Option) and not (param.help or "").strip()
    ]
    assert missing == [], f"options without help text: {missing}"
    assert (cli.help or "").strip()
    docs = "".join(_manual())
    undocumented = [name for name, _ in commands if f"repcast {name}" not in docs]
    assert undocumented == [], f"commands the README does not show: {undocumented}"


def _manual() -> list[str]:
    """The README and the pages of the manual in docs/."""
    root = Path(__file__).parents[1]
    return [p.read_text() for p in [root / "README.md", *sorted((root / "docs").glob("*.md"))]]


def _reference() -> dict[str, set[str]]:
    """The tables of options by command (the README's, and a page's of docs/ for its own
    commands): each command they name, with the options their rows give it ("repcast"
    for the options before the command)."""
    out: dict[str, set[str]] = {}
    for text in _manual():
        if "Options by command" not in text:
            continue
        table = text.split("Options by command", 1)[1].split("\n\n", 2)[1]
        for row in table.splitlines()[2:]:
            commands, options = row.replace("\\|", "/").split("|")[1:3]
            for name in re.findall(r"`([^`]+)`", commands):
                # "say TEXT" is the command "say"; its arguments are in capitals.
                key = " ".join(w for w in name.split() if not w.isupper())
                found = re.findall(r"(?<![\w-])--?[a-z][\w-]*", options)
                out.setdefault(key, set()).update(found)
    return out


def test_the_readme_reference_lists_every_command_and_option() -> None:
    reference = _reference()
    commands = [("repcast", cli), *_commands(cli)]
    # A group's own help option is listed once, for "repcast"; its commands have theirs.
    missing = [
        f"{name} {opt}"
        for name, cmd in commands
        if not isinstance(cmd, click.Group) or cmd is cli
        for param in cmd.params
        if isinstance(param, click.Option)
        for opt in (*param.opts, *param.secondary_opts)
        if opt not in reference.get(name, set()) and opt not in ("-h", "--help")
    ]
    assert missing == [], f"missing from the README's reference: {missing}"
    leaf = {name for name, cmd in commands if not isinstance(cmd, click.Group)}
    assert leaf | {"repcast"} == set(reference)
    real = {
        name: {"-h", "--help"}
        | {o for p in cmd.params for o in (*getattr(p, "opts", ()), *p.secondary_opts)}
        for name, cmd in commands
    }
    stale = [f"{n} {o}" for n, opts in reference.items() for o in opts if o not in real[n]]
    assert stale == [], f"options the README names that do not exist: {stale}"


@pytest.mark.parametrize("name", ["build", "script", "plan", "batch", "import", "export"])
def test_help_shows_examples_that_parse(name: str) -> None:
    result = run(name, "--help")
    examples = result.stdout.split("Examples:\n", 1)[1].splitlines()
    lines = [line.strip() for line in examples if line.strip().startswith("repcast ")]
    assert len(lines) >= 2
    for line in lines:
        args = shlex.split(line)[1:]
        assert args[0] == name
        # Parsing alone checks every option and argument (files need not exist to parse).
        cli.commands[name].make_context(name, args[1:])


def test_plan_builtin() -> None:
    result = run("plan")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert result.stdout == plan_table(make_plan(builtin_routine()))
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["#", "start", "length", "kind", "block", "exercise", "detail"]
    assert lines[-1].startswith("total ")
    assert lines[-1] == "total 21:54.0 (1314.000 s, 91 intervals)"
    assert len(lines) == 1 + 91 + 1


def test_plan_file(here: Path) -> None:
    (here / "quick.yaml").write_text(GOOD, encoding="utf-8")
    result = run("plan", "quick.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == plan_table(make_plan(load_routine("quick.yaml")))
    lines = result.stdout.splitlines()
    # lead-in 20 s, 30 s, rest 30 s, 30 s, outro 12 s
    assert lines[-1] == "total 2:02.0 (122.000 s, 5 intervals)"
    assert [line.split()[3] for line in lines[1:-1]] == ["lead-in", "work", "rest", "work", "outro"]


def test_plan_json_file(here: Path) -> None:
    doc = {"title": "J", "exercises": [{"name": "Plank", "work": 60}]}
    (here / "j.json").write_text(json.dumps(doc), encoding="utf-8")
    result = run("plan", "j.json")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[-1] == "total 1:32.0 (92.000 s, 3 intervals)"


def test_schema() -> None:
    result = run("schema")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert json.loads(result.stdout) == json_schema()


# --- bad input ------------------------------------------------------------------------

BAD_FILES = [
    ("missing.yaml", None, "missing.yaml: no such file"),
    ("bad.yaml", b"title: [unclosed\nexercises: []\n", "bad.yaml: line 2, column 10: "),
    ("bad.json", b'{"title": "x",}', "bad.json: line 1, column 15: "),
    ("empty.yaml", b"", "empty.yaml: is empty"),
    ("latin1.yaml", "title: Été\n".encode("latin-1"), "latin1.yaml: is not UTF-8 text"),
    (
        "type.yaml",
        b"title: T\nblocks:\n- name: B\n  exercises: [{name: A, reps: many}]\n",
        "type.yaml: blocks[0].exercises[0].reps: expected a whole number, got 'many'",
    ),
    (
        "unknown.yaml",
        b"title: T\nexercises: [{name: A, work: 3, equipmnet: mat}]\n",
        "unknown.yaml: exercises[0].equipmnet: unknown field (did you mean 'equipment'?)",
    ),
    (
        "long.yaml",
        b"title: T\nexercises: [{name: A, work: 20h}, {name: B, work: 5h}]\n",
        "long.yaml: the workout would last 25.0 hours; the limit is 24",
    ),
]


def assert_one_line_error(result: Result, expected: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.endswith("\n")
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("repcast: error: " + expected)


@pytest.mark.parametrize(("name", "content", "expected"), BAD_FILES)
def test_bad_input(here: Path, name: str, content: bytes | None, expected: str) -> None:
    if content is not None:
        (here / name).write_bytes(content)
    assert_one_line_error(run("plan", name), expected)


def test_directory(here: Path) -> None:
    (here / "folder").mkdir()
    assert_one_line_error(run("plan", "folder"), "folder: is a directory, not a routine file")


def test_bad_input_message_is_exact(here: Path) -> None:
    (here / "r.yaml").write_text("title: T\nexercises: [{name: A, reps: 0}]\n", encoding="utf-8")
    result = run("plan", "r.yaml")
    assert result.stderr == "repcast: error: r.yaml: exercises[0].reps: must be at least 1, got 0\n"


@pytest.mark.parametrize("value", ["1", "yes", "TRUE"])
def test_debug_env_lets_the_exception_through(here: Path, value: str) -> None:
    result = CliRunner().invoke(
        cli, ["plan", "missing.yaml"], prog_name="repcast", env={"REPCAST_DEBUG": value}
    )
    assert type(result.exception).__name__ == "InputError"
    assert str(result.exception) == "missing.yaml: no such file"


@pytest.mark.parametrize("value", ["", "0", "false", "No"])
def test_debug_env_off_values(here: Path, value: str) -> None:
    result = CliRunner().invoke(
        cli, ["plan", "missing.yaml"], prog_name="repcast", env={"REPCAST_DEBUG": value}
    )
    assert_one_line_error(result, "missing.yaml: no such file")


def test_raw_control_character_is_one_line(here: Path) -> None:
    (here / "bell.yaml").write_bytes(b'title: "a\x07b"\nexercises: [{name: A, work: 3}]\n')
    assert_one_line_error(run("plan", "bell.yaml"), "bell.yaml: line 1, column 10: ")


@pytest.mark.parametrize(
    ("name", "text", "cause", "message"),
    [
        ("r.yaml", "title: [x\n", "yaml.parser.ParserError", "r.yaml: line 2, column 1: "),
        ("r.json", '{"title": }', "json.decoder.JSONDecodeError", "r.json: line 1, column 11: "),
        ("r.yaml", GOOD.replace("30s", "soon"), "ValueError: expected a duration", "r.yaml: "),
        ("r.yaml", None, "FileNotFoundError", "r.yaml: no such file"),
    ],
)
def test_debug_shows_the_cause_and_the_same_message(
    here: Path, name: str, text: str | None, cause: str, message: str
) -> None:
    if text is not None:
        (here / name).write_text(text)
    plain, debug = (
        subprocess.run(
            [sys.executable, "-m", "repcast", *flags, "plan", name],
            capture_output=True,
            text=True,
            env={k: v for k, v in os.environ.items() if k != "REPCAST_DEBUG"},
        )
        for flags in ([], ["--debug"])
    )
    assert plain.returncode == 2
    (line,) = plain.stderr.splitlines()
    assert line.startswith("repcast: error: " + message)
    # The same message ends the traceback, below the error that caused it.
    assert debug.returncode == 1
    assert debug.stderr.splitlines()[-1] == "repcast.errors.InputError: " + line[16:]
    above, _, below = debug.stderr.partition(
        "The above exception was the direct cause of the following exception"
    )
    assert cause in above
    assert "InputError" in below


# Libraries only the commands that make audio, speak or publish need.
HEAVY = (
    *("numpy", "pydub", "soxr", "pyttsx3", "piper", "onnxruntime", "onnx"),
    *("feedgen", "lxml", "mutagen", "platformdirs"),
)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["plan"],
        ["plan", "--help"],
        ["build", "--help"],
        ["batch", "--help"],
        ["schema"],
        ["phrases"],
    ],
)
def test_commands_that_make_no_audio_start_without_audio_libraries(args: list[str]) -> None:
    script = (
        "import sys\n"
        "from repcast.cli import cli\n"
        "try:\n"
        f"    cli({args!r}, prog_name='repcast')\n"
        "except SystemExit as done:\n"
        "    assert not done.code, done.code\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}), file=sys.stderr)"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines()[-1] == "[]"
