/* escape.h - how {{value}} is written into each artifact format.
 *
 * Each escaper appends text[0..len) to out so that the artifact shows the
 * exact bytes of the value and nothing in the value can end a string, open a
 * tag or start a request. All return 0, or -1 when memory runs out.
 */
#ifndef SMTPGEN_ESCAPE_H
#define SMTPGEN_ESCAPE_H

#include <stddef.h>

#include "buf.h"
#include "render.h"

/* The inside of a C string literal, in plain ASCII: '"', '\\' and '?' (so
 * no trigraph can form) are backslash-escaped, TAB is \t, and every other
 * byte outside printable ASCII is a three-digit octal escape. */
int escape_c(buf *out, const char *text, size_t len);

/* HTML text and attribute values: & < > " ' become character references. */
int escape_html(buf *out, const char *text, size_t len);

/* roff text (man pages), kept on text lines: a backslash is \e; - ' ` " ^ ~
 * are \- \(aq \(ga \(dq \(ha \(ti, so that they print as typed; a leading
 * '.', '\'', blank or control character is guarded by \&, as is a trailing
 * blank; TAB and control characters are spaces; U+00A0 is \~; any other
 * non-ASCII character is a \[uXXXX] escape. */
int escape_roff(buf *out, const char *text, size_t len);

/* String content for each language's double-quoted literal (see escape.c
 * for the exact rules of each): JSON; JavaScript and TypeScript (also safe
 * in '...' and `...`); Python; Go; Rust; Java. */
int escape_json(buf *out, const char *text, size_t len);
int escape_js(buf *out, const char *text, size_t len);
int escape_py(buf *out, const char *text, size_t len);
int escape_go(buf *out, const char *text, size_t len);
int escape_rust(buf *out, const char *text, size_t len);
int escape_java(buf *out, const char *text, size_t len);

/* GitHub-flavoured Markdown text, a table cell included. */
int escape_markdown(buf *out, const char *text, size_t len);

/* A CSV field between double quotes: '"' is doubled. */
int escape_csv(buf *out, const char *text, size_t len);

/* Plain text: the value as it is. */
int escape_text(buf *out, const char *text, size_t len);

/* For the tests: checks that each escaper's table of the bytes its loop
 * asks about holds every byte its rules replace, by asking the rules about
 * every other byte at the start, middle and end of a value between
 * neighbours that rules look at (digits, blanks, dots, UTF-8 bytes). 0,
 * or -1 with the first byte missed described in why. */
int escape_check_tables(char *why, size_t size);

#endif
