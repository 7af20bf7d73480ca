"""Test reading, merging and clearing the store's webhook configuration."""

from __future__ import annotations

from collections.abc import Callable, Iterator
import re
from typing import Any

import pytest

from custom_components.zort.api import (
    WebhookConfig,
    ZortApiError,
    ZortAuthenticationError,
    ZortClient,
    ZortConnectionError,
    ZortError,
    generate_key,
)

from .fake_zort import FakeZortServer, Reply

HA_PREFIX = "https://ha.example/api/webhook/zort-123"
URL_SAFE = re.compile(r"^[A-Za-z0-9_-]+$")

EXISTING_KEYS = {
    "key1": "existing-key-1",
    "key2": "existing-key-2",
    "key3": "existing-key-3",
}
# The URL fields of get_webhook.json as UpdateWebhook takes them back.
EXISTING_URLS = {
    "addproducturl": "",
    "updateproducturl": "https://erp.example.com/zort/product",
    "deleteproducturl": "",
    "updatepriceurl": "https://erp.example.com/zort/price",
    "updatequantityurl": f"{HA_PREFIX}?evt=UPDATEPRODUCTQUANTITY",
    "addorderurl": f"{HA_PREFIX}?evt=ADDORDER",
    "updateorderurl": "https://erp.example.com/zort/order",
    "updateordertrackingurl": "",
    "updateorderpaymenturl": "",
    "addwarehouseurl": "https://erp.example.com/zort/warehouse",
}


def _no_keys() -> str:
    """Fail the test: no key should be generated."""
    pytest.fail("a key was generated although the store has all three")


def _counting_keys() -> Callable[[], str]:
    """Return a key factory that makes gen-1, gen-2, … in turn."""
    numbers: Iterator[int] = iter(range(1, 100))
    return lambda: f"gen-{next(numbers)}"


@pytest.fixture
def webhook_body(load_json: Callable[[str], Any]) -> dict[str, Any]:
    """Return the GetWebhook answer of a store that other systems also use."""
    body: dict[str, Any] = load_json("get_webhook.json")
    return body


@pytest.fixture
def store(
    zort_server: FakeZortServer,
    webhook_body: dict[str, Any],
    load_json: Callable[[str], Any],
) -> FakeZortServer:
    """Serve GetWebhook from get_webhook.json and accept UpdateWebhook."""
    zort_server.on_json("Webhook/GetWebhook", webhook_body)
    zort_server.on_json("Webhook/UpdateWebhook", load_json("update_webhook_ok.json"))
    return zort_server


def _posted(server: FakeZortServer) -> list[Any]:
    """Return the JSON bodies POSTed to UpdateWebhook."""
    return [request.json for request in server.received("Webhook/UpdateWebhook")]


async def test_get_webhook_flat_object(
    client: ZortClient, store: FakeZortServer
) -> None:
    """Read keys and every *url field, foreign ones included, from a flat answer."""
    config = await client.async_get_webhook()

    assert config.keys == EXISTING_KEYS
    assert config.urls == EXISTING_URLS
    (request,) = store.received()
    assert (request.method, request.path) == ("GET", "/v4/Webhook/GetWebhook")


async def test_get_webhook_wrapped_in_data(
    client: ZortClient, zort_server: FakeZortServer, webhook_body: dict[str, Any]
) -> None:
    """Read the configuration when ZORT wraps it in `data`."""
    record = {k: v for k, v in webhook_body.items() if not k.startswith("res")}
    zort_server.on_json(
        "Webhook/GetWebhook",
        {"res": {"resCode": "200", "resDesc": "Success"}, "data": record},
    )

    config = await client.async_get_webhook()

    assert config == WebhookConfig(keys=EXISTING_KEYS, urls=EXISTING_URLS)


async def test_get_webhook_all_blank(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Read blank keys as missing and blank or null URLs as ''."""
    zort_server.on_json("Webhook/GetWebhook", load_json("get_webhook_empty.json"))

    config = await client.async_get_webhook()

    assert config.keys == {}
    assert config.urls == {
        "addproducturl": "",
        "updateproducturl": "",
        "addorderurl": "",
        "updateorderurl": "",
    }


@pytest.mark.parametrize(
    "body",
    [
        pytest.param(
            {"resCode": "100", "resDesc": "Webhook not found"}, id="not-found"
        ),
        pytest.param(
            {"res": {"resCode": "100", "resDesc": "Invalid webhook"}},
            id="invalid-nested",
        ),
        pytest.param(
            {"resCode": 100, "resDesc": "WEBHOOK NOT FOUND."}, id="upper-case"
        ),
    ],
)
async def test_get_webhook_not_configured_is_empty(
    client: ZortClient, zort_server: FakeZortServer, body: dict[str, Any]
) -> None:
    """Return an empty WebhookConfig for a store that never set a webhook."""
    zort_server.on_json("Webhook/GetWebhook", body)

    assert await client.async_get_webhook() == WebhookConfig()


@pytest.mark.parametrize(
    ("reply", "expected"),
    [
        pytest.param(
            Reply(json={"resCode": "100", "resDesc": "General error"}),
            ZortApiError,
            id="business-error",
        ),
        pytest.param(
            Reply(json={"resCode": "100"}), ZortApiError, id="error-without-text"
        ),
        pytest.param(
            Reply(json={"resCode": "100", "resDesc": "Invalid apikey"}),
            ZortAuthenticationError,
            id="bad-key",
        ),
        pytest.param(Reply(status=401), ZortAuthenticationError, id="http-401"),
        pytest.param(
            Reply(status=404, text="Webhook not found"), ZortApiError, id="http-404"
        ),
        pytest.param(Reply(status=500), ZortConnectionError, id="http-500"),
    ],
)
async def test_get_webhook_other_errors_propagate(
    client: ZortClient,
    zort_server: FakeZortServer,
    reply: Reply,
    expected: type[ZortError],
) -> None:
    """Raise every other GetWebhook failure instead of reporting no webhook."""
    zort_server.on("Webhook/GetWebhook", reply)

    with pytest.raises(ZortError) as caught:
        await client.async_get_webhook()

    assert type(caught.value) is expected


async def test_update_reads_then_merges(
    client: ZortClient, store: FakeZortServer
) -> None:
    """Read first, change only the requested fields and keep all the others."""
    urls = {
        "addorderurl": f"{HA_PREFIX}?evt=ADDORDER&v=2",
        "updateordertrackingurl": f"{HA_PREFIX}?evt=UPDATEORDERTRACKING",
    }

    result = await client.async_update_webhook(urls, key_factory=_no_keys)

    assert [(r.method, r.path) for r in store.received()] == [
        ("GET", "/v4/Webhook/GetWebhook"),
        ("POST", "/v4/Webhook/UpdateWebhook"),
    ]
    expected = {
        "key1": "existing-key-1",
        "key2": "existing-key-2",
        "key3": "existing-key-3",
        "addproducturl": "",
        "updateproducturl": "https://erp.example.com/zort/product",
        "deleteproducturl": "",
        "updatepriceurl": "https://erp.example.com/zort/price",
        "updatequantityurl": f"{HA_PREFIX}?evt=UPDATEPRODUCTQUANTITY",
        "addorderurl": f"{HA_PREFIX}?evt=ADDORDER&v=2",
        "updateorderurl": "https://erp.example.com/zort/order",
        "updateordertrackingurl": f"{HA_PREFIX}?evt=UPDATEORDERTRACKING",
        "updateorderpaymenturl": "",
        "addwarehouseurl": "https://erp.example.com/zort/warehouse",
    }
    assert _posted(store) == [expected]
    assert result == WebhookConfig.from_dict(expected)


async def test_update_adds_a_field_the_store_lacks(
    client: ZortClient, store: FakeZortServer
) -> None:
    """Add a URL field that GetWebhook did not list, keeping the rest."""
    await client.async_update_webhook(
        {"addtransferurl": f"{HA_PREFIX}?evt=ADDTRANSFER"}, key_factory=_no_keys
    )

    (body,) = _posted(store)
    assert body["addtransferurl"] == f"{HA_PREFIX}?evt=ADDTRANSFER"
    assert {k: v for k, v in body.items() if k != "addtransferurl"} == {
        **EXISTING_KEYS,
        **EXISTING_URLS,
    }


async def test_update_generates_only_missing_keys(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Keep the keys the store has and make up only the blank or absent ones."""
    zort_server.on_json(
        "Webhook/GetWebhook",
        {
            "resCode": "200",
            "key1": "kept-1",
            "key2": "",
            "addorderurl": "https://erp.example.com/o",
        },
    )
    zort_server.on_json("Webhook/UpdateWebhook", load_json("update_webhook_ok.json"))

    result = await client.async_update_webhook(
        {"updateorderurl": f"{HA_PREFIX}?evt=UPDATEORDER"},
        key_factory=_counting_keys(),
    )

    assert _posted(zort_server) == [
        {
            "key1": "kept-1",
            "key2": "gen-1",
            "key3": "gen-2",
            "addorderurl": "https://erp.example.com/o",
            "updateorderurl": f"{HA_PREFIX}?evt=UPDATEORDER",
        }
    ]
    assert result.keys == {"key1": "kept-1", "key2": "gen-1", "key3": "gen-2"}


async def test_update_on_a_store_without_webhook(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Register keys and the requested URLs on a store whose webhook is not found."""
    zort_server.on_json("Webhook/GetWebhook", load_json("get_webhook_not_found.json"))
    zort_server.on_json("Webhook/UpdateWebhook", load_json("update_webhook_ok.json"))

    await client.async_update_webhook(
        {"addorderurl": f"{HA_PREFIX}?evt=ADDORDER"}, key_factory=_counting_keys()
    )

    assert _posted(zort_server) == [
        {
            "key1": "gen-1",
            "key2": "gen-2",
            "key3": "gen-3",
            "addorderurl": f"{HA_PREFIX}?evt=ADDORDER",
        }
    ]


async def test_update_default_keys_are_distinct_and_url_safe(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Generate three different URL-safe keys when no key_factory is given."""
    zort_server.on_json("Webhook/GetWebhook", load_json("get_webhook_not_found.json"))
    zort_server.on_json("Webhook/UpdateWebhook", load_json("update_webhook_ok.json"))

    await client.async_update_webhook({"addorderurl": f"{HA_PREFIX}?evt=ADDORDER"})

    (body,) = _posted(zort_server)
    keys = [body["key1"], body["key2"], body["key3"]]
    assert len(set(keys)) == 3
    for key in keys:
        assert URL_SAFE.match(key), key
        assert len(key) >= 32


def test_generate_key_is_random_and_url_safe() -> None:
    """Make a new 24-byte URL-safe key on every call."""
    keys = {generate_key() for _ in range(50)}

    assert len(keys) == 50
    for key in keys:
        assert URL_SAFE.match(key), key
        assert len(key) == 32


async def test_update_sends_nothing_when_nothing_changes(
    client: ZortClient, store: FakeZortServer
) -> None:
    """Skip UpdateWebhook when the store already has the requested URLs and keys."""
    result = await client.async_update_webhook(
        {"addorderurl": f"{HA_PREFIX}?evt=ADDORDER", "addproducturl": ""},
        key_factory=_no_keys,
    )

    assert _posted(store) == []
    assert len(store.received("Webhook/GetWebhook")) == 1
    assert result == WebhookConfig(keys=EXISTING_KEYS, urls=EXISTING_URLS)


async def test_update_with_current_skips_the_read(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Use the configuration passed as `current` instead of calling GetWebhook."""
    zort_server.on_json("Webhook/UpdateWebhook", load_json("update_webhook_ok.json"))
    current = WebhookConfig(
        keys=EXISTING_KEYS,
        urls={"updatepriceurl": "https://erp.example.com/zort/price"},
    )

    await client.async_update_webhook(
        {"addorderurl": f"{HA_PREFIX}?evt=ADDORDER"},
        current=current,
        key_factory=_no_keys,
    )

    assert zort_server.received("Webhook/GetWebhook") == []
    assert _posted(zort_server) == [
        {
            **EXISTING_KEYS,
            "updatepriceurl": "https://erp.example.com/zort/price",
            "addorderurl": f"{HA_PREFIX}?evt=ADDORDER",
        }
    ]


async def test_update_with_current_and_no_change_sends_nothing(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Make no request at all when `current` already matches."""
    current = WebhookConfig(keys=EXISTING_KEYS, urls={"addorderurl": "https://a"})

    result = await client.async_update_webhook(
        {"addorderurl": "https://a"}, current=current, key_factory=_no_keys
    )

    assert result is current
    assert zort_server.received() == []


async def test_update_raises_when_zort_rejects_it(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Raise ZortApiError when UpdateWebhook answers with a business error."""
    zort_server.on_json(
        "Webhook/UpdateWebhook", {"resCode": "100", "resDesc": "Invalid url"}
    )

    with pytest.raises(ZortApiError) as caught:
        await client.async_update_webhook(
            {"addorderurl": "notaurl"}, current=WebhookConfig(keys=EXISTING_KEYS)
        )

    assert (caught.value.code, caught.value.description) == ("100", "Invalid url")


async def test_clear_blanks_only_claimed_urls(
    client: ZortClient, store: FakeZortServer
) -> None:
    """Blank the URLs the predicate claims and keep keys and foreign URLs."""
    asked: list[str] = []

    def owns(url: str) -> bool:
        asked.append(url)
        return url.startswith(HA_PREFIX)

    result = await client.async_clear_webhook_urls(owns)

    assert "" not in asked
    assert sorted(asked) == sorted(url for url in EXISTING_URLS.values() if url)
    expected = {
        **EXISTING_KEYS,
        **EXISTING_URLS,
        "updatequantityurl": "",
        "addorderurl": "",
    }
    assert _posted(store) == [expected]
    assert len(store.received("Webhook/GetWebhook")) == 1
    assert result == WebhookConfig.from_dict(expected)


async def test_clear_sends_nothing_when_nothing_is_claimed(
    client: ZortClient, store: FakeZortServer
) -> None:
    """Skip UpdateWebhook when the predicate claims no URL."""
    result = await client.async_clear_webhook_urls(lambda url: "nowhere" in url)

    assert _posted(store) == []
    assert result == WebhookConfig(keys=EXISTING_KEYS, urls=EXISTING_URLS)


async def test_clear_on_a_store_without_webhook(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Do nothing on a store whose webhook is not found."""
    zort_server.on_json("Webhook/GetWebhook", load_json("get_webhook_not_found.json"))

    result = await client.async_clear_webhook_urls(lambda url: True)

    assert result == WebhookConfig()
    assert zort_server.received("Webhook/UpdateWebhook") == []
