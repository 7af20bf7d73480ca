"""Event entities that report ZORT's pushes, one per kind of record."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from homeassistant.components.event import EventEntity, EventEntityDescription
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.entity_platform import AddEntitiesCallback

from .api import Category, actions_of
from .api.models import to_str
from .const import signal_push
from .entity import ZortEntity
from .models import ZortConfigEntry
from .webhook import ZortPush

# Pushes are delivered by the webhook; nothing here polls.
PARALLEL_UPDATES = 0


def _pick(payload: dict[str, Any], fields: Mapping[str, str]) -> dict[str, Any]:
    """Return the listed payload fields that are present, under our names."""
    picked: dict[str, Any] = {}
    for source, name in fields.items():
        value = payload.get(source)
        if value is None or isinstance(value, (dict, list)):
            continue
        picked[name] = value
    return picked


# Only small, non-personal fields: customer names, phones, e-mails and
# addresses stay in the bus event's payload and never reach entity state.
_DOCUMENT_FIELDS = {
    "id": "id",
    "number": "number",
    "status": "status",
    "paymentstatus": "payment_status",
    "amount": "amount",
}
_ORDER_FIELDS = {**_DOCUMENT_FIELDS, "trackingno": "tracking_number"}
_PRODUCT_FIELDS = {
    "id": "id",
    "sku": "sku",
    "name": "name",
    "stock": "stock",
    "availablestock": "available_stock",
}


@dataclass(frozen=True, kw_only=True)
class ZortEventEntityDescription(EventEntityDescription):
    """Describe the event entity of one category."""

    category: Category
    attribute_fields: Mapping[str, str]


_FIELDS_BY_CATEGORY: dict[Category, Mapping[str, str]] = {
    Category.ORDER: _ORDER_FIELDS,
    Category.PRODUCT: _PRODUCT_FIELDS,
    Category.PURCHASE_ORDER: _DOCUMENT_FIELDS,
    Category.RETURN_ORDER: _DOCUMENT_FIELDS,
    Category.RETURN_PURCHASE_ORDER: _DOCUMENT_FIELDS,
    Category.TRANSFER: _DOCUMENT_FIELDS,
}

EVENT_DESCRIPTIONS: tuple[ZortEventEntityDescription, ...] = tuple(
    ZortEventEntityDescription(
        key=category.value,
        translation_key=category.value,
        category=category,
        event_types=actions_of(category),
        attribute_fields=fields,
    )
    for category, fields in _FIELDS_BY_CATEGORY.items()
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ZortConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add one event entity per kind of record."""
    async_add_entities(
        ZortEventEntity(entry, description) for description in EVENT_DESCRIPTIONS
    )


class ZortEventEntity(ZortEntity, EventEntity):
    """Report the pushes of one category as events."""

    entity_description: ZortEventEntityDescription

    def __init__(
        self, entry: ZortConfigEntry, description: ZortEventEntityDescription
    ) -> None:
        """Set up the entity for its store and category."""
        super().__init__(entry, description)
        self._entry_id = entry.entry_id

    async def async_added_to_hass(self) -> None:
        """Listen to the store's pushes."""
        await super().async_added_to_hass()
        self.async_on_remove(
            async_dispatcher_connect(
                self.hass, signal_push(self._entry_id), self._async_handle_push
            )
        )

    @callback
    def _async_handle_push(self, push: ZortPush) -> None:
        """Record a push of this entity's category."""
        if push.trigger.category is not self.entity_description.category:
            return
        attributes = _pick(push.payload, self.entity_description.attribute_fields)
        attributes["trigger"] = push.trigger.name
        if (number := to_str(attributes.get("number"))) is not None:
            attributes["number"] = number
        self._trigger_event(push.trigger.action.value, attributes)
        self.async_write_ha_state()
