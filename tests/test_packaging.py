"""The shipped build: build_installer.py and the rules in packaging/freeze.py.

The tests marked ``packaging`` freeze okudesk once per session (about a minute) with
``python build_installer.py`` into a temporary folder and check the result; skip them
locally with ``-m "not packaging"``. The others are fast checks of the build's pieces.
"""

from __future__ import annotations

import ast
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT))

import freeze  # noqa: E402
import rawdb  # noqa: E402

import build_installer  # noqa: E402
from okudesk.core.store import migrate  # noqa: E402

EXE = ".exe" if sys.platform.startswith("win") else ""


# --- fast checks of the pieces ---------------------------------------------------------


def test_version_tuple_fits_a_windows_version():
    assert build_installer.version_tuple("0.1.0") == (0, 1, 0, 0)
    assert build_installer.version_tuple("1.2.3.4.5") == (1, 2, 3, 4)
    assert build_installer.version_tuple("2.0rc1") == (2, 0, 0, 0)


def test_version_resource_is_what_pyinstaller_reads(tmp_path):
    """PyInstaller evaluates the file with its VSVersionInfo classes (importable only on
    Windows); evaluate it with recorders of the same names and check the fields."""
    versioninfo = (
        Path(__import__("PyInstaller").__file__).parent / "utils" / "win32" / "versioninfo.py"
    )
    pyinstaller_classes = {
        n.name for n in ast.parse(versioninfo.read_text()).body if isinstance(n, ast.ClassDef)
    }
    text = build_installer.write_version_file(tmp_path / "v.txt", "1.4.2").read_text(
        encoding="utf-8"
    )

    def recorder(name):
        return lambda *args, **kwargs: (name, args, kwargs)

    names = {n.id for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Name)}
    assert names <= pyinstaller_classes, names - pyinstaller_classes
    info = eval(text, {name: recorder(name) for name in names})  # noqa: S307 - our own file, as PyInstaller does
    assert info[0] == "VSVersionInfo"
    ffi = info[2]["ffi"]
    assert ffi[2]["filevers"] == (1, 4, 2, 0) and ffi[2]["prodvers"] == (1, 4, 2, 0)
    strings = dict(s[1] for s in info[2]["kids"][0][1][0][0][1][1])
    assert strings["ProductVersion"] == "1.4.2" and strings["FileVersion"] == "1.4.2.0"
    assert strings["ProductName"] == "okudesk"


def test_translations_compile_and_none_is_fine(tmp_path):
    assert build_installer.compile_translations(tmp_path) == []
    (tmp_path / "okudesk_en.ts").write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n<TS version="2.1" language="en">\n'
        "<context><name>MainWindow</name><message><source>Kejadian</source>"
        "<translation>Incidents</translation></message></context>\n</TS>\n",
        encoding="utf-8",
    )
    (qm,) = build_installer.compile_translations(tmp_path)
    assert qm.name == "okudesk_en.qm" and qm.stat().st_size > 0


def test_broken_translation_fails_the_build(tmp_path):
    (tmp_path / "okudesk_en.ts").write_text("<TS><context>", encoding="utf-8")
    with pytest.raises(build_installer.BuildError, match="okudesk_en.ts"):
        build_installer.compile_translations(tmp_path)


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqwayland.so", False),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6\\plugins\\platforms\\qwindows.dll", True),
        ("PySide6\\plugins\\platforms\\qdirect2d.dll", False),
        ("PySide6\\plugins\\styles\\qmodernwindowsstyle.dll", True),
        ("PySide6/Qt/plugins/imageformats/libqpdf.so", False),
        ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/wayland-shell-integration/libxdg-shell.so", False),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6\\translations\\qt_id.qm", True),
        ("PySide6/Qt/translations/qt_zh_CN.qm", False),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        ("resources/translations/okudesk_de.qm", True),
    ],
)
def test_qt_plugins_and_translations_kept(dest, kept):
    assert freeze.keep_qt_file(dest) is kept


def test_host_libraries_come_from_the_system_only_on_linux():
    assert freeze.is_linux_host_library(
        "libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "linux"
    )
    assert freeze.is_linux_host_library(
        "libxcb-icccm.so.4", "/lib/x86_64-linux-gnu/libxcb-icccm.so.4", "linux"
    )
    assert freeze.is_linux_host_library(
        "libcups.so.2", "/usr/lib/x86_64-linux-gnu/libcups.so.2", "linux"
    )
    assert not freeze.is_linux_host_library(
        "libssl.so.3", "/usr/lib/x86_64-linux-gnu/libssl.so.3", "linux"
    )
    assert not freeze.is_linux_host_library(
        "libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "win32"
    )
    # a copy shipped inside a wheel is the wheel's own and stays
    assert not freeze.is_linux_host_library(
        "libxcb.so.1", "/venv/site-packages/pillow.libs/libxcb.so.1", "linux"
    )
    assert not freeze.is_linux_host_library("libQt6Gui.so.6", "/usr/lib/libQt6Gui.so.6", "linux")


def test_migrations_and_resources_are_data_files():
    dests = {
        (Path(src).relative_to(ROOT).as_posix(), dest.replace("\\", "/"))
        for src, dest in freeze.resource_datas()
    }
    for version in (ROOT / "okudesk/core/migrations/versions").glob("*.py"):
        assert (version.relative_to(ROOT).as_posix(), "okudesk/core/migrations/versions") in dests
    assert ("okudesk/core/migrations/env.py", "okudesk/core/migrations") in dests
    assert ("okudesk/core/migrations/script.py.mako", "okudesk/core/migrations") in dests
    assert ("resources/reference/oku.json", "resources/reference") in dests
    assert ("resources/icons/okudesk.ico", "resources/icons") in dests
    assert not any(src.endswith(".ts") or "__pycache__" in src for src, _ in dests)


def test_the_database_engine_is_frozen_and_pinned():
    """SQLCipher (okudesk/core/store/cipher.py) is named to PyInstaller and pinned, and its
    extension module carries its own SQLCipher (nothing the system must provide)."""
    pytest.importorskip("PyInstaller")
    hidden = freeze.analysis_options()["hiddenimports"]
    assert {"sqlcipher3", "sqlcipher3.dbapi2", "sqlcipher3._sqlite3"} <= set(hidden)
    constraints = (ROOT / "requirements" / "constraints.txt").read_text().splitlines()
    assert "sqlcipher3-wheels==0.5.7" in constraints
    assert '"sqlcipher3-wheels' in (ROOT / "pyproject.toml").read_text()
    from sqlcipher3 import dbapi2

    con = dbapi2.connect(":memory:")
    try:
        assert con.execute("PRAGMA cipher_version").fetchone()[0].startswith("4.")
    finally:
        con.close()


def test_migration_scripts_imports_are_found(tmp_path):
    (tmp_path / "versions").mkdir()
    (tmp_path / "env.py").write_text("from alembic import context\nimport sqlalchemy as sa\n")
    (tmp_path / "versions" / "0009_x.py").write_text(
        "from okudesk.core import models\nfrom . import nothing\n"
    )
    found = freeze.migration_imports(tmp_path)
    assert {
        "alembic",
        "alembic.context",
        "sqlalchemy",
        "okudesk.core",
        "okudesk.core.models",
    } <= set(found)
    assert "alembic" in freeze.migration_imports()  # the real ones


def test_frozen_resource_dir_is_under_meipass(monkeypatch, tmp_path):
    """PyInstaller 6 one-folder: sys._MEIPASS is the _internal folder, where the spec puts
    resources/."""
    from okudesk.core import paths

    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path / "okudesk" / "_internal"), raising=False)
    assert (
        paths.resource("reference", "oku.json")
        == tmp_path / "okudesk" / "_internal" / "resources" / "reference" / "oku.json"
    )


def test_windows_carry_the_okudesk_icon(qapp):
    from okudesk.gui.app import make_app

    assert make_app() is qapp
    assert not qapp.windowIcon().isNull()


def test_installer_keeps_the_data_folder():
    iss = (ROOT / "packaging" / "okudesk.iss").read_text(encoding="utf-8")
    sections = {}
    current = None
    for line in iss.splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line.strip("[]")
        elif current and line and not line.startswith(";"):
            sections.setdefault(current, []).append(line)
    # nothing outside the program folder is ever deleted, and the old program files are
    assert all("{app}" in line for line in sections["UninstallDelete"] + sections["InstallDelete"])
    assert any("_internal" in line for line in sections["InstallDelete"])
    assert any("{autoprograms}" in line for line in sections["Icons"])
    assert any("{autodesktop}" in line for line in sections["Icons"])
    setup = "\n".join(sections["Setup"])
    assert "PrivilegesRequiredOverridesAllowed=dialog" in setup and "AppId=" in setup
    assert (
        "OutputBaseFilename=okudesk-setup-{#AppVersion}" in setup
    )  # build_installer.py looks for it


def test_the_installer_speaks_indonesian_or_is_not_built(tmp_path, monkeypatch):
    """Inno's Indonesian.isl is kept in packaging/ (Inno's installer leaves it out): a build
    without it fails, in build_installer.py and in the script itself."""
    with pytest.raises(build_installer.BuildError, match="Indonesian"):
        build_installer.check_installer_sources(tmp_path / "Indonesian.isl")
    not_isl = tmp_path / "bukan.isl"
    not_isl.write_text("hanya teks\n", encoding="utf-8")
    with pytest.raises(build_installer.BuildError, match="not an Inno Setup messages file"):
        build_installer.check_installer_sources(not_isl)
    # another language's messages (Inno's English, say) put there by mistake
    english = tmp_path / "Default.isl"
    english.write_text("[LangOptions]\nLanguageName=English\nLanguageID=$0409\n", "utf-8")
    with pytest.raises(build_installer.BuildError, match="not Inno Setup's Indonesian"):
        build_installer.check_installer_sources(english)
    isl = tmp_path / "Indonesian.isl"  # as Inno ships it: UTF-8 with a byte-order mark, CRLF
    isl.write_bytes(
        "\ufeff[LangOptions]\r\nLanguageName=Bahasa Indonesia\r\nLanguageID=$0421\r\n".encode()
    )
    build_installer.check_installer_sources(isl)
    build_installer.check_installer_sources()  # the copy kept in packaging/
    # the Windows build stops there before freezing anything
    monkeypatch.setattr(build_installer, "IS_WINDOWS", True)
    monkeypatch.setattr(build_installer, "INDONESIAN_ISL", tmp_path / "missing.isl")
    monkeypatch.setattr(
        build_installer, "run_pyinstaller", lambda *a: pytest.fail("froze without Indonesian")
    )
    dist = tmp_path / "dist"
    assert build_installer.main(["--dist", str(dist), "--work", str(tmp_path / "w")]) == 1
    assert "Indonesian" in json.loads((dist / "okudesk-build.json").read_text())["error"]
    iss = (ROOT / "packaging" / "okudesk.iss").read_text(encoding="utf-8")
    assert '#define IndonesianIsl RepoRoot + "\\packaging\\Indonesian.isl"' in iss
    assert "#if !FileExists(IndonesianIsl)" in iss and "#error" in iss
    assert 'MessagesFile: "{#IndonesianIsl}"' in iss
    assert "Languages\\Indonesian.isl" not in iss  # never the compiler's (absent) copy


def test_packaging_keeps_inno_setups_own_indonesian_of_the_pinned_version():
    """packaging/Indonesian.isl is Inno Setup's Indonesian, byte for byte the file of the
    Inno Setup version the Windows workflow installs, with its header and licence."""
    import hashlib
    import re

    data = build_installer.INDONESIAN_ISL.read_bytes()
    # git's blob hash of Files/Languages/Unofficial/Indonesian.isl at jrsoftware/issrc's tag
    # is-6_4_3 (packaging/README-Indonesian.md): unchanged, no line ends converted
    blob = hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()
    assert blob == "bd4f3fd3857091339369cff7094734c36652b104"
    text = data.decode("utf-8-sig")
    assert data.startswith(b"\xef\xbb\xbf") and "\r\n" in text
    lines = text.splitlines()
    assert lines[0] == "; *** Inno Setup version 6.4.0+ Indonesian messages ***"
    assert "; Alih bahasa oleh: MozaikTM (mozaik.tm@gmail.com)" in lines  # its translator
    assert "LanguageName=Bahasa Indonesia" in lines and "LanguageID=$0421" in lines
    assert "SetupAppTitle=Instalasi" in lines  # Indonesian messages, not English ones
    # the version it was written for is the one the workflow pins (same major.minor, and
    # not older): a newer Inno Setup adds messages that would show in English
    made_for = tuple(map(int, re.search(r"version (\d+)\.(\d+)\.(\d+)\+", lines[0]).groups()))
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    pinned = re.search(r'INNO_VERSION: "(\d+)\.(\d+)\.(\d+)"', workflow)
    assert pinned, "the workflow pins Inno Setup"
    inno = tuple(map(int, pinned.groups()))
    assert inno[:2] == made_for[:2] and inno >= made_for
    readme = (ROOT / "packaging" / "README-Indonesian.md").read_text(encoding="utf-8")
    assert f"is-{inno[0]}_{inno[1]}_{inno[2]}" in readme and blob in readme
    # the workflow builds with the committed copy: it never downloads one
    assert "Indonesian.isl" not in workflow.replace("packaging/Indonesian.isl", "")
    assert "raw.githubusercontent.com" not in workflow
    licence = (ROOT / "packaging" / "Inno-Setup-license.txt").read_text(encoding="utf-8")
    assert licence.startswith("Inno Setup License") and "Jordan Russell" in licence
    attributes = (ROOT / ".gitattributes").read_text(encoding="utf-8")
    assert "packaging/Indonesian.isl -text" in attributes


def test_the_windows_build_installs_only_pinned_versions():
    """The Windows runner installs what a pinned package needs only on Windows (tzdata for
    tzlocal, PyInstaller's pefile and pywin32-ctypes, colorama for pytest): each is pinned
    too, so the Windows build does not change under us from one run to the next."""
    import importlib.metadata

    from packaging.requirements import Requirement

    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines():
        name, _, version = line.split("#")[0].strip().partition("==")
        if version:
            pins[name.lower().replace("_", "-")] = version
    windows = {"platform_system": "Windows", "sys_platform": "win32", "os_name": "nt"}
    unpinned = []
    for name in pins:
        try:
            requires = importlib.metadata.requires(name) or []
        except importlib.metadata.PackageNotFoundError:
            continue  # a Windows-only pin: not installed here
        for text in requires:
            req = Requirement(text)
            if req.marker is None or "extra" in str(req.marker):
                continue
            if req.marker.evaluate({**windows, "extra": ""}) and not req.marker.evaluate(
                {"extra": ""}
            ):
                wanted = req.name.lower().replace("_", "-")
                if wanted not in pins:
                    unpinned.append(f"{wanted} (for {name})")
                else:
                    assert req.specifier.contains(pins[wanted]), (wanted, str(req.specifier))
    assert unpinned == []
    assert "tzdata" in pins  # the issue's own example: tzlocal needs it on Windows


def test_the_windows_workflow_goes_from_tests_to_an_uninstalled_program_in_order():
    """No Windows machine runs the workflow here (docs/windows.md reviews it step by step):
    at least its steps come in the order a post's laptop needs, with the real platform."""
    workflow = (ROOT / ".github" / "workflows" / "windows.yml").read_text(encoding="utf-8")
    steps = [
        'python -m pytest -q -m "not packaging"',
        "choco install innosetup --version $env:INNO_VERSION",
        "python build_installer.py",
        '"/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER"',
        '$env:QT_QPA_PLATFORM = "windows"',
        '& "$app\\okudesk-cli.exe" selftest',
        '$gui = Start-Process "$app\\okudesk.exe" -PassThru',
        '$second = Start-Process "$app\\okudesk.exe" -PassThru',
        "$gui.CloseMainWindow()",
        # the daily backup's okudesk-cli holds the AppMutex: a silent uninstall would cancel
        'Get-Process | Where-Object { $_.Path -like "$app\\*" }',
        'Start-Process "$app\\unins000.exe" -Wait',
        'throw "data removed"',
        "actions/upload-artifact",
    ]
    at = [workflow.find(step) for step in steps]
    assert -1 not in at, [s for s, i in zip(steps, at, strict=True) if i < 0]
    assert at == sorted(at)
    assert "offscreen" not in workflow.split("python build_installer.py")[1]  # the real plugin
    assert 'tzutil /s "SE Asia Standard Time"' in workflow  # WIB: no clock warning box


def test_the_installer_waits_for_okudesk_and_signs_its_uninstaller():
    from okudesk.core import folderlock

    iss = (ROOT / "packaging" / "okudesk.iss").read_text(encoding="utf-8")
    assert f'#define AppMutexName "{folderlock.APP_ID}"' in iss
    assert "AppMutex={#AppMutexName},Global\\{#AppMutexName}" in iss
    assert "SignTool=okudesk" in iss and "SignedUninstaller=yes" in iss
    # all-users mode: {localappdata} is the elevating administrator's, never named then
    code = iss[iss.index("[Code]") :]
    admin = code[code.index("if IsAdminInstallMode() then") : code.index("else")]
    assert "DataKeptAllUsers" in admin and "{localappdata}" not in admin


def test_inno_signs_with_the_same_command(monkeypatch, tmp_path):
    cert = tmp_path / "okudesk.pfx"
    cert.write_bytes(b"pfx")
    signer = build_installer.Signer(str(cert), None, "http://timestamp.example")
    monkeypatch.setattr(signer, "signtool", lambda: r"C:\Kits\signtool.exe")
    command = signer.inno_command()
    assert command.startswith(r"$qC:\Kits\signtool.exe$q $qsign$q") and command.endswith(" $f")
    assert f"$q/f$q $q{cert}$q" in command


# --- the real frozen build ---------------------------------------------------------------


@pytest.fixture(scope="session")
def frozen(tmp_path_factory):
    """Build once per session into a temporary folder; yields (folder, summary)."""
    base = tmp_path_factory.mktemp("frozen")
    result = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build_installer.py"),
            "--dist",
            str(base / "dist"),
            "--work",
            str(base / "work"),
            "--no-installer",
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        cwd=base,
    )
    summary_file = base / "dist" / "okudesk-build.json"
    summary = json.loads(summary_file.read_text()) if summary_file.exists() else {}
    assert result.returncode == 0, (
        f"build failed: {summary.get('error')}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )
    print(f"\nfrozen build: {summary['seconds']} s, {summary['size_bytes'] / 1e6:.1f} MB")
    yield Path(summary["folder"]), summary
    shutil.rmtree(base, ignore_errors=True)


def frozen_cli(folder: Path, *args: str, data: Path, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(folder / f"okudesk-cli{EXE}"), "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        errors="replace",
        env=build_installer.frozen_env(data),
        cwd=cwd,
        timeout=300,
    )


@pytest.mark.packaging
def test_build_is_selftested_and_within_budget(frozen):
    folder, summary = frozen
    assert summary["ok"] and summary["selftest"] == "passed"
    whole = freeze.folder_size(folder)
    assert whole == summary["folder_bytes"]
    extras = 0 if build_installer.IS_WINDOWS else freeze.platform_extras(folder)
    assert extras < 45e6  # only the ICU libraries Windows provides itself are left out
    assert whole - extras == summary["size_bytes"] <= build_installer.BUDGET_BYTES
    assert (folder / f"okudesk{EXE}").is_file() and (folder / f"okudesk-cli{EXE}").is_file()


@pytest.mark.packaging
def test_everything_needed_at_run_time_is_in_the_folder(frozen):
    folder, _ = frozen
    internal = folder / "_internal"
    for src, dest in freeze.resource_datas():
        assert (internal / dest / Path(src).name).is_file(), f"{src} missing from the frozen folder"
    assert list((internal / "reportlab" / "fonts").glob("*.ttf")), "reportlab's fonts are missing"
    # the database engine: without it no store opens (the selftest's checks are encrypted)
    assert list((internal / "sqlcipher3").glob("_sqlite3*.*")), "SQLCipher is missing"
    for ts in (ROOT / "resources" / "translations").glob(
        "*.ts"
    ):  # compiled by the build, sources left out
        assert (internal / "resources" / "translations" / f"{ts.stem}.qm").is_file(), ts.name
        assert not (internal / "resources" / "translations" / ts.name).exists()


@pytest.mark.packaging
def test_unused_qt_is_left_out(frozen):
    folder, _ = frozen
    names = [p.relative_to(folder).as_posix() for p in folder.rglob("*")]
    for unwanted in (
        "Qt6Qml",
        "Qt6Quick",
        "PySide6/QtNetwork",  # the library comes with Qt6Pdf, the Python module does not
        "Qt6WebEngine",
        "Qt6Wayland",
    ):
        assert not [n for n in names if unwanted in n], unwanted
    # Situasi wilayah's charts need QtCharts, which links Qt6OpenGL (and its widgets)
    assert [n for n in names if "Qt6Charts" in n] and [n for n in names if "Qt6OpenGL" in n]
    # the print dialog's preview and printing without a PDF viewer need QtPdf
    assert [n for n in names if "Qt6Pdf" in n] and [n for n in names if "QtPdfWidgets" in n]
    for name in names:
        assert freeze.keep_qt_file(name.split("_internal/", 1)[-1]), name
    platforms = {
        Path(n).name.split(".")[0].removeprefix("lib") for n in names if "/plugins/platforms/" in n
    }
    assert {"qoffscreen", "qminimal"} <= platforms <= freeze.QT_PLUGINS["platforms"]
    assert not [p for p in folder.rglob("*") if p.is_symlink() and not p.exists()], (
        "dangling symbolic links"
    )


@pytest.mark.packaging
def test_frozen_program_upgrades_an_old_database(frozen, tmp_path):
    """The frozen program finds the Alembic scripts on disk and migrates a database made
    by the first released schema (after a backup), then works on it."""
    folder, _ = frozen
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "schema-0001.sqlite3", data / "okudesk.sqlite3")
    result = frozen_cli(folder, "stats", "--json", data=data, cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["incidents"] > 0
    with rawdb.connect(data / "okudesk.sqlite3") as db:
        assert (
            db.execute("SELECT version_num FROM alembic_version").fetchone()[0]
            == migrate.SCHEMA_HEAD
        )
    if migrate.SCHEMA_HEAD != "0001_first_schema":
        assert list((data / "backups").glob("*.sqlite3")), "no backup before the migration"


@pytest.mark.packaging
def test_frozen_cli_reports_errors_in_one_line(frozen, tmp_path):
    folder, _ = frozen
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = frozen_cli(folder, "stats", data=blocker / "data", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip().startswith("okudesk: ") and "Traceback" not in result.stderr
    usage = frozen_cli(folder, "no-such-command", data=tmp_path / "d", cwd=tmp_path)
    assert usage.returncode == 2
