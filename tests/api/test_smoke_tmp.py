"""Tmp."""
from custom_components.zort.api import ZortClient, ZortConnectionError
import pytest

async def test_x(client: ZortClient, zort_server, load_json) -> None:
    """Tmp."""
    zort_server.on_json("Product/GetProducts", load_json("get_products_page1.json"))
    p = await client.async_get_products(limit=2)
    print(p, zort_server.received())
    from tests.api.fake_zort import Reply
    zort_server.on("Webhook/GetWebhook", Reply(json={}, delay=10))
    c2 = ZortClient(client._session, "a", "b", "c", base_url=zort_server.base_url, timeout=0.2)
    with pytest.raises(ZortConnectionError):
        await c2.async_get_webhook()
    zort_server.on("Webhook/GetWebhook", Reply(drop=True))
    with pytest.raises(ZortConnectionError) as e:
        await client.async_get_webhook()
    print(repr(e.value.__cause__))
