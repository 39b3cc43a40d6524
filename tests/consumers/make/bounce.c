/* Classifies every reply of the project's table the way a bounce handler
 * would, and shows each reason with the reply it belongs to. */
#include <stdio.h>

#include "smtp_codes.h"

static const char *verdict(int code)
{
    if (smtp_code_is_transient(code))
        return "retry";
    if (smtp_code_is_permanent(code))
        return "bounce";
    return smtp_code_is_positive(code) ? "ok" : "unknown";
}

int main(void)
{
    const struct smtp_reply_info *reply;
    size_t i;
    int r;

    for (i = 0; (reply = smtp_reply_at(i)) != NULL; i++)
        printf("reply %d %s %s %s\n", reply->code, reply->name, verdict(reply->code),
               reply->description);
    for (r = 0; r < SMTP_REASON_COUNT; r++) {
        const struct smtp_reason_info *reason = smtp_reason_get((enum smtp_reason)r);
        const char *meaning = smtp_reply_description(reason->code);
        printf("reason %s %d %s | %s\n", reason->symbol, reason->code,
               reason->description, meaning ? meaning : "(no reply row)");
    }
    return 0;
}
