/*-------------------------------------------------------------------------
 *
 * review.c
 *	  Figures of a service review that contracts define: slm.credit_tiers,
 *	  a schedule of service credits ("below 99.9% 10% of the monthly fee,
 *	  below 99% 25%, ..."), and slm.credit, the credit such a schedule owes
 *	  for an achieved compliance or availability.
 *
 * A schedule is a list of tiers, each a threshold and a credit, both
 * percentages kept in millionths (four decimals of a percent, as goals in
 * slm.target). A tier applies when the achieved figure is strictly below
 * its threshold; the credit owed is that of the applicable tier with the
 * lowest threshold. The tiers are kept sorted by threshold, highest first,
 * and the credits must rise strictly as thresholds fall, so that tier is
 * also the one with the highest credit, and a lower achievement never owes
 * less.
 *
 * Text form (canonical: tiers by descending threshold, ", " between them,
 * trailing zeros of decimals cut):
 *
 *	< 99.9% 10%, < 99% 25%, < 95% 100%
 *
 * Input accepts the tiers in any order and any white space between tokens.
 *
 * Binary form: a version byte (1), int32 number of tiers, then per tier
 * int32 threshold and int32 credit in millionths. Receive checks what
 * text input checks.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "common/hashfn.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"
#include "utils/numeric.h"

#include "slm.h"
#include "scan.h"

#define SLM_CREDIT_TIERS_VERSION 1

/* Percentages in millionths: 100% is 10^6. */
#define PPM			1000000

/* At most this many tiers; published schedules have two to five. */
#define SLM_MAX_CREDIT_TIERS 20

typedef struct SlmCreditTier
{
	int32		below;			/* threshold in millionths, 0 < below <= PPM */
	int32		credit;			/* credit in millionths, 0 <= credit <= PPM */
} SlmCreditTier;

/* slm.credit_tiers, stored form (version 1) */
typedef struct SlmCreditTiers
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SLM_CREDIT_TIERS_VERSION */
	uint8		flags;			/* reserved, zero */
	uint16		ntiers;			/* 1 .. SLM_MAX_CREDIT_TIERS */
	SlmCreditTier tiers[FLEXIBLE_ARRAY_MEMBER]; /* by descending threshold */
} SlmCreditTiers;

#define CREDIT_TIERS_SIZE(n)	(offsetof(SlmCreditTiers, tiers) + (n) * sizeof(SlmCreditTier))

#define DatumGetSlmCreditTiersP(X)		((SlmCreditTiers *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SLM_CREDIT_TIERS_P(n) DatumGetSlmCreditTiersP(PG_GETARG_DATUM(n))

/* ---------- building, checking, printing ---------- */

/* Order tiers by descending threshold. */
static int
tier_cmp(const void *a, const void *b)
{
	int32		x = ((const SlmCreditTier *) a)->below;
	int32		y = ((const SlmCreditTier *) b)->below;

	return (x < y) - (x > y);
}

/* Append a percentage in millionths as "<n>[.<frac>]%", trailing zeros cut. */
static void
append_percent(StringInfo buf, int32 ppm)
{
	appendStringInfo(buf, "%d", ppm / 10000);
	if (ppm % 10000 != 0)
	{
		char		frac[8];
		int			k;

		snprintf(frac, sizeof(frac), "%04d", ppm % 10000);
		for (k = 3; k > 0 && frac[k] == '0'; k--)
			frac[k] = '\0';
		appendStringInfo(buf, ".%s", frac);
	}
	appendStringInfoChar(buf, '%');
}

/* A percentage in millionths as text, for messages. */
static char *
percent_str(int32 ppm)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_percent(&buf, ppm);
	return buf.data;
}

/*
 * Sort n tiers and check that they make a schedule; NULL when they do,
 * else why not, as an errdetail sentence. The ranges of the values are
 * checked here too, for binary input.
 */
static const char *
tiers_sort_check(SlmCreditTier *t, int n)
{
	for (int i = 0; i < n; i++)
	{
		if (t[i].below <= 0 || t[i].below > PPM)
			return "A threshold must be above 0% and at most 100%.";
		if (t[i].credit < 0 || t[i].credit > PPM)
			return "A credit must be between 0% and 100%.";
	}
	qsort(t, n, sizeof(SlmCreditTier), tier_cmp);
	for (int i = 1; i < n; i++)
	{
		if (t[i].below == t[i - 1].below)
			return psprintf("Two tiers have the threshold %s.", percent_str(t[i].below));
		if (t[i].credit <= t[i - 1].credit)
			return psprintf("The credit of tier < %s (%s) is not above that of tier < %s (%s): credits must rise as thresholds fall.",
							percent_str(t[i].below), percent_str(t[i].credit),
							percent_str(t[i - 1].below), percent_str(t[i - 1].credit));
	}
	return NULL;
}

/* A schedule of n checked tiers. */
static SlmCreditTiers *
tiers_make(const SlmCreditTier *t, int n)
{
	SlmCreditTiers *ct = palloc0(CREDIT_TIERS_SIZE(n));

	SET_VARSIZE(ct, CREDIT_TIERS_SIZE(n));
	ct->version = SLM_CREDIT_TIERS_VERSION;
	ct->ntiers = n;
	memcpy(ct->tiers, t, n * sizeof(SlmCreditTier));
	return ct;
}

/*
 * Read a percentage "<digits>[.<1 to 4 digits>]%" of at most 100% into
 * millionths.
 */
static bool
parse_percent(SlmScan *sc, const char *what, int32 *ppm)
{
	const char *start = sc->p;
	int64		whole = 0;
	int32		frac;

	if (!isdigit((unsigned char) *sc->p))
		return slm_scan_error(sc, psprintf("Expected a %s (a percentage)", what));
	/* stop as soon as the number passes 100, so that it cannot overflow */
	while (isdigit((unsigned char) *sc->p))
	{
		whole = whole * 10 + (*sc->p - '0');
		if (whole > 100)
			return slm_scan_error_at(sc, start, psprintf("The %s is above 100%%", what));
		sc->p++;
	}
	if (!slm_scan_fraction(sc, 4, &frac))
		return false;
	if (!slm_scan_accept(sc, '%'))
		return slm_scan_error(sc, psprintf("Expected \"%%\" after the %s", what));
	*ppm = (int32) (whole * 10000 + frac);
	if (*ppm > PPM)
		return slm_scan_error_at(sc, start, psprintf("The %s is above 100%%", what));
	return true;
}

/* Parse a schedule literal; NULL after a soft error. */
static SlmCreditTiers *
tiers_parse(const char *str, struct Node *escontext)
{
	SlmScan		sc;
	SlmCreditTier t[SLM_MAX_CREDIT_TIERS];
	int			n = 0;
	const char *why;

	slm_scan_init(&sc, str, "slm.credit_tiers", escontext);

	for (;;)
	{
		SlmCreditTier tier;
		const char *value;

		slm_scan_skip_space(&sc);
		if (!slm_scan_accept(&sc, '<'))
		{
			slm_scan_error(&sc, n == 0 && *sc.p == '\0' ?
						   "A schedule has at least one tier, as \"< 99.9% 10%\"" :
						   "Expected \"<\" and a threshold");
			return NULL;
		}
		slm_scan_skip_space(&sc);
		value = sc.p;
		if (!parse_percent(&sc, "threshold", &tier.below))
			return NULL;
		if (tier.below == 0)
		{
			slm_scan_error_at(&sc, value, "A threshold must be above 0%");
			return NULL;
		}
		slm_scan_skip_space(&sc);
		if (!parse_percent(&sc, "credit", &tier.credit))
			return NULL;
		if (n == SLM_MAX_CREDIT_TIERS)
		{
			errsave(escontext,
					(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
					 errmsg("too many tiers in slm.credit_tiers value"),
					 errdetail("A schedule may have at most %d tiers.", SLM_MAX_CREDIT_TIERS)));
			return NULL;
		}
		t[n++] = tier;
		if (slm_scan_at_end(&sc))
			break;
		if (!slm_scan_accept(&sc, ','))
		{
			slm_scan_error(&sc, "Expected \",\" between tiers");
			return NULL;
		}
	}

	why = tiers_sort_check(t, n);
	if (why != NULL)
	{
		errsave(escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type slm.credit_tiers: \"%s\"", str),
				 errdetail("%s", why)));
		return NULL;
	}
	return tiers_make(t, n);
}

/* Canonical text of a schedule. */
static char *
tiers_to_cstring(const SlmCreditTiers *ct)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < ct->ntiers; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		appendStringInfoString(&buf, "< ");
		append_percent(&buf, ct->tiers[i].below);
		appendStringInfoChar(&buf, ' ');
		append_percent(&buf, ct->tiers[i].credit);
	}
	return buf.data;
}

/* ---------- I/O ---------- */

PG_FUNCTION_INFO_V1(slm_credit_tiers_in);
/* Text input. */
Datum
slm_credit_tiers_in(PG_FUNCTION_ARGS)
{
	SlmCreditTiers *ct = tiers_parse(PG_GETARG_CSTRING(0), SLM_ESCONTEXT_ARG(fcinfo));

	if (ct == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(ct);
}

PG_FUNCTION_INFO_V1(slm_credit_tiers_out);
/* Canonical text output. */
Datum
slm_credit_tiers_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(tiers_to_cstring(PG_GETARG_SLM_CREDIT_TIERS_P(0)));
}

PG_FUNCTION_INFO_V1(slm_credit_tiers_send);
/* Binary output: version byte, number of tiers, then the tiers. */
Datum
slm_credit_tiers_send(PG_FUNCTION_ARGS)
{
	SlmCreditTiers *ct = PG_GETARG_SLM_CREDIT_TIERS_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SLM_CREDIT_TIERS_VERSION);
	pq_sendint32(&buf, ct->ntiers);
	for (int i = 0; i < ct->ntiers; i++)
	{
		pq_sendint32(&buf, ct->tiers[i].below);
		pq_sendint32(&buf, ct->tiers[i].credit);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(slm_credit_tiers_recv);
/* Binary input, checked like text input. */
Datum
slm_credit_tiers_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	SlmCreditTier t[SLM_MAX_CREDIT_TIERS];
	int			version = pq_getmsgbyte(buf);
	int32		n;
	const char *why;

	if (version != SLM_CREDIT_TIERS_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type slm.credit_tiers",
						version)));
	n = pq_getmsgint(buf, 4);
	if (n < 1 || n > SLM_MAX_CREDIT_TIERS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type slm.credit_tiers"),
				 errdetail("The number of tiers is %d; a schedule has 1 to %d.",
						   n, SLM_MAX_CREDIT_TIERS)));
	for (int i = 0; i < n; i++)
	{
		t[i].below = pq_getmsgint(buf, 4);
		t[i].credit = pq_getmsgint(buf, 4);
	}
	if (buf->cursor != buf->len)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type slm.credit_tiers"),
				 errdetail_plural("%d byte follows the tiers.",
								  "%d bytes follow the tiers.",
								  buf->len - buf->cursor, buf->len - buf->cursor)));
	why = tiers_sort_check(t, n);
	if (why != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type slm.credit_tiers"),
				 errdetail("%s", why)));
	PG_RETURN_POINTER(tiers_make(t, n));
}

/* ---------- equality ---------- */

/* Are two schedules the same? Stored forms are canonical. */
static bool
tiers_equal(const SlmCreditTiers *a, const SlmCreditTiers *b)
{
	return a->ntiers == b->ntiers &&
		memcmp(a->tiers, b->tiers, a->ntiers * sizeof(SlmCreditTier)) == 0;
}

PG_FUNCTION_INFO_V1(slm_credit_tiers_eq);
/* a = b: the same tiers */
Datum
slm_credit_tiers_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(tiers_equal(PG_GETARG_SLM_CREDIT_TIERS_P(0),
							   PG_GETARG_SLM_CREDIT_TIERS_P(1)));
}

PG_FUNCTION_INFO_V1(slm_credit_tiers_ne);
/* a <> b */
Datum
slm_credit_tiers_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!tiers_equal(PG_GETARG_SLM_CREDIT_TIERS_P(0),
								PG_GETARG_SLM_CREDIT_TIERS_P(1)));
}

PG_FUNCTION_INFO_V1(slm_credit_tiers_hash);
/* hash support: a hash of the tiers, equal for equal schedules */
Datum
slm_credit_tiers_hash(PG_FUNCTION_ARGS)
{
	SlmCreditTiers *ct = PG_GETARG_SLM_CREDIT_TIERS_P(0);

	return hash_any((const unsigned char *) ct->tiers,
					ct->ntiers * sizeof(SlmCreditTier));
}

/* ---------- credits ---------- */

/*
 * The credit in millionths that schedule ct owes for achieved: that of the
 * last (lowest) tier whose threshold is above achieved, 0 when none is.
 * The threshold is compared as the float8 nearest to it, which is what a
 * decimal literal such as 0.999 reads as, and what met / closed gives when
 * the ratio is exactly that decimal: "below 99.9%" owes nothing for 0.999.
 */
static int32
credit_ppm(const SlmCreditTiers *ct, double achieved)
{
	if (isnan(achieved) || achieved < 0 || achieved > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("achieved must be a fraction between 0 and 1, not %g", achieved),
				 errhint("Write 99.95%% as 0.9995.")));
	for (int i = ct->ntiers - 1; i >= 0; i--)
		if (achieved < (double) ct->tiers[i].below / PPM)
			return ct->tiers[i].credit;
	return 0;
}

PG_FUNCTION_INFO_V1(slm_credit);
/* slm.credit(tiers, achieved): the credit owed, as a fraction of the price. */
Datum
slm_credit(PG_FUNCTION_ARGS)
{
	SlmCreditTiers *ct = PG_GETARG_SLM_CREDIT_TIERS_P(0);

	PG_RETURN_FLOAT8((double) credit_ppm(ct, PG_GETARG_FLOAT8(1)) / PPM);
}

PG_FUNCTION_INFO_V1(slm_credit_amount);
/*
 * slm.credit(tiers, achieved, price): the amount owed, price times the
 * credit, exact; it keeps the decimals of the price and no trailing zeros
 * beyond them.
 */
Datum
slm_credit_amount(PG_FUNCTION_ARGS)
{
	SlmCreditTiers *ct = PG_GETARG_SLM_CREDIT_TIERS_P(0);
	int32		ppm = credit_ppm(ct, PG_GETARG_FLOAT8(1));
	Datum		price = PG_GETARG_DATUM(2);
	Numeric		p = PG_GETARG_NUMERIC(2);
	Datum		amount;
	int32		pscale,
				ascale;

	if (numeric_is_nan(p) || numeric_is_inf(p) ||
		DatumGetBool(DirectFunctionCall2(numeric_lt, price,
										 NumericGetDatum(int64_to_numeric(0)))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("price must be a finite amount of at least 0, not %s",
						DatumGetCString(DirectFunctionCall1(numeric_out, price)))));

	amount = DirectFunctionCall2(numeric_mul, price,
								 NumericGetDatum(int64_div_fast_to_numeric(ppm, 6)));
	amount = DirectFunctionCall1(numeric_trim_scale, amount);
	pscale = DatumGetInt32(DirectFunctionCall1(numeric_scale, price));
	ascale = DatumGetInt32(DirectFunctionCall1(numeric_scale, amount));
	if (ascale < pscale)
		amount = DirectFunctionCall2(numeric_round, amount, Int32GetDatum(pscale));
	PG_RETURN_DATUM(amount);
}
