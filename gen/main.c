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

#include "artifacts.h"
#include "buf.h"
#include "canon.h"
#include "compat.h"
#include "csv_read.h"
#include "depfile.h"
#include "doc.h"
#include "error.h"
#include "model.h"
#include "version.h"
#include "write.h"

#define EXIT_INVALID 1
#define EXIT_USAGE 2
#define MAIN_PREFIX_MAX 32

typedef struct options {
    const char *replies;
    const char *reasons;
    const char *enhanced;
    const char *subcodes;
    const char *out;
    const char *templates;
    const char *depfile;
    const char *prefix;
    const char *compat;
    int check;
    int format;
    int list_artifacts;
    int warnings_are_errors;
} options;

/* Writes the words of text after lead, broken before column 76. */
static void main_wrap(FILE *fp, const char *lead, const char *text)
{
    size_t column = strlen(lead);

    fputs(lead, fp);
    while (*text) {
        size_t word = strcspn(text, " ");

        if (column + 1 + word > 76) {
            fputs("\n ", fp);
            column = 1;
        }
        fprintf(fp, " %.*s", (int)word, text);
        column += 1 + word;
        text += word;
        text += strspn(text, " ");
    }
    fputs(".\n", fp);
}

static void main_usage(FILE *fp, const options *defaults)
{
    fprintf(fp,
            "usage: smtpgen [--replies FILE] [--reasons FILE] [--enhanced FILE]\n"
            "               [--subcodes FILE] [--out DIR] [--templates DIR]\n"
            "               [--prefix NAME] [--check] [--depfile FILE]\n"
            "               [--list-artifacts] [--compat OLD.json] [--warnings-as-errors]\n"
            "               [--help] [--version]\n"
            "       smtpgen --format [--check] FILE...\n"
            "\n"
            "Generates, from the SMTP reply, reason and enhanced status code tables,\n"
            "one artifact per file of the template folder, at the same path under the\n"
            "output folder, and the tables as JSON (%s):\n"
            "  NAME.mustache      rendered to NAME; {{value}} is escaped for NAME's\n"
            "                     extension, {{{value}}} is written raw\n"
            "  _NAME, _FOLDER/    partials ({{> _NAME}}), never written\n"
            "  any other file     copied as it is\n"
            "  {{prefix}}         in a path, the --prefix value\n",
            ARTIFACTS_JSON_NAME);
    main_wrap(fp, "Known extensions:", artifacts_known_extensions());
    fprintf(fp,
            "\n"
            "  --replies FILE     reply codes CSV (default %s)\n"
            "  --reasons FILE     gateway reasons CSV (default %s)\n"
            "  --enhanced FILE    enhanced status codes CSV (default %s)\n"
            "  --subcodes FILE    their classes and subjects CSV (default %s)\n"
            "  --out DIR          output folder (default %s)\n"
            "  --templates DIR    template folder (default %s)\n"
            "  --prefix NAME      prefix of the generated C names and of the header's\n"
            "                     file name: lower case letters, digits and single '_'\n"
            "                     (default %s: SMTP_REASON_*, smtp_codes.h)\n"
            "  --check            write nothing; exit 1 naming each artifact that\n"
            "                     would change\n"
            "  --depfile FILE     also write a make rule: artifacts depend on inputs\n"
            "  --list-artifacts   print the paths that would be written, one per\n"
            "                     line, and read no table\n"
            "  --compat OLD.json  compare the tables with an earlier release's\n"
            "                     smtp-codes.json first: exit 1, writing nothing, on a\n"
            "                     change that breaks code built against it (a name\n"
            "                     gone, an enum value, code or symbol changed); warn\n"
            "                     about new rows, renames, edits and deprecations\n"
            "  --format FILE...   rewrite each CSV file in canonical form (with\n"
            "                     --check: write nothing, exit 1 naming each file\n"
            "                     that is not canonical)\n"
            "  -W, --warnings-as-errors\n"
            "                     exit 1 when the tables draw a warning\n"
            "  --help             show this help and exit\n"
            "  --version          show the version and exit\n"
            "\n"
            "Exit status: 0 done; 1 invalid input, stale output under --check, a\n"
            "failed write or a breaking change under --compat; 2 usage error.\n",
            defaults->replies,
            defaults->reasons, defaults->enhanced, defaults->subcodes, defaults->out,
            defaults->templates, defaults->prefix);
}

/* Reads the tables at path_a and path_b, which the model takes together,
 * and records both as inputs. 0, or -1 with err filled and nothing to
 * free. */
static int main_read_tables(depfile_inputs *read, const char *path_a, const char *path_b,
                            csvread_table **a, csvread_table **b, gen_error *err)
{
    *a = csvread_file(path_a, err);
    *b = *a ? csvread_file(path_b, err) : NULL;
    if (*b && (depfile_add(read, path_a) != 0 || depfile_add(read, path_b) != 0))
        gen_error_set(err, NULL, 0, 0, "out of memory");
    if (!*b || err->set) {
        csvread_free(*a);
        csvread_free(*b);
        return -1;
    }
    return 0;
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

static void main_report_compat(void *ctx, const gen_error *finding, int breaking)
{
    (void)ctx;
    gen_error_print(stderr, finding, breaking ? "error" : "warning");
}

/* --compat: the document against the earlier release's. 0, or -1 with err
 * filled (and marked reported when the findings are printed already). The
 * file is an input of the step, for the depfile. */
static int main_compat(const options *opt, const document *doc, const model *m,
                       depfile_inputs *read, gen_error *err)
{
    /* The comparison reads both releases as Jansson trees. */
    json_t *tree = doc_to_json(doc);
    long breaking = tree ? compat_check(opt->compat, tree, m, main_report_compat, NULL, err)
                         : -1;

    json_decref(tree);
    if (!tree)
        gen_error_set(err, NULL, 0, 0, "out of memory");
    if (breaking < 0)
        return -1;
    if (depfile_add(read, opt->compat) != 0) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    if (breaking > 0) {
        gen_error_set(err, opt->compat, 0, 0, "%ld breaking changes", breaking);
        err->reported = 1;
        return -1;
    }
    return 0;
}

static void main_report_stale(void *ctx, const char *path, const char *why)
{
    (void)ctx;
    fprintf(stderr, "smtpgen: %s is %s\n", path, why);
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
    if (buf_printf(&probe, "%s/../data/smtp-replies.csv", exe) != 0)
        return -1;
    in_tree = access(probe.data, F_OK) == 0;
    buf_free(&probe);
    /* The kernel's path of the program has no symbolic link left, so its
     * folder's parent is that path cut at the last '/': messages then name
     * /opt/x/share/smtpgen/data/..., not /opt/x/bin/../share/...; from
     * argv[0] (no /proc), ".." it is. */
    slash = n > 0 ? strrchr(exe, '/') : NULL;
    if (slash)
        slash[slash == exe] = '\0';
    if (buf_printf(dir, slash ? (in_tree ? "%s" : "%s/share/smtpgen")
                              : (in_tree ? "%s/.." : "%s/../share/smtpgen"),
                   exe) != 0)
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
                                       CSVREAD_SKIP_BLANK_LINES, &err);
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


/* --prefix: a C identifier's start, lower case so that the macros are its
 * upper case; no "__" (reserved in C++) and no '_' at either end. */
static int main_prefix_ok(const char *prefix)
{
    size_t i, n = strlen(prefix);

    if (n == 0 || n > MAIN_PREFIX_MAX || prefix[0] < 'a' || prefix[0] > 'z'
        || prefix[n - 1] == '_')
        return 0;
    for (i = 0; i < n; i++)
        if (!((prefix[i] >= 'a' && prefix[i] <= 'z') || (prefix[i] >= '0' && prefix[i] <= '9')
              || (prefix[i] == '_' && prefix[i + 1] != '_')))
            return 0;
    return 1;
}

static int main_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "smtpgen: error: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'smtpgen --help'.\n");
    return EXIT_USAGE;
}

/* Fills opt from the command line. Returns -1 to go on, or the exit status
 * (--help, --version, a usage error). */
static int main_parse(int argc, char **argv, options *opt, const options *defaults)
{
    static const struct option longopts[] = {
        {"replies", required_argument, NULL, 'r'},
        {"reasons", required_argument, NULL, 's'},
        {"enhanced", required_argument, NULL, 'e'},
        {"subcodes", required_argument, NULL, 'u'},
        {"out", required_argument, NULL, 'o'},
        {"templates", required_argument, NULL, 't'},
        {"prefix", required_argument, NULL, 'p'},
        {"check", no_argument, NULL, 'c'},
        {"format", no_argument, NULL, 'f'},
        {"depfile", required_argument, NULL, 'd'},
        {"list-artifacts", no_argument, NULL, 'l'},
        {"compat", required_argument, NULL, 'C'},
        {"warnings-as-errors", no_argument, NULL, 'W'},
        {"help", no_argument, NULL, 'h'},
        {"version", no_argument, NULL, 'V'},
        {NULL, 0, NULL, 0},
    };
    int c;
    char flag[3] = "-?";

    *opt = *defaults;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "W", longopts, NULL)) != -1) {
        switch (c) {
        case 'r': opt->replies = optarg; break;
        case 's': opt->reasons = optarg; break;
        case 'e': opt->enhanced = optarg; break;
        case 'u': opt->subcodes = optarg; break;
        case 'o': opt->out = optarg; break;
        case 't': opt->templates = optarg; break;
        case 'p': opt->prefix = optarg; break;
        case 'c': opt->check = 1; break;
        case 'f': opt->format = 1; break;
        case 'd': opt->depfile = optarg; break;
        case 'l': opt->list_artifacts = 1; break;
        case 'C': opt->compat = optarg; break;
        case 'W': opt->warnings_are_errors = 1; break;
        case 'h': main_usage(stdout, defaults); return 0;
        case 'V': printf("smtpgen %s\n", SMTPGEN_VERSION); return 0;
        default:
            flag[1] = (char)optopt;
            return main_usage_error("unknown or incomplete option '%s'",
                                    optopt && optopt != '?' ? flag : argv[optind - 1]);
        }
    }
    if (opt->format && opt->compat)
        return main_usage_error("--format rewrites files and compares no release, so it "
                                "takes no --compat%s", "");
    if (opt->format)
        return optind == argc ? main_usage_error("--format needs the CSV files to "
                                                 "rewrite%s", "")
                              : -1;
    if (optind < argc)
        return main_usage_error("unexpected argument '%s'", argv[optind]);
    if (!main_prefix_ok(opt->prefix))
        return main_usage_error("--prefix \"%s\" is not a name prefix: lower case letters, "
                                "digits and single '_' inside, starting with a letter, "
                                "at most 32 bytes (such as acme or acme_mail)",
                                opt->prefix);
    if (opt->check && opt->depfile)
        return main_usage_error("--check writes nothing, so it takes no --depfile%s", "");
    if (opt->list_artifacts && (opt->check || opt->depfile))
        return main_usage_error("--list-artifacts writes nothing, so it takes no %s",
                                opt->check ? "--check" : "--depfile");
    if (opt->list_artifacts && opt->compat)
        return main_usage_error("--list-artifacts reads no table, so it takes no "
                                "--compat%s", "");
    return -1;
}

/* smtpgen --list-artifacts: the paths under --out that a run would write. */
static int main_list(const options *opt)
{
    gen_error err;
    artifact_list list = {NULL, 0, NULL, 0};
    buf lines = BUF_INIT;
    size_t i;
    int rc = 0;

    gen_error_init(&err);
    if (artifacts_find(opt->templates, opt->prefix, &list, &err) != 0) {
        gen_error_print(stderr, &err, "error");
        return EXIT_INVALID;
    }
    for (i = 0; rc == 0 && i < list.count; i++)
        rc = depfile_join(&lines, opt->out, list.items[i].path) != 0
             || buf_append_char(&lines, '\n') != 0;
    if (rc == 0 && strpbrk(opt->out, "\n\r")) {
        fprintf(stderr, "smtpgen: error: --out \"%s\" holds a line break, so its paths "
                        "cannot be listed one per line\n", opt->out);
        rc = EXIT_INVALID;
    } else if (rc == 0) {
        fwrite(lines.data, 1, lines.len, stdout);
        if (fflush(stdout) != 0 || ferror(stdout)) {
            fprintf(stderr, "smtpgen: error: cannot write the list: %s\n", strerror(errno));
            rc = EXIT_INVALID;
        }
    } else {
        fprintf(stderr, "smtpgen: error: out of memory\n");
    }
    artifacts_free(&list);
    buf_free(&lines);
    return rc ? EXIT_INVALID : 0;
}

/* Stages read and model, then the document: the tables read, validated
 * and built into one document, which reads its rows from the model. NULL
 * with err filled on a fault; else *model_out is the model, which the
 * caller frees after the document. */
static document *main_document(const options *opt, depfile_inputs *read, model **model_out,
                               gen_error *err)
{
    csvread_table *replies_csv, *reasons_csv, *enhanced_csv, *subcodes_csv;
    warn_state warnings = {0};
    model *m = NULL;
    document *doc = NULL;

    if (main_read_tables(read, opt->replies, opt->reasons, &replies_csv, &reasons_csv, err)
        != 0)
        return NULL;
    m = model_build(replies_csv, reasons_csv, main_warn, &warnings, err);
    if (m && main_read_tables(read, opt->subcodes, opt->enhanced, &subcodes_csv,
                              &enhanced_csv, err) == 0
        && model_add_enhanced(m, subcodes_csv, enhanced_csv, main_warn, &warnings, err) == 0) {
        if (warnings.count && opt->warnings_are_errors)
            gen_error_set(err, NULL, 0, 0, "%ld warning%s treated as error%s",
                          warnings.count, warnings.count == 1 ? "" : "s",
                          warnings.count == 1 ? "" : "s");
        else
            doc = doc_build(m, err);
        if (doc && opt->compat && main_compat(opt, doc, m, read, err) != 0) {
            doc_free(doc);
            doc = NULL;
        }
    }
    if (doc)
        *model_out = m;
    else
        model_free(m);
    return doc;
}

/* Stage write: the artifacts are rendered, one at a time, into the set
 * out (write.h), which either compares them (--check) or streams them into
 * temporary files; the depfile joins the same set, and only then is
 * anything put in place, so that if one file cannot be written nothing
 * changes. Returns the exit status. */
static int main_output(const options *opt, const artifact_list *list, const document *doc,
                       const document_view *view, depfile_inputs *read, gen_error *err)
{
    write_set *out = write_set_new(opt->out, opt->check, main_report_stale, NULL);
    const char **paths = calloc(list->count + 1, sizeof *paths);
    value doc_value = doc_root(doc), view_value = doc_view_root(view);
    buf stream = BUF_INIT;
    long changed = -1;
    size_t i;

    if (!out || !paths) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        goto done;
    }
    if (artifacts_render(list, opt->templates, &doc_value, &view_value, read, out, err) != 0)
        goto done;
    for (i = 0; i < list->count; i++)
        paths[i] = list->items[i].path;
    /* The rule goes straight into the depfile's stream, as an artifact's
     * bytes do. */
    if (opt->depfile
        && (write_set_open(out, opt->depfile, 1, &stream, err) != 0
            || depfile_rule(&stream, opt->out, paths, list->count, read, err) != 0
            || write_set_close(out, &stream, err) != 0))
        goto done;
    changed = write_set_commit(out, err);
    if (opt->check && changed > 0)
        gen_error_set(err, NULL, 0, 0, "%ld artifact%s under %s would change", changed,
                      changed == 1 ? "" : "s", opt->out);
done:
    buf_free(&stream);
    free(paths);
    write_set_free(out);
    return changed < 0 || (opt->check && changed > 0) ? EXIT_INVALID : 0;
}

/* The pipeline: read -> model -> document -> render and write. */
static int main_generate(const options *opt)
{
    char date[16];
    gen_error err;
    depfile_inputs read = {NULL, 0};
    model *m = NULL;
    document *doc = NULL;
    document_view *view = NULL;
    artifact_list list = {NULL, 0, NULL, 0};
    int status = EXIT_INVALID;

    gen_error_init(&err);
    if (main_date(date, &err) == 0 && (doc = main_document(opt, &read, &m, &err))
        && (view = doc_view(doc, date, opt->prefix, &err))
        && artifacts_find(opt->templates, opt->prefix, &list, &err) == 0)
        status = main_output(opt, &list, doc, view, &read, &err);
    if (err.set)
        gen_error_print(stderr, &err, "error");
    artifacts_free(&list);
    doc_view_free(view);
    doc_free(doc);
    model_free(m);
    depfile_free(&read);
    return status;
}

/* The defaults: the tables and templates beside the program (see
 * main_data_dir()). The buffers hold the paths; 0 or -1. */
static int main_defaults(options *defaults, buf paths[5], const char *argv0)
{
    static const char *const names[5] = {
        "data/smtp-replies.csv", "data/smtp-reasons.csv", "data/smtp-enhanced.csv",
        "data/smtp-enhanced-subcodes.csv", "templates",
    };
    buf dir = BUF_INIT;
    int i, rc = main_data_dir(&dir, argv0);

    for (i = 0; rc == 0 && i < 5; i++)
        rc = buf_printf(&paths[i], "%s/%s", dir.data, names[i]) != 0
             || main_strip_dot(&paths[i]) != 0;
    buf_free(&dir);
    memset(defaults, 0, sizeof *defaults);
    defaults->replies = paths[0].data;
    defaults->reasons = paths[1].data;
    defaults->enhanced = paths[2].data;
    defaults->subcodes = paths[3].data;
    defaults->templates = paths[4].data;
    defaults->out = "out";
    defaults->prefix = "smtp";
    return rc ? -1 : 0;
}

int main(int argc, char **argv)
{
    buf paths[5] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
    options opt, defaults;
    int i, status;

    if (main_defaults(&defaults, paths, argv[0]) != 0) {
        fprintf(stderr, "smtpgen: error: out of memory\n");
        status = EXIT_INVALID;
    } else if ((status = main_parse(argc, argv, &opt, &defaults)) >= 0) {
        /* --help, --version or a usage error: done. */
    } else if (opt.format) {
        status = main_format(argv + optind, argc - optind, opt.check);
    } else if (opt.list_artifacts) {
        status = main_list(&opt);
    } else {
        status = main_generate(&opt);
    }
    for (i = 0; i < 5; i++)
        buf_free(&paths[i]);
    return status;
}
