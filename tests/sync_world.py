"""An HQ and its posts in temporary folders, driven through the services the CLI uses."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from okudesk.core import permissions
from okudesk.core.models import Base, Kecamatan
from okudesk.core.records import incidents, meetings, reference
from okudesk.core.store import Store
from okudesk.core.sync import export, importer, receipt, records, trust

WHEN = datetime(2026, 3, 10, 9, 0)


def open_store(folder: Path) -> Store:
    """A store acting as the console (all permissions), as the command line does."""
    from cli_login import key_of

    store = Store.open(folder, key=key_of(folder))  # encrypted once an officer has a passphrase
    store.actor = permissions.system_actor("pytest")
    return store


def make_hq(folder: Path, code: str = "OKU") -> Store:
    store = open_store(folder)
    with store.write() as s:
        trust.set_up_hq(s, name=f"Polres {code}", code=code)
    return store


def enroll(hq: Store, folder: Path, code: str, usb: Path) -> Store:
    with hq.write() as s:
        kit = trust.add_post(s, code=code, name=f"Polsek {code}", out_dir=usb)
    store = open_store(folder)
    with store.write() as s:
        trust.set_up_post(s, kit)
    return store


def add_meeting(store: Store, purpose: str, *, when: datetime = WHEN) -> str:
    with store.write() as s:
        kec = reference.kecamatan(s)[0]
        return meetings.create_meeting(
            s, meetings.MeetingInput(starts_at=when, kecamatan_id=kec.id, purpose=purpose)
        ).id


def add_incident(store: Store, title: str, *, meeting_id: str | None = None) -> str:
    with store.write() as s:
        kec = reference.kecamatan(s)[0]
        cat = reference.incident_categories(s)[0]
        return incidents.create_incident(
            s,
            incidents.IncidentInput(
                occurred_at=WHEN - timedelta(hours=3),
                category_id=cat.id,
                kecamatan_id=kec.id,
                title=title,
                description=f"Uraian {title}",
                meeting_id=meeting_id,
            ),
        ).id


def edit_incident(store: Store, incident_id: str, title: str) -> None:
    with store.write() as s:
        d = incidents.get_incident(s, incident_id)
        incidents.update_incident(
            s,
            incident_id,
            incidents.IncidentInput(
                occurred_at=d.occurred_at,
                category_id=d.category_id,
                kecamatan_id=d.kecamatan_id,
                title=title,
                description=d.description,
                meeting_id=d.meeting_id,
            ),
        )


def rename_first_kecamatan(store: Store, name: str) -> str:
    with store.write() as s:
        kec_id = s.scalar(select(Kecamatan.id).order_by(Kecamatan.code, Kecamatan.id))
        reference.rename(s, Kecamatan, kec_id, name)
        return kec_id


def export_to(store: Store, usb: Path) -> Path:
    return export.export_bundle(store, usb).path


def import_all(hq: Store, paths, receipts: Path | None = None) -> list[importer.BundleOutcome]:
    return [importer.import_bundle(hq, p, receipt_dir=receipts) for p in paths]


def apply_receipt(store: Store, path: Path) -> receipt.ReceiptOutcome:
    outcome = receipt.import_receipt(store, path)
    assert outcome.ok, outcome.reason
    return outcome


def state(store: Store) -> dict:
    """Everything merging decides: travelling rows, links, kept conflicts, held records."""
    out: dict = {}
    with store.read() as s:
        conn = s.connection()
        own = conn.exec_driver_sql("SELECT instance FROM sync_instance WHERE is_hq").scalars().all()
        for info in records.travelling():
            # HQ's own audit trail records each import as it happens: not part of the merge
            where = (
                info.table.c.change_instance.not_in(own)
                if info.name == "audit_entry"
                else info.table.c.id.is_not(None)
            )
            out[info.name] = sorted(records.read_rows(conn, info, where), key=lambda r: r[0])
            for link in info.links:
                out[link.table.name] = sorted(tuple(r) for r in conn.execute(select(link.table)))
        for name, cols in (
            ("sync_conflict", "table_name, record_id, instance, counter, post_code, row"),
            ("sync_held", "table_name, record_id, instance, counter, post_code, missing, row"),
            ("sync_instance", "instance, post_code, is_hq"),
        ):
            out[name] = sorted(tuple(r) for r in conn.exec_driver_sql(f"SELECT {cols} FROM {name}"))
    return out


def snapshot(store_folder: Path, into: Path) -> None:
    """Copy a closed store's folder (database and photos)."""
    shutil.copytree(store_folder, into)


def table_names() -> list[str]:
    return sorted(Base.metadata.tables)


def dumps(obj) -> str:
    return json.dumps(obj, default=str, sort_keys=True)
