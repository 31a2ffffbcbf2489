/* Optional compiled twins of hot loops of the text path (see cleaner/native/__init__.py
 * and docs/design.md section 7).
 *
 * Each function here has a pure-Python reference that gives the same result and stays
 * the fallback: blocks.split_blocks_python, features.first_occurrences_python,
 * features.byte_word_occurrences_python, features.most_common_positions_python,
 * features.line_shapes_python, features.token_counts_python, lexicon.lower_text_python,
 * article_lines.pronoun_shares_python, article_lines.title_overlaps_python,
 * article_lines._repeated_python, article_lines._edge_points_python,
 * result.build_segments_python and the numpy walk of trees.TreeEnsemble; the other files
 * of file_methods (below), compiled into the same module, have theirs (article_columns.c
 * article_lines.article_matrix_python's, line_counts.c line_letters'
 * _letter_counts_by_numpy, ...). tests/test_native.py runs both on every corpus case
 * and on hostile strings and asserts identical output. Only the plain CPython C API is
 * used (no numpy headers): arrays come in through the buffer protocol and go out as
 * bytearrays that numpy wraps without a copy, so building needs a C compiler and the
 * Python headers, nothing else. No module state here: every call owns what it creates (a
 * tree walker belongs to its ensemble, in a capsule); line_counts.c keeps one case table
 * for the process, since a code point's case never changes, and line_shares' pronoun table
 * of the last two frozensets it was given (held, so immutable and theirs).
 */
#include "_compiled.h"
#include <stdint.h>
#include <string.h>

/* ---------------------------------------------------------------- split_blocks */

/* blocks._STRIP: the characters str.strip(_STRIP) takes off a line's ends. */
static inline int
is_strip(Py_UCS4 c)
{
    switch (c) {
    case ' ': case '\t': case '\r': case '\f': case '\v':
    case 0x00A0: case 0x200B: case 0xFEFF:
        return 1;
    default:
        return 0;
    }
}

/* Builds one Block of the `text` (borrowed) that starts at `start`: tuple.__new__(Block,
 * (index, start, start + len(text), text)) without the temporary tuple (what CPython's
 * tuple_subtype_new does: allocate, then fill). `type` is a tuple subclass of four fields,
 * as Block is. _compiled.h: page_walk.c's page_blocks builds html's blocks with it. */
PyObject *
cleaner_new_block(PyTypeObject *type, Py_ssize_t index, Py_ssize_t start, PyObject *text)
{
    PyObject *items[4] = {PyLong_FromSsize_t(index), PyLong_FromSsize_t(start),
                          PyLong_FromSsize_t(start + PyUnicode_GET_LENGTH(text)), text};
    PyObject *block = NULL;
    if (items[0] != NULL && items[1] != NULL && items[2] != NULL)
        block = type->tp_alloc(type, 4);
    if (block == NULL) {
        for (int k = 0; k < 3; k++)
            Py_XDECREF(items[k]);
        return NULL;
    }
    Py_INCREF(text);
    for (int k = 0; k < 4; k++)
        PyTuple_SET_ITEM(block, k, items[k]); /* steals the reference */
    if (PyUnicode_CheckExact(text))
        cleaner_untrack_atomic(block);
    return block;
}

static PyObject *
native_split_blocks(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "split_blocks(block_type, source) takes 2 arguments");
        return NULL;
    }
    PyObject *type_obj = args[0], *source = args[1];
    /* The block type must be laid out as a plain tuple (a named tuple: no extra slots),
     * or filling its items by PyTuple_SET_ITEM would be wrong. */
    if (!PyType_Check(type_obj) || !PyType_IsSubtype((PyTypeObject *)type_obj, &PyTuple_Type) ||
        ((PyTypeObject *)type_obj)->tp_basicsize != PyTuple_Type.tp_basicsize ||
        ((PyTypeObject *)type_obj)->tp_itemsize != PyTuple_Type.tp_itemsize) {
        PyErr_SetString(PyExc_TypeError, "split_blocks: block_type must be a named tuple class");
        return NULL;
    }
    if (!PyUnicode_Check(source)) {
        PyErr_SetString(PyExc_TypeError, "split_blocks: source must be a str");
        return NULL;
    }
#if PY_VERSION_HEX < 0x030C0000
    if (PyUnicode_READY(source) < 0) /* a legacy str made by the old wchar_t API (3.11) */
        return NULL;
#endif
    PyTypeObject *type = (PyTypeObject *)type_obj;
    const int kind = PyUnicode_KIND(source);
    const void *data = PyUnicode_DATA(source);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(source);
    PyObject *blocks = PyList_New(0);
    if (blocks == NULL)
        return NULL;
    Py_ssize_t index = 0, pos = 0;
    for (;;) {
        /* [pos, stop): one line, without its break */
        const Py_ssize_t stop = cleaner_line_end(kind, data, pos, size); /* line_breaks.c */
        Py_ssize_t start = pos, end = stop;
        while (start < end && is_strip(PyUnicode_READ(kind, data, start)))
            start++;
        while (end > start && is_strip(PyUnicode_READ(kind, data, end - 1)))
            end--;
        if (start < end) {
            PyObject *text = cleaner_substring(source, start, end); /* line_breaks.c */
            PyObject *block = text == NULL ? NULL : cleaner_new_block(type, index, start, text);
            Py_XDECREF(text);
            if (block == NULL || PyList_Append(blocks, block) < 0) {
                Py_XDECREF(block);
                Py_DECREF(blocks);
                return NULL;
            }
            Py_DECREF(block);
            index++;
        }
        if (stop >= size)
            break;
        pos = stop + 1;
    }
    return blocks;
}

/* ---------------------------------------------------------- first_occurrences */

/* For each token, the position of its first occurrence, as native int64 in a bytearray
 * (features.first_occurrences wraps it with numpy.frombuffer): the dict lookups of
 * dict.setdefault, without a Python call and a new int per token. */
static PyObject *
native_first_occurrences(PyObject *module, PyObject *tokens)
{
    (void)module;
    PyObject *seq = PySequence_Fast(tokens, "first_occurrences: tokens must be a sequence");
    if (seq == NULL)
        return NULL;
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(seq);
    PyObject *out = NULL, *first_seen = PyDict_New();
    if (first_seen == NULL)
        goto done;
    if (n > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(int64_t)) {
        PyErr_NoMemory();
        goto done;
    }
    out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(int64_t));
    if (out == NULL)
        goto done;
    int64_t *first = (int64_t *)PyByteArray_AS_STRING(out);
    for (Py_ssize_t i = 0; i < n; i++) {
        /* A token's __hash__ or __eq__ may be Python code that changes a list of tokens
         * (never str or bytes): its size is checked and each token held while in use. */
        if (PySequence_Fast_GET_SIZE(seq) != n) {
            PyErr_SetString(PyExc_RuntimeError, "first_occurrences: tokens changed size");
            goto fail;
        }
        PyObject *token = PySequence_Fast_GET_ITEM(seq, i);
        Py_INCREF(token);
        PyObject *seen = PyDict_GetItemWithError(first_seen, token); /* borrowed: the dict holds it */
        if (seen != NULL) {
            Py_DECREF(token);
            first[i] = (int64_t)PyLong_AsSsize_t(seen); /* an int we stored: cannot fail */
            continue;
        }
        PyObject *at = PyErr_Occurred() ? NULL : PyLong_FromSsize_t(i); /* unhashable: setdefault's TypeError */
        int failed = at == NULL || PyDict_SetItem(first_seen, token, at) < 0;
        Py_XDECREF(at);
        Py_DECREF(token);
        if (failed)
            goto fail;
        first[i] = (int64_t)i;
    }
    goto done;
fail:
    Py_CLEAR(out);
done:
    Py_XDECREF(first_seen);
    Py_DECREF(seq);
    return out;
}

/* ------------------------------------------------------- byte_word_occurrences */

/* A word's hash, eight bytes at a time (a multiply and a shift each): equal words hash
 * alike, and it need not resist crafted input: past PROBES_PER_WORD probes a word on
 * average the function gives up and the caller takes the Python path (same output). */
static inline uint64_t
word_hash(const unsigned char *at, Py_ssize_t size)
{
    uint64_t hash = (uint64_t)size * 0x9e3779b97f4a7c15ULL, chunk;
    for (; size >= 8; at += 8, size -= 8) {
        memcpy(&chunk, at, 8);
        hash = (hash ^ chunk) * 0xff51afd7ed558ccdULL;
        hash ^= hash >> 32;
    }
    chunk = 0;
    memcpy(&chunk, at, (size_t)size);
    hash = (hash ^ chunk) * 0xc4ceb9fe1a85ec53ULL;
    return hash ^ (hash >> 29);
}

#define PROBES_PER_WORD 8
#define UPPER_BOUND_BYTES (1 << 20)
#define FIRST_SLOTS 256 /* a power of two; the table doubles whenever it is half full */

/* One distinct word seen: all a probe reads, in one place (one cache line, not three). */
typedef struct {
    uint64_t hash;
    int64_t first; /* its first position among the words; -1: a free slot */
    int64_t start; /* where that first occurrence starts in the data */
    int64_t size;
} WordSlot;

/* Moves every word of `old` into a free table of twice as many slots; NULL when out of memory. */
static WordSlot *
grown_table(WordSlot *old, size_t slots)
{
    WordSlot *table = PyMem_Malloc(2 * slots * sizeof(WordSlot));
    if (table == NULL)
        return NULL;
    const size_t mask = 2 * slots - 1;
    for (size_t k = 0; k < 2 * slots; k++)
        table[k].first = -1;
    for (size_t k = 0; k < slots; k++) {
        if (old[k].first < 0)
            continue;
        size_t slot = old[k].hash & mask;
        while (table[slot].first >= 0)
            slot = (slot + 1) & mask;
        table[slot] = old[k];
    }
    return table;
}

/* byte_word_occurrences(data): the words of the bytes `data` (data.split()), each as the
 * position of its first occurrence among them (features.first_occurrences of the split),
 * without a bytes object per word: (first, bounds), two bytearrays of int64, `first` one
 * per word and `bounds` each word's start and end in `data`. None when the words' hashes
 * collide too often (then data.split() and first_occurrences give the same). */
static PyObject *
native_byte_word_occurrences(PyObject *module, PyObject *arg)
{
    (void)module;
    Py_buffer view;
    if (PyObject_GetBuffer(arg, &view, PyBUF_SIMPLE) < 0)
        return NULL;
    const unsigned char *data = view.buf;
    const Py_ssize_t size = view.len;
    PyObject *first_out = NULL, *bounds_out = NULL, *result = NULL;
    size_t slots = FIRST_SLOTS, used = 0;
    WordSlot *table = PyMem_Malloc(slots * sizeof(WordSlot));
    if (table == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (size_t k = 0; k < slots; k++)
        table[k].first = -1;
    /* Room for the most words `data` can hold (every other byte a space), cut to the words
     * found at the end: one pass over the bytes rather than a count first (0.060 s against
     * 0.080 on the dev pages). Past UPPER_BOUND_BYTES the words are counted first, so a
     * huge page never costs 12 bytes of room per byte. */
    Py_ssize_t most = (size + 1) / 2;
    if (size > UPPER_BOUND_BYTES) {
        most = 0;
        for (Py_ssize_t k = 0; k < size; k++) /* a word opens at a non-space after a space */
            most += !cleaner_is_byte_space(data[k]) && (k == 0 || cleaner_is_byte_space(data[k - 1]));
    }
    first_out = PyByteArray_FromStringAndSize(NULL, most * (Py_ssize_t)sizeof(int64_t));
    bounds_out = PyByteArray_FromStringAndSize(NULL, 2 * most * (Py_ssize_t)sizeof(int64_t));
    if (first_out == NULL || bounds_out == NULL)
        goto done;
    int64_t *first = (int64_t *)PyByteArray_AS_STRING(first_out);
    int64_t *bounds = (int64_t *)PyByteArray_AS_STRING(bounds_out);
    size_t probes = 0;
    Py_ssize_t at = 0, word = 0;
    for (;; word++) {
        while (at < size && cleaner_is_byte_space(data[at]))
            at++;
        if (at >= size)
            break;
        Py_ssize_t end = at;
        while (end < size && !cleaner_is_byte_space(data[end]))
            end++;
        bounds[2 * word] = at;
        bounds[2 * word + 1] = end;
        const uint64_t hash = word_hash(data + at, end - at);
        const size_t mask = slots - 1;
        for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            if (++probes > PROBES_PER_WORD * (size_t)word + 64) { /* crafted collisions: the Python path */
                Py_INCREF(Py_None);
                result = Py_None;
                goto done;
            }
            WordSlot *seen = &table[slot];
            if (seen->first < 0) { /* a new word: its own first position */
                *seen = (WordSlot){hash, word, at, end - at};
                first[word] = word;
                used++;
                break;
            }
            if (seen->hash == hash && seen->size == end - at &&
                memcmp(data + seen->start, data + at, (size_t)seen->size) == 0) {
                first[word] = seen->first;
                break;
            }
        }
        if (2 * used > slots) {
            WordSlot *grown = grown_table(table, slots);
            if (grown == NULL) {
                PyErr_NoMemory();
                goto done;
            }
            PyMem_Free(table);
            table = grown;
            slots *= 2;
        }
        at = end;
    }
    if (PyByteArray_Resize(first_out, word * (Py_ssize_t)sizeof(int64_t)) < 0 ||
        PyByteArray_Resize(bounds_out, 2 * word * (Py_ssize_t)sizeof(int64_t)) < 0)
        goto done;
    result = PyTuple_Pack(2, first_out, bounds_out);
done:
    PyMem_Free(table);
    Py_XDECREF(first_out);
    Py_XDECREF(bounds_out);
    PyBuffer_Release(&view);
    return result;
}

/* ------------------------------------------------------- most_common_positions */

typedef struct {
    int64_t count;
    int64_t position;
} Ranked;

/* most_common_positions(first, k): features.most_common_positions_python for `first`, an
 * int64 array of first positions (features.first_occurrences), and k >= 0: the positions of
 * the k most frequent tokens, ties in first-seen order, as a list. None when a position is
 * outside the array (never from first_occurrences): then the Python path answers. */
static PyObject *
native_most_common_positions(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "most_common_positions(first, k) takes 2 arguments");
        return NULL;
    }
    const Py_ssize_t k = PyLong_AsSsize_t(args[1]);
    if (k == -1 && PyErr_Occurred())
        return NULL;
    if (k < 0) {
        PyErr_SetString(PyExc_ValueError, "most_common_positions: k must not be negative");
        return NULL;
    }
    Py_buffer view;
    if (PyObject_GetBuffer(args[0], &view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return NULL;
    const char *format = view.format == NULL ? "B" : view.format;
    if (*format == '@' || *format == '=' || *format == '<')
        format++;
    if (view.itemsize != sizeof(int64_t) || format[0] == '\0' || format[1] != '\0' || strchr("lq", format[0]) == NULL) {
        PyBuffer_Release(&view);
        PyErr_SetString(PyExc_ValueError, "most_common_positions: first must hold int64");
        return NULL;
    }
    const int64_t *first = view.buf;
    const Py_ssize_t n = view.len / (Py_ssize_t)sizeof(int64_t);
    PyObject *result = NULL;
    int64_t *counts = PyMem_Calloc((size_t)n + 1, sizeof(int64_t));
    Ranked *ranked = NULL;
    if (counts == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (first[i] < 0 || first[i] >= n) { /* not a first position: the Python path */
            result = Py_NewRef(Py_None);
            goto done;
        }
        counts[first[i]]++;
    }
    /* The k best so far, more frequent first, of equal counts the first seen first: the
     * positions come in ascending order, so a token enters only past a strictly smaller
     * count and equal counts keep their order (numpy's stable argsort of the negated
     * counts). A full sort of every distinct token was slower than numpy's. */
    const Py_ssize_t room = k < n ? k : n;
    ranked = PyMem_Malloc(((size_t)room + 1) * sizeof(Ranked));
    if (ranked == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    Py_ssize_t kept = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const int64_t count = counts[i];
        if (count == 0 || (kept == room && (room == 0 || count <= ranked[room - 1].count)))
            continue;
        Py_ssize_t j = kept < room ? kept++ : room - 1; /* the last place, freed if full */
        while (j > 0 && ranked[j - 1].count < count) {
            ranked[j] = ranked[j - 1];
            j--;
        }
        ranked[j] = (Ranked){count, i};
    }
    result = PyList_New(kept);
    for (Py_ssize_t j = 0; result != NULL && j < kept; j++) {
        PyObject *position = PyLong_FromLongLong(ranked[j].position);
        if (position == NULL)
            Py_CLEAR(result);
        else
            PyList_SET_ITEM(result, j, position);
    }
done:
    PyMem_Free(counts);
    PyMem_Free(ranked);
    PyBuffer_Release(&view);
    return result;
}

/* ---------------------------------------------------------------- line_shapes */

/* str.istitle of an ASCII line: no title-case letter, the upper-case ones A-Z and the
 * lower-case a-z (the same walk as is_title's, without a character-database lookup). */
static int
is_ascii_title(const Py_UCS1 *text, Py_ssize_t size)
{
    int cased = 0, previous_is_cased = 0;
    for (Py_ssize_t k = 0; k < size; k++) {
        const Py_UCS1 c = text[k];
        if (c >= 'A' && c <= 'Z') {
            if (previous_is_cased)
                return 0;
            previous_is_cased = cased = 1;
        } else if (c >= 'a' && c <= 'z') {
            if (!previous_is_cased)
                return 0;
            previous_is_cased = 1;
        } else
            previous_is_cased = 0;
    }
    return cased;
}

/* str.istitle, as CPython's unicode_istitle_impl decides it from the same public
 * character properties: every upper- or title-case letter follows an uncased character,
 * every lower-case one a cased character, and there is at least one cased letter. */
static int
is_title(PyObject *text)
{
    if (PyUnicode_IS_ASCII(text))
        return is_ascii_title(PyUnicode_1BYTE_DATA(text), PyUnicode_GET_LENGTH(text));
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    if (size == 1) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, 0);
        return Py_UNICODE_ISTITLE(c) || Py_UNICODE_ISUPPER(c);
    }
    int cased = 0, previous_is_cased = 0;
    for (Py_ssize_t k = 0; k < size; k++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, k);
        if (Py_UNICODE_ISUPPER(c) || Py_UNICODE_ISTITLE(c)) {
            if (previous_is_cased)
                return 0;
            previous_is_cased = cased = 1;
        } else if (Py_UNICODE_ISLOWER(c)) {
            if (!previous_is_cased)
                return 0;
            previous_is_cased = 1;
        } else
            previous_is_cased = 0;
    }
    return cased;
}

/* A line's ASCII digits and its length in UTF-8 bytes (a lone surrogate three, as the
 * "surrogatepass" encoding writes it). */
static void
digits_and_bytes(PyObject *text, Py_ssize_t *digits, Py_ssize_t *bytes)
{
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    Py_ssize_t count = 0, length = size; /* each character's bytes past its first added below */
    switch (PyUnicode_KIND(text)) { /* one loop per width: no width test per character */
    case PyUnicode_1BYTE_KIND:
        for (Py_ssize_t k = 0; k < size; k++) {
            const Py_UCS1 c = ((const Py_UCS1 *)data)[k];
            count += (Py_UCS1)(c - '0') < 10;
            length += c >= 0x80;
        }
        break;
    case PyUnicode_2BYTE_KIND:
        for (Py_ssize_t k = 0; k < size; k++) {
            const Py_UCS2 c = ((const Py_UCS2 *)data)[k];
            count += (Py_UCS2)(c - '0') < 10;
            length += (c >= 0x80) + (c >= 0x800);
        }
        break;
    default:
        for (Py_ssize_t k = 0; k < size; k++) {
            const Py_UCS4 c = ((const Py_UCS4 *)data)[k];
            count += c - '0' < 10;
            length += (c >= 0x80) + (c >= 0x800) + (c >= 0x10000);
        }
    }
    *digits = count;
    *bytes = length;
}

/* line_shapes(texts): per line its length (int64), str.istitle (one byte, 0 or 1), its
 * first and last characters' code points (uint32) and its share of ASCII digits among its
 * UTF-8 bytes (float64, divided as numpy divides two int64), as five bytearrays: what the
 * raw-dump columns read of every line (features.line_shapes_python), in one pass over the
 * list. An empty line is an IndexError, as its first character is in Python. */
static PyObject *
native_line_shapes(PyObject *module, PyObject *texts)
{
    (void)module;
    if (!PyList_Check(texts)) {
        PyErr_SetString(PyExc_TypeError, "line_shapes: texts must be a list of str");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    PyObject *lengths_out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(int64_t));
    PyObject *titles_out = PyByteArray_FromStringAndSize(NULL, n);
    PyObject *firsts_out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(uint32_t));
    PyObject *lasts_out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(uint32_t));
    PyObject *digits_out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    PyObject *result = NULL;
    if (lengths_out == NULL || titles_out == NULL || firsts_out == NULL || lasts_out == NULL || digits_out == NULL)
        goto done;
    double *digit_shares = (double *)PyByteArray_AS_STRING(digits_out);
    int64_t *lengths = (int64_t *)PyByteArray_AS_STRING(lengths_out);
    char *titles = PyByteArray_AS_STRING(titles_out);
    uint32_t *firsts = (uint32_t *)PyByteArray_AS_STRING(firsts_out);
    uint32_t *lasts = (uint32_t *)PyByteArray_AS_STRING(lasts_out);
    for (Py_ssize_t k = 0; k < n; k++) { /* no Python code runs here: the list cannot change */
        PyObject *text = PyList_GET_ITEM(texts, k);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "line_shapes: texts must be a list of str");
            goto done;
        }
#if PY_VERSION_HEX < 0x030C0000
        if (PyUnicode_READY(text) < 0)
            goto done;
#endif
        const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
        if (size == 0) {
            PyErr_SetString(PyExc_IndexError, "line_shapes: an empty line has no first character");
            goto done;
        }
        lengths[k] = size;
        titles[k] = (char)is_title(text);
        firsts[k] = PyUnicode_READ_CHAR(text, 0);
        lasts[k] = PyUnicode_READ_CHAR(text, size - 1);
        Py_ssize_t digits, bytes;
        digits_and_bytes(text, &digits, &bytes);
        digit_shares[k] = (double)digits / (double)bytes;
    }
    result = PyTuple_Pack(5, lengths_out, titles_out, firsts_out, lasts_out, digits_out);
done:
    Py_XDECREF(digits_out);
    Py_XDECREF(lengths_out);
    Py_XDECREF(titles_out);
    Py_XDECREF(firsts_out);
    Py_XDECREF(lasts_out);
    return result;
}

/* ------------------------------------------------------------- build_segments */

/* The names of a Segment's fields, in its constructor's order. */
static const char *const SEGMENT_FIELDS[6] = {"start", "end", "kind", "category", "rule", "text"};

/* One Segment(start, end, kind, category, rule, source[start:end]) built as object.__new__
 * and object.__setattr__ build it (a frozen dataclass's __init__ sets its fields so), without
 * the Python-level __init__ and its six calls. `names`: the field names as str objects. */
static PyObject *
new_segment(PyTypeObject *type, PyObject *const *names, PyObject *source, Py_ssize_t start, Py_ssize_t end,
            PyObject *kind, PyObject *label)
{
    PyObject *values[6] = {PyLong_FromSsize_t(start), PyLong_FromSsize_t(end), Py_NewRef(kind), NULL, NULL, NULL};
    if (label == Py_None) {
        values[3] = Py_NewRef(Py_None);
        values[4] = Py_NewRef(Py_None);
    } else {
        values[3] = PyObject_GetAttrString(label, "category");
        values[4] = values[3] == NULL ? NULL : PyObject_GetAttrString(label, "rule");
    }
    const Py_ssize_t size = PyUnicode_GET_LENGTH(source);
    values[5] = 0 <= start && start <= end && end <= size ? cleaner_substring(source, start, end) /* line_breaks.c */
                                                          : PySequence_GetSlice(source, start, end);
    PyObject *segment = NULL;
    for (int k = 0; k < 6; k++) {
        if (values[k] == NULL)
            goto done;
    }
    segment = type->tp_alloc(type, 0);
    int atomic = 1;
    for (int k = 0; segment != NULL && k < 6; k++) {
        if (PyObject_GenericSetAttr(segment, names[k], values[k]) < 0)
            Py_CLEAR(segment);
        atomic &= PyUnicode_CheckExact(values[k]) || PyLong_CheckExact(values[k]) || values[k] == Py_None;
    }
    if (segment != NULL && atomic)
        cleaner_untrack_atomic(segment);
done:
    for (int k = 0; k < 6; k++)
        Py_XDECREF(values[k]);
    return segment;
}

/* A block's start: item 1 of a Block tuple, or its `start` attribute. */
static Py_ssize_t
block_start(PyObject *block)
{
    if (PyTuple_Check(block) && PyTuple_GET_SIZE(block) > 1)
        return PyLong_AsSsize_t(PyTuple_GET_ITEM(block, 1));
    PyObject *start = PyObject_GetAttrString(block, "start");
    if (start == NULL)
        return -1;
    Py_ssize_t value = PyLong_AsSsize_t(start);
    Py_DECREF(start);
    return value;
}

/* build_segments(segment_type, source, blocks, labels, body, boilerplate): result.build_segments
 * for blocks and labels of the same length, at least one: runs of equal labels merged, a
 * run cut at the start of the block whose label differs (tested by identity with the block
 * before, then by !=, as result._changes does), its segment of kind `body` for no label and
 * `boilerplate` with the label's category and rule otherwise. */
static PyObject *
native_build_segments(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 6) {
        PyErr_SetString(PyExc_TypeError,
                        "build_segments(segment_type, source, blocks, labels, body, boilerplate) takes 6 arguments");
        return NULL;
    }
    PyObject *source = args[1];
    if (!PyType_Check(args[0]) || !PyUnicode_Check(source)) {
        PyErr_SetString(PyExc_TypeError, "build_segments: a type and a str source are needed");
        return NULL;
    }
    PyTypeObject *type = (PyTypeObject *)args[0];
    PyObject *names[6] = {NULL};
    PyObject *blocks = PySequence_Tuple(args[2]), *labels = PySequence_Tuple(args[3]), *segments = NULL;
    if (blocks == NULL || labels == NULL)
        goto done;
    const Py_ssize_t n = PyTuple_GET_SIZE(blocks);
    if (n == 0 || PyTuple_GET_SIZE(labels) != n) {
        PyErr_SetString(PyExc_ValueError, "build_segments: one label per block, at least one block");
        goto done;
    }
    for (int k = 0; k < 6; k++) {
        names[k] = PyUnicode_InternFromString(SEGMENT_FIELDS[k]);
        if (names[k] == NULL)
            goto done;
    }
    segments = PyList_New(0);
    if (segments == NULL)
        goto done;
    Py_ssize_t run_start = 0;
    PyObject *run_label = PyTuple_GET_ITEM(labels, 0); /* borrowed: the tuple holds every label */
    for (Py_ssize_t i = 1; i < n; i++) {
        PyObject *label = PyTuple_GET_ITEM(labels, i);
        if (label == PyTuple_GET_ITEM(labels, i - 1))
            continue;
        const int differs = cleaner_labels_differ(label, run_label);
        if (differs < 0)
            goto fail;
        if (!differs)
            continue;
        const Py_ssize_t cut = block_start(PyTuple_GET_ITEM(blocks, i));
        if (cut == -1 && PyErr_Occurred())
            goto fail;
        PyObject *kind = run_label == Py_None ? args[4] : args[5];
        PyObject *segment = new_segment(type, names, source, run_start, cut, kind, run_label);
        if (segment == NULL || PyList_Append(segments, segment) < 0) {
            Py_XDECREF(segment);
            goto fail;
        }
        Py_DECREF(segment);
        run_start = cut;
        run_label = label;
    }
    PyObject *kind = run_label == Py_None ? args[4] : args[5];
    PyObject *segment = new_segment(type, names, source, run_start, PyUnicode_GET_LENGTH(source), kind, run_label);
    if (segment == NULL || PyList_Append(segments, segment) < 0) {
        Py_XDECREF(segment);
        goto fail;
    }
    Py_DECREF(segment);
    goto done;
fail:
    Py_CLEAR(segments);
done:
    for (int k = 0; k < 6; k++)
        Py_XDECREF(names[k]);
    Py_XDECREF(blocks);
    Py_XDECREF(labels);
    return segments;
}

/* ------------------------------------------------------ pronoun_shares, title_overlaps */

/* The code points below 256 str.split() cuts at (cleaner_is_py_space's, as a table: one
 * lookup where the test ran up to five compares and branches per character). */
static const unsigned char PY_SPACE_LATIN1[256] = {
    ['\t'] = 1, ['\n'] = 1, [0x0B] = 1, [0x0C] = 1, ['\r'] = 1, [0x1C] = 1, [0x1D] = 1,
    [0x1E] = 1, [0x1F] = 1, [' '] = 1, [0x85] = 1, [0xA0] = 1,
};

/* cleaner_is_py_space by the table below 256 (most characters of most lines). */
static inline unsigned
is_split_space(Py_UCS4 c)
{
    return c < 256 ? PY_SPACE_LATIN1[c] : (unsigned)cleaner_is_py_space(c);
}


/* The words of str.split() in a line: (start, end) pairs into `bounds` (room for
 * size / 2 + 1 pairs: a word and a space each at least), their count returned. Each
 * character's place is stored and kept only where a word starts or ends, so the loop has
 * no branch at a word's edges (two a word, mispredicted, cost a third of the scan of the
 * dev pages). One copy per string kind, so the scan reads the array directly. */
#define WORD_BOUNDS(NAME, CHAR)                                                                \
    static Py_ssize_t NAME(const void *data, Py_ssize_t size, Py_ssize_t *bounds)             \
    {                                                                                          \
        const CHAR *text = (const CHAR *)data;                                                 \
        Py_ssize_t edges = 0; /* words' starts and ends so far, alternating */                 \
        int inside = 0;       /* the last character read is in a word */                       \
        for (Py_ssize_t k = 0; k < size; k++) {                                                \
            const int word = !is_split_space(text[k]);                                         \
            bounds[edges] = k; /* at most index size: the room holds it */                     \
            edges += word != inside;                                                           \
            inside = word;                                                                     \
        }                                                                                      \
        bounds[edges] = size; /* the end of a word the line ends in */                         \
        edges += inside;                                                                       \
        return edges / 2;                                                                      \
    }
WORD_BOUNDS(word_bounds_ucs1, Py_UCS1)
WORD_BOUNDS(word_bounds_ucs2, Py_UCS2)
WORD_BOUNDS(word_bounds_ucs4, Py_UCS4)

/* The words of `line` (a str) into bounds (see WORD_BOUNDS), their count. */
static Py_ssize_t
word_bounds(PyObject *line, Py_ssize_t *bounds)
{
    const void *data = PyUnicode_DATA(line);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(line);
    switch (PyUnicode_KIND(line)) {
    case PyUnicode_1BYTE_KIND:
        return word_bounds_ucs1(data, size, bounds);
    case PyUnicode_2BYTE_KIND:
        return word_bounds_ucs2(data, size, bounds);
    default:
        return word_bounds_ucs4(data, size, bounds);
    }
}

/* Room for the word bounds of the longest of `lows` (a list of str), or NULL (an error set). */
static Py_ssize_t *
bounds_for(PyObject *lows)
{
    Py_ssize_t longest = 0;
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(lows); j++) {
        const Py_ssize_t size = PyUnicode_GET_LENGTH(PyList_GET_ITEM(lows, j));
        if (size > longest)
            longest = size;
    }
    return PyMem_New(Py_ssize_t, 2 * (longest / 2 + 1));
}

#define WORD_SIEVE_BITS 4096 /* a word's length and outer characters, hashed to one bit */

/* The sieve's bit of a word: a word whose bit is clear is in no set the sieve was made of,
 * so most words are ruled out without making a str of them. */
static inline unsigned
word_bit(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    const Py_UCS4 first = PyUnicode_READ(kind, data, start), last = PyUnicode_READ(kind, data, end - 1);
    return (unsigned)(((size_t)(end - start) * 1000003u) ^ (first * 31u) ^ (last * 7919u)) % WORD_SIEVE_BITS;
}

/* Marks the sieve bit of each str in `words` (a set or frozenset of str). */
static int
sieve_of(PyObject *words, unsigned char *sieve)
{
    PyObject *iterator = PyObject_GetIter(words);
    if (iterator == NULL)
        return -1;
    PyObject *word;
    while ((word = PyIter_Next(iterator)) != NULL) {
        if (PyUnicode_Check(word) && PyUnicode_GET_LENGTH(word) > 0) {
            const unsigned bit = word_bit(PyUnicode_KIND(word), PyUnicode_DATA(word), 0, PyUnicode_GET_LENGTH(word));
            sieve[bit / 8] |= (unsigned char)(1u << (bit % 8));
        }
        Py_DECREF(word);
    }
    Py_DECREF(iterator);
    return PyErr_Occurred() ? -1 : 0;
}

/* count / words as Python's int / int gives it (both exact in a double), in a new float;
 * 0.0 shared. A line's word count of 0 with a word in it is ZeroDivisionError, as there. */
static PyObject *
share_of(Py_ssize_t count, PyObject *words, PyObject *zero)
{
    const long total = PyLong_AsLong(words);
    if (total == -1 && PyErr_Occurred())
        return NULL;
    if (total == 0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "division by zero");
        return NULL;
    }
    if (count == 0) {
        Py_INCREF(zero);
        return zero;
    }
    return PyFloat_FromDouble((double)count / (double)total);
}

/* Checks lows (list of str) and words (list of int) of the same length. */
static int
check_lines(PyObject *lows, PyObject *words, const char *name)
{
    if (!PyList_Check(lows) || !PyList_Check(words) || PyList_GET_SIZE(lows) != PyList_GET_SIZE(words)) {
        PyErr_Format(PyExc_TypeError, "%s: lows and words must be lists of the same length", name);
        return -1;
    }
    for (Py_ssize_t j = 0; j < PyList_GET_SIZE(lows); j++) {
        if (!PyUnicode_Check(PyList_GET_ITEM(lows, j)) || !PyLong_Check(PyList_GET_ITEM(words, j))) {
            PyErr_Format(PyExc_TypeError, "%s: lows must hold str and words int", name);
            return -1;
        }
    }
    return 0;
}

/* The distinct words of one line (bounds: its `count` words) in `we` and in `you` into
 * *we_count and *you_count (pronoun_shares' count; `found` an empty list it uses and
 * leaves empty); -1 on an error. */
static int
line_pronouns(PyObject *line, const Py_ssize_t *bounds, Py_ssize_t count, const unsigned char *sieve,
              PyObject *we, PyObject *you, PyObject *found, Py_ssize_t *we_count, Py_ssize_t *you_count)
{
    const int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    *we_count = *you_count = 0;
    for (Py_ssize_t w = 0; w < count; w++) {
        const Py_ssize_t start = bounds[2 * w], pos = bounds[2 * w + 1];
        const unsigned bit = word_bit(kind, data, start, pos);
        if (!(sieve[bit / 8] & (1u << (bit % 8))))
            continue;
        PyObject *word = PyUnicode_Substring(line, start, pos);
        if (word == NULL)
            return -1;
        const int in_we = PySet_Contains(we, word);
        const int in_you = in_we < 0 ? -1 : PySet_Contains(you, word);
        int seen = 0;
        if (in_you >= 0 && (in_we || in_you))
            seen = PySequence_Contains(found, word);
        const int failed = in_you < 0 || seen < 0 || ((in_we || in_you) && !seen && PyList_Append(found, word) < 0);
        Py_DECREF(word);
        if (failed)
            return -1;
        if ((in_we || in_you) && !seen) {
            *we_count += in_we;
            *you_count += in_you;
        }
    }
    return PyList_GET_SIZE(found) ? PyList_SetSlice(found, 0, PyList_GET_SIZE(found), NULL) : 0;
}

/* The words of one line (bounds: its `count` words) that are in `in_title` (a set; its
 * sieve), with repeats (title_overlaps' count); -1 on an error. */
static Py_ssize_t
line_title_words(PyObject *line, const Py_ssize_t *bounds, Py_ssize_t count, const unsigned char *sieve,
                 PyObject *in_title)
{
    const int kind = PyUnicode_KIND(line);
    const void *data = PyUnicode_DATA(line);
    Py_ssize_t shared = 0;
    for (Py_ssize_t w = 0; w < count; w++) {
        const Py_ssize_t start = bounds[2 * w], pos = bounds[2 * w + 1];
        const unsigned bit = word_bit(kind, data, start, pos);
        if (!(sieve[bit / 8] & (1u << (bit % 8))))
            continue;
        PyObject *word = PyUnicode_Substring(line, start, pos);
        const int in = word == NULL ? -1 : PySet_Contains(in_title, word);
        Py_XDECREF(word);
        if (in < 0)
            return -1;
        shared += in;
    }
    return shared;
}

/* pronoun_shares(lows, words, we, you): article_lines.pronoun_shares_python. Per line, of
 * the distinct words of str.split() in `we` and in `you` (frozensets of str), each count
 * divided by the line's word count (words[j]), where the line holds any; 0.0 elsewhere.
 * Returns two lists of floats. */
static PyObject *
native_pronoun_shares(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4 || !PyAnySet_Check(args[2]) || !PyAnySet_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError, "pronoun_shares(lows, words, we, you): we and you are sets of str");
        return NULL;
    }
    PyObject *lows = args[0], *words = args[1], *we = args[2], *you = args[3];
    if (check_lines(lows, words, "pronoun_shares") < 0)
        return NULL;
    unsigned char sieve[WORD_SIEVE_BITS / 8] = {0};
    if (sieve_of(we, sieve) < 0 || sieve_of(you, sieve) < 0)
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lows);
    PyObject *zero = PyFloat_FromDouble(0.0);
    PyObject *we_out = PyList_New(n), *you_out = PyList_New(n);
    PyObject *found = PyList_New(0); /* the line's distinct pronouns so far */
    Py_ssize_t *bounds = bounds_for(lows);
    if (zero == NULL || we_out == NULL || you_out == NULL || found == NULL || bounds == NULL) {
        if (bounds == NULL && !PyErr_Occurred())
            PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *line = PyList_GET_ITEM(lows, j);
        const Py_ssize_t count = word_bounds(line, bounds);
        Py_ssize_t we_count, you_count;
        if (line_pronouns(line, bounds, count, sieve, we, you, found, &we_count, &you_count) < 0)
            goto fail;
        PyObject *we_share, *you_share;
        if (we_count || you_count) {
            we_share = share_of(we_count, PyList_GET_ITEM(words, j), zero);
            if (we_share == NULL)
                goto fail;
            you_share = share_of(you_count, PyList_GET_ITEM(words, j), zero);
            if (you_share == NULL) {
                Py_DECREF(we_share);
                goto fail;
            }
        }
        else {
            Py_INCREF(zero);
            Py_INCREF(zero);
            we_share = you_share = zero;
        }
        PyList_SET_ITEM(we_out, j, we_share);
        PyList_SET_ITEM(you_out, j, you_share);
    }
    Py_DECREF(zero);
    Py_DECREF(found);
    PyMem_Free(bounds);
    PyObject *pair = PyTuple_Pack(2, we_out, you_out);
    Py_DECREF(we_out);
    Py_DECREF(you_out);
    return pair;
fail:
    Py_XDECREF(zero);
    Py_XDECREF(we_out);
    Py_XDECREF(you_out);
    Py_XDECREF(found);
    PyMem_Free(bounds);
    return NULL;
}

/* title_overlaps(lows, words, starts, max_words): article_lines.title_overlaps_python. In
 * each page (its lines from starts[k] to starts[k + 1]) the first line stands for its
 * title: each later line of at most max_words words (words[j]) gets the share of its
 * str.split() words (with repeats) that are words of the title, 0.0 where none is. */
static PyObject *
native_title_overlaps(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 4 || !PyList_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError, "title_overlaps(lows, words, starts, max_words) takes a list of starts");
        return NULL;
    }
    PyObject *lows = args[0], *words = args[1], *starts = args[2];
    if (check_lines(lows, words, "title_overlaps") < 0)
        return NULL;
    const long max_words = PyLong_AsLong(args[3]);
    if (max_words == -1 && PyErr_Occurred())
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lows), pages = PyList_GET_SIZE(starts) - 1;
    PyObject *zero = PyFloat_FromDouble(0.0);
    PyObject *out = PyList_New(n);
    Py_ssize_t *bounds = bounds_for(lows);
    if (zero == NULL || out == NULL || bounds == NULL) {
        if (bounds == NULL && !PyErr_Occurred())
            PyErr_NoMemory();
        goto fail;
    }
    for (Py_ssize_t j = 0; j < n; j++) {
        Py_INCREF(zero);
        PyList_SET_ITEM(out, j, zero);
    }
    for (Py_ssize_t k = 0; k < pages; k++) {
        const Py_ssize_t a = PyLong_AsSsize_t(PyList_GET_ITEM(starts, k));
        const Py_ssize_t b = PyLong_AsSsize_t(PyList_GET_ITEM(starts, k + 1));
        if ((a == -1 || b == -1) && PyErr_Occurred())
            goto fail;
        if (a < 0 || b > n || a > b) {
            PyErr_SetString(PyExc_ValueError, "title_overlaps: starts must rise within the lines");
            goto fail;
        }
        if (a == b) /* an empty page (never made): no title, no lines */
            continue;
        PyObject *title = PyList_GET_ITEM(lows, a);
        PyObject *title_words = PyUnicode_Split(title, NULL, -1);
        PyObject *in_title = title_words == NULL ? NULL : PySet_New(title_words);
        Py_XDECREF(title_words);
        if (in_title == NULL)
            goto fail;
        unsigned char sieve[WORD_SIEVE_BITS / 8] = {0};
        if (sieve_of(in_title, sieve) < 0) {
            Py_DECREF(in_title);
            goto fail;
        }
        for (Py_ssize_t j = a + 1; j < b; j++) {
            const long line_words = PyLong_AsLong(PyList_GET_ITEM(words, j));
            if (line_words == -1 && PyErr_Occurred()) {
                Py_DECREF(in_title);
                goto fail;
            }
            if (line_words > max_words)
                continue;
            PyObject *line = PyList_GET_ITEM(lows, j);
            const Py_ssize_t count = word_bounds(line, bounds);
            const Py_ssize_t shared = line_title_words(line, bounds, count, sieve, in_title);
            if (shared < 0) {
                Py_DECREF(in_title);
                goto fail;
            }
            if (shared) {
                PyObject *share = PyFloat_FromDouble((double)shared / (double)count);
                if (share == NULL) {
                    Py_DECREF(in_title);
                    goto fail;
                }
                PyList_SetItem(out, j, share); /* drops the shared zero */
            }
        }
        Py_DECREF(in_title);
    }
    Py_DECREF(zero);
    PyMem_Free(bounds);
    return out;
fail:
    Py_XDECREF(zero);
    Py_XDECREF(out);
    PyMem_Free(bounds);
    return NULL;
}

/* ----------------------------------------------------------------- lower_text */

#define CAPITAL_SIGMA 0x3A3
#define DOTTED_CAPITAL_I 0x130
#define COMBINING_DOT 0x307

#if PY_VERSION_HEX < 0x030D0000
/* str.lower's capital sigma at `at` (CPython's handle_capital_sigma): final sigma when a
 * cased letter comes before it and none after it, case-ignorable characters skipped. */
static Py_UCS4
lower_sigma(int kind, const void *data, Py_ssize_t size, Py_ssize_t at)
{
    Py_ssize_t j;
    Py_UCS4 c = 0;
    for (j = at - 1; j >= 0; j--) {
        c = PyUnicode_READ(kind, data, j);
        if (!_PyUnicode_IsCaseIgnorable(c))
            break;
    }
    int final_sigma = j >= 0 && _PyUnicode_IsCased(c);
    if (final_sigma && at + 1 < size) {
        for (j = at + 1; j < size; j++) {
            c = PyUnicode_READ(kind, data, j);
            if (!_PyUnicode_IsCaseIgnorable(c))
                break;
        }
        final_sigma = j == size || !_PyUnicode_IsCased(c);
    }
    return final_sigma ? 0x3C2 : 0x3C3;
}
#endif

/* Writes lower_text of `size` characters of one width from `data` to `out`, returning
 * the characters written (at most `size`), or -1 when Python must make it. str.lower's
 * full mapping is each character's simple one (Py_UNICODE_TOLOWER) but for two: the
 * capital sigma, lowered by its place in the word (lower_sigma), and the dotted capital
 * I, lowered to "i" and a combining dot above; and lower_text then turns each "i" and
 * combining dot after it into "i" (str.replace, left to right), so a combining dot is
 * dropped where the lower case before it (not the text written) is an "i". */
#define LOWER_CHARS(NAME, CHAR)                                                                \
    static Py_ssize_t NAME(const void *data, void *out, Py_ssize_t size, Py_UCS4 widest)       \
    {                                                                                          \
        const CHAR *text = (const CHAR *)data;                                                 \
        CHAR *low = (CHAR *)out;                                                               \
        Py_ssize_t written = 0;                                                                \
        Py_UCS4 before = 0; /* the last character of str.lower's result so far */              \
        for (Py_ssize_t k = 0; k < size; k++) {                                                \
            const Py_UCS4 c = text[k];                                                         \
            Py_UCS4 lowered;                                                                   \
            if (c < 128)                                                                       \
                lowered = c - 'A' < 26u ? c + ('a' - 'A') : c;                                 \
            else if (c == DOTTED_CAPITAL_I) {                                                  \
                low[written++] = 'i'; /* "i" and a combining dot, which then goes */           \
                before = COMBINING_DOT;                                                        \
                continue;                                                                      \
            }                                                                                  \
            else if (c == COMBINING_DOT) {                                                     \
                if (before != 'i')                                                             \
                    low[written++] = (CHAR)c;                                                  \
                before = c;                                                                    \
                continue;                                                                      \
            }                                                                                  \
            else if (c == CAPITAL_SIGMA) {                                                     \
                LOWER_SIGMA(lowered);                                                          \
            }                                                                                  \
            else {                                                                             \
                lowered = Py_UNICODE_TOLOWER(c);                                               \
                if (lowered > widest) /* never in Unicode 14: a lower case wider than the text */ \
                    return -1;                                                                 \
            }                                                                                  \
            low[written++] = (CHAR)lowered;                                                    \
            before = lowered;                                                                  \
        }                                                                                      \
        return written;                                                                        \
    }
#if PY_VERSION_HEX < 0x030D0000
#define LOWER_SIGMA(lowered) lowered = lower_sigma((int)sizeof(*text), data, size, k)
#else /* the case properties are internal from 3.13: such a text goes to Python */
#define LOWER_SIGMA(lowered) return -1
#endif
LOWER_CHARS(lower_ucs1, Py_UCS1)
LOWER_CHARS(lower_ucs2, Py_UCS2)
LOWER_CHARS(lower_ucs4, Py_UCS4)

/* lower_text of a Latin-1 str (most lines), written straight into the new str: Latin-1's
 * lower cases are Latin-1 and one character each (the dotted I, the combining dot and
 * the capital sigma lie past it), and none past ASCII lowers into it, so the result has
 * the text's length and is ASCII exactly when the text is (a canonical str). */
#define LATIN1_CHARS 256

static PyObject *
lower_latin1(PyObject *text, const void *data, Py_ssize_t size)
{
    PyObject *low = PyUnicode_New(size, PyUnicode_IS_ASCII(text) ? 0x7F : 0xFF);
    if (low == NULL)
        return NULL;
    static Py_UCS1 lower_of[LATIN1_CHARS]; /* each Latin-1 character's lower case */
    static int filled = 0;
    if (!filled) {
        for (Py_UCS4 c = 0; c < LATIN1_CHARS; c++)
            lower_of[c] = (Py_UCS1)Py_UNICODE_TOLOWER(c);
        filled = 1;
    }
    const Py_UCS1 *in = data;
    Py_UCS1 *out = PyUnicode_1BYTE_DATA(low);
    for (Py_ssize_t k = 0; k < size; k++) /* a lookup a character, no branch */
        out[k] = lower_of[in[k]];
    return low;
}

/* lower_text(text): lexicon.lower_text_python, character by character in the text's
 * own width (str.lower writes a buffer of four bytes a character, three times the text's
 * length, then copies it); None where Python must make it. */
static PyObject *
native_lower_text(PyObject *module, PyObject *text)
{
    (void)module;
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "lower_text: text must be a str");
        return NULL;
    }
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
    const Py_UCS4 widest = PyUnicode_MAX_CHAR_VALUE(text);
    if (kind == PyUnicode_1BYTE_KIND)
        return lower_latin1(text, data, size);
    void *out = PyMem_Malloc((size_t)(size ? size : 1) * (size_t)kind);
    if (out == NULL)
        return PyErr_NoMemory();
    const Py_ssize_t written = kind == PyUnicode_1BYTE_KIND   ? lower_ucs1(data, out, size, widest)
                               : kind == PyUnicode_2BYTE_KIND ? lower_ucs2(data, out, size, widest)
                                                              : lower_ucs4(data, out, size, widest);
    PyObject *low = written >= 0 ? PyUnicode_FromKindAndData(kind, out, written) : Py_NewRef(Py_None);
    PyMem_Free(out); /* FromKindAndData copied it, in the narrowest width that holds it */
    return low;
}

/* ------------------------------------------------------------- repeated_lines */

#define REPEAT_PAIRS_MAX_LINES 128 /* a page this short is compared pair by pair, no hashing */

/* Marks in `again` each of a page's `count` lines (exact str, `texts`) whose text another
 * of them has; -1 on an error. A page of at most REPEAT_PAIRS_MAX_LINES lines compares
 * its lines pair by pair, lengths first (most lines' length is their own, and no text is
 * hashed); a longer one counts its texts in a dict. Shared with article_columns.c. */
int
cleaner_repeated_in_page(PyObject *const *texts, Py_ssize_t count, char *again)
{
    if (count <= REPEAT_PAIRS_MAX_LINES) {
        for (Py_ssize_t j = 0; j < count; j++) {
            const Py_ssize_t size = PyUnicode_GET_LENGTH(texts[j]);
            for (Py_ssize_t i = j + 1; i < count; i++) {
                if (PyUnicode_GET_LENGTH(texts[i]) == size && PyUnicode_Compare(texts[j], texts[i]) == 0)
                    again[i] = again[j] = 1;
            }
        }
        return 0;
    }
    PyObject *counts = PyDict_New(); /* text -> its first line, or None once seen again */
    if (counts == NULL)
        return -1;
    for (Py_ssize_t j = 0; j < count; j++) {
        PyObject *first = PyDict_GetItemWithError(counts, texts[j]);
        if (first == NULL) {
            PyObject *at = PyErr_Occurred() ? NULL : PyLong_FromSsize_t(j);
            if (at == NULL || PyDict_SetItem(counts, texts[j], at) < 0) {
                Py_XDECREF(at);
                Py_DECREF(counts);
                return -1;
            }
            Py_DECREF(at);
            continue;
        }
        again[j] = 1;
        if (first != Py_None) {
            again[PyLong_AsSsize_t(first)] = 1;
            if (PyDict_SetItem(counts, texts[j], Py_None) < 0) {
                Py_DECREF(counts);
                return -1;
            }
        }
    }
    Py_DECREF(counts);
    return 0;
}

/* repeated_lines(stripped, starts): article_lines._repeated_python. Per line (a str of the
 * list `stripped`), whether another line of its page (its lines from starts[k] to
 * starts[k + 1]) has the same text (cleaner_repeated_in_page). */
static PyObject *
native_repeated_lines(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2 || !PyList_Check(args[0]) || !PyList_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "repeated_lines(stripped, starts) takes two lists");
        return NULL;
    }
    PyObject *stripped = args[0], *starts = args[1];
    const Py_ssize_t n = PyList_GET_SIZE(stripped), pages = PyList_GET_SIZE(starts) - 1;
    for (Py_ssize_t j = 0; j < n; j++) {
        if (!PyUnicode_CheckExact(PyList_GET_ITEM(stripped, j))) {
            PyErr_SetString(PyExc_TypeError, "repeated_lines: stripped must hold str");
            return NULL;
        }
    }
    char *again = PyMem_Calloc((size_t)(n ? n : 1), 1);
    if (again == NULL)
        return PyErr_NoMemory();
    PyObject *out = NULL;
    for (Py_ssize_t k = 0; k < pages; k++) {
        const Py_ssize_t a = PyLong_AsSsize_t(PyList_GET_ITEM(starts, k));
        const Py_ssize_t b = PyLong_AsSsize_t(PyList_GET_ITEM(starts, k + 1));
        if ((a == -1 || b == -1) && PyErr_Occurred())
            goto done;
        if (a < 0 || b > n || a > b) {
            PyErr_SetString(PyExc_ValueError, "repeated_lines: starts must rise within the lines");
            goto done;
        }
        if (cleaner_repeated_in_page(PySequence_Fast_ITEMS(stripped) + a, b - a, again + a) < 0)
            goto done;
    }
    out = PyList_New(n);
    if (out != NULL) {
        for (Py_ssize_t j = 0; j < n; j++)
            PyList_SET_ITEM(out, j, Py_NewRef(again[j] ? Py_True : Py_False));
    }
done:
    PyMem_Free(again);
    return out;
}

/* ---------------------------------------------------------------- edge_points */

/* edge_points(texts): article_lines._edge_points_python. Each line's first and last code
 * points (0 for an empty line), as two arrays of uint32 in bytearrays. */
static PyObject *
native_edge_points(PyObject *module, PyObject *texts)
{
    (void)module;
    if (!PyList_Check(texts)) {
        PyErr_SetString(PyExc_TypeError, "edge_points: texts must be a list of str");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    if (n > PY_SSIZE_T_MAX / 4)
        return PyErr_NoMemory();
    PyObject *firsts = PyByteArray_FromStringAndSize(NULL, n * 4);
    PyObject *lasts = PyByteArray_FromStringAndSize(NULL, n * 4);
    if (firsts == NULL || lasts == NULL)
        goto fail;
    uint32_t *first = (uint32_t *)PyByteArray_AS_STRING(firsts), *last = (uint32_t *)PyByteArray_AS_STRING(lasts);
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *text = PyList_GET_ITEM(texts, j);
        if (!PyUnicode_Check(text)) {
            PyErr_SetString(PyExc_TypeError, "edge_points: texts must be a list of str");
            goto fail;
        }
        const Py_ssize_t size = PyUnicode_GET_LENGTH(text);
        first[j] = size ? (uint32_t)PyUnicode_READ_CHAR(text, 0) : 0;
        last[j] = size ? (uint32_t)PyUnicode_READ_CHAR(text, size - 1) : 0;
    }
    PyObject *pair = PyTuple_Pack(2, firsts, lasts);
    Py_DECREF(firsts);
    Py_DECREF(lasts);
    return pair;
fail:
    Py_XDECREF(firsts);
    Py_XDECREF(lasts);
    return NULL;
}

/* --------------------------------------------------------------- token_counts */

/* The words of str.split() in a line: a character that is no white space (is_py_space)
 * at the line's start or after one that is. One copy per string width. */
#define WORD_COUNT(NAME, CHAR)                                                                 \
    static Py_ssize_t NAME(const void *data, Py_ssize_t size)                                  \
    {                                                                                          \
        const CHAR *text = (const CHAR *)data;                                                 \
        Py_ssize_t count = 0;                                                                  \
        unsigned after_space = 1;                                                              \
        for (Py_ssize_t k = 0; k < size; k++) {                                                \
            const Py_UCS4 c = text[k];                                                         \
            const unsigned space = is_split_space(c);                                          \
            count += after_space & ~space;                                                     \
            after_space = space;                                                               \
        }                                                                                      \
        return count;                                                                          \
    }
WORD_COUNT(word_count_ucs1, Py_UCS1)
WORD_COUNT(word_count_ucs2, Py_UCS2)
WORD_COUNT(word_count_ucs4, Py_UCS4)

/* token_counts(lines): features.token_counts_python, len(line.split()) per line (a list of
 * str), without a list of words per line. */
static PyObject *
native_token_counts(PyObject *module, PyObject *lines)
{
    (void)module;
    if (!PyList_Check(lines)) {
        PyErr_SetString(PyExc_TypeError, "token_counts: lines must be a list of str");
        return NULL;
    }
    const Py_ssize_t n = PyList_GET_SIZE(lines);
    PyObject *out = PyList_New(n);
    if (out == NULL)
        return NULL;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *line = PyList_GET_ITEM(lines, j);
        if (!PyUnicode_Check(line)) {
            Py_DECREF(out);
            PyErr_SetString(PyExc_TypeError, "token_counts: lines must be a list of str");
            return NULL;
        }
        const void *data = PyUnicode_DATA(line);
        const Py_ssize_t size = PyUnicode_GET_LENGTH(line);
        const int kind = PyUnicode_KIND(line);
        const Py_ssize_t count = kind == PyUnicode_1BYTE_KIND   ? word_count_ucs1(data, size)
                                 : kind == PyUnicode_2BYTE_KIND ? word_count_ucs2(data, size)
                                                                : word_count_ucs4(data, size);
        PyObject *number = PyLong_FromSsize_t(count);
        if (number == NULL) {
            Py_DECREF(out);
            return NULL;
        }
        PyList_SET_ITEM(out, j, number);
    }
    return out;
}

/* ------------------------------------------------------------------- module */

static PyMethodDef native_methods[] = {
    {"split_blocks", (PyCFunction)(void (*)(void))native_split_blocks, METH_FASTCALL,
     "split_blocks(block_type, source): blocks.split_blocks, building block_type tuples."},
    {"first_occurrences", native_first_occurrences, METH_O,
     "first_occurrences(tokens): each token's first position, as int64 bytes."},
    {"byte_word_occurrences", native_byte_word_occurrences, METH_O,
     "byte_word_occurrences(data): (first, bounds) of data.split(), as int64 bytes; None on collisions."},
    {"build_segments", (PyCFunction)(void (*)(void))native_build_segments, METH_FASTCALL,
     "build_segments(segment_type, source, blocks, labels, body, boilerplate): result.build_segments."},
    {"line_shapes", native_line_shapes, METH_O,
     "line_shapes(texts): per line its length, istitle, first and last code points, digit share, as bytes."},
    {"most_common_positions", (PyCFunction)(void (*)(void))native_most_common_positions, METH_FASTCALL,
     "most_common_positions(first, k): the first positions of the k most frequent tokens; None if first is not one."},
    {"repeated_lines", (PyCFunction)(void (*)(void))native_repeated_lines, METH_FASTCALL,
     "repeated_lines(stripped, starts): per line whether its text comes again in its page."},
    {"token_counts", native_token_counts, METH_O,
     "token_counts(lines): len(line.split()) per line."},
    {"edge_points", native_edge_points, METH_O,
     "edge_points(texts): each line's first and last code points (0 when empty), as uint32 bytes."},
    {"lower_text", native_lower_text, METH_O,
     "lower_text(text): lexicon.lower_text's lower case, or None where Python must make it."},
    {"pronoun_shares", (PyCFunction)(void (*)(void))native_pronoun_shares, METH_FASTCALL,
     "pronoun_shares(lows, words, we, you): per line the shares of its distinct words in we and in you."},
    {"title_overlaps", (PyCFunction)(void (*)(void))native_title_overlaps, METH_FASTCALL,
     "title_overlaps(lows, words, starts, max_words): per line its words' share in its page's first line."},
    {"article_columns", (PyCFunction)(void (*)(void))cleaner_article_columns, METH_FASTCALL,
     "article_columns(stripped, words, letters, shares, lexical, marks, sizes, edges, keep): "
     "article_lines.article_matrix's columns as float64 bytes, counts where it takes logs."},
    {"article_column_names", cleaner_article_column_names, METH_NOARGS,
     "article_column_names(): the names of article_columns' rows, in order."},
    {NULL, NULL, 0, NULL},
};

/* The decisions' line pre-tests, compiled from _line_marks.c into this module. */
extern PyMethodDef line_mark_methods[];
/* The lexicon's phrase scan, compiled from _phrase_scan.c into this module. */
extern PyMethodDef phrase_scan_methods[];
/* article_lines' regular expressions' pre-tests, compiled from mark_candidates.c. */
extern PyMethodDef mark_candidate_methods[];
/* The html page walk's loop, compiled from page_walk.c. */
extern PyMethodDef page_walk_methods[];
/* The html block features' word columns, compiled from block_words.c. */
extern PyMethodDef block_words_methods[];
/* PageLayout's element facts, compiled from page_layout.c. */
extern PyMethodDef page_layout_methods[];
/* The class/id words' scan, compiled from name_words.c. */
extern PyMethodDef name_words_methods[];
/* The raw-dump layout columns, compiled from raw_layout.c. */
extern PyMethodDef raw_layout_methods[];
/* The chrome namer's class/id reading, compiled from chrome_names.c. */
extern PyMethodDef chrome_names_methods[];
/* The comment-thread openers' test, compiled from thread_openers.c. */
extern PyMethodDef thread_opener_methods[];
/* A raw dump's per-line decisions and lexicon columns, compiled from raw_decisions.c. */
extern PyMethodDef raw_decision_methods[];
/* Which of a raw dump's lines hold a mark, every group in one pass, compiled from raw_marks.c. */
extern PyMethodDef raw_mark_methods[];
/* A raw dump's page in UTF-8, its white space made ASCII spaces, compiled from raw_words.c. */
extern PyMethodDef raw_word_methods[];
/* The html block features' character columns, compiled from block_characters.c. */
extern PyMethodDef block_character_methods[];
/* The html parse's control-byte and long-run scan of a page's bytes, compiled from page_scan.c. */
extern PyMethodDef page_scan_methods[];
/* A raw dump's column "stop" from its spaced bytes in one call, compiled from raw_stops.c. */
extern PyMethodDef raw_stop_methods[];
/* Each raw dump line's first occurrence and how many share its text, compiled from raw_seen.c. */
extern PyMethodDef raw_seen_methods[];
/* The chrome names' element contexts (chrome_contexts), compiled from chrome_contexts.c. */
extern PyMethodDef chrome_context_methods[];
/* The boosted trees' packed walk (tree_walker, tree_logits), compiled from tree_walk.c. */
extern PyMethodDef tree_walk_methods[];
/* A page's lines lower-cased, normalised and their words counted in one pass, compiled from raw_read.c. */
extern PyMethodDef raw_read_methods[];
/* The outlet fingerprint scan over a str (LiteralFinder.first), compiled from first_literal.c. */
extern PyMethodDef first_literal_methods[];
/* The lines a lead-in may open, a prefix filter first (lead_in_lines), compiled from lead_ins.c. */
extern PyMethodDef lead_in_methods[];
/* line_counts.c: letter_counts, line_shares (the article matrix's passes over the lines). */
extern PyMethodDef line_count_methods[];
extern PyMethodDef decision_line_methods[];
/* A page's str in UTF-8, ASCII packed eight bytes at once (utf8_of), compiled from page_utf8.c. */
extern PyMethodDef page_utf8_methods[];
/* The decisions' line pickers (opened_lines, thread_marked, ...), compiled from decision_picks.c. */
extern PyMethodDef decision_pick_methods[];
extern PyMethodDef marked_decision_methods[];
extern PyMethodDef phrase_flag_methods[];
extern PyMethodDef opening_pick_methods[];
extern PyMethodDef title_name_methods[];
/* The comment-thread decision's openers in one pass (thread_page_openers), compiled from page_gates.c. */
extern PyMethodDef page_gate_methods[];

/* Every other source file's functions, added to this module in this order. */
static PyMethodDef *const file_methods[] = {
    line_mark_methods,   mark_candidate_methods, phrase_scan_methods, page_walk_methods,
    block_words_methods, page_layout_methods,    name_words_methods,  raw_layout_methods,
    chrome_names_methods, thread_opener_methods, raw_decision_methods,
    raw_mark_methods,
    raw_word_methods,
    block_character_methods,
    page_scan_methods,
    raw_stop_methods,
    raw_seen_methods,
    chrome_context_methods,
    tree_walk_methods,
    raw_read_methods,
    first_literal_methods,
    lead_in_methods,
    line_count_methods,
    decision_line_methods,
    page_utf8_methods,
    decision_pick_methods,
    marked_decision_methods,
    phrase_flag_methods,
    opening_pick_methods,
    title_name_methods,
    page_gate_methods,
};

static int
add_file_methods(PyObject *module)
{
    for (size_t k = 0; k < sizeof file_methods / sizeof file_methods[0]; k++)
        if (PyModule_AddFunctions(module, file_methods[k]) < 0)
            return -1;
    return 0;
}

static PyModuleDef_Slot native_slots[] = {
    {Py_mod_exec, add_file_methods},
    {0, NULL},
};

static struct PyModuleDef native_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "cleaner.native._compiled",
    .m_doc = "Compiled twins of hot text-path loops; cleaner.native chooses them or the Python ones.",
    .m_size = 0, /* no module state */
    .m_methods = native_methods,
    .m_slots = native_slots,
};

PyMODINIT_FUNC
PyInit__compiled(void)
{
    return PyModuleDef_Init(&native_module);
}
