ALTER TABLE api_tokens DROP COLUMN plan_id;
DROP TABLE user_plan_choices;
ALTER TABLE initiatives DROP COLUMN retired_from;
ALTER TABLE directions DROP COLUMN retired_from;
ALTER TABLE measures DROP COLUMN retired_from;
ALTER TABLE plans
    DROP CONSTRAINT plans_fiscal_years_in_order,
    DROP COLUMN archived_at,
    DROP COLUMN last_fiscal_year,
    DROP COLUMN first_fiscal_year;
