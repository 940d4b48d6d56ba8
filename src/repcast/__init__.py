"""RepCast: a routine file becomes one voice-guided, exactly timed workout MP3."""

__version__ = "0.1.0"

from .batch import BatchResult, batch
from .build import BuildResult, Settings, build, output_name, prepare
from .cues import Cue, CueScript, make_cues
from .errors import InputError, RepcastError
from .exporter import export_notes
from .importer import Guess, Imported, import_text, read_notes
from .plan import Interval, Plan, make_plan
from .routine import Routine, builtin_routine, json_schema, load_routine
from .timeline import Timeline, schedule

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
