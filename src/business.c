/*-------------------------------------------------------------------------
 *
 * business.c
 *	  SQL functions of business time over a calendar: business_time,
 *	  business_add, is_open, next_open, next_close, open_periods,
 *	  business_days and business_days_add. Each is a thin layer over the
 *	  clock engine (clock.c), which it fetches from the call site's cache.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"

#include "slm.h"

/* Refuse infinite timestamps with a message naming the argument. */
void
slm_check_finite(TimestampTz t, const char *what)
{
	if (TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be finite, not %s", what,
						TIMESTAMP_IS_NOBEGIN(t) ? "-infinity" : "infinity")));
}

/* An interval as microseconds, a day counting 24 hours; months refused. */
int64
slm_interval_to_us(Interval *iv, const char *what)
{
	int64		us;

#if PG_VERSION_NUM >= 170000
	if (INTERVAL_NOT_FINITE(iv))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be finite", what)));
#endif
	if (iv->month != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must not have a month or year part", what),
				 errdetail("A month has no fixed length in business time."),
				 errhint("Use days (24 business hours each) or hours.")));
	if (pg_mul_s64_overflow((int64) iv->day, SLM_DAY, &us) ||
		pg_add_s64_overflow(us, iv->time, &us))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s out of range", what)));
	return us;
}

/* Microseconds as an interval of hours, minutes and seconds only. */
Interval *
slm_us_to_interval(int64 us)
{
	Interval   *iv = palloc(sizeof(Interval));

	iv->time = us;
	iv->day = 0;
	iv->month = 0;
	return iv;
}

/*
 * The bounds of a non-empty tstzrange (typ is its type cache entry, or NULL
 * to look it up); false when the range is empty. Both must be finite, and
 * a range can fail that twice over: a side can be unbounded, refused as
 * "<role->range> must have finite bounds", or bounded by an infinite
 * timestamp, refused by slm_check_finite under role->lower or role->upper.
 */
bool
slm_range_finite_bounds(TypeCacheEntry *typ, RangeType *r,
						const SlmRangeRole *role,
						TimestampTz *lower, TimestampTz *upper)
{
	RangeBound	lo,
				hi;
	bool		empty;

	if (typ == NULL)
		typ = lookup_type_cache(RangeTypeGetOid(r), TYPECACHE_RANGE_INFO);
	range_deserialize(typ, r, &lo, &hi, &empty);
	if (empty)
		return false;
	if (lo.infinite || hi.infinite)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s must have finite bounds", role->range),
				 role->detail ? errdetail_internal("%s", role->detail) : 0));
	*lower = DatumGetTimestampTz(lo.val);
	*upper = DatumGetTimestampTz(hi.val);
	slm_check_finite(*lower, role->lower);
	slm_check_finite(*upper, role->upper);
	return true;
}

/* How the range arguments of the business-time functions are named. */
static const SlmRangeRole range_role = {"range", NULL, "lower bound", "upper bound"};

/* The finite bounds of a non-empty tstzrange argument. */
static bool
range_finite_bounds(RangeType *r, TimestampTz *a, TimestampTz *b)
{
	return slm_range_finite_bounds(NULL, r, &range_role, a, b);
}

PG_FUNCTION_INFO_V1(slm_business_time);
/* slm.business_time(cal, from, to): signed business time. */
Datum
slm_business_time(PG_FUNCTION_ARGS)
{
	SlmClock   *c = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0));
	TimestampTz a = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz b = PG_GETARG_TIMESTAMPTZ(2);

	slm_check_finite(a, "start");
	slm_check_finite(b, "end");
	PG_RETURN_INTERVAL_P(slm_us_to_interval(slm_clock_between(c, a, b)));
}

PG_FUNCTION_INFO_V1(slm_business_time_range);
/* slm.business_time(cal, tstzrange). */
Datum
slm_business_time_range(PG_FUNCTION_ARGS)
{
	SlmClock   *c = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0));
	RangeType  *r = PG_GETARG_RANGE_P(1);
	TimestampTz a,
				b;

	if (!range_finite_bounds(r, &a, &b))
		PG_RETURN_INTERVAL_P(slm_us_to_interval(0));
	PG_RETURN_INTERVAL_P(slm_us_to_interval(slm_clock_between(c, a, b)));
}

/* Total business time of a multirange's ranges. */
static int64
multirange_business(SlmClock *c, MultirangeType *mr)
{
	TypeCacheEntry *mtyp;
	int64		sum = 0;

	if (MultirangeIsEmpty(mr))
		return 0;
	mtyp = lookup_type_cache(MultirangeTypeGetOid(mr), TYPECACHE_MULTIRANGE_INFO);
	for (int i = 0; i < mr->rangeCount; i++)
	{
		RangeBound	lo,
					hi;

		multirange_get_bounds(mtyp->rngtype, mr, i, &lo, &hi);
		if (lo.infinite || hi.infinite ||
			TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(lo.val)) ||
			TIMESTAMP_NOT_FINITE(DatumGetTimestampTz(hi.val)))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("multirange must have finite bounds")));
		sum += slm_clock_between(c, DatumGetTimestampTz(lo.val),
								 DatumGetTimestampTz(hi.val));
	}
	return sum;
}

PG_FUNCTION_INFO_V1(slm_business_time_multirange);
/* slm.business_time(cal, tstzmultirange): the sum over its ranges. */
Datum
slm_business_time_multirange(PG_FUNCTION_ARGS)
{
	SlmClock   *c = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0));
	MultirangeType *mr = PG_GETARG_MULTIRANGE_P(1);

	PG_RETURN_INTERVAL_P(slm_us_to_interval(multirange_business(c, mr)));
}

PG_FUNCTION_INFO_V1(slm_business_add);
/* slm.business_add(cal, t, d [, paused]). */
Datum
slm_business_add(PG_FUNCTION_ARGS)
{
	SlmClock   *c;
	TimestampTz t;
	int64		d;
	TimestampTz u;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	c = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0));
	t = PG_GETARG_TIMESTAMPTZ(1);
	d = slm_interval_to_us(PG_GETARG_INTERVAL_P(2), "business time to add");
	slm_check_finite(t, "start");
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
	{
		MultirangeType *mr = PG_GETARG_MULTIRANGE_P(3);
		TypeCacheEntry *mtyp = lookup_type_cache(MultirangeTypeGetOid(mr),
												 TYPECACHE_MULTIRANGE_INFO);
		bool		found;

		u = slm_clock_add_paused(c, t, d, mr, mtyp->rngtype, &found);
		if (!found)
			PG_RETURN_NULL();
	}
	else
		u = slm_clock_add(c, t, d);
	PG_RETURN_TIMESTAMPTZ(u);
}

PG_FUNCTION_INFO_V1(slm_is_open);
/* slm.is_open(cal, t). */
Datum
slm_is_open(PG_FUNCTION_ARGS)
{
	SlmClock   *c = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0));
	TimestampTz t = PG_GETARG_TIMESTAMPTZ(1);

	slm_check_finite(t, "instant");
	PG_RETURN_BOOL(slm_clock_is_open(c, t));
}

PG_FUNCTION_INFO_V1(slm_next_open);
/* slm.next_open(cal, t): t when open, else the next opening; NULL if none. */
Datum
slm_next_open(PG_FUNCTION_ARGS)
{
	SlmClock   *c = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0));
	TimestampTz t = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz u;
	bool		found;

	slm_check_finite(t, "instant");
	u = slm_clock_next_open(c, t, &found);
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(u);
}

PG_FUNCTION_INFO_V1(slm_next_close);
/* slm.next_close(cal, t): the next open-to-closed instant; NULL if none. */
Datum
slm_next_close(PG_FUNCTION_ARGS)
{
	SlmClock   *c = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0));
	TimestampTz t = PG_GETARG_TIMESTAMPTZ(1);
	TimestampTz u;
	bool		found;

	slm_check_finite(t, "instant");
	u = slm_clock_next_close(c, t, &found);
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(u);
}

#define SLM_MAX_PERIODS 1000000

PG_FUNCTION_INFO_V1(slm_open_periods);
/* slm.open_periods(cal, range): the open time inside a range. */
Datum
slm_open_periods(PG_FUNCTION_ARGS)
{
	SlmClock   *c = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0));
	RangeType  *r = PG_GETARG_RANGE_P(1);
	TypeCacheEntry *rtyp = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	TimestampTz a,
				b,
				cur;
	RangeType **out;
	int			n = 0,
				cap = 16;

	out = palloc(cap * sizeof(RangeType *));
	if (range_finite_bounds(r, &a, &b))
	{
		cur = a;
		while (cur < b)
		{
			bool		found;
			TimestampTz o = slm_clock_next_open(c, cur, &found);
			TimestampTz e;
			RangeBound	lo,
						hi;

			if (!found || o >= b)
				break;
			e = slm_clock_next_close(c, o, &found);
			if (!found || e > b)
				e = b;
			if (n >= SLM_MAX_PERIODS)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("too many open periods in range"),
						 errdetail("At most %d periods are returned.", SLM_MAX_PERIODS),
						 errhint("Query a shorter range.")));
			if (n >= cap)
			{
				cap *= 2;
				out = repalloc(out, cap * sizeof(RangeType *));
			}
			lo.val = TimestampTzGetDatum(o);
			lo.infinite = false;
			lo.inclusive = true;
			lo.lower = true;
			hi.val = TimestampTzGetDatum(e);
			hi.infinite = false;
			hi.inclusive = false;
			hi.lower = false;
#if PG_VERSION_NUM >= 160000
			out[n++] = make_range(rtyp, &lo, &hi, false, NULL);
#else
			out[n++] = make_range(rtyp, &lo, &hi, false);
#endif
			cur = e;
		}
	}
	PG_RETURN_MULTIRANGE_P(make_multirange(TSTZMULTIRANGEOID, rtyp, n, out));
}

/* Refuse infinite dates. */
static void
check_date(DateADT d, const char *what)
{
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s must be finite", what)));
}

PG_FUNCTION_INFO_V1(slm_business_days);
/* slm.business_days(cal, from, to): dates in [from, to) with open time. */
Datum
slm_business_days(PG_FUNCTION_ARGS)
{
	SlmClock   *c = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0));
	DateADT		d1 = PG_GETARG_DATEADT(1);
	DateADT		d2 = PG_GETARG_DATEADT(2);
	int64		n;

	check_date(d1, "start date");
	check_date(d2, "end date");
	n = slm_clock_business_days(c, d1, d2);
	if (n > PG_INT32_MAX || n < PG_INT32_MIN)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("integer out of range")));
	PG_RETURN_INT32((int32) n);
}

PG_FUNCTION_INFO_V1(slm_business_days_add);
/* slm.business_days_add(cal, date, n): the n-th business date after date. */
Datum
slm_business_days_add(PG_FUNCTION_ARGS)
{
	SlmClock   *c = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0));
	DateADT		d = PG_GETARG_DATEADT(1);
	int32		n = PG_GETARG_INT32(2);

	check_date(d, "date");
	PG_RETURN_DATEADT(slm_clock_business_days_add(c, d, n));
}
