/* The class/id words' scan (cleaner/html/blockfeatures.py, name_bits) for lower-cased ASCII
 * names: regex finditer over an alternation of literal words, simulated exactly. At each
 * position the alternatives are tried in the pattern's order (a greedy optional character
 * gives two variants, the longer first, as the regex backtracks), the first that matches is
 * taken and the scan goes on after it, so the kinds found are finditer's, overlaps and all. */
#include "_compiled.h"

#include <string.h>

#define NAME_MATCHER "cleaner.native.name_matcher"
#define MAX_VARIANTS 2
#define MAX_WORD 64
#define MAX_ALTERNATIVES 128

typedef struct {
    long long bit;
    int before, after; /* a \b before, after the word */
    int variants;
    Py_ssize_t length[MAX_VARIANTS];
    char text[MAX_VARIANTS][MAX_WORD];
} Alternative;

typedef struct {
    Py_ssize_t count;
    Alternative *alternatives;
    unsigned char starting[256];                 /* how many alternatives open with each byte */
    unsigned char by_start[256][MAX_ALTERNATIVES]; /* which, in the pattern's order */
} Matcher;

static void
matcher_free(PyObject *capsule)
{
    Matcher *matcher = PyCapsule_GetPointer(capsule, NAME_MATCHER);
    if (matcher != NULL) {
        PyMem_Free(matcher->alternatives);
        PyMem_Free(matcher);
    }
}

static int
is_word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* \b at `at` in the ASCII text of `n` bytes. */
static int
boundary(const unsigned char *text, Py_ssize_t n, Py_ssize_t at)
{
    const int left = at > 0 && is_word_byte(text[at - 1]);
    const int right = at < n && is_word_byte(text[at]);
    return left != right;
}

/* Reads one (bit, variants, before, after) tuple; -1 on a bad one. */
static int
read_alternative(PyObject *item, Alternative *alternative)
{
    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 4 || !PyTuple_Check(PyTuple_GET_ITEM(item, 1))) {
        PyErr_SetString(PyExc_TypeError, "name_matcher: alternatives must be (bit, variants, before, after)");
        return -1;
    }
    alternative->bit = PyLong_AsLongLong(PyTuple_GET_ITEM(item, 0));
    if (alternative->bit == -1 && PyErr_Occurred())
        return -1;
    alternative->before = PyObject_IsTrue(PyTuple_GET_ITEM(item, 2));
    alternative->after = PyObject_IsTrue(PyTuple_GET_ITEM(item, 3));
    if (alternative->before < 0 || alternative->after < 0)
        return -1;
    PyObject *variants = PyTuple_GET_ITEM(item, 1);
    alternative->variants = (int)PyTuple_GET_SIZE(variants);
    if (alternative->variants < 1 || alternative->variants > MAX_VARIANTS) {
        PyErr_SetString(PyExc_ValueError, "name_matcher: one or two variants an alternative");
        return -1;
    }
    for (int v = 0; v < alternative->variants; v++) {
        PyObject *word = PyTuple_GET_ITEM(variants, v);
        if (!PyBytes_Check(word) || PyBytes_GET_SIZE(word) < 1 || PyBytes_GET_SIZE(word) > MAX_WORD) {
            PyErr_SetString(PyExc_ValueError, "name_matcher: variants must be bytes of 1 to 64");
            return -1;
        }
        if (v > 0 && PyBytes_AS_STRING(word)[0] != alternative->text[0][0]) {
            PyErr_SetString(PyExc_ValueError, "name_matcher: an alternative's variants open with one byte");
            return -1;
        }
        alternative->length[v] = PyBytes_GET_SIZE(word);
        memcpy(alternative->text[v], PyBytes_AS_STRING(word), (size_t)alternative->length[v]);
    }
    return 0;
}

/* name_matcher(alternatives): the alternatives, in the pattern's order, as a capsule for name_scan. */
static PyObject *
native_name_matcher(PyObject *module, PyObject *alternatives)
{
    (void)module;
    if (!PyTuple_Check(alternatives)) {
        PyErr_SetString(PyExc_TypeError, "name_matcher: alternatives must be a tuple");
        return NULL;
    }
    Matcher *matcher = PyMem_Calloc(1, sizeof(Matcher));
    if (matcher == NULL)
        return PyErr_NoMemory();
    matcher->count = PyTuple_GET_SIZE(alternatives);
    matcher->alternatives = PyMem_Calloc((size_t)(matcher->count ? matcher->count : 1), sizeof(Alternative));
    if (matcher->alternatives == NULL) {
        PyMem_Free(matcher);
        return PyErr_NoMemory();
    }
    for (Py_ssize_t k = 0; k < matcher->count; k++) {
        Alternative *alternative = &matcher->alternatives[k];
        if (k >= MAX_ALTERNATIVES) {
            PyErr_SetString(PyExc_ValueError, "name_matcher: at most 128 alternatives");
        }
        else if (read_alternative(PyTuple_GET_ITEM(alternatives, k), alternative) == 0) {
            /* every variant opens with the same byte: an optional character is never the first */
            const unsigned char first = (unsigned char)alternative->text[0][0];
            matcher->by_start[first][matcher->starting[first]++] = (unsigned char)k;
            continue;
        }
        PyMem_Free(matcher->alternatives);
        PyMem_Free(matcher);
        return NULL;
    }
    PyObject *capsule = PyCapsule_New(matcher, NAME_MATCHER, matcher_free);
    if (capsule == NULL) {
        PyMem_Free(matcher->alternatives);
        PyMem_Free(matcher);
    }
    return capsule;
}

/* The end of the first alternative matching at `at`, its bit in *bit; -1 for none. */
static Py_ssize_t
match_at(const Matcher *matcher, const unsigned char *text, Py_ssize_t n, Py_ssize_t at, long long *bit)
{
    const unsigned char first = text[at];
    for (int j = 0; j < matcher->starting[first]; j++) {
        const Alternative *alternative = &matcher->alternatives[matcher->by_start[first][j]];
        if (alternative->before && !boundary(text, n, at))
            continue;
        for (int v = 0; v < alternative->variants; v++) {
            const Py_ssize_t length = alternative->length[v];
            if (length > n - at || memcmp(text + at, alternative->text[v], (size_t)length) != 0)
                continue;
            if (alternative->after && !boundary(text, n, at + length))
                continue;
            *bit = alternative->bit;
            return at + length;
        }
    }
    return -1;
}

/* name_scan(matcher, names): the OR of the bits of finditer's matches in the ASCII str `names`. */
static PyObject *
native_name_scan(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2 || !PyUnicode_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "name_scan(matcher, names): names a str");
        return NULL;
    }
    const Matcher *matcher = PyCapsule_GetPointer(args[0], NAME_MATCHER);
    if (matcher == NULL)
        return NULL;
    if (!PyUnicode_IS_ASCII(args[1])) {
        PyErr_SetString(PyExc_ValueError, "name_scan: names must be ASCII");
        return NULL;
    }
    const unsigned char *text = PyUnicode_1BYTE_DATA(args[1]);
    const Py_ssize_t n = PyUnicode_GET_LENGTH(args[1]);
    long long found = 0;
    for (Py_ssize_t at = 0; at < n;) {
        long long bit = 0;
        const Py_ssize_t end = matcher->starting[text[at]] ? match_at(matcher, text, n, at, &bit) : -1;
        if (end > at) {
            found |= bit;
            at = end;
        }
        else
            at++;
    }
    return PyLong_FromLongLong(found);
}

PyMethodDef name_words_methods[] = {
    {"name_matcher", native_name_matcher, METH_O,
     "name_matcher(alternatives): (bit, variants, before, after) tuples in the pattern's order, as a capsule."},
    {"name_scan", (PyCFunction)(void (*)(void))native_name_scan, METH_FASTCALL,
     "name_scan(matcher, names): the OR of the bits of the alternatives' finditer matches in ASCII names."},
    {NULL, NULL, 0, NULL},
};
