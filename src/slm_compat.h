/*-------------------------------------------------------------------------
 *
 * slm_compat.h
 *	  Differences between the PostgreSQL major versions slm builds on
 *	  (14 to 17), kept in one place.
 *
 *-------------------------------------------------------------------------
 */
#ifndef SLM_COMPAT_H
#define SLM_COMPAT_H

#if PG_VERSION_NUM < 140000
#error "slm requires PostgreSQL 14 or later"
#endif

/*
 * The varlena macros (VARSIZE, SET_VARSIZE, VARDATA, ...) moved from
 * postgres.h into varatt.h in 16, which postgres.h no longer includes.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/*
 * Soft input errors (errsave) arrived in PostgreSQL 16. Before that, an
 * input error is always thrown.
 */
#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
#define SLM_ESCONTEXT_ARG(fcinfo) ((fcinfo)->context)
#else
#define SLM_ESCONTEXT_ARG(fcinfo) ((struct Node *) NULL)
#define errsave(context, ...)	ereport(ERROR, __VA_ARGS__)
#define SOFT_ERROR_OCCURRED(escontext) (false)
#endif

/* strtoi64 arrived in 15. */
#if PG_VERSION_NUM < 150000
#define strtoi64(str, endptr, base) ((int64) strtoll((str), (endptr), (base)))
#endif

/* stringToQualifiedNameList gained a soft-error argument in 16. */
#if PG_VERSION_NUM >= 160000
#define slm_qualified_name_list(s) stringToQualifiedNameList((s), NULL)
#else
#define slm_qualified_name_list(s) stringToQualifiedNameList(s)
#endif

/* The backend's local transaction id moved into vxid in 17. */
#if PG_VERSION_NUM >= 170000
#define SLM_MY_LXID (MyProc->vxid.lxid)
#else
#define SLM_MY_LXID (MyProc->lxid)
#endif

/* make_range gained a soft-error argument in 16. */
#if PG_VERSION_NUM >= 160000
#define slm_make_range(rngtyp, lower, upper) make_range((rngtyp), (lower), (upper), false, NULL)
#else
#define slm_make_range(rngtyp, lower, upper) make_range((rngtyp), (lower), (upper), false)
#endif

/*
 * Reserving a prefix for custom settings arrived in 15; before, settings
 * under it that nobody defines only draw a warning.
 */
#if PG_VERSION_NUM >= 150000
#define slm_reserve_guc_prefix(prefix) MarkGUCPrefixReserved(prefix)
#else
#define slm_reserve_guc_prefix(prefix) EmitWarningsOnPlaceholders(prefix)
#endif

#endif							/* SLM_COMPAT_H */
