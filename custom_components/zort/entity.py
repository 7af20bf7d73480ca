"""Base entity of the ZORT integration."""

from __future__ import annotations

from homeassistant.helpers.device_registry import DeviceEntryType, DeviceInfo
from homeassistant.helpers.entity import Entity, EntityDescription

from .const import CONF_STORENAME, DOMAIN, MANUFACTURER, PORTAL_URL
from .models import ZortConfigEntry


class ZortEntity(Entity):
    """An entity that belongs to one ZORT store."""

    _attr_has_entity_name = True
    _attr_should_poll = False

    def __init__(self, entry: ZortConfigEntry, description: EntityDescription) -> None:
        """Attach the entity to its store's device."""
        self.entity_description = description
        store_id = entry.unique_id or entry.entry_id
        self._attr_unique_id = f"{store_id}-{description.key}"
        self._attr_device_info = DeviceInfo(
            identifiers={(DOMAIN, store_id)},
            name=entry.data[CONF_STORENAME],
            manufacturer=MANUFACTURER,
            model="Open API v4",
            entry_type=DeviceEntryType.SERVICE,
            configuration_url=PORTAL_URL,
        )
