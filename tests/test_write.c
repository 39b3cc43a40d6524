/* test_write.c - unit tests for write.c: atomic, only-if-changed writing of
 * artifacts, and the --check comparison.
 *
 * Usage: test_write [IGNORED]
 *
 * Every test works in a fresh folder made by mkdtemp() under /tmp, with
 * umask 022, and removes it afterwards.
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "error.h"
#include "write.h"
#include "tmpdir.h"

/* A string literal and its length, NUL bytes inside included. */
#define LIT(s) (s), (sizeof(s) - 1)

/* The mtime set on files before a run, to see whether the run touched them
 * without sleeping. */
#define OLD_SEC 1000000000L
#define OLD_NSEC 456L

typedef struct fixture {
    char dir[TMPDIR_LENGTH];
    mode_t old_mask;
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);

    if (!f)
        return -1;
    if (tmpdir_make(f->dir, "write") != 0) {
        free(f);
        return -1;
    }
    f->old_mask = umask(022);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture *f = *state;
    int rc = tmpdir_remove(f->dir);

    umask(f->old_mask);
    free(f);
    return rc;
}

/* f->dir joined with rel, in one of a few rotating buffers (so that a call
 * can take several). */
static const char *in(const fixture *f, const char *rel)
{
    static char paths[4][256];
    static int next;
    char *path = paths[next++ % 4];

    snprintf(path, sizeof paths[0], "%s/%s", f->dir, rel);
    return path;
}

static void put_file(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");

    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

static void check_file(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "rb");
    char *content = malloc(len + 2);
    size_t n;

    assert_non_null(content);
    if (!fp)
        fail_msg("cannot open %s: %s", path, strerror(errno));
    n = fread(content, 1, len + 1, fp);
    fclose(fp);
    assert_int_equal(n, len);
    assert_memory_equal(content, data, len);
    free(content);
}

static void check_mode(const char *path, mode_t mode)
{
    struct stat st;

    assert_int_equal(stat(path, &st), 0);
    assert_true(S_ISREG(st.st_mode));
    assert_int_equal(st.st_mode & 07777, mode);
}

static void check_folder(const char *path)
{
    struct stat st;

    if (stat(path, &st) != 0)
        fail_msg("%s: %s", path, strerror(errno));
    assert_true(S_ISDIR(st.st_mode));
}

static void check_absent(const char *path)
{
    struct stat st;

    if (lstat(path, &st) == 0)
        fail_msg("%s exists", path);
    assert_int_equal(errno, ENOENT);
}

static void set_old_mtime(const char *path)
{
    struct timespec times[2];

    times[0].tv_sec = OLD_SEC;
    times[0].tv_nsec = 123;
    times[1].tv_sec = OLD_SEC;
    times[1].tv_nsec = OLD_NSEC;
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static int has_old_mtime(const char *path)
{
    struct stat st;

    assert_int_equal(stat(path, &st), 0);
    return st.st_mtim.tv_sec == OLD_SEC && st.st_mtim.tv_nsec == OLD_NSEC;
}

static ino_t inode_of(const char *path)
{
    struct stat st;

    assert_int_equal(stat(path, &st), 0);
    return st.st_ino;
}

/* Counts entries whose name starts with '.' anywhere under the fixture's
 * folder: write.c names its temporary files ".NAME.XXXXXX". */
static size_t dot_entries;

static int count_dot_entry(const char *path, const struct stat *st, int type,
                           struct FTW *ftw)
{
    (void)st;
    (void)type;
    if (path[ftw->base] == '.' && ftw->level > 0) {
        dot_entries++;
        print_message("left behind: %s\n", path);
    }
    return 0;
}

static size_t count_dot_entries(const fixture *f)
{
    dot_entries = 0;
    assert_int_equal(nftw(f->dir, count_dot_entry, 16, FTW_PHYS), 0);
    return dot_entries;
}

/* Entries under the fixture's folder, itself not counted. */
static size_t all_entries;

static int count_entry(const char *path, const struct stat *st, int type,
                       struct FTW *ftw)
{
    (void)path;
    (void)st;
    (void)type;
    if (ftw->level > 0)
        all_entries++;
    return 0;
}

static size_t count_entries(const fixture *f)
{
    all_entries = 0;
    assert_int_equal(nftw(f->dir, count_entry, 16, FTW_PHYS), 0);
    return all_entries;
}

static void check_error(const gen_error *err, const char *source, const char *text)
{
    assert_int_equal(err->set, 1);
    assert_string_equal(err->source, source);
    assert_string_equal(err->text, text);
    assert_int_equal(err->line, 0);
    assert_int_equal(err->column, 0);
}

static void test_creates_nested_folders_and_files(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"include/smtp_codes.h", LIT("#define SMTP_CODES_H 1\n")},
        {"man/man7/smtp-codes.7", LIT(".TH SMTP-CODES 7\n")},
        {"smtp-codes.json", LIT("{}\n")},
        {"bin/data.bin", LIT("a\0b\xFF")},
        {"empty.txt", LIT("")},
    };
    gen_error err;

    gen_error_init(&err);
    /* The output folder itself does not exist yet. */
    assert_int_equal(write_artifacts(in(f, "out"), artifacts, 5, &err), 5);
    assert_int_equal(err.set, 0);
    check_file(in(f, "out/include/smtp_codes.h"), LIT("#define SMTP_CODES_H 1\n"));
    check_file(in(f, "out/man/man7/smtp-codes.7"), LIT(".TH SMTP-CODES 7\n"));
    check_file(in(f, "out/smtp-codes.json"), LIT("{}\n"));
    check_file(in(f, "out/bin/data.bin"), LIT("a\0b\xFF"));
    check_file(in(f, "out/empty.txt"), LIT(""));
    check_mode(in(f, "out/include/smtp_codes.h"), 0644);
    check_mode(in(f, "out/man/man7/smtp-codes.7"), 0644);
    check_mode(in(f, "out/smtp-codes.json"), 0644);
    check_mode(in(f, "out/bin/data.bin"), 0644);
    check_mode(in(f, "out/empty.txt"), 0644);
    check_folder(in(f, "out/man/man7"));
    assert_int_equal(count_dot_entries(f), 0);
    /* out, include, man, man7, bin and the five files. */
    assert_int_equal(count_entries(f), 10);
}

static void test_mode_follows_umask(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {{"private.txt", LIT("secret\n")}};
    gen_error err;

    gen_error_init(&err);
    umask(027);
    assert_int_equal(write_artifacts(f->dir, artifacts, 1, &err), 1);
    check_mode(in(f, "private.txt"), 0640);
    check_file(in(f, "private.txt"), LIT("secret\n"));
}

static void test_second_identical_run_touches_nothing(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"a/one.txt", LIT("one\n")},
        {"two.txt", LIT("two\n")},
        {"empty.txt", LIT("")},
    };
    gen_error err;
    ino_t one, two;

    gen_error_init(&err);
    assert_int_equal(write_artifacts(f->dir, artifacts, 3, &err), 3);
    set_old_mtime(in(f, "a/one.txt"));
    set_old_mtime(in(f, "two.txt"));
    set_old_mtime(in(f, "empty.txt"));
    one = inode_of(in(f, "a/one.txt"));
    two = inode_of(in(f, "two.txt"));

    assert_int_equal(write_artifacts(f->dir, artifacts, 3, &err), 0);
    assert_int_equal(err.set, 0);
    assert_true(has_old_mtime(in(f, "a/one.txt")));
    assert_true(has_old_mtime(in(f, "two.txt")));
    assert_true(has_old_mtime(in(f, "empty.txt")));
    assert_true(inode_of(in(f, "a/one.txt")) == one);
    assert_true(inode_of(in(f, "two.txt")) == two);
    check_file(in(f, "a/one.txt"), LIT("one\n"));
    assert_int_equal(count_dot_entries(f), 0);
}

static void test_changed_files_replaced(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"same.txt", LIT("same\n")},
        {"longer.txt", LIT("abcdef")},
        {"shorter.txt", LIT("abc")},
        {"differ.txt", LIT("abX")},
        {"to-empty.txt", LIT("")},
    };
    gen_error err;

    put_file(in(f, "same.txt"), LIT("same\n"));
    put_file(in(f, "longer.txt"), LIT("abc"));
    put_file(in(f, "shorter.txt"), LIT("abcdef"));
    put_file(in(f, "differ.txt"), LIT("abc"));
    put_file(in(f, "to-empty.txt"), LIT("x"));
    set_old_mtime(in(f, "same.txt"));
    set_old_mtime(in(f, "longer.txt"));
    set_old_mtime(in(f, "shorter.txt"));
    set_old_mtime(in(f, "differ.txt"));
    set_old_mtime(in(f, "to-empty.txt"));

    gen_error_init(&err);
    assert_int_equal(write_artifacts(f->dir, artifacts, 5, &err), 4);
    assert_int_equal(err.set, 0);
    check_file(in(f, "same.txt"), LIT("same\n"));
    check_file(in(f, "longer.txt"), LIT("abcdef"));
    check_file(in(f, "shorter.txt"), LIT("abc"));
    check_file(in(f, "differ.txt"), LIT("abX"));
    check_file(in(f, "to-empty.txt"), LIT(""));
    assert_true(has_old_mtime(in(f, "same.txt")));
    assert_false(has_old_mtime(in(f, "longer.txt")));
    assert_false(has_old_mtime(in(f, "shorter.txt")));
    assert_false(has_old_mtime(in(f, "differ.txt")));
    assert_false(has_old_mtime(in(f, "to-empty.txt")));
    check_mode(in(f, "differ.txt"), 0644);
    assert_int_equal(count_dot_entries(f), 0);
}

static void test_failure_changes_nothing(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"keep.txt", LIT("new\n")},
        {"fresh/deep/a.txt", LIT("a\n")},
        {"blocker/x.txt", LIT("x\n")},
        {"later.txt", LIT("later\n")},
    };
    gen_error err;
    char expected_source[256];

    put_file(in(f, "keep.txt"), LIT("old\n"));
    put_file(in(f, "blocker"), LIT("a file, not a folder\n"));
    set_old_mtime(in(f, "keep.txt"));
    set_old_mtime(in(f, "blocker"));

    gen_error_init(&err);
    assert_int_equal(write_artifacts(f->dir, artifacts, 4, &err), -1);
    snprintf(expected_source, sizeof expected_source, "%s/blocker", f->dir);
    check_error(&err, expected_source, "cannot create folder: not a directory");
    check_file(in(f, "keep.txt"), LIT("old\n"));
    assert_true(has_old_mtime(in(f, "keep.txt")));
    check_file(in(f, "blocker"), LIT("a file, not a folder\n"));
    assert_true(has_old_mtime(in(f, "blocker")));
    check_absent(in(f, "fresh"));
    check_absent(in(f, "later.txt"));
    assert_int_equal(count_dot_entries(f), 0);
    assert_int_equal(count_entries(f), 2);
}

static void test_failure_removes_created_output_folder(void **state)
{
    fixture *f = *state;
    /* The second artifact needs a folder where the first one is a file:
     * the temporary files are written, and the check before renaming
     * finds the first one's place taken by a folder. */
    const write_artifact artifacts[] = {
        {"a.txt", LIT("a\n")},
        {"a.txt/b.txt", LIT("b\n")},
    };
    gen_error err;
    char expected_source[256];
    char expected_text[GEN_ERROR_TEXT_LENGTH];

    gen_error_init(&err);
    assert_int_equal(write_artifacts(in(f, "new/out"), artifacts, 2, &err), -1);
    snprintf(expected_source, sizeof expected_source, "%s/new/out/a.txt", f->dir);
    snprintf(expected_text, sizeof expected_text, "cannot replace: it is a folder");
    check_error(&err, expected_source, expected_text);
    /* Every folder it made (new, new/out, new/out/a.txt) is gone again. */
    assert_int_equal(count_entries(f), 0);
}

static void test_artifact_path_is_a_folder(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"keep.txt", LIT("new\n")},
        {"folder", LIT("data\n")},
    };
    gen_error err;
    char expected_source[256];
    char expected_text[GEN_ERROR_TEXT_LENGTH];

    put_file(in(f, "keep.txt"), LIT("old\n"));
    assert_int_equal(mkdir(in(f, "folder"), 0755), 0);
    gen_error_init(&err);
    assert_int_equal(write_artifacts(f->dir, artifacts, 2, &err), -1);
    snprintf(expected_source, sizeof expected_source, "%s/folder", f->dir);
    snprintf(expected_text, sizeof expected_text, "cannot read: %s", strerror(EISDIR));
    check_error(&err, expected_source, expected_text);
    check_file(in(f, "keep.txt"), LIT("old\n"));
    check_folder(in(f, "folder"));
    assert_int_equal(count_dot_entries(f), 0);
    assert_int_equal(count_entries(f), 2);
}

/* An earlier artifact is already on disk and would be replaced; a later
 * one cannot be: nothing may be replaced at all. */
static void test_failure_replaces_nothing(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"keep.txt", LIT("new\n")},
        {"a.txt", LIT("a\n")},
        {"a.txt/b.txt", LIT("b\n")},
    };
    gen_error err;

    put_file(in(f, "keep.txt"), LIT("old\n"));
    gen_error_init(&err);
    assert_int_equal(write_artifacts(f->dir, artifacts, 3, &err), -1);
    assert_string_equal(err.text, "cannot replace: it is a folder");
    check_file(in(f, "keep.txt"), LIT("old\n"));
    assert_int_equal(count_dot_entries(f), 0);
    assert_int_equal(count_entries(f), 1);
}

static void test_nothing_to_write(void **state)
{
    fixture *f = *state;
    gen_error err;

    gen_error_init(&err);
    assert_int_equal(write_artifacts(f->dir, NULL, 0, &err), 0);
    assert_int_equal(err.set, 0);
    assert_int_equal(count_entries(f), 0);
}

/* What write_check() reported, in order. */
typedef struct stale_list {
    char path[4][256];
    char why[4][16];
    size_t count;
} stale_list;

static void collect_stale(void *ctx, const char *path, const char *why)
{
    stale_list *list = ctx;

    assert_true(list->count < 4);
    snprintf(list->path[list->count], sizeof list->path[0], "%s", path);
    snprintf(list->why[list->count], sizeof list->why[0], "%s", why);
    list->count++;
}

static void test_check_reports_missing_and_stale(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"a.txt", LIT("same\n")},
        {"b.txt", LIT("new\n")},
        {"sub/c.txt", LIT("c\n")},
        {"d.txt", LIT("")},
    };
    stale_list list;
    gen_error err;

    put_file(in(f, "a.txt"), LIT("same\n"));
    put_file(in(f, "b.txt"), LIT("old\n"));
    put_file(in(f, "d.txt"), LIT(""));
    set_old_mtime(in(f, "a.txt"));
    set_old_mtime(in(f, "b.txt"));
    memset(&list, 0, sizeof list);
    gen_error_init(&err);
    assert_int_equal(write_check(f->dir, artifacts, 4, collect_stale, &list, &err), 2);
    assert_int_equal(err.set, 0);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.path[0], in(f, "b.txt"));
    assert_string_equal(list.why[0], "stale");
    assert_string_equal(list.path[1], in(f, "sub/c.txt"));
    assert_string_equal(list.why[1], "missing");
    /* Nothing written. */
    check_file(in(f, "b.txt"), LIT("old\n"));
    assert_true(has_old_mtime(in(f, "a.txt")));
    assert_true(has_old_mtime(in(f, "b.txt")));
    check_absent(in(f, "sub"));
    assert_int_equal(count_dot_entries(f), 0);
    assert_int_equal(count_entries(f), 3);
    /* The callback is optional. */
    assert_int_equal(write_check(f->dir, artifacts, 4, NULL, NULL, &err), 2);
}

static void test_check_up_to_date(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"a.txt", LIT("same\n")},
        {"sub/b.txt", LIT("b\n")},
    };
    stale_list list;
    gen_error err;

    gen_error_init(&err);
    assert_int_equal(write_artifacts(f->dir, artifacts, 2, &err), 2);
    memset(&list, 0, sizeof list);
    assert_int_equal(write_check(f->dir, artifacts, 2, collect_stale, &list, &err), 0);
    assert_int_equal(list.count, 0);
    assert_int_equal(err.set, 0);
}

static void test_check_missing_output_folder(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"a.txt", LIT("a\n")},
        {"sub/b.txt", LIT("b\n")},
    };
    stale_list list;
    gen_error err;

    memset(&list, 0, sizeof list);
    gen_error_init(&err);
    assert_int_equal(write_check(in(f, "out"), artifacts, 2, collect_stale, &list, &err),
                     2);
    assert_int_equal(list.count, 2);
    assert_string_equal(list.path[0], in(f, "out/a.txt"));
    assert_string_equal(list.why[0], "missing");
    assert_string_equal(list.path[1], in(f, "out/sub/b.txt"));
    assert_string_equal(list.why[1], "missing");
    assert_int_equal(count_entries(f), 0);
}

static void test_check_unreadable(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {{"folder", LIT("data\n")}};
    gen_error err;
    char expected_source[256];
    char expected_text[GEN_ERROR_TEXT_LENGTH];

    assert_int_equal(mkdir(in(f, "folder"), 0755), 0);
    gen_error_init(&err);
    assert_int_equal(write_check(f->dir, artifacts, 1, NULL, NULL, &err), -1);
    snprintf(expected_source, sizeof expected_source, "%s/folder", f->dir);
    snprintf(expected_text, sizeof expected_text, "cannot read: %s", strerror(EISDIR));
    check_error(&err, expected_source, expected_text);
}

static void test_write_file(void **state)
{
    fixture *f = *state;
    gen_error err;

    gen_error_init(&err);
    assert_int_equal(write_file(in(f, "one.txt"), LIT("one\n"), &err), 0);
    check_file(in(f, "one.txt"), LIT("one\n"));
    check_mode(in(f, "one.txt"), 0644);

    /* Unchanged: not touched. */
    set_old_mtime(in(f, "one.txt"));
    assert_int_equal(write_file(in(f, "one.txt"), LIT("one\n"), &err), 0);
    assert_true(has_old_mtime(in(f, "one.txt")));

    /* Changed: replaced. */
    assert_int_equal(write_file(in(f, "one.txt"), LIT("uno\n"), &err), 0);
    check_file(in(f, "one.txt"), LIT("uno\n"));
    assert_false(has_old_mtime(in(f, "one.txt")));

    /* Missing folders are made. */
    assert_int_equal(write_file(in(f, "x/y/z.d"), LIT("z: x\n"), &err), 0);
    check_file(in(f, "x/y/z.d"), LIT("z: x\n"));
    assert_int_equal(err.set, 0);
    assert_int_equal(count_dot_entries(f), 0);
}

static void test_write_file_failure(void **state)
{
    fixture *f = *state;
    gen_error err;
    char expected_source[256];

    put_file(in(f, "blocker"), LIT("file\n"));
    gen_error_init(&err);
    assert_int_equal(write_file(in(f, "blocker/deps.d"), LIT("x\n"), &err), -1);
    snprintf(expected_source, sizeof expected_source, "%s/blocker", f->dir);
    check_error(&err, expected_source, "cannot create folder: not a directory");
    check_file(in(f, "blocker"), LIT("file\n"));
    assert_int_equal(count_dot_entries(f), 0);
    assert_int_equal(count_entries(f), 1);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

/* A depfile that cannot be written (/dev/full) fails the whole step: no
 * artifact is replaced, no temporary file is left, the device stays. */
static void test_extra_file_failure_replaces_nothing(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"keep.txt", LIT("new\n")},
        {"sub/new.txt", LIT("new\n")},
    };
    const write_artifact depfile = {"/dev/full", LIT("a: b\n")};
    struct stat st;
    gen_error err;

    put_file(in(f, "keep.txt"), LIT("old\n"));
    gen_error_init(&err);
    assert_int_equal(write_artifacts_and_file(f->dir, artifacts, 2, &depfile, &err), -1);
    check_error(&err, "/dev/full", "cannot write: No space left on device");
    check_file(in(f, "keep.txt"), LIT("old\n"));
    check_absent(in(f, "sub"));
    assert_int_equal(count_dot_entries(f), 0);
    assert_int_equal(count_entries(f), 1);
    assert_int_equal(stat("/dev/full", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
}

/* A special file is written into, not replaced by a regular file; the
 * artifacts and the extra file are written in one step. */
static void test_extra_file_and_special_target(void **state)
{
    fixture *f = *state;
    const write_artifact artifacts[] = {
        {"a.txt", LIT("a\n")},
    };
    const write_artifact to_null = {"/dev/null", LIT("a: b\n")};
    write_artifact depfile = {NULL, LIT("a.txt: in.csv\n")};
    struct stat st;
    gen_error err;

    gen_error_init(&err);
    assert_int_equal(write_artifacts_and_file(f->dir, artifacts, 1, &to_null, &err), 2);
    assert_false(err.set);
    check_file(in(f, "a.txt"), LIT("a\n"));
    assert_int_equal(stat("/dev/null", &st), 0);
    assert_true(S_ISCHR(st.st_mode));
    depfile.path = in(f, "deps/a.d");
    assert_int_equal(write_artifacts_and_file(f->dir, artifacts, 1, &depfile, &err), 1);
    assert_false(err.set);
    check_file(in(f, "deps/a.d"), LIT("a.txt: in.csv\n"));
    assert_int_equal(write_artifacts_and_file(f->dir, artifacts, 1, &depfile, &err), 0);
    assert_int_equal(count_dot_entries(f), 0);
}

/* Big files streamed through a write set, 1000 bytes an append, so that
 * each crosses the stream's buffer many times. */
#define BIG 300000

static char *big_text(size_t len, size_t changed_at)
{
    char *text = malloc(len + 1);
    size_t i;

    assert_non_null(text);
    for (i = 0; i < len; i++)
        text[i] = (char)('a' + i % 23);
    if (changed_at < len)
        text[changed_at] = '#';
    text[len] = '\0';
    return text;
}

/* Streams text into rel, a file of s; 0 or -1 as write_set_close(). */
static int stream_into(write_set *s, const char *rel, const char *text, size_t len,
                       gen_error *err)
{
    buf out = BUF_INIT;
    size_t done;

    assert_int_equal(write_set_open(s, rel, 0, &out, err), 0);
    for (done = 0; done < len; done += 1000)
        assert_int_equal(buf_append(&out, text + done, len - done < 1000 ? len - done : 1000),
                         0);
    /* The stream holds no more than its buffer, never the file. */
    assert_true(out.cap <= 65536 + 1001);
    return write_set_close(s, &out, err);
}

static void test_stream_compares_while_writing(void **state)
{
    fixture *f = *state;
    char *same = big_text(BIG, BIG), *late = big_text(BIG, BIG - 10);
    char *early = big_text(BIG, 5), *longer = big_text(BIG + 7, BIG), *text;
    const char *names[] = {"same", "late", "early", "shorter", "longer"};
    write_set *s;
    gen_error err;
    size_t i;

    for (i = 0; i < 5; i++) {
        put_file(in(f, names[i]), same, BIG);
        set_old_mtime(in(f, names[i]));
    }
    gen_error_init(&err);
    s = write_set_new(f->dir, 0, NULL, NULL);
    assert_non_null(s);
    assert_int_equal(stream_into(s, "same", same, BIG, &err), 0);
    assert_int_equal(stream_into(s, "late", late, BIG, &err), 0);
    assert_int_equal(stream_into(s, "early", early, BIG, &err), 0);
    assert_int_equal(stream_into(s, "shorter", same, BIG - 1, &err), 0);
    assert_int_equal(stream_into(s, "longer", longer, BIG + 7, &err), 0);
    /* Written, but nothing in place until the commit. */
    check_file(in(f, "late"), same, BIG);
    assert_int_equal(count_dot_entries(f), 4);
    assert_int_equal(write_set_commit(s, &err), 4);
    write_set_free(s);
    assert_false(err.set);
    check_file(in(f, "same"), same, BIG);
    assert_true(has_old_mtime(in(f, "same")));
    check_file(in(f, "late"), late, BIG);
    check_file(in(f, "early"), early, BIG);
    check_file(in(f, "shorter"), same, BIG - 1);
    check_file(in(f, "longer"), longer, BIG + 7);
    for (i = 1; i < 5; i++)
        assert_false(has_old_mtime(in(f, names[i])));
    assert_int_equal(count_dot_entries(f), 0);

    /* --check: the same comparisons, nothing written. */
    text = big_text(BIG, 70000);
    s = write_set_new(f->dir, 1, NULL, NULL);
    assert_int_equal(stream_into(s, "same", text, BIG, &err), 0);
    assert_int_equal(stream_into(s, "late", late, BIG, &err), 0);
    assert_int_equal(stream_into(s, "new", late, BIG, &err), 0);
    assert_int_equal(write_set_commit(s, &err), 2);
    write_set_free(s);
    check_file(in(f, "same"), same, BIG);
    check_absent(in(f, "new"));
    assert_int_equal(count_dot_entries(f), 0);
    free(same);
    free(late);
    free(early);
    free(longer);
    free(text);
}

/* A set freed without its commit, a file still open: nothing changed,
 * nothing left. */
static void test_stream_abandoned(void **state)
{
    fixture *f = *state;
    char *text = big_text(BIG, 100);
    write_set *s = write_set_new(in(f, "new/out"), 0, NULL, NULL);
    buf out = BUF_INIT;
    gen_error err;

    gen_error_init(&err);
    assert_int_equal(stream_into(s, "a/done", text, BIG, &err), 0);
    assert_int_equal(write_set_open(s, "b", 0, &out, &err), 0);
    assert_int_equal(buf_append(&out, text, BIG), 0);
    buf_free(&out);
    write_set_free(s);
    assert_false(err.set);
    assert_int_equal(count_entries(f), 0);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_creates_nested_folders_and_files),
        TEST(test_mode_follows_umask),
        TEST(test_second_identical_run_touches_nothing),
        TEST(test_changed_files_replaced),
        TEST(test_failure_changes_nothing),
        TEST(test_failure_removes_created_output_folder),
        TEST(test_artifact_path_is_a_folder),
        TEST(test_failure_replaces_nothing),
        TEST(test_nothing_to_write),
        TEST(test_check_reports_missing_and_stale),
        TEST(test_check_up_to_date),
        TEST(test_check_missing_output_folder),
        TEST(test_check_unreadable),
        TEST(test_write_file),
        TEST(test_stream_compares_while_writing),
        TEST(test_stream_abandoned),
        TEST(test_write_file_failure),
        TEST(test_extra_file_failure_replaces_nothing),
        TEST(test_extra_file_and_special_target),
    };

    return cmocka_run_group_tests_name("write", tests, NULL, NULL);
}
