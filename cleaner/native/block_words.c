/* The html block features' word columns (cleaner/html/blockfeatures.py, _word_columns_python):
 * each block's count of _WORD (\w+) matches in its lower-cased text, and the share of its
 * distinct words that the title's and the description's word sets hold. The text is lowered
 * by str.lower itself; \w is the regex engine's own test for str patterns
 * (Py_UNICODE_ISALNUM or "_"), so the words are the regex's, without a list of them per block. */
#include "_compiled.h"

#define WORD_REFERENCES 2 /* the title's words, the description's */

static int
is_word_char(Py_UCS4 c)
{
    return c == '_' || Py_UNICODE_ISALNUM(c);
}

/* How many of the set's words the reference set holds; -1 on an error. */
static Py_ssize_t
held_words(PyObject *words, PyObject *reference)
{
    PyObject *iter = PyObject_GetIter(words), *word;
    if (iter == NULL)
        return -1;
    Py_ssize_t held = 0;
    while ((word = PyIter_Next(iter)) != NULL) {
        const int found = PySet_Contains(reference, word);
        Py_DECREF(word);
        if (found < 0) {
            Py_DECREF(iter);
            return -1;
        }
        held += found;
    }
    Py_DECREF(iter);
    return PyErr_Occurred() ? -1 : held;
}

/* One block: its word count into words[i], its overlaps into shares[k][i]; -1 on an error. */
static int
block_words(PyObject *text, PyObject *const *references, double *words, double **shares, Py_ssize_t i)
{
    if (!PyUnicode_Check(text)) {
        PyErr_SetString(PyExc_TypeError, "block_words: texts must be a list of str");
        return -1;
    }
    PyObject *low = PyObject_CallMethod(text, "lower", NULL);
    if (low == NULL)
        return -1;
    const int any_reference = references[0] != NULL || references[1] != NULL;
    PyObject *seen = any_reference ? PySet_New(NULL) : NULL;
    int failed = any_reference && seen == NULL;
    const int kind = PyUnicode_KIND(low);
    const void *data = PyUnicode_DATA(low);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(low);
    Py_ssize_t count = 0;
    for (Py_ssize_t at = 0; at < n && !failed;) {
        if (!is_word_char(PyUnicode_READ(kind, data, at))) {
            at++;
            continue;
        }
        Py_ssize_t end = at + 1;
        while (end < n && is_word_char(PyUnicode_READ(kind, data, end)))
            end++;
        count++;
        if (seen != NULL) {
            PyObject *word = PyUnicode_Substring(low, at, end);
            failed = word == NULL || PySet_Add(seen, word) < 0;
            Py_XDECREF(word);
        }
        at = end;
    }
    words[i] = (double)count;
    const Py_ssize_t distinct = seen != NULL ? PySet_GET_SIZE(seen) : 0;
    for (int k = 0; k < WORD_REFERENCES && !failed; k++) {
        if (references[k] == NULL || distinct == 0)
            continue;
        const Py_ssize_t held = held_words(seen, references[k]);
        failed = held < 0;
        shares[k][i] = failed ? 0.0 : (double)held / (double)distinct;
    }
    Py_XDECREF(seen);
    Py_DECREF(low);
    return failed ? -1 : 0;
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
    PyObject *references[WORD_REFERENCES] = {NULL, NULL};
    for (int k = 0; k < WORD_REFERENCES; k++) {
        PyObject *reference = args[1 + k];
        if (reference == Py_None)
            continue;
        if (!PyAnySet_Check(reference)) {
            PyErr_SetString(PyExc_TypeError, "block_words: the title and description words must be sets or None");
            return NULL;
        }
        references[k] = reference;
    }
    PyObject *texts = args[0];
    Py_INCREF(texts); /* held: str.lower or a word's hash cannot free it under us */
    const Py_ssize_t n = PyList_GET_SIZE(texts);
    PyObject *words = zeroed_doubles(n), *title = zeroed_doubles(n), *description = zeroed_doubles(n);
    PyObject *result = NULL;
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
        const int failed = block_words(text, references, counts, shares, i);
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
    return result;
}

PyMethodDef block_words_methods[] = {
    {"block_words", (PyCFunction)(void (*)(void))native_block_words, METH_FASTCALL,
     "block_words(texts, title_words, description_words): per block its \\w+ word count in its "
     "lower-cased text and the shares of its distinct words in each reference set (float64 bytes)."},
    {NULL, NULL, 0, NULL},
};
