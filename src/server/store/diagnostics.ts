import { randomUUID } from 'crypto';
import BetterSqlite3 from 'better-sqlite3';
import { Pool } from 'pg';
import { SelfTestReport } from '../../submit/diagnostics';
import type { StoredReport, TokenRole } from '../../submit/diagnosticsApi';
import { PgRunner, SqliteRunner, type Runner } from './runner';

/** The newest reports kept per token: a unit sends a few, and a misbehaving client cannot fill the disk. */
export const REPORTS_PER_TOKEN = 20;

export interface NewReport {
  tokenId: string;
  role: TokenRole;
  owner: string;
  /** checked by the route already */
  report: SelfTestReport;
}

/** Self-test reports sent to the endpoint (migration 4), for the bureau's IT and `jixiao diagnostics`. */
export interface DiagnosticsStore {
  /** stores it, and drops this token's reports beyond the newest REPORTS_PER_TOKEN */
  add(r: NewReport): Promise<StoredReport>;
  /** newest first; every report without `limit` */
  recent(limit?: number): Promise<StoredReport[]>;
  close(): Promise<void>;
}

interface ReportRow {
  id: string;
  role: TokenRole;
  owner: string;
  received_at: string;
  report: string;
}

function reportOf(text: string): SelfTestReport | null {
  try {
    const r = SelfTestReport.safeParse(JSON.parse(text));
    return r.success ? r.data : null;
  } catch {
    return null;
  }
}

class SqlDiagnosticsStore implements DiagnosticsStore {
  constructor(private readonly db: Runner) {}

  async add(r: NewReport): Promise<StoredReport> {
    const id = randomUUID();
    const receivedAt = new Date().toISOString();
    await this.db.tx(async (t) => {
      await t.run(
        `INSERT INTO diagnostics (id, token_id, role, owner, received_at, report)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [id, r.tokenId, r.role, r.owner, receivedAt, JSON.stringify(r.report)],
      );
      await t.run(
        `DELETE FROM diagnostics WHERE token_id = $1 AND id NOT IN (
           SELECT id FROM diagnostics WHERE token_id = $1 ORDER BY received_at DESC, id DESC LIMIT $2)`,
        [r.tokenId, REPORTS_PER_TOKEN],
      );
    });
    return { id, receivedAt, role: r.role, owner: r.owner, report: r.report };
  }

  async recent(limit?: number): Promise<StoredReport[]> {
    const rows = await this.db.all<ReportRow>(
      `SELECT id, role, owner, received_at, report FROM diagnostics ORDER BY received_at DESC, id DESC
       ${limit === undefined ? '' : 'LIMIT $1'}`,
      limit === undefined ? [] : [limit],
    );
    // Parsed again on the way out: a row written by hand (or by an older jixiao) is not passed on unchecked.
    return rows.flatMap((row) => {
      const report = reportOf(row.report);
      return report
        ? [{ id: row.id, receivedAt: row.received_at, role: row.role, owner: row.owner, report }]
        : [];
    });
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** On the endpoint's database, with a connection of its own (migrated by opening the main store). */
export function sqliteDiagnosticsStore(file: string): DiagnosticsStore {
  const db = new BetterSqlite3(file);
  db.pragma('busy_timeout = 250');
  return new SqlDiagnosticsStore(new SqliteRunner(db));
}

export function postgresDiagnosticsStore(connectionString: string, max = 2): DiagnosticsStore {
  return new SqlDiagnosticsStore(new PgRunner(new Pool({ connectionString, max })));
}
