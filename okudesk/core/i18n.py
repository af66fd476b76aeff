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
    "Kunci publik tidak dapat dibaca": "The public key cannot be read",
    # sync (okudesk/core/sync)
    'Berkas ditolak: tabel tidak dikenal {name}': 'File refused: unknown table {name}',
    'Berkas ditolak: isi data tidak sah': 'File refused: the data inside is not valid',
    'Folder tujuan {path} tidak ada': 'The target folder {path} does not exist',
    'Foto {sha} hilang dari folder data ({reason}); bundel tidak dibuat': 'Photo {sha} is missing from the data folder ({reason}); no bundle was written',
    'Berkas ditolak: datanya bertabrakan dengan data yang ada ({table}: {reason})': 'File refused: its data clashes with existing data ({table}: {reason})',
    'Berkas rusak: manifes tidak sah': 'Damaged file: the manifest is not valid',
    'Berkas dibuat oleh okudesk yang lebih baru (skema {found}); perbarui okudesk di sini terlebih dahulu': 'The file was made by a newer okudesk (schema {found}); update okudesk here first',
    'Berkas ditolak: foto {sha} tidak sesuai dengan sidik jarinya': 'File refused: photo {sha} does not match its fingerprint',
    'Berkas ditolak: tanda tangan tidak sah atau isi diubah': 'File refused: the signature is not valid or the contents were changed',
    'Bundel ini sudah diimpor sebelumnya ({id}); tidak ada yang diubah': 'This bundle was already imported ({id}); nothing was changed',
    'Berkas ditolak: versi data milik pos lain': 'File refused: data versions belong to another post',
    'Berkas ditolak: versi data di luar rentang manifes': "File refused: data versions outside the manifest's ranges",
    'Pos {code} belum pernah mengirim bundel; belum ada tanda terima untuknya': 'Post {code} has never sent a bundle; there is no receipt for it yet',
    'Pos {code} telah dicabut; tidak ada tanda terima untuknya': 'Post {code} has been revoked; there is no receipt for it',
    'Tanda terima ini sudah diimpor sebelumnya ({id}); tidak ada yang diubah': 'This receipt was already imported ({id}); nothing was changed',
    "Instalasi ini belum disiapkan untuk sinkronisasi (jalankan 'setup hq' atau 'setup post')": "This installation is not set up for sync (run 'setup hq' or 'setup post')",
    'Perintah ini hanya untuk Polres (HQ)': 'This command is for HQ only',
    'Perintah ini hanya untuk pos': 'This command is for posts only',
    'Instalasi ini sudah disiapkan sebagai {role} {code}': 'This installation is already set up as {role} {code}',
    "Pos {code} sudah aktif; cabut dulu ('post revoke') sebelum membuat kit baru": "Post {code} is active; revoke it first ('post revoke') before making a new kit",
    'Gagal menulis {path}: {reason}': 'Could not write {path}: {reason}',
    'Kit dibuat oleh okudesk yang lebih baru; perbarui okudesk terlebih dahulu': 'The kit was made by a newer okudesk; update okudesk first',
    'Kit pendaftaran rusak atau bukan kit okudesk: {path}': 'The enrollment kit is damaged or not an okudesk kit: {path}',
    'Data di folder ini milik pos {code}; gunakan folder data baru': 'The data in this folder belongs to post {code}; use a new data folder',
    'Sertifikat dari Polres bukan untuk kunci pos ini': "HQ's certificate is not for this post's key",
    'Bundel ini untuk Polres lain ({found}), bukan {code}': 'This bundle is for another HQ ({found}), not {code}',
    'Berkas ini bukan bundel pos': "This file is not a post's bundle",
    'Bundel ini dienkripsi untuk Polres lain (kunci {key})': 'This bundle is encrypted for another HQ (key {key})',
    'Pos {code} tidak dikenal di Polres ini': 'Post {code} is not known at this HQ',
    'Pos {code} telah dicabut; bundel yang ditandatangani kuncinya ditolak': 'Post {code} has been revoked; bundles signed by its key are refused',
    'Pos {code} sudah terdaftar dengan kunci lain; bundel ditolak': 'Post {code} is registered with another key; bundle refused',
    'Bundel pertama pos {code} tidak membawa bukti pendaftaran yang sah': 'The first bundle of post {code} carries no valid enrollment proof',
    'Berkas ini bukan tanda terima Polres': 'This file is not an HQ receipt',
    'Tanda terima ini untuk pos {post} dari Polres {hq}, bukan untuk pos ini': 'This receipt is for post {post} from HQ {hq}, not for this post',
    'Tanda terima tidak ditandatangani oleh Polres {hq}': 'The receipt is not signed by HQ {hq}',
    'Berkas yang ditulis ke {path} rusak saat dibaca kembali; coba media lain': 'The file written to {path} was damaged when read back; try another medium',
    'Berkas rusak atau terpotong (bukan bundel okudesk yang utuh)': 'Damaged or truncated file (not a complete okudesk bundle)',
    'Berkas ditolak: isi arsip tidak sah ({names})': 'File refused: invalid archive contents ({names})',
    'Berkas dibuat oleh okudesk yang lebih baru (format {found}); perbarui okudesk di sini terlebih dahulu': 'The file was made by a newer okudesk (format {found}); update okudesk here first',
    'Berkas ditolak: isi terenkripsi rusak atau diubah': 'File refused: the encrypted contents are damaged or were changed',
    'Berkas ini dienkripsi untuk instalasi lain': 'This file is encrypted for another installation',
    'Berkas ditolak: ukuran isi tidak sesuai manifes (kemungkinan bom dekompresi)': 'File refused: the contents do not match the size in the manifest (possibly a decompression bomb)',
    'Berkas ini tidak dapat diperiksa di instalasi ini (bukan untuk {code})': 'This file cannot be checked at this installation (not for {code})',
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
