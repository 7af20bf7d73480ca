"""Config flow for the ZORT integration."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import voluptuous as vol

from homeassistant.components.webhook import async_generate_id
from homeassistant.config_entries import ConfigFlow, ConfigFlowResult
from homeassistant.const import CONF_WEBHOOK_ID
from homeassistant.helpers.selector import (
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)

from .api import ZortAuthenticationError, ZortError
from .const import CONF_APIKEY, CONF_APISECRET, CONF_STORENAME, DOMAIN, LOGGER
from .helpers import create_client, normalize_store

_SECRET = TextSelector(TextSelectorConfig(type=TextSelectorType.PASSWORD))

USER_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_STORENAME): TextSelector(
            TextSelectorConfig(type=TextSelectorType.EMAIL, autocomplete="username")
        ),
        vol.Required(CONF_APIKEY): TextSelector(),
        vol.Required(CONF_APISECRET): _SECRET,
    }
)
CREDENTIALS_SCHEMA = vol.Schema(
    {
        vol.Required(CONF_APIKEY): TextSelector(),
        vol.Required(CONF_APISECRET): _SECRET,
    }
)


class ZortConfigFlow(ConfigFlow, domain=DOMAIN):
    """Set up a ZORT store."""

    VERSION = 1
    MINOR_VERSION = 1

    async def _async_check(self, data: Mapping[str, Any]) -> dict[str, str]:
        """Try the credentials against ZORT and return the form errors."""
        try:
            await create_client(self.hass, data).async_check_credentials()
        except ZortAuthenticationError:
            return {"base": "invalid_auth"}
        except ZortError as err:
            LOGGER.debug("Could not check the ZORT credentials: %s", err)
            return {"base": "cannot_connect"}
        except Exception:  # noqa: BLE001
            LOGGER.exception("Unexpected error while checking the ZORT credentials")
            return {"base": "unknown"}
        return {}

    async def async_step_user(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the store name, API key and API secret."""
        errors: dict[str, str] = {}
        if user_input is not None:
            data = {key: value.strip() for key, value in user_input.items()}
            await self.async_set_unique_id(normalize_store(data[CONF_STORENAME]))
            self._abort_if_unique_id_configured()
            if not (errors := await self._async_check(data)):
                return self.async_create_entry(
                    title=data[CONF_STORENAME],
                    data={**data, CONF_WEBHOOK_ID: async_generate_id()},
                )

        return self.async_show_form(
            step_id="user",
            data_schema=self.add_suggested_values_to_schema(USER_SCHEMA, user_input),
            errors=errors,
        )

    async def async_step_reauth(
        self, entry_data: Mapping[str, Any]
    ) -> ConfigFlowResult:
        """Start over with new credentials after ZORT refused the old ones."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for a new API key and secret of the same store."""
        return await self._async_step_credentials(
            "reauth_confirm", self._get_reauth_entry(), user_input
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the API key and secret of a configured store."""
        return await self._async_step_credentials(
            "reconfigure", self._get_reconfigure_entry(), user_input
        )

    async def _async_step_credentials(
        self,
        step_id: str,
        entry: Any,
        user_input: dict[str, Any] | None,
    ) -> ConfigFlowResult:
        """Show, check and store new credentials for an existing entry."""
        errors: dict[str, str] = {}
        if user_input is not None:
            updates = {key: value.strip() for key, value in user_input.items()}
            errors = await self._async_check({**entry.data, **updates})
            if not errors:
                return self.async_update_reload_and_abort(entry, data_updates=updates)

        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(
                CREDENTIALS_SCHEMA, user_input or {CONF_APIKEY: entry.data[CONF_APIKEY]}
            ),
            errors=errors,
            description_placeholders={"store": entry.title},
        )
