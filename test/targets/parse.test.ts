import fc from 'fast-check';
import { TargetReading } from '../../src/model';
import type { ComparisonOp, MalformedReason, NonstandardNote, Quantity } from '../../src/model';
import { formatQuantity, parseTarget, TARGET_UNITS } from '../../src/targets';

// Written out here rather than imported, so the table does not check the parser against itself.
const SYMBOL: Record<ComparisonOp, string> = { ge: '≥', gt: '>', eq: '=', lt: '<', le: '≤' };

function qty(
  op: ComparisonOp,
  value: number,
  unit: string | null,
  more: { label?: string; notes?: NonstandardNote[]; opImplicit?: boolean } = {},
): Quantity {
  return {
    op,
    opImplicit: more.opImplicit ?? false,
    value,
    unit,
    label: more.label ?? '',
    notes: more.notes ?? [],
    normalized: `${SYMBOL[op]}${value}${unit ?? ''}`,
  };
}

function q(...args: Parameters<typeof qty>): TargetReading {
  return { kind: 'quantitative', ...qty(...args) };
}

/** No operator: read as ＝. */
function implicit(
  value: number,
  unit: string | null,
  more: { label?: string; notes?: NonstandardNote[] } = {},
): TargetReading {
  return q('eq', value, unit, { ...more, opImplicit: true });
}

const range = (min: number, max: number, unit: string | null, normalized: string): TargetReading => ({
  kind: 'range',
  min,
  max,
  unit,
  normalized,
});
const ratio = (left: number, right: number): TargetReading => ({
  kind: 'ratio',
  left,
  right,
  normalized: `${left}:${right}`,
});
const malformed = (reason: MalformedReason): TargetReading => ({ kind: 'malformed', reason });
const QUALITATIVE = 'qualitative';

type Row = [string, TargetReading | typeof QUALITATIVE];

/** Every distinct target value (指标值 / 目标值) in the five seeds, as typed. */
const SEED_VALUES: Row[] = [
  // rugao-2021-department
  ['健全', QUALITATIVE],
  ['> 90%', q('gt', 90, '%')],
  ['合规', QUALITATIVE],
  ['合理', QUALITATIVE],
  ['规范', QUALITATIVE],
  ['公开', QUALITATIVE],
  ['万分之十以 上', q('ge', 0.1, '%', { notes: ['wordOperator', 'fractionWord'] })],
  ['0', implicit(0, null)],
  ['100%', implicit(100, '%')],
  // xinzhou-2020-department
  ['<1%', q('lt', 1, '%')],
  ['>96%', q('gt', 96, '%')],
  ['>80%', q('gt', 80, '%')],
  ['1-2个', range(1, 2, '个', '≥1个')],
  ['300件', implicit(300, '件')],
  ['40场', implicit(40, '场')],
  ['>230场', q('gt', 230, '场')],
  [
    '参考率98%以上，优秀率90%以上',
    {
      kind: 'compound',
      parts: [
        qty('ge', 98, '%', { label: '参考率', notes: ['wordOperator'] }),
        qty('ge', 90, '%', { label: '优秀率', notes: ['wordOperator'] }),
      ],
    },
  ],
  ['70%', implicit(70, '%')],
  ['60%', implicit(60, '%')],
  ['65%', implicit(65, '%')],
  ['>98%', q('gt', 98, '%')],
  ['173件', implicit(173, '件')],
  ['376件', implicit(376, '件')],
  ['95件', implicit(95, '件')],
  ['100件', implicit(100, '件')],
  ['110件', implicit(110, '件')],
  ['500件', implicit(500, '件')],
  // jiangyin-2020-projects-part1
  ['≥90%', q('ge', 90, '%')],
  ['=100%', q('eq', 100, '%')],
  ['≥16件', q('ge', 16, '件')],
  ['未发生', QUALITATIVE],
  ['维护社会和谐稳定', QUALITATIVE],
  ['2%', implicit(2, '%')],
  ['3%', implicit(3, '%')],
  ['80%', implicit(80, '%')],
  ['≥95%', q('ge', 95, '%')],
  ['≤10%', q('le', 10, '%')],
  ['95%', implicit(95, '%')],
  ['90%', implicit(90, '%')],
  ['每月电话回访一次，每季度对重点人中见面回访一次，每年开展一次综合评估', QUALITATIVE],
  ['0.15%', implicit(0.15, '%')],
  ['0.1%', implicit(0.1, '%')],
  ['1: 15', ratio(1, 15)],
  ['0.8%', implicit(0.8, '%')],
  ['1', implicit(1, null)],
  ['10', implicit(10, null)],
  ['完成', QUALITATIVE],
  ['完备', QUALITATIVE],
  // laoting-2024-department-and-projects
  ['≥6次', q('ge', 6, '次')],
  ['及时完成', QUALITATIVE],
  ['控制在预算内', QUALITATIVE],
  ['明显提升', QUALITATIVE],
  ['≥55场', q('ge', 55, '场')],
  ['≥500个', q('ge', 500, '个')],
  ['≥150人', q('ge', 150, '人')],
  // nanyue-2021-special-funds
  ['≥389件', q('ge', 389, '件')],
  ['≥200人/次', q('ge', 200, '人/次')],
  ['≥10次', q('ge', 10, '次')],
  ['=1年', q('eq', 1, '年')],
  ['≤10万元', q('le', 10, '万元')],
  ['有明显进步', QUALITATIVE],
  ['有明显帮助', QUALITATIVE],
  ['≥98%', q('ge', 98, '%')],
  ['≥40人', q('ge', 40, '人')],
  ['≥100次', q('ge', 100, '次')],
  ['≤28万元', q('le', 28, '万元')],
  ['社会安定', QUALITATIVE],
  ['效果显著', QUALITATIVE],
  ['有明显效果', QUALITATIVE],
  ['≥8次', q('ge', 8, '次')],
  ['≥20次', q('ge', 20, '次')],
  ['一年', implicit(1, '年', { notes: ['chineseNumeral'] })],
  ['=11万元', q('eq', 11, '万元')],
  ['有明显成效', QUALITATIVE],
  ['推动了社会发展', QUALITATIVE],
  ['有效改善', QUALITATIVE],
  ['有所提升', QUALITATIVE],
  ['=98%', q('eq', 98, '%')],
  ['≥15次', q('ge', 15, '次')],
  ['≥50份', q('ge', 50, '份')],
  ['=24万元', q('eq', 24, '万元')],
];

/** The brief's and DOMAIN.md's examples, and the edges of each rule. */
const EXAMPLES: Row[] = [
  // empty
  ['', { kind: 'empty' }],
  ['   ', { kind: 'empty' }],
  ['\n\t　', { kind: 'empty' }],
  // operators, half- and full-width, with spaces
  ['＞90%', q('gt', 90, '%')],
  ['＜ 5%', q('lt', 5, '%')],
  ['＝100%', q('eq', 100, '%')],
  ['>=90%', q('ge', 90, '%')],
  ['<=10万元', q('le', 10, '万元')],
  ['＞＝95%', q('ge', 95, '%')],
  ['＜＝3天', q('le', 3, '天')],
  ['≧80%', q('ge', 80, '%')],
  ['≦ 2 %', q('le', 2, '%')],
  ['≥ 200 人/次', q('ge', 200, '人/次')],
  ['≤10', q('le', 10, null)],
  ['≥80', q('ge', 80, null)],
  // word operators
  ['98%以上', q('ge', 98, '%', { notes: ['wordOperator'] })],
  ['不低于95%', q('ge', 95, '%', { notes: ['wordOperator'] })],
  ['不少于16件', q('ge', 16, '件', { notes: ['wordOperator'] })],
  ['至少1次', q('ge', 1, '次', { notes: ['wordOperator'] })],
  ['大于等于90%', q('ge', 90, '%', { notes: ['wordOperator'] })],
  ['10万元以下', q('le', 10, '万元', { notes: ['wordOperator'] })],
  ['不超过28万元', q('le', 28, '万元', { notes: ['wordOperator'] })],
  ['不高于1%', q('le', 1, '%', { notes: ['wordOperator'] })],
  ['至多3次', q('le', 3, '次', { notes: ['wordOperator'] })],
  ['小于等于5%', q('le', 5, '%', { notes: ['wordOperator'] })],
  ['0.1%以内', q('le', 0.1, '%', { notes: ['wordOperator'] })],
  ['低于1%', q('lt', 1, '%', { notes: ['wordOperator'] })],
  ['少于3件', q('lt', 3, '件', { notes: ['wordOperator'] })],
  ['高于90%', q('gt', 90, '%', { notes: ['wordOperator'] })],
  ['超过100人', q('gt', 100, '人', { notes: ['wordOperator'] })],
  ['大于0', q('gt', 0, null, { notes: ['wordOperator'] })],
  ['30天内', q('le', 30, '天', { notes: ['wordOperator'] })],
  ['3个工作日内', q('le', 3, '工作日', { notes: ['wordOperator'] })],
  ['≥98%以上', q('ge', 98, '%', { notes: ['wordOperator'] })],
  // no operator
  ['1683', implicit(1683, null)],
  ['12', implicit(12, null)],
  ['3个月', implicit(3, '个月')],
  ['24小时', implicit(24, '小时')],
  ['2个百分点', implicit(2, '个百分点')],
  ['2次/年', implicit(2, '次/年')],
  ['100 %', implicit(100, '%')],
  // numbers
  ['９０％', implicit(90, '%', { notes: ['fullWidthDigits'] })],
  ['≥１５０人', q('ge', 150, '人', { notes: ['fullWidthDigits'] })],
  ['1,683件', implicit(1683, '件')],
  ['１,６８３件', implicit(1683, '件', { notes: ['fullWidthDigits'] })],
  ['12,345.5万元', implicit(12345.5, '万元')],
  ['十次', implicit(10, '次', { notes: ['chineseNumeral'] })],
  ['十五', implicit(15, null, { notes: ['chineseNumeral'] })],
  ['二十人', implicit(20, '人', { notes: ['chineseNumeral'] })],
  ['两次', implicit(2, '次', { notes: ['chineseNumeral'] })],
  ['一百零五件', implicit(105, '件', { notes: ['chineseNumeral'] })],
  ['百', implicit(100, null, { notes: ['chineseNumeral'] })],
  ['十万元', implicit(10, '万元', { notes: ['chineseNumeral'] })],
  ['≥一次', q('ge', 1, '次', { notes: ['chineseNumeral'] })],
  ['不少于一次', q('ge', 1, '次', { notes: ['wordOperator', 'chineseNumeral'] })],
  ['十五次以上', q('ge', 15, '次', { notes: ['wordOperator', 'chineseNumeral'] })],
  ['万分之十以上', q('ge', 0.1, '%', { notes: ['wordOperator', 'fractionWord'] })],
  ['万分之五', implicit(0.05, '%', { notes: ['fractionWord'] })],
  ['千分之五', implicit(5, '‰', { notes: ['fractionWord'] })],
  ['百分之九十', implicit(90, '%', { notes: ['fractionWord'] })],
  ['百分之百', implicit(100, '%', { notes: ['fractionWord'] })],
  ['百分之九十五点五', implicit(95.5, '%', { notes: ['fractionWord'] })],
  ['≥百分之90', q('ge', 90, '%', { notes: ['fractionWord'] })],
  ['5‰', implicit(5, '‰')],
  // labels
  ['自结案之日起30天', implicit(30, '天', { label: '自结案之日起' })],
  ['参考率98%以上', q('ge', 98, '%', { label: '参考率', notes: ['wordOperator'] })],
  ['满意度不低于95%', q('ge', 95, '%', { label: '满意度', notes: ['wordOperator'] })],
  ['满意度：≥90%', q('ge', 90, '%', { label: '满意度' })],
  ['发案率万分之五以下', q('le', 0.05, '%', { label: '发案率', notes: ['wordOperator', 'fractionWord'] })],
  // ranges and ratios
  ['1～2个', range(1, 2, '个', '≥1个')],
  ['1~2个', range(1, 2, '个', '≥1个')],
  ['1至2个', range(1, 2, '个', '≥1个')],
  ['1到2个', range(1, 2, '个', '≥1个')],
  ['1—2个', range(1, 2, '个', '≥1个')],
  ['90%-95%', range(90, 95, '%', '≥90%')],
  ['300-500元', range(300, 500, '元', '≥300元')],
  ['5-10', range(5, 10, null, '≥5')],
  ['1:15', ratio(1, 15)],
  ['1：50', ratio(1, 50)],
  ['1 : 1.5', ratio(1, 1.5)],
  // compound
  [
    '100%；≥95%',
    { kind: 'compound', parts: [qty('eq', 100, '%', { opImplicit: true }), qty('ge', 95, '%')] },
  ],
  ['≥10次\n≥50份', { kind: 'compound', parts: [qty('ge', 10, '次'), qty('ge', 50, '份')] }],
  [
    '1、2、3件',
    {
      kind: 'compound',
      parts: [
        qty('eq', 1, null, { opImplicit: true }),
        qty('eq', 2, null, { opImplicit: true }),
        qty('eq', 3, '件', { opImplicit: true }),
      ],
    },
  ],
  ['一年，两次', QUALITATIVE],
  ['95%。', implicit(95, '%')],
  ['健全。', QUALITATIVE],
  // qualitative
  ['规范', QUALITATIVE],
  ['不发生', QUALITATIVE],
  ['及时', QUALITATIVE],
  ['合格', QUALITATIVE],
  ['到位', QUALITATIVE],
  ['一流', QUALITATIVE],
  ['十分满意', QUALITATIVE],
  ['全年至少一次', QUALITATIVE],
  ['每月电话回访一次', QUALITATIVE],
  ['力争每万人获得法律援助率达到十。', QUALITATIVE],
  ['指导协调全市12348法律服务工作', QUALITATIVE],
  ['建成 1+14+7+N非 诉纠纷调解 机制', QUALITATIVE],
  ['按照1:15和1:50的比例配备人员', QUALITATIVE],
  ['打造1-2个街镇实体平台示范点', QUALITATIVE],
  ['2020-12-31', QUALITATIVE],
  ['2021年12月底前', QUALITATIVE],
  ['12月底', QUALITATIVE],
  ['百分之', QUALITATIVE],
  ['N/A', QUALITATIVE],
  ['  有明显进步  ', QUALITATIVE],
  ['调查评估率100%；无脱管、漏管；帮教走访率100%', QUALITATIVE],
  // malformed
  ['≥', malformed('noNumber')],
  ['≥%', malformed('noNumber')],
  ['>=件', malformed('noNumber')],
  ['＞＝', malformed('noNumber')],
  ['%', malformed('noNumber')],
  ['/', malformed('noNumber')],
  ['——', malformed('noNumber')],
  ['，；', malformed('noNumber')],
  ['9..5%', malformed('badNumber')],
  ['1.2.3件', malformed('badNumber')],
  ['1,2,3件', malformed('badNumber')],
  ['≥.5', malformed('badNumber')],
  ['.5', malformed('badNumber')],
  ['-5%', malformed('badNumber')],
  ['=-5%', malformed('badNumber')],
  ['1'.padEnd(30, '0'), malformed('badNumber')],
  ['≥90%*', malformed('forbiddenChar')],
  ['_', malformed('forbiddenChar')],
  ['健全*', malformed('forbiddenChar')],
  ['90%左右吧', malformed('danglingText')],
  ['100%完成', malformed('danglingText')],
  ['≥95%满意', malformed('danglingText')],
  ['1 2件', malformed('danglingText')],
  ['1e5', malformed('danglingText')],
  ['~90%', malformed('danglingText')],
  ['1个-2件', malformed('danglingText')],
  ['90%,≥', malformed('noNumber')],
];

function expected(text: string, e: TargetReading | typeof QUALITATIVE): TargetReading {
  return e === QUALITATIVE ? { kind: 'qualitative', text: text.trim() } : e;
}

describe('parseTarget', () => {
  test.each(SEED_VALUES)('seed value %j', (text, e) => {
    expect(parseTarget(text)).toEqual(expected(text, e));
  });

  test.each(EXAMPLES)('%j', (text, e) => {
    expect(parseTarget(text)).toEqual(expected(text, e));
  });

  test('every reading in the tables satisfies the schema', () => {
    for (const [text] of [...SEED_VALUES, ...EXAMPLES]) TargetReading.parse(parseTarget(text));
  });
});

describe('formatQuantity', () => {
  test.each([
    [{ op: 'ge', value: 389, unit: '件' }, '≥389件'],
    [{ op: 'eq', value: 100, unit: '%' }, '=100%'],
    [{ op: 'gt', value: 96, unit: '%' }, '>96%'],
    [{ op: 'lt', value: 1, unit: '%' }, '<1%'],
    [{ op: 'le', value: 10, unit: '万元' }, '≤10万元'],
    [{ op: 'ge', value: 200, unit: '人/次' }, '≥200人/次'],
    [{ op: 'eq', value: 1, unit: '年', label: '按工作计划' }, '=1年'],
    [{ op: 'ge', value: 80, unit: null }, '≥80'],
    [{ op: 'eq', value: 0.1 + 0.2, unit: '%' }, '=0.3%'],
    [{ op: 'eq', value: 1 / 3, unit: null }, '=0.333333'],
    [{ op: 'eq', value: 1e-7, unit: null }, '=0'],
  ] as const)('%j → %s', (quantity, text) => {
    expect(formatQuantity(quantity)).toBe(text);
  });
});

// The parser's own alphabet, so that random strings hit its branches rather than only the qualitative one.
const TOKENS = [
  ...['≥', '≤', '>', '<', '=', '＞', '＜', '＝', '>=', '<=', '＞＝', '≧', '≦'],
  ...'0123456789０１２３４５６７８９'.split(''),
  ...['.', ',', '．', '％', '%', '‰'],
  ...TARGET_UNITS,
  ...['个工作日', '个小时', '万'],
  ...'零一二两三四五六七八九十百千万点'.split(''),
  ...['百分之', '千分之', '万分之'],
  ...['以上', '以下', '以内', '内', '及以上', '不低于', '不少于', '至少', '不超过', '低于', '高于', '超过'],
  ...['，', ',', '；', ';', '、', '\n', '。', ' ', '　'],
  ...['-', '～', '~', '至', '到', '—', ':', '：', '比', '/'],
  ...['参考率', '自结案之日起', '健全', '满意度', '年', '月', '底', 'a', 'N', '(', ')', '*', '_', '+'],
];
const alphabetString = fc.array(fc.constantFrom(...TOKENS), { maxLength: 12 }).map((t) => t.join(''));
/** Shaped like a target ('参考率≥１,５００.5件以上', '1～2个', '1:15'), alone or several in one cell. */
const numberText = fc.oneof(
  fc.integer({ min: 0, max: 100_000 }).map(String),
  fc.tuple(fc.nat(9999), fc.nat(99)).map(([a, b]) => `${a}.${b}`),
  fc.integer({ min: 1000, max: 9_999_999 }).map((n) => n.toLocaleString('en-US')),
  fc.nat(999).map((n) => String(n).replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0))),
  fc.constantFrom('一', '两', '十', '十五', '二十', '一百零五', '百分之九十', '千分之五', '万分之十'),
);
const targetShaped = fc
  .tuple(
    fc.constantFrom('', '', '参考率', '自结案之日起', '满意度不低于'),
    fc.constantFrom('', '', '≥', '＞', '<=', '＝', '不少于'),
    numberText,
    fc.constantFrom('', ...TARGET_UNITS, '个工作日', '％'),
    fc.oneof(
      fc.constantFrom('', '', '以上', '以内', '内', '左右'),
      numberText.map((n) => `-${n}`),
      numberText.map((n) => `：${n}`),
    ),
  )
  .map((parts) => parts.join(''));
const cellShaped = fc
  .tuple(
    fc.array(targetShaped, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('，', '；', '、', '\n', ', '),
  )
  .map(([targets, separator]) => targets.join(separator));

const anyString = fc.oneof(
  cellShaped,
  alphabetString,
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.string(),
);

describe('parseTarget properties', () => {
  test('never throws and always satisfies the TargetReading schema', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const result = TargetReading.safeParse(parseTarget(text));
        return result.success;
      }),
      { numRuns: 1000 },
    );
  });

  test('reads back every standard quantity', () => {
    const quantity = fc.record({
      op: fc.constantFrom<ComparisonOp>('ge', 'gt', 'eq', 'lt', 'le'),
      value: fc.integer({ min: 0, max: 100_000_000 }).map((cents) => cents / 100),
      unit: fc.option(fc.constantFrom(...TARGET_UNITS), { nil: null }),
    });
    fc.assert(
      fc.property(quantity, (qty) => {
        const text = formatQuantity(qty);
        const r = parseTarget(text);
        expect(r).toMatchObject({
          kind: 'quantitative',
          op: qty.op,
          value: qty.value,
          unit: qty.unit,
          opImplicit: false,
          label: '',
          notes: [],
          normalized: text,
        });
      }),
      { numRuns: 1000 },
    );
  });

  test('normalized text reads back as itself', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const r = parseTarget(text);
        const normalized =
          r.kind === 'quantitative' || r.kind === 'range' || r.kind === 'ratio'
            ? [r.normalized]
            : r.kind === 'compound'
              ? r.parts.map((p) => p.normalized)
              : [];
        for (const n of normalized) {
          const again = parseTarget(n);
          expect(again).toHaveProperty('normalized', n);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
