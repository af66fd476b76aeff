"""Where okudesk keeps its data, logs and bundled resources."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "okudesk"
APP_AUTHOR = "PolresOKU"
DATA_DIR_ENV = "OKUDESK_DATA_DIR"


def default_data_dir() -> Path:
    """The data folder: ``$OKUDESK_DATA_DIR`` if set, else the user's data folder."""
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR, roaming=False))


def log_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def resource_dir() -> Path:
    """The shipped resources folder, in a source checkout and in a frozen build.

    Frozen (PyInstaller 6, one folder) ``sys._MEIPASS`` is the ``_internal`` folder beside
    okudesk.exe, where packaging/okudesk.spec puts ``resources/``."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def resource(*parts: str) -> Path:
    return resource_dir().joinpath(*parts)
