#ifndef CSQLITESETTINGS_H
#define CSQLITESETTINGS_H

/// Whether SQLite's process-wide settings below took effect (they must come before SQLite's
/// first use, so they are made when the program is loaded).
int ccas_sqlite_settings_applied(void);

#endif
