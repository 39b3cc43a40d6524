#include "error.h"

#include <stdarg.h>
#include <string.h>

void gen_error_init(gen_error *err)
{
    if (err)
        memset(err, 0, sizeof *err);
}

void gen_error_set(gen_error *err, const char *source, long line, long column,
                   const char *fmt, ...)
{
    va_list ap;

    if (!err || err->set)
        return;
    err->set = 1;
    snprintf(err->source, sizeof err->source, "%s", source ? source : "");
    err->line = line;
    err->column = column;
    va_start(ap, fmt);
    vsnprintf(err->text, sizeof err->text, fmt, ap);
    va_end(ap);
}

void gen_error_print(FILE *fp, const gen_error *err, const char *kind)
{
    if (err->reported)
        return;
    if (err->source[0] == '\0')
        fprintf(fp, "smtpgen: ");
    else if (err->line <= 0)
        fprintf(fp, "%s: ", err->source);
    else if (err->column <= 0)
        fprintf(fp, "%s:%ld: ", err->source, err->line);
    else
        fprintf(fp, "%s:%ld:%ld: ", err->source, err->line, err->column);
    fprintf(fp, "%s: %s\n", kind, err->text);
}

const char *gen_quote(const char *text, char quote[GEN_QUOTE_LENGTH + 4])
{
    size_t len = strlen(text);

    if (len <= GEN_QUOTE_LENGTH) {
        memcpy(quote, text, len + 1);
        return quote;
    }
    len = GEN_QUOTE_LENGTH;
    while (len > 0 && ((unsigned char)text[len] & 0xC0) == 0x80)
        len--;
    memcpy(quote, text, len);
    memcpy(quote + len, "...", 4);
    return quote;
}
