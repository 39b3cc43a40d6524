/* test_artifacts.c - unit tests for artifacts.c: the template tree is the
 * output tree (templates rendered, plain files copied, partials and hidden
 * files never written, {{prefix}} in paths), the escaper chosen by the
 * output's extension, and every way a tree is refused.
 *
 * Usage: test_artifacts [IGNORED]
 *
 * Every test builds its tree in a fresh folder under /tmp and removes it.
 */
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "artifacts.h"
#include "doc.h"
#include "escape.h"
#include "tmpdir.h"

typedef struct fixture {
    char dir[TMPDIR_LENGTH];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (tmpdir_make(f->dir, "artifacts") != 0) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;

    tmpdir_remove(f->dir);
    free(f);
    return 0;
}

/* Writes text to DIR/rel, making its folders. */
static void put(const fixture *f, const char *rel, const char *text)
{
    char path[512], *slash;
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", f->dir, rel);
    for (slash = strchr(path + strlen(f->dir) + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        mkdir(path, 0777);
        *slash = '/';
    }
    fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(text, fp);
    assert_int_equal(fclose(fp), 0);
}

/* The list as "PATH KIND SOURCE-UNDER-DIR" lines. */
static char *describe(const fixture *f, const artifact_list *list)
{
    static char text[4096];
    size_t i, used = 0, skip = strlen(f->dir) + 1;

    text[0] = '\0';
    for (i = 0; i < list->count; i++) {
        const artifact *a = &list->items[i];
        const char *kind = a->kind == ARTIFACT_RENDER ? "render"
                           : a->kind == ARTIFACT_COPY ? "copy"
                                                      : "json";

        used += (size_t)snprintf(text + used, sizeof text - used, "%s %s %s\n", a->path, kind,
                                 a->source ? a->source + skip : "-");
    }
    return text;
}

static void the_tree_is_the_output_tree(void **state)
{
    fixture *f = *state;
    artifact_list list = {NULL, 0, NULL, 0};
    gen_error err;

    put(f, "include/{{prefix}}_codes.h.mustache", "x");
    put(f, "man/smtp-codes.7.mustache", "x");
    put(f, "py/pkg/smtp_codes.py.mustache", "x");
    put(f, "smtp-codes.schema.json", "{}");
    put(f, "_row.mustache", "partial");
    put(f, "html/_cell.mustache", "partial");
    put(f, "_partials/deep/thing.mustache", "partial");
    put(f, ".gitkeep", "");
    put(f, "html/.page.html.mustache.swp", "");
    put(f, "html/smtp-codes.html.mustache", "x");
    gen_error_init(&err);
    assert_int_equal(artifacts_find(f->dir, "acme", &list, &err), 0);
    assert_false(err.set);
    assert_string_equal(describe(f, &list),
                        "html/smtp-codes.html render html/smtp-codes.html.mustache\n"
                        "include/acme_codes.h render include/{{prefix}}_codes.h.mustache\n"
                        "man/smtp-codes.7 render man/smtp-codes.7.mustache\n"
                        "py/pkg/smtp_codes.py render py/pkg/smtp_codes.py.mustache\n"
                        "smtp-codes.json json -\n"
                        "smtp-codes.schema.json copy smtp-codes.schema.json\n");
    assert_ptr_equal(list.items[0].escape, escape_html);
    assert_ptr_equal(list.items[1].escape, escape_c);
    assert_ptr_equal(list.items[2].escape, escape_roff);
    assert_ptr_equal(list.items[3].escape, escape_py);
    assert_null(list.items[5].escape);
    /* Folders walked (for the depfile), partial folders not among them. */
    assert_int_equal(list.folder_count, 6);
    assert_string_equal(list.folders[0], f->dir);
    artifacts_free(&list);
    assert_int_equal(list.count, 0);
}

static void escaper_by_extension(void **state)
{
    static const struct {
        const char *path;
        render_escape_fn escape;
        const char *format;
    } cases[] = {
        {"a.h", escape_c, "C"},           {"a.c", escape_c, "C"},
        {"d/a.hpp", escape_c, "C"},       {"a.cpp", escape_c, "C"},
        {"a.cc", escape_c, "C"},          {"a.hh", escape_c, "C"},
        {"a.html", escape_html, "HTML/XML"}, {"a.htm", escape_html, "HTML/XML"},
        {"a.xml", escape_html, "HTML/XML"}, {"a.svg", escape_html, "HTML/XML"},
        {"a.xhtml", escape_html, "HTML/XML"},
        {"man/a.1", escape_roff, "roff"}, {"a.9", escape_roff, "roff"},
        {"a.3p", escape_roff, "roff"},    {"a.json", escape_json, "JSON"},
        {"a.js", escape_js, "JavaScript"}, {"a.mjs", escape_js, "JavaScript"},
        {"a.cjs", escape_js, "JavaScript"}, {"a.ts", escape_js, "JavaScript"},
        {"a.py", escape_py, "Python"},    {"a.go", escape_go, "Go"},
        {"a.rs", escape_rust, "Rust"},    {"a.java", escape_java, "Java"},
        {"a.md", escape_markdown, "Markdown"}, {"a.csv", escape_csv, "CSV"},
        {"a.txt", escape_text, "text"},   {"a.b.c.json", escape_json, "JSON"},
    };
    static const char *const unknown[] = {
        "a.yaml", "a", "a.0", "a.10", "a.3P", "a.HTML", ".h", "dir.h/file", "a.h.", "a.",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *format = NULL;

        assert_ptr_equal(artifacts_escaper(cases[i].path, &format), cases[i].escape);
        assert_string_equal(format, cases[i].format);
    }
    for (i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        assert_null(artifacts_escaper(unknown[i], NULL));
}

/* The list that messages and --help show is the table: every ".ext" in it
 * has an escaper, and the groups name their formats. */
static void known_extensions_listed(void **state)
{
    const char *list = artifacts_known_extensions();
    const char *p = list;
    size_t n = 0;

    (void)state;
    assert_non_null(strstr(list, ".h .c .hpp .cpp .hh .cc (C), "));
    assert_non_null(strstr(list, ".py (Python)"));
    assert_non_null(strstr(list, ".1 to .9 (roff)"));
    while ((p = strchr(p, '.')) != NULL) {
        char name[32] = "a";
        size_t len = strcspn(p, " ,(");

        assert_true(len < sizeof name - 1);
        memcpy(name + 1, p, len);
        name[len + 1] = '\0';
        assert_non_null(artifacts_escaper(name, NULL));
        p += len;
        n++;
    }
    assert_int_equal(n, 25);
}

/* Each tree must be refused with this message (after the template's path
 * under the folder, or the folder itself) and leave the list empty. */
static void expect_refused(const fixture *f, const char *source, const char *text)
{
    artifact_list list = {NULL, 0, NULL, 0};
    gen_error err;
    char want[600];

    gen_error_init(&err);
    assert_int_equal(artifacts_find(f->dir, "smtp", &list, &err), -1);
    assert_true(err.set);
    snprintf(want, sizeof want, "%s%s%s", f->dir, source[0] ? "/" : "", source);
    assert_string_equal(err.source, want);
    assert_string_equal(err.text, text);
    assert_int_equal(list.count, 0);
    assert_null(list.items);
    assert_int_equal(list.folder_count, 0);
}

static void unknown_extension_refused(void **state)
{
    fixture *f = *state;
    char text[600];

    put(f, "a.h.mustache", "x");
    put(f, "notes/reasons.yaml.mustache", "x");
    snprintf(text, sizeof text,
             "no escaper for \".yaml\" files, so {{value}} cannot be written there; "
             "known extensions: %s",
             artifacts_known_extensions());
    expect_refused(f, "notes/reasons.yaml.mustache", text);
}

static void no_extension_refused(void **state)
{
    fixture *f = *state;
    char text[600];

    put(f, "Makefile.mustache", "x");
    snprintf(text, sizeof text,
             "Makefile has no extension to choose an escaper by; known extensions: %s",
             artifacts_known_extensions());
    expect_refused(f, "Makefile.mustache", text);
}

static void two_sources_refused(void **state)
{
    fixture *f = *state;

    char text[600];

    put(f, "a.txt", "plain");
    put(f, "a.txt.mustache", "template");
    snprintf(text, sizeof text, "would write a.txt, as %s/a.txt does", f->dir);
    expect_refused(f, "a.txt.mustache", text);
}

static void json_dump_not_overwritten(void **state)
{
    fixture *f = *state;

    put(f, "a.h.mustache", "x");
    put(f, "smtp-codes.json.mustache", "{}");
    expect_refused(f, "smtp-codes.json.mustache",
                   "would write smtp-codes.json, which is the document's own dump");
}

static void other_tag_in_path_refused(void **state)
{
    fixture *f = *state;

    put(f, "{{name}}.h.mustache", "x");
    expect_refused(f, "{{name}}.h.mustache",
                   "a template's path may name only {{prefix}}, not another {{...}}");
}

static void no_template_refused(void **state)
{
    fixture *f = *state;

    put(f, "schema.json", "{}");
    put(f, "_only_a_partial.mustache", "x");
    expect_refused(f, "", "no template (NAME.mustache) in this folder, so there is "
                          "nothing to render");
}

static void line_break_refused(void **state)
{
    fixture *f = *state;

    put(f, "a.h.mustache", "x");
    put(f, "b\nc.h.mustache", "x");
    expect_refused(f, "b\nc.h.mustache",
                   "a template's name may not hold a line break (it could not be listed "
                   "or named in a make rule)");
}

static void fifo_refused(void **state)
{
    fixture *f = *state;
    char path[512];

    put(f, "a.h.mustache", "x");
    snprintf(path, sizeof path, "%s/pipe.txt.mustache", f->dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    expect_refused(f, "pipe.txt.mustache",
                   "is neither a file nor a folder, so it cannot be a template");
}

static void link_loop_refused(void **state)
{
    fixture *f = *state;
    char path[512];
    artifact_list list = {NULL, 0, NULL, 0};
    gen_error err;

    put(f, "a.h.mustache", "x");
    snprintf(path, sizeof path, "%s/loop", f->dir);
    assert_int_equal(symlink(".", path), 0);
    gen_error_init(&err);
    assert_int_equal(artifacts_find(f->dir, "smtp", &list, &err), -1);
    assert_non_null(strstr(err.text, "nested more than 32 folders deep"));
    assert_int_equal(list.count, 0);
}

static void missing_folder_refused(void **state)
{
    fixture *f = *state;
    artifact_list list = {NULL, 0, NULL, 0};
    gen_error err;
    char path[512];

    snprintf(path, sizeof path, "%s/nothing", f->dir);
    gen_error_init(&err);
    assert_int_equal(artifacts_find(path, "smtp", &list, &err), -1);
    assert_string_equal(err.source, path);
    assert_string_equal(err.text,
                        "cannot read the template folder: No such file or directory");
}

/* The whole of the file DIR/rel, NUL-terminated (static storage). */
static const char *slurp(const char *dir, const char *rel)
{
    static char text[4096];
    char path[512];
    size_t n;
    FILE *fp;

    snprintf(path, sizeof path, "%s/%s", dir, rel);
    fp = fopen(path, "rb");
    assert_non_null(fp);
    n = fread(text, 1, sizeof text - 1, fp);
    text[n] = '\0';
    fclose(fp);
    return text;
}

/* Rendering: a template with a partial, a copied file, the dump, each
 * streamed into its file of a write set; every file read and every folder
 * walked recorded, the partial's file never an artifact. */
static void render_every_kind(void **state)
{
    fixture *f = *state;
    artifact_list list = {NULL, 0, NULL, 0};
    depfile_inputs read = {NULL, 0};
    char out_dir[TMPDIR_LENGTH];
    write_set *out;
    gen_error err;
    json_t *doc = json_pack("{s:s}", "name", "A<\"b\">"), *view = json_pack("{s:s, s:s}",
                                                                            "name", "A<\"b\">",
                                                                            "prefix", "acme");
    value doc_value, view_value;
    char want[512];

    assert_int_equal(tmpdir_make(out_dir, "artifacts-out"), 0);
    put(f, "page.html.mustache", "<p>{{name}}</p>{{> _part}}");
    put(f, "_part.mustache", "[{{{name}}}]\n");
    put(f, "c/{{prefix}}.h.mustache", "\"{{name}}\"\n");
    put(f, "copy.bin", "as {{name}} is\n");
    gen_error_init(&err);
    assert_int_equal(artifacts_find(f->dir, "acme", &list, &err), 0);
    assert_int_equal(list.count, 4);
    out = write_set_new(out_dir, 0, NULL, NULL);
    assert_non_null(out);
    doc_value = value_json(doc, NULL);
    view_value = value_json(view, NULL);
    assert_int_equal(artifacts_render(&list, f->dir, &doc_value, &view_value, &read, out, &err),
                     0);
    /* Nothing is in place before the set is committed. */
    snprintf(want, sizeof want, "%s/page.html", out_dir);
    assert_int_not_equal(access(want, F_OK), 0);
    assert_int_equal(write_set_commit(out, &err), 4);
    write_set_free(out);
    assert_string_equal(slurp(out_dir, "c/acme.h"), "\"A<\\\"b\\\">\"\n");
    assert_string_equal(slurp(out_dir, "copy.bin"), "as {{name}} is\n");
    assert_string_equal(slurp(out_dir, "page.html"), "<p>A&lt;&quot;b&quot;&gt;</p>[A<\"b\">]\n");
    assert_string_equal(slurp(out_dir, "smtp-codes.json"), "{\n  \"name\": \"A<\\\"b\\\">\"\n}\n");
    /* Folders first, then each file as it was read. */
    assert_int_equal(read.count, 6);
    assert_string_equal(read.paths[0], f->dir);
    snprintf(want, sizeof want, "%s/c", f->dir);
    assert_string_equal(read.paths[1], want);
    snprintf(want, sizeof want, "%s/_part.mustache", f->dir);
    assert_string_equal(read.paths[5], want);
    tmpdir_remove(out_dir);
    depfile_free(&read);
    artifacts_free(&list);
    json_decref(doc);
    json_decref(view);
}

/* A fault in the second artifact: the set is freed uncommitted, and the
 * output folder holds nothing, not even the first artifact. */
static void render_fault_frees_everything(void **state)
{
    fixture *f = *state;
    artifact_list list = {NULL, 0, NULL, 0};
    depfile_inputs read = {NULL, 0};
    char out_dir[TMPDIR_LENGTH], path[512];
    write_set *out;
    gen_error err;
    json_t *doc = json_object();
    value doc_value;
    char want[512];

    assert_int_equal(tmpdir_make(out_dir, "artifacts-out"), 0);
    put(f, "a.h.mustache", "fine\n");
    put(f, "b.h.mustache", "{{#open}}\n");
    gen_error_init(&err);
    assert_int_equal(artifacts_find(f->dir, "smtp", &list, &err), 0);
    out = write_set_new(out_dir, 0, NULL, NULL);
    doc_value = value_json(doc, NULL);
    assert_int_equal(artifacts_render(&list, f->dir, &doc_value, &doc_value, &read, out, &err),
                     -1);
    write_set_free(out);
    snprintf(want, sizeof want, "%s/b.h.mustache", f->dir);
    assert_string_equal(err.source, want);
    assert_int_equal(err.line, 1);
    assert_string_equal(err.text, "unclosed section \"open\"");
    snprintf(path, sizeof path, "%s/a.h", out_dir);
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_equal(rmdir(out_dir), 0);
    depfile_free(&read);
    artifacts_free(&list);
    json_decref(doc);
}

static void partial_outside_refused(void **state)
{
    fixture *f = *state;
    artifact_list list = {NULL, 0, NULL, 0};
    depfile_inputs read = {NULL, 0};
    char out_dir[TMPDIR_LENGTH];
    write_set *out;
    gen_error err;
    json_t *doc = json_object();
    value doc_value;

    assert_int_equal(tmpdir_make(out_dir, "artifacts-out"), 0);
    put(f, "a.h.mustache", "{{> ../secret}}\n");
    gen_error_init(&err);
    assert_int_equal(artifacts_find(f->dir, "smtp", &list, &err), 0);
    out = write_set_new(out_dir, 1, NULL, NULL);
    doc_value = value_json(doc, NULL);
    assert_int_equal(artifacts_render(&list, f->dir, &doc_value, &doc_value, &read, out, &err),
                     -1);
    write_set_free(out);
    assert_string_equal(err.text,
                        "cannot load partial \"../secret\": it is outside the template folder");
    tmpdir_remove(out_dir);
    depfile_free(&read);
    artifacts_free(&list);
    json_decref(doc);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(the_tree_is_the_output_tree), TEST(escaper_by_extension),
        TEST(known_extensions_listed),
        TEST(unknown_extension_refused),   TEST(no_extension_refused),
        TEST(two_sources_refused),         TEST(json_dump_not_overwritten),
        TEST(other_tag_in_path_refused),   TEST(no_template_refused),
        TEST(line_break_refused),          TEST(fifo_refused),
        TEST(link_loop_refused),           TEST(missing_folder_refused),
        TEST(render_every_kind),           TEST(render_fault_frees_everything),
        TEST(partial_outside_refused),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
