"""The stakeholder directory: load the form, save, show with meetings, delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, WriteOp
from okudesk.gui.operations.reference import form_choices

if TYPE_CHECKING:
    from okudesk.core.records.stakeholders import StakeholderInfo, StakeholderInput


def load_form(*, parent: QWidget | None, stakeholder_id: str | None) -> QueryOp[dict]:
    def work(session):
        from okudesk.core.records import stakeholders

        ref = form_choices(session)
        if stakeholder_id:
            ref["stakeholder"] = stakeholders.get_stakeholder(session, stakeholder_id)
        return ref

    return QueryOp(parent, work)


def save_stakeholder(
    *, parent: QWidget | None, stakeholder_id: str | None, data: StakeholderInput
) -> WriteOp[StakeholderInfo]:
    """Add (``stakeholder_id`` None) or change a stakeholder."""

    def work(session):
        from okudesk.core.records import stakeholders

        if stakeholder_id is None:
            return stakeholders.add_stakeholder(session, data)
        return stakeholders.update_stakeholder(session, stakeholder_id, data)

    return WriteOp(parent, work)


def get_detail(*, parent: QWidget | None, stakeholder_id: str) -> QueryOp[tuple]:
    """(the stakeholder, the meetings they attended) for the detail pane."""

    def work(session):
        from okudesk.core.records import meetings, stakeholders

        return (
            stakeholders.get_stakeholder(session, stakeholder_id),
            meetings.meetings_of_stakeholder(session, stakeholder_id),
        )

    return QueryOp(parent, work)


def delete_stakeholder(*, parent: QWidget | None, stakeholder_id: str) -> WriteOp[None]:
    def work(session):
        from okudesk.core.records import stakeholders

        stakeholders.delete_stakeholder(session, stakeholder_id)

    return WriteOp(parent, work)


def filter_choices(*, parent: QWidget | None) -> QueryOp[tuple[list, list]]:
    """((id, name) of the kecamatan, (id, name) of the stakeholder types) for the filter bar."""

    def work(session):
        from okudesk.core.records import reference

        return (
            [(k.id, k.name) for k in reference.kecamatan(session)],
            [(t.id, t.name) for t in reference.stakeholder_types(session)],
        )

    return QueryOp(parent, work)
