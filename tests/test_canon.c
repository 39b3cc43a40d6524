/* test_canon.c - unit tests for canon.c, the canonical form that
 * smtpgen --format writes: what it mends, what it keeps, and that what it
 * writes reads back to the same records and is its own canonical form (the
 * two inputs the fuzzer found where it was not are kept here).
 *
 * Usage: test_canon [IGNORED]
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "canon.h"
#include "csv_read.h"
#include "error.h"

/* A string literal and its length, NUL bytes inside included. */
#define LIT(s) (s), (sizeof(s) - 1)

/* What smtpgen --format does with bytes: mend the line endings, read with
 * the relaxations, write the canonical form. */
static void format(const char *bytes, size_t len, buf *canonical)
{
    buf prepared = BUF_INIT;
    csvread_table *t;
    gen_error err;

    gen_error_init(&err);
    assert_int_equal(canon_prepare(bytes, len, &prepared), 0);
    t = csvread_bytes_with("t.csv", prepared.data ? prepared.data : "", prepared.len,
                           CSVREAD_SKIP_BLANK_LINES, &err);
    if (!t)
        fail_msg("unexpected error %ld:%ld: %s", err.line, err.column, err.text);
    assert_int_equal(canon_format(t, canonical), 0);
    csvread_free(t);
    buf_free(&prepared);
}

/* Formats bytes, compares with expected, and checks that the result is
 * read by the strict reader to the same records and formats to itself. */
static void check(const char *bytes, size_t len, const char *expected)
{
    buf once = BUF_INIT, twice = BUF_INIT, prepared = BUF_INIT;
    csvread_table *relaxed, *strict;
    gen_error err;
    size_t r, f;

    format(bytes, len, &once);
    assert_int_equal(once.len, strlen(expected));
    assert_memory_equal(once.data ? once.data : "", expected, once.len);

    gen_error_init(&err);
    assert_int_equal(canon_prepare(bytes, len, &prepared), 0);
    relaxed = csvread_bytes_with("t.csv", prepared.data ? prepared.data : "", prepared.len,
                                 CSVREAD_SKIP_BLANK_LINES, &err);
    strict = csvread_bytes("t.csv", once.data ? once.data : "", once.len, &err);
    if (!strict)
        fail_msg("the canonical form is refused: %ld:%ld: %s", err.line, err.column,
                 err.text);
    assert_non_null(relaxed);
    assert_int_equal(strict->nrecords, relaxed->nrecords);
    for (r = 0; r < strict->nrecords; r++) {
        assert_int_equal(strict->records[r].nfields, relaxed->records[r].nfields);
        for (f = 0; f < strict->records[r].nfields; f++) {
            assert_int_equal(strict->records[r].fields[f].len,
                             relaxed->records[r].fields[f].len);
            assert_memory_equal(strict->records[r].fields[f].text,
                                relaxed->records[r].fields[f].text,
                                strict->records[r].fields[f].len);
        }
    }
    format(once.data ? once.data : "", once.len, &twice);
    assert_int_equal(twice.len, once.len);
    assert_memory_equal(twice.data ? twice.data : "", once.data ? once.data : "", once.len);
    csvread_free(relaxed);
    csvread_free(strict);
    buf_free(&once);
    buf_free(&twice);
    buf_free(&prepared);
}

static void test_canonical_stays(void **state)
{
    (void)state;
    check(LIT(""), "");
    check(LIT("name,code,description\nA,421,text\n"), "name,code,description\nA,421,text\n");
    check(LIT("a,\"b,c\",\"say \"\"hi\"\"\"\n"), "a,\"b,c\",\"say \"\"hi\"\"\"\n");
    check(LIT(" blank , kept \n"), " blank , kept \n");
}

static void test_mends(void **state)
{
    (void)state;
    /* A BOM, CRLF and lone CR, blank lines, a missing final newline. */
    check(LIT("\xEF\xBB\xBF" "a,b\r\n\r\nc,d\re,f"), "a,b\nc,d\ne,f\n");
    /* Quotes only where needed. */
    check(LIT("\"a\",\"\",\"c d\"\n"), "a,,c d\n");
    /* Empty fields stay, however many. */
    check(LIT(",,\n"), ",,\n");
}

/* Fuzzer finding: a record of one empty field was written as an empty
 * line, which reads back as a blank line. */
static void test_lone_empty_field(void **state)
{
    (void)state;
    check(LIT("\"\"\n"), "\"\"\n");
    check(LIT("name\n\"\"\nx\n"), "name\n\"\"\nx\n");
}

/* Fuzzer finding: after blank lines, a first field starting with U+FEFF
 * was written at the start of the file, where it reads back as a BOM. */
static void test_leading_zero_width_no_break_space(void **state)
{
    (void)state;
    check(LIT("\n\n\xEF\xBB\xBF"), "\"\xEF\xBB\xBF\"\n");
    check(LIT("\xEF\xBB\xBF\xEF\xBB\xBF" "a,b\n"), "\"\xEF\xBB\xBF" "a\",b\n");
    /* Anywhere else U+FEFF needs no quotes. */
    check(LIT("a,\xEF\xBB\xBF\n\xEF\xBB\xBF,b\n"), "a,\xEF\xBB\xBF\n\xEF\xBB\xBF,b\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_canonical_stays),
        cmocka_unit_test(test_mends),
        cmocka_unit_test(test_lone_empty_field),
        cmocka_unit_test(test_leading_zero_width_no_break_space),
    };

    return cmocka_run_group_tests_name("canon", tests, NULL, NULL);
}
