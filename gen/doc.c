#include "doc.h"

#include <stdlib.h>
#include <string.h>

#include "sha256.h"
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

    sha256_hex(t->sha256, hex);
    return json_pack("{s:s, s:s, s:I}", "file", doc_base_name(t->source), "sha256",
                     hex, "rows", (json_int_t)(t->nrecords - 1));
}

static json_t *doc_reply(const model_reply *r, size_t index)
{
    return json_pack("{s:s, s:i, s:s, s:I, s:i, s:s, s:i, s:s, s:b, s:b, s:[]}",
                     "name", r->name, "code", r->code, "description", r->description,
                     "index", (json_int_t)index, "class", r->code / 100, "class_name", model_class_name(r->code),
                     "category", r->code / 10 % 10, "category_name",
                     model_category_name(r->code), "transient", r->code / 100 == 4,
                     "permanent", r->code / 100 == 5, "reasons");
}

static json_t *doc_reason(const model *m, const model_reason *r, size_t index)
{
    return json_pack("{s:s, s:s, s:i, s:s, s:o, s:I}", "name", r->name, "symbol",
                     r->symbol, "code", r->code, "description", r->description,
                     "reply", r->reply >= 0 ? json_string(m->replies[r->reply].name)
                                            : json_null(),
                     "index", (json_int_t)index);
}

json_t *doc_build(const model *m, gen_error *err)
{
    json_t *doc, *replies, *reasons, *item, *names;
    size_t i;

    doc = json_pack("{s:s, s:s, s:{s:o, s:o}, s:[], s:[]}", "generator", "smtpgen",
                    "version", SMTPGEN_VERSION, "sources", "replies",
                    doc_source(m->replies_csv), "reasons", doc_source(m->reasons_csv),
                    "replies", "reasons");
    if (!doc)
        goto oom;
    replies = json_object_get(doc, "replies");
    reasons = json_object_get(doc, "reasons");
    for (i = 0; i < m->nreplies; i++)
        if (json_array_append_new(replies, doc_reply(&m->replies[i], i)) != 0)
            goto oom;
    for (i = 0; i < m->nreasons; i++) {
        item = doc_reason(m, &m->reasons[i], i);
        if (json_array_append_new(reasons, item) != 0)
            goto oom;
        if (m->reasons[i].reply >= 0) {
            names = json_object_get(json_array_get(replies, (size_t)m->reasons[i].reply),
                                    "reasons");
            if (json_array_append(names, json_object_get(item, "name")) != 0)
                goto oom;
        }
    }
    return doc;
oom:
    json_decref(doc);
    gen_error_set(err, NULL, 0, 0, "out of memory");
    return NULL;
}

json_t *doc_view(json_t *doc, const char *date, gen_error *err)
{
    json_t *view, *codes, *replies, *reasons, *group, *value;
    json_t *group_at_code[1000] = {NULL};
    size_t i;
    int code;

    view = json_copy(doc);
    if (!view || json_object_set_new(view, "codes", json_array()) != 0
        || json_object_set_new(view, "date", json_string(date)) != 0)
        goto oom;
    codes = json_object_get(view, "codes");
    replies = json_object_get(doc, "replies");
    reasons = json_object_get(doc, "reasons");
    /* One group per code that a reply or a reason uses; codes are three
     * digits, so a direct table keeps this linear. */
    json_array_foreach(replies, i, value) {
        code = (int)json_integer_value(json_object_get(value, "code"));
        group_at_code[code] = json_pack("{s:i, s:O, s:[]}", "code", code, "reply",
                                        value, "reasons");
        if (!group_at_code[code])
            goto oom;
    }
    json_array_foreach(reasons, i, value) {
        code = (int)json_integer_value(json_object_get(value, "code"));
        if (!group_at_code[code]) {
            group_at_code[code] = json_pack("{s:i, s:[]}", "code", code, "reasons");
            if (!group_at_code[code])
                goto oom;
        }
        if (json_array_append(json_object_get(group_at_code[code], "reasons"), value)
            != 0)
            goto oom;
    }
    for (code = 0; code < 1000; code++) {
        group = group_at_code[code];
        if (group) {
            group_at_code[code] = NULL;
            if (json_array_append_new(codes, group) != 0)
                goto oom;
        }
    }
    return view;
oom:
    for (code = 0; code < 1000; code++)
        json_decref(group_at_code[code]);
    json_decref(view);
    gen_error_set(err, NULL, 0, 0, "out of memory");
    return NULL;
}

char *doc_dump(json_t *doc, size_t *len)
{
    char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    char *grown;
    size_t n;

    if (!text)
        return NULL;
    n = strlen(text);
    grown = realloc(text, n + 2);
    if (!grown) {
        free(text);
        return NULL;
    }
    grown[n] = '\n';
    grown[n + 1] = '\0';
    *len = n + 1;
    return grown;
}
