/* The outlet fingerprint scan, built into cleaner.native._compiled (setup.py lists this
 * file; _compiled.c's module adds these functions when it loads).
 *
 * patterns.LiteralFinder finds which of a few dozen literal strings starts first in a
 * page's text with one RE2 program, which reads UTF-8 bytes: every html page's text was
 * encoded for it, a fresh buffer of up to three bytes a character, and on the html path
 * that allocation cost more than the scan. first_literal reads the str's own code units
 * instead: the same answer, as UTF-8 is one-to-one on code points and a literal's bytes
 * can only match where a character starts. tests/test_native_first_literal.py compares it
 * with the RE2 program. Plain CPython C API.
 */
#include "_compiled.h"

#include <string.h>

#define LITERAL_BUCKETS 256 /* literals by their first code point's low byte */
#define LONE_SURROGATE (-2) /* the text holds one: its UTF-8 does not exist (the caller's encode raises) */

/* Whether `literal` (of `size` code points) occurs in `text` at `at` (at + size <= length). */
static inline int
literal_at(int kind, const void *text, Py_ssize_t at, PyObject *literal, Py_ssize_t size)
{
    const int literal_kind = PyUnicode_KIND(literal);
    const void *units = PyUnicode_DATA(literal);
    if (literal_kind == kind)
        return memcmp((const char *)text + at * kind, units, (size_t)size * (size_t)kind) == 0;
    for (Py_ssize_t k = 0; k < size; k++)
        if (PyUnicode_READ(kind, text, at + k) != PyUnicode_READ(literal_kind, units, k))
            return 0;
    return 1;
}

/* Whether text[start:] holds a lone surrogate (only a text of two or four bytes a unit can). */
static int
has_surrogate(int kind, const void *text, Py_ssize_t start, Py_ssize_t length)
{
    if (kind == PyUnicode_1BYTE_KIND)
        return 0;
    for (Py_ssize_t i = start; i < length; i++)
        if (Py_UNICODE_IS_SURROGATE(PyUnicode_READ(kind, text, i)))
            return 1;
    return 0;
}

/* The index of the literal found first in `text` (the leftmost start; of those starting
 * there, the first listed), -1 for none, or LONE_SURROGATE. `order` holds the literals' indexes by bucket, in list
 * order within one, from `first[bucket]` to `first[bucket + 1]`. */
static Py_ssize_t
scan(PyObject *text, PyObject *literals, const Py_ssize_t *first, const Py_ssize_t *order)
{
    const int kind = PyUnicode_KIND(text);
    const void *data = PyUnicode_DATA(text);
    const Py_ssize_t length = PyUnicode_GET_LENGTH(text);
    for (Py_ssize_t i = 0; i < length; i++) {
        const Py_UCS4 c = PyUnicode_READ(kind, data, i);
        if (kind != PyUnicode_1BYTE_KIND && Py_UNICODE_IS_SURROGATE(c))
            return LONE_SURROGATE;
        const unsigned bucket = c & (LITERAL_BUCKETS - 1);
        for (Py_ssize_t k = first[bucket]; k < first[bucket + 1]; k++) {
            PyObject *literal = PyTuple_GET_ITEM(literals, order[k]);
            const Py_ssize_t size = PyUnicode_GET_LENGTH(literal);
            if (size <= length - i && PyUnicode_READ_CHAR(literal, 0) == c &&
                literal_at(kind, data, i, literal, size))
                return has_surrogate(kind, data, i + 1, length) ? LONE_SURROGATE : order[k];
        }
    }
    return -1;
}

/* first_literal(text, literals): see scan; literals a tuple of non-empty str. */
static PyObject *
first_literal(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "first_literal takes a text and a tuple of literals");
        return NULL;
    }
    PyObject *text = args[0], *literals = args[1];
    if (!PyUnicode_Check(text) || !PyTuple_Check(literals)) {
        PyErr_SetString(PyExc_TypeError, "first_literal takes a str and a tuple of str");
        return NULL;
    }
    const Py_ssize_t count = PyTuple_GET_SIZE(literals);
    for (Py_ssize_t j = 0; j < count; j++) {
        PyObject *literal = PyTuple_GET_ITEM(literals, j);
        if (!PyUnicode_Check(literal)) {
            PyErr_SetString(PyExc_TypeError, "first_literal's literals must be str");
            return NULL;
        }
        if (PyUnicode_GET_LENGTH(literal) == 0) {
            PyErr_SetString(PyExc_ValueError, "first_literal's literals must not be empty");
            return NULL;
        }
    }
    Py_ssize_t first[LITERAL_BUCKETS + 1] = {0};
    Py_ssize_t *order = PyMem_Malloc((size_t)(count > 0 ? count : 1) * sizeof(Py_ssize_t));
    if (order == NULL)
        return PyErr_NoMemory();
    for (Py_ssize_t j = 0; j < count; j++) /* counts, then where each bucket starts */
        first[(PyUnicode_READ_CHAR(PyTuple_GET_ITEM(literals, j), 0) & (LITERAL_BUCKETS - 1)) + 1]++;
    for (int b = 0; b < LITERAL_BUCKETS; b++)
        first[b + 1] += first[b];
    Py_ssize_t next[LITERAL_BUCKETS];
    memcpy(next, first, sizeof next);
    for (Py_ssize_t j = 0; j < count; j++)
        order[next[PyUnicode_READ_CHAR(PyTuple_GET_ITEM(literals, j), 0) & (LITERAL_BUCKETS - 1)]++] = j;
    const Py_ssize_t found = scan(text, literals, first, order);
    PyMem_Free(order);
    return PyLong_FromSsize_t(found);
}

PyMethodDef first_literal_methods[] = {
    {"first_literal", (PyCFunction)(void (*)(void))first_literal, METH_FASTCALL,
     "The index of the literal that starts first in the text (of those starting there, the first "
     "listed), -1 for none, -2 when the text holds a lone surrogate."},
    {NULL, NULL, 0, NULL},
};
