"""Draw the okudesk icon: a navy shield with a gold rim and "OKU" (run by hand; the
results, resources/icons/okudesk.png and okudesk.ico, are committed).

    python packaging/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ROOT = Path(__file__).resolve().parents[1]
NAVY, GOLD, WHITE = (18, 42, 94, 255), (212, 175, 55, 255), (255, 255, 255, 255)
SIZE = 1024  # drawn large, scaled down with antialiasing


def shield(size: int, inset: float) -> list[tuple[float, float]]:
    """A heater shield: straight top, straight sides, curving to a point at the bottom."""
    left, right, top, bottom = inset, size - inset, inset * 1.1, size - inset * 0.6
    mid = size / 2
    points = [(left, top), (right, top), (right, size * 0.52)]
    steps = 40
    for i in range(1, steps + 1):  # right side curve down to the point (quadratic Bezier)
        t = i / steps
        c = (right, size * 0.80)
        p0, p2 = (right, size * 0.52), (mid, bottom)
        points.append(
            (
                (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * c[0] + t * t * p2[0],
                (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * c[1] + t * t * p2[1],
            )
        )
    mirrored = [(size - x, y) for x, y in reversed(points[3:-1])]
    return [*points, *mirrored, (left, size * 0.52)]


def font(size: int) -> ImageFont.FreeTypeFont:
    for path in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "C:/Windows/Fonts/arialbd.ttf",
    ):
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    d = ImageDraw.Draw(image)
    d.polygon(shield(SIZE, SIZE * 0.06), fill=GOLD)
    d.polygon(shield(SIZE, SIZE * 0.115), fill=NAVY)
    text = "OKU"
    f = font(int(SIZE * 0.30))
    box = d.textbbox((0, 0), text, font=f)
    w, h = box[2] - box[0], box[3] - box[1]
    d.text(((SIZE - w) / 2 - box[0], SIZE * 0.40 - h / 2 - box[1]), text, font=f, fill=WHITE)
    d.rectangle(
        (SIZE * 0.30, SIZE * 0.60, SIZE * 0.70, SIZE * 0.625), fill=GOLD
    )  # a small bar under the text
    return image


def main() -> None:
    out = ROOT / "resources" / "icons"
    out.mkdir(parents=True, exist_ok=True)
    big = draw()
    big.resize((256, 256), Image.LANCZOS).save(out / "okudesk.png", optimize=True)
    big.resize((256, 256), Image.LANCZOS).save(
        out / "okudesk.ico",
        sizes=[(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)],
    )
    print(f"wrote {out / 'okudesk.png'} and {out / 'okudesk.ico'}")


if __name__ == "__main__":
    main()
