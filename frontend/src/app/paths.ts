// The app's addresses, in one place so links and routes cannot drift apart.
export const paths = {
  login: '/login',
  home: '/',
  table: '/table',
  report: '/reports/:id',
  row: '/rows/:id',
  notifications: '/notifications',
  search: '/search',
  account: '/account',
  dashboard: '/admin/dashboard',
  review: '/admin/review',
  periods: '/admin/periods',
  imports: '/admin/import',
  apiTokens: '/admin/api-tokens',
  audit: '/admin/audit',
  publicEditions: '/public/editions',
  publicEdition: '/public/editions/:id',
  planEdit: '/admin/plan',
  plans: '/admin/plans',
  departments: '/admin/departments',
  users: '/admin/users',
} as const;

/** `/reports/12` */
export const reportPath = (id: number) => `/reports/${id}`;

/** `/rows/7`: a row's reports of every period side by side. */
export const rowPath = (id: number) => `/rows/${id}`;

/** `/public/editions/3`: a published edition, readable without signing in. */
export const editionPath = (id: number) => `/public/editions/${id}`;
