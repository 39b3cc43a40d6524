/* sha256.h - SHA-256 (FIPS 180-4) of a byte string, for the source digests
 * that every artifact carries. The hashing is nettle's (sha256.c says
 * why); these names are ours, since nettle's own sha256_digest() is a
 * macro. */
#ifndef SMTPGEN_SHA256_H
#define SMTPGEN_SHA256_H

#include <stddef.h>

/* Writes the 32-byte digest of bytes[0..len) to digest. */
void gen_sha256(const void *bytes, size_t len, unsigned char digest[32]);

/* Writes the digest as 64 lower-case hex digits and a NUL to hex. */
void gen_sha256_hex(const unsigned char digest[32], char hex[65]);

#endif
