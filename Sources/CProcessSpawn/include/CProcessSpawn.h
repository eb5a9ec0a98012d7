#ifndef STRATUS_C_PROCESS_SPAWN_H
#define STRATUS_C_PROCESS_SPAWN_H

#include <spawn.h>

/// Adds to `actions` the closing of every descriptor from `lowest` up, so that a spawned process inherits only the
/// descriptors its file actions set up, whatever the parent forgot to mark close-on-exec. Returns 0, or `ENOSYS`
/// where the C library has no such action (glibc before 2.34, other systems).
int stratus_spawn_file_actions_close_from(posix_spawn_file_actions_t *actions, int lowest);

#endif
