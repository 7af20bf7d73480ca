"""Constants for the ZORT integration."""

from __future__ import annotations

from datetime import timedelta
import logging
from typing import Final

DOMAIN: Final = "zort"
LOGGER = logging.getLogger(__package__)

MANUFACTURER: Final = "ZORT"
PORTAL_URL: Final = "https://secure.zortout.com"

CONF_STORENAME: Final = "storename"
CONF_APIKEY: Final = "apikey"
CONF_APISECRET: Final = "apisecret"
CONF_WEBHOOK_URL: Final = "webhook_url"
CONF_CLOUDHOOK: Final = "cloudhook"
CONF_WEBHOOK_KEYS: Final = "webhook_keys"

# Developers point the integration at a local ZORT simulator with this variable.
ENV_API_URL: Final = "ZORT_API_URL"

EVENT_ZORT: Final = "zort_event"

ATTR_ENTRY_ID: Final = "entry_id"
ATTR_STORE: Final = "store"
ATTR_TRIGGER: Final = "trigger"
ATTR_CATEGORY: Final = "category"
ATTR_ACTION: Final = "action"
ATTR_ID: Final = "id"
ATTR_NUMBER: Final = "number"
ATTR_PAYLOAD: Final = "payload"

# Our URLs carry the trigger, so a push without `method` can still be told apart.
TRIGGER_QUERY: Final = "trigger"
MAX_BODY_BYTES: Final = 1024 * 1024
DUPLICATE_WINDOW: Final = timedelta(minutes=10)
DUPLICATE_MEMORY: Final = 1000

# Pushes trigger a read of their own; the interval is a safety net that also
# serves stores that ZORT cannot push to. Each read is two API calls.
UPDATE_INTERVAL: Final = timedelta(minutes=10)
CURRENCY: Final = "THB"

REGISTRATION_RETRY_FIRST: Final = timedelta(minutes=1)
REGISTRATION_RETRY_MAX: Final = timedelta(hours=1)
REGISTRATION_FAILURES_BEFORE_ISSUE: Final = 3
# Another system may rewrite the store's webhook configuration at any time.
RECONCILE_INTERVAL: Final = timedelta(hours=6)
KEY_RECHECK_COOLDOWN: Final = timedelta(minutes=10)

ISSUE_NO_PUBLIC_URL: Final = "no_public_url"
ISSUE_REGISTRATION_FAILED: Final = "registration_failed"


def signal_push(entry_id: str) -> str:
    """Return the dispatcher signal that carries one store's pushes."""
    return f"{DOMAIN}_push_{entry_id}"


def signal_unauthorized(entry_id: str) -> str:
    """Return the dispatcher signal sent when a push carries another key."""
    return f"{DOMAIN}_unauthorized_{entry_id}"
