/* test_render.c - runs the Mustache spec and our own rules against render.c.
 *
 * Usage: test_render [SPEC_DIR]   (default ../shared/mustache-spec)
 *
 * Every file in SPEC_DIR whose name ends in ".json" becomes one cmocka group
 * and every test in it one case. Names starting with '~' are the spec's
 * optional modules (lambdas, inheritance), which render.c does not
 * implement, so they are skipped.
 */
#include <dirent.h>
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
#include "error.h"
#include "render.h"

/* The escaping the spec expects of {{name}}. */

/* render_template() with a Jansson tree as the context. */
static int render_json(const char *source_name, const char *tmpl, size_t len, json_t *data,
                       render_escape_fn escape, const render_partials *partials, buf *out,
                       gen_error *err)
{
    value context = value_json(data, NULL);

    return render_template(source_name, tmpl, len, &context, escape, partials, out, err);
}

static int html_escape(buf *out, const char *text, size_t len)
{
    size_t i, run = 0;
    const char *entity;

    for (i = 0; i < len; i++) {
        switch (text[i]) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        default: continue;
        }
        if (buf_append(out, text + run, i - run) != 0 ||
            buf_append_str(out, entity) != 0)
            return -1;
        run = i + 1;
    }
    return buf_append(out, text + run, len - run);
}

static int failing_escape(buf *out, const char *text, size_t len)
{
    (void)out;
    (void)text;
    (void)len;
    return -1;
}

/* Partials come from a JSON object mapping names to template text. */
typedef struct partial_table {
    json_t *partials;        /* borrowed; may be NULL */
    const char *source;      /* source name to report, or NULL */
    int fail;                /* 1: fail and fill err; 2: fail silently */
} partial_table;

static int load_partial(void *ctx, const char *name, char **text, size_t *len,
                        const char **source_name, gen_error *err)
{
    partial_table *table = ctx;
    json_t *value = json_object_get(table->partials, name);
    size_t n;

    if (table->fail == 1) {
        gen_error_set(err, "loader", 0, 0, "cannot read partial %s", name);
        return -1;
    }
    if (table->fail == 2)
        return -1;
    if (!json_is_string(value))
        return 1;
    n = json_string_length(value);
    *text = malloc(n + 1);
    if (!*text) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    memcpy(*text, json_string_value(value), n + 1);
    *len = n;
    if (table->source)
        *source_name = table->source;
    return 0;
}

/* Prints bytes as a C string literal so that whitespace differences show. */
static void print_quoted(const char *label, const char *text, size_t len)
{
    char line[4096];
    size_t used = 0, i;

    for (i = 0; i < len && used < sizeof line - 8; i++) {
        unsigned char c = (unsigned char)text[i];

        if (c == '\n')
            used += (size_t)snprintf(line + used, sizeof line - used, "\\n");
        else if (c == '\r')
            used += (size_t)snprintf(line + used, sizeof line - used, "\\r");
        else if (c == '\t')
            used += (size_t)snprintf(line + used, sizeof line - used, "\\t");
        else if (c == '"' || c == '\\')
            used += (size_t)snprintf(line + used, sizeof line - used, "\\%c",
                                     c);
        else if (c < 0x20 || c >= 0x7f)
            used += (size_t)snprintf(line + used, sizeof line - used,
                                     "\\x%02x", c);
        else
            line[used++] = (char)c;
    }
    line[used] = '\0';
    print_error("  %-9s \"%s\"%s\n", label, line, i < len ? "..." : "");
}

/* Compares got with expected byte for byte, printing both on a mismatch;
 * frees got either way so that a failing case leaks nothing. */
static void check_output(const char *name, buf *got, const char *expected,
                         size_t expected_len)
{
    int same = got->len == expected_len &&
               (expected_len == 0 || memcmp(got->data, expected,
                                            expected_len) == 0);

    if (!same) {
        print_error("%s: output differs\n", name);
        print_quoted("expected", expected, expected_len);
        print_quoted("got", got->data ? got->data : "", got->len);
    }
    buf_free(got);
    assert_true(same);
}

static void spec_case(void **state)
{
    json_t *test = *state;
    const char *name = json_string_value(json_object_get(test, "name"));
    json_t *tmpl = json_object_get(test, "template");
    json_t *expected = json_object_get(test, "expected");
    partial_table table = {NULL, NULL, 0};
    render_partials partials = {load_partial, NULL};
    buf out = BUF_INIT;
    gen_error err;
    int rc;

    assert_non_null(name);
    assert_true(json_is_string(tmpl));
    assert_true(json_is_string(expected));
    table.partials = json_object_get(test, "partials");
    partials.ctx = &table;
    gen_error_init(&err);
    rc = render_json(name, json_string_value(tmpl),
                         json_string_length(tmpl),
                         json_object_get(test, "data"), html_escape,
                         &partials, &out, &err);
    if (rc != 0) {
        print_error("%s: render failed: %s:%ld:%ld: %s\n", name, err.source,
                    err.line, err.column, err.text);
        buf_free(&out);
        fail();
    }
    check_output(name, &out, json_string_value(expected),
                 json_string_length(expected));
}

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Fills *names with the sorted, malloc'd names of dir's "*.json" files.
 * Returns how many, or -1 when the directory cannot be read. */
static long list_spec_files(const char *dir, char ***names)
{
    DIR *d = opendir(dir);
    struct dirent *entry;
    char **list = NULL, **grown;
    size_t count = 0, cap = 0, n;

    *names = NULL;
    if (!d)
        return -1;
    while ((entry = readdir(d)) != NULL) {
        n = strlen(entry->d_name);
        if (n < 6 || strcmp(entry->d_name + n - 5, ".json") != 0)
            continue;
        if (entry->d_name[0] == '~') {
            fprintf(stderr, "test_render: skipping optional module %s\n",
                    entry->d_name);
            continue;
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 16;
            grown = realloc(list, cap * sizeof *list);
            if (!grown)
                goto fail;
            list = grown;
        }
        if (!(list[count] = strdup(entry->d_name)))
            goto fail;
        count++;
    }
    closedir(d);
    qsort(list, count, sizeof *list, compare_names);
    *names = list;
    return (long)count;

fail:
    while (count > 0)
        free(list[--count]);
    free(list);
    closedir(d);
    return -1;
}

/* Runs one spec file as a cmocka group; returns the number of failures. */
static int run_spec_file(const char *dir, const char *file)
{
    char path[4096];
    json_error_t jerr;
    json_t *root, *tests;
    struct CMUnitTest *cases;
    size_t i, n;
    int failures;

    snprintf(path, sizeof path, "%s/%s", dir, file);
    printf("spec file %s\n", path);
    root = json_load_file(path, 0, &jerr);
    if (!root) {
        fprintf(stderr, "%s:%d:%d: error: %s\n", path, jerr.line, jerr.column,
                jerr.text);
        return 1;
    }
    tests = json_object_get(root, "tests");
    n = json_array_size(tests);
    if (n == 0 || !(cases = calloc(n, sizeof *cases))) {
        fprintf(stderr, "%s: error: no tests, or out of memory\n", path);
        json_decref(root);
        return 1;
    }
    for (i = 0; i < n; i++) {
        json_t *test = json_array_get(tests, i);
        const char *name = json_string_value(json_object_get(test, "name"));

        cases[i].name = name ? name : "(unnamed)";
        cases[i].test_func = spec_case;
        cases[i].initial_state = test;
    }
    /* cmocka_run_group_tests() needs an array of static size; this is the
     * function it expands to. */
    failures = _cmocka_run_group_tests(file, cases, n, NULL, NULL);
    free(cases);
    json_decref(root);
    return failures;
}

/* Our own cases: render helpers. */

static int render_with(const char *tmpl, const char *data_json,
                       partial_table *table, render_escape_fn escape,
                       buf *out, gen_error *err)
{
    render_partials partials = {load_partial, NULL};
    json_error_t jerr;
    json_t *data = NULL;
    int rc;

    if (data_json) {
        data = json_loads(data_json, JSON_DECODE_ANY | JSON_ALLOW_NUL,
                          &jerr);
        if (!data) {
            print_error("bad test data %s: %s\n", data_json, jerr.text);
            return -2;
        }
    }
    partials.ctx = table;
    gen_error_init(err);
    rc = render_json("t.mustache", tmpl, strlen(tmpl), data, escape,
                         table ? &partials : NULL, out, err);
    json_decref(data);
    return rc;
}

static void expect_output(const char *tmpl, const char *data_json,
                          const char *partials_json, const char *expected)
{
    partial_table table = {NULL, NULL, 0};
    buf out = BUF_INIT;
    gen_error err;
    int rc;

    if (partials_json)
        table.partials = json_loads(partials_json, 0, NULL);
    rc = render_with(tmpl, data_json, &table, html_escape, &out, &err);
    json_decref(table.partials);
    if (rc != 0) {
        print_error("%s: render failed: %s:%ld:%ld: %s\n", tmpl, err.source,
                    err.line, err.column, err.text);
        buf_free(&out);
        fail();
    }
    check_output(tmpl, &out, expected, strlen(expected));
}

static void expect_error_with(const char *tmpl, const char *data_json,
                              partial_table *table, const char *source,
                              long line, long column, const char *text)
{
    buf out = BUF_INIT;
    gen_error err;
    int rc;

    rc = render_with(tmpl, data_json, table, html_escape, &out, &err);
    buf_free(&out);
    if (rc != -1 || !err.set || strcmp(err.source, source) != 0 ||
        err.line != line || err.column != column ||
        strcmp(err.text, text) != 0) {
        print_error("template \"%s\"\n  expected rc -1, %s:%ld:%ld: %s\n"
                    "  got rc %d, %s:%ld:%ld: %s\n",
                    tmpl, source, line, column, text, rc, err.source,
                    err.line, err.column, err.set ? err.text : "(no error)");
        fail();
    }
}

static void expect_error(const char *tmpl, long line, long column,
                         const char *text)
{
    expect_error_with(tmpl, "{}", NULL, "t.mustache", line, column, text);
}

/* Our own cases. */

static void test_unclosed_tag(void **state)
{
    (void)state;
    expect_error("line one\n  x {{name", 2, 5,
                 "unclosed tag (no \"}}\" after \"{{\")");
    expect_error("{{{name}}", 1, 1, "unclosed tag (no \"}}}\" after \"{{\")");
    expect_error("{{=<% %>=}}\n\n<%name", 3, 1,
                 "unclosed tag (no \"%>\" after \"<%\")");
    expect_error("{{!", 1, 1, "unclosed tag (no \"}}\" after \"{{\")");
}

static void test_unclosed_section(void **state)
{
    (void)state;
    expect_error("a\nb {{#replies}}\n{{x}}\n", 2, 3,
                 "unclosed section \"replies\"");
    expect_error("{{#a}}{{/a}}\n\t{{^b}}\n", 2, 2, "unclosed section \"b\"");
}

static void test_mismatched_close(void **state)
{
    (void)state;
    expect_error("{{#a}}\n{{#b}}\n  {{/a}}\n{{/b}}", 3, 3,
                 "closing tag \"a\" does not match open section \"b\"");
}

static void test_close_without_open(void **state)
{
    (void)state;
    expect_error("ok\n\t{{/ a }}", 2, 2,
                 "closing tag \"a\" without an open section");
}

static void test_bad_delimiters(void **state)
{
    const char *text = "bad set-delimiter tag (want two delimiters without "
                       "spaces or '=', like {{=<% %>=}})";

    (void)state;
    expect_error("{{=<% =}}", 1, 1, text);
    expect_error("x {{=a b c=}}", 1, 3, text);
    expect_error("{{= =}}", 1, 1, text);
    expect_error("{{=a= b=}}", 1, 1, text);
    expect_error("{{=<% %>=}}\n <%= x y z =%>", 2, 2, text);
}

static void test_empty_and_bad_names(void **state)
{
    (void)state;
    expect_error("a {{ }}", 1, 3, "empty tag name");
    expect_error("{{#}}{{/}}", 1, 1, "empty tag name");
    expect_error("\n{{{ }}}", 2, 1, "empty tag name");
    expect_error("{{&}}", 1, 1, "empty tag name");
    expect_error("{{>  }}", 1, 1, "empty tag name");
    expect_error("{{a..b}}", 1, 1, "bad tag name \"a..b\"");
    expect_error("{{#.a}}{{/.a}}", 1, 1, "bad tag name \".a\"");
}

static void test_partial_recursion_limit(void **state)
{
    partial_table table = {NULL, NULL, 0};
    json_t *data, *level;
    buf out = BUF_INIT;
    gen_error err;
    char expected[64];
    int i, rc;

    (void)state;
    table.partials = json_pack("{s:s}", "loop", "x\n {{>loop}}");
    assert_non_null(table.partials);
    expect_error_with("{{>loop}}", "{}", &table, "loop", 2, 2,
                      "partial \"loop\" nested more than 64 deep");
    json_decref(table.partials);

    /* 64 partials inside one another are allowed, 65 are not. The
     * template opens one partial and every truthy "c" met on the way down
     * opens one more; data has 64 objects below it, each holding the next
     * in "c", the last holding "c": false. */
    table.partials = json_pack("{s:s}", "n", "{{#c}}<{{>n}}{{/c}}");
    data = json_pack("{s:b}", "c", 0);
    for (i = 0; i < 64; i++) {
        level = json_pack("{s:o}", "c", data);
        assert_non_null(level);
        data = level;
    }
    {
        render_partials partials = {load_partial, NULL};
        json_t *inner = json_object_get(data, "c");

        partials.ctx = &table;
        /* Starting one level down leaves 63 truthy "c": 64 partials. */
        gen_error_init(&err);
        rc = render_json("t.mustache", "{{>n}}", 6, inner, html_escape,
                             &partials, &out, &err);
        memset(expected, '<', 63);
        expected[63] = '\0';
        assert_int_equal(rc, 0);
        check_output("64 partials deep", &out, expected, 63);

        gen_error_init(&err);
        rc = render_json("t.mustache", "{{>n}}", 6, data, html_escape,
                             &partials, &out, &err);
        buf_free(&out);
        assert_int_equal(rc, -1);
        assert_string_equal(err.text,
                            "partial \"n\" nested more than 64 deep");
        assert_string_equal(err.source, "n");
        assert_int_equal(err.line, 1);
        assert_int_equal(err.column, 8);
    }
    json_decref(data);
    json_decref(table.partials);
}

static void test_partial_errors(void **state)
{
    partial_table table = {NULL, "partials/bad.mustache", 0};

    (void)state;
    table.partials = json_pack("{s:s}", "bad", "line\n {{#x}}");
    assert_non_null(table.partials);
    expect_error_with("ok {{>bad}}", "{}", &table, "partials/bad.mustache",
                      2, 2, "unclosed section \"x\"");
    table.fail = 1;
    expect_error_with("ok {{>bad}}", "{}", &table, "t.mustache", 1, 4,
                      "cannot load partial \"bad\": cannot read partial bad");
    table.fail = 2;
    expect_error_with("\n ok {{>bad}}", "{}", &table, "t.mustache", 2, 5,
                      "cannot load partial \"bad\"");
    json_decref(table.partials);
}

static void test_out_of_memory(void **state)
{
    buf out = BUF_INIT;
    gen_error err;
    int rc;

    (void)state;
    rc = render_with("a {{x}}", "{\"x\": \"y\"}", NULL, failing_escape, &out,
                     &err);
    assert_int_equal(rc, -1);
    assert_string_equal(err.text, "out of memory");
    assert_int_equal(err.line, 0);
    /* What was rendered before the fault stays. */
    check_output("oom", &out, "a ", 2);
}

static void test_error_keeps_output(void **state)
{
    buf out = BUF_INIT;
    gen_error err;
    int rc;

    (void)state;
    assert_int_equal(buf_append_str(&out, "kept"), 0);
    rc = render_with("text {{#a}}", "{}", NULL, html_escape, &out, &err);
    assert_int_equal(rc, -1);
    check_output("template error", &out, "kept", 4);
}

static void test_falsey_values(void **state)
{
    static const struct {
        const char *data;
        const char *expected;
    } cases[] = {
        {"{\"v\": false}", "F"},
        {"{\"v\": null}", "F"},
        {"{}", "F"},
        {"{\"v\": []}", "F"},
        {"{\"v\": \"\"}", "F"},
        {"{\"v\": true}", "T"},
        {"{\"v\": 0}", "T"},
        {"{\"v\": 0.0}", "T"},
        {"{\"v\": \"0\"}", "T"},
        {"{\"v\": \"false\"}", "T"},
        {"{\"v\": {}}", "T"},
        {"{\"v\": [false, null]}", "TT"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_output("{{#v}}T{{/v}}{{^v}}F{{/v}}", cases[i].data, NULL,
                      cases[i].expected);
}

static void test_interpolation_rules(void **state)
{
    buf out = BUF_INIT;
    gen_error err;

    (void)state;
    expect_output("{{v}}", "{\"v\": 1.21}", NULL, "1.21");
    expect_output("{{v}}", "{\"v\": 0.1}", NULL, "0.1");
    expect_output("{{v}}", "{\"v\": 1.0}", NULL, "1");
    expect_output("{{v}}", "{\"v\": -2.5e-300}", NULL, "-2.5e-300");
    expect_output("{{v}}", "{\"v\": 0.30000000000000004}", NULL,
                  "0.30000000000000004");
    expect_output("{{v}}", "{\"v\": 1e100}", NULL, "1e+100");
    expect_output("{{v}}", "{\"v\": -9223372036854775808}", NULL,
                  "-9223372036854775808");
    expect_output("{{a}} {{b}}", "{\"a\": true, \"b\": false}", NULL,
                  "true false");
    expect_output("[{{n}}][{{o}}][{{a}}][{{m}}]",
                  "{\"n\": null, \"o\": {\"k\": 1}, \"a\": [1, 2]}", NULL,
                  "[][][][]");
    expect_output("{{s}} {{{s}}} {{&s}}", "{\"s\": \"<&>\"}", NULL,
                  "&lt;&amp;&gt; <&> <&>");
    /* Dotted names stop at the first context that has the first key. */
    expect_output("{{#o}}{{a.b}}{{/o}}",
                  "{\"a\": {\"b\": 1}, \"o\": {\"a\": 5}}", NULL, "");
    expect_output("{{a.b}}", "{\"a\": [1]}", NULL, "");

    /* Strings may hold NUL bytes; they are written whole. */
    assert_int_equal(render_with("<{{s}}>", "{\"s\": \"a\\u0000b\"}", NULL,
                                 html_escape, &out, &err), 0);
    check_output("NUL", &out, "<a\0b>", 5);
}

static void test_partial_indentation(void **state)
{
    (void)state;
    /* Standalone partials add their indentation to the caller's. */
    expect_output(" {{>outer}}\n", "{}",
                  "{\"outer\": \"x\\n  {{>inner}}\\ny\\n\","
                  " \"inner\": \"a\\n\\nb\\n\"}",
                  " x\n   a\n   \n   b\n y\n");
    /* An inline partial starts without indentation, as if the caller's
     * indentation had been added to its template text. */
    expect_output(" {{>outer}}\n", "{}",
                  "{\"outer\": \"x {{>inner}}z\\n\", \"inner\": \"a\\nb\"}",
                  " x a\nbz\n");
    /* Interpolated values are not indented, only template lines are. */
    expect_output("  {{>p}}", "{\"v\": \"1\\n2\"}",
                  "{\"p\": \"{{v}}\\n{{#v}}-{{/v}}\\n{{^v}}no{{/v}}\\n\"}",
                  "  1\n2\n  -\n  \n");
    /* A missing partial renders as nothing, standalone line and all. */
    expect_output("a\n  {{>missing}}\nb", "{}", "{}", "a\nb");
}

static void test_large_inputs(void **state)
{
    enum { ROWS = 200000, DEPTH = 100000 };
    json_t *rows = json_array(), *data;
    const char *row_tmpl = "{{#rows}}{{id}}{{sep}}\n{{/rows}}";
    buf tmpl = BUF_INIT, out = BUF_INIT;
    gen_error err;
    size_t i;
    int rc;

    (void)state;
    assert_non_null(rows);
    for (i = 0; i < ROWS; i++)
        assert_int_equal(json_array_append_new(rows,
                                               json_pack("{s:I}", "id",
                                                         (json_int_t)i)),
                         0);
    data = json_pack("{s:o,s:s}", "rows", rows, "sep", ";");
    assert_non_null(data);
    gen_error_init(&err);
    rc = render_json("t.mustache", row_tmpl, strlen(row_tmpl), data,
                         html_escape, NULL, &out, &err);
    assert_int_equal(rc, 0);
    assert_int_equal(out.len, 1488890);
    assert_memory_equal(out.data, "0;\n1;\n", 6);
    assert_memory_equal(out.data + out.len - 8, "199999;\n", 8);
    buf_free(&out);

    json_decref(data);

    /* Deep nesting must not exhaust the C stack. */
    for (i = 0; i < DEPTH; i++)
        assert_int_equal(buf_append_str(&tmpl, "{{#.}}"), 0);
    assert_int_equal(buf_append_str(&tmpl, "{{.}}"), 0);
    for (i = 0; i < DEPTH; i++)
        assert_int_equal(buf_append_str(&tmpl, "{{/.}}"), 0);
    data = json_string(";");
    assert_non_null(data);
    rc = render_json("t.mustache", tmpl.data, tmpl.len, data, html_escape,
                         NULL, &out, &err);
    buf_free(&tmpl);
    json_decref(data);
    assert_int_equal(rc, 0);
    check_output("deep", &out, ";", 1);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest own_tests[] = {
        cmocka_unit_test(test_unclosed_tag),
        cmocka_unit_test(test_unclosed_section),
        cmocka_unit_test(test_mismatched_close),
        cmocka_unit_test(test_close_without_open),
        cmocka_unit_test(test_bad_delimiters),
        cmocka_unit_test(test_empty_and_bad_names),
        cmocka_unit_test(test_partial_recursion_limit),
        cmocka_unit_test(test_partial_errors),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_error_keeps_output),
        cmocka_unit_test(test_falsey_values),
        cmocka_unit_test(test_interpolation_rules),
        cmocka_unit_test(test_partial_indentation),
        cmocka_unit_test(test_large_inputs),
    };
    const char *dir = argc > 1 ? argv[1] : "../shared/mustache-spec";
    char **files;
    long count, i;
    int failures;

    failures = cmocka_run_group_tests_name("render", own_tests, NULL, NULL);
    count = list_spec_files(dir, &files);
    if (count <= 0) {
        fprintf(stderr, "test_render: no spec files in %s\n", dir);
        return 1;
    }
    for (i = 0; i < count; i++) {
        failures += run_spec_file(dir, files[i]);
        free(files[i]);
    }
    free(files);
    return failures ? 1 : 0;
}
