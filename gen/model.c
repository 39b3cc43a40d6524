#include "model.h"

#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "names.h"

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

/* The file name without its folders, to name another table in a message
 * about this one. */
static const char *model_base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

/* Values quoted in messages are cut (error.h's gen_quote()). */
#define MODEL_QUOTE_LENGTH GEN_QUOTE_LENGTH
#define model_quote gen_quote

/* Where a table's optional columns are: each an index into the fields,
 * or -1 when the header does not have it. */
typedef struct model_layout {
    size_t columns;
    long since, deprecated, replaced_by, aliases, quirks;
} model_layout;

static const char *const model_optional_header[] = {"since", "deprecated", "replaced_by",
                                                    "aliases", "quirks"};

/* enum model_quirk's names, as a quirks column spells them and as each
 * warning ends: "[no-reply-row]". */
static const char *const model_quirk_names[MODEL_QUIRK_COUNT] = {
    "no-reply-row", "symbol-class", "long-reply-line"};

/* The slot of layout for the optional column called name, or NULL. */
static long *model_optional_slot(model_layout *layout, const char *name)
{
    long *slots[5];
    size_t i;

    slots[0] = &layout->since;
    slots[1] = &layout->deprecated;
    slots[2] = &layout->replaced_by;
    slots[3] = &layout->aliases;
    slots[4] = &layout->quirks;
    for (i = 0; i < 5; i++)
        if (strcmp(name, model_optional_header[i]) == 0)
            return slots[i];
    return NULL;
}

/* The header must start with names[0..count) in that order; when optional
 * is set, any of the optional columns not among them may follow, once
 * each, in any order. Fills layout; 0, or -1 with err. */
static int model_check_header(const csvread_table *t, const char *const *names,
                              size_t count, int optional, model_layout *layout,
                              gen_error *err)
{
    const csvread_record *rec;
    size_t i;
    long *slot;
    char expected[256] = "", quote[MODEL_QUOTE_LENGTH + 4];

    layout->since = layout->deprecated = layout->replaced_by = layout->aliases = -1;
    layout->quirks = -1;
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
        if ((slot = model_optional_slot(layout, names[i])))
            *slot = (long)i;
    }
    if (!optional && rec->nfields > count && model_optional_slot(layout, rec->fields[count].text)) {
        gen_error_set(err, t->source, rec->line, rec->fields[count].column,
                      "this table takes no optional column such as \"%s\": its rows are "
                      "RFC 3463's classes and subjects, whose numbers are their values",
                      rec->fields[count].text);
        return -1;
    }
    if (rec->nfields < count || (!optional && rec->nfields > count)) {
        gen_error_set(err, t->source, rec->line,
                      rec->nfields > count ? rec->fields[count].column : 1,
                      "expected the header \"%s\" (%zu columns), found %zu columns",
                      expected, count, rec->nfields);
        return -1;
    }
    for (i = count; i < rec->nfields; i++) {
        const csvread_field *f = &rec->fields[i];

        slot = model_optional_slot(layout, f->text);
        if (!slot) {
            gen_error_set(err, t->source, rec->line, f->column,
                          "column %zu \"%s\" is not a column of this table: after \"%s\" "
                          "come only the optional since, deprecated, replaced_by, "
                          "aliases and quirks", i + 1, model_quote(f->text, quote),
                          expected);
            return -1;
        }
        if (*slot >= 0) {
            gen_error_set(err, t->source, rec->line, f->column,
                          "column \"%s\" appears twice (first as column %ld)", f->text,
                          *slot + 1);
            return -1;
        }
        *slot = (long)i;
    }
    layout->columns = rec->nfields;
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

/* A name of a row, or (what) an alias or the name in replaced_by. */
/* C99 promises string literals of 4095 characters only, and gcc and clang
 * under -pedantic refuse longer ones wherever the header spells them out,
 * so a longer text is an error: valid tables must give a header that
 * compiles. No reply could carry it anyway. */
#define MODEL_LITERAL_LIMIT 4095

/* The rows keep their strings' lengths as unsigned short (model.h). */
typedef char model_limit_fits_unsigned_short[MODEL_LITERAL_LIMIT <= USHRT_MAX ? 1 : -1];

static int model_check_identifier(const csvread_table *t, long line, const csvread_field *f,
                                  const char *what, gen_error *err)
{
    size_t i;
    char c, quote[MODEL_QUOTE_LENGTH + 4];

    if (f->len == 0) {
        gen_error_set(err, t->source, line, f->column, "empty %s", what);
        return -1;
    }
    /* The header's SMTP_REPLY_COUNT, SMTP_REASON_COUNT and
     * SMTP_ENHANCED_COUNT would clash with a row named COUNT. */
    if (strcmp(f->text, "COUNT") == 0) {
        gen_error_set(err, t->source, line, f->column,
                      "%s \"COUNT\" is reserved: the header counts each table's rows "
                      "with a constant of that name", what);
        return -1;
    }
    for (i = 0; i < f->len; i++) {
        c = f->text[i];
        if (!((c >= 'A' && c <= 'Z') || (i > 0 && ((c >= '0' && c <= '9') || c == '_')))) {
            gen_error_set(err, t->source, line, f->column,
                          "%s \"%s\" is not an identifier of the form "
                          "[A-Z][A-Z0-9_]*", what, model_quote(f->text, quote));
            return -1;
        }
    }
    /* The header spells each name as a string literal too (the by-name
     * lookups). */
    if (f->len > MODEL_LITERAL_LIMIT) {
        gen_error_set(err, t->source, line, f->column,
                      "%s \"%s\" is %lu bytes, over the %d that C99 promises for a string "
                      "literal in the header", what, model_quote(f->text, quote),
                      (unsigned long)f->len, MODEL_LITERAL_LIMIT);
        return -1;
    }
    return 0;
}

static int model_check_name(const csvread_table *t, long line, const csvread_field *f,
                            gen_error *err)
{
    return model_check_identifier(t, line, f, "name", err);
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

/* Fails, naming what the field holds ("description"), when it is empty. */
static int model_check_text(const csvread_table *t, long line, const csvread_field *f,
                            const char *what, gen_error *err)
{
    if (f->len == 0) {
        gen_error_set(err, t->source, line, f->column, "empty %s", what);
        return -1;
    }
    return 0;
}

/* Registers name in seen (names.h, so that the check stays linear) and
 * fails naming the first line when it is taken. */
static int model_claim_name(names *seen, const csvread_table *t, long line,
                            const csvread_field *f, gen_error *err)
{
    long first = names_line(seen, f->text);
    char quote[MODEL_QUOTE_LENGTH + 4];

    if (first) {
        gen_error_set(err, t->source, line, f->column,
                      "duplicate name \"%s\" (first on line %ld)",
                      model_quote(f->text, quote), first);
        return -1;
    }
    if (names_add(seen, f->text, line) != 0) {
        gen_error_set(err, t->source, 0, 0, "out of memory");
        return -1;
    }
    return 0;
}

/* A dotted version such as 1.2 or 0.2.0: numbers without leading zeros,
 * separated by single dots. */
static int model_is_version(const char *s)
{
    int digits = 0;

    for (;; s++) {
        if (*s >= '0' && *s <= '9') {
            if (digits == 1 && s[-1] == '0')
                return 0;
            digits++;
        } else if ((*s == '.' || *s == '\0') && digits > 0 && digits <= 9) {
            if (*s == '\0')
                return 1;
            digits = 0;
        } else {
            return 0;
        }
    }
}

/* Compares two versions model_is_version() accepts, number by number
 * (1.10 is after 1.9, and 1.2 equals 1.2.0): <0, 0 or >0. */
static int model_version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        char *end_a, *end_b;
        unsigned long x = strtoul(*a ? a : "0", &end_a, 10);
        unsigned long y = strtoul(*b ? b : "0", &end_b, 10);

        if (x != y)
            return x < y ? -1 : 1;
        a = *a ? end_a + (*end_a == '.') : a;
        b = *b ? end_b + (*end_b == '.') : b;
    }
    return 0;
}

/* The field at index, or NULL when the column is absent. */
static const csvread_field *model_optional_field(const csvread_record *rec, long index)
{
    return index >= 0 ? &rec->fields[index] : NULL;
}

static const char *model_optional_text(const csvread_record *rec, long index)
{
    return index >= 0 ? rec->fields[index].text : "";
}

/* Splits the aliases field f into ev's NULL-terminated list (one block:
 * the pointers, then a copy of the text with a NUL for each blank). The
 * names must be separated by single spaces and be identifiers. 0, or -1
 * with err filled. */
static int model_split_aliases(const csvread_table *t, long line, const csvread_field *f,
                               model_evolution *ev, gen_error *err)
{
    char quote[MODEL_QUOTE_LENGTH + 4], *text;
    csvread_field alias;
    size_t i, n = 1;

    ev->aliases_column = f->column;
    if (f->len == 0)
        return 0;
    for (i = 0; i < f->len; i++)
        n += f->text[i] == ' ';
    if (f->text[0] == ' ' || f->text[f->len - 1] == ' ' || strstr(f->text, "  ")) {
        gen_error_set(err, t->source, line, f->column,
                      "aliases \"%s\" must be separated by single spaces",
                      model_quote(f->text, quote));
        return -1;
    }
    ev->aliases = malloc((n + 1) * sizeof *ev->aliases + f->len + 1);
    if (!ev->aliases) {
        gen_error_set(err, t->source, 0, 0, "out of memory");
        return -1;
    }
    text = (char *)(ev->aliases + n + 1);
    memcpy(text, f->text, f->len + 1);
    for (ev->naliases = 0; ev->naliases < n; ev->naliases++) {
        ev->aliases[ev->naliases] = text;
        text += strcspn(text, " ");
        *text++ = '\0';
    }
    ev->aliases[n] = NULL;
    for (i = 0; i < n; i++) {
        alias.text = ev->aliases[i];
        alias.len = strlen(alias.text);
        alias.column = f->column;
        if (model_check_identifier(t, line, &alias, "alias", err) != 0)
            return -1;
    }
    return 0;
}

/* The quirks column of one row: known quirk names, each once, separated by
 * single spaces. Fills ev->quirks; 0, or -1 with err. */
static int model_parse_quirks(const csvread_table *t, const csvread_record *rec,
                              const model_layout *layout, model_evolution *ev,
                              gen_error *err)
{
    const csvread_field *f = model_optional_field(rec, layout->quirks);
    const char *p = f ? f->text : "", *end;
    char quote[MODEL_QUOTE_LENGTH + 4], word[64];
    int k;

    ev->quirks = ev->quirks_drawn = 0;
    ev->quirks_column = f ? f->column : 0;
    while (*p) {
        end = strchr(p, ' ');
        if (!end)
            end = p + strlen(p);
        for (k = 0; k < MODEL_QUIRK_COUNT; k++)
            if (strlen(model_quirk_names[k]) == (size_t)(end - p)
                && strncmp(model_quirk_names[k], p, (size_t)(end - p)) == 0)
                break;
        snprintf(word, sizeof word, "%.*s", (int)(end - p < 60 ? end - p : 60), p);
        if (k == MODEL_QUIRK_COUNT || (ev->quirks & 1u << k)) {
            gen_error_set(err, t->source, rec->line, f->column,
                          k == MODEL_QUIRK_COUNT
                              ? "quirks: \"%s\" is not a warning a row can acknowledge "
                                "(no-reply-row, symbol-class, long-reply-line; one space "
                                "between two)"
                              : "quirks: \"%s\" is listed twice",
                          model_quote(word, quote));
            return -1;
        }
        ev->quirks |= 1u << k;
        p = *end ? end + 1 : end;
    }
    if (f && f->len && (f->text[0] == ' ' || f->text[f->len - 1] == ' ')) {
        gen_error_set(err, t->source, rec->line, f->column,
                      "quirks: a blank at the start or the end");
        return -1;
    }
    return 0;
}

/* The optional columns of one row: versions that are dotted numbers, a
 * row deprecated no earlier than it came, replaced_by only on a deprecated
 * row and as a name, aliases as names. Fills ev (replaced stays -1 until
 * model_link_evolution()); 0, or -1 with err. */
static int model_check_evolution(const csvread_table *t, const csvread_record *rec,
                                 const model_layout *layout, model_evolution *ev,
                                 gen_error *err)
{
    const csvread_field *since = model_optional_field(rec, layout->since);
    const csvread_field *deprecated = model_optional_field(rec, layout->deprecated);
    const csvread_field *replaced_by = model_optional_field(rec, layout->replaced_by);
    const csvread_field *aliases = model_optional_field(rec, layout->aliases);
    char quote[MODEL_QUOTE_LENGTH + 4];

    ev->since = model_optional_text(rec, layout->since);
    ev->deprecated = model_optional_text(rec, layout->deprecated);
    ev->replaced_by = model_optional_text(rec, layout->replaced_by);
    ev->replaced = -1;
    if (model_parse_quirks(t, rec, layout, ev, err) != 0)
        return -1;
    if (*ev->since && !model_is_version(ev->since)) {
        gen_error_set(err, t->source, rec->line, since->column,
                      "since \"%s\" is not a version of dotted numbers (such as 1.2)",
                      model_quote(ev->since, quote));
        return -1;
    }
    if (*ev->deprecated && !model_is_version(ev->deprecated)) {
        gen_error_set(err, t->source, rec->line, deprecated->column,
                      "deprecated \"%s\" is not a version of dotted numbers (such as 1.2)",
                      model_quote(ev->deprecated, quote));
        return -1;
    }
    if (*ev->since && *ev->deprecated && model_version_cmp(ev->deprecated, ev->since) < 0) {
        gen_error_set(err, t->source, rec->line, deprecated->column,
                      "deprecated %s is earlier than since %s: a row cannot retire "
                      "before it was added", ev->deprecated, ev->since);
        return -1;
    }
    if (*ev->replaced_by && !*ev->deprecated) {
        gen_error_set(err, t->source, rec->line, replaced_by->column,
                      "replaced_by names a replacement, but the row is not deprecated "
                      "(give the version in deprecated)");
        return -1;
    }
    if (*ev->replaced_by
        && model_check_identifier(t, rec->line, replaced_by, "replaced_by", err) != 0)
        return -1;
    return aliases ? model_split_aliases(t, rec->line, aliases, ev, err) : 0;
}

/* One row of any table, for the checks across rows below. */
typedef struct model_row_ref {
    const char *name;
    long line;
    model_evolution *evolution;
} model_row_ref;

/* Claims alias, of the row on line, in aliases: it may be no row's name
 * (names) and no other alias. 0, or -1 with err. */
static int model_claim_alias(const csvread_table *t, const names *rows, names *aliases,
                             long line, long column, const char *alias, gen_error *err)
{
    long name = names_line(rows, alias);
    long other = names_line(aliases, alias);
    char quote[MODEL_QUOTE_LENGTH + 4];

    if (name == line) {
        gen_error_set(err, t->source, line, column, "alias \"%s\" is the row's own name",
                      model_quote(alias, quote));
        return -1;
    }
    if (name) {
        gen_error_set(err, t->source, line, column,
                      "alias \"%s\" is the name of the row on line %ld",
                      model_quote(alias, quote), name);
        return -1;
    }
    if (other) {
        gen_error_set(err, t->source, line, column,
                      other == line ? "alias \"%s\" is listed twice"
                                    : "alias \"%s\" is also an alias of the row on line %ld",
                      model_quote(alias, quote), other);
        return -1;
    }
    if (names_add(aliases, alias, line) != 0) {
        gen_error_set(err, t->source, 0, 0, "out of memory");
        return -1;
    }
    return 0;
}

/* The checks across the rows of a table, once every row is in: each alias
 * is new (model_claim_alias), and each replaced_by names, by its name,
 * another row that is not deprecated itself; sets each row's replaced.
 * names maps every name to its line (model_claim_name). rows[i] is the
 * table's record i + 1. 0, or -1 with err. */
static int model_link_evolution(const csvread_table *t, const model_layout *layout,
                                const names *rows_by_name, model_row_ref *rows,
                                size_t count, gen_error *err)
{
    names *aliases = names_new(0);
    char quote[MODEL_QUOTE_LENGTH + 4];
    size_t i, j, lo;
    int rc = 0;

    if (!aliases) {
        gen_error_set(err, t->source, 0, 0, "out of memory");
        return -1;
    }
    for (i = 0; rc == 0 && i < count; i++)
        for (j = 0; rc == 0 && j < rows[i].evolution->naliases; j++)
            rc = model_claim_alias(t, rows_by_name, aliases, rows[i].line,
                                   rows[i].evolution->aliases_column,
                                   rows[i].evolution->aliases[j], err);
    for (i = 0; rc == 0 && i < count; i++) {
        model_evolution *ev = rows[i].evolution;
        const csvread_field *f;
        long line, alias;

        if (!*ev->replaced_by)
            continue;
        f = &t->records[i + 1].fields[layout->replaced_by];
        line = names_line(rows_by_name, ev->replaced_by);
        if (!line) {
            alias = names_line(aliases, ev->replaced_by);
            if (alias)
                gen_error_set(err, t->source, rows[i].line, f->column,
                              "replaced_by \"%s\" is an earlier name of the row on line "
                              "%ld; name that row by its name",
                              model_quote(ev->replaced_by, quote), alias);
            else
                gen_error_set(err, t->source, rows[i].line, f->column,
                              "replaced_by \"%s\" is not a name in this table",
                              model_quote(ev->replaced_by, quote));
            rc = -1;
            break;
        }
        /* The rows are in file order, so their lines increase: a binary
         * search finds the row, where a scan would make this quadratic. */
        for (lo = 0, j = count; lo < j;) {
            size_t mid = lo + (j - lo) / 2;

            if (rows[mid].line < line)
                lo = mid + 1;
            else
                j = mid;
        }
        if (j == i) {
            gen_error_set(err, t->source, rows[i].line, f->column,
                          "row \"%s\" cannot replace itself", model_quote(rows[i].name, quote));
            rc = -1;
        } else if (*rows[j].evolution->deprecated) {
            gen_error_set(err, t->source, rows[i].line, f->column,
                          "replaced_by \"%s\" is deprecated itself (line %ld); name the "
                          "row that replaces both",
                          model_quote(ev->replaced_by, quote), rows[j].line);
            rc = -1;
        } else {
            ev->replaced = (long)j;
        }
    }
    names_free(aliases);
    return rc;
}

/* Checks one row of either table, column by column in file order: name,
 * the symbol (reasons, whose required columns are four), code,
 * description, then the optional columns and that the name is new. Stores
 * the code and the optional columns; 0, or -1 with err filled. */
static int model_check_row(names *seen, const csvread_table *t, const csvread_record *rec,
                           size_t required, const model_layout *layout, int *code,
                           model_evolution *evolution, gen_error *err)
{
    size_t code_column = required - 2;

    return model_check_field_count(t, rec, layout->columns, err) == 0
                   && model_check_name(t, rec->line, &rec->fields[0], err) == 0
                   && (required == 3
                       || model_check_symbol(t, rec->line, &rec->fields[1], err) == 0)
                   && model_parse_code(t, rec->line, &rec->fields[code_column], code, err) == 0
                   && model_check_text(t, rec->line, &rec->fields[required - 1],
                                       "description", err)
                          == 0
                   && model_check_evolution(t, rec, layout, evolution, err) == 0
                   && model_claim_name(seen, t, rec->line, &rec->fields[0], err) == 0
               ? 0
               : -1;
}

/* model_link_evolution() over count rows of any table's struct, stride
 * bytes apart, whose name, line and evolution members are at the offsets
 * given (offsetof). */
static int model_link_rows(const csvread_table *t, const model_layout *layout,
                           const names *rows_by_name, void *rows, size_t count,
                           size_t stride,
                           size_t name_at, size_t line_at, size_t evolution_at,
                           gen_error *err)
{
    model_row_ref *refs = malloc((count + 1) * sizeof *refs);
    size_t i;
    int rc;

    if (!refs) {
        gen_error_set(err, t->source, 0, 0, "out of memory");
        return -1;
    }
    for (i = 0; i < count; i++) {
        char *row = (char *)rows + i * stride;

        memcpy(&refs[i].name, row + name_at, sizeof refs[i].name);
        memcpy(&refs[i].line, row + line_at, sizeof refs[i].line);
        refs[i].evolution = (model_evolution *)(void *)(row + evolution_at);
    }
    rc = model_link_evolution(t, layout, rows_by_name, refs, count, err);
    free(refs);
    return rc;
}

/* A compile-time check (a negative array size fails to compile) that the
 * members copied by offset have the types model_row_ref expects. */
#define MODEL_ROW_MEMBER_CHECK(type, member, expected)                                   \
    ((void)sizeof(char[sizeof(((type *)0)->member) == sizeof(expected) ? 1 : -1]))

#define MODEL_LINK_ROWS(t, layout, names, rows, count, type, err)                        \
    (MODEL_ROW_MEMBER_CHECK(type, name, const char *), MODEL_ROW_MEMBER_CHECK(type, line, long), \
     MODEL_ROW_MEMBER_CHECK(type, evolution, model_evolution),                            \
     model_link_rows(t, layout, names, rows, count, sizeof(type), offsetof(type, name),  \
                     offsetof(type, line), offsetof(type, evolution), err))

/* Hands warning to warn, with the quirk's name at its end ("[symbol-class]")
 * so that a reader knows what a row's quirks column would say; unless the
 * row acknowledges that quirk (ev->quirks), which then counts as drawn. */
static void model_emit(model_warn_fn warn, void *ctx, model_evolution *ev,
                       enum model_quirk quirk, gen_error *warning)
{
    size_t len = strlen(warning->text);

    if (ev->quirks & 1u << quirk) {
        ev->quirks_drawn |= 1u << quirk;
        return;
    }
    snprintf(warning->text + len, sizeof warning->text - len, " [%s]",
             model_quirk_names[quirk]);
    warn(ctx, warning);
}

static void model_warn(model_warn_fn warn, void *ctx, model_evolution *ev,
                       enum model_quirk quirk, const char *source, long line, long column,
                       const char *fmt, const char *a, int code)
{
    gen_error warning;
    char quote[MODEL_QUOTE_LENGTH + 4];

    if (!warn)
        return;
    gen_error_init(&warning);
    gen_error_set(&warning, source, line, column, fmt, model_quote(a, quote), code);
    model_emit(warn, ctx, ev, quirk, &warning);
}

/* After a row's checks: a quirk the row acknowledges but did not draw is a
 * warning of its own, so that an acknowledgement cannot outlive its fault
 * (and hide the next row's, were the table to change). */
static void model_check_quirks_drawn(model_warn_fn warn, void *ctx, const csvread_table *t,
                                     long line, const char *name,
                                     const model_evolution *ev)
{
    gen_error warning;
    char quote[MODEL_QUOTE_LENGTH + 4];
    int k;

    for (k = 0; warn && k < MODEL_QUIRK_COUNT; k++) {
        if (!(ev->quirks & ~ev->quirks_drawn & 1u << k))
            continue;
        gen_error_init(&warning);
        gen_error_set(&warning, t->source, line, ev->quirks_column,
                      "\"%s\" acknowledges the quirk %s, which it does not have: remove "
                      "it from its quirks", model_quote(name, quote), model_quirk_names[k]);
        warn(ctx, &warning);
    }
}


/* RFC 5321 section 4.5.3.1.5: a reply line is at most 512 octets with its
 * code and CRLF. With the code, an enhanced code as long as they come
 * ("5.999.999") and a space after each, 512 - 4 - 10 - 2 octets are left
 * for the text. */
#define MODEL_REPLY_TEXT_LIMIT 496

/* Checks the length of a text field: over MODEL_LITERAL_LIMIT bytes is an
 * error (-1, err filled); when the text is sent in replies (reply_text),
 * over MODEL_REPLY_TEXT_LIMIT bytes draws a warning. 0 otherwise. */
static int model_check_length(model_warn_fn warn, void *ctx, model_evolution *ev,
                              const csvread_table *t, long line, const csvread_field *name,
                              const csvread_field *field, const char *what, int reply_text,
                              gen_error *err)
{
    gen_error warning;
    char quote[MODEL_QUOTE_LENGTH + 4];
    int len = field->len > 2147483647u ? 2147483647 : (int)field->len;

    if (field->len > MODEL_LITERAL_LIMIT) {
        gen_error_set(err, t->source, line, field->column,
                      "the %s of \"%s\" is %d bytes, over the %d that C99 promises for a "
                      "string literal in the header%s",
                      what, model_quote(name->text, quote), len, MODEL_LITERAL_LIMIT,
                      reply_text ? "; a reply line holds 512 octets (RFC 5321 4.5.3.1.5)"
                                 : "");
        return -1;
    }
    if (!warn || !reply_text || field->len <= MODEL_REPLY_TEXT_LIMIT)
        return 0;
    gen_error_init(&warning);
    gen_error_set(&warning, t->source, line, field->column,
                  "the %s of \"%s\" is %d bytes, too long for one reply line: RFC 5321 "
                  "(4.5.3.1.5) allows 512 octets, which with the code, an enhanced code "
                  "and CRLF leaves %d for the text",
                  what, model_quote(name->text, quote), len, MODEL_REPLY_TEXT_LIMIT);
    model_emit(warn, ctx, ev, MODEL_QUIRK_LONG_REPLY_LINE, &warning);
    return 0;
}

static int model_build_replies(model *m, const model_layout *layout,
                               long reply_at_code[1000], model_warn_fn warn,
                               void *warn_ctx, gen_error *err)
{
    const csvread_table *t = m->replies_csv;
    names *seen = names_new(t->nrecords);
    size_t i;
    int ok = seen != NULL;

    if (!ok)
        gen_error_set(err, t->source, 0, 0, "out of memory");
    for (i = 1; ok && i < t->nrecords; i++) {
        const csvread_record *rec = &t->records[i];
        model_reply *r = &m->replies[m->nreplies];

        ok = model_check_row(seen, t, rec, 3, layout, &r->code, &r->evolution, err) == 0;
        if (ok && reply_at_code[r->code] >= 0) {
            gen_error_set(err, t->source, rec->line, rec->fields[1].column,
                          "duplicate code %d (first on line %ld)", r->code,
                          m->replies[reply_at_code[r->code]].line);
            ok = 0;
        }
        if (!ok)
            break;
        r->name = rec->fields[0].text;
        r->name_len = (unsigned short)rec->fields[0].len;
        r->description = rec->fields[2].text;
        r->line = rec->line;
        if (model_check_length(warn, warn_ctx, &r->evolution, t, rec->line, &rec->fields[0],
                               &rec->fields[2], "description", 1, err) != 0) {
            ok = 0;
            break;
        }
        model_check_quirks_drawn(warn, warn_ctx, t, rec->line, r->name, &r->evolution);
        reply_at_code[r->code] = (long)m->nreplies++;
    }
    ok = ok && MODEL_LINK_ROWS(t, layout, seen, m->replies, m->nreplies, model_reply, err) == 0;
    names_free(seen);
    return ok ? 0 : -1;
}

static int model_build_reasons(model *m, const model_layout *layout,
                               const long reply_at_code[1000], model_warn_fn warn,
                               void *warn_ctx, gen_error *err)
{
    const csvread_table *t = m->reasons_csv;
    names *seen = names_new(t->nrecords);
    size_t i;
    int ok = seen != NULL;

    if (!ok)
        gen_error_set(err, t->source, 0, 0, "out of memory");
    for (i = 1; ok && i < t->nrecords; i++) {
        const csvread_record *rec = &t->records[i];
        model_reason *r = &m->reasons[m->nreasons];

        ok = model_check_row(seen, t, rec, 4, layout, &r->code, &r->evolution, err) == 0;
        if (!ok)
            break;
        r->name = rec->fields[0].text;
        r->symbol = rec->fields[1].text;
        r->description = rec->fields[3].text;
        r->name_len = (unsigned short)rec->fields[0].len;
        r->symbol_len = (unsigned short)rec->fields[1].len;
        r->description_len = (unsigned short)rec->fields[3].len;
        r->line = rec->line;
        r->reply = reply_at_code[r->code];
        if (model_check_length(warn, warn_ctx, &r->evolution, t, rec->line, &rec->fields[0],
                               &rec->fields[1], "symbol", 0, err) != 0
            || model_check_length(warn, warn_ctx, &r->evolution, t, rec->line,
                                  &rec->fields[0], &rec->fields[3], "description", 1,
                                  err) != 0) {
            ok = 0;
            break;
        }
        /* The gateway's symbols start with the class they belong to
         * ("4XX_"); a different first digit is kept but probably a slip. */
        if (rec->fields[1].len > 4 && r->symbol[0] >= '2' && r->symbol[0] <= '5'
            && strncmp(r->symbol + 1, "XX_", 3) == 0 && r->symbol[0] - '0' != r->code / 100)
            model_warn(warn, warn_ctx, &r->evolution, MODEL_QUIRK_SYMBOL_CLASS, t->source,
                       rec->line, rec->fields[1].column,
                       "symbol \"%s\" names another class than its code %d",
                       r->symbol, r->code);
        if (r->reply < 0)
            model_warn(warn, warn_ctx, &r->evolution, MODEL_QUIRK_NO_REPLY_ROW, t->source,
                       rec->line, rec->fields[2].column,
                       "reason \"%s\" has code %d, which has no reply row",
                       r->name, r->code);
        model_check_quirks_drawn(warn, warn_ctx, t, rec->line, r->name, &r->evolution);
        m->nreasons++;
    }
    ok = ok && MODEL_LINK_ROWS(t, layout, seen, m->reasons, m->nreasons, model_reason, err) == 0;
    names_free(seen);
    return ok ? 0 : -1;
}

model *model_build(csvread_table *replies, csvread_table *reasons,
                   model_warn_fn warn, void *warn_ctx, gen_error *err)
{
    model *m = calloc(1, sizeof *m);
    long reply_at_code[1000];
    model_layout reply_layout, reason_layout;
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
    if (model_check_header(replies, model_reply_header, 3, 1, &reply_layout, err) != 0
        || model_check_header(reasons, model_reason_header, 4, 1, &reason_layout, err) != 0)
        goto fail;
    m->replies = calloc(replies->nrecords, sizeof *m->replies);
    m->reasons = calloc(reasons->nrecords, sizeof *m->reasons);
    if (!m->replies || !m->reasons) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        goto fail;
    }
    if (model_build_replies(m, &reply_layout, reply_at_code, warn, warn_ctx, err) != 0
        || model_build_reasons(m, &reason_layout, reply_at_code, warn, warn_ctx, err) != 0)
        goto fail;
    /* The rows hold what the records did, pointing into the same text. */
    csvread_drop_records(replies);
    csvread_drop_records(reasons);
    return m;
fail:
    model_free(m);
    return NULL;
}

/* The enhanced status codes. */

static const char *const model_subcode_header[] = {"kind", "code", "name", "title"};
static const char *const model_enhanced_header[] = {
    "name", "subject", "detail", "text", "basic_codes", "reference", "deprecated",
    "replaced_by", "description"};

/* RFC 3463, section 2: subject and detail are 1 to 3 digits, with no
 * leading zero ("0" itself is fine). Stores the number; 0, or -1 with err
 * naming what (subject, detail, code). */
static int model_parse_subcode(const csvread_table *t, long line, const csvread_field *f,
                               const char *what, int *value, gen_error *err)
{
    const char *s = f->text;
    char quote[MODEL_QUOTE_LENGTH + 4];
    size_t i;

    for (i = 0; i < f->len && s[i] >= '0' && s[i] <= '9'; i++)
        ;
    if (f->len == 0 || f->len > 3 || i != f->len || (f->len > 1 && s[0] == '0')) {
        gen_error_set(err, t->source, line, f->column,
                      "%s \"%s\" is not a number of 1 to 3 digits without a leading "
                      "zero (RFC 3463)", what, model_quote(s, quote));
        return -1;
    }
    *value = atoi(s);
    return 0;
}

static int model_build_subcodes(model *m, model_warn_fn warn, void *warn_ctx,
                                gen_error *err)
{
    const csvread_table *t = m->subcodes_csv;
    names *seen_class = names_new(4), *seen_subject = names_new(t->nrecords);
    long class_line[10], subject_line[1000];
    size_t i;
    int ok = seen_class && seen_subject, code;

    if (!ok)
        gen_error_set(err, t->source, 0, 0, "out of memory");
    for (i = 0; i < 10; i++)
        class_line[i] = 0;
    for (i = 0; i < 1000; i++)
        subject_line[i] = 0;
    for (i = 1; ok && i < t->nrecords; i++) {
        const csvread_record *rec = &t->records[i];
        const csvread_field *f;
        int is_class;
        long *first;
        model_subcode *row;

        ok = model_check_field_count(t, rec, 4, err) == 0;
        if (!ok)
            break;
        f = rec->fields;
        is_class = strcmp(f[0].text, "class") == 0;
        if (!is_class && strcmp(f[0].text, "subject") != 0) {
            char quote[MODEL_QUOTE_LENGTH + 4];
            gen_error_set(err, t->source, rec->line, f[0].column,
                          "kind \"%s\" is neither \"class\" nor \"subject\"",
                          model_quote(f[0].text, quote));
            ok = 0;
            break;
        }
        ok = model_parse_subcode(t, rec->line, &f[1], is_class ? "class" : "subject",
                                 &code, err) == 0;
        if (ok && is_class && code != 2 && code != 4 && code != 5) {
            gen_error_set(err, t->source, rec->line, f[1].column,
                          "class %d is not one of RFC 3463's classes 2, 4 and 5", code);
            ok = 0;
        }
        ok = ok && model_check_name(t, rec->line, &f[2], err) == 0
             && model_check_text(t, rec->line, &f[3], "title", err) == 0
             && model_claim_name(is_class ? seen_class : seen_subject, t, rec->line, &f[2],
                                 err) == 0;
        if (!ok)
            break;
        first = is_class ? &class_line[code] : &subject_line[code];
        if (*first) {
            gen_error_set(err, t->source, rec->line, f[1].column,
                          "duplicate %s %d (first on line %ld)",
                          is_class ? "class" : "subject", code, *first);
            ok = 0;
            break;
        }
        *first = rec->line;
        if (model_check_length(warn, warn_ctx, NULL, t, rec->line, &f[2], &f[3], "title", 0,
                               err)
            != 0) {
            ok = 0;
            break;
        }
        row = is_class ? &m->classes[m->nclasses++] : &m->subjects[m->nsubjects++];
        row->name = f[2].text;
        row->code = code;
        row->title = f[3].text;
        row->line = rec->line;
    }
    for (code = 2; ok && code <= 5; code += code == 2 ? 2 : 1) {
        if (!class_line[code]) {
            gen_error_set(err, t->source, t->records[t->nrecords - 1].line + 1, 1,
                          "no row for class %d; RFC 3463 defines the classes 2, 4 "
                          "and 5, and each needs a title", code);
            ok = 0;
        }
    }
    if (ok && m->nsubjects == 0) {
        gen_error_set(err, t->source, t->records[t->nrecords - 1].line + 1, 1,
                      "no subject rows; the enhanced codes need their subjects");
        ok = 0;
    }
    names_free(seen_class);
    names_free(seen_subject);
    return ok ? 0 : -1;
}

/* Parses the basic_codes column: reply codes (as model_parse_code()
 * accepts them) and class patterns 2XX to 5XX, separated by single
 * spaces, none twice. Fills e->basic; 0, or -1 with err. */
static int model_parse_basic(const csvread_table *t, long line, const csvread_field *f,
                             model_enhanced *e, gen_error *err)
{
    const char *s = f->text;
    char quote[MODEL_QUOTE_LENGTH + 4], token[4];
    size_t i, start, len, k;

    e->basic = calloc(f->len / 2 + 1, sizeof *e->basic);
    if (!e->basic) {
        gen_error_set(err, t->source, 0, 0, "out of memory");
        return -1;
    }
    for (start = 0; start < f->len; start = i + 1) {
        for (i = start; i < f->len && s[i] != ' '; i++)
            ;
        len = i - start;
        if (len == 0) {
            gen_error_set(err, t->source, line, f->column,
                          "basic codes \"%s\" must be separated by single spaces",
                          model_quote(s, quote));
            return -1;
        }
        if (len != 3 || s[start] < '2' || s[start] > '5'
            || !((s[start + 1] == 'X' && s[start + 2] == 'X')
                 || (s[start + 1] >= '0' && s[start + 1] <= '5' && s[start + 2] >= '0'
                     && s[start + 2] <= '9'))) {
            char bad[MODEL_QUOTE_LENGTH + 1];
            size_t n = len < MODEL_QUOTE_LENGTH ? len : MODEL_QUOTE_LENGTH;
            memcpy(bad, s + start, n);
            bad[n] = '\0';
            gen_error_set(err, t->source, line, f->column,
                          "basic code \"%s\" is neither a reply code (200 to 599, "
                          "second digit 0 to 5) nor a class pattern (2XX to 5XX)",
                          model_quote(bad, quote));
            return -1;
        }
        memcpy(token, s + start, 3);
        token[3] = '\0';
        for (k = 0; k < e->nbasic; k++) {
            if (strcmp(e->basic[k].text, token) == 0) {
                gen_error_set(err, t->source, line, f->column,
                              "basic code %s is listed twice", token);
                return -1;
            }
        }
        memcpy(e->basic[e->nbasic].text, token, sizeof token);
        e->basic[e->nbasic].cls = s[start] - '0';
        e->basic[e->nbasic].code = token[1] == 'X' ? 0 : atoi(token);
        e->nbasic++;
        if (i == f->len - 1 && s[i] == ' ') {
            gen_error_set(err, t->source, line, f->column,
                          "basic codes \"%s\" must be separated by single spaces",
                          model_quote(s, quote));
            return -1;
        }
    }
    return 0;
}

/* The header names a class SMTP_ENHANCED_CLASS_<name> and a subject
 * SMTP_ENHANCED_SUBJECT_<name>, beside the codes' SMTP_ENHANCED_<name>: a
 * code may not take one of those names. */
static int model_check_subcode_clash(const model *m, const csvread_table *t, long line,
                                     const csvread_field *f, const char *what,
                                     gen_error *err)
{
    char quote[MODEL_QUOTE_LENGTH + 4];
    size_t i;
    int is_class = strncmp(f->text, "CLASS_", 6) == 0;
    const model_subcode *rows = is_class ? m->classes : m->subjects;
    size_t count = is_class ? m->nclasses : m->nsubjects;

    if (!is_class && strncmp(f->text, "SUBJECT_", 8) != 0)
        return 0;
    for (i = 0; i < count; i++) {
        if (strcmp(f->text + (is_class ? 6 : 8), rows[i].name) == 0) {
            gen_error_set(err, t->source, line, f->column,
                          "%s \"%s\" would clash in the header with "
                          "SMTP_ENHANCED_%s%s, the constant of %s %d",
                          what, model_quote(f->text, quote), is_class ? "CLASS_" : "SUBJECT_",
                          rows[i].name,
                          is_class ? "class" : "subject", rows[i].code);
            return -1;
        }
    }
    return 0;
}

/* No alias of an enhanced code may take a class or subject constant's
 * name either. */
static int model_check_alias_clashes(const model *m, long line, const model_evolution *ev,
                                     gen_error *err)
{
    csvread_field alias;
    size_t i;

    for (i = 0; i < ev->naliases; i++) {
        alias.text = ev->aliases[i];
        alias.len = strlen(alias.text);
        alias.column = ev->aliases_column;
        if (model_check_subcode_clash(m, m->enhanced_csv, line, &alias, "alias", err) != 0)
            return -1;
    }
    return 0;
}

static int model_check_enhanced_row(model *m, names *seen, const csvread_record *rec,
                                    const model_layout *layout, model_enhanced *e,
                                    long subject_row[1000], gen_error *err)
{
    const csvread_table *t = m->enhanced_csv;
    const csvread_field *f = rec->fields;

    if (model_check_field_count(t, rec, layout->columns, err) != 0
        || model_check_name(t, rec->line, &f[0], err) != 0
        || model_parse_subcode(t, rec->line, &f[1], "subject", &e->subject, err) != 0)
        return -1;
    if (subject_row[e->subject] < 0) {
        gen_error_set(err, t->source, rec->line, f[1].column,
                      "subject %d is not in the subject table (%s)", e->subject,
                      model_base_name(m->subcodes_csv->source));
        return -1;
    }
    if (model_parse_subcode(t, rec->line, &f[2], "detail", &e->detail, err) != 0
        || model_check_evolution(t, rec, layout, &e->evolution, err) != 0)
        return -1;
    if (f[3].len == 0 && !*e->evolution.deprecated) {
        gen_error_set(err, t->source, rec->line, f[3].column,
                      "empty text (only a deprecated row may have none)");
        return -1;
    }
    if (model_parse_basic(t, rec->line, &f[4], e, err) != 0
        || model_check_text(t, rec->line, &f[5], "reference", err) != 0
        || model_check_text(t, rec->line, &f[8], "description", err) != 0
        || model_check_subcode_clash(m, t, rec->line, &f[0], "name", err) != 0
        || model_check_alias_clashes(m, rec->line, &e->evolution, err) != 0
        || model_claim_name(seen, t, rec->line, &f[0], err) != 0)
        return -1;
    e->subject_row = subject_row[e->subject];
    e->name = f[0].text;
    e->text = f[3].text;
    e->basic_codes = f[4].text;
    e->reference = f[5].text;
    e->description = f[8].text;
    e->line = rec->line;
    return 0;
}

static int model_build_enhanced(model *m, const model_layout *layout, model_warn_fn warn,
                                void *warn_ctx, gen_error *err)
{
    const csvread_table *t = m->enhanced_csv;
    names *seen = names_new(t->nrecords);
    json_t *seen_code = json_object(), *first;
    long subject_row[1000];
    char key[16];
    size_t i;
    int ok = seen && seen_code;

    if (!ok)
        gen_error_set(err, t->source, 0, 0, "out of memory");
    for (i = 0; i < 1000; i++)
        subject_row[i] = -1;
    for (i = 0; i < m->nsubjects; i++)
        subject_row[m->subjects[i].code] = (long)i;
    for (i = 1; ok && i < t->nrecords; i++) {
        const csvread_record *rec = &t->records[i];
        model_enhanced *e = &m->enhanced[m->nenhanced];

        /* Counted before the checks, so that model_free() frees what a
         * failing row allocated. */
        m->nenhanced++;
        ok = model_check_enhanced_row(m, seen, rec, layout, e, subject_row, err) == 0;
        if (!ok)
            break;
        /* subject.detail, in a Jansson object used as a hash set: the key
         * is made here, and names.c only borrows its keys. */
        snprintf(key, sizeof key, "%d.%d", e->subject, e->detail);
        first = json_object_get(seen_code, key);
        if (first) {
            gen_error_set(err, t->source, rec->line, rec->fields[1].column,
                          "duplicate code X.%s (first on line %" JSON_INTEGER_FORMAT ")",
                          key, json_integer_value(first));
            ok = 0;
            break;
        }
        if (json_object_set_new(seen_code, key, json_integer(rec->line)) != 0) {
            gen_error_set(err, t->source, 0, 0, "out of memory");
            ok = 0;
            break;
        }
        if (model_check_length(warn, warn_ctx, &e->evolution, t, rec->line, &rec->fields[0],
                               &rec->fields[3], "text", 1, err) != 0
            || model_check_length(warn, warn_ctx, &e->evolution, t, rec->line,
                                  &rec->fields[0], &rec->fields[5], "reference", 0, err) != 0
            || model_check_length(warn, warn_ctx, &e->evolution, t, rec->line,
                                  &rec->fields[0], &rec->fields[8], "description", 0,
                                  err) != 0) {
            ok = 0;
            break;
        }
        model_check_quirks_drawn(warn, warn_ctx, t, rec->line, e->name, &e->evolution);
    }
    ok = ok && MODEL_LINK_ROWS(t, layout, seen, m->enhanced, m->nenhanced, model_enhanced,
                               err) == 0;
    names_free(seen);
    json_decref(seen_code);
    return ok ? 0 : -1;
}

int model_add_enhanced(model *m, csvread_table *subcodes, csvread_table *enhanced,
                       model_warn_fn warn, void *warn_ctx, gen_error *err)
{
    model_layout subcode_layout, enhanced_layout;

    m->subcodes_csv = subcodes;
    m->enhanced_csv = enhanced;
    if (model_check_header(subcodes, model_subcode_header, 4, 0, &subcode_layout, err) != 0
        || model_check_header(enhanced, model_enhanced_header, 9, 1, &enhanced_layout, err)
               != 0)
        return -1;
    m->classes = calloc(subcodes->nrecords, sizeof *m->classes);
    m->subjects = calloc(subcodes->nrecords, sizeof *m->subjects);
    m->enhanced = calloc(enhanced->nrecords, sizeof *m->enhanced);
    if (!m->classes || !m->subjects || !m->enhanced) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    return model_build_subcodes(m, warn, warn_ctx, err) == 0
                   && model_build_enhanced(m, &enhanced_layout, warn, warn_ctx, err) == 0
               ? 0
               : -1;
}

void model_free(model *m)
{
    size_t i;

    if (!m)
        return;
    /* A row's aliases are allocated before its last checks, so every slot
     * of each table (calloc'd, one per record) is freed, counted or not. */
    for (i = 0; m->replies && i < m->replies_csv->nrecords; i++)
        free(m->replies[i].evolution.aliases);
    for (i = 0; m->reasons && i < m->reasons_csv->nrecords; i++)
        free(m->reasons[i].evolution.aliases);
    for (i = 0; m->enhanced && i < m->enhanced_csv->nrecords; i++)
        free(m->enhanced[i].evolution.aliases);
    csvread_free(m->replies_csv);
    csvread_free(m->reasons_csv);
    free(m->replies);
    free(m->reasons);
    csvread_free(m->subcodes_csv);
    csvread_free(m->enhanced_csv);
    for (i = 0; i < m->nenhanced; i++)
        free(m->enhanced[i].basic);
    free(m->enhanced);
    free(m->classes);
    free(m->subjects);
    free(m);
}
