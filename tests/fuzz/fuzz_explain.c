/* fuzz_explain.c - a libFuzzer harness for smtpcode's line scanner,
 * explain_line() of gen/explain.c.
 *
 * The input is one line (any bytes), copied into a heap block of exactly
 * its length so that AddressSanitizer catches a read past it. One struct
 * explain lives across all inputs, as it does across the lines of a log in
 * smtpcode, so that its buffers are reused and grown. The harness traps
 * when:
 * - explain_line() gives another candidate reply than the reference below,
 *   a plain reading of the scanner's rules (issue 10's shared contract,
 *   repeated in gen/explain.h): DSN field, Postfix " said: ", Exim, bare; trailing
 *   blanks dropped; a joined multi-line reply split before " CCC-" and
 *   " CCC ";
 * - its result is not smtp_reply_parse()'s on that candidate, or its
 *   return value disagrees with ex.rc, or a failure has no message;
 * - on success: the text is not smtp_reply_text() of the parse, or not
 *   NUL-terminated; a reason has another code or comes out of
 *   smtp_reason_match()'s order (compared by id: explain.c has its own
 *   copy of the header's static tables, so the pointers differ); reasons from another code are given
 *   while reasons with the code are;
 * - the same line a second time gives another result.
 *
 * Build and run: tests/fuzz/run.sh SECONDS (see there).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explain.h"
#include "harness.h"


static char ref_lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int ref_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int ref_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int ref_token(char c)
{
    c = ref_lower(c);
    return ref_digit(c) || (c >= 'a' && c <= 'z') || c == '-';
}

/* The first place of needle in s[from..len) (ASCII case ignored when
 * fold), or len. */
static size_t ref_find(const char *s, size_t len, size_t from, const char *needle, int fold)
{
    size_t n = strlen(needle), i, k;

    for (i = from; i + n <= len; i++) {
        for (k = 0; k < n; k++)
            if (fold ? ref_lower(s[i + k]) != ref_lower(needle[k]) : s[i + k] != needle[k])
                break;
        if (k == n)
            return i;
    }
    return len;
}

/* The candidate of the spec's rules: s[*b..*e). */
static void ref_candidate(const char *s, size_t len, size_t *b, size_t *e)
{
    static const char exim[] = "SMTP error from remote mail server after ";
    size_t at, k, last;

    *b = 0;
    *e = len;
    if ((at = ref_find(s, len, 0, "Diagnostic-Code:", 1)) < len) {
        *b = at + 16;
        while (*b < len && ref_blank(s[*b]))
            ++*b;
        for (k = *b; k < len && ref_token(s[k]); k++)
            ;
        if (k > *b && k < len && s[k] == ';')
            for (*b = k + 1; *b < len && ref_blank(s[*b]); ++*b)
                ;
    } else if ((at = ref_find(s, len, 0, " said: ", 0)) < len) {
        *b = at + 7;
        /* The last " (in reply to " in the reply, when the line ends with ")". */
        last = len;
        for (k = ref_find(s, len, *b, " (in reply to ", 0); k < len;
             k = ref_find(s, len, k + 1, " (in reply to ", 0))
            last = k;
        if (last < len && s[len - 1] == ')')
            *e = last;
    } else if ((at = ref_find(s, len, 0, exim, 0)) < len) {
        k = ref_find(s, len, at + sizeof exim - 1, ": ", 0);
        *b = k < len ? k + 2 : len;
        if (ref_find(s, len, *b, "host ", 0) == *b) {
            k = ref_find(s, len, *b + 5, ": ", 0);
            if (k < len && s[k - 1] == ']')
                *b = k + 2;
        }
    } else {
        while (*b < len && ref_blank(s[*b]))
            ++*b;
    }
    while (*e > *b && ref_blank(s[*e - 1]))
        --*e;
}

static struct explain ex;
static int ex_ready;

/* Checks one explain_line() of line[0..len), the copy of data. */
static void check_line(const char *line, size_t len)
{
    size_t b, e, n, i, cut;
    char *want = NULL, *text;
    struct smtp_reply_parsed p;
    const struct smtp_reason_info *r;
    int rc, want_rc;

    rc = explain_line(&ex, line, len);
    if (rc < 0)
        return; /* out of memory */
    FUZZ_CHECK(rc == 0 || rc == 1);
    FUZZ_CHECK((rc == 0) == (ex.rc == 0));
    FUZZ_CHECK(rc == 0 || explain_error(&ex) != NULL);

    cut = len;
    if (cut > 0 && line[cut - 1] == '\n')
        cut--;
    if (cut > 0 && line[cut - 1] == '\r')
        cut--;
    FUZZ_CHECK(ex.line == line && ex.line_len == cut);
    ref_candidate(line, cut, &b, &e);
    n = e - b;
    if (n == 0) {
        FUZZ_CHECK(ex.rc == SMTP_PARSE_EMPTY);
        return;
    }
    want = (char *)malloc(n);
    if (!want)
        return;
    memcpy(want, line + b, n);
    if (n >= 4 && ref_digit(want[0]) && ref_digit(want[1]) && ref_digit(want[2])
        && want[3] == '-')
        for (i = 1; i + 4 <= n; i++)
            if (line[b + i] == ' ' && memcmp(line + b + i + 1, line + b, 3) == 0
                && (i + 4 == n || line[b + i + 4] == '-' || line[b + i + 4] == ' '))
                want[i] = '\n';
    FUZZ_CHECK(ex.reply != NULL && ex.reply_len == n && memcmp(ex.reply, want, n) == 0);
    want_rc = smtp_reply_parse(want, n, &p);
    FUZZ_CHECK(ex.rc == want_rc);
    if (want_rc != 0) {
        free(want);
        return;
    }
    FUZZ_CHECK(p.code == ex.parsed.code && p.lines == ex.parsed.lines
               && p.has_enhanced == ex.parsed.has_enhanced
               && p.consistent == ex.parsed.consistent
               && p.text_len == ex.parsed.text_len);
    n = smtp_reply_text(&p, NULL, 0);
    text = (char *)malloc(n + 1);
    if (text) {
        smtp_reply_text(&p, text, n + 1);
        FUZZ_CHECK(ex.text_len == n && memcmp(ex.text, text, n) == 0 && ex.text[n] == '\0');
        free(text);
    }
    /* The reasons are smtp_reason_match()'s, in its order. */
    r = NULL;
    for (i = 0; i < ex.reason_count; i++) {
        r = smtp_reason_match(ex.parsed.code, ex.text, ex.text_len, r);
        FUZZ_CHECK(r && r->id == ex.reasons[i]->id && r->code == ex.parsed.code);
    }
    /* and no more than those. */
    FUZZ_CHECK(smtp_reason_match(ex.parsed.code, ex.text, ex.text_len, r) == NULL);
    FUZZ_CHECK(ex.reason_count == 0 || ex.other_count == 0);
    r = NULL;
    for (i = 0; i < ex.other_count; i++) {
        r = smtp_reason_match(0, ex.text, ex.text_len, r);
        FUZZ_CHECK(r && r->id == ex.other[i]->id);
    }
    if (ex.reason_count == 0)
        FUZZ_CHECK(smtp_reason_match(0, ex.text, ex.text_len, r) == NULL);
    free(want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy;
    int code, rc;
    size_t reasons;

    if (!ex_ready) {
        explain_init(&ex);
        ex_ready = 1;
    }
    copy = (char *)malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    check_line(copy, size);
    /* Again: the buffers are reused, the result is the same. */
    rc = ex.rc;
    code = ex.parsed.code;
    reasons = ex.reason_count;
    check_line(copy, size);
    FUZZ_CHECK(ex.rc == rc && ex.parsed.code == code && ex.reason_count == reasons);
    free(copy);
    return 0;
}
