"""Fake ZORT Open API server that answers real HTTP on 127.0.0.1."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
import contextlib
from dataclasses import dataclass, field
import json
from typing import Any

from aiohttp import web
from aiohttp.test_utils import TestServer
from multidict import CIMultiDict

API_PREFIX = "/v4"

# The credentials that the client fixtures use.
STORE_NAME = "shop@example.com"
API_KEY = "key"
API_SECRET = "secret"


@dataclass(frozen=True, slots=True)
class Reply:
    """What the fake server answers to one request."""

    status: int = 200
    json: Any = None
    text: str | None = None
    body: bytes | None = None
    content_type: str | None = None
    delay: float = 0.0
    drop: bool = False


@dataclass(frozen=True, slots=True)
class ReceivedRequest:
    """One request as the fake server received it."""

    method: str
    path: str
    query: dict[str, str]
    headers: CIMultiDict[str]
    text: str
    json: Any = field(default=None)


# A route answers with a fixed reply, with replies in turn (the last one
# repeats), or with whatever a function makes of the request.
Responder = Reply | Sequence[Reply] | Callable[[ReceivedRequest], Reply]


class FakeZortServer:
    """Serve ZORT-like answers per path and record every request."""

    def __init__(self) -> None:
        """Start with no routes and no requests."""
        self.requests: list[ReceivedRequest] = []
        self._routes: dict[str, Responder] = {}
        self._served: dict[str, int] = {}
        self._release = asyncio.Event()
        self._server = TestServer(web.Application(), host="127.0.0.1")
        self._server.app.router.add_route("*", "/{tail:.*}", self._handle)
        self._closed = False

    async def start(self) -> None:
        """Listen on a free port of 127.0.0.1."""
        await self._server.start_server()

    async def close(self) -> None:
        """Let delayed answers finish and stop listening."""
        if self._closed:
            return
        self._closed = True
        self._release.set()
        await self._server.close()

    @property
    def base_url(self) -> str:
        """Return the URL that stands in for https://open-api.zortout.com/v4."""
        return str(self._server.make_url(API_PREFIX))

    def url(self, path: str) -> str:
        """Return the absolute URL of a path on this server."""
        return str(self._server.make_url(path))

    def on(self, path: str, responder: Responder) -> None:
        """Answer requests to `path` (relative to /v4) with `responder`."""
        self._routes[path.strip("/")] = responder

    def on_json(self, path: str, body: Any, status: int = 200) -> None:
        """Answer requests to `path` with a JSON body."""
        self.on(path, Reply(status=status, json=body))

    def received(self, path: str | None = None) -> list[ReceivedRequest]:
        """Return the requests received, all or only those to one API path."""
        if path is None:
            return list(self.requests)
        wanted = f"{API_PREFIX}/{path.strip('/')}"
        return [request for request in self.requests if request.path == wanted]

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        """Record the request and answer it the way its route says."""
        text = await request.text() if request.can_read_body else ""
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = None
        received = ReceivedRequest(
            method=request.method,
            path=request.path,
            query=dict(request.query),
            headers=CIMultiDict(request.headers),
            text=text,
            json=parsed,
        )
        self.requests.append(received)

        route = request.path.removeprefix(API_PREFIX).strip("/")
        responder = self._routes.get(route)
        if responder is None or not request.path.startswith(f"{API_PREFIX}/"):
            return web.Response(status=404, text=f"No fake route for {request.path}")
        reply = self._pick(route, responder, received)

        if reply.delay:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._release.wait(), reply.delay)
        if reply.drop:
            assert request.transport is not None
            request.transport.close()
            return web.Response()
        return _response(reply)

    def _pick(
        self, route: str, responder: Responder, received: ReceivedRequest
    ) -> Reply:
        """Return the reply that a route gives to this request."""
        if isinstance(responder, Reply):
            return responder
        if callable(responder):
            return responder(received)
        served = self._served.get(route, 0)
        self._served[route] = served + 1
        return responder[min(served, len(responder) - 1)]


def _response(reply: Reply) -> web.Response:
    """Turn a reply into an aiohttp response."""
    if reply.body is not None:
        return web.Response(
            status=reply.status,
            body=reply.body,
            content_type=reply.content_type or "application/octet-stream",
        )
    if reply.text is not None:
        return web.Response(
            status=reply.status,
            text=reply.text,
            content_type=reply.content_type or "text/plain",
        )
    if reply.json is None:
        return web.Response(status=reply.status)
    return web.Response(
        status=reply.status,
        text=json.dumps(reply.json),
        content_type=reply.content_type or "application/json",
    )


def page_of(items: Sequence[Mapping[str, Any]], count: int | None = None) -> Reply:
    """Return a successful list answer the way GetOrders and GetProducts send it."""
    body: dict[str, Any] = {
        "res": {"resCode": "200", "resDesc": "Success"},
        "list": list(items),
    }
    if count is not None:
        body["count"] = count
    return Reply(json=body)
