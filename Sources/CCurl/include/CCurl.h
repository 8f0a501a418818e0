// A small shim over libcurl.
//
// 1. Swift cannot call C variadics, so curl_easy_setopt / curl_easy_getinfo get one typed
//    wrapper per argument kind.
// 2. OpenSSL's read-ahead is switched on where libcurl uses OpenSSL (ccurl_tls_read_ahead).
// 3. libcurl (with OpenSSL, GnuTLS, Kerberos, LDAP… behind it) is loaded with dlopen the first
//    time a connection is opened, not at process start: the offline commands (search, show,
//    report) never pay for loading some 30 shared libraries they do not use.
#ifndef MAILMIRROR_CCURL_H
#define MAILMIRROR_CCURL_H
#include <curl/curl.h>

/// Loads libcurl.so.4 once; 0 on success, else -1 (see ccurl_load_error).
int ccurl_load(void);
/// Why loading failed, or NULL.
const char *ccurl_load_error(void);

CURLcode ccurl_global_init(long flags);
CURL *ccurl_easy_init(void);
CURLcode ccurl_easy_perform(CURL *handle);
void ccurl_easy_cleanup(CURL *handle);
CURLcode ccurl_easy_send(CURL *handle, const void *buffer, size_t length, size_t *sent);
CURLcode ccurl_easy_recv(CURL *handle, void *buffer, size_t length, size_t *received);
const char *ccurl_easy_strerror(CURLcode code);

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_socket(CURL *handle, CURLINFO info, curl_socket_t *value);

/// CURLOPT_WRITEFUNCTION, typed (an HTTP POST collects the answer's body through it).
typedef size_t (*ccurl_write_callback)(char *data, size_t size, size_t count, void *context);
CURLcode ccurl_setopt_write_callback(CURL *handle, ccurl_write_callback callback);

/// Where libcurl uses OpenSSL, on a connection libcurl has finished setting up and given back to the handle
/// (after a first curl_easy_send; read-ahead must not be on while libcurl itself waits for the greeting: it
/// looks for buffered data with SSL_pending, which does not count records read ahead):
/// SSL_set_read_ahead(ssl, 1), so one recv() takes every record the socket holds instead of two recv() per
/// record (its 5-byte header, then its body). CURLE_NOT_BUILT_IN with another TLS library or without TLS
/// (nothing is changed then).
CURLcode ccurl_tls_read_ahead(CURL *handle);
#endif
