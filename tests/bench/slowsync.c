// SPDX-License-Identifier: GPL-3.0-or-later
// A slow disk for bench_server (docs/PERFORMANCE.md, "Row-level security and the notify lock"):
// loaded into a PostgreSQL server with LD_PRELOAD, every fsync() and fdatasync() of its
// processes first sleeps SLOWSYNC_US microseconds (default 3500), as a disk whose flush is slow.
//
//   gcc -O2 -shared -fPIC tests/bench/slowsync.c -o /tmp/slowsync.so -ldl
//   SLOWSYNC_US=1700 LD_PRELOAD=/tmp/slowsync.so tests/server/pg_server.sh resume DIR
//
// Not built by CMake: it is a measuring aid, never part of Concord.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <unistd.h>

static void pause_like_a_slow_disk(void)
{
    const char *us = getenv("SLOWSYNC_US");
    usleep(us ? (useconds_t)atoi(us) : 3500);
}

int fdatasync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    pause_like_a_slow_disk();
    return real(fd);
}

int fsync(int fd)
{
    static int (*real)(int);
    if (!real)
        real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    pause_like_a_slow_disk();
    return real(fd);
}
