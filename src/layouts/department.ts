import type { ColumnSpec, Layout } from './types';

const L = (text: string, span = 1) => ({ t: 'label' as const, text, span });
const IND = '\u3000'; // full-width space: the indentation real forms use for sub-items

const indicatorColumns: ColumnSpec[] = [
  { header: '一级指标', key: 'level1', type: 'text', list: 'level1' },
  { header: '二级指标', key: 'level2', type: 'text', list: 'level2' },
  { header: '三级指标', key: 'name', type: 'text' },
  { header: '指标值', key: 'target', type: 'text' },
  { header: '权重(%)', key: 'weight', type: 'percent' },
  { header: '绩效标准/指标说明', key: 'basis', type: 'text' },
  { header: '{y-2}年指标值', key: 'history.0', type: 'text' },
  { header: '{y-1}年指标值', key: 'history.1', type: 'text' },
];

/** 部门整体支出绩效目标申报表: Rugao's and Xinzhou's forms in one, plus the project summary sheet. */
export const departmentLayout: Layout = {
  id: 'department',
  version: 1,
  kind: 'department',
  sheets: [
    {
      name: '部门整体绩效目标',
      widths: [18, 14, 30, 14, 12, 26, 14, 14],
      title: '部门整体支出绩效目标申报表',
      sections: [
        {
          kind: 'form',
          id: 'header',
          title: '',
          rows: [
            [
              L('年度'),
              { t: 'field', path: 'year', type: 'year', label: '年度' },
              L('部门名称'),
              { t: 'field', path: 'unit', type: 'text', label: '部门名称', span: 5 },
            ],
          ],
        },
        {
          kind: 'form',
          id: 'basic',
          title: '基本情况',
          rows: [
            [
              L('填报人'),
              { t: 'field', path: 'preparer', type: 'text', label: '填报人' },
              L('联系电话'),
              { t: 'field', path: 'phone', type: 'text', label: '联系电话' },
              L('单位负责人'),
              { t: 'field', path: 'head', type: 'text', label: '单位负责人' },
              L('填报日期'),
              { t: 'field', path: 'filedOn', type: 'date', label: '填报日期' },
            ],
          ],
        },
        {
          kind: 'form',
          id: 'staffing',
          title: '人员情况',
          rows: [
            [
              L('合计'),
              { t: 'field', path: 'staffing.total', type: 'count', label: '人员合计' },
              L('编制人数'),
              { t: 'field', path: 'staffing.authorized', type: 'count', label: '编制人数' },
              L('实有人数'),
              { t: 'field', path: 'staffing.actual', type: 'count', label: '实有人数' },
              L('离退休人员'),
              { t: 'field', path: 'staffing.retired', type: 'count', label: '离退休人员' },
            ],
            [L('其他人员'), { t: 'field', path: 'staffing.other', type: 'count', label: '其他人员' }],
          ],
        },
        {
          kind: 'grid',
          id: 'funds',
          title: '资金情况（万元）',
          labelSpan: 3,
          columns: [
            { header: '本年预算', path: 'funds.{key}', type: 'amount' },
            { header: '占比(%)', path: 'fundShares.{key}', type: 'percent' },
            { header: '{y-1}年', path: 'fundHistory.0.funds.{key}', type: 'amount', history: 0 },
            { header: '{y-2}年', path: 'fundHistory.1.funds.{key}', type: 'amount', history: 1 },
          ],
          rows: [
            { label: '收入合计', key: 'incomeTotal' },
            { label: `${IND}财政拨款`, key: 'fiscal' },
            { label: `${IND}${IND}一般公共预算`, key: 'generalBudget' },
            { label: `${IND}${IND}政府性基金拨款`, key: 'govFund' },
            { label: `${IND}${IND}纳入专户管理的非税收入`, key: 'specialAccountNonTax' },
            { label: `${IND}${IND}纳入预算管理的非税收入`, key: 'budgetNonTax' },
            { label: `${IND}其他资金`, key: 'otherIncome' },
            { label: '支出合计', key: 'expenseTotal' },
            { label: `${IND}基本支出`, key: 'basicTotal' },
            { label: `${IND}${IND}工资福利支出`, key: 'wages' },
            { label: `${IND}${IND}商品和服务支出`, key: 'goods' },
            { label: `${IND}${IND}对个人和家庭的补助`, key: 'grants' },
            { label: `${IND}项目支出`, key: 'projectTotal' },
            { label: `${IND}${IND}部门运转类`, key: 'projOperation' },
            { label: `${IND}${IND}部门民生类`, key: 'projLivelihood' },
            { label: `${IND}${IND}专项资金类`, key: 'projSpecial' },
          ],
        },
        {
          kind: 'form',
          id: 'texts',
          title: '部门职能与目标',
          tall: true,
          rows: [
            [
              L('部门职能概述'),
              { t: 'field', path: 'texts.functions', type: 'longtext', label: '部门职能概述', span: 7 },
            ],
            [
              L('年度工作任务及相关政策概述'),
              {
                t: 'field',
                path: 'texts.policies',
                type: 'longtext',
                label: '年度工作任务及相关政策概述',
                span: 7,
              },
            ],
            [
              L('中长期战略目标'),
              { t: 'field', path: 'texts.strategy', type: 'longtext', label: '中长期战略目标', span: 7 },
            ],
            [
              L('年度绩效目标'),
              { t: 'field', path: 'texts.annualGoal', type: 'longtext', label: '年度绩效目标', span: 7 },
            ],
          ],
        },
        {
          kind: 'table',
          id: 'indicators',
          title: '部门整体绩效指标',
          path: 'indicators',
          blankRows: 10,
          carryDown: ['level1', 'level2'],
          columns: indicatorColumns,
        },
        {
          kind: 'goals',
          id: 'goals',
          title: '分目标绩效指标',
          blankRows: 3,
          carryDown: ['level1', 'level2'],
          columns: indicatorColumns,
        },
      ],
      footer: '填报单位（盖章）：                单位负责人（签名）：',
    },
    {
      name: '项目支出汇总',
      widths: [10, 14, 14, 18, 30, 30, 14, 10, 10, 10, 10, 10, 30, 30],
      title: '部门项目支出绩效目标汇总表',
      sections: [
        {
          kind: 'table',
          id: 'projects',
          title: '项目支出绩效目标汇总（万元）',
          path: 'projects',
          blankRows: 5,
          columns: [
            { header: '类别', key: 'category', type: 'text', labels: { own: '本部门', managed: '代编' } },
            { header: '项目主管部门', key: 'department', type: 'text' },
            { header: '项目实施单位', key: 'implementer', type: 'text' },
            { header: '项目名称', key: 'name', type: 'text' },
            { header: '项目概况', key: 'overview', type: 'text' },
            { header: '立项依据', key: 'basis', type: 'text' },
            { header: '实施起止时间', key: 'period', type: 'text' },
            { header: '小计', key: 'total', type: 'amount' },
            { header: '公共预算', key: 'publicBudget', type: 'amount' },
            { header: '政府性基金预算', key: 'govFundBudget', type: 'amount' },
            { header: '上级转移支付', key: 'transfer', type: 'amount' },
            { header: '财政专户资金', key: 'specialAccount', type: 'amount' },
            { header: '长期目标', key: 'longTermGoal', type: 'text' },
            { header: '年度目标', key: 'annualGoal', type: 'text' },
          ],
        },
      ],
    },
  ],
};
