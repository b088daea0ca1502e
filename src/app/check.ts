import type { Declaration, Finding, ProfileId, SourceMap } from '../model';
import { readSnapshot } from '../layouts';
import type { WorkbookSnapshot } from '../hosts/types';
import { toFinding } from '../rules/draft';
import { validate } from '../rules';

export interface SnapshotCheck {
  declaration: Declaration;
  sourceMap: SourceMap;
  /** read problems (unreadable cells) first, then the rules' findings, worst first */
  findings: Finding[];
}

/** Read a workbook snapshot and run every rule on it: what the CLI and the task pane both do. */
export function checkSnapshot(snap: WorkbookSnapshot, profile?: ProfileId, file?: string): SnapshotCheck {
  const read = readSnapshot(snap, file);
  const findings = [
    ...read.problems.map((p) => toFinding(p, read.sourceMap)),
    ...validate(read.declaration, { profile, sourceMap: read.sourceMap }),
  ];
  return { declaration: read.declaration, sourceMap: read.sourceMap, findings };
}
