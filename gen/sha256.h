/* sha256.h - SHA-256 (FIPS 180-4) of a byte string, for the source digests
 * that every artifact carries. */
#ifndef SMTPGEN_SHA256_H
#define SMTPGEN_SHA256_H

#include <stddef.h>

/* Writes the 32-byte digest of bytes[0..len) to digest. */
void sha256_digest(const void *bytes, size_t len, unsigned char digest[32]);

/* Writes the digest as 64 lower-case hex digits and a NUL to hex. */
void sha256_hex(const unsigned char digest[32], char hex[65]);

#endif
