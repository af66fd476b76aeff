#!/usr/bin/env python3
"""Build okudesk for shipping: ``python build_installer.py``.

1. compiles the Qt translations (resources/translations/*.ts -> .qm);
2. writes the Windows version resource from ``okudesk.__version__``;
3. freezes okudesk with PyInstaller (packaging/okudesk.spec): one folder ``dist/okudesk``
   holding the windowed ``okudesk`` and the console ``okudesk-cli``, slimmed by
   packaging/freeze.py, and checks it against the size budget;
4. runs the frozen ``okudesk-cli selftest`` offscreen in a temporary data folder and
   fails the build if any check fails;
5. on Windows only: signs the programs when a certificate is given, builds the installer
   with Inno Setup (packaging/okudesk.iss) and signs it too. Elsewhere it stops after the
   self-tested folder and says so.

Signing (Windows): ``--sign-cert file.pfx`` or ``OKUDESK_SIGN_CERT`` (password in
``OKUDESK_SIGN_PASSWORD``), or ``--sign-thumbprint`` / ``OKUDESK_SIGN_THUMBPRINT`` for a
certificate in the Windows certificate store; ``OKUDESK_SIGN_TIMESTAMP_URL`` overrides the
time-stamp server. Needs signtool (Windows SDK) on PATH or in the usual SDK folder.

Exit status 0 when everything asked for was built and tested, 1 otherwise. A summary is
written to ``<dist>/okudesk-build.json``.
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "packaging"))
sys.path.insert(0, str(ROOT))

import freeze  # noqa: E402  (packaging/freeze.py)

from okudesk import __version__  # noqa: E402

BUDGET_BYTES = 150 * 1000 * 1000  # the okudesk folder, in MB (10^6 bytes: the stricter reading)
SPEC = ROOT / "packaging" / "okudesk.spec"
ISS = ROOT / "packaging" / "okudesk.iss"
# Inno Setup's Indonesian translation (its "Unofficial" folder, which its installer does
# not install), kept beside the script; see packaging/README-Indonesian.md
INDONESIAN_ISL = ROOT / "packaging" / "Indonesian.isl"
INDONESIAN_LANGUAGE_ID = "$0421"  # Windows' LANGID for Indonesian
IS_WINDOWS = sys.platform.startswith("win")
EXE_SUFFIX = ".exe" if IS_WINDOWS else ""
DEFAULT_TIMESTAMP_URL = "http://timestamp.digicert.com"


class BuildError(Exception):
    """A step failed; the message says which and why."""


def say(message: str) -> None:
    print(f"[build] {message}", flush=True)


# --- 1. translations ---------------------------------------------------------------


def find_lrelease() -> str:
    """pyside6-lrelease from the Python environment running this script, else PATH."""
    scripts = Path(sys.executable).parent
    for candidate in (
        scripts / f"pyside6-lrelease{EXE_SUFFIX}",
        scripts / "Scripts" / "pyside6-lrelease.exe",
    ):
        if candidate.exists():
            return str(candidate)
    found = shutil.which("pyside6-lrelease")
    if not found:
        raise BuildError(
            "pyside6-lrelease not found: install the dev environment (pip install -e .[dev])"
        )
    return found


def compile_translations(folder: Path) -> list[Path]:
    """Compile every .ts in ``folder`` to a .qm beside it; returns the .qm files."""
    sources = sorted(folder.glob("*.ts"))
    if not sources:
        say(
            "translations: no .ts files in "
            f"{folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder}, nothing to "
            "compile"
        )
        return []
    lrelease = find_lrelease()
    compiled = []
    for ts in sources:
        qm = ts.with_suffix(".qm")
        result = subprocess.run(
            [lrelease, "-silent", str(ts), "-qm", str(qm)],
            capture_output=True,
            text=True,
            errors="replace",
        )
        if result.returncode != 0 or not qm.exists():
            raise BuildError(
                f"pyside6-lrelease failed on {ts.name}: {(result.stderr or result.stdout).strip()}"
            )
        compiled.append(qm)
    say(f"translations: compiled {', '.join(q.name for q in compiled)}")
    return compiled


# --- 2. version resource -------------------------------------------------------------


def version_tuple(version: str) -> tuple[int, int, int, int]:
    """'0.1.0' -> (0, 1, 0, 0); pre-release and local parts do not fit a Windows version."""
    from packaging.version import Version

    release = Version(version).release[:4]
    return tuple(release + (0,) * (4 - len(release)))  # type: ignore[return-value]


VERSION_RESOURCE = """# Windows version resource of okudesk.exe and okudesk-cli.exe, written by
# build_installer.py from okudesk.__version__ (PyInstaller's VSVersionInfo text format).
VSVersionInfo(
  ffi=FixedFileInfo(
    filevers={numbers},
    prodvers={numbers},
    mask=0x3f,
    flags=0x0,
    OS=0x40004,
    fileType=0x1,
    subtype=0x0,
    date=(0, 0)
  ),
  kids=[
    StringFileInfo([
      StringTable(
        '042104B0',
        [{strings}])
    ]),
    VarFileInfo([VarStruct('Translation', [0x0421, 1200])])
  ]
)
"""


def version_resource(version: str) -> str:
    """The version resource PyInstaller embeds into both executables (Windows only), as
    the text PyInstaller reads (its own VSVersionInfo classes need pefile, which exists
    only on Windows). Language 0x0421 Indonesian, code page 1200 (Unicode)."""
    numbers = version_tuple(version)
    strings = [
        ("CompanyName", "Polres Ogan Komering Ulu"),
        ("FileDescription", "okudesk - pencatatan kegiatan dan kejadian Polsek"),
        ("FileVersion", ".".join(map(str, numbers))),
        ("InternalName", "okudesk"),
        ("LegalCopyright", "Polres Ogan Komering Ulu"),
        ("ProductName", "okudesk"),
        ("ProductVersion", version),
    ]
    return VERSION_RESOURCE.format(
        numbers=repr(numbers),
        strings=",\n         ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings),
    )


def write_version_file(path: Path, version: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(version_resource(version), encoding="utf-8")
    return path


# --- 3. PyInstaller --------------------------------------------------------------------


def run_pyinstaller(dist: Path, work: Path, version_file: Path, clean: bool, verbose: bool) -> Path:
    import PyInstaller.__main__

    args = [
        str(SPEC),
        "--noconfirm",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        "--log-level",
        "INFO" if verbose else "WARN",
    ]
    if clean:
        args.append("--clean")
    args += ["--", "--version-file", str(version_file)]
    try:
        PyInstaller.__main__.run(args)
    except SystemExit as exc:
        if exc.code not in (None, 0):
            raise BuildError(f"PyInstaller failed: {exc.code}") from exc
    folder = dist / "okudesk"
    for name in ("okudesk", "okudesk-cli"):
        if not (folder / f"{name}{EXE_SUFFIX}").is_file():
            raise BuildError(f"PyInstaller did not produce {name}{EXE_SUFFIX} in {folder}")
    return folder


def describe_size(size: int) -> str:
    return (
        f"{size / 1e6:.1f} MB ({size / 2**20:.1f} MiB) of the {BUDGET_BYTES / 1e6:.0f} MB budget "
        f"({'within' if size <= BUDGET_BYTES else 'OVER'})"
    )


# --- 4. selftest of the frozen program -------------------------------------------------


def frozen_env(data_dir: Path) -> dict[str, str]:
    """The environment for the frozen program: nothing from this checkout's Python or Qt
    settings may leak in, and the data goes to a throw-away folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "OKUDESK_"))}
    env.update(QT_QPA_PLATFORM="offscreen", OKUDESK_DATA_DIR=str(data_dir), OKUDESK_LANG="id")
    return env


def run_selftest(folder: Path, timeout: float = 900) -> str:
    cli = folder / f"okudesk-cli{EXE_SUFFIX}"
    with tempfile.TemporaryDirectory(
        prefix="okudesk-build-selftest-", ignore_cleanup_errors=True
    ) as tmp:
        data = Path(tmp) / "data"
        env = frozen_env(data)
        version = subprocess.run(
            [str(cli), "--version"],
            capture_output=True,
            text=True,
            errors="replace",
            env=env,
            cwd=tmp,
            timeout=120,
        )
        if version.returncode != 0 or __version__ not in version.stdout:
            raise BuildError(
                f"frozen okudesk-cli --version failed ({version.returncode}): "
                f"{version.stdout}{version.stderr}"
            )
        # errors="replace": the program writes in the console's code page on Windows
        result = subprocess.run(
            [str(cli), "--data-dir", str(data), "selftest"],
            capture_output=True,
            text=True,
            errors="replace",
            env=env,
            cwd=tmp,
            timeout=timeout,
        )
    print(result.stdout, end="", flush=True)
    if result.returncode != 0:
        raise BuildError(
            "the frozen program's selftest failed (exit "
            f"{result.returncode}):\n{result.stderr.strip()}"
        )
    return result.stdout


# --- 5. Windows: signing and the installer ---------------------------------------------


class Signer:
    def __init__(self, cert: str | None, thumbprint: str | None, timestamp_url: str):
        self.cert, self.thumbprint, self.timestamp_url = cert, thumbprint, timestamp_url
        self.password = os.environ.get("OKUDESK_SIGN_PASSWORD", "")

    @property
    def wanted(self) -> bool:
        return bool(self.cert or self.thumbprint)

    def signtool(self) -> str:
        found = shutil.which("signtool")
        if found:
            return found
        kits = sorted(glob.glob(r"C:\Program Files (x86)\Windows Kits\10\bin\*\x64\signtool.exe"))
        if kits:
            return kits[-1]
        raise BuildError("signtool not found: install the Windows SDK or put signtool on PATH")

    def sign_command(self) -> list[str]:
        command = [self.signtool(), "sign", "/fd", "SHA256", "/td", "SHA256"]
        command += ["/tr", self.timestamp_url]
        if self.cert:
            if not Path(self.cert).is_file():
                raise BuildError(f"signing certificate not found: {self.cert}")
            command += ["/f", self.cert]
            if self.password:
                command += ["/p", self.password]
        else:
            command += ["/sha1", str(self.thumbprint)]
        return command

    def inno_command(self) -> str:
        """The same command for Inno Setup's SignTool: ``$q`` is its quote, ``$f`` the file."""
        return " ".join(f"$q{part}$q" for part in self.sign_command()) + " $f"

    def sign(self, *files: Path) -> None:
        tool = self.signtool()
        command = self.sign_command()
        result = subprocess.run(
            [*command, *map(str, files)], capture_output=True, text=True, errors="replace"
        )
        if result.returncode != 0:
            # the password never appears: signtool does not echo it
            raise BuildError(f"signtool sign failed: {(result.stdout + result.stderr).strip()}")
        verify = subprocess.run(
            [tool, "verify", "/pa", *map(str, files)],
            capture_output=True,
            text=True,
            errors="replace",
        )
        if verify.returncode != 0:
            raise BuildError(f"signtool verify failed: {(verify.stdout + verify.stderr).strip()}")
        say(f"signed {', '.join(f.name for f in files)}")


def find_iscc() -> str:
    found = shutil.which("iscc")
    if found:
        return found
    for base in (
        os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)"),
        os.environ.get("ProgramFiles", r"C:\Program Files"),
    ):
        candidate = Path(base) / "Inno Setup 6" / "ISCC.exe"
        if candidate.exists():
            return str(candidate)
    raise BuildError(
        "Inno Setup 6 not found: install it and put iscc on PATH (https://jrsoftware.org/isinfo.php)"
    )


def check_installer_sources(isl: Path | None = None) -> None:
    """Before anything is frozen: an installer without Indonesian is not built."""
    isl = isl if isl is not None else INDONESIAN_ISL
    try:
        text = isl.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BuildError(
            f"{isl} is missing or unreadable ({exc}): the installer must speak Indonesian. Put "
            "Inno Setup's Files/Languages/Unofficial/Indonesian.isl of the pinned Inno Setup "
            "version there (packaging/README-Indonesian.md)"
        ) from exc
    if "[LangOptions]" not in text or "LanguageName=" not in text:
        raise BuildError(f"{isl} is not an Inno Setup messages file")
    options = dict(line.split("=", 1) for line in text.splitlines() if line.startswith("Language"))
    if options.get("LanguageID", "").strip() != INDONESIAN_LANGUAGE_ID:
        raise BuildError(
            f"{isl} is not Inno Setup's Indonesian (LanguageID={options.get('LanguageID')}, "
            f"LanguageName={options.get('LanguageName')}; Indonesian is {INDONESIAN_LANGUAGE_ID})"
        )


def build_windows_installer(folder: Path, out_dir: Path, signer: Signer) -> Path:
    check_installer_sources()
    if signer.wanted:
        signer.sign(folder / "okudesk.exe", folder / "okudesk-cli.exe")
    out_dir.mkdir(parents=True, exist_ok=True)
    file_version = ".".join(map(str, version_tuple(__version__)))
    command = [
        find_iscc(),
        "/Qp",
        f"/DAppVersion={__version__}",
        f"/DFileVersion={file_version}",
        f"/DSourceDir={folder}",
        f"/DOutputDir={out_dir}",
        f"/DRepoRoot={ROOT}",
    ]
    if signer.wanted:  # the uninstaller is written at install time: Inno signs it itself
        command += ["/DSign=1", f"/Sokudesk={signer.inno_command()}"]
    command.append(str(ISS))
    result = subprocess.run(command, capture_output=True, text=True, errors="replace")
    if result.returncode != 0:
        raise BuildError(f"Inno Setup failed:\n{(result.stdout + result.stderr).strip()}")
    setup = out_dir / f"okudesk-setup-{__version__}.exe"
    if not setup.is_file():
        raise BuildError(f"Inno Setup did not produce {setup}")
    if signer.wanted:
        signer.sign(setup)
    return setup


# --- the whole build -------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)"
    )
    parser.add_argument(
        "--work",
        type=Path,
        default=ROOT / "build" / "pyinstaller",
        help=(
            "PyInstaller's work folder, kept between builds to speed them up (default: "
            "build/pyinstaller)"
        ),
    )
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's caches first")
    parser.add_argument("--verbose", action="store_true", help="PyInstaller's full log")
    parser.add_argument(
        "--no-installer",
        action="store_true",
        help="stop after the self-tested folder, even on Windows",
    )
    parser.add_argument(
        "--sign-cert",
        default=os.environ.get("OKUDESK_SIGN_CERT"),
        metavar="PFX",
        help="code-signing certificate (.pfx); password in OKUDESK_SIGN_PASSWORD",
    )
    parser.add_argument(
        "--sign-thumbprint",
        default=os.environ.get("OKUDESK_SIGN_THUMBPRINT"),
        metavar="SHA1",
        help="sign with this certificate from the Windows certificate store instead",
    )
    parser.add_argument(
        "--timestamp-url",
        default=os.environ.get("OKUDESK_SIGN_TIMESTAMP_URL", DEFAULT_TIMESTAMP_URL),
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    summary: dict = {"version": __version__, "platform": sys.platform, "ok": False, "seconds": {}}
    summary_file = dist / "okudesk-build.json"
    started = time.perf_counter()

    def step(name: str, fn, *fn_args):
        t = time.perf_counter()
        value = fn(*fn_args)
        summary["seconds"][name] = round(time.perf_counter() - t, 1)
        return value

    try:
        dist.mkdir(parents=True, exist_ok=True)
        summary_file.unlink(missing_ok=True)
        say(f"okudesk {__version__} on {sys.platform}, Python {sys.version.split()[0]}")
        if IS_WINDOWS and not args.no_installer:
            check_installer_sources()  # before minutes of freezing
        step("translations", compile_translations, ROOT / "resources" / "translations")
        version_file = write_version_file(work / "file_version_info.txt", __version__)
        say(f"version resource {'.'.join(map(str, version_tuple(__version__)))} -> {version_file}")
        say("PyInstaller: freezing okudesk (one folder, no UPX)")
        folder = step(
            "pyinstaller", run_pyinstaller, dist, work, version_file, args.clean, args.verbose
        )
        whole = freeze.folder_size(folder)
        # the budget is the Windows installation's: a build here does not count the ICU
        # libraries Windows provides itself (freeze.platform_extras), and says so
        extras = 0 if IS_WINDOWS else freeze.platform_extras(folder)
        size = whole - extras
        summary.update(
            folder=str(folder), size_bytes=size, folder_bytes=whole, budget_bytes=BUDGET_BYTES
        )
        if extras:
            say(
                f"{folder}: {whole / 1e6:.1f} MB here, of which {extras / 1e6:.1f} MB of ICU "
                "that the Windows build takes from Windows"
            )
        say(f"{folder}: {describe_size(size)}")
        if size > BUDGET_BYTES:
            raise BuildError(f"the okudesk folder is over its size budget: {describe_size(size)}")
        say("selftest of the frozen program (offscreen, temporary data folder)")
        step("selftest", run_selftest, folder)
        summary["selftest"] = "passed"
        if IS_WINDOWS and not args.no_installer:
            say("Inno Setup: building the installer")
            signer = Signer(args.sign_cert, args.sign_thumbprint, args.timestamp_url)
            if not signer.wanted:
                say("no signing certificate given: the installer is not code-signed")
            setup = step("installer", build_windows_installer, folder, dist, signer)
            summary["installer"] = str(setup)
            say(f"installer: {setup} ({setup.stat().st_size / 1e6:.1f} MB)")
        elif IS_WINDOWS:
            say("--no-installer: stopping after the self-tested folder")
        else:
            say(
                f"not Windows ({sys.platform}): no installer is built here. The self-tested "
                f"folder is {folder}; build the installer with 'python build_installer.py' on "
                "Windows with Inno Setup 6."
            )
        summary["ok"] = True
    except BuildError as exc:
        summary["error"] = str(exc)
        print(f"[build] FAILED: {exc}", file=sys.stderr, flush=True)
    finally:
        summary["seconds"]["total"] = round(time.perf_counter() - started, 1)
        if dist.is_dir():
            summary_file.write_text(json.dumps(summary, indent=2), encoding="utf-8")
    say(f"{'done' if summary['ok'] else 'failed'} in {summary['seconds']['total']:.0f} s")
    return 0 if summary["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
