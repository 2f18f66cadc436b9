-- The plan and its structure: measures (基本施策/重点施策), directions (①②③), initiative rows and
-- the departments (担当課) that own them. Constraints make malformed structure impossible, so the API
-- and the importer can rely on the database rather than re-checking everything in code.

CREATE TYPE measure_kind AS ENUM ('basic', 'priority');

CREATE TABLE departments (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name        TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 100),
    active      BOOLEAN NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT departments_name_key UNIQUE (name)
);

CREATE TABLE plans (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality  TEXT NOT NULL CHECK (btrim(municipality) <> '' AND length(municipality) <= 100),
    name          TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
    -- The heading of the compiled table, e.g. 施策別事業進行管理表.
    table_title   TEXT NOT NULL DEFAULT '施策別事業進行管理表' CHECK (btrim(table_title) <> '' AND length(table_title) <= 200),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT plans_municipality_name_key UNIQUE (municipality, name)
);

CREATE TABLE measures (
    id           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id      BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    kind         measure_kind NOT NULL,
    number       INTEGER NOT NULL CHECK (number BETWEEN 1 AND 99),
    title        TEXT NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
    -- Some measures carry a longer title inside the table than in their heading
    -- (基本施策4: 自殺未遂者への支援の充実 / 自殺未遂者等への支援の充実).
    table_title  TEXT CHECK (table_title IS NULL OR (btrim(table_title) <> '' AND length(table_title) <= 200)),
    description  TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 5000),
    -- Header of the first column: 取組項目 in most tables, 会議名 where the rows are councils.
    item_label   TEXT NOT NULL DEFAULT '取組項目' CHECK (btrim(item_label) <> '' AND length(item_label) <= 50),
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT measures_plan_kind_number_key UNIQUE (plan_id, kind, number),
    -- Lets directions and rows prove that their measure belongs to the same plan.
    CONSTRAINT measures_id_plan_key UNIQUE (id, plan_id)
);

CREATE TABLE directions (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    measure_id  BIGINT NOT NULL REFERENCES measures (id) ON DELETE CASCADE,
    number      INTEGER NOT NULL CHECK (number BETWEEN 1 AND 50),
    title       TEXT NOT NULL CHECK (btrim(title) <> '' AND length(title) <= 200),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT directions_measure_number_key UNIQUE (measure_id, number),
    CONSTRAINT directions_id_measure_key UNIQUE (id, measure_id)
);

-- Rows that are the same 事業 under different measures (健康相談 ×3) share a group, so the API and
-- the UI can show them as related while each row keeps its own content and report.
CREATE TABLE initiative_groups (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id     BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT initiative_groups_plan_name_key UNIQUE (plan_id, name),
    CONSTRAINT initiative_groups_id_plan_key UNIQUE (id, plan_id)
);

CREATE TABLE initiatives (
    id            BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    plan_id       BIGINT NOT NULL,
    measure_id    BIGINT NOT NULL,
    -- NULL for rows directly under a measure (重点施策 have no directions).
    direction_id  BIGINT,
    group_id      BIGINT,
    name          TEXT NOT NULL CHECK (btrim(name) <> '' AND length(name) <= 200),
    content       TEXT NOT NULL DEFAULT '' CHECK (length(content) <= 5000),
    -- Order within the measure, in table order (directions interleave by their own number).
    position      INTEGER NOT NULL CHECK (position >= 0),
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- RESTRICT: deleting a measure or direction never takes rows (and their reports) with it;
    -- the rows must be moved or deleted first, on purpose.
    CONSTRAINT initiatives_measure_fkey FOREIGN KEY (measure_id, plan_id)
        REFERENCES measures (id, plan_id) ON DELETE RESTRICT,
    -- A row's direction must belong to the row's own measure.
    CONSTRAINT initiatives_direction_fkey FOREIGN KEY (direction_id, measure_id)
        REFERENCES directions (id, measure_id) ON DELETE RESTRICT,
    CONSTRAINT initiatives_group_fkey FOREIGN KEY (group_id, plan_id)
        REFERENCES initiative_groups (id, plan_id) ON DELETE SET NULL (group_id),
    CONSTRAINT initiatives_measure_position_key UNIQUE (measure_id, position) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX initiatives_plan_idx ON initiatives (plan_id);
CREATE INDEX initiatives_direction_idx ON initiatives (direction_id);
CREATE INDEX initiatives_group_idx ON initiatives (group_id);

CREATE TABLE initiative_departments (
    initiative_id  BIGINT NOT NULL REFERENCES initiatives (id) ON DELETE CASCADE,
    department_id  BIGINT NOT NULL REFERENCES departments (id) ON DELETE RESTRICT,
    -- Display order: the table shows 健康課／福祉総務課 in the order the plan lists them.
    position       INTEGER NOT NULL CHECK (position >= 0),
    PRIMARY KEY (initiative_id, department_id),
    CONSTRAINT initiative_departments_position_key UNIQUE (initiative_id, position) DEFERRABLE INITIALLY IMMEDIATE
);
CREATE INDEX initiative_departments_department_idx ON initiative_departments (department_id);

-- Every row has at least one owning department. Checked at commit, so a transaction may insert the
-- row first and its departments next, or replace a row's departments, as long as it ends consistent.
CREATE FUNCTION check_initiative_has_department() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    row_id BIGINT;
BEGIN
    IF TG_TABLE_NAME = 'initiatives' THEN
        row_id := NEW.id;
    ELSE
        row_id := OLD.initiative_id;
    END IF;
    IF EXISTS (SELECT 1 FROM initiatives WHERE id = row_id)
       AND NOT EXISTS (SELECT 1 FROM initiative_departments WHERE initiative_id = row_id) THEN
        RAISE EXCEPTION 'initiative % has no department', row_id
            USING ERRCODE = '23514', CONSTRAINT = 'initiatives_department_required';
    END IF;
    RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER initiatives_department_required
    AFTER INSERT ON initiatives
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_initiative_has_department();

CREATE CONSTRAINT TRIGGER initiative_departments_department_required
    AFTER DELETE OR UPDATE ON initiative_departments
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION check_initiative_has_department();
