"""Case and interaction-note templates: CRUD and safe placeholder rendering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spocdesk.core.cases import templates as tpl
from spocdesk.core.cases.detail import get_case
from spocdesk.core.cases.service import NewCase, add_case
from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.people.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.store import Store

pytestmark = pytest.mark.both_backends  # the file store and a team server

VALUES = {"stakeholder": "Anna Nowak", "today": "2026-03-02", "ref": "C-0007",
          "title": "Hip surgery"}


def test_render_known_placeholders() -> None:
    text = "{ref}: {title} for {stakeholder} on {today}"
    assert tpl.render(text, VALUES) == "C-0007: Hip surgery for Anna Nowak on 2026-03-02"


@pytest.mark.parametrize("text", [
    "{unknown}", "{", "}", "{}", "{{ref}}", "{ref", "ref}", "{0}", "{ref!r}", "{ref:>10}",
    "{stakeholder.name}", "{today[0]}", "%(ref)s", "$ref", "{ ref }",
])
def test_render_leaves_anything_else_alone(text: str) -> None:
    rendered = tpl.render(text, VALUES)
    if text == "{{ref}}":
        assert rendered == "{C-0007}"
    else:
        assert rendered == text


def test_values_are_not_expanded_again() -> None:
    assert tpl.render("{title}", {"title": "{ref}", "ref": "X"}) == "{ref}"


@given(st.text())
def test_render_never_fails_and_is_identity_without_values(text: str) -> None:
    assert tpl.render(text, {}) == text
    rendered = tpl.render(text, VALUES)
    assert isinstance(rendered, str)


@given(st.lists(st.one_of(st.sampled_from(["{ref}", "{today}", "{nope}", "{", "}"]),
                          st.text(alphabet=" -.,:;!?äö\n")),  # no name characters
                max_size=12))
def test_render_replaces_exactly_the_known_ones(parts: list[str]) -> None:
    expected = "".join(VALUES.get(p[1:-1], p) if p.startswith("{") and p.endswith("}") and
                       len(p) > 2 else p for p in parts)
    assert tpl.render("".join(parts), VALUES) == expected


def test_placeholder_names() -> None:
    assert tpl.placeholder_names("{ref} {x} {ref} {today}") == ["ref", "x", "today"]


def test_crud(store: Store) -> None:
    tid = tpl.create_template(store, tpl.TemplateData(
        kind="case", name="Discharge", title_pattern="Discharge of {stakeholder}",
        category="care", priority="high", body="- [ ] GP letter\n- [ ] Transport")).value
    note = tpl.create_template(store, tpl.TemplateData(
        kind="interaction", name="Call back", title_pattern="Called {stakeholder} back")).value
    assert [t.name for t in tpl.list_templates(store)] == ["Call back", "Discharge"]
    assert [t.id for t in tpl.list_templates(store, "case")] == [tid]
    changed = tpl.update_template(store, tid, tpl.TemplateData(
        kind="case", name="Discharge planning", title_pattern="Discharge of {stakeholder}",
        category="care", priority="urgent", body="- [ ] GP letter")).value
    assert set(changed) == {"name", "priority", "body"}
    assert tpl.get_template(store, tid).priority == "urgent"
    tpl.delete_template(store, note)
    assert [t.id for t in tpl.list_templates(store)] == [tid]
    with pytest.raises(NotFound):
        tpl.get_template(store, note)


@pytest.mark.parametrize("data", [
    tpl.TemplateData(kind="letter", name="x"),
    tpl.TemplateData(kind="case", name=" "),
    tpl.TemplateData(kind="case", name="x", priority="meh"),
])
def test_invalid_templates(store: Store, data: tpl.TemplateData) -> None:
    with pytest.raises(InvalidInput):
        tpl.create_template(store, data)


def test_new_case_from_template(store: Store) -> None:
    add_case(store, NewCase(title="Earlier"))
    anna = add_stakeholder(store, NewStakeholder(display_name="Anna Nowak")).value
    tid = tpl.create_template(store, tpl.TemplateData(
        kind="case", name="Discharge", title_pattern="Discharge of {stakeholder} ({today})",
        category="care", priority="high",
        body="{ref} {title}\n- [ ] GP letter")).value
    ref = tpl.add_case_from_template(store, tpl.FromTemplate(tid, [(anna, "patient")])).value
    case = get_case(store, ref)
    assert ref == "C-0002"
    assert case.title == "Discharge of Anna Nowak (2026-03-02)"
    assert case.description == f"C-0002 {case.title}\n- [ ] GP letter"
    assert (case.category, case.priority) == ("care", "high")
    assert case.main_stakeholder is not None and case.main_stakeholder.role == "patient"


def test_note_template_for_a_case(store: Store) -> None:
    anna = add_stakeholder(store, NewStakeholder(display_name="Anna Nowak")).value
    ref = add_case(store, NewCase(title="Renewal", stakeholders=[(anna, "client")])).value
    tid = tpl.create_template(store, tpl.TemplateData(
        kind="interaction", name="Call", title_pattern="Called {stakeholder} about {ref}",
        body="{title}: agreed on {today}.")).value
    note = tpl.render_note(store, tid, ref)
    assert note.summary == f"Called Anna Nowak about {ref}"
    assert note.body == "Renewal: agreed on 2026-03-02."
    other = tpl.render_note(store, tid, stakeholder="Ben")
    assert other.summary == "Called Ben about {ref}"
    with pytest.raises(InvalidInput, match="not a case template"):
        tpl.add_case_from_template(store, tpl.FromTemplate(tid))


def test_edit_keeps_the_id_and_audits_each_field(store: Store) -> None:
    tid = tpl.create_template(store, tpl.TemplateData(
        kind="interaction", name="Call", title_pattern="Called {stakeholder}")).value
    outcome = tpl.update_template(store, tid, tpl.TemplateData(
        kind="interaction", name="Call back", title_pattern="Called {stakeholder} back",
        body="On {today}."))
    assert set(outcome.value) == {"name", "title_pattern", "body"}
    assert outcome.changes.ids["template"] == {tid}
    row = tpl.get_template(store, tid)
    assert (row.name, row.title_pattern, row.body) == (
        "Call back", "Called {stakeholder} back", "On {today}.")
    assert tpl.update_template(store, tid, tpl.TemplateData(
        kind="interaction", name="Call back", title_pattern="Called {stakeholder} back",
        body="On {today}.")).value == []


def test_delete_hides_it_everywhere(store: Store) -> None:
    tid = tpl.create_template(store, tpl.TemplateData(kind="case", name="Intake")).value
    tpl.delete_template(store, tid)
    assert tpl.list_templates(store) == []
    for act in (lambda: tpl.get_template(store, tid), lambda: tpl.delete_template(store, tid),
                lambda: tpl.find_template(store, "Intake"),
                lambda: tpl.update_template(store, tid, tpl.TemplateData(kind="case", name="x")),
                lambda: tpl.add_case_from_template(store, tpl.FromTemplate(tid))):
        with pytest.raises(NotFound):
            act()
    # the name is free again
    assert tpl.create_template(store, tpl.TemplateData(kind="case", name="Intake")).value


@pytest.mark.parametrize(("title", "body", "message"), [
    ("Call {stakholder}", "", "{stakholder} is not a placeholder; use {stakeholder}, "
                              "{today}, {ref} or {title}."),
    ("", "Seen on {Today}", "{Today} is not a placeholder"),
    ("", "{date} and {today}", "{date} is not a placeholder"),
])
def test_unknown_placeholders_are_refused_with_one_sentence(
        store: Store, title: str, body: str, message: str) -> None:
    for kind in tpl.TEMPLATE_KINDS:
        data = tpl.TemplateData(kind=kind, name="T", title_pattern=title, body=body)
        with pytest.raises(InvalidInput) as caught:
            tpl.create_template(store, data)
        assert str(caught.value).startswith(message)
        assert str(caught.value).count(".") == 1  # one sentence
    assert tpl.list_templates(store) == []  # nothing half-written
    tid = tpl.create_template(store, tpl.TemplateData(kind="case", name="T")).value
    with pytest.raises(InvalidInput, match=r"is not a placeholder"):
        tpl.update_template(store, tid, tpl.TemplateData(
            kind="case", name="T", title_pattern=title, body=body))
    assert tpl.get_template(store, tid).title_pattern == ""


def test_text_that_is_not_a_placeholder_is_fine(store: Store) -> None:
    body = "{ 1 }, {}, {0}, {{ref}}, a {b c}, JSON {\"x\": 1}, %(ref)s"
    tid = tpl.create_template(store, tpl.TemplateData(kind="interaction", name="N",
                                                      body=body)).value
    assert tpl.get_template(store, tid).body == body


def test_title_placeholder_only_in_a_case_description(store: Store) -> None:
    with pytest.raises(InvalidInput, match=r"title pattern cannot use \{title\}"):
        tpl.create_template(store, tpl.TemplateData(kind="case", name="T",
                                                    title_pattern="Re: {title}"))
    assert tpl.create_template(store, tpl.TemplateData(
        kind="case", name="T", body="About {title}")).value
    assert tpl.create_template(store, tpl.TemplateData(
        kind="interaction", name="T", title_pattern="Re: {title}")).value


def test_names_are_unique_per_kind(store: Store) -> None:
    tid = tpl.create_template(store, tpl.TemplateData(kind="case", name="Intake")).value
    with pytest.raises(InvalidInput, match="There is already a case template called 'intake'"):
        tpl.create_template(store, tpl.TemplateData(kind="case", name="intake "))
    other = tpl.create_template(store, tpl.TemplateData(kind="case", name="Other")).value
    with pytest.raises(InvalidInput, match="already a case template"):
        tpl.update_template(store, other, tpl.TemplateData(kind="case", name="INTAKE"))
    tpl.update_template(store, tid, tpl.TemplateData(kind="case", name="Intake", priority="high"))
    note = tpl.create_template(store, tpl.TemplateData(kind="interaction", name="Intake")).value
    with pytest.raises(InvalidInput, match="Several templates are called 'intake'"):
        tpl.find_template(store, "intake")
    assert tpl.find_template(store, note).kind == "interaction"
    assert tpl.find_template(store, " other ").id == other


def test_duplicate_makes_a_numbered_copy(store: Store) -> None:
    tid = tpl.create_template(store, tpl.TemplateData(
        kind="case", name="Discharge", title_pattern="Discharge of {stakeholder}",
        category="care", priority="high", body="- [ ] GP letter")).value
    first = tpl.duplicate_template(store, tid).value
    second = tpl.duplicate_template(store, tid).value
    names = [t.name for t in tpl.list_templates(store, "case")]
    assert names == ["Discharge", "Discharge (copy 2)", "Discharge (copy)"]
    copy = tpl.get_template(store, first)
    assert (copy.title_pattern, copy.category, copy.priority, copy.body) == (
        "Discharge of {stakeholder}", "care", "high", "- [ ] GP letter")
    assert len({tid, first, second}) == 3


def test_preview_fills_what_a_new_case_would_get(store: Store) -> None:
    add_case(store, NewCase(title="Earlier"))
    values = tpl.sample_values(store, "Alex Example")
    assert values == {"today": "2026-03-02", "ref": "C-0002", "stakeholder": "Alex Example"}
    case = tpl.TemplateData(kind="case", name="Discharge",
                            title_pattern="Discharge of {stakeholder}", body="{ref}: {title}")
    assert tpl.preview(case, values) == tpl.RenderedNote(
        "Discharge of Alex Example", "C-0002: Discharge of Alex Example")
    assert tpl.preview(tpl.TemplateData(kind="case", name="Plain", body="{title}"),
                       values).body == "Plain"
    note = tpl.TemplateData(kind="interaction", name="N", title_pattern="{title} {x}")
    assert tpl.preview(note, values).summary == "{title} {x}"


def test_dialog_edits_override_the_template(store: Store) -> None:
    anna = add_stakeholder(store, NewStakeholder(display_name="Anna Nowak")).value
    tid = tpl.create_template(store, tpl.TemplateData(
        kind="case", name="Discharge", title_pattern="Discharge of {stakeholder}",
        category="care", priority="high", body="- [ ] GP letter")).value
    ref = tpl.add_case_from_template(store, tpl.FromTemplate(
        tid, [(anna, "patient")], title="Discharge of {stakeholder} ({ref})",
        description="{title}\n- [ ] Transport", priority="urgent", category="")).value
    case = get_case(store, ref)
    assert case.title == "Discharge of Anna Nowak (C-0001)"
    assert case.description == "Discharge of Anna Nowak (C-0001)\n- [ ] Transport"
    assert (case.priority, case.category) == ("urgent", "")
