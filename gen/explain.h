/* explain.h - finds the SMTP reply in a line that people paste (a bare
 * reply, a DSN Diagnostic-Code field, a Postfix or an Exim log line) and
 * explains it with the generated smtp_codes.h: smtpcode's core, kept apart
 * so that a fuzzer can drive it.
 *
 * The scanner's rules, in order, first that applies:
 * 1. "Diagnostic-Code:" (any case): the reply follows, after blanks and a
 *    diagnostic type such as "smtp;".
 * 2. " said: " (Postfix): the reply follows; a final
 *    " (in reply to ... command)" is dropped.
 * 3. "SMTP error from remote mail server after " (Exim): the reply starts
 *    after the next ": ", or, where Exim before 4.80 put the host there
 *    ("...: host NAME [ADDRESS]: 550 ..."), after the "]: " that ends it.
 * 4. Otherwise the line itself, without leading blanks.
 * Trailing blanks are dropped. A candidate that starts with "CCC-" is a
 * multi-line reply that a log joined with spaces: each space before
 * " CCC-" or " CCC " (the same code) becomes a line feed. Then
 * smtp_reply_parse() decides. */
#ifndef SMTPGEN_EXPLAIN_H
#define SMTPGEN_EXPLAIN_H

#include <stddef.h>

#include "smtp_codes.h"

/* What explain_line() found. The buffers belong to the struct, grow when a
 * line needs more and are reused for the next line, so explaining a log
 * allocates only when a line is longer than all before it. */
struct explain {
    const char *line;        /* the line explained, without its line end */
    size_t line_len;
    int rc;                  /* 0 or a negative SMTP_PARSE_... (SMTP_PARSE_EMPTY
                                when nothing is left of the line) */
    const char *reply;       /* the candidate (in the line or in rebuilt) */
    size_t reply_len;
    struct smtp_reply_parsed parsed; /* when rc is 0 */
    char *text;              /* smtp_reply_text(), NUL-terminated, when rc is 0 */
    size_t text_len;
    size_t text_size;
    char *rebuilt;           /* a joined multi-line reply with its line feeds back */
    size_t rebuilt_size;
    const struct smtp_reason_info *reasons[SMTP_REASON_COUNT + 1]; /* with the code */
    size_t reason_count;
    const struct smtp_reason_info *other[SMTP_REASON_COUNT + 1]; /* same text, another code */
    size_t other_count;
    int skip_other;          /* set by the caller (0 after explain_init()): 1 to
                                leave other empty, as smtpcode --summary does */
};

/* Sets up ex with empty buffers and skip_other 0. */
void explain_init(struct explain *ex);

/* Frees ex's buffers (not ex); ex may be NULL. */
void explain_free(struct explain *ex);

/* Explains line[0..len) (a final CR, LF or CRLF is ignored; the line need
 * not be NUL-terminated and may hold any byte). Returns 0 when the line
 * holds a reply, 1 when it does not (ex->rc says why), -1 when out of
 * memory. ex->line and ex->reply point into line (ex->reply may be in
 * ex->rebuilt instead): they are valid while line is. */
int explain_line(struct explain *ex, const char *line, size_t len);

/* A message for ex->rc when it is not 0. */
const char *explain_error(const struct explain *ex);

#endif
