"""Typed views of the records that ZORT's Open API returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal, InvalidOperation
from enum import IntEnum
import re
from typing import Any, Self

# ZORT keeps its dates in Thailand time and leaves the zone unstated.
ZORT_TIMEZONE = timezone(timedelta(hours=7), "ICT")

_DOTNET_DATE = re.compile(r"^/Date\((-?\d+)(?:[+-]\d{4})?\)/$")


class OrderStatus(IntEnum):
    """Order status codes of the GetOrders `status` filter."""

    PENDING = 0
    SUCCESS = 1
    VOIDED = 2
    WAITING = 3
    RETURNED = 4
    PACKED = 5
    SHIPPING = 6
    FAILED_SHIPMENT = 7


class PaymentStatus(IntEnum):
    """Payment status codes of the GetOrders `paymentstatus` filter."""

    PENDING = 0
    PAID = 1
    VOIDED = 2
    PARTIAL = 3
    OVERPAID = 4


def to_str(value: Any) -> str | None:
    """Return a non-empty string for a value, or None."""
    if value is None or isinstance(value, (dict, list)):
        return None
    text = str(value).strip()
    return text or None


def to_int(value: Any) -> int | None:
    """Return an integer for a number or numeric string, or None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    number = to_decimal(value)
    if number is None or number != number.to_integral_value():
        return None
    return int(number)


def to_decimal(value: Any) -> Decimal | None:
    """Return a Decimal for a number or a string such as "1,250.00", or None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        value = repr(value)
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def to_bool(value: Any) -> bool | None:
    """Return a bool for ZORT's true/false spellings, or None."""
    if isinstance(value, bool):
        return value
    text = to_str(value)
    if text is None:
        return None
    lowered = text.lower()
    if lowered in {"true", "1", "yes", "y"}:
        return True
    if lowered in {"false", "0", "no", "n"}:
        return False
    return None


def parse_dotnet_date(value: Any) -> datetime | None:
    """Return the instant that a `/Date(ms)/` value stands for, or None."""
    text = to_str(value)
    if text is None or (match := _DOTNET_DATE.match(text)) is None:
        return None
    try:
        return datetime.fromtimestamp(int(match.group(1)) / 1000, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def parse_datetime(raw: Mapping[str, Any], key: str) -> datetime | None:
    """Return an aware datetime from `key` and its `keyString` companion."""
    text = to_str(raw.get(f"{key}String"))
    if text is not None:
        for pattern in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"):
            try:
                parsed = datetime.strptime(text, pattern)
            except ValueError:
                continue
            return parsed.replace(tzinfo=ZORT_TIMEZONE)
    value = raw.get(key)
    if (instant := parse_dotnet_date(value)) is not None:
        return instant
    if (text := to_str(value)) is not None:
        try:
            parsed = datetime.fromisoformat(text)
        except ValueError:
            return None
        if parsed.tzinfo is None:
            parsed = parsed.replace(tzinfo=ZORT_TIMEZONE)
        return parsed
    return None


def parse_date(raw: Mapping[str, Any], key: str) -> date | None:
    """Return a calendar date from `key` and its `keyString` companion."""
    for text in (to_str(raw.get(f"{key}String")), to_str(raw.get(key))):
        if text is None:
            continue
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            continue
    if (instant := parse_dotnet_date(raw.get(key))) is not None:
        return instant.astimezone(ZORT_TIMEZONE).date()
    return None


def _list_of(raw: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
    """Return the objects of a list field, skipping anything else."""
    value = raw.get(key)
    if not isinstance(value, list):
        return []
    return [item for item in value if isinstance(item, Mapping)]


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderLine:
    """One product line of an order."""

    id: int | None
    product_id: int | None
    sku: str | None
    name: str | None
    quantity: Decimal | None
    unit_price: Decimal | None
    total_price: Decimal | None

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Self:
        """Build a line from ZORT's item object."""
        return cls(
            id=to_int(raw.get("id")),
            product_id=to_int(raw.get("productid")),
            sku=to_str(raw.get("sku")),
            name=to_str(raw.get("name")),
            quantity=to_decimal(raw.get("number")),
            unit_price=to_decimal(raw.get("pricepernumber")),
            total_price=to_decimal(raw.get("totalprice")),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Payment:
    """One payment recorded on an order."""

    id: int | None
    name: str | None
    amount: Decimal | None
    paid_at: datetime | None

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Self:
        """Build a payment from ZORT's payment object."""
        return cls(
            id=to_int(raw.get("id")),
            name=to_str(raw.get("name")),
            amount=to_decimal(raw.get("amount")),
            paid_at=parse_datetime(raw, "paymentdatetime"),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Order:
    """A sales order."""

    id: int | None
    number: str | None
    status: str | None
    payment_status: str | None
    amount: Decimal | None
    payment_amount: Decimal | None
    vat_amount: Decimal | None
    shipping_amount: Decimal | None
    discount_amount: Decimal | None
    currency: str | None
    sales_channel: str | None
    tracking_number: str | None
    order_date: date | None
    created_at: datetime | None
    updated_at: datetime | None
    customer_name: str | None = field(repr=False)
    lines: list[OrderLine] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Self:
        """Build an order from ZORT's order object."""
        return cls(
            id=to_int(raw.get("id")),
            number=to_str(raw.get("number")),
            status=to_str(raw.get("status")),
            payment_status=to_str(raw.get("paymentstatus")),
            amount=to_decimal(raw.get("amount")),
            payment_amount=to_decimal(raw.get("paymentamount")),
            vat_amount=to_decimal(raw.get("vatamount")),
            shipping_amount=to_decimal(raw.get("shippingamount")),
            discount_amount=to_decimal(raw.get("discountamount")),
            currency=to_str(raw.get("currency")),
            sales_channel=to_str(raw.get("saleschannel")),
            tracking_number=to_str(raw.get("trackingno")),
            order_date=parse_date(raw, "orderdate"),
            created_at=parse_datetime(raw, "createdatetime"),
            updated_at=parse_datetime(raw, "updatedatetime"),
            customer_name=to_str(raw.get("customername")),
            lines=[OrderLine.from_dict(item) for item in _list_of(raw, "list")],
            payments=[Payment.from_dict(item) for item in _list_of(raw, "payments")],
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Product:
    """A product with its stock."""

    id: int | None
    sku: str | None
    name: str | None
    barcode: str | None
    category: str | None
    sell_price: Decimal | None
    purchase_price: Decimal | None
    stock: Decimal | None
    available_stock: Decimal | None
    unit: str | None
    active: bool | None

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Self:
        """Build a product from ZORT's product object."""
        return cls(
            id=to_int(raw.get("id")),
            sku=to_str(raw.get("sku")),
            name=to_str(raw.get("name")),
            barcode=to_str(raw.get("barcode")),
            category=to_str(raw.get("category")),
            sell_price=to_decimal(raw.get("sellprice")),
            purchase_price=to_decimal(raw.get("purchaseprice")),
            stock=to_decimal(raw.get("stock")),
            available_stock=to_decimal(raw.get("availablestock")),
            unit=to_str(raw.get("unittext")),
            active=to_bool(raw.get("active")),
        )


WEBHOOK_KEYS = ("key1", "key2", "key3")


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookConfig:
    """A store's webhook configuration: the three keys and a URL per trigger."""

    keys: dict[str, str] = field(default_factory=dict, repr=False)
    urls: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, raw: Mapping[str, Any]) -> Self:
        """Build the configuration from GetWebhook's object."""
        keys = {name: text for name in WEBHOOK_KEYS if (text := to_str(raw.get(name)))}
        urls = {
            name.lower(): to_str(value) or ""
            for name, value in raw.items()
            if isinstance(name, str)
            and name.lower().endswith("url")
            and not isinstance(value, (dict, list))
        }
        return cls(keys=keys, urls=urls)

    def as_request(self) -> dict[str, str]:
        """Return the body that UpdateWebhook takes for this configuration."""
        return {
            **{name: self.keys.get(name, "") for name in WEBHOOK_KEYS},
            **self.urls,
        }
