/* doc.h - the model as one document, the source of every artifact.
 *
 * smtp-codes.json is doc_build()'s result dumped; the templates render from
 * doc_view(), which holds the very same values plus a few read-only
 * groupings that a template cannot compute (reasons by code, the date, the
 * header's lookup tables).
 */
#ifndef SMTPGEN_DOC_H
#define SMTPGEN_DOC_H

#include <jansson.h>

#include "buf.h"
#include "error.h"
#include "model.h"
#include "value.h"

/* The document: a Jansson tree for the small tables, and the reasons read
 * from the model's rows (the row store, value.h). */
typedef struct document document;

/* Builds {"generator", "version", "sources", "replies", "reasons",
 * "classes", "subjects", "enhanced"}: each reply names the reasons and the
 * enhanced codes sent with its code, each enhanced code the replies of its
 * basic codes; "sources" has "subcodes" and "enhanced" only when
 * model_add_enhanced() added those tables. A new document the caller frees
 * with doc_free(), or NULL with err filled (also when a table's file name
 * is not UTF-8, since the document names its files). The document borrows
 * m, which must outlive it. */
document *doc_build(const model *m, gen_error *err);

/* The document as a value (borrowed from d). */
value doc_root(const document *d);

/* Frees d; d may be NULL. */
void doc_free(document *d);

/* A Jansson copy of the whole document (its dump read back), for what
 * compares documents: --compat and the tests. A new reference or NULL. */
json_t *doc_to_json(const document *d);

/* The template view of a document. */
typedef struct document_view document_view;

/* Builds the template view of d: the document's values, with "enhanced"
 * and "subjects" replaced by extended copies (see doc_view_enhanced() in
 * doc.c; d itself is not changed), and adding "date" (YYYY-MM-DD), "codes"
 * (one entry per code in ascending order: {"code", "reply" (absent when
 * none), "reasons": [...], "enhanced": [...]}) and "lookup", the tables
 * behind the header's lookups (see doc_lookup() in doc.c): "reply_at_code"
 * and "reason_at_code" (rows {"code", "slots": [10 positions]} over the
 * codes 200-599), the hash tables "name_slots" and "symbol_slots" (sizes)
 * with "name_slot_rows" and "symbol_slot_rows", and the chains
 * "next_same_symbol_rows" and "next_same_code_rows". A row is an array of
 * at most 16 positions, -1 for none. date is the man page date; prefix
 * (--prefix, such as "smtp") is added as "prefix" and in upper case as
 * "PREFIX", for the header's names. Returns a new view the caller frees
 * with doc_view_free() before d, or NULL with err. */
document_view *doc_view(const document *d, const char *date, const char *prefix,
                        gen_error *err);

/* The view as a value (borrowed from v). */
value doc_view_root(const document_view *v);

/* Frees v; v may be NULL. */
void doc_view_free(document_view *v);

/* The text of smtp-codes.json, as artifacts_render() writes it from
 * doc_root(): value_dump() (two-space indentation, keys in insertion order,
 * as Jansson's dump of the same tree) and a final newline. Returns a
 * malloc'd string and its length or NULL when memory runs out. */
char *doc_dump(const document *d, size_t *len);

#endif
