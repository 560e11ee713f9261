/*-------------------------------------------------------------------------
 *
 * scan.c
 *	  The text scanner of slm's input grammars (see scan.h): a cursor over a
 *	  literal, the tokens the grammars are made of, errors that say where
 *	  the input went wrong, and the record form of the survey summaries.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>
#include <math.h>

#include "common/int.h"
#include "mb/pg_wchar.h"
#include "utils/builtins.h"

#include "slm_compat.h"
#include "scan.h"

/* Start a scan of a whole literal. */
void
slm_scan_init(SlmScan *sc, const char *input, const char *typname,
			  struct Node *escontext)
{
	sc->input = input;
	sc->base = input;
	sc->p = input;
	sc->typname = typname;
	sc->escontext = escontext;
	sc->nfields = 0;
}

/*
 * Start a scan of the part [from, to) of what outer scans, for a grammar
 * embedded in another (a calendar inside a target). The part is read from a
 * copy of the text up to "to", so that its grammar sees the end of input
 * there; since the copy keeps everything before "from", positions still
 * count from the start of the whole literal, and errors quote the whole
 * literal and name the outer type.
 */
void
slm_scan_init_part(SlmScan *sc, const SlmScan *outer, const char *from,
				   const char *to)
{
	char	   *copy = pnstrdup(outer->base, to - outer->base);

	*sc = *outer;
	sc->base = copy;
	sc->p = copy + (from - outer->base);
	sc->nfields = 0;
}

/* The position of at (a pointer into the text scanned), in characters from 1. */
int
slm_scan_position(const SlmScan *sc, const char *at)
{
	return pg_mbstrlen_with_len(sc->base, (int) (at - sc->base)) + 1;
}

/* Report a syntax error at the cursor: "<what> at character N." */
bool
slm_scan_error(SlmScan *sc, const char *what)
{
	errsave(sc->escontext,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"",
					sc->typname, sc->input),
			 errdetail("%s at character %d.", what,
					   slm_scan_position(sc, sc->p))));
	return false;
}

/* Move the cursor back to at, where the faulty token starts, and report. */
bool
slm_scan_error_at(SlmScan *sc, const char *at, const char *what)
{
	sc->p = at;
	return slm_scan_error(sc, what);
}

/*
 * Report that what was expected at the cursor; at the end of the input the
 * detail says so instead of giving a position past the last character.
 */
bool
slm_scan_expected(SlmScan *sc, const char *what)
{
	if (*sc->p == '\0')
	{
		errsave(sc->escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"",
						sc->typname, sc->input),
				 errdetail("The input ends where %s was expected.", what)));
		return false;
	}
	return slm_scan_error(sc, psprintf("Expected %s", what));
}

/*
 * White space, the ASCII characters C's isspace() knows: tested without the
 * locale, so that no byte of a multibyte character is ever taken for one.
 */
bool
slm_scan_isspace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		c == '\v';
}

/* Skip white space. */
void
slm_scan_skip_space(SlmScan *sc)
{
	while (slm_scan_isspace(*sc->p))
		sc->p++;
}

/* Skip white space; is the input at its end? */
bool
slm_scan_at_end(SlmScan *sc)
{
	slm_scan_skip_space(sc);
	return *sc->p == '\0';
}

/* If the cursor is at the character c, step over it. */
bool
slm_scan_accept(SlmScan *sc, char c)
{
	if (*sc->p != c || c == '\0')
		return false;
	sc->p++;
	return true;
}

/* If the cursor is at text (case-sensitive, no word boundary), step over it. */
bool
slm_scan_accept_text(SlmScan *sc, const char *text)
{
	size_t		n = strlen(text);

	if (strncmp(sc->p, text, n) != 0)
		return false;
	sc->p += n;
	return true;
}

/* Is the cursor at the keyword kw: case-insensitive, as a whole word? */
bool
slm_scan_at_keyword(const SlmScan *sc, const char *kw)
{
	size_t		n = strlen(kw);

	return pg_strncasecmp(sc->p, kw, n) == 0 &&
		!isalnum((unsigned char) sc->p[n]) && sc->p[n] != '_';
}

/* If the cursor is at the keyword kw, step over it. */
bool
slm_scan_keyword(SlmScan *sc, const char *kw)
{
	if (!slm_scan_at_keyword(sc, kw))
		return false;
	sc->p += strlen(kw);
	return true;
}

/*
 * Which of the n keys is at the cursor, followed by "="? Its index, or -1.
 * The cursor does not move, so that an error can still point at the key.
 */
int
slm_scan_which_key(const SlmScan *sc, const char *const *keys, int n)
{
	for (int i = 0; i < n; i++)
	{
		size_t		len = strlen(keys[i]);

		if (strncmp(sc->p, keys[i], len) == 0 && sc->p[len] == '=')
			return i;
	}
	return -1;
}

/*
 * After white space, expect the character c; otherwise report that what
 * was expected (slm_scan_expected).
 */
bool
slm_scan_expect(SlmScan *sc, char c, const char *what)
{
	slm_scan_skip_space(sc);
	if (!slm_scan_accept(sc, c))
		return slm_scan_expected(sc, what);
	return true;
}

/*
 * Read 1 .. maxdigits decimal digits that no further digit follows. False,
 * without a report, if there are none or too many: the grammar says what it
 * expected, at the cursor where the digits stopped.
 */
bool
slm_scan_small_int(SlmScan *sc, int maxdigits, int *v)
{
	int			n = 0;

	*v = 0;
	while (isdigit((unsigned char) *sc->p) && n < maxdigits)
	{
		*v = *v * 10 + (*sc->p - '0');
		sc->p++;
		n++;
	}
	return n > 0 && !isdigit((unsigned char) *sc->p);
}

/* Read decimal digits into *v; false if the number overflows an int64. */
static bool
scan_digits(SlmScan *sc, int64 *v)
{
	*v = 0;
	while (isdigit((unsigned char) *sc->p))
	{
		if (pg_mul_s64_overflow(*v, 10, v) ||
			pg_add_s64_overflow(*v, *sc->p - '0', v))
			return false;
		sc->p++;
	}
	return true;
}

/*
 * Read a non-negative int64 written in decimal digits. Reports "Expected
 * <what>" if there is no digit, and an overflow at the number's start.
 */
bool
slm_scan_int64(SlmScan *sc, int64 *v, const char *what)
{
	const char *start = sc->p;

	if (!isdigit((unsigned char) *sc->p))
		return slm_scan_error(sc, psprintf("Expected %s", what));
	if (!scan_digits(sc, v))
		return slm_scan_error_at(sc, start, "The number is out of range");
	return true;
}

/*
 * Read an optional "." and 1 .. maxdigits digits as a fraction scaled to
 * 10^maxdigits (".5" with 4 digits is 5000); 0 if there is no ".".
 */
bool
slm_scan_fraction(SlmScan *sc, int maxdigits, int32 *frac)
{
	int			n = 0;

	*frac = 0;
	if (!slm_scan_accept(sc, '.'))
		return true;
	while (isdigit((unsigned char) *sc->p))
	{
		if (n == maxdigits)
			return slm_scan_error(sc, psprintf("At most %d decimals are allowed",
											   maxdigits));
		*frac = *frac * 10 + (*sc->p - '0');
		n++;
		sc->p++;
	}
	if (n == 0)
		return slm_scan_error(sc, "Expected a digit after \".\"");
	for (; n < maxdigits; n++)
		*frac *= 10;
	return true;
}

/* ----------------------------------------------------------------
 * The record form: (key=v,key=v1/v2,...)
 * ----------------------------------------------------------------
 */

/* Begin reading a record: "(". */
bool
slm_scan_record_begin(SlmScan *sc)
{
	sc->nfields = 0;
	return slm_scan_expect(sc, '(', "\"(\"");
}

/* Read "key=", preceded by a comma unless it is the first field. */
bool
slm_scan_field(SlmScan *sc, const char *key)
{
	if (sc->nfields > 0 && !slm_scan_expect(sc, ',', "\",\""))
		return false;
	slm_scan_skip_space(sc);
	if (!slm_scan_accept_text(sc, key))
		return slm_scan_expected(sc, psprintf("field \"%s\"", key));
	sc->nfields++;
	return slm_scan_expect(sc, '=', "\"=\"");
}

/*
 * Is the next field "key"? Looks ahead without reading anything, so that a
 * field added in a later version can be optional on input.
 */
bool
slm_scan_has_field(const SlmScan *sc, const char *key)
{
	SlmScan		ahead = *sc;

	slm_scan_skip_space(&ahead);
	if (ahead.nfields > 0)
	{
		if (!slm_scan_accept(&ahead, ','))
			return false;
		slm_scan_skip_space(&ahead);
	}
	if (!slm_scan_accept_text(&ahead, key))
		return false;
	slm_scan_skip_space(&ahead);
	return *ahead.p == '=';
}

/*
 * Step to value i of a field's slash-separated list: past the "/" before
 * every value but the first, and white space. The value must start with a
 * digit; what names it for the message if it does not.
 */
bool
slm_scan_list_item(SlmScan *sc, int i, const char *what)
{
	if (i > 0 && !slm_scan_expect(sc, '/', "\"/\""))
		return false;
	slm_scan_skip_space(sc);
	if (!isdigit((unsigned char) *sc->p))
		return slm_scan_expected(sc, what);
	return true;
}

/*
 * Report a value of field key that is well written but too large for its
 * type (22003); detail says what the limit is.
 */
bool
slm_scan_field_out_of_range(SlmScan *sc, const char *key, const char *detail)
{
	errsave(sc->escontext,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("value out of range in field \"%s\" of type %s: \"%s\"",
					key, sc->typname, sc->input),
			 errdetail_internal("%s", detail)));
	return false;
}

/* Read "key=v1/v2/.../vn" of non-negative integers. */
bool
slm_scan_field_int64s(SlmScan *sc, const char *key, int64 *v, int n)
{
	if (!slm_scan_field(sc, key))
		return false;
	for (int i = 0; i < n; i++)
	{
		if (!slm_scan_list_item(sc, i, "a non-negative integer"))
			return false;
		if (!scan_digits(sc, &v[i]))
			return slm_scan_field_out_of_range(sc, key,
											   "Counts must fit in a bigint.");
	}
	return true;
}

/* Read "key=v1/v2/.../vn" of non-negative finite float8 values. */
bool
slm_scan_field_float8s(SlmScan *sc, const char *key, double *v, int n)
{
	if (!slm_scan_field(sc, key))
		return false;
	for (int i = 0; i < n; i++)
	{
		char	   *end;

		if (!slm_scan_list_item(sc, i, "a non-negative number"))
			return false;
		errno = 0;
		v[i] = strtod(sc->p, &end);
		/* an underflow to a tiny or zero value is accepted, as float8in does */
		if (!isfinite(v[i]) || (errno == ERANGE && fabs(v[i]) >= 1.0))
			return slm_scan_field_out_of_range(sc, key,
											   "Sums must be finite float8 values.");
		sc->p = end;
	}
	return true;
}

/* Read the closing ")" and make sure nothing follows. */
bool
slm_scan_record_end(SlmScan *sc)
{
	if (!slm_scan_expect(sc, ')', "\",\" or \")\""))
		return false;
	if (!slm_scan_at_end(sc))
		return slm_scan_expected(sc, "the end of the input");
	return true;
}
