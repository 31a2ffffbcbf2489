/* A raw dump's column "stop" from its spaced UTF-8 bytes in one call, built into
 * cleaner.native._compiled (setup.py lists this file; _compiled.c's module adds these
 * functions when it loads).
 *
 * features._stop_shares took three compiled calls for it: byte_word_occurrences (each
 * word's first position, and its bounds for the lengths), most_common_positions (counts
 * and the ranking) and stop_shares (the column), with two int64 arrays and a list of
 * positions between them. page_stop_column hashes the words once, counting each distinct
 * word as it goes (its id: the order it was first seen in, so the ranking's ties keep the
 * first-seen order most_common_positions keeps), and reads the column from the words' ids.
 * The hash loads a word of under eight bytes with one 8-byte read and a mask where the
 * data holds eight bytes from its start (no variable-length copy). Same floats bit for
 * bit; tests/test_native_raw_stops.py compares it with the three-call path. Plain CPython
 * C API.
 */
#include "_compiled.h"

#include <stdint.h>
#include <string.h>

#define STOPWORDS_PER_PAGE 15 /* features.STOPWORDS_PER_PAGE, STOPWORD_MAX_CHARS */
#define STOPWORD_MAX_CHARS 4
#define RANKED_TOKENS (3 * STOPWORDS_PER_PAGE) /* _stop_shares ranks three times as many */
#define FIRST_STOP_SLOTS 256                    /* a power of two; doubles when half full */
#define STOP_PROBES_PER_WORD 8                  /* past this on average: crafted collisions */
#define SPACE_BYTE_TOP ' '                       /* the highest byte bytes.split() cuts at */
#define HASHED_WHOLE 8                          /* a word of at most 8 bytes: its hash tells it */
#define BYTES_PER_SLOT 8                        /* the first table: a slot per 8 bytes of page */
#define COUNTED_PAGE_BYTES (1 << 20)            /* past this the words are counted before the room */

/* A word's hash, eight bytes at a time; equal words hash alike (each byte read once, the
 * bytes past the word masked off). It need not resist crafted input: the caller gives up
 * past STOP_PROBES_PER_WORD probes a word and the Python path answers. */
static inline uint64_t
short_word_hash(const unsigned char *at, Py_ssize_t size, Py_ssize_t room)
{
    uint64_t hash = (uint64_t)size * 0x9e3779b97f4a7c15ULL, chunk;
    for (; size >= 8; at += 8, size -= 8, room -= 8) {
        memcpy(&chunk, at, 8);
        hash = (hash ^ chunk) * 0xff51afd7ed558ccdULL;
        hash ^= hash >> 32;
    }
    chunk = 0;
    if (size > 0 && room >= 8) { /* one read of eight bytes, the ones past the word masked off */
        memcpy(&chunk, at, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
        chunk &= ~0ULL << (8 * (8 - size));
#else
        chunk &= ~0ULL >> (8 * (8 - size));
#endif
    } else if (size > 0) { /* near the data's end: the same value, through a zeroed copy */
        unsigned char tail[8] = {0};
        memcpy(tail, at, (size_t)size);
        memcpy(&chunk, tail, 8);
    }
    hash = (hash ^ chunk) * 0xc4ceb9fe1a85ec53ULL;
    return hash ^ (hash >> 29);
}

/* Where the word opening at data[end] ends (its first byte bytes.split() cuts at, or
 * size): eight bytes a test where the platform reads them little-endian (a byte at most
 * ' ' flagged by the borrow trick, whose lowest flag is exact; a control byte no space
 * goes on byte by byte), then byte by byte. */
static inline Py_ssize_t
word_end(const unsigned char *data, Py_ssize_t end, Py_ssize_t size)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
    while (size - end >= 8) {
        uint64_t chunk;
        memcpy(&chunk, data + end, 8);
        const uint64_t low = (chunk - (SPACE_BYTE_TOP + 1) * ones) & ~chunk & highs;
        if (low == 0) {
            end += 8;
            continue;
        }
        const Py_ssize_t k = end + (Py_ssize_t)(__builtin_ctzll(low) >> 3);
        if (cleaner_is_byte_space(data[k]))
            return k;
        end = k + 1;
    }
#endif
    while (end < size && !cleaner_is_byte_space(data[end]))
        end++;
    return end;
}

/* One distinct word: what a probe reads, in one place. */
typedef struct {
    uint64_t hash;
    Py_ssize_t id; /* its rank in first-seen order; -1: a free slot */
    Py_ssize_t start;
    Py_ssize_t size;
} StopSlot;

/* A distinct word's count and where its first occurrence lies, by id. */
typedef struct {
    Py_ssize_t count;
    Py_ssize_t start;
    Py_ssize_t size;
} WordStat;

/* The distinct words of a page: the hash table, and per id its WordStat (room for half
 * the slots and one: the table doubles before it is more than half full). */
typedef struct {
    StopSlot *table;
    size_t slots;
    Py_ssize_t distinct;
    WordStat *stats;
} PageWords;

/* Doubles the table, every word moved to its slot, and the room for their stats; -1
 * when out of memory. */
static int
grow_table(PageWords *words)
{
    const size_t slots = 2 * words->slots, mask = slots - 1;
    WordStat *stats = PyMem_Realloc(words->stats, (slots / 2 + 1) * sizeof(WordStat));
    if (stats == NULL)
        return -1;
    words->stats = stats;
    StopSlot *table = PyMem_Malloc(slots * sizeof(StopSlot));
    if (table == NULL)
        return -1;
    memset(table, 0xff, slots * sizeof(StopSlot)); /* every id -1: free */
    for (size_t k = 0; k < words->slots; k++) {
        if (words->table[k].id < 0)
            continue;
        size_t slot = words->table[k].hash & mask;
        while (table[slot].id >= 0)
            slot = (slot + 1) & mask;
        table[slot] = words->table[k];
    }
    PyMem_Free(words->table);
    words->table = table;
    words->slots = slots;
    return 0;
}

/* Reads the words of data[:size] (bytes.split()) into `ids`, each its distinct word's id,
 * counting them in `words`; returns how many words, -1 with an error set, -2 when the
 * hashes collide too often (no error set: the Python path answers). */
static Py_ssize_t
hash_words(const unsigned char *data, Py_ssize_t size, PageWords *words, int32_t *ids)
{
    size_t probes = 0;
    Py_ssize_t at = 0, word = 0;
    for (;; word++) {
        while (at < size && cleaner_is_byte_space(data[at]))
            at++;
        if (at >= size)
            return word;
        const Py_ssize_t end = word_end(data, at, size);
        const Py_ssize_t length = end - at;
        const uint64_t hash = short_word_hash(data + at, length, size - at);
        const size_t mask = words->slots - 1;
        for (size_t slot = hash & mask;; slot = (slot + 1) & mask) {
            if (++probes > STOP_PROBES_PER_WORD * (size_t)word + 64)
                return -2;
            StopSlot *seen = &words->table[slot];
            if (seen->id < 0) { /* a new word: the next id */
                const Py_ssize_t id = words->distinct++;
                *seen = (StopSlot){hash, id, at, length};
                words->stats[id] = (WordStat){1, at, length};
                ids[word] = (int32_t)id;
                break;
            }
            /* up to HASHED_WHOLE bytes the hash is one to one (xor, odd multiplies and
             * xor-shifts of the word's one masked chunk): equal hashes, equal words */
            if (seen->hash == hash && seen->size == length &&
                (length <= HASHED_WHOLE || memcmp(data + seen->start, data + at, (size_t)length) == 0)) {
                words->stats[seen->id].count++;
                ids[word] = (int32_t)seen->id;
                break;
            }
        }
        if (2 * (size_t)words->distinct > words->slots && grow_table(words) < 0) {
            PyErr_NoMemory();
            return -1;
        }
        at = end;
    }
}

/* Marks in `is_stop` (one per distinct word) the first STOPWORDS_PER_PAGE of the
 * RANKED_TOKENS most frequent words (ties: first seen first) of at most
 * STOPWORD_MAX_CHARS characters: most_common_positions then stop_shares' choice. */
static void
mark_page_stops(const unsigned char *data, const PageWords *words, char *is_stop)
{
    Py_ssize_t ranked[RANKED_TOKENS + 1], kept = 0;
    for (Py_ssize_t id = 0; id < words->distinct; id++) {
        const Py_ssize_t count = words->stats[id].count;
        if (kept == RANKED_TOKENS && count <= words->stats[ranked[RANKED_TOKENS - 1]].count)
            continue;
        Py_ssize_t j = kept < RANKED_TOKENS ? kept++ : RANKED_TOKENS - 1; /* the last place, freed if full */
        while (j > 0 && words->stats[ranked[j - 1]].count < count) {
            ranked[j] = ranked[j - 1];
            j--;
        }
        ranked[j] = id;
    }
    Py_ssize_t found = 0;
    for (Py_ssize_t j = 0; j < kept && found < STOPWORDS_PER_PAGE; j++) {
        const Py_ssize_t id = ranked[j];
        const WordStat *stat = &words->stats[id];
        if (cleaner_utf8_chars(data, stat->start, stat->start + stat->size) <=
            STOPWORD_MAX_CHARS) {
            is_stop[id] = 1;
            found++;
        }
    }
}

/* Each line's share of stop words: its tokens (`per_line`, a list of int adding up to
 * the words) that are one, over its word count (`denominators`, int64). -1 with an error. */
static int
line_shares(PyObject *per_line, const int32_t *ids, Py_ssize_t total, const char *is_stop,
            const int64_t *denominators, double *out)
{
    const Py_ssize_t n = PyList_GET_SIZE(per_line);
    Py_ssize_t t = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        const Py_ssize_t count = PyLong_AsSsize_t(PyList_GET_ITEM(per_line, i));
        if (count < 0 || count > total - t) {
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "page_stop_column: tokens_per_line do not add up to the words");
            return -1;
        }
        int64_t stops = 0;
        for (const Py_ssize_t end = t + count; t < end; t++)
            stops += is_stop[ids[t]];
        out[i] = (double)stops / (double)denominators[i];
    }
    if (t != total) {
        PyErr_SetString(PyExc_ValueError, "page_stop_column: tokens_per_line do not add up to the words");
        return -1;
    }
    return 0;
}

/* Gets `words` as n int64 (a C-contiguous buffer of format 'l' or 'q'); -1 with an error. */
static int
get_int64s(PyObject *array, Py_ssize_t n, Py_buffer *view)
{
    if (PyObject_GetBuffer(array, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT) < 0)
        return -1;
    const char *format = view->format == NULL ? "B" : view->format;
    if (*format == '@' || *format == '=' || *format == '<')
        format++;
    if (view->itemsize != sizeof(int64_t) || format[0] == '\0' || format[1] != '\0' ||
        strchr("lq", format[0]) == NULL || view->len != n * (Py_ssize_t)sizeof(int64_t)) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_ValueError, "page_stop_column: words must hold one int64 per line");
        return -1;
    }
    return 0;
}

/* Room for every word of data[:size]: every other byte a space at most, or past
 * COUNTED_PAGE_BYTES the words counted (a huge page never costs 2 bytes a byte). */
static size_t
word_room(const unsigned char *data, Py_ssize_t size)
{
    if (size <= COUNTED_PAGE_BYTES)
        return (size_t)(size + 1) / 2 + 1;
    size_t most = 1;
    for (Py_ssize_t k = 0; k < size; k++) /* a word opens at a non-space after a space */
        most += !cleaner_is_byte_space(data[k]) && (k == 0 || cleaner_is_byte_space(data[k - 1]));
    return most;
}

/* page_stop_column(spaced, tokens_per_line, words): features._stop_shares of a page from
 * `spaced` (bytes: its words are spaced.split()), tokens_per_line (a list of int, one per
 * line) and words (int64, one per line): n float64 as a bytearray; None when the words'
 * hashes collide too often (the three-call path answers). */
static PyObject *
native_page_stop_column(PyObject *module, PyObject *const *args, Py_ssize_t nargs)
{
    (void)module;
    if (nargs != 3 || !PyBytes_CheckExact(args[0]) || !PyList_CheckExact(args[1])) {
        PyErr_SetString(PyExc_TypeError, "page_stop_column(spaced: bytes, tokens_per_line: list, words)");
        return NULL;
    }
    const unsigned char *data = (const unsigned char *)PyBytes_AS_STRING(args[0]);
    const Py_ssize_t size = PyBytes_GET_SIZE(args[0]);
    const Py_ssize_t n = PyList_GET_SIZE(args[1]);
    Py_buffer denominators;
    if (get_int64s(args[2], n, &denominators) < 0)
        return NULL;
    PyObject *result = NULL;
    const size_t most = word_room(data, size);
    size_t slots = FIRST_STOP_SLOTS; /* about as many as the page's distinct words need */
    while (slots < (size_t)size / BYTES_PER_SLOT && slots < COUNTED_PAGE_BYTES)
        slots *= 2;
    PageWords words = {PyMem_Malloc(slots * sizeof(StopSlot)), slots, 0,
                       PyMem_Malloc((slots / 2 + 1) * sizeof(WordStat))};
    int32_t *ids = most > INT32_MAX ? NULL : PyMem_Malloc(most * sizeof(int32_t));
    char *is_stop = NULL;
    if (words.table == NULL || words.stats == NULL || ids == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    memset(words.table, 0xff, slots * sizeof(StopSlot)); /* every id -1: free */
    const Py_ssize_t total = hash_words(data, size, &words, ids);
    if (total == -2) {
        result = Py_NewRef(Py_None);
        goto done;
    }
    if (total < 0)
        goto done;
    is_stop = PyMem_Calloc((size_t)words.distinct + 1, 1);
    if (is_stop == NULL) {
        PyErr_NoMemory();
        goto done;
    }
    mark_page_stops(data, &words, is_stop);
    result = PyByteArray_FromStringAndSize(NULL, n * (Py_ssize_t)sizeof(double));
    if (result != NULL &&
        line_shares(args[1], ids, total, is_stop, denominators.buf, (double *)PyByteArray_AS_STRING(result)) < 0)
        Py_CLEAR(result);
done:
    PyMem_Free(words.table);
    PyMem_Free(words.stats);
    PyMem_Free(ids);
    PyMem_Free(is_stop);
    PyBuffer_Release(&denominators);
    return result;
}

PyMethodDef raw_stop_methods[] = {
    {"page_stop_column", (PyCFunction)(void (*)(void))native_page_stop_column, METH_FASTCALL,
     "page_stop_column(spaced, tokens_per_line, words): features._stop_shares' column; None on collisions."},
    {NULL, NULL, 0, NULL},
};
