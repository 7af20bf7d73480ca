"""Tests for the ZORT integration."""

from __future__ import annotations

from datetime import date, timedelta
import json
from typing import Any

from aiohttp import ClientResponse
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    load_fixture,
    load_json_object_fixture,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.zort.api import API_BASE_URL
from custom_components.zort.api.models import ZORT_TIMEZONE
from homeassistant.components.webhook import async_generate_path
from homeassistant.const import __version__ as ha_version
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er
from homeassistant.util import dt as dt_util

# Registry snapshots carry fields that change between Home Assistant releases.
SNAPSHOT_HA_VERSION = "2026.10.4"
needs_snapshot_version = pytest.mark.skipif(
    ha_version != SNAPSHOT_HA_VERSION,
    reason=f"entity snapshots are recorded on Home Assistant {SNAPSHOT_HA_VERSION}",
)

STORE = "shop@example.com"
API_KEY = "api-key-1234"
API_SECRET = "api-secret-5678"
WEBHOOK_ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
EXTERNAL_URL = "https://home.example.com"
OUR_URL = f"{EXTERNAL_URL}/api/webhook/{WEBHOOK_ID}"
KEY1 = "existing-key-one"
KEY2 = "existing-key-two"
KEY3 = "existing-key-three"

PRODUCTS_URL = f"{API_BASE_URL}/Product/GetProducts"
ORDERS_URL = f"{API_BASE_URL}/Order/GetOrders"
GET_WEBHOOK_URL = f"{API_BASE_URL}/Webhook/GetWebhook"
UPDATE_WEBHOOK_URL = f"{API_BASE_URL}/Webhook/UpdateWebhook"
SUCCESS = {"res": {"resCode": "200", "resDesc": "Success"}}


def mock_zort_api(
    aioclient_mock: AiohttpClientMocker,
    *,
    webhook_fixture: str = "get_webhook.json",
) -> None:
    """Answer ZORT's API like a healthy store."""
    aioclient_mock.get(PRODUCTS_URL, json=load_json_object_fixture("get_products.json"))
    mock_orders(aioclient_mock)
    aioclient_mock.get(GET_WEBHOOK_URL, json=load_json_object_fixture(webhook_fixture))
    aioclient_mock.post(UPDATE_WEBHOOK_URL, json=SUCCESS)


def recent_orders(today: date | None = None) -> dict[str, Any]:
    """Return GetOrders' answer for yesterday and today, dated from `today`."""
    today = today or dt_util.now(ZORT_TIMEZONE).date()
    text = load_fixture("get_orders_recent.json")
    text = text.replace("TODAY", today.isoformat())
    text = text.replace("YESTERDAY", (today - timedelta(days=1)).isoformat())
    result: dict[str, Any] = json.loads(text)
    return result


def mock_orders(aioclient_mock: AiohttpClientMocker) -> None:
    """Answer GetOrders: the pending orders, else the orders of the last two days."""
    aioclient_mock.get(
        ORDERS_URL,
        params={"status": "0,3"},
        json=load_json_object_fixture("get_orders_pending.json"),
    )
    aioclient_mock.get(ORDERS_URL, json=recent_orders())


def update_webhook_bodies(aioclient_mock: AiohttpClientMocker) -> list[dict[str, Any]]:
    """Return the bodies sent to UpdateWebhook, oldest first."""
    return [
        data
        for method, url, data, _headers in aioclient_mock.mock_calls
        if method.lower() == "post" and str(url) == UPDATE_WEBHOOK_URL
    ]


async def snapshot_entities(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    snapshot: SnapshotAssertion,
    entry_id: str,
    domain: str,
) -> None:
    """Compare the registry entry and state of an entry's entities of a domain."""
    entries = sorted(
        (
            entity
            for entity in er.async_entries_for_config_entry(entity_registry, entry_id)
            if entity.domain == domain
        ),
        key=lambda entity: entity.entity_id,
    )
    assert entries
    for entity in entries:
        assert entity == snapshot(name=f"{entity.entity_id}-entry")
        assert hass.states.get(entity.entity_id) == snapshot(
            name=f"{entity.entity_id}-state"
        )


async def setup_integration(hass: HomeAssistant, entry: MockConfigEntry) -> None:
    """Add the entry to Home Assistant and set it up."""
    entry.add_to_hass(hass)
    await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()


async def post_push(
    hass_client_no_auth: ClientSessionGenerator,
    trigger: str | None,
    payload: dict[str, Any] | None,
    *,
    encoding: str = "form",
    key: str | None = KEY1,
    query: dict[str, str] | None = None,
) -> ClientResponse:
    """Post a push to the store's webhook the way ZORT does."""
    client = await hass_client_no_auth()
    headers: dict[str, str] = {}
    if key is not None:
        headers = {"Authorization": f"Basic {key}", "key1": key}
    params = dict(query or {})
    if trigger is not None:
        params.setdefault("method", trigger)
    path = async_generate_path(WEBHOOK_ID)
    if payload is None:
        return await client.post(path, params=params, headers=headers)
    if encoding == "form":
        return await client.post(
            path, params=params, headers=headers, data={"payload": json.dumps(payload)}
        )
    return await client.post(path, params=params, headers=headers, json=payload)
