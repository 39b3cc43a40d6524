/* model.h - the validated table: replies and reasons, with derived fields.
 *
 * model_build() checks the two CSV tables against the data contract (header,
 * field count, code syntax and range, identifier syntax, unique names and
 * reply codes, text rules) and derives each reply's class and category from
 * its digits (RFC 5321, section 4.2.1) and each reason's reply row.
 */
#ifndef SMTPGEN_MODEL_H
#define SMTPGEN_MODEL_H

#include <stddef.h>

#include "csv_read.h"
#include "error.h"

typedef struct model_reply {
    const char *name;        /* points into the CSV table */
    int code;
    const char *description;
    long line;
} model_reply;

typedef struct model_reason {
    const char *name;
    const char *symbol;
    int code;
    const char *description;
    long line;
    long reply;              /* index into replies, or -1 when none */
} model_reason;

typedef struct model {
    csvread_table *replies_csv; /* owned; the strings above live here */
    csvread_table *reasons_csv; /* owned */
    model_reply *replies;       /* file order */
    size_t nreplies;
    model_reason *reasons;      /* file order */
    size_t nreasons;
} model;

/* Called once per warning; warn may be NULL. The warning is only valid
 * during the call. */
typedef void (*model_warn_fn)(void *ctx, const gen_error *warning);

/* Validates the two tables and builds the model. Takes ownership of both
 * tables whatever the outcome. Returns NULL with err filled on the first
 * fault. Warnings (kept data that is probably a mistake) go to warn. */
model *model_build(csvread_table *replies, csvread_table *reasons,
                   model_warn_fn warn, void *warn_ctx, gen_error *err);

/* Frees the model and its tables; m may be NULL. */
void model_free(model *m);

/* RFC 5321, section 4.2.1: the meaning of a reply code's first digit
 * ("Transient Negative Completion") and second digit ("Connections"). */
const char *model_class_name(int code);
const char *model_category_name(int code);

#endif
