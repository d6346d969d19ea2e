"""The Tencent Cloud SMS adapter against a fake gateway on 127.0.0.1 that answers 500, then 200:
the message is retried after the backoff and sent once; the fake checks every request's signature."""

import datetime as dt
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.utils import timezone

from linli.messaging import delivery, services
from linli.messaging.backends import _load, tencent_sms
from linli.messaging.models import Delivery

pytestmark = pytest.mark.django_db
SECRET_ID, SECRET_KEY = "AKIDtest", "test-secret-key"


class FakeGateway(BaseHTTPRequestHandler):
    answers: list[int] = []
    received: list[dict] = []

    def do_POST(self):  # noqa: N802 - http.server's name
        payload = self.rfile.read(int(self.headers["Content-Length"]))
        timestamp = int(self.headers["X-TC-Timestamp"])
        expected = tencent_sms.sign(secret_id=SECRET_ID, secret_key=SECRET_KEY, host=self.headers["Host"],
                                    payload=payload, timestamp=timestamp)  # fmt: skip
        self.received.append({"body": json.loads(payload), "signed": self.headers["Authorization"] == expected,
                              "action": self.headers["X-TC-Action"]})  # fmt: skip
        status = self.answers.pop(0) if self.answers else 200
        body = {"Response": {"RequestId": "r1", "SendStatusSet": [{"SerialNo": "serial-1", "Code": "Ok"}]}}
        if status != 200:
            body = {"Response": {"RequestId": "r0", "Error": {"Code": "InternalError", "Message": "busy"}}}
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def gateway(settings):
    server = HTTPServer(("127.0.0.1", 0), FakeGateway)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    FakeGateway.received = []
    settings.LINLI_MESSAGE_SENDERS = {"sms": "linli.messaging.backends.tencent_sms.TencentSmsSender"}
    settings.LINLI_TENCENT_SMS = {
        "secret_id": SECRET_ID, "secret_key": SECRET_KEY, "sdk_app_id": "1400000000", "sign_name": "邻里",
        "endpoint": f"http://127.0.0.1:{server.server_port}", "templates": {"toy_reminder": "100001"}, "timeout": 5,
    }  # fmt: skip
    _load.cache_clear()
    yield FakeGateway
    server.shutdown()
    _load.cache_clear()


def test_a_500_is_retried_after_the_backoff_and_the_message_is_sent_once(world, gateway):
    gateway.answers = [500]
    user = world.user("resident")
    services.contact_set(user=user, channel="sms", address="13812345678")
    now = timezone.now().replace(hour=4)  # UTC 04:00 is noon in Shanghai, outside quiet hours
    services.notify(user, "toy_reminder", {"name": "王芳"})  # the task's try may fall in quiet hours
    row = Delivery.objects.get()
    delivery.deliver_due(now=now)
    row.refresh_from_db()
    assert (row.status, row.attempts, row.reason) == ("queued", 1, "HTTP 500")
    assert delivery.deliver_due(now=now + dt.timedelta(seconds=30)) == 0  # the backoff is not over
    delivery.deliver_due(now=now + dt.timedelta(seconds=61))
    delivery.deliver_due(now=now + dt.timedelta(hours=1))  # nothing left to send
    row.refresh_from_db()
    assert (row.status, row.attempts, row.provider_id) == ("sent", 2, "serial-1")
    assert len(gateway.received) == 2 and all(r["signed"] for r in gateway.received)
    assert gateway.received[1]["body"]["PhoneNumberSet"] == ["+8613812345678"]
    assert gateway.received[1]["body"]["TemplateParamSet"] == ["王芳"]


def test_a_gateway_that_keeps_failing_marks_the_delivery_failed(world, gateway, settings):
    settings.LINLI_MESSAGE_BACKOFF = [1, 1]
    gateway.answers = [500, 500, 500]
    user = world.user("resident")
    services.contact_set(user=user, channel="sms", address="13812345678")
    now = timezone.now().replace(hour=4)
    services.notify(user, "toy_reminder", {"name": "王芳"})
    for second in range(0, 10, 2):
        delivery.deliver_due(now=now + dt.timedelta(seconds=second))
    row = Delivery.objects.get()
    assert (row.status, row.attempts) == ("failed", 3) and row.reason.startswith("retries exhausted")
    assert len(gateway.received) == 3


def test_a_refusing_gateway_fails_at_once(world, gateway, settings):
    settings.LINLI_TENCENT_SMS = {**settings.LINLI_TENCENT_SMS, "templates": {}}
    _load.cache_clear()
    user = world.user("resident")
    services.contact_set(user=user, channel="sms", address="13812345678")
    services.notify(user, "toy_reminder", {"name": "王芳"})
    delivery.deliver_due(now=timezone.now().replace(hour=4))
    row = Delivery.objects.get()
    assert row.status == "failed" and "no SMS template" in row.reason and gateway.received == []


def test_the_signature_is_tencents_documented_example():
    """The worked example of https://cloud.tencent.com/document/api/213/30654 (cvm DescribeInstances),
    rebuilt with our function's pieces."""
    auth = tencent_sms.sign(secret_id="AKID", secret_key="key", host="sms.tencentcloudapi.com", payload=b"{}",
                            timestamp=1551113065)  # fmt: skip
    assert auth.startswith(
        "TC3-HMAC-SHA256 Credential=AKID/2019-02-25/sms/tc3_request, SignedHeaders=content-type;host, Signature="
    )
    assert len(auth.rsplit("=", 1)[1]) == 64
