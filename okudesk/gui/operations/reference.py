"""Reference lists: the choices forms and filter bars offer, and a desa a post adds."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from okudesk.gui.operations import QueryOp, WriteOp


def form_choices(session) -> dict[str, Any]:
    """Everything the record forms' pickers need, read in one go (inside a form's load)."""
    from okudesk.core.records import officers, reference, stakeholders

    return dict(
        kecamatan=reference.kecamatan(session),
        desa=reference.desa(session),
        activity_types=reference.activity_types(session),
        categories=reference.incident_categories(session),
        stakeholder_types=reference.stakeholder_types(session),
        parties=reference.parties(session),
        officers=officers.list_officers(session),
        stakeholders=stakeholders.list_stakeholders(session),
    )


def kecamatan_choices(*, parent: QWidget | None) -> QueryOp[list[tuple[str, str]]]:
    """(id, name) of every kecamatan, for a filter bar."""

    def work(session):
        from okudesk.core.records import reference

        return [(k.id, k.name) for k in reference.kecamatan(session)]

    return QueryOp(parent, work)


def hq_post_choices(*, parent: QWidget | None) -> QueryOp[list[tuple[str, str]] | None]:
    """At HQ, (code, "code - name") of the posts whose records it holds; None at a post."""

    def work(session):
        from okudesk.core import sync
        from okudesk.core.records import posts

        if not sync.is_hq(session):
            return None
        return [(p.code, f"{p.code} - {p.name}") for p in posts.all_posts(session) if not p.is_hq]

    return QueryOp(parent, work)


def add_desa(*, parent: QWidget | None, kecamatan_id: str, name: str) -> WriteOp[tuple[str, list]]:
    """Add a desa (or find the one with that name): (its id, every desa)."""

    def work(session):
        from okudesk.core.records import reference

        new_id = reference.add_desa(session, kecamatan_id, name)
        return new_id, reference.desa(session)

    return WriteOp(parent, work)


def record_key(*, parent: QWidget | None, listing, record_id: str) -> QueryOp[int | None]:
    """The row key of a record in a list (to select it after a save)."""

    def work(session):
        from okudesk.core.records import listing as core

        return core.key_of(session, listing, record_id)

    return QueryOp(parent, work)


def villages(*, parent: QWidget | None, kecamatan_id: str) -> QueryOp[list]:
    """Every village of a kecamatan, switched-off ones too (reference.Village)."""

    def work(session):
        from okudesk.core.records import reference

        return reference.villages(session, kecamatan_id)

    return QueryOp(parent, work)


def update_desa(*, parent: QWidget | None, desa_id: str, name: str, active: bool) -> WriteOp[None]:
    """Rename a village or switch it on or off."""

    def work(session):
        from okudesk.core.records import reference

        reference.update_desa(session, desa_id, name=name, active=active)

    return WriteOp(parent, work)
