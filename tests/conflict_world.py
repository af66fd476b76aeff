"""A real conflict at HQ: a post restores an older backup and edits the same incident again.

The first branch moves the incident to "diverifikasi"; the restored laptop (a new instance)
moves it to "tidak_valid" and renames it. Both status lines travel (the history is
append-only), the incident row conflicts. The times of the two status lines are chosen so
that the losing branch's line is the last one: the status field (the winner's) and the last
line of the history then disagree, as they did in the field.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

from sync_world import (
    add_incident,
    apply_receipt,
    edit_incident,
    enroll,
    export_to,
    import_all,
    make_hq,
    open_store,
)

from okudesk.core import backups, permissions
from okudesk.core.history import versioning
from okudesk.core.records import incidents
from okudesk.core.store import Store

CONSOLE = permissions.system_actor("pytest")


def _status(store: Store, incident_id: str, to: str, at) -> None:
    with store.write() as s:
        incidents.change_status(s, incident_id, to, at=at, note=f"ke {to}")


def make_conflict(root: Path) -> dict:
    """HQ (open), the post (open, restored) and the incident's ID; the kept version's instance."""
    usb = root / "usb"
    usb.mkdir()
    hq = make_hq(root / "hq")
    post = enroll(hq, root / "post", "BTT", usb)
    incident = add_incident(post, "Asli")
    (first,) = import_all(hq, [export_to(post, usb)], receipts=usb)
    apply_receipt(post, first.receipt)
    old = backups.write_backup(post, usb).path
    with post.read() as s:
        before, _c = versioning.current(s.connection())
    post.close()
    # the laptop as it was before the restore, kept aside: the first branch is made on it
    import shutil

    shutil.copytree(root / "post", root / "post-branch1")
    info = backups.restore(root / "post", old, actor=CONSOLE)
    after = info.instance_id
    first_wins = before > after  # the merge's fixed order between two versions of one post
    # after the line the incident was created with (dated when it was made)
    now = datetime.now().replace(microsecond=0)
    early, late = now + timedelta(minutes=1), now + timedelta(minutes=2)
    # the loser's status line is the later one, so the winner's status contradicts the history
    branch1 = open_store(root / "post-branch1")
    _status(branch1, incident, "diverifikasi", early if first_wins else late)
    (second,) = import_all(hq, [export_to(branch1, usb)], receipts=usb)
    assert second.ok, second.reason
    branch1.close()
    restored = open_store(root / "post")
    _status(restored, incident, "tidak_valid", late if first_wins else early)
    edit_incident(restored, incident, "Versi sesudah pemulihan")
    (third,) = import_all(hq, [export_to(restored, usb)], receipts=usb)
    assert third.ok, third.reason
    assert third.counts["conflicts"] == 1, third.counts
    return {
        "hq": hq,
        "post": restored,
        "incident": incident,
        "usb": usb,
        "first_wins": first_wins,
        "first": before,
        "restored": after,
    }
