/** ExcelApi requirement sets: which version each gated member needs, and version comparison. */

/** Members newer than ExcelApi 1.3 that the subset uses; older ones work on every host. */
export const API_VERSIONS = {
  'WorksheetCollection.getItemOrNullObject': '1.4',
  'Worksheet.getUsedRangeOrNullObject': '1.4',
  'NamedItemCollection.add': '1.4',
  'NamedItem.delete': '1.4',
  'Worksheet.getRangeByIndexes': '1.7',
  'Worksheet.onChanged': '1.7',
  'Worksheet.showGridlines': '1.8',
  'Range.dataValidation': '1.8',
  'RangeFill.pattern': '1.9',
  'Worksheet.pageLayout': '1.9',
  'Range.getMergedAreasOrNullObject': '1.13',
  'Worksheet.notes': '1.18',
} as const;

export type GatedMember = keyof typeof API_VERSIONS;

/** -1, 0 or 1, comparing "1.9" and "1.13" numerically part by part. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export function supports(maxVersion: string, minVersion: string): boolean {
  return compareVersions(maxVersion, minVersion) >= 0;
}
