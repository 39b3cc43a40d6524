/* Groups the project's reasons by the symbol its relay logs, the way a log
 * reader would: every reason a symbol can stand for, with its reply. */
#include <stdio.h>
#include <string.h>

#include "smtp_codes.h"

int main(void)
{
    int i;

    for (i = 0; i < SMTP_REASON_COUNT; i++) {
        const struct smtp_reason_info *reason = smtp_reason_get((enum smtp_reason)i);
        const struct smtp_reason_info *same;

        /* Print each symbol once, at its first reason. */
        if (smtp_reason_by_symbol(reason->symbol, NULL) != reason)
            continue;
        printf("symbol %s\n", reason->symbol);
        for (same = reason; same; same = smtp_reason_by_symbol(reason->symbol, same))
            printf("  %s %d %s | %s\n", same->name, same->code, same->description,
                   smtp_reply_name(same->code));
    }
    return 0;
}
