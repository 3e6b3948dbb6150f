"""The hand-back merge: take a deputy's handover pack back into the owner's store.

Per record, with *base* = the record's revision when the pack was made (or
when this pack was last merged) and its field values at export:

- only the deputy changed it (pack revision > base, owner revision == base):
  the deputy's version is taken as it is (revision and timestamps included);
- both changed it: fields only one side changed take that side; fields both
  changed to different values are **conflicts** (owner value, deputy value),
  resolved by ``choices`` — by default the owner's value is kept;
- a deletion by the deputy is honoured only when the owner did not change the
  record; otherwise it is a conflict on ``deleted_at``;
- interactions, their participants and audit events are append-only: a union
  by id;
- records new in the pack are added (a new case whose number is taken gets the
  next free one).

The merge is one transaction. It remembers each merged pack's merge base in the
setting ``handover_merge:<pack id>`` (revisions, and both sides' field values as
merged), so merging the same pack again changes nothing and a later merge never
undoes a decision taken after this one. Links to records erased meanwhile are
dropped (see :func:`_repair_links`); see ``docs/handover-pack.md``.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Literal

import sqlalchemy as sa

from spocdesk.core import audit
from spocdesk.core.cases import first_contact
from spocdesk.core.errors import QT_TRANSLATE_NOOP, Message, SpocError, as_message, render
from spocdesk.core.handover import pack as packmod
from spocdesk.core.handover.pack import (
    APPEND_ONLY_TABLES,
    MUTABLE_TABLES,
    PACK_TABLES,
    Manifest,
    jsonable,
    table,
)
from spocdesk.core.model import SERVER_ONLY_COLUMNS
from spocdesk.core.outcome import Outcome
from spocdesk.core.store import Store, backend
from spocdesk.core.uow import ChangeSet

MERGE_KEY_PREFIX = "handover_merge:"
Side = Literal["owner", "deputy"]
OWNER: Side = "owner"
DEPUTY: Side = "deputy"

# never compared: identity and bookkeeping
BOOKKEEPING = frozenset({"id", "created_at", "updated_at", "revision"})
# never compared nor written: a team server's ``owner`` and ``db_role`` (NULL on a file;
# on a server the owner stays whose the record is, a new one is the merging person's,
# and the audit trail's role is stamped by the server)
SERVER_ONLY = frozenset(SERVER_ONLY_COLUMNS)
# kept by the services (or triggers) from other records; recomputed after the merge
DERIVED: dict[str, frozenset[str]] = {
    "case_record": frozenset({"last_interaction_at", "next_followup_at",
                              "main_stakeholder_sort", "sla_deadline",
                              "first_contact", "first_channel", "sla_breached"}),
}
# both sides may set these; the earliest / latest wins, never a conflict
EARLIEST: dict[str, frozenset[str]] = {
    "case_record": frozenset({"first_response_at"}),
    "followup": frozenset({"done_at"}),  # done on either side is done; the first time counts
}
LATEST: dict[str, frozenset[str]] = {"followup": frozenset({"notified_at"})}

KINDS = {
    "case_record": "case", "stakeholder": "stakeholder", "contact_point": "stakeholder",
    "case_participant": "case_participant", "followup": "followup",
    "interaction": "interaction", "interaction_participant": "interaction",
    "escalation": "escalation", "absence": "absence", "absence_case": "absence_case",
    "handover_note": "handover_note", "audit_event": "audit_event",
    "case_feedback": "case_feedback", "nps_answer": "nps_answer",
}
# records of which at most one may be live per key (a unique partial index): when both
# sides added one, the merge keeps what one store would have kept had both been typed
# into it — the later CSAT answer of a case replaces the earlier, the first Net
# Promoter answer of a quarter stands (a second is refused) — and the other is kept
# as replaced (``deleted_at``). (table, key columns, moment, later wins)
ONE_LIVE: tuple[tuple[str, tuple[str, ...], str, bool], ...] = (
    ("case_feedback", ("case_id",), "recorded_at", True),
    ("nps_answer", ("stakeholder_id", "quarter"), "answered_at", False),
)


class MergeFailed(SpocError):
    def __init__(self, why: str | Message) -> None:
        super().__init__(QT_TRANSLATE_NOOP(
            "spocdesk.core", "The handover pack could not be merged ({why}); nothing was changed."),
            why=as_message(why))


# -- results ----------------------------------------------------------------------


@dataclass(frozen=True)
class FieldConflict:
    field: str
    owner: Any  # JSON form (ISO text for times)
    deputy: Any
    base: Any = None


@dataclass(frozen=True)
class Conflict:
    """One record both sides changed, with the fields they disagree on."""

    table: str
    record_id: str
    label: str  # e.g. "case C-0042 Roof leak" — what the owner sees, in the interface language
    case_id: str | None
    fields: list[FieldConflict]

    @property
    def key(self) -> str:
        """``table:id``: a choice for the whole record."""
        return f"{self.table}:{self.record_id}"

    def field_key(self, name: str) -> str:
        """``table:id:field``: a choice for one field."""
        return f"{self.table}:{self.record_id}:{name}"


@dataclass
class CaseActivity:
    """What the deputy did on one case: the "while you were away" summary."""

    case_id: str
    ref: str
    title: str
    new_case: bool = False
    interactions: list[str] = field(default_factory=list)  # "2026-03-04 phone in: summary"
    status_changes: list[tuple[str, str]] = field(default_factory=list)  # (before, after)
    followups_completed: list[str] = field(default_factory=list)
    followups_added: list[str] = field(default_factory=list)
    stakeholders_added: list[str] = field(default_factory=list)
    notes_acknowledged: list[str] = field(default_factory=list)  # "by NAME: synthesis"
    # (the texts above are rendered in the interface language when the summary is made)
    conflicts: int = 0
    csat: int | None = None  # satisfaction the deputy recorded (1–5)

    def is_empty(self) -> bool:
        return not (self.new_case or self.interactions or self.status_changes
                    or self.followups_completed or self.followups_added
                    or self.stakeholders_added or self.notes_acknowledged or self.conflicts
                    or self.csat is not None)


@dataclass
class MergeSummary:
    pack_id: str
    absence_id: str
    added: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    deleted: dict[str, int] = field(default_factory=dict)
    conflicts: list[Conflict] = field(default_factory=list)
    resolved_for_deputy: int = 0  # conflicting fields where the deputy's value was chosen
    cases: list[CaseActivity] = field(default_factory=list)
    stakeholders_added: list[str] = field(default_factory=list)
    renumbered: list[tuple[str, str]] = field(default_factory=list)  # (pack ref, new ref)
    skipped: list[str] = field(default_factory=list)  # sentences
    nothing_to_do: bool = False

    def lines(self) -> list[str]:
        """The summary as plain sentences, for the CLI and the GUI's merge dialog: marked
        templates, so English on the command line and translated in the GUI."""
        out: list[str] = []
        if self.nothing_to_do:
            return [render(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "Nothing to merge: this pack brings no change (already merged?)."))]
        for act in self.cases:
            if act.is_empty():
                continue
            out.append(render(QT_TRANSLATE_NOOP("spocdesk.core", "{ref} {title} (new case)"),
                              ref=act.ref, title=act.title)
                       if act.new_case else f"{act.ref} {act.title}")
            out.extend(render(QT_TRANSLATE_NOOP("spocdesk.core", "  logged: {text}"), text=text)
                       for text in act.interactions)
            out.extend(render(QT_TRANSLATE_NOOP("spocdesk.core", "  status: {before} → {after}"),
                              before=a, after=b) for a, b in act.status_changes)
            out.extend(render(QT_TRANSLATE_NOOP("spocdesk.core", "  follow-up done: {title}"),
                              title=t) for t in act.followups_completed)
            out.extend(render(QT_TRANSLATE_NOOP("spocdesk.core", "  follow-up added: {title}"),
                              title=t) for t in act.followups_added)
            out.extend(render(QT_TRANSLATE_NOOP("spocdesk.core", "  stakeholder added: {name}"),
                              name=n) for n in act.stakeholders_added)
            out.extend(render(QT_TRANSLATE_NOOP("spocdesk.core", "  note acknowledged {by}"),
                              by=t) for t in act.notes_acknowledged)
            if act.csat is not None:
                out.append(render(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "  satisfaction recorded: {csat} of 5"), csat=act.csat))
            if act.conflicts:
                out.append(render(QT_TRANSLATE_NOOP(
                    "spocdesk.core", "  {n} conflicting record(s), see below"), n=act.conflicts))
        if self.stakeholders_added:
            out.append(render(QT_TRANSLATE_NOOP("spocdesk.core", "New stakeholders: {names}"),
                              names=", ".join(self.stakeholders_added)))
        out.extend(self.notices())
        return out

    def notices(self) -> list[str]:
        """What the owner must know besides the deputy's work: renumbered cases ("C-0052
        is now C-0053"), records not taken and links dropped."""
        return [*(render(QT_TRANSLATE_NOOP(
            "spocdesk.core", "Case {old} from the pack is now {new}."), old=a, new=b)
            for a, b in self.renumbered), *self.skipped]


@dataclass
class MergePlan:
    """What merging a pack would do; :func:`apply_merge` carries it out."""

    pack_path: Path
    manifest: Manifest
    records: dict[str, dict[str, dict[str, Any]]]  # the pack's records
    base: dict[str, dict[str, dict[str, Any]]]  # field values at export
    summary: MergeSummary  # a preview; conflicts listed in ``summary.conflicts``

    @property
    def conflicts(self) -> list[Conflict]:
        return self.summary.conflicts


# -- deciding ---------------------------------------------------------------------


@dataclass
class _Op:
    kind: Literal["insert", "replace", "patch"]
    table: str
    record_id: str
    values: dict[str, Any]  # full row (insert, replace) or changed columns (patch)
    conflict: Conflict | None = None


def _j(row: Mapping[str, Any], name: str) -> Any:
    return jsonable(row.get(name))


# the other mutable records, named by id: "escalation 0d3f…"
_LABELS = {
    "case_participant": QT_TRANSLATE_NOOP("spocdesk.core", "case participant {id}"),
    "escalation": QT_TRANSLATE_NOOP("spocdesk.core", "escalation {id}"),
    "absence": QT_TRANSLATE_NOOP("spocdesk.core", "absence {id}"),
    "absence_case": QT_TRANSLATE_NOOP("spocdesk.core", "absence case {id}"),
}


def _label(name: str, row: Mapping[str, Any], records: Mapping[str, Any]) -> str:
    """What the owner sees for a record (a conflict's heading), in the interface language."""
    if name == "case_record":
        return render(QT_TRANSLATE_NOOP("spocdesk.core", "case {ref} {title}"),
                      ref=row.get("ref"), title=row.get("title"))
    if name == "stakeholder":
        return render(QT_TRANSLATE_NOOP("spocdesk.core", "stakeholder {name}"),
                      name=row.get("display_name"))
    if name == "followup":
        return render(QT_TRANSLATE_NOOP("spocdesk.core", "follow-up {title}"),
                      title=row.get("title"))
    if name == "handover_note":
        case = records.get("case_record", {}).get(row.get("case_id"), {})
        if "ref" not in case:
            return render(QT_TRANSLATE_NOOP("spocdesk.core", "handover note for a case"))
        return render(QT_TRANSLATE_NOOP("spocdesk.core", "handover note for {ref}"),
                      ref=case["ref"])
    if name == "contact_point":
        return render(QT_TRANSLATE_NOOP("spocdesk.core", "contact point {value}"),
                      value=row.get("value"))
    if name in _LABELS:
        return render(_LABELS[name], id=row.get("id"))
    return f"{name.replace('_', ' ')} {row.get('id')}"


def _case_of(name: str, row: Mapping[str, Any]) -> str | None:
    if name == "case_record":
        return str(row["id"])
    value = row.get("case_id")
    return None if value is None else str(value)


def _pick(choices: Mapping[str, str], conflict: Conflict, name: str) -> Side:
    choice = choices.get(conflict.field_key(name)) or choices.get(conflict.key) or OWNER
    return DEPUTY if choice == DEPUTY else OWNER


def _decide_record(name: str, rid: str, theirs: dict[str, Any], mine: dict[str, Any] | None,
                   base_rev: int | None, base: _Base, records: Mapping[str, Any],
                   choices: Mapping[str, str], now: datetime,
                   merged_before: bool = False) -> tuple[_Op | None, str | None]:
    """The operation for one mutable record, or a skip sentence.

    ``base``: the record's field values on each side at the merge base (export, or the
    last merge of this pack). ``merged_before``: this pack was merged already and
    ``base_rev`` is the pack's revision then; the deputy's version is then never
    taken wholesale (that merge may have kept some of the owner's values)."""
    their_rev = int(theirs["revision"])
    if base_rev is not None and their_rev <= base_rev:
        return None, None  # the deputy did not touch it (since the last merge)
    if mine is None:
        if base_rev is not None:
            return None, render(QT_TRANSLATE_NOOP(
                "spocdesk.core",
                "The {record} no longer exists here; the deputy's changes to it were not taken."),
                record=_label(name, theirs, records))
        return _Op("insert", name, rid, dict(theirs)), None
    my_rev = int(mine["revision"])
    if base_rev is not None and my_rev == base_rev and not merged_before:
        return _Op("replace", name, rid, dict(theirs)), None
    # both changed (or new on both sides): field by field
    derived = DERIVED.get(name, frozenset())
    earliest = EARLIEST.get(name, frozenset())
    latest = LATEST.get(name, frozenset())
    changes: dict[str, Any] = {}
    disputed: list[FieldConflict] = []
    for col in theirs:
        if col in BOOKKEEPING or col in SERVER_ONLY or col in derived:
            continue
        o, d = _j(mine, col), _j(theirs, col)
        if o == d:
            continue
        if col == "deleted_at" and mine[col] is not None and theirs[col] is not None:
            continue  # deleted on both sides: it stays deleted
        if col in earliest or col in latest:
            present = [v for v in (mine[col], theirs[col]) if v is not None]
            wanted = (min if col in earliest else max)(present)
            if wanted != mine[col]:
                changes[col] = wanted
            continue
        deputy_changed = base.deputy is None or col not in base.deputy or d != base.deputy[col]
        owner_changed = base.owner is None or col not in base.owner or o != base.owner[col]
        if not deputy_changed:
            continue  # only the owner changed it (since the base)
        if not owner_changed and not (col == "deleted_at" and d is not None):
            changes[col] = theirs[col]  # only the deputy changed it
            continue
        known = base.owner is not None and col in base.owner
        disputed.append(FieldConflict(col, o, d, base.owner.get(col) if known and base.owner
                                      else None))
    conflict = None
    if disputed:
        conflict = Conflict(name, rid, _label(name, mine, records), _case_of(name, mine),
                            disputed)
        for item in disputed:
            if _pick(choices, conflict, item.field) == DEPUTY:
                changes[item.field] = theirs[item.field]
    if not changes and conflict is None:
        return None, None
    if changes:
        changes["revision"] = max(my_rev, their_rev) + 1
        changes["updated_at"] = now
    return _Op("patch", name, rid, changes, conflict), None


@dataclass(frozen=True)
class _Base:
    """A record's field values (JSON form) at the merge base, per side: at export both
    are the exported values; after a merge, ``deputy`` is what the pack held and
    ``owner`` what the owner's store held right after that merge."""

    deputy: dict[str, Any] | None
    owner: dict[str, Any] | None


@dataclass
class _MergedState:
    """What the last merge of a pack left: the pack's revisions and both bases."""

    revisions: dict[str, dict[str, int]] = field(default_factory=dict)
    deputy: dict[str, dict[str, dict[str, Any]]] | None = None
    owner: dict[str, dict[str, dict[str, Any]]] | None = None


def _merged_state(conn: sa.Connection, pack_id: str) -> _MergedState:
    t = table("setting")
    text = conn.execute(sa.select(t.c.value).where(
        t.c.key == MERGE_KEY_PREFIX + pack_id)).scalar()
    if text is None:
        return _MergedState()
    try:
        data = json.loads(text)
        records = data.get("records", {})
        state = _MergedState({str(k): {str(i): int(r) for i, r in v.items()}
                              for k, v in records.items()})
        bases = data.get("base")
        if isinstance(bases, dict) and isinstance(bases.get("deputy"), dict) \
                and isinstance(bases.get("owner"), dict):
            state.deputy, state.owner = bases["deputy"], bases["owner"]
        return state
    except (ValueError, AttributeError, TypeError):
        return _MergedState()


def _owner_rows(conn: sa.Connection, name: str, ids: list[str]) -> dict[str, dict[str, Any]]:
    t = table(name)
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(ids), packmod.CHUNK):
        part = ids[start:start + packmod.CHUNK]
        for row in conn.execute(sa.select(t).where(t.c.id.in_(part))).mappings():
            found[row["id"]] = dict(row)
    return found


def _decide(conn: sa.Connection, plan: MergePlan, choices: Mapping[str, str],
            now: datetime) -> tuple[list[_Op], list[str], dict[str, dict[str, Any]],
                                    list[tuple[str, str]]]:
    """All operations, skip sentences, the owner's rows before the merge (cases), and
    the new cases renumbered because their number is taken here (pack ref, new ref)."""
    merged = _merged_state(conn, plan.manifest.pack_id)
    exported = plan.manifest.records
    ops: list[_Op] = []
    skipped: list[str] = []
    owner_cases: dict[str, dict[str, Any]] = {}
    for name in PACK_TABLES:
        theirs_all = plan.records.get(name, {})
        if not theirs_all:
            continue
        ids = list(theirs_all)
        mine_all = _owner_rows(conn, name, ids)
        if name == "case_record":
            owner_cases = mine_all
        if name in APPEND_ONLY_TABLES:
            # new on the deputy's side only: a record exported and gone here was erased
            ops.extend(_Op("insert", name, rid, dict(row))
                       for rid, row in theirs_all.items()
                       if rid not in mine_all and rid not in exported.get(name, {}))
            continue
        for rid, theirs in theirs_all.items():
            merged_rev = merged.revisions.get(name, {}).get(rid)
            base_rev = merged_rev if merged_rev is not None else plan.manifest.base_revision(
                name, rid)
            export_vals = plan.base.get(name, {}).get(rid)
            if merged_rev is not None and merged.deputy is not None and merged.owner is not None:
                base = _Base(merged.deputy.get(name, {}).get(rid),
                             merged.owner.get(name, {}).get(rid))
            else:
                base = _Base(export_vals, export_vals)
            op, note = _decide_record(
                name, rid, theirs, mine_all.get(rid), base_rev, base, plan.records, choices,
                now, merged_before=merged_rev is not None)
            if op is not None:
                ops.append(op)
            if note:
                skipped.append(note)
    renumbered = _renumber(conn, ops)
    skipped.extend(_repair_links(conn, ops, plan.records))
    _one_live(conn, ops, now)
    return ops, skipped, owner_cases, renumbered


def _one_live(conn: sa.Connection, ops: list[_Op], now: datetime) -> None:
    """Keep at most one live record per key of the :data:`ONE_LIVE` tables (see there):
    the other one is written as replaced, and writes that replace come first."""
    for name, key_columns, moment, later_wins in ONE_LIVE:
        mine = [op for op in ops if op.table == name]
        if not mine:
            continue
        t = table(name)
        after: dict[str, dict[str, Any]] = {}  # id → the row after the merge
        written = {op.record_id: op for op in mine}
        keys = {tuple(op.values[c] for c in key_columns) for op in mine
                if all(c in op.values for c in key_columns)}
        for key in keys:  # the owner's live records under those keys
            where = [t.c[c] == v for c, v in zip(key_columns, key, strict=True)]
            for found in conn.execute(sa.select(t).where(
                    t.c.deleted_at.is_(None), *where)).mappings():
                after[found["id"]] = dict(found)
        for op in mine:
            base = after.get(op.record_id) or dict(_owner_rows(conn, name, [op.record_id])
                                                   .get(op.record_id, {}))
            after[op.record_id] = {**base, **op.values}
        live: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
        for row in after.values():
            if row.get("deleted_at") is None:
                live.setdefault(tuple(row[c] for c in key_columns), []).append(row)
        for rows in live.values():
            if len(rows) < 2:
                continue
            rows.sort(key=lambda r: (str(jsonable(r[moment])), str(r["id"])))
            keep = rows[-1] if later_wins else rows[0]
            for row in rows:
                if row is keep:
                    continue
                replaced = written.get(row["id"])
                if replaced is None:  # the owner's: replaced
                    replaced = _Op("patch", name, row["id"],
                                   {"revision": int(row["revision"]) + 1})
                    ops.append(replaced)
                    written[row["id"]] = replaced
                replaced.values["deleted_at"] = now
                replaced.values["updated_at"] = now
        # the unique index: what is replaced goes first
        first = [op for op in ops if op.table == name and op.values.get("deleted_at")]
        rest = [op for op in ops if op.table == name and not op.values.get("deleted_at")]
        at = next(i for i, op in enumerate(ops) if op.table == name)
        others = [op for op in ops if op.table != name]
        ops[:] = others[:at] + first + rest + others[at:]


def _renumber(conn: sa.Connection, ops: list[_Op]) -> list[tuple[str, str]]:
    """New cases whose number is taken here get the next free ones, in the order of
    their numbers; the plan shows the same numbers the merge then writes."""
    from spocdesk.core.cases.service import format_ref

    t = table("case_record")
    new_cases = sorted((op for op in ops if op.kind == "insert" and op.table == "case_record"),
                       key=lambda op: int(op.values["ref_number"]))
    if not new_cases:
        return []
    # every case counts, also a colleague's that row security hides on a team server
    highest = int(conn.execute(sa.select(backend.highest_case_number(lock=True))).scalar()
                  or 0)
    wanted = [int(op.values["ref_number"]) for op in new_cases]
    taken = backend.case_numbers_taken(conn, wanted)
    taken_refs = set(conn.execute(sa.select(t.c.ref).where(
        t.c.ref.in_([str(op.values["ref"]) for op in new_cases]))).scalars())
    moved: list[tuple[str, str]] = []
    used: set[int] = set()
    top = max([highest, *wanted])
    for op in new_cases:
        number = int(op.values["ref_number"])
        if number in taken or number in used or op.values["ref"] in taken_refs:
            top += 1
            old = str(op.values["ref"])
            op.values["ref_number"], op.values["ref"] = top, format_ref(top)
            moved.append((old, str(op.values["ref"])))
            number = top
        used.add(number)
    return moved


def _foreign_keys(name: str) -> list[tuple[str, str, bool]]:
    """(column, referenced table, nullable) of a pack table's foreign keys."""
    found = []
    for column in table(name).columns:
        for fk in column.foreign_keys:
            found.append((column.name, fk.column.table.name, bool(column.nullable)))
    return found


def _repair_links(conn: sa.Connection, ops: list[_Op],
                  records: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Erasures during the absence never block the hand-back: a link to a record that
    is gone here (and not brought by the pack) is dropped when it may be empty, and a
    record that cannot exist without it is not taken. Returns sentences for the summary."""
    notes: list[str] = []
    while True:
        adding = {(op.table, op.record_id) for op in ops if op.kind == "insert"}
        wanted: dict[str, set[str]] = {}
        for op in ops:
            for col, target, _nullable in _foreign_keys(op.table):
                value = op.values.get(col)
                if value is not None and (target, value) not in adding:
                    wanted.setdefault(target, set()).add(str(value))
        present: set[tuple[str, str]] = set()
        for target, ids in wanted.items():
            present.update((target, rid) for rid in _owner_rows(conn, target, sorted(ids)))
        dropped = False
        kept: list[_Op] = []
        for op in ops:
            take = True
            for col, target, nullable in _foreign_keys(op.table):
                value = op.values.get(col)
                if value is None or (target, value) in adding or (target, value) in present:
                    continue
                label = _label(op.table, records.get(op.table, {}).get(op.record_id, op.values),
                               records)
                if nullable:
                    op.values[col] = None
                    notes.append(render(QT_TRANSLATE_NOOP(
                        "spocdesk.core",
                        "The {record} pointed to a record erased here; that link was dropped."),
                        record=label))
                else:
                    take = False
                    notes.append(render(QT_TRANSLATE_NOOP(
                        "spocdesk.core",
                        "The {record} belongs to a record erased here; it was not taken."),
                        record=label))
                    break
            if take:
                kept.append(op)
            else:
                dropped = True
        ops[:] = kept
        if not dropped:
            return notes


# -- the "while you were away" summary ------------------------------------------


def _count(counts: dict[str, int], name: str) -> None:
    counts[name] = counts.get(name, 0) + 1


def _summarise(plan: MergePlan, ops: list[_Op], skipped: list[str],
               owner_cases: dict[str, dict[str, Any]],
               renumbered: list[tuple[str, str]]) -> MergeSummary:
    records = plan.records
    summary = MergeSummary(pack_id=plan.manifest.pack_id, absence_id=plan.manifest.absence_id,
                           skipped=skipped, renumbered=renumbered)
    activity: dict[str, CaseActivity] = {}
    new_refs = dict(renumbered)

    def act(case_id: str | None) -> CaseActivity | None:
        if case_id is None:
            return None
        if case_id not in activity:
            row = owner_cases.get(case_id) or records.get("case_record", {}).get(case_id)
            if row is None:
                return None
            ref = str(row["ref"])
            activity[case_id] = CaseActivity(case_id, new_refs.get(ref, ref), str(row["title"]))
        return activity[case_id]

    people = records.get("stakeholder", {})
    for op in ops:
        theirs = records[op.table].get(op.record_id, op.values)  # or the owner's
        base = plan.base.get(op.table, {}).get(op.record_id)
        is_new = plan.manifest.base_revision(op.table, op.record_id) is None
        deputy_deleted = theirs.get("deleted_at") is not None and (
            base is None or base.get("deleted_at") is None)
        real = {k for k in op.values if k not in ("revision", "updated_at")}
        if op.kind == "insert":
            _count(summary.added, op.table)
        elif deputy_deleted and (op.kind == "replace" or "deleted_at" in real):
            _count(summary.deleted, op.table)
        elif op.kind == "replace" or real:
            _count(summary.updated, op.table)
        if op.conflict is not None:
            summary.conflicts.append(op.conflict)
            summary.resolved_for_deputy += sum(
                1 for f in op.conflict.fields if f.field in op.values)
            a = act(op.conflict.case_id)
            if a is not None:
                a.conflicts += 1
        if op.table == "interaction":
            a = act(theirs.get("case_id"))
            if a is not None:
                when = jsonable(theirs["occurred_at"])[:10]
                a.interactions.append(f"{when} {theirs['channel']} {theirs['direction']}: "
                                      f"{theirs['summary']}")
        elif op.table == "case_record":
            a = act(op.record_id)
            if a is not None:
                if is_new:
                    a.new_case = True
                mine = owner_cases.get(op.record_id)
                after = op.values.get("status") if op.kind != "insert" else None
                if mine is not None and after is not None and after != mine["status"]:
                    a.status_changes.append((str(mine["status"]), str(after)))
        elif op.table == "followup":
            a = act(theirs.get("case_id"))
            done_now = theirs.get("done_at") is not None and (
                base is None or base.get("done_at") is None)
            if a is not None and done_now:
                a.followups_completed.append(str(theirs["title"]))
            elif a is not None and is_new and theirs.get("deleted_at") is None:
                a.followups_added.append(str(theirs["title"]))
        elif op.table == "case_feedback" and op.kind == "insert" \
                and op.values.get("deleted_at") is None:
            a = act(theirs.get("case_id"))
            if a is not None:
                a.csat = int(theirs["csat"])
        elif op.table == "case_participant" and is_new:
            a = act(theirs.get("case_id"))
            person = people.get(theirs["stakeholder_id"], {})
            if a is not None:
                a.stakeholders_added.append(
                    f"{person.get('display_name', '?')} ({theirs.get('role', '')})")
        elif op.table == "stakeholder" and is_new:
            summary.stakeholders_added.append(str(theirs["display_name"]))
        elif op.table == "handover_note":
            acked = theirs.get("acknowledged_at") is not None and (
                base is None or base.get("acknowledged_at") is None)
            a = act(theirs.get("case_id"))
            if a is not None and acked:
                who = theirs.get("acknowledged_by")
                synthesis = theirs.get("synthesis")
                if who and synthesis:
                    text = render(QT_TRANSLATE_NOOP("spocdesk.core", "by {name}: {synthesis}"),
                                  name=who, synthesis=synthesis)
                elif who:
                    text = render(QT_TRANSLATE_NOOP("spocdesk.core", "by {name}"), name=who)
                elif synthesis:
                    text = render(QT_TRANSLATE_NOOP(
                        "spocdesk.core", "by the deputy: {synthesis}"), synthesis=synthesis)
                else:
                    text = render(QT_TRANSLATE_NOOP("spocdesk.core", "by the deputy"))
                a.notes_acknowledged.append(text)
    summary.cases = sorted((a for a in activity.values() if not a.is_empty()),
                           key=lambda a: a.ref)
    summary.nothing_to_do = not ops and not skipped
    return summary


# -- planning and applying -------------------------------------------------------


def _check_source(owner: Store, manifest: Manifest, path: Path) -> None:
    with owner.connection() as conn:
        mine = packmod.store_id(conn)
    if not mine or mine != manifest.source_store_id:
        raise packmod.PackFromAnotherStore(path)


def plan_merge(owner_store: Store, pack_path: str | os.PathLike[str],
               pack_passphrase: str) -> MergePlan:
    """Read and verify a returned pack and work out what merging it would do.

    Nothing is written to the owner's store. Raises ``WrongPassphrase``,
    ``DamagedPack``, ``NotAPack`` or ``PackFromAnotherStore``."""
    path = Path(pack_path).expanduser().absolute()
    # a private copy: works on read-only media and while the deputy's app has it open
    with packmod.open_pack_readonly(path, pack_passphrase, clock=owner_store.clock) as pack:
        manifest = packmod.read_manifest(pack)
        if manifest is None:  # pragma: no cover - open_pack refuses these
            raise packmod.NotAPack(path)
        _check_source(owner_store, manifest, path)
        records = packmod.read_records(pack)
        base = packmod.read_base(pack)
    plan = MergePlan(path, manifest, records, base, MergeSummary(manifest.pack_id,
                                                                 manifest.absence_id))
    now = owner_store.now()
    with owner_store.connection() as conn:
        ops, skipped, owner_cases, renumbered = _decide(conn, plan, {}, now)
    plan.summary = _summarise(plan, ops, skipped, owner_cases, renumbered)
    return plan


def _refresh_cases(conn: sa.Connection, case_ids: set[str]) -> None:
    """Recompute the list columns a case keeps from its interactions and follow-ups,
    and its first-contact verdict."""
    cases, inter, fu = table("case_record"), table("interaction"), table("followup")
    for case_id in sorted(case_ids):
        last = conn.execute(sa.select(sa.func.max(inter.c.occurred_at)).where(
            inter.c.case_id == case_id, inter.c.deleted_at.is_(None))).scalar()
        nxt = conn.execute(sa.select(
            sa.func.min(sa.func.coalesce(fu.c.snoozed_until, fu.c.due_at))).where(
            fu.c.case_id == case_id, fu.c.done_at.is_(None), fu.c.deleted_at.is_(None))
        ).scalar()
        values = {
            "last_interaction_at": None if last is None else _as_utc(last),
            "next_followup_at": None if nxt is None else _as_utc(nxt),
        }
        conn.execute(sa.update(cases).where(cases.c.id == case_id).values(**values))
    # the deputy's copy of a case held only part of its log: the verdict again, here
    first_contact.settle(conn, case_ids)


def _as_utc(value: Any) -> datetime:
    """A value read back by an aggregate (naive text or datetime) as aware UTC."""
    from datetime import UTC

    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    assert isinstance(value, datetime)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


def apply_merge(owner_store: Store, plan: MergePlan,
                choices: Mapping[str, str] | None = None) -> Outcome[MergeSummary]:
    """Merge the pack into the owner's store in one transaction: all or nothing.

    ``choices`` maps a conflict's ``key`` (whole record) or ``field_key(name)``
    to ``"owner"`` or ``"deputy"``; anything not chosen keeps the owner's value."""
    chosen = dict(choices or {})
    now = owner_store.now()
    changes = ChangeSet()
    with owner_store.unit_of_work() as uow:
        conn = uow.session.connection()
        ops, skipped, owner_cases, renumbered = _decide(conn, plan, chosen, now)
        summary = _summarise(plan, ops, skipped, owner_cases, renumbered)
        if summary.nothing_to_do:
            return Outcome(summary, changes)
        backend.defer_foreign_keys(conn)
        touched_cases: set[str] = set()
        for op in ops:
            t = table(op.table)
            written = {k: v for k, v in op.values.items() if k not in SERVER_ONLY}
            if op.kind == "insert":
                conn.execute(sa.insert(t).values(**written))
            elif op.kind == "replace":
                written.pop("id", None)
                conn.execute(sa.update(t).where(t.c.id == op.record_id).values(**written))
            elif written:
                conn.execute(sa.update(t).where(t.c.id == op.record_id).values(**written))
            if op.conflict is not None:
                _audit_choice(uow.session, op, plan, owner_cases, owner_store.author, now)
            if op.kind == "patch" and not op.values:
                continue  # a conflict that keeps the owner's side: nothing to write
            kind = KINDS.get(op.table, op.table)
            changes.touch(kind, op.record_id)
            row_now = plan.records[op.table].get(op.record_id, op.values)
            case_id = _case_of(op.table, row_now)
            if case_id and op.table in ("case_record", "interaction", "followup"):
                touched_cases.add(case_id)
        _refresh_cases(conn, touched_cases)
        for case_id in touched_cases:
            changes.touch("case", case_id)
        packmod.put_setting(conn, MERGE_KEY_PREFIX + plan.manifest.pack_id,
                            _merge_state(conn, plan, now), now)
        audit.record(uow.session, entity="absence", entity_id=plan.manifest.absence_id,
                     action="merge", author=owner_store.author, at=now,
                     field="handover_pack", after=plan.manifest.pack_id)
        try:
            uow.session.flush()
            uow.commit()
        except sa.exc.IntegrityError as exc:
            raise MergeFailed(QT_TRANSLATE_NOOP(
                "spocdesk.core", "its records do not fit this store")) from exc
    changes.touch("setting", MERGE_KEY_PREFIX + plan.manifest.pack_id)
    return Outcome(summary, changes)


def _merge_state(conn: sa.Connection, plan: MergePlan, now: datetime) -> dict[str, Any]:
    """The merge base for the next merge of this pack: the pack's revisions and field
    values as merged (the deputy's side), and the owner's values right after the
    merge (the owner's side). A later merge compares each side with its own base,
    so a decision taken after this merge is never undone."""
    revisions: dict[str, dict[str, int]] = {}
    deputy: dict[str, dict[str, dict[str, Any]]] = {}
    owner: dict[str, dict[str, dict[str, Any]]] = {}
    for name, rows in plan.records.items():
        if not rows or name not in MUTABLE_TABLES:
            continue
        revisions[name] = {rid: int(row["revision"]) for rid, row in rows.items()}
        deputy[name] = {rid: {k: jsonable(v) for k, v in row.items()}
                        for rid, row in rows.items()}
        owner[name] = {rid: {k: jsonable(v) for k, v in row.items()}
                       for rid, row in _owner_rows(conn, name, list(rows)).items()}
    return {"merged_at": now.isoformat(), "pack_path": plan.pack_path.name,
            "records": revisions, "base": {"deputy": deputy, "owner": owner}}


def _audit_choice(session: Any, op: _Op, plan: MergePlan,
                  owner_cases: Mapping[str, Mapping[str, Any]], author: str,
                  now: datetime) -> None:
    """History ends with the value chosen for each conflicting field (the deputy's
    own audit events, merged in, may say otherwise)."""
    assert op.conflict is not None
    entity = KINDS.get(op.table, op.table)
    for item in op.conflict.fields:
        took_deputy = item.field in op.values
        audit.record(session, entity=entity, entity_id=op.record_id, action="update",
                     author=author, at=now, field=item.field,
                     before=item.owner if took_deputy else item.deputy,
                     after=item.deputy if took_deputy else item.owner)


def merge_pack(owner_store: Store, pack_path: str | os.PathLike[str], pack_passphrase: str,
               choices: Mapping[str, str] | None = None) -> Outcome[MergeSummary]:
    """Plan and apply in one go (the non-interactive path: conflicts keep the owner's side)."""
    plan = plan_merge(owner_store, pack_path, pack_passphrase)
    return apply_merge(owner_store, plan, choices)
