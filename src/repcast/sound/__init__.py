"""Stage 4, sound: timeline, rendering to PCM, cue sounds, music, loudness, encoding, tags
and chapters. Imports voice/, coach/, routine/ and the shared modules."""
