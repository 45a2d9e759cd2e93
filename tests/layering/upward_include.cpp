// Compiled only by the layering test, which expects this to fail: the store
// layer must not see the command-line shell's headers.
#include "cli/Cli.h"
#include "store/Store.h"
