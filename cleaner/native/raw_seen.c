/* Which of a raw dump's lines repeat an earlier one, built into cleaner.native._compiled
 * (setup.py lists this file; _compiled.c's module adds these functions when it loads).
 *
 * The raw-dump columns read, per line, the position of its text's first occurrence
 * (features.first_occurrences: a dict's setdefault, which hashes every line with
 * SipHash) and how many lines share its text (numpy's bincount of those, indexed by
 * them). line_repeats makes both in one pass with its own hash table: a line is hashed
 * eight bytes of its code units at a time, and two lines are equal exactly when str's own
 * equality finds them so (the same width, length and code units: a str is stored in its
 * narrowest width). tests/test_native_raw_seen.py compares it with first_occurrences and
 * the bincount. Plain CPython C API.
 */
#include "_compiled.h"

#include <stdint.h>
#include <string.h>

#define SEEN_FIRST_SLOTS 64 /* a power of two; the table doubles when half full */
#define SEEN_PROBES_PER_LINE 8 /* past this on average: crafted collisions, the dict answers */

/* A line's hash from its `bytes` bytes of code units, eight at a time (the last few
 * copied into a zeroed word: no read past the string's buffer); equal lines hash alike. */
static inline uint64_t
units_hash(const unsigned char *at, Py_ssize_t bytes, int kind)
{
    uint64_t hash = ((uint64_t)bytes * 4 + (uint64_t)kind) * 0x9e3779b97f4a7c15ULL, chunk;
    for (; bytes >= 8; at += 8, bytes -= 8) {
        memcpy(&chunk, at, 8);
        hash = (hash ^ chunk) * 0xff51afd7ed558ccdULL;
        hash ^= hash >> 32;
    }
    unsigned char tail[8] = {0};
    memcpy(tail, at, (size_t)bytes);
    memcpy(&chunk, tail, 8);
    hash = (hash ^ chunk) * 0xc4ceb9fe1a85ec53ULL;
    return hash ^ (hash >> 29);
}

/* One distinct line: its hash and the first line holding it (-1: a free slot). */
typedef struct {
    uint64_t hash;
    Py_ssize_t first;
} SeenSlot;

/* Doubles `*table` (of `*slots`), every line moved to its slot; -1 when out of memory. */
static int
grow_seen(SeenSlot **table, size_t *slots)
{
    const size_t size = 2 * *slots, mask = size - 1;
    SeenSlot *grown = PyMem_Malloc(size * sizeof(SeenSlot));
    if (grown == NULL)
        return -1;
    memset(grown, 0xff, size * sizeof(SeenSlot)); /* every first -1: free */
    for (size_t k = 0; k < *slots; k++) {
        if ((*table)[k].first < 0)
            continue;
        size_t slot = (*table)[k].hash & mask;
        while (grown[slot].first >= 0)
            slot = (slot + 1) & mask;
        grown[slot] = (*table)[k];
    }
    PyMem_Free(*table);
    *table = grown;
    *slots = size;
    return 0;
}

/* Whether the exact str `a` and `b` are equal (str's own test: width, length, units). */
static inline int
same_text(PyObject *a, PyObject *b)
{
    const Py_ssize_t size = PyUnicode_GET_LENGTH(a);
    const int kind = PyUnicode_KIND(a);
    return size == PyUnicode_GET_LENGTH(b) && kind == PyUnicode_KIND(b) &&
           memcmp(PyUnicode_DATA(a), PyUnicode_DATA(b), (size_t)size * (size_t)kind) == 0;
}

/* Fills `first` with each line's first occurrence; 1 done, 0 when the hashes collide too
 * often, -1 with an error. Every item of `texts` is an exact str. */
static int
first_lines(PyObject *texts, Py_ssize_t n, int64_t *first)
{
    size_t slots = SEEN_FIRST_SLOTS, used = 0, probes = 0;
    while (slots < 2 * (size_t)n && slots < ((size_t)1 << 30)) /* about one in two slots used */
        slots *= 2;
    SeenSlot *table = PyMem_Malloc(slots * sizeof(SeenSlot));
    if (table == NULL) {
        PyErr_NoMemory();
        return -1;
    }
    memset(table, 0xff, slots * sizeof(SeenSlot));
    int done = 1;
    for (Py_ssize_t i = 0; i < n && done == 1; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        const int kind = PyUnicode_KIND(text);
        const uint64_t hash = units_hash(PyUnicode_DATA(text), PyUnicode_GET_LENGTH(text) * kind, kind);
        const size_t mask = slots - 1;
        for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            if (++probes > SEEN_PROBES_PER_LINE * (size_t)i + 64) {
                done = 0;
                break;
            }
            SeenSlot *seen = &table[slot];
            if (seen->first < 0) {
                *seen = (SeenSlot){hash, i};
                first[i] = i;
                used++;
                break;
            }
            if (seen->hash == hash && same_text(PyList_GET_ITEM(texts, seen->first), text)) {
                first[i] = seen->first;
                break;
            }
        }
        if (2 * used > slots && grow_seen(&table, &slots) < 0) {
            PyErr_NoMemory();
            done = -1;
        }
    }
    PyMem_Free(table);
    return done;
}

/* line_repeats(texts): for a list of exact str, (first, counts): two bytearrays of int64,
 * each line's first occurrence among them (features.first_occurrences) and how many lines
 * hold its text (numpy.bincount(first)[first]); None when an item is no exact str (a
 * subclass may define its own equality) or the hashes collide too often. TypeError when
 * `texts` is no list. */
static PyObject *
native_line_repeats(PyObject *module, PyObject *texts)
{
    (void)module;
    if (!PyList_Check(texts)) {
        PyErr_SetString(PyExc_TypeError, "line_repeats: texts must be a list");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *text = PyList_GET_ITEM(texts, i);
        if (!PyUnicode_CheckExact(text))
            return Py_NewRef(Py_None);
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(text) < 0)
            return NULL;
#endif
    }
    if (n > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(int64_t))
        return PyErr_NoMemory();
    PyObject *first_out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(int64_t));
    PyObject *counts_out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(int64_t));
    PyObject *result = NULL;
    if (first_out == NULL || counts_out == NULL)
        goto done;
    int64_t *first = (int64_t *)PyByteArray_AS_STRING(first_out);
    int64_t *counts = (int64_t *)PyByteArray_AS_STRING(counts_out);
    const int found = first_lines(texts, n, first); /* no Python code runs: the list cannot change */
    if (found < 0)
        goto done;
    if (found == 0) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    memset(counts, 0, (size_t)n * sizeof(int64_t));
    for (Py_ssize_t i = 0; i < n; i++) /* each text's count at its first line, then read back */
        counts[first[i]]++;
    for (Py_ssize_t i = 0; i < n; i++)
        counts[i] = counts[first[i]];
    result = PyTuple_Pack(2, first_out, counts_out);
done:
    Py_XDECREF(first_out);
    Py_XDECREF(counts_out);
    return result;
}

PyMethodDef raw_seen_methods[] = {
    {"line_repeats", native_line_repeats, METH_O,
     "line_repeats(texts): (first, counts) of each line, as int64 bytes; None for no exact str or collisions."},
    {NULL, NULL, 0, NULL},
};
