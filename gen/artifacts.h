/* artifacts.h - the template tree is the output tree.
 *
 * Every file under the template folder is an artifact at the same relative
 * path: NAME.mustache is rendered to NAME, with {{value}} escaped for NAME's
 * extension; any other file is copied byte for byte (the JSON Schema). A
 * file or folder whose name starts with '_' is not an artifact: that is
 * where partials live ({{> _row}} reads _row.mustache, {{> html/_row}} reads
 * html/_row.mustache). Names starting with '.' are skipped (.gitkeep, editor
 * files). In a path, {{prefix}} stands for the --prefix value
 * (include/{{prefix}}_codes.h.mustache -> include/acme_codes.h). To these the
 * document's dump, smtp-codes.json, is added.
 *
 * This module finds the artifacts, names their outputs and picks their
 * escapers; artifacts_render() then makes their bytes. Nothing here prints
 * or exits.
 */
#ifndef SMTPGEN_ARTIFACTS_H
#define SMTPGEN_ARTIFACTS_H

#include <stddef.h>

#include "value.h"

#include "depfile.h"
#include "error.h"
#include "render.h"
#include "write.h"

/* The document's dump, always an artifact, at the top of the output tree. */
#define ARTIFACTS_JSON_NAME "smtp-codes.json"

typedef enum artifact_kind {
    ARTIFACT_RENDER, /* a template, rendered */
    ARTIFACT_COPY,   /* a plain file, copied */
    ARTIFACT_JSON    /* the document, dumped */
} artifact_kind;

typedef struct artifact {
    char *path;              /* under the output folder, '/'-separated */
    char *source;            /* the file it comes from; NULL for the JSON */
    artifact_kind kind;
    render_escape_fn escape; /* ARTIFACT_RENDER only */
} artifact;

typedef struct artifact_list {
    artifact *items; /* sorted by path, bytewise */
    size_t count;
    char **folders;  /* every folder walked, for the depfile */
    size_t folder_count;
} artifact_list;

/* Walks the template folder templates and fills list (which starts zeroed)
 * with its artifacts. prefix replaces {{prefix}} in paths. Returns 0, or -1
 * with err filled: a template whose output extension has no escaper (the
 * message lists the known ones), two sources for one output, a path that
 * holds a line break or another {{...}}, an entry that is neither a file nor
 * a folder, a folder nested deeper than 32 levels (a link loop), or a tree
 * with no template at all. list is then empty. */
int artifacts_find(const char *templates, const char *prefix, artifact_list *list,
                   gen_error *err);

void artifacts_free(artifact_list *list);

/* The escaper for an output file name by its extension (see the table in
 * artifacts.c), or NULL when the extension has none. *format, when not
 * NULL, gets the format's name ("C", "HTML/XML", ...). */
render_escape_fn artifacts_escaper(const char *output_path, const char **format);

/* The known extensions, space-separated, for messages and --help. */
const char *artifacts_known_extensions(void);

/* Makes every artifact's bytes, in list order, each streamed into its file
 * of the set out (write_set_open() with its path): renders the templates
 * with view (partials from the template folder templates), copies the
 * plain files and dumps doc (value_dump(), and a final newline). Every file read is recorded in read. Returns
 * 0, or -1 with err filled; the caller then frees out, which undoes what
 * it holds. */
int artifacts_render(const artifact_list *list, const char *templates, const value *doc,
                     const value *view, depfile_inputs *read, write_set *out,
                     gen_error *err);

#endif
