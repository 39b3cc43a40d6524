/* lookup_bench.c - times the generated header's lookups against a linear
 * strcmp scan and a gperf perfect hash over the same keys.
 *
 * Three lookups, each over the shipped table's keys: reply code to
 * description, reason name to reason, reason symbol to (first) reason. For
 * each, one random sequence of keys (a fixed seed, every key a hit) is
 * drawn once and given to all three implementations in turn; each run is
 * timed whole and the median of the runs is reported in nanoseconds per
 * call. The gperf tables come from gperf_keys.py, #included here so that
 * gperf's lookups can be inlined as the header's are; gperf needs the
 * key's length, so its wrappers pay for a strlen() as a caller would.
 *
 * Before timing, every implementation must give the same answer as the
 * others for every key, and calls to malloc, calloc, realloc and free made
 * from this program are counted (the build links with -Wl,--wrap=...): the
 * header promises none.
 *
 * usage: lookup_bench [CALLS [RUNS]]   (default 10000000 calls, 5 runs)
 * prints: lookup KIND IMPL NS_PER_CALL ALLOCATIONS */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "smtp_codes.h"

/* gperf's code passes the length even where its hash ignores it. */
#if defined(__GNUC__)
#pragma GCC diagnostic ignored "-Wunused-parameter"
#endif
#include "gperf_codes.c"
#include "gperf_names.c"
#include "gperf_symbols.c"

/* Allocation counting, through the linker's --wrap. */
static unsigned long allocations;
void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *p, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *p, size_t size);
void __wrap_free(void *p);

void *__wrap_malloc(size_t size)
{
    allocations++;
    return __real_malloc(size);
}

void *__wrap_calloc(size_t count, size_t size)
{
    allocations++;
    return __real_calloc(count, size);
}

void *__wrap_realloc(void *p, size_t size)
{
    allocations++;
    return __real_realloc(p, size);
}

void __wrap_free(void *p)
{
    if (p)
        allocations++;
    __real_free(p);
}

/* The table as the X-macros give it: what a linear scan walks. */
#define REPLY_CODE(NAME, CODE, DESCRIPTION) CODE,
#define REPLY_DESCRIPTION(NAME, CODE, DESCRIPTION) DESCRIPTION,
#define REASON_NAME(NAME, SYMBOL, CODE, DESCRIPTION) #NAME,
#define REASON_SYMBOL(NAME, SYMBOL, CODE, DESCRIPTION) SYMBOL,
static const int reply_codes[] = {SMTP_REPLY_LIST(REPLY_CODE)};
static const char *const reply_descriptions[] = {SMTP_REPLY_LIST(REPLY_DESCRIPTION)};
static const char *const reason_names[] = {SMTP_REASON_LIST(REASON_NAME)};
static const char *const reason_symbols[] = {SMTP_REASON_LIST(REASON_SYMBOL)};
#define NREPLIES (sizeof reply_codes / sizeof reply_codes[0])
#define NREASONS (sizeof reason_names / sizeof reason_names[0])

/* The three implementations of each lookup. Each returns the description
 * or the reason's index (-1 when not found). */
static const char *linear_description(int code)
{
    size_t i;

    for (i = 0; i < NREPLIES; i++)
        if (reply_codes[i] == code)
            return reply_descriptions[i];
    return NULL;
}

static int linear_name(const char *name)
{
    size_t i;

    for (i = 0; i < NREASONS; i++)
        if (strcmp(reason_names[i], name) == 0)
            return (int)i;
    return -1;
}

static int linear_symbol(const char *symbol)
{
    size_t i;

    for (i = 0; i < NREASONS; i++)
        if (strcmp(reason_symbols[i], symbol) == 0)
            return (int)i;
    return -1;
}

static const char *header_description(int code)
{
    return smtp_reply_description(code);
}

static int header_name(const char *name)
{
    const struct smtp_reason_info *r = smtp_reason_by_name(name);

    return r ? (int)r->id : -1;
}

static int header_symbol(const char *symbol)
{
    const struct smtp_reason_info *r = smtp_reason_by_symbol(symbol, NULL);

    return r ? (int)r->id : -1;
}

/* gperf hashes strings, so its code keys are the codes in decimal; the
 * caller is given them ready-made (see keys_code_text). */
static const char *gperf_description(const char *code_text)
{
    const struct gperf_code_entry *e = gperf_code_lookup(code_text, 3);

    return e ? reply_descriptions[e->reply] : NULL;
}

static int gperf_name(const char *name)
{
    const struct gperf_name_entry *e = gperf_name_lookup(name, strlen(name));

    return e ? e->reason : -1;
}

static int gperf_symbol(const char *symbol)
{
    const struct gperf_symbol_entry *e = gperf_symbol_lookup(symbol, strlen(symbol));

    return e ? e->reason : -1;
}

/* Keys are copies, so that no implementation finds its own pointer. */
static char key_store[NREASONS * 2 * 64 + NREPLIES * 4];
static const char *keys_name[NREASONS], *keys_symbol[NREASONS];
static const char *keys_code_text[NREPLIES];

static const char *key_copy(const char *s, size_t *used)
{
    size_t n = strlen(s) + 1;
    char *copy = key_store + *used;

    if (*used + n > sizeof key_store) {
        fprintf(stderr, "lookup_bench: key_store is too small\n");
        exit(1);
    }
    memcpy(copy, s, n);
    *used += n;
    return copy;
}

/* xorshift64*: the same fixed sequence on every machine. */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint32_t rng_below(uint32_t n)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (uint32_t)((rng_state * 2685821657736338717u) >> 32) % n;
}

static double now_ns(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec * 1e9 + (double)t.tv_nsec;
}

static int by_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

/* Keeps results alive so that no loop is optimised away. */
static volatile unsigned long sink;

/* One timed pass: calls lookups of KEYS[seq[i]] through CALL, whose result
 * RESULT turns into a number to sum. One function per implementation, so
 * that each loop is compiled for its lookup alone. */
#define DEFINE_RUN(FN, KEYS, CALL, RESULT)                                     \
    static double FN(const uint8_t *seq, size_t calls)                         \
    {                                                                          \
        unsigned long sum = 0;                                                 \
        size_t i;                                                              \
        double start = now_ns();                                               \
                                                                               \
        for (i = 0; i < calls; i++)                                            \
            sum += RESULT(CALL(KEYS[seq[i]]));                                 \
        sink = sum;                                                            \
        return now_ns() - start;                                               \
    }
#define FIRST_BYTE(d) ((unsigned long)(unsigned char)(d)[0])
#define AS_NUMBER(n) ((unsigned long)(n))

DEFINE_RUN(run_code_header, reply_codes, header_description, FIRST_BYTE)
DEFINE_RUN(run_code_linear, reply_codes, linear_description, FIRST_BYTE)
DEFINE_RUN(run_code_gperf, keys_code_text, gperf_description, FIRST_BYTE)
DEFINE_RUN(run_name_header, keys_name, header_name, AS_NUMBER)
DEFINE_RUN(run_name_linear, keys_name, linear_name, AS_NUMBER)
DEFINE_RUN(run_name_gperf, keys_name, gperf_name, AS_NUMBER)
DEFINE_RUN(run_symbol_header, keys_symbol, header_symbol, AS_NUMBER)
DEFINE_RUN(run_symbol_linear, keys_symbol, linear_symbol, AS_NUMBER)
DEFINE_RUN(run_symbol_gperf, keys_symbol, gperf_symbol, AS_NUMBER)

static const struct {
    const char *kind, *impl;
    double (*run)(const uint8_t *seq, size_t calls);
    int sequence; /* which key sequence: 0 codes, 1 names, 2 symbols */
} benches[] = {
    {"code-description", "header", run_code_header, 0},
    {"code-description", "linear", run_code_linear, 0},
    {"code-description", "gperf", run_code_gperf, 0},
    {"name-reason", "header", run_name_header, 1},
    {"name-reason", "linear", run_name_linear, 1},
    {"name-reason", "gperf", run_name_gperf, 1},
    {"symbol-reason", "header", run_symbol_header, 2},
    {"symbol-reason", "linear", run_symbol_linear, 2},
    {"symbol-reason", "gperf", run_symbol_gperf, 2},
};
#define NBENCHES (sizeof benches / sizeof benches[0])

/* Every implementation must agree on every key. */
static int verify(void)
{
    size_t i;
    int bad = 0;

    for (i = 0; i < NREPLIES; i++) {
        const char *h = header_description(reply_codes[i]);
        const char *l = linear_description(reply_codes[i]);
        const char *g = gperf_description(keys_code_text[i]);

        if (!h || !l || !g || strcmp(h, l) != 0 || strcmp(l, g) != 0) {
            fprintf(stderr, "lookup_bench: code %d: implementations disagree\n",
                    reply_codes[i]);
            bad = 1;
        }
    }
    for (i = 0; i < NREASONS; i++) {
        int h = header_name(keys_name[i]), l = linear_name(keys_name[i]),
            g = gperf_name(keys_name[i]);

        if (h != (int)i || l != (int)i || g != (int)i) {
            fprintf(stderr, "lookup_bench: name %s: %d %d %d\n", keys_name[i], h, l, g);
            bad = 1;
        }
        h = header_symbol(keys_symbol[i]);
        l = linear_symbol(keys_symbol[i]);
        g = gperf_symbol(keys_symbol[i]);
        if (h != l || l != g || h < 0 || strcmp(reason_symbols[h], keys_symbol[i]) != 0) {
            fprintf(stderr, "lookup_bench: symbol %s: %d %d %d\n", keys_symbol[i], h, l,
                    g);
            bad = 1;
        }
    }
    return bad;
}

int main(int argc, char **argv)
{
    size_t calls = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 10000000;
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    size_t used = 0, i, b;
    uint8_t *seq[3];
    double *ns;
    int k, run;
    unsigned long before, allocated[NBENCHES] = {0};
    char text[4];

    if (calls == 0 || runs < 1 || NREASONS > 256 || NREPLIES > 256) {
        fprintf(stderr, "usage: lookup_bench [CALLS [RUNS]] (tables up to 256 rows)\n");
        return 2;
    }
    for (i = 0; i < NREASONS; i++) {
        keys_name[i] = key_copy(reason_names[i], &used);
        keys_symbol[i] = key_copy(reason_symbols[i], &used);
    }
    for (i = 0; i < NREPLIES; i++) {
        snprintf(text, sizeof text, "%d", reply_codes[i]);
        keys_code_text[i] = key_copy(text, &used);
    }
    if (verify() != 0)
        return 1;
    ns = malloc(NBENCHES * (size_t)runs * sizeof *ns);
    for (k = 0; k < 3; k++) {
        seq[k] = malloc(calls);
        if (!seq[k] || !ns) {
            fprintf(stderr, "lookup_bench: out of memory\n");
            return 1;
        }
        for (i = 0; i < calls; i++)
            seq[k][i] = (uint8_t)rng_below(k == 0 ? NREPLIES : NREASONS);
    }
    /* Runs are interleaved (every implementation once, then again), so
     * that a slow moment of the machine hits them all alike. */
    for (run = 0; run < runs; run++)
        for (b = 0; b < NBENCHES; b++) {
            before = allocations;
            ns[b * (size_t)runs + (size_t)run] =
                benches[b].run(seq[benches[b].sequence], calls);
            allocated[b] += allocations - before;
        }
    for (b = 0; b < NBENCHES; b++) {
        qsort(ns + b * (size_t)runs, (size_t)runs, sizeof *ns, by_double);
        printf("lookup %s %s %.2f %lu\n", benches[b].kind, benches[b].impl,
               ns[b * (size_t)runs + (size_t)runs / 2] / (double)calls, allocated[b]);
    }
    for (k = 0; k < 3; k++)
        free(seq[k]);
    free(ns);
    return 0;
}
