"""The pages of the main window, in navigation order.

Adding a page is one line here: ``PageSpec(key, title, "module:Class", icon, permissions)``
(and its icon, a 24 px line drawing in resources/icons/nav/ in the style of the others).
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
    icon: str  # resources/icons/nav/<icon>.svg, okudesk's own line icons
    permissions: tuple[str, ...] = ("data.read",)  # a role with any one of these sees the page

    def allows(self, actor) -> bool:
        """Whether ``actor`` (an okudesk.core.permissions.Actor, or None: nobody) sees the page."""
        return actor is not None and any(actor.may(p) for p in self.permissions)


PAGES: list[PageSpec] = [
    PageSpec(
        "home",
        QT_TRANSLATE_NOOP("pages", "Beranda"),
        "okudesk.gui.pages.home:HomePage",
        "home",
    ),
    PageSpec(
        "meetings",
        QT_TRANSLATE_NOOP("pages", "Rapat & Kunjungan"),
        "okudesk.gui.pages.meetings:MeetingsPage",
        "meetings",
    ),
    PageSpec(
        "incidents",
        QT_TRANSLATE_NOOP("pages", "Kejadian"),
        "okudesk.gui.pages.incidents:IncidentsPage",
        "incidents",
    ),
    PageSpec(
        "stakeholders",
        QT_TRANSLATE_NOOP("pages", "Tokoh & Pemangku Kepentingan"),
        "okudesk.gui.pages.stakeholders:StakeholdersPage",
        "stakeholders",
    ),
    PageSpec(
        "follow_ups",
        QT_TRANSLATE_NOOP("pages", "Tindak Lanjut"),
        "okudesk.gui.pages.followups:FollowUpsPage",
        "follow_ups",
    ),
    PageSpec(  # HQ's start page (main_window), and a Polsek's over its own data
        "situation",
        QT_TRANSLATE_NOOP("pages", "Situasi wilayah"),
        "okudesk.gui.pages.situation:SituationPage",
        "situation",
    ),
    PageSpec(
        "reports",
        QT_TRANSLATE_NOOP("pages", "Laporan"),
        "okudesk.gui.pages.reports:ReportsPage",
        "reports",
    ),
    PageSpec(
        "sync",
        QT_TRANSLATE_NOOP("pages", "Sinkronisasi"),
        "okudesk.gui.pages.sync:SyncPage",
        "sync",
        ("sync.export", "sync.import"),
    ),
    PageSpec(
        "audit",
        QT_TRANSLATE_NOOP("pages", "Audit & Keamanan"),
        "okudesk.gui.pages.audit:AuditPage",
        "audit",
        ("audit.read",),
    ),
    PageSpec(
        "settings",
        QT_TRANSLATE_NOOP("pages", "Pengaturan"),
        "okudesk.gui.pages.settings:SettingsPage",
        "settings",
        ("settings.write",),
    ),
]
