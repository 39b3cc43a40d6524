/* test_buf.c - unit tests for buf.c, the growable byte buffer.
 *
 * Usage: test_buf [IGNORED]
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"

static void test_init_is_empty(void **state)
{
    buf b = BUF_INIT;

    (void)state;
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
}

static void test_append_bytes_keeps_nul_and_terminates(void **state)
{
    buf b = BUF_INIT;

    (void)state;
    assert_int_equal(buf_append(&b, "a\0b", 3), 0);
    assert_int_equal(b.len, 3);
    assert_memory_equal(b.data, "a\0b", 3);
    assert_int_equal(b.data[3], '\0');
    assert_true(b.cap >= 4);
    assert_int_equal(buf_append(&b, "cd", 2), 0);
    assert_int_equal(b.len, 5);
    assert_memory_equal(b.data, "a\0bcd", 6);
    buf_free(&b);
}

static void test_append_nothing_gives_empty_string(void **state)
{
    buf b = BUF_INIT;

    (void)state;
    /* The header promises a NUL-terminated string once anything was
     * appended, even zero bytes. */
    assert_int_equal(buf_append(&b, "", 0), 0);
    assert_non_null(b.data);
    assert_int_equal(b.len, 0);
    assert_string_equal(b.data, "");
    buf_free(&b);
}

static void test_append_str_and_char(void **state)
{
    buf b = BUF_INIT;

    (void)state;
    assert_int_equal(buf_append_str(&b, "hello"), 0);
    assert_int_equal(buf_append_char(&b, ','), 0);
    assert_int_equal(buf_append_char(&b, ' '), 0);
    assert_int_equal(buf_append_str(&b, ""), 0);
    assert_int_equal(buf_append_str(&b, "world"), 0);
    assert_string_equal(b.data, "hello, world");
    assert_int_equal(b.len, 12);
    buf_free(&b);
}

static void test_append_grows_past_many_doublings(void **state)
{
    buf b = BUF_INIT;
    char chunk[37];
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof chunk; i++)
        chunk[i] = (char)('A' + i % 26);
    for (i = 0; i < 1000; i++)
        assert_int_equal(buf_append(&b, chunk, sizeof chunk), 0);
    assert_int_equal(b.len, 1000 * sizeof chunk);
    assert_true(b.cap > b.len);
    for (i = 0; i < 1000; i++)
        for (j = 0; j < sizeof chunk; j++)
            assert_int_equal(b.data[i * sizeof chunk + j], chunk[j]);
    assert_int_equal(b.data[b.len], '\0');
    buf_free(&b);
}

static void test_printf_formats_and_appends(void **state)
{
    buf b = BUF_INIT;

    (void)state;
    assert_int_equal(buf_append_str(&b, "x="), 0);
    assert_int_equal(buf_printf(&b, "%d, s=%s, c=%c, u=%04u", -42, "str", 'q', 7u), 0);
    assert_string_equal(b.data, "x=-42, s=str, c=q, u=0007");
    assert_int_equal(b.len, strlen("x=-42, s=str, c=q, u=0007"));
    assert_int_equal(buf_printf(&b, "%s", ""), 0);
    assert_int_equal(b.len, strlen("x=-42, s=str, c=q, u=0007"));
    assert_string_equal(b.data, "x=-42, s=str, c=q, u=0007");
    buf_free(&b);
}

static void test_printf_on_empty_buffer_with_empty_result(void **state)
{
    buf b = BUF_INIT;

    (void)state;
    assert_int_equal(buf_printf(&b, "%s", ""), 0);
    assert_non_null(b.data);
    assert_string_equal(b.data, "");
    assert_int_equal(b.len, 0);
    buf_free(&b);
}

static void test_printf_grows(void **state)
{
    buf b = BUF_INIT;
    char *big = malloc(10001);
    char expected[6];
    size_t i;

    (void)state;
    assert_non_null(big);
    /* One call far larger than the first allocation (64 bytes). */
    memset(big, 'z', 10000);
    big[10000] = '\0';
    assert_int_equal(buf_printf(&b, "<%s>", big), 0);
    assert_int_equal(b.len, 10002);
    assert_int_equal(b.data[0], '<');
    assert_memory_equal(b.data + 1, big, 10000);
    assert_int_equal(b.data[10001], '>');
    assert_int_equal(b.data[10002], '\0');
    free(big);
    buf_free(&b);

    /* Many small calls, each crossing a capacity boundary now and then. */
    for (i = 0; i < 1000; i++)
        assert_int_equal(buf_printf(&b, "%04u,", (unsigned)i), 0);
    assert_int_equal(b.len, 5000);
    for (i = 0; i < 1000; i++) {
        snprintf(expected, sizeof expected, "%04u,", (unsigned)i);
        assert_memory_equal(b.data + 5 * i, expected, 5);
    }
    assert_int_equal(b.data[5000], '\0');
    buf_free(&b);
}

static void test_reserve_keeps_content(void **state)
{
    buf b = BUF_INIT;

    (void)state;
    assert_int_equal(buf_append_str(&b, "keep"), 0);
    assert_int_equal(buf_reserve(&b, 1000), 0);
    assert_true(b.cap >= 4 + 1000 + 1);
    assert_int_equal(b.len, 4);
    assert_string_equal(b.data, "keep");
    buf_free(&b);
}

static void test_impossible_sizes_fail_and_leave_buffer(void **state)
{
    buf b = BUF_INIT;
    char *data;
    size_t cap;

    (void)state;
    assert_int_equal(buf_append_str(&b, "abc"), 0);
    data = b.data;
    cap = b.cap;
    assert_int_equal(buf_reserve(&b, SIZE_MAX), -1);
    assert_int_equal(buf_reserve(&b, SIZE_MAX - 3), -1);
    assert_int_equal(buf_append(&b, "x", SIZE_MAX - 1), -1);
    assert_ptr_equal(b.data, data);
    assert_int_equal(b.cap, cap);
    assert_int_equal(b.len, 3);
    assert_string_equal(b.data, "abc");
    buf_free(&b);
}

static void test_free_is_null_safe_and_resets(void **state)
{
    buf b = BUF_INIT;

    (void)state;
    buf_free(NULL);
    buf_free(&b); /* never allocated */
    assert_int_equal(buf_append_str(&b, "text"), 0);
    buf_free(&b);
    assert_null(b.data);
    assert_int_equal(b.len, 0);
    assert_int_equal(b.cap, 0);
    buf_free(&b); /* twice */
    /* A freed buffer is an empty one and can be used again. */
    assert_int_equal(buf_append_str(&b, "again"), 0);
    assert_string_equal(b.data, "again");
    assert_int_equal(b.len, 5);
    buf_free(&b);
}

/* A stream's sink: collects what it is handed, and counts the calls;
 * fails when fail_at calls have been made. */
typedef struct sink_log {
    buf got;
    int calls, fail_at;
} sink_log;

static int collect(void *ctx, const char *bytes, size_t len)
{
    sink_log *log = ctx;

    if (++log->calls == log->fail_at)
        return -1;
    return buf_append(&log->got, bytes, len);
}

/* A stream hands its bytes on in order, never holds more than its cap (an
 * append bigger than the cap goes to the sink directly), and reports a
 * sink's failure. */
static void test_stream_flushes_and_never_grows(void **state)
{
    static char big[200000];
    sink_log log = {BUF_INIT, 0, 0};
    buf b = BUF_INIT, want = BUF_INIT;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof big; i++)
        big[i] = (char)('a' + i % 26);
    assert_int_equal(buf_stream(&b, 64, collect, &log), 0);
    for (i = 0; i < 100; i++) {
        assert_int_equal(buf_append(&b, "0123456789", 10), 0);
        assert_int_equal(buf_append(&want, "0123456789", 10), 0);
    }
    assert_int_equal(buf_append(&b, big, sizeof big), 0);
    assert_int_equal(buf_append(&want, big, sizeof big), 0);
    assert_int_equal(buf_append_str(&b, "end"), 0);
    assert_int_equal(buf_append_str(&want, "end"), 0);
    assert_true(b.cap <= 65);
    assert_int_equal(buf_flush(&b), 0);
    assert_int_equal(b.len, 0);
    assert_int_equal(log.got.len, want.len);
    assert_memory_equal(log.got.data, want.data, want.len);
    /* A failing sink fails the append that needed it. */
    log.fail_at = log.calls + 1;
    assert_int_equal(buf_append(&b, big, sizeof big), -1);
    buf_free(&b);
    buf_free(&want);
    buf_free(&log.got);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_init_is_empty),
        cmocka_unit_test(test_append_bytes_keeps_nul_and_terminates),
        cmocka_unit_test(test_append_nothing_gives_empty_string),
        cmocka_unit_test(test_append_str_and_char),
        cmocka_unit_test(test_append_grows_past_many_doublings),
        cmocka_unit_test(test_printf_formats_and_appends),
        cmocka_unit_test(test_printf_on_empty_buffer_with_empty_result),
        cmocka_unit_test(test_printf_grows),
        cmocka_unit_test(test_reserve_keeps_content),
        cmocka_unit_test(test_impossible_sizes_fail_and_leave_buffer),
        cmocka_unit_test(test_free_is_null_safe_and_resets),
        cmocka_unit_test(test_stream_flushes_and_never_grows),
    };

    return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
