/* Which of a raw dump's lines hold a mark, for several groups of marks in one pass, built
 * into cleaner.native._compiled (setup.py lists this file; _compiled.c's module adds these
 * functions when it loads).
 *
 * The raw-dump columns "url" and "separators" (features.lines_containing) each searched the
 * page joined by newlines once per mark, found each hit's line by bisecting the lines'
 * starts (features.length_starts summed them for it) and skipped to the next line: a Python
 * loop per hit and per mark. lines_holding reads each line once for every group: a line
 * holds a mark when the mark is a substring of it, which is what the search of the joined
 * page found (no mark holds a line break). tests/test_native_raw_marks.py compares it with
 * lines_containing. Plain CPython C API.
 */
#include "_compiled.h"

#define MAX_GROUPS 8 /* a byte of flags per first character */
#define MAX_MARKS 64
#define FILTER_SIZE 256 /* the filter reads a character's low byte */

/* The marks of all groups, flattened, and a filter of their first characters. */
typedef struct {
    PyObject *marks[MAX_MARKS]; /* borrowed from the groups */
    int group_of[MAX_MARKS];
    Py_UCS4 first[MAX_MARKS];   /* each mark's first character */
    Py_ssize_t length[MAX_MARKS];
    Py_ssize_t count;
    int groups;
    unsigned char filter[FILTER_SIZE]; /* bit g: a mark of group g opens with this low byte */
    unsigned char everywhere;          /* bit g: group g holds the empty mark */
} MarkSet;

/* Reads `groups` (a tuple of tuples of str) into `set`; -1 with TypeError/ValueError. */
static int
read_marks(PyObject *groups, MarkSet *set)
{
    memset(set, 0, sizeof *set);
    if (!PyTuple_Check(groups)) {
        PyErr_SetString(PyExc_TypeError, "lines_holding: groups must be a tuple of tuples of str");
        return -1;
    }
    const Py_ssize_t count = PyTuple_GET_SIZE(groups);
    if (count > MAX_GROUPS) {
        PyErr_SetString(PyExc_ValueError, "lines_holding: at most 8 groups");
        return -1;
    }
    set->groups = (int)count;
    for (int g = 0; g < set->groups; g++) {
        PyObject *group = PyTuple_GET_ITEM(groups, g);
        if (!PyTuple_Check(group)) {
            PyErr_SetString(PyExc_TypeError, "lines_holding: groups must be a tuple of tuples of str");
            return -1;
        }
        for (Py_ssize_t j = 0; j < PyTuple_GET_SIZE(group); j++) {
            PyObject *mark = PyTuple_GET_ITEM(group, j);
            if (!PyUnicode_Check(mark)) {
                PyErr_SetString(PyExc_TypeError, "lines_holding: marks must be str");
                return -1;
            }
            if (set->count == MAX_MARKS) {
                PyErr_SetString(PyExc_ValueError, "lines_holding: at most 64 marks");
                return -1;
            }
            const unsigned char bit = (unsigned char)(1u << g);
            if (PyUnicode_GET_LENGTH(mark) == 0) {
                set->everywhere |= bit; /* "" is in every line */
                continue;
            }
            set->marks[set->count] = mark;
            set->group_of[set->count] = g;
            set->first[set->count] = PyUnicode_READ_CHAR(mark, 0);
            set->length[set->count] = PyUnicode_GET_LENGTH(mark);
            set->count++;
            set->filter[PyUnicode_READ_CHAR(mark, 0) & 0xFF] |= bit;
        }
    }
    return 0;
}

/* Whether the mark's characters after its first follow at `at` + 1 in the line (its first
 * character matched at `at`, and the line holds `length` characters from `at`). */
static int
mark_rest_at(PyObject *mark, Py_ssize_t length, int kind, const void *data, Py_ssize_t at)
{
    const int mark_kind = PyUnicode_KIND(mark);
    const void *mark_data = PyUnicode_DATA(mark);
    for (Py_ssize_t i = 1; i < length; i++)
        if (PyUnicode_READ(mark_kind, mark_data, i) != PyUnicode_READ(kind, data, at + i))
            return 0;
    return 1;
}

/* The groups (bits) whose marks `line` holds, stopping once every group is found. */
#define HELD_GROUPS(NAME, CHAR)                                                                 \
    static unsigned NAME(const MarkSet *set, PyObject *line, unsigned all)                      \
    {                                                                                           \
        const CHAR *text = (const CHAR *)PyUnicode_DATA(line);                                  \
        const Py_ssize_t size = PyUnicode_GET_LENGTH(line);                                     \
        const int kind = PyUnicode_KIND(line);                                                  \
        unsigned held = set->everywhere;                                                        \
        for (Py_ssize_t k = 0; k < size && held != all; k++) {                                  \
            const unsigned open = set->filter[text[k] & 0xFF] & ~held;                          \
            if (!open)                                                                          \
                continue;                                                                       \
            for (Py_ssize_t m = 0; m < set->count; m++) {                                       \
                const unsigned bit = 1u << set->group_of[m];                                    \
                const Py_ssize_t length = set->length[m];                                       \
                if (!(open & bit) || text[k] != set->first[m] || length > size - k)             \
                    continue;                                                                   \
                if (mark_rest_at(set->marks[m], length, kind, text, k))                         \
                    held |= bit;                                                                \
            }                                                                                   \
        }                                                                                       \
        return held;                                                                            \
    }
HELD_GROUPS(held_ucs1, Py_UCS1)
HELD_GROUPS(held_ucs2, Py_UCS2)
HELD_GROUPS(held_ucs4, Py_UCS4)

/* lines_holding(lines, groups): a bytearray of len(groups) rows of len(lines) float64, row g
 * 1.0 where the line holds any mark of groups[g] (features.lines_containing of each group). */
static PyObject *
native_lines_holding(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 2) {
        PyErr_SetString(PyExc_TypeError, "lines_holding takes (lines, groups)");
        return NULL;
    }
    PyObject *lines = args[0];
    if (!PyList_Check(lines)) {
        PyErr_SetString(PyExc_TypeError, "lines_holding: lines must be a list of str");
        return NULL;
    }
    MarkSet set;
    if (read_marks(args[1], &set) < 0)
        return NULL;
    const Py_ssize_t n = PyList_GET_SIZE(lines);
    if (set.groups && n > PY_SSIZE_T_MAX / (Py_ssize_t)sizeof(double) / set.groups)
        return PyErr_NoMemory();
    PyObject *out = PyByteArray_FromStringAndSize(NULL, n * set.groups * (Py_ssize_t)sizeof(double));
    if (out == NULL)
        return NULL;
    double *rows = (double *)PyByteArray_AS_STRING(out);
    const unsigned all = (1u << set.groups) - 1u;
    for (Py_ssize_t j = 0; j < n; j++) {
        PyObject *line = PyList_GET_ITEM(lines, j);
        if (!PyUnicode_Check(line)) {
            Py_DECREF(out);
            PyErr_SetString(PyExc_TypeError, "lines_holding: lines must be a list of str");
            return NULL;
        }
        const int kind = PyUnicode_KIND(line);
        const unsigned held = kind == PyUnicode_1BYTE_KIND   ? held_ucs1(&set, line, all)
                              : kind == PyUnicode_2BYTE_KIND ? held_ucs2(&set, line, all)
                                                             : held_ucs4(&set, line, all);
        for (int g = 0; g < set.groups; g++)
            rows[g * n + j] = (held >> g) & 1u ? 1.0 : 0.0;
    }
    return out;
}

PyMethodDef raw_mark_methods[] = {
    {"lines_holding", (PyCFunction)(void (*)(void))native_lines_holding, METH_FASTCALL,
     "lines_holding(lines, groups): per group, 1.0 (float64) for each line holding any of its marks."},
    {NULL, NULL, 0, NULL},
};
