/* version.h - the one place the version lives (the Makefile reads it). */
#ifndef SMTPGEN_VERSION_H
#define SMTPGEN_VERSION_H

#define SMTPGEN_VERSION "0.2.0"

/* The date the man page shows when SOURCE_DATE_EPOCH is not set: the date of
 * this release, so that output never depends on the clock. */
#define SMTPGEN_RELEASE_DATE "2026-12-02"

#endif
