#include "escape.h"

#include <string.h>

int escape_c(buf *out, const char *text, size_t len)
{
    size_t i, run = 0;
    char octal[5];

    if (buf_reserve(out, len) != 0)
        return -1;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        const char *escape = NULL;

        if (c == '"')
            escape = "\\\"";
        else if (c == '\\')
            escape = "\\\\";
        else if (c == '?')
            escape = "\\?";
        else if (c == '\t')
            escape = "\\t";
        else if (c >= 0x20 && c < 0x7F)
            continue;
        if (buf_append(out, text + run, i - run) != 0)
            return -1;
        run = i + 1;
        if (!escape) {
            /* Octal, because a hex escape would swallow following digits. */
            octal[0] = '\\';
            octal[1] = (char)('0' + (c >> 6));
            octal[2] = (char)('0' + ((c >> 3) & 7));
            octal[3] = (char)('0' + (c & 7));
            octal[4] = '\0';
            escape = octal;
        }
        if (buf_append_str(out, escape) != 0)
            return -1;
    }
    return buf_append(out, text + run, len - run);
}

int escape_html(buf *out, const char *text, size_t len)
{
    size_t i, run = 0;

    if (buf_reserve(out, len) != 0)
        return -1;
    for (i = 0; i < len; i++) {
        const char *escape;

        switch (text[i]) {
        case '&': escape = "&amp;"; break;
        case '<': escape = "&lt;"; break;
        case '>': escape = "&gt;"; break;
        case '"': escape = "&quot;"; break;
        case '\'': escape = "&#39;"; break;
        default: continue;
        }
        if (buf_append(out, text + run, i - run) != 0 || buf_append_str(out, escape) != 0)
            return -1;
        run = i + 1;
    }
    return buf_append(out, text + run, len - run);
}

/* Decodes the UTF-8 sequence at s; the reader has validated it already. */
static unsigned long escape_utf8_decode(const unsigned char *s, size_t n, size_t *used)
{
    unsigned long cp;
    size_t len, i;

    if (s[0] >= 0xF0) {
        len = 4;
        cp = s[0] & 0x07;
    } else if (s[0] >= 0xE0) {
        len = 3;
        cp = s[0] & 0x0F;
    } else {
        len = 2;
        cp = s[0] & 0x1F;
    }
    if (len > n)
        len = n;
    for (i = 1; i < len; i++)
        cp = (cp << 6) | (s[i] & 0x3F);
    *used = len;
    return cp;
}

int escape_roff(buf *out, const char *text, size_t len)
{
    size_t i = 0, used;
    const unsigned char *s = (const unsigned char *)text;

    if (buf_reserve(out, len) != 0)
        return -1;
    /* \& is a zero-width character. In front, it keeps a value that starts
     * with a control character from being read as a request, and one that
     * starts with a blank from breaking the line, wherever the value lands. */
    if (len > 0 && (s[0] == '.' || s[0] == '\'' || s[0] == ' ' || s[0] < 0x20)
        && buf_append(out, "\\&", 2) != 0)
        return -1;
    while (i < len) {
        const char *named = NULL;
        int rc;

        /* Characters that groff, mandoc or a macro argument would not show
         * as typed get the glyph name both formatters know: a bare '-' may
         * print as a hyphen (U+2010) and ' ` ^ ~ as typographic marks, and
         * a '"' ends a quoted macro argument. The text stays greppable. */
        switch (s[i]) {
        case '\\': named = "\\e"; break;
        case '-': named = "\\-"; break;
        case '\'': named = "\\(aq"; break;
        case '`': named = "\\(ga"; break;
        case '"': named = "\\(dq"; break;
        case '^': named = "\\(ha"; break;
        case '~': named = "\\(ti"; break;
        default: break;
        }
        if (named)
            rc = buf_append_str(out, named);
        else if (s[i] < 0x20 || s[i] == 0x7F)
            /* TAB, and any control character (which has no glyph), is a
             * blank: a raw TAB or newline would change the layout. */
            rc = buf_append_char(out, ' ');
        else if (s[i] < 0x80)
            rc = buf_append_char(out, (char)s[i]);
        else {
            unsigned long cp = escape_utf8_decode(s + i, len - i, &used);

            /* groff has no glyph for U+00A0 but \~ is its no-break space;
             * C1 controls have no glyph at all. */
            if (cp == 0xA0)
                rc = buf_append(out, "\\~", 2);
            else if (cp < 0xA0)
                rc = buf_append_char(out, ' ');
            else
                rc = buf_printf(out, "\\[u%04lX]", cp);
            i += used;
            if (rc != 0)
                return -1;
            continue;
        }
        if (rc != 0)
            return -1;
        i++;
    }
    /* A blank at the end of an input line draws a lint warning and may be
     * dropped; \& after it keeps it and ends the line with a character. */
    if (len > 0 && out->data[out->len - 1] == ' ' && buf_append(out, "\\&", 2) != 0)
        return -1;
    return 0;
}

render_escape_fn escape_for_template(const char *file_name)
{
    size_t len = strlen(file_name);
    const char *dot;
    static const char suffix[] = ".mustache";

    if (len >= sizeof suffix - 1
        && strcmp(file_name + len - (sizeof suffix - 1), suffix) == 0)
        len -= sizeof suffix - 1;
    dot = NULL;
    for (size_t i = len; i > 0; i--) {
        if (file_name[i - 1] == '.') {
            dot = file_name + i - 1;
            break;
        }
        if (file_name[i - 1] == '/')
            break;
    }
    if (!dot)
        return NULL;
    len -= (size_t)(dot - file_name);
    if ((len == 2 && (dot[1] == 'h' || dot[1] == 'c')))
        return escape_c;
    if ((len == 5 && strncmp(dot, ".html", 5) == 0)
        || (len == 4 && strncmp(dot, ".htm", 4) == 0))
        return escape_html;
    if (len == 2 && dot[1] >= '1' && dot[1] <= '9')
        return escape_roff;
    return NULL;
}
