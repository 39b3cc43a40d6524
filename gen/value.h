/* value.h - what a template reads and the JSON dump writes: one value of
 * the document, whichever store holds it.
 *
 * The document is a Jansson tree for its small tables, and a row store
 * (doc.c) for the reasons, which a big table has by the million: a Jansson
 * object per row cost about 1.2 kB, ten times the row's CSV text. A value
 * is a small struct read through its type's functions, so that the
 * renderer (render.c) and the dump (value_dump()) walk both stores alike.
 *
 * Where the row store stands inside the Jansson tree, the tree holds an
 * empty array as a stand-in, registered with value_standins_add(): reading
 * a Jansson container through value_json() gives the registered value in
 * its place.
 */
#ifndef SMTPGEN_VALUE_H
#define SMTPGEN_VALUE_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

typedef enum value_kind {
    VALUE_NONE,     /* no value: a member that is not there */
    VALUE_NULL,
    VALUE_FALSE,
    VALUE_TRUE,
    VALUE_INTEGER,
    VALUE_REAL,
    VALUE_STRING,
    VALUE_ARRAY,
    VALUE_OBJECT
} value_kind;

typedef struct value value;

/* Called with each member of an object in order; a non-zero return stops
 * the walk and is returned. */
typedef int (*value_member_fn)(void *ctx, const char *key, size_t key_len,
                               const value *member);

/* How a value is read. A type implements what its kinds need: get and
 * members for objects, size and at for arrays, string, integer or real for
 * those scalars; the rest may be NULL. */
typedef struct value_type {
    value_kind (*kind)(const value *v);
    /* The member key[0..len) into *out: 1, or 0 when there is none. */
    int (*get)(const value *v, const char *key, size_t len, value *out);
    int (*members)(const value *v, value_member_fn fn, void *ctx);
    size_t (*size)(const value *v);
    void (*at)(const value *v, size_t i, value *out);
    const char *(*string)(const value *v, size_t *len);
    long long (*integer)(const value *v);
    double (*real)(const value *v);
} value_type;

/* A value is copied freely: it borrows what it points to. */
struct value {
    const value_type *type; /* NULL: VALUE_NONE */
    const void *p;          /* the type's own: a json_t, the row store */
    const void *ctx;        /* the type's own: the stand-ins, a row table */
    long long n;            /* the type's own: a row, a length, a number */
};

#define VALUE_NONE_INIT {NULL, NULL, NULL, 0}

static inline value_kind value_kind_of(const value *v)
{
    return v->type ? v->type->kind(v) : VALUE_NONE;
}

/* Reading a value of the wrong kind gives none, 0, "" or 0.0. */
int value_get(const value *v, const char *key, size_t len, value *out);
int value_members(const value *v, value_member_fn fn, void *ctx);
size_t value_size(const value *v);
void value_at(const value *v, size_t i, value *out);
const char *value_string(const value *v, size_t *len);
long long value_integer(const value *v);
double value_real(const value *v);

/* Writes n in decimal so that it ends just before end, which has at least
 * 21 bytes before it; returns where it starts. No printf call: the header's
 * tables and the dump write integers by the million. */
const char *value_format_integer(long long n, char *end);

/* Scalars: s[0..len) is borrowed. */
value value_of_string(const char *s, size_t len);
value value_of_integer(long long n);
value value_of_boolean(int b);
value value_of_null(void);

/* The registry of stand-ins: a Jansson container that another value takes
 * the place of. */
typedef struct value_standins value_standins;

/* A new, empty registry whose lookups also ask parent (which must outlive
 * it; NULL for none); NULL when memory runs out. */
value_standins *value_standins_new(const value_standins *parent);

/* Registers v in the place of the Jansson array or object placeholder,
 * which the registry borrows; 0, or -1 when memory runs out. */
int value_standins_add(value_standins *s, const json_t *placeholder, const value *v);

void value_standins_free(value_standins *s);

/* j (borrowed) as a value, reading its containers' members through
 * standins (NULL for none); a registered j itself gives its stand-in. */
value value_json(const json_t *j, const value_standins *standins);

/* Appends v as JSON, byte for byte what Jansson's json_dumpb() writes with
 * JSON_INDENT(2) | JSON_ENCODE_ANY (keys in the order the object gives
 * them), without a final newline; 0, or -1 when memory runs out or out's
 * sink fails. Strings must be UTF-8 already (the document's are, checked by
 * csv_read.c and Jansson): the dump does not check them again. */
int value_dump(const value *v, buf *out);

/* A Jansson copy of v (its dump read back): a new reference, or NULL when
 * memory runs out. */
json_t *value_to_json(const value *v);

#endif
