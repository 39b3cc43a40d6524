/* explain.c - the reply scanner of explain.h. */
#include "explain.h"

#include <stdlib.h>
#include <string.h>

void explain_init(struct explain *ex)
{
    memset(ex, 0, sizeof *ex);
}

void explain_free(struct explain *ex)
{
    if (!ex)
        return;
    free(ex->text);
    free(ex->rebuilt);
    ex->text = ex->rebuilt = NULL;
    ex->text_size = ex->rebuilt_size = 0;
}

/* Makes *buf hold at least size bytes; 0, or -1 when out of memory. */
static int explain_reserve(char **buf, size_t *have, size_t size)
{
    char *grown;

    if (size <= *have)
        return 0;
    /* Doubling: a log whose lines keep growing costs a few reallocations,
     * not one per line. */
    if (size < 2 * *have)
        size = 2 * *have;
    if (size < 256)
        size = 256;
    grown = (char *)realloc(*buf, size);
    if (!grown)
        return -1;
    *buf = grown;
    *have = size;
    return 0;
}

static char explain_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int explain_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int explain_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* 1 when s[0..n) is word (lower case), ASCII case ignored. */
static int explain_fold_equal(const char *s, const char *word, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (explain_lower(s[i]) != word[i])
            return 0;
    return 1;
}

/* The first place of needle[0..n) in s[from..len), or len. */
static size_t explain_search(const char *s, size_t len, size_t from, const char *needle,
                             size_t n)
{
    const char *hit;

    while (from + n <= len) {
        hit = (const char *)memchr(s + from, needle[0], len - n + 1 - from);
        if (!hit)
            return len;
        from = (size_t)(hit - s);
        if (memcmp(hit, needle, n) == 0)
            return from;
        from++;
    }
    return len;
}

/* Sets *start and *end to the candidate reply in s[0..len) by the rules
 * of explain.h. Rules 1 and 2 both end in a colon, so one pass over the
 * line's colons (memchr) finds the first "Diagnostic-Code:" and the first
 * " said: " together: a log line has a handful of colons, and this costs
 * less than two searches for the phrases. */
static void explain_candidate(const char *s, size_t len, size_t *start, size_t *end)
{
    static const char exim[] = "SMTP error from remote mail server after ";
    static const char suffix[] = " (in reply to ";
    const size_t diag_len = sizeof "diagnostic-code" - 1, suffix_len = sizeof suffix - 1;
    const char *hit;
    size_t b = 0, e = len, k, colon, diag = len, said = len;

    for (colon = 0; colon < len; colon++) {
        hit = (const char *)memchr(s + colon, ':', len - colon);
        if (!hit)
            break;
        colon = (size_t)(hit - s);
        if (colon >= diag_len && explain_fold_equal(s + colon - diag_len, "diagnostic-code",
                                                    diag_len)) {
            diag = colon - diag_len;
            break;
        }
        if (said == len && colon >= 5 && colon + 1 < len && s[colon + 1] == ' '
            && memcmp(s + colon - 5, " said", 5) == 0)
            said = colon - 5;
    }
    if (diag < len) {
        b = diag + diag_len + 1;
        while (b < e && explain_blank(s[b]))
            b++;
        for (k = b; k < e && (explain_digit(s[k]) || s[k] == '-'
                              || (explain_lower(s[k]) >= 'a' && explain_lower(s[k]) <= 'z'));
             k++)
            ;
        if (k > b && k < e && s[k] == ';')
            for (b = k + 1; b < e && explain_blank(s[b]); b++)
                ;
    } else if (said < len) {
        b = said + 7;
        /* The last " (in reply to " after the reply's start, looked for
         * from the end, where it is. */
        if (s[len - 1] == ')' && len - b >= suffix_len)
            for (k = len - suffix_len + 1; k-- > b;)
                if (s[k] == ' ' && s[k + 1] == '(' && memcmp(s + k, suffix, suffix_len) == 0) {
                    e = k;
                    break;
                }
    } else if ((k = explain_search(s, len, 0, exim, sizeof exim - 1)) < len) {
        k = explain_search(s, len, k + sizeof exim - 1, ": ", 2);
        b = k < len ? k + 2 : len;
        /* Exim before 4.80: "...: host NAME [ADDRESS]: 550 ..." */
        if (len - b >= 5 && memcmp(s + b, "host ", 5) == 0) {
            k = explain_search(s, len, b + 5, ": ", 2);
            if (k < len && s[k - 1] == ']')
                b = k + 2;
        }
    } else {
        while (b < e && explain_blank(s[b]))
            b++;
    }
    while (e > b && explain_blank(s[e - 1]))
        e--;
    *start = b;
    *end = e;
}

int explain_line(struct explain *ex, const char *line, size_t len)
{
    const char *c;
    size_t b, e, n, i, need;
    const struct smtp_reason_info *r;

    ex->rc = SMTP_PARSE_EMPTY;
    ex->reply = NULL;
    ex->reply_len = ex->text_len = ex->reason_count = ex->other_count = 0;
    memset(&ex->parsed, 0, sizeof ex->parsed);
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    ex->line = line;
    ex->line_len = len;
    explain_candidate(line, len, &b, &e);
    c = line + b;
    n = e - b;
    if (n == 0) {
        ex->rc = SMTP_PARSE_EMPTY;
        ex->reply = c;
        return 1;
    }
    if (n >= 4 && explain_digit(c[0]) && explain_digit(c[1]) && explain_digit(c[2])
        && c[3] == '-') {
        if (explain_reserve(&ex->rebuilt, &ex->rebuilt_size, n) != 0)
            return -1;
        memcpy(ex->rebuilt, c, n);
        for (i = 1; i + 4 <= n; i++)
            if (c[i] == ' ' && memcmp(c + i + 1, c, 3) == 0
                && (i + 4 == n || c[i + 4] == '-' || c[i + 4] == ' '))
                ex->rebuilt[i] = '\n';
        c = ex->rebuilt;
    }
    ex->reply = c;
    ex->reply_len = n;
    ex->rc = smtp_reply_parse(c, n, &ex->parsed);
    if (ex->rc != SMTP_PARSE_OK)
        return 1;
    need = smtp_reply_text(&ex->parsed, ex->text, ex->text_size);
    if (need >= ex->text_size) {
        if (explain_reserve(&ex->text, &ex->text_size, need + 1) != 0)
            return -1;
        smtp_reply_text(&ex->parsed, ex->text, ex->text_size);
    }
    ex->text_len = need;
    for (r = smtp_reason_match(ex->parsed.code, ex->text, need, NULL);
         r && ex->reason_count < SMTP_REASON_COUNT;
         r = smtp_reason_match(ex->parsed.code, ex->text, need, r))
        ex->reasons[ex->reason_count++] = r;
    if (ex->reason_count == 0 && !ex->skip_other)
        for (r = smtp_reason_match(0, ex->text, need, NULL);
             r && ex->other_count < SMTP_REASON_COUNT;
             r = smtp_reason_match(0, ex->text, need, r))
            ex->other[ex->other_count++] = r;
    return 0;
}

const char *explain_error(const struct explain *ex)
{
    return smtp_parse_error_text(ex->rc);
}
