"""Several endpoints serving one model, as one transport: each article to one of them.

A fleet of model servers (vLLM replicas, Ray Serve deployments, OpenAI-compatible
gateways) is given as several base URLs. The openai client is built on the first; this
transport sends each request to the endpoint its article is assigned to, by a stable
hash of the article id our own header carries. So load spreads evenly over the
endpoints whatever the number of processes or Ray actors sending it, and every call of
one article reaches the same server, whose prefix cache then holds that article's text
for its next template.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import httpx2

from summarizer._backends.transports import ARTICLE_HEADER


class SpreadingTransport(httpx2.AsyncBaseTransport):
    """Routes each request to ``endpoints[crc32(article id) % len(endpoints)]``.

    Args:
        endpoints: (base URL, transport) pairs; the openai client's base URL is the
            first, and requests are rewritten from it onto the chosen one's.
    """

    def __init__(self, endpoints: Sequence[tuple[str, httpx2.AsyncBaseTransport]]) -> None:
        if not endpoints:
            raise ValueError("SpreadingTransport needs at least one endpoint")
        self._endpoints = [(url.rstrip("/"), transport) for url, transport in endpoints]

    def endpoint_for(self, article_id: str) -> str:
        """The base URL that serves ``article_id`` (crc32: stable across processes,
        where Python's own string hash is salted per process)."""
        return self._endpoints[self._index(article_id)][0]

    def _index(self, article_id: str) -> int:
        return zlib.crc32(article_id.encode("utf-8")) % len(self._endpoints)

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        index = self._index(request.headers.get(ARTICLE_HEADER, ""))
        target, transport = self._endpoints[index]
        if index == 0:
            return await transport.handle_async_request(request)
        first = self._endpoints[0][0]
        url = str(request.url)
        if url.startswith(first):
            url = target + url[len(first) :]
        headers = httpx2.Headers(request.headers)
        del headers["host"]  # the new URL's host is set from it
        moved = httpx2.Request(
            request.method,
            url,
            headers=headers,
            content=await request.aread(),
            extensions=request.extensions,
        )
        return await transport.handle_async_request(moved)

    async def aclose(self) -> None:
        for _, transport in self._endpoints:
            await transport.aclose()
