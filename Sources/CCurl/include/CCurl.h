// A logic-free shim over libcurl: Swift cannot call C variadics, so each argument
// kind of curl_easy_setopt / curl_easy_getinfo gets one typed wrapper here.
#ifndef MAILMIRROR_CCURL_H
#define MAILMIRROR_CCURL_H
#include <curl/curl.h>

CURLcode ccurl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode ccurl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode ccurl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode ccurl_getinfo_long(CURL *handle, CURLINFO info, long *value);
CURLcode ccurl_getinfo_socket(CURL *handle, CURLINFO info, curl_socket_t *value);
#endif
