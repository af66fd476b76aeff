"""Add or edit a person in the stakeholder directory (also opened inline from the
meeting form's stakeholder picker)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from okudesk.gui import screen
from okudesk.gui.forms.common import FieldForm, FormDialog, text_edit, tr
from okudesk.gui.operations import stakeholders as stakeholder_ops
from okudesk.gui.pages.base import Combo


class StakeholderDialog(FormDialog):
    def __init__(
        self,
        parent=None,
        *,
        stakeholder_id: str | None = None,
        types=None,
        desa=None,
        name: str = "",
    ):
        super().__init__(parent)
        self.stakeholder_id = stakeholder_id
        self.setWindowTitle(tr("Tokoh baru") if stakeholder_id is None else tr("Ubah data tokoh"))
        screen.fit(self, 560, 420)
        self.form = FieldForm()
        self.name = self.form.add_field("stakeholder", "name", QLineEdit())
        self.type = self.form.add_field("stakeholder", "type_id", Combo(tr("(pilih jenis)")))
        self.organisation = self.form.add_field("stakeholder", "organisation", QLineEdit())
        self.desa = self.form.add_field("stakeholder", "desa_id", Combo(tr("(tidak diketahui)")))
        self.phone = self.form.add_field("stakeholder", "phone", QLineEdit())
        self.notes = self.form.add_field("stakeholder", "notes", text_edit(60))
        self.forms = [self.form]
        v = QVBoxLayout(self)
        v.addWidget(self.general_error)
        v.addLayout(self.form)
        v.addWidget(self.buttons)
        self.name.setText(name)
        self.watch(self.name, self.type, self.organisation, self.desa, self.phone, self.notes)
        if types is not None and desa is not None and stakeholder_id is None:
            self._fill({"stakeholder_types": types, "desa": desa})
        else:
            self.save_button.setEnabled(False)
            stakeholder_ops.load_form(parent=self, stakeholder_id=stakeholder_id).success(
                self._fill
            ).run()

    def _fill(self, ref: dict) -> None:
        self._loading = True
        self.type.set_items(
            [
                (t.id, f"{t.name}" + (f" ({t.group})" if t.group else ""))
                for t in ref["stakeholder_types"]
            ]
        )
        self.desa.set_items([(d.id, d.name) for d in ref["desa"]])
        s = ref.get("stakeholder")
        if s is not None:
            self.name.setText(s.name)
            self.type.set_current_id(s.type_id)
            self.organisation.setText(s.organisation)
            self.desa.set_current_id(s.desa_id)
            self.phone.setText(s.phone)
            self.notes.setPlainText(s.notes)
        self._loading = False
        self.dirty = bool(self.name.text()) and s is None
        self.save_button.setEnabled(True)
        self.name.setFocus()

    def save_op(self):
        from okudesk.core.records.stakeholders import StakeholderInput

        data = StakeholderInput(
            name=self.name.text(),
            type_id=self.type.current_id(),
            organisation=self.organisation.text(),
            desa_id=self.desa.current_id(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
        )
        return stakeholder_ops.save_stakeholder(
            parent=self, stakeholder_id=self.stakeholder_id, data=data
        )
