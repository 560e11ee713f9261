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
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/datum.h"
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

/* Column arguments, in the order of TrigConf.cols. */
enum
{
	COL_START, COL_STOP, COL_PAUSED, COL_TARGET, COL_DUE, COL_BREACHED, COL_STATUS,
	NUM_COLS
};

static const char *const col_keys[NUM_COLS] = {
	"start", "stop", "paused", "target", "due", "breached", "status"
};

/* One cached policy target, keyed by the match columns' values. */
typedef struct CachedTarget
{
	Datum		key[MAX_MATCH];
	SlmTarget  *target;
} CachedTarget;

/*
 * What a trigger's arguments say, the columns they resolve to, and its
 * prepared policy lookup with a statement-level cache of targets.
 */
typedef struct TrigConf
{
	Oid			tgoid;
	int			nargs;
	char	  **args;			/* copies, to notice a changed definition */
	char	   *col[NUM_COLS];	/* column names, NULL when not given */
	char	   *policy;
	char	   *notify;
	int			nmatch;
	char	   *match[MAX_MATCH];
	/* resolved against the relation */
	Oid			relid;
	int			att[NUM_COLS];	/* 0 when not given */
	Oid			atttype[NUM_COLS];
	int			match_att[MAX_MATCH];
	Oid			match_type[MAX_MATCH];
	Oid			target_oid;
	bool		checked;		/* arguments and columns valid; cleared by relcache invalidation */
	/* policy lookup */
	SPIPlanPtr	plan;
	LocalTransactionId cache_lxid;
	CommandId	cache_cid;
	int			ncache;
	CachedTarget cache[TARGET_CACHE_SIZE];
	MemoryContext cxt;
	MemoryContext cache_cxt;
	struct TrigConf *next;
} TrigConf;

static TrigConf *conf_list = NULL;
static bool inval_registered = false;

/*
 * Relcache invalidation: a changed table (ALTER TABLE, CREATE or DROP
 * TRIGGER) makes its configurations re-check their arguments and columns.
 */
static void
conf_invalidate(Datum arg, Oid relid)
{
	for (TrigConf *c = conf_list; c; c = c->next)
		if (!OidIsValid(relid) || c->relid == relid)
			c->checked = false;
}

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
	c->nargs = tg->tgnargs;
	c->args = palloc((tg->tgnargs + 1) * sizeof(char *));
	for (int i = 0; i < tg->tgnargs; i++)
	{
		char	   *arg = tg->tgargs[i];
		char	   *eq = strchr(arg, '=');
		char	   *key,
				   *val;
		char	  **slot = NULL;

		c->args[i] = pstrdup(arg);
		if (eq == NULL || eq == arg || eq[1] == '\0')
			conf_error(tg, arg, "argument is not key=value", NULL);
		key = pnstrdup(arg, eq - arg);
		val = pstrdup(eq + 1);
		for (int k = 0; k < NUM_COLS; k++)
			if (strcmp(key, col_keys[k]) == 0)
				slot = &c->col[k];
		if (strcmp(key, "policy") == 0)
			slot = &c->policy;
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
		if (slot == NULL)
			conf_error(tg, arg, "unknown key", NULL);
		if (*slot != NULL)
			conf_error(tg, arg, "key is given twice", NULL);
		*slot = val;
	}

	if (c->col[COL_START] == NULL)
		conf_error(tg, NULL, "start=<column> is required", NULL);
	if ((c->col[COL_TARGET] != NULL) == (c->policy != NULL))
		conf_error(tg, NULL, "exactly one of target=<column> and policy=<table> is required", NULL);
	if (c->policy != NULL && c->nmatch == 0)
		conf_error(tg, NULL, "policy=<table> needs match=<column>[,<column>...]", NULL);
	if (c->policy == NULL && c->nmatch > 0)
		conf_error(tg, NULL, "match is only used with policy=<table>", NULL);
	if (c->notify != NULL && strlen(c->notify) >= NAMEDATALEN)
		conf_error(tg, NULL, "notify channel name too long",
				   "A channel name has at most 63 bytes.");
	if (c->col[COL_DUE] == NULL && c->col[COL_BREACHED] == NULL && c->col[COL_STATUS] == NULL)
		conf_error(tg, NULL, "at least one output is required",
				   "Name a column with due=, breached= or status=.");
}

/* Does a cached configuration still describe this trigger's arguments? */
static bool
conf_matches(TrigConf *c, Trigger *tg)
{
	if (c->tgoid != tg->tgoid || c->nargs != tg->tgnargs)
		return false;
	for (int i = 0; i < c->nargs; i++)
		if (strcmp(c->args[i], tg->tgargs[i]) != 0)
			return false;
	return true;
}

/* Parse a trigger's arguments into a new configuration in its own context. */
static TrigConf *
conf_new(Trigger *tg)
{
	MemoryContext cxt = AllocSetContextCreate(TopMemoryContext, "slm trigger",
											  ALLOCSET_SMALL_SIZES);
	MemoryContext old = MemoryContextSwitchTo(cxt);
	TrigConf   *c = palloc0(sizeof(TrigConf));

	c->cxt = cxt;
	c->cache_cxt = AllocSetContextCreate(cxt, "slm trigger targets", ALLOCSET_SMALL_SIZES);
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
	return c;
}

/*
 * The configuration of a trigger, parsed once per backend and definition.
 * Until a relcache invalidation of its table, a configuration is trusted
 * without comparing arguments or columns again.
 */
static TrigConf *
conf_get(Trigger *tg)
{
	TrigConf   *c;
	TrigConf  **prev;

	if (!inval_registered)
	{
		CacheRegisterRelcacheCallback(conf_invalidate, (Datum) 0);
		inval_registered = true;
	}
	for (prev = &conf_list; (c = *prev) != NULL; prev = &c->next)
	{
		if (c->tgoid != tg->tgoid)
			continue;
		if (c->checked || conf_matches(c, tg))
			return c;
		/* the trigger was redefined: drop the old configuration */
		*prev = c->next;
		if (c->plan)
			SPI_freeplan(c->plan);
		MemoryContextDelete(c->cxt);
		break;
	}
	c = conf_new(tg);
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

/* Is column att of desc still called name, of type typ? */
static bool
att_still(TupleDesc desc, int att, const char *name, Oid typ)
{
	Form_pg_attribute a;

	if (att <= 0 || att > desc->natts)
		return false;
	a = TupleDescAttr(desc, att - 1);
	return !a->attisdropped && a->atttypid == typ && strcmp(NameStr(a->attname), name) == 0;
}

/*
 * Resolve the column arguments against the relation, reusing the previous
 * resolution while every column still has its name and type.
 */
static void
conf_resolve(TrigConf *c, Trigger *tg, Relation rel)
{
	static const Oid fixed[NUM_COLS] = {
		TIMESTAMPTZOID, TIMESTAMPTZOID, TSTZMULTIRANGEOID, InvalidOid,
		TIMESTAMPTZOID, BOOLOID, TEXTOID
	};
	static const char *const fixedname[NUM_COLS] = {
		"timestamptz", "timestamptz", "tstzmultirange", "slm.target",
		"timestamptz", "boolean", "text"
	};
	TupleDesc	desc = RelationGetDescr(rel);
	bool		valid = (c->relid == RelationGetRelid(rel));

	if (valid && c->checked)
		return;
	for (int k = 0; valid && k < NUM_COLS; k++)
		if (c->col[k] && !att_still(desc, c->att[k], c->col[k], c->atttype[k]))
			valid = false;
	for (int i = 0; valid && i < c->nmatch; i++)
		if (!att_still(desc, c->match_att[i], c->match[i], c->match_type[i]))
			valid = false;
	if (valid)
	{
		c->checked = true;
		return;
	}

	if (!OidIsValid(c->target_oid))
		c->target_oid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
										CStringGetDatum("target"),
										ObjectIdGetDatum(get_namespace_oid("slm", false)));
	for (int k = 0; k < NUM_COLS; k++)
	{
		Oid			want = (k == COL_TARGET) ? c->target_oid : fixed[k];

		c->att[k] = c->col[k] ? conf_column(tg, rel, col_keys[k], c->col[k], want,
											fixedname[k]) : 0;
		c->atttype[k] = want;
	}
	for (int i = 0; i < c->nmatch; i++)
	{
		c->match_att[i] = conf_column(tg, rel, "match", c->match[i], InvalidOid, NULL);
		c->match_type[i] = TupleDescAttr(desc, c->match_att[i] - 1)->atttypid;
	}
	c->relid = RelationGetRelid(rel);
	if (c->plan)
		SPI_freeplan(c->plan);
	c->plan = NULL;				/* argument types may have changed */
	c->checked = true;
}

/* "col = value, ..." for messages about a row's match values. */
static char *
match_text(TrigConf *c, HeapTuple row, TupleDesc desc)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < c->nmatch; i++)
	{
		char	   *v = SPI_getvalue(row, desc, c->match_att[i]);

		appendStringInfo(&buf, "%s%s = %s", i ? ", " : "", c->match[i], v ? v : "NULL");
	}
	return buf.data;
}

/* Prepare the policy lookup (connected to SPI). */
static void
prepare_policy(TrigConf *c, Trigger *tg, TupleDesc desc)
{
	StringInfoData q;
	Oid			argtypes[MAX_MATCH];
	RangeVar   *rv = makeRangeVarFromNameList(slm_qualified_name_list(c->policy));
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
		argtypes[i] = TupleDescAttr(desc, c->match_att[i] - 1)->atttypid;
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
				 errdetail("The policy table needs a column \"target\" of type slm.target and the columns named in match=.")));
	SPI_keepplan(plan);
	c->plan = plan;
}

/*
 * The target of a row, looked up in the policy table by the row's match
 * values. Targets are cached for the statement (same transaction and
 * command); SPI is entered only on a miss.
 */
static SlmTarget *
policy_target(TrigConf *c, Trigger *tg, Relation rel, HeapTuple row)
{
	TupleDesc	desc = RelationGetDescr(rel);
	Datum		values[MAX_MATCH];
	char		nulls[MAX_MATCH];
	LocalTransactionId lxid = SLM_MY_LXID;	/* assigned to every transaction */
	CommandId	cid = GetCurrentCommandId(false);
	SlmTarget  *result;
	SlmTarget  *t;
	Datum		d;
	bool		isnull;
	int			ret;

	for (int i = 0; i < c->nmatch; i++)
	{
		values[i] = heap_getattr(row, c->match_att[i], desc, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NOT_NULL_VIOLATION),
					 errmsg("slm.track_sla trigger \"%s\": no policy row in \"%s\" for a NULL %s",
							tg->tgname, c->policy, c->match[i])));
		nulls[i] = ' ';
	}

	if (c->cache_lxid != lxid || c->cache_cid != cid)
	{
		MemoryContextReset(c->cache_cxt);
		c->ncache = 0;
		c->cache_lxid = lxid;
		c->cache_cid = cid;
	}
	for (int e = 0; e < c->ncache; e++)
	{
		bool		same = true;

		for (int i = 0; same && i < c->nmatch; i++)
		{
			Form_pg_attribute a = TupleDescAttr(desc, c->match_att[i] - 1);

			same = datumIsEqual(values[i], c->cache[e].key[i], a->attbyval, a->attlen);
		}
		if (same)
			return c->cache[e].target;
	}

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (c->plan == NULL)
		prepare_policy(c, tg, desc);
	ret = SPI_execute_plan(c->plan, values, nulls, true, 2);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "policy lookup failed: %s", SPI_result_code_string(ret));
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 errmsg("slm.track_sla trigger \"%s\": no policy row in \"%s\" for %s",
						tg->tgname, c->policy, match_text(c, row, desc)),
				 errhint("Add a row to the policy table for this key.")));
	if (SPI_processed > 1)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("slm.track_sla trigger \"%s\": more than one policy row in \"%s\" for %s",
						tg->tgname, c->policy, match_text(c, row, desc))));
	if (SPI_gettypeid(SPI_tuptable->tupdesc, 1) != c->target_oid)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("slm.track_sla trigger \"%s\": column \"target\" of \"%s\" must be of type slm.target",
						tg->tgname, c->policy)));
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("slm.track_sla trigger \"%s\": the policy row in \"%s\" for %s has a NULL target",
						tg->tgname, c->policy, match_text(c, row, desc))));
	t = DatumGetSlmTargetP(d);
	if (c->ncache < TARGET_CACHE_SIZE)
	{
		MemoryContext old = MemoryContextSwitchTo(c->cache_cxt);
		CachedTarget *e = &c->cache[c->ncache];

		result = palloc(VARSIZE(t));
		memcpy(result, t, VARSIZE(t));
		for (int i = 0; i < c->nmatch; i++)
		{
			Form_pg_attribute a = TupleDescAttr(desc, c->match_att[i] - 1);

			e->key[i] = datumCopy(values[i], a->attbyval, a->attlen);
		}
		e->target = result;
		c->ncache++;
		MemoryContextSwitchTo(old);
	}
	else
	{
		/* outlive SPI_finish: the caller's context */
		result = SPI_palloc(VARSIZE(t));
		memcpy(result, t, VARSIZE(t));
	}
	SPI_finish();
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
	d = heap_getattr(row, att, desc, &isnull);
	if (isnull)
		return false;
	*out = DatumGetTimestampTz(d);
	return true;
}

/* Was the old row of an update breached, by its stored outputs? */
static bool
old_breached(TrigConf *c, HeapTuple oldrow, TupleDesc desc, SlmClock *clk,
			 SlmTarget *target)
{
	bool		isnull;
	Datum		d;
	TimestampTz ostart,
				ostop = 0;
	bool		ohas_stop;

	if (c->att[COL_BREACHED])
	{
		d = heap_getattr(oldrow, c->att[COL_BREACHED], desc, &isnull);
		return !isnull && DatumGetBool(d);
	}
	if (c->att[COL_STATUS])
	{
		d = heap_getattr(oldrow, c->att[COL_STATUS], desc, &isnull);
		return !isnull && strcmp(TextDatumGetCString(d), "breached") == 0;
	}
	/* only due is stored: judge the old row by its own times */
	ohas_stop = get_ts(oldrow, desc, c->att[COL_STOP], &ostop);
	if (!get_ts(oldrow, desc, c->att[COL_START], &ostart))
		return false;
	return strcmp(slm_target_status(clk, target, ostart, ohas_stop, ostop,
									GetCurrentTransactionStartTimestamp(), NULL, NULL),
				  "breached") == 0;
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
	int			cols[3];
	Datum		vals[3];
	bool		nulls[3];
	int			ncols = 0;
	TimestampTz start = 0,
				stop = 0,
				due = 0;
	bool		has_stop,
				found = false;
	SlmTarget  *target = NULL;
	SlmClock   *clk = NULL;
	MultirangeType *paused = NULL;
	TypeCacheEntry *rtyp = NULL;
	const char *status = NULL;
	bool		isnull;

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
	conf_resolve(c, tg, rel);

	has_stop = get_ts(row, desc, c->att[COL_STOP], &stop);
	if (get_ts(row, desc, c->att[COL_START], &start))
	{
		if (c->att[COL_TARGET])
		{
			Datum		d = heap_getattr(row, c->att[COL_TARGET], desc, &isnull);

			if (!isnull)
				target = DatumGetSlmTargetP(d);
		}
		else
			target = policy_target(c, tg, rel, row);
		if (c->att[COL_PAUSED])
		{
			Datum		d = heap_getattr(row, c->att[COL_PAUSED], desc, &isnull);

			if (!isnull)
			{
				paused = DatumGetMultirangeTypeP(d);
				rtyp = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
			}
		}
	}

	if (target != NULL)
	{
		clk = slm_clock_get_flinfo(fcinfo->flinfo, SLM_TARGET_CAL(target));
		slm_check_finite(start, "start");
		if (has_stop)
			slm_check_finite(stop, "stop");
		due = slm_target_deadline(clk, target, start, paused, rtyp, &found);
		status = slm_target_status(clk, target, start, has_stop, stop,
								   GetCurrentTransactionStartTimestamp(), paused, rtyp);
	}

	if (c->att[COL_DUE])
	{
		cols[ncols] = c->att[COL_DUE];
		vals[ncols] = TimestampTzGetDatum(due);
		nulls[ncols] = !found;
		ncols++;
	}
	if (c->att[COL_BREACHED])
	{
		cols[ncols] = c->att[COL_BREACHED];
		vals[ncols] = BoolGetDatum(status && strcmp(status, "breached") == 0);
		nulls[ncols] = status == NULL;
		ncols++;
	}
	if (c->att[COL_STATUS])
	{
		cols[ncols] = c->att[COL_STATUS];
		vals[ncols] = status ? PointerGetDatum(cstring_to_text(status)) : (Datum) 0;
		nulls[ncols] = status == NULL;
		ncols++;
	}

	/* notify when the row becomes breached */
	if (c->notify && status && strcmp(status, "breached") == 0 &&
		(oldrow == NULL || !old_breached(c, oldrow, desc, clk, target)))
		notify_breach(c, rel, row, due, found);

	row = heap_modify_tuple_by_cols(row, desc, ncols, cols, vals, nulls);
	return PointerGetDatum(row);
}
