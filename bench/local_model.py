"""The in-process model with and without prefix reuse: seconds and tokens evaluated per article.

    python bench/local_model.py                   # the three sample articles, 0.5B model
    python bench/local_model.py --model qwen2.5-coder-1.5b --articles 2

Every template's prompt opens with the same system message and article, so llama.cpp can
keep those tokens evaluated from one template to the next. With reuse, an article's
tokens should be evaluated about once; without it, once per template. Both runs use the
same model load order and no response cache.
"""

from __future__ import annotations

import argparse
import platform
import time
from pathlib import Path

from summarizer import Settings, Summarizer
from summarizer._cli.main import configure_logging

ROOT = Path(__file__).resolve().parent.parent


def run(model: str, files: list[Path], reuse: bool) -> tuple[float, float, float, float]:
    """Seconds, prompt tokens, prompt tokens evaluated, and calls, per article."""
    settings = Settings(backend="local", model=model, reuse_prefix=reuse)
    seconds = prompt = evaluated = calls = 0.0
    with Summarizer(settings) as summarizer:
        summarizer.summarize(files[0], sections=["countries"])  # load the model first
        for path in files:
            started = time.perf_counter()
            record = summarizer.summarize(path)
            seconds += time.perf_counter() - started
            usage = record.meta.usage
            prompt += usage.prompt_tokens
            evaluated += usage.prompt_tokens - usage.cached_prompt_tokens
            calls += record.meta.attempts
    count = len(files)
    return seconds / count, prompt / count, evaluated / count, calls / count


def main() -> None:
    configure_logging(verbose=False)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="qwen2.5-coder-0.5b")
    parser.add_argument("--articles", type=int, default=3)
    options = parser.parse_args()
    files = sorted((ROOT / "fixtures" / "articles").glob("0*.txt"))[: options.articles]
    print(f"Machine: {platform.machine()}, Python {platform.python_version()}, {options.model}")
    print(f"{len(files)} articles, all seven templates\n")
    print("| prefix reuse | s/article | requests/article | prompt tokens/article "
          "| evaluated/article |")  # fmt: skip
    print("|---|---:|---:|---:|---:|")
    results = {}
    for reuse in (True, False):
        results[reuse] = run(options.model, files, reuse)
        seconds, prompt, evaluated, calls = results[reuse]
        print(f"| {'on' if reuse else 'off'} | {seconds:.1f} | {calls:.1f} | {prompt:.0f} "
              f"| {evaluated:.0f} |", flush=True)  # fmt: skip
    with_reuse, without = results[True], results[False]
    print(f"\nTokens evaluated, reuse on / off: {with_reuse[2] / without[2]:.2f}")
    print(f"Seconds per article, reuse on / off: {with_reuse[0] / without[0]:.2f}")


if __name__ == "__main__":
    main()
