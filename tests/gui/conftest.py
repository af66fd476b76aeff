"""GUI test fixtures: a fresh operation hub per test, QSettings in a temporary folder,
message boxes recorded instead of shown, and a main window on a prepared store."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import QSettings

from okudesk.core.records import officers, reference, stakeholders
from okudesk.core.records.stakeholders import StakeholderInput
from okudesk.gui import messages
from okudesk.gui.app import make_app
from okudesk.gui.operations import Hub, hub, set_hub


@pytest.fixture(scope="session")
def qapp_cls():
    from PySide6.QtWidgets import QApplication

    return QApplication


@pytest.fixture(autouse=True)
def gui_env(tmp_path, monkeypatch, qapp):
    make_app()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qsettings")
    )
    from okudesk.gui import errors, i18n

    monkeypatch.setattr(errors, "_log_file", None)
    errors.setup_logging(tmp_path / "logs")
    i18n.install("id")
    set_hub(Hub())
    shown: dict[str, list] = {"error": [], "info": [], "warning": [], "confirm": [], "unsaved": []}

    def record(kind, result=None):
        def fn(parent, text, *args, **kwargs):
            shown[kind].append(text)
            return result

        return fn

    monkeypatch.setattr(messages, "error", record("error"))
    monkeypatch.setattr(messages, "info", record("info"))
    monkeypatch.setattr(messages, "warning", record("warning"))
    monkeypatch.setattr(messages, "confirm", record("confirm", True))
    monkeypatch.setattr(
        messages, "unsaved_changes", lambda parent: shown["unsaved"].append(1) or messages.DISCARD
    )
    yield shown
    h = hub()
    h.taskman.shutdown()
    set_hub(None)
    from okudesk.core import i18n as core_i18n

    core_i18n.set_language("id")


@pytest.fixture
def idle(qtbot):
    def wait(timeout: int = 10_000) -> None:
        qtbot.waitUntil(lambda: hub().taskman.pending == 0, timeout=timeout)

    return wait


@pytest.fixture
def people(store):
    """Officers and stakeholders of post BTT."""
    with store.write() as s:
        ranks = {r.name: r.id for r in reference.ranks(s)}
        kec = {k.name: k.id for k in reference.kecamatan(s)}
        desa_id = reference.add_desa(s, kec["Baturaja Timur"], "Sukaraya")
        o1 = officers.add_officer(
            s,
            name="Rahmat Hidayat",
            nrp="85010123",
            rank_id=ranks["Aiptu"],
            position="Bhabinkamtibmas",
        )
        o2 = officers.add_officer(
            s, name="Dewi Lestari", nrp="90020456", rank_id=ranks["Bripka"], position="Kanit Binmas"
        )
        types = {t.name: t.id for t in reference.stakeholder_types(s)}
        s1 = stakeholders.add_stakeholder(
            s,
            StakeholderInput(
                name="Haji Usman Effendi",
                type_id=types["Tokoh agama"],
                organisation="Masjid Agung Baturaja",
                desa_id=desa_id,
            ),
        )
        s2 = stakeholders.add_stakeholder(
            s,
            StakeholderInput(
                name="Siti Handayani",
                type_id=types["KPU Kabupaten"],
                organisation="KPU Kabupaten OKU",
            ),
        )
    return dict(officers=(o1, o2), stakeholders=(s1, s2), kecamatan=kec, desa_id=desa_id)


@pytest.fixture
def window(store, qtbot):
    from okudesk.gui.main_window import MainWindow

    w = MainWindow(store)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(w.is_ready, timeout=10_000)
    yield w
    w.close()


@pytest.fixture
def photo_file(tmp_path) -> Path:
    path = tmp_path / "IMG_0001.jpg"
    buf = io.BytesIO()
    Image.new("RGB", (2400, 1600), (30, 120, 200)).save(buf, "JPEG")
    path.write_bytes(buf.getvalue())
    return path
