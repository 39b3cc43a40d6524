#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sha256.h"
#include "value.h"
#include "version.h"

/* The file name without its folders: artifacts name their inputs but never
 * carry a path from the machine that made them. */
static const char *doc_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

static json_t *doc_source(const csvread_table *t)
{
    char hex[65];

    gen_sha256_hex(t->sha256, hex);
    return json_pack("{s:s, s:s, s:I}", "file", doc_base_name(t->source), "sha256",
                     hex, "rows", (json_int_t)(t->nrecords - 1));
}

/* A string of the model as a JSON string. The model's strings are valid
 * UTF-8 already (csv_read.c checks every byte), so Jansson need not check
 * them again: for a big table that check was a pass over every text. */
static json_t *doc_text(const char *s)
{
    return json_stringn_nocheck(s, strlen(s));
}

/* A string, or null when s is empty. */
static json_t *doc_optional(const char *s)
{
    return *s ? doc_text(s) : json_null();
}

/* Adds key: value to item, which takes value over. A row is built as one
 * chain of doc_put() calls: when item or value is NULL (memory ran out
 * before) or the member cannot be added, both are released and NULL is
 * returned, and the rest of the chain passes the NULL on. */
static json_t *doc_put(json_t *item, const char *key, json_t *value)
{
    if (!item || !value) {
        json_decref(item);
        json_decref(value);
        return NULL;
    }
    if (json_object_set_new_nocheck(item, key, value) != 0) {
        json_decref(item);
        return NULL;
    }
    return item;
}

/* The optional columns of a row, added to item as "since", "deprecated"
 * and "replaced_by" (a string or null) and "aliases" (an array, maybe
 * empty); NULL as doc_put(). */
static json_t *doc_add_evolution(json_t *item, const model_evolution *ev)
{
    json_t *aliases = json_array();
    size_t i;

    for (i = 0; aliases && i < ev->naliases; i++) {
        if (json_array_append_new(aliases, doc_text(ev->aliases[i])) != 0) {
            json_decref(aliases);
            aliases = NULL;
        }
    }
    item = doc_put(item, "since", doc_optional(ev->since));
    item = doc_put(item, "deprecated", doc_optional(ev->deprecated));
    item = doc_put(item, "replaced_by", doc_optional(ev->replaced_by));
    return doc_put(item, "aliases", aliases);
}

static json_t *doc_reply(const model_reply *r, size_t index)
{
    json_t *item = json_object();

    item = doc_put(item, "name", doc_text(r->name));
    item = doc_put(item, "code", json_integer(r->code));
    item = doc_put(item, "description", doc_text(r->description));
    item = doc_add_evolution(item, &r->evolution);
    item = doc_put(item, "index", json_integer((json_int_t)index));
    item = doc_put(item, "class", json_integer(r->code / 100));
    item = doc_put(item, "class_name", json_string(model_class_name(r->code)));
    item = doc_put(item, "category", json_integer(r->code / 10 % 10));
    item = doc_put(item, "category_name", json_string(model_category_name(r->code)));
    item = doc_put(item, "transient", json_boolean(r->code / 100 == 4));
    item = doc_put(item, "permanent", json_boolean(r->code / 100 == 5));
    item = doc_put(item, "reasons", json_array());
    return doc_put(item, "enhanced", json_array());
}

/* The row store: the reasons read straight from the model's rows, whose
 * strings point into the CSV text, instead of a Jansson object each. */

/* Codes are three digits (model.c): a table indexed by code keeps the
 * grouping linear. */
#define DOC_CODES 1000

struct document {
    const model *m;             /* borrowed; the rows' strings live there */
    json_t *json;               /* the tree, with the stand-ins */
    value_standins *standins;
    /* The reasons' positions ordered by code, in file order within one
     * code: those with code c are by_code[at_code[c] .. at_code[c + 1]). */
    size_t *by_code;
    size_t at_code[DOC_CODES + 1];
};

static void doc_order_by_code(document *d)
{
    const model *m = d->m;
    size_t next[DOC_CODES], i;
    int c;

    memset(d->at_code, 0, sizeof d->at_code);
    for (i = 0; i < m->nreasons; i++)
        d->at_code[m->reasons[i].code + 1]++;
    for (c = 0; c < DOC_CODES; c++) {
        d->at_code[c + 1] += d->at_code[c];
        next[c] = d->at_code[c];
    }
    for (i = 0; i < m->nreasons; i++)
        d->by_code[next[m->reasons[i].code]++] = i;
}

static value doc_string(const char *s)
{
    return value_of_string(s, strlen(s));
}

/* A string, or null when s is empty. */
static value doc_optional_value(const char *s)
{
    return *s ? doc_string(s) : value_of_null();
}

static value_kind doc_array_kind(const value *v)
{
    (void)v;
    return VALUE_ARRAY;
}

static value_kind doc_object_kind(const value *v)
{
    (void)v;
    return VALUE_OBJECT;
}

/* A row's aliases: p is its model_evolution. */
static size_t doc_aliases_size(const value *v)
{
    return ((const model_evolution *)v->p)->naliases;
}

static void doc_aliases_at(const value *v, size_t i, value *out)
{
    *out = doc_string(((const model_evolution *)v->p)->aliases[i]);
}

static const value_type doc_aliases_type = {
    doc_array_kind, NULL, NULL, doc_aliases_size, doc_aliases_at, NULL, NULL, NULL
};

/* A reason row: p is the document, n the row. Its members, in the order of
 * the JSON: */
enum doc_reason_member {
    DOC_NAME, DOC_SYMBOL, DOC_CODE, DOC_DESCRIPTION, DOC_SINCE, DOC_DEPRECATED,
    DOC_REPLACED_BY, DOC_ALIASES, DOC_REPLY, DOC_INDEX, DOC_REASON_MEMBERS
};

static const struct {
    const char *key;
    size_t len;
} doc_reason_keys[DOC_REASON_MEMBERS] = {
    {"name", 4}, {"symbol", 6}, {"code", 4}, {"description", 11}, {"since", 5},
    {"deprecated", 10}, {"replaced_by", 11}, {"aliases", 7}, {"reply", 5}, {"index", 5}
};

static value doc_reason_member(const document *d, size_t row, enum doc_reason_member k)
{
    const model_reason *r = &d->m->reasons[row];
    value aliases = {&doc_aliases_type, NULL, NULL, 0};

    switch (k) {
    case DOC_NAME: return value_of_string(r->name, r->name_len);
    case DOC_SYMBOL: return value_of_string(r->symbol, r->symbol_len);
    case DOC_CODE: return value_of_integer(r->code);
    case DOC_DESCRIPTION: return value_of_string(r->description, r->description_len);
    case DOC_SINCE: return doc_optional_value(r->evolution.since);
    case DOC_DEPRECATED: return doc_optional_value(r->evolution.deprecated);
    case DOC_REPLACED_BY: return doc_optional_value(r->evolution.replaced_by);
    case DOC_ALIASES:
        aliases.p = &r->evolution;
        return aliases;
    case DOC_REPLY:
        return r->reply >= 0 ? value_of_string(d->m->replies[r->reply].name,
                                               d->m->replies[r->reply].name_len)
                             : value_of_null();
    default: return value_of_integer((long long)row);
    }
}

/* The member key[0..len) names, or DOC_REASON_MEMBERS for none, told
 * apart by length and first letter: every template reads a row's members
 * by name, a million rows five times. */
static enum doc_reason_member doc_reason_key(const char *key, size_t len)
{
    enum doc_reason_member k;

    switch (len) {
    case 4: k = key[0] == 'n' ? DOC_NAME : DOC_CODE; break;
    case 5: k = key[0] == 's' ? DOC_SINCE : key[0] == 'r' ? DOC_REPLY : DOC_INDEX; break;
    case 6: k = DOC_SYMBOL; break;
    case 7: k = DOC_ALIASES; break;
    case 10: k = DOC_DEPRECATED; break;
    case 11: k = key[0] == 'd' ? DOC_DESCRIPTION : DOC_REPLACED_BY; break;
    default: return DOC_REASON_MEMBERS;
    }
    return memcmp(doc_reason_keys[k].key, key, len) == 0 ? k : DOC_REASON_MEMBERS;
}

static int doc_reason_get(const value *v, const char *key, size_t len, value *out)
{
    enum doc_reason_member k = doc_reason_key(key, len);

    if (k == DOC_REASON_MEMBERS)
        return 0;
    *out = doc_reason_member(v->p, (size_t)v->n, k);
    return 1;
}

static int doc_reason_members(const value *v, value_member_fn fn, void *ctx)
{
    value member;
    int k, rc;

    for (k = 0; k < DOC_REASON_MEMBERS; k++) {
        member = doc_reason_member(v->p, (size_t)v->n, (enum doc_reason_member)k);
        rc = fn(ctx, doc_reason_keys[k].key, doc_reason_keys[k].len, &member);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static const value_type doc_reason_type = {
    doc_object_kind, doc_reason_get, doc_reason_members, NULL, NULL, NULL, NULL, NULL
};

/* A list of reasons: p is the document, n -1 for all of them or the code
 * of those it lists; the rows themselves, or (ctx non-NULL) their names. */
static size_t doc_rows_size(const value *v)
{
    const document *d = v->p;

    return v->n < 0 ? d->m->nreasons : d->at_code[v->n + 1] - d->at_code[v->n];
}

static void doc_rows_at(const value *v, size_t i, value *out)
{
    const document *d = v->p;
    size_t row = v->n < 0 ? i : d->by_code[d->at_code[v->n] + i];

    if (v->ctx) {
        *out = value_of_string(d->m->reasons[row].name, d->m->reasons[row].name_len);
    } else {
        out->type = &doc_reason_type;
        out->p = d;
        out->ctx = NULL;
        out->n = (long long)row;
    }
}

static const value_type doc_rows_type = {
    doc_array_kind, NULL, NULL, doc_rows_size, doc_rows_at, NULL, NULL, NULL
};

/* The reasons with code (all of them when code is -1), as rows or, when
 * names is set, their names. */
static value doc_reason_rows(const document *d, int code, int names)
{
    value v = {&doc_rows_type, NULL, NULL, 0};

    v.p = d;
    v.ctx = names ? d : NULL;
    v.n = code;
    return v;
}

/* 0, or -1 with err filled when the table's file name cannot go into the
 * document: JSON holds UTF-8 only, and every artifact names its tables.
 * (json_string() also fails when memory runs out, which is then misnamed;
 * nothing else would go on working anyway.) */
static int doc_check_name(const csvread_table *t, gen_error *err)
{
    json_t *name = json_string(doc_base_name(t->source));

    if (!name) {
        gen_error_set(err, t->source, 0, 0,
                      "the file name is not valid UTF-8, and every artifact names it");
        return -1;
    }
    json_decref(name);
    return 0;
}

static json_t *doc_subcode(const model_subcode *c, const char *key)
{
    return json_pack("{s:s, s:i, s:s}", "name", c->name, key, c->code, "title", c->title);
}

static json_t *doc_enhanced(const model *m, const model_enhanced *e, size_t index)
{
    char code[16];
    json_t *basic = json_array(), *item;
    size_t k;

    snprintf(code, sizeof code, "X.%d.%d", e->subject, e->detail);
    for (k = 0; basic && k < e->nbasic; k++) {
        if (json_array_append_new(basic, doc_text(e->basic[k].text)) != 0) {
            json_decref(basic);
            basic = NULL;
        }
    }
    item = doc_put(json_object(), "name", doc_text(e->name));
    item = doc_put(item, "code", json_string(code));
    item = doc_put(item, "subject", json_integer(e->subject));
    item = doc_put(item, "detail", json_integer(e->detail));
    item = doc_put(item, "subject_name", doc_text(m->subjects[e->subject_row].name));
    item = doc_put(item, "text", doc_text(e->text));
    item = doc_put(item, "basic_codes", basic);
    item = doc_put(item, "replies", json_array());
    item = doc_put(item, "reference", doc_text(e->reference));
    item = doc_add_evolution(item, &e->evolution);
    item = doc_put(item, "description", doc_text(e->description));
    return doc_put(item, "index", json_integer((json_int_t)index));
}

/* The enhanced status codes: the classes, the subjects and the codes, and
 * the links both ways between a code and the reply rows of its basic codes
 * (only codes named outright; a class pattern such as 5XX links none). */
static int doc_build_enhanced(const model *m, json_t *doc)
{
    json_t *classes = json_object_get(doc, "classes");
    json_t *subjects = json_object_get(doc, "subjects");
    json_t *enhanced = json_object_get(doc, "enhanced");
    json_t *replies = json_object_get(doc, "replies");
    json_t *item, *reply;
    long reply_at_code[1000];
    size_t i, k;

    for (i = 0; i < 1000; i++)
        reply_at_code[i] = -1;
    for (i = 0; i < m->nreplies; i++)
        reply_at_code[m->replies[i].code] = (long)i;
    for (i = 0; i < m->nclasses; i++)
        if (json_array_append_new(classes, doc_subcode(&m->classes[i], "class")) != 0)
            return -1;
    for (i = 0; i < m->nsubjects; i++)
        if (json_array_append_new(subjects, doc_subcode(&m->subjects[i], "subject")) != 0)
            return -1;
    for (i = 0; i < m->nenhanced; i++) {
        const model_enhanced *e = &m->enhanced[i];

        item = doc_enhanced(m, e, i);
        if (json_array_append_new(enhanced, item) != 0)
            return -1;
        for (k = 0; k < e->nbasic; k++) {
            if (!e->basic[k].code || reply_at_code[e->basic[k].code] < 0)
                continue;
            reply = json_array_get(replies, (size_t)reply_at_code[e->basic[k].code]);
            if (json_array_append(json_object_get(item, "replies"),
                                  json_object_get(reply, "name")) != 0
                || json_array_append(json_object_get(reply, "enhanced"),
                                     json_object_get(item, "name")) != 0)
                return -1;
        }
    }
    return 0;
}

document *doc_build(const model *m, gen_error *err)
{
    json_t *doc, *replies, *sources;
    document *d;
    value rows;
    size_t i;

    if (doc_check_name(m->replies_csv, err) != 0 || doc_check_name(m->reasons_csv, err) != 0
        || (m->subcodes_csv && doc_check_name(m->subcodes_csv, err) != 0)
        || (m->enhanced_csv && doc_check_name(m->enhanced_csv, err) != 0))
        return NULL;
    d = calloc(1, sizeof *d);
    if (!d)
        goto oom;
    d->m = m;
    d->standins = value_standins_new(NULL);
    d->by_code = malloc((m->nreasons + 1) * sizeof *d->by_code);
    if (!d->standins || !d->by_code)
        goto oom;
    doc_order_by_code(d);
    d->json = doc = json_pack("{s:s, s:s, s:{s:o, s:o}, s:[], s:[], s:[], s:[], s:[]}", "generator",
                    "smtpgen", "version", SMTPGEN_VERSION, "sources", "replies",
                    doc_source(m->replies_csv), "reasons", doc_source(m->reasons_csv),
                    "replies", "reasons", "classes", "subjects", "enhanced");
    if (!doc)
        goto oom;
    sources = json_object_get(doc, "sources");
    if ((m->subcodes_csv
         && json_object_set_new(sources, "subcodes", doc_source(m->subcodes_csv)) != 0)
        || (m->enhanced_csv
            && json_object_set_new(sources, "enhanced", doc_source(m->enhanced_csv)) != 0))
        goto oom;
    /* The reasons are the row store's, standing in for "reasons", and so
     * are the names in each reply's "reasons" (the reasons with its code). */
    replies = json_object_get(doc, "replies");
    rows = doc_reason_rows(d, -1, 0);
    if (value_standins_add(d->standins, json_object_get(doc, "reasons"), &rows) != 0)
        goto oom;
    for (i = 0; i < m->nreplies; i++) {
        json_t *reply = doc_reply(&m->replies[i], i);

        rows = doc_reason_rows(d, m->replies[i].code, 1);
        if (json_array_append_new(replies, reply) != 0
            || value_standins_add(d->standins, json_object_get(reply, "reasons"), &rows) != 0)
            goto oom;
    }
    if (doc_build_enhanced(m, doc) != 0)
        goto oom;
    return d;
oom:
    doc_free(d);
    gen_error_set(err, NULL, 0, 0, "out of memory");
    return NULL;
}

value doc_root(const document *d)
{
    return value_json(d->json, d->standins);
}

void doc_free(document *d)
{
    if (!d)
        return;
    json_decref(d->json);
    value_standins_free(d->standins);
    free(d->by_code);
    free(d);
}

/* The lookup tables of the generated header (the view's "lookup"). The
 * header looks reasons up by name and by symbol through open-addressing
 * hash tables and by code through arrays indexed by code, so that no lookup
 * scans the table; see the comment above smtp_reply_by_code() in
 * templates/include/{{prefix}}_codes.h.mustache. Everything here is linear in the rows. */

/* Values per line of a table in the header. */
#define DOC_ROW_LENGTH 16

/* Codes run from 200 to 599 (model.c); the by-code arrays cover them all,
 * ten to a line. */
#define DOC_FIRST_CODE 200
#define DOC_CODE_SPAN 400

/* s[0..8) as a little-endian number, as the header's smtp_codes_word(). */
static unsigned long long doc_word(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    unsigned long long word = 0;
    int i;

    for (i = 7; i >= 0; i--)
        word = word << 8 | p[i];
    return word;
}

/* The header's smtp_codes_hash(), whose comment says why it is so. The two
 * must agree, or the header's lookups find nothing, which
 * tests/header/check.sh would report. */
static unsigned long long doc_hash(const char *s)
{
    const unsigned long long k = 0x9E3779B97F4A7C15ULL;
    size_t len = strlen(s), i;
    unsigned long long h = len, short_word = 0;

    if (len < 8) {
        for (i = len; i > 0; i--)
            short_word = short_word << 8 | (unsigned char)s[i - 1];
        h = (h ^ short_word) * k;
    } else if (len <= 24) {
        h = (h ^ doc_word(s)) * k;
        h = (h ^ doc_word(s + (len - 8) / 2)) * k;
        h = (h ^ doc_word(s + len - 8)) * k;
    } else {
        for (i = 0; i + 8 < len; i += 8)
            h = (h ^ doc_word(s + i)) * k;
        h = (h ^ doc_word(s + len - 8)) * k;
    }
    h ^= h >> 32;
    h *= k;
    return h ^ h >> 32;
}

/* The smallest power of two at least twice count: a hash table that size
 * is at most half full, so a probe sequence stays short. */
static size_t doc_table_size(size_t count)
{
    size_t size = 2;

    while (size < 2 * count)
        size *= 2;
    return size;
}

/* A key's position in the table and its doc_hash(), kept together so that
 * a probe compares hashes before it reads a string. */
typedef struct doc_keyed {
    unsigned long long hash;
    long position;           /* -1: an empty slot */
} doc_keyed;

/* Indexes keys[0..count), which may repeat: *slots (*nslots of them) becomes
 * the hash table of the first position with each key, the one the header
 * probes (linear probing, -1 for an empty slot), and next[i] the next
 * position after i with keys[i], or -1. *slots is malloc'd; 0, or -1 when
 * memory runs out. */
static int doc_index_keys(const char *const *keys, size_t count, long **slots,
                          size_t *nslots, long *next)
{
    size_t size = doc_table_size(count), nfirst = 0, i, j;
    doc_keyed *seen = malloc(size * sizeof *seen);
    doc_keyed *first = malloc(count * sizeof *first);
    long *last = malloc(count * sizeof *last);
    unsigned long long hash;
    int rc = -1;

    *slots = NULL;
    if (!seen || !first || !last)
        goto done;
    /* One pass finds each key's first position and chains the others. */
    for (j = 0; j < size; j++)
        seen[j].position = -1;
    for (i = 0; i < count; i++) {
        hash = doc_hash(keys[i]);
        next[i] = -1;
        for (j = (size_t)(hash & (size - 1)); seen[j].position >= 0; j = (j + 1) & (size - 1))
            if (seen[j].hash == hash && strcmp(keys[seen[j].position], keys[i]) == 0)
                break;
        if (seen[j].position >= 0) {
            next[last[seen[j].position]] = (long)i;
            last[seen[j].position] = (long)i;
        } else {
            seen[j].hash = hash;
            seen[j].position = (long)i;
            last[i] = (long)i;
            first[nfirst].hash = hash;
            first[nfirst++].position = (long)i;
        }
    }
    /* The header's table holds the distinct keys only, so it is sized for
     * them; inserting in table order keeps the output deterministic. */
    *nslots = doc_table_size(nfirst);
    *slots = malloc(*nslots * sizeof **slots);
    if (!*slots)
        goto done;
    for (j = 0; j < *nslots; j++)
        (*slots)[j] = -1;
    for (i = 0; i < nfirst; i++) {
        for (j = (size_t)(first[i].hash & (*nslots - 1)); (*slots)[j] >= 0;
             j = (j + 1) & (*nslots - 1))
            ;
        (*slots)[j] = first[i].position;
    }
    rc = 0;
done:
    free(seen);
    free(first);
    free(last);
    return rc;
}

/* A table of the header, values[0..count), as the template reads it: an
 * array of lines of DOC_ROW_LENGTH integers, -1 for none. p is the table;
 * n is -1 for the array of lines, or the line. */
typedef struct doc_table {
    long *values;            /* owned */
    size_t count;
} doc_table;

static size_t doc_table_size_of(const value *v)
{
    const doc_table *t = v->p;
    size_t left;

    if (v->n < 0)
        return (t->count + DOC_ROW_LENGTH - 1) / DOC_ROW_LENGTH;
    left = t->count - (size_t)v->n * DOC_ROW_LENGTH;
    return left < DOC_ROW_LENGTH ? left : DOC_ROW_LENGTH;
}

static void doc_table_at(const value *v, size_t i, value *out)
{
    const doc_table *t = v->p;

    if (v->n >= 0) {
        *out = value_of_integer(t->values[(size_t)v->n * DOC_ROW_LENGTH + i]);
    } else {
        *out = *v;
        out->n = (long long)i;
    }
}

static const value_type doc_table_type = {
    doc_array_kind, NULL, NULL, doc_table_size_of, doc_table_at, NULL, NULL, NULL
};

/* The view: the document's tree copied shallowly, with its additions; the
 * header's four big tables are doc_tables standing in for empty arrays of
 * its "lookup". */
enum { DOC_NAME_SLOTS, DOC_SYMBOL_SLOTS, DOC_NEXT_SAME_SYMBOL, DOC_NEXT_SAME_CODE,
       DOC_TABLES };

struct document_view {
    json_t *json;
    value_standins *standins; /* the document's own are its parent */
    doc_table tables[DOC_TABLES];
};

/* Ten values a line for the codes DOC_FIRST_CODE on, each line as
 * {"code": its first code, "slots": [...]}, so that the header can label
 * its lines. A new reference, or NULL. */
static json_t *doc_code_rows(const long *values)
{
    json_t *rows = json_array(), *slots;
    size_t i, k;

    for (i = 0; rows && i < DOC_CODE_SPAN; i += 10) {
        slots = json_array();
        for (k = 0; slots && k < 10; k++)
            if (json_array_append_new(slots, json_integer(values[i + k])) != 0) {
                json_decref(slots);
                slots = NULL;
            }
        if (!slots || json_array_append_new(rows, json_pack("{s:i, s:o}", "code",
                                                            DOC_FIRST_CODE + (int)i,
                                                            "slots", slots)) != 0) {
            json_decref(rows);
            rows = NULL;
        }
    }
    return rows;
}

/* Builds the view's "lookup" object from the model's replies and reasons,
 * its big tables into view->tables; a new reference, or NULL when memory
 * runs out. The by-code chains are d's by_code order. */
static json_t *doc_lookup(const document *d, document_view *view)
{
    const model *m = d->m;
    size_t nreasons = m->nreasons, nkeys = nreasons, i, j, name_slots = 0, symbol_slots = 0;
    const char **names;
    const char **symbols = malloc((nreasons + 1) * sizeof *symbols);
    long *next_same_symbol = malloc((nreasons + 1) * sizeof *next_same_symbol);
    long *next_same_code = malloc((nreasons + 1) * sizeof *next_same_code);
    long *name_table = NULL, *symbol_table = NULL, *unused_next = NULL;
    long reply_at_code[DOC_CODE_SPAN], reason_at_code[DOC_CODE_SPAN];
    json_t *lookup = NULL, *placeholder;
    value table;
    int code;

    /* The name table also holds each alias, as the position
     * nreasons + its number (in table order) that the header's probe
     * reads. */
    for (i = 0; i < nreasons; i++)
        nkeys += m->reasons[i].evolution.naliases;
    names = malloc((nkeys + 1) * sizeof *names);
    if (!names || !symbols || !next_same_symbol || !next_same_code
        || m->nreplies > DOC_CODE_SPAN)
        goto done;
    for (i = 0; i < DOC_CODE_SPAN; i++)
        reply_at_code[i] = reason_at_code[i] = -1;
    for (i = 0; i < m->nreplies; i++)
        reply_at_code[m->replies[i].code - DOC_FIRST_CODE] = (long)i;
    /* Reasons with one code are chained in table order, which is
     * by_code's, as are reasons with one symbol (doc_index_keys). */
    for (i = 0; i < nreasons; i++) {
        names[i] = m->reasons[i].name;
        symbols[i] = m->reasons[i].symbol;
    }
    for (code = DOC_FIRST_CODE; code < DOC_FIRST_CODE + DOC_CODE_SPAN; code++) {
        for (j = d->at_code[code]; j < d->at_code[code + 1]; j++)
            next_same_code[d->by_code[j]] = j + 1 < d->at_code[code + 1]
                                            ? (long)d->by_code[j + 1] : -1;
        if (d->at_code[code] < d->at_code[code + 1])
            reason_at_code[code - DOC_FIRST_CODE] = (long)d->by_code[d->at_code[code]];
    }
    nkeys = nreasons;
    for (i = 0; i < nreasons; i++)
        for (j = 0; j < m->reasons[i].evolution.naliases; j++)
            names[nkeys++] = m->reasons[i].evolution.aliases[j];
    unused_next = malloc((nkeys + 1) * sizeof *unused_next);
    if (!unused_next
        || doc_index_keys(names, nkeys, &name_table, &name_slots, unused_next) != 0
        || doc_index_keys(symbols, nreasons, &symbol_table, &symbol_slots,
                          next_same_symbol) != 0)
        goto done;
    view->tables[DOC_NAME_SLOTS].values = name_table;
    view->tables[DOC_NAME_SLOTS].count = name_slots;
    view->tables[DOC_SYMBOL_SLOTS].values = symbol_table;
    view->tables[DOC_SYMBOL_SLOTS].count = symbol_slots;
    view->tables[DOC_NEXT_SAME_SYMBOL].values = next_same_symbol;
    view->tables[DOC_NEXT_SAME_SYMBOL].count = nreasons;
    view->tables[DOC_NEXT_SAME_CODE].values = next_same_code;
    view->tables[DOC_NEXT_SAME_CODE].count = nreasons;
    name_table = symbol_table = next_same_symbol = next_same_code = NULL;
    lookup = json_pack("{s:o, s:o, s:I, s:[], s:I, s:[], s:[], s:[]}",
                       "reply_at_code", doc_code_rows(reply_at_code),
                       "reason_at_code", doc_code_rows(reason_at_code),
                       "name_slots", (json_int_t)name_slots, "name_slot_rows",
                       "symbol_slots", (json_int_t)symbol_slots, "symbol_slot_rows",
                       "next_same_symbol_rows", "next_same_code_rows");
    for (i = 0; lookup && i < DOC_TABLES; i++) {
        static const char *const keys[DOC_TABLES] = {
            "name_slot_rows", "symbol_slot_rows", "next_same_symbol_rows",
            "next_same_code_rows"
        };

        placeholder = json_object_get(lookup, keys[i]);
        table.type = &doc_table_type;
        table.p = &view->tables[i];
        table.ctx = NULL;
        table.n = -1;
        if (value_standins_add(view->standins, placeholder, &table) != 0) {
            json_decref(lookup);
            lookup = NULL;
        }
    }
done:
    free(names);
    free(symbols);
    free(next_same_symbol);
    free(next_same_code);
    free(unused_next);
    free(name_table);
    free(symbol_table);
    return lookup;
}

/* The strings of array joined by single spaces, as a new JSON string (NULL
 * when memory runs out). */
static json_t *doc_join(json_t *array)
{
    buf text = BUF_INIT;
    json_t *value, *joined;
    size_t i;
    int rc = buf_append_str(&text, "");

    json_array_foreach(array, i, value) {
        if (rc == 0 && i > 0)
            rc = buf_append_char(&text, ' ');
        if (rc == 0)
            rc = buf_append_str(&text, json_string_value(value));
    }
    joined = rc == 0 ? json_stringn(text.data, text.len) : NULL;
    buf_free(&text);
    return joined;
}

/* One row of the view's "enhanced": a shallow copy of the document's row
 * with "basic_codes_text", "basic" and "replacement" added; also appended
 * to the "enhanced" of each codes group its basic codes name. A new
 * reference, or NULL when memory runs out. */
static json_t *doc_view_enhanced_row(json_t *value, json_t *const reply_at_code[1000],
                                     json_t *const group_at_code[1000], json_t *by_name)
{
    json_t *copy = json_copy(value), *basic = json_array(), *code, *link;
    json_t *replacement = json_object_get(by_name, json_string_value(json_object_get(
                                                       value, "replaced_by")));
    size_t k;
    int ok;

    ok = copy && json_object_set(copy, "basic", basic) == 0
         && json_object_set_new(copy, "basic_codes_text",
                                doc_join(json_object_get(value, "basic_codes"))) == 0
         && (!replacement || json_object_set(copy, "replacement", replacement) == 0);
    json_array_foreach(json_object_get(value, "basic_codes"), k, code) {
        const char *text = json_string_value(code);
        int pattern = text[1] == 'X', number = pattern ? 0 : atoi(text);
        json_t *reply = pattern ? NULL : reply_at_code[number];

        if (!ok)
            break;
        link = json_pack("{s:O, s:b}", "code", code, "pattern", pattern);
        ok = link && (!reply || json_object_set(link, "reply", reply) == 0)
             && json_array_append(basic, link) == 0
             && (pattern || !group_at_code[number]
                 || json_array_append(json_object_get(group_at_code[number], "enhanced"),
                                      copy) == 0);
        json_decref(link);
    }
    json_decref(basic);
    if (!ok) {
        json_decref(copy);
        return NULL;
    }
    return copy;
}

/* The view's "enhanced" and "subjects": each code as a shallow copy of its
 * document object plus "basic_codes_text" ("451 550", as the CSV has it),
 * "basic" ([{"code": "550", "pattern": false, "reply": the reply object
 * when the table has one}]) and "replacement" (the document's row named by
 * replaced_by, without these additions); each subject plus "enhanced", its
 * codes; and each group of group_at_code plus "enhanced", the codes naming
 * its code. 0, or -1 when memory runs out. */
static int doc_view_enhanced(json_t *view, json_t *doc, json_t *const group_at_code[1000])
{
    json_t *replies = json_object_get(doc, "replies");
    json_t *enhanced = json_object_get(doc, "enhanced");
    json_t *copies = json_array(), *subjects = json_array(), *subject_at[1000] = {NULL};
    json_t *reply_at_code[1000] = {NULL}, *by_name = json_object();
    json_t *value, *copy, *list;
    size_t i;
    int n, ok = copies && subjects && by_name;

    json_array_foreach(replies, i, value)
        reply_at_code[json_integer_value(json_object_get(value, "code"))] = value;
    json_array_foreach(json_object_get(doc, "subjects"), i, value) {
        if (!ok)
            break;
        copy = json_copy(value);
        n = (int)json_integer_value(json_object_get(value, "subject"));
        ok = copy && json_object_set_new(copy, "enhanced", json_array()) == 0
             && json_array_append(subjects, copy) == 0;
        subject_at[n] = copy;
        json_decref(copy);
    }
    json_array_foreach(enhanced, i, value)
        ok = ok && json_object_set(by_name, json_string_value(json_object_get(value, "name")),
                                   value) == 0;
    json_array_foreach(enhanced, i, value) {
        if (!ok)
            break;
        copy = doc_view_enhanced_row(value, reply_at_code, group_at_code, by_name);
        n = (int)json_integer_value(json_object_get(value, "subject"));
        list = subject_at[n] ? json_object_get(subject_at[n], "enhanced") : NULL;
        ok = copy && json_array_append(copies, copy) == 0
             && (!list || json_array_append(list, copy) == 0);
        json_decref(copy);
    }
    ok = ok && json_object_set(view, "enhanced", copies) == 0
         && json_object_set(view, "subjects", subjects) == 0;
    json_decref(copies);
    json_decref(subjects);
    json_decref(by_name);
    return ok ? 0 : -1;
}

document_view *doc_view(const document *d, const char *date, const char *prefix,
                        gen_error *err)
{
    document_view *v = calloc(1, sizeof *v);
    json_t *view = NULL, *codes, *group, *doc = d->json;
    json_t *group_at_code[DOC_CODES] = {NULL};
    char *upper = strdup(prefix);
    const model *m = d->m;
    value rows;
    size_t i;
    int code, named;

    for (i = 0; upper && upper[i]; i++)
        if (upper[i] >= 'a' && upper[i] <= 'z')
            upper[i] = (char)(upper[i] - 'a' + 'A');
    if (v) {
        v->standins = value_standins_new(d->standins);
        v->json = view = json_copy(doc);
    }
    named = v && v->standins && view && upper
            && json_object_set_new(view, "codes", json_array()) == 0
            && json_object_set_new(view, "date", json_string(date)) == 0
            && json_object_set_new(view, "prefix", json_string(prefix)) == 0
            && json_object_set_new(view, "PREFIX", json_string(upper)) == 0;
    free(upper);
    if (!named)
        goto oom;
    codes = json_object_get(view, "codes");
    /* One group per code that a reply or a reason uses, its "reasons" the
     * row store's. */
    for (i = 0; i < m->nreplies; i++) {
        code = m->replies[i].code;
        group_at_code[code] = json_pack("{s:i, s:O, s:[], s:[]}", "code", code, "reply",
                                        json_array_get(json_object_get(doc, "replies"), i),
                                        "reasons", "enhanced");
        if (!group_at_code[code])
            goto oom;
    }
    for (code = 0; code < DOC_CODES; code++) {
        if (d->at_code[code + 1] == d->at_code[code])
            continue;
        if (!group_at_code[code]) {
            group_at_code[code] = json_pack("{s:i, s:[], s:[]}", "code", code, "reasons",
                                            "enhanced");
            if (!group_at_code[code])
                goto oom;
        }
        rows = doc_reason_rows(d, code, 0);
        if (value_standins_add(v->standins,
                               json_object_get(group_at_code[code], "reasons"), &rows) != 0)
            goto oom;
    }
    if (doc_view_enhanced(view, doc, group_at_code) != 0)
        goto oom;
    for (code = 0; code < DOC_CODES; code++) {
        group = group_at_code[code];
        if (group) {
            group_at_code[code] = NULL;
            if (json_array_append_new(codes, group) != 0)
                goto oom;
        }
    }
    if (json_object_set_new(view, "lookup", doc_lookup(d, v)) != 0)
        goto oom;
    return v;
oom:
    for (code = 0; code < DOC_CODES; code++)
        json_decref(group_at_code[code]);
    doc_view_free(v);
    gen_error_set(err, NULL, 0, 0, "out of memory");
    return NULL;
}

value doc_view_root(const document_view *v)
{
    return value_json(v->json, v->standins);
}

void doc_view_free(document_view *v)
{
    size_t i;

    if (!v)
        return;
    json_decref(v->json);
    value_standins_free(v->standins);
    for (i = 0; i < DOC_TABLES; i++)
        free(v->tables[i].values);
    free(v);
}

char *doc_dump(const document *d, size_t *len)
{
    value root = doc_root(d);
    buf text = BUF_INIT;

    if (value_dump(&root, &text) != 0 || buf_append_char(&text, '\n') != 0) {
        buf_free(&text);
        return NULL;
    }
    *len = text.len;
    return text.data;
}

json_t *doc_to_json(const document *d)
{
    value root = doc_root(d);

    return value_to_json(&root);
}
