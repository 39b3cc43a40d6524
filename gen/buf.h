/* buf.h - a growable byte buffer, the one way every stage builds output. */
#ifndef SMTPGEN_BUF_H
#define SMTPGEN_BUF_H

#include <stddef.h>
#include <string.h>

/* Where a streaming buffer's bytes go (see buf_stream()): 0, or -1 when
 * they cannot be taken (the sink records why). */
typedef int (*buf_sink_fn)(void *ctx, const char *bytes, size_t len);

typedef struct buf {
    char *data;  /* NUL-terminated once anything was appended; owned */
    size_t len;  /* bytes in data, not counting the terminating NUL */
    size_t cap;  /* bytes allocated */
    buf_sink_fn sink; /* a streaming buffer's sink, else NULL */
    void *sink_ctx;
} buf;

#define BUF_INIT {NULL, 0, 0, NULL, NULL}

/* Makes the empty buffer b a stream into sink: whenever an append would
 * grow it past cap bytes, what it holds goes to sink first and b starts
 * again empty, and an append bigger than cap goes to sink directly, so that
 * its size stays at cap (only buf_reserve() and buf_printf() grow it, to
 * the size they ask for). A writer that only appends cannot tell the
 * difference; one that reads back what it wrote must not look before the
 * last append. 0, or -1 when memory runs out. */
int buf_stream(buf *b, size_t cap, buf_sink_fn sink, void *ctx);

/* Hands a stream's bytes to its sink now; 0 (also for a buffer that is not
 * a stream, which keeps its bytes), or the sink's -1. */
int buf_flush(buf *b);

/* Each append returns 0, or -1 when memory runs out or a stream's sink
 * fails (b then holds no more than before). */
int buf_append_slow(buf *b, const void *bytes, size_t len);

/* Inline, since every stage appends a few bytes at a time: the common case,
 * a short append with room left, is a copy. */
static inline int buf_append(buf *b, const void *bytes, size_t len)
{
    if (len <= 256 && b->cap - b->len > len) {
        memcpy(b->data + b->len, bytes, len);
        b->len += len;
        b->data[b->len] = '\0';
        return 0;
    }
    return buf_append_slow(b, bytes, len);
}

static inline int buf_append_char(buf *b, char c)
{
    return buf_append(b, &c, 1);
}

int buf_append_str(buf *b, const char *s);
int buf_printf(buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Makes room for at least len more bytes; 0 or -1. */
int buf_reserve(buf *b, size_t len);

/* Grows the array *array of *cap elements of size bytes, by doubling from
 * first_cap, until it holds at least need elements. Returns 0, or -1 when
 * memory runs out or the size would overflow (the array is then unchanged).
 * Shared by every stage that collects records, fields or nodes. */
int buf_grow_array(void **array, size_t *cap, size_t need, size_t size,
                   size_t first_cap);

/* Frees the storage and empties b, which is then no stream; b may be
 * NULL. */
void buf_free(buf *b);

#endif
