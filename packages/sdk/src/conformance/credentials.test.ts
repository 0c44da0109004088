import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialsError, readCredentialsFile } from './credentials';

const scratch = mkdtempSync(join(tmpdir(), 'unsilo-credentials-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('readCredentialsFile', () => {
  it('refuses a file nested too deep or too large with a reason', () => {
    const deep = join(scratch, 'deep.yaml');
    writeFileSync(deep, `providerA: ${'['.repeat(100_000)}`);
    expect(() => readCredentialsFile(deep)).toThrow(
      new CredentialsError(`${deep}: nested deeper than 64 levels, not read`),
    );
    const large = join(scratch, 'large.yaml');
    writeFileSync(large, `# ${'x'.repeat(1024 * 1024)}\n`);
    expect(() => readCredentialsFile(large)).toThrow(
      new CredentialsError(`${large}: larger than 1 MiB, not read`),
    );
  });

  it('reads the four roles', () => {
    const file = join(scratch, 'ok.yaml');
    const role = (id: string) => `{ clientId: ${id}, clientSecret: s-${id} }`;
    writeFileSync(
      file,
      `providerA: ${role('a')}\nproviderB: ${role('b')}\nvendor: ${role('v')}\nauthority: ${role('au')}\n`,
    );
    expect(readCredentialsFile(file).vendor).toEqual({ clientId: 'v', clientSecret: 's-v' });
  });
});
