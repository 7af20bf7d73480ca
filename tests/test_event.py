"""Tests for the ZORT event entities."""

from __future__ import annotations

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from custom_components.zort.const import DOMAIN
from homeassistant.core import HomeAssistant
from homeassistant.helpers import device_registry as dr, entity_registry as er

from . import STORE, needs_snapshot_version, post_push, snapshot_entities


@needs_snapshot_version
async def test_entities(
    hass: HomeAssistant,
    entity_registry: er.EntityRegistry,
    init_integration: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Create one event entity per category with translated event types."""
    await snapshot_entities(
        hass, entity_registry, snapshot, init_integration.entry_id, "event"
    )


async def test_device(
    hass: HomeAssistant,
    device_registry: dr.DeviceRegistry,
    init_integration: MockConfigEntry,
) -> None:
    """Put the entities on a service device named after the store."""
    devices = dr.async_entries_for_config_entry(
        device_registry, init_integration.entry_id
    )
    assert len(devices) == 1
    device = devices[0]
    assert device.identifiers == {(DOMAIN, STORE)}
    assert device.name == STORE
    assert device.manufacturer == "ZORT"
    assert device.entry_type is dr.DeviceEntryType.SERVICE
    assert device.configuration_url == "https://secure.zortout.com"


@pytest.mark.freeze_time("2026-12-01 08:30:00+00:00")
async def test_event_after_push(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    init_integration: MockConfigEntry,
) -> None:
    """Record the time, type and small fields of the latest order push."""
    await post_push(
        hass_client_no_auth,
        "UPDATEORDERPAYMENT",
        {"id": 52001, "number": 42, "paymentstatus": "Paid", "amount": 1250},
    )
    await hass.async_block_till_done()

    state = hass.states.get("event.shop_example_com_order")
    assert state is not None
    assert state.state == "2026-12-01T08:30:00.000+00:00"
    assert state.attributes["event_type"] == "update_payment"
    assert state.attributes["number"] == "42"
    assert state.attributes["payment_status"] == "Paid"
    assert state.attributes["amount"] == 1250
