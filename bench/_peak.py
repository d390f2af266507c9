"""Run the `summarize` command and report its own peak RSS as the last line of stderr."""

from __future__ import annotations

import resource
import sys

from summarizer._cli.main import main

if __name__ == "__main__":
    try:
        code = main()  # as the console script calls it: the command line is sys.argv
    finally:
        peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"peak_rss_kb={peak_kb}", file=sys.stderr)
    sys.exit(code)
