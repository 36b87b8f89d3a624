-- The floor `benches/compare.sh` measures zhenggai against: the sqlite3 shell doing the same
-- join as `list --overdue --json` on 2019-12-26 (genledger's day), the filter in SQL.
.mode json
SELECT t.seq, t.uuid, p.code AS problem, u.name AS unit,
       (SELECT group_concat(su.name, '、') FROM task_support s JOIN unit su ON su.id = s.unit_id WHERE s.task_id = t.id) AS support_units,
       t.measure, t.person, t.deadline, t.status, t.closed_at, t.closed_by, t.close_note,
       t.close_evidence, t.reopen_reason, t.version, lp.date AS last_date, lp.text AS last_text
FROM task t
JOIN problem p ON p.id = t.problem_id
JOIN unit u ON u.id = t.unit_id
LEFT JOIN progress lp ON lp.id =
    (SELECT id FROM progress WHERE task_id = t.id AND date = t.last_progress_date
     ORDER BY id DESC LIMIT 1)
WHERE t.status IN ('not_started', 'in_progress') AND t.deadline < '2019-12-26'
ORDER BY p.inspection_id, p.sort_order, p.id, t.seq;
