/* csv_read.h - reads a CSV file strictly into records of fields.
 *
 * libcsv does the CSV parsing (strict mode). This stage adds what libcsv
 * leaves to its caller: physical line and column numbers, UTF-8 validation
 * and the byte-level rules (no control characters but TAB, C1 controls
 * included, no Unicode noncharacters, no blank lines, no line break inside
 * a field). A leading UTF-8 BOM is passed over and a line may end with LF
 * or CRLF (RFC 4180's own); a CR anywhere else is refused. Field text is
 * kept exactly: libcsv's trimming of blanks around unquoted fields is
 * switched off.
 */
#ifndef SMTPGEN_CSV_READ_H
#define SMTPGEN_CSV_READ_H

#include <stddef.h>

#include "buf.h"
#include "error.h"

typedef struct csvread_field {
    const char *text; /* NUL-terminated; owned by the table */
    size_t len;
    long column;      /* 1-based byte column where the field starts */
} csvread_field;

typedef struct csvread_record {
    long line;             /* physical line the record is on */
    csvread_field *fields; /* points into the table's field array */
    size_t nfields;
} csvread_record;

typedef struct csvread_table {
    char *source;             /* the path as given; owned */
    csvread_record *records;  /* file order, header included; owned; NULL
                                 after csvread_drop_records() */
    size_t nrecords;          /* still counts them once dropped */
    unsigned char sha256[32]; /* digest of the file's canonical bytes: without
                                 a leading BOM, each CRLF read as LF */
    /* Storage behind the pointers above. */
    csvread_field *field_store;
    char *text_store;
} csvread_table;

/* Parses bytes[0..len) as the CSV file named source (used in errors).
 * Returns a table the caller frees with csvread_free(), or NULL with err
 * filled. An empty input gives a table with no records. */
csvread_table *csvread_bytes(const char *source, const char *bytes, size_t len,
                             gen_error *err);

/* The relaxation for rewriting a file into canonical form (smtpgen
 * --format): blank lines are skipped, while line numbers still count
 * them. */
#define CSVREAD_SKIP_BLANK_LINES 2u

/* csvread_bytes() with the relaxations in flags. */
csvread_table *csvread_bytes_with(const char *source, const char *bytes, size_t len,
                                  unsigned flags, gen_error *err);

/* Reads the whole file at path and parses it as csvread_bytes() does. */
csvread_table *csvread_file(const char *path, gen_error *err);

/* Frees the records and their fields once they are read (model_build()
 * keeps the rows), keeping the text they pointed into, source, nrecords
 * and sha256; records is NULL after. A big table's fields cost as much
 * memory as its text. */
void csvread_drop_records(csvread_table *table);

/* Frees a table; table may be NULL. */
void csvread_free(csvread_table *table);

/* Reads a whole file into a malloc'd, NUL-terminated buffer the caller frees;
 * NULL with err filled on failure. Shared by every stage that reads input. */
char *csvread_slurp(const char *path, size_t *len, gen_error *err);

/* Appends the file at path to out, 64 KiB at a time (out may be a stream,
 * buf_stream(), so that a big file is never held whole); 0, or -1 with err
 * filled. csvread_slurp() reads through it. */
int csvread_append_file(const char *path, buf *out, gen_error *err);

#endif
