-- A city runs several plans at once, and each plan's structure changes over its years.

-- 計画期間 (as 年度 from–to, e.g. 令和6〜10年度 = 2024–2028) and archiving: an archived plan is kept whole
-- (its periods, tables and editions) but no longer offered for work.
ALTER TABLE plans
    ADD COLUMN first_fiscal_year INT CHECK (first_fiscal_year BETWEEN 2019 AND 2100),
    ADD COLUMN last_fiscal_year INT CHECK (last_fiscal_year BETWEEN 2019 AND 2100),
    ADD COLUMN archived_at TIMESTAMPTZ,
    ADD CONSTRAINT plans_fiscal_years_in_order CHECK (last_fiscal_year >= first_fiscal_year);

-- 廃止: a measure, direction or row takes no part in periods whose as-of date is on or after
-- `retired_from`. Earlier periods keep their reports, tables and editions; nothing is deleted.
ALTER TABLE measures ADD COLUMN retired_from DATE;
ALTER TABLE directions ADD COLUMN retired_from DATE;
ALTER TABLE initiatives ADD COLUMN retired_from DATE;

-- The plan each user works on, remembered across sessions and devices. A preference, not a change
-- to the city's data, so it has no audit trigger.
CREATE TABLE user_plan_choices (
    user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    chosen_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- An API token may be limited to one plan; other plans' data answer 404 to it.
ALTER TABLE api_tokens ADD COLUMN plan_id BIGINT REFERENCES plans (id) ON DELETE CASCADE;
