"""The GUI-free heart of okudesk: store, models and domain services.

Nothing under okudesk.core may import PySide6; tests/test_core_without_qt.py proves it.
"""
