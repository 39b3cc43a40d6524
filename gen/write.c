#include "write.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

/* The size of a stream's buffer and of each comparison with the old file. */
#define WRITE_CHUNK 65536

/* One file of a set. */
typedef struct write_plan {
    char *path;      /* final path */
    char *temp;      /* temporary path, once the bytes differ */
    int fd;          /* temp, while the file is open; else -1 */
    int old;         /* the file on disk, while the bytes still match it; else -1 */
    off_t same;      /* bytes streamed so far, all matching the old file */
    int differs;     /* the bytes differ from the file on disk (or it is missing) */
    int missing;     /* there was no file on disk */
    int in_place;    /* path is a device or a pipe: written into at commit */
    buf held;        /* in_place: its bytes */
} write_plan;

struct write_set {
    const char *dir;
    int check;
    write_stale_fn stale;
    void *stale_ctx;
    write_plan *plans;
    size_t count, cap;
    write_plan *open;    /* the file streaming, or NULL */
    gen_error *err;      /* the open file's error record */
    char **created;      /* folders made, oldest first */
    size_t ncreated, created_cap;
    char chunk[WRITE_CHUNK];
};

static char *write_join(const char *dir, const char *path)
{
    buf joined = BUF_INIT;

    if (buf_printf(&joined, "%s/%s", dir, path) != 0) {
        buf_free(&joined);
        return NULL;
    }
    return joined.data;
}

/* Writes all of data to fd; 0, or -1 with errno set (0 for a short
 * write). */
static int write_fd(int fd, const char *data, size_t len)
{
    ssize_t n;

    while (len > 0) {
        n = write(fd, data, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            if (n == 0)
                errno = 0;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Reads up to len bytes from fd (fewer only at its end); the count, or -1. */
static ssize_t write_read(int fd, char *into, size_t len)
{
    size_t got = 0;
    ssize_t n;

    while (got < len) {
        n = read(fd, into + got, len - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0)
            break;
        got += (size_t)n;
    }
    return (ssize_t)got;
}

static int write_fail(write_set *s, const char *path, const char *what)
{
    gen_error_set(s->err, path, 0, 0, "%s: %s", what, errno ? strerror(errno) : "short write");
    return -1;
}

static int write_oom(write_set *s)
{
    gen_error_set(s->err, NULL, 0, 0, "out of memory");
    return -1;
}

/* Creates every missing folder on the way to path's parent, recording each
 * one it creates (so that a failure can remove them again). */
static int write_make_parents(write_set *s, const char *path)
{
    char *copy = strdup(path);
    char *p;
    struct stat st;

    if (!copy)
        return write_oom(s);
    for (p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (stat(copy, &st) != 0) {
            if (mkdir(copy, 0777) != 0) {
                if (errno == EEXIST) { /* made by someone else meanwhile: not ours */
                    *p = '/';
                    continue;
                }
                write_fail(s, copy, "cannot create folder");
                free(copy);
                return -1;
            }
            if (buf_grow_array((void **)&s->created, &s->created_cap, s->ncreated + 1,
                               sizeof *s->created, 8) != 0
                || !(s->created[s->ncreated] = strdup(copy))) {
                free(copy);
                return write_oom(s);
            }
            s->ncreated++;
        } else if (!S_ISDIR(st.st_mode)) {
            gen_error_set(s->err, copy, 0, 0, "cannot create folder: not a directory");
            free(copy);
            return -1;
        }
        *p = '/';
    }
    free(copy);
    return 0;
}

/* The bytes of p now differ from the file on disk: creates the temporary
 * file beside p->path and copies into it the p->same bytes that matched,
 * from the old file. */
static int write_start_temp(write_set *s, write_plan *p)
{
    buf temp = BUF_INIT;
    const char *slash = strrchr(p->path, '/');
    size_t dir_len = slash ? (size_t)(slash - p->path) + 1 : 0;
    off_t left = p->same;
    mode_t mask;
    ssize_t n;

    p->differs = 1;
    if (s->check)
        return 0;
    if (write_make_parents(s, p->path) != 0)
        return -1;
    if (buf_append(&temp, p->path, dir_len) != 0
        || buf_printf(&temp, ".%s.XXXXXX", p->path + dir_len) != 0) {
        buf_free(&temp);
        return write_oom(s);
    }
    p->fd = mkstemp(temp.data);
    if (p->fd < 0) {
        buf_free(&temp);
        return write_fail(s, p->path, "cannot create a temporary file");
    }
    p->temp = temp.data;
    /* mkstemp makes the file private; give it the mode a plain create would. */
    mask = umask(0);
    umask(mask);
    if (fchmod(p->fd, 0666 & ~mask) != 0)
        return write_fail(s, p->path, "cannot write");
    if (left > 0 && lseek(p->old, 0, SEEK_SET) != 0)
        return write_fail(s, p->path, "cannot read");
    while (left > 0) {
        n = write_read(p->old, s->chunk, left < WRITE_CHUNK ? (size_t)left : WRITE_CHUNK);
        if (n <= 0) {
            if (n == 0)
                errno = 0;
            return write_fail(s, p->path, "cannot read");
        }
        if (write_fd(p->fd, s->chunk, (size_t)n) != 0)
            return write_fail(s, p->path, "cannot write");
        left -= n;
    }
    return 0;
}

/* The open file's sink (buf_stream()): compares bytes with the old file
 * while they match, and writes them to the temporary file once they do
 * not. */
static int write_sink(void *ctx, const char *bytes, size_t len)
{
    write_set *s = ctx;
    write_plan *p = s->open;
    size_t done = 0;
    ssize_t n;

    if (p->in_place)
        return buf_append(&p->held, bytes, len) == 0 ? 0 : write_oom(s);
    while (!p->differs && done < len) {
        size_t want = len - done < WRITE_CHUNK ? len - done : WRITE_CHUNK;

        n = p->old >= 0 ? write_read(p->old, s->chunk, want) : 0;
        if (n < 0)
            return write_fail(s, p->path, "cannot read");
        if ((size_t)n == want && memcmp(s->chunk, bytes + done, want) == 0) {
            p->same += (off_t)want;
            done += want;
        } else if (write_start_temp(s, p) != 0) {
            return -1;
        }
    }
    if (done == len || s->check)
        return 0;
    if (write_fd(p->fd, bytes + done, len - done) != 0)
        return write_fail(s, p->path, "cannot write");
    return 0;
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

write_set *write_set_new(const char *dir, int check, write_stale_fn stale, void *ctx)
{
    write_set *s = calloc(1, sizeof *s);

    if (s) {
        s->dir = dir;
        s->check = check;
        s->stale = stale;
        s->stale_ctx = ctx;
    }
    return s;
}

int write_set_open(write_set *s, const char *path, int own_path, buf *out, gen_error *err)
{
    write_plan *p;
    struct stat st;

    s->err = err;
    if (buf_grow_array((void **)&s->plans, &s->cap, s->count + 1, sizeof *s->plans, 8) != 0)
        return write_oom(s);
    p = &s->plans[s->count];
    memset(p, 0, sizeof *p);
    p->fd = p->old = -1;
    p->path = own_path || !s->dir ? strdup(path) : write_join(s->dir, path);
    if (!p->path)
        return write_oom(s);
    s->count++;
    s->open = p;
    if (buf_stream(out, WRITE_CHUNK, write_sink, s) != 0)
        return write_oom(s);
    if (!s->check && write_is_special(p->path)) {
        p->in_place = 1;
        return 0;
    }
    p->old = open(p->path, O_RDONLY | O_NOCTTY);
    if (p->old < 0 && errno != ENOENT && errno != ENOTDIR)
        return write_fail(s, p->path, "cannot open");
    if (p->old >= 0 && fstat(p->old, &st) == 0 && S_ISDIR(st.st_mode)) {
        errno = EISDIR;
        return write_fail(s, p->path, "cannot read");
    }
    p->missing = p->old < 0;
    return 0;
}

int write_set_close(write_set *s, buf *out, gen_error *err)
{
    write_plan *p = s->open;
    int rc;
    ssize_t n;

    s->err = err;
    rc = buf_flush(out);
    buf_free(out);
    s->open = NULL;
    if (rc != 0)
        return -1;
    /* All the bytes matched; the old file must end there too. */
    if (!p->in_place && !p->differs) {
        n = p->old >= 0 ? write_read(p->old, s->chunk, 1) : 0;
        if (n < 0)
            return write_fail(s, p->path, "cannot read");
        if ((n > 0 || p->missing) && write_start_temp(s, p) != 0)
            return -1;
    }
    if (p->old >= 0)
        close(p->old);
    p->old = -1;
    if (s->check && p->differs && s->stale)
        s->stale(s->stale_ctx, p->path, p->missing ? "missing" : "stale");
    /* No fsync(): the rename keeps a crash of smtpgen from leaving a torn
     * file, and what it writes is generated and can be generated again;
     * syncing each artifact to the disk cost more than the rest of a run. */
    if (p->fd >= 0) {
        rc = close(p->fd);
        p->fd = -1;
        if (rc != 0)
            return write_fail(s, p->path, "cannot write");
    }
    return 0;
}

/* Writes data into the existing special file at path; 0 or -1 with err. */
static int write_in_place(write_set *s, const char *path, const buf *data)
{
    int fd = open(path, O_WRONLY | O_TRUNC | O_NOCTTY);

    if (fd < 0)
        return write_fail(s, path, "cannot open");
    if (write_fd(fd, data->data ? data->data : "", data->len) != 0) {
        write_fail(s, path, "cannot write");
        close(fd);
        return -1;
    }
    if (close(fd) != 0)
        return write_fail(s, path, "cannot write");
    return 0;
}

long write_set_commit(write_set *s, gen_error *err)
{
    long changed = 0;
    size_t i;
    struct stat st;

    s->err = err;
    for (i = 0; i < s->count; i++)
        changed += s->plans[i].differs || s->plans[i].in_place;
    if (s->check)
        return changed;
    /* A rename onto a folder is the one failure left that writing the
     * temporary files cannot rule out; catch it before anything is
     * replaced, so that a failed run still changes nothing. */
    for (i = 0; i < s->count; i++) {
        if (s->plans[i].temp && stat(s->plans[i].path, &st) == 0 && S_ISDIR(st.st_mode)) {
            gen_error_set(err, s->plans[i].path, 0, 0, "cannot replace: it is a folder");
            return -1;
        }
    }
    /* A device or a pipe cannot be written atomically; it is written after
     * every temporary file, so that a failure there still replaces nothing. */
    for (i = 0; i < s->count; i++)
        if (s->plans[i].in_place
            && write_in_place(s, s->plans[i].path, &s->plans[i].held) != 0)
            return -1;
    for (i = 0; i < s->count; i++) {
        write_plan *p = &s->plans[i];

        if (p->temp && rename(p->temp, p->path) != 0)
            return write_fail(s, p->path, "cannot replace");
        free(p->temp);
        p->temp = NULL;
    }
    /* Committed: the folders made stay. */
    for (i = 0; i < s->ncreated; i++)
        free(s->created[i]);
    s->ncreated = 0;
    return changed;
}

void write_set_free(write_set *s)
{
    size_t i;

    if (!s)
        return;
    for (i = 0; i < s->count; i++) {
        write_plan *p = &s->plans[i];

        if (p->fd >= 0)
            close(p->fd);
        if (p->old >= 0)
            close(p->old);
        if (p->temp)
            unlink(p->temp);
        free(p->temp);
        free(p->path);
        buf_free(&p->held);
    }
    /* Folders made for a write that then failed go too, newest first. */
    for (i = s->ncreated; i > 0; i--) {
        rmdir(s->created[i - 1]);
        free(s->created[i - 1]);
    }
    free(s->created);
    free(s->plans);
    free(s);
}

/* One set of the files artifacts[0..count) under dir, then extra (a path
 * of its own) when not NULL. */
static long write_all(const char *dir, int check, const write_artifact *artifacts,
                      size_t count, const write_artifact *extra, write_stale_fn stale,
                      void *ctx, gen_error *err)
{
    write_set *s = write_set_new(dir, check, stale, ctx);
    size_t i, total = count + (extra != NULL);
    long changed = -1;

    if (!s) {
        gen_error_set(err, NULL, 0, 0, "out of memory");
        return -1;
    }
    for (i = 0; i < total; i++) {
        const write_artifact *a = i < count ? &artifacts[i] : extra;
        buf out = BUF_INIT;

        if (write_set_open(s, a->path, i == count, &out, err) != 0
            || buf_append(&out, a->data, a->len) != 0) {
            buf_free(&out);
            break;
        }
        if (write_set_close(s, &out, err) != 0)
            break;
    }
    if (i == total)
        changed = write_set_commit(s, err);
    write_set_free(s);
    return changed;
}

long write_check(const char *dir, const write_artifact *artifacts, size_t count,
                 write_stale_fn stale, void *ctx, gen_error *err)
{
    return write_all(dir, 1, artifacts, count, NULL, stale, ctx, err);
}

long write_artifacts(const char *dir, const write_artifact *artifacts, size_t count,
                     gen_error *err)
{
    return write_all(dir, 0, artifacts, count, NULL, NULL, NULL, err);
}

long write_artifacts_and_file(const char *dir, const write_artifact *artifacts,
                              size_t count, const write_artifact *extra, gen_error *err)
{
    return write_all(dir, 0, artifacts, count, extra, NULL, NULL, err);
}

int write_file(const char *path, const char *data, size_t len, gen_error *err)
{
    write_artifact one;

    one.path = path;
    one.data = data;
    one.len = len;
    return write_all(NULL, 0, &one, 1, NULL, NULL, NULL, err) < 0 ? -1 : 0;
}
