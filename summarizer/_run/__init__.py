"""The run loop: one article through its sections (``Summarizer``), many articles at a
time (``run_batch``), worker processes, and re-recording the fixtures."""
