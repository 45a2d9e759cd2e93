/*
 * e2e_http_service — a tiny HTTP/1.x server for the end-to-end test world.
 *
 * Stands in for "the user's web service" on the origin.  It answers every
 * request with 200 and a plain-text body that tells tests who answered and
 * what arrived:
 *
 *     <NAME>
 *     host: <Host header of the request>
 *     path: <request target>
 *     peer: <client address as seen by this server>
 *
 * The Host header is also echoed as the X-Echo-Host response header.  The
 * peer line lets a test see NAT at work (an edge sees the router's WAN
 * address, not the origin's).
 *
 * Usage: e2e_http_service PORT NAME [BIND_ADDRESS]
 * One forked child per connection, so a slow client never blocks the others.
 * Plain C and POSIX only: a fresh machine needs nothing but a compiler.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

enum { MAX_REQUEST = 16384 };

static int write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t n = write(fd, data, len);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Copies the value of header `name` (case-insensitive) into out, trimmed. */
static void header_value(const char *headers, const char *name, char *out, size_t outlen)
{
    out[0] = '\0';
    size_t namelen = strlen(name);
    const char *line = strstr(headers, "\r\n");
    while (line) {
        line += 2;
        if (strncasecmp(line, name, namelen) == 0 && line[namelen] == ':') {
            const char *v = line + namelen + 1;
            while (*v == ' ' || *v == '\t')
                ++v;
            size_t n = strcspn(v, "\r\n");
            if (n >= outlen)
                n = outlen - 1;
            memcpy(out, v, n);
            out[n] = '\0';
            return;
        }
        line = strstr(line, "\r\n");
    }
}

static void serve(int fd, const char *name, const struct sockaddr_in *peer)
{
    struct timeval tv = { 10, 0 };
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);

    char req[MAX_REQUEST + 1];
    size_t used = 0;
    while (used < MAX_REQUEST) {
        ssize_t n = read(fd, req + used, MAX_REQUEST - used);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return;
        used += (size_t)n;
        req[used] = '\0';
        if (strstr(req, "\r\n\r\n"))
            break;
    }
    req[used] = '\0';

    char method[16] = "", target[1024] = "";
    if (sscanf(req, "%15s %1023s", method, target) != 2) {
        static const char bad[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        write_all(fd, bad, sizeof bad - 1);
        return;
    }
    char host[512];
    header_value(req, "Host", host, sizeof host);
    char addr[INET_ADDRSTRLEN] = "?";
    inet_ntop(AF_INET, &peer->sin_addr, addr, sizeof addr);

    char body[4096];
    int blen = snprintf(body, sizeof body, "%s\nhost: %s\npath: %s\npeer: %s\n", name, host, target, addr);
    if (blen < 0 || (size_t)blen >= sizeof body)
        blen = (int)strlen(body);
    char head[1024];
    int hlen = snprintf(head, sizeof head,
                        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                        "X-Echo-Host: %s\r\nConnection: close\r\n\r\n",
                        blen, host);
    if (hlen < 0 || (size_t)hlen >= sizeof head)
        return;
    write_all(fd, head, (size_t)hlen);
    if (strcmp(method, "HEAD") != 0)
        write_all(fd, body, (size_t)blen);
    shutdown(fd, SHUT_WR);
}

int main(int argc, char **argv)
{
    if (argc < 3 || argc > 4) {
        fprintf(stderr, "usage: %s PORT NAME [BIND_ADDRESS]\n", argv[0]);
        return 2;
    }
    char *end = NULL;
    long port = strtol(argv[1], &end, 10);
    if (!end || *end || port < 1 || port > 65535) {
        fprintf(stderr, "e2e_http_service: bad port '%s'\n", argv[1]);
        return 2;
    }
    const char *name = argv[2];

    /* Children are reaped by the kernel; SIGPIPE must not kill a handler. */
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = SIG_IGN;
    sa.sa_flags = SA_NOCLDWAIT;
    sigaction(SIGCHLD, &sa, NULL);
    signal(SIGPIPE, SIG_IGN);

    int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0) {
        perror("e2e_http_service: socket");
        return 1;
    }
    int one = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    struct sockaddr_in sin;
    memset(&sin, 0, sizeof sin);
    sin.sin_family = AF_INET;
    sin.sin_port = htons((unsigned short)port);
    sin.sin_addr.s_addr = htonl(INADDR_ANY);
    if (argc == 4 && inet_pton(AF_INET, argv[3], &sin.sin_addr) != 1) {
        fprintf(stderr, "e2e_http_service: bad address '%s'\n", argv[3]);
        return 2;
    }
    if (bind(s, (struct sockaddr *)&sin, sizeof sin) < 0 || listen(s, 64) < 0) {
        fprintf(stderr, "e2e_http_service: cannot listen on port %ld: %s\n", port, strerror(errno));
        return 1;
    }

    for (;;) {
        struct sockaddr_in peer;
        socklen_t plen = sizeof peer;
        int c = accept4(s, (struct sockaddr *)&peer, &plen, SOCK_CLOEXEC);
        if (c < 0) {
            if (errno == EINTR || errno == ECONNABORTED)
                continue;
            perror("e2e_http_service: accept");
            return 1;
        }
        pid_t pid = fork();
        if (pid == 0) {
            close(s);
            serve(c, name, &peer);
            close(c);
            _exit(0);
        }
        close(c);
    }
}
