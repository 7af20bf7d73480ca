"""Tests for the ZORT webhook receiver."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus
import json
from typing import Any
from urllib.parse import urlencode

from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    load_json_object_fixture,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.zort.api import TRIGGERS
from custom_components.zort.const import DOMAIN, EVENT_ZORT
from homeassistant.components.webhook import async_generate_path, async_handle_webhook
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir
from homeassistant.util.aiohttp import MockRequest

from . import KEY1, STORE, WEBHOOK_ID, post_push

pytestmark = pytest.mark.usefixtures("init_integration")

CUSTOMER_DATA = ("Somchai", "0812345678", "somchai@example.com", "Sukhumvit")

EXPECTED = {
    "ADDPRODUCT": ("product", "add"),
    "UPDATEPRODUCT": ("product", "update"),
    "UPDATEPRODUCTQUANTITY": ("product", "update_quantity"),
    "DELETEPRODUCT": ("product", "delete"),
    "ADDORDER": ("order", "add"),
    "UPDATEORDER": ("order", "update"),
    "UPDATEORDERPAYMENT": ("order", "update_payment"),
    "UPDATEORDERTRACKING": ("order", "update_tracking"),
    "DELETEORDER": ("order", "delete"),
    "ADDPURCHASEORDER": ("purchase_order", "add"),
    "UPDATEPURCHASEORDER": ("purchase_order", "update"),
    "UPDATEPURCHASEORDERPAYMENT": ("purchase_order", "update_payment"),
    "DELETEPURCHASEORDER": ("purchase_order", "delete"),
    "ADDRETURNORDER": ("return_order", "add"),
    "UPDATERETURNORDER": ("return_order", "update"),
    "UPDATERETURNORDERPAYMENT": ("return_order", "update_payment"),
    "DELETERETURNORDER": ("return_order", "delete"),
    "ADDRETURNPURCHASEORDER": ("return_purchase_order", "add"),
    "UPDATERETURNPURCHASEORDER": ("return_purchase_order", "update"),
    "UPDATERETURNPURCHASEORDERPAYMENT": ("return_purchase_order", "update_payment"),
    "DELETERETURNPURCHASEORDER": ("return_purchase_order", "delete"),
    "ADDTRANSFER": ("transfer", "add"),
    "UPDATETRANSFER": ("transfer", "update"),
}
ENTITY_OF = {
    "product": "event.shop_example_com_product",
    "order": "event.shop_example_com_order",
    "purchase_order": "event.shop_example_com_purchase_order",
    "return_order": "event.shop_example_com_return_order",
    "return_purchase_order": "event.shop_example_com_purchase_return",
    "transfer": "event.shop_example_com_stock_transfer",
}


def payload_for(trigger: str) -> dict[str, Any]:
    """Return a realistic payload for a trigger."""
    if trigger == "UPDATEPRODUCTQUANTITY":
        return load_json_object_fixture("push_product_quantity.json")
    if "PRODUCT" in trigger:
        return load_json_object_fixture("push_product.json")
    if "PURCHASE" not in trigger and "RETURN" not in trigger and "ORDER" in trigger:
        return load_json_object_fixture("push_order.json")
    return load_json_object_fixture("push_document.json")


def test_every_trigger_is_covered() -> None:
    """Check this matrix names exactly ZORT's 23 triggers."""
    assert sorted(EXPECTED) == sorted(trigger.name for trigger in TRIGGERS)
    assert len(EXPECTED) == 23


@pytest.mark.parametrize("encoding", ["form", "json"])
@pytest.mark.parametrize("trigger", sorted(EXPECTED))
async def test_push_fires_event_and_entity(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    trigger: str,
    encoding: str,
) -> None:
    """Turn a push of each trigger, in either body encoding, into events."""
    events = async_capture_events(hass, EVENT_ZORT)
    payload = payload_for(trigger)

    response = await post_push(hass_client_no_auth, trigger, payload, encoding=encoding)
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.OK
    category, action = EXPECTED[trigger]
    assert len(events) == 1
    data = events[0].data
    assert data["entry_id"] == "01JZORTENTRY0000000000000"
    assert data["store"] == STORE
    assert data["trigger"] == trigger
    assert data["category"] == category
    assert data["action"] == action
    assert data["id"] == payload["id"]
    assert data.get("number") == payload.get("number")
    assert data["payload"] == payload

    state = hass.states.get(ENTITY_OF[category])
    assert state is not None
    assert state.attributes["event_type"] == action
    assert state.attributes["trigger"] == trigger
    assert state.attributes["id"] == payload["id"]
    for other_category, entity_id in ENTITY_OF.items():
        if other_category != category:
            other = hass.states.get(entity_id)
            assert other is not None
            assert other.state == "unknown"


async def test_entity_attributes_hold_no_customer_data(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Keep customer names, phones, e-mails and addresses out of entity state."""
    await post_push(hass_client_no_auth, "ADDORDER", payload_for("ADDORDER"))
    await post_push(
        hass_client_no_auth, "ADDPURCHASEORDER", payload_for("ADDPURCHASEORDER")
    )
    await hass.async_block_till_done()

    for entity_id in (ENTITY_OF["order"], ENTITY_OF["purchase_order"]):
        state = hass.states.get(entity_id)
        assert state is not None
        assert state.attributes["id"] in (52001, 7001)
        text = json.dumps(dict(state.attributes), default=str)
        for secret in (*CUSTOMER_DATA, "Bangkok Supplies", "021234567"):
            assert secret not in text

    order = hass.states.get(ENTITY_OF["order"])
    assert order is not None
    assert order.attributes["number"] == "SO-0042"
    assert order.attributes["status"] == "Pending"
    assert order.attributes["payment_status"] == "Paid"
    assert order.attributes["amount"] == "1,250.00"
    assert order.attributes["tracking_number"] == "TH0123456789"


async def test_product_quantity_attributes(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Show the SKU and stock of a stock change on the product entity."""
    await post_push(
        hass_client_no_auth,
        "UPDATEQUANTITY",
        payload_for("UPDATEPRODUCTQUANTITY"),
    )
    await hass.async_block_till_done()

    state = hass.states.get(ENTITY_OF["product"])
    assert state is not None
    assert state.attributes["event_type"] == "update_quantity"
    assert state.attributes["trigger"] == "UPDATEPRODUCTQUANTITY"
    assert state.attributes["sku"] == "TEA-001"
    assert state.attributes["stock"] == "118.00"
    assert state.attributes["available_stock"] == "108.00"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param({"trigger": "ADDORDER"}, "ADDORDER", id="registered-url-only"),
        pytest.param(
            {"trigger": "UPDATEORDER", "method": "UPDATEORDERPAYMENT"},
            "UPDATEORDERPAYMENT",
            id="method-wins",
        ),
        pytest.param(
            {"trigger": "UPDATEORDER?method=UPDATEORDER"},
            "UPDATEORDER",
            id="query-glued-to-our-parameter",
        ),
        pytest.param({"method": " updateorder "}, "UPDATEORDER", id="case-and-spaces"),
        pytest.param({"method": "UPDATEQUANTITY"}, "UPDATEPRODUCTQUANTITY", id="alias"),
    ],
)
async def test_trigger_sources(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    query: dict[str, str],
    expected: str,
) -> None:
    """Tell the trigger from `method`, else from the URL we registered."""
    events = async_capture_events(hass, EVENT_ZORT)

    response = await post_push(
        hass_client_no_auth, None, {"id": 1, "number": "SO-1"}, query=query
    )
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.OK
    assert [event.data["trigger"] for event in events] == [expected]


@pytest.mark.parametrize(
    "body",
    [
        pytest.param({"payload": {"id": 5, "number": "SO-5"}}, id="wrapped-object"),
        pytest.param(
            {"payload": json.dumps({"id": 5, "number": "SO-5"})}, id="wrapped-string"
        ),
        pytest.param(
            {"method": "ADDORDER", "payload": {"id": 5, "number": "SO-5"}},
            id="method-beside-payload",
        ),
        pytest.param(
            {"payload": {"method": "ADDORDER", "id": 5, "number": "SO-5"}},
            id="method-inside-payload",
        ),
    ],
)
async def test_wrapped_json_bodies(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    body: dict[str, Any],
) -> None:
    """Accept `{"payload": ...}` bodies and a method carried in the body."""
    events = async_capture_events(hass, EVENT_ZORT)
    client = await hass_client_no_auth()
    query = {} if "method" in json.dumps(body) else {"method": "ADDORDER"}

    response = await client.post(
        async_generate_path(WEBHOOK_ID),
        params=query,
        json=body,
        headers={"Authorization": f"Basic {KEY1}"},
    )
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.OK
    assert len(events) == 1
    assert events[0].data["trigger"] == "ADDORDER"
    assert events[0].data["id"] == 5
    assert events[0].data["number"] == "SO-5"


async def test_form_body_method_field(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Read the trigger from a `method` form field when the URL has none."""
    events = async_capture_events(hass, EVENT_ZORT)
    client = await hass_client_no_auth()

    response = await client.post(
        async_generate_path(WEBHOOK_ID),
        data={"method": "DELETEPRODUCT", "payload": json.dumps({"id": 9, "sku": "X"})},
        headers={"key1": KEY1},
    )
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.OK
    assert [event.data["action"] for event in events] == ["delete"]
    assert "number" not in events[0].data


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no-key"),
        pytest.param({"Authorization": "Basic wrong-key"}, id="wrong-basic"),
        pytest.param({"key1": "wrong-key"}, id="wrong-key1-header"),
        pytest.param({"Authorization": f"Bearer {KEY1}"}, id="wrong-scheme"),
        pytest.param({"Authorization": "Basic "}, id="empty-basic"),
        pytest.param({"key2": KEY1, "key3": KEY1}, id="key-in-other-headers"),
    ],
)
async def test_unauthorized_push(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    headers: dict[str, str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Refuse a push without the store's key1, and fire nothing."""
    events = async_capture_events(hass, EVENT_ZORT)
    client = await hass_client_no_auth()
    caplog.set_level("DEBUG", logger="custom_components.zort")

    response = await client.post(
        async_generate_path(WEBHOOK_ID),
        params={"method": "ADDORDER"},
        data={"payload": json.dumps(payload_for("ADDORDER"))},
        headers=headers,
    )
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.UNAUTHORIZED
    assert events == []
    assert "without a valid key" in caplog.text
    assert KEY1 not in caplog.text
    state = hass.states.get(ENTITY_OF["order"])
    assert state is not None
    assert state.state == "unknown"


@pytest.mark.parametrize(
    ("body", "content_type", "reason"),
    [
        pytest.param(
            b"{not json",
            "application/json",
            "payload is not valid JSON",
            id="broken-json",
        ),
        pytest.param(b"[1, 2]", "application/json", "no payload field", id="json-list"),
        pytest.param(
            b'{"payload": [1]}',
            "application/json",
            "not a JSON object",
            id="payload-list",
        ),
        pytest.param(
            b'{"payload": "{oops"}',
            "application/json",
            "not valid JSON",
            id="payload-broken-string",
        ),
        pytest.param(
            b"foo=bar",
            "application/x-www-form-urlencoded",
            "no payload field",
            id="form-without-payload",
        ),
        pytest.param(
            b"payload=%5B%5D",
            "application/x-www-form-urlencoded",
            "not a JSON object",
            id="form-payload-list",
        ),
        pytest.param(
            b"\xff\xfe\x00", "application/octet-stream", "not UTF-8", id="binary"
        ),
        pytest.param(
            b'"just a string"', "application/json", "no payload field", id="json-string"
        ),
    ],
)
async def test_garbage_body(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    body: bytes,
    content_type: str,
    reason: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Answer 400 with a short reason to a body that cannot be read."""
    events = async_capture_events(hass, EVENT_ZORT)
    client = await hass_client_no_auth()

    response = await client.post(
        async_generate_path(WEBHOOK_ID),
        params={"method": "ADDORDER"},
        data=body,
        headers={"Authorization": f"Basic {KEY1}", "Content-Type": content_type},
    )
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.BAD_REQUEST
    assert reason in await response.text()
    assert events == []
    assert "Rejected a ZORT push" in caplog.text


@pytest.mark.parametrize(
    "query",
    [
        pytest.param({"method": "ADDWAREHOUSE"}, id="unknown-method"),
        pytest.param({}, id="no-trigger-anywhere"),
        pytest.param({"trigger": "?method="}, id="empty-glued"),
    ],
)
async def test_unknown_trigger(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    query: dict[str, str],
) -> None:
    """Answer 400 to a trigger that ZORT does not document."""
    events = async_capture_events(hass, EVENT_ZORT)

    response = await post_push(hass_client_no_auth, None, {"id": 1}, query=query)
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.BAD_REQUEST
    assert await response.text() == "unknown trigger"
    assert events == []


async def test_oversized_body(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Refuse a body over 1 MiB without firing anything."""
    events = async_capture_events(hass, EVENT_ZORT)
    payload = {"id": 1, "note": "x" * (1024 * 1024)}

    response = await post_push(
        hass_client_no_auth, "ADDORDER", payload, encoding="json"
    )
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.BAD_REQUEST
    assert await response.text() == "body too large"
    assert events == []


async def test_oversized_chunked_body(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Refuse a large body even when the sender gives no length."""
    events = async_capture_events(hass, EVENT_ZORT)
    client = await hass_client_no_auth()

    async def chunks() -> Any:
        """Stream a little over 1 MiB."""
        for _ in range(17):
            yield b"x" * 65536

    response = await client.post(
        async_generate_path(WEBHOOK_ID),
        params={"method": "ADDORDER"},
        data=chunks(),
        headers={"Authorization": f"Basic {KEY1}"},
    )
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.BAD_REQUEST
    assert events == []


async def test_body_just_under_limit_is_read(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Accept a large body that stays within 1 MiB."""
    events = async_capture_events(hass, EVENT_ZORT)
    payload = {"id": 1, "note": "x" * (1024 * 1024 - 100)}

    response = await post_push(
        hass_client_no_auth, "ADDORDER", payload, encoding="json"
    )
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.OK
    assert len(events) == 1


@pytest.mark.parametrize("body", [b"", b"  \n"], ids=["empty", "whitespace"])
async def test_verification_call(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    body: bytes,
) -> None:
    """Answer ZORT's empty "Verify and Save" call with 200 and fire nothing."""
    events = async_capture_events(hass, EVENT_ZORT)
    client = await hass_client_no_auth()

    response = await client.post(
        async_generate_path(WEBHOOK_ID),
        data=body,
        headers={"Authorization": f"Basic {KEY1}"},
    )
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.OK
    assert events == []


async def test_get_is_not_allowed(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Take pushes only as POST."""
    client = await hass_client_no_auth()

    response = await client.get(
        async_generate_path(WEBHOOK_ID), headers={"Authorization": f"Basic {KEY1}"}
    )

    assert response.status == HTTPStatus.METHOD_NOT_ALLOWED


async def test_duplicate_delivery(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Fire a repeated delivery once within ten minutes, and again after."""
    events = async_capture_events(hass, EVENT_ZORT)
    payload = payload_for("ADDORDER")

    first = await post_push(hass_client_no_auth, "ADDORDER", payload)
    again = await post_push(hass_client_no_auth, "ADDORDER", payload, encoding="json")
    other_trigger = await post_push(hass_client_no_auth, "UPDATEORDER", payload)
    freezer.tick(timedelta(minutes=9))
    within = await post_push(hass_client_no_auth, "ADDORDER", payload)
    freezer.tick(timedelta(minutes=11))
    after = await post_push(hass_client_no_auth, "ADDORDER", payload)
    await hass.async_block_till_done()

    assert [r.status for r in (first, again, other_trigger, within, after)] == [
        HTTPStatus.OK
    ] * 5
    assert [event.data["trigger"] for event in events] == [
        "ADDORDER",
        "UPDATEORDER",
        "ADDORDER",
    ]


async def test_duplicate_memory_is_bounded(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    init_integration: MockConfigEntry,
) -> None:
    """Forget the oldest deliveries beyond the memory limit."""
    receiver = init_integration.runtime_data.receiver
    for number in range(1005):
        response = await post_push(
            hass_client_no_auth, "UPDATEPRODUCTQUANTITY", {"id": number}
        )
        assert response.status == HTTPStatus.OK
    events = async_capture_events(hass, EVENT_ZORT)

    await post_push(hass_client_no_auth, "UPDATEPRODUCTQUANTITY", {"id": 0})
    await post_push(hass_client_no_auth, "UPDATEPRODUCTQUANTITY", {"id": 1004})
    await hass.async_block_till_done()

    assert [event.data["id"] for event in events] == [0]
    assert receiver.stats.accepted == 1006
    assert receiver.stats.duplicates == 1


async def test_push_clears_registration_issue(
    hass: HomeAssistant,
    hass_client_no_auth: ClientSessionGenerator,
    issue_registry: ir.IssueRegistry,
    init_integration: MockConfigEntry,
) -> None:
    """Drop the failed-registration repair once ZORT reaches us anyway."""
    issue_id = f"registration_failed_{init_integration.entry_id}"
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id,
        is_fixable=False,
        severity=ir.IssueSeverity.WARNING,
        translation_key="registration_failed",
    )

    await post_push(hass_client_no_auth, "ADDORDER", payload_for("ADDORDER"))
    await hass.async_block_till_done()

    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


async def test_push_without_id_or_number(
    hass: HomeAssistant, hass_client_no_auth: ClientSessionGenerator
) -> None:
    """Leave out `id` and `number` when the payload has neither."""
    events = async_capture_events(hass, EVENT_ZORT)

    await post_push(hass_client_no_auth, "DELETEPRODUCT", {"sku": "TEA-001"})
    await post_push(hass_client_no_auth, "ADDTRANSFER", {"id": "TF-9", "number": ""})
    await hass.async_block_till_done()

    assert "id" not in events[0].data
    assert "number" not in events[0].data
    assert events[0].data["payload"] == {"sku": "TEA-001"}
    assert events[1].data["id"] == "TF-9"
    assert "number" not in events[1].data


@pytest.mark.parametrize("encoding", ["form", "json"])
async def test_push_through_cloudhook(hass: HomeAssistant, encoding: str) -> None:
    """Handle a push relayed by Home Assistant Cloud like a direct one."""
    events = async_capture_events(hass, EVENT_ZORT)
    payload = payload_for("ADDORDER")
    if encoding == "form":
        body = urlencode({"payload": json.dumps(payload)}).encode()
        content_type = "application/x-www-form-urlencoded"
    else:
        body = json.dumps(payload).encode()
        content_type = "application/json"

    response = await async_handle_webhook(
        hass,
        WEBHOOK_ID,
        MockRequest(
            content=body,
            mock_source="cloud",
            method="POST",
            headers={"Authorization": f"Basic {KEY1}", "Content-Type": content_type},
            query_string="trigger=ADDORDER&method=ADDORDER",
        ),
    )
    await hass.async_block_till_done()

    assert response.status == HTTPStatus.OK
    assert [event.data["number"] for event in events] == ["SO-0042"]


async def test_oversized_push_through_cloudhook(hass: HomeAssistant) -> None:
    """Refuse a relayed body over 1 MiB."""
    events = async_capture_events(hass, EVENT_ZORT)

    response = await async_handle_webhook(
        hass,
        WEBHOOK_ID,
        MockRequest(
            content=json.dumps({"id": 1, "note": "x" * (1024 * 1024)}).encode(),
            mock_source="cloud",
            method="POST",
            headers={"Authorization": f"Basic {KEY1}"},
            query_string="method=ADDORDER",
        ),
    )

    assert response.status == HTTPStatus.BAD_REQUEST
    assert events == []
