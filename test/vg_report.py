#!/usr/bin/env python3
"""Sort the errors of memcheck logs into ours and the rest.

Reads the per-process logs that test/valgrind.sh makes valgrind write
(--error-markers=VALGRINDERROR-BEGIN,VALGRINDERROR-END, --fullpath-after=)
and reports every error with at least one frame, at any depth, in the code
under test. A frame is ours when

  - its source file lies in one of the --src directories, or
  - its object is one of the --so libraries, or
  - its function is defined in one of the --so libraries (nm --defined-only,
    static functions and compiler clones such as foo.isra.0 included),
    unless a name of that function is also defined by the server binary or
    another library of the server (_PG_init, Pg_magic_func, frame_dummy,
    ...): such names count only through the first two rules.

Prints each of our errors with its process log and frames (ours marked
with *), then a summary line. With --expect FUNCTION=KIND (repeatable) it
instead checks that an error whose first line contains KIND has a frame in
FUNCTION, and fails if one is missing.

Exit status: 0 when no error is ours (or every --expect was found), 1
otherwise, 2 on bad use (no logs).
"""
import argparse
import glob
import os
import re
import subprocess
import sys

FRAME = re.compile(r'^\s+(?:at|by) 0x[0-9A-Fa-f]+: (.*?) \((.*)\)\s*$')
PREFIX = re.compile(r'^==\d+== ?')
CLONE = re.compile(r'\.(?:isra|constprop|part|cold|lto_priv|localalias)(?:\.\d+)*$')


def defined_functions(path):
    """Names of the functions an object defines (static ones too)."""
    out = subprocess.run(['nm', '--defined-only', path], capture_output=True,
                         text=True, check=False).stdout
    names = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in 'tTwWi':
            names.add(parts[2])
            names.add(CLONE.sub('', parts[2]))
    return names


def read_errors(path):
    """The errors of one log: each a list of lines without the ==pid== prefix."""
    errors, cur = [], None
    with open(path, errors='replace') as f:
        for raw in f:
            line = PREFIX.sub('', raw.rstrip('\n'))
            if 'VALGRINDERROR-BEGIN' in line:
                cur = []
            elif 'VALGRINDERROR-END' in line:
                if cur is not None:
                    errors.append(cur)
                cur = None
            elif cur is not None:
                cur.append(line)
    return errors


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--logs', required=True, help='directory of vg.<pid>.log files')
    ap.add_argument('--so', action='append', default=[], help='library under test')
    ap.add_argument('--src', action='append', default=[], help='source directory under test')
    ap.add_argument('--server', action='append', default=[],
                    help='server binary or library whose names are not ours')
    ap.add_argument('--expect', action='append', default=[],
                    help='FUNCTION=KIND: an error of this kind must pass through FUNCTION')
    args = ap.parse_args()

    logs = sorted(glob.glob(os.path.join(args.logs, 'vg.*.log')))
    if not logs:
        print('memcheck: no valgrind logs in %s' % args.logs)
        return 2

    ours = set()
    for so in args.so:
        ours |= defined_functions(so)
    shared = set()
    for other in args.server:
        shared |= defined_functions(other)
    unique = ours - shared
    sos = {os.path.realpath(s) for s in args.so}
    srcs = [os.path.realpath(s).rstrip('/') + '/' for s in args.src]

    def frame_is_ours(fn, where):
        if where.startswith('in '):
            if os.path.realpath(where[3:]) in sos:
                return True
        else:
            path = where.rsplit(':', 1)[0]
            if any(path.startswith(s) for s in srcs):
                return True
        return fn in unique or CLONE.sub('', fn) in unique

    found, total = [], 0
    for log in logs:
        for err in read_errors(log):
            total += 1
            marked, hit = [], False
            for line in err:
                m = FRAME.match(line)
                if m and frame_is_ours(m.group(1), m.group(2)):
                    hit = True
                    marked.append('* ' + line)
                else:
                    marked.append('  ' + line)
            if hit:
                found.append((log, err, marked))

    if args.expect:
        missing = 0
        for want in args.expect:
            fn, kind = want.split('=', 1)
            ok = any(kind in err[0] and any(
                (m := FRAME.match(l)) and m.group(1) == fn for l in err)
                     for _, err, _ in found if err)
            print('memcheck: %s in %s: %s' % (kind, fn, 'reported' if ok else 'NOT reported'))
            missing += not ok
        return 1 if missing else 0

    for log, err, marked in found:
        print('--- %s' % os.path.basename(log))
        print('\n'.join(marked))
    print('memcheck: %d errors in %d process logs, %d through the code under test'
          % (total, len(logs), len(found)))
    return 1 if found else 0


if __name__ == '__main__':
    sys.exit(main())
