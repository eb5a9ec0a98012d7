/*
 * The baseline for `stratus bench runtime`: the smallest Lambda runtime a C programmer would write.
 * It keeps one HTTP/1.1 connection to the Runtime API, asks for the next invocation, and answers every one with the
 * same fixed `GET /health` response: the native floor of the Runtime API loop, with nothing else in the way.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUFFER_SIZE (8 * 1024 * 1024)

static const char *health_response =
    "{\"statusCode\":200,\"headers\":{\"content-type\":\"application/json\",\"cache-control\":\"no-store\"},"
    "\"body\":\"{\\\"coldStart\\\":true,\\\"status\\\":\\\"ok\\\",\\\"version\\\":\\\"0.1.0\\\"}\"}";

static char buffer[BUFFER_SIZE];

static void fail(const char *what) {
    perror(what);
    exit(1);
}

static void send_all(int fd, const char *data, size_t length) {
    while (length > 0) {
        ssize_t sent = send(fd, data, length, 0);
        if (sent <= 0) fail("send");
        data += sent;
        length -= (size_t)sent;
    }
}

/* Reads one response into `buffer`; returns its body length and copies the request id header, if any. */
static size_t read_response(int fd, char *request_id, size_t request_id_size) {
    size_t filled = 0;
    char *header_end = NULL;
    while (!header_end) {
        ssize_t got = recv(fd, buffer + filled, BUFFER_SIZE - 1 - filled, 0);
        if (got <= 0) fail("recv");
        filled += (size_t)got;
        buffer[filled] = '\0';
        header_end = strstr(buffer, "\r\n\r\n");
    }
    size_t header_length = (size_t)(header_end - buffer) + 4;
    size_t content_length = 0;
    if (request_id) request_id[0] = '\0';
    for (char *line = strstr(buffer, "\r\n") + 2; line < header_end; line = strstr(line, "\r\n") + 2) {
        if (strncasecmp(line, "Content-Length:", 15) == 0) {
            content_length = strtoul(line + 15, NULL, 10);
        } else if (request_id && strncasecmp(line, "Lambda-Runtime-Aws-Request-Id:", 30) == 0) {
            char *value = line + 30;
            while (*value == ' ') value++;
            size_t length = strcspn(value, "\r");
            if (length >= request_id_size) length = request_id_size - 1;
            memcpy(request_id, value, length);
            request_id[length] = '\0';
        }
    }
    while (filled < header_length + content_length) {
        ssize_t got = recv(fd, buffer + filled, BUFFER_SIZE - 1 - filled, 0);
        if (got <= 0) fail("recv");
        filled += (size_t)got;
    }
    return content_length;
}

int main(void) {
    const char *api = getenv("AWS_LAMBDA_RUNTIME_API");
    if (!api) {
        fprintf(stderr, "AWS_LAMBDA_RUNTIME_API is not set\n");
        return 1;
    }
    char host[256];
    const char *colon = strrchr(api, ':');
    if (!colon || (size_t)(colon - api) >= sizeof host) return 1;
    memcpy(host, api, (size_t)(colon - api));
    host[colon - api] = '\0';

    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(colon + 1))};
    if (inet_pton(AF_INET, host, &address.sin_addr) != 1) return 1;
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) fail("socket");
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    if (connect(fd, (struct sockaddr *)&address, sizeof address) != 0) fail("connect");

    char request[1024];
    char request_id[128];
    size_t body_length = strlen(health_response);
    for (;;) {
        int length = snprintf(request, sizeof request,
            "GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: %s\r\nUser-Agent: baseline-c\r\n\r\n", api);
        send_all(fd, request, (size_t)length);
        read_response(fd, request_id, sizeof request_id);
        length = snprintf(request, sizeof request,
            "POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\r\nHost: %s\r\nUser-Agent: baseline-c\r\n"
            "Content-Type: application/json\r\nContent-Length: %zu\r\n\r\n", request_id, api, body_length);
        send_all(fd, request, (size_t)length);
        send_all(fd, health_response, body_length);
        read_response(fd, NULL, 0);
    }
}
