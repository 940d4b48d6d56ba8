"""RepCast: a routine file becomes one voice-guided, exactly timed workout MP3."""

from __future__ import annotations

import importlib
import sys
import types
from typing import TYPE_CHECKING, Any

from .version import __version__

# The API is loaded on first use: the command line, which imports this package first,
# starts in a fraction of the time the whole pipeline takes to import.
_API = {
    "BatchResult": "show.batch",
    "batch": "show.batch",
    "BuildResult": "build",
    "Settings": "build",
    "build": "build",
    "output_name": "build",
    "prepare": "build",
    "Cue": "coach.cues",
    "CueScript": "coach.cues",
    "make_cues": "coach.cues",
    "InputError": "errors",
    "RepcastError": "errors",
    "export_notes": "notes.exporter",
    "Guess": "notes.importer",
    "Imported": "notes.importer",
    "import_text": "notes.importer",
    "read_notes": "notes.importer",
    "Interval": "routine.plan",
    "Plan": "routine.plan",
    "make_plan": "routine.plan",
    "Routine": "routine.model",
    "builtin_routine": "routine.model",
    "json_schema": "routine.model",
    "load_routine": "routine.model",
    "Timeline": "sound.timeline",
    "schedule": "sound.timeline",
}

if TYPE_CHECKING:
    from .build import BuildResult, Settings, build, output_name, prepare
    from .coach.cues import Cue, CueScript, make_cues
    from .errors import InputError, RepcastError
    from .notes.exporter import export_notes
    from .notes.importer import Guess, Imported, import_text, read_notes
    from .routine.model import Routine, builtin_routine, json_schema, load_routine
    from .routine.plan import Interval, Plan, make_plan
    from .show.batch import BatchResult, batch
    from .sound.timeline import Timeline, schedule


def __getattr__(name: str) -> Any:
    if name not in _API:
        raise AttributeError(f"module 'repcast' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_API[name]}", __name__), name)
    globals()[name] = value  # looked up once
    return value


class _Package(types.ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        # Importing the module repcast.build binds it here by its name; the name stays the
        # function build(), as it was when this package imported everything at once.
        if not (name == "build" and isinstance(value, types.ModuleType)):
            super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

__all__ = [
    "BatchResult",
    "BuildResult",
    "Cue",
    "CueScript",
    "Guess",
    "Imported",
    "InputError",
    "Interval",
    "Plan",
    "RepcastError",
    "Routine",
    "Settings",
    "Timeline",
    "__version__",
    "batch",
    "build",
    "builtin_routine",
    "export_notes",
    "import_text",
    "json_schema",
    "load_routine",
    "make_cues",
    "make_plan",
    "output_name",
    "prepare",
    "read_notes",
    "schedule",
]
