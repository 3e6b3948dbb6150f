"""User-defined templates for a new case and for interaction notes.

A **case** template has a title pattern, a category, a priority and a body that
becomes the description (a checklist, say). An **interaction** template has a
summary pattern (``title_pattern``) and a body for the note.

Placeholders ``{stakeholder}``, ``{today}``, ``{ref}`` and ``{title}`` are filled
in by :func:`render`, which never fails: an unknown or malformed placeholder is
left exactly as written, and a filled-in value is never expanded again. Saving a
template refuses an unknown placeholder (a typo, most likely) with one sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo

import sqlalchemy as sa
from sqlalchemy.orm import Session

from spocdesk.core import audit
from spocdesk.core.cases.service import KIND as CASE_KIND
from spocdesk.core.cases.service import (
    PRIORITIES,
    NewCase,
    add_in_session,
    check_choice,
    format_ref,
    resolve_case,
)
from spocdesk.core.errors import QT_TRANSLATE_NOOP, InvalidInput, NotFound
from spocdesk.core.model import Case, CaseParticipant, Stakeholder, Template
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store
from spocdesk.core.store.backend import highest_case_number

KIND = "template"
TEMPLATE_KINDS = ("case", "interaction")
PLACEHOLDERS = ("stakeholder", "today", "ref", "title")
_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


def render(text: str, values: Mapping[str, str]) -> str:
    """Fill ``{name}`` for every name in ``values``; leave anything else as written."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)


@dataclass(frozen=True)
class TemplateData:
    kind: str
    name: str
    title_pattern: str = ""
    category: str = ""
    priority: str = ""  # "" = the usual default
    body: str = ""


@dataclass(frozen=True)
class TemplateRow(TemplateData):
    id: str = ""


def _listed(names: Sequence[str]) -> str:
    braced = [f"{{{name}}}" for name in names]
    return braced[0] if len(braced) == 1 else f"{', '.join(braced[:-1])} or {braced[-1]}"


def check_placeholders(data: TemplateData) -> None:
    """Refuse a placeholder :func:`render` would leave as written (a typo, most likely),
    and ``{title}`` in a case template's title pattern (it is the title itself)."""
    title_names = placeholder_names(data.title_pattern)
    for name in [*title_names, *placeholder_names(data.body)]:
        if name not in PLACEHOLDERS:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core", "{{{name}}} is not a placeholder; use {choices}."),
                name=name, choices=_listed(PLACEHOLDERS))
    if data.kind == "case" and "title" in title_names:
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core",
            "A case template's title pattern cannot use {{title}}; it can be used in the "
            "description."))


def _check(data: TemplateData) -> None:
    check_choice("template kind", data.kind, TEMPLATE_KINDS)
    if not data.name.strip():
        raise InvalidInput(QT_TRANSLATE_NOOP("spocdesk.core", "A template needs a name."))
    if data.priority:
        check_choice("priority", data.priority, PRIORITIES)
    if data.kind != "case" and (data.category.strip() or data.priority):
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "A note template has no category or priority."))
    check_placeholders(data)


def _check_unique(session: Session, data: TemplateData, template_id: str | None = None) -> None:
    query = sa.select(Template.id).where(
        Template.kind == data.kind, Template.deleted_at.is_(None),
        sa.func.lower(Template.name) == data.name.strip().lower())
    if template_id is not None:
        query = query.where(Template.id != template_id)
    if session.scalar(query.limit(1)) is not None:
        template = QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is already a case template called '{name}'."
        ) if data.kind == "case" else QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is already a note template called '{name}'.")
        raise InvalidInput(template, name=data.name.strip())


def _row(item: Template) -> TemplateRow:
    return TemplateRow(kind=item.kind, name=item.name, title_pattern=item.title_pattern,
                       category=item.category, priority=item.priority, body=item.body,
                       id=item.id)


def _get(session: Session, template_id: str) -> Template:
    item = session.get(Template, template_id)
    if item is None or item.deleted_at is not None:
        raise NotFound(QT_TRANSLATE_NOOP(
            "spocdesk.core", "There is no template with id {id}."), id=template_id)
    return item


def _fields(data: TemplateData) -> dict[str, str]:
    return {"kind": data.kind, "name": data.name.strip(), "title_pattern": data.title_pattern,
            "category": data.category.strip(), "priority": data.priority, "body": data.body}


def create_template(store: Store, data: TemplateData) -> Outcome[str]:
    _check(data)
    with store.unit_of_work() as uow:
        _check_unique(uow.session, data)
        now = store.now()
        item = Template(**_fields(data), created_at=now)
        uow.session.add(item)
        uow.session.flush()
        audit.record(uow.session, entity=KIND, entity_id=item.id, action="create",
                     author=store.author, at=now, field="name", after=item.name)
        uow.changes.touch(KIND, item.id)
        uow.commit()
    return Outcome(item.id, uow.changes)


def update_template(store: Store, template_id: str, data: TemplateData) -> Outcome[list[str]]:
    """Replace a template's fields; the value is the fields that changed."""
    _check(data)
    with store.unit_of_work() as uow:
        item = _get(uow.session, template_id)
        _check_unique(uow.session, data, item.id)
        before = _fields(_row(item))
        after = _fields(data)
        for name, value in after.items():
            setattr(item, name, value)
        changed = audit.record_changes(uow.session, entity=KIND, entity_id=item.id,
                                       author=store.author, at=store.now(), before=before,
                                       after=after)
        uow.changes.touch(KIND, item.id)
        uow.commit()
    return Outcome(changed, uow.changes)


def delete_template(store: Store, template_id: str) -> Outcome[str]:
    with store.unit_of_work() as uow:
        item = _get(uow.session, template_id)
        now = store.now()
        item.deleted_at = now
        audit.record(uow.session, entity=KIND, entity_id=item.id, action="delete",
                     author=store.author, at=now, field="name", before=item.name)
        uow.changes.touch(KIND, item.id)
        uow.commit()
    return Outcome(item.id, uow.changes)


def duplicate_template(store: Store, template_id: str) -> Outcome[str]:
    """A copy named "<name> (copy)" (or "(copy 2)", …); the value is the copy's id."""
    original = get_template(store, template_id)
    with store.session() as session:
        taken = {name.lower() for name in session.scalars(sa.select(Template.name).where(
            Template.kind == original.kind, Template.deleted_at.is_(None)))}
    name, number = f"{original.name} (copy)", 1
    while name.lower() in taken:
        number += 1
        name = f"{original.name} (copy {number})"
    return create_template(store, TemplateData(
        kind=original.kind, name=name, title_pattern=original.title_pattern,
        category=original.category, priority=original.priority, body=original.body))


def get_template(store: Store, template_id: str) -> TemplateRow:
    with store.session() as session:
        return _row(_get(session, template_id))


def find_template(store: Store, key: str) -> TemplateRow:
    """A template by its id, else by its name (any case)."""
    with store.session() as session:
        item = session.get(Template, key.strip())
        if item is not None and item.deleted_at is None:
            return _row(item)
        found = list(session.scalars(sa.select(Template).where(
            Template.deleted_at.is_(None),
            sa.func.lower(Template.name) == key.strip().lower())))
        if len(found) > 1:
            raise InvalidInput(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "Several templates are called '{name}'; give the id of the one you mean."),
                name=key.strip())
        if not found:
            raise NotFound(QT_TRANSLATE_NOOP(
                "spocdesk.core", "There is no template called '{name}' or with that id."),
                name=key.strip())
        return _row(found[0])


def list_templates(store: Store, kind: str | None = None) -> list[TemplateRow]:
    query = sa.select(Template).where(Template.deleted_at.is_(None))
    if kind is not None:
        check_choice("template kind", kind, TEMPLATE_KINDS)
        query = query.where(Template.kind == kind)
    with store.session() as session:
        return [_row(t) for t in session.scalars(query.order_by(Template.name, Template.id))]


# -- using a template -----------------------------------------------------------


def today_text(now: datetime, tz: tzinfo | None = None) -> str:
    return now.astimezone(tz).date().isoformat()


def sample_values(store: Store, stakeholder: str, tz: tzinfo | None = None) -> dict[str, str]:
    """Values for a preview: today, the next case's reference, the given name."""
    with store.session() as session:
        ref = _next_ref(session)
    return {"today": today_text(store.now(), tz), "ref": ref, "stakeholder": stakeholder}


def _next_ref(session: Session) -> str:
    """The reference the next new case gets."""
    return format_ref((session.scalar(sa.select(highest_case_number())) or 0) + 1)


def _main_name(session: Session, case_id: str) -> str:
    name = session.scalar(
        sa.select(Stakeholder.display_name)
        .join(CaseParticipant, CaseParticipant.stakeholder_id == Stakeholder.id)
        .where(CaseParticipant.case_id == case_id, CaseParticipant.is_main.is_(True),
               CaseParticipant.deleted_at.is_(None))
        .limit(1)
    )
    return name or ""


@dataclass(frozen=True)
class RenderedNote:
    summary: str
    body: str


def preview(data: TemplateData, values: Mapping[str, str]) -> RenderedNote:
    """What a template gives with these values: a case's title (``{title}`` in its
    description is that title) or a note's summary, and the body."""
    summary = render(data.title_pattern, values)
    if data.kind == "case":
        summary = summary.strip() or data.name.strip()
        values = {**values, "title": summary}
    return RenderedNote(summary, render(data.body, values))


def render_note(store: Store, template_id: str, case_id: str | None = None, *,
                stakeholder: str | None = None, tz: tzinfo | None = None) -> RenderedNote:
    """An interaction template filled in for a case (its ref, title and main stakeholder)."""
    with store.session() as session:
        item = _get(session, template_id)
        values = {"today": today_text(store.now(), tz)}
        if case_id is not None:
            case = resolve_case(session, case_id)
            values.update(ref=case.ref, title=case.title,
                          stakeholder=_main_name(session, case.id))
        if stakeholder is not None:
            values["stakeholder"] = stakeholder
        return RenderedNote(render(item.title_pattern, values), render(item.body, values))


@dataclass
class FromTemplate:
    """``title``/``description``/``priority``/``category`` override the template's (as
    edited in the new-case dialog); placeholders in them are filled in too."""

    template_id: str
    stakeholders: list[tuple[str, str]] = field(default_factory=list)  # (id, role)
    title: str = ""  # overrides the rendered title pattern when given
    description: str | None = None
    priority: str | None = None
    category: str | None = None


def add_case_from_template(store: Store, data: FromTemplate,
                           tz: tzinfo | None = None) -> Outcome[str]:
    """Open a case from a case template; the value is its reference.

    ``{ref}`` is the new case's reference, ``{stakeholder}`` its main stakeholder,
    and ``{title}`` (in the body) its title.
    """
    with store.unit_of_work() as uow:
        case = add_from_template_in_session(uow.session, data, now=store.now(),
                                            author=store.author, tz=tz)
        uow.changes.touch(CASE_KIND, case.id)
        uow.commit()
    return Outcome(case.ref, uow.changes)


def add_from_template_in_session(session: Session, data: FromTemplate, *, now: datetime,
                                 author: str, tz: tzinfo | None = None) -> Case:
    """:func:`add_case_from_template` inside an open unit of work (a case opened from
    an e-mail, say)."""
    item = _get(session, data.template_id)
    if item.kind != "case":
        raise InvalidInput(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The template '{name}' is not a case template."), name=item.name)
    main = session.get(Stakeholder, data.stakeholders[0][0]) if data.stakeholders else None
    values = {"today": today_text(now, tz), "ref": _next_ref(session),
              "stakeholder": main.display_name if main else ""}
    title = (render(data.title, values).strip()
             or render(item.title_pattern, values).strip() or item.name)
    values["title"] = title
    body = item.body if data.description is None else data.description
    new = NewCase(title=title, description=render(body, values),
                  priority=data.priority or item.priority or NewCase.priority,
                  category=item.category if data.category is None else data.category,
                  stakeholders=list(data.stakeholders))
    return add_in_session(session, new, now=now, author=author)


def placeholder_names(text: str) -> Sequence[str]:
    """The placeholders a template uses (known or not), in order of first use."""
    seen: dict[str, None] = {}
    for match in _PLACEHOLDER.finditer(text):
        seen.setdefault(match.group(1), None)
    return list(seen)
