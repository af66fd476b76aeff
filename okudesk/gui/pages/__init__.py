"""The pages of the main window, in navigation order.

Adding a page is one line here: ``PageSpec(key, title, "module:Class", icon, permissions)``.
The class is a :class:`okudesk.gui.pages.base.Page`; it is imported and built the first
time the page is shown (so start-up does not pay for pages nobody opened). Titles are
marked with QT_TRANSLATE_NOOP("pages", ...) so lupdate finds them. A role sees the page in
the navigation when it has any one of its ``permissions``; what the page's buttons and
shortcuts need, the page guards itself (``Page.guard``).
"""

from __future__ import annotations

from typing import NamedTuple

from PySide6.QtCore import QT_TRANSLATE_NOOP


class PageSpec(NamedTuple):
    key: str
    title: str  # Indonesian source text, translated in context "pages"
    factory: str  # "package.module:ClassName"
    icon: str = "SP_FileIcon"  # a QStyle.StandardPixmap name
    permissions: tuple[str, ...] = ("data.read",)  # a role with any one of these sees the page

    def allows(self, actor) -> bool:
        """Whether ``actor`` (an okudesk.core.permissions.Actor, or None: nobody) sees the page."""
        return actor is not None and any(actor.may(p) for p in self.permissions)


PAGES: list[PageSpec] = [
    PageSpec(
        "home",
        QT_TRANSLATE_NOOP("pages", "Beranda"),
        "okudesk.gui.pages.home:HomePage",
        "SP_DirHomeIcon",
    ),
    PageSpec(
        "meetings",
        QT_TRANSLATE_NOOP("pages", "Rapat & Kunjungan"),
        "okudesk.gui.pages.meetings:MeetingsPage",
        "SP_FileDialogDetailedView",
    ),
    PageSpec(
        "incidents",
        QT_TRANSLATE_NOOP("pages", "Kejadian"),
        "okudesk.gui.pages.incidents:IncidentsPage",
        "SP_MessageBoxWarning",
    ),
    PageSpec(
        "stakeholders",
        QT_TRANSLATE_NOOP("pages", "Tokoh & Pemangku Kepentingan"),
        "okudesk.gui.pages.stakeholders:StakeholdersPage",
        "SP_DirIcon",
    ),
    PageSpec(
        "follow_ups",
        QT_TRANSLATE_NOOP("pages", "Tindak Lanjut"),
        "okudesk.gui.pages.followups:FollowUpsPage",
        "SP_DialogApplyButton",
    ),
    PageSpec(  # HQ's start page (main_window), and a Polsek's over its own data
        "situation",
        QT_TRANSLATE_NOOP("pages", "Situasi wilayah"),
        "okudesk.gui.pages.situation:SituationPage",
        "SP_ComputerIcon",
    ),
    PageSpec(
        "reports",
        QT_TRANSLATE_NOOP("pages", "Laporan"),
        "okudesk.gui.pages.reports:ReportsPage",
        "SP_FileDialogContentsView",
    ),
    PageSpec(
        "sync",
        QT_TRANSLATE_NOOP("pages", "Sinkronisasi"),
        "okudesk.gui.pages.sync:SyncPage",
        "SP_DriveFDIcon",
        ("sync.export", "sync.import"),
    ),
    PageSpec(
        "audit",
        QT_TRANSLATE_NOOP("pages", "Audit & Keamanan"),
        "okudesk.gui.pages.audit:AuditPage",
        "SP_FileDialogListView",
        ("audit.read",),
    ),
    PageSpec(
        "settings",
        QT_TRANSLATE_NOOP("pages", "Pengaturan"),
        "okudesk.gui.pages.settings:SettingsPage",
        "SP_FileDialogInfoView",
        ("settings.write",),
    ),
]
