"""Test the order and product endpoints: paging, filters and detail records."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
import logging
from typing import Any

import pytest

from custom_components.zort.api import (
    OrderStatus,
    PaymentStatus,
    ZortClient,
    ZortConnectionError,
)
from custom_components.zort.api.client import MAX_PAGE_SIZE, MAX_PAGES

from .fake_zort import FakeZortServer, ReceivedRequest, Reply, page_of

ICT = timezone(timedelta(hours=7))


def _orders(first: int, count: int) -> list[dict[str, Any]]:
    """Return `count` minimal order records numbered from `first`."""
    return [{"id": n, "number": f"SO-{n:04d}"} for n in range(first, first + count)]


def _products(first: int, count: int) -> list[dict[str, Any]]:
    """Return `count` minimal product records numbered from `first`."""
    return [{"id": n, "sku": f"P{n:04d}"} for n in range(first, first + count)]


def _pages(requests: list[ReceivedRequest]) -> list[tuple[str, str]]:
    """Return the (page, limit) query pair of each request."""
    return [(r.query["page"], r.query["limit"]) for r in requests]


@pytest.mark.parametrize(
    ("limit", "sent"),
    [
        pytest.param(None, "500", id="default"),
        pytest.param(1000, "500", id="above-cap"),
        pytest.param(500, "500", id="at-cap"),
        pytest.param(25, "25", id="small"),
        pytest.param(0, "1", id="zero"),
        pytest.param(-5, "1", id="negative"),
    ],
)
async def test_orders_limit_is_capped_and_pages_start_at_one(
    client: ZortClient, zort_server: FakeZortServer, limit: int | None, sent: str
) -> None:
    """Ask for page 1 with a limit between 1 and 500."""
    zort_server.on("Order/GetOrders", page_of([]))

    if limit is None:
        await client.async_get_orders()
    else:
        await client.async_get_orders(limit=limit)

    (request,) = zort_server.received("Order/GetOrders")
    assert request.method == "GET"
    assert request.query == {"page": "1", "limit": sent}
    assert MAX_PAGE_SIZE == 500


async def test_products_limit_is_capped(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Cap the product page size at 500 as well."""
    zort_server.on("Product/GetProducts", page_of([]))

    await client.async_get_products(limit=2000)

    (request,) = zort_server.received("Product/GetProducts")
    assert request.query == {"page": "1", "limit": "500"}


async def test_orders_read_every_page_until_a_short_one(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Read pages 1, 2, 3 and stop after the short third page."""
    zort_server.on(
        "Order/GetOrders",
        [
            page_of(_orders(1, 2), count=5),
            page_of(_orders(3, 2), count=5),
            page_of(_orders(5, 1), count=5),
            page_of(_orders(90, 2), count=5),
        ],
    )

    orders = await client.async_get_orders(limit=2)

    assert [order.id for order in orders] == [1, 2, 3, 4, 5]
    assert _pages(zort_server.received()) == [("1", "2"), ("2", "2"), ("3", "2")]


async def test_products_from_fixture_pages(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Parse products across two fixture pages and stop on the short one."""
    zort_server.on(
        "Product/GetProducts",
        [
            Reply(json=load_json("get_products_page1.json")),
            Reply(json=load_json("get_products_page2.json")),
            Reply(status=500),
        ],
    )

    products = await client.async_get_products(limit=2)

    assert [p.sku for p in products] == ["P0001", "P0002", "S0001"]
    first, old, service = products
    assert first.id == 1234
    assert first.sell_price == Decimal("1250.00")
    assert first.purchase_price == Decimal("980.50")
    assert first.stock == Decimal("1024.00")
    assert first.available_stock == Decimal("1000.00")
    assert (first.unit, first.category, first.barcode) == (
        "Piece",
        "Skincare",
        "8850000000011",
    )
    assert first.active is True
    assert old.id == 1235
    assert old.available_stock == Decimal("-2.00")
    assert old.active is False
    assert service.sell_price == Decimal("99.5")
    assert service.stock is None
    assert service.active is True
    assert _pages(zort_server.received()) == [("1", "2"), ("2", "2")]


@pytest.mark.parametrize("count", [4, "4", "4.00"], ids=["int", "string", "decimal"])
async def test_paging_stops_when_count_is_reached(
    client: ZortClient, zort_server: FakeZortServer, count: int | str
) -> None:
    """Stop once `count` records came, even though the last page was full."""
    zort_server.on(
        "Product/GetProducts",
        [
            Reply(json={"resCode": "200", "list": _products(1, 2), "count": count}),
            Reply(json={"resCode": "200", "list": _products(3, 2), "count": count}),
            Reply(status=500),
        ],
    )

    products = await client.async_get_products(limit=2)

    assert [p.id for p in products] == [1, 2, 3, 4]
    assert _pages(zort_server.received()) == [("1", "2"), ("2", "2")]


async def test_paging_stops_on_an_empty_page(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Stop on an empty page when ZORT gives no count."""
    zort_server.on(
        "Order/GetOrders",
        [page_of(_orders(1, 2)), page_of([]), Reply(status=500)],
    )

    orders = await client.async_get_orders(limit=2)

    assert [order.id for order in orders] == [1, 2]
    assert _pages(zort_server.received()) == [("1", "2"), ("2", "2")]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"resCode": "200"}, id="no-list"),
        pytest.param({"resCode": "200", "list": None}, id="null-list"),
        pytest.param({"resCode": "200", "list": {"id": 1}}, id="object-list"),
    ],
)
async def test_page_without_a_list_is_empty(
    client: ZortClient, zort_server: FakeZortServer, body: dict[str, Any]
) -> None:
    """Return no orders and ask no further when a page has no list."""
    zort_server.on_json("Order/GetOrders", body)

    assert await client.async_get_orders(limit=2) == []
    assert len(zort_server.received()) == 1


async def test_paging_skips_items_that_are_not_objects(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Skip null and string items of a short page."""
    zort_server.on(
        "Order/GetOrders",
        page_of([{"id": 1}, None, "x", {"id": 2}]),  # type: ignore[list-item]
    )

    orders = await client.async_get_orders(limit=10)

    assert [order.id for order in orders] == [1, 2]


async def test_paging_continues_after_a_full_page_with_junk(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Keep paging when a full page holds an item that is not an object."""
    zort_server.on(
        "Order/GetOrders",
        [
            page_of([{"id": 1}, None]),  # type: ignore[list-item]
            page_of([{"id": 3}]),
        ],
    )

    orders = await client.async_get_orders(limit=2)

    assert [order.id for order in orders] == [1, 3]


async def test_endless_full_pages_stop_at_max_pages(
    client: ZortClient,
    zort_server: FakeZortServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Stop after MAX_PAGES requests when every page is full and count is absent."""

    def full_page(request: ReceivedRequest) -> Reply:
        page = int(request.query["page"])
        return page_of([{"id": page, "number": f"SO-{page}"}])

    zort_server.on("Order/GetOrders", full_page)

    with caplog.at_level(logging.WARNING):
        orders = await client.async_get_orders(limit=1)

    assert len(orders) == MAX_PAGES
    assert [order.id for order in orders] == list(range(1, MAX_PAGES + 1))
    assert len(zort_server.received()) == MAX_PAGES
    assert f"after {MAX_PAGES} pages" in caplog.text
    assert "Order/GetOrders" in caplog.text


async def test_an_error_on_a_later_page_propagates(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Raise instead of returning a partial list when a later page fails."""
    zort_server.on(
        "Order/GetOrders", [page_of(_orders(1, 2), count=4), Reply(status=502)]
    )

    with pytest.raises(ZortConnectionError):
        await client.async_get_orders(limit=2)


async def test_orders_without_filters_send_only_paging(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Send no filter parameters unless asked to."""
    zort_server.on("Order/GetOrders", page_of([]))

    await client.async_get_orders()

    (request,) = zort_server.received()
    assert set(request.query) == {"page", "limit"}


async def test_order_filters(client: ZortClient, zort_server: FakeZortServer) -> None:
    """Send status codes as CSV and updated_after in ZORT's local time."""
    zort_server.on("Order/GetOrders", page_of([]))

    await client.async_get_orders(
        status=[
            OrderStatus.PENDING,
            OrderStatus.WAITING,
            OrderStatus.PACKED,
            OrderStatus.SHIPPING,
        ],
        payment_status=[PaymentStatus.PAID, PaymentStatus.PARTIAL],
        updated_after=datetime(2024, 4, 30, 20, 5, 59, tzinfo=UTC),
    )

    (request,) = zort_server.received()
    assert request.query == {
        "status": "0,3,5,6",
        "paymentstatus": "1,3",
        "updatedatetimeafter": "2024-05-01 03:05",
        "page": "1",
        "limit": "500",
    }


async def test_order_date_after_is_a_plain_date(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Send order_date_after as orderdateafter in yyyy-MM-dd."""
    zort_server.on("Order/GetOrders", page_of([]))

    await client.async_get_orders(
        order_date_after=date(2024, 5, 1), status=[OrderStatus.SUCCESS]
    )

    (request,) = zort_server.received()
    assert request.query == {
        "orderdateafter": "2024-05-01",
        "status": "1",
        "page": "1",
        "limit": "500",
    }


@pytest.mark.parametrize(
    ("updated_after", "sent"),
    [
        pytest.param(
            datetime(2024, 5, 1, 9, 30, tzinfo=ICT), "2024-05-01 09:30", id="ict"
        ),
        pytest.param(
            datetime(2024, 5, 1, 9, 30, tzinfo=timezone(timedelta(hours=-5))),
            "2024-05-01 21:30",
            id="utc-minus-5",
        ),
        pytest.param(
            datetime(2023, 12, 31, 18, 0, tzinfo=UTC), "2024-01-01 01:00", id="new-year"
        ),
        pytest.param(datetime(2024, 5, 1, 9, 30), "2024-05-01 09:30", id="naive"),
    ],
)
async def test_updated_after_is_in_thai_time(
    client: ZortClient,
    zort_server: FakeZortServer,
    updated_after: datetime,
    sent: str,
) -> None:
    """Format updated_after as yyyy-MM-dd HH:mm in UTC+7."""
    zort_server.on("Order/GetOrders", page_of([]))

    await client.async_get_orders(updated_after=updated_after)

    (request,) = zort_server.received()
    assert request.query["updatedatetimeafter"] == sent


async def test_orders_from_fixture(
    client: ZortClient, zort_server: FakeZortServer, load_json: Callable[[str], Any]
) -> None:
    """Parse GetOrders' list with .NET dates, string numbers and missing fields."""
    zort_server.on_json("Order/GetOrders", load_json("get_orders.json"))

    first, second = await client.async_get_orders()

    assert (first.id, first.number, first.status) == (1001, "SO-0001", "Pending")
    assert first.payment_status == "Paid"
    assert first.amount == Decimal("1250.00")
    assert first.payment_amount == Decimal("1250.00")
    assert first.vat_amount == Decimal("81.78")
    assert first.shipping_amount == Decimal("50.00")
    assert first.discount_amount == Decimal("0.00")
    assert (first.currency, first.sales_channel) == ("THB", "Shopee")
    assert first.tracking_number == "TH0123456789"
    assert first.order_date == date(2024, 5, 1)
    assert first.created_at == datetime(2024, 5, 1, 9, 30, tzinfo=ICT)
    assert first.updated_at == datetime(2024, 5, 1, 15, 45, tzinfo=ICT)
    assert first.customer_name == "J**n W***"
    assert [(line.sku, line.quantity, line.total_price) for line in first.lines] == [
        ("P0001", Decimal("2.00"), Decimal("1200.00"))
    ]
    assert [(p.name, p.amount) for p in first.payments] == [
        ("Bank transfer", Decimal("1250.00"))
    ]

    assert (second.id, second.number, second.status) == (1002, "SO-0002", "Waiting")
    assert second.amount == Decimal(68)
    assert second.order_date == date(2024, 5, 2)
    assert second.created_at is None
    assert second.updated_at == datetime(2024, 5, 2, 8, 15, tzinfo=ICT)
    assert second.tracking_number is None
    assert second.customer_name is None
    assert (second.lines, second.payments) == ([], [])


async def test_product_filters(client: ZortClient, zort_server: FakeZortServer) -> None:
    """Send activestatus=1 and the SKUs in the skulist header."""
    zort_server.on("Product/GetProducts", page_of([]))

    await client.async_get_products(active_only=True, skus=["P0001", "P0002"])

    (request,) = zort_server.received()
    assert request.query == {"activestatus": "1", "page": "1", "limit": "500"}
    assert request.headers["skulist"] == "P0001,P0002"
    assert request.headers["apikey"] == "key"


async def test_products_without_filters(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Send neither activestatus nor skulist unless asked to."""
    zort_server.on("Product/GetProducts", page_of([]))

    await client.async_get_products()

    (request,) = zort_server.received()
    assert "activestatus" not in request.query
    assert "skulist" not in request.headers


async def test_skulist_is_sent_with_every_page(
    client: ZortClient, zort_server: FakeZortServer
) -> None:
    """Repeat the skulist header on every page request."""
    zort_server.on(
        "Product/GetProducts", [page_of(_products(1, 1)), page_of(_products(2, 0))]
    )

    await client.async_get_products(skus=("P0001", "P0002"), limit=1)

    assert [r.headers.get("skulist") for r in zort_server.received()] == [
        "P0001,P0002",
        "P0001,P0002",
    ]


@pytest.mark.parametrize("wrapper", [None, "data", "order", "detail"])
async def test_get_order_detail(
    client: ZortClient,
    zort_server: FakeZortServer,
    load_json: Callable[[str], Any],
    wrapper: str | None,
) -> None:
    """Read GetOrderDetail's order at the root or under data, order or detail."""
    body: dict[str, Any] = load_json("get_order_detail.json")
    if wrapper is not None:
        record = {k: v for k, v in body.items() if not k.startswith("res")}
        body = {"resCode": "200", "resDesc": "Success", wrapper: record}
    zort_server.on_json("Order/GetOrderDetail", body)

    order = await client.async_get_order(1001)

    (request,) = zort_server.received()
    assert (request.method, request.path) == ("GET", "/v4/Order/GetOrderDetail")
    assert request.query == {"id": "1001"}
    assert (order.id, order.number, order.status) == (1001, "SO-0001", "Packed")
    assert order.customer_name == "Somchai Jaidee"
    assert order.tracking_number is None
    assert [line.sku for line in order.lines] == ["P0001", "P0002"]
    assert [p.id for p in order.payments] == [9001, 9002]


@pytest.mark.parametrize("wrapper", [None, "data", "product", "detail"])
async def test_get_product_detail(
    client: ZortClient,
    zort_server: FakeZortServer,
    load_json: Callable[[str], Any],
    wrapper: str | None,
) -> None:
    """Read GetProductDetail's product at the root or under data, product or detail."""
    body: dict[str, Any] = load_json("get_product_detail.json")
    if wrapper is not None:
        record = {k: v for k, v in body.items() if not k.startswith("res")}
        body = {"res": {"resCode": "200"}, wrapper: record}
    zort_server.on_json("Product/GetProductDetail", body)

    product = await client.async_get_product(1234)

    (request,) = zort_server.received()
    assert (request.method, request.path) == ("GET", "/v4/Product/GetProductDetail")
    assert request.query == {"id": "1234"}
    assert (product.id, product.sku, product.name) == (1234, "P0001", "Product1")
    assert product.stock == Decimal("1024.00")
    assert product.active is True
