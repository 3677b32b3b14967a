"""The grade-per-section bar chart: inline SVG, readable without colour.

Each bar carries its grade and band as text, bands also differ by fill pattern (plain, hatched,
cross-hatched), and a dashed line labelled with the limit marks `max-grade`. Colours are dark
enough on white for WCAG AA (text at least 4.5:1, bar edges at least 3:1).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 360  # viewBox width: drawn 1:1 on a 375 px phone, scaled up to the column on a desktop
LABEL_H = 16
BAR_H = 14
ROW_GAP = 8
LEFT = 4
BAR_W = 250  # px for the largest grade shown (its value label still fits)
MAX_LABEL = 52


@dataclass(frozen=True)
class Bar:
    label: str
    grade: float | None  # None: a section without prose to score
    band: str  # easy | standard | hard | "" (no prose)
    words: int
    target: str = ""  # id of the section's heading: the row links to it


def _fit(text: str, limit: int = MAX_LABEL) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def render(bars: list[Bar], max_grade: float, title_id: str) -> str:
    """The chart as an <svg> element (role=img, its own title and description)."""
    scored = [b.grade for b in bars if b.grade is not None]
    top = max([max_grade * 1.25, *[max(g, 0) for g in scored], 1.0])
    scale = BAR_W / top
    row = LABEL_H + BAR_H + ROW_GAP
    height = 8 + row * len(bars) + 14
    desc = "; ".join(
        f"{b.label}: " + (f"grade {b.grade:.1f}, {b.band}" if b.grade is not None else "no prose") for b in bars
    )
    out = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{title_id} {title_id}-desc">',
        f'<title id="{title_id}">Flesch-Kincaid grade per section (limit {max_grade:g})</title>',
        f'<desc id="{title_id}-desc">{escape(desc)}</desc>',
        "<defs>",
        f'<pattern id="{title_id}-standard" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#fbe7a1"/><line x1="0" y1="0" x2="0" y2="6" stroke="#8a6100" stroke-width="2"/></pattern>',
        f'<pattern id="{title_id}-hard" width="6" height="6" patternUnits="userSpaceOnUse">'
        '<rect width="6" height="6" fill="#f6c2c2"/><path d="M0 0L6 6M6 0L0 6" stroke="#a3161a" stroke-width="1.4"/></pattern>',
        "</defs>",
    ]
    fills = {"easy": "#c9e8d2", "standard": f"url(#{title_id}-standard)", "hard": f"url(#{title_id}-hard)"}
    edges = {"easy": "#2d6a3e", "standard": "#8a6100", "hard": "#a3161a"}
    y = 8
    bottom = y + row * len(bars)
    limit_x = LEFT + max_grade * scale
    # drawn first, so bars and their labels sit on top of it
    out.append(
        f'<line x1="{limit_x:.1f}" y1="4" x2="{limit_x:.1f}" y2="{bottom - ROW_GAP + 2}" stroke="#333333" '
        'stroke-width="1.2" stroke-dasharray="4 3"/>'
    )
    for b in bars:
        label = escape(_fit(b.label))
        if b.target:  # the row links to its section's heading
            out.append(f'<a href="#{escape(b.target)}">')
        out.append(f'<text class="label" x="{LEFT}" y="{y + 12}">{label}</text>')
        by = y + LABEL_H
        if b.grade is None:
            out.append(f'<text class="value" x="{LEFT}" y="{by + 11}">no prose</text>')
        else:
            w = max(2.0, max(b.grade, 0) * scale)
            out.append(
                f'<rect x="{LEFT}" y="{by}" width="{w:.1f}" height="{BAR_H}" fill="{fills[b.band]}" '
                f'stroke="{edges[b.band]}" stroke-width="1"/>'
            )
            text_x = LEFT + w + 4
            value = f"{b.grade:.1f} {b.band}"
            # a white backing keeps the label readable where it crosses the limit line
            out.append(f'<rect x="{text_x - 1:.1f}" y="{by}" width="{len(value) * 7 + 2}" height="{BAR_H}" fill="#ffffff"/>')
            out.append(f'<text class="value" x="{text_x:.1f}" y="{by + 11}">{value}</text>')
        if b.target:
            out.append("</a>")
        y += row
    out.append(f'<text class="limit" x="{limit_x:.1f}" y="{y + 10}" text-anchor="middle">limit {max_grade:g}</text>')
    out.append("</svg>")
    return "".join(out)
