/* The html block features' element facts (cleaner/html/blockfeatures.py, PageLayout's
 * _layout_bits_python): each element the page walk numbered gets its depth, its own bits
 * (its tag's place bit, its class/id words' bits from the `name_bits` callable, a bit for a
 * class attribute) and those ORed with its ancestors'. The walk numbers each element after
 * its parent, so one pass in numbering order sees every parent first. */
#include "_compiled.h"

#include <string.h>

typedef struct {
    PyObject *place_bits, *name_bits, *empty, *space;
    long long classed;
} LayoutInputs;

/* (classes or "") + " " + (ident or ""), as _own_bits joins them; NULL on an error. */
static PyObject *
joined_names(const LayoutInputs *in, PyObject *classes, PyObject *ident)
{
    PyObject *left = PyUnicode_Concat(classes == Py_None ? in->empty : classes, in->space);
    if (left == NULL)
        return NULL;
    PyObject *names = PyUnicode_Concat(left, ident == Py_None ? in->empty : ident);
    Py_DECREF(left);
    return names;
}

/* An int result as a long long; -1 with an exception set on another type or an overflow. */
static int
read_bits(PyObject *value, long long *bits)
{
    if (!PyLong_Check(value)) {
        PyErr_SetString(PyExc_TypeError, "layout_bits: bits must be int");
        return -1;
    }
    *bits = PyLong_AsLongLong(value);
    return *bits == -1 && PyErr_Occurred() ? -1 : 0;
}

/* One element's own bits; -1 on an error. */
static int
own_bits(const LayoutInputs *in, PyObject *item, long long *bits)
{
    if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) < 3) {
        PyErr_SetString(PyExc_TypeError, "layout_bits: attributes must be (tag, class, id, ...) tuples");
        return -1;
    }
    PyObject *tag = PyTuple_GET_ITEM(item, 0), *classes = PyTuple_GET_ITEM(item, 1), *ident = PyTuple_GET_ITEM(item, 2);
    *bits = 0;
    PyObject *place = PyDict_GetItemWithError(in->place_bits, tag);
    if (place == NULL && PyErr_Occurred())
        return -1;
    if (place != NULL && read_bits(place, bits) < 0)
        return -1;
    const int has_classes = PyObject_IsTrue(classes), has_ident = PyObject_IsTrue(ident);
    if (has_classes < 0 || has_ident < 0)
        return -1;
    if (!has_classes && !has_ident)
        return 0;
    if ((classes != Py_None && !PyUnicode_Check(classes)) || (ident != Py_None && !PyUnicode_Check(ident))) {
        PyErr_SetString(PyExc_TypeError, "layout_bits: class and id must be str or None");
        return -1;
    }
    PyObject *names = joined_names(in, classes, ident);
    if (names == NULL)
        return -1;
    PyObject *found = PyObject_CallOneArg(in->name_bits, names);
    Py_DECREF(names);
    if (found == NULL)
        return -1;
    long long word_bits = 0;
    const int failed = read_bits(found, &word_bits);
    Py_DECREF(found);
    if (failed < 0)
        return -1;
    *bits |= word_bits;
    if (has_classes)
        *bits |= in->classed;
    return 0;
}

/* layout_bits(attributes, parents, place_bits, name_bits, classed): (depths, own, inherited)
 * as int64 bytes, one per element (as many as both lists hold). */
static PyObject *
native_layout_bits(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5 || !PyList_Check(args[0]) || !PyList_Check(args[1]) || !PyDict_Check(args[2]) ||
        !PyCallable_Check(args[3])) {
        PyErr_SetString(PyExc_TypeError,
                        "layout_bits(attributes, parents, place_bits, name_bits, classed): two lists, a dict, a callable, an int");
        return NULL;
    }
    LayoutInputs in = {args[2], args[3], NULL, NULL, 0};
    if (read_bits(args[4], &in.classed) < 0)
        return NULL;
    PyObject *attributes = args[0], *parents = args[1], *result = NULL;
    Py_INCREF(attributes); /* held: name_bits is Python code */
    Py_INCREF(parents);
    Py_ssize_t n = PyList_GET_SIZE(attributes);
    if (PyList_GET_SIZE(parents) < n)
        n = PyList_GET_SIZE(parents);
    const Py_ssize_t bytes = n * (Py_ssize_t)sizeof(long long);
    PyObject *depths = PyByteArray_FromStringAndSize(NULL, bytes), *own = PyByteArray_FromStringAndSize(NULL, bytes),
             *inherited = PyByteArray_FromStringAndSize(NULL, bytes);
    in.empty = PyUnicode_FromString("");
    in.space = PyUnicode_FromString(" ");
    if (depths == NULL || own == NULL || inherited == NULL || in.empty == NULL || in.space == NULL)
        goto done;
    long long *depth = (long long *)PyByteArray_AS_STRING(depths), *mine = (long long *)PyByteArray_AS_STRING(own),
              *above = (long long *)PyByteArray_AS_STRING(inherited);
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyList_GET_SIZE(attributes) < n || PyList_GET_SIZE(parents) < n) {
            PyErr_SetString(PyExc_ValueError, "layout_bits: the lists changed size");
            goto done;
        }
        PyObject *item = PyList_GET_ITEM(attributes, i);
        Py_INCREF(item);
        long long bits = 0;
        const int failed = own_bits(&in, item, &bits);
        Py_DECREF(item);
        if (failed < 0)
            goto done;
        const Py_ssize_t parent = PyLong_AsSsize_t(PyList_GET_ITEM(parents, i));
        if (parent == -1 && PyErr_Occurred())
            goto done;
        if (parent >= i) {
            PyErr_SetString(PyExc_ValueError, "layout_bits: an element numbered before its parent");
            goto done;
        }
        mine[i] = bits;
        depth[i] = parent >= 0 ? depth[parent] + 1 : 1;
        above[i] = parent >= 0 ? bits | above[parent] : bits;
    }
    result = PyTuple_Pack(3, depths, own, inherited);
done:
    Py_DECREF(attributes);
    Py_DECREF(parents);
    Py_XDECREF(depths);
    Py_XDECREF(own);
    Py_XDECREF(inherited);
    Py_XDECREF(in.empty);
    Py_XDECREF(in.space);
    return result;
}

PyMethodDef page_layout_methods[] = {
    {"layout_bits", (PyCFunction)(void (*)(void))native_layout_bits, METH_FASTCALL,
     "layout_bits(attributes, parents, place_bits, name_bits, classed): PageLayout's depths, own and "
     "inherited bits per element, as int64 bytes."},
    {NULL, NULL, 0, NULL},
};
