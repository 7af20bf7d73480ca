"""Receive ZORT's webhook pushes and turn them into Home Assistant events."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
import hashlib
import hmac
from http import HTTPStatus
import json
import time
from typing import Any
from urllib.parse import parse_qs

from aiohttp import web

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.dispatcher import async_dispatcher_send
from homeassistant.util import dt as dt_util

from .api import Trigger, find_trigger
from .api.models import to_int, to_str
from .const import (
    ATTR_ACTION,
    ATTR_CATEGORY,
    ATTR_ENTRY_ID,
    ATTR_ID,
    ATTR_NUMBER,
    ATTR_PAYLOAD,
    ATTR_STORE,
    ATTR_TRIGGER,
    CONF_STORENAME,
    CONF_WEBHOOK_KEYS,
    DUPLICATE_MEMORY,
    DUPLICATE_WINDOW,
    EVENT_ZORT,
    LOGGER,
    MAX_BODY_BYTES,
    TRIGGER_QUERY,
    signal_push,
    signal_unauthorized,
)
from .models import ZortConfigEntry


class PushError(Exception):
    """Raise when a push cannot be read; the message is sent back to ZORT."""


@dataclass(frozen=True, slots=True)
class ZortPush:
    """One accepted push from ZORT."""

    trigger: Trigger
    payload: dict[str, Any]
    received_at: datetime

    @property
    def record_id(self) -> int | str | None:
        """Return the id of the record the push is about."""
        value = self.payload.get(ATTR_ID)
        number = to_int(value)
        return number if number is not None else to_str(value)

    @property
    def record_number(self) -> str | None:
        """Return the document number of the record the push is about."""
        return to_str(self.payload.get(ATTR_NUMBER))


@dataclass(slots=True)
class ReceiverStats:
    """Counts of what the receiver did, for diagnostics."""

    accepted: int = 0
    duplicates: int = 0
    verifications: int = 0
    unauthorized: int = 0
    bad_requests: int = 0
    last_trigger: str | None = None
    last_push_at: datetime | None = None
    per_trigger: dict[str, int] = field(default_factory=dict)


def _trigger_name(value: str | None) -> str | None:
    """Return a trigger name from a query value, ignoring a glued-on query."""
    if value is None:
        return None
    # A sender that appends "?method=..." to a URL that already has a query
    # leaves it inside our own parameter.
    return value.split("?", 1)[0].strip() or None


def parse_body(raw: bytes) -> tuple[dict[str, Any], str | None]:
    """Return the pushed object and any trigger name the body itself carries."""
    try:
        text = raw.decode("utf-8").strip()
    except UnicodeDecodeError as err:
        raise PushError("body is not UTF-8") from err

    method: str | None = None
    value: Any
    if text.startswith("{"):
        value = _loads(text)
    else:
        form = parse_qs(text, keep_blank_values=True)
        if "payload" not in form:
            raise PushError("no payload field in the form body")
        value = form["payload"][0]
        method = next(iter(form.get("method", [])), None)

    if isinstance(value, Mapping) and "payload" in value:
        method = method or to_str(value.get("method"))
        value = value["payload"]
    if isinstance(value, str):
        value = _loads(value)
    if not isinstance(value, Mapping):
        raise PushError("payload is not a JSON object")
    if method is None and isinstance(value.get("method"), str):
        method = value["method"]
    return dict(value), method


async def _read_limited(request: web.Request) -> bytes | None:
    """Return the body, or None once it grows past the size limit."""
    # Cloudhook requests hand out a fresh reader on every access to `content`.
    stream = request.content
    chunks: list[bytes] = []
    size = 0
    while chunk := await stream.read(64 * 1024):
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def _loads(text: str) -> Any:
    """Parse JSON, turning a syntax error into a push error."""
    try:
        return json.loads(text)
    except ValueError as err:
        raise PushError("payload is not valid JSON") from err


class ZortWebhookReceiver:
    """Check, decode and fire the pushes that reach one store's webhook."""

    def __init__(
        self,
        hass: HomeAssistant,
        entry: ZortConfigEntry,
    ) -> None:
        """Keep the entry whose keys and pushes this receiver handles."""
        self._hass = hass
        self._entry = entry
        self._recent: OrderedDict[str, float] = OrderedDict()
        self.stats = ReceiverStats()

    def _authorized(self, request: web.Request) -> bool:
        """Tell whether the request carries the store's key1."""
        key1 = (self._entry.data.get(CONF_WEBHOOK_KEYS) or {}).get("key1")
        if not key1:
            return False
        offered: list[str] = []
        scheme, _, credentials = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() == "basic" and credentials.strip():
            offered.append(credentials.strip())
        if header := request.headers.get("key1", "").strip():
            offered.append(header)
        expected = key1.encode()
        return any(hmac.compare_digest(value.encode(), expected) for value in offered)

    def _reject(self, reason: str) -> web.Response:
        """Count and answer a push that cannot be used."""
        self.stats.bad_requests += 1
        LOGGER.warning("Rejected a ZORT push for %s: %s", self._entry.title, reason)
        return web.Response(status=HTTPStatus.BAD_REQUEST, text=reason)

    def _is_duplicate(self, trigger: Trigger, payload: Mapping[str, Any]) -> bool:
        """Remember a delivery and tell whether it was seen within the window."""
        now = time.monotonic()
        window = DUPLICATE_WINDOW.total_seconds()
        while self._recent and now - next(iter(self._recent.values())) > window:
            self._recent.popitem(last=False)

        canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"))
        digest = hashlib.sha256(f"{trigger.name}\n{canonical}".encode()).hexdigest()
        if digest in self._recent:
            return True
        self._recent[digest] = now
        while len(self._recent) > DUPLICATE_MEMORY:
            self._recent.popitem(last=False)
        return False

    async def async_handle(
        self, hass: HomeAssistant, webhook_id: str, request: web.Request
    ) -> web.Response:
        """Answer one push from ZORT."""
        if not self._authorized(request):
            self.stats.unauthorized += 1
            LOGGER.debug(
                "Refused a push for %s without a valid key from %s",
                self._entry.title,
                request.remote,
            )
            async_dispatcher_send(hass, signal_unauthorized(self._entry.entry_id))
            return web.Response(status=HTTPStatus.UNAUTHORIZED)

        # Cloudhook requests have no content_length; the read below still counts.
        if (getattr(request, "content_length", None) or 0) > MAX_BODY_BYTES:
            return self._reject("body too large")
        if (raw := await _read_limited(request)) is None:
            return self._reject("body too large")
        if not raw.strip():
            # ZORT's "Verify and Save" posts nothing to check that the URL answers.
            self.stats.verifications += 1
            LOGGER.debug("Answered a verification call for %s", self._entry.title)
            return web.Response(status=HTTPStatus.OK)

        try:
            payload, body_method = parse_body(raw)
        except PushError as err:
            return self._reject(str(err))

        name = (
            _trigger_name(request.query.get("method"))
            or _trigger_name(request.query.get(TRIGGER_QUERY))
            or _trigger_name(body_method)
        )
        if (trigger := find_trigger(name)) is None:
            return self._reject("unknown trigger")

        if self._is_duplicate(trigger, payload):
            self.stats.duplicates += 1
            LOGGER.debug("Ignored a repeated %s push", trigger.name)
            return web.Response(status=HTTPStatus.OK)

        self._accept(ZortPush(trigger, payload, dt_util.utcnow()))
        return web.Response(status=HTTPStatus.OK)

    @callback
    def _accept(self, push: ZortPush) -> None:
        """Fire the bus event and tell the entities about a push."""
        stats = self.stats
        stats.accepted += 1
        stats.last_trigger = push.trigger.name
        stats.last_push_at = push.received_at
        stats.per_trigger[push.trigger.name] = (
            stats.per_trigger.get(push.trigger.name, 0) + 1
        )
        LOGGER.debug("Received %s for %s", push.trigger.name, self._entry.title)

        data: dict[str, Any] = {
            ATTR_ENTRY_ID: self._entry.entry_id,
            ATTR_STORE: self._entry.data[CONF_STORENAME],
            ATTR_TRIGGER: push.trigger.name,
            ATTR_CATEGORY: push.trigger.category.value,
            ATTR_ACTION: push.trigger.action.value,
        }
        if (record_id := push.record_id) is not None:
            data[ATTR_ID] = record_id
        if (number := push.record_number) is not None:
            data[ATTR_NUMBER] = number
        data[ATTR_PAYLOAD] = push.payload

        self._hass.bus.async_fire(EVENT_ZORT, data)
        async_dispatcher_send(self._hass, signal_push(self._entry.entry_id), push)
