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
    # reports (issue 4)
    "Berkas foto hilang dari folder data: {names}": "Photo files are missing from the data folder: {names}",
    "Berkas ini bukan PDF": "This file is not a PDF",
    "Berkas {path} bukan PDF; hanya laporan PDF yang dapat diperiksa": "{path} is not a PDF; only PDF reports can be verified",
    "Berkas {path} tidak dapat dibaca: {reason}": "{path} cannot be read: {reason}",
    "Berkas {path} tidak dapat ditulis: {reason}": "{path} cannot be written: {reason}",
    "Berkas: {path}": "File: {path}",
    "CA pos {code} (sebelum pendaftaran ke Polres)": "Post {code} CA (before enrolment with HQ)",
    "CA resmi: {name}": "Official CA: {name}",
    "Data ini tidak mencatat petugas pelapor; pilih petugas penanda tangan (--officer NRP)": "This record names no reporting officer; choose the signing officer (--officer NRP)",
    "Draf laporan ({pages} halaman, tanpa tanda tangan): {path}": "Draft report ({pages} pages, unsigned): {path}",
    "Hasil: TIDAK BERTANDA TANGAN (draf atau bukan laporan okudesk)": "Result: NOT SIGNED (a draft, or not an okudesk report)",
    "Hasil: {verdict}": "Result: {verdict}",
    "ID dokumen: {id}": "Document ID: {id}",
    "Jenis laporan tidak dikenal: {kind}": "Unknown kind of report: {kind}",
    "Kata sandi penanda tangan diperlukan untuk menandatangani laporan": "The signer's passphrase is needed to sign the report",
    "Kata sandi penanda tangan diperlukan: --passphrase-file FILE atau ${env}": "The signer's passphrase is needed: --passphrase-file FILE or ${env}",
    "Kata sandi penanda tangan: ": "Signer's passphrase: ",
    "Keterangan: {detail}": "Detail: {detail}",
    "Klasifikasi keamanan tidak dikenal: {value}": "Unknown security class: {value}",
    "Kode klasifikasi tidak boleh kosong, memuat '/', atau lebih dari 20 karakter": "The classification code must not be empty, contain '/', or exceed 20 characters",
    "Laporan ini sudah ditandatangani sebelumnya: {number}; salinannya ditulis ke {path}": "This report was signed before: {number}; its copy was written to {path}",
    "Laporan tidak dapat ditandatangani: {reason}": "The report cannot be signed: {reason}",
    "Laporan {number} ditandatangani ({pages} halaman): {path}": "Report {number} signed ({pages} pages): {path}",
    "Laporan {number} sudah ditandatangani, tetapi salinannya di folder data hilang atau rusak; ubah data sebagai perubahan laporan untuk membuat laporan baru": "Report {number} was signed, but its copy in the data folder is missing or damaged; change the record as an amendment to make a new report",
    "Membuka kunci tanda tangan": "Unlocking the signing key",
    "Menandatangani": "Signing",
    "Mendaftarkan laporan": "Registering the report",
    "Mengumpulkan data": "Gathering the data",
    "Menyusun dokumen": "Laying out the document",
    "PDF rusak dan tidak dapat dibaca: {reason}": "The PDF is damaged and cannot be read: {reason}",
    "Penanda tangan: {name}": "Signer: {name}",
    "Pola nomor harus memuat {{no}}, {{year}} dan {{code}}, dan hanya kolom {fields}": "The number pattern must contain {{no}}, {{year}} and {{code}}, and only the fields {fields}",
    "Pola nomor tidak sah: {reason}": "Invalid number pattern: {reason}",
    "Register: nomor {number}; berkas {state} dengan yang didaftarkan": "Register: number {number}; the file is {state} the registered one",
    "Selesai": "Done",
    "Sertifikat ini tidak boleh dipakai untuk tanda tangan": "This certificate may not be used for signatures",
    "Sertifikat pos tidak cocok dengan kunci pos ini": "The post certificate does not match this post's key",
    "Waktu tanda tangan: {when}": "Signed at: {when}",
    "berbeda": "different from",
    "sama": "the same as",
    "dokumen diubah setelah ditandatangani ({level})": "the document was changed after signing ({level})",
    "isi yang ditandatangani telah berubah": "the signed content has changed",
    "sertifikat penanda tangan tidak dipercaya di sini": "the signer's certificate is not trusted here",
    "{kind} ini sudah ditandatangani dalam laporan {number}; perubahan hanya dapat dibuat sebagai perubahan laporan (amandemen) dengan alasan": "This {kind} was signed in report {number}; it can only be changed as an amendment, with a reason",
    "{name} belum memiliki sertifikat tanda tangan; buat dulu di Pengaturan > Petugas": "{name} has no signing certificate yet; create one under Settings > Officers",
    "SAH: utuh dan penanda tangan dipercaya": "valid and trusted",
    "UTUH, tetapi penanda tangan tidak dipercaya": "intact but signer not trusted",
    "DIUBAH setelah ditandatangani": "MODIFIED after signing",
    # accounts, audit trail, backups (issue 6)
    "Kata sandi salah; coba lagi dalam {n} detik": "Wrong passphrase; try again in {n} seconds",
    "Terlalu banyak percobaan; coba lagi dalam {n} detik": "Too many attempts; try again in {n} seconds",
    "Belum ada petugas yang masuk; masuk dulu untuk melakukan ini": "Nobody is logged in; log in first to do this",
    "Peran {role} tidak diizinkan: {what}": "The role {role} may not do this: {what}",
    "Hanya dapat dilakukan oleh petugas yang bersangkutan atau pimpinan": "Only the officer concerned or a commander may do this",
    "Kata sandi minimal {n} karakter": "The passphrase needs at least {n} characters",
    "Peran tidak dikenal: {role}": "Unknown role: {role}",
    "Akun pertama sudah dibuat; minta admin membuatkan akun": "The first account exists already; ask an admin for an account",
    "Peran {role} tidak dapat diberikan oleh {mine}": "The role {role} cannot be given by {mine}",
    "Kunci akun dibuka": "Account unlocked",
    "Kunci tanda tangan baru diterbitkan karena kata sandi diatur ulang": "A new signing key was issued because the passphrase was reset",
    "Akun dikunci {n} menit karena kata sandi salah berulang kali; admin dapat membukanya": "The account is locked for {n} minutes after repeated wrong passphrases; an admin can unlock it",
    "Waktu kunci layar harus 1 sampai 240 menit": "The screen lock time must be 1 to 240 minutes",
    "Akun tidak dikenal: {who}": "Unknown account: {who}",
    "Tidak ada akun untuk {who}": "There is no account for {who}",
    "Ditolak: akun terkunci": "Refused: account locked",
    "Kata sandi salah (percobaan ke-{n})": "Wrong passphrase (attempt {n})",
    "entri {label} ({at}, {action} {record})": "entry {label} ({at}, {action} {record})",
    "entri {label} hilang: rantai berakhir di {have}, padahal basis data mencatat sampai #{seq}": "entry {label} is missing: the chain ends at {have} but the database recorded up to #{seq}",
    "entri {first} sampai {last} sebelumnya hilang": "the entries {first} to {last} before it are missing",
    "isinya diubah (hash tidak cocok)": "its content was changed (hash mismatch)",
    "ujung rantai audit tidak tercatat": "the end of the audit chain is not recorded",
    "entri sebelumnya dalam rantai hilang": "the entry before it in the chain is missing",
    "tidak tersambung ke entri sebelumnya (dihapus atau diurutkan ulang)": "it does not link to the entry before it (removed or reordered)",
    "Cadangan dibuat oleh okudesk yang lebih baru; perbarui okudesk": "The backup was made by a newer okudesk; update okudesk",
    "Berkas cadangan tidak ditemukan: {path}": "Backup file not found: {path}",
    "Basis data dalam cadangan rusak: {problem}": "The database in the backup is damaged: {problem}",
    "Berkas cadangan rusak atau bukan cadangan okudesk: {path}": "The backup file is damaged or not an okudesk backup: {path}",
    "Cadangan tidak dapat ditulis ke {path}: {reason}": "The backup cannot be written to {path}: {reason}",
    "Berkas cadangan rusak: {member} dalam {path}": "The backup file is damaged: {member} in {path}",
    "Berkas cadangan tidak lengkap: {member} tidak ada": "The backup file is incomplete: {member} is missing",
    "Cadangan tidak dapat dipulihkan: {reason}": "The backup cannot be restored: {reason}",
    "Foto dalam cadangan rusak: {name}": "A photo in the backup is damaged: {name}",
    "Basis data rusak, cadangan tidak dibuat: {problem}": "The database is damaged; no backup was made: {problem}",
    "Berkas cadangan rusak: {path}": "The backup file is damaged: {path}",
    "Basis data dalam cadangan tidak cocok dengan manifesnya: {path}": "The database in the backup does not match its manifest: {path}",
    "Melihat data": "view data",
    "Mencatat dan mengubah rapat/kunjungan": "record and change meetings",
    "Mencatat dan mengubah kejadian": "record and change incidents",
    "Mengubah status kejadian": "change incident statuses",
    "Mengelola daftar tokoh": "manage the stakeholder directory",
    "Mengelola tindak lanjut": "manage follow-ups",
    "Menambah dan menghapus foto": "add and remove photos",
    "Menandatangani dan mencetak laporan sendiri": "sign and print one's own reports",
    "Menandatangani dan mencetak laporan siapa pun": "sign and print anyone's reports",
    "Mengetahui laporan (blok \"Mengetahui\")": "acknowledge reports (the \"Mengetahui\" block)",
    "Mengelola petugas": "manage officers",
    "Mengelola akun dan kata sandi": "manage accounts and passphrases",
    "Mengubah pengaturan": "change settings",
    "Mengubah kop surat": "change the letterhead",
    "Mengubah data referensi": "change reference data",
    "Membuat cadangan": "make backups",
    "Memulihkan cadangan": "restore backups",
    "Melihat jejak audit": "view the audit trail",
    "Membuat paket kirim ke Polres": "make bundles for HQ",
    "Mengimpor paket dan tanda terima": "import bundles and receipts",
    "Mengelola pos (Polres)": "manage posts (HQ)",
    "Menerbitkan sertifikat (Polres)": "issue certificates (HQ)",
    "Mencabut sertifikat (Polres)": "revoke certificates (HQ)",
    "Mengisi data contoh": "fill in demo data",
    "Kunci publik tidak dapat dibaca": "The public key cannot be read",
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
