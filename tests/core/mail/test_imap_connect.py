"""Connecting to a real Dovecot: TLS verified before the password is sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from spocdesk.core.errors import InvalidInput
from spocdesk.core.mail import imap
from tests.dovecot import Dovecot, Mailbox


def _pinned(server: Dovecot, *, port: int | None = None, tls: str = "implicit") -> imap.Server:
    return imap.Server("127.0.0.1", port or server.tls_port, tls, server.fingerprint)


def test_implicit_tls_with_a_pinned_fingerprint_logs_in_read_only(mailbox: Mailbox) -> None:
    with imap.connect(_pinned(mailbox.server), mailbox.user, mailbox.password) as conn:
        state = conn.examine("INBOX")
        assert state.uidvalidity > 0
        assert conn.client.folder_status("INBOX", ["MESSAGES"])[b"MESSAGES"] == 0
        assert conn.can_idle()


def test_starttls_on_the_plain_port(mailbox: Mailbox) -> None:
    server = _pinned(mailbox.server, port=mailbox.server.plain_port, tls="starttls")
    with imap.connect(server, mailbox.user, mailbox.password) as conn:
        assert conn.examine("Sent").name == "Sent"


def test_a_self_signed_certificate_is_refused_without_a_pin(mailbox: Mailbox) -> None:
    server = imap.Server("127.0.0.1", mailbox.server.tls_port, "implicit")
    with pytest.raises(imap.UntrustedCertificate, match="not trusted") as caught:
        imap.connect(server, mailbox.user, mailbox.password)
    # the fingerprint to check with the server's administrator, and then to pin
    assert caught.value.seen == mailbox.server.fingerprint
    assert mailbox.server.fingerprint in str(caught.value)
    starttls = imap.Server("127.0.0.1", mailbox.server.plain_port, "starttls")
    with pytest.raises(imap.UntrustedCertificate) as caught:
        imap.connect(starttls, mailbox.user, mailbox.password)
    assert caught.value.seen == mailbox.server.fingerprint
    assert f"user=<{mailbox.user}>" not in mailbox.server.log()  # no login was tried


def test_a_certificate_the_system_trusts_is_checked_with_its_host_name(
        mailbox: Mailbox, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SSL_CERT_FILE", str(mailbox.server.cert))  # as if a CA signed it
    trusted = imap.Server("127.0.0.1", mailbox.server.tls_port, "implicit")
    with imap.connect(trusted, mailbox.user, mailbox.password) as conn:
        assert conn.examine("INBOX").name == "INBOX"
    other_name = imap.Server("localhost", mailbox.server.tls_port, "implicit")
    with pytest.raises(imap.UntrustedCertificate, match="localhost"):
        imap.connect(other_name, mailbox.user, mailbox.password)


def test_another_fingerprint_stops_before_the_login(mailbox: Mailbox) -> None:
    server = imap.Server("127.0.0.1", mailbox.server.tls_port, "implicit", "ab" * 32)
    with pytest.raises(imap.FingerprintMismatch) as caught:
        imap.connect(server, mailbox.user, mailbox.password)
    assert mailbox.server.fingerprint in str(caught.value)
    log = mailbox.server.log()
    assert f"user=<{mailbox.user}>" not in log  # no login was tried


def test_a_wrong_password_is_one_sentence(mailbox: Mailbox) -> None:
    with pytest.raises(imap.LoginRefused, match=f"refused the user {mailbox.user}"):
        imap.connect(_pinned(mailbox.server), mailbox.user, "not the password")


def test_a_server_that_is_not_there(tmp_path: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(imap.Unreachable, match="cannot be reached"):
        imap.connect(imap.Server("127.0.0.1", port, "implicit", "ab" * 32), "u", "p",
                     timeout=5)


def test_implicit_tls_on_the_plain_port_is_not_spoken_in_clear(mailbox: Mailbox) -> None:
    server = _pinned(mailbox.server, port=mailbox.server.plain_port)
    with pytest.raises(imap.Unreachable):
        imap.connect(server, mailbox.user, mailbox.password, timeout=5)


def test_a_missing_folder_is_named(mailbox: Mailbox) -> None:
    with imap.connect(_pinned(mailbox.server), mailbox.user, mailbox.password) as conn, \
            pytest.raises(imap.NoSuchFolder, match="'Archive 2019'"):
        conn.examine("Archive 2019")


@pytest.mark.parametrize("text", [
    "AB:CD:" + ":".join(["EF"] * 30), "sha256 Fingerprint=" + "ab" * 32, "SHA256:" + "0" * 64,
    " " + "f" * 64 + " "])
def test_fingerprints_as_tools_print_them(text: str) -> None:
    value = imap.normalise_fingerprint(text)
    assert len(value) == 64 and value == value.lower()


@pytest.mark.parametrize("text", ["", "ab" * 20, "zz" * 32, "ab" * 33])
def test_a_fingerprint_of_the_wrong_shape_is_refused(text: str) -> None:
    with pytest.raises(InvalidInput, match="SHA-256"):
        imap.normalise_fingerprint(text)


def test_a_server_without_starttls_never_gets_the_password(dovecot: Dovecot) -> None:
    import shutil

    from tests.dovecot import start_server

    plain = start_server(plain_only=True)  # a real Dovecot with TLS switched off
    try:
        box = plain.add_user()
        server = imap.Server("127.0.0.1", plain.plain_port, "starttls", "ab" * 32)
        with pytest.raises(imap.NoStartTLS, match="will not send a password unencrypted"):
            imap.connect(server, box.user, box.password)
        assert f"user=<{box.user}>" not in plain.log()
    finally:
        plain.stop()
        shutil.rmtree(plain.root, ignore_errors=True)
