#include "csv_read.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "buf.h"
#include "sha256.h"
#include "utf8.h"

/* libcsv's own growth step for its field buffer, the smallest we use. */
#define CSVREAD_MIN_BLOCK 128

/* Fields and records are collected in the table's own arrays, which
 * become the table: no copy, so that a big table never holds its fields
 * twice. Their pointers are set once parsing is done, since the text and
 * field arrays grow by realloc while parsing; they are found by counting,
 * as each field's text follows the one before it (and its NUL), and each
 * record's fields the record before it. */
typedef struct reader {
    const char *source;
    gen_error *err;
    buf text;                 /* every field's bytes, each NUL-terminated */
    csvread_field *fields;    /* text NULL while parsing */
    size_t nfields, fields_cap;
    csvread_record *records;  /* fields NULL while parsing */
    size_t nrecords, records_cap;
    long line;                /* the line being fed to libcsv */
    long field_column;        /* where the field being parsed starts */
    unsigned flags;           /* CSVREAD_* relaxations */
    int in_record;            /* a record has started and not ended */
    size_t records_ended;     /* how many records libcsv has closed */
    int failed;               /* out of memory inside a callback */
    size_t bom;               /* 3 when the file starts with a UTF-8 BOM, else 0 */
    size_t canonical_len;     /* the bytes without BOM and the CRs of CRLFs */
} reader;

static int reader_no_space(unsigned char c)
{
    (void)c;
    return 0;
}

static int reader_grow(void **array, size_t *cap, size_t need, size_t size)
{
    return buf_grow_array(array, cap, need, size, 256);
}

static void reader_start_record(reader *r)
{
    csvread_record *rec;

    if (reader_grow((void **)&r->records, &r->records_cap, r->nrecords + 1,
                    sizeof *r->records) != 0) {
        r->failed = 1;
        return;
    }
    rec = &r->records[r->nrecords++];
    rec->line = r->line;
    rec->fields = NULL;
    rec->nfields = 0;
    r->in_record = 1;
}

static void reader_on_field(void *text, size_t len, void *data)
{
    reader *r = data;
    csvread_field *field;

    if (r->failed)
        return;
    if (!r->in_record)
        reader_start_record(r);
    if (r->failed
        || reader_grow((void **)&r->fields, &r->fields_cap, r->nfields + 1,
                       sizeof *r->fields) != 0) {
        r->failed = 1;
        return;
    }
    field = &r->fields[r->nfields++];
    field->text = NULL;
    field->len = len;
    field->column = r->field_column;
    r->records[r->nrecords - 1].nfields++;
    if (buf_append(&r->text, text ? text : "", len) != 0
        || buf_append_char(&r->text, '\0') != 0)
        r->failed = 1;
}

static void reader_on_record(int terminator, void *data)
{
    reader *r = data;

    (void)terminator;
    r->in_record = 0;
    r->records_ended++;
}

/* Checks one physical line (without its LF) byte by byte, from byte from
 * on (past a BOM). */
static int reader_check_line(reader *r, const unsigned char *s, size_t n, size_t from)
{
    size_t i = from, step;
    unsigned long cp;

    while (i < n) {
        unsigned char c = s[i];

        if (c == '\0') {
            gen_error_set(r->err, r->source, r->line, (long)i + 1, "NUL byte");
            return -1;
        }
        if (c == '\r') {
            gen_error_set(r->err, r->source, r->line, (long)i + 1,
                          "carriage return not followed by a line feed; a line ends with "
                          "LF or CRLF");
            return -1;
        }
        if ((c < 0x20 && c != '\t') || c == 0x7F) {
            gen_error_set(r->err, r->source, r->line, (long)i + 1,
                          "control character 0x%02X", (unsigned)c);
            return -1;
        }
        step = utf8_sequence_length(s + i, n - i, &cp);
        if (step == 0) {
            gen_error_set(r->err, r->source, r->line, (long)i + 1,
                          "invalid UTF-8 (byte 0x%02X)", (unsigned)c);
            return -1;
        }
        /* The C1 controls are control characters as much as C0's are, and
         * no artifact can show them: HTML forbids them even as character
         * references, and roff has no glyph for them. */
        if (cp >= 0x80 && cp <= 0x9F) {
            gen_error_set(r->err, r->source, r->line, (long)i + 1,
                          "control character U+%04lX", cp);
            return -1;
        }
        /* Noncharacters are for a program's internal use, never for text
         * that is interchanged; HTML forbids them too. */
        if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
            gen_error_set(r->err, r->source, r->line, (long)i + 1,
                          "noncharacter U+%04lX", cp);
            return -1;
        }
        i += step;
    }
    return 0;
}

static void reader_parse_error(reader *r, const char *line, size_t offset)
{
    if (line[offset] == '"')
        gen_error_set(r->err, r->source, r->line, (long)offset + 1,
                      "quote inside an unquoted field; quote the whole field "
                      "and double the quote");
    else
        gen_error_set(r->err, r->source, r->line, (long)offset + 1,
                      "unexpected character after a closing quote");
}

/* Feeds one physical line to libcsv, starting at byte skip (past a BOM).
 * Since no field may span lines, every line but a blank one is exactly one
 * record, which its LF must close. */
static int reader_feed_line(reader *r, struct csv_parser *parser, const char *line,
                            size_t n, size_t skip, int has_newline)
{
    size_t start = skip, end, done, before, block, ended = r->records_ended;
    const char *comma;

    if (n == skip) {
        /* A BOM alone is an empty file, as Excel saves an empty sheet. */
        if ((skip && !has_newline) || (r->flags & CSVREAD_SKIP_BLANK_LINES))
            return 0;
        gen_error_set(r->err, r->source, r->line, 1, "blank line");
        return -1;
    }
    r->field_column = (long)skip + 1;
    /* Feeding libcsv up to each comma tells where every field starts: when
     * a chunk ends a field, the next one begins right after that comma. */
    while (start < n) {
        comma = memchr(line + start, ',', n - start);
        end = comma ? (size_t)(comma - line) + 1 : n;
        before = r->nfields;
        /* libcsv grows its field buffer by a fixed block (128 bytes), so a
         * field of several MiB would be copied over and over wherever
         * realloc() cannot grow in place: quadratic time. A block as big
         * as the buffer already is, and at least as big as this chunk,
         * makes the growth geometric and at most once per chunk. */
        block = parser->entry_size > end - start ? parser->entry_size : end - start;
        csv_set_blk_size(parser, block > CSVREAD_MIN_BLOCK ? block : CSVREAD_MIN_BLOCK);
        done = csv_parse(parser, line + start, end - start, reader_on_field,
                         reader_on_record, r);
        if (r->failed || csv_error(parser) == CSV_ENOMEM) {
            gen_error_set(r->err, r->source, 0, 0, "out of memory");
            return -1;
        }
        if (done < end - start) {
            reader_parse_error(r, line, start + done);
            return -1;
        }
        if (r->nfields != before)
            r->field_column = (long)end + 1;
        start = end;
    }
    if (has_newline) {
        if (csv_parse(parser, "\n", 1, reader_on_field, reader_on_record, r) != 1
            || r->failed) {
            gen_error_set(r->err, r->source, 0, 0, "out of memory");
            return -1;
        }
        if (r->records_ended == ended) {
            gen_error_set(r->err, r->source, r->line, r->field_column,
                          "unterminated quoted field (a field cannot span lines)");
            return -1;
        }
    }
    return 0;
}

/* The digest of the table's canonical bytes (canonical of them): the file
 * without a leading BOM and with each CRLF read as LF, so that the copy in
 * a Windows checkout (core.autocrlf) or saved by Excel names the same
 * digest as the LF file. Every CR left in a table that was read is one of
 * a CRLF, so dropping them all is the canonical form. 0, or -1 when memory
 * runs out. */
static int reader_digest(const char *bytes, size_t len, size_t bom, size_t canonical,
                         unsigned char digest[32])
{
    size_t i, n = 0;
    char *copy;

    if (canonical == len) {
        gen_sha256(bytes, len, digest);
        return 0;
    }
    copy = malloc(canonical ? canonical : 1);
    if (!copy)
        return -1;
    for (i = bom; i < len; i++)
        if (bytes[i] != '\r')
            copy[n++] = bytes[i];
    gen_sha256(copy, n, digest);
    free(copy);
    return 0;
}

static csvread_table *reader_finish(reader *r, const char *bytes, size_t len)
{
    csvread_table *table;
    size_t i, offset, first;

    table = calloc(1, sizeof *table);
    if (!table)
        return NULL;
    table->source = strdup(r->source);
    if (!table->source || buf_reserve(&r->text, 1) != 0) {
        csvread_free(table);
        return NULL;
    }
    table->text_store = r->text.data;
    table->field_store = r->fields;
    table->records = r->records;
    table->nrecords = r->nrecords;
    r->text.data = NULL;
    r->fields = NULL;
    r->records = NULL;
    for (i = 0, offset = 0; i < r->nfields; i++) {
        table->field_store[i].text = table->text_store + offset;
        offset += table->field_store[i].len + 1;
    }
    for (i = 0, first = 0; i < r->nrecords; i++) {
        table->records[i].fields = table->field_store + first;
        first += table->records[i].nfields;
    }
    if (reader_digest(bytes, len, r->bom, r->canonical_len, table->sha256) != 0) {
        csvread_free(table);
        return NULL;
    }
    return table;
}

csvread_table *csvread_bytes(const char *source, const char *bytes, size_t len,
                             gen_error *err)
{
    return csvread_bytes_with(source, bytes, len, 0, err);
}

csvread_table *csvread_bytes_with(const char *source, const char *bytes, size_t len,
                                  unsigned flags, gen_error *err)
{
    struct csv_parser parser;
    reader r;
    csvread_table *table = NULL;
    size_t pos = 0, line_len, skip, crlf;
    const char *newline;
    int ok = 1;

    memset(&r, 0, sizeof r);
    r.source = source;
    r.err = err;
    r.flags = flags;
    /* A UTF-8 BOM, as Excel's "CSV UTF-8" writes it, is passed over. */
    r.bom = len >= 3 && memcmp(bytes, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    r.canonical_len = len - r.bom;
    if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        gen_error_set(err, source, 0, 0, "out of memory");
        return NULL;
    }
    csv_set_space_func(&parser, reader_no_space);
    while (ok && pos < len) {
        r.line++;
        newline = memchr(bytes + pos, '\n', len - pos);
        line_len = newline ? (size_t)(newline - (bytes + pos)) : len - pos;
        /* CRLF (RFC 4180's own line break, Excel's and a Windows
         * checkout's) reads as LF; a CR anywhere else is refused. */
        crlf = newline && line_len > 0 && bytes[pos + line_len - 1] == '\r';
        r.canonical_len -= crlf;
        skip = r.line == 1 ? r.bom : 0;
        ok = reader_check_line(&r, (const unsigned char *)bytes + pos, line_len - crlf,
                               skip) == 0
             && reader_feed_line(&r, &parser, bytes + pos, line_len - crlf, skip,
                                 newline != NULL) == 0;
        pos += line_len + (newline != NULL);
    }
    if (ok && csv_fini(&parser, reader_on_field, reader_on_record, &r) != 0) {
        gen_error_set(err, source, r.line, r.field_column,
                      "unterminated quoted field");
        ok = 0;
    }
    if (ok && r.failed) {
        gen_error_set(err, source, 0, 0, "out of memory");
        ok = 0;
    }
    if (ok) {
        table = reader_finish(&r, bytes, len);
        if (!table)
            gen_error_set(err, source, 0, 0, "out of memory");
    }
    csv_free(&parser);
    buf_free(&r.text);
    free(r.fields);
    free(r.records);
    return table;
}

int csvread_append_file(const char *path, buf *out, gen_error *err)
{
    FILE *fp;
    char chunk[65536];
    size_t n;
    int rc = 0;

    fp = fopen(path, "rb");
    if (!fp) {
        gen_error_set(err, path, 0, 0, "cannot open: %s", strerror(errno));
        return -1;
    }
    while (rc == 0 && (n = fread(chunk, 1, sizeof chunk, fp)) > 0) {
        if (buf_append(out, chunk, n) != 0) {
            gen_error_set(err, path, 0, 0, "out of memory"); /* unless a sink failed */
            rc = -1;
        }
    }
    if (rc == 0 && ferror(fp)) {
        gen_error_set(err, path, 0, 0, "cannot read: %s", strerror(errno));
        rc = -1;
    }
    fclose(fp);
    return rc;
}

char *csvread_slurp(const char *path, size_t *len, gen_error *err)
{
    buf content = BUF_INIT;

    if (csvread_append_file(path, &content, err) != 0) {
        buf_free(&content);
        return NULL;
    }
    if (buf_reserve(&content, 0) != 0) {
        gen_error_set(err, path, 0, 0, "out of memory");
        return NULL;
    }
    content.data[content.len] = '\0';
    *len = content.len;
    return content.data;
}

csvread_table *csvread_file(const char *path, gen_error *err)
{
    csvread_table *table;
    size_t len = 0;
    char *bytes = csvread_slurp(path, &len, err);

    if (!bytes)
        return NULL;
    table = csvread_bytes(path, bytes, len, err);
    free(bytes);
    return table;
}

void csvread_drop_records(csvread_table *table)
{
    free(table->records);
    free(table->field_store);
    table->records = NULL;
    table->field_store = NULL;
}

void csvread_free(csvread_table *table)
{
    if (!table)
        return;
    free(table->source);
    free(table->records);
    free(table->field_store);
    free(table->text_store);
    free(table);
}
