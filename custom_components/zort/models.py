"""Runtime objects of a ZORT config entry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from homeassistant.config_entries import ConfigEntry

from .api import ZortClient

if TYPE_CHECKING:
    from .coordinator import ZortCoordinator
    from .registration import ZortWebhookRegistration
    from .webhook import ZortWebhookReceiver


@dataclass(slots=True)
class ZortData:
    """What a loaded store keeps while it runs."""

    client: ZortClient
    coordinator: ZortCoordinator
    receiver: ZortWebhookReceiver
    registration: ZortWebhookRegistration


type ZortConfigEntry = ConfigEntry[ZortData]
