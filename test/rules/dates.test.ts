import { filedOnDate, fundPeriod, parseDate, projectDates } from '../../src/rules/dates';
import { jiangyin1, nanyue, run, rugao } from './helpers';

describe('parseDate', () => {
  it.each(['2020-01-01', '2020/1/1', '2020.1.1', '2020年1月1日', '2020-01-01T00:00:00.000Z'])(
    'reads %s',
    (t) => {
      expect(parseDate(t)).toEqual({ y: 2020, m: 1, d: 1 });
    },
  );
  it.each(['2021-13-01', '2021-02-30', '明年', '2021'])('refuses %s', (t) => {
    expect(parseDate(t)).toBeNull();
  });
});

describe('project dates', () => {
  it('passes jiangyin (2020-01-01 to 2020-12-31 in 2020)', () => {
    expect(run(projectDates, jiangyin1())).toEqual([]);
  });
  it('flags an unreadable date', () => {
    const [d] = run(
      projectDates,
      jiangyin1((x) => {
        x.startDate = '2020-13-01';
      }),
    );
    expect(d).toMatchObject({ code: 'DATE_INVALID', path: 'startDate' });
    expect(d.params).toMatchObject({ field: '计划开始日期', value: '2020-13-01' });
  });
  it('flags a start after the end', () => {
    const [d] = run(
      projectDates,
      jiangyin1((x) => {
        x.startDate = '2020年12月31日';
        x.endDate = '2020/1/1';
      }),
    );
    expect(d).toMatchObject({ code: 'DATE_ORDER', path: 'startDate', related: ['endDate'] });
    expect(d.params).toEqual({ start: '2020-12-31', end: '2020-01-01' });
  });
  it('warns about a date outside the declared year', () => {
    const drafts = run(
      projectDates,
      jiangyin1((x) => {
        x.startDate = '2021-01-01';
        x.endDate = '2021-12-31';
      }),
    );
    expect(drafts.map((d) => [d.code, d.path])).toEqual([
      ['DATE_OUTSIDE_YEAR', 'startDate'],
      ['DATE_OUTSIDE_YEAR', 'endDate'],
    ]);
  });
  it('accepts a project spanning years, unless its whole period misses the year', () => {
    const spanning = jiangyin1((x) => {
      x.startDate = '2019-07-01';
      x.endDate = '2020-06-30';
    });
    expect(run(projectDates, spanning)).toEqual([]);
    const past = jiangyin1((x) => {
      x.startDate = '2018-07-01';
      x.endDate = '2019-06-30';
    });
    expect(run(projectDates, past).map((d) => d.code)).toEqual(['DATE_OUTSIDE_YEAR', 'DATE_OUTSIDE_YEAR']);
  });
});

describe('填报日期 and 专项起止时间', () => {
  it("reads rugao's 2021.3.28", () => {
    expect(run(filedOnDate, rugao())).toEqual([]);
    const bad = rugao((x) => {
      x.filedOn = '2021.3.32';
    });
    expect(run(filedOnDate, bad)[0]).toMatchObject({ code: 'DATE_INVALID', path: 'filedOn' });
  });
  it("accepts nanyue's 2021年1-12月 in 2021, and flags another year", () => {
    expect(run(fundPeriod, nanyue())).toEqual([]);
    const other = nanyue(10, '≤10万元', (x) => {
      x.period = '2020年1-12月';
    });
    expect(run(fundPeriod, other)[0]).toMatchObject({ code: 'DATE_OUTSIDE_YEAR', path: 'period' });
    const multi = nanyue(10, '≤10万元', (x) => {
      x.period = '2020—2022年';
    });
    expect(run(fundPeriod, multi)).toEqual([]);
  });
});
