import { randomBytes } from 'node:crypto';
import type { ClientSecretIssued, RotateClientSecretRequest } from '@unsilo/sdk/schemas';
import { newSecret, sealSecret } from '../auth/client-secrets';
import type { OperationHandlers, OperationInput } from '../http/operation';
import { Problem } from '../problems/problem';
import type { Services } from '../services';
import type { StoredSecret } from '../storage/ports';
import { afterOf, limitOf, pageOf } from './page';

/** The default and longest grace period of a rotated secret, in seconds (as the contract says). */
const defaultGraceSeconds = 24 * 3600;

/** A secret must never be cached by a proxy or a browser. */
const noStore = { 'cache-control': 'no-store', pragma: 'no-cache' };

/**
 * The authority's operations on client credentials (the spec's `x-roles: [authority]` admits nobody else). A new
 * secret is in the answer once; the store keeps its scrypt hash and its sealed HMAC key. Each change is audited
 * with the client id, never the secret.
 */
export function clientRoutes(services: Services): OperationHandlers {
  const { departments, clients, state } = services;
  const at = () => new Date(state.now()).toISOString();

  async function sealedSecret(): Promise<{ secret: string; stored: StoredSecret }> {
    const { secret, salt, hash } = await newSecret();
    return {
      secret,
      stored: { secretSalt: salt, secretHash: hash, hmacKeySealed: sealSecret(secret, state.sealingKey) },
    };
  }
  async function departmentOf(input: OperationInput): Promise<string> {
    const department = await departments.get(input.params.departmentId!);
    if (!department)
      throw new Problem('department.not_found', `No department has the id ${input.params.departmentId}`);
    return department.id;
  }
  function audited(input: OperationInput, clientId: string, detail: Record<string, unknown> = {}): void {
    input.request.auditFacts = { detail: { clientId, ...detail } };
  }

  return {
    createClient: async (input) => {
      const departmentId = await departmentOf(input);
      const { secret, stored } = await sealedSecret();
      const clientId = `${departmentId}-${randomBytes(5).toString('hex')}`;
      const client = await clients.add({ clientId, departmentId, createdAt: at(), ...stored });
      audited(input, clientId, { departmentId });
      const body: ClientSecretIssued = { client, clientSecret: secret };
      return { status: 201, body, headers: noStore };
    },
    listClients: async (input) => {
      const departmentId = await departmentOf(input);
      const limit = limitOf(input.query);
      const rows = await clients.listOf(departmentId, afterOf('cli', input.query) ?? '', limit + 1);
      return {
        status: 200,
        body: pageOf(
          rows,
          limit,
          'cli',
          (c) => c.clientId,
          (c) => c,
        ),
      };
    },
    rotateClientSecret: async (input) => {
      const clientId = input.params.clientId!;
      const grace = (input.body as RotateClientSecretRequest).graceSeconds ?? defaultGraceSeconds;
      const { secret, stored } = await sealedSecret();
      const rotated = await clients.rotate(clientId, stored, state.now() + grace * 1000, at());
      if (rotated === undefined) throw clientNotFound(clientId);
      if (rotated === 'revoked')
        throw new Problem('client.revoked', `Client ${clientId} is revoked; add a new client instead`);
      audited(input, clientId, { departmentId: rotated.departmentId, graceSeconds: grace });
      const body: ClientSecretIssued = { client: rotated, clientSecret: secret };
      return { status: 200, body, headers: noStore };
    },
    revokeClient: async (input) => {
      const clientId = input.params.clientId!;
      const revoked = await clients.revoke(clientId, at());
      if (!revoked) throw clientNotFound(clientId);
      audited(input, clientId, { departmentId: revoked.departmentId });
      return { status: 200, body: revoked };
    },
  };
}

function clientNotFound(clientId: string): Problem {
  return new Problem('client.not_found', `No client has the id ${clientId}`);
}
