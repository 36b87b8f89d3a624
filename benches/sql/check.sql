-- The floor `benches/compare.sh` measures zhenggai against: the sqlite3 shell doing the same
-- file's own checks, as `check` asks for them before its own.
PRAGMA integrity_check;
PRAGMA foreign_key_check;
