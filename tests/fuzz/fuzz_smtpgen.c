/* fuzz_smtpgen.c - a libFuzzer harness that drives arbitrary bytes through
 * every stage of smtpgen: the reader (strict, and with --format's
 * relaxations), the canonical form, the model, the Jansson document and its
 * dump, and every real template rendered with its own escaper and with each
 * of the others. Nothing is written to disk.
 *
 * The input is the replies CSV and the reasons CSV separated by the first
 * 0xFF byte (a byte that valid UTF-8 never holds, so the separator cannot
 * hide a valid table). Without one, the input is the replies CSV and a small
 * valid reasons table goes with it, so that a mutated replies table still
 * reaches the renderers.
 *
 * Besides what the sanitizers catch, the harness traps (__builtin_trap) when
 * an invariant breaks:
 *  - the canonical form of a table reads back to the same records and is a
 *    fixed point of --format;
 *  - the JSON dump parses back to the document it came from;
 *  - each escaper's output, decoded independently here, gives back the
 *    value it was given (the roff escaper turns control characters into
 *    blanks, as documented), and holds nothing that could end the string,
 *    open a tag or start a request.
 *
 * Build and run: tests/fuzz/run.sh SECONDS (see there). The templates are
 * read once from $SMTPGEN_FUZZ_TEMPLATES (default "templates").
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "canon.h"
#include "csv_read.h"
#include "doc.h"
#include "error.h"
#include "escape.h"
#include "model.h"
#include "render.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond)                                                           \
    do {                                                                           \
        if (!(cond)) {                                                             \
            fprintf(stderr, "fuzz_smtpgen: invariant broken at %s:%d: %s\n",      \
                    __FILE__, __LINE__, #cond);                                    \
            __builtin_trap();                                                      \
        }                                                                          \
    } while (0)

static const char *const fuzz_template_names[] = {
    "smtp_codes.h.mustache",
    "smtp-codes.7.mustache",
    "smtp-codes.html.mustache",
};
#define FUZZ_TEMPLATE_COUNT (sizeof fuzz_template_names / sizeof fuzz_template_names[0])

static char *fuzz_templates[FUZZ_TEMPLATE_COUNT];
static size_t fuzz_template_lens[FUZZ_TEMPLATE_COUNT];

static const render_escape_fn fuzz_escapers[] = {escape_c, escape_html, escape_roff};
#define FUZZ_ESCAPER_COUNT (sizeof fuzz_escapers / sizeof fuzz_escapers[0])

static const char fuzz_default_reasons[] =
    "name,symbol,code,description\n"
    "TIMEOUT,4XX_TIMEOUT,421,Timeout\n"
    "NO_REPLY,5XX_NO_REPLY,599,\"A reason, \"\"quoted\"\"\"\n";

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *dir = getenv("SMTPGEN_FUZZ_TEMPLATES");
    char path[4096];
    size_t i;
    gen_error err;

    (void)argc;
    (void)argv;
    if (!dir || !*dir)
        dir = "templates";
    for (i = 0; i < FUZZ_TEMPLATE_COUNT; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, fuzz_template_names[i]);
        gen_error_init(&err);
        fuzz_templates[i] = csvread_slurp(path, &fuzz_template_lens[i], &err);
        if (!fuzz_templates[i]) {
            fprintf(stderr, "fuzz_smtpgen: %s: %s (set SMTPGEN_FUZZ_TEMPLATES)\n", path,
                    err.text);
            exit(1);
        }
    }
    return 0;
}

/* --- Independent decoders for the escapers' output ----------------------- */

static int fuzz_octal(char c)
{
    return c >= '0' && c <= '7';
}

/* Decodes what escape_c wrote; checks that it is plain printable ASCII, that
 * no '"' is left unescaped and no "??" (a trigraph's start) appears. */
static void fuzz_check_c(const char *text, size_t len, const char *esc, size_t n)
{
    buf back = BUF_INIT;
    size_t i = 0;

    for (i = 0; i + 1 < n; i++)
        FUZZ_CHECK(!(esc[i] == '?' && esc[i + 1] == '?'));
    i = 0;
    while (i < n) {
        unsigned char c = (unsigned char)esc[i];

        FUZZ_CHECK(c >= 0x20 && c < 0x7F);
        FUZZ_CHECK(c != '"');
        if (c != '\\') {
            FUZZ_CHECK(buf_append_char(&back, (char)c) == 0);
            i++;
            continue;
        }
        FUZZ_CHECK(i + 1 < n);
        switch (esc[i + 1]) {
        case '"': case '\\': case '?':
            FUZZ_CHECK(buf_append_char(&back, esc[i + 1]) == 0);
            i += 2;
            break;
        case 't':
            FUZZ_CHECK(buf_append_char(&back, '\t') == 0);
            i += 2;
            break;
        default:
            FUZZ_CHECK(i + 3 < n && fuzz_octal(esc[i + 1]) && fuzz_octal(esc[i + 2])
                       && fuzz_octal(esc[i + 3]));
            FUZZ_CHECK(buf_append_char(&back, (char)(((esc[i + 1] - '0') << 6)
                                                     | ((esc[i + 2] - '0') << 3)
                                                     | (esc[i + 3] - '0'))) == 0);
            i += 4;
            break;
        }
    }
    FUZZ_CHECK(back.len == len && (len == 0 || memcmp(back.data, text, len) == 0));
    buf_free(&back);
}

/* Decodes what escape_html wrote: no markup character may be left raw. */
static void fuzz_check_html(const char *text, size_t len, const char *esc, size_t n)
{
    static const struct {
        const char *ref;
        char c;
    } refs[] = {{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'},
                {"&#39;", '\''}};
    buf back = BUF_INIT;
    size_t i = 0, k;

    while (i < n) {
        char c = esc[i];

        FUZZ_CHECK(c != '<' && c != '>' && c != '"' && c != '\'');
        if (c != '&') {
            FUZZ_CHECK(buf_append_char(&back, c) == 0);
            i++;
            continue;
        }
        for (k = 0; k < sizeof refs / sizeof refs[0]; k++)
            if (n - i >= strlen(refs[k].ref)
                && memcmp(esc + i, refs[k].ref, strlen(refs[k].ref)) == 0)
                break;
        FUZZ_CHECK(k < sizeof refs / sizeof refs[0]);
        FUZZ_CHECK(buf_append_char(&back, refs[k].c) == 0);
        i += strlen(refs[k].ref);
    }
    FUZZ_CHECK(back.len == len && (len == 0 || memcmp(back.data, text, len) == 0));
    buf_free(&back);
}

static int fuzz_utf8_append(buf *b, unsigned long cp)
{
    char s[4];
    size_t n;

    if (cp < 0x80) {
        s[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | (cp >> 6));
        s[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | (cp >> 12));
        s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        s[0] = (char)(0xF0 | (cp >> 18));
        s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return buf_append(b, s, n);
}

/* What the roff escaper promises to show for text: every byte as typed,
 * except that control characters (C0, DEL and C1) show as blanks. Text that
 * reaches an escaper has passed the reader, so it is valid UTF-8. */
static void fuzz_roff_expected(const char *text, size_t len, buf *want)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i;

    for (i = 0; i < len; i++) {
        if (s[i] < 0x20 || s[i] == 0x7F)
            FUZZ_CHECK(buf_append_char(want, ' ') == 0);
        else if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] < 0xA0) {
            FUZZ_CHECK(buf_append_char(want, ' ') == 0);
            i++;
        } else
            FUZZ_CHECK(buf_append_char(want, (char)s[i]) == 0);
    }
}

/* Decodes what escape_roff wrote. Only the escapes it documents may appear;
 * the line cannot start with a control character ('.' or '\''), holds no
 * raw control character, no raw non-ASCII byte and no trailing blank. */
static void fuzz_check_roff(const char *text, size_t len, const char *esc, size_t n)
{
    static const struct {
        const char *name;
        char c;
    } glyphs[] = {{"aq", '\''}, {"ga", '`'}, {"dq", '"'}, {"ha", '^'}, {"ti", '~'}};
    buf back = BUF_INIT, want = BUF_INIT;
    size_t i = 0, k;

    if (n > 0) {
        FUZZ_CHECK(esc[0] != '.' && esc[0] != '\'');
        FUZZ_CHECK(esc[n - 1] != ' ');
    }
    while (i < n) {
        unsigned char c = (unsigned char)esc[i];

        FUZZ_CHECK(c >= 0x20 && c < 0x7F);
        if (c != '\\') {
            FUZZ_CHECK(buf_append_char(&back, (char)c) == 0);
            i++;
            continue;
        }
        FUZZ_CHECK(i + 1 < n);
        c = (unsigned char)esc[i + 1];
        if (c == '&') {
            i += 2;
        } else if (c == 'e') {
            FUZZ_CHECK(buf_append_char(&back, '\\') == 0);
            i += 2;
        } else if (c == '-') {
            FUZZ_CHECK(buf_append_char(&back, '-') == 0);
            i += 2;
        } else if (c == '~') {
            FUZZ_CHECK(fuzz_utf8_append(&back, 0xA0) == 0);
            i += 2;
        } else if (c == '(') {
            FUZZ_CHECK(i + 3 < n);
            for (k = 0; k < sizeof glyphs / sizeof glyphs[0]; k++)
                if (memcmp(esc + i + 2, glyphs[k].name, 2) == 0)
                    break;
            FUZZ_CHECK(k < sizeof glyphs / sizeof glyphs[0]);
            FUZZ_CHECK(buf_append_char(&back, glyphs[k].c) == 0);
            i += 4;
        } else {
            unsigned long cp = 0;
            size_t digits = 0;

            FUZZ_CHECK(c == '[' && i + 3 < n && esc[i + 2] == 'u');
            for (i += 3; i < n && esc[i] != ']'; i++, digits++) {
                char d = esc[i];

                FUZZ_CHECK((d >= '0' && d <= '9') || (d >= 'A' && d <= 'F'));
                cp = cp * 16 + (unsigned long)(d <= '9' ? d - '0' : d - 'A' + 10);
            }
            FUZZ_CHECK(i < n && digits >= 4 && digits <= 6);
            /* roff reads \[uXXXX] with fewer than 4 or with lower-case
             * digits differently, and has no glyph for what is below
             * U+00A0 or a surrogate. */
            FUZZ_CHECK(cp > 0xA0 && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF));
            FUZZ_CHECK(digits == 4 || esc[i - digits] != '0');
            FUZZ_CHECK(fuzz_utf8_append(&back, cp) == 0);
            i++;
        }
    }
    fuzz_roff_expected(text, len, &want);
    FUZZ_CHECK(back.len == want.len
               && (want.len == 0 || memcmp(back.data, want.data, want.len) == 0));
    buf_free(&back);
    buf_free(&want);
}

static void fuzz_check_escapers(const char *text, size_t len)
{
    buf out = BUF_INIT;

    FUZZ_CHECK(escape_c(&out, text, len) == 0);
    fuzz_check_c(text, len, out.data ? out.data : "", out.len);
    out.len = 0;
    FUZZ_CHECK(escape_html(&out, text, len) == 0);
    fuzz_check_html(text, len, out.data ? out.data : "", out.len);
    out.len = 0;
    FUZZ_CHECK(escape_roff(&out, text, len) == 0);
    fuzz_check_roff(text, len, out.data ? out.data : "", out.len);
    buf_free(&out);
}

/* --- The stages ----------------------------------------------------------- */

static void fuzz_warn(void *ctx, const gen_error *warning)
{
    (void)ctx;
    FUZZ_CHECK(warning->set && warning->text[0] != '\0');
}

static void fuzz_check_error(const gen_error *err)
{
    FUZZ_CHECK(err->set);
    FUZZ_CHECK(err->text[0] != '\0');
    FUZZ_CHECK(memchr(err->text, '\0', sizeof err->text) != NULL);
}

static int fuzz_same_records(const csvread_table *a, const csvread_table *b)
{
    size_t r, f;

    if (a->nrecords != b->nrecords)
        return 0;
    for (r = 0; r < a->nrecords; r++) {
        if (a->records[r].nfields != b->records[r].nfields)
            return 0;
        for (f = 0; f < a->records[r].nfields; f++) {
            const csvread_field *x = &a->records[r].fields[f], *y = &b->records[r].fields[f];

            if (x->len != y->len || memcmp(x->text, y->text, x->len) != 0)
                return 0;
        }
    }
    return 1;
}

/* smtpgen --format: whatever the relaxed reader accepts has a canonical form
 * that the strict reader reads back to the same records, and that --format
 * leaves as it is. */
static void fuzz_format(const char *bytes, size_t len)
{
    buf prepared = BUF_INIT, canonical = BUF_INIT, again = BUF_INIT;
    csvread_table *relaxed, *strict;
    gen_error err;

    gen_error_init(&err);
    FUZZ_CHECK(canon_prepare(bytes, len, &prepared) == 0);
    relaxed = csvread_bytes_with("fuzz.csv", prepared.data ? prepared.data : "", prepared.len,
                                 CSVREAD_SKIP_BOM | CSVREAD_SKIP_BLANK_LINES, &err);
    if (!relaxed) {
        fuzz_check_error(&err);
        buf_free(&prepared);
        return;
    }
    FUZZ_CHECK(canon_format(relaxed, &canonical) == 0);
    strict = csvread_bytes("fuzz.csv", canonical.data ? canonical.data : "", canonical.len,
                           &err);
    FUZZ_CHECK(strict != NULL);
    FUZZ_CHECK(fuzz_same_records(relaxed, strict));
    FUZZ_CHECK(canon_format(strict, &again) == 0);
    FUZZ_CHECK(again.len == canonical.len
               && (again.len == 0 || memcmp(again.data, canonical.data, again.len) == 0));
    csvread_free(relaxed);
    csvread_free(strict);
    buf_free(&prepared);
    buf_free(&canonical);
    buf_free(&again);
}

static void fuzz_render_all(json_t *view)
{
    size_t t, e;
    buf out = BUF_INIT;
    gen_error err;

    for (t = 0; t < FUZZ_TEMPLATE_COUNT; t++) {
        render_escape_fn own = escape_for_template(fuzz_template_names[t]);

        FUZZ_CHECK(own != NULL);
        gen_error_init(&err);
        out.len = 0;
        FUZZ_CHECK(render_template(fuzz_template_names[t], fuzz_templates[t],
                                   fuzz_template_lens[t], view, own, NULL, &out, &err)
                   == 0);
        for (e = 0; e < FUZZ_ESCAPER_COUNT; e++) {
            if (fuzz_escapers[e] == own)
                continue;
            gen_error_init(&err);
            out.len = 0;
            FUZZ_CHECK(render_template(fuzz_template_names[t], fuzz_templates[t],
                                       fuzz_template_lens[t], view, fuzz_escapers[e], NULL,
                                       &out, &err)
                       == 0);
        }
    }
    buf_free(&out);
}

static void fuzz_check_values(const model *m)
{
    size_t i;

    for (i = 0; i < m->nreplies; i++) {
        fuzz_check_escapers(m->replies[i].name, strlen(m->replies[i].name));
        fuzz_check_escapers(m->replies[i].description, strlen(m->replies[i].description));
    }
    for (i = 0; i < m->nreasons; i++) {
        fuzz_check_escapers(m->reasons[i].symbol, strlen(m->reasons[i].symbol));
        fuzz_check_escapers(m->reasons[i].description, strlen(m->reasons[i].description));
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *bytes = (const char *)data;
    const char *sep = memchr(bytes, 0xFF, size);
    const char *reasons_bytes = sep ? sep + 1 : fuzz_default_reasons;
    size_t replies_len = sep ? (size_t)(sep - bytes) : size;
    size_t reasons_len = sep ? size - replies_len - 1 : sizeof fuzz_default_reasons - 1;
    csvread_table *replies, *reasons;
    model *m;
    json_t *doc, *view, *back;
    char *dump;
    size_t dump_len = 0;
    gen_error err;

    fuzz_format(bytes, replies_len);
    if (sep)
        fuzz_format(reasons_bytes, reasons_len);

    gen_error_init(&err);
    replies = csvread_bytes("replies.csv", bytes, replies_len, &err);
    reasons = replies ? csvread_bytes("reasons.csv", reasons_bytes, reasons_len, &err) : NULL;
    if (!replies || !reasons) {
        fuzz_check_error(&err);
        csvread_free(replies);
        return 0;
    }
    m = model_build(replies, reasons, fuzz_warn, NULL, &err);
    if (!m) {
        fuzz_check_error(&err);
        return 0;
    }
    fuzz_check_values(m);
    doc = doc_build(m, &err);
    FUZZ_CHECK(doc != NULL);
    model_free(m);
    view = doc_view(doc, "2026-11-29", &err);
    FUZZ_CHECK(view != NULL);
    fuzz_render_all(view);

    dump = doc_dump(doc, &dump_len);
    FUZZ_CHECK(dump != NULL && dump_len > 0 && dump[dump_len - 1] == '\n');
    back = json_loadb(dump, dump_len, 0, NULL);
    FUZZ_CHECK(back != NULL && json_equal(back, doc));
    json_decref(back);
    free(dump);
    json_decref(view);
    json_decref(doc);
    return 0;
}
