"""Small server-rendered SVG charts: no JavaScript, no CDN, readable without colour."""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]
    css: str  # a class in wellbeing.css: s1, s2, s3


def _nice_max(value: float) -> float:
    if value <= 0 or math.isnan(value):
        return 1.0
    exponent = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * exponent:
            return step * exponent
    return 10 * exponent


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def line_chart(
    *,
    title: str,
    labels: list[str],
    series: list[Series],
    y_max: float | None = None,
    line: float | None = None,
    line_label: str = "",
    width: int = 640,
    height: int = 220,
) -> SafeString:
    """A line chart with one polyline per series; gaps where a value is missing."""
    left, right, top, bottom = 44, 12, 14, 24
    plot_w, plot_h = width - left - right, height - top - bottom
    present = [v for s in series for v in s.values if not _missing(v)]
    top_value = y_max or _nice_max(max([*present, line or 0, 0]) * 1.1)
    count = max(len(labels), 1)

    def x(i: int) -> float:
        return left + (plot_w * (i + 0.5) / count)

    def y(v: float) -> float:
        return top + plot_h - plot_h * min(max(v / top_value, 0), 1)

    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for step in range(5):
        value = top_value * step / 4
        yy = y(value)
        parts.append(
            f'<line class="grid" x1="{left}" x2="{width - right}" y1="{yy:.1f}" y2="{yy:.1f}"/>'
            f'<text class="tick" x="{left - 6}" y="{yy + 4:.1f}" text-anchor="end">'
            f"{value:g}</text>"
        )
    every = max(1, math.ceil(count / 12))
    for i, label in enumerate(labels):
        if i % every == 0:
            parts.append(
                f'<text class="tick" x="{x(i):.1f}" y="{height - bottom + 16}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    if line is not None:
        parts.append(
            f'<line class="limit" x1="{left}" x2="{width - right}" '
            f'y1="{y(line):.1f}" y2="{y(line):.1f}"/>'
            f'<text class="limit-label" x="{width - right}" y="{y(line) - 4:.1f}" '
            f'text-anchor="end">{escape(line_label)}</text>'
        )
    for s in series:
        runs: list[list[str]] = [[]]
        for i, v in enumerate(s.values):
            if _missing(v):
                if runs[-1]:
                    runs.append([])
                continue
            runs[-1].append(f"{x(i):.1f},{y(float(v)):.1f}")
            parts.append(
                f'<circle class="{s.css}" cx="{x(i):.1f}" cy="{y(float(v)):.1f}" r="3">'
                f"<title>{escape(labels[i])}: {float(v):.1f}</title></circle>"
            )
        for run in runs:
            if len(run) > 1:
                parts.append(f'<polyline class="{s.css}" points="{" ".join(run)}"/>')
    parts.append("</svg>")
    # The legend is HTML under the chart, so long (translated) names wrap instead of clipping.
    parts.append('<ul class="chart-legend">')
    for s in series:
        parts.append(f'<li><span class="swatch {s.css}"></span>{escape(s.name)}</li>')
    parts.append("</ul>")
    return mark_safe("".join(parts))  # noqa: S308 — every text above is escaped
