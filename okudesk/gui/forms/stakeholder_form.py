"""Add or edit a person in the stakeholder directory (also opened inline from the
meeting form's stakeholder picker)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QVBoxLayout

from okudesk.gui import screen
from okudesk.gui.forms.common import FieldForm, FormDialog, text_edit, tr
from okudesk.gui.operations import stakeholders as stakeholder_ops
from okudesk.gui.pages.base import Combo

# the stakeholder types that stand in an election (resources/reference/oku.json)
CONTESTANT_GROUP = "Peserta pemilu"


class StakeholderDialog(FormDialog):
    def __init__(
        self,
        parent=None,
        *,
        stakeholder_id: str | None = None,
        types=None,
        desa=None,
        parties=None,
        name: str = "",
    ):
        super().__init__(parent)
        self.stakeholder_id = stakeholder_id
        self.setWindowTitle(tr("Tokoh baru") if stakeholder_id is None else tr("Ubah data tokoh"))
        screen.fit(self, 560, 420)
        self.form = FieldForm()
        self.name = self.form.add_field("stakeholder", "name", QLineEdit())
        self.type = self.form.add_field("stakeholder", "type_id", Combo(tr("(pilih jenis)")))
        self.party = self.form.add_field("stakeholder", "party_id", Combo(tr("(bukan partai)")))
        self.party.setToolTip(tr("Untuk peserta pemilu: partai, caleg, tim kampanye, saksi"))
        self._contestant_types: set[str] = set()
        self.type.currentIndexChanged.connect(self._type_changed)
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
        self.watch(
            self.name, self.type, self.party, self.organisation, self.desa, self.phone, self.notes
        )
        if types is not None and desa is not None and parties is not None and not stakeholder_id:
            self._fill({"stakeholder_types": types, "desa": desa, "parties": parties})
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
        self._contestant_types = {
            t.id for t in ref["stakeholder_types"] if t.group == CONTESTANT_GROUP
        }
        self.party.set_items([(p.id, p.name) for p in ref["parties"]])
        self.desa.set_items([(d.id, d.name) for d in ref["desa"]])
        s = ref.get("stakeholder")
        if s is not None:
            self.name.setText(s.name)
            self.type.set_current_id(s.type_id)
            self.party.set_current_id(s.party_id)
            self.organisation.setText(s.organisation)
            self.desa.set_current_id(s.desa_id)
            self.phone.setText(s.phone)
            self.notes.setPlainText(s.notes)
        self._type_changed()
        self._loading = False
        self.dirty = bool(self.name.text()) and s is None
        self.save_button.setEnabled(True)
        self.name.setFocus()

    def _type_changed(self, _index: int | None = None) -> None:
        """A party is offered for election contestants only (and kept if one was set)."""
        contestant = self.type.current_id() in self._contestant_types
        self.party.setEnabled(contestant or self.party.current_id() is not None)

    def save_op(self):
        from okudesk.core.records.stakeholders import StakeholderInput

        data = StakeholderInput(
            name=self.name.text(),
            type_id=self.type.current_id(),
            party_id=self.party.current_id(),
            organisation=self.organisation.text(),
            desa_id=self.desa.current_id(),
            phone=self.phone.text(),
            notes=self.notes.toPlainText(),
        )
        return stakeholder_ops.save_stakeholder(
            parent=self, stakeholder_id=self.stakeholder_id, data=data
        )
