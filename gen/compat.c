#include "compat.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The file name without its folders, for messages. */
static const char *compat_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* One table of the document and what must not change in it. */
typedef struct compat_table {
    const char *key;   /* the document's array: "reasons" */
    const char *what;  /* in messages: "reason" */
    int by_position;   /* the header numbers it in table order (else by code) */
    const char *code;  /* the member that may not change: "code" */
    int code_is_text;  /* the code is "X.S.D", not a number */
    int symbol;        /* reasons: the symbol may not change either */
    const char *text;  /* the members whose edits are reported */
    const char *text2; /* or NULL */
    int required;      /* every release has it (the enhanced tables came later) */
} compat_table;

static const compat_table compat_tables[] = {
    {"replies", "reply", 0, "code", 0, 0, "description", NULL, 1},
    {"reasons", "reason", 1, "code", 0, 1, "description", NULL, 1},
    {"enhanced", "enhanced code", 1, "code", 1, 0, "description", "text", 0},
    {"classes", "class", 0, "class", 0, 0, "title", NULL, 0},
    {"subjects", "subject", 0, "subject", 0, 0, "title", NULL, 0},
};

typedef struct compat_state {
    const char *old_path;
    const char *old_name;      /* its base name, in messages */
    const model *m;
    compat_report_fn report;
    void *ctx;
    long breaking;
} compat_state;

/* Where row j of table t of this run is: its CSV file and line. */
static void compat_place(const compat_state *s, size_t t, size_t j, const char **source,
                         long *line)
{
    const model *m = s->m;

    switch (t) {
    case 0: *source = m->replies_csv->source; *line = m->replies[j].line; break;
    case 1: *source = m->reasons_csv->source; *line = m->reasons[j].line; break;
    case 2: *source = m->enhanced_csv->source; *line = m->enhanced[j].line; break;
    case 3: *source = m->subcodes_csv->source; *line = m->classes[j].line; break;
    default: *source = m->subcodes_csv->source; *line = m->subjects[j].line; break;
    }
}

/* Reports a finding at row j of table t (or, when j is (size_t)-1, about
 * the old document); the text is formatted as by printf. */
static void compat_finding(compat_state *s, size_t t, size_t j, int breaking,
                           const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void compat_finding(compat_state *s, size_t t, size_t j, int breaking,
                           const char *fmt, ...)
{
    gen_error finding;
    const char *source = s->old_path;
    long line = 0;
    va_list ap;
    char text[GEN_ERROR_TEXT_LENGTH];

    if (j != (size_t)-1)
        compat_place(s, t, j, &source, &line);
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    gen_error_init(&finding);
    gen_error_set(&finding, source, line, line ? 1 : 0, "%s", text);
    s->breaking += breaking;
    if (s->report)
        s->report(s->ctx, &finding, breaking);
}

/* A code as text: 550, "X.1.1". */
static const char *compat_value(json_t *value, char text[64])
{
    if (json_is_integer(value))
        snprintf(text, 64, "%" JSON_INTEGER_FORMAT, json_integer_value(value));
    else if (json_is_string(value))
        snprintf(text, 64, "%s", json_string_value(value));
    else
        snprintf(text, 64, "none");
    return text;
}

/* The new row a name of the old document stands for: its position, or -1;
 * *via_alias tells whether it is now an alias. */
static long compat_resolve(json_t *names, json_t *aliases, const char *name, int *via_alias)
{
    json_t *at = json_object_get(names, name);

    *via_alias = !at;
    if (!at)
        at = json_object_get(aliases, name);
    return at ? (long)json_integer_value(at) : -1;
}

/* The names and aliases of the rows of this run, each to its position. 0,
 * or -1 when memory runs out. */
static int compat_index(json_t *rows, json_t *names, json_t *aliases)
{
    json_t *row, *alias;
    size_t j, k;

    json_array_foreach(rows, j, row) {
        if (json_object_set_new(names, json_string_value(json_object_get(row, "name")),
                                json_integer((json_int_t)j)) != 0)
            return -1;
        json_array_foreach(json_object_get(row, "aliases"), k, alias)
            if (json_object_set_new(aliases, json_string_value(alias),
                                    json_integer((json_int_t)j)) != 0)
                return -1;
    }
    return 0;
}

/* The checks of one old row, found as row j of this run. */
static void compat_row(compat_state *s, size_t t, size_t i, json_t *old_row, size_t j,
                       json_t *new_row, int via_alias)
{
    const compat_table *c = &compat_tables[t];
    char quote_name[GEN_QUOTE_LENGTH + 4], quote_now[GEN_QUOTE_LENGTH + 4];
    char quote_a[GEN_QUOTE_LENGTH + 4], quote_b[GEN_QUOTE_LENGTH + 4];
    /* Names are cut in messages, which have a fixed size (gen_quote()). */
    const char *name = gen_quote(json_string_value(json_object_get(old_row, "name")),
                                 quote_name);
    const char *now = gen_quote(json_string_value(json_object_get(new_row, "name")),
                                quote_now);
    json_t *old_text = json_object_get(old_row, c->text);
    json_t *was = json_object_get(old_row, "deprecated");
    json_t *is = json_object_get(new_row, "deprecated");
    char a[64], b[64];

    if (via_alias)
        compat_finding(s, t, j, 0, "%s \"%s\" was renamed \"%s\"; the old name stays as an "
                                   "alias", c->what, name, now);
    if (c->by_position && i != j)
        compat_finding(s, t, j, 1,
                       "%s \"%s\" moved from enum value %zu to %zu: a row was inserted, "
                       "removed or reordered before it; add rows at the end only", c->what,
                       name, i, j);
    if (!json_equal(json_object_get(old_row, c->code), json_object_get(new_row, c->code)))
        compat_finding(s, t, j, 1, "%s \"%s\" changed %s from %s to %s%s", c->what, name,
                       c->code, compat_value(json_object_get(old_row, c->code), a),
                       compat_value(json_object_get(new_row, c->code), b),
                       c->by_position ? "" : ", which is its enum value");
    if (c->symbol && !json_equal(json_object_get(old_row, "symbol"),
                                 json_object_get(new_row, "symbol")))
        compat_finding(s, t, j, 1, "%s \"%s\" changed symbol from \"%s\" to \"%s\"", c->what,
                       name, gen_quote(json_string_value(json_object_get(old_row, "symbol")),
                                       quote_a),
                       gen_quote(json_string_value(json_object_get(new_row, "symbol")),
                                 quote_b));
    if (json_is_string(old_text) && !json_equal(old_text, json_object_get(new_row, c->text)))
        compat_finding(s, t, j, 0, "the %s of %s \"%s\" changed", c->text, c->what, name);
    if (c->text2 && json_is_string(json_object_get(old_row, c->text2))
        && !json_equal(json_object_get(old_row, c->text2), json_object_get(new_row, c->text2)))
        compat_finding(s, t, j, 0, "the %s of %s \"%s\" changed", c->text2, c->what, name);
    if (!json_is_string(was) && json_is_string(is))
        compat_finding(s, t, j, 0, "%s \"%s\" is newly deprecated in %s", c->what, now,
                       json_string_value(is));
    if (json_is_string(was) && !json_is_string(is))
        compat_finding(s, t, j, 0, "%s \"%s\" is no longer deprecated", c->what, now);
}

/* The old row's aliases must still name the row its name does. */
static void compat_old_aliases(compat_state *s, size_t t, json_t *old_row, long j,
                               json_t *names, json_t *aliases, json_t *rows)
{
    const compat_table *c = &compat_tables[t];
    char quote_name[GEN_QUOTE_LENGTH + 4], quote_alias[GEN_QUOTE_LENGTH + 4];
    char quote_other[GEN_QUOTE_LENGTH + 4];
    const char *name = gen_quote(json_string_value(json_object_get(old_row, "name")),
                                 quote_name);
    json_t *alias;
    size_t k;
    long at;
    int via_alias;

    json_array_foreach(json_object_get(old_row, "aliases"), k, alias) {
        if (!json_is_string(alias))
            continue;
        at = compat_resolve(names, aliases, json_string_value(alias), &via_alias);
        if (at < 0)
            compat_finding(s, t, (size_t)-1, 1,
                           "\"%s\", an alias of %s \"%s\", is gone: code compiled against "
                           "it no longer builds", gen_quote(json_string_value(alias), quote_alias),
                           c->what, name);
        else if (j >= 0 && at != j)
            compat_finding(s, t, (size_t)at, 1,
                           "\"%s\", an alias of %s \"%s\", now names %s \"%s\"",
                           gen_quote(json_string_value(alias), quote_alias), c->what, name,
                           c->what,
                           gen_quote(json_string_value(json_object_get(
                                         json_array_get(rows, (size_t)at), "name")),
                                     quote_other));
    }
}

/* 1 when s is a name of the form [A-Z][A-Z0-9_]* (model.c's rule). */
static int compat_is_name(const char *s)
{
    size_t i;

    for (i = 0; s[i]; i++)
        if (!((s[i] >= 'A' && s[i] <= 'Z') || (i > 0 && ((s[i] >= '0' && s[i] <= '9')
                                                         || s[i] == '_'))))
            return 0;
    return i > 0;
}

/* 1 when s is printable ASCII without blanks, as a symbol is. */
static int compat_is_symbol(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || (unsigned char)*s > '~')
            return 0;
    return 1;
}

/* Claims name in seen for row i of the old table; 0, or -1 with err when
 * it is not a name or already taken. */
static int compat_claim(const compat_state *s, const compat_table *c, json_t *seen,
                        json_t *name, size_t i, const char *what, gen_error *err)
{
    char quote[GEN_QUOTE_LENGTH + 4];

    if (!json_is_string(name) || !compat_is_name(json_string_value(name))) {
        gen_error_set(err, s->old_path, 0, 0,
                      "%s[%zu] has %s that is not a name of the form [A-Z][A-Z0-9_]*: not "
                      "an smtp-codes.json of smtpgen", c->key, i, what);
        return -1;
    }
    if (json_object_get(seen, json_string_value(name))) {
        gen_error_set(err, s->old_path, 0, 0,
                      "%s[%zu]: \"%s\" is the name or alias of two rows: not an "
                      "smtp-codes.json of smtpgen", c->key, i,
                      gen_quote(json_string_value(name), quote));
        return -1;
    }
    if (json_object_set(seen, json_string_value(name), json_true()) != 0) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    return 0;
}

/* Checks that the old document's table is an array of rows, each with a
 * name, aliases (absent, or an array of names), a code of the table's type
 * (an integer, or "X.S.D" for the enhanced codes) and, for reasons, a
 * symbol; no name or alias twice. What the findings print is then a name
 * or a number. 0, or -1 with err. */
static int compat_check_shape(const compat_state *s, const compat_table *c, json_t *rows,
                              gen_error *err)
{
    json_t *row, *aliases, *alias, *code, *seen = json_object();
    size_t i, k;
    int rc = -1;

    if (!seen) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    if (!json_is_array(rows)) {
        gen_error_set(err, s->old_path, 0, 0,
                      "\"%s\" is not an array: not an smtp-codes.json of smtpgen", c->key);
        goto done;
    }
    json_array_foreach(rows, i, row) {
        code = json_object_get(row, c->code);
        aliases = json_object_get(row, "aliases");
        if (compat_claim(s, c, seen, json_object_get(row, "name"), i, "no \"name\" or one",
                         err) != 0)
            goto done;
        if (aliases && !json_is_array(aliases)) {
            gen_error_set(err, s->old_path, 0, 0,
                          "%s[%zu] has \"aliases\" that is not an array: not an "
                          "smtp-codes.json of smtpgen", c->key, i);
            goto done;
        }
        json_array_foreach(aliases, k, alias)
            if (compat_claim(s, c, seen, alias, i, "an alias", err) != 0)
                goto done;
        if (c->code_is_text ? !json_is_string(code)
                                  || strncmp(json_string_value(code), "X.", 2) != 0
                                  || !compat_is_symbol(json_string_value(code))
                            : !json_is_integer(code)) {
            gen_error_set(err, s->old_path, 0, 0,
                          "%s[%zu] has no \"%s\" %s: not an smtp-codes.json of smtpgen",
                          c->key, i, c->code,
                          c->code_is_text ? "string X.S.D" : "number");
            goto done;
        }
        if (c->symbol && (!json_is_string(json_object_get(row, "symbol"))
                          || !compat_is_symbol(json_string_value(
                              json_object_get(row, "symbol"))))) {
            gen_error_set(err, s->old_path, 0, 0,
                          "%s[%zu] has no \"symbol\" of printable ASCII: not an "
                          "smtp-codes.json of smtpgen", c->key, i);
            goto done;
        }
    }
    rc = 0;
done:
    json_decref(seen);
    return rc;
}

static int compat_table_check(compat_state *s, size_t t, json_t *old_rows, json_t *rows,
                              gen_error *err)
{
    json_t *names = json_object(), *aliases = json_object(), *old_row;
    size_t i, j, count = json_array_size(rows);
    char *matched = calloc(count + 1, 1);
    int via_alias, rc = -1;
    long at;

    if (!names || !aliases || !matched || compat_index(rows, names, aliases) != 0) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        goto done;
    }
    json_array_foreach(old_rows, i, old_row) {
        const char *name = json_string_value(json_object_get(old_row, "name"));
        char value[64], quote[GEN_QUOTE_LENGTH + 4];

        at = compat_resolve(names, aliases, name, &via_alias);
        if (at < 0) {
            compat_finding(s, t, (size_t)-1, 1,
                           "%s \"%s\" (%s %s in %s) is gone, and no row has it as an "
                           "alias: code compiled against it no longer builds",
                           compat_tables[t].what, gen_quote(name, quote),
                           compat_tables[t].by_position ? "enum value" : compat_tables[t].code,
                           compat_tables[t].by_position
                               ? (snprintf(value, sizeof value, "%zu", i), value)
                               : compat_value(json_object_get(old_row, compat_tables[t].code),
                                              value),
                           s->old_name);
        } else {
            matched[at] = 1;
            compat_row(s, t, i, old_row, (size_t)at, json_array_get(rows, (size_t)at),
                       via_alias);
        }
        compat_old_aliases(s, t, old_row, at, names, aliases, rows);
    }
    for (j = 0; j < count; j++) {
        char quote[GEN_QUOTE_LENGTH + 4];

        if (!matched[j])
            compat_finding(s, t, j, 0, "%s \"%s\" is new since %s", compat_tables[t].what,
                           gen_quote(json_string_value(json_object_get(json_array_get(rows, j),
                                                                       "name")),
                                     quote),
                           s->old_name);
    }
    rc = 0;
done:
    json_decref(names);
    json_decref(aliases);
    free(matched);
    return rc;
}

long compat_check(const char *old_path, json_t *doc, const model *m,
                  compat_report_fn report, void *ctx, gen_error *err)
{
    compat_state s;
    json_error_t jerr;
    json_t *old = json_load_file(old_path, JSON_REJECT_DUPLICATES, &jerr);
    size_t t;
    long rc = -1;

    if (!old) {
        if (jerr.line > 0)
            gen_error_set(err, old_path, jerr.line, jerr.column, "%s", jerr.text);
        else
            gen_error_set(err, old_path, 0, 0, "cannot read the earlier release: %s",
                          jerr.text);
        return -1;
    }
    s.old_path = old_path;
    s.old_name = compat_base_name(old_path);
    s.m = m;
    s.report = report;
    s.ctx = ctx;
    s.breaking = 0;
    if (!json_is_string(json_object_get(old, "generator"))
        || strcmp(json_string_value(json_object_get(old, "generator")), "smtpgen") != 0) {
        gen_error_set(err, old_path, 0, 0,
                      "not an smtp-codes.json of smtpgen (it has no \"generator\": "
                      "\"smtpgen\")");
        goto done;
    }
    /* Check every table's shape before any finding is reported. */
    for (t = 0; t < sizeof compat_tables / sizeof compat_tables[0]; t++) {
        json_t *old_rows = json_object_get(old, compat_tables[t].key);

        /* A release from before the enhanced codes has none of their
         * tables, and nothing of theirs can break. */
        if ((old_rows || compat_tables[t].required) && compat_check_shape(&s, &compat_tables[t], old_rows, err) != 0)
            goto done;
    }
    for (t = 0; t < sizeof compat_tables / sizeof compat_tables[0]; t++) {
        json_t *old_rows = json_object_get(old, compat_tables[t].key);

        if (old_rows && compat_table_check(&s, t, old_rows,
                                           json_object_get(doc, compat_tables[t].key), err)
                            != 0)
            goto done;
    }
    rc = s.breaking;
done:
    json_decref(old);
    return rc;
}
