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


class DatabaseTooNew(StoreError):
    pass
