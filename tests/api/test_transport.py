"""Test how the ZORT client talks HTTP: headers, URLs, envelopes and errors."""

from __future__ import annotations

import ast
import asyncio
from collections.abc import Callable
import contextlib
import logging
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from custom_components.zort import api
from custom_components.zort.api import (
    API_BASE_URL,
    WebhookConfig,
    ZortApiError,
    ZortAuthenticationError,
    ZortClient,
    ZortConnectionError,
    ZortError,
    ZortQuotaExceededError,
)

from .fake_zort import API_KEY, API_SECRET, STORE_NAME, FakeZortServer, Reply

AUTH_HEADERS = {"storename": STORE_NAME, "apikey": API_KEY, "apisecret": API_SECRET}
QUOTA_TEXT = "API Request Limits (50000 requests/day)"


def _detail(envelope: dict[str, Any]) -> dict[str, Any]:
    """Return a GetOrderDetail body with the given envelope around order 5."""
    return {**envelope, "id": 5, "number": "SO-0005"}


def test_default_base_url_is_zort_v4() -> None:
    """Point the client at ZORT's documented v4 base URL by default."""
    assert API_BASE_URL == "https://open-api.zortout.com/v4"


def test_api_package_does_not_import_home_assistant() -> None:
    """Keep every module of the api package free of Home Assistant imports."""
    package = Path(api.__file__).parent
    imported: set[str] = set()
    for module in package.glob("*.py"):
        tree = ast.parse(module.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                imported.add(node.module)
    assert "aiohttp" in imported
    assert not {name for name in imported if name.split(".")[0] == "homeassistant"}


def test_package_exports_resolve() -> None:
    """Export every name in api.__all__ from the package."""
    missing = [name for name in api.__all__ if not hasattr(api, name)]
    assert missing == []


@pytest.mark.parametrize(
    "error",
    [
        ZortApiError,
        ZortAuthenticationError,
        ZortConnectionError,
        ZortQuotaExceededError,
    ],
)
def test_every_error_is_a_zort_error(error: type[Exception]) -> None:
    """Let callers catch every client failure as ZortError."""
    assert issubclass(error, ZortError)


def test_api_error_keeps_code_and_description() -> None:
    """Keep ZORT's code and description on ZortApiError and in its message."""
    err = ZortApiError("700", "Not enough inventory")
    assert (err.code, err.description) == ("700", "Not enough inventory")
    assert str(err) == "ZORT answered 700: Not enough inventory"


async def test_every_call_sends_the_credentials(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Send storename, apikey and apisecret with every kind of request."""
    zort_server.on_json("Webhook/GetWebhook", load_json("get_webhook.json"))
    zort_server.on_json("Webhook/UpdateWebhook", load_json("update_webhook_ok.json"))
    zort_server.on_json("Order/GetOrders", load_json("get_orders.json"))
    zort_server.on_json("Order/GetOrderDetail", load_json("get_order_detail.json"))
    zort_server.on_json("Product/GetProducts", load_json("get_products_page2.json"))
    zort_server.on_json(
        "Product/GetProductDetail", load_json("get_product_detail.json")
    )

    await client.async_check_credentials()
    await client.async_update_webhook({"addorderurl": "https://ha.example/new"})
    await client.async_get_orders()
    await client.async_get_order(1001)
    await client.async_get_products(skus=["P0001"])
    await client.async_get_product(1234)

    requests = zort_server.received()
    assert [request.path for request in requests] == [
        "/v4/Product/GetProducts",
        "/v4/Webhook/GetWebhook",
        "/v4/Webhook/UpdateWebhook",
        "/v4/Order/GetOrders",
        "/v4/Order/GetOrderDetail",
        "/v4/Product/GetProducts",
        "/v4/Product/GetProductDetail",
    ]
    for request in requests:
        sent = {name: request.headers.get(name) for name in AUTH_HEADERS}
        assert sent == AUTH_HEADERS, request.path


async def test_check_credentials_asks_for_one_product(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Validate credentials with the cheapest call, GetProducts?page=1&limit=1."""
    zort_server.on_json("Product/GetProducts", load_json("get_products_page1.json"))

    await client.async_check_credentials()

    (request,) = zort_server.received()
    assert request.method == "GET"
    assert request.path == "/v4/Product/GetProducts"
    assert request.query == {"page": "1", "limit": "1"}


async def test_check_credentials_raises_on_rejected_credentials(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Raise ZortAuthenticationError when ZORT says the key is invalid."""
    zort_server.on_json("Product/GetProducts", load_json("invalid_credentials.json"))

    with pytest.raises(ZortAuthenticationError, match="Invalid apikey"):
        await client.async_check_credentials()


@pytest.mark.parametrize(
    ("base_path", "expected_path"),
    [
        pytest.param("/v4", "/v4/Webhook/GetWebhook", id="no-trailing-slash"),
        pytest.param("/v4/", "/v4/Webhook/GetWebhook", id="trailing-slash"),
        pytest.param("/v4//", "/v4/Webhook/GetWebhook", id="two-trailing-slashes"),
        pytest.param(
            "/proxy/zort/v4", "/proxy/zort/v4/Webhook/GetWebhook", id="path-prefix"
        ),
    ],
)
async def test_base_url_is_joined_with_one_slash(
    make_client: Callable[..., ZortClient],
    zort_server: FakeZortServer,
    base_path: str,
    expected_path: str,
) -> None:
    """Join the base URL and the endpoint path with exactly one slash."""
    client = make_client(base_url=zort_server.url(base_path))

    # Only /v4/... has routes, so other prefixes answer 404; the path is what counts.
    with contextlib.suppress(ZortApiError):
        await client.async_get_webhook()

    (request,) = zort_server.received()
    assert request.path == expected_path


async def test_update_webhook_posts_json(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """POST UpdateWebhook with a JSON body of the keys and URL fields."""
    zort_server.on_json("Webhook/UpdateWebhook", load_json("update_webhook_ok.json"))
    current = WebhookConfig(keys={"key1": "a", "key2": "b", "key3": "c"}, urls={})

    await client.async_update_webhook(
        {"addorderurl": "https://ha.example/hook?evt=ADDORDER"}, current=current
    )

    (request,) = zort_server.received()
    assert request.method == "POST"
    assert request.path == "/v4/Webhook/UpdateWebhook"
    assert request.headers["Content-Type"].startswith("application/json")
    assert request.json == {
        "key1": "a",
        "key2": "b",
        "key3": "c",
        "addorderurl": "https://ha.example/hook?evt=ADDORDER",
    }


@pytest.mark.parametrize(
    "envelope",
    [
        pytest.param({"resCode": "200", "resDesc": "Success"}, id="top-level-string"),
        pytest.param({"resCode": 200, "resDesc": "Success"}, id="top-level-number"),
        pytest.param({"resCode": " 200 "}, id="top-level-padded"),
        pytest.param({"res": {"resCode": "200", "resDesc": "OK"}}, id="nested-string"),
        pytest.param({"res": {"resCode": 200}}, id="nested-number"),
        pytest.param({"resCode": "201"}, id="ready-to-ship-201"),
        pytest.param({"resCode": "0000"}, id="zeros-string"),
        pytest.param({"resCode": 0}, id="zero-number"),
        pytest.param({"res": {"resCode": "0000"}}, id="nested-zeros"),
        pytest.param({}, id="no-rescode"),
        pytest.param({"resCode": "", "resDesc": "whatever"}, id="blank-rescode"),
        pytest.param({"resCode": None}, id="null-rescode"),
        pytest.param({"res": "200"}, id="res-not-an-object"),
        pytest.param(
            {"resCode": "", "res": {"resCode": "200"}}, id="blank-top-nested-200"
        ),
    ],
)
async def test_success_envelopes(
    client: ZortClient, zort_server: FakeZortServer, envelope: dict[str, Any]
) -> None:
    """Return the record for every envelope shape that means success."""
    zort_server.on_json("Order/GetOrderDetail", _detail(envelope))

    order = await client.async_get_order(5)

    assert (order.id, order.number) == (5, "SO-0005")
    assert client.quota_notice is None


@pytest.mark.parametrize(
    ("body", "code", "description"),
    [
        pytest.param(
            {"resCode": "100", "resDesc": "General error"},
            "100",
            "General error",
            id="top-level-100",
        ),
        pytest.param(
            {"res": {"resCode": "700", "resDesc": "Not enough inventory"}},
            "700",
            "Not enough inventory",
            id="nested-700",
        ),
        pytest.param(
            {"resCode": 900, "resDesc": "Duplicate number", "list": []},
            "900",
            "Duplicate number",
            id="number-900-with-data",
        ),
        pytest.param({"resCode": "500"}, "500", None, id="server-error-code"),
        pytest.param(
            {"resCode": "600", "res": {"resCode": "200", "resDesc": "3rd party"}},
            "600",
            "3rd party",
            id="top-code-nested-text",
        ),
        pytest.param(
            {
                "resCode": "600",
                "resDesc": "Shipping API down",
                "res": {"resCode": "200", "resDesc": "Success"},
            },
            "600",
            "Shipping API down",
            id="top-level-wins",
        ),
    ],
)
async def test_business_error_with_http_200(
    client: ZortClient,
    zort_server: FakeZortServer,
    body: dict[str, Any],
    code: str,
    description: str | None,
) -> None:
    """Raise ZortApiError with ZORT's code and text for an HTTP 200 error."""
    zort_server.on_json("Order/GetOrderDetail", _detail(body))

    with pytest.raises(ZortApiError) as caught:
        await client.async_get_order(5)

    assert type(caught.value) is ZortApiError
    assert caught.value.code == code
    assert caught.value.description == description


ERROR_MATRIX = [
    pytest.param(
        Reply(status=401, text="Unauthorized"), ZortAuthenticationError, id="http-401"
    ),
    pytest.param(
        Reply(status=403, json={"resCode": "200"}),
        ZortAuthenticationError,
        id="http-403",
    ),
    pytest.param(
        Reply(
            json={"res": {"resCode": "100", "resDesc": "Invalid apikey or apisecret"}}
        ),
        ZortAuthenticationError,
        id="resdesc-apikey",
    ),
    pytest.param(
        Reply(json={"resCode": "100", "resDesc": "Wrong API Key"}),
        ZortAuthenticationError,
        id="resdesc-api-key",
    ),
    pytest.param(
        Reply(json={"resCode": "100", "resDesc": "Invalid API secret"}),
        ZortAuthenticationError,
        id="resdesc-api-secret",
    ),
    pytest.param(
        Reply(json={"resCode": "100", "resDesc": "apisecret is required"}),
        ZortAuthenticationError,
        id="resdesc-apisecret",
    ),
    pytest.param(
        Reply(json={"resCode": "100", "resDesc": "storename not found"}),
        ZortAuthenticationError,
        id="resdesc-storename",
    ),
    pytest.param(
        Reply(json={"resCode": 100, "resDesc": "Unknown store name"}),
        ZortAuthenticationError,
        id="resdesc-store-name",
    ),
    pytest.param(
        Reply(json={"resCode": "100", "resDesc": "Unauthorized request"}),
        ZortAuthenticationError,
        id="resdesc-unauthorized",
    ),
    pytest.param(
        Reply(status=429, text="Too Many Requests"),
        ZortQuotaExceededError,
        id="http-429",
    ),
    pytest.param(
        Reply(json={"resCode": "100", "resDesc": QUOTA_TEXT}),
        ZortQuotaExceededError,
        id="quota-text-no-data",
    ),
    pytest.param(
        Reply(json={"resCode": "100", "resDesc": "Over 50000 requests/day"}),
        ZortQuotaExceededError,
        id="requests-per-day-text",
    ),
    pytest.param(
        Reply(json={"res": {"resCode": "100", "resDesc": "Daily quota exceeded"}}),
        ZortQuotaExceededError,
        id="quota-word-nested",
    ),
    pytest.param(
        Reply(json={"resCode": "100", "resDesc": "Too many requests"}),
        ZortQuotaExceededError,
        id="too-many-requests-text",
    ),
    pytest.param(Reply(status=500, text="boom"), ZortConnectionError, id="http-500"),
    pytest.param(
        Reply(status=502, text="<html>Bad Gateway</html>", content_type="text/html"),
        ZortConnectionError,
        id="http-502-html",
    ),
    pytest.param(Reply(status=503), ZortConnectionError, id="http-503-empty"),
    pytest.param(
        Reply(status=504, json={"resCode": "200"}),
        ZortConnectionError,
        id="http-504-json",
    ),
    pytest.param(
        Reply(status=400, json={"resCode": "200"}), ZortApiError, id="http-400-json"
    ),
    pytest.param(Reply(status=404, text="Not Found"), ZortApiError, id="http-404"),
    pytest.param(
        Reply(status=405, json={"resCode": "200"}), ZortApiError, id="http-405-json"
    ),
    pytest.param(
        Reply(text="<html>maintenance</html>", content_type="text/html"),
        ZortApiError,
        id="http-200-html",
    ),
    pytest.param(Reply(text="{not json"), ZortApiError, id="http-200-broken-json"),
    pytest.param(Reply(), ZortApiError, id="http-200-empty"),
    pytest.param(Reply(text="  \n"), ZortApiError, id="http-200-blank"),
    pytest.param(Reply(json=[{"resCode": "200"}]), ZortApiError, id="json-list"),
    pytest.param(Reply(text="null"), ZortApiError, id="json-null"),
    pytest.param(Reply(json="Success"), ZortApiError, id="json-string"),
    pytest.param(Reply(json=200), ZortApiError, id="json-number"),
    pytest.param(
        Reply(json={"resCode": "100", "resDesc": "General error"}),
        ZortApiError,
        id="business-error",
    ),
    pytest.param(Reply(drop=True), ZortConnectionError, id="connection-dropped"),
]


@pytest.mark.parametrize(("reply", "expected"), ERROR_MATRIX)
async def test_error_matrix(
    client: ZortClient,
    zort_server: FakeZortServer,
    reply: Reply,
    expected: type[ZortError],
) -> None:
    """Raise exactly the documented exception for each failure of a request."""
    zort_server.on("Product/GetProducts", reply)

    with pytest.raises(ZortError) as caught:
        await client.async_get_products()

    assert type(caught.value) is expected
    # The client never retries; aiohttp itself retries a dropped idempotent GET once.
    assert len(zort_server.received("Product/GetProducts")) == 1 or reply.drop


@pytest.mark.parametrize(
    ("reply", "code"),
    [
        pytest.param(Reply(status=404, text="Not Found"), "404", id="http-404"),
        pytest.param(Reply(status=422, json={}), "422", id="http-422"),
        pytest.param(Reply(text="<html/>"), None, id="not-json"),
        pytest.param(Reply(json=[]), None, id="json-list"),
    ],
)
async def test_api_error_code_for_http_failures(
    client: ZortClient, zort_server: FakeZortServer, reply: Reply, code: str | None
) -> None:
    """Carry the HTTP status as the code of a 4xx, and no code for a non-JSON body."""
    zort_server.on("Webhook/GetWebhook", reply)

    with pytest.raises(ZortApiError) as caught:
        await client.async_get_webhook()

    assert caught.value.code == code
    assert "Webhook/GetWebhook" in (caught.value.description or "")


async def test_quota_notice_with_data_is_success(
    client: ZortClient,
    zort_server: FakeZortServer,
    load_json: Callable[[str], Any],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Return the data of a resCode 100 quota notice and remember the notice."""
    zort_server.on_json("Order/GetOrders", load_json("quota_notice_with_data.json"))
    notice_before = client.quota_notice

    with caplog.at_level(logging.INFO, logger="custom_components.zort.api.client"):
        first = await client.async_get_orders()
        second = await client.async_get_orders()

    assert [order.number for order in first] == ["SO-0003"]
    assert first == second
    assert notice_before is None
    assert client.quota_notice == QUOTA_TEXT
    notices = [record for record in caplog.records if QUOTA_TEXT in record.getMessage()]
    assert len(notices) == 1


async def test_quota_notice_with_empty_list_is_success(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Treat a quota notice beside an empty list as data, not as exhaustion."""
    zort_server.on_json(
        "Order/GetOrders", {"resCode": "100", "resDesc": QUOTA_TEXT, "list": []}
    )

    assert await client.async_get_orders() == []
    assert client.quota_notice == QUOTA_TEXT


async def test_quota_exceeded_without_data(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Raise ZortQuotaExceededError with ZORT's text when no data came along."""
    zort_server.on_json("Order/GetOrders", load_json("quota_exceeded.json"))

    with pytest.raises(ZortQuotaExceededError, match=r"50000 requests/day"):
        await client.async_get_orders()

    assert client.quota_notice is None


async def test_timeout_raises_connection_error(
    make_client: Callable[..., ZortClient], zort_server: FakeZortServer
) -> None:
    """Give up after the client's timeout and raise ZortConnectionError."""
    client = make_client(timeout=0.2)
    zort_server.on("Webhook/GetWebhook", Reply(json={"resCode": "200"}, delay=30))
    loop = asyncio.get_running_loop()
    started = loop.time()

    with pytest.raises(ZortConnectionError) as caught:
        await client.async_get_webhook()

    assert loop.time() - started < 5
    assert isinstance(caught.value.__cause__, TimeoutError)
    assert len(zort_server.received("Webhook/GetWebhook")) == 1


async def test_slow_answer_within_timeout_succeeds(
    make_client: Callable[..., ZortClient], zort_server: FakeZortServer
) -> None:
    """Wait for an answer that comes before the timeout."""
    client = make_client(timeout=5)
    zort_server.on(
        "Webhook/GetWebhook",
        Reply(json={"resCode": "200", "addorderurl": "https://x"}, delay=0.1),
    )

    config = await client.async_get_webhook()

    assert config.urls == {"addorderurl": "https://x"}


async def test_connection_refused_raises_connection_error(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Raise ZortConnectionError when nothing listens at the base URL."""
    await zort_server.close()

    with pytest.raises(ZortConnectionError) as caught:
        await client.async_get_orders()

    assert isinstance(caught.value.__cause__, aiohttp.ClientError)


async def test_undecodable_error_page_raises_connection_error(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Raise ZortConnectionError for a 502 page in Thai cp874 with no charset."""
    page = "<html>ระบบขัดข้อง กรุณาลองใหม่</html>".encode("cp874")
    zort_server.on(
        "Order/GetOrders", Reply(status=502, body=page, content_type="text/html")
    )

    with pytest.raises(ZortConnectionError):
        await client.async_get_orders()


async def test_undecodable_body_with_http_200_raises_api_error(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Raise ZortApiError for an HTTP 200 body that is not UTF-8 text."""
    zort_server.on(
        "Webhook/GetWebhook",
        Reply(body=b"\xff\xfe\x00garbage", content_type="application/octet-stream"),
    )

    with pytest.raises(ZortApiError):
        await client.async_get_webhook()
