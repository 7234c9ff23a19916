/**
 * The process log's destination (issue #11): the lines of one event-loop turn are written in one
 * write, in order, never later than the end of that turn; a large turn is written as it grows;
 * `flush` and `flushSync` write what is pending at once.
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/server/logger.js';
import { createTurnBufferedDestination } from '../../../src/server/log-destination.js';

/** A sink that records each write, and a scheduler the test runs by hand. */
function harness(flushLength?: number) {
  const writes: string[] = [];
  const turns: (() => void)[] = [];
  const destination = createTurnBufferedDestination(
    { write: (text: string) => writes.push(text) },
    { schedule: (task) => turns.push(task), ...(flushLength === undefined ? {} : { flushLength }) },
  );
  const endTurn = (): void => {
    for (const task of turns.splice(0)) task();
  };
  return { writes, turns, destination, endTurn };
}

describe('turn-buffered log destination', () => {
  it('writes the lines of one turn in one write, in order, when the turn ends', () => {
    const { writes, turns, destination, endTurn } = harness();
    destination.write('a\n');
    destination.write('b\n');
    destination.write('c\n');
    expect(writes).toEqual([]);
    expect(turns).toHaveLength(1); // one end-of-turn task, not one per line
    endTurn();
    expect(writes).toEqual(['a\nb\nc\n']);
  });

  it('writes the next turn separately, and nothing for a turn without lines', () => {
    const { writes, destination, endTurn } = harness();
    destination.write('one\n');
    endTurn();
    endTurn();
    destination.write('two\n');
    endTurn();
    expect(writes).toEqual(['one\n', 'two\n']);
  });

  it('writes at once when a turn reaches flushLength, and the rest at the end of the turn', () => {
    const { writes, destination, endTurn } = harness(8);
    destination.write('12345\n');
    expect(writes).toEqual([]);
    destination.write('678\n');
    expect(writes).toEqual(['12345\n678\n']);
    destination.write('9\n');
    endTurn();
    expect(writes).toEqual(['12345\n678\n', '9\n']);
  });

  it('flush writes the pending lines before it calls back; flushSync writes them at once', () => {
    const { writes, destination, endTurn } = harness();
    destination.write('x\n');
    const order: string[] = [];
    destination.flush(() => order.push(`callback after ${writes.length} write(s)`));
    expect(order).toEqual(['callback after 1 write(s)']);
    destination.write('y\n');
    destination.flushSync();
    expect(writes).toEqual(['x\n', 'y\n']);
    endTurn(); // the turn's task finds nothing left
    expect(writes).toEqual(['x\n', 'y\n']);
  });

  it('passes a write error to the flush callback', () => {
    const destination = createTurnBufferedDestination(
      {
        write: () => {
          throw new Error('EPIPE');
        },
      },
      { schedule: () => undefined },
    );
    destination.write('lost\n');
    let failure: Error | undefined;
    destination.flush((error) => (failure = error));
    expect(failure?.message).toBe('EPIPE');
  });

  it('carries pino lines unchanged, each whole', () => {
    const { writes, destination, endTurn } = harness();
    const logger = createLogger('info', destination);
    logger.info({ requestId: 'r1' }, 'first');
    logger.info({ requestId: 'r2' }, 'second');
    endTurn();
    expect(writes).toHaveLength(1);
    const lines = writes[0]!.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((line) => JSON.parse(line) as { msg: string; requestId: string })).toEqual([
      expect.objectContaining({ msg: 'first', requestId: 'r1' }),
      expect.objectContaining({ msg: 'second', requestId: 'r2' }),
    ]);
  });

  it('writes the lines of the turn a process exits in to stdout (the wiring of src/main.ts)', () => {
    // A child process logs and exits in the same turn: only flushSync at exit can write them.
    const script = `
      import { createStdoutDestination } from './src/server/log-destination.ts';
      import { createLogger } from './src/server/logger.ts';
      const destination = createStdoutDestination();
      const logger = createLogger('info', destination);
      process.on('exit', () => destination.flushSync());
      for (let i = 0; i < 3; i++) logger.info({ i }, 'line');
      process.exit(0);
    `;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(child.status).toBe(0);
    const lines = child.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { i: number });
    expect(lines.map((line) => line.i)).toEqual([0, 1, 2]);
  });
});
