#!/usr/bin/env python3
"""Writes the monthly service review as one self-contained HTML page.

Runs the SQL files beside this script with psql (--csv) against a database
holding the service desk of test/review/desk.sql, and draws each result as
inline SVG: no scripts, no fonts or styles from elsewhere, nothing fetched.
Python 3 standard library only.

    python3 test/review/render.py [-d DBNAME] [-o review.html]
                                  [--month 2026-11-01] [--at '2026-12-01 18:00+01']
                                  [--service 'Service desk'] [--priority 3]

The connection comes from the usual PGHOST, PGPORT, PGUSER variables. Each
SQL file returns one chart's data in a plottable shape; open one with psql
to see what the chart shows, or adapt it to your own tables.
"""

import argparse
import csv
import datetime as dt
import html
import io
import math
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

# A calm palette: one colour per service, muted greys for the frame, a red
# kept for what went wrong.
SERVICE_COLOURS = {"Network": "#3f6fa8", "Service desk": "#3c9283", "ERP": "#c0892f"}
EXTRA_COLOURS = ["#7c68a6", "#b0605a", "#5b8a3a"]
INK = "#27313d"
MUTED = "#6b7682"
GRID = "#e3e7ec"
BAD = "#c2453d"
GOOD = "#3b8f5a"
KANO_COLOURS = {"A": "#3b8f5a", "O": "#3f6fa8", "M": "#7c68a6",
                "I": "#98a2ad", "R": "#c2453d", "Q": "#c0892f"}
KANO_NAMES = {"A": "Attractive", "O": "One-dimensional", "M": "Must-be",
              "I": "Indifferent", "R": "Reverse", "Q": "Questionable"}
MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun",
          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def psql(args, script):
    """Runs a psql script (on standard input) and returns what it prints."""
    cmd = ["psql", "-X", "-q", "--csv", "-v", "ON_ERROR_STOP=1"]
    if args.dbname:
        cmd += ["-d", args.dbname]
    if args.month:
        cmd += ["-v", "month=" + args.month]
    if args.at:
        cmd += ["-v", "at=" + args.at]
    cmd += ["-v", "service=" + args.dservice, "-v", f"priority={args.dpriority:d}"]
    return subprocess.run(cmd, input=script, check=True, capture_output=True, text=True).stdout


def query(name, args):
    """Runs test/review/<name>.sql and returns its rows as dicts."""
    out = psql(args, "\\i '%s'\n" % os.path.join(HERE, name + ".sql").replace("'", "''"))
    return list(csv.DictReader(io.StringIO(out)))


def colour(service):
    if service not in SERVICE_COLOURS:
        SERVICE_COLOURS[service] = EXTRA_COLOURS[len(SERVICE_COLOURS) % len(EXTRA_COLOURS)]
    return SERVICE_COLOURS[service]


def esc(s):
    return html.escape(str(s), quote=True)


def num(s):
    return None if s in (None, "") else float(s)


def pct(x, digits=1):
    return "–" if x is None else f"{100 * x:.{digits}f}%"


def fmt_interval(s):
    """'-16:00:00.000001' -> '-16 h 00 min'."""
    if not s:
        return "–"
    neg = s.startswith("-")
    h, m, _ = s.lstrip("-").split(":")
    return f"{'−' if neg else ''}{int(h)} h {int(m):02d} min"


def fmt_instant(s):
    """'2026-11-06 15:00:00.000001+01' -> 'Fri 6 Nov 15:00'."""
    if not s:
        return "–"
    d = dt.datetime.fromisoformat(s[:16])
    return f"{d.strftime('%a')} {d.day} {MONTHS[d.month - 1]} {d:%H:%M}"


def nice_ticks(lo, hi, n=5):
    """Round tick values covering [lo, hi]."""
    span = hi - lo
    if span <= 0:
        return [lo]
    raw = span / n
    mag = 10 ** math.floor(math.log10(raw))
    step = min((m * mag for m in (1, 2, 2.5, 5, 10) if m * mag >= raw), default=10 * mag)
    first = math.ceil(lo / step - 1e-9) * step
    ticks = []
    t = first
    while t <= hi + step * 1e-9:
        ticks.append(round(t, 10))
        t += step
    return ticks


class Scale:
    """A linear map from data values to pixels."""

    def __init__(self, d0, d1, r0, r1):
        self.d0, self.d1, self.r0, self.r1 = d0, d1, r0, r1

    def __call__(self, v):
        if self.d1 == self.d0:
            return (self.r0 + self.r1) / 2
        return self.r0 + (v - self.d0) * (self.r1 - self.r0) / (self.d1 - self.d0)


class Svg:
    """Collects the elements of one chart."""

    def __init__(self, key, width, height, title, desc):
        self.key, self.width, self.height = key, width, height
        self.title, self.desc = title, desc
        self.parts = []

    def add(self, s):
        self.parts.append(s)

    def text(self, x, y, s, cls="", anchor="start", extra=""):
        self.add(f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" class="{cls}"{extra}>{esc(s)}</text>')

    def line(self, x1, y1, x2, y2, cls="", extra=""):
        self.add(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="{cls}"{extra}/>')

    def render(self):
        return (f'<svg class="chart" data-chart="{self.key}" '
                f'viewBox="0 0 {self.width} {self.height}" width="{self.width}" height="{self.height}" '
                f'role="img" aria-labelledby="{self.key}-title {self.key}-desc">'
                f'<title id="{self.key}-title">{esc(self.title)}</title>'
                f'<desc id="{self.key}-desc">{esc(self.desc)}</desc>'
                + "".join(self.parts) + "</svg>")


def y_axis(svg, scale, ticks, x0, x1, label, fmt, label_x=16):
    """Horizontal grid lines with their values, and the axis title."""
    for t in ticks:
        y = scale(t)
        svg.line(x0, y, x1, y, "grid")
        svg.text(x0 - 6, y + 4, fmt(t), "tick", "end")
    mid = (scale(ticks[0]) + scale(ticks[-1])) / 2
    svg.text(label_x, mid, label, "axis-label", "middle",
             f' transform="rotate(-90 {label_x} {mid:.1f})"')


def x_axis_label(svg, x, y, label):
    svg.text(x, y, label, "axis-label", "middle")


def legend(svg, x, y, items, width=None):
    """A row of swatches: items are (label, colour, kind) with kind line, dash, dot or box."""
    svg.add(f'<g class="legend">')
    for label, col, kind in items:
        if kind == "line":
            svg.add(f'<line x1="{x}" y1="{y - 4}" x2="{x + 18}" y2="{y - 4}" stroke="{col}" stroke-width="2.5"/>')
        elif kind == "dash":
            svg.add(f'<line x1="{x}" y1="{y - 4}" x2="{x + 18}" y2="{y - 4}" stroke="{col}" stroke-width="1.5" stroke-dasharray="4 3"/>')
        elif kind == "dot":
            svg.add(f'<circle cx="{x + 9}" cy="{y - 4}" r="5" fill="{col}"/>')
        else:
            svg.add(f'<rect x="{x + 3}" y="{y - 10}" width="12" height="12" rx="2" fill="{col}"/>')
        svg.text(x + 24, y, label, "legend-text")
        x += 24 + 7.2 * len(label) + 18
    svg.add("</g>")


def month_label(d, with_year=False):
    m = MONTHS[d.month - 1]
    return f"{m} {d.year}" if with_year else m


# --- the charts ------------------------------------------------------------

def by_service(rows):
    """Rows in the order of the services' colours (then by name), keeping each service's order."""
    order = list(SERVICE_COLOURS)
    return sorted(rows, key=lambda r: (order.index(r["service"]) if r["service"] in order else len(order), r["service"]))


def chart_compliance(rows, month):
    """Small multiples: one panel per service, monthly compliance and its goal."""
    services = list(dict.fromkeys(r["service"] for r in rows))
    width, height = 1180, 330
    svg = Svg("compliance", width, height,
              "Resolution compliance per service and month",
              "Share of tickets resolved within their target, per month, for the twelve months "
              "up to the month under review; the dashed line is the service's goal.")
    vals = [num(r["compliance"]) for r in rows if r["compliance"]]
    goals = [num(r["goal"]) for r in rows if r["goal"]]
    lo = math.floor(min(vals + goals) * 20 - 0.5) / 20
    lo = max(0.0, min(lo, 0.85))
    ys = Scale(lo, 1.0, 250, 58)
    ticks = nice_ticks(lo, 1.0, 5)
    panel_w = (width - 90) / max(1, len(services))
    months = sorted({r["month"] for r in rows})
    for i, service in enumerate(services):
        x0 = 80 + i * panel_w
        x1 = x0 + panel_w - 30
        xs = Scale(0, len(months) - 1, x0 + 10, x1 - 10)
        col = colour(service)
        svg.add(f'<g class="panel" data-series="{esc(service)}">')
        svg.text(x0, 44, service, "panel-title")
        for t in ticks:
            svg.line(x0, ys(t), x1, ys(t), "grid")
            if i == 0:
                svg.text(x0 - 6, ys(t) + 4, pct(t, 0), "tick", "end")
        series = [r for r in rows if r["service"] == service]
        goal = num(series[0]["goal"]) if series else None
        if goal is not None:
            svg.line(x0, ys(goal), x1, ys(goal), "goal", f' stroke="{MUTED}"')
            svg.text(x1, ys(goal) - 5, f"goal {pct(goal, 0)}", "goal-label", "end")
        pts = [(xs(months.index(r["month"])), ys(num(r["compliance"])), r) for r in series if r["compliance"]]
        path = " ".join(f"{'M' if k == 0 else 'L'}{x:.1f},{y:.1f}" for k, (x, y, _) in enumerate(pts))
        svg.add(f'<path d="{path}" fill="none" stroke="{col}" stroke-width="2.5" class="line"/>')
        for x, y, r in pts:
            missed = r["goal_met"] == "f"
            fill = BAD if missed else col
            svg.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{5 if missed else 4}" fill="{fill}" stroke="#fff" '
                    f'stroke-width="1.5" class="mark" data-series="{esc(service)}" data-x="{r["month"]}" '
                    f'data-y="{r["compliance"]}"><title>{esc(service)}, {esc(r["month"][:7])}: '
                    f'{pct(num(r["compliance"]))} of {r["closed"]} tickets, {r["breached"]} breached</title></circle>')
            if r["month"] == month or missed:
                svg.text(x, y + (17 if missed else -10), pct(num(r["compliance"])), "value-label", "middle",
                         f' fill="{BAD if missed else INK}"')
        for k, m in enumerate(months):
            d = dt.date.fromisoformat(m)
            if k % 2 == (len(months) - 1) % 2:
                svg.text(xs(k), 272, month_label(d), "tick", "middle")
            if d.month == 1:
                svg.text(xs(k), 288, str(d.year), "tick year", "middle")
        svg.add("</g>")
    y_axis_title = "Tickets within target"
    svg.text(18, (ys(ticks[0]) + ys(ticks[-1])) / 2, y_axis_title, "axis-label", "middle",
             f' transform="rotate(-90 18 {(ys(ticks[0]) + ys(ticks[-1])) / 2:.1f})"')
    x_axis_label(svg, width / 2, 314, "Month the outcome belongs to (Europe/Berlin)")
    legend(svg, width - 420, 20, [("compliance", MUTED, "line"), ("goal", MUTED, "dash"),
                                 ("goal missed", BAD, "dot")])
    return svg.render()


def chart_budget(rows):
    """Burn-down of each service's error budget over the last 30 days."""
    width, height = 580, 360
    svg = Svg("budget", width, height, "Error budget burn-down, last 30 days",
              "Share of the breaches the goal allows that is still unspent, day by day over the "
              "last 30 days of the month; below zero the goal is missed.")
    services = list(dict.fromkeys(r["service"] for r in rows))
    days = sorted({r["day"] for r in rows})
    vals = [num(r["budget_left"]) for r in rows if r["budget_left"]]
    lo = min([0.0] + vals)
    lo = math.floor(lo * 4) / 4
    ys = Scale(lo, 1.0, 290, 60)
    xs = Scale(0, len(days) - 1, 70, width - 100)
    ticks = nice_ticks(lo, 1.0, 6)
    y_axis(svg, ys, ticks, 70, width - 100, "Error budget left", lambda t: pct(t, 0))
    svg.line(70, ys(0), width - 100, ys(0), "zero")
    for k, d in enumerate(days):
        if k % 7 == (len(days) - 1) % 7:
            dd = dt.date.fromisoformat(d)
            svg.text(xs(k), 308, f"{dd.day} {month_label(dd)}", "tick", "middle")
    x_axis_label(svg, (70 + width - 100) / 2, 330, "Day (breaches counted on the day their deadline passed)")
    for service in services:
        series = [r for r in rows if r["service"] == service and r["budget_left"]]
        if not series:
            continue
        col = colour(service)
        pts = [(xs(days.index(r["day"])), ys(num(r["budget_left"]))) for r in series]
        path = " ".join(f"{'M' if k == 0 else 'L'}{x:.1f},{y:.1f}" for k, (x, y) in enumerate(pts))
        last = series[-1]
        svg.add(f'<path d="{path}" fill="none" stroke="{col}" stroke-width="2.5" class="mark" '
                f'data-series="{esc(service)}" data-points="{len(pts)}" data-y="{last["budget_left"]}">'
                f'<title>{esc(service)}: {last["breached"]} of {last["allowed"]} allowed breaches spent</title></path>')
        x, y = pts[-1]
        svg.add(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{col}"/>')
        svg.text(x + 8, y + 4, f"{pct(num(last['budget_left']), 0)}", "value-label", "start", f' fill="{col}"')
    legend(svg, 70, 36, [(s, colour(s), "line") for s in services])
    return svg.render()


def chart_availability(rows, month):
    """Monthly availability per service as grouped bars against the goals."""
    width, height = 580, 360
    svg = Svg("availability", width, height, "Availability within agreed service hours",
              "Monthly availability of each service inside its own service hours, agreed "
              "maintenance left out; the dashed lines are the services' goals.")
    services = list(dict.fromkeys(r["service"] for r in rows))
    months = sorted({r["month"] for r in rows})
    vals = [num(r["availability"]) for r in rows if r["availability"]]
    goals = [num(r["goal"]) for r in rows]
    lo = min(vals + goals)
    lo = math.floor((lo - 0.0005) * 500) / 500
    lo = min(lo, 0.99)
    ys = Scale(lo, 1.0, 290, 60)
    x0, x1 = 70, width - 20
    ticks = nice_ticks(lo, 1.0, 5)
    y_axis(svg, ys, ticks, x0, x1, "Availability", lambda t: pct(t, 1))
    group = (x1 - x0) / len(months)
    bar = (group - 6) / max(1, len(services))
    for k, m in enumerate(months):
        gx = x0 + k * group + 3
        d = dt.date.fromisoformat(m)
        if m == month:
            svg.add(f'<rect x="{gx - 2:.1f}" y="52" width="{group - 2:.1f}" height="242" class="highlight"/>')
        for j, service in enumerate(services):
            r = next((r for r in rows if r["service"] == service and r["month"] == m), None)
            if not r or not r["availability"]:
                continue
            v = num(r["availability"])
            y = ys(max(v, lo))
            missed = v < num(r["goal"])
            svg.add(f'<rect x="{gx + j * bar:.1f}" y="{y:.1f}" width="{bar - 1:.1f}" height="{ys(lo) - y:.1f}" '
                    f'fill="{colour(service)}" class="mark{" missed" if missed else ""}" data-series="{esc(service)}" '
                    f'data-x="{m}" data-y="{r["availability"]}"><title>{esc(service)}, {m[:7]}: {pct(v, 3)} '
                    f'({r["downtime"]} down of {r["agreed"]} agreed)</title></rect>')
            if missed:
                svg.add(f'<circle cx="{gx + j * bar + (bar - 1) / 2:.1f}" cy="{y - 6:.1f}" r="2.5" fill="{BAD}"/>')
        svg.text(gx + group / 2 - 3, 308, month_label(d), "tick", "middle")
    for service in services:
        g = num(next(r["goal"] for r in rows if r["service"] == service))
        svg.line(x0, ys(g), x1, ys(g), "goal", f' stroke="{colour(service)}"')
    gl = sorted({r["goal"] for r in rows})
    x_axis_label(svg, (x0 + x1) / 2, 330, "Month · dashed: goals " + ", ".join(pct(num(g), 1) for g in gl)
                 + " · red dot: goal missed")
    legend(svg, 70, 36, [(s, colour(s), "box") for s in services])
    return svg.render()


def chart_durations(rows, service, priority):
    """Histogram of resolution times with the target and the achieved p95."""
    width, height = 580, 380
    r0 = rows[0]
    target, p95, p50 = num(r0["target_h"]), num(r0["p95_h"]), num(r0["p50_h"])
    svg = Svg("durations", width, height,
              f"Time to resolve, {service} priority {priority}",
              f"Distribution of the business hours taken to resolve the {r0['tickets']} tickets of "
              f"the month, from a durations summary; marked: the {target:g} h target and the achieved "
              f"95th percentile.")
    x0, x1 = 70, width - 30
    top = max(num(r["share"]) for r in rows)
    ys = Scale(0, top * 1.15, 300, 70)
    nb = len(rows)
    xs = Scale(0, nb, x0, x1)
    ticks = nice_ticks(0, top * 1.15, 5)
    y_axis(svg, ys, [t for t in ticks if t <= top * 1.15], x0, x1, "Share of tickets", lambda t: pct(t, 0))
    for k, r in enumerate(rows):
        share = num(r["share"])
        xa, xb = xs(k), xs(k + 1)
        over = r["bin_to_h"] == ""
        late = num(r["bin_from_h"]) >= target
        fill = BAD if late else colour(service)
        label = f"over {num(r['bin_from_h']):g} h" if over else f"{num(r['bin_from_h']):g}–{num(r['bin_to_h']):g} h"
        svg.add(f'<rect x="{xa + 1:.1f}" y="{ys(share):.1f}" width="{xb - xa - 2:.1f}" height="{ys(0) - ys(share):.1f}" '
                f'fill="{fill}" fill-opacity="{0.55 if late else 0.85}" class="mark" data-x="{r["bin_from_h"]}" '
                f'data-y="{r["share"]}"><title>{label}: {pct(share)}</title></rect>')
    for k in range(0, nb - 1, 5):
        svg.text(xs(k), 318, f"{num(rows[k]['bin_from_h']):g} h", "tick", "middle")
    svg.text(xs(nb - 1) + (xs(nb) - xs(nb - 1)) / 2, 318, "more", "tick", "middle")

    def marker(hours, label, col, cls, dy):
        k = min(hours / (num(rows[0]["bin_to_h"]) - num(rows[0]["bin_from_h"])), nb)
        x = xs(k)
        svg.line(x, 62, x, 300, cls, f' stroke="{col}"')
        svg.text(x + 5, 62 + dy, label, "marker-label", "start", f' fill="{col}"')

    marker(target, f"target {target:g} h: {pct(num(r0['within_target']))} within", INK, "marker", 0)
    marker(p95, f"achieved p95 {p95:.1f} h", BAD, "marker dashed", 16)
    marker(p50, f"median {p50:.1f} h", MUTED, "marker dotted", 32)
    x_axis_label(svg, (x0 + x1) / 2, 340, "Business hours to resolve (waiting for the customer excluded)")
    svg.text(x0, 36, f"{r0['tickets']} tickets · goal {pct(num(r0['goal']), 0)} would have been met with a "
             f"{num(r0['achievable_h']):.1f} h target", "note")
    return svg.render()


def chart_kano(rows):
    """Better/Worse scatter: each feature placed by Timko's coefficients."""
    width, height = 580, 420
    svg = Svg("kano", width, height, "Kano: what delights, what is expected",
              "Each feature of the questionnaire at its Worse coefficient (how much its absence "
              "dissatisfies) and its Better coefficient (how much its presence satisfies), "
              "coloured by its category.")
    x0, x1, y0, y1 = 70, width - 30, 350, 60
    xs = Scale(0, 1, x0, x1)
    ys = Scale(0, 1, y0, y1)
    for t in [0, 0.25, 0.5, 0.75, 1]:
        svg.line(xs(t), y0, xs(t), y1, "grid")
        svg.text(xs(t), y0 + 18, f"{t:.2f}", "tick", "middle")
    y_axis(svg, ys, [0, 0.25, 0.5, 0.75, 1], x0, x1, "Better: satisfaction when present", lambda t: f"{t:.2f}")
    svg.line(xs(0.5), y0, xs(0.5), y1, "quadrant")
    svg.line(x0, ys(0.5), x1, ys(0.5), "quadrant")
    for label, qx, qy, anchor in [("Attractive", 0.02, 0.97, "start"), ("One-dimensional", 0.98, 0.97, "end"),
                                  ("Indifferent", 0.02, 0.03, "start"), ("Must-be", 0.98, 0.03, "end")]:
        svg.text(xs(qx), ys(qy) + (10 if qy > 0.5 else -4), label, "quadrant-label", anchor)
    dots = [(xs(num(r["worse"])), ys(num(r["better"])), 4 + 1.1 * num(r["importance"] or 0)) for r in rows]
    placed = []

    def clashes(box):
        bx0, by0, bx1, by1 = box
        n = sum(1 for px0, py0, px1, py1 in placed if bx0 < px1 and px0 < bx1 and by0 < py1 and py0 < by1)
        n += sum(1 for cx, cy, cr in dots if bx0 < cx + cr and cx - cr < bx1 and by0 < cy + cr and cy - cr < by1)
        n += 0 if x0 <= bx0 and bx1 <= x1 and y1 <= by0 and by1 <= y0 else 5
        return n

    for r, (cx, cy, radius) in sorted(zip(rows, dots), key=lambda p: -num(p[0]["better"])):
        b, w, cat = num(r["better"]), num(r["worse"]), r["category"]
        col = KANO_COLOURS.get(cat, MUTED)
        svg.add(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{radius:.1f}" fill="{col}" fill-opacity="0.8" '
                f'stroke="#fff" stroke-width="1.5" class="mark" data-series="{esc(cat)}" data-label="{esc(r["feature"])}" '
                f'data-x="{r["worse"]}" data-y="{r["better"]}"><title>{esc(r["feature"])}: '
                f'{KANO_NAMES.get(cat, cat)}, Better {b:.2f}, Worse −{w:.2f}, importance {r["importance"]}</title></circle>')
        # the label goes right, left, above or below the dot, wherever it hides least
        label = f"{r['feature']} ({cat})"
        tw = 6.4 * len(label)
        candidates = [(cx + radius + 4, cy + 4, "start"), (cx - radius - 4, cy + 4, "end"),
                      (cx, cy - radius - 5, "middle"), (cx, cy + radius + 13, "middle"),
                      (cx + radius + 2, cy - radius - 2, "start"), (cx + radius + 2, cy + radius + 11, "start"),
                      (cx - radius - 2, cy - radius - 2, "end"), (cx - radius - 2, cy + radius + 11, "end")]

        def box(c):
            lx, ly, anchor = c
            left = lx - (tw if anchor == "end" else tw / 2 if anchor == "middle" else 0)
            return (left, ly - 10, left + tw, ly + 2)

        others = [d for d in dots if d != (cx, cy, radius)]
        saved, dots[:] = dots[:], others
        best = min(candidates, key=lambda c: clashes(box(c)))
        dots[:] = saved
        placed.append(box(best))
        svg.text(best[0], best[1], label, "point-label", best[2])
    x_axis_label(svg, (x0 + x1) / 2, 392, "Worse: dissatisfaction when absent (as a positive share)")
    cats = [c for c in "AOMIRQ" if any(r["category"] == c for r in rows)]
    legend(svg, 70, 36, [(KANO_NAMES[c], KANO_COLOURS[c], "dot") for c in cats])
    return svg.render()


# --- the tables ------------------------------------------------------------

def table_figures(rows):
    head = ["Service", "Resolved", "Breached", "Allowed", "Left", "Compliance", "Goal", "Response",
            "Credit", "Owed", "Availability", "CSAT", "NPS", "Watermelon"]
    out = ['<table class="figures" data-table="figures"><thead><tr>']
    out += [f'<th scope="col">{esc(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for r in rows:
        left = int(r["breaches_left"]) if r["breaches_left"] else None
        comp, goal = num(r["compliance"]), num(r["goal"])
        avail, agoal = num(r["availability"]), num(r["availability_goal"])
        credit = num(r["credit"]) or 0
        wm = r["watermelon"]
        cells = [
            f'<th scope="row"><span class="swatch" style="background:{colour(r["service"])}"></span>{esc(r["service"])}</th>',
            f'<td>{r["closed"]}</td>',
            f'<td>{r["breached"]}</td>',
            f'<td>{r["allowed"]}</td>',
            f'<td class="{"bad" if left is not None and left < 0 else "good"}">{left if left is not None else "–"}</td>',
            f'<td class="{"bad" if comp is not None and goal is not None and comp < goal else "good"}">{pct(comp)}</td>',
            f'<td>{pct(goal, 0)}</td>',
            f'<td class="{"bad" if num(r["response"]) is not None and num(r["response"]) < num(r["response_goal"]) else ""}">'
            f'{pct(num(r["response"]))} <small>/ {pct(num(r["response_goal"]), 0)}</small></td>',
            f'<td class="{"bad" if credit > 0 else ""}">{pct(credit, 0)}</td>',
            f'<td class="{"bad" if credit > 0 else ""}">{float(r["credit_owed"] or 0):,.2f}</td>',
            f'<td class="{"bad" if avail is not None and avail < agoal else "good"}">{pct(avail, 2)} '
            f'<small>/ {pct(agoal, 1)}</small></td>',
            f'<td class="{"bad" if num(r["csat"]) is not None and num(r["csat"]) < 0.8 else ""}">{pct(num(r["csat"]), 0)}'
            f' <small>({r["answers"]})</small></td>',
            f'<td class="{"bad" if num(r["nps"]) is not None and num(r["nps"]) < 0 else ""}">{num(r["nps"]):+.0f}</td>'
            if r["nps"] else "<td>–</td>",
            ('<td class="bad"><span class="flag">watermelon</span></td>' if wm == "t"
             else '<td class="good">no</td>' if wm == "f" else "<td>–</td>"),
        ]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def table_chain(rows):
    head = ["Service", "Priority", "SLA", "Support chain (one after another)", "Holds", "Worst slack",
            "Worst start", "Fit"]
    out = ['<table class="chain" data-table="chain"><thead><tr>']
    out += [f'<th scope="col"{" class=text" if h.startswith("Support") else ""}>{esc(h)}</th>' for h in head]
    out.append("</tr></thead><tbody>")
    for r in rows:
        holds = r["holds"] == "t"
        out.append(
            "<tr>"
            f'<th scope="row"><span class="swatch" style="background:{colour(r["service"])}"></span>{esc(r["service"])}</th>'
            f'<td>P{r["priority"]}</td><td>{fmt_interval(r["sla"])}</td><td class="text">{esc(r["parties"])}</td>'
            f'<td class="{"good" if holds else "bad"}">{"holds" if holds else "fails"}</td>'
            f'<td class="{"good" if holds else "bad"}">{fmt_interval(r["worst_slack"])}</td>'
            f'<td>{esc(fmt_instant(r["worst_start"]) if not holds else "–")}</td>'
            f'<td>{pct(num(r["fit"]), 0)}</td>'
            "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def cards(fig):
    out = ['<div class="cards">']
    for r in fig:
        comp, goal = num(r["compliance"]), num(r["goal"])
        ok = comp is not None and goal is not None and comp >= goal
        flags = []
        if num(r["credit"]):
            flags.append(f'<span class="flag">credit {float(r["credit_owed"]):,.2f}</span>')
        if r["watermelon"] == "t":
            flags.append('<span class="flag">watermelon</span>')
        if num(r["availability"]) is not None and num(r["availability"]) < num(r["availability_goal"]):
            flags.append('<span class="flag">availability</span>')
        out.append(
            f'<div class="card" style="border-top-color:{colour(r["service"])}">'
            f'<div class="card-title">{esc(r["service"])}</div>'
            f'<div class="big {"good" if ok else "bad"}">{pct(comp)}</div>'
            f'<div class="sub">resolved within target · goal {pct(goal, 0)}</div>'
            f'<div class="sub">{r["breached"]} breaches of {r["allowed"]} allowed · CSAT {pct(num(r["csat"]), 0)} · '
            f'NPS {num(r["nps"]):+.0f}</div>'
            f'<div class="flags">{"".join(flags) or "<span class=ok>all clear</span>"}</div></div>')
    out.append("</div>")
    return "".join(out)


CSS = """
*{box-sizing:border-box}
body{margin:0;background:#f4f6f8;color:#27313d;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"Liberation Sans","DejaVu Sans",sans-serif}
main{max-width:1240px;margin:0 auto;padding:28px 20px 40px}
header h1{font-size:28px;margin:0 0 4px;font-weight:650;letter-spacing:-.01em}
header p{margin:0;color:#6b7682}
h2{font-size:17px;margin:0 0 10px;font-weight:620}
section{background:#fff;border:1px solid #e1e5ea;border-radius:10px;padding:18px 20px;margin-top:18px}
.grid{display:grid;grid-template-columns:1fr 1fr;gap:18px}
.grid section{margin-top:0}
.row{margin-top:18px}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:18px;margin-top:20px}
.card{background:#fff;border:1px solid #e1e5ea;border-top:5px solid;border-radius:10px;padding:14px 18px}
.card-title{font-weight:620;font-size:16px}
.big{font-size:34px;font-weight:680;margin:2px 0}
.sub{color:#6b7682;font-size:13.5px}
.flags{margin-top:8px}
.flag{display:inline-block;background:#fbe9e7;color:#a8322b;border-radius:10px;padding:1px 9px;font-size:12.5px;margin-right:6px;font-weight:600}
.ok{display:inline-block;background:#e6f3ea;color:#2f7a4a;border-radius:10px;padding:1px 9px;font-size:12.5px;font-weight:600}
.good{color:#2f7a4a}.bad{color:#b3372f;font-weight:600}
svg.chart{display:block;max-width:100%;height:auto}
svg text{font-family:inherit;fill:#27313d}
svg .tick{font-size:12px;fill:#6b7682}
svg .year{font-weight:600}
svg .axis-label{font-size:12.5px;fill:#4a5560;font-weight:600}
svg .panel-title{font-size:14px;font-weight:650}
svg .legend-text{font-size:12.5px;fill:#4a5560}
svg .value-label{font-size:11.5px;font-weight:600}
svg .goal-label,svg .note{font-size:12px;fill:#6b7682}
svg .marker-label{font-size:12px;font-weight:600}
svg .point-label{font-size:12px}
svg .quadrant-label{font-size:12px;fill:#98a2ad;font-weight:600;text-transform:uppercase;letter-spacing:.06em}
svg .grid{stroke:#e3e7ec;stroke-width:1}
svg .zero{stroke:#6b7682;stroke-width:1.2}
svg .goal{stroke-width:1.5;stroke-dasharray:5 4;fill:none}
svg .marker{stroke-width:2}
svg .marker.dashed{stroke-dasharray:6 4}
svg .marker.dotted{stroke-dasharray:2 3}
svg .quadrant{stroke:#b8c0c8;stroke-width:1.2;stroke-dasharray:3 3}
svg .highlight{fill:#f1f4f7}
table{border-collapse:collapse;width:100%;font-size:13.5px;font-variant-numeric:tabular-nums}
th,td{padding:7px 7px;border-bottom:1px solid #edf0f3;text-align:right;white-space:nowrap}
thead th{color:#6b7682;font-weight:600;font-size:12.5px;border-bottom:2px solid #dfe3e8;white-space:normal;vertical-align:bottom}
tbody th,td.text,th.text,thead th:first-child{text-align:left}
td.text{white-space:normal}
small{color:#8a949e}
.swatch{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:7px}
footer{color:#6b7682;font-size:13px;margin-top:22px}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12.5px;background:#eef1f4;padding:1px 5px;border-radius:4px}
"""


def page(args):
    month = args.month_used
    comp = by_service(query("compliance", args))
    budget = by_service(query("budget", args))
    avail = by_service(query("availability", args))
    dur = query("durations", args)
    kano = query("kano", args)
    fig = by_service(query("figures", args))
    chain = by_service(query("chain", args))
    for r in fig:
        colour(r["service"])
    d = dt.date.fromisoformat(month)
    title = f"Service review · {d.strftime('%B %Y')}"
    sql = ", ".join(f"<code>{n}.sql</code>" for n in
                    ["compliance", "budget", "availability", "durations", "kano", "figures", "chain"])
    body = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)}</title>
<style>{CSS}</style></head>
<body><main>
<header><h1>{esc(title)}</h1>
<p>Three services of the service desk: resolution SLAs, error budgets, availability within service hours,
service credits, customer feedback and the support chain. Open clocks judged at {esc(args.at_used)}.</p></header>
{cards(fig)}
<section class="row" id="compliance"><h2>Are we meeting the goal?</h2>{chart_compliance(comp, month)}</section>
<div class="grid row">
<section id="budget"><h2>How fast is the error budget burning?</h2>{chart_budget(budget)}</section>
<section id="availability"><h2>Was the service there when agreed?</h2>{chart_availability(avail, month)}</section>
<section id="durations"><h2>What did resolution take?</h2>{chart_durations(dur, args.dservice, args.dpriority)}</section>
<section id="kano"><h2>What do customers value?</h2>{chart_kano(kano)}</section>
</div>
<section class="row" id="figures"><h2>The month's figures</h2>{table_figures(fig)}
<p class="sub">Breaches allowed: what the goal tolerates among the month's closed tickets; credits from each
contract's tiers; watermelon: goal met while CSAT is under 80% or NPS under 0.</p></section>
<section class="row" id="chain"><h2>Does the support chain hold?</h2>{table_chain(chain)}
<p class="sub">Each ticket opened during the month, at any instant: do the operational level agreements (OLA)
and underpinning contracts (UC), run one after another, end before the SLA's deadline? Fit: the share of the
SLA's service hours during which they do.</p></section>
<footer>Made with slm from SQL: {sql} in <code>test/review/</code>, each returning one chart's data;
drawn as inline SVG by <code>test/review/render.py</code>.</footer>
</main></body></html>
"""
    return body


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-d", "--dbname")
    ap.add_argument("-o", "--output", default=os.path.join(HERE, "out", "review.html"))
    ap.add_argument("--month", help="first day of the month under review (default: params.sql's)")
    ap.add_argument("--at", help="when the review is published (default: params.sql's)")
    ap.add_argument("--service", default="Service desk", help="service of the durations chart")
    ap.add_argument("--priority", type=int, default=3, help="priority of the durations chart")
    args = ap.parse_args()
    args.dservice, args.dpriority = args.service, args.priority
    params = psql(args, "\\i '%s'\n\\echo :month\n\\echo :at\n"
                  % os.path.join(HERE, "params.sql").replace("'", "''")).splitlines()
    args.month_used, args.at_used = params[-2], params[-1]
    text = page(args)
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        f.write(text)
    print(os.path.abspath(args.output))


if __name__ == "__main__":
    sys.exit(main())
