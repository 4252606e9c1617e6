// SQLite's process-wide settings, made before anything can use SQLite (sqlite3_config is
// refused once SQLite is initialised, and is not safe while another thread uses it): this
// runs when the program is loaded, before main and before any thread exists.
#include <sqlite3.h>
#include "CSQLiteSettings.h"

static int applied = 0;

__attribute__((constructor)) static void ccas_sqlite_settings(void) {
    // Memory statistics take a global mutex on every allocation and free; nothing reads them.
    // (Debian's SQLite is built without lookaside, so the intake allocates ~28 times a call.)
    applied = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK
        // A statement that writes many rows where a constraint may abort it (the intake's
        // 32-call INSERT: the call's foreign key) keeps the pages it changes in a statement
        // journal, written to a temporary file past 64 KiB: 1.25 page writes a call. Kept in
        // memory up to 4 MiB (a 32-call statement changes well under 1 MiB).
        && sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 << 20) == SQLITE_OK;
}

int ccas_sqlite_settings_applied(void) { return applied; }
