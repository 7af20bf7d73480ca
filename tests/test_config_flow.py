"""Tests for the ZORT config flow."""

from __future__ import annotations

from typing import Any

from aiohttp import ClientError
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
)

from custom_components.zort.const import (
    CONF_APIKEY,
    CONF_APISECRET,
    CONF_STORENAME,
    DOMAIN,
)
from homeassistant.config_entries import SOURCE_USER, ConfigEntryState
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType

from . import API_KEY, API_SECRET, PRODUCTS_URL, STORE, mock_zort_api

pytestmark = pytest.mark.usefixtures("external_url")

USER_INPUT = {
    CONF_STORENAME: STORE,
    CONF_APIKEY: API_KEY,
    CONF_APISECRET: API_SECRET,
}

ERROR_CASES = [
    pytest.param({"status": 401}, "invalid_auth", id="http-401"),
    pytest.param({"status": 403}, "invalid_auth", id="http-403"),
    pytest.param(
        {"json": {"res": {"resCode": "100", "resDesc": "Invalid apikey or apisecret"}}},
        "invalid_auth",
        id="refused-in-envelope",
    ),
    pytest.param({"exc": ClientError()}, "cannot_connect", id="network-error"),
    pytest.param({"exc": TimeoutError()}, "cannot_connect", id="timeout"),
    pytest.param({"status": 502}, "cannot_connect", id="http-502"),
    pytest.param(
        {"json": {"resCode": "500", "resDesc": "Server error"}},
        "cannot_connect",
        id="business-error",
    ),
    pytest.param({"exc": ValueError("boom")}, "unknown", id="unexpected"),
]


def _answer_products(
    aioclient_mock: AiohttpClientMocker, answer: dict[str, Any]
) -> None:
    """Make GetProducts give one particular answer."""
    aioclient_mock.clear_requests()
    aioclient_mock.get(PRODUCTS_URL, **answer)


async def test_user_flow_creates_entry(
    hass: HomeAssistant, zort_api: AiohttpClientMocker
) -> None:
    """Create the entry straight from the user step when ZORT accepts."""
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    assert result["errors"] == {}

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {
            CONF_STORENAME: "  Shop@Example.com ",
            CONF_APIKEY: f" {API_KEY} ",
            CONF_APISECRET: API_SECRET,
        },
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Shop@Example.com"
    entry = result["result"]
    assert entry.unique_id == "shop@example.com"
    assert entry.data[CONF_STORENAME] == "Shop@Example.com"
    assert entry.data[CONF_APIKEY] == API_KEY
    assert entry.data[CONF_APISECRET] == API_SECRET
    assert len(entry.data[CONF_WEBHOOK_ID]) == 64
    assert entry.state is ConfigEntryState.LOADED

    check = zort_api.mock_calls[0]
    assert str(check[1]).startswith(PRODUCTS_URL)
    assert check[3]["storename"] == "Shop@Example.com"
    assert check[3]["apikey"] == API_KEY
    assert check[3]["apisecret"] == API_SECRET


@pytest.mark.parametrize(("answer", "error"), ERROR_CASES)
async def test_user_flow_errors_then_recovers(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    answer: dict[str, Any],
    error: str,
) -> None:
    """Show the error, keep the input, and create the entry once ZORT accepts."""
    _answer_products(aioclient_mock, answer)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], USER_INPUT
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}
    assert hass.config_entries.async_entries(DOMAIN) == []

    aioclient_mock.clear_requests()
    mock_zort_api(aioclient_mock)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], USER_INPUT
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["result"].state is ConfigEntryState.LOADED


async def test_same_store_twice(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    zort_api: AiohttpClientMocker,
) -> None:
    """Abort when the store is already set up, whatever its spelling."""
    mock_config_entry.add_to_hass(hass)
    result = await hass.config_entries.flow.async_init(
        DOMAIN, context={"source": SOURCE_USER}
    )

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {**USER_INPUT, CONF_STORENAME: " SHOP@example.COM"}
    )

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"
    assert zort_api.call_count == 0


async def test_reauth_flow(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    zort_api: AiohttpClientMocker,
) -> None:
    """Store new credentials of the same store and reload it."""
    mock_config_entry.add_to_hass(hass)
    result = await mock_config_entry.start_reauth_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reauth_confirm"
    assert result["description_placeholders"]["store"] == STORE

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_APIKEY: "new-key", CONF_APISECRET: "new-secret"}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert mock_config_entry.data[CONF_APIKEY] == "new-key"
    assert mock_config_entry.data[CONF_APISECRET] == "new-secret"
    assert mock_config_entry.data[CONF_STORENAME] == STORE
    assert mock_config_entry.state is ConfigEntryState.LOADED


@pytest.mark.parametrize(("answer", "error"), ERROR_CASES)
async def test_reauth_flow_errors_then_recovers(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
    answer: dict[str, Any],
    error: str,
) -> None:
    """Keep the old credentials while ZORT refuses the new ones."""
    mock_config_entry.add_to_hass(hass)
    _answer_products(aioclient_mock, answer)
    result = await mock_config_entry.start_reauth_flow(hass)

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_APIKEY: "new-key", CONF_APISECRET: "new-secret"}
    )

    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}
    assert mock_config_entry.data[CONF_APIKEY] == API_KEY

    aioclient_mock.clear_requests()
    mock_zort_api(aioclient_mock)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_APIKEY: "new-key", CONF_APISECRET: "new-secret"}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reauth_successful"
    assert mock_config_entry.data[CONF_APIKEY] == "new-key"


async def test_reconfigure_flow(
    hass: HomeAssistant,
    mock_config_entry: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    """Change the key and secret of a store, checking them first."""
    mock_config_entry.add_to_hass(hass)
    _answer_products(aioclient_mock, {"status": 401})
    result = await mock_config_entry.start_reconfigure_flow(hass)
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "reconfigure"

    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_APIKEY: "other-key", CONF_APISECRET: "other-secret"}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "invalid_auth"}

    aioclient_mock.clear_requests()
    mock_zort_api(aioclient_mock)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_APIKEY: "other-key", CONF_APISECRET: "other-secret"}
    )
    await hass.async_block_till_done()

    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    assert mock_config_entry.data[CONF_APIKEY] == "other-key"
    assert mock_config_entry.data[CONF_APISECRET] == "other-secret"
    assert mock_config_entry.unique_id == STORE
    assert mock_config_entry.state is ConfigEntryState.LOADED
