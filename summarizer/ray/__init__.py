"""Summarising a corpus on a Ray cluster, with Ray Data (``pip install 'news-summarizer[ray]'``).

>>> import ray.data
>>> from summarizer import Settings
>>> from summarizer.ray import JsonlShards, summarize_dataset
>>> articles = ray.data.read_json("s3://bucket/wire/")  # doctest: +SKIP
>>> settings = Settings(base_url="http://vllm:8000/v1", model="Qwen/Qwen2.5-7B-Instruct")
>>> rows = summarize_dataset(articles, settings)  # doctest: +SKIP
>>> rows.write_datasink(JsonlShards(Path("/shared/out")))  # doctest: +SKIP

Each article is a row of the result, whatever became of it (``status``, ``record`` as
JSON, ``error``); see docs/scale.md for running it on a real cluster.
"""

from __future__ import annotations

from summarizer.ray._actor import API_KEY_VARIABLE, ArticleActor
from summarizer.ray._dataset import input_dataset, summarize_dataset
from summarizer.ray._resume import DoneIndex, build_done_index
from summarizer.ray._rows import OUTPUT_SCHEMA, ArticleRow
from summarizer.ray._run import summarize_to_shards
from summarizer.ray._shards import JsonlShards

__all__ = [
    "API_KEY_VARIABLE",
    "OUTPUT_SCHEMA",
    "ArticleActor",
    "ArticleRow",
    "DoneIndex",
    "JsonlShards",
    "build_done_index",
    "input_dataset",
    "summarize_dataset",
    "summarize_to_shards",
]
