"""The GUI's language: Qt Linguist translations (Indonesian source strings, English .qm).

The .qm files are built from the committed .ts files by ``scripts/dev`` (and by the
packaging build); when one is missing or older than its .ts (a fresh checkout, a test run)
it is compiled here with PySide6's ``lrelease`` into the user's cache folder.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

log = logging.getLogger(__name__)
LANGUAGES = ("id", "en")
SETTINGS_KEY = "language"
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    """``text`` in the running language. The context is empty: that is what
    pyside6-lupdate records for a plain ``tr("...")`` call (scripts/dev lupdate), so every
    module imports this one function instead of defining its own."""
    return QCoreApplication.translate("", text)


# okudesk.core.store.DB_NAME, not imported: that would load SQLAlchemy before the first screen
DB_NAME = "okudesk.sqlite3"


def _folder_key(data_dir: Path) -> str:
    """The folder's settings key: the start of its path's SHA-256. Qt's hash, not hashlib's:
    loading hashlib (OpenSSL's libcrypto) was ~2-4 ms of a cold start before the login."""
    from PySide6.QtCore import QCryptographicHash

    folder = str(Path(data_dir).resolve())
    folder = folder.lower() if os.name == "nt" else folder
    digest = QCryptographicHash.hash(folder.encode(), QCryptographicHash.Algorithm.Sha256)
    return f"{SETTINGS_KEY}/{bytes(digest.toHex()).decode()[:16]}"


def saved_language(data_dir: Path | None = None) -> str:
    """The language chosen for ``data_dir`` (QSettings are the Windows user's, shared by
    every data folder). A brand-new data folder opens in Indonesian whatever the user chose
    for another folder; a folder already in use before the choice was kept per folder
    keeps the user's last choice."""
    settings = QSettings()
    value = ""
    if data_dir is not None:
        value = settings.value(_folder_key(data_dir), "", str)
        if not value and not (Path(data_dir) / DB_NAME).exists():
            value = os.environ.get("OKUDESK_LANG", "") or "id"
    value = value or settings.value(SETTINGS_KEY, "", str) or os.environ.get("OKUDESK_LANG", "")
    return value if value in LANGUAGES else "id"


def save_language(language: str, data_dir: Path | None = None) -> None:
    language = language if language in LANGUAGES else "id"
    settings = QSettings()
    settings.setValue(SETTINGS_KEY, language)
    if data_dir is not None:
        settings.setValue(_folder_key(data_dir), language)


def _lrelease() -> Path | None:
    import PySide6

    for candidate in (
        Path(PySide6.__file__).parent / "lrelease",
        Path(PySide6.__file__).parent / "lrelease.exe",
        Path(sys.executable).parent / "pyside6-lrelease",
    ):
        if candidate.exists():
            return candidate
    return None


def qm_file(language: str, stem: str = "okudesk") -> Path | None:
    """The compiled translation for ``language``, compiling it if needed; None if impossible."""
    from okudesk.core.paths import resource

    ts = resource("translations", f"{stem}_{language}.ts")
    qm = ts.with_suffix(".qm")
    if qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime):
        return qm
    if not ts.exists():
        return None
    import platformdirs

    cached = Path(platformdirs.user_cache_dir("okudesk", "PolresOKU")) / qm.name
    if cached.exists() and cached.stat().st_mtime >= ts.stat().st_mtime:
        return cached
    tool = _lrelease()
    if tool is None:
        log.warning("no lrelease to compile %s", ts)
        return None
    import subprocess

    cached.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(tool), "-silent", str(ts), "-qm", str(cached)], check=True, capture_output=True
    )
    return cached


def install(language: str) -> str:
    """Load the translation for ``language`` into the running application; returns it."""
    from okudesk.core import i18n as core_i18n

    app = QCoreApplication.instance()
    for t in _installed:
        app.removeTranslator(t)
    _installed.clear()
    language = language if language in LANGUAGES else "id"
    core_i18n.set_language(language)
    if language == "id":
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        files = [
            qm_file("id", stem="qt")
        ]  # Qt's own texts (context menus, ...); ours are Indonesian already
    else:
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
        files = [qm_file(language)]
    for path in files:
        translator = QTranslator(app)
        if path is not None and translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            log.warning("translation %s not loaded", language)
    return language
