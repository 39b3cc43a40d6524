#include "names.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct names_slot {
    const char *name;        /* NULL: an empty slot */
    uint64_t hash;
    long line;
} names_slot;

struct names {
    names_slot *slots;
    size_t size, count;      /* size a power of two, count at most half */
};

/* FNV-1a, 64 bits. */
static uint64_t names_hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h ^ h >> 32;
}

static names_slot *names_find(names_slot *slots, size_t size, const char *name,
                              uint64_t hash)
{
    size_t j = (size_t)hash & (size - 1);

    while (slots[j].name && (slots[j].hash != hash || strcmp(slots[j].name, name) != 0))
        j = (j + 1) & (size - 1);
    return &slots[j];
}

static int names_resize(names *ix, size_t size)
{
    names_slot *slots = calloc(size, sizeof *slots);
    size_t j;

    if (!slots)
        return -1;
    for (j = 0; j < ix->size; j++)
        if (ix->slots[j].name)
            *names_find(slots, size, ix->slots[j].name, ix->slots[j].hash) = ix->slots[j];
    free(ix->slots);
    ix->slots = slots;
    ix->size = size;
    return 0;
}

names *names_new(size_t expected)
{
    names *ix = calloc(1, sizeof *ix);
    size_t size = 16;

    while (size / 2 < expected && size < SIZE_MAX / 4 / sizeof *ix->slots)
        size *= 2;
    if (ix && names_resize(ix, size) != 0) {
        free(ix);
        ix = NULL;
    }
    return ix;
}

long names_line(const names *ix, const char *name)
{
    return names_find(ix->slots, ix->size, name, names_hash(name))->line;
}

int names_add(names *ix, const char *name, long line)
{
    uint64_t hash = names_hash(name);
    names_slot *slot;

    if (2 * (ix->count + 1) > ix->size && names_resize(ix, 2 * ix->size) != 0)
        return -1;
    slot = names_find(ix->slots, ix->size, name, hash);
    if (!slot->name) {
        slot->name = name;
        slot->hash = hash;
        slot->line = line;
        ix->count++;
    }
    return 0;
}

void names_free(names *ix)
{
    if (!ix)
        return;
    free(ix->slots);
    free(ix);
}
