import { fundShares } from '../../src/rules/shares';
import { run, rugao, xinzhou } from './helpers';

describe('占比', () => {
  it('passes xinzhou: 95.65 / 4.35 / 72.54 / 27.46 and the two 100%', () => {
    expect(run(fundShares, xinzhou())).toEqual([]);
  });
  it('does nothing without a share column', () => {
    expect(run(fundShares, rugao())).toEqual([]);
  });
  it('flags a share that its amount does not give', () => {
    const d = xinzhou((x) => {
      if (x.fundShares) x.fundShares.basicTotal = 72.45;
    });
    const [f] = run(fundShares, d);
    expect(f).toMatchObject({
      code: 'SHARE_MISMATCH',
      path: 'fundShares.basicTotal',
      related: ['funds.basicTotal', 'funds.expenseTotal'],
      expected: 72.54,
      actual: 72.45,
      difference: -0.09,
      suggestedValue: '72.54%',
    });
  });
  it('accepts a hundredth of rounding, not more', () => {
    const near = xinzhou((x) => {
      if (x.fundShares) x.fundShares.fiscal = 95.66;
    });
    expect(run(fundShares, near)).toEqual([]);
    const off = xinzhou((x) => {
      if (x.fundShares) x.fundShares.fiscal = 95.62;
    });
    expect(run(fundShares, off)).toHaveLength(1);
  });
  it('expects 100% for the totals', () => {
    const [f] = run(
      fundShares,
      xinzhou((x) => {
        if (x.fundShares) x.fundShares.incomeTotal = 99;
      }),
    );
    expect(f).toMatchObject({ path: 'fundShares.incomeTotal', expected: 100, actual: 99, difference: -1 });
  });
});
