/* test_escape.c - unit tests for escape.c: what {{value}} becomes in a C
 * string, in HTML, in roff, in each language's string literal, in Markdown,
 * CSV and text.
 *
 * Usage: test_escape [IGNORED]
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "buf.h"
#include "escape.h"
#include "render.h"

/* A string literal and its length, NUL bytes inside included. */
#define LIT(s) (s), (sizeof(s) - 1)

/* Escapes text[0..len) after a prefix already in the buffer (escapers
 * append) and compares the whole result. */
static void check(render_escape_fn escape, const char *text, size_t len,
                  const char *expected)
{
    buf out = BUF_INIT;

    assert_int_equal(buf_append_str(&out, "[prefix]"), 0);
    assert_int_equal(escape(&out, text, len), 0);
    assert_memory_equal(out.data, "[prefix]", strlen("[prefix]"));
    assert_string_equal(out.data + strlen("[prefix]"), expected);
    assert_int_equal(out.len, strlen("[prefix]") + strlen(expected));
    buf_free(&out);
}

static void test_c_plain_text_unchanged(void **state)
{
    char printable[96];
    char expected[200];
    size_t n = 0, m = 0;
    int c;

    (void)state;
    check(escape_c, LIT("Requested mail action okay, completed"),
          "Requested mail action okay, completed");
    check(escape_c, LIT(""), "");
    /* Every printable ASCII byte but the three escaped ones stays as is. */
    for (c = 0x20; c < 0x7F; c++) {
        printable[n++] = (char)c;
        if (c == '"' || c == '\\' || c == '?')
            expected[m++] = '\\';
        expected[m++] = (char)c;
    }
    expected[m] = '\0';
    check(escape_c, printable, n, expected);
}

static void test_c_quote_backslash_question(void **state)
{
    (void)state;
    check(escape_c, LIT("say \"hi\""), "say \\\"hi\\\"");
    check(escape_c, LIT("C:\\dir\\"), "C:\\\\dir\\\\");
    check(escape_c, LIT("why?"), "why\\?");
    /* "?" "?/" is the trigraph for a backslash; escaping each '?' breaks
     * it. (The inputs below spell "?\?" because this file is compiled with
     * -std=c99, where trigraphs are on.) */
    check(escape_c, LIT("?\?/"), "\\?\\?/");
    check(escape_c, LIT("a?\?=b?\?!"), "a\\?\\?=b\\?\\?!");
}

static void test_c_tab_and_control_bytes(void **state)
{
    (void)state;
    check(escape_c, LIT("a\tb"), "a\\tb");
    check(escape_c, LIT("line\nnext"), "line\\012next");
    check(escape_c, LIT("\x01"), "\\001");
    check(escape_c, LIT("\x1F"), "\\037");
    check(escape_c, LIT("nul\0byte"), "nul\\000byte");
    check(escape_c, LIT("del\x7F"), "del\\177");
}

static void test_c_high_bytes_as_octal(void **state)
{
    (void)state;
    /* "é" in UTF-8; octal, because a hex escape would run on into a
     * following hex digit ("\xe9" "a" read as one escape). */
    check(escape_c, LIT("caf\xC3\xA9"), "caf\\303\\251");
    check(escape_c, LIT("\xC3\xA9" "1a"), "\\303\\2511a");
    check(escape_c, LIT("\x80"), "\\200");
    check(escape_c, LIT("\xFF"), "\\377");
    check(escape_c, LIT("\xF0\x9F\x98\x80"), "\\360\\237\\230\\200");
}

static void test_html(void **state)
{
    (void)state;
    check(escape_html, LIT("<a href=\"x\">Tom & Jerry's</a>"),
          "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
    check(escape_html, LIT("&amp;"), "&amp;amp;");
    check(escape_html, LIT("plain text, 550 5.1.1"), "plain text, 550 5.1.1");
    /* Non-ASCII, backslashes and tabs are not HTML's business. */
    check(escape_html, LIT("caf\xC3\xA9 \\ \t"), "caf\xC3\xA9 \\ \t");
    check(escape_html, LIT(""), "");
    check(escape_html, LIT("&&<<>>\"\"''"),
          "&amp;&amp;&lt;&lt;&gt;&gt;&quot;&quot;&#39;&#39;");
}

static void test_roff_leading_control_characters(void **state)
{
    (void)state;
    check(escape_roff, LIT(".TH evil"), "\\&.TH evil");
    check(escape_roff, LIT("."), "\\&.");
    /* A leading apostrophe is guarded too (and, like every one, named). */
    check(escape_roff, LIT("'br"), "\\&\\(aqbr");
    /* Only a leading one can start a request. */
    check(escape_roff, LIT("5.7.1 Relay denied."), "5.7.1 Relay denied.");
    check(escape_roff, LIT("a.b 'c'"), "a.b \\(aqc\\(aq");
    /* A leading blank would break the line in filled text. */
    check(escape_roff, LIT(" lead"), "\\& lead");
    check(escape_roff, LIT("\tlead"), "\\& lead");
}

static void test_roff_backslash_and_tab(void **state)
{
    (void)state;
    check(escape_roff, LIT("a\\b"), "a\\eb");
    check(escape_roff, LIT("\\fBbold\\fR"), "\\efBbold\\efR");
    check(escape_roff, LIT("a\tb"), "a b");
    check(escape_roff, LIT(".\\"), "\\&.\\e");
    check(escape_roff, LIT(""), "");
}

static void test_roff_trailing_blank_is_kept(void **state)
{
    (void)state;
    check(escape_roff, LIT("trail "), "trail \\&");
    check(escape_roff, LIT("a\t"), "a \\&");
    check(escape_roff, LIT("a b"), "a b");
}

static void test_roff_named_glyphs(void **state)
{
    (void)state;
    /* Characters a formatter would not print as typed. */
    check(escape_roff, LIT("4XX_SMTP-AUTH"), "4XX_SMTP\\-AUTH");
    check(escape_roff, LIT("`^~\""), "\\(ga\\(ha\\(ti\\(dq");
    check(escape_roff, LIT("user's"), "user\\(aqs");
}

static void test_roff_non_ascii(void **state)
{
    (void)state;
    check(escape_roff, LIT("caf\xC3\xA9"), "caf\\[u00E9]");
    check(escape_roff, LIT("Gr\xC3\xBC\xC3\x9F" "e"), "Gr\\[u00FC]\\[u00DF]e");
    check(escape_roff, LIT("\xE2\x82\xAC" "5"), "\\[u20AC]5");
    check(escape_roff, LIT("\xF0\x9F\x98\x80!"), "\\[u1F600]!");
    check(escape_roff, LIT("\xF4\x8F\xBF\xBF"), "\\[u10FFFF]");
    check(escape_roff, LIT(".\xC3\xA9"), "\\&.\\[u00E9]");
    /* U+00A0 is groff's \~; U+0085, a C1 control, has no glyph. */
    check(escape_roff, LIT("a\xC2\xA0" "b"), "a\\~b");
    check(escape_roff, LIT("a\xC2\x85" "b"), "a b");
}

/* The string escapers: every control character, both quotes, the
 * backslash and each language's own marks, byte for byte. The real
 * compilers and interpreters read the same values in tests/escapers/run.sh. */
static void test_json(void **state)
{
    (void)state;
    check(escape_json, LIT("Rejected due to spam content."),
          "Rejected due to spam content.");
    check(escape_json, LIT("a\"b\\c'd`e$f"), "a\\\"b\\\\c'd`e$f");
    check(escape_json, LIT("\b\f\n\r\t"), "\\b\\f\\n\\r\\t");
    check(escape_json, LIT("\x01\x1f\x7f"), "\\u0001\\u001f\\u007f");
    check(escape_json, LIT("\0"), "\\u0000");
    check(escape_json, LIT("x\xE2\x80\xA8y\xE2\x80\xA9z"), "x\\u2028y\\u2029z");
    /* Other characters of that lead byte, and a cut sequence, are copied. */
    check(escape_json, LIT("\xE2\x80\xA6\xE2\x80"), "\xE2\x80\xA6\xE2\x80");
    /* '<' never reaches a <script> block; '/' and '>' stay as they are. */
    check(escape_json, LIT("</script> <!-- a/b /"), "\\u003c/script> \\u003c!-- a/b /");
}

static void test_js(void **state)
{
    (void)state;
    check(escape_js, LIT("a\"b\\c'd`e${f}"), "a\\\"b\\\\c\\'d\\`e\\${f}");
    check(escape_js, LIT("\n\x01\xE2\x80\xA8</"), "\\n\\u0001\\u2028\\u003c/");
}

static void test_py(void **state)
{
    (void)state;
    check(escape_py, LIT("a\"b\\c'd`e$f/"), "a\\\"b\\\\c\\'d`e$f/");
    check(escape_py, LIT("\n\r\t\x01\x1b\x7f\b"), "\\n\\r\\t\\x01\\x1b\\x7f\\x08");
    check(escape_py, LIT("\xC3\xA9"), "\xC3\xA9");
}

static void test_go(void **state)
{
    (void)state;
    /* Go has no \' in a string literal. */
    check(escape_go, LIT("a\"b\\c'd`e$f/"), "a\\\"b\\\\c'd`e$f/");
    check(escape_go, LIT("\a\b\f\n\r\t\v"), "\\a\\b\\f\\n\\r\\t\\v");
    check(escape_go, LIT("\x01\x1b\x7f"), "\\x01\\x1b\\x7f");
    /* The compiler refuses a byte order mark inside a file; other
     * characters of that lead byte, and a cut one, are copied. */
    check(escape_go, LIT("a\xEF\xBB\xBF" "b"), "a\\uFEFFb");
    check(escape_go, LIT("\xEF\xBC\x81\xEF\xBB"), "\xEF\xBC\x81\xEF\xBB");
}

static void test_rust(void **state)
{
    (void)state;
    check(escape_rust, LIT("a\"b\\c'd`e$f/{}"), "a\\\"b\\\\c'd`e$f/{}");
    check(escape_rust, LIT("\n\r\t\0\x01\x7f\b"), "\\n\\r\\t\\0\\x01\\x7f\\x08");
}

static void test_java(void **state)
{
    (void)state;
    check(escape_java, LIT("a\"b\\c'd`e$f/"), "a\\\"b\\\\c'd`e$f/");
    check(escape_java, LIT("\b\t\n\f\r"), "\\b\\t\\n\\f\\r");
    /* Three octal digits, so that a digit after it is not read into it. */
    check(escape_java, LIT("\x01" "7\x1b\x7f"), "\\0017\\033\\177");
    /* A value that spells a Unicode escape stays text. */
    check(escape_java, LIT("\\u000a"), "\\\\u000a");
}

static void test_markdown(void **state)
{
    (void)state;
    check(escape_markdown, LIT("Rejected due to spam content."),
          "Rejected due to spam content.");
    check(escape_markdown, LIT("a\\b`c*d_e[f]g<h>i|j~k&l"),
          "a\\\\b\\`c\\*d\\_e\\[f\\]g\\<h\\>i\\|j\\~k\\&l");
    /* Block marks matter only at the start of a value. */
    check(escape_markdown, LIT("# a # b"), "\\# a # b");
    check(escape_markdown, LIT("- a - b"), "\\- a - b");
    check(escape_markdown, LIT("+ a"), "\\+ a");
    check(escape_markdown, LIT("=="), "\\==");
    check(escape_markdown, LIT("12. a 3. b"), "12\\. a 3. b");
    check(escape_markdown, LIT("1) a"), "1\\) a");
    check(escape_markdown, LIT("5.7.1"), "5\\.7.1");
    check(escape_markdown, LIT("x1. a"), "x1. a");
    check(escape_markdown, LIT(". a"), ". a");
    /* A control character is a blank; a blank at an edge is &#32;. */
    check(escape_markdown, LIT("a\tb\nc"), "a b c");
    check(escape_markdown, LIT(" a b "), "&#32;a b&#32;");
    check(escape_markdown, LIT("\ta\n"), "&#32;a&#32;");
    check(escape_markdown, LIT(" "), "&#32;");
}

static void test_csv_and_text(void **state)
{
    (void)state;
    check(escape_csv, LIT("say \"hi\", then\nleave"), "say \"\"hi\"\", then\nleave");
    check(escape_csv, LIT(""), "");
    check(escape_text, LIT("<a> \"b\" \\c\n"), "<a> \"b\" \\c\n");
}

/* escape_with() asks an escaper's rules only about the bytes in its table;
 * a byte left out of a table would be copied unescaped. */
static void test_tables_hold_every_replaced_byte(void **state)
{
    char why[128] = "";

    (void)state;
    if (escape_check_tables(why, sizeof why) != 0)
        fail_msg("%s", why);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_c_plain_text_unchanged),
        cmocka_unit_test(test_c_quote_backslash_question),
        cmocka_unit_test(test_c_tab_and_control_bytes),
        cmocka_unit_test(test_c_high_bytes_as_octal),
        cmocka_unit_test(test_html),
        cmocka_unit_test(test_roff_leading_control_characters),
        cmocka_unit_test(test_roff_backslash_and_tab),
        cmocka_unit_test(test_roff_trailing_blank_is_kept),
        cmocka_unit_test(test_roff_named_glyphs),
        cmocka_unit_test(test_roff_non_ascii),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_js),
        cmocka_unit_test(test_py),
        cmocka_unit_test(test_go),
        cmocka_unit_test(test_rust),
        cmocka_unit_test(test_java),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_csv_and_text),
        cmocka_unit_test(test_tables_hold_every_replaced_byte),
    };

    return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
