"""Event entities that report ZORT's pushes, one per kind of record."""

from __future__ import annotations

from collections.abc import Callable
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


def _pick(payload: dict[str, Any], fields: dict[str, str]) -> dict[str, Any]:
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
    attributes_fn: Callable[[dict[str, Any]], dict[str, Any]]


EVENT_DESCRIPTIONS: tuple[ZortEventEntityDescription, ...] = (
    ZortEventEntityDescription(
        key="order",
        translation_key="order",
        category=Category.ORDER,
        event_types=actions_of(Category.ORDER),
        attributes_fn=lambda payload: _pick(payload, _ORDER_FIELDS),
    ),
    ZortEventEntityDescription(
        key="product",
        translation_key="product",
        category=Category.PRODUCT,
        event_types=actions_of(Category.PRODUCT),
        attributes_fn=lambda payload: _pick(payload, _PRODUCT_FIELDS),
    ),
    ZortEventEntityDescription(
        key="purchase_order",
        translation_key="purchase_order",
        category=Category.PURCHASE_ORDER,
        event_types=actions_of(Category.PURCHASE_ORDER),
        attributes_fn=lambda payload: _pick(payload, _DOCUMENT_FIELDS),
    ),
    ZortEventEntityDescription(
        key="return_order",
        translation_key="return_order",
        category=Category.RETURN_ORDER,
        event_types=actions_of(Category.RETURN_ORDER),
        attributes_fn=lambda payload: _pick(payload, _DOCUMENT_FIELDS),
    ),
    ZortEventEntityDescription(
        key="return_purchase_order",
        translation_key="return_purchase_order",
        category=Category.RETURN_PURCHASE_ORDER,
        event_types=actions_of(Category.RETURN_PURCHASE_ORDER),
        attributes_fn=lambda payload: _pick(payload, _DOCUMENT_FIELDS),
    ),
    ZortEventEntityDescription(
        key="transfer",
        translation_key="transfer",
        category=Category.TRANSFER,
        event_types=actions_of(Category.TRANSFER),
        attributes_fn=lambda payload: _pick(payload, _DOCUMENT_FIELDS),
    ),
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
        attributes = self.entity_description.attributes_fn(push.payload)
        attributes["trigger"] = push.trigger.name
        if (number := to_str(attributes.get("number"))) is not None:
            attributes["number"] = number
        self._trigger_event(push.trigger.action.value, attributes)
        self.async_write_ha_state()
