import { deletePath, getPath, setPath } from '../../src/layouts/path';

describe('dotted model paths', () => {
  it('set makes the arrays and objects on the way, get reads them back', () => {
    const obj: Record<string, unknown> = {};
    setPath(obj, 'lineItems.1.amount', 12.5);
    expect(obj).toEqual({ lineItems: [undefined, { amount: 12.5 }] });
    expect(getPath(obj, 'lineItems.1.amount')).toBe(12.5);
    expect(getPath(obj, 'lineItems.0.amount')).toBeUndefined();
  });

  it('delete removes a top-level value, a nested one, and leaves a path that leads nowhere alone', () => {
    const obj: Record<string, unknown> = { staffing: { total: -3, onDuty: 4 }, unit: '司法局', year: 2021 };
    deletePath(obj, 'unit');
    deletePath(obj, 'staffing.total');
    deletePath(obj, 'goals.0.text');
    deletePath(obj, 'year.value');
    expect(obj).toEqual({ staffing: { onDuty: 4 }, year: 2021 });
  });
});
