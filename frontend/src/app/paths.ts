// The app's addresses, in one place so links and routes cannot drift apart.
export const paths = {
  login: '/login',
  home: '/',
  table: '/table',
  planEdit: '/admin/plan',
  departments: '/admin/departments',
  users: '/admin/users',
} as const;
