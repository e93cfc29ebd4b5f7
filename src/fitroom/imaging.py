"""Safe image intake: recognise by content, refuse bombs before decoding, decode upright in sRGB.

Uploads come from the internet, so nothing here trusts a file name, a declared type or
a header's claims: the format is sniffed from magic bytes, the pixel count is read from
the header and checked before any pixel is decoded, and a real decode proves the file
is whole.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps

MEDIA_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}
_PIL_FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}


class ImageRejected(Exception):
    """An input image fitroom will not process; `code` and `status` are the API's."""

    def __init__(self, code: str, status: int, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.status = status
        self.message = message


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int


def sniff_format(data: bytes) -> str | None:
    """"jpeg", "png" or "webp" from the first bytes, else None."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def _invalid(message: str) -> ImageRejected:
    return ImageRejected("invalid_image", 422, message)


def _open(data: bytes, *, max_bytes: int | None, max_pixels: int) -> tuple[Image.Image, str]:
    """Open lazily (header only) after the size, type and pixel-count checks."""
    if not data:
        raise _invalid("the file is empty")
    if max_bytes is not None and len(data) > max_bytes:
        raise ImageRejected("file_too_large", 413, f"the file is larger than {max_bytes // (1024 * 1024)} MB")
    fmt = sniff_format(data)
    if fmt is None:
        raise ImageRejected("unsupported_image_type", 415, "the file is not a JPEG, PNG or WebP image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data), formats=[f for f, name in _PIL_FORMATS.items() if name == fmt])
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _invalid(f"the image has too many pixels ({exc})") from exc
    except (OSError, ValueError, SyntaxError) as exc:
        raise _invalid(f"the image cannot be read ({type(exc).__name__})") from exc
    width, height = image.size
    if width < 1 or height < 1:
        raise _invalid("the image has no pixels")
    if width * height > max_pixels:
        raise _invalid(f"the image has too many pixels ({width}×{height}; at most {max_pixels:,} allowed)")
    return image, fmt


def _load(image: Image.Image) -> None:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image.load()
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _invalid(f"the image is truncated or corrupt ({exc})") from exc


def validate_image(data: bytes, *, max_bytes: int, max_pixels: int) -> ImageInfo:
    """Check an upload without keeping it decoded; raises ImageRejected."""
    image, fmt = _open(data, max_bytes=max_bytes, max_pixels=max_pixels)
    info = ImageInfo(fmt, *image.size)
    if fmt == "jpeg":
        # Decoding at 1/8 scale still reads every entropy-coded block, so a truncated
        # file is still caught, at a fraction of the cost.
        image.draft("RGB", (max(1, image.width // 8), max(1, image.height // 8)))
    _load(image)
    return info


def _to_srgb(image: Image.Image) -> Image.Image:
    icc = image.info.get("icc_profile")
    if not icc or image.mode not in ("RGB", "RGBA", "CMYK"):
        return image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        target = ImageCms.createProfile("sRGB")
        mode = "RGBA" if image.mode == "RGBA" else "RGB"
        return ImageCms.profileToProfile(image, source, target, outputMode=mode) or image
    except (ImageCms.PyCMSError, OSError, ValueError):
        return image


def decode_image(data: bytes, *, max_pixels: int) -> Image.Image:
    """A fully decoded RGB image: EXIF orientation applied, colour converted to sRGB."""
    image, _ = _open(data, max_bytes=None, max_pixels=max_pixels)
    _load(image)
    image = _to_srgb(image)
    try:
        image = ImageOps.exif_transpose(image)
    except (OSError, ValueError, SyntaxError) as exc:
        raise _invalid(f"the image's orientation data is corrupt ({exc})") from exc
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda value: value / 256).convert("L")
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        background = Image.new("RGB", rgba.size, (255, 255, 255))
        background.paste(rgba, mask=rgba.getchannel("A"))
        return background
    return image.convert("RGB")


def encode_image(image: Image.Image, fmt: str = "jpeg", *, quality: int = 92) -> bytes:
    """Bytes of `image` as jpeg, png or webp."""
    buffer = io.BytesIO()
    if fmt == "jpeg":
        image.convert("RGB").save(buffer, "JPEG", quality=quality, optimize=True)
    elif fmt == "png":
        image.save(buffer, "PNG")
    elif fmt == "webp":
        image.save(buffer, "WEBP", quality=quality)
    else:
        raise ValueError(f"unsupported output format {fmt!r}")
    return buffer.getvalue()
