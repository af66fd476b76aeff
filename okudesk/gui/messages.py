"""Every message box and file dialog of okudesk goes through here, so tests replace them
in one place (``monkeypatch.setattr(messages, "confirm", lambda *a, **k: True)``); and the
red line that says what is wrong inside a form (:class:`ErrorLabel`)."""

from __future__ import annotations

from PySide6 import QtWidgets
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QWidget

from okudesk.gui.i18n import tr

# The dialogs are reached through QtWidgets: PySide6 makes a class the first time its name
# is looked up, and QMessageBox and QFileDialog (~2 ms) are not needed to show the login.

ERROR_COLOR = QColor("#b71c1c")


def info(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QtWidgets.QMessageBox.information(parent, title or tr("Informasi"), text)


def warning(parent: QWidget | None, text: str, title: str | None = None) -> None:
    QtWidgets.QMessageBox.warning(parent, title or tr("Perhatian"), text)


def error(parent: QWidget | None, text: str, details: str = "", title: str | None = None) -> None:
    Box = QtWidgets.QMessageBox
    box = Box(
        Box.Icon.Critical, title or tr("Terjadi kesalahan"), text, Box.StandardButton.Ok, parent
    )
    if details:
        box.setDetailedText(details)
    box.exec()


def confirm(
    parent: QWidget | None, text: str, title: str | None = None, ok_text: str | None = None
) -> bool:
    Box = QtWidgets.QMessageBox
    box = Box(
        Box.Icon.Question, title or tr("Konfirmasi"), text, Box.StandardButton.NoButton, parent
    )
    ok = box.addButton(ok_text or tr("Ya"), Box.ButtonRole.AcceptRole)
    cancel = box.addButton(tr("Batal"), Box.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is ok


SAVE, DISCARD, CANCEL = "save", "discard", "cancel"


def unsaved_changes(parent: QWidget | None) -> str:
    """Ask what to do with unsaved changes: SAVE, DISCARD or CANCEL."""
    Box = QtWidgets.QMessageBox
    box = Box(
        Box.Icon.Warning,
        tr("Perubahan belum disimpan"),
        tr("Ada perubahan yang belum disimpan. Simpan sekarang?"),
        Box.StandardButton.NoButton,
        parent,
    )
    save = box.addButton(tr("Simpan"), Box.ButtonRole.AcceptRole)
    discard = box.addButton(tr("Buang perubahan"), Box.ButtonRole.DestructiveRole)
    box.addButton(tr("Batal"), Box.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else CANCEL


def open_images(parent: QWidget | None) -> list[str]:
    files, _filter = QtWidgets.QFileDialog.getOpenFileNames(
        parent,
        tr("Pilih foto"),
        "",
        tr("Gambar (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff);;Semua berkas (*)"),
    )
    return files


def text_input(parent: QWidget | None, title: str, label: str, text: str = "") -> str | None:
    value, ok = QtWidgets.QInputDialog.getText(parent, title, label, text=text)
    return value if ok else None


def choose_folder(parent: QWidget | None, title: str) -> str:
    """A folder (a USB stick's drive or any folder); '' when cancelled."""
    return QtWidgets.QFileDialog.getExistingDirectory(parent, title, "")


def open_files(parent: QWidget | None, title: str, file_filter: str) -> list[str]:
    files, _filter = QtWidgets.QFileDialog.getOpenFileNames(parent, title, "", file_filter)
    return files


def set_color(widget: QWidget, role: QPalette.ColorRole, color: QColor) -> None:
    """One colour of ``widget`` (and the widgets in it), without a style sheet: the first
    style sheet of a run costs ~6 ms, and the first screen keeps away from them."""
    palette = widget.palette()
    palette.setColor(role, color)
    widget.setPalette(palette)


class ErrorLabel(QLabel):
    """Hidden until there is something wrong to say."""

    def __init__(self):
        super().__init__()
        self.setObjectName("fieldError")
        set_color(
            self, QPalette.ColorRole.WindowText, ERROR_COLOR
        )  # the login shows one, first thing at start
        self.setWordWrap(True)
        self.setVisible(False)

    def show_text(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
