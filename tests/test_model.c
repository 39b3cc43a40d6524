/* test_model.c - unit tests for model.c: the data contract's checks, the
 * derived fields and the warnings.
 *
 * Usage: test_model [IGNORED]
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "csv_read.h"
#include "error.h"
#include "model.h"

static const char valid_replies[] =
    "name,code,description\n"
    "OK,250,Requested mail action okay\n"
    "BUSY,450,\"Mailbox busy, try later\"\n"
    "SYNTAX_ERROR,500,Syntax error\n";

static const char valid_reasons[] =
    "name,symbol,code,description\n"
    "GREYLIST,4XX_GREYLIST,450,Greylisted\n"
    "NO_ROUTE,5XX_NO_ROUTE,551,User not local\n"
    "SYNTAX,4XX_SYNTAX_ERROR,500,Syntax error\n"
    "DELIVERED,2XX_OK,250,Delivered\n";

/* Warnings as the callback saw them (the record is only valid during the
 * call, so each one is copied). */
typedef struct warnings {
    gen_error list[8];
    size_t count;
} warnings;

static void collect_warning(void *ctx, const gen_error *warning)
{
    warnings *w = ctx;

    assert_non_null(warning);
    assert_true(w->count < sizeof w->list / sizeof w->list[0]);
    w->list[w->count++] = *warning;
}

static csvread_table *parse(const char *source, const char *text)
{
    gen_error err;
    csvread_table *t;

    gen_error_init(&err);
    t = csvread_bytes(source, text, strlen(text), &err);
    if (!t)
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    return t;
}

static model *build(const char *replies, const char *reasons, warnings *w,
                    gen_error *err)
{
    csvread_table *replies_csv = parse("replies.csv", replies);
    csvread_table *reasons_csv = parse("reasons.csv", reasons);

    gen_error_init(err);
    return model_build(replies_csv, reasons_csv, w ? collect_warning : NULL, w, err);
}

/* Builds from the two texts, which must fail with exactly this error. */
static void check_error(const char *replies, const char *reasons, const char *source,
                        long line, long column, const char *text)
{
    gen_error err;
    model *m = build(replies, reasons, NULL, &err);
    int built = m != NULL;

    model_free(m);
    if (built)
        fail_msg("built, but expected %s:%ld:%ld: %s", source, line, column, text);
    assert_int_equal(err.set, 1);
    assert_string_equal(err.source, source);
    assert_string_equal(err.text, text);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
}

static void check_reply_error(const char *row, long line, long column, const char *text)
{
    char replies[256];

    snprintf(replies, sizeof replies, "name,code,description\n%s\n", row);
    check_error(replies, valid_reasons, "replies.csv", line, column, text);
}

static void check_reason_error(const char *row, long line, long column,
                               const char *text)
{
    char reasons[256];

    snprintf(reasons, sizeof reasons, "name,symbol,code,description\n%s\n", row);
    check_error(valid_replies, reasons, "reasons.csv", line, column, text);
}

static void test_valid_build(void **state)
{
    warnings w;
    gen_error err;
    model *m;

    (void)state;
    memset(&w, 0, sizeof w);
    m = build(valid_replies, valid_reasons, &w, &err);
    assert_non_null(m);
    assert_int_equal(err.set, 0);

    assert_int_equal(m->nreplies, 3);
    assert_string_equal(m->replies[0].name, "OK");
    assert_int_equal(m->replies[0].code, 250);
    assert_string_equal(m->replies[0].description, "Requested mail action okay");
    assert_int_equal(m->replies[0].line, 2);
    assert_string_equal(m->replies[1].name, "BUSY");
    assert_int_equal(m->replies[1].code, 450);
    assert_string_equal(m->replies[1].description, "Mailbox busy, try later");
    assert_int_equal(m->replies[1].line, 3);
    assert_string_equal(m->replies[2].name, "SYNTAX_ERROR");
    assert_int_equal(m->replies[2].code, 500);
    assert_int_equal(m->replies[2].line, 4);

    assert_int_equal(m->nreasons, 4);
    assert_string_equal(m->reasons[0].name, "GREYLIST");
    assert_string_equal(m->reasons[0].symbol, "4XX_GREYLIST");
    assert_int_equal(m->reasons[0].code, 450);
    assert_string_equal(m->reasons[0].description, "Greylisted");
    assert_int_equal(m->reasons[0].line, 2);
    assert_int_equal(m->reasons[0].reply, 1);
    assert_string_equal(m->reasons[1].name, "NO_ROUTE");
    assert_int_equal(m->reasons[1].code, 551);
    assert_int_equal(m->reasons[1].line, 3);
    assert_int_equal(m->reasons[1].reply, -1);
    assert_string_equal(m->reasons[2].name, "SYNTAX");
    assert_string_equal(m->reasons[2].symbol, "4XX_SYNTAX_ERROR");
    assert_int_equal(m->reasons[2].reply, 2);
    assert_string_equal(m->reasons[3].name, "DELIVERED");
    assert_int_equal(m->reasons[3].line, 5);
    assert_int_equal(m->reasons[3].reply, 0);

    assert_int_equal(w.count, 2);
    assert_string_equal(w.list[0].source, "reasons.csv");
    assert_int_equal(w.list[0].line, 3);
    assert_int_equal(w.list[0].column, 23);
    assert_string_equal(w.list[0].text,
                        "reason \"NO_ROUTE\" has code 551, which has no reply row");
    assert_string_equal(w.list[1].source, "reasons.csv");
    assert_int_equal(w.list[1].line, 4);
    assert_int_equal(w.list[1].column, 8);
    assert_string_equal(w.list[1].text,
                        "symbol \"4XX_SYNTAX_ERROR\" names another class than its "
                        "code 500");
    model_free(m);
}

static void test_valid_build_without_warning_callback(void **state)
{
    gen_error err;
    model *m = build(valid_replies, valid_reasons, NULL, &err);

    (void)state;
    assert_non_null(m);
    assert_int_equal(err.set, 0);
    assert_int_equal(m->nreasons, 4);
    model_free(m);
}

static void test_symbols_without_class_prefix_do_not_warn(void **state)
{
    warnings w;
    gen_error err;
    model *m;

    (void)state;
    memset(&w, 0, sizeof w);
    m = build(valid_replies,
              "name,symbol,code,description\n"
              "A,GENERIC,450,x\n"
              "B,4XX_,500,x\n"
              "C,5XX_OK,500,x\n"
              "D,9XX_ODD,500,x\n",
              &w, &err);
    assert_non_null(m);
    assert_int_equal(w.count, 0);
    model_free(m);
}

static void test_error_empty_file(void **state)
{
    (void)state;
    check_error("", valid_reasons, "replies.csv", 1, 1,
                "empty file; expected the header \"name,code,description\"");
    check_error(valid_replies, "", "reasons.csv", 1, 1,
                "empty file; expected the header \"name,symbol,code,description\"");
}

static void test_error_wrong_header(void **state)
{
    (void)state;
    check_error("name,cod,description\nOK,250,x\n", valid_reasons, "replies.csv", 1, 6,
                "expected the header \"name,code,description\"; column 2 should be "
                "\"code\"");
    check_error("Name,code,description\nOK,250,x\n", valid_reasons, "replies.csv", 1, 1,
                "expected the header \"name,code,description\"; column 1 should be "
                "\"name\"");
    check_error(valid_replies, "name,code,symbol,description\nA,450,4XX_A,x\n",
                "reasons.csv", 1, 6,
                "expected the header \"name,symbol,code,description\"; column 2 "
                "should be \"symbol\"");
}

static void test_error_header_column_count(void **state)
{
    (void)state;
    check_error("name,code,description,extra\nOK,250,x,y\n", valid_reasons,
                "replies.csv", 1, 23,
                "expected the header \"name,code,description\" (3 columns), found 4 "
                "columns");
    check_error("name,code\nOK,250\n", valid_reasons, "replies.csv", 1, 1,
                "expected the header \"name,code,description\" (3 columns), found 2 "
                "columns");
    check_error(valid_replies, "name,symbol,code,description,\nA,4XX_A,450,x,\n",
                "reasons.csv", 1, 30,
                "expected the header \"name,symbol,code,description\" (4 columns), "
                "found 5 columns");
}

static void test_error_header_only(void **state)
{
    (void)state;
    check_error("name,code,description\n", valid_reasons, "replies.csv", 2, 1,
                "no rows after the header");
    check_error("name,code,description", valid_reasons, "replies.csv", 2, 1,
                "no rows after the header");
    check_error(valid_replies, "name,symbol,code,description\n", "reasons.csv", 2, 1,
                "no rows after the header");
}

static void test_error_field_count(void **state)
{
    (void)state;
    check_reply_error("OK,250", 2, 1, "too few fields: expected 3, found 2");
    check_reply_error("OK,250,x,y", 2, 10, "too many fields: expected 3, found 4");
    check_reply_error("OK,250,\"a,b\",", 2, 14, "too many fields: expected 3, found 4");
    check_reason_error("A,4XX_A,450", 2, 1, "too few fields: expected 4, found 3");
    check_reason_error("A,4XX_A,450,x,y", 2, 15, "too many fields: expected 4, found 5");
}

static void test_error_code_syntax(void **state)
{
    (void)state;
    check_reply_error("OK,25,x", 2, 4,
                      "code \"25\" is not a three-digit reply code from 200 to 599");
    check_reply_error("OK,2500,x", 2, 4,
                      "code \"2500\" is not a three-digit reply code from 200 to 599");
    check_reply_error("OK,25a,x", 2, 4,
                      "code \"25a\" is not a three-digit reply code from 200 to 599");
    check_reply_error("OK, 250,x", 2, 4,
                      "code \" 250\" is not a three-digit reply code from 200 to 599");
    check_reply_error("OK,,x", 2, 4,
                      "code \"\" is not a three-digit reply code from 200 to 599");
    check_reason_error("A,4XX_A,-45,x", 2, 9,
                       "code \"-45\" is not a three-digit reply code from 200 to 599");
}

static void test_error_code_range(void **state)
{
    (void)state;
    check_reply_error("OK,199,x", 2, 4,
                      "code \"199\" is not a three-digit reply code from 200 to 599");
    check_reply_error("OK,600,x", 2, 4,
                      "code \"600\" is not a three-digit reply code from 200 to 599");
    check_reply_error("OK,099,x", 2, 4,
                      "code \"099\" is not a three-digit reply code from 200 to 599");
    check_reason_error("A,4XX_A,650,x", 2, 9,
                       "code \"650\" is not a three-digit reply code from 200 to 599");
}

static void test_error_code_second_digit(void **state)
{
    (void)state;
    check_reply_error("OK,261,x", 2, 4,
                      "code 261 has second digit 6; RFC 5321 defines 0 to 5 only");
    check_reply_error("OK,599,x", 2, 4,
                      "code 599 has second digit 9; RFC 5321 defines 0 to 5 only");
    check_reason_error("A,4XX_A,470,x", 2, 9,
                       "code 470 has second digit 7; RFC 5321 defines 0 to 5 only");
}

static void test_highest_valid_codes(void **state)
{
    gen_error err;
    model *m = build("name,code,description\nLOW,200,x\nHIGH,559,y\n",
                     "name,symbol,code,description\nA,5XX_A,559,z\n", NULL, &err);

    (void)state;
    assert_non_null(m);
    assert_int_equal(m->replies[0].code, 200);
    assert_int_equal(m->replies[1].code, 559);
    assert_int_equal(m->reasons[0].reply, 1);
    model_free(m);
}

static void test_error_empty_name(void **state)
{
    (void)state;
    check_reply_error(",250,x", 2, 1, "empty name");
    check_reason_error(",4XX_A,450,x", 2, 1, "empty name");
}

static void test_error_bad_identifier(void **state)
{
    (void)state;
    check_reply_error("ok,250,x", 2, 1,
                      "name \"ok\" is not an identifier of the form [A-Z][A-Z0-9_]*");
    check_reply_error("Ok,250,x", 2, 1,
                      "name \"Ok\" is not an identifier of the form [A-Z][A-Z0-9_]*");
    check_reply_error("4XX,250,x", 2, 1,
                      "name \"4XX\" is not an identifier of the form [A-Z][A-Z0-9_]*");
    check_reply_error("_OK,250,x", 2, 1,
                      "name \"_OK\" is not an identifier of the form [A-Z][A-Z0-9_]*");
    check_reply_error("OK-2,250,x", 2, 1,
                      "name \"OK-2\" is not an identifier of the form [A-Z][A-Z0-9_]*");
    check_reply_error("OK ,250,x", 2, 1,
                      "name \"OK \" is not an identifier of the form [A-Z][A-Z0-9_]*");
    check_reply_error("\xC3\x84" "B,250,x", 2, 1,
                      "name \"\xC3\x84" "B\" is not an identifier of the form "
                      "[A-Z][A-Z0-9_]*");
    check_reason_error("a_b,4XX_A,450,x", 2, 1,
                       "name \"a_b\" is not an identifier of the form [A-Z][A-Z0-9_]*");
}

static void test_error_duplicate_name(void **state)
{
    (void)state;
    check_error("name,code,description\nOK,250,a\nBUSY,450,b\nOK,251,c\n", valid_reasons,
                "replies.csv", 4, 1, "duplicate name \"OK\" (first on line 2)");
    check_error(valid_replies,
                "name,symbol,code,description\nA,4XX_A,450,x\nB,4XX_B,450,y\n"
                "B,4XX_C,450,z\n",
                "reasons.csv", 4, 1, "duplicate name \"B\" (first on line 3)");
}

static void test_names_may_repeat_across_files(void **state)
{
    gen_error err;
    model *m = build("name,code,description\nBUSY,450,x\n",
                     "name,symbol,code,description\nBUSY,4XX_BUSY,450,y\n", NULL, &err);

    (void)state;
    assert_non_null(m);
    assert_string_equal(m->reasons[0].name, "BUSY");
    model_free(m);
}

static void test_error_duplicate_reply_code(void **state)
{
    (void)state;
    check_error("name,code,description\nOK,250,a\nBUSY,450,b\nFINE,250,c\n",
                valid_reasons, "replies.csv", 4, 6, "duplicate code 250 (first on line 2)");
}

static void test_error_bad_symbol(void **state)
{
    (void)state;
    check_reason_error("A,4XX BAD,450,x", 2, 3,
                       "symbol \"4XX BAD\" must be printable ASCII without blanks");
    check_reason_error("A,4XX\tBAD,450,x", 2, 3,
                       "symbol \"4XX\tBAD\" must be printable ASCII without blanks");
    check_reason_error("A,4XX_\xC3\x89,450,x", 2, 3,
                       "symbol \"4XX_\xC3\x89\" must be printable ASCII without blanks");
    check_reason_error("A,,450,x", 2, 3, "empty symbol");
}

static void test_error_empty_description(void **state)
{
    (void)state;
    check_reply_error("OK,250,", 2, 8, "empty description");
    check_reply_error("OK,250,\"\"", 2, 8, "empty description");
    check_reason_error("A,4XX_A,450,", 2, 13, "empty description");
}

static void test_first_fault_wins(void **state)
{
    (void)state;
    /* Both tables are faulty: the replies are checked first. */
    check_error("name,code,description\nok,250,x\n",
                "name,symbol,code,description\nA,4XX A,450,x\n", "replies.csv", 2, 1,
                "name \"ok\" is not an identifier of the form [A-Z][A-Z0-9_]*");
    /* In one row, the fields are checked left to right. */
    check_reply_error("ok,25,", 2, 1,
                      "name \"ok\" is not an identifier of the form [A-Z][A-Z0-9_]*");
}

static void test_class_names(void **state)
{
    (void)state;
    assert_null(model_class_name(199));
    assert_string_equal(model_class_name(200), "Positive Completion");
    assert_string_equal(model_class_name(250), "Positive Completion");
    assert_string_equal(model_class_name(354), "Positive Intermediate");
    assert_string_equal(model_class_name(421), "Transient Negative Completion");
    assert_string_equal(model_class_name(599), "Permanent Negative Completion");
    assert_null(model_class_name(600));
}

static void test_category_names(void **state)
{
    (void)state;
    assert_string_equal(model_category_name(500), "Syntax");
    assert_string_equal(model_category_name(214), "Information");
    assert_string_equal(model_category_name(421), "Connections");
    assert_string_equal(model_category_name(530), "Unspecified");
    assert_string_equal(model_category_name(441), "Unspecified");
    assert_string_equal(model_category_name(550), "Mail system");
    assert_null(model_category_name(560));
    assert_null(model_category_name(270));
    assert_null(model_category_name(480));
    assert_null(model_category_name(599));
}

static void test_free_null(void **state)
{
    (void)state;
    model_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_build),
        cmocka_unit_test(test_valid_build_without_warning_callback),
        cmocka_unit_test(test_symbols_without_class_prefix_do_not_warn),
        cmocka_unit_test(test_error_empty_file),
        cmocka_unit_test(test_error_wrong_header),
        cmocka_unit_test(test_error_header_column_count),
        cmocka_unit_test(test_error_header_only),
        cmocka_unit_test(test_error_field_count),
        cmocka_unit_test(test_error_code_syntax),
        cmocka_unit_test(test_error_code_range),
        cmocka_unit_test(test_error_code_second_digit),
        cmocka_unit_test(test_highest_valid_codes),
        cmocka_unit_test(test_error_empty_name),
        cmocka_unit_test(test_error_bad_identifier),
        cmocka_unit_test(test_error_duplicate_name),
        cmocka_unit_test(test_names_may_repeat_across_files),
        cmocka_unit_test(test_error_duplicate_reply_code),
        cmocka_unit_test(test_error_bad_symbol),
        cmocka_unit_test(test_error_empty_description),
        cmocka_unit_test(test_first_fault_wins),
        cmocka_unit_test(test_class_names),
        cmocka_unit_test(test_category_names),
        cmocka_unit_test(test_free_null),
    };

    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
