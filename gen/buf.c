#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int buf_reserve(buf *b, size_t len)
{
    size_t need, cap;
    char *data;

    if (len > SIZE_MAX - b->len - 1)
        return -1;
    need = b->len + len + 1;
    if (need <= b->cap)
        return 0;
    if (b->sink && b->len > 0) {
        if (buf_flush(b) != 0)
            return -1;
        need = len + 1;
        if (need <= b->cap)
            return 0;
    }
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    data = realloc(b->data, cap);
    if (!data)
        return -1;
    b->data = data;
    b->cap = cap;
    return 0;
}

int buf_stream(buf *b, size_t cap, buf_sink_fn sink, void *ctx)
{
    char *data = cap < SIZE_MAX ? realloc(b->data, cap + 1) : NULL;

    if (!data)
        return -1;
    b->data = data;
    b->cap = cap + 1;
    b->len = 0;
    data[0] = '\0';
    b->sink = sink;
    b->sink_ctx = ctx;
    return 0;
}

int buf_flush(buf *b)
{
    if (!b->sink || b->len == 0)
        return 0;
    if (b->sink(b->sink_ctx, b->data, b->len) != 0)
        return -1;
    b->len = 0;
    b->data[0] = '\0';
    return 0;
}

int buf_append_slow(buf *b, const void *bytes, size_t len)
{
    /* A stream never grows for an append bigger than it: what it holds goes
     * first, then the append straight to the sink (a copied file, a long
     * template text), so that no artifact is ever held whole. */
    if (b->sink && len >= b->cap) {
        if (buf_flush(b) != 0 || b->sink(b->sink_ctx, bytes, len) != 0)
            return -1;
        return 0;
    }
    if (buf_reserve(b, len) != 0)
        return -1;
    if (len)
        memcpy(b->data + b->len, bytes, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int buf_append_str(buf *b, const char *s)
{
    return buf_append(b, s, strlen(s));
}

int buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || buf_reserve(b, (size_t)n) != 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

int buf_grow_array(void **array, size_t *cap, size_t need, size_t size,
                   size_t first_cap)
{
    size_t cap2;
    void *grown;

    if (need <= *cap)
        return 0;
    cap2 = *cap ? *cap : first_cap;
    while (cap2 < need) {
        if (cap2 > SIZE_MAX / 2 / size)
            return -1;
        cap2 *= 2;
    }
    grown = realloc(*array, cap2 * size);
    if (!grown)
        return -1;
    *array = grown;
    *cap = cap2;
    return 0;
}

void buf_free(buf *b)
{
    if (!b)
        return;
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->sink = NULL;
    b->sink_ctx = NULL;
}
