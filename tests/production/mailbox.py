"""A local SMTP server (aiosmtpd) that keeps every message, for the check to read its links."""

from __future__ import annotations

import email
import email.policy
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.message import EmailMessage

from aiosmtpd.controller import Controller

from tests.services.system import free_ports


class Mailbox:
    """The messages received, in order; `wait_for` polls until one matches."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:  # aiosmtpd's handler hook
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self._lock:
            self.messages.append(message)
        return "250 Message accepted for delivery"

    def wait_for(self, to: str, subject_part: str = "", timeout: float = 10.0) -> EmailMessage:
        """The first message to `to` whose subject holds `subject_part`, within `timeout` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                for message in self.messages:
                    if to in str(message["To"]) and subject_part in str(message["Subject"]):
                        self.messages.remove(message)
                        return message
            time.sleep(0.1)
        raise AssertionError(f"no e-mail to {to} about {subject_part!r} within {timeout:.0f} s")


def text_of(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


@contextmanager
def smtp_server() -> Iterator[tuple[Mailbox, int]]:
    """Listen on a free loopback port for the session; yield the mailbox and the port."""
    mailbox = Mailbox()
    (port,) = free_ports(1)
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield mailbox, port
    finally:
        controller.stop()
