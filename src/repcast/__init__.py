"""RepCast: a routine file becomes one voice-guided, exactly timed workout MP3."""

from .build import BuildResult, Settings, build, output_name, prepare
from .coach.cues import Cue, CueScript, make_cues
from .errors import InputError, RepcastError
from .notes.exporter import export_notes
from .notes.importer import Guess, Imported, import_text, read_notes
from .routine.model import Routine, builtin_routine, json_schema, load_routine
from .routine.plan import Interval, Plan, make_plan
from .show.batch import BatchResult, batch
from .sound.timeline import Timeline, schedule
from .version import __version__

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
