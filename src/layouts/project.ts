import type { Layout } from './types';

const L = (text: string, span = 1) => ({ t: 'label' as const, text, span });

/** 项目支出绩效目标申报表: the union of the Jiangyin and Laoting forms, eight columns wide. */
export const projectLayout: Layout = {
  id: 'project',
  version: 1,
  kind: 'project',
  sheets: [
    {
      name: '项目支出绩效目标',
      widths: [16, 14, 16, 14, 16, 14, 14, 16],
      title: '项目支出绩效目标申报表',
      sections: [
        {
          kind: 'form',
          id: 'header',
          title: '',
          rows: [
            [
              L('年度'),
              { t: 'field', path: 'year', type: 'year', label: '年度' },
              L('填报单位'),
              { t: 'field', path: 'unit', type: 'text', label: '填报单位', span: 5 },
            ],
          ],
        },
        {
          kind: 'form',
          id: 'basic',
          title: '基本信息',
          rows: [
            [
              L('项目名称*'),
              { t: 'field', path: 'name', type: 'text', label: '项目名称', span: 4 },
              L('项目编码'),
              { t: 'field', path: 'code', type: 'text', label: '项目编码', span: 2 },
            ],
            [
              L('主管部门'),
              { t: 'field', path: 'department', type: 'text', label: '主管部门', span: 3 },
              L('实施单位'),
              { t: 'field', path: 'implementer', type: 'text', label: '实施单位', span: 3 },
            ],
            [
              L('项目属性'),
              {
                t: 'field',
                path: 'attribute',
                type: 'text',
                label: '项目属性',
                span: 3,
                list: ['新增', '延续', '单位专项'],
              },
              L('项目类型*'),
              {
                t: 'field',
                path: 'type',
                type: 'text',
                label: '项目类型',
                span: 3,
                list: ['经常性专项业务费', '一次性专项业务费', '机构运行保障类', '事业发展类'],
              },
            ],
            [
              L('资金用途*'),
              { t: 'field', path: 'use', type: 'text', label: '资金用途', span: 3 },
              L('政府采购*'),
              { t: 'field', path: 'procurement', type: 'text', label: '政府采购', span: 3 },
            ],
            [
              L('项目负责人*'),
              { t: 'field', path: 'manager', type: 'text', label: '项目负责人' },
              L('联系人*'),
              { t: 'field', path: 'contact', type: 'text', label: '联系人' },
              L('联系电话*'),
              { t: 'field', path: 'phone', type: 'text', label: '联系电话', span: 3 },
            ],
            [
              L('计划开始日期*'),
              { t: 'field', path: 'startDate', type: 'date', label: '计划开始日期', span: 3 },
              L('计划完成日期*'),
              { t: 'field', path: 'endDate', type: 'date', label: '计划完成日期', span: 3 },
            ],
            [
              L('项目总金额(万元)*'),
              { t: 'field', path: 'totalAmount', type: 'amount', label: '项目总金额(万元)', span: 3 },
              L('本年度项目金额(万元)'),
              { t: 'field', path: 'yearAmount', type: 'amount', label: '本年度项目金额(万元)', span: 3 },
            ],
            [
              L('其中：财政资金(万元)'),
              { t: 'field', path: 'fiscalAmount', type: 'amount', label: '财政资金(万元)', span: 3 },
              L('其他资金(万元)'),
              { t: 'field', path: 'otherAmount', type: 'amount', label: '其他资金(万元)', span: 3 },
            ],
          ],
        },
        {
          kind: 'form',
          id: 'texts',
          title: '详细信息',
          tall: true,
          rows: [
            [
              L('项目概况*'),
              { t: 'field', path: 'texts.overview', type: 'longtext', label: '项目概况', span: 7 },
            ],
            [
              L('立项依据'),
              { t: 'field', path: 'texts.basis', type: 'longtext', label: '立项依据', span: 7 },
            ],
            [
              L('项目实施计划*'),
              { t: 'field', path: 'texts.plan', type: 'longtext', label: '项目实施计划', span: 7 },
            ],
            [
              L('项目总目标*'),
              { t: 'field', path: 'texts.longTermGoal', type: 'longtext', label: '项目总目标', span: 7 },
            ],
            [
              L('年度绩效目标*'),
              { t: 'field', path: 'texts.annualGoal', type: 'longtext', label: '年度绩效目标', span: 7 },
            ],
            [
              L('需要说明的其他问题'),
              { t: 'field', path: 'texts.notes', type: 'longtext', label: '需要说明的其他问题', span: 7 },
            ],
          ],
        },
        {
          kind: 'table',
          id: 'indicators',
          title: '绩效指标',
          path: 'indicators',
          blankRows: 10,
          carryDown: ['level1', 'level2'],
          columns: [
            { header: '一级指标', key: 'level1', type: 'text', list: 'level1' },
            { header: '二级指标', key: 'level2', type: 'text', list: 'level2' },
            { header: '三级指标', key: 'name', type: 'text', span: 2 },
            { header: '绩效指标描述', key: 'description', type: 'text' },
            { header: '指标值', key: 'target', type: 'text' },
            { header: '指标值确定依据', key: 'basis', type: 'text', span: 2 },
          ],
        },
        {
          kind: 'form',
          id: 'lastYear',
          title: '上年度项目资金使用情况',
          rows: [
            [
              L('年度预算安排资金'),
              { t: 'field', path: 'lastYear.budget', type: 'amount', label: '年度预算安排资金' },
              L('项目实际使用资金'),
              { t: 'field', path: 'lastYear.used', type: 'amount', label: '项目实际使用资金' },
              L('项目结余资金'),
              { t: 'field', path: 'lastYear.balance', type: 'amount', label: '项目结余资金', span: 3 },
            ],
            [
              L('资金使用率(%)'),
              { t: 'field', path: 'lastYear.usageRate', type: 'percent', label: '资金使用率(%)' },
              L('项目完成进度(%)'),
              { t: 'field', path: 'lastYear.progress', type: 'percent', label: '项目完成进度(%)' },
            ],
          ],
        },
        {
          kind: 'form',
          id: 'sources',
          title: '项目资金来源（万元）',
          rows: [
            [L('项目资金总额'), { t: 'field', path: 'sources.total', type: 'amount', label: '项目资金总额' }],
            [
              L('财政经常性拨款'),
              { t: 'field', path: 'sources.regular', type: 'amount', label: '财政经常性拨款' },
              L('财政专项拨款'),
              { t: 'field', path: 'sources.special', type: 'amount', label: '财政专项拨款' },
              L('纳入预算管理的非税资金'),
              { t: 'field', path: 'sources.budgetNonTax', type: 'amount', label: '纳入预算管理的非税资金' },
              L('专户管理的非税资金'),
              {
                t: 'field',
                path: 'sources.specialAccountNonTax',
                type: 'amount',
                label: '专户管理的非税资金',
              },
            ],
            [
              L('政府性基金'),
              { t: 'field', path: 'sources.govFund', type: 'amount', label: '政府性基金' },
              L('上级补助收入'),
              { t: 'field', path: 'sources.superiorSubsidy', type: 'amount', label: '上级补助收入' },
              L('以前年度结转'),
              { t: 'field', path: 'sources.priorYears', type: 'amount', label: '以前年度结转' },
              L('事业收入'),
              { t: 'field', path: 'sources.business', type: 'amount', label: '事业收入' },
            ],
            [
              L('经营收入'),
              { t: 'field', path: 'sources.operating', type: 'amount', label: '经营收入' },
              L('其他收入'),
              { t: 'field', path: 'sources.other', type: 'amount', label: '其他收入' },
            ],
          ],
        },
        {
          kind: 'table',
          id: 'lineItems',
          title: '项目概算（预算明细）',
          path: 'lineItems',
          blankRows: 8,
          columns: [
            { header: '项目明细名称', key: 'name', type: 'text', span: 3 },
            { header: '金额(万元)', key: 'amount', type: 'amount' },
            { header: '用途', key: 'use', type: 'text', span: 4 },
          ],
        },
        {
          kind: 'form',
          id: 'spendPlan',
          title: '资金支出计划（累计%）',
          rows: [
            [
              L('3月底'),
              { t: 'field', path: 'spendPlan.mar', type: 'percent', label: '3月底' },
              L('6月底'),
              { t: 'field', path: 'spendPlan.jun', type: 'percent', label: '6月底' },
              L('10月底'),
              { t: 'field', path: 'spendPlan.oct', type: 'percent', label: '10月底' },
              L('12月底'),
              { t: 'field', path: 'spendPlan.dec', type: 'percent', label: '12月底' },
            ],
          ],
        },
      ],
      footer: '单位负责人（签字）：                填报单位（盖章）：                填报日期：',
    },
  ],
};
