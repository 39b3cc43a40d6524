#include "escape.h"

#include <stdio.h>
#include <string.h>

/* The escapers share one loop, escape_with(): a picker looks at the
 * character at s[i] and returns its replacement, or NULL to copy it. Runs of
 * bytes that need nothing are copied in one append. */
typedef const char *escape_pick_fn(const unsigned char *s, size_t len, size_t i,
                                   size_t *used, char tmp[8]);

/* An escaper: its picker, and the bytes it may replace (or look at), so
 * that the loop asks the picker about those only. ascii lists the printable
 * ones; controls adds 0x00-0x1F and 0x7F; high is 0, 0xFF for every byte
 * from 0x80 on, or the one lead byte of a sequence the picker replaces. */
typedef struct escape_class {
    const char *name;            /* for escape_check_tables()'s message */
    escape_pick_fn *pick;
    const char *ascii;
    int controls;
    unsigned high;
    unsigned char special[256]; /* built on first use */
    int built;
} escape_class;

static const unsigned char *escape_special(escape_class *c)
{
    const char *a;
    unsigned i;

    if (c->built)
        return c->special;
    for (i = 0; i < 256; i++)
        c->special[i] = (c->controls && (i < 0x20 || i == 0x7F))
                        || (c->high == 0xFF && i >= 0x80) || (c->high && i == c->high);
    for (a = c->ascii; *a; a++)
        c->special[(unsigned char)*a] = 1;
    c->built = 1;
    return c->special;
}

static int escape_with(buf *out, const char *text, size_t len, escape_class *c)
{
    const unsigned char *s = (const unsigned char *)text;
    const unsigned char *special = escape_special(c);
    size_t i = 0, run = 0;
    char tmp[8];

    if (buf_reserve(out, len) != 0)
        return -1;
    while (i < len) {
        size_t used = 1;
        const char *escape;

        if (!special[s[i]]) {
            i++;
            continue;
        }
        escape = c->pick(s, len, i, &used, tmp);
        if (!escape) {
            i++;
            continue;
        }
        if (buf_append(out, text + run, i - run) != 0 || buf_append_str(out, escape) != 0)
            return -1;
        i += used;
        run = i;
    }
    return buf_append(out, text + run, len - run);
}

/* The table of each escaper: its picker and the bytes the picker
 * replaces. A test (tests/test_escape.c) asks every escaper about every
 * byte in every position, so a byte missing here cannot go unnoticed. */
#define ESCAPE_CLASS(name, ascii, controls, high) \
    static escape_class name##_class = {#name, pick_##name, ascii, controls, high, {0}, 0}

static const char hex_digits[] = "0123456789abcdef";

static const char *escape_hex(char tmp[8], const char *lead, unsigned char c)
{
    size_t n = strlen(lead);

    memcpy(tmp, lead, n);
    tmp[n] = hex_digits[c >> 4];
    tmp[n + 1] = hex_digits[c & 15];
    tmp[n + 2] = '\0';
    return tmp;
}

/* Octal, where a hex escape would swallow the digits that follow (C, Java). */
static const char *escape_octal(char tmp[8], unsigned char c)
{
    tmp[0] = '\\';
    tmp[1] = (char)('0' + (c >> 6));
    tmp[2] = (char)('0' + ((c >> 3) & 7));
    tmp[3] = (char)('0' + (c & 7));
    tmp[4] = '\0';
    return tmp;
}

static int escape_is_control(unsigned char c)
{
    return c < 0x20 || c == 0x7F;
}

static const char *pick_c(const unsigned char *s, size_t len, size_t i, size_t *used,
                          char tmp[8])
{
    (void)len;
    (void)used;
    switch (s[i]) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '?': return "\\?"; /* so that no trigraph can form */
    case '\t': return "\\t";
    default: break;
    }
    return s[i] >= 0x20 && s[i] < 0x7F ? NULL : escape_octal(tmp, s[i]);
}

ESCAPE_CLASS(c, "\"\\?", 1, 0xFF);

int escape_c(buf *out, const char *text, size_t len)
{
    return escape_with(out, text, len, &c_class);
}

static const char *pick_html(const unsigned char *s, size_t len, size_t i, size_t *used,
                             char tmp[8])
{
    (void)len;
    (void)used;
    (void)tmp;
    switch (s[i]) {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    case '\'': return "&#39;";
    default: return NULL;
    }
}

ESCAPE_CLASS(html, "&<>\"'", 0, 0);

int escape_html(buf *out, const char *text, size_t len)
{
    return escape_with(out, text, len, &html_class);
}

/* JSON (RFC 8259): '"', '\\' and every control character, as the short
 * escapes where JSON has them and \u00XX otherwise; DEL too. U+2028 and
 * U+2029 are escaped, as JavaScript before ES2019 ends a line at them, and
 * '<' is \u003c (as Go's encoding/json writes it), so that the value can
 * sit in an HTML <script> block: no "</script" ends it early and no "<!--"
 * changes how the browser looks for its end. */
static const char *pick_json(const unsigned char *s, size_t len, size_t i, size_t *used,
                             char tmp[8])
{
    switch (s[i]) {
    case '"': return "\\\"";
    case '\\': return "\\\\";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '<': return "\\u003c";
    case 0xE2:
        if (i + 2 < len && s[i + 1] == 0x80 && (s[i + 2] == 0xA8 || s[i + 2] == 0xA9)) {
            *used = 3;
            return s[i + 2] == 0xA8 ? "\\u2028" : "\\u2029";
        }
        return NULL;
    default: break;
    }
    return escape_is_control(s[i]) ? escape_hex(tmp, "\\u00", s[i]) : NULL;
}

ESCAPE_CLASS(json, "\"\\<", 1, 0xE2);

int escape_json(buf *out, const char *text, size_t len)
{
    return escape_with(out, text, len, &json_class);
}

/* JavaScript and TypeScript: JSON's escapes, plus ' ` and $, so that the
 * value is safe in a '...' string and a `...` template literal too. */
static const char *pick_js(const unsigned char *s, size_t len, size_t i, size_t *used,
                           char tmp[8])
{
    switch (s[i]) {
    case '\'': return "\\'";
    case '`': return "\\`";
    case '$': return "\\$";
    default: return pick_json(s, len, i, used, tmp);
    }
}

ESCAPE_CLASS(js, "\"\\<'`$", 1, 0xE2);

int escape_js(buf *out, const char *text, size_t len)
{
    return escape_with(out, text, len, &js_class);
}

/* Python 3: \\ \' \" \n \r \t and \xHH for the other control characters,
 * so that the value is safe in '...' and "..." alike. Other characters are
 * written as they are (source files are UTF-8). */
static const char *pick_py(const unsigned char *s, size_t len, size_t i, size_t *used,
                           char tmp[8])
{
    (void)len;
    (void)used;
    switch (s[i]) {
    case '\\': return "\\\\";
    case '\'': return "\\'";
    case '"': return "\\\"";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    default: break;
    }
    return escape_is_control(s[i]) ? escape_hex(tmp, "\\x", s[i]) : NULL;
}

ESCAPE_CLASS(py, "\\'\"", 1, 0);

int escape_py(buf *out, const char *text, size_t len)
{
    return escape_with(out, text, len, &py_class);
}

/* Go interpreted strings: \\ \" and \a \b \f \n \r \t \v, \xHH otherwise.
 * Go has no \' (or \/) in a string literal: ' is written as it is. The Go
 * compiler refuses a byte order mark (U+FEFF) anywhere but at the start of
 * a file, so it is written \uFEFF. */
static const char *pick_go(const unsigned char *s, size_t len, size_t i, size_t *used,
                           char tmp[8])
{
    switch (s[i]) {
    case 0xEF:
        if (i + 2 < len && s[i + 1] == 0xBB && s[i + 2] == 0xBF) {
            *used = 3;
            return "\\uFEFF";
        }
        return NULL;
    case '\\': return "\\\\";
    case '"': return "\\\"";
    case '\a': return "\\a";
    case '\b': return "\\b";
    case '\f': return "\\f";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\v': return "\\v";
    default: break;
    }
    return escape_is_control(s[i]) ? escape_hex(tmp, "\\x", s[i]) : NULL;
}

ESCAPE_CLASS(go, "\\\"", 1, 0xEF);

int escape_go(buf *out, const char *text, size_t len)
{
    return escape_with(out, text, len, &go_class);
}

/* Rust string literals: \\ \" \n \r \t \0, and \xHH (which Rust allows
 * up to 7F) for the other control characters; ' is written as it is. */
static const char *pick_rust(const unsigned char *s, size_t len, size_t i, size_t *used,
                             char tmp[8])
{
    (void)len;
    (void)used;
    switch (s[i]) {
    case '\\': return "\\\\";
    case '"': return "\\\"";
    case '\n': return "\\n";
    case '\r': return "\\r";
    case '\t': return "\\t";
    case '\0': return "\\0";
    default: break;
    }
    return escape_is_control(s[i]) ? escape_hex(tmp, "\\x", s[i]) : NULL;
}

ESCAPE_CLASS(rust, "\\\"", 1, 0);

int escape_rust(buf *out, const char *text, size_t len)
{
    return escape_with(out, text, len, &rust_class);
}

/* Java: \\ \" \b \t \n \f \r, three-digit octal for the other control
 * characters; ' is written as it is. Never \u: javac reads \u escapes
 * before it reads strings, so \u000a would end the line. */
static const char *pick_java(const unsigned char *s, size_t len, size_t i, size_t *used,
                             char tmp[8])
{
    (void)len;
    (void)used;
    switch (s[i]) {
    case '\\': return "\\\\";
    case '"': return "\\\"";
    case '\b': return "\\b";
    case '\t': return "\\t";
    case '\n': return "\\n";
    case '\f': return "\\f";
    case '\r': return "\\r";
    default: break;
    }
    return escape_is_control(s[i]) ? escape_octal(tmp, s[i]) : NULL;
}

ESCAPE_CLASS(java, "\\\"", 1, 0);

int escape_java(buf *out, const char *text, size_t len)
{
    return escape_with(out, text, len, &java_class);
}

/* Markdown (GFM) text: the ASCII punctuation that can start emphasis, code,
 * a link, raw HTML, a table cell, strikethrough or an entity gets a
 * backslash; at the start of the value, the marks that would open a heading,
 * a list, a setext underline or a numbered list too. A control character is
 * a blank (a newline would end a table row), and a blank at either edge is
 * &#32;, which a table cell or a paragraph does not trim. */
static const char *pick_markdown(const unsigned char *s, size_t len, size_t i,
                                 size_t *used, char tmp[8])
{
    (void)used;
    switch (s[i]) {
    case '\\': return "\\\\";
    case '`': return "\\`";
    case '*': return "\\*";
    case '_': return "\\_";
    case '[': return "\\[";
    case ']': return "\\]";
    case '<': return "\\<";
    case '>': return "\\>";
    case '|': return "\\|";
    case '~': return "\\~";
    case '&': return "\\&";
    default: break;
    }
    if (i == 0 && (s[0] == '#' || s[0] == '-' || s[0] == '+' || s[0] == '=')) {
        tmp[0] = '\\';
        tmp[1] = (char)s[0];
        tmp[2] = '\0';
        return tmp;
    }
    if ((s[i] == '.' || s[i] == ')') && i > 0) {
        size_t j = 0;

        while (j < i && s[j] >= '0' && s[j] <= '9')
            j++;
        if (j == i)
            return s[i] == '.' ? "\\." : "\\)";
    }
    if (escape_is_control(s[i]) || s[i] == ' ')
        return (i == 0 || i + 1 == len) ? "&#32;" : s[i] == ' ' ? NULL : " ";
    return NULL;
}

ESCAPE_CLASS(markdown, "\\`*_[]<>|~&#-+=.) ", 1, 0);

int escape_markdown(buf *out, const char *text, size_t len)
{
    return escape_with(out, text, len, &markdown_class);
}

/* A CSV field inside double quotes (RFC 4180): '"' is doubled. */
static const char *pick_csv(const unsigned char *s, size_t len, size_t i, size_t *used,
                            char tmp[8])
{
    (void)len;
    (void)used;
    (void)tmp;
    return s[i] == '"' ? "\"\"" : NULL;
}

ESCAPE_CLASS(csv, "\"", 0, 0);

int escape_csv(buf *out, const char *text, size_t len)
{
    return escape_with(out, text, len, &csv_class);
}

int escape_text(buf *out, const char *text, size_t len)
{
    return buf_append(out, text, len);
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

/* Appends \[uXXXX] for cp (four to six upper-case hex digits, as
 * "\\[u%04lX]" would print it, without a printf call per character). */
static int escape_roff_code_point(buf *out, unsigned long cp)
{
    char text[16];
    int digits = cp > 0xFFFFF ? 6 : cp > 0xFFFF ? 5 : 4, i;

    memcpy(text, "\\[u", 3);
    for (i = digits - 1; i >= 0; i--, cp >>= 4)
        text[3 + i] = "0123456789ABCDEF"[cp & 15];
    text[3 + digits] = ']';
    return buf_append(out, text, (size_t)digits + 4);
}

int escape_roff(buf *out, const char *text, size_t len)
{
    size_t i = 0, used;
    const unsigned char *s = (const unsigned char *)text;
    int blank = 0; /* the last byte written is a blank (out may be a stream,
                      which cannot be read back) */

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
        blank = !named && (s[i] < 0x20 || s[i] == 0x7F || s[i] == ' ');
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

            blank = cp < 0xA0;
            /* groff has no glyph for U+00A0 but \~ is its no-break space;
             * C1 controls have no glyph at all. */
            if (cp == 0xA0)
                rc = buf_append(out, "\\~", 2);
            else if (cp < 0xA0)
                rc = buf_append_char(out, ' ');
            else
                rc = escape_roff_code_point(out, cp);
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
    if (blank && buf_append(out, "\\&", 2) != 0)
        return -1;
    return 0;
}

int escape_check_tables(char *why, size_t size)
{
    static const unsigned char near[] = {'a', '0', '9', ' ', '.', ')', '#', 0x80, 0xA8,
                                         0xA9, 0xBB, 0xBF, 0xE2, 0xEF};
    static escape_class *const classes[] = {&c_class, &html_class, &json_class, &js_class,
                                            &py_class, &go_class, &rust_class,
                                            &java_class, &markdown_class, &csv_class};
    const size_t n = sizeof near;
    unsigned char s[4];
    size_t k, x, y, z, used;
    unsigned b;
    char tmp[8];

    for (k = 0; k < sizeof classes / sizeof *classes; k++) {
        const unsigned char *special = escape_special(classes[k]);

        for (b = 0; b < 256; b++) {
            if (special[b])
                continue;
            /* s = [x] b [y z]: b first, alone, last, or inside. */
            for (x = 0; x <= n; x++)
                for (y = 0; y <= n; y++)
                    for (z = 0; z <= n; z++) {
                        size_t i = x < n, len;

                        if (x < n)
                            s[0] = near[x];
                        s[i] = (unsigned char)b;
                        len = i + 1;
                        if (y < n)
                            s[len++] = near[y];
                        if (y < n && z < n)
                            s[len++] = near[z];
                        used = 1;
                        if (classes[k]->pick(s, len, i, &used, tmp)) {
                            snprintf(why, size, "escape_%s: byte 0x%02X is replaced but "
                                     "not in its table", classes[k]->name, b);
                            return -1;
                        }
                    }
        }
    }
    return 0;
}
