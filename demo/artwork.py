"""Lead images for the demo stories, drawn with Pillow when `load_demo` runs.

Each section has its own palette and motif (runway lines, waves, radar arcs, columns,
blocks); a story's image name seeds the layout, so every story gets its own picture and a
second run draws the same one. Nothing is copied: no photos, no fonts beyond Pillow's own.
"""

import math
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = (1600, 1067)  # 3:2, wide enough for every rendition (480, 800, 1200)

PALETTES = {
    "Transportation": ((14, 42, 71), (33, 84, 130), (242, 169, 0), (236, 240, 244)),
    "Environment": ((18, 77, 70), (46, 128, 102), (240, 200, 80), (226, 240, 228)),
    "Security": ((24, 32, 48), (52, 74, 104), (120, 200, 220), (230, 236, 242)),
    "Congress": ((98, 24, 36), (150, 52, 60), (236, 208, 160), (248, 240, 228)),
    "Federal Agencies": ((44, 52, 64), (86, 102, 122), (214, 120, 60), (236, 236, 232)),
    # The sections of the network's other publications (demo/network.json).
    "Oversight": ((60, 36, 72), (104, 72, 120), (232, 190, 96), (242, 236, 244)),
    "Storms": ((22, 52, 82), (64, 104, 140), (250, 214, 120), (228, 238, 246)),
    "Ports": ((30, 60, 60), (70, 118, 112), (236, 150, 70), (232, 242, 238)),
}
DEFAULT_PALETTE = ((40, 40, 56), (90, 90, 120), (230, 160, 60), (240, 240, 240))

# What each motif shows, for the alt text of the stories that use it.
MOTIFS = {
    "Transportation": "runway lines converging toward a row of amber lights",
    "Environment": "layered waves under a round sun",
    "Security": "radar arcs sweeping across a grid",
    "Congress": "a row of columns under a domed arc",
    "Federal Agencies": "stacked blocks like office buildings with lit windows",
}


def motif(stem: str, section: str) -> str:
    """The motif of a story's picture: its section's most of the time, another now and
    then, so a section's stories do not all look alike."""
    rng = random.Random(f"motif:{stem}")
    names = list(MOTIFS)
    if section in MOTIFS and rng.random() < 0.5:
        return section
    return rng.choice(names)


def describe(stem: str, section: str) -> str:
    """The alt text of the picture `draw(stem, section)` makes."""
    return f"Illustration: {MOTIFS[motif(stem, section)]}"


def _runways(draw, rng, palette, w, h):
    _, mid, light, pale = palette
    horizon = int(h * rng.uniform(0.32, 0.42))
    vanish = w * rng.uniform(0.35, 0.65)
    for i in range(-6, 7):
        draw.line([(vanish, horizon), (w / 2 + i * w / 5, h)], fill=mid, width=6)
    for row in range(1, 9):
        y = horizon + (h - horizon) * (row / 9) ** 1.6
        spread = (y - horizon) / (h - horizon) * w * 0.5
        for side in (-1, 1):
            x = vanish + side * spread * 0.45
            r = 4 + row * 2.2
            draw.ellipse([x - r, y - r, x + r, y + r], fill=light)
    draw.rectangle([0, horizon - 3, w, horizon], fill=pale)


def _waves(draw, rng, palette, w, h):
    dark, mid, sun, pale = palette
    cx, cy, r = w * rng.uniform(0.6, 0.8), h * rng.uniform(0.2, 0.3), h * 0.13
    draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=sun)
    colors = [pale, mid, dark, mid, dark]
    for band, color in enumerate(colors):
        base = h * (0.45 + band * 0.12)
        phase, amp = rng.uniform(0, math.tau), h * rng.uniform(0.02, 0.05)
        points = [
            (x, base + amp * math.sin(x / w * math.tau * 1.5 + phase)) for x in range(0, w + 20, 20)
        ]
        draw.polygon(points + [(w, h), (0, h)], fill=color)


def _radar(draw, rng, palette, w, h):
    _, mid, glow, _ = palette
    for x in range(0, w, 80):
        draw.line([(x, 0), (x, h)], fill=mid, width=1)
    for y in range(0, h, 80):
        draw.line([(0, y), (w, y)], fill=mid, width=1)
    cx, cy = w * rng.uniform(0.3, 0.7), h * rng.uniform(0.55, 0.8)
    for ring in range(1, 9):
        r = ring * h * 0.11
        draw.arc([cx - r, cy - r, cx + r, cy + r], 200, 340, fill=glow, width=4)
    angle = math.radians(rng.uniform(215, 325))
    draw.line([(cx, cy), (cx + math.cos(angle) * h, cy + math.sin(angle) * h)], fill=glow, width=8)
    for _ in range(5):
        a, d = math.radians(rng.uniform(210, 330)), rng.uniform(0.2, 0.85) * h
        x, y = cx + math.cos(a) * d, cy + math.sin(a) * d
        draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=glow)


def _columns(draw, rng, palette, w, h):
    _, mid, stone, pale = palette
    base = h * 0.88
    count = rng.choice((6, 7, 8))
    left, right = w * 0.2, w * 0.8
    step = (right - left) / count
    top = h * 0.5
    draw.chord([left, top - h * 0.26, right, top + h * 0.26], 180, 360, fill=stone)
    draw.rectangle([left - step * 0.4, top - 12, right + step * 0.4, top + 18], fill=pale)
    for i in range(count):
        x = left + step * (i + 0.5)
        draw.rectangle([x - step * 0.22, top + 30, x + step * 0.22, base], fill=pale)
        draw.rectangle([x - step * 0.05, top + 50, x + step * 0.02, base - 20], fill=stone)
    draw.rectangle([left - step * 0.6, base, right + step * 0.6, base + 30], fill=mid)


def _blocks(draw, rng, palette, w, h):
    dark, mid, accent, pale = palette
    x = -20
    while x < w:
        bw = rng.uniform(w * 0.07, w * 0.16)
        bh = rng.uniform(h * 0.25, h * 0.7)
        draw.rectangle([x, h - bh, x + bw, h], fill=rng.choice((mid, dark)))
        for wy in range(int(h - bh + 30), h - 30, 46):
            for wx in range(int(x + 16), int(x + bw - 24), 38):
                if rng.random() < 0.55:
                    draw.rectangle(
                        [wx, wy, wx + 18, wy + 24], fill=pale if rng.random() < 0.8 else accent
                    )
        x += bw + rng.uniform(6, 30)


def _circles(draw, rng, palette, w, h):
    for color in palette[1:] * 2:
        r = rng.uniform(h * 0.15, h * 0.45)
        cx, cy = rng.uniform(0, w), rng.uniform(0, h)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=color)


DRAWERS = {
    "Transportation": _runways,
    "Environment": _waves,
    "Security": _radar,
    "Congress": _columns,
    "Federal Agencies": _blocks,
}


def draw(stem: str, section: str) -> Image.Image:
    rng = random.Random(stem)
    palette = PALETTES.get(section, DEFAULT_PALETTE)
    # A slight shift of the section's colours per story.
    shift = rng.uniform(-18, 18)
    palette = tuple(
        tuple(max(0, min(255, round(c + shift * (i - 1) / 2))) for i, c in enumerate(color))
        for color in palette
    )
    w, h = SIZE
    image = Image.new("RGB", SIZE, palette[0])
    canvas = ImageDraw.Draw(image)
    # A soft vertical gradient behind the motif.
    top, bottom = palette[0], palette[1]
    for y in range(0, h, 4):
        t = y / h * 0.6
        color = tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        canvas.rectangle([0, y, w, y + 4], fill=color)
    DRAWERS.get(motif(stem, section), _circles)(canvas, rng, palette, w, h)
    # The section's name, set large and quiet in a corner: the typographic part.
    label = (section or "News").upper()
    font = ImageFont.load_default(size=88)
    canvas.rectangle([0, 0, w, 8], fill=palette[2])
    canvas.text((56, 44), label, font=font, fill=palette[3])
    return image


def write_images(stories, folder: Path) -> int:
    """Draw `{stem}.jpg` in `folder` for each (stem, section); returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for stem, section in stories:
        draw(stem, section).save(folder / f"{stem}.jpg", "JPEG", quality=82, optimize=True)
        count += 1
    return count
