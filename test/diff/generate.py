#!/usr/bin/env python3
"""Seeded random case generator for the slm differential test.

Writes two CSV files into the output directory:

``cases.csv``
    One row per random calendar with inputs and the reference answers for
    every calendar function (see COLUMNS below and README.md).

``tzcheck.csv``
    Local wall-clock times near time-zone transitions with the instant the
    reference conversion gives; run.sh compares them with PostgreSQL's own
    ``'<local>'::timestamp AT TIME ZONE '<zone>'`` before testing slm.

Every case is generated from its own random stream seeded by (seed, id), so
``--only ID`` regenerates exactly one case of a run.  ``--self-check`` also
verifies internal properties of the reference on every case.

Usage: generate.py [--seed N] [--count N] [--out DIR] [--self-check]
                   [--tz-per-zone N] [--only ID]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import sys
import time
from datetime import date, datetime, timedelta
from functools import lru_cache

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import reference as ref  # noqa: E402
from reference import US_PER_DAY, US_PER_SEC, Calendar, NoAnswer  # noqa: E402

ZONES = [
    "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata",
    "America/Sao_Paulo", "Pacific/Chatham", "Pacific/Apia", "Europe/Moscow",
    "America/Santiago", "UTC",
]

COLUMNS = [
    "id", "zone", "kind", "cal",
    "a", "b", "bt_us",                  # business_time(cal, a, b) in microseconds
    "t", "d_us", "add_at",              # business_add(cal, t, d_us microseconds)
    "q", "is_open", "next_open", "next_close",
    "date1", "date2", "bdays",          # business_days(cal, date1, date2)
    "bdate", "n", "bdays_add",          # business_days_add(cal, bdate, n)
    # status(target(c_d_us microseconds on cal, warn c_warn %), c_start, c_stop, c_at)
    "c_d_us", "c_warn", "c_start", "c_stop", "c_at", "c_status",
    # a target of b_n business days on cal (text b_text), started at b_start,
    # stopped at b_stop (empty: open) and judged at b_at, paused b_paused
    # (empty: NULL); expectations without pauses end in 0
    "b_n", "b_goal", "b_warn", "b_text", "b_head", "b_start", "b_stop", "b_at",
    "b_paused", "b_how", "b_d_us", "b_deadline0", "b_deadline",
    "b_remaining0", "b_remaining", "b_status0", "b_status", "b_elapsed",
]

# Expected-value markers.  ERROR: the function must raise an error.  NONE:
# no answer exists (e.g. a 24x7 calendar never closes); the specification
# does not say what to return, so NULL, infinity or an error are accepted.
ERROR = "ERROR"
NONE = "NONE"

QUERY_FROM = ref.utc_to_us(datetime(1995, 1, 1))
QUERY_TO = ref.utc_to_us(datetime(2040, 12, 31))
HOUR_US = 3600 * US_PER_SEC


# ---------------------------------------------------------------------------
# Zone facts
# ---------------------------------------------------------------------------

@lru_cache(maxsize=None)
def transitions(zone_name: str) -> tuple:
    """Offset changes of the zone from 1994 to 2041 (see reference)."""
    lo, hi = ref.utc_to_us(datetime(1994, 1, 1)), ref.utc_to_us(datetime(2042, 1, 1))
    return tuple(tr for tr in ref.zone_transitions(zone_name) if lo <= tr[0] < hi)


@lru_cache(maxsize=None)
def transition_times_of_day(zone_name: str) -> tuple[int, ...]:
    """Local times of day (seconds) at which the zone's clocks jump."""
    tods = set()
    for us, before, after in transitions(zone_name):
        for off in (before, after):
            tods.add((us // US_PER_SEC + off) % 86400)
    return tuple(sorted(tods))


# ---------------------------------------------------------------------------
# Calendar text
# ---------------------------------------------------------------------------

def vary_case(rng: random.Random, s: str) -> str:
    """The same text in a random letter case (the syntax is case-insensitive)."""
    r = rng.random()
    if r < 0.6:
        return s.lower()
    if r < 0.75:
        return s.upper()
    if r < 0.9:
        return s.title()
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in s)


def fmt_tod(rng: random.Random, v: int) -> str:
    """Seconds of day as HH:MM or HH:MM:SS; 86400 is written 24:00."""
    if v == 86400:
        return "24:00"
    h, rem = divmod(v, 3600)
    m, s = divmod(rem, 60)
    if s or rng.random() < 0.08:
        return f"{h:02d}:{m:02d}:{s:02d}"
    return f"{h:02d}:{m:02d}"


def pick_tod(rng: random.Random, zone_name: str) -> int:
    """A time of day, biased towards the zone's transition times."""
    tods = transition_times_of_day(zone_name)
    r = rng.random()
    if r < 0.3 and tods:
        v = rng.choice(tods) + rng.choice(
            [0, 0, 0, 0, -1, 1, -30, 30, -900, 900, -1800, 1800, -3600, 3600])
    elif r < 0.65:
        v = rng.randint(0, 23) * 3600
    elif r < 0.8:
        v = rng.randint(0, 95) * 900
    elif r < 0.92:
        v = rng.randint(0, 86399)
    else:
        v = 0
    return v % 86400


def pick_span(rng: random.Random, zone_name: str, style: str = "any") -> str:
    """Random span text.  style: any, overnight, short, day."""
    while True:
        if style == "overnight":
            start = rng.randint(17, 23) * 3600 + rng.choice([0, 0, 1800, 2700])
            end = rng.randint(0, 9) * 3600 + rng.choice([0, 0, 1800, 59])
        elif style == "short":
            start = pick_tod(rng, zone_name)
            end = (start + rng.choice([900, 1800, 3600, 5400, 3599])) % 86400
        elif style == "day":
            start = rng.randint(6, 10) * 3600 + rng.choice([0, 0, 1800])
            end = start + rng.randint(4, 10) * 3600
        else:
            start = pick_tod(rng, zone_name)
            r = rng.random()
            if r < 0.12:
                end = 86400
            elif r < 0.5:
                end = (start + rng.randint(1, 23) * 3600 + rng.choice([0, 0, 0, 900, 30])) % 86400
            else:
                end = pick_tod(rng, zone_name)
        if end == 0 and rng.random() < 0.4:
            end = 86400
        if end != start and not (start == 0 and end == 86400 and style == "short"):
            return f"{fmt_tod(rng, start)}-{fmt_tod(rng, end)}"


def pick_spans(rng: random.Random, zone_name: str, style: str = "any") -> str:
    """One to three comma-separated spans."""
    k = rng.choices([1, 2, 3], weights=[6, 3, 1])[0]
    sep = rng.choice([",", ", "])
    return sep.join(pick_span(rng, zone_name, style) for _ in range(k))


def pick_days(rng: random.Random) -> str:
    """Day expression: single day, range (possibly wrapping), list, all days."""
    names = ref.DAY_NAMES

    def one_range() -> str:
        i = rng.randrange(7)
        j = (i + rng.randint(1, 6)) % 7
        return f"{names[i]}-{names[j]}"

    r = rng.random()
    if r < 0.3:
        return rng.choice(names)
    if r < 0.62:
        return one_range()
    if r < 0.9:
        items = [one_range() if rng.random() < 0.4 else rng.choice(names)
                 for _ in range(rng.randint(2, 3))]
        return ",".join(items)
    i = rng.randrange(7)
    return f"{names[i]}-{names[(i + 6) % 7]}"


def dated_clause(rng: random.Random, zone_name: str, around: date,
                 closed_p: float = 0.45, spread: int = 6) -> str:
    """A dated clause on or near the local date 'around'."""
    d1 = around + timedelta(days=rng.randint(-spread, spread))
    r = rng.random()
    if r < 0.6:
        dates = d1.isoformat()
    else:
        length = rng.randint(1, 6) if r < 0.95 else rng.randint(7, 40)
        dates = f"{d1.isoformat()}..{(d1 + timedelta(days=length)).isoformat()}"
    if rng.random() < closed_p:
        return f"{dates} {vary_case(rng, 'closed')}"
    style = rng.choice(["any", "any", "day", "overnight", "short"])
    return f"{dates} {pick_spans(rng, zone_name, style)}"


KINDS = [("weekly", 36), ("overnight", 10), ("24x7", 7), ("sparse", 8),
         ("dated", 8), ("dense", 12), ("fullcover", 4), ("office", 9),
         ("longdated", 3), ("manydated", 3)]


def make_calendar_text(rng: random.Random, zone_name: str, kind: str,
                       around: date) -> str:
    """Random calendar text of the given kind with dated clauses near 'around'."""
    clauses: list[str] = []

    def weekly(style="any"):
        clauses.append(f"{vary_case(rng, pick_days(rng))} {pick_spans(rng, zone_name, style)}")

    def dated(k, **kw):
        for _ in range(k):
            clauses.append(dated_clause(rng, zone_name, around, **kw))

    if kind == "weekly":
        for _ in range(rng.randint(1, 3)):
            weekly()
        dated(rng.randint(0, 4))
    elif kind == "overnight":
        for _ in range(rng.randint(1, 3)):
            weekly(rng.choice(["overnight", "overnight", "any"]))
        dated(rng.randint(0, 3))
    elif kind == "24x7":
        clauses.append(vary_case(rng, "24x7"))
        dated(rng.randint(0, 4), closed_p=0.7)
    elif kind == "sparse":
        clauses.append(f"{vary_case(rng, rng.choice(ref.DAY_NAMES))} "
                       f"{pick_span(rng, zone_name, 'short')}")
        dated(rng.randint(0, 2), closed_p=0.6)
    elif kind == "dated":
        dated(1, closed_p=0.0)
        dated(rng.randint(0, 4))
    elif kind == "dense":
        for _ in range(rng.randint(4, 7)):
            weekly()
        dated(rng.randint(1, 5))
    elif kind == "fullcover":
        cut = pick_tod(rng, zone_name)
        if cut == 0:
            clauses.append(f"{vary_case(rng, 'mon-sun')} 00:00-24:00")
        else:
            clauses.append(f"{vary_case(rng, 'mon-sun')} 00:00-{fmt_tod(rng, cut)}, "
                           f"{fmt_tod(rng, cut)}-00:00")
        dated(rng.randint(0, 3))
    elif kind == "office":
        clauses.append(f"{vary_case(rng, 'mon-fri')} 09:00-17:00")
        if rng.random() < 0.5:
            clauses.append(f"{vary_case(rng, 'sat')} 10:00-14:00")
        dated(rng.randint(0, 3), spread=10)
    elif kind == "longdated":
        # a long dated range (a closure or special hours lasting months)
        for _ in range(rng.randint(1, 2)):
            weekly()
        start = around + timedelta(days=rng.randint(-400, 10))
        end = start + timedelta(days=rng.randint(30, 800))
        rest = vary_case(rng, "closed") if rng.random() < 0.6 else pick_spans(rng, zone_name)
        clauses.append(f"{start.isoformat()}..{end.isoformat()} {rest}")
        dated(rng.randint(0, 3))
    elif kind == "manydated":
        for _ in range(rng.randint(0, 2)):
            weekly()
        spread = rng.choice([6, 30, 60])
        dated(1, closed_p=0.0, spread=spread)
        dated(rng.randint(9, 24), spread=spread)
    else:
        raise ValueError(kind)

    rng.shuffle(clauses)
    if zone_name != "UTC" or rng.random() < 0.5:
        name = zone_name if rng.random() < 0.9 else vary_case(rng, zone_name)
        clauses.insert(rng.randint(0, len(clauses)), f"{vary_case(rng, 'tz')} {name}")
    return rng.choice([";", "; "]).join(clauses)


# ---------------------------------------------------------------------------
# Query values
# ---------------------------------------------------------------------------

def pick_anchor(rng: random.Random, zone_name: str) -> int:
    """An instant in 1995-2040, biased towards the zone's transitions."""
    if zone_name == "Pacific/Apia" and rng.random() < 0.35:
        lo = ref.utc_to_us(datetime(2011, 12, 28))
        return lo + rng.randint(0, 5 * 86400) * US_PER_SEC
    trs = [tr for tr in transitions(zone_name) if QUERY_FROM <= tr[0] <= QUERY_TO]
    if trs and rng.random() < 0.7:
        us = rng.choice(trs)[0]
        return us + rng.randint(-2 * 86400, 2 * 86400) * US_PER_SEC
    return rng.randint(QUERY_FROM // US_PER_SEC, QUERY_TO // US_PER_SEC) * US_PER_SEC


def rand_us(rng: random.Random, lo: int, hi: int) -> int:
    """Random duration/instant offset in [lo, hi] us, usually whole seconds."""
    if rng.random() < 0.3:
        return rng.randint(lo, hi)
    return rng.randint(lo // US_PER_SEC, hi // US_PER_SEC) * US_PER_SEC


def boundaries(cal: Calendar, anchor: int) -> list[int]:
    """Opening/closing instants and zone transitions within ±5 days of anchor."""
    lo, hi = anchor - 5 * US_PER_DAY, anchor + 5 * US_PER_DAY
    out = []
    for s, e in cal.union(lo, hi):
        out += [x for x in (s, e) if lo < x < hi]
    out += [tr[0] for tr in transitions(cal.zone_name) if lo < tr[0] < hi]
    return out


def pick_instant(rng: random.Random, anchor: int, bounds: list[int]) -> int:
    """An instant near anchor, often exactly on (or 1 us off) a boundary."""
    r = rng.random()
    if r < 0.45 and bounds:
        return rng.choice(bounds) + rng.choice([0, 0, 0, -1, 1, -US_PER_SEC, US_PER_SEC])
    if r < 0.85:
        return anchor + rand_us(rng, -3 * US_PER_DAY, 3 * US_PER_DAY)
    return anchor + rand_us(rng, -20 * US_PER_DAY, 20 * US_PER_DAY)


def pick_length(rng: random.Random, long_ok: bool = True) -> int:
    """A range length: hours to ~60 days, occasionally up to 3 years."""
    r = rng.random()
    if r < 0.5:
        return rand_us(rng, 1, 3 * US_PER_DAY)
    if r < 0.97 or not long_ok:
        return rand_us(rng, 3 * US_PER_DAY, 60 * US_PER_DAY)
    return rand_us(rng, 365 * US_PER_DAY, 3 * 365 * US_PER_DAY)


def kth(iterable, k):
    """The k-th (1-based) item of an iterable, or None."""
    for i, x in enumerate(iterable, 1):
        if i == k:
            return x
    return None


def pick_duration(rng: random.Random, cal: Calendar, kind: str, t: int) -> int:
    """A business_add amount: zero, landing on closes/opens, random, too much."""
    horizon_f = cal._horizon_forward(t, long=False)
    horizon_b = cal._horizon_backward(t, long=False)
    r = rng.random()
    if r < 0.06:
        return 0
    if r < 0.28:
        iv = kth(cal.intervals_forward(t, horizon_f), rng.randint(1, 4))
        if iv is not None and iv[1] < horizon_f:
            return cal.business_time(t, iv[1])       # lands on a closing instant
    elif r < 0.40:
        iv = kth(cal.intervals_backward(t, horizon_b), rng.randint(1, 4))
        if iv is not None and iv[0] > horizon_b:
            return -cal.business_time(iv[0], t)      # lands on an opening instant
    elif r < 0.90:
        sign = 1 if r < 0.68 else -1
        d = cal.business_time(t, t + sign * pick_length(rng, long_ok=True))
        d += rng.choice([0, 0, 0, -1, 1, -US_PER_SEC, rand_us(rng, -HOUR_US, HOUR_US)])
        if d != 0:
            return d
    elif not cal.has_weekly:
        # finite open time: ask for exactly all of it, or 1 us / 1 h more
        if rng.random() < 0.5:
            total = cal.business_time(t, horizon_f)
            return total + rng.choice([0, 1, HOUR_US])
        total = cal.business_time(horizon_b, t)
        return -(total + rng.choice([0, 1, HOUR_US]))
    # a random amount, kept within the open time of the next/previous two
    # years so that the answer stays in a sensible range
    sign = rng.choice([1, -1])
    d = rand_us(rng, US_PER_SEC, 300 * HOUR_US if kind != "sparse" else 2 * HOUR_US)
    cap = abs(cal.business_time(t, t + sign * 730 * US_PER_DAY))
    if d > cap:
        d = rand_us(rng, 1, cap) if cap > 0 else 0
    return sign * d


def pick_n(rng: random.Random, cal: Calendar, kind: str, bdate: date) -> int:
    """A business_days_add count."""
    r = rng.random()
    if r < 0.1:
        return 0
    if not cal.has_weekly:
        avail_f = cal.business_days(bdate + timedelta(days=1), max(cal.dated) + timedelta(days=1))
        avail_b = cal.business_days(min(cal.dated), bdate)
        if rng.random() < 0.5:
            return rng.randint(1, avail_f + 2)
        return -rng.randint(1, avail_b + 2)
    if r < 0.7:
        n = rng.randint(1, 10)
    elif r < 0.95:
        n = rng.randint(1, 40)
    else:
        n = rng.randint(41, 150 if kind == "sparse" else 250)
    return n if rng.random() < 0.6 else -n


def pick_clock_duration(rng: random.Random, cal: Calendar, kind: str, t: int) -> int:
    """A positive SLA duration from t, often one that ends on a closing instant."""
    if rng.random() < 0.4:
        horizon_f = cal._horizon_forward(t, long=False)
        iv = kth(cal.intervals_forward(t, horizon_f), rng.randint(1, 4))
        if iv is not None and iv[1] < horizon_f:
            d = cal.business_time(t, iv[1])
            if d > 0:
                return d
    return max(1, abs(pick_duration(rng, cal, kind, t)))


def pick_clock_end(rng: random.Random, cal: Calendar, anchor: int, bounds: list[int],
                   start: int, due: int | None) -> int:
    """A stop or judging instant: on the deadline, 1 us either side of it, at
    or before the next opening after it, before the start, or anywhere."""
    r = rng.random()
    if due is not None:
        if r < 0.2:
            return due
        if r < 0.35:
            return due + 1
        if r < 0.45:
            return due - 1
        if r < 0.65:
            try:
                nxt = cal.next_open(due + 1)
            except NoAnswer:
                nxt = due + US_PER_DAY
            if r < 0.55:
                return nxt
            return due + 1 + rng.randint(0, max(0, nxt - due - 1))
    if r < 0.72:
        return start - rand_us(rng, 1, US_PER_DAY)
    return pick_instant(rng, anchor, bounds)


def answer(fn, fmt=str) -> str:
    """Run a reference function; ERROR/NONE markers for missing answers."""
    try:
        return fmt(fn())
    except NoAnswer:
        return None


# ---------------------------------------------------------------------------
# Targets in business days
# ---------------------------------------------------------------------------

def pick_bday_n(rng: random.Random, cal: Calendar, kind: str, start: int) -> int:
    """A number of business days: mostly small, sometimes weeks' worth; for
    calendars of dated hours around the business dates they have left."""
    if not cal.has_weekly:
        try:
            d0 = ref.instant_to_local(cal.zone, cal.next_open(start)).date()
            left = cal.business_days(d0 + timedelta(days=1), max(cal.dated) + timedelta(days=1))
        except NoAnswer:
            left = 0
        return rng.randint(0, left + 1)
    r = rng.random()
    if r < 0.15:
        return 0
    if r < 0.35:
        return 1
    if r < 0.75:
        return rng.randint(2, 5)
    if r < 0.95:
        return rng.randint(6, 15)
    return rng.randint(16, 25 if kind == "sparse" else 60)


def bday_literal(rng: random.Random, n: int, cal_text: str, goal, warn) -> tuple[str, str]:
    """Target text of n business days and the canonical head of its output."""
    head = "1 business day" if n == 1 else f"{n} business days"
    unit = head.split(" ", 1)[1]
    if n == 1 and rng.random() < 0.2:
        unit = "business days"
    sep = "  " if rng.random() < 0.1 else " "
    clauses = []
    if goal is not None:
        clauses.append(f" goal {goal}%")
    if warn is not None:
        clauses.append(f" warn {warn}%")
    rng.shuffle(clauses)
    return f"{n}{sep}{unit} on ({cal_text}){''.join(clauses)}", head


def fmt_pause_bound(us: int | None) -> str:
    return "" if us is None else '"' + ref.format_instant_tz(us) + '"'


def pick_pauses(rng: random.Random, cal: Calendar, anchor: int, bounds: list[int],
                start: int, due: int | None) -> tuple[list, str]:
    """Pauses (list of (lo, hi), None for no bound) and their multirange text
    ('' for NULL).  Ends fall near the start, the deadline and boundaries."""
    r = rng.random()
    if r < 0.3:
        return [], ""
    if r < 0.36:
        return [], "{}"
    hi_ref = due if due is not None else start + 3 * US_PER_DAY
    points = [start, hi_ref] + [b for b in bounds]

    def point():
        x = rng.random()
        if x < 0.4:
            return rng.choice(points) + rng.choice([0, 0, -1, 1, -HOUR_US, HOUR_US])
        if x < 0.8:
            return rng.randint(min(start, hi_ref) - US_PER_DAY, max(start, hi_ref) + US_PER_DAY)
        return pick_instant(rng, anchor, bounds)

    pauses, texts = [], []
    for _ in range(rng.choices([1, 2, 3], weights=[5, 3, 2])[0]):
        a, b = sorted((point(), point()))
        if b - a < 2:
            b = a + rng.choice([2, US_PER_SEC, HOUR_US, 4 * HOUR_US])
        x = rng.random()
        if x < 0.08:
            a = None
        elif x < 0.18:
            b = None
        lb, ub = rng.choice([("[", ")"), ("[", ")"), ("(", "]"), ("[", "]"), ("(", ")")])
        if a is None:
            lb = "("
        if b is None:
            ub = ")"
        pauses.append((a, b))
        texts.append(f"{lb}{fmt_pause_bound(a)},{fmt_pause_bound(b)}{ub}")
    return pauses, "{" + ",".join(texts) + "}"


def pick_bday_end(rng: random.Random, cal: Calendar, anchor: int, bounds: list[int],
                  start: int, clock: ref.BusinessDayClock, warn, pauses) -> int:
    """A stop or judging instant for a business-day clock: on a deadline
    (with or without pauses), 1 us either side, in the closed time after it,
    where the warning threshold is reached, before the start, or anywhere."""
    r = rng.random()
    dues = [x for x in (clock.deadline, clock.deadline0) if x is not None]
    if dues and r < 0.5:
        due = rng.choice(dues)
        x = rng.random()
        if x < 0.3:
            return due
        if x < 0.55:
            return due + 1
        if x < 0.7:
            return due - 1
        try:
            nxt = cal.next_open(due + 1)
        except NoAnswer:
            nxt = due + US_PER_DAY
        return due + 1 + rng.randint(0, max(0, nxt - due - 1))
    if r < 0.62 and clock.duration and warn is not None and warn > 0:
        share = clock.duration * warn
        if share % 100 == 0:
            try:
                return ref.paused_add(cal, start, share // 100, pauses) + rng.choice([0, 0, -1])
            except (NoAnswer, ref.EndlessPause):
                pass
    if r < 0.72:
        return start - rng.choice([0, 1, rand_us(rng, 1, US_PER_DAY)])
    return pick_instant(rng, anchor, bounds)


def open_past_midnight(rng: random.Random, cal: Calendar, anchor: int) -> int | None:
    """An instant of an open run near anchor after a local midnight inside
    that run, or after a date's close inside it (None when there is none)."""
    spots = []
    for s, e in cal.union(anchor - 5 * US_PER_DAY, anchor + 5 * US_PER_DAY):
        d = ref.instant_to_local(cal.zone, s).date() + timedelta(days=1)
        while True:
            m = ref.local_to_instant(cal.zone, datetime(d.year, d.month, d.day))
            if m >= e:
                break
            if m > s:
                spots.append((m, e))
            # a date whose own hours close inside this run
            c = ref.date_close(cal, d)
            if c is not None and s < c < e:
                spots.append((c, e))
            d += timedelta(days=1)
    if not spots:
        return None
    m, e = rng.choice(spots)
    x = rng.random()
    if x < 0.2:
        return m
    if x < 0.3:
        return e - 1
    return m + rand_us(rng, 0, e - m - 1)


def make_bday_clock(rng: random.Random, cal: Calendar, kind: str, anchor: int,
                    bounds: list[int], problems: list | None = None) -> dict:
    """The b_* columns: a random business-day clock and the reference answers."""
    r = rng.random()
    after_midnight = r < 0.25 and open_past_midnight(rng, cal, anchor)
    if after_midnight:
        # inside an open run, after a local midnight it crosses: day 0 may
        # have no hours of its own, or hours that ended before
        start = after_midnight
    elif r < 0.4:
        # on or next to a local midnight, where day 0 changes
        d = ref.instant_to_local(cal.zone, anchor).date() + timedelta(days=rng.randint(-3, 3))
        start = ref.local_to_instant(cal.zone, datetime(d.year, d.month, d.day))
        start += rng.choice([0, 0, -1, 1])
    else:
        start = pick_instant(rng, anchor, bounds)
    n = pick_bday_n(rng, cal, kind, start)
    if after_midnight and rng.random() < 0.5:
        n = 0
    goal = rng.choice([None, None, 99.5, 95, 90])
    warn = rng.choice([None, None, 0, 50, 75, 100, 80])
    text, head = bday_literal(rng, n, cal.text, goal, warn)
    clock0 = ref.business_day_clock(cal, n, start)
    pauses, paused_text = pick_pauses(rng, cal, anchor, bounds, start, clock0.deadline0)
    clock = ref.business_day_clock(cal, n, start, pauses)
    stop = None
    if rng.random() < 0.5:
        stop = pick_bday_end(rng, cal, anchor, bounds, start, clock, warn, pauses)
        at = pick_instant(rng, anchor, bounds) if rng.random() < 0.5 else \
            pick_bday_end(rng, cal, anchor, bounds, start, clock, warn, pauses)
    else:
        at = pick_bday_end(rng, cal, anchor, bounds, start, clock, warn, pauses)

    def inst(x):
        return "NULL" if x is None else ref.format_instant(x)

    def num(x):
        return "NULL" if x is None else x

    if clock.deadline is not None:
        deadline = ref.format_instant(clock.deadline)
    elif clock.why_none == "short":
        deadline = NONE             # a duration target's 'not enough open time'
    else:
        deadline = "NULL"
    end = stop if stop is not None else at
    if problems is not None:
        problems += ref.self_check_business_days(cal, n, start, pauses)
    return {
        "b_n": n, "b_goal": goal, "b_warn": warn, "b_text": text, "b_head": head,
        "b_start": ref.format_instant_tz(start),
        "b_stop": None if stop is None else ref.format_instant_tz(stop),
        "b_at": ref.format_instant_tz(at), "b_paused": paused_text or None,
        "b_how": clock0.how, "b_d_us": clock0.duration,
        "b_deadline0": inst(clock0.deadline0), "b_deadline": deadline,
        "b_remaining0": num(ref.business_day_remaining(cal, clock0, start, at)),
        "b_remaining": num(ref.business_day_remaining(cal, clock, start, at, pauses)),
        "b_status0": ref.business_day_status(cal, clock0, warn, start, stop, at),
        "b_status": ref.business_day_status(cal, clock, warn, start, stop, at, pauses),
        "b_elapsed": num(ref.business_day_elapsed(cal, start, end, pauses)),
    }


# Hand-picked calendars, each with an instant its questions cluster around:
# clock changes that swallow or move spans, the day Pacific/Apia skipped,
# midnight transitions, the specification's own examples.  Each one is
# asked FIXED_REPEAT random sets of questions.
FIXED = [
    ("tz America/New_York; sun 02:00-03:00, 09:00-10:00", "2024-03-10 07:00"),
    ("tz America/New_York; sun 01:00-04:00", "2024-11-03 06:00"),
    ("tz America/New_York; sun 02:30-04:00; sat 22:00-02:30", "2024-03-10 07:00"),
    ("tz America/New_York; sat-sun 01:30-01:45, 23:00-01:15", "2024-11-03 06:00"),
    ("tz Pacific/Apia; mon-sun 09:00-17:00", "2011-12-30 10:00"),
    ("tz Pacific/Apia; mon-sun 22:00-02:00; 2011-12-31 closed", "2011-12-30 10:00"),
    ("tz Pacific/Apia; 2011-12-30 10:00-12:00; 2011-12-29 23:00-01:00", "2011-12-30 10:00"),
    ("tz Pacific/Apia; 24x7; 2011-12-29..2011-12-31 08:00-20:00", "2011-12-30 10:00"),
    ("tue,wed 22:00-06:00; 2024-01-03 closed", "2024-01-03 00:00"),
    ("fri-mon 22:00-00:00, 08:59:30-09:00; tz Europe/Berlin", "2024-03-31 01:00"),
    ("tz America/Santiago; mon-sun 00:00-24:00; 2022-09-10 closed", "2022-09-11 04:00"),
    ("tz America/Santiago; mon-sun 00:30-23:30", "2022-09-11 04:00"),
    ("tz America/Sao_Paulo; mon-sun 00:00-12:00, 12:00-00:00", "2018-11-04 03:00"),
    ("tz America/Sao_Paulo; mon-sun 00:59:59-00:00:29, 13:00-01:00", "2004-11-02 03:00"),
    ("tz America/Sao_Paulo; sat-sun 23:00-01:00", "2019-02-17 02:00"),
    ("tz Australia/Lord_Howe; sun 01:30-02:30, 02:00-02:15", "2024-04-06 15:00"),
    ("tz Australia/Lord_Howe; sun 02:00-02:30", "2024-10-05 15:30"),
    ("tz Pacific/Chatham; sun 02:45-03:45; sat 23:00-03:00", "2024-04-06 14:00"),
    ("tz Europe/Moscow; sun 01:00-03:00; 2014-10-25 22:00-02:30", "2014-10-25 22:00"),
    ("tz Europe/Moscow; sat-sun 01:59:59-02:00:01", "2011-03-26 23:00"),
    ("tz Asia/Kolkata; mon-fri 09:00-18:00; 2024-01-26 closed; 2024-01-27 10:00-13:00",
     "2024-01-26 00:00"),
    ("24x7; 2024-02-29 closed", "2024-02-29 00:00"),
    ("mon 23:59:59-00:00:01", "2024-01-01 23:59"),
    # business days: the specification's office, a holiday, night shifts
    # whose dates' own hours end before an opening inside the previous
    # night's span, a date of 25 hours
    ("mon-fri 08:00-17:00; tz Europe/Berlin; 2026-11-30 closed", "2026-11-27 09:00"),
    ("mon 22:00-06:00; tue 01:00-02:00; wed-fri 22:00-06:00, 12:00-13:00", "2026-12-01 03:00"),
    ("tz America/New_York; fri-sun 22:00-06:00; sat 02:00-03:00", "2024-03-09 12:00"),
    ("tz Europe/Berlin; mon-sun 00:00-24:00", "2026-10-24 22:00"),
]
FIXED_REPEAT = 20
FIXED_BASE = 1_000_000          # ids of the FIXED rows start here


def fixed_ids() -> range:
    """Ids of the rows generated from FIXED."""
    return range(FIXED_BASE, FIXED_BASE + len(FIXED) * FIXED_REPEAT)


def make_case(seed: int, idx: int, self_check: bool = False) -> tuple[dict, list[str]]:
    """Generate case idx of a run: calendar, inputs, expected answers.

    Ids from FIXED_BASE on use the hand-picked calendars of FIXED; the
    others draw a random calendar.
    """
    rng = random.Random(f"slm-diff:{seed}:{idx}")
    if idx >= FIXED_BASE:
        text, when = FIXED[(idx - FIXED_BASE) // FIXED_REPEAT]
        kind = "fixed"
        cal = Calendar.parse(text)
        zone_name = cal.zone_name
        anchor = ref.utc_to_us(datetime.strptime(when, "%Y-%m-%d %H:%M"))
        anchor += rng.choice([0, 0, rand_us(rng, -US_PER_DAY, US_PER_DAY)])
    else:
        zone_name = rng.choice(ZONES)
        kind = rng.choices([k for k, _ in KINDS], weights=[w for _, w in KINDS])[0]
        anchor = pick_anchor(rng, zone_name)
        around = ref.instant_to_local(ref.get_zone(zone_name), anchor).date()
        text = make_calendar_text(rng, zone_name, kind, around)
        cal = Calendar.parse(text)
        assert cal.zone_name == zone_name, (text, cal.zone_name)
    zone = cal.zone
    bounds = boundaries(cal, anchor)

    # business_time
    a = pick_instant(rng, anchor, bounds)
    r = rng.random()
    if r < 0.06:
        b = a
    elif r < 0.2 and bounds:
        b = pick_instant(rng, anchor, bounds)
    else:
        b = a + pick_length(rng) * (1 if rng.random() < 0.8 else -1)
    bt = cal.business_time(a, b)

    # business_add
    t = pick_instant(rng, anchor, bounds)
    d = pick_duration(rng, cal, kind, t)
    add_at = answer(lambda: cal.business_add(t, d), ref.format_instant) or ERROR

    # is_open / next_open / next_close
    q = pick_instant(rng, anchor, bounds)
    is_open = "t" if cal.is_open(q) else "f"
    next_open = answer(lambda: cal.next_open(q), ref.format_instant) or NONE
    next_close = answer(lambda: cal.next_close(q), ref.format_instant) or NONE

    # business_days / business_days_add
    date1 = ref.instant_to_local(zone, a).date() + timedelta(days=rng.randint(-2, 2))
    r = rng.random()
    if r < 0.05:
        span_days = 0
    elif r < 0.45:
        span_days = rng.randint(1, 14)
    elif r < 0.9:
        span_days = rng.randint(15, 90)
    else:
        span_days = rng.randint(91, 1000)
    date2 = date1 + timedelta(days=span_days)
    bdays = cal.business_days(date1, date2)
    bdate = ref.instant_to_local(zone, t).date() + timedelta(days=rng.randint(-3, 3))
    n = pick_n(rng, cal, kind, bdate)
    bdays_add = answer(lambda: cal.business_days_add(bdate, n), date.isoformat) or ERROR

    # an SLA clock on the calendar, stopped or judged at an instant
    c_start = pick_instant(rng, anchor, bounds)
    c_d = pick_clock_duration(rng, cal, kind, c_start)
    c_warn = rng.choice([None, None, 0, 50, 75, 100])
    try:
        due = cal.business_add(c_start, c_d)
    except NoAnswer:
        due = None
    c_stop = None
    if rng.random() < 0.5:
        c_stop = pick_clock_end(rng, cal, anchor, bounds, c_start, due)
        c_at = pick_instant(rng, anchor, bounds)
    else:
        c_at = pick_clock_end(rng, cal, anchor, bounds, c_start, due)
    c_status = ref.clock_status(cal, c_d, c_warn, c_start, c_stop, c_at)

    bday_problems: list[str] = []
    bday = make_bday_clock(rng, cal, kind, anchor, bounds,
                           bday_problems if self_check else None)

    row = {
        "id": idx, "zone": zone_name, "kind": kind, "cal": text,
        "a": ref.format_instant_tz(a), "b": ref.format_instant_tz(b), "bt_us": bt,
        "t": ref.format_instant_tz(t), "d_us": d, "add_at": add_at,
        "q": ref.format_instant_tz(q), "is_open": is_open,
        "next_open": next_open, "next_close": next_close,
        "date1": date1.isoformat(), "date2": date2.isoformat(), "bdays": bdays,
        "bdate": bdate.isoformat(), "n": n, "bdays_add": bdays_add,
        "c_d_us": c_d, "c_warn": c_warn, "c_start": ref.format_instant_tz(c_start),
        "c_stop": None if c_stop is None else ref.format_instant_tz(c_stop),
        "c_at": ref.format_instant_tz(c_at), "c_status": c_status,
        **bday,
    }
    problems = []
    if self_check:
        problems = ref.self_check(cal, rng, a, b, t, d, q, date1, date2, bdate, n)
        problems += bday_problems
    return row, problems


# ---------------------------------------------------------------------------
# Conversion check data
# ---------------------------------------------------------------------------

def tzcheck_rows(seed: int, per_zone: int) -> list[tuple[str, str, str]]:
    """(zone, local wall time, expected UTC) samples near transitions."""
    rng = random.Random(f"slm-tzcheck:{seed}")
    rows = []
    steps = [0, 1, -1, US_PER_SEC, -US_PER_SEC, 60 * US_PER_SEC, -60 * US_PER_SEC,
             1800 * US_PER_SEC, -1800 * US_PER_SEC, HOUR_US, -HOUR_US]
    for zone_name in ZONES:
        zone = ref.get_zone(zone_name)
        trs = [tr for tr in transitions(zone_name) if QUERY_FROM <= tr[0] <= QUERY_TO]
        locals_: list[datetime] = []
        if zone_name == "Pacific/Apia":
            # the skipped day 2011-12-30 and its neighbours, every 30 minutes
            base = datetime(2011, 12, 29)
            locals_ += [base + timedelta(minutes=30 * i) for i in range(3 * 48)]
        while len(locals_) < per_zone:
            if trs and rng.random() < 0.85:
                us, before, after = rng.choice(trs)
                wall = ref.us_to_utc(us) + timedelta(seconds=rng.choice([before, after]))
                r = rng.random()
                if r < 0.6:
                    delta = rng.choice(steps)
                elif r < 0.9:
                    delta = rng.randint(-3 * HOUR_US, 3 * HOUR_US)
                else:
                    delta = rng.randint(-2 * US_PER_DAY, 2 * US_PER_DAY)
                locals_.append(wall + timedelta(microseconds=delta))
            else:
                locals_.append(ref.us_to_utc(rng.randint(QUERY_FROM, QUERY_TO)))
        for lt in locals_:
            rows.append((zone_name, lt.strftime("%Y-%m-%d %H:%M:%S.%f"),
                         ref.format_instant(ref.local_to_instant(zone, lt))))
    return rows


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def main(argv=None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=5000)
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "out"))
    ap.add_argument("--self-check", action="store_true",
                    help="verify reference properties on every case")
    ap.add_argument("--tz-per-zone", type=int, default=300)
    ap.add_argument("--only", type=int, default=None,
                    help="print case ID of this seed and exit")
    args = ap.parse_args(argv)

    if args.only is not None:
        row, problems = make_case(args.seed, args.only, self_check=True)
        for k in COLUMNS:
            print(f"{k:>10}: {row[k]}")
        for p in problems:
            print("SELF-CHECK FAILED:", p)
        return 1 if problems else 0

    os.makedirs(args.out, exist_ok=True)
    started = time.monotonic()
    failures = 0
    kinds: dict = {}
    with open(os.path.join(args.out, "cases.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        ids = list(range(args.count)) + (list(fixed_ids()) if args.count else [])
        for idx in ids:
            row, problems = make_case(args.seed, idx, args.self_check)
            w.writerow(row)
            kinds[row["kind"]] = kinds.get(row["kind"], 0) + 1
            for p in problems:
                failures += 1
                if failures <= 20:
                    print(f"self-check case {idx}: {p}\n    cal: {row['cal']}", file=sys.stderr)
    with open(os.path.join(args.out, "tzcheck.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["zone", "local", "expected"])
        w.writerows(tzcheck_rows(args.seed, args.tz_per_zone))
    took = time.monotonic() - started
    mix = ", ".join(f"{k} {v}" for k, v in sorted(kinds.items()))
    total = sum(kinds.values())
    print(f"generated {total} cases (seed {args.seed}) in {took:.1f}s: {mix}")
    if args.self_check:
        print(f"reference self-check: {total} cases, "
              f"{failures} property failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
