/* The lines a lead-in may open (Lexicon.lead_ins_of), built into cleaner.native._compiled
 * (setup.py lists this file; _compiled.c's module adds these functions when it loads).
 *
 * lead_in_candidates (_line_marks.c) looks every line's first character up in the lead-in
 * index and tries each lead-in of that initial on it: most lines open with a letter some
 * lead-in opens with, and an initial holds up to ~85 of them. lead_in_filter hashes each
 * lead-in's first one to four characters into a bit table per length, once per lexicon;
 * lead_in_lines rejects a line in four lookups unless its first characters are some
 * lead-in's (a few percent of the lines), and gives the rest lead_in_candidates' exact
 * test. tests/test_native_lead_ins.py compares it with Lexicon.lead_in.
 * Plain CPython C API, no module state.
 */
#include "_compiled.h"

#include <stdint.h>
#include <string.h>

#define LEAD_FILTER_NAME "cleaner.native.lead_in_filter"
#define PREFIX_CHARS 4         /* a lead-in's first characters hashed, at most */
#define PREFIX_HASH_BITS 16    /* a 2^16-bit (8 KiB) table per prefix length: ~700 lead-ins */
#define PREFIX_WORD_BITS 64
#define PREFIX_SEED 0x811C9DC5u       /* FNV-1a over code points ... */
#define PREFIX_PRIME 0x01000193u
#define PREFIX_MIX 0x9E3779B1u        /* ... and a Fibonacci step for the table's top bits */
#define MAX_STRIP 64                  /* characters a strip set may hold */

/* The bit tables: table[k] holds the hashes of the lead-ins' first k + 1 characters
 * (of the lead-ins that long; a shorter one is in the table of its own length). */
struct lead_filter {
    int pass_all; /* an empty lead-in: every line goes to the exact test */
    uint64_t table[PREFIX_CHARS][((size_t)1 << PREFIX_HASH_BITS) / PREFIX_WORD_BITS];
};

/* The next step of a prefix's hash, by the next character. */
static inline uint32_t
hash_step(uint32_t hash, Py_UCS4 c)
{
    return (hash ^ c) * PREFIX_PRIME;
}

/* The table bit of a prefix's hash. */
static inline uint32_t
hash_bit(uint32_t hash)
{
    return (hash * PREFIX_MIX) >> (32 - PREFIX_HASH_BITS);
}

static void
free_filter_capsule(PyObject *capsule)
{
    PyMem_Free(PyCapsule_GetPointer(capsule, LEAD_FILTER_NAME));
}

/* Sets the bit of `lead`'s first min(len, PREFIX_CHARS) characters; -1 (TypeError) when no str. */
static int
add_lead(struct lead_filter *filter, PyObject *lead)
{
    if (!PyUnicode_Check(lead)) {
        PyErr_SetString(PyExc_TypeError, "lead_in_filter: a lead-in must be a str");
        return -1;
    }
    const Py_ssize_t size = PyUnicode_GET_LENGTH(lead);
    if (size == 0) { /* (Lexicon._lead_index keys its lead-ins by their first character: none) */
        filter->pass_all = 1;
        return 0;
    }
    const Py_ssize_t count = size < PREFIX_CHARS ? size : PREFIX_CHARS;
    uint32_t hash = PREFIX_SEED;
    for (Py_ssize_t k = 0; k < count; k++)
        hash = hash_step(hash, PyUnicode_READ_CHAR(lead, k));
    const uint32_t bit = hash_bit(hash);
    filter->table[count - 1][bit / PREFIX_WORD_BITS] |= (uint64_t)1 << (bit % PREFIX_WORD_BITS);
    return 0;
}

/* lead_in_filter(index): the prefix tables of the lead-ins of `index` (Lexicon._lead_index:
 * initial -> (its lead-ins, ...)), as a capsule for lead_in_lines. */
static PyObject *
native_lead_in_filter(PyObject *module, PyObject *index)
{
    (void)module;
    if (!PyDict_Check(index)) {
        PyErr_SetString(PyExc_TypeError, "lead_in_filter: index must be a dict");
        return NULL;
    }
    struct lead_filter *filter = PyMem_Calloc(1, sizeof(*filter));
    if (filter == NULL)
        return PyErr_NoMemory();
    PyObject *key, *entry;
    Py_ssize_t at = 0;
    while (PyDict_Next(index, &at, &key, &entry)) {
        if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) < 1 || !PyTuple_Check(PyTuple_GET_ITEM(entry, 0))) {
            PyErr_SetString(PyExc_TypeError, "lead_in_filter: an index entry must open with a tuple of str");
            PyMem_Free(filter);
            return NULL;
        }
        PyObject *leads = PyTuple_GET_ITEM(entry, 0);
        for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(leads); k++)
            if (add_lead(filter, PyTuple_GET_ITEM(leads, k)) < 0) {
                PyMem_Free(filter);
                return NULL;
            }
    }
    PyObject *capsule = PyCapsule_New(filter, LEAD_FILTER_NAME, free_filter_capsule);
    if (capsule == NULL)
        PyMem_Free(filter);
    return capsule;
}

/* Whether the characters from `at` may open a lead-in, by the tables: a miss is none for certain. */
static inline int
may_open_lead(const struct lead_filter *filter, int kind, const void *data, Py_ssize_t at, Py_ssize_t size)
{
    uint32_t hash = PREFIX_SEED;
    for (Py_ssize_t k = 0; k < PREFIX_CHARS && at + k < size; k++) {
        hash = hash_step(hash, PyUnicode_READ(kind, data, at + k));
        const uint32_t bit = hash_bit(hash);
        if (filter->table[k][bit / PREFIX_WORD_BITS] >> (bit % PREFIX_WORD_BITS) & 1)
            return 1;
    }
    return 0;
}

/* Whether the str `text` holds the str `lead` from `at` on (norm[at:].startswith(lead),
 * as PyUnicode_Tailmatch answers it for two strs, without its checks and dispatch a call:
 * a line's lead-ins are tried one by one). */
static inline int
starts_at(PyObject *text, PyObject *lead, Py_ssize_t at)
{
    const Py_ssize_t size = PyUnicode_GET_LENGTH(lead);
    if (at < 0 || size > PyUnicode_GET_LENGTH(text) - at)
        return 0;
    const int kind = PyUnicode_KIND(text), lead_kind = PyUnicode_KIND(lead);
    const void *data = PyUnicode_DATA(text), *units = PyUnicode_DATA(lead);
    if (kind == lead_kind)
        return memcmp((const char *)data + at * kind, units, (size_t)size * (size_t)kind) == 0;
    for (Py_ssize_t k = 0; k < size; k++)
        if (PyUnicode_READ(kind, data, at + k) != PyUnicode_READ(lead_kind, units, k))
            return 0;
    return 1;
}

/* Whether `norm` goes on from `at` with a lead-in of its initial's entry in `index`
 * (lead_in_candidates' test): 1, 0, or -1 with an exception. */
static int
opens_with_lead(PyObject *norm, Py_ssize_t at, Py_UCS4 initial, PyObject *index)
{
    PyObject *key = PyUnicode_FromOrdinal((int)initial);
    if (key == NULL)
        return -1;
    PyObject *entry = PyDict_GetItemWithError(index, key); /* borrowed */
    Py_DECREF(key);
    if (entry == NULL)
        return PyErr_Occurred() ? -1 : 0;
    if (!PyTuple_Check(entry) || PyTuple_GET_SIZE(entry) < 1 || !PyTuple_Check(PyTuple_GET_ITEM(entry, 0))) {
        PyErr_SetString(PyExc_TypeError, "lead_in_lines: an index entry must open with a tuple of str");
        return -1;
    }
    PyObject *leads = PyTuple_GET_ITEM(entry, 0);
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(leads); k++) {
        PyObject *lead = PyTuple_GET_ITEM(leads, k);
        if (!PyUnicode_Check(lead)) {
            PyErr_SetString(PyExc_TypeError, "lead_in_lines: a lead-in must be a str");
            return -1;
        }
        if (starts_at(norm, lead, at))
            return 1;
    }
    return 0;
}

#define ASCII_LIMIT 128
#define SET_WORD_BITS 64

/* The strip characters as lead_in_lines tests them: ASCII ones as bits, the rest listed
 * (a line's first character was compared with each of them, ~25 compares a line). */
struct strip_set {
    uint64_t ascii[ASCII_LIMIT / SET_WORD_BITS];
    Py_UCS4 wide[MAX_STRIP];
    Py_ssize_t wides;
};

/* The strip set of the str `chars` (at most MAX_STRIP characters). */
static void
fill_strip_set(struct strip_set *set, PyObject *chars)
{
    memset(set, 0, sizeof(*set));
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(chars); k++) {
        const Py_UCS4 c = PyUnicode_READ_CHAR(chars, k);
        if (c < ASCII_LIMIT)
            set->ascii[c / SET_WORD_BITS] |= (uint64_t)1 << (c % SET_WORD_BITS);
        else
            set->wide[set->wides++] = c;
    }
}

/* Whether `c` is one of the set's characters. */
static inline int
in_strip(const struct strip_set *set, Py_UCS4 c)
{
    if (c < ASCII_LIMIT)
        return (int)(set->ascii[c / SET_WORD_BITS] >> (c % SET_WORD_BITS) & 1);
    for (Py_ssize_t k = 0; k < set->wides; k++)
        if (set->wide[k] == c)
            return 1;
    return 0;
}

/* lead_in_lines(filter, norms, strip, index): lead_in_candidates(norms, strip, index), the
 * lines whose first characters no lead-in opens with rejected by `filter` (lead_in_filter
 * of the same index) first. */
static PyObject *
native_lead_in_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4) {
        PyErr_SetString(PyExc_TypeError, "lead_in_lines takes (filter, norms, strip, index)");
        return NULL;
    }
    if (!PyCapsule_IsValid(args[0], LEAD_FILTER_NAME)) {
        PyErr_SetString(PyExc_TypeError, "lead_in_lines: the first argument must be a lead_in_filter");
        return NULL;
    }
    const struct lead_filter *filter = PyCapsule_GetPointer(args[0], LEAD_FILTER_NAME);
    PyObject *norms = args[1], *strip_text = args[2], *index = args[3];
    if (!PyList_Check(norms) || !PyUnicode_Check(strip_text) || !PyDict_Check(index)) {
        PyErr_SetString(PyExc_TypeError, "lead_in_lines: expected (filter, list of str, str, dict)");
        return NULL;
    }
    if (PyUnicode_GET_LENGTH(strip_text) > MAX_STRIP) {
        PyErr_SetString(PyExc_ValueError, "lead_in_lines: strip holds too many characters");
        return NULL;
    }
    struct strip_set strip;
    fill_strip_set(&strip, strip_text);
    PyObject *out = PyList_New(0);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(norms); j++) {
        PyObject *norm = PyList_GET_ITEM(norms, j);
        if (!PyUnicode_Check(norm)) {
            PyErr_SetString(PyExc_TypeError, "lead_in_lines: norms must be a list of str");
            goto fail;
        }
        const Py_ssize_t size = PyUnicode_GET_LENGTH(norm);
        const int kind = PyUnicode_KIND(norm);
        const void *data = PyUnicode_DATA(norm);
        Py_ssize_t at = 0; /* the first character lstrip(strip) leaves */
        while (at < size && in_strip(&strip, PyUnicode_READ(kind, data, at)))
            at++;
        if (at == size || (!filter->pass_all && !may_open_lead(filter, kind, data, at, size)))
            continue;
        const int opens = opens_with_lead(norm, at, PyUnicode_READ(kind, data, at), index);
        if (opens < 0 || (opens && cleaner_append_index(out, j) < 0))
            goto fail;
    }
    return out;
fail:
    Py_DECREF(out);
    return NULL;
}

/* Whether `c` is one of the characters of the str `chars`. */
static inline int
holds_char(PyObject *chars, Py_UCS4 c)
{
    const int kind = PyUnicode_KIND(chars);
    const void *data = PyUnicode_DATA(chars);
    for (Py_ssize_t k = 0; k < PyUnicode_GET_LENGTH(chars); k++)
        if (PyUnicode_READ(kind, data, k) == c)
            return 1;
    return 0;
}

/* What Lexicon.lead_in's loop over a line's lead-ins decides without the line as written. */
enum { NO_LEAD = 0, LEAD_FOUND = 1, LEAD_UNDECIDED = 2 };

/* Lexicon.lead_in of `norm` (its lead-ins from `at`: the (lead-in, category) pairs of its
 * initial's entry), up to the upper-case test: LEAD_FOUND with the category in *category
 * (borrowed) where a lead-in is followed by the line's end, a separator, or a dash and a
 * space; LEAD_UNDECIDED where a lead-in is followed by white space and no earlier one
 * decided (the upper-case test reads the line as written: Python's); else NO_LEAD. -1
 * with an exception on a bad entry. */
static int
decide_lead(PyObject *norm, Py_ssize_t at, PyObject *pairs, PyObject *separators, PyObject *dashes,
            PyObject **category)
{
    const Py_ssize_t size = PyUnicode_GET_LENGTH(norm);
    const int kind = PyUnicode_KIND(norm);
    const void *data = PyUnicode_DATA(norm);
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(pairs); k++) {
        PyObject *pair = PyTuple_GET_ITEM(pairs, k);
        if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2 || !PyUnicode_Check(PyTuple_GET_ITEM(pair, 0))) {
            PyErr_SetString(PyExc_TypeError, "lead_in_found: an entry's pairs must be (str, category)");
            return -1;
        }
        PyObject *lead = PyTuple_GET_ITEM(pair, 0);
        if (!starts_at(norm, lead, at))
            continue;
        const Py_ssize_t rest = at + PyUnicode_GET_LENGTH(lead); /* rest = line[len(lead):] */
        Py_ssize_t after = rest;                                  /* after = rest.lstrip() */
        while (after < size && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, after)))
            after++;
        if (after == size || holds_char(separators, PyUnicode_READ(kind, data, after))) {
            *category = PyTuple_GET_ITEM(pair, 1);
            return LEAD_FOUND;
        }
        if (holds_char(dashes, PyUnicode_READ(kind, data, after)) &&
            (after + 1 == size || PyUnicode_READ(kind, data, after + 1) == ' ')) {
            *category = PyTuple_GET_ITEM(pair, 1);
            return LEAD_FOUND;
        }
        if (after > rest) /* rest[:1].isspace(): the upper-case test's, in Python */
            return LEAD_UNDECIDED;
    }
    return NO_LEAD;
}

/* lead_in_found(filter, norms, strip, index, separators, dashes): (per line its lead-in's
 * category or None, the lines Python's Lexicon.lead_in must read): lead_in_lines' lines
 * each read by Lexicon.lead_in's loop over the pairs of its initial's entry (index[initial][1]),
 * but for the upper-case test (decide_lead); every other line's lead-in is None. */
static PyObject *
native_lead_in_found(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError, "lead_in_found takes (filter, norms, strip, index, separators, dashes)");
        return NULL;
    }
    PyObject *index = args[3], *separators = args[4], *dashes = args[5];
    if (!PyUnicode_Check(separators) || !PyUnicode_Check(dashes)) {
        PyErr_SetString(PyExc_TypeError, "lead_in_found: separators and dashes must be str");
        return NULL;
    }
    PyObject *lines = native_lead_in_lines(module, args, 4);
    if (lines == NULL)
        return NULL;
    PyObject *norms = args[1];
    const Py_ssize_t n = PyList_GET_SIZE(norms);
    PyObject *found = PyList_New(n), *undecided = PyList_New(0), *result = NULL;
    if (found == NULL || undecided == NULL)
        goto done;
    for (Py_ssize_t j = 0; j < n; j++)
        PyList_SET_ITEM(found, j, Py_NewRef(Py_None));
    for (Py_ssize_t k = 0; k < PyList_GET_SIZE(lines); k++) {
        const Py_ssize_t j = PyLong_AsSsize_t(PyList_GET_ITEM(lines, k));
        PyObject *norm = PyList_GET_ITEM(norms, j);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(norm);
        Py_ssize_t at = 0; /* lead_in_lines found it past the strip characters */
        while (at < size && PyUnicode_FindChar(args[2], PyUnicode_READ_CHAR(norm, at), 0,
                                               PyUnicode_GET_LENGTH(args[2]), 1) >= 0)
            at++;
        PyObject *key = PyUnicode_FromOrdinal((int)PyUnicode_READ_CHAR(norm, at));
        if (key == NULL)
            goto done;
        PyObject *entry = PyDict_GetItemWithError(index, key); /* borrowed; lead_in_lines checked it */
        Py_DECREF(key);
        if (entry == NULL || PyTuple_GET_SIZE(entry) < 2 || !PyTuple_Check(PyTuple_GET_ITEM(entry, 1))) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_TypeError, "lead_in_found: an index entry must be (lead-ins, pairs)");
            goto done;
        }
        PyObject *category = NULL;
        const int decided = decide_lead(norm, at, PyTuple_GET_ITEM(entry, 1), separators, dashes, &category);
        if (decided < 0)
            goto done;
        if (decided == LEAD_FOUND) {
            if (PyList_SetItem(found, j, Py_NewRef(category)) < 0) /* (None's reference dropped) */
                goto done;
        }
        else if (decided == LEAD_UNDECIDED && cleaner_append_index(undecided, j) < 0)
            goto done;
    }
    result = PyTuple_Pack(2, found, undecided);
done:
    Py_DECREF(lines);
    Py_XDECREF(found);
    Py_XDECREF(undecided);
    return result;
}

PyMethodDef lead_in_methods[] = {
    {"lead_in_filter", native_lead_in_filter, METH_O,
     "lead_in_filter(index): the lead-ins' first characters as bit tables, a capsule for lead_in_lines."},
    {"lead_in_lines", (PyCFunction)(void (*)(void))native_lead_in_lines, METH_FASTCALL,
     "lead_in_lines(filter, norms, strip, index): lead_in_candidates, the lines no lead-in's first "
     "characters open rejected by the filter first."},
    {"lead_in_found", (PyCFunction)(void (*)(void))native_lead_in_found, METH_FASTCALL,
     "lead_in_found(filter, norms, strip, index, separators, dashes): (each line's lead-in category "
     "or None, the lines whose upper-case test Python makes)."},
    {NULL, NULL, 0, NULL},
};
