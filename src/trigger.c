/*-------------------------------------------------------------------------
 *
 * trigger.c
 *	  slm.track_sla(): a BEFORE INSERT OR UPDATE row trigger that stamps the
 *	  due time, the breach flag and the live status on each row as it is
 *	  written, and sends a NOTIFY when a row becomes breached.
 *
 * Configured with key=value arguments:
 *	 start=<col> (required), stop=<col>, paused=<tstzmultirange col>,
 *	 target=<slm.target col> | policy=<table> match=<col>[,<col>...],
 *	 due=<timestamptz col>, breached=<boolean col>, status=<text col>,
 *	 notify=<channel>.
 *
 * The policy lookup is a prepared plan kept per trigger; the targets it
 * returns are cached for the rest of the statement (same transaction and
 * command), so a bulk load pays one lookup per distinct key.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "nodes/bitmapset.h"
#include "utils/builtins.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/regproc.h"

#include "slm.h"
#include "target.h"

#define MAX_MATCH 8
#define TARGET_CACHE_SIZE 64

/* One cached policy target, keyed by the match values' text. */
typedef struct CachedTarget
{
	char	   *key;
	SlmTarget  *target;
} CachedTarget;

/* What a trigger's arguments say, and its prepared policy lookup. */
typedef struct TrigConf
{
	Oid			tgoid;
	char	   *start,
			   *stop,
			   *paused,
			   *target,
			   *policy,
			   *due,
			   *breached,
			   *status,
			   *notify;
	int			nmatch;
	char	   *match[MAX_MATCH];
	char	   *argsig;			/* the arguments joined, to notice changes */
	SPIPlanPtr	plan;
	MemoryContext cxt;
	/* statement-level cache of policy targets */
	TransactionId cache_xid;
	CommandId	cache_cid;
	int			ncache;
	CachedTarget cache[TARGET_CACHE_SIZE];
	struct TrigConf *next;
} TrigConf;

static TrigConf *conf_list = NULL;

/* Raise a configuration error about one trigger argument. */
static void
conf_error(Trigger *tg, const char *arg, const char *fmt, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("slm.track_sla trigger \"%s\": %s", tg->tgname, fmt),
			 arg ? (detail ? errdetail("In argument \"%s\". %s", arg, detail)
					: errdetail("In argument \"%s\".", arg))
			 : (detail ? errdetail("%s", detail) : 0),
			 errhint("Arguments are key=value: start, stop, paused, target or policy with match, due, breached, status, notify.")));
}

/* Parse the trigger's key=value arguments into a configuration. */
static void
conf_parse(TrigConf *c, Trigger *tg)
{
	StringInfoData sig;

	initStringInfo(&sig);
	for (int i = 0; i < tg->tgnargs; i++)
	{
		char	   *arg = tg->tgargs[i];
		char	   *eq = strchr(arg, '=');
		char	   *key,
				   *val;
		char	  **slot = NULL;

		appendStringInfo(&sig, "%s\n", arg);
		if (eq == NULL || eq == arg || eq[1] == '\0')
			conf_error(tg, arg, "argument is not key=value", NULL);
		key = pnstrdup(arg, eq - arg);
		val = pstrdup(eq + 1);
		if (strcmp(key, "start") == 0)
			slot = &c->start;
		else if (strcmp(key, "stop") == 0)
			slot = &c->stop;
		else if (strcmp(key, "paused") == 0)
			slot = &c->paused;
		else if (strcmp(key, "target") == 0)
			slot = &c->target;
		else if (strcmp(key, "policy") == 0)
			slot = &c->policy;
		else if (strcmp(key, "due") == 0)
			slot = &c->due;
		else if (strcmp(key, "breached") == 0)
			slot = &c->breached;
		else if (strcmp(key, "status") == 0)
			slot = &c->status;
		else if (strcmp(key, "notify") == 0)
			slot = &c->notify;
		else if (strcmp(key, "match") == 0)
		{
			char	   *p = val;

			if (c->nmatch > 0)
				conf_error(tg, arg, "match is given twice", NULL);
			for (;;)
			{
				char	   *comma = strchr(p, ',');

				if (c->nmatch >= MAX_MATCH)
					conf_error(tg, arg, "too many match columns", "At most 8 are allowed.");
				c->match[c->nmatch] = comma ? pnstrdup(p, comma - p) : pstrdup(p);
				if (c->match[c->nmatch][0] == '\0')
					conf_error(tg, arg, "empty column name in match", NULL);
				c->nmatch++;
				if (!comma)
					break;
				p = comma + 1;
			}
			continue;
		}
		else
			conf_error(tg, arg, "unknown key", NULL);
		if (*slot != NULL)
			conf_error(tg, arg, "key is given twice", NULL);
		*slot = val;
	}
	c->argsig = sig.data;

	if (c->start == NULL)
		conf_error(tg, NULL, "start=<column> is required", NULL);
	if ((c->target != NULL) == (c->policy != NULL))
		conf_error(tg, NULL, "exactly one of target=<column> and policy=<table> is required", NULL);
	if (c->policy != NULL && c->nmatch == 0)
		conf_error(tg, NULL, "policy=<table> needs match=<column>[,<column>...]", NULL);
	if (c->policy == NULL && c->nmatch > 0)
		conf_error(tg, NULL, "match is only used with policy=<table>", NULL);
	if (c->due == NULL && c->breached == NULL && c->status == NULL)
		conf_error(tg, NULL, "at least one output is required",
				   "Name a column with due=, breached= or status=.");
}

/* The configuration of a trigger, parsed once per backend and trigger. */
static TrigConf *
conf_get(Trigger *tg)
{
	TrigConf   *c;
	StringInfoData sig;

	initStringInfo(&sig);
	for (int i = 0; i < tg->tgnargs; i++)
		appendStringInfo(&sig, "%s\n", tg->tgargs[i]);
	for (c = conf_list; c; c = c->next)
		if (c->tgoid == tg->tgoid && strcmp(c->argsig, sig.data) == 0)
			return c;
	{
		MemoryContext cxt = AllocSetContextCreate(TopMemoryContext, "slm trigger",
												  ALLOCSET_SMALL_SIZES);
		MemoryContext old = MemoryContextSwitchTo(cxt);

		c = palloc0(sizeof(TrigConf));
		c->cxt = cxt;
		c->tgoid = tg->tgoid;
		PG_TRY();
		{
			conf_parse(c, tg);
		}
		PG_CATCH();
		{
			MemoryContextSwitchTo(old);
			MemoryContextDelete(cxt);
			PG_RE_THROW();
		}
		PG_END_TRY();
		MemoryContextSwitchTo(old);
	}
	c->next = conf_list;
	conf_list = c;
	return c;
}

/* Resolve a column argument and check its type. */
static int
conf_column(Trigger *tg, Relation rel, const char *key, const char *col,
			Oid want, const char *wantname)
{
	int			att = SPI_fnumber(RelationGetDescr(rel), col);
	Oid			typ;

	if (att <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("slm.track_sla trigger \"%s\": column \"%s\" of relation \"%s\" does not exist",
						tg->tgname, col, RelationGetRelationName(rel)),
				 errdetail("In argument \"%s=%s\".", key, col)));
	typ = SPI_gettypeid(RelationGetDescr(rel), att);
	if (want != InvalidOid && typ != want)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("slm.track_sla trigger \"%s\": column \"%s\" must be of type %s, not %s",
						tg->tgname, col, wantname, format_type_be(typ)),
				 errdetail("In argument \"%s=%s\".", key, col)));
	return att;
}

/* The OID of type slm.target. */
static Oid
target_type_oid(void)
{
	Oid			nsp = get_namespace_oid("slm", false);

	return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
						   CStringGetDatum("target"), ObjectIdGetDatum(nsp));
}

/* A target looked up in the policy table by the row's match values. */
static SlmTarget *
policy_target(TrigConf *c, Trigger *tg, Relation rel, HeapTuple row, Oid target_oid)
{
	TupleDesc	desc = RelationGetDescr(rel);
	Datum		values[MAX_MATCH];
	char		nulls[MAX_MATCH];
	StringInfoData key,
				shown;
	TransactionId xid = GetCurrentTransactionIdIfAny();
	CommandId	cid = GetCurrentCommandId(false);
	SlmTarget  *result;
	int			ret;
	bool		isnull;

	initStringInfo(&key);
	initStringInfo(&shown);
	for (int i = 0; i < c->nmatch; i++)
	{
		int			att = conf_column(tg, rel, "match", c->match[i], InvalidOid, NULL);
		char	   *txt;

		values[i] = SPI_getbinval(row, desc, att, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
					 errmsg("slm.track_sla trigger \"%s\": no policy row in \"%s\" for a NULL %s",
							tg->tgname, c->policy, c->match[i])));
		nulls[i] = ' ';
		txt = SPI_getvalue(row, desc, att);
		appendStringInfo(&key, "%s\x1f", txt);
		appendStringInfo(&shown, "%s%s = %s", i ? ", " : "", c->match[i], txt);
	}

	/* statement-level cache */
	if (c->cache_xid != xid || c->cache_cid != cid)
	{
		for (int i = 0; i < c->ncache; i++)
		{
			pfree(c->cache[i].key);
			pfree(c->cache[i].target);
		}
		c->ncache = 0;
		c->cache_xid = xid;
		c->cache_cid = cid;
	}
	for (int i = 0; i < c->ncache; i++)
		if (strcmp(c->cache[i].key, key.data) == 0)
			return c->cache[i].target;

	if (c->plan == NULL)
	{
		StringInfoData q;
		Oid			argtypes[MAX_MATCH];
		List	   *names = slm_qualified_name_list(c->policy);
		RangeVar   *rv = makeRangeVarFromNameList(names);
		Oid			relid = RangeVarGetRelid(rv, AccessShareLock, true);
		SPIPlanPtr	plan;

		if (!OidIsValid(relid))
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_TABLE),
					 errmsg("slm.track_sla trigger \"%s\": policy table \"%s\" does not exist",
							tg->tgname, c->policy),
					 errdetail("In argument \"policy=%s\".", c->policy)));
		initStringInfo(&q);
		appendStringInfo(&q, "SELECT target FROM %s WHERE ",
						 quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
													get_rel_name(relid)));
		for (int i = 0; i < c->nmatch; i++)
		{
			int			att = SPI_fnumber(desc, c->match[i]);

			argtypes[i] = SPI_gettypeid(desc, att);
			appendStringInfo(&q, "%s%s = $%d", i ? " AND " : "",
							 quote_identifier(c->match[i]), i + 1);
		}
		appendStringInfoString(&q, " LIMIT 2");
		plan = SPI_prepare(q.data, c->nmatch, argtypes);
		if (plan == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("slm.track_sla trigger \"%s\": cannot look up targets in \"%s\"",
							tg->tgname, c->policy),
					 errdetail("The policy table needs a column \"target\" of type slm.target and the match columns %s.",
							   "named in match=")));
		SPI_keepplan(plan);
		c->plan = plan;
	}
	ret = SPI_execute_plan(c->plan, values, nulls, true, 2);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "policy lookup failed: %s", SPI_result_code_string(ret));
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("slm.track_sla trigger \"%s\": no policy row in \"%s\" for %s",
						tg->tgname, c->policy, shown.data),
				 errhint("Add a row to the policy table for this key.")));
	if (SPI_processed > 1)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("slm.track_sla trigger \"%s\": more than one policy row in \"%s\" for %s",
						tg->tgname, c->policy, shown.data)));
	if (SPI_gettypeid(SPI_tuptable->tupdesc, 1) != target_oid)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("slm.track_sla trigger \"%s\": column \"target\" of \"%s\" must be of type slm.target",
						tg->tgname, c->policy)));
	{
		Datum		d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
		MemoryContext old;
		SlmTarget  *t;

		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("slm.track_sla trigger \"%s\": the policy row in \"%s\" for %s has a NULL target",
							tg->tgname, c->policy, shown.data)));
		t = DatumGetSlmTargetP(d);
		if (c->ncache < TARGET_CACHE_SIZE)
		{
			old = MemoryContextSwitchTo(c->cxt);
			result = palloc(VARSIZE(t));
			memcpy(result, t, VARSIZE(t));
			c->cache[c->ncache].key = pstrdup(key.data);
			c->cache[c->ncache].target = result;
			c->ncache++;
			MemoryContextSwitchTo(old);
		}
		else
		{
			/* outlive SPI_finish: the caller's context */
			result = SPI_palloc(VARSIZE(t));
			memcpy(result, t, VARSIZE(t));
		}
	}
	SPI_freetuptable(SPI_tuptable);
	return result;
}

/* Append a column value as JSON: numbers and booleans bare, the rest quoted. */
static void
append_json_value(StringInfo buf, HeapTuple row, TupleDesc desc, int att)
{
	char	   *v = SPI_getvalue(row, desc, att);
	Oid			typ = SPI_gettypeid(desc, att);

	if (v == NULL)
		appendStringInfoString(buf, "null");
	else if (typ == INT2OID || typ == INT4OID || typ == INT8OID || typ == NUMERICOID ||
			 typ == OIDOID)
		appendStringInfoString(buf, v);
	else if (typ == BOOLOID)
		appendStringInfoString(buf, v[0] == 't' ? "true" : "false");
	else
		escape_json(buf, v);
}

/* Send the breach notification for a row. */
static void
notify_breach(TrigConf *c, Relation rel, HeapTuple row, TimestampTz due, bool has_due)
{
	StringInfoData buf;
	TupleDesc	desc = RelationGetDescr(rel);
	Bitmapset  *pk = RelationGetIndexAttrBitmap(rel, INDEX_ATTR_BITMAP_PRIMARY_KEY);
	int			k = -1;
	bool		first = true;
	char	   *relname = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
													 RelationGetRelationName(rel));

	initStringInfo(&buf);
	appendStringInfoString(&buf, "{\"table\": ");
	escape_json(&buf, relname);
	appendStringInfoString(&buf, ", \"key\": ");
	if (pk == NULL)
		appendStringInfoString(&buf, "null");
	else
	{
		appendStringInfoChar(&buf, '{');
		while ((k = bms_next_member(pk, k)) >= 0)
		{
			int			att = k + FirstLowInvalidHeapAttributeNumber;

			if (!first)
				appendStringInfoString(&buf, ", ");
			first = false;
			escape_json(&buf, NameStr(TupleDescAttr(desc, att - 1)->attname));
			appendStringInfoString(&buf, ": ");
			append_json_value(&buf, row, desc, att);
		}
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoString(&buf, ", \"due\": ");
	if (has_due)
		escape_json(&buf, timestamptz_to_str(due));
	else
		appendStringInfoString(&buf, "null");
	appendStringInfoString(&buf, ", \"status\": \"breached\"}");
	Async_Notify(c->notify, buf.data);
}

/* Read an optional timestamptz column; false when NULL or not configured. */
static bool
get_ts(HeapTuple row, TupleDesc desc, int att, TimestampTz *out)
{
	bool		isnull;
	Datum		d;

	if (att <= 0)
		return false;
	d = SPI_getbinval(row, desc, att, &isnull);
	if (isnull)
		return false;
	*out = DatumGetTimestampTz(d);
	return true;
}

PG_FUNCTION_INFO_V1(slm_track_sla);
/* The trigger function. */
Datum
slm_track_sla(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Trigger    *tg;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	row,
				oldrow = NULL;
	TrigConf   *c;
	Oid			target_oid;
	int			a_start,
				a_stop = 0,
				a_paused = 0,
				a_target = 0,
				a_due = 0,
				a_breached = 0,
				a_status = 0;
	int			cols[3];
	Datum		vals[3];
	bool		nulls[3];
	int			ncols = 0;
	TimestampTz start,
				stop = 0,
				due = 0;
	bool		has_start,
				has_stop,
				found = false;
	SlmTarget  *target = NULL;
	MultirangeType *paused = NULL;
	TypeCacheEntry *rtyp = NULL;
	const char *status = NULL;
	bool		connected = false;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("slm.track_sla: not called by the trigger manager")));
	tg = td->tg_trigger;
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event) || !TRIGGER_FIRED_BEFORE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("slm.track_sla trigger \"%s\" must be fired BEFORE and FOR EACH ROW",
						tg->tgname)));
	if (TRIGGER_FIRED_BY_INSERT(td->tg_event))
		row = td->tg_trigtuple;
	else if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		row = td->tg_newtuple;
		oldrow = td->tg_trigtuple;
	}
	else
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("slm.track_sla trigger \"%s\" must be fired for INSERT or UPDATE",
						tg->tgname)));

	rel = td->tg_relation;
	desc = RelationGetDescr(rel);
	c = conf_get(tg);
	target_oid = target_type_oid();

	a_start = conf_column(tg, rel, "start", c->start, TIMESTAMPTZOID, "timestamptz");
	if (c->stop)
		a_stop = conf_column(tg, rel, "stop", c->stop, TIMESTAMPTZOID, "timestamptz");
	if (c->paused)
		a_paused = conf_column(tg, rel, "paused", c->paused, TSTZMULTIRANGEOID, "tstzmultirange");
	if (c->target)
		a_target = conf_column(tg, rel, "target", c->target, target_oid, "slm.target");
	if (c->due)
		a_due = conf_column(tg, rel, "due", c->due, TIMESTAMPTZOID, "timestamptz");
	if (c->breached)
		a_breached = conf_column(tg, rel, "breached", c->breached, BOOLOID, "boolean");
	if (c->status)
		a_status = conf_column(tg, rel, "status", c->status, TEXTOID, "text");

	has_start = get_ts(row, desc, a_start, &start);
	has_stop = get_ts(row, desc, a_stop, &stop);

	if (has_start)
	{
		bool		isnull;

		if (a_target)
		{
			Datum		d = SPI_getbinval(row, desc, a_target, &isnull);

			if (!isnull)
				target = DatumGetSlmTargetP(d);
		}
		else
		{
			if (SPI_connect() != SPI_OK_CONNECT)
				elog(ERROR, "SPI_connect failed");
			connected = true;
			target = policy_target(c, tg, rel, row, target_oid);
		}
		if (a_paused)
		{
			Datum		d = SPI_getbinval(row, desc, a_paused, &isnull);

			if (!isnull)
			{
				paused = DatumGetMultirangeTypeP(d);
				rtyp = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
			}
		}
	}

	if (target != NULL)
	{
		SlmClock   *clk = slm_clock_get_flinfo(fcinfo->flinfo, SLM_TARGET_CAL(target));

		slm_check_finite(start, "start");
		if (has_stop)
			slm_check_finite(stop, "stop");
		due = slm_target_deadline(clk, target, start, paused, rtyp, &found);
		status = slm_target_status(clk, target, start, has_stop, stop,
								   GetCurrentTransactionStartTimestamp(), paused, rtyp);
	}

	if (a_due)
	{
		cols[ncols] = a_due;
		vals[ncols] = TimestampTzGetDatum(due);
		nulls[ncols] = !found;
		ncols++;
	}
	if (a_breached)
	{
		cols[ncols] = a_breached;
		vals[ncols] = BoolGetDatum(status && strcmp(status, "breached") == 0);
		nulls[ncols] = status == NULL;
		ncols++;
	}
	if (a_status)
	{
		cols[ncols] = a_status;
		vals[ncols] = status ? PointerGetDatum(cstring_to_text(status)) : (Datum) 0;
		nulls[ncols] = status == NULL;
		ncols++;
	}

	/* notify when the row becomes breached */
	if (c->notify && status && strcmp(status, "breached") == 0)
	{
		bool		was = false;

		if (oldrow)
		{
			bool		isnull;

			if (a_breached)
			{
				Datum		d = SPI_getbinval(oldrow, desc, a_breached, &isnull);

				was = !isnull && DatumGetBool(d);
			}
			else if (a_status)
			{
				char	   *s = SPI_getvalue(oldrow, desc, a_status);

				was = s && strcmp(s, "breached") == 0;
			}
			else
			{
				TimestampTz ostart,
							ostop = 0;
				bool		ohas_stop = get_ts(oldrow, desc, a_stop, &ostop);

				if (get_ts(oldrow, desc, a_start, &ostart))
				{
					SlmClock   *clk = slm_clock_get_flinfo(fcinfo->flinfo,
														   SLM_TARGET_CAL(target));

					was = strcmp(slm_target_status(clk, target, ostart, ohas_stop, ostop,
												   GetCurrentTransactionStartTimestamp(),
												   NULL, NULL), "breached") == 0;
				}
			}
		}
		if (!was)
			notify_breach(c, rel, row, due, found);
	}

	if (connected)
		SPI_finish();
	if (ncols > 0)
		row = heap_modify_tuple_by_cols(row, desc, ncols, cols, vals, nulls);
	return PointerGetDatum(row);
}
