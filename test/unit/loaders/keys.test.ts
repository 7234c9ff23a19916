import { describe, expect, it } from 'vitest';
import { parseImageStreamImageName } from '../../../src/loaders/keys.js';
import { limitsGateway } from '../../support/limits-gateway.js';

function rejection(namespace: string, name: string) {
  try {
    parseImageStreamImageName(namespace, name);
  } catch (error) {
    return error as { code?: string; message: string; details?: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

describe('parseImageStreamImageName input validation', () => {
  it.each(['Demo', '-demo', 'demo-', 'de_mo', 'de.mo', '', 'a'.repeat(64), 'démo', '..'])(
    'rejects the namespace %j as BAD_USER_INPUT naming the argument',
    (namespace) => {
      const error = rejection(namespace, 'ubuntu@sha256:abc');
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.details).toEqual({ argument: 'namespace' });
      expect(error.message).toMatch(/^The namespace must be a DNS-1123 label .*, but got: "/);
    },
  );

  it.each([
    'Ubuntu',
    'ub/untu',
    'ub%2Funtu',
    '.',
    '..',
    '.ubuntu',
    'ubuntu-',
    'a___b',
    'ub untu',
    'a'.repeat(256),
  ])('rejects the stream %j as BAD_USER_INPUT saying what was expected', (stream) => {
    const error = rejection('demo', `${stream}@sha256:abc`);
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.details).toEqual({ argument: 'name', part: 'stream' });
    expect(error.message).toContain("separated by '.', '_', '__' or '-'");
  });

  it.each([
    ['a', 'ubuntu'],
    ['a'.repeat(63), 'ubuntu.v2'],
    ['my-project-1', 'my_image'],
    ['0', 'a__b'],
    ['demo', 'a--b'],
    ['demo', 'a'.repeat(255)],
  ])('accepts the namespace %j and the stream %j the API accepts', (namespace, stream) => {
    expect(parseImageStreamImageName(namespace, `${stream}@sha256:abc`)).toEqual({
      namespace,
      stream,
      id: 'sha256:abc',
    });
  });

  it('accepts every id that is a digest or a prefix of one, as the API matches it', () => {
    for (const id of [
      '1a06d6',
      'a',
      's',
      'sha',
      'sha256:',
      'sha256:ab12',
      `sha256:${'a'.repeat(64)}`,
      'f'.repeat(64),
      'sha512:0f',
      'sha38',
    ]) {
      expect(parseImageStreamImageName('demo', `ubuntu@${id}`).id).toBe(id);
    }
  });

  it('refuses an id that cannot match any digest (case-sensitive hex, known algorithms) before any GET', async () => {
    for (const id of [
      'sha256:ABC',
      'ABC',
      'notadigest',
      '../x',
      '%2F',
      'a b?c#d',
      '\u0000',
      'é'.repeat(300),
      'sha1:ab',
      'md5:',
      `sha256:${'a'.repeat(65)}`,
      'a'.repeat(129),
      'sha256:ab:cd',
    ]) {
      expect(rejection('demo', `ubuntu@${id}`).details).toEqual({ argument: 'name', part: 'id' });
    }
    const { query, calls } = await limitsGateway();
    const { body } = await query(
      '{ imageStreamImage(namespace: "demo", name: "ubuntu@latest") { kind } }',
    );
    expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(calls).toEqual([]);
  });

  it('cuts a very long value short in the message', () => {
    const error = rejection('demo', `${'X'.repeat(10_000)}@id`);
    expect(error.message.length).toBeLessThan(400);
    expect(error.message).toContain('(10000 characters)');
  });

  it('answers a bad namespace through the schema with BAD_USER_INPUT and no upstream GET', async () => {
    const { query, calls } = await limitsGateway();
    const { body } = await query(
      '{ imageStreamImages(namespace: "Demo", names: ["ubuntu@a"]) { kind } imageStreamImage(namespace: "demo", name: "Ubuntu@a") { kind } }',
    );
    // Errors arrive in completion order, not field order.
    expect(body.errors?.map((e) => e.extensions)).toEqual(
      expect.arrayContaining([
        { code: 'BAD_USER_INPUT', argument: 'namespace' },
        { code: 'BAD_USER_INPUT', argument: 'name', part: 'stream' },
      ]),
    );
    expect(body.errors).toHaveLength(2);
    expect(calls).toEqual([]);
  });
});
