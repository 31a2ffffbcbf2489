/* chrome.node_contexts with chrome._own_context computed here (cleaner/html/chrome.py): a
 * page's elements with a class, id or role mostly differ from every page's before (ids,
 * generated classes), so the Python function's cache missed on most of them, and each miss
 * cost two Python calls where the answer is a few set and dict lookups. What this file does
 * not read (a tag that is no str, a context of another type) still goes to own_context. */
#include "_compiled.h"

/* The tables argument, in chrome.context_tables()' order. */
enum {
    C_ARTICLE_TAGS, C_ARTICLE_ROLES, C_PAGE_TAGS, C_PLACES, C_ROLE_CATEGORY, C_TAG_CATEGORY,
    C_HEADER_TAG, C_NAVIGATION, C_TAG_SIGNALS, C_CLASS_CATEGORY, C_CONTEXT, C_OWN_CONTEXT, C_TABLES
};
#define CONTEXT_FIELDS 3
#define ROW_FIELDS 4

static int
str_or_none(PyObject *value)
{
    return value == Py_None || PyUnicode_CheckExact(value);
}

/* _signal's category for one element (a new reference, or Py_None's), *is_box set; NULL on an error. */
static PyObject *
element_signal(PyObject *const *tables, PyObject *tag, PyObject *names, PyObject *ident, PyObject *role,
               int in_article, int *is_box)
{
    *is_box = 0;
    PyObject *joined = NULL;
    if (ident != Py_None && PyUnicode_GET_LENGTH(ident) > 0)
        joined = names != Py_None && PyUnicode_GET_LENGTH(names) > 0 ? PyUnicode_FromFormat("%U %U", names, ident)
                                                                      : Py_NewRef(ident);
    else if (names != Py_None && PyUnicode_GET_LENGTH(names) > 0)
        joined = Py_NewRef(names);
    if (joined == NULL && PyErr_Occurred())
        return NULL;
    if (joined != NULL) {
        PyObject *category = PyObject_CallOneArg(tables[C_CLASS_CATEGORY], joined);
        Py_DECREF(joined);
        if (category == NULL)
            return NULL;
        if (category != Py_None) {
            const int place = PySet_Contains(tables[C_PLACES], category);
            if (place < 0) {
                Py_DECREF(category);
                return NULL;
            }
            *is_box = !place;
            return category;
        }
        Py_DECREF(category);
    }
    if (role != Py_None && PyUnicode_GET_LENGTH(role) > 0) {
        PyObject *stripped = PyObject_CallMethod(role, "strip", NULL);
        if (stripped == NULL)
            return NULL;
        PyObject *key = PyObject_CallMethod(stripped, "lower", NULL);
        Py_DECREF(stripped);
        if (key == NULL)
            return NULL;
        PyObject *category = PyDict_GetItemWithError(tables[C_ROLE_CATEGORY], key);
        Py_DECREF(key);
        if (category != NULL)
            return Py_NewRef(category);
        if (PyErr_Occurred())
            return NULL;
    }
    const int header = PyUnicode_Compare(tag, tables[C_HEADER_TAG]);
    if (header == -1 && PyErr_Occurred())
        return NULL;
    if (header == 0)
        return Py_NewRef(in_article ? Py_None : tables[C_NAVIGATION]);
    PyObject *category = PyDict_GetItemWithError(tables[C_TAG_CATEGORY], tag);
    if (category == NULL)
        return PyErr_Occurred() ? NULL : Py_NewRef(Py_None);
    const int place = PySet_Contains(tables[C_PLACES], category);
    if (place < 0)
        return NULL;
    *is_box = !place;
    return Py_NewRef(category);
}

/* chrome._own_context for a str tag, str-or-None attributes and a Context `context`. */
static PyObject *
own_context(PyObject *const *tables, PyObject *context, PyObject *row, int quiet)
{
    PyObject *tag = PyTuple_GET_ITEM(row, 0), *names = PyTuple_GET_ITEM(row, 1);
    PyObject *ident = PyTuple_GET_ITEM(row, 2), *role = PyTuple_GET_ITEM(row, 3);
    PyObject *box = PyTuple_GET_ITEM(context, 0), *place = PyTuple_GET_ITEM(context, 1);
    PyObject *in_article = PyTuple_GET_ITEM(context, 2);
    int article = PySet_Contains(tables[C_ARTICLE_TAGS], tag);
    if (article == 0)
        article = PySet_Contains(tables[C_ARTICLE_ROLES], role);
    if (article < 0)
        return NULL;
    if (article)
        in_article = Py_True;
    PyObject *category = NULL;
    if (quiet)
        box = place = Py_None;
    else {
        const int page_tag = PySet_Contains(tables[C_PAGE_TAGS], tag);
        if (page_tag < 0)
            return NULL;
        if (!page_tag) {
            const int inside = PyObject_IsTrue(in_article);
            if (inside < 0)
                return NULL;
            int is_box;
            category = element_signal(tables, tag, names, ident, role, inside, &is_box);
            if (category == NULL)
                return NULL;
            if (category != Py_None) {
                if (is_box)
                    box = category;
                else
                    place = category;
            }
        }
    }
    PyObject *found;
    if (box == PyTuple_GET_ITEM(context, 0) && place == PyTuple_GET_ITEM(context, 1) &&
        in_article == PyTuple_GET_ITEM(context, 2))
        found = Py_NewRef(context); /* the parent's, unchanged */
    else {
        PyObject *args = Py_BuildValue("((OOO))", box, place, in_article);
        found = args != NULL ? PyTuple_Type.tp_new((PyTypeObject *)tables[C_CONTEXT], args, NULL) : NULL;
        Py_XDECREF(args);
    }
    Py_XDECREF(category);
    return found;
}

/* One element's Context: its parent's where it says nothing, else own_context here or in Python. */
static PyObject *
element_context(PyObject *const *tables, PyObject *row, PyObject *context, PyObject *quiet_flag)
{
    if (!PyTuple_Check(row) || PyTuple_GET_SIZE(row) != ROW_FIELDS) {
        PyErr_SetString(PyExc_TypeError, "chrome_contexts: each attribute row is a (tag, class, id, role) tuple");
        return NULL;
    }
    const int quiet = PyObject_IsTrue(quiet_flag);
    if (quiet < 0)
        return NULL;
    PyObject *tag = PyTuple_GET_ITEM(row, 0);
    if (PyTuple_GET_ITEM(row, 1) == Py_None && PyTuple_GET_ITEM(row, 2) == Py_None &&
        PyTuple_GET_ITEM(row, 3) == Py_None && !quiet) {
        const int signals = PySet_Contains(tables[C_TAG_SIGNALS], tag);
        if (signals < 0)
            return NULL;
        if (!signals)
            return Py_NewRef(context);
    }
    if (PyUnicode_CheckExact(tag) && str_or_none(PyTuple_GET_ITEM(row, 1)) && str_or_none(PyTuple_GET_ITEM(row, 2)) &&
        str_or_none(PyTuple_GET_ITEM(row, 3)) && Py_IS_TYPE(context, (PyTypeObject *)tables[C_CONTEXT]) &&
        PyTuple_GET_SIZE(context) == CONTEXT_FIELDS)
        return own_context(tables, context, row, quiet);
    PyObject *call[ROW_FIELDS + 2] = {context,
                                      tag,
                                      PyTuple_GET_ITEM(row, 1),
                                      PyTuple_GET_ITEM(row, 2),
                                      PyTuple_GET_ITEM(row, 3),
                                      quiet_flag};
    return PyObject_Vectorcall(tables[C_OWN_CONTEXT], call, ROW_FIELDS + 2, NULL);
}

static int
tables_ok(PyObject *tables)
{
    if (!PyTuple_Check(tables) || PyTuple_GET_SIZE(tables) != C_TABLES)
        return 0;
    PyObject *const *t = &PyTuple_GET_ITEM(tables, 0);
    PyObject *context = t[C_CONTEXT];
    return PyAnySet_Check(t[C_ARTICLE_TAGS]) && PyAnySet_Check(t[C_ARTICLE_ROLES]) &&
           PyAnySet_Check(t[C_PAGE_TAGS]) && PyAnySet_Check(t[C_PLACES]) && PyDict_Check(t[C_ROLE_CATEGORY]) &&
           PyDict_Check(t[C_TAG_CATEGORY]) && PyUnicode_CheckExact(t[C_HEADER_TAG]) &&
           PyUnicode_CheckExact(t[C_NAVIGATION]) && PyAnySet_Check(t[C_TAG_SIGNALS]) &&
           PyCallable_Check(t[C_CLASS_CATEGORY]) && PyType_Check(context) &&
           PyType_IsSubtype((PyTypeObject *)context, &PyTuple_Type) && context != (PyObject *)&PyTuple_Type &&
           PyCallable_Check(t[C_OWN_CONTEXT]);
}

/* chrome_contexts(rows, parents, silent, root, tables): chrome.node_contexts_python's answer
 * (each numbered element's Context from its parent's; parents come first). */
static PyObject *
native_chrome_contexts(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5 || !PyList_Check(args[0]) || !PyList_Check(args[1]) || !PyList_Check(args[2]) ||
        !tables_ok(args[4])) {
        PyErr_SetString(PyExc_TypeError,
                        "chrome_contexts(rows, parents, silent, root, tables): three lists, a context and "
                        "chrome.context_tables()");
        return NULL;
    }
    PyObject *tables = Py_NewRef(args[4]);
    PyObject *rows = args[0], *parents = args[1], *silent = args[2];
    PyObject *contexts = PyList_New(0);
    if (contexts == NULL)
        goto failed;
    /* zip's stop, read again each time: own_context is Python and may change the lists */
    for (Py_ssize_t i = 0; i < PyList_GET_SIZE(rows) && i < PyList_GET_SIZE(parents) && i < PyList_GET_SIZE(silent);
         i++) {
        const Py_ssize_t parent = PyLong_AsSsize_t(PyList_GET_ITEM(parents, i));
        if (parent == -1 && PyErr_Occurred())
            goto failed;
        if (parent >= PyList_GET_SIZE(contexts)) {
            PyErr_SetString(PyExc_IndexError, "chrome_contexts: a parent after its element");
            goto failed;
        }
        PyObject *context = Py_NewRef(parent >= 0 ? PyList_GET_ITEM(contexts, parent) : args[3]);
        PyObject *row = Py_NewRef(PyList_GET_ITEM(rows, i)), *quiet = Py_NewRef(PyList_GET_ITEM(silent, i));
        PyObject *found = element_context(&PyTuple_GET_ITEM(tables, 0), row, context, quiet);
        Py_DECREF(context);
        Py_DECREF(row);
        Py_DECREF(quiet);
        if (found == NULL)
            goto failed;
        const int appended = PyList_Append(contexts, found);
        Py_DECREF(found);
        if (appended < 0)
            goto failed;
    }
    Py_DECREF(tables);
    return contexts;
failed:
    Py_DECREF(tables);
    Py_XDECREF(contexts);
    return NULL;
}

PyMethodDef chrome_context_methods[] = {
    {"chrome_contexts", (PyCFunction)(void (*)(void))native_chrome_contexts, METH_FASTCALL,
     "chrome_contexts(rows, parents, silent, root, tables): each numbered element's chrome Context."},
    {NULL, NULL, 0, NULL},
};
