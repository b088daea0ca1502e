import type { DeclarationKind } from '../model';
import { departmentLayout } from './department';
import { projectLayout } from './project';
import { specialFundLayout } from './specialFund';
import type { Layout } from './types';

export const LAYOUTS: Record<DeclarationKind, Layout> = {
  department: departmentLayout,
  project: projectLayout,
  specialFund: specialFundLayout,
};

export function layoutById(id: string): Layout | undefined {
  return Object.values(LAYOUTS).find((l) => l.id === id);
}
