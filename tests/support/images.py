"""Images the tests make: a person-like photo and garment-like product shots."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw


def person_photo(size: tuple[int, int] = (600, 800), fmt: str = "JPEG") -> bytes:
    image = Image.new("RGB", size, (200, 190, 180))
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.ellipse((w * 0.4, h * 0.05, w * 0.6, h * 0.25), fill=(220, 180, 150))
    draw.rectangle((w * 0.3, h * 0.25, w * 0.7, h * 0.65), fill=(40, 60, 120))
    draw.rectangle((w * 0.35, h * 0.65, w * 0.65, h * 0.98), fill=(30, 30, 30))
    return encode(image, fmt)


def garment_photo(color: tuple[int, int, int] = (200, 30, 30), fmt: str = "PNG") -> bytes:
    image = Image.new("RGB", (400, 400), (255, 255, 255))
    ImageDraw.Draw(image).polygon(
        [(80, 60), (320, 60), (360, 140), (300, 140), (300, 360), (100, 360), (100, 140), (40, 140)], fill=color
    )
    return encode(image, fmt)


def flat_photo(color: tuple[int, int, int] = (128, 128, 128), fmt: str = "JPEG") -> bytes:
    return encode(Image.new("RGB", (300, 300), color), fmt)


def encode(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()
