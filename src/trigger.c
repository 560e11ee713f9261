/*-------------------------------------------------------------------------
 *
 * trigger.c
 *	  slm.track_sla(): a BEFORE INSERT OR UPDATE row trigger that stamps the
 *	  due time, the breach flag and the live status on each row as it is
 *	  written, and reports a row that becomes breached (NOTIFY, and a row in
 *	  an events table); slm.sweep(), which re-applies it to the open rows
 *	  whose outputs time has changed.
 *
 * Configured with key=value arguments:
 *	 start=<col> (required), stop=<col>, paused=<tstzmultirange col>,
 *	 target=<slm.target col> | policy=<table> match=<col>[,<col>...]
 *	 [missing=ignore|error] [policy_target=<col>] [valid=<tstzrange col>] |
 *	 agreement=<name> metric=<metric> [missing=ignore|error],
 *	 on_change=retroactive|restart, clock_start=<timestamptz col>,
 *	 due=<timestamptz col>, breached=<boolean col>, status=<text col>,
 *	 notify=<channel>, events=<table>.
 *
 * A policy row is chosen by the match columns and, with valid=, by the
 * period it is valid in: the one whose range contains the clock's start.
 * With agreement=, the target is that of the catalogue's commitment
 * (slm.commitments) of the agreement and metric whose scope matches the row
 * and which, with its agreement, is valid at the clock's start; the most
 * specific scope wins.
 * When the columns that choose the target change on an open row, the
 * clock keeps its start (retroactive, the default) or starts again at the
 * transaction's start (restart), kept in the clock_start column.
 *
 * Tables named by arguments (policy=, events=) are resolved in the schema of
 * the tracked table when unqualified, never through search_path, and read
 * or written with the rights of the tracked table's owner, as PostgreSQL's
 * foreign key checks do; every query built here names its operators by
 * schema. The policy lookup is a prepared plan kept per trigger; the
 * targets it returns are cached for the rest of the statement (same
 * transaction and command), so a bulk load pays one lookup per distinct key.
 * The catalogue is read the same way, once per statement: all the
 * commitments of the agreement and metric, matched against each row here.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_inherits.h"
#include "catalog/pg_operator.h"
#include "catalog/pg_proc.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/async.h"
#include "commands/trigger.h"
#include "common/hashfn.h"
#include "common/jsonapi.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "nodes/bitmapset.h"
#include "nodes/makefuncs.h"
#include "parser/parse_func.h"
#include "storage/proc.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/json.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/rel.h"
#include "utils/relcache.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"
#include "utils/regproc.h"

#include "slm.h"
#include "target.h"

#define MAX_MATCH 8
#define STACK_ATTS 64			/* rows this wide are deformed on the stack */
#define TARGET_BUCKETS 256		/* power of two */
#define TARGET_CACHE_MAX 10000	/* policy keys kept per statement */
#define SWEEP_BATCH 10000

/* The longest NOTIFY payload the server accepts, less one (async.c). */
#define NOTIFY_PAYLOAD_LIMIT (BLCKSZ - NAMEDATALEN - 128)

/* Column arguments, in the order of TrigConf.cols. */
enum
{
	COL_START, COL_STOP, COL_PAUSED, COL_TARGET, COL_DUE, COL_BREACHED, COL_STATUS,
	COL_CLOCK_START,
	NUM_COLS
};

static const char *const col_keys[NUM_COLS] = {
	"start", "stop", "paused", "target", "due", "breached", "status", "clock_start"
};

/* The columns an events table must have, and their types. */
#define NUM_EVENT_COLS 5
static const char *const event_cols[NUM_EVENT_COLS] = {
	"tbl", "key", "due", "status", "at"
};
static const Oid event_types[NUM_EVENT_COLS] = {
	TEXTOID, JSONBOID, TIMESTAMPTZOID, TEXTOID, TIMESTAMPTZOID
};

/*
 * One cached policy target (NULL: no policy row), keyed by match values,
 * chained in a hash bucket. With valid=, an entry holds the row's valid
 * range and serves the starts inside it; a key may then have several.
 */
typedef struct CachedTarget
{
	struct CachedTarget *next;
	uint32		hash;
	Datum		key[MAX_MATCH];
	RangeType  *valid;			/* with valid=: the row's period */
	SlmTarget  *target;
} CachedTarget;

/*
 * One commitment of the catalogue, as loaded for a statement: its target,
 * the periods it and its agreement are valid for, and its scope, as the
 * statement's scope columns (indexes into TrigConf.scope_att) and the text
 * each must equal.
 */
typedef struct CatCommitment
{
	int64		id;
	SlmTarget  *target;
	RangeType  *valid;
	RangeType  *agreement_valid;
	int			nkeys;
	int		   *key_col;
	char	  **key_value;
} CatCommitment;

/*
 * What a trigger's arguments say, the columns and tables they resolve to,
 * its prepared queries, and a statement-level cache of policy targets.
 */
typedef struct TrigConf
{
	Oid			tgoid;
	int			nargs;
	char	  **args;			/* copies, to notice a changed definition */
	char	   *col[NUM_COLS];	/* column names, NULL when not given */
	char	   *policy;
	char	   *policy_target;	/* the policy table's target column */
	char	   *valid;			/* the policy table's tstzrange column, or NULL */
	char	   *agreement;		/* agreement= : the catalogue's agreement */
	char	   *metric;
	char	   *notify;
	char	   *events;
	bool		missing_error;	/* missing=error */
	bool		restart;		/* on_change=restart */
	int			nmatch;
	char	   *match[MAX_MATCH];
	/* resolved against the relation */
	Oid			relid;
	int			att[NUM_COLS];	/* 0 when not given */
	Oid			atttype[NUM_COLS];
	int			match_att[MAX_MATCH];
	Oid			match_type[MAX_MATCH];
	Oid			target_oid;
	TypeCacheEntry *valid_typ;	/* tstzrange, with valid= */
	FmgrInfo	match_eq[MAX_MATCH];	/* equality of each match column */
	bool		match_eq_ok;
	Oid			policy_relid;
	Oid			events_relid;
	bool		checked;		/* arguments, columns and tables valid; cleared
								 * by relcache invalidation */
	/* prepared queries */
	SPIPlanPtr	plan;
	SPIPlanPtr	events_plan;
	/* policy targets of the current statement */
	LocalTransactionId cache_lxid;
	CommandId	cache_cid;
	int			ncache;
	CachedTarget **buckets;		/* TARGET_BUCKETS chains, in cache_cxt */
	MemoryContext cxt;
	MemoryContext cache_cxt;
	SlmTarget  *last_target;	/* target= : the last value, aligned */
	/* agreement= : the commitments of the current statement, in cat_cxt */
	LocalTransactionId cat_lxid;
	CommandId	cat_cid;
	bool		cat_loaded;
	int			ncommit;
	CatCommitment *commits;
	int			nscope;			/* the columns named by their scopes */
	int		   *scope_att;
	FmgrInfo   *scope_out;		/* their output functions */
	MemoryContext cat_cxt;
	struct TrigConf *next;
} TrigConf;

/* What the trigger writes for one row. */
typedef struct SlaRow
{
	SlmTarget  *target;			/* NULL: no clock, all outputs NULL */
	SlmClock   *clk;
	TimestampTz due;
	bool		has_due;
	const char *status;			/* NULL when there is no clock */
} SlaRow;

/* The user id and security context to restore after acting as the owner. */
typedef struct OwnerSave
{
	Oid			userid;
	int			sec_context;
} OwnerSave;

static bool get_ts(HeapTuple row, TupleDesc desc, int att, TimestampTz *out);

static TrigConf *conf_list = NULL;
static bool inval_registered = false;

/*
 * Relcache invalidation: a changed table (ALTER TABLE, CREATE or DROP
 * TRIGGER) makes the configurations that track it, or read or write it,
 * re-check their arguments, columns and tables.
 */
static void
conf_invalidate(Datum arg, Oid relid)
{
	for (TrigConf *c = conf_list; c; c = c->next)
		if (!OidIsValid(relid) || c->relid == relid ||
			c->policy_relid == relid || c->events_relid == relid)
			c->checked = false;
}

/*
 * Act as the owner of the tracked table, in a security-restricted
 * operation, as foreign key checks do; owner_restore undoes it.
 */
static void
owner_switch(Relation rel, OwnerSave *save)
{
	GetUserIdAndSecContext(&save->userid, &save->sec_context);
	SetUserIdAndSecContext(rel->rd_rel->relowner,
						   save->sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);
}

/* Return to the user and security context saved by owner_switch. */
static void
owner_restore(OwnerSave *save)
{
	SetUserIdAndSecContext(save->userid, save->sec_context);
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
			 errhint("Arguments are key=value: start, stop, paused, target or policy with match, missing, policy_target and valid or agreement with metric and missing, on_change, clock_start, due, breached, status, notify, events.")));
}

/* Parse the trigger's key=value arguments into a configuration. */
static void
conf_parse(TrigConf *c, Trigger *tg)
{
	char	   *missing = NULL;
	char	   *on_change = NULL;

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
		else if (strcmp(key, "events") == 0)
			slot = &c->events;
		else if (strcmp(key, "missing") == 0)
			slot = &missing;
		else if (strcmp(key, "policy_target") == 0)
			slot = &c->policy_target;
		else if (strcmp(key, "valid") == 0)
			slot = &c->valid;
		else if (strcmp(key, "agreement") == 0)
			slot = &c->agreement;
		else if (strcmp(key, "metric") == 0)
			slot = &c->metric;
		else if (strcmp(key, "on_change") == 0)
			slot = &on_change;
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
	if ((c->col[COL_TARGET] != NULL) + (c->policy != NULL) + (c->agreement != NULL) != 1)
		conf_error(tg, NULL, "exactly one of target=<column>, policy=<table> and agreement=<name> is required", NULL);
	if (c->agreement != NULL && c->metric == NULL)
		conf_error(tg, NULL, "agreement=<name> needs metric=<metric>", NULL);
	if (c->agreement == NULL && c->metric != NULL)
		conf_error(tg, NULL, "metric is only used with agreement=<name>", NULL);
	if (c->metric != NULL && strcmp(c->metric, "availability") == 0)
		conf_error(tg, "metric=availability", "an availability commitment has no clock",
				   "Its goal is a share of the service hours, not a target; name a metric whose commitments have targets.");
	if (c->policy != NULL && c->nmatch == 0)
		conf_error(tg, NULL, "policy=<table> needs match=<column>[,<column>...]", NULL);
	if (c->policy == NULL && c->nmatch > 0)
		conf_error(tg, NULL, "match is only used with policy=<table>", NULL);
	if (missing != NULL)
	{
		if (c->policy == NULL && c->agreement == NULL)
			conf_error(tg, NULL, "missing is only used with policy=<table> or agreement=<name>", NULL);
		if (strcmp(missing, "error") == 0)
			c->missing_error = true;
		else if (strcmp(missing, "ignore") != 0)
			conf_error(tg, NULL, "missing must be error or ignore",
					   psprintf("In argument \"missing=%s\".", missing));
	}
	if (c->policy == NULL && c->policy_target != NULL)
		conf_error(tg, NULL, "policy_target is only used with policy=<table>", NULL);
	if (c->policy == NULL && c->valid != NULL)
		conf_error(tg, NULL, "valid is only used with policy=<table>", NULL);
	if (c->policy_target == NULL)
		c->policy_target = pstrdup("target");
	if (on_change != NULL)
	{
		if (strcmp(on_change, "restart") == 0)
			c->restart = true;
		else if (strcmp(on_change, "retroactive") != 0)
			conf_error(tg, NULL, "on_change must be retroactive or restart",
					   psprintf("In argument \"on_change=%s\".", on_change));
	}
	if (c->restart && c->col[COL_CLOCK_START] == NULL)
		conf_error(tg, NULL, "on_change=restart needs clock_start=<column>",
				   "A restarted clock keeps its own start in a timestamptz column, apart from the row's start.");
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
	c->cat_cxt = AllocSetContextCreate(cxt, "slm trigger commitments", ALLOCSET_SMALL_SIZES);
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

/* Forget a configuration's prepared queries. */
static void
conf_free_plans(TrigConf *c)
{
	if (c->plan)
		SPI_freeplan(c->plan);
	if (c->events_plan)
		SPI_freeplan(c->events_plan);
	c->plan = NULL;
	c->events_plan = NULL;
}

/*
 * The configuration of a trigger, parsed once per backend and definition.
 * Until a relcache invalidation of its tables, a configuration is trusted
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
		conf_free_plans(c);
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
 * Resolve a table named by an argument: an unqualified name in the schema
 * of the tracked table, a qualified name as written; never through
 * search_path, so never in pg_temp. Runs as the tracked table's owner.
 */
static Oid
conf_table(Trigger *tg, Relation rel, const char *key, const char *name)
{
	List	   *names = slm_qualified_name_list(name);
	Oid			relid;

	if (list_length(names) == 1)
		relid = get_relname_relid(strVal(linitial(names)), RelationGetNamespace(rel));
	else
		relid = RangeVarGetRelid(makeRangeVarFromNameList(names), NoLock, true);
	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("slm.track_sla trigger \"%s\": %s table \"%s\" does not exist",
						tg->tgname, key, name),
				 list_length(names) == 1 ?
				 errdetail("In argument \"%s=%s\". An unqualified name is looked up in schema \"%s\", the schema of table \"%s\".",
						   key, name, get_namespace_name(RelationGetNamespace(rel)),
						   RelationGetRelationName(rel)) :
				 errdetail("In argument \"%s=%s\".", key, name)));
	return relid;
}

/* The schema-qualified, quoted name of a relation. */
static char *
qualified_name(Oid relid)
{
	return quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
									  get_rel_name(relid));
}

/* Check that the events table has the columns the trigger writes. */
static void
conf_check_events(TrigConf *c, Trigger *tg, Oid relid)
{
	for (int i = 0; i < NUM_EVENT_COLS; i++)
	{
		AttrNumber	att = get_attnum(relid, event_cols[i]);
		Oid			typ;

		if (att == InvalidAttrNumber)
			ereport(ERROR,
					(errcode(ERRCODE_UNDEFINED_COLUMN),
					 errmsg("slm.track_sla trigger \"%s\": events table \"%s\" has no column \"%s\"",
							tg->tgname, c->events, event_cols[i]),
					 errdetail("In argument \"events=%s\". An events table needs the columns tbl text, key jsonb, due timestamptz, status text and at timestamptz.",
							   c->events)));
		typ = get_atttype(relid, att);
		if (typ != event_types[i])
			ereport(ERROR,
					(errcode(ERRCODE_DATATYPE_MISMATCH),
					 errmsg("slm.track_sla trigger \"%s\": column \"%s\" of events table \"%s\" must be of type %s, not %s",
							tg->tgname, event_cols[i], c->events,
							format_type_be(event_types[i]), format_type_be(typ)),
					 errdetail("In argument \"events=%s\". An events table needs the columns tbl text, key jsonb, due timestamptz, status text and at timestamptz.",
							   c->events)));
	}
}

/* Resolve the policy and events tables, as the owner of the tracked table. */
static void
conf_resolve_tables(TrigConf *c, Trigger *tg, Relation rel)
{
	OwnerSave	save;
	volatile Oid policy = InvalidOid;
	volatile Oid events = InvalidOid;

	owner_switch(rel, &save);
	PG_TRY();
	{
		if (c->policy)
			policy = conf_table(tg, rel, "policy", c->policy);
		if (c->events)
		{
			events = conf_table(tg, rel, "events", c->events);
			conf_check_events(c, tg, events);
		}
	}
	PG_FINALLY();
	{
		owner_restore(&save);
	}
	PG_END_TRY();
	if (policy != c->policy_relid || events != c->events_relid)
		conf_free_plans(c);
	c->policy_relid = policy;
	c->events_relid = events;
}

/*
 * Resolve the column arguments against the relation, reusing the previous
 * resolution while every column still has its name and type; and the
 * tables named by arguments.
 */
static void
conf_resolve(TrigConf *c, Trigger *tg, Relation rel)
{
	static const Oid fixed[NUM_COLS] = {
		TIMESTAMPTZOID, TIMESTAMPTZOID, TSTZMULTIRANGEOID, InvalidOid,
		TIMESTAMPTZOID, BOOLOID, TEXTOID, TIMESTAMPTZOID
	};
	static const char *const fixedname[NUM_COLS] = {
		"timestamptz", "timestamptz", "tstzmultirange", "slm.target",
		"timestamptz", "boolean", "text", "timestamptz"
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
	if (!valid)
	{
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
		c->match_eq_ok = false;
		c->relid = RelationGetRelid(rel);
		conf_free_plans(c);		/* argument types may have changed */
	}
	conf_resolve_tables(c, tg, rel);
	c->checked = true;
}

/* "col = value, ..." for messages about a row's match values. */
static char *
match_text(TrigConf *c, TupleDesc desc, Datum *values, bool *isnull)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < c->nmatch; i++)
	{
		int			att = c->match_att[i];
		char	   *v = NULL;

		if (!isnull[att - 1])
		{
			Oid			out;
			bool		varlena;

			getTypeOutputInfo(TupleDescAttr(desc, att - 1)->atttypid, &out, &varlena);
			v = OidOutputFunctionCall(out, values[att - 1]);
		}
		appendStringInfo(&buf, "%s%s = %s", i ? ", " : "", c->match[i], v ? v : "NULL");
	}
	return buf.data;
}

/*
 * The equality operator of a match column's type, schema-qualified for
 * OPERATOR(...), so that no operator found through search_path can stand
 * in for it.
 */
static char *
equality_operator(Trigger *tg, TrigConf *c, int i)
{
	TypeCacheEntry *tc = lookup_type_cache(c->match_type[i], TYPECACHE_EQ_OPR);
	HeapTuple	tup;
	Form_pg_operator op;
	char	   *result;

	if (!OidIsValid(tc->eq_opr))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_FUNCTION),
				 errmsg("slm.track_sla trigger \"%s\": could not identify an equality operator for type %s",
						tg->tgname, format_type_be(c->match_type[i])),
				 errdetail("In argument \"match\", column \"%s\".", c->match[i])));
	tup = SearchSysCache1(OPEROID, ObjectIdGetDatum(tc->eq_opr));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for operator %u", tc->eq_opr);
	op = (Form_pg_operator) GETSTRUCT(tup);
	result = psprintf("OPERATOR(%s.%s)", quote_identifier(get_namespace_name(op->oprnamespace)),
					  NameStr(op->oprname));
	ReleaseSysCache(tup);
	return result;
}

/* Check that a column of the policy table, named by key=, has type typ. */
static void
policy_column_check(TrigConf *c, Trigger *tg, const char *key, const char *col, Oid typ)
{
	AttrNumber	att = get_attnum(c->policy_relid, col);

	if (att == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("slm.track_sla trigger \"%s\": policy table \"%s\" has no column \"%s\"",
						tg->tgname, c->policy, col),
				 errdetail("In argument \"%s=%s\"%s.", key, col,
						   strcmp(key, "policy_target") == 0 ?
						   ", or its default, \"target\"" : "")));
	if (get_atttype(c->policy_relid, att) != typ)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("slm.track_sla trigger \"%s\": column \"%s\" of policy table \"%s\" must be of type %s, not %s",
						tg->tgname, col, c->policy, format_type_be(typ),
						format_type_be(get_atttype(c->policy_relid, att))),
				 errdetail("In argument \"%s=%s\".", key, col)));
}

/* Prepare the policy lookup (connected to SPI, as the owner). */
static void
prepare_policy(TrigConf *c, Trigger *tg)
{
	StringInfoData q;
	SPIPlanPtr	plan;

	Oid			types[MAX_MATCH + 1];

	policy_column_check(c, tg, "policy_target", c->policy_target, c->target_oid);
	if (c->valid)
		policy_column_check(c, tg, "valid", c->valid, TSTZRANGEOID);
	initStringInfo(&q);
	appendStringInfo(&q, "SELECT p.%s", quote_identifier(c->policy_target));
	if (c->valid)
		appendStringInfo(&q, ", p.%s", quote_identifier(c->valid));
	appendStringInfo(&q, " FROM %s p WHERE ", qualified_name(c->policy_relid));
	for (int i = 0; i < c->nmatch; i++)
	{
		appendStringInfo(&q, "%sp.%s %s $%d", i ? " AND " : "",
						 quote_identifier(c->match[i]), equality_operator(tg, c, i), i + 1);
		types[i] = c->match_type[i];
	}
	types[c->nmatch] = TIMESTAMPTZOID;
	if (c->valid)
		appendStringInfo(&q, " AND p.%s OPERATOR(pg_catalog.@>) $%d",
						 quote_identifier(c->valid), c->nmatch + 1);
	appendStringInfoString(&q, " LIMIT 2");
	plan = SPI_prepare(q.data, c->nmatch + (c->valid ? 1 : 0), types);
	if (plan == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("slm.track_sla trigger \"%s\": cannot look up targets in \"%s\"",
						tg->tgname, c->policy),
				 c->valid ?
				 errdetail("The policy table needs a column \"%s\" of type slm.target, a column \"%s\" of type tstzrange and the columns named in match=.",
						   c->policy_target, c->valid) :
				 errdetail("The policy table needs a column \"%s\" of type slm.target and the columns named in match=.",
						   c->policy_target)));
	SPI_keepplan(plan);
	c->plan = plan;
}

/* "m1 WITH =, m2 WITH =, " for the exclusion constraint a hint shows. */
static char *
exclusion_columns(TrigConf *c)
{
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < c->nmatch; i++)
		appendStringInfo(&buf, "%s WITH =, ", quote_identifier(c->match[i]));
	return buf.data;
}

/* A policy row's valid range as text, for messages. */
static char *
valid_text(HeapTuple tup, TupleDesc desc)
{
	char	   *v = SPI_getvalue(tup, desc, 2);

	return v ? v : "NULL";
}

/*
 * Run the policy lookup for one key, and with valid= for the clock's start
 * (values[nmatch]); SPI is connected by the caller. *valid gets the row's
 * period (with valid=), in SPI's memory.
 */
static SlmTarget *
policy_query(TrigConf *c, Trigger *tg, Relation rel, Datum *row, bool *rownull,
			 Datum *values, char *nulls, RangeType **valid)
{
	TupleDesc	desc = RelationGetDescr(rel);
	TupleDesc	rdesc;
	Datum		d;
	bool		isnull;
	int			ret;

	if (c->plan == NULL)
		prepare_policy(c, tg);
	ret = SPI_execute_plan(c->plan, values, nulls, true, 2);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "policy lookup failed: %s", SPI_result_code_string(ret));
	rdesc = SPI_tuptable->tupdesc;
	if (SPI_processed == 0)
	{
		if (!c->missing_error)
			return NULL;
		ereport(ERROR,
				(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
				 c->valid ?
				 errmsg("slm.track_sla trigger \"%s\": no policy row in \"%s\" for %s valid at %s",
						tg->tgname, c->policy, match_text(c, desc, row, rownull),
						timestamptz_to_str(DatumGetTimestampTz(values[c->nmatch]))) :
				 errmsg("slm.track_sla trigger \"%s\": no policy row in \"%s\" for %s",
						tg->tgname, c->policy, match_text(c, desc, row, rownull)),
				 errhint("Add a row to the policy table for this key.")));
	}
	if (c->valid && SPI_gettypeid(rdesc, 2) != TSTZRANGEOID)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("slm.track_sla trigger \"%s\": column \"%s\" of \"%s\" must be of type tstzrange, not %s",
						tg->tgname, c->valid, c->policy, format_type_be(SPI_gettypeid(rdesc, 2))),
				 errdetail("In argument \"valid=%s\".", c->valid)));
	if (SPI_processed > 1 && c->valid)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("slm.track_sla trigger \"%s\": more than one policy row in \"%s\" for %s valid at %s",
						tg->tgname, c->policy, match_text(c, desc, row, rownull),
						timestamptz_to_str(DatumGetTimestampTz(values[c->nmatch]))),
				 errdetail("The rows valid during %s and %s overlap.",
						   valid_text(SPI_tuptable->vals[0], rdesc),
						   valid_text(SPI_tuptable->vals[1], rdesc)),
				 errhint("An exclusion constraint keeps the periods of one key apart: EXCLUDE USING gist (%s%s WITH &&), with the btree_gist extension.",
						 exclusion_columns(c), quote_identifier(c->valid))));
	if (SPI_processed > 1)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("slm.track_sla trigger \"%s\": more than one policy row in \"%s\" for %s",
						tg->tgname, c->policy, match_text(c, desc, row, rownull))));
	if (SPI_gettypeid(rdesc, 1) != c->target_oid)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("slm.track_sla trigger \"%s\": column \"%s\" of \"%s\" must be of type slm.target",
						tg->tgname, c->policy_target, c->policy)));
	d = SPI_getbinval(SPI_tuptable->vals[0], rdesc, 1, &isnull);
	if (isnull)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("slm.track_sla trigger \"%s\": the policy row in \"%s\" for %s has a NULL %s",
						tg->tgname, c->policy, match_text(c, desc, row, rownull),
						c->policy_target)));
	if (c->valid)
		*valid = DatumGetRangeTypeP(SPI_getbinval(SPI_tuptable->vals[0], rdesc, 2, &isnull));
	return DatumGetSlmTargetP(d);
}

/* Is the start within a cached entry's period (always, without valid=)? */
static inline bool
cache_entry_serves(TrigConf *c, CachedTarget *e, TimestampTz start)
{
	if (c->valid == NULL)
		return true;
	return range_contains_elem_internal(c->valid_typ, e->valid, TimestampTzGetDatum(start));
}

/*
 * Find a row's match values (and, with valid=, its clock's start) in the
 * statement's cache; set their hash.
 */
static CachedTarget *
target_cache_find(TrigConf *c, TupleDesc desc, Datum *values, TimestampTz start,
				  uint32 *hashp)
{
	LocalTransactionId lxid = SLM_MY_LXID;	/* assigned to every transaction */
	CommandId	cid = GetCurrentCommandId(false);
	uint32		hash = 0;

	if (c->cache_lxid != lxid || c->cache_cid != cid || c->buckets == NULL)
	{
		MemoryContextReset(c->cache_cxt);
		c->buckets = MemoryContextAllocZero(c->cache_cxt,
											TARGET_BUCKETS * sizeof(CachedTarget *));
		c->ncache = 0;
		c->cache_lxid = lxid;
		c->cache_cid = cid;
	}
	/* hashed by bytes, as datumIsEqual compares */
	for (int i = 0; i < c->nmatch; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, c->match_att[i] - 1);
		uint32		h;

		if (a->attbyval)
			h = hash_bytes_uint32((uint32) (values[i] ^ (values[i] >> 32)));
		else
			h = hash_bytes((const unsigned char *) DatumGetPointer(values[i]),
						   datumGetSize(values[i], false, a->attlen));
		hash = hash_combine(hash, h);
	}
	*hashp = hash;
	for (CachedTarget *e = c->buckets[hash & (TARGET_BUCKETS - 1)]; e; e = e->next)
	{
		bool		same = (e->hash == hash);

		for (int i = 0; same && i < c->nmatch; i++)
		{
			Form_pg_attribute a = TupleDescAttr(desc, c->match_att[i] - 1);

			same = datumIsEqual(values[i], e->key[i], a->attbyval, a->attlen);
		}
		if (same && cache_entry_serves(c, e, start))
			return e;
	}
	return NULL;
}

/*
 * Keep a looked-up target (NULL: no policy row) for the rest of the
 * statement, with its period under valid=; returns the kept copy, or the
 * target itself when the cache is full. Without a policy row under valid=
 * nothing is kept: there is no period to serve.
 */
static SlmTarget *
target_cache_add(TrigConf *c, TupleDesc desc, Datum *values, uint32 hash,
				 SlmTarget *target, RangeType *valid)
{
	MemoryContext old;
	CachedTarget *e;
	CachedTarget **bucket = &c->buckets[hash & (TARGET_BUCKETS - 1)];

	if (c->ncache >= TARGET_CACHE_MAX || (c->valid && target == NULL))
		return target;
	old = MemoryContextSwitchTo(c->cache_cxt);
	e = palloc(sizeof(CachedTarget));
	for (int i = 0; i < c->nmatch; i++)
	{
		Form_pg_attribute a = TupleDescAttr(desc, c->match_att[i] - 1);

		e->key[i] = datumCopy(values[i], a->attbyval, a->attlen);
	}
	e->hash = hash;
	e->target = NULL;
	e->valid = NULL;
	if (target)
	{
		e->target = palloc(VARSIZE(target));
		memcpy(e->target, target, VARSIZE(target));
	}
	if (valid)
	{
		e->valid = palloc(VARSIZE(valid));
		memcpy(e->valid, valid, VARSIZE(valid));
	}
	e->next = *bucket;
	*bucket = e;
	c->ncache++;
	MemoryContextSwitchTo(old);
	return e->target;
}

/*
 * Look a key up in the policy table, as the tracked table's owner; the
 * target and its period are copied into the caller's context. Kept out of
 * line, with its error handling, so that the callers' variables stay in
 * registers.
 */
static pg_noinline SlmTarget *
policy_fetch(TrigConf *c, Trigger *tg, Relation rel, Datum *row, bool *rownull,
			 Datum *values, char *nulls, RangeType **validp)
{
	SlmTarget  *volatile result = NULL;
	RangeType  *volatile valid_copy = NULL;
	MemoryContext caller = CurrentMemoryContext;
	OwnerSave	save;

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	owner_switch(rel, &save);
	PG_TRY();
	{
		RangeType  *valid = NULL;
		SlmTarget  *t = policy_query(c, tg, rel, row, rownull, values, nulls, &valid);

		/* outlive SPI_finish */
		if (t)
		{
			SlmTarget  *copy = MemoryContextAlloc(caller, VARSIZE(t));

			memcpy(copy, t, VARSIZE(t));
			result = copy;
		}
		if (valid)
		{
			RangeType  *copy = MemoryContextAlloc(caller, VARSIZE(valid));

			memcpy(copy, valid, VARSIZE(valid));
			valid_copy = copy;
		}
	}
	PG_FINALLY();
	{
		owner_restore(&save);
	}
	PG_END_TRY();
	SPI_finish();
	*validp = valid_copy;
	return result;
}

/*
 * The target of a row, looked up in the policy table by the row's match
 * values, and with valid= by the clock's start (NULL when there is no
 * policy row and missing=ignore). Targets are cached for the statement
 * (same transaction and command); SPI is entered only on a miss.
 */
static SlmTarget *
policy_target(TrigConf *c, Trigger *tg, Relation rel, Datum *row, bool *rownull,
			  TimestampTz start)
{
	TupleDesc	desc = RelationGetDescr(rel);
	Datum		values[MAX_MATCH + 1];
	char		nulls[MAX_MATCH + 1];
	CachedTarget *hit;
	uint32		hash;
	RangeType  *valid;
	SlmTarget  *target;

	for (int i = 0; i < c->nmatch; i++)
	{
		values[i] = row[c->match_att[i] - 1];
		if (rownull[c->match_att[i] - 1])
		{
			if (!c->missing_error)
				return NULL;
			ereport(ERROR,
					(errcode(ERRCODE_NOT_NULL_VIOLATION),
					 errmsg("slm.track_sla trigger \"%s\": no policy row in \"%s\" for a NULL %s",
							tg->tgname, c->policy, c->match[i])));
		}
		nulls[i] = ' ';
	}
	values[c->nmatch] = TimestampTzGetDatum(start);
	nulls[c->nmatch] = ' ';
	if (c->valid && c->valid_typ == NULL)
		c->valid_typ = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	hit = target_cache_find(c, desc, values, start, &hash);
	if (hit)
		return hit->target;
	target = policy_fetch(c, tg, rel, row, rownull, values, nulls, &valid);
	return target_cache_add(c, desc, values, hash, target, valid);
}

/* ---------- agreement= : targets from the catalogue ---------- */

/*
 * Every commitment of the agreement ($1) and metric ($2), with the periods
 * it and its agreement are valid for, and its scope as keys and values in
 * the order of the keys; one row with a NULL id when the agreement has no
 * commitment for the metric, none when there is no such agreement.
 */
static const char catalogue_query[] =
"SELECT c.id, c.target, c.valid, a.valid,"
" ARRAY(SELECT e.key FROM pg_catalog.jsonb_each_text(c.scope) e ORDER BY e.key),"
" ARRAY(SELECT e.value FROM pg_catalog.jsonb_each_text(c.scope) e ORDER BY e.key)"
" FROM slm.agreements a LEFT JOIN slm.commitments c"
" ON c.agreement OPERATOR(pg_catalog.=) a.name AND c.metric OPERATOR(pg_catalog.=) $2"
" WHERE a.name OPERATOR(pg_catalog.=) $1 ORDER BY c.id";

/*
 * The index of a scope key's column among the statement's scope columns,
 * added when new; -1 when the tracked table has no such column. One
 * agreement may serve tables with different columns: a scope with a key
 * that is not a column of this table does not cover its rows.
 */
static int
scope_column(TrigConf *c, Relation rel, const char *key)
{
	int			att = SPI_fnumber(RelationGetDescr(rel), key);
	Oid			out;
	bool		varlena;

	if (att <= 0)
		return -1;
	for (int i = 0; i < c->nscope; i++)
		if (c->scope_att[i] == att)
			return i;
	c->scope_att[c->nscope] = att;
	getTypeOutputInfo(SPI_gettypeid(RelationGetDescr(rel), att), &out, &varlena);
	fmgr_info_cxt(out, &c->scope_out[c->nscope], c->cat_cxt);
	return c->nscope++;
}

/*
 * Read the commitments of the trigger's agreement and metric into cat_cxt
 * (connected to SPI, as the tracked table's owner).
 */
static void
catalogue_read(TrigConf *c, Trigger *tg, Relation rel)
{
	Datum		args[2];
	Oid			types[2] = {TEXTOID, TEXTOID};
	TupleDesc	rdesc;
	uint64		n;
	int			total = 0;
	int			ret;
	MemoryContext old;

	if (c->plan == NULL)
	{
		SPIPlanPtr	plan = SPI_prepare(catalogue_query, 2, types);

		if (plan == NULL)
			elog(ERROR, "could not prepare the catalogue lookup: %s",
				 SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		c->plan = plan;
	}
	args[0] = CStringGetTextDatum(c->agreement);
	args[1] = CStringGetTextDatum(c->metric);
	ret = SPI_execute_plan(c->plan, args, NULL, true, 0);
	if (ret != SPI_OK_SELECT)
		elog(ERROR, "catalogue lookup failed: %s", SPI_result_code_string(ret));
	n = SPI_processed;
	rdesc = SPI_tuptable->tupdesc;
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("slm.track_sla trigger \"%s\": agreement \"%s\" does not exist",
						tg->tgname, c->agreement),
				 errdetail("In argument \"agreement=%s\". Agreements are the rows of slm.agreements.",
						   c->agreement)));
	if (n == 1 && heap_attisnull(SPI_tuptable->vals[0], 1, rdesc))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("slm.track_sla trigger \"%s\": agreement \"%s\" has no commitment for metric \"%s\"",
						tg->tgname, c->agreement, c->metric),
				 errdetail("In argument \"metric=%s\".", c->metric)));

	old = MemoryContextSwitchTo(c->cat_cxt);
	for (uint64 i = 0; i < n; i++)
	{
		bool		isnull;
		Datum		d = SPI_getbinval(SPI_tuptable->vals[i], rdesc, 5, &isnull);

		total += ArrayGetNItems(ARR_NDIM(DatumGetArrayTypeP(d)), ARR_DIMS(DatumGetArrayTypeP(d)));
	}
	c->scope_att = palloc(Max(total, 1) * sizeof(int));
	c->scope_out = palloc(Max(total, 1) * sizeof(FmgrInfo));
	c->commits = palloc0(n * sizeof(CatCommitment));
	for (uint64 i = 0; i < n; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		CatCommitment *e = &c->commits[i];
		Datum	   *keys,
				   *vals;
		bool	   *knulls,
				   *vnulls;
		int			nkeys,
					nvals;
		bool		isnull;
		Datum		d;

		e->id = DatumGetInt64(SPI_getbinval(t, rdesc, 1, &isnull));
		d = SPI_getbinval(t, rdesc, 2, &isnull);
		if (isnull)
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("slm.track_sla trigger \"%s\": commitment %lld of agreement \"%s\" has no target",
							tg->tgname, (long long) e->id, c->agreement)));
		e->target = (SlmTarget *) PG_DETOAST_DATUM_COPY(d);
		e->valid = DatumGetRangeTypePCopy(SPI_getbinval(t, rdesc, 3, &isnull));
		e->agreement_valid = DatumGetRangeTypePCopy(SPI_getbinval(t, rdesc, 4, &isnull));
		deconstruct_array(DatumGetArrayTypeP(SPI_getbinval(t, rdesc, 5, &isnull)),
						  TEXTOID, -1, false, TYPALIGN_INT, &keys, &knulls, &nkeys);
		deconstruct_array(DatumGetArrayTypeP(SPI_getbinval(t, rdesc, 6, &isnull)),
						  TEXTOID, -1, false, TYPALIGN_INT, &vals, &vnulls, &nvals);
		Assert(nkeys == nvals);
		e->nkeys = nkeys;
		e->key_col = palloc(Max(nkeys, 1) * sizeof(int));
		e->key_value = palloc(Max(nkeys, 1) * sizeof(char *));
		for (int j = 0; j < nkeys; j++)
		{
			e->key_col[j] = scope_column(c, rel, TextDatumGetCString(keys[j]));
			e->key_value[j] = vnulls[j] ? NULL : TextDatumGetCString(vals[j]);
		}
	}
	c->ncommit = (int) n;
	MemoryContextSwitchTo(old);
}

/*
 * Load the commitments of the trigger's agreement and metric for the
 * current statement (same transaction and command), as the tracked table's
 * owner; a later statement reads them again, so a changed catalogue applies
 * from the next statement on.
 */
static void
catalogue_load(TrigConf *c, Trigger *tg, Relation rel)
{
	LocalTransactionId lxid = SLM_MY_LXID;
	CommandId	cid = GetCurrentCommandId(false);
	OwnerSave	save;

	if (c->cat_loaded && c->cat_lxid == lxid && c->cat_cid == cid)
		return;
	c->cat_loaded = false;
	MemoryContextReset(c->cat_cxt);
	c->ncommit = 0;
	c->nscope = 0;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	owner_switch(rel, &save);
	PG_TRY();
	{
		catalogue_read(c, tg, rel);
	}
	PG_FINALLY();
	{
		owner_restore(&save);
	}
	PG_END_TRY();
	SPI_finish();
	c->cat_lxid = lxid;
	c->cat_cid = cid;
	c->cat_loaded = true;
}

/*
 * A scope column's value as a scope compares it: its type's text output,
 * but true and false for a boolean, as JSON and boolean::text write them;
 * NULL for NULL, which no scope value equals.
 */
static char *
scope_text(TrigConf *c, TupleDesc desc, int i, Datum d, bool isnull)
{
	if (isnull)
		return NULL;
	if (TupleDescAttr(desc, c->scope_att[i] - 1)->atttypid == BOOLOID)
		return DatumGetBool(d) ? "true" : "false";
	return OutputFunctionCall(&c->scope_out[i], d);
}

/* "priority = 1, site = Berlin" for messages: the row's scope columns. */
static char *
scope_row_text(TrigConf *c, TupleDesc desc, char **text)
{
	StringInfoData buf;

	if (c->nscope == 0)
		return "the row";
	initStringInfo(&buf);
	for (int i = 0; i < c->nscope; i++)
		appendStringInfo(&buf, "%s%s = %s", i ? ", " : "",
						 NameStr(TupleDescAttr(desc, c->scope_att[i] - 1)->attname),
						 text[i] ? text[i] : "NULL");
	return buf.data;
}

/*
 * The target of a row from the catalogue: the commitment of the agreement
 * and metric that, with its agreement, is valid at the clock's start and
 * whose scope matches the row (each key names a column of the row whose
 * value, as text, equals the key's), the one with the most keys winning; NULL when none matches and
 * missing=ignore. Two matches with as many keys are an error: the
 * catalogue does not say which applies.
 */
static SlmTarget *
catalogue_target(TrigConf *c, Trigger *tg, Relation rel, Datum *values, bool *isnull,
				 TimestampTz start)
{
	TupleDesc	desc = RelationGetDescr(rel);
	CatCommitment *best = NULL;
	CatCommitment *tie = NULL;
	char	  **text;

	catalogue_load(c, tg, rel);
	if (c->valid_typ == NULL)
		c->valid_typ = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	text = palloc(Max(c->nscope, 1) * sizeof(char *));
	for (int i = 0; i < c->nscope; i++)
		text[i] = scope_text(c, desc, i, values[c->scope_att[i] - 1],
							 isnull[c->scope_att[i] - 1]);
	for (int i = 0; i < c->ncommit; i++)
	{
		CatCommitment *e = &c->commits[i];
		bool		match;

		match = range_contains_elem_internal(c->valid_typ, e->valid,
											 TimestampTzGetDatum(start)) &&
			range_contains_elem_internal(c->valid_typ, e->agreement_valid,
										 TimestampTzGetDatum(start));
		for (int j = 0; match && j < e->nkeys; j++)
			match = e->key_col[j] >= 0 && text[e->key_col[j]] != NULL &&
				e->key_value[j] != NULL &&
				strcmp(text[e->key_col[j]], e->key_value[j]) == 0;
		if (!match)
			continue;
		if (best == NULL || e->nkeys > best->nkeys)
		{
			best = e;
			tie = NULL;
		}
		else if (e->nkeys == best->nkeys && tie == NULL)
			tie = e;
	}
	if (tie)
		ereport(ERROR,
				(errcode(ERRCODE_CARDINALITY_VIOLATION),
				 errmsg("slm.track_sla trigger \"%s\": commitments %lld and %lld of agreement \"%s\" for metric \"%s\" both match %s at %s",
						tg->tgname, (long long) best->id, (long long) tie->id, c->agreement,
						c->metric, scope_row_text(c, desc, text), timestamptz_to_str(start)),
				 errdetail("The scope with the most keys wins, and neither has more than the other (%d).",
						   best->nkeys),
				 errhint("Make one of the scopes more specific, or their periods apart.")));
	if (best)
		return best->target;
	if (!c->missing_error)
		return NULL;
	ereport(ERROR,
			(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
			 errmsg("slm.track_sla trigger \"%s\": no commitment of agreement \"%s\" for metric \"%s\" matches %s at %s",
					tg->tgname, c->agreement, c->metric, scope_row_text(c, desc, text),
					timestamptz_to_str(start)),
			 errhint("Add a commitment whose scope matches the row, or one with the scope {} for every row, valid at the clock's start.")));
	return NULL;				/* keep the compiler quiet */
}

/*
 * A target read from a column, detoasted and aligned. A stored target has a
 * short header and must be copied to be read; rows of a bulk load mostly
 * repeat a few targets, so the last one is kept.
 */
static SlmTarget *
column_target(TrigConf *c, Datum d)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);
	SlmTarget  *t;

	if (VARATT_IS_EXTERNAL(v) || VARATT_IS_COMPRESSED(v))
		return DatumGetSlmTargetP(d);
	if (c->last_target &&
		VARSIZE(c->last_target) - VARHDRSZ == VARSIZE_ANY_EXHDR(v) &&
		memcmp(VARDATA(c->last_target), VARDATA_ANY(v), VARSIZE_ANY_EXHDR(v)) == 0)
		return c->last_target;
	t = DatumGetSlmTargetP(d);
	if (c->last_target)
		pfree(c->last_target);
	c->last_target = MemoryContextAlloc(c->cxt, VARSIZE(t));
	memcpy(c->last_target, t, VARSIZE(t));
	return c->last_target;
}

/*
 * The instant a row's clock starts: its clock_start column when the
 * trigger keeps one (and it is set), else its start; false without either.
 */
static bool
clock_start_of(TrigConf *c, Datum *values, bool *isnull, TimestampTz *start)
{
	int			att = c->att[COL_CLOCK_START];

	if (isnull[c->att[COL_START] - 1])
		return false;
	if (att && !isnull[att - 1])
		*start = DatumGetTimestampTz(values[att - 1]);
	else
		*start = DatumGetTimestampTz(values[c->att[COL_START] - 1]);
	return true;
}

/*
 * Compute what the trigger writes for a row, given as deformed values: the
 * due time and the status at the transaction's start, or nothing without a
 * start or a target. The clock runs from the clock_start column when the
 * trigger keeps one.
 */
static void
sla_compute(TrigConf *c, Trigger *tg, Relation rel, Datum *values, bool *isnull,
			FmgrInfo *flinfo, SlaRow *out)
{
	TimestampTz start,
				stop = 0;
	bool		has_stop = false;
	MultirangeType *paused = NULL;
	TypeCacheEntry *rtyp = NULL;

	memset(out, 0, sizeof(SlaRow));
	if (!clock_start_of(c, values, isnull, &start))
		return;
	if (c->att[COL_STOP] && !isnull[c->att[COL_STOP] - 1])
	{
		has_stop = true;
		stop = DatumGetTimestampTz(values[c->att[COL_STOP] - 1]);
	}
	if (c->att[COL_TARGET])
	{
		if (!isnull[c->att[COL_TARGET] - 1])
			out->target = column_target(c, values[c->att[COL_TARGET] - 1]);
	}
	else if (c->agreement)
		out->target = catalogue_target(c, tg, rel, values, isnull, start);
	else
		out->target = policy_target(c, tg, rel, values, isnull, start);
	if (out->target == NULL)
		return;
	if (c->att[COL_PAUSED] && !isnull[c->att[COL_PAUSED] - 1])
	{
		paused = DatumGetMultirangeTypeP(values[c->att[COL_PAUSED] - 1]);
		rtyp = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	}

	out->clk = slm_clock_get_flinfo(flinfo, SLM_TARGET_CAL(out->target));
	slm_check_finite(start, "start");
	if (has_stop)
		slm_check_finite(stop, "stop");
	out->due = slm_target_deadline(out->clk, out->target, start, paused, rtyp,
								   &out->has_due);
	out->status = slm_target_status(out->clk, out->target, start, has_stop, stop,
									GetCurrentTransactionStartTimestamp(),
									paused, rtyp);
}

/*
 * Do the columns that choose a row's target differ between the old and the
 * new row: a match column by its type's equality, a scope column of the
 * catalogue by its text (loaded by the caller), or the target column?
 */
static bool
target_choice_changed(TrigConf *c, HeapTuple oldrow, TupleDesc desc, Datum *values,
					  bool *isnull)
{
	bool		onull;
	Datum		od;

	if (c->att[COL_TARGET])
	{
		int			att = c->att[COL_TARGET];
		struct varlena *a,
				   *b;

		od = heap_getattr(oldrow, att, desc, &onull);
		if (onull || isnull[att - 1])
			return onull != isnull[att - 1];
		a = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(od));
		b = pg_detoast_datum_packed((struct varlena *) DatumGetPointer(values[att - 1]));
		return VARSIZE_ANY_EXHDR(a) != VARSIZE_ANY_EXHDR(b) ||
			memcmp(VARDATA_ANY(a), VARDATA_ANY(b), VARSIZE_ANY_EXHDR(a)) != 0;
	}
	if (c->agreement)
	{
		for (int i = 0; i < c->nscope; i++)
		{
			char	   *a,
					   *b;

			od = heap_getattr(oldrow, c->scope_att[i], desc, &onull);
			a = scope_text(c, desc, i, od, onull);
			b = scope_text(c, desc, i, values[c->scope_att[i] - 1],
						   isnull[c->scope_att[i] - 1]);
			if ((a == NULL) != (b == NULL) || (a && strcmp(a, b) != 0))
				return true;
		}
		return false;
	}
	if (!c->match_eq_ok)
	{
		for (int i = 0; i < c->nmatch; i++)
		{
			TypeCacheEntry *tc = lookup_type_cache(c->match_type[i], TYPECACHE_EQ_OPR_FINFO);

			if (!OidIsValid(tc->eq_opr_finfo.fn_oid))
				ereport(ERROR,
						(errcode(ERRCODE_UNDEFINED_FUNCTION),
						 errmsg("could not identify an equality operator for type %s",
								format_type_be(c->match_type[i])),
						 errdetail("In argument \"match\", column \"%s\".", c->match[i])));
			fmgr_info_copy(&c->match_eq[i], &tc->eq_opr_finfo, c->cxt);
		}
		c->match_eq_ok = true;
	}
	for (int i = 0; i < c->nmatch; i++)
	{
		int			att = c->match_att[i];
		Form_pg_attribute a = TupleDescAttr(desc, att - 1);

		od = heap_getattr(oldrow, att, desc, &onull);
		if (onull || isnull[att - 1])
		{
			if (onull != isnull[att - 1])
				return true;
			continue;
		}
		if (!DatumGetBool(FunctionCall2Coll(&c->match_eq[i], a->attcollation,
											od, values[att - 1])))
			return true;
	}
	return false;
}

/*
 * Set the clock_start column of a row being written: the start on insert;
 * on update the old row's clock start while the start is unchanged, unless
 * on_change=restart and the columns that choose the target changed on an
 * open clock: then the clock starts again at the transaction's start (not
 * before the row's start). Returns whether the clock restarted.
 */
static bool
clock_start_set(TrigConf *c, HeapTuple oldrow, TupleDesc desc, Datum *values,
				bool *isnull)
{
	int			sa = c->att[COL_START];
	int			ca = c->att[COL_CLOCK_START];
	TimestampTz start,
				ostart,
				ocs;
	bool		restarted = false;

	if (isnull[sa - 1])
	{
		isnull[ca - 1] = true;
		return false;
	}
	start = DatumGetTimestampTz(values[sa - 1]);
	values[ca - 1] = values[sa - 1];
	isnull[ca - 1] = false;
	if (oldrow == NULL || !get_ts(oldrow, desc, sa, &ostart))
		return false;
	if (ostart == start && get_ts(oldrow, desc, ca, &ocs))
		values[ca - 1] = TimestampTzGetDatum(ocs);
	if (c->restart &&
		(c->att[COL_STOP] == 0 || heap_attisnull(oldrow, c->att[COL_STOP], desc)) &&
		target_choice_changed(c, oldrow, desc, values, isnull))
	{
		values[ca - 1] = TimestampTzGetDatum(Max(GetCurrentTransactionStartTimestamp(),
												 start));
		restarted = true;
	}
	return restarted;
}

/* A status as a text datum, built once per backend. */
static Datum
status_datum(const char *status)
{
	static struct
	{
		const char *name;
		Datum		value;
	}			known[8];
	static int	nknown = 0;
	MemoryContext old;

	for (int i = 0; i < nknown; i++)
		if (known[i].name == status || strcmp(known[i].name, status) == 0)
			return known[i].value;
	if (nknown == lengthof(known))
		return PointerGetDatum(cstring_to_text(status));
	old = MemoryContextSwitchTo(TopMemoryContext);
	known[nknown].name = pstrdup(status);
	known[nknown].value = PointerGetDatum(cstring_to_text(status));
	MemoryContextSwitchTo(old);
	return known[nknown++].value;
}

/* Is a status that of a breached clock? */
static inline bool
is_breached(const char *status)
{
	return status != NULL && strcmp(status, "breached") == 0;
}

/*
 * The breached flag of a status: NULL without a clock, and for an invalid
 * clock (stopped before it started), which is neither breached nor not.
 */
static inline bool
breached_isnull(const char *status)
{
	return status == NULL || strcmp(status, "invalid") == 0;
}

/* Append a column value as JSON: numbers and booleans bare, the rest quoted. */
static void
append_json_value(StringInfo buf, HeapTuple row, TupleDesc desc, int att)
{
	char	   *v = SPI_getvalue(row, desc, att);
	Oid			typ = SPI_gettypeid(desc, att);

	if (v == NULL)
		appendStringInfoString(buf, "null");
	else if ((typ == INT2OID || typ == INT4OID || typ == INT8OID || typ == NUMERICOID ||
			  typ == OIDOID || typ == FLOAT4OID || typ == FLOAT8OID) &&
			 IsValidJsonNumber(v, strlen(v)))
		appendStringInfoString(buf, v);
	else if (typ == BOOLOID)
		appendStringInfoString(buf, v[0] == 't' ? "true" : "false");
	else
		escape_json(buf, v);	/* also NaN and Infinity, as to_json does */
}

/* The primary key of a row as a JSON object, or "null" without one. */
static char *
key_json(Relation rel, HeapTuple row)
{
	StringInfoData buf;
	TupleDesc	desc = RelationGetDescr(rel);
	Bitmapset  *pk = RelationGetIndexAttrBitmap(rel, INDEX_ATTR_BITMAP_PRIMARY_KEY);
	int			k = -1;
	bool		first = true;

	if (pk == NULL)
		return "null";
	initStringInfo(&buf);
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
	return buf.data;
}

/* The breach payload, with the key given or replaced by null. */
static void
breach_payload(StringInfo buf, const char *relname, const char *key, bool truncated,
			   TimestampTz due, bool has_due)
{
	resetStringInfo(buf);
	appendStringInfoString(buf, "{\"table\": ");
	escape_json(buf, relname);
	appendStringInfo(buf, ", \"key\": %s, \"due\": ", truncated ? "null" : key);
	if (has_due)
		escape_json(buf, timestamptz_to_str(due));
	else
		appendStringInfoString(buf, "null");
	appendStringInfoString(buf, ", \"status\": \"breached\"");
	if (truncated)
		appendStringInfoString(buf, ", \"key_truncated\": true");
	appendStringInfoChar(buf, '}');
}

/*
 * Send the breach notification for a row. A key too long for a NOTIFY
 * payload is left out, and the payload says so.
 */
static void
notify_breach(TrigConf *c, const char *relname, const char *key, SlaRow *out)
{
	StringInfoData buf;

	initStringInfo(&buf);
	breach_payload(&buf, relname, key, false, out->due, out->has_due);
	if (buf.len >= NOTIFY_PAYLOAD_LIMIT)
		breach_payload(&buf, relname, key, true, out->due, out->has_due);
	Async_Notify(c->notify, buf.data);
}

/* Insert the breach into the events table, as the tracked table's owner. */
static void
record_breach(TrigConf *c, Trigger *tg, Relation rel, const char *relname,
			  const char *key, SlaRow *out)
{
	Datum		values[NUM_EVENT_COLS];
	char		nulls[NUM_EVENT_COLS] = {' ', ' ', ' ', ' ', ' '};
	OwnerSave	save;

	values[0] = CStringGetTextDatum(relname);
	if (strcmp(key, "null") == 0)
	{
		values[1] = (Datum) 0;
		nulls[1] = 'n';
	}
	else
		values[1] = DirectFunctionCall1(jsonb_in, CStringGetDatum(key));
	values[2] = TimestampTzGetDatum(out->due);
	if (!out->has_due)
		nulls[2] = 'n';
	values[3] = status_datum("breached");
	values[4] = TimestampTzGetDatum(GetCurrentTransactionStartTimestamp());

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	owner_switch(rel, &save);
	PG_TRY();
	{
		int			ret;

		if (c->events_plan == NULL)
		{
			StringInfoData q;
			SPIPlanPtr	plan;

			initStringInfo(&q);
			appendStringInfo(&q, "INSERT INTO %s (", qualified_name(c->events_relid));
			for (int i = 0; i < NUM_EVENT_COLS; i++)
				appendStringInfo(&q, "%s%s", i ? ", " : "", quote_identifier(event_cols[i]));
			appendStringInfoString(&q, ") VALUES ($1, $2, $3, $4, $5)");
			plan = SPI_prepare(q.data, NUM_EVENT_COLS, (Oid *) event_types);
			if (plan == NULL)
				elog(ERROR, "could not prepare the insert into \"%s\": %s",
					 c->events, SPI_result_code_string(SPI_result));
			SPI_keepplan(plan);
			c->events_plan = plan;
		}
		ret = SPI_execute_plan(c->events_plan, values, nulls, false, 0);
		if (ret != SPI_OK_INSERT)
			elog(ERROR, "insert into events table failed: %s", SPI_result_code_string(ret));
	}
	PG_FINALLY();
	{
		owner_restore(&save);
	}
	PG_END_TRY();
	SPI_finish();
}

/* Report a row that became breached: NOTIFY and the events table. */
static void
report_breach(TrigConf *c, Trigger *tg, Relation rel, HeapTuple row, SlaRow *out)
{
	char	   *relname = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
													 RelationGetRelationName(rel));
	char	   *key = key_json(rel, row);

	if (c->notify)
		notify_breach(c, relname, key, out);
	if (c->events)
		record_breach(c, tg, rel, relname, key, out);
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
		return !isnull && is_breached(TextDatumGetCString(d));
	}
	/* only due is stored: judge the old row by its own times */
	ohas_stop = get_ts(oldrow, desc, c->att[COL_STOP], &ostop);
	if (!get_ts(oldrow, desc, c->att[COL_START], &ostart))
		return false;
	get_ts(oldrow, desc, c->att[COL_CLOCK_START], &ostart);
	return is_breached(slm_target_status(clk, target, ostart, ohas_stop, ostop,
										 GetCurrentTransactionStartTimestamp(), NULL, NULL));
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
				oldrow = NULL,
				newrow;
	TrigConf   *c;
	Datum		stack_values[STACK_ATTS];
	bool		stack_isnull[STACK_ATTS];
	Datum	   *values = stack_values;
	bool	   *isnull = stack_isnull;
	SlaRow		out;
	bool		restarted = false;

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

	/* one deform and one form per row */
	if (desc->natts > STACK_ATTS)
	{
		values = palloc(desc->natts * sizeof(Datum));
		isnull = palloc(desc->natts * sizeof(bool));
	}
	heap_deform_tuple(row, desc, values, isnull);
	/* the scope columns that choose the target, for clock_start_set */
	if (c->agreement && c->restart && oldrow != NULL)
		catalogue_load(c, tg, rel);
	if (c->att[COL_CLOCK_START])
		restarted = clock_start_set(c, oldrow, desc, values, isnull);
	sla_compute(c, tg, rel, values, isnull, fcinfo->flinfo, &out);

	if (c->att[COL_DUE])
	{
		values[c->att[COL_DUE] - 1] = TimestampTzGetDatum(out.due);
		isnull[c->att[COL_DUE] - 1] = !out.has_due;
	}
	if (c->att[COL_BREACHED])
	{
		values[c->att[COL_BREACHED] - 1] = BoolGetDatum(is_breached(out.status));
		isnull[c->att[COL_BREACHED] - 1] = breached_isnull(out.status);
	}
	if (c->att[COL_STATUS])
	{
		values[c->att[COL_STATUS] - 1] = out.status ? status_datum(out.status) : (Datum) 0;
		isnull[c->att[COL_STATUS] - 1] = out.status == NULL;
	}
	newrow = heap_form_tuple(desc, values, isnull);
	/* as heap_modify_tuple does */
	newrow->t_data->t_ctid = row->t_data->t_ctid;
	newrow->t_self = row->t_self;
	newrow->t_tableOid = row->t_tableOid;

	/* report the row when it becomes breached; a restarted clock is new */
	if ((c->notify || c->events) && is_breached(out.status) &&
		(oldrow == NULL || restarted ||
		 !old_breached(c, oldrow, desc, out.clk, out.target)))
		report_breach(c, tg, rel, newrow, &out);

	return PointerGetDatum(newrow);
}

/* ---------- slm.sweep ---------- */

/* The oid of slm.track_sla(). */
static Oid
track_sla_oid(void)
{
	return LookupFuncName(list_make2(makeString("slm"), makeString("track_sla")),
						  0, NULL, false);
}

/*
 * Refuse a trigger that sweep's UPDATE would not fire: sweep would report
 * rows touched with nothing recorded.
 */
static void
sweep_check_fires(TrigConf *c, Trigger *tg, Relation rel)
{
	const char *why = NULL;
	bool		enabled;

	if (SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA)
		enabled = tg->tgenabled == TRIGGER_FIRES_ON_REPLICA ||
			tg->tgenabled == TRIGGER_FIRES_ALWAYS;
	else
		enabled = tg->tgenabled == TRIGGER_FIRES_ON_ORIGIN ||
			tg->tgenabled == TRIGGER_FIRES_ALWAYS;

	if (tg->tgenabled == TRIGGER_DISABLED)
		why = "It is disabled.";
	else if (!enabled)
		why = psprintf("It does not fire while session_replication_role is %s.",
					   GetConfigOption("session_replication_role", false, false));
	else if (!TRIGGER_FOR_UPDATE(tg->tgtype))
		why = "It does not fire on UPDATE.";
	else if (!TRIGGER_FOR_ROW(tg->tgtype) || !TRIGGER_FOR_BEFORE(tg->tgtype))
		why = "It is not a BEFORE ... FOR EACH ROW trigger.";
	else if (tg->tgqual != NULL)
		why = "It has a WHEN condition.";
	else if (tg->tgnattr > 0)
	{
		bool		found = false;

		for (int i = 0; i < tg->tgnattr; i++)
			if (tg->tgattr[i] == c->att[COL_START])
				found = true;
		if (!found)
			why = psprintf("It fires on UPDATE OF other columns than \"%s\", the column sweep sets.",
						   c->col[COL_START]);
	}
	if (why)
		ereport(ERROR,
				(errcode(ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE),
				 errmsg("slm.sweep: trigger \"%s\" on table \"%s\" would not fire for the rows it updates",
						tg->tgname, RelationGetRelationName(rel)),
				 errdetail("%s", why),
				 errhint("Make the trigger an enabled BEFORE INSERT OR UPDATE ... FOR EACH ROW trigger without WHEN or UPDATE OF.")));
}

/* Do a row's stored outputs differ from what the trigger would write? */
static bool
sweep_stale(TrigConf *c, Datum *values, bool *isnull, SlaRow *out)
{
	int			att;

	/* a clock start the trigger has not written yet */
	if ((att = c->att[COL_CLOCK_START]) != 0 && isnull[att - 1] &&
		!isnull[c->att[COL_START] - 1])
		return true;
	if ((att = c->att[COL_DUE]) != 0)
	{
		if (isnull[att - 1] != !out->has_due ||
			(!isnull[att - 1] && DatumGetTimestampTz(values[att - 1]) != out->due))
			return true;
	}
	if ((att = c->att[COL_BREACHED]) != 0)
	{
		if (isnull[att - 1] != breached_isnull(out->status) ||
			(!isnull[att - 1] && DatumGetBool(values[att - 1]) != is_breached(out->status)))
			return true;
	}
	if ((att = c->att[COL_STATUS]) != 0)
	{
		if (isnull[att - 1] != (out->status == NULL))
			return true;
		if (!isnull[att - 1])
		{
			text	   *t = DatumGetTextPP(values[att - 1]);

			if (VARSIZE_ANY_EXHDR(t) != strlen(out->status) ||
				memcmp(VARDATA_ANY(t), out->status, VARSIZE_ANY_EXHDR(t)) != 0)
				return true;
		}
	}
	return false;
}

/*
 * Update, so that the trigger fires, the rows at the given places; as the
 * table's owner in a security-restricted operation. Returns the rows
 * updated.
 */
static uint64
sweep_update(TrigConf *c, Relation rel, ItemPointerData *tids, int ntids)
{
	StringInfoData q;
	Datum		arg;
	Datum	   *elems = palloc(ntids * sizeof(Datum));
	Oid			argtype = TIDARRAYOID;
	const char *start = quote_identifier(c->col[COL_START]);
	uint64		n;
	int			ret;

	initStringInfo(&q);
	appendStringInfo(&q, "UPDATE ONLY %s SET %s = %s WHERE ctid OPERATOR(pg_catalog.=) ANY ($1)",
					 qualified_name(RelationGetRelid(rel)), start, start);
	for (int i = 0; i < ntids; i++)
		elems[i] = PointerGetDatum(&tids[i]);
	arg = PointerGetDatum(construct_array(elems, ntids, TIDOID,
										  sizeof(ItemPointerData), false, TYPALIGN_SHORT));
	ret = SPI_execute_with_args(q.data, 1, &argtype, &arg, NULL, false, 0);
	if (ret != SPI_OK_UPDATE)
		elog(ERROR, "sweep update failed: %s", SPI_result_code_string(ret));
	n = SPI_processed;
	pfree(elems);
	pfree(DatumGetPointer(arg));
	return n;
}

/*
 * Sweep one table by one of its track_sla triggers: find the open rows whose
 * stored outputs differ from what the trigger would write now, and update
 * just those. Runs as the table's owner.
 */
static uint64
sweep_trigger(TrigConf *c, Trigger *tg, Relation rel, FmgrInfo *flinfo)
{
	TupleDesc	desc = RelationGetDescr(rel);
	MemoryContext rowcxt = AllocSetContextCreate(CurrentMemoryContext, "slm sweep row",
												 ALLOCSET_DEFAULT_SIZES);
	MemoryContext old;
	Snapshot	snap = RegisterSnapshot(GetLatestSnapshot());
	TableScanDesc scan;
	TupleTableSlot *slot = table_slot_create(rel, NULL);
	ItemPointerData *tids;
	int			ntids = 0;
	uint64		total = 0;
	Datum	   *values = palloc(desc->natts * sizeof(Datum));
	bool	   *isnull = palloc(desc->natts * sizeof(bool));

	tids = palloc(SWEEP_BATCH * sizeof(ItemPointerData));
	scan = table_beginscan(rel, snap, 0, NULL);
	while (table_scan_getnextslot(scan, ForwardScanDirection, slot))
	{
		SlaRow		out;
		bool		stale;
		bool		should_free;
		HeapTuple	row = ExecFetchSlotHeapTuple(slot, false, &should_free);

		/* only open rows change with time */
		if (heap_attisnull(row, c->att[COL_START], desc) ||
			(c->att[COL_STOP] && !heap_attisnull(row, c->att[COL_STOP], desc)))
			stale = false;
		else
		{
			old = MemoryContextSwitchTo(rowcxt);
			heap_deform_tuple(row, desc, values, isnull);
			sla_compute(c, tg, rel, values, isnull, flinfo, &out);
			stale = sweep_stale(c, values, isnull, &out);
			MemoryContextSwitchTo(old);
			MemoryContextReset(rowcxt);
		}
		if (should_free)
			heap_freetuple(row);
		if (!stale)
			continue;
		tids[ntids++] = slot->tts_tid;
		if (ntids == SWEEP_BATCH)
		{
			total += sweep_update(c, rel, tids, ntids);
			ntids = 0;
		}
	}
	table_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snap);
	if (ntids > 0)
		total += sweep_update(c, rel, tids, ntids);
	MemoryContextDelete(rowcxt);
	return total;
}

/* Sweep one table by each of its track_sla triggers, as its owner. */
static uint64
sweep_relation(Relation r, Oid fnoid, FmgrInfo *flinfo)
{
	/* a copy: the relcache entry may be rebuilt while we update */
	TriggerDesc *trigdesc = CopyTriggerDesc(r->trigdesc);
	OwnerSave	save;
	uint64		total = 0;

	owner_switch(r, &save);
	PG_TRY();
	{
		for (int i = 0; i < trigdesc->numtriggers; i++)
		{
			Trigger    *tg = &trigdesc->triggers[i];
			TrigConf   *c;

			if (tg->tgfoid != fnoid)
				continue;
			c = conf_get(tg);
			conf_resolve(c, tg, r);
			sweep_check_fires(c, tg, r);
			total += sweep_trigger(c, tg, r, flinfo);
		}
	}
	PG_FINALLY();
	{
		owner_restore(&save);
	}
	PG_END_TRY();
	FreeTriggerDesc(trigdesc);
	return total;
}

PG_FUNCTION_INFO_V1(slm_sweep);
/*
 * slm.sweep(tbl): re-apply the table's track_sla triggers to the open rows
 * whose due time, flag or status time has changed (or a changed policy);
 * returns the rows updated. The caller needs UPDATE on the table; the work
 * is done as the table's owner, in a security-restricted operation, so a
 * superuser sweeping runs nothing with its own rights.
 */
Datum
slm_sweep(PG_FUNCTION_ARGS)
{
	Oid			relid = PG_GETARG_OID(0);
	Oid			fnoid = track_sla_oid();
	AclResult	aclres;
	Relation	rel;
	List	   *rels;
	ListCell   *lc;
	bool		any = false;
	uint64		total = 0;

	if (!SearchSysCacheExists1(RELOID, ObjectIdGetDatum(relid)))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	aclres = pg_class_aclcheck(relid, GetUserId(), ACL_UPDATE);
	if (aclres != ACLCHECK_OK)
		aclcheck_error(aclres, get_relkind_objtype(get_rel_relkind(relid)),
					   get_rel_name(relid));

	/* the table and, for a partitioned or inherited table, its children */
	rel = table_open(relid, RowExclusiveLock);
	if (rel->trigdesc)
		for (int i = 0; i < rel->trigdesc->numtriggers; i++)
			if (rel->trigdesc->triggers[i].tgfoid == fnoid)
				any = true;
	if (!any)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("table %s has no slm.track_sla trigger",
						DatumGetCString(DirectFunctionCall1(regclassout,
															ObjectIdGetDatum(relid))))));
	table_close(rel, NoLock);
	rels = find_all_inheritors(relid, RowExclusiveLock, NULL);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	foreach(lc, rels)
	{
		Relation	r = table_open(lfirst_oid(lc), NoLock);

		if (r->trigdesc && r->rd_rel->relkind == RELKIND_RELATION)
			total += sweep_relation(r, fnoid, fcinfo->flinfo);
		table_close(r, NoLock);
	}
	SPI_finish();
	PG_RETURN_INT64((int64) total);
}
