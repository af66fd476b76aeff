"""The okudesk Qt application: one client of okudesk.core."""
