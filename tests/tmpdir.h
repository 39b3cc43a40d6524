/* tmpdir.h - a fresh folder under /tmp for one cmocka test, and its
 * removal with everything in it; for the tests that write files. */
#ifndef SMTPGEN_TESTS_TMPDIR_H
#define SMTPGEN_TESTS_TMPDIR_H

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#define TMPDIR_LENGTH 64

static int tmpdir_remove_entry(const char *path, const struct stat *st, int type,
                               struct FTW *ftw)
{
    (void)st;
    (void)type;
    (void)ftw;
    return remove(path);
}

/* Makes /tmp/smtpgen-test-NAME-XXXXXX into dir; 0 or -1. */
static int tmpdir_make(char dir[TMPDIR_LENGTH], const char *name)
{
    snprintf(dir, TMPDIR_LENGTH, "/tmp/smtpgen-test-%s-XXXXXX", name);
    return mkdtemp(dir) ? 0 : -1;
}

/* Removes dir and all it holds, following no link; 0 or -1. */
static int tmpdir_remove(const char *dir)
{
    return nftw(dir, tmpdir_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
