#include "CCurl.h"
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include <string.h>

static struct {
    CURLcode (*global_init)(long);
    CURL *(*easy_init)(void);
    CURLcode (*easy_perform)(CURL *);
    void (*easy_cleanup)(CURL *);
    CURLcode (*easy_send)(CURL *, const void *, size_t, size_t *);
    CURLcode (*easy_recv)(CURL *, void *, size_t, size_t *);
    const char *(*easy_strerror)(CURLcode);
    CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
    CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
    curl_version_info_data *(*version_info)(CURLversion);
    /// OpenSSL's SSL_ctrl, found through libcurl's own dependencies; NULL when libcurl uses another TLS library.
    long (*ssl_ctrl)(void *, int, long, void *);
} curl;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *load_error = NULL;

static void load(void) {
    void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
    if (!library) { load_error = dlerror(); return; }
#define RESOLVE(field, name) \
    if (!(*(void **)&curl.field = dlsym(library, name))) { load_error = "libcurl.so.4 lacks " name; return; }
    RESOLVE(global_init, "curl_global_init")
    RESOLVE(easy_init, "curl_easy_init")
    RESOLVE(easy_perform, "curl_easy_perform")
    RESOLVE(easy_cleanup, "curl_easy_cleanup")
    RESOLVE(easy_send, "curl_easy_send")
    RESOLVE(easy_recv, "curl_easy_recv")
    RESOLVE(easy_strerror, "curl_easy_strerror")
    RESOLVE(easy_setopt, "curl_easy_setopt")
    RESOLVE(easy_getinfo, "curl_easy_getinfo")
    RESOLVE(version_info, "curl_version_info")
#undef RESOLVE
    const curl_version_info_data *info = curl.version_info(CURLVERSION_NOW);
    if (info && info->ssl_version && strncmp(info->ssl_version, "OpenSSL/", 8) == 0) {
        *(void **)&curl.ssl_ctrl = dlsym(library, "SSL_ctrl");
    }
}

int ccurl_load(void) {
    pthread_once(&once, load);
    return load_error ? -1 : 0;
}

const char *ccurl_load_error(void) { return load_error; }

CURLcode ccurl_global_init(long flags) { return ccurl_load() ? CURLE_FAILED_INIT : curl.global_init(flags); }
CURL *ccurl_easy_init(void) { return ccurl_load() ? NULL : curl.easy_init(); }
CURLcode ccurl_easy_perform(CURL *handle) { return curl.easy_perform(handle); }
void ccurl_easy_cleanup(CURL *handle) { curl.easy_cleanup(handle); }
CURLcode ccurl_easy_send(CURL *handle, const void *buffer, size_t length, size_t *sent) {
    return curl.easy_send(handle, buffer, length, sent);
}
CURLcode ccurl_easy_recv(CURL *handle, void *buffer, size_t length, size_t *received) {
    return curl.easy_recv(handle, buffer, length, received);
}
const char *ccurl_easy_strerror(CURLcode code) {
    return ccurl_load() ? "libcurl is not available" : curl.easy_strerror(code);
}

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl.easy_setopt(handle, option, value);
}
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl.easy_getinfo(handle, info, value);
}
CURLcode ccurl_getinfo_socket(CURL *handle, CURLINFO info, curl_socket_t *value) {
    return curl.easy_getinfo(handle, info, value);
}
CURLcode ccurl_setopt_write_callback(CURL *handle, ccurl_write_callback callback) {
    return curl.easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}

CURLcode ccurl_tls_read_ahead(CURL *handle) {
    if (!curl.ssl_ctrl) return CURLE_NOT_BUILT_IN;
    struct curl_tlssessioninfo *session = NULL;
    CURLcode code = curl.easy_getinfo(handle, CURLINFO_TLS_SSL_PTR, &session);
    if (code != CURLE_OK) return code;
    if (!session || session->backend != CURLSSLBACKEND_OPENSSL || !session->internals) return CURLE_NOT_BUILT_IN;
    curl.ssl_ctrl(session->internals, 41 /* SSL_CTRL_SET_READ_AHEAD */, 1, NULL);
    return CURLE_OK;
}
