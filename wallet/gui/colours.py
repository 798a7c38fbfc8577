"""The window's colours: one table of named roles per colour scheme, and the contrast rules
they keep (WCAG 2.1 AA), with no Qt here so the rules are checked without a display.

The style sheet (``assets/style.qss``) names roles as ``@role@``; :mod:`.theme` fills them
from :data:`SCHEMES` (or, under a high-contrast desktop theme, from :data:`SYSTEM`, the
desktop's own palette). :data:`PAIRS` lists every foreground drawn on every background,
with the ratio WCAG asks of it; ``tests/wallet/gui/test_colours.py`` checks them all.
"""

from __future__ import annotations

LIGHT, DARK = "light", "dark"

SCHEMES: dict[str, dict[str, str]] = {
    LIGHT: {
        "window": "#fbfcfd",  # window and dialog background
        "base": "#ffffff",  # fields, tables, buttons
        "surface": "#eef3f7",  # the section list, table headers, recovery words
        "hover": "#dde8f0",
        "text": "#1f2a33",
        "muted": "#566673",  # hints, notes
        "heading": "#1d5273",
        "disabled": "#7b8893",
        "border": "#7d8f9c",  # the edge that shows a field or button is one (WCAG 1.4.11)
        "divider": "#d8e2ea",  # grid lines and separators: decoration only
        "accent": "#2a6f97",  # primary buttons, focus rings, the selected section, progress
        "on_accent": "#ffffff",
        "accent_strong": "#1d5273",
        "accent_hover": "#23607f",
        "accent_disabled": "#9dbbcf",
        "on_accent_disabled": "#1f2a33",
        "link": "#24648a",
        "selection": "#cfe2ee",
        "on_selection": "#1f2a33",
        "ok": "#2e7d32",
        "ok_bg": "#e8f4ea",
        "ok_border": "#4f9a5b",
        "warn": "#8a5300",
        "warn_bg": "#fff4e0",
        "warn_border": "#b07a1e",
        "danger": "#b3261e",
        "danger_bg": "#fdecea",
        "on_danger_bg": "#9b1c1c",
        "danger_border": "#d9605a",
        "emergency_bg": "#9b1c1c",  # the emergency-access banner: unmistakable
        "on_emergency": "#ffffff",
        "preview": "#1f2a33",  # the camera preview before frames arrive
        "on_preview": "#eef3f7",
        "paper": "#ffffff",  # behind a QR code: scanners need dark modules on light, in any scheme
    },
    DARK: {
        "window": "#1b2127",
        "base": "#232b33",
        "surface": "#2a333c",
        "hover": "#34404b",
        "text": "#e3e9ee",
        "muted": "#a6b3be",
        "heading": "#8fc3e6",
        "disabled": "#7f8c97",
        "border": "#6f818f",
        "divider": "#3a4651",
        "accent": "#6fb1dc",
        "on_accent": "#0d1a23",
        "accent_strong": "#9ccbea",
        "accent_hover": "#86bfe3",
        "accent_disabled": "#3b5566",
        "on_accent_disabled": "#c9d4dc",
        "link": "#8fc3e6",
        "selection": "#2f5068",
        "on_selection": "#f1f5f8",
        "ok": "#7fcf87",
        "ok_bg": "#1e3524",
        "ok_border": "#4f9a5b",
        "warn": "#f0b65a",
        "warn_bg": "#3a2d14",
        "warn_border": "#a77a2c",
        "danger": "#ff8f86",
        "danger_bg": "#43201f",
        "on_danger_bg": "#ffc9c4",
        "danger_border": "#d0665e",
        "emergency_bg": "#b3261e",
        "on_emergency": "#ffffff",
        "preview": "#10151a",
        "on_preview": "#e3e9ee",
        "paper": "#ffffff",
    },
}

# Under a high-contrast desktop theme every role is the desktop palette's own: no colour of ours.
SYSTEM: dict[str, str] = {
    "window": "palette(window)", "base": "palette(base)", "surface": "palette(button)",
    "hover": "palette(midlight)", "text": "palette(window-text)", "muted": "palette(window-text)",
    "heading": "palette(window-text)", "disabled": "palette(mid)", "border": "palette(window-text)",
    "divider": "palette(mid)", "accent": "palette(highlight)", "on_accent": "palette(highlighted-text)",
    "accent_strong": "palette(window-text)", "accent_hover": "palette(highlight)",
    "accent_disabled": "palette(button)", "on_accent_disabled": "palette(mid)", "link": "palette(link)",
    "selection": "palette(highlight)", "on_selection": "palette(highlighted-text)",
    "ok": "palette(window-text)", "ok_bg": "palette(base)", "ok_border": "palette(window-text)",
    "warn": "palette(window-text)", "warn_bg": "palette(base)", "warn_border": "palette(window-text)",
    "danger": "palette(window-text)", "danger_bg": "palette(base)", "on_danger_bg": "palette(text)",
    "danger_border": "palette(window-text)", "emergency_bg": "palette(highlight)",
    "on_emergency": "palette(highlighted-text)", "preview": "palette(window)", "on_preview": "palette(window-text)",
    "paper": "#ffffff",  # a QR code is dark on light whatever the theme (scanners read nothing else)
}

TEXT, LARGE, UI, DISABLED = 4.5, 3.0, 3.0, 3.0
# WCAG 2.1 exempts inactive controls (1.4.3); we still keep disabled text at 3:1, readable
# yet plainly weaker than live text. Large text is 18 pt, or 14 pt bold, and up.

# (foreground, background, ratio): every role drawn on every role it sits on in the style sheet.
PAIRS: tuple[tuple[str, str, float], ...] = (
    ("text", "window", TEXT), ("text", "base", TEXT), ("text", "surface", TEXT), ("text", "hover", TEXT),
    ("muted", "window", TEXT), ("muted", "base", TEXT), ("muted", "surface", TEXT),
    ("heading", "window", TEXT), ("heading", "base", TEXT), ("heading", "surface", TEXT),
    ("disabled", "window", DISABLED), ("disabled", "base", DISABLED),
    ("link", "window", TEXT), ("link", "base", TEXT),
    ("on_accent", "accent", TEXT), ("on_accent", "accent_hover", TEXT), ("on_accent", "accent_strong", TEXT),
    ("on_accent_disabled", "accent_disabled", DISABLED),
    ("on_selection", "selection", TEXT),
    ("ok", "window", TEXT), ("ok", "base", TEXT), ("text", "ok_bg", TEXT),
    ("warn", "window", TEXT), ("warn", "base", TEXT), ("text", "warn_bg", TEXT),
    ("danger", "window", TEXT), ("danger", "base", TEXT), ("on_danger_bg", "danger_bg", TEXT),
    ("on_emergency", "emergency_bg", TEXT), ("on_preview", "preview", TEXT),
    # boundaries and marks a user must see to find a control (WCAG 1.4.11: 3:1)
    ("border", "window", UI), ("border", "base", UI), ("accent", "window", UI), ("accent", "base", UI),
    ("accent", "surface", UI), ("ok_border", "ok_bg", UI), ("warn_border", "warn_bg", UI),
    ("danger_border", "danger_bg", UI), ("ok", "ok_bg", UI), ("danger", "danger_bg", UI),
)
DECORATIVE = frozenset({"divider", "paper"})  # lines between cells; the QR's white ground (no text on it)
ICON = {"light": "#2f77a1", "dark": "#5ea6d6"}  # line icons' stroke per scheme, held to UI on every ground


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#rrggbb``: sRGB channels linearised, then weighted."""
    value = colour.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {colour!r}")
    channels = [int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio (1 to 21) of two ``#rrggbb`` colours, in either order."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def failures(scheme: str) -> list[tuple[str, str, float, float]]:
    """The pairs of ``scheme`` below their ratio: (foreground, background, ratio, needed)."""
    roles = SCHEMES[scheme]
    found = [(fg, bg, contrast_ratio(roles[fg], roles[bg]), need) for fg, bg, need in PAIRS]
    return [f for f in found if f[2] < f[3]]


def _shade(colour: str, lightness: float) -> str:
    """``colour`` with its HLS lightness set to ``lightness`` (0 to 1), hue and saturation kept."""
    import colorsys

    value = colour.lstrip("#")
    hue, _light, saturation = colorsys.rgb_to_hls(*(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)))
    r, g, b = colorsys.hls_to_rgb(hue, max(0.0, min(1.0, lightness)), saturation)
    return "#{:02x}{:02x}{:02x}".format(*(round(c * 255) for c in (r, g, b)))


def branded(scheme: str, accent: str | None) -> dict[str, str]:
    """The roles of ``scheme`` with a pilot's ``accent`` (and its shades) in place of ours,
    made lighter or darker until every pair of :data:`PAIRS` that holds an accent still passes
    (a disabled primary button keeps our own muted shade)."""
    roles = dict(SCHEMES[scheme])
    if not accent or accent.lower() == SCHEMES[LIGHT]["accent"]:
        return roles
    relative_luminance(accent)  # refuses what is not #rrggbb
    step = -0.02 if scheme == LIGHT else 0.02  # darker under white text, lighter under dark text
    import colorsys

    value = accent.lstrip("#")
    lightness = colorsys.rgb_to_hls(*(int(value[i:i + 2], 16) / 255 for i in (0, 2, 4)))[1]
    for _ in range(60):
        shades = {"accent": _shade(accent, lightness), "accent_hover": _shade(accent, lightness + step),
                  "accent_strong": _shade(accent, lightness + 2 * step)}
        trial = {**roles, **shades}
        if not [p for p in PAIRS if "accent" in p[0] + p[1] and contrast_ratio(trial[p[0]], trial[p[1]]) < p[2]]:
            return trial
        lightness += step
    return roles  # an accent no shade of which reads: keep ours
