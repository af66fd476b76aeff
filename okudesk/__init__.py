"""okudesk: offline field reporting for the police sector posts of Polres OKU."""

__version__ = "0.1.0"
