// Small, typed API answers for unit tests, shaped like the seed plan (会議名 column, a longer table title, a row
// owned by two departments, the same 事業 under two measures).
import type { components } from '@/api/schema';

type Schemas = components['schemas'];

const at = '2025-09-30T00:00:00Z';

export function tokenPair(n: number, user: Partial<Schemas['Me']> = {}): Schemas['TokenPair'] {
  return {
    access_token: `access-${n}`,
    refresh_token: `refresh-${n}`,
    token_type: 'Bearer',
    expires_in: 900,
    refresh_expires_at: '2025-10-14T00:00:00Z',
    user: {
      id: 1,
      login_id: 'editor01',
      display_name: '健康課 担当者',
      role: 'editor',
      department: { id: 1, name: '健康課' },
      must_change_password: false,
      mfa_enabled: false,
      ...user,
    },
  };
}

const kenko = { id: 1, name: '健康課' };
const fukushi = { id: 2, name: '福祉総務課' };
const shogai = { id: 3, name: '障がい者支援課' };

function row(
  id: number,
  measureId: number,
  directionId: number | null,
  name: string,
  departments: Schemas['DepartmentRef'][],
  related: number[] = [],
): Schemas['InitiativeRow'] {
  return {
    id,
    plan_id: 1,
    measure_id: measureId,
    direction_id: directionId,
    group_id: related.length ? 1 : null,
    name,
    content: `${name}の内容`,
    position: id,
    departments,
    related_row_ids: related,
    updated_at: at,
  };
}

function measure(
  id: number,
  kind: Schemas['MeasureKind'],
  number: number,
  title: string,
  extra: Partial<Schemas['Measure']> = {},
): Schemas['Measure'] {
  return {
    id,
    plan_id: 1,
    kind,
    number,
    title,
    table_title: null,
    description: `${title}の説明`,
    item_label: '取組項目',
    created_at: at,
    updated_at: at,
    ...extra,
  };
}

function direction(id: number, measureId: number, number: number, title: string): Schemas['Direction'] {
  return { id, measure_id: measureId, number, title, created_at: at, updated_at: at };
}

export const planTree: Schemas['PlanTree'] = {
  plan: {
    id: 1,
    municipality: 'あきる野市',
    name: '第2次自殺対策推進計画',
    table_title: '施策別事業進行管理表',
    created_at: at,
    updated_at: at,
  },
  measures: [
    {
      measure: measure(1, 'basic', 1, '地域におけるネットワークの強化', { item_label: '会議名' }),
      rows: [],
      directions: [
        {
          direction: direction(1, 1, 1, '自殺対策に関するネットワークを強化する'),
          rows: [row(1, 1, 1, 'あきる野市自殺対策推進協議会', [kenko])],
        },
        {
          direction: direction(2, 1, 2, '特定の分野に対する連携・ネットワークを強化する'),
          rows: [row(2, 1, 2, '障がい者虐待防止ネットワーク会議', [shogai])],
        },
      ],
    },
    {
      measure: measure(2, 'basic', 4, '自殺未遂者への支援の充実', { table_title: '自殺未遂者等への支援の充実' }),
      rows: [],
      directions: [
        {
          direction: direction(3, 2, 1, '自殺未遂者等を適切な支援につなげる'),
          rows: [row(3, 2, 3, '健康相談', [kenko, fukushi], [4])],
        },
      ],
    },
    {
      measure: measure(3, 'priority', 1, '高齢者の自殺対策の推進'),
      rows: [row(4, 3, null, '健康相談', [kenko], [3])],
      directions: [],
    },
  ],
  groups: [{ id: 1, plan_id: 1, name: '健康相談', created_at: at }],
};

/** A report of the co-owned 健康相談 row (基本施策4 ①) in the open period, 下書き and empty, version 1. */
/** A report as GET /reports/{id} answers it to an editor of 健康課: a 下書き they may write and submit. */
export function report(overrides: Partial<Schemas['ReportDetail']> = {}): Schemas['ReportDetail'] {
  return {
    id: 1,
    period_id: 2,
    row: row(3, 2, 3, '健康相談', [kenko, fukushi], [4]),
    state: 'draft',
    progress: '',
    implementation_status: null,
    evaluation: null,
    future_direction: null,
    remarks: '',
    return_comment: null,
    version: 1,
    submitted_at: null,
    submitted_late: false,
    approved_at: null,
    updated_by: null,
    updated_at: '2026-11-30T00:00:00Z',
    previous: {
      period_id: 1,
      period_label: '令和7年度 9月末',
      progress: '相談件数 131件',
      implementation_status: 'in_progress',
      evaluation: 'A',
      future_direction: 'continue',
    },
    allowed_actions: ['save', 'copy_previous', 'no_change', 'submit'],
    read_only_reason: null,
    ...overrides,
  };
}

export function period(overrides: Partial<Schemas['ReportingPeriod']> = {}): Schemas['ReportingPeriod'] {
  return {
    id: 2,
    plan_id: 1,
    fiscal_year: 2025,
    kind: 'full_year',
    as_of: '2026-03-31',
    label: '令和7年度 3月末',
    opens_on: '2026-11-30',
    deadline: '2026-12-14',
    state: 'open',
    created_at: at,
    updated_at: at,
    ...overrides,
  };
}

export const grades: Schemas['EvaluationGrade'][] = [
  { code: 'F', label: '完了' },
  { code: 'S', label: '目標値以上' },
  { code: 'A', label: '目標値どおり' },
  { code: 'B', label: '要改善' },
];
