/*-------------------------------------------------------------------------
 *
 * kano.h
 *	  Declarations shared by the survey modules of slm (kano.c, feedback.c):
 *	  the small grammar in which their summaries are written as text.
 *
 * A summary's text form is a parenthesised list of key=value fields in a
 * fixed order, e.g. "(scale=5,responses=3,satisfied=2,sum=12,invalid=0)".
 * A value is a non-negative integer, a non-negative number, or a list of
 * either separated by slashes. White space may surround any token. A field
 * added in a later version is optional on input, so that the text forms of
 * earlier versions still read.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SLM_KANO_H
#define SLM_KANO_H

#include "fmgr.h"
#include "lib/stringinfo.h"

/* A text form being read: the whole input is kept for error messages. */
typedef struct SlmReader
{
	const char *input;			/* the whole input string */
	const char *typname;		/* the type being read, e.g. "slm.kano" */
	const char *p;				/* next character to read */
	struct Node *escontext;		/* soft error context, or NULL */
	int			nfields;		/* fields read so far */
} SlmReader;

/* Reading; each returns false after saving a soft error. */
extern bool slm_read_begin(SlmReader *r, const char *input,
						   const char *typname, struct Node *escontext);
extern bool slm_read_int64s(SlmReader *r, const char *key, int64 *v, int n);
extern bool slm_read_float8s(SlmReader *r, const char *key, double *v, int n);
extern bool slm_read_has_key(SlmReader *r, const char *key);
extern bool slm_read_end(SlmReader *r);

/* Writing, in the same form. */
extern void slm_write_int64s(StringInfo buf, const char *key,
							 const int64 *v, int n);
extern void slm_write_float8s(StringInfo buf, const char *key,
							  const double *v, int n);

/* Overflow-checked addition of counts when summaries are merged. */
extern int64 slm_add_counts(int64 a, int64 b, const char *typname);

#endif							/* SLM_KANO_H */
