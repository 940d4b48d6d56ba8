"""Stage 3, speech: the speaker protocol and cache, espeak-ng, Piper, voice names.
Imports routine/ and the shared modules."""
