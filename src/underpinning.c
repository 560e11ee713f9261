/*-------------------------------------------------------------------------
 *
 * underpinning.c
 *	  Does a chain of underpinning targets (operational level agreements,
 *	  underpinning contracts) support an SLA? slm.underpinning and
 *	  slm.underpinning_gaps.
 *
 * A ticket opened at t runs through the stages of the chain one after
 * another: stage 1 starts at t, and each later stage starts when the
 * previous stage's deadline passes, d0 = t, di = deadline(Ti, d(i-1)). The
 * chain supports the SLA S at t iff dk <= deadline(S, t). The slack at t is
 * the business time on S's calendar from dk to deadline(S, t), signed,
 * which is remaining(S, t, dk): G_S(t) + dur_S - G_S(dk) for a duration
 * SLA, G_S(deadline(S, t)) - G_S(dk) for one in business days.
 *
 * Exact over a whole range of starts, without sampling. On integer
 * microseconds, the deadline map x -> deadline(T, x) of a duration target
 * is piecewise "x + c" (x in open time) or constant (x in closed time); its
 * pieces change only at the openings and closings of T's calendar, and
 * right after an input whose deadline falls on a closing instant (the next
 * input's deadline jumps to just after the next opening). The map of a
 * target of N business days is piecewise constant: the deadline depends on
 * x only through the next opening o and o's local date (day 0), so it
 * changes only at T's closings (o jumps), at the instants where the local
 * date changes in T's zone (local midnights and offset changes), and, for
 * N = 0, where day 0's own hours end inside a longer open run (then the
 * run's end is due). Such a map need not be monotone: a date's span that
 * runs past midnight can end after the next date's own hours do.
 *
 * The chain is composed forward as a list of such pieces over the range of
 * starts. The slack is then linear on each piece, with slope -1, 0 or 1,
 * once the pieces are also cut where S opens or closes (for G_S(t)), where
 * dk crosses an opening or closing of S (for G_S(dk)) and, for an SLA in
 * business days, where deadline(S, t) changes. Its minimum, the starts
 * where it fails and the share of S's business time those starts take are
 * read off each piece exactly. Starts for which the chain has no deadline
 * are not supported; starts for which S has none (its calendar runs out)
 * are, and a business-day S then has no slack either (remaining is NULL).
 *
 * The clock engine lists the open runs of each duration calendar in the
 * window of instants a stage can touch, and gives a business-day target's
 * deadline (as slm.deadline does) at each instant where it may change;
 * everything after works on those lists, in O(log) per piece. The work is
 * linear in the number of openings, closings and local dates in the range
 * times the length of the chain, and bounded (MAX_BREAKPOINTS).
 *
 * The kind of a stage decides how its deadline map is evaluated and cut
 * into pieces (stage_prepare, stage_eval, stage_pieces); composition and
 * verdict do not depend on it.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/tuplestore.h"

#include "slm.h"
#include "target.h"

/*
 * Openings, closings, local dates and pieces one call may handle (SQLSTATE
 * 54000 beyond).
 */
#define MAX_BREAKPOINTS		1000000
/* The engine's horizon: 10000-01-01 in microseconds since 2000-01-01. */
#define END_OF_TIME			INT64CONST(252455616000000000)
/* Run lengths remembered as guesses when listing a calendar's runs. */
#define RUN_GUESSES			8

/* The open runs of one calendar inside a window [lo, hi). */
typedef struct Runs
{
	int64		lo;
	int64		hi;
	int			n;
	int			cap;
	int64	   *o;				/* run starts (the first clipped to lo) */
	int64	   *c;				/* run ends (the last clipped to hi) */
	int64	   *cum;			/* cum[j]: business time in [lo, o[j]); cum[n]
								 * in [lo, hi) */
} Runs;

/*
 * A non-decreasing map of starts, as pieces: on [lo[j], lo[j + 1]) (the
 * last up to end) the map is val[j] + (t - lo[j]) when slope[j] is 1, and
 * val[j] when it is 0.
 */
typedef struct Pieces
{
	int			n;
	int			cap;
	int64	   *lo;
	int64	   *val;
	uint8	   *slope;
	int64		end;
} Pieces;

typedef enum StageKind
{
	STAGE_DURATION,				/* a business-time duration on a calendar */
	STAGE_BUSINESS_DAYS			/* the close of the N-th business date */
} StageKind;

/* One target of the chain, prepared for the window of inputs it gets. */
typedef struct Stage
{
	StageKind	kind;
	SlmTarget  *target;
	int64		dur;
	Runs		runs;			/* duration: the calendar's open runs */

	/*
	 * Business days: the deadline is val[i] for the inputs [at[i], at[i +
	 * 1]) (the last up to the window's end); fval[i] is the calendar's F
	 * there.
	 */
	int			nat;
	int64	   *at;
	int64	   *val;
	int64	   *fval;
} Stage;

/* A maximal range of starts that the chain does not support. */
typedef struct Gap
{
	int64		lo;
	int64		hi;				/* exclusive */
	bool		never;			/* some start in it has no chain deadline */
	int64		worst;			/* least slack, when not never */
	int64		worst_at;		/* earliest start with it (or the first
								 * start without a deadline) */
} Gap;

/* Everything one call computes. */
typedef struct Verdict
{
	bool		any_fail;
	bool		never;			/* some start has no chain deadline */
	bool		have_worst;
	int64		worst;
	int64		worst_at;
	int64		supported;		/* S's business time of supported starts */
	int64		total;			/* S's business time of all starts */
	bool		want_gaps;
	bool		in_gap;
	Gap			cur;
	int			ngaps;
	int			capgaps;
	Gap		   *gaps;
} Verdict;

/* Shared state of one call: the budget, and a buffer for cut points. */
typedef struct Work
{
	FmgrInfo   *flinfo;
	int64		used;
	int64	   *cuts;
	int			ncuts;
	int			capcuts;
} Work;

/* Count breakpoints against the limit. */
static void
work_spend(Work *w, int64 n)
{
	w->used += n;
	if (w->used > MAX_BREAKPOINTS)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("underpinning needs more than %d breakpoints", MAX_BREAKPOINTS),
				 errdetail("The openings and closings of the calendars of the SLA and its chain, the local dates of its business-day targets, and the pieces of the chain's deadlines, inside the range of starts exceed the limit."),
				 errhint("Split the range of starts into shorter ranges.")));
}

/* Number of elements of the sorted array a[0..n-1] that are <= x. */
static int
count_le(const int64 *a, int n, int64 x)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

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
		int			mid = lo + (hi - lo) / 2;

		if (a[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* qsort comparator of int64. */
static int
int64_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a;
	int64		y = *(const int64 *) b;

	return (x > y) - (x < y);
}

/* ---------- the open runs of a calendar ---------- */

/*
 * The end of the open run that starts at o (o open, F(o) = fo), below hi;
 * hi when the run reaches hi. A calendar's runs mostly repeat, so the
 * lengths of recent runs are tried first: a run of length L ends at o + L
 * iff F grows by L over it and not at all in the microsecond after.
 */
static int64
run_end(SlmClock *clk, int64 o, int64 fo, int64 hi, int64 *guess, int *nguess)
{
	int64		c = -1;
	int			g;

	for (g = 0; g < *nguess; g++)
	{
		int64		L = guess[g];
		int64		fe;

		if (o + L >= hi)
			continue;
		fe = slm_clock_F(clk, o + L);
		if (fe - fo == L && slm_clock_F(clk, o + L + 1) == fe)
		{
			c = o + L;
			break;
		}
	}
	if (c < 0)
	{
		if (slm_clock_F(clk, hi) - fo == hi - o)
			return hi;
		else
		{
			bool		found;

			c = slm_clock_next_close(clk, o, &found);
			if (!found || c >= hi)
				elog(ERROR, "open run of calendar does not end before its window does");
		}
		g = Min(*nguess, RUN_GUESSES - 1);
		if (*nguess < RUN_GUESSES)
			(*nguess)++;
	}
	/* move the length found to the front */
	memmove(guess + 1, guess, g * sizeof(int64));
	guess[0] = c - o;
	return c;
}

/* List the open runs of clk inside [lo, hi). */
static void
runs_build(Work *w, SlmClock *clk, int64 lo, int64 hi, Runs *r)
{
	int64		guess[RUN_GUESSES];
	int			nguess = 0;
	int64		x = lo;

	hi = Min(hi, END_OF_TIME);
	r->lo = lo;
	r->hi = hi;
	r->n = 0;
	r->cap = 64;
	r->o = palloc(r->cap * sizeof(int64));
	r->c = palloc(r->cap * sizeof(int64));
	while (x < hi)
	{
		bool		found;
		int64		o,
					c;

		CHECK_FOR_INTERRUPTS();
		o = slm_clock_next_open(clk, x, &found);
		if (!found || o >= hi)
			break;
		c = run_end(clk, o, slm_clock_F(clk, o), hi, guess, &nguess);
		if (r->n == r->cap)
		{
			r->cap *= 2;
			r->o = repalloc(r->o, r->cap * sizeof(int64));
			r->c = repalloc(r->c, r->cap * sizeof(int64));
		}
		r->o[r->n] = o;
		r->c[r->n] = c;
		r->n++;
		work_spend(w, 2);
		x = c;
	}
	r->cum = palloc((r->n + 1) * sizeof(int64));
	r->cum[0] = 0;
	for (int j = 0; j < r->n; j++)
		r->cum[j + 1] = r->cum[j] + (r->c[j] - r->o[j]);
}

/* Release the lists of runs. */
static void
runs_free(Runs *r)
{
	pfree(r->o);
	pfree(r->c);
	pfree(r->cum);
}

/* Check that x lies in the window of r (a can't-happen guard). */
static inline void
runs_check(const Runs *r, int64 x)
{
	if (x < r->lo || x > r->hi)
		elog(ERROR, "instant outside the window of listed runs");
}

/* Business time in [lo, x), for x in the window. */
static int64
runs_G(const Runs *r, int64 x)
{
	int			j;

	runs_check(r, x);
	j = count_le(r->o, r->n, x) - 1;
	if (j < 0)
		return 0;
	return r->cum[j] + Min(x, r->c[j]) - r->o[j];
}

/* Is the calendar open at x (x in the window, below its end)? */
static bool
runs_open(const Runs *r, int64 x)
{
	int			j;

	runs_check(r, x);
	j = count_le(r->o, r->n, x) - 1;
	return j >= 0 && x < r->c[j];
}

/* The smallest x with G(x) >= v, for 0 < v <= G(hi). */
static int64
runs_inv_fwd(const Runs *r, int64 v)
{
	int			j;

	if (v <= 0 || v > r->cum[r->n])
		elog(ERROR, "business time outside the window of listed runs");
	/* the first run j with cum[j + 1] >= v */
	j = count_lt(r->cum + 1, r->n, v);
	return r->o[j] + (v - r->cum[j]);
}

/* The largest x with G(x) <= v, for 0 <= v < G(hi). */
static int64
runs_inv_bwd(const Runs *r, int64 v)
{
	int			j;

	if (v < 0 || v >= r->cum[r->n])
		elog(ERROR, "business time outside the window of listed runs");
	/* the first run j with cum[j + 1] > v */
	j = count_le(r->cum + 1, r->n, v);
	return r->o[j] + (v - r->cum[j]);
}

/* ---------- piecewise maps ---------- */

/* An empty map over starts that end at end. */
static void
pieces_init(Pieces *p, int64 end)
{
	p->n = 0;
	p->cap = 64;
	p->lo = palloc(p->cap * sizeof(int64));
	p->val = palloc(p->cap * sizeof(int64));
	p->slope = palloc(p->cap * sizeof(uint8));
	p->end = end;
}

/* Release a map. */
static void
pieces_free(Pieces *p)
{
	pfree(p->lo);
	pfree(p->val);
	pfree(p->slope);
}

/* Append a piece starting at lo, unless it continues the last one. */
static void
pieces_append(Work *w, Pieces *p, int64 lo, uint8 slope, int64 val)
{
	if (p->n > 0)
	{
		int			k = p->n - 1;

		if (lo <= p->lo[k])
			elog(ERROR, "pieces of a deadline map out of order");
		if (p->slope[k] == slope &&
			p->val[k] + (slope ? lo - p->lo[k] : 0) == val)
			return;
	}
	if (p->n == p->cap)
	{
		p->cap *= 2;
		p->lo = repalloc(p->lo, p->cap * sizeof(int64));
		p->val = repalloc(p->val, p->cap * sizeof(int64));
		p->slope = repalloc(p->slope, p->cap * sizeof(uint8));
	}
	p->lo[p->n] = lo;
	p->val[p->n] = val;
	p->slope[p->n] = slope;
	p->n++;
	work_spend(w, 1);
}

/* The end of piece j, no further than limit. */
static inline int64
pieces_hi(const Pieces *p, int j, int64 limit)
{
	return Min(j + 1 < p->n ? p->lo[j + 1] : p->end, limit);
}

/* The first t in [lo[0], limit) whose value is above x; limit when none. */
static int64
pieces_first_above(const Pieces *p, int64 limit, int64 x)
{
	for (int j = 0; j < p->n && p->lo[j] < limit; j++)
	{
		int64		hi = pieces_hi(p, j, limit);

		if (p->val[j] > x)
			return p->lo[j];
		if (p->slope[j] && p->val[j] + (hi - 1 - p->lo[j]) > x)
			return p->lo[j] + (x - p->val[j]) + 1;
	}
	return limit;
}

/* The least and the greatest value of p over the starts [lo[0], vend). */
static void
pieces_bounds(const Pieces *p, int64 vend, int64 *min, int64 *max)
{
	*min = PG_INT64_MAX;
	*max = PG_INT64_MIN;
	for (int j = 0; j < p->n && p->lo[j] < vend; j++)
	{
		int64		last = p->val[j];

		if (p->slope[j])
			last += pieces_hi(p, j, vend) - 1 - p->lo[j];
		*min = Min(*min, p->val[j]);
		*max = Max(*max, last);
	}
}

/* Collect cut points; the caller sorts them. */
static void
cut_add(Work *w, int64 x)
{
	if (w->ncuts == w->capcuts)
	{
		w->capcuts = Max(64, w->capcuts * 2);
		if (w->cuts == NULL)
			w->cuts = palloc(w->capcuts * sizeof(int64));
		else
			w->cuts = repalloc(w->cuts, w->capcuts * sizeof(int64));
	}
	w->cuts[w->ncuts++] = x;
}

/* Sort the cut points and drop repeats. */
static void
cuts_sort(Work *w)
{
	int			k = 0;

	if (w->ncuts > 1)
		qsort(w->cuts, w->ncuts, sizeof(int64), int64_cmp);
	for (int i = 0; i < w->ncuts; i++)
		if (k == 0 || w->cuts[i] != w->cuts[k - 1])
			w->cuts[k++] = w->cuts[i];
	w->ncuts = k;
}

/* Cut at every opening and closing of r strictly inside (x0, x1). */
static void
cut_at_runs(Work *w, const Runs *r, int64 x0, int64 x1, int64 shift)
{
	/* the first run that ends after x0 */
	for (int j = count_le(r->c, r->n, x0); j < r->n && r->o[j] < x1; j++)
	{
		if (r->o[j] > x0)
			cut_add(w, r->o[j] + shift);
		if (r->c[j] < x1)
			cut_add(w, r->c[j] + shift);
	}
}

/* ---------- stages ---------- */

/*
 * The kind of a target. Kinds this code does not know (a stored form with
 * flags it does not read) are refused rather than misread.
 */
static StageKind
target_kind(SlmTarget *t, int stage)
{
	if (t->flags == 0)
		return STAGE_DURATION;
	if (t->flags == SLM_TARGET_BUSINESS_DAYS)
		return STAGE_BUSINESS_DAYS;
	if (stage > 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("underpinning does not support this kind of target"),
				 errdetail("Stage %d of the chain is neither a business-time duration nor a number of business days (flags %d).",
						   stage, (int) t->flags)));
	ereport(ERROR,
			(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
			 errmsg("underpinning does not support this kind of target"),
			 errdetail("The SLA is neither a business-time duration nor a number of business days (flags %d).",
					   (int) t->flags)));
	return STAGE_DURATION;		/* keep compiler quiet */
}

/* floor(x / d), for d > 0. */
static inline int64
floor_div(int64 x, int64 d)
{
	int64		q = x / d;

	if (x % d != 0 && x < 0)
		q--;
	return q;
}

/* Does a clock on the business-day target t started at x have a deadline? */
static bool
bd_has_deadline(SlmClock *clk, SlmTarget *t, int64 x)
{
	TimestampTz close;

	return slm_clock_business_day_close(clk, x, (int32) t->duration, &close);
}

/*
 * The first input in [x0, x1] whose business-day clock has no deadline;
 * x1 + 1 when each has one. Those without one are the inputs from some
 * instant on: after them the calendar never opens, or the N-th business
 * date lies past the last date with open time or the year 9999.
 */
static int64
bd_first_without(SlmClock *clk, SlmTarget *t, int64 x0, int64 x1)
{
	int64		lo = x0,
				hi = x1;

	if (bd_has_deadline(clk, t, x1))
		return x1 + 1;
	while (lo < hi)
	{
		int64		mid = lo + (hi - lo) / 2;

		if (bd_has_deadline(clk, t, mid))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Cut wherever the local date of the calendar's zone changes in (x0, x1]:
 * at each local midnight, and where the offset changes.
 */
static void
cut_at_midnights(Work *w, SlmClock *clk, int64 x0, int64 x1)
{
	for (int64 x = slm_clock_next_date_change(clk, x0); x <= x1;
		 x = slm_clock_next_date_change(clk, x))
	{
		CHECK_FOR_INTERRUPTS();
		cut_add(w, x);
		work_spend(w, 1);
	}
}

/*
 * Cut where the service hours of a local date end in (x0, x1]: for N = 0,
 * an input in an open run that goes on past its own date's hours is due at
 * the end of that run instead.
 */
static void
cut_at_day_ends(Work *w, SlmClock *clk, int64 x0, int64 x1)
{
	/* a date's hours end by 48:00 local; offsets are below a day */
	int64		d0 = floor_div(x0, SLM_DAY) - 3;
	int64		d1 = floor_div(x1, SLM_DAY) + 2;

	for (int64 d = d0; d <= d1; d++)
	{
		TimestampTz e;

		CHECK_FOR_INTERRUPTS();
		if (slm_clock_day_end(clk, (int32) d, &e) && e > x0 && e <= x1)
			cut_add(w, e);
		work_spend(w, 1);
	}
}

/*
 * Prepare a business-day stage for the inputs [x0, x1] (each with a
 * deadline). Its deadline depends on the input only through the next
 * opening o and o's local date (day 0), so it stays constant except where
 * the calendar closes (o jumps to the next opening), where the local date
 * changes while the calendar is open, and, for N = 0, where day 0's hours
 * end inside a longer open run. List the deadline at x0 and at each of
 * those instants, keeping only the changes.
 */
static void
bd_prepare(Work *w, Stage *st, SlmClock *clk, int64 x0, int64 x1)
{
	Runs		r;

	w->ncuts = 0;
	runs_build(w, clk, x0, x1 + 1, &r);
	for (int j = 0; j < r.n; j++)
		if (r.c[j] > x0 && r.c[j] <= x1)
			cut_add(w, r.c[j]);
	runs_free(&r);
	cut_at_midnights(w, clk, x0, x1);
	if (st->target->duration == 0)
		cut_at_day_ends(w, clk, x0, x1);
	cuts_sort(w);

	st->nat = 0;
	st->at = palloc((w->ncuts + 1) * sizeof(int64));
	st->val = palloc((w->ncuts + 1) * sizeof(int64));
	st->fval = palloc((w->ncuts + 1) * sizeof(int64));
	for (int i = -1; i < w->ncuts; i++)
	{
		int64		x = i < 0 ? x0 : w->cuts[i];
		bool		found;
		int64		y;

		CHECK_FOR_INTERRUPTS();
		y = slm_target_deadline(clk, st->target, x, NULL, NULL, &found);
		if (!found)
			elog(ERROR, "business-day deadline missing inside its window");
		if (st->nat > 0 && st->val[st->nat - 1] == y)
			continue;
		st->at[st->nat] = x;
		st->val[st->nat] = y;
		st->fval[st->nat] = slm_clock_F(clk, y);
		st->nat++;
	}
}

/*
 * Prepare a stage for the inputs that the pieces p give to the starts in
 * [lo[0], *vend): list what it needs over the window those inputs and
 * their deadlines touch. Starts whose input has no deadline (a calendar of
 * dated hours only, whose open time runs out) are cut off: *vend moves
 * down to the first of them, and to lo[0] when none has one.
 */
static void
stage_prepare(Work *w, Stage *st, const Pieces *p, int64 *vend)
{
	SlmCalendar *cal = SLM_TARGET_CAL(st->target);
	SlmClock   *clk = slm_clock_get_flinfo(w->flinfo, cal);
	int64		x0,
				xl,
				y1;

	pieces_bounds(p, *vend, &x0, &xl);
	switch (st->kind)
	{
		case STAGE_DURATION:
			st->dur = st->target->duration;
			if (cal->nweekly == 0)
			{
				/*
				 * Dated hours only: no open time after the last dated day
				 * (spans end by 48:00 local, offsets are below a day).
				 */
				int64		tend = x0;
				int64		gmax;

				if (cal->noverride > 0)
					tend = Min(((int64) SLM_CAL_ODATE(cal)[cal->noverride - 1] + 4) * SLM_DAY,
							   END_OF_TIME);
				gmax = slm_clock_F(clk, tend);
				if (slm_clock_F(clk, x0) > gmax - st->dur)
				{
					*vend = p->lo[0];
					return;
				}
				if (slm_clock_F(clk, xl) > gmax - st->dur)
				{
					/* the last input with a deadline */
					int64		xe = slm_clock_add(clk, tend, -st->dur);

					*vend = pieces_first_above(p, *vend, xe);
					pieces_bounds(p, *vend, &x0, &xl);
				}
			}
			y1 = slm_clock_add(clk, xl, st->dur);
			runs_build(w, clk, x0, y1 + 2, &st->runs);
			break;
		case STAGE_BUSINESS_DAYS:
			{
				int64		xe = bd_first_without(clk, st->target, x0, xl);

				if (xe <= xl)
				{
					*vend = pieces_first_above(p, *vend, xe - 1);
					if (*vend == p->lo[0])
						return;
					pieces_bounds(p, *vend, &x0, &xl);
				}
				bd_prepare(w, st, clk, x0, xl);
				break;
			}
	}
}

/* The business-day stage's entry for input x: the last at[i] <= x. */
static inline int
bd_index(const Stage *st, int64 x)
{
	int			i = count_le(st->at, st->nat, x) - 1;

	if (i < 0)
		elog(ERROR, "input outside the window of a business-day stage");
	return i;
}

/* The stage's deadline for input x (prepared inputs only). */
static int64
stage_eval(const Stage *st, int64 x)
{
	switch (st->kind)
	{
		case STAGE_DURATION:
			return runs_inv_fwd(&st->runs, runs_G(&st->runs, x) + st->dur);
		case STAGE_BUSINESS_DAYS:
			return st->val[bd_index(st, x)];
	}
	elog(ERROR, "unknown kind of stage %d", (int) st->kind);
	return 0;					/* keep compiler quiet */
}

/*
 * Append to q the pieces of the stage's deadline map over the inputs
 * [x0, x1), placed at starts t = x + shift.
 */
static void
stage_pieces(Work *w, const Stage *st, int64 x0, int64 x1, int64 shift, Pieces *q)
{
	switch (st->kind)
	{
		case STAGE_DURATION:
			{
				const Runs *r = &st->runs;
				int64		y0 = stage_eval(st, x0);
				int64		y1 = stage_eval(st, x1 - 1);

				/* the input's calendar opens or closes */
				w->ncuts = 0;
				cut_at_runs(w, r, x0, x1, 0);

				/*
				 * The deadline lands on a closing instant c: the next input's
				 * deadline jumps past the closed hours. The last input with a
				 * deadline at or before c is the largest x with G(x) <=
				 * G(c) - dur.
				 */
				for (int j = count_lt(r->c, r->n, y0); j < r->n && r->c[j] <= y1; j++)
				{
					int64		x = runs_inv_bwd(r, r->cum[j + 1] - st->dur) + 1;

					if (x > x0 && x < x1)
						cut_add(w, x);
				}
				cuts_sort(w);
				pieces_append(w, q, x0 + shift, runs_open(r, x0), y0);
				for (int i = 0; i < w->ncuts; i++)
					pieces_append(w, q, w->cuts[i] + shift, runs_open(r, w->cuts[i]),
								  stage_eval(st, w->cuts[i]));
				return;
			}
		case STAGE_BUSINESS_DAYS:
			{
				/* constant between the instants listed */
				int			i = bd_index(st, x0);

				pieces_append(w, q, x0 + shift, 0, st->val[i]);
				for (i++; i < st->nat && st->at[i] < x1; i++)
					pieces_append(w, q, st->at[i] + shift, 0, st->val[i]);
				return;
			}
	}
	elog(ERROR, "unknown kind of stage %d", (int) st->kind);
}

/* Release what stage_prepare listed. */
static void
stage_free(Stage *st)
{
	switch (st->kind)
	{
		case STAGE_DURATION:
			runs_free(&st->runs);
			break;
		case STAGE_BUSINESS_DAYS:
			pfree(st->at);
			pfree(st->val);
			pfree(st->fval);
			break;
	}
}

/* q = the stage's deadline map composed with p, over the starts [lo[0], vend). */
static void
compose(Work *w, const Pieces *p, int64 vend, const Stage *st, Pieces *q)
{
	pieces_init(q, vend);
	for (int j = 0; j < p->n && p->lo[j] < vend; j++)
	{
		int64		hi = pieces_hi(p, j, vend);

		CHECK_FOR_INTERRUPTS();
		if (!p->slope[j])
			pieces_append(w, q, p->lo[j], 0, stage_eval(st, p->val[j]));
		else
			stage_pieces(w, st, p->val[j], p->val[j] + (hi - p->lo[j]),
						 p->lo[j] - p->val[j], q);
	}
}

/* ---------- the verdict ---------- */

/* Store a finished gap. */
static void
gaps_push(Verdict *v, const Gap *g)
{
	if (v->ngaps == v->capgaps)
	{
		v->capgaps = Max(16, v->capgaps * 2);
		v->gaps = v->gaps ? repalloc(v->gaps, v->capgaps * sizeof(Gap))
			: palloc(v->capgaps * sizeof(Gap));
	}
	v->gaps[v->ngaps++] = *g;
}

/*
 * The starts [lo, hi) fail, the least slack among them being worst (at
 * worst_at), or never (some has no chain deadline; worst_at the first).
 * Failing starts that follow each other make one gap.
 */
static void
verdict_fail(Verdict *v, int64 lo, int64 hi, bool never, int64 worst, int64 worst_at)
{
	v->any_fail = true;
	if (!v->want_gaps)
		return;
	if (v->in_gap && v->cur.hi == lo)
	{
		v->cur.hi = hi;
		if (v->cur.never)
			return;
		if (never || worst < v->cur.worst)
		{
			v->cur.never = never;
			v->cur.worst = worst;
			v->cur.worst_at = worst_at;
		}
		return;
	}
	if (v->in_gap)
		gaps_push(v, &v->cur);
	v->in_gap = true;
	v->cur.lo = lo;
	v->cur.hi = hi;
	v->cur.never = never;
	v->cur.worst = worst;
	v->cur.worst_at = worst_at;
}

/* Store the gap being built. */
static void
verdict_finish(Verdict *v)
{
	if (v->in_gap)
		gaps_push(v, &v->cur);
	v->in_gap = false;
}

/*
 * Judge the starts [s, e), on which the slack is s0 + m * (t - s), S is
 * open (weight 1) or closed, and a zero slack is supported (zr: dk is
 * S's deadline itself) or not (dk lies in S's closed hours after it).
 */
static void
verdict_piece(Verdict *v, int64 s, int64 e, int64 s0, int m, bool open, bool zr)
{
	int64		low = m >= 0 ? s0 : s0 - (e - 1 - s);
	int64		low_at = m >= 0 ? s : e - 1;
	int64		thr = zr ? 0 : 1;	/* supported iff slack >= thr */
	int64		fs,
				fe;

	if (!v->never && (!v->have_worst || low < v->worst))
	{
		v->have_worst = true;
		v->worst = low;
		v->worst_at = low_at;
	}
	/* the failing starts: all, a prefix or a suffix */
	if (m == 0)
	{
		fs = s0 < thr ? s : e;
		fe = e;
	}
	else if (m > 0)
	{
		fs = s;
		fe = s0 < thr ? Min(e, s + (thr - s0)) : s;
	}
	else
	{
		fs = s0 >= thr ? Min(e, s + (s0 - thr) + 1) : s;
		fe = e;
	}
	if (open)
	{
		v->total += e - s;
		v->supported += (e - s) - (fe - fs);
	}
	/* the least slack of the failing starts is the piece's */
	if (fs < fe)
		verdict_fail(v, fs, fe, false, low, low_at);
}

/* The starts [s, e) have no chain deadline; S has weight of them. */
static void
verdict_never(Verdict *v, int64 s, int64 e, int64 weight)
{
	if (!v->never)
	{
		v->never = true;
		v->worst_at = s;
	}
	v->total += weight;
	verdict_fail(v, s, e, true, 0, s);
}

/*
 * Starts that are supported whatever the chain does (S has no deadline for
 * them), weighing weight of S's business time.
 */
static void
verdict_free(Verdict *v, int64 weight)
{
	v->total += weight;
	v->supported += weight;
}

/*
 * Judge every start in [a, b) against the SLA sla, given the chain's
 * deadline map p over [a, vend) (no chain deadline from vend on).
 *
 * For a duration SLA, the slack at t is G_S(t) + dur_S - G_S(dk). For a
 * business-day SLA it is G_S(DS(t)) - G_S(dk), DS(t) being S's deadline,
 * constant between the instants its stage lists; those cut the pieces
 * too. Starts from which S has no deadline (its calendar runs out) are
 * supported and have no slack.
 */
static void
verdict_scan(Work *w, const Pieces *p, int64 a, int64 vend, int64 b,
			 SlmTarget *sla, Verdict *v)
{
	SlmClock   *clk = slm_clock_get_flinfo(w->flinfo, SLM_TARGET_CAL(sla));
	bool		bd = target_kind(sla, 0) == STAGE_BUSINESS_DAYS;
	int64		ds = sla->duration;
	int64		hi = b;
	int64		send = vend;	/* S has a deadline for the starts below */
	int64		f0;
	Stage		ss;
	Runs		rs;

	memset(&ss, 0, sizeof(ss));
	if (vend > a)
	{
		int64		dmin,
					dmax;

		pieces_bounds(p, vend, &dmin, &dmax);
		hi = Max(hi, dmax + 2);
		if (bd)
		{
			ss.kind = STAGE_BUSINESS_DAYS;
			ss.target = sla;
			send = bd_first_without(clk, sla, a, vend - 1);
			if (send > a)
				bd_prepare(w, &ss, clk, a, send - 1);
		}
	}
	runs_build(w, clk, a - 1, hi, &rs);
	f0 = slm_clock_F(clk, rs.lo);

	for (int j = 0; j < p->n && p->lo[j] < vend; j++)
	{
		int64		lo = p->lo[j];
		int64		phi = pieces_hi(p, j, vend);
		int64		mid = bd ? Max(lo, Min(phi, send)) : phi;
		int64		val = p->val[j];
		bool		sd = p->slope[j] != 0;

		CHECK_FOR_INTERRUPTS();
		if (mid > lo)
		{
			/*
			 * Cut where S opens or closes (G_S(t) changes slope), where S's
			 * business-day deadline changes and, when dk moves with t,
			 * where dk or dk - 1 meets an opening or closing of S (G_S(dk)
			 * changes slope; whether S was open just before dk changes).
			 */
			w->ncuts = 0;
			cut_at_runs(w, &rs, lo, mid, 0);
			if (sd)
			{
				cut_at_runs(w, &rs, val, val + (mid - lo), lo - val);
				cut_at_runs(w, &rs, val - 1, val + (mid - lo) - 1, lo - val + 1);
			}
			if (bd)
				for (int i = bd_index(&ss, lo) + 1; i < ss.nat && ss.at[i] < mid; i++)
					cut_add(w, ss.at[i]);
			cuts_sort(w);
			for (int i = -1; i < w->ncuts; i++)
			{
				int64		s = i < 0 ? lo : w->cuts[i];
				int64		e = i + 1 < w->ncuts ? w->cuts[i + 1] : mid;
				int64		d = val + (sd ? s - lo : 0);
				bool		open = runs_open(&rs, s);
				bool		dopen = sd && runs_open(&rs, d);
				int64		s0;
				int			m;

				if (bd)
				{
					s0 = (ss.fval[bd_index(&ss, s)] - f0) - runs_G(&rs, d);
					m = dopen ? -1 : 0;
				}
				else
				{
					s0 = runs_G(&rs, s) + ds - runs_G(&rs, d);
					m = (open ? 1 : 0) - (dopen ? 1 : 0);
				}
				verdict_piece(v, s, e, s0, m, open, runs_open(&rs, d - 1));
			}
		}
		if (mid < phi)
			verdict_free(v, runs_G(&rs, phi) - runs_G(&rs, mid));
	}
	if (vend < b)
		verdict_never(v, vend, b, runs_G(&rs, b) - runs_G(&rs, vend));
	runs_free(&rs);
	if (bd && send > a)
		stage_free(&ss);
}

/* ---------- arguments and the SQL functions ---------- */

/*
 * The range of starts as [*a, *b) on integer microseconds, with its bounds
 * as given (to echo them in gaps that reach an end). The type cache entry
 * is looked up, not kept in fn_extra: that holds the compiled calendars.
 */
static void
starts_arg(FunctionCallInfo fcinfo, int n, RangeBound *lower, RangeBound *upper,
		   int64 *a, int64 *b)
{
	RangeType  *r = PG_GETARG_RANGE_P(n);
	TypeCacheEntry *typ = lookup_type_cache(RangeTypeGetOid(r), TYPECACHE_RANGE_INFO);
	bool		empty;

	range_deserialize(typ, r, lower, upper, &empty);
	if (!empty && (lower->infinite || upper->infinite ||
				   TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(lower->val)) ||
				   TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(upper->val))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("starts must be a finite range"),
				 errdetail("Both ends of the range of starts must be finite instants."),
				 errhint("Give both ends, such as '[2026-01-01, 2027-01-01)'.")));
	if (!empty)
	{
		*a = DatumGetTimestampTz(lower->val) + (lower->inclusive ? 0 : 1);
		*b = DatumGetTimestampTz(upper->val) + (upper->inclusive ? 1 : 0);
	}
	if (empty || *a >= *b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("starts must not be empty"),
				 errdetail("The range of starts holds no instant.")));
}

/* The chain argument as targets, stage 1 first; *k of them. */
static SlmTarget **
chain_arg(FunctionCallInfo fcinfo, int n, int *k)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(n);
	int16		typlen;
	bool		typbyval;
	char		typalign;
	Datum	   *elems;
	bool	   *nulls;
	SlmTarget **chain;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("chain must be a one-dimensional array"),
				 errdetail("The chain is an array of %d dimensions.", ARR_NDIM(arr))));
	get_typlenbyvalalign(ARR_ELEMTYPE(arr), &typlen, &typbyval, &typalign);
	deconstruct_array(arr, ARR_ELEMTYPE(arr), typlen, typbyval, typalign,
					  &elems, &nulls, k);
	chain = palloc((*k + 1) * sizeof(SlmTarget *));
	for (int i = 0; i < *k; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("chain must not contain null targets"),
					 errdetail("Stage %d of the chain is null.", i + 1)));
		chain[i] = DatumGetSlmTargetP(elems[i]);
		(void) target_kind(chain[i], i + 1);
	}
	return chain;
}

/*
 * The verdict of sla against chain for every start in [a, b): compose the
 * chain's deadline maps stage by stage, then judge the slack.
 */
static void
underpinning_compute(FunctionCallInfo fcinfo, SlmTarget *sla, SlmTarget **chain, int k,
					 int64 a, int64 b, Verdict *v)
{
	Work		w;
	Pieces		p;
	int64		vend = b;

	memset(&w, 0, sizeof(w));
	w.flinfo = fcinfo->flinfo;
	(void) target_kind(sla, 0);

	/* stage 0: the identity, d0 = t */
	pieces_init(&p, b);
	pieces_append(&w, &p, a, 1, a);
	for (int i = 0; i < k && vend > a; i++)
	{
		Stage		st;
		Pieces		q;

		st.kind = target_kind(chain[i], i + 1);
		st.target = chain[i];
		stage_prepare(&w, &st, &p, &vend);
		if (vend == a)
			break;
		compose(&w, &p, vend, &st, &q);
		stage_free(&st);
		pieces_free(&p);
		p = q;
	}
	verdict_scan(&w, &p, a, vend, b, sla, v);
	verdict_finish(v);
}

PG_FUNCTION_INFO_V1(slm_underpinning);
/* slm.underpinning(sla, chain, starts): does the chain support the SLA? */
Datum
slm_underpinning(PG_FUNCTION_ARGS)
{
	SlmTarget  *sla = PG_GETARG_SLM_TARGET_P(0);
	TupleDesc	tupdesc;
	RangeBound	lower,
				upper;
	int64		a,
				b;
	SlmTarget **chain;
	int			k;
	Verdict		v;
	MemoryContext cxt,
				old;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};

	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type of slm.underpinning must be a row type");
	tupdesc = BlessTupleDesc(tupdesc);
	starts_arg(fcinfo, 2, &lower, &upper, &a, &b);
	chain = chain_arg(fcinfo, 1, &k);

	memset(&v, 0, sizeof(v));
	cxt = AllocSetContextCreate(CurrentMemoryContext, "slm underpinning",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	underpinning_compute(fcinfo, sla, chain, k, a, b, &v);
	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);

	values[0] = BoolGetDatum(!v.any_fail);
	if (v.never || !v.have_worst)
		nulls[1] = true;
	else
		values[1] = IntervalPGetDatum(slm_us_to_interval(v.worst));
	/* no start has a slack when S never runs out over the range */
	if (!v.never && !v.have_worst)
		nulls[2] = true;
	else
		values[2] = TimestampTzGetDatum(v.worst_at);
	if (v.total == 0)
		nulls[3] = true;
	else
		values[3] = Float8GetDatum((double) v.supported / (double) v.total);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/* A range of starts from its bounds (make_range gained an argument in 16). */
static RangeType *
gap_range(TypeCacheEntry *rtyp, RangeBound *lower, RangeBound *upper)
{
#if PG_VERSION_NUM >= 160000
	return make_range(rtyp, lower, upper, false, NULL);
#else
	return make_range(rtyp, lower, upper, false);
#endif
}

PG_FUNCTION_INFO_V1(slm_underpinning_gaps);
/* slm.underpinning_gaps(sla, chain, starts): the starts the chain fails. */
Datum
slm_underpinning_gaps(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	SlmTarget  *sla = PG_GETARG_SLM_TARGET_P(0);
	TupleDesc	tupdesc;
	Tuplestorestate *tupstore;
	RangeBound	lower,
				upper;
	int64		a,
				b;
	SlmTarget **chain;
	int			k;
	Verdict		v;
	MemoryContext cxt,
				old;
	TypeCacheEntry *rtyp;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type of slm.underpinning_gaps must be a row type");
	starts_arg(fcinfo, 2, &lower, &upper, &a, &b);
	rtyp = lookup_type_cache(RangeTypeGetOid(PG_GETARG_RANGE_P(2)), TYPECACHE_RANGE_INFO);
	chain = chain_arg(fcinfo, 1, &k);

	old = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	tupdesc = CreateTupleDescCopy(tupdesc);
	tupstore = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
									 false, work_mem);
	MemoryContextSwitchTo(old);

	memset(&v, 0, sizeof(v));
	v.want_gaps = true;
	cxt = AllocSetContextCreate(CurrentMemoryContext, "slm underpinning",
								ALLOCSET_DEFAULT_SIZES);
	old = MemoryContextSwitchTo(cxt);
	underpinning_compute(fcinfo, sla, chain, k, a, b, &v);
	for (int i = 0; i < v.ngaps; i++)
	{
		Gap		   *g = &v.gaps[i];
		RangeBound	glo,
					ghi;
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		/* a gap that reaches an end of the range keeps that end's bound */
		if (g->lo == a)
			glo = lower;
		else
		{
			glo.val = TimestampTzGetDatum(g->lo);
			glo.infinite = false;
			glo.inclusive = true;
			glo.lower = true;
		}
		if (g->hi == b)
			ghi = upper;
		else
		{
			ghi.val = TimestampTzGetDatum(g->hi);
			ghi.infinite = false;
			ghi.inclusive = false;
			ghi.lower = false;
		}
		values[0] = RangeTypePGetDatum(gap_range(rtyp, &glo, &ghi));
		if (g->never)
			nulls[1] = true;
		else
			values[1] = IntervalPGetDatum(slm_us_to_interval(g->worst));
		values[2] = TimestampTzGetDatum(g->worst_at);
		tuplestore_putvalues(tupstore, tupdesc, values, nulls);
	}
	MemoryContextSwitchTo(old);
	MemoryContextDelete(cxt);

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tupstore;
	rsinfo->setDesc = tupdesc;
	return (Datum) 0;
}
