/* test_doc.c - unit tests for doc.c: the Jansson document every artifact
 * comes from, its template view and its JSON dump.
 *
 * Usage: test_doc [IGNORED]
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "csv_read.h"
#include "doc.h"
#include "error.h"
#include "model.h"
#include "version.h"

/* The replies in an order other than by code, a reply without reasons
 * (354), a reason without reply (551), two reasons of one code apart from
 * each other (450), and text that JSON must escape or keep as UTF-8. */
static const char replies_csv[] =
    "name,code,description\n"
    "BUSY,450,\"Mailbox busy, try \"\"later\"\"\"\n"
    "OK,250,Gr\xC3\xBC\xC3\x9F" "e\n"
    "START_INPUT,354,Start mail input\n"
    "SYNTAX_ERROR,500,Syntax error <here> & \\ there\n";

static const char reasons_csv[] =
    "name,symbol,code,description\n"
    "GREYLIST,4XX_GREYLIST,450,Greylisted\n"
    "NO_ROUTE,5XX_NO_ROUTE,551,User not local\n"
    "SYNTAX,5XX_SYNTAX,500,Bad syntax\n"
    "DELIVERED,2XX_OK,250,Delivered\n"
    "RATE_LIMIT,4XX_RATE_LIMIT,450,Too many messages\n";

/* hashlib.sha256(replies_csv).hexdigest() and the same of reasons_csv,
 * computed with Python over the exact bytes above. */
#define REPLIES_SHA256 "a85dc4a6aa414f5ab8fb4320da54e7e04124b9cc38692ef5d7334e5bbab92ba2"
#define REASONS_SHA256 "5826f126a726c87bbb21e037fd9b3f7e7572047a992e260ea9c00884db74c145"

/* The whole dump, written by Python's json.dumps(doc, indent=2,
 * ensure_ascii=False) + "\n" from the tables above, as an independent
 * statement of the format. */
static const char expected_dump[] =
    "{\n"
    "  \"generator\": \"smtpgen\",\n"
    "  \"version\": \"" SMTPGEN_VERSION "\",\n"
    "  \"sources\": {\n"
    "    \"replies\": {\n"
    "      \"file\": \"smtp-replies.csv\",\n"
    "      \"sha256\": \"a85dc4a6aa414f5ab8fb4320da54e7e04124b9cc38692ef5d7334e5bbab92ba2\",\n"
    "      \"rows\": 4\n"
    "    },\n"
    "    \"reasons\": {\n"
    "      \"file\": \"smtp-reasons.csv\",\n"
    "      \"sha256\": \"5826f126a726c87bbb21e037fd9b3f7e7572047a992e260ea9c00884db74c145\",\n"
    "      \"rows\": 5\n"
    "    }\n"
    "  },\n"
    "  \"replies\": [\n"
    "    {\n"
    "      \"name\": \"BUSY\",\n"
    "      \"code\": 450,\n"
    "      \"description\": \"Mailbox busy, try \\\"later\\\"\",\n"
    "      \"index\": 0,\n"
    "      \"class\": 4,\n"
    "      \"class_name\": \"Transient Negative Completion\",\n"
    "      \"category\": 5,\n"
    "      \"category_name\": \"Mail system\",\n"
    "      \"transient\": true,\n"
    "      \"permanent\": false,\n"
    "      \"reasons\": [\n"
    "        \"GREYLIST\",\n"
    "        \"RATE_LIMIT\"\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"OK\",\n"
    "      \"code\": 250,\n"
    "      \"description\": \"Gr\xC3\xBC\xC3\x9F" "e\",\n"
    "      \"index\": 1,\n"
    "      \"class\": 2,\n"
    "      \"class_name\": \"Positive Completion\",\n"
    "      \"category\": 5,\n"
    "      \"category_name\": \"Mail system\",\n"
    "      \"transient\": false,\n"
    "      \"permanent\": false,\n"
    "      \"reasons\": [\n"
    "        \"DELIVERED\"\n"
    "      ]\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"START_INPUT\",\n"
    "      \"code\": 354,\n"
    "      \"description\": \"Start mail input\",\n"
    "      \"index\": 2,\n"
    "      \"class\": 3,\n"
    "      \"class_name\": \"Positive Intermediate\",\n"
    "      \"category\": 5,\n"
    "      \"category_name\": \"Mail system\",\n"
    "      \"transient\": false,\n"
    "      \"permanent\": false,\n"
    "      \"reasons\": []\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"SYNTAX_ERROR\",\n"
    "      \"code\": 500,\n"
    "      \"description\": \"Syntax error <here> & \\\\ there\",\n"
    "      \"index\": 3,\n"
    "      \"class\": 5,\n"
    "      \"class_name\": \"Permanent Negative Completion\",\n"
    "      \"category\": 0,\n"
    "      \"category_name\": \"Syntax\",\n"
    "      \"transient\": false,\n"
    "      \"permanent\": true,\n"
    "      \"reasons\": [\n"
    "        \"SYNTAX\"\n"
    "      ]\n"
    "    }\n"
    "  ],\n"
    "  \"reasons\": [\n"
    "    {\n"
    "      \"name\": \"GREYLIST\",\n"
    "      \"symbol\": \"4XX_GREYLIST\",\n"
    "      \"code\": 450,\n"
    "      \"description\": \"Greylisted\",\n"
    "      \"reply\": \"BUSY\",\n"
    "      \"index\": 0\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"NO_ROUTE\",\n"
    "      \"symbol\": \"5XX_NO_ROUTE\",\n"
    "      \"code\": 551,\n"
    "      \"description\": \"User not local\",\n"
    "      \"reply\": null,\n"
    "      \"index\": 1\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"SYNTAX\",\n"
    "      \"symbol\": \"5XX_SYNTAX\",\n"
    "      \"code\": 500,\n"
    "      \"description\": \"Bad syntax\",\n"
    "      \"reply\": \"SYNTAX_ERROR\",\n"
    "      \"index\": 2\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"DELIVERED\",\n"
    "      \"symbol\": \"2XX_OK\",\n"
    "      \"code\": 250,\n"
    "      \"description\": \"Delivered\",\n"
    "      \"reply\": \"OK\",\n"
    "      \"index\": 3\n"
    "    },\n"
    "    {\n"
    "      \"name\": \"RATE_LIMIT\",\n"
    "      \"symbol\": \"4XX_RATE_LIMIT\",\n"
    "      \"code\": 450,\n"
    "      \"description\": \"Too many messages\",\n"
    "      \"reply\": \"BUSY\",\n"
    "      \"index\": 4\n"
    "    }\n"
    "  ]\n"
    "}\n"
    ;

static csvread_table *parse(const char *source, const char *text, size_t len)
{
    gen_error err;
    csvread_table *t;

    gen_error_init(&err);
    t = csvread_bytes(source, text, len, &err);
    if (!t)
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    return t;
}

/* Builds the document and frees the model at once: the document must not
 * point into it. */
static json_t *make_doc(void)
{
    gen_error err;
    model *m;
    json_t *doc;

    gen_error_init(&err);
    m = model_build(parse("data/sub/smtp-replies.csv", replies_csv, sizeof replies_csv - 1),
                    parse("/home/someone/smtp-reasons.csv", reasons_csv,
                          sizeof reasons_csv - 1),
                    NULL, NULL, &err);
    if (!m)
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    doc = doc_build(m, &err);
    model_free(m);
    assert_non_null(doc);
    assert_int_equal(err.set, 0);
    return doc;
}

static void check_string(json_t *object, const char *key, const char *expected)
{
    json_t *value = json_object_get(object, key);

    if (!json_is_string(value))
        fail_msg("\"%s\" is not a string", key);
    assert_string_equal(json_string_value(value), expected);
}

static void check_integer(json_t *object, const char *key, json_int_t expected)
{
    json_t *value = json_object_get(object, key);

    if (!json_is_integer(value))
        fail_msg("\"%s\" is not an integer", key);
    assert_int_equal(json_integer_value(value), expected);
}

static void check_boolean(json_t *object, const char *key, int expected)
{
    json_t *value = json_object_get(object, key);

    if (!json_is_boolean(value))
        fail_msg("\"%s\" is not a boolean", key);
    assert_int_equal(json_is_true(value), expected);
}

/* The object's keys, in iteration (insertion) order, are exactly keys. */
static void check_keys(json_t *object, const char *const *keys, size_t count)
{
    void *iter = json_object_iter(object);
    size_t i;

    assert_true(json_is_object(object));
    for (i = 0; i < count; i++) {
        if (!iter)
            fail_msg("missing key \"%s\"", keys[i]);
        assert_string_equal(json_object_iter_key(iter), keys[i]);
        iter = json_object_iter_next(object, iter);
    }
    if (iter)
        fail_msg("unexpected key \"%s\"", json_object_iter_key(iter));
    assert_int_equal(json_object_size(object), count);
}

/* The array holds exactly these strings. */
static void check_names(json_t *array, const char *const *names, size_t count)
{
    size_t i;

    assert_true(json_is_array(array));
    assert_int_equal(json_array_size(array), count);
    for (i = 0; i < count; i++)
        assert_string_equal(json_string_value(json_array_get(array, i)), names[i]);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const doc_keys[] = {"generator", "version", "sources", "replies",
                                       "reasons"};
static const char *const source_keys[] = {"file", "sha256", "rows"};
static const char *const reply_keys[] = {"name", "code", "description", "index",
                                         "class", "class_name", "category",
                                         "category_name", "transient", "permanent",
                                         "reasons"};
static const char *const reason_keys[] = {"name", "symbol", "code", "description",
                                          "reply", "index"};

static void test_build_top_level(void **state)
{
    json_t *doc = make_doc();
    json_t *sources;

    (void)state;
    check_keys(doc, doc_keys, COUNT(doc_keys));
    check_string(doc, "generator", "smtpgen");
    check_string(doc, "version", SMTPGEN_VERSION);
    sources = json_object_get(doc, "sources");
    assert_int_equal(json_object_size(sources), 2);
    /* The file's base name only: no folder of the machine that ran it. */
    check_keys(json_object_get(sources, "replies"), source_keys, COUNT(source_keys));
    check_string(json_object_get(sources, "replies"), "file", "smtp-replies.csv");
    check_string(json_object_get(sources, "replies"), "sha256", REPLIES_SHA256);
    check_integer(json_object_get(sources, "replies"), "rows", 4);
    check_keys(json_object_get(sources, "reasons"), source_keys, COUNT(source_keys));
    check_string(json_object_get(sources, "reasons"), "file", "smtp-reasons.csv");
    check_string(json_object_get(sources, "reasons"), "sha256", REASONS_SHA256);
    check_integer(json_object_get(sources, "reasons"), "rows", 5);
    json_decref(doc);
}

static void test_build_replies(void **state)
{
    json_t *doc = make_doc();
    json_t *replies = json_object_get(doc, "replies");
    json_t *r;
    static const char *const busy_reasons[] = {"GREYLIST", "RATE_LIMIT"};
    static const char *const ok_reasons[] = {"DELIVERED"};
    static const char *const syntax_reasons[] = {"SYNTAX"};
    size_t i;

    (void)state;
    assert_int_equal(json_array_size(replies), 4);
    for (i = 0; i < 4; i++)
        check_keys(json_array_get(replies, i), reply_keys, COUNT(reply_keys));

    r = json_array_get(replies, 0);
    check_string(r, "name", "BUSY");
    check_integer(r, "code", 450);
    check_string(r, "description", "Mailbox busy, try \"later\"");
    check_integer(r, "index", 0);
    check_integer(r, "class", 4);
    check_string(r, "class_name", "Transient Negative Completion");
    check_integer(r, "category", 5);
    check_string(r, "category_name", "Mail system");
    check_boolean(r, "transient", 1);
    check_boolean(r, "permanent", 0);
    check_names(json_object_get(r, "reasons"), busy_reasons, COUNT(busy_reasons));

    r = json_array_get(replies, 1);
    check_string(r, "name", "OK");
    check_integer(r, "code", 250);
    check_string(r, "description", "Gr\xC3\xBC\xC3\x9F" "e");
    check_integer(r, "index", 1);
    check_integer(r, "class", 2);
    check_string(r, "class_name", "Positive Completion");
    check_integer(r, "category", 5);
    check_boolean(r, "transient", 0);
    check_boolean(r, "permanent", 0);
    check_names(json_object_get(r, "reasons"), ok_reasons, COUNT(ok_reasons));

    r = json_array_get(replies, 2);
    check_string(r, "name", "START_INPUT");
    check_integer(r, "index", 2);
    check_integer(r, "class", 3);
    check_string(r, "class_name", "Positive Intermediate");
    check_names(json_object_get(r, "reasons"), NULL, 0);

    r = json_array_get(replies, 3);
    check_string(r, "name", "SYNTAX_ERROR");
    check_string(r, "description", "Syntax error <here> & \\ there");
    check_integer(r, "class", 5);
    check_string(r, "class_name", "Permanent Negative Completion");
    check_integer(r, "category", 0);
    check_string(r, "category_name", "Syntax");
    check_boolean(r, "transient", 0);
    check_boolean(r, "permanent", 1);
    check_names(json_object_get(r, "reasons"), syntax_reasons, COUNT(syntax_reasons));
    json_decref(doc);
}

static void test_build_reasons(void **state)
{
    json_t *doc = make_doc();
    json_t *reasons = json_object_get(doc, "reasons");
    json_t *r;
    static const char *const names[] = {"GREYLIST", "NO_ROUTE", "SYNTAX", "DELIVERED",
                                        "RATE_LIMIT"};
    static const char *const replies[] = {"BUSY", NULL, "SYNTAX_ERROR", "OK", "BUSY"};
    size_t i;

    (void)state;
    assert_int_equal(json_array_size(reasons), 5);
    for (i = 0; i < 5; i++) {
        r = json_array_get(reasons, i);
        check_keys(r, reason_keys, COUNT(reason_keys));
        check_string(r, "name", names[i]);
        check_integer(r, "index", (json_int_t)i);
        if (replies[i])
            check_string(r, "reply", replies[i]);
        else
            assert_true(json_is_null(json_object_get(r, "reply")));
    }
    r = json_array_get(reasons, 1);
    check_string(r, "symbol", "5XX_NO_ROUTE");
    check_integer(r, "code", 551);
    check_string(r, "description", "User not local");
    r = json_array_get(reasons, 4);
    check_string(r, "symbol", "4XX_RATE_LIMIT");
    check_integer(r, "code", 450);
    check_string(r, "description", "Too many messages");
    json_decref(doc);
}

static void test_dump_exact(void **state)
{
    json_t *doc = make_doc();
    size_t len = 0;
    char *text = doc_dump(doc, &len);

    (void)state;
    assert_non_null(text);
    assert_int_equal(len, strlen(text));
    assert_string_equal(text, expected_dump);
    /* Exactly one final newline. */
    assert_true(len >= 2);
    assert_int_equal(text[len - 1], '\n');
    assert_int_equal(text[len - 2], '}');
    free(text);
    json_decref(doc);
}

static void test_dump_round_trips(void **state)
{
    json_t *doc = make_doc();
    json_t *back;
    json_error_t jerr;
    size_t len = 0;
    char *text = doc_dump(doc, &len);

    (void)state;
    assert_non_null(text);
    back = json_loadb(text, len, 0, &jerr);
    if (!back)
        fail_msg("dump does not parse: %d:%d: %s", jerr.line, jerr.column, jerr.text);
    assert_true(json_equal(back, doc));
    json_decref(back);
    free(text);
    json_decref(doc);
}

static void test_view_adds_date_and_keeps_doc(void **state)
{
    json_t *doc = make_doc();
    json_t *view;
    gen_error err;
    const char *key;
    json_t *value;

    (void)state;
    gen_error_init(&err);
    view = doc_view(doc, "2024-02-29", &err);
    assert_non_null(view);
    assert_int_equal(err.set, 0);
    check_string(view, "date", "2024-02-29");
    check_string(view, "version", SMTPGEN_VERSION);
    check_string(view, "generator", "smtpgen");
    assert_true(json_is_array(json_object_get(view, "codes")));
    assert_true(json_is_object(json_object_get(view, "lookup")));
    assert_int_equal(json_object_size(view), json_object_size(doc) + 3);
    /* The view shares the document's values rather than copying them. */
    json_object_foreach(doc, key, value)
        assert_true(json_object_get(view, key) == value);
    /* The document itself is left as it was. */
    check_keys(doc, doc_keys, COUNT(doc_keys));
    json_decref(view);
    json_decref(doc);
}

static void test_view_codes(void **state)
{
    json_t *doc = make_doc();
    json_t *replies = json_object_get(doc, "replies");
    json_t *reasons = json_object_get(doc, "reasons");
    json_t *view, *codes, *group;
    gen_error err;
    static const int expected_codes[] = {250, 354, 450, 500, 551};
    static const char *const with_reply[] = {"code", "reply", "reasons"};
    static const char *const without_reply[] = {"code", "reasons"};
    size_t i;

    (void)state;
    gen_error_init(&err);
    view = doc_view(doc, "2024-02-29", &err);
    assert_non_null(view);
    codes = json_object_get(view, "codes");
    assert_int_equal(json_array_size(codes), COUNT(expected_codes));
    for (i = 0; i < COUNT(expected_codes); i++)
        check_integer(json_array_get(codes, i), "code", expected_codes[i]);

    /* 250: the reply OK (the very object in "replies") and one reason. */
    group = json_array_get(codes, 0);
    check_keys(group, with_reply, COUNT(with_reply));
    assert_true(json_object_get(group, "reply") == json_array_get(replies, 1));
    assert_int_equal(json_array_size(json_object_get(group, "reasons")), 1);
    assert_true(json_array_get(json_object_get(group, "reasons"), 0)
                == json_array_get(reasons, 3));

    /* 354: a reply without reasons. */
    group = json_array_get(codes, 1);
    check_keys(group, with_reply, COUNT(with_reply));
    assert_true(json_object_get(group, "reply") == json_array_get(replies, 2));
    assert_int_equal(json_array_size(json_object_get(group, "reasons")), 0);

    /* 450: two reasons, in table order. */
    group = json_array_get(codes, 2);
    assert_true(json_object_get(group, "reply") == json_array_get(replies, 0));
    assert_int_equal(json_array_size(json_object_get(group, "reasons")), 2);
    assert_true(json_array_get(json_object_get(group, "reasons"), 0)
                == json_array_get(reasons, 0));
    assert_true(json_array_get(json_object_get(group, "reasons"), 1)
                == json_array_get(reasons, 4));

    /* 500. */
    group = json_array_get(codes, 3);
    assert_true(json_object_get(group, "reply") == json_array_get(replies, 3));
    assert_int_equal(json_array_size(json_object_get(group, "reasons")), 1);
    assert_true(json_array_get(json_object_get(group, "reasons"), 0)
                == json_array_get(reasons, 2));

    /* 551: no reply row, so no "reply" key at all (not null), which is what
     * an inverted section {{^reply}} tests. */
    group = json_array_get(codes, 4);
    check_keys(group, without_reply, COUNT(without_reply));
    assert_null(json_object_get(group, "reply"));
    assert_int_equal(json_array_size(json_object_get(group, "reasons")), 1);
    assert_true(json_array_get(json_object_get(group, "reasons"), 0)
                == json_array_get(reasons, 1));
    json_decref(view);
    json_decref(doc);
}

static void test_view_outlives_doc(void **state)
{
    json_t *doc = make_doc();
    json_t *view, *group;
    gen_error err;

    (void)state;
    gen_error_init(&err);
    view = doc_view(doc, "2024-02-29", &err);
    assert_non_null(view);
    json_decref(doc);
    /* The view holds its own references to the shared values. */
    check_string(json_array_get(json_object_get(view, "replies"), 0), "name", "BUSY");
    group = json_array_get(json_object_get(view, "codes"), 4);
    check_integer(group, "code", 551);
    check_string(json_array_get(json_object_get(group, "reasons"), 0), "name",
                 "NO_ROUTE");
    json_decref(view);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_top_level),
        cmocka_unit_test(test_build_replies),
        cmocka_unit_test(test_build_reasons),
        cmocka_unit_test(test_dump_exact),
        cmocka_unit_test(test_dump_round_trips),
        cmocka_unit_test(test_view_adds_date_and_keeps_doc),
        cmocka_unit_test(test_view_codes),
        cmocka_unit_test(test_view_outlives_doc),
    };

    return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
