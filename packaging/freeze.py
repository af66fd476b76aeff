"""What goes into the frozen okudesk, and what is left out.

Shared by packaging/okudesk.spec (the shipped build) and benchmarks/bench_frozen_startup.py
(a hello-world window frozen the same way), so both are slimmed by the same rules. Imported
by PyInstaller while it runs a spec file, and by the tests; it only needs PyInstaller for
:func:`analysis_options`.
"""

from __future__ import annotations

import ast
import os
import re
import sys
from collections.abc import Iterable
from pathlib import Path, PurePath

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "resources"
MIGRATIONS = ROOT / "okudesk" / "core" / "migrations"

# Python modules okudesk never uses. Qt modules listed here also keep their plugins,
# translations and shared libraries out (PyInstaller's Qt hooks run per imported module).
EXCLUDED_MODULES = [
    "tkinter",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtHelp",
    "PySide6.QtDBus",
    "PySide6.QtConcurrent",
    "PySide6.QtXml",
    # PySide6-Addons: QtCharts (Situasi wilayah's charts) and QtPdf/QtPdfWidgets (the print
    # dialog's preview and printing without a PDF viewer) are frozen; the rest never is.
    "PySide6.Qt3DAnimation",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DRender",
    "PySide6.QtBluetooth",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtGraphsWidgets",
    "PySide6.QtHttpServer",
    "PySide6.QtLocation",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtNetworkAuth",
    "PySide6.QtNfc",
    "PySide6.QtPositioning",
    "PySide6.QtQuick3D",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtSensors",
    "PySide6.QtSerialBus",
    "PySide6.QtSerialPort",
    "PySide6.QtSpatialAudio",
    "PySide6.QtStateMachine",
    "PySide6.QtTextToSpeech",
    "PySide6.QtWebEngineQuick",
    "PySide6.QtWebView",
    # SQLAlchemy's hook adds every dialect; okudesk is SQLite (PostgreSQL kept for HQ)
    "sqlalchemy.dialects.mysql",
    "sqlalchemy.dialects.mssql",
    "sqlalchemy.dialects.oracle",
    # build-time tools and optional extras that libraries import only in unused corners
    "setuptools",
    "pkg_resources",
    "distutils",
    "mako.ext",  # Babel/Pygments/Lingua plugins of Mako
    "pygments",
    "zstandard.backend_cffi",  # CPython uses zstandard's C backend; the CFFI one is for PyPy
    "zstandard._cffi",
    "lxml",  # pyHanko's XMP metadata support is optional; okudesk's PDFs carry no XMP
    "PIL._avif",  # 5 MB of AVIF codecs; photos come as JPEG or PNG
    "PIL.AvifImagePlugin",
    "PIL.ImageTk",
    "PIL._imagingtk",
    # test and development tools some libraries import only for their own tests
    "sqlalchemy.testing",
    "alembic.testing",
    "pytest",
    "_pytest",
    "hypothesis",
    "IPython",
    # reportlab runs its doctests under `if __name__ == "__main__"`; doctest brings pdb,
    # pdb brings pydoc and runpy, and they bring pkgutil, whose PyInstaller runtime hook
    # then imports it at every start (~3 ms)
    "doctest",
    "pdb",
    "pydoc",
    "unittest",
    # process pools: okudesk works on one worker thread. Only concurrent.futures.process
    # imports multiprocessing, and PyInstaller's runtime hook for it costs every start ~7 ms.
    "concurrent.futures.process",
    "multiprocessing",
]

# Qt plugins that stay, by plugin folder; any other folder is dropped whole. Plugins
# whose file name (without lib prefix and suffix) is not listed are dropped too.
# Offscreen and minimal stay everywhere: the build runs its selftest offscreen.
QT_PLUGINS = {
    "platforms": {"qoffscreen", "qminimal", "qxcb", "qwindows", "qcocoa"},
    "imageformats": {"qico", "qjpeg", "qgif", "qsvg"},
    "iconengines": {"qsvgicon"},
    "styles": {"qmodernwindowsstyle", "qwindowsvistastyle", "qmacstyle"},
    "xcbglintegrations": {"qxcb-glx-integration", "qxcb-egl-integration"},
    "platforminputcontexts": {"composeplatforminputcontextplugin"},
    "printsupport": {"cupsprintersupport", "windowsprintersupport"},
}

# Qt's own translations (dialog buttons and the like) are kept for these languages only.
QT_LANGUAGES = {"id", "en"}


# On Linux the bundle is for CI and developers, not for users: it takes the desktop and
# printing stack (X11, GLib, D-Bus, fonts, CUPS and what CUPS links: GnuTLS, Kerberos, ...)
# from the system, as the PySide6 wheel does when okudesk runs from source, instead of
# copying the build machine's. Only libraries found in system folders; Python's own
# (OpenSSL, SQLite, ...) stay in the bundle.
LINUX_HOST_LIBRARIES = re.compile(
    r"lib(X11|X11-xcb|Xau|Xdmcp|Xext|Xrender|xcb|xcb-.*|xkbcommon|xkbcommon-x11|glib-2\.0|gobject-2\.0|"
    r"gthread-2\.0|gio-2\.0|gmodule-2\.0|dbus-1|systemd|gcrypt|gpg-error|lz4|zstd|pcre2-.*|fontconfig|"
    r"freetype|png16|expat|uuid|bsd|md|cap|brotli.*|bz2|graphite2|harfbuzz|ffi|selinux|mount|blkid|"
    r"cups|gnutls|krb5|krb5support|k5crypto|gssapi_krb5|com_err|keyutils|p11-kit|unistring|gmp|nettle|"
    r"hogweed|tasn1|idn2|avahi-common|avahi-client|resolv)\.so(\..*)?"
)
SYSTEM_LIBRARY_DIRS = ("/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/local/lib/")


def is_linux_host_library(dest: str, src: str, platform: str = sys.platform) -> bool:
    name = PurePath(dest.replace("\\", "/")).name
    return (
        platform.startswith("linux")
        and str(src).startswith(SYSTEM_LIBRARY_DIRS)
        and LINUX_HOST_LIBRARIES.fullmatch(name) is not None
    )


def _plugin_stem(name: str) -> str:
    stem = name.split(".", 1)[0]
    return stem[3:] if stem.startswith("lib") else stem


def qt_file_kind(dest: str) -> tuple[str, str, str] | None:
    """For a destination path inside the PySide6 package, ("plugin", folder, stem) or
    ("translation", language, name); None for anything else."""
    parts = PurePath(dest.replace("\\", "/")).parts
    if not parts or parts[0] != "PySide6":
        return None
    if "plugins" in parts[:-1]:
        i = parts.index("plugins")
        if i + 3 == len(parts):
            return ("plugin", parts[i + 1], _plugin_stem(parts[-1]))
    if "translations" in parts[:-1] and parts[-1].endswith(".qm"):
        stem = parts[-1][:-3]
        _base, _sep, language = stem.partition("_")
        return ("translation", language.split("_")[0].lower(), parts[-1])
    return None


def keep_qt_file(dest: str) -> bool:
    kind = qt_file_kind(dest)
    if kind is None:
        return True
    if kind[0] == "plugin":
        _, folder, stem = kind
        return stem in QT_PLUGINS.get(folder, ())
    return kind[1] in QT_LANGUAGES


def resource_datas(root: Path = ROOT) -> list[tuple[str, str]]:
    """resources/ (without translation sources) and the Alembic migrations, as (source
    file, destination folder) pairs. The migrations are read from disk by Alembic at run
    time, next to where okudesk/core/store/migrate.py expects them."""
    datas = []
    resources = root / "resources"
    for path in sorted(resources.rglob("*")):
        if (
            path.is_file()
            and path.suffix not in {".ts", ".pyc"}
            and "__pycache__" not in path.parts
            and not path.name.startswith(".")
        ):
            datas.append((str(path), str(path.parent.relative_to(root))))
    migrations = root / "okudesk" / "core" / "migrations"
    for path in sorted(
        [*migrations.glob("*.py"), *migrations.glob("*.mako"), *migrations.glob("versions/*.py")]
    ):
        datas.append((str(path), str(path.parent.relative_to(root))))
    return datas


def migration_imports(migrations: Path = MIGRATIONS) -> list[str]:
    """Every module the migration scripts import: Alembic loads them from files at run
    time, so PyInstaller's import analysis never sees them."""
    names: set[str] = set()
    for path in [*migrations.glob("*.py"), *migrations.glob("versions/*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                # "from alembic import op": op may be a module or a name in the module
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return sorted(names)


def _importable(name: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def analysis_options(root: Path = ROOT) -> dict:
    """Keyword arguments for PyInstaller's Analysis of okudesk (only inside PyInstaller)."""
    from PyInstaller.utils.hooks import collect_data_files, collect_submodules

    def not_testing(name: str) -> bool:
        return ".testing" not in name and ".tests" not in name

    hiddenimports = [
        # okudesk.cli loads its command modules by name; features add modules anywhere.
        *collect_submodules("okudesk", filter=not_testing),
        *collect_submodules("alembic", filter=not_testing),
        "sqlalchemy.dialects.sqlite",
        # the database engine (okudesk/core/store/cipher.py): SQLCipher, linked into the
        # binding's own extension module. Named, not left to the import graph: a store that
        # cannot be opened is a program that cannot start
        "sqlcipher3",
        "sqlcipher3.dbapi2",
        "sqlcipher3._sqlite3",
        "mako.template",
        # reportlab's barcode widgets (the report's QR code among them) import their
        # modules by name
        *collect_submodules("reportlab.graphics.barcode", filter=not_testing),
        *filter(_importable, migration_imports(root / "okudesk" / "core" / "migrations")),
    ]
    datas = [
        *resource_datas(root),
        *collect_data_files("reportlab", subdir="fonts", excludes=["**/*.sfd", "**/*.txt"]),
        *collect_data_files("pyhanko"),
        *collect_data_files("pyhanko_certvalidator"),
        *collect_data_files("certifi"),
    ]
    return {
        "pathex": [str(root)],
        "datas": datas,
        "hiddenimports": sorted(set(hiddenimports)),
        "excludes": EXCLUDED_MODULES,
    }


def _is_library(dest: str) -> bool:
    name = PurePath(dest.replace("\\", "/")).name.lower()
    return name.endswith((".dll", ".dylib")) or ".so" in name


def _is_python_runtime(dest: str) -> bool:
    name = PurePath(dest.replace("\\", "/")).name.lower()
    return name.startswith(("libpython", "python3", "python"))


def slim(analysis) -> list[str]:
    """Drop unused Qt plugins and translations from an Analysis (and, on Linux, the
    host's desktop libraries), then every shared library that nothing kept links against
    any more. Returns what it dropped."""
    dropped = []

    def keep(entry) -> bool:
        ok = keep_qt_file(entry[0])
        if not ok:
            dropped.append(entry[0])
        return ok

    analysis.datas = [e for e in analysis.datas if keep(e)]
    binaries = []
    for entry in analysis.binaries:
        if keep(entry):
            if is_linux_host_library(entry[0], entry[1]):
                dropped.append(entry[0])
            else:
                binaries.append(entry)
    needed = _linked_closure(binaries)
    kept = []
    for entry in binaries:
        dest, src, typecode = entry[0], entry[1], entry[2]
        if (
            typecode == "BINARY"
            and _is_library(dest)
            and not _is_python_runtime(dest)
            and qt_file_kind(dest) is None
        ):
            names = {PurePath(dest.replace("\\", "/")).name.lower(), Path(src).name.lower()}
            if not names & needed:
                dropped.append(dest)
                continue
        kept.append(entry)
    analysis.binaries = kept
    # symbolic links (Linux, macOS; PyInstaller files them under datas) to what was
    # dropped above would dangle
    present = {
        PurePath(e[0].replace("\\", "/")).as_posix()
        for e in [*kept, *analysis.datas]
        if e[2] != "SYMLINK"
    }

    def resolves(entry) -> bool:
        if entry[2] != "SYMLINK":
            return True
        target = PurePath(os.path.normpath(PurePath(entry[0]).parent / entry[1])).as_posix()
        if target not in present:
            dropped.append(entry[0])
            return False
        return True

    analysis.binaries = [e for e in analysis.binaries if resolves(e)]
    analysis.datas = [e for e in analysis.datas if resolves(e)]
    return dropped


def _linked_closure(binaries: Iterable) -> set[str]:
    """Lower-case file names of every library reachable by linking from the roots: Python
    extension modules, Qt plugins and the Python runtime (what is loaded by name)."""
    from PyInstaller.depend import bindepend

    entries = list(binaries)
    by_name: dict[str, str] = {}
    entries = [e for e in entries if e[2] != "SYMLINK"]
    for dest, src, _typecode in entries:
        by_name[PurePath(dest.replace("\\", "/")).name.lower()] = src
        by_name[Path(src).name.lower()] = src
    search = sorted({str(Path(src).parent) for _dest, src, _t in entries})
    todo = [
        src
        for dest, src, typecode in entries
        if typecode not in ("BINARY", "SYMLINK")
        or not _is_library(dest)
        or _is_python_runtime(dest)
        or qt_file_kind(dest) is not None
    ]
    seen: set[str] = set()
    needed: set[str] = set()
    while todo:
        src = todo.pop()
        if src in seen:
            continue
        seen.add(src)
        for name, path in bindepend.get_imports(src, search):
            for candidate in (
                PurePath(name.replace("\\", "/")).name.lower(),
                Path(path).name.lower() if path else "",
            ):
                if candidate and candidate not in needed:
                    needed.add(candidate)
                    if candidate in by_name:
                        todo.append(by_name[candidate])
            if path:
                resolved = Path(path).resolve().name.lower()
                needed.add(resolved)
                if resolved in by_name:
                    todo.append(by_name[resolved])
    return needed


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


# ICU, which Qt 6.10 uses for text: the Linux wheel of PySide6 carries its own (about 37 MB),
# the Windows build takes Windows' own icu.dll (Windows 10 1903 and later) and carries none
SYSTEM_ICU_ON_WINDOWS = ("libicudata.so", "libicuuc.so", "libicui18n.so")


def platform_extras(folder: Path) -> int:
    """Bytes in a non-Windows build that the Windows build does not carry (ICU)."""
    return sum(
        p.stat().st_size
        for p in folder.rglob("libicu*")
        if p.is_file() and not p.is_symlink() and p.name.startswith(SYSTEM_ICU_ON_WINDOWS)
    )


if __name__ == "__main__":  # pragma: no cover - a quick look at the lists
    print("\n".join(migration_imports()), file=sys.stdout)
