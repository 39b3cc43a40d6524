/* test_value.c - the value interface: Jansson values, stand-ins, scalars,
 * and a dump that is Jansson's to the byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "buf.h"
#include "value.h"

/* value_dump() of j against Jansson's own dump of it. */
static void check_dump_like_jansson(const json_t *j)
{
    value v = value_json(j, NULL);
    buf out = BUF_INIT;
    char *expected = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);

    assert_non_null(expected);
    assert_int_equal(value_dump(&v, &out), 0);
    assert_non_null(out.data);
    assert_string_equal(out.data, expected);
    free(expected);
    buf_free(&out);
}

static void test_dump_matches_jansson(void **state)
{
    char every_byte[128];
    json_error_t jerr;
    json_t *doc;
    int i;

    (void)state;
    /* Every ASCII byte, controls included, then UTF-8 of 2, 3 and 4 bytes
     * and the separators JavaScript minds. */
    for (i = 1; i < 128; i++)
        every_byte[i - 1] = (char)i;
    every_byte[127] = '\0';
    doc = json_pack_ex(&jerr, 0, "{s:s, s:s, s:s#, s:I, s:I, s:I, s:f, s:f, s:b, s:b, s:n, s:[], s:{}, "
                    "s:[[], {}, [[i]], {s:{s:[]}}], s:{s:[s, i]}}",
                    "ascii", every_byte, "utf8", "\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x93\xa7 "
                    "\xe2\x80\xa8\xe2\x80\xa9 /",
                    "nul", "a\0b", (int)3,
                    "zero", (json_int_t)0, "min", (json_int_t)INT64_MIN, "max",
                    (json_int_t)INT64_MAX, "real", 1.21, "tiny", -5e-324, "t", 1, "f", 0,
                    "null", "empty", "empty_object", "nested", 1, "a", "b", "deep", "x", "y",
                    -7);
    if (!doc)
        fail_msg("%s", jerr.text);
    check_dump_like_jansson(doc);
    /* Keys that need escaping, and a scalar alone. */
    assert_int_equal(json_object_set_new(doc, "\"key\"\n\t\\", json_string("v")), 0);
    check_dump_like_jansson(doc);
    check_dump_like_jansson(json_object_get(doc, "ascii"));
    check_dump_like_jansson(json_object_get(doc, "empty"));
    json_decref(doc);
}

/* A stand-in type: an array of n integers 0..n-1. */
static value_kind counting_kind(const value *v)
{
    (void)v;
    return VALUE_ARRAY;
}

static size_t counting_size(const value *v)
{
    return (size_t)v->n;
}

static void counting_at(const value *v, size_t i, value *out)
{
    (void)v;
    *out = value_of_integer((long long)i);
}

static const value_type counting_type = {
    counting_kind, NULL, NULL, counting_size, counting_at, NULL, NULL, NULL
};

static void test_standins(void **state)
{
    json_t *tree = json_pack("{s:[], s:[], s:{s:[]}}", "a", "b", "c", "d");
    value_standins *outer = value_standins_new(NULL), *inner;
    value three = {&counting_type, NULL, NULL, 3}, two = {&counting_type, NULL, NULL, 2};
    value root, member, item;
    buf out = BUF_INIT;
    json_t *back;
    int i;

    (void)state;
    assert_non_null(tree);
    assert_non_null(outer);
    assert_int_equal(value_standins_add(outer, json_object_get(tree, "a"), &three), 0);
    inner = value_standins_new(outer);
    assert_non_null(inner);
    assert_int_equal(value_standins_add(inner,
                                        json_object_get(json_object_get(tree, "c"), "d"),
                                        &two), 0);
    /* Many more, so that the table grows with the two above in it. */
    for (i = 0; i < 100; i++) {
        json_t *placeholder = json_array();

        assert_int_equal(json_object_set_new(tree, "", placeholder), 0);
        assert_int_equal(value_standins_add(inner, placeholder, &two), 0);
    }
    json_object_del(tree, "");

    root = value_json(tree, inner);
    assert_int_equal(value_get(&root, "a", 1, &member), 1);
    assert_int_equal(value_size(&member), 3);
    value_at(&member, 2, &item);
    assert_int_equal(value_integer(&item), 2);
    /* Not registered: the Jansson array itself. */
    assert_int_equal(value_get(&root, "b", 1, &member), 1);
    assert_int_equal(value_kind_of(&member), VALUE_ARRAY);
    assert_int_equal(value_size(&member), 0);
    /* The inner registry's own, read two levels down. */
    assert_int_equal(value_dump(&root, &out), 0);
    assert_string_equal(out.data, "{\n  \"a\": [\n    0,\n    1,\n    2\n  ],\n  \"b\": [],\n"
                                  "  \"c\": {\n    \"d\": [\n      0,\n      1\n    ]\n  }\n}");
    /* The outer registry alone does not know the inner's. */
    root = value_json(tree, outer);
    back = value_to_json(&root);
    assert_non_null(back);
    assert_int_equal(json_array_size(json_object_get(back, "a")), 3);
    assert_int_equal(json_array_size(json_object_get(json_object_get(back, "c"), "d")), 0);
    json_decref(back);
    buf_free(&out);
    value_standins_free(inner);
    value_standins_free(outer);
    value_standins_free(NULL);
    json_decref(tree);
}

static void test_wrong_kinds_read_as_nothing(void **state)
{
    value s = value_of_string("abc", 3), n = value_of_integer(-42), none = VALUE_NONE_INIT;
    value t = value_of_boolean(1), f = value_of_boolean(0), z = value_of_null(), out;
    size_t len = 9;
    char number[32];

    (void)state;
    assert_int_equal(value_kind_of(&s), VALUE_STRING);
    assert_int_equal(value_kind_of(&n), VALUE_INTEGER);
    assert_int_equal(value_kind_of(&t), VALUE_TRUE);
    assert_int_equal(value_kind_of(&f), VALUE_FALSE);
    assert_int_equal(value_kind_of(&z), VALUE_NULL);
    assert_int_equal(value_kind_of(&none), VALUE_NONE);
    assert_int_equal(value_integer(&n), -42);
    assert_int_equal(value_integer(&s), 0);
    assert_string_equal(value_string(&n, &len), "");
    assert_int_equal(len, 0);
    assert_int_equal(value_size(&s), 0);
    assert_int_equal(value_get(&s, "a", 1, &out), 0);
    assert_int_equal(value_kind_of(&out), VALUE_NONE);
    value_at(&none, 0, &out);
    assert_int_equal(value_kind_of(&out), VALUE_NONE);
    assert_true(value_real(&n) == 0.0);
    number[sizeof number - 1] = '\0';
    assert_string_equal(value_format_integer(-9223372036854775807LL - 1,
                                             number + sizeof number - 1),
                        "-9223372036854775808");
    assert_string_equal(value_format_integer(0, number + sizeof number - 1), "0");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dump_matches_jansson),
        cmocka_unit_test(test_standins),
        cmocka_unit_test(test_wrong_kinds_read_as_nothing),
    };

    return cmocka_run_group_tests_name("value", tests, NULL, NULL);
}
