"""Server-side SVG charts: a line, stacked bars and a heat map; scalable, no JavaScript.

Each chart is an image with a text equivalent (its `aria-label`, plus the table beside it on
the analytics and scorecard pages); axis titles and legends come from `cloud.web.labels`, in
the page's language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from babel.support import NullTranslations
from markupsafe import Markup, escape

from cloud.views.table import Table
from cloud.web.labels import header_text, value_text

PALETTE = (
    "#2563eb",
    "#dc2626",
    "#16a34a",
    "#d97706",
    "#7c3aed",
    "#0891b2",
    "#db2777",
    "#65a30d",
    "#475569",
)
_W, _H, _PAD = 640, 240, 40


def _svg(body: str, label: str, width: int = _W, height: int = _H) -> Markup:
    """The chart: text is 12 units unless a group says otherwise."""
    return Markup(
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" font-size="12" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">{body}</svg>'
    )


def _n(value: float) -> str:
    """A coordinate with at most one decimal and no trailing zero (lean markup)."""
    return f"{value:.1f}".removesuffix(".0")


def _axis_titles(x: str, y: str, width: int = _W, height: int = _H) -> str:
    """The x title under the axis, the y title up the left edge."""
    return (
        f'<g text-anchor="middle"><text x="{width / 2:.0f}" y="{height - 4}">{escape(x)}</text>'
        f'<text transform="translate(12 {height / 2:.0f}) rotate(-90)">{escape(y)}</text></g>'
    )


def _no_data(label: str, t: NullTranslations) -> Markup:
    text = t.gettext("no data")
    return _svg(f'<text x="20" y="30">{escape(text)}</text>', label)


def line(
    points: Sequence[tuple[float, float]],
    t: NullTranslations,
    lo: float = -1.0,
    hi: float = 1.0,
) -> Markup:
    """Customer sentiment (y in [lo, hi]) over seconds into the conversation (x, scaled)."""
    x_title, y_title = header_text("elapsed_s", t), header_text("sentiment", t)
    if not points:
        return _no_data(y_title, t)
    ys = [y for _, y in points]
    label = t.gettext(
        "%(what)s: %(n)d points from %(first)+.2f to %(last)+.2f, lowest %(low)+.2f"
    ) % {"what": y_title, "n": len(points), "first": ys[0], "last": ys[-1], "low": min(ys)}
    xs = [x for x, _ in points]
    x0, x1 = min(xs), max(xs) if max(xs) > min(xs) else min(xs) + 1

    def at(x: float, y: float) -> str:
        px = _PAD + (x - x0) / (x1 - x0) * (_W - 2 * _PAD)
        py = _H - _PAD - (y - lo) / (hi - lo) * (_H - 2 * _PAD)
        return f"{_n(px)},{_n(py)}"

    zero = at(x0, 0.0).split(",")[1]
    seconds = escape(t.gettext("s"))
    dots = "".join(
        f'<circle cx="{at(x, y).split(",")[0]}" cy="{at(x, y).split(",")[1]}" r="3">'
        f"<title>{x:.0f} {seconds}: {y:+.2f}</title></circle>"
        for x, y in points
    )
    return _svg(
        f'<line x1="{_PAD}" x2="{_W - _PAD}" y1="{zero}" y2="{zero}" stroke="#94a3b8" '
        f'stroke-dasharray="4"/>'
        f'<text x="20" y="{_PAD}">{hi:+.0f}</text>'
        f'<text x="20" y="{_H - _PAD}">{lo:+.0f}</text>'
        f'<polyline fill="none" stroke="{PALETTE[0]}" stroke-width="2" '
        f'points="{" ".join(at(x, y) for x, y in points)}"/><g fill="{PALETTE[0]}">{dots}</g>'
        + _axis_titles(x_title, y_title),
        label,
    )


def stacked_bars(
    categories: Sequence[str],
    series: Mapping[str, Sequence[int]],
    label: str,
    t: NullTranslations,
    axes: tuple[str, str] = ("", ""),
    trim: int = 0,
) -> Markup:
    """One bar per category, stacked by series, with a legend and axis titles `axes` (x, y)."""
    if not categories:
        return _no_data(label, t)
    totals = [sum(values[i] for values in series.values()) for i in range(len(categories))]
    top = max(totals) or 1
    y: float
    slot = (_W - 2 * _PAD) / len(categories)
    parts: list[str] = []
    ticks: list[str] = []
    width = _n(slot - 4)
    for i, category in enumerate(categories):
        y = _H - _PAD
        for j, (name, values) in enumerate(series.items()):
            h = values[i] / top * (_H - 2 * _PAD)
            if h:
                parts.append(
                    f'<rect x="{_n(_PAD + i * slot + 2)}" y="{_n(y - h)}" width="{width}" '
                    f'height="{_n(h)}" fill="{PALETTE[j % len(PALETTE)]}">'
                    f"<title>{escape(category)} {escape(name)}: {values[i]}</title></rect>"
                )
            y -= h
        if len(categories) <= 16 or i % (len(categories) // 8 + 1) == 0:
            ticks.append(f'<text x="{_n(_PAD + i * slot)}">{escape(category[trim:])}</text>')
    legend = "".join(
        f'<rect x="{_PAD + (k % 5) * 118}" y="{2 + (k // 5) * 13}" width="10" height="10" '
        f'fill="{PALETTE[k % len(PALETTE)]}"/><text x="{_PAD + (k % 5) * 118 + 14}" '
        f'y="{11 + (k // 5) * 13}" font-size="11">{escape(name)}</text>'
        for k, name in enumerate(series)
    )
    axis = f'<text x="22" y="{_PAD}">{top}</text>' + _axis_titles(*axes)
    labels = f'<g font-size="10" transform="translate(0 {_H - _PAD + 12})">{"".join(ticks)}</g>'
    return _svg(axis + legend + "".join(parts) + labels, label)


def heatmap(rows: Sequence[tuple[str, Sequence[int]]], label: str, t: NullTranslations) -> Markup:
    """Rows of 24 hourly values, darker is more; the hours' title under the grid."""
    if not rows:
        return _no_data(label, t)
    top = max(max(values) for _, values in rows) or 1
    cell, left = 22, 110
    height = 44 + cell * len(rows)
    hours = "".join(f'<text x="{left + h * cell + 4}">{h:02d}</text>' for h in range(24))
    parts = [f'<g font-size="10" transform="translate(0 14)">{hours}</g>']
    cells = []
    for r, (name, values) in enumerate(rows):
        y = 20 + r * cell
        parts.append(f'<text x="4" y="{y + 15}">{escape(name[:16])}</text>')
        for h, value in enumerate(values):
            opacity = f"{0.06 + 0.94 * value / top:.2f}".removeprefix("0")
            cells.append(
                f'<rect x="{left + h * cell}" y="{y}" width="{cell - 2}" height="{cell - 2}" '
                f'opacity="{opacity}"><title>{escape(name)} {h:02d}:00 {value}</title></rect>'
            )
    parts.append(f'<g fill="{PALETTE[0]}">{"".join(cells)}</g>')
    width = left + 24 * cell + 10
    parts.append(
        f'<text x="{left + 12 * cell}" y="{height - 4}" text-anchor="middle">'
        f"{escape(header_text('hour', t))}</text>"
    )
    return _svg("".join(parts), label, width=width, height=height)


def _ints(values: Sequence[object]) -> list[int]:
    return [int(v) if isinstance(v, int | float) else 0 for v in values]


def _see_table(what: str, t: NullTranslations) -> str:
    return t.gettext("%(what)s (the table below has the numbers)") % {"what": what}


def objections_over_time(table: Table, t: NullTranslations) -> Markup:
    """Stacked bars of objections per day from the `objections_by_day` table."""
    days = [str(row[0])[:10] for row in table.rows]
    series = {
        value_text(kind, t): _ints([row[i] for row in table.rows])
        for i, kind in enumerate(table.columns[1:], 1)
    }
    axes = (header_text("day", t), header_text("objections", t))
    return stacked_bars(
        days, series, _see_table(t.gettext("Objections per day"), t), t, axes, trim=5
    )


def traffic_heat(table: Table, t: NullTranslations) -> Markup:
    """The zone x hour heat map from the `traffic_by_zone_hour` table."""
    return heatmap(
        [(str(row[0]), _ints(row[1:25])) for row in table.rows],
        _see_table(t.gettext("Visitors by zone and hour"), t),
        t,
    )


def objections_per_person(table: Table, t: NullTranslations) -> Markup:
    """Handled and unhandled objections per salesperson from the scorecards table."""
    people = table.rows[:-1]
    raised = _ints([row[table.columns.index("objections")] for row in people])
    handled = _ints([row[table.columns.index("objections_handled")] for row in people])
    series = {
        header_text("handled", t): handled,
        header_text("not_handled", t): [r - h for r, h in zip(raised, handled, strict=True)],
    }
    axes = (header_text("salesperson", t), header_text("objections", t))
    label = t.gettext("Objections per salesperson (the table above has the numbers)")
    return stacked_bars([str(row[0]) for row in people], series, label, t, axes)
