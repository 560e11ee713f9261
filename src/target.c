/*-------------------------------------------------------------------------
 *
 * target.c
 *	  The slm.target type (a duration on a calendar, with a compliance goal
 *	  and a warning threshold) and the clock functions over it: deadline,
 *	  elapsed, remaining and status.
 *
 * Text form: <duration> [on (<calendar>)] [goal <N>%] [warn <N>%]. The
 * duration is read by PostgreSQL's interval parser (no month part; a day is
 * 24 business hours) and printed canonically as hours, minutes and seconds.
 * Goal and warn are kept in millionths (0.0001 %), so text round-trips
 * exactly.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "common/hashfn.h"
#include "common/int.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"

#include "slm.h"
#include "scan.h"
#include "target.h"

/*
 * The hint for a duration that does not read: "2 days" is a duration of
 * 48 business hours, which is not what a contract's "2 days" usually means.
 */
#define DURATION_HINT \
	"Write the duration as an interval, such as \"4 hours\" or \"30 minutes\", " \
	"or as a number of business days. \"2 days\" is 48 hours of business time " \
	"(on office hours, more than a week); \"2 business days\" runs to the close " \
	"of the second open day after the start."

/*
 * The hint for a malformed business-day duration, after = the text after
 * the word "business": business hours are what a duration already is.
 */
static const char *
business_days_hint(const char *after)
{
	while (slm_scan_isspace(*after))
		after++;
	if (pg_strncasecmp(after, "hour", 4) == 0 || pg_strncasecmp(after, "minute", 6) == 0)
		return "A duration is business time already: write \"4 hours\", not \"4 business hours\".";
	return "Write \"N business days\" with N a whole number (\"1 business day\" for the next business day), "
		"alone: business days combine with no other unit.";
}

/*
 * Read "N business day(s)", the duration text from..to of the literal (str
 * is a copy of it). Returns 1 and sets *n when it is one, 0 when it does
 * not speak of business days, and -1 after a soft error: business days
 * combine with no other unit.
 */
static int
parse_business_days(SlmScan *ps, const char *from, const char *to,
					const char *str, int64 *n)
{
	SlmScan		sc;
	SlmScan		word;
	int			v;
	bool		digits;

	/* "business" as a word anywhere makes it a business-day target */
	slm_scan_init_part(&sc, ps, from, to);
	for (word = sc; *word.p != '\0'; word.p++)
		if ((word.p == sc.p || !isalpha((unsigned char) word.p[-1])) &&
			slm_scan_at_keyword(&word, "business"))
			break;
	if (*word.p == '\0')
		return 0;

	digits = slm_scan_small_int(&sc, 9, &v);
	if (digits && v > SLM_TARGET_MAX_BUSINESS_DAYS)
	{
		errsave(ps->escontext,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("target duration out of range: \"%s\"", str),
				 errdetail("A target can be at most %d business days.",
						   SLM_TARGET_MAX_BUSINESS_DAYS)));
		return -1;
	}
	if (digits && slm_scan_isspace(*sc.p))
	{
		slm_scan_skip_space(&sc);
		if (slm_scan_keyword(&sc, "business") && slm_scan_isspace(*sc.p))
		{
			slm_scan_skip_space(&sc);
			if ((slm_scan_keyword(&sc, "days") || slm_scan_keyword(&sc, "day")) &&
				slm_scan_at_end(&sc))
			{
				*n = v;
				return 1;
			}
		}
	}
	errsave(ps->escontext,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type slm.target: \"%s\"", ps->input),
			 errdetail("\"%s\" is not a number of business days.", str),
			 errhint("%s", business_days_hint(word.p + strlen("business")))));
	return -1;
}

/*
 * Parse a duration with PostgreSQL's interval reader, without throwing:
 * returns false (after errsave) on malformed or month-bearing input.
 */
static bool
parse_duration(SlmScan *ps, const char *str, int64 *us)
{
	Interval	iv;
#if PG_VERSION_NUM >= 150000
	char	   *field[MAXDATEFIELDS];
	int			ftype[MAXDATEFIELDS];
	char		workbuf[256];
	int			nf,
				dtype = 0,
				dterr;
	struct pg_itm_in itm_in;
#else
	char	   *field[MAXDATEFIELDS];
	int			ftype[MAXDATEFIELDS];
	char		workbuf[256];
	int			nf,
				dtype = 0,
				dterr;
	struct pg_tm tt;
	fsec_t		fsec;
#endif
	/*
	 * Signs are refused: with IntervalStyle sql_standard a leading sign
	 * applies to every field, so "-1 day 30 hours" would read differently
	 * from one session to the next.
	 */
	if (strpbrk(str, "+-") != NULL)
	{
		errsave(ps->escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type slm.target: \"%s\"", ps->input),
				 errdetail("The duration \"%s\" must be written without signs.", str)));
		return false;
	}
#if PG_VERSION_NUM >= 150000
	memset(&itm_in, 0, sizeof(itm_in));
	dterr = ParseDateTime(str, workbuf, sizeof(workbuf), field, ftype,
						  MAXDATEFIELDS, &nf);
	if (dterr == 0)
		dterr = DecodeInterval(field, ftype, nf, INTERVAL_FULL_RANGE, &dtype, &itm_in);
	if (dterr == DTERR_BAD_FORMAT)
		dterr = DecodeISO8601Interval(unconstify(char *, str), &dtype, &itm_in);
	if (dterr != 0 || dtype != DTK_DELTA || itmin2interval(&itm_in, &iv) != 0)
	{
		errsave(ps->escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type slm.target: \"%s\"", ps->input),
				 errdetail("\"%s\" is not a duration.", str),
				 errhint("%s", DURATION_HINT)));
		return false;
	}
#else
	/* the same reading through the interfaces of 14 */
	memset(&tt, 0, sizeof(tt));
	fsec = 0;
	dterr = ParseDateTime(str, workbuf, sizeof(workbuf), field, ftype,
						  MAXDATEFIELDS, &nf);
	if (dterr == 0)
		dterr = DecodeInterval(field, ftype, nf, INTERVAL_FULL_RANGE, &dtype, &tt, &fsec);
	if (dterr == DTERR_BAD_FORMAT)
		dterr = DecodeISO8601Interval(unconstify(char *, str), &dtype, &tt, &fsec);
	if (dterr != 0 || dtype != DTK_DELTA || tm2interval(&tt, fsec, &iv) != 0)
	{
		errsave(ps->escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type slm.target: \"%s\"", ps->input),
				 errdetail("\"%s\" is not a duration.", str),
				 errhint("%s", DURATION_HINT)));
		return false;
	}
#endif
	if (iv.month != 0)
	{
		errsave(ps->escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type slm.target: \"%s\"", ps->input),
				 errdetail("The duration \"%s\" has a month or year part.", str),
				 errhint("Use days (24 business hours each) or hours.")));
		return false;
	}
	if (pg_mul_s64_overflow((int64) iv.day, SLM_DAY, us) ||
		pg_add_s64_overflow(*us, iv.time, us) || *us <= 0)
	{
		errsave(ps->escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type slm.target: \"%s\"", ps->input),
				 errdetail("The duration \"%s\" must be positive.", str)));
		return false;
	}
	if (*us > SLM_TARGET_MAX_DURATION)
	{
		errsave(ps->escontext,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("target duration out of range: \"%s\"", str),
				 errdetail("On this PostgreSQL version a target's duration can be at most 2147483647 hours, so that its text form reads back.")));
		return false;
	}
	return true;
}

/* Parse "<N>%" into millionths of one; 0..100 %. */
static bool
parse_percent(SlmScan *ps, int32 *ppm)
{
	char	   *end;
	double		v;
	const char *start = ps->p;

	if (!isdigit((unsigned char) *ps->p))
		return slm_scan_error(ps, "Expected a percentage");
	v = strtod(ps->p, &end);
	ps->p = end;
	slm_scan_skip_space(ps);
	if (!slm_scan_accept(ps, '%'))
		return slm_scan_error(ps, "Expected \"%\" after the number");
	if (!(v >= 0 && v <= 100))
		return slm_scan_error_at(ps, start, "A percentage must be between 0 and 100");
	*ppm = (int32) rint(v * 10000.0);
	return true;
}

/* Assemble a target value. */
SlmTarget *
slm_target_make(int64 duration, SlmCalendar *cal, int32 goal_ppm, int32 warn_ppm)
{
	Size		size = sizeof(SlmTarget) + VARSIZE(cal);
	SlmTarget  *t = palloc0(size);

	SET_VARSIZE(t, size);
	t->version = SLM_TARGET_VERSION;
	t->duration = duration;
	t->goal_ppm = goal_ppm;
	t->warn_ppm = warn_ppm;
	memcpy(SLM_TARGET_CAL(t), cal, VARSIZE(cal));
	return t;
}

/*
 * Where the duration of a target literal ends: at the first clause keyword
 * that starts a word, or at the end. The duration itself is handed whole to
 * PostgreSQL's interval reader, which has a grammar of its own.
 */
static const char *
duration_end(const SlmScan *ps)
{
	SlmScan		look = *ps;

	for (; *look.p != '\0'; look.p++)
		if ((look.p == look.base || slm_scan_isspace(look.p[-1])) &&
			(slm_scan_at_keyword(&look, "on") ||
			 slm_scan_at_keyword(&look, "goal") ||
			 slm_scan_at_keyword(&look, "warn")))
			break;
	return look.p;
}

/*
 * Read the calendar of "on (<calendar>)", the scan being just after "on".
 * The calendar is read with a scan of the target's own literal, so that its
 * errors quote the whole target and count positions from its start.
 */
static SlmCalendar *
parse_on_calendar(SlmScan *ps)
{
	const char *close;
	SlmScan		calscan;
	SlmCalendar *cal;

	slm_scan_skip_space(ps);
	if (*ps->p != '(')
	{
		slm_scan_error(ps, "Expected \"(\" after \"on\"");
		return NULL;
	}
	/* a calendar holds no ")", so the first one closes it */
	close = strchr(ps->p, ')');
	if (close == NULL)
	{
		slm_scan_error(ps, "Expected \")\" to close the calendar");
		return NULL;
	}
	slm_scan_init_part(&calscan, ps, ps->p + 1, close);
	cal = slm_calendar_scan(&calscan);
	ps->p = close + 1;
	return cal;
}

/* Parse a target literal; NULL after a soft error. */
static SlmTarget *
target_parse(const char *str, struct Node *escontext)
{
	SlmScan		ps;
	const char *clauses;
	const char *durstart;
	const char *durend;
	char	   *durtext;
	int			bdays;
	int64		duration;
	SlmCalendar *cal = NULL;
	SlmTarget  *t;
	int32		goal = -1,
				warn = -1;

	slm_scan_init(&ps, str, "slm.target", escontext);

	/* the duration, blanks around it left out */
	clauses = duration_end(&ps);
	slm_scan_skip_space(&ps);
	durstart = Min(ps.p, clauses);
	durend = clauses;
	while (durend > durstart && slm_scan_isspace(durend[-1]))
		durend--;
	if (durend == durstart)
	{
		/* reported at the start of the literal, where the duration belongs */
		slm_scan_error_at(&ps, str, "Expected a duration");
		return NULL;
	}
	durtext = pnstrdup(durstart, durend - durstart);
	bdays = parse_business_days(&ps, durstart, durend, durtext, &duration);
	if (bdays < 0 || (bdays == 0 && !parse_duration(&ps, durtext, &duration)))
		return NULL;
	ps.p = clauses;

	while (!slm_scan_at_end(&ps))
	{
		const char *clause = ps.p;

		if (slm_scan_keyword(&ps, "on"))
		{
			if (cal != NULL)
			{
				slm_scan_error_at(&ps, clause, "The calendar is given twice");
				return NULL;
			}
			cal = parse_on_calendar(&ps);
			if (cal == NULL)
				return NULL;
		}
		else if (slm_scan_keyword(&ps, "goal"))
		{
			const char *number;

			if (goal >= 0)
			{
				slm_scan_error_at(&ps, clause, "The goal is given twice");
				return NULL;
			}
			slm_scan_skip_space(&ps);
			number = ps.p;
			if (!parse_percent(&ps, &goal))
				return NULL;
			/* "goal 0%" would not read back; kept to 0.0001 % */
			if (goal == 0)
			{
				slm_scan_error_at(&ps, number, "A goal must be at least 0.0001%");
				return NULL;
			}
		}
		else if (slm_scan_keyword(&ps, "warn"))
		{
			if (warn >= 0)
			{
				slm_scan_error_at(&ps, clause, "The warning threshold is given twice");
				return NULL;
			}
			slm_scan_skip_space(&ps);
			if (!parse_percent(&ps, &warn))
				return NULL;
		}
		else
		{
			slm_scan_error(&ps, "Expected \"on (...)\", \"goal N%\" or \"warn N%\"");
			return NULL;
		}
	}
	if (cal == NULL)
		cal = slm_calendar_default();
	t = slm_target_make(duration, cal, goal, warn);
	if (bdays)
		t->flags = SLM_TARGET_BUSINESS_DAYS;
	return t;
}

/* Append a duration as hours, minutes and seconds ("4h 30min 15.5s"). */
static void
append_duration(StringInfo buf, int64 us)
{
	int64		h = us / (3600 * SLM_SEC);
	int64		m = (us / (60 * SLM_SEC)) % 60;
	int64		s = us % (60 * SLM_SEC);
	bool		any = false;

	if (h)
	{
		appendStringInfo(buf, INT64_FORMAT "h", h);
		any = true;
	}
	if (m)
	{
		appendStringInfo(buf, "%s" INT64_FORMAT "min", any ? " " : "", m);
		any = true;
	}
	if (s || !any)
	{
		appendStringInfo(buf, "%s" INT64_FORMAT, any ? " " : "", s / SLM_SEC);
		if (s % SLM_SEC)
		{
			char		frac[8];
			int			k;

			snprintf(frac, sizeof(frac), "%06d", (int) (s % SLM_SEC));
			for (k = 5; k > 0 && frac[k] == '0'; k--)
				frac[k] = '\0';
			appendStringInfo(buf, ".%s", frac);
		}
		appendStringInfoChar(buf, 's');
	}
}

/* Append millionths as a percentage with at most four decimals. */
static void
append_percent(StringInfo buf, int32 ppm)
{
	appendStringInfo(buf, "%d", ppm / 10000);
	if (ppm % 10000)
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

/* Canonical text of a target. */
static char *
target_to_cstring(SlmTarget *t)
{
	StringInfoData buf;
	SlmCalendar *def = slm_calendar_default();
	SlmCalendar *cal = SLM_TARGET_CAL(t);

	initStringInfo(&buf);
	if (t->flags & SLM_TARGET_BUSINESS_DAYS)
		appendStringInfo(&buf, INT64_FORMAT " business day%s", t->duration,
						 t->duration == 1 ? "" : "s");
	else
		append_duration(&buf, t->duration);
	if (VARSIZE(cal) != VARSIZE(def) || memcmp(cal, def, VARSIZE(def)) != 0)
		appendStringInfo(&buf, " on (%s)", slm_calendar_to_cstring(cal));
	if (t->goal_ppm >= 0)
	{
		appendStringInfoString(&buf, " goal ");
		append_percent(&buf, t->goal_ppm);
	}
	if (t->warn_ppm >= 0)
	{
		appendStringInfoString(&buf, " warn ");
		append_percent(&buf, t->warn_ppm);
	}
	return buf.data;
}

PG_FUNCTION_INFO_V1(slm_target_in);
/* Text input. */
Datum
slm_target_in(PG_FUNCTION_ARGS)
{
	SlmTarget  *t = target_parse(PG_GETARG_CSTRING(0), SLM_ESCONTEXT_ARG(fcinfo));

	if (t == NULL)
		PG_RETURN_NULL();
	PG_RETURN_POINTER(t);
}

PG_FUNCTION_INFO_V1(slm_target_out);
/* Canonical text output. */
Datum
slm_target_out(PG_FUNCTION_ARGS)
{
	PG_RETURN_CSTRING(target_to_cstring(PG_GETARG_SLM_TARGET_P(0)));
}

PG_FUNCTION_INFO_V1(slm_target_send);
/* Binary output: a version byte, then the canonical text. */
Datum
slm_target_send(PG_FUNCTION_ARGS)
{
	char	   *text = target_to_cstring(PG_GETARG_SLM_TARGET_P(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SLM_TARGET_VERSION);
	pq_sendtext(&buf, text, strlen(text));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(slm_target_recv);
/* Binary input, re-parsed with the text reader. */
Datum
slm_target_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	int			nbytes;
	char	   *text;

	if (version != SLM_TARGET_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type slm.target",
						version)));
	text = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);
	PG_RETURN_POINTER(target_parse(text, NULL));
}

/* Byte equality of canonical targets. */
static bool
target_eq(SlmTarget *a, SlmTarget *b)
{
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

PG_FUNCTION_INFO_V1(slm_target_eq);
/* a = b */
Datum
slm_target_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(target_eq(PG_GETARG_SLM_TARGET_P(0), PG_GETARG_SLM_TARGET_P(1)));
}

PG_FUNCTION_INFO_V1(slm_target_ne);
/* a <> b */
Datum
slm_target_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!target_eq(PG_GETARG_SLM_TARGET_P(0), PG_GETARG_SLM_TARGET_P(1)));
}

/*
 * A fraction argument (goal or warn) as millionths; NULL gives -1. The
 * value is kept to six decimals, as the text form shows it; a goal that
 * would be kept as 0 is refused, since "goal 0%" does not read back.
 */
static int32
fraction_arg(FunctionCallInfo fcinfo, int n, const char *what, bool allow_zero)
{
	double		v;
	int32		ppm;

	if (PG_NARGS() <= n || PG_ARGISNULL(n))
		return -1;
	v = PG_GETARG_FLOAT8(n);
	if (isnan(v) || v < 0 || v > 1 || (!allow_zero && v == 0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s must be a fraction in %s, not %g", what,
						allow_zero ? "[0, 1]" : "(0, 1]", v),
				 errhint("Write 95%% as 0.95.")));
	ppm = (int32) rint(v * 1000000.0);
	if (ppm == 0 && !allow_zero)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s %g is too small", what, v),
				 errdetail("A %s is kept to six decimals, and %g would be kept as 0.", what, v),
				 errhint("The smallest %s is 0.000001 (0.0001%%).", what)));
	return ppm;
}

PG_FUNCTION_INFO_V1(slm_target_construct);
/* slm.target(duration, calendar, goal, warn). */
Datum
slm_target_construct(PG_FUNCTION_ARGS)
{
	int64		duration;
	SlmCalendar *cal;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	duration = slm_interval_to_us(PG_GETARG_INTERVAL_P(0), "target duration");
	if (duration <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("target duration must be positive")));
	if (duration > SLM_TARGET_MAX_DURATION)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("target duration out of range"),
				 errdetail("On this PostgreSQL version a target's duration can be at most 2147483647 hours, so that its text form reads back.")));
	if (PG_ARGISNULL(1))
		PG_RETURN_NULL();		/* leave the argument out for 24x7 */
	cal = PG_GETARG_SLM_CALENDAR_P(1);
	PG_RETURN_POINTER(slm_target_make(duration, cal,
									  fraction_arg(fcinfo, 2, "goal", false),
									  fraction_arg(fcinfo, 3, "warn", true)));
}

PG_FUNCTION_INFO_V1(slm_business_days_target);
/* slm.business_days_target(days, calendar, goal, warn). */
Datum
slm_business_days_target(PG_FUNCTION_ARGS)
{
	int32		days;
	SlmTarget  *t;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();		/* leave the calendar out for 24x7 */
	days = PG_GETARG_INT32(0);
	if (days < 0 || days > SLM_TARGET_MAX_BUSINESS_DAYS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("a target of %d business days is out of range", days),
				 errdetail("The number of business days is from 0 to %d.",
						   SLM_TARGET_MAX_BUSINESS_DAYS)));
	t = slm_target_make(days, PG_GETARG_SLM_CALENDAR_P(1),
						fraction_arg(fcinfo, 2, "goal", false),
						fraction_arg(fcinfo, 3, "warn", true));
	t->flags = SLM_TARGET_BUSINESS_DAYS;
	PG_RETURN_POINTER(t);
}

PG_FUNCTION_INFO_V1(slm_target_duration);
/* The target's duration; NULL for business days, whose length depends on the start. */
Datum
slm_target_duration(PG_FUNCTION_ARGS)
{
	SlmTarget  *t = PG_GETARG_SLM_TARGET_P(0);

	if (t->flags & SLM_TARGET_BUSINESS_DAYS)
		PG_RETURN_NULL();
	PG_RETURN_INTERVAL_P(slm_us_to_interval(t->duration));
}

PG_FUNCTION_INFO_V1(slm_target_business_days);
/* The number of business days of a business-day target, else NULL. */
Datum
slm_target_business_days(PG_FUNCTION_ARGS)
{
	SlmTarget  *t = PG_GETARG_SLM_TARGET_P(0);

	if (!(t->flags & SLM_TARGET_BUSINESS_DAYS))
		PG_RETURN_NULL();
	PG_RETURN_INT32((int32) t->duration);
}

PG_FUNCTION_INFO_V1(slm_target_calendar);
/* The target's calendar. */
Datum
slm_target_calendar(PG_FUNCTION_ARGS)
{
	SlmTarget  *t = PG_GETARG_SLM_TARGET_P(0);
	SlmCalendar *cal = SLM_TARGET_CAL(t);
	SlmCalendar *copy = palloc(VARSIZE(cal));

	memcpy(copy, cal, VARSIZE(cal));
	PG_RETURN_POINTER(copy);
}

PG_FUNCTION_INFO_V1(slm_target_goal);
/* The goal as a fraction, or NULL. */
Datum
slm_target_goal(PG_FUNCTION_ARGS)
{
	SlmTarget  *t = PG_GETARG_SLM_TARGET_P(0);

	if (t->goal_ppm < 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(t->goal_ppm / 1000000.0);
}

PG_FUNCTION_INFO_V1(slm_target_warn);
/* The warning threshold as a fraction, or NULL. */
Datum
slm_target_warn(PG_FUNCTION_ARGS)
{
	SlmTarget  *t = PG_GETARG_SLM_TARGET_P(0);

	if (t->warn_ppm < 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(t->warn_ppm / 1000000.0);
}

/* ---------- the clock over a target ---------- */

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
 * The business time a clock started at start may run, pauses aside: the
 * duration; for a target of N business days, the business time from start
 * to the end of the service hours of the N-th business date after the
 * local date of the first opening at or after start (day 0). From there a
 * business-day clock is judged exactly as a duration clock, so pauses push
 * its deadline out by the open time they take. False when there is none:
 * the calendar never opens after start, or the date is past the year 9999.
 */
bool
slm_target_budget(SlmClock *clk, SlmTarget *t, TimestampTz start, int64 *budget)
{
	TimestampTz close;

	if (!(t->flags & SLM_TARGET_BUSINESS_DAYS))
	{
		*budget = t->duration;
		return true;
	}
	if (!slm_clock_business_day_close(clk, start, (int32) t->duration, &close))
		return false;
	*budget = slm_clock_between(clk, start, close);
	return true;
}

/*
 * Deadline of a clock started at start: NULL (found = false) when a pause
 * without end holds the clock, or a business-day target has no close.
 */
TimestampTz
slm_target_deadline(SlmClock *clk, SlmTarget *t, TimestampTz start,
					MultirangeType *paused, TypeCacheEntry *rtyp, bool *found)
{
	int64		budget;

	*found = slm_target_budget(clk, t, start, &budget);
	if (!*found)
		return 0;
	if (paused)
		return slm_clock_add_paused(clk, start, budget, paused, rtyp, found);
	return slm_clock_add(clk, start, budget);
}

/* Business time from start to stop, paused time excluded. */
int64
slm_target_elapsed(SlmClock *clk, TimestampTz start, TimestampTz stop,
				   MultirangeType *paused, TypeCacheEntry *rtyp)
{
	if (paused)
		return slm_clock_between_paused(clk, start, stop, paused, rtyp);
	return slm_clock_between(clk, start, stop);
}

/*
 * The breach rule: is a clock that ran from start to end, elapsed business
 * microseconds (pauses excluded), past its deadline at end? The deadline is
 * the smallest instant at which the duration has run, and a clock is
 * breached exactly when end comes after it, as the stamped due time shows:
 * a stop exactly at the deadline is met, a stop on Saturday after a
 * deadline at Friday's closing time is breached.
 *
 * Elapsed time never decreases as end moves on, so the instants at which
 * the duration has run form [deadline, infinity) and end is past the
 * deadline exactly when the duration had already run one microsecond
 * before end. That needs no deadline, so a clock whose deadline does not
 * exist (a pause without end, a calendar that never accumulates the
 * duration, a deadline past the year 9999) is never breached; and the
 * second elapsed time is only needed when the first equals the duration.
 */
static bool
past_deadline(SlmClock *clk, int64 budget, TimestampTz start, TimestampTz end,
			  int64 elapsed, MultirangeType *paused, TypeCacheEntry *rtyp)
{
	if (elapsed != budget)
		return elapsed > budget;
	return end > start &&
		slm_target_elapsed(clk, start, end - 1, paused, rtyp) >= budget;
}

/*
 * Judge a clock: met or breached once stopped (invalid when it stops
 * before it starts); breached, at_risk or running at instant at while
 * open. *elapsed gets the business time from start to stop (or to at),
 * pauses excluded; it is not set for an invalid clock. Every status that
 * slm reports, stored or aggregated, comes from here.
 */
SlmStatus
slm_target_judge(SlmClock *clk, SlmTarget *t, TimestampTz start, bool has_stop,
				 TimestampTz stop, TimestampTz at, MultirangeType *paused,
				 TypeCacheEntry *rtyp, int64 *elapsed)
{
	TimestampTz end = has_stop ? stop : at;
	int64		el;
	int64		budget;
	bool		bounded;

	if (has_stop && stop < start)
		return SLM_STATUS_INVALID;
	el = slm_target_elapsed(clk, start, end, paused, rtyp);
	*elapsed = el;
	/* a business-day clock without a close day never runs out */
	bounded = slm_target_budget(clk, t, start, &budget);
	if (bounded && past_deadline(clk, budget, start, end, el, paused, rtyp))
		return SLM_STATUS_BREACHED;
	if (has_stop)
		return SLM_STATUS_MET;
	if (bounded && t->warn_ppm >= 0 &&
		(double) el >= (double) budget * (t->warn_ppm / 1000000.0))
		return SLM_STATUS_AT_RISK;
	return SLM_STATUS_RUNNING;
}

/* The text slm.status returns for a status. */
const char *
slm_status_name(SlmStatus status)
{
	switch (status)
	{
		case SLM_STATUS_RUNNING:
			return "running";
		case SLM_STATUS_AT_RISK:
			return "at_risk";
		case SLM_STATUS_MET:
			return "met";
		case SLM_STATUS_BREACHED:
			return "breached";
		case SLM_STATUS_INVALID:
			return "invalid";
	}
	elog(ERROR, "unknown clock status %d", (int) status);
	return NULL;				/* keep compiler quiet */
}

/*
 * Status of a clock as text: slm_target_judge's verdict, for callers that
 * need no elapsed time.
 */
const char *
slm_target_status(SlmClock *clk, SlmTarget *t, TimestampTz start, bool has_stop,
				  TimestampTz stop, TimestampTz at, MultirangeType *paused,
				  TypeCacheEntry *rtyp)
{
	int64		elapsed;

	return slm_status_name(slm_target_judge(clk, t, start, has_stop, stop, at,
											paused, rtyp, &elapsed));
}

/* Fetch the target argument and its compiled calendar. */
static SlmClock *
target_clock(FunctionCallInfo fcinfo, SlmTarget **t)
{
	*t = PG_GETARG_SLM_TARGET_P(0);
	return slm_clock_get(fcinfo, SLM_TARGET_CAL(*t));
}

PG_FUNCTION_INFO_V1(slm_deadline);
/* slm.deadline(target, start [, paused]). */
Datum
slm_deadline(PG_FUNCTION_ARGS)
{
	SlmTarget  *t;
	SlmClock   *clk;
	TimestampTz start;
	TypeCacheEntry *rtyp = NULL;
	MultirangeType *paused;
	TimestampTz due;
	bool		found;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	clk = target_clock(fcinfo, &t);
	start = PG_GETARG_TIMESTAMPTZ(1);
	slm_check_finite(start, "start");
	paused = paused_arg(fcinfo, 2, &rtyp);
	due = slm_target_deadline(clk, t, start, paused, rtyp, &found);
	if (!found)
		PG_RETURN_NULL();
	PG_RETURN_TIMESTAMPTZ(due);
}

PG_FUNCTION_INFO_V1(slm_elapsed);
/* slm.elapsed(target, start, stop [, paused]); NULL when stop < start. */
Datum
slm_elapsed(PG_FUNCTION_ARGS)
{
	SlmTarget  *t;
	SlmClock   *clk;
	TypeCacheEntry *rtyp = NULL;
	MultirangeType *paused;
	TimestampTz start,
				stop;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	clk = target_clock(fcinfo, &t);
	start = PG_GETARG_TIMESTAMPTZ(1);
	stop = PG_GETARG_TIMESTAMPTZ(2);
	slm_check_finite(start, "start");
	slm_check_finite(stop, "stop");
	/* a clock that stops before it starts is invalid: it took no time */
	if (stop < start)
		PG_RETURN_NULL();
	paused = paused_arg(fcinfo, 3, &rtyp);
	PG_RETURN_INTERVAL_P(slm_us_to_interval(slm_target_elapsed(clk, start, stop,
															   paused, rtyp)));
}

PG_FUNCTION_INFO_V1(slm_remaining);
/*
 * slm.remaining(target, start, at [, paused]): the business time from at to
 * the deadline, signed. The duration minus the elapsed time is that, by
 * additivity, and exists even when the deadline does not.
 */
Datum
slm_remaining(PG_FUNCTION_ARGS)
{
	SlmTarget  *t;
	SlmClock   *clk;
	TypeCacheEntry *rtyp = NULL;
	MultirangeType *paused;
	TimestampTz start,
				at;
	int64		left;
	int64		budget;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	clk = target_clock(fcinfo, &t);
	start = PG_GETARG_TIMESTAMPTZ(1);
	at = PG_GETARG_TIMESTAMPTZ(2);
	slm_check_finite(start, "start");
	slm_check_finite(at, "at");
	paused = paused_arg(fcinfo, 3, &rtyp);
	if (!slm_target_budget(clk, t, start, &budget))
		PG_RETURN_NULL();
	if (pg_sub_s64_overflow(budget, slm_target_elapsed(clk, start, at, paused, rtyp), &left))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("remaining business time out of range")));
	PG_RETURN_INTERVAL_P(slm_us_to_interval(left));
}

PG_FUNCTION_INFO_V1(slm_status);
/* slm.status(target, start, stop, at [, paused]). */
Datum
slm_status(PG_FUNCTION_ARGS)
{
	SlmTarget  *t;
	SlmClock   *clk;
	TypeCacheEntry *rtyp = NULL;
	MultirangeType *paused;
	TimestampTz start,
				stop = 0,
				at = 0;
	bool		has_stop = !PG_ARGISNULL(2);

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || (!has_stop && PG_ARGISNULL(3)))
		PG_RETURN_NULL();
	clk = target_clock(fcinfo, &t);
	start = PG_GETARG_TIMESTAMPTZ(1);
	slm_check_finite(start, "start");
	if (has_stop)
	{
		stop = PG_GETARG_TIMESTAMPTZ(2);
		slm_check_finite(stop, "stop");
	}
	else
	{
		at = PG_GETARG_TIMESTAMPTZ(3);
		slm_check_finite(at, "at");
	}
	paused = paused_arg(fcinfo, 4, &rtyp);
	PG_RETURN_TEXT_P(cstring_to_text(slm_target_status(clk, t, start, has_stop, stop,
													   at, paused, rtyp)));
}

PG_FUNCTION_INFO_V1(slm_target_cmp);
/* btree support: -1, 0 or 1 in the byte order of canonical targets. */
Datum
slm_target_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(slm_bytes_cmp((struct varlena *) PG_GETARG_SLM_TARGET_P(0),
								  (struct varlena *) PG_GETARG_SLM_TARGET_P(1)));
}

PG_FUNCTION_INFO_V1(slm_target_lt);
/* a < b in the byte order */
Datum
slm_target_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(slm_bytes_cmp((struct varlena *) PG_GETARG_SLM_TARGET_P(0),
								 (struct varlena *) PG_GETARG_SLM_TARGET_P(1)) < 0);
}

PG_FUNCTION_INFO_V1(slm_target_le);
/* a <= b in the byte order */
Datum
slm_target_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(slm_bytes_cmp((struct varlena *) PG_GETARG_SLM_TARGET_P(0),
								 (struct varlena *) PG_GETARG_SLM_TARGET_P(1)) <= 0);
}

PG_FUNCTION_INFO_V1(slm_target_gt);
/* a > b in the byte order */
Datum
slm_target_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(slm_bytes_cmp((struct varlena *) PG_GETARG_SLM_TARGET_P(0),
								 (struct varlena *) PG_GETARG_SLM_TARGET_P(1)) > 0);
}

PG_FUNCTION_INFO_V1(slm_target_ge);
/* a >= b in the byte order */
Datum
slm_target_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(slm_bytes_cmp((struct varlena *) PG_GETARG_SLM_TARGET_P(0),
								 (struct varlena *) PG_GETARG_SLM_TARGET_P(1)) >= 0);
}

PG_FUNCTION_INFO_V1(slm_target_hash);
/* hash support: a hash of the canonical bytes. */
Datum
slm_target_hash(PG_FUNCTION_ARGS)
{
	struct varlena *v = (struct varlena *) PG_GETARG_SLM_TARGET_P(0);

	return hash_any((unsigned char *) VARDATA(v), VARSIZE(v) - VARHDRSZ);
}
