/* Compiled twin of the lexicon's phrase scan (cleaner/heuristics/lexicon.py, Lexicon._small_scan
 * and the RE2 program of Lexicon.phrase_byte_hits), built into cleaner.native._compiled
 * (setup.py lists this file; _compiled.c's module adds these functions when it loads).
 *
 * The phrases become a byte trie (children of a node side by side, sorted, so a node's
 * children are one short array). A bit table of the phrases' first four bytes, hashed,
 * rejects most positions of a text in one lookup (a table of their first two bytes passed
 * more than half the positions of the corpus: the phrases open with ~540 pairs), and a hash
 * table from those four bytes to the node four levels down starts each walk there, where
 * RE2's large DFA ran from cold caches on every page. The scan has RE2's leftmost-longest semantics as the lexicon uses them: at each
 * byte the longest phrase opening there, emitted, and the scan goes on after it; else the
 * next byte. phrase_lines then gives HeuristicLabeler.scan_phrases' per-line results in the
 * same pass, so a page costs one call. tests/test_native_phrase_scan.py compares both with
 * the Python reference. Plain CPython C API, no module state.
 */
#include "_compiled.h"
#include <stdint.h>
#include <string.h>

#define PHRASE_TRIE_NAME "cleaner.native.phrase_trie"
#define PAIR_BITS 65536       /* one bit per first two bytes of a phrase shorter than QUAD_BYTES */
#define QUAD_BYTES 4          /* longer phrases are filtered by their first four bytes, hashed */
#define QUAD_HASH_BITS 18     /* a 2^18-bit (32 KiB) table: with ~2,300 openings, ~1% false hits */
#define QUAD_MULTIPLIER 0x9E3779B1u /* Fibonacci hashing: the product's top bits mix all four bytes */
#define STRIDE_HASH_BITS 16   /* the scan's first filter: a byte per slot of a 2^16 hash (64 KiB), */
                              /* read at every other position (two flags a byte, see `stride`) */
#define OPENS_BEFORE 1u       /* a stride byte's flag: a phrase may open a byte before these four */
#define OPENS_HERE 2u         /* its flag: a phrase may open with these four bytes */
#define UNROLL 16             /* positions of a whole block filtered in one step (eight lookups) */
#define OCT_BYTES 8           /* a second filter, after the quad's, by the first eight bytes */
#define OCT_HASH_BITS 18      /* a 2^18-bit table: ~5,000 eight-byte openings, ~2% false hits */
#define OCT_MULTIPLIER 0x9E3779B97F4A7C15u /* Fibonacci hashing of 64 bits */
#define SHORT_QUAD_SHIFT 4    /* phrases of 4 .. 7 bytes (~100): the quad's hash, 4 bits fewer */
#define JUMP_SLOTS_PER_QUAD 2 /* the jump table's slots, at least twice its entries (a power of two) */
#define WORD_BITS 64
#define BYTE_VALUES 256
#define NO_PHRASE (-1)
#define NO_NODE (-1)
#define LABEL_BITS 8          /* an edge: its target node above its byte, in one uint32 */
#define LABEL_MASK 0xFFu
#define MAX_NODES ((int32_t)1 << 24)
#define LINEAR_CHILDREN 8     /* up to this many children a node's edges are searched in order */
#define UTF8_MAX_BYTES 4      /* bytes of one character in UTF-8, at most */

/* The trie as built: a node's children are a linked list, kept in byte order. */
struct build_node {
    int32_t first_child, next_sibling, phrase;
    uint8_t label;
};

/* A node as scanned: its children are the edges from first_edge to the next node's
 * first_edge, sorted by byte (the two sit side by side, one cache line for a step). */
struct scan_node {
    int32_t first_edge;
    int32_t phrase; /* the phrase ending here, or NO_PHRASE */
};

/* The trie as scanned; the root's children are also in `root`, by byte. */
struct phrase_trie {
    Py_ssize_t nodes, phrases;
    struct scan_node *node;   /* nodes + 1, the last one only closing the edges */
    uint32_t *edge;           /* target << LABEL_BITS | byte */
    int has_single, has_pair; /* whether any phrase is shorter than QUAD_BYTES */
    /* Without such phrases, the node four bytes down from the root by those bytes (open
     * addressing, NO_NODE where empty): a walk starts there, the root's levels skipped. */
    uint32_t *jump_key;
    int32_t *jump_node;
    uint32_t jump_bits;
    Py_ssize_t *category;     /* per phrase: its category's index */
    Py_ssize_t *chars;        /* per phrase: its length in characters */
    Py_ssize_t categories;    /* 1 + the largest category index */
    int32_t root[BYTE_VALUES];
    uint64_t pair[PAIR_BITS / WORD_BITS];              /* phrases of 2 .. QUAD_BYTES - 1 bytes */
    uint64_t quad[((size_t)1 << QUAD_HASH_BITS) / WORD_BITS]; /* longer phrases */
    /* Where every phrase is QUAD_BYTES long or more (the jump table), a position the quad
     * table lets through (~6% of real text: "the ", "more") is walked only when a phrase
     * of fewer than OCT_BYTES bytes opens with its quad or one of more with its eight
     * bytes (~0.5%): most quad hits are common words that open no phrase there. */
    uint64_t short_quad[((size_t)1 << (QUAD_HASH_BITS - SHORT_QUAD_SHIFT)) / WORD_BITS];
    uint64_t oct[((size_t)1 << OCT_HASH_BITS) / WORD_BITS];
    /* The first filter of a trie of the jump table, by the hash of four bytes: OPENS_HERE
     * where a phrase opens with them, OPENS_BEFORE where one holds them from its second
     * byte (a four-byte phrase: its last three and any byte). Looked up at every other
     * position, a byte's two flags are the mask bits of that position and the one before,
     * so half the positions cost a lookup (the scan's cost was mostly this filter's). */
    uint8_t stride[(size_t)1 << STRIDE_HASH_BITS];
    uint8_t single[BYTE_VALUES]; /* the one-byte phrases' bytes */
};

static void
free_trie(struct phrase_trie *trie)
{
    if (trie == NULL)
        return;
    PyMem_Free(trie->jump_key);
    PyMem_Free(trie->jump_node);
    PyMem_Free(trie->node);
    PyMem_Free(trie->edge);
    PyMem_Free(trie->category);
    PyMem_Free(trie->chars);
    PyMem_Free(trie);
}

static void
free_trie_capsule(PyObject *capsule)
{
    free_trie(PyCapsule_GetPointer(capsule, PHRASE_TRIE_NAME));
}

/* A new node in the growing array `*nodes` (capacity `*size`), its index; NO_NODE on an error. */
static int32_t
new_node(struct build_node **nodes, Py_ssize_t *count, Py_ssize_t *size, uint8_t label)
{
    if (*count >= MAX_NODES) {
        PyErr_SetString(PyExc_ValueError, "phrase_trie: too many phrase bytes");
        return NO_NODE;
    }
    if (*count == *size) {
        Py_ssize_t grown = *size * 2;
        struct build_node *more = PyMem_Realloc(*nodes, (size_t)grown * sizeof(**nodes));
        if (more == NULL) {
            PyErr_NoMemory();
            return NO_NODE;
        }
        *nodes = more;
        *size = grown;
    }
    struct build_node *node = &(*nodes)[*count];
    node->first_child = node->next_sibling = NO_NODE;
    node->phrase = NO_PHRASE;
    node->label = label;
    return (int32_t)(*count)++;
}

/* The child of `parent` labelled `byte`, made (in byte order among its siblings) when missing. */
static int32_t
child_of(struct build_node **nodes, Py_ssize_t *count, Py_ssize_t *size, int32_t parent, uint8_t byte)
{
    int32_t before = NO_NODE, at = (*nodes)[parent].first_child;
    while (at != NO_NODE && (*nodes)[at].label < byte) {
        before = at;
        at = (*nodes)[at].next_sibling;
    }
    if (at != NO_NODE && (*nodes)[at].label == byte)
        return at;
    int32_t made = new_node(nodes, count, size, byte); /* may move *nodes */
    if (made == NO_NODE)
        return NO_NODE;
    (*nodes)[made].next_sibling = at;
    if (before == NO_NODE)
        (*nodes)[parent].first_child = made;
    else
        (*nodes)[before].next_sibling = made;
    return made;
}

/* A non-negative Py_ssize_t from items[j] (a list of int), -1 with TypeError/ValueError when not. */
static Py_ssize_t
index_at(PyObject *items, Py_ssize_t j, const char *what)
{
    PyObject *item = PyList_GET_ITEM(items, j);
    if (!PyLong_Check(item)) {
        PyErr_Format(PyExc_TypeError, "phrase_trie: %s must be a list of int", what);
        return -1;
    }
    Py_ssize_t value = PyLong_AsSsize_t(item);
    if (value < 0) {
        if (!PyErr_Occurred() || PyErr_ExceptionMatches(PyExc_OverflowError)) {
            PyErr_Clear();
            PyErr_Format(PyExc_ValueError, "phrase_trie: %s must be non-negative ints", what);
        }
        return -1;
    }
    return value;
}

/* The quad table's bit for the four bytes at `bytes`. */
static inline uint32_t
quad_hash(const uint8_t *bytes)
{
    uint32_t word;
    memcpy(&word, bytes, sizeof(word)); /* the machine's byte order, for the table and the scan alike */
    return (word * QUAD_MULTIPLIER) >> (32 - QUAD_HASH_BITS);
}

/* The stride table's slot for the four bytes at `bytes`. */
static inline uint32_t
stride_slot(const uint8_t *bytes)
{
    uint32_t word;
    memcpy(&word, bytes, sizeof(word)); /* the machine's byte order, as quad_hash */
    return (word * QUAD_MULTIPLIER) >> (32 - STRIDE_HASH_BITS);
}

/* Flags a phrase of QUAD_BYTES bytes or more in the stride table: at its first four bytes,
 * and at its four from the second (for a four-byte phrase, its last three then every byte). */
static void
mark_stride(struct phrase_trie *trie, const uint8_t *bytes, Py_ssize_t length)
{
    trie->stride[stride_slot(bytes)] |= OPENS_HERE;
    if (length > QUAD_BYTES) {
        trie->stride[stride_slot(bytes + 1)] |= OPENS_BEFORE;
        return;
    }
    uint8_t four[QUAD_BYTES];
    memcpy(four, bytes + 1, QUAD_BYTES - 1);
    for (int next = 0; next < BYTE_VALUES; next++) {
        four[QUAD_BYTES - 1] = (uint8_t)next;
        trie->stride[stride_slot(four)] |= OPENS_BEFORE;
    }
}

/* The oct table's bit for the eight bytes at `bytes`. */
static inline uint32_t
oct_hash(const uint8_t *bytes)
{
    uint64_t word;
    memcpy(&word, bytes, sizeof(word)); /* the machine's byte order, as quad_hash */
    return (uint32_t)((word * OCT_MULTIPLIER) >> (64 - OCT_HASH_BITS));
}

/* Whether a bit of `table` is set. */
static inline int
bit_set(const uint64_t *table, uint32_t bit)
{
    return (int)(table[bit / WORD_BITS] >> (bit % WORD_BITS) & 1);
}

/* Whether a phrase may open at data[pos] (pos < size), by the tables: most positions are not. */
static inline int
may_open(const struct phrase_trie *trie, const uint8_t *data, Py_ssize_t pos, Py_ssize_t size)
{
    if (size - pos >= QUAD_BYTES) {
        uint32_t quad = quad_hash(data + pos);
        if (trie->quad[quad / WORD_BITS] >> (quad % WORD_BITS) & 1)
            return 1;
    }
    if (trie->has_single && trie->single[data[pos]])
        return 1;
    if (!trie->has_pair || size - pos < 2)
        return 0;
    unsigned pair = ((unsigned)data[pos] << 8) | data[pos + 1];
    return (int)(trie->pair[pair / WORD_BITS] >> (pair % WORD_BITS) & 1);
}

/* The second filter, for a position at least QUAD_BYTES from the end that the quad table
 * passed (a trie of the jump table): whether a phrase shorter than OCT_BYTES opens with
 * its quad or a longer one with its eight bytes. */
static inline int
passes_second(const struct phrase_trie *trie, const uint8_t *data, Py_ssize_t pos, Py_ssize_t size)
{
    if (bit_set(trie->short_quad, quad_hash(data + pos) >> SHORT_QUAD_SHIFT) || size - pos < OCT_BYTES)
        return 1;
    return bit_set(trie->oct, oct_hash(data + pos));
}

/* Inserts every phrase into the build trie; 0, or -1 with an exception set. */
static int
insert_phrases(struct phrase_trie *trie, PyObject *phrases, struct build_node **nodes, Py_ssize_t *count,
               Py_ssize_t *size)
{
    for (Py_ssize_t j = 0; j < trie->phrases; j++) {
        PyObject *item = PyList_GET_ITEM(phrases, j);
        if (!PyBytes_Check(item)) {
            PyErr_SetString(PyExc_TypeError, "phrase_trie: phrases must be a list of bytes");
            return -1;
        }
        const uint8_t *bytes = (const uint8_t *)PyBytes_AS_STRING(item);
        Py_ssize_t length = PyBytes_GET_SIZE(item);
        if (length == 0 || memchr(bytes, '\n', (size_t)length) != NULL) {
            PyErr_SetString(PyExc_ValueError, "phrase_trie: a phrase is empty or holds a line break");
            return -1;
        }
        int32_t node = 0;
        for (Py_ssize_t k = 0; k < length; k++) {
            node = child_of(nodes, count, size, node, bytes[k]);
            if (node == NO_NODE)
                return -1;
        }
        (*nodes)[node].phrase = (int32_t)j;
        if (length == 1)
            trie->single[bytes[0]] = (uint8_t)(trie->has_single = 1);
        else if (length < QUAD_BYTES) {
            trie->has_pair = 1;
            unsigned pair = ((unsigned)bytes[0] << 8) | bytes[1];
            trie->pair[pair / WORD_BITS] |= (uint64_t)1 << (pair % WORD_BITS);
        }
        else {
            uint32_t quad = quad_hash(bytes);
            trie->quad[quad / WORD_BITS] |= (uint64_t)1 << (quad % WORD_BITS);
            mark_stride(trie, bytes, length);
            if (length < OCT_BYTES)
                quad >>= SHORT_QUAD_SHIFT;
            else
                quad = oct_hash(bytes);
            uint64_t *table = length < OCT_BYTES ? trie->short_quad : trie->oct;
            table[quad / WORD_BITS] |= (uint64_t)1 << (quad % WORD_BITS);
        }
    }
    return 0;
}

/* The build trie's nodes laid out for the scan (children side by side); 0, or -1 (no memory). */
static int
lay_out(struct phrase_trie *trie, const struct build_node *nodes, Py_ssize_t count)
{
    trie->nodes = count;
    trie->node = PyMem_Malloc((size_t)(count + 1) * sizeof(struct scan_node));
    trie->edge = PyMem_Malloc((size_t)(count > 1 ? count - 1 : 1) * sizeof(uint32_t));
    if (trie->node == NULL || trie->edge == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    int32_t edge = 0;
    for (int32_t k = 0; k < (int32_t)count; k++) {
        trie->node[k].first_edge = edge;
        trie->node[k].phrase = nodes[k].phrase;
        for (int32_t child = nodes[k].first_child; child != NO_NODE; child = nodes[child].next_sibling)
            trie->edge[edge++] = (uint32_t)child << LABEL_BITS | nodes[child].label;
    }
    trie->node[count].first_edge = edge;
    trie->node[count].phrase = NO_PHRASE;
    for (int b = 0; b < BYTE_VALUES; b++)
        trie->root[b] = NO_NODE;
    for (int32_t e = trie->node[0].first_edge; e < trie->node[1].first_edge; e++)
        trie->root[trie->edge[e] & LABEL_MASK] = (int32_t)(trie->edge[e] >> LABEL_BITS);
    return 0;
}

/* The child of `node` labelled `byte`, or NO_NODE. */
static inline int32_t
step(const struct phrase_trie *trie, int32_t node, uint8_t byte)
{
    int32_t low = trie->node[node].first_edge, last = trie->node[node + 1].first_edge, high = last;
    const uint32_t *edge = trie->edge;
    if (high - low <= LINEAR_CHILDREN) {
        for (int32_t e = low; e < high && (edge[e] & LABEL_MASK) <= byte; e++)
            if ((edge[e] & LABEL_MASK) == byte)
                return (int32_t)(edge[e] >> LABEL_BITS);
        return NO_NODE;
    }
    while (low < high) {
        int32_t middle = low + (high - low) / 2;
        if ((edge[middle] & LABEL_MASK) < byte)
            low = middle + 1;
        else
            high = middle;
    }
    return low < last && (edge[low] & LABEL_MASK) == byte ? (int32_t)(edge[low] >> LABEL_BITS) : NO_NODE;
}

/* The jump table's slot for the four bytes `word`, the home slot first. */
static inline uint32_t
jump_home(const struct phrase_trie *trie, uint32_t word)
{
    return (word * QUAD_MULTIPLIER) >> (32 - trie->jump_bits);
}

/* The node four bytes down from the root by `bytes`, or NO_NODE. */
static int32_t
walk_four(const struct phrase_trie *trie, const uint8_t *bytes)
{
    int32_t node = trie->root[bytes[0]];
    for (int k = 1; k < QUAD_BYTES && node != NO_NODE; k++)
        node = step(trie, node, bytes[k]);
    return node;
}

/* Fills the jump table from the phrases of at least QUAD_BYTES bytes (after lay_out, only
 * where no phrase is shorter); 0, or -1 (no memory). */
static int
fill_jumps(struct phrase_trie *trie, PyObject *phrases)
{
    if (trie->has_single || trie->has_pair)
        return 0;
    size_t slots = 1;
    trie->jump_bits = 0;
    while (slots < (size_t)trie->phrases * JUMP_SLOTS_PER_QUAD || slots < 2) {
        slots <<= 1;
        trie->jump_bits++;
    }
    trie->jump_key = PyMem_Malloc(slots * sizeof(uint32_t));
    trie->jump_node = PyMem_Malloc(slots * sizeof(int32_t));
    if (trie->jump_key == NULL || trie->jump_node == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (size_t k = 0; k < slots; k++)
        trie->jump_node[k] = NO_NODE;
    for (Py_ssize_t j = 0; j < trie->phrases; j++) {
        const uint8_t *bytes = (const uint8_t *)PyBytes_AS_STRING(PyList_GET_ITEM(phrases, j));
        uint32_t word;
        memcpy(&word, bytes, sizeof(word)); /* every phrase has QUAD_BYTES bytes here */
        uint32_t slot = jump_home(trie, word);
        while (trie->jump_node[slot] != NO_NODE && trie->jump_key[slot] != word)
            slot = (slot + 1) & (uint32_t)(slots - 1);
        trie->jump_key[slot] = word;
        trie->jump_node[slot] = walk_four(trie, bytes);
    }
    return 0;
}

/* Each phrase's category index and length in characters, checked; 0, or -1 with an exception. */
static int
read_phrase_facts(struct phrase_trie *trie, PyObject *categories, PyObject *chars)
{
    trie->category = PyMem_Malloc((size_t)(trie->phrases ? trie->phrases : 1) * sizeof(Py_ssize_t));
    trie->chars = PyMem_Malloc((size_t)(trie->phrases ? trie->phrases : 1) * sizeof(Py_ssize_t));
    if (trie->category == NULL || trie->chars == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    for (Py_ssize_t j = 0; j < trie->phrases; j++) {
        trie->category[j] = index_at(categories, j, "categories");
        if (trie->category[j] < 0)
            return -1;
        trie->chars[j] = index_at(chars, j, "lengths");
        if (trie->chars[j] < 0)
            return -1;
        if (trie->category[j] >= trie->categories)
            trie->categories = trie->category[j] + 1;
    }
    return 0;
}

/* phrase_trie(phrases, categories, lengths): the scan's trie of `phrases` (a list of
 * non-empty bytes without line breaks), with each phrase's category index and length in
 * characters, as a capsule for phrase_hits and phrase_lines. */
static PyObject *
native_phrase_trie(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "phrase_trie expects 3 arguments: phrases, categories, lengths");
        return NULL;
    }
    if (!PyList_Check(args[0]) || !PyList_Check(args[1]) || !PyList_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "phrase_trie: phrases, categories and lengths must be lists");
        return NULL;
    }
    Py_ssize_t count = PyList_GET_SIZE(args[0]);
    if (PyList_GET_SIZE(args[1]) != count || PyList_GET_SIZE(args[2]) != count) {
        PyErr_SetString(PyExc_ValueError, "phrase_trie: one category and one length per phrase");
        return NULL;
    }
    struct phrase_trie *trie = PyMem_Calloc(1, sizeof(*trie));
    if (trie == NULL)
        return PyErr_NoMemory();
    trie->phrases = count;
    Py_ssize_t nodes = 0, size = 1024;
    struct build_node *built = PyMem_Malloc((size_t)size * sizeof(*built));
    if (built == NULL) {
        free_trie(trie);
        return PyErr_NoMemory();
    }
    if (new_node(&built, &nodes, &size, 0) == NO_NODE || read_phrase_facts(trie, args[1], args[2]) < 0
        || insert_phrases(trie, args[0], &built, &nodes, &size) < 0 || lay_out(trie, built, nodes) < 0
        || fill_jumps(trie, args[0]) < 0) {
        PyMem_Free(built);
        free_trie(trie);
        return NULL;
    }
    PyMem_Free(built);
    PyObject *capsule = PyCapsule_New(trie, PHRASE_TRIE_NAME, free_trie_capsule);
    if (capsule == NULL)
        free_trie(trie);
    return capsule;
}

/* The longest phrase opening at data[pos] (pos < size): its index, its end in *end; NO_PHRASE.
 * The caller asks may_open first, which rejects most positions without the walk. */
static inline int32_t
longest_at(const struct phrase_trie *trie, const uint8_t *data, Py_ssize_t pos, Py_ssize_t size,
           Py_ssize_t *end)
{
    int32_t found = NO_PHRASE, node;
    Py_ssize_t at;
    if (trie->jump_node != NULL) { /* every phrase has QUAD_BYTES bytes: may_open saw them here */
        uint32_t word, mask = ((uint32_t)1 << trie->jump_bits) - 1, slot;
        memcpy(&word, data + pos, sizeof(word));
        for (slot = jump_home(trie, word); trie->jump_node[slot] != NO_NODE; slot = (slot + 1) & mask)
            if (trie->jump_key[slot] == word)
                break;
        node = trie->jump_node[slot];
        at = pos + QUAD_BYTES;
    }
    else {
        node = trie->root[data[pos]];
        at = pos + 1;
    }
    while (node != NO_NODE) {
        if (trie->node[node].phrase != NO_PHRASE) {
            found = trie->node[node].phrase;
            *end = at;
        }
        if (at >= size)
            break;
        node = step(trie, node, data[at++]);
    }
    return found;
}

/* Where a scan stands: positions before `next` are read into masks; `mask` holds those of
 * the block at `base` the first filter let through and not yet walked; no phrase opens
 * from `limit` on. */
struct hit_scan {
    Py_ssize_t base, next, limit;
    uint64_t mask;
};

/* A scan of data[0, size) from its start. */
static inline struct hit_scan
start_scan(const struct phrase_trie *trie, Py_ssize_t size)
{
    struct hit_scan scan = {0, 0, size, 0};
    if (trie->jump_node != NULL) /* every phrase has QUAD_BYTES bytes: none opens later */
        scan.limit = size - QUAD_BYTES + 1;
    return scan;
}

/* The first filter for the `count` (<= WORD_BITS) positions from `pos`, one bit each. For
 * a trie of the jump table, a whole block: the stride table's bytes at every other
 * position, without a branch a byte (the positions it passes, scattered, made that branch
 * a costly guess); a last, partial block: the quad table's bit at each position; else
 * may_open's. */
static inline uint64_t
block_mask(const struct phrase_trie *trie, const uint8_t *data, Py_ssize_t pos, int count, Py_ssize_t size)
{
    uint64_t mask = 0;
    if (trie->jump_node != NULL && count == WORD_BITS) { /* eight lookups a step, shifts fixed */
        for (int k = 0; k < WORD_BITS; k += UNROLL) {
            /* the lookup at at + j answers for positions at + j - 1 (bit 0) and at + j (bit 1) */
            const uint8_t *at = data + pos + k;
            const uint8_t *table = trie->stride;
            const uint64_t sixteen = (uint64_t)table[stride_slot(at + 1)] | (uint64_t)table[stride_slot(at + 3)] << 2
                                     | (uint64_t)table[stride_slot(at + 5)] << 4
                                     | (uint64_t)table[stride_slot(at + 7)] << 6
                                     | (uint64_t)table[stride_slot(at + 9)] << 8
                                     | (uint64_t)table[stride_slot(at + 11)] << 10
                                     | (uint64_t)table[stride_slot(at + 13)] << 12
                                     | (uint64_t)table[stride_slot(at + 15)] << 14;
            mask |= sixteen << k;
        }
        /* of those, the positions the quad table passes, without a branch each: a
         * scattered half of them, whose branch was the costliest guess of any C function */
        uint64_t kept = 0;
        for (uint64_t left = mask; left != 0; left &= left - 1) {
            const int k = __builtin_ctzll(left);
            kept |= (uint64_t)bit_set(trie->quad, quad_hash(data + pos + k)) << k;
        }
        return kept;
    }
    else if (trie->jump_node != NULL)
        for (int k = 0; k < count; k++)
            mask |= (uint64_t)bit_set(trie->quad, quad_hash(data + pos + k)) << k;
    else
        for (int k = 0; k < count; k++)
            mask |= (uint64_t)may_open(trie, data, pos + k, size) << k;
    return mask;
}

/* The scan's next hit (leftmost-longest, from the last one's end): its phrase, its start
 * in *start and end in *end; NO_PHRASE at the end of the data. The masks run on across
 * line breaks and hits, so short lines and dense hits cost no new block each. */
static int32_t
next_hit(const struct phrase_trie *trie, const uint8_t *data, Py_ssize_t size, struct hit_scan *scan,
         Py_ssize_t *start, Py_ssize_t *end)
{
    for (;;) {
        while (scan->mask == 0) {
            if (scan->next >= scan->limit)
                return NO_PHRASE;
            Py_ssize_t left = scan->limit - scan->next;
            int count = left < WORD_BITS ? (int)left : WORD_BITS;
            scan->base = scan->next;
            scan->mask = block_mask(trie, data, scan->base, count, size);
            scan->next += count;
        }
        Py_ssize_t at = scan->base + __builtin_ctzll(scan->mask);
        scan->mask &= scan->mask - 1;
        if (trie->jump_node != NULL && !passes_second(trie, data, at, size))
            continue;
        int32_t found = longest_at(trie, data, at, size, end);
        if (found == NO_PHRASE)
            continue;
        *start = at;
        if (*end >= scan->next) { /* on after the hit: the positions inside it are not looked at */
            scan->mask = 0;
            scan->next = *end;
        }
        else /* *end - base < WORD_BITS here */
            scan->mask &= ~(uint64_t)0 << (*end - scan->base);
        return found;
    }
}

/* The trie of a capsule argument, or NULL with a TypeError. */
static const struct phrase_trie *
trie_of(PyObject *capsule, const char *name)
{
    if (!PyCapsule_IsValid(capsule, PHRASE_TRIE_NAME)) {
        PyErr_Format(PyExc_TypeError, "%s: the first argument must be a phrase_trie", name);
        return NULL;
    }
    return PyCapsule_GetPointer(capsule, PHRASE_TRIE_NAME);
}

/* phrase_hits(trie, data): every hit in the bytes `data` as three ints in one flat list:
 * its start in bytes, its category index, its length in characters. */
static PyObject *
native_phrase_hits(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "phrase_hits expects 2 arguments: trie, data");
        return NULL;
    }
    const struct phrase_trie *trie = trie_of(args[0], "phrase_hits");
    if (trie == NULL)
        return NULL;
    if (!PyBytes_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "phrase_hits: data must be bytes");
        return NULL;
    }
    const uint8_t *data = (const uint8_t *)PyBytes_AS_STRING(args[1]);
    Py_ssize_t size = PyBytes_GET_SIZE(args[1]), pos = 0, end = 0;
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    struct hit_scan scan = start_scan(trie, size);
    for (;;) {
        int32_t found = next_hit(trie, data, size, &scan, &pos, &end);
        if (found == NO_PHRASE)
            break;
        if (cleaner_append_index(out, pos) < 0 || cleaner_append_index(out, trie->category[found]) < 0
            || cleaner_append_index(out, trie->chars[found]) < 0) {
            Py_DECREF(out);
            return NULL;
        }
        pos = end;
    }
    return out;
}

/* The per-line facts of phrase_lines' hits: first category index (or -1), characters
 * covered, whether a hit opens the line. 0, or -1 with a ValueError when data's line
 * breaks do not make `lines` lines. */
static int
scan_lines(const struct phrase_trie *trie, const uint8_t *data, Py_ssize_t size, Py_ssize_t lines,
           Py_ssize_t slack, Py_ssize_t *first, Py_ssize_t *cover, char *opens)
{
    Py_ssize_t line = 0, line_start = 0, counted = 0, start = 0, end = 0;
    struct hit_scan scan = start_scan(trie, size);
    for (;;) {
        int32_t hit = next_hit(trie, data, size, &scan, &start, &end);
        Py_ssize_t upto = hit == NO_PHRASE ? size : start;
        /* the line breaks before the hit (no phrase holds one, so none inside it) */
        for (const uint8_t *brk; (brk = memchr(data + counted, '\n', (size_t)(upto - counted))) != NULL;) {
            if (++line >= lines) {
                PyErr_SetString(PyExc_ValueError, "phrase_lines: data holds more lines than given");
                return -1;
            }
            counted = line_start = brk - data + 1;
        }
        if (hit == NO_PHRASE)
            break;
        if (first[line] < 0)
            first[line] = trie->category[hit];
        cover[line] += trie->chars[hit];
        Py_ssize_t before = start - line_start; /* bytes; at most UTF8_MAX_BYTES a character */
        if (before <= slack || (before <= UTF8_MAX_BYTES * slack && cleaner_utf8_chars(data, line_start, start) <= slack))
            opens[line] = 1;
        counted = end;
    }
    if (lines > 0 && line != lines - 1) {
        PyErr_SetString(PyExc_ValueError, "phrase_lines: data holds fewer lines than given");
        return -1;
    }
    return 0;
}

/* The three lists of phrase_lines from scan_lines' arrays; NULL on an error. */
static PyObject *
line_lists(Py_ssize_t lines, PyObject *categories, const Py_ssize_t *first, const Py_ssize_t *cover,
           const char *opens)
{
    PyObject *found = PyList_New(lines), *covered = PyList_New(lines), *at_start = PyList_New(lines);
    PyObject *out = NULL;
    if (found == NULL || covered == NULL || at_start == NULL)
        goto done;
    for (Py_ssize_t j = 0; j < lines; j++) {
        PyObject *number = PyLong_FromSsize_t(cover[j]);
        if (number == NULL)
            goto done;
        PyList_SET_ITEM(covered, j, number);
        PyList_SET_ITEM(found, j, Py_NewRef(first[j] < 0 ? Py_None : PyTuple_GET_ITEM(categories, first[j])));
        PyList_SET_ITEM(at_start, j, Py_NewRef(opens[j] ? Py_True : Py_False));
    }
    out = PyTuple_Pack(3, found, covered, at_start);
done:
    Py_XDECREF(found);
    Py_XDECREF(covered);
    Py_XDECREF(at_start);
    return out;
}

/* scan_lines and line_lists over arrays of `lines` entries made here; NULL on an error. */
static PyObject *
line_results(const struct phrase_trie *trie, const uint8_t *data, Py_ssize_t size, Py_ssize_t lines,
             PyObject *categories, Py_ssize_t slack)
{
    size_t count = (size_t)(lines ? lines : 1);
    Py_ssize_t *first = PyMem_Malloc(count * sizeof(Py_ssize_t));
    Py_ssize_t *cover = PyMem_Calloc(count, sizeof(Py_ssize_t));
    char *opens = PyMem_Calloc(count, 1);
    PyObject *out = NULL;
    if (first == NULL || cover == NULL || opens == NULL)
        PyErr_NoMemory();
    else {
        for (Py_ssize_t j = 0; j < lines; j++)
            first[j] = -1;
        if (scan_lines(trie, data, size, lines, slack, first, cover, opens) == 0)
            out = line_lists(lines, categories, first, cover, opens);
    }
    PyMem_Free(first);
    PyMem_Free(cover);
    PyMem_Free(opens);
    return out;
}

/* phrase_lines(trie, data, lines, categories, slack): HeuristicLabeler.scan_phrases' per-line
 * lists for the UTF-8 `data` of `lines` lines joined by "\n": each line's first phrase
 * category (from the tuple `categories`) or None, the characters inside phrases, and
 * whether a phrase opens it within `slack` characters. */
static PyObject *
native_phrase_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5) {
        PyErr_SetString(PyExc_TypeError, "phrase_lines expects 5 arguments: trie, data, lines, categories, slack");
        return NULL;
    }
    const struct phrase_trie *trie = trie_of(args[0], "phrase_lines");
    if (trie == NULL)
        return NULL;
    if (!PyBytes_Check(args[1]) || !PyLong_Check(args[2]) || !PyTuple_Check(args[3]) || !PyLong_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "phrase_lines: expected (trie, bytes, int, tuple, int)");
        return NULL;
    }
    Py_ssize_t lines = PyLong_AsSsize_t(args[2]), slack = PyLong_AsSsize_t(args[4]);
    if ((lines == -1 || slack == -1) && PyErr_Occurred())
        return NULL;
    if (lines < 0 || slack < 0 || slack > PY_SSIZE_T_MAX / UTF8_MAX_BYTES) {
        PyErr_SetString(PyExc_ValueError, "phrase_lines: lines and slack must be small non-negative ints");
        return NULL;
    }
    if (PyTuple_GET_SIZE(args[3]) < trie->categories) {
        PyErr_SetString(PyExc_ValueError, "phrase_lines: categories holds fewer names than the trie's indices");
        return NULL;
    }
    Py_ssize_t size = PyBytes_GET_SIZE(args[1]);
    if ((lines == 0 && size > 0) || lines > size + 1) {
        PyErr_SetString(PyExc_ValueError, "phrase_lines: data's line breaks do not make that many lines");
        return NULL;
    }
    return line_results(trie, (const uint8_t *)PyBytes_AS_STRING(args[1]), size, lines, args[3], slack);
}

PyMethodDef phrase_scan_methods[] = {
    {"phrase_trie", (PyCFunction)(void (*)(void))native_phrase_trie, METH_FASTCALL,
     "phrase_trie(phrases, categories, lengths): the phrase scan's trie, as a capsule."},
    {"phrase_hits", (PyCFunction)(void (*)(void))native_phrase_hits, METH_FASTCALL,
     "phrase_hits(trie, data): (start byte, category index, length in characters) of each "
     "leftmost-longest hit, flat in one list."},
    {"phrase_lines", (PyCFunction)(void (*)(void))native_phrase_lines, METH_FASTCALL,
     "phrase_lines(trie, data, lines, categories, slack): per line its first category, the "
     "characters in phrases and whether a phrase opens it."},
    {NULL, NULL, 0, NULL},
};
