"""Webhook triggers that ZORT pushes, with the URL field that enables each."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Category(StrEnum):
    """Kind of record a trigger is about."""

    PRODUCT = "product"
    ORDER = "order"
    PURCHASE_ORDER = "purchase_order"
    RETURN_ORDER = "return_order"
    RETURN_PURCHASE_ORDER = "return_purchase_order"
    TRANSFER = "transfer"


class Action(StrEnum):
    """What happened to the record."""

    ADD = "add"
    UPDATE = "update"
    UPDATE_QUANTITY = "update_quantity"
    UPDATE_PAYMENT = "update_payment"
    UPDATE_TRACKING = "update_tracking"
    DELETE = "delete"


@dataclass(frozen=True, slots=True)
class Trigger:
    """One webhook trigger of ZORT."""

    name: str
    category: Category
    action: Action
    url_field: str
    # ZORT documents the field of some triggers only by description: those are
    # sent only when the store's own configuration shows that ZORT knows them.
    url_field_confirmed: bool = True


TRIGGERS: tuple[Trigger, ...] = (
    Trigger("ADDPRODUCT", Category.PRODUCT, Action.ADD, "addproducturl"),
    Trigger("UPDATEPRODUCT", Category.PRODUCT, Action.UPDATE, "updateproducturl"),
    Trigger(
        "UPDATEPRODUCTQUANTITY",
        Category.PRODUCT,
        Action.UPDATE_QUANTITY,
        "updatequantityurl",
    ),
    Trigger("DELETEPRODUCT", Category.PRODUCT, Action.DELETE, "deleteproducturl"),
    Trigger("ADDORDER", Category.ORDER, Action.ADD, "addorderurl"),
    Trigger("UPDATEORDER", Category.ORDER, Action.UPDATE, "updateorderurl"),
    Trigger(
        "UPDATEORDERPAYMENT",
        Category.ORDER,
        Action.UPDATE_PAYMENT,
        "updateorderpaymenturl",
    ),
    Trigger(
        "UPDATEORDERTRACKING",
        Category.ORDER,
        Action.UPDATE_TRACKING,
        "updateordertrackingurl",
    ),
    Trigger("DELETEORDER", Category.ORDER, Action.DELETE, "deleteorderurl"),
    Trigger("ADDPURCHASEORDER", Category.PURCHASE_ORDER, Action.ADD, "addpurchaseurl"),
    Trigger(
        "UPDATEPURCHASEORDER",
        Category.PURCHASE_ORDER,
        Action.UPDATE,
        "updatepurchaseurl",
    ),
    Trigger(
        "UPDATEPURCHASEORDERPAYMENT",
        Category.PURCHASE_ORDER,
        Action.UPDATE_PAYMENT,
        "updatepurchasepaymenturl",
    ),
    Trigger(
        "DELETEPURCHASEORDER",
        Category.PURCHASE_ORDER,
        Action.DELETE,
        "deletepurchaseurl",
        url_field_confirmed=False,
    ),
    Trigger("ADDRETURNORDER", Category.RETURN_ORDER, Action.ADD, "addreturnorderurl"),
    Trigger(
        "UPDATERETURNORDER",
        Category.RETURN_ORDER,
        Action.UPDATE,
        "updatereturnorderurl",
    ),
    Trigger(
        "UPDATERETURNORDERPAYMENT",
        Category.RETURN_ORDER,
        Action.UPDATE_PAYMENT,
        "updatereturnorderpaymenturl",
    ),
    Trigger(
        "DELETERETURNORDER",
        Category.RETURN_ORDER,
        Action.DELETE,
        "deletereturnorderurl",
        url_field_confirmed=False,
    ),
    Trigger(
        "ADDRETURNPURCHASEORDER",
        Category.RETURN_PURCHASE_ORDER,
        Action.ADD,
        "addreturnpurchaseurl",
    ),
    Trigger(
        "UPDATERETURNPURCHASEORDER",
        Category.RETURN_PURCHASE_ORDER,
        Action.UPDATE,
        "updatereturnpurchaseurl",
    ),
    Trigger(
        "UPDATERETURNPURCHASEORDERPAYMENT",
        Category.RETURN_PURCHASE_ORDER,
        Action.UPDATE_PAYMENT,
        "updatereturnpurchasepaymenturl",
    ),
    Trigger(
        "DELETERETURNPURCHASEORDER",
        Category.RETURN_PURCHASE_ORDER,
        Action.DELETE,
        "deletereturnpurchaseurl",
        url_field_confirmed=False,
    ),
    Trigger("ADDTRANSFER", Category.TRANSFER, Action.ADD, "addtransferurl"),
    Trigger("UPDATETRANSFER", Category.TRANSFER, Action.UPDATE, "updatetransferurl"),
)

TRIGGERS_BY_NAME: dict[str, Trigger] = {trigger.name: trigger for trigger in TRIGGERS}

# Other spellings seen from ZORT for the same trigger.
TRIGGER_ALIASES: dict[str, str] = {"UPDATEQUANTITY": "UPDATEPRODUCTQUANTITY"}


def find_trigger(name: str | None) -> Trigger | None:
    """Return the trigger for a name as ZORT sends it, or None if unknown."""
    if not name:
        return None
    key = name.strip().upper()
    return TRIGGERS_BY_NAME.get(TRIGGER_ALIASES.get(key, key))


def actions_of(category: Category) -> list[str]:
    """Return the actions a category can report, in the order of ZORT's list."""
    actions: list[str] = []
    for trigger in TRIGGERS:
        if trigger.category is category and trigger.action.value not in actions:
            actions.append(trigger.action.value)
    return actions
