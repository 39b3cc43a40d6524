/* fuzz_enhanced_parse.c - a libFuzzer harness for smtp_enhanced_parse() of
 * the generated out/include/smtp_codes.h: the input, and every prefix of
 * it, each copied into a heap block of exactly its length (so that
 * AddressSanitizer catches a read past the length), is parsed by the
 * header and by the reference below, and the harness traps when the two
 * disagree on the bytes consumed or the fields, or when the header writes
 * *out on a failure or gives another result without out.
 *
 * The reference reads RFC 3463's grammar the plain way: it takes the
 * longest run of digits for each of the three numbers and then checks
 * the runs (the class one digit of 2, 4 and 5; subject and detail 1 to 3
 * digits, no leading zero; a dot between; no digit, ASCII letter or dot
 * after the detail).
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


static int ref_is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* The end of the run of digits starting at s[at], at most len. */
static size_t ref_digits_end(const unsigned char *s, size_t len, size_t at)
{
    while (at < len && ref_is_digit(s[at]))
        at++;
    return at;
}

/* The number s[from..to) is 1 to 3 digits without a leading zero. */
static int ref_number_ok(const unsigned char *s, size_t from, size_t to)
{
    size_t n = to - from;

    return n >= 1 && n <= 3 && !(n > 1 && s[from] == '0');
}

static int ref_value(const unsigned char *s, size_t from, size_t to)
{
    int v = 0;

    for (; from < to; from++)
        v = v * 10 + (s[from] - '0');
    return v;
}

static size_t reference_parse(const unsigned char *s, size_t len,
                              struct smtp_enhanced_code *out)
{
    size_t class_end, subject_start, subject_end, detail_start, detail_end;
    unsigned char next;

    class_end = ref_digits_end(s, len, 0);
    if (class_end != 1 || (s[0] != '2' && s[0] != '4' && s[0] != '5'))
        return 0;
    if (class_end >= len || s[class_end] != '.')
        return 0;
    subject_start = class_end + 1;
    subject_end = ref_digits_end(s, len, subject_start);
    if (!ref_number_ok(s, subject_start, subject_end))
        return 0;
    if (subject_end >= len || s[subject_end] != '.')
        return 0;
    detail_start = subject_end + 1;
    detail_end = ref_digits_end(s, len, detail_start);
    if (!ref_number_ok(s, detail_start, detail_end))
        return 0;
    if (detail_end < len) {
        next = s[detail_end];
        if (next == '.' || (next >= 'a' && next <= 'z') || (next >= 'A' && next <= 'Z'))
            return 0;
    }
    out->cls = s[0] - '0';
    out->subject = ref_value(s, subject_start, subject_end);
    out->detail = ref_value(s, detail_start, detail_end);
    return detail_end;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t len, got, want;
    struct smtp_enhanced_code header, ref;
    char *copy;

    for (len = size + 1; len-- > 0;) {
        copy = (char *)malloc(len);
        if (!copy && len)
            return 0;
        if (len)
            memcpy(copy, data, len);
        header.cls = header.subject = header.detail = -7;
        ref.cls = ref.subject = ref.detail = -7;
        got = smtp_enhanced_parse(copy, len, &header);
        want = reference_parse((const unsigned char *)data, len, &ref);
        FUZZ_CHECK(got == want);
        FUZZ_CHECK(header.cls == ref.cls && header.subject == ref.subject
                   && header.detail == ref.detail);
        FUZZ_CHECK(smtp_enhanced_parse(copy, len, NULL) == got);
        free(copy);
    }
    return 0;
}
