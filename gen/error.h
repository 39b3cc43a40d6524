/* error.h - the one error record every stage fills and only main() prints.
 *
 * Modelled on Jansson's json_error_t: a stage that fails fills a gen_error
 * with the file, line, column and text of the first fault it meets and
 * returns failure; later calls never overwrite that first error.
 */
#ifndef SMTPGEN_ERROR_H
#define SMTPGEN_ERROR_H

#include <stdio.h>

#define GEN_ERROR_SOURCE_LENGTH 512
#define GEN_ERROR_TEXT_LENGTH 1024

typedef struct gen_error {
    char source[GEN_ERROR_SOURCE_LENGTH]; /* file name as given; "" if none */
    long line;   /* 1-based physical line; 0 when not about a place */
    long column; /* 1-based byte column in that line; 0 when unknown */
    char text[GEN_ERROR_TEXT_LENGTH];
    int set;     /* non-zero once an error has been recorded */
    int reported; /* non-zero when its findings were printed as they were
                     found (smtpgen --compat): gen_error_print() then
                     prints nothing more */
} gen_error;

/* Clears err (which may be NULL). */
void gen_error_init(gen_error *err);

/* Records an error unless one is recorded already (first error wins).
 * err may be NULL, in which case nothing happens; source may be NULL. */
void gen_error_set(gen_error *err, const char *source, long line, long column,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

/* Values quoted in messages are cut to GEN_QUOTE_LENGTH bytes, at a
 * character boundary and marked "...", so that a huge field cannot push the
 * reason out of the message's fixed-size text. */
#define GEN_QUOTE_LENGTH 64

/* Copies text into quote, cut as above; returns quote. */
const char *gen_quote(const char *text, char quote[GEN_QUOTE_LENGTH + 4]);

/* Writes "SOURCE:LINE:COL: KIND: TEXT\n" to fp, leaving out the parts that
 * are unknown (a zero line or column, an empty source); nothing when
 * err->reported. kind is "error" or "warning". */
void gen_error_print(FILE *fp, const gen_error *err, const char *kind);

#endif
