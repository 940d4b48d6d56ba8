"""Stage 2, what the coach says and when: the cue script made from a plan, numbers in
words. Imports routine/ and the shared modules."""
