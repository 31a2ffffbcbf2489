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

/* A C-contiguous buffer of `count` items of float64 (`floats`) or int64, or an error: a buffer
 * of other items or another length is refused, never misread. */
static int
sums_buffer(PyObject *obj, Py_buffer *view, int floats, Py_ssize_t count, int writable)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0)) < 0)
        return -1;
    const char *format = view->format == NULL ? "B" : view->format;
    if (*format == '@' || *format == '=' || *format == '<')
        format++;
    const int ok = view->itemsize == 8 && view->len == count * 8 &&
                   (floats ? strcmp(format, "d") == 0 : (strcmp(format, "l") == 0 || strcmp(format, "q") == 0));
    if (!ok) {
        PyErr_Format(PyExc_ValueError, "subtree_sums: a buffer of %zd %s expected", count, floats ? "float64" : "int64");
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

/* Adds one climb level's sums to `out` as numpy did: a bincount (each bin from 0.0, its
 * values added in block order) added to the running sums, so every float sum is the same. */
static int
add_level(const long long *ids, const double *values, double *level, double *out, Py_ssize_t kinds,
          Py_ssize_t blocks, Py_ssize_t size)
{
    memset(level, 0, (size_t)(kinds * size) * sizeof(double));
    for (Py_ssize_t k = 0; k < kinds; k++)
        for (Py_ssize_t i = 0; i < blocks; i++) {
            const long long id = ids[i];
            if (id >= size) {
                PyErr_SetString(PyExc_ValueError, "subtree_sums: an element id past the elements");
                return -1;
            }
            if (id >= 0)
                level[k * size + id] += values[k * blocks + i];
        }
    for (Py_ssize_t j = 0; j < kinds * size; j++)
        out[j] += level[j];
    return 0;
}

/* subtree_sums(values, levels, out, kinds, size): PageLayout.subtree_sums' loop; `values` the
 * kinds x blocks float64 rows, `levels` the climb's int64 id arrays (one per level, one id a
 * block, -1 none), `out` the kinds x size float64 zeros the sums are added to. */
static PyObject *
native_subtree_sums(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 5 || !PyList_Check(args[1]) || !PyLong_Check(args[3]) || !PyLong_Check(args[4])) {
        PyErr_SetString(PyExc_TypeError, "subtree_sums(values, levels, out, kinds, size): levels a list, kinds and size ints");
        return NULL;
    }
    const Py_ssize_t kinds = PyLong_AsSsize_t(args[3]), size = PyLong_AsSsize_t(args[4]);
    if ((kinds == -1 || size == -1) && PyErr_Occurred())
        return NULL;
    if (kinds < 0 || size < 0 || (size > 0 && kinds > PY_SSIZE_T_MAX / 8 / size)) {
        PyErr_SetString(PyExc_ValueError, "subtree_sums: kinds and size must be small non-negative ints");
        return NULL;
    }
    Py_buffer values_view, out_view;
    if (PyObject_GetBuffer(args[0], &values_view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return NULL;
    const Py_ssize_t blocks = kinds ? values_view.len / 8 / kinds : 0;
    PyBuffer_Release(&values_view);
    if (sums_buffer(args[0], &values_view, 1, kinds * blocks, 0) < 0)
        return NULL;
    if (sums_buffer(args[2], &out_view, 1, kinds * size, 1) < 0) {
        PyBuffer_Release(&values_view);
        return NULL;
    }
    PyObject *result = NULL;
    double *level = PyMem_Malloc((size_t)(kinds * size + 1) * sizeof(double));
    if (level == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t l = 0; l < PyList_GET_SIZE(args[1]); l++) {
        Py_buffer ids_view;
        if (sums_buffer(PyList_GET_ITEM(args[1], l), &ids_view, 0, blocks, 0) < 0)
            goto done;
        const int failed = add_level(ids_view.buf, values_view.buf, level, out_view.buf, kinds, blocks, size);
        PyBuffer_Release(&ids_view);
        if (failed < 0)
            goto done;
    }
    result = Py_NewRef(Py_None);
done:
    PyMem_Free(level);
    PyBuffer_Release(&values_view);
    PyBuffer_Release(&out_view);
    return result;
}

PyMethodDef page_layout_methods[] = {
    {"layout_bits", (PyCFunction)(void (*)(void))native_layout_bits, METH_FASTCALL,
     "layout_bits(attributes, parents, place_bits, name_bits, classed): PageLayout's depths, own and "
     "inherited bits per element, as int64 bytes."},
    {"subtree_sums", (PyCFunction)(void (*)(void))native_subtree_sums, METH_FASTCALL,
     "subtree_sums(values, levels, out, kinds, size): PageLayout.subtree_sums, added into out."},
    {NULL, NULL, 0, NULL},
};
