// A logic-free shim over zlib: the macros deflateInit2 / inflateInit2 expand to calls
// that need ZLIB_VERSION and sizeof(z_stream); these wrappers make them callable from Swift.
#ifndef MAILMIRROR_CZLIB_H
#define MAILMIRROR_CZLIB_H
#include <zlib.h>

int czlib_deflate_init_raw(z_stream *stream, int level);
int czlib_inflate_init_gzip(z_stream *stream);
#endif
