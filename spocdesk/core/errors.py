"""The errors a user can meet, each with one plain sentence as its message.

Every exception raised out of ``spocdesk.core`` on a user's path derives from
:class:`SpocError`, so the CLI and the GUI can show ``str(error)`` and stop.

The sentence is kept as an English *template* with named ``{placeholders}`` and
its *params*; ``str(error)`` renders it when it is shown: the template goes
through the translation hook (identity unless the GUI called
:func:`set_translator`), then its placeholders are filled. Every template is
written as ``QT_TRANSLATE_NOOP("spocdesk.core", "…")`` so that pyside6-lupdate
collects it (``scripts/update_translations.py``); core itself never imports Qt,
and the command line, which sets no translator, stays English. A param that is
itself a fixed phrase (the ``why`` of :class:`DamagedStore`) is a marked
template too, or a :class:`Message` when it has placeholders of its own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

CONTEXT = "spocdesk.core"  # the translation context of every core template


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for pyside6-lupdate under ``context`` (always
    ``"spocdesk.core"`` here, written out: lupdate reads the literal); returns it."""
    return source


def _identity(text: str) -> str:
    return text


_translate: Callable[[str], str] = _identity


def set_translator(translate: Callable[[str], str] | None) -> None:
    """Install the function that turns a template into the interface language
    (``None``: English again). The GUI installs Qt's translator here."""
    global _translate
    _translate = translate or _identity


def render(template: str, /, **params: object) -> str:
    """``template`` in the interface language with its placeholders filled (the
    English one when a translation names a placeholder the template does not have)."""
    for text in (_translate(template), template):
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            continue
    return template  # never fail while telling the user what failed


class Message:
    """A marked template and its params, rendered only when shown (``str()``)."""

    __slots__ = ("params", "template")

    def __init__(self, template: str, /, **params: object) -> None:
        self.template = template
        self.params = params

    def __str__(self) -> str:
        return render(self.template, **self.params)

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.params!r})"


def as_message(why: str | Message) -> Message:
    """A ``why`` param: a marked template (no placeholders) or a :class:`Message`."""
    return why if isinstance(why, Message) else Message(why)


class SpocError(Exception):
    """Base class: ``str(error)`` is a sentence fit to show to the user.

    ``template`` is the English sentence with named placeholders, marked with
    :func:`QT_TRANSLATE_NOOP`; ``params`` fill them (a :class:`Message` param is
    rendered, translated, in its place)."""

    def __init__(self, template: str, /, **params: object) -> None:
        super().__init__(template)
        self.template = template
        self.params = params

    def __str__(self) -> str:
        return render(self.template, **self.params)


class StoreError(SpocError):
    """Something is wrong with the store file itself."""


class StoreNotFound(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no store at {path}; create one with 'spocdesk init'."),
            path=path)


class StoreExists(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A file already exists at {path}; spocdesk will not overwrite it."),
            path=path)


class WrongPassphrase(StoreError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The passphrase is not correct for this store."))


class NotAStore(StoreError):
    def __init__(self, path: object, why: str | Message) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "{path} is not a spocdesk store: {why}."),
            path=path, why=as_message(why))


class DamagedStore(StoreError):
    def __init__(self, path: object, why: str | Message = "") -> None:
        if why:
            super().__init__(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "The store at {path} is damaged ({why}); restore it from a backup."),
                path=path, why=as_message(why))
        else:
            super().__init__(QT_TRANSLATE_NOOP(
                "spocdesk.core", "The store at {path} is damaged; restore it from a backup."),
                path=path)


class StoreInUse(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The store at {path} is already open in another spocdesk window or command; "
            "close that one first."), path=path)


class StoreTooNew(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The store at {path} was written by a newer spocdesk; update spocdesk to open it."),
            path=path)


class StoreBusy(StoreError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The store is busy: another spocdesk window or command kept it for too long. "
            "Nothing was saved; try again."))


class StoreLocked(StoreError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The store is locked; unlock it first."))


class DiskFull(StoreError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The disk is full; nothing was saved. Free some space and try again."))


class ReadOnlyStore(StoreError):
    def __init__(self, path: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The store at {path} cannot be written (read-only file or folder)."), path=path)


class ServerUnreachable(StoreError):
    def __init__(self, where: object, reason: str) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "The team server {where} cannot be reached ({reason}); nothing was changed."),
            where=where, reason=reason)


class WrongServerPassword(StoreError):
    def __init__(self, where: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The team server {where} refused the role's password."),
            where=where)


class NoServerRights(StoreError):
    def __init__(self, where: object) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "Your role on the team server {where} lacks the rights for this; "
            "ask the server's administrator."), where=where)


class NotOnTeamServer(StoreError):
    """Something only the encrypted store file has so far (see
    :mod:`spocdesk.core.store.backend`); ``template`` names it in a whole sentence."""

    def __init__(self, template: str = "") -> None:
        super().__init__(template or QT_TRANSLATE_NOOP(
            "spocdesk.core", "This works on a store file only: on a team server, backups "
            "are pg_dump's, and integrity and passwords are for its administrator."))


class PassphraseRequired(SpocError):
    def __init__(self) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "A passphrase is needed: set SPOCDESK_PASSPHRASE, use --passphrase-file, "
            "or run from a terminal."))


class WeakPassphrase(SpocError):
    pass


class NotFound(SpocError):
    """A record named by the user does not exist."""


class InvalidInput(SpocError):
    """A value given by the user cannot be used."""


class Conflict(InvalidInput):
    """Someone saved the record since the user read it (an optimistic lock: the save
    counts only while the record's ``revision`` is still the one the user saw).

    ``fields`` are the words of what changed meanwhile (marked templates, empty when
    not known); ``revision`` is the record's revision now (None: not known). Nothing
    of the refused save was written."""

    def __init__(self, what: object, fields: Sequence[str] = (), *,
                 revision: int | None = None, record_id: str | None = None) -> None:
        self.fields = tuple(fields)
        self.revision = revision
        self.record_id = record_id
        if self.fields:
            super().__init__(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{what} was changed meanwhile ({fields}); nothing was saved."),
                what=what, fields=_Words(self.fields))
        else:
            super().__init__(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{what} was changed meanwhile; nothing was saved."), what=what)


class _Words:
    """Marked words joined by commas, each in the interface language when shown."""

    def __init__(self, words: Sequence[str]) -> None:
        self.words = words

    def __str__(self) -> str:
        return ", ".join(render(word) for word in self.words)
