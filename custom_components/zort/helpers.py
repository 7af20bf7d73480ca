"""Shared helpers for the ZORT integration."""

from __future__ import annotations

from collections.abc import Mapping
import os
from typing import Any

from homeassistant.core import HomeAssistant
from homeassistant.helpers.aiohttp_client import async_get_clientsession

from .api import API_BASE_URL, ZortClient
from .const import CONF_APIKEY, CONF_APISECRET, CONF_STORENAME, ENV_API_URL


def create_client(hass: HomeAssistant, data: Mapping[str, Any]) -> ZortClient:
    """Return a ZORT client on Home Assistant's shared web session."""
    return ZortClient(
        async_get_clientsession(hass),
        data[CONF_STORENAME],
        data[CONF_APIKEY],
        data[CONF_APISECRET],
        base_url=os.environ.get(ENV_API_URL) or API_BASE_URL,
    )


def normalize_store(store_name: str) -> str:
    """Return the form of a store name that identifies its entry."""
    return store_name.strip().lower()
