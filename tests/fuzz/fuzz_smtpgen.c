/* fuzz_smtpgen.c - a libFuzzer harness that drives arbitrary bytes through
 * every stage of smtpgen: the reader (strict, and with --format's
 * relaxations), the canonical form, the model with the enhanced status
 * codes, the document (its Jansson tree and row store), its view and its
 * dump, and every real
 * template rendered with its own escaper and with each of the others.
 * Nothing is written to disk.
 *
 * The input is up to four tables separated by 0xFF bytes (a byte that valid
 * UTF-8 never holds, so a separator cannot hide a valid table), in the
 * order smtpgen takes them: the replies CSV, the reasons CSV, the subcode
 * CSV (classes and subjects) and the enhanced status code CSV; the last
 * part runs to the end of the input. A table the input leaves out is a
 * small valid one of the harness, so that one mutated table still reaches
 * the renderers: "REPLIES" and "REPLIES\xffREASONS" (the seeds of
 * tests/fuzz/run.sh) go with the harness's subcode and enhanced tables.
 * "REPLIES\xffREASONS\xff" (an empty third part and no fourth) adds no
 * enhanced tables at all: model_add_enhanced() is not called, as for a
 * model built without them.
 *
 * Besides what the sanitizers catch, the harness traps (__builtin_trap) when
 * an invariant breaks:
 *  - the canonical form of a table reads back to the same records and is a
 *    fixed point of --format;
 *  - the JSON dump is what Jansson writes for the tree it parses back to,
 *    byte for byte, and doc_view() leaves the document's dump as it was;
 *  - the model's enhanced codes hold what model_add_enhanced() promises
 *    (classes 2, 4 and 5, known subjects, unique codes, parsed basic codes,
 *    resolved replacements), the document links replies and enhanced codes
 *    both ways exactly for the basic codes with a reply row, and the view's
 *    "basic", "replacement", subjects' and codes groups' "enhanced" agree
 *    with the document;
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

#include "artifacts.h"
#include "buf.h"
#include "canon.h"
#include "csv_read.h"
#include "doc.h"
#include "error.h"
#include "escape.h"
#include "model.h"
#include "render.h"
#include "utf8.h"

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

/* The shipped templates and the outputs they name (whose extension picks
 * the escaper). */
static const char *const fuzz_template_names[] = {
    "include/{{prefix}}_codes.h.mustache",
    "man/smtp-codes.7.mustache",
    "html/smtp-codes.html.mustache",
};
static const char *const fuzz_output_names[] = {
    "include/smtp_codes.h",
    "man/smtp-codes.7",
    "html/smtp-codes.html",
};
#define FUZZ_TEMPLATE_COUNT (sizeof fuzz_template_names / sizeof fuzz_template_names[0])

static char *fuzz_templates[FUZZ_TEMPLATE_COUNT];
static size_t fuzz_template_lens[FUZZ_TEMPLATE_COUNT];

static const render_escape_fn fuzz_escapers[] = {escape_c, escape_html, escape_roff};
#define FUZZ_ESCAPER_COUNT (sizeof fuzz_escapers / sizeof fuzz_escapers[0])

static const char fuzz_default_reasons[] =
    "name,symbol,code,description\n"
    "TIMEOUT,4XX_TIMEOUT,421,Timeout\n"
    "NO_REPLY,5XX_NO_REPLY,559,\"A reason, \"\"quoted\"\"\"\n";

static const char fuzz_default_subcodes[] =
    "kind,code,name,title\n"
    "class,2,SUCCESS,Success\n"
    "class,4,PERSISTENT_TRANSIENT_FAILURE,Persistent Transient Failure\n"
    "class,5,PERMANENT_FAILURE,\"Permanent <Failure> & \"\"more\"\"\"\n"
    "subject,0,OTHER,Other or Undefined Status\n"
    "subject,1,ADDRESSING,Addressing Status\n"
    "subject,2,MAILBOX,Mailbox Status\n"
    "subject,7,SECURITY,Security or Policy Status\n";

/* Basic codes that the shipped replies have (421, 450, 451, 550, 552) and
 * the harness's reasons (559 has no reply row), class patterns, a
 * deprecated row with its replacement later in the file, text that every
 * escaper has work with. */
static const char fuzz_default_enhanced[] =
    "name,subject,detail,text,basic_codes,reference,deprecated,replaced_by,description\n"
    "OTHER_UNDEFINED_STATUS,0,0,Other undefined Status,,[RFC3463],,,"
    "\"Other, \"\"undefined\"\"\"\n"
    "BAD_DESTINATION_MAILBOX,1,1,Bad <destination> & 'mailbox' \\fB,451 550,[RFC3463],,,"
    ".TH x */ ?\?/ {{y}}\n"
    "OLD_FULL,2,3,,552 559,[RFC3463],0.2.0,MAILBOX_FULL,Deprecated.\n"
    "MAILBOX_FULL,2,2,Mailbox full,421 450 5XX,[RFC3463],,,Full.\n"
    "PRIORITY_TOO_LOW,7,15,Priority too low,450 550 4XX 5XX,[RFC6710],,,Low.\n";

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

/* What escape_json wrote, quoted, is a JSON string Jansson reads back as
 * the input, when the input is UTF-8 (JSON carries nothing else); and it
 * holds no '<' (see pick_json). */
static void fuzz_check_json(const char *text, size_t len, const char *out, size_t out_len)
{
    buf quoted = BUF_INIT;
    json_t *back;
    json_error_t jerr;
    size_t i = 0, n;
    unsigned long cp;

    FUZZ_CHECK(memchr(out, '<', out_len) == NULL);
    while (i < len) {
        n = utf8_sequence_length((const unsigned char *)text + i, len - i, &cp);
        if (n == 0)
            return;
        i += n;
    }
    FUZZ_CHECK(buf_append_char(&quoted, '"') == 0 && buf_append(&quoted, out, out_len) == 0
               && buf_append_char(&quoted, '"') == 0);
    back = json_loadb(quoted.data, quoted.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    FUZZ_CHECK(back != NULL && json_is_string(back));
    FUZZ_CHECK(json_string_length(back) == len
               && (len == 0 || memcmp(json_string_value(back), text, len) == 0));
    json_decref(back);
    buf_free(&quoted);
}

/* What escape_csv wrote: each '"' doubled, nothing else changed. */
static void fuzz_check_csv(const char *text, size_t len, const char *out, size_t out_len)
{
    size_t i, j = 0;

    for (i = 0; i < len; i++) {
        FUZZ_CHECK(j < out_len && out[j] == text[i]);
        j++;
        if (text[i] == '"') {
            FUZZ_CHECK(j < out_len && out[j] == '"');
            j++;
        }
    }
    FUZZ_CHECK(j == out_len);
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
    out.len = 0;
    FUZZ_CHECK(escape_json(&out, text, len) == 0);
    fuzz_check_json(text, len, out.data ? out.data : "", out.len);
    out.len = 0;
    FUZZ_CHECK(escape_csv(&out, text, len) == 0);
    fuzz_check_csv(text, len, out.data ? out.data : "", out.len);
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
                                 CSVREAD_SKIP_BLANK_LINES, &err);
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

static void fuzz_render_all(const value *view)
{
    size_t t, e;
    buf out = BUF_INIT;
    gen_error err;

    for (t = 0; t < FUZZ_TEMPLATE_COUNT; t++) {
        render_escape_fn own = artifacts_escaper(fuzz_output_names[t], NULL);

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

/* The optional columns of row i of any table: a replacement only on a
 * deprecated row, resolved to another row of the table by its name, not
 * deprecated itself; aliases split into names. */
#define FUZZ_CHECK_EVOLUTION(rows, count, i)                                          \
    do {                                                                              \
        const model_evolution *ev_ = &(rows)[i].evolution;                            \
        size_t k_;                                                                    \
                                                                                      \
        if (*ev_->replaced_by) {                                                      \
            FUZZ_CHECK(*ev_->deprecated);                                             \
            FUZZ_CHECK(ev_->replaced >= 0 && (size_t)ev_->replaced < (count)          \
                       && (size_t)ev_->replaced != (i));                              \
            FUZZ_CHECK(strcmp((rows)[ev_->replaced].name, ev_->replaced_by) == 0);    \
            FUZZ_CHECK(!*(rows)[ev_->replaced].evolution.deprecated);                 \
        } else {                                                                      \
            FUZZ_CHECK(ev_->replaced == -1);                                          \
        }                                                                             \
        FUZZ_CHECK((ev_->naliases == 0) == (ev_->aliases == NULL));                   \
        for (k_ = 0; k_ < ev_->naliases; k_++)                                        \
            FUZZ_CHECK(ev_->aliases[k_][0] >= 'A' && ev_->aliases[k_][0] <= 'Z'       \
                       && !strchr(ev_->aliases[k_], ' '));                            \
        FUZZ_CHECK(ev_->naliases == 0 || ev_->aliases[ev_->naliases] == NULL);        \
    } while (0)

static void fuzz_check_values(const model *m)
{
    size_t i;

    for (i = 0; i < m->nreplies; i++)
        FUZZ_CHECK_EVOLUTION(m->replies, m->nreplies, i);
    for (i = 0; i < m->nreasons; i++)
        FUZZ_CHECK_EVOLUTION(m->reasons, m->nreasons, i);
    for (i = 0; i < m->nreplies; i++) {
        fuzz_check_escapers(m->replies[i].name, strlen(m->replies[i].name));
        fuzz_check_escapers(m->replies[i].description, strlen(m->replies[i].description));
    }
    for (i = 0; i < m->nreasons; i++) {
        fuzz_check_escapers(m->reasons[i].symbol, strlen(m->reasons[i].symbol));
        fuzz_check_escapers(m->reasons[i].description, strlen(m->reasons[i].description));
    }
    for (i = 0; i < m->nclasses; i++)
        fuzz_check_escapers(m->classes[i].title, strlen(m->classes[i].title));
    for (i = 0; i < m->nsubjects; i++)
        fuzz_check_escapers(m->subjects[i].title, strlen(m->subjects[i].title));
    for (i = 0; i < m->nenhanced; i++) {
        fuzz_check_escapers(m->enhanced[i].text, strlen(m->enhanced[i].text));
        fuzz_check_escapers(m->enhanced[i].reference, strlen(m->enhanced[i].reference));
        fuzz_check_escapers(m->enhanced[i].description, strlen(m->enhanced[i].description));
    }
}

/* What model_add_enhanced() promises of a model it accepted. */
static void fuzz_check_enhanced_model(const model *m)
{
    static unsigned char seen_code[1000 * 1000];
    int class_seen[10] = {0};
    size_t i, k, j;

    FUZZ_CHECK(m->nclasses == 3 && m->nsubjects >= 1);
    for (i = 0; i < m->nclasses; i++) {
        FUZZ_CHECK(m->classes[i].code == 2 || m->classes[i].code == 4
                   || m->classes[i].code == 5);
        FUZZ_CHECK(!class_seen[m->classes[i].code]);
        class_seen[m->classes[i].code] = 1;
    }
    for (i = 0; i < m->nsubjects; i++)
        FUZZ_CHECK(m->subjects[i].code >= 0 && m->subjects[i].code <= 999
                   && *m->subjects[i].title);
    for (i = 0; i < m->nenhanced; i++) {
        const model_enhanced *e = &m->enhanced[i];

        FUZZ_CHECK(e->subject >= 0 && e->subject <= 999 && e->detail >= 0
                   && e->detail <= 999);
        FUZZ_CHECK(e->subject_row >= 0 && (size_t)e->subject_row < m->nsubjects
                   && m->subjects[e->subject_row].code == e->subject);
        FUZZ_CHECK(!seen_code[e->subject * 1000 + e->detail]);
        seen_code[e->subject * 1000 + e->detail] = 1;
        FUZZ_CHECK(*e->text || *e->evolution.deprecated);
        FUZZ_CHECK(*e->description);
        FUZZ_CHECK(strlen(e->basic_codes) == (e->nbasic ? 4 * e->nbasic - 1 : 0));
        for (k = 0; k < e->nbasic; k++) {
            const model_basic *b = &e->basic[k];

            FUZZ_CHECK(strlen(b->text) == 3
                       && memcmp(b->text, e->basic_codes + 4 * k, 3) == 0);
            FUZZ_CHECK(b->cls >= 2 && b->cls <= 5 && b->text[0] - '0' == b->cls);
            if (b->code == 0)
                FUZZ_CHECK(strcmp(b->text + 1, "XX") == 0);
            else
                FUZZ_CHECK(b->code / 100 == b->cls && b->code / 10 % 10 <= 5
                           && atoi(b->text) == b->code);
            for (j = 0; j < k; j++)
                FUZZ_CHECK(strcmp(e->basic[j].text, b->text) != 0);
        }
        FUZZ_CHECK_EVOLUTION(m->enhanced, m->nenhanced, i);
    }
    for (i = 0; i < m->nenhanced; i++)
        seen_code[m->enhanced[i].subject * 1000 + m->enhanced[i].detail] = 0;
}

static const char *fuzz_name(json_t *object)
{
    const char *name = json_string_value(json_object_get(object, "name"));

    FUZZ_CHECK(name != NULL);
    return name;
}

/* The document's links between replies and enhanced codes, and the view's
 * groupings of the enhanced codes, against the document. */
static void fuzz_check_enhanced_doc(json_t *doc, json_t *view)
{
    json_t *replies = json_object_get(doc, "replies");
    json_t *enhanced = json_object_get(doc, "enhanced");
    json_t *view_enhanced = json_object_get(view, "enhanced");
    json_t *reply_at[1000] = {NULL}, *group_at[1000] = {NULL};
    json_t *value, *e, *code, *link, *name, *group;
    size_t i, k, n, links = 0, back_links = 0, in_subjects = 0, in_groups = 0;
    size_t want_groups = 0;

    FUZZ_CHECK(json_is_array(enhanced) && json_is_array(view_enhanced)
               && json_array_size(view_enhanced) == json_array_size(enhanced));
    FUZZ_CHECK(json_array_size(json_object_get(view, "subjects"))
               == json_array_size(json_object_get(doc, "subjects")));
    json_array_foreach(replies, i, value) {
        reply_at[json_integer_value(json_object_get(value, "code")) % 1000] = value;
        back_links += json_array_size(json_object_get(value, "enhanced"));
    }
    json_array_foreach(json_object_get(view, "codes"), i, group)
        group_at[json_integer_value(json_object_get(group, "code")) % 1000] = group;
    json_array_foreach(enhanced, i, e) {
        json_t *copy = json_array_get(view_enhanced, i);
        json_t *basic = json_object_get(copy, "basic");
        json_t *linked = json_object_get(e, "replies");
        json_t *replacement = json_object_get(copy, "replacement");
        size_t nlinked = 0;

        FUZZ_CHECK(strcmp(fuzz_name(copy), fuzz_name(e)) == 0);
        FUZZ_CHECK(json_array_size(basic)
                   == json_array_size(json_object_get(e, "basic_codes")));
        json_array_foreach(json_object_get(e, "basic_codes"), k, code) {
            const char *text = json_string_value(code);
            int pattern;
            json_t *reply;

            FUZZ_CHECK(text != NULL && strlen(text) == 3);
            pattern = text[1] == 'X';
            reply = pattern ? NULL : reply_at[atoi(text) % 1000];
            link = json_array_get(basic, k);
            FUZZ_CHECK(json_equal(json_object_get(link, "code"), code));
            FUZZ_CHECK(json_is_true(json_object_get(link, "pattern")) == pattern);
            /* The reply row, exactly when the table has one. */
            FUZZ_CHECK(reply ? json_equal(json_object_get(link, "reply"), reply)
                             : json_object_get(link, "reply") == NULL);
            if (reply) {
                /* Linked both ways, in column order. */
                FUZZ_CHECK(nlinked < json_array_size(linked)
                           && strcmp(json_string_value(json_array_get(linked, nlinked)),
                                     fuzz_name(reply))
                                  == 0);
                nlinked++;
                json_array_foreach(json_object_get(reply, "enhanced"), n, name)
                    if (strcmp(json_string_value(name), fuzz_name(e)) == 0)
                        break;
                FUZZ_CHECK(n < json_array_size(json_object_get(reply, "enhanced")));
            }
            if (!pattern && group_at[atoi(text) % 1000])
                want_groups++;
        }
        FUZZ_CHECK(json_array_size(linked) == nlinked);
        links += nlinked;
        if (json_is_string(json_object_get(e, "replaced_by"))) {
            FUZZ_CHECK(replacement != NULL
                       && strcmp(fuzz_name(replacement),
                                 json_string_value(json_object_get(e, "replaced_by")))
                              == 0);
            FUZZ_CHECK(json_is_null(json_object_get(replacement, "deprecated")));
        } else {
            FUZZ_CHECK(json_is_null(json_object_get(e, "replaced_by")) && replacement == NULL);
        }
    }
    FUZZ_CHECK(links == back_links);
    json_array_foreach(json_object_get(view, "subjects"), i, value) {
        json_array_foreach(json_object_get(value, "enhanced"), k, e)
            FUZZ_CHECK(json_integer_value(json_object_get(e, "subject"))
                       == json_integer_value(json_object_get(value, "subject")));
        in_subjects += json_array_size(json_object_get(value, "enhanced"));
    }
    /* Every code is under its subject, once. */
    FUZZ_CHECK(in_subjects == json_array_size(enhanced));
    json_array_foreach(json_object_get(view, "codes"), i, group)
        in_groups += json_array_size(json_object_get(group, "enhanced"));
    FUZZ_CHECK(in_groups == want_groups);
}

/* The input's tables: up to FUZZ_PARTS, split at the first 0xFF bytes. */
#define FUZZ_PARTS 4

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const names[FUZZ_PARTS] = {"replies.csv", "reasons.csv",
                                                  "subcodes.csv", "enhanced.csv"};
    static const char *const defaults[FUZZ_PARTS] = {"", fuzz_default_reasons,
                                                     fuzz_default_subcodes,
                                                     fuzz_default_enhanced};
    const char *bytes = (const char *)data, *part[FUZZ_PARTS], *sep;
    size_t len[FUZZ_PARTS], nparts = 0, rest = size, i;
    csvread_table *table[FUZZ_PARTS] = {NULL};
    int with_enhanced;
    model *m;
    document *d;
    document_view *dv;
    value view_root;
    json_t *doc, *view, *back;
    char *dump, *before, *again;
    size_t dump_len = 0, before_len = 0;
    gen_error err;

    /* The last part takes the rest, 0xFF bytes and all. */
    for (;;) {
        sep = nparts + 1 < FUZZ_PARTS && rest ? memchr(bytes, 0xFF, rest) : NULL;
        part[nparts] = bytes;
        len[nparts] = sep ? (size_t)(sep - bytes) : rest;
        nparts++;
        if (!sep)
            break;
        rest -= len[nparts - 1] + 1;
        bytes = sep + 1;
    }
    with_enhanced = !(nparts == 3 && len[2] == 0);
    for (i = 0; i < nparts; i++)
        fuzz_format(part[i], len[i]);
    for (i = nparts; i < FUZZ_PARTS; i++) {
        part[i] = defaults[i];
        len[i] = strlen(defaults[i]);
    }

    gen_error_init(&err);
    for (i = 0; i < (with_enhanced ? FUZZ_PARTS : 2u); i++) {
        table[i] = csvread_bytes(names[i], part[i], len[i], &err);
        if (!table[i]) {
            fuzz_check_error(&err);
            while (i > 0)
                csvread_free(table[--i]);
            return 0;
        }
    }
    m = model_build(table[0], table[1], fuzz_warn, NULL, &err);
    if (!m) {
        fuzz_check_error(&err);
        csvread_free(table[2]);
        csvread_free(table[3]);
        return 0;
    }
    if (with_enhanced) {
        if (model_add_enhanced(m, table[2], table[3], fuzz_warn, NULL, &err) != 0) {
            fuzz_check_error(&err);
            /* The model owns both tables now and frees whatever the failed
             * call left. */
            model_free(m);
            return 0;
        }
        fuzz_check_enhanced_model(m);
    } else {
        FUZZ_CHECK(m->nclasses == 0 && m->nsubjects == 0 && m->nenhanced == 0);
    }
    fuzz_check_values(m);
    d = doc_build(m, &err);
    FUZZ_CHECK(d != NULL);
    doc = doc_to_json(d);
    FUZZ_CHECK(doc != NULL);
    FUZZ_CHECK((json_object_get(json_object_get(doc, "sources"), "enhanced") != NULL)
               == with_enhanced);
    before = doc_dump(d, &before_len);
    FUZZ_CHECK(before != NULL);
    dv = doc_view(d, "2026-11-29", "smtp", &err);
    FUZZ_CHECK(dv != NULL);
    view_root = doc_view_root(dv);
    view = value_to_json(&view_root);
    FUZZ_CHECK(view != NULL);
    fuzz_check_enhanced_doc(doc, view);
    fuzz_render_all(&view_root);

    dump = doc_dump(d, &dump_len);
    FUZZ_CHECK(dump != NULL && dump_len > 0 && dump[dump_len - 1] == '\n');
    /* Neither the view nor rendering from it changed the document. */
    FUZZ_CHECK(dump_len == before_len && memcmp(dump, before, dump_len) == 0);
    /* The dump is Jansson's own dump of what it reads back, to the byte. */
    back = json_loadb(dump, dump_len, 0, NULL);
    FUZZ_CHECK(back != NULL);
    again = json_dumps(back, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
    FUZZ_CHECK(again != NULL && strlen(again) + 1 == dump_len
               && memcmp(again, dump, dump_len - 1) == 0);
    free(again);
    json_decref(back);
    free(before);
    free(dump);
    json_decref(view);
    json_decref(doc);
    doc_view_free(dv);
    doc_free(d);
    model_free(m);
    return 0;
}
