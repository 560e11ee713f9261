/*-------------------------------------------------------------------------
 *
 * slm_planted.c
 *	  Two deliberate memory errors, one per SQL function, so the memory
 *	  checks of slm's test suite (memcheck on the instrumented server,
 *	  MEMORY_CONTEXT_CHECKING of the assert build) can be shown to catch
 *	  them. Test material only: it is never built or installed with slm.
 *
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "fmgr.h"

PG_MODULE_MAGIC;

PG_FUNCTION_INFO_V1(slm_planted_overrun);
PG_FUNCTION_INFO_V1(slm_planted_use_after_free);

/*
 * Keeps the compiler from proving the accesses below out of bounds and
 * folding them away.
 */
static volatile int planted_len = 13;

/*
 * Writes one byte past a 13-byte chunk. The chunk is rounded up to 16
 * bytes, so the write lands on the sentinel byte that
 * MEMORY_CONTEXT_CHECKING places after the requested size (pfree then
 * warns "detected write past chunk end"), in memory that USE_VALGRIND has
 * marked inaccessible (memcheck: "Invalid write of size 1").
 */
Datum
slm_planted_overrun(PG_FUNCTION_ARGS)
{
	int			len = planted_len;
	char	   *buf = palloc(len);
	int			i;

	for (i = 0; i <= len; i++)
		buf[i] = (char) i;
	pfree(buf);
	PG_RETURN_INT32(len);
}

/*
 * Reads a chunk after pfree: CLOBBER_FREED_MEMORY has filled it with 0x7F
 * and USE_VALGRIND has marked it inaccessible (memcheck: "Invalid read").
 */
Datum
slm_planted_use_after_free(PG_FUNCTION_ARGS)
{
	int			len = planted_len + 19;
	volatile char *buf = palloc(len);
	int			got;

	buf[len - 1] = 1;
	pfree((void *) buf);
	got = buf[len - 1];
	PG_RETURN_INT32(got);
}
