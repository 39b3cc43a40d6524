/* model.h - the validated table: replies and reasons, with derived fields.
 *
 * model_build() checks the two CSV tables against the data contract (header,
 * field count, code syntax and range, identifier syntax, unique names and
 * reply codes, text rules) and derives each reply's class and category from
 * its digits (RFC 5321, section 4.2.1) and each reason's reply row.
 * model_add_enhanced() does the same for the enhanced status codes (RFC
 * 3463 and the IANA registry) and their class and subject sub-codes.
 */
#ifndef SMTPGEN_MODEL_H
#define SMTPGEN_MODEL_H

#include <stddef.h>

#include "csv_read.h"
#include "error.h"

/* The optional columns since, deprecated, replaced_by and aliases, which
 * let a row retire or be renamed without breaking the code compiled
 * against it. The strings point into the CSV table and are "" when the
 * column is empty or absent. */
typedef struct model_evolution {
    const char *since;       /* the dotted version that added the row */
    const char *deprecated;  /* the version that retired it */
    const char *replaced_by; /* the name of the row that replaces it */
    char **aliases;          /* the earlier names, NULL-terminated, split once
                                here; one block, owned; NULL when none */
    size_t naliases;
    long aliases_column;     /* the aliases field's column, for messages */
    long replaced;           /* replaced_by's index in the table, or -1 */
    /* The optional quirks column: the warnings the row acknowledges (a
     * known fault of the source, kept as it is), by bit (1 << MODEL_QUIRK_*),
     * and those it has drawn; a warning acknowledged is not printed. */
    unsigned quirks, quirks_drawn;
    long quirks_column;
} model_evolution;

/* The warnings a row may acknowledge in its quirks column, by name:
 * "no-reply-row" (a reason's code has no reply row), "symbol-class" (a
 * reason's symbol names another class than its code), "long-reply-line" (a
 * text too long for one reply line). */
enum model_quirk {
    MODEL_QUIRK_NO_REPLY_ROW,
    MODEL_QUIRK_SYMBOL_CLASS,
    MODEL_QUIRK_LONG_REPLY_LINE,
    MODEL_QUIRK_COUNT
};

typedef struct model_reply {
    const char *name;        /* points into the CSV table */
    int code;
    unsigned short name_len; /* the strings' lengths (at most 4095, model.c's
                                MODEL_LITERAL_LIMIT): the renderer reads
                                them by the million */
    const char *description;
    model_evolution evolution;
    long line;
} model_reply;

typedef struct model_reason {
    const char *name;
    const char *symbol;
    int code;
    unsigned short name_len, symbol_len, description_len; /* as model_reply's */
    const char *description;
    model_evolution evolution;
    long line;
    long reply;              /* index into replies, or -1 when none */
} model_reason;

/* A class or subject sub-code of the enhanced status codes (RFC 3463,
 * sections 2 and 3): one row of the subcode table. */
typedef struct model_subcode {
    const char *name;        /* "ADDRESSING" */
    int code;                /* 1 */
    const char *title;       /* "Addressing Status" */
    long line;
} model_subcode;

/* A basic reply code an enhanced code is registered for: a code (550), or
 * a class pattern (5XX) when code is 0. */
typedef struct model_basic {
    int code;                /* 200-599, or 0 for a pattern */
    int cls;                 /* the first digit, for both */
    char text[4];            /* "550" or "5XX" */
} model_basic;

/* An enumerated enhanced status code (RFC 3463, RFC 5248's registry). */
typedef struct model_enhanced {
    const char *name;        /* "BAD_DESTINATION_MAILBOX" */
    int subject, detail;     /* X.1.1 */
    const char *text;        /* the registry's sample text; "" allowed when
                                deprecated */
    const char *basic_codes; /* the column as written: "451 550" */
    model_basic *basic;      /* parsed, in column order; owned */
    size_t nbasic;
    const char *reference;
    model_evolution evolution; /* deprecated and replaced_by are required
                                  columns of this table */
    const char *description;
    long line;
    long subject_row;        /* index into subjects */
} model_enhanced;

typedef struct model {
    csvread_table *replies_csv; /* owned; the strings above live in its text
                                   (its records are dropped once read) */
    csvread_table *reasons_csv; /* owned */
    model_reply *replies;       /* file order */
    size_t nreplies;
    model_reason *reasons;      /* file order */
    size_t nreasons;
    /* The enhanced status codes, once model_add_enhanced() succeeded;
     * NULL and 0 before. */
    csvread_table *subcodes_csv; /* owned */
    csvread_table *enhanced_csv; /* owned */
    model_subcode *classes;      /* file order */
    size_t nclasses;
    model_subcode *subjects;     /* file order */
    size_t nsubjects;
    model_enhanced *enhanced;    /* file order */
    size_t nenhanced;
} model;

/* Called once per warning; warn may be NULL. The warning is only valid
 * during the call. */
typedef void (*model_warn_fn)(void *ctx, const gen_error *warning);

/* Validates the two tables and builds the model. Takes ownership of both
 * tables whatever the outcome. Returns NULL with err filled on the first
 * fault. Warnings (kept data that is probably a mistake) go to warn. */
model *model_build(csvread_table *replies, csvread_table *reasons,
                   model_warn_fn warn, void *warn_ctx, gen_error *err);

/* Validates the subcode table (kind,code,name,title: the classes 2, 4 and
 * 5 and the subjects of RFC 3463) and the enhanced status code table
 * (name,subject,detail,text,basic_codes,reference,deprecated,replaced_by,
 * description) and adds both to m. Takes ownership of both tables
 * whatever the outcome; 0, or -1 with err filled. After a failure m may
 * hold part of the new rows: free it with model_free(), and build no
 * document from it. */
int model_add_enhanced(model *m, csvread_table *subcodes, csvread_table *enhanced,
                       model_warn_fn warn, void *warn_ctx, gen_error *err);

/* Frees the model and its tables; m may be NULL. */
void model_free(model *m);

/* RFC 5321, section 4.2.1: the meaning of a reply code's first digit
 * ("Transient Negative Completion") and second digit ("Connections"). */
const char *model_class_name(int code);
const char *model_category_name(int code);

#endif
