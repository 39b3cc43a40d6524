/* smtpcode - explains SMTP replies with the generated smtp_codes.h: what a
 * C program that includes the header knows is exactly what this says.
 * See smtpcode(1). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "explain.h"
#include "smtp_codes.h"
#include "utf8.h"
#include "version.h"

#define SMTPCODE_USAGE                                                           \
    "usage: smtpcode [--json] explain [REPLY...]   (no REPLY: one per line of stdin)\n" \
    "       smtpcode [--json] --summary explain     (counts for a log on stdin)\n"      \
    "       smtpcode [--json] lookup CODE|NAME|SYMBOL|X.Y.Z\n"                         \
    "       smtpcode [--json] list [replies|reasons|enhanced]\n"                      \
    "       smtpcode [--json] search WORD...\n"                                       \
    "       smtpcode --help | --version\n"

static int json_mode;

/* s[0..len) with every byte that is not part of valid UTF-8 replaced by
 * U+FFFD, in *buf (grown as needed); NULL when out of memory. Jansson
 * takes only valid UTF-8, and a mail log is not always that. */
static const char *smtpcode_utf8(const char *s, size_t len, char **buf, size_t *size,
                                 size_t *out_len)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, o = 0, n;

    if (*size < len * 3 + 1) {
        char *grown = (char *)realloc(*buf, len * 3 + 1);
        if (!grown)
            return NULL;
        *buf = grown;
        *size = len * 3 + 1;
    }
    while (i < len) {
        unsigned long cp;

        n = utf8_sequence_length(p + i, len - i, &cp);
        if (n == 1 && p[i] == 0)
            n = 0; /* json_stringn takes NUL, but a NUL in a log is a fault to show */
        if (n == 0) {
            memcpy(*buf + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(*buf + o, s + i, n);
            o += n;
            i += n;
        }
    }
    (*buf)[o] = '\0';
    *out_len = o;
    return *buf;
}

static char *utf8_buf;
static size_t utf8_size;

/* A JSON string of s[0..len), made valid UTF-8. */
static json_t *smtpcode_string(const char *s, size_t len)
{
    size_t n;
    const char *clean = smtpcode_utf8(s, len, &utf8_buf, &utf8_size, &n);
    return clean ? json_stringn(clean, n) : NULL;
}

static json_t *smtpcode_reason_json(const struct smtp_reason_info *r)
{
    return json_pack("{s:s, s:s, s:i, s:s}", "name", r->name, "symbol", r->symbol, "code",
                     r->code, "description", r->description);
}

static json_t *smtpcode_reasons_json(const struct smtp_reason_info *const *list, size_t n)
{
    json_t *a = json_array();
    size_t i;

    for (i = 0; a && i < n; i++)
        json_array_append_new(a, smtpcode_reason_json(list[i]));
    return a;
}

static int smtpcode_print_json(json_t *o)
{
    char *text = o ? json_dumps(o, JSON_PRESERVE_ORDER | JSON_COMPACT) : NULL;

    json_decref(o);
    if (!text) {
        fprintf(stderr, "smtpcode: error: out of memory\n");
        return -1;
    }
    puts(text);
    free(text);
    return 0;
}

/* One explain --json object, with the keys in the order smtpcode(1) gives. */
static int smtpcode_explain_json(const struct explain *ex)
{
    const struct smtp_reply_parsed *p = &ex->parsed;
    const struct smtp_reply_info *reply = ex->rc == 0 ? smtp_reply_by_code(p->code) : NULL;
    const struct smtp_enhanced_info *e =
        ex->rc == 0 && p->has_enhanced ? smtp_enhanced_by_code(p->enhanced.subject,
                                                               p->enhanced.detail)
                                       : NULL;
    json_t *o = json_object();
    char code[16];
    int ok = ex->rc == 0, enh = ok && p->has_enhanced;

    if (enh)
        sprintf(code, "%d.%d.%d", p->enhanced.cls, p->enhanced.subject, p->enhanced.detail);
    json_object_set_new(o, "input", smtpcode_string(ex->line, ex->line_len));
    json_object_set_new(o, "reply", ok ? smtpcode_string(ex->reply, ex->reply_len) : json_null());
    json_object_set_new(o, "code", ok ? json_integer(p->code) : json_null());
    json_object_set_new(o, "class", ok ? json_string(smtp_code_class_name(p->code)) : json_null());
    json_object_set_new(o, "reply_name", reply ? json_string(reply->name) : json_null());
    json_object_set_new(o, "reply_description",
                        reply ? json_string(reply->description) : json_null());
    json_object_set_new(o, "enhanced", enh ? json_string(code) : json_null());
    json_object_set_new(o, "consistent", ok ? json_boolean(p->consistent) : json_null());
    json_object_set_new(o, "enhanced_name", e ? json_string(e->name) : json_null());
    json_object_set_new(o, "enhanced_subject",
                        enh && smtp_enhanced_subject_text(p->enhanced.subject)
                            ? json_string(smtp_enhanced_subject_text(p->enhanced.subject))
                            : json_null());
    json_object_set_new(o, "enhanced_text", e ? json_string(e->text) : json_null());
    json_object_set_new(o, "text", ok ? smtpcode_string(ex->text, ex->text_len) : json_null());
    json_object_set_new(o, "lines", ok ? json_integer((json_int_t)p->lines) : json_null());
    json_object_set_new(o, "reasons", smtpcode_reasons_json(ex->reasons, ex->reason_count));
    json_object_set_new(o, "other_code_reasons",
                        smtpcode_reasons_json(ex->other, ex->other_count));
    json_object_set_new(o, "error", ok ? json_null() : json_string(explain_error(ex)));
    return smtpcode_print_json(o);
}

/* The explanation as text: the reply, then one fact a line. */
static void smtpcode_explain_text(const struct explain *ex)
{
    const struct smtp_reply_parsed *p = &ex->parsed;
    const struct smtp_reply_info *reply;
    const struct smtp_enhanced_info *e;
    /* What a sender does, by the code's class (smtp_code_class_name()). */
    static const char *const advice[] = {"", "", "done", "send the rest", "try again later",
                                         "do not retry as is"};
    size_t i;

    if (ex->rc != 0) {
        printf("no SMTP reply (%s): %.*s\n", explain_error(ex), (int)ex->line_len, ex->line);
        return;
    }
    reply = smtp_reply_by_code(p->code);
    /* The reply on one line: a multi-line one with its lines joined by a
     * space, as a log shows it. */
    for (i = 0; i < ex->reply_len; i++) {
        char c = ex->reply[i];
        if (c == '\r' && i + 1 < ex->reply_len && ex->reply[i + 1] == '\n')
            continue;
        putchar(c == '\n' ? ' ' : c);
    }
    putchar('\n');
    printf("  code      %d %s (%s: %s)\n", p->code, reply ? reply->name : "(not in the table)",
           smtp_code_class_name(p->code), advice[p->code / 100]);
    if (reply)
        printf("  meaning   %s\n", reply->description);
    if (p->lines > 1)
        printf("  lines     %lu\n", (unsigned long)p->lines);
    if (p->has_enhanced) {
        e = smtp_enhanced_by_code(p->enhanced.subject, p->enhanced.detail);
        printf("  enhanced  %d.%d.%d %s: %s", p->enhanced.cls, p->enhanced.subject,
               p->enhanced.detail, e ? e->name : "(not registered)",
               smtp_enhanced_subject_text(p->enhanced.subject)
                   ? smtp_enhanced_subject_text(p->enhanced.subject) : "unknown subject");
        if (e && e->text[0])
            printf("; %s", e->text);
        printf("\n");
        if (p->consistent)
            printf("  consistent yes: the enhanced class %d is the code's first digit\n",
                   p->enhanced.cls);
        else
            printf("  consistent no: the enhanced class %d is not the code's %d; the reply "
                   "code decides the class (%s: %s)\n", p->enhanced.cls, p->code / 100,
                   smtp_code_class_name(p->code), advice[p->code / 100]);
    } else {
        printf("  enhanced  none\n");
    }
    for (i = 0; i < ex->reason_count; i++)
        printf("  reason    %s (%s): %s\n", ex->reasons[i]->symbol, ex->reasons[i]->name,
               ex->reasons[i]->description);
    for (i = 0; i < ex->other_count; i++)
        printf("  reason?   %s (%s) has this text but code %d: %s\n", ex->other[i]->symbol,
               ex->other[i]->name, ex->other[i]->code, ex->other[i]->description);
    if (ex->reason_count == 0 && ex->other_count == 0)
        printf("  reason    no gateway reason has this text\n");
}

/* --summary: counts per code, enhanced code and reason. Enhanced codes go
 * in a small open-addressing table that grows only for a new code, so a
 * log costs no allocation per line. */
struct summary {
    unsigned long lines, replies;
    unsigned long code[1000];
    unsigned long reason[SMTP_REASON_COUNT + 1];
    long *enh_key;           /* cls * 1000000 + subject * 1000 + detail, -1 free */
    unsigned long *enh_count;
    size_t enh_size, enh_used;
};

static int summary_add_enhanced(struct summary *s, long key)
{
    size_t i, j;

    if (s->enh_used * 2 >= s->enh_size) {
        size_t size = s->enh_size ? s->enh_size * 2 : 64;
        long *keys = (long *)malloc(size * sizeof *keys);
        unsigned long *counts = (unsigned long *)calloc(size, sizeof *counts);

        if (!keys || !counts) {
            free(keys);
            free(counts);
            return -1;
        }
        for (i = 0; i < size; i++)
            keys[i] = -1;
        for (j = 0; j < s->enh_size; j++) {
            if (s->enh_key[j] < 0)
                continue;
            for (i = (size_t)s->enh_key[j] * 2654435761u & (size - 1); keys[i] >= 0;
                 i = (i + 1) & (size - 1))
                ;
            keys[i] = s->enh_key[j];
            counts[i] = s->enh_count[j];
        }
        free(s->enh_key);
        free(s->enh_count);
        s->enh_key = keys;
        s->enh_count = counts;
        s->enh_size = size;
    }
    for (i = (size_t)key * 2654435761u & (s->enh_size - 1);
         s->enh_key[i] >= 0 && s->enh_key[i] != key; i = (i + 1) & (s->enh_size - 1))
        ;
    if (s->enh_key[i] < 0) {
        s->enh_key[i] = key;
        s->enh_used++;
    }
    s->enh_count[i]++;
    return 0;
}

struct tally {
    long key;
    unsigned long count;
};

/* Most frequent first, then by key. */
static int tally_order(const void *a, const void *b)
{
    const struct tally *x = (const struct tally *)a, *y = (const struct tally *)b;

    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->key < y->key ? -1 : x->key > y->key;
}

static int summary_print(const struct summary *s)
{
    size_t n = 0, i, cap = 1000 + SMTP_REASON_COUNT + s->enh_size + 1;
    struct tally *t = (struct tally *)malloc(cap * sizeof *t);
    json_t *o = json_mode ? json_object() : NULL, *a;
    char code[48];

    if (!t)
        return -1;
    if (o) {
        json_object_set_new(o, "lines", json_integer((json_int_t)s->lines));
        json_object_set_new(o, "replies", json_integer((json_int_t)s->replies));
        json_object_set_new(o, "without_reply", json_integer((json_int_t)(s->lines - s->replies)));
    } else {
        printf("lines %lu, with a reply %lu, without %lu\n", s->lines, s->replies,
               s->lines - s->replies);
    }
    for (n = 0, i = 0; i < 1000; i++)
        if (s->code[i])
            t[n].key = (long)i, t[n++].count = s->code[i];
    qsort(t, n, sizeof *t, tally_order);
    a = o ? json_array() : NULL;
    for (i = 0; i < n; i++) {
        const struct smtp_reply_info *r = smtp_reply_by_code((int)t[i].key);
        if (a)
            json_array_append_new(a, json_pack("{s:i, s:s?, s:I}", "code", (int)t[i].key,
                                               "name", r ? r->name : NULL, "count",
                                               (json_int_t)t[i].count));
        else
            printf("code      %-8ld %8lu  %s\n", t[i].key, t[i].count, r ? r->name : "");
    }
    if (o)
        json_object_set_new(o, "codes", a);
    for (n = 0, i = 0; i < s->enh_size; i++)
        if (s->enh_key[i] >= 0)
            t[n].key = s->enh_key[i], t[n++].count = s->enh_count[i];
    qsort(t, n, sizeof *t, tally_order);
    a = o ? json_array() : NULL;
    for (i = 0; i < n; i++) {
        int subject = (int)(t[i].key / 1000 % 1000), detail = (int)(t[i].key % 1000);
        const struct smtp_enhanced_info *e = smtp_enhanced_by_code(subject, detail);
        snprintf(code, sizeof code, "%ld.%d.%d", t[i].key / 1000000, subject, detail);
        if (a)
            json_array_append_new(a, json_pack("{s:s, s:s?, s:I}", "enhanced", code, "name",
                                               e ? e->name : NULL, "count",
                                               (json_int_t)t[i].count));
        else
            printf("enhanced  %-8s %8lu  %s\n", code, t[i].count, e ? e->name : "");
    }
    if (o)
        json_object_set_new(o, "enhanced", a);
    for (n = 0, i = 0; i < SMTP_REASON_COUNT; i++)
        if (s->reason[i])
            t[n].key = (long)i, t[n++].count = s->reason[i];
    qsort(t, n, sizeof *t, tally_order);
    a = o ? json_array() : NULL;
    for (i = 0; i < n; i++) {
        const struct smtp_reason_info *r = smtp_reason_get((enum smtp_reason)t[i].key);
        if (a)
            json_array_append_new(a, json_pack("{s:s, s:s, s:i, s:I}", "name", r->name,
                                               "symbol", r->symbol, "code", r->code, "count",
                                               (json_int_t)t[i].count));
        else
            printf("reason    %-8d %8lu  %s (%s)\n", r->code, t[i].count, r->symbol, r->name);
    }
    free(t);
    if (o) {
        json_object_set_new(o, "reasons", a);
        return smtpcode_print_json(o);
    }
    return 0;
}

/* explain: the arguments, or each line of standard input. Exit status 0
 * when every input held a reply, 1 when one did not. */
static int smtpcode_explain(int argc, char **argv, int summary)
{
    struct explain ex;
    struct summary *s = NULL;
    char *line = NULL;
    size_t cap = 0, k;
    long got;
    int i, rc, missing = 0, failed = 0;

    explain_init(&ex);
    ex.skip_other = summary; /* --summary counts the reasons with the code only */
    if (summary && !(s = (struct summary *)calloc(1, sizeof *s))) {
        fprintf(stderr, "smtpcode: error: out of memory\n");
        return 2;
    }
    for (i = 0;; i++) {
        const char *input;
        size_t len;

        if (argc > 0) {
            if (i >= argc)
                break;
            input = argv[i];
            len = strlen(input);
        } else {
            got = (long)getline(&line, &cap, stdin);
            if (got < 0)
                break;
            input = line;
            len = (size_t)got;
        }
        rc = explain_line(&ex, input, len);
        if (rc < 0) {
            fprintf(stderr, "smtpcode: error: out of memory\n");
            failed = 1;
            break;
        }
        missing |= rc;
        if (s) {
            s->lines++;
            if (rc == 0) {
                s->replies++;
                s->code[ex.parsed.code % 1000]++;
                for (k = 0; k < ex.reason_count; k++)
                    s->reason[ex.reasons[k]->id]++;
                if (ex.parsed.has_enhanced
                    && summary_add_enhanced(s, (long)ex.parsed.enhanced.cls * 1000000
                                                   + ex.parsed.enhanced.subject * 1000
                                                   + ex.parsed.enhanced.detail) != 0) {
                    fprintf(stderr, "smtpcode: error: out of memory\n");
                    failed = 1;
                    break;
                }
            }
        } else if (json_mode) {
            if (smtpcode_explain_json(&ex) != 0) {
                failed = 1;
                break;
            }
        } else {
            smtpcode_explain_text(&ex);
        }
    }
    if (argc == 0 && ferror(stdin)) {
        perror("smtpcode: error: standard input");
        failed = 1;
    }
    if (s && !failed && summary_print(s) != 0)
        failed = 1;
    if (s) {
        free(s->enh_key);
        free(s->enh_count);
        free(s);
    }
    free(line);
    explain_free(&ex);
    if (fflush(stdout) != 0 || ferror(stdout)) {
        perror("smtpcode: error: standard output");
        failed = 1;
    }
    return failed ? 2 : missing;
}

/* The rows of the three tables, as text or JSON. */
static int smtpcode_print_reply(const struct smtp_reply_info *r)
{
    if (json_mode)
        return smtpcode_print_json(json_pack("{s:s, s:i, s:s, s:s}", "table", "reply", "code",
                                             r->code, "name", r->name, "description",
                                             r->description));
    printf("%d %s: %s\n", r->code, r->name, r->description);
    return 0;
}

static int smtpcode_print_reason(const struct smtp_reason_info *r)
{
    if (json_mode)
        return smtpcode_print_json(json_pack("{s:s, s:s, s:s, s:i, s:s}", "table", "reason",
                                             "name", r->name, "symbol", r->symbol, "code",
                                             r->code, "description", r->description));
    printf("%s %d %s: %s\n", r->symbol, r->code, r->name, r->description);
    return 0;
}

static int smtpcode_print_enhanced(const struct smtp_enhanced_info *e)
{
    char code[16];

    sprintf(code, "X.%d.%d", e->subject, e->detail);
    if (json_mode)
        return smtpcode_print_json(json_pack("{s:s, s:s, s:s, s:s, s:s, s:s}", "table",
                                             "enhanced", "code", code, "name", e->name,
                                             "text", e->text, "basic_codes", e->basic_codes,
                                             "description", e->description));
    printf("%s %s: %s%s%s\n", code, e->name, e->text, e->text[0] ? ". " : "", e->description);
    return 0;
}

/* lookup: a reply code, an enhanced code (5.7.1, X.7.1), or a name (or an
 * alias, an earlier name) or symbol of any table. 0 when found, 1 when
 * not. */
static int smtpcode_lookup(const char *key)
{
    const struct smtp_reply_info *reply;
    const struct smtp_reason_info *r;
    const struct smtp_enhanced_info *e;
    struct smtp_enhanced_code code;
    size_t len = strlen(key);
    int found = 0;

    if (len == 3 && key[0] >= '0' && key[0] <= '9' && key[1] >= '0' && key[1] <= '9'
        && key[2] >= '0' && key[2] <= '9') {
        int c = atoi(key);
        if ((reply = smtp_reply_by_code(c)) != NULL)
            found = 1, smtpcode_print_reply(reply);
        for (r = smtp_reason_by_code(c, NULL); r; r = smtp_reason_by_code(c, r))
            found = 1, smtpcode_print_reason(r);
        return !found;
    }
    if ((key[0] == 'X' || key[0] == 'x') && len > 1) {
        char copy[32];
        if (len < sizeof copy) {
            strcpy(copy, key);
            copy[0] = '5';
            if (smtp_enhanced_parse(copy, len, &code) == len
                && (e = smtp_enhanced_by_code(code.subject, code.detail)) != NULL)
                return smtpcode_print_enhanced(e) != 0;
        }
    } else if (smtp_enhanced_parse(key, len, &code) == len) {
        e = smtp_enhanced_by_code(code.subject, code.detail);
        return e ? smtpcode_print_enhanced(e) != 0 : 1;
    }
    if ((reply = smtp_reply_by_name(key)) != NULL)
        found = 1, smtpcode_print_reply(reply);
    if ((r = smtp_reason_by_name(key)) != NULL)
        found = 1, smtpcode_print_reason(r);
    for (r = smtp_reason_by_symbol(key, NULL); r; r = smtp_reason_by_symbol(key, r))
        found = 1, smtpcode_print_reason(r);
    if ((e = smtp_enhanced_by_name(key)) != NULL)
        found = 1, smtpcode_print_enhanced(e);
    return !found;
}

/* 1 when hay holds every word, ASCII case ignored. */
static int smtpcode_has_words(const char *hay, char **words, int n)
{
    int i;
    size_t k, j, wl, hl = strlen(hay);

    for (i = 0; i < n; i++) {
        wl = strlen(words[i]);
        for (k = 0; k + wl <= hl; k++) {
            for (j = 0; j < wl; j++) {
                char a = hay[k + j], b = words[i][j];
                if ((a >= 'A' && a <= 'Z' ? a + 32 : a) != (b >= 'A' && b <= 'Z' ? b + 32 : b))
                    break;
            }
            if (j == wl)
                break;
        }
        if (k + wl > hl)
            return 0;
    }
    return 1;
}

/* 1 when words is NULL (list) or when the row's text, fmt and its
 * arguments, holds every word; 0 when it does not, or when out of memory
 * (said once). The text is formatted into a buffer that grows, so that a
 * long description is searched whole. */
static int smtpcode_row_matches(char **words, int n, const char *fmt, ...)
{
    static char *hay;
    static size_t size;
    va_list ap;
    int need;

    if (!words)
        return 1;
    va_start(ap, fmt);
    need = vsnprintf(hay, size, fmt, ap);
    va_end(ap);
    if (need < 0)
        return 0;
    if ((size_t)need >= size) {
        char *grown = (char *)realloc(hay, (size_t)need + 1);
        if (!grown) {
            fprintf(stderr, "smtpcode: error: out of memory\n");
            return 0;
        }
        hay = grown;
        size = (size_t)need + 1;
        va_start(ap, fmt);
        vsnprintf(hay, size, fmt, ap);
        va_end(ap);
    }
    return smtpcode_has_words(hay, words, n);
}

/* list (words NULL) or search: every row of the chosen tables. */
static int smtpcode_rows(const char *which, char **words, int n)
{
    size_t i;
    int found = 0;

    if (!which || strcmp(which, "replies") == 0) {
        const struct smtp_reply_info *r;
        for (i = 0; (r = smtp_reply_at(i)) != NULL; i++)
            if (smtpcode_row_matches(words, n, "%d %s %s", r->code, r->name, r->description))
                found = 1, smtpcode_print_reply(r);
    }
    if (!which || strcmp(which, "reasons") == 0) {
        for (i = 0; i < SMTP_REASON_COUNT; i++) {
            const struct smtp_reason_info *r = smtp_reason_get((enum smtp_reason)i);
            if (smtpcode_row_matches(words, n, "%s %s %d %s", r->name, r->symbol, r->code,
                                     r->description))
                found = 1, smtpcode_print_reason(r);
        }
    }
    if (!which || strcmp(which, "enhanced") == 0) {
        for (i = 0; i < SMTP_ENHANCED_COUNT; i++) {
            const struct smtp_enhanced_info *e = smtp_enhanced_get((enum smtp_enhanced)i);
            if (smtpcode_row_matches(words, n, "X.%d.%d %s %s %s", e->subject, e->detail,
                                     e->name, e->text, e->description))
                found = 1, smtpcode_print_enhanced(e);
        }
    }
    return !found;
}

static int smtpcode_usage_error(const char *message, const char *what)
{
    fprintf(stderr, "smtpcode: error: %s%s%s\n%s", message, what ? ": " : "", what ? what : "",
            SMTPCODE_USAGE);
    return 2;
}

/* 1 when arg is --json or --summary (and sets it), which may stand before
 * or after the command; 0 otherwise. */
static int smtpcode_output_option(const char *arg, int *summary)
{
    if (strcmp(arg, "--json") == 0)
        json_mode = 1;
    else if (strcmp(arg, "--summary") == 0)
        *summary = 1;
    else
        return 0;
    return 1;
}

int main(int argc, char **argv)
{
    int i, summary = 0, rc;
    const char *command = NULL;

    for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (smtpcode_output_option(argv[i], &summary))
            continue;
        if (strcmp(argv[i], "--help") == 0) {
            printf("%s", SMTPCODE_USAGE);
            return 0;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("smtpcode %s (%s)\n", SMTPGEN_VERSION, SMTP_CODES_GENERATOR);
            return 0;
        } else if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else {
            return smtpcode_usage_error("unknown option", argv[i]);
        }
    }
    if (i >= argc)
        return smtpcode_usage_error("no command", NULL);
    command = argv[i++];
    /* Options may also follow the command, before its arguments. */
    for (; i < argc && argv[i][0] == '-' && argv[i][1] == '-'; i++) {
        if (smtpcode_output_option(argv[i], &summary))
            continue;
        if (strcmp(argv[i], "--") == 0) {
            i++;
            break;
        } else
            return smtpcode_usage_error("unknown option", argv[i]);
    }
    if (summary && strcmp(command, "explain") != 0)
        return smtpcode_usage_error("--summary goes with explain", NULL);
    if (strcmp(command, "explain") == 0) {
        if (summary && i < argc)
            return smtpcode_usage_error("--summary reads standard input", NULL);
        rc = smtpcode_explain(argc - i, argv + i, summary);
    } else if (strcmp(command, "lookup") == 0) {
        if (argc - i != 1)
            return smtpcode_usage_error("lookup takes one CODE, NAME, SYMBOL or X.Y.Z", NULL);
        rc = smtpcode_lookup(argv[i]);
        if (rc == 1)
            fprintf(stderr, "smtpcode: error: no reply code, name, symbol or enhanced code "
                            "is %s\n", argv[i]);
    } else if (strcmp(command, "list") == 0) {
        if (argc - i > 1 || (argc - i == 1 && strcmp(argv[i], "replies") != 0
                             && strcmp(argv[i], "reasons") != 0
                             && strcmp(argv[i], "enhanced") != 0))
            return smtpcode_usage_error("list takes replies, reasons or enhanced",
                                        argc - i ? argv[i] : NULL);
        rc = smtpcode_rows(argc - i ? argv[i] : NULL, NULL, 0);
        rc = 0;
    } else if (strcmp(command, "search") == 0) {
        if (argc - i < 1)
            return smtpcode_usage_error("search takes at least one WORD", NULL);
        rc = smtpcode_rows(NULL, argv + i, argc - i);
    } else {
        return smtpcode_usage_error("unknown command", command);
    }
    free(utf8_buf);
    /* rc 2: the command has said what failed, output errors too. */
    if (rc != 2 && (fflush(stdout) != 0 || ferror(stdout))) {
        perror("smtpcode: error: standard output");
        return 2;
    }
    return rc;
}
