"""Cue finders: what the code reads in an article before any model call (names, quoted
passages, quantities, numbers, dates, countries, stated changes). Sections hand these to
the model as numbered candidates and verify its answers against them."""
