/* main.c - smtpgen's command line: parses options, runs the stages in order
 * (read, model, document, render, write), prints errors and exits. */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "buf.h"
#include "canon.h"
#include "csv_read.h"
#include "doc.h"
#include "error.h"
#include "escape.h"
#include "model.h"
#include "render.h"
#include "version.h"
#include "write.h"

#define EXIT_INVALID 1
#define EXIT_USAGE 2

/* The artifacts, each rendered from the template of the same name. The
 * escaper follows from the template's name (see escape_for_template). */
static const struct {
    const char *template_name;
    const char *output;
} main_templates[] = {
    {"smtp_codes.h.mustache", "include/smtp_codes.h"},
    {"smtp-codes.7.mustache", "man/smtp-codes.7"},
    {"smtp-codes.html.mustache", "html/smtp-codes.html"},
};
#define MAIN_TEMPLATE_COUNT (sizeof main_templates / sizeof main_templates[0])
#define MAIN_SCHEMA_NAME "smtp-codes.schema.json"
#define MAIN_JSON_NAME "smtp-codes.json"
#define MAIN_ARTIFACT_COUNT (MAIN_TEMPLATE_COUNT + 2)

/* The artifacts in the order main() builds them: the rendered templates,
 * the JSON, its schema. */
static const char *main_artifact_path(size_t index)
{
    if (index < MAIN_TEMPLATE_COUNT)
        return main_templates[index].output;
    return index == MAIN_TEMPLATE_COUNT ? MAIN_JSON_NAME : MAIN_SCHEMA_NAME;
}

typedef struct options {
    const char *replies;
    const char *reasons;
    const char *enhanced;
    const char *subcodes;
    const char *out;
    const char *templates;
    const char *depfile;
    int check;
    int format;
    int warnings_are_errors;
} options;

/* Everything read from disk, for the depfile. */
typedef struct inputs {
    char **paths;
    size_t count;
} inputs;

typedef struct partial_loader {
    const char *templates;
    inputs *read;
    buf last_path;
} partial_loader;

static void main_usage(FILE *fp, const options *defaults)
{
    fprintf(fp,
            "usage: smtpgen [--replies FILE] [--reasons FILE] [--enhanced FILE]\n"
            "               [--subcodes FILE] [--out DIR] [--templates DIR]\n"
            "               [--check] [--depfile FILE]\n"
            "               [--warnings-as-errors] [--help] [--version]\n"
            "       smtpgen --format [--check] FILE...\n"
            "\n"
            "Generates a C header, JSON, a man page and an HTML page from the SMTP\n"
            "reply, reason and enhanced status code tables.\n"
            "\n"
            "  --replies FILE     reply codes CSV (default %s)\n"
            "  --reasons FILE     gateway reasons CSV (default %s)\n"
            "  --enhanced FILE    enhanced status codes CSV (default %s)\n"
            "  --subcodes FILE    their classes and subjects CSV (default %s)\n"
            "  --out DIR          output folder (default %s)\n"
            "  --templates DIR    template folder (default %s)\n"
            "  --check            write nothing; exit 1 naming each artifact that\n"
            "                     would change\n"
            "  --depfile FILE     also write a make rule: artifacts depend on inputs\n"
            "  --format FILE...   rewrite each CSV file in canonical form (with\n"
            "                     --check: write nothing, exit 1 naming each file\n"
            "                     that is not canonical)\n"
            "  -W, --warnings-as-errors\n"
            "                     exit 1 when the tables draw a warning\n"
            "  --help             show this help and exit\n"
            "  --version          show the version and exit\n"
            "\n"
            "Exit status: 0 done; 1 invalid input, stale output under --check or a\n"
            "failed write; 2 usage error.\n",
            defaults->replies, defaults->reasons, defaults->enhanced, defaults->subcodes,
            defaults->out, defaults->templates);
}

static int inputs_add(inputs *read, const char *path)
{
    char **grown = realloc(read->paths, (read->count + 1) * sizeof *read->paths);

    if (!grown)
        return -1;
    read->paths = grown;
    read->paths[read->count] = strdup(path);
    if (!read->paths[read->count])
        return -1;
    read->count++;
    return 0;
}

static void inputs_free(inputs *read)
{
    size_t i;

    for (i = 0; i < read->count; i++)
        free(read->paths[i]);
    free(read->paths);
}

/* Reads the file at path whole and records it as an input, for the
 * depfile. Returns the malloc'd text (the caller frees it), or NULL with err
 * filled. *recorded, when not NULL, gets the recorded copy of path, which
 * lives until main() ends. */
static char *main_read_input(inputs *read, const char *path, size_t *len,
                             const char **recorded, gen_error *err)
{
    char *text = csvread_slurp(path, len, err);

    if (text && inputs_add(read, path) != 0) {
        free(text);
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return NULL;
    }
    if (text && recorded)
        *recorded = read->paths[read->count - 1];
    return text;
}

/* Reads the tables at path_a and path_b, which the model takes together,
 * and records both as inputs. 0, or -1 with err filled and nothing to
 * free. */
static int main_read_tables(inputs *read, const char *path_a, const char *path_b,
                            csvread_table **a, csvread_table **b, gen_error *err)
{
    *a = csvread_file(path_a, err);
    *b = *a ? csvread_file(path_b, err) : NULL;
    if (*b && (inputs_add(read, path_a) != 0 || inputs_add(read, path_b) != 0))
        gen_error_set(err, NULL, 0, 0, "out of memory");
    if (!*b || err->set) {
        csvread_free(*a);
        csvread_free(*b);
        return -1;
    }
    return 0;
}

/* Partials live beside the templates as NAME.mustache. A name may not leave
 * the template folder. */
static int main_load_partial(void *ctx, const char *name, char **text, size_t *len,
                             const char **source_name, gen_error *err)
{
    partial_loader *loader = ctx;

    if (name[0] == '/' || strstr(name, "..")) {
        gen_error_set(err, NULL, 0, 0, "it is outside the template folder");
        return -1;
    }
    loader->last_path.len = 0;
    if (buf_printf(&loader->last_path, "%s/%s.mustache", loader->templates, name) != 0) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    if (access(loader->last_path.data, F_OK) != 0)
        return 1;
    *text = main_read_input(loader->read, loader->last_path.data, len, source_name, err);
    return *text ? 0 : -1;
}

static int main_render(const options *opt, json_t *view, size_t index, inputs *read,
                       buf *out, gen_error *err)
{
    buf path = BUF_INIT;
    partial_loader loader;
    render_partials partials;
    render_escape_fn escape = escape_for_template(main_templates[index].template_name);
    char *text;
    size_t len = 0;
    int rc = -1;

    memset(&loader, 0, sizeof loader);
    loader.templates = opt->templates;
    loader.read = read;
    partials.load = main_load_partial;
    partials.ctx = &loader;
    if (buf_printf(&path, "%s/%s", opt->templates, main_templates[index].template_name)
        != 0) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    text = main_read_input(read, path.data, &len, NULL, err);
    if (text)
        rc = render_template(path.data, text, len, view, escape, &partials, out, err);
    free(text);
    buf_free(&path);
    buf_free(&loader.last_path);
    return rc;
}

/* The man page date: SOURCE_DATE_EPOCH when set (reproducible builds),
 * else this release's date; never the clock. */
static int main_date(char date[16], gen_error *err)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long seconds;
    time_t t;
    struct tm tm;

    if (!epoch || !*epoch) {
        snprintf(date, 16, "%s", SMTPGEN_RELEASE_DATE);
        return 0;
    }
    errno = 0;
    seconds = strtoll(epoch, &end, 10);
    t = (time_t)seconds;
    if (*end || errno || seconds < 0 || (long long)t != seconds || !gmtime_r(&t, &tm)
        || tm.tm_year + 1900 > 9999) {
        gen_error_set(err, NULL, 0, 0,
                      "SOURCE_DATE_EPOCH=\"%s\" is not a number of seconds", epoch);
        return -1;
    }
    strftime(date, 16, "%Y-%m-%d", &tm);
    return 0;
}

typedef struct warn_state {
    long count;
} warn_state;

static void main_warn(void *ctx, const gen_error *warning)
{
    warn_state *state = ctx;

    state->count++;
    gen_error_print(stderr, warning, "warning");
}

static void main_report_stale(void *ctx, const char *path, const char *why)
{
    (void)ctx;
    fprintf(stderr, "smtpgen: %s is %s\n", path, why);
}

/* Appends path as make reads it: blanks and '#' backslash-escaped, '$'
 * doubled. A line break cannot be escaped in a make rule (the next line
 * would be read as a rule or a recipe of its own), so such a path is
 * refused: returns 0, -1 when memory runs out, or 1 for a line break. */
static int main_append_make_path(buf *rule, const char *path)
{
    int rc = 0;

    if (strpbrk(path, "\n\r"))
        return 1;
    for (; rc == 0 && *path; path++) {
        if (*path == ' ' || *path == '\t' || *path == '#')
            rc = buf_append_char(rule, '\\');
        else if (*path == '$')
            rc = buf_append_char(rule, '$');
        if (rc == 0)
            rc = buf_append_char(rule, *path);
    }
    return rc;
}

/* Builds "target ...: prerequisite ..." naming every artifact and every file
 * read, so that make or ninja reruns smtpgen when any of them changes.
 * Appends it to rule; 0, or -1 with err filled. */
static int main_depfile_rule(buf *rule, const char *out_dir, const inputs *read,
                             gen_error *err)
{
    buf target = BUF_INIT;
    const char *path = NULL;
    size_t i;
    int rc = 0;

    for (i = 0; rc == 0 && i < MAIN_ARTIFACT_COUNT; i++) {
        target.len = 0;
        rc = buf_printf(&target, "%s/%s", out_dir, main_artifact_path(i));
        if (rc == 0 && (rc = main_append_make_path(rule, target.data)) == 1)
            path = out_dir;
        if (rc == 0)
            rc = buf_append_str(rule, i + 1 < MAIN_ARTIFACT_COUNT ? " \\\n" : ":");
    }
    for (i = 0; rc == 0 && i < read->count; i++) {
        rc = buf_append_str(rule, " \\\n ");
        if (rc == 0 && (rc = main_append_make_path(rule, read->paths[i])) == 1)
            path = read->paths[i];
    }
    if (rc == 0)
        rc = buf_append_char(rule, '\n');
    buf_free(&target);
    if (rc == 1)
        gen_error_set(err, path, 0, 0,
                      "cannot name this path in a make rule (--depfile): it holds a "
                      "line break");
    else if (rc != 0)
        gen_error_set(err, NULL, 0, 0, "out of memory");
    return rc == 0 ? 0 : -1;
}

/* The folder the generator's own files live in: <exe>/.. when run from its
 * build tree (it has templates/ beside gen/), else <exe>/../share/smtpgen.
 * Appends it to dir; 0 or -1 when memory runs out. */
static int main_data_dir(buf *dir, const char *argv0)
{
    char exe[PATH_MAX], cwd[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    char *slash;
    buf probe = BUF_INIT;
    int in_tree;

    if (n > 0)
        exe[n] = '\0';
    else if (strchr(argv0, '/') && strlen(argv0) < sizeof exe)
        strcpy(exe, argv0);
    else
        return buf_append_str(dir, ".");
    slash = strrchr(exe, '/');
    slash[slash == exe] = '\0';
    if (buf_printf(&probe, "%s/../templates/smtp_codes.h.mustache", exe) != 0)
        return -1;
    in_tree = access(probe.data, F_OK) == 0;
    buf_free(&probe);
    if (buf_printf(dir, in_tree ? "%s/.." : "%s/../share/smtpgen", exe) != 0)
        return -1;
    /* Run from the folder it lives in (the usual case in its own tree), the
     * defaults read as the relative paths the documentation gives. */
    if (realpath(dir->data, exe) && getcwd(cwd, sizeof cwd) && strcmp(exe, cwd) == 0) {
        dir->len = 0;
        return buf_append_str(dir, ".");
    }
    return 0;
}

/* smtpgen --format: rewrites each file in canonical form, or with check
 * only names those that are not. Returns the exit status. */
static int main_format(char **files, int count, int check)
{
    int i, status = 0;

    for (i = 0; i < count; i++) {
        gen_error err;
        buf prepared = BUF_INIT, canonical = BUF_INIT;
        size_t len = 0;
        char *bytes;
        csvread_table *table = NULL;

        gen_error_init(&err);
        bytes = csvread_slurp(files[i], &len, &err);
        if (bytes && canon_prepare(bytes, len, &prepared) != 0)
            gen_error_set(&err, NULL, 0, 0, "out of memory");
        if (bytes && !err.set)
            table = csvread_bytes_with(files[i], prepared.data ? prepared.data : "",
                                       prepared.len,
                                       CSVREAD_SKIP_BOM | CSVREAD_SKIP_BLANK_LINES, &err);
        if (table && canon_format(table, &canonical) != 0)
            gen_error_set(&err, NULL, 0, 0, "out of memory");
        if (table && !err.set && (canonical.len != len
                                  || memcmp(canonical.data ? canonical.data : "", bytes,
                                            len) != 0)) {
            if (check) {
                fprintf(stderr, "smtpgen: %s is not in canonical form\n", files[i]);
                status = EXIT_INVALID;
            } else if (write_file(files[i], canonical.data, canonical.len, &err) == 0) {
                printf("smtpgen: rewrote %s in canonical form\n", files[i]);
            }
        }
        if (err.set) {
            gen_error_print(stderr, &err, "error");
            status = EXIT_INVALID;
        }
        csvread_free(table);
        buf_free(&prepared);
        buf_free(&canonical);
        free(bytes);
    }
    return status;
}

/* Turns "./x" into "x". */
static int main_strip_dot(buf *path)
{
    if (path->len > 2 && path->data[0] == '.' && path->data[1] == '/') {
        memmove(path->data, path->data + 2, path->len - 1);
        path->len -= 2;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"replies", required_argument, NULL, 'r'},
        {"reasons", required_argument, NULL, 's'},
        {"enhanced", required_argument, NULL, 'e'},
        {"subcodes", required_argument, NULL, 'u'},
        {"out", required_argument, NULL, 'o'},
        {"templates", required_argument, NULL, 't'},
        {"check", no_argument, NULL, 'c'},
        {"format", no_argument, NULL, 'f'},
        {"depfile", required_argument, NULL, 'd'},
        {"warnings-as-errors", no_argument, NULL, 'W'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    buf default_replies = BUF_INIT, default_reasons = BUF_INIT, default_enhanced = BUF_INIT,
        default_subcodes = BUF_INIT, default_templates = BUF_INIT, data_dir = BUF_INIT;
    char date[16];
    options opt, defaults;
    gen_error err;
    warn_state warnings = {0};
    inputs read = {NULL, 0};
    csvread_table *replies_csv, *reasons_csv, *enhanced_csv, *subcodes_csv;
    model *m = NULL;
    json_t *doc = NULL, *view = NULL;
    buf rendered[MAIN_ARTIFACT_COUNT];
    write_artifact artifacts[MAIN_ARTIFACT_COUNT];
    char *json_text = NULL, *schema_text = NULL;
    buf depfile_rule = BUF_INIT;
    size_t i, json_len = 0, schema_len = 0;
    int c, status = EXIT_INVALID;
    long changed;

    if (main_data_dir(&data_dir, argv[0]) != 0
        || buf_printf(&default_replies, "%s/data/smtp-replies.csv", data_dir.data) != 0
        || buf_printf(&default_reasons, "%s/data/smtp-reasons.csv", data_dir.data) != 0
        || buf_printf(&default_enhanced, "%s/data/smtp-enhanced.csv", data_dir.data) != 0
        || buf_printf(&default_subcodes, "%s/data/smtp-enhanced-subcodes.csv",
                      data_dir.data) != 0
        || buf_printf(&default_templates, "%s/templates", data_dir.data) != 0
        || main_strip_dot(&default_replies) != 0 || main_strip_dot(&default_reasons) != 0
        || main_strip_dot(&default_enhanced) != 0 || main_strip_dot(&default_subcodes) != 0
        || main_strip_dot(&default_templates) != 0) {
        fprintf(stderr, "smtpgen: error: out of memory\n");
        return EXIT_INVALID;
    }
    buf_free(&data_dir);
    memset(&defaults, 0, sizeof defaults);
    defaults.replies = default_replies.data;
    defaults.reasons = default_reasons.data;
    defaults.enhanced = default_enhanced.data;
    defaults.subcodes = default_subcodes.data;
    defaults.templates = default_templates.data;
    defaults.out = "out";
    opt = defaults;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "W", longopts, NULL)) != -1) {
        switch (c) {
        case 'r': opt.replies = optarg; break;
        case 's': opt.reasons = optarg; break;
        case 'e': opt.enhanced = optarg; break;
        case 'u': opt.subcodes = optarg; break;
        case 'o': opt.out = optarg; break;
        case 't': opt.templates = optarg; break;
        case 'c': opt.check = 1; break;
        case 'f': opt.format = 1; break;
        case 'd': opt.depfile = optarg; break;
        case 'W': opt.warnings_are_errors = 1; break;
        case 'h':
            main_usage(stdout, &defaults);
            status = 0;
            goto finish;
        case 'V':
            printf("smtpgen %s\n", SMTPGEN_VERSION);
            status = 0;
            goto finish;
        default:
            if (optopt && optopt != '?')
                fprintf(stderr, "smtpgen: error: unknown or incomplete option '-%c'\n",
                        optopt);
            else
                fprintf(stderr, "smtpgen: error: unknown or incomplete option '%s'\n",
                        argv[optind - 1]);
            fprintf(stderr, "Try 'smtpgen --help'.\n");
            status = EXIT_USAGE;
            goto finish;
        }
    }
    if (opt.format) {
        if (optind == argc) {
            fprintf(stderr, "smtpgen: error: --format needs the CSV files to rewrite\n"
                            "Try 'smtpgen --help'.\n");
            status = EXIT_USAGE;
        } else {
            status = main_format(argv + optind, argc - optind, opt.check);
        }
        goto finish;
    }
    if (optind < argc) {
        fprintf(stderr, "smtpgen: error: unexpected argument '%s'\nTry 'smtpgen --help'.\n",
                argv[optind]);
        status = EXIT_USAGE;
        goto finish;
    }
    if (opt.check && opt.depfile) {
        fprintf(stderr, "smtpgen: error: --check writes nothing, so it takes no "
                        "--depfile\nTry 'smtpgen --help'.\n");
        status = EXIT_USAGE;
        goto finish;
    }

    gen_error_init(&err);
    for (i = 0; i < MAIN_ARTIFACT_COUNT; i++)
        memset(&rendered[i], 0, sizeof rendered[i]);
    if (main_date(date, &err) != 0)
        goto done;
    if (main_read_tables(&read, opt.replies, opt.reasons, &replies_csv, &reasons_csv, &err)
        != 0)
        goto done;
    m = model_build(replies_csv, reasons_csv, main_warn, &warnings, &err);
    if (!m || main_read_tables(&read, opt.subcodes, opt.enhanced, &subcodes_csv,
                               &enhanced_csv, &err) != 0
        || model_add_enhanced(m, subcodes_csv, enhanced_csv, main_warn, &warnings, &err) != 0)
        goto done;
    if (warnings.count && opt.warnings_are_errors) {
        gen_error_set(&err, NULL, 0, 0, "%ld warning%s treated as error%s",
                      warnings.count, warnings.count == 1 ? "" : "s",
                      warnings.count == 1 ? "" : "s");
        goto done;
    }
    doc = doc_build(m, &err);
    model_free(m);
    m = NULL;
    view = doc ? doc_view(doc, date, &err) : NULL;
    if (!view)
        goto done;
    for (i = 0; i < MAIN_TEMPLATE_COUNT; i++) {
        if (main_render(&opt, view, i, &read, &rendered[i], &err) != 0)
            goto done;
        artifacts[i].path = main_artifact_path(i);
        artifacts[i].data = rendered[i].data ? rendered[i].data : "";
        artifacts[i].len = rendered[i].len;
    }
    json_text = doc_dump(doc, &json_len);
    if (!json_text) {
        gen_error_set(&err, NULL, 0, 0, "out of memory");
        goto done;
    }
    artifacts[i].path = main_artifact_path(i);
    artifacts[i].data = json_text;
    artifacts[i++].len = json_len;
    {
        buf schema_path = BUF_INIT;
        if (buf_printf(&schema_path, "%s/%s", opt.templates, MAIN_SCHEMA_NAME) != 0) {
            gen_error_set(&err, NULL, 0, 0, "out of memory");
            goto done;
        }
        schema_text = main_read_input(&read, schema_path.data, &schema_len, NULL, &err);
        buf_free(&schema_path);
        if (!schema_text)
            goto done;
    }
    artifacts[i].path = main_artifact_path(i);
    artifacts[i].data = schema_text;
    artifacts[i].len = schema_len;

    if (opt.check) {
        changed = write_check(opt.out, artifacts, MAIN_ARTIFACT_COUNT, main_report_stale,
                              NULL, &err);
        if (changed > 0)
            gen_error_set(&err, NULL, 0, 0, "%ld artifact%s under %s would change",
                          changed, changed == 1 ? "" : "s", opt.out);
        if (changed != 0)
            goto done;
    } else {
        /* The depfile is written in the same step as the artifacts: if it
         * cannot be written (a full disk, /dev/full, a folder in the way),
         * no artifact changes either, and the other way round. */
        write_artifact depfile;

        if (opt.depfile) {
            if (main_depfile_rule(&depfile_rule, opt.out, &read, &err) != 0)
                goto done;
            depfile.path = opt.depfile;
            depfile.data = depfile_rule.data;
            depfile.len = depfile_rule.len;
        }
        if (write_artifacts_and_file(opt.out, artifacts, MAIN_ARTIFACT_COUNT,
                                     opt.depfile ? &depfile : NULL, &err) < 0)
            goto done;
    }
    status = 0;
done:
    if (err.set)
        gen_error_print(stderr, &err, "error");
    model_free(m);
    json_decref(view);
    json_decref(doc);
    for (i = 0; i < MAIN_ARTIFACT_COUNT; i++)
        buf_free(&rendered[i]);
    free(json_text);
    free(schema_text);
    buf_free(&depfile_rule);
    inputs_free(&read);
finish:
    buf_free(&default_replies);
    buf_free(&default_reasons);
    buf_free(&default_enhanced);
    buf_free(&default_subcodes);
    buf_free(&default_templates);
    return status;
}
