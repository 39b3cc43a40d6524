/* test_doc.c - unit tests for doc.c: the document every artifact comes
 * from (a Jansson tree and the row store), its template view and its JSON dump.
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
#include "value.h"
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

/* The three classes and four subjects, one of which (OTHER) no enhanced
 * code uses. */
static const char subcodes_csv[] =
    "kind,code,name,title\n"
    "class,2,SUCCESS,Success\n"
    "class,4,PERSISTENT_TRANSIENT_FAILURE,Persistent Transient Failure\n"
    "class,5,PERMANENT_FAILURE,Permanent Failure\n"
    "subject,0,OTHER,Other or Undefined Status\n"
    "subject,1,ADDRESSING,Addressing Status\n"
    "subject,2,MAILBOX,Mailbox Status\n"
    "subject,3,MAIL_SYSTEM,Mail System Status\n";

/* Two codes of subject 1 and two of subject 2, not in detail order; basic
 * codes with a reply row (450, 250, 500), without one but with a reason
 * (551), with neither (552) and class patterns (5XX, 4XX), which link
 * nothing; a code without basic codes; a deprecated row with no text whose
 * replacement comes later in the file; basic codes out of numeric order
 * (500 250), kept in column order. */
static const char enhanced_csv[] =
    "name,subject,detail,text,basic_codes,reference,deprecated,replaced_by,description\n"
    "BAD_DESTINATION_MAILBOX,1,1,Bad destination mailbox address,450 551,[RFC3463],,,"
    "\"The mailbox \"\"does not\"\" exist.\"\n"
    "OLD_MAILBOX_FULL,2,3,,552,[RFC3463],0.2.0,MAILBOX_FULL,Deprecated: use MAILBOX_FULL.\n"
    "MAILBOX_FULL,2,2,Mailbox full,450 5XX,[RFC3463],,,The mailbox is full.\n"
    "OTHER_ADDRESS_STATUS,1,0,Other address status,,[RFC3463],,,Something about the "
    "address.\n"
    "OTHER_MAIL_SYSTEM_STATUS,3,0,Other mail system status,500 250 4XX,[RFC3463] "
    "(Standards Track),,,Something about the \xC3\xA9 system.\n";

/* hashlib.sha256(...).hexdigest() of each table, computed with Python over
 * the exact bytes above. */
#define REPLIES_SHA256 "a85dc4a6aa414f5ab8fb4320da54e7e04124b9cc38692ef5d7334e5bbab92ba2"
#define REASONS_SHA256 "5826f126a726c87bbb21e037fd9b3f7e7572047a992e260ea9c00884db74c145"
#define SUBCODES_SHA256 "80b0516cc258da6e6e64c7f24e8ac5dfcb0e9b547f2c2d7e4d7bc12d06440e19"
#define ENHANCED_SHA256 "c07c57cbe72cc2fe63676323568e7b3ffcf622262bd2427f2804c692d3d4883c"

/* The whole dump, written by Python's json.dumps(doc, indent=2,
 * ensure_ascii=False) + "\n" from the tables above (the document computed
 * from them with the csv module), as an independent statement of the
 * format. */
static const char *const expected_dump_lines[] = {
    "{\n",
    "  \"generator\": \"smtpgen\",\n",
    "  \"version\": \"" SMTPGEN_VERSION "\",\n",
    "  \"sources\": {\n",
    "    \"replies\": {\n",
    "      \"file\": \"smtp-replies.csv\",\n",
    "      \"sha256\": \"a85dc4a6aa414f5ab8fb4320da54e7e04124b9cc38692ef5d7334e5bbab92ba2\",\n",
    "      \"rows\": 4\n",
    "    },\n",
    "    \"reasons\": {\n",
    "      \"file\": \"smtp-reasons.csv\",\n",
    "      \"sha256\": \"5826f126a726c87bbb21e037fd9b3f7e7572047a992e260ea9c00884db74c145\",\n",
    "      \"rows\": 5\n",
    "    },\n",
    "    \"subcodes\": {\n",
    "      \"file\": \"smtp-enhanced-subcodes.csv\",\n",
    "      \"sha256\": \"80b0516cc258da6e6e64c7f24e8ac5dfcb0e9b547f2c2d7e4d7bc12d06440e19\",\n",
    "      \"rows\": 7\n",
    "    },\n",
    "    \"enhanced\": {\n",
    "      \"file\": \"smtp-enhanced.csv\",\n",
    "      \"sha256\": \"c07c57cbe72cc2fe63676323568e7b3ffcf622262bd2427f2804c692d3d4883c\",\n",
    "      \"rows\": 5\n",
    "    }\n",
    "  },\n",
    "  \"replies\": [\n",
    "    {\n",
    "      \"name\": \"BUSY\",\n",
    "      \"code\": 450,\n",
    "      \"description\": \"Mailbox busy, try \\\"later\\\"\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"index\": 0,\n",
    "      \"class\": 4,\n",
    "      \"class_name\": \"Transient Negative Completion\",\n",
    "      \"category\": 5,\n",
    "      \"category_name\": \"Mail system\",\n",
    "      \"transient\": true,\n",
    "      \"permanent\": false,\n",
    "      \"reasons\": [\n",
    "        \"GREYLIST\",\n",
    "        \"RATE_LIMIT\"\n",
    "      ],\n",
    "      \"enhanced\": [\n",
    "        \"BAD_DESTINATION_MAILBOX\",\n",
    "        \"MAILBOX_FULL\"\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"OK\",\n",
    "      \"code\": 250,\n",
    "      \"description\": \"Gr\303\274\303\237e\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"index\": 1,\n",
    "      \"class\": 2,\n",
    "      \"class_name\": \"Positive Completion\",\n",
    "      \"category\": 5,\n",
    "      \"category_name\": \"Mail system\",\n",
    "      \"transient\": false,\n",
    "      \"permanent\": false,\n",
    "      \"reasons\": [\n",
    "        \"DELIVERED\"\n",
    "      ],\n",
    "      \"enhanced\": [\n",
    "        \"OTHER_MAIL_SYSTEM_STATUS\"\n",
    "      ]\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"START_INPUT\",\n",
    "      \"code\": 354,\n",
    "      \"description\": \"Start mail input\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"index\": 2,\n",
    "      \"class\": 3,\n",
    "      \"class_name\": \"Positive Intermediate\",\n",
    "      \"category\": 5,\n",
    "      \"category_name\": \"Mail system\",\n",
    "      \"transient\": false,\n",
    "      \"permanent\": false,\n",
    "      \"reasons\": [],\n",
    "      \"enhanced\": []\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"SYNTAX_ERROR\",\n",
    "      \"code\": 500,\n",
    "      \"description\": \"Syntax error <here> & \\\\ there\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"index\": 3,\n",
    "      \"class\": 5,\n",
    "      \"class_name\": \"Permanent Negative Completion\",\n",
    "      \"category\": 0,\n",
    "      \"category_name\": \"Syntax\",\n",
    "      \"transient\": false,\n",
    "      \"permanent\": true,\n",
    "      \"reasons\": [\n",
    "        \"SYNTAX\"\n",
    "      ],\n",
    "      \"enhanced\": [\n",
    "        \"OTHER_MAIL_SYSTEM_STATUS\"\n",
    "      ]\n",
    "    }\n",
    "  ],\n",
    "  \"reasons\": [\n",
    "    {\n",
    "      \"name\": \"GREYLIST\",\n",
    "      \"symbol\": \"4XX_GREYLIST\",\n",
    "      \"code\": 450,\n",
    "      \"description\": \"Greylisted\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"reply\": \"BUSY\",\n",
    "      \"index\": 0\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"NO_ROUTE\",\n",
    "      \"symbol\": \"5XX_NO_ROUTE\",\n",
    "      \"code\": 551,\n",
    "      \"description\": \"User not local\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"reply\": null,\n",
    "      \"index\": 1\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"SYNTAX\",\n",
    "      \"symbol\": \"5XX_SYNTAX\",\n",
    "      \"code\": 500,\n",
    "      \"description\": \"Bad syntax\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"reply\": \"SYNTAX_ERROR\",\n",
    "      \"index\": 2\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"DELIVERED\",\n",
    "      \"symbol\": \"2XX_OK\",\n",
    "      \"code\": 250,\n",
    "      \"description\": \"Delivered\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"reply\": \"OK\",\n",
    "      \"index\": 3\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"RATE_LIMIT\",\n",
    "      \"symbol\": \"4XX_RATE_LIMIT\",\n",
    "      \"code\": 450,\n",
    "      \"description\": \"Too many messages\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"reply\": \"BUSY\",\n",
    "      \"index\": 4\n",
    "    }\n",
    "  ],\n",
    "  \"classes\": [\n",
    "    {\n",
    "      \"name\": \"SUCCESS\",\n",
    "      \"class\": 2,\n",
    "      \"title\": \"Success\"\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"PERSISTENT_TRANSIENT_FAILURE\",\n",
    "      \"class\": 4,\n",
    "      \"title\": \"Persistent Transient Failure\"\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"PERMANENT_FAILURE\",\n",
    "      \"class\": 5,\n",
    "      \"title\": \"Permanent Failure\"\n",
    "    }\n",
    "  ],\n",
    "  \"subjects\": [\n",
    "    {\n",
    "      \"name\": \"OTHER\",\n",
    "      \"subject\": 0,\n",
    "      \"title\": \"Other or Undefined Status\"\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"ADDRESSING\",\n",
    "      \"subject\": 1,\n",
    "      \"title\": \"Addressing Status\"\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"MAILBOX\",\n",
    "      \"subject\": 2,\n",
    "      \"title\": \"Mailbox Status\"\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"MAIL_SYSTEM\",\n",
    "      \"subject\": 3,\n",
    "      \"title\": \"Mail System Status\"\n",
    "    }\n",
    "  ],\n",
    "  \"enhanced\": [\n",
    "    {\n",
    "      \"name\": \"BAD_DESTINATION_MAILBOX\",\n",
    "      \"code\": \"X.1.1\",\n",
    "      \"subject\": 1,\n",
    "      \"detail\": 1,\n",
    "      \"subject_name\": \"ADDRESSING\",\n",
    "      \"text\": \"Bad destination mailbox address\",\n",
    "      \"basic_codes\": [\n",
    "        \"450\",\n",
    "        \"551\"\n",
    "      ],\n",
    "      \"replies\": [\n",
    "        \"BUSY\"\n",
    "      ],\n",
    "      \"reference\": \"[RFC3463]\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"description\": \"The mailbox \\\"does not\\\" exist.\",\n",
    "      \"index\": 0\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"OLD_MAILBOX_FULL\",\n",
    "      \"code\": \"X.2.3\",\n",
    "      \"subject\": 2,\n",
    "      \"detail\": 3,\n",
    "      \"subject_name\": \"MAILBOX\",\n",
    "      \"text\": \"\",\n",
    "      \"basic_codes\": [\n",
    "        \"552\"\n",
    "      ],\n",
    "      \"replies\": [],\n",
    "      \"reference\": \"[RFC3463]\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": \"0.2.0\",\n",
    "      \"replaced_by\": \"MAILBOX_FULL\",\n",
    "      \"aliases\": [],\n",
    "      \"description\": \"Deprecated: use MAILBOX_FULL.\",\n",
    "      \"index\": 1\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"MAILBOX_FULL\",\n",
    "      \"code\": \"X.2.2\",\n",
    "      \"subject\": 2,\n",
    "      \"detail\": 2,\n",
    "      \"subject_name\": \"MAILBOX\",\n",
    "      \"text\": \"Mailbox full\",\n",
    "      \"basic_codes\": [\n",
    "        \"450\",\n",
    "        \"5XX\"\n",
    "      ],\n",
    "      \"replies\": [\n",
    "        \"BUSY\"\n",
    "      ],\n",
    "      \"reference\": \"[RFC3463]\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"description\": \"The mailbox is full.\",\n",
    "      \"index\": 2\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"OTHER_ADDRESS_STATUS\",\n",
    "      \"code\": \"X.1.0\",\n",
    "      \"subject\": 1,\n",
    "      \"detail\": 0,\n",
    "      \"subject_name\": \"ADDRESSING\",\n",
    "      \"text\": \"Other address status\",\n",
    "      \"basic_codes\": [],\n",
    "      \"replies\": [],\n",
    "      \"reference\": \"[RFC3463]\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"description\": \"Something about the address.\",\n",
    "      \"index\": 3\n",
    "    },\n",
    "    {\n",
    "      \"name\": \"OTHER_MAIL_SYSTEM_STATUS\",\n",
    "      \"code\": \"X.3.0\",\n",
    "      \"subject\": 3,\n",
    "      \"detail\": 0,\n",
    "      \"subject_name\": \"MAIL_SYSTEM\",\n",
    "      \"text\": \"Other mail system status\",\n",
    "      \"basic_codes\": [\n",
    "        \"500\",\n",
    "        \"250\",\n",
    "        \"4XX\"\n",
    "      ],\n",
    "      \"replies\": [\n",
    "        \"SYNTAX_ERROR\",\n",
    "        \"OK\"\n",
    "      ],\n",
    "      \"reference\": \"[RFC3463] (Standards Track)\",\n",
    "      \"since\": null,\n",
    "      \"deprecated\": null,\n",
    "      \"replaced_by\": null,\n",
    "      \"aliases\": [],\n",
    "      \"description\": \"Something about the \xC3\xA9 system.\",\n",
    "      \"index\": 4\n",
    "    }\n",
    "  ]\n",
    "}\n",
};

/* The lines above joined: C99 promises string literals of 4095 characters
 * only, and the dump is longer. A malloc'd string. */
static char *expected_dump(void)
{
    size_t i, len = 0;
    char *text;

    for (i = 0; i < sizeof expected_dump_lines / sizeof expected_dump_lines[0]; i++)
        len += strlen(expected_dump_lines[i]);
    text = malloc(len + 1);
    assert_non_null(text);
    len = 0;
    for (i = 0; i < sizeof expected_dump_lines / sizeof expected_dump_lines[0]; i++) {
        memcpy(text + len, expected_dump_lines[i], strlen(expected_dump_lines[i]));
        len += strlen(expected_dump_lines[i]);
    }
    text[len] = '\0';
    return text;
}

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

/* The documents the tests made, each with its model and its Jansson tree
 * (doc_to_json()), which is what a test reads; freed at exit. */
#define MAX_DOCS 64

static struct {
    model *m;
    document *d;
    json_t *tree;
} kept[MAX_DOCS];
static size_t nkept;

static void free_kept(void)
{
    while (nkept > 0) {
        nkept--;
        doc_free(kept[nkept].d);
        model_free(kept[nkept].m);
        json_decref(kept[nkept].tree);
    }
}

static json_t *keep_doc(model *m, document *d)
{
    json_t *tree = doc_to_json(d);

    assert_non_null(tree);
    if (nkept == MAX_DOCS)
        fail_msg("more than %d documents", MAX_DOCS);
    if (nkept == 0)
        atexit(free_kept);
    kept[nkept].m = m;
    kept[nkept].d = d;
    /* The test releases its reference; the tree stays for document_of(). */
    kept[nkept++].tree = json_incref(tree);
    return tree;
}

static document *document_of(const json_t *tree)
{
    size_t i;

    for (i = 0; i < nkept; i++)
        if (kept[i].tree == tree)
            return kept[i].d;
    fail_msg("not a kept document");
    return NULL;
}

/* Builds a document and keeps it with its model; with_enhanced adds the
 * subcode and enhanced tables. */
static json_t *make_doc_with(int with_enhanced)
{
    gen_error err;
    model *m;
    document *doc;

    gen_error_init(&err);
    m = model_build(parse("data/sub/smtp-replies.csv", replies_csv, sizeof replies_csv - 1),
                    parse("/home/someone/smtp-reasons.csv", reasons_csv,
                          sizeof reasons_csv - 1),
                    NULL, NULL, &err);
    if (!m)
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    if (with_enhanced
        && model_add_enhanced(m,
                              parse("data/smtp-enhanced-subcodes.csv", subcodes_csv,
                                    sizeof subcodes_csv - 1),
                              parse("smtp-enhanced.csv", enhanced_csv,
                                    sizeof enhanced_csv - 1),
                              NULL, NULL, &err)
               != 0) {
        model_free(m);
        fail_msg("%s:%ld:%ld: %s", err.source, err.line, err.column, err.text);
    }
    doc = doc_build(m, &err);
    assert_non_null(doc);
    assert_int_equal(err.set, 0);
    return keep_doc(m, doc);
}

static json_t *make_doc(void)
{
    return make_doc_with(1);
}

/* The view of a kept document, as a Jansson tree (its dump read back). */
static json_t *make_view_with(json_t *doc, const char *prefix)
{
    gen_error err;
    document_view *view;
    value root;
    json_t *tree;

    gen_error_init(&err);
    view = doc_view(document_of(doc), "2024-02-29", prefix, &err);
    assert_non_null(view);
    assert_int_equal(err.set, 0);
    root = doc_view_root(view);
    tree = value_to_json(&root);
    assert_non_null(tree);
    doc_view_free(view);
    return tree;
}

static json_t *make_view(json_t *doc)
{
    return make_view_with(doc, "smtp");
}

static char *dump(json_t *doc)
{
    size_t len = 0;
    char *text = doc_dump(document_of(doc), &len);

    assert_non_null(text);
    assert_int_equal(len, strlen(text));
    return text;
}

static void check_string(json_t *object, const char *key, const char *expected)
{
    json_t *value = json_object_get(object, key);

    if (!json_is_string(value))
        fail_msg("\"%s\" is not a string", key);
    assert_string_equal(json_string_value(value), expected);
}

/* A string, or null when expected is NULL. */
static void check_optional(json_t *object, const char *key, const char *expected)
{
    json_t *value = json_object_get(object, key);

    if (expected)
        check_string(object, key, expected);
    else if (!json_is_null(value))
        fail_msg("\"%s\" is not null", key);
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

/* The array holds objects whose "name" are exactly these. */
static void check_object_names(json_t *array, const char *const *names, size_t count)
{
    size_t i;

    assert_true(json_is_array(array));
    assert_int_equal(json_array_size(array), count);
    for (i = 0; i < count; i++)
        check_string(json_array_get(array, i), "name", names[i]);
}

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *const doc_keys[] = {"generator", "version", "sources", "replies",
                                       "reasons", "classes", "subjects", "enhanced"};
static const char *const source_keys[] = {"file", "sha256", "rows"};
static const char *const sources_keys[] = {"replies", "reasons", "subcodes", "enhanced"};
static const char *const reply_keys[] = {"name", "code", "description", "since",
                                         "deprecated", "replaced_by", "aliases", "index",
                                         "class", "class_name", "category",
                                         "category_name", "transient", "permanent",
                                         "reasons", "enhanced"};
static const char *const reason_keys[] = {"name", "symbol", "code", "description",
                                          "since", "deprecated", "replaced_by", "aliases",
                                          "reply", "index"};
static const char *const class_keys[] = {"name", "class", "title"};
static const char *const subject_keys[] = {"name", "subject", "title"};
static const char *const enhanced_keys[] = {
    "name", "code", "subject", "detail", "subject_name", "text", "basic_codes",
    "replies", "reference", "since", "deprecated", "replaced_by", "aliases", "description",
    "index"};

static void check_source(json_t *sources, const char *role, const char *file,
                         const char *sha256, json_int_t rows)
{
    json_t *source = json_object_get(sources, role);

    check_keys(source, source_keys, COUNT(source_keys));
    check_string(source, "file", file);
    check_string(source, "sha256", sha256);
    check_integer(source, "rows", rows);
}

static void test_build_top_level(void **state)
{
    json_t *doc = make_doc();
    json_t *sources;

    (void)state;
    check_keys(doc, doc_keys, COUNT(doc_keys));
    check_string(doc, "generator", "smtpgen");
    check_string(doc, "version", SMTPGEN_VERSION);
    sources = json_object_get(doc, "sources");
    check_keys(sources, sources_keys, COUNT(sources_keys));
    /* The file's base name only: no folder of the machine that ran it. */
    check_source(sources, "replies", "smtp-replies.csv", REPLIES_SHA256, 4);
    check_source(sources, "reasons", "smtp-reasons.csv", REASONS_SHA256, 5);
    check_source(sources, "subcodes", "smtp-enhanced-subcodes.csv", SUBCODES_SHA256, 7);
    check_source(sources, "enhanced", "smtp-enhanced.csv", ENHANCED_SHA256, 5);
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

static void test_build_classes_and_subjects(void **state)
{
    json_t *doc = make_doc();
    json_t *classes = json_object_get(doc, "classes");
    json_t *subjects = json_object_get(doc, "subjects");
    static const char *const class_names[] = {"SUCCESS", "PERSISTENT_TRANSIENT_FAILURE",
                                              "PERMANENT_FAILURE"};
    static const int class_codes[] = {2, 4, 5};
    static const char *const class_titles[] = {"Success", "Persistent Transient Failure",
                                               "Permanent Failure"};
    static const char *const subject_names[] = {"OTHER", "ADDRESSING", "MAILBOX",
                                                "MAIL_SYSTEM"};
    static const char *const subject_titles[] = {"Other or Undefined Status",
                                                 "Addressing Status", "Mailbox Status",
                                                 "Mail System Status"};
    size_t i;
    json_t *c;

    (void)state;
    assert_true(json_is_array(classes));
    assert_int_equal(json_array_size(classes), 3);
    for (i = 0; i < 3; i++) {
        c = json_array_get(classes, i);
        check_keys(c, class_keys, COUNT(class_keys));
        check_string(c, "name", class_names[i]);
        check_integer(c, "class", class_codes[i]);
        check_string(c, "title", class_titles[i]);
    }
    assert_true(json_is_array(subjects));
    assert_int_equal(json_array_size(subjects), 4);
    for (i = 0; i < 4; i++) {
        c = json_array_get(subjects, i);
        check_keys(c, subject_keys, COUNT(subject_keys));
        check_string(c, "name", subject_names[i]);
        check_integer(c, "subject", (json_int_t)i);
        check_string(c, "title", subject_titles[i]);
    }
    json_decref(doc);
}

/* One enhanced row as the document must hold it. */
typedef struct expected_enhanced {
    const char *name, *code;
    int subject, detail;
    const char *subject_name, *text;
    const char *basic[3];
    size_t nbasic;
    const char *replies[2];
    size_t nreplies;
    const char *reference, *deprecated, *replaced_by, *description;
} expected_enhanced;

static const expected_enhanced expected_rows[] = {
    {"BAD_DESTINATION_MAILBOX", "X.1.1", 1, 1, "ADDRESSING",
     "Bad destination mailbox address", {"450", "551"}, 2, {"BUSY"}, 1, "[RFC3463]", NULL,
     NULL, "The mailbox \"does not\" exist."},
    {"OLD_MAILBOX_FULL", "X.2.3", 2, 3, "MAILBOX", "", {"552"}, 1, {NULL}, 0, "[RFC3463]",
     "0.2.0", "MAILBOX_FULL", "Deprecated: use MAILBOX_FULL."},
    {"MAILBOX_FULL", "X.2.2", 2, 2, "MAILBOX", "Mailbox full", {"450", "5XX"}, 2, {"BUSY"},
     1, "[RFC3463]", NULL, NULL, "The mailbox is full."},
    {"OTHER_ADDRESS_STATUS", "X.1.0", 1, 0, "ADDRESSING", "Other address status", {NULL},
     0, {NULL}, 0, "[RFC3463]", NULL, NULL, "Something about the address."},
    {"OTHER_MAIL_SYSTEM_STATUS", "X.3.0", 3, 0, "MAIL_SYSTEM", "Other mail system status",
     {"500", "250", "4XX"}, 3, {"SYNTAX_ERROR", "OK"}, 2, "[RFC3463] (Standards Track)",
     NULL, NULL, "Something about the \xC3\xA9 system."},
};

static void test_build_enhanced(void **state)
{
    json_t *doc = make_doc();
    json_t *enhanced = json_object_get(doc, "enhanced");
    json_t *e;
    size_t i;

    (void)state;
    assert_true(json_is_array(enhanced));
    assert_int_equal(json_array_size(enhanced), COUNT(expected_rows));
    for (i = 0; i < COUNT(expected_rows); i++) {
        const expected_enhanced *x = &expected_rows[i];

        e = json_array_get(enhanced, i);
        check_keys(e, enhanced_keys, COUNT(enhanced_keys));
        check_string(e, "name", x->name);
        check_string(e, "code", x->code);
        check_integer(e, "subject", x->subject);
        check_integer(e, "detail", x->detail);
        check_string(e, "subject_name", x->subject_name);
        check_string(e, "text", x->text);
        check_names(json_object_get(e, "basic_codes"), x->basic, x->nbasic);
        check_names(json_object_get(e, "replies"), x->replies, x->nreplies);
        check_string(e, "reference", x->reference);
        check_optional(e, "deprecated", x->deprecated);
        check_optional(e, "replaced_by", x->replaced_by);
        check_string(e, "description", x->description);
        check_integer(e, "index", (json_int_t)i);
    }
    json_decref(doc);
}

/* The links both ways: a reply names the enhanced codes whose basic codes
 * name its code, in table order, and an enhanced code names those replies
 * in column order. A class pattern (4XX, 5XX) links no reply; a basic code
 * without a reply row (551, 552) links nothing either. */

/* Every name in from[i][from_key] names a row of to whose to_key array
 * names from[i] exactly once: each link has its way back. */
static void check_links_back(json_t *from, const char *from_key, json_t *to,
                             const char *to_key)
{
    json_t *row, *name, *other, *back;
    size_t i, j, k, n;
    int found;

    json_array_foreach(from, i, row) {
        json_array_foreach(json_object_get(row, from_key), j, name) {
            found = 0;
            json_array_foreach(to, k, other) {
                if (strcmp(json_string_value(json_object_get(other, "name")),
                           json_string_value(name)) != 0)
                    continue;
                json_array_foreach(json_object_get(other, to_key), n, back)
                    found += strcmp(json_string_value(back),
                                    json_string_value(json_object_get(row, "name")))
                             == 0;
            }
            assert_int_equal(found, 1);
        }
    }
}

static void test_build_cross_links(void **state)
{
    json_t *doc = make_doc();
    json_t *replies = json_object_get(doc, "replies");
    json_t *enhanced = json_object_get(doc, "enhanced");
    static const char *const busy[] = {"BAD_DESTINATION_MAILBOX", "MAILBOX_FULL"};
    static const char *const ok[] = {"OTHER_MAIL_SYSTEM_STATUS"};
    static const char *const syntax[] = {"OTHER_MAIL_SYSTEM_STATUS"};

    (void)state;
    check_names(json_object_get(json_array_get(replies, 0), "enhanced"), busy,
                COUNT(busy));
    check_names(json_object_get(json_array_get(replies, 1), "enhanced"), ok, COUNT(ok));
    check_names(json_object_get(json_array_get(replies, 2), "enhanced"), NULL, 0);
    check_names(json_object_get(json_array_get(replies, 3), "enhanced"), syntax,
                COUNT(syntax));
    /* Each link has its way back. */
    check_links_back(replies, "enhanced", enhanced, "replies");
    check_links_back(enhanced, "replies", replies, "enhanced");
    json_decref(doc);
}

static void test_build_without_enhanced(void **state)
{
    json_t *doc = make_doc_with(0);
    json_t *sources = json_object_get(doc, "sources");
    json_t *r, *view, *group;
    static const char *const two_sources[] = {"replies", "reasons"};
    size_t i;

    (void)state;
    check_keys(doc, doc_keys, COUNT(doc_keys));
    check_keys(sources, two_sources, COUNT(two_sources));
    assert_null(json_object_get(sources, "subcodes"));
    assert_null(json_object_get(sources, "enhanced"));
    check_source(sources, "replies", "smtp-replies.csv", REPLIES_SHA256, 4);
    check_source(sources, "reasons", "smtp-reasons.csv", REASONS_SHA256, 5);
    assert_true(json_is_array(json_object_get(doc, "classes")));
    assert_int_equal(json_array_size(json_object_get(doc, "classes")), 0);
    assert_true(json_is_array(json_object_get(doc, "subjects")));
    assert_int_equal(json_array_size(json_object_get(doc, "subjects")), 0);
    assert_true(json_is_array(json_object_get(doc, "enhanced")));
    assert_int_equal(json_array_size(json_object_get(doc, "enhanced")), 0);
    json_array_foreach(json_object_get(doc, "replies"), i, r) {
        check_keys(r, reply_keys, COUNT(reply_keys));
        check_names(json_object_get(r, "enhanced"), NULL, 0);
    }
    /* The view has the same, empty. */
    view = make_view(doc);
    assert_int_equal(json_array_size(json_object_get(view, "enhanced")), 0);
    assert_int_equal(json_array_size(json_object_get(view, "subjects")), 0);
    assert_int_equal(json_array_size(json_object_get(view, "codes")), 5);
    json_array_foreach(json_object_get(view, "codes"), i, group)
        check_names(json_object_get(group, "enhanced"), NULL, 0);
    json_decref(view);
    json_decref(doc);
}

static void test_dump_exact(void **state)
{
    json_t *doc = make_doc();
    char *text = dump(doc), *expected = expected_dump();
    size_t len = strlen(text);

    (void)state;
    assert_string_equal(text, expected);
    free(expected);
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
    char *text = doc_dump(document_of(doc), &len), *again;

    (void)state;
    assert_non_null(text);
    back = json_loadb(text, len, 0, &jerr);
    if (!back)
        fail_msg("dump does not parse: %d:%d: %s", jerr.line, jerr.column, jerr.text);
    /* Jansson's own dump of what it read is the very text. */
    again = json_dumps(back, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    assert_non_null(again);
    assert_int_equal(strlen(again) + 1, len);
    assert_memory_equal(again, text, len - 1);
    free(again);
    json_decref(back);
    free(text);
    json_decref(doc);
}

static void test_view_adds_date_and_keeps_doc(void **state)
{
    json_t *doc = make_doc();
    json_t *view;
    const char *key;
    json_t *value;
    char *before, *after, *expected;

    (void)state;
    before = dump(doc);
    view = make_view(doc);
    check_string(view, "date", "2024-02-29");
    check_string(view, "version", SMTPGEN_VERSION);
    check_string(view, "generator", "smtpgen");
    check_string(view, "prefix", "smtp");
    check_string(view, "PREFIX", "SMTP");
    assert_true(json_is_array(json_object_get(view, "codes")));
    assert_true(json_is_object(json_object_get(view, "lookup")));
    /* date, prefix, PREFIX, codes, lookup */
    assert_int_equal(json_object_size(view), json_object_size(doc) + 5);
    /* The view has the document's values, but for "enhanced" and
     * "subjects", which it extends. */
    json_object_foreach(doc, key, value) {
        if (strcmp(key, "enhanced") == 0 || strcmp(key, "subjects") == 0) {
            assert_false(json_equal(json_object_get(view, key), value));
            assert_int_equal(json_array_size(json_object_get(view, key)),
                             json_array_size(value));
        } else {
            assert_true(json_equal(json_object_get(view, key), value));
        }
    }
    /* The document itself is left as it was, to the byte. */
    check_keys(doc, doc_keys, COUNT(doc_keys));
    after = dump(doc);
    assert_string_equal(after, before);
    expected = expected_dump();
    assert_string_equal(after, expected);
    free(expected);
    free(after);
    /* Also once the view is gone. */
    json_decref(view);
    after = dump(doc);
    assert_string_equal(after, before);
    free(after);
    free(before);
    json_decref(doc);
}

static void test_view_prefix(void **state)
{
    json_t *doc = make_doc();
    json_t *view;

    (void)state;
    view = make_view_with(doc, "acme_mail2");
    check_string(view, "prefix", "acme_mail2");
    check_string(view, "PREFIX", "ACME_MAIL2");
    json_decref(view);
    json_decref(doc);
}

static void test_view_codes(void **state)
{
    json_t *doc = make_doc();
    json_t *replies = json_object_get(doc, "replies");
    json_t *reasons = json_object_get(doc, "reasons");
    json_t *view, *codes, *group;
    static const int expected_codes[] = {250, 354, 450, 500, 551};
    static const char *const with_reply[] = {"code", "reply", "reasons", "enhanced"};
    static const char *const without_reply[] = {"code", "reasons", "enhanced"};
    size_t i;

    (void)state;
    view = make_view(doc);
    codes = json_object_get(view, "codes");
    /* The enhanced codes' basic codes add no group (552 has neither a reply
     * nor a reason). */
    assert_int_equal(json_array_size(codes), COUNT(expected_codes));
    for (i = 0; i < COUNT(expected_codes); i++)
        check_integer(json_array_get(codes, i), "code", expected_codes[i]);

    /* 250: the reply OK (the very object in "replies") and one reason. */
    group = json_array_get(codes, 0);
    check_keys(group, with_reply, COUNT(with_reply));
    assert_true(json_equal(json_object_get(group, "reply"), json_array_get(replies, 1)));
    assert_int_equal(json_array_size(json_object_get(group, "reasons")), 1);
    assert_true(json_equal(json_array_get(json_object_get(group, "reasons"), 0), json_array_get(reasons, 3)));

    /* 354: a reply without reasons. */
    group = json_array_get(codes, 1);
    check_keys(group, with_reply, COUNT(with_reply));
    assert_true(json_equal(json_object_get(group, "reply"), json_array_get(replies, 2)));
    assert_int_equal(json_array_size(json_object_get(group, "reasons")), 0);

    /* 450: two reasons, in table order. */
    group = json_array_get(codes, 2);
    check_keys(group, with_reply, COUNT(with_reply));
    assert_true(json_equal(json_object_get(group, "reply"), json_array_get(replies, 0)));
    assert_int_equal(json_array_size(json_object_get(group, "reasons")), 2);
    assert_true(json_equal(json_array_get(json_object_get(group, "reasons"), 0), json_array_get(reasons, 0)));
    assert_true(json_equal(json_array_get(json_object_get(group, "reasons"), 1), json_array_get(reasons, 4)));

    /* 500. */
    group = json_array_get(codes, 3);
    check_keys(group, with_reply, COUNT(with_reply));
    assert_true(json_equal(json_object_get(group, "reply"), json_array_get(replies, 3)));
    assert_int_equal(json_array_size(json_object_get(group, "reasons")), 1);
    assert_true(json_equal(json_array_get(json_object_get(group, "reasons"), 0), json_array_get(reasons, 2)));

    /* 551: no reply row, so no "reply" key at all (not null), which is what
     * an inverted section {{^reply}} tests. */
    group = json_array_get(codes, 4);
    check_keys(group, without_reply, COUNT(without_reply));
    assert_null(json_object_get(group, "reply"));
    assert_int_equal(json_array_size(json_object_get(group, "reasons")), 1);
    assert_true(json_equal(json_array_get(json_object_get(group, "reasons"), 0), json_array_get(reasons, 1)));
    json_decref(view);
    json_decref(doc);
}

/* The view's enhanced codes are the document's objects plus "basic" and,
 * for a deprecated row, "replacement". */
static void test_view_enhanced(void **state)
{
    json_t *doc = make_doc();
    json_t *replies = json_object_get(doc, "replies");
    json_t *doc_enhanced = json_object_get(doc, "enhanced");
    json_t *view = make_view(doc);
    json_t *enhanced = json_object_get(view, "enhanced");
    json_t *e, *basic, *link;
    static const char *const link_with_reply[] = {"code", "pattern", "reply"};
    static const char *const link_without_reply[] = {"code", "pattern"};
    /* Per row and basic code: the reply it links (an index into replies),
     * -1 for a code without a reply row, -2 for a pattern. */
    static const int links[][3] = {{0, -1}, {-1}, {0, -2}, {0}, {3, 1, -2}};
    const char *key;
    json_t *value;
    size_t i, k;

    (void)state;
    assert_true(json_is_array(enhanced));
    assert_int_equal(json_array_size(enhanced), COUNT(expected_rows));
    json_array_foreach(enhanced, i, e) {
        const expected_enhanced *x = &expected_rows[i];
        json_t *original = json_array_get(doc_enhanced, i);

        /* A copy of the document's object: every value of it, shared,
         * then "basic", "basic_codes_text", and "replacement" when
         * replaced_by names one. */
        assert_false(json_equal(e, original));
        assert_int_equal(json_object_size(e),
                         json_object_size(original) + 2 + (x->replaced_by != NULL));
        json_object_foreach(original, key, value)
            assert_true(json_equal(json_object_get(e, key), value));
        check_string(e, "name", x->name);
        {
            char joined[32] = "";

            for (k = 0; k < x->nbasic; k++) {
                strcat(joined, k ? " " : "");
                strcat(joined, x->basic[k]);
            }
            check_string(e, "basic_codes_text", joined);
        }
        basic = json_object_get(e, "basic");
        assert_true(json_is_array(basic));
        assert_int_equal(json_array_size(basic), x->nbasic);
        for (k = 0; k < x->nbasic; k++) {
            link = json_array_get(basic, k);
            check_string(link, "code", x->basic[k]);
            check_boolean(link, "pattern", links[i][k] == -2);
            if (links[i][k] >= 0) {
                /* The reply object itself, exactly when the reply table
                 * has the code. */
                check_keys(link, link_with_reply, COUNT(link_with_reply));
                assert_true(json_equal(json_object_get(link, "reply"), json_array_get(replies, (size_t)links[i][k])));
            } else {
                check_keys(link, link_without_reply, COUNT(link_without_reply));
                assert_null(json_object_get(link, "reply"));
            }
        }
        if (x->replaced_by) {
            json_t *replacement = json_object_get(e, "replacement");

            /* The replacing row comes later in the file. */
            check_string(replacement, "name", x->replaced_by);
            check_string(replacement, "code", "X.2.2");
            assert_true(json_equal(replacement, json_array_get(doc_enhanced, 2)));
        } else {
            assert_null(json_object_get(e, "replacement"));
        }
    }
    json_decref(view);
    json_decref(doc);
}

static void test_view_subjects(void **state)
{
    json_t *doc = make_doc();
    json_t *doc_subjects = json_object_get(doc, "subjects");
    json_t *view = make_view(doc);
    json_t *subjects = json_object_get(view, "subjects");
    json_t *enhanced = json_object_get(view, "enhanced");
    json_t *s, *list;
    static const char *const with_enhanced[] = {"name", "subject", "title", "enhanced"};
    /* Per subject, its enhanced codes as indexes into the view's
     * "enhanced", in table order; -1 ends. */
    static const int rows[][3] = {{-1}, {0, 3, -1}, {1, 2, -1}, {4, -1}};
    const char *key;
    json_t *value;
    size_t i, k;

    (void)state;
    assert_true(json_is_array(subjects));
    assert_int_equal(json_array_size(subjects), 4);
    json_array_foreach(subjects, i, s) {
        json_t *original = json_array_get(doc_subjects, i);

        assert_false(json_equal(s, original));
        check_keys(s, with_enhanced, COUNT(with_enhanced));
        json_object_foreach(original, key, value)
            assert_true(json_equal(json_object_get(s, key), value));
        list = json_object_get(s, "enhanced");
        assert_true(json_is_array(list));
        for (k = 0; rows[i][k] >= 0; k++)
            /* The view's codes, with their "basic". */
            assert_true(json_equal(json_array_get(list, k), json_array_get(enhanced, (size_t)rows[i][k])));
        assert_int_equal(json_array_size(list), k);
    }
    json_decref(view);
    json_decref(doc);
}

static void test_view_codes_enhanced(void **state)
{
    json_t *doc = make_doc();
    json_t *view = make_view(doc);
    json_t *codes = json_object_get(view, "codes");
    json_t *enhanced = json_object_get(view, "enhanced");
    json_t *list;
    /* Per group (250, 354, 450, 500, 551), its enhanced codes as indexes
     * into the view's "enhanced", in table order; -1 ends. 551 has a
     * reason but no reply; patterns add to no group. */
    static const int rows[][3] = {{4, -1}, {-1}, {0, 2, -1}, {4, -1}, {0, -1}};
    size_t i, k;

    (void)state;
    assert_int_equal(json_array_size(codes), COUNT(rows));
    for (i = 0; i < COUNT(rows); i++) {
        list = json_object_get(json_array_get(codes, i), "enhanced");
        assert_true(json_is_array(list));
        for (k = 0; rows[i][k] >= 0; k++)
            assert_true(json_equal(json_array_get(list, k), json_array_get(enhanced, (size_t)rows[i][k])));
        assert_int_equal(json_array_size(list), k);
    }
    json_decref(view);
    json_decref(doc);
}

static void test_view_enhanced_names(void **state)
{
    json_t *doc = make_doc();
    json_t *view = make_view(doc);
    static const char *const subject_1[] = {"BAD_DESTINATION_MAILBOX",
                                            "OTHER_ADDRESS_STATUS"};
    static const char *const group_450[] = {"BAD_DESTINATION_MAILBOX", "MAILBOX_FULL"};

    (void)state;
    /* The same as above, by name, as a template sees it. */
    check_object_names(json_object_get(json_array_get(json_object_get(view, "subjects"), 1),
                                       "enhanced"),
                       subject_1, COUNT(subject_1));
    check_object_names(json_object_get(json_array_get(json_object_get(view, "codes"), 2),
                                       "enhanced"),
                       group_450, COUNT(group_450));
    json_decref(view);
    json_decref(doc);
}

/* A string member of v, through the value interface. */
static void check_value_string(const value *v, const char *key, const char *expected)
{
    value member;
    const char *text;
    size_t len;

    assert_int_equal(value_get(v, key, strlen(key), &member), 1);
    assert_int_equal(value_kind_of(&member), VALUE_STRING);
    text = value_string(&member, &len);
    assert_int_equal(len, strlen(expected));
    assert_memory_equal(text, expected, len);
}

static int collect_key(void *ctx, const char *key, size_t key_len, const value *member)
{
    buf *keys = ctx;

    (void)member;
    if (keys->len && buf_append_char(keys, ' ') != 0)
        return -1;
    return buf_append(keys, key, key_len);
}

/* What a template reads: the row store's values inside the Jansson tree,
 * read without a dump. */
static void test_view_reads_the_row_store(void **state)
{
    json_t *doc = make_doc();
    gen_error err;
    document_view *view;
    value root, codes, group, reasons, row, member, lines, line;
    buf keys = BUF_INIT;
    size_t i, slots;

    (void)state;
    gen_error_init(&err);
    view = doc_view(document_of(doc), "2024-02-29", "smtp", &err);
    assert_non_null(view);
    root = doc_view_root(view);
    assert_int_equal(value_kind_of(&root), VALUE_OBJECT);
    check_value_string(&root, "prefix", "smtp");
    assert_int_equal(value_get(&root, "nothing", 7, &member), 0);
    assert_int_equal(value_kind_of(&member), VALUE_NONE);

    assert_int_equal(value_get(&root, "codes", 5, &codes), 1);
    assert_int_equal(value_size(&codes), 5);
    value_at(&codes, 4, &group);
    assert_int_equal(value_get(&group, "code", 4, &member), 1);
    assert_int_equal(value_integer(&member), 551);
    assert_int_equal(value_get(&group, "reply", 5, &member), 0);
    assert_int_equal(value_get(&group, "reasons", 7, &reasons), 1);
    assert_int_equal(value_kind_of(&reasons), VALUE_ARRAY);
    assert_int_equal(value_size(&reasons), 1);
    value_at(&reasons, 0, &row);
    assert_int_equal(value_kind_of(&row), VALUE_OBJECT);
    check_value_string(&row, "name", "NO_ROUTE");
    assert_int_equal(value_get(&row, "index", 5, &member), 1);
    assert_int_equal(value_integer(&member), 1);
    assert_int_equal(value_get(&row, "replaced_by", 11, &member), 1);
    assert_int_equal(value_kind_of(&member), VALUE_NULL);
    {
        static const char *const keys[] = {"name", "symbol", "code", "description", "since",
                                           "deprecated", "replaced_by", "aliases", "reply",
                                           "index"};
        static const char *const misses[] = {"names", "nane", "cade", "sinc", "sincx", "replx",
                                             "indey", "symbal", "aliasez", "deprecatex",
                                             "descriptiom", "replaced_bx", "", "n"};
        size_t k;

        /* Every member by its name, in any order; near misses find none. */
        for (k = COUNT(keys); k-- > 0;)
            assert_int_equal(value_get(&row, keys[k], strlen(keys[k]), &member), 1);
        for (k = 0; k < COUNT(misses); k++)
            assert_int_equal(value_get(&row, misses[k], strlen(misses[k]), &member), 0);
        assert_int_equal(value_get(&row, "code", 4, &member), 1);
        assert_int_equal(value_integer(&member), 551);
        check_value_string(&row, "symbol", "5XX_NO_ROUTE");
    }
    value_at(&reasons, 1, &member);
    assert_int_equal(value_kind_of(&member), VALUE_NONE);
    /* A row's members in the order of the JSON. */
    assert_int_equal(value_members(&row, collect_key, &keys), 0);
    assert_string_equal(keys.data, "name symbol code description since deprecated "
                                   "replaced_by aliases reply index");
    buf_free(&keys);

    /* 450 has two reasons; its reply names them, in table order. */
    value_at(&codes, 2, &group);
    assert_int_equal(value_get(&group, "reply", 5, &member), 1);
    assert_int_equal(value_get(&member, "reasons", 7, &reasons), 1);
    assert_int_equal(value_size(&reasons), 2);
    value_at(&reasons, 1, &member);
    assert_int_equal(value_kind_of(&member), VALUE_STRING);

    /* The header's tables, 16 values a line. */
    assert_int_equal(value_get(&root, "lookup", 6, &member), 1);
    assert_int_equal(value_get(&member, "name_slots", 10, &line), 1);
    slots = (size_t)value_integer(&line);
    assert_int_equal(value_get(&member, "name_slot_rows", 14, &lines), 1);
    assert_int_equal(value_size(&lines), (slots + 15) / 16);
    for (i = 0; i < value_size(&lines); i++) {
        value_at(&lines, i, &line);
        assert_int_equal(value_size(&line), slots - 16 * i < 16 ? slots - 16 * i : 16);
    }
    doc_view_free(view);
    json_decref(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_build_top_level),
        cmocka_unit_test(test_build_replies),
        cmocka_unit_test(test_build_reasons),
        cmocka_unit_test(test_build_classes_and_subjects),
        cmocka_unit_test(test_build_enhanced),
        cmocka_unit_test(test_build_cross_links),
        cmocka_unit_test(test_build_without_enhanced),
        cmocka_unit_test(test_dump_exact),
        cmocka_unit_test(test_dump_round_trips),
        cmocka_unit_test(test_view_adds_date_and_keeps_doc),
        cmocka_unit_test(test_view_prefix),
        cmocka_unit_test(test_view_codes),
        cmocka_unit_test(test_view_enhanced),
        cmocka_unit_test(test_view_subjects),
        cmocka_unit_test(test_view_codes_enhanced),
        cmocka_unit_test(test_view_enhanced_names),
        cmocka_unit_test(test_view_reads_the_row_store),
    };

    return cmocka_run_group_tests_name("doc", tests, NULL, NULL);
}
