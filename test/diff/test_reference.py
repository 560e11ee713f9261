#!/usr/bin/env python3
"""Hand-computed examples for the reference model (python3 test_reference.py).

Each expected value here is worked out by hand from the specification, so
these tests pin the reference itself before it is used to judge slm.
"""

import os
import sys
import unittest
from datetime import date, datetime

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from reference import (Calendar, CalendarError, NoAnswer, US_PER_SEC,  # noqa: E402
                       business_day_clock, business_day_deadline, business_day_elapsed,
                       business_day_remaining, business_day_status, clock_status,
                       utc_to_us)

H = 3600 * US_PER_SEC


def u(*args):
    """Epoch microseconds of a UTC wall time."""
    return utc_to_us(datetime(*args))


class Parsing(unittest.TestCase):
    def test_days(self):
        cal = Calendar.parse("FRI-Mon 10:00-11:00")
        self.assertEqual([bool(x) for x in cal.weekly],
                         [True, False, False, False, True, True, True])
        cal = Calendar.parse("mon,wed-fri 10:00-11:00")
        self.assertEqual([bool(x) for x in cal.weekly],
                         [True, False, True, True, True, False, False])

    def test_spans(self):
        cal = Calendar.parse("mon 22:00-00:00, 08:59:30-09:00; tz europe/berlin")
        self.assertEqual(sorted(cal.weekly[0]), [(32370, 32400), (79200, 86400)])
        self.assertEqual(cal.zone_name, "Europe/Berlin")
        self.assertEqual(Calendar.parse("mon 22:00-24:00").weekly[0], [(79200, 86400)])
        self.assertEqual(Calendar.parse("mon 22:00-06:00").weekly[0], [(79200, 86400 + 21600)])
        self.assertEqual(Calendar.parse("24X7").weekly[6], [(0, 86400)])

    def test_errors(self):
        for bad in ("mon 09:00-09:00", "mon 24:00-10:00", "mon 09:60-10:00",
                    "xyz 09:00-10:00", "2024-01-05..2024-01-01 closed",
                    "tz Nowhere/Land", "mon 9:00-10:00"):
            with self.assertRaises(CalendarError, msg=bad):
                Calendar.parse(bad)


class Semantics(unittest.TestCase):
    def test_office(self):
        cal = Calendar.parse("mon-fri 09:00-17:00")   # 2024-01-01 is a Monday
        self.assertEqual(cal.business_time(u(2024, 1, 1), u(2024, 1, 8)), 40 * H)
        self.assertEqual(cal.business_time(u(2024, 1, 8), u(2024, 1, 1)), -40 * H)
        self.assertEqual(cal.business_add(u(2024, 1, 5, 16), 2 * H), u(2024, 1, 8, 10))
        self.assertEqual(cal.business_add(u(2024, 1, 8, 9), 8 * H), u(2024, 1, 8, 17))
        self.assertEqual(cal.business_add(u(2024, 1, 8, 10), -1 * H), u(2024, 1, 8, 9))
        self.assertEqual(cal.business_add(u(2024, 1, 8, 10), -2 * H), u(2024, 1, 5, 16))
        self.assertEqual(cal.business_add(u(2024, 1, 6), 0), u(2024, 1, 6))
        self.assertTrue(cal.is_open(u(2024, 1, 8, 9)))
        self.assertFalse(cal.is_open(u(2024, 1, 8, 17)))
        self.assertEqual(cal.next_open(u(2024, 1, 6)), u(2024, 1, 8, 9))
        self.assertEqual(cal.next_close(u(2024, 1, 8, 17)), u(2024, 1, 9, 17))
        self.assertEqual(cal.business_days(date(2024, 1, 1), date(2024, 1, 8)), 5)
        self.assertEqual(cal.business_days_add(date(2024, 1, 5), 1), date(2024, 1, 8))
        self.assertEqual(cal.business_days_add(date(2024, 1, 8), -1), date(2024, 1, 5))
        self.assertEqual(cal.business_days_add(date(2024, 1, 6), 0), date(2024, 1, 6))

    def test_holiday_keeps_previous_nights_shift(self):
        # 2024-01-03 is a Wednesday
        cal = Calendar.parse("tue,wed 22:00-06:00; 2024-01-03 closed")
        self.assertEqual(cal.business_time(u(2024, 1, 2), u(2024, 1, 5)), 8 * H)
        self.assertTrue(cal.is_open(u(2024, 1, 3, 5, 59)))
        self.assertFalse(cal.is_open(u(2024, 1, 3, 22)))
        self.assertEqual(cal.business_days(date(2024, 1, 2), date(2024, 1, 4)), 1)

    def test_touching_dates_make_one_interval(self):
        cal = Calendar.parse("mon-sun 12:00-12:00:01, 12:00:01-12:00; 2024-01-10 closed")
        # the 9th's span runs to the 10th 12:00; the 10th's own hours are gone
        self.assertEqual(cal.next_close(u(2024, 1, 5)), u(2024, 1, 10, 12))
        self.assertEqual(cal.next_open(u(2024, 1, 10, 12)), u(2024, 1, 11, 12))
        with self.assertRaises(NoAnswer):
            Calendar.parse("24x7").next_close(u(2024, 1, 1))

    def test_dated_union(self):
        cal = Calendar.parse("2024-01-02 09:00-10:00; 2024-01-02 closed; "
                             "2024-01-01..2024-01-02 09:30-10:30")
        self.assertEqual(cal.business_time(u(2024, 1, 1), u(2024, 1, 3)), H + 90 * 60 * US_PER_SEC)
        with self.assertRaises(NoAnswer):
            cal.business_add(u(2024, 1, 1), 3 * H)
        self.assertEqual(cal.business_add(u(2024, 1, 1), H + 90 * 60 * US_PER_SEC),
                         u(2024, 1, 2, 10, 30))
        with self.assertRaises(NoAnswer):
            cal.business_days_add(date(2024, 1, 1), 2)

    def test_dst_new_york(self):
        cal = Calendar.parse("tz America/New_York; sun 01:00-04:00, 22:00-06:00")
        # spring forward 2024-03-10 02:00 EST -> 03:00 EDT
        self.assertEqual(cal.business_time(u(2024, 3, 10, 6), u(2024, 3, 10, 8)), 2 * H)
        # fall back 2024-11-03: 01:00 is ambiguous, the later instant (EST) counts
        self.assertEqual(cal.next_open(u(2024, 11, 3)), u(2024, 11, 3, 6))
        self.assertEqual(cal.next_close(u(2024, 11, 3)), u(2024, 11, 3, 9))
        # a span entirely swallowed by the gap is empty; the date has no hours
        cal = Calendar.parse("tz America/New_York; sun 02:30-03:15")
        self.assertEqual(cal.business_time(u(2024, 3, 9), u(2024, 3, 12)), 0)
        self.assertEqual(cal.business_days(date(2024, 3, 10), date(2024, 3, 11)), 0)
        self.assertEqual(cal.business_days(date(2024, 3, 17), date(2024, 3, 18)), 1)
        # a span starting in the gap starts at the later candidate instant
        cal = Calendar.parse("tz America/New_York; sun 02:30-04:00")
        self.assertEqual(cal.next_open(u(2024, 3, 10)), u(2024, 3, 10, 7, 30))

    def test_gap_opens_a_hole_in_full_cover(self):
        # Every local time is covered, but when clocks go 00:00 -> 01:00 the
        # span from 00:59:59 starts at the later instant (01:59:59 local)
        # while the previous date's span ends at 01:00 local.
        cal = Calendar.parse("tz America/Sao_Paulo; mon-sun 00:59:59-00:00:29, 13:00-01:00")
        self.assertEqual(cal.next_close(u(2002, 2, 19)), u(2002, 11, 3, 3))
        self.assertEqual(cal.next_open(u(2002, 11, 3, 3)), u(2002, 11, 3, 3, 59, 59))
        # With Wednesday-Sunday covered more widely, the first hole is on a
        # Tuesday transition, years after the last dated clause.
        cal = Calendar.parse(
            "TUE-MON 13:00-01:00,20:15-24:00,00:59:59-00:00:29; 2002-02-11..2002-02-12 closed; "
            "tz America/Sao_Paulo; WeD-SUn 01:15-24:00,23:45-05:45; 2002-02-13 closed; "
            "2002-02-14 22:30:00-09:00, 22:45:00-00:00:59, 19:00-08:00")
        self.assertEqual(cal.next_close(u(2002, 2, 19, 7, 29, 16)), u(2004, 11, 2, 3))

    def test_lord_howe_half_hour(self):
        # 2024-04-07 02:00 (+11) -> 01:30 (+10:30)
        cal = Calendar.parse("tz Australia/Lord_Howe; sun 00:00-24:00")
        self.assertEqual(cal.business_time(u(2024, 4, 6), u(2024, 4, 8)), 24 * H + 30 * 60 * US_PER_SEC)

    def test_apia_skipped_day(self):
        # 2011-12-29 24:00 (-10) jumped to 2011-12-31 00:00 (+14)
        cal = Calendar.parse("tz Pacific/Apia; mon-sun 09:00-17:00")
        # 12-30 09:00 does not exist: later candidate = 12-30 19:00 UTC, which
        # is the same instant as 12-31 09:00 +14; both dates give one interval.
        self.assertEqual(cal.business_time(u(2011, 12, 30, 12), u(2011, 12, 31, 12)), 8 * H)
        self.assertEqual(cal.business_days(date(2011, 12, 29), date(2012, 1, 1)), 3)


class ClockStatus(unittest.TestCase):
    # 2026-11-27 is a Friday; 2h from 15:00 on weekdays 09-17 are due at
    # Friday's closing time, 17:00.
    cal = Calendar.parse("mon-fri 09:00-17:00")
    start = u(2026, 11, 27, 15)

    def test_stopped(self):
        st = lambda stop: clock_status(self.cal, 2 * H, None, self.start, stop, 0)
        self.assertEqual(st(u(2026, 11, 27, 17)), "met")
        self.assertEqual(st(u(2026, 11, 27, 17) + 1), "breached")
        self.assertEqual(st(u(2026, 11, 28, 10)), "breached")      # Saturday
        self.assertEqual(st(u(2026, 11, 30, 9)), "breached")       # Monday's opening
        self.assertEqual(st(self.start), "met")
        self.assertEqual(st(self.start - 1), "invalid")

    def test_open(self):
        st = lambda at, warn=None: clock_status(self.cal, 2 * H, warn, self.start, None, at)
        self.assertEqual(st(u(2026, 11, 27, 16)), "running")
        self.assertEqual(st(u(2026, 11, 27, 16), 50), "at_risk")   # 1h of 2h
        self.assertEqual(st(u(2026, 11, 27, 16) - 1, 50), "running")
        self.assertEqual(st(u(2026, 11, 27, 17), 100), "at_risk")  # at the deadline
        self.assertEqual(st(u(2026, 11, 28, 10), 100), "breached")
        self.assertEqual(st(self.start - H, 0), "running")         # before the start

    def test_no_deadline(self):
        # 4h never run on a calendar of one day's 2 open hours after 15:00
        cal = Calendar.parse("2026-11-27 09:00-17:00")
        self.assertEqual(clock_status(cal, 4 * H, None, self.start, u(2027, 1, 1), 0), "met")
        self.assertEqual(clock_status(cal, 4 * H, 50, self.start, None, u(2027, 1, 1)), "at_risk")
        self.assertEqual(clock_status(cal, 4 * H, 75, self.start, None, u(2027, 1, 1)), "running")


class BusinessDays(unittest.TestCase):
    # 2026-11-27 is a Friday; Berlin is UTC+1 in November and December.
    office = Calendar.parse("mon-fri 08:00-17:00; tz Europe/Berlin")

    def due(self, cal, n, start):
        return business_day_deadline(cal, n, start)[0]

    def test_office(self):
        fri10 = u(2026, 11, 27, 9)
        self.assertEqual(self.due(self.office, 2, fri10), u(2026, 12, 1, 16))     # Tue 17:00
        self.assertEqual(self.due(self.office, 0, fri10), u(2026, 11, 27, 16))    # Fri 17:00
        fri18 = u(2026, 11, 27, 17)
        self.assertEqual(self.due(self.office, 2, fri18), u(2026, 12, 2, 16))     # Wed 17:00
        self.assertEqual(self.due(self.office, 0, fri18), u(2026, 11, 30, 16))    # Mon 17:00
        mon17 = u(2026, 11, 30, 16)                                               # closed
        self.assertEqual(self.due(self.office, 2, mon17), u(2026, 12, 3, 16))     # Thu 17:00
        self.assertEqual(self.due(self.office, 0, mon17 - 1), mon17)
        clock = business_day_clock(self.office, 2, fri10)
        self.assertEqual(clock.duration, 25 * H)                                  # 7h + 9h + 9h

    def test_holiday(self):
        cal = Calendar.parse("mon-fri 08:00-17:00; tz Europe/Berlin; 2026-11-30 closed")
        self.assertEqual(self.due(cal, 2, u(2026, 11, 27, 9)), u(2026, 12, 2, 16))  # Wed
        self.assertEqual(self.due(cal, 0, u(2026, 11, 27, 17)), u(2026, 12, 1, 16))  # Tue

    def test_night(self):
        cal = Calendar.parse("mon-fri 22:00-06:00")          # UTC
        tue03 = u(2026, 12, 1, 3)                             # inside Monday's span
        self.assertEqual(business_day_deadline(cal, 0, tue03), (u(2026, 12, 2, 6), "close"))
        self.assertEqual(self.due(cal, 1, tue03), u(2026, 12, 3, 6))
        self.assertEqual(business_day_clock(cal, 0, tue03).duration, 11 * H)
        sat03 = u(2026, 11, 28, 3)                            # inside Friday's span
        self.assertEqual(business_day_deadline(cal, 0, sat03), (u(2026, 11, 28, 6), "run"))
        self.assertEqual(self.due(cal, 1, sat03), u(2026, 12, 1, 6))          # Monday's span
        sat07 = u(2026, 11, 28, 7)                            # closed: opens Mon 22:00
        self.assertEqual(self.due(cal, 0, sat07), u(2026, 12, 1, 6))
        self.assertEqual(self.due(cal, 1, sat07), u(2026, 12, 2, 6))
        # Tuesday's own hours end before an opening inside Monday's span
        cal = Calendar.parse("mon 22:00-06:00; tue 01:00-02:00")
        self.assertEqual(business_day_deadline(cal, 0, tue03),
                         (u(2026, 12, 1, 6), "run-after-close"))

    def test_dst(self):
        # Berlin 2026-10-25 03:00 CEST -> 02:00 CET: that date has 25 hours
        cal = Calendar.parse("mon-sun 00:00-24:00; tz Europe/Berlin")
        start = u(2026, 10, 24, 22)                           # 25 Oct 00:00 CEST
        clock = business_day_clock(cal, 0, start)
        self.assertEqual((clock.deadline0, clock.duration), (u(2026, 10, 25, 23), 25 * H))
        self.assertEqual(business_day_clock(cal, 1, start).duration, 49 * H)
        # Friday 16:00 CEST, 1 business day: Monday 17:00 CET
        clock = business_day_clock(self.office, 1, u(2026, 10, 23, 14))
        self.assertEqual((clock.deadline0, clock.duration), (u(2026, 10, 26, 16), 10 * H))

    def test_pauses(self):
        fri10 = u(2026, 11, 27, 9)
        pause = [(u(2026, 11, 30, 8), u(2026, 11, 30, 10))]  # Mon 09:00-11:00
        clock = business_day_clock(self.office, 2, fri10, pause)
        self.assertEqual(clock.deadline0, u(2026, 12, 1, 16))
        self.assertEqual(clock.deadline, u(2026, 12, 2, 9))  # Wed 10:00
        st = lambda stop, at=0, warn=None: business_day_status(
            self.office, clock, warn, fri10, stop, at, pause)
        self.assertEqual(st(u(2026, 12, 2, 9)), "met")
        self.assertEqual(st(u(2026, 12, 2, 9) + 1), "breached")
        self.assertEqual(st(None, u(2026, 12, 2, 9) - 1), "running")
        self.assertEqual(st(None, u(2026, 12, 2, 9) + 1), "breached")
        self.assertEqual(st(fri10 - 1), "invalid")
        mon12 = u(2026, 11, 30, 11)
        self.assertEqual(business_day_elapsed(self.office, fri10, mon12, pause), 9 * H)
        self.assertIsNone(business_day_elapsed(self.office, fri10, fri10 - 1, pause))
        self.assertEqual(business_day_remaining(self.office, clock, fri10, mon12, pause), 16 * H)
        self.assertEqual(business_day_remaining(self.office, clock, fri10, mon12), 14 * H)
        self.assertEqual(st(None, mon12, 50), "running")                     # 9h < 12.5h
        self.assertEqual(st(None, u(2026, 12, 1, 11), 50), "at_risk")        # 18h
        # a pause without end from Monday 12:00: no deadline, never breached
        endless = [(mon12, None)]
        clock = business_day_clock(self.office, 2, fri10, endless)
        self.assertEqual((clock.deadline, clock.why_none), (None, "endless"))
        self.assertEqual(business_day_status(self.office, clock, None, fri10, u(2027, 1, 1), 0,
                                             endless), "met")
        self.assertEqual(business_day_remaining(self.office, clock, fri10, u(2027, 1, 1), endless),
                         14 * H)
        # a pause from the beginning of time to Monday 08:00
        clock = business_day_clock(self.office, 2, fri10, [(None, u(2026, 11, 30, 7))])
        self.assertEqual(clock.deadline, u(2026, 12, 2, 14))  # Wed 15:00

    def test_no_deadline(self):
        cal = Calendar.parse("2026-11-27 09:00-17:00")
        sat = u(2026, 11, 28)
        clock = business_day_clock(cal, 0, sat)
        self.assertEqual((clock.deadline, clock.duration), (None, None))
        self.assertEqual(business_day_status(cal, clock, 0, sat, None, u(2027, 1, 1)), "running")
        self.assertEqual(business_day_status(cal, clock, 0, sat, u(2027, 1, 1), 0), "met")
        self.assertIsNone(business_day_remaining(cal, clock, sat, u(2027, 1, 1)))
        # opens again, but has no business date after day 0
        clock = business_day_clock(cal, 1, u(2026, 11, 27, 10))
        self.assertEqual(clock.why_none, "none")
        self.assertEqual(business_day_clock(cal, 0, u(2026, 11, 27, 10)).deadline,
                         u(2026, 11, 27, 17))
        # dated hours only: D is known, but a pause pushes it past the open time
        clock = business_day_clock(cal, 0, u(2026, 11, 27, 10),
                                   [(u(2026, 11, 27, 11), u(2026, 11, 27, 12))])
        self.assertEqual((clock.duration, clock.deadline, clock.why_none), (7 * H, None, "short"))


if __name__ == "__main__":
    unittest.main()
