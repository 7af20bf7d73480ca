"""Test the table of ZORT webhook triggers and the lookups on it."""

from __future__ import annotations

import pytest

from custom_components.zort.api import (
    TRIGGERS,
    TRIGGERS_BY_NAME,
    Action,
    Category,
    actions_of,
    find_trigger,
)

# The trigger names of API.md section 3, in ZORT's order.
DOCUMENTED_NAMES = [
    "ADDPRODUCT",
    "UPDATEPRODUCT",
    "UPDATEPRODUCTQUANTITY",
    "DELETEPRODUCT",
    "ADDORDER",
    "UPDATEORDER",
    "UPDATEORDERPAYMENT",
    "UPDATEORDERTRACKING",
    "DELETEORDER",
    "ADDPURCHASEORDER",
    "UPDATEPURCHASEORDER",
    "UPDATEPURCHASEORDERPAYMENT",
    "DELETEPURCHASEORDER",
    "ADDRETURNORDER",
    "UPDATERETURNORDER",
    "UPDATERETURNORDERPAYMENT",
    "DELETERETURNORDER",
    "ADDRETURNPURCHASEORDER",
    "UPDATERETURNPURCHASEORDER",
    "UPDATERETURNPURCHASEORDERPAYMENT",
    "DELETERETURNPURCHASEORDER",
    "ADDTRANSFER",
    "UPDATETRANSFER",
]


def test_there_are_23_triggers_in_zort_order() -> None:
    """List the 23 documented triggers in the order ZORT's docs give."""
    assert len(TRIGGERS) == 23
    assert [trigger.name for trigger in TRIGGERS] == DOCUMENTED_NAMES


def test_trigger_names_and_url_fields_are_unique() -> None:
    """Give every trigger its own name and its own URL field."""
    names = [trigger.name for trigger in TRIGGERS]
    fields = [trigger.url_field for trigger in TRIGGERS]

    assert len(set(names)) == len(names)
    assert len(set(fields)) == len(fields)
    assert all(field == field.lower() and field.endswith("url") for field in fields)
    assert {trigger.name: trigger for trigger in TRIGGERS} == TRIGGERS_BY_NAME


@pytest.mark.parametrize(
    ("name", "url_field"),
    [
        ("ADDPRODUCT", "addproducturl"),
        ("UPDATEPRODUCT", "updateproducturl"),
        ("UPDATEPRODUCTQUANTITY", "updatequantityurl"),
        ("DELETEPRODUCT", "deleteproducturl"),
        ("ADDORDER", "addorderurl"),
        ("UPDATEORDER", "updateorderurl"),
        ("UPDATEORDERPAYMENT", "updateorderpaymenturl"),
        ("UPDATEORDERTRACKING", "updateordertrackingurl"),
        ("DELETEORDER", "deleteorderurl"),
        ("ADDPURCHASEORDER", "addpurchaseurl"),
        ("UPDATEPURCHASEORDER", "updatepurchaseurl"),
        ("UPDATEPURCHASEORDERPAYMENT", "updatepurchasepaymenturl"),
        ("ADDRETURNORDER", "addreturnorderurl"),
        ("UPDATERETURNORDER", "updatereturnorderurl"),
        ("UPDATERETURNORDERPAYMENT", "updatereturnorderpaymenturl"),
        ("ADDRETURNPURCHASEORDER", "addreturnpurchaseurl"),
        ("UPDATERETURNPURCHASEORDER", "updatereturnpurchaseurl"),
        ("UPDATERETURNPURCHASEORDERPAYMENT", "updatereturnpurchasepaymenturl"),
        ("ADDTRANSFER", "addtransferurl"),
        ("UPDATETRANSFER", "updatetransferurl"),
    ],
)
def test_known_url_fields(name: str, url_field: str) -> None:
    """Map each trigger to the UpdateWebhook field that API.md names for it."""
    trigger = TRIGGERS_BY_NAME[name]
    assert trigger.url_field == url_field
    assert trigger.url_field_confirmed is True


def test_only_undocumented_delete_fields_are_unconfirmed() -> None:
    """Flag as unconfirmed exactly the delete fields no source names."""
    unconfirmed = {t.name for t in TRIGGERS if not t.url_field_confirmed}

    assert unconfirmed == {
        "DELETEPURCHASEORDER",
        "DELETERETURNORDER",
        "DELETERETURNPURCHASEORDER",
    }


@pytest.mark.parametrize(
    ("sent", "expected"),
    [
        pytest.param("ADDORDER", "ADDORDER", id="exact"),
        pytest.param("addorder", "ADDORDER", id="lower-case"),
        pytest.param(
            "  UpdateOrderTracking\n", "UPDATEORDERTRACKING", id="padded-mixed"
        ),
        pytest.param("UPDATEQUANTITY", "UPDATEPRODUCTQUANTITY", id="alias"),
        pytest.param(" updatequantity ", "UPDATEPRODUCTQUANTITY", id="alias-lower"),
        pytest.param("updateproductquantity", "UPDATEPRODUCTQUANTITY", id="full-name"),
    ],
)
def test_find_trigger(sent: str, expected: str) -> None:
    """Find a trigger whatever its case, padding or alias."""
    trigger = find_trigger(sent)

    assert trigger is not None
    assert trigger.name == expected


@pytest.mark.parametrize(
    "sent",
    [None, "", "   ", "NOSUCHTRIGGER", "ADD ORDER", "VERIFY"],
    ids=["none", "empty", "blank", "unknown", "inner-space", "verify"],
)
def test_find_trigger_unknown(sent: str | None) -> None:
    """Return None for a missing or unknown trigger name."""
    assert find_trigger(sent) is None


@pytest.mark.parametrize(
    ("category", "expected"),
    [
        (
            Category.PRODUCT,
            [Action.ADD, Action.UPDATE, Action.UPDATE_QUANTITY, Action.DELETE],
        ),
        (
            Category.ORDER,
            [
                Action.ADD,
                Action.UPDATE,
                Action.UPDATE_PAYMENT,
                Action.UPDATE_TRACKING,
                Action.DELETE,
            ],
        ),
        (
            Category.PURCHASE_ORDER,
            [Action.ADD, Action.UPDATE, Action.UPDATE_PAYMENT, Action.DELETE],
        ),
        (
            Category.RETURN_ORDER,
            [Action.ADD, Action.UPDATE, Action.UPDATE_PAYMENT, Action.DELETE],
        ),
        (
            Category.RETURN_PURCHASE_ORDER,
            [Action.ADD, Action.UPDATE, Action.UPDATE_PAYMENT, Action.DELETE],
        ),
        (Category.TRANSFER, [Action.ADD, Action.UPDATE]),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_actions_of(category: Category, expected: list[Action]) -> None:
    """List a category's actions once each, in ZORT's order."""
    assert actions_of(category) == expected


def test_actions_are_plain_strings() -> None:
    """Give actions and categories string values usable as event types."""
    assert actions_of(Category.TRANSFER) == ["add", "update"]
    assert all(type(action) is str for action in actions_of(Category.ORDER))
    assert str(Category.RETURN_PURCHASE_ORDER) == "return_purchase_order"
    assert {t.category for t in TRIGGERS} == set(Category)
