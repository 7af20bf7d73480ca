"""Tests for the ZORT order sensors."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus

from aiohttp import ClientError
from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from homeassistant.const import STATE_UNAVAILABLE
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er

from . import (
    GET_WEBHOOK_URL,
    ORDERS_URL,
    mock_zort_api,
    needs_snapshot_version,
    post_push,
    snapshot_entities,
)

PENDING = "sensor.shop_example_com_pending_orders"
ORDERS_TODAY = "sensor.shop_example_com_orders_today"
SALES_TODAY = "sensor.shop_example_com_sales_today"


@needs_snapshot_version
@pytest.mark.freeze_time("2026-12-01 03:00:00+00:00")
async def test_entities(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    init_integration: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Create the order sensors with units, classes and today's figures."""
    await snapshot_entities(
        hass, entity_registry, snapshot, init_integration.entry_id, "sensor"
    )


@pytest.mark.usefixtures("init_integration")
async def test_figures(hass: HomeAssistant) -> None:
    """Count pending orders and today's orders, and add up today's sales."""
    assert hass.states.get(PENDING).state == "3"
    assert hass.states.get(ORDERS_TODAY).state == "4"
    sales = hass.states.get(SALES_TODAY)
    assert sales.state == "1665.00"
    assert sales.attributes["unit_of_measurement"] == "THB"
    assert sales.attributes["state_class"] == "total"
    assert sales.attributes["last_reset"].endswith("+07:00")


async def test_order_push_refreshes_in_background(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    init_integration: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    """Read the figures again after an order push, after answering it."""
    aioclient_mock.clear_requests()
    aioclient_mock.get(
        ORDERS_URL, params={"status": "0,3"}, json={"list": [{"id": 1}], "count": 1}
    )
    aioclient_mock.get(ORDERS_URL, json={"list": [], "count": 0})

    response = await post_push(hass_client_no_auth, "ADDPRODUCT", {"id": 1})
    await hass.async_block_till_done(wait_background_tasks=True)
    assert response.status == HTTPStatus.OK
    assert aioclient_mock.call_count == 0
    assert hass.states.get(PENDING).state == "3"

    response = await post_push(hass_client_no_auth, "ADDORDER", {"id": 2})
    assert response.status == HTTPStatus.OK
    await hass.async_block_till_done(wait_background_tasks=True)

    assert aioclient_mock.call_count == 2
    assert hass.states.get(PENDING).state == "1"
    assert hass.states.get(ORDERS_TODAY).state == "0"
    assert hass.states.get(SALES_TODAY).state == "0"


@pytest.mark.parametrize(
    "answer",
    [
        pytest.param({"exc": ClientError()}, id="down"),
        pytest.param({"status": 500}, id="http-500"),
        pytest.param({"json": {"resCode": "100", "resDesc": "Error"}}, id="error"),
    ],
)
async def test_unavailable_while_zort_fails(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
    caplog: pytest.LogCaptureFixture,
    answer: dict[str, object],
) -> None:
    """Mark the sensors unavailable while ZORT fails, and recover."""
    aioclient_mock.clear_requests()
    aioclient_mock.get(ORDERS_URL, **answer)
    aioclient_mock.get(GET_WEBHOOK_URL, **answer)

    freezer.tick(timedelta(minutes=10))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()

    assert hass.states.get(PENDING).state == STATE_UNAVAILABLE
    assert hass.states.get(SALES_TODAY).state == STATE_UNAVAILABLE
    assert "Could not read the orders from ZORT" in caplog.text

    aioclient_mock.clear_requests()
    mock_zort_api(aioclient_mock)
    freezer.tick(timedelta(minutes=10))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()

    assert hass.states.get(PENDING).state == "3"


async def test_refused_credentials_start_reauth(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    """Ask for new credentials when ZORT refuses them during an update."""
    aioclient_mock.clear_requests()
    aioclient_mock.get(ORDERS_URL, status=401)
    aioclient_mock.get(GET_WEBHOOK_URL, status=401)

    freezer.tick(timedelta(minutes=10))
    async_fire_time_changed(hass)
    await hass.async_block_till_done()

    flows = hass.config_entries.flow.async_progress_by_handler("zort")
    assert [flow["context"]["source"] for flow in flows] == ["reauth"]
