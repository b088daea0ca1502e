import type { Finding, Severity } from '../model';
import { fmt } from '../rules/catalog';
import type { FileReport } from '../io/check';

export type { Lang } from './terminal';
import type { Lang } from './terminal';

const SEVERITY: Record<Severity, { zh: string; en: string }> = {
  error: { zh: '错误', en: 'Errors' },
  warning: { zh: '警告', en: 'Warnings' },
  info: { zh: '提示', en: 'Notes' },
};

const KIND: Record<string, { zh: string; en: string }> = {
  department: { zh: '部门整体支出绩效目标申报表', en: 'department-wide declaration' },
  project: { zh: '项目支出绩效目标申报表', en: 'project declaration' },
  specialFund: { zh: '专项资金预算绩效目标申报表', en: 'special-fund declaration' },
};

function where(f: Finding): string {
  if (!f.cell) return f.path;
  return `${f.sheet}!${f.cell}`;
}

function numbers(f: Finding, lang: Lang): string {
  if (f.expected === undefined && f.actual === undefined) return '';
  const l = lang === 'zh' ? ['应为', '实际', '差额'] : ['expected', 'actual', 'difference'];
  return `${l[0]} ${fmt(f.expected)}  ${l[1]} ${fmt(f.actual)}  ${l[2]} ${fmt(f.difference)}`;
}

/** The human report: grouped by file, then severity, each finding with its cell. */
export function formatReport(r: FileReport, lang: Lang): string {
  const out: string[] = [];
  if (r.error) {
    out.push(`✗ ${r.error}`);
    return out.join('\n');
  }
  const kind = r.kind ? KIND[r.kind][lang] : '';
  const errors = r.findings.filter((f) => f.severity === 'error').length;
  const mark = errors ? '✗' : '✓';
  // Several declarations in one workbook: each says its sheet and name.
  const sheet = r.sheet ? ` [${r.sheet}]` : '';
  const name = r.name ? ` ${r.name}` : '';
  out.push(`${mark} ${r.file}${sheet}${name}  (${kind}${r.form ? ` · ${r.form}` : ''})`);
  for (const sev of ['error', 'warning', 'info'] as const) {
    const list = r.findings.filter((f) => f.severity === sev);
    if (!list.length) continue;
    out.push(`  ${SEVERITY[sev][lang]} (${list.length})`);
    for (const f of list) {
      out.push(`    ${where(f).padEnd(22)} ${f.code}  ${f.message[lang]}`);
      const n = numbers(f, lang);
      if (n) out.push(`${' '.repeat(28)}${n}`);
      if (f.suggestion) out.push(`${' '.repeat(28)}${lang === 'zh' ? '建议' : 'Fix'}: ${f.suggestion[lang]}`);
    }
  }
  return out.join('\n');
}

export function summaryLine(reports: FileReport[], lang: Lang): string {
  const count = (s: Severity) =>
    reports.reduce((n, r) => n + r.findings.filter((f) => f.severity === s).length, 0);
  const unreadable = reports.filter((r) => r.error).length;
  const invalid = reports.filter((r) => r.findings.some((f) => f.severity === 'error')).length;
  const files = new Set(reports.map((r) => r.file)).size;
  const decls = reports.length - unreadable;
  if (decls !== files - unreadable)
    return lang === 'zh'
      ? `共 ${files} 个文件、${decls} 份申报：${invalid} 份有错误，${unreadable} 个文件无法读取；错误 ${count('error')} 条，警告 ${count('warning')} 条，提示 ${count('info')} 条。`
      : `${files} files, ${decls} declarations: ${invalid} with errors, ${unreadable} files unreadable; ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes.`;
  return lang === 'zh'
    ? `共 ${reports.length} 个文件：${invalid} 个有错误，${unreadable} 个无法读取；错误 ${count('error')} 条，警告 ${count('warning')} 条，提示 ${count('info')} 条。`
    : `${reports.length} files: ${invalid} with errors, ${unreadable} unreadable; ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes.`;
}
