"""Brute-force reference semantics for slm business calendars.

This module is a deliberately simple model of the ``slm.calendar`` type and
the functions built on it (business_time, business_add, is_open, next_open,
next_close, business_days, business_days_add), and of the status of an SLA
clock on a calendar (``clock_status``).  It favours obviously correct
code over speed: every question is answered by enumerating the local dates
that can possibly matter, building each date's hours, converting them to real
instants and taking the union.

Instants are plain integers: microseconds since 1970-01-01 00:00:00 UTC.
Local wall-clock times are naive ``datetime`` objects.  Only the Python 3.11
standard library is used (``zoneinfo`` with the system tzdata).

Specification summary (the model implemented here):

* Calendar text is case-insensitive; clauses are separated by ``;``.
* Weekly clause ``<days> <span>[, <span>...]``; days ``mon``..``sun``, ranges
  (``mon-fri``, wrapping ``fri-mon``) and lists (``mon,wed-fri``).  A span is
  ``HH:MM[:SS]-HH:MM[:SS]``; ``24:00`` is allowed as an end; an end at or
  before the start runs into the next day; start equal to end is an error.
* ``24x7`` is every day 00:00-24:00.
* Dated clause ``<date>[..<date>] closed`` or ``<date>[..<date>] <spans>``
  replaces the weekly hours of those dates; several dated clauses naming one
  date contribute the union of their spans.
* ``tz <IANA name>`` sets the zone (default UTC).
* A span belongs to the local date on which it starts.  The spans of one date
  are merged as local intervals, then each merged interval [S, E) becomes the
  instant interval [f(S), f(E)), where f is PostgreSQL's
  ``timestamp AT TIME ZONE``: in a gap or overlap the later candidate instant.
  Empty when f(E) <= f(S).  The open set is the union over all dates.
* An SLA clock of a duration started at an instant has a deadline: the
  smallest instant at which the duration of open time has run (none when
  the calendar has too little open time).  It is breached when it stops, or
  is judged, after the deadline; a stop before the start is invalid.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from functools import lru_cache

US_PER_SEC = 1_000_000
US_PER_DAY = 86_400 * US_PER_SEC
SECS_PER_DAY = 86_400
EPOCH = datetime(1970, 1, 1)
ONE_US = timedelta(microseconds=1)

DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Searches for the next opening/closing instant stop this long after the
# last date that could still change the answer (see Calendar._horizon_*).
# Searches for amounts of open time or numbers of business dates on a
# calendar with weekly spans (open time never runs out) are only bounded by
# the range of Python dates.
SHORT_HORIZON_DAYS = 400
MIN_DATE = date(2, 1, 1)
MAX_DATE = date(9998, 12, 31)
MIN_INSTANT = (datetime(2, 1, 1) - datetime(1970, 1, 1)) // timedelta(microseconds=1)
MAX_INSTANT = (datetime(9998, 12, 31) - datetime(1970, 1, 1)) // timedelta(microseconds=1)


class CalendarError(ValueError):
    """Raised for calendar text that the specification rejects."""


class NoAnswer(Exception):
    """Raised when a question has no answer (e.g. no more open time)."""


# ---------------------------------------------------------------------------
# Time helpers
# ---------------------------------------------------------------------------

def us_to_utc(us: int) -> datetime:
    """Naive UTC datetime of an instant given in epoch microseconds."""
    return EPOCH + timedelta(microseconds=us)


def utc_to_us(dt: datetime) -> int:
    """Epoch microseconds of a naive UTC datetime."""
    return (dt - EPOCH) // ONE_US


def format_instant(us: int) -> str:
    """Instant as 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC (no zone suffix)."""
    return us_to_utc(us).strftime("%Y-%m-%d %H:%M:%S.%f")


def format_instant_tz(us: int) -> str:
    """Instant as timestamptz input text, e.g. '2020-01-01 00:00:00.000000+00'."""
    return format_instant(us) + "+00"


def parse_instant(text: str) -> int:
    """Inverse of format_instant / format_instant_tz."""
    text = text.strip()
    if text.endswith("+00"):
        text = text[:-3]
    return utc_to_us(datetime.strptime(text, "%Y-%m-%d %H:%M:%S.%f"))


@lru_cache(maxsize=None)
def get_zone(name: str) -> zoneinfo.ZoneInfo:
    """ZoneInfo for a canonical zone name (cached)."""
    return zoneinfo.ZoneInfo(name)


@lru_cache(maxsize=None)
def _zone_names_by_lower() -> dict:
    return {n.lower(): n for n in zoneinfo.available_timezones()}


def resolve_zone_name(name: str) -> str:
    """Canonical spelling of an IANA zone name, matched case-insensitively."""
    try:
        return _zone_names_by_lower()[name.lower()]
    except KeyError:
        raise CalendarError(f"unknown time zone {name!r}") from None


def local_to_instant(zone: zoneinfo.ZoneInfo, local: datetime) -> int:
    """Instant (epoch us) of a local wall-clock time, as PostgreSQL does it.

    ``timestamp AT TIME ZONE zone``: for a local time inside a DST gap or
    overlap there are two candidate instants, ``L - offset_before`` and
    ``L - offset_after``; PostgreSQL takes the later one.  With zoneinfo the
    two candidates are the UTC values for fold=0 and fold=1 (identical for
    ordinary local times).
    """
    c0 = local - local.replace(tzinfo=zone, fold=0).utcoffset()
    c1 = local - local.replace(tzinfo=zone, fold=1).utcoffset()
    return utc_to_us(max(c0, c1))


def instant_to_local(zone: zoneinfo.ZoneInfo, us: int) -> datetime:
    """Local wall-clock time (naive) of an instant in a zone."""
    utc = us_to_utc(us)
    aware = utc.replace(tzinfo=zoneinfo.ZoneInfo("UTC")).astimezone(zone)
    return aware.replace(tzinfo=None)


def utc_date(us: int) -> date:
    """UTC calendar date of an instant."""
    return us_to_utc(us).date()


def _offset_at(zone: zoneinfo.ZoneInfo, sec: int) -> int:
    """UTC offset in seconds of a zone at an epoch second."""
    return int(datetime.fromtimestamp(sec, tz=zone).utcoffset().total_seconds())


@lru_cache(maxsize=None)
def zone_transitions(zone_name: str, first_year: int = 1990,
                     last_year: int = 2100) -> tuple:
    """(instant us, offset before s, offset after s) of every offset change.

    Found by scanning the UTC offset day by day and bisecting each change to
    the second (no two changes of the zones used are within a day).
    """
    zone = get_zone(zone_name)
    out = []
    sec = int((datetime(first_year, 1, 1) - EPOCH).total_seconds())
    end = int((datetime(last_year + 1, 1, 1) - EPOCH).total_seconds())
    prev = _offset_at(zone, sec)
    while sec < end:
        nxt = sec + SECS_PER_DAY
        off = _offset_at(zone, nxt)
        if off != prev:
            lo, hi = sec, nxt          # offset(lo) == prev, offset(hi) != prev
            while hi - lo > 1:
                mid = (lo + hi) // 2
                if _offset_at(zone, mid) == prev:
                    lo = mid
                else:
                    hi = mid
            out.append((hi * US_PER_SEC, prev, off))
            prev = off
        sec = nxt
    return tuple(out)


# ---------------------------------------------------------------------------
# Parsing
# ---------------------------------------------------------------------------

_TIME_RE = r"(\d{2}):(\d{2})(?::(\d{2}))?"
_SPAN_RE = re.compile(r"^" + _TIME_RE + r"\s*-\s*" + _TIME_RE + r"$")
_DATE_RE = r"(\d{4})-(\d{2})-(\d{2})"
_DATED_RE = re.compile(r"^" + _DATE_RE + r"(?:\s*\.\.\s*" + _DATE_RE + r")?\s+(.+)$")
_WEEKLY_RE = re.compile(r"^([a-z][a-z,\-\s]*?)\s+(\d.*)$")


def _parse_time(hh: str, mm: str, ss: str | None, is_end: bool) -> int:
    """Seconds of day of HH:MM[:SS]; 24:00[:00] only allowed as an end."""
    h, m, s = int(hh), int(mm), int(ss or 0)
    if m > 59 or s > 59:
        raise CalendarError(f"bad time {hh}:{mm}:{ss}")
    if h == 24:
        if not is_end or m or s:
            raise CalendarError("24:00 is only allowed as the end of a span")
        return SECS_PER_DAY
    if h > 23:
        raise CalendarError(f"bad hour {hh}")
    return h * 3600 + m * 60 + s


def parse_span(text: str) -> tuple[int, int]:
    """A span as (start, end) seconds from the start of its date.

    The end is at most 48h: an end at or before the start (or 00:00) runs
    into the next day; 24:00 is the end of the start date.
    """
    m = _SPAN_RE.match(text.strip())
    if not m:
        raise CalendarError(f"bad span {text!r}")
    start = _parse_time(m.group(1), m.group(2), m.group(3), is_end=False)
    end = _parse_time(m.group(4), m.group(5), m.group(6), is_end=True)
    if start == end:
        raise CalendarError(f"empty span {text!r}")
    if end < start:
        end += SECS_PER_DAY
    return start, end


def parse_spans(text: str) -> list[tuple[int, int]]:
    """Comma-separated spans."""
    return [parse_span(part) for part in text.split(",")]


def parse_days(text: str) -> set[int]:
    """Day expression: 'mon', 'mon-fri', 'fri-mon' (wraps), 'mon,wed-fri'."""
    days: set[int] = set()
    for item in text.split(","):
        item = item.strip()
        if "-" in item:
            a, b = (x.strip() for x in item.split("-", 1))
            if a not in DAY_NAMES or b not in DAY_NAMES:
                raise CalendarError(f"bad day range {item!r}")
            i, j = DAY_NAMES.index(a), DAY_NAMES.index(b)
            days.add(i)
            while i != j:
                i = (i + 1) % 7
                days.add(i)
        else:
            if item not in DAY_NAMES:
                raise CalendarError(f"bad day {item!r}")
            days.add(DAY_NAMES.index(item))
    return days


def _parse_date(y: str, m: str, d: str) -> date:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        raise CalendarError(f"bad date {y}-{m}-{d}") from None


@dataclass
class Calendar:
    """A parsed calendar: zone, weekly spans per weekday, dated overrides."""

    zone_name: str = "UTC"
    weekly: list = field(default_factory=lambda: [[] for _ in range(7)])
    dated: dict = field(default_factory=dict)  # date -> list of spans
    text: str = ""

    def __post_init__(self):
        self.zone = get_zone(self.zone_name)
        self._date_cache: dict = {}

    # -- construction -------------------------------------------------------

    @classmethod
    def parse(cls, text: str) -> "Calendar":
        """Parse calendar text (see module docstring)."""
        cal_weekly = [[] for _ in range(7)]
        dated: dict = {}
        zone_name = None
        clauses = [c.strip() for c in text.lower().split(";")]
        if not any(clauses):
            raise CalendarError("empty calendar")
        for clause in clauses:
            if not clause:
                raise CalendarError("empty clause")
            if clause == "24x7":
                for wd in range(7):
                    cal_weekly[wd].append((0, SECS_PER_DAY))
                continue
            if clause.startswith("tz ") or clause.startswith("tz\t"):
                if zone_name is not None:
                    raise CalendarError("more than one tz clause")
                zone_name = resolve_zone_name(clause[2:].strip())
                continue
            m = _DATED_RE.match(clause)
            if m:
                d1 = _parse_date(*m.group(1, 2, 3))
                d2 = _parse_date(*m.group(4, 5, 6)) if m.group(4) else d1
                if d2 < d1:
                    raise CalendarError("date range ends before it starts")
                rest = m.group(7).strip()
                spans = [] if rest == "closed" else parse_spans(rest)
                d = d1
                while d <= d2:
                    dated.setdefault(d, []).extend(spans)
                    d += timedelta(days=1)
                continue
            m = _WEEKLY_RE.match(clause)
            if m:
                days = parse_days(m.group(1))
                spans = parse_spans(m.group(2))
                for wd in days:
                    cal_weekly[wd].extend(spans)
                continue
            raise CalendarError(f"bad clause {clause!r}")
        return cls(zone_name=zone_name or "UTC", weekly=cal_weekly,
                   dated=dated, text=text)

    # -- per-date hours -----------------------------------------------------

    @property
    def has_weekly(self) -> bool:
        """True when any weekday has weekly spans (open time never runs out)."""
        return any(self.weekly)

    def raw_spans(self, d: date) -> list[tuple[int, int]]:
        """The spans that apply to local date d (dated override or weekly)."""
        if d in self.dated:
            return list(self.dated[d])
        return list(self.weekly[d.weekday()])

    def merged_local(self, d: date) -> list[tuple[int, int]]:
        """Spans of date d merged as local intervals (seconds from d 00:00)."""
        out: list[list[int]] = []
        for s, e in sorted(self.raw_spans(d)):
            if out and s <= out[-1][1]:
                out[-1][1] = max(out[-1][1], e)
            else:
                out.append([s, e])
        return [(s, e) for s, e in out]

    def date_intervals(self, d: date) -> list[tuple[int, int]]:
        """Non-empty instant intervals [f(S), f(E)) of date d (cached)."""
        got = self._date_cache.get(d)
        if got is None:
            midnight = datetime(d.year, d.month, d.day)
            got = []
            for s, e in self.merged_local(d):
                a = local_to_instant(self.zone, midnight + timedelta(seconds=s))
                b = local_to_instant(self.zone, midnight + timedelta(seconds=e))
                if b > a:
                    got.append((a, b))
            self._date_cache[d] = got
        return got

    def is_business_date(self, d: date) -> bool:
        """True when date d's own hours contain a non-empty interval."""
        return bool(self.date_intervals(d))

    # -- the open set -------------------------------------------------------

    def union(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """The open set intersected with [lo, hi): sorted disjoint intervals.

        Date d's intervals lie within [d 00:00 - 14h, d + 2 days + 12h] (UTC
        offsets are within -12h..+14h and spans end at most 48h after the
        start of their date), so dates from utc_date(lo) - 3 days to
        utc_date(hi) + 3 days cover everything that can touch [lo, hi).
        Touching intervals are merged (the union of [a, b) and [b, c) is
        [a, c)).
        """
        if hi <= lo:
            return []
        d = utc_date(lo) - timedelta(days=3)
        last = utc_date(hi) + timedelta(days=3)
        raw = []
        while d <= last:
            raw.extend(self.date_intervals(d))
            d += timedelta(days=1)
        raw.sort()
        merged: list[list[int]] = []
        for s, e in raw:
            if merged and s <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        out = []
        for s, e in merged:
            s, e = max(s, lo), min(e, hi)
            if e > s:
                out.append((s, e))
        return out

    def _dated_bounds(self) -> tuple[date, date] | None:
        if not self.dated:
            return None
        return min(self.dated), max(self.dated)

    def _horizon_forward(self, t: int, long: bool) -> int:
        """Instant after which searching forward cannot find anything new.

        Without weekly spans the open set ends with the last dated date.
        With weekly spans, 'long' searches (amounts of open time) go on as
        far as Python dates do (every week without dated clauses has open
        time, so they end); searches for the next opening or closing instant
        stop 400 days past the last dated date (the weekly pattern either
        closes within a week or covers all local time for ever).
        """
        bounds = self._dated_bounds()
        if not self.has_weekly:
            if bounds is None:
                return t
            end = utc_to_us(datetime.combine(bounds[1], datetime.min.time())) + 3 * US_PER_DAY
            return max(t, end)
        if long:
            return MAX_INSTANT
        base = t
        if bounds is not None:
            base = max(t, utc_to_us(datetime.combine(bounds[1], datetime.min.time())))
        return base + SHORT_HORIZON_DAYS * US_PER_DAY

    def _horizon_backward(self, t: int, long: bool) -> int:
        """Mirror image of _horizon_forward."""
        bounds = self._dated_bounds()
        if not self.has_weekly:
            if bounds is None:
                return t
            start = utc_to_us(datetime.combine(bounds[0], datetime.min.time())) - 3 * US_PER_DAY
            return min(t, start)
        if long:
            return MIN_INSTANT
        base = t
        if bounds is not None:
            base = min(t, utc_to_us(datetime.combine(bounds[0], datetime.min.time())))
        return base - SHORT_HORIZON_DAYS * US_PER_DAY

    def pieces_forward(self, t: int, horizon: int):
        """Yield pieces of the open set within [t, horizon), in order.

        Pieces come from successive windows, so one union interval may be
        split at a window edge; callers that need whole intervals use
        intervals_forward.
        """
        lo, width = t, 8 * US_PER_DAY
        while lo < horizon:
            hi = min(lo + width, horizon)
            yield from self.union(lo, hi)
            lo = hi
            width = min(width * 2, 256 * US_PER_DAY)

    def pieces_backward(self, t: int, horizon: int):
        """Yield pieces of the open set within [horizon, t), latest first."""
        hi, width = t, 8 * US_PER_DAY
        while hi > horizon:
            lo = max(hi - width, horizon)
            yield from reversed(self.union(lo, hi))
            hi = lo
            width = min(width * 2, 256 * US_PER_DAY)

    def intervals_forward(self, t: int, horizon: int):
        """Yield whole union intervals meeting [t, horizon), first clipped at t.

        An interval still open at the horizon is yielded with end == horizon
        (its true end is unknown).
        """
        cur = None
        for s, e in self.pieces_forward(t, horizon):
            if cur is not None and s == cur[1]:
                cur = (cur[0], e)
                continue
            if cur is not None:
                yield cur
            cur = (s, e)
        if cur is not None:
            yield cur

    def intervals_backward(self, t: int, horizon: int):
        """Yield whole union intervals meeting [horizon, t), latest first."""
        cur = None
        for s, e in self.pieces_backward(t, horizon):
            if cur is not None and e == cur[0]:
                cur = (s, cur[1])
                continue
            if cur is not None:
                yield cur
            cur = (s, e)
        if cur is not None:
            yield cur

    # -- the functions --------------------------------------------------------

    def business_time(self, a: int, b: int) -> int:
        """Microseconds of open time in [a, b); negative when b < a."""
        if b < a:
            return -self.business_time(b, a)
        return sum(e - s for s, e in self.union(a, b))

    def business_add(self, t: int, d: int) -> int:
        """Instant reached from t after d microseconds of open time.

        d > 0: smallest u >= t with business_time(t, u) = d; d < 0: largest
        u <= t with business_time(u, t) = -d; d = 0: t.  Raises NoAnswer when
        the calendar has too little open time.
        """
        if d == 0:
            return t
        if d > 0:
            rem = d
            for s, e in self.pieces_forward(t, self._horizon_forward(t, long=True)):
                if rem <= e - s:
                    return s + rem
                rem -= e - s
            raise NoAnswer("not enough open time after t")
        rem = -d
        for s, e in self.pieces_backward(t, self._horizon_backward(t, long=True)):
            if rem <= e - s:
                return e - rem
            rem -= e - s
        raise NoAnswer("not enough open time before t")

    def is_open(self, t: int) -> bool:
        """True when t lies inside the open set."""
        return bool(self.union(t, t + 1))

    def next_open(self, t: int) -> int:
        """t when open, else the start of the next open interval."""
        for s, _e in self.pieces_forward(t, self._horizon_forward(t, long=False)):
            return s
        raise NoAnswer("never opens again")

    def next_close(self, t: int) -> int:
        """End of the union interval containing t, or of the next one.

        First the open set is searched up to 400 days past the last dated
        date.  If it is still open there, the weekly hours cover all local
        time, and a later close can only come from a clock change: a span
        starting in a DST gap starts at the later instant, which can leave a
        hole.  So the neighbourhood of every later transition of the zone
        (to 2100; afterwards the rules repeat) is searched too.
        """
        horizon = self._horizon_forward(t, long=False)
        for _s, e in self.intervals_forward(t, horizon):
            if e < horizon:
                return e
            break
        else:
            raise NoAnswer("never opens again")
        for us, _before, _after in zone_transitions(self.zone_name):
            lo, hi = us - 4 * US_PER_DAY, us + 4 * US_PER_DAY
            if hi <= horizon:
                continue
            lo = max(lo, horizon)
            for _s, e in self.union(lo, hi):
                if e < hi:
                    return e
        raise NoAnswer("never closes again")

    def business_days(self, d1: date, d2: date) -> int:
        """Number of business dates d with d1 <= d < d2 (0 when d2 <= d1)."""
        n, d = 0, d1
        while d < d2:
            n += self.is_business_date(d)
            d += timedelta(days=1)
        return n

    def _date_horizon(self, d: date, step: int) -> date:
        """Last date worth examining when walking dates from d by step."""
        bounds = self._dated_bounds()
        if not self.has_weekly:
            if bounds is None:
                return d
            return max(d, bounds[1]) if step > 0 else min(d, bounds[0])
        return MAX_DATE if step > 0 else MIN_DATE

    def business_days_add(self, d: date, n: int) -> date:
        """n-th business date after d (n > 0), before d (n < 0), or d."""
        if n == 0:
            return d
        step = 1 if n > 0 else -1
        limit = self._date_horizon(d, step)
        left, cur = abs(n), d
        while (cur - limit).days * step < 0:
            cur += timedelta(days=step)
            if self.is_business_date(cur):
                left -= 1
                if left == 0:
                    return cur
        raise NoAnswer("not enough business dates")

    # -- independent cross-checks used by self_check -------------------------

    def raw_intervals(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """All per-date intervals of the dates that can meet [lo, hi)."""
        d = utc_date(lo) - timedelta(days=3)
        last = utc_date(hi) + timedelta(days=3)
        out = []
        while d <= last:
            out.extend(self.date_intervals(d))
            d += timedelta(days=1)
        return out

    def business_time_sweep(self, a: int, b: int) -> int:
        """business_time by a coverage-count sweep (no interval merging)."""
        if b < a:
            return -self.business_time_sweep(b, a)
        events = []
        for s, e in self.raw_intervals(a, b):
            events.append((s, 1))
            events.append((e, -1))
        events.sort()
        total, depth, prev = 0, 0, None
        for x, delta in events:
            if depth > 0 and prev is not None:
                lo, hi = max(prev, a), min(x, b)
                if hi > lo:
                    total += hi - lo
            depth += delta
            prev = x
        return total

    def is_open_direct(self, t: int) -> bool:
        """is_open by testing each date's own intervals (no union)."""
        return any(s <= t < e for s, e in self.raw_intervals(t, t + 1))


def self_check(cal: Calendar, rng, a: int, b: int, t: int, d: int, q: int,
               d1: date, d2: date, bd: date, n: int) -> list[str]:
    """Check properties that the reference must satisfy; return failures.

    Properties: additivity of business_time, sweep and union agree,
    business_time(t, business_add(t, d)) = d with minimality, is_open agrees
    with a direct per-date test and with business_time over one microsecond,
    next_open/next_close are consistent with is_open and business_time,
    business_days and business_days_add agree.
    """
    bad = []
    bt = cal.business_time
    # additivity at a few split points, including points outside [a, b]
    for m in (a, b, (a + b) // 2, a + rng.randint(-3 * US_PER_DAY, 3 * US_PER_DAY)):
        if bt(a, b) != bt(a, m) + bt(m, b):
            bad.append(f"additivity a={a} m={m} b={b}")
    if bt(a, b) != cal.business_time_sweep(a, b):
        bad.append(f"sweep a={a} b={b}")
    if bt(a, b) != -bt(b, a):
        bad.append("antisymmetry")
    # business_add
    try:
        u = cal.business_add(t, d)
    except NoAnswer:
        u = None
    if u is not None:
        if bt(t, u) != d:
            bad.append(f"bt(t, add(t,d)) != d: t={t} d={d} u={u}")
        if d > 0 and bt(t, u - 1) >= d:
            bad.append(f"add not minimal t={t} d={d}")
        if d < 0 and bt(u + 1, t) >= -d:
            bad.append(f"add not maximal t={t} d={d}")
        if d > 0 and u < t or d < 0 and u > t:
            bad.append("add wrong direction")
    # is_open / next_open / next_close
    o = cal.is_open(q)
    if o != cal.is_open_direct(q) or o != (bt(q, q + 1) == 1):
        bad.append(f"is_open inconsistent q={q}")
    try:
        no = cal.next_open(q)
        if not cal.is_open(no) or bt(q, no) != 0:
            bad.append(f"next_open q={q}")
        if (no == q) != o:
            bad.append(f"next_open vs is_open q={q}")
        if no > q and cal.is_open(no - 1):
            bad.append(f"next_open not an opening q={q}")
    except NoAnswer:
        no = None
        if o:
            bad.append("open but next_open has no answer")
    try:
        nc = cal.next_close(q)
        if nc <= q or cal.is_open(nc) or not cal.is_open(nc - 1):
            bad.append(f"next_close q={q}")
        start = q if o else no
        if start is None or bt(start, nc) != nc - start:
            bad.append(f"next_close not closing the interval q={q}")
    except NoAnswer:
        pass
    # business days
    nb = cal.business_days(d1, d2)
    if nb != sum(cal.is_business_date(d1 + timedelta(days=i))
                 for i in range(max(0, (d2 - d1).days))):
        bad.append("business_days count")
    try:
        r = cal.business_days_add(bd, n)
        if n > 0 and (cal.business_days(bd + timedelta(days=1), r + timedelta(days=1)) != n
                      or not cal.is_business_date(r)):
            bad.append(f"business_days_add n={n}")
        if n < 0 and (cal.business_days(r, bd) != -n or not cal.is_business_date(r)):
            bad.append(f"business_days_add n={n}")
        if n == 0 and r != bd:
            bad.append("business_days_add n=0")
    except NoAnswer:
        if cal.has_weekly:
            bad.append("business_days_add ran out on a weekly calendar")
    return bad


def clock_status(cal: Calendar, duration: int, warn_pct: int | None, start: int,
                 stop: int | None, at: int) -> str:
    """Status of an SLA clock of duration us of open time on cal, no pauses.

    The deadline is cal.business_add(start, duration), the smallest instant
    at which the duration has run; there is none when the calendar has too
    little open time, and then the clock is never breached.  A clock that
    stops before it starts is 'invalid'.  Stopped, it is 'breached' when it
    stops after the deadline, else 'met' (a stop exactly at the deadline is
    met).  Open and judged at instant at, it is 'breached' when at is after
    the deadline, else 'at_risk' when the open time from start to at is at
    least warn_pct % of the duration, else 'running'.
    """
    if stop is not None and stop < start:
        return "invalid"
    try:
        due = cal.business_add(start, duration)
    except NoAnswer:
        due = None
    end = stop if stop is not None else at
    if due is not None and end > due:
        return "breached"
    if stop is not None:
        return "met"
    if warn_pct is not None and cal.business_time(start, at) * 100 >= duration * warn_pct:
        return "at_risk"
    return "running"


# ---------------------------------------------------------------------------
# Targets in business days
# ---------------------------------------------------------------------------
#
# 'N business days on (<calendar>)': the clock counts from the opening O,
# the start itself when the calendar is open there, else the next opening
# instant.  Day 0 is the local date of O.  The unpaused deadline is the
# close of the N-th business date after day 0 (business_days_add(day 0,
# N)); for N = 0 the close of day 0.  The close of a date is the end of
# its last span with open time (the largest end among date_intervals).
# N = 0 when day 0 has no hours of its own (O lies in an earlier date's
# span running past midnight): the end of the open run containing O.
# There is no deadline when the calendar never opens again or has fewer
# than N business dates after day 0.
#
# The effective duration D is the business time from the start to that
# deadline; from there the clock is a duration target of D: the deadline
# with pauses is the instant at which D of open time, paused time
# excluded, has run.

class EndlessPause(Exception):
    """Raised when a pause without end holds the clock before it is due."""


def date_close(cal: Calendar, d: date) -> int | None:
    """End of the last span with open time of local date d (None: no hours)."""
    ivs = cal.date_intervals(d)
    return max(e for _s, e in ivs) if ivs else None


def business_day_deadline(cal: Calendar, n: int, start: int) -> tuple[int, str]:
    """Unpaused deadline of an 'n business days' target started at start.

    Returns (instant, how); how is 'close' (the close of a date),
    'run' (N = 0, day 0 without hours of its own: end of the open run) or
    'run-after-close' (N = 0, day 0 has hours but they all end at or before
    the opening: the specification's words do not cover this; the model
    reads it like the case without hours of its own, see README.md).
    Raises NoAnswer when there is no deadline.
    """
    if n < 0:
        raise ValueError("n must be >= 0")
    o = cal.next_open(start)                     # NoAnswer: never opens again
    d0 = instant_to_local(cal.zone, o).date()
    if n == 0:
        c = date_close(cal, d0)
        if c is not None and c > o:
            return c, "close"
        return cal.next_close(o), ("run" if c is None else "run-after-close")
    dn = cal.business_days_add(d0, n)            # NoAnswer: too few dates
    return date_close(cal, dn), "close"


def _endless_from(pauses) -> int | None:
    """Start of the earliest pause without end (None when every pause ends)."""
    ends = [lo for lo, hi in pauses if hi is None]
    if not ends:
        return None
    return min(MIN_INSTANT if lo is None else lo for lo in ends)


def _minus_pauses(s: int, e: int, pauses) -> list[tuple[int, int]]:
    """[s, e) without the pauses (None bounds are infinite), in order."""
    out = [(s, e)]
    for lo, hi in pauses:
        lo = MIN_INSTANT if lo is None else lo
        hi = MAX_INSTANT if hi is None else hi
        nxt = []
        for a, b in out:
            if hi <= a or lo >= b:
                nxt.append((a, b))
                continue
            if a < lo:
                nxt.append((a, lo))
            if hi < b:
                nxt.append((hi, b))
        out = nxt
    return sorted(out)


def paused_time(cal: Calendar, a: int, b: int, pauses) -> int:
    """Open time in [a, b) outside the pauses; negative when b < a."""
    if b < a:
        return -paused_time(cal, b, a, pauses)
    return sum(y - x for s, e in cal.union(a, b) for x, y in _minus_pauses(s, e, pauses))


def paused_add(cal: Calendar, t: int, d: int, pauses) -> int:
    """Smallest u >= t with paused_time(t, u) = d (d >= 0).

    Raises EndlessPause when a pause without end begins before d has run,
    NoAnswer when the calendar has too little open time.
    """
    if d == 0:
        return t
    horizon = cal._horizon_forward(t, long=True)
    endless = _endless_from(pauses)
    if endless is not None:
        horizon = min(horizon, max(t, endless))
    rem = d
    for s, e in cal.pieces_forward(t, horizon):
        for x, y in _minus_pauses(s, e, pauses):
            if rem <= y - x:
                return x + rem
            rem -= y - x
    if endless is not None and endless < cal._horizon_forward(t, long=True):
        raise EndlessPause("a pause without end holds the clock")
    raise NoAnswer("not enough open time after t")


@dataclass
class BusinessDayClock:
    """Everything the reference says about one business-day clock."""

    deadline0: int | None          # unpaused deadline (None: no deadline)
    how: str                       # see business_day_deadline; 'none' without one
    duration: int | None           # effective duration D in us
    deadline: int | None           # deadline with pauses
    why_none: str                  # why deadline is None: '', 'none', 'endless', 'short'


def business_day_clock(cal: Calendar, n: int, start: int, pauses=()) -> BusinessDayClock:
    """Deadlines and effective duration of an 'n business days' clock."""
    try:
        dl0, how = business_day_deadline(cal, n, start)
    except NoAnswer:
        return BusinessDayClock(None, "none", None, None, "none")
    dur = cal.business_time(start, dl0)
    try:
        dl = paused_add(cal, start, dur, pauses)
        why = ""
    except EndlessPause:
        dl, why = None, "endless"
    except NoAnswer:
        dl, why = None, "short"
    return BusinessDayClock(dl0, how, dur, dl, why)


def business_day_elapsed(cal: Calendar, start: int, stop: int, pauses=()) -> int | None:
    """slm.elapsed: open time from start to stop outside pauses; None when stop < start."""
    if stop < start:
        return None
    return paused_time(cal, start, stop, pauses)


def business_day_remaining(cal: Calendar, clock: BusinessDayClock, start: int, at: int,
                           pauses=()) -> int | None:
    """slm.remaining: D minus the (signed) open time from start to at, pauses
    excluded; None when there is no deadline."""
    if clock.duration is None:
        return None
    return clock.duration - paused_time(cal, start, at, pauses)


def business_day_status(cal: Calendar, clock: BusinessDayClock, warn_pct: int | None,
                        start: int, stop: int | None, at: int, pauses=()) -> str:
    """slm.status of a business-day clock (the rule of clock_status, with the
    paused deadline and the effective duration; no deadline: never
    breached, and without an effective duration never at risk)."""
    if stop is not None and stop < start:
        return "invalid"
    end = stop if stop is not None else at
    if clock.deadline is not None and end > clock.deadline:
        return "breached"
    if stop is not None:
        return "met"
    if (clock.duration is not None and warn_pct is not None
            and paused_time(cal, start, at, pauses) * 100 >= clock.duration * warn_pct):
        return "at_risk"
    return "running"


def self_check_business_days(cal: Calendar, n: int, start: int, pauses) -> list[str]:
    """Properties of a business-day clock the reference must satisfy.

    The unpaused deadline is after the opening and is the close of a
    business date; for N >= 1 exactly N business dates lie after day 0 up
    to that date; D is the open time from the start to it; the paused
    deadline is the smallest instant at which D of unpaused open time has
    run, and without pauses it is the unpaused deadline.
    """
    bad = []
    clock = business_day_clock(cal, n, start, pauses)
    if clock.deadline0 is None:
        return bad
    o = cal.next_open(start)
    if clock.deadline0 <= o:
        bad.append(f"deadline0 not after the opening: start={start}")
    d0 = instant_to_local(cal.zone, o).date()
    if clock.how == "close":
        # the date whose close it is: day 0 for N = 0, else a later date
        dn = d0 if n == 0 else cal.business_days_add(d0, n)
        if date_close(cal, dn) != clock.deadline0:
            bad.append(f"deadline0 is not the close of {dn}")
        if n and cal.business_days(d0 + timedelta(days=1), dn + timedelta(days=1)) != n:
            bad.append(f"not {n} business dates after day 0")
    else:
        if cal.is_open(clock.deadline0) or not cal.is_open(clock.deadline0 - 1):
            bad.append("run end is not a closing instant")
        if cal.business_time(o, clock.deadline0) != clock.deadline0 - o:
            bad.append("run end not reached without a closed moment")
    if cal.business_time(start, clock.deadline0) != clock.duration:
        bad.append("D is not the open time to the deadline")
    if business_day_clock(cal, n, start).deadline != clock.deadline0:
        bad.append("deadline without pauses differs from deadline0")
    if clock.deadline is not None:
        if paused_time(cal, start, clock.deadline, pauses) != clock.duration:
            bad.append("paused deadline: open time differs from D")
        if clock.deadline > start and paused_time(cal, start, clock.deadline - 1,
                                                  pauses) >= clock.duration:
            bad.append("paused deadline is not the smallest instant")
    return bad
