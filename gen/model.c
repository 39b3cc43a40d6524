#include "model.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static const char *const model_reply_header[] = {"name", "code", "description"};
static const char *const model_reason_header[] = {"name", "symbol", "code",
                                                  "description"};

const char *model_class_name(int code)
{
    switch (code / 100) {
    case 2: return "Positive Completion";
    case 3: return "Positive Intermediate";
    case 4: return "Transient Negative Completion";
    case 5: return "Permanent Negative Completion";
    default: return NULL;
    }
}

const char *model_category_name(int code)
{
    switch (code / 10 % 10) {
    case 0: return "Syntax";
    case 1: return "Information";
    case 2: return "Connections";
    case 3:
    case 4: return "Unspecified";
    case 5: return "Mail system";
    default: return NULL;
    }
}

/* Values quoted in messages are cut to this many bytes, at a character
 * boundary and marked "...", so that a huge field cannot push the reason
 * out of the message's fixed-size text (GEN_ERROR_TEXT_LENGTH). */
#define MODEL_QUOTE_LENGTH 64

/* Copies text into quote, cut as above; returns quote. */
static const char *model_quote(const char *text, char quote[MODEL_QUOTE_LENGTH + 4])
{
    size_t len = strlen(text);

    if (len <= MODEL_QUOTE_LENGTH) {
        memcpy(quote, text, len + 1);
        return quote;
    }
    len = MODEL_QUOTE_LENGTH;
    while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
        len--;
    memcpy(quote, text, len);
    memcpy(quote + len, "...", 4);
    return quote;
}

static int model_check_header(const csvread_table *t, const char *const *names,
                              size_t count, gen_error *err)
{
    const csvread_record *rec;
    size_t i;
    char expected[64] = "";

    for (i = 0; i < count; i++) {
        strcat(expected, i ? "," : "");
        strcat(expected, names[i]);
    }
    if (t->nrecords == 0) {
        gen_error_set(err, t->source, 1, 1, "empty file; expected the header \"%s\"",
                      expected);
        return -1;
    }
    rec = &t->records[0];
    for (i = 0; i < count && i < rec->nfields; i++) {
        if (strcmp(rec->fields[i].text, names[i]) != 0) {
            gen_error_set(err, t->source, rec->line, rec->fields[i].column,
                          "expected the header \"%s\"; column %zu should be \"%s\"",
                          expected, i + 1, names[i]);
            return -1;
        }
    }
    if (rec->nfields != count) {
        gen_error_set(err, t->source, rec->line,
                      rec->nfields > count ? rec->fields[count].column : 1,
                      "expected the header \"%s\" (%zu columns), found %zu columns",
                      expected, count, rec->nfields);
        return -1;
    }
    if (t->nrecords == 1) {
        gen_error_set(err, t->source, rec->line + 1, 1,
                      "no rows after the header");
        return -1;
    }
    return 0;
}

static int model_check_field_count(const csvread_table *t, const csvread_record *rec,
                                   size_t count, gen_error *err)
{
    if (rec->nfields == count)
        return 0;
    gen_error_set(err, t->source, rec->line,
                  rec->nfields > count ? rec->fields[count].column : 1,
                  "%s fields: expected %zu, found %zu",
                  rec->nfields > count ? "too many" : "too few", count, rec->nfields);
    return -1;
}

static int model_check_name(const csvread_table *t, long line,
                            const csvread_field *f, gen_error *err)
{
    size_t i;
    char c, quote[MODEL_QUOTE_LENGTH + 4];

    if (f->len == 0) {
        gen_error_set(err, t->source, line, f->column, "empty name");
        return -1;
    }
    for (i = 0; i < f->len; i++) {
        c = f->text[i];
        if (!((c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '_')))) {
            gen_error_set(err, t->source, line, f->column,
                          "name \"%s\" is not an identifier of the form "
                          "[A-Z][A-Z0-9_]*", model_quote(f->text, quote));
            return -1;
        }
    }
    return 0;
}

static int model_parse_code(const csvread_table *t, long line,
                            const csvread_field *f, int *code, gen_error *err)
{
    const char *s = f->text;
    char quote[MODEL_QUOTE_LENGTH + 4];

    if (f->len != 3 || s[0] < '2' || s[0] > '5' || s[1] < '0' || s[1] > '9'
        || s[2] < '0' || s[2] > '9') {
        gen_error_set(err, t->source, line, f->column,
                      "code \"%s\" is not a three-digit reply code from 200 to 599",
                      model_quote(s, quote));
        return -1;
    }
    if (s[1] > '5') {
        gen_error_set(err, t->source, line, f->column,
                      "code %s has second digit %c; RFC 5321 defines 0 to 5 only",
                      s, s[1]);
        return -1;
    }
    *code = (s[0] - '0') * 100 + (s[1] - '0') * 10 + (s[2] - '0');
    return 0;
}

static int model_check_symbol(const csvread_table *t, long line,
                              const csvread_field *f, gen_error *err)
{
    size_t i;
    char quote[MODEL_QUOTE_LENGTH + 4];

    if (f->len == 0) {
        gen_error_set(err, t->source, line, f->column, "empty symbol");
        return -1;
    }
    for (i = 0; i < f->len; i++) {
        unsigned char c = (unsigned char)f->text[i];
        if (c <= ' ' || c > '~') {
            gen_error_set(err, t->source, line, f->column,
                          "symbol \"%s\" must be printable ASCII without blanks",
                          model_quote(f->text, quote));
            return -1;
        }
    }
    return 0;
}

static int model_check_description(const csvread_table *t, long line,
                                   const csvread_field *f, gen_error *err)
{
    if (f->len == 0) {
        gen_error_set(err, t->source, line, f->column, "empty description");
        return -1;
    }
    return 0;
}

/* Registers name in seen (a Jansson object used as a hash set, so that the
 * check stays linear) and fails naming the first line when it is taken. */
static int model_claim_name(json_t *seen, const csvread_table *t, long line,
                            const csvread_field *f, gen_error *err)
{
    json_t *first = json_object_get(seen, f->text);
    char quote[MODEL_QUOTE_LENGTH + 4];

    if (first) {
        gen_error_set(err, t->source, line, f->column,
                      "duplicate name \"%s\" (first on line %" JSON_INTEGER_FORMAT ")",
                      model_quote(f->text, quote), json_integer_value(first));
        return -1;
    }
    if (json_object_set_new(seen, f->text, json_integer(line)) != 0) {
        gen_error_set(err, t->source, 0, 0, "out of memory");
        return -1;
    }
    return 0;
}

/* Checks one row of either table, column by column in file order: name,
 * the symbol (reasons, which have four columns), code, description, then
 * that the name is new. Stores the code; 0, or -1 with err filled. */
static int model_check_row(json_t *seen, const csvread_table *t, const csvread_record *rec,
                           size_t columns, int *code, gen_error *err)
{
    size_t code_column = columns - 2;

    return model_check_field_count(t, rec, columns, err) == 0
                   && model_check_name(t, rec->line, &rec->fields[0], err) == 0
                   && (columns == 3
                       || model_check_symbol(t, rec->line, &rec->fields[1], err) == 0)
                   && model_parse_code(t, rec->line, &rec->fields[code_column], code, err) == 0
                   && model_check_description(t, rec->line, &rec->fields[columns - 1], err)
                          == 0
                   && model_claim_name(seen, t, rec->line, &rec->fields[0], err) == 0
               ? 0
               : -1;
}

static void model_warn(model_warn_fn warn, void *ctx, const char *source, long line,
                       long column, const char *fmt, const char *a, int code)
{
    gen_error warning;
    char quote[MODEL_QUOTE_LENGTH + 4];

    if (!warn)
        return;
    gen_error_init(&warning);
    gen_error_set(&warning, source, line, column, fmt, model_quote(a, quote), code);
    warn(ctx, &warning);
}

/* C99 promises string literals of 4095 characters only, and gcc and clang
 * under -pedantic warn about longer ones wherever the header spells them
 * out. Such a description is still carried exactly; the warning says what
 * the header's users then need. */
#define MODEL_LITERAL_LIMIT 4095

static void model_warn_long(model_warn_fn warn, void *ctx, const csvread_table *t,
                            long line, const csvread_field *name,
                            const csvread_field *description)
{
    if (description->len > MODEL_LITERAL_LIMIT)
        model_warn(warn, ctx, t->source, line, description->column,
                   "the description of \"%s\" is %d bytes, longer than the 4095 C99 "
                   "promises for a string literal: compile smtp_codes.h with "
                   "-Wno-overlength-strings", name->text,
                   description->len > 2147483647u ? 2147483647 : (int)description->len);
}

static int model_build_replies(model *m, long reply_at_code[1000], model_warn_fn warn,
                               void *warn_ctx, gen_error *err)
{
    const csvread_table *t = m->replies_csv;
    json_t *seen = json_object();
    size_t i;
    int ok = seen != NULL;

    if (!ok)
        gen_error_set(err, t->source, 0, 0, "out of memory");
    for (i = 1; ok && i < t->nrecords; i++) {
        const csvread_record *rec = &t->records[i];
        model_reply *r = &m->replies[m->nreplies];

        ok = model_check_row(seen, t, rec, 3, &r->code, err) == 0;
        if (ok && reply_at_code[r->code] >= 0) {
            gen_error_set(err, t->source, rec->line, rec->fields[1].column,
                          "duplicate code %d (first on line %ld)", r->code,
                          m->replies[reply_at_code[r->code]].line);
            ok = 0;
        }
        if (!ok)
            break;
        r->name = rec->fields[0].text;
        r->description = rec->fields[2].text;
        r->line = rec->line;
        model_warn_long(warn, warn_ctx, t, rec->line, &rec->fields[0], &rec->fields[2]);
        reply_at_code[r->code] = (long)m->nreplies++;
    }
    json_decref(seen);
    return ok ? 0 : -1;
}

static int model_build_reasons(model *m, const long reply_at_code[1000],
                               model_warn_fn warn, void *warn_ctx, gen_error *err)
{
    const csvread_table *t = m->reasons_csv;
    json_t *seen = json_object();
    size_t i;
    int ok = seen != NULL;

    if (!ok)
        gen_error_set(err, t->source, 0, 0, "out of memory");
    for (i = 1; ok && i < t->nrecords; i++) {
        const csvread_record *rec = &t->records[i];
        model_reason *r = &m->reasons[m->nreasons];

        ok = model_check_row(seen, t, rec, 4, &r->code, err) == 0;
        if (!ok)
            break;
        r->name = rec->fields[0].text;
        r->symbol = rec->fields[1].text;
        r->description = rec->fields[3].text;
        r->line = rec->line;
        r->reply = reply_at_code[r->code];
        model_warn_long(warn, warn_ctx, t, rec->line, &rec->fields[0], &rec->fields[3]);
        /* The gateway's symbols start with the class they belong to
         * ("4XX_"); a different first digit is kept but probably a slip. */
        if (rec->fields[1].len > 4 && r->symbol[0] >= '2' && r->symbol[0] <= '5'
            && strncmp(r->symbol + 1, "XX_", 3) == 0 && r->symbol[0] - '0' != r->code / 100)
            model_warn(warn, warn_ctx, t->source, rec->line, rec->fields[1].column,
                       "symbol \"%s\" names another class than its code %d",
                       r->symbol, r->code);
        if (r->reply < 0)
            model_warn(warn, warn_ctx, t->source, rec->line, rec->fields[2].column,
                       "reason \"%s\" has code %d, which has no reply row",
                       r->name, r->code);
        m->nreasons++;
    }
    json_decref(seen);
    return ok ? 0 : -1;
}

model *model_build(csvread_table *replies, csvread_table *reasons,
                   model_warn_fn warn, void *warn_ctx, gen_error *err)
{
    model *m = calloc(1, sizeof *m);
    long reply_at_code[1000];
    size_t i;

    if (!m) {
        csvread_free(replies);
        csvread_free(reasons);
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return NULL;
    }
    m->replies_csv = replies;
    m->reasons_csv = reasons;
    for (i = 0; i < 1000; i++)
        reply_at_code[i] = -1;
    if (model_check_header(replies, model_reply_header, 3, err) != 0
        || model_check_header(reasons, model_reason_header, 4, err) != 0)
        goto fail;
    m->replies = calloc(replies->nrecords, sizeof *m->replies);
    m->reasons = calloc(reasons->nrecords, sizeof *m->reasons);
    if (!m->replies || !m->reasons) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        goto fail;
    }
    if (model_build_replies(m, reply_at_code, warn, warn_ctx, err) != 0
        || model_build_reasons(m, reply_at_code, warn, warn_ctx, err) != 0)
        goto fail;
    return m;
fail:
    model_free(m);
    return NULL;
}

void model_free(model *m)
{
    if (!m)
        return;
    csvread_free(m->replies_csv);
    csvread_free(m->reasons_csv);
    free(m->replies);
    free(m->reasons);
    free(m);
}
