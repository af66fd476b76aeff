"""pyHanko without its network stack until something really goes to the network.

okudesk never fetches certificates, CRLs or OCSP responses, nor asks a time-stamp server
over HTTP: every ``ValidationContext`` it makes has ``allow_fetching=False`` and its time
stamps come from HQ's own authority in sync bundles. Yet importing pyHanko imports
``requests`` (with urllib3, charset detection, IDNA tables...) twice over, for the default
certificate fetcher and for ``HTTPTimeStamper``: ~80 ms of every signed report and every
verification. :func:`install` puts stand-ins for those two modules into ``sys.modules``
before pyHanko is imported; what they hold loads the real module the moment it is used (a
fetcher asked for, an HTTP time stamper made), so nothing changes for code that does go to
the network. The modules that use pyHanko call it at their top.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable
from typing import Any

FETCHERS = "pyhanko_certvalidator.fetchers.requests_fetchers"
TIME_STAMPER = "pyhanko.sign.timestamps.requests_client"


def install() -> None:
    for name, attributes in ((FETCHERS, _fetchers), (TIME_STAMPER, _time_stamper)):
        if name not in sys.modules:  # not imported yet (the real one), nor installed
            sys.modules[name] = _stand_in(name, attributes)


def installed() -> bool:
    """Whether pyHanko holds the stand-ins (the network stack not imported)."""
    return all(
        getattr(sys.modules.get(name), "_okudesk_stand_in", False)
        for name in (FETCHERS, TIME_STAMPER)
    )


def _stand_in(name: str, attributes: Callable[[str], dict[str, Any]]) -> types.ModuleType:
    module = types.ModuleType(name)

    def attribute(attr: str) -> Any:
        if attr == "_okudesk_stand_in":
            return True
        if attr.startswith("__"):  # the import system asks for __path__ and the like
            raise AttributeError(attr)
        made = attributes(name)
        if attr in made:
            for key, value in made.items():
                setattr(module, key, value)
            return made[attr]
        return getattr(_real(name), attr)

    module.__getattr__ = attribute  # type: ignore[method-assign]
    return module


def _real(name: str) -> Any:
    """The real module, imported now (it replaces the stand-in)."""
    module = sys.modules.get(name)
    if module is not None and not getattr(module, "_okudesk_stand_in", False):
        return module
    sys.modules.pop(name, None)
    try:
        return importlib.import_module(name)
    except BaseException:
        if module is not None:
            sys.modules[name] = module
        raise


def _fetchers(name: str) -> dict[str, Any]:
    from pyhanko_certvalidator.fetchers.api import FetcherBackend, Fetchers

    class RequestsFetcherBackend(FetcherBackend):  # made by default, used only to fetch
        def __init__(self, per_request_timeout: int = 10):
            self.per_request_timeout = per_request_timeout

        def get_fetchers(self) -> Fetchers:
            backend = _real(name).RequestsFetcherBackend(self.per_request_timeout)
            return backend.get_fetchers()  # type: ignore[no-any-return]

        async def close(self) -> None:
            return

    return {"RequestsFetcherBackend": RequestsFetcherBackend}


def _time_stamper(name: str) -> dict[str, Any]:
    class HTTPTimeStamper:  # only named at import; making one makes the real one
        def __new__(cls, *args: Any, **kwargs: Any) -> Any:
            return _real(name).HTTPTimeStamper(*args, **kwargs)

    return {"HTTPTimeStamper": HTTPTimeStamper}
