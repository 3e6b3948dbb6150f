"""Mail files and raw messages to :class:`~spocdesk.core.mail.message.MailMessage`.

:func:`parse_bytes` reads one message: RFC 5322 bytes (an ``.eml`` file, what an IMAP
server hands out) or an Outlook ``.msg`` file (by its content, via ``extract-msg``).
:func:`read_file` reads a file of either kind or an ``mbox`` file of many.

The text body is the message's plain text; when it has none, its HTML converted to
text (``inscriptis``, which fetches nothing: no image, style sheet or other remote
content is ever loaded). Attachments are listed with their size and kept up to the
size cap: the text first, then each attachment that still fits; what does not fit
is listed with ``data=None`` (the text, cut, ends with a note).

Hostile mail never crashes or hangs this: headers are read up to
:data:`MAX_HEADER` characters, at most :data:`MAX_PARTS` parts are looked at and
:data:`MAX_DEPTH` levels of nesting, a structure nested deeper than Python's parser
can follow keeps its headers and a note, broken encodings decode with replacement
characters, and nothing is ever decompressed (an archive stays an attachment of its
own size). Only a file that holds no e-mail at all raises :class:`MailUnreadable`.
Nothing read is logged or written anywhere.
"""

from __future__ import annotations

import codecs
import logging
import mailbox
import re
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime
from email import policy
from email.header import decode_header, make_header
from email.message import Message as EmailMessage
from email.parser import BytesParser
from email.utils import getaddresses, parseaddr, parsedate_to_datetime
from os import PathLike
from pathlib import Path

from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, Message
from spocdesk.core.mail.message import Address, MailAttachment, MailMessage
from spocdesk.core.settings import Settings

log = logging.getLogger(__name__)

MB = 1024 * 1024
#: bytes kept of one message (text and attachments) when no cap is given: the size cap
#: setting's default; the store's own setting is ``capture.size_cap(store)``
DEFAULT_CAP = Settings().mail_size_cap_mb * MB
MAX_HEADER = 16_384  # characters of one header field that are read
MAX_ADDRESSES = 500  # addresses read from one field
MAX_REFERENCES = 100  # the newest message ids of References
MAX_PARTS = 1000  # MIME parts looked at
MAX_DEPTH = 50  # levels of multipart nesting followed
MAX_REPAIRS = 5  # multiparts with a wrong boundary read again with the one they use
MAX_SUBJECT = 998  # an RFC 5322 line
HTML_LIMIT = 8 * MB  # characters of HTML converted to text (the rest is cut)
GUESS_LIMIT = 256 * 1024  # bytes given to the charset guess when none is declared
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an Outlook .msg (an OLE2 file)
_HEADERS = ("from", "to", "cc", "subject", "date", "message-id", "sender")
_MSG_ID = re.compile(r"<([^<>\s]{1,998})>")
_SPACE = re.compile(r"\s+")
_TAG = re.compile(r"<[^>]*>")
_BOUNDARY_LINE = re.compile(r"^--([^\s]{1,200})[ \t]*\r?$", re.MULTILINE)

# the libraries below log what they found odd, sometimes with a name or subject in it;
# nothing of a message may reach the log file
for _name in ("extract_msg", "RTFDE", "olefile", "inscriptis"):
    _quiet = logging.getLogger(_name)
    _quiet.setLevel(logging.CRITICAL + 1)  # its child loggers inherit the level
    _quiet.propagate = False  # and stop here, whatever level they set themselves


class MailUnreadable(InvalidInput):
    """A file or message that holds no e-mail spocdesk can read."""

    def __init__(self, what: object, why: str | Message) -> None:
        self.why = why if isinstance(why, Message) else Message(why)
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "{what} cannot be read as an e-mail: {why}."),
            what=what, why=self.why)


_THE_MESSAGE = QT_TRANSLATE_NOOP("spocdesk.core", "The message")
_NO_HEADERS = QT_TRANSLATE_NOOP("spocdesk.core", "it has no mail headers")
_EMPTY = QT_TRANSLATE_NOOP("spocdesk.core", "it is empty")
_BROKEN_MSG = QT_TRANSLATE_NOOP("spocdesk.core", "the Outlook file is damaged")
_NOT_MAIL_MSG = QT_TRANSLATE_NOOP(
    "spocdesk.core", "the Outlook file holds something other than an e-mail")
_TOO_DEEP = "[spocdesk: the parts of this message are nested too deeply to be read.]"
_NOTE_ROOM = 200  # bytes kept free for the note below
_TEXT_CUT = "[spocdesk: the rest of the text ({size}) is above the size limit and was not kept.]"
_HEADER_ONLY = "[spocdesk: this e-mail ({size}) is above the size limit; only its header was kept.]"


# -- entry points ------------------------------------------------------------------


def parse_bytes(raw: bytes, *, cap: int = DEFAULT_CAP) -> MailMessage:
    """One message from its bytes (RFC 5322, or an Outlook ``.msg`` by its content);
    :class:`MailUnreadable` when they hold no e-mail."""
    if not raw.strip():
        raise MailUnreadable(Message(_THE_MESSAGE), _EMPTY)
    if raw.startswith(OLE_MAGIC):
        return _parse_msg(raw, cap)
    return _parse_rfc822(raw, cap)


def header_only(message: MailMessage, size: int) -> MailMessage:
    """A message of which only the header was read (a server's message above the size
    cap): its real ``size``, and a note for its text."""
    return replace(message, size=size, text=_HEADER_ONLY.format(size=_size(size)),
                   attachments=())


def read_file(path: str | PathLike[str]) -> list[MailMessage]:
    """Every message of an ``.eml``, ``.msg`` or ``mbox`` file (told apart by content)."""
    return list(iter_file(path))


def iter_file(path: str | PathLike[str], *, cap: int = DEFAULT_CAP) -> Iterator[MailMessage]:
    """The messages of a file one by one (an mbox file is never read whole)."""
    path = Path(path)
    with path.open("rb") as file:
        start = file.read(len(OLE_MAGIC))
    if start.startswith(b"From "):
        yield from _read_mbox(path, cap)
        return
    try:
        yield parse_bytes(path.read_bytes(), cap=cap)
    except MailUnreadable as exc:
        raise MailUnreadable(path.name, exc.why) from None


def _read_mbox(path: Path, cap: int) -> Iterator[MailMessage]:
    box = mailbox.mbox(path, create=False)
    try:
        for number, key in enumerate(box.iterkeys(), start=1):
            try:
                yield parse_bytes(box.get_bytes(key), cap=cap)
            except MailUnreadable as exc:
                raise MailUnreadable(Message(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "Message {number} of {name}"),
                    number=number, name=path.name), exc.why) from None
    finally:
        box.close()


# -- RFC 5322 ----------------------------------------------------------------------


def _parse_rfc822(raw: bytes, cap: int) -> MailMessage:
    parser = BytesParser(policy=policy.compat32)
    too_deep = False
    try:
        parsed = parser.parsebytes(raw)
    except RecursionError:  # multiparts nested deeper than the parser can follow
        parsed = parser.parsebytes(raw, headersonly=True)
        too_deep = True
    headers = {name.lower() for name in parsed}
    if not headers & set(_HEADERS):
        raise MailUnreadable(Message(_THE_MESSAGE), _NO_HEADERS)
    plain: list[str] = [_TOO_DEEP]
    html: list[str] = []
    found: list[MailAttachment] = []
    if not too_deep:
        plain, html, found = _walk(parsed)
    text = "\n\n".join(t for t in plain if t.strip())
    if not text.strip() and html:
        text = "\n\n".join(html_to_text(h) for h in html)
    sender = _addresses(parsed, "from")
    if not sender:
        sender = _addresses(parsed, "sender")
    text, attachments = fit(text, found, cap)
    return MailMessage(
        message_id=_first_id(_header(parsed, "message-id")),
        subject=_subject(_header(parsed, "subject")),
        sender=sender[0] if sender else None,
        to=tuple(_addresses(parsed, "to")),
        cc=tuple(_addresses(parsed, "cc")),
        date=_date(_header(parsed, "date")),
        in_reply_to=_first_id(_header(parsed, "in-reply-to")) or None,
        references=tuple(_MSG_ID.findall(_header(parsed, "references"))[-MAX_REFERENCES:]),
        text=text,
        attachments=attachments,
        size=len(raw),
    )


def _walk(root: EmailMessage) -> tuple[list[str], list[str], list[MailAttachment]]:
    """Plain texts, HTML texts and attachments, in order, depth first, without
    recursion (a hostile message may nest thousands of levels)."""
    plain: list[str] = []
    html: list[str] = []
    found: list[MailAttachment] = []
    stack: list[tuple[EmailMessage, int]] = [(root, 0)]
    seen = repairs = 0
    while stack and seen < MAX_PARTS:
        part, depth = stack.pop()
        seen += 1
        try:
            content_type = part.get_content_type()
            payload = part.get_payload()
        except Exception:  # a header the library cannot take
            continue
        if content_type.startswith("multipart/"):
            if isinstance(payload, str) and repairs < MAX_REPAIRS:
                repairs += 1  # its boundary is not the one it declares: find the real one
                payload = _repaired(payload)
            if isinstance(payload, list) and depth < MAX_DEPTH:
                stack.extend((child, depth + 1) for child in reversed(payload)
                             if isinstance(child, EmailMessage))
            continue
        filename = _filename(part)
        disposition = _header(part, "content-disposition").split(";")[0].strip().lower()
        if (content_type in ("text/plain", "text/html") and not filename
                and disposition != "attachment"):
            text = _decode_text(_payload(part), part)
            (plain if content_type == "text/plain" else html).append(text)
            continue
        data = _payload(part)
        found.append(MailAttachment(filename=filename or _unnamed(content_type),
                                    content_type=content_type, size=len(data), data=data))
    return plain, html, found


def _repaired(payload: str) -> list[EmailMessage] | str:
    """The parts of a multipart whose declared boundary is not the one used (as spam
    and broken mailers write it): the first ``--boundary`` line is taken instead."""
    match = _BOUNDARY_LINE.search(payload[:65_536])
    if match is None:
        return payload
    boundary = match.group(1)
    if boundary.endswith("--"):
        boundary = boundary[:-2]
    head = f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n'
    try:
        data = (head + payload).encode("ascii", "surrogateescape")
        again = BytesParser(policy=policy.compat32).parsebytes(data).get_payload()
    except Exception:  # RecursionError too
        return payload
    if not isinstance(again, list):
        return payload
    return [part for part in again if isinstance(part, EmailMessage)]


def _payload(part: EmailMessage) -> bytes:
    """A leaf part's content, transfer encoding undone (best effort on broken base64);
    a forwarded message or a delivery report as it was written."""
    try:
        data = part.get_payload(decode=True)
        if isinstance(data, bytes):
            return data
        inner = part.get_payload()
        if isinstance(inner, list):
            return b"".join(child.as_bytes() for child in inner
                            if isinstance(child, EmailMessage))
    except Exception:  # RecursionError too
        return b""
    return b""


def _unnamed(content_type: str) -> str:
    if content_type == "message/rfc822":
        return "message.eml"
    if content_type.startswith(("message/", "text/")):
        return "details.txt"
    return "attachment"


def _filename(part: EmailMessage) -> str:
    try:
        name = part.get_filename() or part.get_param("name") or ""
    except Exception:
        return ""
    if isinstance(name, tuple):  # RFC 2231 left undecoded
        name = str(name[2])
    text = _decoded_words(_unescape(str(name))[:MAX_HEADER])
    # a name, never a path
    return _SPACE.sub(" ", text.replace("\\", "/").rsplit("/", 1)[-1]).strip()[:255]


# -- text --------------------------------------------------------------------------


def _decode_text(data: bytes, part: EmailMessage) -> str:
    try:
        charset = part.get_content_charset() or ""
    except Exception:
        charset = ""
    return decode_bytes(data, charset)


def decode_bytes(data: bytes, charset: str = "") -> str:
    """Bytes as text in the declared charset; a charset that is unknown or not a text
    encoding is guessed instead; undecodable bytes become replacement characters."""
    codec = _text_codec(charset)
    if codec is None:
        if data.isascii():
            return data.decode("ascii")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            codec = _guess(data[:GUESS_LIMIT])
    try:
        return data.decode(codec, "replace")
    except Exception:  # a codec that fails even with "replace"
        return data.decode("utf-8", "replace")


def _text_codec(charset: str) -> str | None:
    name = charset.strip().strip('"').lower()
    if not name or len(name) > 64:
        return None
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    if not getattr(info, "_is_text_encoding", True):
        return None  # base64, rot13, zlib …: not a charset
    return info.name


def _guess(sample: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        return "cp1252"
    return _text_codec(best.encoding) or "cp1252"


def html_to_text(html: str) -> str:
    """Readable text of an HTML body; no remote content is fetched (lxml reads no DTD or
    external entity, inscriptis follows no link). Beyond :data:`HTML_LIMIT` it is cut."""
    source = html[:HTML_LIMIT]
    try:
        from inscriptis import get_text

        text = get_text(source)
    except Exception:  # markup the parser cannot take (RecursionError too): tags stripped
        text = _TAG.sub(" ", source)
    lines = [line.rstrip() for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def fit(text: str, found: list[MailAttachment], cap: int
         ) -> tuple[str, tuple[MailAttachment, ...]]:
    """The text, then each attachment in order while the cap allows; the rest is
    listed without its data."""
    budget = max(cap, 0)
    encoded = len(text.encode("utf-8", "surrogatepass"))
    if encoded > budget:  # cut, with room for the note: fits the same cap again
        room = max(budget - _NOTE_ROOM, 0)
        kept = text.encode("utf-8", "surrogatepass")[:room].decode("utf-8", "ignore")
        text = kept + "\n\n" + _TEXT_CUT.format(size=_size(encoded - len(kept.encode())))
        encoded = min(len(text.encode("utf-8", "surrogatepass")), budget)
    budget -= encoded
    attachments = []
    for item in found:
        if item.data is not None and item.size <= budget:
            budget -= item.size
            attachments.append(item)
        else:
            attachments.append(MailAttachment(item.filename, item.content_type, item.size, None))
    return text, tuple(attachments)


def _size(count: int) -> str:
    return f"{count / MB:.1f} MB" if count >= MB else f"{max(count // 1024, 1)} KB"


# -- headers -----------------------------------------------------------------------


def _unescape(value: str) -> str:
    """A raw header as parsed (non-ASCII bytes as surrogates) to text: UTF-8, else
    Windows-1252, as mail programs send it."""
    try:
        data = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return value
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", "replace")


def _header(part: EmailMessage, name: str) -> str:
    """The first field ``name`` as raw text (encoded words left as written)."""
    try:
        for key, value in part.raw_items():
            if key.lower() == name:
                return _unescape(str(value)[:MAX_HEADER])
    except Exception:
        pass
    return ""


def _decoded_words(value: str) -> str:
    """``=?utf-8?q?…?=`` words decoded; a word that cannot be is kept as written."""
    if "=?" not in value:
        return value
    try:
        return str(make_header(decode_header(value)))
    except Exception:
        return value


def _subject(raw: str) -> str:
    return _SPACE.sub(" ", _decoded_words(raw)).strip()[:MAX_SUBJECT]


def _addresses(part: EmailMessage, name: str) -> list[Address]:
    raw = _header(part, name)
    if not raw:
        return []
    try:
        pairs = getaddresses([raw])[:MAX_ADDRESSES]
    except Exception:
        return []
    found = []
    for display, email in pairs:
        email = email.strip()[:MAX_SUBJECT]
        display = _SPACE.sub(" ", _decoded_words(display)).strip().strip('"')[:MAX_SUBJECT]
        if "@" not in email and not display:
            continue
        found.append(Address(display, email if "@" in email else ""))
    return found


def _first_id(raw: str) -> str:
    match = _MSG_ID.search(raw)
    if match:
        return match.group(1)
    token = raw.strip().split()[0] if raw.strip() else ""
    return token[:MAX_SUBJECT]


def _date(raw: str) -> datetime | None:
    if not raw.strip():
        return None
    try:
        when = parsedate_to_datetime(raw.strip()[:200])
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    try:
        when = when.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
    return when if 1970 <= when.year <= 2200 else None


# -- Outlook .msg ------------------------------------------------------------------


def _parse_msg(raw: bytes, cap: int) -> MailMessage:
    what = Message(QT_TRANSLATE_NOOP("spocdesk.core", "The Outlook file"))
    try:
        import extract_msg
        from extract_msg.msg_classes import Message as OutlookMessage

        item = extract_msg.openMsg(raw)
    except Exception as exc:  # RecursionError too
        log.info("an Outlook file could not be opened (%s)", type(exc).__name__)
        raise MailUnreadable(what, _BROKEN_MSG) from None
    try:
        if not isinstance(item, OutlookMessage):
            raise MailUnreadable(what, _NOT_MAIL_MSG)
        return _outlook_message(item, raw, cap)
    except MailUnreadable:
        raise
    except Exception as exc:  # RecursionError too
        log.info("an Outlook file could not be read (%s)", type(exc).__name__)
        raise MailUnreadable(what, _BROKEN_MSG) from None
    finally:
        item.close()


def _outlook_addresses(value: str | None) -> tuple[Address, ...]:
    """Outlook's ``Name <address>; Name <address>`` (a name may hold a comma)."""
    found = []
    for chunk in (value or "")[:MAX_HEADER].split(";")[:MAX_ADDRESSES]:
        name, email = parseaddr(chunk)
        name = _SPACE.sub(" ", name).strip()
        email = email.strip() if "@" in email else ""
        if name == email:
            name = ""
        if name or email:
            found.append(Address(name, email))
    return tuple(found)


def _outlook_message(item: object, raw: bytes, cap: int) -> MailMessage:
    from extract_msg.msg_classes import Message as OutlookMessage

    assert isinstance(item, OutlookMessage)
    header = item.header  # the transport headers, when the message was received
    references: tuple[str, ...] = ()
    in_reply_to = None
    if header is not None:
        references = tuple(_MSG_ID.findall(str(header.get("References", ""))[:MAX_HEADER]))
        in_reply_to = _first_id(str(header.get("In-Reply-To", ""))[:MAX_HEADER]) or None
    text = item.body or ""
    if not text.strip():
        html = item.htmlBody
        if html:
            text = html_to_text(decode_bytes(html[:HTML_LIMIT]))
    found = []
    for attachment in item.attachments:
        data = getattr(attachment, "data", None)
        name = (getattr(attachment, "longFilename", None) or getattr(attachment, "name", None)
                or "attachment")
        content_type = getattr(attachment, "mimetype", None) or "application/octet-stream"
        if isinstance(data, bytes):
            found.append(MailAttachment(str(name)[:255], str(content_type), len(data), data))
        else:  # an embedded Outlook item: listed, not kept
            found.append(MailAttachment(str(name)[:255], "application/vnd.ms-outlook", 0, None))
    senders = _outlook_addresses(item.sender)
    when = item.date
    text, attachments = fit(text.replace("\r\n", "\n"), found, cap)
    return MailMessage(
        message_id=_first_id(item.messageId or ""),
        subject=_subject(item.subject or ""),
        sender=senders[0] if senders else None,
        to=_outlook_addresses(item.to),
        cc=_outlook_addresses(item.cc),
        date=when.astimezone(UTC) if isinstance(when, datetime) and when.tzinfo else None,
        in_reply_to=in_reply_to,
        references=references[-MAX_REFERENCES:],
        text=text,
        attachments=attachments,
        size=len(raw),
    )
