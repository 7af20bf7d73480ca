"""Tests for setting up, registering, unloading and removing a ZORT store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from http import HTTPStatus
import inspect
import sys
from types import ModuleType
from typing import Any

from aiohttp import ClientError
from freezegun.api import FrozenDateTimeFactory
import pytest
from pytest_homeassistant_custom_component.common import (
    MockConfigEntry,
    async_capture_events,
    async_fire_time_changed,
)
from pytest_homeassistant_custom_component.test_util.aiohttp import (
    AiohttpClientMocker,
)
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.zort.api import TRIGGERS
from custom_components.zort.const import (
    CONF_CLOUDHOOK,
    CONF_WEBHOOK_KEYS,
    CONF_WEBHOOK_URL,
    DOMAIN,
    EVENT_ZORT,
)
from homeassistant.config_entries import SOURCE_REAUTH, ConfigEntryState
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from . import (
    EXTERNAL_URL,
    GET_WEBHOOK_URL,
    KEY1,
    KEY2,
    KEY3,
    ORDERS_URL,
    OUR_URL,
    SUCCESS,
    UPDATE_WEBHOOK_URL,
    mock_orders,
    mock_zort_api,
    post_push,
    setup_integration,
    update_webhook_bodies,
)

CLOUDHOOK_URL = "https://hooks.nabu.example/abcdef"
FOREIGN = "https://erp.example.com/zort"
UNCONFIRMED = {"deletepurchaseurl", "deletereturnorderurl", "deletereturnpurchaseurl"}


def our_urls(base: str = OUR_URL) -> dict[str, str]:
    """Return the URL fields that point every known trigger at us."""
    return {
        trigger.url_field: f"{base}?trigger={trigger.name}"
        for trigger in TRIGGERS
        if trigger.url_field not in UNCONFIRMED
    }


def remock(aioclient_mock: AiohttpClientMocker, **kwargs: Any) -> None:
    """Replace every answer of the fake ZORT."""
    aioclient_mock.clear_requests()
    mock_zort_api(aioclient_mock, **kwargs)


class FakeCloud(ModuleType):
    """Stand in for Home Assistant Cloud, which needs a Nabu Casa account."""

    class CloudNotAvailable(Exception):  # noqa: N818
        """Raise like the real cloud when it cannot serve a request."""

    def __init__(self) -> None:
        """Start subscribed and connected."""
        super().__init__("homeassistant.components.cloud")
        self.subscribed = True
        self.connected = True
        self.fail_create = False
        self.deleted: list[str] = []
        self.listeners: list[Callable[[Any], Any]] = []

    def async_active_subscription(self, hass: HomeAssistant) -> bool:
        """Tell whether the account has a subscription."""
        return self.subscribed

    def async_is_connected(self, hass: HomeAssistant) -> bool:
        """Tell whether the cloud connection is up."""
        return self.connected

    async def async_get_or_create_cloudhook(
        self, hass: HomeAssistant, webhook_id: str
    ) -> str:
        """Return the cloudhook of a webhook."""
        if self.fail_create:
            raise self.CloudNotAvailable
        return CLOUDHOOK_URL

    async def async_delete_cloudhook(
        self, hass: HomeAssistant, webhook_id: str
    ) -> None:
        """Delete a cloudhook."""
        if self.fail_create:
            raise self.CloudNotAvailable
        self.deleted.append(webhook_id)

    async def async_notify(self, state: str) -> None:
        """Tell the listeners, which may be callbacks or coroutines, of a change."""
        for listener in list(self.listeners):
            if inspect.isawaitable(result := listener(state)):
                await result

    def async_listen_connection_change(
        self, hass: HomeAssistant, target: Callable[[Any], Any]
    ) -> Callable[[], None]:
        """Call the target when the connection changes."""
        self.listeners.append(target)
        return lambda: self.listeners.remove(target)


@pytest.fixture
def fake_cloud(hass: HomeAssistant, monkeypatch: pytest.MonkeyPatch) -> FakeCloud:
    """Load a stand-in Home Assistant Cloud."""
    cloud = FakeCloud()
    monkeypatch.setitem(sys.modules, "homeassistant.components.cloud", cloud)
    hass.config.components.add("cloud")
    return cloud


@pytest.mark.usefixtures("init_integration")
async def test_registration_merges_with_zort_config(
    hass: HomeAssistant,
    zort_api: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Point every trigger at us, keeping foreign URLs and the existing keys."""
    assert mock_config_entry.state is ConfigEntryState.LOADED
    bodies = update_webhook_bodies(zort_api)
    assert len(bodies) == 1
    body = bodies[0]

    assert body["key1"] == KEY1
    assert body["key2"] == KEY2
    assert body["key3"] == KEY3
    for field, url in our_urls().items():
        assert body[field] == url
    assert not UNCONFIRMED & set(body)
    assert body["updatepriceurl"] == f"{FOREIGN}/price"
    assert body["addwarehouseurl"] == f"{FOREIGN}/warehouse"
    assert body["addcontacturl"] == ""

    assert mock_config_entry.data[CONF_WEBHOOK_URL] == OUR_URL
    assert mock_config_entry.data[CONF_CLOUDHOOK] is False
    assert mock_config_entry.data[CONF_WEBHOOK_KEYS] == {
        "key1": KEY1,
        "key2": KEY2,
        "key3": KEY3,
    }


@pytest.mark.usefixtures("external_url")
async def test_unconfirmed_fields_sent_when_zort_knows_them(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Register the guessed delete URLs only where ZORT's config has the field."""
    mock_zort_api(aioclient_mock, webhook_fixture="get_webhook_all_fields.json")

    await setup_integration(hass, mock_config_entry)

    body = update_webhook_bodies(aioclient_mock)[0]
    assert body["deletepurchaseurl"] == f"{OUR_URL}?trigger=DELETEPURCHASEORDER"
    assert body["deletereturnorderurl"] == f"{OUR_URL}?trigger=DELETERETURNORDER"
    assert (
        body["deletereturnpurchaseurl"]
        == f"{OUR_URL}?trigger=DELETERETURNPURCHASEORDER"
    )


@pytest.mark.usefixtures("external_url")
async def test_keys_generated_when_zort_has_none(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """Make up the keys a store lacks, and accept pushes that carry them."""
    mock_zort_api(aioclient_mock, webhook_fixture="get_webhook_empty.json")

    await setup_integration(hass, mock_config_entry)

    body = update_webhook_bodies(aioclient_mock)[0]
    keys = [body["key1"], body["key2"], body["key3"]]
    assert len(set(keys)) == 3
    assert all(len(key) >= 32 for key in keys)
    assert body["addwarehouseurl"] == f"{FOREIGN}/warehouse"
    assert mock_config_entry.data[CONF_WEBHOOK_KEYS]["key1"] == keys[0]

    events = async_capture_events(hass, EVENT_ZORT)
    accepted = await post_push(hass_client_no_auth, "ADDORDER", {"id": 1}, key=keys[0])
    refused = await post_push(hass_client_no_auth, "ADDORDER", {"id": 2}, key=KEY1)
    await hass.async_block_till_done()
    assert accepted.status == HTTPStatus.OK
    assert refused.status == HTTPStatus.UNAUTHORIZED
    assert [event.data["id"] for event in events] == [1]


@pytest.mark.usefixtures("external_url")
async def test_no_write_when_already_registered(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Leave ZORT alone when it already calls us for every trigger."""
    mock_zort_api(aioclient_mock)
    aioclient_mock.clear_requests()
    mock_orders(aioclient_mock)
    aioclient_mock.get(
        GET_WEBHOOK_URL,
        json={**SUCCESS, "key1": KEY1, "key2": KEY2, "key3": KEY3, **our_urls()},
    )

    await setup_integration(hass, mock_config_entry)

    assert mock_config_entry.state is ConfigEntryState.LOADED
    assert update_webhook_bodies(aioclient_mock) == []
    assert mock_config_entry.data[CONF_WEBHOOK_URL] == OUR_URL


@pytest.mark.usefixtures("external_url")
async def test_foreign_url_on_our_trigger_is_replaced(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Take over a trigger another receiver had, and say so in the log."""
    mock_orders(aioclient_mock)
    aioclient_mock.get(
        GET_WEBHOOK_URL,
        json={**SUCCESS, "key1": KEY1, "addorderurl": f"{FOREIGN}/orders"},
    )
    aioclient_mock.post(UPDATE_WEBHOOK_URL, json=SUCCESS)

    await setup_integration(hass, mock_config_entry)

    body = update_webhook_bodies(aioclient_mock)[0]
    assert body["addorderurl"] == f"{OUR_URL}?trigger=ADDORDER"
    assert body["key1"] == KEY1
    assert "The ADDORDER trigger of shop@example.com pointed at another" in caplog.text
    assert FOREIGN not in caplog.text


@pytest.mark.parametrize(
    ("answer", "state"),
    [
        pytest.param({"status": 401}, ConfigEntryState.SETUP_ERROR, id="refused"),
        pytest.param({"exc": ClientError()}, ConfigEntryState.SETUP_RETRY, id="down"),
        pytest.param({"status": 503}, ConfigEntryState.SETUP_RETRY, id="http-503"),
        pytest.param(
            {
                "json": {
                    "resCode": "100",
                    "resDesc": "API Request Limits (50000 requests/day)",
                }
            },
            ConfigEntryState.SETUP_RETRY,
            id="quota",
        ),
    ],
)
@pytest.mark.usefixtures("external_url")
async def test_setup_checks_credentials(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    answer: dict[str, Any],
    state: ConfigEntryState,
) -> None:
    """Refuse to set up on bad credentials and retry later when ZORT is down."""
    aioclient_mock.get(ORDERS_URL, **answer)

    await setup_integration(hass, mock_config_entry)

    assert mock_config_entry.state is state
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert bool(flows) is (state is ConfigEntryState.SETUP_ERROR)
    if flows:
        assert flows[0]["context"]["source"] == SOURCE_REAUTH
    assert update_webhook_bodies(aioclient_mock) == []


async def test_no_public_url(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
    hass_client_no_auth: ClientSessionGenerator,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Load without a public URL, raise a repair, and register once one is set."""
    mock_zort_api(aioclient_mock)

    await setup_integration(hass, mock_config_entry)

    assert mock_config_entry.state is ConfigEntryState.LOADED
    issue_id = f"no_public_url_{mock_config_entry.entry_id}"
    issue = issue_registry.async_get_issue(DOMAIN, issue_id)
    assert issue is not None
    assert issue.translation_key == "no_public_url"
    assert issue.translation_placeholders == {"store": "shop@example.com"}
    assert update_webhook_bodies(aioclient_mock) == []
    assert hass.states.get("event.shop_example_com_order") is not None
    assert caplog.text.count("has no external URL") == 1
    refused = await post_push(hass_client_no_auth, "ADDORDER", {"id": 1})
    assert refused.status == HTTPStatus.UNAUTHORIZED

    await hass.config.async_update(location_name="Still no URL")
    await hass.async_block_till_done(wait_background_tasks=True)
    assert caplog.text.count("has no external URL") == 1
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is not None

    await hass.config.async_update(external_url=EXTERNAL_URL)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    assert update_webhook_bodies(aioclient_mock)[0]["addorderurl"] == (
        f"{OUR_URL}?trigger=ADDORDER"
    )


@pytest.mark.usefixtures("init_integration")
async def test_external_url_change_registers_again(
    hass: HomeAssistant,
    zort_api: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Move every trigger to the new external URL."""
    await hass.config.async_update(external_url="https://new.example.com")
    await hass.async_block_till_done(wait_background_tasks=True)

    new_base = (
        f"https://new.example.com/api/webhook/{mock_config_entry.data['webhook_id']}"
    )
    assert update_webhook_bodies(zort_api)[-1]["updateorderurl"] == (
        f"{new_base}?trigger=UPDATEORDER"
    )
    assert mock_config_entry.data[CONF_WEBHOOK_URL] == new_base


@pytest.mark.usefixtures("external_url")
async def test_registration_failure_retries_with_backoff(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
    freezer: FrozenDateTimeFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Keep the store running, retry with growing pauses, and raise a repair."""
    mock_orders(aioclient_mock)
    aioclient_mock.get(GET_WEBHOOK_URL, status=500)
    issue_id = f"registration_failed_{mock_config_entry.entry_id}"

    await setup_integration(hass, mock_config_entry)

    assert mock_config_entry.state is ConfigEntryState.LOADED
    assert caplog.text.count("Could not register the ZORT webhook") == 1
    registration = mock_config_entry.runtime_data.registration
    assert registration.state.failures == 1

    for waited, failures in ((60, 2), (120, 3)):
        freezer.tick(timedelta(seconds=waited - 1))
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)
        assert registration.state.failures == failures - 1
        freezer.tick(timedelta(seconds=1))
        async_fire_time_changed(hass)
        await hass.async_block_till_done(wait_background_tasks=True)
        assert registration.state.failures == failures

    assert issue_registry.async_get_issue(DOMAIN, issue_id) is not None
    assert caplog.text.count("Could not register the ZORT webhook") == 1

    remock(aioclient_mock)
    freezer.tick(timedelta(seconds=240))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert registration.state.failures == 0
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    assert len(update_webhook_bodies(aioclient_mock)) == 1
    assert "Registered the ZORT webhook of shop@example.com again" in caplog.text


@pytest.mark.parametrize(
    ("answer", "error"),
    [
        pytest.param({"status": 500}, "ZortConnectionError", id="http-500"),
        pytest.param({"exc": TimeoutError()}, "ZortConnectionError", id="timeout"),
        pytest.param(
            {"json": {"resCode": "100", "resDesc": "key1 is required"}},
            "ZortApiError",
            id="business-error",
        ),
    ],
)
@pytest.mark.usefixtures("external_url")
async def test_update_webhook_failure_keeps_setup(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    caplog: pytest.LogCaptureFixture,
    answer: dict[str, Any],
    error: str,
) -> None:
    """Load the store and schedule a retry when UpdateWebhook fails."""
    mock_orders(aioclient_mock)
    aioclient_mock.get(GET_WEBHOOK_URL, json={**SUCCESS, "key1": KEY1})
    aioclient_mock.post(UPDATE_WEBHOOK_URL, **answer)

    await setup_integration(hass, mock_config_entry)

    assert mock_config_entry.state is ConfigEntryState.LOADED
    state = mock_config_entry.runtime_data.registration.state
    assert state.registered is False
    assert state.failures == 1
    assert state.last_error == error
    assert state.next_retry_at is not None
    assert "Could not register the ZORT webhook of shop@example.com" in caplog.text
    assert CONF_WEBHOOK_KEYS not in mock_config_entry.data
    assert hass.states.get("sensor.shop_example_com_pending_orders").state == "3"


@pytest.mark.usefixtures("external_url")
async def test_unload_cancels_pending_retry(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    freezer: FrozenDateTimeFactory,
) -> None:
    """Stop retrying the registration once the entry is unloaded."""
    mock_orders(aioclient_mock)
    aioclient_mock.get(GET_WEBHOOK_URL, status=500)
    await setup_integration(hass, mock_config_entry)
    state = mock_config_entry.runtime_data.registration.state
    assert state.next_retry_at is not None
    calls = aioclient_mock.call_count

    await hass.config_entries.async_unload(mock_config_entry.entry_id)
    freezer.tick(timedelta(hours=2))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)

    assert aioclient_mock.call_count == calls
    assert state.next_retry_at is None


@pytest.mark.usefixtures("external_url")
async def test_registration_refused_starts_reauth(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
) -> None:
    """Ask for new credentials when ZORT refuses them during registration."""
    mock_orders(aioclient_mock)
    aioclient_mock.get(GET_WEBHOOK_URL, status=403)

    await setup_integration(hass, mock_config_entry)

    assert mock_config_entry.state is ConfigEntryState.LOADED
    flows = hass.config_entries.flow.async_progress_by_handler(DOMAIN)
    assert [flow["context"]["source"] for flow in flows] == [SOURCE_REAUTH]
    assert mock_config_entry.runtime_data.registration.state.failures == 0


async def test_cloudhook_registration_and_removal(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    fake_cloud: FakeCloud,
) -> None:
    """Prefer a cloudhook, and delete it when the entry is removed."""
    mock_zort_api(aioclient_mock)

    await setup_integration(hass, mock_config_entry)

    body = update_webhook_bodies(aioclient_mock)[0]
    assert body["addorderurl"] == f"{CLOUDHOOK_URL}?trigger=ADDORDER"
    assert mock_config_entry.data[CONF_CLOUDHOOK] is True
    assert mock_config_entry.data[CONF_WEBHOOK_URL] == CLOUDHOOK_URL

    remock(aioclient_mock)
    aioclient_mock.clear_requests()
    aioclient_mock.get(GET_WEBHOOK_URL, json={**SUCCESS, **body})
    aioclient_mock.post(UPDATE_WEBHOOK_URL, json=SUCCESS)
    await hass.config_entries.async_remove(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    cleared = update_webhook_bodies(aioclient_mock)[0]
    assert cleared["addorderurl"] == ""
    assert cleared["updatepriceurl"] == f"{FOREIGN}/price"
    assert fake_cloud.deleted == [mock_config_entry.data["webhook_id"]]


async def test_cloud_connection_change_registers(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    fake_cloud: FakeCloud,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Register through the cloud once it connects."""
    fake_cloud.connected = False
    mock_zort_api(aioclient_mock)

    await setup_integration(hass, mock_config_entry)

    issue_id = f"no_public_url_{mock_config_entry.entry_id}"
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is not None
    assert update_webhook_bodies(aioclient_mock) == []

    fake_cloud.connected = True
    await fake_cloud.async_notify("connected")
    await hass.async_block_till_done(wait_background_tasks=True)

    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None
    assert update_webhook_bodies(aioclient_mock)[0]["addorderurl"] == (
        f"{CLOUDHOOK_URL}?trigger=ADDORDER"
    )

    fake_cloud.connected = False
    await fake_cloud.async_notify("disconnected")
    await hass.async_block_till_done(wait_background_tasks=True)

    assert mock_config_entry.data[CONF_WEBHOOK_URL] == CLOUDHOOK_URL
    assert mock_config_entry.data[CONF_CLOUDHOOK] is True

    await hass.config_entries.async_unload(mock_config_entry.entry_id)
    assert fake_cloud.listeners == []


@pytest.mark.usefixtures("external_url")
async def test_cloud_without_subscription_uses_external_url(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    fake_cloud: FakeCloud,
) -> None:
    """Fall back to the external URL without a cloud subscription or cloudhook."""
    fake_cloud.subscribed = False
    mock_zort_api(aioclient_mock)
    await setup_integration(hass, mock_config_entry)
    assert mock_config_entry.data[CONF_WEBHOOK_URL] == OUR_URL

    fake_cloud.subscribed = True
    fake_cloud.fail_create = True
    await mock_config_entry.runtime_data.registration.async_register()
    assert mock_config_entry.data[CONF_WEBHOOK_URL] == OUR_URL
    assert mock_config_entry.data[CONF_CLOUDHOOK] is False


@pytest.mark.usefixtures("external_url")
async def test_remove_with_cloud_unavailable(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    fake_cloud: FakeCloud,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Remove the entry even when the cloud cannot delete the cloudhook."""
    mock_zort_api(aioclient_mock)
    await setup_integration(hass, mock_config_entry)
    fake_cloud.fail_create = True

    await hass.config_entries.async_remove(mock_config_entry.entry_id)
    await hass.async_block_till_done()

    assert hass.config_entries.async_entries(DOMAIN) == []
    assert fake_cloud.deleted == []


async def test_unload_removes_local_handler(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    zort_api: AiohttpClientMocker,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """Stop firing events after unload, and leave ZORT's config as it is."""
    writes = len(update_webhook_bodies(zort_api))

    assert await hass.config_entries.async_unload(init_integration.entry_id)
    await hass.async_block_till_done()
    events = async_capture_events(hass, EVENT_ZORT)
    response = await post_push(hass_client_no_auth, "ADDORDER", {"id": 1})
    await hass.async_block_till_done()

    assert init_integration.state is ConfigEntryState.NOT_LOADED
    assert response.status == HTTPStatus.OK
    assert events == []
    assert len(update_webhook_bodies(zort_api)) == writes


async def test_unload_clears_repair_issues(
    hass: HomeAssistant,
    aioclient_mock: AiohttpClientMocker,
    mock_config_entry: MockConfigEntry,
    issue_registry: ir.IssueRegistry,
) -> None:
    """Drop the entry's repair issues when it stops running."""
    mock_zort_api(aioclient_mock)
    await setup_integration(hass, mock_config_entry)
    issue_id = f"no_public_url_{mock_config_entry.entry_id}"
    assert issue_registry.async_get_issue(DOMAIN, issue_id) is not None

    await hass.config_entries.async_unload(mock_config_entry.entry_id)

    assert issue_registry.async_get_issue(DOMAIN, issue_id) is None


async def test_remove_blanks_only_our_urls(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
) -> None:
    """Blank the URLs that still point at us and keep everything else."""
    registered = update_webhook_bodies(aioclient_mock)[0]
    now_at_zort = {
        **registered,
        "updateorderurl": f"{FOREIGN}/orders",
        "addtransferurl": f"https://old.example.com/api/webhook/{init_integration.data['webhook_id']}?trigger=ADDTRANSFER",
    }
    aioclient_mock.clear_requests()
    aioclient_mock.get(GET_WEBHOOK_URL, json={**SUCCESS, **now_at_zort})
    aioclient_mock.post(UPDATE_WEBHOOK_URL, json=SUCCESS)

    await hass.config_entries.async_remove(init_integration.entry_id)
    await hass.async_block_till_done()

    body = update_webhook_bodies(aioclient_mock)[0]
    assert body["addorderurl"] == ""
    assert body["addtransferurl"] == ""
    assert body["updateorderurl"] == f"{FOREIGN}/orders"
    assert body["updatepriceurl"] == f"{FOREIGN}/price"
    assert body["addwarehouseurl"] == f"{FOREIGN}/warehouse"
    assert (body["key1"], body["key2"], body["key3"]) == (KEY1, KEY2, KEY3)


async def test_remove_while_zort_is_down(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Remove the entry anyway, and say that ZORT still has our URLs."""
    aioclient_mock.clear_requests()
    aioclient_mock.get(GET_WEBHOOK_URL, exc=ClientError())

    await hass.config_entries.async_remove(init_integration.entry_id)
    await hass.async_block_till_done()

    assert hass.config_entries.async_entries(DOMAIN) == []
    assert "Could not remove the webhook URLs of shop@example.com" in caplog.text
    assert update_webhook_bodies(aioclient_mock) == []


async def test_reconcile_restores_overwritten_config(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Point the triggers back at us when another system rewrote them."""
    registered = update_webhook_bodies(aioclient_mock)[0]
    aioclient_mock.clear_requests()
    mock_orders(aioclient_mock)
    aioclient_mock.get(
        GET_WEBHOOK_URL, json={**SUCCESS, **registered, "addorderurl": ""}
    )
    aioclient_mock.post(UPDATE_WEBHOOK_URL, json=SUCCESS)

    freezer.tick(timedelta(hours=5, minutes=50))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)
    assert update_webhook_bodies(aioclient_mock) == []

    freezer.tick(timedelta(minutes=10))
    async_fire_time_changed(hass)
    await hass.async_block_till_done(wait_background_tasks=True)

    bodies = update_webhook_bodies(aioclient_mock)
    assert len(bodies) == 1
    assert bodies[0]["addorderurl"] == f"{OUR_URL}?trigger=ADDORDER"
    assert "had been changed elsewhere" in caplog.text


async def test_unauthorized_push_rereads_rotated_keys(
    hass: HomeAssistant,
    freezer: FrozenDateTimeFactory,
    init_integration: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """Adopt keys changed at ZORT after a refused push, at most every ten minutes."""
    registered = update_webhook_bodies(aioclient_mock)[0]
    aioclient_mock.clear_requests()
    aioclient_mock.get(
        GET_WEBHOOK_URL, json={**SUCCESS, **registered, "key1": "rotated-key"}
    )
    aioclient_mock.post(UPDATE_WEBHOOK_URL, json=SUCCESS)
    events = async_capture_events(hass, EVENT_ZORT)

    first = await post_push(
        hass_client_no_auth, "ADDORDER", {"id": 1}, key="rotated-key"
    )
    await hass.async_block_till_done(wait_background_tasks=True)
    second = await post_push(
        hass_client_no_auth, "ADDORDER", {"id": 2}, key="rotated-key"
    )
    await hass.async_block_till_done(wait_background_tasks=True)

    assert first.status == HTTPStatus.UNAUTHORIZED
    assert second.status == HTTPStatus.OK
    assert [event.data["id"] for event in events] == [2]
    assert init_integration.data[CONF_WEBHOOK_KEYS]["key1"] == "rotated-key"
    assert update_webhook_bodies(aioclient_mock) == []

    reads = aioclient_mock.call_count
    for _ in range(3):
        await post_push(hass_client_no_auth, "ADDORDER", {"id": 3}, key="junk")
    await hass.async_block_till_done(wait_background_tasks=True)
    assert aioclient_mock.call_count == reads

    freezer.tick(timedelta(minutes=11))
    await post_push(hass_client_no_auth, "ADDORDER", {"id": 4}, key="junk")
    await hass.async_block_till_done(wait_background_tasks=True)
    assert aioclient_mock.call_count == reads + 1


async def test_field_zort_does_not_report_causes_no_rewrites(
    hass: HomeAssistant,
    init_integration: MockConfigEntry,
    aioclient_mock: AiohttpClientMocker,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Leave ZORT alone when it drops a field it does not know from its answer."""
    registered = update_webhook_bodies(aioclient_mock)[0]
    del registered["deleteorderurl"]
    aioclient_mock.clear_requests()
    aioclient_mock.get(GET_WEBHOOK_URL, json={**SUCCESS, **registered})
    aioclient_mock.post(UPDATE_WEBHOOK_URL, json=SUCCESS)

    await init_integration.runtime_data.registration.async_register()

    assert update_webhook_bodies(aioclient_mock) == []
    assert "changed elsewhere" not in caplog.text
    triggers = init_integration.runtime_data.registration.state.triggers
    assert triggers is not None
    assert triggers["DELETEORDER"] == "unsupported"
    assert triggers["ADDORDER"] == "home_assistant"
