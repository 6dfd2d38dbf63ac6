#ifndef CKEYWARD_SQLITE_SHIM_H
#define CKEYWARD_SQLITE_SHIM_H

#include <sqlite3.h>

// Swift cannot import function-like macros (SQLITE_TRANSIENT is a cast of -1 to a function
// pointer) or call C variadic functions (sqlite3_db_config). These helpers wrap both.

/// Binds UTF-8 text that SQLite copies before returning, so Swift may free the buffer at once.
static inline int keyward_sqlite3_bind_text_transient(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}

/// Binds a blob that SQLite copies before returning.
static inline int keyward_sqlite3_bind_blob_transient(sqlite3_stmt *statement, int index, const void *bytes, int length) {
    return sqlite3_bind_blob(statement, index, bytes, length, SQLITE_TRANSIENT);
}

/// Sets an on/off database configuration option (SQLITE_DBCONFIG_DEFENSIVE, ..._DQS_DML, ...).
static inline int keyward_sqlite3_db_config_flag(sqlite3 *db, int option, int enabled) {
    return sqlite3_db_config(db, option, enabled, (int *)0);
}

// Extended result codes are macros built from expressions, which Swift does not import.
static const int keyward_sqlite_constraint_unique = SQLITE_CONSTRAINT_UNIQUE;
static const int keyward_sqlite_constraint_primarykey = SQLITE_CONSTRAINT_PRIMARYKEY;
static const int keyward_sqlite_constraint_foreignkey = SQLITE_CONSTRAINT_FOREIGNKEY;
static const int keyward_sqlite_constraint_trigger = SQLITE_CONSTRAINT_TRIGGER;

#endif
