-- Reference (the issue's "PostgreSQL builds the JSON document" figure): the compiled table of
-- period :period as ONE statement that returns the whole document, built by PostgreSQL: plan,
-- period, measures in table order, each with its sections (rows directly under the measure, then
-- each direction ①②③) and their rows with departments, related rows and the period's report.
-- Not what the server runs (see table.sql); a second ceiling to compare with.
SELECT json_build_object(
  'plan_id', pl.id, 'plan_name', pl.name, 'municipality', pl.municipality, 'title', pl.table_title,
  'period', json_build_object('id', p.id, 'label', p.label, 'as_of', p.as_of, 'state', p.state),
  'measures', (
    SELECT json_agg(json_build_object(
      'id', m.id, 'kind', m.kind, 'number', m.number, 'heading', m.title,
      'table_title', coalesce(m.table_title, m.title), 'description', m.description, 'item_label', m.item_label,
      'sections', (
        SELECT json_agg(json_build_object(
          'direction', CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'number', d.number, 'title', d.title) END,
          'rows', (
            SELECT coalesce(json_agg(json_build_object(
              'row_id', i.id, 'report_id', r.id, 'name', i.name,
              'departments', (SELECT json_agg(dep.name ORDER BY l.position) FROM initiative_departments l
                              JOIN departments dep ON dep.id = l.department_id WHERE l.initiative_id = i.id),
              'content', i.content, 'progress', coalesce(r.progress, ''),
              'implementation_status', r.implementation_status, 'evaluation', r.evaluation,
              'future_direction', r.future_direction, 'remarks', coalesce(r.remarks, ''), 'state', r.state,
              'related_row_ids', (SELECT coalesce(json_agg(o.id ORDER BY o.id), '[]') FROM initiatives o
                                  WHERE o.group_id = i.group_id AND o.id <> i.id)
            ) ORDER BY i.position), '[]')
            FROM initiatives i
            LEFT JOIN reports r ON r.initiative_id = i.id AND r.period_id = p.id
            WHERE i.measure_id = m.id AND i.direction_id IS NOT DISTINCT FROM d.id)
        ) ORDER BY d.number NULLS FIRST)
        FROM (SELECT NULL::BIGINT AS id, NULL::INTEGER AS number, NULL::TEXT AS title
              UNION ALL SELECT id, number, title FROM directions WHERE measure_id = m.id) AS d)
    ) ORDER BY m.kind, m.number)
    FROM measures m WHERE m.plan_id = pl.id)
)
FROM reporting_periods p JOIN plans pl ON pl.id = p.plan_id
WHERE p.id = :period;
