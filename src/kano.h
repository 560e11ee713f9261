/*-------------------------------------------------------------------------
 *
 * kano.h
 *	  Declarations shared by the survey modules of slm (kano.c, feedback.c):
 *	  writing their summaries as text, and merging counts.
 *
 * A summary's text form is the record form described in scan.h, e.g.
 * "(scale=5,responses=3,satisfied=2,sum=12,invalid=0)"; it is read with
 * the scanner's record functions.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SLM_KANO_H
#define SLM_KANO_H

#include "fmgr.h"
#include "lib/stringinfo.h"

/* Writing the text form. */
extern void slm_write_int64s(StringInfo buf, const char *key,
							 const int64 *v, int n);
extern void slm_write_float8s(StringInfo buf, const char *key,
							  const double *v, int n);

/* Overflow-checked addition of counts when summaries are merged. */
extern int64 slm_add_counts(int64 a, int64 b, const char *typname);

#endif							/* SLM_KANO_H */
