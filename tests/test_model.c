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
                        "reason \"NO_ROUTE\" has code 551, which has no reply row [no-reply-row]");
    assert_string_equal(w.list[1].source, "reasons.csv");
    assert_int_equal(w.list[1].line, 4);
    assert_int_equal(w.list[1].column, 8);
    assert_string_equal(w.list[1].text,
                        "symbol \"4XX_SYNTAX_ERROR\" names another class than its "
                        "code 500 [symbol-class]");
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
                "column 4 \"extra\" is not a column of this table: after "
                "\"name,code,description\" come only the optional since, deprecated, "
                "replaced_by, aliases and quirks");
    check_error("name,code\nOK,250\n", valid_reasons, "replies.csv", 1, 1,
                "expected the header \"name,code,description\" (3 columns), found 2 "
                "columns");
    check_error(valid_replies, "name,symbol,code,description,\nA,4XX_A,450,x,\n",
                "reasons.csv", 1, 30,
                "column 5 \"\" is not a column of this table: after "
                "\"name,symbol,code,description\" come only the optional since, deprecated, "
                "replaced_by, aliases and quirks");
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

/* --- The enhanced status codes (model_add_enhanced) ----------------------- */

/* The classes and subjects, a subject between the classes (file order is
 * kept), and subject 0 with detail 999 below (the bounds). */
static const char valid_subcodes[] =
    "kind,code,name,title\n"
    "class,2,SUCCESS,Success\n"
    "class,4,PERSISTENT_TRANSIENT_FAILURE,Persistent Transient Failure\n"
    "subject,1,ADDRESSING,Addressing Status\n"
    "class,5,PERMANENT_FAILURE,Permanent Failure\n"
    "subject,0,OTHER,Other or Undefined Status\n"
    "subject,2,MAILBOX,Mailbox Status\n";

#define ENHANCED_HEADER                                                            \
    "name,subject,detail,text,basic_codes,reference,deprecated,replaced_by,"       \
    "description\n"

/* A deprecated row without text whose replacement comes later in the file,
 * reply codes, class patterns, an empty basic_codes column and a quoted
 * description. */
static const char valid_enhanced[] =
    ENHANCED_HEADER
    "OLD_FULL,2,3,,552,[RFC3463],0.2.0,MAILBOX_FULL,Use MAILBOX_FULL.\n"
    "BAD_MAILBOX,1,1,Bad destination mailbox address,451 550,[RFC3463],,,"
    "\"The mailbox does not exist, at all.\"\n"
    "MAILBOX_FULL,2,2,Mailbox full,450 5XX,[RFC3463] (Standards Track),,,Full.\n"
    "OTHER,0,0,Other undefined Status,,[RFC3463],,,Other.\n"
    "PRIORITY,0,999,Priority too low,559 4XX 200 2XX 5XX,[RFC6710],,,Low.\n";

/* Builds the valid replies and reasons, then adds the two texts (named
 * "tables/subcodes.csv" and "enhanced.csv"). Returns model_add_enhanced()'s
 * result and the model in *out, which the caller frees. */
static int build_enhanced(const char *subcodes, const char *enhanced, warnings *w,
                          gen_error *err, model **out)
{
    model *m = build(valid_replies, valid_reasons, NULL, err);

    assert_non_null(m);
    assert_int_equal(err->set, 0);
    *out = m;
    return model_add_enhanced(m, parse("tables/subcodes.csv", subcodes),
                              parse("enhanced.csv", enhanced), w ? collect_warning : NULL,
                              w, err);
}

/* Adds the two texts, which must fail with exactly this error; the model
 * is freed afterwards (under LeakSanitizer, tests/sanitize.sh, whatever the
 * failed call allocated must go with it). */
static void check_enhanced_error(const char *subcodes, const char *enhanced,
                                 const char *source, long line, long column,
                                 const char *text)
{
    gen_error err;
    model *m;
    int rc = build_enhanced(subcodes, enhanced, NULL, &err, &m);

    /* The replies and reasons stay as they were. */
    assert_int_equal(m->nreplies, 3);
    assert_int_equal(m->nreasons, 4);
    model_free(m);
    if (rc == 0)
        fail_msg("added, but expected %s:%ld:%ld: %s", source, line, column, text);
    if (strcmp(err.source, source) != 0 || strcmp(err.text, text) != 0 || err.line != line
        || err.column != column)
        print_error("got %s:%ld:%ld: %s\n", err.source, err.line, err.column, err.text);
    assert_int_equal(rc, -1);
    assert_int_equal(err.set, 1);
    assert_string_equal(err.source, source);
    assert_string_equal(err.text, text);
    assert_int_equal(err.line, line);
    assert_int_equal(err.column, column);
}

static void check_subcodes_error(const char *subcodes, long line, long column,
                                 const char *text)
{
    check_enhanced_error(subcodes, valid_enhanced, "tables/subcodes.csv", line, column,
                         text);
}

/* The columns of the enhanced table. */
enum { E_NAME, E_SUBJECT, E_DETAIL, E_TEXT, E_BASIC, E_REFERENCE, E_DEPRECATED,
       E_REPLACED_BY, E_DESCRIPTION, E_COLUMNS };

static const char *const valid_fields[E_COLUMNS] = {
    "BAD_MAILBOX", "1", "1", "Bad mailbox", "451 550", "[RFC3463]", "", "",
    "The mailbox does not exist."};

/* The enhanced table of the header, fields as row 2 (written unquoted, so
 * none may hold a comma or a quote) and a valid row 3, MAILBOX_FULL
 * (X.2.2), that a deprecated row 2 can name. */
static void enhanced_table(const char *const fields[E_COLUMNS], char *text, size_t size)
{
    size_t i, len;

    len = (size_t)snprintf(text, size, "%s", ENHANCED_HEADER);
    for (i = 0; i < E_COLUMNS; i++)
        len += (size_t)snprintf(text + len, size - len, "%s%s", fields[i],
                                i + 1 < E_COLUMNS ? "," : "\n");
    len += (size_t)snprintf(text + len, size - len,
                            "MAILBOX_FULL,2,2,Mailbox full,452,[RFC3463],,,Full.\n");
    assert_true(len < size);
}

/* Row 2 of fields must fail at the start of field error_field with text. */
static void check_fields_error(const char *const fields[E_COLUMNS], size_t error_field,
                               const char *text)
{
    char table[1024];
    long column = 1;
    size_t i;

    enhanced_table(fields, table, sizeof table);
    for (i = 0; i < error_field; i++)
        column += (long)strlen(fields[i]) + 1;
    check_enhanced_error(valid_subcodes, table, "enhanced.csv", 2, column, text);
}

/* The valid row with field set to value must fail there with text. */
static void check_field_error(size_t field, const char *value, const char *text)
{
    const char *fields[E_COLUMNS];

    memcpy(fields, valid_fields, sizeof fields);
    fields[field] = value;
    check_fields_error(fields, field, text);
}

/* Row 2 of fields (and row 3) must be accepted. */
static void check_fields_valid(const char *const fields[E_COLUMNS])
{
    char table[1024];
    gen_error err;
    model *m;
    int rc;

    enhanced_table(fields, table, sizeof table);
    rc = build_enhanced(valid_subcodes, table, NULL, &err, &m);
    if (rc != 0)
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    assert_int_equal(err.set, 0);
    assert_int_equal(m->nenhanced, 2);
    model_free(m);
}

/* Row 2 deprecated in version, replaced by row 3: valid or not. */
static void check_version(const char *version, int valid)
{
    const char *fields[E_COLUMNS];
    char text[256];

    memcpy(fields, valid_fields, sizeof fields);
    fields[E_DEPRECATED] = version;
    fields[E_REPLACED_BY] = "MAILBOX_FULL";
    if (valid) {
        check_fields_valid(fields);
        return;
    }
    snprintf(text, sizeof text,
             "deprecated \"%s\" is not a version of dotted numbers (such as 1.2)", version);
    check_fields_error(fields, E_DEPRECATED, text);
}

static void check_basic(const model_basic *b, int code, int cls, const char *text)
{
    assert_int_equal(b->code, code);
    assert_int_equal(b->cls, cls);
    assert_string_equal(b->text, text);
}

/* The optional columns, in another order than the README lists them,
 * with one left out: each row's evolution as the CSV has it, replaced
 * resolved to the replacement's position (a later row too), and "" for
 * the absent column. */
static void test_evolution_columns(void **state)
{
    gen_error err;
    model *m;

    (void)state;
    m = build("name,code,description,aliases,since\n"
              "OK,250,Okay,FINE GOOD,1.0\n"
              "BUSY,450,Busy,,\n",
              "name,symbol,code,description,replaced_by,deprecated,since\n"
              "OLD,4XX_OLD,450,Old,NEW,1.3,1.0\n"
              "NEW,4XX_NEW,450,New,,,1.3\n",
              NULL, &err);
    assert_non_null(m);
    assert_int_equal(m->replies[0].evolution.naliases, 2);
    assert_string_equal(m->replies[0].evolution.aliases[0], "FINE");
    assert_string_equal(m->replies[0].evolution.aliases[1], "GOOD");
    assert_null(m->replies[0].evolution.aliases[2]);
    assert_string_equal(m->replies[0].evolution.since, "1.0");
    assert_string_equal(m->replies[0].evolution.deprecated, "");
    assert_string_equal(m->replies[0].evolution.replaced_by, "");
    assert_int_equal(m->replies[0].evolution.replaced, -1);
    assert_int_equal(m->replies[1].evolution.naliases, 0);
    assert_null(m->replies[1].evolution.aliases);
    assert_string_equal(m->reasons[0].evolution.since, "1.0");
    assert_string_equal(m->reasons[0].evolution.deprecated, "1.3");
    assert_string_equal(m->reasons[0].evolution.replaced_by, "NEW");
    assert_int_equal(m->reasons[0].evolution.replaced, 1);
    assert_int_equal(m->reasons[0].evolution.naliases, 0);
    assert_int_equal(m->reasons[1].evolution.replaced, -1);
    /* The description is still the fourth column, not the last. */
    assert_string_equal(m->reasons[1].description, "New");
    model_free(m);
}

static void test_enhanced_valid_build(void **state)
{
    warnings w;
    gen_error err;
    model *m;
    const model_enhanced *e;

    (void)state;
    memset(&w, 0, sizeof w);
    assert_int_equal(build_enhanced(valid_subcodes, valid_enhanced, &w, &err, &m), 0);
    assert_int_equal(err.set, 0);
    assert_int_equal(w.count, 0);
    assert_non_null(m->subcodes_csv);
    assert_string_equal(m->subcodes_csv->source, "tables/subcodes.csv");
    assert_non_null(m->enhanced_csv);
    assert_string_equal(m->enhanced_csv->source, "enhanced.csv");
    /* The replies and reasons as model_build() made them. */
    assert_int_equal(m->nreplies, 3);
    assert_int_equal(m->nreasons, 4);

    /* Classes and subjects apart, each in file order. */
    assert_int_equal(m->nclasses, 3);
    assert_string_equal(m->classes[0].name, "SUCCESS");
    assert_int_equal(m->classes[0].code, 2);
    assert_string_equal(m->classes[0].title, "Success");
    assert_int_equal(m->classes[0].line, 2);
    assert_string_equal(m->classes[1].name, "PERSISTENT_TRANSIENT_FAILURE");
    assert_int_equal(m->classes[1].code, 4);
    assert_string_equal(m->classes[1].title, "Persistent Transient Failure");
    assert_int_equal(m->classes[1].line, 3);
    assert_string_equal(m->classes[2].name, "PERMANENT_FAILURE");
    assert_int_equal(m->classes[2].code, 5);
    assert_string_equal(m->classes[2].title, "Permanent Failure");
    assert_int_equal(m->classes[2].line, 5);
    assert_int_equal(m->nsubjects, 3);
    assert_string_equal(m->subjects[0].name, "ADDRESSING");
    assert_int_equal(m->subjects[0].code, 1);
    assert_string_equal(m->subjects[0].title, "Addressing Status");
    assert_int_equal(m->subjects[0].line, 4);
    assert_string_equal(m->subjects[1].name, "OTHER");
    assert_int_equal(m->subjects[1].code, 0);
    assert_string_equal(m->subjects[1].title, "Other or Undefined Status");
    assert_int_equal(m->subjects[1].line, 6);
    assert_string_equal(m->subjects[2].name, "MAILBOX");
    assert_int_equal(m->subjects[2].code, 2);
    assert_string_equal(m->subjects[2].title, "Mailbox Status");
    assert_int_equal(m->subjects[2].line, 7);

    assert_int_equal(m->nenhanced, 5);
    e = &m->enhanced[0];
    assert_string_equal(e->name, "OLD_FULL");
    assert_int_equal(e->subject, 2);
    assert_int_equal(e->detail, 3);
    assert_int_equal(e->subject_row, 2);
    assert_string_equal(e->text, "");
    assert_string_equal(e->basic_codes, "552");
    assert_int_equal(e->nbasic, 1);
    check_basic(&e->basic[0], 552, 5, "552");
    assert_string_equal(e->reference, "[RFC3463]");
    assert_string_equal(e->evolution.deprecated, "0.2.0");
    assert_string_equal(e->evolution.replaced_by, "MAILBOX_FULL");
    assert_int_equal(e->evolution.replaced, 2);
    assert_string_equal(e->description, "Use MAILBOX_FULL.");
    assert_int_equal(e->line, 2);

    e = &m->enhanced[1];
    assert_string_equal(e->name, "BAD_MAILBOX");
    assert_int_equal(e->subject, 1);
    assert_int_equal(e->detail, 1);
    assert_int_equal(e->subject_row, 0);
    assert_string_equal(e->text, "Bad destination mailbox address");
    /* The column as written, and the codes cut from it. */
    assert_string_equal(e->basic_codes, "451 550");
    assert_int_equal(e->nbasic, 2);
    check_basic(&e->basic[0], 451, 4, "451");
    check_basic(&e->basic[1], 550, 5, "550");
    assert_string_equal(e->reference, "[RFC3463]");
    assert_string_equal(e->evolution.deprecated, "");
    assert_string_equal(e->evolution.replaced_by, "");
    assert_int_equal(e->evolution.replaced, -1);
    assert_string_equal(e->description, "The mailbox does not exist, at all.");
    assert_int_equal(e->line, 3);

    e = &m->enhanced[2];
    assert_string_equal(e->name, "MAILBOX_FULL");
    assert_int_equal(e->subject, 2);
    assert_int_equal(e->detail, 2);
    assert_int_equal(e->subject_row, 2);
    assert_string_equal(e->text, "Mailbox full");
    assert_string_equal(e->basic_codes, "450 5XX");
    assert_int_equal(e->nbasic, 2);
    check_basic(&e->basic[0], 450, 4, "450");
    /* A class pattern: no code, its class. */
    check_basic(&e->basic[1], 0, 5, "5XX");
    assert_string_equal(e->reference, "[RFC3463] (Standards Track)");
    assert_int_equal(e->evolution.replaced, -1);
    assert_string_equal(e->description, "Full.");
    assert_int_equal(e->line, 4);

    e = &m->enhanced[3];
    assert_string_equal(e->name, "OTHER");
    assert_int_equal(e->subject, 0);
    assert_int_equal(e->detail, 0);
    assert_int_equal(e->subject_row, 1);
    assert_string_equal(e->basic_codes, "");
    assert_int_equal(e->nbasic, 0);
    assert_int_equal(e->evolution.replaced, -1);
    assert_int_equal(e->line, 5);

    e = &m->enhanced[4];
    assert_string_equal(e->name, "PRIORITY");
    assert_int_equal(e->subject, 0);
    assert_int_equal(e->detail, 999);
    assert_int_equal(e->subject_row, 1);
    assert_string_equal(e->basic_codes, "559 4XX 200 2XX 5XX");
    assert_int_equal(e->nbasic, 5);
    check_basic(&e->basic[0], 559, 5, "559");
    check_basic(&e->basic[1], 0, 4, "4XX");
    check_basic(&e->basic[2], 200, 2, "200");
    check_basic(&e->basic[3], 0, 2, "2XX");
    check_basic(&e->basic[4], 0, 5, "5XX");
    assert_string_equal(e->reference, "[RFC6710]");
    assert_int_equal(e->line, 6);
    model_free(m);
}

static void test_enhanced_without_warning_callback(void **state)
{
    gen_error err;
    model *m;

    (void)state;
    assert_int_equal(build_enhanced(valid_subcodes, valid_enhanced, NULL, &err, &m), 0);
    assert_int_equal(m->nenhanced, 5);
    model_free(m);
}

/* A model that model_add_enhanced() never saw has none of it. */
static void test_enhanced_absent(void **state)
{
    gen_error err;
    model *m = build(valid_replies, valid_reasons, NULL, &err);

    (void)state;
    assert_non_null(m);
    assert_null(m->subcodes_csv);
    assert_null(m->enhanced_csv);
    assert_null(m->classes);
    assert_int_equal(m->nclasses, 0);
    assert_null(m->subjects);
    assert_int_equal(m->nsubjects, 0);
    assert_null(m->enhanced);
    assert_int_equal(m->nenhanced, 0);
    model_free(m);
}

/* 4095 bytes are the most a text takes (C99's string literal); one more
 * is an error at the field. The sample text, which a reply line carries,
 * warns past 496 bytes (RFC 5321's 512-octet line); the description,
 * which no reply carries, does not. */
static void test_enhanced_long_fields(void **state)
{
    static char enhanced[4 * 4096 + 512];
    static char text[4097], description[4097], text_ok[4096], description_ok[4096];
    warnings w;
    gen_error err;
    model *m;

    (void)state;
    memset(text, 't', 4096);
    memset(description, 'd', 4096);
    memset(text_ok, 't', 4095);
    memset(description_ok, 'd', 4095);
    snprintf(enhanced, sizeof enhanced,
             ENHANCED_HEADER "FINE,1,2,%s,,x,,,%s\nSHORT,1,3,%.496s,,x,,,%s\n", text_ok,
             description_ok, text_ok, description_ok);
    memset(&w, 0, sizeof w);
    if (build_enhanced(valid_subcodes, enhanced, &w, &err, &m) != 0)
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    assert_int_equal(w.count, 1);
    assert_string_equal(w.list[0].source, "enhanced.csv");
    assert_int_equal(w.list[0].line, 2);
    assert_int_equal(w.list[0].column, 10);
    assert_string_equal(w.list[0].text,
                        "the text of \"FINE\" is 4095 bytes, too long for one reply line: "
                        "RFC 5321 (4.5.3.1.5) allows 512 octets, which with the code, an "
                        "enhanced code and CRLF leaves 496 for the text [long-reply-line]");
    model_free(m);

    snprintf(enhanced, sizeof enhanced, ENHANCED_HEADER "LONG,1,1,%s,,x,,,%s\n", text_ok,
             description);
    memset(&w, 0, sizeof w);
    assert_int_not_equal(build_enhanced(valid_subcodes, enhanced, &w, &err, &m), 0);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 4095 + 16);
    assert_string_equal(err.text, "the description of \"LONG\" is 4096 bytes, over the 4095 "
                                  "that C99 promises for a string literal in the header");
    model_free(m);
    snprintf(enhanced, sizeof enhanced, ENHANCED_HEADER "LONG,1,1,%s,,x,,,%s\n", text,
             description_ok);
    memset(&w, 0, sizeof w);
    assert_int_not_equal(build_enhanced(valid_subcodes, enhanced, &w, &err, &m), 0);
    assert_int_equal(err.column, 10);
    assert_string_equal(err.text, "the text of \"LONG\" is 4096 bytes, over the 4095 that C99 "
                                  "promises for a string literal in the header; a reply line "
                                  "holds 512 octets (RFC 5321 4.5.3.1.5)");
    model_free(m);
}

static void test_enhanced_error_header(void **state)
{
    (void)state;
    check_subcodes_error("kind,code,name,titel\nclass,2,SUCCESS,Success\n", 1, 16,
                         "expected the header \"kind,code,name,title\"; column 4 should be "
                         "\"title\"");
    check_subcodes_error("", 1, 1, "empty file; expected the header \"kind,code,name,title\"");
    check_subcodes_error("kind,code,name,title\n", 2, 1, "no rows after the header");
    check_subcodes_error("kind,code,name\nclass,2,SUCCESS\n", 1, 1,
                         "expected the header \"kind,code,name,title\" (4 columns), found 3 "
                         "columns");
    check_enhanced_error(valid_subcodes,
                         "name,subject,detail,txt,basic_codes,reference,deprecated,"
                         "replaced_by,description\nA,1,1,t,,r,,,d\n",
                         "enhanced.csv", 1, 21,
                         "expected the header \"name,subject,detail,text,basic_codes,"
                         "reference,deprecated,replaced_by,description\"; column 4 should "
                         "be \"text\"");
    check_enhanced_error(valid_subcodes,
                         "name,subject,detail,text,basic_codes,reference,deprecated,"
                         "replaced_by,description,extra\nA,1,1,t,,r,,,d,e\n",
                         "enhanced.csv", 1, 83,
                         "column 10 \"extra\" is not a column of this table: after "
                         "\"name,subject,detail,text,basic_codes,reference,deprecated,"
                         "replaced_by,description\" come only the optional since, "
                         "deprecated, replaced_by, aliases and quirks");
    check_enhanced_error(valid_subcodes, "", "enhanced.csv", 1, 1,
                         "empty file; expected the header \"name,subject,detail,text,"
                         "basic_codes,reference,deprecated,replaced_by,description\"");
    check_enhanced_error(valid_subcodes, ENHANCED_HEADER, "enhanced.csv", 2, 1,
                         "no rows after the header");
    /* Both wrong: the subcode table is checked first. */
    check_enhanced_error("kind\nclass\n", "", "tables/subcodes.csv", 1, 1,
                         "expected the header \"kind,code,name,title\" (4 columns), found 1 "
                         "columns");
}

static void test_subcodes_error_fields(void **state)
{
    (void)state;
    check_subcodes_error("kind,code,name,title\nclass,2,SUCCESS,Success,x\n", 2, 25,
                         "too many fields: expected 4, found 5");
    check_subcodes_error("kind,code,name,title\nclass,2,SUCCESS\n", 2, 1,
                         "too few fields: expected 4, found 3");
    check_subcodes_error("kind,code,name,title\nclass,2,SUCCESS,Success\n"
                         "detail,1,ADDRESSING,Addressing\n",
                         3, 1, "kind \"detail\" is neither \"class\" nor \"subject\"");
    check_subcodes_error("kind,code,name,title\nClass,2,SUCCESS,Success\n", 2, 1,
                         "kind \"Class\" is neither \"class\" nor \"subject\"");
    check_subcodes_error("kind,code,name,title\n,2,SUCCESS,Success\n", 2, 1,
                         "kind \"\" is neither \"class\" nor \"subject\"");
}

static void test_subcodes_error_codes(void **state)
{
    (void)state;
    check_subcodes_error("kind,code,name,title\nclass,02,SUCCESS,Success\n", 2, 7,
                         "class \"02\" is not a number of 1 to 3 digits without a leading "
                         "zero (RFC 3463)");
    check_subcodes_error("kind,code,name,title\nclass,,SUCCESS,Success\n", 2, 7,
                         "class \"\" is not a number of 1 to 3 digits without a leading "
                         "zero (RFC 3463)");
    check_subcodes_error("kind,code,name,title\nclass,X,SUCCESS,Success\n", 2, 7,
                         "class \"X\" is not a number of 1 to 3 digits without a leading "
                         "zero (RFC 3463)");
    check_subcodes_error("kind,code,name,title\nclass,3,SUCCESS,Success\n", 2, 7,
                         "class 3 is not one of RFC 3463's classes 2, 4 and 5");
    check_subcodes_error("kind,code,name,title\nclass,0,SUCCESS,Success\n", 2, 7,
                         "class 0 is not one of RFC 3463's classes 2, 4 and 5");
    check_subcodes_error("kind,code,name,title\nclass,200,SUCCESS,Success\n", 2, 7,
                         "class 200 is not one of RFC 3463's classes 2, 4 and 5");
    check_subcodes_error("kind,code,name,title\nsubject,01,ADDRESSING,Addressing\n", 2, 9,
                         "subject \"01\" is not a number of 1 to 3 digits without a leading "
                         "zero (RFC 3463)");
    check_subcodes_error("kind,code,name,title\nsubject,1000,ADDRESSING,Addressing\n", 2, 9,
                         "subject \"1000\" is not a number of 1 to 3 digits without a "
                         "leading zero (RFC 3463)");
    check_subcodes_error("kind,code,name,title\nsubject,-1,ADDRESSING,Addressing\n", 2, 9,
                         "subject \"-1\" is not a number of 1 to 3 digits without a leading "
                         "zero (RFC 3463)");
}

static void test_subcodes_error_name_and_title(void **state)
{
    (void)state;
    check_subcodes_error("kind,code,name,title\nclass,2,success,Success\n", 2, 9,
                         "name \"success\" is not an identifier of the form [A-Z][A-Z0-9_]*");
    check_subcodes_error("kind,code,name,title\nclass,2,,Success\n", 2, 9, "empty name");
    check_subcodes_error("kind,code,name,title\nsubject,1,ADDRESSING,\n", 2, 22,
                         "empty title");
}

static void test_subcodes_error_duplicates(void **state)
{
    (void)state;
    check_subcodes_error("kind,code,name,title\nclass,2,SUCCESS,Success\n"
                         "class,4,TRANSIENT,Transient\nclass,2,AGAIN,Again\n",
                         4, 7, "duplicate class 2 (first on line 2)");
    check_subcodes_error("kind,code,name,title\nclass,2,SUCCESS,Success\n"
                         "subject,1,ADDRESSING,Addressing\nsubject,1,AGAIN,Again\n",
                         4, 9, "duplicate subject 1 (first on line 3)");
    check_subcodes_error("kind,code,name,title\nclass,2,SUCCESS,Success\n"
                         "class,4,SUCCESS,Transient\n",
                         3, 9, "duplicate name \"SUCCESS\" (first on line 2)");
    check_subcodes_error("kind,code,name,title\nsubject,1,MAILBOX,Addressing\n"
                         "subject,2,MAILBOX,Mailbox\n",
                         3, 11, "duplicate name \"MAILBOX\" (first on line 2)");
}

/* A class and a subject are apart: class 2 and subject 2 coexist, and so
 * may a class and a subject of one name. */
static void test_subcodes_class_and_subject_apart(void **state)
{
    gen_error err;
    model *m;

    (void)state;
    assert_int_equal(build_enhanced("kind,code,name,title\n"
                                    "class,2,MAILBOX,Success\n"
                                    "class,4,TRANSIENT,Transient\n"
                                    "class,5,PERMANENT,Permanent\n"
                                    "subject,2,MAILBOX,Mailbox\n"
                                    "subject,1,ADDRESSING,Addressing\n"
                                    "subject,0,OTHER,Other\n",
                                    valid_enhanced, NULL, &err, &m),
                     0);
    assert_int_equal(m->nclasses, 3);
    assert_int_equal(m->nsubjects, 3);
    assert_int_equal(m->subjects[0].code, 2);
    assert_string_equal(m->subjects[0].name, "MAILBOX");
    /* X.2.* codes name the subject row 0 now. */
    assert_int_equal(m->enhanced[0].subject_row, 0);
    model_free(m);
}

static void test_subcodes_error_missing(void **state)
{
    (void)state;
    check_subcodes_error("kind,code,name,title\nclass,4,TRANSIENT,Transient\n"
                         "class,5,PERMANENT,Permanent\nsubject,1,ADDRESSING,Addressing\n",
                         5, 1,
                         "no row for class 2; RFC 3463 defines the classes 2, 4 and 5, and "
                         "each needs a title");
    check_subcodes_error("kind,code,name,title\nclass,2,SUCCESS,Success\n"
                         "class,5,PERMANENT,Permanent\nsubject,1,ADDRESSING,Addressing\n",
                         5, 1,
                         "no row for class 4; RFC 3463 defines the classes 2, 4 and 5, and "
                         "each needs a title");
    check_subcodes_error("kind,code,name,title\nclass,2,SUCCESS,Success\n"
                         "class,4,TRANSIENT,Transient\nsubject,1,ADDRESSING,Addressing\n",
                         5, 1,
                         "no row for class 5; RFC 3463 defines the classes 2, 4 and 5, and "
                         "each needs a title");
    check_subcodes_error("kind,code,name,title\nsubject,1,ADDRESSING,Addressing\n", 3, 1,
                         "no row for class 2; RFC 3463 defines the classes 2, 4 and 5, and "
                         "each needs a title");
    check_subcodes_error("kind,code,name,title\nclass,2,SUCCESS,Success\n"
                         "class,4,TRANSIENT,Transient\nclass,5,PERMANENT,Permanent\n",
                         5, 1, "no subject rows; the enhanced codes need their subjects");
}

static void test_enhanced_error_fields(void **state)
{
    (void)state;
    check_enhanced_error(valid_subcodes, ENHANCED_HEADER "A,1,1,t,,r,,\n", "enhanced.csv",
                         2, 1, "too few fields: expected 9, found 8");
    check_enhanced_error(valid_subcodes, ENHANCED_HEADER "A,1,1,t,,r,,,d,e\n",
                         "enhanced.csv", 2, 16, "too many fields: expected 9, found 10");
    check_field_error(E_NAME, "", "empty name");
    check_field_error(E_NAME, "bad_mailbox",
                      "name \"bad_mailbox\" is not an identifier of the form "
                      "[A-Z][A-Z0-9_]*");
    check_field_error(E_NAME, "5_1_1",
                      "name \"5_1_1\" is not an identifier of the form [A-Z][A-Z0-9_]*");
    check_field_error(E_DESCRIPTION, "", "empty description");
}

static void test_enhanced_error_subject_and_detail(void **state)
{
    static const struct {
        const char *value, *text;
    } bad[] = {
        {"01", "\"01\" is not"},   {"00", "\"00\" is not"},     {"1000", "\"1000\" is not"},
        {"", "\"\" is not"},       {"a", "\"a\" is not"},       {"1a", "\"1a\" is not"},
        {"x1", "\"x1\" is not"},   {"-1", "\"-1\" is not"},     {"+1", "\"+1\" is not"},
        {" 1", "\" 1\" is not"},   {"1 ", "\"1 \" is not"},     {"1.0", "\"1.0\" is not"},
        {"0001", "\"0001\" is not"},
    };
    char text[256];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text,
                 "subject %s a number of 1 to 3 digits without a leading zero (RFC 3463)",
                 bad[i].text);
        check_field_error(E_SUBJECT, bad[i].value, text);
        snprintf(text, sizeof text,
                 "detail %s a number of 1 to 3 digits without a leading zero (RFC 3463)",
                 bad[i].text);
        check_field_error(E_DETAIL, bad[i].value, text);
    }
}

static void test_enhanced_error_unknown_subject(void **state)
{
    (void)state;
    /* The message names the subcode table by its base name. */
    check_field_error(E_SUBJECT, "7",
                      "subject 7 is not in the subject table (subcodes.csv)");
    check_field_error(E_SUBJECT, "999",
                      "subject 999 is not in the subject table (subcodes.csv)");
    /* A class is no subject. */
    check_field_error(E_SUBJECT, "5",
                      "subject 5 is not in the subject table (subcodes.csv)");
}

static void test_enhanced_error_duplicate(void **state)
{
    (void)state;
    check_enhanced_error(valid_subcodes,
                         ENHANCED_HEADER "A,1,1,t,,r,,,d\nB,1,2,t,,r,,,d\nC,1,1,t,,r,,,d\n",
                         "enhanced.csv", 4, 3, "duplicate code X.1.1 (first on line 2)");
    check_enhanced_error(valid_subcodes,
                         ENHANCED_HEADER "A,0,999,t,,r,,,d\nB,0,999,t,,r,,,d\n",
                         "enhanced.csv", 3, 3, "duplicate code X.0.999 (first on line 2)");
    check_enhanced_error(valid_subcodes,
                         ENHANCED_HEADER "A,1,1,t,,r,,,d\nB,1,2,t,,r,,,d\nA,1,3,t,,r,,,d\n",
                         "enhanced.csv", 4, 1, "duplicate name \"A\" (first on line 2)");
}

/* The same detail under other subjects, and names the other tables use,
 * are fine. */
static void test_enhanced_codes_apart(void **state)
{
    gen_error err;
    model *m;

    (void)state;
    assert_int_equal(build_enhanced(valid_subcodes,
                                    ENHANCED_HEADER "OK,1,1,t,,r,,,d\nBUSY,2,1,t,,r,,,d\n"
                                                    "ADDRESSING,0,1,t,,r,,,d\n",
                                    NULL, &err, &m),
                     0);
    assert_int_equal(m->nenhanced, 3);
    assert_int_equal(m->enhanced[1].subject, 2);
    assert_int_equal(m->enhanced[1].detail, 1);
    model_free(m);
}

static void test_enhanced_error_basic_codes(void **state)
{
    /* Neither codes nor patterns, each alone in the column. */
    static const char *const not_codes[] = {
        "651", "199", "099", "600", "561", "470", "55", "5500", "5XX0", "6XX", "1XX",
        "55X", "5X0", "X50", "5xx", "XXX", "45a", "-45", "451;550", "451\t550"};
    const char *fields[E_COLUMNS];
    char text[256];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof not_codes / sizeof not_codes[0]; i++) {
        snprintf(text, sizeof text,
                 "basic code \"%s\" is neither a reply code (200 to 599, second digit 0 "
                 "to 5) nor a class pattern (2XX to 5XX)",
                 not_codes[i]);
        check_field_error(E_BASIC, not_codes[i], text);
    }
    /* A bad code after good ones is named alone. */
    check_field_error(E_BASIC, "451 550 45",
                      "basic code \"45\" is neither a reply code (200 to 599, second digit 0 "
                      "to 5) nor a class pattern (2XX to 5XX)");
    /* A comma needs quotes; the error names the field's column. */
    check_enhanced_error(valid_subcodes,
                         ENHANCED_HEADER "A,1,1,t,\"451,550\",r,,,d\n", "enhanced.csv", 2, 9,
                         "basic code \"451,550\" is neither a reply code (200 to 599, "
                         "second digit 0 to 5) nor a class pattern (2XX to 5XX)");
    check_field_error(E_BASIC, "451  550",
                      "basic codes \"451  550\" must be separated by single spaces");
    check_field_error(E_BASIC, " 451 550",
                      "basic codes \" 451 550\" must be separated by single spaces");
    check_field_error(E_BASIC, "451 550 ",
                      "basic codes \"451 550 \" must be separated by single spaces");
    check_field_error(E_BASIC, " ", "basic codes \" \" must be separated by single spaces");
    check_field_error(E_BASIC, "451 ",
                      "basic codes \"451 \" must be separated by single spaces");
    check_field_error(E_BASIC, "550 451 550", "basic code 550 is listed twice");
    check_field_error(E_BASIC, "5XX 550 5XX", "basic code 5XX is listed twice");
    check_field_error(E_BASIC, "550 550", "basic code 550 is listed twice");
    /* A pattern and a code of its class are two things. */
    memcpy(fields, valid_fields, sizeof fields);
    fields[E_BASIC] = "5XX 550 4XX 450 2XX 200 559 599";
    check_fields_error(fields, E_BASIC,
                       "basic code \"599\" is neither a reply code (200 to 599, second "
                       "digit 0 to 5) nor a class pattern (2XX to 5XX)");
    fields[E_BASIC] = "5XX 550 4XX 450 2XX 200 559 3XX 354";
    check_fields_valid(fields);
}

static void test_enhanced_error_text(void **state)
{
    const char *fields[E_COLUMNS];

    (void)state;
    check_field_error(E_TEXT, "", "empty text (only a deprecated row may have none)");
    /* A deprecated row may have none. */
    memcpy(fields, valid_fields, sizeof fields);
    fields[E_TEXT] = "";
    fields[E_DEPRECATED] = "1.2";
    fields[E_REPLACED_BY] = "MAILBOX_FULL";
    check_fields_valid(fields);
}

static void test_enhanced_error_deprecation(void **state)
{
    const char *fields[E_COLUMNS];

    (void)state;
    memcpy(fields, valid_fields, sizeof fields);
    /* A row may retire without a replacement. */
    fields[E_DEPRECATED] = "1.2";
    check_fields_valid(fields);
    fields[E_DEPRECATED] = "";
    fields[E_REPLACED_BY] = "MAILBOX_FULL";
    check_fields_error(fields, E_REPLACED_BY,
                       "replaced_by names a replacement, but the row is not deprecated "
                       "(give the version in deprecated)");
    fields[E_DEPRECATED] = "1.2";
    fields[E_REPLACED_BY] = "NO_SUCH_ROW";
    check_fields_error(fields, E_REPLACED_BY,
                       "replaced_by \"NO_SUCH_ROW\" is not a name in this table");
    fields[E_REPLACED_BY] = "mailbox_full";
    check_fields_error(fields, E_REPLACED_BY,
                       "replaced_by \"mailbox_full\" is not an identifier of the form "
                       "[A-Z][A-Z0-9_]*");
    /* Names of the other tables are not names of this one. */
    fields[E_REPLACED_BY] = "OK";
    check_fields_error(fields, E_REPLACED_BY,
                       "replaced_by \"OK\" is not a name in this table");
    fields[E_REPLACED_BY] = "BAD_MAILBOX";
    check_fields_error(fields, E_REPLACED_BY, "row \"BAD_MAILBOX\" cannot replace itself");
    /* A later replacement is fine (as in valid_enhanced); an earlier one
     * too. */
    fields[E_REPLACED_BY] = "MAILBOX_FULL";
    check_fields_valid(fields);
    check_enhanced_error(valid_subcodes,
                         ENHANCED_HEADER "NEW,1,2,t,,r,,,d\n"
                                         "OLD,1,1,t,,r,1.2,NEW,d\n"
                                         "OLDER,1,3,t,,r,1.0,OLD,d\n",
                         "enhanced.csv", 4, 20,
                         "replaced_by \"OLD\" is deprecated itself (line 3); name the row "
                         "that replaces both");
    /* The same when the deprecated replacement comes later. */
    check_enhanced_error(valid_subcodes,
                         ENHANCED_HEADER "OLDER,1,3,t,,r,1.0,OLD,d\n"
                                         "OLD,1,1,t,,r,1.2,NEW,d\n"
                                         "NEW,1,2,t,,r,,,d\n",
                         "enhanced.csv", 2, 20,
                         "replaced_by \"OLD\" is deprecated itself (line 3); name the row "
                         "that replaces both");
    /* Two rows replacing each other. */
    check_enhanced_error(valid_subcodes,
                         ENHANCED_HEADER "A,1,1,t,,r,1,B,d\nB,1,2,t,,r,1,A,d\n",
                         "enhanced.csv", 2, 14,
                         "replaced_by \"B\" is deprecated itself (line 3); name the row that "
                         "replaces both");
}

static void test_enhanced_replacements_resolve(void **state)
{
    gen_error err;
    model *m;

    (void)state;
    assert_int_equal(build_enhanced(valid_subcodes,
                                    ENHANCED_HEADER "OLD_A,1,1,,,r,1,NEW_B,d\n"
                                                    "NEW_A,1,2,t,,r,,,d\n"
                                                    "OLD_B,1,3,,,r,2.0,NEW_A,d\n"
                                                    "NEW_B,1,4,t,,r,,,d\n"
                                                    "OLD_C,1,5,t,,r,0.1,NEW_B,d\n",
                                    NULL, &err, &m),
                     0);
    assert_int_equal(m->nenhanced, 5);
    assert_int_equal(m->enhanced[0].evolution.replaced, 3);
    assert_int_equal(m->enhanced[1].evolution.replaced, -1);
    assert_int_equal(m->enhanced[2].evolution.replaced, 1);
    assert_int_equal(m->enhanced[3].evolution.replaced, -1);
    assert_int_equal(m->enhanced[4].evolution.replaced, 3);
    assert_string_equal(m->enhanced[4].text, "t");
    model_free(m);
}

/* Many replacements, each found at its row wherever it is in the file
 * (before or after, near or far). */
static void test_enhanced_many_replacements(void **state)
{
    enum { ROWS = 1000 };
    static char enhanced[ROWS * 48 + 256];
    gen_error err;
    model *m;
    size_t i, len;

    (void)state;
    len = (size_t)snprintf(enhanced, sizeof enhanced, "%s", ENHANCED_HEADER);
    /* Row i (line i + 2) is subject 1 or 2, detail i / 2; the odd rows are
     * deprecated, replaced by the even row (i * 7919) % ROWS rounded down
     * to even. */
    for (i = 0; i < ROWS; i++) {
        if (i % 2)
            len += (size_t)snprintf(enhanced + len, sizeof enhanced - len,
                                    "R%zu,2,%zu,,,r,1,R%zu,d\n", i, i / 2,
                                    i * 7919 % ROWS / 2 * 2);
        else
            len += (size_t)snprintf(enhanced + len, sizeof enhanced - len,
                                    "R%zu,1,%zu,t,,r,,,d\n", i, i / 2);
        assert_true(len < sizeof enhanced);
    }
    if (build_enhanced(valid_subcodes, enhanced, NULL, &err, &m) != 0)
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    assert_int_equal(m->nenhanced, ROWS);
    for (i = 0; i < ROWS; i++) {
        assert_int_equal(m->enhanced[i].line, (long)i + 2);
        if (i % 2)
            assert_int_equal(m->enhanced[i].evolution.replaced, (long)(i * 7919 % ROWS / 2 * 2));
        else
            assert_int_equal(m->enhanced[i].evolution.replaced, -1);
    }
    model_free(m);
}

static void test_enhanced_versions(void **state)
{
    static const char *const good[] = {"0", "1", "1.2", "0.2.0", "10.0", "1.10", "0.0",
                                       "2024.1.31", "123456789"};
    static const char *const bad[] = {"01", "1.", ".1", "1..2", "a", ".", "..", "1.02",
                                      "1.2.", "1.a", "v1", "1 ", " 1", "1;2", "-1", "1.2-rc",
                                      "00"};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof good / sizeof good[0]; i++)
        check_version(good[i], 1);
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        check_version(bad[i], 0);
}

/* Within a row the fields are checked in a fixed order; the first fault
 * wins. */
static void test_enhanced_first_fault_wins(void **state)
{
    const char *fields[E_COLUMNS];

    (void)state;
    memcpy(fields, valid_fields, sizeof fields);
    fields[E_NAME] = "bad";
    fields[E_SUBJECT] = "01";
    check_fields_error(fields, E_NAME,
                       "name \"bad\" is not an identifier of the form [A-Z][A-Z0-9_]*");
    memcpy(fields, valid_fields, sizeof fields);
    fields[E_SUBJECT] = "9";
    fields[E_DETAIL] = "01";
    check_fields_error(fields, E_SUBJECT,
                       "subject 9 is not in the subject table (subcodes.csv)");
    memcpy(fields, valid_fields, sizeof fields);
    fields[E_TEXT] = "";
    fields[E_BASIC] = "55";
    check_fields_error(fields, E_TEXT, "empty text (only a deprecated row may have none)");
    /* A bad version is reported before the text it would excuse. */
    memcpy(fields, valid_fields, sizeof fields);
    fields[E_TEXT] = "";
    fields[E_DEPRECATED] = "1.";
    check_fields_error(fields, E_DEPRECATED,
                       "deprecated \"1.\" is not a version of dotted numbers (such as 1.2)");
    /* A bad row stops the table: the unknown replacement of row 2 is not
     * reported when row 3 is broken. */
    check_enhanced_error(valid_subcodes,
                         ENHANCED_HEADER "A,1,1,t,,r,1,NOPE,d\nB,1,2,t,,r,,,\n",
                         "enhanced.csv", 3, 14, "empty description");
    /* The subcode table is checked whole before the enhanced one. */
    check_enhanced_error("kind,code,name,title\nclass,2,SUCCESS,Success\n",
                         ENHANCED_HEADER "a,1,1,t,,r,,,d\n", "tables/subcodes.csv", 3, 1,
                         "no row for class 4; RFC 3463 defines the classes 2, 4 and 5, and "
                         "each needs a title");
}

/* model_free() frees what a failing model_add_enhanced() left, whatever
 * the stage it failed at (LeakSanitizer, under tests/sanitize.sh, checks
 * it); the error tests above do the same for every rule. */
static void test_enhanced_free_after_failure(void **state)
{
    static const struct {
        const char *subcodes, *enhanced;
    } cases[] = {
        /* The headers. */
        {"kind\n", ENHANCED_HEADER "A,1,1,t,,r,,,d\n"},
        {"kind,code,name,title\nclass,2,SUCCESS,Success\n", "name\n"},
        /* The subcode rows. */
        {"kind,code,name,title\nclass,2,SUCCESS,Success\nclass,2,AGAIN,Again\n",
         ENHANCED_HEADER "A,1,1,t,,r,,,d\n"},
        /* An enhanced row failing after its basic codes were parsed. */
        {valid_subcodes, ENHANCED_HEADER "A,1,1,t,450 550,r,,,d\nB,1,2,t,451 5XX,,1,,d\n"},
        /* Its basic codes failing halfway. */
        {valid_subcodes, ENHANCED_HEADER "A,1,1,t,450 550,r,,,d\nB,1,2,t,451 55,r,,,d\n"},
        /* A duplicate code, after the row was checked. */
        {valid_subcodes, ENHANCED_HEADER "A,1,1,t,450 550,r,,,d\nB,1,1,t,451 5XX,r,,,d\n"},
        /* The replacements, once every row was read. */
        {valid_subcodes, ENHANCED_HEADER "A,1,1,t,450 550,r,,,d\nB,1,2,t,451,r,1,C,d\n"},
    };
    gen_error err;
    model *m;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(build_enhanced(cases[i].subcodes, cases[i].enhanced, NULL, &err, &m),
                         -1);
        assert_int_equal(err.set, 1);
        /* The model owns both tables whatever the outcome. */
        assert_non_null(m->subcodes_csv);
        assert_non_null(m->enhanced_csv);
        model_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_build),
        cmocka_unit_test(test_evolution_columns),
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
        cmocka_unit_test(test_enhanced_valid_build),
        cmocka_unit_test(test_enhanced_without_warning_callback),
        cmocka_unit_test(test_enhanced_absent),
        cmocka_unit_test(test_enhanced_long_fields),
        cmocka_unit_test(test_enhanced_error_header),
        cmocka_unit_test(test_subcodes_error_fields),
        cmocka_unit_test(test_subcodes_error_codes),
        cmocka_unit_test(test_subcodes_error_name_and_title),
        cmocka_unit_test(test_subcodes_error_duplicates),
        cmocka_unit_test(test_subcodes_class_and_subject_apart),
        cmocka_unit_test(test_subcodes_error_missing),
        cmocka_unit_test(test_enhanced_error_fields),
        cmocka_unit_test(test_enhanced_error_subject_and_detail),
        cmocka_unit_test(test_enhanced_error_unknown_subject),
        cmocka_unit_test(test_enhanced_error_duplicate),
        cmocka_unit_test(test_enhanced_codes_apart),
        cmocka_unit_test(test_enhanced_error_basic_codes),
        cmocka_unit_test(test_enhanced_error_text),
        cmocka_unit_test(test_enhanced_error_deprecation),
        cmocka_unit_test(test_enhanced_replacements_resolve),
        cmocka_unit_test(test_enhanced_many_replacements),
        cmocka_unit_test(test_enhanced_versions),
        cmocka_unit_test(test_enhanced_first_fault_wins),
        cmocka_unit_test(test_enhanced_free_after_failure),
        cmocka_unit_test(test_free_null),
    };

    return cmocka_run_group_tests_name("model", tests, NULL, NULL);
}
