/*-------------------------------------------------------------------------
 *
 * clock.c
 *	  The business-time engine: a calendar compiled into a form that answers
 *	  "how much open time between two instants" and "when do N open hours
 *	  run out" without walking day by day.
 *
 * Model. Each local date has its hours (a dated override, else its weekday's
 * spans). Each span [S, E) of local wall-clock time becomes the instants
 * [f(S), f(E)), where f converts local time as timestamp AT TIME ZONE does
 * (in a gap or overlap, the later candidate); an instant span that does not
 * go forward is empty. The open set is the union of all of them.
 *
 * Everything is expressed through one cumulative function F(t), the business
 * microseconds in [origin, t). It is built from three layers:
 *
 * 1. M(x), the open measure of the local wall-clock axis up to local time x:
 *	  a weekly periodic part (whole weeks by division, the rest by binary
 *	  search over the week's intervals) plus, for each cluster of consecutive
 *	  override dates, the difference its explicit intervals make (prefix
 *	  sums, binary search).
 * 2. The "naive" instant function Fn(t) = M(t + offset(t)) + D(k), where the
 *	  zone's offset transitions split time into segments and D(k) sums, over
 *	  the transitions before segment k, the measure jump M(T + o_before) -
 *	  M(T + o_after). Fn is exact whenever no span endpoint lies in the local
 *	  hour a transition skips or repeats.
 * 3. Around the transitions where some endpoint does (and around any
 *	  transition whose shape PostgreSQL's conversion treats specially), a
 *	  window of a few days is computed exactly from the spans themselves,
 *	  using PostgreSQL's own DetermineTimeZoneOffset; its difference to Fn is
 *	  kept as a prefix-summed correction.
 *
 * Cost: O(log) per F or inverse, independent of the range. Zone transitions
 * are generated once per backend and zone, up to a horizon that grows on
 * demand (to year 9999 at most).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <limits.h>

#include "common/hashfn.h"
#include "common/int.h"
#include "lib/ilist.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "slm.h"

/* Local time axis: microseconds since 2000-01-01 00:00 local; Monday 2000-01-03. */
#define MON0			(2 * SLM_DAY)
/* Unix epoch seconds of the PostgreSQL epoch. */
#define PG_UNIX_OFFSET	INT64CONST(946684800)
/* Half-width of the exact window around a special transition. */
#define WINDOW_HALF		(4 * SLM_DAY)
/* Initial and final horizons of generated transitions. */
#define HORIZON_START	INT64CONST(6311433600000000)	/* 2200-01-01 */
#define HORIZON_MAX		INT64CONST(252455616000000000)	/* 10000-01-01 */
#define FAR_PAST_SECS	INT64CONST(-100000000000)
/* Compiled calendars remembered per call site. */
#define CLOCK_CACHE_SIZE 4

typedef struct Iv
{
	int64		s;
	int64		e;
} Iv;

/* A sorted list of disjoint intervals with cumulative measure before each. */
typedef struct IvList
{
	int			n;
	Iv		   *iv;
	int64	   *cum;			/* cum[i] = measure of iv[0..i-1] */
	int64		total;
} IvList;

/* Offset transitions of one zone, shared by all calendars on that zone. */
typedef struct ZoneTrans
{
	char		name[SLM_MAX_TZ_LEN + 1];
	pg_tz	   *tz;
	int64		off0;			/* offset (us) before the first transition */
	int			n;
	int64	   *t;				/* instants of transitions (us) */
	int64	   *off;			/* offset after each transition (us) */
	int64		horizon;		/* transitions are complete up to here */
	bool		complete;		/* no transitions after the last one */
	struct ZoneTrans *next;
} ZoneTrans;

struct SlmClock
{
	MemoryContext mcxt;			/* holds everything below; a child of cache_cxt */
	SlmCalendar *cal;			/* own copy, the cache key */
	uint32		hash;			/* of cal's bytes */
	Size		bytes;			/* memory of mcxt, as counted in cache_bytes */
	dlist_node	lru;			/* in cache_lru */
	ZoneTrans  *zone;
	int			zone_n;			/* transitions compiled (zone->n at compile) */

	/* layer 1: local axis */
	IvList		week;			/* within [0, SLM_WEEK) */
	int			ncl;
	int64	   *cl_w0,
			   *cl_w1;			/* cluster windows (local us) */
	IvList	   *cl_iv;			/* explicit intervals of each cluster */
	int64	   *cl_dbefore;		/* sum of deltas of clusters before */
	int64	   *cl_mstart,
			   *cl_mend;		/* M at window start and end */

	/* layer 2: transitions */
	int64	   *dcum;			/* dcum[k]: D sum for segment k, k = 0..n */
	int64	   *fn_at;			/* Fn(T_i) */

	/* layer 3: exact windows */
	int			nwin;
	int64	   *win_w0,
			   *win_w1;
	IvList	   *win_iv;
	int64	   *win_cbefore;	/* sum of corrections of windows before */
	int64	   *win_fstart;		/* F at window start */
	int64	   *win_fend;		/* F at window end */

	/*
	 * The last F answered: a deadline and a status of one row both start
	 * from F(start).
	 */
	bool		memo_valid;
	TimestampTz memo_t;
	int64		memo_F;
};

/*
 * Compiled calendars live in a backend-wide cache (so that a trigger or a
 * one-row statement, whose call site lasts one query, does not compile its
 * calendar again every time), bounded by the memory they take: at most
 * slm.calendar_cache_size, the least recently used evicted first. Each
 * compiled calendar has its own memory context, a child of cache_cxt, so
 * evicting it frees all of it.
 *
 * Each call site (fn_extra) remembers the few clocks it used last, to skip
 * the backend lookup. Those are pointers into the backend cache: evicting
 * any clock bumps cache_generation, and a call site whose generation is
 * older forgets everything it remembered before looking at it, so it never
 * follows a pointer to a freed clock.
 *
 * A clock is used by the function that fetched it until that function
 * returns. Neither the clock being fetched nor the one fetched before it is
 * evicted, so that a function may hold two clocks at once; everything else
 * is free to go.
 */
typedef struct ClockCache
{
	uint64		generation;		/* cache_generation when entry was valid */
	SlmClock   *entry[CLOCK_CACHE_SIZE];
	int			next;
} ClockCache;

/* slm.calendar_cache_size, in kB */
static int	calendar_cache_size = 16 * 1024;

static MemoryContext cache_cxt = NULL;
static dlist_head cache_lru = DLIST_STATIC_INIT(cache_lru);	/* most recent first */
static Size cache_bytes = 0;
static uint64 cache_generation = 0;
static SlmClock *last_clock = NULL;

static ZoneTrans *zone_list = NULL;

/* Floor division for possibly negative numerators. */
static inline int64
floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Number of elements of the sorted array a[0..n-1] that are <= x. */
static int
count_le(const int64 *a, int n, int64 x)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (a[mid] <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Number of elements of the sorted array a[0..n-1] that are < x. */
static int
count_lt(const int64 *a, int n, int64 x)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (a[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* ---------- interval lists ---------- */

/* Sort intervals by start. */
static int
iv_cmp(const void *a, const void *b)
{
	const Iv   *x = a,
			   *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return x->e < y->e ? -1 : (x->e > y->e);
}

/* Build an IvList from unsorted intervals (merged; empty ones dropped). */
static void
ivlist_build(IvList *l, Iv *iv, int n)
{
	int			k = 0;

	qsort(iv, n, sizeof(Iv), iv_cmp);
	for (int i = 0; i < n; i++)
	{
		if (iv[i].e <= iv[i].s)
			continue;
		if (k > 0 && iv[i].s <= iv[k - 1].e)
		{
			if (iv[i].e > iv[k - 1].e)
				iv[k - 1].e = iv[i].e;
		}
		else
			iv[k++] = iv[i];
	}
	l->n = k;
	l->iv = iv;
	l->cum = palloc((k + 1) * sizeof(int64));
	l->total = 0;
	for (int i = 0; i < k; i++)
	{
		l->cum[i] = l->total;
		l->total += iv[i].e - iv[i].s;
	}
	l->cum[k] = l->total;
}

/* Index of the last interval starting at or before x, or -1. */
static int
ivlist_find(const IvList *l, int64 x)
{
	int			lo = 0,
				hi = l->n;		/* answer in [lo-1, hi-1] */

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (l->iv[mid].s <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo - 1;
}

/* Measure of the list's intervals below x. */
static int64
ivlist_prefix(const IvList *l, int64 x)
{
	int			i = ivlist_find(l, x);

	if (i < 0)
		return 0;
	if (x < l->iv[i].e)
		return l->cum[i] + (x - l->iv[i].s);
	return l->cum[i + 1];
}

/* Smallest x with prefix(x) >= y, for 0 < y <= total. */
static int64
ivlist_inv_fwd(const IvList *l, int64 y)
{
	int			lo = 0,
				hi = l->n - 1;

	Assert(y > 0 && y <= l->total);
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (l->cum[mid + 1] >= y)
			hi = mid;
		else
			lo = mid + 1;
	}
	return l->iv[lo].s + (y - l->cum[lo]);
}

/* Largest x with prefix(x) <= y, for 0 <= y < total. */
static int64
ivlist_inv_bwd(const IvList *l, int64 y)
{
	int			lo = 0,
				hi = l->n - 1;

	Assert(y >= 0 && y < l->total);
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (l->cum[mid + 1] > y)
			hi = mid;
		else
			lo = mid + 1;
	}
	return l->iv[lo].s + (y - l->cum[lo]);
}

/* ---------- calendar access ---------- */

/* The spans of local date d: its override if any, else its weekday's. */
static const SlmSpan *
day_spans(const SlmCalendar *cal, int32 d, int *n)
{
	const int32 *odate = SLM_CAL_ODATE(cal);
	const int32 *ooff = SLM_CAL_OOFF(cal);
	const int32 *wo = SLM_CAL_WDAYOFF(cal);
	int			lo = 0,
				hi = cal->noverride;
	int			dow;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (odate[mid] < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < cal->noverride && odate[lo] == d)
	{
		*n = ooff[lo + 1] - ooff[lo];
		return SLM_CAL_OSPAN(cal) + ooff[lo];
	}
	dow = (int) (((int64) d % 7 + 7 + 5) % 7);	/* 2000-01-01 was a Saturday */
	*n = wo[dow + 1] - wo[dow];
	return SLM_CAL_WEEKLY(cal) + wo[dow];
}

/* ---------- zone transitions ---------- */

/* Generate the zone's transitions up to (at least) the instant upto. */
static void
zone_extend(ZoneTrans *z, int64 upto)
{
	pg_time_t	cur;
	int			cap;
	MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);

	if (z->n == 0)
		cur = (pg_time_t) FAR_PAST_SECS;
	else
		cur = (pg_time_t) (z->t[z->n - 1] / SLM_SEC + PG_UNIX_OFFSET);
	cap = z->n + 64;
	z->t = z->t ? repalloc(z->t, cap * sizeof(int64)) : palloc(cap * sizeof(int64));
	z->off = z->off ? repalloc(z->off, cap * sizeof(int64)) : palloc(cap * sizeof(int64));

	while (!z->complete && z->horizon < upto)
	{
		long int	before_gmtoff,
					after_gmtoff;
		int			before_isdst,
					after_isdst;
		pg_time_t	boundary;
		int			r;

		r = pg_next_dst_boundary(&cur, &before_gmtoff, &before_isdst, &boundary,
								 &after_gmtoff, &after_isdst, z->tz);
		if (r < 0)
			elog(ERROR, "could not read the transitions of time zone \"%s\"", z->name);
		if (z->n == 0 && cur == (pg_time_t) FAR_PAST_SECS)
			z->off0 = (int64) before_gmtoff * SLM_SEC;
		if (r == 0)
		{
			z->complete = true;
			break;
		}
		if (boundary <= cur)
			boundary = cur + 1;
		cur = boundary;
		if (after_gmtoff != before_gmtoff)
		{
			if (z->n >= cap)
			{
				cap *= 2;
				z->t = repalloc(z->t, cap * sizeof(int64));
				z->off = repalloc(z->off, cap * sizeof(int64));
			}
			z->t[z->n] = ((int64) boundary - PG_UNIX_OFFSET) * SLM_SEC;
			z->off[z->n] = (int64) after_gmtoff * SLM_SEC;
			z->n++;
		}
		z->horizon = ((int64) boundary - PG_UNIX_OFFSET) * SLM_SEC;
	}
	if (!z->complete && z->horizon < upto)
		z->horizon = upto;
	MemoryContextSwitchTo(old);
}

/* The backend-wide transition list of a zone, created on first use. */
static ZoneTrans *
zone_get(const char *name)
{
	ZoneTrans  *z;

	for (z = zone_list; z; z = z->next)
		if (strcmp(z->name, name) == 0)
			return z;
	z = MemoryContextAllocZero(TopMemoryContext, sizeof(ZoneTrans));
	strlcpy(z->name, name, sizeof(z->name));
	z->tz = pg_tzset(name);
	if (z->tz == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", name)));
	z->horizon = PG_INT64_MIN;
	zone_extend(z, HORIZON_START);
	z->next = zone_list;
	zone_list = z;
	return z;
}

/* Exact local-to-instant conversion, as timestamp AT TIME ZONE does it. */
static int64
local_to_instant(pg_tz *tz, int64 local)
{
	struct pg_tm tm;
	fsec_t		fsec;
	int			tzoff;

	if (timestamp2tm((Timestamp) local, NULL, &tm, &fsec, NULL, NULL) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	tzoff = DetermineTimeZoneOffset(&tm, tz);
	return local + (int64) tzoff * SLM_SEC;
}

/* ---------- layer 1: local measure M ---------- */

/* Periodic measure below local x (from an arbitrary fixed origin). */
static int64
periodic(const SlmClock *c, int64 x)
{
	int64		y = x - MON0;
	int64		q = floor_div(y, SLM_WEEK);

	return q * c->week.total + ivlist_prefix(&c->week, y - q * SLM_WEEK);
}

/* Index of the last cluster whose window starts at or before x, or -1. */
static int
cluster_find(const SlmClock *c, int64 x)
{
	return count_le(c->cl_w0, c->ncl, x) - 1;
}

/* Sum of deltas of the clusters before index i (i may be ncl). */
static inline int64
cl_dsum(const SlmClock *c, int i)
{
	return c->cl_dbefore[i];
}

/* M(x): the open measure of the local axis below x. */
static int64
local_measure(const SlmClock *c, int64 x)
{
	int			i = cluster_find(c, x);

	if (i >= 0 && x < c->cl_w1[i])
		return c->cl_mstart[i] + ivlist_prefix(&c->cl_iv[i], x);
	return periodic(c, x) + cl_dsum(c, i + 1);
}

/*
 * Raise the error for a result beyond the engine's range: instants are
 * computed up to HORIZON_MAX (the year 9999), and a result past it is
 * refused rather than wrapped or clamped.
 */
static void result_out_of_range(void) pg_attribute_noreturn();

static void
result_out_of_range(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
			 errmsg("business time result out of range"),
			 errdetail("Business time is computed up to the year 9999.")));
}

/*
 * Local start of week number q. A week far outside the engine's range (a
 * huge duration on a calendar with little open time) is an error, not an
 * overflow.
 */
static int64
week_start(int64 q)
{
	if (q > HORIZON_MAX / SLM_WEEK + 2 || q < -HORIZON_MAX / SLM_WEEK - 2)
		result_out_of_range();
	return MON0 + q * SLM_WEEK;
}

/* Smallest local x with periodic(x) >= y; false when never. */
static bool
periodic_inv_fwd(const SlmClock *c, int64 y, int64 *x)
{
	int64		q,
				r;

	if (c->week.total == 0)
		return false;
	q = floor_div(y, c->week.total);
	r = y - q * c->week.total;
	if (r == 0)
		*x = week_start(q - 1) + ivlist_inv_fwd(&c->week, c->week.total);
	else
		*x = week_start(q) + ivlist_inv_fwd(&c->week, r);
	return true;
}

/* Largest local x with periodic(x) <= y; false when never. */
static bool
periodic_inv_bwd(const SlmClock *c, int64 y, int64 *x)
{
	int64		q,
				r;

	if (c->week.total == 0)
		return false;
	q = floor_div(y, c->week.total);
	r = y - q * c->week.total;
	*x = week_start(q) + ivlist_inv_bwd(&c->week, r);
	return true;
}

/* Smallest local x with M(x) >= y; false when there is none. */
static bool
local_inv_fwd(const SlmClock *c, int64 y, int64 *x)
{
	int			lo = count_lt(c->cl_mend, c->ncl, y);	/* first with mend >= y */

	if (lo < c->ncl && c->cl_mstart[lo] < y)
	{
		*x = ivlist_inv_fwd(&c->cl_iv[lo], y - c->cl_mstart[lo]);
		return true;
	}
	return periodic_inv_fwd(c, y - cl_dsum(c, lo), x);
}

/* Largest local x with M(x) <= y; false when there is none. */
static bool
local_inv_bwd(const SlmClock *c, int64 y, int64 *x)
{
	int			lo = count_le(c->cl_mstart, c->ncl, y);	/* last with mstart <= y is lo - 1 */

	if (lo > 0 && c->cl_mend[lo - 1] > y)
	{
		*x = ivlist_inv_bwd(&c->cl_iv[lo - 1], y - c->cl_mstart[lo - 1]);
		return true;
	}
	return periodic_inv_bwd(c, y - cl_dsum(c, lo), x);
}

/* ---------- layer 2: naive instant function Fn ---------- */

/* Segment of instant t: the number of transitions at or before t. */
static int
segment_of(const SlmClock *c, int64 t)
{
	return count_le(c->zone->t, c->zone_n, t);
}

/* The offset in force in segment k. */
static inline int64
seg_off(const SlmClock *c, int k)
{
	return k == 0 ? c->zone->off0 : c->zone->off[k - 1];
}

/* Fn(t). */
static int64
naive_F(const SlmClock *c, int64 t)
{
	int			k = segment_of(c, t);

	return local_measure(c, t + seg_off(c, k)) + c->dcum[k];
}

/* Smallest t with Fn(t) >= v. */
static bool
naive_inv_fwd(const SlmClock *c, int64 v, int64 *t)
{
	int			lo = count_lt(c->fn_at, c->zone_n, v);	/* first with fn_at >= v */
	int64		x;

	if (!local_inv_fwd(c, v - c->dcum[lo], &x))
		return false;
	*t = x - seg_off(c, lo);
	return true;
}

/* Largest t with Fn(t) <= v. */
static bool
naive_inv_bwd(const SlmClock *c, int64 v, int64 *t)
{
	int			lo = count_le(c->fn_at, c->zone_n, v);	/* transitions with fn_at <= v */
	int64		x;

	if (!local_inv_bwd(c, v - c->dcum[lo], &x))
		return false;
	*t = x - seg_off(c, lo);
	return true;
}

/* ---------- layer 3: exact windows ---------- */

/* Exact open intervals within instants [w0, w1), built from the spans. */
static void
exact_window(SlmClock *c, int64 w0, int64 w1, IvList *out)
{
	int32		d0 = (int32) floor_div(w0, SLM_DAY) - 3;
	int32		d1 = (int32) floor_div(w1, SLM_DAY) + 3;
	int			cap = 16,
				n = 0;
	Iv		   *iv = palloc(cap * sizeof(Iv));

	for (int32 d = d0; d <= d1; d++)
	{
		int			ns;
		const SlmSpan *sp = day_spans(c->cal, d, &ns);

		for (int i = 0; i < ns; i++)
		{
			int64		base = (int64) d * SLM_DAY;
			int64		s = local_to_instant(c->zone->tz, base + sp[i].start * SLM_SEC);
			int64		e = local_to_instant(c->zone->tz, base + sp[i].end * SLM_SEC);

			if (s < w0)
				s = w0;
			if (e > w1)
				e = w1;
			if (e <= s)
				continue;
			if (n >= cap)
			{
				cap *= 2;
				iv = repalloc(iv, cap * sizeof(Iv));
			}
			iv[n].s = s;
			iv[n].e = e;
			n++;
		}
	}
	ivlist_build(out, iv, n);
}

/*
 * Does transition i need an exact window? Yes when a span endpoint of a
 * nearby date lies in the local hour the transition skips or repeats, and
 * whenever the transition is unusual enough (a jump of a day, or neighbours
 * closer than the conversion's 48-hour assumption) that only PostgreSQL's own
 * conversion is to be trusted.
 */
static bool
transition_special(SlmClock *c, int i)
{
	ZoneTrans  *z = c->zone;
	int64		t = z->t[i];
	int64		o1 = i == 0 ? z->off0 : z->off[i - 1];
	int64		o2 = z->off[i];
	int64		h0 = t + Min(o1, o2),
				h1 = t + Max(o1, o2);
	int32		d0,
				d1;

	if (h1 - h0 >= 6 * 3600 * SLM_SEC)
		return true;
	if ((i > 0 && t - z->t[i - 1] < 8 * SLM_DAY) ||
		(i + 1 < z->n && z->t[i + 1] - t < 8 * SLM_DAY))
		return true;
	d0 = (int32) floor_div(h0, SLM_DAY) - 2;
	d1 = (int32) floor_div(h1, SLM_DAY) + 1;
	for (int32 d = d0; d <= d1; d++)
	{
		int			ns;
		const SlmSpan *sp = day_spans(c->cal, d, &ns);
		int64		base = (int64) d * SLM_DAY;

		for (int k = 0; k < ns; k++)
		{
			int64		s = base + sp[k].start * SLM_SEC;
			int64		e = base + sp[k].end * SLM_SEC;

			if ((s >= h0 && s < h1) || (e >= h0 && e < h1))
				return true;
		}
	}
	return false;
}

/* ---------- compilation ---------- */

/* Build layer 1 from the calendar. */
static void
compile_local(SlmClock *c)
{
	const SlmCalendar *cal = c->cal;
	const SlmSpan *weekly = SLM_CAL_WEEKLY(cal);
	const int32 *wo = SLM_CAL_WDAYOFF(cal);
	const int32 *odate = SLM_CAL_ODATE(cal);
	Iv		   *iv = palloc((2 * cal->nweekly + 1) * sizeof(Iv));
	int			n = 0;
	int			k;

	for (int d = 0; d < 7; d++)
		for (int i = wo[d]; i < wo[d + 1]; i++)
		{
			int64		s = d * SLM_DAY + weekly[i].start * SLM_SEC;
			int64		e = d * SLM_DAY + weekly[i].end * SLM_SEC;

			if (e > SLM_WEEK)
			{
				iv[n].s = 0;
				iv[n].e = e - SLM_WEEK;
				n++;
				e = SLM_WEEK;
			}
			iv[n].s = s;
			iv[n].e = e;
			n++;
		}
	ivlist_build(&c->week, iv, n);

	/* clusters: runs of consecutive override dates */
	c->ncl = 0;
	c->cl_w0 = palloc((cal->noverride + 1) * sizeof(int64));
	c->cl_w1 = palloc((cal->noverride + 1) * sizeof(int64));
	c->cl_iv = palloc((cal->noverride + 1) * sizeof(IvList));
	c->cl_dbefore = palloc((cal->noverride + 2) * sizeof(int64));
	c->cl_mstart = palloc((cal->noverride + 1) * sizeof(int64));
	c->cl_mend = palloc((cal->noverride + 1) * sizeof(int64));
	c->cl_dbefore[0] = 0;
	for (int i = 0; i < cal->noverride; i = k)
	{
		int32		first = odate[i],
					last;
		int64		w0,
					w1;
		int			cap = 16,
					m = 0;
		Iv		   *civ = palloc(cap * sizeof(Iv));
		IvList	   *l = &c->cl_iv[c->ncl];

		for (k = i + 1; k < cal->noverride && odate[k] == odate[k - 1] + 1; k++)
			;
		last = odate[k - 1];
		w0 = (int64) first * SLM_DAY;
		w1 = ((int64) last + 2) * SLM_DAY;
		for (int32 d = first - 1; d <= last + 1; d++)
		{
			int			ns;
			const SlmSpan *sp = day_spans(cal, d, &ns);

			for (int j = 0; j < ns; j++)
			{
				int64		s = (int64) d * SLM_DAY + sp[j].start * SLM_SEC;
				int64		e = (int64) d * SLM_DAY + sp[j].end * SLM_SEC;

				if (m >= cap)
				{
					cap *= 2;
					civ = repalloc(civ, cap * sizeof(Iv));
				}
				civ[m].s = Max(s, w0);
				civ[m].e = Min(e, w1);
				m++;
			}
		}
		ivlist_build(l, civ, m);
		c->cl_w0[c->ncl] = w0;
		c->cl_w1[c->ncl] = w1;
		c->cl_mstart[c->ncl] = periodic(c, w0) + c->cl_dbefore[c->ncl];
		c->cl_mend[c->ncl] = c->cl_mstart[c->ncl] + l->total;
		c->cl_dbefore[c->ncl + 1] = c->cl_dbefore[c->ncl] +
			(l->total - (periodic(c, w1) - periodic(c, w0)));
		c->ncl++;
	}
}

/*
 * Free layers 2 and 3, before they are built again for more transitions,
 * so that a clock that reaches further into the future does not keep
 * every earlier build.
 */
static void
free_zone_layers(SlmClock *c)
{
	if (c->dcum == NULL)
		return;
	pfree(c->dcum);
	pfree(c->fn_at);
	for (int j = 0; j < c->nwin; j++)
	{
		pfree(c->win_iv[j].iv);
		pfree(c->win_iv[j].cum);
	}
	pfree(c->win_w0);
	pfree(c->win_w1);
	pfree(c->win_iv);
	pfree(c->win_cbefore);
	pfree(c->win_fstart);
	pfree(c->win_fend);
}

/* Build layers 2 and 3 for the zone's transitions known so far. */
static void
compile_zone(SlmClock *c)
{
	ZoneTrans  *z = c->zone;
	int			n = z->n;
	int			nw = 0;
	int64	   *ws,
			   *we;
	int64		cb = 0;

	c->zone_n = n;
	c->dcum = palloc((n + 1) * sizeof(int64));
	c->fn_at = palloc((n + 1) * sizeof(int64));
	c->dcum[0] = 0;
	for (int i = 0; i < n; i++)
	{
		int64		o1 = i == 0 ? z->off0 : z->off[i - 1];
		int64		before = local_measure(c, z->t[i] + o1);

		c->fn_at[i] = before + c->dcum[i];
		c->dcum[i + 1] = c->dcum[i] + before - local_measure(c, z->t[i] + z->off[i]);
	}

	/* exact windows around special transitions, merged when they overlap */
	ws = palloc((n + 1) * sizeof(int64));
	we = palloc((n + 1) * sizeof(int64));
	for (int i = 0; i < n; i++)
	{
		int64		a,
					b;

		if (!transition_special(c, i))
			continue;
		a = z->t[i] - WINDOW_HALF;
		b = z->t[i] + WINDOW_HALF;
		if (nw > 0 && a <= we[nw - 1])
			we[nw - 1] = b;
		else
		{
			ws[nw] = a;
			we[nw] = b;
			nw++;
		}
	}
	c->nwin = nw;
	c->win_w0 = ws;
	c->win_w1 = we;
	c->win_iv = palloc((nw + 1) * sizeof(IvList));
	c->win_cbefore = palloc((nw + 1) * sizeof(int64));
	c->win_fstart = palloc((nw + 1) * sizeof(int64));
	c->win_fend = palloc((nw + 1) * sizeof(int64));
	for (int j = 0; j < nw; j++)
	{
		int64		fn0 = naive_F(c, ws[j]);
		int64		fn1 = naive_F(c, we[j]);

		exact_window(c, ws[j], we[j], &c->win_iv[j]);
		c->win_cbefore[j] = cb;
		c->win_fstart[j] = fn0 + cb;
		c->win_fend[j] = c->win_fstart[j] + c->win_iv[j].total;
		cb += c->win_iv[j].total - (fn1 - fn0);
	}
	c->win_cbefore[nw] = cb;
}

/* Compile a calendar in a new memory context under parent. */
static SlmClock *
clock_compile(SlmCalendar *cal, uint32 hash, MemoryContext parent)
{
	MemoryContext mcxt = AllocSetContextCreate(parent, "slm clock",
											   ALLOCSET_SMALL_SIZES);
	MemoryContext old = MemoryContextSwitchTo(mcxt);
	SlmClock   *c = palloc0(sizeof(SlmClock));

	c->mcxt = mcxt;
	c->cal = palloc(VARSIZE(cal));
	memcpy(c->cal, cal, VARSIZE(cal));
	c->hash = hash;
	c->zone = zone_get(SLM_CAL_TZ(cal));
	/* the zone's name outlives the context: it names it in memory reports */
	MemoryContextSetIdentifier(mcxt, c->zone->name);
	compile_local(c);
	compile_zone(c);
	MemoryContextSwitchTo(old);
	return c;
}

/* Count a cached clock's memory again, after it has grown. */
static void
clock_recount(SlmClock *c)
{
	Size		bytes = MemoryContextMemAllocated(c->mcxt, true);

	cache_bytes = cache_bytes - c->bytes + bytes;
	c->bytes = bytes;
}

/*
 * Make sure the zone's transitions (and the compiled layers) reach instant t.
 * Instants past year 9999 are refused.
 */
static void
clock_reach(SlmClock *c, int64 t)
{
	ZoneTrans  *z = c->zone;

	if (t > HORIZON_MAX || t < -HORIZON_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range for business time"),
				 errdetail("Business time is computed up to the year 9999.")));
	if (z->complete || t < z->horizon)
	{
		if (c->zone_n != z->n)
			goto recompile;
		return;
	}
	zone_extend(z, Min(HORIZON_MAX, t + 100 * 366 * SLM_DAY));
recompile:
	{
		MemoryContext old = MemoryContextSwitchTo(c->mcxt);

		free_zone_layers(c);
		compile_zone(c);
		MemoryContextSwitchTo(old);
		/* counted now, evicted (if need be) when another clock comes in */
		clock_recount(c);
	}
}

/* Is c the compiled form of cal? */
static inline bool
clock_is(SlmClock *c, SlmCalendar *cal)
{
	return c && VARSIZE(c->cal) == VARSIZE(cal) &&
		memcmp(c->cal, cal, VARSIZE(cal)) == 0;
}

/* Hash of a calendar's bytes, for the backend lookup. */
static inline uint32
calendar_hash(SlmCalendar *cal)
{
	return hash_bytes((const unsigned char *) cal, VARSIZE(cal));
}

/* Mark a cached clock as the most recently used. */
static inline void
clock_touch(SlmClock *c)
{
	dlist_move_head(&cache_lru, &c->lru);
	last_clock = c;
}

/*
 * Evict least recently used clocks until the cache fits in limit bytes,
 * sparing keep (being fetched) and last_clock (fetched before, perhaps still
 * held).
 */
static void
cache_evict(Size limit, SlmClock *keep)
{
	dlist_node *node;

	if (dlist_is_empty(&cache_lru))
		return;
	node = dlist_tail_node(&cache_lru);
	while (node != NULL && cache_bytes > limit)
	{
		SlmClock   *c = dlist_container(SlmClock, lru, node);

		node = dlist_has_prev(&cache_lru, node) ? dlist_prev_node(&cache_lru, node) : NULL;
		if (c == keep || c == last_clock)
			continue;
		dlist_delete(&c->lru);
		cache_bytes -= c->bytes;
		MemoryContextDelete(c->mcxt);
		cache_generation++;
	}
}

/*
 * A new slm.calendar_cache_size: a smaller bound applies at once, so that a
 * session does not keep more than it allows until its next compile. No
 * clock is in use here (settings change between calls), and the last one
 * fetched is spared anyway.
 */
static void
calendar_cache_size_assign(int newval, void *extra)
{
	cache_evict((Size) newval * 1024, NULL);
}

/* Define the setting that bounds the cache (at module load). */
void
slm_clock_init(void)
{
	DefineCustomIntVariable("slm.calendar_cache_size",
							"Sets the memory each session may keep compiled calendars in.",
							"Compiled calendars are kept for reuse; when compiling one more would "
							"exceed this, the least recently used are freed.",
							&calendar_cache_size,
							16 * 1024,
							0,
							MAX_KILOBYTES,
							PGC_USERSET,
							GUC_UNIT_KB,
							NULL,
							calendar_cache_size_assign,
							NULL);
}

/* The backend's compiled form of cal, compiling (and evicting) on a miss. */
static SlmClock *
backend_clock(SlmCalendar *cal)
{
	uint32		hash = calendar_hash(cal);
	dlist_iter	iter;
	SlmClock   *c;

	dlist_foreach(iter, &cache_lru)
	{
		c = dlist_container(SlmClock, lru, iter.cur);
		if (c->hash == hash && clock_is(c, cal))
		{
			clock_touch(c);
			return c;
		}
	}
	if (cache_cxt == NULL)
		cache_cxt = AllocSetContextCreate(TopMemoryContext, "slm calendar cache",
										  ALLOCSET_SMALL_SIZES);
	/* compiled under the caller's context, kept only once complete */
	c = clock_compile(cal, hash, CurrentMemoryContext);
	MemoryContextSetParent(c->mcxt, cache_cxt);
	clock_recount(c);
	dlist_push_head(&cache_lru, &c->lru);
	cache_evict((Size) calendar_cache_size * 1024, c);
	last_clock = c;
	return c;
}

/* Fetch a compiled calendar: the call site's memory, then the backend's. */
SlmClock *
slm_clock_get_flinfo(FmgrInfo *flinfo, SlmCalendar *cal)
{
	ClockCache *cache = (ClockCache *) flinfo->fn_extra;
	SlmClock   *c;

	if (cache == NULL)
	{
		cache = MemoryContextAllocZero(flinfo->fn_mcxt, sizeof(ClockCache));
		cache->generation = cache_generation;
		flinfo->fn_extra = cache;
	}
	if (cache->generation != cache_generation)
	{
		memset(cache->entry, 0, sizeof(cache->entry));
		cache->generation = cache_generation;
	}
	for (int i = 0; i < CLOCK_CACHE_SIZE; i++)
		if (clock_is(cache->entry[i], cal))
		{
			clock_touch(cache->entry[i]);
			return cache->entry[i];
		}
	c = backend_clock(cal);
	/* compiling may have evicted: forget everything remembered before */
	if (cache->generation != cache_generation)
	{
		memset(cache->entry, 0, sizeof(cache->entry));
		cache->generation = cache_generation;
	}
	cache->entry[cache->next] = c;
	cache->next = (cache->next + 1) % CLOCK_CACHE_SIZE;
	return c;
}

/* As slm_clock_get_flinfo, for the calling function's own call site. */
SlmClock *
slm_clock_get(FunctionCallInfo fcinfo, SlmCalendar *cal)
{
	return slm_clock_get_flinfo(fcinfo->flinfo, cal);
}

/* ---------- the public function F and its inverses ---------- */

/* Index of the last window starting at or before t, or -1. */
static int
window_find(const SlmClock *c, int64 t)
{
	return count_le(c->win_w0, c->nwin, t) - 1;
}

/* F(t): business microseconds below instant t (from a fixed origin). */
int64
slm_clock_F(SlmClock *c, TimestampTz t)
{
	int			j;
	int64		f;

	if (c->memo_valid && c->memo_t == t)
		return c->memo_F;
	clock_reach(c, t);
	j = window_find(c, t);
	if (j >= 0 && t < c->win_w1[j])
		f = c->win_fstart[j] + ivlist_prefix(&c->win_iv[j], t);
	else
		f = naive_F(c, t) + c->win_cbefore[j + 1];
	c->memo_t = t;
	c->memo_F = f;
	c->memo_valid = true;
	return f;
}

/* Smallest t with F(t) >= v; false when the calendar never gets there. */
static bool
clock_inv_fwd(SlmClock *c, int64 v, int64 *t)
{
	for (;;)
	{
		int			lo = count_lt(c->win_fend, c->nwin, v);	/* first with fend >= v */
		bool		ok;

		if (lo < c->nwin && c->win_fstart[lo] < v)
		{
			*t = ivlist_inv_fwd(&c->win_iv[lo], v - c->win_fstart[lo]);
			return true;
		}
		ok = naive_inv_fwd(c, v - c->win_cbefore[lo], t);
		/* past the transitions generated so far: extend and try again */
		if (!c->zone->complete && (!ok || *t >= c->zone->horizon))
		{
			if (c->zone->horizon >= HORIZON_MAX)
				result_out_of_range();
			clock_reach(c, c->zone->horizon + 1);
			continue;
		}
		if (ok && (*t > HORIZON_MAX || *t < -HORIZON_MAX))
			result_out_of_range();
		return ok;
	}
}

/* Largest t with F(t) <= v; false when the calendar never gets there. */
static bool
clock_inv_bwd(SlmClock *c, int64 v, int64 *t)
{
	for (;;)
	{
		int			lo = count_le(c->win_fstart, c->nwin, v);	/* windows with fstart <= v */
		bool		ok;

		if (lo > 0 && c->win_fend[lo - 1] > v)
		{
			*t = ivlist_inv_bwd(&c->win_iv[lo - 1], v - c->win_fstart[lo - 1]);
			return true;
		}
		ok = naive_inv_bwd(c, v - c->win_cbefore[lo], t);
		if (!c->zone->complete && ok && *t >= c->zone->horizon)
		{
			if (c->zone->horizon >= HORIZON_MAX)
				result_out_of_range();
			clock_reach(c, c->zone->horizon + 1);
			continue;
		}
		if (ok && (*t > HORIZON_MAX || *t < -HORIZON_MAX))
			result_out_of_range();
		return ok;
	}
}

/* Business microseconds in [a, b); negative when b < a. */
int64
slm_clock_between(SlmClock *c, TimestampTz a, TimestampTz b)
{
	return slm_clock_F(c, b) - slm_clock_F(c, a);
}

/* The instant d business microseconds after t (before, for d < 0). */
TimestampTz
slm_clock_add(SlmClock *c, TimestampTz t, int64 d)
{
	int64		v,
				u;

	if (d == 0)
		return t;
	/* business time never exceeds real time: refuse what cannot fit */
	if ((d > 0 && d > HORIZON_MAX - t) || (d < 0 && -(d + 1) >= t + HORIZON_MAX))
		result_out_of_range();
	v = slm_clock_F(c, t);
	if (d > 0)
	{
		if (pg_add_s64_overflow(v, d, &v) || !clock_inv_fwd(c, v, &u))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("calendar has not enough open time after %s",
							timestamptz_to_str(t)),
					 errdetail("The calendar \"%s\" never accumulates the requested business time.",
							   slm_calendar_to_cstring(c->cal))));
	}
	else
	{
		if (pg_add_s64_overflow(v, d, &v) || !clock_inv_bwd(c, v, &u))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("calendar has not enough open time before %s",
							timestamptz_to_str(t)),
					 errdetail("The calendar \"%s\" never accumulates the requested business time.",
							   slm_calendar_to_cstring(c->cal))));
	}
	return u;
}

/* Can business time be computed at t: finite, and not past the year 9999? */
bool
slm_clock_in_range(TimestampTz t)
{
	return !TIMESTAMP_NOT_FINITE(t) && t <= HORIZON_MAX && t >= -HORIZON_MAX;
}

/* Is the calendar open at t (half-open spans: open at a start, closed at an end)? */
bool
slm_clock_is_open(SlmClock *c, TimestampTz t)
{
	return slm_clock_F(c, t + 1) > slm_clock_F(c, t);
}

/* t when open, else the next opening instant; found = false when none. */
TimestampTz
slm_clock_next_open(SlmClock *c, TimestampTz t, bool *found)
{
	int64		u;

	*found = clock_inv_bwd(c, slm_clock_F(c, t), &u);
	return u;
}

/*
 * The next instant at which the calendar goes from open to closed. Found by
 * searching for the end of the open run that starts at next_open(t): within
 * the run F grows exactly as time does. found = false when the calendar
 * never closes again.
 */
TimestampTz
slm_clock_next_close(SlmClock *c, TimestampTz t, bool *found)
{
	int64		o = slm_clock_next_open(c, t, found);
	int64		fo,
				lo,
				hi,
				step;
	int64		limit;

	if (!*found)
		return 0;
	fo = slm_clock_F(c, o);

	/*
	 * Past the last override and exact window, a calendar open all week
	 * never closes; bound the search there.
	 */
	limit = o;
	if (c->ncl > 0)
		limit = Max(limit, c->cl_w1[c->ncl - 1] - 15 * 3600 * SLM_SEC);
	if (c->nwin > 0)
		limit = Max(limit, c->win_w1[c->nwin - 1]);
	limit = Min(limit + 2 * SLM_WEEK, HORIZON_MAX - 1);

	/* exponential search for a point past the run's end */
	lo = o;
	step = SLM_DAY;
	for (;;)
	{
		hi = lo + step;
		if (hi > limit)
			hi = limit;
		if (slm_clock_F(c, hi) - fo < hi - o)
			break;
		if (hi >= limit)
		{
			if (c->week.total == SLM_WEEK)
			{
				*found = false;
				return 0;
			}
			elog(ERROR, "open run of calendar does not end");
		}
		lo = hi;
		step *= 2;
	}
	/* F(lo) - fo == lo - o, F(hi) - fo < hi - o */
	while (hi - lo > 1)
	{
		int64		mid = lo + (hi - lo) / 2;

		if (slm_clock_F(c, mid) - fo == mid - o)
			lo = mid;
		else
			hi = mid;
	}
	return lo;
}

/* ---------- pauses ---------- */

/*
 * Read bound i of a multirange of timestamptz; a bound whose value is
 * -infinity or infinity counts as unbounded.
 */
static void
mr_bounds(TypeCacheEntry *rtyp, MultirangeType *mr, int i, RangeBound *lo, RangeBound *hi)
{
	multirange_get_bounds(rtyp, mr, i, lo, hi);
	if (!lo->infinite && TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(lo->val)))
		lo->infinite = true;
	if (!hi->infinite && TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(hi->val)))
		hi->infinite = true;
}

/* Business time in [a, b) minus the paused parts; signed. */
int64
slm_clock_between_paused(SlmClock *c, TimestampTz a, TimestampTz b,
						 MultirangeType *paused, TypeCacheEntry *rtyp)
{
	int64		sum;
	int64		lo_t = Min(a, b),
				hi_t = Max(a, b);

	sum = slm_clock_F(c, hi_t) - slm_clock_F(c, lo_t);
	if (paused)
		for (int i = 0; i < paused->rangeCount; i++)
		{
			RangeBound	lo,
						hi;
			int64		p0,
						p1;

			mr_bounds(rtyp, paused, i, &lo, &hi);
			p0 = lo.infinite ? lo_t : Max(lo_t, DatumGetTimestampTz(lo.val));
			p1 = hi.infinite ? hi_t : Min(hi_t, DatumGetTimestampTz(hi.val));
			if (p1 > p0)
				sum -= slm_clock_F(c, p1) - slm_clock_F(c, p0);
		}
	return b >= a ? sum : -sum;
}

/*
 * The instant d business microseconds after t, time inside paused not
 * counting. found = false when a pause without end swallows the rest.
 */
TimestampTz
slm_clock_add_paused(SlmClock *c, TimestampTz t, int64 d,
					 MultirangeType *paused, TypeCacheEntry *rtyp, bool *found)
{
	int64		cur = t,
				rem = d;
	int			n = paused ? paused->rangeCount : 0;

	*found = true;
	if (d == 0 || n == 0)
		return slm_clock_add(c, t, d);
	if (d > 0)
	{
		for (int i = 0; i < n; i++)
		{
			RangeBound	lo,
						hi;
			int64		p0,
						p1,
						have;

			mr_bounds(rtyp, paused, i, &lo, &hi);
			if (!hi.infinite && DatumGetTimestampTz(hi.val) <= cur)
				continue;
			p0 = lo.infinite ? cur : DatumGetTimestampTz(lo.val);
			if (p0 > cur)
			{
				have = slm_clock_F(c, p0) - slm_clock_F(c, cur);
				if (have >= rem)
					return slm_clock_add(c, cur, rem);
				rem -= have;
			}
			if (hi.infinite)
			{
				*found = false;
				return 0;
			}
			p1 = DatumGetTimestampTz(hi.val);
			cur = Max(cur, p1);
		}
		return slm_clock_add(c, cur, rem);
	}
	for (int i = n - 1; i >= 0; i--)
	{
		RangeBound	lo,
					hi;
		int64		p0,
					p1,
					have;

		mr_bounds(rtyp, paused, i, &lo, &hi);
		if (!lo.infinite && DatumGetTimestampTz(lo.val) >= cur)
			continue;
		p1 = hi.infinite ? cur : DatumGetTimestampTz(hi.val);
		if (p1 < cur)
		{
			have = slm_clock_F(c, cur) - slm_clock_F(c, p1);
			if (have >= -rem)
				return slm_clock_add(c, cur, rem);
			rem += have;
		}
		if (lo.infinite)
		{
			*found = false;
			return 0;
		}
		p0 = DatumGetTimestampTz(lo.val);
		cur = Min(cur, p0);
	}
	return slm_clock_add(c, cur, rem);
}

/* ---------- working days ---------- */

/* Does local date d have any open time after conversion? */
static bool
day_has_time(SlmClock *c, int32 d)
{
	int			ns;
	const SlmSpan *sp = day_spans(c->cal, d, &ns);
	int64		base = (int64) d * SLM_DAY;

	for (int i = 0; i < ns; i++)
	{
		int64		s = base + sp[i].start * SLM_SEC;
		int64		e = base + sp[i].end * SLM_SEC;

		/* far from transitions a span keeps its length; check exactly anyway */
		if (local_to_instant(c->zone->tz, e) > local_to_instant(c->zone->tz, s))
			return true;
	}
	return false;
}

/*
 * Business dates in [d1, d2) for d1 <= d2: by weekday counts over whole
 * weeks, then the override dates in the range, then the dates near special
 * transitions (where a span may vanish in a gap).
 */
static int64
count_days(SlmClock *c, int32 d1, int32 d2)
{
	const int32 *wo = SLM_CAL_WDAYOFF(c->cal);
	const int32 *odate = SLM_CAL_ODATE(c->cal);
	int64		n = 0;
	int64		weeks = ((int64) d2 - d1) / 7;
	int			wkdays = 0;
	int32		d,
				lastd;
	int			lo,
				hi;

	for (int k = 0; k < 7; k++)
		if (wo[k + 1] > wo[k])
			wkdays++;
	n = weeks * wkdays;
	for (d = (int32) (d1 + weeks * 7); d < d2; d++)
	{
		int			dow = (int) (((int64) d % 7 + 7 + 5) % 7);

		if (wo[dow + 1] > wo[dow])
			n++;
	}
	/* overrides: replace the weekday's answer by the date's own */
	lo = 0;
	hi = c->cal->noverride;
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (odate[mid] < d1)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (int i = lo; i < c->cal->noverride && odate[i] < d2; i++)
	{
		int			dow = (int) (((int64) odate[i] % 7 + 7 + 5) % 7);
		const int32 *ooff = SLM_CAL_OOFF(c->cal);

		n += (ooff[i + 1] > ooff[i]) - (wo[dow + 1] > wo[dow]);
	}
	/* dates whose spans all vanish in a transition's gap */
	lastd = PG_INT32_MIN;
	for (int j = window_find(c, (int64) d1 * SLM_DAY - SLM_DAY);
		 j < c->nwin; j++)
	{
		if (j < 0)
			continue;
		if (c->win_w0[j] >= (int64) d2 * SLM_DAY + SLM_DAY)
			break;
		for (d = (int32) floor_div(c->win_w0[j], SLM_DAY);
			 d <= (int32) floor_div(c->win_w1[j], SLM_DAY); d++)
		{
			int			ns;

			if (d < d1 || d >= d2 || d <= lastd)
				continue;
			lastd = d;
			day_spans(c->cal, d, &ns);
			if (ns > 0 && !day_has_time(c, d))
				n--;
		}
	}
	return n;
}

/* Business dates in [d1, d2); negative when d2 < d1. */
int64
slm_clock_business_days(SlmClock *c, int32 d1, int32 d2)
{
	if ((int64) Max(d1, d2) * SLM_DAY >= HORIZON_MAX ||
		(int64) Min(d1, d2) * SLM_DAY <= -HORIZON_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range for business days"),
				 errdetail("Business time is computed up to the year 9999.")));
	clock_reach(c, Min((int64) Max(d1, d2) * SLM_DAY + SLM_WEEK, HORIZON_MAX));
	if (d2 >= d1)
		return count_days(c, d1, d2);
	return -count_days(c, d2, d1);
}

/*
 * The n-th business date after d (before, for n < 0); n = 0 gives d. Sets
 * *why and returns d when there is none: 1 when the search reaches the
 * engine's horizon, 2 when the calendar has too few days with open time.
 */
static int32
days_add(SlmClock *c, int32 d, int32 n, int *why)
{
	int64		lo,
				hi,
				step = 8;
	bool		fwd = n > 0;
	int64		want = fwd ? n : -(int64) n;
	/* search no further than the engine reaches: 9999-12-24 or 0001-01-01 */
	int64		maxstep = fwd ? (int64) 2921932 - d - 1 : (int64) d + 730119;

	*why = 0;
	if (n == 0)
		return d;

	/*
	 * Find the smallest k > 0 with count(d+1, d+1+k) >= n going forward (or
	 * count(d-k, d) >= -n backward), by doubling then bisection.
	 */
	lo = 0;
	for (;;)
	{
		int64		cnt;

		hi = Min(lo + step, maxstep);
		if (hi <= 0)
		{
			*why = 1;
			return d;
		}
		if (hi <= lo)
		{
			*why = 2;
			return d;
		}
		if (fwd)
			cnt = slm_clock_business_days(c, d + 1, (int32) (d + 1 + hi));
		else
			cnt = slm_clock_business_days(c, (int32) (d - hi), d);
		if (cnt >= want)
			break;
		lo = hi;
		step *= 2;
	}
	while (hi - lo > 1)
	{
		int64		mid = lo + (hi - lo) / 2;
		int64		cnt;

		if (fwd)
			cnt = slm_clock_business_days(c, d + 1, (int32) (d + 1 + mid));
		else
			cnt = slm_clock_business_days(c, (int32) (d - mid), d);
		if (cnt >= want)
			hi = mid;
		else
			lo = mid;
	}
	return fwd ? (int32) (d + hi) : (int32) (d - hi);
}

/* The n-th business date after d (before, for n < 0); n = 0 gives d. */
int32
slm_clock_business_days_add(SlmClock *c, int32 d, int32 n)
{
	int			why;
	int32		r = days_add(c, d, n, &why);

	if (why == 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("business_days_add result out of range"),
				 errdetail("Business time is computed up to the year 9999.")));
	if (why == 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("calendar has not " INT64_FORMAT " business days %s %s",
						n > 0 ? (int64) n : -(int64) n,
						n > 0 ? "after" : "before",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)))),
				 errdetail("The calendar \"%s\" has too few days with open time.",
						   slm_calendar_to_cstring(c->cal))));
	return r;
}

/* The local date (days since 2000-01-01) of instant t in the calendar's zone. */
int32
slm_clock_local_date(SlmClock *c, TimestampTz t)
{
	clock_reach(c, t);
	return (int32) floor_div(t + seg_off(c, segment_of(c, t)), SLM_DAY);
}

/*
 * The first instant after t at which the local date changes: the next
 * local midnight, or an offset change before it (which may move the local
 * date either way).
 */
TimestampTz
slm_clock_next_date_change(SlmClock *c, TimestampTz t)
{
	int			k;
	int64		off,
				midnight;

	clock_reach(c, Min(t + 2 * SLM_DAY, HORIZON_MAX));
	k = segment_of(c, t);
	off = seg_off(c, k);
	midnight = (floor_div(t + off, SLM_DAY) + 1) * SLM_DAY - off;
	if (k < c->zone_n && c->zone->t[k] < midnight)
		return c->zone->t[k];
	return midnight;
}

/*
 * The end of local date d's service hours: the instant at which the last
 * of its spans that has open time ends (a span may run past midnight; it
 * belongs to the date it starts on, as for business_days). False when d
 * has no open time.
 */
bool
slm_clock_day_end(SlmClock *c, int32 d, TimestampTz *end)
{
	int			ns;
	const SlmSpan *sp = day_spans(c->cal, d, &ns);
	int64		base = (int64) d * SLM_DAY;

	for (int i = ns - 1; i >= 0; i--)
	{
		int64		s = local_to_instant(c->zone->tz, base + sp[i].start * SLM_SEC);
		int64		e = local_to_instant(c->zone->tz, base + sp[i].end * SLM_SEC);

		if (e > s)
		{
			*end = e;
			return true;
		}
	}
	return false;
}

/*
 * The deadline of a clock started at t on a target of n business days: the
 * clock counts from the next opening at or after t, whose local date is
 * day 0, and runs to the end of the service hours of the n-th business
 * date after day 0 (for n = 0, of day 0 itself; when day 0 has no hours of
 * its own, the opening being in a span of an earlier date that runs past
 * midnight, to the close of that span). False when the calendar never
 * opens again, or the date lies beyond the year 9999 (an error when t
 * does).
 */
bool
slm_clock_business_day_close(SlmClock *c, TimestampTz t, int32 n, TimestampTz *close)
{
	TimestampTz o;
	int32		day0,
				dn;
	int			why;
	bool		found;

	/*
	 * t past the year 9999 is an error, as for every clock; the date search
	 * keeps a margin of weeks below it, so that it never errors
	 */
	o = slm_clock_next_open(c, t, &found);
	if (!found || o > HORIZON_MAX - 3 * SLM_WEEK)
		return false;
	day0 = slm_clock_local_date(c, o);
	dn = days_add(c, day0, n, &why);
	if (why != 0)
		return false;
	if (slm_clock_day_end(c, dn, close) && *close > o)
		return true;
	if (n != 0)
		return false;			/* not reached: the date has open time */
	*close = slm_clock_next_close(c, o, &found);
	return found;
}
