"""QR codes for grant codes: render them for a screen or paper, read them back from images.

Rendering uses ``qrcode`` in alphanumeric mode (grant codes are upper-case base32 by design),
error correction M (15 % of the symbol may be damaged: SMART Health Cards' choice), a 4-module
quiet zone as ISO/IEC 18004 asks, and 10-pixel modules so a version-9 code is 610 px.

Reading uses ZXing-C++. A photograph (tilted, blurred, small, busy background) is tried as
is, then in grey with stretched contrast, then median-filtered (grainy low-light sensor
noise defeats the binarizer until it is removed; a test shows such a case), then downscaled:
noise and JPEG blocks at full resolution sometimes hide finder patterns a smaller copy shows.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from pathlib import Path

import qrcode
import qrcode.constants
import qrcode.image.svg
import qrcode.util
import zxingcpp
from PIL import Image, ImageFilter, ImageOps, UnidentifiedImageError

from ..atomic_file import atomic_write
from ..errors import FileTooLarge, QrNotFound, UnreadableFile

BOX_SIZE = 10
BORDER = 4
MAX_IMAGE_BYTES = 50 * 1024 * 1024
_DOWNSCALE_SIDES = (1600, 1000, 640)
_ALPHANUMERIC = frozenset(qrcode.util.ALPHA_NUM.decode("ascii"))  # 0-9 A-Z space $%*+-./:

ImageSource = str | os.PathLike[str] | bytes | Image.Image


def _build(text: str) -> qrcode.QRCode:
    """A fitted QR symbol; alphanumeric mode when the text allows it (much denser than bytes)."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=BOX_SIZE, border=BORDER
    )
    mode = qrcode.util.MODE_ALPHA_NUM if _is_alphanumeric(text) else qrcode.util.MODE_8BIT_BYTE
    code.add_data(qrcode.util.QRData(text.encode("utf-8"), mode=mode))
    code.make(fit=True)
    return code


def _is_alphanumeric(text: str) -> bool:
    return set(text) <= _ALPHANUMERIC


def qr_size(text: str) -> tuple[int, int]:
    """(QR version, modules per side) that ``text`` needs at error correction M."""
    code = _build(text)
    return code.version, code.modules_count


def render_png(text: str, box_size: int = BOX_SIZE) -> bytes:
    """PNG bytes of the QR code for ``text`` (black on white, 1 bit per pixel)."""
    code = _build(text)
    code.box_size = box_size
    out = io.BytesIO()
    code.make_image().save(out, format="PNG")
    return out.getvalue()


def save_png(text: str, path: str | os.PathLike[str], box_size: int = BOX_SIZE) -> None:
    """Write the PNG to ``path`` atomically (readable by others: it is meant to be shared)."""
    atomic_write(path, render_png(text, box_size), mode=0o644)


def render_svg(text: str) -> str:
    """SVG document (one path, scalable) of the QR code for ``text``."""
    image = _build(text).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    return image.to_string(encoding="unicode")


def decode_image(source: ImageSource) -> list[str]:
    """Texts of all QR codes found in an image file, its bytes, or a PIL image.

    :class:`UnreadableFile` when the image cannot be opened, :class:`FileTooLarge` above
    ``MAX_IMAGE_BYTES``, :class:`QrNotFound` when it holds no readable QR code.
    """
    image = source if isinstance(source, Image.Image) else _load(source)
    for variant in _variants(image):
        texts = _read(variant)
        if texts:
            return texts
    raise QrNotFound()


def _load(source: str | os.PathLike[str] | bytes) -> Image.Image:
    try:
        data = source if isinstance(source, bytes) else _read_file(Path(source))
        if len(data) > MAX_IMAGE_BYTES:
            raise FileTooLarge(detail=f"image over {MAX_IMAGE_BYTES} bytes")
        image = Image.open(io.BytesIO(data))
        image.load()
        return ImageOps.exif_transpose(image)  # phone photos store their rotation in EXIF
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, ValueError, SyntaxError) as exc:
        raise UnreadableFile(detail=f"image: {type(exc).__name__}") from None


def _read_file(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_IMAGE_BYTES:
            raise FileTooLarge(detail=f"image over {MAX_IMAGE_BYTES} bytes")
        return path.read_bytes()
    except OSError as exc:
        raise UnreadableFile(detail=f"{type(exc).__name__} errno={exc.errno}") from None


def _variants(image: Image.Image) -> Iterator[Image.Image]:
    """The image as is, then easier versions of it, cheapest first."""
    base = image.convert("RGB") if image.mode not in ("RGB", "L") else image
    yield base
    grey = ImageOps.autocontrast(base.convert("L"), cutoff=1)
    yield grey
    yield grey.filter(ImageFilter.MedianFilter(3))
    for side in _DOWNSCALE_SIDES:
        if max(grey.size) > side:
            small = grey.copy()
            small.thumbnail((side, side), Image.Resampling.LANCZOS)
            yield small


def _read(image: Image.Image) -> list[str]:
    """Unique QR texts ZXing finds in ``image``, in reading order."""
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode))
    texts: list[str] = []
    for result in results:
        if result.text and result.text not in texts:
            texts.append(result.text)
    return texts
