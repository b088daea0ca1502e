import { Declaration } from '../../src/model';
import { basisRepeated, indicatorBoilerplate, repeatedTexts } from '../../src/rules/boilerplate';
import { fixture } from '../support/helpers';
import { jiangyin1, laoting1, run, xinzhou } from './helpers';
import type { Draft } from '../../src/rules/draft';

const nameOf = (d: Draft): unknown => (d.params && 'name' in d.params ? d.params.name : undefined);

describe('boilerplate', () => {
  it('warns on an indicator that only repeats its name (乐亭: 及时完成 / 及时完成)', () => {
    const drafts = run(indicatorBoilerplate, laoting1());
    expect(drafts.map((d) => nameOf(d))).toEqual(['及时完成', '控制在预算内']);
    expect(run(indicatorBoilerplate, jiangyin1())).toEqual([]);
  });

  it('warns once on one 依据 pasted on every row (乐亭: 年初预算安排)', () => {
    const seed = fixture('laoting-2024-1-legal-construction');
    const [d, ...rest] = run(basisRepeated, seed);
    expect(rest).toEqual([]);
    expect(d).toMatchObject({ code: 'BASIS_REPEATED', params: { basis: '年初预算安排', count: 5 } });
    const varied = structuredClone(seed);
    varied.indicators[0].basis = '《乐亭县2024年普法工作要点》';
    expect(run(basisRepeated, varied)).toEqual([]);
  });

  it('leaves a table that names one kind of 绩效标准 on every row (计划标准) alone', () => {
    const d = xinzhou((x) => {
      for (const g of x.goals) for (const i of g.indicators) i.basis = '计划标准';
    });
    expect(run(basisRepeated, d)).toEqual([]);
  });

  it('finds a 概况 copied between two projects of one workbook, on the second', () => {
    const a = jiangyin1();
    const b = jiangyin1((x) => {
      x.name = '另一个项目';
      x.texts.overview = a.texts.overview = '人民调解工作经费，用于全市人民调解组织的日常运转和调解员培训。';
    });
    const c = jiangyin1((x) => {
      x.texts.overview = '完全不同的项目概况，说明本项目自己的背景、内容和范围，共计二十余字。';
    });
    const found = repeatedTexts([a, b, c] as Declaration[]);
    expect(found[0]).toEqual([]);
    expect(found[1]).toEqual([
      expect.objectContaining({
        code: 'TEXT_REPEATED',
        path: 'texts.overview',
        params: expect.objectContaining({ other: a.name }),
      }),
    ]);
    expect(found[2]).toEqual([]);
  });
});
