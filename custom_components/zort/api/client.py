"""Asynchronous client for ZORT's Open API v4."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Iterable, Mapping
from datetime import date, datetime
import json as jsonlib
import logging
import secrets
from typing import Any, Final

import aiohttp

from .exceptions import (
    ZortApiError,
    ZortAuthenticationError,
    ZortConnectionError,
    ZortQuotaExceededError,
)
from .models import (
    WEBHOOK_KEYS,
    ZORT_TIMEZONE,
    Order,
    OrderStatus,
    PaymentStatus,
    Product,
    WebhookConfig,
    to_int,
    to_str,
)

_LOGGER = logging.getLogger(__name__)

API_BASE_URL: Final = "https://open-api.zortout.com/v4"
DEFAULT_TIMEOUT: Final = 30.0
MAX_PAGE_SIZE: Final = 500
MAX_PAGES: Final = 200

_SUCCESS_CODES: Final = frozenset({"200", "201", "0"})
_AUTH_HINTS: Final = (
    "apikey",
    "api key",
    "apisecret",
    "api secret",
    "storename",
    "store name",
    "unauthori",
    "authenticat",
    "credential",
    "access denied",
    "permission denied",
)
_QUOTA_HINTS: Final = ("request limit", "requests/day", "quota", "too many request")


def generate_key() -> str:
    """Return a new random webhook key reference."""
    return secrets.token_urlsafe(24)


def _response_code(body: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """Return resCode and resDesc from either envelope that ZORT uses."""
    nested = body.get("res")
    sources = [body, nested] if isinstance(nested, Mapping) else [body]
    code: str | None = None
    description: str | None = None
    for source in sources:
        if code is None and (value := to_str(source.get("resCode"))) is not None:
            code = value
        if description is None:
            description = to_str(source.get("resDesc"))
    if code is not None and (number := to_int(code)) is not None:
        code = str(number)
    return code, description


def _has_data(body: Mapping[str, Any]) -> bool:
    """Tell whether a response carries data beside its envelope."""
    return any(key not in {"res", "resCode", "resDesc"} for key in body)


def _mentions(text: str | None, hints: Iterable[str]) -> bool:
    """Tell whether a description mentions any of the hints."""
    lowered = (text or "").lower()
    return any(hint in lowered for hint in hints)


def _record(body: Mapping[str, Any], *wrappers: str) -> Mapping[str, Any]:
    """Return the record of a detail response, at the root or under a wrapper."""
    for wrapper in wrappers:
        if isinstance(inner := body.get(wrapper), Mapping):
            return inner
    return body


def _format_datetime(value: datetime) -> str:
    """Format a datetime the way ZORT's datetime filters take it."""
    if value.tzinfo is not None:
        value = value.astimezone(ZORT_TIMEZONE)
    return value.strftime("%Y-%m-%d %H:%M")


def _csv(values: Iterable[int]) -> str:
    """Join filter codes the way ZORT takes them."""
    return ",".join(str(int(value)) for value in values)


class ZortClient:
    """Talk to one ZORT store through the Open API v4."""

    def __init__(
        self,
        session: aiohttp.ClientSession,
        store_name: str,
        api_key: str,
        api_secret: str,
        *,
        base_url: str = API_BASE_URL,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        """Keep the session and the credentials of one store."""
        self._session = session
        self._headers = {
            "storename": store_name,
            "apikey": api_key,
            "apisecret": api_secret,
        }
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self.quota_notice: str | None = None

    async def _request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> Mapping[str, Any]:
        """Send one request and return the body once its envelope says success."""
        url = f"{self._base_url}/{path}"
        try:
            async with asyncio.timeout(self._timeout):
                response = await self._session.request(
                    method,
                    url,
                    params=params,
                    json=json,
                    headers={**self._headers, **(headers or {})},
                )
                status = response.status
                raw = await response.read()
        except TimeoutError as err:
            raise ZortConnectionError(f"Timeout talking to ZORT ({path})") from err
        except aiohttp.ClientError as err:
            raise ZortConnectionError(f"Cannot reach ZORT ({path}): {err}") from err

        if status in (401, 403):
            raise ZortAuthenticationError(f"ZORT refused the credentials ({status})")
        if status == 429:
            raise ZortQuotaExceededError("ZORT asked to slow down (HTTP 429)")
        if status >= 500:
            raise ZortConnectionError(f"ZORT answered HTTP {status} ({path})")
        if status >= 400:
            raise ZortApiError(str(status), f"HTTP {status} for {path}")

        # JSON is UTF-8; an error page in another encoding must not break decoding.
        text = raw.decode("utf-8", errors="replace")
        try:
            body = jsonlib.loads(text) if text.strip() else None
        except ValueError:
            body = None
        if not isinstance(body, Mapping):
            raise ZortApiError(None, f"ZORT sent a response that is not JSON ({path})")

        return self._check_envelope(path, body)

    def _check_envelope(self, path: str, body: Mapping[str, Any]) -> Mapping[str, Any]:
        """Raise the error that a business response stands for, else return it."""
        code, description = _response_code(body)
        if code is None or code in _SUCCESS_CODES:
            return body
        if _mentions(description, _QUOTA_HINTS):
            # ZORT adds its daily quota notice to answers that still carry data.
            if _has_data(body):
                if self.quota_notice != description:
                    _LOGGER.info("ZORT quota notice: %s", description)
                self.quota_notice = description
                return body
            raise ZortQuotaExceededError(description or "ZORT API quota reached")
        if _mentions(description, _AUTH_HINTS):
            raise ZortAuthenticationError(description or "ZORT refused the credentials")
        _LOGGER.debug("ZORT answered %s to %s: %s", code, path, description)
        raise ZortApiError(code, description)

    async def async_check_credentials(self) -> None:
        """Make the cheapest authenticated call, raising if it fails."""
        await self._request(
            "GET", "Product/GetProducts", params={"page": 1, "limit": 1}
        )

    async def async_get_webhook(self) -> WebhookConfig:
        """Return the store's webhook configuration."""
        try:
            body = await self._request("GET", "Webhook/GetWebhook")
        except ZortApiError as err:
            # A store that never set a webhook answers with an error, not a blank.
            if _mentions(err.description, ("webhook not found", "invalid webhook")):
                return WebhookConfig()
            raise
        return WebhookConfig.from_dict(_record(body, "data"))

    async def async_update_webhook(
        self,
        urls: Mapping[str, str],
        *,
        current: WebhookConfig | None = None,
        key_factory: Callable[[], str] = generate_key,
    ) -> WebhookConfig:
        """Set some URL fields and keep everything else the store has.

        Reads the configuration first, changes only the fields in `urls`, keeps
        the keys the store has, makes up the ones it lacks, and writes only when
        something changed. Pass `current` when it was just read. Returns the
        configuration now in force.
        """
        if current is None:
            current = await self.async_get_webhook()
        keys = {name: current.keys.get(name) or key_factory() for name in WEBHOOK_KEYS}
        merged = WebhookConfig(keys=keys, urls={**current.urls, **urls})
        if merged == current:
            return current
        await self._request("POST", "Webhook/UpdateWebhook", json=merged.as_request())
        return merged

    async def async_clear_webhook_urls(
        self, owns: Callable[[str], bool]
    ) -> WebhookConfig:
        """Blank the URL fields whose value `owns` claims, keeping the rest."""
        current = await self.async_get_webhook()
        cleared = {name: "" for name, url in current.urls.items() if url and owns(url)}
        if not cleared:
            return current
        return await self.async_update_webhook(cleared, current=current)

    async def _async_pages(
        self,
        path: str,
        params: Mapping[str, str | int],
        headers: Mapping[str, str] | None = None,
        limit: int = MAX_PAGE_SIZE,
    ) -> AsyncIterator[Mapping[str, Any]]:
        """Yield every record of a list endpoint, page by page."""
        limit = max(1, min(limit, MAX_PAGE_SIZE))
        seen = 0
        for page in range(1, MAX_PAGES + 1):
            body = await self._request(
                "GET",
                path,
                params={**params, "page": page, "limit": limit},
                headers=headers,
            )
            items = body.get("list")
            records = (
                [item for item in items if isinstance(item, Mapping)]
                if isinstance(items, list)
                else []
            )
            for record in records:
                yield record
            seen += len(records)
            total = to_int(body.get("count"))
            page_size = len(items) if isinstance(items, list) else 0
            if page_size < limit or (total is not None and seen >= total):
                return
        _LOGGER.warning("Stopped reading %s after %s pages", path, MAX_PAGES)

    async def async_get_orders(
        self,
        *,
        status: Iterable[OrderStatus] | None = None,
        payment_status: Iterable[PaymentStatus] | None = None,
        updated_after: datetime | None = None,
        order_date_after: date | None = None,
        limit: int = MAX_PAGE_SIZE,
    ) -> list[Order]:
        """Return the orders that match the filters, across all pages."""
        params: dict[str, str | int] = {}
        if order_date_after is not None:
            params["orderdateafter"] = order_date_after.isoformat()
        if status is not None:
            params["status"] = _csv(status)
        if payment_status is not None:
            params["paymentstatus"] = _csv(payment_status)
        if updated_after is not None:
            params["updatedatetimeafter"] = _format_datetime(updated_after)
        return [
            Order.from_dict(record)
            async for record in self._async_pages(
                "Order/GetOrders", params, limit=limit
            )
        ]

    async def async_get_order(self, order_id: int) -> Order:
        """Return one order with its lines and payments."""
        body = await self._request(
            "GET", "Order/GetOrderDetail", params={"id": order_id}
        )
        return Order.from_dict(_record(body, "data", "order", "detail"))

    async def async_get_products(
        self,
        *,
        active_only: bool = False,
        skus: Iterable[str] | None = None,
        limit: int = MAX_PAGE_SIZE,
    ) -> list[Product]:
        """Return the store's products, across all pages."""
        params: dict[str, str | int] = {}
        if active_only:
            params["activestatus"] = 1
        headers = {"skulist": ",".join(skus)} if skus is not None else None
        return [
            Product.from_dict(record)
            async for record in self._async_pages(
                "Product/GetProducts", params, headers, limit
            )
        ]

    async def async_get_product(self, product_id: int) -> Product:
        """Return one product."""
        body = await self._request(
            "GET", "Product/GetProductDetail", params={"id": product_id}
        )
        return Product.from_dict(_record(body, "data", "product", "detail"))
