/* names.h - the names of a table, each with the line it is on: the index
 * that finds a duplicate name, alias or replaced_by in one pass.
 *
 * An open-addressing hash table of borrowed strings. It was a Jansson
 * object, which copies each key and allocates an integer for its line:
 * about 120 bytes a name, the biggest thing alive while a million-row
 * table was checked; this costs 24 bytes a slot, and the table is at most
 * half full (two to four slots a name).
 */
#ifndef SMTPGEN_NAMES_H
#define SMTPGEN_NAMES_H

#include <stddef.h>

typedef struct names names;

/* A new, empty index, sized for expected names (it grows past them); NULL
 * when memory runs out. */
names *names_new(size_t expected);

/* The line stored with name, or 0 when it holds none (lines count from
 * 1). */
long names_line(const names *ix, const char *name);

/* Adds name (NUL-terminated, borrowed: it must outlive ix) on line >= 1;
 * a name already in ix keeps its first line. 0, or -1 when memory runs
 * out. */
int names_add(names *ix, const char *name, long line);

/* Frees ix; ix may be NULL. */
void names_free(names *ix);

#endif
