"""Tests for the ZORT diagnostics."""

from __future__ import annotations

import json

from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.components.diagnostics import (
    get_diagnostics_for_config_entry,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator
from syrupy.assertion import SnapshotAssertion

from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component

from . import API_KEY, API_SECRET, KEY1, KEY2, KEY3, STORE, WEBHOOK_ID, post_push


async def test_diagnostics(
    hass: HomeAssistant,
    hass_client: ClientSessionGenerator,
    hass_client_no_auth: ClientSessionGenerator,
    init_integration: MockConfigEntry,
    snapshot: SnapshotAssertion,
) -> None:
    """Report the registration and the pushes without secrets or customer data."""
    assert await async_setup_component(hass, "diagnostics", {})
    await post_push(
        hass_client_no_auth,
        "ADDORDER",
        {"id": 7, "number": "SO-7", "customername": "Somchai Jaidee"},
    )
    await post_push(hass_client_no_auth, "ADDORDER", {"id": 8}, key="wrong")
    await post_push(hass_client_no_auth, "ADDORDER", None)
    await hass.async_block_till_done()

    diagnostics = await get_diagnostics_for_config_entry(
        hass, hass_client, init_integration
    )

    # The two timestamps are real clock readings; the rest is stable.
    assert diagnostics["receiver"].pop("last_push_at") is not None
    assert diagnostics["registration"].pop("last_success_at") is not None
    assert diagnostics == snapshot
    text = json.dumps(diagnostics)
    for secret in (API_KEY, API_SECRET, KEY1, KEY2, KEY3, WEBHOOK_ID, STORE, "Somchai"):
        assert secret not in text
    assert diagnostics["receiver"]["accepted"] == 1
    assert diagnostics["receiver"]["unauthorized"] == 1
    assert diagnostics["receiver"]["verifications"] == 1
    assert diagnostics["registration"]["triggers"]["ADDORDER"] == "home_assistant"
    assert diagnostics["registration"]["triggers"]["DELETEPURCHASEORDER"] == (
        "unsupported"
    )
