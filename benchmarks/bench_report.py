"""A signed meeting report (two pages of text + four photos) against plain reportlab.

okudesk's run: gather the meeting, take a number, lay out the Polri-format report with
letterhead, tables, signature image and photo page (photos cut down to print size),
decrypt the officer's key, sign (PAdES, ECDSA P-256), register and keep the file.
Baseline: a plain reportlab two-page document with one photo, same machine, same run.
Goal: <= 150 ms median, file <= 1.5 MB.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from _common import median, report, timed
from PIL import Image, ImageDraw

from okudesk.core import permissions
from okudesk.core.records import meetings, officers, photos, posts, reference
from okudesk.core.records.followups import FollowUpInput
from okudesk.core.reports import service
from okudesk.core.security import credentials
from okudesk.core.store import Store

PASS = "bench"
TEXT = (
    "Warga menyampaikan keluhan pungutan liar di jalur angkutan batu bara dan balap liar pada "
    "malam hari; tokoh agama dan tokoh masyarakat sepakat menjaga suasana damai menjelang "
    "pemungutan suara. "
) * 2


def camera_photo(rng: random.Random) -> bytes:
    """A 4000x3000 scene with sensor noise, like a phone camera's, before okudesk stores it."""
    w, h = 4000, 3000
    sky = Image.linear_gradient("L").resize((w, h)).convert("RGB")
    image = Image.blend(sky, Image.new("RGB", (w, h), (rng.randint(90, 160), 150, 220)), 0.6)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, h * 0.55, w, h), fill=(70, 130, 60))
    for _ in range(40):
        x, y = rng.randint(0, w - 300), rng.randint(int(h * 0.3), h - 400)
        draw.rectangle(
            (x, y, x + rng.randint(60, 300), y + rng.randint(150, 400)),
            fill=(rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)),
        )
    noise = Image.effect_noise((w, h), 12).convert("RGB")
    image = Image.blend(image, noise, 0.12)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def prepare(folder: Path, runs: int) -> tuple[Store, list[str]]:
    rng = random.Random(4)
    store = Store.open(folder)
    store.actor = permissions.system_actor("benchmark")
    shots = [camera_photo(rng) for _ in range(4)]
    with store.write() as s:
        kec = reference.kecamatan(s)[0].id
        post = posts.set_up_this_post(
            s,
            code="BTT",
            name="Polsek Baturaja Timur",
            place_name="Baturaja",
            letterhead=[
                "KEPOLISIAN DAERAH SUMATERA SELATAN",
                "RESOR OGAN KOMERING ULU",
                "SEKTOR BATURAJA TIMUR",
            ],
            kecamatan_ids=[kec],
        )
        ranks = {r.name: r.id for r in reference.ranks(s)}
        officers.add_officer(
            s,
            name="Hendra Wijaya",
            nrp="78050011",
            rank_id=ranks["Iptu"],
            position="Kapolsek",
            post_id=post.id,
        )
        reporter = officers.add_officer(
            s,
            name="Budi Santoso",
            nrp="85071234",
            rank_id=ranks["Aiptu"],
            position="Bhabinkamtibmas",
            post_id=post.id,
        )
        credentials.enroll_officer(s, reporter.id, PASS)
        ids = []
        start = datetime.now().replace(microsecond=0) - timedelta(days=2)
        for k in range(runs):
            m = meetings.create_meeting(
                s,
                meetings.MeetingInput(
                    starts_at=start + timedelta(minutes=k),
                    kecamatan_id=kec,
                    place="Balai desa",
                    purpose=TEXT,
                    discussion=TEXT,
                    outcomes=TEXT,
                    potential_problems="Pesan berantai bernada SARA di grup warga.",
                    obstacles="Akses jalan rusak setelah hujan.",
                    other_attendees=20,
                    reported_by_id=reporter.id,
                    officer_ids=[reporter.id],
                    follow_ups=[
                        FollowUpInput(what=f"Tindak lanjut {n}", responsible="Bhabinkamtibmas")
                        for n in range(3)
                    ],
                ),
            )
            for n, shot in enumerate(shots):
                photos.add_photo(
                    s, store.photo_dir, shot, meeting_id=m.id, caption=f"Dokumentasi {n + 1}"
                )
            ids.append(m.id)
    return store, ids


def baseline(photo: Path) -> bytes:
    """Plain reportlab: two pages of paragraphs and one photo, built-in fonts."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate

    out = io.BytesIO()
    style = getSampleStyleSheet()["Normal"]
    story = (
        [Paragraph(TEXT, style) for _ in range(6)]
        + [PageBreak()]
        + [Paragraph(TEXT, style) for _ in range(3)]
    )
    story.append(RLImage(str(photo), width=300, height=225))
    SimpleDocTemplate(out, pagesize=A4).build(story)
    return out.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        store, ids = prepare(Path(tmp) / "data", args.runs + 1)
        service.make_report(store, "meeting", ids[0], passphrase=PASS)  # warm: fonts, imports
        times, cpu, sizes, pages = [], [], [], []
        for record in ids[1:]:
            started = time.process_time()
            seconds, result = timed(service.make_report, store, "meeting", record, passphrase=PASS)
            cpu.append(time.process_time() - started)
            times.append(seconds)
            sizes.append(len(result.pdf))
            pages.append(result.pages)
        with store.read() as s:
            photo = photos.photo_path(
                store.photo_dir, photos.photos_of(s, meeting_id=ids[0])[0].sha256
            )
        baseline(photo)
        base = [timed(baseline, photo)[0] for _ in range(args.runs)]
        store.close()
    ours, theirs = median(times), median(base)
    size = max(sizes)
    print(
        f"signed meeting report: {pages[0]} pages (text + photo page), 4 photos; median "
        f"{ours * 1000:.0f} ms (fastest {min(times) * 1000:.0f} ms, CPU {median(cpu) * 1000:.0f} "
        f"ms), largest file {size / 1e6:.2f} MB; plain reportlab 2 pages + 1 photo: median "
        f"{theirs * 1000:.0f} ms; load average {os.getloadavg()[0]:.1f}"
    )
    report(
        "bench_report",
        f"{ours * 1000:.0f} ms median (goal <= 150 ms), {size / 1e6:.2f} MB (goal <= 1.5 MB)",
        ours / theirs,
        "time and size goals",
        ours <= 0.150 and size <= 1_500_000,
    )


if __name__ == "__main__":
    main()
