/* canon.h - the canonical form of a table file (DESIGN.md, "Data contract"):
 * UTF-8 without BOM, LF line endings, no blank lines, a final newline, and
 * quotes only around fields that hold a comma or a quote (and around an
 * empty field alone on its line, or a first field that starts with U+FEFF,
 * which would otherwise read back as a blank line or a byte order mark). */
#ifndef SMTPGEN_CANON_H
#define SMTPGEN_CANON_H

#include <stddef.h>

#include "buf.h"
#include "csv_read.h"

/* Turns CRLF and lone CR line endings into LF (so line numbers stay true)
 * and appends the result to out; 0, or -1 when memory runs out. With the
 * reader's CSVREAD_SKIP_BLANK_LINES (and the BOM it always passes over),
 * this is what a rewrite mends; anything else the reader refuses, it
 * refuses too. */
int canon_prepare(const char *bytes, size_t len, buf *out);

/* Appends the table in canonical form to out; 0, or -1 when memory runs
 * out. A file already canonical comes out byte for byte the same. */
int canon_format(const csvread_table *table, buf *out);

#endif
