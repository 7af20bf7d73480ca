"""Fixtures for the ZORT API client tests: a fake ZORT on 127.0.0.1 and a client."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable
import json
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from custom_components.zort.api import ZortClient

from .fake_zort import API_KEY, API_SECRET, STORE_NAME, FakeZortServer

FIXTURES = Path(__file__).parent.parent / "fixtures" / "api"

CLIENT_TIMEOUT = 5.0


def load_api_fixture(name: str) -> Any:
    """Return the parsed JSON of a file under tests/fixtures/api."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations() -> None:
    """Leave Home Assistant out: the API client does not need it."""


@pytest.fixture
def load_json() -> Callable[[str], Any]:
    """Return the loader of JSON response bodies under tests/fixtures/api."""
    return load_api_fixture


@pytest.fixture
async def zort_server(socket_enabled: None) -> AsyncGenerator[FakeZortServer]:
    """Run a fake ZORT Open API on 127.0.0.1 for one test.

    Home Assistant's test plugin blocks sockets; `socket_enabled` lets this
    test open them, and connections still may only go to 127.0.0.1.
    """
    server = FakeZortServer()
    await server.start()
    yield server
    await server.close()


@pytest.fixture
async def session() -> AsyncGenerator[aiohttp.ClientSession]:
    """Open a real aiohttp client session."""
    async with aiohttp.ClientSession() as client_session:
        yield client_session


@pytest.fixture
def make_client(
    session: aiohttp.ClientSession, zort_server: FakeZortServer
) -> Callable[..., ZortClient]:
    """Return a factory of clients pointed at the fake server."""

    def _make(
        *, base_url: str | None = None, timeout: float = CLIENT_TIMEOUT
    ) -> ZortClient:
        return ZortClient(
            session,
            STORE_NAME,
            API_KEY,
            API_SECRET,
            base_url=zort_server.base_url if base_url is None else base_url,
            timeout=timeout,
        )

    return _make


@pytest.fixture
def client(make_client: Callable[..., ZortClient]) -> ZortClient:
    """Return a client of the fake server with the usual credentials."""
    return make_client()
