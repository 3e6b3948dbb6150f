"""The real Dovecot of :mod:`tests.core.mail.dovecot`, one per test session, and a
fresh user (mailbox) per test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest

from spocdesk.core.mail.accounts import NewAccount
from tests.core.mail.dovecot import Dovecot, Mailbox, available, start_server


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    if not available():
        pytest.skip("the dovecot binary is not installed (Debian package dovecot-imapd; "
                    ".ci/run installs it)")
    server = start_server()
    try:
        yield server
    finally:
        server.stop()
        shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Mailbox:
    return dovecot.add_user()


@pytest.fixture
def account_data(mailbox: Mailbox) -> NewAccount:
    """The mailbox as an account: implicit TLS, the server's certificate pinned."""
    return NewAccount(host="127.0.0.1", port=mailbox.server.tls_port, user=mailbox.user,
                      fingerprint=mailbox.server.fingerprint)
