/* fuzz_reply_parse.c - a libFuzzer harness for smtp_reply_parse() and the
 * functions that read its result (smtp_reply_line(), smtp_reply_text(),
 * smtp_reason_match()) in the generated out/include/smtp_codes.h.
 *
 * The input is copied into a heap block of exactly its length, so that
 * AddressSanitizer catches a read past len, and parsed. The harness traps
 * when an invariant breaks:
 * - the result is 0 or one of the SMTP_PARSE_... values, each with a
 *   message; NULL out gives SMTP_PARSE_BAD_ARGUMENT;
 * - on a failure *out is all zero;
 * - on success: code in 200..599 (first digit 2 to 5); text and text_len
 *   within the input; lines >= 1 and equal to the line count of the input
 *   (a success consumes it all: LFs, plus one when it does not end with
 *   LF); smtp_reply_line() gives a line within the input for every index
 *   below lines and none at lines; smtp_reply_text() gives the same
 *   length and a prefix of the same text with a small buffer, a big one
 *   and none, always NUL-terminated, and the big one is the lines joined
 *   with one space; consistent is 1 exactly when there is no enhanced code
 *   or its class is code / 100; the class name is the code's;
 * - smtp_reason_match() over the joined text, with the code and with 0
 *   (any code), ends within SMTP_REASON_COUNT steps, every result has the
 *   code (when not 0) and a description that matches, and the results
 *   come in strictly decreasing order of (match length, then table order
 *   reversed), so no reason comes twice.
 *
 * Build and run: tests/fuzz/run.sh SECONDS (see there).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "smtp_codes.h"
#include "harness.h"


static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = (const unsigned char *)p;
    size_t i;

    for (i = 0; i < n; i++)
        if (b[i] != 0)
            return 0;
    return 1;
}

/* Walks the reasons smtp_reason_match() gives for text[0..len). */
static void check_reasons(int code, const char *text, size_t len)
{
    const struct smtp_reason_info *r, *prev = NULL;
    size_t steps = 0, n, prev_n = 0;

    for (r = smtp_reason_match(code, text, len, NULL); r;
         r = smtp_reason_match(code, text, len, r)) {
        FUZZ_CHECK(++steps <= SMTP_REASON_COUNT);
        FUZZ_CHECK(code == 0 || r->code == code);
        FUZZ_CHECK(smtp_reason_get(r->id) == r);
        n = smtp_codes_match_len(r->description, text, len);
        FUZZ_CHECK(n > 0 && n <= len);
        if (prev)
            FUZZ_CHECK(n < prev_n || (n == prev_n && r->id > prev->id));
        prev = r;
        prev_n = n;
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct smtp_reply_parsed p, zero;
    char *copy, *big, small[8];
    const char *line, *end;
    size_t i, n, lfs = 0, total, joined, want_lines;
    int rc;

    copy = (char *)malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    memset(&zero, 0, sizeof zero);
    memset(&p, 0x5a, sizeof p);

    FUZZ_CHECK(smtp_reply_parse(copy, size, NULL) == SMTP_PARSE_BAD_ARGUMENT);
    rc = smtp_reply_parse(copy, size, &p);
    FUZZ_CHECK(rc <= 0 && rc >= SMTP_PARSE_BAD_ARGUMENT);
    FUZZ_CHECK(smtp_parse_error_text(rc) != NULL);
    if (rc != SMTP_PARSE_OK) {
        FUZZ_CHECK(all_zero(&p, sizeof p));
        FUZZ_CHECK(!smtp_reply_line(&p, 0, &line, &n));
        free(copy);
        return 0;
    }
    /* The same again gives the same. */
    FUZZ_CHECK(smtp_reply_parse(copy, size, &zero) == 0 && memcmp(&zero, &p, sizeof p) == 0);

    FUZZ_CHECK(p.code >= 200 && p.code <= 599);
    FUZZ_CHECK(p.code / 100 == copy[0] - '0');
    FUZZ_CHECK(smtp_code_class_name(p.code) != NULL);
    end = copy + size;
    FUZZ_CHECK(p.text >= copy && p.text <= end);
    FUZZ_CHECK(p.text_len <= (size_t)(end - p.text));
    for (i = 0; i < size; i++)
        lfs += copy[i] == '\n';
    want_lines = lfs + (copy[size - 1] != '\n');
    FUZZ_CHECK(p.lines >= 1 && p.lines == want_lines);
    FUZZ_CHECK(p.has_enhanced == 0 || p.has_enhanced == 1);
    FUZZ_CHECK(p.consistent == (!p.has_enhanced || p.enhanced.cls == p.code / 100));
    if (p.has_enhanced)
        FUZZ_CHECK(p.enhanced.cls == 2 || p.enhanced.cls == 4 || p.enhanced.cls == 5);

    joined = 0;
    for (i = 0; i < p.lines; i++) {
        FUZZ_CHECK(smtp_reply_line(&p, i, &line, &n));
        FUZZ_CHECK(line >= copy && line <= end && n <= (size_t)(end - line));
        FUZZ_CHECK(memchr(line, '\n', n) == NULL);
        joined += n + (i > 0);
    }
    FUZZ_CHECK(!smtp_reply_line(&p, p.lines, &line, &n));

    total = smtp_reply_text(&p, NULL, 0);
    FUZZ_CHECK(total == joined);
    FUZZ_CHECK(smtp_reply_text(&p, small, sizeof small) == total);
    FUZZ_CHECK(small[total < sizeof small ? total : sizeof small - 1] == '\0');
    big = (char *)malloc(total + 1);
    if (!big) {
        free(copy);
        return 0;
    }
    FUZZ_CHECK(smtp_reply_text(&p, big, total + 1) == total);
    FUZZ_CHECK(big[total] == '\0');
    FUZZ_CHECK(memcmp(small, big, total < sizeof small ? total : sizeof small - 1) == 0);
    /* big is the lines joined with one space. */
    joined = 0;
    for (i = 0; smtp_reply_line(&p, i, &line, &n); i++) {
        if (i > 0)
            FUZZ_CHECK(big[joined++] == ' ');
        FUZZ_CHECK(memcmp(big + joined, line, n) == 0);
        joined += n;
    }
    FUZZ_CHECK(joined == total);

    /* The reasons, over a copy of exactly the text's length. */
    {
        char *text = (char *)malloc(total ? total : 1);
        if (text) {
            memcpy(text, big, total);
            check_reasons(p.code, text, total);
            check_reasons(0, text, total);
            free(text);
        }
    }
    free(big);
    free(copy);
    return 0;
}
