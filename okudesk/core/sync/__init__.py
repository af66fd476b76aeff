"""USB sync between posts and HQ: signed, encrypted, idempotent bundles and receipts.

One module per concern: ``trust`` (roles, keys, enrollment, revocation), ``bundle`` (the
file envelope), ``records`` (which tables travel and how rows are encoded), ``export``,
``importer`` (ledger, merge, conflicts, held records), ``receipt``, ``status``. The format
and the rules are in docs/sync-format.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from okudesk.core.errors import OkudeskError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

FORMAT_VERSION = 2  # 2: parts sealed in 1 MiB chunks (bundle.py), read as a stream


class SyncRefused(OkudeskError):
    """A bundle or receipt was refused; the message says why in one line."""


def is_hq(session: Session) -> bool:
    """Whether this installation is HQ (``okudesk sync init-hq``).

    The lists ask this to show the post column. Unlike ``trust.role`` it reads no
    certificate, so a workstation that never opens the sync page or prints a report does
    not load the cryptography modules (about 9 MB of memory)."""
    from okudesk.core.models import SyncIdentity

    row = session.get(SyncIdentity, 1)
    return row is not None and row.role == "hq"
