#include "value.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int value_get(const value *v, const char *key, size_t len, value *out)
{
    static const value none = VALUE_NONE_INIT;

    *out = none;
    if (value_kind_of(v) != VALUE_OBJECT)
        return 0;
    return v->type->get(v, key, len, out);
}

int value_members(const value *v, value_member_fn fn, void *ctx)
{
    return value_kind_of(v) == VALUE_OBJECT ? v->type->members(v, fn, ctx) : 0;
}

size_t value_size(const value *v)
{
    return value_kind_of(v) == VALUE_ARRAY ? v->type->size(v) : 0;
}

void value_at(const value *v, size_t i, value *out)
{
    static const value none = VALUE_NONE_INIT;

    *out = none;
    if (i < value_size(v))
        v->type->at(v, i, out);
}

const char *value_string(const value *v, size_t *len)
{
    if (value_kind_of(v) == VALUE_STRING)
        return v->type->string(v, len);
    *len = 0;
    return "";
}

long long value_integer(const value *v)
{
    return value_kind_of(v) == VALUE_INTEGER ? v->type->integer(v) : 0;
}

double value_real(const value *v)
{
    return value_kind_of(v) == VALUE_REAL ? v->type->real(v) : 0.0;
}

const char *value_format_integer(long long n, char *end)
{
    unsigned long long magnitude = n < 0 ? 0ULL - (unsigned long long)n
                                         : (unsigned long long)n;

    do {
        *--end = (char)('0' + magnitude % 10);
        magnitude /= 10;
    } while (magnitude);
    if (n < 0)
        *--end = '-';
    return end;
}

/* The scalars: a string is p[0..n), an integer n, and null, false and true
 * one type each with its kind in n. */

static value_kind value_string_kind(const value *v)
{
    (void)v;
    return VALUE_STRING;
}

static const char *value_string_text(const value *v, size_t *len)
{
    *len = (size_t)v->n;
    return v->p;
}

static const value_type value_string_type = {
    value_string_kind, NULL, NULL, NULL, NULL, value_string_text, NULL, NULL
};

value value_of_string(const char *s, size_t len)
{
    value v = {&value_string_type, NULL, NULL, 0};

    v.p = s;
    v.n = (long long)len;
    return v;
}

static value_kind value_integer_kind(const value *v)
{
    (void)v;
    return VALUE_INTEGER;
}

static long long value_integer_number(const value *v)
{
    return v->n;
}

static const value_type value_integer_type = {
    value_integer_kind, NULL, NULL, NULL, NULL, NULL, value_integer_number, NULL
};

value value_of_integer(long long n)
{
    value v = {&value_integer_type, NULL, NULL, 0};

    v.n = n;
    return v;
}

static value_kind value_literal_kind(const value *v)
{
    return (value_kind)v->n;
}

static const value_type value_literal_type = {
    value_literal_kind, NULL, NULL, NULL, NULL, NULL, NULL, NULL
};

value value_of_boolean(int b)
{
    value v = {&value_literal_type, NULL, NULL, 0};

    v.n = b ? VALUE_TRUE : VALUE_FALSE;
    return v;
}

value value_of_null(void)
{
    value v = {&value_literal_type, NULL, NULL, VALUE_NULL};

    return v;
}

/* The stand-ins: an open-addressing table of placeholder pointers, at
 * most half full. */

typedef struct value_standin {
    const json_t *placeholder; /* NULL: an empty slot */
    value v;
} value_standin;

struct value_standins {
    const value_standins *parent;
    value_standin *slots;
    size_t size, count;        /* size is 0 or a power of two */
};

value_standins *value_standins_new(const value_standins *parent)
{
    value_standins *s = calloc(1, sizeof *s);

    if (s)
        s->parent = parent;
    return s;
}

static size_t value_standin_hash(const json_t *placeholder, size_t size)
{
    uint64_t h = (uint64_t)(uintptr_t)placeholder * 0x9E3779B97F4A7C15ULL;

    return (size_t)(h >> 32) & (size - 1);
}

static value_standin *value_standin_slot(value_standin *slots, size_t size,
                                         const json_t *placeholder)
{
    size_t j = value_standin_hash(placeholder, size);

    while (slots[j].placeholder && slots[j].placeholder != placeholder)
        j = (j + 1) & (size - 1);
    return &slots[j];
}

int value_standins_add(value_standins *s, const json_t *placeholder, const value *v)
{
    value_standin *slot;
    size_t j;

    if (2 * (s->count + 1) > s->size) {
        size_t size = s->size ? 2 * s->size : 16;
        value_standin *slots = calloc(size, sizeof *slots);

        if (!slots)
            return -1;
        for (j = 0; j < s->size; j++)
            if (s->slots[j].placeholder)
                *value_standin_slot(slots, size, s->slots[j].placeholder) = s->slots[j];
        free(s->slots);
        s->slots = slots;
        s->size = size;
    }
    slot = value_standin_slot(s->slots, s->size, placeholder);
    if (!slot->placeholder)
        s->count++;
    slot->placeholder = placeholder;
    slot->v = *v;
    return 0;
}

void value_standins_free(value_standins *s)
{
    if (!s)
        return;
    free(s->slots);
    free(s);
}

static const value *value_standin_find(const value_standins *s, const json_t *j)
{
    const value_standin *slot;

    for (; s; s = s->parent) {
        if (!s->count)
            continue;
        slot = value_standin_slot(s->slots, s->size, j);
        if (slot->placeholder)
            return &slot->v;
    }
    return NULL;
}

/* Jansson values: p is the json_t, ctx the stand-ins. */

static value_kind value_json_kind(const value *v)
{
    switch (json_typeof((const json_t *)v->p)) {
    case JSON_OBJECT: return VALUE_OBJECT;
    case JSON_ARRAY: return VALUE_ARRAY;
    case JSON_STRING: return VALUE_STRING;
    case JSON_INTEGER: return VALUE_INTEGER;
    case JSON_REAL: return VALUE_REAL;
    case JSON_TRUE: return VALUE_TRUE;
    case JSON_FALSE: return VALUE_FALSE;
    default: return VALUE_NULL;
    }
}

static int value_json_get(const value *v, const char *key, size_t len, value *out)
{
    const json_t *member = json_object_getn(v->p, key, len);

    if (!member)
        return 0;
    *out = value_json(member, v->ctx);
    return 1;
}

static int value_json_members(const value *v, value_member_fn fn, void *ctx)
{
    const char *key;
    size_t key_len;
    json_t *member;
    value m;
    int rc;

    /* Jansson keeps an object's keys in insertion order. */
    json_object_keylen_foreach((json_t *)v->p, key, key_len, member) {
        m = value_json(member, v->ctx);
        rc = fn(ctx, key, key_len, &m);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static size_t value_json_size(const value *v)
{
    return json_array_size(v->p);
}

static void value_json_at(const value *v, size_t i, value *out)
{
    *out = value_json(json_array_get(v->p, i), v->ctx);
}

static const char *value_json_string(const value *v, size_t *len)
{
    *len = json_string_length(v->p);
    return json_string_value(v->p);
}

static long long value_json_integer(const value *v)
{
    return json_integer_value(v->p);
}

static double value_json_real(const value *v)
{
    return json_real_value(v->p);
}

static const value_type value_json_type = {
    value_json_kind, value_json_get, value_json_members, value_json_size,
    value_json_at, value_json_string, value_json_integer, value_json_real
};

value value_json(const json_t *j, const value_standins *standins)
{
    value v = {&value_json_type, NULL, NULL, 0};
    const value *standin;

    if (!j) {
        v.type = NULL;
        return v;
    }
    if (standins && (json_is_array(j) || json_is_object(j))) {
        standin = value_standin_find(standins, j);
        if (standin)
            return *standin;
    }
    v.p = j;
    v.ctx = standins;
    return v;
}

/* The dump, in Jansson's own layout: a container's members each on a line
 * of their own, indented two spaces a level; "[]" and "{}" when empty. */

static int value_dump_at(const value *v, buf *out, size_t depth);

static int value_dump_newline(buf *out, size_t depth)
{
    static const char spaces[] = "                                ";
    size_t n = 2 * depth;

    if (buf_append_char(out, '\n') != 0)
        return -1;
    for (; n > sizeof spaces - 1; n -= sizeof spaces - 1)
        if (buf_append(out, spaces, sizeof spaces - 1) != 0)
            return -1;
    return buf_append(out, spaces, n);
}

/* As Jansson's dump_string() without flags: '"', '\\' and the controls
 * escaped, everything else as it is. */
static int value_dump_string(const char *s, size_t len, buf *out)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i, run = 0;

    if (buf_append_char(out, '"') != 0)
        return -1;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[6] = {'\\', 'u', '0', '0', 0, 0};
        size_t n = 2;

        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            n = 6;
        }
        if (buf_append(out, s + run, i - run) != 0 || buf_append(out, esc, n) != 0)
            return -1;
        run = i + 1;
    }
    if (buf_append(out, s + run, len - run) != 0)
        return -1;
    return buf_append_char(out, '"');
}

typedef struct value_dump_state {
    buf *out;
    size_t depth;
    size_t count;
} value_dump_state;

static int value_dump_member(void *ctx, const char *key, size_t key_len, const value *member)
{
    value_dump_state *st = ctx;

    if ((st->count++ && buf_append_char(st->out, ',') != 0)
        || value_dump_newline(st->out, st->depth + 1) != 0
        || value_dump_string(key, key_len, st->out) != 0
        || buf_append(st->out, ": ", 2) != 0)
        return -1;
    return value_dump_at(member, st->out, st->depth + 1);
}

static int value_dump_jansson(const char *bytes, size_t size, void *data)
{
    return buf_append(data, bytes, size);
}

static int value_dump_at(const value *v, buf *out, size_t depth)
{
    value_dump_state st;
    char number[32];
    const char *text;
    size_t len, i, n;
    value item;
    json_t *real;
    int rc;

    switch (value_kind_of(v)) {
    case VALUE_OBJECT:
        st.out = out;
        st.depth = depth;
        st.count = 0;
        if (buf_append_char(out, '{') != 0 || value_members(v, value_dump_member, &st) != 0)
            return -1;
        if (st.count && value_dump_newline(out, depth) != 0)
            return -1;
        return buf_append_char(out, '}');
    case VALUE_ARRAY:
        n = value_size(v);
        if (buf_append_char(out, '[') != 0)
            return -1;
        for (i = 0; i < n; i++) {
            value_at(v, i, &item);
            if ((i && buf_append_char(out, ',') != 0) || value_dump_newline(out, depth + 1) != 0
                || value_dump_at(&item, out, depth + 1) != 0)
                return -1;
        }
        if (n && value_dump_newline(out, depth) != 0)
            return -1;
        return buf_append_char(out, ']');
    case VALUE_STRING:
        text = value_string(v, &len);
        return value_dump_string(text, len, out);
    case VALUE_INTEGER:
        text = value_format_integer(value_integer(v), number + sizeof number);
        return buf_append(out, text, (size_t)(number + sizeof number - text));
    case VALUE_REAL:
        /* Jansson's own shortest form of a double. */
        real = json_real(value_real(v));
        rc = real ? json_dump_callback(real, value_dump_jansson, out, JSON_ENCODE_ANY) : -1;
        json_decref(real);
        return rc;
    case VALUE_TRUE:
        return buf_append(out, "true", 4);
    case VALUE_FALSE:
        return buf_append(out, "false", 5);
    default:
        return buf_append(out, "null", 4);
    }
}

int value_dump(const value *v, buf *out)
{
    return value_dump_at(v, out, 0);
}

json_t *value_to_json(const value *v)
{
    buf text = BUF_INIT;
    json_t *j = NULL;

    if (value_dump(v, &text) == 0)
        j = json_loadb(text.data, text.len, JSON_DECODE_ANY, NULL);
    buf_free(&text);
    return j;
}
