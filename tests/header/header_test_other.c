/* A second translation unit including the header: linking it with
 * header_test.c proves the header defines nothing twice. Unlike
 * header_test.c it leaves SMTP_DEPRECATED alone: the header by itself,
 * marks on, must compile warning-free. */
#include "smtp_codes.h"

int other_unit_reply_count(void);
const char *other_unit_description(int code);
int other_unit_enhanced_count(void);
const char *other_unit_enhanced_text(int subject, int detail);

int other_unit_reply_count(void)
{
    int n = 0;
#define COUNT_ONE(NAME, CODE, DESCRIPTION) n++;
    SMTP_REPLY_LIST(COUNT_ONE)
#undef COUNT_ONE
    return n;
}

const char *other_unit_description(int code)
{
    return smtp_reply_description(code);
}

int other_unit_enhanced_count(void)
{
    int n = 0;
#define COUNT_ONE(NAME, SUBJECT, DETAIL, TEXT) n++;
    SMTP_ENHANCED_LIST(COUNT_ONE)
#undef COUNT_ONE
    return n;
}

const char *other_unit_enhanced_text(int subject, int detail)
{
    return smtp_enhanced_text(subject, detail);
}
