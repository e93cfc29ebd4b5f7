"""Safe image intake: recognise uploads by content, refuse bombs from the header, decode to sRGB.

Uploads are untrusted, so nothing here believes a file name or a declared type, and no
pixel is decoded before the pixel count read from the file's own header is within the
limit. Pillow's global settings (``LOAD_TRUNCATED_IMAGES``, ``MAX_IMAGE_PIXELS``) are left
as they are: other code in the process shares them.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PIL import Image, ImageCms, ImageOps

MEDIA_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp"}

_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# SOF0..SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
_JPEG_SOF_MARKERS = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
# Markers that stand alone, without a length: TEM, RST0..RST7, SOI, EOI.
_JPEG_STANDALONE_MARKERS = frozenset({0x01, *range(0xD0, 0xDA)})
# Frames the structure check knows libjpeg decodes: baseline, extended and progressive, Huffman-coded.
_JPEG_HUFFMAN_SOF_MARKERS = frozenset({0xC0, 0xC1, 0xC2})
# Where entropy-coded data ends: 0xFF then a byte that is not a stuffed zero, a restart marker or fill.
_JPEG_MARKER_AFTER_SCAN = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")
# libjpeg's limits: table slots, sampling factor, blocks in an interleaved scan's MCU, point transform.
_JPEG_TABLES = 4
_JPEG_MAX_SAMPLING = 4
_JPEG_MAX_BLOCKS_IN_MCU = 10
_JPEG_MAX_AL = 13
# The Pillow mode an embedded ICC profile's colour space applies to.
_PROFILE_MODES = {"RGB": "RGB", "GRAY": "L", "CMYK": "CMYK"}
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
_STATUSES = {"file_too_large": 413, "unsupported_image_type": 415, "invalid_image": 422}
#: Longest side accepted, whatever the pixel count: WebP's own limit, past any camera's
#: sensor. A 100000x10 strip is within the pixel limit but is no photo of anything.
MAX_SIDE = 16_384


class ImageRejected(Exception):
    """An input image the service will not process; carries the API error it maps to."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.status = _STATUSES[code]
        self.message = message


@dataclass(frozen=True)
class ImageInfo:
    """What validation learned from the file: its real format and stored (unrotated) size."""

    format: str
    width: int
    height: int


def sniff_format(data: bytes) -> str | None:
    """Name the format from the magic bytes, since names and declared types can lie."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(_PNG_SIGNATURE):
        return "png"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "webp"
    return None


def validate_image(data: bytes, *, max_bytes: int, max_pixels: int) -> ImageInfo:
    """Accept only a complete JPEG, PNG or WebP within the limits, as cheaply as that can be proven.

    A JPEG whose marker structure `_jpeg_structure_is_whole` proves is taken without a decode:
    libjpeg refuses only what that walk checks (see docs/api-shop-backends.md, "What accept
    proves"), and only warns on damaged entropy-coded data, which no decode at accept finds
    either. Any other JPEG decodes at 1/8 scale, which gives the refusal its reason; PNG and
    WebP decode whole.
    """
    info, image = _check_without_decoding(data, max_bytes=max_bytes, max_pixels=max_pixels)
    if image is not None:
        _decode_check(info, image)
    return info


def _check_without_decoding(data: bytes, *, max_bytes: int, max_pixels: int) -> tuple[ImageInfo, Image.Image | None]:
    """`validate_image`'s checks short of a decode: the size, the header, and for a JPEG the
    structure walk. The info, and the opened image still to decode (None: proven whole)."""
    if len(data) > max_bytes:
        raise ImageRejected("file_too_large", f"the file is larger than {max_bytes:,} bytes")
    fmt, image = _open(data, max_pixels)
    info = ImageInfo(fmt, *image.size)
    if fmt == "jpeg" and _jpeg_structure_is_whole(data):
        return info, None
    return info, image


def _decode_check(info: ImageInfo, image: Image.Image) -> None:
    """Decode what the structure could not prove whole (a JPEG at 1/8 scale): a refusal gets its reason."""
    with _decoding():
        if info.format == "jpeg":
            image.draft(None, (1, 1))
        image.load()


class _Passed:
    """The last `size` images that passed `validate_image`'s decode, by SHA-256 and the limits they met.

    Validation is a pure function of the bytes and the limits, and a decode costs far more
    than a hash (a 1 MB image: milliseconds against a fraction of one), while the
    same bytes come again and again: a shop's catalogue photos, a client's retries. Only
    passes are kept, so a refused file is refused with its reason each time.
    """

    def __init__(self, size: int = 4096) -> None:
        self.size = size
        self._lock = threading.Lock()
        self._seen: OrderedDict[tuple[bytes, int, int], ImageInfo] = OrderedDict()

    def get(self, key: tuple[bytes, int, int]) -> ImageInfo | None:
        with self._lock:
            info = self._seen.get(key)
            if info is not None:
                self._seen.move_to_end(key)
            return info

    def put(self, key: tuple[bytes, int, int], info: ImageInfo) -> None:
        with self._lock:
            self._seen[key] = info
            if len(self._seen) > self.size:
                self._seen.popitem(last=False)


_passed = _Passed()


def validate_image_once(data: bytes, *, max_bytes: int, max_pixels: int) -> ImageInfo:
    """`validate_image`, its decode skipped for bytes that passed it lately under the same limits.

    Only what would be decoded is hashed and remembered: the header checks and a JPEG's
    structure walk cost less than the SHA-256 that would skip them (a 1 MB JPEG: about 0.35
    against 0.57 ms here), so they run every time.
    """
    info, image = _check_without_decoding(data, max_bytes=max_bytes, max_pixels=max_pixels)
    if image is None:
        return info
    key = (hashlib.sha256(data).digest(), max_bytes, max_pixels)
    if _passed.get(key) is None:
        _decode_check(info, image)
        _passed.put(key, info)
    return info


def decode_image(data: bytes, *, max_pixels: int) -> Image.Image:
    """Decode fully to an upright 8-bit sRGB image, whatever the file's orientation, mode and profile."""
    _, image = _open(data, max_pixels)
    with _decoding():
        image.load()
        icc_profile = image.info.get("icc_profile")
        return _to_srgb(ImageOps.exif_transpose(image), icc_profile)


def encode_image(image: Image.Image, fmt: str = "jpeg", *, quality: int = 92) -> bytes:
    """Encode an output image; metadata is not carried over, so no input EXIF leaks out."""
    if fmt not in _PILLOW_FORMATS:
        raise ValueError(f"cannot encode {fmt!r}: use one of {', '.join(MEDIA_TYPES)}")
    if fmt == "jpeg" and image.mode not in ("RGB", "L"):
        image = _to_srgb(image, None)
    buffer = io.BytesIO()
    options = {} if fmt == "png" else {"quality": quality}
    image.save(buffer, _PILLOW_FORMATS[fmt], **options)
    return buffer.getvalue()


def _open(data: bytes, max_pixels: int) -> tuple[str, Image.Image]:
    """Sniff, check the header's pixel count, then let Pillow parse the header (still no pixels)."""
    if not data:
        raise ImageRejected("invalid_image", "the file is empty")
    fmt = sniff_format(data)
    if fmt is None:
        raise ImageRejected("unsupported_image_type", "not a JPEG, PNG or WebP image")
    size = _header_size(data, fmt)
    if size is None:
        raise ImageRejected("invalid_image", f"the {fmt.upper()} header is unreadable")
    _check_pixels(size, max_pixels)
    with _decoding():
        image = Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[fmt]])
    _check_pixels(image.size, max_pixels)
    return fmt, image


def _check_pixels(size: tuple[int, int], max_pixels: int) -> None:
    width, height = size
    if width * height > max_pixels:
        raise ImageRejected("invalid_image", f"too many pixels: {width}x{height} is over the limit of {max_pixels}")
    if max(width, height) > MAX_SIDE:
        raise ImageRejected("invalid_image", f"too long a side: {width}x{height} has one over {MAX_SIDE} px")


@contextmanager
def _decoding() -> Iterator[None]:
    """Map whatever Pillow raises on hostile input to one rejection.

    Its decoders raise a wide and undocumented set of exceptions (OSError, SyntaxError,
    ValueError, struct.error, ...) for corrupt data, so only a broad catch is reliable.
    """
    try:
        yield
    except Image.DecompressionBombError as exc:
        raise ImageRejected("invalid_image", f"too many pixels: {exc}") from exc
    except Exception as exc:
        raise ImageRejected("invalid_image", "the image is truncated or corrupt") from exc


def _header_size(data: bytes, fmt: str) -> tuple[int, int] | None:
    """Read width and height straight from the header, before any decoder allocates a canvas."""
    if fmt == "jpeg":
        return _jpeg_size(data)
    if fmt == "png":
        return _png_size(data)
    return _webp_size(data)


def _png_size(data: bytes) -> tuple[int, int] | None:
    if data[12:16] != b"IHDR" or len(data) < 24:
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    """Walk the marker segments up to the first start-of-frame."""
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
        elif marker in _JPEG_STANDALONE_MARKERS:
            pos += 2
        elif marker in _JPEG_SOF_MARKERS:
            if pos + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        else:
            (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
            pos += 2 + length
    return None


def _jpeg_structure_is_whole(data: bytes) -> bool:
    """Whether the JPEG's segments are all ones libjpeg decodes without error, up to EOI.

    Checks what libjpeg itself refuses (jdmarker.c, jdinput.c, jdhuff.c, jdphuff.c): table
    and frame segments well formed, every scan's components, tables and progression valid,
    its entropy-coded data ended by a marker, and an EOI. Stricter than libjpeg where that is
    simpler (no junk between segments, tables defined before use, one frame kind): False means
    "not proven", and the caller decodes.
    """
    end = len(data)
    pos = 2
    quant: set[int] = set()
    huffman: set[tuple[int, int]] = set()  # (class: 0 DC, 1 AC; slot)
    frame: dict[int, tuple[int, int, int]] | None = None  # component id: (h, v, quant slot)
    progressive = False
    scanned: set[int] = set()
    while pos + 2 <= end and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker == 0xD9:  # EOI
            return frame is not None and scanned == set(frame)
        if pos + 4 > end:
            return False
        length = int.from_bytes(data[pos + 2 : pos + 4], "big")
        body = data[pos + 4 : pos + 2 + length]
        if length < 2 or pos + 2 + length > end:
            return False
        pos += 2 + length
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:  # APPn, COM
            continue
        if marker == 0xDB:
            if not _jpeg_dqt(body, quant):
                return False
        elif marker == 0xC4:
            if not _jpeg_dht(body, huffman):
                return False
        elif marker in _JPEG_HUFFMAN_SOF_MARKERS and frame is None:
            frame = _jpeg_sof(body)
            progressive = marker == 0xC2
            if frame is None:
                return False
        elif marker == 0xDD:  # DRI
            if length != 4:
                return False
        elif marker == 0xDA and frame is not None:
            components = _jpeg_sos(body, frame, progressive, quant, huffman)
            if components is None:
                return False
            scanned.update(components)
            found = _JPEG_MARKER_AFTER_SCAN.search(data, pos)
            if found is None:
                return False
            pos = found.start()
        else:
            return False
    return False


def _jpeg_dqt(body: bytes, quant: set[int]) -> bool:
    """Whole 8- or 16-bit tables in slots 0-3, filling the segment exactly."""
    pos = 0
    while pos < len(body):
        precision, slot = body[pos] >> 4, body[pos] & 0x0F
        size = 1 + 64 * (precision + 1)
        if precision > 1 or slot >= _JPEG_TABLES or pos + size > len(body):
            return False
        quant.add(slot)
        pos += size
    return True


def _jpeg_dht(body: bytes, huffman: set[tuple[int, int]]) -> bool:
    """Tables that fill the segment exactly and that libjpeg can build (jpeg_make_d_derived_tbl)."""
    pos = 0
    while pos < len(body):
        kind, slot = body[pos] >> 4, body[pos] & 0x0F
        counts = body[pos + 1 : pos + 17]
        symbols = sum(counts)
        if kind > 1 or slot >= _JPEG_TABLES or len(counts) < 16 or symbols > 256:
            return False
        values = body[pos + 17 : pos + 17 + symbols]
        if len(values) < symbols or (kind == 0 and max(values, default=0) > 15):
            return False
        code = 0
        for bits, count in enumerate(counts, start=1):
            code += count
            if code >= 1 << bits:  # a code of all ones, or more codes than the length holds
                return False
            code <<= 1
        huffman.add((kind, slot))
        pos += 17 + symbols
    return True


def _jpeg_sof(body: bytes) -> dict[int, tuple[int, int, int]] | None:
    """An 8-bit frame of 1, 3 or 4 components, sampling factors libjpeg upsamples by whole ratios."""
    if len(body) < 6:
        return None
    precision, height, width, count = body[0], body[1:3], body[3:5], body[5]
    if precision != 8 or not any(height) or not any(width) or count not in (1, 3, 4) or len(body) != 6 + 3 * count:
        return None
    frame = {}
    for index in range(6, len(body), 3):
        component, sampling, slot = body[index : index + 3]
        h, v = sampling >> 4, sampling & 0x0F
        if component in frame or not (1 <= h <= _JPEG_MAX_SAMPLING and 1 <= v <= _JPEG_MAX_SAMPLING):
            return None
        frame[component] = (h, v, slot)
    most_h = max(h for h, _, _ in frame.values())
    most_v = max(v for _, v, _ in frame.values())
    if any(most_h % h or most_v % v for h, v, _ in frame.values()):
        return None
    return frame


def _jpeg_sos(
    body: bytes,
    frame: dict[int, tuple[int, int, int]],
    progressive: bool,
    quant: set[int],
    huffman: set[tuple[int, int]],
) -> list[int] | None:
    """The scan's components, if libjpeg starts it without error: their tables defined, a valid progression."""
    count = body[0] if body else 0
    if not 1 <= count <= 4 or len(body) != 4 + 2 * count:
        return None
    components = list(body[1 : 1 + 2 * count : 2])
    tables = body[2 : 2 + 2 * count : 2]
    start, stop, approximation = body[1 + 2 * count : 4 + 2 * count]
    high, low = approximation >> 4, approximation & 0x0F
    if len(set(components)) != count or any(c not in frame for c in components):
        return None
    if count > 1 and sum(frame[c][0] * frame[c][1] for c in components) > _JPEG_MAX_BLOCKS_IN_MCU:
        return None
    if any(frame[c][2] not in quant for c in components):
        return None
    dc_tables = [(0, t >> 4) for t in tables]
    ac_tables = [(1, t & 0x0F) for t in tables]
    if not progressive:
        needed = dc_tables + ac_tables
        valid_band = (start, stop, approximation) == (0, 63, 0)
    elif start == 0:  # DC scan; a refinement (high > 0) needs no table
        needed = [] if high else dc_tables
        valid_band = stop == 0
    else:  # AC scan: one component, a band within the block
        needed = ac_tables
        valid_band = start <= stop <= 63 and count == 1
    refines_by_one_bit = not high or low == high - 1
    if not (valid_band and refines_by_one_bit) or low > _JPEG_MAX_AL or any(t not in huffman for t in needed):
        return None
    return components


def _webp_size(data: bytes) -> tuple[int, int] | None:
    """Canvas size of the first chunk: extended (VP8X), lossy (VP8) or lossless (VP8L)."""
    chunk = data[12:16]
    if chunk == b"VP8X" and len(data) >= 30:
        return int.from_bytes(data[24:27], "little") + 1, int.from_bytes(data[27:30], "little") + 1
    if chunk == b"VP8 " and len(data) >= 30 and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and len(data) >= 25 and data[20] == 0x2F:
        (bits,) = struct.unpack("<I", data[21:25])
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    return None


def _to_srgb(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Flatten any decoded mode to 8-bit RGB in sRGB, with transparency composited over white."""
    if image.mode.startswith("I"):
        # 16-bit grey: scale to 8 bits, since a plain conversion would clip everything above 255.
        image = image.point(lambda value: value * (1 / 256)).convert("L")
    if image.mode in ("P", "PA") or "transparency" in image.info:
        image = image.convert("RGBA")
    alpha = image.getchannel("A") if "A" in image.getbands() else None
    color = _into_srgb(image.convert({"L": "L", "LA": "L", "CMYK": "CMYK"}.get(image.mode, "RGB")), icc_profile)
    if alpha is None:
        return color
    flattened = Image.new("RGB", color.size, "white")
    flattened.paste(color, mask=alpha)
    return flattened


def _into_srgb(color: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """Apply the embedded profile; a broken or mismatched one is ignored, as browsers do."""
    profile = _embedded_profile(icc_profile, color.mode)
    if profile is None:
        return color.convert("RGB")
    try:
        transform = ImageCms.buildTransform(profile, _SRGB, color.mode, "RGB")
    except ImageCms.PyCMSError:
        return color.convert("RGB")
    return transform.apply(color)


def _embedded_profile(icc_profile: bytes | None, mode: str) -> ImageCms.ImageCmsProfile | None:
    if not icc_profile:
        return None
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
    except OSError:
        return None
    return profile if _PROFILE_MODES.get(profile.profile.xcolor_space.strip()) == mode else None
