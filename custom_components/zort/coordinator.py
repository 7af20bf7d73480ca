"""Keep a store's order figures current from ZORT's API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from homeassistant.core import HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryAuthFailed
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.update_coordinator import DataUpdateCoordinator, UpdateFailed
from homeassistant.util import dt as dt_util

from .api import (
    Category,
    Order,
    OrderStatus,
    ZortAuthenticationError,
    ZortClient,
    ZortError,
)
from .api.models import ZORT_TIMEZONE
from .const import DOMAIN, LOGGER, UPDATE_INTERVAL, signal_push
from .models import ZortConfigEntry
from .webhook import ZortPush

# Orders still waiting for the shop to pack them.
PENDING_STATUSES = (OrderStatus.PENDING, OrderStatus.WAITING)
_VOIDED = "voided"


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderSummary:
    """What the dashboard shows about a store's orders."""

    pending_orders: int
    orders_today: int
    sales_today: Decimal
    day: date
    day_started: datetime


def summarize(pending: list[Order], recent: list[Order], today: date) -> OrderSummary:
    """Count the pending orders and add up today's sales."""
    todays = [
        order
        for order in recent
        if order.order_date == today and (order.status or "").lower() != _VOIDED
    ]
    return OrderSummary(
        pending_orders=len(pending),
        orders_today=len(todays),
        sales_today=sum(
            (order.amount for order in todays if order.amount is not None),
            Decimal(0),
        ),
        day=today,
        day_started=datetime.combine(today, datetime.min.time(), ZORT_TIMEZONE),
    )


class ZortCoordinator(DataUpdateCoordinator[OrderSummary]):
    """Read a store's order figures; pushes ask for a fresh read."""

    config_entry: ZortConfigEntry

    def __init__(
        self, hass: HomeAssistant, entry: ZortConfigEntry, client: ZortClient
    ) -> None:
        """Set up the coordinator of one store."""
        super().__init__(
            hass,
            LOGGER,
            config_entry=entry,
            name=f"{DOMAIN} {entry.title}",
            update_interval=UPDATE_INTERVAL,
        )
        self.client = client

    async def _async_setup(self) -> None:
        """Read again after every order push, without holding up its answer."""
        self.config_entry.async_on_unload(
            async_dispatcher_connect(
                self.hass,
                signal_push(self.config_entry.entry_id),
                self._async_handle_push,
            )
        )

    @callback
    def _async_handle_push(self, push: ZortPush) -> None:
        """Refresh the order figures in the background after an order push."""
        if push.trigger.category is Category.ORDER:
            self.config_entry.async_create_background_task(
                self.hass, self.async_request_refresh(), f"{DOMAIN} order refresh"
            )

    async def _async_update_data(self) -> OrderSummary:
        """Fetch the pending orders and the orders of today."""
        today = dt_util.now(ZORT_TIMEZONE).date()
        try:
            pending = await self.client.async_get_orders(status=PENDING_STATUSES)
            # Whether ZORT's date filter includes its own day is not documented,
            # so ask from the day before and keep today's orders here.
            recent = await self.client.async_get_orders(
                order_date_after=today - timedelta(days=1)
            )
        except ZortAuthenticationError as err:
            raise ConfigEntryAuthFailed(
                translation_domain=DOMAIN, translation_key="invalid_auth"
            ) from err
        except ZortError as err:
            raise UpdateFailed(
                translation_domain=DOMAIN,
                translation_key="update_failed",
                translation_placeholders={"error": str(err)},
            ) from err
        return summarize(pending, recent, today)
