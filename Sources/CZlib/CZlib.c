#include "CZlib.h"

/// windowBits -15 selects raw deflate (the caller writes the gzip framing); memLevel 8 is zlib's default.
int czlib_deflate_init_raw(z_stream *stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
}
/// windowBits 15 + 32 accepts gzip and zlib headers alike.
int czlib_inflate_init_gzip(z_stream *stream) {
    return inflateInit2(stream, 15 + 32);
}
