"""The embedded model against llama.cpp itself: seconds, tokens and the ratio, per article.

    flock /tmp/model.lock python bench/local_model.py                  # the three samples
    flock /tmp/model.lock python bench/local_model.py --baseline /work/wt-speed-base

Our pipeline summarises each article with all its templates (no response cache, the
model loaded beforehand on another article), recording every request. Then raw llama.cpp
answers the same prompts: each prompt evaluated whole, then as many tokens as our answer
had, greedy and one at a time, with no grammar (llama_decode and an argmax, nothing
else), and with the grammar through llama-cpp-python's sampler chain. The ratio is our
time over what raw unconstrained decoding takes for the tokens we evaluated and
generated. ``--baseline`` runs another checkout's pipeline (its code, this environment)
on the same articles first, for seconds per article against it in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "fixtures" / "articles").glob("00[0-9]_*.txt"))
WARM_UP = ROOT / "fixtures" / "articles" / "013_very_short.txt"


@dataclass
class Ours:
    """One checkout's pipeline on the articles."""

    seconds: list[float]
    generated: list[int]
    evaluated: list[int]
    sections: dict[str, dict[str, int]]  # article -> template -> tokens generated


def measure_ours(model: str, files: list[Path], recordings: Path, drafts: int = 0) -> Ours:
    """Summarise ``files`` with the pipeline importable here, recording its requests."""
    from summarizer import Settings, Summarizer
    from summarizer._cli.main import configure_logging

    configure_logging(verbose=False)
    settings = Settings(backend="local", model=model, record=True, recordings_dir=recordings)
    if drafts:
        settings = replace(settings, draft_tokens=drafts)
    ours = Ours([], [], [], {})
    with Summarizer(settings) as summarizer:
        summarizer.summarize(WARM_UP, sections=["countries"])  # load the model first
        for path in files:
            started = time.perf_counter()
            record = summarizer.summarize(path)
            ours.seconds.append(time.perf_counter() - started)
            usage = record.meta.usage
            ours.generated.append(usage.completion_tokens)
            ours.evaluated.append(usage.prompt_tokens - usage.cached_prompt_tokens)
    for path in files:
        # Summed over each template's exchanges: its re-asks are its tokens too.
        totals: dict[str, int] = defaultdict(int)
        for name, tokens, _ in _requests(recordings / path.stem):
            totals[name] += tokens
        ours.sections[path.stem] = dict(totals)
    return ours


def _requests(directory: Path) -> list[tuple[str, int, dict[str, Any]]]:
    """(template, tokens generated, request) of every recorded exchange, in file order."""
    found = []
    for file in sorted(directory.glob("*.json")):
        recording = json.loads(file.read_text(encoding="utf-8"))
        for exchange in recording["exchanges"]:
            usage = exchange["response"]["body"]["usage"]
            found.append((recording["template"], usage["completion_tokens"], exchange["request"]))
    return found


def run_checkout(checkout: Path, model: str, files: list[Path], recordings: Path) -> Ours:
    """``measure_ours`` with another checkout's code, in a child process."""
    environment = {**os.environ, "PYTHONPATH": str(checkout)}
    command = [sys.executable, __file__, "--model", model, "--child", str(recordings)]
    command += [str(f) for f in files]
    done = subprocess.run(command, env=environment, capture_output=True, text=True, check=True)
    return Ours(**json.loads(done.stdout.splitlines()[-1]))


@dataclass
class Raw:
    """Raw llama.cpp on the same prompts: seconds and tokens in each mode."""

    prompt_tokens: int = 0
    prompt_seconds: float = 0.0
    generated: int = 0
    free_seconds: float = 0.0  # generating, no grammar
    grammar_seconds: float = 0.0  # generating, llama-cpp-python's grammar sampler

    @property
    def prompt_rate(self) -> float:
        return self.prompt_tokens / self.prompt_seconds

    @property
    def free_rate(self) -> float:
        return self.generated / self.free_seconds

    @property
    def grammar_rate(self) -> float:
        return self.generated / self.grammar_seconds


def measure_raw(model_path: Path, requests: list[tuple[str, int, dict[str, Any]]]) -> Raw:
    from llama_cpp import Llama
    from llama_cpp.llama_grammar import LlamaGrammar

    from summarizer._backends.llama_model import LlamaTokenModel
    from summarizer._backends.local import (
        _EAST_ASIAN,
        _chat_template,
        _json_grammar,
        physical_cores,
    )
    from summarizer._backends.transports import schema_of

    threads = physical_cores()
    llama = Llama(
        model_path=str(model_path), n_ctx=8192, n_threads=threads,
        n_threads_batch=threads, verbose=False,
    )  # fmt: skip
    model, chat, raw = LlamaTokenModel(llama), _chat_template(llama), Raw()
    for _, count, request in requests:
        count = max(count, 1)
        formatted = chat(messages=request["messages"])
        prompt = llama.tokenize(formatted.prompt.encode(), add_bos=False, special=True)
        llama.reset()
        model.truncate(0)
        started = time.perf_counter()
        for start in range(0, len(prompt), model.n_batch):
            chunk = prompt[start : start + model.n_batch]
            model.evaluate(chunk, start, logits_from=len(chunk) - 1)
        prompt_seconds = time.perf_counter() - started
        row, position = -1, len(prompt)
        for _ in range(count):
            token = int(model.logits(row).argmax())
            model.evaluate([token], position, logits_from=0)
            row, position = 0, position + 1
        raw.free_seconds += time.perf_counter() - started - prompt_seconds
        raw.prompt_tokens += len(prompt)
        raw.prompt_seconds += prompt_seconds
        raw.generated += count
        text = "".join(str(m.get("content", "")) for m in request["messages"])
        schema = json.dumps(schema_of(request), sort_keys=True)
        grammar = _json_grammar(schema, bool(_EAST_ASIAN.search(text)))
        # The prompt stays evaluated: llama-cpp-python evaluates its last token again.
        llama.input_ids[: len(prompt)] = prompt
        llama.n_tokens, llama._requires_eval = len(prompt), True
        started = time.perf_counter()
        llama.create_completion(
            prompt, max_tokens=count, temperature=0.0,
            grammar=LlamaGrammar.from_string(grammar, verbose=False),
        )  # fmt: skip
        raw.grammar_seconds += time.perf_counter() - started
    model.close()
    llama.close()
    return raw


def report(
    model: str, files: list[Path], ours: Ours, base: Ours | None, raw: Raw, prompts: int
) -> None:
    count = len(files)
    cores = os.cpu_count()
    print(f"Machine: {platform.machine()}, {cores} CPUs, Python {platform.python_version()}")
    print(f"Model: {model}; {count} articles: {', '.join(f.stem for f in files)}\n")
    print(f"Raw llama.cpp on our {prompts} prompts: "
          f"{raw.prompt_rate:.0f} prompt tokens/s; {raw.free_rate:.1f} generated tokens/s "
          f"unconstrained, {raw.grammar_rate:.1f} with the grammar "
          "(llama-cpp-python's sampler)\n")  # fmt: skip
    print("| article | run | s | generated | evaluated | raw unconstrained s | ours / raw |")
    print("|---|---|---:|---:|---:|---:|---:|")
    runs = [("baseline", base), ("ours", ours)] if base else [("ours", ours)]
    totals: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for index, path in enumerate(files):
        for name, run in runs:
            assert run is not None
            ideal = run.evaluated[index] / raw.prompt_rate + run.generated[index] / raw.free_rate
            totals[name][0] += run.seconds[index]
            totals[name][1] += ideal
            print(f"| {path.stem[:3]} | {name} | {run.seconds[index]:.1f} | "
                  f"{run.generated[index]} | {run.evaluated[index]} | {ideal:.1f} | "
                  f"{run.seconds[index] / ideal:.2f} |")  # fmt: skip
    for name, (seconds, ideal) in totals.items():
        print(f"\n{name}: {seconds / count:.1f} s/article; ours / raw unconstrained "
              f"{seconds / ideal:.2f}")  # fmt: skip
    if base:
        print(f"\nSeconds per article, ours / baseline: "
              f"{sum(ours.seconds) / sum(base.seconds):.2f}")  # fmt: skip
    print("\nTokens generated per section (baseline -> ours):\n")
    sections = sorted({s for run in ours.sections.values() for s in run})
    print("| article | " + " | ".join(sections) + " |")
    print("|---|" + "---:|" * len(sections))
    for path in files:
        now = ours.sections[path.stem]
        before = base.sections[path.stem] if base else {}
        cells = [f"{before.get(s, '-')} -> {now.get(s, '-')}" if base else str(now.get(s, "-"))
                 for s in sections]  # fmt: skip
        print(f"| {path.stem[:3]} | " + " | ".join(cells) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="qwen2.5-coder-0.5b")
    parser.add_argument("--articles", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare")
    parser.add_argument("--draft-tokens", type=int, default=0, help="ours: prompt-lookup drafts")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:  # a checkout's pipeline, for --baseline
        ours = measure_ours(options.model, options.files, options.child)
        print(json.dumps(ours.__dict__))
        return
    files = SAMPLES[: options.articles]
    with tempfile.TemporaryDirectory() as scratch:
        base = None
        if options.baseline:
            base = run_checkout(options.baseline, options.model, files, Path(scratch) / "base")
        ours = measure_ours(options.model, files, Path(scratch) / "ours", options.draft_tokens)
        requests = [r for path in files for r in _requests(Path(scratch) / "ours" / path.stem)]
    from summarizer._backends.model_files import EMBEDDED_MODELS, assemble

    raw = measure_raw(assemble(EMBEDDED_MODELS[options.model]), requests)
    report(options.model, files, ours, base, raw, len(requests))


if __name__ == "__main__":
    main()
