import type { DeclarationKind } from '../../model';
import type { DeclarationSummary, Receipt } from '../../submit/protocol';

/** A writer's credential as stored: never the token itself, only its sha256. */
export interface TokenRecord {
  id: string;
  unit: string;
  createdAt: string;
  revokedAt: string | null;
}

/** One submission, already validated: the store only decides where it goes. */
export interface SubmitInput {
  /** the token's unit (NFKC, trimmed): the key scope and the identity's unit */
  unit: string;
  idempotencyKey: string;
  year: number;
  kind: DeclarationKind;
  /** identityOf(decl).name */
  name: string;
  /** canonicalJson(Declaration.parse(body)): stored and returned byte for byte */
  body: string;
  /** sha256 hex of `body` */
  sha256: string;
}

export type SubmitResult =
  | { outcome: 'created'; receipt: Receipt }
  | { outcome: 'replayed'; receipt: Receipt }
  /** the key was used by this unit for a different body */
  | { outcome: 'conflict' };

export interface StoredVersion {
  receipt: Receipt;
  unit: string;
  /** the canonical JSON exactly as stored */
  body: string;
}

export interface ListFilter {
  unit: string;
  year?: number;
  kind?: DeclarationKind;
}

/** A form package as the forms table keeps it. */
export interface FormInput {
  id: string;
  version: number;
  kind: DeclarationKind;
  /** the Chinese title, for people reading the table */
  title: string;
  year: number | null;
  /** sha256 hex of `package` */
  sha256: string;
  /** canonicalJson of the checked package: stored and served byte for byte */
  package: string;
}

export interface StoredForm extends FormInput {
  publishedAt: string;
}

export type FormKey = Pick<StoredForm, 'id' | 'version' | 'sha256'>;

export type PublishResult =
  | {
      ok: true;
      /** `unchanged`: this id and version was published before with these very bytes */
      forms: (Pick<StoredForm, 'id' | 'version' | 'publishedAt'> & { outcome: 'published' | 'unchanged' })[];
    }
  /** a version published before with other bytes (a published version is immutable); nothing was stored */
  | { ok: false; conflicts: Pick<StoredForm, 'id' | 'version' | 'publishedAt'>[] };

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Applies pending migrations; safe to call on every start and from several processes at once. */
  migrate(): Promise<void>;
  createToken(token: { id: string; unit: string; hash: string }): Promise<TokenRecord>;
  /** true when an active token was revoked; false when there is none with that id or it was revoked already */
  revokeToken(id: string): Promise<boolean>;
  /** the active (not revoked) token with this hash */
  findToken(hash: string): Promise<TokenRecord | null>;
  /**
   * Atomically: replay or refuse a known key, else store a new version of the declaration with this
   * identity (version 1 of a new declaration, or latest + 1). Concurrent calls with the same key store once.
   */
  submit(input: SubmitInput): Promise<SubmitResult>;
  /** a version (the latest without `version`), or null; the caller checks the unit */
  get(id: string, version?: number): Promise<StoredVersion | null>;
  /** the unit's declarations, each with its latest version */
  list(filter: ListFilter): Promise<DeclarationSummary[]>;
  /**
   * Atomically, all or nothing: store each package not published yet; the same id and version with the
   * same sha256 is unchanged, with another sha256 a conflict, and any conflict stores none of them.
   */
  publishForms(forms: FormInput[]): Promise<PublishResult>;
  /** every published id and version, ordered by id and version: cheap, for noticing new ones */
  formKeys(): Promise<FormKey[]>;
  getForm(id: string, version: number): Promise<StoredForm | null>;
  /** throws when the database cannot answer (for /healthz) */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The database is busy beyond the bound (another process holds SQLite's write lock) or does not answer
 * (PostgreSQL stopped): nothing was stored, and the same request may be sent again.
 */
export class StoreUnavailable extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    options?: { cause?: unknown },
  ) {
    super('the database is busy or does not answer', options);
    this.name = 'StoreUnavailable';
  }
}
