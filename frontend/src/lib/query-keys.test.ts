import { QueryClient, partialMatchKey } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { apiQueryKey } from './query-keys';

describe('apiQueryKey', () => {
  it('names the method, the path and the parameters', () => {
    expect(apiQueryKey('/api/v1/plans')).toEqual(['get', '/api/v1/plans']);
    expect(apiQueryKey('/api/v1/periods/{id}/table', { path: { id: 3 }, query: { department_id: 2 } })).toEqual([
      'get',
      '/api/v1/periods/{id}/table',
      { path: { id: 3 }, query: { department_id: 2 } },
    ]);
  });

  it('takes only GET paths of the schema, with their own parameters', () => {
    // @ts-expect-error not a path of the API
    apiQueryKey('/api/v1/nothing');
    // @ts-expect-error the API answers this path to POST only
    apiQueryKey('/api/v1/notifications/read-all');
    // @ts-expect-error the table's path parameter is `id`
    apiQueryKey('/api/v1/periods/{id}/table', { path: { plan_id: 1 } });
    // @ts-expect-error `id` is a number
    apiQueryKey('/api/v1/periods/{id}', { path: { id: '1' } });
  });

  it('is a prefix of the keys with more parameters, and of no other operation’s keys', () => {
    const table = (id: number, query = {}) => apiQueryKey('/api/v1/periods/{id}/table', { path: { id }, query });
    const everyTable = apiQueryKey('/api/v1/periods/{id}/table');
    const tableOfPeriod3 = apiQueryKey('/api/v1/periods/{id}/table', { path: { id: 3 } });

    expect(partialMatchKey(table(3, { department_id: 2 }), everyTable)).toBe(true);
    expect(partialMatchKey(table(3, { department_id: 2 }), tableOfPeriod3)).toBe(true);
    expect(partialMatchKey(table(4), tableOfPeriod3)).toBe(false);
    expect(partialMatchKey(apiQueryKey('/api/v1/periods/{id}/dashboard', { path: { id: 3 } }), everyTable)).toBe(false);
  });

  it('invalidates in a QueryClient exactly the queries under the prefix', async () => {
    const client = new QueryClient();
    const keys = {
      table3: apiQueryKey('/api/v1/periods/{id}/table', { path: { id: 3 }, query: { state: 'approved' } }),
      table4: apiQueryKey('/api/v1/periods/{id}/table', { path: { id: 4 }, query: {} }),
      versions3: apiQueryKey('/api/v1/reports/{id}/versions', { path: { id: 3 } }),
      diff3: apiQueryKey('/api/v1/reports/{id}/diff', { path: { id: 3 }, query: { from: 1, to: 2 } }),
      diff4: apiQueryKey('/api/v1/reports/{id}/diff', { path: { id: 4 }, query: { from: 1, to: 2 } }),
    };
    for (const key of Object.values(keys)) client.setQueryData(key, 'cached');
    const stale = () =>
      Object.entries(keys)
        .filter(([, key]) => client.getQueryState(key)?.isInvalidated)
        .map(([name]) => name);

    await client.invalidateQueries({ queryKey: apiQueryKey('/api/v1/periods/{id}/table') });
    expect(stale()).toEqual(['table3', 'table4']);
    await client.invalidateQueries({ queryKey: apiQueryKey('/api/v1/reports/{id}/diff', { path: { id: 3 } }) });
    expect(stale()).toEqual(['table3', 'table4', 'diff3']);
  });
});
