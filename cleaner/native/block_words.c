/* The html block features' word columns (cleaner/html/blockfeatures.py, _word_columns_python):
 * each block's count of _WORD (\w+) matches in its lower-cased text, and the share of its
 * distinct words that the title's and the description's word sets hold. The text is lowered
 * by str.lower itself; \w is the regex engine's own test for str patterns
 * (Py_UNICODE_ISALNUM or "_"), so the words are the regex's, without a list of them per block;
 * a block's distinct words are told apart by their code points in a hash table of spans, and
 * looked up in tables of the references' words, where a str and a set entry per word cost
 * half the function's time. */
#include "_compiled.h"

#define WORD_REFERENCES 2 /* the title's words, the description's */

/* FNV-1a over a span of code points: the words' hash in the tables below (a block's words
 * and the reference words are compared as code points, as str equality compares them). */
static uint64_t
span_hash(int kind, const void *data, Py_ssize_t start, Py_ssize_t end)
{
    uint64_t hash = 0xcbf29ce484222325u;
    for (Py_ssize_t k = start; k < end; k++) {
        hash ^= (uint64_t)PyUnicode_READ(kind, data, k);
        hash *= 0x100000001b3u;
    }
    return hash;
}

/* Whether two spans of code points (each in its own str) are the same text. */
static int
same_span(int kind_a, const void *a, Py_ssize_t start_a, int kind_b, const void *b, Py_ssize_t start_b,
          Py_ssize_t length)
{
    if (kind_a == kind_b)
        return memcmp((const char *)a + start_a * kind_a, (const char *)b + start_b * kind_b,
                      (size_t)(length * kind_a)) == 0;
    for (Py_ssize_t k = 0; k < length; k++)
        if (PyUnicode_READ(kind_a, a, start_a + k) != PyUnicode_READ(kind_b, b, start_b + k))
            return 0;
    return 1;
}

/* An open-addressing table of word spans: a block's distinct words (their places in its
 * lower-cased text), or a reference set's words (each its own str, start 0). */
typedef struct {
    Py_ssize_t *starts, *lengths; /* per slot; length -1: empty */
    uint64_t *hashes;
    const void **owners;          /* the code points each slot's span lies in (a held str's, or
                                     the block's lowered ASCII in the caller's buffer) */
    int *kinds;                   /* their width, as PyUnicode_KIND gives it */
    Py_ssize_t mask;              /* the slots in use less one (a power of two less one); 0: no table */
    Py_ssize_t capacity;          /* the slots allocated */
} WordTable;

static void
table_free(WordTable *table)
{
    PyMem_Free(table->starts);
    PyMem_Free(table->lengths);
    PyMem_Free(table->hashes);
    PyMem_Free(table->owners);
    PyMem_Free(table->kinds);
    memset(table, 0, sizeof *table);
}

/* Empties the table and makes room for `words` words (at most half its slots); -1 on no memory. */
static int
table_reset(WordTable *table, Py_ssize_t words)
{
    Py_ssize_t slots = 16;
    while (slots < 2 * words + 2)
        slots *= 2;
    if (slots > table->capacity) {
        table_free(table);
        table->starts = PyMem_New(Py_ssize_t, slots);
        table->lengths = PyMem_New(Py_ssize_t, slots);
        table->hashes = PyMem_New(uint64_t, slots);
        table->owners = PyMem_New(const void *, slots);
        table->kinds = PyMem_New(int, slots);
        if (table->starts == NULL || table->lengths == NULL || table->hashes == NULL || table->owners == NULL ||
            table->kinds == NULL) {
            table_free(table);
            PyErr_NoMemory();
            return -1;
        }
        table->capacity = slots;
    }
    table->mask = slots - 1; /* only the slots a block needs are cleared and used */
    for (Py_ssize_t k = 0; k < slots; k++)
        table->lengths[k] = -1;
    return 0;
}

/* Finds the span [start, end) of the code points `data` (of width `kind`) in the table; adds
 * it where `add` and it is not there. Returns 1 where it was there already, 0 where not. */
static int
table_find(WordTable *table, int kind, const void *data, Py_ssize_t start, Py_ssize_t end, uint64_t hash, int add)
{
    const Py_ssize_t length = end - start;
    for (Py_ssize_t slot = (Py_ssize_t)(hash & (uint64_t)table->mask);; slot = (slot + 1) & table->mask) {
        if (table->lengths[slot] < 0) {
            if (add) {
                table->starts[slot] = start;
                table->lengths[slot] = length;
                table->hashes[slot] = hash;
                table->owners[slot] = data;
                table->kinds[slot] = kind;
            }
            return 0;
        }
        if (table->hashes[slot] == hash && table->lengths[slot] == length &&
            same_span(table->kinds[slot], table->owners[slot], table->starts[slot], kind, data, start, length))
            return 1;
    }
}

/* The str words of a reference (a tuple: it holds them while the table borrows them) in a
 * table; others can equal no word. -1 on an error. */
static int
reference_table(PyObject *words, WordTable *table)
{
    const Py_ssize_t count = PyTuple_GET_SIZE(words);
    if (table_reset(table, count) < 0)
        return -1;
    for (Py_ssize_t k = 0; k < count; k++) {
        PyObject *word = PyTuple_GET_ITEM(words, k);
        if (!PyUnicode_Check(word))
            continue;
        const Py_ssize_t length = PyUnicode_GET_LENGTH(word);
        const int kind = PyUnicode_KIND(word);
        const void *data = PyUnicode_DATA(word);
        table_find(table, kind, data, 0, length, span_hash(kind, data, 0, length), 1);
    }
    return 0;
}

/* Whether c is a \w character; an ASCII one without the Unicode database's four lookups
 * (Py_UNICODE_ISALNUM's answer below 128: letters, digits), where most of a page's are. */
static int
is_word_char(Py_UCS4 c)
{
    if (c < 128)
        return c == '_' || (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
    return Py_UNICODE_ISALNUM(c);
}

/* A growable byte buffer: an ASCII block's lowered text, reused from block to block. */
typedef struct {
    char *bytes;
    Py_ssize_t capacity;
} LowerBuffer;

/* An exact ASCII str lowered into `buffer` as str.lower lowers ASCII (A-Z only), without a
 * str per block; NULL on no memory. */
static const char *
ascii_lower(PyObject *text, LowerBuffer *buffer)
{
    const Py_ssize_t n = PyUnicode_GET_LENGTH(text);
    if (n + 1 > buffer->capacity) {
        char *grown = PyMem_Realloc(buffer->bytes, (size_t)(n + 1));
        if (grown == NULL) {
            PyErr_NoMemory();
            return NULL;
        }
        buffer->bytes = grown;
        buffer->capacity = n + 1;
    }
    const unsigned char *from = PyUnicode_1BYTE_DATA(text);
    for (Py_ssize_t k = 0; k < n; k++)
        buffer->bytes[k] = (char)(from[k] >= 'A' && from[k] <= 'Z' ? from[k] | 0x20 : from[k]);
    return buffer->bytes;
}

/* One block: its word count into words[i], its overlaps into shares[k][i]; -1 on an error.
 * Its distinct words are told apart in `seen` (no str or set per word); each distinct word
 * is looked up in the references' tables. An exact ASCII str is lowered in `buffer`; any
 * other text by its own lower() (a subclass's too). */
static int
block_words(PyObject *text, WordTable *references, double *words, double **shares, Py_ssize_t i,
            WordTable *seen, LowerBuffer *buffer)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "block_words: texts must be a list of str");
        return -1;
    }
    PyObject *low = NULL;
    int kind = PyUnicode_1BYTE_KIND;
    const void *data;
    Py_ssize_t n;
    if (PyUnicode_CheckExact(text) && PyUnicode_IS_ASCII(text)) {
        data = ascii_lower(text, buffer);
        if (data == NULL)
            return -1;
        n = PyUnicode_GET_LENGTH(text);
    } else {
        low = PyObject_CallMethod(text, "lower", NULL);
        if (low == NULL)
            return -1;
        if (!PyUnicode_Check(low)) {
            Py_DECREF(low);
            PyErr_SetString(PyExc_TypeError, "block_words: a text's lower() must give a str");
            return -1;
        }
        kind = PyUnicode_KIND(low);
        data = PyUnicode_DATA(low);
        n = PyUnicode_GET_LENGTH(low);
    }
    const int any_reference = references[0].mask > 0 || references[1].mask > 0;
    if (any_reference && table_reset(seen, n / 2 + 1) < 0) { /* a word and a separator each */
        Py_XDECREF(low);
        return -1;
    }
    Py_ssize_t count = 0, distinct = 0, held[WORD_REFERENCES] = {0, 0};
    for (Py_ssize_t at = 0; at < n;) {
        if (!is_word_char(PyUnicode_READ(kind, data, at))) {
            at++;
            continue;
        }
        Py_ssize_t end = at + 1;
        while (end < n && is_word_char(PyUnicode_READ(kind, data, end)))
            end++;
        count++;
        if (any_reference) {
            const uint64_t hash = span_hash(kind, data, at, end);
            if (!table_find(seen, kind, data, at, end, hash, 1)) {
                distinct++;
                for (int k = 0; k < WORD_REFERENCES; k++)
                    if (references[k].mask > 0)
                        held[k] += table_find(&references[k], kind, data, at, end, hash, 0);
            }
        }
        at = end;
    }
    words[i] = (double)count;
    for (int k = 0; k < WORD_REFERENCES; k++)
        if (references[k].mask > 0 && distinct > 0)
            shares[k][i] = (double)held[k] / (double)distinct;
    Py_XDECREF(low);
    return 0;
}

static PyObject *
zeroed_doubles(Py_ssize_t n)
{
    PyObject *out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    if (out != NULL && n > 0)
        memset(PyByteArray_AS_STRING(out), 0, (size_t)n * sizeof(double));
    return out;
}

/* block_words(texts, title_words, description_words): (word counts, title overlaps,
 * description overlaps) as float64 bytes; a reference of None gives zeros. */
static PyObject *
native_block_words(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3 || !PyList_Check(args[0])) {
        PyErr_SetString(PyExc_TypeError, "block_words(texts, title_words, description_words): texts a list");
        return NULL;
    }
    PyObject *held_words[WORD_REFERENCES] = {NULL, NULL}; /* each reference's words as a tuple */
    PyObject *result = NULL;
    WordTable references[WORD_REFERENCES], seen;
    LowerBuffer buffer = {NULL, 0};
    memset(references, 0, sizeof references);
    memset(&seen, 0, sizeof seen);
    for (int k = 0; k < WORD_REFERENCES; k++) {
        PyObject *reference = args[1 + k];
        if (reference == Py_None)
            continue;
        if (!PyAnySet_Check(reference)) {
            PyErr_SetString(PyExc_TypeError, "block_words: the title and description words must be sets or None");
            goto failed;
        }
        held_words[k] = PySequence_Tuple(reference); /* a str subclass's lower() may change the set */
        if (held_words[k] == NULL || reference_table(held_words[k], &references[k]) < 0)
            goto failed;
    }
    PyObject *texts = args[0];
    Py_INCREF(texts); /* held: str.lower or a word's hash cannot free it under us */
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    PyObject *words = zeroed_doubles(n), *title = zeroed_doubles(n), *description = zeroed_doubles(n);
    if (words == NULL || title == NULL || description == NULL)
        goto done;
    double *shares[WORD_REFERENCES] = {(double *)PyByteArray_AS_STRING(title),
                                       (double *)PyByteArray_AS_STRING(description)};
    double *counts = (double *)PyByteArray_AS_STRING(words);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyList_GET_SIZE(texts) != n) {
            PyErr_SetString(PyExc_ValueError, "block_words: texts changed size");
            goto done;
        }
        PyObject *text = PyList_GET_ITEM(texts, i);
        Py_INCREF(text); /* a str subclass's lower() may change the list */
        const int failed = block_words(text, references, counts, shares, i, &seen, &buffer);
        Py_DECREF(text);
        if (failed < 0)
            goto done;
    }
    result = PyTuple_Pack(3, words, title, description);
done:
    Py_DECREF(texts);
    Py_XDECREF(words);
    Py_XDECREF(title);
    Py_XDECREF(description);
failed:
    for (int k = 0; k < WORD_REFERENCES; k++) {
        Py_XDECREF(held_words[k]);
        table_free(&references[k]);
    }
    table_free(&seen);
    PyMem_Free(buffer.bytes);
    return result;
}

PyMethodDef block_words_methods[] = {
    {"block_words", (PyCFunction)(void (*)(void))native_block_words, METH_FASTCALL,
     "block_words(texts, title_words, description_words): per block its \\w+ word count in its "
     "lower-cased text and the shares of its distinct words in each reference set (float64 bytes)."},
    {NULL, NULL, 0, NULL},
};
