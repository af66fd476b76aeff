"""Dialogs that are not a record's form (those are in okudesk/gui/forms/)."""
