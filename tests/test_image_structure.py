"""A JPEG's structure walk at accept refuses every damaged file that a decode refuses.

`validate_image` takes a JPEG whose marker structure it proves whole without decoding it.
Against several hundred damaged copies of drawn JPEGs (truncated anywhere, bytes flipped or
overwritten in every kind of segment, markers planted in the entropy-coded data, tables
broken, progressive files cut between scans), its verdict must be the 1/8-scale decode's
verdict (which it replaced), and whatever it passes the worker's full decode must read.
"""

from __future__ import annotations

import io
import random
import re
from collections.abc import Iterator

import pytest
from PIL import Image, ImageDraw, ImageFile

from fitroom.imaging import ImageRejected, decode_image, validate_image

LIMITS = {"max_bytes": 10 * 1024 * 1024, "max_pixels": 50_000_000}
#: Where a scan's entropy-coded data ends (the same rule as libjpeg's: see imaging.py).
SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
#: What the header check refused before any decode, then as now: a frame size past the limits, or
#: segments its walk to the frame size cannot follow (stricter than libjpeg, which skips junk).
HEADER_REFUSALS = ("too many pixels", "too long a side", "the JPEG header is unreadable")


def encode(image: Image.Image, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", **options)
    return buffer.getvalue()


def scene(size: tuple[int, int] = (96, 128)) -> Image.Image:
    """A figure on a backdrop with grain: smooth areas and detail, as a photo has."""
    image = Image.new("RGB", size, (200, 190, 180))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w * 0.38, h * 0.06, w * 0.62, h * 0.25), fill=(220, 180, 150))
    draw.rectangle((w * 0.3, h * 0.25, w * 0.7, h * 0.65), fill=(40, 60, 120))
    grain = Image.frombytes("RGB", size, random.Random(5).randbytes(w * h * 3))
    return Image.blend(image, grain, 0.25)


WHOLE = {
    "baseline 4:2:0": lambda: encode(scene(), quality=85),
    "baseline 4:4:4, optimised tables": lambda: encode(scene(), quality=90, subsampling=0, optimize=True),
    "progressive": lambda: encode(scene(), quality=85, progressive=True),
    "restart markers": lambda: encode(scene(), quality=85, restart_marker_blocks=3),
    "greyscale": lambda: encode(scene().convert("L"), quality=85),
    "cmyk": lambda: encode(scene().convert("CMYK"), quality=85),
}


def decodes_at_one_eighth(data: bytes) -> bool:
    """The check `validate_image` made of every JPEG before the structure walk."""
    try:
        with Image.open(io.BytesIO(data), formats=["JPEG"]) as image:
            image.draft(None, (1, 1))
            image.load()
    except Exception:
        return False
    return True


def segments(data: bytes) -> Iterator[tuple[int | None, int, int]]:
    """(marker, start, end) of each segment, and (None, start, end) of each scan's entropy-coded data."""
    pos = 2
    while data[pos + 1] != 0xD9:
        marker, end = data[pos + 1], pos + 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        yield marker, pos, end
        pos = end
        if marker == 0xDA:
            found = SCAN_END.search(data, pos)
            assert found is not None
            yield None, pos, found.start()
            pos = found.start()


def damaged(data: bytes, rnd: random.Random) -> Iterator[tuple[str, bytes]]:
    """Damaged copies of one whole JPEG, each named by what was done to it."""
    for cut in [*rnd.sample(range(3, len(data) - 1), 16), len(data) - 1, len(data) - 2]:
        yield f"cut at {cut}", data[:cut]
    yield "garbage after EOI", data + rnd.randbytes(300)
    for marker, start, end in segments(data):
        if marker is None:
            for _ in range(4):
                where = rnd.randrange(start, end)
                flipped = bytearray(data)
                flipped[where] ^= 1 << rnd.randrange(8)
                yield f"bit flipped in scan data at {where}", bytes(flipped)
            for planted in (0xC4, 0xDB, 0xDA, 0xD9, 0xE1, 0x05):
                where = rnd.randrange(start, end - 1)
                yield (
                    f"marker {planted:02X} planted at {where}",
                    data[:where] + bytes((0xFF, planted)) + data[where + 2 :],
                )
            yield f"scan data cut short at {start}", data[:start] + data[end:]
            continue
        for where in rnd.sample(range(start, end), min(end - start, 10)):
            changed = bytearray(data)
            changed[where] = rnd.randrange(256)
            yield f"byte {where - start} of segment {marker:02X} overwritten", bytes(changed)
        if marker == 0xDA:
            yield f"cut before the scan at {start}", data[:start]
            yield f"cut before the scan at {start}, EOI added", data[:start] + b"\xff\xd9"
        if marker == 0xC4:
            overfull = bytearray(data)
            overfull[start + 5] = 3  # three codes of one bit
            yield f"Huffman table at {start} over-full", bytes(overfull)
        if marker in (0xC4, 0xDB):
            yield f"segment {marker:02X} at {start} dropped", data[:start] + data[end:]


def corpus() -> Iterator[tuple[str, bytes]]:
    rnd = random.Random(20)
    for name, make in WHOLE.items():
        for damage, data in damaged(make(), rnd):
            yield f"{name}: {damage}", data


def verdict(data: bytes) -> ImageRejected | None:
    try:
        validate_image(data, **LIMITS)
    except ImageRejected as exc:
        return exc
    return None


@pytest.mark.parametrize("name", WHOLE)
def test_whole_jpegs_are_accepted_without_a_decode(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    data = WHOLE[name]()
    monkeypatch.setattr(ImageFile.ImageFile, "load", lambda self: pytest.fail("decoded"))
    assert validate_image(data, **LIMITS).format == "jpeg"


def test_the_structure_walk_refuses_what_the_decode_refuses() -> None:
    files = list(corpus())
    assert len(files) > 600
    refused = 0
    for name, data in files:
        rejected = verdict(data)
        if not decodes_at_one_eighth(data):
            assert rejected is not None, f"{name}: accepted, but the 1/8-scale decode refuses it"
            jpeg = data.startswith(b"\xff\xd8\xff")  # a damaged magic number is no JPEG at all: 415
            assert rejected.code == ("invalid_image" if jpeg else "unsupported_image_type"), name
            refused += 1
        elif rejected is not None:
            assert rejected.message.startswith(HEADER_REFUSALS), f"{name}: refused ({rejected.message}), but it decodes"
    assert refused > 250, "the corpus should hold many files the decode refuses"


def test_what_accept_passes_the_worker_decodes() -> None:
    for name, data in corpus():
        if verdict(data) is None:
            try:
                decode_image(data, max_pixels=LIMITS["max_pixels"])
            except ImageRejected as exc:
                pytest.fail(f"{name}: accepted, but the worker's decode refuses it ({exc.message})")


def test_damage_only_a_decode_would_see_is_not_looked_for() -> None:
    """Damaged entropy-coded data is not an error to libjpeg (it warns and decodes on), so the
    decode never refused it either: such a file is accepted and renders with the damage."""
    data = WHOLE["baseline 4:2:0"]()
    _, start, end = next(s for s in segments(data) if s[0] is None)
    flipped = bytearray(data)
    flipped[(start + end) // 2] ^= 0x10
    assert decodes_at_one_eighth(bytes(flipped))
    assert verdict(bytes(flipped)) is None


def test_missing_eoi_and_cut_progressive_scans_are_refused() -> None:
    plain, progressive = WHOLE["baseline 4:2:0"](), WHOLE["progressive"]()
    assert verdict(plain[:-2]) is not None
    later_scan = [start for marker, start, _ in segments(progressive) if marker == 0xDA][3]
    assert verdict(progressive[:later_scan]) is not None
    assert verdict(progressive[:later_scan] + b"\xff\xd9") is None, "earlier scans and an EOI: a whole, coarser image"
