#ifndef CKEYWARD_MHD_SHIM_H
#define CKEYWARD_MHD_SHIM_H

#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <microhttpd.h>

/*
 * Swift cannot call C variadic functions. These helpers wrap the variadic parts of libmicrohttpd's API
 * (MHD_start_daemon, MHD_get_connection_info, MHD_get_daemon_info) with fixed signatures, and keep the
 * sockaddr handling in C.
 */

/// A callback that receives every request URI before it is parsed; its result becomes the request context.
typedef void *(*keyward_mhd_uri_callback)(void *cls, const char *uri, struct MHD_Connection *connection);

/// Starts a daemon bound to one address.
///
/// family: 4 or 6. address: 4 or 16 bytes in network order. port: host order, 0 for an ephemeral port.
/// options: numeric options, MHD_OPTION_END-terminated (passed through MHD_OPTION_ARRAY).
/// The same `cls` goes to every callback.
static inline struct MHD_Daemon *keyward_mhd_start(
    unsigned int flags,
    int family,
    const uint8_t *address,
    uint16_t port,
    MHD_AccessHandlerCallback handler,
    MHD_RequestCompletedCallback completed,
    keyward_mhd_uri_callback uri_callback,
    MHD_LogCallback log_callback,
    void *cls,
    struct MHD_OptionItem *options)
{
    struct sockaddr_in v4;
    struct sockaddr_in6 v6;
    const struct sockaddr *socket_address;
    memset(&v4, 0, sizeof(v4));
    memset(&v6, 0, sizeof(v6));
    if (family == 6) {
        v6.sin6_family = AF_INET6;
        v6.sin6_port = htons(port);
        memcpy(&v6.sin6_addr, address, 16);
        socket_address = (const struct sockaddr *)&v6;
    } else {
        v4.sin_family = AF_INET;
        v4.sin_port = htons(port);
        memcpy(&v4.sin_addr, address, 4);
        socket_address = (const struct sockaddr *)&v4;
    }
    return MHD_start_daemon(
        flags, port, NULL, NULL, handler, cls,
        MHD_OPTION_EXTERNAL_LOGGER, log_callback, cls,
        MHD_OPTION_SOCK_ADDR, socket_address,
        MHD_OPTION_NOTIFY_COMPLETED, completed, cls,
        MHD_OPTION_URI_LOG_CALLBACK, uri_callback, cls,
        MHD_OPTION_ARRAY, options,
        MHD_OPTION_END);
}

/// The port the daemon is bound to, in host order; 0 if unknown.
static inline uint16_t keyward_mhd_bound_port(struct MHD_Daemon *daemon)
{
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/// The peer address of a connection: returns 4 or 6 and fills `out` (16 bytes) with the address in network
/// order (4 or 16 bytes used); returns 0 when the address is unknown.
static inline int keyward_mhd_peer_address(struct MHD_Connection *connection, uint8_t *out)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL) {
        return 0;
    }
    const struct sockaddr *address = info->client_addr;
    if (address->sa_family == AF_INET) {
        memcpy(out, &((const struct sockaddr_in *)address)->sin_addr, 4);
        return 4;
    }
    if (address->sa_family == AF_INET6) {
        memcpy(out, &((const struct sockaddr_in6 *)address)->sin6_addr, 16);
        return 6;
    }
    return 0;
}

/// The status of the response queued on a connection (MHD's own error responses included), or 0.
static inline unsigned int keyward_mhd_response_status(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info = MHD_get_connection_info(connection, MHD_CONNECTION_INFO_HTTP_STATUS);
    return info == NULL ? 0 : info->http_status;
}

/// The size of the request line and headers of the current request, in bytes, or 0 when unknown.
static inline size_t keyward_mhd_request_header_size(struct MHD_Connection *connection)
{
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    return info == NULL ? 0 : info->header_size;
}

/// Formats an MHD log message into `buffer` (vsnprintf); returns the length that was needed.
static inline int keyward_mhd_format_log(char *buffer, size_t size, const char *format, va_list arguments)
{
    return vsnprintf(buffer, size, format, arguments);
}

#endif
