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

static int canon_field(buf *out, const csvread_field *field)
{
    size_t i;
    int rc = 0;

    if (!memchr(field->text, ',', field->len) && !memchr(field->text, '"', field->len))
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
            if ((f > 0 && buf_append_char(out, ',') != 0)
                || canon_field(out, &rec->fields[f]) != 0)
                return -1;
        }
        if (buf_append_char(out, '\n') != 0)
            return -1;
    }
    return 0;
}
