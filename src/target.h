/*-------------------------------------------------------------------------
 *
 * target.h
 *	  The slm.target type's stored form and the clock functions that the
 *	  trigger and the compliance aggregates share with the SQL functions.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SLM_TARGET_H
#define SLM_TARGET_H

#include "slm.h"

#define SLM_TARGET_VERSION 1

/*
 * The longest duration a target may have. The text form writes durations
 * in hours, which PostgreSQL 14's interval reader takes only up to
 * INT_MAX, so there targets stop below that, so that every target slm
 * builds reads back; from 15 on, any positive interval.
 */
#if PG_VERSION_NUM < 150000
#define SLM_TARGET_MAX_DURATION \
	((int64) PG_INT32_MAX * 3600 * INT64CONST(1000000) + 3599 * INT64CONST(1000000) + 999999)
#else
#define SLM_TARGET_MAX_DURATION PG_INT64_MAX
#endif

/*
 * slm.target, stored form (version 1): fixed fields, then the calendar as
 * an embedded slm.calendar varlena (canonical, 4-byte header).
 */
typedef struct SlmTarget
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SLM_TARGET_VERSION */
	uint8		flags;			/* SLM_TARGET_BUSINESS_DAYS or zero */
	uint16		reserved;		/* reserved, zero */
	int32		goal_ppm;		/* goal in millionths, -1 when none */
	int32		warn_ppm;		/* warning threshold in millionths, -1 when none */
	int32		pad;			/* zero */
	int64		duration;		/* business microseconds, > 0; or the
								 * number of business days, >= 0 */
	/* SlmCalendar follows */
} SlmTarget;

/*
 * flags: the target is "N business days", N kept in duration. Its clock runs
 * to the end of the service hours of the N-th business date after the
 * local date of the first opening at or after the start.
 */
#define SLM_TARGET_BUSINESS_DAYS	0x01
#define SLM_TARGET_MAX_BUSINESS_DAYS	1000000

#define SLM_TARGET_CAL(t)	((SlmCalendar *) ((char *) (t) + sizeof(SlmTarget)))

#define DatumGetSlmTargetP(X)		((SlmTarget *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SLM_TARGET_P(n)	DatumGetSlmTargetP(PG_GETARG_DATUM(n))

extern SlmTarget *slm_target_make(int64 duration, SlmCalendar *cal,
								  int32 goal_ppm, int32 warn_ppm);
extern bool slm_target_budget(SlmClock *clk, SlmTarget *t, TimestampTz start,
							  int64 *budget);
extern TimestampTz slm_target_deadline(SlmClock *clk, SlmTarget *t, TimestampTz start,
									   MultirangeType *paused, TypeCacheEntry *rtyp,
									   bool *found);
extern int64 slm_target_elapsed(SlmClock *clk, TimestampTz start, TimestampTz stop,
								MultirangeType *paused, TypeCacheEntry *rtyp);

/*
 * What a clock says: met or breached once stopped, running, at_risk or
 * breached while open, invalid when it stops before it starts.
 */
typedef enum SlmStatus
{
	SLM_STATUS_RUNNING,
	SLM_STATUS_AT_RISK,
	SLM_STATUS_MET,
	SLM_STATUS_BREACHED,
	SLM_STATUS_INVALID
} SlmStatus;

extern SlmStatus slm_target_judge(SlmClock *clk, SlmTarget *t, TimestampTz start,
								  bool has_stop, TimestampTz stop, TimestampTz at,
								  MultirangeType *paused, TypeCacheEntry *rtyp,
								  int64 *elapsed);
extern const char *slm_status_name(SlmStatus status);
extern const char *slm_target_status(SlmClock *clk, SlmTarget *t, TimestampTz start,
									 bool has_stop, TimestampTz stop, TimestampTz at,
									 MultirangeType *paused, TypeCacheEntry *rtyp);

#endif							/* SLM_TARGET_H */
