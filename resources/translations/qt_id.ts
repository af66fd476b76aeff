<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<!-- Indonesian for the Qt built-in texts okudesk users meet (context menus of text
     fields, spin boxes, message box details, the file dialog, Qt's own print dialog where
     the platform has no native one). Qt ships no Indonesian translation. -->
<TS version="2.1" language="id_ID">
<context>
    <name>QLineEdit</name>
    <message><source>&amp;Undo</source><translation>&amp;Urungkan</translation></message>
    <message><source>&amp;Redo</source><translation>&amp;Ulangi</translation></message>
    <message><source>Cu&amp;t</source><translation>Po&amp;tong</translation></message>
    <message><source>&amp;Copy</source><translation>&amp;Salin</translation></message>
    <message><source>&amp;Paste</source><translation>&amp;Tempel</translation></message>
    <message><source>Delete</source><translation>Hapus</translation></message>
    <message><source>Select All</source><translation>Pilih semua</translation></message>
</context>
<context>
    <name>QWidgetTextControl</name>
    <message><source>&amp;Undo</source><translation>&amp;Urungkan</translation></message>
    <message><source>&amp;Redo</source><translation>&amp;Ulangi</translation></message>
    <message><source>Cu&amp;t</source><translation>Po&amp;tong</translation></message>
    <message><source>&amp;Copy</source><translation>&amp;Salin</translation></message>
    <message><source>Copy &amp;Link Location</source><translation>Salin &amp;alamat tautan</translation></message>
    <message><source>&amp;Paste</source><translation>&amp;Tempel</translation></message>
    <message><source>Delete</source><translation>Hapus</translation></message>
    <message><source>Select All</source><translation>Pilih semua</translation></message>
</context>
<context>
    <name>QAbstractSpinBox</name>
    <message><source>&amp;Select All</source><translation>&amp;Pilih semua</translation></message>
    <message><source>&amp;Step up</source><translation>&amp;Naik</translation></message>
    <message><source>Step &amp;down</source><translation>T&amp;urun</translation></message>
</context>
<context>
    <name>QMessageBox</name>
    <message><source>Show Details...</source><translation>Tampilkan rincian...</translation></message>
    <message><source>Hide Details...</source><translation>Sembunyikan rincian...</translation></message>
    <message><source>OK</source><translation>OK</translation></message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message><source>OK</source><translation>OK</translation></message>
    <message><source>Cancel</source><translation>Batal</translation></message>
    <message><source>Close</source><translation>Tutup</translation></message>
    <message><source>Yes</source><translation>Ya</translation></message>
    <message><source>No</source><translation>Tidak</translation></message>
    <message><source>Save</source><translation>Simpan</translation></message>
</context>
<context>
    <name>QFileDialog</name>
    <message><source>Look in:</source><translation>Cari di:</translation></message>
    <message><source>File &amp;name:</source><translation>&amp;Nama berkas:</translation></message>
    <message><source>Files of type:</source><translation>Jenis berkas:</translation></message>
    <message><source>&amp;Open</source><translation>&amp;Buka</translation></message>
    <message><source>Back</source><translation>Kembali</translation></message>
    <message><source>Parent Directory</source><translation>Folder induk</translation></message>
    <message><source>Create New Folder</source><translation>Buat folder baru</translation></message>
    <message><source>List View</source><translation>Tampilan daftar</translation></message>
    <message><source>Detail View</source><translation>Tampilan rinci</translation></message>
    <message><source>&amp;Save</source><translation>&amp;Simpan</translation></message>
    <message><source>Save As</source><translation>Simpan sebagai</translation></message>
    <message><source>Open</source><translation>Buka</translation></message>
    <message><source>&amp;New Folder</source><translation>Folder &amp;baru</translation></message>
    <message><source>New Folder</source><translation>Folder baru</translation></message>
    <message><source>&amp;Delete</source><translation>&amp;Hapus</translation></message>
    <message><source>&amp;Rename</source><translation>&amp;Ganti nama</translation></message>
    <message><source>Forward</source><translation>Maju</translation></message>
    <message><source>Directory:</source><translation>Folder:</translation></message>
    <message><source>All Files (*)</source><translation>Semua berkas (*)</translation></message>
    <message><source>All files (*)</source><translation>Semua berkas (*)</translation></message>
    <message><source>Show &amp;hidden files</source><translation>Tampilkan berkas &amp;tersembunyi</translation></message>
    <message><source>Recent Places</source><translation>Tempat terakhir</translation></message>
    <message><source>%1 already exists.
Do you want to replace it?</source><translation>%1 sudah ada.
Ganti berkas itu?</translation></message>
    <message><source>Go back</source><translation>Kembali</translation></message>
    <message><source>Go forward</source><translation>Maju</translation></message>
    <message><source>Go to the parent directory</source><translation>Ke folder induk</translation></message>
    <message><source>Create a New Folder</source><translation>Buat folder baru</translation></message>
    <message><source>Change to list view mode</source><translation>Tampilan daftar</translation></message>
    <message><source>Change to detail view mode</source><translation>Tampilan rinci</translation></message>
    <message><source>Files</source><translation>Berkas</translation></message>
    <message><source>Directories</source><translation>Folder</translation></message>
    <message><source>%1
File not found.
Please verify the correct file name was given.</source><translation>%1
Berkas tidak ditemukan.
Periksa nama berkasnya.</translation></message>
    <message><source>%1
Directory not found.
Please verify the correct directory name was given.</source><translation>%1
Folder tidak ditemukan.
Periksa nama foldernya.</translation></message>
</context>
<context>
    <name>QPrintDialog</name>
    <message><source>&amp;Print</source><translation>&amp;Cetak</translation></message>
    <message><source>Print</source><translation>Cetak</translation></message>
    <message><source>&amp;Options &gt;&gt;</source><translation>&amp;Pilihan &gt;&gt;</translation></message>
    <message><source>&amp;Options &lt;&lt;</source><translation>&amp;Pilihan &lt;&lt;</translation></message>
    <message><source>All Pages</source><translation>Semua halaman</translation></message>
    <message><source>Odd Pages</source><translation>Halaman ganjil</translation></message>
    <message><source>Even Pages</source><translation>Halaman genap</translation></message>
    <message><source>Local file</source><translation>Berkas lokal</translation></message>
    <message><source>Print to File (PDF)</source><translation>Cetak ke berkas (PDF)</translation></message>
    <message><source>Print To File ...</source><translation>Cetak ke berkas ...</translation></message>
    <message><source>Write PDF file</source><translation>Tulis berkas PDF</translation></message>
    <message><source>%1 already exists.
Do you want to overwrite it?</source><translation>%1 sudah ada.
Timpa berkas itu?</translation></message>
    <message><source>%1 is a directory.
Please choose a different file name.</source><translation>%1 adalah folder.
Pilih nama berkas lain.</translation></message>
    <message><source>File %1 is not writable.
Please choose a different file name.</source><translation>Berkas %1 tidak dapat ditulis.
Pilih nama berkas lain.</translation></message>
    <message><source>The 'From' value cannot be greater than the 'To' value.</source><translation>Nilai 'Dari' tidak boleh lebih besar dari nilai 'Sampai'.</translation></message>
    <message><source>Invalid Pages Definition</source><translation>Halaman tidak valid</translation></message>
    <message><source>%1 does not follow the correct syntax. Please use ',' to separate ranges and pages, '-' to define ranges and make sure ranges do not intersect with each other.</source><translation>%1 tidak sesuai format. Pisahkan halaman dengan ',' dan rentang dengan '-' (misalnya 1,3-5), tanpa rentang yang bertumpuk.</translation></message>
</context>
<context>
    <name>QPrintWidget</name>
    <message><source>Printer</source><translation>Pencetak</translation></message>
    <message><source>&amp;Name:</source><translation>&amp;Nama:</translation></message>
    <message><source>P&amp;roperties</source><translation>P&amp;roperti</translation></message>
    <message><source>Location:</source><translation>Lokasi:</translation></message>
    <message><source>Preview</source><translation>Pratinjau</translation></message>
    <message><source>Type:</source><translation>Jenis:</translation></message>
    <message><source>Output &amp;file:</source><translation>&amp;Berkas keluaran:</translation></message>
    <message><source>...</source><translation>...</translation></message>
</context>
<context>
    <name>QPrintSettingsOutput</name>
    <message><source>Copies</source><translation>Salinan</translation></message>
    <message><source>Copies:</source><translation>Jumlah salinan:</translation></message>
    <message><source>Collate</source><translation>Susun per salinan</translation></message>
    <message><source>Reverse</source><translation>Urutan terbalik</translation></message>
    <message><source>Print range</source><translation>Halaman yang dicetak</translation></message>
    <message><source>Print all</source><translation>Semua</translation></message>
    <message><source>Pages from</source><translation>Halaman dari</translation></message>
    <message><source>to</source><translation>sampai</translation></message>
    <message><source>Pages</source><translation>Halaman</translation></message>
    <message><source>Current Page</source><translation>Halaman ini</translation></message>
    <message><source>Selection</source><translation>Pilihan</translation></message>
    <message><source>Options</source><translation>Pilihan</translation></message>
    <message><source>Output Settings</source><translation>Pengaturan keluaran</translation></message>
    <message><source>Color Mode</source><translation>Mode warna</translation></message>
    <message><source>Color</source><translation>Berwarna</translation></message>
    <message><source>Grayscale</source><translation>Hitam putih</translation></message>
    <message><source>Double Sided Printing</source><translation>Cetak bolak-balik</translation></message>
    <message><source>Off</source><translation>Mati</translation></message>
    <message><source>Long side binding</source><translation>Jilid sisi panjang</translation></message>
    <message><source>Short side binding</source><translation>Jilid sisi pendek</translation></message>
    <message><source>Page Set:</source><translation>Set halaman:</translation></message>
    <message><source>Specify pages or ranges separated by commas. Ranges are specified by two numbers separated by a hyphen. E.g: 3,5-7,9 prints pages 3, 5, 6, 7 and 9.</source><translation>Tulis halaman atau rentang dipisah koma; rentang ditulis dua angka dengan tanda hubung. Contoh: 3,5-7,9 mencetak halaman 3, 5, 6, 7 dan 9.</translation></message>
</context>
<context>
    <name>QPrintPropertiesDialog</name>
    <message><source>Printer Properties</source><translation>Properti pencetak</translation></message>
    <message><source>Job Options</source><translation>Pilihan pencetakan</translation></message>
</context>
<context>
    <name>QPrintPropertiesWidget</name>
    <message><source>Page</source><translation>Halaman</translation></message>
    <message><source>Advanced</source><translation>Lanjutan</translation></message>
</context>
<context>
    <name>QPageSetupWidget</name>
    <message><source>Paper</source><translation>Kertas</translation></message>
    <message><source>Page size:</source><translation>Ukuran kertas:</translation></message>
    <message><source>Width:</source><translation>Lebar:</translation></message>
    <message><source>Height:</source><translation>Tinggi:</translation></message>
    <message><source>Paper source:</source><translation>Sumber kertas:</translation></message>
    <message><source>Orientation</source><translation>Orientasi</translation></message>
    <message><source>Portrait</source><translation>Tegak</translation></message>
    <message><source>Landscape</source><translation>Mendatar</translation></message>
    <message><source>Reverse landscape</source><translation>Mendatar terbalik</translation></message>
    <message><source>Reverse portrait</source><translation>Tegak terbalik</translation></message>
    <message><source>Margins</source><translation>Margin</translation></message>
    <message><source>top margin</source><translation>margin atas</translation></message>
    <message><source>bottom margin</source><translation>margin bawah</translation></message>
    <message><source>left margin</source><translation>margin kiri</translation></message>
    <message><source>right margin</source><translation>margin kanan</translation></message>
    <message><source>Page Layout</source><translation>Tata letak halaman</translation></message>
    <message><source>Page order:</source><translation>Urutan halaman:</translation></message>
    <message><source>Pages per sheet:</source><translation>Halaman per lembar:</translation></message>
    <message><source>Custom</source><translation>Ukuran sendiri</translation></message>
    <message><source>Millimeters (mm)</source><translation>Milimeter (mm)</translation></message>
    <message><source>Inches (in)</source><translation>Inci (in)</translation></message>
    <message><source>Points (pt)</source><translation>Poin (pt)</translation></message>
</context>
<context>
    <name>QCupsPrinterSupport</name>
    <message><source>Authentication Needed</source><translation>Perlu autentikasi</translation></message>
    <message><source>Username:</source><translation>Nama pengguna:</translation></message>
    <message><source>Password:</source><translation>Kata sandi:</translation></message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message><source>Name</source><translation>Nama</translation></message>
    <message><source>Size</source><translation>Ukuran</translation></message>
    <message><source>Type</source><translation>Jenis</translation></message>
    <message><source>Kind</source><translation>Jenis</translation></message>
    <message><source>Date Modified</source><translation>Diubah</translation></message>
    <message><source>Computer</source><translation>Komputer</translation></message>
    <message><source>My Computer</source><translation>Komputer</translation></message>
</context>
</TS>
