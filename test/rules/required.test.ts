import { message } from '../../src/rules/catalog';
import { requiredFields } from '../../src/rules/required';
import { expectCode, jiangyin1, laoting1, nanyue, run, rugao, xinzhou } from './helpers';

const fields = (drafts: ReturnType<typeof run>) =>
  drafts.map((d) => {
    expectCode(d, 'REQUIRED_FIELD_MISSING');
    return [d.path, d.params?.field];
  });

describe('required fields', () => {
  it('passes the seeds, including laoting projects that have no contacts or dates on their form', () => {
    expect(run(requiredFields, jiangyin1())).toEqual([]);
    expect(run(requiredFields, laoting1())).toEqual([]);
    expect(run(requiredFields, nanyue())).toEqual([]);
    expect(run(requiredFields, xinzhou())).toEqual([]);
    expect(run(requiredFields, rugao())).toEqual([]);
  });

  it('requires a project name, an amount and an annual goal', () => {
    const d = laoting1((x) => {
      x.name = '';
      x.totalAmount = null;
      x.yearAmount = null;
      x.texts.annualGoal = ' ';
    });
    expect(fields(run(requiredFields, d))).toEqual([
      ['name', '项目名称'],
      ['totalAmount', '项目总金额(万元)'],
      ['texts.annualGoal', '年度绩效目标'],
    ]);
  });

  it('completes the contact block and the date pair once the form has them', () => {
    const d = jiangyin1((x) => {
      x.phone = '';
      x.endDate = '';
    });
    expect(fields(run(requiredFields, d))).toEqual([
      ['phone', '联系电话'],
      ['endDate', '计划完成日期'],
    ]);
  });

  it('requires 项目资金总额 when a source is given', () => {
    const d = jiangyin1((x) => {
      x.sources.total = null;
    });
    expect(fields(run(requiredFields, d))).toEqual([['sources.total', '项目资金总额']]);
  });

  it('asks for the empty half of a line item', () => {
    const d = jiangyin1((x) => {
      x.lineItems[2].name = '';
      x.lineItems[3].amount = null;
    });
    expect(fields(run(requiredFields, d))).toEqual([
      ['lineItems.2.name', '项目概算第3行明细名称'],
      ['lineItems.3.amount', '项目概算第4行金额'],
    ]);
  });

  it('requires the special-fund header and 本年度预计投入', () => {
    const d = nanyue(10, '≤10万元', (x) => {
      x.manager = '';
      x.funding.total = null;
    });
    expect(fields(run(requiredFields, d))).toEqual([
      ['manager', '专项负责人'],
      ['funding.total', '本年度预计投入'],
    ]);
  });

  it('requires 部门名称, and 收入合计 only when some fund is given; 财政拨款 may stay blank', () => {
    const d = xinzhou((x) => {
      x.unit = '';
      x.funds.incomeTotal = null;
      x.funds.fiscal = null;
    });
    expect(fields(run(requiredFields, d))).toEqual([
      ['unit', '部门名称'],
      ['funds.incomeTotal', '收入合计'],
    ]);
  });
});

describe('messages', () => {
  it('name the field in English in the English message, with the form’s label in brackets; a bureau’s own field by its label', () => {
    const [d] = run(
      requiredFields,
      laoting1((x) => {
        x.texts.annualGoal = '';
      }),
    );
    const m = message('REQUIRED_FIELD_MISSING', d.params as { field: string; fieldEn: string });
    expect(m.en).toBe('Annual performance goal (年度绩效目标) is required.');
    expect(d.suggestion?.en).toBe('Fill in the annual performance goal (年度绩效目标).');
    expect(m.zh).toBe('“年度绩效目标”为必填项，不能为空。');
    expect(message('REQUIRED_FIELD_MISSING', { field: '绩效自评人', fieldEn: '' }).en).toBe(
      '“绩效自评人” is required.',
    );
  });
});
