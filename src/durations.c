/*-------------------------------------------------------------------------
 *
 * durations.c
 *	  The slm.durations summary and the two-step aggregates over it:
 *	  slm.durations_agg keeps the distribution of the business time that
 *	  stopped clocks took and counts the running ones; accessors
 *	  (slm.quantile, slm.share_within, slm.achievable, ...) read a summary;
 *	  slm.rollup merges summaries.
 *
 * The distribution is a sketch with logarithmic buckets (as DDSketch):
 * bucket i holds the durations x, in whole microseconds, with
 * gamma^(i-1) < x <= gamma^i, gamma = 201/199, so that one value stands for
 * every duration of its bucket within 0.91% (0.54% from a millisecond up);
 * durations of zero have a bucket of their own, and the shortest and
 * longest durations are kept exactly. The bucket bounds are a generated
 * table (durations_table.h), computed in exact arithmetic: they are part of
 * the stored format and do not depend on a platform's floating point.
 *
 * Every count is an integer, so merging two summaries is addition (and a
 * minimum and maximum): exact, commutative and associative; a parallel,
 * partitionwise or sharded plan gives the same summary as one pass.
 *
 * A summary exists in two forms of the same type, told apart by a byte of
 * the header:
 *	- packed, the stored form: the header, then for each occupied bucket the
 *	  step from the previous bucket's index (from -1 for the first) and the
 *	  count, each as an unsigned LEB128 varint (7 bits a byte);
 *	- working, the transition state inside an aggregate: the header, then
 *	  int64 count[slots] and int16 index[slots], sorted by index, of which
 *	  nbuckets are used, so that a row is counted in place.
 * The aggregates' final function packs the state; input functions, and the
 * support functions when called outside an aggregate, return packed
 * summaries; every reader accepts both.
 *
 * Text form (canonical; fields in this order, separated by one space):
 *
 *	running=<n> invalid=<n> zero=<n>[ min=<s>s max=<s>s] alpha=0.005
 *		[ buckets=<i>:<n>,<i>:<n>,...]
 *
 * min and max (seconds with at most six decimals) are present when some
 * clock stopped; buckets lists the occupied buckets by increasing index.
 * Input also accepts the fields in any order and any whitespace between
 * them, and checks that the summary could come from some rows.
 *
 * Binary form: a version byte (1), int64 running, invalid, zero, min and
 * max, int32 number of buckets, then per bucket int32 index and int64
 * count. Receive checks the same invariants as text input.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "common/int.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"

#include "slm.h"
#include "scan.h"
#include "target.h"
#include "durations_table.h"

#define SLM_DURATIONS_VERSION 1

/* The two forms of a summary. */
#define DUR_PACKED	0
#define DUR_WORKING 1

/* 1 / log(201/199), to guess a bucket from a logarithm. */
#define DUR_INV_LOG_GAMMA 99.9991666611106

/* Slots of a new working state; doubled as buckets are added. */
#define DUR_INITIAL_SLOTS 8

typedef struct SlmDurations
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SLM_DURATIONS_VERSION */
	uint8		form;			/* DUR_PACKED or DUR_WORKING */
	uint16		reserved;		/* zero */
	int32		nbuckets;		/* occupied buckets */
	int32		slots;			/* working form: slots allocated; packed: 0 */
	int64		running;		/* clocks without a stop */
	int64		invalid;		/* rows skipped as impossible clocks */
	int64		stopped;		/* zero + the buckets' counts */
	int64		zero;			/* stopped clocks that took no business time */
	int64		min_us;			/* shortest stopped clock; 0 when none */
	int64		max_us;			/* longest stopped clock; 0 when none */
	/* packed: varints; working: int64 count[slots], int16 index[slots] */
} SlmDurations;

#define DUR_HDRSZ		 ((Size) sizeof(SlmDurations))
#define DUR_COUNT(d)	 ((int64 *) ((char *) (d) + DUR_HDRSZ))
#define DUR_INDEX(d)	 ((int16 *) (DUR_COUNT(d) + (d)->slots))
#define DUR_DATA(d)		 ((uint8 *) (d) + DUR_HDRSZ)
#define DUR_WORKING_SIZE(slots) \
	(DUR_HDRSZ + (Size) (slots) * (sizeof(int64) + sizeof(int16)))

#define DatumGetSlmDurationsP(X)	((SlmDurations *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SLM_DURATIONS_P(n) DatumGetSlmDurationsP(PG_GETARG_DATUM(n))

/* ---------- buckets ---------- */

/* The smallest duration of bucket i (1 or more). */
static inline int64
bucket_lower(int i)
{
	return i == 0 ? 1 : dur_upper[i - 1] + 1;
}

/*
 * The bucket of a duration of us >= 1 microseconds: the smallest i with
 * dur_upper[i] >= us, that is ceil(log(us) / log(gamma)). The logarithm
 * only guesses (it can be one off); the table decides.
 */
static int
bucket_of(int64 us)
{
	int			i = (int) ceil(log((double) us) * DUR_INV_LOG_GAMMA);

	i = Min(Max(i, 0), DUR_MAX_INDEX);
	while (i > 0 && dur_upper[i - 1] >= us)
		i--;
	while (dur_upper[i] < us)
		i++;
	return i;
}

/* Can bucket i hold a duration, a whole number of microseconds? */
static inline bool
bucket_occupiable(int i)
{
	return i >= 0 && i <= DUR_MAX_INDEX && bucket_lower(i) <= dur_upper[i];
}

/* ---------- the working form ---------- */

/* An empty working state with room for slots buckets, in the current context. */
static SlmDurations *
working_new(int slots)
{
	SlmDurations *w;

	slots = Max(slots, 1);
	w = palloc0(DUR_WORKING_SIZE(slots));
	SET_VARSIZE(w, DUR_WORKING_SIZE(slots));
	w->version = SLM_DURATIONS_VERSION;
	w->form = DUR_WORKING;
	w->slots = slots;
	return w;
}

/* Report a count that left its range; only reachable from input. */
static void
durations_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("slm.durations value out of range")));
}

/* Report a stored summary that cannot be read. */
static void
durations_corrupt(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("stored slm.durations value is corrupt")));
}

/* Read an unsigned LEB128 varint at *p (before end); false when malformed. */
static bool
get_varint(const uint8 **p, const uint8 *end, uint64 *v)
{
	uint64		r = 0;
	int			shift = 0;

	while (*p < end)
	{
		uint8		b = *(*p)++;

		if (shift == 63 && (b & 0x7e) != 0)
			return false;
		r |= (uint64) (b & 0x7f) << shift;
		if ((b & 0x80) == 0)
		{
			*v = r;
			return true;
		}
		shift += 7;
		if (shift > 63)
			return false;
	}
	return false;
}

/* Append v as an unsigned LEB128 varint at p; the byte after it. */
static uint8 *
put_varint(uint8 *p, uint64 v)
{
	while (v >= 0x80)
	{
		*p++ = (uint8) (v | 0x80);
		v >>= 7;
	}
	*p++ = (uint8) v;
	return p;
}

/* Bytes of v as a varint. */
static int
varint_len(uint64 v)
{
	int			n = 1;

	while (v >= 0x80)
	{
		v >>= 7;
		n++;
	}
	return n;
}

/*
 * A working copy of summary d (either form) with room for at least slots
 * buckets, in the current context.
 */
static SlmDurations *
working_copy(const SlmDurations *d, int slots)
{
	SlmDurations *w = working_new(Max(slots, d->nbuckets));
	int64	   *count = DUR_COUNT(w);
	int16	   *index = DUR_INDEX(w);

	w->nbuckets = d->nbuckets;
	w->running = d->running;
	w->invalid = d->invalid;
	w->stopped = d->stopped;
	w->zero = d->zero;
	w->min_us = d->min_us;
	w->max_us = d->max_us;
	if (d->form == DUR_WORKING)
	{
		memcpy(count, DUR_COUNT(d), d->nbuckets * sizeof(int64));
		memcpy(index, DUR_INDEX(d), d->nbuckets * sizeof(int16));
	}
	else
	{
		const uint8 *p = DUR_DATA(d);
		const uint8 *end = (const uint8 *) d + VARSIZE(d);
		int64		prev = -1;

		if (d->form != DUR_PACKED || d->nbuckets < 0 || d->nbuckets > DUR_OCCUPIABLE)
			durations_corrupt();
		for (int k = 0; k < d->nbuckets; k++)
		{
			uint64		step,
						n;

			if (!get_varint(&p, end, &step) || !get_varint(&p, end, &n) ||
				step == 0 || step > DUR_MAX_INDEX + 1 || prev + (int64) step > DUR_MAX_INDEX ||
				n == 0 || n > PG_INT64_MAX)
				durations_corrupt();
			prev += step;
			index[k] = (int16) prev;
			count[k] = (int64) n;
		}
		if (p != end)
			durations_corrupt();
	}
	return w;
}

/* Summary d in readable (working) form: itself, or a decoded copy. */
static const SlmDurations *
readable(const SlmDurations *d)
{
	if (d->form == DUR_WORKING)
		return d;
	return working_copy(d, 0);
}

/* The packed copy of working state w, in the current context. */
static SlmDurations *
pack(const SlmDurations *w)
{
	const int64 *count = DUR_COUNT(w);
	const int16 *index = DUR_INDEX(w);
	Size		size = DUR_HDRSZ;
	SlmDurations *d;
	uint8	   *p;
	int			prev = -1;

	for (int k = 0; k < w->nbuckets; k++)
	{
		size += varint_len(index[k] - prev) + varint_len(count[k]);
		prev = index[k];
	}
	d = palloc(size);
	memcpy(d, w, DUR_HDRSZ);
	SET_VARSIZE(d, size);
	d->form = DUR_PACKED;
	d->slots = 0;
	p = DUR_DATA(d);
	prev = -1;
	for (int k = 0; k < w->nbuckets; k++)
	{
		p = put_varint(p, index[k] - prev);
		p = put_varint(p, count[k]);
		prev = index[k];
	}
	Assert((Size) (p - (uint8 *) d) == size);
	return d;
}

/* ---------- building and merging summaries ---------- */

/* Count one more row in *count (a field of d). */
static inline void
count_row(SlmDurations *d, int64 *count)
{
	/* the total bounds every count; only input can bring it near the end */
	if (unlikely(d->running + d->invalid + d->stopped == PG_INT64_MAX))
		durations_overflow();
	(*count)++;
}

/*
 * The slot of bucket i in working state w, or -(insertion point) - 1. The
 * search has no data-dependent branch: durations arrive in random order,
 * and mispredicted branches cost more than the comparisons.
 */
static int
find_slot(const SlmDurations *w, int i)
{
	const int16 *index = DUR_INDEX(w);
	const int16 *base = index;
	int			n = w->nbuckets;
	int			lo;

	if (n == 0)
		return -1;
	while (n > 1)
	{
		int			half = n / 2;

		base = base[half] < i ? base + half : base;
		n -= half;
	}
	/* the first slot not below i is base or the one after */
	lo = (int) (base - index) + (*base < i);
	if (lo < w->nbuckets && index[lo] == i)
		return lo;
	return -lo - 1;
}

/*
 * Count one stopped clock that took us > 0 microseconds into working state
 * *wp; a state without room is replaced by a larger copy.
 */
static void
add_duration(SlmDurations **wp, int64 us)
{
	SlmDurations *w = *wp;
	int			i = bucket_of(us);
	int			slot = find_slot(w, i);

	count_row(w, &w->stopped);
	if (w->stopped == 1)
		w->min_us = w->max_us = us;
	else
	{
		w->min_us = Min(w->min_us, us);
		w->max_us = Max(w->max_us, us);
	}
	if (slot >= 0)
	{
		DUR_COUNT(w)[slot]++;	/* at most stopped: no overflow */
		return;
	}
	slot = -slot - 1;
	if (w->nbuckets == w->slots)
		*wp = w = working_copy(w, Min(2 * w->slots, DUR_OCCUPIABLE));
	memmove(DUR_COUNT(w) + slot + 1, DUR_COUNT(w) + slot,
			(w->nbuckets - slot) * sizeof(int64));
	memmove(DUR_INDEX(w) + slot + 1, DUR_INDEX(w) + slot,
			(w->nbuckets - slot) * sizeof(int16));
	DUR_COUNT(w)[slot] = 1;
	DUR_INDEX(w)[slot] = (int16) i;
	w->nbuckets++;
}

/*
 * Merge summary b (readable form) into working state a; returns a, or a
 * larger copy when a has no room for the union of the buckets. Exact for
 * any two sets of rows.
 */
static void *
merge(void *state, const void *other)
{
	SlmDurations *a = state;
	const SlmDurations *b = other;
	const int16 *bi = DUR_INDEX(b);
	const int64 *bc = DUR_COUNT(b);
	int			na = a->nbuckets,
				nb = b->nbuckets,
				nu = na,
				j,
				k;
	int64		total;

	if (pg_add_s64_overflow(a->running, b->running, &a->running) ||
		pg_add_s64_overflow(a->invalid, b->invalid, &a->invalid) ||
		pg_add_s64_overflow(a->zero, b->zero, &a->zero) ||
		pg_add_s64_overflow(a->running, a->invalid, &total) ||
		pg_add_s64_overflow(total, a->stopped, &total) ||
		pg_add_s64_overflow(total, b->stopped, &total))
		durations_overflow();
	if (b->stopped > 0)
	{
		if (a->stopped == 0)
		{
			a->min_us = b->min_us;
			a->max_us = b->max_us;
		}
		else
		{
			a->min_us = Min(a->min_us, b->min_us);
			a->max_us = Max(a->max_us, b->max_us);
		}
	}
	a->stopped += b->stopped;	/* bounded by the total checked above */

	/* buckets of b not in a */
	for (j = 0, k = 0; k < nb; k++)
	{
		while (j < na && DUR_INDEX(a)[j] < bi[k])
			j++;
		if (j == na || DUR_INDEX(a)[j] != bi[k])
			nu++;
	}
	if (nu > a->slots)
	{
		int			slots = a->slots;

		while (slots < nu)
			slots *= 2;
		a = working_copy(a, Min(slots, DUR_OCCUPIABLE));
	}

	/* merge from the top down, in place: slot j + k + ... >= the source slots */
	{
		int64	   *ac = DUR_COUNT(a);
		int16	   *ai = DUR_INDEX(a);
		int			out = nu;

		j = na - 1;
		k = nb - 1;
		while (k >= 0)
		{
			out--;
			if (j >= 0 && ai[j] > bi[k])
			{
				ac[out] = ac[j];
				ai[out] = ai[j];
				j--;
			}
			else if (j >= 0 && ai[j] == bi[k])
			{
				ac[out] = ac[j] + bc[k];	/* at most stopped */
				ai[out] = ai[j];
				j--;
				k--;
			}
			else
			{
				ac[out] = bc[k];
				ai[out] = bi[k];
				k--;
			}
		}
		Assert(out == j + 1);
	}
	a->nbuckets = nu;
	return a;
}

/*
 * A summary datum as a state: working states as they are, packed ones
 * decoded into a working copy.
 */
static void *
state_read(Datum d)
{
	SlmDurations *v = DatumGetSlmDurationsP(d);

	if (v->form == DUR_WORKING)
		return v;
	return working_copy(v, DUR_INITIAL_SLOTS);
}

/* A new working state: a copy of from (working form), or of no rows. */
static void *
state_make(const void *from)
{
	if (from == NULL)
		return working_new(DUR_INITIAL_SLOTS);
	return working_copy(from, DUR_INITIAL_SLOTS);
}

/* A state returned outside an aggregate, packed as values are stored. */
static void *
state_outside(void *state)
{
	return pack(state);
}

/*
 * slm.durations as the state of its aggregates: changed in the working
 * form, packed by the final function and outside an aggregate.
 */
static const SlmAggType durations_agg_type = {
	.read = state_read,
	.make = state_make,
	.merge = merge,
	.outside = state_outside,
};

/* ---------- invariants, text and binary I/O ---------- */

/*
 * Why working state w cannot be the summary of any rows, as an errdetail
 * sentence; NULL when it can. Sets w->stopped from the counts.
 */
static const char *
durations_invalid(SlmDurations *w)
{
	const int64 *count = DUR_COUNT(w);
	const int16 *index = DUR_INDEX(w);
	int64		stopped = w->zero,
				total;

	if (w->reserved != 0)
		return "The reserved field is not zero.";
	if (w->running < 0 || w->invalid < 0 || w->zero < 0)
		return "A count is negative.";
	if (w->min_us < 0 || w->max_us < 0)
		return "A duration is negative.";
	for (int k = 0; k < w->nbuckets; k++)
	{
		if (!bucket_occupiable(index[k]))
			return psprintf("Bucket %d does not exist or holds no whole microsecond.", index[k]);
		if (k > 0 && index[k] <= index[k - 1])
			return psprintf("Bucket %d follows bucket %d; buckets are listed once, by increasing index.",
							index[k], index[k - 1]);
		if (count[k] <= 0)
			return psprintf("Bucket %d has a count below 1.", index[k]);
		if (pg_add_s64_overflow(stopped, count[k], &stopped))
			return "The total count is out of range.";
	}
	w->stopped = stopped;
	if (pg_add_s64_overflow(w->running, w->invalid, &total) ||
		pg_add_s64_overflow(total, stopped, &total))
		return "The total count is out of range.";
	if (total == 0)
		return "A summary covers at least one row.";
	if (stopped == 0)
	{
		if (w->min_us != 0 || w->max_us != 0)
			return "min and max are given without stopped clocks.";
		return NULL;
	}
	if (w->min_us > w->max_us)
		return "min exceeds max.";
	if (w->zero > 0 && w->min_us != 0)
		return "min is not 0s though some clocks took no time.";
	if (w->zero == 0 && w->min_us == 0)
		return "min is 0s though no clock took zero time.";
	if (w->min_us > 0 && bucket_of(w->min_us) != index[0])
		return psprintf("min is not in the first bucket (%d).", index[0]);
	if (w->nbuckets == 0 ? w->max_us != 0 : bucket_of(Max(w->max_us, 1)) != index[w->nbuckets - 1])
		return w->nbuckets == 0 ? "max is not 0 though every stopped clock took no time." :
			psprintf("max is not in the last bucket (%d).", index[w->nbuckets - 1]);
	if (stopped == 1 && w->min_us != w->max_us)
		return "min and max differ though one clock stopped.";
	return NULL;
}

/* Read seconds with up to six decimals and a unit "s" as microseconds. */
static bool
parse_seconds(SlmScan *ps, int64 *us)
{
	const char *start = ps->p;
	int64		sec;
	int32		frac;

	if (!slm_scan_int64(ps, &sec, "a number of seconds") ||
		!slm_scan_fraction(ps, 6, &frac))
		return false;
	if (!slm_scan_accept(ps, 's'))
		return slm_scan_error(ps, "Expected \"s\" after the seconds");
	if (pg_mul_s64_overflow(sec, SLM_SEC, us) || pg_add_s64_overflow(*us, frac, us))
		return slm_scan_error_at(ps, start, "The duration is out of range");
	return true;
}

/*
 * Read a bucket list "<i>:<n>,<i>:<n>,..." into working state *wp, checking
 * each bucket where it is written.
 */
static bool
parse_buckets(SlmScan *ps, SlmDurations **wp)
{
	for (;;)
	{
		SlmDurations *w = *wp;
		const char *at = ps->p;
		int64		i,
					n;

		if (!slm_scan_int64(ps, &i, "a bucket index"))
			return false;
		if (!bucket_occupiable(i > DUR_MAX_INDEX ? -1 : (int) i))
			return slm_scan_error_at(ps, at, i > DUR_MAX_INDEX ?
									 psprintf("Bucket indexes go from 0 to %d", DUR_MAX_INDEX) :
									 psprintf("Bucket %d holds no whole microsecond", (int) i));
		if (w->nbuckets > 0 && i <= DUR_INDEX(w)[w->nbuckets - 1])
			return slm_scan_error_at(ps, at, "Buckets must be listed once each, by increasing index");
		if (!slm_scan_accept(ps, ':'))
			return slm_scan_error(ps, "Expected \":\" after the bucket index");
		at = ps->p;
		if (!slm_scan_int64(ps, &n, "a count"))
			return false;
		if (n == 0)
			return slm_scan_error_at(ps, at, "A bucket's count must be at least 1");
		if (w->nbuckets == w->slots)
			*wp = w = working_copy(w, Min(2 * w->slots, DUR_OCCUPIABLE));
		DUR_INDEX(w)[w->nbuckets] = (int16) i;
		DUR_COUNT(w)[w->nbuckets] = n;
		w->nbuckets++;
		if (!slm_scan_accept(ps, ','))
			return true;
	}
}

/* Fields of the text form, in canonical order. */
enum
{
	F_RUNNING, F_INVALID, F_ZERO, F_MIN, F_MAX, F_ALPHA, F_BUCKETS, NUM_FIELDS
};

static const char *const field_names[NUM_FIELDS] = {
	"running", "invalid", "zero", "min", "max", "alpha", "buckets"
};

#define DUR_ALPHA_TEXT "0.005"

/* Parse a summary literal; NULL after a soft error. */
static SlmDurations *
durations_parse(const char *str, struct Node *escontext)
{
	SlmScan		ps;
	SlmDurations *w = working_new(DUR_INITIAL_SLOTS);
	bool		seen[NUM_FIELDS] = {false};
	const char *why;

	slm_scan_init(&ps, str, "slm.durations", escontext);

	while (!slm_scan_at_end(&ps))
	{
		int			f;
		bool		ok;

		f = slm_scan_which_key(&ps, field_names, NUM_FIELDS);
		if (f < 0)
		{
			slm_scan_error(&ps, "Expected a field (running=, invalid=, zero=, min=, max=, alpha= or buckets=)");
			return NULL;
		}
		if (seen[f])
		{
			slm_scan_error(&ps, psprintf("The field %s is given twice", field_names[f]));
			return NULL;
		}
		seen[f] = true;
		ps.p += strlen(field_names[f]) + 1;
		switch (f)
		{
			case F_RUNNING:
				ok = slm_scan_int64(&ps, &w->running, "a count");
				break;
			case F_INVALID:
				ok = slm_scan_int64(&ps, &w->invalid, "a count");
				break;
			case F_ZERO:
				ok = slm_scan_int64(&ps, &w->zero, "a count");
				break;
			case F_MIN:
				ok = parse_seconds(&ps, &w->min_us);
				break;
			case F_MAX:
				ok = parse_seconds(&ps, &w->max_us);
				break;
			case F_ALPHA:
				{
					const char *value = ps.p;

					ok = slm_scan_accept_text(&ps, DUR_ALPHA_TEXT) &&
						(*ps.p == '\0' || slm_scan_isspace(*ps.p));
					if (!ok)
						slm_scan_error_at(&ps, value, "Only alpha=" DUR_ALPHA_TEXT " is known (format version 1)");
				}
				break;
			default:
				ok = parse_buckets(&ps, &w);
				break;
		}
		if (!ok)
			return NULL;
		if (*ps.p != '\0' && !slm_scan_isspace(*ps.p))
		{
			slm_scan_error(&ps, "Expected a space between fields");
			return NULL;
		}
	}

	for (int f = F_RUNNING; f <= F_ALPHA; f++)
		if (!seen[f] && f != F_MIN && f != F_MAX)
		{
			slm_scan_error(&ps, psprintf("The field %s is missing", field_names[f]));
			return NULL;
		}
	if (seen[F_MIN] != seen[F_MAX])
	{
		slm_scan_error(&ps, "The fields min and max go together");
		return NULL;
	}
	why = durations_invalid(w);
	if (w->stopped > 0 && !seen[F_MIN])
		why = "Stopped clocks are counted without min and max.";
	else if (why == NULL && w->stopped == 0 && seen[F_MIN])
		why = "min and max are given without stopped clocks.";
	if (why != NULL)
	{
		errsave(escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type slm.durations: \"%s\"", str),
				 errdetail("%s", why)));
		return NULL;
	}
	return pack(w);
}

/* Append microseconds as "<s>[.<frac>]s", trailing zeros cut. */
static void
append_seconds(StringInfo buf, int64 us)
{
	int32		frac = (int32) (us % SLM_SEC);

	appendStringInfo(buf, INT64_FORMAT, us / SLM_SEC);
	if (frac != 0)
	{
		char		digits[8];
		int			k;

		snprintf(digits, sizeof(digits), "%06d", frac);
		for (k = 5; k > 0 && digits[k] == '0'; k--)
			digits[k] = '\0';
		appendStringInfo(buf, ".%s", digits);
	}
	appendStringInfoChar(buf, 's');
}

/* Canonical text of a summary. */
static char *
durations_to_cstring(const SlmDurations *d)
{
	const SlmDurations *w = readable(d);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "running=" INT64_FORMAT " invalid=" INT64_FORMAT " zero=" INT64_FORMAT,
					 w->running, w->invalid, w->zero);
	if (w->stopped > 0)
	{
		appendStringInfoString(&buf, " min=");
		append_seconds(&buf, w->min_us);
		appendStringInfoString(&buf, " max=");
		append_seconds(&buf, w->max_us);
	}
	appendStringInfoString(&buf, " alpha=" DUR_ALPHA_TEXT);
	for (int k = 0; k < w->nbuckets; k++)
		appendStringInfo(&buf, "%s%d:" INT64_FORMAT, k == 0 ? " buckets=" : ",",
						 DUR_INDEX(w)[k], DUR_COUNT(w)[k]);
	return buf.data;
}

PG_FUNCTION_INFO_V1(slm_durations_in);
/* Text input. */
Datum
slm_durations_in(PG_FUNCTION_ARGS)
{
	SlmDurations *d = durations_parse(PG_GETARG_CSTRING(0), SLM_ESCONTEXT_ARG(fcinfo));

	if (d == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(d);
}

PG_FUNCTION_INFO_V1(slm_durations_out);
/* Canonical text output. */
Datum
slm_durations_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(durations_to_cstring(PG_GETARG_SLM_DURATIONS_P(0)));
}

PG_FUNCTION_INFO_V1(slm_durations_send);
/* Binary output: version byte, the counts, then the buckets. */
Datum
slm_durations_send(PG_FUNCTION_ARGS)
{
	const SlmDurations *w = readable(PG_GETARG_SLM_DURATIONS_P(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SLM_DURATIONS_VERSION);
	pq_sendint64(&buf, w->running);
	pq_sendint64(&buf, w->invalid);
	pq_sendint64(&buf, w->zero);
	pq_sendint64(&buf, w->min_us);
	pq_sendint64(&buf, w->max_us);
	pq_sendint32(&buf, w->nbuckets);
	for (int k = 0; k < w->nbuckets; k++)
	{
		pq_sendint32(&buf, DUR_INDEX(w)[k]);
		pq_sendint64(&buf, DUR_COUNT(w)[k]);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Report malformed binary input. */
static void
binary_error(const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary data for type slm.durations"),
			 errdetail("%s", detail)));
}

PG_FUNCTION_INFO_V1(slm_durations_recv);
/* Binary input, checked like text input. */
Datum
slm_durations_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	SlmDurations *w;
	int32		n;
	const char *why;

	if (version != SLM_DURATIONS_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type slm.durations",
						version)));
	w = working_new(DUR_INITIAL_SLOTS);
	w->running = pq_getmsgint64(buf);
	w->invalid = pq_getmsgint64(buf);
	w->zero = pq_getmsgint64(buf);
	w->min_us = pq_getmsgint64(buf);
	w->max_us = pq_getmsgint64(buf);
	n = pq_getmsgint(buf, 4);
	if (n < 0 || n > DUR_OCCUPIABLE)
		binary_error(psprintf("The number of buckets, %d, is not between 0 and %d.", n, DUR_OCCUPIABLE));
	if (n > w->slots)
		w = working_copy(w, n);
	for (int k = 0; k < n; k++)
	{
		int32		i = pq_getmsgint(buf, 4);

		if (!bucket_occupiable(i))
			binary_error(psprintf("Bucket %d does not exist or holds no whole microsecond.", i));
		DUR_INDEX(w)[k] = (int16) i;
		DUR_COUNT(w)[k] = pq_getmsgint64(buf);
		w->nbuckets++;
	}
	if (buf->cursor != buf->len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type slm.durations"),
				 errdetail_plural("%d byte follows the summary.",
								  "%d bytes follow the summary.",
								  buf->len - buf->cursor, buf->len - buf->cursor)));
	why = durations_invalid(w);
	if (why != NULL)
		binary_error(why);
	PG_RETURN_POINTER(pack(w));
}

/* ---------- transition, combine and final functions ---------- */

/*
 * Add one clock row (target, start, stop [, paused]) to the state. A row
 * without a target or a start is skipped; one with an infinite instant or
 * one past the year 9999 (where business time is not computed), or a stop
 * before its start, is counted as invalid; one without a stop as
 * running; a stopped one by the business time it took, as slm.elapsed
 * computes it.
 */
static Datum
add_clock_row(FunctionCallInfo fcinfo, int paused_argno)
{
	SlmDurations *w;
	SlmTarget  *t;
	SlmClock   *clk;
	TimestampTz start,
				stop;
	TypeCacheEntry *rtyp = NULL;
	MultirangeType *paused = NULL;
	int64		el;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return slm_agg_unchanged(fcinfo, &durations_agg_type);

	w = slm_agg_state(fcinfo, 0, &durations_agg_type);
	start = PG_GETARG_TIMESTAMPTZ(2);
	if (!slm_clock_in_range(start))
	{
		count_row(w, &w->invalid);
		return slm_agg_result(fcinfo, w, &durations_agg_type);
	}
	if (PG_ARGISNULL(3))
	{
		count_row(w, &w->running);
		return slm_agg_result(fcinfo, w, &durations_agg_type);
	}
	stop = PG_GETARG_TIMESTAMPTZ(3);
	/* beyond the year 9999 business time cannot be computed */
	if (!slm_clock_in_range(stop) || stop < start)
	{
		count_row(w, &w->invalid);
		return slm_agg_result(fcinfo, w, &durations_agg_type);
	}

	t = PG_GETARG_SLM_TARGET_P(1);
	clk = slm_clock_get(fcinfo, SLM_TARGET_CAL(t));
	if (PG_NARGS() > paused_argno && !PG_ARGISNULL(paused_argno))
	{
		paused = PG_GETARG_MULTIRANGE_P(paused_argno);
		rtyp = lookup_type_cache(MultirangeTypeGetOid(paused),
								 TYPECACHE_MULTIRANGE_INFO)->rngtype;
	}
	el = slm_target_elapsed(clk, start, stop, paused, rtyp);
	if (el < 0)
		count_row(w, &w->invalid);	/* cannot happen with stop >= start */
	else if (el == 0)
	{
		count_row(w, &w->stopped);
		w->zero++;
		w->min_us = 0;
	}
	else
		add_duration(&w, el);
	return slm_agg_result(fcinfo, w, &durations_agg_type);
}

PG_FUNCTION_INFO_V1(slm_durations_agg_trans);
/* Transition of slm.durations_agg(target, start, stop [, paused]). */
Datum
slm_durations_agg_trans(PG_FUNCTION_ARGS)
{
	return add_clock_row(fcinfo, 4);
}

PG_FUNCTION_INFO_V1(slm_durations_agg_combine);
/*
 * Combine function of slm.durations_agg, and the transition of slm.rollup:
 * a NULL side is no rows.
 */
Datum
slm_durations_agg_combine(PG_FUNCTION_ARGS)
{
	return slm_agg_combine(fcinfo, &durations_agg_type);
}

PG_FUNCTION_INFO_V1(slm_durations_agg_final);
/* Final function of the aggregates: the state, packed. */
Datum
slm_durations_agg_final(PG_FUNCTION_ARGS)
{
	SlmDurations *d = PG_GETARG_SLM_DURATIONS_P(0);

	if (d->form == DUR_PACKED)
		PG_RETURN_POINTER(d);
	PG_RETURN_POINTER(pack(d));
}

/* ---------- accessors ---------- */

/*
 * The summary's distribution, walked in increasing order as runs of equal
 * values: the zeros, then each bucket's clocks, every one standing at the
 * bucket's value (kept within [min, max]), except that the shortest clock
 * stands at min and the longest at max, exactly.
 */
typedef struct DurWalk
{
	const SlmDurations *w;
	int			k;				/* next bucket */
	int			part;			/* within bucket k: 0 min, 1 the rest, 2 max */
	int64		left;			/* clocks of bucket k not yet walked */
	bool		zeros_done;
} DurWalk;

/* Start a walk over the distribution of working state w. */
static void
walk_start(DurWalk *it, const SlmDurations *w)
{
	it->w = w;
	it->k = 0;
	it->part = 0;
	it->left = w->nbuckets > 0 ? DUR_COUNT(w)[0] : 0;
	it->zeros_done = false;
}

/* The next run of clocks: *value and *n; false at the end. */
static bool
walk_next(DurWalk *it, int64 *value, int64 *n)
{
	const SlmDurations *w = it->w;

	if (!it->zeros_done)
	{
		it->zeros_done = true;
		if (w->zero > 0)
		{
			*value = 0;
			*n = w->zero;
			return true;
		}
	}
	while (it->k < w->nbuckets)
	{
		bool		last = it->k == w->nbuckets - 1;

		if (it->part == 0)
		{
			it->part = 1;
			if (it->k == 0 && w->zero == 0)
			{
				/* the shortest clock */
				it->left--;
				*value = w->min_us;
				*n = 1;
				return true;
			}
		}
		if (it->part == 1)
		{
			int64		rest = it->left - (last && it->left > 0 ? 1 : 0);

			it->part = 2;
			if (rest > 0)
			{
				int64		v = dur_value[DUR_INDEX(w)[it->k]];

				it->left -= rest;
				*value = Min(Max(v, w->min_us), w->max_us);
				*n = rest;
				return true;
			}
		}
		/* part 2: the longest clock, if left in the last bucket */
		it->k++;
		it->part = 0;
		if (last && it->left > 0)
		{
			it->left = 0;
			*value = w->max_us;
			*n = 1;
			return true;
		}
		if (it->k < w->nbuckets)
			it->left = DUR_COUNT(w)[it->k];
	}
	return false;
}

/* A fraction argument in [0, 1]; 22023 otherwise. */
static double
fraction_arg(FunctionCallInfo fcinfo, int n, const char *what)
{
	double		f = PG_GETARG_FLOAT8(n);

	if (isnan(f) || f < 0 || f > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be between 0 and 1, not %g", what, f),
				 errhint("Write 95%% as 0.95.")));
	return f;
}

PG_FUNCTION_INFO_V1(slm_durations_quantile);
/*
 * slm.quantile(summary, p): the duration at rank max(1, ceil(p * n)) of
 * the n stopped clocks, as percentile_disc(p) ranks them; NULL when none.
 */
Datum
slm_durations_quantile(PG_FUNCTION_ARGS)
{
	const SlmDurations *w = readable(PG_GETARG_SLM_DURATIONS_P(0));
	double		p = fraction_arg(fcinfo, 1, "p");
	double		r;
	int64		rank,
				seen = 0,
				value,
				n;
	DurWalk		it;

	if (w->stopped == 0)
		PG_RETURN_NULL();
	/* the same float8 arithmetic as percentile_disc */
	r = ceil(p * (double) w->stopped);
	rank = r < 1 ? 1 : r >= (double) w->stopped ? w->stopped : (int64) r;
	walk_start(&it, w);
	while (walk_next(&it, &value, &n))
	{
		seen += n;
		if (seen >= rank)
			PG_RETURN_INTERVAL_P(slm_us_to_interval(value));
	}
	elog(ERROR, "slm.durations walk ended before rank " INT64_FORMAT, rank);
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(slm_durations_share_within);
/* slm.share_within(summary, duration): share of stopped clocks at most duration. */
Datum
slm_durations_share_within(PG_FUNCTION_ARGS)
{
	const SlmDurations *w = readable(PG_GETARG_SLM_DURATIONS_P(0));
	int64		x = slm_interval_to_us(PG_GETARG_INTERVAL_P(1), "duration");
	int64		within = 0,
				value,
				n;
	DurWalk		it;

	if (w->stopped == 0)
		PG_RETURN_NULL();
	walk_start(&it, w);
	while (walk_next(&it, &value, &n) && value <= x)
		within += n;
	PG_RETURN_FLOAT8((double) within / (double) w->stopped);
}

PG_FUNCTION_INFO_V1(slm_durations_achievable);
/*
 * slm.achievable(summary, goal): the shortest duration d of the summary
 * with share_within(summary, d) >= goal: the target that at least that
 * share of the clocks met. NULL when no clock stopped.
 */
Datum
slm_durations_achievable(PG_FUNCTION_ARGS)
{
	const SlmDurations *w = readable(PG_GETARG_SLM_DURATIONS_P(0));
	double		goal = fraction_arg(fcinfo, 1, "goal");
	int64		within = 0,
				value,
				n;
	DurWalk		it;

	if (w->stopped == 0)
		PG_RETURN_NULL();
	walk_start(&it, w);
	while (walk_next(&it, &value, &n))
	{
		within += n;
		if ((double) within / (double) w->stopped >= goal)
			PG_RETURN_INTERVAL_P(slm_us_to_interval(value));
	}
	elog(ERROR, "slm.durations walk ended below share 1");
	PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(slm_durations_total);
/* Clocks summarized: stopped + running (invalid rows apart). */
Datum
slm_durations_total(PG_FUNCTION_ARGS)
{
	SlmDurations *d = PG_GETARG_SLM_DURATIONS_P(0);

	PG_RETURN_INT64(d->stopped + d->running);
}

PG_FUNCTION_INFO_V1(slm_durations_running);
/* Clocks without a stop. */
Datum
slm_durations_running(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_DURATIONS_P(0)->running);
}

PG_FUNCTION_INFO_V1(slm_durations_invalid);
/* Rows skipped as impossible clocks. */
Datum
slm_durations_invalid(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_DURATIONS_P(0)->invalid);
}
