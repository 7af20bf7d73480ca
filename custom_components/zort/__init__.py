"""The ZORT integration: orders and stock pushed from a ZORT store."""

from __future__ import annotations

from functools import partial

from aiohttp.hdrs import METH_POST

from homeassistant.components.webhook import (
    async_register as webhook_register,
    async_unregister as webhook_unregister,
)
from homeassistant.const import CONF_WEBHOOK_ID, Platform
from homeassistant.core import HomeAssistant

from .api import ZortError
from .const import CONF_CLOUDHOOK, DOMAIN, LOGGER
from .coordinator import ZortCoordinator
from .helpers import create_client
from .models import ZortConfigEntry, ZortData
from .registration import ZortWebhookRegistration, owns_url
from .webhook import ZortWebhookReceiver

PLATFORMS: list[Platform] = [Platform.EVENT, Platform.SENSOR]


async def async_setup_entry(hass: HomeAssistant, entry: ZortConfigEntry) -> bool:
    """Set up a ZORT store from a config entry."""
    client = create_client(hass, entry.data)
    coordinator = ZortCoordinator(hass, entry, client)
    await coordinator.async_config_entry_first_refresh()

    receiver = ZortWebhookReceiver(hass, entry)
    registration = ZortWebhookRegistration(hass, entry, client)
    entry.runtime_data = ZortData(client, coordinator, receiver, registration)

    webhook_id = entry.data[CONF_WEBHOOK_ID]
    webhook_register(
        hass,
        DOMAIN,
        f"ZORT {entry.title}",
        webhook_id,
        receiver.async_handle,
        local_only=False,
        allowed_methods=[METH_POST],
    )
    entry.async_on_unload(partial(webhook_unregister, hass, webhook_id))

    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    await registration.async_setup()
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ZortConfigEntry) -> bool:
    """Unload a ZORT store; ZORT keeps calling until the entry is removed."""
    return await hass.config_entries.async_unload_platforms(entry, PLATFORMS)


async def async_remove_entry(hass: HomeAssistant, entry: ZortConfigEntry) -> None:
    """Stop ZORT calling a removed store's webhook."""
    client = create_client(hass, entry.data)
    try:
        await client.async_clear_webhook_urls(partial(owns_url, entry.data))
    except ZortError as err:
        LOGGER.warning(
            "Could not remove the webhook URLs of %s from ZORT: %s", entry.title, err
        )

    if entry.data.get(CONF_CLOUDHOOK) and "cloud" in hass.config.components:
        from homeassistant.components import cloud  # noqa: PLC0415

        try:
            await cloud.async_delete_cloudhook(hass, entry.data[CONF_WEBHOOK_ID])
        except cloud.CloudNotAvailable:
            LOGGER.debug("Home Assistant Cloud was not there to delete the cloudhook")
