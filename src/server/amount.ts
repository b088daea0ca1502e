import type { Declaration } from '../model';

/** The money a declaration asks for, as the desk's table and the export show it (万元). */
export function amountOf(d: Declaration): number | null {
  switch (d.kind) {
    case 'project':
      return d.totalAmount ?? d.yearAmount;
    case 'specialFund':
      return d.funding.total;
    case 'department':
      return d.funds.expenseTotal ?? d.funds.incomeTotal;
  }
}
