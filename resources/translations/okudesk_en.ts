<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../okudesk/gui/errors.py" line="+66"/>
        <source>Berkas atau folder tidak dapat dipakai: {reason}{where}</source>
        <translation>The file or folder cannot be used: {reason}{where}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Memori komputer tidak cukup untuk pekerjaan ini.</source>
        <translation>The computer does not have enough memory for this task.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Terjadi kesalahan tak terduga. Pekerjaan yang belum disimpan mungkin hilang; data yang sudah disimpan aman.</source>
        <translation>An unexpected error occurred. Unsaved work may be lost; saved data is safe.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rincian teknis tersimpan di {path}</source>
        <translation>Technical details were saved in {path}</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/common.py" line="+170"/>
        <source>(pilih kecamatan)</source>
        <translation>(choose kecamatan)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(pilih desa)</source>
        <translation>(choose desa)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ Desa</source>
        <translation>+ Desa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tambah desa/kelurahan baru di kecamatan ini</source>
        <translation>Add a new desa/kelurahan in this kecamatan</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Desa baru</source>
        <translation>New desa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nama desa/kelurahan di kecamatan {k}:</source>
        <translation>Name of the desa/kelurahan in kecamatan {k}:</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Ketik nama, organisasi atau jenis tokoh…</source>
        <translation>Type a name, organisation or type…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ Tokoh baru</source>
        <translation>+ New stakeholder</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tekan Delete untuk menghapus dari daftar</source>
        <translation>Press Delete to remove from the list</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/conflict_review.py" line="+39"/>
        <source>Tokoh</source>
        <translation>Stakeholder</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="+218"/>
        <location line="+91"/>
        <location filename="../../okudesk/gui/forms/common.py" line="+137"/>
        <location filename="../../okudesk/gui/forms/incident_form.py" line="+89"/>
        <location filename="../../okudesk/gui/forms/meeting_form.py" line="+92"/>
        <location filename="../../okudesk/gui/pages/home.py" line="+148"/>
        <location filename="../../okudesk/gui/pages/incidents.py" line="+155"/>
        <location filename="../../okudesk/gui/pages/meetings.py" line="+130"/>
        <source>Tindak lanjut</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../../okudesk/gui/dialogs/help.py" line="+30"/>
        <source>Polres</source>
        <translation>HQ</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>pos {post}</source>
        <translation>post {post}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>diubah oleh {name}</source>
        <translation>changed by {name}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>DIHAPUS</source>
        <translation>DELETED</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>{when} (jam komputer {where})</source>
        <translation>{when} ({where}&apos;s clock)</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Periksa konflik sinkronisasi</source>
        <translation>Review sync conflict</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Hanya kolom yang berbeda</source>
        <translation>Only differing fields</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pertahankan versi yang dipakai…</source>
        <translation>Keep the version in use…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pakai versi dari pos…</source>
        <translation>Use the post&apos;s version…</translation>
    </message>
    <message>
        <location line="+36"/>
        <location line="+14"/>
        <source>Dipakai sekarang</source>
        <translation>In use now</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>Jam yang tercantum adalah jam komputer tempat versi itu dibuat.</source>
        <translation>Times shown are the clock of the computer where that version was made.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data ini tidak ada di Polres; versi dari pos hanya dapat ditolak.</source>
        <translation>This record is not at HQ; the post&apos;s version can only be rejected.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Versi dari pos (disimpan)</source>
        <translation>The post&apos;s version (kept)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kolom</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>{n} kolom berbeda: {names}</source>
        <translation>{n} fields differ: {names}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Isi kedua versi sama.</source>
        <translation>Both versions are the same.</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Pakai versi dari pos {post} untuk {record}? Yang berubah:
{changes}

Perubahan ini menjadi perubahan Polres, dicatat di jejak audit dan dikirim ke pos pada tanda terima berikutnya.</source>
        <translation>Use post {post}&apos;s version for {record}? What changes:
{changes}

This becomes an HQ change, is recorded in the audit trail and is sent to the post with the next receipt.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>(tidak ada kolom yang berbeda)</source>
        <translation>(no differing fields)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pakai versi dari pos</source>
        <translation>Use the post&apos;s version</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pertahankan versi yang dipakai untuk {record}? Versi dari pos {post} ditolak ({n} kolom berbeda tidak dipakai); keputusan dicatat di jejak audit.</source>
        <translation>Keep the version in use for {record}? Post {post}&apos;s version is rejected ({n} differing fields not used); the decision is recorded in the audit trail.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pertahankan</source>
        <translation>Keep</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status dan riwayat statusnya akan disamakan dengan satu baris riwayat baru.</source>
        <translation>The status and its history will be aligned with one new history line.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Konflik {record} diputuskan: versi dari pos dipakai.</source>
        <translation>Conflict {record} decided: the post&apos;s version is used.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Konflik {record} diputuskan: versi yang dipakai dipertahankan.</source>
        <translation>Conflict {record} decided: the version in use is kept.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/common.py" line="+246"/>
        <source>* wajib diisi</source>
        <translation>* required</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/audit.py" line="+47"/>
        <source>Pilih flashdisk atau folder tujuan cadangan</source>
        <translation>Choose a USB stick or folder for the backup</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Pilih berkas cadangan</source>
        <translation>Choose a backup file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cadangan okudesk (*.zip *.sqlite3);;Semua berkas (*)</source>
        <translation>okudesk backups (*.zip *.sqlite3);;All files (*)</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Audit &amp; Keamanan</source>
        <translation>Audit &amp; Security</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>(semua petugas)</source>
        <translation>(all officers)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(semua tindakan)</source>
        <translation>(all actions)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="-220"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="+50"/>
        <source>‹ Sebelumnya</source>
        <translation>‹ Previous</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="+1"/>
        <source>Berikutnya ›</source>
        <translation>Next ›</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perkecil −</source>
        <translation>Zoom out −</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Perbesar +</source>
        <translation>Zoom in +</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sesuai layar</source>
        <translation>Fit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ukuran asli</source>
        <translation>Actual size</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Tidak ada foto.</source>
        <translation>No photos.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Foto {n} dari {total}</source>
        <translation>Photo {n} of {total}</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Berkas foto tidak dapat dibaca.</source>
        <translation>The photo file cannot be read.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Berkas foto tidak ada di folder data.</source>
        <translation>The photo file is missing from the data folder.</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Lihat data</source>
        <translation>View record</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Apa</source>
        <translation>What</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tenggat</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/help.py" line="-3"/>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="+5"/>
        <location filename="../../okudesk/gui/forms/common.py" line="-246"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="-42"/>
        <location line="+22"/>
        <location line="+198"/>
        <location filename="../../okudesk/gui/pages/meetings.py" line="-11"/>
        <location filename="../../okudesk/gui/pages/reports.py" line="+81"/>
        <location filename="../../okudesk/gui/pages/settings.py" line="+110"/>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kapolsek / pimpinan</source>
        <translation>Kapolsek / commander</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Admin pos</source>
        <translation>Post admin</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>(folder data okudesk)</source>
        <translation>(okudesk data folder)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Bantuan</source>
        <translation>Help</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Panduan untuk:</source>
        <translation>Guide for:</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="+0"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="-219"/>
        <location line="+22"/>
        <source>Tindakan</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="-21"/>
        <location line="+22"/>
        <location filename="../../okudesk/gui/pages/sync.py" line="+325"/>
        <source>Data</source>
        <translation>Record</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Hanya dilihat: tidak ada yang diubah di sini.</source>
        <translation>View only: nothing is changed here.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/audit.py" line="-20"/>
        <source>Sampai</source>
        <translation>Until</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Periksa rantai</source>
        <translation>Check chain</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="-10"/>
        <location filename="../../okudesk/gui/dialogs/report_verify.py" line="+136"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="+17"/>
        <source>Keterangan</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="+1"/>
        <source>Perubahan</source>
        <translation>Changes</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+91"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="+37"/>
        <source>Jejak audit</source>
        <translation>Audit trail</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/audit.py" line="+134"/>
        <source>Rantai audit utuh: {n} entri dalam {c} rantai.</source>
        <translation>Audit chain intact: {n} entries in {c} chains.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Rantai audit RUSAK: {problem}</source>
        <translation>Audit chain BROKEN: {problem}</translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+21"/>
        <source>Peran</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Keadaan</source>
        <translation>State</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>kata sandi sementara (petugas menggantinya saat masuk)</source>
        <translation>temporary passphrase (the officer changes it at login)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kata sandi sementara</source>
        <translation>Temporary passphrase</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Simpan akun</source>
        <translation>Save account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buka kunci</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/main_window.py" line="+401"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="+11"/>
        <source>Akun petugas</source>
        <translation>Officer accounts</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/audit.py" line="-262"/>
        <source>Nomor data (atau ID)</source>
        <translation>Record number (or ID)</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>« Terbaru</source>
        <translation>« Newest</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Terlama »</source>
        <translation>Oldest »</translation>
    </message>
    <message>
        <location line="+123"/>
        <source>Entri {first}–{last} dari {total} (paling baru dulu)</source>
        <translation>Entries {first}–{last} of {total} (newest first)</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Sistem (bukan petugas)</source>
        <translation>System (not an officer)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>terkunci</source>
        <translation>locked</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>harus ganti kata sandi</source>
        <translation>must change passphrase</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>(belum ada akun)</source>
        <translation>(no account yet)</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>okudesk membuat cadangan otomatis sekali sehari di folder data. Simpan juga cadangan di flashdisk yang disimpan terpisah dari laptop.</source>
        <translation>okudesk makes an automatic backup once a day in the data folder. Also keep a backup on a USB stick stored away from the laptop.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cadangkan ke USB…</source>
        <translation>Back up to USB…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pulihkan dari cadangan…</source>
        <translation>Restore from backup…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> menit</source>
        <translation> minutes</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kunci layar setelah tidak dipakai</source>
        <translation>Lock the screen when idle for</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cadangan &amp;&amp; kunci layar</source>
        <translation>Backup &amp;&amp; screen lock</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Membuat cadangan…</source>
        <translation>Making a backup…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cadangan tersimpan: {path} ({mb:.1f} MB, {n} foto)</source>
        <translation>Backup saved: {path} ({mb:.1f} MB, {n} photos)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cadangan gagal: {reason}</source>
        <translation>Backup failed: {reason}</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Data sekarang akan diganti dengan isi cadangan ini (data sekarang disimpan di folder replaced). Lanjutkan?</source>
        <translation>The current data will be replaced by this backup (the current data is kept in the folder &quot;replaced&quot;). Continue?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Pulihkan</source>
        <translation>Restore</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Cadangan dipulihkan dari {path}.</source>
        <translation>Backup restored from {path}.</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../okudesk/gui/pages/sync.py" line="+434"/>
        <source>rantai audit: {problem}</source>
        <translation>audit trail: {problem}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Pulihkan tetap sebagai pendaftaran ulang? Laptop ini akan memakai identitas, akun dan kunci dari cadangan itu.</source>
        <translation>Restore it anyway as a re-enrolment? This laptop will take that backup&apos;s identity, accounts and keys.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Daftar ulang dan pulihkan</source>
        <translation>Re-enrol and restore</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cadangan tidak dapat dipulihkan: {reason}</source>
        <translation>The backup cannot be restored: {reason}</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/common.py" line="+0"/>
        <source>Penanggung jawab lain</source>
        <translation>Other person responsible</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../okudesk/gui/pages/home.py" line="+0"/>
        <source>Batas waktu</source>
        <translation>Due date</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>+ Tambah tindak lanjut</source>
        <translation>+ Add follow-up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hapus baris</source>
        <translation>Remove row</translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../../okudesk/gui/forms/incident_form.py" line="-9"/>
        <source>(tidak ada)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Seret berkas foto ke sini, atau klik &quot;Tambah foto&quot;. Klik dua kali pada foto untuk mengubah keterangannya.</source>
        <translation>Drag photo files here, or click &quot;Add photo&quot;. Double-click a photo to edit its caption.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tambah foto…</source>
        <translation>Add photo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hapus foto</source>
        <translation>Remove photo</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>(bukan foto)</source>
        <translation>(not a photo)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/officer_edit.py" line="+50"/>
        <location filename="../../okudesk/gui/dialogs/report_settings.py" line="+153"/>
        <location filename="../../okudesk/gui/forms/common.py" line="+59"/>
        <location filename="../../okudesk/gui/messages.py" line="+64"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="-87"/>
        <location filename="../../okudesk/gui/signature_pad.py" line="+187"/>
        <source>Simpan</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../okudesk/gui/dialogs/report_settings.py" line="+2"/>
        <location filename="../../okudesk/gui/export.py" line="+58"/>
        <location filename="../../okudesk/gui/forms/common.py" line="+3"/>
        <location filename="../../okudesk/gui/forms/incident_form.py" line="+168"/>
        <location filename="../../okudesk/gui/lock_screen.py" line="+174"/>
        <location filename="../../okudesk/gui/messages.py" line="-19"/>
        <location line="+21"/>
        <location filename="../../okudesk/gui/signature_pad.py" line="+2"/>
        <source>Batal</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/incident_form.py" line="-191"/>
        <location filename="../../okudesk/gui/pages/home.py" line="-46"/>
        <location filename="../../okudesk/gui/pages/incidents.py" line="-120"/>
        <source>Kejadian baru</source>
        <translation>New incident</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ubah kejadian</source>
        <translation>Edit incident</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(pilih kategori)</source>
        <translation>(choose category)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../okudesk/gui/forms/meeting_form.py" line="-27"/>
        <source>Kecamatan / desa</source>
        <translation>Kecamatan / desa</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../../okudesk/gui/forms/meeting_form.py" line="-6"/>
        <location filename="../../okudesk/gui/main_window.py" line="-158"/>
        <source>(pilih petugas)</source>
        <translation>(choose officer)</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+4"/>
        <source>(belum dinilai)</source>
        <translation>(not graded)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="-94"/>
        <location line="+91"/>
        <location filename="../../okudesk/gui/forms/incident_form.py" line="+4"/>
        <location filename="../../okudesk/gui/forms/meeting_form.py" line="+34"/>
        <location filename="../../okudesk/gui/pages/meetings.py" line="+20"/>
        <source>Foto</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/conflict_review.py" line="-198"/>
        <location filename="../../okudesk/gui/forms/incident_form.py" line="+3"/>
        <location filename="../../okudesk/gui/pages/incidents.py" line="-1"/>
        <location line="+78"/>
        <source>Kejadian</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/incident_form.py" line="+1"/>
        <source>Penanganan</source>
        <translation>Handling</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../okudesk/gui/forms/meeting_form.py" line="+5"/>
        <source>Tindak lanjut dan foto</source>
        <translation>Follow-ups and photos</translation>
    </message>
    <message>
        <location line="+137"/>
        <source>Ubah status kejadian {number}</source>
        <translation>Change the status of incident {number}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Status sekarang</source>
        <translation>Current status</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Status baru</source>
        <translation>New status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Catatan</source>
        <translation>Note</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Simpan status</source>
        <translation>Save status</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Kejadian ini masih punya {n} tindak lanjut terbuka ({late} terlambat). Tutup kejadian ini tetap?</source>
        <translation>This incident still has {n} open follow-ups ({late} overdue). Close it anyway?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tindak lanjut terbuka</source>
        <translation>Open follow-ups</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tutup kejadian</source>
        <translation>Close incident</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/meeting_form.py" line="-54"/>
        <source>Rapat / kunjungan baru</source>
        <translation>New meeting / visit</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ubah rapat / kunjungan</source>
        <translation>Edit meeting / visit</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(pilih jenis kegiatan)</source>
        <translation>(choose activity type)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/followups.py" line="+58"/>
        <source>Selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/meeting_form.py" line="+30"/>
        <source>mis. Balai Desa Sukaraya</source>
        <translation>e.g. Balai Desa Sukaraya</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/sync.py" line="-467"/>
        <source>Hasil</source>
        <translation>Outcomes</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/meeting_form.py" line="+13"/>
        <location filename="../../okudesk/gui/pages/meetings.py" line="-39"/>
        <location filename="../../okudesk/gui/pages/stakeholders.py" line="+74"/>
        <source>Kegiatan</source>
        <translation>Activity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hasil kegiatan</source>
        <translation>Results</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/stakeholder_form.py" line="+30"/>
        <location filename="../../okudesk/gui/pages/stakeholders.py" line="-32"/>
        <source>Tokoh baru</source>
        <translation>New stakeholder</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ubah data tokoh</source>
        <translation>Edit stakeholder</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/villages.py" line="+34"/>
        <source>Desa dan kelurahan</source>
        <translation>Villages</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Desa dan kelurahan resmi memakai kode Kemendagri dan hanya dapat diubah oleh Polres. Desa yang belum ada di daftar dapat ditambahkan pos sebagai desa lokal.</source>
        <translation>Official villages carry their Kemendagri code and only Polres can change them. A village missing from the list can be added by the post as a local village.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/officer_edit.py" line="-6"/>
        <location filename="../../okudesk/gui/dialogs/villages.py" line="+7"/>
        <location filename="../../okudesk/gui/lock_screen.py" line="-35"/>
        <location line="+17"/>
        <location filename="../../okudesk/gui/pages/settings.py" line="+8"/>
        <location line="+14"/>
        <location filename="../../okudesk/gui/pages/sync.py" line="-50"/>
        <location filename="../../okudesk/gui/wizard.py" line="+122"/>
        <source>Nama</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/villages.py" line="+0"/>
        <location filename="../../okudesk/gui/pages/reports.py" line="-40"/>
        <location filename="../../okudesk/gui/pages/sync.py" line="+65"/>
        <source>Jenis</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="-97"/>
        <location filename="../../okudesk/gui/dialogs/villages.py" line="+0"/>
        <source>Kode</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/villages.py" line="+12"/>
        <source>Nama desa baru</source>
        <translation>New village name</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tambah desa</source>
        <translation>Add village</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ubah nama…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+98"/>
        <source>Nonaktifkan</source>
        <translation>Switch off</translation>
    </message>
    <message>
        <location line="-86"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="+363"/>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Kelurahan</source>
        <translation>Kelurahan</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Desa</source>
        <translation>Desa</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(lokal)</source>
        <translation>(local)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Aktif</source>
        <translation>Active</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nonaktif</source>
        <translation>Switched off</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Aktifkan</source>
        <translation>Switch on</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Desa resmi: perbaikan nama diajukan ke Polres.</source>
        <translation>Official village: ask Polres to correct its name.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Ubah nama desa</source>
        <translation>Rename village</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Nama baru</source>
        <translation>New name</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Tulis nama desa yang akan ditambahkan.</source>
        <translation>Type the name of the village to add.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/stakeholder_form.py" line="+4"/>
        <source>(pilih jenis)</source>
        <translation>(choose type)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>(bukan partai)</source>
        <translation>(not a party)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Untuk peserta pemilu: partai, caleg, tim kampanye, saksi</source>
        <translation>For election contestants: parties, candidates, campaign teams, witnesses</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>(tidak diketahui)</source>
        <translation>(unknown)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/main_window.py" line="-98"/>
        <source>Polres Ogan Komering Ulu</source>
        <translation>Polres Ogan Komering Ulu</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Memuat…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Memuat data…</source>
        <translation>Loading data…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Petugas piket yang sedang memakai okudesk</source>
        <translation>The officer on duty using okudesk now</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Petugas piket:</source>
        <translation>Officer on duty:</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Bantuan (F1)</source>
        <translation>Help (F1)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Pos: {name} ({code})</source>
        <translation>Post: {name} ({code})</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>1 perubahan belum diekspor</source>
        <translation>1 change not yet exported</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{n} perubahan belum diekspor</source>
        <translation>{n} changes not yet exported</translation>
    </message>
    <message>
        <location line="+125"/>
        <source>Pos belum disiapkan</source>
        <translation>Post not set up yet</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Petugas yang dimasukkan di panduan belum dapat masuk ke okudesk. Buat akun masuk mereka sekarang di Audit &amp; Keamanan &gt; Akun petugas?</source>
        <translation>The officers entered in the wizard cannot log in to okudesk yet. Create their login accounts now under Audit &amp; Security &gt; Officer accounts?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Buat akun sekarang</source>
        <translation>Create accounts now</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/messages.py" line="-46"/>
        <source>Informasi</source>
        <translation>Information</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Perhatian</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Terjadi kesalahan</source>
        <translation>Error</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Konfirmasi</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="+51"/>
        <source>Ya</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Perubahan belum disimpan</source>
        <translation>Unsaved changes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ada perubahan yang belum disimpan. Simpan sekarang?</source>
        <translation>There are unsaved changes. Save them now?</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Buang perubahan</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pilih foto</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Gambar (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff);;Semua berkas (*)</source>
        <translation>Images (*.jpg *.jpeg *.png *.bmp *.webp *.tif *.tiff);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/base.py" line="+234"/>
        <source>Cari (Ctrl+F)…</source>
        <translation>Search (Ctrl+F)…</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/audit.py" line="-365"/>
        <location filename="../../okudesk/gui/pages/base.py" line="+7"/>
        <source>Dari</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/base.py" line="-115"/>
        <source>Tidak ada yang dapat dicetak di halaman ini</source>
        <translation>Nothing on this page can be printed</translation>
    </message>
    <message>
        <location line="+117"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="-247"/>
        <source>s.d.</source>
        <translation>to</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Semua kecamatan</source>
        <translation>All kecamatan</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Semua status</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+78"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="-12"/>
        <source>Semua pos</source>
        <translation>All posts</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Atur ulang</source>
        <translation>Reset</translation>
    </message>
    <message>
        <location line="+140"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="+2"/>
        <source>Ekspor ke Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Baris yang tampil (filter, pencarian, urutan) ke .xlsx atau .csv</source>
        <translation>The rows shown (filter, search, order) to .xlsx or .csv</translation>
    </message>
    <message>
        <location line="+200"/>
        <source>{n} data</source>
        <translation>{n} records</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>1 data</source>
        <translation>1 record</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>disaring dari Situasi wilayah</source>
        <translation>filtered from Regional situation</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Ekspor sedang berjalan</source>
        <translation>An export is running</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="-2"/>
        <location filename="../../okudesk/gui/pages/home.py" line="+46"/>
        <source>Penanggung jawab</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../okudesk/gui/dialogs/villages.py" line="-156"/>
        <location filename="../../okudesk/gui/pages/home.py" line="+10"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="+267"/>
        <location filename="../../okudesk/gui/pages/sync.py" line="-64"/>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/followups.py" line="-13"/>
        <source>Aksi</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>✔ Tandai selesai</source>
        <translation>✔ Mark done</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Terbuka</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="-20"/>
        <source>Terlambat</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Milik saya</source>
        <translation>Mine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Semua</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tindak Lanjut</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+82"/>
        <source>Tandai selesai</source>
        <translation>Mark done</translation>
    </message>
    <message>
        <location line="-81"/>
        <source>Buka kembali</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Apa yang sudah dilakukan? Tulis singkat, misalnya siapa ditemui dan hasilnya.</source>
        <translation>What was done? In a few words, e.g. who was met and the result.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Tulis singkat apa yang sudah dilakukan sebelum menandai selesai.</source>
        <translation>Write briefly what was done before marking it done.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/home.py" line="-101"/>
        <source>{shown} dari {total}, &lt;a href=&apos;all&apos;&gt;lihat semua&lt;/a&gt;</source>
        <translation>{shown} of {total}, &lt;a href=&apos;all&apos;&gt;see all&lt;/a&gt;</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../okudesk/gui/pages/meetings.py" line="-56"/>
        <source>Rapat baru</source>
        <translation>New meeting</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Buat cadangan sekarang</source>
        <translation>Back up now</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rapat &amp; kunjungan hari ini</source>
        <translation>Meetings &amp; visits today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rapat &amp; kunjungan minggu ini</source>
        <translation>Meetings &amp; visits this week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kejadian hari ini</source>
        <translation>Incidents today</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kejadian minggu ini</source>
        <translation>Incidents this week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tindak lanjut terlambat</source>
        <translation>Overdue follow-ups</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tindak lanjut jatuh tempo 3 hari ke depan</source>
        <translation>Follow-ups due in the next 3 days</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Tindak lanjut yang perlu perhatian</source>
        <translation>Follow-ups needing attention</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Kejadian terbaru menurut tingkat kerawanan (30 hari)</source>
        <translation>Latest incidents by severity (30 days)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="-4"/>
        <source>Kerawanan</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cadangan data sedang dibuat...</source>
        <translation>A backup is being made...</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Belum ada cadangan data di laptop ini.</source>
        <translation>There is no backup of the data on this laptop yet.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cadangan data terakhir sudah {n} hari yang lalu ({when}).</source>
        <translation>The last backup was made {n} days ago ({when}).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cadangan tidak dapat dimulai; rinciannya ada di berkas log.</source>
        <translation>The backup could not be started; the details are in the log file.</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Pos ini belum terhubung dengan Polres. Setelah menerima kit pendaftaran dari Polres, siapkan pos di halaman Sinkronisasi.</source>
        <translation>This post is not connected to HQ yet. Once HQ gives you the enrollment kit, set up the post on the Sync page.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="+5"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="+18"/>
        <location filename="../../okudesk/gui/pages/home.py" line="-77"/>
        <location filename="../../okudesk/gui/pages/stakeholders.py" line="+32"/>
        <source>Waktu</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/home.py" line="+85"/>
        <source>Data pos ini belum pernah diekspor ke Polres. Buat paket sinkronisasi di halaman Sinkronisasi.</source>
        <translation>This post&apos;s data has never been exported to Polres. Make a sync bundle on the Sync page.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Data pos ini belum pernah diekspor ke Polres. Minta admin pos atau Kapolsek membuat paket sinkronisasi.</source>
        <translation>This post&apos;s data has never been exported to HQ. Ask the post admin or the Kapolsek to make a sync package.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sudah {n} hari tidak ada ekspor ke Polres (terakhir {when}). Buat paket sinkronisasi di halaman Sinkronisasi.</source>
        <translation>No export to Polres for {n} days (last on {when}). Make a sync bundle on the Sync page.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sudah {n} hari tidak ada ekspor ke Polres (terakhir {when}). Minta admin pos atau Kapolsek membuat paket sinkronisasi.</source>
        <translation>No export to HQ for {n} days (last {when}). Ask the post admin or the Kapolsek to make a sync package.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>(terlambat)</source>
        <translation>(overdue)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="-3"/>
        <location filename="../../okudesk/gui/dialogs/report_verify.py" line="-16"/>
        <location filename="../../okudesk/gui/pages/reports.py" line="-1"/>
        <location filename="../../okudesk/gui/pages/stakeholders.py" line="+0"/>
        <location filename="../../okudesk/gui/pages/sync.py" line="+64"/>
        <source>Nomor</source>
        <translation>Number</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/home.py" line="-116"/>
        <source>Uraian</source>
        <translation>Description</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/situation.py" line="-298"/>
        <source>Klik untuk membuka daftarnya</source>
        <translation>Click to open its list</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Situasi wilayah</source>
        <translation>Regional situation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Minggu ini</source>
        <translation>This week</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bulan ini</source>
        <translation>This month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rentang tanggal</source>
        <translation>Date range</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Laporan rekap (PDF)…</source>
        <translation>Recap report (PDF)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+186"/>
        <source>Periode</source>
        <translation>Period</translation>
    </message>
    <message>
        <location line="-151"/>
        <source>Kejadian menurut kecamatan dan kategori (perubahan: Δ)</source>
        <translation>Incidents by kecamatan and category (change: Δ)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Menurut tingkat kerawanan</source>
        <translation>By severity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tindak lanjut terlambat per pos</source>
        <translation>Overdue follow-ups per post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rapat &amp; kunjungan menurut jenis kegiatan</source>
        <translation>Meetings &amp; visits by activity type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cakupan pemangku kepentingan</source>
        <translation>Stakeholder coverage</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Disiplin pelaporan per pos</source>
        <translation>Reporting discipline per post</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kejadian per minggu menurut tingkat kerawanan</source>
        <translation>Incidents per week by severity</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kejadian per minggu menurut kategori</source>
        <translation>Incidents per week by category</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Partai politik yang ditemui per pos (pertemuan terakhir)</source>
        <translation>Political parties met per post (last meeting)</translation>
    </message>
    <message>
        <location line="+127"/>
        <source>dari periode sebelumnya</source>
        <translation>from the previous period</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>kejadian</source>
        <translation>incidents</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rapat &amp; kunjungan</source>
        <translation>meetings &amp; visits</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{n} kejadian dieskalasi belum ditangani</source>
        <translation>{n} escalated incidents not yet handled</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+11"/>
        <source>Jumlah</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="-10"/>
        <location line="+32"/>
        <source>Δ</source>
        <translation>Δ</translation>
    </message>
    <message>
        <location line="-6"/>
        <source>Periode sebelumnya: {n} ({change})</source>
        <translation>Previous period: {n} ({change})</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Periode ini</source>
        <translation>This period</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sebelumnya</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/audit.py" line="+6"/>
        <location line="+193"/>
        <location filename="../../okudesk/gui/pages/settings.py" line="-14"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="+6"/>
        <location line="+19"/>
        <location filename="../../okudesk/gui/pages/sync.py" line="-126"/>
        <location line="+60"/>
        <location line="+50"/>
        <location line="+16"/>
        <location line="+18"/>
        <source>Pos</source>
        <translation>Post</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/situation.py" line="-18"/>
        <source>Tidak ada</source>
        <translation>None</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Jenis kegiatan</source>
        <translation>Activity type</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Jenis pemangku kepentingan</source>
        <translation>Stakeholder type</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/conflict_review.py" line="+1"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="+0"/>
        <location line="+51"/>
        <source>Rapat</source>
        <translation>Meetings</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/situation.py" line="-51"/>
        <source>Orang</source>
        <translation>People</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ditemui</source>
        <translation>Met</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Belum</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Data terakhir</source>
        <translation>Last data</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tertahan</source>
        <translation>Held</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+26"/>
        <source>belum pernah</source>
        <translation>never</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Belum ada sinkronisasi</source>
        <translation>No sync yet</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Partai</source>
        <translation>Party</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Terakhir ditemui</source>
        <translation>Last met</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tingkat kerawanan</source>
        <translation>Severity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kategori</source>
        <translation>Category</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>Rekap disimpan: {path}</source>
        <translation>Recap saved: {path}</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Menyusun dan menandatangani laporan rekap…</source>
        <translation>Building and signing the recap report…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Laporan rekap disimpan: {path}</source>
        <translation>Recap report saved: {path}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Simpan laporan rekap</source>
        <translation>Save the recap report</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Laporan rekap</source>
        <translation>Recap report</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Draf (tanpa nomor dan tanda tangan)</source>
        <translation>Draft (no number, no signature)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/incidents.py" line="-80"/>
        <source>Semua kategori</source>
        <translation>All categories</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Ubah status…</source>
        <translation>Change status…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../okudesk/gui/pages/meetings.py" line="+4"/>
        <location filename="../../okudesk/gui/pages/stakeholders.py" line="-28"/>
        <source>Ubah</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+168"/>
        <location filename="../../okudesk/gui/pages/meetings.py" line="+1"/>
        <location line="+123"/>
        <location filename="../../okudesk/gui/pages/stakeholders.py" line="+1"/>
        <location line="+121"/>
        <location filename="../../okudesk/gui/signature_pad.py" line="-6"/>
        <source>Hapus</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location line="-155"/>
        <location filename="../../okudesk/gui/pages/meetings.py" line="-116"/>
        <source>Lihat</source>
        <translation>View</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../okudesk/gui/pages/meetings.py" line="+1"/>
        <source>Baca seluruh data, foto, laporan dan jejak auditnya</source>
        <translation>Read the whole record, its photos, reports and audit trail</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Tidak ada kejadian yang cocok.</source>
        <translation>No matching incidents.</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Riwayat status</source>
        <translation>Status history</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Hapus kejadian {number}? Data ditandai terhapus dan tetap tercatat untuk Polres.</source>
        <translation>Delete incident {number}? It is marked as deleted and stays on record for Polres.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pilih satu kejadian di daftar untuk dicetak</source>
        <translation>Select one incident in the list to print</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/meetings.py" line="-16"/>
        <source>Semua jenis kegiatan</source>
        <translation>All activity types</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rapat &amp; Kunjungan</source>
        <translation>Meetings &amp; Visits</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Tidak ada rapat yang cocok.</source>
        <translation>No matching meetings.</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>{n} foto terlampir</source>
        <translation>{n} photos attached</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Hapus rapat {number}? Data ditandai terhapus dan tetap tercatat untuk Polres.</source>
        <translation>Delete meeting {number}? It is marked as deleted and stays on record for Polres.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pilih satu rapat di daftar untuk dicetak</source>
        <translation>Select one meeting in the list to print</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="+8"/>
        <location line="+91"/>
        <location filename="../../okudesk/gui/pages/reports.py" line="-5"/>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/sync.py" line="-189"/>
        <source>Sinkronisasi</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Belum disiapkan</source>
        <translation>Not set up yet</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Instalasi ini belum terhubung dengan Polres. Polres membuat kit pendaftaran untuk pos ini; pilih berkas kit itu untuk menyiapkan sinkronisasi.</source>
        <translation>This installation is not yet linked to Polres. Polres makes an enrolment kit for this post; choose that kit file to set up sync.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Siapkan pos dari kit…</source>
        <translation>Set up the post from a kit…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Kirim data ke Polres</source>
        <translation>Send data to Polres</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Sertifikat</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/situation.py" line="-178"/>
        <location filename="../../okudesk/gui/pages/sync.py" line="+3"/>
        <source>Perubahan menunggu</source>
        <translation>Changes waiting</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/sync.py" line="+2"/>
        <source>Ekspor terakhir</source>
        <translation>Last export</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tanda terima terakhir</source>
        <translation>Last receipt</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pilih folder…</source>
        <translation>Choose folder…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Muat ulang</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cari lagi flashdisk yang terpasang</source>
        <translation>Look again for plugged-in USB drives</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Tujuan</source>
        <translation>Destination</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ekspor ke USB</source>
        <translation>Export to USB</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Impor tanda terima…</source>
        <translation>Import receipt…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Status sinkronisasi per pos</source>
        <translation>Sync status per post</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Bundel</source>
        <translation>Bundles</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bundel terakhir</source>
        <translation>Last bundle</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/situation.py" line="-1"/>
        <location filename="../../okudesk/gui/pages/sync.py" line="+1"/>
        <source>Hari sejak</source>
        <translation>Days since</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/sync.py" line="+1"/>
        <source>Penghitung diakui</source>
        <translation>Acknowledged counter</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/situation.py" line="+2"/>
        <location filename="../../okudesk/gui/pages/sync.py" line="+2"/>
        <location line="+47"/>
        <source>Konflik</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/sync.py" line="-46"/>
        <location line="+47"/>
        <source>Ditahan</source>
        <translation>Held</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Impor bundel dari pos</source>
        <translation>Import bundles from posts</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Impor semua bundel dari folder/flashdisk…</source>
        <translation>Import all bundles from a folder/USB stick…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Impor berkas bundel…</source>
        <translation>Import bundle file…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Berkas</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Baru</source>
        <translation>New</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diperbarui</source>
        <translation>Updated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tidak berubah</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tanda terima</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Konflik (versi yang kalah, disimpan untuk diperiksa)</source>
        <translation>Conflicts (the losing versions, kept for review)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Tabel</source>
        <translation>Table</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Isi versi yang kalah</source>
        <translation>Content of the losing version</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ditemukan</source>
        <translation>Found</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Data ditahan (induknya belum tiba)</source>
        <translation>Held records (their parent has not arrived yet)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Menunggu</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Sejak</source>
        <translation>Since</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>{code} (Polres {hq})</source>
        <translation>{code} (Polres {hq})</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>diterbitkan Polres</source>
        <translation>issued by Polres</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>menunggu tanda terima pertama dari Polres</source>
        <translation>waiting for the first receipt from Polres</translation>
    </message>
    <message>
        <location line="+19"/>
        <source> · rantai audit bermasalah ({n}), lihat &apos;audit verify --post&apos;</source>
        <translation> · audit trail problems ({n}), see &apos;audit verify --post&apos;</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>(pilih folder tujuan)</source>
        <translation>(choose a destination folder)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pilih flashdisk atau folder tujuan</source>
        <translation>Choose a USB stick or destination folder</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Menulis bundel ke {target}…</source>
        <translation>Writing the bundle to {target}…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Selesai: {n} catatan dan {photos} foto ditulis ke {path}. Bawa flashdisk ini ke Polres; data tetap tersimpan di sini sampai tanda terima Polres diimpor.</source>
        <translation>Done: {n} records and {photos} photos written to {path}. Take this USB stick to Polres; the data stays here until the Polres receipt is imported.</translation>
    </message>
    <message>
        <location line="+235"/>
        <source>diterapkan; {n} disisihkan untuk ditinjau</source>
        <translation>applied; {n} set aside for review</translation>
    </message>
    <message>
        <location line="-244"/>
        <location line="+29"/>
        <location line="+55"/>
        <location line="+74"/>
        <source>Gagal: {reason}</source>
        <translation>Failed: {reason}</translation>
    </message>
    <message>
        <location line="-566"/>
        <source>Tidak ada bundel dari pos ini lebih dari {days} hari</source>
        <translation>No bundle from this post for more than {days} days</translation>
    </message>
    <message>
        <location line="+207"/>
        <source>Periksa dan putuskan…</source>
        <translation>Review and decide…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bandingkan kedua versi kolom demi kolom, lalu pilih versi yang dipakai</source>
        <translation>Compare both versions field by field, then choose the version to use</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Buang data ditahan…</source>
        <translation>Discard held row…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data ini tetap ada di pos dan ikut lagi bila diubah di sana</source>
        <translation>The post keeps this data; it travels again if changed there</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Buang semua dari pos ini…</source>
        <translation>Discard all from this post…</translation>
    </message>
    <message>
        <location line="+214"/>
        <source>Pilih tanda terima dari Polres</source>
        <translation>Choose the receipt from Polres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tanda terima okudesk (*.okr);;Semua berkas (*)</source>
        <translation>okudesk receipts (*.okr);;All files (*)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>{file}: diterapkan ({new} baru, {updated} diperbarui{cert})</source>
        <translation>{file}: applied ({new} new, {updated} updated{cert})</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>; sertifikat pos dari Polres dipasang</source>
        <translation>; the post&apos;s certificate from Polres installed</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>{file}: DITOLAK: {reason}</source>
        <translation>{file}: REFUSED: {reason}</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Pilih kit pendaftaran dari Polres</source>
        <translation>Choose the enrolment kit from Polres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kit okudesk (*.json);;Semua berkas (*)</source>
        <translation>okudesk kits (*.json);;All files (*)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Pos {code} siap; ekspor pertama membawa bukti pendaftaran ke Polres {hq}.</source>
        <translation>Post {code} is ready; the first export carries the enrolment proof to Polres {hq}.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pilih folder atau flashdisk berisi bundel</source>
        <translation>Choose a folder or USB stick with bundles</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Pilih bundel dari pos</source>
        <translation>Choose bundles from posts</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bundel okudesk (*.okb);;Semua berkas (*)</source>
        <translation>okudesk bundles (*.okb);;All files (*)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Tidak ada bundel (.okb) di folder itu.</source>
        <translation>There are no bundles (.okb) in that folder.</translation>
    </message>
    <message>
        <location line="+82"/>
        <source>Pilih dulu satu data ditahan di daftar.</source>
        <translation>First select a held row in the list.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Buang data {id} ({table}) dari pos {post}? Data ini tetap ada di pos dan ikut lagi bila diubah di sana.</source>
        <translation>Discard row {id} ({table}) from post {post}? The post keeps it; it travels again if changed there.</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+19"/>
        <source>Buang</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Buang semua data ditahan dari pos {post}? Data ini tetap ada di pos dan ikut lagi bila diubah di sana.</source>
        <translation>Discard all held rows from post {post}? The post keeps them; they travel again if changed there.</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>diterapkan</source>
        <translation>applied</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>DITOLAK: {reason}</source>
        <translation>REFUSED: {reason}</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/settings.py" line="-66"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Bahasa</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Bahasa tampilan</source>
        <translation>Display language</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bahasa baru berlaku setelah okudesk dibuka ulang.</source>
        <translation>A new language applies after okudesk is restarted.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pos ini</source>
        <translation>This post</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../../okudesk/gui/wizard.py" line="-32"/>
        <source>Nama pos</source>
        <translation>Post name</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../../okudesk/gui/wizard.py" line="+5"/>
        <source>Kop surat baris {n}</source>
        <translation>Letterhead line {n}</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../../okudesk/gui/wizard.py" line="-2"/>
        <source>Tempat penandatanganan</source>
        <translation>Place of signing</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Simpan data pos</source>
        <translation>Save post details</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Wilayah</source>
        <translation>Region</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>13 kecamatan dan 157 desa/kelurahan OKU dengan kode Kemendagri, dan desa lokal</source>
        <translation>The 13 kecamatan and 157 villages of OKU with their Kemendagri codes, and local villages</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Kelola desa/kelurahan…</source>
        <translation>Manage villages…</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/officer_edit.py" line="-1"/>
        <location filename="../../okudesk/gui/pages/settings.py" line="+14"/>
        <location filename="../../okudesk/gui/wizard.py" line="+29"/>
        <source>Pangkat</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location line="-1"/>
        <location filename="../../okudesk/gui/dialogs/report_verify.py" line="+11"/>
        <location filename="../../okudesk/gui/lock_screen.py" line="+1"/>
        <location filename="../../okudesk/gui/pages/audit.py" line="+0"/>
        <location filename="../../okudesk/gui/pages/settings.py" line="+0"/>
        <location filename="../../okudesk/gui/wizard.py" line="+0"/>
        <source>NRP</source>
        <translation>NRP</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Ubah petugas</source>
        <translation>Edit officer</translation>
    </message>
    <message>
        <location line="+17"/>
        <location filename="../../okudesk/gui/pages/settings.py" line="+0"/>
        <location line="+17"/>
        <location filename="../../okudesk/gui/wizard.py" line="+0"/>
        <source>Jabatan</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="-14"/>
        <location filename="../../okudesk/gui/pages/settings.py" line="-7"/>
        <location filename="../../okudesk/gui/wizard.py" line="+47"/>
        <source>(pangkat)</source>
        <translation>(rank)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/settings.py" line="+5"/>
        <source>NRP (8 angka)</source>
        <translation>NRP (8 digits)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Tambah petugas</source>
        <translation>Add officer</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ubah petugas…</source>
        <translation>Edit officer…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ubah pangkat, nama atau jabatan petugas yang dipilih</source>
        <translation>Change the chosen officer&apos;s rank, name or position</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Pengingat ekspor</source>
        <translation>Export reminder</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> hari</source>
        <translation> days</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ingatkan bila tidak ada ekspor selama</source>
        <translation>Remind me when there was no export for</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Bahasa disimpan. Buka ulang okudesk untuk memakai bahasa baru.</source>
        <translation>Language saved. Restart okudesk to use it.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/stakeholders.py" line="-129"/>
        <source>Semua jenis tokoh</source>
        <translation>All stakeholder types</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tokoh &amp; Pemangku Kepentingan</source>
        <translation>Leaders &amp; Stakeholders</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Riwayat pertemuan</source>
        <translation>Meeting history</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>Hapus {name} dari direktori? Riwayat pertemuannya tetap tersimpan.</source>
        <translation>Remove {name} from the directory? Their meeting history is kept.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/lock_screen.py" line="-21"/>
        <source>Masuk</source>
        <translation>Log in</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_print.py" line="+108"/>
        <location filename="../../okudesk/gui/lock_screen.py" line="+4"/>
        <location line="+18"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="+179"/>
        <source>Kata sandi</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/lock_screen.py" line="-12"/>
        <source>Belum ada akun. Buat akun admin pertama: admin mengatur pos, petugas dan cadangan.</source>
        <translation>There is no account yet. Create the first admin account: the admin sets up the post, officers and backups.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Buat akun admin</source>
        <translation>Create admin account</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/signing_credential.py" line="+42"/>
        <location filename="../../okudesk/gui/lock_screen.py" line="+4"/>
        <source>Ulangi kata sandi</source>
        <translation>Repeat passphrase</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/lock_screen.py" line="+18"/>
        <source>Ulangi kata sandi baru</source>
        <translation>Repeat new passphrase</translation>
    </message>
    <message>
        <location line="+126"/>
        <source>Kata sandi Anda diatur ulang oleh admin. Pilih kata sandi baru (minimal 8 karakter).</source>
        <translation>Your passphrase was reset by the admin. Choose a new passphrase (at least 8 characters).</translation>
    </message>
    <message>
        <location line="-130"/>
        <source>Simpan kata sandi baru</source>
        <translation>Save new passphrase</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/signing_credential.py" line="-1"/>
        <location filename="../../okudesk/gui/lock_screen.py" line="+3"/>
        <location line="+124"/>
        <source>Kata sandi baru</source>
        <translation>New passphrase</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/signature_pad.py" line="+2"/>
        <source>Ulangi</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/lock_screen.py" line="-75"/>
        <source>Masuk ke okudesk</source>
        <translation>Log in to okudesk</translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../../okudesk/gui/wizard.py" line="-129"/>
        <source>Selamat datang di okudesk</source>
        <translation>Welcome to okudesk</translation>
    </message>
    <message>
        <location line="+75"/>
        <location line="+25"/>
        <source>Kedua kata sandi tidak sama</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/wizard.py" line="+11"/>
        <source>Folder data ini masih kosong. Siapkan pos Anda dalam dua langkah singkat, atau coba okudesk dulu dengan data contoh (data contoh dapat dipakai untuk latihan).</source>
        <translation>This data folder is empty. Set up your post in two short steps, or try okudesk first with demo data (for practice).</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Siapkan pos ini</source>
        <translation>Set up this post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Coba dengan data contoh</source>
        <translation>Try with demo data</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>mis. Polsek Baturaja Timur</source>
        <translation>e.g. Polsek Baturaja Timur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mis. BTT</source>
        <translation>e.g. BTT</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(pilih kecamatan wilayah pos)</source>
        <translation>(choose the post&apos;s kecamatan)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mis. Baturaja</source>
        <translation>e.g. Baturaja</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>mis. SEKTOR BATURAJA TIMUR</source>
        <translation>e.g. SEKTOR BATURAJA TIMUR</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Kode satuan (untuk nomor surat)</source>
        <translation>Unit code (for document numbers)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/settings.py" line="-102"/>
        <location filename="../../okudesk/gui/wizard.py" line="+1"/>
        <source>Kecamatan wilayah</source>
        <translation>Kecamatan covered</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/wizard.py" line="+8"/>
        <location line="+33"/>
        <source>Kembali</source>
        <translation>Back</translation>
    </message>
    <message>
        <location line="-33"/>
        <source>Lanjut</source>
        <translation>Next</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Petugas pos ini (nama, pangkat, NRP 8 angka, jabatan). Dapat ditambah nanti di Pengaturan.</source>
        <translation>This post&apos;s officers (name, rank, 8-digit NRP, position). More can be added later in Settings.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Selesai dan mulai</source>
        <translation>Finish and start</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>+ Baris</source>
        <translation>+ Row</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Nama pos wajib diisi</source>
        <translation>The post name is required</translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Petugas baris {n} ({name}): {reason}</source>
        <translation>Officer row {n} ({name}): {reason}</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Mengisi data contoh…</source>
        <translation>Loading demo data…</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_print.py" line="-50"/>
        <location line="+32"/>
        <location filename="../../okudesk/gui/pages/incidents.py" line="-178"/>
        <location filename="../../okudesk/gui/pages/meetings.py" line="-133"/>
        <source>Cetak laporan</source>
        <translation>Print report</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Simpan salinan laporan</source>
        <translation>Save a copy of the report</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="-21"/>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_verify.py" line="-96"/>
        <source>Pilih dokumen</source>
        <translation>Choose a document</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PDF (*.pdf);;Semua berkas (*)</source>
        <translation>PDF (*.pdf);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_print.py" line="+28"/>
        <source>kata sandi penanda tangan</source>
        <translation>signer&apos;s passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draf saja (tanda air DRAFT, tanpa nomor dan tanda tangan)</source>
        <translation>Draft only (DRAFT watermark, no number or signature)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="-99"/>
        <location filename="../../okudesk/gui/dialogs/report_print.py" line="+10"/>
        <location filename="../../okudesk/gui/dialogs/report_verify.py" line="+95"/>
        <location filename="../../okudesk/gui/pages/reports.py" line="+8"/>
        <location filename="../../okudesk/gui/pages/situation.py" line="+20"/>
        <source>Penanda tangan</source>
        <translation>Signer</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_print.py" line="+3"/>
        <location line="+21"/>
        <source>Buat dan tanda tangani</source>
        <translation>Make and sign</translation>
    </message>
    <message>
        <location line="-19"/>
        <source>Cetak…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Simpan salinan…</source>
        <translation>Save a copy…</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/code_check.py" line="+29"/>
        <source>Periksa kode verifikasi</source>
        <translation>Check a verification code</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Ketik kode verifikasi yang tercetak di kaki setiap halaman laporan (misalnya ABCD-EFGH), atau tempel teks hasil pindai kode QR.</source>
        <translation>Type the verification code printed at the foot of every page of the report (for example ABCD-EFGH), or paste the text of the scanned QR code.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Periksa</source>
        <translation>Check</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../../okudesk/gui/dialogs/conflict_review.py" line="+67"/>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="+10"/>
        <location filename="../../okudesk/gui/dialogs/report_print.py" line="+3"/>
        <location filename="../../okudesk/gui/dialogs/report_verify.py" line="-73"/>
        <location filename="../../okudesk/gui/dialogs/signing_credential.py" line="+4"/>
        <location filename="../../okudesk/gui/dialogs/villages.py" line="+27"/>
        <source>Tutup</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Ketik kode verifikasi dahulu.</source>
        <translation>Type the verification code first.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Kode ini tidak ada di register ini. Periksa lagi kodenya; laporan pos lain dapat diperiksa di Polres setelah data pos itu diimpor.</source>
        <translation>This code is not in this register. Check the code again; another post&apos;s reports can be checked at Polres once that post&apos;s data is imported.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Terdaftar: laporan ini dibuat dan ditandatangani di okudesk.</source>
        <translation>Registered: this report was made and signed in okudesk.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Terdaftar: {n} laporan memakai kode ini; cocokkan nomornya.</source>
        <translation>Registered: {n} reports have this code; compare their numbers.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_print.py" line="-2"/>
        <source>Buka di penampil PDF</source>
        <translation>Open in PDF viewer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Buka laporan di aplikasi PDF laptop ini, bila ada</source>
        <translation>Open the report in this laptop&apos;s PDF application, if it has one</translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+50"/>
        <source>Buat salinan</source>
        <translation>Make a copy</translation>
    </message>
    <message>
        <location line="-48"/>
        <source>Buat draf</source>
        <translation>Make draft</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pratinjau laporan muncul di sini setelah laporan dibuat.</source>
        <translation>The report&apos;s preview appears here once it is made.</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>{who} — belum punya sertifikat</source>
        <translation>{who} — no certificate yet</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Sudah ditandatangani sebagai {number}; membuat ulang memberikan salinan yang sama.</source>
        <translation>Already signed as {number}; making it again gives the same copy.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Masukkan kata sandi penanda tangan.</source>
        <translation>Enter the signer&apos;s passphrase.</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Laporan ini sudah ditandatangani sebelumnya: {number}</source>
        <translation>This report was signed before: {number}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Laporan {number} ditandatangani ({pages} halaman)</source>
        <translation>Report {number} signed ({pages} pages)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Salinan dibuat ({pages} halaman): bukan laporan resmi</source>
        <translation>Copy made ({pages} pages): not an official report</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Draf dibuat ({pages} halaman), tanpa tanda tangan</source>
        <translation>Draft made ({pages} pages), unsigned</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Tidak ada aplikasi untuk membuka PDF di laptop ini. Pratinjau ada di jendela ini, dan Cetak… mencetak tanpa aplikasi lain.</source>
        <translation>This laptop has no application to open PDFs. The preview is in this window, and Print… prints without any other application.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>pencetak bawaan</source>
        <translation>default printer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mencetak ke {where}…</source>
        <translation>Printing to {where}…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{pages} halaman dikirim ke {where}</source>
        <translation>{pages} page(s) sent to {where}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Laporan tidak dapat dicetak: {reason}</source>
        <translation>The report could not be printed: {reason}</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Salinan disimpan: {path}</source>
        <translation>Copy saved: {path}</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_verify.py" line="-10"/>
        <source>Verifikasi dokumen</source>
        <translation>Verify document</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pilih laporan PDF yang akan diperiksa.</source>
        <translation>Choose the PDF report to check.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pilih berkas…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/code_check.py" line="-19"/>
        <location filename="../../okudesk/gui/dialogs/report_verify.py" line="+27"/>
        <source>Memeriksa…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_settings.py" line="+31"/>
        <location filename="../../okudesk/gui/dialogs/report_verify.py" line="+4"/>
        <location filename="../../okudesk/gui/signature_pad.py" line="+41"/>
        <source>Berkas tidak dapat dibaca: {reason}</source>
        <translation>The file cannot be read: {reason}</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_verify.py" line="+15"/>
        <source>SAH: utuh dan penanda tangan dipercaya</source>
        <translation>VALID: intact and the signer is trusted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>UTUH, tetapi penanda tangan tidak dipercaya</source>
        <translation>INTACT, but the signer is not trusted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>DIUBAH setelah ditandatangani</source>
        <translation>CHANGED after signing</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>TIDAK BERTANDA TANGAN (draf atau bukan laporan okudesk)</source>
        <translation>NOT SIGNED (a draft, or not an okudesk report)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>TIDAK SESUAI REGISTER: tanda tangan utuh, tetapi berkas ini bukan yang didaftarkan</source>
        <translation>DOES NOT MATCH THE REGISTER: the signature is intact, but this is not the registered file</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sudah diganti oleh perubahan laporan nomor {number}</source>
        <translation>Superseded by the amendment numbered {number}</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Judul</source>
        <translation>Title</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Waktu tanda tangan</source>
        <translation>Signed at</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>sudah diganti oleh perubahan laporan nomor {number}</source>
        <translation>superseded by the amendment numbered {number}</translation>
    </message>
    <message>
        <location line="-49"/>
        <source>ID dokumen</source>
        <translation>Document ID</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Tanda tangan</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Register</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>laporan ini tidak ada di register ini; hasil hanya berdasarkan tanda tangan</source>
        <translation>this report is not in this register; the result rests on the signature alone</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ID dokumen terdaftar dengan nomor {number}, tetapi berkas ini berbeda:</source>
        <translation>the document ID is registered as number {number}, but this file differs:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>nomor {number}, berkas sama dengan yang didaftarkan</source>
        <translation>number {number}, the file matches the registered one</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/signing_credential.py" line="-15"/>
        <source>Sertifikat tanda tangan {name}</source>
        <translation>Signing certificate of {name}</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Buat kunci dan sertifikat</source>
        <translation>Make key and certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Impor PKCS#12…</source>
        <translation>Import PKCS#12…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Petugas ini belum memiliki sertifikat tanda tangan.</source>
        <translation>This officer has no signing certificate yet.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Sertifikat: {subject} (NRP {nrp}), diterbitkan oleh {issuer}, berlaku sampai {until}.</source>
        <translation>Certificate: {subject} (NRP {nrp}), issued by {issuer}, valid until {until}.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Masukkan kata sandi.</source>
        <translation>Enter the passphrase.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Kedua kata sandi tidak sama.</source>
        <translation>The two passphrases differ.</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Pilih berkas PKCS#12</source>
        <translation>Choose a PKCS#12 file</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>PKCS#12 (*.p12 *.pfx)</source>
        <translation>PKCS#12 (*.p12 *.pfx)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Kata sandi berkas</source>
        <translation>File passphrase</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kata sandi berkas PKCS#12:</source>
        <translation>Passphrase of the PKCS#12 file:</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_settings.py" line="-55"/>
        <source>Pilih logo…</source>
        <translation>Choose logo…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hapus logo</source>
        <translation>Remove logo</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Logo di atas kop</source>
        <translation>Logo above the letterhead</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>ada</source>
        <translation>present</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>tidak ada</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/reports.py" line="-1"/>
        <source>Tentang</source>
        <translation>About</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/record_view.py" line="-10"/>
        <location filename="../../okudesk/gui/pages/reports.py" line="+2"/>
        <source>Ditandatangani</source>
        <translation>Signed</translation>
    </message>
    <message>
        <location line="+0"/>
        <location filename="../../okudesk/gui/pages/reports.py" line="+1"/>
        <source>Halaman</source>
        <translation>Pages</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/reports.py" line="+10"/>
        <source>Buka</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Verifikasi dokumen…</source>
        <translation>Verify document…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Periksa kode…</source>
        <translation>Check a code…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Periksa salinan kertas dari kode di kaki halaman</source>
        <translation>Check a paper copy by the code at the foot of its pages</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Tanda tangan…</source>
        <translation>Signature…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sertifikat…</source>
        <translation>Certificate…</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>Pilih satu laporan di daftar</source>
        <translation>Select one report in the list</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Salinan laporan ini tidak ada di folder data.</source>
        <translation>The copy of this report is not in the data folder.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tidak ada aplikasi untuk membuka PDF.</source>
        <translation>There is no application to open PDFs.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/signature_pad.py" line="-52"/>
        <source>Tanda tangan {name}</source>
        <translation>Signature of {name}</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Tulis tanda tangan di bidang putih dengan tetikus, pena atau jari, atau impor gambarnya.</source>
        <translation>Sign in the white area with the mouse, a pen or a finger, or import a picture of it.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Urungkan</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Impor gambar…</source>
        <translation>Import picture…</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Berkas ini bukan gambar yang dapat dibaca.</source>
        <translation>This file is not a readable picture.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/forms/common.py" line="+65"/>
        <source>Perubahan laporan</source>
        <translation>Report amendment</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Alasan perubahan:</source>
        <translation>Reason for the change:</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_print.py" line="-302"/>
        <source>Laporan Hasil Kegiatan / Kunjungan</source>
        <translation>Activity / visit report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laporan Informasi</source>
        <translation>Information report</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dialogs/report_settings.py" line="-148"/>
        <source>Biasa</source>
        <translation>Biasa (ordinary)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Terbatas</source>
        <translation>Terbatas (restricted)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rahasia</source>
        <translation>Rahasia (secret)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sangat Rahasia</source>
        <translation>Sangat Rahasia (top secret)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>sifat</source>
        <translation>security</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>nomor</source>
        <translation>number</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>bulan</source>
        <translation>month</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>klasifikasi</source>
        <translation>class</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>tahun</source>
        <translation>year</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>kode pos</source>
        <translation>post code</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Bagian {part} tidak dikenal. Yang dapat dipakai: {parts}</source>
        <translation>{part} is not a known part. You can use: {parts}</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Pola nomor harus memuat {no}, {year} dan {code}; bagian lain: {others}</source>
        <translation>The number pattern must contain {no}, {year} and {code}; other parts: {others}</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Pengaturan laporan</source>
        <translation>Report settings</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>A4 (210 x 297 mm)</source>
        <translation>A4 (210 x 297 mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F4 / folio (215 x 330 mm)</source>
        <translation>F4 / folio (215 x 330 mm)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cetak kop surat (matikan untuk menghemat tinta)</source>
        <translation>Print the letterhead (turn off to save ink)</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pola nomor</source>
        <translation>Number pattern</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contoh</source>
        <translation>Example</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kode klasifikasi rapat</source>
        <translation>Classification code, meetings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kode klasifikasi kejadian</source>
        <translation>Classification code, incidents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Klasifikasi keamanan</source>
        <translation>Security class</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Blok &quot;Mengetahui&quot;</source>
        <translation>&quot;Mengetahui&quot; block</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ukuran kertas</source>
        <translation>Paper size</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Otomatis (Kapolsek menurut jabatan)</source>
        <translation>Automatic (the Kapolsek by position)</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/reports.py" line="-82"/>
        <source>Pengaturan laporan…</source>
        <translation>Report settings…</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pages/sync.py" line="-507"/>
        <source>Selisih (bundel hilang)</source>
        <translation>Lag (missing bundle)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Daftarkan pos…</source>
        <translation>Register post…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mendaftarkan pos dan menulis kit pendaftarannya ke folder atau flashdisk</source>
        <translation>Registers a post and writes its enrolment kit to a folder or USB stick</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cabut pos terpilih…</source>
        <translation>Revoke selected post…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Laptop pos hilang atau dicuri: bundel bertanda tangan kuncinya ditolak</source>
        <translation>The post&apos;s laptop was lost or stolen: bundles signed by its key are refused</translation>
    </message>
    <message>
        <location line="+266"/>
        <source>Lepaskan flashdisk dengan aman (ikon &quot;Safely Remove Hardware&quot;) sebelum mencabutnya.</source>
        <translation>Remove the USB drive safely (the &quot;Safely Remove Hardware&quot; icon) before unplugging it.</translation>
    </message>
    <message>
        <location line="+122"/>
        <location line="+3"/>
        <source>Daftarkan pos</source>
        <translation>Register post</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Kode pos (mis. BTT):</source>
        <translation>Post code (e.g. BTT):</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nama pos:</source>
        <translation>Post name:</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Pilih folder atau flashdisk untuk kit pendaftaran</source>
        <translation>Choose a folder or USB stick for the enrolment kit</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Kit pendaftaran ditulis ke {path}. Serahkan kepada pos seperti menyerahkan kunci.</source>
        <translation>Enrolment kit written to {path}. Hand it to the post as you would a key.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Pilih dulu satu pos di daftar.</source>
        <translation>Choose a post in the list first.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cabut pos {code}? Bundel yang ditandatangani kunci pos ini akan ditolak; pos perlu kit baru.</source>
        <translation>Revoke post {code}? Bundles signed by this post&apos;s key will be refused; the post needs a new kit.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cabut</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Pos {code} dicabut.</source>
        <translation>Post {code} revoked.</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Pilih dulu satu konflik di daftar.</source>
        <translation>Choose a conflict in the list first.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/lock_screen.py" line="-174"/>
        <source>Kata sandi lama</source>
        <translation>Old passphrase</translation>
    </message>
    <message>
        <location line="+132"/>
        <source>Kata sandi ini juga melindungi kunci tanda tangan Anda (minimal 8 karakter).</source>
        <translation>This passphrase also protects your signing key (at least 8 characters).</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/login.py" line="+117"/>
        <source>Ganti kata sandi</source>
        <translation>Change passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kunci (Ctrl+L)</source>
        <translation>Lock (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Dikunci otomatis karena tidak dipakai: {who}, {at}</source>
        <translation>Locked automatically after being idle: {who}, {at}</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dikunci oleh {who}, {at}</source>
        <translation>Locked by {who}, {at}</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/instance.py" line="+94"/>
        <source>okudesk sudah terbuka untuk folder data ini ({path}). Gunakan jendela yang sudah terbuka; dua jendela okudesk tidak boleh memakai data yang sama.</source>
        <translation>okudesk is already open for this data folder ({path}). Use the window that is open; two okudesk windows may not use the same data.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/dates.py" line="+91"/>
        <source>hh/bb/tttt</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Pilih dari kalender</source>
        <translation>Pick from the calendar</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Tanggal {text} tidak dikenali; tulis seperti 08/12/2026</source>
        <translation>Date {text} not recognised; write it like 08/12/2026</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/export.py" line="-39"/>
        <source>Buku kerja Excel (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV UTF-8 (*.csv)</source>
        <translation>CSV UTF-8 (*.csv)</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+38"/>
        <source>Ekspor ke Excel</source>
        <translation>Export to Excel</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Menulis berkas…</source>
        <translation>Writing the file…</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>{n} baris diekspor</source>
        <translation>{n} rows exported</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Ekspor dibatalkan; tidak ada berkas yang ditulis</source>
        <translation>Export cancelled; no file was written</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/table_model.py" line="+393"/>
        <source>Konflik sinkronisasi belum diputuskan (Sinkronisasi &gt; Periksa dan putuskan)</source>
        <translation>Sync conflict not yet decided (Sync &gt; Review and decide)</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Konflik sinkronisasi belum diputuskan: ada versi lain dari data ini yang disimpan untuk diperiksa di halaman Sinkronisasi.</source>
        <translation>Sync conflict not yet decided: another version of this record is kept for review on the Sync page.</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/operations/reports.py" line="+288"/>
        <source>Mencetak halaman {done} dari {total}</source>
        <translation>Printing page {done} of {total}</translation>
    </message>
    <message>
        <location filename="../../okudesk/gui/pdf_print.py" line="+72"/>
        <source>PDF tidak dapat dibaca ({why})</source>
        <translation>The PDF cannot be read ({why})</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>pencetak tidak dapat dimulai</source>
        <translation>the printer could not be started</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>halaman {page} tidak dapat digambar</source>
        <translation>page {page} could not be drawn</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../okudesk/gui/labels.py" line="+13"/>
        <source>Dilaporkan</source>
        <translation>Reported</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diverifikasi</source>
        <translation>Verified</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dieskalasi</source>
        <translation>Escalated</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ditangani</source>
        <translation>Being handled</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Selesai</source>
        <translation>Closed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bukan terkait pemilu</source>
        <translation>Not election-related</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laporan tidak valid</source>
        <translation>Invalid report</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rendah</source>
        <translation>Low</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sedang</source>
        <translation>Medium</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tinggi</source>
        <translation>High</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kritis</source>
        <translation>Critical</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Terbuka</source>
        <translation>Open</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sudah selesai</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batal</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Terkait pemilu</source>
        <translation>Election-related</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kamtibmas umum</source>
        <translation>General public order</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Dibuat</source>
        <translation>Created</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diubah</source>
        <translation>Changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dihapus</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dipulihkan</source>
        <translation>Restored</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status diubah</source>
        <translation>Status changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Masuk</source>
        <translation>Logged in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gagal masuk</source>
        <translation>Login failed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keluar</source>
        <translation>Logged out</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kata sandi diganti</source>
        <translation>Passphrase changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laporan ditandatangani</source>
        <translation>Report signed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laporan dicetak</source>
        <translation>Report printed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laporan diketahui</source>
        <translation>Report acknowledged</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ekspor</source>
        <translation>Export</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Impor</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cadangan dibuat</source>
        <translation>Backup made</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cadangan dipulihkan</source>
        <translation>Backup restored</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pengaturan diubah</source>
        <translation>Settings changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Data contoh</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rapat/kunjungan</source>
        <translation>Meeting/visit</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kejadian</source>
        <translation>Incident</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tokoh</source>
        <translation>Stakeholder</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tindak lanjut</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Foto</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Petugas</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Akun petugas</source>
        <translation>Officer account</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sertifikat petugas</source>
        <translation>Officer certificate</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pos</source>
        <translation>Post</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Laporan</source>
        <translation>Report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paket sinkronisasi</source>
        <translation>Sync bundle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tanda terima</source>
        <translation>Receipt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Desa</source>
        <translation>Desa</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kecamatan</source>
        <translation>Kecamatan</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>menunggu bundel pertama</source>
        <translation>waiting for the first bundle</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>aktif</source>
        <translation>active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>dicabut</source>
        <translation>revoked</translation>
    </message>
</context>
<context>
    <name>pages</name>
    <message>
        <location filename="../../okudesk/gui/pages/__init__.py" line="+34"/>
        <source>Beranda</source>
        <translation>Home</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rapat &amp; Kunjungan</source>
        <translation>Meetings &amp; Visits</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Kejadian</source>
        <translation>Incidents</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tokoh &amp; Pemangku Kepentingan</source>
        <translation>Leaders &amp; Stakeholders</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tindak Lanjut</source>
        <translation>Follow-ups</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Situasi wilayah</source>
        <translation>Regional situation</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Laporan</source>
        <translation>Reports</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sinkronisasi</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Audit &amp; Keamanan</source>
        <translation>Audit &amp; Security</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Pengaturan</source>
        <translation>Settings</translation>
    </message>
</context>
</TS>
