/* write.h - puts artifacts on disk atomically, only when they changed.
 *
 * Every file is first written in full to a temporary file in its target
 * folder; only when all of them are written are they renamed into place. A
 * file whose content is already on disk is not touched, so its mtime stays
 * and nothing that depends on it rebuilds. A target that exists and is
 * neither a regular file nor a folder (a device such as /dev/null, a pipe)
 * is written into instead of replaced, after every temporary file is
 * written and before any is renamed.
 */
#ifndef SMTPGEN_WRITE_H
#define SMTPGEN_WRITE_H

#include <stddef.h>

#include "error.h"

typedef struct write_artifact {
    const char *path; /* relative to the output folder, '/'-separated */
    const char *data; /* borrowed */
    size_t len;
} write_artifact;

/* Called once per artifact that differs from the file on disk; why is
 * "missing" or "stale". */
typedef void (*write_stale_fn)(void *ctx, const char *path, const char *why);

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
