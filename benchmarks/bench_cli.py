"""Whole command-line processes, as a user or a scheduled task runs them (wall clock).

1. ``okudesk stats --json`` on the 100,000-incident database vs a plain Python process
   computing the same counts with sqlite3 and printing them as JSON.       goal <= 1.5x
2. ``okudesk report meeting ID --out F.pdf`` signed by the meeting's reporter (a demo post
   folder, a different meeting each run) vs a plain Python process building as many pages
   with reportlab (paragraphs and the meeting's photos) and signing them with pyHanko
   (visible stamp, PAdES, a key read from PEM).                             goal <= 1.3x
3. ``okudesk verify F.pdf`` (with the register check of the data folder) vs a plain Python
   process validating the same file with pyHanko against the same trust roots. goal <= 1.3x
4. ``okudesk import`` of a bundle imported already (refused) at HQ.        goal <= 150 ms
   (its plain baseline, a Python process that starts and exits, is printed beside it)
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

PLAIN_COUNTS = """
import json, sqlite3, sys
con = sqlite3.connect("file:" + sys.argv[1] + "?mode=ro", uri=True)
result = {}
for name, table in (("meetings", "meeting"), ("incidents", "incident"),
                    ("stakeholders", "stakeholder"), ("follow_ups", "follow_up"),
                    ("attachments", "attachment")):
    result[name] = con.execute(
        f"SELECT origin_post, count(*) FROM {table} WHERE deleted_at IS NULL GROUP BY origin_post"
    ).fetchall()
print(json.dumps(result))
"""


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
photos = sys.argv[5:]
style = getSampleStyleSheet()["Normal"]
text = "Warga menyampaikan keluhan tentang pencurian ternak dan penerangan jalan. " * 12
story = []
for n in range(pages):
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
with open(out, "wb") as fh:
    signers.PdfSigner(meta, signer, new_field_spec=spec).sign_pdf(
        IncrementalPdfFileWriter(pdf), output=fh
    )
"""

PLAIN_VERIFY = r"""
import sys
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
    from sqlalchemy import func, select

    from okudesk.core.models import Attachment, Meeting, Officer
    from okudesk.core.store import Store

    py = sys.executable
    folder = tmp / "pos"
    subprocess.run(
        [py, "-m", "okudesk", "--data-dir", str(folder), "demo", "--meetings", "40"],
        check=True,
        capture_output=True,
        env=process_env(),
        cwd=ROOT,
    )
    with Store.open(folder) as store, store.read(actor=None) as s:
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
    os.environ["OKUDESK_PASSPHRASE"] = "demo"
    base = [py, "-m", "okudesk", "--data-dir", str(folder), "--officer", nrp]
    first = tmp / "first.pdf"
    wall([*base, "report", "meeting", ids[-1], "--out", str(first)])  # warm the caches once
    from pyhanko.pdf_utils.reader import PdfFileReader

    with open(first, "rb") as fh:
        pages = len(PdfFileReader(fh, strict=False).root["/Pages"]["/Kids"])
    key, cert, roots = signing_material(folder, first, tmp)
    plain_cmd = [py, "-c", PLAIN_REPORT, str(pages), str(key), str(cert), str(tmp / "p.pdf")]
    wall([*plain_cmd, *map(str, shots[ids[-1]])])  # its bytecode too
    wall([py, "-m", "okudesk", "--data-dir", str(folder), "verify", str(first)])
    wall([py, "-c", PLAIN_VERIFY, str(first), str(roots)])
    ours, plain = [], []
    for n in range(runs):
        photos = [str(p) for p in shots[ids[n]]]
        ours.append(wall([*base, "report", "meeting", ids[n], "--out", str(tmp / f"r{n}.pdf")]))
        plain.append(wall([*plain_cmd, *photos]))
    ratio = median(ours) / median(plain)
    report(
        f"signed report ({pages} pages) vs plain reportlab + pyHanko",
        f"{median(ours) * 1000:.0f} ms vs {median(plain) * 1000:.0f} ms",
        ratio,
        "<= 1.3x",
        ratio <= 1.3,
    )
    ours, plain = [], []
    for _ in range(args.runs):
        ours.append(wall([py, "-m", "okudesk", "--data-dir", str(folder), "verify", str(first)]))
        plain.append(wall([py, "-c", PLAIN_VERIFY, str(first), str(roots)]))
    ratio = median(ours) / median(plain)
    report(
        "verify FILE.pdf vs plain pyHanko validation",
        f"{median(ours) * 1000:.0f} ms vs {median(plain) * 1000:.0f} ms",
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    py = sys.executable
    folder = demo_db(args.incidents)
    db = folder / "okudesk.sqlite3"
    ours, plain = [], []
    wall([py, "-m", "okudesk", "--data-dir", str(folder), "stats", "--json"])  # bytecode
    wall([py, "-c", PLAIN_COUNTS, str(db)])
    for _ in range(args.runs):
        ours.append(wall([py, "-m", "okudesk", "--data-dir", str(folder), "stats", "--json"]))
        plain.append(wall([py, "-c", PLAIN_COUNTS, str(db)]))
    ratio = median(ours) / median(plain)
    report(
        f"stats --json ({args.incidents} incidents) vs plain sqlite3 counts",
        f"{median(ours) * 1000:.0f} ms vs {median(plain) * 1000:.0f} ms",
        ratio,
        "<= 1.5x",
        ratio <= 1.5,
    )

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
        "refusing an imported bundle",
        f"{took * 1000:.0f} ms (a bare Python process: {median(bare) * 1000:.0f} ms)",
        took / median(bare),
        "<= 150 ms",
        took <= 0.150,
    )


if __name__ == "__main__":
    main()
