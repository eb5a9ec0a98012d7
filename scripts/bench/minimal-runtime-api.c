/*
 * A minimal Lambda Runtime API for benchmarks: it answers `GET .../invocation/next` with one prepared event and reads
 * `POST .../response` (or `/error`), nothing else, so that what it measures is the function's own cost and not an
 * emulator's. It spawns the runtime under test itself and measures, in one run:
 *
 *   cold start  spawn to the end of the first response, over --cold fresh processes (each killed after);
 *   warm        from handing out an event (the runtime already waits in `next`) to the end of its response,
 *               over --warm invocations of one process after --warmup untimed ones;
 *   peak RSS    the largest maximum resident set size of any process (wait4's rusage).
 *
 * It prints one line of figures (microseconds, bytes) that scripts/bench-runtime.sh turns into ratios:
 *   cold_p50_us=… cold_p99_us=… warm_p50_us=… warm_p99_us=… peak_rss_bytes=…
 *
 * Usage: minimal-runtime-api --event FILE [--trace HEADER] [--cold N] [--warm N] [--warmup N] -- EXECUTABLE [ARGS…]
 * The runtime gets Lambda's environment for a function named by $BENCH_FUNCTION (default `health`), with
 * AWS_XRAY_DAEMON_ADDRESS pointing at a UDP socket of this program that nobody reads.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REQUEST_BUFFER_SIZE (8 * 1024 * 1024)

static char request_buffer[REQUEST_BUFFER_SIZE];
static size_t buffered = 0;
static char *event = NULL;
static size_t event_length = 0;
static const char *trace_header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
static uint64_t invocation_counter = 0;

static void fail(const char *what) {
    fprintf(stderr, "minimal-runtime-api: %s: %s\n", what, strerror(errno));
    exit(2);
}

static uint64_t now_ns(void) {
    struct timespec time;
    clock_gettime(CLOCK_MONOTONIC, &time);
    return (uint64_t)time.tv_sec * 1000000000u + (uint64_t)time.tv_nsec;
}

static uint64_t now_epoch_ms(void) {
    struct timespec time;
    clock_gettime(CLOCK_REALTIME, &time);
    return (uint64_t)time.tv_sec * 1000u + (uint64_t)time.tv_nsec / 1000000u;
}

static void send_all(int fd, const char *data, size_t length) {
    while (length > 0) {
        ssize_t sent = send(fd, data, length, MSG_NOSIGNAL);
        if (sent <= 0) fail("send");
        data += sent;
        length -= (size_t)sent;
    }
}

/* A request as far as this server cares: whether it asks for the next event, and how long its message is. */
struct request {
    int is_next;
    size_t total_length;
};

/* Reads until `buffer` holds one whole request (head and body); returns 0 when the peer closed the connection. */
static int read_request(int fd, struct request *request) {
    for (;;) {
        char *end_of_head = memmem(request_buffer, buffered, "\r\n\r\n", 4);
        if (end_of_head != NULL) {
            size_t head_length = (size_t)(end_of_head - request_buffer) + 4;
            size_t body_length = 0;
            for (char *line = strstr(request_buffer, "\r\n"); line != NULL && line < end_of_head; line = strstr(line + 2, "\r\n")) {
                if (strncasecmp(line + 2, "content-length:", 15) == 0) body_length = strtoul(line + 17, NULL, 10);
            }
            if (body_length > REQUEST_BUFFER_SIZE - 1 - head_length) {
                errno = EMSGSIZE;
                fail("request too large");
            }
            if (head_length + body_length <= buffered) {
                request->is_next = strncmp(request_buffer, "GET ", 4) == 0 && strstr(request_buffer, "/invocation/next") != NULL
                    && strstr(request_buffer, "/invocation/next") < end_of_head;
                request->total_length = head_length + body_length;
                return 1;
            }
        }
        if (buffered >= REQUEST_BUFFER_SIZE - 1) {
            errno = EMSGSIZE;
            fail("request too large");
        }
        ssize_t received = recv(fd, request_buffer + buffered, REQUEST_BUFFER_SIZE - buffered - 1, 0);
        if (received == 0) return 0;
        if (received < 0) fail("recv");
        buffered += (size_t)received;
        request_buffer[buffered] = '\0';
    }
}

static void consume(const struct request *request) {
    memmove(request_buffer, request_buffer + request->total_length, buffered - request->total_length);
    buffered -= request->total_length;
    request_buffer[buffered] = '\0';
}

static void send_event(int fd) {
    char head[1024];
    invocation_counter += 1;
    int length = snprintf(head, sizeof head,
        "HTTP/1.1 200 OK\r\n"
        "Content-Type: application/json\r\n"
        "Lambda-Runtime-Aws-Request-Id: 8476a536-e9f4-11e8-9739-%012llx\r\n"
        "Lambda-Runtime-Deadline-Ms: %llu\r\n"
        "Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:health\r\n"
        "Lambda-Runtime-Trace-Id: %s\r\n"
        "Content-Length: %zu\r\n\r\n",
        (unsigned long long)invocation_counter, (unsigned long long)(now_epoch_ms() + 30000), trace_header, event_length);
    send_all(fd, head, (size_t)length);
    send_all(fd, event, event_length);
}

static void send_accepted(int fd) {
    static const char accepted[] = "HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 16\r\n\r\n{\"status\":\"OK\"}\n";
    send_all(fd, accepted, sizeof accepted - 1);
}

/*
 * Serves one connection until `invocations` responses have been read. With `timings`, records each invocation's
 * round trip (event handed out → response read). Returns the time the last response was read.
 */
static uint64_t serve(int fd, int invocations, uint64_t *timings) {
    uint64_t handed_out = 0;
    uint64_t last = 0;
    int answered = 0;
    struct request request;
    while (answered < invocations) {
        if (!read_request(fd, &request)) {
            fprintf(stderr, "minimal-runtime-api: the runtime closed its connection after %d responses\n", answered);
            exit(2);
        }
        if (request.is_next) {
            consume(&request);
            handed_out = now_ns();
            send_event(fd);
        } else {
            last = now_ns();
            consume(&request);
            send_accepted(fd);
            if (timings != NULL) timings[answered] = last - handed_out;
            answered += 1;
        }
    }
    return last;
}

static pid_t spawn(char **command, int port, int xray_port) {
    pid_t child = fork();
    if (child < 0) fail("fork");
    if (child == 0) {
        char address[64];
        snprintf(address, sizeof address, "127.0.0.1:%d", port);
        setenv("AWS_LAMBDA_RUNTIME_API", address, 1);
        snprintf(address, sizeof address, "127.0.0.1:%d", xray_port);
        setenv("AWS_XRAY_DAEMON_ADDRESS", address, 1);
        const char *function = getenv("BENCH_FUNCTION") ? getenv("BENCH_FUNCTION") : "health";
        setenv("_HANDLER", function, 1);
        setenv("AWS_LAMBDA_FUNCTION_NAME", function, 1);
        setenv("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST", 1);
        setenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128", 1);
        setenv("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/health", 1);
        setenv("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/02/[$LATEST]0123456789abcdef", 1);
        setenv("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand", 1);
        setenv("AWS_REGION", "us-east-1", 1);
        setenv("AWS_DEFAULT_REGION", "us-east-1", 1);
        setenv("AWS_EXECUTION_ENV", "AWS_Lambda_provided.al2023", 1);
        int null_device = open("/dev/null", O_WRONLY);
        if (null_device < 0) _exit(126);
        dup2(null_device, STDOUT_FILENO);
        dup2(null_device, STDERR_FILENO);
        execv(command[0], command);
        _exit(127);
    }
    return child;
}

static long reap(pid_t child) {
    int status;
    struct rusage usage;
    kill(child, SIGKILL);
    if (wait4(child, &status, 0, &usage) < 0) fail("wait4");
    return usage.ru_maxrss * 1024L;
}

static int compare(const void *left, const void *right) {
    uint64_t a = *(const uint64_t *)left, b = *(const uint64_t *)right;
    return (a > b) - (a < b);
}

static double percentile_us(uint64_t *values, int count, double fraction) {
    qsort(values, (size_t)count, sizeof *values, compare);
    int index = (int)(fraction * (count - 1) + 0.5);
    return (double)values[index] / 1000.0;
}

/* Accepts the runtime's connection, giving up when the runtime does not connect within 30 s (it failed to start). */
static int accept_one(int listener) {
    struct pollfd waiting = {.fd = listener, .events = POLLIN};
    if (poll(&waiting, 1, 30000) != 1) {
        fprintf(stderr, "minimal-runtime-api: the runtime did not connect within 30 s\n");
        exit(2);
    }
    int fd = accept(listener, NULL, NULL);
    if (fd < 0) fail("accept");
    int yes = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    buffered = 0;
    return fd;
}

static int bound_socket(int type, int *port) {
    int fd = socket(AF_INET, type, 0);
    if (fd < 0) fail("socket");
    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = 0, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0) fail("bind");
    socklen_t length = sizeof address;
    if (getsockname(fd, (struct sockaddr *)&address, &length) < 0) fail("getsockname");
    *port = ntohs(address.sin_port);
    return fd;
}

static void read_event(const char *path) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) fail(path);
    fseek(file, 0, SEEK_END);
    event_length = (size_t)ftell(file);
    fseek(file, 0, SEEK_SET);
    event = malloc(event_length);
    if (event == NULL || fread(event, 1, event_length, file) != event_length) fail("reading the event");
    fclose(file);
}

int main(int argc, char **argv) {
    int cold = 20, warm = 2000, warmup = 50, index = 1;
    const char *event_path = NULL;
    for (; index < argc && strcmp(argv[index], "--") != 0; index += 2) {
        if (index + 1 >= argc) break;
        if (strcmp(argv[index], "--event") == 0) event_path = argv[index + 1];
        else if (strcmp(argv[index], "--trace") == 0) trace_header = argv[index + 1];
        else if (strcmp(argv[index], "--cold") == 0) cold = atoi(argv[index + 1]);
        else if (strcmp(argv[index], "--warm") == 0) warm = atoi(argv[index + 1]);
        else if (strcmp(argv[index], "--warmup") == 0) warmup = atoi(argv[index + 1]);
        else break;
    }
    if (event_path == NULL || index >= argc - 1 || strcmp(argv[index], "--") != 0 || cold < 1 || warm < 1 || warmup < 0) {
        fprintf(stderr, "usage: %s --event FILE [--trace HEADER] [--cold N] [--warm N] [--warmup N] -- EXECUTABLE [ARGS...]\n", argv[0]);
        return 2;
    }
    char **command = argv + index + 1;
    read_event(event_path);
    signal(SIGPIPE, SIG_IGN);

    int port, xray_port;
    int listener = bound_socket(SOCK_STREAM, &port);
    int xray = bound_socket(SOCK_DGRAM, &xray_port);
    if (listen(listener, 16) < 0) fail("listen");

    long peak = 0;
    uint64_t *cold_timings = calloc((size_t)cold, sizeof *cold_timings);
    for (int run = 0; run < cold; run++) {
        uint64_t spawned = now_ns();
        pid_t child = spawn(command, port, xray_port);
        int fd = accept_one(listener);
        cold_timings[run] = serve(fd, 1, NULL) - spawned;
        close(fd);
        long rss = reap(child);
        if (rss > peak) peak = rss;
    }

    uint64_t *warm_timings = calloc((size_t)warm, sizeof *warm_timings);
    pid_t child = spawn(command, port, xray_port);
    int fd = accept_one(listener);
    if (warmup > 0) serve(fd, warmup, NULL);
    serve(fd, warm, warm_timings);
    close(fd);
    long rss = reap(child);
    if (rss > peak) peak = rss;
    close(xray);

    printf("cold_p50_us=%.1f cold_p99_us=%.1f warm_p50_us=%.1f warm_p99_us=%.1f peak_rss_bytes=%ld\n",
        percentile_us(cold_timings, cold, 0.5), percentile_us(cold_timings, cold, 0.99),
        percentile_us(warm_timings, warm, 0.5), percentile_us(warm_timings, warm, 0.99), peak);
    return 0;
}
