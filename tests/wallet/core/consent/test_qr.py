"""wallet.core.qr: render, read back, read back from a "photograph", and refuse bad images."""

from __future__ import annotations

import io
import random
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings
from PIL import Image, ImageDraw, ImageFilter

from wallet.core.consent import qr
from wallet.core.consent.grant_code import GrantCode, decode_grant, encode_grant
from wallet.core.errors import FileTooLarge, QrNotFound, UnreadableFile

from .test_grant_code import TYPICAL, grants

TEXT = encode_grant(TYPICAL)


def test_png_round_trip_and_size() -> None:
    png = qr.render_png(TEXT)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    _version, modules = qr.qr_size(TEXT)
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == ((modules + 2 * qr.BORDER) * qr.BOX_SIZE,) * 2
    assert qr.decode_image(png) == [TEXT]
    assert decode_grant(qr.decode_image(png)[0]) == TYPICAL


@settings(max_examples=15, deadline=None)
@given(grants)
def test_any_grant_survives_render_and_scan(grant: GrantCode) -> None:
    text = encode_grant(grant)
    assert decode_grant(qr.decode_image(qr.render_png(text, box_size=4))[0]) == grant


def test_save_png_and_decode_from_path(tmp_path: Path) -> None:
    path = tmp_path / "grant.png"
    qr.save_png(TEXT, path)
    assert qr.decode_image(path) == [TEXT]
    assert qr.decode_image(str(path)) == [TEXT]


def test_svg_is_a_single_path_document() -> None:
    svg = qr.render_svg(TEXT)
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert len([e for e in root.iter() if e.tag.endswith("path")]) == 1


def test_non_alphanumeric_text_falls_back_to_byte_mode() -> None:
    url = "https://example.org/lower-case?x=1"
    assert qr.decode_image(qr.render_png(url)) == [url]


def _photograph(png: bytes, seed: int = 7) -> bytes:
    """The QR on a phone photo: rotated, scaled down, blurred, noisy, on a busy background, JPEG."""
    rng = random.Random(seed)
    code = Image.open(io.BytesIO(png)).convert("RGB")
    code = code.rotate(15, expand=True, fillcolor=(250, 250, 245), resample=Image.Resampling.BICUBIC)
    code = code.resize((code.width * 3 // 5, code.height * 3 // 5), Image.Resampling.BILINEAR)
    code = Image.blend(code, Image.effect_noise(code.size, 60).convert("RGB"), 0.2)
    code = code.filter(ImageFilter.GaussianBlur(1.0))
    background = Image.frombytes("RGB", (1600, 1200), rng.randbytes(1600 * 1200 * 3))
    background = background.filter(ImageFilter.GaussianBlur(2))
    draw = ImageDraw.Draw(background)
    for _ in range(40):  # clutter: a desk with papers on it
        x, y = rng.randrange(1600), rng.randrange(1200)
        draw.rectangle((x, y, x + rng.randrange(30, 200), y + rng.randrange(30, 200)),
                       outline=(0, 0, 0), width=3)
    background.paste(code, (rng.randrange(100, 400), rng.randrange(100, 300)))
    out = io.BytesIO()
    background.save(out, format="JPEG", quality=75)
    return out.getvalue()


def test_decodes_a_photograph() -> None:
    photo = _photograph(qr.render_png(TEXT))
    assert qr.decode_image(photo) == [TEXT]


def test_decodes_a_pil_image_and_rgba_input() -> None:
    image = Image.open(io.BytesIO(qr.render_png(TEXT))).convert("RGBA")
    assert qr.decode_image(image) == [TEXT]
    out = io.BytesIO()
    image.save(out, format="PNG")
    assert qr.decode_image(out.getvalue()) == [TEXT]


def test_two_codes_in_one_image() -> None:
    other = encode_grant(GrantCode(("http://127.0.0.1:9000",), bytes(32), bytes(32)))
    first = Image.open(io.BytesIO(qr.render_png(TEXT, box_size=5))).convert("L")
    second = Image.open(io.BytesIO(qr.render_png(other, box_size=5))).convert("L")
    canvas = Image.new("L", (first.width + second.width + 40, max(first.height, second.height)), 255)
    canvas.paste(first, (0, 0))
    canvas.paste(second, (first.width + 40, 0))
    assert sorted(qr.decode_image(canvas)) == sorted([TEXT, other])


def test_no_code_in_image() -> None:
    blank = Image.new("RGB", (400, 300), (255, 255, 255))
    with pytest.raises(QrNotFound):
        qr.decode_image(blank)
    noise = Image.frombytes("L", (300, 300), random.Random(1).randbytes(300 * 300))
    with pytest.raises(QrNotFound):
        qr.decode_image(noise)


def test_unreadable_images(tmp_path: Path) -> None:
    png = qr.render_png(TEXT)
    for bad in (b"", b"not an image at all", png[: len(png) // 2]):
        with pytest.raises(UnreadableFile):
            qr.decode_image(bad)
    with pytest.raises(UnreadableFile):
        qr.decode_image(tmp_path / "absent.png")
    with pytest.raises(UnreadableFile):
        qr.decode_image(tmp_path)  # a directory


def test_oversized_image_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(qr, "MAX_IMAGE_BYTES", 100)
    path = tmp_path / "big.png"
    path.write_bytes(qr.render_png(TEXT))
    with pytest.raises(FileTooLarge):
        qr.decode_image(path)
    with pytest.raises(FileTooLarge):
        qr.decode_image(path.read_bytes())


def test_grainy_low_contrast_photo_needs_the_cleaned_variants() -> None:
    """Salt-and-pepper sensor noise in dim light: the raw image fails, the median-filtered one reads."""
    rng = random.Random(3)
    image = Image.open(io.BytesIO(qr.render_png(TEXT, box_size=4))).convert("L")
    image = image.rotate(15, expand=True, fillcolor=255, resample=Image.Resampling.BICUBIC)
    pixels = image.load()
    for _ in range(image.width * image.height // 10):
        pixels[rng.randrange(image.width), rng.randrange(image.height)] = rng.choice((0, 255))
    image = image.point(lambda v: 110 + v * 40 // 255)
    assert qr._read(image) == []
    assert qr.decode_image(image) == [TEXT]
