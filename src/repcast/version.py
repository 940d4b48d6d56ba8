"""The version of RepCast, one place for the package, tags, state files and clusters."""

__version__ = "0.1.0"
