"""Keep the store's webhook configuration at ZORT pointing at Home Assistant."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
import time
from typing import Any

from homeassistant.components.webhook import async_generate_url
from homeassistant.const import CONF_WEBHOOK_ID, EVENT_CORE_CONFIG_UPDATE
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir
from homeassistant.helpers.dispatcher import async_dispatcher_connect
from homeassistant.helpers.event import async_call_later, async_track_time_interval
from homeassistant.helpers.network import NoURLAvailableError
from homeassistant.util import dt as dt_util

from .api import (
    TRIGGERS,
    WEBHOOK_KEYS,
    WebhookConfig,
    ZortAuthenticationError,
    ZortClient,
    ZortError,
)
from .const import (
    CONF_CLOUDHOOK,
    CONF_WEBHOOK_KEYS,
    CONF_WEBHOOK_URL,
    DOMAIN,
    ISSUE_NO_PUBLIC_URL,
    ISSUE_REGISTRATION_FAILED,
    KEY_RECHECK_COOLDOWN,
    LOGGER,
    RECONCILE_INTERVAL,
    REGISTRATION_FAILURES_BEFORE_ISSUE,
    REGISTRATION_RETRY_FIRST,
    REGISTRATION_RETRY_MAX,
    TRIGGER_QUERY,
    signal_push,
    signal_unauthorized,
)
from .models import ZortConfigEntry


def trigger_url(base_url: str, trigger_name: str) -> str:
    """Return the URL that ZORT calls for one trigger."""
    return f"{base_url}?{TRIGGER_QUERY}={trigger_name}"


def owns_url(entry_data: Mapping[str, Any], url: str) -> bool:
    """Tell whether a URL at ZORT points at this entry's webhook."""
    base = url.split("?", 1)[0]
    stored = entry_data.get(CONF_WEBHOOK_URL)
    return bool(stored and base == stored) or (
        f"/api/webhook/{entry_data[CONF_WEBHOOK_ID]}" in base
    )


def retry_delay(failures: int) -> timedelta:
    """Return how long to wait after a number of failed attempts in a row."""
    first = REGISTRATION_RETRY_FIRST.total_seconds()
    seconds = first * 2 ** max(failures - 1, 0)
    return timedelta(seconds=min(seconds, REGISTRATION_RETRY_MAX.total_seconds()))


@dataclass(slots=True)
class RegistrationState:
    """What the last registration attempt found, for diagnostics."""

    registered: bool = False
    cloudhook: bool = False
    failures: int = 0
    last_error: str | None = None
    last_success_at: datetime | None = None
    next_retry_at: datetime | None = None
    triggers: dict[str, str] | None = None


class ZortWebhookRegistration:
    """Register this entry's webhook URLs at ZORT, and keep them current."""

    def __init__(
        self, hass: HomeAssistant, entry: ZortConfigEntry, client: ZortClient
    ) -> None:
        """Keep what registration needs."""
        self._hass = hass
        self._entry = entry
        self._client = client
        self._lock = asyncio.Lock()
        self._cancel_retry: Callable[[], None] | None = None
        self._last_key_check: float | None = None
        self.state = RegistrationState()

    @property
    def _webhook_id(self) -> str:
        """Return the id of the local webhook."""
        webhook_id: str = self._entry.data[CONF_WEBHOOK_ID]
        return webhook_id

    async def async_setup(self) -> None:
        """Register now, and again when the address changes or now and then.

        The periodic run catches another system rewriting the triggers or keys.
        """
        self._entry.async_on_unload(self._async_cancel_retry)
        self._entry.async_on_unload(self._async_delete_issues)
        self._entry.async_on_unload(
            async_dispatcher_connect(
                self._hass, signal_push(self._entry.entry_id), self._async_push_received
            )
        )
        self._entry.async_on_unload(
            self._hass.bus.async_listen(
                EVENT_CORE_CONFIG_UPDATE, self._async_schedule_register
            )
        )
        self._entry.async_on_unload(
            async_dispatcher_connect(
                self._hass,
                signal_unauthorized(self._entry.entry_id),
                self._async_unauthorized_push,
            )
        )
        self._entry.async_on_unload(
            async_track_time_interval(
                self._hass, self._async_schedule_register, RECONCILE_INTERVAL
            )
        )
        if "cloud" in self._hass.config.components:
            from homeassistant.components import cloud  # noqa: PLC0415

            self._entry.async_on_unload(
                cloud.async_listen_connection_change(
                    self._hass, self._async_schedule_register
                )
            )
        await self.async_register()

    @callback
    def _async_cancel_retry(self) -> None:
        """Drop a scheduled retry."""
        if self._cancel_retry is not None:
            self._cancel_retry()
            self._cancel_retry = None
        self.state.next_retry_at = None

    @callback
    def _async_schedule_register(self, *_: Any) -> None:
        """Run a registration in the background, whatever event asked for it."""
        self._entry.async_create_background_task(
            self._hass, self.async_register(), f"{DOMAIN} webhook registration"
        )

    @callback
    def _async_unauthorized_push(self) -> None:
        """Read the keys again, at most once a while, after a push with another key.

        Someone may have changed the keys at ZORT; reading them is cheap, but a
        stranger posting junk must not be able to spend the store's API quota.
        """
        now = time.monotonic()
        if (
            self._last_key_check is not None
            and now - self._last_key_check < KEY_RECHECK_COOLDOWN.total_seconds()
        ):
            return
        self._last_key_check = now
        LOGGER.debug("Reading the webhook keys of %s again", self._entry.title)
        self._async_schedule_register()

    async def _async_cloudhook_url(self) -> str | None:
        """Return a Home Assistant Cloud webhook URL when a subscription allows one."""
        if "cloud" not in self._hass.config.components:
            return None
        # Imported only once loaded: the cloud brings requirements of its own.
        from homeassistant.components import cloud  # noqa: PLC0415

        if not cloud.async_active_subscription(self._hass):
            return None
        data = self._entry.data
        if not cloud.async_is_connected(self._hass):
            # A cloudhook outlives a dropped connection: keep the one registered.
            if data.get(CONF_CLOUDHOOK) and data.get(CONF_WEBHOOK_URL):
                url: str = data[CONF_WEBHOOK_URL]
                return url
            return None
        try:
            return await cloud.async_get_or_create_cloudhook(
                self._hass, self._webhook_id
            )
        except cloud.CloudNotAvailable:
            LOGGER.debug("Home Assistant Cloud could not make a cloudhook")
            return None

    async def _async_public_url(self) -> tuple[str, bool]:
        """Return the base URL that ZORT should call, and whether it is a cloudhook."""
        if (url := await self._async_cloudhook_url()) is not None:
            return url, True
        return (
            async_generate_url(self._hass, self._webhook_id, allow_internal=False),
            False,
        )

    async def async_register(self) -> None:
        """Point every trigger at this entry, keeping what other receivers set."""
        async with self._lock:
            self._async_cancel_retry()
            try:
                base_url, is_cloudhook = await self._async_public_url()
            except NoURLAvailableError:
                self._async_no_public_url()
                return
            ir.async_delete_issue(
                self._hass, DOMAIN, self._issue_id(ISSUE_NO_PUBLIC_URL)
            )

            try:
                config = await self._async_write(base_url)
            except ZortAuthenticationError:
                LOGGER.warning(
                    "ZORT refused the credentials of %s while registering its webhook",
                    self._entry.title,
                )
                self.state.last_error = "invalid_auth"
                self._entry.async_start_reauth(self._hass)
                return
            except ZortError as err:
                self._async_failed(err)
                return

            self._async_succeeded(base_url, is_cloudhook, config)

    async def _async_write(self, base_url: str) -> WebhookConfig:
        """Send our URLs to ZORT when needed and return the configuration in force."""
        current = await self._client.async_get_webhook()
        urls: dict[str, str] = {}
        drifted: list[str] = []
        for trigger in TRIGGERS:
            field = trigger.url_field
            if not trigger.url_field_confirmed and field not in current.urls:
                continue
            urls[field] = trigger_url(base_url, trigger.name)
            existing = current.urls.get(field)
            # A field ZORT leaves out of its answer cannot be compared; it is
            # sent with every write, which the comparison below decides on.
            if existing is not None and existing != urls[field]:
                drifted.append(trigger.name)
                if existing and not owns_url(self._entry.data, existing):
                    LOGGER.warning(
                        "The %s trigger of %s pointed at another receiver; it now "
                        "points at Home Assistant",
                        trigger.name,
                        self._entry.title,
                    )

        first_write = self._entry.data.get(CONF_WEBHOOK_URL) != base_url
        keys_missing = any(not current.keys.get(name) for name in WEBHOOK_KEYS)
        if not (drifted or first_write or keys_missing):
            return current
        if drifted and self.state.registered:
            LOGGER.warning(
                "The webhook configuration of %s at ZORT had been changed elsewhere "
                "(%s); it points at Home Assistant again",
                self._entry.title,
                ", ".join(drifted),
            )
        return await self._client.async_update_webhook(urls, current=current)

    @callback
    def _async_succeeded(
        self, base_url: str, is_cloudhook: bool, config: WebhookConfig
    ) -> None:
        """Store the registration and clear the problems it solves."""
        if self.state.failures:
            LOGGER.info("Registered the ZORT webhook of %s again", self._entry.title)
        self.state.registered = True
        self.state.cloudhook = is_cloudhook
        self.state.failures = 0
        self.state.last_error = None
        self.state.last_success_at = dt_util.utcnow()
        self.state.triggers = self._summarize(config, base_url)
        ir.async_delete_issue(
            self._hass, DOMAIN, self._issue_id(ISSUE_REGISTRATION_FAILED)
        )

        new_data = {
            **self._entry.data,
            CONF_WEBHOOK_URL: base_url,
            CONF_CLOUDHOOK: is_cloudhook,
            CONF_WEBHOOK_KEYS: dict(config.keys),
        }
        if new_data != self._entry.data:
            self._hass.config_entries.async_update_entry(self._entry, data=new_data)

    @staticmethod
    def _summarize(config: WebhookConfig, base_url: str) -> dict[str, str]:
        """Say, per trigger, whether ZORT now calls us for it."""
        return {
            trigger.name: (
                "home_assistant"
                if config.urls.get(trigger.url_field, "").startswith(base_url)
                else "unsupported"
            )
            for trigger in TRIGGERS
        }

    @callback
    def _async_failed(self, err: ZortError) -> None:
        """Log, retry later, and raise a repair issue when failures pile up."""
        state = self.state
        state.failures += 1
        state.last_error = type(err).__name__
        delay = retry_delay(state.failures)
        if state.failures == 1:
            LOGGER.warning(
                "Could not register the ZORT webhook of %s (%s); retrying in %s",
                self._entry.title,
                err,
                delay,
            )
        else:
            LOGGER.debug(
                "Webhook registration failed again (%s): %s", state.failures, err
            )
        if state.failures >= REGISTRATION_FAILURES_BEFORE_ISSUE:
            self._async_raise_issue(ISSUE_REGISTRATION_FAILED)
        state.next_retry_at = dt_util.utcnow() + delay
        self._cancel_retry = async_call_later(self._hass, delay, self._async_retry)

    @callback
    def _async_retry(self, _now: datetime) -> None:
        """Try the registration again."""
        self._cancel_retry = None
        self._async_schedule_register()

    @callback
    def _async_no_public_url(self) -> None:
        """Tell the user that ZORT has no way to reach Home Assistant."""
        if self.state.last_error != "no_public_url":
            LOGGER.warning(
                "Home Assistant has no external URL or Home Assistant Cloud, so ZORT "
                "cannot push to %s; its entities use the API only",
                self._entry.title,
            )
        self.state.registered = False
        self.state.last_error = "no_public_url"
        self._async_raise_issue(ISSUE_NO_PUBLIC_URL)

    @callback
    def _async_push_received(self, push: Any) -> None:
        """Clear the registration problem once ZORT reaches us anyway."""
        ir.async_delete_issue(
            self._hass, DOMAIN, self._issue_id(ISSUE_REGISTRATION_FAILED)
        )

    @callback
    def _async_raise_issue(self, kind: str) -> None:
        """Show one of this entry's repair issues."""
        ir.async_create_issue(
            self._hass,
            DOMAIN,
            self._issue_id(kind),
            is_fixable=False,
            is_persistent=False,
            severity=ir.IssueSeverity.WARNING,
            translation_key=kind,
            translation_placeholders={"store": self._entry.title},
        )

    @callback
    def _async_delete_issues(self) -> None:
        """Remove this entry's repair issues when it stops running."""
        for kind in (ISSUE_NO_PUBLIC_URL, ISSUE_REGISTRATION_FAILED):
            ir.async_delete_issue(self._hass, DOMAIN, self._issue_id(kind))

    def _issue_id(self, kind: str) -> str:
        """Return the id of one of this entry's repair issues."""
        return f"{kind}_{self._entry.entry_id}"
