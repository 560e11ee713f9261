/*-------------------------------------------------------------------------
 *
 * legacy.c
 *	  Entry points under the names slm 0.1.0's SQL used.
 *
 * An installation of 0.1.0 calls the support functions of its aggregates
 * by these C names until ALTER EXTENSION slm UPDATE points its SQL
 * functions at the current ones (and the upgrade test installs 0.1.0 from
 * its frozen script), so the library keeps them. Each passes its call on
 * to the function that replaced it, which behaves as the old one did.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

#include "slm.h"

PG_FUNCTION_INFO_V1(slm_compliance_trans);
/* compliance_trans(state, target, start, stop [, paused]) */
Datum
slm_compliance_trans(PG_FUNCTION_ARGS)
{
	return slm_compliance_agg_trans(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_compliance_trans_at);
/* compliance_trans(state, target, start, stop, at [, paused]) */
Datum
slm_compliance_trans_at(PG_FUNCTION_ARGS)
{
	return slm_compliance_agg_trans_at(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_compliance_trans_met);
/* compliance_trans(state, met) */
Datum
slm_compliance_trans_met(PG_FUNCTION_ARGS)
{
	return slm_compliance_agg_trans_met(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_compliance_combine);
/* compliance_combine(slm.compliance, slm.compliance) */
Datum
slm_compliance_combine(PG_FUNCTION_ARGS)
{
	return slm_compliance_agg_combine(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_kano_combine);
/* kano_combine(slm.kano, slm.kano) */
Datum
slm_kano_combine(PG_FUNCTION_ARGS)
{
	return slm_kano_agg_combine(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_csat_combine);
/* csat_combine(slm.csat, slm.csat) */
Datum
slm_csat_combine(PG_FUNCTION_ARGS)
{
	return slm_csat_agg_combine(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_nps_combine);
/* nps_combine(slm.nps, slm.nps) */
Datum
slm_nps_combine(PG_FUNCTION_ARGS)
{
	return slm_nps_agg_combine(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_outage_agg_transfn);
/* outage_agg_transfn(slm.outages, tstzrange) */
Datum
slm_outage_agg_transfn(PG_FUNCTION_ARGS)
{
	return slm_outage_agg_trans(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_outage_agg_combinefn);
/* outage_agg_combinefn(slm.outages, slm.outages) */
Datum
slm_outage_agg_combinefn(PG_FUNCTION_ARGS)
{
	return slm_outage_agg_combine(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_rollup_transfn);
/* rollup_transfn(slm.outages, slm.outages), the same union */
Datum
slm_rollup_transfn(PG_FUNCTION_ARGS)
{
	return slm_outage_agg_combine(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_outage_agg_finalfn);
/* outage_agg_finalfn(slm.outages) */
Datum
slm_outage_agg_finalfn(PG_FUNCTION_ARGS)
{
	return slm_outage_agg_final(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_availability_agg_transfn);
/* availability_agg_transfn(state, outage, calendar, period) */
Datum
slm_availability_agg_transfn(PG_FUNCTION_ARGS)
{
	return slm_availability_agg_trans(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_availability_agg_combinefn);
/* availability_agg_combinefn(state, state) */
Datum
slm_availability_agg_combinefn(PG_FUNCTION_ARGS)
{
	return slm_availability_agg_combine(fcinfo);
}

PG_FUNCTION_INFO_V1(slm_availability_agg_finalfn);
/* availability_agg_finalfn(state) */
Datum
slm_availability_agg_finalfn(PG_FUNCTION_ARGS)
{
	return slm_availability_agg_final(fcinfo);
}
