"""Several endpoints serving one model: each article's requests go to one of them."""

from __future__ import annotations

import asyncio

import httpx2

from summarizer._backends.spreading import SpreadingTransport
from summarizer._backends.transports import ARTICLE_HEADER


def _recorder(seen: list[tuple[str, str]], name: str) -> httpx2.MockTransport:
    def handle(request: httpx2.Request) -> httpx2.Response:
        seen.append((name, str(request.url)))
        assert request.headers["host"] == request.url.netloc.decode()
        return httpx2.Response(200, json={"ok": True})

    return httpx2.MockTransport(handle)


def _send(transport: SpreadingTransport, article: str) -> None:
    async def one() -> None:
        async with httpx2.AsyncClient(transport=transport) as client:
            request = client.build_request(
                "POST",
                "http://first:8000/v1/chat/completions",
                headers={ARTICLE_HEADER: article},
                json={"model": "m"},
            )
            response = await client.send(request)
            assert response.status_code == 200

    asyncio.run(one())


def test_each_article_goes_to_one_endpoint_and_articles_spread_over_them() -> None:
    seen: list[tuple[str, str]] = []
    urls = ["http://first:8000/v1", "http://second:8001/v1", "http://third:8002/v2"]
    transport = SpreadingTransport([(url, _recorder(seen, url)) for url in urls])
    articles = [f"article-{n}" for n in range(60)]
    for article in articles * 2:
        _send(transport, article)
    by_article: dict[str, set[str]] = {}
    for article, (name, url) in zip(articles * 2, seen, strict=True):
        by_article.setdefault(article, set()).add(name)
        assert url == name + "/chat/completions"  # the path moved onto the endpoint's
    assert all(len(names) == 1 for names in by_article.values())
    counts = [sum(name == url for name, _ in seen) for url in urls]
    assert min(counts) >= 20, counts  # 120 requests, none of three endpoints starved
    assert transport.endpoint_for("article-0") in urls
