/*-------------------------------------------------------------------------
 *
 * kano.c
 *	  Kano questionnaire analysis: classifying answer pairs, the slm.kano
 *	  summary type with its aggregate, rollup and accessors, and
 *	  kano_report(), per-feature figures from a long-format table.
 *
 * The method is the one in the project's Kano specification (Kano et al.;
 * Berger et al. with Timko's coefficients and DuMouchel's continuous
 * analysis; Fong's test). The summary keeps only counts and sums, so it is
 * of fixed size however many rows it describes, and merging summaries is
 * exact: category counts, the distribution of each question's answers (from
 * which the DuMouchel means and deviations are derived exactly), rows left
 * out for a missing answer or a value that is not an answer, and fixed-point
 * sums of the self-stated importance.
 *
 * This file also holds the writing of the summaries' text form, shared
 * with feedback.c (kano.h); both read it with the scanner (scan.h).
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "common/int.h"
#include "common/shortest_dec.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/tuplestore.h"

#include "slm.h"
#include "slm_compat.h"
#include "kano.h"
#include "scan.h"

/* ----------
 * slm.kano, stored form (version 2)
 *
 * A fixed-size varlena. Categories are indexed A, O, M, I, R, Q; answers
 * like, must-be, neutral, live-with, dislike (codes 1 to 5). Respondents
 * are the rows with both answers: the sum of the category counts, which
 * equals the sum of either answer distribution. Rows left out are counted
 * as skipped (an answer was NULL) or invalid (a value could not be judged).
 * Importance is summed over the respondents that gave one ("rated"), in
 * all and by answer.
 *
 * Importance sums are exact: each weight is rounded to the nearest
 * millionth and added as an integer number of millionths into 128 bits.
 * Weights are at most KANO_MAX_WEIGHT and respondents at most
 * KANO_MAX_RESPONDENTS, so a sum stays below 2^121 and never overflows, and
 * it is the same however the rows were ordered or split.
 *
 * Version 1 (slm 0.1.0) had no invalid count and float8 importance sums;
 * such values, on disk or in binary input, are converted when read (see
 * kano_from_v1).
 * ----------
 */
#define SLM_KANO_VERSION	2
#define KANO_NCAT			6
#define KANO_NANSWER		5

/* Respondents a summary may hold, so that sums of counts cannot overflow. */
#define KANO_MAX_RESPONDENTS	(PG_INT64_MAX / 4)

/* Importance: millionths per unit, and the largest weight in millionths. */
#define KANO_WEIGHT_SCALE	1000000
#define KANO_MAX_WEIGHT		INT64CONST(1000000000000000000)	/* 10^12 units */

/* An importance sum in millionths: hi * 2^64 + lo. */
typedef struct KanoSum
{
	uint64		hi;
	uint64		lo;
} KanoSum;

typedef struct SlmKano
{
	int32		vl_len_;		/* varlena header (do not touch directly) */
	uint8		version;		/* SLM_KANO_VERSION */
	uint8		flags;			/* reserved, zero */
	uint16		reserved;		/* reserved, zero */
	int64		cat[KANO_NCAT]; /* A, O, M, I, R, Q */
	int64		fans[KANO_NANSWER]; /* functional answers, like .. dislike */
	int64		dans[KANO_NANSWER]; /* dysfunctional answers */
	int64		skipped;		/* rows with a NULL answer */
	int64		invalid;		/* rows with a value that is not an answer
								 * or an importance */
	int64		rated;			/* respondents that gave an importance */
	KanoSum		wsum;			/* their importance, summed */
	KanoSum		fw[KANO_NANSWER];	/* ... by functional answer */
	KanoSum		dw[KANO_NANSWER];	/* ... by dysfunctional answer */
} SlmKano;

/* slm.kano as slm 0.1.0 stored it. */
typedef struct SlmKanoV1
{
	int32		vl_len_;
	uint8		version;		/* 1 */
	uint8		flags;
	uint16		reserved;
	int64		cat[KANO_NCAT];
	int64		fans[KANO_NANSWER];
	int64		dans[KANO_NANSWER];
	int64		skipped;
	int64		rated;
	float8		wsum;
	float8		fw[KANO_NANSWER];
	float8		dw[KANO_NANSWER];
} SlmKanoV1;

static SlmKano *kano_from_datum(Datum d);

#define DatumGetSlmKanoP(X)		kano_from_datum(X)
#define PG_GETARG_SLM_KANO_P(n) DatumGetSlmKanoP(PG_GETARG_DATUM(n))

enum
{
	CAT_A, CAT_O, CAT_M, CAT_I, CAT_R, CAT_Q
};

static const char cat_letter[KANO_NCAT] = {'A', 'O', 'M', 'I', 'R', 'Q'};

/* Ties between categories are broken in this order: M > O > A > I > R > Q. */
static const int cat_priority[KANO_NCAT] = {CAT_M, CAT_O, CAT_A, CAT_I, CAT_R, CAT_Q};

/* Evaluation tables, functional answer by dysfunctional answer. */
typedef int8 KanoTable[KANO_NANSWER][KANO_NANSWER];

static const KanoTable kano_standard = {
	{CAT_Q, CAT_A, CAT_A, CAT_A, CAT_O},
	{CAT_R, CAT_I, CAT_I, CAT_I, CAT_M},
	{CAT_R, CAT_I, CAT_I, CAT_I, CAT_M},
	{CAT_R, CAT_I, CAT_I, CAT_I, CAT_M},
	{CAT_R, CAT_R, CAT_R, CAT_R, CAT_Q}
};

/* Pouliot: must-be/must-be and live-with/live-with are questionable too. */
static const KanoTable kano_pouliot = {
	{CAT_Q, CAT_A, CAT_A, CAT_A, CAT_O},
	{CAT_R, CAT_Q, CAT_I, CAT_I, CAT_M},
	{CAT_R, CAT_I, CAT_I, CAT_I, CAT_M},
	{CAT_R, CAT_I, CAT_I, CAT_Q, CAT_M},
	{CAT_R, CAT_R, CAT_R, CAT_R, CAT_Q}
};

/* DuMouchel's scores, asymmetric on purpose. */
static const int fscore[KANO_NANSWER] = {4, 2, 0, -1, -2};
static const int dscore[KANO_NANSWER] = {-2, -1, 0, 2, 4};

/*
 * Accepted answers, normalised (see normalise_word): the five labels of the
 * specification and their codes, then for each answer the wording of Berger
 * et al.'s questionnaire, the usual shortened survey forms and synonyms.
 */
typedef struct KanoLabel
{
	const char *word;
	int			answer;			/* 0 = like .. 4 = dislike */
} KanoLabel;

static const KanoLabel kano_labels[] = {
	{"like", 0}, {"must be", 1}, {"neutral", 2}, {"live with", 3}, {"dislike", 4},
	{"1", 0}, {"2", 1}, {"3", 2}, {"4", 3}, {"5", 4},
	{"i like it that way", 0}, {"i like it", 0}, {"i would like it", 0},
	{"enjoy", 0}, {"delighted", 0},
	{"it must be that way", 1}, {"i expect it to be that way", 1},
	{"i expect it", 1}, {"expect", 1}, {"basic", 1},
	{"i am neutral", 2}, {"im neutral", 2}, {"i dont care", 2},
	{"indifferent", 2}, {"doesnt matter", 2},
	{"i can live with it that way", 3}, {"i can live with it", 3},
	{"can live with it", 3}, {"i can tolerate it", 3}, {"tolerate", 3},
	{"accept", 3},
	{"i dislike it that way", 4}, {"i dislike it", 4},
	{"i would dislike it", 4}, {"cant accept", 4}
};

/* Longest normalised word worth comparing; longer input matches nothing. */
#define KANO_WORD_MAX	32

/* Category rules of slm.category(). */
typedef enum
{
	RULE_MODE, RULE_MOAI, RULE_OAM
} KanoRule;

PG_FUNCTION_INFO_V1(slm_kano_in);
PG_FUNCTION_INFO_V1(slm_kano_out);
PG_FUNCTION_INFO_V1(slm_kano_recv);
PG_FUNCTION_INFO_V1(slm_kano_send);
PG_FUNCTION_INFO_V1(slm_kano_category_int);
PG_FUNCTION_INFO_V1(slm_kano_category_text);
PG_FUNCTION_INFO_V1(slm_kano_agg_trans_int);
PG_FUNCTION_INFO_V1(slm_kano_agg_trans_text);
PG_FUNCTION_INFO_V1(slm_kano_agg_combine);
PG_FUNCTION_INFO_V1(slm_count);
PG_FUNCTION_INFO_V1(slm_skipped);
PG_FUNCTION_INFO_V1(slm_kano_invalid);
PG_FUNCTION_INFO_V1(slm_respondents);
PG_FUNCTION_INFO_V1(slm_category);
PG_FUNCTION_INFO_V1(slm_better);
PG_FUNCTION_INFO_V1(slm_worse);
PG_FUNCTION_INFO_V1(slm_category_strength);
PG_FUNCTION_INFO_V1(slm_total_strength);
PG_FUNCTION_INFO_V1(slm_fong_significant);
PG_FUNCTION_INFO_V1(slm_functional_mean);
PG_FUNCTION_INFO_V1(slm_dysfunctional_mean);
PG_FUNCTION_INFO_V1(slm_functional_stddev);
PG_FUNCTION_INFO_V1(slm_dysfunctional_stddev);
PG_FUNCTION_INFO_V1(slm_importance);
PG_FUNCTION_INFO_V1(slm_weighted_functional_mean);
PG_FUNCTION_INFO_V1(slm_weighted_dysfunctional_mean);
PG_FUNCTION_INFO_V1(slm_kano_report);


/* ----------------------------------------------------------------
 * Writing the text form shared with feedback.c (scan.c reads it)
 * ----------------------------------------------------------------
 */

/* Append the separator before a field unless it is the first. */
static void
writer_key(StringInfo buf, const char *key)
{
	if (buf->len > 0 && buf->data[buf->len - 1] != '(')
		appendStringInfoChar(buf, ',');
	appendStringInfoString(buf, key);
	appendStringInfoChar(buf, '=');
}

/* Append "key=v1/.../vn" of integers. */
void
slm_write_int64s(StringInfo buf, const char *key, const int64 *v, int n)
{
	int			i;

	writer_key(buf, key);
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoChar(buf, '/');
		appendStringInfo(buf, INT64_FORMAT, v[i]);
	}
}

/*
 * Append "key=v1/.../vn" of float8 values, always in the shortest form that
 * reads back exactly, whatever extra_float_digits says: a summary must
 * survive a trip through text unchanged.
 */
void
slm_write_float8s(StringInfo buf, const char *key, const double *v, int n)
{
	int			i;
	char		num[DOUBLE_SHORTEST_DECIMAL_LEN];

	writer_key(buf, key);
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoChar(buf, '/');
		double_to_shortest_decimal_buf(v[i], num);
		appendStringInfoString(buf, num);
	}
}

/* Add two counts of merged summaries, failing cleanly on overflow. */
int64
slm_add_counts(int64 a, int64 b, const char *typname)
{
	int64		r;

	if (pg_add_s64_overflow(a, b, &r))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s count out of range", typname),
				 errdetail("Merged counts must fit in a bigint.")));
	return r;
}


/* ----------------------------------------------------------------
 * Answers, options and the evaluation table
 * ----------------------------------------------------------------
 */

/*
 * Normalise a word for comparison: lower-case ASCII, surrounding white space
 * dropped, apostrophes (also the typographic one in UTF-8) dropped, and
 * hyphens, underscores, full stops, commas and runs of white space made one
 * space, so that "I'm neutral." reads "im neutral". Returns false if the
 * result would not fit in KANO_WORD_MAX bytes.
 */
static bool
normalise_word(const char *s, int len, char *buf)
{
	bool		utf8 = (GetDatabaseEncoding() == PG_UTF8);
	bool		space = false;
	int			n = 0;
	int			i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) s[i];

		if (c == '\'')
			continue;
		if (utf8 && c == 0xE2 && i + 2 < len &&
			(unsigned char) s[i + 1] == 0x80 && (unsigned char) s[i + 2] == 0x99)
		{
			i += 2;
			continue;
		}
		if (c == '-' || c == '_' || c == '.' || c == ',' || c == ' ' ||
			c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')
		{
			space = (n > 0);
			continue;
		}
		if (n + (space ? 2 : 1) > KANO_WORD_MAX)
			return false;
		if (space)
			buf[n++] = ' ';
		space = false;
		buf[n++] = pg_ascii_tolower((char) c);
	}
	buf[n] = '\0';
	return true;
}

/* Index (0 = like .. 4 = dislike) of an integer answer code, or -1. */
static inline int
kano_code(int32 code)
{
	if (code < 1 || code > KANO_NANSWER)
		return -1;
	return code - 1;
}

/* Index (0 = like .. 4 = dislike) of a text answer, or -1. */
static int
kano_word(text *t)
{
	static const struct
	{
		const char *word;
		int			len;
	}			exact[KANO_NANSWER] = {
		{"like", 4}, {"must-be", 7}, {"neutral", 7}, {"live-with", 9}, {"dislike", 7}
	};
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	char		word[KANO_WORD_MAX + 1];
	int			i;

	/* most answers are the labels as written, found without normalising */
	for (i = 0; i < KANO_NANSWER; i++)
	{
		if (len == exact[i].len && memcmp(s, exact[i].word, len) == 0)
			return i;
	}
	if (normalise_word(s, len, word))
	{
		for (i = 0; i < lengthof(kano_labels); i++)
		{
			if (strcmp(word, kano_labels[i].word) == 0)
				return kano_labels[i].answer;
		}
	}
	return -1;
}

/* Index of an integer answer code; an error if it is not one. */
static int
kano_answer_int(int32 code, const char *question)
{
	int			a = kano_code(code);

	if (a < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid Kano answer %d for the %s question", code, question),
				 errdetail("Answers are coded 1 (like), 2 (must-be), 3 (neutral), 4 (live-with) and 5 (dislike).")));
	return a;
}

/* Index of a text answer; an error if it is not one. */
static int
kano_answer_text(text *t, const char *question)
{
	int			a = kano_word(t);

	if (a < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid Kano answer \"%s\" for the %s question",
						text_to_cstring(t), question),
				 errdetail("Accepted answers are like, must-be, neutral, live-with and dislike, their codes 1 to 5, the wordings of Berger et al. (I like it that way, It must be that way, I am neutral, I can live with it that way, I dislike it that way), their short forms (I like it, I expect it, I'm neutral, I can live with it, I dislike it) and the synonyms listed in the documentation."),
				 errhint("Case, surrounding white space, apostrophes, full stops and commas do not matter, and a hyphen may be written as a space or an underscore.")));
	return a;
}

/* The evaluation table named by the scheme argument. */
static const KanoTable *
kano_table(text *name)
{
	char		word[KANO_WORD_MAX + 1];

	if (normalise_word(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), word))
	{
		if (strcmp(word, "standard") == 0)
			return &kano_standard;
		if (strcmp(word, "pouliot") == 0)
			return &kano_pouliot;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid Kano evaluation table \"%s\"", text_to_cstring(name)),
			 errdetail("The evaluation tables are standard and pouliot.")));
	return NULL;				/* keep compiler quiet */
}

/* The category index named by a letter or a name. */
static int
kano_category_index(text *name)
{
	static const char *const names[KANO_NCAT] = {
		"attractive", "one dimensional", "must be", "indifferent",
		"reverse", "questionable"
	};
	char		word[KANO_WORD_MAX + 1];
	int			i;

	if (normalise_word(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), word))
	{
		for (i = 0; i < KANO_NCAT; i++)
		{
			if ((word[0] == pg_ascii_tolower(cat_letter[i]) && word[1] == '\0') ||
				strcmp(word, names[i]) == 0)
				return i;
		}
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid Kano category \"%s\"", text_to_cstring(name)),
			 errdetail("The categories are A (attractive), O (one-dimensional), M (must-be), I (indifferent), R (reverse) and Q (questionable).")));
	return -1;					/* keep compiler quiet */
}

/* The rule named by the "rule" argument of slm.category(). */
static KanoRule
kano_rule(text *name)
{
	char		word[KANO_WORD_MAX + 1];

	if (normalise_word(VARDATA_ANY(name), VARSIZE_ANY_EXHDR(name), word))
	{
		if (strcmp(word, "mode") == 0)
			return RULE_MODE;
		if (strcmp(word, "moai") == 0)
			return RULE_MOAI;
		if (strcmp(word, "oam") == 0)
			return RULE_OAM;
	}
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid Kano category rule \"%s\"", text_to_cstring(name)),
			 errdetail("The rules are mode, moai and oam.")));
	return RULE_MODE;			/* keep compiler quiet */
}

/* A category letter as text. */
static text *
category_text(int cat)
{
	return cstring_to_text_with_len(&cat_letter[cat], 1);
}

/* kano_category(integer, integer [, scheme]): one answer pair's category */
Datum
slm_kano_category_int(PG_FUNCTION_ARGS)
{
	int			f = kano_answer_int(PG_GETARG_INT32(0), "functional");
	int			d = kano_answer_int(PG_GETARG_INT32(1), "dysfunctional");
	const KanoTable *table = kano_table(PG_GETARG_TEXT_PP(2));

	PG_RETURN_TEXT_P(category_text((*table)[f][d]));
}

/* kano_category(text, text [, scheme]): one answer pair's category */
Datum
slm_kano_category_text(PG_FUNCTION_ARGS)
{
	int			f = kano_answer_text(PG_GETARG_TEXT_PP(0), "functional");
	int			d = kano_answer_text(PG_GETARG_TEXT_PP(1), "dysfunctional");
	const KanoTable *table = kano_table(PG_GETARG_TEXT_PP(2));

	PG_RETURN_TEXT_P(category_text((*table)[f][d]));
}


/* ----------------------------------------------------------------
 * The summary type: validation, text and binary I/O
 * ----------------------------------------------------------------
 */

/* A new empty summary in the given context. */
static SlmKano *
kano_new(MemoryContext cxt)
{
	SlmKano    *k = MemoryContextAllocZero(cxt, sizeof(SlmKano));

	SET_VARSIZE(k, sizeof(SlmKano));
	k->version = SLM_KANO_VERSION;
	return k;
}

/* A copy of a summary in the given context. */
static SlmKano *
kano_copy(const SlmKano *k, MemoryContext cxt)
{
	SlmKano    *c = MemoryContextAlloc(cxt, sizeof(SlmKano));

	memcpy(c, k, sizeof(SlmKano));
	return c;
}

/* Respondents: the rows with both answers. */
static inline int64
kano_n(const SlmKano *k)
{
	return k->cat[0] + k->cat[1] + k->cat[2] + k->cat[3] + k->cat[4] + k->cat[5];
}

/* Sum of n non-negative counts, or -1 if it overflows. */
static int64
sum_counts(const int64 *v, int n)
{
	int64		s = 0;
	int			i;

	for (i = 0; i < n; i++)
	{
		if (pg_add_s64_overflow(s, v[i], &s))
			return -1;
	}
	return s;
}

/*
 * Exact importance sums: unsigned 128-bit arithmetic on two 64-bit halves,
 * written out so that it works, and stores the same bytes, on every
 * platform whether or not the compiler has a 128-bit integer.
 */

/* a += b */
static inline void
ksum_add(KanoSum *a, const KanoSum *b)
{
	uint64		lo = a->lo + b->lo;

	a->hi += b->hi + (lo < a->lo ? 1 : 0);
	a->lo = lo;
}

/* a += v */
static inline void
ksum_add_u64(KanoSum *a, uint64 v)
{
	uint64		lo = a->lo + v;

	a->hi += (lo < a->lo ? 1 : 0);
	a->lo = lo;
}

/* Is a sum zero? */
static inline bool
ksum_is_zero(const KanoSum *a)
{
	return a->hi == 0 && a->lo == 0;
}

/* Compare two sums: negative, zero or positive as a <, = or > b. */
static int
ksum_cmp(const KanoSum *a, const KanoSum *b)
{
	if (a->hi != b->hi)
		return a->hi < b->hi ? -1 : 1;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return 0;
}

/* The full 128-bit product of two unsigned 64-bit numbers. */
static KanoSum
ksum_mul(uint64 a, uint64 b)
{
	uint64		a0 = a & 0xFFFFFFFF;
	uint64		a1 = a >> 32;
	uint64		b0 = b & 0xFFFFFFFF;
	uint64		b1 = b >> 32;
	uint64		p00 = a0 * b0;
	uint64		p01 = a0 * b1;
	uint64		p10 = a1 * b0;
	uint64		mid = (p00 >> 32) + (p01 & 0xFFFFFFFF) + (p10 & 0xFFFFFFFF);
	KanoSum		r;

	r.lo = (mid << 32) | (p00 & 0xFFFFFFFF);
	r.hi = a1 * b1 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
	return r;
}

/*
 * a = 10 a + digit, for reading decimals; false if a is already so large
 * (2^122 or more) that no summary can hold it, which also keeps the
 * multiplication from overflowing.
 */
static bool
ksum_shift_digit(KanoSum *a, int digit)
{
	KanoSum		lo;

	if (a->hi >= (UINT64CONST(1) << 58))
		return false;
	lo = ksum_mul(a->lo, 10);
	a->hi = a->hi * 10 + lo.hi;
	a->lo = lo.lo;
	ksum_add_u64(a, (uint64) digit);
	return true;
}

/* a = a / d for 0 < d < 2^32; returns the remainder. */
static uint32
ksum_divmod(KanoSum *a, uint32 d)
{
	uint64		limb[4];
	uint64		rem = 0;
	int			i;

	/* long division by 32-bit limbs, most significant first */
	limb[0] = a->hi >> 32;
	limb[1] = a->hi & 0xFFFFFFFF;
	limb[2] = a->lo >> 32;
	limb[3] = a->lo & 0xFFFFFFFF;
	for (i = 0; i < 4; i++)
	{
		uint64		cur = (rem << 32) | limb[i];

		limb[i] = cur / d;
		rem = cur % d;
	}
	a->hi = (limb[0] << 32) | limb[1];
	a->lo = (limb[2] << 32) | limb[3];
	return (uint32) rem;
}

/* A sum as a float8 (still in millionths). */
static inline double
ksum_to_double(const KanoSum *a)
{
	return (double) a->hi * 18446744073709551616.0 + (double) a->lo;
}

/*
 * Append a sum of millionths as an exact decimal number of units: the
 * integer part, then up to six decimals without trailing zeros.
 */
static void
ksum_write(StringInfo buf, const KanoSum *v)
{
	char		digits[48];
	KanoSum		t = *v;
	int			n = 0;
	int			last;
	int			i;

	/* digits, least significant first, at least one before the point */
	do
	{
		digits[n++] = (char) ('0' + ksum_divmod(&t, 10));
	} while (!ksum_is_zero(&t) || n < 7);
	for (i = n - 1; i >= 6; i--)
		appendStringInfoChar(buf, digits[i]);
	for (last = 0; last < 6 && digits[last] == '0'; last++)
		;
	if (last < 6)
	{
		appendStringInfoChar(buf, '.');
		for (i = 5; i >= last; i--)
			appendStringInfoChar(buf, digits[i]);
	}
}

/* Append "key=v1/.../vn" of importance sums. */
static void
write_ksums(StringInfo buf, const char *key, const KanoSum *v, int n)
{
	int			i;

	writer_key(buf, key);
	for (i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoChar(buf, '/');
		ksum_write(buf, &v[i]);
	}
}

/*
 * Read "key=v1/.../vn" of importance sums written as decimal numbers with
 * at most six decimals, exactly.
 */
static bool
read_ksums(SlmScan *r, const char *key, KanoSum *v, int n)
{
	int			i;

	if (!slm_scan_field(r, key))
		return false;
	for (i = 0; i < n; i++)
	{
		KanoSum		x = {0, 0};
		int			decimals = -1;	/* -1 before the point */

		if (!slm_scan_list_item(r, i, "a non-negative number"))
			return false;
		for (;;)
		{
			if (isdigit((unsigned char) *r->p))
			{
				if (decimals == 6)
					return slm_scan_error(r, "Importance sums have at most six decimals");
				if (!ksum_shift_digit(&x, *r->p - '0'))
					goto out_of_range;
				if (decimals >= 0)
					decimals++;
				r->p++;
			}
			else if (*r->p == '.' && decimals < 0)
			{
				r->p++;
				decimals = 0;
				if (!isdigit((unsigned char) *r->p))
					return slm_scan_expected(r, "a digit");
			}
			else
				break;
		}
		for (decimals = Max(decimals, 0); decimals < 6; decimals++)
		{
			if (!ksum_shift_digit(&x, 0))
				goto out_of_range;
		}
		v[i] = x;
	}
	return true;

out_of_range:
	return slm_scan_field_out_of_range(r, key,
									   "An importance sum is at most 1000000000000 per respondent.");
}

/*
 * A version 1 (float8) importance sum in millionths, rounded to the nearest
 * one. Returns NULL, or a sentence saying why it cannot be held.
 */
static const char *
ksum_from_v1(double w, KanoSum *out)
{
	double		x;

	if (!isfinite(w) || w < 0 || signbit(w))
		return "An importance sum is not a finite non-negative number.";
	x = rint(w * KANO_WEIGHT_SCALE);
	if (x >= ldexp(1.0, 121))
		return "An importance sum is more than 1000000000000 per respondent.";

	/*
	 * Both steps are exact: x / 2^64 only changes the exponent, and the
	 * remainder is a multiple of x's unit in the last place below 2^64.
	 */
	out->hi = (uint64) (x / 18446744073709551616.0);
	out->lo = (uint64) (x - (double) out->hi * 18446744073709551616.0);
	return NULL;
}

/* Fill the importance sums of k from version 1 sums; NULL or a problem. */
static const char *
kano_sums_from_v1(SlmKano *k, double wsum, const double *fw, const double *dw)
{
	const char *problem = ksum_from_v1(wsum, &k->wsum);
	int			i;

	for (i = 0; problem == NULL && i < KANO_NANSWER; i++)
	{
		problem = ksum_from_v1(fw[i], &k->fw[i]);
		if (problem == NULL)
			problem = ksum_from_v1(dw[i], &k->dw[i]);
	}
	return problem;
}

/* Is the sum s more than count respondents can give? */
static inline bool
ksum_too_large(const KanoSum *s, int64 count)
{
	KanoSum		limit = ksum_mul((uint64) count, (uint64) KANO_MAX_WEIGHT);

	return ksum_cmp(s, &limit) > 0;
}

/*
 * Check that a summary read from outside is one slm could have built.
 * Returns NULL if so, else a sentence saying what is wrong.
 */
static const char *
kano_check(const SlmKano *k)
{
	int64		n;
	int64		fl,
				fmid,
				fd,
				dl,
				dmid,
				dd;
	int64		q1,
				q2,
				r1,
				r2,
				r3;
	int			i;

	if (k->flags != 0 || k->reserved != 0)
		return "The reserved fields are not zero.";
	for (i = 0; i < KANO_NCAT; i++)
		if (k->cat[i] < 0)
			return "A category count is negative.";
	for (i = 0; i < KANO_NANSWER; i++)
		if (k->fans[i] < 0 || k->dans[i] < 0)
			return "An answer count is negative.";
	if (k->skipped < 0 || k->invalid < 0 || k->rated < 0)
		return "A count is negative.";
	n = sum_counts(k->cat, KANO_NCAT);
	if (n < 0 || n > KANO_MAX_RESPONDENTS)
		return "The category counts add up to more respondents than a summary holds.";
	if (sum_counts(k->fans, KANO_NANSWER) != n)
		return "The functional answers do not add up to the respondents.";
	if (sum_counts(k->dans, KANO_NANSWER) != n)
		return "The dysfunctional answers do not add up to the respondents.";

	/*
	 * The categories must be reachable from the answers through the standard
	 * table. With the answers grouped into like, the middle three and
	 * dislike, each block of the table holds a single category, and the
	 * blocks' counts follow from the margins: Q(like, like) = fL - A - O,
	 * Q(dislike, dislike) = dD - O - M, R(middle, like) = fMid - I - M,
	 * R(dislike, middle) = dMid - A - I, R(dislike, like) = dL - Q(like,
	 * like) - R(middle, like). Non-negative blocks that add up fill a 5 x 5
	 * table with the given margins. Counts are at most n <= INT64_MAX / 4,
	 * so none of this overflows.
	 */
	fl = k->fans[0];
	fmid = k->fans[1] + k->fans[2] + k->fans[3];
	fd = k->fans[4];
	dl = k->dans[0];
	dmid = k->dans[1] + k->dans[2] + k->dans[3];
	dd = k->dans[4];
	q1 = fl - k->cat[CAT_A] - k->cat[CAT_O];
	q2 = dd - k->cat[CAT_O] - k->cat[CAT_M];
	r1 = fmid - k->cat[CAT_I] - k->cat[CAT_M];
	r3 = dmid - k->cat[CAT_A] - k->cat[CAT_I];
	r2 = dl - q1 - r1;
	if (q1 < 0 || q2 < 0 || r1 < 0 || r2 < 0 || r3 < 0 ||
		q1 + q2 != k->cat[CAT_Q] || r1 + r2 + r3 != k->cat[CAT_R] ||
		r2 + r3 + q2 != fd)
		return "The category counts cannot arise from the answer counts.";

	if (k->rated > n)
		return "More respondents gave an importance than there are respondents.";
	if (k->rated == 0 && !ksum_is_zero(&k->wsum))
		return "The importance sum is not zero but nobody gave an importance.";
	for (i = 0; i < KANO_NANSWER; i++)
	{
		if ((!ksum_is_zero(&k->fw[i]) && k->fans[i] == 0) ||
			(!ksum_is_zero(&k->dw[i]) && k->dans[i] == 0))
			return "An answer nobody gave has an importance sum.";
		if (k->rated == 0 && (!ksum_is_zero(&k->fw[i]) || !ksum_is_zero(&k->dw[i])))
			return "An importance sum is not zero but nobody gave an importance.";
	}
	if (ksum_too_large(&k->wsum, k->rated))
		return "The importance sum is more than 1000000000000 per respondent that gave an importance.";
	for (i = 0; i < KANO_NANSWER; i++)
	{
		if (ksum_too_large(&k->fw[i], k->fans[i]) ||
			ksum_too_large(&k->dw[i], k->dans[i]))
			return "An importance sum is more than 1000000000000 per respondent that gave the answer.";
	}
	return NULL;
}

/*
 * A summary stored by slm 0.1.0 (format version 1), converted: no rows were
 * counted as invalid, and its float8 importance sums are rounded to the
 * nearest millionth. Fails if they are more than this version holds, which
 * only weights above 10^12 can have caused.
 */
static SlmKano *
kano_from_v1(const SlmKanoV1 *o)
{
	SlmKano    *k = kano_new(CurrentMemoryContext);
	const char *problem;

	k->flags = o->flags;
	k->reserved = o->reserved;
	memcpy(k->cat, o->cat, sizeof(k->cat));
	memcpy(k->fans, o->fans, sizeof(k->fans));
	memcpy(k->dans, o->dans, sizeof(k->dans));
	k->skipped = o->skipped;
	k->rated = o->rated;
	problem = kano_sums_from_v1(k, o->wsum, o->fw, o->dw);
	if (problem == NULL)
		problem = kano_check(k);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("slm.kano summary of format version 1 cannot be read"),
				 errdetail_internal("%s", problem),
				 errhint("Summarise its rows again with kano_agg(); importance above 1000000000000 now counts a row as invalid.")));
	return k;
}

/* A summary argument, detoasted, and converted if stored in version 1. */
static SlmKano *
kano_from_datum(Datum d)
{
	SlmKano    *k = (SlmKano *) PG_DETOAST_DATUM(d);

	if (k->version == SLM_KANO_VERSION && VARSIZE(k) == sizeof(SlmKano))
		return k;
	if (k->version == 1 && VARSIZE(k) == sizeof(SlmKanoV1))
		return kano_from_v1((const SlmKanoV1 *) k);
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("invalid slm.kano value of format version %d and %d bytes",
					k->version, (int) VARSIZE(k))));
	return NULL;				/* keep compiler quiet */
}

/*
 * Text input of slm.kano. The form of slm 0.1.0, without "invalid" and with
 * float8 importance sums, is read too.
 */
Datum
slm_kano_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	struct Node *escontext = SLM_ESCONTEXT_ARG(fcinfo);
	SlmKano    *k = kano_new(CurrentMemoryContext);
	SlmScan		r;
	bool		v1;
	const char *problem = NULL;

	slm_scan_init(&r, str, "slm.kano", escontext);
	if (!slm_scan_record_begin(&r) ||
		!slm_scan_field_int64s(&r, "A", &k->cat[CAT_A], 1) ||
		!slm_scan_field_int64s(&r, "O", &k->cat[CAT_O], 1) ||
		!slm_scan_field_int64s(&r, "M", &k->cat[CAT_M], 1) ||
		!slm_scan_field_int64s(&r, "I", &k->cat[CAT_I], 1) ||
		!slm_scan_field_int64s(&r, "R", &k->cat[CAT_R], 1) ||
		!slm_scan_field_int64s(&r, "Q", &k->cat[CAT_Q], 1) ||
		!slm_scan_field_int64s(&r, "skipped", &k->skipped, 1))
		PG_RETURN_NULL();
	v1 = !slm_scan_has_field(&r, "invalid");
	if ((!v1 && !slm_scan_field_int64s(&r, "invalid", &k->invalid, 1)) ||
		!slm_scan_field_int64s(&r, "functional", k->fans, KANO_NANSWER) ||
		!slm_scan_field_int64s(&r, "dysfunctional", k->dans, KANO_NANSWER) ||
		!slm_scan_field_int64s(&r, "rated", &k->rated, 1))
		PG_RETURN_NULL();
	if (v1)
	{
		double		wsum;
		double		fw[KANO_NANSWER];
		double		dw[KANO_NANSWER];

		if (!slm_scan_field_float8s(&r, "importance", &wsum, 1) ||
			!slm_scan_field_float8s(&r, "functional_importance", fw, KANO_NANSWER) ||
			!slm_scan_field_float8s(&r, "dysfunctional_importance", dw, KANO_NANSWER) ||
			!slm_scan_record_end(&r))
			PG_RETURN_NULL();
		problem = kano_sums_from_v1(k, wsum, fw, dw);
	}
	else if (!read_ksums(&r, "importance", &k->wsum, 1) ||
			 !read_ksums(&r, "functional_importance", k->fw, KANO_NANSWER) ||
			 !read_ksums(&r, "dysfunctional_importance", k->dw, KANO_NANSWER) ||
			 !slm_scan_record_end(&r))
		PG_RETURN_NULL();

	if (problem == NULL)
		problem = kano_check(k);
	if (problem != NULL)
	{
		errsave(escontext,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type %s: \"%s\"", "slm.kano", str),
				 errdetail_internal("%s", problem)));
		PG_RETURN_NULL();
	}
	PG_RETURN_POINTER(k);
}

/* Text output of slm.kano. */
Datum
slm_kano_out(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	StringInfoData buf;
	int			i;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '(');
	for (i = 0; i < KANO_NCAT; i++)
	{
		char		key[2] = {cat_letter[i], '\0'};

		slm_write_int64s(&buf, key, &k->cat[i], 1);
	}
	slm_write_int64s(&buf, "skipped", &k->skipped, 1);
	slm_write_int64s(&buf, "invalid", &k->invalid, 1);
	slm_write_int64s(&buf, "functional", k->fans, KANO_NANSWER);
	slm_write_int64s(&buf, "dysfunctional", k->dans, KANO_NANSWER);
	slm_write_int64s(&buf, "rated", &k->rated, 1);
	write_ksums(&buf, "importance", &k->wsum, 1);
	write_ksums(&buf, "functional_importance", k->fw, KANO_NANSWER);
	write_ksums(&buf, "dysfunctional_importance", k->dw, KANO_NANSWER);
	appendStringInfoChar(&buf, ')');
	PG_RETURN_CSTRING(buf.data);
}

/* Read an importance sum of the binary form: high, then low half. */
static void
recv_ksum(StringInfo buf, KanoSum *s)
{
	s->hi = (uint64) pq_getmsgint64(buf);
	s->lo = (uint64) pq_getmsgint64(buf);
}

/*
 * Binary input of slm.kano: a version byte, then the fields in order. The
 * version 1 form of slm 0.1.0 (no invalid count, float8 sums) is read too.
 */
Datum
slm_kano_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	SlmKano    *k = kano_new(CurrentMemoryContext);
	int			version = pq_getmsgbyte(buf);
	const char *problem = NULL;
	int			i;

	if (version != 1 && version != SLM_KANO_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type %s", "slm.kano"),
				 errdetail("Format version %d is not supported; this version of slm reads versions 1 and %d.",
						   version, SLM_KANO_VERSION)));
	for (i = 0; i < KANO_NCAT; i++)
		k->cat[i] = pq_getmsgint64(buf);
	for (i = 0; i < KANO_NANSWER; i++)
		k->fans[i] = pq_getmsgint64(buf);
	for (i = 0; i < KANO_NANSWER; i++)
		k->dans[i] = pq_getmsgint64(buf);
	k->skipped = pq_getmsgint64(buf);
	if (version == 1)
	{
		double		wsum;
		double		fw[KANO_NANSWER];
		double		dw[KANO_NANSWER];

		k->rated = pq_getmsgint64(buf);
		wsum = pq_getmsgfloat8(buf);
		for (i = 0; i < KANO_NANSWER; i++)
			fw[i] = pq_getmsgfloat8(buf);
		for (i = 0; i < KANO_NANSWER; i++)
			dw[i] = pq_getmsgfloat8(buf);
		problem = kano_sums_from_v1(k, wsum, fw, dw);
	}
	else
	{
		k->invalid = pq_getmsgint64(buf);
		k->rated = pq_getmsgint64(buf);
		recv_ksum(buf, &k->wsum);
		for (i = 0; i < KANO_NANSWER; i++)
			recv_ksum(buf, &k->fw[i]);
		for (i = 0; i < KANO_NANSWER; i++)
			recv_ksum(buf, &k->dw[i]);
	}

	if (problem == NULL)
		problem = kano_check(k);
	if (problem != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary data for type %s", "slm.kano"),
				 errdetail_internal("%s", problem)));
	PG_RETURN_POINTER(k);
}

/* Write an importance sum of the binary form. */
static void
send_ksum(StringInfo buf, const KanoSum *s)
{
	pq_sendint64(buf, (int64) s->hi);
	pq_sendint64(buf, (int64) s->lo);
}

/* Binary output of slm.kano, format version 2. */
Datum
slm_kano_send(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	StringInfoData buf;
	int			i;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SLM_KANO_VERSION);
	for (i = 0; i < KANO_NCAT; i++)
		pq_sendint64(&buf, k->cat[i]);
	for (i = 0; i < KANO_NANSWER; i++)
		pq_sendint64(&buf, k->fans[i]);
	for (i = 0; i < KANO_NANSWER; i++)
		pq_sendint64(&buf, k->dans[i]);
	pq_sendint64(&buf, k->skipped);
	pq_sendint64(&buf, k->invalid);
	pq_sendint64(&buf, k->rated);
	send_ksum(&buf, &k->wsum);
	for (i = 0; i < KANO_NANSWER; i++)
		send_ksum(&buf, &k->fw[i]);
	for (i = 0; i < KANO_NANSWER; i++)
		send_ksum(&buf, &k->dw[i]);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}


/* ----------------------------------------------------------------
 * The aggregate
 * ----------------------------------------------------------------
 */

/* A summary datum, read for the aggregate. */
static void *
kano_read(Datum d)
{
	return kano_from_datum(d);
}

/* A new state in the current memory context: a copy of from, or no rows. */
static void *
kano_make(const void *from)
{
	if (from == NULL)
		return kano_new(CurrentMemoryContext);
	return kano_copy(from, CurrentMemoryContext);
}

/*
 * Merge summary b into a. Counts and importance sums add exactly, so any
 * split of the rows gives the same summary.
 */
static void *
kano_merge(void *state, const void *other)
{
	SlmKano    *a = state;
	const SlmKano *b = other;
	int64		n;
	int			i;

	for (i = 0; i < KANO_NCAT; i++)
		a->cat[i] = slm_add_counts(a->cat[i], b->cat[i], "slm.kano");
	for (i = 0; i < KANO_NANSWER; i++)
	{
		a->fans[i] = slm_add_counts(a->fans[i], b->fans[i], "slm.kano");
		a->dans[i] = slm_add_counts(a->dans[i], b->dans[i], "slm.kano");
		ksum_add(&a->fw[i], &b->fw[i]);
		ksum_add(&a->dw[i], &b->dw[i]);
	}
	a->skipped = slm_add_counts(a->skipped, b->skipped, "slm.kano");
	a->invalid = slm_add_counts(a->invalid, b->invalid, "slm.kano");
	a->rated = slm_add_counts(a->rated, b->rated, "slm.kano");
	ksum_add(&a->wsum, &b->wsum);
	/* the respondents must stay within what a summary holds */
	n = sum_counts(a->cat, KANO_NCAT);
	if (n < 0 || n > KANO_MAX_RESPONDENTS)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("slm.kano count out of range"),
				 errdetail("A summary holds at most " INT64_FORMAT " respondents.",
						   KANO_MAX_RESPONDENTS)));
	return a;
}

/* slm.kano as the state of its aggregates. */
static const SlmAggType kano_agg_type = {
	.read = kano_read,
	.make = kano_make,
	.merge = kano_merge,
};

/* Importance arguments that are not a weight in millionths. */
#define KANO_NO_WEIGHT		(-1)	/* NULL or not passed */
#define KANO_BAD_WEIGHT		(-2)	/* not a weight slm can judge */

/*
 * The importance argument of a transition step in millionths, rounded to
 * the nearest one; KANO_NO_WEIGHT if there is none, KANO_BAD_WEIGHT if it
 * is negative, NaN or more than 10^12.
 */
static int64
kano_importance_arg(FunctionCallInfo fcinfo)
{
	double		w;

	if (PG_NARGS() < 4 || PG_ARGISNULL(3))
		return KANO_NO_WEIGHT;
	w = PG_GETARG_FLOAT8(3);
	/* -0 is zero; the comparisons are false for NaN */
	if (!(w >= 0 && w <= (double) (KANO_MAX_WEIGHT / KANO_WEIGHT_SCALE)))
		return KANO_BAD_WEIGHT;
	return (int64) rint(w * KANO_WEIGHT_SCALE);
}

/*
 * Count one row with answers f and d (-1 for NULL) and importance w (see
 * kano_importance_arg). A row with a value that is not an answer or an
 * importance is invalid, else one with a NULL answer is skipped.
 */
static void
kano_add_row(SlmKano *k, int f, int d, bool bad, int64 w)
{
	if (bad || w == KANO_BAD_WEIGHT)
	{
		k->invalid++;
		return;
	}
	if (f < 0 || d < 0)
	{
		k->skipped++;
		return;
	}
	k->cat[kano_standard[f][d]]++;
	k->fans[f]++;
	k->dans[d]++;
	if (w >= 0)
	{
		k->rated++;
		ksum_add_u64(&k->wsum, (uint64) w);
		ksum_add_u64(&k->fw[f], (uint64) w);
		ksum_add_u64(&k->dw[d], (uint64) w);
	}
}

/* kano_agg(integer, integer [, float8]) transition */
Datum
slm_kano_agg_trans_int(PG_FUNCTION_ARGS)
{
	int			f = PG_ARGISNULL(1) ? -1 : kano_code(PG_GETARG_INT32(1));
	int			d = PG_ARGISNULL(2) ? -1 : kano_code(PG_GETARG_INT32(2));
	bool		bad = (!PG_ARGISNULL(1) && f < 0) || (!PG_ARGISNULL(2) && d < 0);
	int64		w = kano_importance_arg(fcinfo);
	SlmKano    *k = slm_agg_state(fcinfo, 0, &kano_agg_type);

	kano_add_row(k, f, d, bad, w);
	PG_RETURN_POINTER(k);
}

/* kano_agg(text, text [, float8]) transition */
Datum
slm_kano_agg_trans_text(PG_FUNCTION_ARGS)
{
	int			f = PG_ARGISNULL(1) ? -1 : kano_word(PG_GETARG_TEXT_PP(1));
	int			d = PG_ARGISNULL(2) ? -1 : kano_word(PG_GETARG_TEXT_PP(2));
	bool		bad = (!PG_ARGISNULL(1) && f < 0) || (!PG_ARGISNULL(2) && d < 0);
	int64		w = kano_importance_arg(fcinfo);
	SlmKano    *k = slm_agg_state(fcinfo, 0, &kano_agg_type);

	kano_add_row(k, f, d, bad, w);
	PG_RETURN_POINTER(k);
}

/*
 * kano_agg_combine(slm.kano, slm.kano): merge two summaries (NULL is no
 * rows). It is the combine function of kano_agg and the transition of
 * rollup.
 */
Datum
slm_kano_agg_combine(PG_FUNCTION_ARGS)
{
	return slm_agg_combine(fcinfo, &kano_agg_type);
}


/* ----------------------------------------------------------------
 * Accessors
 * ----------------------------------------------------------------
 */

/* The largest of the given categories, ties going to the earlier one. */
static int
largest_of(const SlmKano *k, const int *cats, int ncats, int except)
{
	int			best = -1;
	int			i;

	for (i = 0; i < ncats; i++)
	{
		int			c = cats[i];

		if (c == except)
			continue;
		if (best < 0 || k->cat[c] > k->cat[best])
			best = c;
	}
	return best;
}

/* The two most frequent of M, O, A, I, R, in tie-break order. */
static void
top_two(const SlmKano *k, int *first, int *second)
{
	*first = largest_of(k, cat_priority, 5, -1);
	*second = largest_of(k, cat_priority, 5, *first);
}

/* The category of a summary with respondents under a rule. */
static int
kano_categorise(const SlmKano *k, KanoRule rule)
{
	static const int moa[3] = {CAT_M, CAT_O, CAT_A};
	static const int irq[3] = {CAT_I, CAT_R, CAT_Q};
	int64		n = kano_n(k);
	int			mode = largest_of(k, cat_priority, KANO_NCAT, -1);
	int			first;
	int			second;
	int			i;
	bool		strong;

	switch (rule)
	{
		case RULE_MODE:
			return mode;

		case RULE_MOAI:

			/*
			 * Strength = (top - second) / n over M, O, A, I, R; it "exceeds
			 * 0.06" exactly when 50 * (top - second) > 3 * n, which is
			 * compared in integers while they cannot overflow.
			 */
			top_two(k, &first, &second);
			if (n <= PG_INT64_MAX / 50)
				strong = 50 * (k->cat[first] - k->cat[second]) > 3 * n;
			else
				strong = (double) (k->cat[first] - k->cat[second]) / n > 0.06;
			if (strong)
				return mode;
			/* the first of M, O, A, I among the two, if they were chosen */
			for (i = 0; i < 4; i++)
			{
				int			c = cat_priority[i];

				if ((c == first || c == second) && k->cat[c] > 0)
					return c;
			}
			return mode;

		case RULE_OAM:
			if (k->cat[CAT_O] + k->cat[CAT_A] + k->cat[CAT_M] >
				k->cat[CAT_I] + k->cat[CAT_R] + k->cat[CAT_Q])
				return largest_of(k, moa, 3, -1);
			return largest_of(k, irq, 3, -1);
	}
	elog(ERROR, "unrecognised Kano rule %d", (int) rule);
	return -1;					/* keep compiler quiet */
}

/* count(slm.kano, text): respondents in one category */
Datum
slm_count(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	int			c = kano_category_index(PG_GETARG_TEXT_PP(1));

	PG_RETURN_INT64(k->cat[c]);
}

/* skipped(slm.kano): rows left out for a NULL answer */
Datum
slm_skipped(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_KANO_P(0)->skipped);
}

/* invalid(slm.kano): rows left out for a value that could not be judged */
Datum
slm_kano_invalid(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_SLM_KANO_P(0)->invalid);
}

/* respondents(slm.kano): rows with both answers */
Datum
slm_respondents(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(kano_n(PG_GETARG_SLM_KANO_P(0)));
}

/* category(slm.kano [, rule]): the feature's category */
Datum
slm_category(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	KanoRule	rule = kano_rule(PG_GETARG_TEXT_PP(1));

	if (kano_n(k) == 0)
		PG_RETURN_NULL();
	PG_RETURN_TEXT_P(category_text(kano_categorise(k, rule)));
}

/* A + O + M + I, the denominator of the satisfaction coefficients. */
static inline int64
kano_aomi(const SlmKano *k)
{
	return k->cat[CAT_A] + k->cat[CAT_O] + k->cat[CAT_M] + k->cat[CAT_I];
}

/* better(slm.kano): Timko's satisfaction coefficient */
Datum
slm_better(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	int64		aomi = kano_aomi(k);

	if (aomi == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) (k->cat[CAT_A] + k->cat[CAT_O]) / aomi);
}

/* worse(slm.kano): Timko's dissatisfaction coefficient, 0 to -1 */
Datum
slm_worse(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	int64		aomi = kano_aomi(k);
	int64		om = k->cat[CAT_O] + k->cat[CAT_M];

	if (aomi == 0)
		PG_RETURN_NULL();
	/* no -0 when nobody is dissatisfied */
	if (om == 0)
		PG_RETURN_FLOAT8(0.0);
	PG_RETURN_FLOAT8(-((double) om / aomi));
}

/* category_strength(slm.kano): (top - second) / N over M, O, A, I, R */
Datum
slm_category_strength(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	int64		n = kano_n(k);
	int			first;
	int			second;

	if (n == 0)
		PG_RETURN_NULL();
	top_two(k, &first, &second);
	PG_RETURN_FLOAT8((double) (k->cat[first] - k->cat[second]) / n);
}

/* total_strength(slm.kano): (A + O + M) / N */
Datum
slm_total_strength(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	int64		n = kano_n(k);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) (k->cat[CAT_A] + k->cat[CAT_O] + k->cat[CAT_M]) / n);
}

/*
 * fong_significant(slm.kano): is the top category of M, O, A, I, R ahead of
 * the second by Fong's test, |a - b| >= 1.65 sqrt((a + b)(2n - a - b) / 2n)?
 * Squared and with 1.65^2 = 1089/400, that is 800 n (a - b)^2 >=
 * 1089 (a + b)(2n - a - b), compared exactly in 128-bit integers when they
 * cannot overflow, so that a tie on the boundary counts as significant.
 */
Datum
slm_fong_significant(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	int64		n = kano_n(k);
	int			first;
	int			second;
	int64		a;
	int64		b;

	top_two(k, &first, &second);
	a = k->cat[first];
	b = k->cat[second];
	/* nothing to test without answers in M, O, A, I, R */
	if (a + b == 0)
		PG_RETURN_NULL();
#ifdef HAVE_INT128
	if (n < (INT64CONST(1) << 36))
	{
		int128		lhs = (int128) 800 * n * (a - b) * (a - b);
		int128		rhs = (int128) 1089 * (a + b) * (2 * n - a - b);

		PG_RETURN_BOOL(lhs >= rhs);
	}
#endif
	PG_RETURN_BOOL((double) (a - b) >=
				   1.65 * sqrt((double) (a + b) * ((double) (2 * n - a - b)) / (2.0 * n)));
}

/* Mean of a score over an answer distribution of n > 0 answers. */
static double
score_mean(const int64 *count, const int *score, int64 n)
{
	int64		sum = 0;
	int			i;

	/* |score| <= 4 and the counts add up to n, so this cannot overflow */
	for (i = 0; i < KANO_NANSWER; i++)
		sum += count[i] * score[i];
	return (double) sum / n;
}

/*
 * Sample standard deviation of a score over an answer distribution of n > 1
 * answers, from the counts around the mean, so the result depends only on
 * the (exact) counts and never on how the rows were split.
 */
static double
score_stddev(const int64 *count, const int *score, int64 n)
{
	double		mean = score_mean(count, score, n);
	double		ss = 0;
	int			i;

	for (i = 0; i < KANO_NANSWER; i++)
		ss += (double) count[i] * (score[i] - mean) * (score[i] - mean);
	return sqrt(ss / (n - 1));
}

/* functional_mean(slm.kano): mean DuMouchel functional score */
Datum
slm_functional_mean(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	int64		n = kano_n(k);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score_mean(k->fans, fscore, n));
}

/* dysfunctional_mean(slm.kano): mean DuMouchel dysfunctional score */
Datum
slm_dysfunctional_mean(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	int64		n = kano_n(k);

	if (n == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score_mean(k->dans, dscore, n));
}

/* functional_stddev(slm.kano): sample sd of the functional score */
Datum
slm_functional_stddev(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	int64		n = kano_n(k);

	if (n < 2)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score_stddev(k->fans, fscore, n));
}

/* dysfunctional_stddev(slm.kano): sample sd of the dysfunctional score */
Datum
slm_dysfunctional_stddev(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	int64		n = kano_n(k);

	if (n < 2)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(score_stddev(k->dans, dscore, n));
}

/* importance(slm.kano): mean self-stated importance */
Datum
slm_importance(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);

	KanoSum		units;
	uint32		millionths;

	if (k->rated == 0)
		PG_RETURN_NULL();

	/*
	 * Whole units and millionths apart, so that a sum of up to 2^53 units
	 * is converted exactly and the mean rounds once (an importance of 9 and
	 * of 10^12 averages to 500000000004.5, not a neighbour of it).
	 */
	units = k->wsum;
	millionths = ksum_divmod(&units, KANO_WEIGHT_SCALE);
	PG_RETURN_FLOAT8(ksum_to_double(&units) / k->rated +
					 (double) millionths / ((double) k->rated * KANO_WEIGHT_SCALE));
}

/*
 * Importance-weighted mean of a score, or false if there is no weight. The
 * sums are exact, so the result does not depend on how the rows were split.
 */
static bool
weighted_mean(const SlmKano *k, const KanoSum *w, const int *score, double *mean)
{
	double		sum = 0;
	int			i;

	if (k->rated == 0 || ksum_is_zero(&k->wsum))
		return false;
	for (i = 0; i < KANO_NANSWER; i++)
		sum += ksum_to_double(&w[i]) * score[i];
	*mean = sum / ksum_to_double(&k->wsum);
	return true;
}

/* weighted_functional_mean(slm.kano): sum(w * score) / sum(w) */
Datum
slm_weighted_functional_mean(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	double		mean;

	if (!weighted_mean(k, k->fw, fscore, &mean))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(mean);
}

/* weighted_dysfunctional_mean(slm.kano): sum(w * score) / sum(w) */
Datum
slm_weighted_dysfunctional_mean(PG_FUNCTION_ARGS)
{
	SlmKano    *k = PG_GETARG_SLM_KANO_P(0);
	double		mean;

	if (!weighted_mean(k, k->dw, dscore, &mean))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(mean);
}


/* ----------------------------------------------------------------
 * kano_report()
 * ----------------------------------------------------------------
 */

/*
 * A column argument of kano_report(): checked to exist in the table and
 * returned quoted. *type gets its base type.
 */
static char *
report_column(Oid relid, FunctionCallInfo fcinfo, int argno,
			  const char *argname, Oid *type)
{
	char	   *name;
	AttrNumber	attnum;

	if (PG_ARGISNULL(argno))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the %s column of kano_report() must not be null", argname)));
	name = text_to_cstring(PG_GETARG_TEXT_PP(argno));
	attnum = get_attnum(relid, name);
	if (attnum == InvalidAttrNumber)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						name, get_rel_name(relid)),
				 errdetail("The %s argument of kano_report() names a column of the table.",
						   argname)));
	*type = getBaseType(get_atttype(relid, attnum));
	return pstrdup(quote_identifier(name));
}

/*
 * kano_report(regclass, feature, functional, dysfunctional [, importance]):
 * one row per feature of a long-format table, with the main figures.
 *
 * Written in C rather than PL/pgSQL because its pinned argument names
 * (feature, importance) are also names of its result columns, which
 * PL/pgSQL does not allow.
 */
Datum
slm_kano_report(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Oid			relid;
	char	   *relname;
	char	   *feature;
	char	   *functional;
	char	   *dysfunctional;
	char	   *importance = NULL;
	Oid			ftype;
	Oid			dtype;
	Oid			wtype;
	const char *cast;
	char	   *query;
	TupleDesc	tupdesc;
	Tuplestorestate *tupstore;
	MemoryContext oldcxt;
	Datum	   *values;
	bool	   *nulls;
	uint64		i;

	if (rsinfo == NULL || !IsA(rsinfo, ReturnSetInfo) ||
		(rsinfo->allowedModes & SFRM_Materialize) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("set-valued function called in context that cannot accept a set")));
	if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type of kano_report() must be a row type");

	if (PG_ARGISNULL(0))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("the table of kano_report() must not be null")));
	relid = PG_GETARG_OID(0);
	if (get_rel_name(relid) == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation with OID %u does not exist", relid)));
	relname = quote_qualified_identifier(get_namespace_name(get_rel_namespace(relid)),
										 get_rel_name(relid));
	feature = report_column(relid, fcinfo, 1, "feature", &wtype);
	functional = report_column(relid, fcinfo, 2, "functional", &ftype);
	dysfunctional = report_column(relid, fcinfo, 3, "dysfunctional", &dtype);
	if (!PG_ARGISNULL(4))
		importance = report_column(relid, fcinfo, 4, "importance", &wtype);

	/* integer answers go in as they are, anything else as text labels */
	if ((ftype == INT2OID || ftype == INT4OID) &&
		(dtype == INT2OID || dtype == INT4OID))
		cast = "";
	else
		cast = "::pg_catalog.text";

	query = psprintf("SELECT s.f::pg_catalog.text, slm.respondents(s.k),"
					 " slm.count(s.k, 'A'), slm.count(s.k, 'O'), slm.count(s.k, 'M'),"
					 " slm.count(s.k, 'I'), slm.count(s.k, 'R'), slm.count(s.k, 'Q'),"
					 " slm.category(s.k), slm.better(s.k), slm.worse(s.k),"
					 " slm.category_strength(s.k), slm.total_strength(s.k),"
					 " slm.fong_significant(s.k), slm.functional_mean(s.k),"
					 " slm.dysfunctional_mean(s.k), slm.importance(s.k)"
					 " FROM (SELECT %s AS f, slm.kano_agg(%s%s, %s%s%s%s%s) AS k"
					 " FROM %s GROUP BY 1) s ORDER BY s.f",
					 feature, functional, cast, dysfunctional, cast,
					 importance ? ", " : "", importance ? importance : "",
					 importance ? "::pg_catalog.float8" : "",
					 relname);

	oldcxt = MemoryContextSwitchTo(rsinfo->econtext->ecxt_per_query_memory);
	tupdesc = CreateTupleDescCopy(tupdesc);
	tupstore = tuplestore_begin_heap((rsinfo->allowedModes & SFRM_Materialize_Random) != 0,
									 false, work_mem);
	MemoryContextSwitchTo(oldcxt);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (SPI_execute(query, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "SPI_execute failed: %s", query);
	if (SPI_tuptable->tupdesc->natts != tupdesc->natts)
		elog(ERROR, "kano_report() query returned %d columns, expected %d",
			 SPI_tuptable->tupdesc->natts, tupdesc->natts);
	values = palloc(tupdesc->natts * sizeof(Datum));
	nulls = palloc(tupdesc->natts * sizeof(bool));
	for (i = 0; i < SPI_processed; i++)
	{
		heap_deform_tuple(SPI_tuptable->vals[i], SPI_tuptable->tupdesc,
						  values, nulls);
		tuplestore_putvalues(tupstore, tupdesc, values, nulls);
	}
	SPI_finish();

	rsinfo->returnMode = SFRM_Materialize;
	rsinfo->setResult = tupstore;
	rsinfo->setDesc = tupdesc;
	return (Datum) 0;
}
