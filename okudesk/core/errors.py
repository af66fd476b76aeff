"""Errors the core raises on purpose; each carries a message fit to show a person."""


class OkudeskError(Exception):
    """An operation failed or data was rejected; ``str(error)`` is the user's message."""


class ValidationError(OkudeskError):
    """Input a person typed (or a file carried) does not make a valid record."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.field = field


class NotFound(OkudeskError):
    pass


class StoreError(OkudeskError):
    """The data folder or database cannot be used as it is."""


class StoreLocked(StoreError):
    """The database is encrypted and no data key was given: an officer must log in (their
    passphrase unwraps the key, store/keyring.py)."""


class DatabaseTooNew(StoreError):
    pass


class DiskFull(StoreError):
    """The disk holding the data folder (or a target folder) has no room left."""


class DatabaseDamaged(StoreError):
    """The database file fails its check at start; ``backup`` is the newest good backup to
    offer (None: there is none)."""

    def __init__(self, message: str, backup: object = None):
        super().__init__(message)
        self.backup = backup


class PermissionDenied(OkudeskError):
    """The acting officer's role may not do this (or nobody is logged in)."""


class LoginFailed(OkudeskError):
    """Wrong passphrase, unknown account, or the account is locked for a while.

    ``retry_after`` is the number of seconds before the next attempt is accepted (0: now).
    """

    def __init__(self, message: str, retry_after: float = 0.0):
        super().__init__(message)
        self.retry_after = retry_after
