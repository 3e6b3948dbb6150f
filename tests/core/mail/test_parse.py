"""Reading mail files: real .eml/.msg files from public corpora, and hostile input
that must never crash or hang the parser."""

from __future__ import annotations

import contextlib
import gzip
import io
import logging
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from spocdesk.core.errors import SpocError
from spocdesk.core.mail.message import Address, MailMessage
from spocdesk.core.mail.parse import (
    MB,
    MailUnreadable,
    html_to_text,
    parse_bytes,
    read_file,
)

FIXTURES = Path(__file__).parents[2] / "fixtures" / "mail"


def mail(body: str = "Hello", *, headers: str = "", ctype: str = "text/plain; charset=utf-8"
         ) -> bytes:
    head = ("From: Ada Lovelace <ada@example.org>\r\nTo: desk@example.com\r\n"
            "Subject: A question\r\nDate: Mon, 02 Mar 2026 10:00:00 +0100\r\n"
            "Message-ID: <q1@example.org>\r\n" + headers +
            f"MIME-Version: 1.0\r\nContent-Type: {ctype}\r\n\r\n")
    return head.encode() + body.encode()


# -- real files ------------------------------------------------------------------


def test_an_outlook_msg_file_with_attachments() -> None:
    [message] = read_file(FIXTURES / "msgextractor_unicode.msg")
    assert message.subject == "Test for TIF files"
    assert message.sender == Address("Brian Zhou", "brizhou@gmail.com")
    assert message.to == (Address("", "brianzhou@me.com"),)
    assert message.cc == (Address("Brian Zhou", "brizhou@gmail.com"),)
    assert message.date == datetime(2013, 11, 18, 8, 26, 24, tzinfo=UTC)
    assert message.message_id.startswith("CADtJ4eNjQSkGcBtVteCiTF")
    assert "experiment with the MS Outlook MSG Extractor" in message.text
    assert [(a.filename, a.content_type, a.size) for a in message.attachments] == [
        ("import OleFileIO.tif", "image/tiff", 969674),
        ("raised value error.tif", "image/tiff", 1033142)]
    assert all(a.data is not None and len(a.data) == a.size for a in message.attachments)


def test_an_outlook_msg_file_without_sender_or_message_id() -> None:
    [message] = read_file(FIXTURES / "msgextractor_strangeDate.msg")
    assert message.subject == "MSG Test File"
    assert message.sender is None
    assert message.to == (Address("", "time2talk@online-convert.com"),)
    assert message.message_id == ""
    assert message.dedupe_key.startswith("sha256:")
    assert "John Doe" in message.text


def test_an_eml_with_plain_html_and_an_attachment() -> None:
    [message] = read_file(FIXTURES / "spamscope_mail_test_3.eml")
    assert message.sender == Address("Ava Oneil", "Oneil.844@randtelekom.com.tr")
    assert message.text.startswith("I am sending you the bills")
    assert [(a.filename, a.content_type) for a in message.attachments] == [
        ("message.txt", "text/plain")]


def test_a_delivery_report_keeps_its_report_as_attachments() -> None:
    [message] = read_file(FIXTURES / "spamscope_mail_malformed_2.eml")
    assert "mailbox quota exceeded" in message.text
    assert [a.content_type for a in message.attachments] == [
        "message/delivery-status", "message/rfc822-headers"]
    assert b"Reporting-MTA" in (message.attachments[0].data or b"")


def test_a_multipart_with_the_wrong_boundary_is_read_with_the_one_it_uses() -> None:
    [message] = read_file(FIXTURES / "spamscope_mail_malformed_3.eml")
    assert "Ver on-line" in message.text  # base64 HTML, converted to text
    assert "<" not in message.text.split("\n")[0]


def test_mbox_holds_many(tmp_path: Path) -> None:
    box = tmp_path / "archive"
    box.write_bytes(b"From ada@example.org Mon Mar  2 10:00:00 2026\n" + mail("one") +
                    b"\n\nFrom bob@example.org Mon Mar  2 11:00:00 2026\n" +
                    mail("two", headers="").replace(b"q1@", b"q2@") + b"\n")
    messages = read_file(box)
    assert [m.text.strip() for m in messages] == ["one", "two"]
    assert [m.message_id for m in messages] == ["q1@example.org", "q2@example.org"]


def test_a_file_without_mail_is_one_sentence(tmp_path: Path) -> None:
    junk = tmp_path / "notes.txt"
    junk.write_bytes(b"\x00\x01 just some bytes\n")
    with pytest.raises(MailUnreadable) as caught:
        read_file(junk)
    assert str(caught.value) == "notes.txt cannot be read as an e-mail: it has no mail headers."
    fake = tmp_path / "fake.msg"
    fake.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(MailUnreadable, match=r"fake\.msg cannot be read as an e-mail: the "
                                             r"Outlook file is damaged"):
        read_file(fake)


# -- what is read --------------------------------------------------------------------


def test_headers_and_encoded_words() -> None:
    raw = mail("Grüße", headers="Cc: =?iso-8859-1?q?J=F6rg_M=FCller?= <jm@example.de>, "
                                "\"Doe, Jane\" <jane@example.com>\r\n"
                                "In-Reply-To: <a1@example.com>\r\n"
                                "References: <a0@example.com> <a1@example.com>\r\n")
    raw = raw.replace(b"Subject: A question", b"Subject: =?utf-8?q?Fr=C3=BCh?= start")
    message = parse_bytes(raw)
    assert message.subject == "Früh start"
    assert message.cc == (Address("Jörg Müller", "jm@example.de"),
                          Address("Doe, Jane", "jane@example.com"))
    assert message.in_reply_to == "a1@example.com"
    assert message.references == ("a0@example.com", "a1@example.com")
    assert message.date == datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert message.text == "Grüße"


def test_html_only_becomes_text_without_fetching_anything() -> None:
    html = ("<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
            "<p>Dear desk,</p><p>please call <b>me</b>.</p>"
            "<img src='http://tracker.example/pixel.gif'><table><tr><td>A</td><td>B</td>"
            "</tr></table></body></html>")
    message = parse_bytes(mail(html, ctype="text/html; charset=utf-8"))
    assert "Dear desk," in message.text and "please call me." in message.text
    assert "alert" not in message.text and "color" not in message.text
    assert "tracker" not in message.text and "<" not in message.text


def test_external_entities_are_never_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET")
    html = (f'<!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]><p>&e; hello</p>')
    assert "TOPSECRET" not in html_to_text(html)


def test_the_size_cap_keeps_the_text_and_what_fits() -> None:
    parts = "".join(
        f"--b\r\nContent-Type: application/octet-stream\r\nContent-Disposition: attachment; "
        f"filename=\"f{n}.bin\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + __import__("base64").b64encode(bytes(size)).decode() + "\r\n"
        for n, size in enumerate((600, 300, 50)))
    raw = mail("text\r\n--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n" + parts + "--b--",
               ctype="multipart/mixed; boundary=b")
    message = parse_bytes(raw, cap=1000)
    assert [(a.filename, a.size, a.kept) for a in message.attachments] == [
        ("f0.bin", 600, True), ("f1.bin", 300, True), ("f2.bin", 50, True)]
    message = parse_bytes(raw, cap=700)
    assert [(a.filename, a.size, a.kept) for a in message.attachments] == [
        ("f0.bin", 600, True), ("f1.bin", 300, False), ("f2.bin", 50, True)]


# -- hostile mail ------------------------------------------------------------------


def nested(depth: int) -> bytes:
    opening = b"".join(b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n"
                       % (i - 1, i) for i in range(1, depth))
    closing = b"".join(b"--b%d--\r\n" % i for i in range(depth - 1, -1, -1))
    return (b"From: a@example.org\r\nSubject: deep\r\n"
            b"Content-Type: multipart/mixed; boundary=b0\r\n\r\n" + opening +
            b"--b%d\r\nContent-Type: text/plain\r\n\r\ndeep inside\r\n" % (depth - 1) + closing)


@pytest.mark.parametrize("depth", [60, 5000])
def test_deeply_nested_multiparts(depth: int) -> None:
    started = time.monotonic()
    message = parse_bytes(nested(depth))
    assert time.monotonic() - started < 10
    assert message.subject == "deep"
    assert "deep inside" not in message.text  # below the depth that is followed


def test_thousands_of_parts() -> None:
    raw = (b"From: a@example.org\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n" +
           b"".join(b"--x\r\nContent-Type: application/octet-stream\r\n\r\npart %d\r\n" % i
                    for i in range(50_000)) + b"--x--\r\n")
    started = time.monotonic()
    message = parse_bytes(raw)
    assert time.monotonic() - started < 10
    assert 0 < len(message.attachments) <= 1000


def test_a_decompression_bomb_is_never_unpacked() -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("zeros.bin", bytes(200 * MB))
    gz = gzip.compress(bytes(50 * MB))
    import base64

    raw = mail("--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
               "--b\r\nContent-Type: application/zip; name=bomb.zip\r\n"
               "Content-Transfer-Encoding: base64\r\n\r\n"
               + base64.b64encode(bomb.getvalue()).decode() + "\r\n"
               "--b\r\nContent-Type: text/plain\r\nContent-Encoding: gzip\r\n"
               "Content-Disposition: attachment; filename=log.txt.gz\r\n"
               "Content-Transfer-Encoding: base64\r\n\r\n"
               + base64.b64encode(gz).decode() + "\r\n--b--\r\n",
               ctype="multipart/mixed; boundary=b")
    message = parse_bytes(raw)
    assert [(a.filename, a.size) for a in message.attachments] == [
        ("bomb.zip", len(bomb.getvalue())), ("log.txt.gz", len(gz))]
    assert len(bomb.getvalue()) < MB


def test_a_50_mb_single_line() -> None:
    started = time.monotonic()
    message = parse_bytes(mail("A" * (50 * MB)))
    assert time.monotonic() - started < 20
    assert message.text.startswith("AAAA")
    assert len(message.text) < 25 * MB + 200
    assert message.text.endswith("is above the size limit and was not kept.]")
    header = parse_bytes(b"From: a@example.org\r\nSubject: " + b"B" * (50 * MB) + b"\r\n\r\nx")
    assert len(header.subject) == 998


@pytest.mark.parametrize("headers", [
    "Subject: =?utf-8?q?broken=ZZ?=\r\n",
    "Subject: =?x-unknown?b?!!!?=\r\n",
    "Date: yesterday at noon\r\n",
    "Date: Mon, 99 Foo 99999 99:99:99 +9999\r\n",
    "From: <<<@>>>, ,,,;;\r\n",
    "To: \"unterminated <a@b\r\n",
    "Message-ID:\r\n",
    "Content-Type: text/plain; charset=base64\r\n",
    "Content-Type: text/plain; charset=\"x-no-such-charset\"\r\n",
    "Content-Type: text/plain; charset=utf-16\r\n",
    "Content-Type: multipart/mixed\r\n",
    "Content-Transfer-Encoding: base64\r\n",
    "Content-Type: text/plain; name*=utf-8''%E2%82%AC%ZZ\r\n",
])
def test_broken_headers_and_encodings(headers: str) -> None:
    raw = (b"From: Ada <ada@example.org>\r\n" + headers.encode() +
           b"\r\n\xff\xfe caf\xe9 \x00 =?=\r\n")
    message = parse_bytes(raw)
    assert isinstance(message, MailMessage)


def test_eight_bit_headers_in_latin1_and_utf8() -> None:
    raw = b"From: J\xf6rg <j@example.de>\r\nSubject: Gr\xc3\xbc\xc3\x9fe\r\n\r\nx"
    message = parse_bytes(raw)
    assert message.sender == Address("Jörg", "j@example.de")
    assert message.subject == "Grüße"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=4000))
def test_fuzz_any_bytes(raw: bytes) -> None:
    with contextlib.suppress(SpocError):
        parse_bytes(raw)


_header_names = st.sampled_from(["From", "To", "Cc", "Subject", "Date", "Message-ID",
                                 "In-Reply-To", "References", "Content-Type",
                                 "Content-Transfer-Encoding", "Content-Disposition"])
_pieces = st.sampled_from(["=?utf-8?b?", "=?", "?=", "<", ">", "\"", ",", ";", "@",
                           "multipart/mixed; boundary=", "--", "\r\n", "\r\n\t", "base64",
                           "quoted-printable", "text/html", "charset=", "\xff", "é"])
_value = st.lists(st.one_of(_pieces, st.text(max_size=8)), max_size=12).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(_header_names, _value), min_size=1, max_size=10),
       st.lists(st.one_of(_pieces, st.text(max_size=20)), max_size=30).map("".join))
def test_fuzz_mail_shaped_input(headers: list[tuple[str, str]], body: str) -> None:
    raw = "".join(f"{name}: {value}\r\n" for name, value in headers) + "\r\n" + body
    try:
        message = parse_bytes(raw.encode("utf-8", "surrogatepass"))
    except SpocError:
        return
    assert message.size == len(raw.encode("utf-8", "surrogatepass"))
    assert all(a.data is None or len(a.data) == a.size for a in message.attachments)


STRANGE_DATE = (FIXTURES / "msgextractor_strangeDate.msg").read_bytes()


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(8, len(STRANGE_DATE) - 1), st.integers(0, 255)),
                min_size=1, max_size=20),
       st.integers(600, len(STRANGE_DATE)))
def test_fuzz_damaged_outlook_files(changes: list[tuple[int, int]], length: int) -> None:
    """A damaged .msg (bytes changed, cut short) is read or refused, never a crash."""
    data = bytearray(STRANGE_DATE[:length])
    for position, value in changes:
        if position < len(data):
            data[position] = value
    started = time.monotonic()
    with contextlib.suppress(SpocError):
        parse_bytes(bytes(data))
    assert time.monotonic() - started < 10


def test_the_libraries_log_nothing_of_a_message(caplog: pytest.LogCaptureFixture) -> None:
    damaged = bytearray(STRANGE_DATE)
    damaged[4000:4400] = bytes(400)
    with caplog.at_level(logging.DEBUG):
        for data in (bytes(damaged), STRANGE_DATE[:9000], STRANGE_DATE):
            with contextlib.suppress(SpocError):
                parse_bytes(data)
        read_file(FIXTURES / "msgextractor_unicode.msg")
        parse_bytes(mail("<p>x</p>", ctype="text/html"))
    assert [r for r in caplog.records if not r.name.startswith("spocdesk")] == []
