/* compat.h - smtpgen --compat: this run's tables against the smtp-codes.json
 * of an earlier release.
 *
 * Code compiled against the earlier header keeps its meaning only if every
 * name it could use still exists (as a row's name or an alias) and stands
 * for the same value. Breaking, for each table, row by row of the old
 * document:
 *   - a name (or an alias) that no row has any more;
 *   - an enum value that moved: a reason or an enhanced code at another
 *     position (a row inserted, removed or reordered), a reply, class or
 *     subject with another code;
 *   - a code changed under an existing name (reasons, enhanced codes);
 *   - a symbol changed under an existing name (reasons).
 * Reported, not breaking: appended rows, renames with the old name kept as
 * an alias, description and text edits, new deprecations and
 * undeprecations.
 */
#ifndef SMTPGEN_COMPAT_H
#define SMTPGEN_COMPAT_H

#include <jansson.h>

#include "error.h"
#include "model.h"

/* Called once per finding; breaking is 1 for an error, 0 for a warning.
 * The finding is only valid during the call. */
typedef void (*compat_report_fn)(void *ctx, const gen_error *finding, int breaking);

/* Compares doc (doc_build() of m) with the document in the file old_path.
 * A finding about a row of this run names its CSV file and line; one about
 * a row that is gone names old_path. Returns the number of breaking
 * findings, or -1 with err filled when old_path cannot be read or is not
 * an smtp-codes.json. */
long compat_check(const char *old_path, json_t *doc, const model *m,
                  compat_report_fn report, void *ctx, gen_error *err);

#endif
