#!/usr/bin/env python3
"""Mutation inputs for the slm.calendar and slm.target parsers.

Prints one literal per line (tab-free, newline-free): valid seeds and
random mutations of them (deleted, duplicated, swapped and replaced
characters, spliced clauses, extreme numbers). Seeded, so runs repeat.
"""
import random
import sys

CAL_SEEDS = [
    "mon-fri 09:00-12:00, 13:00-17:00; sat 10:00-14:00; 2026-12-24 09:00-12:00; 2026-12-25..2026-12-26 closed; tz Europe/Berlin",
    "24x7; tz Pacific/Chatham",
    "mon-fri 22:00-06:00; sun 23:30:15-00:00; 2027-01-01 closed; tz America/Santiago",
    "fri-mon 10:00-11:00; mon,wed-fri 08:00-12:00",
    "mon 00:00-28:00; 2024-02-29 01:00-05:00",
    "",
]
TGT_SEEDS = [
    "4h on (mon-fri 09:00-17:00; tz Europe/Berlin) goal 95% warn 80%",
    "30 minutes", "2 days goal 99.5%", "PT4H30M warn 50%",
    "1 day 2 hours 3.25 seconds on (24x7; 2026-12-25 closed)",
    "2 business days on (mon-fri 08:00-17:00; tz Europe/Berlin) goal 90%",
    "1 business day warn 50%", "0 BUSINESS DAYS on (mon 22:00-30:00)",
]
ALPHABET = "0123456789:-;,. ()%abcdefghijklmnopqrstuvwxyz/_+\\'\"\t\x01é"
EXTREMES = ["99999999999999999999", "-1", "24:00", "48:00", "47:59:59", "00:00:60",
            "9999-12-31", "0000-01-01", "..", ";;;;", "tz", "closed", "24x7", "goal", "on (", "business", "days", "day",
            ")", "%", "1e308", "nan", "infinity"]


def mutate(s, rng):
    s = list(s)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(6)
        pos = rng.randint(0, len(s))
        if op == 0 and s:
            del s[min(pos, len(s) - 1)]
        elif op == 1:
            s.insert(pos, rng.choice(ALPHABET))
        elif op == 2 and s:
            i = min(pos, len(s) - 1)
            s[i] = rng.choice(ALPHABET)
        elif op == 3 and len(s) > 2:
            a, b = sorted(rng.sample(range(len(s)), 2))
            s[a:b] = s[a:b] * rng.randint(0, 3)
        elif op == 4:
            s[pos:pos] = list(rng.choice(EXTREMES))
        else:
            other = rng.choice(CAL_SEEDS + TGT_SEEDS)
            a = rng.randint(0, len(other))
            s[pos:pos] = list(other[a:a + rng.randint(1, 20)])
    return "".join(s)


def main():
    kind, count, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(seed)
    seeds = CAL_SEEDS if kind == "calendar" else TGT_SEEDS
    out = list(seeds)
    while len(out) < count:
        out.append(mutate(rng.choice(seeds), rng))
    for s in out:
        s = s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        s = s.replace("\x01", "\\001")
        print(s)


if __name__ == "__main__":
    main()
