/* The html block features' character columns (cleaner/html/blockfeatures.py,
 * _character_counts_python): per block its ASCII digits, its commas, and whether its last
 * character ends a sentence. Read straight from the page text at each block's offsets, where
 * numpy encoded the whole page to UTF-32 and ran a cumulative sum per column. */
#include "_compiled.h"

/* A float64 column of n zeros as a bytearray (numpy.frombuffer reads it without a copy). */
static PyObject *
zero_column(Py_ssize_t n)
{
    PyObject *out = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    if (out != NULL && n > 0)
        memset(PyByteArray_AS_STRING(out), 0, (size_t)n * sizeof(double));
    return out;
}

/* A block's field k (a tuple of at least three: index, start, end) as an offset into a text
 * of `length` characters; -1 with ValueError/TypeError set when it is none. */
static Py_ssize_t
block_offset(PyObject *block, Py_ssize_t k, Py_ssize_t length)
{
    if (!PyTuple_Check(block) || PyTuple_GET_SIZE(block) < 3) {
        PyErr_SetString(PyExc_TypeError, "block_characters: each block must be a Block (index, start, end, text)");
        return -1;
    }
    PyObject *item = PyTuple_GET_ITEM(block, k);
    if (!PyLong_Check(item)) {
        PyErr_SetString(PyExc_TypeError, "block_characters: a block's start and end must be ints");
        return -1;
    }
    const Py_ssize_t at = PyLong_AsSsize_t(item);
    if (at == -1 && PyErr_Occurred())
        return -1;
    if (at < 0 || at > length) {
        PyErr_SetString(PyExc_ValueError, "block_characters: a block lies outside the text");
        return -1;
    }
    return at;
}

/* Whether c is one of the characters of `ends` (a short str). */
static int
ends_sentence(PyObject *ends, Py_UCS4 c)
{
    const int kind = PyUnicode_KIND(ends);
    const void *data = PyUnicode_DATA(ends);
    for (Py_ssize_t k = 0, n = PyUnicode_GET_LENGTH(ends); k < n; k++)
        if (PyUnicode_READ(kind, data, k) == c)
            return 1;
    return 0;
}

/* block_characters(source, blocks, sentence_ends): (digits, commas, sentence ends) per block
 * as float64 bytes. */
static PyObject *
native_block_characters(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 3 || !PyUnicode_Check(args[0]) || !PyList_Check(args[1]) || !PyUnicode_Check(args[2])) {
        PyErr_SetString(PyExc_TypeError,
                        "block_characters(source, blocks, sentence_ends): a str, a list of Blocks and a str");
        return NULL;
    }
    PyObject *source = args[0], *blocks = args[1], *ends = args[2];
    const Py_ssize_t n = PyList_GET_SIZE(blocks), length = PyUnicode_GET_LENGTH(source);
    const int kind = PyUnicode_KIND(source);
    const void *data = PyUnicode_DATA(source);
    PyObject *digits = zero_column(n), *commas = zero_column(n), *closing = zero_column(n), *result = NULL;
    if (digits == NULL || commas == NULL || closing == NULL)
        goto done;
    double *digit_out = (double *)PyByteArray_AS_STRING(digits);
    double *comma_out = (double *)PyByteArray_AS_STRING(commas);
    double *closing_out = (double *)PyByteArray_AS_STRING(closing);
    for (Py_ssize_t i = 0; i < n; i++) { /* nothing below calls back into Python: the list holds */
        PyObject *block = PyList_GET_ITEM(blocks, i);
        const Py_ssize_t start = block_offset(block, 1, length);
        const Py_ssize_t end = start < 0 ? -1 : block_offset(block, 2, length);
        if (end < 0)
            goto done;
        if (end < start) {
            PyErr_SetString(PyExc_ValueError, "block_characters: a block ends before it starts");
            goto done;
        }
        Py_ssize_t digit_count = 0, comma_count = 0;
        for (Py_ssize_t k = start; k < end; k++) {
            const Py_UCS4 c = PyUnicode_READ(kind, data, k);
            digit_count += c >= '0' && c <= '9';
            comma_count += c == ',';
        }
        digit_out[i] = (double)digit_count;
        comma_out[i] = (double)comma_count;
        closing_out[i] = end > start && ends_sentence(ends, PyUnicode_READ(kind, data, end - 1)) ? 1.0 : 0.0;
    }
    result = PyTuple_Pack(3, digits, commas, closing);
done:
    Py_XDECREF(digits);
    Py_XDECREF(commas);
    Py_XDECREF(closing);
    return result;
}

PyMethodDef block_character_methods[] = {
    {"block_characters", (PyCFunction)(void (*)(void))native_block_characters, METH_FASTCALL,
     "block_characters(source, blocks, sentence_ends): per block its ASCII digits, its commas and "
     "whether its last character is one of sentence_ends (float64 bytes each)."},
    {NULL, NULL, 0, NULL},
};
