import type { z } from 'zod';
import { Profile } from './schema';

type ProfileInput = z.input<typeof Profile>;

/** National practice (财预〔2021〕101号) requires a 满意度 indicator of every project that serves someone. */
const satisfaction = {
  name: '满意度指标',
  need: 'required' as const,
  level2: [{ name: '服务对象满意度', aliases: ['满意度', '社会公众满意度', '社会群众满意度'] }],
};

/** The four indicator frameworks of DOMAIN.md, as data. Names are compared after `normalizeName`. */
const raw: ProfileInput[] = [
  {
    id: 'national2021',
    name: { zh: '全国2021版框架（财预〔2021〕101号）', en: 'the national 2021 framework' },
    weighted: false,
    requireOperator: true,
    level1: [
      {
        name: '成本指标',
        need: 'required',
        level2: [
          { name: '经济成本', need: 'expected', quantitative: 'cost' },
          { name: '社会成本', quantitative: 'cost' },
          { name: '生态环境成本', quantitative: 'cost' },
        ],
      },
      {
        name: '产出指标',
        need: 'required',
        level2: [
          { name: '数量', need: 'required', quantitative: 'quantity' },
          { name: '质量', need: 'expected' },
          { name: '时效', need: 'expected' },
        ],
      },
      {
        name: '效益指标',
        need: 'required',
        level2: [
          { name: '经济效益' },
          { name: '社会效益' },
          { name: '生态效益', aliases: ['环境效益'] },
          { name: '可持续影响' },
        ],
      },
      satisfaction,
    ],
  },
  {
    id: 'classic',
    name: { zh: '通用框架（2015–2020年版）', en: 'the classic framework (2015–2020 forms)' },
    weighted: false,
    requireOperator: false,
    level1: [
      {
        name: '产出指标',
        need: 'required',
        level2: [
          { name: '数量', need: 'expected', quantitative: 'quantity' },
          { name: '质量' },
          { name: '时效' },
          { name: '成本', quantitative: 'cost' },
        ],
      },
      {
        name: '效益指标',
        aliases: ['效果指标'],
        need: 'required',
        level2: [
          { name: '经济效益' },
          { name: '社会效益' },
          { name: '生态效益', aliases: ['环境效益'] },
          { name: '可持续影响', aliases: ['可持续发展影响'] },
          { name: '服务对象满意度', aliases: ['满意度', '社会公众满意度', '社会群众满意度'] },
        ],
      },
      satisfaction,
    ],
  },
  {
    id: 'jiangsu',
    name: { zh: '江苏四类目标框架', en: 'the Jiangsu four-goal framework' },
    weighted: false,
    requireOperator: false,
    level1: [
      {
        name: '投入与目标管理',
        need: 'expected',
        level2: [{ name: '投入管理' }, { name: '财务管理' }, { name: '项目管理' }, { name: '资产管理' }],
      },
      {
        name: '产出目标',
        need: 'required',
        level2: [
          { name: '数量', need: 'expected', quantitative: 'quantity' },
          { name: '质量' },
          { name: '时效' },
          { name: '成本', quantitative: 'cost' },
        ],
      },
      {
        name: '效果目标',
        need: 'required',
        level2: [
          { name: '社会效益' },
          { name: '经济效益' },
          { name: '生态效益', aliases: ['环境效益'] },
          { name: '满意度', need: 'required', aliases: ['服务对象满意度'] },
        ],
      },
      {
        name: '影响力目标',
        need: 'expected',
        level2: [{ name: '长效管理' }, { name: '信息共享' }, { name: '其它', aliases: ['其他'] }],
      },
    ],
  },
  {
    id: 'weightedDepartment',
    name: { zh: '部门整体权重框架（共性+个性指标）', en: 'the weighted department framework' },
    weighted: true,
    requireOperator: false,
    level1: [
      {
        name: '内部管理（共性指标）',
        aliases: ['内部管理', '共性指标'],
        need: 'required',
        level2: [
          { name: '财务管理', need: 'expected' },
          { name: '人员管理' },
          { name: '资产管理' },
          { name: '其他', aliases: ['其它'] },
        ],
      },
      {
        name: '部门综合履职（个性指标）',
        aliases: ['部门综合履职', '个性指标'],
        need: 'required',
        level2: null,
      },
    ],
  },
];

export const PROFILES: readonly Profile[] = raw.map((p) => Profile.parse(p));
