#!/usr/bin/env python3
"""Checks the service review page as test/review.test.sh rendered it.

    check_page.py PAGE DOM NETLOG PROBE_NETLOG SCREENSHOT -d DBNAME

PAGE is the HTML file, DOM what Chromium's --dump-dom made of it, NETLOG
Chromium's --log-net-log of the page's loads, PROBE_NETLOG that of a page
that does fetch from the network (to show the check would notice), and
SCREENSHOT the PNG taken of it. The counts the page must show are read from
the same SQL files the page was drawn from. Prints one line per check and
exits non-zero when any fails. Python 3 standard library only.
"""

import argparse
import html.parser
import json
import os
import re
import struct
import sys
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render  # noqa: E402  (the page's own queries)

failures = 0


def check(ok, what):
    global failures
    print(("ok    " if ok else "FAIL  ") + what)
    if not ok:
        failures += 1


class Dom(html.parser.HTMLParser):
    """Collects each chart's elements by class, and the rows of each table."""

    def __init__(self):
        super().__init__()
        self.charts = {}
        self.tables = {}
        self.stack = []
        self.chart = None
        self.table = None
        self.text_target = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "svg" and "chart" in classes:
            self.chart = {"key": a.get("data-chart"), "title": "", "marks": [], "classes": {},
                          "texts": [], "legend": False}
            self.charts[self.chart["key"]] = self.chart
        if tag == "table" and a.get("data-table"):
            self.table = {"rows": 0, "text": ""}
            self.tables[a["data-table"]] = self.table
        if self.table is not None and tag == "tr" and self.stack and "tbody" in self.stack:
            self.table["rows"] += 1
        if self.chart is not None:
            for c in classes:
                self.chart["classes"][c] = self.chart["classes"].get(c, 0) + 1
            if "mark" in classes:
                self.chart["marks"].append((tag, a))
            if "legend" in classes:
                self.chart["legend"] = True
            if tag == "title" and self.stack and self.stack[-1] == "svg":
                self.text_target = "title"
            elif tag == "text":
                self.text_target = ("text", classes)
                self.chart["texts"].append([classes, ""])
        self.stack.append(tag)

    def handle_endtag(self, tag):
        while self.stack:
            t = self.stack.pop()
            if t == tag:
                break
        if tag == "svg":
            self.chart = None
        if tag == "table":
            self.table = None
        if tag in ("title", "text"):
            self.text_target = None

    def handle_data(self, data):
        if self.table is not None:
            self.table["text"] += data
        if self.chart is None or self.text_target is None:
            return
        if self.text_target == "title":
            self.chart["title"] += data
        else:
            self.chart["texts"][-1][1] += data


def static_checks(page):
    """The page's own text: nothing that would load from elsewhere."""
    text = open(page, encoding="utf-8").read()
    low = text.lower()
    check(len(text.encode()) > 20000, f"page has {len(text.encode())} bytes")
    check(low.startswith("<!doctype html>") and "<style>" in low, "one HTML document with an inline style sheet")
    for bad in ["<script", "<link", "<iframe", "<img", "<object", "<embed", "@import", "url(", " src="]:
        check(bad not in low, f"page contains no {bad!r}")
    check(not re.search(r"https?://", low), "page names no http:// or https:// address")
    hrefs = re.findall(r'href\s*=\s*"([^"]*)"', low)
    check(all(h.startswith("#") for h in hrefs), f"every href ({len(hrefs)}) points inside the page")
    check(text.count("<svg") == 5, f"page draws 5 SVG charts ({text.count('<svg')})")


def dom_checks(dom_file, args):
    dom = Dom()
    dom.feed(open(dom_file, encoding="utf-8").read())
    q = {n: render.query(n, args) for n in ["compliance", "budget", "availability", "durations", "kano",
                                           "figures", "chain"]}
    expected_marks = {
        "compliance": len([r for r in q["compliance"] if r["compliance"]]),
        "budget": len({r["service"] for r in q["budget"] if r["budget_left"]}),
        "availability": len([r for r in q["availability"] if r["availability"]]),
        "durations": len(q["durations"]),
        "kano": len(q["kano"]),
    }
    minimum = {"compliance": 36, "budget": 3, "availability": 36, "durations": 21, "kano": 8}
    check(sorted(dom.charts) == sorted(expected_marks), f"charts in the DOM: {sorted(dom.charts)}")
    for key, n in expected_marks.items():
        c = dom.charts.get(key)
        if c is None:
            check(False, f"{key}: chart missing")
            continue
        check(len(c["title"].strip()) > 10, f"{key}: title {c['title'].strip()!r}")
        axis = [t for cls, t in c["texts"] if "axis-label" in cls and t.strip()]
        check(len(axis) >= 2, f"{key}: {len(axis)} axis labels {axis}")
        ticks = [t for cls, t in c["texts"] if "tick" in cls and t.strip()]
        check(len(ticks) >= 5, f"{key}: {len(ticks)} tick labels")
        check(len(c["marks"]) == n and n >= minimum[key],
              f"{key}: {len(c['marks'])} marks, one per row of {key}.sql ({n}, at least {minimum[key]})")
        check(all("data-y" in a and a["data-y"] != "" for _, a in c["marks"]), f"{key}: every mark carries its value")
        check(all(tag in ("rect", "circle", "path") for tag, _ in c["marks"]), f"{key}: marks are rect, circle or path")
        if key != "durations":
            check(c["legend"], f"{key}: has a legend")
    # the values drawn are those of the queries
    comp = dom.charts.get("compliance", {"marks": []})["marks"]
    drawn = sorted((a["data-series"], a["data-x"], a["data-y"]) for _, a in comp)
    want = sorted((r["service"], r["month"], r["compliance"]) for r in q["compliance"] if r["compliance"])
    check(drawn == want, "compliance: every point is at its query's value")
    kano = dom.charts.get("kano", {"texts": []})
    labels = " ".join(t for cls, t in kano["texts"] if "point-label" in cls)
    check(all(f"{r['feature']} ({r['category']})" in labels for r in q["kano"]),
          "kano: every feature labelled with its category")
    dur = dom.charts.get("durations", {"texts": []})
    markers = " ".join(t for cls, t in dur["texts"] if "marker-label" in cls)
    check("target" in markers and "p95" in markers, f"durations: target and p95 marked ({markers!r})")
    fig = dom.tables.get("figures", {"rows": 0, "text": ""})
    check(fig["rows"] == len(q["figures"]) >= 3, f"figures table: {fig['rows']} services")
    melons = sum(1 for r in q["figures"] if r["watermelon"] == "t")
    check(fig["text"].count("watermelon") >= melons, f"figures table: {melons} watermelon flag(s) shown")
    check(all(r["service"] in fig["text"] for r in q["figures"]), "figures table: every service named")
    ch = dom.tables.get("chain", {"rows": 0, "text": ""})
    check(ch["rows"] == len(q["chain"]) > 0, f"chain table: {ch['rows']} SLAs")
    fails = sum(1 for r in q["chain"] if r["holds"] == "f")
    check(ch["text"].count("fails") == fails, f"chain table: {fails} chain(s) that fail")


def page_requests(netlog):
    """URLs the page asked for: requests with an initiator (the browser's own have none)."""
    with open(netlog, encoding="utf-8") as f:
        text = f.read()
    # Chromium may stop before closing the JSON; close it as its viewer does
    try:
        log = json.loads(text)
    except json.JSONDecodeError:
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    page, browser = [], []
    for e in log["events"]:
        p = e.get("params") or {}
        if names.get(e["type"]) != "URL_REQUEST_START_JOB" or "url" not in p:
            continue
        if p.get("initiator") != "not an origin" or "file://" in p.get("network_isolation_key", ""):
            page.append(p["url"])
        else:
            browser.append(p["url"])
    return page, browser


def net_checks(netlog, probe):
    for name, log in [("DOM dump", netlog[0]), ("screenshot", netlog[1])]:
        page, browser = page_requests(log)
        remote = [u for u in page if not u.startswith("file://")]
        check(not remote, f"{name}: the page requested nothing but file:// URLs "
                          f"({len(page)} page requests; {len(browser)} of the browser's own, not the page's)")
    page, _ = page_requests(probe)
    check(any(u.startswith("http") for u in page),
          f"the same check notices a page that fetches from the network ({len(page)} requests)")


def png_pixels(path):
    """Decodes an 8-bit RGB or RGBA PNG: (width, height, rows of bytes, bytes per pixel)."""
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            width, height, depth, ctype, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            assert depth == 8 and ctype in (2, 6) and interlace == 0, "unexpected PNG format"
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        if f == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 255
        elif f == 2:
            line = bytearray((a + b) & 255 for a, b in zip(line, prev))
        elif f == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 255
        elif f == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b = prev[i]
                c = prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return width, height, rows, bpp


def screenshot_checks(path):
    size = os.path.getsize(path)
    check(size > 100000, f"screenshot has {size} bytes")
    width, height, rows, bpp = png_pixels(path)
    check((width, height) == (1280, 4000), f"screenshot is {width}x{height}")
    colours = set()
    inked = 0
    for line in rows[::4]:
        px = [bytes(line[i:i + 3]) for i in range(0, len(line), bpp * 2)]
        colours.update(px)
        inked += sum(1 for p in px if p not in (b"\xf4\xf6\xf8", b"\xff\xff\xff"))
    sampled = len(rows[::4]) * len(range(0, width * bpp, bpp * 2))
    check(len(colours) >= 100, f"screenshot has {len(colours)} distinct colours (sampled)")
    check(inked / sampled > 0.03, f"{100 * inked / sampled:.1f}% of the screenshot is neither page nor card background")
    def drawn(hexcol):
        """Whether some pixel has exactly this colour."""
        rgb = bytes.fromhex(hexcol[1:])
        for line in rows:
            i = line.find(rgb)
            while i >= 0:
                if i % bpp == 0:
                    return True
                i = line.find(rgb, i + 1)
        return False

    for name, hexcol in render.SERVICE_COLOURS.items():
        check(drawn(hexcol), f"screenshot shows {name}'s colour {hexcol}")
    check(drawn(render.BAD), f"screenshot shows the red of a missed goal {render.BAD}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("dom")
    ap.add_argument("netlog")
    ap.add_argument("shot_netlog")
    ap.add_argument("probe_netlog")
    ap.add_argument("screenshot")
    ap.add_argument("-d", "--dbname")
    args = ap.parse_args()
    args.month = args.at = None
    args.dservice, args.dpriority = "Service desk", 3
    static_checks(args.page)
    dom_checks(args.dom, args)
    net_checks((args.netlog, args.shot_netlog), args.probe_netlog)
    screenshot_checks(args.screenshot)
    print(f"{failures} check(s) failed" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
