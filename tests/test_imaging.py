"""Image intake: content sniffing, limits, bomb refusal from the header, decoding to upright sRGB."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable

import pytest
from PIL import Image, ImageCms, ImageFile

from fitroom.imaging import (
    MAX_SIDE,
    MEDIA_TYPES,
    ImageInfo,
    ImageRejected,
    decode_image,
    encode_image,
    sniff_format,
    validate_image,
)

MB = 1024 * 1024
LIMITS = {"max_bytes": 10 * MB, "max_pixels": 50_000_000}
RED, BLUE = (220, 20, 20), (20, 20, 220)


def encode(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def noise(size: tuple[int, int] = (320, 240)) -> Image.Image:
    """Incompressible pixels, so that cutting a file in half really cuts image data."""
    return Image.effect_noise(size, 64).convert("RGB")


def png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def png(width: int, height: int, *, bit_depth: int, color_type: int, row: bytes) -> bytes:
    """A PNG written by hand, for what Pillow will not write: 16-bit colour, huge sizes."""
    compressor = zlib.compressobj(9)
    line = b"\x00" + row  # filter type 0, then the raw row
    idat = b"".join(compressor.compress(line * min(1000, height - top)) for top in range(0, height, 1000))
    idat += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", idat) + png_chunk(b"IEND", b"")


def close(actual: float | tuple[int, ...] | None, expected: tuple[int, ...], tolerance: int = 12) -> bool:
    """Whether a pixel is within lossy-compression distance of the expected colour."""
    assert isinstance(actual, tuple)
    return all(abs(a - e) <= tolerance for a, e in zip(actual, expected, strict=True))


def rejection(data: bytes, **limits: int) -> ImageRejected:
    with pytest.raises(ImageRejected) as caught:
        validate_image(data, **{**LIMITS, **limits})
    return caught.value


def decode_rejection(data: bytes, max_pixels: int = LIMITS["max_pixels"]) -> ImageRejected:
    with pytest.raises(ImageRejected) as caught:
        decode_image(data, max_pixels=max_pixels)
    return caught.value


def animated_webp() -> bytes:
    frames = [Image.new("RGB", (30, 20), color) for color in (RED, BLUE)]
    return encode(frames[0], "WEBP", save_all=True, append_images=frames[1:], duration=100, lossless=True)


ACCEPTED: dict[str, Callable[[], bytes]] = {
    "jpeg": lambda: encode(noise(), "JPEG"),
    "progressive jpeg": lambda: encode(noise(), "JPEG", progressive=True),
    "png": lambda: encode(noise(), "PNG"),
    "lossy webp": lambda: encode(noise(), "WEBP"),
    "lossless webp": lambda: encode(noise(), "WEBP", lossless=True),
    "extended webp": lambda: encode(noise(), "WEBP", exif=Image.Exif().tobytes()),
}


@pytest.mark.parametrize("name", ACCEPTED)
def test_accepted_formats_validate_and_decode(name: str) -> None:
    data = ACCEPTED[name]()
    fmt = name.split()[-1]
    assert sniff_format(data) == fmt
    assert validate_image(data, **LIMITS) == ImageInfo(fmt, 320, 240)
    image = decode_image(data, max_pixels=LIMITS["max_pixels"])
    assert (image.mode, image.size) == ("RGB", (320, 240))


def test_animated_webp_is_accepted_and_its_first_frame_used() -> None:
    data = animated_webp()
    assert validate_image(data, **LIMITS) == ImageInfo("webp", 30, 20)
    assert close(decode_image(data, max_pixels=100_000).getpixel((5, 5)), RED)


def test_format_comes_from_content_not_from_the_file_name() -> None:
    assert sniff_format(encode(noise(), "PNG")) == "png"
    assert sniff_format(b"<html>not.jpg</html>") is None
    assert sniff_format(b"") is None


def test_zero_byte_file_is_invalid() -> None:
    error = rejection(b"")
    assert (error.code, error.status) == ("invalid_image", 422)
    assert decode_rejection(b"").code == "invalid_image"


UNSUPPORTED = {
    "gif": encode(Image.new("RGB", (10, 10)), "GIF"),
    "tiff": encode(Image.new("RGB", (10, 10)), "TIFF"),
    "bmp": encode(Image.new("RGB", (10, 10)), "BMP"),
    "svg": b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>',
    "pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "html renamed .jpg": b"<!DOCTYPE html><html><body><img src=x onerror=alert(1)></body></html>",
    "riff but not webp": b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(28),
}


@pytest.mark.parametrize("name", UNSUPPORTED)
def test_other_types_are_refused_as_unsupported(name: str) -> None:
    error = rejection(UNSUPPORTED[name])
    assert (error.code, error.status) == ("unsupported_image_type", 415)
    assert decode_rejection(UNSUPPORTED[name]).code == "unsupported_image_type"


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_files_are_invalid(fmt: str, keep: float) -> None:
    data = encode(noise(), fmt)
    cut = data[: int(len(data) * keep)]
    error = rejection(cut)
    assert (error.code, error.status) == ("invalid_image", 422)
    assert decode_rejection(cut).code == "invalid_image"


def test_progressive_jpeg_truncation_is_caught_by_the_reduced_scale_check() -> None:
    data = encode(noise(), "JPEG", progressive=True)
    assert rejection(data[: len(data) - 100]).code == "invalid_image"


def test_corrupt_headers_are_invalid() -> None:
    assert rejection(b"\xff\xd8\xff" + bytes(40)).code == "invalid_image"
    assert rejection(b"\x89PNG\r\n\x1a\n" + bytes(40)).code == "invalid_image"
    assert rejection(b"RIFF\x20\x00\x00\x00WEBPVP8 " + bytes(20)).code == "invalid_image"


def test_truncation_leaves_pillow_global_settings_alone() -> None:
    before = (ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS)
    data = encode(noise(), "JPEG")
    rejection(data[: len(data) // 2])
    decode_image(data, max_pixels=LIMITS["max_pixels"])
    assert before == (ImageFile.LOAD_TRUNCATED_IMAGES, Image.MAX_IMAGE_PIXELS)


def small_file_huge_png() -> bytes:
    """A real, complete 30000x30000 black-and-white PNG that compresses to about 100 kB."""
    return png(30_000, 30_000, bit_depth=1, color_type=0, row=bytes(30_000 // 8))


def with_jpeg_size(data: bytes, width: int, height: int) -> bytes:
    start = data.index(b"\xff\xc0")
    return data[: start + 5] + struct.pack(">HH", height, width) + data[start + 9 :]


def with_webp_canvas(data: bytes, width: int, height: int) -> bytes:
    assert data[12:16] == b"VP8X"
    return data[:24] + (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little") + data[30:]


BOMBS: dict[str, Callable[[], bytes]] = {
    "png": small_file_huge_png,
    "jpeg": lambda: with_jpeg_size(encode(Image.new("RGB", (16, 16)), "JPEG"), 60_000, 60_000),
    "webp": lambda: with_webp_canvas(ACCEPTED["extended webp"](), 16_384, 16_384),
}


@pytest.mark.parametrize("fmt", BOMBS)
def test_decompression_bombs_are_refused_from_the_header_before_pillow_sees_them(
    fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = BOMBS[fmt]()
    assert len(data) < 200_000

    def no_pillow(*args: object, **kwargs: object) -> Image.Image:
        raise AssertionError("Pillow was asked to open a file the header check should have refused")

    monkeypatch.setattr(Image, "open", no_pillow)
    for error in (rejection(data), decode_rejection(data)):
        assert (error.code, error.status) == ("invalid_image", 422)
        assert "too many pixels" in error.message


def test_pillow_bomb_guard_also_maps_to_too_many_pixels() -> None:
    widest = png(MAX_SIDE, MAX_SIDE, bit_depth=1, color_type=0, row=bytes(MAX_SIDE // 8))
    error = rejection(widest, max_pixels=10**12)
    assert error.code == "invalid_image" and "too many pixels" in error.message


@pytest.mark.parametrize(("width", "height"), [(100_000, 10), (10, 100_000), (MAX_SIDE + 1, 1)])
def test_a_side_over_the_limit_is_refused_from_the_header_whatever_the_pixel_count(
    width: int, height: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    strip = png(width, height, bit_depth=1, color_type=0, row=bytes(-(-width // 8)))
    monkeypatch.setattr(Image, "open", lambda *args, **kwargs: pytest.fail("Pillow opened a refused file"))
    for error in (rejection(strip), decode_rejection(strip)):
        assert (error.code, error.status) == ("invalid_image", 422)
        assert "side" in error.message


def test_the_longest_side_is_accepted() -> None:
    line = png(MAX_SIDE, 1, bit_depth=1, color_type=0, row=bytes(MAX_SIDE // 8))
    assert validate_image(line, **LIMITS) == ImageInfo("png", MAX_SIDE, 1)


def test_pixel_limit_is_inclusive() -> None:
    data = encode(Image.new("RGB", (100, 50)), "PNG")
    assert validate_image(data, max_bytes=MB, max_pixels=5000).width == 100
    assert "too many pixels" in rejection(data, max_pixels=4999).message


def test_files_over_the_size_cap_are_too_large() -> None:
    data = encode(noise(), "PNG")
    assert validate_image(data, max_bytes=len(data), max_pixels=LIMITS["max_pixels"]).format == "png"
    error = rejection(data, max_bytes=len(data) - 1)
    assert (error.code, error.status) == ("file_too_large", 413)


def test_rejection_carries_code_status_and_message() -> None:
    error = rejection(b"GIF89a" + bytes(20))
    assert str(error) == error.message
    assert error.message


def test_exif_rotated_jpeg_is_decoded_upright() -> None:
    stored = Image.new("RGB", (40, 20), RED)
    stored.paste(BLUE, (20, 0, 40, 20))
    exif = Image.Exif()
    exif[0x0112] = 6  # stored lying down: rotate 90° clockwise to view
    data = encode(stored, "JPEG", exif=exif, quality=95)
    assert validate_image(data, **LIMITS) == ImageInfo("jpeg", 40, 20)
    image = decode_image(data, max_pixels=LIMITS["max_pixels"])
    assert image.size == (20, 40)
    assert close(image.getpixel((10, 5)), RED)
    assert close(image.getpixel((10, 35)), BLUE)


def test_cmyk_jpeg_decodes_to_rgb() -> None:
    data = encode(Image.new("CMYK", (16, 16), (0, 255, 255, 0)), "JPEG")
    image = decode_image(data, max_pixels=1000)
    assert image.mode == "RGB"
    assert close(image.getpixel((8, 8)), (255, 0, 0))


def test_16_bit_grey_png_decodes_to_rgb_scaled_not_clipped() -> None:
    data = encode(Image.new("I;16", (8, 8), 0x8000), "PNG")
    image = decode_image(data, max_pixels=1000)
    assert image.mode == "RGB"
    assert close(image.getpixel((0, 0)), (128, 128, 128), tolerance=1)


def test_16_bit_rgb_png_decodes_to_rgb() -> None:
    data = png(4, 4, bit_depth=16, color_type=2, row=b"\xff\xff\x80\x00\x00\x00" * 4)
    image = decode_image(data, max_pixels=1000)
    assert (image.mode, image.getpixel((0, 0))) == ("RGB", (255, 128, 0))


def test_rgba_png_is_composited_over_white() -> None:
    image = Image.new("RGBA", (20, 10), (0, 0, 0, 0))
    image.paste((200, 10, 10, 255), (10, 0, 20, 10))
    decoded = decode_image(encode(image, "PNG"), max_pixels=1000)
    assert decoded.mode == "RGB"
    assert decoded.getpixel((0, 0)) == (255, 255, 255)
    assert decoded.getpixel((15, 5)) == (200, 10, 10)


def test_palette_png_with_transparency_is_composited_over_white() -> None:
    image = Image.new("P", (8, 8), 1)
    image.putpalette([0, 0, 0, 0, 120, 0])
    image.paste(0, (0, 0, 4, 8))
    decoded = decode_image(encode(image, "PNG", transparency=0), max_pixels=1000)
    assert decoded.mode == "RGB"
    assert (decoded.getpixel((0, 0)), decoded.getpixel((6, 0))) == ((255, 255, 255), (0, 120, 0))


def test_embedded_srgb_profile_is_applied() -> None:
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = encode(Image.new("RGB", (8, 8), (30, 160, 90)), "PNG", icc_profile=profile)
    assert close(decode_image(data, max_pixels=1000).getpixel((0, 0)), (30, 160, 90), tolerance=2)


def test_broken_profile_is_ignored_rather_than_failing_the_image() -> None:
    data = encode(Image.new("RGB", (8, 8), (30, 160, 90)), "JPEG", icc_profile=b"not an icc profile")
    assert close(decode_image(data, max_pixels=1000).getpixel((0, 0)), (30, 160, 90), tolerance=4)


@pytest.mark.parametrize("fmt", ["jpeg", "png", "webp"])
def test_encode_round_trips_through_validation(fmt: str) -> None:
    data = encode_image(Image.new("RGB", (30, 20), BLUE), fmt)
    assert sniff_format(data) == fmt
    assert MEDIA_TYPES[fmt] == f"image/{fmt}"
    assert validate_image(data, **LIMITS) == ImageInfo(fmt, 30, 20)


def test_encode_flattens_transparency_for_jpeg_and_refuses_unknown_formats() -> None:
    data = encode_image(Image.new("RGBA", (8, 8), (0, 0, 0, 0)), "jpeg")
    assert close(decode_image(data, max_pixels=1000).getpixel((4, 4)), (255, 255, 255), tolerance=2)
    with pytest.raises(ValueError):
        encode_image(Image.new("RGB", (8, 8)), "gif")
