/* fuzz_render.c - a libFuzzer harness for the Mustache engine: the input is
 * a template, rendered with each escaper against the view of a one-row
 * table, with an enhanced status code table whose first row has every
 * part a template can reach (basic codes with a reply object, a
 * replacement; see fuzz_enhanced), and with every list cut to one item (so
 * that nested sections cannot multiply the output), with partials from a
 * fixed set: "p" (text with a tag),
 * "self" (includes itself, to reach the depth limit) and "bad" (an
 * unclosed tag); any other name is a missing partial.
 *
 * Besides what the sanitizers catch, it traps when render_template()
 * breaks its contract: a failure must come with an error message, and a
 * template without "{{" must render as itself.
 *
 * Build and run: tests/fuzz/run.sh SECONDS (see there).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "csv_read.h"
#include "doc.h"
#include "error.h"
#include "escape.h"
#include "model.h"
#include "render.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                           \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "fuzz_render: invariant broken at %s:%d: %s\n",       \
                    __FILE__, __LINE__, #cond);                                    \
            __builtin_trap();                                                      \
        }                                                                          \
    } while (0)

static json_t *fuzz_view;
static value fuzz_root;

static const char fuzz_replies[] =
    "name,code,description\n"
    "SERVICE_UNAVAILABLE,421,\"<Service> \"\"not\"\" available & 'closing' \\fB\"\n";
static const char fuzz_reasons[] =
    "name,symbol,code,description\n"
    "TIMEOUT,4XX_TIMEOUT,421,\".TH x, {{y}} */ ?\?/\"\n";
static const char fuzz_subcodes[] =
    "kind,code,name,title\n"
    "class,2,SUCCESS,Success\n"
    "class,4,PERSISTENT_TRANSIENT_FAILURE,\"<Persistent> & 'transient' \\fB\"\n"
    "class,5,PERMANENT_FAILURE,Permanent Failure\n"
    "subject,4,NETWORK,\".TH {{x}} */ ?\?/\"\n";
/* The first row is what survives fuzz_trim_lists(): deprecated, so that it
 * has a "replacement", and its first basic code (421) has a reply row, so
 * that its "basic" item holds the reply object; the reply's "enhanced" and
 * the 421 group's "enhanced" name it too. */
static const char fuzz_enhanced[] =
    "name,subject,detail,text,basic_codes,reference,deprecated,replaced_by,description\n"
    "OLD_BAD_CONNECTION,4,20,,421 4XX,[RFC3463],0.2.0,BAD_CONNECTION,"
    "\"<Old> \"\"connection\"\" & 'gone' \\fB {{z}}\"\n"
    "BAD_CONNECTION,4,2,\".TH Bad, {{connection}} */ ?\?/\",421 5XX,[RFC3463],,,Bad.\n";

/* Cuts every list in value down to its first item: nested sections over
 * lists of n items would multiply the output by n at each level, and a slow
 * template is its author's choice, not a finding. */
static void fuzz_trim_lists(json_t *value)
{
    const char *key;
    json_t *item;
    size_t i;

    if (json_is_array(value)) {
        while (json_array_size(value) > 1)
            json_array_remove(value, json_array_size(value) - 1);
        json_array_foreach(value, i, item)
            fuzz_trim_lists(item);
    } else if (json_is_object(value)) {
        json_object_foreach(value, key, item)
            fuzz_trim_lists(item);
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    gen_error err;
    csvread_table *replies, *reasons, *subcodes, *enhanced;
    model *m;
    document *doc;
    document_view *view;
    value root;

    (void)argc;
    (void)argv;
    gen_error_init(&err);
    replies = csvread_bytes("replies.csv", fuzz_replies, sizeof fuzz_replies - 1, &err);
    reasons = csvread_bytes("reasons.csv", fuzz_reasons, sizeof fuzz_reasons - 1, &err);
    m = replies && reasons ? model_build(replies, reasons, NULL, NULL, &err) : NULL;
    subcodes = m ? csvread_bytes("subcodes.csv", fuzz_subcodes, sizeof fuzz_subcodes - 1,
                                 &err)
                 : NULL;
    enhanced = subcodes ? csvread_bytes("enhanced.csv", fuzz_enhanced,
                                        sizeof fuzz_enhanced - 1, &err)
                        : NULL;
    /* The model owns both tables from here, whatever the outcome. */
    if (enhanced && model_add_enhanced(m, subcodes, enhanced, NULL, NULL, &err) != 0)
        enhanced = NULL;
    doc = enhanced ? doc_build(m, &err) : NULL;
    view = doc ? doc_view(doc, "2026-11-29", "smtp", &err) : NULL;
    /* A Jansson copy of the view, whose lists can be trimmed. */
    if (view) {
        root = doc_view_root(view);
        fuzz_view = value_to_json(&root);
    }
    if (!fuzz_view) {
        fprintf(stderr, "fuzz_render: cannot build the view: %s\n", err.text);
        exit(1);
    }
    fuzz_trim_lists(fuzz_view);
    fuzz_root = value_json(fuzz_view, NULL);
    doc_view_free(view);
    doc_free(doc);
    model_free(m);
    return 0;
}

static int fuzz_load(void *ctx, const char *name, char **text, size_t *len,
                     const char **source_name, gen_error *err)
{
    const char *body;

    (void)ctx;
    if (strcmp(name, "p") == 0)
        body = "[{{code}} {{description}}]\n";
    else if (strcmp(name, "self") == 0)
        body = "  {{>self}}\n";
    else if (strcmp(name, "bad") == 0)
        body = "{{#replies}}";
    else if (strcmp(name, "error") == 0) {
        gen_error_set(err, NULL, 0, 0, "the loader refuses");
        return -1;
    } else
        return 1;
    *text = strdup(body);
    if (!*text) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    *len = strlen(body);
    *source_name = name;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const render_escape_fn escapers[] = {escape_c, escape_html, escape_roff};
    const char *tmpl = (const char *)data;
    render_partials partials = {fuzz_load, NULL};
    buf out = BUF_INIT;
    gen_error err;
    size_t e;
    int rc, plain = 1;

    for (e = 0; e + 1 < size; e++)
        if (tmpl[e] == '{' && tmpl[e + 1] == '{')
            plain = 0;

    for (e = 0; e < sizeof escapers / sizeof escapers[0]; e++) {
        gen_error_init(&err);
        out.len = 0;
        rc = render_template("fuzz.mustache", tmpl, size, &fuzz_root, escapers[e], &partials,
                             &out, &err);
        FUZZ_CHECK(rc == 0 || rc == -1);
        if (rc != 0)
            FUZZ_CHECK(err.set && err.text[0] != '\0');
        if (plain)
            FUZZ_CHECK(rc == 0 && out.len == size
                       && (size == 0 || memcmp(out.data, tmpl, size) == 0));
    }
    buf_free(&out);
    return 0;
}
