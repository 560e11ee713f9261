/*-------------------------------------------------------------------------
 *
 * slm.h
 *	  Declarations shared by the modules of slm: the business calendar's
 *	  stored form, the compiled clock engine, and small helpers.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SLM_H
#define SLM_H

#include "fmgr.h"
#include "pgtime.h"
#include "datatype/timestamp.h"
#include "utils/multirangetypes.h"
#include "utils/rangetypes.h"
#include "utils/typcache.h"

#include "slm_compat.h"

/* Microseconds in a second, a day and a week. */
#define SLM_SEC		INT64CONST(1000000)
#define SLM_DAY		(INT64CONST(86400) * SLM_SEC)
#define SLM_WEEK	(7 * SLM_DAY)

/* ----------
 * slm.calendar, stored form (version 1)
 *
 * A varlena holding the canonical calendar: per-weekday span lists, per-date
 * override span lists (sorted by date, one entry per local date), and the
 * zone name. Spans are [start, end) in seconds from the local midnight of the
 * date they belong to; 0 <= start < 86400, start < end <= 172800. Spans of one
 * day are sorted and disjoint (merged on input).
 *
 *	header | SlmSpan weekly[nweekly] | int32 wday_off[8]
 *		   | int32 odate[noverride] | int32 ooff[noverride + 1]
 *		   | SlmSpan ospan[nospan] | char tz[]  (NUL-terminated)
 *
 * wday_off[d] .. wday_off[d+1] index the weekly spans of ISO weekday d
 * (0 = Monday); ooff likewise indexes the override spans of each date.
 * ----------
 */
#define SLM_CALENDAR_VERSION 1

typedef struct SlmSpan
{
	int32		start;			/* seconds after local midnight */
	int32		end;			/* exclusive; may exceed 86400 */
} SlmSpan;

typedef struct SlmCalendar
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SLM_CALENDAR_VERSION */
	uint8		flags;			/* reserved, zero */
	uint16		reserved;		/* reserved, zero */
	int32		nweekly;		/* weekly spans */
	int32		noverride;		/* dates with overriding hours */
	int32		nospan;			/* override spans in all */
	/* variable-length data follows */
} SlmCalendar;

#define SLM_CAL_WEEKLY(c)	((SlmSpan *) ((char *) (c) + sizeof(SlmCalendar)))
#define SLM_CAL_WDAYOFF(c)	((int32 *) (SLM_CAL_WEEKLY(c) + (c)->nweekly))
#define SLM_CAL_ODATE(c)	(SLM_CAL_WDAYOFF(c) + 8)
#define SLM_CAL_OOFF(c)		(SLM_CAL_ODATE(c) + (c)->noverride)
#define SLM_CAL_OSPAN(c)	((SlmSpan *) (SLM_CAL_OOFF(c) + (c)->noverride + 1))
#define SLM_CAL_TZ(c)		((char *) (SLM_CAL_OSPAN(c) + (c)->nospan))

/* Limits, enforced on input and documented in README. */
#define SLM_MAX_WEEKLY_SPANS	1000
#define SLM_MAX_OVERRIDE_DATES	100000
#define SLM_MAX_OVERRIDE_SPANS	200000
#define SLM_MAX_TZ_LEN			63

#define DatumGetSlmCalendarP(X)		((SlmCalendar *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SLM_CALENDAR_P(n) DatumGetSlmCalendarP(PG_GETARG_DATUM(n))
#define PG_RETURN_SLM_CALENDAR_P(x) PG_RETURN_POINTER(x)

/* calendar.c; a calendar inside another literal is read with its scan */
struct SlmScan;
extern SlmCalendar *slm_calendar_parse(const char *str, struct Node *escontext);
extern SlmCalendar *slm_calendar_scan(struct SlmScan *sc);
extern char *slm_calendar_to_cstring(const SlmCalendar *cal);
extern SlmCalendar *slm_calendar_default(void);
extern int	slm_bytes_cmp(const struct varlena *a, const struct varlena *b);

/* ----------
 * The clock engine (clock.c)
 *
 * A calendar compiled for fast answers. Business time is exposed as a
 * cumulative function F(t): the business microseconds in [origin, t) (signed).
 * Every question reduces to F and its inverses, so business_time(a, b) =
 * F(b) - F(a) holds exactly and additivity is by construction.
 * ----------
 */
typedef struct SlmClock SlmClock;

/*
 * Compile, or fetch from the call site's (fn_extra) or the backend's cache.
 * The clock stays valid until the calling function returns, provided it
 * fetches no more than one other clock meanwhile; it must not be kept
 * beyond that (the cache frees clocks to stay within
 * slm.calendar_cache_size).
 */
extern SlmClock *slm_clock_get(FunctionCallInfo fcinfo, SlmCalendar *cal);
extern SlmClock *slm_clock_get_flinfo(FmgrInfo *flinfo, SlmCalendar *cal);
extern void slm_clock_init(void);

extern int64 slm_clock_F(SlmClock *clk, TimestampTz t);
extern int64 slm_clock_between(SlmClock *clk, TimestampTz a, TimestampTz b);
extern TimestampTz slm_clock_add(SlmClock *clk, TimestampTz t, int64 d);
extern TimestampTz slm_clock_add_paused(SlmClock *clk, TimestampTz t, int64 d,
										 MultirangeType *paused, TypeCacheEntry *rtyp,
										 bool *found);
extern int64 slm_clock_between_paused(SlmClock *clk, TimestampTz a, TimestampTz b,
									  MultirangeType *paused, TypeCacheEntry *rtyp);
extern bool slm_clock_in_range(TimestampTz t);
extern bool slm_clock_is_open(SlmClock *clk, TimestampTz t);
extern TimestampTz slm_clock_next_open(SlmClock *clk, TimestampTz t, bool *found);
extern TimestampTz slm_clock_next_close(SlmClock *clk, TimestampTz t, bool *found);
extern int64 slm_clock_business_days(SlmClock *clk, int32 d1, int32 d2);
extern int32 slm_clock_business_days_add(SlmClock *clk, int32 d, int32 n);
extern int32 slm_clock_local_date(SlmClock *clk, TimestampTz t);
extern TimestampTz slm_clock_next_date_change(SlmClock *clk, TimestampTz t);
extern bool slm_clock_day_end(SlmClock *clk, int32 d, TimestampTz *end);
extern bool slm_clock_business_day_close(SlmClock *clk, TimestampTz t, int32 n,
										 TimestampTz *close);

/* Helpers shared by modules. */
extern void slm_check_finite(TimestampTz t, const char *what);

/* How a tstzrange is named in the errors of slm_range_finite_bounds. */
typedef struct SlmRangeRole
{
	const char *range;			/* "range", "period" */
	const char *detail;			/* why the bounds must be finite, or NULL */
	const char *lower;			/* "lower bound", "period start" */
	const char *upper;			/* "upper bound", "period end" */
} SlmRangeRole;

extern bool slm_range_finite_bounds(TypeCacheEntry *typ, RangeType *r,
									const SlmRangeRole *role,
									TimestampTz *lower, TimestampTz *upper);
extern int64 slm_interval_to_us(Interval *iv, const char *what);
extern Interval *slm_us_to_interval(int64 us);

/* ----------
 * Summaries as aggregate states (aggstate.c)
 *
 * A summary type as the state of its aggregates: the support functions
 * read, change, merge and return it through these, so that every
 * aggregate follows one rule for changing its state in place or copying
 * it, and one for NULL in combine functions (see aggstate.c).
 * ----------
 */
typedef struct SlmAggType
{
	/*
	 * The summary in a datum, in the current version and in the form a
	 * state is changed in: the datum's own memory when it is in that form
	 * already, else a copy in the current memory context.
	 */
	void	   *(*read) (Datum value);
	/* A new state: a copy of from, or the summary of no rows if NULL. */
	void	   *(*make) (const void *from);
	/* Merge summary b into state a; returns a, or a larger copy of it. */
	void	   *(*merge) (void *a, const void *b);
	/* The form of a state returned outside an aggregate; NULL: as it is. */
	void	   *(*outside) (void *state);
} SlmAggType;

extern void *slm_agg_state(FunctionCallInfo fcinfo, int argno,
						   const SlmAggType *type);
extern Datum slm_agg_result(FunctionCallInfo fcinfo, void *state,
							const SlmAggType *type);
extern Datum slm_agg_unchanged(FunctionCallInfo fcinfo, const SlmAggType *type);
extern Datum slm_agg_combine(FunctionCallInfo fcinfo, const SlmAggType *type);

/*
 * Support functions of the aggregates, named <aggregate>_trans, _combine
 * and _final after the SQL functions, which legacy.c also calls under the
 * names slm 0.1.0's SQL used.
 */
extern PGDLLEXPORT Datum slm_compliance_agg_trans(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_compliance_agg_trans_at(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_compliance_agg_trans_met(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_compliance_agg_combine(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_kano_agg_combine(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_csat_agg_combine(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_nps_agg_combine(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_outage_agg_trans(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_outage_agg_combine(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_outage_agg_final(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_availability_agg_trans(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_availability_agg_combine(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_availability_agg_final(PG_FUNCTION_ARGS);

#endif							/* SLM_H */
