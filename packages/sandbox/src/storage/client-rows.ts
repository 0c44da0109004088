import type { Client } from '@unsilo/sdk/schemas';

/** A client's row as both stores select it (`clientColumns`), before it becomes the contract's `Client`. */
export interface ClientRow {
  clientId: string;
  departmentId: string;
  createdAt: string;
  rotatedAt: string | null;
  revokedAt: string | null;
  /** ms since the epoch, from the previous secret's row; null without one. */
  previousExpiresAt: number | string | null;
}

/** The columns of `ClientRow`, over `clients c LEFT JOIN client_previous_secrets p` (quoted for PostgreSQL). */
export const clientColumns = `c.client_id AS "clientId", c.department_id AS "departmentId",
  c.created_at AS "createdAt", c.rotated_at AS "rotatedAt", c.revoked_at AS "revokedAt",
  p.expires_at AS "previousExpiresAt"`;

export const clientFrom = 'clients c LEFT JOIN client_previous_secrets p ON p.client_id = c.client_id';

export function toClient(row: ClientRow): Client {
  return {
    clientId: row.clientId,
    departmentId: row.departmentId,
    createdAt: row.createdAt,
    rotatedAt: row.rotatedAt,
    revokedAt: row.revokedAt,
    previousSecretExpiresAt:
      row.previousExpiresAt === null ? null : new Date(Number(row.previousExpiresAt)).toISOString(),
  };
}
