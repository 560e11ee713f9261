/*-------------------------------------------------------------------------
 *
 * olaclock.c
 *	  Clocks that run over held time: the time a ticket spent with one
 *	  support group, over however many separate stints, given as a
 *	  tstzmultirange. slm.held_deadline, slm.held_elapsed, slm.held_status
 *	  and slm.held_compliance_agg.
 *
 * A clock over held time is, by definition, the clock that starts at the
 * lower bound of held, stops at its upper bound (when it has stopped) and
 * is paused in the gaps between its ranges. Each function here builds that
 * start, stop and gaps multirange and calls the start/stop/paused form
 * (slm.deadline, slm.elapsed, slm.status, the transition of
 * slm.compliance_agg) with them, so the breach rule is the one every other
 * clock follows, and each form equals its start/stop/paused form.
 *
 * An empty or NULL held is no clock: NULL, or a row the aggregate skips.
 * A held without a lower bound, or without an upper bound where the clock
 * has stopped, has no start or stop: an error (22023) for the functions,
 * an invalid row for the aggregate (its start or stop is infinite). A
 * clock that has not stopped runs on after its last range; an open last
 * range ([x,)) says the same and is accepted there.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/multirangetypes.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

#include "slm.h"
#include "slm_compat.h"

/* The start/stop/paused forms this file reduces to. */
extern PGDLLEXPORT Datum slm_deadline(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_elapsed(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_status(PG_FUNCTION_ARGS);
extern PGDLLEXPORT Datum slm_compliance_agg_trans_at(PG_FUNCTION_ARGS);

#define MAX_CALL_ARGS 6

/* A clock over held time, as start, stop and the gaps between the ranges. */
typedef struct HeldClock
{
	TimestampTz start;			/* DT_NOBEGIN when unbounded below */
	TimestampTz stop;			/* DT_NOEND when unbounded above */
	bool		lower_inf;
	bool		upper_inf;
	MultirangeType *gaps;		/* NULL when held is one range */
} HeldClock;

/*
 * Split held into start, stop and the gaps between its ranges. Returns
 * false for an empty held. A gap's bounds are the complements of its
 * neighbours' bounds, so held and its gaps together are exactly the range
 * from held's lower to its upper bound.
 */
static bool
held_split(MultirangeType *held, HeldClock *hc)
{
	TypeCacheEntry *mltrngtyp;
	TypeCacheEntry *rngtyp;
	int32		n;
	RangeType **ranges;
	RangeBound	lower,
				upper;
	bool		empty;

	if (MultirangeIsEmpty(held))
		return false;
	mltrngtyp = lookup_type_cache(MultirangeTypeGetOid(held), TYPECACHE_MULTIRANGE_INFO);
	rngtyp = mltrngtyp->rngtype;
	multirange_deserialize(rngtyp, held, &n, &ranges);

	range_deserialize(rngtyp, ranges[0], &lower, &upper, &empty);
	hc->lower_inf = lower.infinite;
	hc->start = lower.infinite ? DT_NOBEGIN : DatumGetTimestampTz(lower.val);
	range_deserialize(rngtyp, ranges[n - 1], &lower, &upper, &empty);
	hc->upper_inf = upper.infinite;
	hc->stop = upper.infinite ? DT_NOEND : DatumGetTimestampTz(upper.val);

	hc->gaps = NULL;
	if (n > 1)
	{
		RangeType **gaps = palloc((n - 1) * sizeof(RangeType *));

		for (int i = 0; i < n - 1; i++)
		{
			RangeBound l1,
						u1,
						l2,
						u2,
						glo,
						ghi;

			range_deserialize(rngtyp, ranges[i], &l1, &u1, &empty);
			range_deserialize(rngtyp, ranges[i + 1], &l2, &u2, &empty);
			glo = u1;
			glo.inclusive = !u1.inclusive;
			glo.lower = true;
			ghi = l2;
			ghi.inclusive = !l2.inclusive;
			ghi.lower = false;
			gaps[i] = slm_make_range(rngtyp, &glo, &ghi);
		}
		hc->gaps = make_multirange(MultirangeTypeGetOid(held), rngtyp, n - 1, gaps);
	}
	return true;
}

/*
 * Refuse a held that has no start, or no stop where one is needed (why
 * says why, as an errdetail).
 */
static void
held_check_bounded(const char *fn, HeldClock *hc, bool need_stop, const char *why)
{
	if (hc->lower_inf)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: held time has no lower bound", fn),
				 errdetail("A clock over held time starts at the lower bound of its first range.")));
	if (need_stop && hc->upper_inf)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s: held time has no upper bound", fn),
				 errdetail("%s", why),
				 errhint("Only a clock that has not stopped may end in an open range.")));
}

/*
 * Call a start/stop/paused form with the caller's call site (its cached
 * calendars) and aggregate context; *isnull gets the result's nullness.
 */
static Datum
call_form(PGFunction fn, FunctionCallInfo outer, int nargs, Datum *args,
		  bool *nulls, bool *isnull)
{
	LOCAL_FCINFO(fc, MAX_CALL_ARGS);
	Datum		result;

	Assert(nargs <= MAX_CALL_ARGS);
	InitFunctionCallInfoData(*fc, outer->flinfo, nargs, outer->fncollation,
							 outer->context, NULL);
	for (int i = 0; i < nargs; i++)
	{
		fc->args[i].value = args[i];
		fc->args[i].isnull = nulls[i];
	}
	result = fn(fc);
	*isnull = fc->isnull;
	return result;
}

/* The gaps as an argument: a multirange, or NULL (no pause). */
static void
gaps_arg(HeldClock *hc, Datum *value, bool *isnull)
{
	*value = hc->gaps ? MultirangeTypePGetDatum(hc->gaps) : (Datum) 0;
	*isnull = hc->gaps == NULL;
}

PG_FUNCTION_INFO_V1(slm_held_deadline);
/* slm.held_deadline(target, held): slm.deadline(target, lower(held), gaps). */
Datum
slm_held_deadline(PG_FUNCTION_ARGS)
{
	HeldClock	hc;
	Datum		args[3];
	bool		nulls[3] = {false, false, false};
	Datum		result;
	bool		isnull;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) ||
		!held_split(PG_GETARG_MULTIRANGE_P(1), &hc))
		PG_RETURN_NULL();
	held_check_bounded("slm.held_deadline", &hc, false, NULL);
	args[0] = PG_GETARG_DATUM(0);
	args[1] = TimestampTzGetDatum(hc.start);
	gaps_arg(&hc, &args[2], &nulls[2]);
	result = call_form(slm_deadline, fcinfo, 3, args, nulls, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

PG_FUNCTION_INFO_V1(slm_held_elapsed);
/*
 * slm.held_elapsed(target, held): slm.elapsed(target, lower(held),
 * upper(held), gaps), the business time inside held.
 */
Datum
slm_held_elapsed(PG_FUNCTION_ARGS)
{
	HeldClock	hc;
	Datum		args[4];
	bool		nulls[4] = {false, false, false, false};
	Datum		result;
	bool		isnull;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) ||
		!held_split(PG_GETARG_MULTIRANGE_P(1), &hc))
		PG_RETURN_NULL();
	held_check_bounded("slm.held_elapsed", &hc, true,
					   "Elapsed time is measured to the upper bound of the last range.");
	args[0] = PG_GETARG_DATUM(0);
	args[1] = TimestampTzGetDatum(hc.start);
	args[2] = TimestampTzGetDatum(hc.stop);
	gaps_arg(&hc, &args[3], &nulls[3]);
	result = call_form(slm_elapsed, fcinfo, 4, args, nulls, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

PG_FUNCTION_INFO_V1(slm_held_status);
/*
 * slm.held_status(target, held, stopped, at): slm.status(target,
 * lower(held), upper(held) when stopped else NULL, at, gaps).
 */
Datum
slm_held_status(PG_FUNCTION_ARGS)
{
	HeldClock	hc;
	bool		stopped;
	Datum		args[5];
	bool		nulls[5] = {false, false, false, false, false};
	Datum		result;
	bool		isnull;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) ||
		!held_split(PG_GETARG_MULTIRANGE_P(1), &hc))
		PG_RETURN_NULL();
	stopped = PG_GETARG_BOOL(2);
	held_check_bounded("slm.held_status", &hc, stopped,
					   "A stopped clock over held time stops at the upper bound of its last range.");
	args[0] = PG_GETARG_DATUM(0);
	args[1] = TimestampTzGetDatum(hc.start);
	args[2] = TimestampTzGetDatum(hc.stop);
	nulls[2] = !stopped;
	args[3] = PG_ARGISNULL(3) ? (Datum) 0 : PG_GETARG_DATUM(3);
	nulls[3] = PG_ARGISNULL(3);
	gaps_arg(&hc, &args[4], &nulls[4]);
	result = call_form(slm_status, fcinfo, 5, args, nulls, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}

PG_FUNCTION_INFO_V1(slm_held_compliance_agg_trans);
/*
 * Transition of slm.held_compliance_agg(target, held, stopped [, at]): the
 * transition of slm.compliance_agg(target, lower(held), upper(held) when
 * stopped else NULL, at, gaps). A NULL target, held or stopped, or an
 * empty held, is skipped, as a NULL start is. An unbounded start or stop
 * is passed on as -infinity or infinity, which the aggregate counts as
 * invalid.
 */
Datum
slm_held_compliance_agg_trans(PG_FUNCTION_ARGS)
{
	HeldClock	hc;
	bool		stopped;
	bool		has_at = PG_NARGS() > 4 && !PG_ARGISNULL(4);
	Datum		args[6];
	bool		nulls[6] = {false, false, false, false, false, false};
	Datum		result;
	bool		isnull;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) ||
		!held_split(PG_GETARG_MULTIRANGE_P(2), &hc))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	stopped = PG_GETARG_BOOL(3);
	args[0] = PG_ARGISNULL(0) ? (Datum) 0 : PG_GETARG_DATUM(0);
	nulls[0] = PG_ARGISNULL(0);
	args[1] = PG_GETARG_DATUM(1);
	args[2] = TimestampTzGetDatum(hc.start);
	args[3] = TimestampTzGetDatum(hc.stop);
	nulls[3] = !stopped;
	args[4] = has_at ? PG_GETARG_DATUM(4) : (Datum) 0;
	nulls[4] = !has_at;
	gaps_arg(&hc, &args[5], &nulls[5]);
	result = call_form(slm_compliance_agg_trans_at, fcinfo, 6, args, nulls, &isnull);
	if (isnull)
		PG_RETURN_NULL();
	PG_RETURN_DATUM(result);
}
