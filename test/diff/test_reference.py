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
                       clock_status, utc_to_us)

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


if __name__ == "__main__":
    unittest.main()
