#!/usr/bin/env python3
"""Builds the Grafana dashboard from the SQL files beside this script, and
checks those queries against a database.

    python3 test/review/dashboard/grafana.py            rewrite docs/dashboards/grafana-slm-review.json
    python3 test/review/dashboard/grafana.py --check    fail when the JSON differs from what the SQL files give
    python3 test/review/dashboard/grafana.py --run -d DB
                                                         run every query (Grafana's macros replaced by
                                                         the dashboard's time range) and compare its
                                                         columns' names and types with its header

Each SQL file starts with a header of comment lines:

    -- title: the panel's title
    -- panel: timeseries | table | stat
    -- columns: name type, name type, ...     (as psql's \\gdesc names the types)

then a description, then the query, which is the panel's rawSql as it is,
header and all. A time series returns (time, metric, value): Grafana draws
one line per metric. Python 3 standard library only.
"""

import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUTPUT = os.path.join(ROOT, "docs", "dashboards", "grafana-slm-review.json")
TIME_FROM = "2025-11-30T23:00:00Z"       # the demo's year, December to November in Berlin
TIME_TO = "2026-11-30T23:00:00Z"

# Panel order and sizes on Grafana's 24-column grid: (file, width, height).
LAYOUT = [
    ("compliance", 12, 9), ("error_budget", 12, 9),
    ("availability", 12, 9), ("resolution_p95", 12, 9),
    ("review", 18, 7), ("open_past_due", 6, 7),
    ("csat", 12, 9), ("kano", 12, 9),
    ("chain", 24, 8),
]
DATASOURCE = {"type": "grafana-postgresql-datasource", "uid": "${DS_SLM}"}
UNITS = {"compliance": "percentunit", "error_budget": "percentunit", "availability": "percentunit",
         "csat": "percentunit", "resolution_p95": "h"}


def read(name):
    """The file's text and its header fields."""
    with open(os.path.join(HERE, name + ".sql"), encoding="utf-8") as f:
        text = f.read()
    head = dict(re.findall(r"^-- (title|panel|columns): (.*)$", text, re.M))
    columns = [tuple(c.strip().split(" ", 1)) for c in head["columns"].split(",")]
    desc = " ".join(l[3:] for l in text.splitlines()
                    if l.startswith("-- ") and not re.match(r"-- (title|panel|columns):", l))
    return text, head["title"], head["panel"], columns, desc


def panel(pid, name, x, y, w, h):
    text, title, kind, columns, desc = read(name)
    target = {"refId": "A", "datasource": DATASOURCE, "editorMode": "code", "rawQuery": True,
              "format": "time_series" if kind == "timeseries" else "table", "rawSql": text}
    p = {"id": pid, "type": kind, "title": title, "description": desc, "datasource": DATASOURCE,
         "gridPos": {"x": x, "y": y, "w": w, "h": h}, "targets": [target],
         "fieldConfig": {"defaults": {}, "overrides": []}, "options": {}}
    if name in UNITS:
        p["fieldConfig"]["defaults"]["unit"] = UNITS[name]
    if kind == "timeseries":
        p["fieldConfig"]["defaults"]["custom"] = {"drawStyle": "line", "lineWidth": 2, "pointSize": 6,
                                                  "showPoints": "always", "spanNulls": False}
        p["options"] = {"legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
                        "tooltip": {"mode": "multi", "sort": "none"}}
    if kind == "stat":
        p["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": True},
                        "colorMode": "value", "graphMode": "none", "textMode": "value_and_name"}
        p["fieldConfig"]["defaults"]["thresholds"] = {
            "mode": "absolute", "steps": [{"color": "green", "value": None}, {"color": "red", "value": 1}]}
    return p


def dashboard():
    panels, x, y, row_h = [], 0, 0, 0
    for pid, (name, w, h) in enumerate(LAYOUT, 1):
        if x + w > 24:
            x, y, row_h = 0, y + row_h, 0
        panels.append(panel(pid, name, x, y, w, h))
        x, row_h = x + w, max(row_h, h)
    return {
        "__inputs": [{"name": "DS_SLM", "label": "slm", "description": "PostgreSQL with slm and the review's tables",
                      "type": "datasource", "pluginId": "grafana-postgresql-datasource",
                      "pluginName": "PostgreSQL"}],
        "__requires": [{"type": "datasource", "id": "grafana-postgresql-datasource", "name": "PostgreSQL",
                        "version": "1.0.0"}],
        "title": "slm service review",
        "uid": "slm-service-review",
        "description": "Service level review of the slm demo's service desk; the queries are "
                       "test/review/dashboard/*.sql of the slm repository.",
        "tags": ["slm", "itil", "sla"],
        "timezone": "Europe/Berlin",
        "editable": True,
        "schemaVersion": 39,
        "time": {"from": TIME_FROM, "to": TIME_TO},
        "refresh": "",
        "templating": {"list": []},
        "annotations": {"list": []},
        "panels": panels,
    }


def render_json():
    return json.dumps(dashboard(), indent=2, ensure_ascii=False) + "\n"


def expand_macros(sql):
    """Grafana's PostgreSQL macros as Grafana expands them for the dashboard's range."""
    frm, to = f"'{TIME_FROM}'", f"'{TIME_TO}'"
    out, i = [], 0
    while True:
        j = sql.find("$__timeFilter(", i)
        if j < 0:
            break
        out.append(sql[i:j])
        k, depth = j + len("$__timeFilter("), 1
        start = k
        while depth:
            depth += {"(": 1, ")": -1}.get(sql[k], 0)
            k += 1
        out.append(f"{sql[start:k - 1]} BETWEEN {frm} AND {to}")
        i = k
    out.append(sql[i:])
    sql = "".join(out).replace("$__timeFrom()", frm).replace("$__timeTo()", to)
    assert "$__" not in sql, "a Grafana macro that this check does not expand"
    return sql


def run(dbname):
    """Runs every query against the database: columns as declared, some rows."""
    failed = 0
    for name, _, _ in LAYOUT:
        text, title, kind, columns, _ = read(name)
        sql = expand_macros(text).rstrip().rstrip(";")
        cmd = ["psql", "-X", "-q", "-At", "-F", "\t", "-v", "ON_ERROR_STOP=1"] + (["-d", dbname] if dbname else [])
        script = f"{sql}\n\\gdesc\nSELECT count(*) FROM (\n{sql}\n) q;\n"
        res = subprocess.run(cmd, input=script, capture_output=True, text=True)
        if res.returncode:
            print(f"FAIL  {name}.sql: {res.stderr.strip()}")
            failed += 1
            continue
        lines = res.stdout.strip().splitlines()
        got = [tuple(l.split("\t")) for l in lines[:-1]]
        rows = int(lines[-1])
        ok = got == columns and rows > 0
        if kind == "timeseries":
            ok = ok and [c for c, _ in got] == ["time", "metric", "value"] and got[0][1] == "timestamp with time zone"
        print(("ok    " if ok else "FAIL  ") + f"{name}.sql ({kind}): {rows} rows, columns "
              + ", ".join(f"{c} {t}" for c, t in got)
              + ("" if got == columns else "; declared " + ", ".join(f"{c} {t}" for c, t in columns)))
        failed += not ok
    return failed


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true")
    ap.add_argument("--run", action="store_true")
    ap.add_argument("-d", "--dbname")
    args = ap.parse_args()
    text = render_json()
    listed = sorted(n for n, _, _ in LAYOUT)
    shipped = sorted(f[:-4] for f in os.listdir(HERE) if f.endswith(".sql"))
    if listed != shipped:
        print(f"FAIL  the dashboard's panels {listed} are not the SQL files {shipped}")
        return 1
    if args.check or args.run:
        failed = 0
        with open(OUTPUT, encoding="utf-8") as f:
            shipped_json = f.read()
        same = shipped_json == text
        print(("ok    " if same else "FAIL  ") + f"{os.path.relpath(OUTPUT, ROOT)} is built from the SQL files"
              + ("" if same else " (rebuild: python3 test/review/dashboard/grafana.py)"))
        failed += not same
        saved = json.loads(shipped_json)
        same_sql = (len(saved["panels"]) == len(LAYOUT)
                    and all(p["targets"][0]["rawSql"] == read(n)[0] for p, (n, _, _) in zip(saved["panels"], LAYOUT)))
        print(("ok    " if same_sql else "FAIL  ") + "every panel's rawSql equals its SQL file")
        failed += not same_sql
        if args.run:
            failed += run(args.dbname)
        return 1 if failed else 0
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(os.path.relpath(OUTPUT, ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
