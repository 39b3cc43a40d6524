/* utf8.h - the one UTF-8 decoder of the tools: the CSV reader validates
 * tables with it, and smtpcode makes mail-log bytes valid for JSON. */
#ifndef SMTPGEN_UTF8_H
#define SMTPGEN_UTF8_H

#include <stddef.h>

/* Length of the UTF-8 sequence starting at s (at most n bytes, n > 0), or
 * 0 when it is not a well-formed sequence: no overlong forms, no
 * surrogates, nothing above U+10FFFF (RFC 3629). Stores the code point in
 * *code_point (the byte itself when 0 is returned). */
size_t utf8_sequence_length(const unsigned char *s, size_t n, unsigned long *code_point);

#endif
