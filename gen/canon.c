#include "canon.h"

#include <string.h>

int canon_prepare(const char *bytes, size_t len, buf *out)
{
    size_t i;

    if (buf_reserve(out, len) != 0)
        return -1;
    for (i = 0; i < len; i++) {
        if (bytes[i] == '\r' && i + 1 < len && bytes[i + 1] == '\n')
            continue;
        if (buf_append_char(out, bytes[i] == '\r' ? '\n' : bytes[i]) != 0)
            return -1;
    }
    return 0;
}

/* Quotes a field that holds a comma or a quote, and one that must_quote
 * says needs it although it holds neither (see canon_format). */
static int canon_field(buf *out, const csvread_field *field, int must_quote)
{
    size_t i;
    int rc = 0;

    if (!must_quote && !memchr(field->text, ',', field->len)
        && !memchr(field->text, '"', field->len))
        return buf_append(out, field->text, field->len);
    rc = buf_append_char(out, '"');
    for (i = 0; rc == 0 && i < field->len; i++) {
        if (field->text[i] == '"')
            rc = buf_append_char(out, '"');
        if (rc == 0)
            rc = buf_append_char(out, field->text[i]);
    }
    return rc == 0 ? buf_append_char(out, '"') : -1;
}

int canon_format(const csvread_table *table, buf *out)
{
    size_t r, f;

    for (r = 0; r < table->nrecords; r++) {
        const csvread_record *rec = &table->records[r];

        for (f = 0; f < rec->nfields; f++) {
            const csvread_field *field = &rec->fields[f];
            /* Unquoted, an empty field alone in its record would be a blank
             * line, and a file starting with U+FEFF would start with a byte
             * order mark: both would read back differently. */
            int must_quote = (rec->nfields == 1 && field->len == 0)
                             || (r == 0 && f == 0 && field->len >= 3
                                 && memcmp(field->text, "\xEF\xBB\xBF", 3) == 0);

            if ((f > 0 && buf_append_char(out, ',') != 0)
                || canon_field(out, field, must_quote) != 0)
                return -1;
        }
        if (buf_append_char(out, '\n') != 0)
            return -1;
    }
    return 0;
}
