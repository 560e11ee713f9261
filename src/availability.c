/*-------------------------------------------------------------------------
 *
 * availability.c
 *	  Availability within service hours. The slm.outages type summarises
 *	  outages as the union of their ranges; the aggregates outage_agg and
 *	  rollup build it, and the accessors agreed_time, downtime, availability,
 *	  outage_count, mtrs and mtbf measure it in business time over a
 *	  calendar, leaving agreed maintenance out. availability_agg does it all
 *	  in one step, on a state type of its own, slm.availability_state.
 *
 * An outage list is a sorted array of half-open instants [start, end),
 * pairwise separated by a gap (overlapping and touching ranges are merged).
 * Range bounds are read as [lower, upper) whatever their inclusivity: a
 * boundary instant has no duration, and business time is a duration. A range
 * that is reduced to nothing that way, like [t,t], is no outage.
 *
 * Aggregation keeps memory proportional to the number of disjoint outages,
 * not of rows. While aggregating, the state is a read-write expanded object
 * under the aggregate context (the executor adopts it without copying; the
 * states of all groups share one memory context, see states_context): rows
 * are appended to a buffer, and when the buffer is full its unsorted tail is
 * sorted and merged into the sorted head. The buffer doubles only when it is
 * still more than half full after merging, so every merge is paid for by at
 * least as many appends as it has elements to sort: O(n log n) in all. The
 * flat form, which is what leaves the aggregate (to the final function, to a
 * parallel leader, to a table), is always the merged, canonical list.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <ctype.h>

#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"

#include "slm.h"
#include "scan.h"

/* ----------
 * slm.outages, stored form (version 1)
 *
 *	header | SlmOutage o[n]
 *
 * o is sorted, and o[i].start < o[i].end < o[i + 1].start; all bounds are
 * finite timestamps. The header is 16 bytes so that o is 8-byte aligned.
 * ----------
 */
#define SLM_OUTAGES_VERSION 1

/* Most disjoint outages one value may hold (160 MB flat). */
#define SLM_MAX_OUTAGES 10000000

typedef struct SlmOutage
{
	TimestampTz start;
	TimestampTz end;			/* exclusive */
} SlmOutage;

typedef struct SlmOutages
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SLM_OUTAGES_VERSION */
	uint8		flags;			/* reserved, zero */
	uint16		reserved;		/* reserved, zero */
	int32		n;				/* number of outages */
	int32		reserved2;		/* reserved, zero */
	SlmOutage	o[FLEXIBLE_ARRAY_MEMBER];
} SlmOutages;

#define SLM_OUTAGES_SIZE(n) \
	(offsetof(SlmOutages, o) + (Size) (n) * sizeof(SlmOutage))
#define DatumGetSlmOutagesP(X)		((SlmOutages *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SLM_OUTAGES_P(n)	DatumGetSlmOutagesP(PG_GETARG_DATUM(n))

/* ----------
 * slm.availability_state, stored form (version 1)
 *
 *	header | SlmOutage o[n] | SlmCalendar (a varlena, 4-byte header)
 *
 * The period is [period_start, period_end), or empty (flag set, both zero).
 * The outages are canonical, as in slm.outages, and clipped to the period.
 * ----------
 */
#define SLM_AVAIL_STATE_VERSION 1
#define SLM_AVAIL_EMPTY_PERIOD	0x01

typedef struct SlmAvailState
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SLM_AVAIL_STATE_VERSION */
	uint8		flags;			/* SLM_AVAIL_EMPTY_PERIOD */
	uint16		reserved;		/* reserved, zero */
	int32		n;				/* number of outages */
	int32		reserved2;		/* reserved, zero */
	TimestampTz period_start;
	TimestampTz period_end;
	SlmOutage	o[FLEXIBLE_ARRAY_MEMBER];
	/* the calendar follows the outages */
} SlmAvailState;

#define SLM_AVAIL_CAL(st) \
	((SlmCalendar *) ((char *) (st) + offsetof(SlmAvailState, o) + \
					  (Size) (st)->n * sizeof(SlmOutage)))
#define SLM_AVAIL_SIZE(n, cal) \
	(offsetof(SlmAvailState, o) + (Size) (n) * sizeof(SlmOutage) + VARSIZE(cal))
#define DatumGetSlmAvailStateP(X)	((SlmAvailState *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SLM_AVAIL_STATE_P(n) DatumGetSlmAvailStateP(PG_GETARG_DATUM(n))

/* A period read from a tstzrange: [start, end), or empty. */
typedef struct Period
{
	bool		empty;
	TimestampTz start;
	TimestampTz end;
} Period;

/* Outages sorted by start, for merging. */
#define ST_SORT outage_sort
#define ST_ELEMENT_TYPE SlmOutage
#define ST_COMPARE(a, b) \
	((a)->start < (b)->start ? -1 : (a)->start > (b)->start ? 1 : 0)
#define ST_SCOPE static
#define ST_DEFINE
#include "lib/sort_template.h"

/* ---------- the outage buffer ---------- */

#define OUTBUF_INITIAL 4

/*
 * Outages being collected: o[0 .. nsorted) is a canonical list, the rest
 * arrived in any order and overlaps anything.
 */
typedef struct OutBuf
{
	MemoryContext cxt;			/* where o lives */
	SlmOutage  *o;
	int			n;				/* entries in use */
	int			nsorted;		/* length of the canonical head */
	int			cap;			/* entries allocated */
} OutBuf;

/* An empty buffer with room for cap outages. */
static void
buf_init(OutBuf *b, MemoryContext cxt, int cap)
{
	b->cxt = cxt;
	b->cap = Max(cap, OUTBUF_INITIAL);
	b->o = MemoryContextAlloc(cxt, b->cap * sizeof(SlmOutage));
	b->n = 0;
	b->nsorted = 0;
}

/* Refuse a list beyond the limit. */
static void
check_outage_count(int64 n)
{
	if (n > SLM_MAX_OUTAGES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("too many disjoint outages"),
				 errdetail("An slm.outages value holds at most %d disjoint outages.",
						   SLM_MAX_OUTAGES),
				 errhint("Aggregate over shorter periods, or roll up per-period summaries.")));
}

/*
 * Sort the tail and merge it into the head, so that the whole buffer is one
 * canonical list. With make_room, also make sure at least half the buffer is
 * free afterwards, doubling it if merging did not free that much.
 */
static void
buf_compact(OutBuf *b, bool make_room)
{
	if (b->nsorted < b->n)
	{
		SlmOutage  *dst;
		int			i = 0,
					j = b->nsorted,
					m = 0;

		/*
		 * The merge writes to a second array of the same capacity: in place,
		 * tail entries that sort before head entries would overwrite head
		 * entries not yet read. The old array is freed at once, so a state
		 * holds two arrays only during a merge.
		 */
		dst = MemoryContextAlloc(b->cxt, b->cap * sizeof(SlmOutage));
		outage_sort(b->o + b->nsorted, b->n - b->nsorted);
		while (i < b->nsorted || j < b->n)
		{
			const SlmOutage *next;

			if (j >= b->n || (i < b->nsorted && b->o[i].start <= b->o[j].start))
				next = &b->o[i++];
			else
				next = &b->o[j++];
			if (m > 0 && next->start <= dst[m - 1].end)
			{
				if (next->end > dst[m - 1].end)
					dst[m - 1].end = next->end;
			}
			else
				dst[m++] = *next;
		}
		pfree(b->o);
		b->o = dst;
		b->n = b->nsorted = m;
	}
	check_outage_count(b->n);

	/*
	 * Doubling only when merging left the buffer more than half full means
	 * every merge comes after at least cap / 2 appends, which pay for it.
	 * The buffer never shrinks, but it never holds more than about four
	 * times the longest list the state has had: memory follows the disjoint
	 * outages, not the rows.
	 */
	if (make_room && b->n > b->cap / 2)
	{
		b->cap *= 2;
		b->o = repalloc(b->o, b->cap * sizeof(SlmOutage));
	}
}

/* Add the outage [s, e), s < e. */
static void
buf_add(OutBuf *b, TimestampTz s, TimestampTz e)
{
	/* rows in time order extend the last outage or stay sorted: no merge */
	if (b->n > 0 && b->n == b->nsorted)
	{
		SlmOutage  *last = &b->o[b->n - 1];

		if (s >= last->start && s <= last->end)
		{
			if (e > last->end)
				last->end = e;
			return;
		}
	}
	if (b->n == b->cap)
		buf_compact(b, true);
	/* after a gap past the last outage of a canonical buffer: still canonical */
	if (b->n == b->nsorted && (b->n == 0 || s > b->o[b->n - 1].end))
		b->nsorted++;
	b->o[b->n].start = s;
	b->o[b->n].end = e;
	b->n++;
}

/* Add a list of outages. */
static void
buf_add_list(OutBuf *b, const SlmOutage *o, int n)
{
	for (int i = 0; i < n; i++)
		buf_add(b, o[i].start, o[i].end);
}

/* A flat slm.outages value holding the canonical list o[0 .. n). */
static SlmOutages *
outages_make(const SlmOutage *o, int n)
{
	Size		size = SLM_OUTAGES_SIZE(n);
	SlmOutages *res = palloc0(size);

	SET_VARSIZE(res, size);
	res->version = SLM_OUTAGES_VERSION;
	res->n = n;
	if (n > 0)
		memcpy(res->o, o, n * sizeof(SlmOutage));
	return res;
}

/* A flat slm.availability_state value. */
static SlmAvailState *
avail_state_make(const SlmOutage *o, int n, const Period *p, const SlmCalendar *cal)
{
	Size		size = offsetof(SlmAvailState, o) + (Size) n * sizeof(SlmOutage) + VARSIZE(cal);
	SlmAvailState *res = palloc0(size);

	SET_VARSIZE(res, size);
	res->version = SLM_AVAIL_STATE_VERSION;
	res->n = n;
	if (p->empty)
		res->flags = SLM_AVAIL_EMPTY_PERIOD;
	else
	{
		res->period_start = p->start;
		res->period_end = p->end;
	}
	if (n > 0)
		memcpy(res->o, o, n * sizeof(SlmOutage));
	memcpy(SLM_AVAIL_CAL(res), cal, VARSIZE(cal));
	return res;
}

/* The period stored in a flat availability state. */
static Period
avail_state_period(const SlmAvailState *st)
{
	Period		p;

	p.empty = (st->flags & SLM_AVAIL_EMPTY_PERIOD) != 0;
	p.start = st->period_start;
	p.end = st->period_end;
	return p;
}

/* Two calendars are the same (canonical forms, so bytes). */
static bool
calendar_same(const SlmCalendar *a, const SlmCalendar *b)
{
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

/* ---------- the aggregate state: an expanded object ---------- */

/*
 * The in-memory form of both state types. cal is NULL for slm.outages; for
 * slm.availability_state it is the group's calendar, and period its period.
 */
typedef struct ExpandedOutages
{
	ExpandedObjectHeader hdr;
	OutBuf		buf;
	SlmCalendar *cal;
	Period		period;
} ExpandedOutages;

static Size eo_get_flat_size(ExpandedObjectHeader *eohptr);
static void eo_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size);

static const ExpandedObjectMethods eo_methods = {
	eo_get_flat_size,
	eo_flatten_into
};

/* Flat size; merges the buffer first, which leaves the value unchanged. */
static Size
eo_get_flat_size(ExpandedObjectHeader *eohptr)
{
	ExpandedOutages *eo = (ExpandedOutages *) eohptr;

	buf_compact(&eo->buf, false);
	if (eo->cal == NULL)
		return SLM_OUTAGES_SIZE(eo->buf.n);
	return SLM_AVAIL_SIZE(eo->buf.n, eo->cal);
}

/* Write the flat form (eo_get_flat_size has merged the buffer). */
static void
eo_flatten_into(ExpandedObjectHeader *eohptr, void *result, Size allocated_size)
{
	ExpandedOutages *eo = (ExpandedOutages *) eohptr;
	OutBuf	   *b = &eo->buf;

	Assert(b->nsorted == b->n);
	memset(result, 0, allocated_size);
	if (eo->cal == NULL)
	{
		SlmOutages *res = (SlmOutages *) result;

		Assert(allocated_size == SLM_OUTAGES_SIZE(b->n));
		SET_VARSIZE(res, allocated_size);
		res->version = SLM_OUTAGES_VERSION;
		res->n = b->n;
		if (b->n > 0)
			memcpy(res->o, b->o, b->n * sizeof(SlmOutage));
	}
	else
	{
		SlmAvailState *res = (SlmAvailState *) result;

		Assert(allocated_size == SLM_AVAIL_SIZE(b->n, eo->cal));
		SET_VARSIZE(res, allocated_size);
		res->version = SLM_AVAIL_STATE_VERSION;
		res->n = b->n;
		if (eo->period.empty)
			res->flags = SLM_AVAIL_EMPTY_PERIOD;
		else
		{
			res->period_start = eo->period.start;
			res->period_end = eo->period.end;
		}
		if (b->n > 0)
			memcpy(res->o, b->o, b->n * sizeof(SlmOutage));
		memcpy(SLM_AVAIL_CAL(res), eo->cal, VARSIZE(eo->cal));
	}
}

/*
 * The context that holds the states of all groups aggregated in aggcxt: a
 * child of aggcxt, created on first use.
 *
 * The executor adopts a new transition value without copying it only when it
 * is a read-write expanded object whose context is a child of the aggregate
 * context, so the states cannot live in aggcxt itself. But they must not each
 * have a context of their own either: under HashAggregate, PostgreSQL sums
 * the memory of every child of the aggregate context each time it adds a
 * group, which made one context per group cost time quadratic in the number
 * of groups. All states of an aggregate context therefore share one child,
 * which is freed with it (when the executor resets the aggregate context
 * between groups, batches or rescans). The executor frees a state itself
 * (DeleteExpandedObject, which would free the shared context) only when a
 * transition function returns another value than the read-write state it was
 * given, which ours never do.
 *
 * The context is found again among the children of aggcxt by a reset
 * callback of ours registered on it, whose argument is the StatesCxt header
 * allocated in it: nothing outside the context has to be told when the
 * executor frees it.
 */
typedef struct StatesCxt
{
	MemoryContext cxt;			/* holds the states and this header */
	SlmCalendar *cal;			/* calendar copied last, shared by its states */
	MemoryContextCallback mark; /* identifies the context as ours */
} StatesCxt;

/* Callback of the mark: everything lives in the context, nothing to do. */
static void
states_cxt_freed(void *arg)
{
}

/* The states context of aggcxt, created on first use. */
static StatesCxt *
states_context(MemoryContext aggcxt)
{
	MemoryContext cxt;
	StatesCxt  *sc;

	for (cxt = aggcxt->firstchild; cxt != NULL; cxt = cxt->nextchild)
		if (cxt->reset_cbs != NULL && cxt->reset_cbs->func == states_cxt_freed)
			return (StatesCxt *) cxt->reset_cbs->arg;
	cxt = AllocSetContextCreate(aggcxt, "slm outage states", ALLOCSET_DEFAULT_SIZES);
	sc = MemoryContextAllocZero(cxt, sizeof(StatesCxt));
	sc->cxt = cxt;
	sc->mark.func = states_cxt_freed;
	sc->mark.arg = sc;
	MemoryContextRegisterResetCallback(cxt, &sc->mark);
	return sc;
}

/* A new, empty state in the states context sc. */
static ExpandedOutages *
eo_create_in(StatesCxt *sc, int cap)
{
	ExpandedOutages *eo = MemoryContextAllocZero(sc->cxt, sizeof(ExpandedOutages));

	EOH_init_header(&eo->hdr, &eo_methods, sc->cxt);
	buf_init(&eo->buf, sc->cxt, cap);
	return eo;
}

/* A new, empty slm.outages state under aggcxt. */
static ExpandedOutages *
eo_create(MemoryContext aggcxt, int cap)
{
	return eo_create_in(states_context(aggcxt), cap);
}

/*
 * A new availability state for a calendar and a period under aggcxt.
 *
 * Each state carries its group's calendar, and groups usually share one (a
 * calendar can be large: up to megabytes at the documented limits). States
 * are never freed one by one, only with their context, so a state may point
 * at the copy made for an earlier one: one copy serves all consecutive new
 * groups with the same calendar instead of one copy per group.
 */
static ExpandedOutages *
eo_create_avail(MemoryContext aggcxt, int cap, const SlmCalendar *cal, const Period *p)
{
	StatesCxt  *sc = states_context(aggcxt);
	ExpandedOutages *eo = eo_create_in(sc, cap);

	if (sc->cal == NULL || !calendar_same(cal, sc->cal))
	{
		sc->cal = MemoryContextAlloc(sc->cxt, VARSIZE(cal));
		memcpy(sc->cal, cal, VARSIZE(cal));
	}
	eo->cal = sc->cal;
	eo->period = *p;
	return eo;
}

/*
 * The datum is a read-write state of ours in the states context of aggcxt
 * (of slm.availability_state with avail, else of slm.outages).
 *
 * A read-write state of ours anywhere else cannot be a transition value of
 * this aggregate; replacing it would make the executor free it, and with it
 * every state sharing its context, so it is refused.
 */
static bool
is_own_state(Datum d, MemoryContext aggcxt, bool avail)
{
	ExpandedObjectHeader *eoh;

	if (!VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)))
		return false;
	eoh = DatumGetEOHP(d);
	if (eoh->eoh_methods != &eo_methods)
		return false;
	if (MemoryContextGetParent(eoh->eoh_context) != aggcxt ||
		(((ExpandedOutages *) eoh)->cal != NULL) != avail)
		elog(ERROR, "slm aggregate state passed outside its aggregate");
	return true;
}

/*
 * The slm.outages state in argument argno, ready to update in place: the
 * state itself when it is ours, else a new one in the aggregate context
 * holding a copy of the value (none for NULL).
 */
static ExpandedOutages *
outages_state_arg(FunctionCallInfo fcinfo, int argno, MemoryContext aggcxt)
{
	ExpandedOutages *eo;
	SlmOutages *v;

	if (PG_ARGISNULL(argno))
		return eo_create(aggcxt, OUTBUF_INITIAL);
	if (is_own_state(PG_GETARG_DATUM(argno), aggcxt, false))
		return (ExpandedOutages *) DatumGetEOHP(PG_GETARG_DATUM(argno));
	v = PG_GETARG_SLM_OUTAGES_P(argno);
	eo = eo_create(aggcxt, v->n * 2);
	buf_add_list(&eo->buf, v->o, v->n);
	return eo;
}

/* ---------- reading ranges and multiranges ---------- */

/* The tstzrange type cache entry, kept in fn_extra by the transition functions. */
static TypeCacheEntry *
tstzrange_typcache(FunctionCallInfo fcinfo)
{
	TypeCacheEntry *typ = (TypeCacheEntry *) fcinfo->flinfo->fn_extra;

	if (typ == NULL)
	{
		typ = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
		fcinfo->flinfo->fn_extra = typ;
	}
	return typ;
}

/* Refuse an unbounded or infinite outage bound. */
static void
check_outage_bound(bool unbounded, TimestampTz t)
{
	if (unbounded || TIMESTAMP_NOT_FINITE(t))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("outage ranges must have finite bounds"),
				 errdetail("An outage needs a known start and end to be measured."),
				 errhint("Close an outage that is still open, for example with now() or the end of the period.")));
}

/* An outage range as [start, end); false when it has no duration. */
static bool
outage_bounds(TypeCacheEntry *typ, RangeType *r, TimestampTz *s, TimestampTz *e)
{
	RangeBound	lo,
				hi;
	bool		empty;

	range_deserialize(typ, r, &lo, &hi, &empty);
	if (empty)
		return false;
	check_outage_bound(lo.infinite, DatumGetTimestampTz(lo.val));
	check_outage_bound(hi.infinite, DatumGetTimestampTz(hi.val));
	*s = DatumGetTimestampTz(lo.val);
	*e = DatumGetTimestampTz(hi.val);
	return *s < *e;
}

/* How a period argument is named in errors. */
static const SlmRangeRole period_role = {
	"period", "Agreed service time is only defined over a bounded period.",
	"period start", "period end"
};

/* A period range as [start, end); refuses infinite bounds. */
static Period
period_bounds(TypeCacheEntry *typ, RangeType *r)
{
	Period		p = {true, 0, 0};

	if (!slm_range_finite_bounds(typ, r, &period_role, &p.start, &p.end))
		return p;
	p.empty = p.start >= p.end;
	if (p.empty)
		p.start = p.end = 0;
	return p;
}

/* The period argument argno. */
static Period
period_arg(FunctionCallInfo fcinfo, int argno)
{
	return period_bounds(lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO),
						 PG_GETARG_RANGE_P(argno));
}

/*
 * A multirange as a canonical outage list, in *n entries. Its ranges are
 * already sorted and disjoint; read as [lower, upper) they may touch, and are
 * then merged. As outages (clip NULL), infinite bounds are refused; as
 * maintenance, the list is cut to the period clip, which makes unbounded
 * maintenance fine.
 */
static SlmOutage *
multirange_outages(MultirangeType *mr, const Period *clip, int *n)
{
	TypeCacheEntry *mtyp;
	SlmOutage  *o;
	int			m = 0;

	*n = 0;
	if (MultirangeIsEmpty(mr) || (clip && clip->empty))
		return NULL;
	mtyp = lookup_type_cache(MultirangeTypeGetOid(mr), TYPECACHE_MULTIRANGE_INFO);
	o = palloc(mr->rangeCount * sizeof(SlmOutage));
	for (int i = 0; i < mr->rangeCount; i++)
	{
		RangeBound	lo,
					hi;
		TimestampTz s,
					e;

		multirange_get_bounds(mtyp->rngtype, mr, i, &lo, &hi);
		if (clip)
		{
			s = lo.infinite ? clip->start : Max(clip->start, DatumGetTimestampTz(lo.val));
			e = hi.infinite ? clip->end : Min(clip->end, DatumGetTimestampTz(hi.val));
		}
		else
		{
			check_outage_bound(lo.infinite, DatumGetTimestampTz(lo.val));
			check_outage_bound(hi.infinite, DatumGetTimestampTz(hi.val));
			s = DatumGetTimestampTz(lo.val);
			e = DatumGetTimestampTz(hi.val);
		}
		if (s >= e)
			continue;
		if (m > 0 && s <= o[m - 1].end)
		{
			if (e > o[m - 1].end)
				o[m - 1].end = e;
		}
		else
		{
			o[m].start = s;
			o[m].end = e;
			m++;
		}
	}
	*n = m;
	return o;
}

/* ---------- text form ---------- */

/*
 * Append a string, double-quoted when it holds anything a range literal
 * treats specially (or always, with force); quotes and backslashes are
 * doubled, as range_out does.
 */
static void
append_quoted(StringInfo s, const char *value, bool force)
{
	bool		quote = force || value[0] == '\0';

	for (const char *p = value; *p && !quote; p++)
		if (*p == '"' || *p == '\\' || *p == '(' || *p == ')' ||
			*p == '[' || *p == ']' || *p == ',' || *p == '{' || *p == '}' ||
			isspace((unsigned char) *p))
			quote = true;
	if (quote)
		appendStringInfoChar(s, '"');
	for (const char *p = value; *p; p++)
	{
		if (*p == '"' || *p == '\\')
			appendStringInfoChar(s, *p);
		appendStringInfoChar(s, *p);
	}
	if (quote)
		appendStringInfoChar(s, '"');
}

/* Append [start,end) with bounds in timestamptz output form. */
static void
append_range(StringInfo s, TimestampTz start, TimestampTz end)
{
	appendStringInfoChar(s, '[');
	append_quoted(s, DatumGetCString(DirectFunctionCall1(timestamptz_out,
														 TimestampTzGetDatum(start))), false);
	appendStringInfoChar(s, ',');
	append_quoted(s, DatumGetCString(DirectFunctionCall1(timestamptz_out,
														 TimestampTzGetDatum(end))), false);
	appendStringInfoChar(s, ')');
}

/* Append an outage list as {[a,b),[c,d)}. */
static void
append_list(StringInfo s, const SlmOutage *o, int n)
{
	appendStringInfoChar(s, '{');
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoChar(s, ',');
		append_range(s, o[i].start, o[i].end);
	}
	appendStringInfoChar(s, '}');
}

/*
 * Expect the character c after blanks; the detail says so when the input
 * ends instead.
 */
static bool
scan_char(SlmScan *sc, char c)
{
	slm_scan_skip_space(sc);
	if (slm_scan_accept(sc, c))
		return true;
	return slm_scan_error(sc, psprintf(*sc->p == '\0' ?
									   "Expected \"%c\", found end of input" :
									   "Expected \"%c\"", c));
}

/* Accept the keyword word (after blanks), case-insensitively. */
static bool
scan_word(SlmScan *sc, const char *word)
{
	slm_scan_skip_space(sc);
	return slm_scan_keyword(sc, word);
}

/*
 * Read a string up to an unquoted terminator (one of stop), the way
 * range_in reads a bound: double quotes group, "" inside quotes and a
 * backslash escape one character. *quoted tells whether quotes were seen.
 */
static bool
scan_string(SlmScan *sc, const char *stop, StringInfo out, bool *quoted)
{
	bool		inquote = false;

	*quoted = false;
	for (;;)
	{
		char		ch = *sc->p;

		if (ch == '\0')
		{
			if (inquote)
				return slm_scan_error(sc, "Unterminated quoted string");
			return true;
		}
		if (!inquote && strchr(stop, ch))
			return true;
		sc->p++;
		if (ch == '\\')
		{
			if (*sc->p == '\0')
				return slm_scan_error(sc, "Unexpected end of input after backslash");
			appendStringInfoChar(out, *sc->p++);
		}
		else if (ch == '"')
		{
			*quoted = true;
			if (!inquote)
				inquote = true;
			else if (*sc->p == '"')
				appendStringInfoChar(out, *sc->p++);
			else
				inquote = false;
		}
		else
			appendStringInfoChar(out, ch);
	}
}

/* Read a double-quoted string ("" and a backslash escape one character). */
static bool
scan_quoted(SlmScan *sc, StringInfo out)
{
	slm_scan_skip_space(sc);
	if (*sc->p != '"')
		return slm_scan_error(sc, "Expected a double-quoted string");
	sc->p++;
	for (;;)
	{
		char		ch = *sc->p;

		if (ch == '\0')
			return slm_scan_error(sc, "Unterminated quoted string");
		sc->p++;
		if (ch == '"')
		{
			if (*sc->p != '"')
				return true;
			sc->p++;
		}
		else if (ch == '\\')
		{
			if (*sc->p == '\0')
				return slm_scan_error(sc, "Unterminated quoted string");
			ch = *sc->p++;
		}
		appendStringInfoChar(out, ch);
	}
}

/* Read a finite timestamptz bound, ending at "," or ")". */
static bool
scan_bound(SlmScan *sc, TimestampTz *t)
{
	StringInfoData buf;
	const char *start;
	bool		quoted;
	Datum		d;

	slm_scan_skip_space(sc);
	start = sc->p;
	initStringInfo(&buf);
	if (!scan_string(sc, ",)]}", &buf, &quoted))
		return false;
	if (buf.len == 0 && !quoted)
	{
		sc->p = start;
		if (*sc->p == '\0')
			return slm_scan_error(sc, "Expected a timestamp, found end of input");
		errsave(sc->escontext,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s value must have finite bounds", sc->typname),
				 errdetail("Missing bound at character %d.",
						   slm_scan_position(sc, start))));
		return false;
	}
#if PG_VERSION_NUM >= 160000
	if (!DirectInputFunctionCallSafe(timestamptz_in, buf.data, InvalidOid, -1,
									 sc->escontext, &d))
		return false;
#else
	d = DirectFunctionCall3(timestamptz_in, CStringGetDatum(buf.data),
							ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
#endif
	*t = DatumGetTimestampTz(d);
	if (TIMESTAMP_NOT_FINITE(*t))
	{
		errsave(sc->escontext,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("%s value must have finite bounds", sc->typname),
				 errdetail("Found \"%s\" at character %d.", buf.data,
						   slm_scan_position(sc, start))));
		return false;
	}
	return true;
}

/* Read a range [start,end) with start < end; k numbers it for messages. */
static bool
scan_range(SlmScan *sc, int k, TimestampTz *s, TimestampTz *e)
{
	if (!scan_char(sc, '[') || !scan_bound(sc, s) || !scan_char(sc, ',') ||
		!scan_bound(sc, e) || !scan_char(sc, ')'))
		return false;
	if (*s >= *e)
	{
		errsave(sc->escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"",
						sc->typname, sc->input),
				 k > 0 ? errdetail("Range %d does not end after it starts.", k) :
				 errdetail("The period does not end after it starts.")));
		return false;
	}
	return true;
}

/*
 * Read a canonical outage list {[a,b),[c,d),...} into b (which must be
 * empty): sorted, each range separated from the next by a gap.
 */
static bool
scan_list(SlmScan *sc, OutBuf *b)
{
	if (!scan_char(sc, '{'))
		return false;
	slm_scan_skip_space(sc);
	if (slm_scan_accept(sc, '}'))
		return true;
	for (;;)
	{
		TimestampTz s,
					e;

		if (!scan_range(sc, b->n + 1, &s, &e))
			return false;
		if (b->n > 0 && s <= b->o[b->n - 1].end)
		{
			errsave(sc->escontext,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"",
							sc->typname, sc->input),
					 errdetail("Range %d does not start after the end of range %d.",
							   b->n + 1, b->n),
					 errhint("Outages are written sorted and merged; cast a tstzmultirange to slm.outages to merge them.")));
			return false;
		}
		check_outage_count(b->n + 1);
		buf_add(b, s, e);
		slm_scan_skip_space(sc);
		if (slm_scan_accept(sc, '}'))
			return true;
		if (!slm_scan_accept(sc, ','))
			return slm_scan_error(sc, *sc->p ? "Expected \",\" or \"}\"" :
								  "Expected \",\" or \"}\", found end of input");
	}
}

/* Nothing but blanks may follow. */
static bool
scan_end(SlmScan *sc)
{
	if (!slm_scan_at_end(sc))
		return slm_scan_error(sc, "Unexpected text");
	return true;
}

/*
 * Read the quoted calendar of an availability state. slm writes it without
 * escapes (a calendar has no quote or backslash), and then it is read in
 * place, so that its errors quote the whole state and count positions from
 * its start, as a target's calendar does; one written with escapes is read
 * from its unescaped copy.
 */
static SlmCalendar *
scan_calendar(SlmScan *sc)
{
	StringInfoData text;
	const char *open;
	SlmScan		calscan;

	slm_scan_skip_space(sc);
	open = sc->p;
	initStringInfo(&text);
	if (!scan_quoted(sc, &text))
		return NULL;
	if (sc->p - open == text.len + 2)
	{
		slm_scan_init_part(&calscan, sc, open + 1, sc->p - 1);
		return slm_calendar_scan(&calscan);
	}
	return slm_calendar_parse(text.data, sc->escontext);
}

/* ---------- slm.outages: I/O and equality ---------- */

PG_FUNCTION_INFO_V1(slm_outages_in);
/* Text input: the canonical list, {[a,b),...}. */
Datum
slm_outages_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	SlmScan		sc;
	OutBuf		b;

	slm_scan_init(&sc, str, "slm.outages", SLM_ESCONTEXT_ARG(fcinfo));
	buf_init(&b, CurrentMemoryContext, OUTBUF_INITIAL);
	if (!scan_list(&sc, &b) || !scan_end(&sc))
		PG_RETURN_NULL();
	PG_RETURN_POINTER(outages_make(b.o, b.n));
}

PG_FUNCTION_INFO_V1(slm_outages_out);
/* Canonical text output, in the session's DateStyle and TimeZone. */
Datum
slm_outages_out(PG_FUNCTION_ARGS)
{
	SlmOutages *v = PG_GETARG_SLM_OUTAGES_P(0);
	StringInfoData s;

	initStringInfo(&s);
	append_list(&s, v->o, v->n);
	PG_RETURN_CSTRING(s.data);
}

/*
 * Binary form: a format-version byte, the count as int32, then each outage
 * as two int64 timestamps (microseconds since 2000-01-01 UTC).
 */
PG_FUNCTION_INFO_V1(slm_outages_send);
/* Binary output. */
Datum
slm_outages_send(PG_FUNCTION_ARGS)
{
	SlmOutages *v = PG_GETARG_SLM_OUTAGES_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SLM_OUTAGES_VERSION);
	pq_sendint32(&buf, v->n);
	for (int i = 0; i < v->n; i++)
	{
		pq_sendint64(&buf, v->o[i].start);
		pq_sendint64(&buf, v->o[i].end);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* Read and check a binary outage list: count, then sorted separated pairs. */
static SlmOutage *
recv_list(StringInfo buf, const char *typname, int *count)
{
	int			n = pq_getmsgint(buf, 4);
	SlmOutage  *o;

	if (n < 0 || n > SLM_MAX_OUTAGES ||
		(int64) n * 16 > (int64) (buf->len - buf->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid outage count %d in external %s value", n, typname)));
	o = palloc(Max(n, 1) * sizeof(SlmOutage));
	for (int i = 0; i < n; i++)
	{
		o[i].start = pq_getmsgint64(buf);
		o[i].end = pq_getmsgint64(buf);
		if (!IS_VALID_TIMESTAMP(o[i].start) || !IS_VALID_TIMESTAMP(o[i].end))
			ereport(ERROR,
					(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
					 errmsg("%s value must have finite bounds", typname),
					 errdetail("Outage %d has a bound out of range.", i + 1)));
		if (o[i].start >= o[i].end)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid external %s value", typname),
					 errdetail("Outage %d does not end after it starts.", i + 1)));
		if (i > 0 && o[i].start <= o[i - 1].end)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
					 errmsg("invalid external %s value", typname),
					 errdetail("Outage %d does not start after the end of outage %d.",
							   i + 1, i)));
	}
	*count = n;
	return o;
}

/* Check the format-version byte of a binary value. */
static void
recv_version(StringInfo buf, int expected, const char *typname)
{
	int			version = pq_getmsgbyte(buf);

	if (version != expected)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s",
						version, typname)));
}

PG_FUNCTION_INFO_V1(slm_outages_recv);
/* Binary input; everything read is checked. */
Datum
slm_outages_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	SlmOutage  *o;
	int			n;

	recv_version(buf, SLM_OUTAGES_VERSION, "slm.outages");
	o = recv_list(buf, "slm.outages", &n);
	PG_RETURN_POINTER(outages_make(o, n));
}

/* Equality of canonical values is byte equality. */
static bool
outages_eq(SlmOutages *a, SlmOutages *b)
{
	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

PG_FUNCTION_INFO_V1(slm_outages_eq);
/* a = b */
Datum
slm_outages_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(outages_eq(PG_GETARG_SLM_OUTAGES_P(0), PG_GETARG_SLM_OUTAGES_P(1)));
}

PG_FUNCTION_INFO_V1(slm_outages_ne);
/* a <> b */
Datum
slm_outages_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!outages_eq(PG_GETARG_SLM_OUTAGES_P(0), PG_GETARG_SLM_OUTAGES_P(1)));
}

/* ---------- outage_agg and rollup ---------- */

PG_FUNCTION_INFO_V1(slm_outage_agg_trans);
/* outage_agg transition: add one outage range to the state. */
Datum
slm_outage_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ExpandedOutages *eo;
	TimestampTz s = 0,
				e = 0;
	bool		has = false;

	if (!PG_ARGISNULL(1))
		has = outage_bounds(tstzrange_typcache(fcinfo), PG_GETARG_RANGE_P(1), &s, &e);

	if (!AggCheckCallContext(fcinfo, &aggcxt))
	{
		/* a direct call: a new value, the union of the two */
		OutBuf		b;

		if (PG_ARGISNULL(1))
		{
			if (PG_ARGISNULL(0))
				PG_RETURN_NULL();
			PG_RETURN_DATUM(PG_GETARG_DATUM(0));
		}
		buf_init(&b, CurrentMemoryContext, OUTBUF_INITIAL);
		if (!PG_ARGISNULL(0))
		{
			SlmOutages *v = PG_GETARG_SLM_OUTAGES_P(0);

			buf_add_list(&b, v->o, v->n);
		}
		if (has)
			buf_add(&b, s, e);
		buf_compact(&b, false);
		PG_RETURN_POINTER(outages_make(b.o, b.n));
	}

	/* a NULL range is skipped; an empty one still starts the state */
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	eo = outages_state_arg(fcinfo, 0, aggcxt);
	if (has)
		buf_add(&eo->buf, s, e);
	PG_RETURN_DATUM(EOHPGetRWDatum(&eo->hdr));
}

PG_FUNCTION_INFO_V1(slm_outage_agg_combine);
/*
 * The union of two slm.outages states: the combine function of outage_agg
 * and rollup, and the transition function of rollup. Neither side is
 * assumed to be sorted before, after or apart from the other.
 */
Datum
slm_outage_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ExpandedOutages *eo;
	SlmOutages *v;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (!AggCheckCallContext(fcinfo, &aggcxt))
	{
		OutBuf		b;

		if (PG_ARGISNULL(0))
			PG_RETURN_DATUM(PG_GETARG_DATUM(1));
		buf_init(&b, CurrentMemoryContext, OUTBUF_INITIAL);
		v = PG_GETARG_SLM_OUTAGES_P(0);
		buf_add_list(&b, v->o, v->n);
		v = PG_GETARG_SLM_OUTAGES_P(1);
		buf_add_list(&b, v->o, v->n);
		buf_compact(&b, false);
		PG_RETURN_POINTER(outages_make(b.o, b.n));
	}
	/* a NULL first state becomes a copy of the second, in the aggregate context */
	eo = outages_state_arg(fcinfo, 0, aggcxt);
	v = PG_GETARG_SLM_OUTAGES_P(1);
	buf_add_list(&eo->buf, v->o, v->n);
	PG_RETURN_DATUM(EOHPGetRWDatum(&eo->hdr));
}

PG_FUNCTION_INFO_V1(slm_outage_agg_final);
/* outage_agg and rollup final: sort-merge the state into a flat value. */
Datum
slm_outage_agg_final(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);
	ExpandedOutages *eo;

	if (!VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) ||
		DatumGetEOHP(d)->eoh_methods != &eo_methods)
		PG_RETURN_POINTER(PG_GETARG_SLM_OUTAGES_P(0));
	/* merging leaves the state's value as it was, so it may be read again */
	eo = (ExpandedOutages *) DatumGetEOHP(d);
	buf_compact(&eo->buf, false);
	PG_RETURN_POINTER(outages_make(eo->buf.o, eo->buf.n));
}

/* ---------- casts ---------- */

PG_FUNCTION_INFO_V1(slm_tstzmultirange);
/* slm.outages as a tstzmultirange of [start,end) ranges. */
Datum
slm_tstzmultirange(PG_FUNCTION_ARGS)
{
	SlmOutages *v = PG_GETARG_SLM_OUTAGES_P(0);
	TypeCacheEntry *rtyp = lookup_type_cache(TSTZRANGEOID, TYPECACHE_RANGE_INFO);
	RangeType **ranges = palloc(Max(v->n, 1) * sizeof(RangeType *));

	for (int i = 0; i < v->n; i++)
	{
		RangeBound	lo,
					hi;

		lo.val = TimestampTzGetDatum(v->o[i].start);
		lo.infinite = false;
		lo.inclusive = true;
		lo.lower = true;
		hi.val = TimestampTzGetDatum(v->o[i].end);
		hi.infinite = false;
		hi.inclusive = false;
		hi.lower = false;
#if PG_VERSION_NUM >= 160000
		ranges[i] = make_range(rtyp, &lo, &hi, false, NULL);
#else
		ranges[i] = make_range(rtyp, &lo, &hi, false);
#endif
	}
	PG_RETURN_MULTIRANGE_P(make_multirange(TSTZMULTIRANGEOID, rtyp, v->n, ranges));
}

PG_FUNCTION_INFO_V1(slm_outages);
/* A tstzmultirange as slm.outages: bounds read as [lower,upper), touching ranges merged. */
Datum
slm_outages(PG_FUNCTION_ARGS)
{
	int			n;
	SlmOutage  *o = multirange_outages(PG_GETARG_MULTIRANGE_P(0), NULL, &n);

	check_outage_count(n);
	PG_RETURN_POINTER(outages_make(o, n));
}

/* ---------- measures ---------- */

/* Index of the first outage ending after t. */
static int
first_ending_after(const SlmOutage *o, int n, TimestampTz t)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (o[mid].end > t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/* Index of the first outage starting at or after t. */
static int
first_starting_from(const SlmOutage *o, int n, TimestampTz t)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (o[mid].start >= t)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

/*
 * Business time of [s, e) less the sorted, disjoint list m. *mi is where to
 * start looking in m; it moves past what ends by s, so successive calls in
 * time order cost O(n + |m|) in all.
 */
static int64
business_minus(SlmClock *clk, TimestampTz s, TimestampTz e,
			   const SlmOutage *m, int nm, int *mi)
{
	int64		sum = 0;

	while (*mi < nm && m[*mi].end <= s)
		(*mi)++;
	for (int k = *mi; k < nm && m[k].start < e && s < e; k++)
	{
		if (m[k].start > s)
			sum += slm_clock_between(clk, s, m[k].start);
		s = Max(s, m[k].end);
	}
	if (s < e)
		sum += slm_clock_between(clk, s, e);
	return sum;
}

/* What the accessors report, in business microseconds. */
typedef struct Measure
{
	int64		agreed;			/* business time of the period less maintenance */
	int64		down;			/* business time of outages in it, less maintenance */
	int64		breaks;			/* outages with some of that downtime */
} Measure;

/* Measure the canonical outages o over period p, maintenance m left out. */
static Measure
measure(SlmClock *clk, const SlmOutage *o, int n, const Period *p,
		const SlmOutage *m, int nm)
{
	Measure		r = {0, 0, 0};
	int			mi = 0;

	if (p->empty)
		return r;
	r.agreed = business_minus(clk, p->start, p->end, m, nm, &mi);
	mi = 0;
	for (int i = first_ending_after(o, n, p->start); i < n && o[i].start < p->end; i++)
	{
		int64		d = business_minus(clk, Max(o[i].start, p->start),
									   Min(o[i].end, p->end), m, nm, &mi);

		if (d > 0)
		{
			r.down += d;
			r.breaks++;
		}
	}
	return r;
}

/* Microseconds divided by a count, rounded to the nearest microsecond. */
static Interval *
us_per(int64 us, int64 count)
{
	return slm_us_to_interval((us + count / 2) / count);
}

typedef enum MeasureKind
{
	MEASURE_DOWNTIME,
	MEASURE_AVAILABILITY,
	MEASURE_MTRS,
	MEASURE_MTBF
} MeasureKind;

/*
 * The accessors over (outages, calendar, period [, maintenance]); the
 * outages are an slm.outages value or, with multirange, a tstzmultirange.
 * NULL outages, calendar or period give NULL; NULL maintenance is none.
 */
static Datum
measure_call(FunctionCallInfo fcinfo, bool multirange, MeasureKind kind)
{
	const SlmOutage *o;
	const SlmOutage *m = NULL;
	int			n,
				nm = 0;
	Period		p;
	SlmClock   *clk;
	Measure		r;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2))
		PG_RETURN_NULL();
	p = period_arg(fcinfo, 2);
	if (multirange)
		o = multirange_outages(PG_GETARG_MULTIRANGE_P(0), NULL, &n);
	else
	{
		SlmOutages *v = PG_GETARG_SLM_OUTAGES_P(0);

		o = v->o;
		n = v->n;
	}
	if (PG_NARGS() > 3 && !PG_ARGISNULL(3))
		m = multirange_outages(PG_GETARG_MULTIRANGE_P(3), &p, &nm);
	clk = slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(1));
	r = measure(clk, o, n, &p, m, nm);

	switch (kind)
	{
		case MEASURE_DOWNTIME:
			PG_RETURN_INTERVAL_P(slm_us_to_interval(r.down));
		case MEASURE_AVAILABILITY:
			if (r.agreed == 0)
				PG_RETURN_NULL();
			PG_RETURN_FLOAT8((double) (r.agreed - r.down) / (double) r.agreed);
		case MEASURE_MTRS:
			if (r.breaks == 0)
				PG_RETURN_NULL();
			PG_RETURN_INTERVAL_P(us_per(r.down, r.breaks));
		case MEASURE_MTBF:
			if (r.breaks == 0)
				PG_RETURN_NULL();
			PG_RETURN_INTERVAL_P(us_per(r.agreed - r.down, r.breaks));
	}
	elog(ERROR, "unexpected measure kind %d", (int) kind);
	PG_RETURN_NULL();			/* keep compiler quiet */
}

PG_FUNCTION_INFO_V1(slm_agreed_time);
/* slm.agreed_time(cal, period [, maintenance]): business time of the period less maintenance. */
Datum
slm_agreed_time(PG_FUNCTION_ARGS)
{
	const SlmOutage *m = NULL;
	int			nm = 0;
	Period		p;
	Measure		r;

	if (PG_ARGISNULL(0) || PG_ARGISNULL(1))
		PG_RETURN_NULL();
	p = period_arg(fcinfo, 1);
	if (PG_NARGS() > 2 && !PG_ARGISNULL(2))
		m = multirange_outages(PG_GETARG_MULTIRANGE_P(2), &p, &nm);
	r = measure(slm_clock_get(fcinfo, PG_GETARG_SLM_CALENDAR_P(0)), NULL, 0, &p, m, nm);
	PG_RETURN_INTERVAL_P(slm_us_to_interval(r.agreed));
}

PG_FUNCTION_INFO_V1(slm_downtime);
/* slm.downtime(outages, cal, period [, maintenance]). */
Datum
slm_downtime(PG_FUNCTION_ARGS)
{
	return measure_call(fcinfo, false, MEASURE_DOWNTIME);
}

PG_FUNCTION_INFO_V1(slm_downtime_multirange);
/* slm.downtime(tstzmultirange, cal, period [, maintenance]). */
Datum
slm_downtime_multirange(PG_FUNCTION_ARGS)
{
	return measure_call(fcinfo, true, MEASURE_DOWNTIME);
}

PG_FUNCTION_INFO_V1(slm_availability);
/* slm.availability(outages, cal, period [, maintenance]). */
Datum
slm_availability(PG_FUNCTION_ARGS)
{
	return measure_call(fcinfo, false, MEASURE_AVAILABILITY);
}

PG_FUNCTION_INFO_V1(slm_availability_multirange);
/* slm.availability(tstzmultirange, cal, period [, maintenance]). */
Datum
slm_availability_multirange(PG_FUNCTION_ARGS)
{
	return measure_call(fcinfo, true, MEASURE_AVAILABILITY);
}

PG_FUNCTION_INFO_V1(slm_mtrs);
/* slm.mtrs(outages, cal, period [, maintenance]). */
Datum
slm_mtrs(PG_FUNCTION_ARGS)
{
	return measure_call(fcinfo, false, MEASURE_MTRS);
}

PG_FUNCTION_INFO_V1(slm_mtrs_multirange);
/* slm.mtrs(tstzmultirange, cal, period [, maintenance]). */
Datum
slm_mtrs_multirange(PG_FUNCTION_ARGS)
{
	return measure_call(fcinfo, true, MEASURE_MTRS);
}

PG_FUNCTION_INFO_V1(slm_mtbf);
/* slm.mtbf(outages, cal, period [, maintenance]). */
Datum
slm_mtbf(PG_FUNCTION_ARGS)
{
	return measure_call(fcinfo, false, MEASURE_MTBF);
}

PG_FUNCTION_INFO_V1(slm_mtbf_multirange);
/* slm.mtbf(tstzmultirange, cal, period [, maintenance]). */
Datum
slm_mtbf_multirange(PG_FUNCTION_ARGS)
{
	return measure_call(fcinfo, true, MEASURE_MTBF);
}

/* Number of outages of a canonical list overlapping the period. */
static int64
count_overlapping(const SlmOutage *o, int n, const Period *p)
{
	int			i,
				j;

	if (p->empty)
		return 0;
	i = first_ending_after(o, n, p->start);
	j = first_starting_from(o, n, p->end);
	return j > i ? j - i : 0;
}

PG_FUNCTION_INFO_V1(slm_outage_count);
/* slm.outage_count(outages, period): outages overlapping the period. */
Datum
slm_outage_count(PG_FUNCTION_ARGS)
{
	SlmOutages *v = PG_GETARG_SLM_OUTAGES_P(0);
	Period		p = period_arg(fcinfo, 1);

	PG_RETURN_INT64(count_overlapping(v->o, v->n, &p));
}

PG_FUNCTION_INFO_V1(slm_outage_count_multirange);
/* slm.outage_count(tstzmultirange, period), after merging touching ranges. */
Datum
slm_outage_count_multirange(PG_FUNCTION_ARGS)
{
	int			n;
	SlmOutage  *o = multirange_outages(PG_GETARG_MULTIRANGE_P(0), NULL, &n);
	Period		p = period_arg(fcinfo, 1);

	PG_RETURN_INT64(count_overlapping(o, n, &p));
}

/* ---------- slm.availability_state and availability_agg ---------- */

/* Append a period as [start,end) or empty. */
static void
append_period(StringInfo s, const Period *p)
{
	if (p->empty)
		appendStringInfoString(s, "empty");
	else
		append_range(s, p->start, p->end);
}

/* Text of a period, for messages. */
static char *
period_text(const Period *p)
{
	StringInfoData s;

	initStringInfo(&s);
	append_period(&s, p);
	return s.data;
}

/* Two periods are the same (after reading their bounds as [lower,upper)). */
static bool
period_eq(const Period *a, const Period *b)
{
	if (a->empty || b->empty)
		return a->empty == b->empty;
	return a->start == b->start && a->end == b->end;
}

/* Refuse a row or partial state whose calendar or period differs from the group's. */
static void
check_same_group(const SlmCalendar *cal, const Period *p,
				 const SlmCalendar *gcal, const Period *gp)
{
	if (!calendar_same(cal, gcal))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("slm.availability_agg needs one calendar per group"),
				 errdetail("Found calendar \"%s\" in a group with calendar \"%s\".",
						   slm_calendar_to_cstring(cal), slm_calendar_to_cstring(gcal)),
				 errhint("Group by the service, or use slm.availability over slm.outage_agg.")));
	if (!period_eq(p, gp))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("slm.availability_agg needs one period per group"),
				 errdetail("Found period %s in a group with period %s.",
						   period_text(p), period_text(gp)),
				 errhint("Group by the period, or use slm.availability over slm.outage_agg.")));
}

PG_FUNCTION_INFO_V1(slm_availability_state_in);
/* Text input: period [p,q) calendar "..." outages {[a,b),...}. */
Datum
slm_availability_state_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	SlmScan		sc;
	Period		p = {true, 0, 0};
	SlmCalendar *cal;
	OutBuf		b;

	slm_scan_init(&sc, str, "slm.availability_state", SLM_ESCONTEXT_ARG(fcinfo));
	if (!scan_word(&sc, "period"))
	{
		slm_scan_error(&sc, "Expected \"period\"");
		PG_RETURN_NULL();
	}
	slm_scan_skip_space(&sc);
	if (!scan_word(&sc, "empty"))
	{
		if (!scan_range(&sc, 0, &p.start, &p.end))
			PG_RETURN_NULL();
		p.empty = false;
	}
	if (!scan_word(&sc, "calendar"))
	{
		slm_scan_error(&sc, "Expected \"calendar\"");
		PG_RETURN_NULL();
	}
	cal = scan_calendar(&sc);
	if (cal == NULL)
		PG_RETURN_NULL();
	if (!scan_word(&sc, "outages"))
	{
		slm_scan_error(&sc, "Expected \"outages\"");
		PG_RETURN_NULL();
	}
	buf_init(&b, CurrentMemoryContext, OUTBUF_INITIAL);
	if (!scan_list(&sc, &b) || !scan_end(&sc))
		PG_RETURN_NULL();
	for (int i = 0; i < b.n; i++)
		if (p.empty || b.o[i].start < p.start || b.o[i].end > p.end)
		{
			errsave(sc.escontext,
					(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
					 errmsg("invalid input syntax for type %s: \"%s\"", sc.typname, str),
					 errdetail("Range %d is not inside the period.", i + 1)));
			PG_RETURN_NULL();
		}
	PG_RETURN_POINTER(avail_state_make(b.o, b.n, &p, cal));
}

PG_FUNCTION_INFO_V1(slm_availability_state_out);
/* Canonical text output. */
Datum
slm_availability_state_out(PG_FUNCTION_ARGS)
{
	SlmAvailState *st = PG_GETARG_SLM_AVAIL_STATE_P(0);
	Period		p = avail_state_period(st);
	StringInfoData s;

	initStringInfo(&s);
	appendStringInfoString(&s, "period ");
	append_period(&s, &p);
	appendStringInfoString(&s, " calendar ");
	append_quoted(&s, slm_calendar_to_cstring(SLM_AVAIL_CAL(st)), true);
	appendStringInfoString(&s, " outages ");
	append_list(&s, st->o, st->n);
	PG_RETURN_CSTRING(s.data);
}

/*
 * Binary form: a format-version byte, a flags byte (1: empty period), the
 * period's start and end as int64, the outages as in slm.outages, then the
 * calendar's canonical text.
 */
PG_FUNCTION_INFO_V1(slm_availability_state_send);
/* Binary output. */
Datum
slm_availability_state_send(PG_FUNCTION_ARGS)
{
	SlmAvailState *st = PG_GETARG_SLM_AVAIL_STATE_P(0);
	StringInfoData buf;
	char	   *caltext = slm_calendar_to_cstring(SLM_AVAIL_CAL(st));

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SLM_AVAIL_STATE_VERSION);
	pq_sendbyte(&buf, st->flags);
	pq_sendint64(&buf, st->period_start);
	pq_sendint64(&buf, st->period_end);
	pq_sendint32(&buf, st->n);
	for (int i = 0; i < st->n; i++)
	{
		pq_sendint64(&buf, st->o[i].start);
		pq_sendint64(&buf, st->o[i].end);
	}
	pq_sendtext(&buf, caltext, strlen(caltext));
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(slm_availability_state_recv);
/* Binary input; everything read is checked. */
Datum
slm_availability_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	const char *typname = "slm.availability_state";
	int			flags;
	Period		p;
	SlmOutage  *o;
	int			n,
				nbytes;
	char	   *caltext;

	recv_version(buf, SLM_AVAIL_STATE_VERSION, typname);
	flags = pq_getmsgbyte(buf);
	if (flags & ~SLM_AVAIL_EMPTY_PERIOD)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid flags %d in external %s value", flags, typname)));
	p.empty = (flags & SLM_AVAIL_EMPTY_PERIOD) != 0;
	p.start = pq_getmsgint64(buf);
	p.end = pq_getmsgint64(buf);
	if (p.empty ? (p.start != 0 || p.end != 0) :
		(!IS_VALID_TIMESTAMP(p.start) || !IS_VALID_TIMESTAMP(p.end) || p.start >= p.end))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid period in external %s value", typname)));
	o = recv_list(buf, typname, &n);
	if (n > 0 && (p.empty || o[0].start < p.start || o[n - 1].end > p.end))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid external %s value", typname),
				 errdetail("Outages reach outside the period.")));
	caltext = pq_getmsgtext(buf, buf->len - buf->cursor, &nbytes);
	PG_RETURN_POINTER(avail_state_make(o, n, &p, slm_calendar_parse(caltext, NULL)));
}

PG_FUNCTION_INFO_V1(slm_availability_agg_trans);
/* availability_agg transition: (state, outage, calendar, period). */
Datum
slm_availability_agg_trans(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ExpandedOutages *eo;
	SlmCalendar *cal;
	Period		p;
	TimestampTz s = 0,
				e = 0;
	bool		has = false;
	TypeCacheEntry *typ;

	/* rows without a calendar or a period are skipped */
	if (PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	typ = tstzrange_typcache(fcinfo);
	cal = PG_GETARG_SLM_CALENDAR_P(2);
	p = period_bounds(typ, PG_GETARG_RANGE_P(3));
	if (!PG_ARGISNULL(1))
		has = outage_bounds(typ, PG_GETARG_RANGE_P(1), &s, &e);
	/* only the outage inside the period matters */
	if (has)
	{
		s = Max(s, p.start);
		e = Min(e, p.end);
		has = !p.empty && s < e;
	}

	if (!AggCheckCallContext(fcinfo, &aggcxt))
	{
		/* a direct call: a new value */
		OutBuf		b;

		buf_init(&b, CurrentMemoryContext, OUTBUF_INITIAL);
		if (!PG_ARGISNULL(0))
		{
			SlmAvailState *st = PG_GETARG_SLM_AVAIL_STATE_P(0);
			Period		gp = avail_state_period(st);

			check_same_group(cal, &p, SLM_AVAIL_CAL(st), &gp);
			buf_add_list(&b, st->o, st->n);
		}
		if (has)
			buf_add(&b, s, e);
		buf_compact(&b, false);
		PG_RETURN_POINTER(avail_state_make(b.o, b.n, &p, cal));
	}

	if (PG_ARGISNULL(0))
		eo = eo_create_avail(aggcxt, OUTBUF_INITIAL, cal, &p);
	else if (is_own_state(PG_GETARG_DATUM(0), aggcxt, true))
	{
		eo = (ExpandedOutages *) DatumGetEOHP(PG_GETARG_DATUM(0));
		/* the same calendar datum row after row is the common case */
		if (!period_eq(&p, &eo->period) || !calendar_same(cal, eo->cal))
			check_same_group(cal, &p, eo->cal, &eo->period);
	}
	else
	{
		SlmAvailState *st = PG_GETARG_SLM_AVAIL_STATE_P(0);
		Period		gp = avail_state_period(st);

		check_same_group(cal, &p, SLM_AVAIL_CAL(st), &gp);
		eo = eo_create_avail(aggcxt, st->n * 2, cal, &p);
		buf_add_list(&eo->buf, st->o, st->n);
	}
	if (has)
		buf_add(&eo->buf, s, e);
	PG_RETURN_DATUM(EOHPGetRWDatum(&eo->hdr));
}

PG_FUNCTION_INFO_V1(slm_availability_agg_combine);
/* availability_agg combine: two partial states of one group. */
Datum
slm_availability_agg_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggcxt;
	ExpandedOutages *eo;
	SlmAvailState *st;
	Period		p;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	st = PG_GETARG_SLM_AVAIL_STATE_P(1);
	p = avail_state_period(st);

	if (!AggCheckCallContext(fcinfo, &aggcxt))
	{
		SlmAvailState *st0;
		Period		p0;
		OutBuf		b;

		if (PG_ARGISNULL(0))
			PG_RETURN_POINTER(st);
		st0 = PG_GETARG_SLM_AVAIL_STATE_P(0);
		p0 = avail_state_period(st0);
		check_same_group(SLM_AVAIL_CAL(st), &p, SLM_AVAIL_CAL(st0), &p0);
		buf_init(&b, CurrentMemoryContext, OUTBUF_INITIAL);
		buf_add_list(&b, st0->o, st0->n);
		buf_add_list(&b, st->o, st->n);
		buf_compact(&b, false);
		PG_RETURN_POINTER(avail_state_make(b.o, b.n, &p0, SLM_AVAIL_CAL(st0)));
	}

	if (PG_ARGISNULL(0))
	{
		/* copy into the aggregate context */
		eo = eo_create_avail(aggcxt, st->n * 2, SLM_AVAIL_CAL(st), &p);
	}
	else if (is_own_state(PG_GETARG_DATUM(0), aggcxt, true))
	{
		eo = (ExpandedOutages *) DatumGetEOHP(PG_GETARG_DATUM(0));
		check_same_group(SLM_AVAIL_CAL(st), &p, eo->cal, &eo->period);
	}
	else
	{
		SlmAvailState *st0 = PG_GETARG_SLM_AVAIL_STATE_P(0);
		Period		p0 = avail_state_period(st0);

		check_same_group(SLM_AVAIL_CAL(st), &p, SLM_AVAIL_CAL(st0), &p0);
		eo = eo_create_avail(aggcxt, (st0->n + st->n) * 2, SLM_AVAIL_CAL(st0), &p0);
		buf_add_list(&eo->buf, st0->o, st0->n);
	}
	buf_add_list(&eo->buf, st->o, st->n);
	PG_RETURN_DATUM(EOHPGetRWDatum(&eo->hdr));
}

PG_FUNCTION_INFO_V1(slm_availability_agg_final);
/* availability_agg final: (agreed - downtime) / agreed; NULL when agreed is zero. */
Datum
slm_availability_agg_final(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);
	const SlmOutage *o;
	int			n;
	Period		p;
	SlmCalendar *cal;
	Measure		r;

	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)) &&
		DatumGetEOHP(d)->eoh_methods == &eo_methods)
	{
		ExpandedOutages *eo = (ExpandedOutages *) DatumGetEOHP(d);

		/* merging leaves the state's value as it was */
		buf_compact(&eo->buf, false);
		o = eo->buf.o;
		n = eo->buf.n;
		p = eo->period;
		cal = eo->cal;
	}
	else
	{
		SlmAvailState *st = PG_GETARG_SLM_AVAIL_STATE_P(0);

		o = st->o;
		n = st->n;
		p = avail_state_period(st);
		cal = SLM_AVAIL_CAL(st);
	}
	if (p.empty)
		PG_RETURN_NULL();
	r = measure(slm_clock_get(fcinfo, cal), o, n, &p, NULL, 0);
	if (r.agreed == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) (r.agreed - r.down) / (double) r.agreed);
}
