/* test_bytes.h - what the header tests share: printing an input's bytes
 * readably, and copying one into a heap block of exactly its size so that
 * AddressSanitizer catches a read past its end. Test code only. */
#ifndef SMTPGEN_TEST_BYTES_H
#define SMTPGEN_TEST_BYTES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The input as printable ASCII: bytes 0x21 to 0x7E but a backslash as
 * they are, every other byte as \xHH. */
static void print_bytes(const char *s, size_t len)
{
    size_t i;

    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c > 0x20 && c < 0x7f && c != '\\')
            putchar(c);
        else
            printf("\\x%02x", c);
    }
}

/* A copy of s[0..len) in a heap block of exactly len bytes; NULL for 0
 * (which the functions under test must take with len 0). Aborts when out
 * of memory. */
static char *exact_copy(const char *s, size_t len)
{
    char *copy = len ? (char *)malloc(len) : NULL;

    if (copy)
        memcpy(copy, s, len);
    else if (len)
        abort();
    return copy;
}

#endif
