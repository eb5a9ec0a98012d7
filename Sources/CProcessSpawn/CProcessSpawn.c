// glibc declares posix_spawn_file_actions_addclosefrom_np only for _GNU_SOURCE, which Swift's Glibc module is not
// built with: this file makes it callable.
#define _GNU_SOURCE
#include "CProcessSpawn.h"

#include <errno.h>

int stratus_spawn_file_actions_close_from(posix_spawn_file_actions_t *actions, int lowest) {
#if defined(__GLIBC__) && (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 34))
    return posix_spawn_file_actions_addclosefrom_np(actions, lowest);
#else
    (void)actions;
    (void)lowest;
    return ENOSYS;
#endif
}
