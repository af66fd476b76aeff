"""Messages the core shows to people, in Indonesian first and English second.

The GUI translates its own strings with Qt Linguist; the core cannot use Qt, so its few
user-facing messages (validation errors, CLI output) go through this small catalogue.
"""

from __future__ import annotations

import os

_language = os.environ.get("OKUDESK_LANG", "id")

# Indonesian text -> English text. Keys are the Indonesian originals.
_ENGLISH: dict[str, str] = {
    "Folder data {path} tidak dapat dipakai: {reason}": "Data folder {path} cannot be used: {reason}",
    "Basis data dibuat oleh okudesk yang lebih baru (skema {found}); perbarui okudesk ke versi terbaru. Basis data tidak diubah.": "The database was made by a newer okudesk (schema {found}); update okudesk. The database was left untouched.",
    "Basis data rusak atau bukan basis data okudesk: {path}": "The database is damaged or not an okudesk database: {path}",
    "{field} wajib diisi": "{field} is required",
    "{field} terlalu panjang (maksimal {max} karakter)": "{field} is too long (at most {max} characters)",
    "NRP harus 8 digit angka": "The NRP must be 8 digits",
    "NRP {nrp} sudah dipakai oleh {name}": "NRP {nrp} is already used by {name}",
    "Waktu selesai harus setelah waktu mulai": "The end time must be after the start time",
    "Tanggal {field} tidak masuk akal: {value}": "The {field} date is not plausible: {value}",
    "Kode pos harus 2 sampai 12 huruf besar, angka atau tanda minus": "The post code must be 2 to 12 capital letters, digits or dashes",
    "Kode pos {code} sudah terdaftar": "Post code {code} is already registered",
    "Desa {desa} tidak berada di kecamatan {kecamatan}": "Desa {desa} is not in kecamatan {kecamatan}",
    "{kind} tidak ditemukan: {id}": "{kind} not found: {id}",
    "Status {old} tidak dapat diubah menjadi {new}": "Status {old} cannot change to {new}",
    "Pos ini belum disiapkan; jalankan panduan awal atau 'okudesk demo'": "This post is not set up yet; run the first-run wizard or 'okudesk demo'",
    "Jumlah harus 0 atau lebih": "The count must be 0 or more",
    "Kata sandi tidak boleh kosong": "The passphrase must not be empty",
    "Kata sandi salah": "Wrong passphrase",
    "Kunci bukan kunci ECDSA": "The key is not an ECDSA key",
    "Sertifikat tidak dapat dibaca": "The certificate cannot be read",
    "Berkas PKCS#12 tidak dapat dibuka: kata sandi salah atau berkas rusak": "The PKCS#12 file cannot be opened: wrong passphrase or damaged file",
    "Berkas PKCS#12 tidak berisi kunci dan sertifikat": "The PKCS#12 file holds no key and certificate",
    "Sertifikat tidak dipercaya: {reason}": "The certificate is not trusted: {reason}",
    "Berkas ini bukan foto yang dapat dibaca: {reason}": "This file is not a readable photo: {reason}",
    "Kop surat paling banyak {n} baris": "The letterhead has at most {n} lines",
    "Baris kop surat terlalu panjang ({n} karakter, maksimal {max}): {line}": "A letterhead line is too long ({n} characters, at most {max}): {line}",
    "Basis data belum terbuka": "The database is not open yet",
}


def set_language(language: str) -> None:
    global _language
    _language = "en" if language.lower().startswith("en") else "id"


def language() -> str:
    return _language


def _(text: str, **params: object) -> str:
    """Translate one Indonesian message into the current language and fill its fields."""
    if _language == "en":
        text = _ENGLISH.get(text, text)
    return text.format(**params) if params else text
