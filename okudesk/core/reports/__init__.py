"""Printed reports: Polri-format PDFs, signed with the officer's key, and their register.

One module per concern: ``pdf`` (fonts, letterhead, page furniture, photos), ``numbering``
(document numbers), ``settings`` (per-post report settings), ``meeting_report`` ("Laporan
Hasil Kegiatan / Kunjungan"), ``incident_report`` ("Laporan Informasi"), ``signing``
(PAdES with pyHanko), ``verification``, ``register`` (signed reports, locking and
amendments) and ``service`` (generate + sign + register in one transaction).

This package imports nothing heavy at import time: services import ``register`` to check
locks, and must stay quick to load.
"""
