/* Classifies every reply of the project's table the way a bounce handler
 * would, shows each reason with the reply it belongs to, and explains the
 * enhanced status code of a bounce for every registered code (the shipped
 * enhanced table, which the project does not replace). */
#include <stdio.h>
#include <string.h>

#include "smtp_codes.h"

static const char *verdict(int code)
{
    if (smtp_code_is_transient(code))
        return "retry";
    if (smtp_code_is_permanent(code))
        return "bounce";
    return smtp_code_is_positive(code) ? "ok" : "unknown";
}

static const char *or_none(const char *text)
{
    return text ? text : "?";
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
    for (r = 0; r < SMTP_ENHANCED_COUNT; r++) {
        const struct smtp_enhanced_info *e = smtp_enhanced_get((enum smtp_enhanced)r);
        const struct smtp_enhanced_info *found;
        struct smtp_enhanced_code c = {0, 0, 0};
        char dsn[32];
        size_t n;

        snprintf(dsn, sizeof dsn, "5.%d.%d Delivery failed", e->subject, e->detail);
        n = smtp_enhanced_parse(dsn, strlen(dsn), &c);
        found = n ? smtp_enhanced_by_code(c.subject, c.detail) : NULL;
        printf("dsn %.*s %s %s | %s | %s%s\n", (int)n, dsn, found ? found->name : "?",
               or_none(smtp_enhanced_class_text(c.cls)),
               or_none(smtp_enhanced_subject_text(c.subject)),
               found ? found->text : "", found && found->replaced_by ? " (deprecated)" : "");
    }
    return 0;
}
