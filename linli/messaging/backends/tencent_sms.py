"""Tencent Cloud SMS (腾讯云短信, API 3.0 `SendSms`, version 2021-01-11), signed with TC3-HMAC-SHA256
as https://cloud.tencent.com/document/api/382/52071 and /document/api/213/30654 describe.

Settings: LINLI_TENCENT_SMS = {"secret_id", "secret_key", "sdk_app_id", "sign_name", "region"
(ap-guangzhou), "endpoint" (https://sms.tencentcloudapi.com), "templates": {kind: template id},
"timeout": seconds}. A kind's text goes out as the approved template's parameters (its `sms_params`).
A timeout, a connection error, a 5xx or the gateway's own "try later" codes are `Retry`; any other
error code is `Refused` with the gateway's code as the reason."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time
from urllib.parse import urlsplit

import requests
from django.conf import settings

from linli.messaging.backends.base import Outbound, Refused, Retry, Sender

SERVICE = "sms"
ACTION = "SendSms"
VERSION = "2021-01-11"
ALGORITHM = "TC3-HMAC-SHA256"
CONTENT_TYPE = "application/json; charset=utf-8"
# Error codes after which the same request may succeed later (rate limits, the gateway's own faults).
TRANSIENT = {
    "InternalError",
    "RequestLimitExceeded",
    "LimitExceeded.PhoneNumberDailyLimit",
    "FailedOperation.ServiceBusy",
}


def _sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _hmac(key: bytes, msg: str) -> bytes:
    return hmac.new(key, msg.encode(), hashlib.sha256).digest()


def sign(*, secret_id: str, secret_key: str, host: str, payload: bytes, timestamp: int) -> str:
    """The Authorization header of a POST of `payload` to `host` at `timestamp` (seconds, UTC)."""
    date = dt.datetime.fromtimestamp(timestamp, dt.UTC).strftime("%Y-%m-%d")
    canonical_headers = f"content-type:{CONTENT_TYPE}\nhost:{host}\n"
    signed_headers = "content-type;host"
    canonical_request = "\n".join(["POST", "/", "", canonical_headers, signed_headers, _sha256_hex(payload)])
    scope = f"{date}/{SERVICE}/tc3_request"
    string_to_sign = "\n".join([ALGORITHM, str(timestamp), scope, _sha256_hex(canonical_request.encode())])
    key = _hmac(_hmac(_hmac(("TC3" + secret_key).encode(), date), SERVICE), "tc3_request")
    signature = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    return f"{ALGORITHM} Credential={secret_id}/{scope}, SignedHeaders={signed_headers}, Signature={signature}"


class TencentSmsSender(Sender):
    def __init__(self) -> None:
        self.conf = dict(getattr(settings, "LINLI_TENCENT_SMS", {}))

    def _request(self, message: Outbound) -> tuple[str, bytes, dict]:
        conf = self.conf
        template = conf.get("templates", {}).get(message.kind)
        if not template:
            raise Refused(f"no SMS template for {message.kind}")
        body = {
            "PhoneNumberSet": [f"+86{message.address}"],
            "SmsSdkAppId": conf["sdk_app_id"],
            "SignName": conf["sign_name"],
            "TemplateId": str(template),
            "TemplateParamSet": message.params,
            "SessionContext": str(message.delivery_id),
        }
        payload = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
        endpoint = conf.get("endpoint", "https://sms.tencentcloudapi.com")
        host = urlsplit(endpoint).netloc
        timestamp = int(time.time())
        headers = {
            "Authorization": sign(secret_id=conf["secret_id"], secret_key=conf["secret_key"], host=host,
                                  payload=payload, timestamp=timestamp),
            "Content-Type": CONTENT_TYPE,
            "Host": host,
            "X-TC-Action": ACTION,
            "X-TC-Version": VERSION,
            "X-TC-Timestamp": str(timestamp),
            "X-TC-Region": conf.get("region", "ap-guangzhou"),
        }  # fmt: skip
        return endpoint, payload, headers

    def send(self, message: Outbound) -> str:
        endpoint, payload, headers = self._request(message)
        try:
            response = requests.post(endpoint, data=payload, headers=headers, timeout=self.conf.get("timeout", 10))
        except requests.RequestException as exc:
            raise Retry(type(exc).__name__) from exc
        if response.status_code >= 500:
            raise Retry(f"HTTP {response.status_code}")
        try:
            answer = response.json()["Response"]
        except (ValueError, KeyError) as exc:
            raise Retry(f"HTTP {response.status_code}: not a gateway answer") from exc
        if error := answer.get("Error"):
            code = str(error.get("Code", ""))
            if code in TRANSIENT:
                raise Retry(code)
            raise Refused(code)
        status = (answer.get("SendStatusSet") or [{}])[0]
        if status.get("Code") != "Ok":
            code = str(status.get("Code", "unknown"))
            if code in TRANSIENT:
                raise Retry(code)
            raise Refused(code)
        return str(status.get("SerialNo", answer.get("RequestId", "")))
