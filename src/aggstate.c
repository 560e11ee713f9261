/*-------------------------------------------------------------------------
 *
 * aggstate.c
 *	  The one way slm's summary aggregates treat their state: when a
 *	  transition or combine function may change it in place, when it must
 *	  copy it, and what a combine function does with NULL.
 *
 * A summary type describes itself to these functions with an SlmAggType:
 * how a datum is read in the current version, how a state that may be
 * changed is made, how two summaries merge, and in which form a state
 * leaves a support function called outside an aggregate.
 *
 * The rule for the state argument:
 *	- called as an aggregate (AggCheckCallContext) with a state the type
 *	  reads in place (read returned the datum's own memory), the state is
 *	  the aggregate's own, in its context, and is changed in place;
 *	- a state that read had to copy (detoasted, or converted from an
 *	  earlier version) is changed as that copy;
 *	- called outside an aggregate, the argument is copied first, so that a
 *	  function never changes its argument;
 *	- a NULL state is a new state of no rows.
 * Copies and new states are made in the current memory context, never in
 * the aggregate's: when a transition function returns a pass-by-reference
 * state other than the one it was given, the executor copies it into the
 * aggregate's context itself (and frees the old one), so a state built
 * there would leave a dead copy per group.
 *
 * The rule for combine functions (also the transition of slm.rollup): a
 * NULL side is the summary of no rows. With both sides NULL the result is
 * NULL; with the second NULL, the first as it is; with the first NULL, a
 * copy of the second, never the second itself; else the second is merged
 * into the first, treated as a state by the rule above. The second side is
 * never changed.
 *
 * The aggregates over outages (availability.c) are the exception: their
 * states are expanded objects that grow with the rows, kept in a context
 * under the aggregate's, where the executor adopts a new state without
 * copying it. They too take a NULL side of a combine function for no rows,
 * and never change an argument outside an aggregate.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

#include "slm.h"

/* The state in the memory of value, changed in place when may_change. */
static void *
writable(const SlmAggType *type, Datum value, bool may_change)
{
	void	   *state = type->read(value);

	if (state != DatumGetPointer(value) || may_change)
		return state;
	return type->make(state);
}

/* The state in argument argno, ready to be changed (see the rule above). */
void *
slm_agg_state(FunctionCallInfo fcinfo, int argno, const SlmAggType *type)
{
	if (PG_ARGISNULL(argno))
		return type->make(NULL);
	return writable(type, PG_GETARG_DATUM(argno),
					AggCheckCallContext(fcinfo, NULL) != 0);
}

/* Return state from a support function, in the form its caller expects. */
Datum
slm_agg_result(FunctionCallInfo fcinfo, void *state, const SlmAggType *type)
{
	if (type->outside == NULL || AggCheckCallContext(fcinfo, NULL))
		PG_RETURN_POINTER(state);
	PG_RETURN_POINTER(type->outside(state));
}

/* Return the state of argument 0 unchanged: a row that adds nothing. */
Datum
slm_agg_unchanged(FunctionCallInfo fcinfo, const SlmAggType *type)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	if (type->outside == NULL || AggCheckCallContext(fcinfo, NULL))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	PG_RETURN_POINTER(type->outside(type->read(PG_GETARG_DATUM(0))));
}

/* A combine function: merge summary argument 1 into state argument 0. */
Datum
slm_agg_combine(FunctionCallInfo fcinfo, const SlmAggType *type)
{
	void	   *state;

	if (PG_ARGISNULL(1))
		return slm_agg_unchanged(fcinfo, type);
	if (PG_ARGISNULL(0))
		state = writable(type, PG_GETARG_DATUM(1), false);
	else
	{
		state = slm_agg_state(fcinfo, 0, type);
		state = type->merge(state, type->read(PG_GETARG_DATUM(1)));
	}
	return slm_agg_result(fcinfo, state, type);
}
