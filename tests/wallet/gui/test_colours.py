"""The style's colours meet WCAG 2.1 AA in both schemes: every foreground on every ground it is
drawn on (4.5:1 for text, 3:1 for large text and the edges that show a control), the relative
luminance computed as WCAG defines it; the style sheet names only these roles, no colour of its
own, and no font size of its own."""

from __future__ import annotations

import re

import pytest

from wallet.gui import colours
from wallet.gui.colours import DARK, LIGHT, PAIRS, SCHEMES, contrast_ratio, relative_luminance

QT_FREE = True


def test_relative_luminance_and_ratio_as_wcag_defines_them():
    assert relative_luminance("#ffffff") == pytest.approx(1.0)
    assert relative_luminance("#000000") == 0.0
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    # the known edge: #767676 is the lightest grey passing 4.5:1 on white, #777777 fails it
    assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)
    assert contrast_ratio("#777777", "#ffffff") < 4.5
    # the linear segment of the sRGB curve (channel <= 0.04045, i.e. 10 of 255)
    assert relative_luminance("#0a0a0a") == pytest.approx((10 / 255) / 12.92)
    with pytest.raises(ValueError):
        relative_luminance("#fff")


@pytest.mark.parametrize("scheme", [LIGHT, DARK])
def test_every_pair_meets_wcag_aa(scheme):
    roles = SCHEMES[scheme]
    assert colours.failures(scheme) == []
    for need in sorted({n for _f, _b, n in PAIRS}):
        ratio, fg, bg = min((contrast_ratio(roles[f], roles[b]), f, b) for f, b, n in PAIRS if n == need)
        print(f"{scheme}: lowest of the pairs needing {need}:1 is {fg} on {bg}, {ratio:.2f}:1")


@pytest.mark.parametrize("scheme", [LIGHT, DARK])
def test_icons_stand_out_on_every_ground_they_sit_on(scheme):
    roles = SCHEMES[scheme]
    for ground in ("window", "base", "surface", "hover", "selection"):
        assert contrast_ratio(colours.ICON[scheme], roles[ground]) >= colours.UI, ground


def test_every_role_is_checked_or_decoration_and_both_schemes_have_all():
    assert set(SCHEMES[LIGHT]) == set(SCHEMES[DARK]) == set(colours.SYSTEM)
    used = {role for fg, bg, _n in PAIRS for role in (fg, bg)}
    assert set(SCHEMES[LIGHT]) - used == colours.DECORATIVE


def test_high_contrast_uses_the_desktops_palette_only():
    """Under a high-contrast theme no colour of ours is left (bar the QR code's white ground)."""
    own = {role: value for role, value in colours.SYSTEM.items() if not value.startswith("palette(")}
    assert own == {"paper": "#ffffff"}


@pytest.mark.parametrize("accent", ["#1a7f64", "#ffcc00", "#ffffff", "#000000", "#2a6f97", "#7f00ff"])
@pytest.mark.parametrize("scheme", [LIGHT, DARK])
def test_a_pilots_accent_is_shaded_until_it_keeps_contrast(scheme, accent):
    roles = colours.branded(scheme, accent)
    assert [(f, b) for f, b, need in PAIRS if contrast_ratio(roles[f], roles[b]) < need] == []


def test_style_sheet_has_no_colour_and_no_font_size_of_its_own():
    from pathlib import Path

    sheet = (Path(__file__).resolve().parents[3] / "assets" / "style.qss").read_text("utf-8")
    body = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    assert not re.findall(r"#[0-9a-fA-F]{3,8}\b", body), "a fixed colour would ignore the scheme"
    assert not re.findall(r"font-size:\s*[0-9]", body), "sizes are factors of the user's font"
    assert set(re.findall(r"@([a-z_]+)@", body)) - {"ICONS", "ARROW"} <= set(SCHEMES[LIGHT])
    assert "font-size" not in re.search(r"QWidget \{[^}]*\}", body).group(0)
