/* test_names.c - the name index behind the duplicate checks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "names.h"

#define COUNT 20000

static void test_names_grow_and_find(void **state)
{
    static char text[COUNT][16];
    names *ix = names_new(0);
    size_t i;

    (void)state;
    assert_non_null(ix);
    for (i = 0; i < COUNT; i++) {
        snprintf(text[i], sizeof text[i], "NAME_%zu", i);
        assert_int_equal(names_line(ix, text[i]), 0);
        assert_int_equal(names_add(ix, text[i], (long)i + 1), 0);
    }
    for (i = 0; i < COUNT; i++)
        assert_int_equal(names_line(ix, text[i]), (long)i + 1);
    /* Another copy of a name finds it; a name added again keeps its first
     * line; a prefix or an extension is another name. */
    assert_int_equal(names_line(ix, "NAME_123"), 124);
    assert_int_equal(names_add(ix, "NAME_123", 99999), 0);
    assert_int_equal(names_line(ix, "NAME_123"), 124);
    assert_int_equal(names_line(ix, "NAME_12"), 13);
    assert_int_equal(names_line(ix, "NAME_1234567"), 0);
    assert_int_equal(names_line(ix, ""), 0);
    assert_int_equal(names_add(ix, "", 7), 0);
    assert_int_equal(names_line(ix, ""), 7);
    names_free(ix);
    names_free(NULL);
}

static void test_names_presized(void **state)
{
    names *ix = names_new(3);

    (void)state;
    assert_non_null(ix);
    assert_int_equal(names_add(ix, "A", 2), 0);
    assert_int_equal(names_add(ix, "B", 3), 0);
    assert_int_equal(names_line(ix, "A"), 2);
    assert_int_equal(names_line(ix, "B"), 3);
    assert_int_equal(names_line(ix, "C"), 0);
    names_free(ix);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_grow_and_find),
        cmocka_unit_test(test_names_presized),
    };

    return cmocka_run_group_tests_name("names", tests, NULL, NULL);
}
