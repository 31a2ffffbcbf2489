/* What the sources of cleaner.native._compiled share (setup.py SOURCES):
 * functions one file defines and another calls. Not a public interface. */
#ifndef CLEANER_NATIVE_COMPILED_H
#define CLEANER_NATIVE_COMPILED_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* _compiled.c: marks in `again` each of a page's `count` lines (exact str) whose text
 * another of them has (article_lines._repeated_python for one page); -1 on an error. */
int cleaner_repeated_in_page(PyObject *const *texts, Py_ssize_t count, char *again);

/* _compiled.c: one Block (a tuple subclass of four fields) of index, start, start +
 * len(text), text (borrowed; the block holds its own reference); NULL on an error. */
PyObject *cleaner_new_block(PyTypeObject *type, Py_ssize_t index, Py_ssize_t start, PyObject *text);

/* article_columns.c: article_lines.article_matrix's columns (see there). */
PyObject *cleaner_article_columns(PyObject *module, PyObject *const *args, Py_ssize_t nargs);
PyObject *cleaner_article_column_names(PyObject *module, PyObject *unused);

/* _line_marks.c: whether a line holds an address's mark, "@", "/", a folded letter (dotted or
 * dotless I, long s, Kelvin sign) or a network's name in ASCII letters of either case
 * (contact_lines._holds_address_mark): address_marked's and contact_marked's test. */
int cleaner_holds_address_mark(PyObject *text);

/* _line_marks.c: appends the whole number j (a line's index, a position, a count) to the
 * list `out`; -1 on failure (an exception set). */
int cleaner_append_index(PyObject *out, Py_ssize_t j);

/* White space as str.split() and str.isspace() see it (Py_UNICODE_ISSPACE), written out so
 * the test is inline: the ASCII six, the four information separators 0x1C..0x1F, and the 19
 * others of the Unicode database. */
static inline int
cleaner_is_py_space(Py_UCS4 c)
{
    if (c < 128)
        return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1C && c <= 0x1F);
    return c == 0x85 || c == 0xA0 || c == 0x1680 ||
           (c >= 0x2000 && (c <= 0x200A || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000));
}

/* The white space bytes.split() cuts at (CPython's Py_ISSPACE: the ASCII space, \t, \n,
 * \v, \f, \r; not the information separators str.split() also takes). */
static inline int
cleaner_is_byte_space(Py_UCS4 c)
{
    return c <= ' ' && (c == ' ' || (c >= '\t' && c <= '\r')); /* most bytes: one compare */
}

/* How many characters the valid UTF-8 bytes data[start:end] hold (the bytes that open one). */
static inline Py_ssize_t
cleaner_utf8_chars(const unsigned char *data, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t count = 0;
    for (Py_ssize_t k = start; k < end; k++)
        count += (data[k] & 0xC0) != 0x80;
    return count;
}

/* Stops the cycle collector from tracking `object`, an instance (no __dict__, no
 * __del__) whose fields the caller has filled with ints, str and None alone: it can be
 * part of no cycle, as a tuple of them is (CPython untracks those in its first
 * collection). A batch of documents keeps thousands of blocks and segments alive at
 * once; tracked, each young collection copied them on and the full collections a batch
 * set off scanned them. */
static inline void
cleaner_untrack_atomic(PyObject *object)
{
    PyTypeObject *type = Py_TYPE(object);
    if (type->tp_dictoffset == 0 && type->tp_finalize == NULL && type->tp_del == NULL &&
        PyObject_GC_IsTracked(object))
        PyObject_GC_UnTrack(object);
}

/* Whether two of build_segments' labels differ (!=): 1, 0, or -1 with an exception set
 * (label_runs.c: result.Label compared in C). */
int cleaner_labels_differ(PyObject *label, PyObject *run_label);

/* raw_lower.c: a line past ASCII lower-cased by `lower` (None from it: by `fallback`),
 * *has_break set where it holds a line break; NULL on an error. */
PyObject *cleaner_lower_other(PyObject *text, PyObject *lower, PyObject *fallback, int *has_break);

/* raw_lower.c: low.rstrip() of the `count` characters `ends` (low itself, a new reference,
 * where none ends it). */
PyObject *cleaner_stripped_end(PyObject *low, const Py_UCS4 *ends, Py_ssize_t count);

/* line_breaks.c: the end of the line of the str data (of `kind`) that starts at pos: its
 * first line break at or after pos (blocks.split_blocks' breaks), or size. */
Py_ssize_t cleaner_line_end(int kind, const void *data, Py_ssize_t pos, Py_ssize_t size);

/* line_breaks.c: source[start:end], as PyUnicode_Substring gives it, quicker on a str of
 * two bytes a unit (split_blocks' block texts, build_segments' segment texts); NULL on an error. */
PyObject *cleaner_substring(PyObject *source, Py_ssize_t start, Py_ssize_t end);

/* Whether `obj` is a list of `n` items (of any size where n < 0); else a TypeError naming
 * `what`. The decisions' twins check their per-line lists with it. */
static inline int
cleaner_check_list(PyObject *obj, Py_ssize_t n, const char *what)
{
    if (!PyList_Check(obj) || (n >= 0 && PyList_GET_SIZE(obj) != n)) {
        PyErr_Format(PyExc_TypeError, "%s must be a list, one item per line", what);
        return 0;
    }
    return 1;
}

/* Whether line j is kept (line_marks.kept_lines): its label in `local` None and, unless
 * `usable` is None, True in `usable`; -1 with a TypeError when that flag is no bool. The
 * caller has checked that both lists hold line j. */
static inline int
cleaner_kept_at(PyObject *local, PyObject *usable, Py_ssize_t j)
{
    if (PyList_GET_ITEM(local, j) != Py_None)
        return 0;
    if (usable == Py_None)
        return 1;
    PyObject *flag = PyList_GET_ITEM(usable, j);
    if (!PyBool_Check(flag)) {
        PyErr_SetString(PyExc_TypeError, "usable must be a list of bool");
        return -1;
    }
    return flag == Py_True;
}

/* Whether `norm` opens with one of the str in the tuple `prefixes` (an appeal zone's header
 * prefixes of one initial): 1, 0, or -1 with a TypeError naming `caller` when one is no str. */
static inline int
cleaner_opens_with_any(PyObject *norm, PyObject *prefixes, const char *caller)
{
    for (Py_ssize_t k = 0; k < PyTuple_GET_SIZE(prefixes); k++) {
        PyObject *prefix = PyTuple_GET_ITEM(prefixes, k);
        if (!PyUnicode_Check(prefix)) {
            PyErr_Format(PyExc_TypeError, "%sby_initial must map to tuples of str", caller);
            return -1;
        }
        const Py_ssize_t opens = PyUnicode_Tailmatch(norm, prefix, 0, PY_SSIZE_T_MAX, -1);
        if (opens != 0)
            return opens < 0 ? -1 : 1;
    }
    return 0;
}

#endif
