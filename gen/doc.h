/* doc.h - the model as one Jansson document, the source of every artifact.
 *
 * smtp-codes.json is doc_build()'s result dumped; the templates render from
 * doc_view(), which holds the very same objects plus a few read-only
 * groupings that a template cannot compute (reasons by code, the date, the
 * header's lookup tables).
 */
#ifndef SMTPGEN_DOC_H
#define SMTPGEN_DOC_H

#include <jansson.h>

#include "buf.h"
#include "error.h"
#include "model.h"

/* Builds {"generator", "version", "sources", "replies", "reasons",
 * "classes", "subjects", "enhanced"}: each reply names the reasons and the
 * enhanced codes sent with its code, each enhanced code the replies of its
 * basic codes; "sources" has "subcodes" and "enhanced" only when
 * model_add_enhanced() added those tables. A new reference the caller
 * releases with json_decref(), or NULL with err filled (also when a table's
 * file name is not UTF-8, since the document names its files). The model
 * may be freed afterwards. */
json_t *doc_build(const model *m, gen_error *err);

/* Builds the template view of doc: a new object sharing doc's values,
 * with "enhanced" and "subjects" replaced by extended copies (see
 * doc_view_enhanced() in doc.c; doc itself is not changed), and adding
 * "date" (YYYY-MM-DD), "codes" (one entry per code in ascending order:
 * {"code", "reply" (absent when none), "reasons": [...], "enhanced": [...]}) and
 * "lookup", the tables behind the header's lookups (see doc_lookup() in
 * doc.c): "reply_at_code" and "reason_at_code" (rows {"code", "slots": [10
 * positions]} over the codes 200-599), the hash tables "name_slots" and
 * "symbol_slots" (sizes) with "name_slot_rows" and "symbol_slot_rows", and
 * the chains "next_same_symbol_rows" and "next_same_code_rows". A row is an
 * array of at most 16 positions, -1 for none. date is the man page date;
 * prefix (--prefix, such as "smtp") is added as "prefix" and in upper case
 * as "PREFIX", for the header's names. Returns a new reference or NULL with
 * err. */
json_t *doc_view(json_t *doc, const char *date, const char *prefix, gen_error *err);

/* Serialises doc as smtp-codes.json: two-space indentation, keys in
 * insertion order, a final newline. Returns a malloc'd string and its length
 * or NULL when memory runs out. */
char *doc_dump(json_t *doc, size_t *len);

/* The same text appended to out (such as a stream into the artifact's
 * file); 0, or -1 when memory runs out or out's sink fails. */
int doc_dump_to(json_t *doc, buf *out);

#endif
