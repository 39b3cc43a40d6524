/* render.c - a Mustache engine over Jansson values.
 *
 * A template is parsed once into a flat node array and then walked with an
 * explicit stack, so rendering costs the same per element however long the
 * template is. A standalone partial's indentation is added, as the spec
 * says, to each line of the partial's template text: interpolated values
 * are not indented, and a partial included inline starts with none.
 */
#include "render.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many partials may be open inside one another. A partial that includes
 * itself unconditionally would otherwise never stop. */
#define RND_MAX_PARTIAL_DEPTH 64

/* Tag names quoted in error messages are cut to this many bytes. */
#define RND_NAME_IN_ERROR 100

typedef enum rnd_kind {
    RND_TEXT,     /* literal template text */
    RND_INDENT,   /* a line of a partial starts: write the indentation */
    RND_ESCAPED,  /* {{name}} */
    RND_RAW,      /* {{{name}}} and {{&name}} */
    RND_SECTION,  /* {{#name}}, its body up to end */
    RND_INVERTED, /* {{^name}}, its body up to end */
    RND_PARTIAL   /* {{>name}} */
} rnd_kind;

struct rnd_partial;

/* A template is parsed once into a flat array of nodes. A section's body is
 * the nodes that follow it up to (not including) its end index, so the
 * closing tag needs no node of its own. */
typedef struct rnd_node {
    rnd_kind kind;
    const char *str;         /* the text, or the tag's trimmed name */
    size_t len;
    size_t offset;           /* where the tag starts, for errors */
    size_t end;              /* sections: index of the node after the body */
    const char *indent;      /* standalone partials: whitespace before it */
    size_t indent_len;
    int standalone;          /* partials: the tag stood on a line alone */
    struct rnd_partial *partial; /* partials: filled on first use */
} rnd_node;

typedef struct rnd_tmpl {
    const char *source;      /* name for error messages; may be NULL */
    const char *text;        /* borrowed; nodes point into it */
    size_t len;
    rnd_node *nodes;
    size_t count, cap;
} rnd_tmpl;

/* A partial, loaded and parsed the first time any tag names it. */
typedef struct rnd_partial {
    char *name;              /* owned, NUL-terminated */
    size_t name_len;
    char *text;              /* owned, from the loader */
    int found;
    rnd_tmpl tmpl;
    struct rnd_partial *next;
} rnd_partial;

typedef struct rnd_parser {
    rnd_tmpl *tmpl;
    gen_error *err;
    int mark_lines;          /* emit RND_INDENT nodes (partials only) */
    int indent_pending;      /* the current line has not had its RND_INDENT */
    const char *open, *close;
    size_t open_len, close_len;
    size_t *sections;        /* node indices of the sections still open */
    size_t nsections, sections_cap;
} rnd_parser;

/* Rendering runs on an explicit stack of frames, not on C recursion, so that
 * deeply nested templates or data cannot overflow the C stack. A frame walks
 * nodes [pc, end) of one template; a section frame over an array restarts
 * at begin once per element. */
typedef struct rnd_frame {
    rnd_tmpl *tmpl;
    size_t pc, begin, end;
    value list;              /* the array being iterated, or none */
    size_t next_item;        /* index of the next element of list */
    size_t ctx_depth;        /* context depth to go back to at the end */
    size_t indent_begin, indent_end; /* this frame's indentation */
    size_t saved_indent_len; /* partial frames: indent.len to restore */
    int is_partial;
} rnd_frame;

typedef struct rnd_state {
    render_escape_fn escape;
    const render_partials *partials;
    buf *out;
    gen_error *err;
    value *ctx;              /* the context stack, innermost last */
    size_t nctx, ctx_cap;
    rnd_frame *frames;
    size_t nframes, frames_cap;
    buf indent;              /* indentation strings of the open partials */
    int partial_depth;
    rnd_partial *loaded;
} rnd_state;

static int rnd_grow(void **array, size_t *cap, size_t need, size_t size)
{
    return buf_grow_array(array, cap, need, size, 16);
}

static void rnd_oom(gen_error *err)
{
    gen_error_set(err, NULL, 0, 0, "out of memory");
}

/* Records an error located at byte offset of text, as line and column. */
static void rnd_fail_at(gen_error *err, const char *source, const char *text,
                        size_t offset, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

static void rnd_fail_at(gen_error *err, const char *source, const char *text,
                        size_t offset, const char *fmt, ...)
{
    char message[GEN_ERROR_TEXT_LENGTH];
    long line = 1;
    size_t line_start = 0, i;
    va_list ap;

    if (!err || err->set)
        return;
    for (i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            line++;
            line_start = i + 1;
        }
    }
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    gen_error_set(err, source, line, (long)(offset - line_start) + 1, "%s",
                  message);
}

static int rnd_name_width(size_t len)
{
    return len > RND_NAME_IN_ERROR ? RND_NAME_IN_ERROR : (int)len;
}

static int rnd_is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static int rnd_is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
           c == '\v';
}

static void rnd_tmpl_free(rnd_tmpl *t)
{
    free(t->nodes);
    t->nodes = NULL;
    t->count = t->cap = 0;
}

/* Appends a zeroed node and returns it, or NULL when memory runs out. */
static rnd_node *rnd_tmpl_add(rnd_tmpl *t, rnd_kind kind, const char *str,
                              size_t len, size_t offset)
{
    rnd_node *node;

    if (rnd_grow((void **)&t->nodes, &t->cap, t->count + 1,
                 sizeof *t->nodes) != 0)
        return NULL;
    node = &t->nodes[t->count++];
    memset(node, 0, sizeof *node);
    node->kind = kind;
    node->str = str;
    node->len = len;
    node->offset = offset;
    return node;
}

static int parser_add(rnd_parser *p, rnd_kind kind, const char *str,
                      size_t len, size_t offset)
{
    if (!rnd_tmpl_add(p->tmpl, kind, str, len, offset)) {
        rnd_oom(p->err);
        return -1;
    }
    return 0;
}

/* Emits text[from..to) as a text node, preceded by the line's indentation
 * node when the text is the first thing on a partial's line. */
static int parser_text(rnd_parser *p, size_t from, size_t to)
{
    if (from >= to)
        return 0;
    if (p->indent_pending) {
        p->indent_pending = 0;
        if (parser_add(p, RND_INDENT, NULL, 0, from) != 0)
            return -1;
    }
    return parser_add(p, RND_TEXT, p->tmpl->text + from, to - from, from);
}

/* Finds the closing delimiter at or after from; when before is not 0 the
 * delimiter must follow that character (the '}' of "}}}" or the '=' of
 * "=}}"), and the character must lie at or after from. Returns the offset
 * of the delimiter, or the template's length when there is none. */
static size_t parser_find_close(const rnd_parser *p, size_t from, char before)
{
    const char *s = p->tmpl->text;
    size_t n = p->tmpl->len, i = from;
    const char *hit;

    while (i < n && n - i >= p->close_len) {
        hit = memchr(s + i, p->close[0], n - i - p->close_len + 1);
        if (!hit)
            break;
        i = (size_t)(hit - s);
        if (memcmp(s + i, p->close, p->close_len) == 0 &&
            (!before || (i > from && s[i - 1] == before)))
            return i;
        i++;
    }
    return n;
}

static void rnd_trim(const char *s, size_t *begin, size_t *end)
{
    while (*begin < *end && rnd_is_space(s[*begin]))
        (*begin)++;
    while (*end > *begin && rnd_is_space(s[*end - 1]))
        (*end)--;
}

/* A name is "." or dot-separated non-empty keys. */
static int rnd_valid_name(const char *name, size_t len)
{
    size_t i;

    if (len == 1 && name[0] == '.')
        return 1;
    if (name[0] == '.' || name[len - 1] == '.')
        return 0;
    for (i = 1; i < len; i++)
        if (name[i] == '.' && name[i - 1] == '.')
            return 0;
    return 1;
}

/* Reads "{{=<% %>=}}" whose inside is s[from..to). */
static int parser_set_delimiters(rnd_parser *p, size_t tag, size_t from,
                                 size_t to)
{
    const char *s = p->tmpl->text;
    size_t open_end, close_begin, i;

    rnd_trim(s, &from, &to);
    open_end = from;
    while (open_end < to && !rnd_is_space(s[open_end]))
        open_end++;
    close_begin = open_end;
    while (close_begin < to && rnd_is_space(s[close_begin]))
        close_begin++;
    if (open_end == from || close_begin == open_end || close_begin == to)
        goto bad;
    for (i = close_begin; i < to; i++)
        if (rnd_is_space(s[i]))
            goto bad;
    for (i = from; i < to; i++)
        if (s[i] == '=')
            goto bad;
    p->open = s + from;
    p->open_len = open_end - from;
    p->close = s + close_begin;
    p->close_len = to - close_begin;
    return 0;

bad:
    rnd_fail_at(p->err, p->tmpl->source, s, tag,
                "bad set-delimiter tag (want two delimiters without spaces "
                "or '=', like {{=<%% %%>=}})");
    return -1;
}

/* Parses p->tmpl's text into its node array. */
static int parser_run(rnd_parser *p)
{
    const char *s = p->tmpl->text;
    size_t n = p->tmpl->len;
    size_t i = 0, seg_start = 0, line_start = 0;
    int line_blank = 1;

    p->open = "{{";
    p->close = "}}";
    p->open_len = p->close_len = 2;
    p->indent_pending = p->mark_lines;
    while (i < n) {
        size_t tag = i, body, name_begin, name_end, close_at, tag_end, after;
        size_t indent_begin;
        char sigil, before = 0;
        int standalone = 0;

        if (s[i] != p->open[0] || n - i < p->open_len ||
            memcmp(s + i, p->open, p->open_len) != 0) {
            if (s[i] == '\n') {
                if (p->mark_lines) {
                    if (parser_text(p, seg_start, i + 1) != 0)
                        return -1;
                    seg_start = i + 1;
                    p->indent_pending = 1;
                }
                line_start = i + 1;
                line_blank = 1;
            } else if (!rnd_is_blank(s[i])) {
                line_blank = 0;
            }
            i++;
            continue;
        }

        body = tag + p->open_len;
        sigil = body < n ? s[body] : '\0';
        switch (sigil) {
        case '!': case '=': case '{': case '&': case '#': case '^': case '/':
        case '>':
            name_begin = body + 1;
            before = sigil == '{' ? '}' : sigil == '=' ? '=' : '\0';
            break;
        default:
            sigil = '\0';
            name_begin = body;
            break;
        }
        close_at = parser_find_close(p, name_begin, before);
        if (close_at == n) {
            rnd_fail_at(p->err, p->tmpl->source, s, tag,
                        "unclosed tag (no \"%s%.*s\" after \"%.*s\")",
                        before == '}' ? "}" : before == '=' ? "=" : "",
                        (int)p->close_len, p->close, (int)p->open_len,
                        p->open);
            return -1;
        }
        name_end = before ? close_at - 1 : close_at;
        tag_end = close_at + p->close_len;

        /* A standalone tag's whole line, newline included, is removed. */
        after = tag_end;
        if (line_blank && sigil != '\0' && sigil != '{' && sigil != '&') {
            while (after < n && rnd_is_blank(s[after]))
                after++;
            if (after == n) {
                standalone = 1;
            } else if (s[after] == '\n') {
                standalone = 1;
                after++;
            } else if (s[after] == '\r' && after + 1 < n &&
                       s[after + 1] == '\n') {
                standalone = 1;
                after += 2;
            }
        }
        indent_begin = line_start;
        if (standalone) {
            if (parser_text(p, seg_start, line_start) != 0)
                return -1;
            seg_start = i = line_start = after;
            p->indent_pending = p->mark_lines;
            line_blank = 1;
        } else {
            if (parser_text(p, seg_start, tag) != 0)
                return -1;
            if (p->indent_pending) {
                p->indent_pending = 0;
                if (parser_add(p, RND_INDENT, NULL, 0, tag) != 0)
                    return -1;
            }
            seg_start = i = tag_end;
            line_blank = 0;
        }

        if (sigil == '!')
            continue;
        if (sigil == '=') {
            if (parser_set_delimiters(p, tag, name_begin, name_end) != 0)
                return -1;
            continue;
        }
        rnd_trim(s, &name_begin, &name_end);
        if (name_begin == name_end) {
            rnd_fail_at(p->err, p->tmpl->source, s, tag, "empty tag name");
            return -1;
        }
        if (sigil != '>' &&
            !rnd_valid_name(s + name_begin, name_end - name_begin)) {
            rnd_fail_at(p->err, p->tmpl->source, s, tag,
                        "bad tag name \"%.*s\"",
                        rnd_name_width(name_end - name_begin), s + name_begin);
            return -1;
        }

        if (sigil == '/') {
            const rnd_node *open_node;
            size_t len = name_end - name_begin;

            if (p->nsections == 0) {
                rnd_fail_at(p->err, p->tmpl->source, s, tag,
                            "closing tag \"%.*s\" without an open section",
                            rnd_name_width(len), s + name_begin);
                return -1;
            }
            open_node = &p->tmpl->nodes[p->sections[p->nsections - 1]];
            if (open_node->len != len ||
                memcmp(open_node->str, s + name_begin, len) != 0) {
                rnd_fail_at(p->err, p->tmpl->source, s, tag,
                            "closing tag \"%.*s\" does not match open "
                            "section \"%.*s\"",
                            rnd_name_width(len), s + name_begin,
                            rnd_name_width(open_node->len), open_node->str);
                return -1;
            }
            p->tmpl->nodes[p->sections[--p->nsections]].end = p->tmpl->count;
            continue;
        }

        if (parser_add(p,
                       sigil == '#' ? RND_SECTION :
                       sigil == '^' ? RND_INVERTED :
                       sigil == '>' ? RND_PARTIAL :
                       sigil == '\0' ? RND_ESCAPED : RND_RAW,
                       s + name_begin, name_end - name_begin, tag) != 0)
            return -1;
        if (sigil == '>') {
            rnd_node *node = &p->tmpl->nodes[p->tmpl->count - 1];

            node->standalone = standalone;
            if (standalone) {
                node->indent = s + indent_begin;
                node->indent_len = tag - indent_begin;
            }
        }
        if (sigil == '#' || sigil == '^') {
            if (rnd_grow((void **)&p->sections, &p->sections_cap,
                         p->nsections + 1, sizeof *p->sections) != 0) {
                rnd_oom(p->err);
                return -1;
            }
            p->sections[p->nsections++] = p->tmpl->count - 1;
        }
    }
    if (parser_text(p, seg_start, n) != 0)
        return -1;
    if (p->nsections > 0) {
        const rnd_node *open_node =
            &p->tmpl->nodes[p->sections[p->nsections - 1]];

        rnd_fail_at(p->err, p->tmpl->source, s, open_node->offset,
                    "unclosed section \"%.*s\"",
                    rnd_name_width(open_node->len), open_node->str);
        return -1;
    }
    return 0;
}

/* Parses t->text into t->nodes; on failure t holds nothing. mark_lines asks
 * for RND_INDENT nodes, which only partials need. */
static int rnd_parse(rnd_tmpl *t, int mark_lines, gen_error *err)
{
    rnd_parser p;
    int rc;

    memset(&p, 0, sizeof p);
    p.tmpl = t;
    p.err = err;
    p.mark_lines = mark_lines;
    rc = parser_run(&p);
    free(p.sections);
    if (rc != 0)
        rnd_tmpl_free(t);
    return rc;
}

static int rnd_is_falsey(const value *v)
{
    size_t len;

    switch (value_kind_of(v)) {
    case VALUE_NONE:
    case VALUE_NULL:
    case VALUE_FALSE:
        return 1;
    case VALUE_ARRAY:
        return value_size(v) == 0;
    case VALUE_STRING:
        value_string(v, &len);
        return len == 0;
    default:
        return 0;
    }
}

/* Resolves a name against the context stack: the first key of a dotted
 * name is looked for from the innermost context outwards, and the rest only
 * inside what it found, so "a.b" never falls back to an outer "a". */
static value rnd_lookup(const rnd_state *st, const char *name, size_t len)
{
    const char *end = name + len, *key = name, *dot;
    value found = VALUE_NONE_INIT, inner;
    size_t i;

    if (len == 1 && name[0] == '.')
        return st->nctx ? st->ctx[st->nctx - 1] : found;
    dot = memchr(key, '.', len);
    if (!dot)
        dot = end;
    for (i = st->nctx; i-- > 0;)
        if (value_get(&st->ctx[i], key, (size_t)(dot - key), &found))
            break;
    while (found.type && dot != end) {
        key = dot + 1;
        dot = memchr(key, '.', (size_t)(end - key));
        if (!dot)
            dot = end;
        value_get(&found, key, (size_t)(dot - key), &inner);
        found = inner;
    }
    return found;
}

/* Writes a real in the shortest "%.Ng" form that reads back as the same
 * double, so 1.21 stays "1.21" rather than "1.2100000000000000". */
static int rnd_format_real(double value, char *text, size_t size)
{
    int precision, n = 0;

    for (precision = 15; precision <= 17; precision++) {
        n = snprintf(text, size, "%.*g", precision, value);
        if (strtod(text, NULL) == value)
            break;
    }
    return n;
}

static int rnd_write_value(rnd_state *st, const value *v, int raw)
{
    char number[64];
    const char *text;
    size_t len;
    int n;

    switch (value_kind_of(v)) {
    case VALUE_STRING:
        text = value_string(v, &len);
        break;
    case VALUE_INTEGER:
        /* The header's tables are mostly integers: no printf each. */
        text = value_format_integer(value_integer(v), number + sizeof number);
        len = (size_t)(number + sizeof number - text);
        break;
    case VALUE_REAL:
        n = rnd_format_real(value_real(v), number, sizeof number);
        text = number;
        len = n > 0 ? (size_t)n : 0;
        break;
    case VALUE_TRUE:
        text = "true";
        len = 4;
        break;
    case VALUE_FALSE:
        text = "false";
        len = 5;
        break;
    default:
        return 0;
    }
    if (len == 0)
        return 0;
    if (raw || !st->escape)
        return buf_append(st->out, text, len);
    return st->escape(st->out, text, len);
}

static int rnd_push_context(rnd_state *st, const value *v)
{
    if (rnd_grow((void **)&st->ctx, &st->ctx_cap, st->nctx + 1,
                 sizeof *st->ctx) != 0)
        return -1;
    st->ctx[st->nctx++] = *v;
    return 0;
}

/* Pushes a frame walking tmpl's nodes [begin, end) with the indentation of
 * the frame below; returns it, or NULL when memory runs out. */
static rnd_frame *rnd_push_frame(rnd_state *st, rnd_tmpl *tmpl, size_t begin,
                                 size_t end)
{
    rnd_frame *frame;

    if (rnd_grow((void **)&st->frames, &st->frames_cap, st->nframes + 1,
                 sizeof *st->frames) != 0)
        return NULL;
    frame = &st->frames[st->nframes++];
    memset(frame, 0, sizeof *frame);
    frame->tmpl = tmpl;
    frame->pc = frame->begin = begin;
    frame->end = end;
    frame->ctx_depth = st->nctx;
    if (st->nframes > 1) {
        frame->indent_begin = frame[-1].indent_begin;
        frame->indent_end = frame[-1].indent_end;
    }
    return frame;
}

static void rnd_partial_free(rnd_partial *p)
{
    rnd_partial *next;

    for (; p; p = next) {
        next = p->next;
        rnd_tmpl_free(&p->tmpl);
        free(p->text);
        free(p->name);
        free(p);
    }
}

/* Finds, or loads and parses, the partial a tag names, and remembers it in
 * the tag's node so that later uses cost nothing. */
static int rnd_resolve_partial(rnd_state *st, const rnd_tmpl *from,
                               rnd_node *node)
{
    rnd_partial *p;
    char *text = NULL;
    size_t len = 0;
    const char *source = NULL;
    gen_error why;
    int rc;

    for (p = st->loaded; p; p = p->next) {
        if (p->name_len == node->len &&
            memcmp(p->name, node->str, node->len) == 0) {
            node->partial = p;
            return 0;
        }
    }
    p = calloc(1, sizeof *p);
    if (!p || !(p->name = malloc(node->len + 1))) {
        free(p);
        rnd_oom(st->err);
        return -1;
    }
    memcpy(p->name, node->str, node->len);
    p->name[node->len] = '\0';
    p->name_len = node->len;
    p->next = st->loaded;
    st->loaded = p;

    if (!st->partials || !st->partials->load) {
        node->partial = p;
        return 0;
    }
    /* A loader's failure is reported at the tag that asked for the partial,
     * with the loader's reason, so that the message says where and why. */
    gen_error_init(&why);
    rc = st->partials->load(st->partials->ctx, p->name, &text, &len, &source,
                            &why);
    if (rc < 0) {
        rnd_fail_at(st->err, from->source, from->text, node->offset,
                    "cannot load partial \"%.*s\"%s%s",
                    rnd_name_width(node->len), node->str, why.set ? ": " : "",
                    why.text);
        return -1;
    }
    if (rc == 0) {
        p->found = 1;
        p->text = text;
        p->tmpl.source = source ? source : p->name;
        p->tmpl.text = text ? text : "";
        p->tmpl.len = text ? len : 0;
        if (rnd_parse(&p->tmpl, 1, st->err) != 0)
            return -1;
    }
    node->partial = p;
    return 0;
}

static int rnd_enter_partial(rnd_state *st, const rnd_frame *caller,
                             const rnd_node *node)
{
    size_t saved = st->indent.len, begin = saved, caller_len;
    rnd_frame *frame;

    /* A standalone partial is indented by its tag's whitespace on top of the
     * caller's indentation; an inline one starts afresh with none. */
    if (node->standalone) {
        caller_len = caller->indent_end - caller->indent_begin;
        if (caller->indent_end == saved) {
            begin = caller->indent_begin;
        } else if (caller_len > 0) {
            if (buf_reserve(&st->indent, caller_len) != 0)
                return -1;
            memcpy(st->indent.data + saved,
                   st->indent.data + caller->indent_begin, caller_len);
            st->indent.len += caller_len;
            st->indent.data[st->indent.len] = '\0';
        }
        if (buf_append(&st->indent, node->indent, node->indent_len) != 0) {
            st->indent.len = saved;
            return -1;
        }
    }
    frame = rnd_push_frame(st, &node->partial->tmpl, 0,
                           node->partial->tmpl.count);
    if (!frame) {
        st->indent.len = saved;
        return -1;
    }
    frame->indent_begin = begin;
    frame->indent_end = st->indent.len;
    frame->saved_indent_len = saved;
    frame->is_partial = 1;
    st->partial_depth++;
    return 0;
}

/* Renders until the frame stack is empty; 0, or -1 with st->err filled. */
static int rnd_run(rnd_state *st)
{
    while (st->nframes > 0) {
        rnd_frame *frame = &st->frames[st->nframes - 1];
        rnd_node *node;
        value found, item;

        if (frame->pc == frame->end) {
            if (frame->list.type &&
                frame->next_item < value_size(&frame->list)) {
                value_at(&frame->list, frame->next_item++, &st->ctx[st->nctx - 1]);
                frame->pc = frame->begin;
                continue;
            }
            st->nctx = frame->ctx_depth;
            if (frame->is_partial) {
                st->indent.len = frame->saved_indent_len;
                st->partial_depth--;
            }
            st->nframes--;
            continue;
        }

        node = &frame->tmpl->nodes[frame->pc++];
        switch (node->kind) {
        case RND_TEXT:
            if (buf_append(st->out, node->str, node->len) != 0)
                goto oom;
            break;
        case RND_INDENT:
            if (frame->indent_end > frame->indent_begin &&
                buf_append(st->out, st->indent.data + frame->indent_begin,
                           frame->indent_end - frame->indent_begin) != 0)
                goto oom;
            break;
        case RND_ESCAPED:
        case RND_RAW:
            found = rnd_lookup(st, node->str, node->len);
            if (rnd_write_value(st, &found, node->kind == RND_RAW) != 0)
                goto oom;
            break;
        case RND_INVERTED:
            /* The body follows the tag, so rendering it is going on. */
            found = rnd_lookup(st, node->str, node->len);
            if (!rnd_is_falsey(&found))
                frame->pc = node->end;
            break;
        case RND_SECTION:
            found = rnd_lookup(st, node->str, node->len);
            frame->pc = node->end;
            if (rnd_is_falsey(&found))
                break;
            /* frame may move when the frame stack grows. */
            frame = rnd_push_frame(st, frame->tmpl,
                                   (size_t)(node - frame->tmpl->nodes) + 1,
                                   node->end);
            if (!frame)
                goto oom;
            item = found;
            if (value_kind_of(&found) == VALUE_ARRAY) {
                frame->list = found;
                frame->next_item = 1;
                value_at(&found, 0, &item);
            }
            if (rnd_push_context(st, &item) != 0)
                goto oom;
            break;
        case RND_PARTIAL:
            if (!node->partial &&
                rnd_resolve_partial(st, frame->tmpl, node) != 0)
                return -1;
            if (!node->partial->found)
                break;
            if (st->partial_depth >= RND_MAX_PARTIAL_DEPTH) {
                rnd_fail_at(st->err, frame->tmpl->source, frame->tmpl->text,
                            node->offset,
                            "partial \"%.*s\" nested more than %d deep",
                            rnd_name_width(node->len), node->str,
                            RND_MAX_PARTIAL_DEPTH);
                return -1;
            }
            if (rnd_enter_partial(st, frame, node) != 0)
                goto oom;
            break;
        }
    }
    return 0;

oom:
    rnd_oom(st->err);
    return -1;
}

int render_template(const char *source_name, const char *tmpl, size_t len,
                    const value *context, render_escape_fn escape,
                    const render_partials *partials, buf *out, gen_error *err)
{
    rnd_tmpl main_tmpl;
    rnd_state st;
    int rc = -1;

    memset(&main_tmpl, 0, sizeof main_tmpl);
    main_tmpl.source = source_name;
    main_tmpl.text = tmpl ? tmpl : "";
    main_tmpl.len = tmpl ? len : 0;
    if (rnd_parse(&main_tmpl, 0, err) != 0)
        return -1;

    memset(&st, 0, sizeof st);
    st.escape = escape;
    st.partials = partials;
    st.out = out;
    st.err = err;
    if (rnd_push_context(&st, context) != 0 ||
        !rnd_push_frame(&st, &main_tmpl, 0, main_tmpl.count))
        rnd_oom(err);
    else
        rc = rnd_run(&st);

    free(st.ctx);
    free(st.frames);
    buf_free(&st.indent);
    rnd_partial_free(st.loaded);
    rnd_tmpl_free(&main_tmpl);
    return rc;
}
