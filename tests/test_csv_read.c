/* test_csv_read.c - unit tests for csv_read.c: fields, places and the
 * byte-level rules of the canonical CSV form.
 *
 * Usage: test_csv_read [IGNORED]
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "csv_read.h"
#include "error.h"
#include "sha256.h"

/* A string literal and its length, NUL bytes inside included. */
#define LIT(s) (s), (sizeof(s) - 1)

static csvread_table *parse_ok(const char *bytes, size_t len)
{
    gen_error err;
    csvread_table *t;

    gen_error_init(&err);
    t = csvread_bytes("t.csv", bytes, len, &err);
    if (!t)
        fail_msg("unexpected error %ld:%ld: %s", err.line, err.column, err.text);
    assert_int_equal(err.set, 0);
    assert_string_equal(t->source, "t.csv");
    return t;
}

static void check_field(const csvread_record *rec, size_t i, const char *text,
                        long column)
{
    assert_true(i < rec->nfields);
    assert_int_equal(rec->fields[i].len, strlen(text));
    assert_string_equal(rec->fields[i].text, text);
    assert_int_equal(rec->fields[i].column, column);
}

static void check_digest(const csvread_table *t, const char *expected_hex)
{
    char hex[65];

    gen_sha256_hex(t->sha256, hex);
    assert_string_equal(hex, expected_hex);
}

/* Parses bytes, which must fail with exactly this place and text. */
static void check_error(const char *bytes, size_t len, long line, long column,
                        const char *text)
{
    gen_error err;
    csvread_table *t;
    int parsed;

    gen_error_init(&err);
    t = csvread_bytes("t.csv", bytes, len, &err);
    parsed = t != NULL;
    csvread_free(t);
    if (parsed)
        fail_msg("parsed, but expected t.csv:%ld:%ld: %s", line, column, text);
    assert_int_equal(err.set, 1);
    assert_string_equal(err.source, "t.csv");
    assert_string_equal(err.text, text);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
}

static void test_simple_table(void **state)
{
    csvread_table *t = parse_ok(LIT("name,code\nOK,250\nBUSY,450\n"));

    (void)state;
    assert_int_equal(t->nrecords, 3);
    assert_int_equal(t->records[0].line, 1);
    assert_int_equal(t->records[0].nfields, 2);
    check_field(&t->records[0], 0, "name", 1);
    check_field(&t->records[0], 1, "code", 6);
    assert_int_equal(t->records[1].line, 2);
    assert_int_equal(t->records[1].nfields, 2);
    check_field(&t->records[1], 0, "OK", 1);
    check_field(&t->records[1], 1, "250", 4);
    assert_int_equal(t->records[2].line, 3);
    assert_int_equal(t->records[2].nfields, 2);
    check_field(&t->records[2], 0, "BUSY", 1);
    check_field(&t->records[2], 1, "450", 6);
    /* hashlib.sha256(b"name,code\nOK,250\nBUSY,450\n").hexdigest() */
    check_digest(t, "5ed393fac995e142dae601cd7e37679b39d00a8ede74c0fe67747861024f0731");
    csvread_free(t);
}

static void test_quoted_fields(void **state)
{
    csvread_table *t =
        parse_ok(LIT("\"a,b\",\"say \"\"hi\"\"\",\"tab\tkept\",plain\n"));

    (void)state;
    assert_int_equal(t->nrecords, 1);
    assert_int_equal(t->records[0].nfields, 4);
    check_field(&t->records[0], 0, "a,b", 1);
    check_field(&t->records[0], 1, "say \"hi\"", 7);
    check_field(&t->records[0], 2, "tab\tkept", 20);
    check_field(&t->records[0], 3, "plain", 31);
    csvread_free(t);
}

static void test_empty_and_quote_only_fields(void **state)
{
    csvread_table *t = parse_ok(LIT("x,\"1,2\",\",\",,\"q\"\"\"\n,\n"));

    (void)state;
    assert_int_equal(t->nrecords, 2);
    assert_int_equal(t->records[0].nfields, 5);
    check_field(&t->records[0], 0, "x", 1);
    check_field(&t->records[0], 1, "1,2", 3);
    check_field(&t->records[0], 2, ",", 9);
    check_field(&t->records[0], 3, "", 13);
    check_field(&t->records[0], 4, "q\"", 14);
    assert_int_equal(t->records[1].line, 2);
    assert_int_equal(t->records[1].nfields, 2);
    check_field(&t->records[1], 0, "", 1);
    check_field(&t->records[1], 1, "", 2);
    csvread_free(t);
}

static void test_blanks_and_tabs_kept_verbatim(void **state)
{
    /* libcsv would trim blanks around unquoted fields; the reader turns
     * that off, so the canonical-form checks see the bytes as written. */
    csvread_table *t =
        parse_ok(LIT(" lead,trail ,  both  ,\"  quoted  \",\ttab\t\n"));

    (void)state;
    assert_int_equal(t->nrecords, 1);
    assert_int_equal(t->records[0].nfields, 5);
    check_field(&t->records[0], 0, " lead", 1);
    check_field(&t->records[0], 1, "trail ", 7);
    check_field(&t->records[0], 2, "  both  ", 14);
    check_field(&t->records[0], 3, "  quoted  ", 23);
    check_field(&t->records[0], 4, "\ttab\t", 36);
    csvread_free(t);
}

static void test_columns_after_quoted_commas(void **state)
{
    csvread_table *t = parse_ok(LIT("h1,h2,h3\nx,\"a,b,c\",d\n\"1,2,3\",e,\"f\"\n"));

    (void)state;
    assert_int_equal(t->nrecords, 3);
    check_field(&t->records[1], 0, "x", 1);
    check_field(&t->records[1], 1, "a,b,c", 3);
    check_field(&t->records[1], 2, "d", 11);
    assert_int_equal(t->records[2].line, 3);
    check_field(&t->records[2], 0, "1,2,3", 1);
    check_field(&t->records[2], 1, "e", 9);
    check_field(&t->records[2], 2, "f", 11);
    csvread_free(t);
}

static void test_multibyte_utf8(void **state)
{
    /* Columns count bytes: "Grüße" is 7 bytes, "日本" 6. */
    csvread_table *t = parse_ok(LIT("Gr\xC3\xBC\xC3\x9F" "e,\xE6\x97\xA5\xE6\x9C\xAC,"
                                    "\xF0\x9F\x98\x80\n\xEF\xBF\xBD,\xF4\x8F\xBF\xBD\n"));

    (void)state;
    assert_int_equal(t->nrecords, 2);
    check_field(&t->records[0], 0, "Gr\xC3\xBC\xC3\x9F" "e", 1);
    check_field(&t->records[0], 1, "\xE6\x97\xA5\xE6\x9C\xAC", 9);
    check_field(&t->records[0], 2, "\xF0\x9F\x98\x80", 16);
    /* U+FFFD and U+10FFFD, the largest 3- and 4-byte characters (U+FFFF
     * and U+10FFFF are noncharacters), are valid. */
    check_field(&t->records[1], 0, "\xEF\xBF\xBD", 1);
    check_field(&t->records[1], 1, "\xF4\x8F\xBF\xBD", 5);
    csvread_free(t);
}

static void test_last_line_without_newline(void **state)
{
    csvread_table *t = parse_ok(LIT("a,b\nc,d"));

    (void)state;
    assert_int_equal(t->nrecords, 2);
    assert_int_equal(t->records[1].line, 2);
    assert_int_equal(t->records[1].nfields, 2);
    check_field(&t->records[1], 0, "c", 1);
    check_field(&t->records[1], 1, "d", 3);
    /* hashlib.sha256(b"a,b\nc,d").hexdigest() */
    check_digest(t, "477a29579c9a10032533d21640ec00e883d3c52736ec6b24677780499f12cc5c");
    csvread_free(t);

    t = parse_ok(LIT("a,b\n\"c,d\""));
    assert_int_equal(t->nrecords, 2);
    assert_int_equal(t->records[1].nfields, 1);
    check_field(&t->records[1], 0, "c,d", 1);
    csvread_free(t);
}

static void test_empty_input(void **state)
{
    csvread_table *t = parse_ok("", 0);

    (void)state;
    assert_int_equal(t->nrecords, 0);
    check_digest(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    csvread_free(t);
}

/* A UTF-8 BOM (Excel's "CSV UTF-8") and CRLF line ends (RFC 4180's, a
 * Windows checkout's) read as the LF table does: the same records and
 * fields, the same digest, the canonical bytes'. Columns still count the
 * BOM's three bytes, so that an editor's column matches. */
static void test_bom_and_crlf_read_as_lf(void **state)
{
    static const char lf[] = "name,code\nOK,\"a,b\"\n";
    static const char *const variants[] = {
        "\xEF\xBB\xBFname,code\nOK,\"a,b\"\n",
        "name,code\r\nOK,\"a,b\"\r\n",
        "\xEF\xBB\xBFname,code\r\nOK,\"a,b\"\r\n",
        "name,code\r\nOK,\"a,b\"\n", /* mixed: each line ends with LF or CRLF */
    };
    char want[65], got[65];
    gen_error err;
    csvread_table *base, *t;
    size_t i;

    (void)state;
    gen_error_init(&err);
    base = csvread_bytes("t.csv", lf, strlen(lf), &err);
    assert_non_null(base);
    gen_sha256_hex(base->sha256, want);
    for (i = 0; i < sizeof variants / sizeof *variants; i++) {
        int bom = variants[i][0] == '\xEF';

        t = csvread_bytes("t.csv", variants[i], strlen(variants[i]), &err);
        if (!t)
            fail_msg("variant %zu: %ld:%ld: %s", i, err.line, err.column, err.text);
        assert_int_equal(t->nrecords, 2);
        check_field(&t->records[0], 0, "name", bom ? 4 : 1);
        check_field(&t->records[0], 1, "code", bom ? 9 : 6);
        check_field(&t->records[1], 1, "a,b", 4);
        assert_int_equal(t->records[1].line, 2);
        gen_sha256_hex(t->sha256, got);
        assert_string_equal(got, want);
        csvread_free(t);
    }
    csvread_free(base);
    /* A BOM alone is an empty table. */
    t = csvread_bytes("t.csv", LIT("\xEF\xBB\xBF"), &err);
    assert_non_null(t);
    assert_int_equal(t->nrecords, 0);
    check_digest(t, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    csvread_free(t);
}

static void test_error_nul_byte(void **state)
{
    (void)state;
    check_error(LIT("ab\0c,d\n"), 1, 3, "NUL byte");
    check_error(LIT("a,b\nc,\"d\0\"\n"), 2, 5, "NUL byte");
}

/* A CR that does not end a line (old Mac endings, a CR inside a field, a
 * CR at the very end) is refused where it is. A BOM anywhere but at the
 * start is U+FEFF, text like any other. */
static void test_error_lone_carriage_return(void **state)
{
    (void)state;
    check_error(LIT("a,b\rc,d\r"), 1, 4, "carriage return not followed by a line feed; a line ends with "
                "LF or CRLF");
    check_error(LIT("a,b\nc,d\r"), 2, 4, "carriage return not followed by a line feed; a line ends with "
                "LF or CRLF");
    check_error(LIT("a,\"b\rc\"\r\n"), 1, 5, "carriage return not followed by a line feed; a line ends with "
                "LF or CRLF");
    check_error(LIT("a,b\r\r\n"), 1, 4, "carriage return not followed by a line feed; a line ends with "
                "LF or CRLF");
}

static void test_error_control_character(void **state)
{
    (void)state;
    check_error(LIT("a,b\nc\x01" "d,e\n"), 2, 2, "control character 0x01");
    check_error(LIT("x\x1B\n"), 1, 2, "control character 0x1B");
    check_error(LIT("a,b\x7F\n"), 1, 4, "control character 0x7F");
    check_error(LIT("a,\"\x0B\"\n"), 1, 4, "control character 0x0B");
}

/* C1 controls and noncharacters are valid UTF-8, but neither HTML nor roff
 * can show them (the Nu Html Checker rejects them, raw or as references). */
static void test_error_c1_control_and_noncharacter(void **state)
{
    (void)state;
    check_error(LIT("a,b\nc,d\xC2\x85\n"), 2, 4, "control character U+0085");
    check_error(LIT("\xC2\x80\n"), 1, 1, "control character U+0080");
    check_error(LIT("x\xC2\x9F\n"), 1, 2, "control character U+009F");
    check_error(LIT("a,\xEF\xB7\x90\n"), 1, 3, "noncharacter U+FDD0");
    check_error(LIT("a,\xEF\xB7\xAF\n"), 1, 3, "noncharacter U+FDEF");
    check_error(LIT("a,\xEF\xBF\xBE\n"), 1, 3, "noncharacter U+FFFE");
    check_error(LIT("\xEF\xBF\xBF\n"), 1, 1, "noncharacter U+FFFF");
    check_error(LIT("ab\xF0\x9F\xBF\xBE\n"), 1, 3, "noncharacter U+1FFFE");
    check_error(LIT("\xF4\x8F\xBF\xBF\n"), 1, 1, "noncharacter U+10FFFF");
    /* Their neighbours are ordinary characters. */
    csvread_free(parse_ok(LIT("\xC2\xA0,\xEF\xB7\x8F,\xEF\xB7\xB0,\xEF\xBF\xBD\n")));
}

static void test_error_invalid_utf8(void **state)
{
    (void)state;
    /* Overlong encoding of U+0000. */
    check_error(LIT("a,\xC0\x80\n"), 1, 3, "invalid UTF-8 (byte 0xC0)");
    /* Overlong three-byte form of '/'. */
    check_error(LIT("a,b\nx\xE0\x80\xAF\n"), 2, 2, "invalid UTF-8 (byte 0xE0)");
    /* The surrogate U+D800. */
    check_error(LIT("ok\nx\xED\xA0\x80\n"), 2, 2, "invalid UTF-8 (byte 0xED)");
    /* 0xF5 would start a code point above U+10FFFF. */
    check_error(LIT("\xF5\x80\x80\x80\n"), 1, 1, "invalid UTF-8 (byte 0xF5)");
    /* U+110000 spelled with a valid lead byte. */
    check_error(LIT("ab\xF4\x90\x80\x80\n"), 1, 3, "invalid UTF-8 (byte 0xF4)");
    /* A continuation byte with no lead byte. */
    check_error(LIT("a\x80\n"), 1, 2, "invalid UTF-8 (byte 0x80)");
    /* A sequence cut short by the end of the file... */
    check_error(LIT("a,b\nc,\xE2\x82"), 2, 3, "invalid UTF-8 (byte 0xE2)");
    /* ...and by the end of the line. */
    check_error(LIT("a,\xC3\nb\n"), 1, 3, "invalid UTF-8 (byte 0xC3)");
    /* A sequence cut short by an ASCII byte. */
    check_error(LIT("\xE2\x82x\n"), 1, 1, "invalid UTF-8 (byte 0xE2)");
}

static void test_error_quote_in_unquoted_field(void **state)
{
    (void)state;
    check_error(LIT("ab\"c,d\n"), 1, 3,
                "quote inside an unquoted field; quote the whole field and "
                "double the quote");
    check_error(LIT("a,b\nx,yz\"\n"), 2, 5,
                "quote inside an unquoted field; quote the whole field and "
                "double the quote");
}

static void test_error_character_after_closing_quote(void **state)
{
    (void)state;
    check_error(LIT("\"ab\"c,d\n"), 1, 5, "unexpected character after a closing quote");
    check_error(LIT("a,b\nx,\"ab\" \n"), 2, 7,
                "unexpected character after a closing quote");
}

static void test_error_line_break_inside_quotes(void **state)
{
    (void)state;
    check_error(LIT("a,b\nc,\"x\ny\"\n"), 2, 3,
                "unterminated quoted field (a field cannot span lines)");
}

static void test_error_line_break_inside_quoted_first_field(void **state)
{
    (void)state;
    /* The same fault when the quoted field is the first of its record. */
    check_error(LIT("a,b\n\"x\ny\",z\n"), 2, 1,
                "unterminated quoted field (a field cannot span lines)");
    check_error(LIT("a,b\n\"x\n\nz\"\n"), 2, 1,
                "unterminated quoted field (a field cannot span lines)");
}

static void test_error_unterminated_quote_at_eof(void **state)
{
    (void)state;
    check_error(LIT("a,b\nc,\"xyz"), 2, 3, "unterminated quoted field");
    check_error(LIT("a,b\n\"xyz"), 2, 1, "unterminated quoted field");
}

static void test_error_blank_line(void **state)
{
    (void)state;
    check_error(LIT("a,b\n\nc,d\n"), 2, 1, "blank line");
    check_error(LIT("a,b\nc,d\n\n"), 3, 1, "blank line");
    check_error(LIT("\n"), 1, 1, "blank line");
}

static csvread_table *parse_with(const char *bytes, size_t len, unsigned flags)
{
    gen_error err;
    csvread_table *t;

    gen_error_init(&err);
    t = csvread_bytes_with("t.csv", bytes, len, flags, &err);
    if (!t)
        fail_msg("unexpected error %ld:%ld: %s", err.line, err.column, err.text);
    return t;
}

static void test_with_no_flags_is_strict(void **state)
{
    gen_error err;

    (void)state;
    gen_error_init(&err);
    assert_null(csvread_bytes_with("t.csv", LIT("a\n\nb\n"), 0, &err));
    assert_string_equal(err.text, "blank line");
    assert_int_equal(err.line, 2);
}

static void test_with_skip_blank_lines(void **state)
{
    csvread_table *t = parse_with(LIT("\na,b\n\n\nc,d\n\n"), CSVREAD_SKIP_BLANK_LINES);
    gen_error err;

    (void)state;
    assert_int_equal(t->nrecords, 2);
    /* The lines skipped still count. */
    assert_int_equal(t->records[0].line, 2);
    check_field(&t->records[0], 1, "b", 3);
    assert_int_equal(t->records[1].line, 5);
    check_field(&t->records[1], 0, "c", 1);
    csvread_free(t);
    /* Every other rule still holds. */
    gen_error_init(&err);
    assert_null(csvread_bytes_with("t.csv", LIT("a\n\nb\rc\n"), CSVREAD_SKIP_BLANK_LINES,
                                   &err));
    assert_string_equal(err.text, "carriage return not followed by a line feed; a line ends "
                                  "with LF or CRLF");
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 2);
}

static void test_first_error_wins(void **state)
{
    gen_error err;
    csvread_table *t;

    (void)state;
    gen_error_init(&err);
    gen_error_set(&err, "earlier.csv", 7, 8, "the first fault");
    t = csvread_bytes("t.csv", LIT("a\rb\n"), &err);
    assert_null(t);
    assert_string_equal(err.source, "earlier.csv");
    assert_int_equal(err.line, 7);
    assert_int_equal(err.column, 8);
    assert_string_equal(err.text, "the first fault");
    /* A NULL error record is allowed. */
    assert_null(csvread_bytes("t.csv", LIT("a\rb\n"), NULL));
}

static void test_file_missing(void **state)
{
    char dir[] = "/tmp/smtpgen-test-csv-XXXXXX";
    char path[sizeof dir + 32];
    char expected[GEN_ERROR_TEXT_LENGTH];
    gen_error err;
    csvread_table *t;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/missing.csv", dir);
    snprintf(expected, sizeof expected, "cannot open: %s", strerror(ENOENT));
    gen_error_init(&err);
    t = csvread_file(path, &err);
    assert_int_equal(rmdir(dir), 0);
    assert_null(t);
    assert_int_equal(err.set, 1);
    assert_string_equal(err.source, path);
    assert_string_equal(err.text, expected);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
}

static void test_file_read(void **state)
{
    char dir[] = "/tmp/smtpgen-test-csv-XXXXXX";
    char path[sizeof dir + 32];
    gen_error err;
    csvread_table *t;
    FILE *fp;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/t.csv", dir);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fputs("name,code\nOK,250\nBUSY,450\n", fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
    gen_error_init(&err);
    t = csvread_file(path, &err);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    assert_non_null(t);
    assert_string_equal(t->source, path);
    assert_int_equal(t->nrecords, 3);
    check_field(&t->records[2], 0, "BUSY", 1);
    check_field(&t->records[2], 1, "450", 6);
    check_digest(t, "5ed393fac995e142dae601cd7e37679b39d00a8ede74c0fe67747861024f0731");
    csvread_free(t);
}

static void test_file_error_names_the_path(void **state)
{
    char dir[] = "/tmp/smtpgen-test-csv-XXXXXX";
    char path[sizeof dir + 32];
    gen_error err;
    csvread_table *t;
    FILE *fp;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/bad.csv", dir);
    fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fputs("name,code\nOK,25\"0\n", fp) >= 0, 1);
    assert_int_equal(fclose(fp), 0);
    gen_error_init(&err);
    t = csvread_file(path, &err);
    assert_int_equal(unlink(path), 0);
    assert_int_equal(rmdir(dir), 0);
    assert_null(t);
    assert_string_equal(err.source, path);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 6);
    assert_string_equal(err.text, "quote inside an unquoted field; quote the whole "
                                  "field and double the quote");
}

static void test_free_null(void **state)
{
    (void)state;
    csvread_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_simple_table),
        cmocka_unit_test(test_quoted_fields),
        cmocka_unit_test(test_empty_and_quote_only_fields),
        cmocka_unit_test(test_blanks_and_tabs_kept_verbatim),
        cmocka_unit_test(test_columns_after_quoted_commas),
        cmocka_unit_test(test_multibyte_utf8),
        cmocka_unit_test(test_last_line_without_newline),
        cmocka_unit_test(test_empty_input),
        cmocka_unit_test(test_bom_and_crlf_read_as_lf),
        cmocka_unit_test(test_error_nul_byte),
        cmocka_unit_test(test_error_lone_carriage_return),
        cmocka_unit_test(test_error_control_character),
        cmocka_unit_test(test_error_c1_control_and_noncharacter),
        cmocka_unit_test(test_error_invalid_utf8),
        cmocka_unit_test(test_error_quote_in_unquoted_field),
        cmocka_unit_test(test_error_character_after_closing_quote),
        cmocka_unit_test(test_error_line_break_inside_quotes),
        cmocka_unit_test(test_error_line_break_inside_quoted_first_field),
        cmocka_unit_test(test_error_unterminated_quote_at_eof),
        cmocka_unit_test(test_error_blank_line),
        cmocka_unit_test(test_with_no_flags_is_strict),
        cmocka_unit_test(test_with_skip_blank_lines),
        cmocka_unit_test(test_first_error_wins),
        cmocka_unit_test(test_file_missing),
        cmocka_unit_test(test_file_read),
        cmocka_unit_test(test_file_error_names_the_path),
        cmocka_unit_test(test_free_null),
    };

    return cmocka_run_group_tests_name("csv_read", tests, NULL, NULL);
}
