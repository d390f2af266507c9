"""`summarize --engine ray` on a simulated three-node cluster, against the local path.

    python bench/ray_scale.py --articles 500 --concurrency 24 --remove-node --resume
    python bench/ray_scale.py --articles 2225 --concurrency 48

A Ray cluster of three one-CPU nodes (``ray.cluster_utils.Cluster``, all on loopback) and
three stub servers with a fixed latency run in this process. The `summarize` command runs
as a user runs it, start-up included: once with ``--engine ray --ray-address`` (three
actors, the concurrency shared by them), once on the local path (``--concurrency N``,
its worker processes), both over the three stubs. Each against the ideal wall time
(requests x latency / concurrency, requests counted where the stubs receive them).
``--remove-node`` runs Ray again and removes a worker node mid-run; ``--resume`` runs
Ray once more with ``--resume`` over the finished output. Every run is checked: each
article exactly once, as a record or an error row.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

# Before Ray is imported: its nodes on loopback, and no usage report sent.
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")

import ray
from _common import StubThread, corpus, run_timed, summarize_command
from ray.cluster_utils import Cluster

NODE = {"num_cpus": 1, "node_ip_address": "127.0.0.1"}


@dataclass
class Run:
    runner: str
    articles: int
    outcomes: list[str]  # the id of every record and error row written
    requests: int
    wall: float
    first: float  # seconds from the command's start to the first request at a stub
    code: int


def start_cluster() -> Cluster:
    cluster = Cluster(initialize_head=True, connect=True, head_node_args=NODE)
    for _ in range(2):
        cluster.add_node(**NODE)
    cluster.wait_for_nodes()
    return cluster


def timed(stubs: list[StubThread], runner: str, files: list[Path], *arguments: str) -> Run:
    before = sum(stub.stub.requests for stub in stubs)
    for stub in stubs:
        stub.stub.first_request = None
    started = time.perf_counter()
    done = run_timed(summarize_command(*arguments, *map(str, files)))
    firsts = [stub.stub.first_request for stub in stubs if stub.stub.first_request is not None]
    requests = sum(stub.stub.requests for stub in stubs) - before
    first = (min(firsts) if firsts else started) - started
    return Run(runner, len(files), [], requests, done.wall, first, done.returncode)


def outcomes(records: list[Path], errors: list[Path]) -> list[str]:
    ids = [json.loads(line)["source"]["id"] for path in records for line in _lines(path)]
    return ids + [json.loads(line)["article"] for path in errors for line in _lines(path)]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def on_ray(
    cluster: Cluster,
    stubs: list[StubThread],
    files: list[Path],
    common: list[str],
    out: Path,
    *extra: str,
) -> Run:
    run = timed(
        stubs, "ray", files, *common, "--engine", "ray", "--ray-address", cluster.address,
        "--actors", "3", "-o", str(out), *extra,
    )  # fmt: skip
    run.outcomes = outcomes(sorted(out.glob("records-*.jsonl")), sorted(out.glob("errors-*.jsonl")))
    return run


def local(stubs: list[StubThread], files: list[Path], common: list[str], out: Path) -> Run:
    run = timed(stubs, "local", files, *common, "-o", str(out))
    run.outcomes = outcomes([out], [out.with_name(out.name + ".errors.jsonl")])
    return run


def remove_a_node_after(cluster: Cluster, stubs: list[StubThread], requests: int) -> None:
    """Remove a worker node once the stubs have answered ``requests`` more requests."""
    start = sum(stub.stub.requests for stub in stubs)

    def watch() -> None:
        while sum(stub.stub.requests for stub in stubs) - start < requests:
            time.sleep(0.1)
        cluster.remove_node(next(iter(cluster.worker_nodes)))

    threading.Thread(target=watch, daemon=True).start()


def row(run: Run, concurrency: int, latency: float, label: str | None = None) -> str:
    ideal = run.requests * latency / concurrency
    distinct = len(set(run.outcomes))
    doubled = len(run.outcomes) - distinct
    efficiency = f"{ideal / run.wall:.2f}" if run.requests else "-"
    after = f"{ideal / (run.wall - run.first):.2f}" if run.requests else "-"
    first = f"{run.first:.1f}" if run.requests else "-"
    return (
        f"| {label or run.runner} | {concurrency} | {run.articles} | {len(run.outcomes)} "
        f"| {doubled} | {run.articles - distinct} | {run.requests} | {ideal:.1f} "
        f"| {run.wall:.1f} | {efficiency} | {first} | {after} | {run.code} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=24, help="calls in flight in all")
    parser.add_argument("--latency", type=float, default=0.5)
    parser.add_argument("--remove-node", action="store_true", help="a Ray run losing a node")
    parser.add_argument("--resume", action="store_true", help="a resumed Ray run at the end")
    options = parser.parse_args()
    files = corpus(options.articles)
    stubs = [StubThread(options.latency) for _ in range(3)]
    urls = ",".join(stub.url for stub in stubs)
    common = [
        "--backend", "openai", "--model", "m", "--base-url", urls, "--no-cache", "-q",
        "--concurrency", str(options.concurrency),
    ]  # fmt: skip
    cluster = start_cluster()
    machine = platform.processor() or platform.machine()
    print(f"{machine}, {os.cpu_count()} cores, ray {ray.__version__}")
    print(
        "\n| runner | concurrency | articles | written | twice | missing | requests "
        "| ideal s | wall s | efficiency | first request s | efficiency after it | exit |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|", flush=True)
    with tempfile.TemporaryDirectory() as directory:
        work = Path(directory)
        finished = on_ray(cluster, stubs, files, common, work / "ray")
        print(row(finished, options.concurrency, options.latency), flush=True)
        print(row(local(stubs, files, common, work / "local.jsonl"), options.concurrency,
                  options.latency), flush=True)  # fmt: skip
        if options.remove_node:
            remove_a_node_after(cluster, stubs, requests=len(files) * 3)
            lost = on_ray(cluster, stubs, files, common, work / "ray-node-lost")
            print(row(lost, options.concurrency, options.latency, "ray, a node removed"))
            cluster.add_node(**NODE)
        if options.resume:
            # Its output is the first run's: what it wrote is checked as a whole.
            again = on_ray(cluster, stubs, files, common, work / "ray", "--resume")
            print(row(again, options.concurrency, options.latency, "ray `--resume`"), flush=True)
    ray.shutdown()
    cluster.shutdown()


if __name__ == "__main__":
    main()
