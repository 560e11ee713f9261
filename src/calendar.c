/*-------------------------------------------------------------------------
 *
 * calendar.c
 *	  The slm.calendar type: agreed service hours (weekly spans, dated
 *	  overrides, one IANA zone). Parser, canonical output, binary I/O,
 *	  equality, and constructors for calendars kept in tables.
 *
 * The stored form is canonical: spans of a day are merged, dated clauses are
 * expanded to one entry per date, and the zone name is the spelling
 * PostgreSQL's zone database uses. Equal calendars are therefore equal byte
 * strings, and the text output re-reads to the same value.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>
#include <limits.h>

#include "catalog/pg_type.h"
#include "common/hashfn.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/guc.h"
#include "utils/memutils.h"

#include "slm.h"
#include "scan.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/* Module load: define slm's settings and reserve their prefix. */
void
_PG_init(void)
{
	slm_clock_init();
	slm_reserve_guc_prefix("slm");
}

static const char *const day_names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

/* One dated span (or a closed marker, start = end = -1) while parsing. */
typedef struct DatedSpan
{
	int32		date;			/* PostgreSQL date (days since 2000-01-01) */
	int32		start;
	int32		end;
} DatedSpan;

/*
 * Parser state: the scan of the literal, and what has been collected so
 * far. A calendar can also be read from inside another literal (a target's
 * "on (...)"), so the scan is set up by the caller.
 */
typedef struct CalParser
{
	SlmScan    *sc;
	struct Node *escontext;
	/* weekly spans per ISO weekday */
	SlmSpan    *wk[7];
	int			nwk[7];
	int			cap[7];
	int			nweekly;
	/* dated spans */
	DatedSpan  *ds;
	int			nds;
	int			capds;
	int			ndates;			/* dates named, counting repeats */
	char		tz[SLM_MAX_TZ_LEN + 1];
	bool		have_tz;
} CalParser;

/* Read exactly two digits (minutes or seconds). */
static bool
read_two_digits(CalParser *ps, int *v)
{
	const char *p = ps->sc->p;

	if (!isdigit((unsigned char) p[0]) || !isdigit((unsigned char) p[1]) ||
		isdigit((unsigned char) p[2]))
		return false;
	*v = (p[0] - '0') * 10 + (p[1] - '0');
	ps->sc->p += 2;
	return true;
}

/*
 * Read a time of day HH:MM[:SS] as seconds. An end may be 24:00 or, to
 * spell a span that runs past the next midnight, up to 48:00.
 */
static bool
read_time(CalParser *ps, bool is_end, int *secs)
{
	int			h,
				m,
				s = 0;
	const char *start = ps->sc->p;

	if (!slm_scan_small_int(ps->sc, 2, &h))
		return slm_scan_error(ps->sc, "Expected a time of day (HH:MM)");
	if (!slm_scan_accept(ps->sc, ':'))
		return slm_scan_error(ps->sc, "Expected \":\" in a time of day");
	if (!read_two_digits(ps, &m))
		return slm_scan_error(ps->sc, "Expected two digits of minutes");
	if (slm_scan_accept(ps->sc, ':'))
	{
		if (!read_two_digits(ps, &s))
			return slm_scan_error(ps->sc, "Expected two digits of seconds");
	}
	if (m > 59 || s > 59)
		return slm_scan_error_at(ps->sc, start, "Minutes and seconds must be below 60");
	*secs = h * 3600 + m * 60 + s;
	if (!is_end && h > 23)
		return slm_scan_error_at(ps->sc, start, "A span must start before 24:00");
	if (is_end && *secs > 48 * 3600)
		return slm_scan_error_at(ps->sc, start, "A span must end by 48:00");
	return true;
}

/*
 * Read one span "start-end". An end at or before the start runs into the
 * next day; an end past 24:00 is the next day spelled out.
 */
static bool
read_span(CalParser *ps, SlmSpan *span)
{
	int			s,
				e;
	const char *end_pos;

	if (!read_time(ps, false, &s))
		return false;
	slm_scan_skip_space(ps->sc);
	if (!slm_scan_accept(ps->sc, '-'))
		return slm_scan_error(ps->sc, "Expected \"-\" between the start and end of a span");
	slm_scan_skip_space(ps->sc);
	end_pos = ps->sc->p;
	if (!read_time(ps, true, &e))
		return false;
	if (e == s)
		return slm_scan_error_at(ps->sc, end_pos, "A span must not end when it starts");
	if (e < s)
		e += 86400;
	span->start = s;
	span->end = e;
	return true;
}

/* Add a weekly span to ISO weekday d. */
static bool
add_weekly(CalParser *ps, int d, SlmSpan span)
{
	if (ps->nweekly >= SLM_MAX_WEEKLY_SPANS)
	{
		errsave(ps->escontext,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many weekly spans in slm.calendar value"),
				 errdetail("A calendar may have at most %d weekly spans.",
						   SLM_MAX_WEEKLY_SPANS)));
		return false;
	}
	if (ps->nwk[d] >= ps->cap[d])
	{
		ps->cap[d] = ps->cap[d] ? ps->cap[d] * 2 : 4;
		ps->wk[d] = ps->wk[d] ? repalloc(ps->wk[d], ps->cap[d] * sizeof(SlmSpan))
			: palloc(ps->cap[d] * sizeof(SlmSpan));
	}
	ps->wk[d][ps->nwk[d]++] = span;
	ps->nweekly++;
	return true;
}

/* Add a dated span (start < 0 marks a closed date). */
static bool
add_dated(CalParser *ps, int32 date, int32 start, int32 end)
{
	if (ps->nds >= SLM_MAX_OVERRIDE_SPANS)
	{
		errsave(ps->escontext,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many dated spans in slm.calendar value"),
				 errdetail("A calendar may have at most %d dated spans.",
						   SLM_MAX_OVERRIDE_SPANS)));
		return false;
	}
	if (ps->nds >= ps->capds)
	{
		ps->capds = ps->capds ? ps->capds * 2 : 16;
		ps->ds = ps->ds ? repalloc(ps->ds, ps->capds * sizeof(DatedSpan))
			: palloc(ps->capds * sizeof(DatedSpan));
	}
	ps->ds[ps->nds].date = date;
	ps->ds[ps->nds].start = start;
	ps->ds[ps->nds].end = end;
	ps->nds++;
	return true;
}

/* Read a weekday name (three letters or the full English name). */
static bool
read_day(CalParser *ps, int *day)
{
	static const char *const full[7] = {"monday", "tuesday", "wednesday", "thursday",
	"friday", "saturday", "sunday"};

	for (int d = 0; d < 7; d++)
	{
		if (slm_scan_keyword(ps->sc, full[d]))
		{
			*day = d;
			return true;
		}

		/*
		 * A short name needs no word boundary but a non-letter after it, so
		 * that "mon09:00-17:00" reads as it always has.
		 */
		if (pg_strncasecmp(ps->sc->p, day_names[d], 3) == 0 &&
			!isalpha((unsigned char) ps->sc->p[3]))
		{
			ps->sc->p += 3;
			*day = d;
			return true;
		}
	}
	return slm_scan_error(ps->sc, "Expected a day (mon, tue, wed, thu, fri, sat, sun), a date, \"24x7\" or \"tz\"");
}

/* Read a comma-separated list of spans into a new array. */
static bool
read_span_list(CalParser *ps, SlmSpan **spans, int *nspans)
{
	int			cap = 4;

	*spans = palloc(cap * sizeof(SlmSpan));
	*nspans = 0;
	for (;;)
	{
		slm_scan_skip_space(ps->sc);
		if (*nspans >= cap)
		{
			cap *= 2;
			*spans = repalloc(*spans, cap * sizeof(SlmSpan));
		}
		if (!read_span(ps, &(*spans)[*nspans]))
			return false;
		(*nspans)++;
		slm_scan_skip_space(ps->sc);
		if (!slm_scan_accept(ps->sc, ','))
			return true;
	}
}

/* weekly clause: <days> <span>[, <span>...] */
static bool
parse_weekly(CalParser *ps)
{
	bool		days[7] = {false};
	SlmSpan    *spans;
	int			nspans;

	for (;;)
	{
		int			d1,
					d2;

		if (!read_day(ps, &d1))
			return false;
		d2 = d1;
		slm_scan_skip_space(ps->sc);
		if (slm_scan_accept(ps->sc, '-'))
		{
			slm_scan_skip_space(ps->sc);
			if (!read_day(ps, &d2))
				return false;
		}
		for (int d = d1;; d = (d + 1) % 7)
		{
			days[d] = true;
			if (d == d2)
				break;
		}
		slm_scan_skip_space(ps->sc);
		if (!slm_scan_accept(ps->sc, ','))
			break;
		slm_scan_skip_space(ps->sc);
	}
	if (!isdigit((unsigned char) *ps->sc->p))
		return slm_scan_error(ps->sc, "Expected a span (HH:MM-HH:MM) after the days");
	if (!read_span_list(ps, &spans, &nspans))
		return false;
	for (int d = 0; d < 7; d++)
		if (days[d])
			for (int i = 0; i < nspans; i++)
				if (!add_weekly(ps, d, spans[i]))
					return false;
	pfree(spans);
	return true;
}

/* Read a date YYYY-MM-DD as a PostgreSQL date. */
static bool
read_date(CalParser *ps, int32 *date)
{
	int			y,
				m,
				d;
	const char *start = ps->sc->p;

	if (!slm_scan_small_int(ps->sc, 4, &y) || ps->sc->p - start != 4 ||
		!slm_scan_accept(ps->sc, '-'))
		return slm_scan_error_at(ps->sc, start, "Expected a date (YYYY-MM-DD)");
	if (!slm_scan_small_int(ps->sc, 2, &m) || !slm_scan_accept(ps->sc, '-'))
		return slm_scan_error_at(ps->sc, start, "Expected a date (YYYY-MM-DD)");
	if (!slm_scan_small_int(ps->sc, 2, &d))
		return slm_scan_error_at(ps->sc, start, "Expected a date (YYYY-MM-DD)");
	if (y < 1 || m < 1 || m > 12 || d < 1 ||
		d > day_tab[isleap(y)][m - 1])
		return slm_scan_error_at(ps->sc, start, "Not a valid date");
	*date = date2j(y, m, d) - POSTGRES_EPOCH_JDATE;
	return true;
}

/* dated clause: <date>[..<date>] closed | <date>[..<date>] <span>, ... */
static bool
parse_dated(CalParser *ps)
{
	int32		d1,
				d2;
	SlmSpan    *spans = NULL;
	int			nspans = 0;

	if (!read_date(ps, &d1))
		return false;
	d2 = d1;
	slm_scan_skip_space(ps->sc);
	if (slm_scan_accept_text(ps->sc, ".."))
	{
		const char *at;

		slm_scan_skip_space(ps->sc);
		at = ps->sc->p;
		if (!read_date(ps, &d2))
			return false;
		if (d2 < d1)
			return slm_scan_error_at(ps->sc, at, "A date range must not end before it starts");
	}
	slm_scan_skip_space(ps->sc);
	if (!slm_scan_keyword(ps->sc, "closed"))
	{
		if (!isdigit((unsigned char) *ps->sc->p))
			return slm_scan_error(ps->sc, "Expected \"closed\" or a span after the date");
		if (!read_span_list(ps, &spans, &nspans))
			return false;
	}

	if ((int64) ps->ndates + (d2 - d1 + 1) > SLM_MAX_OVERRIDE_DATES)
	{
		errsave(ps->escontext,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many dated days in slm.calendar value"),
				 errdetail("A calendar may name at most %d dates in its dated clauses.",
						   SLM_MAX_OVERRIDE_DATES)));
		return false;
	}
	ps->ndates += d2 - d1 + 1;
	for (int32 d = d1; d <= d2; d++)
	{
		if (nspans == 0)
		{
			if (!add_dated(ps, d, -1, -1))
				return false;
		}
		for (int i = 0; i < nspans; i++)
			if (!add_dated(ps, d, spans[i].start, spans[i].end))
				return false;
	}
	if (spans)
		pfree(spans);
	return true;
}

/* Sort zone names. */
static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/*
 * Is name (canonically spelled) a zone of the time zone database? pg_tzset
 * also accepts POSIX rule strings such as "UTC+3" (which means UTC-3);
 * those carry digits, so names with digits are checked against the
 * database's list, read once per backend.
 */
static bool
zone_in_database(const char *name)
{
	static char **names = NULL;
	static int	nnames = 0;

	if (strpbrk(name, "0123456789<>,") == NULL)
		return true;
	if (names == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(TopMemoryContext);
		pg_tzenum  *e = pg_tzenumerate_start();
		pg_tz	   *tz;
		int			cap = 1024;
		char	  **list = palloc(cap * sizeof(char *));

		while ((tz = pg_tzenumerate_next(e)) != NULL)
		{
			if (nnames >= cap)
			{
				cap *= 2;
				list = repalloc(list, cap * sizeof(char *));
			}
			list[nnames++] = pstrdup(pg_get_timezone_name(tz));
		}
		pg_tzenumerate_end(e);
		qsort(list, nnames, sizeof(char *), name_cmp);
		names = list;
		MemoryContextSwitchTo(old);
	}
	return bsearch(&name, names, nnames, sizeof(char *), name_cmp) != NULL;
}

/* Look a zone name up; on success copy its canonical spelling into out. */
static bool
lookup_zone(const char *name, char *out, struct Node *escontext)
{
	pg_tz	   *tz = NULL;

	if (strlen(name) <= SLM_MAX_TZ_LEN && name[0] != '\0')
		tz = pg_tzset(name);
	if (tz == NULL || !pg_tz_acceptable(tz) ||
		!zone_in_database(pg_get_timezone_name(tz)))
	{
		errsave(escontext,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time zone \"%s\" not recognized", name),
				 errhint("Use an IANA zone name such as \"Europe/Berlin\"; see pg_timezone_names.")));
		return false;
	}
	strlcpy(out, pg_get_timezone_name(tz), SLM_MAX_TZ_LEN + 1);
	return true;
}

/* zone clause: tz <name> */
static bool
parse_tz(CalParser *ps)
{
	const char *start;
	char	   *name;
	char		canon[SLM_MAX_TZ_LEN + 1];

	slm_scan_skip_space(ps->sc);
	start = ps->sc->p;
	while (*ps->sc->p && *ps->sc->p != ';' && !slm_scan_isspace(*ps->sc->p))
		ps->sc->p++;
	if (ps->sc->p == start)
		return slm_scan_error(ps->sc, "Expected a time zone name after \"tz\"");
	if (ps->have_tz)
		return slm_scan_error_at(ps->sc, start, "The time zone is given twice");
	name = pnstrdup(start, ps->sc->p - start);
	if (!lookup_zone(name, canon, ps->escontext))
		return false;
	strlcpy(ps->tz, canon, sizeof(ps->tz));
	ps->have_tz = true;
	pfree(name);
	return true;
}

/* Sort spans by start, then end. */
static int
span_cmp(const void *a, const void *b)
{
	const SlmSpan *x = a,
			   *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

/* Sort dated spans by date, closed markers first, then by span. */
static int
dated_cmp(const void *a, const void *b)
{
	const DatedSpan *x = a,
			   *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return 0;
}

/* Merge sorted spans in place (overlapping or touching); returns the count. */
static int
merge_spans(SlmSpan *s, int n)
{
	int			k = 0;

	if (n == 0)
		return 0;
	qsort(s, n, sizeof(SlmSpan), span_cmp);
	for (int i = 1; i < n; i++)
	{
		if (s[i].start <= s[k].end)
		{
			if (s[i].end > s[k].end)
				s[k].end = s[i].end;
		}
		else
			s[++k] = s[i];
	}
	return k + 1;
}

/* Build the canonical varlena from the parser's collections. */
static SlmCalendar *
build_calendar(CalParser *ps)
{
	SlmSpan    *weekly;
	int			nweekly = 0;
	int32		wdayoff[8];
	int32	   *odate;
	int32	   *ooff;
	SlmSpan    *ospan;
	int			noverride = 0,
				nospan = 0;
	Size		size;
	SlmCalendar *cal;
	const char *tz = ps->have_tz ? ps->tz : "UTC";

	weekly = palloc((ps->nweekly + 1) * sizeof(SlmSpan));
	for (int d = 0; d < 7; d++)
	{
		int			n = merge_spans(ps->wk[d], ps->nwk[d]);

		wdayoff[d] = nweekly;
		if (n > 0)
			memcpy(weekly + nweekly, ps->wk[d], n * sizeof(SlmSpan));
		nweekly += n;
	}
	wdayoff[7] = nweekly;

	/* Dated spans: one entry per date, spans merged. */
	if (ps->nds > 0)
		qsort(ps->ds, ps->nds, sizeof(DatedSpan), dated_cmp);
	odate = palloc((ps->nds + 1) * sizeof(int32));
	ooff = palloc((ps->nds + 2) * sizeof(int32));
	ospan = palloc((ps->nds + 1) * sizeof(SlmSpan));
	for (int i = 0; i < ps->nds;)
	{
		int			j = i,
					first = nospan;

		odate[noverride] = ps->ds[i].date;
		ooff[noverride] = nospan;
		while (j < ps->nds && ps->ds[j].date == ps->ds[i].date)
		{
			if (ps->ds[j].start >= 0)
			{
				ospan[nospan].start = ps->ds[j].start;
				ospan[nospan].end = ps->ds[j].end;
				nospan++;
			}
			j++;
		}
		nospan = first + merge_spans(ospan + first, nospan - first);
		noverride++;
		i = j;
	}
	ooff[noverride] = nospan;

	size = sizeof(SlmCalendar) + nweekly * sizeof(SlmSpan) + 8 * sizeof(int32) +
		noverride * sizeof(int32) + (noverride + 1) * sizeof(int32) +
		nospan * sizeof(SlmSpan) + strlen(tz) + 1;
	cal = palloc0(size);
	SET_VARSIZE(cal, size);
	cal->version = SLM_CALENDAR_VERSION;
	cal->nweekly = nweekly;
	cal->noverride = noverride;
	cal->nospan = nospan;
	if (nweekly > 0)
		memcpy(SLM_CAL_WEEKLY(cal), weekly, nweekly * sizeof(SlmSpan));
	memcpy(SLM_CAL_WDAYOFF(cal), wdayoff, sizeof(wdayoff));
	if (noverride > 0)
		memcpy(SLM_CAL_ODATE(cal), odate, noverride * sizeof(int32));
	memcpy(SLM_CAL_OOFF(cal), ooff, (noverride + 1) * sizeof(int32));
	if (nospan > 0)
		memcpy(SLM_CAL_OSPAN(cal), ospan, nospan * sizeof(SlmSpan));
	strcpy(SLM_CAL_TZ(cal), tz);
	return cal;
}

/* Initialize a parser that reads with the scan sc. */
static void
parser_init(CalParser *ps, SlmScan *sc)
{
	memset(ps, 0, sizeof(*ps));
	ps->sc = sc;
	ps->escontext = sc->escontext;
}

/* Parse clauses until the end of the input; false on a soft error. */
static bool
parse_clauses(CalParser *ps)
{
	for (;;)
	{
		if (slm_scan_at_end(ps->sc))
			return true;
		if (slm_scan_accept(ps->sc, ';'))
			continue;
		if (slm_scan_keyword(ps->sc, "24x7"))
		{
			SlmSpan		all = {0, 86400};

			for (int d = 0; d < 7; d++)
				if (!add_weekly(ps, d, all))
					return false;
		}
		else if (slm_scan_keyword(ps->sc, "tz"))
		{
			if (!parse_tz(ps))
				return false;
		}
		else if (isdigit((unsigned char) *ps->sc->p))
		{
			if (!parse_dated(ps))
				return false;
		}
		else if (!parse_weekly(ps))
			return false;
		slm_scan_skip_space(ps->sc);
		if (*ps->sc->p != '\0' && *ps->sc->p != ';')
			return slm_scan_error(ps->sc, "Expected \";\" or the end of the calendar");
	}
}

/*
 * Read a calendar from the scan sc up to the end of its text. Returns NULL
 * after a soft error when sc's escontext can take one.
 */
SlmCalendar *
slm_calendar_scan(SlmScan *sc)
{
	CalParser	ps;

	parser_init(&ps, sc);
	if (!parse_clauses(&ps))
		return NULL;
	return build_calendar(&ps);
}

/*
 * Parse a calendar literal. Returns NULL after a soft error when escontext
 * can take one.
 */
SlmCalendar *
slm_calendar_parse(const char *str, struct Node *escontext)
{
	SlmScan		sc;

	slm_scan_init(&sc, str, "slm.calendar", escontext);
	return slm_calendar_scan(&sc);
}

/* The calendar every target uses by default: 24x7 in UTC. */
SlmCalendar *
slm_calendar_default(void)
{
	return slm_calendar_parse("24x7", NULL);
}

/* Append a time of day (seconds) as HH:MM or HH:MM:SS. */
static void
append_time(StringInfo buf, int secs)
{
	int			h = secs / 3600,
				m = (secs / 60) % 60,
				s = secs % 60;

	if (s != 0)
		appendStringInfo(buf, "%02d:%02d:%02d", h, m, s);
	else
		appendStringInfo(buf, "%02d:%02d", h, m);
}

/* Append a span list in the form the parser reads back to the same spans. */
static void
append_spans(StringInfo buf, const SlmSpan *s, int n)
{
	for (int i = 0; i < n; i++)
	{
		int			e = s[i].end;

		if (i > 0)
			appendStringInfoString(buf, ", ");
		append_time(buf, s[i].start);
		appendStringInfoChar(buf, '-');
		/* past midnight: the short form when it reads back the same */
		if (e > 86400 && e - 86400 < s[i].start)
			e -= 86400;
		append_time(buf, e);
	}
}

/* Are two span lists equal? */
static bool
spans_equal(const SlmSpan *a, int na, const SlmSpan *b, int nb)
{
	return na == nb && (na == 0 || memcmp(a, b, na * sizeof(SlmSpan)) == 0);
}

/* Append a date as YYYY-MM-DD. */
static void
append_date(StringInfo buf, int32 date)
{
	int			y,
				m,
				d;

	j2date(date + POSTGRES_EPOCH_JDATE, &y, &m, &d);
	appendStringInfo(buf, "%04d-%02d-%02d", y, m, d);
}

/*
 * Canonical text: weekly clauses grouped by identical hours (days in
 * Monday-first order, runs as ranges), "24x7" when every day is open all
 * day, dated clauses grouped into ranges of consecutive dates with identical
 * hours, and the zone last.
 */
char *
slm_calendar_to_cstring(const SlmCalendar *cal)
{
	StringInfoData buf;
	const SlmSpan *weekly = SLM_CAL_WEEKLY(cal);
	const int32 *wo = SLM_CAL_WDAYOFF(cal);
	const int32 *odate = SLM_CAL_ODATE(cal);
	const int32 *ooff = SLM_CAL_OOFF(cal);
	const SlmSpan *ospan = SLM_CAL_OSPAN(cal);
	bool		done[7] = {false};
	bool		first = true;
	bool		all_day = true;

	initStringInfo(&buf);
	for (int d = 0; d < 7; d++)
		if (wo[d + 1] - wo[d] != 1 || weekly[wo[d]].start != 0 ||
			weekly[wo[d]].end != 86400)
			all_day = false;

	if (all_day)
	{
		appendStringInfoString(&buf, "24x7");
		first = false;
	}
	else
	{
		for (int d = 0; d < 7; d++)
		{
			bool		same[7] = {false};
			bool		firstday = true;

			if (done[d] || wo[d + 1] == wo[d])
				continue;
			for (int e = d; e < 7; e++)
				if (!done[e] && spans_equal(weekly + wo[d], wo[d + 1] - wo[d],
											weekly + wo[e], wo[e + 1] - wo[e]))
					same[e] = done[e] = true;
			if (!first)
				appendStringInfoString(&buf, "; ");
			first = false;
			for (int e = 0; e < 7; e++)
			{
				int			f = e;

				if (!same[e])
					continue;
				while (f + 1 < 7 && same[f + 1])
					f++;
				if (!firstday)
					appendStringInfoChar(&buf, ',');
				firstday = false;
				appendStringInfoString(&buf, day_names[e]);
				if (f > e)
					appendStringInfo(&buf, "-%s", day_names[f]);
				e = f;
			}
			appendStringInfoChar(&buf, ' ');
			append_spans(&buf, weekly + wo[d], wo[d + 1] - wo[d]);
		}
	}

	for (int i = 0; i < cal->noverride;)
	{
		int			j = i;

		while (j + 1 < cal->noverride && odate[j + 1] == odate[j] + 1 &&
			   spans_equal(ospan + ooff[i], ooff[i + 1] - ooff[i],
						   ospan + ooff[j + 1], ooff[j + 2] - ooff[j + 1]))
			j++;
		if (!first)
			appendStringInfoString(&buf, "; ");
		first = false;
		append_date(&buf, odate[i]);
		if (j > i)
		{
			appendStringInfoString(&buf, "..");
			append_date(&buf, odate[j]);
		}
		appendStringInfoChar(&buf, ' ');
		if (ooff[i + 1] == ooff[i])
			appendStringInfoString(&buf, "closed");
		else
			append_spans(&buf, ospan + ooff[i], ooff[i + 1] - ooff[i]);
		i = j + 1;
	}

	if (!first)
		appendStringInfoString(&buf, "; ");
	appendStringInfo(&buf, "tz %s", SLM_CAL_TZ(cal));
	return buf.data;
}

PG_FUNCTION_INFO_V1(slm_calendar_in);
/* Text input. */
Datum
slm_calendar_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	SlmCalendar *cal = slm_calendar_parse(str, SLM_ESCONTEXT_ARG(fcinfo));

	if (cal == NULL)
		PG_RETURN_NULL();
	PG_RETURN_SLM_CALENDAR_P(cal);
}

PG_FUNCTION_INFO_V1(slm_calendar_out);
/* Canonical text output. */
Datum
slm_calendar_out(PG_FUNCTION_ARGS)
{
	SlmCalendar *cal = PG_GETARG_SLM_CALENDAR_P(0);

	PG_RETURN_CSTRING(slm_calendar_to_cstring(cal));
}

/*
 * Binary form: a format-version byte, then the canonical text. The receiver
 * parses the text with the same parser as text input, so nothing it reads is
 * trusted.
 */
PG_FUNCTION_INFO_V1(slm_calendar_send);
/* Binary output. */
Datum
slm_calendar_send(PG_FUNCTION_ARGS)
{
	SlmCalendar *cal = PG_GETARG_SLM_CALENDAR_P(0);
	StringInfoData buf;
	char	   *text = slm_calendar_to_cstring(cal);

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SLM_CALENDAR_VERSION);
	pq_sendtext(&buf, text, strlen(text));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(slm_calendar_recv);
/* Binary input. */
Datum
slm_calendar_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(buf);
	char	   *text;
	int			nbytes;

	if (version != SLM_CALENDAR_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type slm.calendar",
						version)));
	text = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);
	PG_RETURN_SLM_CALENDAR_P(slm_calendar_parse(text, NULL));
}

/* Byte equality of two canonical calendars. */
static bool
calendar_eq(SlmCalendar *a, SlmCalendar *b)
{
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

PG_FUNCTION_INFO_V1(slm_calendar_eq);
/* a = b */
Datum
slm_calendar_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(calendar_eq(PG_GETARG_SLM_CALENDAR_P(0), PG_GETARG_SLM_CALENDAR_P(1)));
}

PG_FUNCTION_INFO_V1(slm_calendar_ne);
/* a <> b */
Datum
slm_calendar_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!calendar_eq(PG_GETARG_SLM_CALENDAR_P(0), PG_GETARG_SLM_CALENDAR_P(1)));
}

/* Collect a calendar's current clauses back into a parser, for rebuilding. */
static void
parser_load(CalParser *ps, SlmCalendar *cal)
{
	const SlmSpan *weekly = SLM_CAL_WEEKLY(cal);
	const int32 *wo = SLM_CAL_WDAYOFF(cal);
	const int32 *odate = SLM_CAL_ODATE(cal);
	const int32 *ooff = SLM_CAL_OOFF(cal);
	const SlmSpan *ospan = SLM_CAL_OSPAN(cal);

	for (int d = 0; d < 7; d++)
		for (int i = wo[d]; i < wo[d + 1]; i++)
			add_weekly(ps, d, weekly[i]);
	for (int i = 0; i < cal->noverride; i++)
	{
		if (ooff[i + 1] == ooff[i])
			add_dated(ps, odate[i], -1, -1);
		for (int k = ooff[i]; k < ooff[i + 1]; k++)
			add_dated(ps, odate[i], ospan[k].start, ospan[k].end);
	}
	ps->ndates = cal->noverride;
	strlcpy(ps->tz, SLM_CAL_TZ(cal), sizeof(ps->tz));
	ps->have_tz = true;
}

/* Sort dates. */
static int
closed_date_cmp(const void *a, const void *b)
{
	int32		x = *(const int32 *) a,
				y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/*
 * Close the given dates: drop whatever dated hours they had and mark them
 * closed. NULL elements are ignored. Sorted and searched, so a long list of
 * holidays costs n log n.
 */
static void
parser_close_dates(CalParser *ps, ArrayType *dates)
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	int			k = 0;
	int32	   *days;

	if (ARR_NDIM(dates) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_ARRAY_SUBSCRIPT_ERROR),
				 errmsg("closed dates must be a one-dimensional array")));
	deconstruct_array(dates, DATEOID, sizeof(DateADT), true, TYPALIGN_INT,
					  &elems, &nulls, &n);
	days = palloc((n + 1) * sizeof(int32));
	for (int i = 0; i < n; i++)
	{
		DateADT		d;

		if (nulls[i])
			continue;
		d = DatumGetDateADT(elems[i]);
		if (DATE_NOT_FINITE(d))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("closed dates must be finite"),
					 errdetail("Element %d is %s.", i + 1,
							   DATE_IS_NOBEGIN(d) ? "-infinity" : "infinity")));
		days[k++] = d;
	}
	if (k > 0)
	{
		int			m = 1;

		qsort(days, k, sizeof(int32), closed_date_cmp);
		for (int i = 1; i < k; i++)
			if (days[i] != days[m - 1])
				days[m++] = days[i];
		k = m;
	}
	if ((int64) ps->ndates + k > SLM_MAX_OVERRIDE_DATES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many dated days in slm.calendar value"),
				 errdetail("A calendar may name at most %d dates in its dated clauses.",
						   SLM_MAX_OVERRIDE_DATES)));
	/* remove existing dated spans of these dates */
	for (int i = 0; i < ps->nds;)
	{
		if ((i & 1023) == 0)
			CHECK_FOR_INTERRUPTS();
		if (bsearch(&ps->ds[i].date, days, k, sizeof(int32), closed_date_cmp) != NULL)
			ps->ds[i] = ps->ds[--ps->nds];
		else
			i++;
	}
	for (int j = 0; j < k; j++)
		add_dated(ps, days[j], -1, -1);
}

PG_FUNCTION_INFO_V1(slm_calendar_make);
/*
 * slm.calendar(hours text, tz text, closed date[]): build a calendar from
 * columns of a table. The hours are weekly and dated clauses; tz names the
 * zone (a tz clause inside hours must agree with it); closed dates are added
 * as closed days.
 */
Datum
slm_calendar_make(PG_FUNCTION_ARGS)
{
	CalParser	ps;
	SlmScan		sc;
	char	   *hours;
	char	   *tzname;
	char		canon[SLM_MAX_TZ_LEN + 1];

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	hours = text_to_cstring(PG_GETARG_TEXT_PP(0));
	tzname = text_to_cstring(PG_GETARG_TEXT_PP(1));
	slm_scan_init(&sc, hours, "slm.calendar", NULL);
	parser_init(&ps, &sc);
	parse_clauses(&ps);
	lookup_zone(tzname, canon, NULL);
	if (ps.have_tz && strcmp(ps.tz, canon) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("conflicting time zones \"%s\" and \"%s\"", ps.tz, canon),
				 errdetail("The hours name one zone and the tz argument another.")));
	strlcpy(ps.tz, canon, sizeof(ps.tz));
	ps.have_tz = true;
	if (!PG_ARGISNULL(2))
		parser_close_dates(&ps, PG_GETARG_ARRAYTYPE_P(2));
	PG_RETURN_SLM_CALENDAR_P(build_calendar(&ps));
}

PG_FUNCTION_INFO_V1(slm_with_closed);
/* slm.with_closed(cal, dates): the calendar with those dates closed. */
Datum
slm_with_closed(PG_FUNCTION_ARGS)
{
	SlmCalendar *cal;
	ArrayType  *dates;
	CalParser	ps;
	SlmScan		sc;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	cal = PG_GETARG_SLM_CALENDAR_P(0);
	if (PG_ARGISNULL(1))
		PG_RETURN_SLM_CALENDAR_P(cal);	/* no dates to close */
	dates = PG_GETARG_ARRAYTYPE_P(1);
	slm_scan_init(&sc, "", "slm.calendar", NULL);
	parser_init(&ps, &sc);
	parser_load(&ps, cal);
	parser_close_dates(&ps, dates);
	PG_RETURN_SLM_CALENDAR_P(build_calendar(&ps));
}

PG_FUNCTION_INFO_V1(slm_calendar_tz);
/* slm.calendar_tz(cal): the calendar's zone name. */
Datum
slm_calendar_tz(PG_FUNCTION_ARGS)
{
	SlmCalendar *cal = PG_GETARG_SLM_CALENDAR_P(0);

	PG_RETURN_TEXT_P(cstring_to_text(SLM_CAL_TZ(cal)));
}

/*
 * Ordering and hashing of canonical values, byte by byte: an arbitrary but
 * consistent order, so that calendars and targets can be grouped, sorted,
 * joined and indexed. Shared with slm.target, whose stored form is also
 * canonical.
 */
int
slm_bytes_cmp(const struct varlena *a, const struct varlena *b)
{
	Size		la = VARSIZE(a),
				lb = VARSIZE(b);
	int			r = memcmp(VARDATA(a), VARDATA(b), Min(la, lb) - VARHDRSZ);

	if (r != 0)
		return r < 0 ? -1 : 1;
	return (la > lb) - (la < lb);
}

PG_FUNCTION_INFO_V1(slm_calendar_cmp);
/* btree support: -1, 0 or 1. */
Datum
slm_calendar_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(slm_bytes_cmp((struct varlena *) PG_GETARG_SLM_CALENDAR_P(0),
								  (struct varlena *) PG_GETARG_SLM_CALENDAR_P(1)));
}

PG_FUNCTION_INFO_V1(slm_calendar_lt);
/* a < b in the byte order */
Datum
slm_calendar_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(slm_bytes_cmp((struct varlena *) PG_GETARG_SLM_CALENDAR_P(0),
								 (struct varlena *) PG_GETARG_SLM_CALENDAR_P(1)) < 0);
}

PG_FUNCTION_INFO_V1(slm_calendar_le);
/* a <= b in the byte order */
Datum
slm_calendar_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(slm_bytes_cmp((struct varlena *) PG_GETARG_SLM_CALENDAR_P(0),
								 (struct varlena *) PG_GETARG_SLM_CALENDAR_P(1)) <= 0);
}

PG_FUNCTION_INFO_V1(slm_calendar_gt);
/* a > b in the byte order */
Datum
slm_calendar_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(slm_bytes_cmp((struct varlena *) PG_GETARG_SLM_CALENDAR_P(0),
								 (struct varlena *) PG_GETARG_SLM_CALENDAR_P(1)) > 0);
}

PG_FUNCTION_INFO_V1(slm_calendar_ge);
/* a >= b in the byte order */
Datum
slm_calendar_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(slm_bytes_cmp((struct varlena *) PG_GETARG_SLM_CALENDAR_P(0),
								 (struct varlena *) PG_GETARG_SLM_CALENDAR_P(1)) >= 0);
}

PG_FUNCTION_INFO_V1(slm_calendar_hash);
/* hash support: a hash of the canonical bytes. */
Datum
slm_calendar_hash(PG_FUNCTION_ARGS)
{
	struct varlena *v = (struct varlena *) PG_GETARG_SLM_CALENDAR_P(0);

	return hash_any((unsigned char *) VARDATA(v), VARSIZE(v) - VARHDRSZ);
}
