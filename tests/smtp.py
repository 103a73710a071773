"""A real SMTP server for tests (aiosmtpd), on a local port of the test's choosing."""

from __future__ import annotations

import asyncio
import threading
import time
from email import message_from_bytes
from email.message import Message

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session


class Inbox:
    """What the server accepted: one parsed message per DATA command."""

    def __init__(self) -> None:
        self.messages: list[Message] = []

    async def handle_DATA(self, server: object, session: Session, envelope: Envelope) -> str:
        self.messages.append(message_from_bytes(envelope.original_content or b""))
        return "250 Message accepted for delivery"

    def wait_for(self, count: int, timeout: float) -> list[Message]:
        """The messages once ``count`` have arrived; fails after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while len(self.messages) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(self.messages)} of {count} messages arrived within {timeout} s")
            time.sleep(0.05)
        return self.messages


class SmtpServer:
    """``with SmtpServer(port) as inbox:`` accepts mail on 127.0.0.1:port until the block ends."""

    def __init__(self, port: int) -> None:
        self.inbox = Inbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)

    def __enter__(self) -> Inbox:
        self.controller.start()
        return self.inbox

    def __exit__(self, *exc_info: object) -> None:
        self.controller.stop()


class HeldInbox(Inbox):
    """An inbox whose server keeps the first sender waiting after MAIL FROM, before any recipient is taken, until
    ``release()``: a worker can be killed in the middle of sending, before the server accepted anything."""

    def __init__(self) -> None:
        super().__init__()
        self.holding = threading.Event()
        self.released = threading.Event()

    async def handle_RCPT(
        self, server: object, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if not self.released.is_set():
            self.holding.set()
            while not self.released.is_set():
                await asyncio.sleep(0.05)
            return "421 Closing: the sender went away"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    def release(self) -> None:
        self.released.set()


class HeldSmtpServer(SmtpServer):
    """``with HeldSmtpServer(port) as inbox:`` like :class:`SmtpServer`, with a :class:`HeldInbox`."""

    def __init__(self, port: int) -> None:
        self.inbox = HeldInbox()
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=port)
