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

/* The first place of needle (ASCII case ignored when fold) in s[0..len),
 * or NULL. */
static const char *explain_find(const char *s, size_t len, const char *needle, int fold)
{
    size_t n = strlen(needle), i, k;

    if (n > len)
        return NULL;
    if (!fold) {
        for (i = 0; i + n <= len; i++) {
            const char *hit = (const char *)memchr(s + i, needle[0], len - n + 1 - i);
            if (!hit)
                return NULL;
            i = (size_t)(hit - s);
            if (memcmp(hit, needle, n) == 0)
                return hit;
        }
        return NULL;
    }
    for (i = 0; i + n <= len; i++) {
        for (k = 0; k < n && explain_lower(s[i + k]) == explain_lower(needle[k]); k++)
            ;
        if (k == n)
            return s + i;
    }
    return NULL;
}

static int explain_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int explain_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Sets *start and *end to the candidate reply in s[0..len) by the rules
 * of explain.h; 0, or 1 when no rule applies (never: rule 4 always does). */
static void explain_candidate(const char *s, size_t len, size_t *start, size_t *end)
{
    static const char exim[] = "SMTP error from remote mail server after ";
    const char *hit;
    size_t b = 0, e = len, k;

    if ((hit = explain_find(s, len, "Diagnostic-Code:", 1)) != NULL) {
        b = (size_t)(hit - s) + 16;
        while (b < e && explain_blank(s[b]))
            b++;
        for (k = b; k < e && (explain_digit(s[k]) || s[k] == '-'
                              || (explain_lower(s[k]) >= 'a' && explain_lower(s[k]) <= 'z'));
             k++)
            ;
        if (k > b && k < e && s[k] == ';')
            for (b = k + 1; b < e && explain_blank(s[b]); b++)
                ;
    } else if ((hit = explain_find(s, len, " said: ", 0)) != NULL) {
        static const char suffix[] = " (in reply to ";
        const char *last = NULL, *p = hit;

        b = (size_t)(hit - s) + 7;
        while ((p = explain_find(p + 1, len - (size_t)(p + 1 - s), suffix, 0)) != NULL)
            last = p;
        if (last && s[len - 1] == ')' && (size_t)(last - s) >= b)
            e = (size_t)(last - s);
    } else if ((hit = explain_find(s, len, exim, 0)) != NULL) {
        const char *colon = explain_find(hit, len - (size_t)(hit - s), ": ", 0);
        b = colon ? (size_t)(colon - s) + 2 : len;
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

    ex->rc = EXPLAIN_NO_REPLY;
    ex->reply = NULL;
    ex->reply_len = ex->text_len = ex->reason_count = ex->other_count = 0;
    memset(&ex->parsed, 0, sizeof ex->parsed);
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    explain_candidate(line, len, &b, &e);
    c = line + b;
    n = e - b;
    if (n == 0)
        return 1;
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
    if (ex->reason_count == 0)
        for (r = smtp_reason_match(0, ex->text, need, NULL);
             r && ex->other_count < SMTP_REASON_COUNT;
             r = smtp_reason_match(0, ex->text, need, r))
            ex->other[ex->other_count++] = r;
    return 0;
}

const char *explain_error(const struct explain *ex)
{
    if (ex->rc == EXPLAIN_NO_REPLY)
        return "no SMTP reply found";
    return smtp_parse_error_text(ex->rc);
}
