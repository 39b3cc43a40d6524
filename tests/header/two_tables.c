/* two_tables.c - two tables in one program: the shipped smtp_codes.h and an
 * acme_codes.h generated with --prefix acme from another table, included in
 * one translation unit. Compiled as C99 and as C++11 under the strict flags
 * by tests/check_tree.sh, which compares the output with both CSVs.
 *
 * For each table in file order prints "TABLE SYMBOL CODE DESCRIPTION", each
 * row found again by name and by symbol, so that a clash between the two
 * headers' lookups (one static table answering for the other) shows. */
#include <stdio.h>
#include <string.h>

#include "acme_codes.h"
#include "smtp_codes.h"
#include "acme_codes.h" /* twice: the include guard is its own */

int main(void)
{
    int i, status = 0;

    for (i = 0; i < SMTP_REASON_COUNT; i++) {
        const struct smtp_reason_info *r = smtp_reason_get((enum smtp_reason)i);

        if (smtp_reason_by_name(r->name) != r || !smtp_reason_by_symbol(r->symbol, NULL))
            status = 1;
        printf("smtp %s %d %s\n", r->symbol, r->code, r->description);
    }
    for (i = 0; i < ACME_REASON_COUNT; i++) {
        const struct acme_reason_info *r = acme_reason_get((enum acme_reason)i);

        if (acme_reason_by_name(r->name) != r || !acme_reason_by_symbol(r->symbol, NULL))
            status = 1;
        printf("acme %s %d %s\n", r->symbol, r->code, r->description);
    }
    /* Each header parses with its own rules, and each names its own rows. */
    {
        struct smtp_reply_parsed a;
        struct acme_reply_parsed b;
        const char *reply = "554 5.7.1 Rejected due to spam content.";

        if (smtp_reply_parse(reply, strlen(reply), &a) != SMTP_PARSE_OK
            || acme_reply_parse(reply, strlen(reply), &b) != ACME_PARSE_OK || a.code != 554
            || b.code != 554)
            status = 1;
    }
    if ((int)ACME_REASON_COUNT == (int)SMTP_REASON_COUNT)
        status = 1; /* the custom table is smaller: the counts must differ */
    return status;
}
