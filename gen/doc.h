/* doc.h - the model as one Jansson document, the source of every artifact.
 *
 * smtp-codes.json is doc_build()'s result dumped; the templates render from
 * doc_view(), which holds the very same objects plus a few read-only
 * groupings that a template cannot compute (reasons by code, the date).
 */
#ifndef SMTPGEN_DOC_H
#define SMTPGEN_DOC_H

#include <jansson.h>

#include "error.h"
#include "model.h"

/* Builds {"generator", "sources", "replies", "reasons"}; a new reference the
 * caller releases with json_decref(), or NULL with err filled. The model may
 * be freed afterwards. */
json_t *doc_build(const model *m, gen_error *err);

/* Builds the template view of doc: a new object sharing doc's values and
 * adding "date" (YYYY-MM-DD) and "codes" (one entry per code in
 * ascending order: {"code", "reply" (absent when none), "reasons": [...]}).
 * date is the man page date. Returns a new reference or NULL with err. */
json_t *doc_view(json_t *doc, const char *date, gen_error *err);

/* Serialises doc as smtp-codes.json: two-space indentation, keys in
 * insertion order, a final newline. Returns a malloc'd string and its length
 * or NULL when memory runs out. */
char *doc_dump(json_t *doc, size_t *len);

#endif
