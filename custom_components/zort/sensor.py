"""Sensors with a ZORT store's order figures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from homeassistant.components.sensor import (
    SensorDeviceClass,
    SensorEntity,
    SensorEntityDescription,
    SensorStateClass,
)
from homeassistant.core import HomeAssistant
from homeassistant.helpers.entity_platform import AddEntitiesCallback
from homeassistant.helpers.update_coordinator import CoordinatorEntity

from .const import CURRENCY
from .coordinator import OrderSummary, ZortCoordinator
from .entity import ZortEntity
from .models import ZortConfigEntry

# The coordinator reads for every sensor at once.
PARALLEL_UPDATES = 0


@dataclass(frozen=True, kw_only=True)
class ZortSensorEntityDescription(SensorEntityDescription):
    """Describe a sensor computed from the order summary."""

    value_fn: Callable[[OrderSummary], int | Decimal]
    last_reset_fn: Callable[[OrderSummary], datetime] | None = None


SENSORS: tuple[ZortSensorEntityDescription, ...] = (
    ZortSensorEntityDescription(
        key="pending_orders",
        translation_key="pending_orders",
        state_class=SensorStateClass.MEASUREMENT,
        value_fn=lambda summary: summary.pending_orders,
    ),
    ZortSensorEntityDescription(
        key="orders_today",
        translation_key="orders_today",
        state_class=SensorStateClass.TOTAL,
        value_fn=lambda summary: summary.orders_today,
        last_reset_fn=lambda summary: summary.day_started,
    ),
    ZortSensorEntityDescription(
        key="sales_today",
        translation_key="sales_today",
        device_class=SensorDeviceClass.MONETARY,
        state_class=SensorStateClass.TOTAL,
        native_unit_of_measurement=CURRENCY,
        suggested_display_precision=2,
        value_fn=lambda summary: summary.sales_today,
        last_reset_fn=lambda summary: summary.day_started,
    ),
)


async def async_setup_entry(
    hass: HomeAssistant,
    entry: ZortConfigEntry,
    async_add_entities: AddEntitiesCallback,
) -> None:
    """Add the order sensors of a store."""
    coordinator = entry.runtime_data.coordinator
    async_add_entities(
        ZortSensorEntity(entry, coordinator, description) for description in SENSORS
    )


class ZortSensorEntity(ZortEntity, CoordinatorEntity[ZortCoordinator], SensorEntity):
    """A figure about the store's orders."""

    entity_description: ZortSensorEntityDescription

    def __init__(
        self,
        entry: ZortConfigEntry,
        coordinator: ZortCoordinator,
        description: ZortSensorEntityDescription,
    ) -> None:
        """Set up the sensor for its store."""
        CoordinatorEntity.__init__(self, coordinator)
        ZortEntity.__init__(self, entry, description)

    @property
    def native_value(self) -> int | Decimal:
        """Return the figure."""
        return self.entity_description.value_fn(self.coordinator.data)

    @property
    def last_reset(self) -> datetime | None:
        """Return when a daily total started counting."""
        if self.entity_description.last_reset_fn is None:
            return None
        return self.entity_description.last_reset_fn(self.coordinator.data)
