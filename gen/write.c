#include "write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "buf.h"

typedef struct write_plan {
    char *path;      /* final path */
    char *temp;      /* temporary path, once written */
    int in_place;    /* path is a device or a pipe: written into, not replaced */
} write_plan;

static char *write_join(const char *dir, const char *path)
{
    buf joined = BUF_INIT;

    if (buf_printf(&joined, "%s/%s", dir, path) != 0) {
        buf_free(&joined);
        return NULL;
    }
    return joined.data;
}

/* 1 when the file at path holds exactly data, 0 when it differs or does not
 * exist, -1 (err filled) when it exists but cannot be read. */
static int write_same_content(const char *path, const char *data, size_t len,
                              gen_error *err)
{
    FILE *fp = fopen(path, "rb");
    char chunk[65536];
    size_t n, offset = 0;
    int same = 1;

    if (!fp) {
        if (errno == ENOENT || errno == ENOTDIR)
            return 0;
        gen_error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    while (same && (n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (n > len - offset || memcmp(chunk, data + offset, n) != 0)
            same = 0;
        offset += n;
    }
    if (ferror(fp)) {
        gen_error_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
        fclose(fp);
        return -1;
    }
    fclose(fp);
    return same && offset == len;
}

long write_check(const char *dir, const write_artifact *artifacts, size_t count,
                 write_stale_fn stale, void *ctx, gen_error *err)
{
    long differ = 0;
    size_t i;
    struct stat st;

    for (i = 0; i < count; i++) {
        char *path = write_join(dir, artifacts[i].path);
        int same;

        if (!path) {
            gen_error_set(err, NULL, 0, 0, "out of memory");
            return -1;
        }
        same = write_same_content(path, artifacts[i].data, artifacts[i].len, err);
        if (same < 0) {
            free(path);
            return -1;
        }
        if (!same) {
            differ++;
            if (stale)
                stale(ctx, path, stat(path, &st) == 0 ? "stale" : "missing");
        }
        free(path);
    }
    return differ;
}

/* Creates every missing folder on the way to path's parent, recording each
 * one it creates in created (so that a failure can remove them again). */
static int write_make_parents(const char *path, char ***created, size_t *ncreated,
                              gen_error *err)
{
    char *copy = strdup(path);
    char *p, **grown;
    struct stat st;

    if (!copy) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    for (p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (stat(copy, &st) != 0) {
            if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
                gen_error_set(err, copy, 0, 0, "cannot create folder: %s",
                              strerror(errno));
                free(copy);
                return -1;
            }
            grown = realloc(*created, (*ncreated + 1) * sizeof **created);
            if (!grown || !(grown[*ncreated] = strdup(copy))) {
                if (grown)
                    *created = grown;
                gen_error_set(err, NULL, 0, 0, "out of memory");
                free(copy);
                return -1;
            }
            *created = grown;
            (*ncreated)++;
        } else if (!S_ISDIR(st.st_mode)) {
            gen_error_set(err, copy, 0, 0, "cannot create folder: not a directory");
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

/* Writes data to a new temporary file beside path; returns its name. */
static char *write_temp(const char *path, const char *data, size_t len, gen_error *err)
{
    buf temp = BUF_INIT;
    const char *slash = strrchr(path, '/');
    size_t dir_len = slash ? (size_t)(slash - path) + 1 : 0;
    mode_t mask;
    int fd;
    size_t done = 0;
    ssize_t n;

    if (buf_append(&temp, path, dir_len) != 0
        || buf_printf(&temp, ".%s.XXXXXX", path + dir_len) != 0) {
        buf_free(&temp);
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return NULL;
    }
    fd = mkstemp(temp.data);
    if (fd < 0) {
        gen_error_set(err, path, 0, 0, "cannot create a temporary file: %s",
                      strerror(errno));
        buf_free(&temp);
        return NULL;
    }
    /* mkstemp makes the file private; give it the mode a plain create would. */
    mask = umask(0);
    umask(mask);
    while (done < len) {
        n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        done += (size_t)n;
    }
    /* No fsync(): the rename keeps a crash of smtpgen from leaving a torn
     * file, and what it writes is generated and can be generated again;
     * syncing each artifact to the disk cost more than the rest of a run. */
    if (done < len || fchmod(fd, 0666 & ~mask) != 0) {
        gen_error_set(err, path, 0, 0, "cannot write: %s",
                      errno ? strerror(errno) : "short write");
        close(fd);
        unlink(temp.data);
        buf_free(&temp);
        return NULL;
    }
    if (close(fd) != 0) {
        gen_error_set(err, path, 0, 0, "cannot write: %s", strerror(errno));
        unlink(temp.data);
        buf_free(&temp);
        return NULL;
    }
    return temp.data;
}

/* 1 when path names something that is neither a regular file nor a folder
 * (a device such as /dev/null or /dev/full, a pipe, a socket): such a file is
 * written into, since replacing it by renaming would put a regular file in
 * its place (in /dev, when run as root). 0 otherwise. */
static int write_is_special(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode);
}

/* Writes data into the existing special file at path; 0 or -1 with err. */
static int write_in_place(const char *path, const char *data, size_t len, gen_error *err)
{
    int fd = open(path, O_WRONLY | O_TRUNC | O_NOCTTY);
    size_t done = 0;
    ssize_t n;

    if (fd < 0) {
        gen_error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    while (done < len) {
        n = write(fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            gen_error_set(err, path, 0, 0, "cannot write: %s",
                          n < 0 ? strerror(errno) : "short write");
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        gen_error_set(err, path, 0, 0, "cannot write: %s", strerror(errno));
        return -1;
    }
    return 0;
}

/* Plans artifacts[0..count) under dir, then extra (a path of its own) when
 * not NULL: writes a temporary file for each regular file that changes. */
static long write_plans(write_plan *plans, const write_artifact *artifacts, size_t count,
                        const char *dir, const write_artifact *extra, char ***created,
                        size_t *ncreated, gen_error *err)
{
    size_t i, total = count + (extra != NULL);
    long changed = 0;
    int same;

    for (i = 0; i < total; i++) {
        const write_artifact *a = i < count ? &artifacts[i] : extra;

        plans[i].path = dir && i < count ? write_join(dir, a->path) : strdup(a->path);
        if (!plans[i].path) {
            gen_error_set(err, NULL, 0, 0, "out of memory");
            return -1;
        }
        if (write_is_special(plans[i].path)) {
            plans[i].in_place = 1;
            changed++;
            continue;
        }
        same = write_same_content(plans[i].path, a->data, a->len, err);
        if (same < 0)
            return -1;
        if (same)
            continue;
        if (write_make_parents(plans[i].path, created, ncreated, err) != 0)
            return -1;
        plans[i].temp = write_temp(plans[i].path, a->data, a->len, err);
        if (!plans[i].temp)
            return -1;
        changed++;
    }
    return changed;
}

static long write_all(const char *dir, const write_artifact *artifacts, size_t count,
                      const write_artifact *extra, gen_error *err)
{
    write_plan *plans;
    char **created = NULL;
    size_t ncreated = 0, i;
    long changed;

    count += extra != NULL;
    plans = calloc(count ? count : 1, sizeof *plans);
    if (!plans) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    changed = write_plans(plans, artifacts, count - (extra != NULL), dir, extra, &created,
                          &ncreated, err);
    /* A rename onto a folder is the one failure left that writing the
     * temporary files cannot rule out; catch it before anything is
     * replaced, so that a failed run still changes nothing. */
    for (i = 0; changed >= 0 && i < count; i++) {
        struct stat st;

        if (plans[i].temp && stat(plans[i].path, &st) == 0 && S_ISDIR(st.st_mode)) {
            gen_error_set(err, plans[i].path, 0, 0, "cannot replace: it is a folder");
            changed = -1;
        }
    }
    /* A device or a pipe cannot be written atomically; it is written after
     * every temporary file, so that a failure there still replaces nothing. */
    for (i = 0; changed >= 0 && i < count; i++) {
        const write_artifact *a = i < count - (extra != NULL) ? &artifacts[i] : extra;

        if (plans[i].in_place && write_in_place(plans[i].path, a->data, a->len, err) != 0)
            changed = -1;
    }
    for (i = 0; changed >= 0 && i < count; i++) {
        if (plans[i].temp && rename(plans[i].temp, plans[i].path) != 0) {
            gen_error_set(err, plans[i].path, 0, 0, "cannot replace: %s",
                          strerror(errno));
            changed = -1;
        } else if (plans[i].temp) {
            free(plans[i].temp);
            plans[i].temp = NULL;
        }
    }
    for (i = 0; i < count; i++) {
        if (plans[i].temp)
            unlink(plans[i].temp);
        free(plans[i].temp);
        free(plans[i].path);
    }
    /* Folders made for a write that then failed go too, newest first. */
    for (i = ncreated; i > 0; i--) {
        if (changed < 0)
            rmdir(created[i - 1]);
        free(created[i - 1]);
    }
    free(created);
    free(plans);
    return changed;
}

long write_artifacts(const char *dir, const write_artifact *artifacts, size_t count,
                     gen_error *err)
{
    return write_all(dir, artifacts, count, NULL, err);
}

long write_artifacts_and_file(const char *dir, const write_artifact *artifacts,
                              size_t count, const write_artifact *extra, gen_error *err)
{
    return write_all(dir, artifacts, count, extra, err);
}

int write_file(const char *path, const char *data, size_t len, gen_error *err)
{
    write_artifact one;

    one.path = path;
    one.data = data;
    one.len = len;
    return write_all(NULL, &one, 1, NULL, err) < 0 ? -1 : 0;
}
