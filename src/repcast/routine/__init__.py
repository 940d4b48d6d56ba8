"""Stage 1, what the user writes: documents, the schema, the routine and its phrasebook,
the plan of timed intervals, re-timing. Imports only the shared modules at the top."""
