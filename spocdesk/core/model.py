"""SQLAlchemy 2 typed models for every record spocdesk keeps.

Every record has a UUID primary key, ``created_at``/``updated_at`` (UTC), a
``revision`` counter (SQLAlchemy's version counter, bumped on every update)
and a soft-delete ``deleted_at`` so a handover pack can be merged back.

Tags are kept as one text column in the form ``|tag one|tag two|`` so a
filter is a single ``instr()`` in SQL; :func:`pack_tags`/:func:`unpack_tags`
convert.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    TypeDecorator,
    text,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Stores naive UTC, hands back aware UTC; refuses naive input."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def _now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


#: columns only a team server fills (revision 0026): ``owner``, the PostgreSQL role a
#: row belongs to (the server's default: whoever inserts it), and ``db_role`` on the
#: audit trail, the role that really made the change (a server trigger sets it). Table
#: columns the ORM leaves alone; on the encrypted file they stay NULL and nothing reads
#: them. Row-level security on the server (:mod:`spocdesk.core.store.policies`) uses them.
SERVER_ONLY_COLUMNS = ("owner", "db_role")


def owner_column() -> Column[str]:
    """A table's ``owner`` role (see :data:`SERVER_ONLY_COLUMNS`)."""
    return Column("owner", Text, nullable=True)


def _mapper_args(cls: Any, **extra: Any) -> dict[str, Any]:
    """``revision`` as SQLAlchemy's version counter, and the server-only columns left out
    of the mapping, plus ``extra``."""
    args: dict[str, Any] = {"version_id_col": cls.__table__.c.revision, **extra}
    server_only = [name for name in SERVER_ONLY_COLUMNS if name in cls.__table__.c]
    if server_only:
        args["exclude_properties"] = [*args.get("exclude_properties", ()), *server_only]
    return args


class Record:
    """Columns every record carries."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now, onupdate=_now)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # SQLAlchemy bumps ``revision`` on every UPDATE of the row.
        return _mapper_args(cls)


class StakeholderKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class ContactKind(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    ADDRESS = "address"
    WEB = "web"
    OTHER = "other"


class CaseStatus(StrEnum):
    NEW = "new"
    OPEN = "open"
    WAITING = "waiting"
    ESCALATED = "escalated"
    RESOLVED = "resolved"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class Channel(StrEnum):
    PHONE = "phone"
    EMAIL = "email"
    MEETING = "meeting"
    CHAT = "chat"
    LETTER = "letter"
    NOTE = "note"


class Direction(StrEnum):
    IN = "in"
    OUT = "out"
    INTERNAL = "internal"


class Severity(StrEnum):
    STABLE = "stable"
    WATCH = "watch"
    UNSTABLE = "unstable"


def pack_tags(tags: Iterable[str]) -> str:
    """``["b", "a", "a"]`` → ``"|a|b|"`` (empty set → ``""``)."""
    clean = sorted({t.strip().replace("|", "/") for t in tags if t and t.strip()})
    return f"|{'|'.join(clean)}|" if clean else ""


def unpack_tags(packed: str | None) -> list[str]:
    return [t for t in (packed or "").split("|") if t]


class Stakeholder(Record, Base):
    __tablename__ = "stakeholder"
    __table_args__ = (
        Index("ix_stakeholder_id_sort", "id", "sort_name", "display_name"),
        # a person's organisation (or the organisation itself), read alone: the
        # report's demand per organisation (revision 0024)
        Index("ix_stakeholder_organisation_of", "id", "kind", "organisation_id"),
        # the directory's default order, read straight from the index (revision 0007)
        Index("ix_stakeholder_name_order", "sort_name", "display_name", "id",
              sqlite_where=text("deleted_at IS NULL")),
        # the latest live interaction with the person, and when the stay-in-touch
        # cadence runs out (NULL without one); kept by triggers (revision 0008) for
        # every writer. Table columns the ORM leaves alone, so never stale in a session.
        Column("last_contact_at", UTCDateTime, nullable=True),
        Column("contact_due_at", UTCDateTime, nullable=True),
        Index("ix_stakeholder_contact_due", "contact_due_at",
              sqlite_where=text("deleted_at IS NULL AND contact_due_at IS NOT NULL")),
        owner_column(),
    )

    kind: Mapped[str] = mapped_column(String(16), default=StakeholderKind.PERSON.value)
    display_name: Mapped[str] = mapped_column(Text)
    given_name: Mapped[str] = mapped_column(Text, default="")
    family_name: Mapped[str] = mapped_column(Text, default="")
    sort_name: Mapped[str] = mapped_column(Text, default="", index=True)
    organisation_id: Mapped[str | None] = mapped_column(
        ForeignKey("stakeholder.id"), default=None, index=True
    )
    title: Mapped[str] = mapped_column(Text, default="")
    preferred_channel: Mapped[str] = mapped_column(String(16), default="")
    tags: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    cadence_days: Mapped[int | None] = mapped_column(Integer, default=None)
    # revision 0014: what address books hold beyond a name (see that revision). Loaded
    # together on first use and left out of an INSERT that does not set them, so code
    # that never looks at them runs unchanged (on a store of any revision, in tests).
    nickname: Mapped[str] = mapped_column(Text, server_default=text("''"), deferred=True,
                                          deferred_group="address_book")
    org_units: Mapped[str] = mapped_column(Text, server_default=text("''"), deferred=True,
                                           deferred_group="address_book")
    birthday: Mapped[str] = mapped_column(Text, server_default=text("''"), deferred=True,
                                          deferred_group="address_book")
    anniversary: Mapped[str] = mapped_column(Text, server_default=text("''"), deferred=True,
                                             deferred_group="address_book")

    contact_points: Mapped[list[ContactPoint]] = relationship(
        back_populates="stakeholder", order_by="ContactPoint.kind"
    )
    organisation: Mapped[Stakeholder | None] = relationship(remote_side="Stakeholder.id")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # eager_defaults off: an INSERT does not read the 0014 columns back (RETURNING)
        return _mapper_args(cls, eager_defaults=False,
                            exclude_properties=["last_contact_at", "contact_due_at"])


class ContactPoint(Record, Base):
    __tablename__ = "contact_point"

    stakeholder_id: Mapped[str] = mapped_column(ForeignKey("stakeholder.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    label: Mapped[str] = mapped_column(Text, default="")
    value: Mapped[str] = mapped_column(Text)
    # digits of a phone number, lower-cased e-mail: what duplicate checks compare
    normalized: Mapped[str] = mapped_column(Text, default="", index=True)
    preferred: Mapped[bool] = mapped_column(Boolean, default=False)
    # an address's seven vCard parts as a JSON list, empty when typed as one line (0014);
    # deferred like the stakeholder's address-book fields
    parts: Mapped[str] = mapped_column(Text, server_default=text("''"), deferred=True)

    stakeholder: Mapped[Stakeholder] = relationship(back_populates="contact_points")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        # eager_defaults off: an INSERT does not read ``parts`` back (RETURNING)
        return {"version_id_col": cls.__table__.c.revision, "eager_defaults": False}


class Case(Record, Base):
    __tablename__ = "case_record"
    __table_args__ = (
        Index("ix_case_list", "ref_number", "status", "priority", "opened_at",
              "first_response_at", "resolved_at", "next_followup_at", "last_interaction_at",
              "id", "deleted_at", sqlite_where=text("deleted_at IS NULL")),
        # the main stakeholder's sort_name (NULL: nobody is main), for sorting the case
        # list; kept by triggers (revision 0006) whoever writes links or names. A table
        # column the ORM leaves alone (see __mapper_args__), so it is never stale in a
        # session: read it as ``Case.__table__.c.main_stakeholder_sort``.
        Column("main_stakeholder_sort", Text, nullable=True),
        Index("ix_case_main_stakeholder_sort", "main_stakeholder_sort", "ref_number",
              "status", "id", sqlite_where=text("deleted_at IS NULL")),
        # julianday of the nearest running SLA deadline (NULL: no clock runs), for
        # sorting by time left; kept by triggers (revision 0010) from the case and the
        # SLA targets in the ``setting`` table. Another column the ORM leaves alone.
        Column("sla_deadline", Float, nullable=True),
        # the dashboard's workload and trends (revision 0008)
        Index("ix_case_open_work", "status", "priority", "opened_at", "first_response_at",
              "resolved_at", "next_followup_at", "id", "deleted_at",
              sqlite_where=text("deleted_at IS NULL")),
        # with the entry moment and the id: a period's requests, found later or not, and
        # their main stakeholders, read alone (revision 0024)
        Index("ix_case_opened_live", "opened_at", "created_at", "id", "deleted_at",
              sqlite_where=text("deleted_at IS NULL")),
        # each case by category with its reference, read alone: effort per category and
        # the cases with the most minutes, case by case, without a sort (revision 0027)
        Index("ix_case_category_cases", "category", "id", "ref_number", "ref"),
        # a period's requests per category, counted in category order (revision 0027)
        Index("ix_case_opened_category", "category", "opened_at", "deleted_at",
              sqlite_where=text("deleted_at IS NULL")),
        # the "No next step" view: live cases whose one-line next step is empty (0018)
        Index("ix_case_no_next_step", "status", "ref_number", "id",
              sqlite_where=text("deleted_at IS NULL AND next_step = ''")),
        Index("ix_case_first_response_live", "first_response_at", "opened_at",
              sqlite_where=text("deleted_at IS NULL AND first_response_at IS NOT NULL")),
        Index("ix_case_resolved_live", "resolved_at", "status", "priority", "opened_at",
              "first_response_at",
              sqlite_where=text("deleted_at IS NULL AND resolved_at IS NOT NULL")),
        # first-contact resolution, worked out when the case is resolved (revision 0022,
        # ``cases/first_contact.py``): 1 or 0, NULL while not resolved; and the channel
        # of first contact. Columns the ORM leaves alone; a period's rate, by category
        # and channel, is one range of ``ix_case_first_contact``.
        Column("first_contact", Boolean, nullable=True),
        Column("first_channel", String(16), nullable=True),
        Index("ix_case_first_contact", "resolved_at", "status", "first_contact", "category",
              "first_channel", "deleted_at",
              sqlite_where=text("deleted_at IS NULL AND resolved_at IS NOT NULL")),
        # the SLA verdict of a resolved or closed case (revision 0024): 1 a clock stopped
        # after its deadline, 0 both in time, NULL while not stopped or without a target;
        # kept by triggers from the case and the settings. A column the ORM leaves alone;
        # a week's breach rate is one range of ``ix_case_resolved_sla``. (Revision 0024
        # also indexes the times to response and resolution by bin: expression indexes,
        # raw SQL in the migration; see ``metrics/percentiles.py``.)
        Column("sla_breached", Integer, nullable=True),
        Index("ix_case_resolved_sla", "resolved_at", "sla_breached",
              sqlite_where=text("deleted_at IS NULL AND resolved_at IS NOT NULL "
                                "AND status IN ('resolved', 'closed')")),
        owner_column(),
    )

    ref: Mapped[str] = mapped_column(String(32), unique=True)
    ref_number: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.NEW.value, index=True)
    priority: Mapped[str] = mapped_column(String(16), default=Priority.NORMAL.value, index=True)
    category: Mapped[str] = mapped_column(Text, default="", index=True)
    tags: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now, index=True)
    first_response_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    next_step: Mapped[str] = mapped_column(Text, default="")
    # denormalised for fast lists; kept by the services in the same transaction
    last_interaction_at: Mapped[datetime | None] = mapped_column(
        UTCDateTime, default=None, index=True
    )
    # indexed for live cases only, with the list's columns (ix_case_sort_followup)
    next_followup_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)

    participants: Mapped[list[CaseParticipant]] = relationship(back_populates="case")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return _mapper_args(cls, exclude_properties=["main_stakeholder_sort", "sla_deadline",
                                                     "first_contact", "first_channel",
                                                     "sla_breached"])


# The case list sorts every column from an index (revisions 0009, 0010): key, reference
# (the tie-break), status (what views filter on), id; live cases only. Status and
# priority sort by rank, from expression indexes that are raw SQL in the migration
# (autogenerate cannot compare those): ``ix_case_sort_status``, ``ix_case_sort_priority``.
_case = Case.__table__.c
for _name, _key in (("ix_case_sort_title", _case.title.collate("NOCASE")),
                    ("ix_case_sort_followup", _case.next_followup_at),
                    ("ix_case_sort_interaction", _case.last_interaction_at),
                    ("ix_case_sort_opened", _case.opened_at.desc()),
                    ("ix_case_sort_sla", _case.sla_deadline)):
    Index(_name, _key, _case.ref_number, _case.status, _case.id,
          sqlite_where=text("deleted_at IS NULL"))


class CaseParticipant(Record, Base):
    __tablename__ = "case_participant"
    __table_args__ = (
        Index("ix_case_participant_pair", "case_id", "stakeholder_id"),
        Index("ix_case_participant_main", "case_id", "stakeholder_id",
              sqlite_where=text("is_main = 1 AND deleted_at IS NULL")),
    )

    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id"), index=True)
    stakeholder_id: Mapped[str] = mapped_column(ForeignKey("stakeholder.id"), index=True)
    role: Mapped[str] = mapped_column(String(32), default="client")
    is_main: Mapped[bool] = mapped_column(Boolean, default=False)

    case: Mapped[Case] = relationship(back_populates="participants")
    stakeholder: Mapped[Stakeholder] = relationship()


class Interaction(Record, Base):
    """One entry of the communication log. Append-only: services never edit one."""

    __tablename__ = "interaction"
    __table_args__ = (
        Index("ix_interaction_case_time", "case_id", "occurred_at"),
        Index("ix_interaction_time_channel", "occurred_at", "channel", "deleted_at"),
        # the figures of a period (revision 0021): the timed entries (effort) and the
        # inbound ones (contacts, repeat contacts), each a short partial index
        Index("ix_interaction_minutes", "occurred_at", "minutes", "case_id", "id",
              "deleted_at", sqlite_where=text("deleted_at IS NULL AND minutes IS NOT NULL")),
        Index("ix_interaction_inbound", "occurred_at", "case_id", "deleted_at",
              sqlite_where=text("deleted_at IS NULL AND direction = 'in'")),
        # the timed entries in case order (revision 0024): a case's minutes summed
        # without sorting a period's entries by case
        Index("ix_interaction_case_minutes", "case_id", "occurred_at", "minutes",
              "deleted_at", sqlite_where=text("deleted_at IS NULL AND minutes IS NOT NULL")),
        # the inbound entries in case order (revision 0027): whether a case had one in
        # a period is one probe (repeat contacts)
        Index("ix_interaction_inbound_case", "case_id", "occurred_at", "deleted_at",
              sqlite_where=text("deleted_at IS NULL AND direction = 'in'")),
        # a case's log as first-contact resolution reads it (revision 0021)
        Index("ix_interaction_case_work", "case_id", "occurred_at", "direction", "channel",
              "deleted_at", sqlite_where=text("deleted_at IS NULL")),
        owner_column(),  # who wrote it (an entry without a case is theirs alone)
    )

    case_id: Mapped[str | None] = mapped_column(ForeignKey("case_record.id"), default=None)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    channel: Mapped[str] = mapped_column(String(16))
    direction: Mapped[str] = mapped_column(String(16))
    summary: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="owner")
    # minutes spent on it (effort; the call timer fills it for calls), NULL when not
    # counted (revision 0021). Deferred and left out of an INSERT that does not set it,
    # like the stakeholder's address-book fields, so code that never looks at it runs
    # unchanged on a store of any revision.
    minutes: Mapped[int | None] = mapped_column(Integer, nullable=True, deferred=True)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        return _mapper_args(cls, eager_defaults=False)


class CaseFeedback(Record, Base):
    """The client's satisfaction with a resolved case (CSAT, 1–5), asked at or after
    resolution; at most one live record per case (revision 0021)."""

    __tablename__ = "case_feedback"
    __table_args__ = (
        Index("ix_case_feedback_case", "case_id", unique=True,
              sqlite_where=text("deleted_at IS NULL")),
        Index("ix_case_feedback_recorded", "recorded_at", "csat", "case_id", "deleted_at",
              sqlite_where=text("deleted_at IS NULL")),
    )

    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id"))
    csat: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    via: Mapped[str] = mapped_column(String(16), default="")  # phone|email|survey|in-person
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class NpsAnswer(Record, Base):
    """A stakeholder's Net Promoter answer (0–10), at most one per calendar quarter
    (``quarter`` like ``2026-Q1``, in the local zone at the moment of the answer;
    revision 0021)."""

    __tablename__ = "nps_answer"
    __table_args__ = (
        Index("ix_nps_answer_quarter", "stakeholder_id", "quarter", unique=True,
              sqlite_where=text("deleted_at IS NULL")),
        Index("ix_nps_answer_time", "answered_at", "score", "stakeholder_id", "deleted_at",
              sqlite_where=text("deleted_at IS NULL")),
    )

    stakeholder_id: Mapped[str] = mapped_column(ForeignKey("stakeholder.id"))
    score: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text, default="")
    quarter: Mapped[str] = mapped_column(String(7))
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)


class InteractionParticipant(Record, Base):
    __tablename__ = "interaction_participant"
    __table_args__ = (
        Index("ix_interaction_participant_sh", "stakeholder_id", "interaction_id"),
        Index("ix_interaction_participant_contact", "stakeholder_id", "occurred_at",
              sqlite_where=text("deleted_at IS NULL")),
        # an entry's live participants, read alone: effort per stakeholder (revision 0024)
        Index("ix_interaction_participant_live", "interaction_id", "stakeholder_id",
              "deleted_at", sqlite_where=text("deleted_at IS NULL")),
        # the entry's minutes while it is live, copied by triggers (revision 0027) like
        # occurred_at; a column the ORM leaves alone. Effort per person is summed in
        # person order from ix_interaction_participant_effort, without a sort.
        Column("minutes", Integer, nullable=True),
        Index("ix_interaction_participant_effort", "stakeholder_id", "occurred_at", "minutes",
              "deleted_at", sqlite_where=text("deleted_at IS NULL AND minutes IS NOT NULL")),
    )

    interaction_id: Mapped[str] = mapped_column(ForeignKey("interaction.id"), index=True)
    stakeholder_id: Mapped[str] = mapped_column(ForeignKey("stakeholder.id"))
    # the interaction's moment, copied by a trigger (revision 0005) for fast
    # "last contact" look-ups; log entries are append-only, and should one's moment
    # change, a trigger (revision 0027) copies it again
    occurred_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class Escalation(Record, Base):
    __tablename__ = "escalation"

    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id"), index=True)
    to_name: Mapped[str] = mapped_column(Text)
    to_stakeholder_id: Mapped[str | None] = mapped_column(
        ForeignKey("stakeholder.id"), default=None
    )
    escalated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    reason: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(Text, default="")
    outcome_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class FollowUp(Record, Base):
    """Something to do or chase by a moment; one-off or recurring (RRULE)."""

    __tablename__ = "followup"
    # revision 0008 also indexes the effective due moment of open follow-ups,
    # ``ix_followup_effective_due`` on coalesce(snoozed_until, due_at): an expression
    # index, raw SQL in the migration (autogenerate cannot compare those).
    __table_args__ = (
        Index("ix_followup_open_due", "done_at", "due_at"),
        Index("ix_followup_open_case", "case_id",
              sqlite_where=text("done_at IS NULL AND deleted_at IS NULL")),
        Index("ix_followup_snoozed", "snoozed_until", sqlite_where=text(
            "snoozed_until IS NOT NULL AND done_at IS NULL AND deleted_at IS NULL")),
        owner_column(),  # a follow-up without a case or a person is its owner's alone
    )

    case_id: Mapped[str | None] = mapped_column(
        ForeignKey("case_record.id"), default=None, index=True
    )
    stakeholder_id: Mapped[str | None] = mapped_column(
        ForeignKey("stakeholder.id"), default=None, index=True
    )
    title: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(16), default="task")  # task | stay_in_touch
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    due_has_time: Mapped[bool] = mapped_column(Boolean, default=True)
    # recurrence is anchored in local wall time: DTSTART + TZID + RRULE
    rrule: Mapped[str] = mapped_column(Text, default="")
    dtstart_local: Mapped[str] = mapped_column(Text, default="")
    tzid: Mapped[str] = mapped_column(Text, default="")
    snoozed_until: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class Absence(Record, Base):
    __tablename__ = "absence"
    __table_args__ = (owner_column(),)  # the SPOC who is away

    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    deputy_name: Mapped[str] = mapped_column(Text, default="")
    deputy_contact: Mapped[str] = mapped_column(Text, default="")
    note: Mapped[str] = mapped_column(Text, default="")
    interaction_days: Mapped[int] = mapped_column(Integer, default=90)
    # the owner took the pack back and finished the absence (revision 0015)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    # on a team server: the deputy's PostgreSQL role, who works the handed-over cases
    # live from the first to the last day of the absence (revision 0026); "" = none
    deputy_role: Mapped[str] = mapped_column(Text, default="", server_default=text("''"))


class AbsenceCase(Record, Base):
    __tablename__ = "absence_case"
    __table_args__ = (Index("ix_absence_case_pair", "absence_id", "case_id", unique=True),)

    absence_id: Mapped[str] = mapped_column(ForeignKey("absence.id"))
    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id"))


class HandoverNote(Record, Base):
    """I-PASS: severity, summary, actions, situation awareness, synthesis."""

    __tablename__ = "handover_note"
    __table_args__ = (Index("ix_handover_note_pair", "absence_id", "case_id"),)

    absence_id: Mapped[str] = mapped_column(ForeignKey("absence.id"))
    case_id: Mapped[str] = mapped_column(ForeignKey("case_record.id"), index=True)
    severity: Mapped[str] = mapped_column(String(16), default=Severity.STABLE.value)
    summary: Mapped[str] = mapped_column(Text, default="")
    # JSON list of {"text", "owner", "due"}
    actions: Mapped[str] = mapped_column(Text, default="[]")
    situation: Mapped[str] = mapped_column(Text, default="")
    contingencies: Mapped[str] = mapped_column(Text, default="")
    acknowledged_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)
    acknowledged_by: Mapped[str] = mapped_column(Text, default="")
    synthesis: Mapped[str] = mapped_column(Text, default="")
    # when the owner last saved it; None: a prefilled draft nobody reviewed (revision 0015)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class Template(Record, Base):
    """A user-defined template for a new case or an interaction note."""

    __tablename__ = "template"

    kind: Mapped[str] = mapped_column(String(16))  # case | interaction
    name: Mapped[str] = mapped_column(Text)
    title_pattern: Mapped[str] = mapped_column(Text, default="")
    category: Mapped[str] = mapped_column(Text, default="")
    priority: Mapped[str] = mapped_column(String(16), default="")
    body: Mapped[str] = mapped_column(Text, default="")


class MailAccount(Record, Base):
    """An IMAP account spocdesk reads (never writes) mail from. The password is not
    here: it lives in the OS keyring, or is asked once per unlock (revision 0020)."""

    __tablename__ = "mail_account"
    __table_args__ = (owner_column(),)

    host: Mapped[str] = mapped_column(Text)
    port: Mapped[int] = mapped_column(Integer)
    tls: Mapped[str] = mapped_column(String(16))  # implicit | starttls
    username: Mapped[str] = mapped_column(Text)
    # SHA-256 of a self-signed server certificate (lower-case hex), "" = the system's CAs
    fingerprint: Mapped[str] = mapped_column(Text, default="")
    poll_seconds: Mapped[int] = mapped_column(Integer, default=300)


class MailFolder(Record, Base):
    """A watched folder of an account and how far it has been read: the mailbox's
    UIDVALIDITY and the highest UID handed to capture (revision 0020)."""

    __tablename__ = "mail_folder"
    __table_args__ = (Index("ix_mail_folder_account", "account_id", "name"),)

    account_id: Mapped[str] = mapped_column(ForeignKey("mail_account.id"))
    name: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)  # the order given by the user
    uidvalidity: Mapped[int | None] = mapped_column(Integer, default=None)
    last_uid: Mapped[int] = mapped_column(Integer, default=0)
    synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime, default=None)


class AuditEvent(Record, Base):
    """Who changed what, when; append-only."""

    __tablename__ = "audit_event"
    __table_args__ = (
        Index("ix_audit_entity", "entity", "entity_id", "at"),
        # the cases ever reopened (back to an active status after resolved or closed),
        # for first-contact resolution (revision 0021); the same words as its query
        Index("ix_audit_case_reopened", "entity_id", "entity", "field", "before", "after",
              sqlite_where=text("entity = 'case' AND field = 'status' "
                                "AND before IN ('resolved', 'closed') "
                                "AND after IN ('new', 'open', 'waiting', 'escalated')")),
        Column("db_role", Text, nullable=True),
    )

    at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    # "owner" or "deputy"; on a team server ``db_role`` (not mapped) is the login role
    author: Mapped[str] = mapped_column(Text, default="owner")
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(16))  # create | update | delete | erase
    field: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[str | None] = mapped_column(Text, default=None)
    after: Mapped[str | None] = mapped_column(Text, default=None)


class Setting(Record, Base):
    """One typed setting, JSON-encoded; declared in :mod:`spocdesk.core.settings`."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(64), unique=True)
    value: Mapped[str] = mapped_column(Text)


class MailState(StrEnum):
    UNFILED = "unfiled"  # waits in the inbox
    FILED = "filed"  # logged on a case (``case_id``, ``interaction_id``)
    IGNORED = "ignored"  # its sender or domain is always ignored
    DISMISSED = "dismissed"  # "not a request", said in the inbox


class StoredMail(Record, Base):
    """One captured e-mail (revision 0019): what :class:`~spocdesk.core.mail.message.
    MailMessage` holds, its place in the inbox or the log, and where it came from.
    A filed message links to the log entry it became (``interaction_id``)."""

    __tablename__ = "mail_message"
    __table_args__ = (
        # each message is captured once: its Message-ID, else a hash of its content
        Index("ix_mail_message_key", "dedupe_key", unique=True),
        # the thread rule: a reply's In-Reply-To/References against logged messages
        Index("ix_mail_message_message_id", "message_id",
              sqlite_where=text("message_id != '' AND deleted_at IS NULL")),
        # the inbox: unfiled messages by sender, newest first
        # (state and deleted_at too: the page is chosen from this index alone)
        Index("ix_mail_message_inbox", "sender_email", "occurred_at", "id", "state",
              "deleted_at",
              sqlite_where=text("state = 'unfiled' AND deleted_at IS NULL")),
        Index("ix_mail_message_interaction_id", "interaction_id"),
        Index("ix_mail_message_case_id", "case_id"),
        owner_column(),
    )

    dedupe_key: Mapped[str] = mapped_column(String(100))
    message_id: Mapped[str] = mapped_column(Text, default="")
    subject: Mapped[str] = mapped_column(Text, default="")
    sender_name: Mapped[str] = mapped_column(Text, default="")
    sender_email: Mapped[str] = mapped_column(Text, default="")  # lower case
    # JSON: {"to": [[name, email], ...], "cc": [...]}
    recipients: Mapped[str] = mapped_column(Text, default="{}")
    # when it was written (its Date header), else when it was captured
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=_now)
    in_reply_to: Mapped[str] = mapped_column(Text, default="")
    reference_ids: Mapped[str] = mapped_column(Text, default="")  # space-separated
    body: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int] = mapped_column(Integer, default=0)  # bytes of the raw message
    source: Mapped[str] = mapped_column(Text, default="")  # "file", "imap:…"
    direction: Mapped[str] = mapped_column(String(16), default=Direction.IN.value)
    state: Mapped[str] = mapped_column(String(16), default=MailState.UNFILED.value)
    filed_by: Mapped[str] = mapped_column(String(16), default="")  # the rule, or "hand"
    case_id: Mapped[str | None] = mapped_column(ForeignKey("case_record.id"), default=None)
    interaction_id: Mapped[str | None] = mapped_column(ForeignKey("interaction.id"),
                                                       default=None)


class StoredAttachment(Record, Base):
    """One attachment of a captured e-mail; ``data`` is NULL when it was above the size
    cap (its name and size are still listed)."""

    __tablename__ = "mail_attachment"
    __table_args__ = (Index("ix_mail_attachment_mail", "mail_id", "position"),)

    mail_id: Mapped[str] = mapped_column(ForeignKey("mail_message.id"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    filename: Mapped[str] = mapped_column(Text, default="")
    content_type: Mapped[str] = mapped_column(Text, default="")
    size: Mapped[int] = mapped_column(Integer, default=0)
    data: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)


class MailIgnoreRule(Record, Base):
    """Mail from this address (``kind`` address) or domain (``kind`` domain) that
    would wait in the inbox is ignored instead."""

    __tablename__ = "mail_ignore_rule"
    __table_args__ = (Index("ix_mail_ignore_rule_pattern", "pattern", "kind"), owner_column())

    kind: Mapped[str] = mapped_column(String(16))  # address | domain
    pattern: Mapped[str] = mapped_column(Text)  # lower case, domain without "@"


# Live interactions per UTC hour ('YYYY-MM-DD HH') and channel, kept by triggers
# (revision 0008): the dashboard sums these instead of counting a million rows.
# Derived data, never written by the application.
interaction_hourly = Table(
    "interaction_hourly", Base.metadata,
    Column("hour", String(13), nullable=False),
    Column("channel", String(16), nullable=False),
    Column("n", Integer, nullable=False),
    PrimaryKeyConstraint("channel", "hour", name="pk_interaction_hourly"),
    info={"derived": True},  # not a record: no id, revision or soft delete
    sqlite_with_rowid=False,  # revision 0023: a period is one scan of the key
)
