import { createContext, useContext } from 'react';
import type { components } from '@/api/schema';
import type { PlanTree } from '../../utils/plan-tree';

export type ReportingPeriod = components['schemas']['ReportingPeriod'];
/** A department as the editor offers it: retired ones only where a row still has them. */
export type DepartmentOption = { id: number; name: string; active: boolean };

export type PlanEditorContextValue = {
  tree: PlanTree;
  periods: ReportingPeriod[];
  departments: DepartmentOption[];
  /** Says what was done, in the screen's status region. */
  notify: (message: string) => void;
  /** Moves the focus to the element with this id as soon as it is on the page (after the next render). */
  focusLater: (elementId: string) => void;
  isMeasureOpen: (measureId: number) => boolean;
  setMeasureOpen: (measureId: number, open: boolean) => void;
};

export const PlanEditorContext = createContext<PlanEditorContextValue | null>(null);

export function usePlanEditor(): PlanEditorContextValue {
  const value = useContext(PlanEditorContext);
  if (!value) throw new Error('usePlanEditor outside PlanEditor');
  return value;
}

/** Element ids the editor moves the focus to. */
export const focusIds = {
  measure: (id: number) => `plan-measure-${id}`,
  direction: (id: number) => `plan-direction-${id}`,
  row: (id: number) => `plan-row-${id}`,
  retireSelect: (key: string) => `plan-retire-${key}`,
};
