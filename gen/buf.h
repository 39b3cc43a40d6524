/* buf.h - a growable byte buffer, the one way every stage builds output. */
#ifndef SMTPGEN_BUF_H
#define SMTPGEN_BUF_H

#include <stddef.h>

typedef struct buf {
    char *data;  /* NUL-terminated once anything was appended; owned */
    size_t len;  /* bytes in data, not counting the terminating NUL */
    size_t cap;  /* bytes allocated */
} buf;

#define BUF_INIT {NULL, 0, 0}

/* Each append returns 0, or -1 when memory runs out (b is then unchanged). */
int buf_append(buf *b, const void *bytes, size_t len);
int buf_append_str(buf *b, const char *s);
int buf_append_char(buf *b, char c);
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

/* Frees the storage and empties b; b may be NULL. */
void buf_free(buf *b);

#endif
