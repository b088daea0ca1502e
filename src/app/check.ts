import type { Declaration, Finding, ProfileId, SourceMap } from '../model';
import { LAYOUTS, readSnapshot, render, type WorkbookSnapshot } from '../layouts';
import { toFinding } from '../rules/draft';
import { validate } from '../rules';

export interface DeclarationCheck {
  declaration: Declaration;
  sourceMap: SourceMap;
  /** read problems (unreadable cells) first, then the rules' findings, worst first */
  findings: Finding[];
}

export interface CheckOptions {
  /** validate under this framework instead of the one the declaration names */
  profile?: ProfileId;
}

/**
 * A declaration without a workbook (a model JSON file, a submission to the endpoint): every rule, with each
 * finding placed on the cell its layout would put the value in. The CLI's validate and submit and the
 * endpoint all check a model through here, so they agree on every finding and every cell.
 */
export function checkDeclaration(declaration: Declaration, opts: CheckOptions = {}): DeclarationCheck {
  const sourceMap = render(LAYOUTS[declaration.kind], declaration).sourceMap;
  return { declaration, sourceMap, findings: validate(declaration, { profile: opts.profile, sourceMap }) };
}

/** Read a workbook snapshot and run every rule on it: what the CLI and the task pane both do. */
export function checkSnapshot(
  snap: WorkbookSnapshot,
  opts: CheckOptions = {},
  file?: string,
): DeclarationCheck {
  const read = readSnapshot(snap, file);
  const findings = [
    ...read.problems.map((p) => toFinding(p, read.sourceMap)),
    ...validate(read.declaration, { profile: opts.profile, sourceMap: read.sourceMap }),
  ];
  return { declaration: read.declaration, sourceMap: read.sourceMap, findings };
}
