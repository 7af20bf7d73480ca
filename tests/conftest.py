"""Fixtures shared by every ZORT test."""

from __future__ import annotations

import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.syrupy import HomeAssistantSnapshotExtension
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
)
from syrupy.assertion import SnapshotAssertion

# Imported before the first `hass` fixture so that Home Assistant finds this
# repository's custom_components package rather than the test harness's own.
from custom_components.zort.const import (
    CONF_APIKEY,
    CONF_APISECRET,
    CONF_STORENAME,
    DOMAIN,
)
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant
from homeassistant.core_config import async_process_ha_core_config

from . import (
    API_KEY,
    API_SECRET,
    EXTERNAL_URL,
    STORE,
    WEBHOOK_ID,
    mock_zort_api,
    setup_integration,
)


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load integrations from custom_components."""


@pytest.fixture
def snapshot(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    """Return snapshots that understand Home Assistant's types."""
    return snapshot.use_extension(HomeAssistantSnapshotExtension)


@pytest.fixture
def mock_config_entry() -> MockConfigEntry:
    """Return the config entry of a configured store."""
    return MockConfigEntry(
        domain=DOMAIN,
        title=STORE,
        unique_id=STORE,
        data={
            CONF_STORENAME: STORE,
            CONF_APIKEY: API_KEY,
            CONF_APISECRET: API_SECRET,
            CONF_WEBHOOK_ID: WEBHOOK_ID,
        },
        entry_id="01JZORTENTRY0000000000000",
    )


@pytest.fixture
async def external_url(hass: HomeAssistant) -> str:
    """Give Home Assistant an external URL that ZORT can call."""
    await async_process_ha_core_config(hass, {"external_url": EXTERNAL_URL})
    return EXTERNAL_URL


@pytest.fixture
def zort_api(aioclient_mock: AiohttpClientMocker) -> AiohttpClientMocker:
    """Answer ZORT's API as a healthy store with a foreign webhook receiver."""
    mock_zort_api(aioclient_mock)
    return aioclient_mock


# Tests that move the clock must ask for `freezer` before `init_integration`, so
# that the timers set up during setup use the frozen clock too.
@pytest.fixture
async def init_integration(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    external_url: str,
    zort_api: AiohttpClientMocker,
) -> MockConfigEntry:
    """Set up a store whose webhook ZORT can reach."""
    await setup_integration(hass, mock_config_entry)
    return mock_config_entry
