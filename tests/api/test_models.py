"""Test the parsing of ZORT's loosely typed records into models."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest

from custom_components.zort.api import (
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
    Product,
    WebhookConfig,
)
from custom_components.zort.api.models import (
    ZORT_TIMEZONE,
    parse_date,
    parse_datetime,
    parse_dotnet_date,
    to_bool,
    to_decimal,
    to_int,
    to_str,
)

ICT = timezone(timedelta(hours=7))


def test_zort_timezone_is_utc_plus_7() -> None:
    """Read ZORT's unzoned dates as Thailand time."""
    assert ZORT_TIMEZONE.utcoffset(None) == timedelta(hours=7)


def test_status_codes_match_the_filter_tables() -> None:
    """Keep the GetOrders filter codes of API.md."""
    assert [(s.name, s.value) for s in OrderStatus] == [
        ("PENDING", 0),
        ("SUCCESS", 1),
        ("VOIDED", 2),
        ("WAITING", 3),
        ("RETURNED", 4),
        ("PACKED", 5),
        ("SHIPPING", 6),
        ("FAILED_SHIPMENT", 7),
    ]
    assert [(s.name, s.value) for s in PaymentStatus] == [
        ("PENDING", 0),
        ("PAID", 1),
        ("VOIDED", 2),
        ("PARTIAL", 3),
        ("OVERPAID", 4),
    ]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("20.00", Decimal("20.00"), id="string"),
        pytest.param("1,250.00", Decimal("1250.00"), id="thousands-comma"),
        pytest.param("1,234,567.5", Decimal("1234567.5"), id="millions"),
        pytest.param(" 7 ", Decimal(7), id="padded"),
        pytest.param("-2.00", Decimal("-2.00"), id="negative"),
        pytest.param(68, Decimal(68), id="int"),
        pytest.param(0.1, Decimal("0.1"), id="float-exact-repr"),
        pytest.param(50.5, Decimal("50.5"), id="float"),
        pytest.param(Decimal("3.30"), Decimal("3.30"), id="decimal"),
        pytest.param(True, None, id="bool-true"),
        pytest.param(False, None, id="bool-false"),
        pytest.param(None, None, id="none"),
        pytest.param("", None, id="empty"),
        pytest.param("abc", None, id="junk"),
        pytest.param("12abc", None, id="trailing-junk"),
        pytest.param("NaN", None, id="nan"),
        pytest.param("Infinity", None, id="infinity"),
        pytest.param(float("inf"), None, id="float-inf"),
        pytest.param([1], None, id="list"),
        pytest.param({"a": 1}, None, id="dict"),
    ],
)
def test_to_decimal(value: Any, expected: Decimal | None) -> None:
    """Read ZORT's numbers, also as strings with commas, and reject junk."""
    result = to_decimal(value)
    assert result == expected
    if expected is not None:
        assert str(result) == str(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(1234, 1234, id="int"),
        pytest.param("1234", 1234, id="string"),
        pytest.param("20.00", 20, id="whole-decimal-string"),
        pytest.param("1,000", 1000, id="comma"),
        pytest.param(3.0, 3, id="whole-float"),
        pytest.param("20.5", None, id="fraction"),
        pytest.param(2.5, None, id="float-fraction"),
        pytest.param(True, None, id="bool"),
        pytest.param(None, None, id="none"),
        pytest.param("x1", None, id="junk"),
        pytest.param("", None, id="empty"),
    ],
)
def test_to_int(value: Any, expected: int | None) -> None:
    """Read whole numbers and reject fractions, bools and junk."""
    result = to_int(value)
    assert result == expected
    assert result is None or type(result) is int


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(True, True, id="true"),
        pytest.param(False, False, id="false"),
        pytest.param("true", True, id="str-true"),
        pytest.param("True", True, id="str-True"),
        pytest.param(" FALSE ", False, id="str-FALSE-padded"),
        pytest.param("false", False, id="str-false"),
        pytest.param("1", True, id="str-1"),
        pytest.param("0", False, id="str-0"),
        pytest.param(1, True, id="int-1"),
        pytest.param(0, False, id="int-0"),
        pytest.param("yes", True, id="yes"),
        pytest.param("Y", True, id="y"),
        pytest.param("no", False, id="no"),
        pytest.param("n", False, id="n"),
        pytest.param("maybe", None, id="junk"),
        pytest.param(2, None, id="int-2"),
        pytest.param("", None, id="empty"),
        pytest.param(None, None, id="none"),
        pytest.param([], None, id="list"),
    ],
)
def test_to_bool(value: Any, expected: bool | None) -> None:
    """Read ZORT's true/false spellings and nothing else."""
    assert to_bool(value) is expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param("SO-0001", "SO-0001", id="string"),
        pytest.param("  SO-1  ", "SO-1", id="padded"),
        pytest.param(1234, "1234", id="int"),
        pytest.param("", None, id="empty"),
        pytest.param("   ", None, id="blank"),
        pytest.param(None, None, id="none"),
        pytest.param(["a"], None, id="list"),
        pytest.param({"a": 1}, None, id="dict"),
    ],
)
def test_to_str(value: Any, expected: str | None) -> None:
    """Return stripped non-empty text, and None for blanks and containers."""
    assert to_str(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        pytest.param(
            "/Date(1714530600000)/",
            datetime(2024, 5, 1, 2, 30, tzinfo=UTC),
            id="plain",
        ),
        pytest.param(
            "/Date(1714530600000+0700)/",
            datetime(2024, 5, 1, 2, 30, tzinfo=UTC),
            id="plus-0700-suffix",
        ),
        pytest.param(
            "/Date(1714530600000-0500)/",
            datetime(2024, 5, 1, 2, 30, tzinfo=UTC),
            id="minus-0500-suffix",
        ),
        pytest.param("/Date(0)/", datetime(1970, 1, 1, tzinfo=UTC), id="epoch"),
        pytest.param(
            "/Date(-86400000)/", datetime(1969, 12, 31, tzinfo=UTC), id="negative"
        ),
        pytest.param(" /Date(0)/ ", datetime(1970, 1, 1, tzinfo=UTC), id="padded"),
        pytest.param("/Date(99999999999999999999)/", None, id="overflow"),
        pytest.param("/Date(abc)/", None, id="not-a-number"),
        pytest.param("Date(0)", None, id="no-slashes"),
        pytest.param("/Date(1714530600000+07)/", None, id="short-offset"),
        pytest.param("2024-05-01", None, id="iso"),
        pytest.param(1714530600000, None, id="bare-number"),
        pytest.param(None, None, id="none"),
    ],
)
def test_parse_dotnet_date(value: Any, expected: datetime | None) -> None:
    """Read /Date(ms)/ as a UTC instant, ignoring the informational offset."""
    result = parse_dotnet_date(value)
    assert result == expected
    if result is not None:
        assert result.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            {"d": "/Date(1714530600000)/", "dString": "2024-05-01 09:30"},
            datetime(2024, 5, 1, 9, 30, tzinfo=ICT),
            id="string-minutes",
        ),
        pytest.param(
            {"dString": "2024-05-01 09:30:15"},
            datetime(2024, 5, 1, 9, 30, 15, tzinfo=ICT),
            id="string-seconds",
        ),
        pytest.param(
            {"dString": "2024-05-01T09:30:15"},
            datetime(2024, 5, 1, 9, 30, 15, tzinfo=ICT),
            id="string-iso-t",
        ),
        pytest.param(
            {"d": "/Date(0)/", "dString": "2024-05-01 09:30"},
            datetime(2024, 5, 1, 9, 30, tzinfo=ICT),
            id="string-preferred-over-dotnet",
        ),
        pytest.param(
            {"d": "/Date(1714530600000)/", "dString": "01/05/2024 09:30"},
            datetime(2024, 5, 1, 9, 30, tzinfo=ICT),
            id="bad-string-falls-back-to-dotnet",
        ),
        pytest.param(
            {"d": "/Date(1714530600000+0700)/"},
            datetime(2024, 5, 1, 9, 30, tzinfo=ICT),
            id="dotnet-only",
        ),
        pytest.param(
            {"d": "/Date(1714530600000)/", "dString": ""},
            datetime(2024, 5, 1, 9, 30, tzinfo=ICT),
            id="blank-string",
        ),
        pytest.param(
            {"d": "2024-05-01T09:30:00"},
            datetime(2024, 5, 1, 9, 30, tzinfo=ICT),
            id="iso-naive-is-thai",
        ),
        pytest.param(
            {"d": "2024-05-01T02:30:00Z"},
            datetime(2024, 5, 1, 9, 30, tzinfo=ICT),
            id="iso-utc",
        ),
        pytest.param(
            {"d": "2024-05-01 09:30:00+07:00"},
            datetime(2024, 5, 1, 9, 30, tzinfo=ICT),
            id="iso-offset",
        ),
        pytest.param({"d": "yesterday"}, None, id="garbage"),
        pytest.param({"d": "yesterday", "dString": "soon"}, None, id="all-garbage"),
        pytest.param({"dString": "2024-05-01"}, None, id="date-only-string"),
        pytest.param({"d": None}, None, id="null"),
        pytest.param({}, None, id="missing"),
    ],
)
def test_parse_datetime(raw: dict[str, Any], expected: datetime | None) -> None:
    """Prefer the ...String companion, then /Date(ms)/, then ISO, else None."""
    result = parse_datetime(raw, "d")
    assert result == expected
    if result is not None:
        assert result.tzinfo is not None


def test_parse_datetime_string_is_thai_wall_time() -> None:
    """Attach UTC+7 to the wall time of a ...String companion."""
    result = parse_datetime({"dString": "2024-05-01 09:30"}, "d")
    assert result is not None
    assert result.utcoffset() == timedelta(hours=7)
    assert result.astimezone(UTC) == datetime(2024, 5, 1, 2, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(
            {"d": "/Date(0)/", "dString": "2024-05-01"},
            date(2024, 5, 1),
            id="string-preferred",
        ),
        pytest.param(
            {"d": "2024-04-30T17:00:00Z", "dString": "2024-05-01"},
            date(2024, 5, 1),
            id="string-preferred-over-iso",
        ),
        pytest.param(
            {"dString": "2024-05-01 13:45"}, date(2024, 5, 1), id="datetime-string"
        ),
        pytest.param({"d": "2024-05-01"}, date(2024, 5, 1), id="iso-value"),
        pytest.param({"d": "2024-05-01T23:00:00"}, date(2024, 5, 1), id="iso-datetime"),
        pytest.param(
            {"d": "/Date(1714496400000)/"}, date(2024, 5, 1), id="dotnet-midnight-thai"
        ),
        pytest.param(
            {"d": "/Date(1714496400000)/", "dString": "n/a"},
            date(2024, 5, 1),
            id="bad-string-dotnet",
        ),
        pytest.param({"d": "garbage"}, None, id="garbage"),
        pytest.param({"d": None, "dString": ""}, None, id="blank"),
        pytest.param({}, None, id="missing"),
    ],
)
def test_parse_date(raw: dict[str, Any], expected: date | None) -> None:
    """Read a calendar date in Thai time from a string or /Date(ms)/."""
    assert parse_date(raw, "d") == expected


def test_order_from_detail_fixture(load_json: Callable[[str], Any]) -> None:
    """Build an order with lines and payments, skipping non-object items."""
    order = Order.from_dict(load_json("get_order_detail.json"))

    assert order.lines == [
        OrderLine(
            id=5001,
            product_id=1234,
            sku="P0001",
            name="Product1",
            quantity=Decimal("2.00"),
            unit_price=Decimal("600.00"),
            total_price=Decimal("1200.00"),
        ),
        OrderLine(
            id=5002,
            product_id=1235,
            sku="P0002",
            name="Shipping box",
            quantity=Decimal(1),
            unit_price=Decimal("50.5"),
            total_price=Decimal("50.50"),
        ),
    ]
    assert order.payments == [
        Payment(
            id=9001,
            name="Bank transfer",
            amount=Decimal("1000.00"),
            paid_at=datetime(2024, 5, 1, 10, 12, 34, tzinfo=ICT),
        ),
        Payment(
            id=9002,
            name="Cash",
            amount=Decimal(250),
            paid_at=datetime(2024, 5, 1, 23, 30, tzinfo=ICT),
        ),
    ]
    assert order.order_date == date(2024, 5, 1)
    assert order.created_at == datetime(2024, 5, 1, 9, 30, tzinfo=ICT)


def test_order_from_empty_record() -> None:
    """Build an order of Nones and empty lists from an empty record."""
    order = Order.from_dict({})

    assert order.id is None
    assert order.number is None
    assert order.amount is None
    assert order.order_date is None
    assert order.created_at is None
    assert order.lines == []
    assert order.payments == []


@pytest.mark.parametrize(
    "value",
    [None, "", {"id": 1}, "list"],
    ids=["null", "empty-string", "object", "string"],
)
def test_order_lines_that_are_not_a_list(value: Any) -> None:
    """Read no lines and no payments when those fields are not lists."""
    order = Order.from_dict({"id": 1, "list": value, "payments": value})

    assert (order.lines, order.payments) == ([], [])


def test_customer_name_is_not_in_repr() -> None:
    """Keep the customer's name out of repr(Order), which ends up in logs."""
    order = Order.from_dict(
        {"id": 1, "number": "SO-1", "customername": "Somchai Jaidee"}
    )

    assert order.customer_name == "Somchai Jaidee"
    assert "Somchai" not in repr(order)
    assert "SO-1" in repr(order)


def test_webhook_keys_are_not_in_repr() -> None:
    """Keep the webhook keys, which are secrets, out of repr(WebhookConfig)."""
    config = WebhookConfig(keys={"key1": "s3cret-value"}, urls={"addorderurl": "u"})

    assert "s3cret-value" not in repr(config)
    assert "addorderurl" in repr(config)


@pytest.mark.parametrize(
    ("active", "expected"),
    [
        pytest.param(True, True, id="bool-true"),
        pytest.param(False, False, id="bool-false"),
        pytest.param("true", True, id="str-true"),
        pytest.param("false", False, id="str-false"),
        pytest.param("False", False, id="str-False"),
        pytest.param(None, None, id="null"),
        pytest.param("unknown", None, id="junk"),
    ],
)
def test_product_active(active: Any, expected: bool | None) -> None:
    """Read Product.active from a bool or a true/false string."""
    assert Product.from_dict({"id": 1, "active": active}).active is expected


def test_product_from_fixture(load_json: Callable[[str], Any]) -> None:
    """Build a product with string prices and stock."""
    product = Product.from_dict(load_json("get_product_detail.json"))

    assert product == Product(
        id=1234,
        sku="P0001",
        name="Product1",
        barcode="8850000000011",
        category="Skincare",
        sell_price=Decimal("1250.00"),
        purchase_price=Decimal("980.50"),
        stock=Decimal("1024.00"),
        available_stock=Decimal("1000.00"),
        unit="Piece",
        active=True,
    )


def test_webhook_config_from_dict(load_json: Callable[[str], Any]) -> None:
    """Keep non-blank keys and every *url field, blank or null as ''."""
    config = WebhookConfig.from_dict(load_json("get_webhook.json"))

    assert config.keys == {
        "key1": "existing-key-1",
        "key2": "existing-key-2",
        "key3": "existing-key-3",
    }
    assert config.urls["addwarehouseurl"] == "https://erp.example.com/zort/warehouse"
    assert config.urls["updatepriceurl"] == "https://erp.example.com/zort/price"
    assert config.urls["deleteproducturl"] == ""
    assert config.urls["addproducturl"] == ""
    assert "hookVersion" not in config.urls
    assert "hookversion" not in config.urls
    assert not any(name.startswith("res") for name in config.urls)


def test_webhook_config_from_dict_odd_values() -> None:
    """Lower-case URL field names and skip nested values and blank keys."""
    config = WebhookConfig.from_dict(
        {
            "key1": "  ",
            "key2": 12345,
            "AddOrderURL": "https://a",
            "updateorderurl": {"nested": True},
            "deleteorderurl": ["x"],
            "updatequantityurl": 7,
            "description": "not a url field",
        }
    )

    assert config.keys == {"key2": "12345"}
    assert config.urls == {"addorderurl": "https://a", "updatequantityurl": "7"}


@pytest.mark.parametrize(
    "config",
    [
        pytest.param(WebhookConfig(), id="empty"),
        pytest.param(
            WebhookConfig(
                keys={"key1": "a", "key2": "b", "key3": "c"},
                urls={"addorderurl": "https://x", "updatepriceurl": ""},
            ),
            id="full",
        ),
        pytest.param(
            WebhookConfig(keys={"key2": "b"}, urls={"addwarehouseurl": "https://w"}),
            id="partial-keys",
        ),
    ],
)
def test_webhook_config_round_trip(config: WebhookConfig) -> None:
    """Rebuild the same configuration from the body that as_request makes."""
    body = config.as_request()

    assert list(body)[:3] == ["key1", "key2", "key3"]
    assert all(isinstance(value, str) for value in body.values())
    assert WebhookConfig.from_dict(body) == config


def test_webhook_config_as_request_blanks_missing_keys() -> None:
    """Send '' for every key the configuration lacks."""
    config = WebhookConfig(keys={"key1": "a"}, urls={"addorderurl": "https://x"})

    assert config.as_request() == {
        "key1": "a",
        "key2": "",
        "key3": "",
        "addorderurl": "https://x",
    }
