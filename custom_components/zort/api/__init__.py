"""Client for ZORT's Open API v4, free of Home Assistant imports."""

from .client import API_BASE_URL, ZortClient, generate_key
from .exceptions import (
    ZortApiError,
    ZortAuthenticationError,
    ZortConnectionError,
    ZortError,
    ZortQuotaExceededError,
)
from .models import (
    WEBHOOK_KEYS,
    Order,
    OrderLine,
    OrderStatus,
    Payment,
    PaymentStatus,
    Product,
    WebhookConfig,
)
from .triggers import (
    TRIGGERS,
    TRIGGERS_BY_NAME,
    Action,
    Category,
    Trigger,
    actions_of,
    find_trigger,
)

__all__ = [
    "API_BASE_URL",
    "TRIGGERS",
    "TRIGGERS_BY_NAME",
    "WEBHOOK_KEYS",
    "Action",
    "Category",
    "Order",
    "OrderLine",
    "OrderStatus",
    "Payment",
    "PaymentStatus",
    "Product",
    "Trigger",
    "WebhookConfig",
    "ZortApiError",
    "ZortAuthenticationError",
    "ZortClient",
    "ZortConnectionError",
    "ZortError",
    "ZortQuotaExceededError",
    "actions_of",
    "find_trigger",
    "generate_key",
]
