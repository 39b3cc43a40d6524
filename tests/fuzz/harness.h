/* harness.h - what the libFuzzer harnesses share: the entry point's
 * declaration, and FUZZ_CHECK(cond), which names the broken condition and
 * its place, then traps so that libFuzzer saves the input. */
#ifndef SMTPGEN_FUZZ_HARNESS_H
#define SMTPGEN_FUZZ_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                           \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "%s:%d: broken: %s\n", __FILE__, __LINE__, #cond);     \
            __builtin_trap();                                                      \
        }                                                                          \
    } while (0)

#endif
