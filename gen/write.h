/* write.h - puts artifacts on disk atomically, only when they changed.
 *
 * A run's files are written as one set: each file streams into a temporary
 * file in its target folder, and only when every file of the set is
 * written are they renamed into place (write_set_commit()). While a file
 * streams, its bytes are compared with the file on disk; as long as they
 * match nothing is written, so a file whose content is already on disk is
 * not touched (its mtime stays and nothing that depends on it rebuilds),
 * and at the first difference the temporary file starts with the matching
 * part copied from the old file. No file's bytes are ever held whole in
 * memory, except those of a target that exists and is neither a regular
 * file nor a folder (a device such as /dev/null, a pipe): such a target is
 * written into instead of replaced, at commit, after every temporary file
 * is written and before any is renamed.
 */
#ifndef SMTPGEN_WRITE_H
#define SMTPGEN_WRITE_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

typedef struct write_artifact {
    const char *path; /* relative to the output folder, '/'-separated */
    const char *data; /* borrowed */
    size_t len;
} write_artifact;

/* Called once per file that differs from the file on disk; why is
 * "missing" or "stale". */
typedef void (*write_stale_fn)(void *ctx, const char *path, const char *why);

/* The files of one all-or-nothing step. */
typedef struct write_set write_set;

/* Starts a set of files under dir (created if needed). With check, the
 * set only compares: it writes nothing and reports each file that differs
 * to stale (which may be NULL). NULL when memory runs out. */
write_set *write_set_new(const char *dir, int check, write_stale_fn stale, void *ctx);

/* Opens the next file of the set: path under dir, or with own_path a path
 * of its own (such as a depfile). From then on out (which must be empty
 * and unused) is the file's stream: what is appended to it goes to the
 * file, a buffer at a time, until write_set_close(). A write or read fault
 * while streaming makes an append fail with err filled (the first error
 * wins, so a caller's later "out of memory" does not hide it). Returns 0,
 * or -1 with err filled: the file on disk cannot be read, or is a folder. */
int write_set_open(write_set *s, const char *path, int own_path, buf *out, gen_error *err);

/* Ends the open file: the rest of out goes to it and out is freed. Returns
 * 0, or -1 with err filled. */
int write_set_close(write_set *s, buf *out, gen_error *err);

/* Puts every closed file in place. Returns the number of files replaced,
 * created or written into (with check: that differ), or -1 with err
 * filled; on failure nothing has changed. */
long write_set_commit(write_set *s, gen_error *err);

/* Frees the set; what was not committed is undone: no temporary file and
 * no folder it created is left. s may be NULL. */
void write_set_free(write_set *s);

/* The same steps for files held in memory, one set each. */

/* Compares artifacts with the files under dir and writes nothing. Returns
 * the number of artifacts that differ (reporting each to stale), or -1 with
 * err filled when a file exists but cannot be read. */
long write_check(const char *dir, const write_artifact *artifacts, size_t count,
                 write_stale_fn stale, void *ctx, gen_error *err);

/* Writes the artifacts under dir (created if needed). Returns the number of
 * files replaced or created, or -1 with err filled; on failure no file under
 * dir has changed and no temporary file is left. */
long write_artifacts(const char *dir, const write_artifact *artifacts, size_t count,
                     gen_error *err);

/* write_artifacts(), and in the same all-or-nothing step the file
 * extra->path (a path of its own, not under dir), such as a depfile; extra
 * may be NULL. Returns the number of files replaced, created or written
 * into, or -1 with err filled; on failure nothing has changed. */
long write_artifacts_and_file(const char *dir, const write_artifact *artifacts,
                              size_t count, const write_artifact *extra, gen_error *err);

/* Writes one file at path the same way (temporary file, then rename; not
 * touched when unchanged). Returns 0 or -1 with err filled. */
int write_file(const char *path, const char *data, size_t len, gen_error *err);

#endif
