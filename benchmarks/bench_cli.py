"""Whole command-line processes, as a user or a scheduled task runs them (wall clock).

1. ``okudesk stats --json`` on the 100,000-incident database vs a plain Python process
   computing the same counts with sqlite3 and printing them as JSON.       goal <= 1.5x
   Twice: on a plain folder (an installation from before encryption at rest, read by the
   console without a login) and on the same data encrypted, as every installation with
   officers is (``--officer``: the login's key derivation), whose plain process unwraps the
   data key from ``okudesk.keys`` with the same scrypt (``hashlib.scrypt``) and AES-GCM and
   counts through SQLCipher.
2. ``okudesk report meeting ID --out F.pdf`` signed by the meeting's reporter (a demo post
   folder, a different meeting each run) vs a plain Python process building as many pages
   with reportlab (paragraphs and the meeting's photos) and signing them with pyHanko
   (visible stamp, PAdES, a key read from PEM); the same pages: their text in the same
   embedded TrueType fonts and the stamp in the same embedded font as okudesk's. goal <= 1.3x
3. ``okudesk verify F.pdf`` (with the register check of the data folder) vs a plain Python
   process validating the same file with pyHanko against the same trust roots. goal <= 1.3x
   The data folder is encrypted (``okudesk demo`` leaves it so): the report and the
   register check need a login, so their plain processes first unwrap the data key from
   ``okudesk.keys`` as in 1. and open the database with it. ``verify`` without a login (the
   signature alone) is timed too, against the plain validation alone.
4. ``okudesk import`` of a bundle imported already (refused) at HQ.        goal <= 150 ms
   (its plain baseline, a Python process that starts and exits, is printed beside it), at
   a plain HQ and then at the same HQ encrypted by its admin's first login (the bundle was
   imported before: the list of imported bundles is written when the store next opens).
Medians of --runs alternating runs of each.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import median, process_env, report
from _dbcache import demo_db

ROOT = Path(__file__).resolve().parents[1]
ADMIN = "80010001"  # HQ's admin, who imports
sys.path.insert(0, str(ROOT / "tests"))

COUNT = """
result = {}
for name, table in (("meetings", "meeting"), ("incidents", "incident"),
                    ("stakeholders", "stakeholder"), ("follow_ups", "follow_up"),
                    ("attachments", "attachment")):
    result[name] = con.execute(
        f"SELECT origin_post, count(*) FROM {table} WHERE deleted_at IS NULL GROUP BY origin_post"
    ).fetchall()
print(json.dumps(result))
"""
PLAIN_COUNTS = (
    """
import json, sqlite3, sys
con = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
"""
    + COUNT
)


# What any process reading an encrypted okudesk folder does first: the officer's wrap of
# the data key in okudesk.keys, unwrapped with scrypt (its parameters from the file) and
# AES-GCM, then the database opened with the key (store/keyring.py, store/cipher.py).
UNLOCK = r"""
import base64, hashlib, json


def unlock(folder, nrp, passphrase):
    with open(folder + "/okudesk.keys", encoding="utf-8") as fh:
        entry = next(o for o in json.load(fh)["officers"] if o["nrp"] == nrp)
    kdf = entry["kdf"]
    kek = hashlib.scrypt(passphrase.encode("utf-8"), salt=base64.b64decode(kdf["salt"]),
                         n=kdf["n"], r=kdf["r"], p=kdf["p"], maxmem=2**28, dklen=32)
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    aad = b"okudesk keyring officer|" + entry["officer_id"].encode("utf-8")
    nonce, wrapped = base64.b64decode(entry["nonce"]), base64.b64decode(entry["key"])
    return AESGCM(kek).decrypt(nonce, wrapped, aad)


def open_encrypted(folder, key):
    from sqlcipher3 import dbapi2
    con = dbapi2.connect("file:" + folder + "/okudesk.sqlite3?mode=ro", uri=True)
    con.execute("PRAGMA key = \"x'" + key.hex() + "'\"")
    con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return con
"""

PLAIN_COUNTS_ENCRYPTED = (
    UNLOCK
    + """
import sys
con = open_encrypted(sys.argv[1], unlock(sys.argv[1], sys.argv[2], sys.argv[3]))
"""
    + COUNT
)

PLAIN_REPORT = r"""
import io, sys
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Image, PageBreak, Paragraph, SimpleDocTemplate
from asn1crypto import keys as asn1_keys, x509 as asn1_x509
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import load_cert_from_pemder, load_private_key_from_pemder
from pyhanko_certvalidator.registry import SimpleCertificateStore

pages, key, cert, out = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
folder, nrp, passphrase = sys.argv[5:8]
photos = sys.argv[8:]
if folder != "-":  # an encrypted folder: its data key first (UNLOCK), the photos sealed
    data_key = unlock(folder, nrp, passphrase)
    open_encrypted(folder, data_key).close()
    from pathlib import Path
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF
    files_key = AESGCM(HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                            info=b"okudesk files").derive(data_key))
    head = len(b"okudesk-sealed/1\n")
    def unsealed(path):
        blob = Path(path).read_bytes()
        plain = files_key.decrypt(blob[head:head + 12], blob[head + 12:], Path(path).name.encode())
        return io.BytesIO(plain)
    photos = [unsealed(p) for p in photos]
# the same pages: text in embedded Liberation Sans (regular and bold), the stamp in the
# embedded DejaVu Sans okudesk ships for it (resources/fonts; run from the repository)
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.stamp import TextStampStyle
for name in ("Regular", "Bold"):
    path = f"resources/fonts/LiberationSans-{name}.ttf"
    pdfmetrics.registerFont(TTFont("Liberation-" + name, path))
style = getSampleStyleSheet()["Normal"]
style.fontName = "Liberation-Regular"
heading = getSampleStyleSheet()["Heading2"]
heading.fontName = "Liberation-Bold"
text = "Warga menyampaikan keluhan tentang pencurian ternak dan penerangan jalan. " * 12
story = []
for n in range(pages):
    story.append(Paragraph("LAPORAN HASIL KEGIATAN", heading))
    story += [Paragraph(text, style) for _ in range(4)]
    if n == pages - 1:
        story += [Image(p, width=220, height=165) for p in photos]
    else:
        story.append(PageBreak())
pdf = io.BytesIO()
SimpleDocTemplate(pdf, pagesize=A4).build(story)
signer = signers.SimpleSigner(
    signing_cert=load_cert_from_pemder(cert),
    signing_key=load_private_key_from_pemder(key, None),
    cert_registry=SimpleCertificateStore.from_certs([load_cert_from_pemder(cert)]),
)
meta = signers.PdfSignatureMetadata(
    field_name="Tanda tangan", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
)
spec = fields.SigFieldSpec("Tanda tangan", on_page=pages - 1, box=(350, 60, 550, 130))
stamp = TextStampStyle(
    stamp_text="Ditandatangani secara elektronik oleh\n%(signer)s,\n%(ts)s",
    border_width=1,
    text_box_style=TextBoxStyle(
        font=GlyphAccumulatorFactory("resources/fonts/DejaVuSans-Stamp.ttf", font_size=10)
    ),
)
with open(out, "wb") as fh:
    signers.PdfSigner(meta, signer, new_field_spec=spec, stamp_style=stamp).sign_pdf(
        IncrementalPdfFileWriter(pdf), output=fh
    )
"""

PLAIN_VERIFY = r"""
import sys
if len(sys.argv) > 3:  # an encrypted folder: its data key first (UNLOCK)
    open_encrypted(sys.argv[3], unlock(sys.argv[3], sys.argv[4], sys.argv[5])).close()
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.general import load_certs_from_pemder
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

with open(sys.argv[1], "rb") as fh:
    reader = PdfFileReader(fh, strict=False)
    context = ValidationContext(
        trust_roots=list(load_certs_from_pemder([sys.argv[2]])),
        allow_fetching=False,
        revocation_mode="soft-fail",
    )
    status = validate_pdf_signature(reader.embedded_signatures[0], context)
    print(status.summary())
    sys.exit(0 if status.bottom_line else 1)
"""
PLAIN_REPORT = UNLOCK + PLAIN_REPORT
PLAIN_VERIFY = UNLOCK + PLAIN_VERIFY


def signing_material(folder: Path, pdf: Path, tmp: Path) -> tuple[Path, Path, Path]:
    """A throwaway key and self-signed certificate for the plain signing process, and the
    trust roots of ``pdf``'s signature (the self-signed certificates it embeds) for the
    plain validation process."""
    from datetime import UTC, datetime, timedelta

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.reader import PdfFileReader

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Plain baseline")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem, cert_pem, roots = tmp / "key.pem", tmp / "cert.pem", tmp / "roots.pem"
    key_pem.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    with open(pdf, "rb") as fh:
        sig = PdfFileReader(fh, strict=False).embedded_signatures[0]
        certs = [sig.signer_cert, *sig.other_embedded_certs]
    pem = b"".join(
        x509.load_der_x509_certificate(c.dump()).public_bytes(serialization.Encoding.PEM)
        for c in certs
        if c.self_signed
    )
    roots.write_bytes(pem)
    return key_pem, cert_pem, roots


def report_commands(args: argparse.Namespace, tmp: Path) -> None:
    """2. and 3.: a signed report and verifying it, each against its plain process."""
    from cli_login import DEMO_PASSPHRASE, open_folder
    from sqlalchemy import func, select

    from okudesk.core.models import Attachment, Meeting, Officer

    py = sys.executable
    folder = tmp / "pos"
    subprocess.run(
        [py, "-m", "okudesk", "--data-dir", str(folder), "demo", "--meetings", "40"],
        check=True,
        capture_output=True,
        env=process_env(),
        cwd=ROOT,
    )
    with open_folder(folder) as store, store.read(actor=None) as s:
        nrp, count = s.execute(  # the officer who reported the most meetings signs them
            select(Officer.nrp, func.count())
            .join(Meeting, Meeting.reported_by_id == Officer.id)
            .group_by(Officer.nrp)
            .order_by(func.count().desc())
        ).first()
        ids = s.scalars(
            select(Meeting.id)
            .join(Officer, Meeting.reported_by_id == Officer.id)
            .where(Officer.nrp == nrp, Meeting.deleted_at.is_(None))
        ).all()
        shots = {
            m: [
                store.photo_dir / sha[:2] / f"{sha}.jpg"
                for sha in s.scalars(
                    select(Attachment.sha256).where(
                        Attachment.meeting_id == m, Attachment.deleted_at.is_(None)
                    )
                )
            ]
            for m in ids
        }
    runs = min(args.runs, len(ids) - 1)
    os.environ["OKUDESK_PASSPHRASE"] = DEMO_PASSPHRASE
    base = [py, "-m", "okudesk", "--data-dir", str(folder), "--officer", nrp]
    unlocking = [str(folder), nrp, DEMO_PASSPHRASE]  # the plain processes' key derivation
    first = tmp / "first.pdf"
    wall([*base, "report", "meeting", ids[-1], "--out", str(first)])  # warm the caches once
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(first, "rb") as fh:
        pages = len(PdfFileReader(fh, strict=False).root["/Pages"]["/Kids"])
    key, cert, roots = signing_material(folder, first, tmp)
    plain_cmd = [py, "-c", PLAIN_REPORT, str(pages), str(key), str(cert), str(tmp / "p.pdf")]
    plain_cmd += unlocking
    wall([*plain_cmd, *map(str, shots[ids[-1]])])  # its bytecode too
    verify = [*base, "verify", str(first)]  # with the register check: a login
    verify_alone = [py, "-m", "okudesk", "--data-dir", str(folder), "verify", str(first)]
    wall(verify)
    wall([py, "-c", PLAIN_VERIFY, str(first), str(roots), *unlocking])
    ours, plain = [], []
    for n in range(runs):
        photos = [str(p) for p in shots[ids[n]]]
        ours.append(wall([*base, "report", "meeting", ids[n], "--out", str(tmp / f"r{n}.pdf")]))
        plain.append(wall([*plain_cmd, *photos]))
    ratio = median(ours) / median(plain)
    report(
        f"signed report ({pages} pages, encrypted folder) vs plain reportlab + pyHanko "
        "(+ the key derivation)",
        f"{median(ours) * 1000:.0f} ms vs {median(plain) * 1000:.0f} ms",
        ratio,
        "<= 1.3x",
        ratio <= 1.3,
    )
    ours, plain, alone, plain_alone = [], [], [], []
    for _ in range(args.runs):
        ours.append(wall(verify))
        plain.append(wall([py, "-c", PLAIN_VERIFY, str(first), str(roots), *unlocking]))
        # the signature alone: no login, no register (the roots are not known without one)
        alone.append(wall(verify_alone, expect=1))
        plain_alone.append(wall([py, "-c", PLAIN_VERIFY, str(first), str(roots)]))
    ratio = median(ours) / median(plain)
    report(
        "verify FILE.pdf with the register (login) vs plain pyHanko validation "
        "(+ the key derivation)",
        f"{median(ours) * 1000:.0f} ms vs {median(plain) * 1000:.0f} ms",
        ratio,
        "<= 1.3x",
        ratio <= 1.3,
    )
    ratio = median(alone) / median(plain_alone)
    report(
        "verify FILE.pdf without a login (signature only) vs plain pyHanko validation",
        f"{median(alone) * 1000:.0f} ms vs {median(plain_alone) * 1000:.0f} ms",
        ratio,
        "<= 1.3x",
        ratio <= 1.3,
    )


def wall(cmd: list[str], *, expect: int = 0) -> float:
    started = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, env=process_env(), cwd=ROOT)
    took = time.perf_counter() - started
    assert done.returncode == expect, done.stderr.decode()
    return took


def stats_figure(args: argparse.Namespace, *, encrypted: bool) -> None:
    """1.: ``stats --json`` on a plain folder (the console, no login) or on the same data
    encrypted (a login), against its plain process."""
    from cli_login import DEMO_PASSPHRASE

    py = sys.executable
    folder = demo_db(args.incidents, encrypted=encrypted)
    ours_cmd = [py, "-m", "okudesk", "--data-dir", str(folder)]
    plain_cmd = [py, "-c", PLAIN_COUNTS, str(folder / "okudesk.sqlite3")]
    if encrypted:
        from okudesk.core.store.keyring import Keyring

        nrp = Keyring.load(folder).holders()[0].nrp  # stats needs any officer's login
        os.environ["OKUDESK_PASSPHRASE"] = DEMO_PASSPHRASE
        ours_cmd += ["--officer", nrp]
        plain_cmd = [py, "-c", PLAIN_COUNTS_ENCRYPTED, str(folder), nrp, DEMO_PASSPHRASE]
    ours_cmd += ["stats", "--json"]
    ours, plain = [], []
    wall(ours_cmd)  # bytecode
    wall(plain_cmd)
    for _ in range(args.runs):
        ours.append(wall(ours_cmd))
        plain.append(wall(plain_cmd))
    ratio = median(ours) / median(plain)
    what = "encrypted, a login" if encrypted else "plain, the console"
    report(
        f"stats --json ({args.incidents} incidents, {what}) vs plain sqlite3 counts"
        + (" (+ the key derivation)" if encrypted else ""),
        f"{median(ours) * 1000:.0f} ms vs {median(plain) * 1000:.0f} ms",
        ratio,
        "<= 1.5x",
        ratio <= 1.5,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for encrypted in (False, True):
        stats_figure(args, encrypted=encrypted)

    with tempfile.TemporaryDirectory(prefix="okudesk-bench-report-") as tmp:
        report_commands(args, Path(tmp))

    from sync_world import add_meeting, enroll, export_to, make_hq

    from okudesk.core.security import accounts
    from okudesk.core.sync import importer

    with tempfile.TemporaryDirectory(prefix="okudesk-bench-cli-") as tmp:
        root = Path(tmp)
        hq = make_hq(root / "hq")
        post = enroll(hq, root / "post", "BTT", root / "usb")
        for n in range(20):
            add_meeting(post, f"Sambang {n}")
        bundle = export_to(post, root / "usb")
        assert importer.import_bundle(hq, bundle).ok
        with hq.write() as s:  # the command line imports as a logged-in officer
            accounts.create_first_admin(s, name="Admin", nrp=ADMIN, passphrase="admin-polres-1")
        os.environ["OKUDESK_PASSPHRASE"] = "admin-polres-1"
        hq.close()
        post.close()
        for encrypted_hq in (False, True):
            if encrypted_hq:  # as every HQ with officers: the first login encrypts it
                from okudesk.core.security import unlocking

                unlocking.open_as(root / "hq", "admin-polres-1", nrp=ADMIN).close()
            refusals(args, root, bundle, encrypted_hq)


def refusals(args: argparse.Namespace, root: Path, bundle: Path, encrypted_hq: bool) -> None:
    """4.: the same bundle imported again at HQ, a fresh process each time."""
    py = sys.executable
    refused, bare = [], []
    for n in range(args.runs + 1):  # the first writes the bytecode
        cmd = [py, "-m", "okudesk", "--data-dir", str(root / "hq"), "--officer", ADMIN]
        cmd += ["import", str(bundle)]
        took, bare_took = wall(cmd, expect=1), wall([py, "-c", "pass"])
        if n:
            refused.append(took)
            bare.append(bare_took)
    took = median(refused)
    report(
        f"refusing an imported bundle ({'encrypted' if encrypted_hq else 'plain'} HQ)",
        f"{took * 1000:.0f} ms (a bare Python process: {median(bare) * 1000:.0f} ms)",
        took / median(bare),
        "<= 150 ms",
        took <= 0.150,
    )


if __name__ == "__main__":
    main()
