/*-------------------------------------------------------------------------
 *
 * scan.h
 *	  The text scanner every input grammar of slm is read with: calendars,
 *	  targets, the summaries of the aggregates, outage lists, credit tiers.
 *
 * A scan is a cursor over a literal. Its errors are 22P02 (or soft errors,
 * so that pg_input_is_valid() works) naming the type, quoting the literal
 * and giving the position of the cursor as PostgreSQL gives positions: in
 * characters, counting from 1 ("... at character 7."). The grammars'
 * tokens are ASCII, and no server encoding uses an ASCII byte inside a
 * multibyte character, so the cursor never stops inside one.
 *
 * Besides tokens, the scanner reads the record form the survey summaries
 * (slm.kano, slm.csat, slm.nps) are written in: a parenthesised list of
 * key=value fields in a fixed order, e.g.
 * "(scale=5,responses=3,satisfied=2,sum=12,invalid=0)". A value is a
 * non-negative integer, a non-negative number, or a list of either
 * separated by slashes. White space may surround any token. A field added
 * in a later version is optional on input (slm_scan_has_field), so that the
 * text forms of earlier versions still read.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SLM_SCAN_H
#define SLM_SCAN_H

typedef struct SlmScan
{
	const char *input;			/* the literal, quoted in messages */
	const char *base;			/* where character 1 of input is in the text
								 * scanned: input itself, or a copy of a
								 * prefix of it (see slm_scan_init_part) */
	const char *p;				/* cursor, within the text scanned */
	const char *typname;		/* "slm.calendar", ... */
	struct Node *escontext;		/* soft-error context, or NULL */
	int			nfields;		/* record fields read so far */
} SlmScan;

extern void slm_scan_init(SlmScan *sc, const char *input, const char *typname,
						  struct Node *escontext);
extern void slm_scan_init_part(SlmScan *sc, const SlmScan *outer,
							   const char *from, const char *to);

/* Positions and errors; the error functions return false after errsave. */
extern int	slm_scan_position(const SlmScan *sc, const char *at);
extern bool slm_scan_error(SlmScan *sc, const char *what);
extern bool slm_scan_error_at(SlmScan *sc, const char *at, const char *what);
extern bool slm_scan_expected(SlmScan *sc, const char *what);

/* Tokens. */
extern bool slm_scan_isspace(char c);
extern void slm_scan_skip_space(SlmScan *sc);
extern bool slm_scan_at_end(SlmScan *sc);
extern bool slm_scan_accept(SlmScan *sc, char c);
extern bool slm_scan_accept_text(SlmScan *sc, const char *text);
extern bool slm_scan_at_keyword(const SlmScan *sc, const char *kw);
extern bool slm_scan_keyword(SlmScan *sc, const char *kw);
extern int	slm_scan_which_key(const SlmScan *sc, const char *const *keys, int n);
extern bool slm_scan_expect(SlmScan *sc, char c, const char *what);
extern bool slm_scan_small_int(SlmScan *sc, int maxdigits, int *v);
extern bool slm_scan_int64(SlmScan *sc, int64 *v, const char *what);
extern bool slm_scan_fraction(SlmScan *sc, int maxdigits, int32 *frac);

/* The record form of the survey summaries. */
extern bool slm_scan_record_begin(SlmScan *sc);
extern bool slm_scan_field(SlmScan *sc, const char *key);
extern bool slm_scan_has_field(const SlmScan *sc, const char *key);
extern bool slm_scan_list_item(SlmScan *sc, int i, const char *what);
extern bool slm_scan_field_out_of_range(SlmScan *sc, const char *key,
										const char *detail);
extern bool slm_scan_field_int64s(SlmScan *sc, const char *key, int64 *v, int n);
extern bool slm_scan_field_float8s(SlmScan *sc, const char *key, double *v, int n);
extern bool slm_scan_record_end(SlmScan *sc);

#endif							/* SLM_SCAN_H */
