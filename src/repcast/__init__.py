"""RepCast: a routine file becomes one voice-guided, exactly timed workout MP3."""

__version__ = "0.1.0"

from .build import BuildResult, build, output_name, prepare
from .cues import Cue, CueScript, make_cues
from .errors import InputError, RepcastError
from .plan import Interval, Plan, make_plan
from .routine import Routine, builtin_routine, json_schema, load_routine
from .timeline import Timeline, schedule

__all__ = [
    "BuildResult",
    "Cue",
    "CueScript",
    "InputError",
    "Interval",
    "Plan",
    "RepcastError",
    "Routine",
    "Timeline",
    "__version__",
    "build",
    "builtin_routine",
    "json_schema",
    "load_routine",
    "make_cues",
    "make_plan",
    "output_name",
    "prepare",
    "schedule",
]
