#include "artifacts.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "buf.h"
#include "csv_read.h"
#include "doc.h"
#include "escape.h"

#define ARTIFACTS_SUFFIX ".mustache"
#define ARTIFACTS_SUFFIX_LEN (sizeof ARTIFACTS_SUFFIX - 1)
#define ARTIFACTS_PREFIX_TAG "{{prefix}}"
#define ARTIFACTS_MAX_DEPTH 32

/* One escaper per format; an output's extension picks it. Man pages (a
 * section digit, then letters: .7, .3p) are matched apart, in
 * artifacts_escaper(). */
static const struct {
    const char *extension;
    render_escape_fn escape;
    const char *format;
} artifacts_formats[] = {
    {".h", escape_c, "C"},          {".c", escape_c, "C"},
    {".hpp", escape_c, "C"},        {".cpp", escape_c, "C"},
    {".hh", escape_c, "C"},         {".cc", escape_c, "C"},
    {".html", escape_html, "HTML/XML"}, {".htm", escape_html, "HTML/XML"},
    {".xhtml", escape_html, "HTML/XML"}, {".xml", escape_html, "HTML/XML"},
    {".svg", escape_html, "HTML/XML"},
    {".json", escape_json, "JSON"},
    {".js", escape_js, "JavaScript"}, {".mjs", escape_js, "JavaScript"},
    {".cjs", escape_js, "JavaScript"}, {".ts", escape_js, "JavaScript"},
    {".py", escape_py, "Python"},
    {".go", escape_go, "Go"},
    {".rs", escape_rust, "Rust"},
    {".java", escape_java, "Java"},
    {".md", escape_markdown, "Markdown"},
    {".csv", escape_csv, "CSV"},
    {".txt", escape_text, "text"},
};
#define ARTIFACTS_FORMAT_COUNT (sizeof artifacts_formats / sizeof artifacts_formats[0])

const char *artifacts_known_extensions(void)
{
    /* Made from the table once: ".h .c ... (C), ..., .1 to .9 (roff)". */
    static char list[32 * ARTIFACTS_FORMAT_COUNT];
    size_t i, len = 0;

    if (list[0])
        return list;
    for (i = 0; i < ARTIFACTS_FORMAT_COUNT; i++) {
        int last = i + 1 == ARTIFACTS_FORMAT_COUNT
                   || strcmp(artifacts_formats[i + 1].format, artifacts_formats[i].format) != 0;

        int n = snprintf(list + len, sizeof list - len, last ? "%s (%s), " : "%s ",
                         artifacts_formats[i].extension, artifacts_formats[i].format);

        /* Never past the end, should the table outgrow the buffer. */
        len = n < 0 || (size_t)n >= sizeof list - len ? sizeof list - 1 : len + (size_t)n;
    }
    snprintf(list + len, sizeof list - len, ".1 to .9 (roff)");
    return list;
}

/* The extension of the last path component, from its last '.', or NULL. */
static const char *artifacts_extension(const char *path)
{
    const char *base = strrchr(path, '/');
    const char *dot;

    base = base ? base + 1 : path;
    dot = strrchr(base, '.');
    return dot && dot != base ? dot : NULL;
}

render_escape_fn artifacts_escaper(const char *output_path, const char **format)
{
    const char *ext = artifacts_extension(output_path);
    size_t i;

    if (!ext)
        return NULL;
    if (ext[1] >= '1' && ext[1] <= '9') {
        for (i = 2; ext[i] >= 'a' && ext[i] <= 'z'; i++)
            ;
        if (ext[i] == '\0') {
            if (format)
                *format = "roff";
            return escape_roff;
        }
    }
    for (i = 0; i < ARTIFACTS_FORMAT_COUNT; i++) {
        if (strcmp(ext, artifacts_formats[i].extension) == 0) {
            if (format)
                *format = artifacts_formats[i].format;
            return artifacts_formats[i].escape;
        }
    }
    return NULL;
}

void artifacts_free(artifact_list *list)
{
    size_t i;

    for (i = 0; i < list->count; i++) {
        free(list->items[i].path);
        free(list->items[i].source);
    }
    for (i = 0; i < list->folder_count; i++)
        free(list->folders[i]);
    free(list->items);
    free(list->folders);
    memset(list, 0, sizeof *list);
}

/* The walk's state: the list being filled, where the tree starts, the
 * prefix, the first error. */
typedef struct artifacts_walk {
    artifact_list *list;
    size_t items_cap, folders_cap;
    const char *prefix;
    size_t templates;
    gen_error *err;
} artifacts_walk;

static int artifacts_oom(artifacts_walk *walk)
{
    gen_error_set(walk->err, NULL, 0, 0, "out of memory");
    return -1;
}

/* Appends rel[0..len) to out with every {{prefix}} replaced; any other
 * "{{" is refused, naming source. */
static int artifacts_name_output(artifacts_walk *walk, buf *out, const char *rel,
                                 size_t len, const char *source)
{
    size_t i = 0, tag = sizeof ARTIFACTS_PREFIX_TAG - 1;

    while (i < len) {
        if (len - i >= 2 && rel[i] == '{' && rel[i + 1] == '{') {
            if (len - i < tag || memcmp(rel + i, ARTIFACTS_PREFIX_TAG, tag) != 0) {
                gen_error_set(walk->err, source, 0, 0,
                              "a template's path may name only {{prefix}}, not another "
                              "{{...}}");
                return -1;
            }
            if (buf_append_str(out, walk->prefix) != 0)
                return artifacts_oom(walk);
            i += tag;
        } else if (buf_append_char(out, rel[i++]) != 0) {
            return artifacts_oom(walk);
        }
    }
    return 0;
}

/* Adds the file at path (rel is the part under the template folder). */
static int artifacts_add_file(artifacts_walk *walk, const char *path, const char *rel)
{
    size_t len = strlen(rel);
    int is_template = len > ARTIFACTS_SUFFIX_LEN
                      && strcmp(rel + len - ARTIFACTS_SUFFIX_LEN, ARTIFACTS_SUFFIX) == 0;
    buf output = BUF_INIT;
    artifact *item;
    render_escape_fn escape = NULL;

    if (artifacts_name_output(walk, &output, rel,
                              is_template ? len - ARTIFACTS_SUFFIX_LEN : len, path) != 0) {
        buf_free(&output);
        return -1;
    }
    if (is_template && !(escape = artifacts_escaper(output.data, NULL))) {
        const char *ext = artifacts_extension(output.data);

        if (ext)
            gen_error_set(walk->err, path, 0, 0,
                          "no escaper for \"%s\" files, so {{value}} cannot be written "
                          "there; known extensions: %s",
                          ext, artifacts_known_extensions());
        else
            gen_error_set(walk->err, path, 0, 0,
                          "%s has no extension to choose an escaper by; known "
                          "extensions: %s",
                          output.data, artifacts_known_extensions());
        buf_free(&output);
        return -1;
    }
    if (buf_grow_array((void **)&walk->list->items, &walk->items_cap,
                       walk->list->count + 1, sizeof *walk->list->items, 8) != 0) {
        buf_free(&output);
        return artifacts_oom(walk);
    }
    item = &walk->list->items[walk->list->count];
    item->path = output.data;
    item->source = strdup(path);
    item->kind = is_template ? ARTIFACT_RENDER : ARTIFACT_COPY;
    item->escape = escape;
    walk->list->count++;
    return item->source ? 0 : artifacts_oom(walk);
}

static int artifacts_compare_names(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int artifacts_skip_name(const struct dirent *entry)
{
    /* Hidden files (., .., .gitkeep, editor files) are never read. */
    return entry->d_name[0] != '.';
}

/* Walks the folder dir (a path; its part under the template folder starts
 * at dir + walk->templates) at the given depth. */
static int artifacts_walk_folder(artifacts_walk *walk, const char *dir, int depth)
{
    struct dirent **entries = NULL;
    int n, i, rc = 0;
    buf path = BUF_INIT;

    if (depth > ARTIFACTS_MAX_DEPTH) {
        gen_error_set(walk->err, dir, 0, 0,
                      "templates are nested more than %d folders deep (a symbolic link "
                      "loop?)",
                      ARTIFACTS_MAX_DEPTH);
        return -1;
    }
    n = scandir(dir, &entries, artifacts_skip_name, artifacts_compare_names);
    if (n < 0) {
        gen_error_set(walk->err, dir, 0, 0, "cannot read the template folder: %s",
                      strerror(errno));
        return -1;
    }
    if (buf_grow_array((void **)&walk->list->folders, &walk->folders_cap,
                       walk->list->folder_count + 1, sizeof *walk->list->folders, 4) != 0
        || !(walk->list->folders[walk->list->folder_count] = strdup(dir)))
        rc = artifacts_oom(walk);
    else
        walk->list->folder_count++;
    for (i = 0; i < n; i++) {
        const char *name = entries[i]->d_name;
        struct stat st;

        path.len = 0;
        if (rc == 0 && buf_printf(&path, "%s/%s", dir, name) != 0)
            rc = artifacts_oom(walk);
        if (rc == 0 && strpbrk(name, "\n\r")) {
            gen_error_set(walk->err, path.data, 0, 0,
                          "a template's name may not hold a line break (it could not "
                          "be listed or named in a make rule)");
            rc = -1;
        }
        if (rc == 0 && stat(path.data, &st) != 0) {
            gen_error_set(walk->err, path.data, 0, 0, "cannot read: %s", strerror(errno));
            rc = -1;
        }
        /* '_' marks partials and their folders: read by {{> name}}, never
         * written. */
        if (rc == 0 && name[0] != '_') {
            if (S_ISDIR(st.st_mode))
                rc = artifacts_walk_folder(walk, path.data, depth + 1);
            else if (S_ISREG(st.st_mode))
                rc = artifacts_add_file(walk, path.data, path.data + walk->templates);
            else {
                gen_error_set(walk->err, path.data, 0, 0,
                              "is neither a file nor a folder, so it cannot be a "
                              "template");
                rc = -1;
            }
        }
        free(entries[i]);
    }
    free(entries);
    buf_free(&path);
    return rc;
}

/* By path, then by source (the dump first), so that a clash is always
 * reported the same way. */
static int artifacts_compare_paths(const void *a, const void *b)
{
    const artifact *x = a, *y = b;
    int by_path = strcmp(x->path, y->path);

    if (by_path || (!x->source && !y->source))
        return by_path;
    if (!x->source || !y->source)
        return x->source ? 1 : -1;
    return strcmp(x->source, y->source);
}

int artifacts_find(const char *templates, const char *prefix, artifact_list *list,
                   gen_error *err)
{
    artifacts_walk walk;
    size_t i, templates_found = 0;
    artifact *json;

    memset(&walk, 0, sizeof walk);
    walk.list = list;
    walk.prefix = prefix;
    walk.templates = strlen(templates) + 1;
    walk.err = err;
    if (artifacts_walk_folder(&walk, templates, 0) != 0)
        goto fail;
    for (i = 0; i < list->count; i++)
        templates_found += list->items[i].kind == ARTIFACT_RENDER;
    if (templates_found == 0) {
        gen_error_set(err, templates, 0, 0,
                      "no template (NAME%s) in this folder, so there is nothing to "
                      "render",
                      ARTIFACTS_SUFFIX);
        goto fail;
    }
    if (buf_grow_array((void **)&list->items, &walk.items_cap, list->count + 1,
                       sizeof *list->items, 8) != 0) {
        artifacts_oom(&walk);
        goto fail;
    }
    json = &list->items[list->count++];
    json->path = strdup(ARTIFACTS_JSON_NAME);
    json->source = NULL;
    json->kind = ARTIFACT_JSON;
    json->escape = NULL;
    if (!json->path) {
        artifacts_oom(&walk);
        goto fail;
    }
    qsort(list->items, list->count, sizeof *list->items, artifacts_compare_paths);
    for (i = 1; i < list->count; i++) {
        const artifact *a = &list->items[i - 1], *b = &list->items[i];

        if (strcmp(a->path, b->path) != 0)
            continue;
        if (!a->source || !b->source)
            gen_error_set(err, a->source ? a->source : b->source, 0, 0,
                          "would write %s, which is the document's own dump",
                          ARTIFACTS_JSON_NAME);
        else
            gen_error_set(err, b->source, 0, 0, "would write %s, as %s does", a->path,
                          a->source);
        goto fail;
    }
    /* A path may not be both a file and a folder (a.txt and a.txt/b.txt).
     * The paths that start with p follow p at once in sorted order. */
    for (i = 0; i < list->count; i++) {
        const artifact *a = &list->items[i];
        size_t j, len = strlen(a->path);

        for (j = i + 1; j < list->count && strncmp(list->items[j].path, a->path, len) == 0;
             j++) {
            const artifact *b = &list->items[j];

            if (b->path[len] != '/')
                continue;
            if (a->source)
                gen_error_set(err, b->source, 0, 0,
                              "would write %s, inside %s, which %s writes as a file",
                              b->path, a->path, a->source);
            else
                gen_error_set(err, b->source, 0, 0,
                              "would write %s, inside %s, which is the document's own "
                              "dump",
                              b->path, a->path);
            goto fail;
        }
    }
    return 0;
fail:
    artifacts_free(list);
    return -1;
}

/* Partials: {{> NAME}} reads TEMPLATES/NAME.mustache. A name may not leave
 * the template folder. */
typedef struct artifacts_loader {
    const char *templates;
    depfile_inputs *read;
    buf path;
} artifacts_loader;

/* {{> name}} with no such file renders as nothing (the Mustache spec), but
 * the nearest folder of its path that exists is recorded for the depfile
 * (the template folder is already), so that creating the partial later
 * reruns the step. Returns 1 (not found), or -1 with err filled. */
static int artifacts_missing_partial(artifacts_loader *loader, gen_error *err)
{
    size_t root = strlen(loader->templates);
    char *slash;
    struct stat st;

    for (;;) {
        slash = strrchr(loader->path.data, '/');
        if (!slash || (size_t)(slash - loader->path.data) <= root)
            return 1;
        *slash = '\0';
        if (stat(loader->path.data, &st) == 0 && S_ISDIR(st.st_mode))
            break;
    }
    if (depfile_add(loader->read, loader->path.data) != 0) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    return 1;
}

static int artifacts_load_partial(void *ctx, const char *name, char **text, size_t *len,
                                  const char **source_name, gen_error *err)
{
    artifacts_loader *loader = ctx;

    if (name[0] == '/' || strstr(name, "..")) {
        gen_error_set(err, NULL, 0, 0, "it is outside the template folder");
        return -1;
    }
    loader->path.len = 0;
    if (buf_printf(&loader->path, "%s/%s%s", loader->templates, name, ARTIFACTS_SUFFIX)
        != 0) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    if (access(loader->path.data, F_OK) != 0)
        return artifacts_missing_partial(loader, err);
    *text = depfile_read(loader->read, loader->path.data, len, source_name, err);
    return *text ? 0 : -1;
}

/* A plain file, copied into out a chunk at a time (it may be big, and is
 * never held whole) and recorded in read; 0, or -1 with err filled. */
static int artifacts_copy(const char *path, depfile_inputs *read, buf *out, gen_error *err)
{
    if (csvread_append_file(path, out, err) != 0)
        return -1;
    if (depfile_add(read, path) != 0) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    return 0;
}

/* Makes the bytes of one artifact, appending them to out (a stream into
 * its file). */
static int artifacts_render_one(const artifact *item, artifacts_loader *loader,
                                const value *doc, const value *view, buf *out,
                                gen_error *err)
{
    render_partials partials;
    char *text;
    size_t len = 0;
    int rc;

    if (item->kind == ARTIFACT_JSON) {
        if (value_dump(doc, out) != 0 || buf_append_char(out, '\n') != 0) {
            gen_error_set(err, NULL, 0, 0, "out of memory");
            return -1;
        }
        return 0;
    }
    if (item->kind == ARTIFACT_COPY)
        return artifacts_copy(item->source, loader->read, out, err);
    text = depfile_read(loader->read, item->source, &len, NULL, err);
    if (!text)
        return -1;
    partials.load = artifacts_load_partial;
    partials.ctx = loader;
    rc = render_template(item->source, text, len, view, item->escape, &partials, out, err);
    free(text);
    return rc;
}

int artifacts_render(const artifact_list *list, const char *templates, const value *doc,
                     const value *view, depfile_inputs *read, write_set *out,
                     gen_error *err)
{
    artifacts_loader loader;
    size_t i;
    int rc = 0;

    for (i = 0; i < list->folder_count && rc == 0; i++)
        if (depfile_add(read, list->folders[i]) != 0) {
            gen_error_set(err, NULL, 0, 0, "out of memory");
            rc = -1;
        }
    memset(&loader, 0, sizeof loader);
    loader.templates = templates;
    loader.read = read;
    /* One artifact at a time, each streamed into its file and gone from
     * memory before the next: a write fault met while rendering is the
     * error reported (the first error wins), not the "out of memory" of
     * the append it stopped. */
    for (i = 0; rc == 0 && i < list->count; i++) {
        buf stream = BUF_INIT;

        rc = write_set_open(out, list->items[i].path, 0, &stream, err);
        if (rc == 0)
            rc = artifacts_render_one(&list->items[i], &loader, doc, view, &stream, err);
        if (rc == 0)
            rc = write_set_close(out, &stream, err);
        buf_free(&stream);
    }
    buf_free(&loader.path);
    return rc;
}
