"""Scoring records against hand-made and third-party gold annotations."""
