/*-------------------------------------------------------------------------
 *
 * feedback.c
 *	  Customer feedback aggregates: CSAT (share of satisfied answers on a
 *	  1..scale rating) and NPS (Net Promoter Score on a 0..10 rating).
 *
 * Both follow the two-step pattern of kano.c: the aggregate returns a small
 * fixed-size summary (slm.csat, slm.nps) holding exact counts, accessors
 * read figures off it, and rollup() merges summaries. Rows with a NULL
 * argument are ignored, as built-in aggregates do, so a group without a
 * score gives NULL. A row whose score or scale is out of range is counted
 * as invalid and otherwise left out, so that one bad row does not stop a
 * report.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"

#include "slm.h"
#include "slm_compat.h"
#include "kano.h"
#include "scan.h"

/* ----------
 * slm.csat, stored form (version 2)
 *
 * Answers on one scale 1..scale: how many, how many satisfied (score >=
 * scale - 1, the top two boxes), the sum of the scores, and the rows left
 * out as invalid. The scale is 0 while no row had a valid scale, when the
 * summary can only hold invalid rows.
 *
 * Version 1 (slm 0.1.0) is the same without the invalid count, which is
 * zero when such a value is read.
 * ----------
 */
#define SLM_CSAT_VERSION	2
#define CSAT_MIN_SCALE		3

typedef struct SlmCsat
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SLM_CSAT_VERSION */
	uint8		flags;			/* reserved, zero */
	uint16		reserved;		/* reserved, zero */
	int32		scale;			/* highest score, >= CSAT_MIN_SCALE, or 0 */
	int32		reserved2;		/* reserved, zero */
	int64		responses;		/* answers */
	int64		satisfied;		/* answers in the top two boxes */
	int64		sum;			/* sum of the scores */
	int64		invalid;		/* rows with a score or scale out of range */
} SlmCsat;

/* The size of a version 1 value: everything up to the invalid count. */
#define SLM_CSAT_V1_SIZE	offsetof(SlmCsat, invalid)

/* ----------
 * slm.nps, stored form (version 2)
 *
 * Answers 0..10 counted as promoters (9, 10), passives (7, 8) and
 * detractors (0 to 6), and the rows left out as invalid. Version 1 (slm
 * 0.1.0) is the same without the invalid count.
 * ----------
 */
#define SLM_NPS_VERSION		2

typedef struct SlmNps
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SLM_NPS_VERSION */
	uint8		flags;			/* reserved, zero */
	uint16		reserved;		/* reserved, zero */
	int64		promoters;
	int64		passives;
	int64		detractors;
	int64		invalid;		/* rows with a score out of range */
} SlmNps;

#define SLM_NPS_V1_SIZE		offsetof(SlmNps, invalid)

static SlmCsat *csat_from_datum(Datum d);
static SlmNps *nps_from_datum(Datum d);

#define DatumGetSlmCsatP(X)		csat_from_datum(X)
#define PG_GETARG_SLM_CSAT_P(n) DatumGetSlmCsatP(PG_GETARG_DATUM(n))
#define DatumGetSlmNpsP(X)		nps_from_datum(X)
#define PG_GETARG_SLM_NPS_P(n)	DatumGetSlmNpsP(PG_GETARG_DATUM(n))

PG_FUNCTION_INFO_V1(slm_csat_in);
PG_FUNCTION_INFO_V1(slm_csat_out);
PG_FUNCTION_INFO_V1(slm_csat_recv);
PG_FUNCTION_INFO_V1(slm_csat_send);
PG_FUNCTION_INFO_V1(slm_csat_agg_trans);
PG_FUNCTION_INFO_V1(slm_csat_agg_combine);
PG_FUNCTION_INFO_V1(slm_csat);
PG_FUNCTION_INFO_V1(slm_mean);
PG_FUNCTION_INFO_V1(slm_csat_responses);
PG_FUNCTION_INFO_V1(slm_satisfied);
PG_FUNCTION_INFO_V1(slm_csat_invalid);
PG_FUNCTION_INFO_V1(slm_nps_in);
PG_FUNCTION_INFO_V1(slm_nps_out);
PG_FUNCTION_INFO_V1(slm_nps_recv);
PG_FUNCTION_INFO_V1(slm_nps_send);
PG_FUNCTION_INFO_V1(slm_nps_agg_trans);
PG_FUNCTION_INFO_V1(slm_nps_agg_combine);
PG_FUNCTION_INFO_V1(slm_nps);
PG_FUNCTION_INFO_V1(slm_promoters);
PG_FUNCTION_INFO_V1(slm_passives);
PG_FUNCTION_INFO_V1(slm_detractors);
PG_FUNCTION_INFO_V1(slm_nps_responses);
PG_FUNCTION_INFO_V1(slm_nps_invalid);


/* ----------------------------------------------------------------
 * CSAT
 * ----------------------------------------------------------------
 */

/* A new empty CSAT summary on a scale, in the given context. */
static SlmCsat *
csat_new(int32 scale, MemoryContext cxt)
{
	SlmCsat    *c = MemoryContextAllocZero(cxt, sizeof(SlmCsat));

	SET_VARSIZE(c, sizeof(SlmCsat));
	c->version = SLM_CSAT_VERSION;
	c->scale = scale;
	return c;
}

/* A copy of a CSAT summary in the given context. */
static SlmCsat *
csat_copy(const SlmCsat *c, MemoryContext cxt)
{
	SlmCsat    *r = MemoryContextAlloc(cxt, sizeof(SlmCsat));

	memcpy(r, c, sizeof(SlmCsat));
	return r;
}

/* Raise the error for summaries or rows on different scales. */
static void
csat_check_same_scale(int32 a, int32 b)
{
	if (a != b)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("CSAT scales %d and %d differ", a, b),
				 errdetail("A CSAT summary holds answers on one scale only."),
				 errhint("Summarise each scale separately, or convert the scores to one scale first.")));
}

/*
 * Check that a summary read from outside is one slm could have built.
 * Returns NULL if so, else a sentence saying what is wrong. The sum must lie
 * between its least and greatest values given the counts: each satisfied
 * answer scores scale - 1 or scale, each other answer 1 to scale - 2.
 */
static const char *
csat_check(const SlmCsat *c)
{
	int64		others;
	int64		lo;
	int64		hi;
	int64		t;

	if (c->flags != 0 || c->reserved != 0 || c->reserved2 != 0)
		return "The reserved fields are not zero.";
	if (c->responses < 0 || c->satisfied < 0 || c->sum < 0 || c->invalid < 0)
		return "A count is negative.";
	if (c->scale == 0)
	{
		/* only invalid rows were seen, none with a valid scale */
		if (c->responses != 0 || c->satisfied != 0 || c->sum != 0)
			return "A summary with scale 0 has answers.";
		return NULL;
	}
	if (c->scale < CSAT_MIN_SCALE)
		return "The scale is less than 3.";
	if (c->satisfied > c->responses)
		return "More answers are satisfied than there are answers.";
	others = c->responses - c->satisfied;
	/* lo = satisfied * (scale - 1) + others */
	if (pg_mul_s64_overflow(c->satisfied, c->scale - 1, &t) ||
		pg_add_s64_overflow(t, others, &lo))
		return "The sum of the scores is too small for the counts.";
	if (c->sum < lo)
		return "The sum of the scores is too small for the counts.";
	/* hi = satisfied * scale + others * (scale - 2); beyond bigint, no limit */
	if (!pg_mul_s64_overflow(c->satisfied, c->scale, &t) &&
		!pg_mul_s64_overflow(others, c->scale - 2, &hi) &&
		!pg_add_s64_overflow(t, hi, &hi) &&
		c->sum > hi)
		return "The sum of the scores is too large for the counts.";
	return NULL;
}

/* A CSAT argument, detoasted, and converted if stored in version 1. */
static SlmCsat *
csat_from_datum(Datum d)
{
	SlmCsat    *c = (SlmCsat *) PG_DETOAST_DATUM(d);
	SlmCsat    *v2;

	if (c->version == SLM_CSAT_VERSION && VARSIZE(c) == sizeof(SlmCsat))
		return c;
	if (c->version == 1 && VARSIZE(c) == SLM_CSAT_V1_SIZE)
	{
		v2 = palloc0(sizeof(SlmCsat));
		memcpy(v2, c, SLM_CSAT_V1_SIZE);
		SET_VARSIZE(v2, sizeof(SlmCsat));
		v2->version = SLM_CSAT_VERSION;
		return v2;
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid slm.csat value of format version %d and %d bytes",
					c->version, (int) VARSIZE(c))));
	return NULL;				/* keep compiler quiet */
}

/*
 * Text input of slm.csat. The invalid count is optional, so that the form
 * of slm 0.1.0 reads.
 */
Datum
slm_csat_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	struct Node *escontext = SLM_ESCONTEXT_ARG(fcinfo);
	SlmCsat    *c = csat_new(0, CurrentMemoryContext);
	SlmScan		r;
	int64		scale;
	const char *problem;

	slm_scan_init(&r, str, "slm.csat", escontext);
	if (!slm_scan_record_begin(&r) ||
		!slm_scan_field_int64s(&r, "scale", &scale, 1) ||
		!slm_scan_field_int64s(&r, "responses", &c->responses, 1) ||
		!slm_scan_field_int64s(&r, "satisfied", &c->satisfied, 1) ||
		!slm_scan_field_int64s(&r, "sum", &c->sum, 1) ||
		(slm_scan_has_field(&r, "invalid") &&
		 !slm_scan_field_int64s(&r, "invalid", &c->invalid, 1)) ||
		!slm_scan_record_end(&r))
		PG_RETURN_NULL();
	c->scale = (int32) Min(scale, PG_INT32_MAX);
	problem = (scale > PG_INT32_MAX) ? "The scale is out of range." : csat_check(c);
	if (problem != NULL)
	{
		errsave(escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"", "slm.csat", str),
				 errdetail_internal("%s", problem)));
		PG_RETURN_NULL();
	}
	PG_RETURN_POINTER(c);
}

/* Text output of slm.csat. */
Datum
slm_csat_out(PG_FUNCTION_ARGS)
{
	SlmCsat    *c = PG_GETARG_SLM_CSAT_P(0);
	StringInfoData buf;
	int64		scale = c->scale;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '(');
	slm_write_int64s(&buf, "scale", &scale, 1);
	slm_write_int64s(&buf, "responses", &c->responses, 1);
	slm_write_int64s(&buf, "satisfied", &c->satisfied, 1);
	slm_write_int64s(&buf, "sum", &c->sum, 1);
	slm_write_int64s(&buf, "invalid", &c->invalid, 1);
	appendStringInfoChar(&buf, ')');
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Binary input of slm.csat: a version byte, then the fields in order;
 * version 1 (slm 0.1.0) ends before the invalid count.
 */
Datum
slm_csat_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	SlmCsat    *c;
	const char *problem;

	if (version != 1 && version != SLM_CSAT_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type %s", "slm.csat"),
				 errdetail("Format version %d is not supported; this version of slm reads versions 1 and %d.",
						   version, SLM_CSAT_VERSION)));
	c = csat_new(pq_getmsgint(buf, 4), CurrentMemoryContext);
	c->responses = pq_getmsgint64(buf);
	c->satisfied = pq_getmsgint64(buf);
	c->sum = pq_getmsgint64(buf);
	if (version > 1)
		c->invalid = pq_getmsgint64(buf);
	problem = csat_check(c);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type %s", "slm.csat"),
				 errdetail_internal("%s", problem)));
	PG_RETURN_POINTER(c);
}

/* Binary output of slm.csat, format version 2. */
Datum
slm_csat_send(PG_FUNCTION_ARGS)
{
	SlmCsat    *c = PG_GETARG_SLM_CSAT_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SLM_CSAT_VERSION);
	pq_sendint32(&buf, c->scale);
	pq_sendint64(&buf, c->responses);
	pq_sendint64(&buf, c->satisfied);
	pq_sendint64(&buf, c->sum);
	pq_sendint64(&buf, c->invalid);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* A CSAT datum, read for the aggregates. */
static void *
csat_read(Datum d)
{
	return csat_from_datum(d);
}

/*
 * A new CSAT state in the current memory context: a copy of from, or no
 * rows (on no scale yet).
 */
static void *
csat_make(const void *from)
{
	if (from == NULL)
		return csat_new(0, CurrentMemoryContext);
	return csat_copy(from, CurrentMemoryContext);
}

/*
 * Merge CSAT summary b into a, on the same scale; one whose rows all had a
 * scale below 3 (scale 0) merges with any.
 */
static void *
csat_merge(void *state, const void *other)
{
	SlmCsat    *a = state;
	const SlmCsat *b = other;

	if (a->scale == 0)
		a->scale = b->scale;
	else if (b->scale != 0)
		csat_check_same_scale(a->scale, b->scale);
	a->responses = slm_add_counts(a->responses, b->responses, "slm.csat");
	a->satisfied = slm_add_counts(a->satisfied, b->satisfied, "slm.csat");
	a->sum = slm_add_counts(a->sum, b->sum, "slm.csat");
	a->invalid = slm_add_counts(a->invalid, b->invalid, "slm.csat");
	return a;
}

/* slm.csat as the state of its aggregates. */
static const SlmAggType csat_agg_type = {
	.read = csat_read,
	.make = csat_make,
	.merge = csat_merge,
};

/*
 * csat_agg(integer [, integer]) transition. Rows with a NULL score or
 * scale are ignored. A row with a scale below 3 or a score outside
 * 1..scale is counted as invalid; a valid scale still fixes the summary's
 * scale, so rows on different scales remain an error whichever of them are
 * invalid.
 */
Datum
slm_csat_agg_trans(PG_FUNCTION_ARGS)
{
	int32		score;
	int32		scale = 5;
	bool		valid_scale;
	SlmCsat    *c;

	if (PG_ARGISNULL(1) || (PG_NARGS() > 2 && PG_ARGISNULL(2)))
		return slm_agg_unchanged(fcinfo, &csat_agg_type);
	score = PG_GETARG_INT32(1);
	if (PG_NARGS() > 2)
		scale = PG_GETARG_INT32(2);
	valid_scale = (scale >= CSAT_MIN_SCALE);

	c = slm_agg_state(fcinfo, 0, &csat_agg_type);
	if (valid_scale)
	{
		if (c->scale == 0)
			c->scale = scale;
		else
			csat_check_same_scale(c->scale, scale);
	}

	if (!valid_scale || score < 1 || score > scale)
	{
		c->invalid = slm_add_counts(c->invalid, 1, "slm.csat");
		PG_RETURN_POINTER(c);
	}
	c->responses++;
	if (score >= scale - 1)
		c->satisfied++;
	c->sum = slm_add_counts(c->sum, score, "slm.csat");
	PG_RETURN_POINTER(c);
}

/*
 * csat_agg_combine(slm.csat, slm.csat): merge two summaries (NULL is no
 * rows). Combine function of csat_agg, transition of rollup.
 */
Datum
slm_csat_agg_combine(PG_FUNCTION_ARGS)
{
	return slm_agg_combine(fcinfo, &csat_agg_type);
}

/* csat(slm.csat): share of satisfied answers, 0 to 1 */
Datum
slm_csat(PG_FUNCTION_ARGS)
{
	SlmCsat    *c = PG_GETARG_SLM_CSAT_P(0);

	if (c->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) c->satisfied / c->responses);
}

/* mean(slm.csat): mean score */
Datum
slm_mean(PG_FUNCTION_ARGS)
{
	SlmCsat    *c = PG_GETARG_SLM_CSAT_P(0);

	if (c->responses == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) c->sum / c->responses);
}

/* responses(slm.csat): number of answers */
Datum
slm_csat_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_CSAT_P(0)->responses);
}

/* satisfied(slm.csat): answers in the top two boxes */
Datum
slm_satisfied(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_CSAT_P(0)->satisfied);
}

/* invalid(slm.csat): rows left out for a score or scale out of range */
Datum
slm_csat_invalid(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_CSAT_P(0)->invalid);
}


/* ----------------------------------------------------------------
 * NPS
 * ----------------------------------------------------------------
 */

/* A new empty NPS summary in the given context. */
static SlmNps *
nps_new(MemoryContext cxt)
{
	SlmNps	   *n = MemoryContextAllocZero(cxt, sizeof(SlmNps));

	SET_VARSIZE(n, sizeof(SlmNps));
	n->version = SLM_NPS_VERSION;
	return n;
}

/* A copy of an NPS summary in the given context. */
static SlmNps *
nps_copy(const SlmNps *n, MemoryContext cxt)
{
	SlmNps	   *r = MemoryContextAlloc(cxt, sizeof(SlmNps));

	memcpy(r, n, sizeof(SlmNps));
	return r;
}

/* All answers of an NPS summary, or -1 if they overflow a bigint. */
static int64
nps_responses(const SlmNps *n)
{
	int64		r;

	if (pg_add_s64_overflow(n->promoters, n->passives, &r) ||
		pg_add_s64_overflow(r, n->detractors, &r))
		return -1;
	return r;
}

/* Check a summary read from outside; NULL if good, else what is wrong. */
static const char *
nps_check(const SlmNps *n)
{
	if (n->flags != 0 || n->reserved != 0)
		return "The reserved fields are not zero.";
	if (n->promoters < 0 || n->passives < 0 || n->detractors < 0 ||
		n->invalid < 0)
		return "A count is negative.";
	if (nps_responses(n) < 0)
		return "The counts add up to more than a bigint holds.";
	return NULL;
}

/* An NPS argument, detoasted, and converted if stored in version 1. */
static SlmNps *
nps_from_datum(Datum d)
{
	SlmNps	   *n = (SlmNps *) PG_DETOAST_DATUM(d);
	SlmNps	   *v2;

	if (n->version == SLM_NPS_VERSION && VARSIZE(n) == sizeof(SlmNps))
		return n;
	if (n->version == 1 && VARSIZE(n) == SLM_NPS_V1_SIZE)
	{
		v2 = palloc0(sizeof(SlmNps));
		memcpy(v2, n, SLM_NPS_V1_SIZE);
		SET_VARSIZE(v2, sizeof(SlmNps));
		v2->version = SLM_NPS_VERSION;
		return v2;
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid slm.nps value of format version %d and %d bytes",
					n->version, (int) VARSIZE(n))));
	return NULL;				/* keep compiler quiet */
}

/*
 * Text input of slm.nps. The invalid count is optional, so that the form of
 * slm 0.1.0 reads.
 */
Datum
slm_nps_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	struct Node *escontext = SLM_ESCONTEXT_ARG(fcinfo);
	SlmNps	   *n = nps_new(CurrentMemoryContext);
	SlmScan		r;
	const char *problem;

	slm_scan_init(&r, str, "slm.nps", escontext);
	if (!slm_scan_record_begin(&r) ||
		!slm_scan_field_int64s(&r, "promoters", &n->promoters, 1) ||
		!slm_scan_field_int64s(&r, "passives", &n->passives, 1) ||
		!slm_scan_field_int64s(&r, "detractors", &n->detractors, 1) ||
		(slm_scan_has_field(&r, "invalid") &&
		 !slm_scan_field_int64s(&r, "invalid", &n->invalid, 1)) ||
		!slm_scan_record_end(&r))
		PG_RETURN_NULL();
	problem = nps_check(n);
	if (problem != NULL)
	{
		errsave(escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"", "slm.nps", str),
				 errdetail_internal("%s", problem)));
		PG_RETURN_NULL();
	}
	PG_RETURN_POINTER(n);
}

/* Text output of slm.nps. */
Datum
slm_nps_out(PG_FUNCTION_ARGS)
{
	SlmNps	   *n = PG_GETARG_SLM_NPS_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '(');
	slm_write_int64s(&buf, "promoters", &n->promoters, 1);
	slm_write_int64s(&buf, "passives", &n->passives, 1);
	slm_write_int64s(&buf, "detractors", &n->detractors, 1);
	slm_write_int64s(&buf, "invalid", &n->invalid, 1);
	appendStringInfoChar(&buf, ')');
	PG_RETURN_CSTRING(buf.data);
}

/*
 * Binary input of slm.nps: a version byte, then the counts; version 1 (slm
 * 0.1.0) ends before the invalid count.
 */
Datum
slm_nps_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	SlmNps	   *n;
	const char *problem;

	if (version != 1 && version != SLM_NPS_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type %s", "slm.nps"),
				 errdetail("Format version %d is not supported; this version of slm reads versions 1 and %d.",
						   version, SLM_NPS_VERSION)));
	n = nps_new(CurrentMemoryContext);
	n->promoters = pq_getmsgint64(buf);
	n->passives = pq_getmsgint64(buf);
	n->detractors = pq_getmsgint64(buf);
	if (version > 1)
		n->invalid = pq_getmsgint64(buf);
	problem = nps_check(n);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type %s", "slm.nps"),
				 errdetail_internal("%s", problem)));
	PG_RETURN_POINTER(n);
}

/* Binary output of slm.nps, format version 2. */
Datum
slm_nps_send(PG_FUNCTION_ARGS)
{
	SlmNps	   *n = PG_GETARG_SLM_NPS_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SLM_NPS_VERSION);
	pq_sendint64(&buf, n->promoters);
	pq_sendint64(&buf, n->passives);
	pq_sendint64(&buf, n->detractors);
	pq_sendint64(&buf, n->invalid);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* An NPS datum, read for the aggregates. */
static void *
nps_read(Datum d)
{
	return nps_from_datum(d);
}

/* A new NPS state in the current memory context: a copy of from, or no rows. */
static void *
nps_make(const void *from)
{
	if (from == NULL)
		return nps_new(CurrentMemoryContext);
	return nps_copy(from, CurrentMemoryContext);
}

/* Merge NPS summary b into a. */
static void *
nps_merge(void *state, const void *other)
{
	SlmNps	   *a = state;
	const SlmNps *b = other;

	a->promoters = slm_add_counts(a->promoters, b->promoters, "slm.nps");
	a->passives = slm_add_counts(a->passives, b->passives, "slm.nps");
	a->detractors = slm_add_counts(a->detractors, b->detractors, "slm.nps");
	a->invalid = slm_add_counts(a->invalid, b->invalid, "slm.nps");
	if (nps_responses(a) < 0)
		(void) slm_add_counts(PG_INT64_MAX, 1, "slm.nps");
	return a;
}

/* slm.nps as the state of its aggregate. */
static const SlmAggType nps_agg_type = {
	.read = nps_read,
	.make = nps_make,
	.merge = nps_merge,
};

/*
 * nps_agg(integer) transition. Rows with a NULL score are ignored, a score
 * outside 0..10 is counted as invalid.
 */
Datum
slm_nps_agg_trans(PG_FUNCTION_ARGS)
{
	int32		score;
	SlmNps	   *n;

	if (PG_ARGISNULL(1))
		return slm_agg_unchanged(fcinfo, &nps_agg_type);
	score = PG_GETARG_INT32(1);

	n = slm_agg_state(fcinfo, 0, &nps_agg_type);
	if (score < 0 || score > 10)
		n->invalid = slm_add_counts(n->invalid, 1, "slm.nps");
	else if (score >= 9)
		n->promoters++;
	else if (score >= 7)
		n->passives++;
	else
		n->detractors++;
	PG_RETURN_POINTER(n);
}

/*
 * nps_agg_combine(slm.nps, slm.nps): merge two summaries (NULL is no
 * rows). Combine function of nps_agg, transition of rollup.
 */
Datum
slm_nps_agg_combine(PG_FUNCTION_ARGS)
{
	return slm_agg_combine(fcinfo, &nps_agg_type);
}

/* nps(slm.nps): percentage of promoters minus percentage of detractors */
Datum
slm_nps(PG_FUNCTION_ARGS)
{
	SlmNps	   *n = PG_GETARG_SLM_NPS_P(0);
	int64		total = nps_responses(n);

	if (total == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(100.0 * (double) (n->promoters - n->detractors) / total);
}

/* promoters(slm.nps): answers of 9 or 10 */
Datum
slm_promoters(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_NPS_P(0)->promoters);
}

/* passives(slm.nps): answers of 7 or 8 */
Datum
slm_passives(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_NPS_P(0)->passives);
}

/* detractors(slm.nps): answers of 0 to 6 */
Datum
slm_detractors(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_NPS_P(0)->detractors);
}

/* responses(slm.nps): all answers */
Datum
slm_nps_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(nps_responses(PG_GETARG_SLM_NPS_P(0)));
}

/* invalid(slm.nps): rows left out for a score outside 0..10 */
Datum
slm_nps_invalid(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_NPS_P(0)->invalid);
}
