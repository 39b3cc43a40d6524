/* header_test.c - uses every macro and function of the generated
 * smtp_codes.h and prints what they return, one fact a line, so that
 * tests/header/expected.py (which reads the CSVs on its own) can compare.
 * Compiled as C99, C11 and C++11 by tests/header/check.sh. */
#include <stdio.h>
#include <string.h>

#include "smtp_codes.h"

/* Defined in header_test_other.c, which includes the header too: the
 * header must link cleanly into several translation units. */
int other_unit_reply_count(void);
const char *other_unit_description(int code);

static int failures;

static void expect(int ok, const char *what)
{
    if (!ok) {
        printf("FAIL %s\n", what);
        failures++;
    }
}

#define PRINT_REPLY(NAME, CODE, DESCRIPTION)                                      \
    printf("X-reply %s %d %s\n", #NAME, CODE, DESCRIPTION);                       \
    expect(SMTP_REPLY_##NAME == CODE, "enum smtp_reply value of " #NAME);

#define PRINT_REASON(NAME, SYMBOL, CODE, DESCRIPTION)                             \
    printf("X-reason %s %s %d %s\n", #NAME, SYMBOL, CODE, DESCRIPTION);          \
    expect(smtp_reason_get(SMTP_REASON_##NAME) != NULL                            \
               && strcmp(smtp_reason_get(SMTP_REASON_##NAME)->name, #NAME) == 0,  \
           "enum smtp_reason value of " #NAME);

int main(void)
{
    size_t i;
    int code, n, j;
    const struct smtp_reply_info *reply;
    const struct smtp_reason_info *reason, *other;

    printf("generator %s %s\n", SMTP_CODES_GENERATOR, SMTP_CODES_GENERATOR_VERSION);
    printf("replies %s %s\n", SMTP_CODES_REPLIES_FILE, SMTP_CODES_REPLIES_SHA256);
    printf("reasons %s %s\n", SMTP_CODES_REASONS_FILE, SMTP_CODES_REASONS_SHA256);
    printf("counts %d %d\n", (int)SMTP_REPLY_COUNT, (int)SMTP_REASON_COUNT);

    SMTP_REPLY_LIST(PRINT_REPLY)
    SMTP_REASON_LIST(PRINT_REASON)

    for (i = 0; (reply = smtp_reply_at(i)) != NULL; i++) {
        printf("reply %d %s %s\n", reply->code, reply->name, reply->description);
        expect(smtp_reply_by_code(reply->code) == reply, "smtp_reply_by_code");
        expect(strcmp(smtp_reply_name(reply->code), reply->name) == 0, "smtp_reply_name");
    }
    expect(i == SMTP_REPLY_COUNT, "smtp_reply_at visits SMTP_REPLY_COUNT replies");

    /* Every code from -1 to 1000: known ones give their text, others NULL. */
    for (code = -1, n = 0; code <= 1000; code++) {
        const char *description = smtp_reply_description(code);
        if (description) {
            printf("description %d %s\n", code, description);
            n++;
        } else {
            expect(smtp_reply_name(code) == NULL && smtp_reply_by_code(code) == NULL,
                   "unknown code gives NULL everywhere");
        }
        printf("class %d %d %d %d\n", code, smtp_code_is_positive(code),
               smtp_code_is_transient(code), smtp_code_is_permanent(code));
    }
    expect(n == (int)SMTP_REPLY_COUNT, "one description per reply");

    for (j = 0; j < (int)SMTP_REASON_COUNT; j++) {
        reason = smtp_reason_get((enum smtp_reason)j);
        expect(reason != NULL && (int)reason->id == j, "smtp_reason_get id");
        printf("reason %d %s %s %d %s\n", j, reason->name, reason->symbol, reason->code,
               reason->description);
        expect(smtp_reason_by_name(reason->name) == reason, "smtp_reason_by_name");
        /* Every reason with this symbol, then with this code. */
        printf("by-symbol %s", reason->symbol);
        for (other = smtp_reason_by_symbol(reason->symbol, NULL); other;
             other = smtp_reason_by_symbol(reason->symbol, other))
            printf(" %d", (int)other->id);
        printf("\nby-code %d", reason->code);
        for (other = smtp_reason_by_code(reason->code, NULL); other;
             other = smtp_reason_by_code(reason->code, other))
            printf(" %d", (int)other->id);
        printf("\n");
    }
    expect(smtp_reason_get((enum smtp_reason)-1) == NULL, "smtp_reason_get(-1)");
    expect(smtp_reason_get(SMTP_REASON_COUNT) == NULL, "smtp_reason_get(COUNT)");
    expect(smtp_reason_by_name(NULL) == NULL, "smtp_reason_by_name(NULL)");
    expect(smtp_reason_by_name("") == NULL, "smtp_reason_by_name(\"\")");
    expect(smtp_reason_by_name("NO SUCH NAME") == NULL, "unknown name");
    expect(smtp_reason_by_symbol(NULL, NULL) == NULL, "smtp_reason_by_symbol(NULL)");
    expect(smtp_reason_by_symbol("NO SUCH SYMBOL", NULL) == NULL, "unknown symbol");
    expect(smtp_reason_by_code(-5, NULL) == NULL, "unknown code");
    expect(smtp_reply_at(SMTP_REPLY_COUNT) == NULL, "smtp_reply_at past the end");
    expect(other_unit_reply_count() == (int)SMTP_REPLY_COUNT, "second unit count");
    for (i = 0; (reply = smtp_reply_at(i)) != NULL; i++)
        expect(strcmp(other_unit_description(reply->code), reply->description) == 0,
               "second unit description");
    printf("failures %d\n", failures);
    return failures != 0;
}
