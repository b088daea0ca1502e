import { Finding } from '../../src/model';
import { CATALOG, hydrate, validate } from '../../src/rules';
import { jiangyin1, laoting1, rugao, xinzhou } from './helpers';

describe('validate', () => {
  it('returns valid findings, errors first, then warnings, in rule order otherwise', () => {
    const d = jiangyin1((x) => {
      x.lineItems[5].amount = 122; // TOTAL_MISMATCH (error)
      x.startDate = '2021-01-01'; // DATE_ORDER (error) and DATE_OUTSIDE_YEAR (warning)
      x.indicators[0].target = { text: '' }; // TARGET_MISSING (error)
      x.indicators[2].target = { text: '16' }; // TARGET_UNIT_MISSING (warning)
    });
    const findings = validate(d);
    for (const f of findings) expect(Finding.parse(f)).toEqual(f);
    expect(findings.map((f) => [f.severity, f.code])).toEqual([
      ['error', 'DATE_ORDER'],
      ['error', 'TOTAL_MISMATCH'],
      ['error', 'TARGET_MISSING'],
      ['warning', 'DATE_OUTSIDE_YEAR'],
      ['warning', 'TARGET_UNIT_MISSING'],
    ]);
  });

  it('places findings on the sheet through the source map, parts included', () => {
    const d = jiangyin1((x) => {
      x.lineItems[5].amount = 122;
    });
    const sourceMap = {
      totalAmount: { sheet: '项目申报', cell: 'B9' },
      lineItems: { sheet: '项目申报', cell: 'A60' },
      'lineItems.0.amount': { sheet: '项目申报', cell: 'B61' },
      'lineItems.5.amount': { sheet: '项目申报', cell: 'B66' },
    };
    const [f] = validate(d, { sourceMap });
    // On the line items (the total agrees with the funding), marking the total as well as every item.
    expect(f).toMatchObject({ code: 'TOTAL_MISMATCH', section: 'lineItems', sheet: '项目申报', cell: 'B61' });
    expect(f.cells).toEqual(expect.arrayContaining(['B9', 'B66', 'A60']));
    expect(f.message.zh).toBe(
      '“项目总金额(万元)”为 148 万元，但项目概算各明细之和为 150 万元，相差 -2 万元。',
    );
    expect(f.message.en).toContain('the line items');
  });

  it('uses the profile asked for over the one the declaration names', () => {
    expect(validate(laoting1()).map((f) => f.code)).toEqual([
      'TARGET_NOT_QUANTITATIVE',
      'TARGET_VAGUE',
      'BENEFIT_NOT_QUANTIFIED',
      'INDICATOR_BOILERPLATE',
      'INDICATOR_BOILERPLATE',
    ]);
    expect(validate(laoting1(), { profile: 'national2021' }).map((f) => f.code)).toContain(
      'INDICATOR_LEVEL2_MISMATCH',
    );
  });

  it('re-reads every target from its text, whatever reading came with the model', () => {
    const d = xinzhou((x) => {
      x.goals[1].indicators[0].target = { text: '1-2个', reading: { kind: 'qualitative', text: '1-2个' } };
    });
    expect(validate(d).map((f) => [f.code, f.path])).toEqual([
      ['TARGET_RANGE', 'goals.1.indicators.0.target'],
    ]);
  });

  it('hydrates without touching its input', () => {
    const d = rugao();
    const h = hydrate(d);
    expect(d.indicators[14].target.reading).toBeUndefined();
    expect(h.indicators[14].target.reading).toMatchObject({ kind: 'quantitative', normalized: '≥0.1%' });
    const x = hydrate(xinzhou());
    expect(x.kind === 'department' && x.goals[1].indicators[0].target.reading?.kind).toBe('range');
  });

  it('only emits catalogued codes', () => {
    const d = rugao((x) => {
      x.staffing.total = 1;
      x.funds.wages = 1;
    });
    for (const f of validate(d)) expect(Object.keys(CATALOG)).toContain(f.code);
  });
});
