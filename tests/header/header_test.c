/* header_test.c - uses every macro and function of the generated
 * smtp_codes.h and prints what they return, one fact a line, so that
 * tests/header/expected.py (which reads the CSVs on its own) can compare:
 * the rows, their since/deprecated/replaced_by, the aliases (each
 * *_ALIAS_LIST entry, its enumerator's value, what the by_name lookups
 * find for it) and every lookup. Compiled as C99, C11 and C++11 by
 * tests/header/check.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* This test deliberately uses every name the header declares, deprecated
 * rows and aliases too (through the X-macros), so it silences their marks
 * the documented way: SMTP_DEPRECATED defined, empty, before the header.
 * header_test_other.c leaves the marks on, and tests/header/deprecated.sh
 * checks that they warn. */
#define SMTP_DEPRECATED(msg)
#include "smtp_codes.h"
#include "test_bytes.h"

/* Defined in header_test_other.c, which includes the header too: the
 * header must link cleanly into several translation units. */
int other_unit_reply_count(void);
const char *other_unit_description(int code);
int other_unit_enhanced_count(void);
const char *other_unit_enhanced_text(int subject, int detail);

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

static int enhanced_rows;

#define PRINT_ENHANCED(NAME, SUBJECT, DETAIL, TEXT)                               \
    printf("X-enhanced %s %d %d %s\n", #NAME, SUBJECT, DETAIL, TEXT);             \
    expect((int)SMTP_ENHANCED_##NAME == enhanced_rows++,                          \
           "enum smtp_enhanced value of " #NAME);                                 \
    expect(smtp_enhanced_get(SMTP_ENHANCED_##NAME) != NULL                        \
               && strcmp(smtp_enhanced_get(SMTP_ENHANCED_##NAME)->name, #NAME) == 0, \
           "smtp_enhanced_get of " #NAME);

#define PRINT_CLASS(NAME, CLASS, TITLE)                                           \
    printf("X-class %s %d %s\n", #NAME, CLASS, TITLE);                           \
    expect(SMTP_ENHANCED_CLASS_##NAME == CLASS, "enum smtp_enhanced_class value of " #NAME);

#define PRINT_SUBJECT(NAME, SUBJECT, TITLE)                                       \
    printf("X-subject %s %d %s\n", #NAME, SUBJECT, TITLE);                       \
    expect(SMTP_ENHANCED_SUBJECT_##NAME == SUBJECT,                               \
           "enum smtp_enhanced_subject value of " #NAME);

static const char *or_null(const char *s)
{
    return s ? s : "(null)";
}

/* " NULL" or ' "s"': an optional field of an info struct, so that NULL and
 * "" differ in the output. */
static void print_optional(const char *s)
{
    if (s)
        printf(" \"%s\"", s);
    else
        printf(" NULL");
}

/* "since deprecated replaced_by" of a row, each NULL or quoted. */
static void print_evolution(const char *since, const char *deprecated,
                            const char *replaced_by)
{
    print_optional(since);
    print_optional(deprecated);
    print_optional(replaced_by);
    printf("\n");
}

/* The current name of the row that a by_name lookup finds for name, or
 * "-" for none. */
static const char *reply_found(const char *name)
{
    const struct smtp_reply_info *reply = smtp_reply_by_name(name);

    return reply ? reply->name : "-";
}

static const char *reason_found(const char *name)
{
    const struct smtp_reason_info *reason = smtp_reason_by_name(name);

    return reason ? reason->name : "-";
}

static const char *enhanced_found(const char *name)
{
    const struct smtp_enhanced_info *row = smtp_enhanced_by_name(name);

    return row ? row->name : "-";
}

/* The aliases: each X(OLD, NAME) of an *_ALIAS_LIST, the value of the
 * alias enumerator (which must equal the row's), the row the by_name
 * lookup finds for the alias, then for the alias with a "_" appended (a
 * miss, unless the table has that name too). */
#define PRINT_REPLY_ALIAS(OLD, NAME)                                              \
    printf("X-reply-alias %s %s %d %s %s\n", #OLD, #NAME, (int)SMTP_REPLY_##OLD,  \
           reply_found(#OLD), reply_found(#OLD "_"));                             \
    expect(SMTP_REPLY_##OLD == SMTP_REPLY_##NAME, "reply alias value of " #OLD);   \
    expect(smtp_reply_by_name(#OLD) == smtp_reply_by_code(SMTP_REPLY_##NAME),     \
           "smtp_reply_by_name of alias " #OLD);

#define PRINT_REASON_ALIAS(OLD, NAME)                                             \
    printf("X-reason-alias %s %s %d %s %s\n", #OLD, #NAME, (int)SMTP_REASON_##OLD, \
           reason_found(#OLD), reason_found(#OLD "_"));                           \
    expect(SMTP_REASON_##OLD == SMTP_REASON_##NAME, "reason alias value of " #OLD); \
    expect(smtp_reason_by_name(#OLD) == smtp_reason_get(SMTP_REASON_##NAME),      \
           "smtp_reason_by_name of alias " #OLD);

#define PRINT_ENHANCED_ALIAS(OLD, NAME)                                           \
    printf("X-enhanced-alias %s %s %d %s %s\n", #OLD, #NAME,                      \
           (int)SMTP_ENHANCED_##OLD, enhanced_found(#OLD), enhanced_found(#OLD "_")); \
    expect(SMTP_ENHANCED_##OLD == SMTP_ENHANCED_##NAME,                           \
           "enhanced alias value of " #OLD);                                      \
    expect(smtp_enhanced_by_name(#OLD) == smtp_enhanced_get(SMTP_ENHANCED_##NAME), \
           "smtp_enhanced_by_name of alias " #OLD);

/* Names no table holds, for every by_name lookup. */
static const char *const missing_names[] = {"", "NO SUCH NAME", "NO_SUCH_NAME", "X", "_"};

/* The inputs to smtp_enhanced_parse(), with their lengths (some hold NUL
 * bytes). tests/header/expected.py has the same list; every output line
 * quotes its input, so two lists that drift apart show in the diff. */
#define INPUT(s) { s, sizeof s - 1 }
static const struct parse_input {
    const char *s;
    size_t len;
} parse_inputs[] = {
    INPUT(""), INPUT("5"), INPUT("5."), INPUT("5.1"), INPUT("5.1."), INPUT("5.1.1"),
    INPUT("5.1.10"), INPUT("5.1.1 text"), INPUT("5.1.1,"), INPUT("5.1.1x"),
    INPUT("5.1.1X"), INPUT("5.1.1000"), INPUT("5.1.1.2"), INPUT("5.01.1"),
    INPUT("6.1.1"), INPUT("05.1.1"), INPUT("5..1"), INPUT("2.0.0"), INPUT("4.7.999"),
    INPUT("5.999.999"), INPUT("5.1000.1"), INPUT("5.1.01"), INPUT("5.1.1\r\n"),
    INPUT("5.1.1)"), INPUT(" 5.1.1"), INPUT("5.1\0" ".1"), INPUT("5.1.1\0" "2"),
    INPUT("5.1.1\0"), INPUT("5.1.1\xc3\xa9"), INPUT("5.1.1\xff"), INPUT("\xff" "5.1.1"),
    INPUT("0.0.0"), INPUT("1.1.1"), INPUT("3.1.1"), INPUT("7.1.1"), INPUT("9.1.1"),
    INPUT("4.4.7;"), INPUT("4.0.0-"), INPUT("5.0.0_"), INPUT("5.7.1:"), INPUT("5.7.1\t"),
    INPUT("2.1.5"), INPUT("5.1.0"), INPUT("5.10.0"), INPUT("5.100.100"), INPUT("5.00.1"),
    INPUT("5.1.00"), INPUT("5.1.001"), INPUT("5.1.-1"), INPUT("5.-1.1"), INPUT("+5.1.1"),
    INPUT("5.1.1z"), INPUT("5.1.1Z"), INPUT("5.1.1a"), INPUT("5.1.1@"), INPUT("5.1.1["),
    INPUT("5.1.1`"), INPUT("5.1.1{"), INPUT("5.1.1/"), INPUT("5.1.1:"), INPUT("5 .1.1"),
    INPUT("5. 1.1"), INPUT("5.1 .1"), INPUT("5,1,1"), INPUT("5.a.1"), INPUT("5.1.a"),
    INPUT("55.1.1"), INPUT("5.7.26 multiple"), INPUT("4.7.0 "), INPUT("5.1.1..."),
    INPUT("5.3.999x"), INPUT("5.3.9999"), INPUT("2.999.0."), INPUT("\0" "5.1.1"),
};

/* smtp_enhanced_parse() on s[0..len), copied into a heap block of exactly
 * len bytes so that AddressSanitizer catches a read past the end. */
static void try_parse(const char *s, size_t len)
{
    struct smtp_enhanced_code code = {-7, -7, -7};
    char *copy = exact_copy(s, len);
    size_t n, n_without_out;

    n = smtp_enhanced_parse(copy, len, &code);
    n_without_out = smtp_enhanced_parse(copy, len, NULL);
    free(copy);
    expect(n == n_without_out, "smtp_enhanced_parse without out");
    expect(n <= len, "smtp_enhanced_parse within len");
    /* On 0, code still holds -7.-7.-7. */
    printf("parse \"");
    print_bytes(s, len);
    printf("\" %d %d %d.%d.%d\n", (int)len, (int)n, code.cls, code.subject, code.detail);
}

/* The subjects and details of the by_code sweep: -1 to upto, and a few
 * numbers near and past the largest. */
static int in_sweep(int value, int upto)
{
    return value <= upto || value == 99 || value == 100 || value == 999 || value == 1000;
}

static void enhanced_tests(void)
{
    const struct smtp_enhanced_info *e;
    size_t k, len;
    int i, subject, detail, code;
    static const int some_codes[] = {-1, 0, 5, 99, 100, 199, 200, 220, 250, 252, 421, 450,
                                     451, 452, 499, 500, 550, 552, 554, 556, 599, 600, 999,
                                     1000};

    printf("enhanced %s %s\n", SMTP_CODES_ENHANCED_FILE, SMTP_CODES_ENHANCED_SHA256);
    printf("subcodes %s %s\n", SMTP_CODES_SUBCODES_FILE, SMTP_CODES_SUBCODES_SHA256);
    printf("enhanced-count %d\n", (int)SMTP_ENHANCED_COUNT);

    SMTP_ENHANCED_LIST(PRINT_ENHANCED)
    expect(enhanced_rows == (int)SMTP_ENHANCED_COUNT, "SMTP_ENHANCED_LIST has COUNT rows");
    SMTP_ENHANCED_CLASS_LIST(PRINT_CLASS)
    SMTP_ENHANCED_SUBJECT_LIST(PRINT_SUBJECT)

    for (i = 0; i < (int)SMTP_ENHANCED_COUNT; i++) {
        e = smtp_enhanced_get((enum smtp_enhanced)i);
        expect(e != NULL && (int)e->id == i, "smtp_enhanced_get id");
        if (!e)
            continue;
        printf("enhanced-row %d %s X.%d.%d\n", i, e->name, e->subject, e->detail);
        printf("enhanced-text %d %s\n", i, e->text);
        printf("enhanced-basic %d %s\n", i, e->basic_codes);
        printf("enhanced-reference %d %s\n", i, e->reference);
        printf("enhanced-deprecated %d %s %s\n", i, or_null(e->deprecated),
               or_null(e->replaced_by));
        printf("enhanced-description %d %s\n", i, e->description);
        printf("enhanced-evolution %d %s", i, e->name);
        print_evolution(e->since, e->deprecated, e->replaced_by);
        expect(smtp_enhanced_by_code(e->subject, e->detail) == e, "smtp_enhanced_by_code");
        expect(smtp_enhanced_by_name(e->name) == e, "smtp_enhanced_by_name");
        expect(smtp_enhanced_text(e->subject, e->detail) == e->text, "smtp_enhanced_text");
        expect(e->replaced_by == NULL || smtp_enhanced_by_name(e->replaced_by) != NULL,
               "replaced_by names a row");
        /* Every basic code from 200 to 599 that the row has, then a few
         * codes one by one, in and out of range. */
        printf("has-basic %s", e->name);
        for (code = 200; code <= 599; code++)
            if (smtp_enhanced_has_basic_code(e, code))
                printf(" %d", code);
        printf("\n");
        for (k = 0; k < sizeof some_codes / sizeof some_codes[0]; k++)
            printf("has-basic-code %s %d %d\n", e->name, some_codes[k],
                   smtp_enhanced_has_basic_code(e, some_codes[k]));
    }
    expect(smtp_enhanced_get((enum smtp_enhanced)-1) == NULL, "smtp_enhanced_get(-1)");
    expect(smtp_enhanced_get(SMTP_ENHANCED_COUNT) == NULL, "smtp_enhanced_get(COUNT)");
    expect(smtp_enhanced_by_name(NULL) == NULL, "smtp_enhanced_by_name(NULL)");
    expect(smtp_enhanced_by_name("") == NULL, "smtp_enhanced_by_name(\"\")");
    expect(smtp_enhanced_by_name("NO SUCH NAME") == NULL, "unknown enhanced name");
    for (k = 0; k < sizeof missing_names / sizeof missing_names[0]; k++)
        printf("enhanced-by-name \"%s\" %s\n", missing_names[k],
               enhanced_found(missing_names[k]));
    SMTP_ENHANCED_ALIAS_LIST(PRINT_ENHANCED_ALIAS)
    expect(smtp_enhanced_has_basic_code(NULL, 550) == 0, "has_basic_code(NULL)");

    /* Every X.subject.detail of a sweep: the row's name, or "-". */
    for (subject = -1; subject <= 1000; subject++) {
        for (detail = -1; detail <= 1000; detail++) {
            if (!in_sweep(subject, 12) || !in_sweep(detail, 40))
                continue;
            e = smtp_enhanced_by_code(subject, detail);
            printf("by-code X.%d.%d %s %s\n", subject, detail, e ? e->name : "-",
                   or_null(smtp_enhanced_text(subject, detail)));
        }
    }
    for (i = -1; i <= 10; i++)
        printf("class-text %d %s\n", i, or_null(smtp_enhanced_class_text(i)));
    for (i = -1; i <= 1000; i++)
        if (in_sweep(i, 12))
            printf("subject-text %d %s\n", i, or_null(smtp_enhanced_subject_text(i)));

    /* Each input whole and cut to every shorter length. */
    for (k = 0; k < sizeof parse_inputs / sizeof parse_inputs[0]; k++)
        for (len = parse_inputs[k].len + 1; len-- > 0;)
            try_parse(parse_inputs[k].s, len);
    expect(smtp_enhanced_parse(NULL, 0, NULL) == 0, "smtp_enhanced_parse(NULL, 0)");

    expect(other_unit_enhanced_count() == (int)SMTP_ENHANCED_COUNT, "second unit count");
    for (i = 0; i < (int)SMTP_ENHANCED_COUNT; i++) {
        const char *text;

        e = smtp_enhanced_get((enum smtp_enhanced)i);
        text = e ? other_unit_enhanced_text(e->subject, e->detail) : NULL;
        expect(text && strcmp(text, e->text) == 0, "second unit enhanced text");
    }
}

int main(void)
{
    size_t i;
    int code, n, j;
    const struct smtp_reply_info *reply;
    const struct smtp_reason_info *reason, *other;
    char longer[256];

    printf("generator %s %s\n", SMTP_CODES_GENERATOR, SMTP_CODES_GENERATOR_VERSION);
    printf("replies %s %s\n", SMTP_CODES_REPLIES_FILE, SMTP_CODES_REPLIES_SHA256);
    printf("reasons %s %s\n", SMTP_CODES_REASONS_FILE, SMTP_CODES_REASONS_SHA256);
    printf("counts %d %d\n", (int)SMTP_REPLY_COUNT, (int)SMTP_REASON_COUNT);

    SMTP_REPLY_LIST(PRINT_REPLY)
    SMTP_REASON_LIST(PRINT_REASON)

    for (i = 0; (reply = smtp_reply_at(i)) != NULL; i++) {
        printf("reply %d %s %s\n", reply->code, reply->name, reply->description);
        printf("reply-evolution %d %s", reply->code, reply->name);
        print_evolution(reply->since, reply->deprecated, reply->replaced_by);
        printf("reply-by-name %s %s\n", reply->name, reply_found(reply->name));
        expect(smtp_reply_by_code(reply->code) == reply, "smtp_reply_by_code");
        expect(smtp_reply_by_name(reply->name) == reply, "smtp_reply_by_name");
        expect(reply->replaced_by == NULL || smtp_reply_by_name(reply->replaced_by) != NULL,
               "reply replaced_by names a row");
        expect(strcmp(smtp_reply_name(reply->code), reply->name) == 0, "smtp_reply_name");
    }
    expect(i == SMTP_REPLY_COUNT, "smtp_reply_at visits SMTP_REPLY_COUNT replies");
    expect(smtp_reply_by_name(NULL) == NULL, "smtp_reply_by_name(NULL)");
    for (i = 0; i < sizeof missing_names / sizeof missing_names[0]; i++)
        printf("reply-by-name \"%s\" %s\n", missing_names[i], reply_found(missing_names[i]));
    SMTP_REPLY_ALIAS_LIST(PRINT_REPLY_ALIAS)

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
        printf("reason-evolution %d %s", j, reason->name);
        print_evolution(reason->since, reason->deprecated, reason->replaced_by);
        /* The name with one more character: a miss (unless the table has
         * that name too) that probes the hash table's chains. */
        if (strlen(reason->name) + 2 <= sizeof longer) {
            sprintf(longer, "%s_", reason->name);
            printf("reason-by-name \"%s\" %s\n", longer, reason_found(longer));
        }
        expect(smtp_reason_by_name(reason->name) == reason, "smtp_reason_by_name");
        expect(reason->replaced_by == NULL || smtp_reason_by_name(reason->replaced_by) != NULL,
               "reason replaced_by names a row");
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
    /* Every lookup by symbol and by code with every possible `after`
     * (NULL and each row, whatever its own symbol or code): the first
     * reason past after with that key, one line per key. */
    for (j = 0; j < (int)SMTP_REASON_COUNT; j++) {
        const struct smtp_reason_info *row = smtp_reason_get((enum smtp_reason)j);
        int k, first_symbol = 1, first_code = 1;

        for (k = 0; k < j; k++) {
            first_symbol &= strcmp(smtp_reason_get((enum smtp_reason)k)->symbol,
                                   row->symbol) != 0;
            first_code &= smtp_reason_get((enum smtp_reason)k)->code != row->code;
        }
        if (first_symbol) {
            printf("after-symbol %s", row->symbol);
            for (k = -1; k < (int)SMTP_REASON_COUNT; k++) {
                other = smtp_reason_by_symbol(
                    row->symbol, k < 0 ? NULL : smtp_reason_get((enum smtp_reason)k));
                printf(" %d", other ? (int)other->id : -1);
            }
            printf("\n");
        }
        if (first_code) {
            printf("after-code %d", row->code);
            for (k = -1; k < (int)SMTP_REASON_COUNT; k++) {
                other = smtp_reason_by_code(
                    row->code, k < 0 ? NULL : smtp_reason_get((enum smtp_reason)k));
                printf(" %d", other ? (int)other->id : -1);
            }
            printf("\n");
        }
    }
    expect(smtp_reason_get((enum smtp_reason)-1) == NULL, "smtp_reason_get(-1)");
    expect(smtp_reason_get(SMTP_REASON_COUNT) == NULL, "smtp_reason_get(COUNT)");
    expect(smtp_reason_by_name(NULL) == NULL, "smtp_reason_by_name(NULL)");
    expect(smtp_reason_by_name("") == NULL, "smtp_reason_by_name(\"\")");
    expect(smtp_reason_by_name("NO SUCH NAME") == NULL, "unknown name");
    for (i = 0; i < sizeof missing_names / sizeof missing_names[0]; i++)
        printf("reason-by-name \"%s\" %s\n", missing_names[i], reason_found(missing_names[i]));
    SMTP_REASON_ALIAS_LIST(PRINT_REASON_ALIAS)
    expect(smtp_reason_by_symbol(NULL, NULL) == NULL, "smtp_reason_by_symbol(NULL)");
    expect(smtp_reason_by_symbol("NO SUCH SYMBOL", NULL) == NULL, "unknown symbol");
    expect(smtp_reason_by_code(-5, NULL) == NULL, "unknown code");
    expect(smtp_reply_at(SMTP_REPLY_COUNT) == NULL, "smtp_reply_at past the end");
    expect(other_unit_reply_count() == (int)SMTP_REPLY_COUNT, "second unit count");
    for (i = 0; (reply = smtp_reply_at(i)) != NULL; i++)
        expect(strcmp(other_unit_description(reply->code), reply->description) == 0,
               "second unit description");
    enhanced_tests();
    printf("failures %d\n", failures);
    return failures != 0;
}
