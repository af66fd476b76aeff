"""USB sync between posts and HQ: signed, encrypted, idempotent bundles and receipts.

One module per concern: ``trust`` (roles, keys, enrollment, revocation), ``bundle`` (the
file envelope), ``records`` (which tables travel and how rows are encoded), ``export``,
``importer`` (ledger, merge, conflicts, held records), ``receipt``, ``status``. The format
and the rules are in docs/sync-format.md.
"""

from okudesk.core.errors import OkudeskError

FORMAT_VERSION = 1


class SyncRefused(OkudeskError):
    """A bundle or receipt was refused; the message says why in one line."""
