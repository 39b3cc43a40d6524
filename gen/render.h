/* render.h - a Mustache engine over the document's values (value.h).
 *
 * Implements the Mustache spec's required modules: variables, sections,
 * inverted sections, comments, partials and set delimiters (no lambdas).
 * {{name}} goes through the caller's escaper; {{{name}}} and {{&name}} are
 * written raw.
 */
#ifndef SMTPGEN_RENDER_H
#define SMTPGEN_RENDER_H

#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "value.h"

/* Appends text[0..len) to out in the artifact's format; 0, or -1 when memory
 * runs out. */
typedef int (*render_escape_fn)(buf *out, const char *text, size_t len);

/* Finds a partial by name. On success stores a malloc'd copy of its text in
 * *text (the renderer frees it) and its length in *len and returns 0; returns
 * 1 when there is no such partial (it then renders as empty, as the spec
 * says); returns -1 after filling err on a real failure. source_name, when
 * not NULL, receives a name for error messages (the partial's file path);
 * it must stay valid until the render call returns. */
typedef struct render_partials {
    int (*load)(void *ctx, const char *name, char **text, size_t *len,
                const char **source_name, gen_error *err);
    void *ctx;
} render_partials;

/* Renders template tmpl[0..len) with context as the root of the context
 * stack and appends the result to out. source_name names the template in
 * errors. partials may be NULL (then every partial renders as empty).
 * Returns 0, or -1 with err filled ("SOURCE:LINE:COL" of the faulty tag for
 * template errors). Nothing is written past what was rendered before a fault.
 * The context is borrowed, never modified. */
int render_template(const char *source_name, const char *tmpl, size_t len,
                    const value *context, render_escape_fn escape,
                    const render_partials *partials, buf *out, gen_error *err);

#endif
