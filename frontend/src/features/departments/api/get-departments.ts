import { queryOptions, useQuery } from '@tanstack/react-query';
import type { components } from '@/api/schema';
import { api, unwrap } from '@/lib/api-client';
import { apiQueryKey } from '@/lib/query-keys';

type Department = components['schemas']['Department'];

const PER_PAGE = 100; // the API's maximum

// A city has a few dozen departments: the screens need all of them (lists, choices), so read every page.
async function fetchAllDepartments(): Promise<Department[]> {
  const all: Department[] = [];
  for (let page = 1; ; page++) {
    const result = await unwrap(api.GET('/api/v1/departments', { params: { query: { page, per_page: PER_PAGE } } }));
    all.push(...result.items);
    if (all.length >= result.total || result.items.length === 0) return all;
  }
}

/** GET /api/v1/departments, every page, active and retired ones, in the API's order. */
export function departmentsQueryOptions() {
  return queryOptions({ queryKey: apiQueryKey('/api/v1/departments'), queryFn: fetchAllDepartments });
}

export function useDepartments() {
  return useQuery(departmentsQueryOptions());
}
