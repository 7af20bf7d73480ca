"""Serve a local fake of ZORT's Open API v4 and push its webhooks."""

import argparse
import asyncio
from collections import deque
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
import contextlib
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta, timezone
import hmac
import html
import json
import logging
import random
import sys
from typing import Any, Final
from urllib.parse import urlencode
import uuid

from aiohttp import ClientError, ClientSession, ClientTimeout, web

_LOGGER: Final = logging.getLogger("zort_simulator")

THAI_TZ: Final = timezone(timedelta(hours=7), "ICT")
API_PREFIX: Final = "/v4"
MAX_LIMIT: Final = 500
PUSH_TIMEOUT: Final = ClientTimeout(total=10)
HISTORY_SIZE: Final = 50
FOREIGN_WAREHOUSE_URL: Final = "https://erp.example.com/zort/warehouse"

ORDER_STATUSES: Final = (
    "Pending",
    "Success",
    "Voided",
    "Waiting",
    "Returned",
    "Packed",
    "Shipping",
    "Failed Shipment",
)
PAYMENT_STATUSES: Final = ("Pending", "Paid", "Voided", "Partial", "Overpaid")
ORDER_PROGRESSION: Final = {0: 3, 3: 5, 5: 6, 6: 1}

KEY_FIELDS: Final = ("key1", "key2", "key3")
WEBHOOK_URL_FIELDS: Final = (
    "addproducturl",
    "updateproducturl",
    "deleteproducturl",
    "updatequantityurl",
    "updatepriceurl",
    "addorderurl",
    "updateorderurl",
    "updateordertrackingurl",
    "updateorderpaymenturl",
    "deleteorderurl",
    "addpurchaseurl",
    "updatepurchaseurl",
    "updatepurchasepaymenturl",
    "addreturnorderurl",
    "updatereturnorderurl",
    "updatereturnorderpaymenturl",
    "addreturnpurchaseurl",
    "updatereturnpurchaseurl",
    "updatereturnpurchasepaymenturl",
    "addtransferurl",
    "updatetransferurl",
    "addwarehouseurl",
    "updatewarehouseurl",
    "deletewarehouseurl",
    "addcontacturl",
    "updatecontacturl",
    "deletecontacturl",
    "deletepurchaseurl",
    "deletereturnorderurl",
    "deletereturnpurchaseurl",
)

TRIGGER_URL_FIELDS: Final = {
    "ADDPRODUCT": "addproducturl",
    "UPDATEPRODUCT": "updateproducturl",
    "UPDATEPRODUCTQUANTITY": "updatequantityurl",
    "DELETEPRODUCT": "deleteproducturl",
    "ADDORDER": "addorderurl",
    "UPDATEORDER": "updateorderurl",
    "UPDATEORDERPAYMENT": "updateorderpaymenturl",
    "UPDATEORDERTRACKING": "updateordertrackingurl",
    "DELETEORDER": "deleteorderurl",
    "ADDPURCHASEORDER": "addpurchaseurl",
    "UPDATEPURCHASEORDER": "updatepurchaseurl",
    "UPDATEPURCHASEORDERPAYMENT": "updatepurchasepaymenturl",
    "DELETEPURCHASEORDER": "deletepurchaseurl",
    "ADDRETURNORDER": "addreturnorderurl",
    "UPDATERETURNORDER": "updatereturnorderurl",
    "UPDATERETURNORDERPAYMENT": "updatereturnorderpaymenturl",
    "DELETERETURNORDER": "deletereturnorderurl",
    "ADDRETURNPURCHASEORDER": "addreturnpurchaseurl",
    "UPDATERETURNPURCHASEORDER": "updatereturnpurchaseurl",
    "UPDATERETURNPURCHASEORDERPAYMENT": "updatereturnpurchasepaymenturl",
    "DELETERETURNPURCHASEORDER": "deletereturnpurchaseurl",
    "ADDTRANSFER": "addtransferurl",
    "UPDATETRANSFER": "updatetransferurl",
}

PRODUCT_TRIGGERS: Final = frozenset(
    ("ADDPRODUCT", "UPDATEPRODUCT", "UPDATEPRODUCTQUANTITY", "DELETEPRODUCT")
)
ORDER_TRIGGERS: Final = frozenset(
    (
        "ADDORDER",
        "UPDATEORDER",
        "UPDATEORDERPAYMENT",
        "UPDATEORDERTRACKING",
        "DELETEORDER",
    )
)

TRIGGER_GROUPS: Final = (
    ("Products", ("ADDPRODUCT", "UPDATEPRODUCT", "UPDATEPRODUCTQUANTITY")),
    ("Products (delete)", ("DELETEPRODUCT",)),
    (
        "Orders",
        ("ADDORDER", "UPDATEORDER", "UPDATEORDERPAYMENT", "UPDATEORDERTRACKING"),
    ),
    ("Orders (delete)", ("DELETEORDER",)),
    (
        "Purchase orders",
        (
            "ADDPURCHASEORDER",
            "UPDATEPURCHASEORDER",
            "UPDATEPURCHASEORDERPAYMENT",
            "DELETEPURCHASEORDER",
        ),
    ),
    (
        "Return orders",
        (
            "ADDRETURNORDER",
            "UPDATERETURNORDER",
            "UPDATERETURNORDERPAYMENT",
            "DELETERETURNORDER",
        ),
    ),
    (
        "Return purchase orders",
        (
            "ADDRETURNPURCHASEORDER",
            "UPDATERETURNPURCHASEORDER",
            "UPDATERETURNPURCHASEORDERPAYMENT",
            "DELETERETURNPURCHASEORDER",
        ),
    ),
    ("Transfers", ("ADDTRANSFER", "UPDATETRANSFER")),
)

WAREHOUSES: Final = (
    {"id": 1, "code": "W0001", "name": "คลังสินค้าหลัก (กรุงเทพฯ)"},
    {"id": 2, "code": "W0002", "name": "หน้าร้าน เชียงใหม่"},
)

SEED_PRODUCTS: Final = (
    ("P0001", "น้ำปลาแท้ ตราปลาหมึก 700 มล.", "เครื่องปรุง", 45, 32, 120, "ขวด", 900),
    ("P0002", "ข้าวหอมมะลิ 100% 5 กก.", "ข้าวและธัญพืช", 189, 150, 40, "ถุง", 5000),
    ("P0003", "Thai Tea Mix ชาไทย 400 g", "เครื่องดื่ม", 95, 70, 60, "ห่อ", 400),
    ("P0004", "เสื้อยืดคอกลม สีขาว ไซส์ M", "เสื้อผ้า", 199, 90, 35, "ตัว", 180),
    ("P0005", "กระเป๋าผ้าฝ้ายทอมือ ลายช้าง", "กระเป๋า", 350, 180, 12, "ใบ", 300),
    ("P0006", "สบู่สมุนไพรมะขาม 100 g", "ความงาม", 59, 25, 200, "ก้อน", 110),
    ("P0007", "Coconut Oil Cold Pressed 250 ml", "ความงาม", 129, 80, 5, "ขวด", 320),
    ("P0008", "ผ้าขาวม้า ลายตาราง (เลิกจำหน่าย)", "เสื้อผ้า", 120, 60, 3, "ผืน", 150),
)

EXTRA_PRODUCTS: Final = (
    ("พริกแกงเขียวหวาน 500 g", "เครื่องปรุง", 85, 55, "กระปุก", 520),
    ("Dried Mango 200 g", "ขนม", 110, 70, "ถุง", 220),
    ("กาแฟดอยช้าง คั่วกลาง 250 g", "เครื่องดื่ม", 240, 160, "ถุง", 260),
    ("ยาดมสมุนไพร ขวดแก้ว", "ความงาม", 39, 15, "ชิ้น", 30),
    ("Rice Crackers Original", "ขนม", 35, 20, "ห่อ", 90),
)

CUSTOMERS: Final = (
    (
        "สมชาย ใจดี",
        "0812345678",
        "somchai@example.com",
        "99/12 ถ.สุขุมวิท แขวงคลองเตย เขตคลองเตย กรุงเทพฯ 10110",
    ),
    (
        "Suda Wongsawat",
        "0898765432",
        "suda.w@example.com",
        "45 Moo 3, T. Suthep, A. Mueang, Chiang Mai 50200",
    ),
    (
        "มาลี ศรีสุข",
        "0861122334",
        "malee@example.com",
        "7/1 ถ.มิตรภาพ ต.ในเมือง อ.เมือง ขอนแก่น 40000",
    ),
    (
        "Anan Chaiyaporn",
        "0925556677",
        "anan.c@example.com",
        "188 Rat-U-Thit 200 Pi Rd, Patong, Kathu, Phuket 83150",
    ),
    (
        "ปวีณา ทองคำ",
        "0634455667",
        "paweena@example.com",
        "12 ซ.ลาดพร้าว 101 แขวงคลองจั่น เขตบางกะปิ กรุงเทพฯ 10240",
    ),
    ("ก***ง ร***", "******4821", "", "ต.หาดใหญ่ อ.หาดใหญ่ จ.สงขลา 90110"),
)
SUPPLIERS: Final = ("บริษัท สยามฟู้ดส์ จำกัด", "Chiang Mai Craft Co., Ltd.")
SALES_CHANNELS: Final = (
    "Shopee",
    "Lazada",
    "TikTok Shop",
    "LINE MyShop",
    "Facebook",
    "หน้าร้าน",
)
SHIPPING_CHANNELS: Final = ("Kerry Express", "Flash Express", "J&T Express", "EMS")
PAYMENT_METHODS: Final = ("โอนเงิน KBank", "PromptPay", "บัตรเครดิต", "เก็บเงินปลายทาง")


def thai_now() -> datetime:
    """Return the current time in Thailand."""
    return datetime.now(THAI_TZ)


def start_of_day(moment: datetime) -> datetime:
    """Return midnight (Thailand time) of the day of a moment."""
    local = moment.astimezone(THAI_TZ)
    return datetime.combine(local.date(), time(), THAI_TZ)


def json_date(moment: datetime | None) -> str | None:
    """Format a moment as a Microsoft JSON date."""
    if moment is None:
        return None
    return f"/Date({int(moment.timestamp() * 1000)})/"


def date_string(moment: datetime | None) -> str | None:
    """Format a moment as yyyy-MM-dd in Thailand time."""
    if moment is None:
        return None
    return moment.astimezone(THAI_TZ).strftime("%Y-%m-%d")


def datetime_string(moment: datetime | None) -> str | None:
    """Format a moment as yyyy-MM-dd HH:mm in Thailand time."""
    if moment is None:
        return None
    return moment.astimezone(THAI_TZ).strftime("%Y-%m-%d %H:%M")


def money(value: float) -> str:
    """Format an amount the way ZORT formats string prices."""
    return f"{value:.2f}"


def measure(value: float) -> str:
    """Format a weight or size without needless decimals."""
    return f"{value:g}"


def mask(secret: str) -> str:
    """Hide most of a secret for display."""
    if not secret:
        return ""
    if len(secret) <= 4:
        return "•" * len(secret)
    return f"{secret[:2]}{'•' * 6}{secret[-2:]}"


def dumps(data: Any) -> str:
    """Serialise JSON keeping Thai text readable."""
    return json.dumps(data, ensure_ascii=False)


class BadParameterError(Exception):
    """Signal a query parameter that cannot be parsed."""


class NothingToDoError(Exception):
    """Signal that a trigger has no object to act on."""


@dataclass
class Product:
    """Hold one product of the fake store."""

    id: int
    sku: str
    name: str
    category: str
    categoryid: int
    sellprice: float
    purchaseprice: float
    stock: float
    availablestock: float
    unittext: str
    weight: float
    barcode: str
    active: bool = True
    description: str = ""
    created: datetime = field(default_factory=thai_now)
    updated: datetime = field(default_factory=thai_now)

    def to_json(self) -> dict[str, Any]:
        """Return the product as ZORT's Product object."""
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "sku": self.sku,
            "barcode": self.barcode,
            "sellprice": money(self.sellprice),
            "purchaseprice": money(self.purchaseprice),
            "sell_vat_status": 2,
            "purchase_vat_status": 2,
            "stock": money(self.stock),
            "availablestock": money(self.availablestock),
            "unittext": self.unittext,
            "imagepath": "",
            "imageList": [],
            "weight": measure(self.weight),
            "width": "0",
            "length": "0",
            "height": "0",
            "categoryid": self.categoryid,
            "category": self.category,
            "producttype": 0,
            "variationid": "",
            "variant": [],
            "tag": [],
            "active": self.active,
            "properties": [],
            "createdatetime": json_date(self.created),
            "createdatetimeString": datetime_string(self.created),
            "updatedatetime": json_date(self.updated),
            "updatedatetimeString": datetime_string(self.updated),
        }

    def quantity_json(self) -> dict[str, Any]:
        """Return the UPDATEPRODUCTQUANTITY payload of the product."""
        return {
            "id": self.id,
            "sku": self.sku,
            "name": self.name,
            "stock": money(self.stock),
            "availablestock": money(self.availablestock),
        }


@dataclass
class Customer:
    """Hold the customer of an order."""

    id: int
    code: str
    name: str
    phone: str
    email: str
    address: str


@dataclass
class OrderItem:
    """Hold one line of an order."""

    id: int
    productid: int
    sku: str
    name: str
    number: int
    unittext: str
    pricepernumber: float

    @property
    def totalprice(self) -> float:
        """Return the line total."""
        return round(self.number * self.pricepernumber, 2)

    def to_json(self) -> dict[str, Any]:
        """Return the line as ZORT's order item object."""
        return {
            "id": self.id,
            "productid": self.productid,
            "sku": self.sku,
            "name": self.name,
            "number": self.number,
            "unittext": self.unittext,
            "pricepernumber": self.pricepernumber,
            "discount": "0",
            "discountamount": 0,
            "totalprice": self.totalprice,
            "producttype": 0,
            "bundleid": 0,
            "bundleCode": "",
            "bundleName": "",
        }


@dataclass
class Payment:
    """Hold one payment of an order or document."""

    id: int
    name: str
    amount: float
    paid_at: datetime

    def to_json(self) -> dict[str, Any]:
        """Return the payment as ZORT's payment object."""
        return {
            "id": self.id,
            "name": self.name,
            "amount": self.amount,
            "paymentdatetime": json_date(self.paid_at),
            "paymentdatetimeString": datetime_string(self.paid_at),
        }


@dataclass
class Order:
    """Hold one sales order of the fake store."""

    id: int
    number: str
    customer: Customer
    saleschannel: str
    items: list[OrderItem]
    created: datetime
    updated: datetime
    status: int = 0
    paymentstatus: int = 0
    shippingamount: float = 0.0
    discountamount: float = 0.0
    payments: list[Payment] = field(default_factory=list)
    trackingno: str = ""
    shippingchannel: str = ""
    shipped: datetime | None = None
    description: str = ""

    @property
    def amount(self) -> float:
        """Return the order total, VAT included."""
        total = sum(item.totalprice for item in self.items)
        return round(total + self.shippingamount - self.discountamount, 2)

    @property
    def vatamount(self) -> float:
        """Return the VAT included in the total."""
        return round(self.amount * 7 / 107, 2)

    @property
    def paymentamount(self) -> float:
        """Return the sum of the payments."""
        return round(sum(payment.amount for payment in self.payments), 2)

    def to_json(self) -> dict[str, Any]:
        """Return the order as ZORT's Order object."""
        orderdate = start_of_day(self.created)
        return {
            "id": self.id,
            "number": self.number,
            "uniquenumber": "",
            "reference": "",
            "orderdate": json_date(orderdate),
            "orderdateString": date_string(orderdate),
            "shippingdate": json_date(self.shipped),
            "shippingdateString": date_string(self.shipped),
            "createdatetime": json_date(self.created),
            "createdatetimeString": datetime_string(self.created),
            "updatedatetime": json_date(self.updated),
            "updatedatetimeString": datetime_string(self.updated),
            "customerid": self.customer.id,
            "customercode": self.customer.code,
            "customername": self.customer.name,
            "customeridnumber": "",
            "customeremail": self.customer.email,
            "customerphone": self.customer.phone,
            "customeraddress": self.customer.address,
            "status": ORDER_STATUSES[self.status],
            "paymentstatus": PAYMENT_STATUSES[self.paymentstatus],
            "amount": self.amount,
            "vatamount": self.vatamount,
            "shippingamount": self.shippingamount,
            "paymentamount": self.paymentamount,
            "discountamount": self.discountamount,
            "discount": money(self.discountamount),
            "isCOD": False,
            "currency": "THB",
            "saleschannel": self.saleschannel,
            "shippingchannel": self.shippingchannel,
            "shippingname": self.customer.name,
            "shippingaddress": self.customer.address,
            "shippingphone": self.customer.phone,
            "trackingno": self.trackingno,
            "warehousecode": "W0001",
            "description": self.description,
            "tag": [],
            "list": [item.to_json() for item in self.items],
            "payments": [payment.to_json() for payment in self.payments],
        }


@dataclass(frozen=True)
class DocumentKind:
    """Describe one family of secondary documents."""

    trigger: str
    prefix: str
    label: str
    api_family: str
    date_field: str
    statuses: tuple[str, ...]
    has_payment: bool


DOCUMENT_KINDS: Final = (
    DocumentKind(
        "PURCHASEORDER",
        "PO",
        "Purchase orders",
        "PurchaseOrder",
        "purchaseorderdate",
        ("Pending", "Waiting", "Success"),
        has_payment=True,
    ),
    DocumentKind(
        "RETURNORDER",
        "CN",
        "Return orders",
        "ReturnOrder",
        "returndate",
        ("Pending", "Success"),
        has_payment=True,
    ),
    DocumentKind(
        "RETURNPURCHASEORDER",
        "RP",
        "Return purchase orders",
        "ReturnPurchaseOrder",
        "returndate",
        ("Pending", "Success"),
        has_payment=True,
    ),
    DocumentKind(
        "TRANSFER",
        "TF",
        "Transfers",
        "Transfer",
        "transferdate",
        ("Pending", "Success"),
        has_payment=False,
    ),
)


@dataclass
class Document:
    """Hold one purchase, return, return-purchase or transfer document."""

    kind: DocumentKind
    id: int
    number: str
    partner: str
    items: list[OrderItem]
    created: datetime
    updated: datetime
    status: str = "Pending"
    paid: bool = False
    description: str = ""

    @property
    def amount(self) -> float:
        """Return the document total."""
        return round(sum(item.totalprice for item in self.items), 2)

    def to_json(self) -> dict[str, Any]:
        """Return the document as a small ZORT-like object."""
        day = start_of_day(self.created)
        data: dict[str, Any] = {
            "id": self.id,
            "number": self.number,
            "reference": "",
            "status": self.status,
            self.kind.date_field: json_date(day),
            f"{self.kind.date_field}String": date_string(day),
            "createdatetime": json_date(self.created),
            "createdatetimeString": datetime_string(self.created),
            "updatedatetime": json_date(self.updated),
            "updatedatetimeString": datetime_string(self.updated),
            "description": self.description,
        }
        lines = [item.to_json() for item in self.items]
        if self.kind.has_payment:
            data |= {
                "customername": self.partner,
                "warehousecode": "W0001",
                "paymentstatus": "Paid" if self.paid else "Pending",
                "amount": self.amount,
                "vatamount": round(self.amount * 7 / 107, 2),
                "paymentamount": self.amount if self.paid else 0,
                "currency": "THB",
            }
        else:
            data |= {
                "transferType": "Transfer",
                "fromwarehousecode": "W0001",
                "towarehousecode": "W0002",
            }
            for line in lines:
                for key in ("pricepernumber", "totalprice", "discount"):
                    line.pop(key, None)
        data["list"] = lines
        return data


@dataclass
class PushResult:
    """Record the outcome of one webhook push."""

    trigger: str
    url: str
    when: datetime
    payload: dict[str, Any]
    status: int | None = None
    response: str = ""
    error: str = ""

    @property
    def skipped(self) -> bool:
        """Return whether no URL was configured for the trigger."""
        return not self.url

    @property
    def ok(self) -> bool:
        """Return whether the receiver answered with a 2xx status."""
        return self.status is not None and 200 <= self.status < 300

    def to_json(self) -> dict[str, Any]:
        """Return the result as the control endpoint's JSON."""
        return {
            "trigger": self.trigger,
            "url": self.url,
            "when": datetime_string(self.when),
            "status": self.status,
            "ok": self.ok,
            "skipped": self.skipped,
            "error": self.error,
            "response": self.response,
            "payload": self.payload,
        }


class Simulator:
    """Keep the fake store's state and push its webhooks."""

    def __init__(self, store: str, apikey: str, apisecret: str) -> None:
        """Create the store and seed it with products and orders."""
        self.store = store
        self.apikey = apikey
        self.apisecret = apisecret
        self.rng = random.Random()
        self.products: dict[int, Product] = {}
        self.orders: dict[int, Order] = {}
        self.documents: dict[str, dict[int, Document]] = {
            kind.trigger: {} for kind in DOCUMENT_KINDS
        }
        self.webhook: dict[str, str] = dict.fromkeys(
            KEY_FIELDS + WEBHOOK_URL_FIELDS, ""
        )
        self.webhook["addwarehouseurl"] = FOREIGN_WAREHOUSE_URL
        self.history: deque[PushResult] = deque(maxlen=HISTORY_SIZE)
        self.session: ClientSession | None = None
        self._ids: dict[str, int] = {}
        self._seed()

    def next_id(self, name: str, start: int) -> int:
        """Return the next identifier of a sequence."""
        value = self._ids.get(name, start - 1) + 1
        self._ids[name] = value
        return value

    def _seed(self) -> None:
        """Fill the store with products, orders and one document of each kind."""
        for sku, name, category, sell, cost, stock, unit, weight in SEED_PRODUCTS:
            self.add_product(
                sku,
                name,
                category=category,
                prices=(sell, cost),
                stock=stock,
                unittext=unit,
                weight=weight,
                active=sku != "P0008",
            )
        now = thai_now()
        today = start_of_day(now)
        yesterday = today - timedelta(days=1)
        elapsed = now - today
        seeds = (
            (yesterday + timedelta(hours=9, minutes=15), 0, 0, {1: 2, 6: 3}, 1, 1),
            (yesterday + timedelta(hours=13, minutes=40), 1, 1, {2: 1}, 6, 1),
            (yesterday + timedelta(hours=18, minutes=5), 3, 4, {5: 1}, 2, 2),
            (today + elapsed * 0.3, 4, 3, {3: 2, 1: 1}, 5, 1),
            (today + elapsed * 0.6, 5, 2, {4: 3}, 3, 3),
            (today + elapsed * 0.9, 2, 5, {7: 1, 6: 2}, 0, 0),
        )
        for created, customer, channel, lines, status, paymentstatus in seeds:
            order = self.create_order(
                created=created,
                customer_index=customer,
                channel_index=channel,
                lines={1000 + key: qty for key, qty in lines.items()},
            )
            order.status = status
            if status == 5:
                order.discountamount = 20.0
            if paymentstatus == 1:
                self._add_payment(order, order.amount, created + timedelta(minutes=7))
            elif paymentstatus == 3:
                self._add_payment(order, 300.0, created + timedelta(minutes=3))
            order.paymentstatus = paymentstatus
            if status in (1, 6):
                order.shippingchannel = SHIPPING_CHANNELS[customer % 4]
                order.trackingno = f"TH{40_000_000_000 + order.id * 7919}"
                order.shipped = created + timedelta(hours=3)
            if status == 2:
                order.description = "ลูกค้ายกเลิก"
            for item in order.items:
                product = self.products[item.productid]
                if status in (1, 6):
                    product.stock -= item.number
                elif status == 2:
                    product.availablestock += item.number
            order.updated = created + timedelta(minutes=30)
            if order.updated > now:
                order.updated = created
        for kind in DOCUMENT_KINDS:
            self.create_document(kind, yesterday + timedelta(hours=11))

    def add_product(
        self,
        sku: str,
        name: str,
        *,
        category: str,
        prices: tuple[float, float],
        stock: float,
        unittext: str,
        weight: float,
        active: bool = True,
    ) -> Product:
        """Create a product and add it to the store."""
        sellprice, purchaseprice = prices
        categories = sorted(
            {product.category for product in self.products.values()} | {category}
        )
        product = Product(
            id=self.next_id("product", 1001),
            sku=sku,
            name=name,
            category=category,
            categoryid=100 + categories.index(category),
            sellprice=float(sellprice),
            purchaseprice=float(purchaseprice),
            stock=float(stock),
            availablestock=float(stock),
            unittext=unittext,
            weight=float(weight),
            barcode=f"885{self.rng.randrange(10**9, 10**10)}",
            active=active,
        )
        self.products[product.id] = product
        return product

    def _new_customer(self, index: int) -> Customer:
        """Build the customer with the given index in the fake list."""
        name, phone, email, address = CUSTOMERS[index % len(CUSTOMERS)]
        number = index % len(CUSTOMERS) + 1
        return Customer(5000 + number, f"C{number:04d}", name, phone, email, address)

    def _items(self, lines: Mapping[int, int]) -> list[OrderItem]:
        """Build order lines from product ids and quantities."""
        items = []
        for product_id, quantity in lines.items():
            product = self.products[product_id]
            items.append(
                OrderItem(
                    id=self.next_id("item", 70001),
                    productid=product.id,
                    sku=product.sku,
                    name=product.name,
                    number=quantity,
                    unittext=product.unittext,
                    pricepernumber=product.sellprice,
                )
            )
        return items

    def _random_lines(self) -> dict[int, int]:
        """Pick one to three active products with small quantities."""
        active = [product.id for product in self.products.values() if product.active]
        if not active:
            raise NothingToDoError("the store has no active product")
        chosen = self.rng.sample(active, k=min(len(active), self.rng.randint(1, 3)))
        return {product_id: self.rng.randint(1, 3) for product_id in chosen}

    def create_order(
        self,
        created: datetime | None = None,
        customer_index: int | None = None,
        channel_index: int | None = None,
        lines: Mapping[int, int] | None = None,
    ) -> Order:
        """Create a pending order and reserve its stock."""
        created = created or thai_now()
        if customer_index is None:
            customer_index = self.rng.randrange(len(CUSTOMERS))
        if channel_index is None:
            channel_index = self.rng.randrange(len(SALES_CHANNELS))
        lines = lines if lines is not None else self._random_lines()
        channel = SALES_CHANNELS[channel_index % len(SALES_CHANNELS)]
        order_id = self.next_id("order", 240001)
        order = Order(
            id=order_id,
            number=f"SO-{order_id - 240000:04d}",
            customer=self._new_customer(customer_index),
            saleschannel=channel,
            items=self._items(lines),
            created=created,
            updated=created,
            shippingamount=0.0 if channel == "หน้าร้าน" else 40.0,
        )
        for item in order.items:
            self.products[item.productid].availablestock -= item.number
        self.orders[order.id] = order
        return order

    def _add_payment(self, order: Order, amount: float, when: datetime) -> None:
        """Record a payment on an order."""
        order.payments.append(
            Payment(
                id=self.next_id("payment", 90001),
                name=self.rng.choice(PAYMENT_METHODS[:3]),
                amount=round(amount, 2),
                paid_at=when,
            )
        )

    def pay_order(self, order: Order) -> Order:
        """Pay the outstanding amount of an order."""
        now = thai_now()
        outstanding = round(order.amount - order.paymentamount, 2)
        if outstanding > 0:
            self._add_payment(order, outstanding, now)
        order.paymentstatus = 1
        order.updated = now
        return order

    def create_document(self, kind: DocumentKind, created: datetime) -> Document:
        """Create a pending document of a kind."""
        doc_id = self.next_id(kind.trigger, 1)
        lines = self._random_lines()
        items = self._items(lines)
        if kind.trigger in ("PURCHASEORDER", "RETURNPURCHASEORDER"):
            for item in items:
                item.number *= 12
                item.pricepernumber = self.products[item.productid].purchaseprice
        document = Document(
            kind=kind,
            id=doc_id,
            number=f"{kind.prefix}-{doc_id:04d}",
            partner=(
                self.rng.choice(SUPPLIERS)
                if kind.trigger in ("PURCHASEORDER", "RETURNPURCHASEORDER")
                else self._new_customer(self.rng.randrange(5)).name
            ),
            items=items,
            created=created,
            updated=created,
        )
        self.documents[kind.trigger][doc_id] = document
        return document

    def newest_order(self, predicate: Callable[[Order], bool]) -> Order | None:
        """Return the newest order matching a predicate."""
        matches = [order for order in self.orders.values() if predicate(order)]
        return max(matches, key=lambda order: order.id, default=None)

    def apply(self, trigger: str) -> dict[str, Any]:
        """Change the store as the trigger implies and return its payload."""
        now = thai_now()
        if trigger in PRODUCT_TRIGGERS:
            return self._apply_product(trigger, now)
        if trigger in ORDER_TRIGGERS:
            return self._apply_order(trigger, now)
        return self._apply_document(trigger, now)

    def _apply_product(self, trigger: str, now: datetime) -> dict[str, Any]:
        """Apply a product trigger."""
        if trigger == "ADDPRODUCT":
            name, category, sell, cost, unit, weight = self.rng.choice(EXTRA_PRODUCTS)
            sku = f"P{self.next_id('sku', 9):04d}"
            product = self.add_product(
                sku,
                name,
                category=category,
                prices=(sell, cost),
                stock=self.rng.randint(10, 80),
                unittext=unit,
                weight=weight,
            )
            return product.to_json()
        if not self.products:
            raise NothingToDoError("the store has no product")
        if trigger == "DELETEPRODUCT":
            product = self.products.pop(max(self.products))
            return {"id": product.id, "sku": product.sku}
        product = self.rng.choice(list(self.products.values()))
        product.updated = now
        if trigger == "UPDATEPRODUCTQUANTITY":
            delta = self.rng.choice((-3, -2, -1, 1, 2, 5, 10, 24))
            delta = max(delta, -int(product.availablestock), -int(product.stock))
            product.stock += delta
            product.availablestock += delta
            return product.quantity_json()
        product.sellprice = max(1.0, product.sellprice + self.rng.choice((-5, 5, 10)))
        return product.to_json()

    def _apply_order(self, trigger: str, now: datetime) -> dict[str, Any]:
        """Apply an order trigger."""
        if trigger == "ADDORDER":
            return self.create_order(created=now).to_json()
        if trigger == "UPDATEORDERPAYMENT":
            order = self.newest_order(lambda o: o.paymentstatus in (0, 3))
            if order is None:
                raise NothingToDoError("no order is waiting for payment")
            return self.pay_order(order).to_json()
        order = self.newest_order(lambda _: True)
        if order is None:
            raise NothingToDoError("the store has no order")
        if trigger == "DELETEORDER":
            del self.orders[order.id]
            return {"id": order.id, "number": order.number}
        if trigger == "UPDATEORDERTRACKING":
            untracked = self.newest_order(lambda o: not o.trackingno and o.status != 2)
            order = untracked or order
            order.shippingchannel = self.rng.choice(SHIPPING_CHANNELS)
            order.trackingno = f"TH{self.rng.randrange(10**11, 10**12)}"
            order.updated = now
            return order.to_json()
        moving = self.newest_order(lambda o: o.status in ORDER_PROGRESSION)
        if moving is None:
            order.description = f"แก้ไขเมื่อ {datetime_string(now)}"
        else:
            order = moving
            order.status = ORDER_PROGRESSION[order.status]
            if order.status == 6 and order.shipped is None:
                order.shipped = now
        order.updated = now
        return order.to_json()

    def _apply_document(self, trigger: str, now: datetime) -> dict[str, Any]:
        """Apply a purchase, return, return-purchase or transfer trigger."""
        for verb in ("ADD", "UPDATE", "DELETE"):
            if trigger.startswith(verb):
                rest = trigger.removeprefix(verb)
                break
        else:
            raise NothingToDoError(f"unknown trigger {trigger}")
        payment = verb == "UPDATE" and rest.endswith("PAYMENT")
        name = rest.removesuffix("PAYMENT") if payment else rest
        kind = next(kind for kind in DOCUMENT_KINDS if kind.trigger == name)
        documents = self.documents[kind.trigger]
        if verb == "ADD":
            return self.create_document(kind, now).to_json()
        if not documents:
            raise NothingToDoError(f"no {kind.label.lower()} left")
        document = documents[max(documents)]
        if verb == "DELETE":
            del documents[document.id]
            return {"id": document.id, "number": document.number}
        document.updated = now
        if payment:
            document.paid = True
            return document.to_json()
        position = kind.statuses.index(document.status)
        if position + 1 < len(kind.statuses):
            document.status = kind.statuses[position + 1]
        else:
            document.description = f"แก้ไขเมื่อ {datetime_string(now)}"
        return document.to_json()

    async def push(self, trigger: str, payload: dict[str, Any]) -> PushResult:
        """Send one webhook the way ZORT does."""
        base = self.webhook.get(TRIGGER_URL_FIELDS[trigger], "")
        result = PushResult(trigger=trigger, url="", when=thai_now(), payload=payload)
        self.history.appendleft(result)
        if not base:
            _LOGGER.info(
                "No %s configured: %s push skipped",
                TRIGGER_URL_FIELDS[trigger],
                trigger,
            )
            return result
        separator = "&" if "?" in base else "?"
        result.url = f"{base}{separator}{urlencode({'method': trigger})}"
        headers = {
            "Authorization": f"Basic {self.webhook['key1']}",
            "key1": self.webhook["key1"],
            "key2": self.webhook["key2"],
            "key3": self.webhook["key3"],
        }
        if self.session is None:
            self.session = ClientSession(timeout=PUSH_TIMEOUT)
        try:
            async with self.session.post(
                result.url, headers=headers, data={"payload": dumps(payload)}
            ) as response:
                result.status = response.status
                result.response = (await response.text(errors="replace"))[:2000]
        except (ClientError, TimeoutError) as err:
            result.error = f"{type(err).__name__}: {err}"
            _LOGGER.warning("Push %s to %s failed: %s", trigger, result.url, err)
            return result
        _LOGGER.info("Pushed %s to %s: HTTP %s", trigger, result.url, result.status)
        return result

    async def fire(self, trigger: str) -> PushResult:
        """Apply a trigger to the store and push its webhook."""
        payload = self.apply(trigger)
        return await self.push(trigger, payload)

    async def close(self) -> None:
        """Close the HTTP session used for pushes."""
        if self.session is not None:
            await self.session.close()
            self.session = None


SIMULATOR: Final = web.AppKey("simulator", Simulator)
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def api_response(
    body: Mapping[str, Any] | None = None,
    code: str = "200",
    desc: str = "Success",
) -> web.Response:
    """Answer with ZORT's envelope around an optional body."""
    data: dict[str, Any] = {"res": {"resCode": code, "resDesc": desc}}
    if body:
        data.update(body)
    return web.json_response(data, dumps=dumps)


def api_error(desc: str) -> web.Response:
    """Answer with a ZORT business error (HTTP 200, resCode 100)."""
    return api_response(code="100", desc=desc)


def query_int(request: web.Request, name: str, default: int, minimum: int = 0) -> int:
    """Read an integer query parameter."""
    raw = request.query.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadParameterError(name) from None
    if value < minimum:
        raise BadParameterError(name)
    return value


def query_codes(request: web.Request, name: str, highest: int) -> set[int] | None:
    """Read a CSV list of status codes."""
    raw = request.query.get(name, "").strip()
    if not raw:
        return None
    try:
        codes = {int(part) for part in raw.split(",") if part.strip()}
    except ValueError:
        raise BadParameterError(name) from None
    if any(code < 0 or code > highest for code in codes):
        raise BadParameterError(name)
    return codes


def query_moment(request: web.Request, name: str) -> datetime | None:
    """Read a yyyy-MM-dd HH:mm or yyyy-MM-dd query parameter in Thailand time."""
    raw = request.query.get(name, "").strip()
    if not raw:
        return None
    for pattern in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, pattern).replace(tzinfo=THAI_TZ)
        except ValueError:
            continue
    raise BadParameterError(name)


def query_id(request: web.Request) -> int | None:
    """Read the id query parameter of a detail request."""
    try:
        return int(request.query.get("id", "").strip())
    except ValueError:
        return None


def header_list(request: web.Request, name: str) -> set[str] | None:
    """Read a CSV list passed in a request header."""
    raw = request.headers.get(name, "").strip()
    if not raw:
        return None
    return {part.strip().lower() for part in raw.split(",") if part.strip()}


def page_of(request: web.Request, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Cut one page out of a list and wrap it with its count."""
    page = query_int(request, "page", 1, minimum=1)
    limit = min(query_int(request, "limit", MAX_LIMIT, minimum=1), MAX_LIMIT)
    start = (page - 1) * limit
    return {"list": rows[start : start + limit], "count": len(rows)}


def between(moment: datetime, after: datetime | None, before: datetime | None) -> bool:
    """Return whether a moment lies in an inclusive range."""
    if after is not None and moment < after:
        return False
    return before is None or moment <= before


def day_range(
    request: web.Request, after_name: str, before_name: str
) -> tuple[datetime | None, datetime | None]:
    """Read a pair of date parameters as an inclusive range of moments."""
    after = query_moment(request, after_name)
    before = query_moment(request, before_name)
    if before is not None and before.hour == 0 and before.minute == 0:
        before += timedelta(days=1) - timedelta(microseconds=1)
    return after, before


@web.middleware
async def api_middleware(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Check ZORT's credential headers and turn API errors into envelopes."""
    if request.path != API_PREFIX and not request.path.startswith(f"{API_PREFIX}/"):
        return await handler(request)
    request_id = request.headers.get("X-Request-ID") or str(uuid.uuid4())
    sim = request.app[SIMULATOR]
    expected = {
        "storename": sim.store,
        "apikey": sim.apikey,
        "apisecret": sim.apisecret,
    }
    authorized = all(
        hmac.compare_digest(request.headers.get(name, "").encode(), value.encode())
        for name, value in expected.items()
    )
    response: web.StreamResponse
    if not authorized:
        _LOGGER.warning(
            "Rejected %s %s: bad storename, apikey or apisecret",
            request.method,
            request.path_qs,
        )
        response = api_error("Invalid apikey or apisecret")
    else:
        try:
            response = await handler(request)
        except BadParameterError as err:
            response = api_error(f"Invalid parameter: {err}")
        except web.HTTPNotFound:
            response = api_error(f"Method not found: {request.path}")
        except web.HTTPMethodNotAllowed:
            response = api_error(f"Method {request.method} not allowed")
    response.headers["X-Request-ID"] = request_id
    return response


async def get_products(request: web.Request) -> web.Response:
    """List products with paging and filters."""
    sim = request.app[SIMULATOR]
    products = sorted(sim.products.values(), key=lambda product: product.id)
    sku = request.query.get("searchsku", "").strip().lower()
    keyword = request.query.get("keyword", "").strip().lower()
    active = request.query.get("activestatus", "").strip()
    category = query_int(request, "categoryid", 0)
    skus = header_list(request, "skulist")
    ids = header_list(request, "productidlist")
    updated_after, updated_before = day_range(request, "updatedafter", "updatedbefore")
    rows = [
        product.to_json()
        for product in products
        if (not sku or product.sku.lower() == sku)
        and (not keyword or keyword in f"{product.sku} {product.name}".lower())
        and (active not in ("0", "1") or product.active == (active == "1"))
        and (not category or product.categoryid == category)
        and (skus is None or product.sku.lower() in skus)
        and (ids is None or str(product.id) in ids)
        and between(product.updated, updated_after, updated_before)
    ]
    return api_response(page_of(request, rows))


async def get_product_detail(request: web.Request) -> web.Response:
    """Return one product."""
    sim = request.app[SIMULATOR]
    product_id = query_id(request)
    product = None if product_id is None else sim.products.get(product_id)
    if product is None:
        return api_error("Product not found")
    return api_response(product.to_json())


async def get_orders(request: web.Request) -> web.Response:
    """List orders with paging and filters."""
    sim = request.app[SIMULATOR]
    statuses = query_codes(request, "status", len(ORDER_STATUSES) - 1)
    payments = query_codes(request, "paymentstatus", len(PAYMENT_STATUSES) - 1)
    order_after, order_before = day_range(request, "orderdateafter", "orderdatebefore")
    created_after, created_before = day_range(request, "createdafter", "createdbefore")
    updated_after, updated_before = day_range(request, "updatedafter", "updatedbefore")
    created_dt_after = query_moment(request, "createdatetimeafter")
    created_dt_before = query_moment(request, "createdatetimebefore")
    updated_dt_after = query_moment(request, "updatedatetimeafter")
    updated_dt_before = query_moment(request, "updatedatetimebefore")
    channel = request.query.get("saleschannel", "").strip().lower()
    keyword = request.query.get("keyword", "").strip().lower()
    numbers = header_list(request, "numberlist")
    ids = header_list(request, "orderidlist")
    descending = request.query.get("sortdirection", "").upper() == "DESC"
    orders = sorted(sim.orders.values(), key=lambda order: order.id, reverse=descending)
    rows = [
        order.to_json()
        for order in orders
        if (statuses is None or order.status in statuses)
        and (payments is None or order.paymentstatus in payments)
        and between(start_of_day(order.created), order_after, order_before)
        and between(order.created, created_after, created_before)
        and between(order.updated, updated_after, updated_before)
        and between(order.created, created_dt_after, created_dt_before)
        and between(order.updated, updated_dt_after, updated_dt_before)
        and (not channel or order.saleschannel.lower() == channel)
        and (not keyword or keyword in f"{order.number} {order.customer.name}".lower())
        and (numbers is None or order.number.lower() in numbers)
        and (ids is None or str(order.id) in ids)
    ]
    body = page_of(request, rows)
    body["totalAmount"] = round(sum(row["amount"] for row in rows), 2)
    body["totalPaymentAmount"] = round(sum(row["paymentamount"] for row in rows), 2)
    return api_response(body)


async def get_order_detail(request: web.Request) -> web.Response:
    """Return one order."""
    sim = request.app[SIMULATOR]
    order_id = query_id(request)
    order = None if order_id is None else sim.orders.get(order_id)
    if order is None:
        return api_error("Order not found")
    return api_response(order.to_json())


def document_handlers(
    kind: DocumentKind,
) -> tuple[Handler, Handler]:
    """Build the list and detail handlers of a document family."""

    async def get_list(request: web.Request) -> web.Response:
        """List the documents of the family."""
        documents = request.app[SIMULATOR].documents[kind.trigger]
        rows = [documents[doc_id].to_json() for doc_id in sorted(documents)]
        return api_response(page_of(request, rows))

    async def get_detail(request: web.Request) -> web.Response:
        """Return one document of the family."""
        documents = request.app[SIMULATOR].documents[kind.trigger]
        doc_id = query_id(request)
        document = None if doc_id is None else documents.get(doc_id)
        if document is None:
            return api_error(f"{kind.api_family} not found")
        return api_response(document.to_json())

    return get_list, get_detail


async def get_warehouses(request: web.Request) -> web.Response:
    """List the warehouses."""
    rows = [dict(warehouse) for warehouse in WAREHOUSES]
    return api_response(page_of(request, rows))


async def get_webhook(request: web.Request) -> web.Response:
    """Return the current webhook configuration."""
    return api_response(dict(request.app[SIMULATOR].webhook))


async def update_webhook(request: web.Request) -> web.Response:
    """Replace the webhook configuration."""
    sim = request.app[SIMULATOR]
    try:
        body = await request.json(loads=json.loads)
    except ValueError:
        return api_error("Invalid request body")
    if not isinstance(body, dict):
        return api_error("Invalid request body")
    keys = {name: body.get(name) for name in KEY_FIELDS}
    if not all(isinstance(value, str) and value.strip() for value in keys.values()):
        return api_error("key1, key2 and key3 are required")
    config = {name: str(keys[name]) for name in KEY_FIELDS}
    for name in WEBHOOK_URL_FIELDS:
        value = body.get(name)
        config[name] = value.strip() if isinstance(value, str) else ""
    unknown = sorted(set(body) - set(config))
    if unknown:
        _LOGGER.info("UpdateWebhook ignored unknown fields: %s", ", ".join(unknown))
    cleared = [
        name
        for name in WEBHOOK_URL_FIELDS
        if sim.webhook.get(name) and not config[name]
    ]
    if cleared:
        _LOGGER.warning(
            "UpdateWebhook replaced the configuration and cleared: %s",
            ", ".join(cleared),
        )
    sim.webhook = config
    active = [name for name in WEBHOOK_URL_FIELDS if config[name]]
    _LOGGER.info("Webhook configuration updated; active URLs: %s", ", ".join(active))
    return api_response()


async def sim_push(request: web.Request) -> web.StreamResponse:
    """Apply a trigger, push its webhook and report the receiver's answer."""
    sim = request.app[SIMULATOR]
    trigger = request.match_info["trigger"].upper()
    redirect = False
    if request.content_type == "application/x-www-form-urlencoded":
        redirect = (await request.post()).get("redirect") == "1"
    if trigger not in TRIGGER_URL_FIELDS:
        return web.json_response(
            {
                "error": f"unknown trigger {trigger}",
                "triggers": list(TRIGGER_URL_FIELDS),
            },
            status=404,
            dumps=dumps,
        )
    try:
        result = await sim.fire(trigger)
    except NothingToDoError as err:
        sim.history.appendleft(
            PushResult(trigger, "", thai_now(), {}, error=f"not pushed: {err}")
        )
        if redirect:
            raise web.HTTPSeeOther("/") from None
        return web.json_response(
            {"trigger": trigger, "error": str(err)}, status=409, dumps=dumps
        )
    if redirect:
        raise web.HTTPSeeOther("/")
    return web.json_response(result.to_json(), dumps=dumps)


async def sim_state(request: web.Request) -> web.Response:
    """Report the simulator's state for scripts."""
    sim = request.app[SIMULATOR]
    webhook = dict(sim.webhook)
    for name in KEY_FIELDS:
        webhook[name] = mask(webhook[name])
    return web.json_response(
        {
            "store": sim.store,
            "webhook": webhook,
            "products": len(sim.products),
            "orders": len(sim.orders),
            "history": [result.to_json() for result in sim.history],
        },
        dumps=dumps,
    )


def render_button(sim: Simulator, trigger: str) -> str:
    """Render the push button of one trigger."""
    url_field = TRIGGER_URL_FIELDS[trigger]
    state = "on" if sim.webhook.get(url_field) else "off"
    return (
        f'<form method="post" action="/sim/push/{trigger}">'
        '<input type="hidden" name="redirect" value="1">'
        f'<button class="{state}" title="{html.escape(url_field)}">{trigger}'
        "</button></form>"
    )


def render_index(sim: Simulator, base_url: str) -> str:
    """Render the developer page."""
    esc = html.escape
    config_rows = "".join(
        f"<tr><th>{esc(name)}</th><td><code>{esc(mask(sim.webhook[name]))}</code>"
        "</td></tr>"
        for name in KEY_FIELDS
    ) + "".join(
        f"<tr><th>{esc(name)}</th><td>"
        + (f"<code>{esc(sim.webhook[name])}</code>" if sim.webhook[name] else "—")
        + "</td></tr>"
        for name in WEBHOOK_URL_FIELDS
    )
    groups = []
    for title, triggers in TRIGGER_GROUPS:
        buttons = "".join(render_button(sim, trigger) for trigger in triggers)
        groups.append(f"<div class='group'><h3>{esc(title)}</h3>{buttons}</div>")
    history_rows = "".join(
        f"<tr><td>{esc(datetime_string(result.when) or '')}</td>"
        f"<td>{esc(result.trigger)}</td>"
        f"<td>{esc(result.url or ('—' if result.error else 'skipped: no URL'))}</td>"
        f"<td>{esc(str(result.status or ''))}{esc(result.error)}</td></tr>"
        for result in sim.history
    )
    order_rows = "".join(
        f"<tr><td>{order.id}</td><td>{esc(order.number)}</td>"
        f"<td>{esc(datetime_string(order.created) or '')}</td>"
        f"<td>{esc(order.customer.name)}</td><td>{esc(order.saleschannel)}</td>"
        f"<td>{esc(ORDER_STATUSES[order.status])}</td>"
        f"<td>{esc(PAYMENT_STATUSES[order.paymentstatus])}</td>"
        f"<td class='num'>{order.amount:,.2f}</td></tr>"
        for order in sorted(sim.orders.values(), key=lambda o: o.id, reverse=True)[:12]
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>ZORT simulator: {esc(sim.store)}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }}
table {{ border-collapse: collapse; margin-bottom: 1rem; }}
th, td {{ border: 1px solid #ccc; padding: 2px 8px; text-align: left; }}
td.num {{ text-align: right; }}
.group {{ display: inline-block; vertical-align: top; margin: 0 1rem 1rem 0; }}
.group form {{ display: block; margin: 2px 0; }}
button {{ width: 19rem; text-align: left; font-family: monospace; cursor: pointer; }}
button.on {{ background: #d7f5dd; }}
button.off {{ background: #eee; color: #777; }}
</style></head><body>
<h1>ZORT Open API v4 simulator</h1>
<p>Store <b>{esc(sim.store)}</b> · API base <code>{esc(base_url)}/v4</code> ·
{len(sim.products)} products · {len(sim.orders)} orders ·
<a href="/">refresh</a> · <a href="/sim/state">state JSON</a></p>
<h2>Push a webhook</h2>
<p>Green: a URL is configured for the trigger. Grey: the push is skipped.</p>
{"".join(groups)}
<h2>Recent pushes</h2>
<table><tr><th>When</th><th>Trigger</th><th>URL</th><th>Status</th></tr>
{history_rows or "<tr><td colspan='4'>none yet</td></tr>"}</table>
<h2>Webhook configuration</h2>
<table>{config_rows}</table>
<h2>Newest orders</h2>
<table><tr><th>id</th><th>number</th><th>created</th><th>customer</th>
<th>channel</th><th>status</th><th>payment</th><th>amount</th></tr>
{order_rows}</table>
</body></html>
"""


async def index(request: web.Request) -> web.Response:
    """Serve the developer page."""
    sim = request.app[SIMULATOR]
    base_url = f"{request.scheme}://{request.host}"
    return web.Response(text=render_index(sim, base_url), content_type="text/html")


async def pay_later(sim: Simulator, order: Order, delay: float) -> None:
    """Pay an automatic order after a delay and push UPDATEORDERPAYMENT."""
    await asyncio.sleep(delay)
    if order.id in sim.orders and order.paymentstatus != 1:
        await sim.push("UPDATEORDERPAYMENT", sim.pay_order(order).to_json())


async def auto_orders(sim: Simulator, interval: float) -> None:
    """Create and push a new order every interval, and pay it soon after."""
    payments: set[asyncio.Task[None]] = set()
    try:
        while True:
            await asyncio.sleep(interval)
            try:
                order = sim.create_order()
            except NothingToDoError as err:
                _LOGGER.warning("Automatic order skipped: %s", err)
                continue
            _LOGGER.info("Automatic order %s created", order.number)
            await sim.push("ADDORDER", order.to_json())
            delay = min(5.0, interval / 2)
            task = asyncio.create_task(pay_later(sim, order, delay))
            payments.add(task)
            task.add_done_callback(payments.discard)
    finally:
        for task in list(payments):
            task.cancel()


def create_app(
    store: str = "demo@example.com",
    apikey: str = "demo-key",
    apisecret: str = "demo-secret",
    auto_order_interval: float = 0.0,
) -> web.Application:
    """Build the simulator's aiohttp application."""
    app = web.Application(middlewares=[api_middleware])
    sim = Simulator(store, apikey, apisecret)
    app[SIMULATOR] = sim

    async def lifecycle(_app: web.Application) -> AsyncIterator[None]:
        """Run the automatic orders and close the push session on exit."""
        task = None
        if auto_order_interval > 0:
            task = asyncio.create_task(auto_orders(sim, auto_order_interval))
        yield
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        await sim.close()

    app.cleanup_ctx.append(lifecycle)
    routes = [
        web.get(f"{API_PREFIX}/Product/GetProducts", get_products),
        web.get(f"{API_PREFIX}/Product/GetProductDetail", get_product_detail),
        web.get(f"{API_PREFIX}/Order/GetOrders", get_orders),
        web.get(f"{API_PREFIX}/Order/GetOrderDetail", get_order_detail),
        web.get(f"{API_PREFIX}/Warehouse/GetWarehouses", get_warehouses),
        web.get(f"{API_PREFIX}/Webhook/GetWebhook", get_webhook),
        web.post(f"{API_PREFIX}/Webhook/UpdateWebhook", update_webhook),
        web.get("/", index),
        web.get("/sim/state", sim_state),
        web.post("/sim/push/{trigger}", sim_push),
    ]
    for kind in DOCUMENT_KINDS:
        get_list, get_detail = document_handlers(kind)
        family = f"{API_PREFIX}/{kind.api_family}"
        routes.append(web.get(f"{family}/Get{kind.api_family}s", get_list))
        routes.append(web.get(f"{family}/Get{kind.api_family}Detail", get_detail))
    app.add_routes(routes)
    return app


async def push_command(host: str, port: int, trigger: str) -> int:
    """Ask a running simulator to push one trigger and print the outcome."""
    url = f"http://{host}:{port}/sim/push/{trigger.upper()}"
    try:
        async with (
            ClientSession(timeout=ClientTimeout(total=30)) as session,
            session.post(url) as response,
        ):
            status = response.status
            body = await response.json(content_type=None)
    except (ClientError, TimeoutError, ValueError) as err:
        print(f"Cannot reach the simulator at {url}: {err}", file=sys.stderr)
        return 2
    if not isinstance(body, dict):
        print(f"Unexpected answer from {url}: HTTP {status}", file=sys.stderr)
        return 2
    print(json.dumps(body, ensure_ascii=False, indent=2))
    if status != 200:
        print(f"{trigger.upper()}: {body.get('error', status)}", file=sys.stderr)
        return 1
    if body["skipped"]:
        print(f"{body['trigger']}: skipped, no URL configured", file=sys.stderr)
        return 1
    outcome = body["status"] if body["status"] is not None else body["error"]
    print(f"{body['trigger']} -> {body['url']}: {outcome}", file=sys.stderr)
    return 0 if body["ok"] else 1


def parse_args(argv: Iterable[str] | None = None) -> argparse.Namespace:
    """Parse the command line."""
    parser = argparse.ArgumentParser(
        description="Local fake of ZORT's Open API v4 and its webhook pushes."
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=8765, help="port to listen on")
    parser.add_argument("--store", default="demo@example.com", help="storename")
    parser.add_argument("--apikey", default="demo-key", help="apikey")
    parser.add_argument("--apisecret", default="demo-secret", help="apisecret")
    parser.add_argument(
        "--auto-orders",
        type=float,
        default=0.0,
        metavar="SECONDS",
        help="create and push a new order every SECONDS (0: off)",
    )
    parser.add_argument("--verbose", action="store_true", help="log debug output")
    commands = parser.add_subparsers(dest="command")
    push = commands.add_parser("push", help="push one trigger via a running simulator")
    push.add_argument("trigger", help="trigger name, e.g. ADDORDER")
    push.add_argument("--host", default="127.0.0.1", help="simulator address")
    push.add_argument("--port", type=int, default=8765, help="simulator port")
    return parser.parse_args(None if argv is None else list(argv))


def main(argv: Iterable[str] | None = None) -> int:
    """Run the simulator or one of its sub-commands."""
    args = parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    if args.command == "push":
        return asyncio.run(push_command(args.host, args.port, args.trigger))
    app = create_app(args.store, args.apikey, args.apisecret, args.auto_orders)
    _LOGGER.info(
        "ZORT simulator for store %s on http://%s:%s (API base /v4)",
        args.store,
        args.host,
        args.port,
    )
    try:
        web.run_app(app, host=args.host, port=args.port, print=None)
    except OSError as err:
        print(f"Cannot listen on {args.host}:{args.port}: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
