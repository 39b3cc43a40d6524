/* depfile.h - what smtpgen read, and the make rule that says so.
 *
 * Each stage reads its files through depfile_read(), which records the
 * path; --depfile then writes "ARTIFACT ...: INPUT ..." so that make or
 * ninja reruns smtpgen when a table, a template, a partial or a template
 * folder (a template added or removed) changes.
 */
#ifndef SMTPGEN_DEPFILE_H
#define SMTPGEN_DEPFILE_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

typedef struct depfile_inputs {
    char **paths;
    size_t count;
} depfile_inputs;

/* Records path (copied) unless it is recorded already; 0 or -1 when memory
 * runs out. */
int depfile_add(depfile_inputs *read, const char *path);

void depfile_free(depfile_inputs *read);

/* Reads the file at path whole and records it. Returns the malloc'd text
 * (the caller frees it) and its length, or NULL with err filled. *recorded,
 * when not NULL, gets the recorded copy of path, which lives as long as
 * read. */
char *depfile_read(depfile_inputs *read, const char *path, size_t *len,
                   const char **recorded, gen_error *err);

/* Appends path as make reads it: blanks and '#' backslash-escaped, '$'
 * doubled. Returns 0, -1 when memory runs out, or 1 when path holds a line
 * break, which a make rule cannot hold. */
int depfile_append_path(buf *rule, const char *path);

/* Appends the rule naming out_dir/PATH for each of the count artifact
 * paths (relative to out_dir) as targets and every recorded input as
 * prerequisites. 0, or -1 with err filled. */
int depfile_rule(buf *rule, const char *out_dir, const char *const *paths, size_t count,
                 const depfile_inputs *read, gen_error *err);

/* Joins out_dir and path with one '/' ("out" + "a/b" -> "out/a/b", "out/"
 * + "a" -> "out/a"). Appends to to; 0 or -1. */
int depfile_join(buf *to, const char *out_dir, const char *path);

#endif
