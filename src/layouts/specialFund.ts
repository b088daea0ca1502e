import type { Layout } from './types';

const L = (text: string, span = 1) => ({ t: 'label' as const, text, span });

/** 专项资金预算绩效目标申报表, after the Nanyue form. */
export const specialFundLayout: Layout = {
  id: 'specialFund',
  version: 1,
  kind: 'specialFund',
  sheets: [
    {
      name: '专项资金绩效目标',
      widths: [16, 14, 16, 14, 16, 14, 14, 16],
      title: '专项资金预算绩效目标申报表',
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
              { t: 'field', path: 'unit', type: 'text', label: '填报单位', span: 3 },
              L('单位负责人'),
              { t: 'field', path: 'head', type: 'text', label: '单位负责人' },
            ],
          ],
        },
        {
          kind: 'form',
          id: 'basic',
          title: '专项基本情况',
          rows: [
            [L('专项名称'), { t: 'field', path: 'name', type: 'text', label: '专项名称', span: 7 }],
            [
              L('专项属性'),
              {
                t: 'field',
                path: 'attribute',
                type: 'text',
                label: '专项属性',
                span: 3,
                list: ['新增', '延续'],
              },
              L('主管部门'),
              { t: 'field', path: 'department', type: 'text', label: '主管部门', span: 3 },
            ],
            [
              L('专项起止时间'),
              { t: 'field', path: 'period', type: 'text', label: '专项起止时间', span: 3 },
              L('专项负责人'),
              { t: 'field', path: 'manager', type: 'text', label: '专项负责人', span: 3 },
            ],
            [
              L('联系人及电话'),
              { t: 'field', path: 'contact', type: 'text', label: '联系人及电话', span: 7 },
            ],
            [L('专项概况'), { t: 'field', path: 'overview', type: 'longtext', label: '专项概况', span: 7 }],
            [
              L('专项立项依据'),
              { t: 'field', path: 'basis', type: 'longtext', label: '专项立项依据', span: 7 },
            ],
          ],
        },
        {
          kind: 'form',
          id: 'funding',
          title: '专项资金情况（万元）',
          rows: [
            [
              L('本年度预计投入'),
              { t: 'field', path: 'funding.total', type: 'amount', label: '本年度预计投入' },
              L('中央'),
              { t: 'field', path: 'funding.central', type: 'amount', label: '中央' },
              L('省级'),
              { t: 'field', path: 'funding.provincial', type: 'amount', label: '省级' },
              L('市级'),
              { t: 'field', path: 'funding.municipal', type: 'amount', label: '市级' },
            ],
            [
              L('本级'),
              { t: 'field', path: 'funding.local', type: 'amount', label: '本级' },
              L('其他'),
              { t: 'field', path: 'funding.other', type: 'amount', label: '其他' },
            ],
          ],
        },
        {
          kind: 'form',
          id: 'goals',
          title: '绩效目标',
          tall: true,
          rows: [
            [
              L('单位已有的保证专项实施的制度、措施'),
              { t: 'field', path: 'measures', type: 'longtext', label: '制度、措施', span: 7 },
            ],
            [
              L('中长期绩效目标'),
              { t: 'field', path: 'longTermGoal', type: 'longtext', label: '中长期绩效目标', span: 7 },
            ],
            [
              L('本年度绩效目标'),
              { t: 'field', path: 'annualGoal', type: 'longtext', label: '本年度绩效目标', span: 7 },
            ],
          ],
        },
        {
          kind: 'table',
          id: 'indicators',
          title: '专项年度绩效指标',
          path: 'indicators',
          blankRows: 10,
          carryDown: ['level1', 'level2'],
          columns: [
            { header: '一级指标', key: 'level1', type: 'text', list: 'level1' },
            { header: '二级指标', key: 'level2', type: 'text', list: 'level2' },
            { header: '三级指标内容', key: 'name', type: 'text', span: 3 },
            { header: '指标值及单位', key: 'target', type: 'text' },
            { header: '指标值确定依据', key: 'basis', type: 'text', span: 2 },
          ],
        },
        {
          kind: 'form',
          id: 'notes',
          title: '其他说明',
          rows: [
            [
              L('其他需要说明的问题'),
              { t: 'field', path: 'notes', type: 'longtext', label: '其他需要说明的问题', span: 7 },
            ],
          ],
        },
      ],
      footer: '财政部门业务股室审核意见：                （盖章）        年    月    日',
    },
  ],
};
