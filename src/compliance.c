/*-------------------------------------------------------------------------
 *
 * compliance.c
 *	  The slm.compliance summary and the two-step aggregates over it:
 *	  slm.compliance_agg counts clocks as met, breached or open and sums the
 *	  business time the stopped ones took; accessors (slm.compliance,
 *	  slm.error_budget, slm.burn_rate, ...) read a summary; slm.rollup
 *	  merges summaries.
 *
 * The summary is fixed-size: counts, the goal of the rows' targets, and the
 * sum and maximum of the elapsed business time. A row the aggregate cannot
 * judge (a stop before its start, an instant that is infinite or past the
 * year 9999) is counted as invalid and left out of everything else, so a
 * bad row never aborts a report. Merging two summaries is addition,
 * maximum and a least upper bound on the goal, so it is exact, commutative
 * and associative, and a parallel, partitionwise or sharded plan gives the
 * same summary as one pass, whatever rows each part saw.
 *
 * The elapsed sum is kept as whole seconds plus a microsecond remainder
 * (0 .. 999999): exact, and far from overflow (2^63 seconds), where a sum
 * of int64 microseconds would overflow after some 10^8 tickets of a month.
 *
 * Text form (canonical; fields in this order, separated by one space):
 *
 *	met=<n> breached=<n> open=<n>[ invalid=<n>][ goal=<p>%|none|mixed]
 *		[ timed=<n> elapsed_sum=<s>s elapsed_max=<s>s]
 *
 * invalid is absent when zero, so summaries without invalid rows print as
 * they did in 0.1.0, whose text input did not know the field.
 * goal is absent when no row had a target (the boolean form), "none" when
 * the targets have no goal, "mixed" when rows had different goals (or some
 * none); a percentage keeps at most four decimals, as slm.target does.
 * timed counts the rows with a known elapsed time (stopped rows with a
 * target), elapsed_sum and elapsed_max are seconds with at most six
 * decimals; the three are absent when timed is zero. Input also accepts
 * the fields in any order and any whitespace between them.
 *
 * Binary form: a version byte, the goal kind byte, int32 goal in
 * millionths, int64 met, breached, open, [invalid,] timed and elapsed
 * seconds, int32 elapsed microseconds, int64 maximum in microseconds.
 * Version 2 has the invalid count, version 1 (0.1.0's) has not; send
 * writes version 1 when there are no invalid rows, so that 0.1.0 reads
 * what it can represent. Text and binary input check the same invariants.
 *
 * Stored form: version 2 appends the invalid count to version 1's 64
 * bytes; values stored by 0.1.0 are upgraded as they are read.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "common/int.h"
#include "common/int128.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/timestamp.h"

#include "slm.h"
#include "scan.h"
#include "target.h"

#define SLM_COMPLIANCE_VERSION 2

/* Goals in millionths, as in slm.target. */
#define PPM			1000000

/*
 * What the rows said about their goal. Merging takes the least upper bound
 * in the order UNKNOWN < NONE, SET(g) < MIXED, so any grouping of the rows
 * ends with the same kind.
 */
typedef enum GoalKind
{
	GOAL_UNKNOWN = 0,			/* no row had a target */
	GOAL_NONE = 1,				/* targets without a goal */
	GOAL_SET = 2,				/* targets all with goal goal_ppm */
	GOAL_MIXED = 3				/* different goals */
} GoalKind;

typedef struct SlmCompliance
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SLM_COMPLIANCE_VERSION */
	uint8		goal_kind;		/* GoalKind */
	uint16		reserved;		/* zero */
	int32		goal_ppm;		/* goal in millionths when GOAL_SET, else 0 */
	int32		sum_us;			/* elapsed sum: microseconds, 0 .. 999999 */
	int64		met;
	int64		breached;
	int64		open;
	int64		timed;			/* rows with a known elapsed time */
	int64		sum_sec;		/* elapsed sum: whole seconds */
	int64		max_us;			/* largest elapsed time, 0 when timed = 0 */
	/* version 2 */
	int64		invalid;		/* rows that could not be judged */
} SlmCompliance;

/* The size of a version 1 summary, as 0.1.0 stored it: no invalid count. */
#define SLM_COMPLIANCE_V1_SIZE	offsetof(SlmCompliance, invalid)

static SlmCompliance *compliance_detoast(Datum d);

#define DatumGetSlmComplianceP(X)		compliance_detoast(X)
#define PG_GETARG_SLM_COMPLIANCE_P(n)	DatumGetSlmComplianceP(PG_GETARG_DATUM(n))

/* ---------- building and merging summaries ---------- */

/*
 * A summary argument in the current version: detoasted, and a version 1
 * value (stored by 0.1.0) copied into the current layout with no invalid
 * rows. A value that is neither is corrupt.
 */
static SlmCompliance *
compliance_detoast(Datum d)
{
	struct varlena *v = PG_DETOAST_DATUM(d);
	SlmCompliance *c = (SlmCompliance *) v;

	if (VARSIZE(v) == sizeof(SlmCompliance) && c->version == SLM_COMPLIANCE_VERSION)
		return c;
	if (VARSIZE(v) == SLM_COMPLIANCE_V1_SIZE && c->version == 1)
	{
		SlmCompliance *up = palloc0(sizeof(SlmCompliance));

		memcpy(up, v, SLM_COMPLIANCE_V1_SIZE);
		SET_VARSIZE(up, sizeof(SlmCompliance));
		up->version = SLM_COMPLIANCE_VERSION;
		return up;
	}
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid slm.compliance value"),
			 errdetail("The value has %u bytes and format version %d.",
					   (unsigned) VARSIZE(v), (int) c->version)));
	return NULL;				/* keep compiler quiet */
}

/* A summary of no rows, in the current memory context. */
static SlmCompliance *
compliance_new(void)
{
	SlmCompliance *c = palloc0(sizeof(SlmCompliance));

	SET_VARSIZE(c, sizeof(SlmCompliance));
	c->version = SLM_COMPLIANCE_VERSION;
	return c;
}

/* Merge what some rows said about their goal into c. */
static void
goal_merge(SlmCompliance *c, int kind, int32 ppm)
{
	if (kind == GOAL_UNKNOWN || c->goal_kind == GOAL_MIXED)
		return;
	if (c->goal_kind == GOAL_UNKNOWN)
	{
		c->goal_kind = kind;
		c->goal_ppm = ppm;
	}
	else if (kind != c->goal_kind || ppm != c->goal_ppm)
	{
		c->goal_kind = GOAL_MIXED;
		c->goal_ppm = 0;
	}
}

/* Report a count or sum that left its range; only reachable from input. */
static void
compliance_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("slm.compliance value out of range")));
}

/* Count one more row in *count (a field of c). */
static inline void
count_row(SlmCompliance *c, int64 *count)
{
	/* the total bounds every count; only input can bring it near the end */
	if (unlikely(c->met + c->breached + c->open + c->invalid == PG_INT64_MAX))
		compliance_overflow();
	(*count)++;
}

/* Add elapsed time sec seconds and us microseconds to the sum. */
static void
elapsed_add(SlmCompliance *c, int64 sec, int32 us)
{
	c->sum_us += us;
	if (c->sum_us >= SLM_SEC)
	{
		c->sum_us -= SLM_SEC;
		if (pg_add_s64_overflow(c->sum_sec, 1, &c->sum_sec))
			compliance_overflow();
	}
	if (pg_add_s64_overflow(c->sum_sec, sec, &c->sum_sec))
		compliance_overflow();
}

/* Count one stopped row that took elapsed business microseconds. */
static void
add_timed(SlmCompliance *c, int64 elapsed)
{
	c->timed++;					/* after met or breached: stays below them */
	elapsed_add(c, elapsed / SLM_SEC, (int32) (elapsed % SLM_SEC));
	if (elapsed > c->max_us)
		c->max_us = elapsed;
}

/* Merge summary b into a; exact for any two sets of rows. */
static void *
compliance_merge(void *state, const void *other)
{
	SlmCompliance *a = state;
	const SlmCompliance *b = other;
	int64		total;

	if (pg_add_s64_overflow(a->met, b->met, &a->met) ||
		pg_add_s64_overflow(a->breached, b->breached, &a->breached) ||
		pg_add_s64_overflow(a->open, b->open, &a->open) ||
		pg_add_s64_overflow(a->invalid, b->invalid, &a->invalid) ||
		pg_add_s64_overflow(a->met, a->breached, &total) ||
		pg_add_s64_overflow(total, a->open, &total) ||
		pg_add_s64_overflow(total, a->invalid, &total) ||
		pg_add_s64_overflow(a->timed, b->timed, &a->timed))
		compliance_overflow();
	goal_merge(a, b->goal_kind, b->goal_ppm);
	elapsed_add(a, b->sum_sec, b->sum_us);
	if (b->max_us > a->max_us)
		a->max_us = b->max_us;
	return a;
}

/* A summary datum, read for the aggregates. */
static void *
compliance_read(Datum d)
{
	return compliance_detoast(d);
}

/* A new state in the current memory context: a copy of from, or no rows. */
static void *
compliance_make(const void *from)
{
	SlmCompliance *c;

	if (from == NULL)
		return compliance_new();
	c = palloc(sizeof(SlmCompliance));
	memcpy(c, from, sizeof(SlmCompliance));
	return c;
}

/* slm.compliance as the state of its aggregates. */
static const SlmAggType compliance_agg_type = {
	.read = compliance_read,
	.make = compliance_make,
	.merge = compliance_merge,
};

/* ---------- invariants, text and binary I/O ---------- */

/* The elapsed sum as a 128-bit count of microseconds. */
static INT128
elapsed_sum128(const SlmCompliance *c)
{
	INT128		sum = int64_to_int128(c->sum_us);

	int128_add_int64_mul_int64(&sum, c->sum_sec, SLM_SEC);
	return sum;
}

/*
 * Why summary c cannot be the summary of any rows, as an errdetail
 * sentence; NULL when it can.
 */
static const char *
compliance_invalid(const SlmCompliance *c)
{
	int64		total;
	INT128		bound;

	if (c->reserved != 0)
		return "The reserved field is not zero.";
	if (c->goal_kind > GOAL_MIXED)
		return psprintf("Goal kind %d is unknown.", c->goal_kind);
	if (c->goal_kind == GOAL_SET ? (c->goal_ppm < 0 || c->goal_ppm > PPM) : c->goal_ppm != 0)
		return "The goal is not a percentage between 0 and 100.";
	if (c->met < 0 || c->breached < 0 || c->open < 0 || c->invalid < 0 || c->timed < 0)
		return "A count is negative.";
	if (pg_add_s64_overflow(c->met, c->breached, &total) ||
		pg_add_s64_overflow(total, c->open, &total) ||
		pg_add_s64_overflow(total, c->invalid, &total))
		return "The total count is out of range.";
	if (total == 0)
		return "A summary covers at least one row.";
	if (c->invalid > 0 && c->goal_kind == GOAL_UNKNOWN)
		return "Invalid rows are given without a goal field (rows without a target are never invalid).";
	if (c->timed > c->met + c->breached)
		return psprintf("timed (" INT64_FORMAT ") exceeds met + breached (" INT64_FORMAT ").",
						c->timed, c->met + c->breached);
	if (c->timed == 0)
	{
		if (c->sum_sec != 0 || c->sum_us != 0 || c->max_us != 0)
			return "Elapsed times are given without timed rows.";
		return NULL;
	}
	if (c->goal_kind == GOAL_UNKNOWN)
		return "Timed rows are given without a goal field (rows without a target have no elapsed time).";
	if (c->sum_sec < 0 || c->sum_us < 0 || c->sum_us >= SLM_SEC || c->max_us < 0)
		return "An elapsed time is negative or malformed.";

	/* max <= sum <= timed * max, since the maximum is one of the timed rows */
	bound = int64_to_int128(c->max_us);
	if (int128_compare(bound, elapsed_sum128(c)) > 0)
		return "elapsed_max exceeds elapsed_sum.";
	bound = int64_to_int128(0);
	int128_add_int64_mul_int64(&bound, c->timed, c->max_us);
	if (int128_compare(elapsed_sum128(c), bound) > 0)
		return "elapsed_sum exceeds timed times elapsed_max.";
	return NULL;
}

/* Read a goal: "none", "mixed" or a percentage with up to four decimals. */
static bool
parse_goal(SlmScan *ps, SlmCompliance *c)
{
	int64		whole;
	int32		frac;
	const char *start = ps->p;

	if (slm_scan_accept_text(ps, "none"))
	{
		c->goal_kind = GOAL_NONE;
		return true;
	}
	if (slm_scan_accept_text(ps, "mixed"))
	{
		c->goal_kind = GOAL_MIXED;
		return true;
	}
	if (!slm_scan_int64(ps, &whole, "a goal (a percentage, \"none\" or \"mixed\")") ||
		!slm_scan_fraction(ps, 4, &frac))
		return false;
	if (!slm_scan_accept(ps, '%'))
		return slm_scan_error(ps, "Expected \"%\" after the goal");
	if (whole > 100 || (whole == 100 && frac > 0))
		return slm_scan_error_at(ps, start, "A goal must be between 0% and 100%");
	c->goal_kind = GOAL_SET;
	c->goal_ppm = (int32) (whole * 10000 + frac);	/* 1% is 10000 ppm */
	return true;
}

/* Read seconds with up to six decimals and a unit "s". */
static bool
parse_seconds(SlmScan *ps, int64 *sec, int32 *us)
{
	if (!slm_scan_int64(ps, sec, "a number of seconds") ||
		!slm_scan_fraction(ps, 6, us))
		return false;
	if (!slm_scan_accept(ps, 's'))
		return slm_scan_error(ps, "Expected \"s\" after the seconds");
	return true;
}

/* Fields of the text form, in canonical order. */
enum
{
	F_MET, F_BREACHED, F_OPEN, F_INVALID, F_GOAL, F_TIMED, F_SUM, F_MAX, NUM_FIELDS
};

static const char *const field_names[NUM_FIELDS] = {
	"met", "breached", "open", "invalid", "goal", "timed", "elapsed_sum", "elapsed_max"
};

/* Parse a summary literal; NULL after a soft error. */
static SlmCompliance *
compliance_parse(const char *str, struct Node *escontext)
{
	SlmScan		ps;
	SlmCompliance *c = compliance_new();
	bool		seen[NUM_FIELDS] = {false};
	const char *why;

	slm_scan_init(&ps, str, "slm.compliance", escontext);

	while (!slm_scan_at_end(&ps))
	{
		int			f;
		int64		sec;
		int32		us;
		bool		ok;
		const char *value;

		f = slm_scan_which_key(&ps, field_names, NUM_FIELDS);
		if (f < 0)
		{
			slm_scan_error(&ps, "Expected a field (met=, breached=, open=, invalid=, goal=, timed=, elapsed_sum= or elapsed_max=)");
			return NULL;
		}
		if (seen[f])
		{
			slm_scan_error(&ps, psprintf("The field %s is given twice", field_names[f]));
			return NULL;
		}
		seen[f] = true;
		ps.p += strlen(field_names[f]) + 1;
		value = ps.p;
		switch (f)
		{
			case F_MET:
				ok = slm_scan_int64(&ps, &c->met, "a count");
				break;
			case F_BREACHED:
				ok = slm_scan_int64(&ps, &c->breached, "a count");
				break;
			case F_OPEN:
				ok = slm_scan_int64(&ps, &c->open, "a count");
				break;
			case F_INVALID:
				ok = slm_scan_int64(&ps, &c->invalid, "a count");
				break;
			case F_GOAL:
				ok = parse_goal(&ps, c);
				break;
			case F_TIMED:
				ok = slm_scan_int64(&ps, &c->timed, "a count");
				break;
			case F_SUM:
				ok = parse_seconds(&ps, &c->sum_sec, &c->sum_us);
				break;
			default:
				ok = parse_seconds(&ps, &sec, &us);
				if (ok && (pg_mul_s64_overflow(sec, SLM_SEC, &c->max_us) ||
						   pg_add_s64_overflow(c->max_us, us, &c->max_us)))
					ok = slm_scan_error_at(&ps, value, "The elapsed_max is out of range");
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

	for (int f = F_MET; f <= F_OPEN; f++)
		if (!seen[f])
		{
			slm_scan_error(&ps, psprintf("The field %s is missing", field_names[f]));
			return NULL;
		}
	if (seen[F_TIMED] != seen[F_SUM] || seen[F_TIMED] != seen[F_MAX])
	{
		slm_scan_error(&ps, "The fields timed, elapsed_sum and elapsed_max go together");
		return NULL;
	}
	why = compliance_invalid(c);
	if (why != NULL)
	{
		errsave(escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type slm.compliance: \"%s\"", str),
				 errdetail("%s", why)));
		return NULL;
	}
	return c;
}

/* Append seconds and microseconds as "<s>[.<frac>]s", trailing zeros cut. */
static void
append_seconds(StringInfo buf, int64 sec, int32 us)
{
	appendStringInfo(buf, INT64_FORMAT, sec);
	if (us != 0)
	{
		char		frac[8];
		int			k;

		snprintf(frac, sizeof(frac), "%06d", us);
		for (k = 5; k > 0 && frac[k] == '0'; k--)
			frac[k] = '\0';
		appendStringInfo(buf, ".%s", frac);
	}
	appendStringInfoChar(buf, 's');
}

/* Canonical text of a summary. */
static char *
compliance_to_cstring(const SlmCompliance *c)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "met=" INT64_FORMAT " breached=" INT64_FORMAT " open=" INT64_FORMAT,
					 c->met, c->breached, c->open);
	if (c->invalid > 0)
		appendStringInfo(&buf, " invalid=" INT64_FORMAT, c->invalid);
	switch (c->goal_kind)
	{
		case GOAL_NONE:
			appendStringInfoString(&buf, " goal=none");
			break;
		case GOAL_MIXED:
			appendStringInfoString(&buf, " goal=mixed");
			break;
		case GOAL_SET:
			appendStringInfo(&buf, " goal=%d", c->goal_ppm / 10000);
			if (c->goal_ppm % 10000)
			{
				char		frac[8];
				int			k;

				snprintf(frac, sizeof(frac), "%04d", c->goal_ppm % 10000);
				for (k = 3; k > 0 && frac[k] == '0'; k--)
					frac[k] = '\0';
				appendStringInfo(&buf, ".%s", frac);
			}
			appendStringInfoChar(&buf, '%');
			break;
	}
	if (c->timed > 0)
	{
		appendStringInfo(&buf, " timed=" INT64_FORMAT " elapsed_sum=", c->timed);
		append_seconds(&buf, c->sum_sec, c->sum_us);
		appendStringInfoString(&buf, " elapsed_max=");
		append_seconds(&buf, c->max_us / SLM_SEC, (int32) (c->max_us % SLM_SEC));
	}
	return buf.data;
}

PG_FUNCTION_INFO_V1(slm_compliance_in);
/* Text input. */
Datum
slm_compliance_in(PG_FUNCTION_ARGS)
{
	SlmCompliance *c = compliance_parse(PG_GETARG_CSTRING(0), SLM_ESCONTEXT_ARG(fcinfo));

	if (c == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(c);
}

PG_FUNCTION_INFO_V1(slm_compliance_out);
/* Canonical text output. */
Datum
slm_compliance_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(compliance_to_cstring(PG_GETARG_SLM_COMPLIANCE_P(0)));
}

PG_FUNCTION_INFO_V1(slm_compliance_send);
/*
 * Binary output: version byte, goal, then the counts and times; version 1
 * when there are no invalid rows.
 */
Datum
slm_compliance_send(PG_FUNCTION_ARGS)
{
	SlmCompliance *c = PG_GETARG_SLM_COMPLIANCE_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, c->invalid > 0 ? 2 : 1);
	pq_sendbyte(&buf, c->goal_kind);
	pq_sendint32(&buf, c->goal_ppm);
	pq_sendint64(&buf, c->met);
	pq_sendint64(&buf, c->breached);
	pq_sendint64(&buf, c->open);
	if (c->invalid > 0)
		pq_sendint64(&buf, c->invalid);
	pq_sendint64(&buf, c->timed);
	pq_sendint64(&buf, c->sum_sec);
	pq_sendint32(&buf, c->sum_us);
	pq_sendint64(&buf, c->max_us);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(slm_compliance_recv);
/* Binary input of format version 1 or 2, checked like text input. */
Datum
slm_compliance_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	SlmCompliance *c = compliance_new();
	int			version = pq_getmsgbyte(buf);
	const char *why;

	if (version != 1 && version != 2)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type slm.compliance",
						version)));
	c->goal_kind = pq_getmsgbyte(buf);
	c->goal_ppm = pq_getmsgint(buf, 4);
	c->met = pq_getmsgint64(buf);
	c->breached = pq_getmsgint64(buf);
	c->open = pq_getmsgint64(buf);
	if (version == 2)
		c->invalid = pq_getmsgint64(buf);
	c->timed = pq_getmsgint64(buf);
	c->sum_sec = pq_getmsgint64(buf);
	c->sum_us = pq_getmsgint(buf, 4);
	c->max_us = pq_getmsgint64(buf);
	if (buf->cursor != buf->len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type slm.compliance"),
				 errdetail_plural("%d byte follows the summary.",
								  "%d bytes follow the summary.",
								  buf->len - buf->cursor, buf->len - buf->cursor)));
	why = compliance_invalid(c);
	if (why != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type slm.compliance"),
				 errdetail("%s", why)));
	PG_RETURN_POINTER(c);
}

/* ---------- transition and combine functions ---------- */

/* The optional paused multirange argument n, or NULL. */
static MultirangeType *
paused_arg(FunctionCallInfo fcinfo, int n, TypeCacheEntry **rtyp)
{
	MultirangeType *mr;

	if (PG_NARGS() <= n || PG_ARGISNULL(n))
		return NULL;
	mr = PG_GETARG_MULTIRANGE_P(n);
	*rtyp = lookup_type_cache(MultirangeTypeGetOid(mr), TYPECACHE_MULTIRANGE_INFO)->rngtype;
	return mr;
}

/*
 * Add one clock row (target, start, stop [, at] [, paused]) to the state:
 * met or breached as slm.status judges a stopped clock, open while
 * running, or breached when judged at instant at past its deadline.
 * Rows without a target or a start are skipped; rows that cannot be
 * judged (a stop before the start, a start or stop that is infinite or
 * past the year 9999) are counted as invalid.
 */
static Datum
add_clock_row(FunctionCallInfo fcinfo, int at_argno, int paused_argno)
{
	SlmCompliance *c;
	SlmTarget  *t;
	SlmClock   *clk;
	TimestampTz start,
				stop = 0;
	TypeCacheEntry *rtyp = NULL;
	MultirangeType *paused;
	int64		el;
	bool		has_stop = !PG_ARGISNULL(3);
	bool		has_at = at_argno > 0 && !PG_ARGISNULL(at_argno);

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
		return slm_agg_unchanged(fcinfo, &compliance_agg_type);

	t = PG_GETARG_SLM_TARGET_P(1);
	start = PG_GETARG_TIMESTAMPTZ(2);
	if (has_stop)
		stop = PG_GETARG_TIMESTAMPTZ(3);

	c = slm_agg_state(fcinfo, 0, &compliance_agg_type);
	goal_merge(c, t->goal_ppm >= 0 ? GOAL_SET : GOAL_NONE, Max(t->goal_ppm, 0));

	/* a row that cannot be judged is counted apart, never an error */
	if (!slm_clock_in_range(start) || (has_stop && !slm_clock_in_range(stop)))
	{
		count_row(c, &c->invalid);
		PG_RETURN_POINTER(c);
	}
	if (!has_stop && !has_at)
	{
		count_row(c, &c->open);
		PG_RETURN_POINTER(c);
	}

	/* the calendar compiled once per call site, as slm.status does */
	clk = slm_clock_get_flinfo(fcinfo->flinfo, SLM_TARGET_CAL(t));
	paused = paused_arg(fcinfo, paused_argno, &rtyp);
	if (has_stop)
	{
		switch (slm_target_judge(clk, t, start, true, stop, 0, paused, rtyp, &el))
		{
			case SLM_STATUS_INVALID:
				count_row(c, &c->invalid);
				break;
			case SLM_STATUS_BREACHED:
				count_row(c, &c->breached);
				add_timed(c, el);
				break;
			default:
				count_row(c, &c->met);
				add_timed(c, el);
				break;
		}
	}
	else
	{
		/* the instant is the report's question, not a row's data */
		TimestampTz at = PG_GETARG_TIMESTAMPTZ(at_argno);

		slm_check_finite(at, "at");
		if (slm_target_judge(clk, t, start, false, 0, at, paused, rtyp, &el) ==
			SLM_STATUS_BREACHED)
			count_row(c, &c->breached);
		else
			count_row(c, &c->open);
	}
	PG_RETURN_POINTER(c);
}

PG_FUNCTION_INFO_V1(slm_compliance_agg_trans);
/* Transition of slm.compliance_agg(target, start, stop [, paused]). */
Datum
slm_compliance_agg_trans(PG_FUNCTION_ARGS)
{
	return add_clock_row(fcinfo, 0, 4);
}

PG_FUNCTION_INFO_V1(slm_compliance_agg_trans_at);
/* Transition of slm.compliance_agg(target, start, stop, at [, paused]). */
Datum
slm_compliance_agg_trans_at(PG_FUNCTION_ARGS)
{
	return add_clock_row(fcinfo, 4, 5);
}

PG_FUNCTION_INFO_V1(slm_compliance_agg_trans_met);
/* Transition of slm.compliance_agg(met boolean): NULL counts as open. */
Datum
slm_compliance_agg_trans_met(PG_FUNCTION_ARGS)
{
	SlmCompliance *c = slm_agg_state(fcinfo, 0, &compliance_agg_type);

	if (PG_ARGISNULL(1))
		count_row(c, &c->open);
	else if (PG_GETARG_BOOL(1))
		count_row(c, &c->met);
	else
		count_row(c, &c->breached);
	PG_RETURN_POINTER(c);
}

PG_FUNCTION_INFO_V1(slm_compliance_agg_combine);
/*
 * Combine function of every summary aggregate, and the transition of
 * slm.rollup: a NULL side is no rows.
 */
Datum
slm_compliance_agg_combine(PG_FUNCTION_ARGS)
{
	return slm_agg_combine(fcinfo, &compliance_agg_type);
}

/* ---------- accessors ---------- */

PG_FUNCTION_INFO_V1(slm_compliance_total);
/* Rows counted: met + breached + open. */
Datum
slm_compliance_total(PG_FUNCTION_ARGS)
{
	SlmCompliance *c = PG_GETARG_SLM_COMPLIANCE_P(0);

	PG_RETURN_INT64(c->met + c->breached + c->open);
}

PG_FUNCTION_INFO_V1(slm_compliance_met);
/* Rows that met their target. */
Datum
slm_compliance_met(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_COMPLIANCE_P(0)->met);
}

PG_FUNCTION_INFO_V1(slm_compliance_breached);
/* Rows that breached their target. */
Datum
slm_compliance_breached(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_COMPLIANCE_P(0)->breached);
}

PG_FUNCTION_INFO_V1(slm_compliance_open);
/* Rows still running (not breached as judged). */
Datum
slm_compliance_open(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_COMPLIANCE_P(0)->open);
}

PG_FUNCTION_INFO_V1(slm_compliance_invalid);
/* Rows that could not be judged, outside met, breached and open. */
Datum
slm_compliance_invalid(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_COMPLIANCE_P(0)->invalid);
}

PG_FUNCTION_INFO_V1(slm_compliance_ratio);
/* met / (met + breached), or NULL when no row is closed. */
Datum
slm_compliance_ratio(PG_FUNCTION_ARGS)
{
	SlmCompliance *c = PG_GETARG_SLM_COMPLIANCE_P(0);

	if (c->met + c->breached == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) c->met / (double) (c->met + c->breached));
}

PG_FUNCTION_INFO_V1(slm_compliance_goal);
/* The rows' common goal as a fraction, or NULL. */
Datum
slm_compliance_goal(PG_FUNCTION_ARGS)
{
	SlmCompliance *c = PG_GETARG_SLM_COMPLIANCE_P(0);

	if (c->goal_kind != GOAL_SET)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(c->goal_ppm / (double) PPM);
}

PG_FUNCTION_INFO_V1(slm_compliance_goal_met);
/* Is the compliance at or above the goal? Exact, in integers. */
Datum
slm_compliance_goal_met(PG_FUNCTION_ARGS)
{
	SlmCompliance *c = PG_GETARG_SLM_COMPLIANCE_P(0);
	INT128		lhs = int64_to_int128(0),
				rhs = int64_to_int128(0);

	if (c->goal_kind != GOAL_SET || c->met + c->breached == 0)
		PG_RETURN_NULL();
	/* met / (met + breached) >= ppm / 10^6 */
	int128_add_int64_mul_int64(&lhs, c->met, PPM);
	int128_add_int64_mul_int64(&rhs, c->met + c->breached, c->goal_ppm);
	PG_RETURN_BOOL(int128_compare(lhs, rhs) >= 0);
}

/*
 * The goal in millionths for error_budget and burn_rate: the goal
 * argument when given (kept to six decimals, as slm.target keeps it),
 * else the summary's; false when there is none.
 */
static bool
budget_goal(FunctionCallInfo fcinfo, const SlmCompliance *c, int32 *ppm)
{
	double		g;

	if (PG_NARGS() < 2)
	{
		*ppm = c->goal_ppm;
		return c->goal_kind == GOAL_SET;
	}
	g = PG_GETARG_FLOAT8(1);
	if (isnan(g) || g <= 0 || g > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("goal must be a fraction in (0, 1], not %g", g),
				 errhint("Write 99.5%% as 0.995.")));
	*ppm = (int32) rint(g * PPM);
	return true;
}

/*
 * Burn rate: the breached share of closed rows over the share the goal
 * allows, (breached / closed) / (1 - goal), computed from integers with
 * one rounding. A goal of 100% allows nothing: 0 without breaches, else
 * infinity. false when there is no goal or no closed row.
 */
static bool
burn_rate(FunctionCallInfo fcinfo, double *rate)
{
	SlmCompliance *c = PG_GETARG_SLM_COMPLIANCE_P(0);
	int64		closed = c->met + c->breached;
	int32		ppm;

	if (!budget_goal(fcinfo, c, &ppm) || closed == 0)
		return false;
	if (c->breached == 0)
		*rate = 0;
	else if (ppm == PPM)
		*rate = get_float8_infinity();
	else
		*rate = ((double) c->breached * PPM) / ((double) closed * (PPM - ppm));
	return true;
}

PG_FUNCTION_INFO_V1(slm_compliance_burn_rate);
/* slm.burn_rate(summary [, goal]). */
Datum
slm_compliance_burn_rate(PG_FUNCTION_ARGS)
{
	double		rate;

	if (!burn_rate(fcinfo, &rate))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rate);
}

PG_FUNCTION_INFO_V1(slm_compliance_error_budget);
/* slm.error_budget(summary [, goal]): 1 - burn rate; negative when overspent. */
Datum
slm_compliance_error_budget(PG_FUNCTION_ARGS)
{
	double		rate;

	if (!burn_rate(fcinfo, &rate))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(1.0 - rate);
}

/*
 * The mean elapsed time in microseconds, rounded half up: the 128-bit sum
 * divided by timed in two steps (seconds, then the remainder with the
 * microseconds), exact while timed stays below 9 * 10^12 rows.
 */
static int64
elapsed_mean(const SlmCompliance *c)
{
	int64		n = c->timed;
	int64		q = c->sum_sec / n;
	int64		r = c->sum_sec % n;
	int64		rest,
				mean,
				rem;

	if (pg_mul_s64_overflow(r, SLM_SEC, &rest) ||
		pg_add_s64_overflow(rest, c->sum_us, &rest))
		return (int64) rintl(((long double) c->sum_sec * SLM_SEC + c->sum_us) / n);
	mean = q * SLM_SEC + rest / n;
	rem = rest % n;
	if (rem >= n - rem)
		mean++;
	return mean;
}

PG_FUNCTION_INFO_V1(slm_compliance_mean_elapsed);
/* Mean business time of the timed rows, or NULL. */
Datum
slm_compliance_mean_elapsed(PG_FUNCTION_ARGS)
{
	SlmCompliance *c = PG_GETARG_SLM_COMPLIANCE_P(0);

	if (c->timed == 0)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(slm_us_to_interval(elapsed_mean(c)));
}

PG_FUNCTION_INFO_V1(slm_compliance_max_elapsed);
/* Longest business time of the timed rows, or NULL. */
Datum
slm_compliance_max_elapsed(PG_FUNCTION_ARGS)
{
	SlmCompliance *c = PG_GETARG_SLM_COMPLIANCE_P(0);

	if (c->timed == 0)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(slm_us_to_interval(c->max_us));
}
