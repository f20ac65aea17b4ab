"""Bar charts as SVG, drawn on the server: no script, prints as crisply as the text around it.

A withheld figure gets no bar at all, only its label ("<5" or "x"): a bar's length would give
the number away. The scale comes from published values only, so it says nothing about withheld
ones. Colours are presentation attributes (the Content-Security-Policy allows no inline style).
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH = 640
LABEL_WIDTH = 230
BAR_AREA = 330
ROW = 24
INK = "#1b1b1b"
BAR = "#0b5394"
MUTED = "#4a4a4a"


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # None: withheld, drawn without a bar
    text: str  # what is written at the end of the bar ("12", "<5", "x", "93%")


def bar_chart(title: str, bars: list[Bar], *, scale_max: float | None = None) -> Markup:
    """A horizontal bar chart; `scale_max` fixes the scale (1.0 for shares)."""
    published = [b.value for b in bars if b.value is not None]
    top = scale_max if scale_max is not None else max(published, default=0.0)
    height = ROW * len(bars) + 34
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
        f'<text x="0" y="16" font-size="14" font-weight="700" fill="{INK}">{escape(title)}</text>',
    ]
    for index, bar in enumerate(bars):
        y = 28 + ROW * index
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + 15}" font-size="12" '
                     f'text-anchor="end" fill="{INK}">{escape(bar.label)}</text>')
        length = 0.0
        if bar.value and top > 0:
            length = round(BAR_AREA * bar.value / top, 1)
            parts.append(f'<rect x="{LABEL_WIDTH}" y="{y + 3}" width="{length}" height="16" '
                         f'fill="{BAR}"/>')
        colour = INK if bar.value is not None else MUTED
        parts.append(f'<text x="{LABEL_WIDTH + length + 6}" y="{y + 15}" font-size="12" '
                     f'fill="{colour}">{escape(bar.text)}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))  # noqa: S704 - every piece of text above is escaped
