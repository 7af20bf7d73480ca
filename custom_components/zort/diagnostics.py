"""Diagnostics for the ZORT integration."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from homeassistant.components.diagnostics import async_redact_data
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.core import HomeAssistant

from .const import (
    CONF_APIKEY,
    CONF_APISECRET,
    CONF_STORENAME,
    CONF_WEBHOOK_KEYS,
    CONF_WEBHOOK_URL,
)
from .models import ZortConfigEntry

TO_REDACT = {
    CONF_APIKEY,
    CONF_APISECRET,
    CONF_STORENAME,
    CONF_WEBHOOK_ID,
    CONF_WEBHOOK_KEYS,
    CONF_WEBHOOK_URL,
    "title",
    "unique_id",
}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: ZortConfigEntry
) -> dict[str, Any]:
    """Return what helps to debug a store, without secrets or customer data."""
    data = entry.runtime_data
    return {
        "entry": async_redact_data(
            {
                "title": entry.title,
                "unique_id": entry.unique_id,
                "data": dict(entry.data),
            },
            TO_REDACT,
        ),
        "registration": asdict(data.registration.state),
        "receiver": asdict(data.receiver.stats),
        "api": {"quota_notice": data.client.quota_notice},
    }
