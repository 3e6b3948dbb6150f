"""Case and interaction-note templates: CRUD and safe placeholder rendering."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from spocdesk.core.errors import InvalidInput, NotFound
from spocdesk.core.services import templates as tpl
from spocdesk.core.services.case_detail import get_case
from spocdesk.core.services.cases import NewCase, add_case
from spocdesk.core.services.stakeholders import NewStakeholder, add_stakeholder
from spocdesk.core.store import Store

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
        body="{ref} {title}\n- [ ] GP letter {unknown}")).value
    ref = tpl.add_case_from_template(store, tpl.FromTemplate(tid, [(anna, "patient")])).value
    case = get_case(store, ref)
    assert ref == "C-0002"
    assert case.title == "Discharge of Anna Nowak (2026-03-02)"
    assert case.description == f"C-0002 {case.title}\n- [ ] GP letter {{unknown}}"
    assert (case.category, case.priority) == ("care", "high")
    assert case.main_stakeholder is not None and case.main_stakeholder.role == "patient"


def test_note_template_for_a_case(store: Store) -> None:
    anna = add_stakeholder(store, NewStakeholder(display_name="Anna Nowak")).value
    ref = add_case(store, NewCase(title="Renewal", stakeholders=[(anna, "client")])).value
    tid = tpl.create_template(store, tpl.TemplateData(
        kind="interaction", name="Call", title_pattern="Called {stakeholder} about {ref}",
        body="{title}: agreed on {today}. {next}")).value
    note = tpl.render_note(store, tid, ref)
    assert note.summary == f"Called Anna Nowak about {ref}"
    assert note.body == "Renewal: agreed on 2026-03-02. {next}"
    other = tpl.render_note(store, tid, stakeholder="Ben")
    assert other.summary == "Called Ben about {ref}"
    with pytest.raises(InvalidInput, match="not a case template"):
        tpl.add_case_from_template(store, tpl.FromTemplate(tid))
