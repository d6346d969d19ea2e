"""E-mail for staff, through Django's mail settings (EMAIL_BACKEND, EMAIL_HOST …)."""

from __future__ import annotations

import smtplib

from django.core.mail import send_mail

from linli.messaging.backends.base import Outbound, Retry, Sender


class EmailSender(Sender):
    def send(self, message: Outbound) -> str:
        try:
            send_mail(message.title, message.body, None, [message.address])
        except (smtplib.SMTPException, OSError) as exc:
            raise Retry(type(exc).__name__) from exc
        return f"email-{message.delivery_id}"
