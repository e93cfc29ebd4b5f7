"""A hostile image corpus, generated here with Pillow and plain bytes; nothing is downloaded.

Each entry says what the API must answer for it: a status with its error code, or, for
files that are fine to accept, the job's outcome (`completed`, or a typed engine failure).
The person in the acceptable photos is scikit-image's bundled astronaut, so the real
classic engine can dress it.
"""

from __future__ import annotations

import io
import struct
import zlib
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw
from skimage import data as skimage_data

from tests.support.images import garment_photo

MB = 1024 * 1024


@dataclass(frozen=True)
class Hostile:
    """One input: its bytes, the name and type a client claims, and the right answer.

    `status` is the HTTP status of the submission; `outcome` is the error code of a
    refusal, or, when the submission is accepted, the job's final status or failure code.
    `role` says which image it stands in for (the person or a garment).
    """

    name: str
    data: bytes
    filename: str
    content_type: str
    status: int
    outcome: str
    role: str = "person"


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def astronaut() -> Image.Image:
    return Image.fromarray(skimage_data.astronaut())


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def hand_png(width: int, height: int, bit_depth: int, color_type: int, rows: list[bytes] | bytes) -> bytes:
    """A PNG written by hand: for what Pillow will not write (16-bit RGB) or must not be asked to (bombs)."""
    compressor = zlib.compressobj(9)
    if isinstance(rows, bytes):  # one row repeated: a bomb compresses to almost nothing
        line = b"\x00" + rows
        idat = b"".join(compressor.compress(line * min(1000, height - top)) for top in range(0, height, 1000))
    else:
        idat = b"".join(compressor.compress(b"\x00" + row) for row in rows)
    idat += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def png_16_bit(image: Image.Image) -> bytes:
    """An RGB image as a 16-bit-per-channel PNG (each 8-bit value v stored as v * 257)."""
    pixels = (np.asarray(image.convert("RGB")).astype(">u2") * 257).tobytes()
    row = image.width * 6
    return hand_png(image.width, image.height, 16, 2, [pixels[i : i + row] for i in range(0, len(pixels), row)])


def jpeg_sized(width: int, height: int) -> bytes:
    """A small JPEG whose frame header claims `width` x `height`."""
    data = encode(Image.new("RGB", (16, 16), (90, 90, 90)), "JPEG")
    start = data.index(b"\xff\xc0")
    return data[: start + 5] + struct.pack(">HH", height, width) + data[start + 9 :]


def webp_canvas(width: int, height: int) -> bytes:
    """A small extended WebP whose VP8X chunk claims a `width` x `height` canvas."""
    data = encode(Image.new("RGB", (16, 16), (90, 90, 90)), "WEBP", exif=Image.Exif().tobytes())
    return data[:24] + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little") + data[30:]


def exif_rotated() -> bytes:
    """The astronaut stored lying on its side, with EXIF orientation 6 (and a GPS position) to stand it up."""
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: rotate 90° clockwise to display
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 24.0), 3: "E", 4: (2.0, 21.0, 3.0)}  # GPS: somewhere in Paris
    return encode(astronaut().rotate(90, expand=True), "JPEG", exif=exif.tobytes(), quality=92)


def huge_metadata(segments: int = 140) -> bytes:
    """A JPEG carrying about 9 MB of APP2 metadata segments (each at the 64 kB segment maximum)."""
    jpeg = encode(astronaut(), "JPEG", quality=90)
    segment = b"\xff\xe2" + struct.pack(">H", 65535) + b"M" * 65533
    return jpeg[:2] + segment * segments + jpeg[2:]


def animated_webp() -> bytes:
    frames = [astronaut(), Image.effect_noise((512, 512), 60).convert("RGB")]
    return encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=100, quality=90)


def landscape() -> bytes:
    """A photo with no person in it: sky, hills, sun."""
    image = Image.new("RGB", (640, 800), (120, 170, 230))
    draw = ImageDraw.Draw(image)
    draw.polygon([(0, 520), (220, 420), (420, 500), (640, 430), (640, 800), (0, 800)], fill=(60, 140, 60))
    draw.ellipse((460, 80, 560, 180), fill=(250, 230, 120))
    return encode(image, "JPEG", quality=90)


def corpus() -> list[Hostile]:
    """Every input of the corpus, person photos first, then garment photos."""
    jpeg = encode(astronaut(), "JPEG", quality=92)
    png = encode(astronaut(), "PNG")
    webp = encode(astronaut(), "WEBP", quality=90)
    svg = (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="512" height="512">'
        b"<script>alert(1)</script></svg>"
    )
    heic = struct.pack(">I", 24) + b"ftypheic" + b"\x00\x00\x00\x00mif1heic" + bytes(4000)
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
    html = b"<!DOCTYPE html><html><body><img src=x onerror=alert(document.cookie)></body></html>"
    bomb = hand_png(30_000, 30_000, 1, 0, bytes(30_000 // 8))
    strip = hand_png(100_000, 10, 1, 0, bytes(100_000 // 8))
    pixel = encode(Image.new("RGB", (1, 1), (128, 128, 128)), "PNG")
    cmyk = encode(astronaut().convert("CMYK"), "JPEG", quality=92)
    white = encode(Image.new("RGB", (400, 400), "white"), "JPEG")
    tiny = encode(Image.new("RGB", (10, 10), (200, 30, 30)), "PNG")
    invalid, unsupported = (422, "invalid_image"), (415, "unsupported_image_type")
    return [
        Hostile("truncated JPEG", jpeg[: len(jpeg) * 6 // 10], "p.jpg", "image/jpeg", *invalid),
        Hostile("truncated PNG", png[: len(png) * 6 // 10], "p.png", "image/png", *invalid),
        Hostile("truncated WebP", webp[: len(webp) * 6 // 10], "p.webp", "image/webp", *invalid),
        Hostile("zero-byte file", b"", "p.jpg", "image/jpeg", *invalid),
        Hostile("PNG named .jpg", png, "p.jpg", "image/jpeg", 202, "completed"),
        Hostile("JPEG named .txt, sent as text/plain", jpeg, "p.txt", "text/plain", 202, "completed"),
        Hostile("SVG with a script", svg, "p.svg", "image/svg+xml", *unsupported),
        Hostile("GIF", encode(astronaut(), "GIF"), "p.gif", "image/gif", *unsupported),
        Hostile("HEIC (ftyp heic)", heic, "p.heic", "image/heic", *unsupported),
        Hostile("TIFF", encode(astronaut(), "TIFF"), "p.tiff", "image/tiff", *unsupported),
        Hostile("PDF renamed .jpg", pdf, "p.jpg", "image/jpeg", *unsupported),
        Hostile("HTML renamed .jpg", html, "p.jpg", "image/jpeg", *unsupported),
        Hostile("1x1 pixel", pixel, "p.png", "image/png", 202, "no_person_detected"),
        Hostile("30000x30000 PNG bomb", bomb, "p.png", "image/png", *invalid),
        Hostile("30000x30000 JPEG bomb", jpeg_sized(30_000, 30_000), "p.jpg", "image/jpeg", *invalid),
        Hostile("30000x30000 WebP bomb", webp_canvas(30_000, 30_000), "p.webp", "image/webp", *invalid),
        Hostile("100000x10 PNG strip", strip, "p.png", "image/png", *invalid),
        Hostile("CMYK JPEG", cmyk, "p.jpg", "image/jpeg", 202, "completed"),
        Hostile("16-bit PNG", png_16_bit(astronaut()), "p.png", "image/png", 202, "completed"),
        Hostile("animated WebP", animated_webp(), "p.webp", "image/webp", 202, "completed"),
        Hostile("EXIF-rotated JPEG with GPS", exif_rotated(), "p.jpg", "image/jpeg", 202, "completed"),
        Hostile("9 MB of metadata", huge_metadata(), "p.jpg", "image/jpeg", 202, "completed"),
        Hostile("11 MB file", jpeg + bytes(11 * MB - len(jpeg)), "p.jpg", "image/jpeg", 413, "file_too_large"),
        Hostile("photo with no person", landscape(), "p.jpg", "image/jpeg", 202, "no_person_detected"),
        Hostile("all-white garment photo", white, "g.jpg", "image/jpeg", 202, "garment_not_found", "garment"),
        Hostile("10x10 garment photo", tiny, "g.png", "image/png", 202, "garment_not_found", "garment"),
        Hostile("garment PDF renamed .png", pdf, "g.png", "image/png", *unsupported, "garment"),
        Hostile("garment PNG bomb", bomb, "g.png", "image/png", *invalid, "garment"),
    ]


def person_photo() -> bytes:
    """The acceptable person photo that goes with hostile garments."""
    return encode(astronaut(), "JPEG", quality=92)


def garment() -> bytes:
    """The acceptable garment photo that goes with hostile person photos."""
    return garment_photo()
