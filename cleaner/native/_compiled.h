/* What the sources of cleaner.native._compiled share (setup.py SOURCES):
 * functions one file defines and another calls. Not a public interface. */
#ifndef CLEANER_NATIVE_COMPILED_H
#define CLEANER_NATIVE_COMPILED_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

/* _compiled.c: marks in `again` each of a page's `count` lines (exact str) whose text
 * another of them has (article_lines._repeated_python for one page); -1 on an error. */
int cleaner_repeated_in_page(PyObject *const *texts, Py_ssize_t count, char *again);

/* article_columns.c: article_lines.article_matrix's columns (see there). */
PyObject *cleaner_article_columns(PyObject *module, PyObject *const *args, Py_ssize_t nargs);
PyObject *cleaner_article_column_names(PyObject *module, PyObject *unused);

/* _line_marks.c: appends the index j to the list `out`; -1 on failure (an exception set). */
int cleaner_append_index(PyObject *out, Py_ssize_t j);

#endif
