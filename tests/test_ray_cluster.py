"""`summarize --engine ray` on a local Ray cluster of three one-CPU nodes, against loopback
stub servers: the local path's records, nothing lost or doubled when a node goes, failures
as error rows, and a resumed run that asks the model nothing.

Marked ``ray`` (``pytest -m ray``): the cluster takes about ten seconds to start and each
run a few more for its actors to import what they need. The actors are processes of their
own: the stubs are on loopback, and the test-suite's guard covers this process only.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ray = pytest.importorskip("ray", reason="the ray extra is not installed")

from ray.cluster_utils import Cluster  # noqa: E402

from summarizer._backends.transports import RetryPolicy  # noqa: E402
from summarizer._cli.main import main  # noqa: E402
from summarizer._settings import Settings  # noqa: E402
from summarizer.ray import input_dataset, summarize_to_shards  # noqa: E402

from loopback import Faults, Stub, start_stub  # noqa: E402

pytestmark = [
    pytest.mark.ray,
    # Ray Data's DataContext sets its own deprecated options as it starts (ray 2.60).
    pytest.mark.filterwarnings("ignore::DeprecationWarning:ray.data.context"),
]

NODE = {"num_cpus": 1, "node_ip_address": "127.0.0.1"}


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A head and two worker nodes of one CPU each, this process their driver."""
    cluster = Cluster(initialize_head=True, connect=True, head_node_args=NODE)
    for _ in range(2):
        cluster.add_node(**NODE)
    cluster.wait_for_nodes()
    yield cluster
    ray.shutdown()
    cluster.shutdown()


@pytest.fixture(autouse=True)
def _at_repo_root(
    fixtures_dir: Path, monkeypatch: pytest.MonkeyPatch, no_endpoint_configured: None
) -> None:
    monkeypatch.chdir(fixtures_dir.parent)


def _articles(fixtures_dir: Path, into: Path, copies: int) -> list[str]:
    """``copies`` distinct variants of each English sample article, as files in ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    ids = []
    for path in sorted((fixtures_dir / "articles").glob("0[01]*.txt")):
        text = path.read_text(encoding="utf-8")
        for copy in range(copies):
            name = f"{path.stem}-{copy}"
            (into / f"{name}.txt").write_text(f"{text}\n\nFiled as copy {copy}.\n")
            ids.append(name)
    return ids


def _lines(directory: Path, pattern: str) -> list[dict[str, Any]]:
    files = sorted(directory.glob(pattern))
    return [json.loads(line) for path in files for line in path.read_text().splitlines()]


def _stubs(count: int, latency: float) -> tuple[list[Stub], list[str]]:
    stubs = [Stub(latency) for _ in range(count)]
    return stubs, [start_stub(stub) for stub in stubs]


def _common(urls: list[str]) -> list[str]:
    return ["--backend", "openai", "--model", "m", "--base-url", ",".join(urls), "--no-cache"]


def test_the_records_are_those_of_the_local_path(
    cluster: Cluster, fixtures_dir: Path, tmp_path: Path
) -> None:
    articles = str(fixtures_dir / "articles")
    replay = ["--backend", "replay", "--no-cache", "-q"]
    local_code = main([articles, *replay, "-o", str(tmp_path / "local.jsonl")])
    ray_code = main([articles, *replay, "--engine", "ray", "-o", str(tmp_path / "ray")])
    assert ray_code == local_code

    def by_id(records: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
        for record in records:
            del record["meta"]["elapsed_s"]
        return {record["source"]["id"]: record for record in records}

    local_lines = (tmp_path / "local.jsonl").read_text().splitlines()
    local = by_id([json.loads(line) for line in local_lines])
    assert len(local) >= 7 and by_id(_lines(tmp_path / "ray", "records-*.jsonl")) == local
    local_errors = _lines(tmp_path, "local.jsonl.errors.jsonl")
    ray_errors = _lines(tmp_path / "ray", "errors-*.jsonl")
    assert sorted(e["article"] for e in ray_errors) == sorted(e["article"] for e in local_errors)


def test_a_node_removed_mid_run_loses_no_article_and_doubles_none(
    cluster: Cluster, fixtures_dir: Path, tmp_path: Path
) -> None:
    ids = _articles(fixtures_dir, tmp_path / "in", copies=8)
    stubs, urls = _stubs(3, latency=0.3)
    removed = threading.Event()

    def remove_a_worker_node() -> None:
        while sum(stub.requests for stub in stubs) < 80:
            threading.Event().wait(0.05)
        cluster.remove_node(next(iter(cluster.worker_nodes)))  # never the head: the driver is there
        removed.set()

    threading.Thread(target=remove_a_worker_node, daemon=True).start()
    try:
        code = main(
            [str(tmp_path / "in"), *_common(urls), "--engine", "ray", "--actors", "3",
             "--concurrency", "12", "-q", "-o", str(tmp_path / "out")]
        )  # fmt: skip
    finally:
        removed.wait(60)
        cluster.add_node(**NODE)  # three nodes again for the tests after this one
    assert removed.is_set() and code == 0
    records = _lines(tmp_path / "out", "records-*.jsonl")
    assert sorted(record["source"]["id"] for record in records) == sorted(ids)
    assert not list((tmp_path / "out").glob("errors-*.jsonl"))
    # The lost node's articles were summarised again elsewhere: the stubs answered more
    # requests than the records account for, and still each article is written once.
    answered = sum(stub.requests for stub in stubs)
    assert answered > sum(record["meta"]["attempts"] for record in records)
    assert all(stub.requests for stub in stubs)  # every endpoint had its share


def test_failing_calls_and_a_stalled_article_are_error_rows_not_a_failed_job(
    cluster: Cluster, fixtures_dir: Path, tmp_path: Path
) -> None:
    ids = _articles(fixtures_dir, tmp_path / "in", copies=4)
    faults = Faults(server_error=0.05, stalled=0.02, stall_seconds=30.0)
    stub = Stub(0.05, faults)
    settings = Settings(
        backend="openai",
        base_url=start_stub(stub),
        model="m",
        concurrency=12,
        retry=RetryPolicy(attempts=1),  # each failing call fails its section at once
    )
    inputs = input_dataset([str(tmp_path / "in"), str(tmp_path / "missing.txt")])
    stats = summarize_to_shards(inputs, tmp_path / "out", settings, actors=3, article_timeout=3.0)
    records = _lines(tmp_path / "out", "records-*.jsonl")
    errors = _lines(tmp_path / "out", "errors-*.jsonl")
    assert sorted(
        [r["source"]["id"] for r in records] + [e["article"] for e in errors if e["article"]]
    ) == sorted(ids)
    assert (stats.articles, stats.summarised, stats.failed) == (
        len(ids) + 1,
        len(records),
        len(errors),
    )
    assert stats.unreadable == 1 and any("missing.txt: no such file" in e["error"] for e in errors)
    failed = [e["error"] for e in errors if e["article"]]
    assert failed and all("HTTP 500" in e or "no record within 3 s" in e for e in failed)


def test_a_resumed_run_summarises_only_what_is_missing_and_then_nothing(
    cluster: Cluster,
    fixtures_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ids = _articles(fixtures_dir, tmp_path / "in", copies=2)
    stubs, urls = _stubs(1, latency=0.05)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-through-the-runtime-env")
    out = ["--engine", "ray", "--actors", "2", "-o", str(tmp_path / "out")]
    first = [str(p) for p in sorted((tmp_path / "in").glob("*-0.txt"))]
    assert main([*first, *_common(urls), *out]) == 0
    # The key reached the actors through Ray's runtime environment.
    assert stubs[0].keys == {"Bearer sk-through-the-runtime-env"}
    asked = stubs[0].requests
    assert main([str(tmp_path / "in"), *_common(urls), *out, "--resume"]) == 0
    assert f"{len(first)} skipped (already in the output)" in capsys.readouterr().err
    assert stubs[0].requests > asked
    asked = stubs[0].requests
    assert main([str(tmp_path / "in"), *_common(urls), *out, "--resume"]) == 0
    assert stubs[0].requests == asked  # no model call at all
    assert f"{len(ids)} skipped (already in the output)" in capsys.readouterr().err
    records = _lines(tmp_path / "out", "records-*.jsonl")
    assert sorted(record["source"]["id"] for record in records) == sorted(ids)
