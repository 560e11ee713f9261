#!/usr/bin/env python3
"""Mutated binary forms of slm values, for the binary input (recv) functions.

    fuzz_recv.py IN OUTDIR COUNT SEED

IN is a COPY ... (FORMAT binary) file of one-column rows (valid values of
one type, as their send functions wrote them). Writes COUNT files
OUTDIR/NNNNN.bin, each a COPY binary file of one row whose field is one of
those values mutated: bits flipped, bytes replaced by extreme values
(0, 0xff, 0x7f, 0x80), cut short, extended, or 32-bit words set to
0, -1, INT32_MIN, INT32_MAX or a large count. Seeded, so runs repeat.
"""
import random
import struct
import sys

SIGNATURE = b'PGCOPY\n\xff\r\n\x00'


def read_fields(path):
    """The first field of every row of a binary COPY file."""
    data = open(path, 'rb').read()
    if not data.startswith(SIGNATURE):
        sys.exit('%s: not a binary COPY file' % path)
    pos = len(SIGNATURE) + 4
    ext, = struct.unpack('>i', data[pos:pos + 4])
    pos += 4 + ext
    fields = []
    while True:
        n, = struct.unpack('>h', data[pos:pos + 2])
        pos += 2
        if n == -1:
            return fields
        for i in range(n):
            length, = struct.unpack('>i', data[pos:pos + 4])
            pos += 4
            if length >= 0:
                if i == 0:
                    fields.append(data[pos:pos + length])
                pos += length


def mutate(b, rng):
    b = bytearray(b)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(6)
        if op == 0 and b:
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
        elif op == 1 and b:
            b[rng.randrange(len(b))] = rng.choice([0, 0xff, 0x7f, 0x80, 1])
        elif op == 2 and b:
            del b[rng.randrange(len(b)):]
        elif op == 3:
            b += bytes(rng.randrange(256) for _ in range(rng.randint(1, 12)))
        elif op == 4 and len(b) >= 4:
            i = rng.randrange(len(b) - 3)
            b[i:i + 4] = struct.pack('>i', rng.choice([0, -1, -2**31, 2**31 - 1, 1 << 20, 1000, 3]))
        elif op == 5 and len(b) >= 2:
            i = rng.randrange(len(b) - 1)
            b[i:i + 2] = struct.pack('>h', rng.choice([0, -1, 32767, -32768]))
    return bytes(b)


def main():
    src, outdir, count, seed = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    fields = read_fields(src)
    if not fields:
        sys.exit('%s: no rows' % src)
    rng = random.Random(seed)
    for k in range(count):
        field = mutate(rng.choice(fields), rng)
        with open('%s/%05d.bin' % (outdir, k), 'wb') as f:
            f.write(SIGNATURE + struct.pack('>ii', 0, 0))
            f.write(struct.pack('>hi', 1, len(field)) + field)
            f.write(struct.pack('>h', -1))


if __name__ == '__main__':
    main()
