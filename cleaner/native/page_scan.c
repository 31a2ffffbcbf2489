/* The html parse's two questions about a page's UTF-8 bytes (cleaner/html/text.py, _scan_python):
 * does it hold a control byte XML forbids, and does it hold a run of at least `long_run`
 * bytes without '<' or '>' (where a tag too long for libxml2 could hide). One pass, where
 * bytes.translate copied the page and numpy built three arrays of its size. */
#include "_compiled.h"

/* What a byte is to the scan: a forbidden control byte, a tag bracket, or neither. */
enum { PLAIN = 0, FORBIDDEN = 1, BRACKET = 2 };

/* The control bytes XML 1.0 forbids (all below 0x20 but tab, line feed and carriage return). */
static int
byte_class(unsigned char c)
{
    if (c == '<' || c == '>')
        return BRACKET;
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? FORBIDDEN : PLAIN;
}

/* page_scan(data, long_run): (whether data holds a forbidden control byte, whether it holds
 * long_run bytes in a row that are no '<' or '>'). */
static PyObject *
native_page_scan(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    if (nargs != 2 || !PyBytes_Check(args[0]) || !PyLong_Check(args[1])) {
        PyErr_SetString(PyExc_TypeError, "page_scan(data, long_run): bytes and an int");
        return NULL;
    }
    const Py_ssize_t long_run = PyLong_AsSsize_t(args[1]);
    if (long_run == -1 && PyErr_Occurred())
        return NULL;
    if (long_run < 1) {
        PyErr_SetString(PyExc_ValueError, "page_scan: long_run must be at least 1");
        return NULL;
    }
    unsigned char classes[256];
    for (int c = 0; c < 256; c++)
        classes[c] = (unsigned char)byte_class((unsigned char)c);
    const unsigned char *data = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    const Py_ssize_t size = PyBytes_GET_SIZE(args[0]);
    int forbidden = 0, long_found = 0;
    Py_ssize_t run = 0;
    for (Py_ssize_t k = 0; k < size; k++) {
        const unsigned char kind = classes[data[k]];
        if (kind == BRACKET) {
            run = 0;
            continue;
        }
        forbidden |= kind; /* FORBIDDEN is 1, PLAIN 0 */
        if (++run >= long_run)
            long_found = 1;
        if (forbidden && long_found)
            break; /* both answers are yes: the rest cannot change them */
    }
    return Py_BuildValue("(OO)", forbidden ? Py_True : Py_False, long_found ? Py_True : Py_False);
}

PyMethodDef page_scan_methods[] = {
    {"page_scan", (PyCFunction)(void (*)(void))native_page_scan, METH_FASTCALL,
     "page_scan(data, long_run): (whether the bytes hold a control byte XML forbids, whether they "
     "hold long_run bytes in a row without '<' or '>')."},
    {NULL, NULL, 0, NULL},
};
