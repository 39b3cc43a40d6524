/* test_escape.c - unit tests for escape.c: what {{value}} becomes in a C
 * string, in HTML and in roff, and which escaper a template gets.
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

/* Names the escaper, so that a mismatch reads well (and function pointers
 * are compared as function pointers). */
static const char *escaper_name(render_escape_fn escape)
{
    if (escape == NULL)
        return "NULL";
    if (escape == escape_c)
        return "escape_c";
    if (escape == escape_html)
        return "escape_html";
    if (escape == escape_roff)
        return "escape_roff";
    return "another function";
}

static void check_template(const char *file_name, const char *expected)
{
    assert_string_equal(escaper_name(escape_for_template(file_name)), expected);
}

static void test_escape_for_template(void **state)
{
    (void)state;
    check_template("x.h.mustache", "escape_c");
    check_template("x.c.mustache", "escape_c");
    check_template("templates/smtp_codes.h.mustache", "escape_c");
    check_template("x.h", "escape_c");
    check_template("x.html.mustache", "escape_html");
    check_template("x.htm.mustache", "escape_html");
    check_template("x.html", "escape_html");
    check_template("x.7.mustache", "escape_roff");
    check_template("x.1", "escape_roff");
    check_template("x.9.mustache", "escape_roff");
    check_template("x.json.mustache", "NULL");
    check_template("smtp-codes.schema.json", "NULL");
    check_template("noext", "NULL");
    check_template("noext.mustache", "NULL");
    check_template(".mustache", "NULL");
    check_template("", "NULL");
    check_template("dir.d/file", "NULL");
    check_template("dir.h/file.mustache", "NULL");
    check_template("x.0.mustache", "NULL");
    check_template("x.10", "NULL");
    check_template("x.hh.mustache", "NULL");
    check_template("x.cc", "NULL");
    check_template("x.htmlx", "NULL");
    check_template("x.", "NULL");
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
        cmocka_unit_test(test_escape_for_template),
    };

    return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
