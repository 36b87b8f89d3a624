-- The floor `benches/compare.sh` measures zhenggai against: the sqlite3 shell doing the same
-- tables as `export --format json`: every record of the five kinds, as JSON.
.mode json
SELECT * FROM inspection;
SELECT * FROM unit;
SELECT p.*, i.uuid AS inspection FROM problem p JOIN inspection i ON i.id = p.inspection_id ORDER BY p.inspection_id, p.sort_order, p.id;
SELECT t.*, p.uuid AS problem_uuid, u.uuid AS unit_uuid FROM task t JOIN problem p ON p.id = t.problem_id JOIN unit u ON u.id = t.unit_id ORDER BY p.inspection_id, p.sort_order, p.id, t.seq;
SELECT pr.*, t.uuid AS task_uuid FROM progress pr JOIN task t ON t.id = pr.task_id ORDER BY pr.task_id, pr.date, pr.id;
