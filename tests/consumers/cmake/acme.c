/* acme.c - the project's table (smtp_codes.h) and the shipped one
 * generated with PREFIX acme (acme_codes.h) in one program: prints the
 * description each gives for 554. */
#include <stdio.h>

#include "acme_codes.h"
#include "smtp_codes.h"

int main(void)
{
    const char *ours = smtp_reply_description(554), *shipped = acme_reply_description(554);

    printf("%s\n%s\n", ours ? ours : "(none)", shipped ? shipped : "(none)");
    return 0;
}
